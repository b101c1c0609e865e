/* SPDX-License-Identifier: MIT */
/*
 * report_xlsx.c: report.xlsx, the workbook the committee works in.
 *
 *  - "比較" / "Comparison": one column per bid. Frozen at the top: the bid
 *    names and a summary (verdict, score, maximum, rank, items to check,
 *    failed mandatory criteria), and beside it whether the ISMAP list was
 *    consulted and links checked. Below, with filters: one row per
 *    criterion in the order of data/categories.json, the status of each
 *    bid in words with a symbol (the colour repeats it, never replaces it;
 *    a failed mandatory criterion is also bold), then the points of each
 *    bid as numbers. Last, the points per category for each bid.
 *  - one sheet per bid ("01 Vendor"): the file, its SHA-256, the facts of
 *    the summary, then every criterion with status, points, the reason,
 *    the vendor's answer, explanation and evidence, and the cited clauses;
 *    then the bid's diagnostics.
 *  - "登録簿照合" / "Registry": the ISMAP list used (or that none was),
 *    then one row per bid x ISMAP / ISMAP-LIU certification: the claim,
 *    the outcome, and the columns of the list's row it was compared to.
 *  - "リンク" / "Links", only with --online: one row per bid x URL and
 *    what requesting it gave. Its times are the clock's: a workbook with
 *    link checks is not byte-identical from run to run.
 *  - "診断" / "Diagnostics": every diagnostic of every bid.
 *
 * Bids that could not be read appear everywhere with their verdict; their
 * criterion cells say that nothing was evaluated.
 *
 * Byte-identical output: the document dates are the evaluation date at
 * 00:00 UTC (libxlsxwriter would otherwise take the clock), and the zip
 * entries carry libxlsxwriter's fixed 1980-01-01 timestamp.
 *
 * Every cell is a string or a number, never a formula, and a URL is never
 * a hyperlink: "=HYPERLINK(...)" in a vendor's text or a registry row
 * stays text.
 *
 * libxlsxwriter prints a warning to stderr for an invalid sheet name or a
 * string over Excel's limit before refusing it; the library must never
 * print, so names are made valid and strings cut here, before they reach
 * it. This is the only file that includes xlsxwriter.h.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../base/strbuf.h"
#include "view.h"

/* Excel's limits, in UTF-16 code units (what Excel counts). */
#define XL_CELL_MAX 32767u
#define XL_SHEETNAME_MAX 31u

/* Layout of the comparison sheet (0-based rows and columns). */
enum {
    CMP_ROW_BIDS = 0,    /* bid names above the summary */
    CMP_ROW_VERDICT = 1, /* then one row per summary fact */
    CMP_ROW_SCORE,
    CMP_ROW_MAX,
    CMP_ROW_RANK,
    CMP_ROW_REVIEW,
    CMP_ROW_FAILED,
    CMP_ROW_HEAD,        /* header of the filtered criterion table */
    CMP_COL_ID = 0,
    CMP_COL_TITLE,
    CMP_COL_CATEGORY,
    CMP_COL_MANDATORY,
    CMP_COL_WEIGHT,
    CMP_COL_BIDS,        /* statuses, then points, one column per bid */
    CMP_FROZEN_COLS = 2  /* id and title stay visible */
};

/* Layout of the registry sheet. */
enum {
    REG_ROW_NOTE = 0,     /* the registry's state and sentence */
    REG_ROW_SNAPSHOT = 1, /* which snapshot, how old */
    REG_ROW_HEAD = 3,     /* the filtered table from here */
    REG_COL_BID = 0,
    REG_COL_NAME,
    REG_COL_SCHEME,       /* the vendor's claim */
    REG_COL_NUMBER,
    REG_COL_LOCATION,
    REG_COL_OUTCOME,
    REG_COL_ROW,          /* the list's row */
    REG_COL_ROW_NUMBER,
    REG_COL_ROW_SERVICE,
    REG_COL_ROW_PROVIDER,
    REG_COL_ROW_SCHEME,
    REG_COL_ROW_REGISTERED,
    REG_COL_ROW_EXPIRES,
    REG_COL_MESSAGE,
    REG_NCOLS
};

/* Layout of the links sheet. */
enum {
    LNK_COL_BID = 0,
    LNK_COL_NAME,
    LNK_COL_LOCATION,
    LNK_COL_URL,
    LNK_COL_OUTCOME,
    LNK_COL_HTTP,
    LNK_COL_TYPE,
    LNK_COL_FINAL,
    LNK_COL_METHOD,
    LNK_COL_REDIRECTS,
    LNK_COL_MS,
    LNK_COL_AT,
    LNK_COL_MESSAGE,
    LNK_NCOLS
};

struct xl_head {
    const char *ja, *en;
};

/* Layout of a bid's sheet. */
enum {
    BID_ROW_HEAD = 8, /* facts above, criterion table from here */
    BID_COL_ID = 0,
    BID_COL_TITLE,
    BID_COL_CATEGORY,
    BID_COL_MANDATORY,
    BID_COL_STATUS,
    BID_COL_POINTS,
    BID_COL_MAX,
    BID_COL_REASON,
    BID_COL_RESPONSE,
    BID_COL_EXPLANATION,
    BID_COL_EVIDENCE,
    BID_COL_CITATIONS,
    BID_NCOLS
};

#define NSTATUS (CV_STATUS_NOT_APPLICABLE + 1)
#define NVERDICT (CV_VERDICT_INVALID + 1)

struct xl_formats {
    lxw_format *head;    /* column headers */
    lxw_format *label;   /* row labels of the summaries */
    lxw_format *text;    /* wrapped text, top-aligned */
    lxw_format *line;    /* one line that may run over empty neighbours */
    lxw_format *number;
    lxw_format *none;    /* "not evaluated" cells of an unreadable bid */
    lxw_format *warn;    /* a registry not consulted, or too old */
    lxw_format *status[NSTATUS][2]; /* [status][disqualifying] */
    lxw_format *verdict[NVERDICT];
    lxw_format *conditional; /* qualified on condition: not the green */
};

struct xl {
    lxw_workbook *wb;
    struct cv_view view;
    cv_lang lang;
    struct xl_formats f;
    struct cv_strbuf cell; /* scratch for one cell's text */
    lxw_error err;         /* first libxlsxwriter failure */
    cv_status st;          /* first failure of ours */
};

/* ---- errors ---- */

static bool xl_failed(const struct xl *x)
{
    return x->err != LXW_NO_ERROR || x->st != CV_OK;
}

static void xl_check(struct xl *x, lxw_error err)
{
    if (x->err == LXW_NO_ERROR)
        x->err = err;
}

static void xl_fail(struct xl *x, cv_status st)
{
    if (x->st == CV_OK)
        x->st = st;
}

/* ---- text ---- */

/* Code units of the UTF-16 form of the character led by byte `c`. */
static unsigned utf16_units(unsigned char c)
{
    return c >= 0xF0 ? 2u : 1u;
}

static bool utf8_lead(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

/* Byte length of the longest prefix of s[0..len) that takes at most
 * `units` UTF-16 code units, cut between characters. */
static size_t prefix_in_units(const char *s, size_t len, size_t units)
{
    size_t i, used = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!utf8_lead(c))
            continue;
        if (used + utf16_units(c) > units)
            return i;
        used += utf16_units(c);
    }
    return len;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/*
 * Excel reads "_xHHHH_" in a cell as the character U+HHHH, so a vendor
 * could write "_x202E_" to smuggle in the very controls cv_view_text
 * removed. OOXML's escape for a literal "_" before such a pattern is
 * "_x005F_"; libxlsxwriter 1.1.4 escapes control characters this way
 * but not the pattern itself.
 */
