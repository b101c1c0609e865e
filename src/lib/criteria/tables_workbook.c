/* SPDX-License-Identifier: MIT */
/*
 * tables_workbook.c: criteria/data/workbook.json, the layout and the words
 * of cloudvet's own workbook (struct cv_wb_words, norm/sheets.h).
 *
 * Strict like every criteria file: unknown members are errors, every key
 * must be a scalar path of the questionnaire schema, every word's value
 * one of its field's enum values, and no two values of a field may share
 * a word (after cv_cell_key folding) in either language, so that reading
 * a word back is never ambiguous. Repeated columns and rows ("repeat",
 * evidence groups) are expanded here, once, for the writer and the reader.
 */
#include <stdio.h>
#include <string.h>

#include "../norm/sheets.h"
#include "criteria.h"
#include "workbook.h"

#define WB_FORMAT "cloudvet-workbook/1"
#define WB_MAX_REPEAT 50u
#define WB_MAX_WIDTH 200u

/* The drop-down lists a column may take from the tables; the writer
 * (report/template_xlsx.c) fills each. */
static const char *const table_lists[] = { "schemes", "countries",
                                           "mfa_factors", "tls_versions",
                                           NULL };

static const struct {
    const char *name;
    enum cv_wb_show show;
} show_kinds[] = {
    { "number", CV_WB_SHOW_NUMBER },
    { "clauses", CV_WB_SHOW_CLAUSES },
    { "requirement", CV_WB_SHOW_REQUIREMENT },
    { "mandatory", CV_WB_SHOW_MANDATORY },
};

/* What loading one file needs at hand. */
struct wb_load {
    struct cv_criteria *c;
    struct cv_diags *diags;
    const char *file;
    struct cv_wb_words *w;
};

static cv_status fail(const struct wb_load *l, const struct cv_node *at,
                      const char *ja, const char *en, const char *arg)
{
    return cv_crit_fail_at(l->diags, l->file, at, "'%s': %s", cv_crit_nz(arg),
                           CV_L(l->diags->lang, ja, en));
}

static const struct cv_node *list_member(const struct cv_node *obj,
                                         const char *name)
{
    const struct cv_node *n = cv_node_member(obj, name);
    return n && n->kind == CV_NODE_ARRAY ? n : NULL;
}

/* An optional whole number member from 1 to max; *out untouched when
 * absent. */
static cv_status small_number(unsigned *out, const struct wb_load *l,
                              const struct cv_node *obj, const char *name,
                              unsigned max)
{
    const struct cv_node *n = cv_node_member(obj, name);
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_NUMBER || n->number < 1 || n->number > max ||
        n->number != (double)(unsigned)n->number)
        return fail(l, n, "1 以上の整数 (上限あり) でなければなりません",
                    "must be a whole number from 1 (bounded)", name);
    *out = (unsigned)n->number;
    return CV_OK;
}

static cv_status optional_bool(bool *out, const struct wb_load *l,
                               const struct cv_node *obj, const char *name)
{
    const struct cv_node *n = cv_node_member(obj, name);
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_BOOL)
        return fail(l, n, "真偽値でなければなりません", "must be a boolean",
                    name);
    *out = n->boolean;
    return CV_OK;
}

static cv_status optional_text2(const char **ja, const char **en,
                                const struct wb_load *l,
                                const struct cv_node *obj, const char *name)
{
    struct cv_text2 t = { NULL, NULL };
    cv_status st;
    if (!cv_node_member(obj, name))
        return CV_OK;
    st = cv_crit_text2(&t, obj, name, l->diags, l->file);
    *ja = t.ja;
    *en = t.en;
    return st;
}

static cv_status check_source(const struct wb_load *l, const struct cv_node *e)
{
    const char *src = NULL;
    return cv_crit_string(&src, e, "source", l->diags, l->file);
}

/* ---- texts ----------------------------------------------------------- */

