/* SPDX-License-Identifier: MIT */
/*
 * registry.c: `cloudvet registry import ismap FILE|--from URL` and
 * `cloudvet registry list`, and the registry and --online set-up that
 * evaluate and check share.
 *
 * Where snapshots live is the CLI's business (the library never reads the
 * environment): --registry DIR, else $XDG_DATA_HOME/cloudvet/registry,
 * else ~/.local/share/cloudvet/registry (XDG Base Directory spec).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "exitcode.h"
#include "out.h"
#include "write.h"

/* The largest list --from downloads (the table reader's own cap). */
#define CV_CLI_MAX_DOWNLOAD ((size_t)64 << 20)

static char default_dir[4096];

static const char *registry_dir(const struct cli *c)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (c->registry_dir)
        return c->registry_dir;
    if (xdg && xdg[0] == '/')
        snprintf(default_dir, sizeof(default_dir), "%s/cloudvet/registry",
                 xdg);
    else if (home && home[0])
        snprintf(default_dir, sizeof(default_dir),
                 "%s/.local/share/cloudvet/registry", home);
    else
        return "registry";
    return default_dir;
}

/* mkdir -p, for the default directory several levels down. */
static int make_dirs(const char *dir)
{
    char path[4096];
    size_t i, n = strlen(dir);
    struct stat st;
    if (n >= sizeof(path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        path[i] = i < n ? '/' : '\0';
    }
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

static void print_warnings(const cv_ctx *ctx)
{
    cv_cli_print_ctx_diags(ctx);
}

/* Writes the snapshot atomically into the registry directory. */
static int save(const cv_registry *reg, const char *dir, cv_lang lang)
{
    struct cv_cli_stream s = { NULL, NULL };
    int code;
    if (make_dirs(dir) != 0) {
        cv_cli_error("%s: %s (%s)", dir,
                     L(lang, "登録簿ディレクトリを作れません",
                       "cannot create the registry directory"),
                     strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    code = cv_cli_stream_open_file(&s, dir, cv_registry_file_name(reg), lang);
    if (code != CV_EXIT_OK)
        return code;
    if (cv_registry_write(reg, cv_cli_file_write, s.f) != CV_OK) {
        cv_cli_stream_abort(&s);
        cv_cli_error("%s", L(lang, "スナップショットを書き込めません",
                             "cannot write the snapshot"));
        return CV_EXIT_INTERNAL;
    }
    return cv_cli_stream_publish(&s, lang);
}

/* "https://host/path/list.xlsx?x" -> "list.xlsx" for the reader's
 * diagnostics; the URL itself is recorded as the source. */
static const char *url_file_name(const char *url, char *buf, size_t size)
{
    const char *end = url + strcspn(url, "?#");
    const char *p = end;
    while (p > url && p[-1] != '/')
        p--;
    if (p == end || p[-1] != '/' || (p - url > 1 && p[-2] == '/'))
        return url;
    snprintf(buf, size, "%.*s", (int)(end - p), p);
    return buf;
}

static int import_status(cv_status st)
{
    switch (st) {
    case CV_OK:
        return CV_EXIT_OK;
    case CV_ENOMEM:
        return CV_EXIT_INTERNAL;
    case CV_EUSAGE:
        return CV_EXIT_USAGE;
    default:
        return CV_EXIT_INPUT;
    }
}

static int import(cv_ctx *ctx, struct cli *c, const cv_criteria *crit)
{
    cv_import_options o = { c->columns, c->list_date, NULL };
    cv_registry *reg = NULL;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;
    int code;

    if (c->from_url) {
        c->online_opts.resolve = c->nresolve ? c->resolve : NULL;
        if (cv_ctx_go_online(ctx, &c->online_opts) != CV_OK)
            return CV_EXIT_USAGE;
        o.source = c->from_url;
        st = cv_download(ctx, c->from_url, CV_CLI_MAX_DOWNLOAD, &buf, &len);
        if (st == CV_OK) {
            char name[256];
            st = cv_registry_import(
                &reg, ctx, crit,
                url_file_name(c->from_url, name, sizeof(name)), buf, len, &o);
        }
        free(buf);
    } else {
        st = cv_registry_import_file(&reg, ctx, crit, c->inputs.paths[0], &o);
    }
    print_warnings(ctx);
    if (st != CV_OK) {
        cv_cli_error("%s: %s", L(c->opts.lang, "取り込めません",
                                 "cannot import"),
                     cv_status_str(st));
        return import_status(st);
    }
    code = save(reg, registry_dir(c), c->opts.lang);
    if (code == CV_EXIT_OK) {
        printf(L(c->opts.lang,
                 "%s/%s: %zu 件 (シート '", "%s/%s: %zu rows (sheet '"),
               registry_dir(c), cv_registry_file_name(reg),
               cv_registry_row_count(reg));
        cv_cli_put_safe(stdout, cv_registry_sheet(reg));
        printf(L(c->opts.lang, "'、%s 版、取込元 ", "', list of %s, from "),
               cv_registry_as_of(reg));
        cv_cli_put_safe(stdout, cv_registry_source(reg));
        puts(")");
    }
    cv_registry_free(reg);
    return code;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Snapshot file names of `dir`, sorted (oldest list first). */
static int list_names(const char *dir, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    const struct dirent *e;
    size_t cap = 0;
    *names = NULL;
    *n = 0;
    if (!d)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "ismap-", 6) != 0 || len < 11 ||
            strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (*n == cap) {
            char **grown = realloc(*names, (cap = cap ? cap * 2 : 16) *
                                               sizeof(**names));
            if (!grown)
                break;
            *names = grown;
        }
        if (!((*names)[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*names, *n, sizeof(**names), cmp_names);
    return 0;
}

static int list(cv_ctx *ctx, struct cli *c)
{
    const char *dir = registry_dir(c);
    char **names = NULL, path[4096];
    size_t n = 0, i;
    int code = CV_EXIT_OK;
    if (list_names(dir, &names, &n) != 0) {
        cv_cli_error("%s: %s", dir, strerror(errno));
        return CV_EXIT_INPUT;
    }
    if (n == 0)
        printf(L(c->opts.lang, "%s: スナップショットはありません\n",
                 "%s: no snapshots\n"),
               dir);
    for (i = 0; i < n; i++) {
        cv_registry *reg = NULL;
        int len = snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (len < 0 || (size_t)len >= sizeof(path)) {
            /* A cut path would open another file: say so and go on. */
            cv_cli_error("%s/%s: %s", dir, names[i], strerror(ENAMETOOLONG));
            code = CV_EXIT_INPUT;
            continue;
        }
        if (cv_registry_open(&reg, ctx, path) != CV_OK) {
            print_warnings(ctx);
            code = CV_EXIT_INPUT;
        } else {
            printf("%s\t%s\t%zu\t", names[i], cv_registry_as_of(reg),
                   cv_registry_row_count(reg));
            cv_cli_put_safe(stdout, cv_registry_source(reg));
            putchar('\n');
        }
        cv_registry_free(reg);
        free(names[i]);
    }
    free(names);
    return code;
}

int cv_cli_registry(cv_ctx *ctx, struct cli *c, const char *verb)
{
    cv_criteria *crit = NULL;
    int code;
    if (strcmp(verb, "list") == 0)
        return list(ctx, c);
    if ((c->inputs.count != 1 || c->from_url) &&
        (c->inputs.count != 0 || !c->from_url)) {
        cv_cli_error("usage: cloudvet registry import ismap FILE|--from URL "
                     "[--columns field=header,...] [--list-date YYYY-MM-DD] "
                     "[--registry DIR]");
        return CV_EXIT_USAGE;
    }
    code = cv_cli_load_criteria(&crit, ctx, c);
    if (code == CV_EXIT_OK)
        code = import(ctx, c, crit);
    cv_criteria_free(crit);
    return code;
}

int cv_cli_prepare_checks(cv_ctx *ctx, struct cli *c, cv_registry **reg)
{
    cv_status st;
    *reg = NULL;
    c->online_opts.resolve = c->nresolve ? c->resolve : NULL;
    if (c->online && cv_ctx_go_online(ctx, &c->online_opts) != CV_OK)
        return CV_EXIT_USAGE;
    if (c->no_registry)
        return CV_EXIT_OK;
    st = cv_registry_select(reg, ctx, registry_dir(c));
    if (st != CV_OK) {
        print_warnings(ctx);
        cv_cli_error("%s: %s", registry_dir(c),
                     L(c->opts.lang, "登録簿のスナップショットを読めません",
                       "cannot read the registry snapshot"));
        return st == CV_ENOMEM ? CV_EXIT_INTERNAL : CV_EXIT_INPUT;
    }
    if (*reg && cv_ctx_use_registry(ctx, *reg, c->registry_max_age) != CV_OK)
        return CV_EXIT_INTERNAL;
    return CV_EXIT_OK;
}

/* Where the snapshots are for `c` (record.json names the one used). */
const char *cv_cli_registry_dir(const struct cli *c)
{
    return registry_dir(c);
}
