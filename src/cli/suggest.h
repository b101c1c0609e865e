/* SPDX-License-Identifier: MIT */
/* suggest.h: the nearest valid name to a mistyped command or option. */
#ifndef CV_CLI_SUGGEST_H
#define CV_CLI_SUGGEST_H

#include <stddef.h>

/* Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and transpositions of neighbours each cost
 * one), ASCII letters compared without case. Words longer than
 * CV_SUGGEST_MAX_LEN bytes are never near anything: returns (size_t)-1. */
#define CV_SUGGEST_MAX_LEN 64
size_t cv_suggest_distance(const char *a, const char *b);

/* The candidate nearest to `word` within a threshold that grows with the
 * word's length (one edit up to five characters, two up to eight, three
 * beyond), or NULL when none is that near. Ties go to the earlier
 * candidate. `cands` may hold NULL entries, which are skipped. */
const char *cv_suggest_nearest(const char *word, const char *const *cands,
                               size_t n);

#endif