static void escape_xstring(struct cv_strbuf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (s[i] == '_' && i + 6 < len && s[i + 1] == 'x' &&
            is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4]) &&
            is_hex(s[i + 5]) && s[i + 6] == '_')
            cv_strbuf_puts(out, "_x005F");
        cv_strbuf_putc(out, s[i]);
    }
}

/* Cuts `sb` to Excel's cell limit with a final "…" rather than let the
 * whole workbook fail on one long answer. */
static void clip_to_cell(struct cv_strbuf *sb)
{
    if (prefix_in_units(sb->ptr, sb->len, XL_CELL_MAX) == sb->len)
        return;
    cv_strbuf_truncate(sb, prefix_in_units(sb->ptr, sb->len, XL_CELL_MAX - 1));
    cv_strbuf_puts(sb, "…");
}

/* ---- cells ---- */

/* Writes `raw` (already display-safe) as a string cell; empty text leaves
 * the cell blank but formatted. */
static void put_str(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, const char *raw, lxw_format *fmt)
{
    struct cv_strbuf *sb = &x->cell;
    if (xl_failed(x))
        return;
    cv_strbuf_reset(sb);
    escape_xstring(sb, raw, strlen(raw));
    clip_to_cell(sb);
    if (cv_strbuf_status(sb) != CV_OK) {
        xl_fail(x, cv_strbuf_status(sb));
        return;
    }
    if (sb->len == 0)
        xl_check(x, worksheet_write_blank(ws, row, col, fmt));
    else
        xl_check(x, worksheet_write_string(ws, row, col, sb->ptr, fmt));
}

/* Our own words (labels, statuses): written as they are. */
static void put_label(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const char *s, lxw_format *fmt)
{
    put_str(x, ws, row, col, s, fmt);
}

/* Text built by the caller in `tmp`; it must already have passed
 * cv_view_text where it came from a submission. */
static void put_built(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const struct cv_strbuf *tmp,
                      lxw_format *fmt)
{
    if (cv_strbuf_status(tmp) != CV_OK) {
        xl_fail(x, cv_strbuf_status(tmp));
        return;
    }
    put_str(x, ws, row, col, tmp->ptr, fmt);
}

/* Text from a submission, a file name or the criteria: made safe to
 * display (controls and bidi overrides made visible) first. */
static void put_text(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const char *s, bool keep_lines,
                     lxw_format *fmt)
{
    struct cv_strbuf clean;
    cv_strbuf_init(&clean, 0);
    cv_view_text(&clean, s, keep_lines);
    put_built(x, ws, row, col, &clean, fmt);
    cv_strbuf_release(&clean);
}

static void put_number(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, double n)
{
    if (xl_failed(x))
        return;
    /* "nan" or "inf" in the XML would make Excel refuse the file. */
    if (!isfinite(n))
        xl_check(x, worksheet_write_blank(ws, row, col, x->f.number));
    else
        xl_check(x, worksheet_write_number(ws, row, col, n, x->f.number));
}

static void put_width(struct xl *x, lxw_worksheet *ws, lxw_col_t first,
                      lxw_col_t last, double width, lxw_format *fmt)
{
    if (!xl_failed(x))
        xl_check(x, worksheet_set_column(ws, first, last, width, fmt));
}

/* ---- formats ---- */

enum { XF_BOLD = 1, XF_WRAP = 2, XF_FILL = 4, XF_ITALIC = 8, XF_BORDER = 16 };

static lxw_format *add_format(struct xl *x, unsigned flags, lxw_color_t fill,
                              lxw_color_t ink)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        xl_fail(x, CV_ENOMEM);
        return NULL;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (flags & XF_BOLD)
        format_set_bold(f);
    if (flags & XF_ITALIC)
        format_set_italic(f);
    if (flags & XF_WRAP)
        format_set_text_wrap(f);
    if (flags & XF_FILL)
        format_set_bg_color(f, fill);
    if (flags & XF_BORDER)
        format_set_bottom(f, LXW_BORDER_THIN);
    if (ink != LXW_COLOR_BLACK)
        format_set_font_color(f, ink);
    return f;
}

/* Excel's own "good", "neutral" and "bad" cell colours, so the sheet
 * reads like the ones the committee already knows. */
static lxw_color_t status_fill(cv_result_status s, lxw_color_t *ink)
{
    switch (s) {
    case CV_STATUS_MET: *ink = 0x006100; return 0xC6EFCE;
    case CV_STATUS_CLAIMED:
    case CV_STATUS_PARTIAL: *ink = 0x9C5700; return 0xFFEB9C;
    case CV_STATUS_NOT_MET:
    case CV_STATUS_CONTRADICTED: *ink = 0x9C0006; return 0xFFC7CE;
    case CV_STATUS_UNANSWERED: *ink = LXW_COLOR_BLACK; return 0xD9D9D9;
    case CV_STATUS_NOT_APPLICABLE: *ink = 0x595959; return 0xF2F2F2;
    }
    *ink = LXW_COLOR_BLACK;
    return LXW_COLOR_WHITE;
}

static lxw_color_t verdict_fill(cv_verdict v, lxw_color_t *ink)
{
    switch (v) {
    case CV_VERDICT_QUALIFIED: return status_fill(CV_STATUS_MET, ink);
    case CV_VERDICT_DISQUALIFIED: return status_fill(CV_STATUS_NOT_MET, ink);
    case CV_VERDICT_INVALID: return status_fill(CV_STATUS_UNANSWERED, ink);
    }
    *ink = LXW_COLOR_BLACK;
    return LXW_COLOR_WHITE;
}

static void make_formats(struct xl *x)
{
    struct xl_formats *f = &x->f;
    lxw_color_t fill, ink;
    unsigned s, v;

    f->head = add_format(x, XF_BOLD | XF_WRAP | XF_FILL | XF_BORDER, 0xDDEBF7,
                         LXW_COLOR_BLACK);
    f->label = add_format(x, XF_BOLD, 0, LXW_COLOR_BLACK);
    f->text = add_format(x, XF_WRAP, 0, LXW_COLOR_BLACK);
    f->line = add_format(x, 0, 0, LXW_COLOR_BLACK);
    f->number = add_format(x, 0, 0, LXW_COLOR_BLACK);
    f->none = add_format(x, XF_ITALIC, 0, 0x808080);
    f->warn = add_format(x, XF_BOLD, 0, 0x9C0006);
    for (s = 0; s < NSTATUS; s++) {
        fill = status_fill((cv_result_status)s, &ink);
        f->status[s][0] = add_format(x, XF_WRAP | XF_FILL, fill, ink);
        f->status[s][1] = add_format(x, XF_WRAP | XF_FILL | XF_BOLD, fill,
                                     ink);
    }
    for (v = 0; v < NVERDICT; v++) {
        fill = verdict_fill((cv_verdict)v, &ink);
        f->verdict[v] = add_format(x, XF_BOLD | XF_WRAP | XF_FILL, fill, ink);
    }
    fill = status_fill(CV_STATUS_CLAIMED, &ink);
    f->conditional = add_format(x, XF_BOLD | XF_WRAP | XF_FILL, fill, ink);
}

