/* SPDX-License-Identifier: MIT */
/*
 * check_kinds.h: the table of check kinds (check_kinds.c).
 *
 * Each row names a kind, the function that runs it and every member a
 * catalogue `check` of that kind takes (form, type, unit, required). The
 * glue (cloudvet.c) hands the table to the criteria loader, which parses
 * and validates every check and the profile parameters it names by it;
 * run_check (eval.c) calls the row a criterion was loaded with. Adding a
 * kind is one new eval_<kind>.c and one row.
 */
#ifndef CV_CHECK_KINDS_H
#define CV_CHECK_KINDS_H

#include "../criteria/criteria.h"

extern const struct cv_check_kinds cv_check_kinds;

#endif
