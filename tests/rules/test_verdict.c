/* SPDX-License-Identifier: MIT */
/*
 * test_verdict.c: the verdict rules (issue #12, area "verdict"), through
 * the public API only.
 *
 *  1. A mandatory criterion holds in full or the bid is disqualified:
 *     partial disqualifies, unless the profile marks the entry
 *     "partial_qualifies".
 *  2. The thresholds a profile publishes for a mandatory criterion are
 *     knock-outs (availability, RTO, RPO, backup retention, notice days);
 *     each parameter says what it rests on ("basis").
 *  3. Claims are not facts: a bid whose mandatory criteria are partly only
 *     claimed is qualified on condition, with the pending criteria listed.
 *
 * The bids are the qualified sample (JSON and its XML twin) with one fact
 * changed, and an answers-only submission written here in both forms.
 */
#define _POSIX_C_SOURCE 200809L /* unlink */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;
static const char *criteria_dir;
static char *sample_json, *sample_xml; /* the qualified bid, both forms */

/* ---- helpers ---- */

/* The sample with the vendor's answer to `id` made `partial`, as an
 * honest vendor answers a shortfall (a `yes` the facts refute would be
 * `contradicted`, which disqualifies for another reason). */
static char *answered_partial(const char *text, bool xml, const char *id)
{
    char from[128], to[128];
    if (xml) {
        snprintf(from, sizeof(from),
                 "<id>%s</id>\n    <response>yes</response>", id);
        snprintf(to, sizeof(to),
                 "<id>%s</id>\n    <response>partial</response>", id);
    } else {
        snprintf(from, sizeof(from),
                 "\"id\": \"%s\",\n      \"response\": \"yes\"", id);
        snprintf(to, sizeof(to),
                 "\"id\": \"%s\",\n      \"response\": \"partial\"", id);
    }
    return t_replace_first(text, from, to);
}

/* The bid in `form` ("json"/"xml") with one fact changed, and its answer
 * to `id` `partial`, is judged `status` on `id` and gets `verdict`,
 * never conditionally. */
static void expect_changed(const cv_criteria *c, const char *form,
                           const char *from, const char *to, const char *id,
                           const char *status, cv_verdict verdict)
{
    bool xml = strcmp(form, "xml") == 0;
    char *fact = t_replace_first(xml ? sample_xml : sample_json, from, to);
    char *text = answered_partial(fact, xml, id);
    cv_submission *s = t_evaluate(ctx, c, xml ? "bid.xml" : "bid.json", text);
    free(fact);
    T_CHECK(text != NULL);
    T_CHECK(s != NULL);
    if (s && (strcmp(t_status_of(s, id), status) != 0 ||
              cv_submission_verdict(s) != verdict))
        fprintf(stderr, "  %s: %s -> %s: %s is %s, verdict %s\n", form, from,
                to, id, t_status_of(s, id),
                cv_verdict_str(cv_submission_verdict(s)));
    T_STREQ(t_status_of(s, id), status);
    T_CHECK(s && cv_submission_verdict(s) == verdict);
    T_CHECK(s && !cv_submission_conditional(s));
    cv_submission_free(s);
    free(text);
}

/* Loads the criteria with a profile written here; CV_OK or the error. */
static cv_status load_profile(cv_criteria **out, const char *json)
{
    char *path = t_temp_file("cv_test_verdict_profile", json);
    cv_status st = CV_EIO;
    *out = NULL;
    if (path) {
        st = cv_criteria_load(out, ctx, criteria_dir, path);
        unlink(path);
        free(path);
    }
    return st;
}

#define PROFILE_HEAD                                                          \
    "{\"format\":\"cloudvet-profile/1\",\"id\":\"test-verdict\","           \
    "\"version\":\"1\",\"title\":{\"ja\":\"試験\",\"en\":\"test\"},"      \
    "\"extends\":\"tokki5-cloud\","

/* ---- 1. partial on a mandatory criterion ---- */

