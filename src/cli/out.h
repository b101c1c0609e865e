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
/* The same, cut after `max_chars` characters (0: 500) with a marker in
 * the run's language saying the full text is in report.json: a megabyte
 * of vendor text is no more printed whole than the reports show it. */
void cv_cli_put_quoted(FILE *f, const char *s, size_t max_chars);
/* The language of the markers (set once the options are read). */
void cv_cli_set_lang(cv_lang lang);
/* What a terminal line shows of one vendor-derived text: a reason or a
 * diagnostic's message (our sentence around vendor values), a path or
 * a location. The reports' caps, so the terminal repeats no more. */
#define CV_CLI_MESSAGE_MAX_CHARS 2000
#define CV_CLI_PATH_MAX_CHARS 500
void cv_cli_print_diag(FILE *f, const cv_diag *d);
void cv_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A write callback for cv_report_write over a FILE *. */
int cv_cli_file_write(const char *buf, size_t len, void *payload);

#endif
