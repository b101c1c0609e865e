/* SPDX-License-Identifier: MIT */
/*
 * internal.h: the structs behind the public handles, shared by the glue
 * (cloudvet.c) and the report writers. Not installed; the CLI never sees
 * it.
 */
#ifndef CV_INTERNAL_H
#define CV_INTERNAL_H

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "cloudvet.h"
#include "criteria/criteria.h"
#include "eval/eval.h"

struct cv_ctx {
    cv_options opts;
    cv_day as_of;
    struct cv_arena arena; /* run lifetime */
    struct cv_diags diags;
};

struct cv_submission {
    struct cv_arena arena; /* results lifetime */
    struct cv_diags diags;
    cv_lang lang;
    const char *file;
    char sha256[65];
    const char *vendor;
    const char *service;
    cv_verdict verdict;
    double score;
    double max_score;
    size_t needs_review;
    struct cv_result *results;
    size_t nresults;
};

struct cv_report {
    cv_ctx *ctx;
    const cv_criteria *crit;
    cv_submission **subs;
    unsigned *ranks;
    size_t count;
    size_t cap;
};

/* report/: one writer per format */
cv_status cv_report_json(const cv_report *report, cv_write_fn write,
                         void *payload);
cv_status cv_ndjson_line(const cv_ctx *ctx, const cv_criteria *crit,
                         const cv_submission *sub, cv_write_fn write,
                         void *payload);
cv_status cv_report_html(const cv_report *report, cv_write_fn write,
                         void *payload);
cv_status cv_report_csv(const cv_report *report, cv_write_fn write,
                        void *payload);
cv_status cv_report_md(const cv_report *report, cv_write_fn write,
                       void *payload);
/* libxlsxwriter writes only named files */
cv_status cv_report_xlsx(const cv_report *report, const char *path);
cv_status cv_template_xml(const cv_criteria *crit, cv_lang lang,
                          cv_write_fn write, void *payload);
cv_status cv_template_json(const cv_criteria *crit, cv_lang lang,
                           cv_write_fn write, void *payload);

#endif