static void test_verdict__partial_mandatory_disqualifies(void)
{
    /* 30 days' notice: the data-return terms are there (partial_if), the
     * notice is short of the profile's minimum. */
    expect_changed(crit, "json", "\"termination_notice_days\": 180",
                   "\"termination_notice_days\": 30", "CLOUD-EXIT-NOTICE",
                   "partial", CV_VERDICT_DISQUALIFIED);
    expect_changed(crit, "xml",
                   "<termination-notice-days>180</termination-notice-days>",
                   "<termination-notice-days>30</termination-notice-days>",
                   "CLOUD-EXIT-NOTICE", "partial", CV_VERDICT_DISQUALIFIED);
}

static void test_verdict__partial_is_reported_as_disqualifying(void)
{
    char *fact = t_replace_first(sample_json,
                                 "\"termination_notice_days\": 180",
                                 "\"termination_notice_days\": 30");
    char *text = answered_partial(fact, false, "CLOUD-EXIT-NOTICE");
    cv_submission *s = t_evaluate(ctx, crit, "bid.json", text);
    size_t i;
    free(fact);
    int found = 0;
    for (i = 0; s && i < cv_submission_result_count(s); i++) {
        cv_result_info r;
        T_CHECK(cv_submission_result_at(s, i, &r) == CV_OK);
        if (strcmp(r.id, "CLOUD-EXIT-NOTICE") == 0)
            found = r.disqualifies;
        else
            T_CHECK(!r.disqualifies);
    }
    T_CHECK(found);
    cv_submission_free(s);
    free(text);
}

static void test_verdict__partial_qualifies_when_the_profile_says_so(void)
{
    cv_criteria *pq = NULL;
    cv_status st = load_profile(
        &pq, PROFILE_HEAD
        "\"criteria\":[{\"id\":\"CLOUD-EXIT-NOTICE\",\"mandatory\":true,"
        "\"weight\":4,\"partial_qualifies\":true},"
        "{\"id\":\"CLOUD-SLA-METRICS\",\"mandatory\":true,\"weight\":8}]}");
    T_CHECK(st == CV_OK);
    if (st != CV_OK)
        return;
    expect_changed(pq, "json", "\"termination_notice_days\": 180",
                   "\"termination_notice_days\": 30", "CLOUD-EXIT-NOTICE",
                   "partial", CV_VERDICT_QUALIFIED);
    expect_changed(pq, "xml",
                   "<termination-notice-days>180</termination-notice-days>",
                   "<termination-notice-days>30</termination-notice-days>",
                   "CLOUD-EXIT-NOTICE", "partial", CV_VERDICT_QUALIFIED);
    /* It accepts a partial result, not a failed one. */
    expect_changed(pq, "json", "\"availability_percent\": 99.95",
                   "\"availability_percent\": 99.5", "CLOUD-SLA-METRICS",
                   "not_met", CV_VERDICT_DISQUALIFIED);
    cv_criteria_free(pq);
}

static void test_verdict__partial_qualifies_is_a_boolean(void)
{
    cv_criteria *bad = NULL;
    T_CHECK(load_profile(&bad, PROFILE_HEAD
                         "\"criteria\":[{\"id\":\"CLOUD-EXIT-NOTICE\","
                         "\"mandatory\":true,\"weight\":4,"
                         "\"partial_qualifies\":\"yes\"}]}") ==
            CV_ECRITERIA);
    T_CHECK(bad == NULL);
    cv_criteria_free(bad);
}

/* ---- 2. thresholds are knock-outs ---- */

struct knockout {
    const char *json_from, *json_to, *xml_from, *xml_to, *id, *status;
};

