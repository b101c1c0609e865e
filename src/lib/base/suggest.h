/* SPDX-License-Identifier: MIT */
/*
 * suggest.h: "did you mean" for the names a vendor may misspell (member
 * names, enum values, criterion ids): one edit distance for the library.
 * The CLI's option names use it through cv_edit_distance (cloudvet.h).
 */
#ifndef CV_BASE_SUGGEST_H
#define CV_BASE_SUGGEST_H

#include <stddef.h>

/* Words longer than this are never near anything (the distance table is
 * on the stack, and a long word is not a typo of a short name). */
#define CV_NEAR_MAX_LEN 64

/* Optimal string alignment distance (insertions, deletions, substitutions
 * and transpositions of neighbours each cost one), ASCII letters compared
 * without case; (size_t)-1 when either word is longer than
 * CV_NEAR_MAX_LEN bytes. */
size_t cv_near_distance(const char *a, const char *b);

/* The i-th candidate name of `set` (NULL: skip it). */
typedef const char *(*cv_near_name_fn)(const void *set, size_t i);

/* The one candidate near `word`, or NULL: near is an edit distance of at
 * most 2 or at most a third of the word's length, and less than either
 * word's length (so "ab" is no typo of "xy"); a word equal to a candidate
 * has no suggestion; when two candidates are equally near, neither is
 * suggested (a guess between two would mislead). */
const char *cv_near_unique(const char *word, const void *set, size_t n,
                           cv_near_name_fn name_at);

/* The same over an array of strings. */
const char *cv_near_unique_in(const char *word, const char *const *names,
                              size_t n);

#endif
