/* SPDX-License-Identifier: MIT */
/*
 * fuzz_evaluate.c: the whole path for one submission, as `cloudvet
 * evaluate` runs it: cv_submission_evaluate (detect, load JSON or XML,
 * normalise, evaluate every criterion of the default profile), then
 * cv_report_new/add/finish and cv_report_write in JSON, HTML, CSV and
 * Markdown. XLSX is left out: libxlsxwriter only writes named files
 * (cv_report_write refuses it), and a file per input would make this
 * target slow without reaching code the other formats do not.
 *
 * The run uses the default limits, like the CLI. The input's length picks
 * the language (odd: English) and the name the input is given (bit 1:
 * ".xml", else ".json"; it only matters when the content does not say).
 * The input is evaluated twice and the report holds both bids.
 *
 * Checked besides "no crash, no leak": both evaluations agree (nothing
 * reads uninitialised memory or state left by an earlier input) and the
 * equal bids share a rank; an invalid verdict has an error diagnostic;
 * every text is valid UTF-8; what is written is read back (report.json
 * by our JSON reader), every human format is valid UTF-8, and the HTML
 * page has no script and links only within itself or to http(s).
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/unicode.h"
#include "cloudvet.h"
#include "fuzz.h"
#include "fuzz_util.h"

static cv_criteria *crit;
static cv_ctx *crit_ctx;

static void cleanup(void)
{
    cv_criteria_free(crit);
    cv_ctx_free(crit_ctx);
    cv_global_cleanup();
}

static void options(cv_options *opts, cv_lang lang)
{
    static const cv_options init = CV_OPTIONS_INIT;
    *opts = init;
    opts->lang = lang;
    memcpy(opts->as_of, "2026-11-21", 11);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cv_options opts;
    (void)argc;
    (void)argv;
    options(&opts, CV_LANG_JA);
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    FUZZ_SETUP(cv_ctx_new(&crit_ctx, &opts) == CV_OK);
    FUZZ_SETUP(cv_criteria_load(&crit, crit_ctx, CV_FUZZ_CRITERIA_DIR, NULL) ==
               CV_OK);
    atexit(cleanup);
    return 0;
}

static void check_submission(const cv_submission *sub)
{
    size_t i;
    FUZZ_CHECK(cv_submission_file(sub) != NULL);
    FUZZ_CHECK(isfinite(cv_submission_score(sub)));
    FUZZ_CHECK(isfinite(cv_submission_max_score(sub)));
    if (cv_submission_verdict(sub) == CV_VERDICT_INVALID) {
        bool error = false;
        for (i = 0; i < cv_submission_diag_count(sub); i++)
            error |= cv_submission_diag_at(sub, i)->severity == CV_SEV_ERROR;
        FUZZ_CHECK(error);
    }
    for (i = 0; i < cv_submission_result_count(sub); i++) {
        cv_result_info r;
        FUZZ_CHECK(cv_submission_result_at(sub, i, &r) == CV_OK);
        FUZZ_CHECK(r.id && r.title && r.category && r.reason);
        FUZZ_CHECK(isfinite(r.points) && isfinite(r.max_points));
        FUZZ_CHECK(cv_utf8_valid(r.reason, strlen(r.reason)));
    }
    for (i = 0; i < cv_submission_diag_count(sub); i++) {
        const cv_diag *d = cv_submission_diag_at(sub, i);
        FUZZ_CHECK(cv_utf8_valid(d->message, strlen(d->message)));
        FUZZ_CHECK(cv_utf8_valid(d->path, strlen(d->path)));
    }
}

/* The same bytes evaluate to the same results: nothing depends on memory
 * left uninitialised or on an earlier input. */
static void check_same(const cv_submission *a, const cv_submission *b)
{
    size_t i;
    FUZZ_CHECK(cv_submission_verdict(a) == cv_submission_verdict(b));
    FUZZ_CHECK(cv_submission_score(a) == cv_submission_score(b));
    FUZZ_CHECK(cv_submission_diag_count(a) == cv_submission_diag_count(b));
    FUZZ_CHECK(cv_submission_result_count(a) == cv_submission_result_count(b));
    for (i = 0; i < cv_submission_result_count(a); i++) {
        cv_result_info x, y;
        FUZZ_CHECK(cv_submission_result_at(a, i, &x) == CV_OK);
        FUZZ_CHECK(cv_submission_result_at(b, i, &y) == CV_OK);
        FUZZ_CHECK(x.status == y.status && x.points == y.points);
        FUZZ_CHECK(strcmp(x.reason, y.reason) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *name = size & 2 ? "input.xml" : "input.json";
    cv_options opts;
    cv_ctx *ctx = NULL;
    cv_submission *sub = NULL, *again = NULL;
    cv_report *report = NULL;

    options(&opts, size % 2 ? CV_LANG_EN : CV_LANG_JA);
    if (cv_ctx_new(&ctx, &opts) != CV_OK)
        return 0;
    if (cv_submission_evaluate(&sub, ctx, crit, name, data, size) != CV_OK)
        goto out;
    check_submission(sub);
    if (cv_submission_evaluate(&again, ctx, crit, name, data, size) ==
        CV_OK)
        check_same(sub, again);
    if (cv_report_new(&report, ctx, crit) != CV_OK) {
        cv_submission_free(sub);
        cv_submission_free(again);
        goto out;
    }
    /* Two bids (equal: they share a rank) fill the comparison's columns. */
    if (cv_report_add(report, sub) != CV_OK) {
        cv_submission_free(again);
        goto out;
    }
    if (again && cv_report_add(report, again) != CV_OK)
        goto out;
    cv_report_finish(report);
    if (cv_report_count(report) == 2)
        FUZZ_CHECK(cv_report_rank_at(report, 0) ==
                   cv_report_rank_at(report, 1));
    fuzz_write_reports(report);
out:
    cv_report_free(report);
    cv_ctx_free(ctx);
    return 0;
}
