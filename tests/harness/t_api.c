/* SPDX-License-Identifier: MIT */
/* t_api.c: see t_api.h. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, mkstemp, lstat, strdup */

#include "t_api.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- contexts and criteria ---- */

int t_api_open(cv_ctx **ctx, cv_criteria **crit, const char *criteria_dir,
               cv_lang lang)
{
    if (cv_global_init() != CV_OK || (*ctx = t_api_ctx(lang)) == NULL)
        return -1;
    if (cv_criteria_load(crit, *ctx, criteria_dir, NULL) != CV_OK) {
        size_t i;
        for (i = 0; i < cv_ctx_diag_count(*ctx); i++)
            fprintf(stderr, "%s\n", cv_ctx_diag_at(*ctx, i)->message);
        fprintf(stderr, "cannot load criteria from %s\n", criteria_dir);
        return -1;
    }
    return 0;
}

void t_api_close(cv_ctx *ctx, cv_criteria *crit)
{
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
}

cv_ctx *t_api_ctx(cv_lang lang)
{
    cv_options opts = CV_OPTIONS_INIT;
    cv_ctx *ctx = NULL;
    opts.lang = lang;
    memcpy(opts.as_of, "2026-11-21", 11);
    return cv_ctx_new(&ctx, &opts) == CV_OK ? ctx : NULL;
}

int t_api_main(int argc, char **argv, const char *name, cv_lang lang,
               cv_ctx **ctx, cv_criteria **crit, const struct t_case *cases,
               size_t n)
{
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: %s CRITERIA_DIR\n", name);
        return 2;
    }
    if (t_api_open(ctx, crit, argv[1], lang) != 0)
        return 1;
    rc = t_run(cases, n);
    t_api_close(*ctx, *crit);
    return rc;
}

char *t_diag_text(const cv_ctx *ctx)
{
    size_t i, cap = 1, len = 0;
    char *text;
    for (i = 0; i < cv_ctx_diag_count(ctx); i++) {
        const cv_diag *d = cv_ctx_diag_at(ctx, i);
        cap += strlen(d->source) + strlen(d->path) + strlen(d->message) + 8;
    }
    text = malloc(cap);
    if (!text)
        return NULL;
    text[0] = '\0';
    for (i = 0; i < cv_ctx_diag_count(ctx); i++) {
        const cv_diag *d = cv_ctx_diag_at(ctx, i);
        len += (size_t)snprintf(text + len, cap - len, "%s: %s: %s\n",
                                d->source, d->path, d->message);
    }
    return text;
}

/* ---- submissions ---- */

cv_submission *t_evaluate(cv_ctx *ctx, const cv_criteria *crit,
                          const char *name, const char *text)
{
    cv_submission *s = NULL;
    if (!text || cv_submission_evaluate(&s, ctx, crit, name, text,
                                        strlen(text)) != CV_OK)
        return NULL;
    return s;
}

bool t_result(const cv_submission *s, const char *id, cv_result_info *r)
{
    size_t i;
    for (i = 0; s && i < cv_submission_result_count(s); i++)
        if (cv_submission_result_at(s, i, r) == CV_OK &&
            strcmp(r->id, id) == 0)
            return true;
    return false;
}

const char *t_status_of(const cv_submission *s, const char *id)
{
    cv_result_info r;
    return t_result(s, id, &r) ? cv_result_status_str(r.status)
                               : "(missing)";
}

bool t_diag_at(const cv_submission *s, cv_severity least, const char *tail)
{
    size_t i;
    for (i = 0; s && i < cv_submission_diag_count(s); i++) {
        const cv_diag *d = cv_submission_diag_at(s, i);
        if (d->severity >= least && t_ends_with(d->path, tail))
            return true;
    }
    return false;
}

/* ---- text ---- */

bool t_ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

void t_put(struct t_buf *b, const char *fmt, ...)
{
    va_list ap;
    int w;
    va_start(ap, fmt);
    w = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, ap);
    va_end(ap);
    if (w > 0 && (size_t)w < sizeof(b->s) - b->n)
        b->n += (size_t)w;
    else
        b->s[b->n] = '\0';
}

char *t_replace_first(const char *text, const char *from, const char *to)
{
    const char *at = text ? strstr(text, from) : NULL;
    size_t head, n;
    char *out;
    if (!at)
        return NULL;
    head = (size_t)(at - text);
    n = strlen(text) - strlen(from) + strlen(to);
    out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

/* ---- files ---- */

char *t_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    return buf;
}

int t_edit_file(const char *dir, const char *name, const char *old,
                const char *new_text)
{
    char path[4096];
    char *text, *edited;
    int rc = -1;
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    text = t_read_file(path);
    edited = t_replace_first(text, old, new_text);
    if (edited && (f = fopen(path, "wb")) != NULL) {
        rc = fputs(edited, f) >= 0 ? 0 : -1;
        if (fclose(f) != 0)
            rc = -1;
    }
    free(edited);
    free(text);
    if (rc != 0)
        fprintf(stderr, "cannot edit '%s' in %s\n", old, path);
    return rc;
}

/* Copies the regular file `from` to `to`; 0 or -1. */
static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    int rc = 0;
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    if (!out) {
        if (in)
            fclose(in);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    if (fclose(out) != 0)
        rc = -1;
    return rc;
}

int t_copy_tree(const char *from, const char *to)
{
    DIR *d = opendir(from);
    struct dirent *e;
    int rc = 0;
    if (!d || mkdir(to, 0700) != 0) {
        if (d)
            closedir(d);
        return -1;
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char a[4096], b[4096];
        struct stat sb;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(a, sizeof(a), "%s/%s", from, e->d_name);
        snprintf(b, sizeof(b), "%s/%s", to, e->d_name);
        if (stat(a, &sb) != 0)
            rc = -1;
        else if (S_ISDIR(sb.st_mode))
            rc = t_copy_tree(a, b);
        else if (S_ISREG(sb.st_mode))
            rc = copy_file(a, b);
    }
    closedir(d);
    return rc;
}

void t_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        struct stat sb;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            t_remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

int t_make_temp_dir(char *out, size_t cap, const char *prefix)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(out, cap, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
                     prefix);
    if (n < 0 || (size_t)n >= cap) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return mkdtemp(out) ? 0 : -1;
}

char *t_temp_file(const char *prefix, const char *text)
{
    char path[4096];
    size_t n = strlen(text);
    int fd;
    char *copy;
    if ((size_t)snprintf(path, sizeof(path), "/tmp/%sXXXXXX", prefix) >=
        sizeof(path))
        return NULL;
    fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    if (write(fd, text, n) != (ssize_t)n) {
        close(fd);
        unlink(path);
        return NULL;
    }
    close(fd);
    copy = strdup(path);
    if (!copy)
        unlink(path);
    return copy;
}
