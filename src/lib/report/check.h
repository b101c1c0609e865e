/* SPDX-License-Identifier: MIT */
/*
 * check.h: the findings of `cloudvet check` and the table of its output
 * formats (check_writers.c). One model of findings, built once per call
 * of cv_check_write, is what every format writes, so the formats cannot
 * disagree on what was found or where.
 */
#ifndef CV_REPORT_CHECK_H
#define CV_REPORT_CHECK_H

#include <stdbool.h>

#include "../base/strbuf.h"
#include "../internal.h"

/* The rule id of the reader's and normaliser's diagnostics in SARIF,
 * JUnit and JSON (a criterion's finding has the criterion's id). */
#define CV_CHECK_INPUT_RULE "cloudvet/input"

/* One finding: a diagnostic or a criterion not fully met. */
struct cv_check_item {
    const char *path;   /* JSON Pointer, XPath or cell; "" when none */
    unsigned line;      /* 1-based; 0 when not known */
    unsigned column;
    cv_severity sev;
    const cv_diag *diag;         /* a diagnostic, or NULL */
    const struct cv_result *res; /* a criterion's result, or NULL */
    size_t order;                /* as produced: the sort is stable */
};

/* One submission with its findings, sorted by line and column. */
struct cv_check_sub {
    const cv_submission *sub;
    const cv_check_source *src; /* NULL: no bytes for excerpts */
    struct cv_check_item *items;
    size_t nitems;
    cv_check_outcome outcome;
    size_t input_index; /* its place in the caller's array */
};

struct cv_check_run {
    const cv_ctx *ctx;
    const cv_criteria *crit;
    cv_lang lang;
    bool strict;
    const char *tool_version;
    const char *information_uri; /* NULL: not written */
    unsigned excerpt_width;
    struct cv_check_sub *subs; /* by file name (stable) */
    size_t nsubs;
};

/* The rule of `it`: the criterion's id, or CV_CHECK_INPUT_RULE. */
const char *cv_check_item_rule(const struct cv_check_item *it);
/* The message of `it` (the diagnostic's, or the result's reason). */
const char *cv_check_item_message(const struct cv_check_item *it);
/* "qualifies", "conditional", "fails", "unreadable". */
const char *cv_check_outcome_str(cv_check_outcome o);
/* Whether a JUnit test case of result `r` fails (docs/check.md): the
 * mandatory criterion disqualifies. */
bool cv_check_result_fails(const struct cv_result *r);

/* The writers (check_writers.c, check_sarif.c, check_junit.c); each
 * appends the whole document to `out`. */
void cv_check_text(struct cv_strbuf *out, const struct cv_check_run *run);
void cv_check_json(struct cv_strbuf *out, const struct cv_check_run *run);
void cv_check_sarif(struct cv_strbuf *out, const struct cv_check_run *run);
void cv_check_junit(struct cv_strbuf *out, const struct cv_check_run *run);

#endif
