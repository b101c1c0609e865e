/* SPDX-License-Identifier: MIT */
/*
 * mapping.c: compile check-sheet mappings (format "cloudvet-mapping/1",
 * docs/mappings.md) into struct cv_sheetmap (norm/sheetmap.h).
 *
 * A mapping decides which cells become which answers and facts, so it is
 * held to the same strictness as a profile: unknown members are errors,
 * every criterion must be in the catalogue, every fact a scalar field of
 * the schema, every vocabulary target a value of the schema's
 * enumeration, every pattern compiled through regex.h and matched with
 * the run's match limit. A file named with --mapping is hostile input as
 * well: it is read with small limits (size, nesting, values) and every
 * list in it is bounded.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../norm/sheetmap.h"
#include "../norm/sheets.h"
#include "criteria.h"

#include "../base/sha256.h"

#define MAP_FORMAT "cloudvet-mapping/1"
#define MAX_LIST 2000          /* items, words, headers, phrases per list */
#define MAX_PATTERN_BYTES 256  /* one regular expression */
#define MAX_SEARCH_ROWS 200
#define DEFAULT_SEARCH_ROWS 30
#define MAX_DATA_ROWS 20000
#define DEFAULT_DATA_ROWS 5000
#define MAX_MAPPINGS 64        /* files of criteria/mappings/ */

/* The bounds a mapping file is read with: a mapping is a few hundred
 * lines, so anything far larger is not one (and --mapping may name any
 * file). */
static const cv_limits mapping_limits = {
    (size_t)1 << 20, 16u, (size_t)100000, (size_t)64 << 10, (size_t)1000,
    (uint32_t)100000
};

static const char *const top_members[] = {
    "format", "id",      "title",   "source",           "edition",
    "url",    "note",    "sheet",   "header",           "columns",
    "rows",   "answers", "no_value", "responsibilities", "phrases",
    "items",  "names",   NULL
};

/* The member name of each column role, in enum cv_sheetmap_role order. */
static const char *const column_members[CV_MAPCOL_NROLES + 1] = {
    "item",     "label",          "answer",
    "explanation", "evidence",    "responsibility",
    "customer_responsibilities",  NULL
};

struct mapc {
    struct cv_criteria *c;
    struct cv_arena *a;
    struct cv_diags *diags;
    const char *file;
    struct cv_sheetmap *m;
};

#define MAP_ERROR(mc, at, ja, en, arg)                                        \
    cv_crit_error((mc)->diags, (mc)->file, (at), ja, en, (arg))

/* ---- small readers ------------------------------------------------------ */

static int regex_match(const void *re, const char *s, size_t len,
                       uint32_t limit)
{
    return cv_regex_match((const struct cv_regex *)re, s, len, limit, NULL,
                          NULL);
}

static cv_status optional_string(const char **out, struct mapc *mc,
                                 const struct cv_node *obj, const char *name)
{
    const struct cv_node *n = cv_node_member(obj, name);
    *out = NULL;
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_STRING || n->text_len == 0)
        return MAP_ERROR(mc, n, "'%s' は空でない文字列です",
                         "'%s' must be a non-empty string", name);
    *out = n->text;
    return CV_OK;
}

static cv_status optional_bool(bool *out, struct mapc *mc,
                               const struct cv_node *obj, const char *name)
{
    const struct cv_node *n = cv_node_member(obj, name);
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_BOOL)
        return MAP_ERROR(mc, n, "'%s' は真偽値です",
                         "'%s' must be a boolean", name);
    *out = n->boolean;
    return CV_OK;
}

static cv_status optional_count(unsigned *out, struct mapc *mc,
                                const struct cv_node *obj, const char *name,
                                unsigned lo, unsigned hi)
{
    const struct cv_node *n = cv_node_member(obj, name);
    char msg_ja[96], msg_en[96];
    if (!n)
        return CV_OK;
    if (n->kind == CV_NODE_NUMBER && n->number >= lo && n->number <= hi &&
        n->number == (double)(unsigned)n->number) {
        *out = (unsigned)n->number;
        return CV_OK;
    }
    snprintf(msg_ja, sizeof(msg_ja), "%u〜%u の整数", lo, hi);
    snprintf(msg_en, sizeof(msg_en), "an integer from %u to %u", lo, hi);
    return cv_crit_fail_at(mc->diags, mc->file, n,
                           CV_L(mc->diags->lang, "'%s' は %s です",
                                "'%s' must be %s"),
                           name, CV_L(mc->diags->lang, msg_ja, msg_en));
}

