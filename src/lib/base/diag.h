/* SPDX-License-Identifier: MIT */
/*
 * diag.h: diagnostic lists.
 *
 * A diagnostic is set where a problem is detected, where its location is
 * known, and the status is then propagated unchanged. Messages follow the
 * house grammar (lower-case start in English, no final full stop, the
 * user's value in single quotes) and are written in the run's language:
 * callers pass both texts through CV_L(lang, ja, en), which keeps both
 * format strings visible to the compiler's printf checks.
 *
 * A list owns its strings through the arena it was given; it stops
 * recording after `max` entries and then adds one note saying so.
 */
#ifndef CV_DIAG_H
#define CV_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "arena.h"
#include "cloudvet.h"
#include "strbuf.h"

#define CV_L(lang, ja, en) ((lang) == CV_LANG_EN ? (en) : (ja))

/* The longest message, in bytes: a message quoting a longer vendor value
 * is cut there (at a character) and ends with "…". Far above any
 * sentence of ours; a vendor value quoted in full belongs to its file. */
#define CV_DIAG_MESSAGE_MAX_BYTES 4096

struct cv_diags {
    struct cv_arena *arena;
    cv_lang lang;
    cv_diag *items;
    size_t count;
    size_t cap;
    size_t max;
    size_t dropped;
    size_t errors;
};

/* A location: source file, path (pointer/XPath), line and column. */
struct cv_loc {
    const char *source;
    const char *path;
    unsigned line;
    unsigned column;
};

void cv_diags_init(struct cv_diags *d, struct cv_arena *arena, cv_lang lang,
                   size_t max);

/* Records a diagnostic; returns CV_ENOMEM if it could not be stored,
 * else CV_OK. */
cv_status cv_diags_add(struct cv_diags *d, cv_severity sev, cv_status code,
                       const struct cv_loc *loc, const char *fmt, ...)
    CV_PRINTF(5, 6);
cv_status cv_diags_vadd(struct cv_diags *d, cv_severity sev, cv_status code,
                        const struct cv_loc *loc, const char *fmt, va_list ap)
    CV_PRINTF(5, 0);

/* Records an error and returns `code` (or CV_ENOMEM): one-line failure. */
cv_status cv_diags_fail(struct cv_diags *d, cv_status code,
                        const struct cv_loc *loc, const char *fmt, ...)
    CV_PRINTF(4, 5);

/* Copies every diagnostic of `src` into `dst` (strings re-owned). */
cv_status cv_diags_copy(struct cv_diags *dst, const struct cv_diags *src);

/* "source:line:col: path: severity: message" in `sb` (no newline). */
void cv_diag_format(struct cv_strbuf *sb, const cv_diag *d);

#endif
