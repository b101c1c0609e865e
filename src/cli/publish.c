/* SPDX-License-Identifier: MIT */
/* publish.c: one report set, published as one step (see publish.h). */
/* renameat2, RENAME_EXCHANGE and flock are Linux's. */
#define _GNU_SOURCE
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#include <sys/syscall.h>
#endif

#include "cli.h"
#include "exitcode.h"
#include "out.h"

#ifndef L
#define L(lang, ja, en) ((lang) == CV_LANG_EN ? (en) : (ja))
#endif
/* The git commit the binary was built from (src/CMakeLists.txt), so a
 * record names the exact code that produced it. */
#ifndef CV_BUILD_ID
#define CV_BUILD_ID "unknown"
#endif

int (*cv_cli_publish_fault)(enum cv_cli_publish_step step,
                            const char *detail) = NULL;

/* The set's files: one slot per format of the library's table; ndjson
 * is the one written per submission, streamed as results come. */
#define NDJSON_SLOT CV_REPORT_NDJSON
#define SLOTS CV_REPORT_FORMAT_COUNT
#define RECORD_NAME "record.json"
#define SIGNATURE_NAME "record.sig"
/* What older versions wrote instead of record.json: still ours, so a
 * directory they wrote is replaced like any other set. */
#define OLD_MANIFEST_NAME "manifest.json"
#define STAGE_MARK ".new-"
#define STAGE_RANDOM 6 /* mkdtemp's XXXXXX */
/* How often the lock is retried when DIR was swapped under us. */
#define LOCK_TRIES 16

/* A streamed format's sink: remembers why a write failed. */
struct sink {
    FILE *f;
    int err; /* errno of the first failed write */
};

struct file {
    bool asked;
    bool written;        /* complete in the staging directory */
    char name[32];       /* report.<ext> */
    const char *format;  /* "json", ..., "ndjson" */
    char reason[512];    /* why it failed */
    long long bytes;
    char sha256[65];
};

struct input {
    char *file;
    char sha256[65];
};

struct cv_cli_publish {
    cv_lang lang;
    const char *dir;          /* --out as given: every message names it */
    char parent[PATH_MAX];    /* the resolved parent of DIR */
    char name[NAME_MAX + 1];  /* DIR's name in `parent` */
    char stage[NAME_MAX + 1]; /* the staging directory's name in `parent` */
    int parent_fd;
    int out_fd;               /* DIR, locked: the old set */
    int stage_fd;             /* staging, locked: the new set */
    mode_t mode;              /* DIR's permissions, given to the new set */
    bool committed;
    struct file files[SLOTS];
    struct sink ndjson;
    struct input *inputs;
    size_t ninputs, cap;
    struct cv_cli_record rec; /* cv_cli_publish_describe; zero: none */
};

/* ---- small helpers ---------------------------------------------------- */

static int fault(enum cv_cli_publish_step step, const char *detail)
{
    if (cv_cli_publish_fault && cv_cli_publish_fault(step, detail)) {
        errno = EIO;
        return -1;
    }
    return 0;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* The names of cloudvet's own files: report.<format>, report.ndjson,
 * record.json, record.sig, the manifest.json of older versions, and ".report.<ext>.XXXXXX", the temporary files older
 * versions wrote into the output directory itself. */
static bool own_name(const char *name)
{
    const char *ext;
    unsigned i;
    if (strcmp(name, RECORD_NAME) == 0 || strcmp(name, SIGNATURE_NAME) == 0 ||
        strcmp(name, OLD_MANIFEST_NAME) == 0)
        return true;
    ext = name[0] == '.' ? name + 1 : name;
    if (strncmp(ext, "report.", 7) != 0)
        return false;
    ext += 7;
    /* By the extensions of the library's table: one may hold a dot
     * (report.oscal-ar.json). */
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        size_t n;
        if (cv_report_format_info_of((cv_report_format)i, &info) != CV_OK)
            continue;
        n = strlen(info.ext);
        if (strncmp(ext, info.ext, n) != 0)
            continue;
        if (name[0] != '.' ? ext[n] == '\0'
                           : ext[n] == '.' &&
                                 strlen(ext + n + 1) == STAGE_RANDOM)
            return true;
    }
    return false;
}

/* A regular file (not a link) with one of our names. */
static bool own_entry(int dirfd, const char *name)
{
    struct stat st;
    return own_name(name) &&
           fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
           S_ISREG(st.st_mode);
}

/* Calls `fn` for every entry of the directory `dirfd` (not . and ..);
 * stops at the first non-zero return of `fn` (which is positive), and
 * returns it. -1 when the directory cannot be read. */