/* A non-empty array of at most MAX_LIST non-empty strings, as keys (and,
 * with `texts`, as written). */
static cv_status string_list(const char ***keys, const char ***texts,
                             size_t *n, struct mapc *mc,
                             const struct cv_node *list, const char *name)
{
    const struct cv_node *e;
    size_t i = 0;
    *n = 0;
    if (!list || list->kind != CV_NODE_ARRAY || list->count == 0 ||
        list->count > MAX_LIST)
        return MAP_ERROR(mc, list, "'%s' は 1〜2000 個の文字列の配列です",
                         "'%s' must be a list of 1 to 2000 strings", name);
    *keys = cv_arena_calloc(mc->a, list->count, sizeof(**keys));
    if (texts)
        *texts = cv_arena_calloc(mc->a, list->count, sizeof(**texts));
    if (!*keys || (texts && !*texts))
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next, i++) {
        const char *k;
        if (e->kind != CV_NODE_STRING || e->text_len == 0)
            return MAP_ERROR(mc, e, "'%s' の要素は空でない文字列です",
                             "the items of '%s' must be non-empty strings",
                             name);
        k = cv_cell_key(mc->a, e->text);
        if (!k)
            return CV_ENOMEM;
        if (!*k)
            return MAP_ERROR(mc, e, "'%s' の要素が空白だけです",
                             "an item of '%s' is only blanks", name);
        (*keys)[i] = k;
        if (texts)
            (*texts)[i] = e->text;
    }
    *n = i;
    return CV_OK;
}

static cv_status compile_pattern(struct cv_sheetmap_pattern *p,
                                 struct mapc *mc, const struct cv_node *n,
                                 const char *name)
{
    struct cv_regex *re = NULL;
    struct cv_loc loc = { mc->file, n ? n->path : "", 0, 0 };
    cv_status st;
    memset(p, 0, sizeof(*p));
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_STRING || n->text_len == 0 ||
        n->text_len > MAX_PATTERN_BYTES)
        return MAP_ERROR(mc, n, "'%s' は 1〜256 バイトの正規表現です",
                         "'%s' must be a regular expression of 1 to 256 "
                         "bytes",
                         name);
    st = cv_regex_compile(&re, &mc->c->regexes, n->text, false, mc->diags,
                          &loc);
    if (st != CV_OK)
        return st;
    p->text = n->text;
    p->re = re;
    p->match = regex_match;
    p->limit = mc->c->limits.regex_match_limit;
    return CV_OK;
}

/* The values of the schema's enumeration at `dotted`. */
static const struct cv_schema *enum_of(struct mapc *mc, const char *dotted)
{
    const struct cv_schema *s =
        mc->c->schema ? cv_schema_at(mc->c->schema, dotted) : NULL;
    return s && s->nenums ? s : NULL;
}

static bool in_enum(const struct cv_schema *s, const char *v)
{
    size_t i;
    for (i = 0; s && i < s->nenums; i++)
        if (strcmp(s->enums[i], v) == 0)
            return true;
    return false;
}

/* ---- sheet, header, columns, rows --------------------------------------- */

static cv_status compile_version(struct mapc *mc, const struct cv_node *v)
{
    static const char *const allowed[] = { "pattern", "written_for",
                                            "reason", NULL };
    struct cv_text2 reason = { NULL, NULL };
    cv_status st = cv_crit_members(v, allowed, mc->diags, mc->file);
    if (st == CV_OK)
        st = compile_pattern(&mc->m->version, mc, cv_node_member(v, "pattern"),
                             "pattern");
    if (st == CV_OK && !mc->m->version.re)
        st = MAP_ERROR(mc, v, "'%s' が必要です", "'%s' is required",
                       "pattern");
    if (st == CV_OK)
        st = cv_crit_string(&mc->m->written_for, v, "written_for", mc->diags,
                            mc->file);
    if (st == CV_OK)
        st = cv_crit_text2(&reason, v, "reason", mc->diags, mc->file);
    mc->m->reason_ja = reason.ja;
    mc->m->reason_en = reason.en;
    return st;
}

