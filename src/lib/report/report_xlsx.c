/* SPDX-License-Identifier: MIT */
/*
 * report_xlsx.c: report.xlsx, the workbook the committee works in.
 *
 * Any number of bids fits: no sheet goes past Excel's grid (1,048,576
 * rows, 16,384 columns), and no sheet's size depends on the batch in a way
 * that could. The sheets, in order:
 *
 *  - "一覧" / "Summary": one row per bid in ranking order (qualified bids
 *    by rank, then those qualified on condition, then disqualified ones
 *    by score, then unreadable files: cv_view_ranked), under a frozen
 *    header with filters (so Excel sorts and filters it): rank, number,
 *    vendor, service, verdict, conditional, score, maximum, items to
 *    check, failed mandatory criteria (count, and their titles), the
 *    mandatory criteria to confirm (titles), the tender the bid names,
 *    file, SHA-256, then the count of each status (left out of the print
 *    area). Above the header: the tender, the evaluation date and
 *    profile, a warning when the bids name different tenders, how ties
 *    are ranked, whether the ISMAP list was consulted and links checked,
 *    the footnote of ※. The method hash ends the profile's row. With an
 *    award (a tender file) the rows are in award order, the warning row
 *    carries the margin and sensitivity (the fragile flag), the ties row
 *    the tender's method and chain, and five award columns follow the
 *    status counts (price "#,##0", points in the tender's decimals);
 *  - with an award, "総合評価" / "Award": the tender's method, then every
 *    bid's figures before and after rounding and its arithmetic;
 *  - with review decisions, "審査委員会の判断" / "Committee decisions":
 *    the audit table of every decision, applied or stale;
 *  - "評価条件" / "Evaluation basis": the tender, the profile, how ties
 *    and partial or claimed results score, and every parameter of the
 *    profile with its value, basis, the criteria applying it and source.
 *  - "比較" / "Comparison": bids as columns, two each side by side (the
 *    status in words with a symbol, then the points), the bid's name
 *    merged over both. Frozen at the top: the bid names and a summary
 *    (verdict, score and maximum, rank, items to check, failed mandatory
 *    criteria), and beside it the tender, whether the ISMAP list was
 *    consulted and links checked. Below, with filters: one row per
 *    criterion in the order of data/categories.json (the colour repeats
 *    the status, never replaces it; a failed mandatory criterion is also
 *    bold). Last, the points per category for each bid. Printed on A4
 *    landscape in pages of CMP_PRINT_BIDS bids, the criterion columns and
 *    the summary rows repeated on each. Past CMP_BIDS_PER_SHEET bids the
 *    comparison continues on "比較 2", "比較 3" ... ("比較 1" first),
 *    each with the criterion columns and the summary repeated.
 *  - the detail of each bid: up to XL_BID_SHEETS_MAX bids, one sheet per
 *    bid ("01 Vendor"): the file, its SHA-256, the facts of the summary,
 *    then every criterion with status, points, the reason (and, in a
 *    smaller column beside it, where the facts are in the vendor's file),
 *    the vendor's answer in words, explanation and evidence, and the
 *    cited clauses; then the
 *    bid's diagnostics. Above that many bids (a tab per bid no longer
 *    helps anyone, and every sheet costs a temporary file), "詳細" /
 *    "Detail" instead: one row per bid x criterion with the same columns
 *    after the bid's number and name, filtered.
 *  - "登録簿照合" / "Registry": the ISMAP list used (or that none was),
 *    then one row per bid x ISMAP / ISMAP-LIU certification: the claim,
 *    the outcome, and the columns of the list's row it was compared to.
 *  - "利用者側の責任" / "Customer duties", only when some bid has a
 *    residual obligation (an item the provider leaves to the customer):
 *    one row per bid x such criterion, with its clauses, who carries it,
 *    "この項目は利用者側の責任です" and the provider's words.
 *  - "リンク" / "Links", only with --online: one row per bid x URL and
 *    what requesting it gave. Its times are the clock's: a workbook with
 *    link checks is not byte-identical from run to run.
 *  - "診断" / "Diagnostics": every diagnostic of every bid.
 *
 * The tables of one row per item (summary, detail, registry, links,
 * diagnostics) continue on a sheet "<name> 2", "<name> 3" ... when they
 * would pass the last row, each part with its header (struct xl_table).
 *
 * Bids that could not be read appear everywhere with their verdict; their
 * criterion cells say that nothing was evaluated.
 *
 * Memory: the workbook is written in libxlsxwriter's constant_memory
 * mode, which keeps one row per sheet and streams the rest to a temporary
 * file, so a batch of any size is written in bounded memory. Its rule is
 * that a sheet's rows are written in order, top to bottom: every writer
 * here does (a row written out of order is refused, and that fails the
 * workbook, never drops a cell). Strings are then stored in the cells
 * (inlineStr), not in a shared table.
 *
 * Size: vendor text (and an imported registry list's) is quoted through
 * cv_view_quote (put_quote), each field cut at CV_VIEW_QUOTE_MAX_CHARS,
 * the bid's name at CV_VIEW_NAME_MAX_CHARS wherever a row, header or
 * table repeats it, reasons and messages at CV_VIEW_REASON_MAX_CHARS, at
 * most CV_VIEW_LIST_MAX_ITEMS evidence per cell; what is cut says that
 * report.json has it whole. Without it one long name was written on every
 * sheet, row and header, and the workbook grew many times its input.
 *
 * Byte-identical output: the document dates are the evaluation date at
 * 00:00 UTC (libxlsxwriter would otherwise take the clock), and the zip
 * entries carry libxlsxwriter's fixed 1980-01-01 timestamp.
 *
 * Every cell is a string or a number, never a formula, and a URL is never
 * a hyperlink: "=HYPERLINK(...)" in a vendor's text or a registry row
 * stays text. Points and scores are stored as computed and shown through
 * a number format ("0.0#"), so a sum like 82.40000000000001 reads 82.4
 * and still sorts and adds up exactly.
 *
 * Printing: every sheet is A4 landscape with its header rows repeated.
 * The row tables are fitted to the page width (one page, two for the
 * wide result tables, their first columns repeated); the comparison is
 * not, since Excel ignores manual page breaks under "fit to": it is
 * scaled so that CMP_PRINT_BIDS bids and the criterion columns fill one
 * page, with a break after every CMP_PRINT_BIDS bids.
 *
 * libxlsxwriter prints a warning to stderr for an invalid sheet name or a
 * string over Excel's limit before refusing it; the library must never
 * print, so names are made valid and strings cut here, before they reach
 * it. This is the only file that includes xlsxwriter.h.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "../base/strbuf.h"
#include "view.h"
#include "xlsx_decisions.h"

/* Excel's limits, in UTF-16 code units (what Excel counts). */
#define XL_CELL_MAX 32767u
#define XL_SHEETNAME_MAX 31u

/* Excel's grid: rows and columns of a sheet. */
#define XL_ROWS ((size_t)LXW_ROW_MAX)
#define XL_COLS ((size_t)LXW_COL_MAX)

/* Up to this many bids, each has its own sheet; above, the detail is one
 * filtered table of bid x criterion rows. */
#define XL_BID_SHEETS_MAX 100u

#define NSTATUS (CV_STATUS_NOT_APPLICABLE + 1)
#define NVERDICT (CV_VERDICT_INVALID + 1)

/* Layout of the comparison sheet (0-based rows and columns). */
enum {
    CMP_ROW_BIDS = 0,    /* bid names above the summary */
    CMP_ROW_VERDICT = 1, /* then one row per summary fact */
    CMP_ROW_SCORE,       /* score under status, maximum under points */
    CMP_ROW_RANK,
    CMP_ROW_REVIEW,
    CMP_ROW_FAILED,
    CMP_ROW_HEAD,        /* header of the filtered criterion table */
    CMP_COL_ID = 0,
    CMP_COL_TITLE,
    CMP_COL_CATEGORY,
    CMP_COL_MANDATORY,
    CMP_COL_WEIGHT,
    CMP_COL_BIDS,        /* per bid: its status, then its points */
    CMP_FROZEN_COLS = 2  /* id and title stay visible */
};

/* Bids on one comparison sheet: two columns each after the criterion's. */
#define CMP_BIDS_PER_SHEET ((XL_COLS - CMP_COL_BIDS) / 2)

/* Bids on one printed page of the comparison (the HTML's pages hold 8 in
 * a wider table), and the widths that decide the scale. */
#define CMP_PRINT_BIDS 5u
#define CMP_WIDTH_ID 14.0
#define CMP_WIDTH_TITLE 24.0
#define CMP_WIDTH_CATEGORY 10.0
#define CMP_WIDTH_SMALL 5.0  /* mandatory, weight */
#define CMP_WIDTH_STATUS 12.0
#define CMP_WIDTH_POINTS 6.0
/* Row height (points) of the bid names over their two columns: merged
 * cells do not grow with their text, so four lines are kept. */
#define CMP_NAME_ROW_HEIGHT 60.0

/* The printable width of an A4 landscape page inside XL_MARGIN_SIDE
 * margins, in the pixels (96 per inch) Excel's column widths convert to. */
#define XL_MARGIN_SIDE 0.4
#define XL_MARGIN_TOPBOTTOM 0.6
#define XL_A4_LANDSCAPE_INCHES (297.0 / 25.4)
#define XL_PAGE_PIXELS ((XL_A4_LANDSCAPE_INCHES - 2 * XL_MARGIN_SIDE) * 96.0)

/* Layout of the summary sheet. */
enum {
    SUM_ROW_TENDER = 0, /* the tender: id and title */
    SUM_ROW_PROFILE,    /* evaluation date and profile */
    SUM_ROW_WARN,       /* bids of different tenders, or empty */
    SUM_ROW_TIE,        /* how equal scores are ranked */
    SUM_ROW_REGISTRY,   /* was the ISMAP list consulted */
    SUM_ROW_LINKS,      /* were links checked */
    SUM_ROW_NOTE,       /* the footnote of ※, when a bid is conditional */
    SUM_ROW_HEAD,       /* the filtered table from here */
    SUM_COL_RANK = 0,
    SUM_COL_BID,
    SUM_COL_VENDOR,
    SUM_COL_SERVICE,
    SUM_COL_VERDICT,
    SUM_COL_CONDITIONAL,
    SUM_COL_SCORE,
    SUM_COL_MAX,
    SUM_COL_REVIEW,
    SUM_COL_FAILED,
    SUM_COL_FAILED_TITLES,
    SUM_COL_PENDING,
    SUM_COL_TENDER,
    SUM_COL_FILE,
    SUM_COL_SHA256,     /* the last column printed */
    SUM_COL_STATUS,     /* one column per status, in cv_result_status order */
    SUM_NCOLS = SUM_COL_STATUS + NSTATUS,
    SUM_FROZEN_COLS = SUM_COL_VENDOR + 1
};

/* Layout of the evaluation basis sheet. */
enum {
    BAS_ROW_TITLE = 0,
    BAS_ROW_FACTS = 2,    /* label: value rows from here */
    BAS_COL_NAME = 0,     /* the parameter table's columns */
    BAS_COL_VALUE,
    BAS_COL_BASIS,
    BAS_COL_USERS,
    BAS_COL_SOURCE,
    BAS_COL_NOTE,
    BAS_NCOLS
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

/* Layout of the residual obligations sheet (only when some bid has one). */
enum {
    RES_ROW_INTRO = 0,    /* what the list is, and that it changes nothing */
    RES_ROW_HEAD = 2,     /* the filtered table from here */
    RES_COL_BID = 0,
    RES_COL_NAME,
    RES_COL_ID,
    RES_COL_TITLE,
    RES_COL_CITATIONS,
    RES_COL_RESPONSIBILITY,
    RES_COL_NOTE,
    RES_COL_DUTY,         /* what the provider says the customer must do */
    RES_NCOLS
};

/* Layout of the diagnostics sheet. */
enum {
    DIA_COL_BID = 0,
    DIA_COL_FILE,
    DIA_COL_SEVERITY,
    DIA_COL_LOCATION,
    DIA_COL_MESSAGE,
    DIA_NCOLS
};

struct xl_head {
    const char *ja, *en;
};

/* Layout of a bid's sheet; the detail table has the same columns after
 * DET_COL_RESULT (the bid's number and name). */
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
    BID_COL_DETAIL,   /* where the facts are: JSON Pointer, XPath, cell */
    BID_COL_RESPONSE,
    BID_COL_EXPLANATION,
    BID_COL_EVIDENCE,
    BID_COL_CITATIONS,
    BID_NCOLS,
    DET_COL_BID = 0,
    DET_COL_NAME,
    DET_COL_RESULT,   /* BID_COL_ID of the bid's sheet */
    DET_NCOLS = DET_COL_RESULT + BID_NCOLS
};

struct xl_formats {
    lxw_format *head;    /* column headers */
    lxw_format *label;   /* row labels of the summaries */
    lxw_format *text;    /* wrapped text, top-aligned */
    lxw_format *line;    /* one line that may run over empty neighbours */
    lxw_format *number;  /* as the value is (bid numbers, weights) */
    lxw_format *points;  /* points and scores: "0.0#" */
    lxw_format *count;   /* ranks and counts: "0" */
    lxw_format *detail;  /* the technical line under a reason: small, grey */
    lxw_format *none;    /* "not evaluated" cells of an unreadable bid */
    lxw_format *warn;    /* a registry not consulted, or too old */
    lxw_format *status[NSTATUS][2]; /* [status][disqualifying] */
    lxw_format *verdict[NVERDICT];
    lxw_format *conditional; /* qualified on condition: not the green */
    lxw_format *yen;         /* prices: "#,##0" */
    lxw_format *award;       /* award points: the tender's decimals */
};

struct xl {
    lxw_workbook *wb;
    struct cv_view view;
    cv_lang lang;
    struct xl_formats f;
    struct cv_strbuf cell; /* scratch for one cell's text */
    lxw_error err;         /* first libxlsxwriter failure */
    cv_status st;          /* first failure of ours */
    char where[128];       /* the sheet being written when it happened */
};

