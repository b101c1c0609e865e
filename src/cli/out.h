/* SPDX-License-Identifier: MIT */
/* out.h: everything the CLI prints goes through here. */
#ifndef CV_CLI_OUT_H
#define CV_CLI_OUT_H

#include <stdio.h>

#include "cloudvet.h"

/* Writes s to f cleaned by the reports' display rule (cv_text_display):
 * controls and non-characters as U+FFFD, bidi and invisible characters as
 * a visible [U+202E], so a vendor's string cannot move the cursor, hide in
 * a terminal line or reorder it. Every string not of our own goes here. */
void cv_cli_put_safe(FILE *f, const char *s);
void cv_cli_print_diag(FILE *f, const cv_diag *d);
void cv_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A write callback for cv_report_write over a FILE *. */
int cv_cli_file_write(const char *buf, size_t len, void *payload);

#endif
