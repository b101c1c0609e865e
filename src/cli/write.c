/* SPDX-License-Identifier: MIT */
/* write.c: report files, all-or-nothing (see write.h). */
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

struct pending {
    char tmp[4096];
    char final[4096];
    int written; /* the temporary file is complete */
};

int cv_cli_parse_formats(const char *list, cv_cli_formats *out, cv_lang lang)
{
    char name[16];
    const char *p = list;
    *out = 0;
    if (!list) {
        *out = CV_CLI_ALL_FORMATS;
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
    cv_cli_error("--format: %s: '%s'",
                 L(lang, "形式は html, json, csv, md, xlsx の組み合わせです",
                   "formats are a list of html, json, csv, md, xlsx"),
                 list);
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

/* Creates the temporary file of one format; returns its descriptor. */
static int open_temp(struct pending *p, const char *dir, const char *ext)
{
    if ((size_t)snprintf(p->final, sizeof(p->final), "%s/report.%s", dir,
                         ext) >= sizeof(p->final) ||
        (size_t)snprintf(p->tmp, sizeof(p->tmp), "%s/.report.%s.XXXXXX", dir,
                         ext) >= sizeof(p->tmp)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return mkstemp(p->tmp);
}

/* Streams one format into the open temporary file `fd` (closed here). */
static cv_status write_stream(const cv_report *report, cv_report_format fmt,
                              int fd)
{
    FILE *f = fdopen(fd, "wb");
    cv_status st;
    if (!f) {
        close(fd);
        return CV_EIO;
    }
    st = cv_report_write(report, fmt, cv_cli_file_write, f);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        st = st == CV_OK ? CV_EIO : st;
    if (fclose(f) != 0)
        st = st == CV_OK ? CV_EIO : st;
    return st;
}

/* XLSX is written by name (libxlsxwriter), over the reserved temp file. */
static cv_status write_named(const cv_report *report, cv_report_format fmt,
                             int fd, const char *path)
{
    cv_status st;
    close(fd);
    st = cv_report_write_file(report, fmt, path);
    if (st == CV_OK) {
        int again = open(path, O_RDONLY);
        if (again < 0 || fsync(again) != 0)
            st = CV_EIO;
        if (again >= 0)
            close(again);
    }
    return st;
}

static int write_one(const cv_report *report, cv_report_format fmt,
                     struct pending *p, const char *dir, cv_lang lang)
{
    const char *ext = cv_report_format_name(fmt);
    int fd = open_temp(p, dir, ext);
    cv_status st;
    if (fd < 0) {
        cv_cli_error("%s/report.%s: %s", dir, ext, strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    errno = 0;
    st = fmt == CV_REPORT_XLSX ? write_named(report, fmt, fd, p->tmp)
                               : write_stream(report, fmt, fd);
    p->written = 1; /* the temporary exists from here on, complete or not */
    if (st == CV_OK && chmod(p->tmp, 0644) == 0)
        return CV_EXIT_OK;
    cv_cli_error("%s: %s (%s)", p->final,
                 L(lang, "レポートを書き込めません", "cannot write the report"),
                 errno ? strerror(errno) : cv_status_str(st));
    return CV_EXIT_INTERNAL;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd); /* best effort: the renames themselves are atomic */
        close(fd);
    }
}

int cv_cli_write_reports(const cv_report *report, cv_cli_formats set,
                         const char *dir, cv_lang lang)
{
    struct pending files[CV_REPORT_FORMAT_COUNT];
    int code = CV_EXIT_OK;
    unsigned i;

    memset(files, 0, sizeof(files));
    if (make_dir(dir) != 0) {
        cv_cli_error("%s: %s", dir, strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    for (i = 0; i < CV_REPORT_FORMAT_COUNT && code == CV_EXIT_OK; i++)
        if (set & (1u << i))
            code = write_one(report, (cv_report_format)i, &files[i], dir,
                             lang);
    for (i = 0; i < CV_REPORT_FORMAT_COUNT && code == CV_EXIT_OK; i++) {
        if (files[i].written && rename(files[i].tmp, files[i].final) != 0) {
            cv_cli_error("%s: %s", files[i].final, strerror(errno));
            code = CV_EXIT_INTERNAL;
        }
        if (code == CV_EXIT_OK)
            files[i].written = 0;
    }
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++)
        if (files[i].written)
            unlink(files[i].tmp);
    if (code == CV_EXIT_OK)
        sync_dir(dir);
    return code;
}

int cv_cli_write_stdout(const cv_report *report, cv_cli_formats set,
                        cv_lang lang)
{
    unsigned i, fmt = 0, n = 0;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++)
        if (set & (1u << i)) {
            fmt = i;
            n++;
        }
    if (n != 1 || fmt == CV_REPORT_XLSX) {
        cv_cli_error("--out -: %s",
                     L(lang, "標準出力には html, json, csv, md のいずれか一つを"
                             "指定してください",
                       "standard output takes exactly one of html, json, "
                       "csv, md"));
        return CV_EXIT_USAGE;
    }
    if (cv_report_write(report, (cv_report_format)fmt, cv_cli_file_write,
                        stdout) != CV_OK ||
        fflush(stdout) != 0)
        return CV_EXIT_INTERNAL;
    return CV_EXIT_OK;
}
