/* SPDX-License-Identifier: MIT */
/* norm.c: the schema-driven reader for both forms (see norm.h). */
#include "norm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/suggest.h"
#include "../base/unicode.h"

struct nz {
    const struct cv_norm_req *req;
    const struct cv_schema *evidence; /* allowed on any object */
    cv_lang lang;
    /* The dotted field of the value being read ("sla.rto_hours"), for
     * the unread list (norm.h); a step too long is not recorded. */
    char field[256];
    size_t field_len;
    bool field_fits;
};

/* Enters member `name` of the dotted field (NULL: an array item, the
 * field stays); false when it does not fit, then nothing is recorded
 * below it. */
static bool field_push(struct nz *z, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (!name)
        return z->field_fits;
    if (!z->field_fits || z->field_len + n + 2 > sizeof(z->field)) {
        z->field_fits = false;
        return false;
    }
    if (z->field_len)
        z->field[z->field_len++] = '.';
    memcpy(z->field + z->field_len, name, n);
    z->field_len += n;
    z->field[z->field_len] = '\0';
    return true;
}

static void field_pop(struct nz *z, size_t mark, bool fits)
{
    z->field_len = mark;
    z->field[mark] = '\0';
    z->field_fits = fits;
}

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
    const char *near;
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
    near = cv_near_unique_in(v, s->enums, s->nenums);
    if (near)
        st = cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                          CV_L(z->lang,
                               "'%s' は使えない値です。もしかして '%s' ですか?"
                               " (使える値: %s)",
                               "'%s' is not an allowed value; did you mean "
                               "'%s'? (allowed: %s)"),
                          v, near, list.ptr);
    else
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

/* A country (or, in a governing-law field, a law) the countries table
 * does not know: an error, so the value is dropped and nothing that
 * depends on it is met. */
static cv_status country_unknown(struct nz *z, const struct cv_loc *loc,
                                 const char *text, size_t len, bool law)
{
    if (law)
        return cv_diags_add(
            z->req->diags, CV_SEV_ERROR, CV_EINVALID, loc,
            CV_L(z->lang,
                 "準拠法の国として読めません: '%.*s' (ISO 3166-1 の国"
                 "コードか国名、またはその国の法、例: JP、日本、日本法)",
                 "not a country or its law: '%.*s' (an ISO 3166-1 code "
                 "or country name, or the country's law, e.g. JP, Japan, "
                 "Japanese law)"),
            (int)len, text);
    return cv_diags_add(
        z->req->diags, CV_SEV_ERROR, CV_EINVALID, loc,
        CV_L(z->lang,
             "国として読めません: '%.*s' (ISO 3166-1 の国コードか国名、"
             "例: JP、日本)",
             "not a country: '%.*s' (an ISO 3166-1 code or country name, "
             "e.g. JP, Japan)"),
        (int)len, text);
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
        bool law = cv_countries_law_field(z->req->countries, s);
        enum cv_norm_result r =
            cv_norm_country(z->req->countries, a, text, len, law, buf);
        if (r == CV_NORM_BAD)
            return country_unknown(z, &loc, text, len, law);
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

/* ---- numbers: the value as written, its unit and bound (normtext.h) ---- */

static const struct cv_unit *field_unit(const struct nz *z,
                                        const struct cv_schema *s)
{
    const struct cv_unit_field *f =
        cv_units_field_of_schema(z->req->units, s);
    return f ? f->unit : NULL;
}

/* The error for a number that cannot be used; the value is dropped. */
static cv_status number_unreadable(struct nz *z, const struct cv_node *raw,
                                   enum cv_qty_result r, const char *text,
                                   size_t len, const char *what,
                                   size_t what_len,
                                   const struct cv_unit *unit)
{
    struct cv_loc loc = loc_of(z, raw);
    const char *uname = unit ? cv_unit_name(unit, z->lang)
                             : CV_L(z->lang, "単位なし", "no unit");
    switch (r) {
    case CV_QTY_TOO_LONG:
        return cv_diags_add(
            z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "数値 '%.*s' は桁数か指数が大きすぎます (有効数字 %d 桁、"
                 "指数 %ld まで)",
                 "number '%.*s' has too many digits or too large an "
                 "exponent (at most %d significant digits, exponent %ld)"),
            (int)len, text, CV_DECIMAL_MAX_DIGITS, CV_DECIMAL_MAX_EXPONENT);
    case CV_QTY_UNKNOWN_UNIT:
        return cv_diags_add(
            z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "'%.*s' の '%.*s' は単位としても範囲の語としても読めないため"
                 "、値を使いません (この項目の単位: %s)",
                 "in '%.*s', '%.*s' is neither a unit nor a bound word we "
                 "know, so the value is not used (this field is in %s)"),
            (int)len, text, (int)what_len, what, uname);
    case CV_QTY_WRONG_UNIT:
        return cv_diags_add(
            z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "'%.*s' の単位 (%.*s) はこの項目の単位 (%s) に換算できない"
                 "ため、値を使いません",
                 "the unit of '%.*s' (%.*s) does not convert to this "
                 "field's unit (%s), so the value is not used"),
            (int)len, text, (int)what_len, what, uname);
    case CV_QTY_CONFLICT:
        return cv_diags_add(
            z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "'%.*s' の範囲の語 '%.*s' がほかの語と矛盾するため、値を"
                 "使いません",
                 "in '%.*s', the bound word '%.*s' contradicts another, so "
                 "the value is not used"),
            (int)len, text, (int)what_len, what);
    default:
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang, "数値として読めません: '%.*s'",
                                 "not a number: '%.*s'"),
                            (int)len, text);
    }
}