static cv_status compile_sheet(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "name", "name_pattern", "markers",
                                            "version", NULL };
    const struct cv_node *s = cv_node_member(doc, "sheet");
    struct cv_sheetmap *m = mc->m;
    const char *name = NULL;
    cv_status st;
    if (!s)
        return MAP_ERROR(mc, doc, "'%s' が必要です", "'%s' is required",
                         "sheet");
    st = cv_crit_members(s, allowed, mc->diags, mc->file);
    if (st == CV_OK)
        st = optional_string(&name, mc, s, "name");
    if (st == CV_OK && name && !(m->sheet_key = cv_cell_key(mc->a, name)))
        st = CV_ENOMEM;
    if (st == CV_OK)
        st = compile_pattern(&m->sheet_pattern, mc,
                             cv_node_member(s, "name_pattern"),
                             "name_pattern");
    if (st == CV_OK && cv_node_member(s, "markers"))
        st = string_list(&m->markers, NULL, &m->nmarkers, mc,
                         cv_node_member(s, "markers"), "markers");
    if (st == CV_OK && cv_node_member(s, "version"))
        st = compile_version(mc, cv_node_member(s, "version"));
    /* A mapping that names no sheet, pattern or marker would claim every
     * workbook: refused, so the built-in ones can never overlap by
     * accident. */
    if (st == CV_OK && !m->sheet_key && !m->sheet_pattern.re && !m->nmarkers)
        st = MAP_ERROR(mc, s,
                       "シートを name、name_pattern、markers のどれかで"
                       "特定してください%s",
                       "the sheet must be named by name, name_pattern or "
                       "markers%s",
                       "");
    return st;
}

static cv_status compile_header(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "search_rows", "row", "rows",
                                            NULL };
    const struct cv_node *h = cv_node_member(doc, "header");
    struct cv_sheetmap *m = mc->m;
    cv_status st = CV_OK;
    m->search_rows = DEFAULT_SEARCH_ROWS;
    m->header_rows = 1;
    m->header_row = 0;
    if (!h)
        return CV_OK;
    st = cv_crit_members(h, allowed, mc->diags, mc->file);
    if (st == CV_OK)
        st = optional_count(&m->search_rows, mc, h, "search_rows", 1,
                            MAX_SEARCH_ROWS);
    if (st == CV_OK)
        st = optional_count(&m->header_row, mc, h, "row", 1, MAX_SEARCH_ROWS);
    if (st == CV_OK)
        st = optional_count(&m->header_rows, mc, h, "rows", 1, 2);
    return st;
}

static cv_status compile_column(struct mapc *mc, enum cv_sheetmap_role role,
                                const struct cv_node *n)
{
    static const char *const allowed[] = { "headers", "required", NULL };
    struct cv_sheetmap_column *col = &mc->m->columns[role];
    cv_status st = cv_crit_members(n, allowed, mc->diags, mc->file);
    col->member = column_members[role];
    if (st == CV_OK)
        st = string_list(&col->keys, &col->headers, &col->nheaders, mc,
                         cv_node_member(n, "headers"), "headers");
    if (st == CV_OK)
        st = optional_bool(&col->required, mc, n, "required");
    col->declared = st == CV_OK;
    return st;
}

