/* SPDX-License-Identifier: MIT */
/*
 * net.h: the only way the library reaches the network (libcurl inside
 * net/fetch.c), used for `--online` link checks and `registry import
 * --from URL`.
 *
 * Submissions are hostile, so every request is guarded against SSRF:
 *  - only http and https, on the first URL and on every redirect;
 *  - the address actually connected to (CURLOPT_OPENSOCKETFUNCTION, so also
 *    every redirect hop and every address a name resolves to) is
 *    classified and refused when it is loopback, link-local (169.254.0.0/16,
 *    the cloud metadata address among them), private, shared (100.64/10),
 *    multicast, unspecified, reserved or documentation space, or an
 *    IPv4-mapped / NAT64 / 6to4 form of one of those;
 *  - proxies from the environment are ignored (the library never reads the
 *    environment, and a proxy would hide the real destination);
 *  - at most CV_NET_MAX_REDIRECTS hops, connect and total timeouts, TLS
 *    verification on, bounded bodies; a deadline for a whole call and a
 *    per-host connection limit shared by every call of the process.
 * `allow` lifts the guard class by class (--allow-private: loopback,
 * private, shared, unique-local); link-local / metadata is never lifted by
 * --allow-private.
 */
#ifndef CV_NET_H
#define CV_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "../base/arena.h"
#include "cloudvet.h"

/* ---- address classification (addr.c: pure, no libcurl) ---------------- */

enum cv_addr_class {
    CV_ADDR_PUBLIC = 0,
    CV_ADDR_LOOPBACK,    /* 127/8, ::1 */
    CV_ADDR_PRIVATE,     /* 10/8, 172.16/12, 192.168/16 */
    CV_ADDR_UNIQUE_LOCAL,/* fc00::/7 */
    CV_ADDR_SHARED,      /* 100.64/10 (carrier-grade NAT) */
    CV_ADDR_LINK_LOCAL,  /* 169.254/16 (metadata 169.254.169.254), fe80::/10 */
    CV_ADDR_MULTICAST,   /* 224/4, ff00::/8 */
    CV_ADDR_UNSPECIFIED, /* 0/8, :: */
    CV_ADDR_RESERVED     /* 240/4, broadcast, 192.0.0/24, documentation,
                            benchmarking 198.18/15, 100::/64 discard,
                            2001:db8::/32, site-local fec0::/10, ... */
};

#define CV_ADDR_BIT(c) (1u << (unsigned)(c))
/* What --allow-private lifts. */
#define CV_ADDR_ALLOW_PRIVATE                                                 \
    (CV_ADDR_BIT(CV_ADDR_LOOPBACK) | CV_ADDR_BIT(CV_ADDR_PRIVATE) |           \
     CV_ADDR_BIT(CV_ADDR_UNIQUE_LOCAL) | CV_ADDR_BIT(CV_ADDR_SHARED))

/* Class of a socket address (AF_INET / AF_INET6; anything else is
 * RESERVED). IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16) addresses are classified by the IPv4
 * address they carry. */
enum cv_addr_class cv_addr_classify(const struct sockaddr *sa, size_t salen);
/* Same for a literal address in text ("10.0.0.1", "[::1]", "::1", and the
 * legacy forms inet_aton accepts: "2130706433", "0x7f.1", "017700000001").
 * A zone id ("fe80::1%eth0", "%25eth0") makes a public address link-local.
 * Returns false when `host` is not an address literal (a name). */
bool cv_addr_classify_literal(const char *host, enum cv_addr_class *out);
/* The parsing behind cv_addr_classify_literal: the address into *out and
 * its length into *outlen (for cv_addr_classify / cv_addr_format); false,
 * with *out unspecified, when `host` is a name. */
bool cv_addr_parse_literal(const char *host, struct sockaddr_storage *out,
                           size_t *outlen);
/* "loopback", "private", ... (the report's words). */
const char *cv_addr_class_str(enum cv_addr_class c);
/* Numeric text of an address into buf (INET6_ADDRSTRLEN + 1 bytes); ""
 * when the family is unknown or buf is too small (never a partial
 * address). */
void cv_addr_format(const struct sockaddr *sa, size_t salen, char *buf,
                    size_t size);

/* ---- requests (fetch.c: libcurl) ---------------------------------------- */

#define CV_NET_MAX_REDIRECTS 5

struct cv_net_options {
    unsigned allow;            /* CV_ADDR_BIT mask of classes allowed; 0 */
    long connect_timeout_ms;   /* 5 000 */
    long timeout_ms;           /* whole request incl. redirects: 15 000 */
    unsigned max_parallel;     /* transfers at once in this call: 8 */
    unsigned max_per_host;     /* connections per host at once, counted
                                  over every call in the process (every
                                  --jobs worker): 2 */
    size_t max_probe_bytes;    /* body read by the GET fallback: 8 KiB */
    const char *const *resolve;/* tests only: "host:port:addr" pins
                                  (CURLOPT_RESOLVE), NULL-terminated */
    const char *ca_file;       /* tests only: extra CA bundle; NULL */
    const char *user_agent;    /* NULL: "cloudvet/VERSION" */
    double deadline_ms;        /* the whole call ends then, on the clock of
                                  cv_net_now_ms: links unfinished are
                                  CV_LINK_NOT_CHECKED; 0: no deadline */
};