/*
 * A table of one row per item that may take several sheets: "<name>",
 * or "<name> 1", "<name> 2" ... when it has more rows than one sheet
 * holds. Every part starts with `begin` (rows above the header, and the
 * header at row `head`), and ends with the widths, the frozen panes and
 * the filter over its rows. `nparts` is known before the first row (from
 * the counts), so the first sheet is named right.
 */
struct xl_table;
typedef void xl_begin_fn(struct xl *x, lxw_worksheet *ws,
                         const struct xl_table *t);

struct xl_table {
    const char *name;
    lxw_row_t head;          /* the header row */
    lxw_col_t ncols;
    const double *widths;    /* ncols column widths */
    lxw_col_t frozen_cols;
    bool print;              /* A4 landscape, header on every page */
    lxw_col_t print_last;    /* last column printed (0: all) */
    uint16_t pages_wide;     /* fitted to this many pages across */
    xl_begin_fn *begin;
    size_t nparts;
    size_t part;             /* sheets opened so far */
    lxw_worksheet *ws;       /* the current one */
    lxw_row_t row;           /* its last row written */
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
static bool xstring_at(const char *s, size_t len, size_t i)
{
    return s[i] == '_' && i + 6 < len && s[i + 1] == 'x' &&
           is_hex(s[i + 2]) && is_hex(s[i + 3]) && is_hex(s[i + 4]) &&
           is_hex(s[i + 5]) && s[i + 6] == '_';
}

static void escape_xstring(struct cv_strbuf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (xstring_at(s, len, i))
            cv_strbuf_puts(out, "_x005F");
        cv_strbuf_putc(out, s[i]);
    }
}

/* UTF-16 code units s[0..len) takes in a cell, once escaped. */
static size_t cell_units(const char *s, size_t len)
{
    size_t i, units = 0;
    for (i = 0; i < len; i++) {
        if (utf8_lead((unsigned char)s[i]))
            units += utf16_units((unsigned char)s[i]);
        if (xstring_at(s, len, i))
            units += 6; /* "_x005F" */
    }
    return units;
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

/* Vendor text (or an imported list's, or a sentence quoting it): cleaned
 * as put_text, then cut after `max` characters (0:
 * CV_VIEW_QUOTE_MAX_CHARS) with the marker saying report.json has it
 * whole, so no cell repeats a field at any length. */
static void put_quote(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, const char *s, size_t max,
                      bool keep_lines, lxw_format *fmt)
{
    struct cv_strbuf clean;
    cv_strbuf_init(&clean, 0);
    cv_view_quote(&clean, s, max, keep_lines, x->lang);
    put_built(x, ws, row, col, &clean, fmt);
    cv_strbuf_release(&clean);
}

/* Text built by the caller from vendor text and ours (a location naming
 * the vendor's members), cut like put_quote. */
static void put_built_quote(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, const struct cv_strbuf *tmp,
                            size_t max, lxw_format *fmt)
{
    if (cv_strbuf_status(tmp) != CV_OK) {
        xl_fail(x, cv_strbuf_status(tmp));
        return;
    }
    put_quote(x, ws, row, col, tmp->ptr, max, false, fmt);
}

/* A number cell in `fmt`: the value as computed, its display the
 * format's. */
static void put_num(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, double n, lxw_format *fmt)
{
    if (xl_failed(x))
        return;
    /* "nan" or "inf" in the XML would make Excel refuse the file. */
    if (!isfinite(n))
        xl_check(x, worksheet_write_blank(ws, row, col, fmt));
    else
        xl_check(x, worksheet_write_number(ws, row, col, n, fmt));
}

static void put_number(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, double n)
{
    put_num(x, ws, row, col, n, x->f.number);
}

/* Points and scores: sums of fractions of weights, so 82.4 may be
 * 82.40000000000001; shown rounded, kept exact. */
static void put_points(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, double n)
{
    put_num(x, ws, row, col, n, x->f.points);
}

static void put_count(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, double n)
{
    put_num(x, ws, row, col, n, x->f.count);
}

static void put_width(struct xl *x, lxw_worksheet *ws, lxw_col_t first,
                      lxw_col_t last, double width, lxw_format *fmt)
{
    if (!xl_failed(x))
        xl_check(x, worksheet_set_column(ws, first, last, width, fmt));
}

/* ---- formats ---- */

enum {
    XF_BOLD = 1,
    XF_WRAP = 2,
    XF_FILL = 4,
    XF_ITALIC = 8,
    XF_BORDER = 16,
    XF_SMALL = 32
};

/* Number formats: points to at most two decimals (one always, so "8.0"
 * never reads as a count), whole numbers for ranks and counts. */
#define XL_POINTS_FORMAT "0.0#"
#define XL_COUNT_FORMAT "0"
#define XL_SMALL_FONT 8.0

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
    if (flags & XF_SMALL)
        format_set_font_size(f, XL_SMALL_FONT);
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
    f->points = add_format(x, 0, 0, LXW_COLOR_BLACK);
    f->count = add_format(x, 0, 0, LXW_COLOR_BLACK);
    f->detail = add_format(x, XF_WRAP | XF_SMALL, 0, 0x595959);
    if (f->points)
        format_set_num_format(f->points, XL_POINTS_FORMAT);
    if (f->count)
        format_set_num_format(f->count, XL_COUNT_FORMAT);
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

/* A result's status; one a committee decided carries the mark, and
 * (`full`) the tool's status and who decided, when and why, a line
 * each. */
static void result_status_text(struct cv_strbuf *out,
                               const struct cv_result *r, cv_lang lang,
                               bool full)
{
    cv_strbuf_printf(out, "%s ", cv_view_status_symbol(r->status));
    cv_view_result_status_text(out, r, lang);
    if (!r->decided)
        return;
    cv_strbuf_putc(out, '\n');
    cv_view_tool_status_text(out, r, lang);
    if (!full)
        return;
    cv_strbuf_putc(out, '\n');
    cv_view_decision_text(out, r, lang);
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

/* A criterion as the committee reads it: its title in the run's
 * language (the criteria's text: trusted, still cleaned). */
static void criterion_title(struct cv_strbuf *out,
                            const struct cv_criterion *c, cv_lang lang)
{
    cv_view_text(out, CV_TEXT(lang, c->title), false);
}

/* The mandatory criteria a person must confirm before a conditional bid
 * qualifies, by title, one a line. */
static void pending_text(struct cv_strbuf *out, const struct cv_view *v,
                         size_t bid)
{
    const struct cv_result *r;
    size_t i;
    for (i = 0; (r = cv_view_pending(v, bid, i)) != NULL; i++) {
        if (i)
            cv_strbuf_putc(out, '\n');
        criterion_title(out, r->entry->crit, v->lang);
    }
}

/* "3. Vendor / Service": the same header wherever a bid has a column,
 * the name cut at CV_VIEW_NAME_MAX_CHARS. */
static void bid_header(struct cv_strbuf *out, const struct cv_view *v,
                       size_t bid)
{
    cv_strbuf_printf(out, "%zu. ", bid + 1);
    cv_view_bid_label(out, v, bid);
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

/* Printing for the committee: A4 landscape, narrow side margins, the
 * sheet's name and the page number at the top, rows `first`..`last` (the
 * table's header) on every page. */
static void set_print_page(struct xl *x, lxw_worksheet *ws, lxw_row_t first,
                           lxw_row_t last)
{
    if (xl_failed(x))
        return;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, XL_MARGIN_SIDE, XL_MARGIN_SIDE,
                          XL_MARGIN_TOPBOTTOM, XL_MARGIN_TOPBOTTOM);
    xl_check(x, worksheet_set_header(ws, "&L&A&R&P / &N"));
    if (!xl_failed(x))
        xl_check(x, worksheet_repeat_rows(ws, first, last));
}

/* A row table on paper: fitted to `wide` pages across (any number down).
 * Wider than one page, its first `repeat_cols` columns (what the row is
 * about) repeat on each, and pages go across first, so the halves of a
 * row are printed one after the other. */
static void set_print_layout(struct xl *x, lxw_worksheet *ws,
                             lxw_row_t head_row, uint16_t wide,
                             lxw_col_t repeat_cols)
{
    set_print_page(x, ws, head_row, head_row);
    if (xl_failed(x))
        return;
    worksheet_fit_to_pages(ws, wide ? wide : 1, 0);
    if (wide > 1 && repeat_cols > 0) {
        worksheet_print_across(ws);
        xl_check(x, worksheet_repeat_columns(ws, 0, repeat_cols - 1));
    }
}


/* ---- sheets and tables of several parts ---- */

static lxw_worksheet *add_sheet(struct xl *x, const char *name)
{
    lxw_worksheet *ws;
    if (xl_failed(x))
        return NULL;
    /* What a failure from here on is reported against. */
    snprintf(x->where, sizeof(x->where), "%s", name);
    /* Validate first: workbook_add_worksheet would print the reason. */
    xl_check(x, workbook_validate_sheet_name(x->wb, name));
    if (xl_failed(x))
        return NULL;
    ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* "診断" for a table on one sheet, "診断 2" for the second of several.
 * Our names are short and plain, so the result is a valid sheet name. */
static void part_name(struct cv_strbuf *out, const char *name, size_t part,
                      size_t nparts)
{
    if (nparts > 1)
        cv_strbuf_printf(out, "%s %zu", name, part);
    else
        cv_strbuf_puts(out, name);
}

/* Sheets that `rows` items take below a header at row `head`. */
static size_t table_parts(size_t rows, lxw_row_t head)
{
    size_t per_sheet = XL_ROWS - (size_t)head - 1;
    return rows == 0 ? 1 : (rows - 1) / per_sheet + 1;
}

static void table_init(struct xl_table *t, const char *name, lxw_row_t head,
                       lxw_col_t ncols, const double *widths,
                       xl_begin_fn *begin, size_t rows)
{
    memset(t, 0, sizeof(*t));
    t->name = name;
    t->head = head;
    t->ncols = ncols;
    t->widths = widths;
    t->frozen_cols = 2;
    t->print = true;
    t->pages_wide = 1;
    t->begin = begin;
    t->nparts = table_parts(rows, head);
}

/* The end of a part: widths, the header frozen and filters over the rows
 * written (the filter makes each column sortable). */
static void table_end_part(struct xl *x, struct xl_table *t)
{
    lxw_col_t c;
    if (!t->ws)
        return;
    for (c = 0; c < t->ncols; c++)
        put_width(x, t->ws, c, c, t->widths[c], NULL);
    worksheet_freeze_panes(t->ws, t->head + 1, t->frozen_cols);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(t->ws, t->head, 0, t->row,
                                         t->ncols - 1));
    if (t->print) {
        set_print_layout(x, t->ws, t->head, t->pages_wide, t->frozen_cols);
        if (t->print_last > 0 && !xl_failed(x))
            xl_check(x, worksheet_print_area(t->ws, 0, 0, t->row,
                                             t->print_last));
    }
    t->ws = NULL;
}

static void table_open_part(struct xl *x, struct xl_table *t)
{
    struct cv_strbuf name;
    if (t->part >= t->nparts) {
        /* More rows than counted: a bug here, never a cut table. */
        xl_fail(x, CV_ERROR);
        return;
    }
    cv_strbuf_init(&name, 0);
    part_name(&name, t->name, ++t->part, t->nparts);
    if (cv_strbuf_status(&name) != CV_OK)
        xl_fail(x, cv_strbuf_status(&name));
    else
        t->ws = add_sheet(x, name.ptr);
    cv_strbuf_release(&name);
    t->row = t->head;
    if (t->ws)
        t->begin(x, t->ws, t);
}

/* The sheet and row of the table's next row, on a new part when the
 * current one is full; NULL once the workbook has failed. */
static lxw_worksheet *table_row(struct xl *x, struct xl_table *t,
                                lxw_row_t *row)
{
    if (xl_failed(x))
        return NULL;
    if (t->ws && (size_t)t->row + 1 >= XL_ROWS)
        table_end_part(x, t);
    if (!t->ws)
        table_open_part(x, t);
    if (!t->ws || xl_failed(x))
        return NULL;
    *row = ++t->row;
    return t->ws;
}

/* Ends the table; an empty one still has its sheet with the header. */
static void table_close(struct xl *x, struct xl_table *t)
{
    if (t->part == 0)
        table_open_part(x, t);
    table_end_part(x, t);
    if (!xl_failed(x) && t->part != t->nparts)
        xl_fail(x, CV_ERROR); /* fewer rows than counted: a bug here */
}

/* ---- shared lines ---- */

/* "評価基準日 2026-11-21 / profile title version". */
static void as_of_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_view *v = &x->view;
    cv_strbuf_printf(sb, CV_L(x->lang, "評価基準日 %s / ", "as of %s / "),
                     v->as_of);
    cv_view_text(sb, CV_TEXT(x->lang, v->crit->profile.title), false);
    cv_strbuf_putc(sb, ' ');
    cv_view_text(sb, v->crit->profile.version, false);
}

/* Whether the ISMAP list was consulted, and where the detail is. */
static void registry_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    cv_strbuf_printf(sb, "%s: %s %s", CV_L(L, "ISMAP 登録簿", "ISMAP registry"),
                     cv_view_registry_symbol(v), cv_view_registry_word(v));
    if (v->registry.checked) {
        cv_strbuf_puts(sb, CV_L(L, " (", " (list of "));
        cv_view_text(sb, v->registry.snap->as_of, false);
        cv_strbuf_puts(sb, CV_L(L, " 版)", ")"));
    }
    cv_strbuf_puts(sb, CV_L(L, " → 「登録簿照合」シート",
                            " → sheet \"Registry\""));
}

static lxw_format *registry_line_format(const struct xl *x)
{
    return cv_view_registry_tone(&x->view) == CV_TONE_GOOD ? x->f.line
                                                           : x->f.warn;
}

