/* SPDX-License-Identifier: MIT */
/*
 * date.h: calendar dates as day numbers.
 *
 * A date is held as the number of days since 1970-01-01 (proleptic
 * Gregorian), which makes "valid on the evaluation date" a comparison.
 */
#ifndef CV_DATE_H
#define CV_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef long cv_day;

/* true for a real calendar date (leap years included) */
bool cv_date_valid(int y, int m, int d);
cv_day cv_date_days(int y, int m, int d);
/* Parses exactly "YYYY-MM-DD"; false otherwise. */
bool cv_date_parse_iso(const char *s, size_t len, cv_day *out);
/* Writes "YYYY-MM-DD" into buf[11]. */
void cv_date_format(cv_day day, char buf[11]);

#endif
