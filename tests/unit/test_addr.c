/* SPDX-License-Identifier: MIT */
/*
 * test_addr.c: address classification for the SSRF guard (net/addr.c).
 * Every range is checked at both ends and just outside them, so an
 * off-by-one in a prefix length shows up as a named failure.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/un.h>

#include "../harness/t.h"
#include "net/net.h"

#define PUB CV_ADDR_PUBLIC
#define LOOP CV_ADDR_LOOPBACK
#define PRIV CV_ADDR_PRIVATE
#define ULA CV_ADDR_UNIQUE_LOCAL
#define SHARED CV_ADDR_SHARED
#define LL CV_ADDR_LINK_LOCAL
#define MC CV_ADDR_MULTICAST
#define UNSPEC CV_ADDR_UNSPECIFIED
#define RES CV_ADDR_RESERVED

struct lit_case {
    const char *text;
    enum cv_addr_class cls;
};

static void check_table(const struct lit_case *cases, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        enum cv_addr_class c = PUB;
        bool ok = cv_addr_classify_literal(cases[i].text, &c);
        if (!ok || c != cases[i].cls) {
            fprintf(stderr, "  '%s': %s %s, want %s\n", cases[i].text,
                    ok ? "classified" : "not a literal",
                    ok ? cv_addr_class_str(c) : "",
                    cv_addr_class_str(cases[i].cls));
            t_failures++;
        }
    }
}

static void test_addr__ipv4_ranges(void)
{
    static const struct lit_case cases[] = {
        { "0.0.0.0", UNSPEC },          { "0.255.255.255", UNSPEC },
        { "1.0.0.0", PUB },             { "9.255.255.255", PUB },
        { "10.0.0.0", PRIV },           { "10.255.255.255", PRIV },
        { "11.0.0.0", PUB },            { "100.63.255.255", PUB },
        { "100.64.0.0", SHARED },       { "100.127.255.255", SHARED },
        { "100.128.0.0", PUB },         { "126.255.255.255", PUB },
        { "127.0.0.0", LOOP },          { "127.0.0.1", LOOP },
        { "127.255.255.255", LOOP },    { "128.0.0.0", PUB },
        { "169.253.255.255", PUB },     { "169.254.0.0", LL },
        { "169.254.169.254", LL },      { "169.254.255.255", LL },
        { "169.255.0.0", PUB },         { "172.15.255.255", PUB },
        { "172.16.0.0", PRIV },         { "172.31.255.255", PRIV },
        { "172.32.0.0", PUB },          { "191.255.255.255", PUB },
        { "192.0.0.0", RES },           { "192.0.0.255", RES },
        { "192.0.1.0", PUB },           { "192.0.2.0", RES },
        { "192.0.2.255", RES },         { "192.0.3.0", PUB },
        { "192.88.99.1", RES },         { "192.167.255.255", PUB },
        { "192.168.0.0", PRIV },        { "192.168.255.255", PRIV },
        { "192.169.0.0", PUB },         { "198.17.255.255", PUB },
        { "198.18.0.0", RES },          { "198.19.255.255", RES },
        { "198.20.0.0", PUB },          { "198.51.99.255", PUB },
        { "198.51.100.0", RES },        { "198.51.100.255", RES },
        { "198.51.101.0", PUB },        { "203.0.112.255", PUB },
        { "203.0.113.0", RES },         { "203.0.113.255", RES },
        { "203.0.114.0", PUB },         { "223.255.255.255", PUB },
        { "224.0.0.0", MC },            { "239.255.255.255", MC },
        { "240.0.0.0", RES },           { "255.255.255.254", RES },
        { "255.255.255.255", RES },     { "8.8.8.8", PUB },
        { "1.1.1.1", PUB },
    };
    check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

/* The forms curl's URL parser and inet_aton accept besides dotted quads:
 * one number, octal and hex parts, fewer than four parts. */