static cv_status compile_columns(struct mapc *mc, const struct cv_node *doc)
{
    const struct cv_node *cols = cv_node_member(doc, "columns");
    size_t r;
    cv_status st;
    for (r = 0; r < CV_MAPCOL_NROLES; r++)
        mc->m->columns[r].member = column_members[r];
    if (!cols)
        return MAP_ERROR(mc, doc, "'%s' が必要です", "'%s' is required",
                         "columns");
    st = cv_crit_members(cols, column_members, mc->diags, mc->file);
    for (r = 0; st == CV_OK && r < CV_MAPCOL_NROLES; r++) {
        const struct cv_node *n = cv_node_member(cols, column_members[r]);
        if (n)
            st = compile_column(mc, (enum cv_sheetmap_role)r, n);
    }
    if (st == CV_OK && !mc->m->columns[CV_MAPCOL_ANSWER].declared)
        st = MAP_ERROR(mc, cols, "列 '%s' が必要です",
                       "column '%s' is required", "answer");
    return st;
}

static cv_status compile_rows(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "key", "item_pattern",
                                            "stop_at_non_item", "max_rows",
                                            NULL };
    const struct cv_node *r = cv_node_member(doc, "rows");
    struct cv_sheetmap *m = mc->m;
    const char *key = "item";
    enum cv_sheetmap_role kcol;
    cv_status st = CV_OK;
    m->max_rows = DEFAULT_DATA_ROWS;
    if (r) {
        st = cv_crit_members(r, allowed, mc->diags, mc->file);
        if (st == CV_OK)
            st = optional_string(&key, mc, r, "key");
        if (st == CV_OK && !key)
            key = "item";
        if (st == CV_OK)
            st = compile_pattern(&m->item_pattern, mc,
                                 cv_node_member(r, "item_pattern"),
                                 "item_pattern");
        if (st == CV_OK)
            st = optional_bool(&m->stop_at_non_item, mc, r,
                               "stop_at_non_item");
        if (st == CV_OK)
            st = optional_count(&m->max_rows, mc, r, "max_rows", 1,
                                MAX_DATA_ROWS);
        if (st == CV_OK && m->stop_at_non_item && !m->item_pattern.re)
            st = MAP_ERROR(mc, r, "stop_at_non_item には '%s' が必要です",
                           "stop_at_non_item needs '%s'", "item_pattern");
    }
    if (st != CV_OK)
        return st;
    if (strcmp(key, "item") == 0) {
        m->key = CV_MAPKEY_ITEM;
        kcol = CV_MAPCOL_ITEM;
    } else if (strcmp(key, "label") == 0) {
        m->key = CV_MAPKEY_LABEL;
        kcol = CV_MAPCOL_LABEL;
    } else {
        return MAP_ERROR(mc, cv_node_member(r, "key"),
                         "key は \"item\" か \"label\" です (%s)",
                         "key must be \"item\" or \"label\" (%s)", key);
    }
    /* Items are found by the key column: it must be there, always. */
    if (!m->columns[kcol].declared || !m->columns[kcol].required)
        return MAP_ERROR(mc, doc,
                         "行のキーの列 '%s' を required として宣言してください",
                         "the rows' key column '%s' must be declared "
                         "required",
                         column_members[kcol]);
    return CV_OK;
}

/* ---- vocabularies ------------------------------------------------------- */

static const char *find_word(const struct cv_sheetmap_vocab *v,
                             const char *key)
{
    size_t i;
    for (i = 0; i < v->nwords; i++)
        if (strcmp(v->words[i].key, key) == 0)
            return v->words[i].value;
    return NULL;
}

