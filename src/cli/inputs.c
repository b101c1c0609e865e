/* SPDX-License-Identifier: MIT */
/* inputs.c: command-line inputs (see inputs.h). */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "exitcode.h"
#include "out.h"

#define L(lang, ja, en) ((lang) == CV_LANG_EN ? (en) : (ja))

static int push(struct cv_inputs *in, const char *path)
{
    char *copy;
    if (in->count == in->cap) {
        size_t ncap = in->cap ? in->cap * 2 : 32;
        char **n = realloc(in->paths, ncap * sizeof(*n));
        if (!n)
            return -1;
        in->paths = n;
        in->cap = ncap;
    }
    copy = strdup(path);
    if (!copy)
        return -1;
    in->paths[in->count++] = copy;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *name)
{
    /* The library's reader table knows the extensions; Excel's lock
     * files (~$name.xlsx) are not submissions. */
    return name[0] != '.' && strncmp(name, "~$", 2) != 0 &&
           cv_input_extension_known(name);
}

/* dir/name, as the user would write it (no doubled slash). */
static char *join(const char *dir, const char *name)
{
    size_t dn = strlen(dir), len = dn + strlen(name) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s%s%s", dir,
                 dn && dir[dn - 1] == '/' ? "" : "/", name);
    return path;
}

/* An entry left out of a walk: a warning located at its path, printed
 * like every diagnostic (escaped), and the run goes on. */
static void skip_warn(struct cv_inputs *in, const char *path,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void skip_warn(struct cv_inputs *in, const char *path,
                      const char *fmt, ...)
{
    char msg[4600];
    cv_diag d;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    memset(&d, 0, sizeof(d));
    d.severity = CV_SEV_WARNING;
    d.code = CV_EIO;
    d.source = path;
    d.path = "";
    d.message = msg;
    cv_cli_print_diag(stderr, &d);
    in->skipped++;
}

static const char *kind_name(cv_lang lang, mode_t mode)
{
    if (S_ISFIFO(mode))
        return L(lang, "FIFO", "a FIFO");
    if (S_ISSOCK(mode))
        return L(lang, "ソケット", "a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return L(lang, "デバイス", "a device");
    return L(lang, "通常のファイル以外", "not a regular file");
}

static int walk(struct cv_inputs *in, int dfd, const char *dir, int depth);

/* A symlink inside a walked directory is never followed, wherever it
 * points: a link to another bidder's file would report that bid under the
 * link's name, and one to /proc or a device reads what is no bid. Links
 * that could have been inputs (*.json, *.xml, or to a directory) are
 * named with their target; the user may name a link explicitly. */
static void visit_link(struct cv_inputs *in, int dfd, const char *name,
                       const char *path)
{
    char target[4096];
    struct stat st;
    ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
    bool to_dir = fstatat(dfd, name, &st, 0) == 0 && S_ISDIR(st.st_mode);
    if (!wanted(name) && !to_dir)
        return;
    target[n > 0 ? (size_t)n : 0] = '\0';
    skip_warn(in, path,
              L(in->lang,
                "シンボリックリンク (-> %s) は読みません: ディレクトリの中では"
                "通常のファイルだけを読みます (評価するにはリンクをコマンド行で"
                "直接指定してください)",
                "symbolic link (-> %s) not followed: inside a directory only "
                "regular files are read (name the link on the command line "
                "to evaluate it)"),
              target);
}

/* Whether the open directory `fd` is the --out directory. */
static bool is_out_dir(const struct cv_inputs *in, int fd)
{
    struct stat st;
    return in->skip_dir && fstat(fd, &st) == 0 && st.st_dev == in->skip_dev &&
           st.st_ino == in->skip_ino;
}

/* Whether the file `file` of the directory `fd` starts like a record of
 * ours: its first bytes carry `mark`. */
static bool has_mark(int fd, const char *file, const char *mark)
{
    char head[128];
    ssize_t n;
    int mf = openat(fd, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (mf < 0)
        return false;
    n = read(mf, head, sizeof(head) - 1);
    close(mf);
    if (n <= 0)
        return false;
    head[n] = '\0';
    return strstr(head, mark) != NULL;
}

/* Whether the open directory `fd`, named `name`, is a report set of
 * ours: it holds a record.json of cloudvet's (or the manifest.json of an
 * older version), or it is the staging directory ".<out>.new-XXXXXX" of a
 * run that was stopped before it could publish. Either only holds
 * reports, which are not bids: an earlier --out inside the input tree
 * must not make every later run exit 3. */
static bool is_report_set(int fd, const char *name)
{
    static const char stage[] = ".new-";
    const char *at = strstr(name, stage);
    if (name[0] == '.' && at && at > name + 1 && strlen(at) == 11)
        return true;
    return has_mark(fd, "record.json", "\"cloudvet-record/") ||
           has_mark(fd, "manifest.json", "\"cloudvet-manifest/");
}

static int visit_dir(struct cv_inputs *in, int dfd, const char *name,
                     const char *path, int depth)
{
    int fd;
    if (depth > CV_INPUTS_MAX_DEPTH) {
        skip_warn(in, path,
                  L(in->lang,
                    "読み飛ばしました: 指定したディレクトリから %d 階層より深い"
                    "ディレクトリです (上限)",
                    "skipped: deeper than %d directories below the one "
                    "given (limit)"),
                  CV_INPUTS_MAX_DEPTH);
        return 0;
    }
    /* O_NOFOLLOW: replaced by a link since fstatat, it is not entered. */
    fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        skip_warn(in, path,
                  L(in->lang, "ディレクトリを開けません: %s",
                    "cannot open directory: %s"),
                  strerror(errno));
        return 0;
    }
    if (!is_out_dir(in, fd) && is_report_set(fd, name)) {
        skip_warn(in, path,
                  L(in->lang,
                    "読み飛ばしました: cloudvet の報告書一式です "
                    "(record.json、または書き込み途中の一式)",
                    "skipped: a cloudvet report set (record.json, or a "
                    "set a stopped run was still writing)"));
        close(fd);
        return 0;
    }
    return walk(in, fd, path, depth);
}

/* A *.json or *.xml entry: added only when, opened without following a
 * link, fstat says it is a regular file. An unreadable one is still
 * added: evaluating it reports why (invalid). */
static int visit_file(struct cv_inputs *in, int dfd, const char *name,
                      const char *path, mode_t mode)
{
    struct stat st;
    int fd;
    if (!S_ISREG(mode)) {
        skip_warn(in, path,
                  L(in->lang, "読み飛ばしました: %s です (通常のファイルでは"
                              "ありません)",
                    "skipped: %s, not a regular file"),
                  kind_name(in->lang, mode));
        return 0;
    }
    fd = openat(dfd, name,
                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ELOOP ? 0 : push(in, path);
    if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
        close(fd);
        return visit_file(in, dfd, name, path, st.st_mode);
    }
    close(fd);
    return push(in, path);
}

static int visit(struct cv_inputs *in, int dfd, const char *dir,
                 const char *name, int depth)
{
    struct stat st;
    char *path = join(dir, name);
    int rc = 0;
    if (!path)
        return -1;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        skip_warn(in, path, "%s", strerror(errno));
    else if (S_ISLNK(st.st_mode))
        visit_link(in, dfd, name, path);
    else if (S_ISDIR(st.st_mode))
        rc = visit_dir(in, dfd, name, path, depth + 1);
    else if (wanted(name))
        rc = visit_file(in, dfd, name, path, st.st_mode);
    free(path);
    return rc;
}

/* The names in a directory, sorted; NULL with *n 0 when empty. */
static int read_names(DIR *d, char ***out, size_t *n)
{
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof(*nn));
            if (!nn)
                goto fail;
            names = nn;
            cap = ncap;
        }
        names[*n] = strdup(e->d_name);
        if (!names[*n])
            goto fail;
        (*n)++;
    }
    if (*n)
        qsort(names, *n, sizeof(*names), cmp);
    *out = names;
    return 0;
