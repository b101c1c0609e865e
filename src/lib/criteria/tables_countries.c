/* SPDX-License-Identifier: MIT */
/*
 * tables_countries.c: criteria/data/countries.json, the countries of
 * ISO 3166-1 (codes, alpha-3 codes, English and Japanese names), cloudvet's
 * aliases, and the forms in which a governing law is named.
 *
 * Every code and name becomes one key (cv_fold_key), sorted, so that the
 * normaliser's lookup is an exact comparison (norm/normtext.h). A key that
 * names two countries is an error here: a name must say one country.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/unicode.h"
#include "criteria.h"

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* What the loader builds before it is sorted into the table. */
struct builder {
    struct cv_arena *arena;
    struct cv_diags *diags;
    const char *file;
    struct cv_country_name *names;
    size_t nnames, cap;
};

static cv_status grow(struct builder *b)
{
    struct cv_country_name *n;
    size_t cap = b->cap ? b->cap * 2 : 1024;
    if (cap < b->cap || cap > SIZE_MAX / sizeof(*n))
        return CV_ENOMEM;
    n = cv_arena_calloc(b->arena, cap, sizeof(*n));
    if (!n)
        return CV_ENOMEM;
    if (b->nnames)
        memcpy(n, b->names, b->nnames * sizeof(*n));
    b->names = n;
    b->cap = cap;
    return CV_OK;
}

static cv_status add_name(struct builder *b, const struct cv_node *at,
                          const char *code, bool adjective)
{
    cv_status st;
    char *key;
    if (!at || at->kind != CV_NODE_STRING)
        return cv_crit_error(b->diags, b->file, at,
                             "国名は文字列でなければなりません%s",
                             "a country name must be a string%s", "");
    key = cv_fold_key(b->arena, at->text, at->text_len);
    if (!key)
        return CV_ENOMEM;
    if (!*key)
        return cv_crit_error(b->diags, b->file, at, "空の国名 '%s'",
                             "empty country name '%s'", at->text);
    if (b->nnames == b->cap && (st = grow(b)) != CV_OK)
        return st;
    b->names[b->nnames].key = key;
    b->names[b->nnames].code = code;
    b->names[b->nnames].adjective = adjective;
    b->nnames++;
    return CV_OK;
}

/* Every string of the list member `name` of `obj` (absent: none). */
static cv_status add_names(struct builder *b, const struct cv_node *obj,
                           const char *name, const char *code,
                           bool adjective)
{
    const struct cv_node *list = cv_node_member(obj, name), *n;
    cv_status st = CV_OK;
    if (!list)
        return CV_OK;
    if (list->kind != CV_NODE_ARRAY)
        return cv_crit_error(b->diags, b->file, list,
                             "'%s' は文字列の配列でなければなりません",
                             "'%s' must be a list of strings", name);
    for (n = list->first; n && st == CV_OK; n = n->next)
        st = add_name(b, n, code, adjective);
    return st;
}

/* A required code member of `len` upper-case letters, added as a name of
 * the country `alpha2` (NULL: the code is the alpha-2 code itself). */
static cv_status add_code(struct builder *b, const char **out,
                          const struct cv_node *e, const char *member,
                          size_t len, const char *alpha2)
{
    const char *code = NULL;
    cv_status st = cv_crit_string(&code, e, member, b->diags, b->file);
    if (st != CV_OK)
        return st;
    if (strlen(code) != len || strspn(code, UPPER) != len)
        return cv_crit_error(b->diags, b->file, cv_node_member(e, member),
                             "'%s' は ISO 3166-1 の英大文字のコードではありません",
                             "'%s' is not an upper-case ISO 3166-1 code", code);
    if (out)
        *out = code;
    return add_name(b, cv_node_member(e, member), alpha2 ? alpha2 : code,
                    false);
}

static cv_status load_country(struct builder *b, const struct cv_node *e)
{
    static const char *const mem[] = { "code", "alpha3", "names", "note",
                                       NULL };
    static const char *const langs[] = { "en", "ja", NULL };
    const struct cv_node *names = cv_node_member(e, "names");
    const char *code = NULL;
    cv_status st = cv_crit_members(e, mem, b->diags, b->file);
    if (st == CV_OK)
        st = add_code(b, &code, e, "code", 2, NULL);
    if (st == CV_OK)
        st = add_code(b, NULL, e, "alpha3", 3, code);
    if (st == CV_OK && (!names || names->kind != CV_NODE_OBJECT))
        return cv_crit_error(b->diags, b->file, names ? names : e,
                             "'%s' は en と ja の国名のオブジェクトです",
                             "'%s' must be an object of en and ja names",
                             "names");
    if (st == CV_OK)
        st = cv_crit_members(names, langs, b->diags, b->file);
    if (st == CV_OK)
        st = add_names(b, names, "en", code, false);
    if (st == CV_OK)
        st = add_names(b, names, "ja", code, false);
    return st;
}

