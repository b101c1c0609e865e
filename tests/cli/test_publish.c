/* SPDX-License-Identifier: MIT */
/*
 * test_publish.c: the report set is published whole or not at all
 * (src/cli/publish.c, linked directly, with its fault hook).
 *
 * An old set (one submission) is published into a fresh directory; then
 * a new set (two submissions) is published over it while the hook fails,
 * or kills the process, at the k-th step of publishing, for every k.
 * After each, the directory must hold exactly the old set (byte for
 * byte) or exactly the new one (every file as its record says, and
 * nothing else), and the next run leaves no staging directory behind.
 *
 * usage: cv_test_publish CRITERIA_DIR SAMPLES_DIR
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exitcode.h"
#include "publish.h"
#include "../harness/t.h"
#include "../harness/t_api.h"

static cv_ctx *g_ctx;
static cv_criteria *g_crit;
static const char *g_samples;
static char g_tmp[512];

/* ---- the hook ----------------------------------------------------------- */

enum hook_mode { HOOK_COUNT, HOOK_FAIL, HOOK_EXIT, HOOK_SIGKILL, HOOK_FAIL_FILE };

static enum hook_mode g_mode;
static int g_calls;  /* hook calls so far */
static int g_at;     /* the call that fails or kills (1-based) */
static enum cv_cli_publish_step g_step_at; /* the step of that call */
static char g_detail_at[64];
static const char *g_fail_file; /* HOOK_FAIL_FILE: the file that fails */

static int hook(enum cv_cli_publish_step step, const char *detail)
{
    ++g_calls;
    if (g_mode == HOOK_FAIL_FILE)
        return step == CV_PUBLISH_FILE && strcmp(detail, g_fail_file) == 0;
    if (g_calls != g_at || g_mode == HOOK_COUNT)
        return 0;
    g_step_at = step;
    snprintf(g_detail_at, sizeof(g_detail_at), "%s", detail);
    if (g_mode == HOOK_EXIT)
        _exit(99);
    if (g_mode == HOOK_SIGKILL)
        raise(SIGKILL);
    return 1;
}

static void arm(enum hook_mode mode, int at)
{
    g_mode = mode;
    g_at = at;
    g_calls = 0;
    g_step_at = CV_PUBLISH_STEP_COUNT;
    g_detail_at[0] = '\0';
    cv_cli_publish_fault = hook;
}

static void disarm(void)
{
    cv_cli_publish_fault = NULL;
}

/* ---- reports ------------------------------------------------------------ */

static cv_report *make_report(const char *const *names, size_t n)
{
    cv_report *r = NULL;
    size_t i;
    if (cv_report_new(&r, g_ctx, g_crit) != CV_OK)
        return NULL;
    for (i = 0; i < n; i++) {
        char path[1024];
        cv_submission *s = NULL;
        snprintf(path, sizeof(path), "%s/%s", g_samples, names[i]);
        if (cv_submission_evaluate_file(&s, g_ctx, g_crit, path) != CV_OK ||
            cv_report_add(r, s) != CV_OK) {
            cv_report_free(r);
            return NULL;
        }
    }
    cv_report_finish(r);
    return r;
}

static const char *const OLD_INPUTS[] = { "01-qualified-sakura.json" };
static const char *const NEW_INPUTS[] = { "01-qualified-sakura.json",
                                          "10-conditional-iij.json" };
static cv_report *g_old, *g_new;

/* Publishes `r` (its formats `set`, with an ndjson stream when asked)
 * into `dir`, as `cloudvet evaluate` does. Returns the exit code. */
static int publish(const char *dir, const cv_report *r, cv_cli_formats set,
                   bool ndjson)
{
    struct cv_cli_publish *p = NULL;
    cv_write_fn write = NULL;
    void *payload = NULL;
    size_t i;
    int code = cv_cli_publish_begin(&p, dir, CV_LANG_EN);
    if (code != CV_EXIT_OK)
        return code;
    if (ndjson)
        code = cv_cli_publish_stream(p, &write, &payload);
    for (i = 0; code == CV_EXIT_OK && i < cv_report_count(r); i++) {
        const cv_submission *s = cv_report_at(r, i);
        code = cv_cli_publish_input(p, cv_submission_file(s),
                                    cv_submission_sha256(s));
        if (code == CV_EXIT_OK && ndjson &&
            cv_submission_write_ndjson(g_ctx, g_crit, s, write, payload) !=
                CV_OK)
            code = CV_EXIT_INTERNAL;
    }
    if (code == CV_EXIT_OK) {
        cv_cli_publish_reports(p, r, set, g_ctx);
        code = cv_cli_publish_commit(p, g_crit, "2026-11-21");
    }
    cv_cli_publish_end(p);
    return code;
}

