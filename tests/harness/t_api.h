/* SPDX-License-Identifier: MIT */
/* t_api.h: setup and helpers shared by the tests that drive the public API. */
#ifndef CV_T_API_H
#define CV_T_API_H

#include <stdbool.h>
#include <stddef.h>

#include "cloudvet.h"
#include "t.h"

/* ---- contexts and criteria ---- */

/* Initialises the library, a context (as of 2026-11-21, `lang`) and the
 * default profile of `criteria_dir`; 0 on success. */
int t_api_open(cv_ctx **ctx, cv_criteria **crit, const char *criteria_dir,
               cv_lang lang);
void t_api_close(cv_ctx *ctx, cv_criteria *crit);

/* A new context as of 2026-11-21 in `lang` (the library already
 * initialised); NULL on failure. */
cv_ctx *t_api_ctx(cv_lang lang);

/* The main of a test that needs one context and the default profile:
 * `argv[1]` is CRITERIA_DIR (else "usage: `name` CRITERIA_DIR" and 2),
 * opened in `lang` into *ctx and *crit for the `n` cases, which are run;
 * t_run's result, or 1 when the criteria cannot be opened. */
int t_api_main(int argc, char **argv, const char *name, cv_lang lang,
               cv_ctx **ctx, cv_criteria **crit, const struct t_case *cases,
               size_t n);

/* Every diagnostic of `ctx`, a line "source: path: message\n" each
 * (malloc'ed, "" when there is none); NULL without memory. */
char *t_diag_text(const cv_ctx *ctx);

/* ---- submissions ---- */

/* `text` evaluated with `crit` as the file `name`; NULL when `text` is
 * NULL or the evaluation fails. */
cv_submission *t_evaluate(cv_ctx *ctx, const cv_criteria *crit,
                          const char *name, const char *text);

/* The result of criterion `id` in `s` (which may be NULL), in *r; false
 * when there is none. */
bool t_result(const cv_submission *s, const char *id, cv_result_info *r);

/* The status of criterion `id` in `s` ("met", ...), "(missing)" when
 * there is no such result. */
const char *t_status_of(const cv_submission *s, const char *id);

/* `s` (which may be NULL) has a diagnostic of severity `least` or worse
 * whose path ends with `tail` (JSON Pointer or the XPath's tail; "" is
 * any path). */
bool t_diag_at(const cv_submission *s, cv_severity least, const char *tail);

/* ---- text ---- */

/* `s` ends with `tail`. */
bool t_ends_with(const char *s, const char *tail);

/* A document written piece by piece; `s` is always terminated. */
struct t_buf {
    char s[8192];
    size_t n;
};

/* Appends to `b` what printf would write; a piece that does not fit is
 * dropped whole. */
void t_put(struct t_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* `text` with the first `from` replaced by `to` (malloc'ed); NULL when
 * `text` is NULL or `from` is not in it, so a test never passes on an
 * unchanged text. */
char *t_replace_first(const char *text, const char *from, const char *to);

/* ---- files ---- */

/* The whole file `path` (malloc'ed, terminated); NULL when unreadable. */
char *t_read_file(const char *path);

/* Replaces the first `old` of dir/name by `new_text`; 0, or -1 (said on
 * stderr) when the file cannot be rewritten or `old` is not there. */
int t_edit_file(const char *dir, const char *name, const char *old,
                const char *new_text);

/* Copies the directory `from`, its regular files and subdirectories, to
 * the new directory `to`; 0 or -1. */
int t_copy_tree(const char *from, const char *to);

/* Removes `dir` and everything below it, as far as it can. */
void t_remove_tree(const char *dir);

/* Makes a new directory `prefix`-XXXXXX in $TMPDIR (or /tmp) and writes
 * its path to `out`; 0, or -1 with errno set. */
int t_make_temp_dir(char *out, size_t cap, const char *prefix);

/* Writes `text` to a new file `prefix`XXXXXX in /tmp; its path
 * (malloc'ed, the caller unlinks it), or NULL. */
char *t_temp_file(const char *prefix, const char *text);

#endif