static cv_status load_texts(const struct wb_load *l, const struct cv_node *doc)
{
    static const char *const mem[] = { "id", "text", "source", NULL };
    const struct cv_node *list = list_member(doc, "texts"), *e;
    struct cv_wb_text *t;
    size_t n = 0;
    cv_status st = CV_OK;
    if (!list)
        return fail(l, doc, "配列が必要です", "a list is required", "texts");
    t = cv_arena_calloc(&l->c->arena, list->count + 1, sizeof(*t));
    if (!t)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, n++) {
        struct cv_text2 x = { NULL, NULL };
        st = cv_crit_members(e, mem, l->diags, l->file);
        if (st == CV_OK)
            st = cv_crit_string(&t[n].id, e, "id", l->diags, l->file);
        if (st == CV_OK)
            st = cv_crit_text2(&x, e, "text", l->diags, l->file);
        if (st == CV_OK)
            st = check_source(l, e);
        t[n].ja = x.ja;
        t[n].en = x.en;
    }
    l->w->texts = t;
    l->w->ntexts = n;
    return st;
}

/* ---- words ----------------------------------------------------------- */

static cv_status add_key(struct cv_wb_word *w, struct cv_arena *a,
                         const char *text)
{
    const char *k = cv_cell_key(a, text);
    if (!k)
        return CV_ENOMEM;
    if (*k)
        w->keys[w->nkeys++] = k;
    return CV_OK;
}

static cv_status word_keys(struct cv_wb_word *w, const struct wb_load *l,
                           const struct cv_node *aliases)
{
    const struct cv_node *a;
    size_t cap = 3 + (aliases ? aliases->count : 0);
    cv_status st;
    w->keys = cv_arena_calloc(&l->c->arena, cap, sizeof(*w->keys));
    if (!w->keys)
        return CV_ENOMEM;
    st = add_key(w, &l->c->arena, w->ja);
    if (st == CV_OK)
        st = add_key(w, &l->c->arena, w->en);
    if (st == CV_OK)
        st = add_key(w, &l->c->arena, w->value);
    for (a = aliases ? aliases->first : NULL; a && st == CV_OK; a = a->next) {
        if (a->kind != CV_NODE_STRING || a->text_len == 0)
            return fail(l, a, "空でない文字列でなければなりません",
                        "must be a non-empty string", "aliases");
        st = add_key(w, &l->c->arena, a->text);
    }
    return st;
}

/* The field's schema must hold `value` among its enum values. */
static cv_status check_enum_value(const struct wb_load *l,
                                  const struct cv_node *e,
                                  const struct cv_wb_word *w)
{
    const struct cv_schema *s = cv_schema_at(l->c->schema, w->field);
    size_t i;
    if (!s || !(s->types & CV_ST_STRING) || s->nenums == 0)
        return fail(l, e, "列挙値のある質問票の項目ではありません",
                    "is not a questionnaire field with enum values", w->field);
    for (i = 0; i < s->nenums; i++)
        if (strcmp(s->enums[i], w->value) == 0)
            return CV_OK;
    return fail(l, e, "この項目の値ではありません",
                "is not a value of this field", w->value);
}

static cv_status load_word(struct cv_wb_word *w, const struct wb_load *l,
                           const struct cv_node *e, bool boolean)
{
    static const char *const bool_mem[] = { "value",  "word", "aliases",
                                            "source", "note", NULL };
    static const char *const value_mem[] = { "field",   "value",  "word",
                                             "aliases", "source", "note",
                                             NULL };
    struct cv_text2 word = { NULL, NULL };
    const struct cv_node *v = cv_node_member(e, "value");
    const struct cv_node *aliases = cv_node_member(e, "aliases");
    cv_status st =
        cv_crit_members(e, boolean ? bool_mem : value_mem, l->diags, l->file);
    if (st == CV_OK && boolean) {
        if (!v || v->kind != CV_NODE_BOOL)
            return fail(l, v ? v : e, "真偽値でなければなりません",
                        "must be a boolean", "value");
        w->value = v->boolean ? "true" : "false";
    } else if (st == CV_OK) {
        st = cv_crit_string(&w->field, e, "field", l->diags, l->file);
        if (st == CV_OK)
            st = cv_crit_string(&w->value, e, "value", l->diags, l->file);
        if (st == CV_OK)
            st = check_enum_value(l, e, w);
    }
    if (st == CV_OK)
        st = cv_crit_text2(&word, e, "word", l->diags, l->file);
    if (st == CV_OK)
        st = check_source(l, e);
    if (st == CV_OK && aliases && aliases->kind != CV_NODE_ARRAY)
        return fail(l, aliases, "配列でなければなりません", "must be a list",
                    "aliases");
    w->ja = word.ja;
    w->en = word.en;
    if (st == CV_OK)
        st = word_keys(w, l, aliases);
    return st;
}

