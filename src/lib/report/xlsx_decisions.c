/* SPDX-License-Identifier: MIT */
/*
 * xlsx_decisions.c: the 審査記入 sheet of report.xlsx (docs/decisions.md).
 *
 * One row per readable bid x criterion that the tool did not find met
 * (claimed, partial, not met, contradicted, unanswered), and every row a
 * review decision already decided, bids in ranking order. The columns
 * (criteria/decisions.h) name the bid and the criterion with the SHA-256
 * each has in this run, what the tool said and why; the committee fills in
 * the last four: the decision (a drop-down of the report's words), who,
 * when, why. The sheet is protected without a password so that the
 * columns the committee must not change are not changed by accident; the
 * committee's columns are unlocked. `evaluate --decisions report.xlsx`
 * reads it back; a row whose decision is empty is skipped.
 *
 * Identifiers (file, hashes, criterion id) are written exactly, so they
 * read back as they were; vendor text passes the display cleaning.
 */
#include "xlsx_decisions.h"

#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "../criteria/decisions.h"
#include "../criteria/method.h"
#include "../internal.h"

#define HEAD_ROW 3 /* title, note, blank, then the header */

struct sheet {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    const struct cv_view *v;
    cv_lang lang;
    lxw_format *head, *locked, *open, *open_date;
    struct cv_strbuf cell;
    lxw_error err;
    cv_status st;
};

static bool failed(const struct sheet *s)
{
    return s->err != LXW_NO_ERROR || s->st != CV_OK;
}

static void check(struct sheet *s, lxw_error err)
{
    if (s->err == LXW_NO_ERROR)
        s->err = err;
}

/* OOXML reads "_xHHHH_" as an escaped character: a literal one is written
 * "_x005F_xHHHH_" so the cell reads back as it was (load_xlsx.c decodes). */
static bool xstring_at(const char *p)
{
    size_t i;
    if (p[0] != '_' || p[1] != 'x')
        return false;
    for (i = 2; i < 6; i++)
        if (!strchr("0123456789abcdefABCDEF", p[i]) || p[i] == '\0')
            return false;
    return p[6] == '_';
}

static void put_raw(struct sheet *s, lxw_row_t row, lxw_col_t col,
                    const char *text, lxw_format *fmt)
{
    const char *p;
    if (failed(s))
        return;
    cv_strbuf_reset(&s->cell);
    for (p = text ? text : ""; *p; p++) {
        if (xstring_at(p))
            cv_strbuf_puts(&s->cell, "_x005F_");
        cv_strbuf_putc(&s->cell, *p);
    }
    s->st = cv_strbuf_status(&s->cell);
    if (s->st != CV_OK)
        return;
    if (s->cell.len == 0)
        check(s, worksheet_write_blank(s->ws, row, col, fmt));
    else
        check(s, worksheet_write_string(s->ws, row, col, s->cell.ptr, fmt));
}

/* Text of a vendor or built from it: cleaned and cut as the other sheets
 * do (view.h). */
static void put_quote(struct sheet *s, lxw_row_t row, lxw_col_t col,
                      const char *text, size_t max, lxw_format *fmt)
{
    struct cv_strbuf clean;
    cv_strbuf_init(&clean, 0);
    cv_view_quote(&clean, text, max, false, s->lang);
    if (cv_strbuf_status(&clean) != CV_OK)
        s->st = cv_strbuf_status(&clean);
    else
        put_raw(s, row, col, clean.ptr ? clean.ptr : "", fmt);
    cv_strbuf_release(&clean);
}

static void put_date(struct sheet *s, lxw_row_t row, lxw_col_t col,
                     const char *iso)
{
    lxw_datetime dt;
    int y, m, d;
    memset(&dt, 0, sizeof(dt));
    if (failed(s))
        return;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        put_raw(s, row, col, iso, s->open_date);
        return;
    }
    dt.year = y;
    dt.month = m;
    dt.day = d;
    check(s, worksheet_write_datetime(s->ws, row, col, &dt, s->open_date));
}

/* Rows worth the committee's review: not met by the tool, or decided. */
static bool wanted(const struct cv_result *r)
{
    return r->decided || (r->status != CV_STATUS_MET &&
                          r->status != CV_STATUS_NOT_APPLICABLE);
}

static size_t count_rows(const struct cv_view *v)
{
    size_t b, i, n = 0;
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *sub = cv_view_bid(v, b);
        if (sub->verdict == CV_VERDICT_INVALID)
            continue;
        for (i = 0; i < sub->nresults; i++)
            n += wanted(&sub->results[i]);
    }
    return n;
}

