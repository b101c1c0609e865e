/* SPDX-License-Identifier: MIT */
/* t_api.c: see t_api.h. */
#include "t_api.h"

#include <stdio.h>
#include <string.h>

int t_api_open(cv_ctx **ctx, cv_criteria **crit, const char *criteria_dir,
               cv_lang lang)
{
    cv_options opts = CV_OPTIONS_INIT;
    size_t i;
    opts.lang = lang;
    memcpy(opts.as_of, "2026-11-21", 11);
    if (cv_global_init() != CV_OK || cv_ctx_new(ctx, &opts) != CV_OK)
        return -1;
    if (cv_criteria_load(crit, *ctx, criteria_dir, NULL) != CV_OK) {
        for (i = 0; i < cv_ctx_diag_count(*ctx); i++)
            fprintf(stderr, "%s\n", cv_ctx_diag_at(*ctx, i)->message);
        fprintf(stderr, "cannot load criteria from %s\n", criteria_dir);
        return -1;
    }
    return 0;
}

void t_api_close(cv_ctx *ctx, cv_criteria *crit)
{
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
}