/* [ { "value": enum value, "words": [...] } ... ] into `v`. */
static cv_status compile_vocab(struct cv_sheetmap_vocab *v, struct mapc *mc,
                               const struct cv_node *list, const char *name,
                               const char *enum_field)
{
    static const char *const allowed[] = { "value", "words", "note", NULL };
    const struct cv_schema *es = enum_of(mc, enum_field);
    const struct cv_node *e;
    size_t total = 0;
    cv_status st = CV_OK;
    memset(v, 0, sizeof(*v));
    if (!list)
        return CV_OK;
    if (list->kind != CV_NODE_ARRAY || list->count == 0 ||
        list->count > MAX_LIST)
        return MAP_ERROR(mc, list, "'%s' は空でない配列です",
                         "'%s' must be a non-empty list", name);
    if (!es)
        return MAP_ERROR(mc, list, "スキーマに %s の列挙がありません",
                         "the schema has no enumeration %s", enum_field);
    for (e = list->first; e; e = e->next)
        total += cv_node_member(e, "words") ? cv_node_member(e, "words")->count
                                            : 0;
    if (total > MAX_LIST)
        return MAP_ERROR(mc, list, "'%s' の語が多すぎます (上限 2000)",
                         "'%s' has too many words (at most 2000)", name);
    v->words = cv_arena_calloc(mc->a, total ? total : 1, sizeof(*v->words));
    v->values = cv_arena_calloc(mc->a, list->count, sizeof(*v->values));
    if (!v->words || !v->values)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        const char *value = NULL;
        const char **keys = NULL;
        size_t n = 0, i;
        st = cv_crit_members(e, allowed, mc->diags, mc->file);
        if (st == CV_OK)
            st = cv_crit_string(&value, e, "value", mc->diags, mc->file);
        if (st == CV_OK && !in_enum(es, value))
            st = MAP_ERROR(mc, e, "'%s' はスキーマの列挙の値ではありません",
                           "'%s' is not a value of the schema's enumeration",
                           value);
        if (st == CV_OK)
            st = string_list(&keys, NULL, &n, mc, cv_node_member(e, "words"),
                             "words");
        for (i = 0; st == CV_OK && i < n; i++) {
            if (find_word(v, keys[i]))
                st = MAP_ERROR(mc, e, "語 '%s' が二度あります",
                               "the word '%s' is listed twice", keys[i]);
            v->words[v->nwords].key = keys[i];
            v->words[v->nwords++].value = value;
        }
        if (st == CV_OK)
            v->values[v->nvalues++] = value;
    }
    return st;
}

static cv_status compile_no_value(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "words", "note", NULL };
    const struct cv_node *n = cv_node_member(doc, "no_value");
    cv_status st;
    size_t i;
    if (!n)
        return CV_OK;
    st = cv_crit_members(n, allowed, mc->diags, mc->file);
    if (st == CV_OK)
        st = string_list(&mc->m->no_value, NULL, &mc->m->nno_value, mc,
                         cv_node_member(n, "words"), "words");
    for (i = 0; st == CV_OK && i < mc->m->nno_value; i++)
        if (find_word(&mc->m->answers, mc->m->no_value[i]))
            st = MAP_ERROR(mc, n, "語 '%s' は answers にもあります",
                           "the word '%s' is also an answer word",
                           mc->m->no_value[i]);
    return st;
}

static cv_status compile_phrases(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "text", "value", "source", "note",
                                            NULL };
    const struct cv_node *list = cv_node_member(doc, "phrases"), *e;
    struct cv_sheetmap *m = mc->m;
    cv_status st = CV_OK;
    if (!list)
        return CV_OK;
    if (list->kind != CV_NODE_ARRAY || list->count > MAX_LIST)
        return MAP_ERROR(mc, list, "'%s' は配列です", "'%s' must be a list",
                         "phrases");
    m->phrases = cv_arena_calloc(mc->a, list->count ? list->count : 1,
                                 sizeof(*m->phrases));
    if (!m->phrases)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        const char *text = NULL, *value = NULL, *source = NULL;
        st = cv_crit_members(e, allowed, mc->diags, mc->file);
        if (st == CV_OK)
            st = cv_crit_string(&text, e, "text", mc->diags, mc->file);
        if (st == CV_OK)
            st = cv_crit_string(&value, e, "value", mc->diags, mc->file);
        /* a phrase is a reading, so it says what it rests on */
        if (st == CV_OK)
            st = cv_crit_string(&source, e, "source", mc->diags, mc->file);
        if (st == CV_OK) {
            m->phrases[m->nphrases].key = cv_cell_key(mc->a, text);
            m->phrases[m->nphrases].value = value;
            if (!m->phrases[m->nphrases++].key)
                st = CV_ENOMEM;
        }
    }
    return st;
}

/* ---- items -------------------------------------------------------------- */

/* A fact an item may set: a dotted path of objects ending in a string,
 * number or boolean member (no array steps: one cell is one value). */
