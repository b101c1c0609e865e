/* SPDX-License-Identifier: MIT */
/* norm.c: the schema-driven reader for both forms (see norm.h). */
#include "norm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"

struct nz {
    const struct cv_norm_req *req;
    const struct cv_schema *evidence; /* allowed on any object */
    cv_lang lang;
};

static struct cv_loc loc_of(const struct nz *z, const struct cv_node *raw)
{
    struct cv_loc loc = { z->req->source, raw->path, raw->line, raw->column };
    return loc;
}

static const char *type_name(const struct nz *z, unsigned types)
{
    if (types & CV_ST_OBJECT)
        return CV_L(z->lang, "オブジェクト", "an object");
    if (types & CV_ST_ARRAY)
        return CV_L(z->lang, "配列", "an array");
    if (types & CV_ST_BOOLEAN)
        return CV_L(z->lang, "真偽値 (true/false)", "a boolean (true/false)");
    if (types & (CV_ST_NUMBER | CV_ST_INTEGER))
        return CV_L(z->lang, "数値", "a number");
    return CV_L(z->lang, "文字列", "a string");
}

static const char *raw_kind_name(const struct nz *z, const struct cv_node *r)
{
    switch (r->kind) {
    case CV_NODE_OBJECT:
        return CV_L(z->lang, "オブジェクト", "an object");
    case CV_NODE_ARRAY:
        return CV_L(z->lang, "配列", "an array");
    case CV_NODE_BOOL:
        return CV_L(z->lang, "真偽値", "a boolean");
    case CV_NODE_NUMBER:
        return CV_L(z->lang, "数値", "a number");
    case CV_NODE_ELEMENT:
        return CV_L(z->lang, "要素", "an element");
    default:
        return CV_L(z->lang, "文字列", "a string");
    }
}

static cv_status wrong_type(struct nz *z, const struct cv_node *raw,
                            const struct cv_schema *s)
{
    struct cv_loc loc = loc_of(z, raw);
    cv_status st = cv_diags_add(
        z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
        CV_L(z->lang, "型が違います: %sが必要ですが%sです",
             "wrong type: expected %s, found %s"),
        type_name(z, s->types), raw_kind_name(z, raw));
    return st;
}

static struct cv_node *new_node(struct nz *z, enum cv_node_kind kind,
                                const struct cv_node *raw, const char *name)
{
    struct cv_node *n = cv_node_new(z->req->arena, kind);
    if (n) {
        n->name = name;
        n->path = raw->path;
        n->line = raw->line;
        n->column = raw->column;
    }
    return n;
}

/* XML text with surrounding blanks removed (pretty-printed files). */
static const char *trimmed(const struct cv_node *raw, size_t *len)
{
    const char *s = raw->text ? raw->text : "";
    size_t n = raw->text ? raw->text_len : 0;
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        n--;
    *len = n;
    return s;
}

static cv_status check_enum(struct nz *z, const struct cv_node *raw,
                            const struct cv_schema *s, const char *v,
                            bool *ok)
{
    struct cv_strbuf list;
    struct cv_loc loc;
    cv_status st;
    size_t i;
    *ok = s->nenums == 0;
    for (i = 0; i < s->nenums && !*ok; i++)
        *ok = strcmp(s->enums[i], v) == 0;
    if (*ok)
        return CV_OK;
    cv_strbuf_init(&list, 0);
    for (i = 0; i < s->nenums; i++)
        cv_strbuf_printf(&list, "%s%s", i ? ", " : "", s->enums[i]);
    loc = loc_of(z, raw);
    st = cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                      CV_L(z->lang, "'%s' は使えない値です (使える値: %s)",
                           "'%s' is not an allowed value (allowed: %s)"),
                      v, list.ptr);
    cv_strbuf_release(&list);
    return st;
}

static cv_status note_normalised(struct nz *z, const struct cv_node *raw,
                                 const char *orig, size_t orig_len,
                                 const char *now)
{
    struct cv_loc loc = loc_of(z, raw);
    return cv_diags_add(z->req->diags, CV_SEV_NOTE, CV_OK, &loc,
                        CV_L(z->lang, "'%.*s' を '%s' と読みました (正規化)",
                             "read '%.*s' as '%s' (normalised)"),
                        (int)orig_len, orig, now);
}

