/* SPDX-License-Identifier: MIT */
/*
 * sheet_own.c: cloudvet's own workbook (`cloudvet template --format
 * xlsx`, docs/workbook.md) read back into the raw questionnaire.
 *
 * The workbook says where values are, never what they mean:
 *  - its marker sheet has the questionnaire format in A1 and the layout
 *    version in A2;
 *  - row 1 of every data sheet (hidden) holds machine keys. A1 is the
 *    sheet's scope: "#path" on the fields sheet (column A holds each
 *    row's full schema path, the "#value" column its value), or an array
 *    of objects and "[]" on a table sheet ("certifications[]"), whose
 *    other keys are paths inside one item ("scheme", "evidence[0].url",
 *    "versions[]"); row 2 holds the headings, data starts on row 3;
 *  - a key starting with '#' is a column of the layout (number, clauses,
 *    label, hint), never a value; a key that is no schema path is a
 *    warning at its cell and its column is not read.
 * What a word means comes only from workbook.json (struct cv_wb_words):
 * a drop-down word of either language becomes its enum value or boolean,
 * anything else is passed on as written, for the normaliser to read or to
 * report at its cell. The workbook's own lists sheet is never read.
 *
 * A table row makes an item only when a cell the vendor fills holds a
 * value: an answers row with nothing but its criterion id (written by the
 * template) is no answer. Items are numbered as they are read, and so are
 * the groups inside a row (evidence 1 left empty, evidence 2 filled: one
 * evidence item), so blank rows and groups leave no gaps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"
#include "sheets.h"

#define OWN_LAYOUT_PREFIX "cloudvet-workbook/"
#define FIRST_DATA_ROW 3u
#define KEY_MAX 256u

/* ---- the words ---------------------------------------------------------- */

const char *cv_wb_text(const struct cv_wb_words *w, const char *id,
                       cv_lang lang)
{
    size_t i;
    for (i = 0; w && i < w->ntexts; i++)
        if (strcmp(w->texts[i].id, id) == 0)
            return CV_L(lang, w->texts[i].ja, w->texts[i].en);
    return "";
}

const struct cv_wb_sheet *cv_wb_sheet_for(const struct cv_wb_words *w,
                                          const char *array)
{
    size_t i;
    for (i = 0; w && i < w->nsheets; i++) {
        const char *a = w->sheets[i].array;
        if ((!a && !array) || (a && array && strcmp(a, array) == 0))
            return &w->sheets[i];
    }
    return NULL;
}

/* One step of a key: "name", "name[3]" or (last only) "name[]". */
static bool key_step(const char **p, char name[64], bool *indexed,
                     bool *append)
{
    const char *s = *p;
    size_t n = strcspn(s, ".[");
    if (n == 0 || n >= 64)
        return false;
    memcpy(name, s, n);
    name[n] = '\0';
    s += n;
    *indexed = *append = false;
    if (*s == '[') {
        *indexed = true;
        s++;
        if (*s == ']') {
            *append = true;
        } else {
            size_t d = strspn(s, "0123456789");
            if (d == 0 || d > 4)
                return false;
            s += d;
            if (*s != ']')
                return false;
        }
        s++;
    }
    if (*s == '.')
        s++;
    else if (*s)
        return false;
    *p = s;
    return true;
}

static bool put_dotted(char *dotted, size_t cap, size_t *len, const char *name)
{
    size_t n = strlen(name) + (*len ? 1 : 0);
    if (!dotted)
        return true;
    if (*len + n + 1 > cap)
        return false;
    snprintf(dotted + *len, cap - *len, "%s%s", *len ? "." : "", name);
    *len += n;
    return true;
}