fail:
    while (*n)
        free(names[--*n]);
    free(names);
    *out = NULL;
    return -1;
}

/* Walks the open directory `dfd` (taken over) named `dir`. Every entry is
 * looked at relative to it (openat, fstatat), so no path is resolved
 * again through a link. No link is followed, so there is no loop; bind
 * mounts are bounded by the depth limit. */
static int walk(struct cv_inputs *in, int dfd, const char *dir, int depth)
{
    DIR *d;
    char **names = NULL;
    size_t n = 0, i;
    int rc = 0;
    if (is_out_dir(in, dfd)) {
        skip_warn(in, dir,
                  L(in->lang,
                    "読み飛ばしました: 出力ディレクトリ (--out) です (cloudvet "
                    "は自分の報告書を入力として読みません)",
                    "skipped: the output directory (--out); cloudvet does "
                    "not read its own reports as submissions"));
        close(dfd);
        return 0;
    }
    d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return push(in, dir);
    }
    rc = read_names(d, &names, &n);
    for (i = 0; i < n && rc == 0; i++)
        rc = visit(in, dirfd(d), dir, names[i], depth);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

void cv_inputs_setup(struct cv_inputs *in, cv_lang lang, const char *skip)
{
    struct stat st;
    in->lang = lang;
    in->skip_dir = false;
    if (skip && strcmp(skip, "-") != 0 && stat(skip, &st) == 0 &&
        S_ISDIR(st.st_mode)) {
        in->skip_dir = true;
        in->skip_dev = st.st_dev;
        in->skip_ino = st.st_ino;
    }
}

int cv_inputs_add(struct cv_inputs *in, const char *arg)
{
    struct stat st;
    int fd;
    /* stat, not lstat: a link named on the command line is the user's
     * choice and is followed. */
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode))
        return push(in, arg);
    fd = open(arg, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return push(in, arg);
    return walk(in, fd, arg, 0);
}

int cv_inputs_add_list(struct cv_inputs *in, const char *list)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = CV_EXIT_OK;
    if (!f) {
        fprintf(stderr, "cloudvet: --files-from: %s: %s\n", list,
                strerror(errno));
        return CV_EXIT_USAGE;
    }
    while (rc == CV_EXIT_OK && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            rc = cv_inputs_add(in, line) == 0 ? CV_EXIT_OK : CV_EXIT_INTERNAL;
    }
    if (rc == CV_EXIT_OK && ferror(f)) {
        fprintf(stderr, "cloudvet: --files-from: %s: %s\n", list,
                strerror(errno));
        rc = CV_EXIT_USAGE;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

void cv_inputs_free(struct cv_inputs *in)
{
    size_t i;
    for (i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    in->paths = NULL;
    in->count = in->cap = 0;
}
