/* SPDX-License-Identifier: MIT */
/*
 * fetch.c: link checks and downloads over libcurl, under the SSRF guard
 * (see net.h). The only file that includes curl/curl.h.
 *
 * How the guard works, and why this way.
 *
 *  - The authoritative check is CURLOPT_OPENSOCKETFUNCTION: libcurl calls
 *    it with the address it is about to connect to, for every connection it
 *    opens (every redirect hop, every address a name resolves to, both
 *    families of happy eyeballs, a UDP socket should HTTP/3 ever be built
 *    in), and we refuse to create the socket unless the address's class is
 *    allowed. Checking a name by resolving it ourselves first and then
 *    letting libcurl resolve it again would be a time-of-check/time-of-use
 *    hole: a hostile DNS server answers 203.0.113.7 to our check and
 *    127.0.0.1 to libcurl's lookup a millisecond later (DNS rebinding).
 *    Checking the connect address closes that: whatever the resolver says,
 *    what we judge is what we connect to.
 *  - Before any request, each URL (the first one and every Location) is
 *    parsed with libcurl's own URL parser (CURLU, so the two cannot
 *    disagree about the host) and refused when its scheme is not http or
 *    https, or when its host is an address literal of a refused class.
 *    This is not needed for safety (the socket check would refuse the
 *    connection) but it answers without touching the network and names the
 *    scheme or address in the report. The URL handed to libcurl is the one
 *    CURLU normalised, not the raw text.
 *  - Redirects are followed here, hop by hop, not by CURLOPT_FOLLOWLOCATION:
 *    each Location gets the checks above, a redirect to file:// or gopher://
 *    is reported as BLOCKED with its scheme (libcurl would only say
 *    "unsupported protocol"), and the budget (CV_NET_MAX_REDIRECTS, one
 *    deadline for the whole check) is ours. CURLOPT_PROTOCOLS_STR and
 *    CURLOPT_REDIR_PROTOCOLS_STR stay set to "http,https" as a second wall.
 *  - Proxies are ignored (CURLOPT_PROXY "" and CURLOPT_NOPROXY "*", so
 *    http_proxy and friends in the environment do nothing): through a proxy
 *    the only address libcurl connects to is the proxy's, so the socket
 *    check would judge the proxy, not the destination, and the proxy would
 *    happily reach the internal service for us. The library also never
 *    reads the environment (src/README.md).
 *  - Connections are never reused (CURLOPT_FORBID_REUSE): each hop opens
 *    its own, checked by the guard, and closes it when it ends. That is
 *    also what makes the per-host limit below count real connections.
 *
 * Bounds, so that one bid cannot hold the run (a tarpit of slow URLs):
 *  - Connections per host are limited process-wide, not per call: a table
 *    of host -> hops in flight behind a mutex is consulted before a hop
 *    starts, so `--jobs N` workers checking links of the same host
 *    together stay within max_per_host. A hop whose host is full waits
 *    (here, not inside libcurl, so waiting does not eat into its
 *    timeout) while the other links of the call go on. The key is the
 *    URL's host name as written (case-insensitive): two names of one
 *    server are two hosts.
 *  - opts->deadline_ms ends the whole call: whatever is not finished then
 *    (not started, waiting, or in flight) is CV_LINK_NOT_CHECKED, "time
 *    budget exhausted" -- not a failure of the link, which was simply
 *    not (fully) requested.
 *  - No cookies, no .netrc, no authentication, no content decoding (no
 *    decompression bombs), TLS verification on, Alt-Svc and HSTS caches
 *    off (libcurl's defaults: they are enabled only by options we do not
 *    set), bodies capped, connect and total timeouts.
 *
 * Limitations, honestly:
 *  - The guard judges IP addresses. A public address that our own network
 *    routes to something internal (a load balancer's public IP, hairpin
 *    NAT) looks public. Egress firewalling of the host running cloudvet is
 *    the real boundary; this guard keeps hostile submissions from using
 *    cloudvet as a pivot when that boundary is missing or too wide.
 *  - Names are still resolved: a hostile name makes our resolver ask the
 *    attacker's DNS server, which learns that (and when) we checked it.
 *  - When a name resolves to several addresses, refused ones are skipped
 *    and an allowed one may still be used (the link is then judged on the
 *    allowed address); it is BLOCKED only when no connection could be made
 *    and at least one address was refused.
 *  - The first refused address of a hop is the one reported.
 */
#include "net.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define DEFAULT_USER_AGENT "cloudvet/" CV_VERSION_STRING
/* Longer schemes exist only in theory; a longer run of scheme characters
 * before ':' is treated as not a URL. */
#define SCHEME_MAX 32

#define BUDGET_EXHAUSTED "time budget exhausted"
/* How often a hop waiting for a host that another call holds looks again
 * (ms): nothing wakes this call's poll when another thread frees it. */
