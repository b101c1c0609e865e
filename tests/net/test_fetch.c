/* SPDX-License-Identifier: MIT */
/*
 * test_fetch.c: link checks and downloads (net/fetch.c) against
 * tests/net/server.py on 127.0.0.1; run.py starts the server and passes
 *     test_fetch PORT LOGFILE FILESDIR
 * FILESDIR holds x.bin and sheet.xlsx (written by run.py).
 *
 * The cases run in table order: the ones that must not reach the server
 * come first, and "no_request_reached_server" checks the server's request
 * log is still empty after them; "log_records_requests" at the end proves
 * the log works, so the empty log means something.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../harness/t.h"
#include "base/arena.h"
#include "net/net.h"

static const char *g_port;
static const char *g_log;
static const char *g_files;

#define URL_MAX 256

static const char *url(char buf[URL_MAX], const char *path)
{
    snprintf(buf, URL_MAX, "http://127.0.0.1:%s%s", g_port, path);
    return buf;
}

static struct cv_net_options options(unsigned allow)
{
    struct cv_net_options o = CV_NET_OPTIONS_DEFAULT;
    o.allow = allow;
    o.connect_timeout_ms = 3000;
    o.timeout_ms = 10000;
    return o;
}

/* One link through cv_net_check_links. */
static void check_one(struct cv_link_check *l, const char *u,
                      const struct cv_net_options *o, struct cv_arena *a)
{
    memset(l, 0, sizeof(*l));
    l->url = u;
    T_CHECK(cv_net_check_links(l, 1, o, a) == CV_OK);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n, m;
    if (!s)
        return false;
    n = strlen(s);
    m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool contains(const char *s, const char *needle)
{
    return s && strstr(s, needle) != NULL;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    *len = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            buf = malloc((size_t)n + 1);
            if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
                buf[n] = '\0';
                *len = (size_t)n;
            } else {
                free(buf);
                buf = NULL;
            }
        }
    }
    fclose(f);
    return buf;
}

static long log_size(void)
{
    struct stat st;
    return stat(g_log, &st) == 0 ? (long)st.st_size : -1;
}

static bool log_has(const char *line)
{
    size_t len;
    char *text = slurp(g_log, &len);
    bool found = text && strstr(text, line) != NULL;
    free(text);
    return found;
}

/* ---- refused before any byte reaches the server ------------------------ */

struct blocked_case {
    const char *before, *after; /* the URL is before PORT after */
    enum cv_addr_class cls;
    const char *addr; /* NULL: do not check (which of several is first) */
};