/* Every stated end must lie within the schema's minimum and maximum. */
static bool in_schema_range(const struct cv_quantity *q,
                            const struct cv_schema *s)
{
    struct cv_decimal min, max;
    int c;
    cv_decimal_from_double(&min, s->min);
    cv_decimal_from_double(&max, s->max);
    if (s->has_min &&
        ((q->lo.present && cv_quantity_end_cmp(q, &q->lo, &min, &c) &&
          c < 0) ||
         (q->hi.present && cv_quantity_end_cmp(q, &q->hi, &min, &c) && c < 0)))
        return false;
    if (s->has_max &&
        ((q->lo.present && cv_quantity_end_cmp(q, &q->lo, &max, &c) &&
          c > 0) ||
         (q->hi.present && cv_quantity_end_cmp(q, &q->hi, &max, &c) && c > 0)))
        return false;
    return true;
}

/* A note for every reading that is not the plain number; a warning when
 * the vendor wrote an approximation or a target, which commits to
 * nothing. */
static cv_status note_quantity(struct nz *z, const struct cv_node *raw,
                               const char *text, size_t len,
                               const struct cv_quantity *q)
{
    struct cv_strbuf now;
    struct cv_loc loc = loc_of(z, raw);
    cv_status st;
    cv_strbuf_init(&now, 0);
    cv_quantity_describe(&now, q, z->lang);
    st = cv_strbuf_status(&now);
    if (st == CV_OK)
        st = note_normalised(z, raw, text, len, now.ptr);
    if (st == CV_OK && q->approximate)
        st = cv_diags_add(
            z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
            CV_L(z->lang,
                 "'%.*s' は概数か目標 ('%s') で、約束された値ではありません",
                 "'%.*s' is an approximation or a target ('%s'), not a "
                 "committed value"),
            (int)len, text, q->approx_word);
    cv_strbuf_release(&now);
    return st;
}

/* The point the other checks read as a double: the lower end, else the
 * upper one. */
static double quantity_point(const struct cv_quantity *q)
{
    const struct cv_qbound *b = q->lo.present ? &q->lo : &q->hi;
    return cv_decimal_to_double(&q->value) * b->num / b->den;
}

static cv_status norm_number(struct nz *z, const struct cv_node *raw,
                             const struct cv_schema *s, const char *name,
                             struct cv_node **out)
{
    struct cv_loc loc = loc_of(z, raw);
    const struct cv_unit *unit = field_unit(z, s);
    struct cv_quantity *q = cv_arena_alloc(z->req->arena, sizeof(*q));
    struct cv_node *n;
    const char *text, *what = NULL;
    size_t len, what_len = 0;
    enum cv_qty_result r;