bool cv_wb_key_valid(const struct cv_schema *s, const char *key, char *dotted,
                     size_t n)
{
    const char *p = key;
    size_t len = 0;
    if (dotted && n)
        dotted[0] = '\0';
    while (s && *p) {
        char name[64];
        bool indexed, append;
        const struct cv_schema_prop *prop;
        if (!key_step(&p, name, &indexed, &append) || (append && *p))
            return false;
        prop = cv_schema_prop(s, name);
        if (!prop || indexed != ((prop->schema->types & CV_ST_ARRAY) != 0) ||
            !put_dotted(dotted, n, &len, name))
            return false;
        s = indexed ? prop->schema->items : prop->schema;
        if (!s)
            return false;
        if (*p && !(s->types & CV_ST_OBJECT))
            return false;
    }
    return s && *key && !(s->types & (CV_ST_OBJECT | CV_ST_ARRAY));
}

/* ---- recognising the workbook ------------------------------------------- */

static const char *cell_at(const struct cv_table_row *r, size_t col)
{
    return r && col < r->ncells ? r->cells[col] : NULL;
}

static const struct cv_table_row *row_numbered(const struct cv_table *t,
                                               unsigned number)
{
    size_t i;
    for (i = 0; i < t->nrows && t->rows[i].number <= number; i++)
        if (t->rows[i].number == number)
            return &t->rows[i];
    return NULL;
}

/* The marker: A1 the questionnaire format, A2 a layout of ours. */
static const struct cv_table *marker_sheet(const struct cv_sheets *sheets)
{
    size_t i;
    for (i = 0; sheets && i < sheets->count; i++) {
        const struct cv_table *t = &sheets->sheets[i];
        const char *a1 = cell_at(row_numbered(t, 1), 0);
        const char *a2 = cell_at(row_numbered(t, 2), 0);
        if (a1 && a2 && strcmp(a1, CV_QUESTIONNAIRE_FORMAT) == 0 &&
            strncmp(a2, OWN_LAYOUT_PREFIX, strlen(OWN_LAYOUT_PREFIX)) == 0)
            return t;
    }
    return NULL;
}

bool cv_sheets_is_own(const struct cv_sheets *sheets)
{
    return marker_sheet(sheets) != NULL;
}

/* ---- diagnostics -------------------------------------------------------- */

static cv_status warn_key(const struct cv_sheet_tree *t, const char *cellref,
                          const char *key)
{
    const struct cv_sheets_req *r = t->req;
    return cv_sheets_say(
        r, CV_SEV_WARNING, cellref,
        CV_L(r->diags->lang,
             "キー '%s' は質問票の項目ではないため、この列 (行)"
             "の値は読みません",
             "the key '%s' is not a field of the "
             "questionnaire, so the values of its column "
             "(row) are not read"),
        key);
}

static cv_status warn_sheet(const struct cv_sheet_tree *t,
                            const struct cv_table *sh)
{
    const struct cv_sheets_req *r = t->req;
    const char *ref = cv_cell_ref(r->arena, sh->name, 1, 0);
    if (!ref)
        return CV_ENOMEM;
    return cv_sheets_say(r, CV_SEV_WARNING, ref,
                        CV_L(r->diags->lang,
                             "シート '%s' は cloudvet の回答票のシートではない"
                             "ため (1 行目にキーがありません)、読みません",
                             "the sheet '%s' is not one of cloudvet's "
                             "questionnaire sheets (row 1 holds no keys), so "
                             "it is not read"),
                        sh->name);
}

static cv_status wrong_layout(const struct cv_sheet_tree *t,
                              const struct cv_table *marker,
                              const char *layout)
{
    const struct cv_sheets_req *r = t->req;
    const char *ref = cv_cell_ref(r->arena, marker->name, 2, 0);
    struct cv_loc loc = { r->source, ref ? ref : "", 0, 0 };
    return cv_diags_fail(
        r->diags, CV_EINVALID, &loc,
        CV_L(r->diags->lang,
             "このワークブックの様式 '%s' は読めません (読める"
             "のは '%s')。cloudvet template --format xlsx で"
             "作り直してください",
             "this workbook's layout '%s' cannot be read "
             "(this cloudvet reads '%s'); make a new one "
             "with cloudvet template --format xlsx"),
        layout, r->words->layout);
}

/* A value the tree builder refused (a gap left by an index typed into a
 * key): a warning at the cell, the value not used. */