static cv_status check_fact_field(bool *boolean, struct mapc *mc,
                                  const struct cv_node *at, const char *field)
{
    const struct cv_schema *s = mc->c->schema;
    const char *p = field;
    char step[64];
    *boolean = false;
    if (!s)
        return CV_OK; /* lint reports the schema itself */
    while (*p) {
        size_t n = strcspn(p, ".");
        const struct cv_schema_prop *prop;
        if (n == 0 || n >= sizeof(step) || !(s->types & CV_ST_OBJECT))
            break;
        memcpy(step, p, n);
        step[n] = '\0';
        prop = cv_schema_prop(s, step);
        if (!prop)
            break;
        s = prop->schema;
        p += n;
        if (*p == '.')
            p++;
        else if (!*p) {
            if (s->types & (CV_ST_OBJECT | CV_ST_ARRAY))
                break;
            *boolean = (s->types & CV_ST_BOOLEAN) != 0;
            return CV_OK;
        }
    }
    return MAP_ERROR(mc, at,
                     "'%s' は質問票スキーマの項目 (配列を通らない値) では"
                     "ありません",
                     "'%s' is not a field of the questionnaire schema (a "
                     "value reached without an array)",
                     field);
}

static bool item_key_taken(const struct cv_sheetmap *m, const char *key)
{
    size_t i, k;
    for (i = 0; i < m->nitems; i++)
        for (k = 0; k < m->items[i].nkeys; k++)
            if (strcmp(m->items[i].keys[k], key) == 0)
                return true;
    return false;
}

static cv_status compile_item(struct mapc *mc, const struct cv_node *e)
{
    static const char *const allowed[] = { "match", "criterion", "field",
                                            "note", NULL };
    struct cv_sheetmap *m = mc->m;
    struct cv_sheetmap_item *it = &m->items[m->nitems];
    cv_status st = cv_crit_members(e, allowed, mc->diags, mc->file);
    size_t k;
    if (st == CV_OK)
        st = string_list(&it->keys, NULL, &it->nkeys, mc,
                         cv_node_member(e, "match"), "match");
    if (st == CV_OK)
        st = optional_string(&it->criterion, mc, e, "criterion");
    if (st == CV_OK)
        st = optional_string(&it->field, mc, e, "field");
    if (st == CV_OK && !it->criterion && !it->field)
        st = MAP_ERROR(mc, e, "項目には criterion か field が必要です%s",
                       "an item needs a criterion or a field%s", "");
    if (st == CV_OK && it->criterion && !cv_catalogue_find(mc->c, it->criterion))
        st = MAP_ERROR(mc, e, "未知の基準 '%s'", "unknown criterion '%s'",
                       it->criterion);
    if (st == CV_OK && it->field)
        st = check_fact_field(&it->field_boolean, mc, e, it->field);
    for (k = 0; st == CV_OK && k < it->nkeys; k++)
        if (item_key_taken(m, it->keys[k]))
            st = MAP_ERROR(mc, e, "項目 '%s' が二度あります",
                           "item '%s' is listed twice", it->keys[k]);
    if (st == CV_OK)
        m->nitems++;
    return st;
}

static cv_status compile_items(struct mapc *mc, const struct cv_node *doc)
{
    const struct cv_node *list = cv_node_member(doc, "items"), *e;
    cv_status st = CV_OK;
    if (!list || list->kind != CV_NODE_ARRAY || list->count == 0 ||
        list->count > MAX_LIST)
        return MAP_ERROR(mc, list ? list : doc,
                         "'%s' は 1〜2000 個の項目の配列です",
                         "'%s' must be a list of 1 to 2000 items", "items");
    mc->m->items = cv_arena_calloc(mc->a, list->count, sizeof(*mc->m->items));
    if (!mc->m->items)
        return CV_ENOMEM;
    for (e = list->first; e && st != CV_ENOMEM; e = e->next) {
        cv_status est = compile_item(mc, e);
        if (st == CV_OK)
            st = est;
    }
    return st;
}

