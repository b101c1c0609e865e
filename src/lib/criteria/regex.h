/* SPDX-License-Identifier: MIT */
/*
 * regex.h: the wall around pcre2. Patterns come from criteria data; they
 * are compiled (and JIT-compiled where available) once per run, matched
 * with a match limit so a pathological pattern cannot hang a run, and
 * are safe to use from several threads (match data is per call).
 */
#ifndef CV_REGEX_H
#define CV_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/diag.h"

struct cv_regex;

/* Owner of compiled patterns; freed with the criteria. */
struct cv_regex_set {
    struct cv_regex **items;
    size_t count;
    size_t cap;
};

/* Compiles `pattern` (UTF-8, caseless when asked); on error a diagnostic
 * with the pcre2 message and offset at `loc`, and CV_ECRITERIA. */
cv_status cv_regex_compile(struct cv_regex **out, struct cv_regex_set *set,
                           const char *pattern, bool caseless,
                           struct cv_diags *diags, const struct cv_loc *loc);

/* Match anywhere in s[0..len). Returns 1 on a match, 0 on none, -1 when
 * the match limit was hit. With `group1`, the first capture is returned
 * as offset/length. */
int cv_regex_match(const struct cv_regex *re, const char *s, size_t len,
                   uint32_t match_limit, size_t *g1_off, size_t *g1_len);

void cv_regex_set_free(struct cv_regex_set *set);

#endif
