/* SPDX-License-Identifier: MIT */
/* schema.c: compile the questionnaire JSON Schema subset (see schema.h). */
#include "schema.h"

#include <stdio.h>
#include <string.h>

struct sc {
    struct cv_arena *arena;
    struct cv_diags *diags;
    const char *source;
    const struct cv_node *root;
    unsigned depth;
};

static cv_status fail(struct sc *c, const struct cv_node *at, const char *msg,
                      const char *arg)
{
    struct cv_loc loc = { c->source, at ? at->path : "", 0, 0 };
    cv_lang lang = c->diags->lang;
    return cv_diags_fail(c->diags, CV_ECRITERIA, &loc,
                         CV_L(lang, "スキーマ: %s '%s'", "schema: %s '%s'"),
                         msg, arg ? arg : "");
}

static cv_status compile(struct sc *c, const struct cv_node *n,
                         const struct cv_schema **out);

static unsigned type_bit(const char *t)
{
    if (!t)
        return 0;
    if (strcmp(t, "object") == 0)
        return CV_ST_OBJECT;
    if (strcmp(t, "array") == 0)
        return CV_ST_ARRAY;
    if (strcmp(t, "string") == 0)
        return CV_ST_STRING;
    if (strcmp(t, "number") == 0)
        return CV_ST_NUMBER;
    if (strcmp(t, "integer") == 0)
        return CV_ST_INTEGER;
    if (strcmp(t, "boolean") == 0)
        return CV_ST_BOOLEAN;
    return 0;
}

static cv_status compile_type(struct sc *c, const struct cv_node *v,
                              struct cv_schema *s)
{
    const struct cv_node *t;
    if (v->kind == CV_NODE_STRING) {
        s->types = type_bit(v->text);
        return s->types ? CV_OK : fail(c, v, "unknown type", v->text);
    }
    if (v->kind != CV_NODE_ARRAY)
        return fail(c, v, "type must be a string or a list", NULL);
    for (t = v->first; t; t = t->next) {
        unsigned b = t->kind == CV_NODE_STRING ? type_bit(t->text) : 0;
        if (!b)
            return fail(c, t, "unknown type", t->text);
        s->types |= b;
    }
    return CV_OK;
}

/* A list can be written in XML as its items directly in the parent or
 * inside a wrapper element named like the member; the wrapper form exists
 * only where that name differs from the item's (not for storage, evidence,
 * whose items already carry the member's name). */
static const char *wrapper_name(const struct cv_schema_prop *p)
{
    const struct cv_schema *ps = p->schema;
    if (!(ps->types & CV_ST_ARRAY) || !ps->xml_item ||
        strcmp(ps->xml_item, p->xml_name) == 0)
        return NULL;
    return p->xml_name;
}

/* The element names by which the XML form reaches member `p`. */
static size_t xml_names_of(const struct cv_schema_prop *p, const char *out[2])
{
    if (p->schema->types & CV_ST_ARRAY) {
        out[0] = p->schema->xml_item;
        out[1] = p->xml_wrapper;
        return p->xml_wrapper ? 2 : 1;
    }
    out[0] = p->xml_name;
    return 1;
}

/* Each element name of an XML object must reach one member only, or the
 * reader would have to guess which one a vendor meant. */
static cv_status check_xml_names(struct sc *c, const struct cv_node *v,
                                 const struct cv_schema *s)
{
    size_t i, j, a, b;
    for (i = 0; i < s->nprops; i++) {
        const char *mine[2];
        size_t nmine = xml_names_of(&s->props[i], mine);
        for (j = i + 1; j < s->nprops; j++) {
            const char *theirs[2];
            size_t ntheirs = xml_names_of(&s->props[j], theirs);
            for (a = 0; a < nmine; a++)
                for (b = 0; b < ntheirs; b++)
                    if (strcmp(mine[a], theirs[b]) == 0)
                        return fail(c, v, "two members share the XML name",
                                    mine[a]);
        }
    }
    return CV_OK;
}

static cv_status compile_props(struct sc *c, const struct cv_node *v,
                               struct cv_schema *s)
{
    const struct cv_node *p;
    size_t i = 0;
    if (v->kind != CV_NODE_OBJECT)
        return fail(c, v, "properties must be an object", NULL);
    s->props = cv_arena_calloc(c->arena, v->count, sizeof(*s->props));
    if (!s->props && v->count)
        return CV_ENOMEM;
    for (p = v->first; p; p = p->next, i++) {
        char *xml, *q;
        cv_status st;
        s->props[i].name = p->name;
        xml = cv_arena_strdup(c->arena, p->name);
        if (!xml)
            return CV_ENOMEM;
        for (q = xml; *q; q++)
            if (*q == '_')
                *q = '-';
        s->props[i].xml_name = xml;
        st = compile(c, p, &s->props[i].schema);
        if (st != CV_OK)
            return st;
        s->props[i].xml_wrapper = wrapper_name(&s->props[i]);
    }
    s->nprops = v->count;
    return check_xml_names(c, v, s);
}