/* ---- what a directory holds ------------------------------------------- */

struct entry {
    char name[256];
    char *data;
    size_t len;
    bool is_dir;
};

struct snapshot {
    struct entry e[16];
    size_t n;
    bool overflow;
};

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    *len = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) &&
        fread(buf, 1, (size_t)size, f) == (size_t)size) {
        buf[size] = '\0';
        *len = (size_t)size;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name,
                  ((const struct entry *)b)->name);
}

static void take_snapshot(const char *dir, struct snapshot *s)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    memset(s, 0, sizeof(*s));
    while (d && (e = readdir(d)) != NULL) {
        char path[1024];
        struct stat st;
        struct entry *x;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (s->n == sizeof(s->e) / sizeof(s->e[0])) {
            s->overflow = true;
            break;
        }
        x = &s->e[s->n++];
        snprintf(x->name, sizeof(x->name), "%s", e->d_name);
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        x->is_dir = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
        if (!x->is_dir)
            x->data = read_all(path, &x->len);
    }
    if (d)
        closedir(d);
    qsort(s->e, s->n, sizeof(s->e[0]), by_name);
}

static void free_snapshot(struct snapshot *s)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        free(s->e[i].data);
    s->n = 0;
}

static bool same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
    size_t i;
    if (a->n != b->n || a->overflow || b->overflow)
        return false;
    for (i = 0; i < a->n; i++)
        if (strcmp(a->e[i].name, b->e[i].name) != 0 ||
            a->e[i].is_dir != b->e[i].is_dir || a->e[i].len != b->e[i].len ||
            (a->e[i].len &&
             memcmp(a->e[i].data, b->e[i].data, a->e[i].len) != 0))
            return false;
    return true;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;
    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* The directory holds record.json and exactly the files it lists, each
 * with the size and SHA-256 it says; `input` is one of the inputs. */
/* The format the library's table names for the file `name` (its
 * extension alone cannot say: report.oscal-ar.json is oscal-ar). */
static const char *format_of_file(const char *name)
{
    unsigned i;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        if (cv_report_format_info_of((cv_report_format)i, &info) == CV_OK &&
            strncmp(name, "report.", 7) == 0 && strcmp(name + 7, info.ext) == 0)
            return info.name;
    }
    return strrchr(name, '.') ? strrchr(name, '.') + 1 : "";
}

static bool whole_by_record(const char *dir, const char *input)
{
    char path[1024], line[512];
    struct snapshot s;
    const char *record = NULL;
    size_t i, files = 0;
    bool ok = true;
    take_snapshot(dir, &s);
    for (i = 0; i < s.n; i++)
        if (strcmp(s.e[i].name, "record.json") == 0)
            record = s.e[i].data;
    if (!record || s.overflow) {
        free_snapshot(&s);
        return false;
    }
    for (i = 0; i < s.n && ok; i++) {
        char hex[65];
        const char *dot = strrchr(s.e[i].name, '.');
        if (strcmp(s.e[i].name, "record.json") == 0)
            continue;
        files++;
        snprintf(path, sizeof(path), "%s/%s", dir, s.e[i].name);
        ok = !s.e[i].is_dir && dot &&
             cv_sha256_file_hex(path, hex) == CV_OK;
        if (ok) {
            snprintf(line, sizeof(line),
                     "{\"name\": \"%s\", \"format\": \"%s\", \"bytes\": %zu, "
                     "\"sha256\": \"%s\"}",
                     s.e[i].name, format_of_file(s.e[i].name), s.e[i].len,
                     hex);
            ok = strstr(record, line) != NULL;
            if (!ok)
                fprintf(stderr, "not in the record: %s\n", line);
        }
    }
    ok = ok && count_of(record, "\n    {\"name\": ") == files &&
         strstr(record, "\"format\": \"cloudvet-record/1\"") &&
         (!input || strstr(record, input));
    free_snapshot(&s);
    return ok;
}

