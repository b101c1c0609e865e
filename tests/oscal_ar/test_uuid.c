/* SPDX-License-Identifier: MIT */
/*
 * test_uuid.c: UUIDv5 (base/uuid.c) against known answers: RFC 4122's
 * DNS namespace and Python's uuid.uuid5 (which follows the RFC), the
 * version and variant bits, and the text form.
 */
#include <stdio.h>
#include <string.h>

#include "../harness/t.h"
#include "base/uuid.h"

static void v5_of(char out[CV_UUID_STR_LEN + 1], const struct cv_uuid *ns,
                  const char *name)
{
    struct cv_uuid u;
    memset(out, 0, CV_UUID_STR_LEN + 1);
    T_CHECK(cv_uuid_v5(&u, ns, name, strlen(name)) == CV_OK);
    cv_uuid_format(&u, out);
}

/* uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
static void known_answer_dns(void)
{
    char s[CV_UUID_STR_LEN + 1];
    v5_of(s, &cv_uuid_ns_dns, "python.org");
    T_STREQ(s, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

/* uuid.uuid5(uuid.NAMESPACE_URL, "urn:cloudvet:oscal:1"): the namespace
 * of every UUID of the OSCAL output (docs/report.md). */
static void known_answer_url(void)
{
    char s[CV_UUID_STR_LEN + 1];
    v5_of(s, &cv_uuid_ns_url, "urn:cloudvet:oscal:1");
    T_STREQ(s, "6aa4f172-ae9b-54dc-8450-dd5fe4da908b");
}

static void version_and_variant(void)
{
    char s[CV_UUID_STR_LEN + 1];
    v5_of(s, &cv_uuid_ns_dns, "");
    T_CHECK(strlen(s) == CV_UUID_STR_LEN);
    T_CHECK(s[14] == '5');
    T_CHECK(strchr("89ab", s[19]) != NULL);
    T_CHECK(s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-');
}

static void different_names_differ(void)
{
    char a[CV_UUID_STR_LEN + 1], b[CV_UUID_STR_LEN + 1];
    v5_of(a, &cv_uuid_ns_url, "finding|x|0");
    v5_of(b, &cv_uuid_ns_url, "finding|x|1");
    T_CHECK(strcmp(a, b) != 0);
    v5_of(b, &cv_uuid_ns_url, "finding|x|0");
    T_STREQ(a, b);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "known_answer_dns", known_answer_dns },
        { "known_answer_url", known_answer_url },
        { "version_and_variant", version_and_variant },
        { "different_names_differ", different_names_differ },
    };
    return t_run(cases, sizeof(cases) / sizeof(cases[0]));
}