static cv_status compile_strings(struct sc *c, const struct cv_node *v,
                                 const char ***out, size_t *n)
{
    const struct cv_node *e;
    size_t i = 0;
    if (v->kind != CV_NODE_ARRAY)
        return fail(c, v, "expected a list of strings", NULL);
    *out = cv_arena_calloc(c->arena, v->count + 1, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (e = v->first; e; e = e->next) {
        if (e->kind != CV_NODE_STRING)
            return fail(c, e, "expected a string", NULL);
        (*out)[i++] = e->text;
    }
    *n = i;
    return CV_OK;
}

static cv_status compile_format(struct sc *c, const struct cv_node *v,
                                struct cv_schema *s)
{
    if (v->kind == CV_NODE_STRING && strcmp(v->text, "date") == 0)
        s->format = CV_SF_DATE;
    else if (v->kind == CV_NODE_STRING && strcmp(v->text, "country") == 0)
        s->format = CV_SF_COUNTRY;
    else if (v->kind == CV_NODE_STRING &&
             strcmp(v->text, "corporate-number") == 0)
        s->format = CV_SF_CORPORATE_NUMBER;
    else
        return fail(c, v, "unknown format", v->text);
    return CV_OK;
}

static cv_status resolve_ref(struct sc *c, const struct cv_node *v,
                             const struct cv_schema **out)
{
    const struct cv_node *defs, *target;
    static const char prefix[] = "#/$defs/";
    if (v->kind != CV_NODE_STRING ||
        strncmp(v->text, prefix, sizeof(prefix) - 1) != 0)
        return fail(c, v, "only #/$defs/ references are supported", v->text);
    defs = cv_node_member(c->root, "$defs");
    target = cv_node_member(defs, v->text + sizeof(prefix) - 1);
    if (!target)
        return fail(c, v, "unresolved reference", v->text);
    return compile(c, target, out);
}

static cv_status compile_member(struct sc *c, const struct cv_node *m,
                                struct cv_schema *s)
{
    const char *k = m->name;
    if (strcmp(k, "type") == 0)
        return compile_type(c, m, s);
    if (strcmp(k, "properties") == 0)
        return compile_props(c, m, s);
    if (strcmp(k, "required") == 0)
        return compile_strings(c, m, &s->required, &s->nrequired);
    if (strcmp(k, "enum") == 0)
        return compile_strings(c, m, &s->enums, &s->nenums);
    if (strcmp(k, "items") == 0)
        return compile(c, m, &s->items);
    if (strcmp(k, "format") == 0)
        return compile_format(c, m, s);
    if (strcmp(k, "x-xml-item") == 0) {
        if (m->kind != CV_NODE_STRING)
            return fail(c, m, "x-xml-item must be a string", NULL);
        s->xml_item = m->text;
        return CV_OK;
    }
    if (strcmp(k, "additionalProperties") == 0) {
        if (m->kind != CV_NODE_BOOL || m->boolean)
            return fail(c, m, "additionalProperties must be false", NULL);
        return CV_OK;
    }
    if (strcmp(k, "minimum") == 0 || strcmp(k, "maximum") == 0) {
        if (m->kind != CV_NODE_NUMBER)
            return fail(c, m, "expected a number", k);
        if (k[1] == 'i') {
            s->has_min = true;
            s->min = m->number;
        } else {
            s->has_max = true;
            s->max = m->number;
        }
        return CV_OK;
    }
    if (strcmp(k, "title") == 0 || strcmp(k, "description") == 0 ||
        strcmp(k, "$schema") == 0 || strcmp(k, "$id") == 0 ||
        strcmp(k, "$defs") == 0)
        return CV_OK;
    return fail(c, m, "unsupported keyword", k);
}

static cv_status compile(struct sc *c, const struct cv_node *n,
                         const struct cv_schema **out)
{
    struct cv_schema *s;
    const struct cv_node *m;
    const struct cv_node *ref;
    cv_status st = CV_OK;

    if (n->kind != CV_NODE_OBJECT)
        return fail(c, n, "a schema must be an object", NULL);
    if (++c->depth > 32)
        return fail(c, n, "schema nested too deeply", NULL);
    ref = cv_node_member(n, "$ref");
    if (ref) {
        st = resolve_ref(c, ref, out);
        c->depth--;
        return st;
    }
    s = cv_arena_alloc(c->arena, sizeof(*s));
    if (!s)
        return CV_ENOMEM;
    for (m = n->first; m && st == CV_OK; m = m->next)
        st = compile_member(c, m, s);
    if (st == CV_OK && (s->types & CV_ST_ARRAY) && !s->items)
        st = fail(c, n, "an array schema needs items", NULL);
    /* Without it the XML form could not name the items: every list of an
     * XML submission would be lost. */
    if (st == CV_OK && (s->types & CV_ST_ARRAY) && !s->xml_item)
        st = fail(c, n, "an array schema needs x-xml-item", NULL);
    c->depth--;
    *out = s;
    return st;
}

cv_status cv_schema_compile(const struct cv_schema **out,
                            const struct cv_node *doc, struct cv_arena *arena,
                            struct cv_diags *diags, const char *source)
{
    struct sc c = { arena, diags, source, doc, 0 };
    *out = NULL;
    return compile(&c, doc, out);
}

const struct cv_schema_prop *cv_schema_prop(const struct cv_schema *s,
                                            const char *name)
{
    size_t i;
    for (i = 0; s && i < s->nprops; i++)
        if (strcmp(s->props[i].name, name) == 0)
            return &s->props[i];
    return NULL;
}

const struct cv_schema *cv_schema_at(const struct cv_schema *root,
                                     const char *dotted)
{
    const struct cv_schema *s = root;
    char step[128];
    const char *p = dotted;
    while (s && *p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        const struct cv_schema_prop *prop;
        if (len == 0 || len >= sizeof(step))
            return NULL;
        memcpy(step, p, len);
        step[len] = '\0';
        while (s && (s->types & CV_ST_ARRAY))
            s = s->items;
        prop = cv_schema_prop(s, step);
        s = prop ? prop->schema : NULL;
        p = dot ? dot + 1 : p + len;
    }
    return s;
}