static cv_status norm_string(struct nz *z, const struct cv_node *raw,
                             const struct cv_schema *s, const char *name,
                             const char *text, size_t len,
                             struct cv_node **out)
{
    struct cv_arena *a = z->req->arena;
    struct cv_loc loc = loc_of(z, raw);
    struct cv_node *n;
    char buf[11];
    const char *value = NULL;
    cv_status st;
    bool ok;

    /* No UTF-8 check here: both loaders hand on valid UTF-8 only (node.h),
     * and checking every string twice cost a tenth of a batch. */
    if (s->format == CV_SF_DATE) {
        enum cv_norm_result r = cv_norm_date(z->req->eras, a, text, len, buf);
        if (r == CV_NORM_BAD)
            return cv_diags_add(
                z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                CV_L(z->lang,
                     "日付として読めません: '%.*s' (YYYY-MM-DD または和暦)",
                     "not a date: '%.*s' (YYYY-MM-DD or a Japanese-era "
                     "date)"),
                (int)len, text);
        if (r == CV_NORM_CHANGED &&
            (st = note_normalised(z, raw, text, len, buf)) != CV_OK)
            return st;
        value = buf;
    } else if (s->format == CV_SF_COUNTRY) {
        enum cv_norm_result r = cv_norm_country(a, text, len, buf);
        if (r == CV_NORM_BAD)
            return cv_diags_add(
                z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                CV_L(z->lang,
                     "国コードとして読めません: '%.*s' (ISO 3166-1 "
                     "alpha-2、例: JP)",
                     "not a country code: '%.*s' (ISO 3166-1 alpha-2, "
                     "e.g. JP)"),
                (int)len, text);
        if (r == CV_NORM_CHANGED &&
            (st = note_normalised(z, raw, text, len, buf)) != CV_OK)
            return st;
        value = buf;
    } else if (s->format == CV_SF_CORPORATE_NUMBER &&
               !cv_corporate_number_valid(a, text, len)) {
        st = cv_diags_add(
            z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "法人番号 '%.*s' が正しくありません (13 桁でない、または"
                 "チェックデジットが合いません)",
                 "corporate number '%.*s' is not valid (not 13 digits, or "
                 "the check digit does not match)"),
            (int)len, text);
        if (st != CV_OK)
            return st;
    }
    n = new_node(z, CV_NODE_STRING, raw, name);
    if (!n)
        return CV_ENOMEM;
    n->text = value ? cv_arena_strdup(a, value) : cv_arena_strndup(a, text, len);
    if (!n->text)
        return CV_ENOMEM;
    n->text_len = value ? strlen(n->text) : len;
    st = check_enum(z, raw, s, n->text, &ok);
    if (st == CV_OK && ok)
        *out = n;
    return st;
}

static cv_status norm_number(struct nz *z, const struct cv_node *raw,
                             const struct cv_schema *s, const char *name,
                             struct cv_node **out)
{
    struct cv_loc loc = loc_of(z, raw);
    struct cv_node *n;
    double v = raw->number;

