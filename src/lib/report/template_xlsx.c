/* SPDX-License-Identifier: MIT */
/*
 * template_xlsx.c: the blank questionnaire as a workbook a vendor fills in
 * Excel or LibreOffice (`cloudvet template --format xlsx`), read back by
 * norm/sheet_own.c. The layout is docs/workbook.md; every sheet, heading,
 * label and drop-down word comes from criteria/data/workbook.json (struct
 * cv_wb_words), which the reader uses too.
 *
 *  - one sheet per entry of workbook.json, in its order: the answers (one
 *    row per criterion of the profile: id, clauses, requirement,
 *    mandatory and thresholds, then the vendor's cells), the fields sheet
 *    (one row per scalar fact, string lists as repeated rows) and one
 *    table per list of objects, with blank numbered rows;
 *  - row 1 of each (hidden) holds the machine keys the reader goes by,
 *    row 2 the headings in the run's language, data from row 3;
 *  - the vendor's cells are formatted for what they hold: text ("@", so
 *    Excel keeps "1.10" and leading zeros as typed), numbers (General,
 *    read back as Excel shows them), dates (yyyy-mm-dd); enum and boolean
 *    cells have a drop-down of the vocabulary's words, and table-backed
 *    fields (schemes, countries, MFA factors, TLS versions) one that
 *    warns but lets another value through, since a value the tables do
 *    not know is for a person, not a refusal; every list is also on a
 *    hidden sheet, and a long one is referred to there as a range;
 *  - a hidden marker sheet: A1 the questionnaire format, A2 the layout.
 * Every text is written as a string cell, never a formula.
 *
 * libxlsxwriter writes only to a named file: here an anonymous memory
 * file (memfd) opened through /proc/self/fd, so nothing is left behind
 * even if the process is killed; where that is not available, a mkstemp
 * file in the system's temporary directory, removed before returning.
 * The bytes are then streamed to the caller's write function. Document
 * properties are fixed, so the same criteria give the same bytes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "../base/strbuf.h"
#include "../criteria/workbook.h"
#include "../internal.h"
#include "view.h"

/* norm.h's CV_QUESTIONNAIRE_FORMAT, which report/ does not include: the
 * reader recognises the workbook by it. */
#define TX_FORMAT "cloudvet-questionnaire/1"
#define TX_KEY_ROW 0u /* 0-based: row 1 */
#define TX_HEAD_ROW 1u
#define TX_FIRST_ROW 2u
#define TX_MAX_LISTS 64u
#define TX_DOTTED_MAX 256u                  /* a field's dotted path */
#define TX_LIST_ID_MAX (TX_DOTTED_MAX + 8u) /* "enum:" and the path */
#define TX_ANSWER_HEIGHT 60.0

/* A drop-down list on the lists sheet: one column. */
struct tx_list {
    char id[TX_LIST_ID_MAX];
    const char **words;
    size_t n, cap;
};

struct tx {
    const cv_criteria *crit;
    const struct cv_wb_words *w;
    cv_lang lang;
    lxw_workbook *wb;
    lxw_error err;
    cv_status st;
    struct cv_arena arena; /* the lists and their words */
    struct cv_strbuf sb;   /* one cell's text */
    lxw_format *f_key, *f_head, *f_show, *f_section;
    lxw_format *f_text, *f_number, *f_date;
    struct tx_list lists[TX_MAX_LISTS];
    size_t nlists;
};

static void tx_check(struct tx *x, lxw_error err)
{
    if (x->err == LXW_NO_ERROR)
        x->err = err;
}

static void tx_fail(struct tx *x, cv_status st)
{
    if (x->st == CV_OK)
        x->st = st;
}

static bool tx_failed(const struct tx *x)
{
    return x->st != CV_OK || x->err != LXW_NO_ERROR;
}

/* ---- cells ------------------------------------------------------------ */

/* A string cell, cleaned for display (the criteria are a file anyone can
 * edit); always a string, never a formula. */
