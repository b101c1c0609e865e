/* SPDX-License-Identifier: MIT */
/*
 * verify.c: `cloudvet verify DIR [--key PUB] [--rerun]` (docs/record.md).
 *
 * Reads DIR/record.json and checks, naming every difference: each output
 * file's size and SHA-256, each input's SHA-256 at the path recorded
 * (relative to the current directory, as the run was given it), the
 * tender, decisions, mapping and registry files, files in DIR that the
 * record does not list, and the signature in record.sig. --rerun runs the
 * recorded evaluate again into a temporary directory and compares every
 * output byte for byte.
 *
 * The record and its signature file are read by the library
 * (cv_record_open, cv_record_signature_parse): the record is ours, but
 * DIR may be anyone's, so the library reads it within bounds (size,
 * depth, values) and gives a name for a file in DIR only when it is a
 * plain file name.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "exitcode.h"
#include "out.h"

#define RECORD_NAME "record.json"
#define SIGNATURE_NAME "record.sig"
#define SIGNATURE_MAX ((size_t)4096)
#define RERUN_MAX_ARGS 100000u

/* ---- reading files ----------------------------------------------------- */

/* The whole file, at most `max` bytes; NULL with errno set (EFBIG when
 * larger). */
static char *read_all(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            char *grown;
            if (cap >= max) {
                errno = EFBIG;
                goto fail;
            }
            cap = cap ? cap * 2 : 4096;
            if (cap > max)
                cap = max + 1;
            grown = realloc(buf, cap);
            if (!grown)
                goto fail;
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f) || n > max) {
        errno = n > max ? EFBIG : EIO;
        goto fail;
    }
    fclose(f);
    *len = n;
    return buf ? buf : calloc(1, 1);
fail:
    free(buf);
    fclose(f);
    return NULL;
}

/* ---- the check -------------------------------------------------------- */

struct verify {
    cv_lang lang;
    const char *dir;
    size_t differences;
    bool relative_noted;
};

/* One difference: "<what>: <why>", on stdout, counted. */
static void differs(struct verify *v, const char *what, const char *why)
{
    cv_cli_put_safe(stdout, what);
    fputs(": ", stdout);
    fputs(why, stdout);
    fputc('\n', stdout);
    v->differences++;
}

static int dir_path(const struct verify *v, const char *name,
                    char out[PATH_MAX])
{
    int n = snprintf(out, PATH_MAX, "%s/%s", v->dir, name);
    return n < 0 || n >= PATH_MAX ? -1 : 0;
}

/* A file's SHA-256 against the recorded one; `shown` names it. */
static void check_hash(struct verify *v, const char *path, const char *shown,
                       const char *sha256)
{
    char now[65];
    struct stat st;
    if (stat(path, &st) != 0) {
        differs(v, shown, errno == ENOENT ? L(v->lang, "ありません", "missing")
                                          : strerror(errno));
        return;
    }
    if (cv_sha256_file_hex(path, now) != CV_OK) {
        differs(v, shown, L(v->lang, "読めません", "cannot be read"));
        return;
    }
    if (!sha256)
        differs(v, shown,
                L(v->lang, "記録時は読めなかったファイルが今はあります",
                  "readable now, but unreadable when recorded"));
    else if (strcmp(now, sha256) != 0)
        differs(v, shown, L(v->lang, "SHA-256 が違います", "SHA-256 differs"));
}

/* Prints the diagnostics the library set since `from` (where and why
 * a record or signature file was refused), on stderr. */
static void print_diags_since(const cv_ctx *ctx, size_t from)
{
    size_t i;
    for (i = from; i < cv_ctx_diag_count(ctx); i++)
        cv_cli_print_diag(stderr, cv_ctx_diag_at(ctx, i));
}

/* A path the record names outside DIR (an input, the tender, ...): as
 * recorded, so relative to the current directory. */