    if (raw->kind != CV_NODE_NUMBER) {
        size_t len;
        const char *text = raw->kind == CV_NODE_ELEMENT
                               ? trimmed(raw, &len)
                               : (len = raw->text_len, raw->text);
        enum cv_norm_result r =
            cv_norm_number(z->req->arena, text ? text : "", len, &v);
        if (r == CV_NORM_BAD)
            return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID,
                                &loc,
                                CV_L(z->lang, "数値として読めません: '%.*s'",
                                     "not a number: '%.*s'"),
                                (int)len, text ? text : "");
        /* Plain digits are the normal form of an XML number; in JSON a
         * number written as a string is worth a note. */
        if (r == CV_NORM_CHANGED || raw->kind == CV_NODE_STRING) {
            char now[64];
            cv_status st;
            snprintf(now, sizeof(now), "%.15g", v);
            st = note_normalised(z, raw, text, len, now);
            if (st != CV_OK)
                return st;
        }
    }
    if ((s->types & CV_ST_INTEGER) && !(s->types & CV_ST_NUMBER) &&
        v != trunc(v))
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang, "整数が必要です: %g",
                                 "expected an integer: %g"),
                            v);
    if ((s->has_min && v < s->min) || (s->has_max && v > s->max))
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang, "値 %g が範囲外です (%g〜%g)",
                                 "value %g is out of range (%g to %g)"),
                            v, s->has_min ? s->min : -1e308,
                            s->has_max ? s->max : 1e308);
    n = new_node(z, CV_NODE_NUMBER, raw, name);
    if (!n)
        return CV_ENOMEM;
    n->number = v;
    {
        char txt[64];
        snprintf(txt, sizeof(txt), "%.15g", v);
        n->text = cv_arena_strdup(z->req->arena, txt);
        if (!n->text)
            return CV_ENOMEM;
        n->text_len = strlen(n->text);
    }
    *out = n;
    return CV_OK;
}

static cv_status norm_bool(struct nz *z, const struct cv_node *raw,
                           const struct cv_schema *s, const char *name,
                           struct cv_node **out)
{
    struct cv_node *n;
    bool v = raw->boolean;
    if (raw->kind == CV_NODE_ELEMENT) {
        size_t len;
        const char *t = trimmed(raw, &len);
        if ((len == 4 && memcmp(t, "true", 4) == 0) ||
            (len == 1 && t[0] == '1'))
            v = true;
        else if ((len == 5 && memcmp(t, "false", 5) == 0) ||
                 (len == 1 && t[0] == '0'))
            v = false;
        else {
            struct cv_loc loc = loc_of(z, raw);
            return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID,
                                &loc,
                                CV_L(z->lang,
                                     "真偽値は true か false で書いてください: "
                                     "'%.*s'",
                                     "a boolean must be true or false: "
                                     "'%.*s'"),
                                (int)len, t);
        }
    } else if (raw->kind != CV_NODE_BOOL) {
        return wrong_type(z, raw, s);
    }
    n = new_node(z, CV_NODE_BOOL, raw, name);
    if (!n)
        return CV_ENOMEM;
    n->boolean = v;
    n->text = v ? "true" : "false";
    n->text_len = strlen(n->text);
    *out = n;
    return CV_OK;
}

static cv_status norm_value(struct nz *z, const struct cv_node *raw,
                            const struct cv_schema *s, const char *name,
                            struct cv_node **out);

static cv_status check_required(struct nz *z, const struct cv_node *raw,
                                const struct cv_schema *s,
                                const struct cv_node *obj, bool *complete)
{
    size_t i;
    *complete = true;
    for (i = 0; i < s->nrequired; i++) {
        if (!cv_node_member(obj, s->required[i])) {
            struct cv_loc loc = loc_of(z, raw);
            cv_status st = cv_diags_add(
                z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                CV_L(z->lang, "必須の項目 '%s' がありません",
                     "required member '%s' is missing"),
                s->required[i]);
            if (st != CV_OK)
                return st;
            *complete = false;
        }
    }
    return CV_OK;
}

static cv_status unknown_member(struct nz *z, const struct cv_node *raw)
{
    struct cv_loc loc = loc_of(z, raw);
    return cv_diags_add(z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(z->lang,
                             "'%s' は質問票 v1 にない項目のため無視しました",
                             "unknown member '%s' ignored (not in "
                             "questionnaire v1)"),
                        raw->name);
}

static const struct cv_schema *member_schema(struct nz *z,
                                             const struct cv_schema *s,
                                             const char *name)
{
    const struct cv_schema_prop *p = cv_schema_prop(s, name);
    if (p)
        return p->schema;
    if (strcmp(name, "evidence") == 0)
        return z->evidence;
    return NULL;
}