/* ---- shared pieces ---- */

static void status_text(struct cv_strbuf *out, cv_result_status s,
                        cv_lang lang)
{
    cv_strbuf_printf(out, "%s %s", cv_view_status_symbol(s),
                     cv_view_status_word(s, lang));
}

static void verdict_text(struct cv_strbuf *out, const cv_submission *s,
                         cv_lang lang)
{
    cv_strbuf_printf(out, "%s %s", cv_view_bid_verdict_symbol(s),
                     cv_view_bid_verdict_word(s, lang));
}

/* A conditional qualification in the neutral colour, never the green of
 * a qualified bid. */
static lxw_format *verdict_format(const struct xl *x, const cv_submission *s)
{
    return s->conditional ? x->f.conditional : x->f.verdict[s->verdict];
}

/* "CLOUD-CERT, CLOUD-REGION": the mandatory criteria a person must
 * confirm before a conditional bid qualifies. */
static void pending_text(struct cv_strbuf *out, const struct cv_view *v,
                         size_t bid)
{
    const struct cv_result *r;
    size_t i;
    for (i = 0; (r = cv_view_pending(v, bid, i)) != NULL; i++)
        cv_strbuf_printf(out, "%s%s", i ? ", " : "", r->entry->crit->id);
}

/* "3. Vendor / Service": the same header wherever a bid has a column. */
static void bid_header(struct cv_strbuf *out, const struct cv_view *v,
                       size_t bid)
{
    cv_strbuf_printf(out, "%zu. ", bid + 1);
    cv_view_bid_name(out, v, bid);
}

static const char *category_title(const struct cv_view_group *g,
                                  cv_lang lang)
{
    return CV_TEXT(lang, g->cat->title);
}

static const char *mandatory_word(bool mandatory, cv_lang lang)
{
    return mandatory ? CV_L(lang, "必須", "yes") : CV_L(lang, "任意", "no");
}

static const char *not_evaluated_word(cv_lang lang)
{
    return CV_L(lang, "評価なし", "not evaluated");
}

static lxw_format *status_format(const struct xl *x,
                                 const struct cv_result *r)
{
    return x->f.status[r->status][cv_view_disqualifies(r) ? 1 : 0];
}

/* A table's header row, in the run's language. */
static void table_header(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         const struct xl_head *heads, lxw_col_t n)
{
    lxw_col_t c;
    for (c = 0; c < n; c++)
        put_label(x, ws, row, c, CV_L(x->lang, heads[c].ja, heads[c].en),
                  x->f.head);
}

/* Printing for the committee: A4 landscape, one page wide, the table
 * header on every page. */
static void set_print_layout(struct xl *x, lxw_worksheet *ws,
                             lxw_row_t head_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    if (!xl_failed(x))
        xl_check(x, worksheet_repeat_rows(ws, head_row, head_row));
}

/* ---- comparison sheet ---- */

static lxw_col_t status_col(size_t bid)
{
    return (lxw_col_t)(CMP_COL_BIDS + bid);
}

static lxw_col_t points_col(const struct cv_view *v, size_t bid)
{
    return (lxw_col_t)(CMP_COL_BIDS + v->nbids + bid);
}

static void comparison_bid_headers(struct xl *x, lxw_worksheet *ws,
                                   lxw_row_t row, bool with_points)
{
    const struct cv_view *v = &x->view;
    struct cv_strbuf sb;
    size_t b;
    cv_strbuf_init(&sb, 0);
    for (b = 0; b < v->nbids; b++) {
        /* The verdict's colour on the header too: a disqualified bid
         * stays marked however far the sheet is scrolled. */
        lxw_format *fmt = verdict_format(x, cv_view_bid(v, b));
        cv_strbuf_reset(&sb);
        bid_header(&sb, v, b);
        put_built(x, ws, row, status_col(b), &sb, fmt);
        if (with_points) {
            cv_strbuf_puts(&sb, CV_L(x->lang, "\n得点", "\npoints"));
            put_built(x, ws, row, points_col(v, b), &sb, fmt);
        }
    }
    cv_strbuf_release(&sb);
}

/* In the empty cells beside the summary (frozen, so always in view):
 * whether the ISMAP list was consulted, in bold red when it was not or
 * was too old, and whether links were checked; the sheets named hold the
 * detail. */
static void comparison_checks_note(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s: %s %s", CV_L(L, "ISMAP 登録簿", "ISMAP registry"),
                     cv_view_registry_symbol(v), cv_view_registry_word(v));
    if (v->registry.checked) {
        cv_strbuf_puts(&sb, CV_L(L, " (", " (list of "));
        cv_view_text(&sb, v->registry.snap->as_of, false);
        cv_strbuf_puts(&sb, CV_L(L, " 版)", ")"));
    }
    cv_strbuf_puts(&sb, CV_L(L, " → 「登録簿照合」シート",
                             " → sheet \"Registry\""));
    put_built(x, ws, CMP_ROW_VERDICT, CMP_COL_TITLE, &sb,
              cv_view_registry_tone(v) == CV_TONE_GOOD ? x->f.line
                                                       : x->f.warn);
    cv_strbuf_reset(&sb);
    cv_strbuf_printf(&sb, "%s: %s", CV_L(L, "リンクの確認", "Links"),
                     v->online ? CV_L(L, "オンラインで確認 → 「リンク」シート",
                                      "checked online → sheet \"Links\"")
                               : CV_L(L, "行っていません (オフライン)",
                                      "not checked (offline)"));
    put_built(x, ws, CMP_ROW_SCORE, CMP_COL_TITLE, &sb, x->f.line);
    cv_strbuf_release(&sb);
}

static void comparison_summary(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    struct cv_strbuf sb;
    size_t b;
    cv_lang L = x->lang;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, CMP_ROW_BIDS, CMP_COL_ID, CV_L(L, "入札", "Bid"),
              x->f.head);
    cv_strbuf_printf(&sb, CV_L(L, "評価基準日 %s / %s %s", "as of %s / %s %s"),
                     v->as_of, CV_TEXT(L, v->crit->profile.title),
                     v->crit->profile.version);
    put_text(x, ws, CMP_ROW_BIDS, CMP_COL_TITLE, sb.ptr, false, x->f.label);
    comparison_bid_headers(x, ws, CMP_ROW_BIDS, false);

    put_label(x, ws, CMP_ROW_VERDICT, CMP_COL_ID, CV_L(L, "判定", "Verdict"),
              x->f.label);
    put_label(x, ws, CMP_ROW_SCORE, CMP_COL_ID, CV_L(L, "得点", "Score"),
              x->f.label);
    put_label(x, ws, CMP_ROW_MAX, CMP_COL_ID, CV_L(L, "満点", "Max score"),
              x->f.label);
    put_label(x, ws, CMP_ROW_RANK, CMP_COL_ID, CV_L(L, "順位", "Rank"),
              x->f.label);
    put_label(x, ws, CMP_ROW_REVIEW, CMP_COL_ID,
              CV_L(L, "要確認件数", "Needs review"), x->f.label);
    put_label(x, ws, CMP_ROW_FAILED, CMP_COL_ID,
              CV_L(L, "必須不適合件数", "Failed mandatory"), x->f.label);
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        lxw_col_t col = status_col(b);
        cv_strbuf_reset(&sb);
        verdict_text(&sb, s, L);
        put_built(x, ws, CMP_ROW_VERDICT, col, &sb, verdict_format(x, s));
        put_number(x, ws, CMP_ROW_SCORE, col, s->score);
        put_number(x, ws, CMP_ROW_MAX, col, s->max_score);
        if (cv_view_rank(v, b))
            put_number(x, ws, CMP_ROW_RANK, col, cv_view_rank(v, b));
        put_number(x, ws, CMP_ROW_REVIEW, col, (double)s->needs_review);
        put_number(x, ws, CMP_ROW_FAILED, col,
                   (double)cv_view_failed_count(v, b));
    }
    cv_strbuf_release(&sb);
    comparison_checks_note(x, ws);
}

