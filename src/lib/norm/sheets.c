/* SPDX-License-Identifier: MIT */
/*
 * sheets.c: which workbook reader reads a workbook, the tree builder the
 * readers share, and who answered (see sheets.h).
 */
#include "sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/unicode.h"
#include "norm.h"

/* ---- cell references ---------------------------------------------------- */

/* Excel quotes a sheet name in a reference unless it is letters, digits,
 * '_' and '.' only and does not start with a digit. */
static bool sheet_name_is_plain(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!*p || (*p >= '0' && *p <= '9'))
        return false;
    for (; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' ||
              *p >= 0x80))
            return false;
    return true;
}

static void put_column_letters(struct cv_strbuf *sb, size_t col)
{
    char letters[16];
    size_t n = 0, c = col + 1;
    while (c > 0 && n < sizeof(letters)) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    while (n > 0)
        cv_strbuf_putc(sb, letters[--n]);
}

const char *cv_cell_ref(struct cv_arena *a, const char *sheet, unsigned row,
                        size_t col)
{
    struct cv_strbuf sb;
    char *out;
    cv_strbuf_init(&sb, 4096);
    if (sheet_name_is_plain(sheet)) {
        cv_strbuf_puts(&sb, sheet);
    } else {
        const char *s;
        cv_strbuf_putc(&sb, '\'');
        for (s = sheet; *s; s++) {
            if (*s == '\'')
                cv_strbuf_putc(&sb, '\'');
            cv_strbuf_putc(&sb, *s);
        }
        cv_strbuf_putc(&sb, '\'');
    }
    cv_strbuf_putc(&sb, '!');
    put_column_letters(&sb, col);
    cv_strbuf_printf(&sb, "%u", row);
    out = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(a, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return out;
}

cv_status cv_sheets_vsay(const struct cv_sheets_req *req, cv_severity sev,
                         const char *cellref, const char *fmt, va_list ap)
{
    struct cv_loc loc = { req->source, cellref ? cellref : "", 0, 0 };
    return cv_diags_vadd(req->diags, sev,
                         sev == CV_SEV_NOTE ? CV_OK : CV_EINVALID, &loc, fmt,
                         ap);
}

cv_status cv_sheets_say(const struct cv_sheets_req *req, cv_severity sev,
                        const char *cellref, const char *fmt, ...)
{
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_sheets_vsay(req, sev, cellref, fmt, ap);
    va_end(ap);
    return st;
}

const char *cv_cell_key(struct cv_arena *a, const char *text)
{
    if (!text)
        return "";
    return cv_fold_key(a, text, strlen(text));
}

/* ---- the tree builder --------------------------------------------------- */

cv_status cv_sheet_tree_init(struct cv_sheet_tree *t,
                             const struct cv_sheets_req *req)
{
    memset(t, 0, sizeof(*t));
    t->req = req;
    t->root = cv_node_new(req->arena, CV_NODE_OBJECT);
    if (!t->root)
        return CV_ENOMEM;
    t->root->path = "";
    return CV_OK;
}

static struct cv_node *new_node(struct cv_sheet_tree *t, enum cv_node_kind kind,
                                const char *name, const char *cellref)
{
    struct cv_node *n;
    if (t->nodes >= t->req->limits->max_nodes)
        return NULL;
    n = cv_node_new(t->req->arena, kind);
    if (!n)
        return NULL;
    t->nodes++;
    n->name = name;
    n->path = cellref;
    return n;
}

static cv_status too_many_nodes(struct cv_sheet_tree *t, const char *cellref)
{
    const struct cv_sheets_req *r = t->req;
    struct cv_loc loc = { r->source, cellref, 0, 0 };
    if (t->nodes < r->limits->max_nodes)
        return CV_ENOMEM;
    return cv_diags_fail(r->diags, CV_ELIMIT, &loc,
                         CV_L(r->diags->lang,
                              "値が多すぎます (上限 max_nodes = %zu)",
                              "too many values (limit max_nodes is %zu)"),
                         r->limits->max_nodes);
}

#define SCALAR_TYPES                                                          \
    (CV_ST_STRING | CV_ST_NUMBER | CV_ST_INTEGER | CV_ST_BOOLEAN)

/* One step of a path: a member name and, for an array member, which
 * item: an index, or "append" for "[]". */
struct step {
    char name[64];
    bool indexed;
    bool append;
    size_t index;
};

/* Reads the step at *p ("name", "name[3]" or "name[]"); false when it is
 * not well formed. */
static bool read_step(const char **p, struct step *st)
{
    const char *s = *p;
    size_t n = strcspn(s, ".[");
    memset(st, 0, sizeof(*st));
    if (n == 0 || n >= sizeof(st->name))
        return false;
    memcpy(st->name, s, n);
    s += n;
    if (*s == '[') {
        char *end;
        st->indexed = true;
        if (s[1] == ']') {
            st->append = true;
            s += 2;
        } else {
            unsigned long long v = strtoull(s + 1, &end, 10);
            if (end == s + 1 || *end != ']' || v > (size_t)-1 / 2)
                return false;
            st->index = (size_t)v;
            s = end + 1;
        }
    }
    if (*s == '.')
        s++;
    else if (*s)
        return false;
    *p = s;
    return true;
}

/* Item `index` of `arr` (the next one is appended), or NULL for a gap. */
static struct cv_node *array_item(struct cv_sheet_tree *t, struct cv_node *arr,
                                  const struct step *st,
                                  enum cv_node_kind kind, const char *cellref,
                                  bool *oom)
{
    struct cv_node *it;
    *oom = false;
    if (!st->append && st->index + 1 == arr->count)
        return arr->last;
    if (!st->append && st->index < arr->count) {
        size_t i;
        for (it = arr->first, i = 0; i < st->index; i++)
            it = it->next;
        return it;
    }
    if (!st->append && st->index > arr->count)
        return NULL;
    it = new_node(t, kind, NULL, cellref);
    if (!it) {
        *oom = true;
        return NULL;
    }
    cv_node_append(arr, it);
    return it;
}

static struct cv_node *member_of(struct cv_node *obj, const char *name)
{
    struct cv_node *c;
    for (c = obj->first; c; c = c->next)
        if (c->name && strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static enum cv_node_kind container_kind(const struct cv_schema *s)
{
    if (s->types & CV_ST_OBJECT)
        return CV_NODE_OBJECT;
    if (s->types & CV_ST_ARRAY)
        return CV_NODE_ARRAY;
    return CV_NODE_STRING;
}

static bool is_plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0' && strlen(s) < 40;
}

static cv_status fill_scalar(struct cv_sheet_tree *t, struct cv_node *n,
                             const struct cv_schema *s, const char *text)
{
    n->text = cv_arena_strdup(t->req->arena, text);
    if (!n->text)
        return CV_ENOMEM;
    n->text_len = strlen(text);
    if ((s->types & CV_ST_BOOLEAN) &&
        (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)) {
        n->kind = CV_NODE_BOOL;
        n->boolean = text[0] == 't';
    } else if ((s->types & (CV_ST_NUMBER | CV_ST_INTEGER)) &&
               is_plain_number(text)) {
        n->kind = CV_NODE_NUMBER;
        n->number = strtod(text, NULL);
    } else {
        n->kind = CV_NODE_STRING;
    }
    return CV_OK;
}

static cv_status duplicate_value(struct cv_sheet_tree *t,
                                 const struct cv_node *first,
                                 const char *cellref)
{
    const struct cv_sheets_req *r = t->req;
    return cv_sheets_say(r, CV_SEV_WARNING, cellref,
                        CV_L(r->diags->lang,
                             "同じ項目の値が %s にもあるため、このセルの値は"
                             "使いません",
                             "the same field already has a value at %s, so "
                             "this cell's value is not used"),
                        first->path);
}

static cv_status set_in(struct cv_sheet_tree *t, struct cv_node *obj,
                        const struct cv_schema *s, const char *path,
                        const char *text, const char *cellref)
{
    struct step st;
    const struct cv_schema_prop *prop;
    const struct cv_schema *ps;
    struct cv_node *child;
    bool oom;

    if (!read_step(&path, &st))
        return CV_EUSAGE;
    prop = cv_schema_prop(s, st.name);
    if (!prop)
        return CV_EUSAGE;
    ps = prop->schema;
    if (st.indexed != ((ps->types & CV_ST_ARRAY) != 0))
        return CV_EUSAGE;
    /* A value is set on a scalar, and only an object has members. */
    if (!*path && !st.indexed && !(ps->types & SCALAR_TYPES))
        return CV_EUSAGE;
    if (*path && !st.indexed && !(ps->types & CV_ST_OBJECT))
        return CV_EUSAGE;
    child = member_of(obj, st.name);
    if (!child) {
        enum cv_node_kind k = *path || st.indexed ? container_kind(ps)
                                                  : CV_NODE_STRING;
        child = new_node(t, k, cv_arena_strdup(t->req->arena, st.name),
                         cellref);
        if (!child || !child->name)
            return too_many_nodes(t, cellref);
        cv_node_append(obj, child);
    }
    if (st.indexed) {
        const struct cv_schema *is = ps->items;
        struct cv_node *item;
        if (!is || (*path && !(is->types & CV_ST_OBJECT)) ||
            (!*path && !(is->types & SCALAR_TYPES)))
            return CV_EUSAGE;
        item = array_item(t, child, &st, *path ? container_kind(is)
                                               : CV_NODE_STRING,
                          cellref, &oom);
        if (!item)
            return oom ? too_many_nodes(t, cellref) : CV_EUSAGE;
        if (!*path)
            return item->text ? duplicate_value(t, item, cellref)
                              : fill_scalar(t, item, is, text);
        return set_in(t, item, is, path, text, cellref);
    }
    if (*path)
        return set_in(t, child, ps, path, text, cellref);
    if (child->text)
        return duplicate_value(t, child, cellref);
    return fill_scalar(t, child, ps, text);
}

/* Whether `path` names a scalar of the schema, every step of the right
 * kind, before anything is made on its way. */
static bool path_fits(const struct cv_schema *s, const char *path)
{
    while (*path) {
        struct step st;
        const struct cv_schema_prop *prop;
        if (!read_step(&path, &st))
            return false;
        prop = cv_schema_prop(s, st.name);
        if (!prop || st.indexed != ((prop->schema->types & CV_ST_ARRAY) != 0))
            return false;
        s = st.indexed ? prop->schema->items : prop->schema;
        if (!s)
            return false;
        if (*path && !(s->types & CV_ST_OBJECT))
            return false;
    }
    return (s->types & SCALAR_TYPES) != 0;
}

cv_status cv_sheet_tree_set(struct cv_sheet_tree *t, const char *path,
                            const char *text, const char *cellref)
{
    if (!text || !cellref || !path_fits(t->req->schema, path))
        return CV_EUSAGE;
    return set_in(t, t->root, t->req->schema, path, text, cellref);
}

bool cv_sheet_tree_has(const struct cv_sheet_tree *t, const char *path)
{
    return cv_node_lookup(t->root, path) != NULL;
}

/* ---- who answered ------------------------------------------------------- */

/* The file's base name without its extension ("in/あおば_METI.xlsx" ->
 * "あおば_METI"), in the arena. */
static const char *file_stem(struct cv_arena *a, const char *source)
{
    const char *slash = strrchr(source, '/');
    const char *base = slash ? slash + 1 : source;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return cv_arena_strndup(a, base, n);
}

/* vendor.name or service.name from the option, else the file name; a note
 * says which, located at the file. */
static cv_status fill_name(struct cv_sheet_tree *t, const char *path,
                           const char *option, const char *option_name)
{
    const struct cv_sheets_req *r = t->req;
    const char *value = option;
    const char *from = option_name;
    cv_status st;
    if (cv_sheet_tree_has(t, path))
        return CV_OK;
    if (!value || !*value) {
        value = file_stem(r->arena, r->source);
        from = CV_L(r->diags->lang, "ファイル名", "the file name");
        if (!value)
            return CV_ENOMEM;
    }
    if (!*value)
        return CV_OK; /* the normaliser says the name is missing */
    st = cv_sheet_tree_set(t, path, value, "");
    if (st != CV_OK)
        return st;
    return cv_sheets_say(r, CV_SEV_NOTE, "",
                        CV_L(r->diags->lang,
                             "シートに %s がないため、%s から '%s' としました",
                             "the sheet does not give %s, so it is '%s' "
                             "from %s"),
                        path,
                        CV_L(r->diags->lang, from, value),
                        CV_L(r->diags->lang, value, from));
}

/* ---- which reader -------------------------------------------------------- */

static cv_status no_reader(const struct cv_sheets_req *req)
{
    struct cv_loc loc = { req->source, "", 0, 0 };
    struct cv_strbuf names;
    size_t i;
    cv_status st;
    cv_strbuf_init(&names, 4096);
    for (i = 0; i < req->nmappings; i++)
        cv_strbuf_printf(&names, "%s%s", i ? ", " : "",
                         cv_sheetmap_id(req->mappings[i]));
    st = cv_diags_fail(
        req->diags, CV_EINVALID, &loc,
        CV_L(req->diags->lang,
             "このワークブックを読む方法がわかりません: cloudvet の回答票"
             "ではなく、組み込みの対応表 (%s) のどれにも当てはまりません。"
             "--mapping で対応表を指定してください",
             "cloudvet does not know how to read this workbook: it is not "
             "cloudvet's questionnaire and none of the built-in mappings "
             "(%s) recognises it; name one with --mapping"),
        names.len ? names.ptr : "-");
    cv_strbuf_release(&names);
    return st;
}

static cv_status mapping_refused(const struct cv_sheets_req *req)
{
    struct cv_loc loc = { req->source, "", 0, 0 };
    return cv_diags_fail(
        req->diags, CV_EINVALID, &loc,
        CV_L(req->diags->lang,
             "対応表 '%s' はこのワークブックに当てはまりません (シートか"
             "見出しが見つかりません)",
             "the mapping '%s' does not fit this workbook (its sheet or "
             "headers are not there)"),
        cv_sheetmap_id(req->forced));
}

/* The one built-in mapping that recognises the sheets; two that do are
 * refused rather than one picked. */
static cv_status pick_mapping(const struct cv_sheetmap **out,
                              const struct cv_sheets_req *req)
{
    size_t i;
    *out = NULL;
    for (i = 0; i < req->nmappings; i++) {
        if (!cv_sheetmap_recognises(req->mappings[i], req->sheets))
            continue;
        if (*out) {
            struct cv_loc loc = { req->source, "", 0, 0 };
            return cv_diags_fail(
                req->diags, CV_EINVALID, &loc,
                CV_L(req->diags->lang,
                     "対応表 '%s' と '%s' の両方が当てはまるため、どちらで"
                     "読むか決められません。--mapping で指定してください",
                     "both mappings '%s' and '%s' fit this workbook, so "
                     "cloudvet cannot choose; name one with --mapping"),
                cv_sheetmap_id(*out), cv_sheetmap_id(req->mappings[i]));
        }
        *out = req->mappings[i];
    }
    return *out ? CV_OK : no_reader(req);
}

/* Which reader read the workbook: the first thing to know when a value
 * was read otherwise than the vendor meant. */
static cv_status note_reader(const struct cv_sheets_req *req,
                             const struct cv_sheetmap *map)
{
    if (!map)
        return cv_sheets_say(req, CV_SEV_NOTE, "", "%s",
                            CV_L(req->diags->lang,
                                 "cloudvet の回答票 (ワークブック) として"
                                 "読みました",
                                 "read as cloudvet's questionnaire workbook"));
    return cv_sheets_say(req, CV_SEV_NOTE, "",
                        CV_L(req->diags->lang,
                             "対応表 '%s' で読みました",
                             "read through the mapping '%s'"),
                        cv_sheetmap_id(map));
}

cv_status cv_sheets_questionnaire(struct cv_node **raw,
                                  const struct cv_sheets_req *req)
{
    struct cv_sheet_tree t;
    const struct cv_sheetmap *map = req->forced;
    cv_status st;

    *raw = NULL;
    st = cv_sheet_tree_init(&t, req);
    if (st != CV_OK)
        return st;
    st = cv_sheet_tree_set(&t, "format", CV_QUESTIONNAIRE_FORMAT, "");
    if (st != CV_OK)
        return st;
    if (!map && req->words && cv_sheets_is_own(req->sheets)) {
        st = cv_sheets_own(&t);
    } else {
        if (map && !cv_sheetmap_recognises(map, req->sheets))
            return mapping_refused(req);
        if (!map)
            st = pick_mapping(&map, req);
        if (st == CV_OK)
            st = cv_sheets_mapped(&t, map);
    }
    if (st == CV_OK)
        st = note_reader(req, map);
    if (st == CV_OK)
        st = fill_name(&t, "vendor.name", req->vendor, "--vendor");
    if (st == CV_OK)
        st = fill_name(&t, "service.name", req->service, "--service");
    if (st == CV_OK)
        *raw = t.root;
    return st;
}