static const struct knockout knockouts[] = {
    { "\"availability_percent\": 99.95", "\"availability_percent\": 99.8",
      "<availability-percent>99.95</availability-percent>",
      "<availability-percent>99.8</availability-percent>",
      "CLOUD-SLA-METRICS", "not_met" },
    { "\"rto_hours\": 4", "\"rto_hours\": 13", "<rto-hours>4</rto-hours>",
      "<rto-hours>13</rto-hours>", "CLOUD-SLA-METRICS", "not_met" },
    { "\"rpo_hours\": 1", "\"rpo_hours\": 25", "<rpo-hours>1</rpo-hours>",
      "<rpo-hours>25</rpo-hours>", "CLOUD-SLA-METRICS", "not_met" },
    { "\"retention_days\": 400", "\"retention_days\": 89",
      "<retention-days>400</retention-days>",
      "<retention-days>89</retention-days>", "CLOUD-SLA-METRICS",
      "not_met" },
    { "\"termination_notice_days\": 180", "\"termination_notice_days\": 89",
      "<termination-notice-days>180</termination-notice-days>",
      "<termination-notice-days>89</termination-notice-days>",
      "CLOUD-EXIT-NOTICE", "partial" },
};

/* The same facts exactly at the default profile's thresholds qualify. */
static const struct knockout at_threshold[] = {
    { "\"availability_percent\": 99.95", "\"availability_percent\": 99.9",
      "<availability-percent>99.95</availability-percent>",
      "<availability-percent>99.9</availability-percent>",
      "CLOUD-SLA-METRICS", "met" },
    { "\"rto_hours\": 4", "\"rto_hours\": 12", "<rto-hours>4</rto-hours>",
      "<rto-hours>12</rto-hours>", "CLOUD-SLA-METRICS", "met" },
    { "\"rpo_hours\": 1", "\"rpo_hours\": 24", "<rpo-hours>1</rpo-hours>",
      "<rpo-hours>24</rpo-hours>", "CLOUD-SLA-METRICS", "met" },
    { "\"retention_days\": 400", "\"retention_days\": 90",
      "<retention-days>400</retention-days>",
      "<retention-days>90</retention-days>", "CLOUD-SLA-METRICS", "met" },
    { "\"termination_notice_days\": 180", "\"termination_notice_days\": 90",
      "<termination-notice-days>180</termination-notice-days>",
      "<termination-notice-days>90</termination-notice-days>",
      "CLOUD-EXIT-NOTICE", "met" },
};

static void test_verdict__thresholds_are_knockouts(void)
{
    size_t i;
    for (i = 0; i < sizeof(knockouts) / sizeof(knockouts[0]); i++) {
        const struct knockout *k = &knockouts[i];
        expect_changed(crit, "json", k->json_from, k->json_to, k->id,
                       k->status, CV_VERDICT_DISQUALIFIED);
        expect_changed(crit, "xml", k->xml_from, k->xml_to, k->id, k->status,
                       CV_VERDICT_DISQUALIFIED);
    }
}

static void test_verdict__at_the_threshold_qualifies(void)
{
    size_t i;
    for (i = 0; i < sizeof(at_threshold) / sizeof(at_threshold[0]); i++) {
        const struct knockout *k = &at_threshold[i];
        expect_changed(crit, "json", k->json_from, k->json_to, k->id,
                       k->status, CV_VERDICT_QUALIFIED);
        expect_changed(crit, "xml", k->xml_from, k->xml_to, k->id, k->status,
                       CV_VERDICT_QUALIFIED);
    }
}

/* A municipality's stricter threshold knocks out what the default
 * accepts: the threshold is the profile's, not a constant. */
static void test_verdict__a_profile_threshold_knocks_out(void)
{
    cv_criteria *strict = NULL;
    cv_status st = load_profile(
        &strict, PROFILE_HEAD
        "\"parameters\":{\"rto_hours_max\":{\"value\":2,"
        "\"basis\":\"profile\",\"source\":\"test: two hours\"}}}");
    T_CHECK(st == CV_OK);
    if (st != CV_OK)
        return;
    expect_changed(strict, "json", "\"rto_hours\": 4", "\"rto_hours\": 3",
                   "CLOUD-SLA-METRICS", "not_met", CV_VERDICT_DISQUALIFIED);
    expect_changed(strict, "xml", "<rto-hours>4</rto-hours>",
                   "<rto-hours>3</rto-hours>", "CLOUD-SLA-METRICS", "not_met",
                   CV_VERDICT_DISQUALIFIED);
    cv_criteria_free(strict);
}