static void test_fetch__blocked_by_default(void)
{
    static const struct blocked_case cases[] = {
        { "http://127.0.0.1:", "/doc.html", CV_ADDR_LOOPBACK, "127.0.0.1" },
        /* a name: refused by the socket guard, not the literal check */
        { "http://localhost:", "/doc.html", CV_ADDR_LOOPBACK, NULL },
        { "http://[::1]:", "/", CV_ADDR_LOOPBACK, "::1" },
        { "http://2130706433:", "/", CV_ADDR_LOOPBACK, "127.0.0.1" },
        { "http://0x7f.1:", "/", CV_ADDR_LOOPBACK, "127.0.0.1" },
        { "http://0177.0.0.1:", "/", CV_ADDR_LOOPBACK, "127.0.0.1" },
        { "http://[::ffff:127.0.0.1]:", "/", CV_ADDR_LOOPBACK,
          "::ffff:127.0.0.1" },
        { "http://[64:ff9b::7f00:1]:", "/", CV_ADDR_LOOPBACK, NULL },
        { "HTTPS://127.0.0.1:", "/", CV_ADDR_LOOPBACK, "127.0.0.1" },
        { "http://user:pw@127.0.0.1:", "/", CV_ADDR_LOOPBACK, "127.0.0.1" },
        /* pinned names (CURLOPT_RESOLVE) stand in for hostile DNS */
        { "http://evil.example:", "/doc.html", CV_ADDR_LOOPBACK,
          "127.0.0.1" },
        { "http://intranet.example:", "/doc.html", CV_ADDR_PRIVATE,
          "10.1.2.3" },
        { "http://metadata.example:", "/", CV_ADDR_LINK_LOCAL,
          "169.254.169.254" },
        { "http://169.254.169.254/latest/meta-data/", "", CV_ADDR_LINK_LOCAL,
          "169.254.169.254" },
        { "http://0:", "/", CV_ADDR_UNSPECIFIED, "0.0.0.0" },
        { "http://[fe80::1%25eth0]:", "/", CV_ADDR_LINK_LOCAL, "fe80::1" },
        { "http://100.64.0.1:", "/", CV_ADDR_SHARED, "100.64.0.1" },
        { "http://10.0.0.1:", "/", CV_ADDR_PRIVATE, "10.0.0.1" },
        { "http://[fd00::1]:", "/", CV_ADDR_UNIQUE_LOCAL, "fd00::1" },
        { "http://224.0.0.1:", "/", CV_ADDR_MULTICAST, "224.0.0.1" },
        { "http://192.0.2.1:", "/", CV_ADDR_RESERVED, "192.0.2.1" },
    };
    enum { N = sizeof(cases) / sizeof(cases[0]) };
    char urls[N][URL_MAX];
    char pins[3][64];
    const char *resolve[4];
    struct cv_link_check links[N];
    struct cv_net_options o = options(0);
    struct cv_arena a;
    size_t i;

    snprintf(pins[0], sizeof(pins[0]), "evil.example:%s:127.0.0.1", g_port);
    snprintf(pins[1], sizeof(pins[1]), "intranet.example:%s:10.1.2.3",
             g_port);
    snprintf(pins[2], sizeof(pins[2]), "metadata.example:%s:169.254.169.254",
             g_port);
    resolve[0] = pins[0];
    resolve[1] = pins[1];
    resolve[2] = pins[2];
    resolve[3] = NULL;
    o.resolve = resolve;
    cv_arena_init(&a);
    memset(links, 0, sizeof(links));
    for (i = 0; i < N; i++) {
        snprintf(urls[i], URL_MAX, "%s%s%s", cases[i].before, g_port,
                 cases[i].after);
        links[i].url = urls[i];
    }
    T_CHECK(cv_net_check_links(links, N, &o, &a) == CV_OK);
    for (i = 0; i < N; i++) {
        const struct cv_link_check *l = &links[i];
        bool ok = l->outcome == CV_LINK_BLOCKED &&
                  l->blocked_class == cases[i].cls && l->blocked_addr &&
                  !l->blocked_scheme && l->blocked_url &&
                  strcmp(l->blocked_url, urls[i]) == 0 &&
                  (!cases[i].addr ||
                   strcmp(l->blocked_addr, cases[i].addr) == 0) &&
                  l->http_status == 0 && l->redirects == 0 &&
                  l->elapsed_ms < 2000 && strlen(l->checked_at) == 20;
        if (!ok) {
            fprintf(stderr,
                    "  %s: outcome %d class %s addr %s url %s error %s "
                    "(%.0f ms)\n",
                    urls[i], (int)l->outcome,
                    cv_addr_class_str(l->blocked_class),
                    l->blocked_addr ? l->blocked_addr : "(null)",
                    l->blocked_url ? l->blocked_url : "(null)",
                    l->error ? l->error : "(null)", l->elapsed_ms);
            t_failures++;
        }
    }
    cv_arena_release(&a);
}

