/* SPDX-License-Identifier: MIT */
/*
 * report_csv.c: report.csv, one row per bid x criterion with the columns
 * of report.json (an unreadable bid gets one row with its verdict and its
 * first error as the reason, so no bid is missing from a pivot table).
 *
 * For Excel in a Japanese locale: UTF-8 with a BOM (without it Excel reads
 * Shift_JIS) and CRLF records. Quoting is RFC 4180: every text cell is
 * quoted and quotes doubled. A text cell that a spreadsheet would run as a
 * formula (first character = + - @, tab or CR, or their full-width forms,
 * which Japanese input turns into formulas) gets a leading apostrophe:
 * the vendor's text stays readable and is never executed.
 *
 * Size: vendor text is quoted through cv_view_quote, each field cut at
 * CV_VIEW_QUOTE_MAX_CHARS, the vendor and service repeated on every row
 * at CV_VIEW_NAME_MAX_CHARS, reasons at CV_VIEW_REASON_MAX_CHARS, at most
 * CV_VIEW_LIST_MAX_ITEMS evidence per cell; what is cut says that
 * report.json has it whole. Without it a long name or explanation was
 * written once per row and the file grew many times its input.
 *
 * After `pending`: tender_id, tender_title, verdict_word, status_word
 * (the words of every human format, in the run's language) and detail
 * (where the reason's facts are in the vendor's file).
 *
 * Residual obligations: when some answer of the report states a
 * responsibility split, four columns follow `detail` (responsibility,
 * customer_responsibilities, residual, residual_obligations); without one
 * the columns are those of a report before they existed.
 *
 * The award round: when the run used a tender file or review decisions,
 * eleven columns follow all of those (award_columns), the decision that
 * replaced the tool's status and the bid's award figures; without
 * either the columns are those of a report before they existed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../internal.h"
#include "view.h"

static const char *const columns[] = {
    "file",     "sha256",      "vendor",     "service",   "verdict",
    "score",    "max_score",   "rank",       "needs_review", "id",
    "title",    "category",    "mandatory",  "status",    "points",
    "max_points", "reason",    "response",   "explanation", "evidence",
    "citations", "conditional", "pending", "tender_id", "tender_title",
    "verdict_word", "status_word", "detail", NULL
};

/* Added after `pending` only when some result of the report states a
 * responsibility split, so a report without one keeps its columns. */
static const char *const responsibility_columns[] = {
    "responsibility", "customer_responsibilities", "residual",
    "residual_obligations", NULL
};

/* Added last when the run used a tender file or review decisions: the
 * decision laid over the result, then the bid's award figures (empty
 * without a tender). */
static const char *const award_columns[] = {
    "decided", "tool_status", "decided_by", "decided_on", "decision_reason",
    "award_state", "price", "technical_points", "price_points",
    "total_points", "award_rank", NULL
};

static bool starts_formula(const char *s)
{
    static const char *const fullwidth[] = { "＝", "＋", "－", "＠", NULL };
    size_t i;
    if (strchr("=+-@\t\r", s[0]) && s[0] != '\0')
        return true;
    for (i = 0; fullwidth[i]; i++)
        if (strncmp(s, fullwidth[i], strlen(fullwidth[i])) == 0)
            return true;
    return false;
}

/* A quoted text cell: cleaned for display and cut at `max` characters
 * (cv_view_quote), neutralised, quotes doubled. */
