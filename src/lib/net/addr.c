/* SPDX-License-Identifier: MIT */
/*
 * addr.c: which kind of network an address belongs to (see net.h).
 *
 * The tables follow the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries (RFC 6890 and successors). Where a range is neither private
 * nor public in an obvious way (documentation, benchmarking, protocol
 * assignments, anything IANA has not allocated) it is RESERVED: a class
 * that --allow-private does not lift, so an unusual address is refused
 * rather than guessed at. IPv6 forms that carry an IPv4 address are judged
 * by the IPv4 address, because that is where a translator or tunnel would
 * deliver the packets.
 *
 * Pure: no libcurl, no resolver, no allocation.
 */
/* inet_aton (the legacy numeric forms curl and browsers accept) is not in
 * POSIX; glibc declares it under _DEFAULT_SOURCE. */
#define _DEFAULT_SOURCE 1

#include "net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

/* A prefix of the 32-bit address space, host byte order. */
struct v4_range {
    uint32_t net;
    unsigned bits;
    enum cv_addr_class cls;
};

#define V4(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | \
                        ((uint32_t)(c) << 8) | (uint32_t)(d))

/* First match wins, so more specific ranges come before the ranges that
 * contain them (none overlap today; keep it that way when adding). */
static const struct v4_range v4_ranges[] = {
    { V4(0, 0, 0, 0), 8, CV_ADDR_UNSPECIFIED },     /* "this network" */
    { V4(10, 0, 0, 0), 8, CV_ADDR_PRIVATE },
    { V4(100, 64, 0, 0), 10, CV_ADDR_SHARED },      /* carrier-grade NAT */
    { V4(127, 0, 0, 0), 8, CV_ADDR_LOOPBACK },
    { V4(169, 254, 0, 0), 16, CV_ADDR_LINK_LOCAL }, /* cloud metadata */
    { V4(172, 16, 0, 0), 12, CV_ADDR_PRIVATE },
    { V4(192, 0, 0, 0), 24, CV_ADDR_RESERVED },     /* IETF assignments */
    { V4(192, 0, 2, 0), 24, CV_ADDR_RESERVED },     /* TEST-NET-1 */
    { V4(192, 88, 99, 0), 24, CV_ADDR_RESERVED },   /* ex-6to4 relay */
    { V4(192, 168, 0, 0), 16, CV_ADDR_PRIVATE },
    { V4(198, 18, 0, 0), 15, CV_ADDR_RESERVED },    /* benchmarking */
    { V4(198, 51, 100, 0), 24, CV_ADDR_RESERVED },  /* TEST-NET-2 */
    { V4(203, 0, 113, 0), 24, CV_ADDR_RESERVED },   /* TEST-NET-3 */
    { V4(224, 0, 0, 0), 4, CV_ADDR_MULTICAST },
    { V4(240, 0, 0, 0), 4, CV_ADDR_RESERVED },      /* incl. broadcast */
};

static enum cv_addr_class classify_v4(uint32_t a)
{
    size_t i;
    for (i = 0; i < sizeof(v4_ranges) / sizeof(v4_ranges[0]); i++) {
        uint32_t mask = 0xffffffffu << (32 - v4_ranges[i].bits);
        if ((a & mask) == v4_ranges[i].net)
            return v4_ranges[i].cls;
    }
    return CV_ADDR_PUBLIC;
}

static uint32_t v4_at(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static bool all_zero(const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static enum cv_addr_class classify_v6(const unsigned char b[16])
{
    static const unsigned char nat64[12] = { 0x00, 0x64, 0xff, 0x9b };
    static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0,
                                              0, 0, 0, 0, 0xff, 0xff };
    /* ::ffff:0:a.b.c.d, "IPv4-translated" (RFC 2765); rare, but a
     * translator would deliver it to a.b.c.d all the same. */
    static const unsigned char translated[12] = { 0, 0, 0, 0, 0, 0,
                                                  0, 0, 0xff, 0xff, 0, 0 };

    if (all_zero(b, 15)) {
        if (b[15] == 0)
            return CV_ADDR_UNSPECIFIED;
        if (b[15] == 1)
            return CV_ADDR_LOOPBACK;
    }
    /* ::a.b.c.d (deprecated IPv4-compatible), ::ffff:a.b.c.d (mapped: a
     * dual-stack socket connects to the IPv4 address), 64:ff9b::a.b.c.d
     * (well-known NAT64 prefix). */
    if (all_zero(b, 12) || memcmp(b, mapped, 12) == 0 ||
        memcmp(b, translated, 12) == 0 || memcmp(b, nat64, 12) == 0)
        return classify_v4(v4_at(b + 12));
    if (b[0] == 0x20 && b[1] == 0x02) /* 6to4: 2002:AABB:CCDD::/48 */
        return classify_v4(v4_at(b + 2));
    if (b[0] == 0xff)
        return CV_ADDR_MULTICAST;
    if ((b[0] & 0xfe) == 0xfc)
        return CV_ADDR_UNIQUE_LOCAL;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return CV_ADDR_LINK_LOCAL;
    /* Only 2000::/3 is allocated for global unicast; everything else not
     * named above (100::/64 discard, 64:ff9b:1::/48 local-use NAT64,
     * fec0::/10 site-local, ...) is reserved by the IETF. */
    if ((b[0] & 0xe0) != 0x20)
        return CV_ADDR_RESERVED;
    /* 2001::/23 IETF protocol assignments (Teredo, ORCHID, ...: some carry
     * an obfuscated IPv4 address, none is a web server's), 2001:db8::/32
     * and 3fff::/20 documentation. */
    if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0x00)
        return CV_ADDR_RESERVED;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        return CV_ADDR_RESERVED;
    if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0x00)
        return CV_ADDR_RESERVED;
    return CV_ADDR_PUBLIC;
}

