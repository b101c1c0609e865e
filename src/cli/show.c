/* SPDX-License-Identifier: MIT */
/*
 * show.c: `cloudvet criteria show`: the 評価基準書 (the scoring method
 * published before bids are opened) of the profile, and with --tender of
 * the tender's method, as canonical JSON, HTML, Markdown (the default,
 * for people) or XLSX; the method's SHA-256 on standard error, where it
 * never mixes with the document (`--format json | sha256sum` gives the
 * same hex).
 *
 * --out FILE is written whole or not at all: a temporary file in the
 * same directory, renamed into place when complete.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "exitcode.h"
#include "out.h"
#include "write.h"

static int parse_format(const char *name, cv_method_format *fmt, cv_lang lang)
{
    static const struct {
        const char *name;
        cv_method_format fmt;
    } formats[] = { { "md", CV_METHOD_MD }, { "json", CV_METHOD_JSON },
                    { "html", CV_METHOD_HTML }, { "xlsx", CV_METHOD_XLSX } };
    size_t i;
    if (!name) {
        *fmt = CV_METHOD_MD;
        return CV_EXIT_OK;
    }
    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (strcmp(name, formats[i].name) == 0) {
            *fmt = formats[i].fmt;
            return CV_EXIT_OK;
        }
    cv_cli_error(L(lang, "--format: md | json | html | xlsx のどれかです: '%s'",
                   "--format: one of md | json | html | xlsx: '%s'"),
                 name);
    return CV_EXIT_USAGE;
}

/* `path` split into its directory ("." when none) and last name. */
static int split_path(const char *path, char *dir, size_t size,
                      const char **name)
{
    const char *slash = strrchr(path, '/');
    size_t n;
    if (!slash) {
        *name = path;
        return snprintf(dir, size, ".") > 0 ? 0 : -1;
    }
    *name = slash + 1;
    n = slash == path ? 1 : (size_t)(slash - path);
    if (n >= size || **name == '\0')
        return -1;
    memcpy(dir, path, n);
    dir[n] = '\0';
    return 0;
}

/* A text format into `path`, atomically. */
static int write_text_file(cv_ctx *ctx, const cv_criteria *crit,
                           const cv_tender *tender, cv_method_format fmt,
                           const char *path, cv_lang lang)
{
    struct cv_cli_stream s;
    char dir[4096];
    const char *name;
    cv_status st;
    int code;
    if (split_path(path, dir, sizeof(dir), &name) != 0) {
        cv_cli_error(L(lang, "--out: ファイル名ではありません: '%s'",
                       "--out: not a file name: '%s'"),
                     path);
        return CV_EXIT_USAGE;
    }
    code = cv_cli_stream_open_file(&s, dir, name, lang);
    if (code != CV_EXIT_OK)
        return code;
    st = cv_method_write(ctx, crit, tender, fmt, cv_cli_file_write, s.f);
    if (st != CV_OK) {
        cv_cli_stream_abort(&s);
        cv_cli_print_ctx_diags(ctx);
        cv_cli_error("%s: %s", path, cv_status_str(st));
        return CV_EXIT_INTERNAL;
    }
    return cv_cli_stream_publish(&s, lang);
}

/* The workbook: libxlsxwriter writes a named file, so a hidden temporary
 * one beside `path`, renamed when complete. */
static int write_xlsx_file(cv_ctx *ctx, const cv_criteria *crit,
                           const cv_tender *tender, const char *path,
                           cv_lang lang)
{
    char dir[4096], tmp[4200];
    const char *name;
    cv_status st;
    mode_t mask;
    int fd;
    if (split_path(path, dir, sizeof(dir), &name) != 0 ||
        snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, name) >=
            (int)sizeof(tmp)) {
        cv_cli_error(L(lang, "--out: ファイル名ではありません: '%s'",
                       "--out: not a file name: '%s'"),
                     path);
        return CV_EXIT_USAGE;
    }
    /* Like the text formats (cv_cli_stream_open_file): the directory is
     * created when missing. */
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cv_cli_error("%s: %s", dir, strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        cv_cli_error("%s: %s", path, strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    /* mkstemp makes it 0600; the published file gets the umask's mode
     * like any other the command writes. */
    mask = umask(0);
    (void)umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    (void)close(fd);
    st = cv_method_write_file(ctx, crit, tender, CV_METHOD_XLSX, tmp);
    if (st == CV_OK && rename(tmp, path) != 0) {
        cv_cli_error("%s: %s", path, strerror(errno));
        st = CV_EIO;
    } else if (st != CV_OK) {
        cv_cli_print_ctx_diags(ctx);
        cv_cli_error("%s: %s", path, cv_status_str(st));
    }
    if (st != CV_OK) {
        (void)unlink(tmp);
        return CV_EXIT_INTERNAL;
    }
    return CV_EXIT_OK;
}

static int write_method(cv_ctx *ctx, const cv_criteria *crit,
                        const cv_tender *tender, cv_method_format fmt,
                        const struct cli *c)
{
    cv_lang lang = c->opts.lang;
    bool to_stdout = !c->out_given || strcmp(c->out_dir, "-") == 0;
    cv_status st;
    if (!to_stdout)
        return fmt == CV_METHOD_XLSX
                   ? write_xlsx_file(ctx, crit, tender, c->out_dir, lang)
                   : write_text_file(ctx, crit, tender, fmt, c->out_dir,
                                     lang);
    st = cv_method_write(ctx, crit, tender, fmt, cv_cli_file_write, stdout);
    if (st == CV_OK && fflush(stdout) != 0)
        st = CV_EIO;
    if (st != CV_OK) {
        cv_cli_print_ctx_diags(ctx);
        cv_cli_error("%s", cv_status_str(st));
        return CV_EXIT_INTERNAL;
    }
    return CV_EXIT_OK;
}

int cv_cli_criteria_show(cv_ctx *ctx, struct cli *c)
{
    cv_lang lang = c->opts.lang;
    cv_criteria *crit = NULL;
    cv_tender *tender = NULL;
    cv_method_format fmt;
    char hash[65];
    int code = parse_format(c->format, &fmt, lang);
    if (code != CV_EXIT_OK)
        return code;
    if (fmt == CV_METHOD_XLSX &&
        (!c->out_given || strcmp(c->out_dir, "-") == 0)) {
        cv_cli_error("%s", L(lang,
                             "--format xlsx には --out ファイル が必要です",
                             "--format xlsx needs --out FILE"));
        return CV_EXIT_USAGE;
    }
    code = cv_cli_load_criteria(&crit, ctx, c);
    if (code != CV_EXIT_OK)
        return code;
    if (c->tender && cv_tender_load(&tender, ctx, crit, c->tender) != CV_OK) {
        cv_cli_print_ctx_diags(ctx);
        cv_cli_error("%s: %s", c->tender,
                     L(lang, "入札案件ファイルを読み込めません",
                       "cannot load the tender file"));
        cv_criteria_free(crit);
        return CV_EXIT_CRITERIA;
    }
    if (cv_method_sha256_hex(crit, tender, hash) != CV_OK)
        code = CV_EXIT_INTERNAL;
    else
        code = write_method(ctx, crit, tender, fmt, c);
    if (code == CV_EXIT_OK)
        fprintf(stderr, "%s: %s\n",
                L(lang, "評価基準書の SHA-256", "method SHA-256"), hash);
    cv_tender_free(tender);
    cv_criteria_free(crit);
    return code;
}