static void comparison_table_header(struct xl *x, lxw_worksheet *ws)
{
    cv_lang L = x->lang;
    lxw_format *h = x->f.head;
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_ID, "ID", h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_TITLE,
              CV_L(L, "評価項目", "Criterion"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_CATEGORY,
              CV_L(L, "区分", "Category"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_MANDATORY,
              CV_L(L, "必須", "Mandatory"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_WEIGHT,
              CV_L(L, "配点", "Weight"), h);
    comparison_bid_headers(x, ws, CMP_ROW_HEAD, true);
}

static void comparison_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                           const struct cv_view_group *g, size_t entry)
{
    const struct cv_view *v = &x->view;
    const struct cv_profile_entry *e = &v->crit->profile.entries[entry];
    struct cv_strbuf sb;
    size_t b;

    cv_strbuf_init(&sb, 0);
    put_text(x, ws, row, CMP_COL_ID, e->crit->id, false, x->f.line);
    put_text(x, ws, row, CMP_COL_TITLE, CV_TEXT(x->lang, e->crit->title),
             false, x->f.text);
    put_text(x, ws, row, CMP_COL_CATEGORY, category_title(g, x->lang), false,
             x->f.text);
    put_label(x, ws, row, CMP_COL_MANDATORY,
              mandatory_word(e->mandatory, x->lang), x->f.line);
    put_number(x, ws, row, CMP_COL_WEIGHT, e->weight);
    for (b = 0; b < v->nbids; b++) {
        const struct cv_result *r = cv_view_result(v, b, entry);
        if (!r) {
            put_label(x, ws, row, status_col(b), not_evaluated_word(x->lang),
                      x->f.none);
            continue;
        }
        cv_strbuf_reset(&sb);
        status_text(&sb, r->status, x->lang);
        put_built(x, ws, row, status_col(b), &sb, status_format(x, r));
        put_number(x, ws, row, points_col(v, b), r->points);
    }
    cv_strbuf_release(&sb);
}

/* Rows per category under the criterion table (outside the filter, so
 * filtering criteria never hides a total): each bid's points in its
 * status column and the points possible in its points column, and a last
 * row with the totals. */
static lxw_row_t comparison_subtotals(struct xl *x, lxw_worksheet *ws,
                                      lxw_row_t row)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    struct cv_strbuf sb;
    size_t b, k;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, row, CMP_COL_ID, CV_L(L, "区分別", "By category"),
              x->f.head);
    put_label(x, ws, row, CMP_COL_TITLE, CV_L(L, "区分", "Category"),
              x->f.head);
    for (b = 0; b < v->nbids; b++) {
        cv_strbuf_reset(&sb);
        bid_header(&sb, v, b);
        cv_strbuf_puts(&sb, CV_L(L, "\n得点", "\npoints"));
        put_built(x, ws, row, status_col(b), &sb, x->f.head);
        cv_strbuf_reset(&sb);
        bid_header(&sb, v, b);
        cv_strbuf_puts(&sb, CV_L(L, "\n満点", "\nmax"));
        put_built(x, ws, row, points_col(v, b), &sb, x->f.head);
    }
    for (k = 0; k < v->ngroups; k++) {
        const struct cv_view_group *g = &v->groups[k];
        row++;
        put_text(x, ws, row, CMP_COL_ID, g->cat->id, false, x->f.line);
        put_text(x, ws, row, CMP_COL_TITLE, category_title(g, L), false,
                 x->f.text);
        for (b = 0; b < v->nbids; b++) {
            put_number(x, ws, row, status_col(b), g->points[b]);
            put_number(x, ws, row, points_col(v, b), g->max_points[b]);
        }
    }
    row++;
    put_label(x, ws, row, CMP_COL_TITLE, CV_L(L, "合計", "Total"), x->f.label);
    for (b = 0; b < v->nbids; b++) {
        put_number(x, ws, row, status_col(b), cv_view_bid(v, b)->score);
        put_number(x, ws, row, points_col(v, b), cv_view_bid(v, b)->max_score);
    }
    cv_strbuf_release(&sb);
    return row;
}

/* Under the subtotals: the footnote of the conditional mark, then every
 * parameter of the profile with its value, what it rests on and its
 * source, so the sheet shows the thresholds it was judged by. */
static void comparison_parameters(struct xl *x, lxw_worksheet *ws,
                                  lxw_row_t row)
{
    const struct cv_profile *p = &x->view.crit->profile;
    cv_lang L = x->lang;
    struct cv_strbuf sb;
    size_t b, i;
    bool any = false;

    for (b = 0; b < x->view.nbids; b++)
        any = any || cv_view_conditional(&x->view, b);
    if (any) {
        put_label(x, ws, row, CMP_COL_ID, cv_view_conditional_note(L),
                  x->f.line);
        row += 2;
    }
    put_label(x, ws, row, CMP_COL_ID, CV_L(L, "パラメータ", "Parameter"),
              x->f.head);
    put_label(x, ws, row, CMP_COL_TITLE, CV_L(L, "値", "Value"), x->f.head);
    put_label(x, ws, row, CMP_COL_CATEGORY, CV_L(L, "根拠の種類", "Basis"),
              x->f.head);
    put_label(x, ws, row, CMP_COL_MANDATORY, CV_L(L, "出典", "Source"),
              x->f.head);
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        row++;
        put_text(x, ws, row, CMP_COL_ID, prm->name, false, x->f.line);
        cv_strbuf_reset(&sb);
        cv_view_param_value(&sb, prm);
        put_built(x, ws, row, CMP_COL_TITLE, &sb, x->f.text);
        put_label(x, ws, row, CMP_COL_CATEGORY,
                  cv_view_basis_word(prm->basis, L), x->f.text);
        cv_strbuf_reset(&sb);
        cv_view_text(&sb, prm->source, false);
        if (prm->note) {
            cv_strbuf_puts(&sb, CV_L(L, " (注: ", " (note: "));
            cv_view_text(&sb, prm->note, false);
            cv_strbuf_putc(&sb, ')');
        }
        put_built(x, ws, row, CMP_COL_MANDATORY, &sb, x->f.line);
    }
    cv_strbuf_release(&sb);
}

