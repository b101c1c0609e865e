/* SPDX-License-Identifier: MIT */
/* diag.c: recording and formatting diagnostics (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <string.h>

#include "unicode.h"

void cv_diags_init(struct cv_diags *d, struct cv_arena *arena, cv_lang lang,
                   size_t max)
{
    memset(d, 0, sizeof(*d));
    d->arena = arena;
    d->lang = lang;
    d->max = max ? max : 1000;
}

static cv_status push(struct cv_diags *d, const cv_diag *item)
{
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        cv_diag *n = cv_arena_grow(d->arena, d->items, d->count, ncap,
                                   sizeof(*n));
        if (!n)
            return CV_ENOMEM;
        d->items = n;
        d->cap = ncap;
    }
    d->items[d->count++] = *item;
    if (item->severity == CV_SEV_ERROR)
        d->errors++;
    return CV_OK;
}

/* Diagnostics quote the input (a parser's "near '...'", a file name), so
 * their text is made valid UTF-8 here, once: every writer downstream can
 * rely on it. */
static const char *dup_or_empty(struct cv_arena *a, const char *s)
{
    return s ? cv_utf8_repair(a, s, strlen(s)) : cv_arena_strdup(a, "");
}

/* A message quoting a vendor value (an unknown region id of a megabyte)
 * is cut at CV_DIAG_MESSAGE_MAX_BYTES, at a character boundary, and ends
 * with "…": it stays a message a person can read, where a message past
 * the buffer's bound used to come out empty. The value itself is in the
 * vendor's file, at the diagnostic's location. */
static void format_bounded(struct cv_strbuf *sb, const char *fmt, va_list ap)
    CV_PRINTF(2, 0);

static void format_bounded(struct cv_strbuf *sb, const char *fmt, va_list ap)
{
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
    char buf[CV_DIAG_MESSAGE_MAX_BYTES + 1];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    size_t len;
    if (n < 0) {
        cv_strbuf_puts(sb, "?");
        return;
    }
    if ((size_t)n < sizeof(buf)) {
        cv_strbuf_put(sb, buf, (size_t)n);
        return;
    }
    len = CV_DIAG_MESSAGE_MAX_BYTES - (sizeof(ellipsis) - 1);
    /* Back to the start of a UTF-8 sequence: never half a character. */
    while (len > 0 && ((unsigned char)buf[len] & 0xC0u) == 0x80u)
        len--;
    cv_strbuf_put(sb, buf, len);
    cv_strbuf_puts(sb, ellipsis);
}

cv_status cv_diags_vadd(struct cv_diags *d, cv_severity sev, cv_status code,
                        const struct cv_loc *loc, const char *fmt, va_list ap)
{
    struct cv_strbuf sb;
    cv_diag item;
    cv_status st;

    if (d->count >= d->max) {
        if (sev == CV_SEV_ERROR)
            d->errors++;
        d->dropped++;
        return CV_OK;
    }
    cv_strbuf_init(&sb, CV_DIAG_MESSAGE_MAX_BYTES + 1);
    format_bounded(&sb, fmt, ap);
    memset(&item, 0, sizeof(item));
    item.severity = sev;
    item.code = code;
    item.source = dup_or_empty(d->arena, loc ? loc->source : NULL);
    item.path = dup_or_empty(d->arena, loc ? loc->path : NULL);
    item.line = loc ? loc->line : 0;
    item.column = loc ? loc->column : 0;
    item.message = cv_utf8_repair(d->arena, sb.ptr, sb.len);
    st = cv_strbuf_status(&sb);
    cv_strbuf_release(&sb);
    if (st == CV_ENOMEM || !item.source || !item.path || !item.message)
        return CV_ENOMEM;
    return push(d, &item);
}

cv_status cv_diags_add(struct cv_diags *d, cv_severity sev, cv_status code,
                       const struct cv_loc *loc, const char *fmt, ...)
{
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(d, sev, code, loc, fmt, ap);
    va_end(ap);
    return st;
}

cv_status cv_diags_fail(struct cv_diags *d, cv_status code,
                        const struct cv_loc *loc, const char *fmt, ...)
{
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(d, CV_SEV_ERROR, code, loc, fmt, ap);
    va_end(ap);
    return st == CV_OK ? code : st;
}

cv_status cv_diags_copy(struct cv_diags *dst, const struct cv_diags *src)
{
    size_t i;
    for (i = 0; i < src->count; i++) {
        const cv_diag *s = &src->items[i];
        struct cv_loc loc = { s->source, s->path, s->line, s->column };
        cv_status st = cv_diags_add(dst, s->severity, s->code, &loc, "%s",
                                    s->message);
        if (st != CV_OK)
            return st;
    }
    dst->dropped += src->dropped;
    return CV_OK;
}

void cv_diag_format(struct cv_strbuf *sb, const cv_diag *d)
{
    cv_strbuf_puts(sb, d->source && *d->source ? d->source : "<input>");
    /* A workbook cell ("Sheet!C12", never starting with '/' as pointers
     * and XPaths do) stands where a line would: file:Sheet!C12. */
    if (d->line == 0 && d->path && d->path[0] && d->path[0] != '/') {
        cv_strbuf_printf(sb, ":%s: %s: %s", d->path,
                         cv_severity_str(d->severity), d->message);
        return;
    }
    if (d->line) {
        cv_strbuf_printf(sb, ":%u", d->line);
        if (d->column)
            cv_strbuf_printf(sb, ":%u", d->column);
    }
    cv_strbuf_puts(sb, ": ");
    if (d->path && *d->path)
        cv_strbuf_printf(sb, "%s: ", d->path);
    cv_strbuf_printf(sb, "%s: %s", cv_severity_str(d->severity), d->message);
}
