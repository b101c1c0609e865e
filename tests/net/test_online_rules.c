/* SPDX-License-Identifier: MIT */
/*
 * test_online_rules.c: what a link that was not requested does to a
 * verdict, through the public API, in both input forms. With --online a
 * criterion naming a link (CLOUD-TERMS: sla.url) needs the link checked;
 * a link left out by the URL limit (--max-links) or the time budget
 * (--online-budget, --online-run-budget) is neither a fact for the vendor
 * nor against them: the answer stays `claimed`, for a person, and a
 * warning of the submission says why and how many.
 *
 * No test here reaches the network: the only URL requested is a loopback
 * literal, refused by the guard before any connection, and a budget is
 * spent before the checks begin.
 *
 *     test_online_rules CRITERIA_DIR
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

/* The SLA link comes second in document order: the first URL (a
 * loopback literal, blocked) takes a limit of one. */
static const char json_doc[] =
    "{\"format\":\"cloudvet-questionnaire/1\","
    "\"vendor\":{\"name\":\"株式会社テスト\"},"
    "\"service\":{\"name\":\"テスト申請クラウド\"},"
    "\"isolation\":{\"url\":\"http://127.0.0.1/isolation.html\"},"
    "\"sla\":{\"url\":\"https://sla.example.jp/sla.pdf\","
    "\"published\":true},"
    "\"answers\":[{\"id\":\"CLOUD-TERMS\",\"response\":\"yes\"}]}";

static const char xml_doc[] =
    "<?xml version=\"1.0\"?>\n"
    "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">\n"
    "<vendor><name>株式会社テスト</name></vendor>\n"
    "<service><name>テスト申請クラウド</name></service>\n"
    "<isolation><url>http://127.0.0.1/isolation.html</url></isolation>\n"
    "<sla><url>https://sla.example.jp/sla.pdf</url>"
    "<published>true</published></sla>\n"
    "<answers><answer><id>CLOUD-TERMS</id><response>yes</response>"
    "</answer></answers>\n"
    "</questionnaire>\n";

static bool has_warning(const cv_submission *s, const char *words)
{
    size_t i;
    for (i = 0; s && i < cv_submission_diag_count(s); i++) {
        const cv_diag *d = cv_submission_diag_at(s, i);
        if (d->severity == CV_SEV_WARNING && strstr(d->message, words))
            return true;
    }
    fprintf(stderr, "no warning containing '%s'\n", words);
    return false;
}

static bool reason_has(const cv_submission *s, const char *id,
                       const char *words)
{
    cv_result_info r;
    return t_result(s, id, &r) && r.reason && strstr(r.reason, words);
}

static void go_online(size_t max_links, long budget_ms, long run_budget_ms)
{
    cv_online_options o = CV_ONLINE_OPTIONS_INIT;
    o.max_links = max_links;
    o.budget_ms = budget_ms;
    o.run_budget_ms = run_budget_ms;
    T_CHECK(cv_ctx_go_online(ctx, &o) == CV_OK);
}

/* Both forms: CLOUD-TERMS claimed (not met from the vendor's word, not
 * refuted), and a warning with `words`. */
static void expect_claimed(const char *words)
{
    static const char *const names[] = { "t.json", "t.xml" };
    const char *const docs[] = { json_doc, xml_doc };
    size_t i;
    for (i = 0; i < 2; i++) {
        cv_submission *s = t_evaluate(ctx, crit, names[i], docs[i]);
        T_CHECK(s != NULL);
        if (strcmp(t_status_of(s, "CLOUD-TERMS"), "claimed") != 0) {
            fprintf(stderr, "%s: CLOUD-TERMS %s\n", names[i],
                    t_status_of(s, "CLOUD-TERMS"));
            t_failures++;
        }
        T_CHECK(reason_has(s, "CLOUD-TERMS", "SLA URL was not checked"));
        T_CHECK(has_warning(s, words));
        cv_submission_free(s);
    }
}

/* The SLA link over the limit: before, it was simply skipped and the
 * vendor's yes made CLOUD-TERMS met without the link ever being seen. */
static void test_online__over_max_links_is_claimed(void)
{
    go_online(1, 60000, 600000);
    expect_claimed("of 2 distinct URLs only the first 1");
}

/* The run's budget spent before the checks: nothing is requested, the
 * SLA link is not checked, and the warning names the run's budget. */
static void test_online__run_budget_spent_is_claimed(void)
{
    struct timespec pause = { 0, 20 * 1000 * 1000 };
    go_online(256, 60000, 1);
    nanosleep(&pause, NULL);
    expect_claimed("--online-run-budget");
}

static void test_online__options_checked(void)
{
    cv_online_options o = CV_ONLINE_OPTIONS_INIT;
    o.max_links = 0;
    T_CHECK(cv_ctx_go_online(ctx, &o) == CV_EUSAGE);
    o.max_links = 1;
    o.budget_ms = 0;
    T_CHECK(cv_ctx_go_online(ctx, &o) == CV_EUSAGE);
    o.budget_ms = 1000;
    o.run_budget_ms = -1;
    T_CHECK(cv_ctx_go_online(ctx, &o) == CV_EUSAGE);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "over_max_links_is_claimed", test_online__over_max_links_is_claimed },
        { "run_budget_spent_is_claimed",
          test_online__run_budget_spent_is_claimed },
        { "options_checked", test_online__options_checked },
    };
    return t_api_main(argc, argv, "test_online_rules", CV_LANG_EN, &ctx,
                      &crit, cases, sizeof(cases) / sizeof(cases[0]));
}
