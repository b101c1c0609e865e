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

static bool is_bidi_control(utf8proc_int32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
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
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            cv_strbuf_puts(out, "\xEF\xBF\xBD");
            replaced++;
        } else if (is_bidi_control(cp)) {
            cv_strbuf_printf(out, "[U+%04X]", (unsigned)cp);
            replaced++;
        } else {
            cv_strbuf_put(out, s + i, (size_t)n);
        }
        i += (size_t)n;
    }
    return replaced;
}
