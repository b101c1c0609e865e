/* SPDX-License-Identifier: MIT */
/* write.h: the report files of `cloudvet evaluate`. */
#ifndef CV_CLI_WRITE_H
#define CV_CLI_WRITE_H

#include <stdio.h>

#include "cloudvet.h"

/* A set of report formats: bit (1u << cv_report_format). */
typedef unsigned cv_cli_formats;

#define CV_CLI_ALL_FORMATS ((1u << CV_REPORT_FORMAT_COUNT) - 1u)

/* Parses "--format html,json,..." (NULL: every format). Returns an exit
 * code; CV_EXIT_USAGE after printing why. */
int cv_cli_parse_formats(const char *list, cv_cli_formats *out, cv_lang lang);

/*
 * Writes report.<ext> for every format of `set` into `dir` (created if
 * missing). Each is written to a temporary file in `dir`, flushed to disk,
 * and only when all of them are complete are they renamed into place: a
 * crash or a full disk leaves the previous reports, never a truncated one.
 * Returns an exit code.
 */
int cv_cli_write_reports(const cv_report *report, cv_cli_formats set,
                         const char *dir, cv_lang lang);

/*
 * A report streamed while the batch runs (ndjson): written to an unnamed
 * temporary file in `dir`, renamed into place by cv_cli_stream_publish
 * only when complete. `f` is where to write.
 */
struct cv_cli_stream {
    FILE *f;
    void *pending; /* write.c's own state */
};

int cv_cli_stream_open(struct cv_cli_stream *s, const char *dir,
                       const char *ext, cv_lang lang);
/* The same for the file `dir`/`name` (a registry snapshot). */
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