static cv_status norm_json_object(struct nz *z, const struct cv_node *raw,
                                  const struct cv_schema *s, const char *name,
                                  struct cv_node **out)
{
    struct cv_node *obj = new_node(z, CV_NODE_OBJECT, raw, name);
    const struct cv_node *m;
    bool complete;
    cv_status st;
    if (!obj)
        return CV_ENOMEM;
    for (m = raw->first; m; m = m->next) {
        const struct cv_schema *ms = member_schema(z, s, m->name);
        struct cv_node *v = NULL;
        if (!ms) {
            st = unknown_member(z, m);
        } else {
            st = norm_value(z, m, ms, m->name, &v);
            if (st == CV_OK && v)
                cv_node_append(obj, v);
        }
        if (st != CV_OK)
            return st;
    }
    st = check_required(z, raw, s, obj, &complete);
    if (st == CV_OK && complete)
        *out = obj;
    return st;
}

static cv_status norm_json_array(struct nz *z, const struct cv_node *raw,
                                 const struct cv_schema *s, const char *name,
                                 struct cv_node **out)
{
    struct cv_node *arr = new_node(z, CV_NODE_ARRAY, raw, name);
    const struct cv_node *it;
    if (!arr)
        return CV_ENOMEM;
    for (it = raw->first; it; it = it->next) {
        struct cv_node *v = NULL;
        cv_status st = norm_value(z, it, s->items, NULL, &v);
        if (st != CV_OK)
            return st;
        if (v)
            cv_node_append(arr, v);
    }
    *out = arr;
    return CV_OK;
}

/* ---- XML objects: members are child elements; an array's items are
 * repeated elements named by x-xml-item, directly in the parent or inside
 * a wrapper element named like the array. ---- */

struct xml_slot {
    const struct cv_schema_prop *prop; /* NULL: the universal evidence list */
    struct cv_node *value;             /* built value (array: the array) */
    const struct cv_node *first_raw;
};

static const char *item_name(const struct cv_schema *s)
{
    return s && (s->types & CV_ST_ARRAY) ? s->xml_item : NULL;
}

static cv_status xml_add_item(struct nz *z, struct xml_slot *slot,
                              const struct cv_node *parent_raw,
                              const struct cv_schema *arr_schema,
                              const char *arr_name, const struct cv_node *raw)
{
    struct cv_node *v = NULL;
    cv_status st;
    if (!slot->value) {
        struct cv_strbuf sb;
        slot->value = new_node(z, CV_NODE_ARRAY, raw, arr_name);
        if (!slot->value)
            return CV_ENOMEM;
        cv_strbuf_init(&sb, 0);
        cv_strbuf_printf(&sb, "%s/%s", parent_raw->path,
                         arr_schema->xml_item);
        slot->value->path = cv_arena_strndup(z->req->arena, sb.ptr, sb.len);
        cv_strbuf_release(&sb);
        if (!slot->value->path)
            return CV_ENOMEM;
        slot->first_raw = raw;
    }
    st = norm_value(z, raw, arr_schema->items, NULL, &v);
    if (st == CV_OK && v)
        cv_node_append(slot->value, v);
    return st;
}

static cv_status norm_xml_object(struct nz *z, const struct cv_node *raw,
                                 const struct cv_schema *s, const char *name,
                                 struct cv_node **out)
{
    struct cv_node *obj = new_node(z, CV_NODE_OBJECT, raw, name);
    struct xml_slot *slots;
    const struct cv_node *ch;
    size_t nslots = s->nprops + 1, i;
    bool complete;
    cv_status st = CV_OK;