static void comparison_layout(struct xl *x, lxw_worksheet *ws,
                              lxw_row_t last_row)
{
    const struct cv_view *v = &x->view;
    lxw_col_t last_col = (lxw_col_t)(CMP_COL_BIDS + 2 * v->nbids - 1);
    if (v->nbids == 0)
        last_col = CMP_COL_WEIGHT;
    put_width(x, ws, CMP_COL_ID, CMP_COL_ID, 22, NULL);
    put_width(x, ws, CMP_COL_TITLE, CMP_COL_TITLE, 36, NULL);
    put_width(x, ws, CMP_COL_CATEGORY, CMP_COL_CATEGORY, 16, NULL);
    put_width(x, ws, CMP_COL_MANDATORY, CMP_COL_WEIGHT, 7, NULL);
    if (v->nbids > 0) {
        put_width(x, ws, status_col(0), status_col(v->nbids - 1), 20, NULL);
        put_width(x, ws, points_col(v, 0), points_col(v, v->nbids - 1), 12,
                  NULL);
    }
    worksheet_freeze_panes(ws, CMP_ROW_HEAD + 1, CMP_FROZEN_COLS);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, CMP_ROW_HEAD, CMP_COL_ID,
                                         last_row, last_col));
    set_print_layout(x, ws, CMP_ROW_HEAD);
}

static void write_comparison(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    lxw_row_t row = CMP_ROW_HEAD;
    size_t k, i;

    /* Two columns per bid; lxw_col_t would wrap silently past Excel's. */
    if (v->nbids > (LXW_COL_MAX - CMP_COL_BIDS) / 2) {
        xl_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return;
    }
    comparison_summary(x, ws);
    comparison_table_header(x, ws);
    for (k = 0; k < v->ngroups; k++)
        for (i = 0; i < v->groups[k].nrows; i++)
            comparison_row(x, ws, ++row, &v->groups[k], v->groups[k].rows[i]);
    comparison_layout(x, ws, row);
    row = comparison_subtotals(x, ws, row + 2);
    comparison_parameters(x, ws, row + 2);
}

/* ---- one sheet per bid ---- */

static bool forbidden_in_sheet_name(char c)
{
    return c != '\0' && strchr("[]:*?/\\", c) != NULL;
}

/*
 * "03 Vendor": the bid number makes the name unique whatever the vendor
 * wrote; the rest is cut to Excel's 31 characters between characters, and
 * the characters Excel forbids become "_" (so does a final apostrophe,
 * which Excel also refuses). Blanks at the end go too: they are
 * invisible on the tab and easy to mistype in a formula.
 */
static cv_status bid_sheet_name(struct cv_strbuf *out,
                                const struct cv_view *v, size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    struct cv_strbuf name;
    size_t i, keep;
    cv_status st;

    cv_strbuf_init(&name, 0);
    cv_strbuf_printf(&name, "%02zu ", bid + 1);
    if (s->vendor && *s->vendor)
        cv_view_text(&name, s->vendor, false);
    else
        cv_view_bid_name(&name, v, bid);
    keep = prefix_in_units(name.ptr, name.len, XL_SHEETNAME_MAX);
    for (i = 0; i < keep; i++)
        cv_strbuf_putc(out, forbidden_in_sheet_name(name.ptr[i])
                                ? '_' : name.ptr[i]);
    while (out->len > 0 && out->ptr[out->len - 1] == ' ')
        cv_strbuf_truncate(out, out->len - 1);
    if (out->len > 0 && out->ptr[out->len - 1] == '\'')
        out->ptr[out->len - 1] = '_';
    st = cv_strbuf_status(&name);
    if (st == CV_OK)
        st = cv_strbuf_status(out);
    cv_strbuf_release(&name);
    return st;
}

/* "label: value" pairs above the table, two pairs to a row so the frozen
 * part stays short. */
static void bid_facts(struct xl *x, lxw_worksheet *ws, size_t bid)
{
    const struct cv_view *v = &x->view;
    const cv_submission *s = cv_view_bid(v, bid);
    cv_lang L = x->lang;
    lxw_format *lab = x->f.label;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, 0, 0, CV_L(L, "ファイル", "File"), lab);
    put_text(x, ws, 0, 1, s->file, false, x->f.line);
    put_label(x, ws, 1, 0, "SHA-256", lab);
    put_text(x, ws, 1, 1, s->sha256, false, x->f.line);
    put_label(x, ws, 2, 0, CV_L(L, "事業者", "Vendor"), lab);
    put_text(x, ws, 2, 1, s->vendor, false, x->f.line);
    put_label(x, ws, 3, 0, CV_L(L, "サービス", "Service"), lab);
    put_text(x, ws, 3, 1, s->service, false, x->f.line);

    put_label(x, ws, 4, 0, CV_L(L, "判定", "Verdict"), lab);
    verdict_text(&sb, s, L);
    put_built(x, ws, 4, 1, &sb, verdict_format(x, s));
    put_label(x, ws, 4, 2, CV_L(L, "順位", "Rank"), lab);
    if (cv_view_rank(v, bid))
        put_number(x, ws, 4, 3, cv_view_rank(v, bid));
    put_label(x, ws, 5, 0, CV_L(L, "得点", "Score"), lab);
    put_number(x, ws, 5, 1, s->score);
    put_label(x, ws, 5, 2, CV_L(L, "満点", "Max score"), lab);
    put_number(x, ws, 5, 3, s->max_score);
    put_label(x, ws, 6, 0, CV_L(L, "要確認件数", "Needs review"), lab);
    put_number(x, ws, 6, 1, (double)s->needs_review);
    put_label(x, ws, 6, 2, CV_L(L, "必須不適合件数", "Failed mandatory"), lab);
    put_number(x, ws, 6, 3, (double)cv_view_failed_count(v, bid));
    if (s->conditional) {
        /* First thing under the facts: what must be confirmed. */
        cv_strbuf_reset(&sb);
        pending_text(&sb, v, bid);
        cv_strbuf_puts(&sb, CV_L(L, " (申告のみ: 確認するまで適格と確定しません)",
                                 " (claimed only: the bid qualifies once a "
                                 "person has confirmed them)"));
        put_label(x, ws, 7, 0, CV_L(L, "確認待ちの必須基準",
                                    "Mandatory, to confirm"), lab);
        put_built(x, ws, 7, 1, &sb, x->f.conditional);
    }
    cv_strbuf_release(&sb);
}

static void bid_table_header(struct xl *x, lxw_worksheet *ws)
{
    static const struct xl_head heads[BID_NCOLS] = {
        { "ID", "ID" },
        { "評価項目", "Criterion" },
        { "区分", "Category" },
        { "必須", "Mandatory" },
        { "判定", "Status" },
        { "得点", "Points" },
        { "配点", "Max points" },
        { "理由", "Reason" },
        { "回答", "Response" },
        { "事業者の説明", "Vendor's explanation" },
        { "根拠資料", "Evidence" },
        { "根拠条項", "Clauses" },
    };
    table_header(x, ws, BID_ROW_HEAD, heads, BID_NCOLS);
}

/* One evidence item per paragraph: title, URL, page and section, quote. */
static void evidence_text(struct cv_strbuf *out, const struct cv_result *r,
                          cv_lang lang)
{
    size_t i;
    for (i = 0; i < r->nevidence; i++) {
        const struct cv_evidence *e = &r->evidence[i];
        if (i > 0)
            cv_strbuf_puts(out, "\n\n");
        cv_view_text(out, e->title, false);
        if (e->url) {
            cv_strbuf_putc(out, '\n');
            cv_view_text(out, e->url, false);
        }
        if (e->page) {
            cv_strbuf_puts(out, CV_L(lang, "\nページ ", "\npage "));
            cv_view_text(out, e->page, false);
        }
        if (e->section) {
            cv_strbuf_puts(out, e->page ? " / " : "\n");
            cv_view_text(out, e->section, false);
        }
        if (e->quote) {
            cv_strbuf_puts(out, CV_L(lang, "\n「", "\n\""));
            cv_view_text(out, e->quote, true);
            cv_strbuf_puts(out, CV_L(lang, "」", "\""));
        }
    }
}