static void check_outside(struct verify *v, const cv_record_input *entry)
{
    if (!entry->file) {
        differs(v, RECORD_NAME,
                L(v->lang, "ファイル名のない項目があります",
                  "an entry has no file name"));
        return;
    }
    if (entry->file[0] != '/' && !v->relative_noted) {
        v->relative_noted = true;
        fputs(L(v->lang,
                "注: 入力は記録された相対パスのまま、現在のディレクトリから"
                "確かめます\n",
                "note: inputs are checked at the paths recorded, relative "
                "to the current directory\n"),
              stdout);
    }
    if (!entry->sha256) {
        struct stat st;
        /* Unreadable at the run (reported invalid): still so, or not. */
        if (stat(entry->file, &st) == 0)
            check_hash(v, entry->file, entry->file, NULL);
        return;
    }
    check_hash(v, entry->file, entry->file, entry->sha256);
}

static void check_output(struct verify *v, const cv_record_output *f)
{
    char path[PATH_MAX];
    struct stat st;
    if (!f->valid || dir_path(v, f->name, path) != 0) {
        differs(v, RECORD_NAME,
                L(v->lang, "files の項目が不正です",
                  "an entry of \"files\" is not valid"));
        return;
    }
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        differs(v, f->name, L(v->lang, "ありません", "missing"));
        return;
    }
    if (st.st_size < 0 || (uint64_t)st.st_size != f->bytes) {
        char why[128];
        snprintf(why, sizeof(why),
                 L(v->lang, "大きさが違います (記録 %llu, 現在 %lld バイト)",
                   "size differs (recorded %llu, now %lld bytes)"),
                 (unsigned long long)f->bytes, (long long)st.st_size);
        differs(v, f->name, why);
        return;
    }
    check_hash(v, path, f->name, f->sha256);
}

static void check_outputs(struct verify *v, const cv_record *rec)
{
    size_t i;
    if (!cv_record_has_outputs(rec)) {
        differs(v, RECORD_NAME,
                L(v->lang, "files がありません", "no \"files\" list"));
        return;
    }
    for (i = 0; i < cv_record_output_count(rec); i++) {
        cv_record_output f;
        if (cv_record_output_at(rec, i, &f) == CV_OK)
            check_output(v, &f);
    }
}

static bool listed(const cv_record *rec, const char *name)
{
    size_t i;
    if (strcmp(name, RECORD_NAME) == 0 || strcmp(name, SIGNATURE_NAME) == 0)
        return true;
    for (i = 0; i < cv_record_output_count(rec); i++) {
        cv_record_output f;
        if (cv_record_output_at(rec, i, &f) == CV_OK && f.name &&
            strcmp(f.name, name) == 0)
            return true;
    }
    return false;
}

/* Files in DIR that the record does not list. */
static void check_unlisted(struct verify *v, const cv_record *rec)
{
    DIR *d = opendir(v->dir);
    const struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            !listed(rec, e->d_name))
            differs(v, e->d_name,
                    L(v->lang, "記録にないファイルです",
                      "not in the record"));
    closedir(d);
}

/* The inputs, then the tender, decisions, mapping and registry files. */
static void check_inputs(struct verify *v, const cv_record *rec)
{
    size_t i;
    for (i = 0; i < cv_record_input_count(rec); i++) {
        cv_record_input in;
        if (cv_record_input_at(rec, i, &in) == CV_OK)
            check_outside(v, &in);
    }
    for (i = 0; i < cv_record_pinned_count(rec); i++) {
        cv_record_input in;
        if (cv_record_pinned_at(rec, i, &in) == CV_OK)
            check_outside(v, &in);
    }
}

/* The signature's verdict against --key, or against its own public key
 * (not pinned). */