static cv_status warn_unplaced(const struct cv_sheet_tree *t,
                               const char *cellref, const char *path)
{
    const struct cv_sheets_req *r = t->req;
    return cv_sheets_say(r, CV_SEV_WARNING, cellref,
                        CV_L(r->diags->lang,
                             "'%s' に置けない値のため読みません (前の項目が"
                             "空です)",
                             "the value cannot be placed at '%s' (an earlier "
                             "item is empty), so it is not read"),
                        path);
}

/* ---- one value ---------------------------------------------------------- */

static bool blank(const char *text)
{
    return !text || strspn(text, " \t\r\n") == strlen(text);
}

/* The enum value or boolean a drop-down word of either language stands
 * for in the field `dotted`; the text itself when it is no word of ours. */
static const char *word_value(const struct cv_sheet_tree *t,
                              const char *dotted, const char *text)
{
    const struct cv_wb_words *w = t->req->words;
    const struct cv_schema *s = cv_schema_at(t->req->schema, dotted);
    const char *key;
    size_t i, k;
    if (s && (s->types & CV_ST_ARRAY))
        s = s->items;
    if (!s || !(s->nenums || (s->types & CV_ST_BOOLEAN)))
        return text;
    key = cv_cell_key(t->req->arena, text);
    if (!key)
        return NULL;
    for (i = 0; i < w->nwords; i++) {
        const struct cv_wb_word *wd = &w->words[i];
        bool applies = wd->field ? s->nenums && strcmp(wd->field, dotted) == 0
                                 : (s->types & CV_ST_BOOLEAN) != 0;
        for (k = 0; applies && k < wd->nkeys; k++)
            if (strcmp(wd->keys[k], key) == 0)
                return wd->value;
    }
    return text;
}

/* Sets `path` (from the root) to the cell's text, translated. */
static cv_status set_value(struct cv_sheet_tree *t, const char *path,
                           const char *text, const char *cellref)
{
    char dotted[KEY_MAX];
    const char *value;
    cv_status st;
    if (!cellref)
        return CV_ENOMEM;
    if (!cv_wb_key_valid(t->req->schema, path, dotted, sizeof(dotted)))
        return warn_unplaced(t, cellref, path);
    value = word_value(t, dotted, text);
    if (!value)
        return CV_ENOMEM;
    st = cv_sheet_tree_set(t, path, value, cellref);
    return st == CV_EUSAGE ? warn_unplaced(t, cellref, path) : st;
}

/* ---- the fields sheet --------------------------------------------------- */

static size_t key_column(const struct cv_table_row *keys, const char *key)
{
    size_t c;
    for (c = 0; keys && c < keys->ncells; c++)
        if (keys->cells[c] && strcmp(keys->cells[c], key) == 0)
            return c;
    return (size_t)-1;
}

static cv_status read_fields(struct cv_sheet_tree *t,
                             const struct cv_table *sh)
{
    const struct cv_sheets_req *r = t->req;
    size_t vc = key_column(row_numbered(sh, 1), CV_WB_KEY_VALUE), i;
    cv_status st = CV_OK;
    if (vc == (size_t)-1)
        return warn_sheet(t, sh);
    for (i = 0; i < sh->nrows && st == CV_OK; i++) {
        const struct cv_table_row *row = &sh->rows[i];
        const char *path = cell_at(row, 0), *value = cell_at(row, vc);
        if (row->number < FIRST_DATA_ROW || blank(value))
            continue;
        if (blank(path) || path[0] == '#' ||
            !cv_wb_key_valid(r->schema, path, NULL, 0)) {
            const char *ref = cv_cell_ref(r->arena, sh->name, row->number,
                                          blank(path) ? vc : 0);
            if (!ref)
                return CV_ENOMEM;
            st = warn_key(t, ref, blank(path) ? "" : path);
            continue;
        }
        st = set_value(t, path, value,
                       cv_cell_ref(r->arena, sh->name, row->number, vc));
    }
    return st;
}

/* ---- table sheets ------------------------------------------------------- */