    if (!q)
        return CV_ENOMEM;
    if (raw->kind == CV_NODE_NUMBER) {
        text = raw->text ? raw->text : "";
        len = raw->text ? raw->text_len : 0;
        r = cv_quantity_plain(unit, text, len, q);
    } else {
        text = raw->kind == CV_NODE_ELEMENT ? trimmed(raw, &len)
                                            : (len = raw->text_len, raw->text);
        text = text ? text : "";
        r = cv_norm_quantity(z->req->units, unit, z->req->arena, text, len, q,
                             &what, &what_len);
    }
    if (r != CV_QTY_SAME && r != CV_QTY_CHANGED)
        return number_unreadable(z, raw, r, text, len, what, what_len, unit);
    if (!isfinite(quantity_point(q)))
        return number_unreadable(z, raw, CV_QTY_TOO_LONG, text, len, NULL, 0,
                                 unit);
    /* Plain digits are the normal form of an XML number; in JSON a
     * number written as a string is worth a note. */
    if (r == CV_QTY_CHANGED || raw->kind == CV_NODE_STRING) {
        cv_status st = note_quantity(z, raw, text, len, q);
        if (st != CV_OK)
            return st;
    }
    if ((s->types & CV_ST_INTEGER) && !(s->types & CV_ST_NUMBER) &&
        (!cv_decimal_is_integer(&q->value) || q->lo.den != 1))
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang, "整数が必要です: '%.*s'",
                                 "expected an integer: '%.*s'"),
                            (int)len, text);
    if (!in_schema_range(q, s))
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang, "値 '%.*s' が範囲外です (%g〜%g)",
                                 "value '%.*s' is out of range (%g to %g)"),
                            (int)len, text, s->has_min ? s->min : -1e308,
                            s->has_max ? s->max : 1e308);
    n = new_node(z, CV_NODE_NUMBER, raw, name);
    if (!n)
        return CV_ENOMEM;
    n->number = quantity_point(q);
    n->quantity = q;
    /* The number as the vendor wrote it, for the reasons. */
    n->text = cv_arena_strndup(z->req->arena, text, len);
    if (!n->text)
        return CV_ENOMEM;
    n->text_len = len;
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

/* The members of one object as the input spells them: JSON names, or
 * the XML element names ('-' for '_'). */
struct member_names {
    const struct cv_schema *s;
    bool xml;
};

static const char *member_name_at(const void *set, size_t i)
{
    const struct member_names *m = set;
    const struct cv_schema_prop *p = &m->s->props[i];
    return m->xml && p->xml_name ? p->xml_name : p->name;
}