#define HOST_WAIT_MS 20

enum xfer_mode { MODE_PROBE, MODE_DOWNLOAD };

/* NEW: nothing done yet; READY: the next hop (x->url, x->host, x->get) is
 * known and waits for a connection to its host; FLIGHT: in the multi
 * handle; DONE: the link is finished (outcome set). */
enum xfer_state { XS_NEW, XS_READY, XS_FLIGHT, XS_DONE };

/* One link being checked (or the one download): owns its easy handle. */
struct xfer {
    struct cv_link_check *link;
    struct cv_arena *arena;
    const struct cv_net_options *opts; /* the run's, already defaulted */
    enum xfer_mode mode;
    enum xfer_state state;
    CURL *easy;
    char *url;        /* this hop's URL as CURLU normalised it (curl_free) */
    char *host;       /* this hop's host, the per-host key (curl_free) */
    bool has_slot;    /* holds one of its host's connections */
    bool budget_cut;  /* this hop's timeout is the call's deadline */
    bool get;         /* this hop's method: GET, else HEAD */
    unsigned hops;    /* redirects followed */
    long last_status; /* of the last response received */
    double t0_ms, deadline_ms;
    /* body of this hop */
    size_t body_len;
    bool probe_full;  /* stopped on purpose after enough body */
    char *buf;        /* download: the body, NUL-terminated */
    size_t buf_cap;
    size_t max_bytes; /* download cap */
    bool over_limit;
    bool oom;         /* the body buffer could not grow */
    /* guard, this hop */
    bool blocked;
    enum cv_addr_class blocked_class;
    char blocked_addr[INET6_ADDRSTRLEN + 1];
    char errbuf[CURL_ERROR_SIZE];
};

struct run {
    const struct cv_net_options *opts;
    CURLM *multi;
    struct curl_slist *resolve;
    cv_status status; /* sticky: the first out-of-memory */
    size_t left;      /* links not DONE */
    unsigned in_flight;
    bool host_waits;  /* a READY hop found its host full this round */
};

/* ---- connections per host, process-wide -------------------------------- */

struct host_count {
    char *host; /* malloc'd */
    unsigned active;
};

static pthread_mutex_t g_hosts_mu = PTHREAD_MUTEX_INITIALIZER;
static struct host_count *g_hosts; /* only hosts with active > 0 */
static size_t g_nhosts, g_hosts_cap;

static struct host_count *host_find(const char *host)
{
    size_t i;
    for (i = 0; i < g_nhosts; i++)
        if (strcasecmp(g_hosts[i].host, host) == 0)
            return &g_hosts[i];
    return NULL;
}

static struct host_count *host_add(const char *host)
{
    char *copy;
    if (g_nhosts == g_hosts_cap) {
        size_t cap = g_hosts_cap ? g_hosts_cap * 2 : 16;
        struct host_count *nh;
        if (cap > SIZE_MAX / sizeof(*nh))
            return NULL;
        nh = realloc(g_hosts, cap * sizeof(*nh));
        if (!nh)
            return NULL;
        g_hosts = nh;
        g_hosts_cap = cap;
    }
    copy = strdup(host);
    if (!copy)
        return NULL;
    g_hosts[g_nhosts].host = copy;
    g_hosts[g_nhosts].active = 0;
    return &g_hosts[g_nhosts++];
}

/* One connection to `host` if fewer than `max` are in use in the whole
 * process: 1 taken, 0 the host is full, -1 out of memory. */
static int host_take(const char *host, unsigned max)
{
    struct host_count *h;
    int got = 0;
    pthread_mutex_lock(&g_hosts_mu);
    h = host_find(host);
    if (!h)
        h = host_add(host);
    if (!h)
        got = -1;
    else if (h->active < max) {
        h->active++;
        got = 1;
    }
    pthread_mutex_unlock(&g_hosts_mu);
    return got;
}

static void host_give(const char *host)
{
    struct host_count *h;
    pthread_mutex_lock(&g_hosts_mu);
    h = host_find(host);
    if (h && h->active > 0 && --h->active == 0) {
        /* The table holds only hosts in use: it stays as small as the
         * transfers in flight. */
        free(h->host);
        *h = g_hosts[--g_nhosts];
    }
    pthread_mutex_unlock(&g_hosts_mu);
}

static void drop_slot(struct xfer *x)
{
    if (x->has_slot)
        host_give(x->host);
    x->has_slot = false;
}

/* ---- small helpers ---------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void utc_stamp(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        out[0] = '\0';
}

static bool class_allowed(unsigned allow, enum cv_addr_class c)
{
    return c == CV_ADDR_PUBLIC || (allow & CV_ADDR_BIT(c)) != 0;
}

/* Copies `s` into the link's arena (NULL stays NULL). */
static void keep(struct run *r, struct xfer *x, const char **dst,
                 const char *s)
{
    *dst = NULL;
    if (!s)
        return;
    *dst = cv_arena_strdup(x->arena, s);
    if (!*dst)
        r->status = CV_ENOMEM;
}