static bool same_field(const struct cv_wb_word *a, const struct cv_wb_word *b)
{
    if (!a->field || !b->field)
        return !a->field && !b->field;
    return strcmp(a->field, b->field) == 0;
}

/* No word of one value may be read as another value of the same field. */
static cv_status check_unambiguous(const struct wb_load *l,
                                   const struct cv_node *at,
                                   const struct cv_wb_word *words, size_t n)
{
    size_t i, j, a, b;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            if (!same_field(&words[i], &words[j]))
                continue;
            if (strcmp(words[i].value, words[j].value) == 0)
                return fail(l, at, "同じ値の語が二度定義されています",
                            "a value's words are defined twice",
                            words[i].value);
            for (a = 0; a < words[i].nkeys; a++)
                for (b = 0; b < words[j].nkeys; b++)
                    if (strcmp(words[i].keys[a], words[j].keys[b]) == 0)
                        return fail(l, at,
                                    "二つの値が同じ語で読まれてしまいます",
                                    "two values would be read from the "
                                    "same word",
                                    words[i].keys[a]);
        }
    return CV_OK;
}

static cv_status load_words(const struct wb_load *l, const struct cv_node *doc)
{
    const struct cv_node *bools = list_member(doc, "booleans");
    const struct cv_node *values = list_member(doc, "values"), *e;
    struct cv_wb_word *w;
    size_t n = 0;
    cv_status st = CV_OK;
    if (!bools || !values)
        return fail(l, doc, "配列が必要です", "a list is required",
                    bools ? "values" : "booleans");
    w = cv_arena_calloc(&l->c->arena, bools->count + values->count + 1,
                        sizeof(*w));
    if (!w)
        return CV_ENOMEM;
    for (e = bools->first; e && st == CV_OK; e = e->next)
        st = load_word(&w[n++], l, e, true);
    for (e = values->first; e && st == CV_OK; e = e->next)
        st = load_word(&w[n++], l, e, false);
    if (st == CV_OK)
        st = check_unambiguous(l, values, w, n);
    l->w->words = w;
    l->w->nwords = n;
    return st;
}

/* ---- sheets ---------------------------------------------------------- */

/* The columns of one sheet, growing as entries expand. */
struct col_list {
    struct cv_wb_column *items;
    size_t n, cap;
};

static struct cv_wb_column *new_column(struct col_list *cl, struct cv_arena *a)
{
    if (cl->n == cl->cap) {
        size_t cap = cl->cap ? cl->cap * 2 : 32;
        struct cv_wb_column *bigger;
        if (cap < cl->cap || cap > (size_t)-1 / sizeof(*bigger))
            return NULL;
        bigger = cv_arena_calloc(a, cap, sizeof(*bigger));
        if (!bigger)
            return NULL;
        if (cl->n)
            memcpy(bigger, cl->items, cl->n * sizeof(*bigger));
        cl->items = bigger;
        cl->cap = cap;
    }
    memset(&cl->items[cl->n], 0, sizeof(cl->items[0]));
    return &cl->items[cl->n++];
}

static bool known_list(const char *id)
{
    size_t i;
    for (i = 0; table_lists[i]; i++)
        if (strcmp(table_lists[i], id) == 0)
            return true;
    return false;
}