/* The code of an alias entry must be a country of the table. */
static const char *known_code(const struct builder *b, const char *code)
{
    size_t i;
    for (i = 0; i < b->nnames; i++)
        if (strcmp(b->names[i].code, code) == 0)
            return b->names[i].code;
    return NULL;
}

static cv_status load_alias(struct builder *b, const struct cv_node *e)
{
    static const char *const mem[] = { "code", "names", "adjectives", "note",
                                       NULL };
    const char *code = NULL, *known;
    cv_status st = cv_crit_members(e, mem, b->diags, b->file);
    if (st == CV_OK)
        st = cv_crit_string(&code, e, "code", b->diags, b->file);
    if (st != CV_OK)
        return st;
    known = known_code(b, code);
    if (!known)
        return cv_crit_error(b->diags, b->file, e,
                             "別名の国 '%s' は countries にありません",
                             "alias country '%s' is not in countries", code);
    st = add_names(b, e, "names", known, false);
    if (st == CV_OK)
        st = add_names(b, e, "adjectives", known, true);
    return st;
}

static cv_status load_aliases(struct builder *b, const struct cv_node *doc)
{
    static const char *const mem[] = { "source", "note", "entries", NULL };
    const struct cv_node *al = cv_node_member(doc, "aliases"), *list, *e;
    const char *src = NULL;
    cv_status st;
    if (!al)
        return CV_OK;
    st = cv_crit_members(al, mem, b->diags, b->file);
    if (st == CV_OK)
        st = cv_crit_string(&src, al, "source", b->diags, b->file);
    if (st != CV_OK)
        return st;
    list = cv_node_member(al, "entries");
    if (!list || list->kind != CV_NODE_ARRAY)
        return cv_crit_error(b->diags, b->file, list ? list : al,
                             "'%s' は配列でなければなりません",
                             "'%s' must be a list", "entries");
    for (e = list->first; e && st == CV_OK; e = e->next)
        st = load_alias(b, e);
    return st;
}

static int cmp_names(const void *x, const void *y)
{
    const struct cv_country_name *a = x, *b = y;
    return strcmp(a->key, b->key);
}

/* Sorts the keys, drops repeats of a name of the same country, and fails
 * on a key that names two countries (or a country and an adjective). */
static cv_status sort_names(struct builder *b, const struct cv_node *doc,
                            struct cv_countries *t)
{
    size_t i, n = 0;
    if (b->nnames > 1)
        qsort(b->names, b->nnames, sizeof(*b->names), cmp_names);
    for (i = 0; i < b->nnames; i++) {
        const struct cv_country_name *c = &b->names[i];
        if (n > 0 && strcmp(b->names[n - 1].key, c->key) == 0) {
            if (strcmp(b->names[n - 1].code, c->code) != 0 ||
                b->names[n - 1].adjective != c->adjective)
                return cv_crit_error(b->diags, b->file, doc,
                                     "'%s' が二つの国を指しています",
                                     "'%s' names two countries", c->key);
            continue;
        }
        b->names[n++] = *c;
    }
    t->names = b->names;
    t->nnames = n;
    return CV_OK;
}

/* "{country}法" -> prefix "", suffix "法"; exactly one placeholder. */
static cv_status parse_law_form(struct cv_law_form *f, struct builder *b,
                                const struct cv_node *at)
{
    static const char *const holders[] = { "{country}", "{adjective}" };
    const char *text = at && at->kind == CV_NODE_STRING ? at->text : NULL;
    size_t i;
    for (i = 0; text && i < 2; i++) {
        const char *p = strstr(text, holders[i]);
        const char *rest = p ? p + strlen(holders[i]) : NULL;
        if (!p || strchr(rest, '{') || strchr(text, '{') != p)
            continue;
        f->adjective = i == 1;
        f->prefix = cv_fold_key(b->arena, text, (size_t)(p - text));
        f->suffix = cv_fold_key(b->arena, rest, strlen(rest));
        if (!f->prefix || !f->suffix)
            return CV_ENOMEM;
        if (!*f->prefix && !*f->suffix)
            break; /* the bare country is no law form */
        return CV_OK;
    }
    return cv_crit_error(b->diags, b->file, at,
                         "法の形 '%s' には {country} か {adjective} が一つと"
                         "前後の語が必要です",
                         "law form '%s' needs one {country} or {adjective} "
                         "and words around it",
                         text);
}

static cv_status load_law_forms(struct cv_countries *t, struct builder *b,
                                const struct cv_node *doc)
{
    const struct cv_node *list = cv_node_member(doc, "law_forms"), *e;
    struct cv_law_form *forms;
    size_t n = 0;
    cv_status st = CV_OK;
    if (!list)
        return CV_OK;
    if (list->kind != CV_NODE_ARRAY)
        return cv_crit_error(b->diags, b->file, list,
                             "'%s' は文字列の配列でなければなりません",
                             "'%s' must be a list of strings", "law_forms");
    forms = cv_arena_calloc(b->arena, list->count + 1, sizeof(*forms));
    if (!forms)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next)
        if ((st = parse_law_form(&forms[n], b, e)) == CV_OK)
            n++;
    t->law_forms = forms;
    t->nlaw_forms = n;
    return st;
}