static void reset_link(struct cv_link_check *l)
{
    l->outcome = CV_LINK_FAILED;
    l->final_url = NULL;
    l->http_status = 0;
    l->content_type = NULL;
    l->method = NULL;
    l->redirects = 0;
    l->elapsed_ms = 0;
    l->checked_at[0] = '\0';
    l->blocked_url = NULL;
    l->blocked_addr = NULL;
    l->blocked_class = CV_ADDR_PUBLIC;
    l->blocked_scheme = NULL;
    l->error = NULL;
}

static void finish(struct run *r, struct xfer *x, enum cv_link_outcome oc,
                   const char *error)
{
    struct cv_link_check *l = x->link;
    l->outcome = oc;
    l->redirects = x->hops;
    l->http_status = x->last_status;
    l->elapsed_ms = now_ms() - x->t0_ms;
    utc_stamp(l->checked_at);
    keep(r, x, &l->error, error);
}

/* The URL libcurl last used for this handle (it is x->url, as libcurl
 * normalised it once more). */
static void keep_final_url(struct run *r, struct xfer *x)
{
    char *eff = NULL;
    if (x->easy)
        curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
    keep(r, x, &x->link->final_url, eff ? eff : x->url);
}

static void keep_content_type(struct run *r, struct xfer *x)
{
    char *ct = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
    keep(r, x, &x->link->content_type, ct);
}

/* ---- URL checks before any request ------------------------------------ */

enum verdict { V_OK, V_INVALID, V_SCHEME, V_ADDR, V_NOMEM };