/* Entries named like our staging directories beside `dir`. */
static size_t leftovers(const char *dir)
{
    char parent[512], prefix[300];
    const char *slash = strrchr(dir, '/');
    DIR *d;
    struct dirent *e;
    size_t n = 0;
    snprintf(parent, sizeof(parent), "%.*s", (int)(slash - dir), dir);
    snprintf(prefix, sizeof(prefix), ".%s.new-", slash + 1);
    d = opendir(parent);
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

static int g_seq;

/* A fresh output directory holding the old set. */
static void fresh_old_set(char *dir, size_t cap, cv_cli_formats set)
{
    snprintf(dir, cap, "%s/out%d", g_tmp, ++g_seq);
    disarm();
    T_CHECK(publish(dir, g_old, set, false) == CV_EXIT_OK);
}

/* ---- cases -------------------------------------------------------------- */

static void test_publish_whole(void)
{
    char dir[600];
    fresh_old_set(dir, sizeof(dir), CV_CLI_ALL_FORMATS);
    T_CHECK(whole_by_record(dir, "01-qualified-sakura.json"));
    T_CHECK(leftovers(dir) == 0);
    T_CHECK(publish(dir, g_new, CV_CLI_ALL_FORMATS, true) == CV_EXIT_OK);
    T_CHECK(whole_by_record(dir, "10-conditional-iij.json"));
    T_CHECK(leftovers(dir) == 0);
}

/* How many hook calls a whole publish of the new set makes. */
static int count_steps(cv_cli_formats set, bool ndjson)
{
    char dir[600];
    fresh_old_set(dir, sizeof(dir), set);
    arm(HOOK_COUNT, 0);
    T_CHECK(publish(dir, g_new, set, ndjson) == CV_EXIT_OK);
    disarm();
    return g_calls;
}

/* After a failure at step k: the old set as it was, or the whole new
 * one; and which, by the step. */
static void expect_after_fault(const char *dir, const struct snapshot *old,
                               int code)
{
    struct snapshot now;
    bool is_old, is_new;
    take_snapshot(dir, &now);
    is_old = same_snapshot(&now, old);
    is_new = whole_by_record(dir, "10-conditional-iij.json");
    free_snapshot(&now);
    T_CHECK(is_old != is_new);
    switch (g_step_at) {
    case CV_PUBLISH_FILE:
        /* That one format is left out; the others are published. */
        T_CHECK(code == CV_EXIT_PARTIAL && is_new);
        T_CHECK(leftovers(dir) == 0);
        break;
    case CV_PUBLISH_EXCHANGED:
    case CV_PUBLISH_CLEANUP:
        /* Published; the old set waits beside it for the next run. */
        T_CHECK(code == CV_EXIT_OK && is_new);
        T_CHECK(leftovers(dir) == 1);
        break;
    default:
        T_CHECK(code == CV_EXIT_INTERNAL && is_old);
        T_CHECK(leftovers(dir) == 0);
        break;
    }
    if (!(is_old != is_new))
        fprintf(stderr, "after a fault at step %d (%s)\n", (int)g_step_at,
                g_detail_at);
}

static void test_fault_at_every_step(void)
{
    int n = count_steps(CV_CLI_ALL_FORMATS, true), k;
    T_CHECK(n >= 12); /* lock, stage, 6 files, record, sync, ... */
    for (k = 1; k <= n; k++) {
        char dir[600];
        struct snapshot old;
        int code;
        fresh_old_set(dir, sizeof(dir), CV_CLI_ALL_FORMATS);
        take_snapshot(dir, &old);
        arm(HOOK_FAIL, k);
        code = publish(dir, g_new, CV_CLI_ALL_FORMATS, true);
        disarm();
        expect_after_fault(dir, &old, code);
        free_snapshot(&old);
        /* The next run publishes whole and cleans what is left. */
        T_CHECK(publish(dir, g_new, CV_CLI_ALL_FORMATS, true) == CV_EXIT_OK);
        T_CHECK(whole_by_record(dir, "10-conditional-iij.json"));
        T_CHECK(leftovers(dir) == 0);
    }
}

/* The process dies at step k (_exit, or SIGKILL for every other k). */
static void test_kill_at_every_step(void)
{
    int n = count_steps(CV_CLI_ALL_FORMATS, true), k;
    for (k = 1; k <= n; k++) {
        char dir[600];
        struct snapshot old, now;
        int status = 0;
        pid_t pid;
        fresh_old_set(dir, sizeof(dir), CV_CLI_ALL_FORMATS);
        take_snapshot(dir, &old);
        fflush(NULL);
        pid = fork();
        if (pid == 0) {
            arm(k % 2 ? HOOK_EXIT : HOOK_SIGKILL, k);
            (void)publish(dir, g_new, CV_CLI_ALL_FORMATS, true);
            _exit(0);
        }
        T_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
        T_CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 99) ||
                (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
        take_snapshot(dir, &now);
        T_CHECK(same_snapshot(&now, &old) !=
                whole_by_record(dir, "10-conditional-iij.json"));
        free_snapshot(&now);
        free_snapshot(&old);
        T_CHECK(leftovers(dir) <= 1);
        T_CHECK(publish(dir, g_new, CV_CLI_ALL_FORMATS, false) == CV_EXIT_OK);
        T_CHECK(whole_by_record(dir, "10-conditional-iij.json"));
        T_CHECK(leftovers(dir) == 0);
    }
}

/* The only asked format fails: nothing is published. */
static void test_only_format_fails(void)
{
    char dir[600];
    struct snapshot old, now;
    cv_cli_formats json = 1u << CV_REPORT_JSON;
    fresh_old_set(dir, sizeof(dir), CV_CLI_ALL_FORMATS);
    take_snapshot(dir, &old);
    arm(HOOK_FAIL, 3); /* lock, stage, then report.json */
    T_CHECK(publish(dir, g_new, json, false) == CV_EXIT_INTERNAL);
    disarm();
    T_CHECK(g_step_at == CV_PUBLISH_FILE);
    take_snapshot(dir, &now);
    T_CHECK(same_snapshot(&now, &old));
    free_snapshot(&now);
    free_snapshot(&old);
    T_CHECK(leftovers(dir) == 0);
}

/* XLSX fails: the record lists it with the reason, the rest is there. */
static void test_one_format_fails(void)
{
    char dir[600], path[700];
    fresh_old_set(dir, sizeof(dir), CV_CLI_ALL_FORMATS);
    arm(HOOK_FAIL_FILE, 0);
    g_fail_file = "report.xlsx";
    T_CHECK(publish(dir, g_new, CV_CLI_ALL_FORMATS, false) ==
            CV_EXIT_PARTIAL);
    disarm();
    T_CHECK(whole_by_record(dir, "10-conditional-iij.json"));
    snprintf(path, sizeof(path), "%s/report.xlsx", dir);
    T_CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof(path), "%s/record.json", dir);
    {
        char *m = t_read_file(path);
        T_CHECK(m && strstr(m, "{\"format\": \"xlsx\", \"reason\": "
                               "\"Input/output error\"}"));
        T_CHECK(m && strstr(m, "\"written\": [\"json\", \"html\", \"csv\", "
                               "\"md\", \"oscal-ar\", \"oscal-ar-xml\"]"));
        free(m);
    }
}