static void quote_cell(struct cv_strbuf *out, const char *s, size_t max,
                       cv_lang lang)
{
    struct cv_strbuf clean;
    const char *p;
    cv_strbuf_init(&clean, 0);
    cv_view_quote(&clean, s, max, true, lang);
    cv_strbuf_putc(out, '"');
    if (starts_formula(clean.ptr))
        cv_strbuf_putc(out, '\'');
    for (p = clean.ptr; *p; p++) {
        if (*p == '"')
            cv_strbuf_putc(out, '"');
        cv_strbuf_putc(out, *p);
    }
    cv_strbuf_putc(out, '"');
    cv_strbuf_fail(out, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
}

/* Our own text (ids, titles, words, citations) and what is already cut:
 * the cap changes nothing there. */
static void text_cell(struct cv_strbuf *out, const char *s)
{
    quote_cell(out, s, SIZE_MAX, CV_LANG_EN);
}

static void number_cell(struct cv_strbuf *out, double v)
{
    char num[32];
    cv_view_points(num, v);
    cv_strbuf_puts(out, num);
}

/* A cell and the comma after it. */
static void text_field(struct cv_strbuf *out, const char *s)
{
    text_cell(out, s);
    cv_strbuf_putc(out, ',');
}

static void quote_field(struct cv_strbuf *out, const char *s, size_t max,
                        cv_lang lang)
{
    quote_cell(out, s, max, lang);
    cv_strbuf_putc(out, ',');
}

static void number_field(struct cv_strbuf *out, double v)
{
    number_cell(out, v);
    cv_strbuf_putc(out, ',');
}

static void bid_cells(struct cv_strbuf *out, const struct cv_view *v,
                      size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    unsigned rank = cv_view_rank(v, bid);
    quote_field(out, s->file, 0, v->lang);
    text_field(out, s->sha256);
    quote_field(out, s->vendor, CV_VIEW_NAME_MAX_CHARS, v->lang);
    quote_field(out, s->service, CV_VIEW_NAME_MAX_CHARS, v->lang);
    text_field(out, cv_verdict_str(s->verdict));
    number_field(out, s->score);
    number_field(out, s->max_score);
    if (rank)
        cv_strbuf_printf(out, "%u", rank);
    cv_strbuf_printf(out, ",%zu,", s->needs_review);
}

/* One line per evidence, each part cut (the cell is then written as our
 * text: it is cleaned and cut already). */
static void evidence_text(struct cv_strbuf *out, const struct cv_result *r,
                          cv_lang lang)
{
    size_t i;
    for (i = 0; i < r->nevidence && i < CV_VIEW_LIST_MAX_ITEMS; i++) {
        const struct cv_evidence *e = &r->evidence[i];
        if (i)
            cv_strbuf_putc(out, '\n');
        cv_view_quote(out, e->title, 0, false, lang);
        if (e->url) {
            cv_strbuf_puts(out, " <");
            cv_view_quote(out, e->url, 0, false, lang);
            cv_strbuf_putc(out, '>');
        }
        if (e->page) {
            cv_strbuf_puts(out, " p.");
            cv_view_quote(out, e->page, 0, false, lang);
        }
        if (e->section) {
            cv_strbuf_puts(out, " [");
            cv_view_quote(out, e->section, 0, false, lang);
            cv_strbuf_putc(out, ']');
        }
        if (e->quote) {
            cv_strbuf_puts(out, ": \"");
            cv_view_quote(out, e->quote, 0, true, lang);
            cv_strbuf_putc(out, '"');
        }
    }
    if (r->nevidence > CV_VIEW_LIST_MAX_ITEMS) {
        cv_strbuf_putc(out, '\n');
        cv_view_more_items(out, r->nevidence - CV_VIEW_LIST_MAX_ITEMS, lang);
    }
}

static void result_cells(struct cv_strbuf *out, const struct cv_view *v,
                         const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    struct cv_strbuf joined;
    text_field(out, c->id);
    text_field(out, CV_TEXT(v->lang, c->title));
    text_cell(out, c->category);
    cv_strbuf_puts(out, r->entry->mandatory ? ",true," : ",false,");
    text_field(out, cv_result_status_str(r->status));
    number_field(out, r->points);
    number_field(out, r->max_points);
    quote_field(out, r->reason, CV_VIEW_REASON_MAX_CHARS, v->lang);
    text_field(out, r->response);
    quote_field(out, r->explanation, 0, v->lang);
    cv_strbuf_init(&joined, 0);
    evidence_text(&joined, r, v->lang);
    text_field(out, joined.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&joined));
    cv_strbuf_reset(&joined);
    cv_view_citations(&joined, c, "\n");
    text_cell(out, joined.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&joined));
    cv_strbuf_release(&joined);
}

/* The bid's condition, last so the columns before keep their places:
 * whether it qualifies only on condition, and the mandatory criteria a
 * person must confirm ("CLOUD-CERT, CLOUD-REGION"). */
static void condition_cells(struct cv_strbuf *out, const struct cv_view *v,
                            size_t bid)
{
    struct cv_strbuf ids;
    const struct cv_result *r;
    size_t i;
    cv_strbuf_init(&ids, 0);
    for (i = 0; (r = cv_view_pending(v, bid, i)) != NULL; i++)
        cv_strbuf_printf(&ids, "%s%s", i ? ", " : "", r->entry->crit->id);
    cv_strbuf_puts(out, cv_view_conditional(v, bid) ? ",true," : ",false,");
    text_cell(out, ids.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&ids));
    cv_strbuf_release(&ids);
}