/* "label 2" for the second of a repeated row or column. */
static const char *numbered(struct cv_arena *a, const char *text, unsigned k,
                            unsigned repeat)
{
    char buf[16];
    size_t n;
    char *out;
    if (!text || repeat < 2)
        return text;
    snprintf(buf, sizeof(buf), " %u", k + 1);
    n = strlen(text);
    if (n > (size_t)-1 - sizeof(buf))
        return NULL;
    out = cv_arena_alloc(a, n + strlen(buf) + 1);
    if (out) {
        memcpy(out, text, n);
        memcpy(out + n, buf, strlen(buf) + 1);
    }
    return out;
}

/* Checks the key of an answer column against the schema `item`. */
static cv_status check_key(const struct wb_load *l, const struct cv_node *at,
                           const struct cv_schema *item, const char *key,
                           unsigned repeat)
{
    size_t n = strlen(key);
    bool append = n > 2 && strcmp(key + n - 2, "[]") == 0;
    if (!cv_wb_key_valid(item, key, NULL, 0))
        return fail(l, at, "質問票の項目 (値を入れる項目) ではありません",
                    "is not a questionnaire field that holds a value", key);
    if (repeat > 1 && !append)
        return fail(l, at, "repeat は \"[]\" で終わるキーにだけ使えます",
                    "repeat needs a key ending in \"[]\"", key);
    return CV_OK;
}

/* Copies an entry's words into `col`: heading (or label), hint, list,
 * width, prefilled. */
static cv_status column_words(struct cv_wb_column *col,
                              const struct wb_load *l, const struct cv_node *e,
                              const char *heading)
{
    const struct cv_node *list = cv_node_member(e, "list");
    struct cv_text2 h = { NULL, NULL };
    cv_status st = cv_crit_text2(&h, e, heading, l->diags, l->file);
    col->ja = h.ja;
    col->en = h.en;
    if (st == CV_OK)
        st = optional_text2(&col->hint_ja, &col->hint_en, l, e, "hint");
    if (st == CV_OK)
        st = small_number(&col->width, l, e, "width", WB_MAX_WIDTH);
    if (st == CV_OK)
        st = optional_bool(&col->prefilled, l, e, "prefilled");
    if (st == CV_OK && list) {
        if (list->kind != CV_NODE_STRING || !known_list(list->text))
            return fail(l, list, "未知の一覧",
                        "unknown list (schemes, countries, mfa_factors, "
                        "tls_versions)",
                        list->kind == CV_NODE_STRING ? list->text : "");
        col->list = list->text;
    }
    return st;
}

/* {"key": ..., "heading"|"label": ..., "repeat": n, ...}: n columns. */
static cv_status load_keyed(struct col_list *cl, const struct wb_load *l,
                            const struct cv_node *e,
                            const struct cv_schema *item, const char *heading,
                            const char *prefix)
{
    const char *key = NULL;
    unsigned repeat = 1, k;
    struct cv_wb_column proto;
    cv_status st = cv_crit_string(&key, e, "key", l->diags, l->file);
    memset(&proto, 0, sizeof(proto));
    if (st == CV_OK)
        st = small_number(&repeat, l, e, "repeat", WB_MAX_REPEAT);
    if (st == CV_OK)
        st = column_words(&proto, l, e, heading);
    if (st != CV_OK)
        return st;
    if (prefix) {
        size_t n = strlen(prefix) + strlen(key) + 2;
        char *full = cv_arena_alloc(&l->c->arena, n);
        if (!full)
            return CV_ENOMEM;
        snprintf(full, n, "%s.%s", prefix, key);
        key = full;
    }
    st = check_key(l, e, item, key, repeat);
    for (k = 0; st == CV_OK && k < repeat; k++) {
        struct cv_wb_column *col = new_column(cl, &l->c->arena);
        if (!col)
            return CV_ENOMEM;
        *col = proto;
        col->key = key;
        col->ja = numbered(&l->c->arena, proto.ja, k, repeat);
        col->en = numbered(&l->c->arena, proto.en, k, repeat);
        if (!col->ja || !col->en)
            return CV_ENOMEM;
    }
    return st;
}