#define CV_NET_OPTIONS_DEFAULT                                                \
    {                                                                         \
        0u, 5000L, 15000L, 8u, 2u, (size_t)8 << 10, NULL, NULL, NULL, 0.0     \
    }

enum cv_link_outcome {
    CV_LINK_OK = 0,     /* final response 2xx */
    CV_LINK_HTTP_ERROR, /* final response not 2xx (4xx, 5xx, 3xx w/o target) */
    CV_LINK_BLOCKED,    /* refused by the guard: scheme or address class */
    CV_LINK_FAILED,     /* DNS, connect, TLS, timeout, too many redirects */
    CV_LINK_INVALID,    /* not a URL */
    CV_LINK_NOT_CHECKED /* not requested, or abandoned unfinished: the
                           call's deadline came first (error "time budget
                           exhausted"); says nothing about the link */
};

struct cv_link_check {
    /* in */
    const char *url;
    /* out: strings in the arena given to cv_net_check_links */
    enum cv_link_outcome outcome;
    const char *final_url;     /* last URL requested (or whose connection
                                  the guard refused); NULL if none */
    long http_status;          /* of the last response; 0 when none */
    const char *content_type;  /* of the final response; NULL when none */
    const char *method;        /* "HEAD", or "GET" when HEAD was refused
                                  (static text); NULL if no request */
    unsigned redirects;        /* hops followed */
    double elapsed_ms;         /* whole check */
    char checked_at[21];       /* UTC, YYYY-MM-DDTHH:MM:SSZ */
    /* when BLOCKED: */
    const char *blocked_url;   /* the URL (first or a redirect) refused */
    const char *blocked_addr;  /* numeric address refused; NULL for scheme */
    enum cv_addr_class blocked_class; /* PUBLIC when refused for scheme */
    const char *blocked_scheme;/* the scheme refused, or NULL */
    /* when FAILED / HTTP_ERROR: libcurl's words or "HTTP 404" (English,
     * technical; the report adds its own sentence in the run's language) */
    const char *error;
};

/* Once per process (curl_global_init), from cv_global_init, before any
 * other thread runs: libcurl's global setup is not thread-safe everywhere,
 * and the calls below would otherwise do it implicitly. CV_OK or
 * CV_ERROR. */
cv_status cv_net_global_init(void);
void cv_net_global_cleanup(void);

/* Milliseconds on a monotonic clock: what cv_net_options.deadline_ms is
 * measured on. */
double cv_net_now_ms(void);

/* Check `n` links concurrently (within max_parallel, and max_per_host
 * shared with every other call in flight; links wait in their order for a
 * free connection, each link's timeout counting from its first request):
 * HEAD, then a GET of at most max_probe_bytes when HEAD is refused (405,
 * 501, or another 4xx/5xx that servers give for HEAD only), following at
 * most CV_NET_MAX_REDIRECTS redirects under the guard (each Location is
 * checked like the first URL: a redirect to file:// is BLOCKED with
 * blocked_scheme "file"). Fills the out members of every link; returns
 * CV_OK (findings are data), CV_ENOMEM, CV_ERROR (libcurl failed
 * internally; unchecked links are FAILED with its words) or CV_EUSAGE
 * (NULL links or arena with n > 0). At opts->deadline_ms every link not
 * finished is CV_LINK_NOT_CHECKED, and the call still returns CV_OK.
 * `opts` NULL means CV_NET_OPTIONS_DEFAULT; zero bounds in it mean their
 * defaults. Thread-safe: each call has its own multi handle; only the
 * per-host counts are shared (behind a mutex). */
cv_status cv_net_check_links(struct cv_link_check *links, size_t n,
                             const struct cv_net_options *opts,
                             struct cv_arena *arena);

/* GET `url` into memory under the same guard, at most max_bytes of body
 * (more is CV_ELIMIT). On success *buf (malloc'd, caller frees; one NUL
 * byte follows the body, not counted in *len) and *len; otherwise *buf is
 * NULL. `info` (may be NULL; then `arena` may be too) gets the outcome as
 * for a link check, its url set to `url`. Returns CV_OK, CV_ELIMIT, CV_EIO
 * (blocked, failed, invalid or not 2xx: see info), CV_ENOMEM or
 * CV_EUSAGE. */
cv_status cv_net_download(const char *url, const struct cv_net_options *opts,
                          size_t max_bytes, char **buf, size_t *len,
                          struct cv_link_check *info, struct cv_arena *arena);

#endif
