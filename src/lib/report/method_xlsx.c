/* SPDX-License-Identifier: MIT */
/*
 * method_xlsx.c: the 評価基準書 as a workbook (libxlsxwriter, a named
 * file): the sheet 評価基準 / Criteria (one row per criterion: id, title,
 * requirement, category, clauses, mandatory, points, the points of a
 * partial and of a claimed result, grading, the values applied) and the
 * sheet 採点方法 / Scoring (the rules, the tender's method part, every
 * parameter with its basis and source). Both start with the method's
 * SHA-256 and how to check it.
 *
 * Strings of the profile, catalogue and tender file are cleaned
 * (cv_view_text), Excel's own escape "_xHHHH_" is escaped in turn (so a
 * title cannot turn into another character when Excel reads it), and a
 * text longer than a cell holds is cut with "…".
 */
#include <ctype.h>
#include <string.h>

#include <xlsxwriter.h>

#include "method.h"
#include "view.h"

#define XM_CELL_MAX 32000 /* bytes; Excel holds 32767 characters */

struct xm {
    const struct cv_method_doc *d;
    cv_lang lang;
    lxw_workbook *wb;
    lxw_format *f_head, *f_text, *f_hash;
    struct cv_strbuf cell, sb;
    cv_status st;
};

#define XL(x, ja, en) CV_L((x)->lang, ja, en)

static void xm_check(struct xm *x, lxw_error err)
{
    if (err != LXW_NO_ERROR && x->st == CV_OK)
        x->st = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CV_ENOMEM : CV_EIO;
}