    if (!obj)
        return CV_ENOMEM;
    slots = cv_arena_calloc(z->req->arena, nslots, sizeof(*slots));
    if (!slots)
        return CV_ENOMEM;
    for (i = 0; i < s->nprops; i++)
        slots[i].prop = &s->props[i];
    {
        size_t len;
        trimmed(raw, &len);
        if (len && raw->first) {
            struct cv_loc loc = loc_of(z, raw);
            st = cv_diags_add(z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                              "%s",
                              CV_L(z->lang,
                                   "要素の間の文字列は無視しました",
                                   "text between elements ignored"));
        }
    }
    for (ch = raw->first; ch && st == CV_OK; ch = ch->next) {
        struct xml_slot *slot = NULL;
        bool is_item = false, is_wrapper = false;
        for (i = 0; i < s->nprops && !slot; i++) {
            const struct cv_schema *ps = s->props[i].schema;
            const char *item = item_name(ps);
            if (item && strcmp(item, ch->name) == 0) {
                slot = &slots[i];
                is_item = true;
            } else if (strcmp(s->props[i].xml_name, ch->name) == 0) {
                slot = &slots[i];
                is_wrapper = item != NULL;
            }
        }
        if (!slot && strcmp(ch->name, "evidence") == 0 && z->evidence) {
            slot = &slots[s->nprops];
            is_item = true;
        }
        if (!slot) {
            struct cv_node tmp = *ch;
            st = unknown_member(z, &tmp);
            continue;
        }
        {
            const struct cv_schema *ps =
                slot->prop ? slot->prop->schema : z->evidence;
            const char *pname = slot->prop ? slot->prop->name : "evidence";
            if (is_item) {
                st = xml_add_item(z, slot, raw, ps, pname, ch);
            } else if (is_wrapper) {
                const struct cv_node *it;
                for (it = ch->first; it && st == CV_OK; it = it->next) {
                    if (strcmp(it->name, ps->xml_item) == 0)
                        st = xml_add_item(z, slot, raw, ps, pname, it);
                    else
                        st = unknown_member(z, it);
                }
                if (st == CV_OK && !slot->value) {
                    /* An empty wrapper is an empty list. */
                    slot->value = new_node(z, CV_NODE_ARRAY, ch, pname);
                    if (!slot->value)
                        st = CV_ENOMEM;
                    slot->first_raw = ch;
                }
            } else if (slot->first_raw) {
                struct cv_loc loc = loc_of(z, ch);
                st = cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID,
                                  &loc,
                                  CV_L(z->lang,
                                       "要素 '%s' が重複しています "
                                       "(最初のものを使います)",
                                       "element '%s' repeated (the first "
                                       "one is used)"),
                                  ch->name);
            } else {
                slot->first_raw = ch;
                st = norm_value(z, ch, ps, pname, &slot->value);
            }
        }
    }
    if (st != CV_OK)
        return st;
    /* Members in document order of their first element. */
    for (ch = raw->first; ch; ch = ch->next) {
        for (i = 0; i < nslots; i++) {
            if (slots[i].value && slots[i].first_raw == ch) {
                cv_node_append(obj, slots[i].value);
                slots[i].value = NULL;
            }
        }
    }
    st = check_required(z, raw, s, obj, &complete);
    if (st == CV_OK && complete)
        *out = obj;
    return st;
}