static void test_fetch__blocked_schemes_and_invalid(void)
{
    static const struct {
        const char *url;
        enum cv_link_outcome outcome;
        const char *scheme;
    } cases[] = {
        { "ftp://127.0.0.1/x", CV_LINK_BLOCKED, "ftp" },
        { "file:///etc/passwd", CV_LINK_BLOCKED, "file" },
        { "gopher://127.0.0.1:70/_GET", CV_LINK_BLOCKED, "gopher" },
        { "dict://127.0.0.1:11211/stat", CV_LINK_BLOCKED, "dict" },
        { "FILE:///etc/passwd", CV_LINK_BLOCKED, "file" },
        { "javascript:alert(1)", CV_LINK_BLOCKED, "javascript" },
        { "not a url", CV_LINK_INVALID, NULL },
        { "", CV_LINK_INVALID, NULL },
        { "//127.0.0.1/doc.html", CV_LINK_INVALID, NULL },
        { "http://", CV_LINK_INVALID, NULL },
        { "http://exa mple.com/", CV_LINK_INVALID, NULL },
        { "127.0.0.1/doc.html", CV_LINK_INVALID, NULL },
        { NULL, CV_LINK_INVALID, NULL },
    };
    enum { N = sizeof(cases) / sizeof(cases[0]) };
    struct cv_link_check links[N];
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    size_t i;

    cv_arena_init(&a);
    memset(links, 0, sizeof(links));
    for (i = 0; i < N; i++)
        links[i].url = cases[i].url;
    T_CHECK(cv_net_check_links(links, N, &o, &a) == CV_OK);
    for (i = 0; i < N; i++) {
        const struct cv_link_check *l = &links[i];
        bool ok = l->outcome == cases[i].outcome && !l->final_url &&
                  !l->method && !l->blocked_addr &&
                  (cases[i].scheme
                       ? l->blocked_scheme &&
                             strcmp(l->blocked_scheme, cases[i].scheme) == 0
                       : !l->blocked_scheme && l->error);
        if (!ok) {
            fprintf(stderr, "  '%s': outcome %d scheme %s\n",
                    cases[i].url ? cases[i].url : "(null)", (int)l->outcome,
                    l->blocked_scheme ? l->blocked_scheme : "(null)");
            t_failures++;
        }
    }
    cv_arena_release(&a);
}

static void test_fetch__no_request_reached_server(void)
{
    T_CHECK(log_size() == 0);
}

/* ---- requests the server answers ---------------------------------------- */