/* "_x0041_" would be read back as "A": its "_" is written "_x005F_". */
static bool xstring_at(const char *s, size_t len, size_t i)
{
    size_t k;
    if (i + 7 > len || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
        return false;
    for (k = 2; k < 6; k++)
        if (!isxdigit((unsigned char)s[i + k]))
            return false;
    return true;
}

/* A cell of data text: cleaned, escaped, cut. */
static void put(struct xm *x, lxw_worksheet *ws, lxw_row_t row,
                lxw_col_t col, const char *s, lxw_format *fmt)
{
    struct cv_strbuf clean;
    size_t i;
    if (x->st != CV_OK || !s)
        return;
    cv_strbuf_init(&clean, 0);
    cv_view_text(&clean, s, true);
    cv_strbuf_reset(&x->cell);
    for (i = 0; i < clean.len; i++) {
        if (xstring_at(clean.ptr, clean.len, i))
            cv_strbuf_puts(&x->cell, "_x005F");
        cv_strbuf_putc(&x->cell, clean.ptr[i]);
    }
    if (x->cell.len > XM_CELL_MAX) {
        size_t n = XM_CELL_MAX;
        while (n > 0 && ((unsigned char)x->cell.ptr[n] & 0xC0) == 0x80)
            n--; /* never inside a UTF-8 sequence */
        cv_strbuf_truncate(&x->cell, n);
        cv_strbuf_puts(&x->cell, "…");
    }
    if (cv_strbuf_status(&clean) != CV_OK)
        x->st = cv_strbuf_status(&clean);
    else if (cv_strbuf_status(&x->cell) != CV_OK)
        x->st = cv_strbuf_status(&x->cell);
    else if (x->cell.len > 0)
        xm_check(x, worksheet_write_string(ws, row, col, x->cell.ptr, fmt));
    cv_strbuf_release(&clean);
}

/* The text built in x->sb, then emptied. */
static void put_sb(struct xm *x, lxw_worksheet *ws, lxw_row_t row,
                   lxw_col_t col, lxw_format *fmt)
{
    if (cv_strbuf_status(&x->sb) != CV_OK && x->st == CV_OK)
        x->st = cv_strbuf_status(&x->sb);
    put(x, ws, row, col, x->sb.ptr, fmt);
    cv_strbuf_reset(&x->sb);
}

static void put_num(struct xm *x, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, double v)
{
    if (x->st == CV_OK)
        xm_check(x, worksheet_write_number(ws, row, col, v, x->f_text));
}

/* The first rows of each sheet: what the workbook is (the profile, the
 * tender), the hash and how to check it. */
static lxw_row_t hash_rows(struct xm *x, lxw_worksheet *ws)
{
    const struct cv_profile *p = &x->d->crit->profile;
    cv_strbuf_printf(&x->sb, "%s: ", XL(x, "評価基準書", "Scoring method"));
    cv_strbuf_puts(&x->sb, CV_TEXT(x->lang, p->title));
    cv_strbuf_printf(&x->sb, " %s (%s)", p->version, p->id);
    if (x->d->tender) {
        cv_strbuf_printf(&x->sb, " — %s %s ", XL(x, "入札案件", "tender"),
                         x->d->tender->id);
        cv_strbuf_puts(&x->sb, CV_TEXT(x->lang, x->d->tender->title));
    }
    put_sb(x, ws, 0, 0, x->f_hash);
    cv_strbuf_printf(&x->sb, "%s: %s",
                     XL(x, "評価基準書の SHA-256", "Method SHA-256"),
                     x->d->hash);
    put_sb(x, ws, 1, 0, x->f_hash);
    cv_method_check_text(&x->sb, x->d);
    put_sb(x, ws, 2, 0, x->f_text);
    return 4;
}

static void params_cell(struct xm *x, const struct cv_profile_entry *e)
{
    size_t i;
    for (i = 0; i < e->nparams; i++) {
        const struct cv_entry_param *ep = &e->params[i];
        if (i)
            cv_strbuf_putc(&x->sb, '\n');
        cv_view_entry_param(&x->sb, ep);
        cv_strbuf_printf(&x->sb, " [%s%s]",
                         cv_view_basis_word(ep->param->basis, x->lang),
                         ep->required ? "" : XL(x, "、加点", ", bonus"));
    }
}

static void grading_cell(struct xm *x, const struct cv_profile_entry *e)
{
    const struct cv_criterion *c = e->crit;
    size_t i;
    if (!c->has_grading)
        return;
    cv_strbuf_puts(&x->sb, XL(x, "基礎 ", "base "));
    cv_method_number(&x->sb, cv_method_points(e->weight, c->grading_base));
    for (i = 0; i < c->nbonus; i++) {
        cv_strbuf_puts(&x->sb, "\n+");
        cv_method_number(&x->sb, cv_method_points(e->weight, c->bonus[i].add));
        cv_strbuf_putc(&x->sb, ' ');
        cv_strbuf_puts(&x->sb, CV_TEXT(x->lang, c->bonus[i].label));
    }
}

static void criteria_sheet(struct xm *x)
{
    const struct cv_profile *p = &x->d->crit->profile;
    const char *heads[] = {
        "ID", XL(x, "基準", "Criterion"), XL(x, "要件", "Requirement"),
        XL(x, "分類", "Category"), XL(x, "根拠条項", "Clauses"),
        XL(x, "必須", "Mandatory"), XL(x, "配点", "Points"),
        XL(x, "一部適合の得点", "Points if partial"),
        XL(x, "申告のみの得点", "Points if claimed"),
        XL(x, "加点", "Grading"), XL(x, "用いる値", "Values applied")
    };
    static const double widths[] = { 22, 30, 60, 14, 26, 12, 8, 12, 12, 30,
                                     40 };
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, XL(x, "評価基準",
                                                         "Criteria"));
    lxw_row_t row;
    lxw_col_t col;
    size_t i;
    if (!ws) {
        xm_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    row = hash_rows(x, ws);
    for (col = 0; col < sizeof(heads) / sizeof(heads[0]); col++) {
        put(x, ws, row, col, heads[col], x->f_head);
        xm_check(x, worksheet_set_column(ws, col, col, widths[col], NULL));
    }
    for (i = 0; i < p->nentries; i++) {
        const struct cv_profile_entry *e = &p->entries[i];
        const struct cv_criterion *c = e->crit;
        const struct cv_category *cat =
            cv_tables_category(&x->d->crit->tables, c->category);
        row++;
        put(x, ws, row, 0, c->id, x->f_text);
        put(x, ws, row, 1, CV_TEXT(x->lang, c->title), x->f_text);
        put(x, ws, row, 2, CV_TEXT(x->lang, c->requirement), x->f_text);
        put(x, ws, row, 3, cat ? CV_TEXT(x->lang, cat->title) : c->category,
            x->f_text);
        cv_view_citations(&x->sb, c, "\n");
        put_sb(x, ws, row, 4, x->f_text);
        cv_strbuf_puts(&x->sb, e->mandatory ? XL(x, "必須", "mandatory")
                                            : XL(x, "加点", "graded"));
        if (e->mandatory && e->partial_qualifies)
            cv_strbuf_puts(&x->sb, XL(x, "\n一部適合でも失格としない",
                                      "\npartial does not disqualify"));
        put_sb(x, ws, row, 5, x->f_text);
        put_num(x, ws, row, 6, e->weight);
        put_num(x, ws, row, 7, cv_method_points(e->weight,
                                                p->partial_fraction));
        put_num(x, ws, row, 8, cv_method_points(e->weight,
                                                p->claimed_fraction));
        grading_cell(x, e);
        put_sb(x, ws, row, 9, x->f_text);
        params_cell(x, e);
        put_sb(x, ws, row, 10, x->f_text);
    }
}

static lxw_row_t rules_rows(struct xm *x, lxw_worksheet *ws, lxw_row_t row)
{
    unsigned r;
    put(x, ws, row, 0, XL(x, "採点と判定の規則", "Scoring and verdict rules"),
        x->f_head);
    for (r = 0; r < CV_METHOD_RULE_COUNT; r++) {
        row++;
        put(x, ws, row, 0, cv_method_rule_id((enum cv_method_rule)r),
            x->f_text);
        cv_method_rule_text(&x->sb, x->d->crit, (enum cv_method_rule)r,
                            x->lang);
        put_sb(x, ws, row, 1, x->f_text);
    }
    return row + 2;
}

static lxw_row_t tender_rows(struct xm *x, lxw_worksheet *ws, lxw_row_t row)
{
    unsigned i;
    if (!x->d->tender)
        return row;
    put(x, ws, row, 0, XL(x, "入札案件の評価方法", "The tender's method"),
        x->f_head);
    cv_strbuf_puts(&x->sb, x->d->tender->id);
    cv_strbuf_putc(&x->sb, ' ');
    cv_strbuf_puts(&x->sb, CV_TEXT(x->lang, x->d->tender->title));
    put_sb(x, ws, row, 1, x->f_head);
    for (i = 0; i < CV_METHOD_T_COUNT; i++) {
        enum cv_method_tender_item it = (enum cv_method_tender_item)i;
        row++;
        put(x, ws, row, 0, cv_method_tender_item_title(it, x->lang),
            x->f_text);
        cv_method_tender_text(&x->sb, x->d->tender, it, x->lang);
        put_sb(x, ws, row, 1, x->f_text);
    }
    return row + 2;
}

static void param_rows(struct xm *x, lxw_worksheet *ws, lxw_row_t row)
{
    const struct cv_profile *p = &x->d->crit->profile;
    size_t i;
    put(x, ws, row, 0, XL(x, "パラメータ", "Parameter"), x->f_head);
    put(x, ws, row, 1, XL(x, "値", "Value"), x->f_head);
    put(x, ws, row, 2, XL(x, "根拠の種類", "Basis"), x->f_head);
    put(x, ws, row, 3, XL(x, "出典", "Source"), x->f_head);
    put(x, ws, row, 4, XL(x, "注", "Note"), x->f_head);
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        row++;
        put(x, ws, row, 0, prm->name, x->f_text);
        cv_view_param_value(&x->sb, prm);
        put_sb(x, ws, row, 1, x->f_text);
        put(x, ws, row, 2, cv_view_basis_word(prm->basis, x->lang),
            x->f_text);
        put(x, ws, row, 3, prm->source, x->f_text);
        put(x, ws, row, 4, prm->note, x->f_text);
    }
}