static cv_status norm_value(struct nz *z, const struct cv_node *raw,
                            const struct cv_schema *s, const char *name,
                            struct cv_node **out)
{
    *out = NULL;
    if (raw->kind == CV_NODE_NULL)
        return CV_OK; /* null means "not given" */
    if (raw->kind == CV_NODE_ELEMENT) {
        size_t tlen;
        trimmed(raw, &tlen);
        /* An empty element, like a JSON null, means "not given". */
        if (!raw->first && tlen == 0 && !(s->types & CV_ST_OBJECT) &&
            !(s->types & CV_ST_ARRAY))
            return CV_OK;
        if (s->types & CV_ST_OBJECT)
            return norm_xml_object(z, raw, s, name, out);
        if (s->types & CV_ST_ARRAY)
            return wrong_type(z, raw, s);
        if (s->types & CV_ST_BOOLEAN)
            return norm_bool(z, raw, s, name, out);
        if (s->types & (CV_ST_NUMBER | CV_ST_INTEGER) &&
            !(s->types & CV_ST_STRING))
            return norm_number(z, raw, s, name, out);
        if (raw->first) {
            return wrong_type(z, raw, s);
        } else {
            size_t len;
            const char *t = trimmed(raw, &len);
            return norm_string(z, raw, s, name, t, len, out);
        }
    }
    switch (raw->kind) {
    case CV_NODE_OBJECT:
        if (s->types & CV_ST_OBJECT)
            return norm_json_object(z, raw, s, name, out);
        break;
    case CV_NODE_ARRAY:
        if (s->types & CV_ST_ARRAY)
            return norm_json_array(z, raw, s, name, out);
        break;
    case CV_NODE_BOOL:
        if (s->types & CV_ST_BOOLEAN)
            return norm_bool(z, raw, s, name, out);
        break;
    case CV_NODE_NUMBER:
        if (s->types & (CV_ST_NUMBER | CV_ST_INTEGER))
            return norm_number(z, raw, s, name, out);
        if (s->types & CV_ST_STRING) /* e.g. a page number */
            return norm_string(z, raw, s, name, raw->text, raw->text_len,
                               out);
        break;
    case CV_NODE_STRING:
        if (s->types & CV_ST_STRING)
            return norm_string(z, raw, s, name, raw->text, raw->text_len,
                               out);
        if (s->types & (CV_ST_NUMBER | CV_ST_INTEGER))
            return norm_number(z, raw, s, name, out);
        break;
    default:
        break;
    }
    return wrong_type(z, raw, s);
}

static cv_status invalid(struct nz *z, const struct cv_node *at,
                         const char *msg)
{
    struct cv_loc loc = { z->req->source, at ? at->path : "",
                          at ? at->line : 0, 0 };
    return cv_diags_fail(z->req->diags, CV_EINVALID, &loc, "%s", msg);
}

cv_status cv_normalise(struct cv_node **out, const struct cv_norm_req *req,
                       struct cv_node *raw)
{
    struct nz z = { req, NULL, req->diags->lang };
    const struct cv_schema_prop *ev = cv_schema_prop(req->schema, "evidence");
    struct cv_node *doc = NULL;
    const struct cv_node *fmt;
    cv_status st;

    *out = NULL;
    z.evidence = ev ? ev->schema : NULL;
    if (raw->kind != CV_NODE_OBJECT && raw->kind != CV_NODE_ELEMENT)
        return invalid(&z, raw,
                       CV_L(z.lang, "質問票はオブジェクトでなければなりません",
                            "a questionnaire must be an object"));
    if (raw->kind == CV_NODE_ELEMENT && !cv_node_member(raw, "format")) {
        /* In XML the namespace already names the version. */
        struct cv_node *f = cv_node_new(req->arena, CV_NODE_ELEMENT);
        if (!f)
            return CV_ENOMEM;
        f->name = "format";
        f->text = CV_QUESTIONNAIRE_FORMAT;
        f->text_len = strlen(f->text);
        f->path = raw->path;
        cv_node_append(raw, f);
    }
    fmt = cv_node_member(raw, "format");
    if (fmt && fmt->kind == CV_NODE_STRING &&
        strcmp(fmt->text, CV_QUESTIONNAIRE_FORMAT) != 0) {
        struct cv_loc loc = { req->source, fmt->path, fmt->line, 0 };
        return cv_diags_fail(req->diags, CV_EINVALID, &loc,
                             CV_L(z.lang,
                                  "対応していない形式です: '%s' "
                                  "(cloudvet-questionnaire/1 が必要です)",
                                  "unsupported format '%s' (expected "
                                  "cloudvet-questionnaire/1)"),
                             fmt->text);
    }
    st = norm_value(&z, raw, req->schema, NULL, &doc);
    if (st != CV_OK)
        return st;
    if (!doc || !cv_node_lookup(doc, "vendor.name") ||
        !cv_node_lookup(doc, "service.name") ||
        !cv_node_member(doc, "format"))
        return invalid(&z, raw,
                       CV_L(z.lang,
                            "質問票 v1 として読めません: format、vendor.name、"
                            "service.name が必要です",
                            "not a questionnaire v1: format, vendor.name and "
                            "service.name are required"));
    *out = doc;
    return CV_OK;
}