enum cv_addr_class cv_addr_classify(const struct sockaddr *sa, size_t salen)
{
    /* Copied out: the caller's buffer may be a plain struct sockaddr that
     * is only as large as the family needs (libcurl's is), and reading it
     * through a sockaddr_in6 pointer would break aliasing rules. */
    if (!sa || salen < sizeof(sa_family_t))
        return CV_ADDR_RESERVED;
    if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in in;
        memcpy(&in, sa, sizeof(in));
        return classify_v4(ntohl(in.sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 in6;
        enum cv_addr_class c;
        memcpy(&in6, sa, sizeof(in6));
        c = classify_v6(in6.sin6_addr.s6_addr);
        /* A zone id only makes sense on a link: whatever the address says,
         * the packets stay on the interface named. */
        if (c == CV_ADDR_PUBLIC && in6.sin6_scope_id != 0)
            c = CV_ADDR_LINK_LOCAL;
        return c;
    }
    return CV_ADDR_RESERVED;
}

/* The characters of every numeric IPv4 form inet_aton accepts (decimal,
 * octal, hex parts). glibc's inet_aton also stops at whitespace and ignores
 * what follows; refusing anything else here keeps "127.0.0.1 x" a name,
 * which is what a URL parser makes of it. */
static bool v4_chars_only(const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F') || c == 'x' || c == 'X' || c == '.'))
            return false;
    }
    return true;
}

bool cv_addr_parse_literal(const char *host, struct sockaddr_storage *out,
                           size_t *outlen)
{
    char buf[INET6_ADDRSTRLEN + 64];
    size_t len;

    if (!host || !out || !outlen)
        return false;
    len = strlen(host);
    if (len == 0 || len >= sizeof(buf))
        return false;
    memset(out, 0, sizeof(*out));
    if (host[0] == '[') {
        if (len < 3 || host[len - 1] != ']')
            return false;
        memcpy(buf, host + 1, len - 2);
        buf[len - 2] = '\0';
    } else {
        memcpy(buf, host, len + 1);
    }
    if (host[0] == '[' || strchr(buf, ':')) {
        struct sockaddr_in6 in6;
        const char *pct;
        memset(&in6, 0, sizeof(in6));
        in6.sin6_family = AF_INET6;
        /* Zone id ("fe80::1%eth0", or "%25eth0" as written in a URL): the
         * interface is not looked up; any zone makes the scope non-zero,
         * which classification treats as link-local at least. */
        pct = strchr(buf, '%');
        if (pct) {
            if (pct[1] == '\0')
                return false;
            buf[pct - buf] = '\0';
            in6.sin6_scope_id = 1;
        }
        if (inet_pton(AF_INET6, buf, &in6.sin6_addr) != 1)
            return false;
        memcpy(out, &in6, sizeof(in6));
        *outlen = sizeof(in6);
        return true;
    }
    {
        struct sockaddr_in in;
        memset(&in, 0, sizeof(in));
        in.sin_family = AF_INET;
        /* "127.0.0.1." is a fully qualified spelling of the same literal to
         * some resolvers: judge it as the address, to be safe. */
        if (len > 1 && buf[len - 1] == '.')
            buf[len - 1] = '\0';
        if (!v4_chars_only(buf) || inet_aton(buf, &in.sin_addr) == 0)
            return false;
        memcpy(out, &in, sizeof(in));
        *outlen = sizeof(in);
        return true;
    }
}

bool cv_addr_classify_literal(const char *host, enum cv_addr_class *out)
{
    struct sockaddr_storage ss;
    size_t len;
    if (!cv_addr_parse_literal(host, &ss, &len))
        return false;
    if (out)
        *out = cv_addr_classify((const struct sockaddr *)&ss, len);
    return true;
}

const char *cv_addr_class_str(enum cv_addr_class c)
{
    switch (c) {
    case CV_ADDR_PUBLIC:
        return "public";
    case CV_ADDR_LOOPBACK:
        return "loopback";
    case CV_ADDR_PRIVATE:
        return "private";
    case CV_ADDR_UNIQUE_LOCAL:
        return "unique-local";
    case CV_ADDR_SHARED:
        return "shared";
    case CV_ADDR_LINK_LOCAL:
        return "link-local";
    case CV_ADDR_MULTICAST:
        return "multicast";
    case CV_ADDR_UNSPECIFIED:
        return "unspecified";
    case CV_ADDR_RESERVED:
        return "reserved";
    }
    return "reserved";
}

void cv_addr_format(const struct sockaddr *sa, size_t salen, char *buf,
                    size_t size)
{
    const char *r = NULL;
    char tmp[INET6_ADDRSTRLEN + 1];

    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    if (!sa || salen < sizeof(sa_family_t))
        return;
    if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in in;
        memcpy(&in, sa, sizeof(in));
        r = inet_ntop(AF_INET, &in.sin_addr, tmp, sizeof(tmp));
    } else if (sa->sa_family == AF_INET6 &&
               salen >= sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 in6;
        memcpy(&in6, sa, sizeof(in6));
        r = inet_ntop(AF_INET6, &in6.sin6_addr, tmp, sizeof(tmp));
    }
    /* Never a partial address: a truncated "10.1.2" would mislead. */
    if (r && strlen(tmp) < size)
        memcpy(buf, tmp, strlen(tmp) + 1);
}
