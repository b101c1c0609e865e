/* SPDX-License-Identifier: MIT */
/*
 * strbuf.h: the one string buffer for all text building.
 *
 * Invariants: `ptr` is never NULL and always NUL-terminated (an empty
 * buffer points at a shared "" until the first append); `len` excludes the
 * NUL; the buffer never grows beyond `max` bytes. The first failure (out of
 * memory, or the cap) is sticky: every later append is a no-op and
 * cv_strbuf_status reports it once, so writers are a straight sequence of
 * appends with one check at the end.
 */
#ifndef CV_STRBUF_H
#define CV_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "cloudvet.h"

#if defined(__GNUC__)
#define CV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CV_PRINTF(f, a)
#endif

struct cv_strbuf {
    char *ptr;
    size_t len;
    size_t cap;
    size_t max;
    cv_status error; /* CV_OK until the first failure */
};

#define CV_STRBUF_DEFAULT_MAX ((size_t)256 << 20)

void cv_strbuf_init(struct cv_strbuf *sb, size_t max);
void cv_strbuf_release(struct cv_strbuf *sb);
void cv_strbuf_reset(struct cv_strbuf *sb);
cv_status cv_strbuf_status(const struct cv_strbuf *sb);
/* Makes `st` the buffer's sticky error (when it has none yet): a text
 * built in a helper buffer passes its failure on. CV_OK is a no-op. */
void cv_strbuf_fail(struct cv_strbuf *sb, cv_status st);

void cv_strbuf_put(struct cv_strbuf *sb, const char *s, size_t len);
void cv_strbuf_puts(struct cv_strbuf *sb, const char *s);
/* `n` bytes of `s` as a JSON string, quotes included: the short escapes
 * (\" \\ \b \f \n \r \t), \u00XX for the other controls and DEL,
 * and \u2028 / \u2029 (valid JSON, and still safe inside a script).
 * The one rule of every JSON that cloudvet writes itself (the method,
 * registry snapshots, diffs); report.json is jansson's. */
void cv_strbuf_json_string(struct cv_strbuf *sb, const char *s, size_t n);
/* The same for a C string; `null` for NULL. */
void cv_strbuf_json_str(struct cv_strbuf *sb, const char *s);
void cv_strbuf_putc(struct cv_strbuf *sb, char c);
void cv_strbuf_printf(struct cv_strbuf *sb, const char *fmt, ...)
    CV_PRINTF(2, 3);
void cv_strbuf_vprintf(struct cv_strbuf *sb, const char *fmt, va_list ap)
    CV_PRINTF(2, 0);
/* Shorten to `len` bytes (no-op when already shorter). */
void cv_strbuf_truncate(struct cv_strbuf *sb, size_t len);

/* Hands the bytes to the caller (free with free()); NULL after an error.
 * The buffer is empty afterwards. */
char *cv_strbuf_detach(struct cv_strbuf *sb, size_t *len_out);

#endif