static int check_signed(struct verify *v, const struct cli *c,
                        const cv_record *rec, const cv_record_signature *sig)
{
    size_t len = 0;
    const void *record = cv_record_bytes(rec, &len);
    cv_status st =
        c->verify_key
            ? cv_verify_ed25519(c->verify_key, record, len, sig->signature)
            : cv_verify_ed25519_raw(sig->public_key, record, len,
                                    sig->signature);
    if (st == CV_EIO) {
        cv_cli_error("--key %s: %s", c->verify_key,
                     L(v->lang, "鍵ファイルを読めません",
                       "cannot read the key file"));
        return CV_EXIT_USAGE;
    }
    if (st != CV_OK)
        differs(v, SIGNATURE_NAME,
                L(v->lang,
                  "署名が検証できません (record.json か record.sig が変わった"
                  "か、別の鍵の署名です)",
                  "signature does not verify (record.json or record.sig "
                  "changed, or another key signed it)"));
    else if (c->verify_key)
        fputs(L(v->lang, "署名: 正しい (--key の鍵)\n",
                "signature: valid (the --key key)\n"),
              stdout);
    else
        printf(L(v->lang,
                 "署名: 埋め込みの公開鍵 %s で正しい。ただし署名者の鍵は"
                 "固定されていません (--key で指定してください)\n",
                 "signature: valid by its embedded public key %s; the "
                 "signer's key was not pinned (give it with --key)\n"),
               sig->public_key);
    return CV_EXIT_OK;
}

/* record.sig, when there is one (or --key asks for it). */
static int check_signature(struct verify *v, cv_ctx *ctx, const struct cli *c,
                           cv_record *rec)
{
    char path[PATH_MAX];
    size_t slen = 0, before = cv_ctx_diag_count(ctx);
    char *text;
    cv_record_signature sig;
    cv_status st;
    if (dir_path(v, SIGNATURE_NAME, path) != 0)
        return CV_EXIT_USAGE;
    text = read_all(path, SIGNATURE_MAX, &slen);
    if (!text && errno != ENOENT) {
        differs(v, SIGNATURE_NAME,
                errno == EFBIG
                    ? L(v->lang, "cloudvet の署名ファイルではありません (大きすぎます)",
                        "not a cloudvet signature file (too large)")
                    : strerror(errno));
        return CV_EXIT_OK;
    }
    if (!text) {
        if (c->verify_key)
            differs(v, SIGNATURE_NAME,
                    L(v->lang, "--key を指定しましたが record.sig がありません",
                      "record.sig missing although --key was given"));
        else
            fputs(L(v->lang, "署名: なし (record.sig がありません)\n",
                    "signature: none (no record.sig)\n"),
                  stdout);
        return CV_EXIT_OK;
    }
    st = cv_record_signature_parse(rec, ctx, path, text, slen, &sig);
    free(text);
    if (st == CV_ENOMEM)
        return CV_EXIT_INTERNAL;
    if (st != CV_OK) {
        print_diags_since(ctx, before);
        differs(v, SIGNATURE_NAME,
                L(v->lang, "cloudvet の署名ファイルではありません",
                  "not a cloudvet signature file"));
        return CV_EXIT_OK;
    }
    return check_signed(v, c, rec, &sig);
}

/* ---- --rerun ----------------------------------------------------------- */

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        const struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            char path[PATH_MAX];
            struct stat st;
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >=
                (int)sizeof(path))
                continue;
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(path);
            else
                (void)unlink(path);
        }
        closedir(d);
    }
    (void)rmdir(dir);
}

/* The options a record's invocation may hold (publish.c writes no
 * other): whether each takes a value. A record is anyone's file, so
 * --rerun runs nothing else: no --out (the re-run's output is ours), no
 * --online, no --sign. */
static const struct {
    const char *name;
    bool value;
} rerun_options[] = {
    { "--criteria", true },  { "--profile", true },
    { "--tender", true },    { "--decisions", true },
    { "--mapping", true },   { "--vendor", true },
    { "--service", true },   { "--format", true },
    { "--lang", true },      { "--as-of", true },
    { "--registry", true },  { "--registry-max-age", true },
    { "--max-input-bytes", true }, { "--max-depth", true },
    { "--max-nodes", true },    { "--max-string-bytes", true },
    { "--no-registry", false }, { "--allow-mixed-tenders", false },
};

