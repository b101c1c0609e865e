/* SPDX-License-Identifier: MIT */
/* write.c: --format, --out -, and single files written whole (see
 * write.h); the report set itself is published by publish.c. */
/* O_TMPFILE and linkat's AT_SYMLINK_FOLLOW are Linux's: see struct
 * pending. */
#define _GNU_SOURCE
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "out.h"

#define L(lang, ja, en) ((lang) == CV_LANG_EN ? (en) : (ja))

/*
 * One report on its way. Where the file system allows it, the temporary
 * file is unnamed (O_TMPFILE): a run killed at any moment leaves nothing
 * behind, and the file gets a name only when it is complete. Otherwise it
 * is a hidden mkstemp file, removed on any failure we survive.
 */
struct pending {
    int fd;             /* open until published; -1 when none */
    int unnamed;        /* O_TMPFILE: linked into `tmp` when published */
    char tmp[4096];     /* the temporary name (once it has one) */
    char final[4096];
    int named;          /* `tmp` exists in the directory */
};

/* The formats whose row in the library's table says `want` of them,
 * as "html, json, ..." (`sep` between), into buf. */
static const char *format_names(char *buf, size_t size, const char *sep,
                                int (*want)(const cv_report_format_info *))
{
    size_t used = 0;
    unsigned i;
    buf[0] = '\0';
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        int n;
        if (cv_report_format_info_of((cv_report_format)i, &info) != CV_OK ||
            (want && !want(&info)))
            continue;
        n = snprintf(buf + used, size - used, "%s%s", used ? sep : "",
                     info.name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

static int streams(const cv_report_format_info *info)
{
    return !info->file_only && !info->per_submission;
}

const char *cv_cli_format_list(char *buf, size_t size, const char *sep)
{
    return format_names(buf, size, sep, NULL);
}

cv_cli_formats cv_cli_default_formats(void)
{
    cv_cli_formats set = 0;
    unsigned i;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        if (cv_report_format_info_of((cv_report_format)i, &info) == CV_OK &&
            info.by_default)
            set |= 1u << i;
    }
    return set;
}

int cv_cli_parse_formats(const char *list, cv_cli_formats *out, cv_lang lang)
{
    char name[16], names[256];
    const char *p = list;
    *out = 0;
    if (!list) {
        *out = cv_cli_default_formats();
        return CV_EXIT_OK;
    }
    while (*p) {
        size_t n = strcspn(p, ",");
        cv_report_format fmt;
        if (n == 0 || n >= sizeof(name))
            goto bad;
        memcpy(name, p, n);
        name[n] = '\0';
        if (cv_report_format_parse(name, &fmt) != CV_OK)
            goto bad;
        *out |= 1u << fmt;
        p += n;
        if (*p == ',')
            p++;
    }
    if (*out)
        return CV_EXIT_OK;
bad:
    cv_cli_format_list(names, sizeof(names), ", ");
    cv_cli_error(L(lang, "--format: 形式は %s の組み合わせです: '%s'",
                   "--format: formats are a list of %s: '%s'"),
                 names, list);
    return CV_EXIT_USAGE;
}

static int make_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (errno == EEXIST)
        errno = ENOTDIR;
    return -1;
}

/* Creates the temporary file that becomes `dir`/`name`. */
static int open_temp_named(struct pending *p, const char *dir,
                           const char *name)
{
    if ((size_t)snprintf(p->final, sizeof(p->final), "%s/%s", dir, name) >=
            sizeof(p->final) ||
        (size_t)snprintf(p->tmp, sizeof(p->tmp), "%s/.%s.XXXXXX", dir,
                         name) >= sizeof(p->tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
#ifdef O_TMPFILE
    p->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
    if (p->fd >= 0) {
        p->unnamed = 1;
        return 0;
    }
    /* Not every file system has unnamed files: fall back to a name. */
    if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        return -1;
#endif
    p->fd = mkstemp(p->tmp);
    if (p->fd < 0)
        return -1;
    p->named = 1;
    return fchmod(p->fd, 0644);
}

/* Gives a complete unnamed file its temporary name, then renames it into
 * place (rename replaces the old report atomically). */
static int publish(struct pending *p)
{
    if (p->unnamed) {
        char proc[64];
        snprintf(proc, sizeof(proc), "/proc/self/fd/%d", p->fd);
        /* mkstemp reserves a fresh name; linkat needs it to be absent. */
        int fd = mkstemp(p->tmp);
        if (fd < 0)
            return -1;
        close(fd);
        if (unlink(p->tmp) != 0 ||
            linkat(AT_FDCWD, proc, AT_FDCWD, p->tmp, AT_SYMLINK_FOLLOW) != 0)
            return -1;
        p->named = 1;
    }
    if (rename(p->tmp, p->final) != 0)
        return -1;
    p->named = 0;
    return 0;
}

static void discard(struct pending *p)
{
    if (p->named)
        unlink(p->tmp);
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    p->named = 0;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd); /* best effort: the renames themselves are atomic */
        close(fd);
    }
}