static void test_fetch__head_ok(void)
{
    char u[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    check_one(&l, url(u, "/doc.html"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_CHECK(l.http_status == 200);
    T_STREQ(l.content_type, "text/html");
    T_STREQ(l.method, "HEAD");
    T_STREQ(l.final_url, u);
    T_CHECK(l.redirects == 0);
    T_CHECK(l.error == NULL && l.blocked_url == NULL);
    T_CHECK(strlen(l.checked_at) == 20 && l.checked_at[10] == 'T' &&
            l.checked_at[19] == 'Z');
    T_CHECK(l.elapsed_ms >= 0 && l.elapsed_ms < 5000);

    check_one(&l, url(u, "/sla.pdf"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_STREQ(l.content_type, "application/pdf");

    check_one(&l, url(u, "/files/sheet.xlsx"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_STREQ(l.content_type, "application/vnd.openxmlformats-officedocument."
                            "spreadsheetml.sheet");
    cv_arena_release(&a);
}

static void test_fetch__get_fallback_and_errors(void)
{
    char u[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    check_one(&l, url(u, "/no-head"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_CHECK(l.http_status == 200);
    T_STREQ(l.method, "GET");
    T_STREQ(l.content_type, "text/html");

    check_one(&l, url(u, "/missing"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_HTTP_ERROR);
    T_CHECK(l.http_status == 404);
    T_STREQ(l.error, "HTTP 404");
    T_STREQ(l.method, "GET"); /* HEAD said 404: GET is asked too */

    check_one(&l, url(u, "/status/503"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_HTTP_ERROR);
    T_CHECK(l.http_status == 503);

    /* A 304 without a Location is not a working link. */
    check_one(&l, url(u, "/status/304"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_HTTP_ERROR);
    T_CHECK(l.http_status == 304);
    T_STREQ(l.method, "HEAD");
    cv_arena_release(&a);
}

static void test_fetch__redirects(void)
{
    char u[URL_MAX], want[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    check_one(&l, url(u, "/redirect/3"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_CHECK(l.redirects == 3);
    T_STREQ(l.final_url, url(want, "/doc.html"));
    T_CHECK(ends_with(l.final_url, "/doc.html"));

    check_one(&l, url(u, "/redirect/5"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_CHECK(l.redirects == CV_NET_MAX_REDIRECTS);

    check_one(&l, url(u, "/redirect/6"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_FAILED);
    T_CHECK(contains(l.error, "too many redirects"));

    check_one(&l, url(u, "/loop"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_FAILED);
    T_CHECK(contains(l.error, "too many redirects"));
    T_CHECK(l.redirects == CV_NET_MAX_REDIRECTS);
    T_CHECK(l.http_status == 302);
    cv_arena_release(&a);
}

static void test_fetch__redirect_to_private(void)
{
    char u[URL_MAX], want[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_BIT(CV_ADDR_LOOPBACK));
    struct cv_arena a;
    cv_arena_init(&a);
    o.connect_timeout_ms = 5000;
    check_one(&l, url(u, "/to-private"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_CHECK(l.blocked_class == CV_ADDR_PRIVATE);
    T_STREQ(l.blocked_addr, "10.255.255.1");
    snprintf(want, sizeof(want), "http://10.255.255.1:%s/doc.html", g_port);
    T_STREQ(l.blocked_url, want);
    T_STREQ(l.final_url, u);
    T_CHECK(l.http_status == 302);
    T_CHECK(l.redirects == 0);
    /* Refused at once, not after a 5 s connect timeout. */
    T_CHECK(l.elapsed_ms < 1000);

    o.allow = CV_ADDR_ALLOW_PRIVATE;
    check_one(&l, url(u, "/to-metadata"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_CHECK(l.blocked_class == CV_ADDR_LINK_LOCAL);
    T_STREQ(l.blocked_addr, "169.254.169.254");
    T_STREQ(l.blocked_url, "http://169.254.169.254/latest/meta-data/");

    /* Redirect schemes are refused by us (BLOCKED, with the scheme), not
     * merely unsupported by libcurl. */
    check_one(&l, url(u, "/to-file"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_STREQ(l.blocked_scheme, "file");
    T_STREQ(l.blocked_url, "file:///etc/passwd");
    T_CHECK(l.blocked_addr == NULL);

    check_one(&l, url(u, "/to?url=gopher://127.0.0.1:25/_HELO"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_STREQ(l.blocked_scheme, "gopher");

    /* A redirect to a legacy-form literal is judged as the address. */
    check_one(&l, url(u, "/to?url=http://0xa9fea9fe/"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_CHECK(l.blocked_class == CV_ADDR_LINK_LOCAL);
    cv_arena_release(&a);
}

/* A redirect to a name: only the socket guard sees where it leads. */
static void test_fetch__redirect_to_pinned_name(void)
{
    char u[URL_MAX], want[URL_MAX], line[URL_MAX];
    char pins[2][64];
    const char *resolve[3];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_BIT(CV_ADDR_LOOPBACK));
    struct cv_arena a;

    snprintf(pins[0], sizeof(pins[0]), "intranet.example:%s:10.1.2.3",
             g_port);
    snprintf(pins[1], sizeof(pins[1]), "good.example:%s:127.0.0.1", g_port);
    resolve[0] = pins[0];
    resolve[1] = pins[1];
    resolve[2] = NULL;
    o.resolve = resolve;
    cv_arena_init(&a);

    check_one(&l, url(u, "/to-name?host=intranet.example"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    T_CHECK(l.blocked_class == CV_ADDR_PRIVATE);
    T_STREQ(l.blocked_addr, "10.1.2.3");
    snprintf(want, sizeof(want), "http://intranet.example:%s/doc.html",
             g_port);
    T_STREQ(l.blocked_url, want);
    T_CHECK(l.redirects == 1);
    T_CHECK(l.elapsed_ms < 1000);

    check_one(&l, url(u, "/to-name?host=good.example"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    snprintf(want, sizeof(want), "http://good.example:%s/doc.html", g_port);
    T_STREQ(l.final_url, want);
    T_CHECK(l.redirects == 1);
    snprintf(line, sizeof(line), "HEAD /doc.html good.example:%s\n", g_port);
    T_CHECK(log_has(line));
    cv_arena_release(&a);
}

static void test_fetch__timeout(void)
{
    char u[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    o.timeout_ms = 1000;
    check_one(&l, url(u, "/slow?s=10"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_FAILED);
    T_CHECK(l.error != NULL);
    T_CHECK(l.elapsed_ms >= 900 && l.elapsed_ms < 5000);
    cv_arena_release(&a);
}

/* HEAD refused, GET of an endless body: only the probe cap can end it
 * before the 10 s timeout. */
static void test_fetch__large_probe_is_capped(void)
{
    char u[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    check_one(&l, url(u, "/large?endless=1"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_CHECK(l.http_status == 200);
    T_STREQ(l.method, "GET");
    T_CHECK(l.elapsed_ms < 5000);

    check_one(&l, url(u, "/large"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_OK);
    T_STREQ(l.method, "GET");
    T_CHECK(l.elapsed_ms < 5000);
    cv_arena_release(&a);
}

static void test_fetch__download(void)
{
    char u[URL_MAX], path[512];
    struct cv_link_check info;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    char *buf = NULL, *want;
    size_t len = 0, want_len = 0;

    cv_arena_init(&a);
    snprintf(path, sizeof(path), "%s/x.bin", g_files);
    want = slurp(path, &want_len);
    T_CHECK(want != NULL && want_len > 65536);

    T_CHECK(cv_net_download(url(u, "/files/x.bin"), &o, (size_t)1 << 20,
                            &buf, &len, &info, &a) == CV_OK);
    T_CHECK(buf && want && len == want_len &&
            memcmp(buf, want, len) == 0);
    T_CHECK(info.outcome == CV_LINK_OK && info.http_status == 200);
    T_STREQ(info.method, "GET");
    T_STREQ(info.content_type, "application/octet-stream");
    free(buf);
    buf = NULL;

    /* The cap is inclusive: exactly max_bytes is fine, one more is not. */
    T_CHECK(cv_net_download(u, &o, want_len, &buf, &len, &info, &a) ==
            CV_OK);
    T_CHECK(len == want_len);
    free(buf);
    buf = NULL;
    T_CHECK(cv_net_download(u, &o, want_len - 1, &buf, &len, &info, &a) ==
            CV_ELIMIT);
    T_CHECK(buf == NULL && len == 0);

    /* Redirect bodies are not part of the download; info may be NULL. */
    T_CHECK(cv_net_download(url(u, "/redirect/2"), &o, 4096, &buf, &len,
                            NULL, NULL) == CV_OK);
    T_CHECK(buf && len > 0 && strncmp(buf, "<!doctype html>", 15) == 0 &&
            buf[len] == '\0');
    free(buf);
    buf = NULL;

    /* Over the cap: by Content-Length, chunked, and endless. */
    T_CHECK(cv_net_download(url(u, "/large"), &o, 65536, &buf, &len, &info,
                            &a) == CV_ELIMIT);
    T_CHECK(buf == NULL);
    T_CHECK(info.outcome == CV_LINK_FAILED && contains(info.error, "65536"));
    T_CHECK(cv_net_download(url(u, "/large?chunked=1"), &o, 65536, &buf,
                            &len, &info, &a) == CV_ELIMIT);
    T_CHECK(cv_net_download(url(u, "/large?endless=1"), &o, (size_t)1 << 20,
                            &buf, &len, &info, &a) == CV_ELIMIT);
    T_CHECK(info.elapsed_ms < 5000);

    T_CHECK(cv_net_download(url(u, "/missing"), &o, 4096, &buf, &len, &info,
                            &a) == CV_EIO);
    T_CHECK(info.outcome == CV_LINK_HTTP_ERROR && info.http_status == 404);
    T_CHECK(buf == NULL);

    o.allow = 0;
    T_CHECK(cv_net_download(url(u, "/doc.html"), &o, 4096, &buf, &len,
                            &info, &a) == CV_EIO);
    T_CHECK(info.outcome == CV_LINK_BLOCKED &&
            info.blocked_class == CV_ADDR_LOOPBACK);
    T_CHECK(cv_net_download("file:///etc/passwd", &o, 4096, &buf, &len,
                            &info, &a) == CV_EIO);
    T_STREQ(info.blocked_scheme, "file");
    T_CHECK(buf == NULL);
    T_CHECK(cv_net_download(u, &o, 4096, &buf, &len, &info, NULL) ==
            CV_EUSAGE);
    free(want);
    cv_arena_release(&a);
}

/* More links than connections: everything completes (no deadlock, no
 * link starved into a timeout), each with its own answer. */
static void test_fetch__parallel(void)
{
    static const char *const paths[] = { "/doc.html", "/redirect/2",
                                         "/no-head", "/missing",
                                         "/sla.pdf" };
    enum { N = 20 };
    char urls[N][URL_MAX];
    struct cv_link_check links[N];
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    size_t i, round;

    cv_arena_init(&a);
    for (round = 0; round < 2; round++) {
        /* first within tight limits, then with the defaults */
        o.max_parallel = round == 0 ? 4 : 8;
        o.max_per_host = round == 0 ? 1 : 2;
        memset(links, 0, sizeof(links));
        for (i = 0; i < N; i++) {
            url(urls[i], paths[i % 5]);
            links[i].url = urls[i];
        }
        T_CHECK(cv_net_check_links(links, N, &o, &a) == CV_OK);
        for (i = 0; i < N; i++) {
            enum cv_link_outcome want =
                i % 5 == 3 ? CV_LINK_HTTP_ERROR : CV_LINK_OK;
            if (links[i].outcome != want ||
                (i % 5 == 1 && links[i].redirects != 2)) {
                fprintf(stderr, "  %s: outcome %d error %s\n", urls[i],
                        (int)links[i].outcome,
                        links[i].error ? links[i].error : "(null)");
                t_failures++;
            }
        }
    }
    cv_arena_release(&a);
}

/* Calls from several threads at once share nothing (run under the
 * sanitizers, and under helgrind by hand). */
struct thread_job {
    char urls[6][URL_MAX];
    struct cv_link_check links[6];
    cv_status st;
    bool ok;
};

static void *thread_main(void *arg)
{
    struct thread_job *job = arg;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    size_t i;
    cv_arena_init(&a);
    url(job->urls[0], "/doc.html");
    url(job->urls[1], "/redirect/2");
    url(job->urls[2], "/no-head");
    url(job->urls[3], "/to-metadata");
    url(job->urls[4], "/missing");
    snprintf(job->urls[5], URL_MAX, "http://10.0.0.1:%s/", g_port);
    memset(job->links, 0, sizeof(job->links));
    for (i = 0; i < 6; i++)
        job->links[i].url = job->urls[i];
    o.allow = CV_ADDR_BIT(CV_ADDR_LOOPBACK);
    job->st = cv_net_check_links(job->links, 6, &o, &a);
    job->ok = job->links[0].outcome == CV_LINK_OK &&
              job->links[1].outcome == CV_LINK_OK &&
              job->links[2].outcome == CV_LINK_OK &&
              job->links[3].outcome == CV_LINK_BLOCKED &&
              job->links[4].outcome == CV_LINK_HTTP_ERROR &&
              job->links[5].outcome == CV_LINK_BLOCKED;
    cv_arena_release(&a);
    return NULL;
}

static void test_fetch__threads(void)
{
    enum { T = 4 };
    pthread_t th[T];
    static struct thread_job jobs[T];
    size_t i;
    for (i = 0; i < T; i++)
        T_CHECK(pthread_create(&th[i], NULL, thread_main, &jobs[i]) == 0);
    for (i = 0; i < T; i++) {
        T_CHECK(pthread_join(th[i], NULL) == 0);
        T_CHECK(jobs[i].st == CV_OK);
        T_CHECK(jobs[i].ok);
    }
}

/* ---- bounds: the time budget and the per-host limit (tarpits) --------- */

/* From the server's /stats (?reset=1 first when `reset`), for Host
 * 127.0.0.1:PORT: `what` "hold_max", the most /hold requests open at once
 * since the last reset, or "hold_open", those open now; -1 when /stats
 * cannot be read. */
static long hold_stat(const char *what, bool reset)
{
    char u[URL_MAX], key[URL_MAX + 8];
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    char *buf = NULL;
    size_t len = 0;
    long n = -1;
    const char *at;
    url(u, reset ? "/stats?reset=1" : "/stats");
    if (cv_net_download(u, &o, 1 << 16, &buf, &len, NULL, NULL) != CV_OK)
        return -1;
    snprintf(key, sizeof(key), "\"127.0.0.1:%s\": ", g_port);
    at = strstr(buf, what);
    at = at ? strstr(at, key) : NULL;
    n = at ? strtol(at + strlen(key), NULL, 10) : 0;
    free(buf);
    return n;
}

/* A tarpit: every link is held by the server far longer than the call's
 * deadline. The call returns at the deadline, the one fast link first in
 * line is checked, every held one is NOT_CHECKED, none FAILED. */
static void test_fetch__deadline_ends_tarpit(void)
{
    enum { N = 40 };
    char urls[N][URL_MAX];
    struct cv_link_check links[N];
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    double t0;
    size_t i, not_checked = 0;

    cv_arena_init(&a);
    memset(links, 0, sizeof(links));
    url(urls[0], "/doc.html");
    links[0].url = urls[0];
    for (i = 1; i < N; i++) {
        char path[64];
        snprintf(path, sizeof(path), "/hold?s=30&i=%zu", i);
        links[i].url = url(urls[i], path);
    }
    t0 = cv_net_now_ms();
    o.deadline_ms = t0 + 1500;
    T_CHECK(cv_net_check_links(links, N, &o, &a) == CV_OK);
    T_CHECK(cv_net_now_ms() - t0 < 4000);
    T_CHECK(links[0].outcome == CV_LINK_OK);
    for (i = 1; i < N; i++) {
        if (links[i].outcome == CV_LINK_NOT_CHECKED &&
            contains(links[i].error, "time budget exhausted"))
            not_checked++;
        else
            fprintf(stderr, "  %s: outcome %d error %s\n", urls[i],
                    (int)links[i].outcome,
                    links[i].error ? links[i].error : "(null)");
    }
    T_CHECK(not_checked == N - 1);
    /* A deadline already past: nothing is requested. */
    o.deadline_ms = cv_net_now_ms() - 1;
    check_one(&links[0], url(urls[0], "/doc.html?late=1"), &o, &a);
    T_CHECK(links[0].outcome == CV_LINK_NOT_CHECKED);
    T_CHECK(!log_has("/doc.html?late=1"));
    cv_arena_release(&a);
}

/* A link's own timeout is still its own: cut by the link's timeout (not
 * the deadline) it is FAILED, as without a deadline. */
static void test_fetch__timeout_before_deadline(void)
{
    char u[URL_MAX];
    struct cv_link_check l;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    cv_arena_init(&a);
    o.timeout_ms = 1000;
    o.deadline_ms = cv_net_now_ms() + 20000;
    check_one(&l, url(u, "/hold?s=10&t=1"), &o, &a);
    T_CHECK(l.outcome == CV_LINK_FAILED);
    cv_arena_release(&a);
}

/* Two calls at once (two --jobs workers) to one host share its limit. */
struct host_job {
    char urls[3][URL_MAX];
    struct cv_link_check links[3];
    unsigned id;
    cv_status st;
};

static void *host_job_main(void *arg)
{
    struct host_job *job = arg;
    struct cv_net_options o = options(CV_ADDR_ALLOW_PRIVATE);
    struct cv_arena a;
    size_t i;
    cv_arena_init(&a);
    o.max_per_host = 1;
    memset(job->links, 0, sizeof(job->links));
    for (i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof(path), "/hold?s=0.4&job=%u&i=%zu", job->id, i);
        job->links[i].url = url(job->urls[i], path);
    }
    job->st = cv_net_check_links(job->links, 3, &o, &a);
    cv_arena_release(&a);
    return NULL;
}

static void test_fetch__per_host_limit_shared(void)
{
    enum { T = 2 };
    pthread_t th[T];
    static struct host_job jobs[T];
    struct timespec pause = { 0, 50 * 1000 * 1000 };
    size_t i, j;
    /* The server lets the held requests of the tests before go when it
     * sees their connections closed: on a busy machine, not at once. */
    for (i = 0; i < 200 && hold_stat("\"hold_open\"", false) != 0; i++)
        nanosleep(&pause, NULL);
    T_CHECK(hold_stat("\"hold_max\"", true) == 0);
    for (i = 0; i < T; i++) {
        jobs[i].id = (unsigned)i;
        T_CHECK(pthread_create(&th[i], NULL, host_job_main, &jobs[i]) == 0);
    }
    for (i = 0; i < T; i++) {
        T_CHECK(pthread_join(th[i], NULL) == 0);
        T_CHECK(jobs[i].st == CV_OK);
        for (j = 0; j < 3; j++)
            T_CHECK(jobs[i].links[j].outcome == CV_LINK_OK);
    }
    /* max_per_host 1: one connection at a time, over both calls. */
    T_CHECK(hold_stat("\"hold_max\"", false) == 1);
}

static void test_fetch__usage(void)
{
    struct cv_link_check l;
    struct cv_arena a;
    memset(&l, 0, sizeof(l));
    cv_arena_init(&a);
    T_CHECK(cv_net_check_links(NULL, 0, NULL, NULL) == CV_OK);
    T_CHECK(cv_net_check_links(&l, 1, NULL, NULL) == CV_EUSAGE);
    T_CHECK(cv_net_check_links(NULL, 1, NULL, &a) == CV_EUSAGE);
    /* NULL options are the defaults: loopback refused. */
    l.url = "http://127.0.0.1/";
    T_CHECK(cv_net_check_links(&l, 1, NULL, &a) == CV_OK);
    T_CHECK(l.outcome == CV_LINK_BLOCKED);
    cv_arena_release(&a);
}

static void test_fetch__log_records_requests(void)
{
    char line[URL_MAX];
    snprintf(line, sizeof(line), "HEAD /doc.html 127.0.0.1:%s\n", g_port);
    T_CHECK(log_has(line));
    snprintf(line, sizeof(line), "GET /no-head 127.0.0.1:%s\n", g_port);
    T_CHECK(log_has(line));
    /* No request arrived for a refused host (the Host header ends each
     * line): the pinned names point here, so a hole in the guard would
     * show up as one of these lines. */
    snprintf(line, sizeof(line), " intranet.example:%s\n", g_port);
    T_CHECK(!log_has(line));
    snprintf(line, sizeof(line), " evil.example:%s\n", g_port);
    T_CHECK(!log_has(line));
    T_CHECK(!log_has(" localhost:"));
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        /* first: nothing of these may reach the server */
        { "blocked_by_default", test_fetch__blocked_by_default },
        { "blocked_schemes_and_invalid",
          test_fetch__blocked_schemes_and_invalid },
        { "usage", test_fetch__usage },
        { "no_request_reached_server", test_fetch__no_request_reached_server },
        { "head_ok", test_fetch__head_ok },
        { "get_fallback_and_errors", test_fetch__get_fallback_and_errors },
        { "redirects", test_fetch__redirects },
        { "redirect_to_private", test_fetch__redirect_to_private },
        { "redirect_to_pinned_name", test_fetch__redirect_to_pinned_name },
        { "timeout", test_fetch__timeout },
        { "large_probe_is_capped", test_fetch__large_probe_is_capped },
        { "download", test_fetch__download },
        { "parallel", test_fetch__parallel },
        { "threads", test_fetch__threads },
        { "deadline_ends_tarpit", test_fetch__deadline_ends_tarpit },
        { "timeout_before_deadline", test_fetch__timeout_before_deadline },
        { "per_host_limit_shared", test_fetch__per_host_limit_shared },
        { "log_records_requests", test_fetch__log_records_requests },
    };
    int rc;
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT LOGFILE FILESDIR\n", argv[0]);
        return 2;
    }
    g_port = argv[1];
    g_log = argv[2];
    g_files = argv[3];
    if (cv_net_global_init() != CV_OK) {
        fprintf(stderr, "cv_net_global_init failed\n");
        return 1;
    }
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_net_global_cleanup();
    return rc;
}