/* NULL when every argument before "--" is an option of the table (with
 * its value) and a "--" comes; else the first argument that is not. */
static const char *foreign_argument(const cv_record *rec)
{
    size_t i, k, n = cv_record_arg_count(rec);
    for (i = 0; i < n; i++) {
        const char *a = cv_record_arg_at(rec, i);
        if (!a)
            return "(not a string)";
        if (strcmp(a, "--") == 0)
            return NULL;
        for (k = 0; k < sizeof(rerun_options) / sizeof(rerun_options[0]); k++)
            if (strcmp(a, rerun_options[k].name) == 0)
                break;
        if (k == sizeof(rerun_options) / sizeof(rerun_options[0]))
            return a;
        if (rerun_options[k].value && ++i == n)
            return a;
    }
    return "(no --)";
}

/* Runs this binary's evaluate with the recorded arguments into `out`;
 * its own output goes to /dev/null (what it wrote is what is compared).
 * The exit code of the child, or -1. */
static int run_evaluate(const cv_record *rec, const char *out)
{
    char **argv;
    size_t i, n = 0, nargs = cv_record_arg_count(rec);
    pid_t pid;
    int status;
    if (nargs > RERUN_MAX_ARGS)
        return -1;
    argv = calloc(nargs + 6, sizeof(*argv));
    if (!argv)
        return -1;
    argv[n++] = (char *)"cloudvet";
    argv[n++] = (char *)"evaluate";
    argv[n++] = (char *)"--quiet";
    argv[n++] = (char *)"--out";
    argv[n++] = (char *)out;
    for (i = 0; i < nargs; i++) {
        const char *a = cv_record_arg_at(rec, i);
        if (!a) {
            free(argv);
            return -1;
        }
        /* execv's prototype predates const; it does not write them. */
        argv[n++] = (char *)a;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    free(argv);
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whether two files have the same bytes (both readable). */
static bool same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = read_all(a, SIZE_MAX / 2, &la), *y = x ? read_all(b, SIZE_MAX / 2, &lb) : NULL;
    bool same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* Every output the record lists, and record.json itself. */
static void compare_rerun(struct verify *v, const cv_record *rec,
                          const char *out)
{
    size_t i, n = cv_record_output_count(rec);
    char a[PATH_MAX], b[PATH_MAX];
    for (i = 0; cv_record_has_outputs(rec) && i <= n; i++) {
        cv_record_output f;
        const char *name = RECORD_NAME;
        if (i < n)
            name = cv_record_output_at(rec, i, &f) == CV_OK ? f.name : NULL;
        if (!name || dir_path(v, name, a) != 0 ||
            snprintf(b, sizeof(b), "%s/%s", out, name) >= (int)sizeof(b))
            continue;
        if (!same_bytes(a, b))
            differs(v, name,
                    L(v->lang, "再実行の出力とバイト単位で違います",
                      "differs from the re-run's output, byte for byte"));
    }
}

static int rerun(struct verify *v, const cv_record *rec)
{
    const char *tmp = getenv("TMPDIR");
    char base[PATH_MAX], out[PATH_MAX];
    int code;
    if (cv_record_online(rec)) {
        cv_cli_error("--rerun: %s",
                     L(v->lang,
                       "この実行は --online でリンクを確かめたため、同じ結果を"
                       "再現できません (再実行しませんでした)",
                       "this run checked links --online, which cannot be "
                       "reproduced; it was not re-run"));
        return CV_EXIT_USAGE;
    }
    if (!cv_record_has_args(rec)) {
        cv_cli_error("--rerun: %s",
                     L(v->lang, "record.json に invocation がありません",
                       "record.json has no invocation to re-run"));
        return CV_EXIT_USAGE;
    }
    if (foreign_argument(rec)) {
        cv_cli_error("--rerun: %s: '%s'",
                     L(v->lang,
                       "record.json の invocation に cloudvet が記録しない"
                       "引数があるため、再実行しません",
                       "record.json's invocation holds an argument cloudvet "
                       "never records, so it is not re-run"),
                     foreign_argument(rec));
        return CV_EXIT_USAGE;
    }
    snprintf(base, sizeof(base), "%s/cloudvet-rerun-XXXXXX",
             tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (!mkdtemp(base) ||
        snprintf(out, sizeof(out), "%s/out", base) >= (int)sizeof(out)) {
        cv_cli_error("--rerun: %s", strerror(errno));
        return CV_EXIT_USAGE;
    }
    code = run_evaluate(rec, out);
    if (code < 0 || code == CV_EXIT_USAGE || code == CV_EXIT_INTERNAL ||
        code == CV_EXIT_CRITERIA) {
        char why[128];
        snprintf(why, sizeof(why),
                 L(v->lang, "再実行が失敗しました (終了コード %d)",
                   "the re-run failed (exit code %d)"),
                 code);
        differs(v, "--rerun", why);
    } else {
        size_t before = v->differences;
        compare_rerun(v, rec, out);
        if (v->differences == before)
            fputs(L(v->lang, "再実行: すべての出力がバイト単位で一致しました\n",
                    "re-run: every output is the same, byte for byte\n"),
                  stdout);
    }
    remove_tree(base);
    return CV_EXIT_OK;
}

/* ---- the command ------------------------------------------------------- */

/* DIR/record.json, or NULL after saying where and why it was refused. */
static cv_record *read_record(const struct verify *v, cv_ctx *ctx)
{
    char path[PATH_MAX];
    size_t before = cv_ctx_diag_count(ctx);
    cv_record *rec = NULL;
    cv_status st;
    if (dir_path(v, RECORD_NAME, path) != 0) {
        cv_cli_error("%s/%s: %s", v->dir, RECORD_NAME, strerror(ENAMETOOLONG));
        return NULL;
    }
    st = cv_record_open(&rec, ctx, path);
    if (st == CV_OK)
        return rec;
    print_diags_since(ctx, before);
    if (st == CV_EPARSE || st == CV_ELIMIT || st == CV_EINVALID)
        cv_cli_error("%s/%s: %s", v->dir, RECORD_NAME,
                     L(v->lang,
                       "cloudvet の記録 (cloudvet-record/1) ではありません",
                       "not a cloudvet record (cloudvet-record/1)"));
    else if (st != CV_EIO)
        cv_cli_error("%s/%s: %s", v->dir, RECORD_NAME, cv_status_str(st));
    return NULL;
}

int cv_cli_verify(cv_ctx *ctx, struct cli *c)
{
    struct verify v;
    cv_record *rec;
    int code;
    memset(&v, 0, sizeof(v));
    v.lang = c->opts.lang;
    if (c->nargs != 1) {
        cv_cli_error("verify: %s",
                     L(v.lang, "報告書のディレクトリを一つ指定してください",
                       "give exactly one report directory"));
        return CV_EXIT_USAGE;
    }
    v.dir = c->args[0];
    rec = read_record(&v, ctx);
    if (!rec)
        return CV_EXIT_USAGE;
    check_outputs(&v, rec);
    check_unlisted(&v, rec);
    check_inputs(&v, rec);
    code = check_signature(&v, ctx, c, rec);
    if (code == CV_EXIT_OK && c->rerun)
        code = rerun(&v, rec);
    if (code == CV_EXIT_OK) {
        if (v.differences)
            printf(L(v.lang, "%s: 違いが %zu 件あります\n",
                     "%s: %zu difference(s)\n"),
                   v.dir, v.differences);
        else
            printf(L(v.lang, "%s: 記録のとおりです\n",
                     "%s: everything is as recorded\n"),
                   v.dir);
        code = v.differences ? CV_EXIT_NOT_QUALIFIED : CV_EXIT_OK;
    }
    cv_record_free(rec);
    return code;
}