/* A directory that is not ours inside DIR: refused, nothing changed. */
static void test_refuses_foreign_entries(void)
{
    char dir[600], path[700];
    struct snapshot old, now;
    fresh_old_set(dir, sizeof(dir), 1u << CV_REPORT_JSON);
    snprintf(path, sizeof(path), "%s/report.md", dir);
    T_CHECK(mkdir(path, 0755) == 0);
    take_snapshot(dir, &old);
    T_CHECK(publish(dir, g_new, CV_CLI_ALL_FORMATS, false) ==
            CV_EXIT_INTERNAL);
    take_snapshot(dir, &now);
    T_CHECK(same_snapshot(&now, &old));
    free_snapshot(&now);
    free_snapshot(&old);
    T_CHECK(leftovers(dir) == 0);
}

/* A second publisher into the same DIR refuses while the first lives,
 * also after the first has swapped DIR for its new set. */
static void test_lock(void)
{
    char dir[600];
    struct cv_cli_publish *a = NULL, *b = NULL;
    fresh_old_set(dir, sizeof(dir), 1u << CV_REPORT_JSON);
    T_CHECK(cv_cli_publish_begin(&a, dir, CV_LANG_EN) == CV_EXIT_OK);
    T_CHECK(cv_cli_publish_begin(&b, dir, CV_LANG_EN) == CV_EXIT_INTERNAL);
    T_CHECK(b == NULL);
    cv_cli_publish_reports(a, g_new, 1u << CV_REPORT_JSON, g_ctx);
    T_CHECK(cv_cli_publish_commit(a, g_crit, "2026-11-21") == CV_EXIT_OK);
    T_CHECK(cv_cli_publish_begin(&b, dir, CV_LANG_EN) == CV_EXIT_INTERNAL);
    cv_cli_publish_end(a);
    T_CHECK(cv_cli_publish_begin(&b, dir, CV_LANG_EN) == CV_EXIT_OK);
    cv_cli_publish_end(b);
    T_CHECK(leftovers(dir) == 0);
}