static void links_line(struct xl *x, struct cv_strbuf *sb)
{
    cv_lang L = x->lang;
    cv_strbuf_printf(sb, "%s: %s", CV_L(L, "リンクの確認", "Links"),
                     x->view.online
                         ? CV_L(L, "オンラインで確認 → 「リンク」シート",
                                "checked online → sheet \"Links\"")
                         : CV_L(L, "行っていません (オフライン)",
                                "not checked (offline)"));
}

static bool any_conditional(const struct cv_view *v)
{
    size_t b;
    for (b = 0; b < v->nbids; b++)
        if (cv_view_conditional(v, b))
            return true;
    return false;
}

/* The mandatory criteria that disqualified the bid, by title, one a
 * line, in profile order. */
static void failed_text(struct cv_strbuf *out, const struct cv_view *v,
                        size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++) {
        if (!cv_view_disqualifies(&s->results[i]))
            continue;
        if (n++)
            cv_strbuf_putc(out, '\n');
        criterion_title(out, s->results[i].entry->crit, v->lang);
    }
}

/* ---- the tender ---- */

/* "入札案件: R8-001 「…」": the tender the bids name (their text: quoted,
 * cut like a name); plainly said when none names one. */
static void tender_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_view *v = &x->view;
    const char *id = cv_view_tender_id(v), *title = cv_view_tender_title(v);
    cv_lang L = x->lang;
    cv_strbuf_puts(sb, CV_L(L, "入札案件: ", "Tender: "));
    if (!id) {
        cv_strbuf_puts(sb, CV_L(L, "(提出書類に案件番号の記載なし)",
                                "(no submission names its tender)"));
        return;
    }
    cv_view_quote(sb, id, CV_VIEW_NAME_MAX_CHARS, false, L);
    if (title && *title) {
        cv_strbuf_puts(sb, CV_L(L, " 「", " \""));
        cv_view_quote(sb, title, 0, false, L);
        cv_strbuf_puts(sb, CV_L(L, "」", "\""));
    }
}

/* The first bid naming tender `id`, and the first naming another. */
static size_t first_bid_of(const struct cv_view *v, const char *id,
                           bool same)
{
    size_t b;
    for (b = 0; b < v->nbids; b++) {
        const char *t = cv_view_bid(v, b)->tender_id;
        if (t && (strcmp(t, id) == 0) == same)
            return b;
    }
    return v->nbids;
}

static void tender_of_bid(struct cv_strbuf *sb, const struct cv_view *v,
                          size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    cv_view_quote(sb, s->tender_id, CV_VIEW_NAME_MAX_CHARS, false, v->lang);
    cv_strbuf_puts(sb, " (");
    cv_view_quote(sb, s->file, CV_VIEW_NAME_MAX_CHARS, false, v->lang);
    cv_strbuf_putc(sb, ')');
}

/* When the bids name different tenders: one file of each of two of
 * them, and where every bid's tender is. Nothing otherwise. */
static void mixed_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_view *v = &x->view;
    size_t a, b;
    if (!cv_view_mixed_tenders(v))
        return;
    a = first_bid_of(v, cv_view_tender_id(v), true);
    b = first_bid_of(v, cv_view_tender_id(v), false);
    if (a >= v->nbids || b >= v->nbids)
        return;
    cv_strbuf_puts(sb, CV_L(x->lang, "⚠ 提出書類の入札案件が一致しません: ",
                            "⚠ the submissions name different tenders: "));
    tender_of_bid(sb, v, a);
    cv_strbuf_puts(sb, CV_L(x->lang, " と ", " and "));
    tender_of_bid(sb, v, b);
    cv_strbuf_puts(sb, CV_L(x->lang,
                            " など。各入札の案件は「一覧」の「入札案件」列に"
                            "あります",
                            ", among others; each bid's tender is in the "
                            "column \"Tender\" of the sheet \"Summary\""));
}

static void tie_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_tender_def *t = cv_view_tender(&x->view);
    if (cv_view_awarded(&x->view) && t) {
        /* the award's order: the tender's method and tie-break chain */
        cv_strbuf_printf(sb, "%s: ", cv_view_heading(CV_HEAD_METHOD, x->lang));
        cv_view_tender_method_text(sb, t, x->lang);
        cv_strbuf_printf(sb, " / %s: ", CV_L(x->lang, "同点の扱い", "Ties"));
        cv_view_tie_chain_text(sb, t, x->lang);
        cv_strbuf_puts(sb, CV_L(x->lang, " (→ 「総合評価」シート)",
                                " (→ sheet \"Award\")"));
        return;
    }
    cv_strbuf_printf(sb, "%s: %s", CV_L(x->lang, "同点の扱い", "Ties"),
                     cv_view_tie_rule(&x->view));
}

/* ---- the award (a tender file) and the committee's decisions ---- */

/* Layout of the award sheet: the method's facts, then one row per bid in
 * award order with every figure before and after rounding. */
enum {
    AWD_ROW_FACTS = 0,   /* label: value rows from here */
    AWD_NFACTS = 11,
    AWD_ROW_HEAD = AWD_NFACTS + 1,
    AWD_COL_RANK = 0,
    AWD_COL_BID,
    AWD_COL_NAME,
    AWD_COL_STATE,
    AWD_COL_PRICE,
    AWD_COL_TECH_RAW,
    AWD_COL_TECH,
    AWD_COL_PRICE_RAW,
    AWD_COL_PRICE_POINTS,
    AWD_COL_TOTAL_RAW,
    AWD_COL_TOTAL,
    AWD_COL_ARITHMETIC,
    AWD_COL_REASON,
    AWD_NCOLS
};

/* The award columns appended to the summary sheet when there is one. */
enum {
    SUM_COL_AWARD_PRICE = SUM_NCOLS,
    SUM_COL_AWARD_TECH,
    SUM_COL_AWARD_PRICE_POINTS,
    SUM_COL_AWARD_TOTAL,
    SUM_COL_AWARD_STATE,
    SUM_NCOLS_AWARD
};

/* Layout of the decisions audit sheet. */
enum {
    DEC_ROW_INTRO = 0,
    DEC_ROW_HEAD = 2,
    DEC_COL_BID = 0,
    DEC_COL_NAME,
    DEC_COL_CRITERION,
    DEC_COL_TOOL,
    DEC_COL_DECISION,
    DEC_COL_BY,
    DEC_COL_ON,
    DEC_COL_REASON,
    DEC_COL_FATE,
    DEC_COL_MESSAGE,
    DEC_NCOLS
};

static void put_yen(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t col, int64_t yen)
{
    put_num(x, ws, row, col, (double)yen, x->f.yen);
}

static void put_award_points(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, double n)
{
    put_num(x, ws, row, col, n, x->f.award);
}

/* The number formats of the award: yen with thousands separators, the
 * points with the tender's decimals ("0.00" for two). */
static void make_award_formats(struct xl *x)
{
    char fmt[16] = "0";
    unsigned d = cv_view_award_digits(&x->view);
    x->f.yen = add_format(x, 0, 0, LXW_COLOR_BLACK);
    x->f.award = add_format(x, 0, 0, LXW_COLOR_BLACK);
    if (x->f.yen)
        format_set_num_format(x->f.yen, "#,##0");
    if (d > 0) {
        unsigned i;
        fmt[1] = '.';
        for (i = 0; i < d && i + 2 < sizeof(fmt) - 1; i++)
            fmt[i + 2] = '0';
        fmt[i + 2] = '\0';
    }
    if (x->f.award)
        format_set_num_format(x->f.award, fmt);
}

/* The award columns of one summary row. */
static void summary_award_cells(struct xl *x, lxw_worksheet *ws,
                                lxw_row_t row, size_t bid)
{
    const struct cv_award_bid *ab = cv_view_award_bid(&x->view, bid);
    bool ranked;
    struct cv_strbuf sb;
    if (!ab)
        return;
    ranked = ab->state == CV_AWARD_RANKED && ab->rank;
    if (ab->bid)
        put_yen(x, ws, row, SUM_COL_AWARD_PRICE, ab->price);
    if (cv_view_award_has_technical(&x->view, bid))
        put_award_points(x, ws, row, SUM_COL_AWARD_TECH, ab->technical);
    if (ranked && cv_view_tender(&x->view)->method == CV_TENDER_ADDITIVE)
        put_award_points(x, ws, row, SUM_COL_AWARD_PRICE_POINTS,
                         ab->price_points);
    if (ranked)
        put_award_points(x, ws, row, SUM_COL_AWARD_TOTAL, ab->total);
    cv_strbuf_init(&sb, 0);
    if (ranked)
        cv_strbuf_puts(&sb, cv_view_award_state_word(ab->state, x->lang));
    else
        cv_view_award_unranked(&sb, &x->view, bid);
    put_built_quote(x, ws, row, SUM_COL_AWARD_STATE, &sb,
                    CV_VIEW_REASON_MAX_CHARS, x->f.text);
    cv_strbuf_release(&sb);
}

static void summary_award_heads(struct xl *x, lxw_worksheet *ws, lxw_row_t row)
{
    static const cv_heading heads[] = {
        CV_HEAD_PRICE, CV_HEAD_TECHNICAL_POINTS, CV_HEAD_PRICE_POINTS,
        CV_HEAD_TOTAL_POINTS, CV_HEAD_AWARD
    };
    size_t i;
    if (!cv_view_awarded(&x->view))
        return;
    for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
        put_label(x, ws, row, (lxw_col_t)(SUM_COL_AWARD_PRICE + i),
                  cv_view_heading(heads[i], x->lang), x->f.head);
}

/* The sensitivity in one line for the summary: the fragile flag first
 * when first place moves under ±10 %. */
static void sensitivity_line(struct xl *x, struct cv_strbuf *sb)
{
    const struct cv_view *v = &x->view;
    if (!cv_view_sens_computed(v))
        return;
    if (v->report->sens.fragile)
        cv_strbuf_printf(sb, "%s — ", cv_view_fragile_flag(x->lang));
    cv_strbuf_printf(sb, "%s: ", cv_view_heading(CV_HEAD_MARGIN, x->lang));
    cv_view_margin_text(sb, v);
    cv_strbuf_puts(sb, " / ");
    cv_view_sensitivity_text(sb, v);
}

/* ---- summary sheet: one row per bid, in ranking order ---- */

static const struct xl_head summary_heads[SUM_COL_STATUS] = {
    { "順位", "Rank" },
    { "入札", "Bid" },
    { "事業者", "Vendor" },
    { "サービス", "Service" },
    { "判定", "Verdict" },
    { "条件付き", "Conditional" },
    { "得点", "Score" },
    { "満点", "Max score" },
    { "要確認件数", "Needs review" },
    { "必須不適合件数", "Failed mandatory" },
    { "不適合の必須基準", "Mandatory criteria failed" },
    { "確認待ちの必須基準", "Mandatory criteria to confirm" },
    { "入札案件", "Tender" },
    { "ファイル", "File" },
    { "SHA-256", "SHA-256" },
};

static void summary_begin(struct xl *x, lxw_worksheet *ws,
                          const struct xl_table *t)
{
    struct cv_strbuf sb;
    unsigned s;

    cv_strbuf_init(&sb, 0);
    tender_line(x, &sb);
    put_built(x, ws, SUM_ROW_TENDER, 0, &sb, x->f.label);
    cv_strbuf_reset(&sb);
    as_of_line(x, &sb);
    cv_strbuf_puts(&sb, CV_L(x->lang,
                             " (パラメータと閾値 → 「評価条件」シート)",
                             " (parameters and thresholds → sheet "
                             "\"Evaluation basis\")"));
    cv_strbuf_printf(&sb, " / %s: %s %s",
                     cv_view_heading(CV_HEAD_METHOD_SHA256, x->lang),
                     cv_view_method_sha256(&x->view),
                     cv_view_method_hash_note(x->lang));
    put_built(x, ws, SUM_ROW_PROFILE, 0, &sb, x->f.line);
    cv_strbuf_reset(&sb);
    mixed_line(x, &sb);
    if (sb.len > 0)
        cv_strbuf_puts(&sb, " / ");
    sensitivity_line(x, &sb);
    if (sb.len > 0)
        put_built(x, ws, SUM_ROW_WARN, 0, &sb,
                  cv_view_mixed_tenders(&x->view) ||
                          x->view.report->sens.fragile
                      ? x->f.warn
                      : x->f.line);
    cv_strbuf_reset(&sb);
    tie_line(x, &sb);
    put_built(x, ws, SUM_ROW_TIE, 0, &sb, x->f.line);
    cv_strbuf_reset(&sb);
    registry_line(x, &sb);
    put_built(x, ws, SUM_ROW_REGISTRY, 0, &sb, registry_line_format(x));
    cv_strbuf_reset(&sb);
    links_line(x, &sb);
    put_built(x, ws, SUM_ROW_LINKS, 0, &sb, x->f.line);
    if (any_conditional(&x->view))
        put_label(x, ws, SUM_ROW_NOTE, 0, cv_view_conditional_note(x->lang),
                  x->f.line);
    table_header(x, ws, t->head, summary_heads, SUM_COL_STATUS);
    /* The status columns are headed by the status itself ("○ 適合"). */
    for (s = 0; s < NSTATUS; s++) {
        cv_strbuf_reset(&sb);
        status_text(&sb, (cv_result_status)s, x->lang);
        put_built(x, ws, t->head, (lxw_col_t)(SUM_COL_STATUS + s), &sb,
                  x->f.head);
    }
    summary_award_heads(x, ws, t->head);
    cv_strbuf_release(&sb);
}

/* "はい" for a bid qualified only on condition, "いいえ" for one
 * qualified outright; nothing for the others. */
static const char *conditional_word(const cv_submission *s, cv_lang lang)
{
    if (s->verdict != CV_VERDICT_QUALIFIED)
        return "";
    return s->conditional ? CV_L(lang, "はい", "yes")
                          : CV_L(lang, "いいえ", "no");
}

/* How many of the bid's results have each status; empty for an
 * unreadable bid (no results), which must not read as "evaluated,
 * nothing met". */