static cv_status compile_names(struct mapc *mc, const struct cv_node *doc)
{
    static const char *const allowed[] = { "vendor", "service", NULL };
    static const char *const name_members[] = { "labels", NULL };
    const struct cv_node *n = cv_node_member(doc, "names");
    struct cv_sheetmap_name *slots[2];
    cv_status st;
    size_t i;
    slots[0] = &mc->m->vendor;
    slots[1] = &mc->m->service;
    if (!n)
        return CV_OK;
    st = cv_crit_members(n, allowed, mc->diags, mc->file);
    for (i = 0; st == CV_OK && i < 2; i++) {
        const struct cv_node *e = cv_node_member(n, allowed[i]);
        if (!e)
            continue;
        st = cv_crit_members(e, name_members, mc->diags, mc->file);
        if (st == CV_OK)
            st = string_list(&slots[i]->labels, NULL, &slots[i]->nlabels, mc,
                             cv_node_member(e, "labels"), "labels");
    }
    return st;
}

/* ---- one file ----------------------------------------------------------- */

static cv_status compile_doc(struct mapc *mc, const struct cv_node *doc)
{
    struct cv_sheetmap *m = mc->m;
    struct cv_text2 title = { NULL, NULL };
    const char *s = NULL;
    cv_status st = cv_crit_expect(doc, MAP_FORMAT, top_members, mc->diags,
                                  mc->file);
    if (st == CV_OK)
        st = cv_crit_string(&m->id, doc, "id", mc->diags, mc->file);
    if (st == CV_OK &&
        !cv_crit_is_token(m->id, "abcdefghijklmnopqrstuvwxyz0123456789-."))
        st = MAP_ERROR(mc, cv_node_member(doc, "id"),
                       "id '%s' は英小文字・数字・'-'・'.' の 1〜64 文字です",
                       "id '%s' must be 1 to 64 lower-case letters, digits, "
                       "'-' or '.'",
                       m->id);
    if (st == CV_OK)
        st = cv_crit_text2(&title, doc, "title", mc->diags, mc->file);
    m->title_ja = title.ja;
    m->title_en = title.en;
    /* the published document the sheet is, and what is unconfirmed */
    if (st == CV_OK)
        st = cv_crit_string(&s, doc, "source", mc->diags, mc->file);
    if (st == CV_OK)
        st = optional_string(&s, mc, doc, "edition");
    if (st == CV_OK)
        st = optional_string(&s, mc, doc, "url");
    if (st == CV_OK)
        st = optional_string(&s, mc, doc, "note");
    if (st == CV_OK)
        st = compile_sheet(mc, doc);
    if (st == CV_OK)
        st = compile_header(mc, doc);
    if (st == CV_OK)
        st = compile_columns(mc, doc);
    if (st == CV_OK)
        st = compile_rows(mc, doc);
    if (st == CV_OK)
        st = compile_vocab(&m->answers, mc, cv_node_member(doc, "answers"),
                           "answers", "answers.response");
    if (st == CV_OK && !m->answers.nwords)
        st = MAP_ERROR(mc, doc, "'%s' が必要です", "'%s' is required",
                       "answers");
    if (st == CV_OK)
        st = compile_vocab(&m->responsibilities, mc,
                           cv_node_member(doc, "responsibilities"),
                           "responsibilities", "answers.responsibility");
    if (st == CV_OK && m->columns[CV_MAPCOL_RESPONSIBILITY].declared &&
        !m->responsibilities.nwords)
        st = MAP_ERROR(mc, doc, "responsibility の列には '%s' が必要です",
                       "the responsibility column needs '%s'",
                       "responsibilities");
    if (st == CV_OK)
        st = compile_no_value(mc, doc);
    if (st == CV_OK)
        st = compile_phrases(mc, doc);
    if (st == CV_OK)
        st = compile_items(mc, doc);
    if (st == CV_OK)
        st = compile_names(mc, doc);
    return st;
}

