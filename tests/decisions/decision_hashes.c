/* SPDX-License-Identifier: MIT */
/*
 * decision_hashes.c: prints, for each submission given, every criterion's
 * result with the two hashes a review decision records (the submission's
 * SHA-256 and cv_method_criterion_sha256), one JSON object a line:
 *
 *   cv_decision_hashes CRITERIA_DIR FILE...
 *
 * make_example.py builds examples/award/decisions.json from it, and the
 * tests use it to write decisions files with the real hashes.
 */
#include <stdio.h>
#include <string.h>

#include "cloudvet.h"
#include "criteria/method.h"
#include "internal.h"

static void print_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static int print_submission(const cv_submission *sub,
                            const cv_criteria *crit)
{
    size_t i;
    for (i = 0; i < sub->nresults; i++) {
        const struct cv_result *r = &sub->results[i];
        char hex[65];
        if (cv_method_criterion_sha256(hex, crit, r->entry) != CV_OK)
            return 1;
        printf("{\"file\": ");
        print_json_string(sub->file);
        printf(", \"submission_sha256\": \"%s\", \"criterion\": ",
               sub->sha256);
        print_json_string(r->entry->crit->id);
        printf(", \"criterion_sha256\": \"%s\", \"status\": \"%s\", "
               "\"mandatory\": %s, \"points\": %.2f, \"max_points\": %.2f}\n",
               hex, cv_result_status_str(r->status),
               r->entry->mandatory ? "true" : "false", r->points,
               r->max_points);
    }
    return 0;
}

int main(int argc, char **argv)
{
    cv_options opts = CV_OPTIONS_INIT;
    cv_ctx *ctx = NULL;
    cv_criteria *crit = NULL;
    const char *profile = NULL;
    int i = 2, rc = 0;

    if (argc > 3 && strcmp(argv[2], "--profile") == 0) {
        profile = argv[3];
        i = 4;
    }
    if (argc <= i) {
        fprintf(stderr, "usage: %s CRITERIA_DIR [--profile P] FILE...\n",
                argv[0]);
        return 2;
    }
    memcpy(opts.as_of, "2026-11-21", 11);
    if (cv_global_init() != CV_OK || cv_ctx_new(&ctx, &opts) != CV_OK ||
        cv_criteria_load(&crit, ctx, argv[1], profile) != CV_OK) {
        fprintf(stderr, "%s: cannot open the criteria %s\n", argv[0],
                argv[1]);
        return 1;
    }
    for (; i < argc && rc == 0; i++) {
        cv_submission *sub = NULL;
        if (cv_submission_evaluate_file(&sub, ctx, crit, argv[i]) != CV_OK) {
            rc = 1;
            break;
        }
        rc = print_submission(sub, crit);
        cv_submission_free(sub);
    }
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
    return rc;
}