static void test_verdict__basis_is_validated(void)
{
    cv_criteria *bad = NULL;
    T_CHECK(load_profile(&bad, PROFILE_HEAD
                         "\"parameters\":{\"rto_hours_max\":{\"value\":2,"
                         "\"basis\":\"law\",\"source\":\"test\"}}}") ==
            CV_ECRITERIA);
    cv_criteria_free(bad);
    bad = NULL;
    T_CHECK(load_profile(&bad, PROFILE_HEAD
                         "\"parameters\":{\"rto_hours_max\":{\"value\":2,"
                         "\"basis\":true,\"source\":\"test\"}}}") ==
            CV_ECRITERIA);
    cv_criteria_free(bad);
}

/* ---- 3. claims are not facts ---- */

#define ANSWERS_HEAD_JSON                                                     \
    "{\"format\":\"cloudvet-questionnaire/1\","                               \
    "\"vendor\":{\"name\":\"株式会社テスト\"},"                               \
    "\"service\":{\"name\":\"テスト申請クラウド\"},\"answers\":["

static const char *const mandatory_ids[] = {
    "CLOUD-CERT",       "CLOUD-JURISDICTION", "CLOUD-REGION",
    "CLOUD-EXIT-NOTICE", "CLOUD-SLA-METRICS", "ACCESS-MFA",
    "CRYPTO-CRYPTREC",  "EXIT-DELETION"
};
#define NMANDATORY (sizeof(mandatory_ids) / sizeof(mandatory_ids[0]))

/* Every mandatory criterion answered `yes` (`last` for the last one),
 * with no fact at all, in JSON or XML. */
static char *answers_only(bool xml, const char *last)
{
    size_t i, n = 4096;
    char *out = malloc(n);
    if (!out)
        return NULL;
    strcpy(out, xml ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                      "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"
                      "<format>cloudvet-questionnaire/1</format>"
                      "<vendor><name>株式会社テスト</name></vendor>"
                      "<service><name>テスト申請クラウド</name></service>"
                    : ANSWERS_HEAD_JSON);
    for (i = 0; i < NMANDATORY; i++) {
        const char *resp = i + 1 == NMANDATORY ? last : "yes";
        size_t len = strlen(out);
        if (xml)
            snprintf(out + len, n - len,
                     "<answer><id>%s</id><response>%s</response></answer>",
                     mandatory_ids[i], resp);
        else
            snprintf(out + len, n - len,
                     "%s{\"id\":\"%s\",\"response\":\"%s\"}", i ? "," : "",
                     mandatory_ids[i], resp);
    }
    strncat(out, xml ? "</questionnaire>" : "]}", n - strlen(out) - 1);
    return out;
}

static void test_verdict__claimed_mandatory_is_conditional(void)
{
    int xml;
    for (xml = 0; xml <= 1; xml++) {
        char *text = answers_only(xml, "yes");
        cv_submission *s =
            t_evaluate(ctx, crit, xml ? "a.xml" : "a.json", text);
        size_t i;
        T_CHECK(s != NULL);
        T_CHECK(s && cv_submission_verdict(s) == CV_VERDICT_QUALIFIED);
        T_CHECK(s && cv_submission_conditional(s));
        T_CHECK(s && cv_submission_pending_count(s) == NMANDATORY);
        for (i = 0; s && i < NMANDATORY; i++)
            T_STREQ(cv_submission_pending_at(s, i), mandatory_ids[i]);
        T_CHECK(s && cv_submission_pending_at(s, NMANDATORY) == NULL);
        cv_submission_free(s);
        free(text);
    }
}

static void test_verdict__a_failure_outweighs_claims(void)
{
    int xml;
    for (xml = 0; xml <= 1; xml++) {
        char *text = answers_only(xml, "no");
        cv_submission *s =
            t_evaluate(ctx, crit, xml ? "a.xml" : "a.json", text);
        T_STREQ(t_status_of(s, "EXIT-DELETION"), "not_met");
        T_CHECK(s && cv_submission_verdict(s) == CV_VERDICT_DISQUALIFIED);
        T_CHECK(s && !cv_submission_conditional(s));
        T_CHECK(s && cv_submission_pending_count(s) == 0);
        cv_submission_free(s);
        free(text);
    }
}