static void summary_counts(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                           const cv_submission *s)
{
    size_t counts[NSTATUS] = { 0 };
    size_t i;
    for (i = 0; i < s->nresults; i++)
        if ((unsigned)s->results[i].status < NSTATUS)
            counts[s->results[i].status]++;
    for (i = 0; s->nresults > 0 && i < NSTATUS; i++)
        put_count(x, ws, row, (lxw_col_t)(SUM_COL_STATUS + i),
                  (double)counts[i]);
}

static void summary_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                        size_t bid)
{
    const struct cv_view *v = &x->view;
    const cv_submission *s = cv_view_bid(v, bid);
    bool scored = s->verdict != CV_VERDICT_INVALID;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    if (cv_view_rank(v, bid))
        put_count(x, ws, row, SUM_COL_RANK, cv_view_rank(v, bid));
    put_count(x, ws, row, SUM_COL_BID, (double)(bid + 1));
    put_quote(x, ws, row, SUM_COL_VENDOR, s->vendor, CV_VIEW_NAME_MAX_CHARS,
              false, x->f.text);
    put_quote(x, ws, row, SUM_COL_SERVICE, s->service,
              CV_VIEW_NAME_MAX_CHARS, false, x->f.text);
    verdict_text(&sb, s, x->lang);
    put_built(x, ws, row, SUM_COL_VERDICT, &sb, verdict_format(x, s));
    put_label(x, ws, row, SUM_COL_CONDITIONAL, conditional_word(s, x->lang),
              x->f.line);
    /* An unreadable file has no score: blank, never a 0 to sort by. */
    if (scored) {
        put_points(x, ws, row, SUM_COL_SCORE, s->score);
        put_points(x, ws, row, SUM_COL_MAX, s->max_score);
        put_count(x, ws, row, SUM_COL_REVIEW, (double)s->needs_review);
        put_count(x, ws, row, SUM_COL_FAILED,
                  (double)cv_view_failed_count(v, bid));
    }
    cv_strbuf_reset(&sb);
    failed_text(&sb, v, bid);
    put_built(x, ws, row, SUM_COL_FAILED_TITLES, &sb, x->f.text);
    cv_strbuf_reset(&sb);
    pending_text(&sb, v, bid);
    put_built(x, ws, row, SUM_COL_PENDING, &sb, x->f.text);
    put_quote(x, ws, row, SUM_COL_TENDER, s->tender_id,
              CV_VIEW_NAME_MAX_CHARS, false, x->f.text);
    put_quote(x, ws, row, SUM_COL_FILE, s->file, 0, false, x->f.text);
    put_text(x, ws, row, SUM_COL_SHA256, s->sha256, false, x->f.text);
    summary_counts(x, ws, row, s);
    summary_award_cells(x, ws, row, bid);
    cv_strbuf_release(&sb);
}

static void write_summary(struct xl *x)
{
    static const double widths[SUM_NCOLS_AWARD] = {
        6, 6, 22, 22, 16, 8, 8, 8, 8, 8, 30, 26, 14, 22, 18,
        9, 9, 9, 9, 9, 9, 9, /* the statuses */
        14, 9, 9, 10, 30,    /* the award, when there is one */
    };
    bool awarded = cv_view_awarded(&x->view);
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_row_t row;
    size_t k;

    table_init(&t, CV_L(x->lang, "一覧", "Summary"), SUM_ROW_HEAD,
               awarded ? SUM_NCOLS_AWARD : SUM_NCOLS, widths, summary_begin,
               v->nbids);
    t.frozen_cols = SUM_FROZEN_COLS;
    /* The counts per status are for filtering on screen; on paper the
     * reading columns get the width (with an award, its columns too). */
    t.print_last = awarded ? SUM_NCOLS_AWARD - 1 : SUM_COL_SHA256;
    for (k = 0; k < v->nbids; k++) {
        lxw_worksheet *ws = table_row(x, &t, &row);
        if (!ws)
            return;
        summary_row(x, ws, row, cv_view_ranked(v, k));
    }
    table_close(x, &t);
}

/* ---- evaluation basis: the tender, the profile, its parameters ---- */

static void basis_fact(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                       const char *label, const struct cv_strbuf *value,
                       lxw_format *fmt)
{
    put_label(x, ws, row, BAS_COL_NAME, label, x->f.label);
    put_built(x, ws, row, BAS_COL_VALUE, value, fmt);
}

/* "配点の 50%": what a partial or a claimed result earns. */
static void fraction_text(struct cv_strbuf *sb, double fraction,
                          cv_lang lang)
{
    char pts[32];
    cv_view_points(pts, fraction * 100.0);
    cv_strbuf_printf(sb, CV_L(lang, "配点の %s%%", "%s%% of the weight"),
                     pts);
}

/* The facts above the parameters; returns the last row written. */
static lxw_row_t basis_facts(struct xl *x, lxw_worksheet *ws)
{
    const struct cv_view *v = &x->view;
    const struct cv_profile *p = &v->crit->profile;
    cv_lang L = x->lang;
    lxw_row_t row = BAS_ROW_FACTS;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    tender_line(x, &sb);
    basis_fact(x, ws, row, CV_L(L, "入札案件", "Tender"), &sb, x->f.text);
    cv_strbuf_reset(&sb);
    mixed_line(x, &sb);
    if (sb.len > 0)
        basis_fact(x, ws, ++row, CV_L(L, "注意", "Warning"), &sb, x->f.warn);
    cv_strbuf_reset(&sb);
    cv_strbuf_puts(&sb, v->as_of);
    basis_fact(x, ws, ++row, CV_L(L, "評価基準日", "Evaluation date"), &sb,
               x->f.line);
    cv_strbuf_reset(&sb);
    cv_view_text(&sb, CV_TEXT(L, p->title), false);
    cv_strbuf_putc(&sb, ' ');
    cv_view_text(&sb, p->version, false);
    cv_strbuf_puts(&sb, " (");
    cv_view_text(&sb, p->id, false);
    cv_strbuf_putc(&sb, ')');
    basis_fact(x, ws, ++row, CV_L(L, "プロファイル", "Profile"), &sb,
               x->f.text);
    cv_strbuf_reset(&sb);
    cv_strbuf_puts(&sb, cv_view_tie_rule(&x->view));
    basis_fact(x, ws, ++row, CV_L(L, "同点の扱い", "Ties"), &sb, x->f.text);
    cv_strbuf_reset(&sb);
    fraction_text(&sb, p->partial_fraction, L);
    basis_fact(x, ws, ++row, CV_L(L, "一部適合の得点", "Points when partial"),
               &sb, x->f.line);
    cv_strbuf_reset(&sb);
    fraction_text(&sb, p->claimed_fraction, L);
    basis_fact(x, ws, ++row,
               CV_L(L, "申告のみの得点", "Points when only claimed"), &sb,
               x->f.line);
    cv_strbuf_reset(&sb);
    registry_line(x, &sb);
    basis_fact(x, ws, ++row, CV_L(L, "ISMAP 登録簿", "ISMAP registry"), &sb,
               registry_line_format(x));
    cv_strbuf_reset(&sb);
    links_line(x, &sb);
    basis_fact(x, ws, ++row, CV_L(L, "リンク", "Links"), &sb, x->f.line);
    cv_strbuf_release(&sb);
    return row;
}

static void basis_param(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                        const struct cv_param *prm)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    put_text(x, ws, row, BAS_COL_NAME, prm->name, false, x->f.text);
    cv_view_param_value(&sb, prm);
    put_built(x, ws, row, BAS_COL_VALUE, &sb, x->f.text);
    put_label(x, ws, row, BAS_COL_BASIS, cv_view_basis_word(prm->basis, x->lang),
              x->f.text);
    cv_strbuf_reset(&sb);
    cv_view_param_users(&sb, &x->view, prm, "\n");
    put_built(x, ws, row, BAS_COL_USERS, &sb, x->f.text);
    put_text(x, ws, row, BAS_COL_SOURCE, prm->source, false, x->f.text);
    if (prm->note)
        put_text(x, ws, row, BAS_COL_NOTE, prm->note, false, x->f.text);
    cv_strbuf_release(&sb);
}

/* "評価条件" / "Evaluation basis": what every verdict on the other sheets
 * was judged by. Its length is the profile's, never the batch's. */
static void write_basis(struct xl *x)
{
    static const struct xl_head heads[BAS_NCOLS] = {
        { "パラメータ", "Parameter" },
        { "値", "Value" },
        { "根拠の種類", "Basis" },
        { "用いる基準", "Applied by" },
        { "出典", "Source" },
        { "注", "Note" },
    };
    static const double widths[BAS_NCOLS] = { 28, 34, 22, 44, 56, 36 };
    const struct cv_profile *p = &x->view.crit->profile;
    lxw_worksheet *ws = add_sheet(x, CV_L(x->lang, "評価条件",
                                          "Evaluation basis"));
    lxw_row_t head, row;
    lxw_col_t c;
    size_t i;

    if (!ws)
        return;
    put_label(x, ws, BAS_ROW_TITLE, 0,
              CV_L(x->lang, "入札案件と評価条件 (プロファイルのパラメータと閾値)",
                   "Tender and evaluation basis (the profile's parameters "
                   "and thresholds)"),
              x->f.label);
    head = basis_facts(x, ws) + 2;
    table_header(x, ws, head, heads, BAS_NCOLS);
    row = head;
    for (i = 0; i < p->nparams && !xl_failed(x); i++)
        basis_param(x, ws, ++row, &p->params[i]);
    for (c = 0; c < BAS_NCOLS; c++)
        put_width(x, ws, c, c, widths[c], NULL);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, head, 0, row, BAS_NCOLS - 1));
    set_print_layout(x, ws, head, 1, 0);
}

/* ---- comparison sheets: bids as columns ---- */

/* The bids [first, end) of one comparison sheet, part `part` of `nparts`. */
struct xl_span {
    size_t first, end;
    size_t part, nparts;
};

static size_t span_bids(const struct xl_span *sp)
{
    return sp->end - sp->first;
}

/* A bid's two columns, side by side: its status, then its points. */
static lxw_col_t status_col(const struct xl_span *sp, size_t bid)
{
    return (lxw_col_t)(CMP_COL_BIDS + 2 * (bid - sp->first));
}

static lxw_col_t points_col(const struct xl_span *sp, size_t bid)
{
    return (lxw_col_t)(status_col(sp, bid) + 1);
}

/* An unreadable file has no points: its cells stay blank rather than
 * read as a score of 0. */
static bool evaluated(const struct cv_view *v, size_t bid)
{
    return cv_view_bid(v, bid)->verdict != CV_VERDICT_INVALID;
}

/* Text over both columns of a bid (the cells merged), in `fmt`. */
static void put_bid_merged(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                           const struct xl_span *sp, size_t bid,
                           const struct cv_strbuf *text, lxw_format *fmt)
{
    if (xl_failed(x))
        return;
    xl_check(x, worksheet_merge_range(ws, row, status_col(sp, bid), row,
                                      points_col(sp, bid), "", fmt));
    put_built(x, ws, row, status_col(sp, bid), text, fmt);
}

/* A number over both columns of a bid. */
static void put_bid_merged_number(struct xl *x, lxw_worksheet *ws,
                                  lxw_row_t row, const struct xl_span *sp,
                                  size_t bid, double n, lxw_format *fmt)
{
    if (xl_failed(x))
        return;
    xl_check(x, worksheet_merge_range(ws, row, status_col(sp, bid), row,
                                      points_col(sp, bid), "", fmt));
    put_num(x, ws, row, status_col(sp, bid), n, fmt);
}

/* The bids' names, each merged over its two columns, in the verdict's
 * colour: a disqualified bid stays marked however far the sheet is
 * scrolled. Merged cells do not grow with their text: the row is made
 * tall enough for a long name. */
static void comparison_bid_names(struct xl *x, lxw_worksheet *ws,
                                 const struct xl_span *sp)
{
    const struct cv_view *v = &x->view;
    struct cv_strbuf sb;
    size_t b;
    cv_strbuf_init(&sb, 0);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        cv_strbuf_reset(&sb);
        bid_header(&sb, v, b);
        put_bid_merged(x, ws, CMP_ROW_BIDS, sp, b, &sb,
                       verdict_format(x, cv_view_bid(v, b)));
    }
    cv_strbuf_release(&sb);
}

/* One fact of the summary rows for one bid: the verdict, rank and counts
 * over both its columns; the score under its status, the maximum under
 * its points. An unreadable bid has no score, rank or counts. */
static void comparison_fact(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                            const struct xl_span *sp, size_t bid)
{
    const struct cv_view *v = &x->view;
    const cv_submission *s = cv_view_bid(v, bid);
    bool scored = evaluated(v, bid);
    struct cv_strbuf sb;
    switch (row) {
    case CMP_ROW_VERDICT:
        cv_strbuf_init(&sb, 0);
        verdict_text(&sb, s, x->lang);
        put_bid_merged(x, ws, row, sp, bid, &sb, verdict_format(x, s));
        cv_strbuf_release(&sb);
        break;
    case CMP_ROW_SCORE:
        if (scored) {
            put_points(x, ws, row, status_col(sp, bid), s->score);
            put_points(x, ws, row, points_col(sp, bid), s->max_score);
        }
        break;
    case CMP_ROW_RANK:
        if (cv_view_rank(v, bid))
            put_bid_merged_number(x, ws, row, sp, bid, cv_view_rank(v, bid),
                                  x->f.count);
        break;
    case CMP_ROW_REVIEW:
        if (scored)
            put_bid_merged_number(x, ws, row, sp, bid,
                                  (double)s->needs_review, x->f.count);
        break;
    default:
        if (scored)
            put_bid_merged_number(x, ws, row, sp, bid,
                                  (double)cv_view_failed_count(v, bid),
                                  x->f.count);
        break;
    }
}

/* The note in column B of a summary row (frozen, so always in view): the
 * tender and the evaluation date, whether the ISMAP list was consulted
 * (in bold red when not or too old), whether links were checked. */