static void put_text(struct tx *x, lxw_worksheet *ws, unsigned row,
                     unsigned col, const char *s, lxw_format *fmt)
{
    cv_strbuf_reset(&x->sb);
    cv_view_text(&x->sb, s ? s : "", true);
    if (cv_strbuf_status(&x->sb) != CV_OK) {
        tx_fail(x, cv_strbuf_status(&x->sb));
        return;
    }
    if (x->sb.len == 0)
        tx_check(x, worksheet_write_blank(ws, row, (lxw_col_t)col, fmt));
    else
        tx_check(x, worksheet_write_string(ws, row, (lxw_col_t)col, x->sb.ptr,
                                           fmt));
}

/* The text built in `q`, then released. */
static void put_built(struct tx *x, lxw_worksheet *ws, unsigned row,
                      unsigned col, struct cv_strbuf *q, lxw_format *fmt)
{
    if (cv_strbuf_status(q) != CV_OK)
        tx_fail(x, cv_strbuf_status(q));
    else
        put_text(x, ws, row, col, q->ptr ? q->ptr : "", fmt);
    cv_strbuf_release(q);
}

static void make_formats(struct tx *x)
{
    lxw_format **input[] = { &x->f_text, &x->f_number, &x->f_date };
    size_t i;
    x->f_key = workbook_add_format(x->wb);
    x->f_head = workbook_add_format(x->wb);
    x->f_show = workbook_add_format(x->wb);
    x->f_section = workbook_add_format(x->wb);
    for (i = 0; i < sizeof(input) / sizeof(input[0]); i++) {
        *input[i] = workbook_add_format(x->wb);
        if (!*input[i])
            break;
        format_set_bg_color(*input[i], 0xFFF9DB); /* where to type */
        format_set_border(*input[i], LXW_BORDER_THIN);
        format_set_border_color(*input[i], 0xBFBFBF);
        format_set_align(*input[i], LXW_ALIGN_VERTICAL_TOP);
    }
    if (!x->f_key || !x->f_head || !x->f_show || !x->f_section || !x->f_text ||
        !x->f_number || !x->f_date) {
        tx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_font_color(x->f_key, 0x808080);
    format_set_bold(x->f_head);
    format_set_text_wrap(x->f_head);
    format_set_bg_color(x->f_head, 0xDDEBF7);
    format_set_border(x->f_head, LXW_BORDER_THIN);
    format_set_align(x->f_head, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(x->f_show);
    format_set_align(x->f_show, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(x->f_show, LXW_BORDER_THIN);
    format_set_border_color(x->f_show, 0xBFBFBF);
    format_set_bold(x->f_section);
    format_set_bg_color(x->f_section, 0xEDEDED);
    format_set_num_format(x->f_text, "@");
    format_set_text_wrap(x->f_text);
    format_set_num_format(x->f_date, "yyyy-mm-dd");
}

/* ---- drop-down lists ---------------------------------------------------- */

static void list_add(struct tx *x, struct tx_list *l, const char *word)
{
    size_t i;
    if (!word || !*word)
        return;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->words[i], word) == 0)
            return; /* a word twice in one list helps nobody */
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        const char **bigger =
            cap > l->cap && cap < ((size_t)-1 / sizeof(*bigger))
                ? cv_arena_calloc(&x->arena, cap, sizeof(*bigger))
                : NULL;
        if (!bigger) {
            tx_fail(x, CV_ENOMEM);
            return;
        }
        if (l->n)
            memcpy(bigger, l->words, l->n * sizeof(*bigger));
        l->words = bigger;
        l->cap = cap;
    }
    l->words[l->n++] = word;
}

static void fill_schemes(struct tx *x, struct tx_list *l)
{
    const struct cv_name_tables *t = &x->crit->tables.names;
    size_t i;
    for (i = 0; i < t->nschemes; i++)
        list_add(x, l, t->schemes[i].id);
}

static void fill_countries(struct tx *x, struct tx_list *l)
{
    const struct cv_countries *t = &x->crit->tables.countries;
    size_t i;
    for (i = 0; i < t->ntitles; i++) {
        const char *name = CV_L(x->lang, t->titles[i].ja, t->titles[i].en);
        list_add(x, l, name ? name : t->titles[i].code);
    }
}

static void fill_factors(struct tx *x, struct tx_list *l)
{
    size_t i;
    for (i = 0; i < x->crit->tables.nfactors; i++)
        list_add(x, l, x->crit->tables.factors[i].name);
}