/* {"group": "evidence", "heading": ..., "repeat": n, "columns": [...]}:
 * the columns of items 0..n-1 of an array of objects, item by item. */
static cv_status load_group(struct col_list *cl, const struct wb_load *l,
                            const struct cv_node *e,
                            const struct cv_schema *item)
{
    static const char *const mem[] = { "group", "heading", "repeat", "columns",
                                       NULL };
    static const char *const col_mem[] = { "key", "heading", "width", "list",
                                           NULL };
    const char *group = NULL;
    const struct cv_node *cols = list_member(e, "columns"), *c;
    struct cv_text2 gh = { NULL, NULL };
    unsigned repeat = 1, k;
    cv_status st = cv_crit_members(e, mem, l->diags, l->file);
    if (st == CV_OK)
        st = cv_crit_string(&group, e, "group", l->diags, l->file);
    if (st == CV_OK)
        st = cv_crit_text2(&gh, e, "heading", l->diags, l->file);
    if (st == CV_OK)
        st = small_number(&repeat, l, e, "repeat", WB_MAX_REPEAT);
    if (st == CV_OK && (!cols || cols->count == 0))
        return fail(l, e, "空でない配列が必要です",
                    "a non-empty list is required", "columns");
    for (k = 0; st == CV_OK && k < repeat; k++) {
        char prefix[128];
        size_t first = cl->n, i;
        snprintf(prefix, sizeof(prefix), "%s[%u]", group, k);
        for (c = cols->first; c && st == CV_OK; c = c->next) {
            st = cv_crit_members(c, col_mem, l->diags, l->file);
            if (st == CV_OK)
                st = load_keyed(cl, l, c, item, "heading", prefix);
        }
        /* "根拠資料 2: URL": the group's heading and number first. */
        for (i = first; st == CV_OK && i < cl->n; i++) {
            struct cv_wb_column *col = &cl->items[i];
            char num[16];
            size_t nja, nen;
            char *ja, *en;
            snprintf(num, sizeof(num), " %u: ", k + 1);
            nja = strlen(gh.ja) + strlen(num) + strlen(col->ja) + 1;
            nen = strlen(gh.en) + strlen(num) + strlen(col->en) + 1;
            ja = cv_arena_alloc(&l->c->arena, nja);
            en = cv_arena_alloc(&l->c->arena, nen);
            if (!ja || !en)
                return CV_ENOMEM;
            snprintf(ja, nja, "%s%s%s", gh.ja, num, col->ja);
            snprintf(en, nen, "%s%s%s", gh.en, num, col->en);
            col->ja = ja;
            col->en = en;
        }
    }
    return st;
}

static cv_status load_show(struct col_list *cl, const struct wb_load *l,
                           const struct cv_node *e)
{
    static const char *const mem[] = { "show", "heading", "width", NULL };
    const char *what = NULL;
    struct cv_wb_column *col;
    size_t i;
    cv_status st = cv_crit_members(e, mem, l->diags, l->file);
    if (st == CV_OK)
        st = cv_crit_string(&what, e, "show", l->diags, l->file);
    if (st != CV_OK)
        return st;
    col = new_column(cl, &l->c->arena);
    if (!col)
        return CV_ENOMEM;
    for (i = 0; i < sizeof(show_kinds) / sizeof(show_kinds[0]); i++)
        if (strcmp(show_kinds[i].name, what) == 0)
            col->show = show_kinds[i].show;
    if (col->show == CV_WB_SHOW_NONE)
        return fail(l, e, "未知の表示列",
                    "unknown display column (number, clauses, requirement, "
                    "mandatory)",
                    what);
    return column_words(col, l, e, "heading");
}