/* After `pending`, columns report.json does not have as such: the
 * tender the bid answers, the verdict and the status in the words and
 * symbols of every human format (view.h's vocabulary, in the run's
 * language: "× 失格", "! 矛盾 (要確認)"), and where in the vendor's file
 * the facts of the reason are. `r` is NULL for an unreadable bid. */
static void words_cells(struct cv_strbuf *out, const struct cv_view *v,
                        size_t bid, const struct cv_result *r)
{
    const cv_submission *s = cv_view_bid(v, bid);
    struct cv_strbuf word;
    cv_strbuf_putc(out, ',');
    quote_field(out, s->tender_id, 0, v->lang);
    quote_field(out, s->tender_title, 0, v->lang);
    cv_strbuf_init(&word, 0);
    cv_strbuf_printf(&word, "%s %s", cv_view_bid_verdict_symbol(s),
                     cv_view_bid_verdict_word(s, v->lang));
    text_field(out, word.ptr);
    cv_strbuf_reset(&word);
    if (r)
        cv_strbuf_printf(&word, "%s %s", cv_view_status_symbol(r->status),
                         cv_view_status_word(r->status, v->lang));
    text_field(out, word.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&word));
    cv_strbuf_release(&word);
    quote_cell(out, r ? r->detail : NULL, CV_VIEW_REASON_MAX_CHARS, v->lang);
}

/* The responsibility split of the result (report.json's values), then
 * the bid's residual obligations by id; all empty for an unreadable bid
 * (`r` NULL). The text cell is neutralised like every vendor text. */
static void responsibility_cells(struct cv_strbuf *out,
                                 const struct cv_view *v, size_t bid,
                                 const struct cv_result *r)
{
    const cv_submission *s = cv_view_bid(v, bid);
    struct cv_strbuf ids;
    size_t i, n = 0;
    cv_strbuf_putc(out, ',');
    if (!r) {
        cv_strbuf_puts(out, ",,,");
        return;
    }
    text_field(out, r->responsibility);
    quote_field(out, r->customer_responsibilities, 0, v->lang);
    if (cv_view_has_responsibility(r))
        cv_strbuf_puts(out, r->residual ? "true" : "false");
    cv_strbuf_putc(out, ',');
    cv_strbuf_init(&ids, 0);
    for (i = 0; i < s->nresults; i++)
        if (s->results[i].residual)
            cv_strbuf_printf(&ids, "%s%s", n++ ? ", " : "",
                             s->results[i].entry->crit->id);
    text_cell(out, ids.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&ids));
    cv_strbuf_release(&ids);
}

/* An award figure as report.json writes it (twelve significant digits):
 * the tender's rounding may keep more decimals than the two of points. */
static void figure_cell(struct cv_strbuf *out, double v)
{
    char num[40];
    snprintf(num, sizeof num, "%.12g", v);
    cv_strbuf_puts(out, strcmp(num, "-0") == 0 ? "0" : num);
}

/* The decision that replaced the tool's status, with what the tool had
 * said; empty when the result was not decided (or the bid is unreadable:
 * `r` NULL). The committee's text is cut and neutralised like a
 * vendor's. */
static void decision_cells(struct cv_strbuf *out, const struct cv_result *r,
                           cv_lang lang)
{
    cv_strbuf_putc(out, ',');
    if (!r || !r->decided) {
        cv_strbuf_puts(out, ",,,,");
        return;
    }
    text_field(out, "yes");
    text_field(out, cv_result_status_str(r->tool_status));
    quote_field(out, r->decided_by, CV_VIEW_NAME_MAX_CHARS, lang);
    quote_field(out, r->decided_on, 0, lang);
    quote_cell(out, r->decision_reason, CV_VIEW_REASON_MAX_CHARS, lang);
}

/* The bid's award, as report.json's `award`: the state, the price, the
 * rounded 技術点, 価格点 (additive) and total (both of ranked bids only),
 * and the award rank; all empty when no award was computed. */