static cv_status compile_file(const struct cv_sheetmap **out,
                              struct cv_criteria *c, struct cv_diags *diags,
                              const char *path, struct cv_strbuf *digest)
{
    const struct cv_node *doc = NULL;
    struct mapc mc;
    cv_status st;
    *out = NULL;
    memset(&mc, 0, sizeof(mc));
    mc.c = c;
    mc.a = &c->arena;
    mc.diags = diags;
    mc.file = cv_arena_strdup(&c->arena, path);
    mc.m = cv_arena_calloc(&c->arena, 1, sizeof(*mc.m));
    if (!mc.file || !mc.m)
        return CV_ENOMEM;
    mc.m->file = mc.file;
    st = cv_crit_read_json(&doc, &c->arena, diags, &mapping_limits, path,
                           digest);
    if (st == CV_OK)
        st = compile_doc(&mc, doc);
    if (st == CV_OK)
        *out = mc.m;
    return st;
}

/* ---- the built-in ones, and --mapping ------------------------------------ */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.json names of `dir`, sorted (so the order never depends on the
 * file system); *n = 0 when the folder is absent. */
static cv_status list_json(char ***names, size_t *n, struct cv_arena *a,
                           struct cv_diags *diags, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    cv_status st = CV_OK;
    *names = NULL;
    *n = 0;
    if (!d)
        return CV_OK; /* no mappings folder: no built-in mappings */
    while ((e = readdir(d)) != NULL && st == CV_OK) {
        size_t len = strlen(e->d_name);
        char **nn;
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (*n >= MAX_MAPPINGS) {
            st = cv_crit_error(diags, dir, NULL,
                               "対応表が多すぎます (上限 64)%s",
                               "too many mapping files (at most 64)%s", "");
            break;
        }
        nn = cv_arena_grow(a, *names, *n, *n + 1, sizeof(*nn));
        if (!nn || !(nn[*n] = cv_crit_join_path(a, dir, e->d_name))) {
            st = CV_ENOMEM;
            break;
        }
        *names = nn;
        (*n)++;
    }
    closedir(d);
    if (st == CV_OK && *n > 1)
        qsort(*names, *n, sizeof(**names), compare_names);
    return st;
}

cv_status cv_mappings_load(struct cv_criteria *c, struct cv_diags *diags,
                           const char *criteria_dir, struct cv_strbuf *digest)
{
    char *dir = cv_crit_join_path(&c->arena, criteria_dir, "mappings");
    char **names = NULL;
    size_t n = 0, i, k;
    cv_status st;
    c->mappings = NULL;
    c->nmappings = 0;
    if (!dir)
        return CV_ENOMEM;
    st = list_json(&names, &n, &c->arena, diags, dir);
    if (st != CV_OK || n == 0)
        return st;
    c->mappings = cv_arena_calloc(&c->arena, n, sizeof(*c->mappings));
    if (!c->mappings)
        return CV_ENOMEM;
    for (i = 0; i < n && st != CV_ENOMEM; i++) {
        const struct cv_sheetmap *m = NULL;
        cv_status fst = compile_file(&m, c, diags, names[i], digest);
        for (k = 0; fst == CV_OK && k < c->nmappings; k++)
            if (strcmp(c->mappings[k]->id, m->id) == 0)
                fst = cv_crit_error(diags, names[i], NULL,
                                    "対応表の id '%s' が重複しています",
                                    "mapping id '%s' is used twice", m->id);
        if (fst == CV_OK)
            c->mappings[c->nmappings++] = m;
        else if (st == CV_OK)
            st = fst;
    }
    return st;
}

cv_status cv_mapping_load_file(struct cv_criteria *c, struct cv_diags *diags,
                               const char *path,
                               const struct cv_sheetmap **out,
                               char sha256[65])
{
    struct cv_strbuf bytes;
    cv_status st;
    *out = NULL;
    if (!c || !path)
        return CV_EUSAGE;
    /* The hash of the bytes compiled, not of the file read again. */
    cv_strbuf_init(&bytes, mapping_limits.max_input_bytes);
    st = compile_file(out, c, diags, path, &bytes);
    if (st == CV_OK)
        st = cv_strbuf_status(&bytes);
    if (st == CV_OK)
        st = cv_sha256_hex(sha256, bytes.ptr ? bytes.ptr : "", bytes.len);
    cv_strbuf_release(&bytes);
    if (st != CV_OK)
        *out = NULL;
    return st;
}