static cv_status unknown_member(struct nz *z, const struct cv_schema *s,
                                const struct cv_node *raw)
{
    struct cv_loc loc = loc_of(z, raw);
    struct member_names names = { s, z->req->from_xml != 0 };
    const char *near = s && raw->name
                           ? cv_near_unique(raw->name, &names, s->nprops,
                                            member_name_at)
                           : NULL;
    if (near)
        return cv_diags_add(z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                            CV_L(z->lang,
                                 "'%s' は質問票 v1 にない項目のため無視しました"
                                 "。もしかして '%s' ですか?",
                                 "unknown member '%s' ignored (not in "
                                 "questionnaire v1); did you mean '%s'?"),
                            raw->name, near);
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
            st = unknown_member(z, s, m);
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
 * repeated elements named by x-xml-item, directly in the parent, inside a
 * wrapper element named like the array (schema.h: xml_wrapper), or both:
 * every item is read, in document order, so no form of a list loses one.
 * ---- */

enum xml_role { XML_NONE, XML_ITEM, XML_WRAPPER, XML_MEMBER };

struct xml_slot {
    const struct cv_schema_prop *prop; /* NULL: the universal evidence list */
    struct cv_node *value;             /* built value (array: the array) */
    /* The direct child of the object where the member first appears (for
     * an item read from a wrapper: the wrapper). The members are put in
     * the object in document order of their anchors. */
    const struct cv_node *anchor;
    bool direct, wrapped; /* the forms in which the list's items came */
    bool dropped;         /* unreadable as a whole: not given */
};

static const char *item_name(const struct cv_schema *s)
{
    return s && (s->types & CV_ST_ARRAY) ? s->xml_item : NULL;
}

static const struct cv_schema *slot_schema(const struct nz *z,
                                           const struct xml_slot *slot)
{
    return slot->prop ? slot->prop->schema : z->evidence;
}

static const char *slot_name(const struct xml_slot *slot)
{
    return slot->prop ? slot->prop->name : "evidence";
}

/* The member that child element `name` belongs to, and in which role.
 * Item names are looked for first, so the answer never depends on the
 * order of the schema's properties (the schema compiler refuses an XML
 * name that would reach two members). */
static struct xml_slot *xml_match(const struct nz *z,
                                  const struct cv_schema *s,
                                  struct xml_slot *slots, const char *name,
                                  enum xml_role *role)
{
    size_t i;
    for (i = 0; i < s->nprops; i++) {
        const char *item = item_name(s->props[i].schema);
        if (item && strcmp(item, name) == 0) {
            *role = XML_ITEM;
            return &slots[i];
        }
    }
    for (i = 0; i < s->nprops; i++) {
        const struct cv_schema_prop *p = &s->props[i];
        if (p->xml_wrapper && strcmp(p->xml_wrapper, name) == 0) {
            *role = XML_WRAPPER;
            return &slots[i];
        }
        if (!item_name(p->schema) && strcmp(p->xml_name, name) == 0) {
            *role = XML_MEMBER;
            return &slots[i];
        }
    }
    if (z->evidence && strcmp(name, "evidence") == 0) {
        *role = XML_ITEM;
        return &slots[s->nprops];
    }
    *role = XML_NONE;
    return NULL;
}

/* The array of `slot`, made when its first item or wrapper is met and
 * anchored there. It is located like the list it came from: the item
 * element's path without an index (as a JSON array has the pointer of the
 * member), or the wrapper's path. */
static cv_status xml_list(struct nz *z, struct xml_slot *slot,
                          const struct cv_node *parent,
                          const struct cv_node *anchor, bool in_wrapper)
{
    struct cv_strbuf sb;
    if (slot->value)
        return CV_OK;
    slot->value = new_node(z, CV_NODE_ARRAY, anchor, slot_name(slot));
    if (!slot->value)
        return CV_ENOMEM;
    slot->anchor = anchor;
    if (in_wrapper)
        return CV_OK;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/%s", parent->path,
                     slot_schema(z, slot)->xml_item);
    slot->value->path = cv_strbuf_status(&sb) == CV_OK
                            ? cv_arena_strndup(z->req->arena, sb.ptr, sb.len)
                            : NULL;
    cv_strbuf_release(&sb);
    return slot->value->path ? CV_OK : CV_ENOMEM;
}

/* Both forms for one list are read together; the note tells the committee
 * that the list they see was assembled from two places of the file. */
static cv_status xml_list_form(struct nz *z, struct xml_slot *slot,
                               const struct cv_node *at, bool in_wrapper)
{
    bool first_of_form = in_wrapper ? !slot->wrapped : !slot->direct;
    bool other_seen = in_wrapper ? slot->direct : slot->wrapped;
    struct cv_loc loc = loc_of(z, at);
    if (in_wrapper)
        slot->wrapped = true;
    else
        slot->direct = true;
    if (!first_of_form || !other_seen || slot->dropped)
        return CV_OK;
    return cv_diags_add(
        z->req->diags, CV_SEV_NOTE, CV_OK, &loc,
        CV_L(z->lang,
             "'%s' の項目が親要素の直下 (<%s>) と <%s> の中の両方に"
             "書かれています。文書の順にすべて読みました",
             "the items of '%s' are written both directly (<%s>) and "
             "inside <%s>; all were read, in document order"),
        slot_name(slot), slot_schema(z, slot)->xml_item,
        slot->prop ? slot->prop->xml_wrapper : "");
}

/* The list of `slot` lost an item or itself to an error: unreadable,
 * not empty (norm.h). */
static cv_status note_unread_list(struct nz *z, const struct xml_slot *slot)
{
    size_t mark = z->field_len;
    bool was = z->field_fits;
    cv_status st = CV_OK;
    if (field_push(z, slot_name(slot)) && z->req->unread &&
        !cv_unread_add(z->req->unread, z->req->arena, z->field,
                       z->field_len))
        st = CV_ENOMEM;
    field_pop(z, mark, was);
    return st;
}

static cv_status xml_add_item(struct nz *z, struct xml_slot *slot,
                              const struct cv_node *raw)
{
    struct cv_node *v = NULL;
    size_t mark = z->field_len;
    bool was = z->field_fits;
    cv_status st;
    /* The list's own name: in XML its items are not its children. */
    (void)field_push(z, slot_name(slot));
    st = norm_value(z, raw, slot_schema(z, slot)->items, NULL, &v);
    field_pop(z, mark, was);
    if (st == CV_OK && v)
        cv_node_append(slot->value, v);
    return st;
}

