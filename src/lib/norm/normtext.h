/* SPDX-License-Identifier: MIT */
/*
 * normtext.h: reading what people type into a number or a date.
 *
 * Vendors write ９９．９５％, 令和9年3月31日, R9.3.31, 2027/3/31. These
 * functions fold such text (NFKC first, through base/unicode) into the
 * canonical form and say whether they had to change anything, so the
 * reader can note every normalisation in the report.
 */
#ifndef CV_NORMTEXT_H
#define CV_NORMTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/date.h"

struct cv_era {
    const char *name;   /* 令和 */
    const char *letter; /* R */
    cv_day first_day;
};

struct cv_eras {
    const struct cv_era *items;
    size_t count;
};

enum cv_norm_result {
    CV_NORM_SAME,    /* already canonical */
    CV_NORM_CHANGED, /* read after normalising; note it */
    CV_NORM_BAD      /* not a value of this kind */
};

/* A date: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYY.M.D, or an era date
 * (令和9年3月31日, 令和元年5月1日, R9.3.31, R9/3/31). Writes iso[11]. An era
 * date before the era's first day or on/after the next era's is BAD. */
enum cv_norm_result cv_norm_date(const struct cv_eras *eras,
                                 struct cv_arena *scratch, const char *s,
                                 size_t len, char iso[11]);

/* A number: optional sign, digits, optional fraction, optionally followed
 * by %, 時間, 日, h or days; thousands commas allowed. */
enum cv_norm_result cv_norm_number(struct cv_arena *scratch, const char *s,
                                   size_t len, double *out);

/* A country: an ISO 3166-1 alpha-2 code, or 日本 / Japan / JPN for JP.
 * Writes the upper-case code into code[3]. */
enum cv_norm_result cv_norm_country(struct cv_arena *scratch, const char *s,
                                    size_t len, char code[3]);

/* 法人番号: 13 digits (NFKC, hyphens and spaces dropped) whose first digit
 * is the check digit of the other twelve (国税庁 check digit rule). */
bool cv_corporate_number_valid(struct cv_arena *scratch, const char *s,
                               size_t len);

#endif