static void test_verdict__all_met_is_not_conditional(void)
{
    cv_submission *a = t_evaluate(ctx, crit, "bid.json", sample_json);
    cv_submission *b = t_evaluate(ctx, crit, "bid.xml", sample_xml);
    T_CHECK(a && cv_submission_verdict(a) == CV_VERDICT_QUALIFIED);
    T_CHECK(b && cv_submission_verdict(b) == CV_VERDICT_QUALIFIED);
    T_CHECK(a && !cv_submission_conditional(a));
    T_CHECK(b && !cv_submission_conditional(b));
    T_CHECK(a && cv_submission_pending_count(a) == 0);
    T_CHECK(b && cv_submission_pending_count(b) == 0);
    cv_submission_free(a);
    cv_submission_free(b);
}

/* ---- report.json and ndjson carry it ---- */

struct buf {
    char *p;
    size_t n;
};

static int to_buf(const char *data, size_t len, void *payload)
{
    struct buf *b = payload;
    char *np = realloc(b->p, b->n + len + 1);
    if (!np)
        return -1;
    memcpy(np + b->n, data, len);
    b->n += len;
    np[b->n] = '\0';
    b->p = np;
    return 0;
}

static void test_verdict__report_json_members(void)
{
    cv_report *rep = NULL;
    struct buf out = { NULL, 0 }, line = { NULL, 0 };
    char *answers = answers_only(false, "yes");
    cv_submission *met = t_evaluate(ctx, crit, "met.json", sample_json);
    cv_submission *claimed = t_evaluate(ctx, crit, "claimed.json", answers);
    const char *at;
    T_CHECK(met && claimed);
    T_CHECK(claimed && cv_submission_write_ndjson(ctx, crit, claimed, to_buf,
                                                  &line) == CV_OK);
    T_CHECK(line.p && strstr(line.p, "\"conditional\":true,\"pending\":"
                                     "[\"CLOUD-CERT\",\"CLOUD-JURISDICTION\","));
    T_CHECK(cv_report_new(&rep, ctx, crit) == CV_OK);
    T_CHECK(rep && cv_report_add(rep, met) == CV_OK);
    T_CHECK(rep && cv_report_add(rep, claimed) == CV_OK);
    if (rep) {
        cv_report_finish(rep);
        T_CHECK(cv_report_write(rep, CV_REPORT_JSON, to_buf, &out) == CV_OK);
        /* Conditional bids stay qualified and ranked (compatible v1). */
        T_CHECK(cv_report_rank_at(rep, 1) == 2);
    }
    at = out.p ? strstr(out.p, "\"file\": \"met.json\"") : NULL;
    T_CHECK(at && strstr(at, "\"verdict\": \"qualified\",\n"
                             "      \"conditional\": false,\n"
                             "      \"pending\": [],"));
    at = out.p ? strstr(out.p, "\"file\": \"claimed.json\"") : NULL;
    T_CHECK(at && strstr(at, "\"verdict\": \"qualified\",\n"
                             "      \"conditional\": true,\n"
                             "      \"pending\": [\n"
                             "        \"CLOUD-CERT\","));
    /* Each parameter says what it rests on. */
    T_CHECK(out.p && strstr(out.p, "\"availability_percent_min\": {\n"
                                   "        \"value\": 99.9,\n"
                                   "        \"basis\": \"guideline\","));
    T_CHECK(out.p && strstr(out.p, "\"rpo_hours_max\": {\n"
                                   "        \"value\": 24.0,\n"
                                   "        \"basis\": \"profile\","));
    T_CHECK(out.p && strstr(out.p, "\"home_country\": {\n"
                                   "        \"value\": \"JP\",\n"
                                   "        \"basis\": \"clause\","));
    cv_report_free(rep);
    free(out.p);
    free(line.p);
    free(answers);
}