/* The columns of a table sheet, as its key row and workbook.json say. */
struct table_cols {
    const char **keys; /* [col]: a valid key, or NULL: not read */
    bool *prefilled;   /* [col] */
    size_t n;
};

static bool is_prefilled(const struct cv_wb_sheet *ws, const char *key)
{
    size_t i;
    for (i = 0; ws && i < ws->ncolumns; i++)
        if (ws->columns[i].key && ws->columns[i].prefilled &&
            strcmp(ws->columns[i].key, key) == 0)
            return true;
    return false;
}

static cv_status read_key_row(struct table_cols *tc, struct cv_sheet_tree *t,
                              const struct cv_table *sh,
                              const struct cv_schema *item,
                              const struct cv_wb_sheet *ws)
{
    const struct cv_sheets_req *r = t->req;
    const struct cv_table_row *keys = row_numbered(sh, 1);
    size_t c;
    cv_status st = CV_OK;
    tc->n = keys->ncells;
    tc->keys = cv_arena_calloc(r->arena, tc->n + 1, sizeof(*tc->keys));
    tc->prefilled =
        cv_arena_calloc(r->arena, tc->n + 1, sizeof(*tc->prefilled));
    if (!tc->keys || !tc->prefilled)
        return CV_ENOMEM;
    for (c = 1; c < tc->n && st == CV_OK; c++) {
        const char *k = keys->cells[c];
        if (blank(k) || k[0] == '#')
            continue;
        if (strlen(k) >= KEY_MAX || !cv_wb_key_valid(item, k, NULL, 0)) {
            const char *ref = cv_cell_ref(r->arena, sh->name, 1, c);
            st = ref ? warn_key(t, ref, k) : CV_ENOMEM;
            continue;
        }
        tc->keys[c] = k;
        tc->prefilled[c] = is_prefilled(ws, k);
    }
    return st;
}

/* Renumbers the groups of one row ("evidence[2]" when evidence[1] was
 * left empty is the row's second evidence item). */
struct group_map {
    struct {
        char prefix[64];
        unsigned from, to;
    } seen[64];
    size_t nseen;
};

static unsigned group_next(const struct group_map *g, const char *prefix)
{
    unsigned next = 0;
    size_t i;
    for (i = 0; i < g->nseen; i++)
        if (strcmp(g->seen[i].prefix, prefix) == 0 && g->seen[i].to >= next)
            next = g->seen[i].to + 1;
    return next;
}

/* "evidence[2].url" -> "evidence[1].url" in out (n bytes); a key without
 * an index is copied. false when it does not fit. */
static bool renumber(struct group_map *g, const char *key, char *out, size_t n)
{
    const char *open = strchr(key, '[');
    char prefix[64];
    unsigned from, to = 0;
    size_t i, plen;
    int w;
    if (!open || open[1] == ']' || (size_t)(open - key) >= sizeof(prefix))
        return (size_t)snprintf(out, n, "%s", key) < n;
    plen = (size_t)(open - key);
    memcpy(prefix, key, plen);
    prefix[plen] = '\0';
    from = (unsigned)strtoul(open + 1, NULL, 10);
    for (i = 0; i < g->nseen; i++)
        if (strcmp(g->seen[i].prefix, prefix) == 0 && g->seen[i].from == from)
            break;
    if (i < g->nseen) {
        to = g->seen[i].to;
    } else {
        to = group_next(g, prefix);
        if (g->nseen < sizeof(g->seen) / sizeof(g->seen[0])) {
            memcpy(g->seen[g->nseen].prefix, prefix, plen + 1);
            g->seen[g->nseen].from = from;
            g->seen[g->nseen].to = to;
            g->nseen++;
        }
    }
    w = snprintf(out, n, "%s[%u%s", prefix, to, strchr(open, ']'));
    return w > 0 && (size_t)w < n;
}

/* Whether a cell the vendor fills holds a value in this row. */
static bool row_answered(const struct table_cols *tc,
                         const struct cv_table_row *row)
{
    size_t c;
    for (c = 1; c < tc->n && c < row->ncells; c++)
        if (tc->keys[c] && !tc->prefilled[c] && !blank(row->cells[c]))
            return true;
    return false;
}

