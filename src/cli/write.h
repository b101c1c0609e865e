/* SPDX-License-Identifier: MIT */
/* write.h: the formats of `cloudvet evaluate`, standard output, and
 * single files written whole. */
#ifndef CV_CLI_WRITE_H
#define CV_CLI_WRITE_H

#include <stdio.h>

#include "cloudvet.h"

/* A set of report formats: bit (1u << cv_report_format). */
typedef unsigned cv_cli_formats;

#define CV_CLI_ALL_FORMATS ((1u << CV_REPORT_FORMAT_COUNT) - 1u)

/* The formats of the library's table (cv_report_format_info_of): the
 * set `evaluate` writes without --format, and every name, `sep` between
 * (for --help and messages). */
cv_cli_formats cv_cli_default_formats(void);
const char *cv_cli_format_list(char *buf, size_t size, const char *sep);

/* Parses "--format html,json,..." (NULL: the default set). Returns an
 * exit code; CV_EXIT_USAGE after printing why. */
int cv_cli_parse_formats(const char *list, cv_cli_formats *out, cv_lang lang);

/*
 * One file written whole (a registry snapshot): written to an unnamed
 * temporary file in `dir`, renamed into place by cv_cli_stream_publish
 * only when complete. `f` is where to write. (The report set of
 * `evaluate` is published as a whole instead: publish.h.)
 */
struct cv_cli_stream {
    FILE *f;
    void *pending; /* write.c's own state */
};

/* Opens the file `dir`/`name` (`dir` created if missing). */
int cv_cli_stream_open_file(struct cv_cli_stream *s, const char *dir,
                            const char *name, cv_lang lang);
/* Flushes, syncs and renames into place; always releases `s`. Returns an
 * exit code. */
int cv_cli_stream_publish(struct cv_cli_stream *s, cv_lang lang);
/* Drops an unfinished stream (nothing is left behind). */
void cv_cli_stream_abort(struct cv_cli_stream *s);

/* Writes the one streamable format of `set` to stdout. */
int cv_cli_write_stdout(const cv_report *report, cv_cli_formats set,
                        cv_lang lang);

#endif
