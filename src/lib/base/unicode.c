/* SPDX-License-Identifier: MIT */
/* unicode.c: UTF-8 validation and normalisation over utf8proc. */
#include "unicode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Validation is on every string of every submission and report, so it
 * is done here, byte by byte with an ASCII fast path, rather than with
 * utf8proc_iterate's per-code-point call (a profile showed it at 12 %
 * of a batch). Same rules as utf8proc: RFC 3629, plus no NUL. */
bool cv_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] >= 0x80) {
            size_t n = cv_utf8_sequence(p + i, len - i);
            if (n == 0)
                return false;
            i += n;
        } else if (p[i] == 0) {
            return false;
        } else {
            i++;
        }
    }
    return true;
}

char *cv_utf8_repair(struct cv_arena *a, const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, o = 0;
    char *out;
    if (cv_utf8_valid(s, len))
        return cv_arena_strndup(a, s, len);
    /* At most 3 output bytes (U+FFFD) per input byte. */
    if (len > (SIZE_MAX - 1) / 3 || !(out = cv_arena_alloc(a, len * 3 + 1)))
        return NULL;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i),
                                              &cp);
        if (n <= 0 || cp == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, (size_t)n);
        o += (size_t)n;
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}

static char *map_into(struct cv_arena *a, const char *s, size_t len,
                      utf8proc_option_t opts)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n;
    char *res;
    if (!cv_utf8_valid(s, len))
        return NULL;
    n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                     opts);
    if (n < 0)
        return NULL;
    res = cv_arena_strndup(a, (const char *)out, (size_t)n);
    free(out);
    return res;
}

char *cv_nfkc(struct cv_arena *a, const char *s, size_t len)
{
    return map_into(a, s, len,
                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
}

char *cv_fold_key(struct cv_arena *a, const char *s, size_t len)
{
    char *folded = map_into(a, s, len,
                            UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
    char *w, *r;
    if (!folded)
        return NULL;
    /* Drop white space, including the ideographic space NFKC made ASCII. */
    for (r = w = folded; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
            continue;
        *w++ = *r;
    }
    *w = '\0';
    return folded;
}

size_t cv_utf8_length(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        i += k > 0 ? (size_t)k : 1;
        n++;
    }
    return n;
}

/* Characters that change how text around them reads without showing
 * themselves: the bidi marks, embeddings, overrides and isolates, the
 * line and paragraph separators (a terminal or viewer may break or
 * reorder a line on them), zero-width spaces and joiners-to-be-ignored,
 * the byte order mark, interlinear annotation controls and the tag
 * characters (which can smuggle invisible ASCII). Shown as "[U+XXXX]" so
 * that a person sees them and a name cannot pass for another. U+200C/D
 * (ZWNJ, ZWJ) are left alone: emoji and some scripts need them. */
static const struct { utf8proc_int32_t lo, hi; } invisible[] = {
    { 0x00AD, 0x00AD },   /* soft hyphen */
    { 0x061C, 0x061C },   /* Arabic letter mark */
    { 0x180E, 0x180E },   /* Mongolian vowel separator */
    { 0x200B, 0x200B },   /* zero width space */
    { 0x200E, 0x200F },   /* LRM, RLM */
    { 0x2028, 0x202E },   /* LS, PS, LRE..RLO */
    { 0x2060, 0x2064 },   /* word joiner, invisible operators */
    { 0x2066, 0x206F },   /* LRI..PDI, deprecated format controls */
    { 0xFEFF, 0xFEFF },   /* zero width no-break space (BOM) */
    { 0xFFF9, 0xFFFB },   /* interlinear annotation */
    { 0xE0000, 0xE007F }, /* tags */
};

static bool is_invisible(utf8proc_int32_t cp)
{
    size_t i;
    for (i = 0; i < sizeof(invisible) / sizeof(invisible[0]); i++)
        if (cp >= invisible[i].lo && cp <= invisible[i].hi)
            return true;
    return false;
}

/* Code points no text may hold when shown: C0 and C1 controls (XML 1.0
 * forbids C0 but tab, LF and CR; C1 moves a terminal's cursor) and the
 * Unicode non-characters U+FDD0..U+FDEF and U+nFFFE/U+nFFFF of every
 * plane (XML 1.0 forbids U+FFFE/U+FFFF; a workbook holding one does not
 * open). Surrogates never get here: utf8proc_iterate rejects their
 * encoded form as invalid UTF-8, so each of their bytes is replaced. */
static bool is_forbidden(utf8proc_int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
           (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

size_t cv_utf8_display(struct cv_strbuf *out, const char *s, size_t len,
                       bool keep_lines)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, replaced = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i),
                                              &cp);
        if (n <= 0) { /* one invalid byte */
            cv_strbuf_puts(out, "\xEF\xBF\xBD");
            replaced++;
            i++;
            continue;
        }
        if (cp == '\n' || cp == '\t') {
            cv_strbuf_putc(out, keep_lines ? (char)cp : ' ');
        } else if (cp == '\r') {
            /* CR LF and lone CR both end a line once. */
            if (!(i + 1 < len && p[i + 1] == '\n'))
                cv_strbuf_putc(out, keep_lines ? '\n' : ' ');
        } else if (is_forbidden(cp)) {
            cv_strbuf_puts(out, "\xEF\xBF\xBD");
            replaced++;
        } else if (is_invisible(cp)) {
            cv_strbuf_printf(out, "[U+%04X]", (unsigned)cp);
            replaced++;
        } else {
            cv_strbuf_put(out, s + i, (size_t)n);
        }
        i += (size_t)n;
    }
    return replaced;
}

bool cv_unicode_joins_previous(unsigned long cp)
{
    const utf8proc_property_t *prop;
    if (cp > 0x10FFFFUL)
        return false;
    prop = utf8proc_get_property((utf8proc_int32_t)cp);
    return prop->boundclass == UTF8PROC_BOUNDCLASS_EXTEND ||
           prop->boundclass == UTF8PROC_BOUNDCLASS_SPACINGMARK ||
           prop->boundclass == UTF8PROC_BOUNDCLASS_ZWJ;
}