static void fill_tls(struct tx *x, struct tx_list *l)
{
    size_t i;
    for (i = 0; i < x->crit->tables.ntls; i++)
        list_add(x, l, x->crit->tables.tls[i].version);
}

/* The lists a column may take from the tables (workbook.json "list"; the
 * loader accepts these ids only). */
static const struct {
    const char *id;
    void (*fill)(struct tx *x, struct tx_list *l);
} table_lists[] = {
    { "schemes", fill_schemes },
    { "countries", fill_countries },
    { "mfa_factors", fill_factors },
    { "tls_versions", fill_tls },
};

/* The vocabulary's word for `value` of `field` (NULL: booleans). */
static const char *word_for(const struct tx *x, const char *field,
                            const char *value)
{
    size_t i;
    for (i = 0; i < x->w->nwords; i++) {
        const struct cv_wb_word *wd = &x->w->words[i];
        bool same =
            field ? wd->field && strcmp(wd->field, field) == 0 : !wd->field;
        if (same && strcmp(wd->value, value) == 0)
            return CV_L(x->lang, wd->ja, wd->en);
    }
    return value;
}

static void fill_enum(struct tx *x, struct tx_list *l, const char *field,
                      const struct cv_schema *s)
{
    size_t i;
    for (i = 0; i < s->nenums; i++)
        list_add(x, l, word_for(x, field, s->enums[i]));
}

/* The list `id`, made on first use; NULL when there is no room. */
static struct tx_list *list_get(struct tx *x, const char *id, bool *made)
{
    size_t i;
    *made = false;
    for (i = 0; i < x->nlists; i++)
        if (strcmp(x->lists[i].id, id) == 0)
            return &x->lists[i];
    if (x->nlists == TX_MAX_LISTS || strlen(id) >= sizeof(x->lists[0].id)) {
        tx_fail(x, CV_ECRITERIA);
        return NULL;
    }
    *made = true;
    snprintf(x->lists[x->nlists].id, sizeof(x->lists[0].id), "%s", id);
    return &x->lists[x->nlists++];
}

/* The table-backed list `id`, filled on first use. */
static struct tx_list *table_list(struct tx *x, const char *id)
{
    bool made;
    struct tx_list *l = list_get(x, id, &made);
    size_t i;
    for (i = 0; l && made && i < sizeof(table_lists) / sizeof(table_lists[0]);
         i++)
        if (strcmp(table_lists[i].id, id) == 0)
            table_lists[i].fill(x, l);
    return l;
}

/* The drop-down of a column: which list, and whether another value may
 * be typed (table lists) or not (the schema's closed vocabularies). */
static struct tx_list *column_list(struct tx *x,
                                   const struct cv_wb_column *col,
                                   const char *dotted,
                                   const struct cv_schema *s, bool *open)
{
    struct tx_list *l;
    bool made;
    *open = col->list != NULL;
    if (col->list)
        return table_list(x, col->list);
    if (s->nenums) {
        char id[TX_LIST_ID_MAX];
        snprintf(id, sizeof(id), "enum:%s", dotted);
        l = list_get(x, id, &made);
        if (l && made)
            fill_enum(x, l, dotted, s);
        return l;
    }
    if (s->types & CV_ST_BOOLEAN) {
        l = list_get(x, "boolean", &made);
        if (l && made) {
            list_add(x, l, word_for(x, NULL, "true"));
            list_add(x, l, word_for(x, NULL, "false"));
        }
        return l;
    }
    return NULL;
}

