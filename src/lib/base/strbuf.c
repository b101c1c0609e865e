/* SPDX-License-Identifier: MIT */
/* strbuf.c: bounded, sticky-error string buffer (see strbuf.h). */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "overflow.h"

static char strbuf_empty[1];

void cv_strbuf_init(struct cv_strbuf *sb, size_t max)
{
    sb->ptr = strbuf_empty;
    sb->len = 0;
    sb->cap = 0;
    sb->max = max ? max : CV_STRBUF_DEFAULT_MAX;
    sb->error = CV_OK;
}

void cv_strbuf_release(struct cv_strbuf *sb)
{
    if (sb->cap)
        free(sb->ptr);
    cv_strbuf_init(sb, sb->max);
}

void cv_strbuf_reset(struct cv_strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->ptr[0] = '\0';
    sb->error = CV_OK;
}

void cv_strbuf_fail(struct cv_strbuf *sb, cv_status st)
{
    if (sb->error == CV_OK)
        sb->error = st;
}

cv_status cv_strbuf_status(const struct cv_strbuf *sb)
{
    return sb->error;
}

/* Make room for `extra` more bytes plus the NUL. */
static int grow(struct cv_strbuf *sb, size_t extra)
{
    size_t need, cap;
    char *p;
    if (sb->error != CV_OK)
        return -1;
    if (cv_add_overflow(sb->len, extra, &need) || need > sb->max) {
        sb->error = CV_ELIMIT;
        return -1;
    }
    if (need < sb->cap)
        return 0;
    cap = sb->cap ? sb->cap : 64;
    while (cap <= need) {
        if (cap > SIZE_MAX / 2) {
            sb->error = CV_ELIMIT;
            return -1;
        }
        cap = cap + cap / 2 + 16;
    }
    p = realloc(sb->cap ? sb->ptr : NULL, cap);
    if (!p) {
        sb->error = CV_ENOMEM;
        return -1;
    }
    if (!sb->cap)
        p[0] = '\0';
    sb->ptr = p;
    sb->cap = cap;
    return 0;
}

void cv_strbuf_put(struct cv_strbuf *sb, const char *s, size_t len)
{
    if (grow(sb, len) != 0)
        return;
    if (len)
        memcpy(sb->ptr + sb->len, s, len);
    sb->len += len;
    sb->ptr[sb->len] = '\0';
}

void cv_strbuf_puts(struct cv_strbuf *sb, const char *s)
{
    cv_strbuf_put(sb, s, strlen(s));
}

void cv_strbuf_putc(struct cv_strbuf *sb, char c)
{
    cv_strbuf_put(sb, &c, 1);
}

void cv_strbuf_vprintf(struct cv_strbuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    int n;
    if (sb->error != CV_OK)
        return;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        sb->error = CV_ERROR;
        return;
    }
    if (grow(sb, (size_t)n) != 0)
        return;
    vsnprintf(sb->ptr + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void cv_strbuf_printf(struct cv_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cv_strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

void cv_strbuf_truncate(struct cv_strbuf *sb, size_t len)
{
    if (len < sb->len) {
        sb->len = len;
        sb->ptr[len] = '\0';
    }
}

char *cv_strbuf_detach(struct cv_strbuf *sb, size_t *len_out)
{
    char *p;
    if (sb->error != CV_OK) {
        cv_strbuf_release(sb);
        return NULL;
    }
    if (!sb->cap) {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    } else {
        p = sb->ptr;
    }
    if (len_out)
        *len_out = p ? sb->len : 0;
    cv_strbuf_init(sb, sb->max);
    return p;
}

void cv_strbuf_json_string(struct cv_strbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i;
    cv_strbuf_putc(sb, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = p[i];
        const char *esc = NULL;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default: break;
        }
        if (esc)
            cv_strbuf_puts(sb, esc);
        else if (c < 0x20 || c == 0x7f)
            cv_strbuf_printf(sb, "\\u%04x", (unsigned)c);
        else if (c == 0xe2 && i + 2 < n && p[i + 1] == 0x80 &&
                 (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
            cv_strbuf_puts(sb, p[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
            i += 2;
        } else
            cv_strbuf_putc(sb, (char)c);
    }
    cv_strbuf_putc(sb, '"');
}

void cv_strbuf_json_str(struct cv_strbuf *sb, const char *s)
{
    if (!s)
        cv_strbuf_puts(sb, "null");
    else
        cv_strbuf_json_string(sb, s, strlen(s));
}