struct target {
    enum verdict v;
    char scheme[SCHEME_MAX + 1];      /* lower case */
    char addr[INET6_ADDRSTRLEN + 1];  /* V_ADDR */
    enum cv_addr_class cls;           /* V_ADDR */
    char *url;                        /* V_OK: normalised (curl_free) */
    char *host;                       /* V_OK: its host (curl_free) */
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":". Read
 * here rather than from CURLU because CURLU refuses schemes libcurl was
 * not built with before saying which one it was. */
static bool scan_scheme(const char *url, char out[SCHEME_MAX + 1])
{
    size_t i;
    if (!is_alpha(url[0]))
        return false;
    for (i = 0; url[i] != ':'; i++) {
        char c = url[i];
        if (i >= SCHEME_MAX ||
            !(is_alpha(c) || (c >= '0' && c <= '9') || c == '+' ||
              c == '-' || c == '.'))
            return false;
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[i] = '\0';
    return true;
}

static void check_target(const char *url, unsigned allow, struct target *t)
{
    CURLU *u = NULL;
    CURLUcode uc;
    char *scheme = NULL, *host = NULL, *zone = NULL;
    struct sockaddr_storage ss;
    size_t sslen;

    memset(t, 0, sizeof(*t));
    t->v = V_INVALID;
    if (!url || !scan_scheme(url, t->scheme))
        goto out;
    if (strcmp(t->scheme, "http") != 0 && strcmp(t->scheme, "https") != 0) {
        t->v = V_SCHEME;
        goto out;
    }
    u = curl_url();
    if (!u) {
        t->v = V_NOMEM;
        goto out;
    }
    uc = curl_url_set(u, CURLUPART_URL, url, 0);
    if (uc == CURLUE_OK)
        uc = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    if (uc == CURLUE_OK)
        uc = curl_url_get(u, CURLUPART_HOST, &host, 0);
    if (uc == CURLUE_OUT_OF_MEMORY)
        t->v = V_NOMEM;
    /* The scheme check above and libcurl must agree on what this is. */
    if (uc != CURLUE_OK || strcmp(scheme, t->scheme) != 0)
        goto out;
    if (cv_addr_parse_literal(host, &ss, &sslen)) {
        enum cv_addr_class c =
            cv_addr_classify((const struct sockaddr *)&ss, sslen);
        /* CURLU keeps the zone id apart from the host ("[fe80::1%25eth0]"
         * gives host "[fe80::1]"): any zone makes the address link-scoped,
         * as cv_addr_classify_literal would say. */
        if (c == CV_ADDR_PUBLIC &&
            curl_url_get(u, CURLUPART_ZONEID, &zone, 0) == CURLUE_OK)
            c = CV_ADDR_LINK_LOCAL;
        if (!class_allowed(allow, c)) {
            t->v = V_ADDR;
            t->cls = c;
            cv_addr_format((const struct sockaddr *)&ss, sslen, t->addr,
                           sizeof(t->addr));
            goto out;
        }
    }
    uc = curl_url_get(u, CURLUPART_URL, &t->url, 0);
    if (uc == CURLUE_OK) {
        t->v = V_OK;
        t->host = host;
        host = NULL;
    } else if (uc == CURLUE_OUT_OF_MEMORY) {
        t->v = V_NOMEM;
    }
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(zone);
    curl_url_cleanup(u);
}

/* Reports a target that failed its checks; the link is finished. */
static void refuse(struct run *r, struct xfer *x, const struct target *t,
                   const char *url, bool redirect)
{
    struct cv_link_check *l = x->link;
    switch (t->v) {
    case V_SCHEME:
        keep(r, x, &l->blocked_url, url);
        keep(r, x, &l->blocked_scheme, t->scheme);
        finish(r, x, CV_LINK_BLOCKED, NULL);
        return;
    case V_ADDR:
        keep(r, x, &l->blocked_url, url);
        keep(r, x, &l->blocked_addr, t->addr);
        l->blocked_class = t->cls;
        finish(r, x, CV_LINK_BLOCKED, NULL);
        return;
    case V_NOMEM:
        r->status = CV_ENOMEM;
        finish(r, x, CV_LINK_FAILED, "out of memory");
        return;
    case V_INVALID:
    case V_OK:
        break;
    }
    /* A bad Location is the server's fault, not the submission's. */
    if (redirect)
        finish(r, x, CV_LINK_FAILED, "redirect to an invalid URL");
    else
        finish(r, x, CV_LINK_INVALID, "not an http or https URL");
}

/* ---- libcurl callbacks ------------------------------------------------- */

/* The guard proper: see the top of the file. */
static curl_socket_t on_open_socket(void *clientp, curlsocktype purpose,
                                    struct curl_sockaddr *a)
{
    struct xfer *x = clientp;
    enum cv_addr_class c = cv_addr_classify(&a->addr, a->addrlen);
    int type = a->socktype;

    (void)purpose;
    if (!class_allowed(x->opts->allow, c)) {
        if (!x->blocked) {
            x->blocked = true;
            x->blocked_class = c;
            cv_addr_format(&a->addr, a->addrlen, x->blocked_addr,
                           sizeof(x->blocked_addr));
        }
        return CURL_SOCKET_BAD;
    }
    /* libcurl sets close-on-exec only on sockets it opens itself. */
#ifdef SOCK_CLOEXEC
    type |= SOCK_CLOEXEC;
#endif
    return socket(a->family, type, a->protocol);
}

/* Returning less than `n` stops the transfer (CURLE_WRITE_ERROR): on
 * purpose once a probe has seen enough body, or a download went over its
 * cap; the flags tell which. */
static size_t on_body(char *p, size_t size, size_t nmemb, void *userdata)
{
    struct xfer *x = userdata;
    size_t n = size * nmemb; /* size is 1 (CURLOPT_WRITEFUNCTION) */
    long code = 0;

    if (x->mode == MODE_DOWNLOAD) {
        curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
    }
    /* A probe, or the body of a redirect or error page while downloading:
     * read a little (it proves the server answers), keep nothing. */
    if (x->mode == MODE_PROBE || code < 200 || code > 299) {
        x->body_len += n;
        if (x->body_len >= x->opts->max_probe_bytes) {
            x->probe_full = true;
            return 0;
        }
        return n;
    }
    if (n > x->max_bytes - x->body_len) {
        x->over_limit = true;
        return 0;
    }
    if (x->body_len + n + 1 > x->buf_cap) {
        size_t cap = x->buf_cap ? x->buf_cap : 16384;
        char *nb;
        while (cap < x->body_len + n + 1)
            cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
        /* Never more than the cap (+ NUL) however the doubling falls. */
        if (cap > x->max_bytes + 1)
            cap = x->max_bytes + 1;
        nb = realloc(x->buf, cap);
        if (!nb) {
            x->oom = true;
            return 0;
        }
        x->buf = nb;
        x->buf_cap = cap;
    }
    memcpy(x->buf + x->body_len, p, n);
    x->body_len += n;
    x->buf[x->body_len] = '\0';
    return n;
}

/* ---- transfers ---------------------------------------------------------- */

/* Options for the life of the handle. Every one is checked: a libcurl that
 * refuses one of them (too old, or built without it) must not run the
 * transfer without the guard it stands for. */
static CURLcode setup_easy(struct run *r, struct xfer *x)
{
    const struct cv_net_options *o = r->opts;
    CURL *e = x->easy;
    CURLcode c;

    c = curl_easy_setopt(e, CURLOPT_PRIVATE, (void *)x);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    /* Each hop's connection is closed when the hop ends: see the top. */
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, (void *)x);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_PROXY, "");
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_USERAGENT,
                             o->user_agent ? o->user_agent
                                           : DEFAULT_USER_AGENT);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    if (c == CURLE_OK)
        c = curl_easy_setopt(e, CURLOPT_WRITEDATA, (void *)x);
    if (c == CURLE_OK && r->resolve)
        c = curl_easy_setopt(e, CURLOPT_RESOLVE, r->resolve);
    if (c == CURLE_OK && o->ca_file)
        c = curl_easy_setopt(e, CURLOPT_CAINFO, o->ca_file);
    /* Refuses a download whose Content-Length is over the cap before any
     * body byte; on_body catches bodies without one. */
    if (c == CURLE_OK && x->mode == MODE_DOWNLOAD &&
        x->max_bytes <= (size_t)INT64_MAX)
        c = curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                             (curl_off_t)x->max_bytes);
    return c;
}