static void comparison_note(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                            const struct xl_span *sp)
{
    cv_lang L = x->lang;
    struct cv_strbuf sb;
    lxw_format *fmt = x->f.line;
    cv_strbuf_init(&sb, 0);
    switch (row) {
    case CMP_ROW_BIDS:
        tender_line(x, &sb);
        if (sp->nparts > 1)
            cv_strbuf_printf(&sb, CV_L(L, "\n入札 %zu〜%zu (全 %zu 件)",
                                       "\nbids %zu to %zu (of %zu)"),
                             sp->first + 1, sp->end, x->view.nbids);
        fmt = x->f.text; /* in the tall row of the names */
        break;
    case CMP_ROW_VERDICT:
        registry_line(x, &sb);
        fmt = registry_line_format(x);
        break;
    case CMP_ROW_SCORE:
        links_line(x, &sb);
        break;
    case CMP_ROW_RANK:
        mixed_line(x, &sb);
        fmt = x->f.warn;
        break;
    case CMP_ROW_REVIEW:
        as_of_line(x, &sb);
        break;
    default:
        break;
    }
    if (sb.len > 0)
        put_built(x, ws, row, CMP_COL_TITLE, &sb, fmt);
    cv_strbuf_release(&sb);
}

/* The frozen rows at the top, one row at a time (constant_memory): the
 * bids' names, then per row a fact of each bid. */
static void comparison_summary(struct xl *x, lxw_worksheet *ws,
                               const struct xl_span *sp)
{
    static const struct xl_head labels[CMP_ROW_HEAD] = {
        { "入札", "Bid" },
        { "判定", "Verdict" },
        { "得点 / 満点", "Score / max" },
        { "順位", "Rank" },
        { "要確認件数", "Needs review" },
        { "必須不適合件数", "Failed mandatory" },
    };
    lxw_row_t row;
    size_t b;

    /* Before the row's first cell: constant_memory writes rows in order. */
    if (!xl_failed(x))
        xl_check(x, worksheet_set_row(ws, CMP_ROW_BIDS, CMP_NAME_ROW_HEIGHT,
                                      NULL));
    for (row = CMP_ROW_BIDS; row < CMP_ROW_HEAD && !xl_failed(x); row++) {
        const struct xl_head *h = &labels[row];
        put_label(x, ws, row, CMP_COL_ID, CV_L(x->lang, h->ja, h->en),
                  row == CMP_ROW_BIDS ? x->f.head : x->f.label);
        comparison_note(x, ws, row, sp);
        if (row == CMP_ROW_BIDS) {
            comparison_bid_names(x, ws, sp);
            continue;
        }
        for (b = sp->first; b < sp->end; b++)
            comparison_fact(x, ws, row, sp, b);
    }
}

/* The criterion table's header: the criterion's columns, then under each
 * bid's name "判定" and "得点". */
static void comparison_table_header(struct xl *x, lxw_worksheet *ws,
                                    const struct xl_span *sp)
{
    cv_lang L = x->lang;
    lxw_format *h = x->f.head;
    size_t b;
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_ID, "ID", h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_TITLE,
              CV_L(L, "評価項目", "Criterion"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_CATEGORY,
              CV_L(L, "区分", "Category"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_MANDATORY,
              CV_L(L, "必須", "Mandatory"), h);
    put_label(x, ws, CMP_ROW_HEAD, CMP_COL_WEIGHT,
              CV_L(L, "配点", "Weight"), h);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        put_label(x, ws, CMP_ROW_HEAD, status_col(sp, b),
                  CV_L(L, "判定", "Status"), h);
        put_label(x, ws, CMP_ROW_HEAD, points_col(sp, b),
                  CV_L(L, "得点", "Points"), h);
    }
}

static void comparison_row(struct xl *x, lxw_worksheet *ws,
                           const struct xl_span *sp, lxw_row_t row,
                           const struct cv_view_group *g, size_t entry)
{
    const struct cv_view *v = &x->view;
    const struct cv_profile_entry *e = &v->crit->profile.entries[entry];
    struct cv_strbuf sb;
    size_t b;

    cv_strbuf_init(&sb, 0);
    put_text(x, ws, row, CMP_COL_ID, e->crit->id, false, x->f.text);
    put_text(x, ws, row, CMP_COL_TITLE, CV_TEXT(x->lang, e->crit->title),
             false, x->f.text);
    put_text(x, ws, row, CMP_COL_CATEGORY, category_title(g, x->lang), false,
             x->f.text);
    put_label(x, ws, row, CMP_COL_MANDATORY,
              mandatory_word(e->mandatory, x->lang), x->f.line);
    put_number(x, ws, row, CMP_COL_WEIGHT, e->weight);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        const struct cv_result *r = cv_view_result(v, b, entry);
        if (!r) {
            put_label(x, ws, row, status_col(sp, b),
                      not_evaluated_word(x->lang), x->f.none);
            continue;
        }
        cv_strbuf_reset(&sb);
        result_status_text(&sb, r, x->lang, false);
        put_built(x, ws, row, status_col(sp, b), &sb, status_format(x, r));
        put_points(x, ws, row, points_col(sp, b), r->points);
    }
    cv_strbuf_release(&sb);
}

/* Rows per category under the criterion table (outside the filter, so
 * filtering criteria never hides a total): each bid's points under its
 * status column and the points possible beside them, and a last row
 * with the totals. */
static lxw_row_t comparison_subtotals(struct xl *x, lxw_worksheet *ws,
                                      const struct xl_span *sp, lxw_row_t row)
{
    const struct cv_view *v = &x->view;
    cv_lang L = x->lang;
    size_t b, k;

    put_label(x, ws, row, CMP_COL_ID, CV_L(L, "区分別", "By category"),
              x->f.head);
    put_label(x, ws, row, CMP_COL_TITLE, CV_L(L, "区分", "Category"),
              x->f.head);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        put_label(x, ws, row, status_col(sp, b), CV_L(L, "得点", "Points"),
                  x->f.head);
        put_label(x, ws, row, points_col(sp, b), CV_L(L, "満点", "Max"),
                  x->f.head);
    }
    for (k = 0; k < v->ngroups && !xl_failed(x); k++) {
        const struct cv_view_group *g = &v->groups[k];
        row++;
        put_text(x, ws, row, CMP_COL_ID, g->cat->id, false, x->f.text);
        put_text(x, ws, row, CMP_COL_TITLE, category_title(g, L), false,
                 x->f.text);
        for (b = sp->first; b < sp->end; b++) {
            if (!evaluated(v, b))
                continue;
            put_points(x, ws, row, status_col(sp, b), g->points[b]);
            put_points(x, ws, row, points_col(sp, b), g->max_points[b]);
        }
    }
    row++;
    put_label(x, ws, row, CMP_COL_TITLE, CV_L(L, "合計", "Total"), x->f.label);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        if (!evaluated(v, b))
            continue;
        put_points(x, ws, row, status_col(sp, b), cv_view_bid(v, b)->score);
        put_points(x, ws, row, points_col(sp, b),
                   cv_view_bid(v, b)->max_score);
    }
    return row;
}

/* Under the subtotals: the footnote of the conditional mark, and where
 * the profile's parameters are. */
static void comparison_notes(struct xl *x, lxw_worksheet *ws, lxw_row_t row)
{
    cv_lang L = x->lang;
    if (any_conditional(&x->view)) {
        put_label(x, ws, row, CMP_COL_ID, cv_view_conditional_note(L),
                  x->f.line);
        row += 2;
    }
    put_label(x, ws, row, CMP_COL_ID,
              CV_L(L, "評価に用いたパラメータと閾値 → 「評価条件」シート",
                   "The parameters and thresholds applied → sheet "
                   "\"Evaluation basis\""),
              x->f.line);
}

/*
 * Pixels a column of `width` characters takes on paper at 100 %. A width
 * counts characters of the workbook's font (Calibri 11): Excel gives
 * them 7 pixels, but a reader without Calibri or a metric twin
 * (LibreOffice with DejaVu Sans, as on many Linux desktops) measures
 * about 9.3 and the page would hold fewer columns than the breaks
 * assume, cutting a bid's two columns apart. The scale is computed for
 * the widest, so every reader keeps CMP_PRINT_BIDS bids to a page
 * (libxlsxwriter stores the width plus 0.71 of padding).
 */
#define XL_CHAR_PIXELS_WIDEST 9.4
static double column_pixels(double width)
{
    return (width + 0.71) * XL_CHAR_PIXELS_WIDEST;
}

/* The scale at which the widest printed page of the comparison fits A4
 * landscape: the first page holds every criterion column and
 * CMP_PRINT_BIDS bids, the others the two repeated ones and as many. */
static uint16_t comparison_print_scale(void)
{
    double bids = CMP_PRINT_BIDS * (column_pixels(CMP_WIDTH_STATUS) +
                                    column_pixels(CMP_WIDTH_POINTS));
    double first = column_pixels(CMP_WIDTH_ID) +
                   column_pixels(CMP_WIDTH_TITLE) +
                   column_pixels(CMP_WIDTH_CATEGORY) +
                   2 * column_pixels(CMP_WIDTH_SMALL) + bids;
    double scale = floor(100.0 * XL_PAGE_PIXELS / first);
    return (uint16_t)(scale < 10 ? 10 : scale > 100 ? 100 : scale);
}

/*
 * On paper: pages of CMP_PRINT_BIDS bids (a break before every further
 * group, both columns of a bid always on one page), the criterion's id
 * and title and the summary rows repeated on each, at the scale that
 * fits a page. Not "fit to width": Excel ignores manual breaks then.
 * Excel keeps at most LXW_BREAKS_MAX breaks; past them (over 6,000 bids
 * on one sheet) pages simply fill at the same scale.
 */
static void comparison_print(struct xl *x, lxw_worksheet *ws,
                             const struct xl_span *sp)
{
    lxw_col_t *breaks;
    size_t n = 0, b;

    set_print_page(x, ws, CMP_ROW_BIDS, CMP_ROW_HEAD);
    if (xl_failed(x))
        return;
    worksheet_set_print_scale(ws, comparison_print_scale());
    xl_check(x, worksheet_repeat_columns(ws, CMP_COL_ID, CMP_COL_TITLE));
    if (span_bids(sp) <= CMP_PRINT_BIDS || xl_failed(x))
        return;
    breaks = calloc(span_bids(sp) / CMP_PRINT_BIDS + 1, sizeof(*breaks));
    if (!breaks) {
        xl_fail(x, CV_ENOMEM);
        return;
    }
    for (b = sp->first + CMP_PRINT_BIDS; b < sp->end && n < LXW_BREAKS_MAX;
         b += CMP_PRINT_BIDS)
        breaks[n++] = status_col(sp, b);
    breaks[n] = 0; /* the end of the list */
    xl_check(x, worksheet_set_v_pagebreaks(ws, breaks));
    free(breaks);
}

static void comparison_layout(struct xl *x, lxw_worksheet *ws,
                              const struct xl_span *sp, lxw_row_t last_row)
{
    lxw_col_t last_col = CMP_COL_WEIGHT;
    size_t b;
    if (span_bids(sp) > 0)
        last_col = points_col(sp, sp->end - 1);
    put_width(x, ws, CMP_COL_ID, CMP_COL_ID, CMP_WIDTH_ID, NULL);
    put_width(x, ws, CMP_COL_TITLE, CMP_COL_TITLE, CMP_WIDTH_TITLE, NULL);
    put_width(x, ws, CMP_COL_CATEGORY, CMP_COL_CATEGORY, CMP_WIDTH_CATEGORY,
              NULL);
    put_width(x, ws, CMP_COL_MANDATORY, CMP_COL_WEIGHT, CMP_WIDTH_SMALL,
              NULL);
    for (b = sp->first; b < sp->end && !xl_failed(x); b++) {
        put_width(x, ws, status_col(sp, b), status_col(sp, b),
                  CMP_WIDTH_STATUS, NULL);
        put_width(x, ws, points_col(sp, b), points_col(sp, b),
                  CMP_WIDTH_POINTS, NULL);
    }
    worksheet_freeze_panes(ws, CMP_ROW_HEAD + 1, CMP_FROZEN_COLS);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, CMP_ROW_HEAD, CMP_COL_ID,
                                         last_row, last_col));
    comparison_print(x, ws, sp);
}

static void write_comparison_part(struct xl *x, lxw_worksheet *ws,
                                  const struct xl_span *sp)
{
    const struct cv_view *v = &x->view;
    lxw_row_t row = CMP_ROW_HEAD;
    size_t k, i;

    comparison_summary(x, ws, sp);
    comparison_table_header(x, ws, sp);
    for (k = 0; k < v->ngroups; k++)
        for (i = 0; i < v->groups[k].nrows && !xl_failed(x); i++)
            comparison_row(x, ws, sp, ++row, &v->groups[k],
                           v->groups[k].rows[i]);
    comparison_layout(x, ws, sp, row);
    row = comparison_subtotals(x, ws, sp, row + 2);
    comparison_notes(x, ws, row + 2);
}

/* As many comparison sheets as the columns need: CMP_BIDS_PER_SHEET bids
 * each, the criteria on every one. */