static int each_entry(int dirfd, int (*fn)(int dirfd, const char *name,
                                           void *payload),
                      void *payload)
{
    int copy = dup(dirfd);
    DIR *d = copy >= 0 ? fdopendir(copy) : NULL;
    struct dirent *e;
    int r = 0;
    if (!d) {
        if (copy >= 0)
            close(copy);
        return -1;
    }
    rewinddir(d);
    while (r == 0 && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            r = fn(dirfd, e->d_name, payload);
    closedir(d);
    return r;
}

/* ---- what DIR may hold ------------------------------------------------- */

struct foreign {
    char name[NAME_MAX + 1];
};

static int find_foreign(int dirfd, const char *name, void *payload)
{
    struct foreign *f = payload;
    if (own_entry(dirfd, name))
        return 0;
    snprintf(f->name, sizeof(f->name), "%s", name);
    return 1;
}

/* 0 when DIR holds only our files; else prints the first other entry. */
static int check_only_ours(const struct cv_cli_publish *p)
{
    struct foreign f;
    int r = each_entry(p->out_fd, find_foreign, &f);
    if (r == 0)
        return 0;
    if (r < 0) {
        cv_cli_error("%s: %s", p->dir, strerror(errno));
        return -1;
    }
    cv_cli_error("%s: %s '%s'%s", p->dir,
                 L(p->lang, "出力ディレクトリに cloudvet の報告書でないもの",
                   "the output directory holds"),
                 f.name,
                 L(p->lang,
                   " があります。出力ディレクトリは丸ごと置き換えるため、"
                   "何も変更していません。報告書専用のディレクトリを --out "
                   "に指定してください",
                   ", which is not a cloudvet report; the output directory is "
                   "replaced as a whole, so nothing was changed: give --out "
                   "a directory of its own"));
    return -1;
}

struct removal {
    char left[NAME_MAX + 1]; /* an entry not ours, which stays */
    bool old_set;            /* the old set after the exchange (fault point) */
};

/* Removes our files from the directory `dirfd`; what is not ours stays
 * and is named. */
static int remove_own(int dirfd, const char *name, void *payload)
{
    struct removal *r = payload;
    if (!own_entry(dirfd, name)) {
        snprintf(r->left, sizeof(r->left), "%s", name);
        return 0;
    }
    if (unlinkat(dirfd, name, 0) != 0 && errno != ENOENT)
        return 1;
    return r->old_set && fault(CV_PUBLISH_CLEANUP, name) != 0;
}

/* Empties the directory `name` of the parent (its fd `dirfd`) of our
 * files and removes it. -1 when something stays. */
static int remove_set(const struct cv_cli_publish *p, int dirfd,
                      const char *name, bool old_set)
{
    struct removal r;
    int stopped;
    r.left[0] = '\0';
    r.old_set = old_set;
    stopped = each_entry(dirfd, remove_own, &r);
    if (stopped > 0)
        return -1;
    /* Unreadable (out of descriptors, say): it may still be empty. */
    if (stopped < 0)
        return unlinkat(p->parent_fd, name, AT_REMOVEDIR) == 0 ? 0 : -1;
    if (r.left[0]) {
        cv_cli_error("%s/%s: '%s' %s", p->parent, name, r.left,
                     L(p->lang,
                       "は cloudvet のものでないため、このディレクトリを"
                       "残しました",
                       "is not cloudvet's, so this directory is kept"));
        return -1;
    }
    return unlinkat(p->parent_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT
               ? 0
               : -1;
}

/* ---- leftovers of killed runs ----------------------------------------- */

/* ".<name>.new-XXXXXX" for DIR's name. */
static bool stage_name_of(const char *entry, const char *dir_name)
{
    size_t n = strlen(dir_name), mark = strlen(STAGE_MARK);
    return entry[0] == '.' && strncmp(entry + 1, dir_name, n) == 0 &&
           strncmp(entry + 1 + n, STAGE_MARK, mark) == 0 &&
           strlen(entry + 1 + n + mark) == STAGE_RANDOM;
}

static int clean_leftover(int parent_fd, const char *name, void *payload)
{
    const struct cv_cli_publish *p = payload;
    int fd;
    if (!stage_name_of(name, p->name))
        return 0;
    fd = openat(parent_fd, name,
                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0; /* not a directory of ours: not touched */
    /* Only a dead run's: a live one holds its staging directory locked. */
    if (flock(fd, LOCK_EX | LOCK_NB) == 0)
        (void)remove_set(p, fd, name, false);
    close(fd);
    return 0;
}

/* ---- begin: lock, check, stage ---------------------------------------- */

/* DIR created when missing, then split into its resolved parent and
 * name: the exchange and the staging directory work in the parent. */
static int resolve_dir(struct cv_cli_publish *p)
{
    char real[PATH_MAX];
    char *slash;
    struct stat st;
    if (mkdir(p->dir, 0777) != 0 && errno != EEXIST)
        return -1;
    if (stat(p->dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    if (!realpath(p->dir, real))
        return -1;
    slash = strrchr(real, '/');
    if (!slash || slash[1] == '\0' ||
        strlen(slash + 1) + 1 + strlen(STAGE_MARK) + STAGE_RANDOM >
            NAME_MAX) {
        errno = slash && slash[1] == '\0' ? EBUSY : ENAMETOOLONG;
        return -1;
    }
    snprintf(p->name, sizeof(p->name), "%s", slash + 1);
    *slash = '\0';
    snprintf(p->parent, sizeof(p->parent), "%s", real[0] ? real : "/");
    p->parent_fd = open(p->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return p->parent_fd >= 0 ? 0 : -1;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * The lock is flock() on DIR itself, with no lock file: nothing is left
 * behind, and a lock dies with its process. The exchange puts another
 * directory at DIR's path, so a run that opened the old one may lock a
 * directory that is no longer DIR: after locking, the path must still
 * name the locked directory, else it tries again. A run also locks its
 * staging directory before the exchange, so whatever DIR is while the
 * run lives, it is locked by it. 1 when another run holds it.
 */
static int lock_dir(struct cv_cli_publish *p)
{
    int tries;
    for (tries = 0; tries < LOCK_TRIES; tries++) {
        struct stat held, now;
        p->out_fd = openat(p->parent_fd, p->name,
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (p->out_fd < 0)
            return -1;
        if (flock(p->out_fd, LOCK_EX | LOCK_NB) != 0)
            return errno == EWOULDBLOCK ? 1 : -1;
        if (fstat(p->out_fd, &held) != 0)
            return -1;
        if (fstatat(p->parent_fd, p->name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
            same_file(&held, &now)) {
            p->mode = held.st_mode & 07777;
            return 0;
        }
        close_fd(&p->out_fd);
    }
    return 1;
}

/* DIR must be writable (a read-only directory means "do not change"),
 * on its parent's file system (a mount point cannot be exchanged) and
 * not the current directory (which would be left deleted). */
static int check_place(const struct cv_cli_publish *p)
{
    struct stat dir, parent, cwd;
    const char *why = NULL;
    if (faccessat(p->parent_fd, p->name, W_OK, AT_EACCESS) != 0) {
        cv_cli_error("%s: %s (%s)", p->dir,
                     L(p->lang, "出力ディレクトリに書き込めません",
                       "cannot write the output directory"),
                     strerror(errno));
        return -1;
    }
    if (fstat(p->out_fd, &dir) != 0 || fstat(p->parent_fd, &parent) != 0)
        return -1;
    if (dir.st_dev != parent.st_dev)
        why = L(p->lang,
                "マウントポイントは丸ごと置き換えられません。その中の"
                "ディレクトリを --out に指定してください",
                "is a mount point, which cannot be replaced as a whole: "
                "give --out a directory inside it");
    else if (stat(".", &cwd) == 0 && same_file(&dir, &cwd))
        why = L(p->lang,
                "は現在のディレクトリです。丸ごと置き換えるため、別の"
                "ディレクトリを --out に指定してください",
                "is the current directory, which is replaced as a whole: "
                "give --out a directory of its own");
    if (why) {
        cv_cli_error("%s: %s", p->dir, why);
        return -1;
    }
    return 0;
}

static int make_stage(struct cv_cli_publish *p)
{
    char path[PATH_MAX];
    const char *slash;
    if ((size_t)snprintf(path, sizeof(path), "%s/.%s%sXXXXXX",
                         strcmp(p->parent, "/") == 0 ? "" : p->parent,
                         p->name, STAGE_MARK) >= sizeof(path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (!mkdtemp(path))
        return -1;
    slash = strrchr(path, '/');
    snprintf(p->stage, sizeof(p->stage), "%s", slash + 1);
    p->stage_fd = openat(p->parent_fd, p->stage,
                         O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (p->stage_fd < 0) {
        int err = errno;
        (void)unlinkat(p->parent_fd, p->stage, AT_REMOVEDIR);
        errno = err;
        return -1;
    }
    /* Locked before anything is in it: see lock_dir. */
    if (flock(p->stage_fd, LOCK_EX | LOCK_NB) != 0)
        return -1;
    return fault(CV_PUBLISH_STAGED, p->stage);
}

static void init_files(struct cv_cli_publish *p)
{
    unsigned i;
    for (i = 0; i < SLOTS; i++) {
        struct file *f = &p->files[i];
        cv_report_format_info info = { "?", "?", 0, 0, 0 };
        if (cv_report_format_info_of((cv_report_format)i, &info) != CV_OK)
            info.name = info.ext = "?"; /* no slot without a row */
        f->format = info.name;
        snprintf(f->name, sizeof(f->name), "report.%s", info.ext);
    }
}

static int begin(struct cv_cli_publish *p)
{
    int locked;
    if (resolve_dir(p) != 0) {
        cv_cli_error("%s: %s", p->dir, strerror(errno));
        return -1;
    }
    locked = lock_dir(p);
    if (locked != 0) {
        if (locked > 0)
            cv_cli_error("%s: %s", p->dir,
                         L(p->lang,
                           "別の cloudvet がこの出力ディレクトリに書き込み中"
                           "です。終わってからやり直してください",
                           "another cloudvet run is writing this output "
                           "directory; try again when it has finished"));
        else
            cv_cli_error("%s: %s", p->dir, strerror(errno));
        return -1;
    }
    if (fault(CV_PUBLISH_LOCKED, "") != 0) {
        cv_cli_error("%s: %s", p->dir, strerror(errno));
        return -1;
    }
    if (check_place(p) != 0 || check_only_ours(p) != 0)
        return -1;
    (void)each_entry(p->parent_fd, clean_leftover, p);
    if (make_stage(p) != 0) {
        cv_cli_error("%s: %s %s (%s)", p->dir,
                     L(p->lang, "一時ディレクトリを作れません:",
                       "cannot create the staging directory in"),
                     p->parent, strerror(errno));
        return -1;
    }
    return 0;
}

int cv_cli_publish_begin(struct cv_cli_publish **out, const char *dir,
                         cv_lang lang)
{
    struct cv_cli_publish *p = calloc(1, sizeof(*p));
    *out = NULL;
    if (!p) {
        cv_cli_error("%s", strerror(ENOMEM));
        return CV_EXIT_INTERNAL;
    }
    p->lang = lang;
    p->dir = dir;
    p->parent_fd = p->out_fd = p->stage_fd = -1;
    init_files(p);
    if (begin(p) != 0) {
        cv_cli_publish_end(p);
        return CV_EXIT_INTERNAL;
    }
    *out = p;
    return CV_EXIT_OK;
}

/* ---- the files of the set --------------------------------------------- */

/* The path of `name` in the staging directory (for libraries that open
 * files by name). */
static int stage_path(const struct cv_cli_publish *p, const char *name,
                      char out[PATH_MAX])
{
    int n = snprintf(out, PATH_MAX, "%s/%s/%s", p->parent, p->stage, name);
    if (n < 0 || n >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* Drops a file from the set, naming it as DIR/report.<ext>, where the
 * user will look for it, with the reason. */
static void fail_file(struct cv_cli_publish *p, struct file *f,
                      const char *reason)
{
    size_t n = strlen(p->dir);
    while (n > 1 && p->dir[n - 1] == '/')
        n--;
    snprintf(f->reason, sizeof(f->reason), "%s", reason);
    f->written = false;
    (void)unlinkat(p->stage_fd, f->name, 0);
    cv_cli_error("%.*s/%s: %s (%s)", (int)n, p->dir, f->name,
                 L(p->lang, "レポートを書き込めません",
                   "cannot write the report"),
                 reason);
}

static int sink_write(const char *buf, size_t len, void *payload)
{
    struct sink *s = payload;
    if (fwrite(buf, 1, len, s->f) == len)
        return 0;
    if (!s->err)
        s->err = errno ? errno : EIO;
    return -1;
}

static FILE *create_in_stage(const struct cv_cli_publish *p, const char *name)
{
    int fd = openat(p->stage_fd, name,
                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f && fd >= 0)
        close(fd);
    return f;
}

/* Closes a streamed or written FILE, synced; the errno of the first
 * failure is kept in `s`. */
static int close_sink(struct sink *s)
{
    int r = 0;
    if (fflush(s->f) != 0 || fsync(fileno(s->f)) != 0) {
        if (!s->err)
            s->err = errno;
        r = -1;
    }
    if (fclose(s->f) != 0 && r == 0) {
        s->err = errno;
        r = -1;
    }
    s->f = NULL;
    return r;
}

static const char *reason_of(const struct sink *s, cv_status st)
{
    return s->err ? strerror(s->err) : cv_status_str(st);
}

static void write_stream_format(struct cv_cli_publish *p, const cv_report *r,
                                cv_report_format fmt)
{
    struct file *f = &p->files[fmt];
    struct sink s = { NULL, 0 };
    cv_status st;
    errno = 0;
    s.f = create_in_stage(p, f->name);
    if (!s.f) {
        fail_file(p, f, strerror(errno));
        return;
    }
    st = cv_report_write(r, fmt, sink_write, &s);
    if ((close_sink(&s) != 0 || fault(CV_PUBLISH_FILE, f->name) != 0) &&
        st == CV_OK)
        st = CV_EIO;
    if (st != CV_OK)
        fail_file(p, f, reason_of(&s, st));
    else
        f->written = true;
}

/* The newest ctx diagnostic since `before`: the library's own words for
 * why a named-file write failed (XLSX). */
static const char *new_diag(const cv_ctx *ctx, size_t before)
{
    size_t n = cv_ctx_diag_count(ctx);
    const cv_diag *d = n > before ? cv_ctx_diag_at(ctx, n - 1) : NULL;
    return d && d->message ? d->message : NULL;
}

/* A file-only format (XLSX: libxlsxwriter writes only named files) is
 * written by name. */
static void write_named_format(struct cv_cli_publish *p, const cv_report *r,
                               cv_report_format fmt, const cv_ctx *ctx)
{
    struct file *f = &p->files[fmt];
    char path[PATH_MAX];
    size_t before = cv_ctx_diag_count(ctx);
    cv_status st;
    int fd;
    if (stage_path(p, f->name, path) != 0) {
        fail_file(p, f, strerror(errno));
        return;
    }
    st = cv_report_write_file(r, fmt, path);
    if (st != CV_OK) {
        const char *why = new_diag(ctx, before);
        fail_file(p, f, why ? why : cv_status_str(st));
        return;
    }
    fd = openat(p->stage_fd, f->name, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0 || fault(CV_PUBLISH_FILE, f->name) != 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        fail_file(p, f, strerror(err));
        return;
    }
    close(fd);
    f->written = true;
}

void cv_cli_publish_reports(struct cv_cli_publish *p, const cv_report *report,
                            cv_cli_formats set, const cv_ctx *ctx)
{
    unsigned i;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        /* A per-submission format was streamed (cv_cli_publish_stream). */
        if (!(set & (1u << i)) ||
            cv_report_format_info_of((cv_report_format)i, &info) != CV_OK ||
            info.per_submission)
            continue;
        p->files[i].asked = true;
        if (info.file_only)
            write_named_format(p, report, (cv_report_format)i, ctx);
        else
            write_stream_format(p, report, (cv_report_format)i);
    }
}

int cv_cli_publish_stream(struct cv_cli_publish *p, cv_write_fn *write,
                          void **payload)
{
    struct file *f = &p->files[NDJSON_SLOT];
    f->asked = true;
    errno = 0;
    p->ndjson.err = 0;
    p->ndjson.f = create_in_stage(p, f->name);
    if (!p->ndjson.f) {
        fail_file(p, f, strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    *write = sink_write;
    *payload = &p->ndjson;
    return CV_EXIT_OK;
}

void cv_cli_publish_stream_failed(struct cv_cli_publish *p, cv_status st)
{
    struct file *f = &p->files[NDJSON_SLOT];
    const char *why = reason_of(&p->ndjson, st);
    char reason[sizeof(f->reason)];
    snprintf(reason, sizeof(reason), "%s", why);
    if (p->ndjson.f)
        fclose(p->ndjson.f);
    p->ndjson.f = NULL;
    fail_file(p, f, reason);
}

/* Closes the ndjson stream when one is open. */
static void close_stream(struct cv_cli_publish *p)
{
    struct file *f = &p->files[NDJSON_SLOT];
    if (!p->ndjson.f)
        return;
    if (close_sink(&p->ndjson) != 0 || fault(CV_PUBLISH_FILE, f->name) != 0)
        fail_file(p, f, reason_of(&p->ndjson, CV_EIO));
    else
        f->written = true;
}

int cv_cli_publish_input(struct cv_cli_publish *p, const char *file,
                         const char *sha256)
{
    struct input *in;
    if (p->ninputs == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        struct input *grown = cap > SIZE_MAX / sizeof(*grown)
                                  ? NULL
                                  : realloc(p->inputs, cap * sizeof(*grown));
        if (!grown) {
            cv_cli_error("%s", strerror(ENOMEM));
            return CV_EXIT_INTERNAL;
        }
        p->inputs = grown;
        p->cap = cap;
    }
    in = &p->inputs[p->ninputs];
    in->file = strdup(file ? file : "");
    if (!in->file) {
        cv_cli_error("%s", strerror(ENOMEM));
        return CV_EXIT_INTERNAL;
    }
    snprintf(in->sha256, sizeof(in->sha256), "%s", sha256 ? sha256 : "");
    p->ninputs++;
    return CV_EXIT_OK;
}

/* ---- record.json ------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (0: not valid), by the
 * rule of the library's repair (no overlong forms, no surrogates, at most
 * U+10FFFF), so a path reads as it does in report.json. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned cp;
    size_t n, i;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1Fu;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0Fu;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07u;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* One ASCII byte as JSON writes it inside a string. */
static void put_json_ascii(FILE *f, unsigned char c)
{
    if (c == '"' || c == '\\')
        fprintf(f, "\\%c", c);
    else if (c == '\n')
        fputs("\\n", f);
    else if (c == '\t')
        fputs("\\t", f);
    else if (c < 0x20)
        fprintf(f, "\\u%04x", c);
    else
        fputc(c, f);
}

/* A JSON string: escaped as JSON requires, invalid UTF-8 byte by byte as
 * U+FFFD (as report.json writes it). */
static void put_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', f);
    while (*p) {
        size_t n = utf8_len(p);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", f);
            n = 1;
        } else if (n == 1) {
            put_json_ascii(f, *p);
        } else {
            fwrite(p, 1, n, f);
        }
        p += n;
    }
    fputc('"', f);
}

static void put_hash(FILE *f, const char *hex)
{
    if (hex && hex[0])
        put_json_string(f, hex);
    else
        fputs("null", f);
}

/* One list of format names: those asked, or those written. */
static void put_format_list(FILE *f, const struct cv_cli_publish *p,
                            const char *key, bool written)
{
    unsigned i;
    bool first = true;
    fprintf(f, "    \"%s\": [", key);
    for (i = 0; i < SLOTS; i++) {
        const struct file *x = &p->files[i];
        if (!x->asked || (written && !x->written))
            continue;
        fputs(first ? "" : ", ", f);
        put_json_string(f, x->format);
        first = false;
    }
    fputs("],\n", f);
}

static void put_formats(FILE *f, const struct cv_cli_publish *p)
{
    unsigned i;
    bool first = true;
    fputs("  \"formats\": {\n", f);
    put_format_list(f, p, "asked", false);
    put_format_list(f, p, "written", true);
    fputs("    \"failed\": [", f);
    for (i = 0; i < SLOTS; i++) {
        const struct file *x = &p->files[i];
        if (!x->asked || x->written)
            continue;
        fputs(first ? "\n      {\"format\": " : ",\n      {\"format\": ", f);
        put_json_string(f, x->format);
        fputs(", \"reason\": ", f);
        put_json_string(f, x->reason);
        fputc('}', f);
        first = false;
    }
    fputs(first ? "]\n  },\n" : "\n    ]\n  },\n", f);
}

static void put_files(FILE *f, const struct cv_cli_publish *p)
{
    unsigned i;
    bool first = true;
    fputs("  \"files\": [", f);
    for (i = 0; i < SLOTS; i++) {
        const struct file *x = &p->files[i];
        if (!x->written)
            continue;
        fputs(first ? "\n    {\"name\": " : ",\n    {\"name\": ", f);
        put_json_string(f, x->name);
        fputs(", \"format\": ", f);
        put_json_string(f, x->format);
        fprintf(f, ", \"bytes\": %lld, \"sha256\": ", x->bytes);
        put_json_string(f, x->sha256);
        fputc('}', f);
        first = false;
    }
    fputs(first ? "]\n" : "\n  ]\n", f);
}

static void put_inputs(FILE *f, const struct cv_cli_publish *p)
{
    size_t i;
    fputs("  \"inputs\": [", f);
    for (i = 0; i < p->ninputs; i++) {
        fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", f);
        put_json_string(f, p->inputs[i].file);
        fputs(", \"sha256\": ", f);
        put_hash(f, p->inputs[i].sha256);
        fputc('}', f);
    }
    fputs(p->ninputs ? "\n  ],\n" : "],\n", f);
}

/* The --mapping file the workbooks were read through, so the record
 * names everything the verdicts rest on (the built-in mappings are in
 * the profile's SHA-256 already). */
static void put_mapping(FILE *f, const cv_criteria *crit)
{
    const char *id, *file, *sha256;
    if (!cv_criteria_mapping(crit, &id, &file, &sha256))
        return;
    fputs("  \"mapping\": {\"id\": ", f);
    put_json_string(f, id);
    fputs(", \"file\": ", f);
    put_json_string(f, file);
    fputs(", \"sha256\": ", f);
    put_hash(f, sha256);
    fputs("},\n", f);
}

static void put_file_hash(FILE *f, const char *key, const char *file,
                          const char *sha256)
{
    fprintf(f, "  \"%s\": ", key);
    if (!file) {
        fputs("null,\n", f);
        return;
    }
    fputs("{\"file\": ", f);
    put_json_string(f, file);
    fputs(", \"sha256\": ", f);
    put_hash(f, sha256);
    fputs("},\n", f);
}

/* The registry snapshot the run used: DIR/ismap-D.json and its hash. */
static void put_registry(FILE *f, const struct cv_cli_record *rec)
{
    char path[PATH_MAX], sha[65] = "";
    int n;
    if (!rec->registry_dir || !rec->registry_name) {
        put_file_hash(f, "registry", NULL, NULL);
        return;
    }
    n = snprintf(path, sizeof(path), "%s/%s", rec->registry_dir,
                 rec->registry_name);
    if (n < 0 || (size_t)n >= sizeof(path) ||
        cv_sha256_file_hex(path, sha) != CV_OK)
        sha[0] = '\0';
    put_file_hash(f, "registry", path, sha);
}

/* One option of the invocation, when it has a value. */
static void put_arg(FILE *f, bool *first, const char *opt, const char *value)
{
    if (!value)
        return;
    fputs(*first ? "" : ", ", f);
    put_json_string(f, opt);
    if (value[0]) {
        fputs(", ", f);
        put_json_string(f, value);
    }
    *first = false;
}

/* The registry options: what makes a re-run pick the same snapshot (or
 * none). The snapshot's own hash is in "registry". */
static void put_registry_args(FILE *f, bool *first, const struct cli *c,
                              const struct cv_cli_record *rec)
{
    char age[16];
    if (c->no_registry || !rec->registry_dir) {
        put_arg(f, first, "--no-registry", "");
        return;
    }
    snprintf(age, sizeof(age), "%u", c->registry_max_age);
    put_arg(f, first, "--registry", rec->registry_dir);
    put_arg(f, first, "--registry-max-age", age);
}

/* The input limits that differ from the defaults: a limit hit makes an
 * input invalid, so a re-run needs the same ones. */
static void put_limit_args(FILE *f, bool *first, const cv_limits *lim)
{
    static const cv_limits def = CV_LIMITS_DEFAULT;
    char v[32];
    if (lim->max_input_bytes != def.max_input_bytes) {
        snprintf(v, sizeof(v), "%zu", lim->max_input_bytes);
        put_arg(f, first, "--max-input-bytes", v);
    }
    if (lim->max_depth != def.max_depth) {
        snprintf(v, sizeof(v), "%u", lim->max_depth);
        put_arg(f, first, "--max-depth", v);
    }
    if (lim->max_nodes != def.max_nodes) {
        snprintf(v, sizeof(v), "%zu", lim->max_nodes);
        put_arg(f, first, "--max-nodes", v);
    }
    if (lim->max_string_bytes != def.max_string_bytes) {
        snprintf(v, sizeof(v), "%zu", lim->max_string_bytes);
        put_arg(f, first, "--max-string-bytes", v);
    }
}

/*
 * The evaluate options that decide the outputs, as given, then "--" and
 * every input: what `verify --rerun` runs again (with --out of its own).
 * --jobs and --quiet do not change a byte of the outputs and are left
 * out, as are --out and --sign (where the set goes and who vouches for
 * it are not part of it).
 */
static void put_invocation(FILE *f, const struct cv_cli_publish *p)
{
    const struct cli *c = p->rec.cli;
    /* The criteria as the user named them (a relative path stays one);
     * when not named, the binary's own, which the record's criteria
     * SHA-256 pins. */
    const char *criteria = c->criteria_given ? c->criteria_given
                                             : getenv("CLOUDVET_CRITERIA");
    bool first = true;
    size_t i;
    fputs("  \"invocation\": {\"command\": \"evaluate\", \"online\": ", f);
    fputs(c->online ? "true" : "false", f);
    fputs(", \"args\": [", f);
    put_arg(f, &first, "--criteria", criteria);
    put_arg(f, &first, "--profile", c->profile);
    put_arg(f, &first, "--tender", c->tender);
    put_arg(f, &first, "--decisions", c->decisions);
    put_arg(f, &first, "--mapping", c->mapping);
    put_arg(f, &first, "--vendor", c->vendor);
    put_arg(f, &first, "--service", c->service);
    put_arg(f, &first, "--format", c->format);
    put_arg(f, &first, "--lang", c->opts.lang == CV_LANG_EN ? "en" : "ja");
    put_arg(f, &first, "--as-of", c->opts.as_of);
    put_registry_args(f, &first, c, &p->rec);
    put_limit_args(f, &first, &c->opts.limits);
    if (c->allow_mixed_tenders)
        put_arg(f, &first, "--allow-mixed-tenders", "");
    put_arg(f, &first, "--", "");
    for (i = 0; i < c->inputs.count; i++)
        put_arg(f, &first, c->inputs.paths[i], "");
    fputs("]},\n", f);
}

static void put_provenance(FILE *f, const struct cv_cli_publish *p)
{
    const struct cv_cli_record *rec = &p->rec;
    const char *method = rec->report ? cv_report_method_sha256(rec->report)
                                     : NULL;
    fputs("  \"method_sha256\": ", f);
    put_hash(f, method);
    fputs(",\n", f);
    put_file_hash(f, "tender", rec->tender ? cv_tender_file(rec->tender) : NULL,
                  rec->tender ? cv_tender_sha256(rec->tender) : NULL);
    put_file_hash(f, "decisions",
                  rec->decisions ? cv_decisions_file(rec->decisions) : NULL,
                  rec->decisions ? cv_decisions_sha256(rec->decisions) : NULL);
    put_registry(f, rec);
    if (rec->cli)
        put_invocation(f, p);
}

/* Everything the run rests on and everything it wrote; no clock, so the
 * same inputs give the same bytes (verify --rerun compares them). */
static void put_record(FILE *f, const struct cv_cli_publish *p,
                       const cv_criteria *crit, const char *as_of)
{
    fputs("{\n  \"format\": \"cloudvet-record/1\",\n", f);
    fputs("  \"tool\": {\"name\": \"cloudvet\", \"version\": ", f);
    put_json_string(f, CV_VERSION_STRING);
    fputs(", \"build_id\": ", f);
    put_json_string(f, CV_BUILD_ID);
    fputs("},\n  \"as_of\": ", f);
    put_json_string(f, as_of);
    fputs(",\n  \"lang\": ", f);
    put_json_string(f, p->lang == CV_LANG_EN ? "en" : "ja");
    fputs(",\n  \"profile\": {\"id\": ", f);
    put_json_string(f, cv_criteria_profile_id(crit));
    fputs(", \"version\": ", f);
    put_json_string(f, cv_criteria_profile_version(crit));
    fputs(", \"sha256\": ", f);
    put_hash(f, cv_criteria_sha256(crit));
    fputs("},\n", f);
    put_provenance(f, p);
    put_mapping(f, crit);
    put_inputs(f, p);
    put_formats(f, p);
    put_files(f, p);
    fputs("}\n", f);
}
/* Size and SHA-256 of every complete file, for the record. */
static int measure_files(struct cv_cli_publish *p)
{
    unsigned i;
    for (i = 0; i < SLOTS; i++) {
        struct file *f = &p->files[i];
        char path[PATH_MAX];
        struct stat st;
        if (!f->written)
            continue;
        if (fstatat(p->stage_fd, f->name, &st, 0) != 0)
            return -1;
        f->bytes = (long long)st.st_size;
        if (stage_path(p, f->name, path) != 0)
            return -1;
        if (cv_sha256_file_hex(path, f->sha256) != CV_OK) {
            errno = EIO;
            return -1;
        }
    }
    return 0;
}

/* Writes `len` bytes as the staging directory's file `name`, synced. */
static int write_stage_file(struct cv_cli_publish *p, const char *name,
                            const char *buf, size_t len)
{
    struct sink s = { NULL, 0 };
    errno = 0;
    s.f = create_in_stage(p, name);
    if (!s.f)
        return -1;
    if (fwrite(buf, 1, len, s.f) != len && !s.err)
        s.err = errno ? errno : EIO;
    if (close_sink(&s) != 0 || s.err) {
        errno = s.err ? s.err : EIO;
        return -1;
    }
    return 0;
}

/* record.sig: the Ed25519 signature of record.json's exact bytes, with
 * the signer's public key, so `verify` without --key can still check it. */
static int write_signature(struct cv_cli_publish *p, const char *record,
                           size_t len)
{
    char sig[129], pub[65], text[400];
    int n;
    if (cv_sign_ed25519(p->rec.sign_key, record, len, sig, pub) != CV_OK) {
        cv_cli_error("%s: %s", p->rec.sign_key,
                     L(p->lang, "この鍵で署名できません",
                       "cannot sign with this key"));
        errno = EINVAL;
        return -1;
    }
    n = snprintf(text, sizeof(text),
                 "{\n  \"format\": \"cloudvet-signature/1\",\n"
                 "  \"algorithm\": \"ed25519\",\n"
                 "  \"public_key\": \"%s\",\n  \"signature\": \"%s\"\n}\n",
                 pub, sig);
    if (n < 0 || (size_t)n >= sizeof(text)) {
        errno = EOVERFLOW;
        return -1;
    }
    return write_stage_file(p, SIGNATURE_NAME, text, (size_t)n);
}

/* record.json, built in memory so the bytes signed are the bytes
 * written, then record.sig: both in the staging directory, so the set is
 * published with both or with neither. */
static int write_record(struct cv_cli_publish *p, const cv_criteria *crit,
                        const char *as_of)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    int r = -1;
    errno = 0;
    if (measure_files(p) != 0)
        return -1;
    mem = open_memstream(&buf, &len);
    if (!mem)
        return -1;
    put_record(mem, p, crit, as_of);
    if (ferror(mem) | fclose(mem)) {
        errno = ENOMEM;
        goto done;
    }
    if (write_stage_file(p, RECORD_NAME, buf, len) != 0)
        goto done;
    if (p->rec.sign_key && write_signature(p, buf, len) != 0)
        goto done;
    r = fault(CV_PUBLISH_RECORD, RECORD_NAME);
done:
    free(buf);
    return r;
}

void cv_cli_publish_describe(struct cv_cli_publish *p,
                             const struct cv_cli_record *rec)
{
    p->rec = *rec;
}

int cv_cli_publish_check_key(const char *key, bool to_stdout, cv_lang lang)
{
    char sig[129], pub[65];
    cv_status st;
    if (to_stdout) {
        cv_cli_error("--sign: %s",
                     L(lang,
                       "--out - では record.json を書かないため署名できません。"
                       "--out にディレクトリを指定してください",
                       "--out - writes no record.json to sign: give --out a "
                       "directory"));
        return CV_EXIT_USAGE;
    }
    st = cv_sign_ed25519(key, "", 0, sig, pub);
    if (st == CV_OK)
        return CV_EXIT_OK;
    cv_cli_error("--sign %s: %s", key,
                 st == CV_EIO
                     ? L(lang, "鍵ファイルを読めません。何も評価していません",
                         "cannot read the key file; nothing was evaluated")
                     : L(lang,
                         "Ed25519 の秘密鍵 (PEM, openssl genpkey -algorithm "
                         "ed25519 の形式) ではありません。何も評価していません",
                         "not an Ed25519 private key (PEM, as openssl genpkey "
                         "-algorithm ed25519 writes it); nothing was "
                         "evaluated"));
    return CV_EXIT_USAGE;
}
/* ---- the exchange ------------------------------------------------------ */

static int exchange(int dirfd, const char *a, const char *b)
{
#ifdef RENAME_EXCHANGE
    return renameat2(dirfd, a, dirfd, b, RENAME_EXCHANGE);
#else
    /* A C library without the wrapper: the system call itself
     * (RENAME_EXCHANGE is 1 << 1 in linux/fs.h). */
    return (int)syscall(SYS_renameat2, dirfd, a, dirfd, b, 1u << 1);
#endif
}

static void exchange_failed(const struct cv_cli_publish *p)
{
    int err = errno;
    const char *why = strerror(err);
    if (err == EINVAL || err == ENOSYS || err == ENOTSUP)
        why = L(p->lang,
                "このファイルシステムはディレクトリを一度に入れ替えられ"
                "ません (RENAME_EXCHANGE)。ext4, xfs, btrfs, tmpfs などの"
                "ディレクトリを --out に指定してください",
                "this file system cannot swap two directories in one step "
                "(RENAME_EXCHANGE): give --out a directory on ext4, xfs, "
                "btrfs, tmpfs or the like");
    else if (err == EXDEV || err == EBUSY)
        why = L(p->lang,
                "マウントポイントは丸ごと置き換えられません。その中の"
                "ディレクトリを --out に指定してください",
                "is a mount point, which cannot be replaced as a whole: "
                "give --out a directory inside it");
    cv_cli_error("%s: %s; %s", p->dir, why,
                 L(p->lang, "以前の報告書はそのままです",
                   "the previous reports are left as they were"));
}

/* Syncs the new set, swaps it with DIR and syncs the parent. */
static int swap_in(struct cv_cli_publish *p)
{
    if (check_only_ours(p) != 0)
        return -1; /* something was added to DIR during the run */
    if (fchmod(p->stage_fd, p->mode) != 0 || fsync(p->stage_fd) != 0 ||
        fault(CV_PUBLISH_SYNCED, p->stage) != 0) {
        cv_cli_error("%s: %s", p->dir, strerror(errno));
        return -1;
    }
    if (exchange(p->parent_fd, p->stage, p->name) != 0) {
        exchange_failed(p);
        return -1;
    }
    p->committed = true;
    return 0;
}

/* After the exchange the new set is published whatever happens here:
 * a failure leaves the old set at the staging name, for the next run. */
static void remove_old_set(struct cv_cli_publish *p)
{
    if (fault(CV_PUBLISH_EXCHANGED, p->stage) == 0 &&
        fsync(p->parent_fd) == 0 && remove_set(p, p->out_fd, p->stage, true) == 0) {
        (void)fsync(p->parent_fd);
        return;
    }
    cv_cli_error("%s: %s %s/%s (%s)", p->dir,
                 L(p->lang,
                   "新しい報告書は書きました。以前の報告書が残っています"
                   "(次の実行で消します):",
                   "the new reports are in place; the previous ones are "
                   "left (the next run removes them) in"),
                 p->parent, p->stage, strerror(errno));
}

static unsigned count_files(const struct cv_cli_publish *p, bool written)
{
    unsigned i, n = 0;
    for (i = 0; i < SLOTS; i++)
        n += p->files[i].asked && p->files[i].written == written;
    return n;
}

int cv_cli_publish_commit(struct cv_cli_publish *p, const cv_criteria *crit,
                          const char *as_of)
{
    close_stream(p);
    if (count_files(p, true) == 0) {
        cv_cli_error("%s: %s", p->dir,
                     L(p->lang,
                       "報告書を一つも書けませんでした。以前の報告書は"
                       "そのままです",
                       "no report could be written; the previous reports "
                       "are left as they were"));
        return CV_EXIT_INTERNAL;
    }
    if (write_record(p, crit, as_of) != 0) {
        cv_cli_error("%s/%s: %s (%s)", p->dir, RECORD_NAME,
                     L(p->lang, "書き込めません。以前の報告書はそのままです",
                       "cannot write; the previous reports are left as "
                       "they were"),
                     strerror(errno));
        return CV_EXIT_INTERNAL;
    }
    if (swap_in(p) != 0)
        return CV_EXIT_INTERNAL;
    remove_old_set(p);
    if (count_files(p, false) == 0)
        return CV_EXIT_OK;
    cv_cli_error("%s: %s", p->dir,
                 L(p->lang,
                   "書けなかった形式があります (record.json の "
                   "formats.failed に理由があります)。ほかの形式は書きました",
                   "some formats could not be written (record.json "
                   "lists them under formats.failed, with the reason); the "
                   "others were written"));
    return CV_EXIT_PARTIAL;
}

cv_cli_formats cv_cli_publish_written(const struct cv_cli_publish *p,
                                      bool *ndjson)
{
    cv_cli_formats set = 0;
    unsigned i;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++)
        if (p->files[i].written && i != NDJSON_SLOT)
            set |= 1u << i;
    *ndjson = p->files[NDJSON_SLOT].written;
    return set;
}

void cv_cli_publish_end(struct cv_cli_publish *p)
{
    size_t i;
    if (!p)
        return;
    if (p->ndjson.f)
        fclose(p->ndjson.f);
    /* Not published: the staging directory goes, DIR stays as it was. */
    if (!p->committed && p->stage_fd >= 0)
        (void)remove_set(p, p->stage_fd, p->stage, false);
    close_fd(&p->stage_fd);
    close_fd(&p->out_fd);
    close_fd(&p->parent_fd);
    for (i = 0; i < p->ninputs; i++)
        free(p->inputs[i].file);
    free(p->inputs);
    free(p);
}
