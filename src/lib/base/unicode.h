/* SPDX-License-Identifier: MIT */
/*
 * unicode.h: the wall around utf8proc. Nothing else includes utf8proc.h.
 *
 * Submissions are Japanese text typed by people: full-width digits
 * ("９９．９"), full-width parentheses and spaces, 株式会社 written as
 * (株). NFKC folds the compatibility forms so that comparisons and number
 * parsing see what the writer meant.
 */
#ifndef CV_UNICODE_H
#define CV_UNICODE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* true when s[0..len) is valid UTF-8 without NUL bytes */
bool cv_utf8_valid(const char *s, size_t len);

/* NFKC of s[0..len) into the arena; NULL on invalid UTF-8 or OOM. */
char *cv_nfkc(struct cv_arena *a, const char *s, size_t len);

/* NFKC + case fold + whitespace removed: a key for loose comparisons of
 * names ("ＡＷＳ", "aws "). NULL on invalid UTF-8 or OOM. */
char *cv_fold_key(struct cv_arena *a, const char *s, size_t len);

/* Number of code points (for display widths); invalid bytes count 1. */
size_t cv_utf8_length(const char *s, size_t len);

#endif