static void award_cells(struct cv_strbuf *out, const cv_report *report,
                        size_t bid)
{
    const struct cv_award_bid *b;
    bool additive;
    cv_strbuf_putc(out, ',');
    if (!report->awarded || bid >= report->award.count) {
        cv_strbuf_puts(out, ",,,,,");
        return;
    }
    b = &report->award.bids[bid];
    additive = report->award.tender &&
               report->award.tender->method == CV_TENDER_ADDITIVE;
    text_field(out, cv_award_state_str(b->state));
    if (b->bid)
        cv_strbuf_printf(out, "%lld", (long long)b->price);
    cv_strbuf_putc(out, ',');
    figure_cell(out, b->technical);
    cv_strbuf_putc(out, ',');
    if (additive && b->state == CV_AWARD_RANKED)
        figure_cell(out, b->price_points);
    cv_strbuf_putc(out, ',');
    if (b->state == CV_AWARD_RANKED)
        figure_cell(out, b->total);
    cv_strbuf_putc(out, ',');
    if (b->rank)
        cv_strbuf_printf(out, "%u", b->rank);
}

/* The row of an unreadable bid: its first error stands in the reason. */
static void invalid_row(struct cv_strbuf *out, const cv_submission *s,
                        cv_lang lang)
{
    struct cv_strbuf why;
    size_t i;
    cv_strbuf_init(&why, 0);
    for (i = 0; i < s->diags.count; i++) {
        const cv_diag *d = &s->diags.items[i];
        if (d->severity == CV_SEV_ERROR) {
            cv_view_location(&why, d);
            cv_strbuf_printf(&why, ": %s", d->message);
            break;
        }
    }
    cv_strbuf_puts(out, ",,,,,,,"); /* id .. max_points */
    quote_cell(out, why.ptr, CV_VIEW_REASON_MAX_CHARS, lang);
    cv_strbuf_puts(out, ",,,,"); /* response .. citations */
    cv_strbuf_fail(out, cv_strbuf_status(&why));
    cv_strbuf_release(&why);
}

cv_status cv_report_csv(const cv_report *report, cv_write_fn write,
                        void *payload)
{
    struct cv_view v;
    struct cv_sink sink;
    size_t b, i;
    bool split, award;
    cv_status st = cv_view_build(&v, report);
    if (st != CV_OK) {
        cv_view_release(&v);
        return st;
    }
    split = cv_view_any_responsibility(&v);
    award = report->tender != NULL || report->awarded ||
            report->ctx->decisions != NULL;
    cv_sink_init(&sink, write, payload);
    cv_strbuf_puts(&sink.buf, "\xEF\xBB\xBF");
    for (i = 0; columns[i]; i++)
        cv_strbuf_printf(&sink.buf, "%s%s", i ? "," : "", columns[i]);
    for (i = 0; split && responsibility_columns[i]; i++)
        cv_strbuf_printf(&sink.buf, ",%s", responsibility_columns[i]);
    for (i = 0; award && award_columns[i]; i++)
        cv_strbuf_printf(&sink.buf, ",%s", award_columns[i]);
    cv_strbuf_puts(&sink.buf, "\r\n");
    for (b = 0; b < v.nbids; b++) {
        const cv_submission *s = cv_view_bid(&v, b);
        if (s->nresults == 0) {
            bid_cells(&sink.buf, &v, b);
            invalid_row(&sink.buf, s, v.lang);
            condition_cells(&sink.buf, &v, b);
            words_cells(&sink.buf, &v, b, NULL);
            if (split)
                responsibility_cells(&sink.buf, &v, b, NULL);
            if (award) {
                decision_cells(&sink.buf, NULL, v.lang);
                award_cells(&sink.buf, report, b);
            }
            cv_strbuf_puts(&sink.buf, "\r\n");
        }
        for (i = 0; i < s->nresults; i++) {
            bid_cells(&sink.buf, &v, b);
            result_cells(&sink.buf, &v, &s->results[i]);
            condition_cells(&sink.buf, &v, b);
            words_cells(&sink.buf, &v, b, &s->results[i]);
            if (split)
                responsibility_cells(&sink.buf, &v, b, &s->results[i]);
            if (award) {
                decision_cells(&sink.buf, &s->results[i], v.lang);
                award_cells(&sink.buf, report, b);
            }
            cv_strbuf_puts(&sink.buf, "\r\n");
            cv_sink_flush(&sink, false);
        }
    }
    st = cv_sink_finish(&sink);
    cv_view_release(&v);
    return st;
}