/* "A", "B", ... "AA" for a 0-based column. */
static void column_letters(char out[8], size_t col)
{
    char rev[8];
    size_t n = 0, c = col + 1, i;
    while (c > 0 && n < sizeof(rev) - 1) {
        rev[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

/* A short list goes into the validation itself (Excel takes up to 255
 * characters, comma-separated); a longer one, or one whose words hold a
 * comma or a quote, is referred to as its range on the lists sheet. */
static bool fits_inline(const struct tx_list *l)
{
    size_t i, n = 0;
    for (i = 0; i < l->n; i++) {
        if (strpbrk(l->words[i], ",\""))
            return false;
        n += strlen(l->words[i]) + 1;
    }
    return n <= 255;
}

/*
 * The drop-down of rows first_row..last_row of column `col`. Inline lists
 * also keep libxlsxwriter 1.1.4 (Debian 12's) from leaking the copy it
 * makes of a list formula; the long lists (countries) still go through
 * one, one validation per run of rows.
 */
static void add_validation(struct tx *x, lxw_worksheet *ws,
                           const struct tx_list *l, bool open,
                           unsigned first_row, unsigned last_row, unsigned col)
{
    lxw_data_validation dv;
    char formula[256];
    if (l->n == 0)
        return;
    memset(&dv, 0, sizeof(dv));
    if (fits_inline(l)) {
        char **words = cv_arena_calloc(&x->arena, l->n + 1, sizeof(*words));
        size_t i;
        if (!words) {
            tx_fail(x, CV_ENOMEM);
            return;
        }
        for (i = 0; i < l->n; i++)
            words[i] = (char *)l->words[i]; /* libxlsxwriter copies them */
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = words;
    } else {
        char letters[8];
        column_letters(letters, (size_t)(l - x->lists));
        /* The lists sheet's name holds no apostrophe (tables_workbook.c
         * checks sheet names), so quoting it is enough. */
        snprintf(formula, sizeof(formula), "='%s'!$%s$2:$%s$%zu",
                 x->w->lists_sheet, letters, letters, l->n + 1);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
    }
    dv.ignore_blank = LXW_VALIDATION_ON;
    dv.dropdown = LXW_VALIDATION_ON;
    dv.show_error = LXW_VALIDATION_ON;
    dv.error_type = open ? LXW_VALIDATION_ERROR_TYPE_WARNING
                         : LXW_VALIDATION_ERROR_TYPE_STOP;
    tx_check(x,
             worksheet_data_validation_range(ws, first_row, (lxw_col_t)col,
                                             last_row, (lxw_col_t)col, &dv));
}

/* ---- one answer column ----------------------------------------------------
 */

/* What a value cell of `key` is (from the schema) and how to present it. */
struct cell_kind {
    lxw_format *fmt;
    struct tx_list *list;
    bool open;
    const char *hint;
};

static void cell_kind(struct tx *x, struct cell_kind *k,
                      const struct cv_wb_column *col, const char *array)
{
    char dotted[TX_DOTTED_MAX], full[512];
    const struct cv_schema *s;
    memset(k, 0, sizeof(*k));
    k->fmt = x->f_text;
    snprintf(full, sizeof(full), "%s%s%s", array ? array : "",
             array ? "[0]." : "", col->key);
    if (!cv_wb_key_valid(x->crit->schema, full, dotted, sizeof(dotted))) {
        tx_fail(x, CV_ECRITERIA); /* the loader checked every key */
        return;
    }
    s = cv_schema_at(x->crit->schema, dotted);
    if (s && (s->types & CV_ST_ARRAY))
        s = s->items;
    if (!s)
        return;
    k->hint = col->hint_ja ? CV_L(x->lang, col->hint_ja, col->hint_en) : NULL;
    k->list = column_list(x, col, dotted, s, &k->open);
    if (k->list) {
        if (!k->hint)
            k->hint = cv_wb_text(x->w, "hint_list", x->lang);
    } else if (s->types & (CV_ST_NUMBER | CV_ST_INTEGER)) {
        k->fmt = x->f_number;
        if (!k->hint)
            k->hint = cv_wb_text(x->w, "hint_number", x->lang);
    } else if (s->format == CV_SF_DATE) {
        k->fmt = x->f_date;
        if (!k->hint)
            k->hint = cv_wb_text(x->w, "hint_date", x->lang);
    }
}

static const char *heading(const struct tx *x, const struct cv_wb_column *c)
{
    return c->ja ? CV_L(x->lang, c->ja, c->en) : "";
}

/* ---- the answers' display columns -----------------------------------------
 */

static void show_cell(struct tx *x, lxw_worksheet *ws, unsigned row,
                      unsigned col, enum cv_wb_show show, size_t number,
                      const struct cv_profile_entry *e)
{
    const struct cv_criterion *c = e ? e->crit : NULL;
    struct cv_strbuf q;
    cv_strbuf_init(&q, 0);
    if (show == CV_WB_SHOW_NUMBER) {
        tx_check(x, worksheet_write_number(ws, row, (lxw_col_t)col,
                                           (double)number, x->f_show));
        cv_strbuf_release(&q);
        return;
    }
    if (c && show == CV_WB_SHOW_CLAUSES) {
        cv_view_citations(&q, c, "\n");
    } else if (c && show == CV_WB_SHOW_REQUIREMENT) {
        cv_strbuf_printf(&q, "%s\n%s", CV_TEXT(x->lang, c->title),
                         CV_TEXT(x->lang, c->requirement));
    } else if (c && show == CV_WB_SHOW_MANDATORY) {
        cv_strbuf_puts(&q, cv_wb_text(x->w,
                                      e->mandatory ? "mandatory" : "optional",
                                      x->lang));
        if (e->nparams) {
            cv_strbuf_putc(&q, '\n');
            cv_view_entry_params(&q, e, x->lang);
        }
    }
    put_built(x, ws, row, col, &q, x->f_show);
}

/* ---- sheets ------------------------------------------------------------- */

static const char *sheet_name(const struct tx *x, const struct cv_wb_sheet *s)
{
    return CV_L(x->lang, s->ja, s->en);
}

static lxw_worksheet *add_sheet(struct tx *x, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        tx_fail(x, CV_ECRITERIA); /* a name Excel refuses, or twice */
    return ws;
}

static void hide_key_row(struct tx *x, lxw_worksheet *ws)
{
    lxw_row_col_options hidden = { 1, 0, 0 };
    tx_check(x, worksheet_set_row_opt(ws, TX_KEY_ROW, LXW_DEF_ROW_HEIGHT,
                                      x->f_key, &hidden));
}

/* The key of a display column in row 1: "#clauses", never a value. */
static const char *show_key(enum cv_wb_show show)
{
    switch (show) {
    case CV_WB_SHOW_NUMBER:
        return "#number";
    case CV_WB_SHOW_CLAUSES:
        return "#clauses";
    case CV_WB_SHOW_REQUIREMENT:
        return "#requirement";
    case CV_WB_SHOW_MANDATORY:
        return "#mandatory";
    default:
        return "";
    }
}

/* One table column: key, heading, width, and its cells for `rows` rows
 * (the profile's entries on the answers sheet). */
static void table_column(struct tx *x, lxw_worksheet *ws,
                         const struct cv_wb_sheet *sh, unsigned col,
                         const struct cv_wb_column *c, unsigned rows,
                         bool answers)
{
    struct cell_kind k;
    unsigned r;
    memset(&k, 0, sizeof(k));
    put_text(x, ws, TX_KEY_ROW, col, c->key ? c->key : show_key(c->show),
             x->f_key);
    put_text(x, ws, TX_HEAD_ROW, col, heading(x, c), x->f_head);
    tx_check(x, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col,
                                     c->width ? c->width : 14, NULL));
    if (c->key)
        cell_kind(x, &k, c, sh->array);
    for (r = 0; r < rows && !tx_failed(x); r++) {
        const struct cv_profile_entry *e =
            answers ? &x->crit->profile.entries[r] : NULL;
        if (c->show != CV_WB_SHOW_NONE)
            show_cell(x, ws, TX_FIRST_ROW + r, col, c->show, r + 1, e);
        else if (c->prefilled && e)
            put_text(x, ws, TX_FIRST_ROW + r, col, e->crit->id, x->f_show);
        else
            tx_check(x, worksheet_write_blank(ws, TX_FIRST_ROW + r,
                                              (lxw_col_t)col, k.fmt));
    }
    if (k.list && rows)
        add_validation(x, ws, k.list, k.open, TX_FIRST_ROW,
                       TX_FIRST_ROW + rows - 1, col);
}

static void write_table(struct tx *x, const struct cv_wb_sheet *sh)
{
    bool answers = strcmp(sh->array, "answers") == 0;
    unsigned rows =
        answers ? (unsigned)x->crit->profile.nentries : sh->blank_rows;
    lxw_worksheet *ws = add_sheet(x, sheet_name(x, sh));
    size_t i, n;
    char scope[300];
    if (!ws)
        return;
    hide_key_row(x, ws);
    n = strlen(sh->array);
    if (n + 3 > sizeof(scope)) {
        tx_fail(x, CV_ECRITERIA);
        return;
    }
    snprintf(scope, sizeof(scope), "%s[]", sh->array);
    /* Column A: the sheet's scope in the key row, the number below. */
    for (i = 0; i < sh->ncolumns && !tx_failed(x); i++)
        table_column(x, ws, sh, (unsigned)i, &sh->columns[i], rows, answers);
    put_text(x, ws, TX_KEY_ROW, 0, scope, x->f_key);
    for (i = 0; answers && i < rows && !tx_failed(x); i++)
        tx_check(x, worksheet_set_row(ws, (lxw_row_t)(TX_FIRST_ROW + i),
                                      TX_ANSWER_HEIGHT, NULL));
    worksheet_freeze_panes(ws, TX_FIRST_ROW, answers ? 2 : 1);
}

/* One row of the fields sheet: path (hidden column A), label, value cell,
 * hint; a section title when the row has no key. The drop-down covers
 * `span` rows from this one (a repeated key's run), none when 0. */
static void field_row(struct tx *x, lxw_worksheet *ws, unsigned row,
                      const struct cv_wb_column *c, unsigned span)
{
    struct cell_kind k;
    if (!c->key) {
        put_text(x, ws, row, 1, heading(x, c), x->f_section);
        return;
    }
    cell_kind(x, &k, c, NULL);
    put_text(x, ws, row, 0, c->key, x->f_key);
    put_text(x, ws, row, 1, heading(x, c), x->f_show);
    tx_check(x, worksheet_write_blank(ws, row, 2, k.fmt));
    put_text(x, ws, row, 3, k.hint, x->f_show);
    if (k.list && span)
        add_validation(x, ws, k.list, k.open, row, row + span - 1, 2);
}

/* How many rows from `i` repeat its key (1 for a row of its own). */
static unsigned run_length(const struct cv_wb_sheet *sh, size_t i)
{
    size_t j = i + 1;
    while (j < sh->ncolumns && sh->columns[i].key && sh->columns[j].key &&
           strcmp(sh->columns[i].key, sh->columns[j].key) == 0)
        j++;
    return (unsigned)(j - i);
}

static void write_fields(struct tx *x, const struct cv_wb_sheet *sh)
{
    static const char *const keys[] = { CV_WB_KEY_PATH, "#label",
                                        CV_WB_KEY_VALUE, "#hint" };
    static const char *const heads[] = { NULL, "label", "value", "hint" };
    static const double widths[] = { 40, 40, 40, 28 };
    lxw_worksheet *ws = add_sheet(x, sheet_name(x, sh));
    lxw_row_col_options hidden = { 1, 0, 0 };
    size_t i;
    if (!ws)
        return;
    hide_key_row(x, ws);
    for (i = 0; i < 4; i++) {
        put_text(x, ws, TX_KEY_ROW, (unsigned)i, keys[i], x->f_key);
        put_text(x, ws, TX_HEAD_ROW, (unsigned)i,
                 heads[i] ? cv_wb_text(x->w, heads[i], x->lang) : "",
                 x->f_head);
        tx_check(x, worksheet_set_column_opt(ws, (lxw_col_t)i, (lxw_col_t)i,
                                             widths[i], NULL,
                                             i == 0 ? &hidden : NULL));
    }
    for (i = 0; i < sh->ncolumns && !tx_failed(x);) {
        unsigned k, span = run_length(sh, i);
        for (k = 0; k < span && !tx_failed(x); k++)
            field_row(x, ws, TX_FIRST_ROW + (unsigned)(i + k),
                      &sh->columns[i + k], k == 0 ? span : 0);
        i += span;
    }
    worksheet_freeze_panes(ws, TX_FIRST_ROW, 0);
}

static void write_lists(struct tx *x)
{
    lxw_worksheet *ws = add_sheet(x, x->w->lists_sheet);
    size_t i, k;
    if (!ws)
        return;
    for (i = 0; i < x->nlists && !tx_failed(x); i++) {
        put_text(x, ws, 0, (unsigned)i, x->lists[i].id, x->f_key);
        for (k = 0; k < x->lists[i].n && !tx_failed(x); k++)
            put_text(x, ws, (unsigned)(k + 1), (unsigned)i,
                     x->lists[i].words[k], NULL);
    }
    worksheet_hide(ws);
}

static void write_marker(struct tx *x)
{
    lxw_worksheet *ws = add_sheet(x, x->w->marker_sheet);
    if (!ws)
        return;
    put_text(x, ws, 0, 0, TX_FORMAT, NULL);
    put_text(x, ws, 1, 0, x->w->layout, NULL);
    put_text(x, ws, 0, 1, cv_wb_text(x->w, "marker", x->lang), NULL);
    put_text(x, ws, 1, 1, x->crit->profile.id, NULL);
    worksheet_hide(ws);
}

static void set_properties(struct tx *x)
{
    char author[] = "cloudvet", comments[] = "cloudvet-workbook/1";
    lxw_doc_properties props;
    memset(&props, 0, sizeof(props));
    props.author = author;
    props.comments = comments;
    props.created = 1; /* 0 would be "now": fixed bytes for fixed criteria */
    tx_check(x, workbook_set_properties(x->wb, &props));
}

static void build(struct tx *x, const char *path)
{
    lxw_workbook_options options;
    size_t i;
    memset(&options, 0, sizeof(options));
    x->wb = workbook_new_opt(path, &options);
    if (!x->wb) {
        tx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    make_formats(x);
    set_properties(x);
    for (i = 0; i < x->w->nsheets && !tx_failed(x); i++) {
        if (x->w->sheets[i].array)
            write_table(x, &x->w->sheets[i]);
        else
            write_fields(x, &x->w->sheets[i]);
    }
    if (!tx_failed(x))
        write_lists(x);
    if (!tx_failed(x))
        write_marker(x);
    if (!tx_failed(x))
        tx_check(x, workbook_close(x->wb));
    else
        lxw_workbook_free(x->wb);
    x->wb = NULL;
}

/* ---- the file libxlsxwriter writes -------------------------------------- */

/* An anonymous file and a name libxlsxwriter can open it by; the name is
 * removed at once when it had to be a real one. */
struct scratch {
    int fd;
    char path[64];
    bool named;
};

static cv_status scratch_open(struct scratch *s)
{
    s->named = false;
    s->fd = memfd_create("cloudvet-template", MFD_CLOEXEC);
    if (s->fd >= 0) {
        snprintf(s->path, sizeof(s->path), "/proc/self/fd/%d", s->fd);
        if (access(s->path, W_OK) == 0)
            return CV_OK;
        close(s->fd);
    }
    snprintf(s->path, sizeof(s->path), "%s/cloudvet-template-XXXXXX",
             P_tmpdir);
    s->fd = mkstemp(s->path);
    if (s->fd < 0)
        return CV_EIO;
    s->named = true;
    return CV_OK;
}

static void scratch_close(struct scratch *s)
{
    if (s->named)
        unlink(s->path);
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}

static cv_status stream(int fd, cv_write_fn write, void *payload)
{
    char buf[65536];
    off_t off = 0;
    ssize_t n;
    while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
        if (write(buf, (size_t)n, payload) != 0)
            return CV_EIO;
        off += n;
    }
    return n < 0 ? CV_EIO : CV_OK;
}

static cv_status tx_status(const struct tx *x)
{
    if (x->st != CV_OK)
        return x->st;
    if (x->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return CV_ENOMEM;
    return x->err == LXW_NO_ERROR ? CV_OK : CV_EIO;
}

cv_status cv_template_xlsx(const cv_criteria *crit, cv_lang lang,
                           cv_write_fn write, void *payload)
{
    struct tx x;
    struct scratch s;
    cv_status st;

    if (!crit || !crit->wb_words || !write)
        return CV_EUSAGE;
    memset(&x, 0, sizeof(x));
    x.crit = crit;
    x.w = crit->wb_words;
    x.lang = lang;
    cv_arena_init(&x.arena);
    cv_strbuf_init(&x.sb, 0);
    st = scratch_open(&s);
    if (st != CV_OK)
        goto out;
    build(&x, s.path);
    st = tx_status(&x);
    if (st == CV_OK)
        st = stream(s.fd, write, payload);
    scratch_close(&s);
out:
    cv_strbuf_release(&x.sb);
    cv_arena_release(&x.arena);
    return st;
}