static void bid_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    const struct cv_view_group *g, const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    lxw_format *t = x->f.text;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_text(x, ws, row, BID_COL_ID, c->id, false, x->f.line);
    put_text(x, ws, row, BID_COL_TITLE, CV_TEXT(x->lang, c->title), false, t);
    put_text(x, ws, row, BID_COL_CATEGORY, category_title(g, x->lang), false,
             t);
    put_label(x, ws, row, BID_COL_MANDATORY,
              mandatory_word(r->entry->mandatory, x->lang), x->f.line);
    status_text(&sb, r->status, x->lang);
    put_built(x, ws, row, BID_COL_STATUS, &sb, status_format(x, r));
    put_number(x, ws, row, BID_COL_POINTS, r->points);
    put_number(x, ws, row, BID_COL_MAX, r->max_points);
    put_text(x, ws, row, BID_COL_REASON, r->reason, true, t);
    put_text(x, ws, row, BID_COL_RESPONSE, r->response, false, t);
    put_text(x, ws, row, BID_COL_EXPLANATION, r->explanation, true, t);
    cv_strbuf_reset(&sb);
    evidence_text(&sb, r, x->lang);
    put_built(x, ws, row, BID_COL_EVIDENCE, &sb, t);
    cv_strbuf_reset(&sb);
    cv_view_citations(&sb, c, "\n");
    put_built(x, ws, row, BID_COL_CITATIONS, &sb, t);
    cv_strbuf_release(&sb);
}

/* The bid's diagnostics below its table (an unreadable bid has only
 * these); the sheet of all diagnostics repeats them for filtering. */
static void bid_diagnostics(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                            const cv_submission *s)
{
    cv_lang L = x->lang;
    struct cv_strbuf sb;
    size_t i;

    if (s->diags.count == 0)
        return;
    cv_strbuf_init(&sb, 0);
    put_label(x, ws, row, 0, CV_L(L, "重大度", "Severity"), x->f.head);
    put_label(x, ws, row, 1, CV_L(L, "位置", "Location"), x->f.head);
    put_label(x, ws, row, 2, CV_L(L, "診断", "Diagnostic"), x->f.head);
    for (i = 0; i < s->diags.count; i++) {
        const cv_diag *d = &s->diags.items[i];
        row++;
        put_label(x, ws, row, 0, cv_view_severity_word(d->severity, L),
                  x->f.line);
        cv_strbuf_reset(&sb);
        cv_view_location(&sb, d);
        put_built(x, ws, row, 1, &sb, x->f.text);
        /* Not wrapped: the message runs on over the empty cells. */
        put_text(x, ws, row, 2, d->message, false, x->f.line);
    }
    cv_strbuf_release(&sb);
}

static void bid_layout(struct xl *x, lxw_worksheet *ws, lxw_row_t last_row)
{
    put_width(x, ws, BID_COL_ID, BID_COL_ID, 22, NULL);
    put_width(x, ws, BID_COL_TITLE, BID_COL_TITLE, 30, NULL);
    put_width(x, ws, BID_COL_CATEGORY, BID_COL_CATEGORY, 16, NULL);
    put_width(x, ws, BID_COL_MANDATORY, BID_COL_MANDATORY, 8, NULL);
    put_width(x, ws, BID_COL_STATUS, BID_COL_STATUS, 18, NULL);
    put_width(x, ws, BID_COL_POINTS, BID_COL_MAX, 8, NULL);
    put_width(x, ws, BID_COL_REASON, BID_COL_REASON, 60, NULL);
    put_width(x, ws, BID_COL_RESPONSE, BID_COL_RESPONSE, 10, NULL);
    put_width(x, ws, BID_COL_EXPLANATION, BID_COL_EXPLANATION, 40, NULL);
    put_width(x, ws, BID_COL_EVIDENCE, BID_COL_EVIDENCE, 50, NULL);
    put_width(x, ws, BID_COL_CITATIONS, BID_COL_CITATIONS, 30, NULL);
    worksheet_freeze_panes(ws, BID_ROW_HEAD + 1, 2);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, BID_ROW_HEAD, 0, last_row,
                                         BID_NCOLS - 1));
    set_print_layout(x, ws, BID_ROW_HEAD);
}

static void write_bid(struct xl *x, lxw_worksheet *ws, size_t bid)
{
    const struct cv_view *v = &x->view;
    lxw_row_t row = BID_ROW_HEAD;
    size_t k, i;

    bid_facts(x, ws, bid);
    bid_table_header(x, ws);
    for (k = 0; k < v->ngroups; k++) {
        for (i = 0; i < v->groups[k].nrows; i++) {
            const struct cv_result *r =
                cv_view_result(v, bid, v->groups[k].rows[i]);
            if (r)
                bid_row(x, ws, ++row, &v->groups[k], r);
        }
    }
    bid_layout(x, ws, row);
    bid_diagnostics(x, ws, row + 2, cv_view_bid(v, bid));
}

/* ---- registry and links sheets ---- */

static lxw_format *tone_format(const struct xl *x, enum cv_view_tone t)
{
    switch (t) {
    case CV_TONE_GOOD: return x->f.status[CV_STATUS_MET][0];
    case CV_TONE_CHECK: return x->f.status[CV_STATUS_PARTIAL][0];
    case CV_TONE_BAD: return x->f.status[CV_STATUS_NOT_MET][0];
    case CV_TONE_NONE: break;
    }
    return x->f.status[CV_STATUS_UNANSWERED][0];
}

/* "Outcome" cells: symbol and word, the tone's colour behind. */
static void put_outcome(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *symbol, const char *word,
                        enum cv_view_tone tone)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s %s", symbol, word);
    put_built(x, ws, row, col, &sb, tone_format(x, tone));
    cv_strbuf_release(&sb);
}

/* The bid's number and name, first on every row of the check sheets. */
static void put_bid(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    size_t bid)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    put_number(x, ws, row, 0, (double)(bid + 1));
    cv_view_bid_name(&sb, &x->view, bid);
    put_built(x, ws, row, 1, &sb, x->f.text);
    cv_strbuf_release(&sb);
}

/* Whether and against which list the claims were checked. */
static void registry_note(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, REG_ROW_NOTE, 0, CV_L(L, "ISMAP 登録簿", "ISMAP registry"),
              x->f.label);
    put_outcome(x, ws, REG_ROW_NOTE, 1, cv_view_registry_symbol(v),
                cv_view_registry_word(v), cv_view_registry_tone(v));
    cv_view_registry_text(&sb, v);
    put_built(x, ws, REG_ROW_NOTE, 2, &sb,
              cv_view_registry_tone(v) == CV_TONE_GOOD ? x->f.line
                                                       : x->f.warn);
    if (v->registry.checked) {
        cv_strbuf_reset(&sb);
        cv_view_registry_snapshot(&sb, v);
        put_label(x, ws, REG_ROW_SNAPSHOT, 0,
                  CV_L(L, "スナップショット", "Snapshot"), x->f.label);
        put_built(x, ws, REG_ROW_SNAPSHOT, 2, &sb, x->f.line);
    }
    cv_strbuf_release(&sb);
}