int cv_cli_stream_open_file(struct cv_cli_stream *s, const char *dir,
                            const char *name, cv_lang lang)
{
    struct pending *p = calloc(1, sizeof(*p));
    int copy = -1;
    s->f = NULL;
    s->pending = p;
    if (!p)
        return CV_EXIT_INTERNAL;
    p->fd = -1;
    errno = 0;
    if (make_dir(dir) != 0 || open_temp_named(p, dir, name) != 0 ||
        (copy = dup(p->fd)) < 0 || !(s->f = fdopen(copy, "wb"))) {
        cv_cli_error("%s/%s: %s (%s)", dir, name,
                     strncmp(name, "report.", 7) == 0
                         ? L(lang, "レポートを書き込めません",
                             "cannot write the report")
                         : L(lang, "書き込めません", "cannot write"),
                     strerror(errno));
        if (copy >= 0 && !s->f)
            close(copy);
        cv_cli_stream_abort(s);
        return CV_EXIT_INTERNAL;
    }
    return CV_EXIT_OK;
}

void cv_cli_stream_abort(struct cv_cli_stream *s)
{
    if (s->f)
        fclose(s->f);
    if (s->pending) {
        discard(s->pending);
        free(s->pending);
    }
    s->f = NULL;
    s->pending = NULL;
}

int cv_cli_stream_publish(struct cv_cli_stream *s, cv_lang lang)
{
    struct pending *p = s->pending;
    int failed = fflush(s->f) != 0 || fsync(p->fd) != 0;
    failed = fclose(s->f) != 0 || failed;
    s->f = NULL;
    if (failed || publish(p) != 0) {
        cv_cli_error("%s: %s (%s)", p->final,
                     L(lang, "書き込めません", "cannot write"),
                     strerror(errno));
        cv_cli_stream_abort(s);
        return CV_EXIT_INTERNAL;
    }
    {
        /* The directory is the final name up to its last slash. */
        char *slash = strrchr(p->final, '/');
        if (slash) {
            *slash = '\0';
            sync_dir(p->final);
        }
    }
    cv_cli_stream_abort(s);
    return CV_EXIT_OK;
}

int cv_cli_write_stdout(const cv_report *report, cv_cli_formats set,
                        cv_lang lang)
{
    unsigned i, fmt = 0, n = 0;
    cv_report_format_info info = { "?", "?", 1, 0, 0 };
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++)
        if (set & (1u << i)) {
            fmt = i;
            n++;
        }
    if (n != 1 ||
        cv_report_format_info_of((cv_report_format)fmt, &info) != CV_OK ||
        !streams(&info)) {
        char names[256];
        format_names(names, sizeof(names), ", ", streams);
        cv_cli_error(L(lang, "--out -: 標準出力には %s のいずれか一つを"
                             "指定してください",
                       "--out -: standard output takes exactly one of %s"),
                     names);
        return CV_EXIT_USAGE;
    }
    {
        cv_status st = cv_report_write(report, (cv_report_format)fmt,
                                       cv_cli_file_write, stdout);
        if (st == CV_OK && fflush(stdout) != 0)
            st = CV_EIO;
        if (st != CV_OK) {
            cv_cli_error("-: %s (%s)",
                         L(lang, "レポートを書き込めません",
                           "cannot write the report"),
                         cv_status_str(st));
            return CV_EXIT_INTERNAL;
        }
    }
    return CV_EXIT_OK;
}