static void scoring_sheet(struct xm *x)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, XL(x, "採点方法",
                                                         "Scoring"));
    lxw_row_t row;
    if (!ws) {
        xm_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    xm_check(x, worksheet_set_column(ws, 0, 0, 28, NULL));
    xm_check(x, worksheet_set_column(ws, 1, 1, 90, NULL));
    xm_check(x, worksheet_set_column(ws, 2, 4, 30, NULL));
    row = hash_rows(x, ws);
    row = rules_rows(x, ws, row);
    row = tender_rows(x, ws, row);
    param_rows(x, ws, row);
}

static void make_formats(struct xm *x)
{
    x->f_head = workbook_add_format(x->wb);
    x->f_text = workbook_add_format(x->wb);
    x->f_hash = workbook_add_format(x->wb);
    if (!x->f_head || !x->f_text || !x->f_hash) {
        xm_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(x->f_head);
    format_set_text_wrap(x->f_head);
    format_set_bg_color(x->f_head, 0xEEF1F5);
    format_set_border(x->f_head, LXW_BORDER_THIN);
    format_set_text_wrap(x->f_text);
    format_set_align(x->f_text, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(x->f_hash);
}

cv_status cv_method_xlsx(const struct cv_method_doc *d, const char *path)
{
    struct xm x;
    lxw_workbook_options options;
    memset(&x, 0, sizeof(x));
    memset(&options, 0, sizeof(options));
    x.d = d;
    x.lang = d->lang;
    cv_strbuf_init(&x.cell, 0);
    cv_strbuf_init(&x.sb, 0);
    x.wb = workbook_new_opt(path, &options);
    if (!x.wb)
        x.st = CV_EIO;
    if (x.st == CV_OK) {
        make_formats(&x);
        criteria_sheet(&x);
        scoring_sheet(&x);
    }
    if (x.wb && x.st == CV_OK)
        xm_check(&x, workbook_close(x.wb));
    else if (x.wb)
        lxw_workbook_free(x.wb);
    cv_strbuf_release(&x.cell);
    cv_strbuf_release(&x.sb);
    return x.st;
}