/* An override that does not say what it rests on is the profile's own
 * choice, whatever the base profile said. */
static void test_verdict__an_override_without_basis_is_the_profiles(void)
{
    cv_criteria *c = NULL;
    cv_report *rep = NULL;
    struct buf out = { NULL, 0 };
    cv_status st = load_profile(
        &c, PROFILE_HEAD "\"parameters\":{\"availability_percent_min\":"
                         "{\"value\":99.99,\"source\":\"test\"}}}");
    T_CHECK(st == CV_OK);
    if (st != CV_OK)
        return;
    T_CHECK(cv_report_new(&rep, ctx, c) == CV_OK);
    if (rep) {
        cv_report_finish(rep);
        T_CHECK(cv_report_write(rep, CV_REPORT_JSON, to_buf, &out) == CV_OK);
    }
    T_CHECK(out.p && strstr(out.p, "\"availability_percent_min\": {\n"
                                   "        \"value\": 99.99,\n"
                                   "        \"basis\": \"profile\","));
    cv_report_free(rep);
    cv_criteria_free(c);
    free(out.p);
}

/* The template shows the vendor each threshold with its basis. */
static void test_verdict__template_shows_thresholds(void)
{
    struct buf json = { NULL, 0 }, xml = { NULL, 0 };
    T_CHECK(cv_template_write(ctx, crit, CV_DOC_JSON, to_buf, &json) ==
            CV_OK);
    T_CHECK(cv_template_write(ctx, crit, CV_DOC_XML, to_buf, &xml) == CV_OK);
    T_CHECK(json.p && strstr(json.p, "sla.availability_percent ≥ 99.9 [指針"));
    T_CHECK(json.p && strstr(json.p, "sla.rpo_hours ≤ 24 [本プロファイルの選択"));
    T_CHECK(xml.p && strstr(xml.p, "<!-- 判定に用いる値: "));
    T_CHECK(xml.p && strstr(xml.p, "exit.termination_notice_days ≥ 90 ["));
    free(json.p);
    free(xml.p);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "partial_mandatory_disqualifies",
          test_verdict__partial_mandatory_disqualifies },
        { "partial_is_reported_as_disqualifying",
          test_verdict__partial_is_reported_as_disqualifying },
        { "partial_qualifies_when_the_profile_says_so",
          test_verdict__partial_qualifies_when_the_profile_says_so },
        { "partial_qualifies_is_a_boolean",
          test_verdict__partial_qualifies_is_a_boolean },
        { "thresholds_are_knockouts", test_verdict__thresholds_are_knockouts },
        { "at_the_threshold_qualifies",
          test_verdict__at_the_threshold_qualifies },
        { "a_profile_threshold_knocks_out",
          test_verdict__a_profile_threshold_knocks_out },
        { "basis_is_validated", test_verdict__basis_is_validated },
        { "claimed_mandatory_is_conditional",
          test_verdict__claimed_mandatory_is_conditional },
        { "a_failure_outweighs_claims",
          test_verdict__a_failure_outweighs_claims },
        { "all_met_is_not_conditional",
          test_verdict__all_met_is_not_conditional },
        { "report_json_members", test_verdict__report_json_members },
        { "an_override_without_basis_is_the_profiles",
          test_verdict__an_override_without_basis_is_the_profiles },
        { "template_shows_thresholds",
          test_verdict__template_shows_thresholds },
    };
    int rc;
    if (argc != 4) {
        fprintf(stderr, "usage: test_verdict CRITERIA_DIR SAMPLE.json "
                        "SAMPLE.xml\n");
        return 2;
    }
    criteria_dir = argv[1];
    sample_json = t_read_file(argv[2]);
    sample_xml = t_read_file(argv[3]);
    if (!sample_json || !sample_xml) {
        fprintf(stderr, "cannot read %s or %s\n", argv[2], argv[3]);
        return 1;
    }
    if (t_api_open(&ctx, &crit, criteria_dir, CV_LANG_JA) != 0)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    t_api_close(ctx, crit);
    free(sample_json);
    free(sample_xml);
    return rc;
}