static cv_status load_table_columns(struct col_list *cl,
                                    const struct wb_load *l,
                                    const struct cv_node *list,
                                    const struct cv_schema *item)
{
    static const char *const col_mem[] = { "key",  "heading", "width",
                                           "list", "repeat",  "prefilled",
                                           NULL };
    const struct cv_node *e;
    cv_status st = CV_OK;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        if (cv_node_member(e, "show"))
            st = load_show(cl, l, e);
        else if (cv_node_member(e, "group"))
            st = load_group(cl, l, e, item);
        else if ((st = cv_crit_members(e, col_mem, l->diags, l->file)) ==
                 CV_OK)
            st = load_keyed(cl, l, e, item, "heading", NULL);
    }
    return st;
}

static cv_status load_field_rows(struct col_list *cl, const struct wb_load *l,
                                 const struct cv_node *list)
{
    static const char *const row_mem[] = { "key",  "label",  "hint",
                                           "list", "repeat", NULL };
    static const char *const sec_mem[] = { "section", NULL };
    const struct cv_node *e;
    cv_status st = CV_OK;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        if (cv_node_member(e, "section")) {
            struct cv_wb_column *col = new_column(cl, &l->c->arena);
            struct cv_text2 t = { NULL, NULL };
            if (!col)
                return CV_ENOMEM;
            st = cv_crit_members(e, sec_mem, l->diags, l->file);
            if (st == CV_OK)
                st = cv_crit_text2(&t, e, "section", l->diags, l->file);
            col->ja = t.ja;
            col->en = t.en;
        } else if ((st = cv_crit_members(e, row_mem, l->diags, l->file)) ==
                   CV_OK) {
            st = load_keyed(cl, l, e, l->c->schema, "label", NULL);
        }
    }
    return st;
}

/* Excel's rules for a tab's name: 1 to 31 characters, none of []:*?/\,
 * not starting or ending with an apostrophe. */
static bool sheet_name_ok(const char *s)
{
    size_t n = strlen(s), chars = 0, i;
    if (n == 0 || s[0] == '\'' || s[n - 1] == '\'' || strpbrk(s, "[]:*?/\\"))
        return false;
    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            chars++;
    return chars <= 31;
}

static cv_status check_sheet_names(const struct wb_load *l,
                                   const struct cv_node *at,
                                   const struct cv_wb_sheet *sh, size_t n)
{
    size_t i, j;
    if (!sheet_name_ok(l->w->marker_sheet) ||
        !sheet_name_ok(l->w->lists_sheet))
        return fail(l, at, "シート名として使えません",
                    "cannot be a sheet name", l->w->marker_sheet);
    for (i = 0; i < n; i++) {
        const char *names[2] = { sh[i].ja, sh[i].en };
        for (j = 0; j < 2; j++)
            if (!sheet_name_ok(names[j]) ||
                strcmp(names[j], l->w->marker_sheet) == 0 ||
                strcmp(names[j], l->w->lists_sheet) == 0)
                return fail(l, at, "シート名として使えません",
                            "cannot be a sheet name", names[j]);
        for (j = 0; j < i; j++)
            if (strcmp(sh[i].ja, sh[j].ja) == 0 ||
                strcmp(sh[i].en, sh[j].en) == 0 ||
                (sh[i].array && sh[j].array &&
                 strcmp(sh[i].array, sh[j].array) == 0) ||
                (!sh[i].array && !sh[j].array))
                return fail(l, at, "シートが重複しています",
                            "a sheet is defined twice", sh[i].id);
    }
    return CV_OK;
}