static bool has_deadline(const struct cv_net_options *o)
{
    return o->deadline_ms > 0;
}

static bool past_deadline(const struct cv_net_options *o)
{
    return has_deadline(o) && now_ms() >= o->deadline_ms;
}

/* Starts the current hop (x->url, x->get) within what is left of the
 * link's timeout and of the call's deadline. Returns true when the
 * transfer is in flight; otherwise the link is finished. */
static bool arm(struct run *r, struct xfer *x)
{
    double end = x->deadline_ms, left;
    long total, conn;
    CURLcode c;

    x->budget_cut = has_deadline(r->opts) && r->opts->deadline_ms < end;
    if (x->budget_cut)
        end = r->opts->deadline_ms;
    left = end - now_ms();
    if (left < 1) {
        char msg[96];
        snprintf(msg, sizeof(msg), "timed out after %ld ms",
                 r->opts->timeout_ms);
        keep_final_url(r, x);
        if (x->budget_cut)
            finish(r, x, CV_LINK_NOT_CHECKED, BUDGET_EXHAUSTED);
        else
            finish(r, x, CV_LINK_FAILED, msg);
        return false;
    }
    total = (long)left;
    conn = r->opts->connect_timeout_ms < total ? r->opts->connect_timeout_ms
                                               : total;
    x->blocked = false;
    x->blocked_addr[0] = '\0';
    x->errbuf[0] = '\0';
    x->body_len = 0;
    x->probe_full = false;
    x->over_limit = false;
    x->oom = false;
    c = curl_easy_setopt(x->easy, CURLOPT_URL, x->url);
    if (c == CURLE_OK && x->get)
        c = curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L);
    else if (c == CURLE_OK)
        c = curl_easy_setopt(x->easy, CURLOPT_NOBODY, 1L);
    if (c == CURLE_OK)
        c = curl_easy_setopt(x->easy, CURLOPT_TIMEOUT_MS, total);
    if (c == CURLE_OK)
        c = curl_easy_setopt(x->easy, CURLOPT_CONNECTTIMEOUT_MS, conn);
    if (c != CURLE_OK) {
        finish(r, x, CV_LINK_FAILED, curl_easy_strerror(c));
        return false;
    }
    if (curl_multi_add_handle(r->multi, x->easy) != CURLM_OK) {
        r->status = CV_ENOMEM;
        finish(r, x, CV_LINK_FAILED, "out of memory");
        return false;
    }
    return true;
}

/* The link is finished: its handle and strings go, its connection slot
 * too. */
static void retire(struct run *r, struct xfer *x)
{
    drop_slot(x);
    curl_easy_cleanup(x->easy);
    x->easy = NULL;
    curl_free(x->url);
    x->url = NULL;
    curl_free(x->host);
    x->host = NULL;
    if (x->state != XS_DONE)
        r->left--;
    x->state = XS_DONE;
}

/* The first URL's checks, before any request: READY, or finished. */
static void prepare(struct run *r, struct xfer *x)
{
    struct target t;

    x->t0_ms = now_ms();
    check_target(x->link->url, r->opts->allow, &t);
    if (t.v != V_OK) {
        refuse(r, x, &t, x->link->url, false);
        retire(r, x);
        return;
    }
    x->url = t.url;
    x->host = t.host;
    x->get = x->mode == MODE_DOWNLOAD;
    x->state = XS_READY;
}

/* The easy handle of a link's first hop; its timeout starts now, not
 * while it waited for its host. */
static bool open_link(struct run *r, struct xfer *x)
{
    CURLcode c;

    x->t0_ms = now_ms();
    x->deadline_ms = x->t0_ms + (double)r->opts->timeout_ms;
    x->easy = curl_easy_init();
    if (!x->easy) {
        r->status = CV_ENOMEM;
        finish(r, x, CV_LINK_FAILED, "out of memory");
        return false;
    }
    c = setup_easy(r, x);
    if (c != CURLE_OK) {
        finish(r, x, CV_LINK_FAILED, curl_easy_strerror(c));
        return false;
    }
    return true;
}

/* Starts a READY hop if its host has a connection free; else it stays
 * READY (r->host_waits). */
