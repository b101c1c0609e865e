/* SPDX-License-Identifier: MIT */
/*
 * check.c: `cloudvet check`, the vendor's pre-check (docs/check.md). It
 * parses nothing itself beyond what main.c gave it: it reads the inputs
 * (a file, or standard input for "-", bounded by --max-input-bytes),
 * has the library evaluate and write them in the format asked
 * (cv_check_write: text, json, sarif, junit), and maps the outcome to the
 * exit code. Findings go to stdout; what the command does and any note
 * about the run go to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "exitcode.h"
#include "out.h"

/* The name standard input has in every location `check` writes. */
#define CHECK_STDIN_NAME "<stdin>"

struct check_input {
    cv_submission *sub;
    char *bytes; /* kept for the text format's excerpts, else NULL */
    size_t len;
};

/* Reads all of `fd` into *buf, at most `max` bytes. 1 when there was
 * more, -1 on a read error or no memory, else 0. */
static int read_bounded(int fd, size_t max, char **buf, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *b = malloc(cap);
    if (!b)
        return -1;
    for (;;) {
        ssize_t k;
        if (n == cap) {
            char *nb;
            if (cap > max) {
                free(b);
                return 1;
            }
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            nb = realloc(b, cap);
            if (!nb) {
                free(b);
                return -1;
            }
            b = nb;
        }
        k = read(fd, b + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            free(b);
            return -1;
        }
        if (k == 0)
            break;
        n += (size_t)k;
        if (n > max) {
            free(b);
            return 1;
        }
    }
    *buf = b;
    *len = n;
    return 0;
}

/* The bytes of a regular file, for the excerpts; anything else (a FIFO,
 * a device, a file too large or unreadable) is left to the library's own
 * reader, which says why it cannot read it. */
static int read_regular(const char *path, size_t max, char **buf,
                        size_t *len)
{
    struct stat st;
    int rc, fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (unsigned long long)st.st_size > (unsigned long long)max) {
        close(fd);
        return -1;
    }
    rc = read_bounded(fd, max, buf, len);
    close(fd);
    return rc;
}

/* Evaluates one input into `in`; returns an exit code. */
static int check_one(cv_ctx *ctx, const cv_criteria *crit, struct cli *c,
                     const char *path, bool keep, struct check_input *in)
{
    size_t max = c->opts.limits.max_input_bytes;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;
    if (strcmp(path, "-") == 0) {
        int rc = read_bounded(STDIN_FILENO, max, &buf, &len);
        if (rc != 0) {
            cv_cli_error(rc > 0 ? L(c->opts.lang,
                                    "標準入力が --max-input-bytes (%zu バイト)"
                                    " を超えています",
                                    "standard input exceeds "
                                    "--max-input-bytes (%zu bytes)")
                                : L(c->opts.lang,
                                    "標準入力を読めません (%zu)",
                                    "cannot read standard input (%zu)"),
                         max);
            return CV_EXIT_USAGE;
        }
        st = cv_submission_evaluate(&in->sub, ctx, crit, CHECK_STDIN_NAME,
                                    buf, len);
    } else if (read_regular(path, max, &buf, &len) == 0) {
        st = cv_submission_evaluate(&in->sub, ctx, crit, path, buf, len);
    } else {
        buf = NULL;
        st = cv_submission_evaluate_file(&in->sub, ctx, crit, path);
    }
    if (st != CV_OK) {
        free(buf);
        return CV_EXIT_INTERNAL;
    }
    if (keep) {
        in->bytes = buf;
        in->len = len;
    } else {
        free(buf);
    }
    return CV_EXIT_OK;
}

/* The exit code of one outcome, and how bad it is: unreadable, then not
 * qualified, then qualified on condition, then qualified. */
static int outcome_exit(cv_check_outcome o)
{
    switch (o) {
    case CV_CHECK_QUALIFIES: return CV_EXIT_OK;
    case CV_CHECK_CONDITIONAL: return CV_EXIT_CONDITIONAL;
    case CV_CHECK_FAILS: return CV_EXIT_NOT_QUALIFIED;
    case CV_CHECK_UNREADABLE: break;
    }
    return CV_EXIT_USAGE;
}