static void registry_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         size_t bid, const struct cv_regcheck *rc)
{
    const struct cv_registry_row *r = rc->row;
    lxw_format *t = x->f.text;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_bid(x, ws, row, bid);
    put_text(x, ws, row, REG_COL_SCHEME, rc->scheme, false, t);
    put_text(x, ws, row, REG_COL_NUMBER, rc->number, false, t);
    cv_view_reg_location(&sb, rc);
    put_built(x, ws, row, REG_COL_LOCATION, &sb, t);
    put_outcome(x, ws, row, REG_COL_OUTCOME, cv_view_reg_symbol(rc->outcome),
                cv_view_reg_word(rc->outcome, x->lang),
                cv_view_reg_tone(rc->outcome));
    if (r) {
        put_number(x, ws, row, REG_COL_ROW, r->row);
        put_text(x, ws, row, REG_COL_ROW_NUMBER, r->number, false, t);
        put_text(x, ws, row, REG_COL_ROW_SERVICE, r->service, false, t);
        put_text(x, ws, row, REG_COL_ROW_PROVIDER, r->provider, false, t);
        put_text(x, ws, row, REG_COL_ROW_SCHEME, r->scheme, false, t);
        put_text(x, ws, row, REG_COL_ROW_REGISTERED, r->registered, false, t);
        put_text(x, ws, row, REG_COL_ROW_EXPIRES, r->expires, false, t);
    } else {
        put_label(x, ws, row, REG_COL_ROW, "—", x->f.none);
    }
    put_text(x, ws, row, REG_COL_MESSAGE, rc->message, true, t);
    cv_strbuf_release(&sb);
}

static void write_registry(struct xl *x, lxw_worksheet *ws)
{
    static const struct xl_head heads[REG_NCOLS] = {
        { "入札", "Bid" },
        { "入札者", "Bidder" },
        { "申告の制度", "Claimed scheme" },
        { "申告の登録番号", "Claimed number" },
        { "位置", "Location" },
        { "照合結果", "Outcome" },
        { "リストの行", "List row" },
        { "登録番号", "Number" },
        { "サービス名称", "Service" },
        { "事業者名", "Provider" },
        { "制度", "Scheme" },
        { "登録日", "Registered" },
        { "有効期限", "Expires" },
        { "説明", "Finding" },
    };
    const struct cv_view *v = &x->view;
    lxw_row_t row = REG_ROW_HEAD;
    size_t b, i;

    registry_note(x, ws);
    table_header(x, ws, REG_ROW_HEAD, heads, REG_NCOLS);
    for (b = 0; b < v->nbids && !xl_failed(x); b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->nregchecks; i++)
            registry_row(x, ws, ++row, b, &s->regchecks[i]);
    }
    put_width(x, ws, REG_COL_BID, REG_COL_BID, 6, NULL);
    put_width(x, ws, REG_COL_NAME, REG_COL_NAME, 30, NULL);
    put_width(x, ws, REG_COL_SCHEME, REG_COL_NUMBER, 14, NULL);
    put_width(x, ws, REG_COL_LOCATION, REG_COL_LOCATION, 20, NULL);
    put_width(x, ws, REG_COL_OUTCOME, REG_COL_OUTCOME, 18, NULL);
    put_width(x, ws, REG_COL_ROW, REG_COL_ROW, 8, NULL);
    put_width(x, ws, REG_COL_ROW_NUMBER, REG_COL_ROW_NUMBER, 14, NULL);
    put_width(x, ws, REG_COL_ROW_SERVICE, REG_COL_ROW_PROVIDER, 28, NULL);
    put_width(x, ws, REG_COL_ROW_SCHEME, REG_COL_ROW_EXPIRES, 12, NULL);
    put_width(x, ws, REG_COL_MESSAGE, REG_COL_MESSAGE, 70, NULL);
    worksheet_freeze_panes(ws, REG_ROW_HEAD + 1, 2);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, REG_ROW_HEAD, 0, row,
                                         REG_NCOLS - 1));
    set_print_layout(x, ws, REG_ROW_HEAD);
}

static void link_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                     size_t bid, const struct cv_link *l)
{
    const struct cv_link_check *c = &l->check;
    lxw_format *t = x->f.text;

    put_bid(x, ws, row, bid);
    put_text(x, ws, row, LNK_COL_LOCATION, l->pointer, false, t);
    put_text(x, ws, row, LNK_COL_URL, c->url, false, t);
    put_outcome(x, ws, row, LNK_COL_OUTCOME, cv_view_link_symbol(l),
                cv_view_link_word(l, x->lang), cv_view_link_tone(l));
    if (l->checked) {
        if (c->http_status)
            put_number(x, ws, row, LNK_COL_HTTP, (double)c->http_status);
        put_text(x, ws, row, LNK_COL_TYPE, c->content_type, false, t);
        put_text(x, ws, row, LNK_COL_FINAL, c->final_url, false, t);
        put_text(x, ws, row, LNK_COL_METHOD, c->method, false, t);
        put_number(x, ws, row, LNK_COL_REDIRECTS, c->redirects);
        put_number(x, ws, row, LNK_COL_MS, round(c->elapsed_ms));
        put_text(x, ws, row, LNK_COL_AT, c->checked_at, false, t);
    }
    put_text(x, ws, row, LNK_COL_MESSAGE, l->message, true, t);
}

static void write_links(struct xl *x, lxw_worksheet *ws)
{
    static const struct xl_head heads[LNK_NCOLS] = {
        { "入札", "Bid" },
        { "入札者", "Bidder" },
        { "位置", "Location" },
        { "URL", "URL" },
        { "結果", "Outcome" },
        { "HTTP", "HTTP" },
        { "種類", "Content type" },
        { "最終 URL", "Final URL" },
        { "方式", "Method" },
        { "リダイレクト", "Redirects" },
        { "所要 (ms)", "Time (ms)" },
        { "確認日時 (UTC)", "Checked at (UTC)" },
        { "説明", "Finding" },
    };
    const struct cv_view *v = &x->view;
    lxw_row_t row = 0;
    size_t b, i;

    table_header(x, ws, 0, heads, LNK_NCOLS);
    for (b = 0; b < v->nbids && !xl_failed(x); b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; s->online && i < s->nlinks; i++)
            link_row(x, ws, ++row, b, &s->links[i]);
    }
    put_width(x, ws, LNK_COL_BID, LNK_COL_BID, 6, NULL);
    put_width(x, ws, LNK_COL_NAME, LNK_COL_NAME, 30, NULL);
    put_width(x, ws, LNK_COL_LOCATION, LNK_COL_LOCATION, 24, NULL);
    put_width(x, ws, LNK_COL_URL, LNK_COL_URL, 50, NULL);
    put_width(x, ws, LNK_COL_OUTCOME, LNK_COL_OUTCOME, 18, NULL);
    put_width(x, ws, LNK_COL_HTTP, LNK_COL_HTTP, 7, NULL);
    put_width(x, ws, LNK_COL_TYPE, LNK_COL_TYPE, 18, NULL);
    put_width(x, ws, LNK_COL_FINAL, LNK_COL_FINAL, 50, NULL);
    put_width(x, ws, LNK_COL_METHOD, LNK_COL_MS, 9, NULL);
    put_width(x, ws, LNK_COL_AT, LNK_COL_AT, 20, NULL);
    put_width(x, ws, LNK_COL_MESSAGE, LNK_COL_MESSAGE, 60, NULL);
    worksheet_freeze_panes(ws, 1, 2);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, 0, 0, row, LNK_NCOLS - 1));
    set_print_layout(x, ws, 0);
}

