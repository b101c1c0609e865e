/* SPDX-License-Identifier: MIT */
/*
 * writers.h: the table of report writers (writers.c). One row per format:
 * its name, its file's extension, whether it goes to a stream or only to
 * a named file, whether `evaluate` writes it by default, and the function
 * that writes it. cloudvet.c's cv_report_write / cv_report_write_file and
 * every list of formats the CLI shows are read from it, so a new format
 * is its writer's file and one row.
 */
#ifndef CV_REPORT_WRITERS_H
#define CV_REPORT_WRITERS_H

#include <stdbool.h>

#include "../internal.h"

struct cv_report_writer {
    cv_report_format format;
    const char *name; /* --format */
    const char *ext;  /* report.<ext> */
    const char *title; /* in messages: "XLSX" */
    bool by_default;
    bool per_submission; /* the CLI streams it as results come */
    /* Exactly one of the two: a stream writer, or a writer that only
     * writes a named file (libxlsxwriter). */
    cv_status (*to_stream)(const cv_report *report, cv_write_fn write,
                           void *payload);
    cv_status (*to_file)(const cv_report *report, const char *path);
};

/* The row of `fmt`, NULL when it is not a format. */
const struct cv_report_writer *cv_report_writer_of(cv_report_format fmt);
/* The row named `name`, NULL when none is. */
const struct cv_report_writer *cv_report_writer_named(const char *name);

#endif