static void test_addr__ipv4_legacy_forms(void)
{
    static const struct lit_case cases[] = {
        { "2130706433", LOOP },          { "0x7f000001", LOOP },
        { "0X7F000001", LOOP },          { "0177.0.0.1", LOOP },
        { "127.1", LOOP },               { "0x7f.1", LOOP },
        { "017700000001", LOOP },        { "127.0.1", LOOP },
        { "127.0.0.1.", LOOP },          { "0", UNSPEC },
        { "0x0a.1", PRIV },              { "3232235777", PRIV },
        { "2852039166", LL },            { "0xA9FEA9FE", LL },
        { "0251.0376.0251.0376", LL },   { "0xa9.0xfe.0xa9.0xfe", LL },
        { "01.02.03.04", PUB },          { "134744072", PUB },
    };
    check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_addr__ipv6_ranges(void)
{
    static const struct lit_case cases[] = {
        { "::", UNSPEC },
        { "[::]", UNSPEC },
        { "::1", LOOP },
        { "[::1]", LOOP },
        { "0:0:0:0:0:0:0:1", LOOP },
        { "fe80::", LL },
        { "fe80::1", LL },
        { "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", LL },
        { "fec0::1", RES },
        { "feff::1", RES },
        { "fe7f::1", RES },
        { "fc00::", ULA },
        { "fd12:3456::1", ULA },
        { "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ULA },
        { "fbff::1", RES },
        { "ff00::", MC },
        { "ff02::1", MC },
        { "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", MC },
        { "100::", RES },
        { "100::ffff:ffff:ffff:ffff", RES },
        { "2001::", RES },
        { "2001::1", RES },
        { "2001:1ff:ffff::1", RES },
        { "2001:200::1", PUB },
        { "2001:db7:ffff::1", PUB },
        { "2001:db8::", RES },
        { "2001:db8:ffff:ffff::1", RES },
        { "2001:db9::1", PUB },
        { "3fff::1", RES },
        { "3fff:fff:ffff::1", RES },
        { "3fff:1000::1", PUB },
        { "2001:4860:4860::8888", PUB },
        { "[2001:4860:4860::8888]", PUB },
        { "2606:4700::1111", PUB },
        { "2000::", PUB },
        { "3fff:ffff::1", PUB },
        { "1fff:ffff::1", RES },
        { "4000::1", RES },
        { "64:ff9b:1::1", RES },
    };
    check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

/* IPv6 addresses that deliver to an IPv4 address are judged by it. */
static void test_addr__ipv6_embedded_ipv4(void)
{
    static const struct lit_case cases[] = {
        /* mapped ::ffff:0:0/96 */
        { "::ffff:127.0.0.1", LOOP },
        { "[::ffff:127.0.0.1]", LOOP },
        { "[::FFFF:7F00:1]", LOOP },
        { "::ffff:10.0.0.1", PRIV },
        { "::ffff:169.254.169.254", LL },
        { "::ffff:0.0.0.0", UNSPEC },
        { "::ffff:8.8.8.8", PUB },
        /* compatible ::/96 */
        { "::127.0.0.1", LOOP },
        { "::2", UNSPEC },
        { "::10.1.2.3", PRIV },
        { "::8.8.8.8", PUB },
        /* translated ::ffff:0:0:0/96 */
        { "::ffff:0:127.0.0.1", LOOP },
        { "::ffff:0:8.8.8.8", PUB },
        /* NAT64 64:ff9b::/96 */
        { "64:ff9b::127.0.0.1", LOOP },
        { "64:ff9b::a9fe:a9fe", LL },
        { "64:ff9b::192.168.1.1", PRIV },
        { "64:ff9b::8.8.8.8", PUB },
        /* 6to4 2002::/16 */
        { "2002:7f00:1::", LOOP },
        { "2002:a00:1::1", PRIV },
        { "2002:a9fe:a9fe::1", LL },
        { "2002:c000:201::1", RES },
        { "2002:808:808::1", PUB },
    };
    check_table(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_addr__zone_ids(void)
{
    static const struct lit_case cases[] = {
        { "fe80::1%eth0", LL },
        { "[fe80::1%25eth0]", LL },
        { "fe80::1%1", LL },
        /* A zone keeps packets on one link, whatever the address. */
        { "2001:4860:4860::8888%eth0", LL },
        { "::1%lo", LOOP },
        { "fd00::1%eth0", ULA },
    };
    enum cv_addr_class c;
    check_table(cases, sizeof(cases) / sizeof(cases[0]));
    T_CHECK(!cv_addr_classify_literal("fe80::1%", &c));
    T_CHECK(!cv_addr_classify_literal("[fe80::1%]", &c));
}

static void test_addr__names_are_not_literals(void)
{
    static const char *const names[] = {
        "localhost", "example.com", "deadbeef", "cafe.be", "abc",
        "127.0.0.1 x", "127.0.0.1x", " 127.0.0.1", "1.2.3.4.5",
        "256.1.1.1", "08.0.0.1", "", "[127.0.0.1]", "[::1", "::1]",
        "1.2.3.4%eth0", "[]", "[", "::ffff:127.0.0.1:80", "fe80::1::2",
        "127.0.0.1..", "0x1g", "1.2.3.4/8", "xn--nxasmq6b",
        "169.254.169.254.nip.io",
    };
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        enum cv_addr_class c;
        if (cv_addr_classify_literal(names[i], &c)) {
            fprintf(stderr, "  '%s' taken for an address (%s)\n", names[i],
                    cv_addr_class_str(c));
            t_failures++;
        }
    }
    T_CHECK(!cv_addr_classify_literal(NULL, NULL));
    /* out may be NULL: just "is it a literal". */
    T_CHECK(cv_addr_classify_literal("10.0.0.1", NULL));
}

static void test_addr__sockaddr(void)
{
    struct sockaddr_in in;
    struct sockaddr_in6 in6;
    struct sockaddr_un un;
    char buf[INET6_ADDRSTRLEN + 1];

    memset(&in, 0, sizeof(in));
    in.sin_family = AF_INET;
    in.sin_addr.s_addr = htonl(0x0affff01u); /* 10.255.255.1 */
    T_CHECK(cv_addr_classify((struct sockaddr *)&in, sizeof(in)) == PRIV);
    /* Too short for its family: refused, never read past the end. */
    T_CHECK(cv_addr_classify((struct sockaddr *)&in, 4) == RES);
    T_CHECK(cv_addr_classify(NULL, 0) == RES);
    cv_addr_format((struct sockaddr *)&in, sizeof(in), buf, sizeof(buf));
    T_STREQ(buf, "10.255.255.1");
    /* Too small a buffer gives "", not "10.25". */
    cv_addr_format((struct sockaddr *)&in, sizeof(in), buf, 6);
    T_STREQ(buf, "");

    memset(&in6, 0, sizeof(in6));
    in6.sin6_family = AF_INET6;
    T_CHECK(inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr) == 1);
    T_CHECK(cv_addr_classify((struct sockaddr *)&in6, sizeof(in6)) == LOOP);
    cv_addr_format((struct sockaddr *)&in6, sizeof(in6), buf, sizeof(buf));
    T_STREQ(buf, "::ffff:127.0.0.1");
    T_CHECK(inet_pton(AF_INET6, "2001:4860:4860::8888", &in6.sin6_addr) ==
            1);
    T_CHECK(cv_addr_classify((struct sockaddr *)&in6, sizeof(in6)) == PUB);
    in6.sin6_scope_id = 2;
    T_CHECK(cv_addr_classify((struct sockaddr *)&in6, sizeof(in6)) == LL);
    T_CHECK(cv_addr_classify((struct sockaddr *)&in6,
                             sizeof(struct sockaddr_in)) == RES);

    memset(&un, 0, sizeof(un));
    un.sun_family = AF_UNIX;
    T_CHECK(cv_addr_classify((struct sockaddr *)&un, sizeof(un)) == RES);
    cv_addr_format((struct sockaddr *)&un, sizeof(un), buf, sizeof(buf));
    T_STREQ(buf, "");
}

static void test_addr__parse_literal(void)
{
    struct sockaddr_storage ss;
    size_t len = 0;
    char buf[INET6_ADDRSTRLEN + 1];
    T_CHECK(cv_addr_parse_literal("0x7f.1", &ss, &len));
    T_CHECK(len == sizeof(struct sockaddr_in));
    cv_addr_format((struct sockaddr *)&ss, len, buf, sizeof(buf));
    T_STREQ(buf, "127.0.0.1");
    T_CHECK(cv_addr_parse_literal("[::FFFF:7F00:1]", &ss, &len));
    T_CHECK(len == sizeof(struct sockaddr_in6));
    cv_addr_format((struct sockaddr *)&ss, len, buf, sizeof(buf));
    T_STREQ(buf, "::ffff:127.0.0.1");
    T_CHECK(!cv_addr_parse_literal("example.com", &ss, &len));
}

static void test_addr__class_words(void)
{
    T_STREQ(cv_addr_class_str(PUB), "public");
    T_STREQ(cv_addr_class_str(LOOP), "loopback");
    T_STREQ(cv_addr_class_str(PRIV), "private");
    T_STREQ(cv_addr_class_str(ULA), "unique-local");
    T_STREQ(cv_addr_class_str(SHARED), "shared");
    T_STREQ(cv_addr_class_str(LL), "link-local");
    T_STREQ(cv_addr_class_str(MC), "multicast");
    T_STREQ(cv_addr_class_str(UNSPEC), "unspecified");
    T_STREQ(cv_addr_class_str(RES), "reserved");
    /* What --allow-private lifts, and what it does not. */
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(LOOP)) != 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(PRIV)) != 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(ULA)) != 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(SHARED)) != 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(LL)) == 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(RES)) == 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(MC)) == 0);
    T_CHECK((CV_ADDR_ALLOW_PRIVATE & CV_ADDR_BIT(UNSPEC)) == 0);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "ipv4_ranges", test_addr__ipv4_ranges },
        { "ipv4_legacy_forms", test_addr__ipv4_legacy_forms },
        { "ipv6_ranges", test_addr__ipv6_ranges },
        { "ipv6_embedded_ipv4", test_addr__ipv6_embedded_ipv4 },
        { "zone_ids", test_addr__zone_ids },
        { "names_are_not_literals", test_addr__names_are_not_literals },
        { "sockaddr", test_addr__sockaddr },
        { "parse_literal", test_addr__parse_literal },
        { "class_words", test_addr__class_words },
    };
    return t_run(cases, sizeof(cases) / sizeof(cases[0]));
}