static int format_of(const struct cli *c, cv_check_format *fmt)
{
    char list[64];
    size_t i, n = 0;
    *fmt = CV_CHECK_TEXT;
    if (!c->format || cv_check_format_parse(c->format, fmt) == CV_OK)
        return CV_EXIT_OK;
    list[0] = '\0';
    for (i = 0; i < CV_CHECK_FORMAT_COUNT; i++) {
        int k = snprintf(list + n, sizeof(list) - n, "%s%s", i ? " | " : "",
                         cv_check_format_name((cv_check_format)i));
        if (k > 0 && (size_t)k < sizeof(list) - n)
            n += (size_t)k;
    }
    cv_cli_error("--format: %s: '%s'", list, c->format);
    return CV_EXIT_USAGE;
}

/* Standard input can be read once: "-" twice, or with --files-from -. */
static int stdin_once(const struct cli *c)
{
    size_t i, n = c->files_from && strcmp(c->files_from, "-") == 0;
    for (i = 0; i < c->inputs.count; i++)
        n += strcmp(c->inputs.paths[i], "-") == 0;
    if (n <= 1)
        return CV_EXIT_OK;
    cv_cli_error("%s", L(c->opts.lang, "標準入力 (-) は一度しか読めません",
                         "standard input (-) can be read only once"));
    return CV_EXIT_USAGE;
}

static void free_inputs(struct check_input *in, size_t n)
{
    size_t i;
    for (i = 0; in && i < n; i++) {
        cv_submission_free(in[i].sub);
        free(in[i].bytes);
    }
    free(in);
}

/* The worst exit code of the inputs' outcomes, and their sources. */
static int worst_exit(const struct cli *c, const struct check_input *in,
                      size_t n, const cv_submission **subs,
                      cv_check_source *src)
{
    int worst = CV_EXIT_OK, sev = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        cv_check_outcome o = cv_check_outcome_of(in[i].sub, c->strict);
        subs[i] = in[i].sub;
        src[i].bytes = in[i].bytes;
        src[i].len = in[i].len;
        if ((int)o >= sev) {
            sev = (int)o;
            worst = outcome_exit(o);
        }
    }
    return worst;
}

/* Writes the findings of every input; returns the worst exit code. */
static int write_findings(cv_ctx *ctx, const cv_criteria *crit,
                          const struct cli *c, cv_check_format fmt,
                          const struct check_input *in, size_t n)
{
    const cv_submission **subs = calloc(n, sizeof(*subs));
    cv_check_source *src = calloc(n, sizeof(*src));
    cv_check_options opts = { 0 };
    int worst = CV_EXIT_OK;
    cv_status st = CV_ENOMEM;
    if (subs && src) {
        worst = worst_exit(c, in, n, subs, src);
        opts.strict = c->strict;
        opts.sources = src;
        st = cv_check_write(ctx, crit, subs, n, fmt, &opts,
                            cv_cli_file_write, stdout);
    }
    free(subs);
    free(src);
    if (st == CV_OK && fflush(stdout) != 0)
        st = CV_EIO;
    if (st != CV_OK) {
        cv_cli_error("%s: %s", L(c->opts.lang, "結果を書けません",
                                 "cannot write the findings"),
                     cv_status_str(st));
        return CV_EXIT_INTERNAL;
    }
    return worst;
}

int cv_cli_check(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_registry *reg = NULL;
    struct check_input *in = NULL;
    cv_check_format fmt;
    int code;
    size_t i;
    if (c->inputs.count == 0) {
        cv_cli_error("%s", L(c->opts.lang, "入力がありません", "no input"));
        return CV_EXIT_USAGE;
    }
    code = format_of(c, &fmt);
    if (code == CV_EXIT_OK)
        code = stdin_once(c);
    if (code == CV_EXIT_OK)
        code = cv_cli_prepare_checks(ctx, c, &reg);
    if (code == CV_EXIT_OK)
        code = cv_cli_load_criteria(&crit, ctx, c);
    if (code == CV_EXIT_OK && !(in = calloc(c->inputs.count, sizeof(*in))))
        code = CV_EXIT_INTERNAL;
    for (i = 0; code == CV_EXIT_OK && i < c->inputs.count; i++)
        code = check_one(ctx, crit, c, c->inputs.paths[i],
                         fmt == CV_CHECK_TEXT, &in[i]);
    if (code == CV_EXIT_OK)
        code = write_findings(ctx, crit, c, fmt, in, c->inputs.count);
    free_inputs(in, c->inputs.count);
    cv_criteria_free(crit);
    cv_registry_free(reg);
    return code;
}