static void write_comparison(struct xl *x)
{
    const struct cv_view *v = &x->view;
    size_t nparts = v->nbids == 0 ? 1
                                  : (v->nbids - 1) / CMP_BIDS_PER_SHEET + 1;
    struct cv_strbuf name;
    struct xl_span sp;

    /* The criterion rows, subtotals and parameters come from the profile;
     * one that long would not fit any sheet. */
    if ((size_t)CMP_ROW_HEAD + 2 * v->crit->profile.nentries +
            2 * v->ngroups + v->crit->profile.nparams + 16 >= XL_ROWS) {
        snprintf(x->where, sizeof(x->where), "%s",
                 CV_L(x->lang, "比較", "Comparison"));
        xl_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return;
    }
    cv_strbuf_init(&name, 0);
    for (sp.part = 1, sp.nparts = nparts; sp.part <= nparts && !xl_failed(x);
         sp.part++) {
        lxw_worksheet *ws;
        sp.first = (sp.part - 1) * CMP_BIDS_PER_SHEET;
        sp.end = sp.first + CMP_BIDS_PER_SHEET;
        if (sp.end > v->nbids)
            sp.end = v->nbids;
        cv_strbuf_reset(&name);
        part_name(&name, CV_L(x->lang, "比較", "Comparison"), sp.part, nparts);
        if (cv_strbuf_status(&name) != CV_OK) {
            xl_fail(x, cv_strbuf_status(&name));
            break;
        }
        ws = add_sheet(x, name.ptr);
        if (ws)
            write_comparison_part(x, ws, &sp);
    }
    cv_strbuf_release(&name);
}

/* ---- one sheet per bid ---- */

static bool forbidden_in_sheet_name(char c)
{
    return c != '\0' && strchr("[]:*?/\\", c) != NULL;
}

/*
 * "03 Vendor": the bid number makes the name unique whatever the vendor
 * wrote (and it starts with a digit, so it is never one of our sheet
 * names); the rest is cut to Excel's 31 characters between characters,
 * and the characters Excel forbids become "_" (so does a final
 * apostrophe, which Excel also refuses). Blanks at the end go too: they
 * are invisible on the tab and easy to mistype in a formula.
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
    put_quote(x, ws, 0, 1, s->file, 0, false, x->f.line);
    put_label(x, ws, 1, 0, "SHA-256", lab);
    put_text(x, ws, 1, 1, s->sha256, false, x->f.line);
    put_label(x, ws, 2, 0, CV_L(L, "事業者", "Vendor"), lab);
    put_quote(x, ws, 2, 1, s->vendor, 0, false, x->f.line);
    put_label(x, ws, 3, 0, CV_L(L, "サービス", "Service"), lab);
    put_quote(x, ws, 3, 1, s->service, 0, false, x->f.line);

    put_label(x, ws, 4, 0, CV_L(L, "判定", "Verdict"), lab);
    verdict_text(&sb, s, L);
    put_built(x, ws, 4, 1, &sb, verdict_format(x, s));
    put_label(x, ws, 4, 2, CV_L(L, "順位", "Rank"), lab);
    if (cv_view_rank(v, bid))
        put_count(x, ws, 4, 3, cv_view_rank(v, bid));
    put_label(x, ws, 5, 0, CV_L(L, "得点", "Score"), lab);
    put_points(x, ws, 5, 1, s->score);
    put_label(x, ws, 5, 2, CV_L(L, "満点", "Max score"), lab);
    put_points(x, ws, 5, 3, s->max_score);
    put_label(x, ws, 6, 0, CV_L(L, "要確認件数", "Needs review"), lab);
    put_count(x, ws, 6, 1, (double)s->needs_review);
    put_label(x, ws, 6, 2, CV_L(L, "必須不適合件数", "Failed mandatory"), lab);
    put_count(x, ws, 6, 3, (double)cv_view_failed_count(v, bid));
    if (s->conditional) {
        /* First thing under the facts: what must be confirmed. */
        cv_strbuf_reset(&sb);
        pending_text(&sb, v, bid);
        cv_strbuf_puts(&sb, CV_L(L, "\n(申告のみ: 確認するまで適格と確定しません)",
                                 "\n(claimed only: the bid qualifies once a "
                                 "person has confirmed them)"));
        put_label(x, ws, 7, 0, CV_L(L, "確認待ちの必須基準",
                                    "Mandatory, to confirm"), lab);
        put_built(x, ws, 7, 1, &sb, x->f.conditional);
    }
    cv_strbuf_release(&sb);
}

/* The columns of a result, on a bid's sheet and in the detail table. */
static const struct xl_head result_heads[BID_NCOLS] = {
    { "ID", "ID" },
    { "評価項目", "Criterion" },
    { "区分", "Category" },
    { "必須", "Mandatory" },
    { "判定", "Status" },
    { "得点", "Points" },
    { "配点", "Max points" },
    { "理由", "Reason" },
    { "位置 (技術情報)", "Where (technical)" },
    { "回答", "Response" },
    { "事業者の説明", "Vendor's explanation" },
    { "根拠資料", "Evidence" },
    { "根拠条項", "Clauses" },
};

static const double result_widths[BID_NCOLS] = {
    16, 26, 12, 6, 14, 7, 7, 50, 24, 8, 36, 40, 22
};

/* The result tables print two pages wide: the criterion, its status and
 * the reason on the first, the vendor's words on the second, the id and
 * title on both. */
#define XL_RESULT_PAGES_WIDE 2

/* One evidence item: title, URL, page and section, quote; each part cut
 * (cv_view_quote). */
static void evidence_item(struct cv_strbuf *out, const struct cv_evidence *e,
                          cv_lang lang)
{
    cv_view_quote(out, e->title, 0, false, lang);
    if (e->url) {
        cv_strbuf_putc(out, '\n');
        cv_view_quote(out, e->url, 0, false, lang);
    }
    if (e->page) {
        cv_strbuf_puts(out, CV_L(lang, "\nページ ", "\npage "));
        cv_view_quote(out, e->page, 0, false, lang);
    }
    if (e->section) {
        cv_strbuf_puts(out, e->page ? " / " : "\n");
        cv_view_quote(out, e->section, 0, false, lang);
    }
    if (e->quote) {
        cv_strbuf_puts(out, CV_L(lang, "\n「", "\n\""));
        cv_view_quote(out, e->quote, 0, true, lang);
        cv_strbuf_puts(out, CV_L(lang, "」", "\""));
    }
}

/* Room kept in the evidence cell for the line saying how many more
 * items report.json has ("… and N more (cut: ...)", 80 units at most). */
#define XL_EVIDENCE_MORE_UNITS 200u

/*
 * One evidence item per paragraph, the first CV_VIEW_LIST_MAX_ITEMS, then
 * how many more report.json lists. Twenty items cut at the field limit
 * may still pass Excel's cell limit, where clip_to_cell would drop the
 * last ones and the line counting them unsaid: the items stop before
 * that, and the line counts them too.
 */
static void evidence_text(struct cv_strbuf *out, const struct cv_result *r,
                          cv_lang lang)
{
    struct cv_strbuf item;
    size_t i, used = 0;

    cv_strbuf_init(&item, 0);
    for (i = 0; i < r->nevidence && i < CV_VIEW_LIST_MAX_ITEMS; i++) {
        size_t units;
        cv_strbuf_reset(&item);
        if (i > 0)
            cv_strbuf_puts(&item, "\n\n");
        evidence_item(&item, &r->evidence[i], lang);
        cv_strbuf_fail(out, cv_strbuf_status(&item)); /* reset clears it */
        units = cell_units(item.ptr, item.len);
        if (used + units + XL_EVIDENCE_MORE_UNITS > XL_CELL_MAX)
            break;
        cv_strbuf_put(out, item.ptr, item.len);
        used += units;
    }
    cv_strbuf_release(&item);
    if (i < r->nevidence) {
        if (i > 0)
            cv_strbuf_puts(out, "\n\n");
        cv_view_more_items(out, r->nevidence - i, lang);
    }
}

/* A result's cells from column `at` on (BID_COL_ID's place). */
static void result_cells(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t at, const struct cv_view_group *g,
                         const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    lxw_format *t = x->f.text;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_text(x, ws, row, at + BID_COL_ID, c->id, false, x->f.line);
    put_text(x, ws, row, at + BID_COL_TITLE, CV_TEXT(x->lang, c->title),
             false, t);
    put_text(x, ws, row, at + BID_COL_CATEGORY, category_title(g, x->lang),
             false, t);
    put_label(x, ws, row, at + BID_COL_MANDATORY,
              mandatory_word(r->entry->mandatory, x->lang), x->f.line);
    result_status_text(&sb, r, x->lang, true);
    put_built_quote(x, ws, row, at + BID_COL_STATUS, &sb,
                    CV_VIEW_REASON_MAX_CHARS, status_format(x, r));
    put_points(x, ws, row, at + BID_COL_POINTS, r->points);
    put_points(x, ws, row, at + BID_COL_MAX, r->max_points);
    put_quote(x, ws, row, at + BID_COL_REASON, r->reason,
              CV_VIEW_REASON_MAX_CHARS, true, t);
    /* Locations name the vendor's members: quoted like their text. */
    if (r->detail)
        put_quote(x, ws, row, at + BID_COL_DETAIL, r->detail,
                  CV_VIEW_REASON_MAX_CHARS, true, x->f.detail);
    /* The answer in the run's language ("はい"), as every format says it. */
    put_text(x, ws, row, at + BID_COL_RESPONSE,
             cv_view_response_word(r->response, x->lang), false, t);
    put_quote(x, ws, row, at + BID_COL_EXPLANATION, r->explanation, 0, true,
              t);
    cv_strbuf_reset(&sb);
    evidence_text(&sb, r, x->lang);
    put_built(x, ws, row, at + BID_COL_EVIDENCE, &sb, t);
    cv_strbuf_reset(&sb);
    cv_view_citations(&sb, c, "\n");
    put_built(x, ws, row, at + BID_COL_CITATIONS, &sb, t);
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
    for (i = 0; i < s->diags.count && !xl_failed(x); i++) {
        const cv_diag *d = &s->diags.items[i];
        row++;
        put_label(x, ws, row, 0, cv_view_severity_word(d->severity, L),
                  x->f.line);
        cv_strbuf_reset(&sb);
        cv_view_location(&sb, d);
        put_built_quote(x, ws, row, 1, &sb, 0, x->f.text);
        /* Not wrapped: the message runs on over the empty cells. */
        put_quote(x, ws, row, 2, d->message, CV_VIEW_REASON_MAX_CHARS, false,
                  x->f.line);
    }
    cv_strbuf_release(&sb);
}

static void bid_layout(struct xl *x, lxw_worksheet *ws, lxw_row_t last_row)
{
    lxw_col_t c;
    for (c = 0; c < BID_NCOLS; c++)
        put_width(x, ws, c, c, result_widths[c], NULL);
    worksheet_freeze_panes(ws, BID_ROW_HEAD + 1, 2);
    if (!xl_failed(x))
        xl_check(x, worksheet_autofilter(ws, BID_ROW_HEAD, 0, last_row,
                                         BID_NCOLS - 1));
    set_print_layout(x, ws, BID_ROW_HEAD, XL_RESULT_PAGES_WIDE, 2);
}

static void write_bid(struct xl *x, lxw_worksheet *ws, size_t bid)
{
    const struct cv_view *v = &x->view;
    lxw_row_t row = BID_ROW_HEAD;
    size_t k, i;

    bid_facts(x, ws, bid);
    table_header(x, ws, BID_ROW_HEAD, result_heads, BID_NCOLS);
    for (k = 0; k < v->ngroups; k++) {
        for (i = 0; i < v->groups[k].nrows && !xl_failed(x); i++) {
            const struct cv_result *r =
                cv_view_result(v, bid, v->groups[k].rows[i]);
            if (r)
                result_cells(x, ws, ++row, 0, &v->groups[k], r);
        }
    }
    bid_layout(x, ws, row);
    bid_diagnostics(x, ws, row + 2, cv_view_bid(v, bid));
}

static void write_bid_sheets(struct xl *x)
{
    const struct cv_view *v = &x->view;
    struct cv_strbuf name;
    size_t b;

    cv_strbuf_init(&name, 0);
    for (b = 0; b < v->nbids && !xl_failed(x); b++) {
        lxw_worksheet *ws;
        cv_status st;
        cv_strbuf_reset(&name);
        st = bid_sheet_name(&name, v, b);
        if (st != CV_OK) {
            xl_fail(x, st);
            break;
        }
        ws = add_sheet(x, name.ptr);
        if (ws)
            write_bid(x, ws, b);
    }
    cv_strbuf_release(&name);
}

/* ---- the detail table: one row per bid x criterion ---- */

/* The bid's number and name, first on every row of the tables: the name
 * cut at CV_VIEW_NAME_MAX_CHARS, as it is repeated. */
static void put_bid(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                    size_t bid)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    put_number(x, ws, row, 0, (double)(bid + 1));
    cv_view_bid_label(&sb, &x->view, bid);
    put_built(x, ws, row, 1, &sb, x->f.text);
    cv_strbuf_release(&sb);
}

static void detail_begin(struct xl *x, lxw_worksheet *ws,
                         const struct xl_table *t)
{
    lxw_col_t c;
    put_label(x, ws, t->head, DET_COL_BID, CV_L(x->lang, "入札", "Bid"),
              x->f.head);
    put_label(x, ws, t->head, DET_COL_NAME,
              CV_L(x->lang, "入札者", "Bidder"), x->f.head);
    for (c = 0; c < BID_NCOLS; c++)
        put_label(x, ws, t->head, (lxw_col_t)(DET_COL_RESULT + c),
                  CV_L(x->lang, result_heads[c].ja, result_heads[c].en),
                  x->f.head);
}

/* An unreadable bid's one row: nothing evaluated, its first error (the
 * location quoted like a field: its path may name a member of any
 * length). */
static void detail_invalid_row(struct xl *x, lxw_worksheet *ws,
                               lxw_row_t row, const cv_submission *s)
{
    struct cv_strbuf sb, loc;
    size_t i;
    put_label(x, ws, row, DET_COL_RESULT + BID_COL_STATUS,
              not_evaluated_word(x->lang), x->f.none);
    cv_strbuf_init(&sb, 0);
    cv_strbuf_init(&loc, 0);
    for (i = 0; i < s->diags.count; i++) {
        const cv_diag *d = &s->diags.items[i];
        if (d->severity == CV_SEV_ERROR) {
            cv_view_location(&loc, d);
            cv_view_quote(&sb, loc.ptr, 0, false, x->lang);
            cv_strbuf_puts(&sb, ": ");
            cv_view_quote(&sb, d->message, CV_VIEW_REASON_MAX_CHARS, true,
                          x->lang);
            break;
        }
    }
    cv_strbuf_fail(&sb, cv_strbuf_status(&loc));
    put_built(x, ws, row, DET_COL_RESULT + BID_COL_REASON, &sb, x->f.text);
    cv_strbuf_release(&loc);
    cv_strbuf_release(&sb);
}

