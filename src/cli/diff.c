/* SPDX-License-Identifier: MIT */
/*
 * diff.c: `cloudvet diff OLD NEW`: what changed between two rounds of one
 * bidder's submission, or between two report.json files (docs/diff.md).
 * Exit codes as diff(1): 0 no differences, 1 differences, 2 a usage
 * error or an input that cannot be read.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "exitcode.h"
#include "out.h"

static int diff_format(const char *name, cv_diff_format *fmt, cv_lang lang)
{
    static const struct {
        const char *name;
        cv_diff_format fmt;
    } formats[] = {
        { "text", CV_DIFF_TEXT },
        { "html", CV_DIFF_HTML },
        { "json", CV_DIFF_JSON },
    };
    size_t i;
    *fmt = CV_DIFF_TEXT;
    if (!name)
        return CV_EXIT_OK;
    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (strcmp(name, formats[i].name) == 0) {
            *fmt = formats[i].fmt;
            return CV_EXIT_OK;
        }
    cv_cli_error(L(lang, "--format: text | html | json のどれかです: '%s'",
                   "--format: one of text | html | json: '%s'"),
                 name);
    return CV_EXIT_USAGE;
}

int cv_cli_diff(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_diff_format fmt;
    size_t changes = 0;
    cv_status st;
    int code;
    if (c->nargs != 2) {
        cv_cli_error("%s", L(c->opts.lang,
                             "比べる二つのファイルを指定してください: "
                             "cloudvet diff 旧 新",
                             "give the two files to compare: "
                             "cloudvet diff OLD NEW"));
        return CV_EXIT_USAGE;
    }
    code = diff_format(c->format, &fmt, c->opts.lang);
    if (code != CV_EXIT_OK)
        return code;
    code = cv_cli_load_criteria(&crit, ctx, c);
    if (code != CV_EXIT_OK)
        return code;
    st = cv_diff_files(ctx, crit, c->args[0], c->args[1], fmt,
                       cv_cli_file_write, stdout, &changes);
    cv_criteria_free(crit);
    cv_cli_print_ctx_diags(ctx);
    if (st == CV_OK && fflush(stdout) != 0)
        st = CV_EIO;
    if (st == CV_OK)
        return changes > 0 ? 1 : CV_EXIT_OK;
    /* the warnings (vendors differ) are in the output; a failure says
     * why here */
    cv_cli_error("%s: %s", L(c->opts.lang, "比べられません", "cannot compare"),
                 cv_status_str(st));
    return CV_EXIT_USAGE;
}
