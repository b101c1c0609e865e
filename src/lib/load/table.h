/* SPDX-License-Identifier: MIT */
/*
 * table.h: stage 1 for registry lists, bytes -> rows of display text.
 *
 * The ISMAP cloud service list is distributed as an Excel workbook (and
 * sometimes as CSV). These readers turn either into sheets of rows whose
 * cells hold the text a person sees in Excel: a number is rendered through
 * the cell's number format (a float stored as 5.0999999999999996 is shown
 * "5.1"; a date serial under a date format becomes YYYY-MM-DD), shared and
 * inline strings are resolved, and a merged range repeats its top-left
 * value in every cell it covers, so a two-row header reads as one row.
 *
 * Workbooks are hostile input: every part is bounded (uncompressed bytes
 * counted while inflating, not trusted from the zip directory), cells and
 * rows are capped, XML parts are parsed with no DTD, no entities and no
 * network. The zip library and libxml2 stay inside load/.
 *
 * Invariants of a loaded cv_sheets: every cell text is valid UTF-8 without
 * NUL bytes, never empty (an empty cell is NULL), and no longer than
 * max_cell_bytes; control characters a workbook encodes (_x0007_) are kept
 * as they are, for the display layer to escape; rows are in increasing
 * `number` order and the last cell of a row is never NULL. Everything
 * lives in req->arena, also after a failure (release the arena).
 */
#ifndef CV_TABLE_H
#define CV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/strbuf.h"

struct cv_table_row {
    unsigned number;      /* 1-based row number in the sheet / CSV line */
    size_t ncells;        /* columns 0 .. ncells-1 */
    const char **cells;   /* [column]: valid UTF-8 text, NULL when empty */
};

struct cv_table {
    const char *name;     /* sheet name; the file name for CSV */
    struct cv_table_row *rows; /* only rows with at least one cell */
    size_t nrows;
    bool hidden;          /* a sheet whose tab Excel does not show */
};

struct cv_sheets {
    struct cv_table *sheets; /* in workbook order; one for CSV */
    size_t count;
};

/*
 * Bounds for one workbook or CSV file (CV_TABLE_LIMITS_DEFAULT). A hit is
 * CV_ELIMIT with a diagnostic naming the field and where it was reached.
 * max_cells bounds three counts separately, each over all sheets: values
 * read, cells covered by merged ranges (the fill work), and row slots
 * (a row takes one slot per column up to its last value, so a lone value
 * in column 1000 costs 1000).
 */
struct cv_table_limits {
    size_t max_file_bytes;   /* the .xlsx / .csv itself: 64 MiB */
    size_t max_part_bytes;   /* one uncompressed zip member: 128 MiB */
    size_t max_cells;        /* cells over all sheets: 2 000 000 */
    size_t max_columns;      /* columns per row: 1 024 */
    size_t max_cell_bytes;   /* one cell's text: 32 KiB */
    size_t max_sheets;       /* 256 */
    size_t max_total_bytes;  /* all zip members read, uncompressed: 512 MiB */
};

#define CV_TABLE_LIMITS_DEFAULT                                               \
    {                                                                         \
        (size_t)64 << 20, (size_t)128 << 20, (size_t)2000000, (size_t)1024,   \
            (size_t)32 << 10, (size_t)256, (size_t)512 << 20                  \
    }

struct cv_table_req {
    const char *source;      /* name for diagnostics */
    const char *buf;
    size_t len;
    const struct cv_table_limits *limits;
    struct cv_arena *arena;  /* the tables' lifetime */
    struct cv_diags *diags;  /* located: source, "sheet!A1"-style path, row */
};

/* Read an Office Open XML workbook (.xlsx). Errors: CV_EPARSE (not a zip,
 * an encrypted or legacy .xls file, missing or malformed part, a cell
 * reference outside the sheet, text that is not UTF-8), CV_ELIMIT,
 * CV_ENOMEM; each with a diagnostic. Warnings (a value hidden under a
 * merged range) may be added on success. Needs cv_global_init. */
cv_status cv_load_xlsx(struct cv_sheets *out, const struct cv_table_req *req);

/* Read RFC 4180 CSV, UTF-8 with or without a BOM; a file that is not UTF-8
 * (e.g. Shift_JIS) is CV_EPARSE with a diagnostic naming the line, which
 * tells the officer to save it as UTF-8. Delimiter: comma, or tab when the
 * first line has tabs and no commas. The one table is named by the
 * source's base name ("lists/ismap.csv" -> "ismap.csv"). Errors: CV_EPARSE
 * (also an unterminated quoted field), CV_ELIMIT, CV_ENOMEM. */
cv_status cv_load_csv(struct cv_sheets *out, const struct cv_table_req *req);

/* Makes room for item `n` in a malloc'ed array of `*cap` items of `size`
 * bytes (doubling, overflow-checked); false when out of memory. */
bool cv_table_reserve(void **items, size_t *cap, size_t n, size_t size);

/* True when the bytes start like a zip (PK\3\4). */
int cv_table_is_zip(const char *buf, size_t len);

/*
 * Appends to `out` the text Excel shows for the number `v` in a cell whose
 * number format is builtin `numfmt_id`, or the format code `code` when it
 * is not NULL (a workbook's own format; it takes precedence over the id):
 *   General (id 0, and anything not understood): up to 15 significant
 *     digits, shortest form ("5.1", "12", "0.3"); scientific ("1E+21")
 *     from 1E+15 up and below 1E-9;
 *   numbers ("0.00", "#,##0", "0%", ids 1-4, 9, 10, 37-44): the decimals,
 *     thousands separators and percent of the first section, rounded half
 *     away from zero on the 15-digit value, as Excel does; literals,
 *     currency symbols and colours are not reproduced;
 *   dates (ids 14-17, 22, 27-36, 50-58, or a code with y/m/d/h/s outside
 *     quotes and brackets, such as "yyyy/m/d" or "[$-411]ggge年m月d日"):
 *     ISO "YYYY-MM-DD", plus " HH:MM:SS" when the format shows a time and
 *     the value has one; time-only formats give "HH:MM:SS". Serials follow
 *     Excel's 1900 system (serial 60 is the 1900-02-29 that Excel invents)
 *     or, with `date1904`, the 1904 system; a serial outside 1..9999-12-31
 *     falls back to General.
 * Sticky-error strbuf semantics; v must be finite.
 */
void cv_table_format_number(struct cv_strbuf *out, double v, int numfmt_id,
                            const char *code, bool date1904);

#endif
