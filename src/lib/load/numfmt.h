/* SPDX-License-Identifier: MIT */
/*
 * numfmt.h: Excel number formats, inside load/ (numfmt.c).
 *
 * A workbook stores a number as a double and a format per cell style; a
 * person sees the number through the format. The workbook reader compiles
 * each style's format once (cv_numfmt_compile / cv_numfmt_builtin) and
 * renders every numeric cell with cv_numfmt_put, so a float stored as
 * 5.0999999999999996 reads "5.1" and a date serial reads YYYY-MM-DD.
 * The rules are those of cv_table_format_number in table.h.
 */
#ifndef CV_NUMFMT_H
#define CV_NUMFMT_H

#include <stdbool.h>

#include "../base/strbuf.h"

enum fmt_kind { FMT_GENERAL, FMT_NUMBER, FMT_DATE, FMT_TIME, FMT_DATETIME };

/* What the display needs of a number format. */
struct numfmt {
    enum fmt_kind kind;
    unsigned min_dec; /* FMT_NUMBER: decimals always shown ("0") */
    unsigned max_dec; /* ... and at most ("0" and "#", "?") */
    bool thousands;
    bool percent;
};

/* General: what Excel shows for a cell with no format. */
extern const struct numfmt cv_numfmt_general;

/* A workbook's own format code ("0.0%", "yyyy/m/d", "[$-411]ggge年m月d日"). */
struct numfmt cv_numfmt_compile(const char *code);

/* A builtin format by id (0 General, 14 dates, ...); General when unknown. */
struct numfmt cv_numfmt_builtin(int id);

/* Appends the display text of `v` (finite) under `f`. */
void cv_numfmt_put(struct cv_strbuf *out, double v, const struct numfmt *f,
                   bool date1904);

#endif