/* The rows write_detail gives the bid: one per result in the
 * categories' order, one for a bid without results. */
static size_t detail_rows(const struct cv_view *v, size_t bid)
{
    size_t k, i, n = 0;
    if (cv_view_bid(v, bid)->nresults == 0)
        return 1;
    for (k = 0; k < v->ngroups; k++)
        for (i = 0; i < v->groups[k].nrows; i++)
            n += cv_view_result(v, bid, v->groups[k].rows[i]) != NULL;
    return n;
}

static void write_detail(struct xl *x)
{
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_worksheet *ws;
    lxw_row_t row;
    double widths[DET_NCOLS] = { 6, 30 };
    size_t b, k, i, rows = 0;

    memcpy(widths + DET_COL_RESULT, result_widths, sizeof(result_widths));
    for (b = 0; b < v->nbids; b++)
        rows += detail_rows(v, b);
    table_init(&t, CV_L(x->lang, "詳細", "Detail"), 0, DET_NCOLS, widths,
               detail_begin, rows);
    t.pages_wide = XL_RESULT_PAGES_WIDE;
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        if (s->nresults == 0) {
            if (!(ws = table_row(x, &t, &row)))
                return;
            put_bid(x, ws, row, b);
            detail_invalid_row(x, ws, row, s);
            continue;
        }
        for (k = 0; k < v->ngroups; k++) {
            for (i = 0; i < v->groups[k].nrows; i++) {
                const struct cv_result *r =
                    cv_view_result(v, b, v->groups[k].rows[i]);
                if (!r)
                    continue;
                if (!(ws = table_row(x, &t, &row)))
                    return;
                put_bid(x, ws, row, b);
                result_cells(x, ws, row, DET_COL_RESULT, &v->groups[k], r);
            }
        }
    }
    table_close(x, &t);
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

/* Whether and against which list the claims were checked, then the
 * table's header. */
static void registry_begin(struct xl *x, lxw_worksheet *ws,
                           const struct xl_table *t)
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
    cv_lang L = x->lang;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_label(x, ws, REG_ROW_NOTE, 0, CV_L(L, "ISMAP 登録簿", "ISMAP registry"),
              x->f.label);
    put_outcome(x, ws, REG_ROW_NOTE, 1, cv_view_registry_symbol(v),
                cv_view_registry_word(v), cv_view_registry_tone(v));
    cv_view_registry_text(&sb, v);
    put_built(x, ws, REG_ROW_NOTE, 2, &sb, registry_line_format(x));
    if (v->registry.checked) {
        cv_strbuf_reset(&sb);
        cv_view_registry_snapshot(&sb, v);
        put_label(x, ws, REG_ROW_SNAPSHOT, 0,
                  CV_L(L, "スナップショット", "Snapshot"), x->f.label);
        put_built(x, ws, REG_ROW_SNAPSHOT, 2, &sb, x->f.line);
    }
    cv_strbuf_release(&sb);
    table_header(x, ws, t->head, heads, REG_NCOLS);
}

static void registry_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         size_t bid, const struct cv_regcheck *rc)
{
    const struct cv_registry_row *r = rc->row;
    lxw_format *t = x->f.text;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_bid(x, ws, row, bid);
    put_quote(x, ws, row, REG_COL_SCHEME, rc->scheme, 0, false, t);
    put_quote(x, ws, row, REG_COL_NUMBER, rc->number, 0, false, t);
    cv_view_reg_location(&sb, rc);
    put_built_quote(x, ws, row, REG_COL_LOCATION, &sb, 0, t);
    put_outcome(x, ws, row, REG_COL_OUTCOME, cv_view_reg_symbol(rc->outcome),
                cv_view_reg_word(rc->outcome, x->lang),
                cv_view_reg_tone(rc->outcome));
    if (r) {
        put_number(x, ws, row, REG_COL_ROW, r->row);
        put_quote(x, ws, row, REG_COL_ROW_NUMBER, r->number, 0, false, t);
        put_quote(x, ws, row, REG_COL_ROW_SERVICE, r->service, 0, false, t);
        put_quote(x, ws, row, REG_COL_ROW_PROVIDER, r->provider, 0, false, t);
        put_quote(x, ws, row, REG_COL_ROW_SCHEME, r->scheme, 0, false, t);
        put_quote(x, ws, row, REG_COL_ROW_REGISTERED, r->registered, 0, false, t);
        put_quote(x, ws, row, REG_COL_ROW_EXPIRES, r->expires, 0, false, t);
    } else {
        put_label(x, ws, row, REG_COL_ROW, "—", x->f.none);
    }
    put_quote(x, ws, row, REG_COL_MESSAGE, rc->message,
              CV_VIEW_REASON_MAX_CHARS, true, t);
    cv_strbuf_release(&sb);
}

static void write_registry(struct xl *x)
{
    static const double widths[REG_NCOLS] = {
        6, 30, 14, 14, 20, 18, 8, 14, 28, 28, 12, 12, 12, 70
    };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_worksheet *ws;
    lxw_row_t row;
    size_t b, i, rows = 0;

    for (b = 0; b < v->nbids; b++)
        rows += cv_view_bid(v, b)->nregchecks;
    table_init(&t, CV_L(x->lang, "登録簿照合", "Registry"), REG_ROW_HEAD,
               REG_NCOLS, widths, registry_begin, rows);
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->nregchecks; i++) {
            if (!(ws = table_row(x, &t, &row)))
                return;
            registry_row(x, ws, row, b, &s->regchecks[i]);
        }
    }
    table_close(x, &t);
}

static void links_begin(struct xl *x, lxw_worksheet *ws,
                        const struct xl_table *t)
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
    table_header(x, ws, t->head, heads, LNK_NCOLS);
}

static void link_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                     size_t bid, const struct cv_link *l)
{
    const struct cv_link_check *c = &l->check;
    lxw_format *t = x->f.text;

    put_bid(x, ws, row, bid);
    put_quote(x, ws, row, LNK_COL_LOCATION, l->pointer, 0, false, t);
    put_quote(x, ws, row, LNK_COL_URL, c->url, 0, false, t);
    put_outcome(x, ws, row, LNK_COL_OUTCOME, cv_view_link_symbol(l),
                cv_view_link_word(l, x->lang), cv_view_link_tone(l));
    if (l->checked) {
        if (c->http_status)
            put_number(x, ws, row, LNK_COL_HTTP, (double)c->http_status);
        put_quote(x, ws, row, LNK_COL_TYPE, c->content_type, 0, false, t);
        put_quote(x, ws, row, LNK_COL_FINAL, c->final_url, 0, false, t);
        put_quote(x, ws, row, LNK_COL_METHOD, c->method, 0, false, t);
        put_number(x, ws, row, LNK_COL_REDIRECTS, c->redirects);
        put_number(x, ws, row, LNK_COL_MS, round(c->elapsed_ms));
        put_quote(x, ws, row, LNK_COL_AT, c->checked_at, 0, false, t);
    }
    put_quote(x, ws, row, LNK_COL_MESSAGE, l->message,
              CV_VIEW_REASON_MAX_CHARS, true, t);
}

static void write_links(struct xl *x)
{
    static const double widths[LNK_NCOLS] = {
        6, 30, 24, 50, 18, 7, 18, 50, 9, 9, 9, 20, 60
    };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_worksheet *ws;
    lxw_row_t row;
    size_t b, i, rows = 0;

    for (b = 0; b < v->nbids; b++)
        if (cv_view_bid(v, b)->online)
            rows += cv_view_bid(v, b)->nlinks;
    table_init(&t, CV_L(x->lang, "リンク", "Links"), 0, LNK_NCOLS, widths,
               links_begin, rows);
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; s->online && i < s->nlinks; i++) {
            if (!(ws = table_row(x, &t, &row)))
                return;
            link_row(x, ws, row, b, &s->links[i]);
        }
    }
    table_close(x, &t);
}

/* ---- residual obligations sheet ---- */

static void residual_begin(struct xl *x, lxw_worksheet *ws,
                           const struct xl_table *t)
{
    static const struct xl_head heads[RES_NCOLS] = {
        { "入札", "Bid" },
        { "入札者", "Bidder" },
        { "基準", "Criterion" },
        { "基準名", "Title" },
        { "根拠条項", "Clauses" },
        { "責任分担", "Responsibility" },
        { "注意", "Note" },
        { "利用者が行うこと (提供者の記載)",
          "What the customer must do (the provider's words)" },
    };
    put_label(x, ws, RES_ROW_INTRO, 0, cv_view_residual_intro(x->lang),
              x->f.line);
    table_header(x, ws, t->head, heads, RES_NCOLS);
}

static void residual_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         size_t bid, const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    lxw_format *t = x->f.text;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    put_bid(x, ws, row, bid);
    put_label(x, ws, row, RES_COL_ID, c->id, t);
    put_text(x, ws, row, RES_COL_TITLE, CV_TEXT(x->lang, c->title), false, t);
    cv_view_citations(&sb, c, "\n");
    put_built(x, ws, row, RES_COL_CITATIONS, &sb, t);
    put_label(x, ws, row, RES_COL_RESPONSIBILITY,
              cv_view_responsibility_word(r, x->lang), t);
    put_label(x, ws, row, RES_COL_NOTE, cv_view_residual_note(x->lang),
              x->f.status[CV_STATUS_PARTIAL][0]);
    put_quote(x, ws, row, RES_COL_DUTY, r->customer_responsibilities, 0,
              true, t);
    cv_strbuf_release(&sb);
}

/* "利用者側の責任" / "Customer duties": one row per bid x residual
 * obligation, the items the municipality takes on with each bid. */
static void write_residual(struct xl *x)
{
    static const double widths[RES_NCOLS] = { 6, 30, 24, 36, 30, 22, 30, 70 };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_worksheet *ws;
    lxw_row_t row;
    size_t b, i, rows = 0;

    for (b = 0; b < v->nbids; b++)
        rows += cv_view_residual_count(v, b);
    table_init(&t, CV_L(x->lang, "利用者側の責任", "Customer duties"),
               RES_ROW_HEAD, RES_NCOLS, widths, residual_begin, rows);
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->nresults; i++) {
            if (!s->results[i].residual)
                continue;
            if (!(ws = table_row(x, &t, &row)))
                return;
            residual_row(x, ws, row, b, &s->results[i]);
        }
    }
    table_close(x, &t);
}

/* ---- diagnostics sheet ---- */

static void diagnostics_begin(struct xl *x, lxw_worksheet *ws,
                              const struct xl_table *t)
{
    static const struct xl_head heads[DIA_NCOLS] = {
        { "入札", "Bid" },
        { "ファイル", "File" },
        { "重大度", "Severity" },
        { "位置", "Location" },
        { "内容", "Message" },
    };
    table_header(x, ws, t->head, heads, DIA_NCOLS);
}

static void diagnostic_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                           size_t bid, const cv_submission *s,
                           const cv_diag *d)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    put_number(x, ws, row, DIA_COL_BID, (double)(bid + 1));
    put_quote(x, ws, row, DIA_COL_FILE, s->file, 0, false, x->f.text);
    put_label(x, ws, row, DIA_COL_SEVERITY,
              cv_view_severity_word(d->severity, x->lang), x->f.line);
    cv_view_location(&sb, d);
    put_built_quote(x, ws, row, DIA_COL_LOCATION, &sb, 0, x->f.text);
    put_quote(x, ws, row, DIA_COL_MESSAGE, d->message,
              CV_VIEW_REASON_MAX_CHARS, true, x->f.text);
    cv_strbuf_release(&sb);
}

static void write_diagnostics(struct xl *x)
{
    static const double widths[DIA_NCOLS] = { 6, 30, 10, 30, 80 };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_worksheet *ws;
    lxw_row_t row;
    size_t b, i, rows = 0;

    for (b = 0; b < v->nbids; b++)
        rows += cv_view_bid(v, b)->diags.count;
    table_init(&t, CV_L(x->lang, "診断", "Diagnostics"), 0, DIA_NCOLS,
               widths, diagnostics_begin, rows);
    t.frozen_cols = 0;
    t.print = false;
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->diags.count; i++) {
            if (!(ws = table_row(x, &t, &row)))
                return;
            diagnostic_row(x, ws, row, b, s, &s->diags.items[i]);
        }
    }
    table_close(x, &t);
}

static void award_fact(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                       const char *label, struct cv_strbuf *sb)
{
    put_label(x, ws, row, 0, label, x->f.label);
    put_built_quote(x, ws, row, AWD_COL_STATE, sb, CV_VIEW_REASON_MAX_CHARS,
                    x->f.line);
    cv_strbuf_reset(sb);
}