static size_t items_so_far(const struct cv_sheet_tree *t, const char *array)
{
    const struct cv_node *n = cv_node_lookup(t->root, array);
    return n && n->kind == CV_NODE_ARRAY ? n->count : 0;
}

static cv_status read_item(struct cv_sheet_tree *t, const struct cv_table *sh,
                           const char *array, const struct table_cols *tc,
                           const struct cv_table_row *row)
{
    struct group_map g;
    size_t index = items_so_far(t, array), c;
    cv_status st = CV_OK;
    g.nseen = 0;
    for (c = 1; c < tc->n && c < row->ncells && st == CV_OK; c++) {
        char key[KEY_MAX], path[2 * KEY_MAX];
        int w;
        if (!tc->keys[c] || blank(row->cells[c]))
            continue;
        if (!renumber(&g, tc->keys[c], key, sizeof(key)))
            continue; /* too long to be a key: refused by the key row */
        w = snprintf(path, sizeof(path), "%s[%zu].%s", array, index, key);
        if (w < 0 || (size_t)w >= sizeof(path))
            continue;
        st = set_value(t, path, row->cells[c],
                       cv_cell_ref(t->req->arena, sh->name, row->number, c));
    }
    return st;
}

static cv_status read_table(struct cv_sheet_tree *t, const struct cv_table *sh,
                            const char *array)
{
    const struct cv_schema *as = cv_schema_at(t->req->schema, array);
    struct table_cols tc;
    size_t i;
    cv_status st;
    if (!as || !(as->types & CV_ST_ARRAY) || !as->items ||
        !(as->items->types & CV_ST_OBJECT))
        return warn_sheet(t, sh);
    st = read_key_row(&tc, t, sh, as->items,
                      cv_wb_sheet_for(t->req->words, array));
    for (i = 0; i < sh->nrows && st == CV_OK; i++) {
        const struct cv_table_row *row = &sh->rows[i];
        if (row->number >= FIRST_DATA_ROW && row_answered(&tc, row))
            st = read_item(t, sh, array, &tc, row);
    }
    return st;
}

/* ---- the workbook ------------------------------------------------------- */

/* "certifications[]" -> "certifications" in out; false when A1 is not a
 * table's scope. */
static bool table_scope(const char *a1, char *out, size_t n)
{
    size_t len = a1 ? strlen(a1) : 0;
    if (len < 3 || len - 2 >= n || strcmp(a1 + len - 2, "[]") != 0)
        return false;
    memcpy(out, a1, len - 2);
    out[len - 2] = '\0';
    return true;
}

static cv_status read_sheet(struct cv_sheet_tree *t, const struct cv_table *sh)
{
    const char *a1 = cell_at(row_numbered(sh, 1), 0);
    char array[KEY_MAX];
    if (a1 && strcmp(a1, CV_WB_KEY_PATH) == 0)
        return read_fields(t, sh);
    if (table_scope(a1, array, sizeof(array)))
        return read_table(t, sh, array);
    return sh->nrows ? warn_sheet(t, sh) : CV_OK;
}

cv_status cv_sheets_own(struct cv_sheet_tree *t)
{
    const struct cv_sheets_req *r = t->req;
    const struct cv_table *marker = marker_sheet(r->sheets);
    const char *layout;
    size_t i;
    cv_status st = CV_OK;
    if (!marker || !r->words)
        return CV_EUSAGE;
    layout = cell_at(row_numbered(marker, 2), 0);
    if (strcmp(layout, r->words->layout) != 0)
        return wrong_layout(t, marker, layout);
    for (i = 0; i < r->sheets->count && st == CV_OK; i++) {
        const struct cv_table *sh = &r->sheets->sheets[i];
        if (sh == marker || strcmp(sh->name, r->words->lists_sheet) == 0)
            continue;
        st = read_sheet(t, sh);
    }
    return st;
}