/* What a killed run left beside DIR goes; what holds a file not ours
 * stays, the file intact. */
static void test_leftovers_cleaned(void)
{
    char dir[600], stale[700], kept[700], path[800];
    FILE *f;
    fresh_old_set(dir, sizeof(dir), 1u << CV_REPORT_JSON);
    snprintf(stale, sizeof(stale), "%s/.out%d.new-AbC123", g_tmp, g_seq);
    snprintf(kept, sizeof(kept), "%s/.out%d.new-ZyX987", g_tmp, g_seq);
    T_CHECK(mkdir(stale, 0700) == 0 && mkdir(kept, 0700) == 0);
    snprintf(path, sizeof(path), "%s/report.json", stale);
    f = fopen(path, "w");
    T_CHECK(f && fputs("{\"half", f) >= 0 && fclose(f) == 0);
    snprintf(path, sizeof(path), "%s/notes.txt", kept);
    f = fopen(path, "w");
    T_CHECK(f && fputs("mine\n", f) >= 0 && fclose(f) == 0);
    T_CHECK(publish(dir, g_new, 1u << CV_REPORT_JSON, false) == CV_EXIT_OK);
    T_CHECK(access(stale, F_OK) != 0);
    T_CHECK(access(path, F_OK) == 0);
    T_CHECK(leftovers(dir) == 1);
}

/* A streamed ndjson that fails is dropped with its reason; the report
 * formats are still published (exit 7). */
static void test_stream_failure(void)
{
    char dir[600], path[700];
    struct cv_cli_publish *p = NULL;
    cv_write_fn write = NULL;
    void *payload = NULL;
    char *m;
    fresh_old_set(dir, sizeof(dir), 1u << CV_REPORT_JSON);
    T_CHECK(cv_cli_publish_begin(&p, dir, CV_LANG_EN) == CV_EXIT_OK);
    T_CHECK(p && cv_cli_publish_stream(p, &write, &payload) == CV_EXIT_OK);
    if (!p)
        return;
    cv_cli_publish_stream_failed(p, CV_ENOMEM);
    cv_cli_publish_reports(p, g_new, 1u << CV_REPORT_JSON, g_ctx);
    T_CHECK(cv_cli_publish_commit(p, g_crit, "2026-11-21") == CV_EXIT_PARTIAL);
    cv_cli_publish_end(p);
    T_CHECK(whole_by_record(dir, NULL));
    snprintf(path, sizeof(path), "%s/record.json", dir);
    m = t_read_file(path);
    T_CHECK(m && strstr(m, "{\"format\": \"ndjson\", \"reason\": "));
    free(m);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "publish_whole", test_publish_whole },
        { "fault_at_every_step", test_fault_at_every_step },
        { "kill_at_every_step", test_kill_at_every_step },
        { "only_format_fails", test_only_format_fails },
        { "one_format_fails", test_one_format_fails },
        { "refuses_foreign_entries", test_refuses_foreign_entries },
        { "lock", test_lock },
        { "leftovers_cleaned", test_leftovers_cleaned },
        { "stream_failure", test_stream_failure },
    };
    int rc;
    if (argc != 3) {
        fprintf(stderr, "usage: cv_test_publish CRITERIA_DIR SAMPLES_DIR\n");
        return 2;
    }
    g_samples = argv[2];
    if (t_api_open(&g_ctx, &g_crit, argv[1], CV_LANG_EN) != 0 ||
        t_make_temp_dir(g_tmp, sizeof(g_tmp), "cv-publish") != 0)
        return 1;
    g_old = make_report(OLD_INPUTS, 1);
    g_new = make_report(NEW_INPUTS, 2);
    if (!g_old || !g_new)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_report_free(g_old);
    cv_report_free(g_new);
    t_api_close(g_ctx, g_crit);
    t_remove_tree(g_tmp);
    return rc;
}