static void launch(struct run *r, struct xfer *x)
{
    int got = host_take(x->host, r->opts->max_per_host);

    if (got < 0) {
        r->status = CV_ENOMEM;
        finish(r, x, CV_LINK_FAILED, "out of memory");
        retire(r, x);
        return;
    }
    if (got == 0) {
        r->host_waits = true;
        return;
    }
    x->has_slot = true;
    if ((x->easy || open_link(r, x)) && arm(r, x)) {
        x->state = XS_FLIGHT;
        r->in_flight++;
        return;
    }
    retire(r, x);
}

static bool is_redirect(long code)
{
    return code == 301 || code == 302 || code == 303 || code == 307 ||
           code == 308;
}

/* A hop answered with a redirect to `loc`. Returns true when the next hop
 * is READY. */
static bool follow(struct run *r, struct xfer *x, const char *loc)
{
    struct target t;

    if (x->hops >= CV_NET_MAX_REDIRECTS) {
        char msg[64];
        snprintf(msg, sizeof(msg), "too many redirects (more than %d)",
                 CV_NET_MAX_REDIRECTS);
        keep_final_url(r, x);
        finish(r, x, CV_LINK_FAILED, msg);
        return false;
    }
    check_target(loc, r->opts->allow, &t);
    if (t.v != V_OK) {
        keep_final_url(r, x);
        refuse(r, x, &t, loc, true);
        return false;
    }
    curl_free(x->url);
    curl_free(x->host);
    x->url = t.url;
    x->host = t.host;
    x->hops++;
    return true;
}

/* The same URL again with GET (HEAD was refused). */
static bool retry_with_get(struct xfer *x)
{
    x->get = true;
    return true;
}

/* A hop is over (the handle is out of the multi, its connection closed).
 * Returns true when the next hop is READY, false when the link is
 * finished. */
static bool on_done(struct run *r, struct xfer *x, CURLcode res)
{
    struct cv_link_check *l = x->link;
    long code = 0;
    char *loc = NULL;
    char msg[CURL_ERROR_SIZE + 32];

    drop_slot(x);
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
    if (code)
        x->last_status = code;
    l->method = x->get ? "GET" : "HEAD";
    if (res == CURLE_WRITE_ERROR && x->probe_full)
        res = CURLE_OK;
    /* CURLOPT_MAXFILESIZE judges every response's Content-Length; only a
     * 2xx body is the download, a large error page or redirect body is
     * judged by its status like any other. */
    if (res == CURLE_FILESIZE_EXCEEDED && (code < 200 || code > 299))
        res = CURLE_OK;
    if (res != CURLE_OK) {
        /* Some servers drop the connection on HEAD instead of saying 405. */
        if (x->mode == MODE_PROBE && !x->get && !x->blocked &&
            res == CURLE_GOT_NOTHING)
            return retry_with_get(x);
        keep_final_url(r, x);
        /* Cut short by the call's deadline, not by the link's timeout. */
        if (res == CURLE_OPERATION_TIMEDOUT && x->budget_cut) {
            finish(r, x, CV_LINK_NOT_CHECKED, BUDGET_EXHAUSTED);
            return false;
        }
        if (x->blocked) {
            keep(r, x, &l->blocked_url, l->final_url);
            keep(r, x, &l->blocked_addr, x->blocked_addr);
            l->blocked_class = x->blocked_class;
            finish(r, x, CV_LINK_BLOCKED, NULL);
            return false;
        }
        if (x->mode == MODE_DOWNLOAD &&
            (x->over_limit || res == CURLE_FILESIZE_EXCEEDED)) {
            x->over_limit = true;
            snprintf(msg, sizeof(msg), "body larger than %zu bytes",
                     x->max_bytes);
            finish(r, x, CV_LINK_FAILED, msg);
            return false;
        }
        if (x->oom) {
            r->status = CV_ENOMEM;
            finish(r, x, CV_LINK_FAILED, "out of memory");
            return false;
        }
        snprintf(msg, sizeof(msg), "%s",
                 x->errbuf[0] ? x->errbuf : curl_easy_strerror(res));
        finish(r, x, CV_LINK_FAILED, msg);
        return false;
    }
    if (is_redirect(code)) {
        /* libcurl resolves the Location against this hop's URL even when it
         * does not follow it. */
        curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &loc);
        if (loc)
            return follow(r, x, loc);
    }
    if (code >= 200 && code <= 299) {
        keep_final_url(r, x);
        keep_content_type(r, x);
        finish(r, x, CV_LINK_OK, NULL);
        return false;
    }
    /* HEAD is optional for servers (and some get it wrong): a refusal of
     * HEAD says nothing about GET. */
    if (x->mode == MODE_PROBE && !x->get && code >= 400)
        return retry_with_get(x);
    keep_final_url(r, x);
    if (code == 0) {
        finish(r, x, CV_LINK_FAILED, "no HTTP response");
        return false;
    }
    keep_content_type(r, x);
    snprintf(msg, sizeof(msg), "HTTP %ld", code);
    finish(r, x, CV_LINK_HTTP_ERROR, msg);
    return false;
}