static void award_begin(struct xl *x, lxw_worksheet *ws,
                        const struct xl_table *t)
{
    static const struct xl_head heads[AWD_NCOLS] = {
        { "総合順位", "Award rank" },
        { "入札", "Bid" },
        { "入札者", "Bidder" },
        { "状態", "State" },
        { "入札価格 (税抜)", "Price (excl. tax)" },
        { "技術点 (端数処理前)", "Technical (unrounded)" },
        { "技術点", "Technical points" },
        { "価格点 (端数処理前)", "Price points (unrounded)" },
        { "価格点", "Price points" },
        { "総合評価点 (端数処理前)", "Total (unrounded)" },
        { "総合評価点", "Total" },
        { "計算", "Arithmetic" },
        { "理由", "Reason" },
    };
    const struct cv_view *v = &x->view;
    const struct cv_tender_def *td = cv_view_tender(v);
    lxw_row_t r = AWD_ROW_FACTS;
    struct cv_strbuf sb;
    cv_lang L = x->lang;

    cv_strbuf_init(&sb, 0);
    cv_view_text(&sb, td->id, false);
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_TENDER_ID, L), &sb);
    cv_view_text(&sb, cv_view_tender_title(v), false);
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_TENDER_TITLE, L), &sb);
    cv_view_tender_method_text(&sb, td, L);
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_METHOD, L), &sb);
    if (td->ceiling > 0)
        cv_view_yen(&sb, td->ceiling, L);
    else
        cv_strbuf_puts(&sb, "–");
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_CEILING, L), &sb);
    cv_view_tax_text(&sb, td, L);
    award_fact(x, ws, r++, CV_L(L, "消費税", "Tax"), &sb);
    cv_view_rounding_text(&sb, td, L);
    award_fact(x, ws, r++, CV_L(L, "端数処理", "Rounding"), &sb);
    cv_view_tie_chain_text(&sb, td, L);
    award_fact(x, ws, r++, CV_L(L, "同点の場合", "Ties"), &sb);
    cv_view_minimum_text(&sb, td, L);
    award_fact(x, ws, r++, CV_L(L, "最低基準点", "Minimum technical points"),
               &sb);
    cv_strbuf_printf(&sb, "%s %s", cv_view_method_sha256(v),
                     cv_view_method_hash_note(L));
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_METHOD_SHA256, L), &sb);
    cv_view_margin_text(&sb, v);
    award_fact(x, ws, r++, cv_view_heading(CV_HEAD_MARGIN, L), &sb);
    if (v->report->sens.fragile)
        cv_strbuf_printf(&sb, "%s — ", cv_view_fragile_flag(L));
    cv_view_sensitivity_text(&sb, v);
    award_fact(x, ws, r, cv_view_heading(CV_HEAD_SENSITIVITY, L), &sb);
    cv_strbuf_release(&sb);
    table_header(x, ws, t->head, heads, AWD_NCOLS);
}

static void award_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                      size_t bid)
{
    const struct cv_view *v = &x->view;
    const struct cv_award_bid *ab = cv_view_award_bid(v, bid);
    bool additive = cv_view_tender(v)->method == CV_TENDER_ADDITIVE;
    bool ranked = ab->state == CV_AWARD_RANKED && ab->rank;
    struct cv_strbuf sb;

    cv_strbuf_init(&sb, 0);
    if (ranked)
        put_count(x, ws, row, AWD_COL_RANK, ab->rank);
    put_count(x, ws, row, AWD_COL_BID, (double)(bid + 1));
    cv_view_bid_label(&sb, v, bid);
    put_built(x, ws, row, AWD_COL_NAME, &sb, x->f.text);
    put_label(x, ws, row, AWD_COL_STATE,
              cv_view_award_state_word(ab->state, x->lang), x->f.text);
    if (ab->bid)
        put_yen(x, ws, row, AWD_COL_PRICE, ab->price);
    if (cv_view_award_has_technical(v, bid)) {
        put_num(x, ws, row, AWD_COL_TECH_RAW, ab->technical_raw, x->f.number);
        put_award_points(x, ws, row, AWD_COL_TECH, ab->technical);
    }
    if (additive && ranked) {
        put_num(x, ws, row, AWD_COL_PRICE_RAW, ab->price_raw, x->f.number);
        put_award_points(x, ws, row, AWD_COL_PRICE_POINTS, ab->price_points);
    }
    if (ranked) {
        put_num(x, ws, row, AWD_COL_TOTAL_RAW, ab->total_raw, x->f.number);
        put_award_points(x, ws, row, AWD_COL_TOTAL, ab->total);
    }
    put_quote(x, ws, row, AWD_COL_ARITHMETIC, ab->arithmetic,
              CV_VIEW_REASON_MAX_CHARS, true, x->f.text);
    put_quote(x, ws, row, AWD_COL_REASON, ab->reason,
              CV_VIEW_REASON_MAX_CHARS, true, x->f.text);
    cv_strbuf_release(&sb);
}

/* "総合評価" / "Award": the method, then the arithmetic of every bid in
 * award order. */
static void write_award(struct xl *x)
{
    static const double widths[AWD_NCOLS] = { 8, 6, 28, 22, 16, 12, 10,
                                              12, 10, 12, 10, 60, 40 };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_row_t row;
    size_t k;

    table_init(&t, CV_L(x->lang, "総合評価", "Award"), AWD_ROW_HEAD,
               AWD_NCOLS, widths, award_begin, v->nbids);
    t.frozen_cols = AWD_COL_NAME + 1;
    t.pages_wide = 2;
    for (k = 0; k < v->nbids; k++) {
        lxw_worksheet *ws = table_row(x, &t, &row);
        if (!ws)
            return;
        award_row(x, ws, row, cv_view_ranked(v, k));
    }
    table_close(x, &t);
}

static void decisions_begin(struct xl *x, lxw_worksheet *ws,
                            const struct xl_table *t)
{
    static const struct xl_head heads[DEC_NCOLS] = {
        { "入札", "Bid" },
        { "入札者", "Bidder" },
        { "基準", "Criterion" },
        { "ツールの判定", "Tool's status" },
        { "判断", "Decision" },
        { "判断者", "Decided by" },
        { "判断日", "Decided on" },
        { "理由", "Reason" },
        { "適用", "Applied" },
        { "説明", "Message" },
    };
    put_label(x, ws, DEC_ROW_INTRO, 0,
              CV_L(x->lang, "審査委員会が記録した判断です。適用した判断は、"
                            "その基準の結果と得点をツールの判定に代えて"
                            "定めます。判断の後に入札ファイルか基準が"
                            "変わった判断は適用していません。",
                   "The decisions the committee recorded. An applied one "
                   "sets the criterion's status and points in place of the "
                   "tool's; one made before the bid's file or the "
                   "criterion changed was not applied."),
              x->f.line);
    table_header(x, ws, t->head, heads, DEC_NCOLS);
}

static void decision_row(struct xl *x, lxw_worksheet *ws, lxw_row_t row,
                         size_t bid, const struct cv_decision_note *n)
{
    const struct cv_decision *d = n->decision;
    const struct cv_result *r = cv_view_decision_result(&x->view, bid, d);
    struct cv_strbuf sb;
    lxw_format *t = x->f.text;

    cv_strbuf_init(&sb, 0);
    put_bid(x, ws, row, bid);
    put_quote(x, ws, row, DEC_COL_CRITERION, d->criterion,
              CV_VIEW_NAME_MAX_CHARS, false, t);
    if (r) {
        status_text(&sb, cv_view_tool_status(r), x->lang);
        put_built(x, ws, row, DEC_COL_TOOL, &sb, t);
        cv_strbuf_reset(&sb);
    }
    status_text(&sb, d->status, x->lang);
    put_built(x, ws, row, DEC_COL_DECISION, &sb,
              (unsigned)d->status < NSTATUS ? x->f.status[d->status][0] : t);
    put_quote(x, ws, row, DEC_COL_BY, d->by, CV_VIEW_NAME_MAX_CHARS, false,
              t);
    put_quote(x, ws, row, DEC_COL_ON, d->on, CV_VIEW_NAME_MAX_CHARS, false,
              t);
    put_quote(x, ws, row, DEC_COL_REASON, d->reason, 0, true, t);
    put_label(x, ws, row, DEC_COL_FATE, cv_view_fate_word(n->fate, x->lang),
              n->fate == CV_DECISION_APPLIED ? t : x->f.warn);
    put_quote(x, ws, row, DEC_COL_MESSAGE, n->message,
              CV_VIEW_REASON_MAX_CHARS, true, t);
    cv_strbuf_release(&sb);
}

/* "審査委員会の判断" / "Committee decisions": the audit table of every
 * bid's decisions, applied or stale, in ranking order. */
static void write_decisions_audit(struct xl *x)
{
    static const double widths[DEC_NCOLS] = { 6, 28, 18, 16, 16, 16, 12,
                                              50, 24, 40 };
    const struct cv_view *v = &x->view;
    struct xl_table t;
    lxw_row_t row;
    size_t k, i, rows = 0;

    for (k = 0; k < v->nbids; k++)
        rows += cv_view_bid(v, k)->ndecisions;
    table_init(&t, cv_view_heading(CV_HEAD_DECISIONS, x->lang), DEC_ROW_HEAD,
               DEC_NCOLS, widths, decisions_begin, rows);
    t.pages_wide = 2;
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k);
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->ndecisions; i++) {
            lxw_worksheet *ws = table_row(x, &t, &row);
            if (!ws)
                return;
            decision_row(x, ws, row, b, &s->decisions[i]);
        }
    }
    table_close(x, &t);
}

/* ---- workbook ---- */

static void write_sheets(struct xl *x)
{
    write_summary(x);
    if (cv_view_awarded(&x->view))
        write_award(x);
    if (cv_view_any_decisions(&x->view))
        write_decisions_audit(x);
    write_basis(x);
    write_comparison(x);
    if (x->view.nbids <= XL_BID_SHEETS_MAX)
        write_bid_sheets(x);
    else
        write_detail(x);
    if (!xl_failed(x)) /* the committee's 審査記入 (xlsx_decisions.c) */
        xl_fail(x, cv_xlsx_decisions_sheet(x->wb, &x->view, x->where,
                                           sizeof(x->where)));
    write_registry(x);
    if (cv_view_any_residual(&x->view))
        write_residual(x);
    if (x->view.online)
        write_links(x);
    write_diagnostics(x);
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

/*
 * In constant_memory mode each sheet's rows go to a temporary file that
 * libxlsxwriter writes without checking: a full temporary directory would
 * leave a sheet cut short inside a zip that closes without an error.
 * Each file is flushed and its error flag read before the zip is made,
 * so a sheet that lost rows fails the workbook instead.
 */
static void check_sheet_files(struct xl *x)
{
    lxw_worksheet *ws;
    if (xl_failed(x))
        return;
    LXW_FOREACH_WORKSHEET(ws, x->wb)
    {
        FILE *f = ws->optimize_tmpfile;
        if (f && (fflush(f) != 0 || ferror(f))) {
            snprintf(x->where, sizeof(x->where), "%s", ws->name);
            xl_check(x, LXW_ERROR_CREATING_TMPFILE);
            return;
        }
    }
}

static cv_status xl_status(const struct xl *x)
{
    if (x->st != CV_OK)
        return x->st;
    if (x->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return CV_ENOMEM;
    return x->err == LXW_NO_ERROR ? CV_OK : CV_EIO;
}

/* The diagnostic of a workbook that could not be written: the format,
 * the sheet (or the step) where it failed, and libxlsxwriter's reason or
 * ours. Never errno: libxlsxwriter does not say which call set it. */
static cv_status report_failure(const cv_report *report, const char *path,
                                cv_status st, const char *where,
                                const char *why)
{
    struct cv_loc loc = { path, "", 0, 0 };
    cv_lang L = report->ctx->opts.lang;
    if (!where || !*where)
        return cv_diags_fail(&report->ctx->diags, st, &loc,
                             CV_L(L, "XLSX を書き込めません: %s",
                                  "cannot write the XLSX workbook: %s"),
                             why);
    return cv_diags_fail(&report->ctx->diags, st, &loc,
                         CV_L(L, "XLSX を書き込めません (%s): %s",
                              "cannot write the XLSX workbook (%s): %s"),
                         where, why);
}

/* Why the workbook failed, in words. */
static const char *failure_reason(const struct xl *x, cv_lang lang)
{
    if (x->st == CV_ERROR)
        return CV_L(lang, "表の行数が見積もりと合いません (cloudvet の不具合)",
                    "a table's rows do not match their count (a bug in "
                    "cloudvet)");
    if (x->st != CV_OK)
        return cv_status_str(x->st);
    if (x->err == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        return CV_L(lang, "Excel の行または列の上限を超えます "
                          "(libxlsxwriter: Worksheet row or column index out "
                          "of range)",
                    "past Excel's last row or column (libxlsxwriter: "
                    "Worksheet row or column index out of range)");
    return lxw_strerror(x->err);
}

/*
 * libxlsxwriter opens the file only when the workbook is closed, and then prints the
 * failure on stderr. Creating the file first keeps the library silent in
 * the usual case (no such directory, no permission) and gives the same
 * message as the other formats.
 */
static int can_create(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return errno ? errno : EIO;
    return fclose(f) == 0 ? 0 : (errno ? errno : EIO);
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
    lxw_workbook_options options;
    struct cv_strbuf title;

    cv_strbuf_init(&title, 0);
    memset(&options, 0, sizeof(options));
    options.constant_memory = LXW_TRUE;
    /* The detail table of a large batch may pass 4 GB uncompressed; a
     * tender's workbook stays a plain zip, which every reader opens. */
    options.use_zip64 = x->view.nbids > XL_BID_SHEETS_MAX;
    x->wb = workbook_new_opt(path, &options);
    if (!x->wb)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    if (!xl_failed(x)) {
        make_formats(x);
        make_award_formats(x);
        set_properties(x, &title);
        write_sheets(x);
        check_sheet_files(x);
    }
    /* Closing writes the file and frees the workbook; a workbook that
     * failed half-way is only freed. */
    if (x->wb && !xl_failed(x)) {
        snprintf(x->where, sizeof(x->where), "%s",
                 CV_L(x->lang, "ファイルの書き出し", "writing the file"));
        xl_check(x, workbook_close(x->wb));
    } else if (x->wb) {
        lxw_workbook_free(x->wb);
    }
    x->wb = NULL;
    cv_strbuf_release(&title);
}

cv_status cv_report_xlsx(const cv_report *report, const char *path)
{
    struct xl x;
    cv_status st;
    int err;

    if (!report || !path)
        return CV_EUSAGE;
    errno = 0;
    err = can_create(path);
    if (err != 0)
        return report_failure(report, path, CV_EIO, NULL, strerror(err));
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
        st = report_failure(report, path, st, x.where,
                            failure_reason(&x, x.lang));
    }
    cv_strbuf_release(&x.cell);
    cv_view_release(&x.view);
    return st;
}