/* ---- diagnostics sheet ---- */

static void write_diagnostics(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    lxw_format *h = x->f.head;
    struct cv_strbuf sb;
    lxw_row_t row = 0;
    size_t b, i;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, 0, 0, CV_L(L, "入札", "Bid"), h);
    put_label(x, ws, 0, 1, CV_L(L, "ファイル", "File"), h);
    put_label(x, ws, 0, 2, CV_L(L, "重大度", "Severity"), h);
    put_label(x, ws, 0, 3, CV_L(L, "位置", "Location"), h);
    put_label(x, ws, 0, 4, CV_L(L, "内容", "Message"), h);
    for (b = 0; b < v->nbids && !xl_failed(x); b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->diags.count; i++) {
            const cv_diag *d = &s->diags.items[i];
            row++;
            put_number(x, ws, row, 0, (double)(b + 1));
            put_text(x, ws, row, 1, s->file, false, x->f.text);
            put_label(x, ws, row, 2, cv_view_severity_word(d->severity, L),
                      x->f.line);
            cv_strbuf_reset(&sb);
            cv_view_location(&sb, d);
            put_built(x, ws, row, 3, &sb, x->f.text);
            put_text(x, ws, row, 4, d->message, true, x->f.text);
        }
    }
    put_width(x, ws, 0, 0, 6, NULL);
    put_width(x, ws, 1, 1, 30, NULL);
    put_width(x, ws, 2, 2, 10, NULL);
    put_width(x, ws, 3, 3, 30, NULL);
    put_width(x, ws, 4, 4, 80, NULL);
    worksheet_freeze_panes(ws, 1, 0);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, 0, 0, row, 4));
    cv_strbuf_release(&sb);
}

/* ---- workbook ---- */

static lxw_worksheet *add_sheet(struct xl *x, const char *name)
{
    lxw_worksheet *ws;
    if (xl_failed(x))
        return NULL;
    /* Validate first: workbook_add_worksheet would print the reason. */
    xl_check(x, workbook_validate_sheet_name(x->wb, name));
    if (xl_failed(x))
        return NULL;
    ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

static void write_sheets(struct xl *x)
{
    const struct cv_view *v = &x->view;
    struct cv_strbuf name;
    lxw_worksheet *ws;
    size_t b;

    ws = add_sheet(x, CV_L(x->lang, "比較", "Comparison"));
    if (ws)
        write_comparison(x, ws);
    cv_strbuf_init(&name, 0);
    for (b = 0; b < v->nbids && !xl_failed(x); b++) {
        cv_strbuf_reset(&name);
        cv_status st = bid_sheet_name(&name, v, b);
        if (st != CV_OK) {
            xl_fail(x, st);
            break;
        }
        ws = add_sheet(x, name.ptr);
        if (ws)
            write_bid(x, ws, b);
    }
    cv_strbuf_release(&name);
    ws = add_sheet(x, CV_L(x->lang, "登録簿照合", "Registry"));
    if (ws)
        write_registry(x, ws);
    if (v->online) {
        ws = add_sheet(x, CV_L(x->lang, "リンク", "Links"));
        if (ws)
            write_links(x, ws);
    }
    ws = add_sheet(x, CV_L(x->lang, "診断", "Diagnostics"));
    if (ws)
        write_diagnostics(x, ws);
}

/*
 * Fixed document properties: the evaluation date at 00:00 UTC stands for
 * "created" and "modified", which libxlsxwriter otherwise takes from the
 * clock. cv_day counts days from 1970-01-01, so the time_t is a product;
 * 0 would mean "now" to libxlsxwriter, hence one second into 1970-01-01.
 */
static void set_properties(struct xl *x, struct cv_strbuf *title)
{
    const struct cv_view *v = &x->view;
    /* libxlsxwriter takes char * (and copies): writable copies. */
    char author[] = "cloudvet", comments[] = "cloudvet-report/1";
    lxw_doc_properties props;
    time_t created = (time_t)x->view.report->ctx->as_of * 86400;

    /* The profile is a file anyone can write: cleaned like a bid's text,
     * so docProps/core.xml holds no character XML forbids. */
    cv_view_text(title, CV_TEXT(x->lang, v->crit->profile.title), false);
    cv_strbuf_printf(title, " (%s)", v->as_of);
    if (cv_strbuf_status(title) != CV_OK) {
        xl_fail(x, cv_strbuf_status(title));
        return;
    }
    memset(&props, 0, sizeof(props));
    props.title = title->ptr;
    props.author = author;
    props.comments = comments;
    props.created = created != 0 ? created : 1;
    xl_check(x, workbook_set_properties(x->wb, &props));
}

static cv_status xl_status(const struct xl *x)
{
    if (x->st != CV_OK)
        return x->st;
    if (x->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return CV_ENOMEM;
    return x->err == LXW_NO_ERROR ? CV_OK : CV_EIO;
}

static cv_status report_failure(const cv_report *report, const char *path,
                                cv_status st, const char *why)
{
    struct cv_loc loc = { path, "", 0, 0 };
    return cv_diags_fail(&report->ctx->diags, st, &loc,
                         CV_L(report->ctx->opts.lang, "書き込めません: %s",
                              "cannot write: %s"),
                         why);
}

/*
 * libxlsxwriter opens the file only when the workbook is closed, and then prints the
 * failure on stderr. Creating the file first keeps the library silent in
 * the usual case (no such directory, no permission) and gives the same
 * message as the other formats.
 */
static bool can_create(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    return fclose(f) == 0;
}

/*
 * Builds the workbook and writes it to `path`; failures stay in `x`.
 * libxlsxwriter's own temporary files are left to tmpfile(): unnamed
 * files in the system's temporary directory, which vanish with the
 * process even when it is killed, where named files in the output
 * directory would stay behind.
 */
static void write_workbook(struct xl *x, const char *path)
{
    struct cv_strbuf title;

    cv_strbuf_init(&title, 0);
    x->wb = workbook_new(path);
    if (!x->wb)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    if (!xl_failed(x)) {
        make_formats(x);
        set_properties(x, &title);
        write_sheets(x);
    }
    /* Closing writes the file and frees the workbook; a workbook that
     * failed half-way is only freed. */
    if (x->wb && !xl_failed(x))
        xl_check(x, workbook_close(x->wb));
    else if (x->wb)
        lxw_workbook_free(x->wb);
    x->wb = NULL;
    cv_strbuf_release(&title);
}

cv_status cv_report_xlsx(const cv_report *report, const char *path)
{
    struct xl x;
    cv_status st;

    if (!report || !path)
        return CV_EUSAGE;
    if (!can_create(path))
        return report_failure(report, path, CV_EIO, strerror(errno));
    memset(&x, 0, sizeof(x));
    x.lang = report->ctx->opts.lang;
    cv_strbuf_init(&x.cell, 0);
    x.st = cv_view_build(&x.view, report);
    if (x.st == CV_OK)
        write_workbook(&x, path);
    st = xl_status(&x);
    if (st != CV_OK) {
        /* What is at `path` is empty or half a zip: not a report. */
        remove(path);
        st = report_failure(report, path, st,
                            x.err != LXW_NO_ERROR ? lxw_strerror(x.err)
                                                  : cv_status_str(st));
    }
    cv_strbuf_release(&x.cell);
    cv_view_release(&x.view);
    return st;
}
