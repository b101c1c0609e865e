/* SPDX-License-Identifier: MIT */
/* t_api.h: setup shared by the tests that drive the public API. */
#ifndef CV_T_API_H
#define CV_T_API_H

#include "cloudvet.h"

/* Initialises the library, a context (as of 2026-11-21, `lang`) and the
 * default profile of `criteria_dir`; 0 on success. */
int t_api_open(cv_ctx **ctx, cv_criteria **crit, const char *criteria_dir,
               cv_lang lang);
void t_api_close(cv_ctx *ctx, cv_criteria *crit);

#endif