static cv_status xml_direct_item(struct nz *z, struct xml_slot *slot,
                                 const struct cv_node *parent,
                                 const struct cv_node *item)
{
    cv_status st = xml_list(z, slot, parent, item, false);
    if (st == CV_OK)
        st = xml_list_form(z, slot, item, false);
    if (st == CV_OK)
        st = xml_add_item(z, slot, item);
    return st;
}

/* A wrapper holds items only. Text in it is a list written as a scalar
 * (JSON's "hashes": "SHA-1"): the list is dropped as a wrong type would
 * be, not read in part. Another element in it is an item that cannot be
 * read, an error like a JSON item of the wrong type; the other items
 * stand. An empty wrapper is an empty list. */
static cv_status xml_wrapper(struct nz *z, struct xml_slot *slot,
                             const struct cv_node *parent,
                             const struct cv_node *w)
{
    const char *item = slot_schema(z, slot)->xml_item;
    const struct cv_node *it;
    size_t len;
    const char *text = trimmed(w, &len);
    cv_status st = CV_OK;
    if (len) {
        struct cv_loc loc = loc_of(z, w);
        slot->dropped = true;
        st = note_unread_list(z, slot);
        if (st == CV_OK)
            st = cv_diags_add(
                z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                CV_L(z->lang,
                     "型が違います: <%s> はリストで、文字列 '%.*s' は書けません "
                     "(項目は <%s> 要素で書きます)。このリストは読みません",
                     "wrong type: <%s> is a list and cannot hold the text "
                     "'%.*s' (each item is written as <%s>); the list is not "
                     "read"),
                w->name, (int)len, text, item);
    }
    if (st == CV_OK)
        st = xml_list(z, slot, parent, w, true);
    if (st == CV_OK)
        st = xml_list_form(z, slot, w, true);
    for (it = w->first; it && st == CV_OK; it = it->next) {
        if (strcmp(it->name, item) == 0) {
            st = xml_add_item(z, slot, it);
        } else {
            struct cv_loc loc = loc_of(z, it);
            st = note_unread_list(z, slot);
            if (st == CV_OK)
                st = cv_diags_add(
                z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                CV_L(z->lang,
                     "<%s> はリスト <%s> の項目ではないため読みません "
                     "(項目は <%s>)",
                     "<%s> is not an item of the list <%s> and was not "
                     "read (its items are <%s>)"),
                it->name, w->name, item);
        }
    }
    return st;
}

static cv_status xml_member(struct nz *z, struct xml_slot *slot,
                            const struct cv_node *ch)
{
    if (slot->anchor) {
        struct cv_loc loc = loc_of(z, ch);
        return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                            CV_L(z->lang,
                                 "要素 '%s' が重複しています "
                                 "(最初のものを使います)",
                                 "element '%s' repeated (the first "
                                 "one is used)"),
                            ch->name);
    }
    slot->anchor = ch;
    return norm_value(z, ch, slot_schema(z, slot), slot_name(slot),
                      &slot->value);
}

static cv_status xml_child(struct nz *z, const struct cv_schema *s,
                           struct xml_slot *slots,
                           const struct cv_node *parent,
                           const struct cv_node *ch)
{
    enum xml_role role;
    struct xml_slot *slot = xml_match(z, s, slots, ch->name, &role);
    switch (role) {
    case XML_ITEM:
        return xml_direct_item(z, slot, parent, ch);
    case XML_WRAPPER:
        return xml_wrapper(z, slot, parent, ch);
    case XML_MEMBER:
        return xml_member(z, slot, ch);
    default:
        return unknown_member(z, s, ch);
    }
}

/* Text directly in an object element: with members beside it, it is
 * mixed content the model has no place for (a warning, like an unknown
 * member); alone, it is a scalar where an object is asked (JSON's
 * "sla": "99.9"), a wrong type, and the object is not given. */