static void make_formats(struct sheet *s)
{
    s->head = workbook_add_format(s->wb);
    s->locked = workbook_add_format(s->wb);
    s->open = workbook_add_format(s->wb);
    s->open_date = workbook_add_format(s->wb);
    if (!s->head || !s->locked || !s->open || !s->open_date) {
        s->st = CV_ENOMEM;
        return;
    }
    format_set_bold(s->head);
    format_set_text_wrap(s->head);
    format_set_bg_color(s->head, 0xD9D9D9);
    format_set_border(s->head, LXW_BORDER_THIN);
    format_set_text_wrap(s->locked);
    format_set_align(s->locked, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(s->locked, 0xF2F2F2);
    format_set_text_wrap(s->open);
    format_set_align(s->open, LXW_ALIGN_VERTICAL_TOP);
    format_set_unlocked(s->open);
    format_set_num_format(s->open_date, "yyyy-mm-dd");
    format_set_align(s->open_date, LXW_ALIGN_VERTICAL_TOP);
    format_set_unlocked(s->open_date);
}

static void write_top(struct sheet *s, size_t rows, size_t fit)
{
    static const double widths[CV_DCOL_COUNT] = { 24, 20, 20, 14, 30, 20,
                                                  16, 60, 14, 16, 12, 40 };
    lxw_col_t c;
    for (c = 0; c < CV_DCOL_COUNT && !failed(s); c++) {
        bool open = cv_decisions_columns[c].committee;
        lxw_format *fmt = open ? (c == CV_DCOL_ON ? s->open_date : s->open)
                               : NULL;
        check(s, worksheet_set_column(s->ws, c, c, widths[c], fmt));
    }
    put_raw(s, 0, 0,
            CV_L(s->lang, "審査記入: 審査委員会の判定",
                 "Review decisions of the committee"),
            NULL);
    put_raw(s, 1, 0,
            CV_L(s->lang,
                 "右の 4 列 (審査の判定・審査者・審査日・審査の理由) を記入し、"
                 "この report.xlsx を cloudvet evaluate --decisions に渡して"
                 "ください。判定が空の行は読み飛ばします。灰色の列は保護され"
                 "ています (パスワードなし): 提出物や評価項目が変わると "
                 "SHA-256 が合わず、その判定は適用されません",
                 "Fill in the four columns on the right (decision, decided "
                 "by, decided on, reason) and give this report.xlsx to "
                 "cloudvet evaluate --decisions. Rows without a decision are "
                 "skipped. The grey columns are protected (no password): when "
                 "a submission or a criterion changes, its SHA-256 no longer "
                 "matches and the decision is not applied"),
            NULL);
    if (fit < rows) {
        char note[512];
        snprintf(note, sizeof(note),
                 CV_L(s->lang,
                      "この表には %zu 行のうち %zu 行だけが入ります。残りは"
                      "判定ファイル (JSON) で記録してください",
                      "this sheet holds %zu of %zu rows; record the others "
                      "in a decisions file (JSON)"),
                 s->lang == CV_LANG_EN ? fit : rows,
                 s->lang == CV_LANG_EN ? rows : fit);
        put_raw(s, 2, 0, note, NULL);
    }
    for (c = 0; c < CV_DCOL_COUNT; c++)
        put_raw(s, HEAD_ROW, c,
                CV_L(s->lang, cv_decisions_columns[c].ja,
                     cv_decisions_columns[c].en),
                s->head);
}

static void write_row(struct sheet *s, lxw_row_t row, size_t bid,
                      const struct cv_result *r)
{
    const cv_submission *sub = cv_view_bid(s->v, bid);
    const struct cv_criterion *c = r->entry->crit;
    char hash[65];
    cv_result_status tool = r->decided ? r->tool_status : r->status;

    if (failed(s))
        return;
    s->st = cv_method_criterion_sha256(hash, s->v->crit, r->entry);
    put_raw(s, row, CV_DCOL_FILE, sub->file, s->locked);
    put_quote(s, row, CV_DCOL_VENDOR, sub->vendor, CV_VIEW_NAME_MAX_CHARS,
              s->locked);
    put_raw(s, row, CV_DCOL_SUBMISSION_SHA256, sub->sha256, s->locked);
    put_raw(s, row, CV_DCOL_CRITERION, c->id, s->locked);
    put_quote(s, row, CV_DCOL_TITLE, CV_TEXT(s->lang, c->title), 0,
              s->locked);
    put_raw(s, row, CV_DCOL_CRITERION_SHA256, hash, s->locked);
    put_raw(s, row, CV_DCOL_TOOL_STATUS, cv_view_status_word(tool, s->lang),
            s->locked);
    put_quote(s, row, CV_DCOL_TOOL_REASON, r->reason,
              CV_VIEW_REASON_MAX_CHARS, s->locked);
    if (!r->decided) {
        lxw_col_t k;
        for (k = CV_DCOL_DECISION; k <= CV_DCOL_REASON && !failed(s); k++)
            check(s, worksheet_write_blank(
                         s->ws, row, k,
                         k == CV_DCOL_ON ? s->open_date : s->open));
        return;
    }
    put_raw(s, row, CV_DCOL_DECISION, cv_view_status_word(r->status, s->lang),
            s->open);
    put_quote(s, row, CV_DCOL_BY, r->decided_by, 0, s->open);
    put_date(s, row, CV_DCOL_ON, r->decided_on);
    put_quote(s, row, CV_DCOL_REASON, r->decision_reason,
              CV_VIEW_REASON_MAX_CHARS, s->open);
}

/* The drop-down of the decision column, in the run's words; another
 * word is warned about, not refused (the reader takes both languages). */
static void write_validation(struct sheet *s, lxw_row_t last)
{
    lxw_data_validation dv;
    char *words[4];
    if (failed(s) || last <= HEAD_ROW)
        return;
    words[0] = (char *)cv_view_status_word(CV_STATUS_MET, s->lang);
    words[1] = (char *)cv_view_status_word(CV_STATUS_PARTIAL, s->lang);
    words[2] = (char *)cv_view_status_word(CV_STATUS_NOT_MET, s->lang);
    words[3] = NULL;
    memset(&dv, 0, sizeof(dv));
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = words;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    check(s, worksheet_data_validation_range(s->ws, HEAD_ROW + 1,
                                             CV_DCOL_DECISION, last,
                                             CV_DCOL_DECISION, &dv));
}

static void write_body(struct sheet *s, size_t fit)
{
    size_t k, i, n = 0;
    lxw_row_t row = HEAD_ROW;
    for (k = 0; k < s->v->nbids && n < fit && !failed(s); k++) {
        size_t bid = cv_view_ranked(s->v, k);
        const cv_submission *sub = cv_view_bid(s->v, bid);
        if (sub->verdict == CV_VERDICT_INVALID)
            continue;
        for (i = 0; i < sub->nresults && n < fit && !failed(s); i++) {
            if (!wanted(&sub->results[i]))
                continue;
            write_row(s, ++row, bid, &sub->results[i]);
            n++;
        }
    }
    write_validation(s, row);
    if (!failed(s))
        check(s, worksheet_autofilter(s->ws, HEAD_ROW, 0, row,
                                      CV_DCOL_COUNT - 1));
}

cv_status cv_xlsx_decisions_sheet(struct lxw_workbook *wb,
                                  const struct cv_view *v, char *where,
                                  size_t where_len)
{
    struct sheet s;
    lxw_protection prot;
    size_t rows = count_rows(v);
    size_t room = (size_t)LXW_ROW_MAX - HEAD_ROW - 1;
    size_t fit = rows < room ? rows : room;

    memset(&s, 0, sizeof(s));
    s.wb = wb;
    s.v = v;
    s.lang = v->lang;
    cv_strbuf_init(&s.cell, 0);
    snprintf(where, where_len, "%s", cv_decisions_sheet_name);
    s.ws = workbook_add_worksheet(wb, cv_decisions_sheet_name);
    if (!s.ws)
        s.st = CV_ENOMEM;
    if (!failed(&s))
        make_formats(&s);
    if (!failed(&s)) {
        write_top(&s, rows, fit);
        write_body(&s, fit);
        worksheet_freeze_panes(s.ws, HEAD_ROW + 1, 1);
        memset(&prot, 0, sizeof(prot));
        prot.autofilter = 1;
        prot.sort = 1;
        prot.format_columns = 1;
        prot.format_rows = 1;
        worksheet_protect(s.ws, NULL, &prot);
    }
    cv_strbuf_release(&s.cell);
    if (s.st != CV_OK)
        return s.st;
    return s.err == LXW_NO_ERROR ? CV_OK
           : s.err == LXW_ERROR_MEMORY_MALLOC_FAILED ? CV_ENOMEM
                                                     : CV_EIO;
}