/* Starts what can start: READY hops in link order while fewer than
 * max_parallel are in flight, each only if its host has a connection free
 * (process-wide). NEW links are prepared as the scan reaches them. */
static void schedule(struct run *r, struct xfer *xs, size_t n, size_t *lo)
{
    const char *full = NULL; /* a host found full in this scan */
    size_t i;

    r->host_waits = false;
    while (*lo < n && xs[*lo].state == XS_DONE)
        (*lo)++;
    for (i = *lo; i < n && r->in_flight < r->opts->max_parallel; i++) {
        struct xfer *x = &xs[i];
        if (x->state == XS_NEW)
            prepare(r, x);
        if (x->state != XS_READY)
            continue;
        /* Links of one host are usually together: no lock for each. */
        if (full && strcasecmp(full, x->host) == 0) {
            r->host_waits = true;
            continue;
        }
        launch(r, x);
        if (x->state == XS_READY)
            full = x->host;
    }
}

/* Hops that ended: the next hop READY, or the link finished. Returns the
 * number of hops that ended. */
static unsigned collect(struct run *r)
{
    unsigned ended = 0;
    for (;;) {
        int left = 0;
        CURLMsg *m = curl_multi_info_read(r->multi, &left);
        char *priv = NULL;
        struct xfer *x;
        CURLcode res;
        if (!m)
            break;
        if (m->msg != CURLMSG_DONE)
            continue;
        res = m->data.result;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
        x = (struct xfer *)(void *)priv;
        curl_multi_remove_handle(r->multi, x->easy);
        r->in_flight--;
        ended++;
        if (on_done(r, x, res))
            x->state = XS_READY;
        else
            retire(r, x);
    }
    return ended;
}

/* How long to wait for sockets: briefly when a hop waits for a host that
 * another call holds; never past the deadline. */
static int poll_ms(const struct run *r)
{
    int wait = r->host_waits ? HOST_WAIT_MS : 1000;
    if (has_deadline(r->opts)) {
        double rem = r->opts->deadline_ms - now_ms();
        if (rem < (double)wait)
            wait = rem < 1 ? 1 : (int)rem + 1;
    }
    return wait;
}

/* Every link not finished when the run stops: at the deadline it was not
 * (fully) checked; after a libcurl failure nothing more can be. */
static void finish_rest(struct run *r, struct xfer *xs, size_t n,
                        CURLMcode mc, bool deadline)
{
    size_t i;
    for (i = 0; i < n; i++) {
        struct xfer *x = &xs[i];
        if (x->state == XS_DONE)
            continue;
        if (x->state == XS_FLIGHT && r->multi)
            curl_multi_remove_handle(r->multi, x->easy);
        if (x->state == XS_NEW)
            x->t0_ms = now_ms();
        if (deadline)
            finish(r, x, CV_LINK_NOT_CHECKED, BUDGET_EXHAUSTED);
        else
            finish(r, x, CV_LINK_FAILED,
                   mc != CURLM_OK ? curl_multi_strerror(mc)
                                  : "out of memory");
        retire(r, x);
    }
}

static cv_status run_init(struct run *r, const struct cv_net_options *opts,
                          size_t n)
{
    const char *const *p;
    memset(r, 0, sizeof(*r));
    r->opts = opts;
    r->status = CV_OK;
    r->left = n;
    for (p = opts->resolve; p && *p; p++) {
        struct curl_slist *tmp = curl_slist_append(r->resolve, *p);
        if (!tmp)
            return CV_ENOMEM;
        r->resolve = tmp;
    }
    r->multi = curl_multi_init();
    return r->multi ? CV_OK : CV_ENOMEM;
}

/* Runs every transfer to its end or to the deadline, at most
 * opts->max_parallel at once and within the per-host limit (the rest wait
 * here, not as handles inside libcurl, so a long list costs no memory and
 * waiting does not eat into a link's timeout). */
static cv_status run_all(struct xfer *xs, size_t n,
                         const struct cv_net_options *opts)
{
    struct run r;
    size_t lo = 0;
    bool deadline = false;
    CURLMcode mc = CURLM_OK;

    r.status = run_init(&r, opts, n);
    if (r.status != CV_OK)
        goto out;
    /* libcurl's own per-host queue stays as a second wall; ours is
     * stricter (process-wide), so it never holds a transfer back. */
    mc = curl_multi_setopt(r.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                           (long)opts->max_parallel);
    if (mc == CURLM_OK)
        mc = curl_multi_setopt(r.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                               (long)opts->max_per_host);
    while (mc == CURLM_OK && r.left > 0) {
        int running = 0;
        if (past_deadline(opts)) {
            deadline = true;
            break;
        }
        schedule(&r, xs, n, &lo);
        if (r.left == 0)
            break;
        mc = curl_multi_perform(r.multi, &running);
        if (mc != CURLM_OK)
            break;
        /* A hop that ended frees its host: look again at once. */
        if (collect(&r) > 0)
            continue;
        if (r.in_flight > 0 || r.host_waits)
            mc = curl_multi_poll(r.multi, NULL, 0, poll_ms(&r), NULL);
    }
out:
    if (mc != CURLM_OK && r.status == CV_OK)
        r.status = mc == CURLM_OUT_OF_MEMORY ? CV_ENOMEM : CV_ERROR;
    finish_rest(&r, xs, n, mc, deadline && r.status == CV_OK);
    curl_multi_cleanup(r.multi);
    curl_slist_free_all(r.resolve);
    return r.status;
}