static cv_status xml_object_text(struct nz *z, const struct cv_node *raw,
                                 bool *usable)
{
    size_t len;
    const char *text = trimmed(raw, &len);
    struct cv_loc loc = loc_of(z, raw);
    *usable = true;
    if (!len)
        return CV_OK;
    if (raw->first)
        return cv_diags_add(z->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                            "%s",
                            CV_L(z->lang, "要素の間の文字列は無視しました",
                                 "text between elements ignored"));
    *usable = false;
    return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                        CV_L(z->lang,
                             "型が違います: オブジェクト (子要素) が必要ですが"
                             "文字列 '%.*s' です",
                             "wrong type: expected an object (child "
                             "elements), found the text '%.*s'"),
                        (int)len, text);
}

/* A scalar element with child elements: the model has no place for them,
 * so the value is dropped (not read in part), as a JSON object given for a
 * scalar is. */
static cv_status xml_scalar_with_children(struct nz *z,
                                          const struct cv_node *raw,
                                          const struct cv_schema *s)
{
    struct cv_loc loc = loc_of(z, raw);
    return cv_diags_add(z->req->diags, CV_SEV_ERROR, CV_EINVALID, &loc,
                        CV_L(z->lang,
                             "型が違います: %sが必要ですが子要素 <%s> が"
                             "あります",
                             "wrong type: expected %s, found the child "
                             "element <%s>"),
                        type_name(z, s->types), raw->first->name);
}

static cv_status norm_xml_object(struct nz *z, const struct cv_node *raw,
                                 const struct cv_schema *s, const char *name,
                                 struct cv_node **out)
{
    struct cv_node *obj = new_node(z, CV_NODE_OBJECT, raw, name);
    struct xml_slot *slots;
    const struct cv_node *ch;
    size_t nslots = s->nprops + 1, i;
    bool complete, usable;
    cv_status st;

    if (!obj)
        return CV_ENOMEM;
    st = xml_object_text(z, raw, &usable);
    if (st != CV_OK || !usable)
        return st;
    slots = cv_arena_calloc(z->req->arena, nslots, sizeof(*slots));
    if (!slots)
        return CV_ENOMEM;
    for (i = 0; i < s->nprops; i++)
        slots[i].prop = &s->props[i];
    for (ch = raw->first; ch && st == CV_OK; ch = ch->next)
        st = xml_child(z, s, slots, raw, ch);
    if (st != CV_OK)
        return st;
    /* Members in document order of their anchors (all direct children). */
    for (ch = raw->first; ch; ch = ch->next) {
        for (i = 0; i < nslots; i++) {
            if (slots[i].anchor == ch && slots[i].value &&
                !slots[i].dropped) {
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

static cv_status norm_value_as(struct nz *z, const struct cv_node *raw,
                               const struct cv_schema *s, const char *name,
                               struct cv_node **out);

/* A value given and dropped with an error is unreadable, not absent: its
 * field goes on the unread list for the evaluator (norm.h). */
static cv_status norm_value(struct nz *z, const struct cv_node *raw,
                            const struct cv_schema *s, const char *name,
                            struct cv_node **out)
{
    size_t mark = z->field_len, errors = z->req->diags->errors;
    bool was = z->field_fits;
    bool fits = field_push(z, name);
    cv_status st = norm_value_as(z, raw, s, name, out);
    if (st == CV_OK && !*out && raw->kind != CV_NODE_NULL && fits &&
        z->req->diags->errors > errors && z->req->unread && z->field_len &&
        !cv_unread_add(z->req->unread, z->req->arena, z->field,
                       z->field_len))
        st = CV_ENOMEM;
    field_pop(z, mark, was);
    return st;
}

static cv_status norm_value_as(struct nz *z, const struct cv_node *raw,
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
        if (raw->first)
            return xml_scalar_with_children(z, raw, s);
        if (s->types & CV_ST_BOOLEAN)
            return norm_bool(z, raw, s, name, out);
        if (s->types & (CV_ST_NUMBER | CV_ST_INTEGER) &&
            !(s->types & CV_ST_STRING))
            return norm_number(z, raw, s, name, out);
        {
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
    struct nz z;
    const struct cv_schema_prop *ev = cv_schema_prop(req->schema, "evidence");
    struct cv_node *doc = NULL;
    const struct cv_node *fmt;
    cv_status st;

    *out = NULL;
    memset(&z, 0, sizeof(z));
    z.field_fits = true;
    z.req = req;
    z.lang = req->diags->lang;
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
