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
#include "strbuf.h"

/* Length of the valid UTF-8 sequence at p[0..n) whose lead byte is not
 * ASCII, or 0: no overlong forms, surrogates or code points past
 * U+10FFFF (RFC 3629). */
static inline size_t cv_utf8_sequence(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80
                   ? 3
                   : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
                       (p[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

/* true when s[0..len) is valid UTF-8 without NUL bytes */
bool cv_utf8_valid(const char *s, size_t len);

/* s[0..len) as valid UTF-8 in the arena: every byte that does not start
 * a valid sequence becomes U+FFFD (text from a parser's error message or a
 * file name can hold a cut sequence). NULL only when out of memory. */
char *cv_utf8_repair(struct cv_arena *a, const char *s, size_t len);

/* NFKC of s[0..len) into the arena; NULL on invalid UTF-8 or OOM. */
char *cv_nfkc(struct cv_arena *a, const char *s, size_t len);

/* NFKC + case fold + whitespace removed: a key for loose comparisons of
 * names ("ＡＷＳ", "aws "). NULL on invalid UTF-8 or OOM. */
char *cv_fold_key(struct cv_arena *a, const char *s, size_t len);

/* Number of code points (for display widths); invalid bytes count 1. */
size_t cv_utf8_length(const char *s, size_t len);

/* Whether code point `cp` belongs on screen to the character before it
 * (Unicode's grapheme Extend, SpacingMark or ZWJ: combining marks, kana
 * voicing marks, variation selectors, emoji modifiers), so a cut must
 * not fall before it. */
bool cv_unicode_joins_previous(unsigned long cp);

/*
 * Appends s[0..len) to `out` made safe to show a person, whatever format
 * escaping follows; the one rule of every human report format and of the
 * terminal (cv_text_display in cloudvet.h):
 *  - invalid UTF-8 bytes (surrogates' encoded form included) become
 *    U+FFFD, one per byte;
 *  - tab and line feed become a space unless `keep_lines`; CR LF or a
 *    lone CR is one line end;
 *  - every other C0 control, the C1 controls and the Unicode
 *    non-characters (U+FDD0-FDEF, U+nFFFE, U+nFFFF in every plane) become
 *    U+FFFD: the result holds no character XML 1.0 forbids;
 *  - invisible format characters (bidi marks, embeddings, overrides and
 *    isolates, U+2028/2029, zero-width space, word joiner, BOM, tags...)
 *    become a visible "[U+202E]" so a reversed or padded name cannot pass
 *    for another.
 * Returns the number of code points replaced.
 */
size_t cv_utf8_display(struct cv_strbuf *out, const char *s, size_t len,
                       bool keep_lines);

#endif