/* The fields whose values may name a law: country fields of the schema. */
static cv_status load_law_fields(struct cv_countries *t,
                                 const struct cv_criteria *c,
                                 struct builder *b, const struct cv_node *doc)
{
    const struct cv_node *list = cv_node_member(doc, "law_fields"), *e;
    const struct cv_schema **fields;
    size_t n = 0;
    if (!list)
        return CV_OK;
    if (list->kind != CV_NODE_ARRAY)
        return cv_crit_error(b->diags, b->file, list,
                             "'%s' は文字列の配列でなければなりません",
                             "'%s' must be a list of strings", "law_fields");
    fields = cv_arena_calloc(b->arena, list->count + 1, sizeof(*fields));
    if (!fields)
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next) {
        const struct cv_schema *s =
            e->kind == CV_NODE_STRING && c->schema
                ? cv_schema_at(c->schema, e->text)
                : NULL;
        if (!c->schema && e->kind == CV_NODE_STRING)
            continue; /* lint without the schema: the main run checks */
        if (!s || s->format != CV_SF_COUNTRY)
            return cv_crit_error(b->diags, b->file, e,
                                 "'%s' は質問票の国の項目ではありません",
                                 "'%s' is not a country field of the "
                                 "questionnaire",
                                 e->kind == CV_NODE_STRING ? e->text : "");
        fields[n++] = s;
    }
    t->law_fields = fields;
    t->nlaw_fields = n;
    return CV_OK;
}

static const char *first_name(const struct cv_node *names, const char *lang)
{
    const struct cv_node *l = cv_node_member(names, lang);
    return l && l->kind == CV_NODE_ARRAY && l->first &&
                   l->first->kind == CV_NODE_STRING
               ? l->first->text
               : NULL;
}

/* The countries' titles, from the entries load_country has checked. */
static cv_status load_titles(struct cv_countries *t, struct cv_arena *a,
                             const struct cv_node *list)
{
    struct cv_country_title *titles =
        cv_arena_calloc(a, list->count, sizeof(*titles));
    const struct cv_node *e;
    size_t n = 0;
    if (!titles)
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next, n++) {
        const struct cv_node *names = cv_node_member(e, "names");
        titles[n].code = cv_node_str(e, "code");
        titles[n].en = first_name(names, "en");
        titles[n].ja = first_name(names, "ja");
    }
    t->titles = titles;
    t->ntitles = n;
    return CV_OK;
}

const char *cv_country_title(const struct cv_countries *t, const char *code,
                             cv_lang lang)
{
    size_t i;
    for (i = 0; code && i < t->ntitles; i++) {
        const struct cv_country_title *c = &t->titles[i];
        if (strcmp(c->code, code) == 0) {
            const char *name = lang == CV_LANG_EN ? c->en : c->ja;
            return name ? name : code;
        }
    }
    return code;
}

cv_status cv_countries_load(struct cv_criteria *c, struct cv_diags *diags,
                            const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = {
        "format",  "source",    "edition",   "url",       "note",
        "countries", "aliases", "law_fields", "law_forms", "law_note",
        NULL
    };
    struct cv_countries *t = &c->tables.countries;
    struct builder b = { &c->arena, diags, NULL, NULL, 0, 0 };
    const struct cv_node *doc = NULL, *list = NULL, *e;
    const char *src = NULL;
    char *file = cv_crit_join_path(&c->arena, dir, "data/countries.json");
    cv_status st;
    if (!file)
        return CV_ENOMEM;
    b.file = file;
    st = cv_crit_read_json(&doc, &c->arena, diags, &c->limits, file, digest);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-countries/1", top, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, doc, "source", diags, file);
    if (st != CV_OK)
        return st;
    list = cv_node_member(doc, "countries");
    if (!list || list->kind != CV_NODE_ARRAY || list->count == 0)
        return cv_crit_error(diags, file, list ? list : doc,
                             "'%s' は空でない配列でなければなりません",
                             "'%s' must be a non-empty list", "countries");
    for (e = list->first; e && st == CV_OK; e = e->next)
        st = load_country(&b, e);
    if (st == CV_OK)
        st = load_titles(t, &c->arena, list);
    if (st == CV_OK)
        st = load_aliases(&b, doc);
    if (st == CV_OK)
        st = sort_names(&b, doc, t);
    if (st == CV_OK)
        st = load_law_forms(t, &b, doc);
    if (st == CV_OK)
        st = load_law_fields(t, c, &b, doc);
    return st;
}