static cv_status load_sheet(struct cv_wb_sheet *sh, const struct wb_load *l,
                            const struct cv_node *e)
{
    static const char *const mem[] = { "id",     "name",       "array",
                                       "source", "note",       "columns",
                                       "rows",   "blank_rows", NULL };
    const struct cv_node *cols = list_member(e, "columns");
    const struct cv_node *rows = list_member(e, "rows");
    struct cv_text2 name = { NULL, NULL };
    struct col_list cl = { NULL, 0, 0 };
    const struct cv_schema *arr = NULL;
    cv_status st = cv_crit_members(e, mem, l->diags, l->file);
    if (st == CV_OK)
        st = cv_crit_string(&sh->id, e, "id", l->diags, l->file);
    if (st == CV_OK)
        st = cv_crit_text2(&name, e, "name", l->diags, l->file);
    if (st == CV_OK)
        st = check_source(l, e);
    if (st == CV_OK && cv_node_member(e, "array"))
        st = cv_crit_string(&sh->array, e, "array", l->diags, l->file);
    if (st == CV_OK)
        st = small_number(&sh->blank_rows, l, e, "blank_rows", 1000);
    if (st != CV_OK)
        return st;
    sh->ja = name.ja;
    sh->en = name.en;
    if (sh->array) {
        arr = cv_schema_at(l->c->schema, sh->array);
        if (!arr || !(arr->types & CV_ST_ARRAY) || !arr->items ||
            !(arr->items->types & CV_ST_OBJECT))
            return fail(l, e,
                        "オブジェクトの配列である質問票の項目ではありません",
                        "is not a questionnaire list of objects", sh->array);
        if (!cols || rows)
            return fail(l, e,
                        "表のシートには columns (rows ではなく) が必要です",
                        "a table sheet needs columns (and no rows)", sh->id);
        st = load_table_columns(&cl, l, cols, arr->items);
    } else {
        if (!rows || cols)
            return fail(
                l, e, "項目のシートには rows (columns ではなく) が必要です",
                "the fields sheet needs rows (and no columns)", sh->id);
        st = load_field_rows(&cl, l, rows);
    }
    sh->columns = cl.items;
    sh->ncolumns = cl.n;
    return st;
}

static cv_status load_sheets(const struct wb_load *l,
                             const struct cv_node *doc)
{
    const struct cv_node *list = list_member(doc, "sheets"), *e;
    struct cv_wb_sheet *sh;
    size_t n = 0;
    cv_status st = CV_OK;
    if (!list || list->count == 0)
        return fail(l, doc, "空でない配列が必要です",
                    "a non-empty list is required", "sheets");
    sh = cv_arena_calloc(&l->c->arena, list->count, sizeof(*sh));
    if (!sh)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next)
        st = load_sheet(&sh[n++], l, e);
    if (st == CV_OK)
        st = check_sheet_names(l, list, sh, n);
    l->w->sheets = sh;
    l->w->nsheets = n;
    return st;
}

cv_status cv_wb_words_load(struct cv_criteria *c, struct cv_diags *diags,
                           const char *criteria_dir, struct cv_strbuf *digest)
{
    static const char *const top[] = {
        "format",       "source",      "note",  "layout",
        "marker_sheet", "lists_sheet", "texts", "booleans",
        "values",       "sheets",      NULL
    };
    const struct cv_node *doc = NULL;
    struct wb_load l;
    cv_status st;

    c->wb_words = NULL;
    memset(&l, 0, sizeof(l));
    l.c = c;
    l.diags = diags;
    l.file = cv_crit_join_path(&c->arena, criteria_dir, "data/workbook.json");
    l.w = cv_arena_calloc(&c->arena, 1, sizeof(*l.w));
    if (!l.file || !l.w)
        return CV_ENOMEM;
    if (!c->schema)
        return CV_ECRITERIA; /* the schema's own error was reported */
    st = cv_crit_read_json(&doc, &c->arena, diags, &c->limits, l.file,
                           digest);
    if (st == CV_OK)
        st = cv_crit_expect(doc, WB_FORMAT, top, diags, l.file);
    if (st == CV_OK)
        st = check_source(&l, doc);
    if (st == CV_OK)
        st = cv_crit_string(&l.w->layout, doc, "layout", diags, l.file);
    if (st == CV_OK)
        st = cv_crit_string(&l.w->marker_sheet, doc, "marker_sheet", diags,
                            l.file);
    if (st == CV_OK)
        st = cv_crit_string(&l.w->lists_sheet, doc, "lists_sheet", diags,
                            l.file);
    if (st == CV_OK)
        st = load_texts(&l, doc);
    if (st == CV_OK)
        st = load_words(&l, doc);
    if (st == CV_OK)
        st = load_sheets(&l, doc);
    if (st == CV_OK)
        c->wb_words = l.w;
    return st;
}