/* opts with every zero or negative bound replaced by its default: a zero
 * timeout means "none" to libcurl, never what a caller wants here. */
static void defaults(struct cv_net_options *o,
                     const struct cv_net_options *given)
{
    static const struct cv_net_options def = CV_NET_OPTIONS_DEFAULT;
    *o = given ? *given : def;
    if (o->connect_timeout_ms <= 0)
        o->connect_timeout_ms = def.connect_timeout_ms;
    if (o->timeout_ms <= 0)
        o->timeout_ms = def.timeout_ms;
    if (o->max_parallel == 0)
        o->max_parallel = def.max_parallel;
    if (o->max_per_host == 0)
        o->max_per_host = def.max_per_host;
    if (o->max_probe_bytes == 0)
        o->max_probe_bytes = def.max_probe_bytes;
}

/* ---- API ---------------------------------------------------------------- */

cv_status cv_net_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? CV_OK
                                                             : CV_ERROR;
}

void cv_net_global_cleanup(void)
{
    /* Every call has returned: no host is in use, only the array is
     * left. */
    pthread_mutex_lock(&g_hosts_mu);
    while (g_nhosts > 0)
        free(g_hosts[--g_nhosts].host);
    free(g_hosts);
    g_hosts = NULL;
    g_hosts_cap = 0;
    pthread_mutex_unlock(&g_hosts_mu);
    curl_global_cleanup();
}

double cv_net_now_ms(void)
{
    return now_ms();
}

cv_status cv_net_check_links(struct cv_link_check *links, size_t n,
                             const struct cv_net_options *opts,
                             struct cv_arena *arena)
{
    struct cv_net_options o;
    struct xfer *xs;
    cv_status st;
    size_t i;

    if (n == 0)
        return CV_OK;
    if (!links || !arena)
        return CV_EUSAGE;
    defaults(&o, opts);
    xs = calloc(n, sizeof(*xs));
    if (!xs)
        return CV_ENOMEM;
    for (i = 0; i < n; i++) {
        reset_link(&links[i]);
        xs[i].link = &links[i];
        xs[i].arena = arena;
        xs[i].opts = &o;
        xs[i].mode = MODE_PROBE;
    }
    st = run_all(xs, n, &o);
    free(xs);
    return st;
}

cv_status cv_net_download(const char *url, const struct cv_net_options *opts,
                          size_t max_bytes, char **buf, size_t *len,
                          struct cv_link_check *info, struct cv_arena *arena)
{
    struct cv_net_options o;
    struct cv_link_check own;
    struct cv_arena tmp;
    struct xfer x;
    cv_status st;

    if (!buf || !len)
        return CV_EUSAGE;
    *buf = NULL;
    *len = 0;
    if (!url || (info && !arena))
        return CV_EUSAGE;
    cv_arena_init(&tmp);
    if (!info) {
        info = &own;
        arena = &tmp;
    }
    /* Room for the NUL after the body, without overflow. */
    if (max_bytes > SIZE_MAX - 1)
        max_bytes = SIZE_MAX - 1;
    defaults(&o, opts);
    /* One transfer: the parallel limits have nothing to share. */
    o.max_parallel = 1;
    reset_link(info);
    info->url = url;
    memset(&x, 0, sizeof(x));
    x.link = info;
    x.arena = arena;
    x.opts = &o;
    x.mode = MODE_DOWNLOAD;
    x.max_bytes = max_bytes;
    st = run_all(&x, 1, &o);
    if (st == CV_OK && x.over_limit)
        st = CV_ELIMIT;
    else if (st == CV_OK && info->outcome != CV_LINK_OK)
        st = CV_EIO;
    if (st == CV_OK && !x.buf) {
        x.buf = malloc(1); /* an empty body is a body */
        if (!x.buf)
            st = CV_ENOMEM;
        else
            x.buf[0] = '\0';
    }
    if (st == CV_OK) {
        *buf = x.buf;
        *len = x.body_len;
        x.buf = NULL;
    }
    free(x.buf);
    cv_arena_release(&tmp);
    return st;
}
