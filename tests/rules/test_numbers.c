/* SPDX-License-Identifier: MIT */
/*
 * test_numbers.c: numbers as written, units and bound words, and the
 * reasons of conditions and gradings (issue rules 7, 13, 15), through the
 * public API, each case in the JSON and the XML form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx_ja, *ctx_en;
static cv_criteria *crit_ja, *crit_en;

/* The SLA fields CLOUD-SLA-METRICS reads, as the vendor wrote them. */
struct sla {
    const char *avail, *rto, *rpo, *retention;
};

static const struct sla good = { "99.9", "12", "24", "90" };

/* A JSON value: a plain ASCII number as a number, anything else as a
 * string (what a vendor writes with a unit or a bound word). */
static void json_value(char *out, size_t cap, const char *v)
{
    if (strspn(v, "0123456789.eE+-") == strlen(v))
        snprintf(out, cap, "%s", v);
    else
        snprintf(out, cap, "\"%s\"", v);
}

static char *json_doc(const struct sla *s)
{
    char a[1024], r[1024], p[1024], k[1024];
    char *doc = malloc(8192);
    json_value(a, sizeof(a), s->avail);
    json_value(r, sizeof(r), s->rto);
    json_value(p, sizeof(p), s->rpo);
    json_value(k, sizeof(k), s->retention);
    snprintf(doc, 8192,
             "{\"format\":\"cloudvet-questionnaire/1\","
             "\"vendor\":{\"name\":\"株式会社テスト\"},"
             "\"service\":{\"name\":\"テスト申請クラウド\"},"
             "\"sla\":{\"availability_percent\":%s,\"rto_hours\":%s,"
             "\"rpo_hours\":%s,\"backup\":{\"frequency_hours\":24,"
             "\"retention_days\":%s}},"
             "\"answers\":[{\"id\":\"CLOUD-SLA-METRICS\","
             "\"response\":\"yes\"}]}",
             a, r, p, k);
    return doc;
}

static char *xml_doc(const struct sla *s)
{
    char *doc = malloc(8192);
    snprintf(doc, 8192,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"
             "<vendor><name>株式会社テスト</name></vendor>"
             "<service><name>テスト申請クラウド</name></service>"
             "<sla><availability-percent>%s</availability-percent>"
             "<rto-hours>%s</rto-hours><rpo-hours>%s</rpo-hours>"
             "<backup><frequency-hours>24</frequency-hours>"
             "<retention-days>%s</retention-days></backup></sla>"
             "<answer><id>CLOUD-SLA-METRICS</id><response>yes</response>"
             "</answer></questionnaire>",
             s->avail, s->rto, s->rpo, s->retention);
    return doc;
}

/* CLOUD-SLA-METRICS for `s`, answered yes, in both forms: met when the
 * facts hold, claimed when they cannot be decided, contradicted when they
 * refute the yes. */
static void expect(const struct sla *s, const char *status)
{
    char *docs[2];
    int i;
    docs[0] = json_doc(s);
    docs[1] = xml_doc(s);
    for (i = 0; i < 2; i++) {
        cv_submission *sub = t_evaluate(ctx_ja, crit_ja,
                                        i ? "t.xml" : "t.json", docs[i]);
        const char *got = t_status_of(sub, "CLOUD-SLA-METRICS");
        if (strcmp(got, status) != 0)
            fprintf(stderr, "  for %s\n", docs[i]);
        T_STREQ(got, status);
        cv_submission_free(sub);
        free(docs[i]);
    }
}

static struct sla with_rto(const char *v)
{
    struct sla s = good;
    s.rto = v;
    return s;
}

static struct sla with_rpo(const char *v)
{
    struct sla s = good;
    s.rpo = v;
    return s;
}

static struct sla with_avail(const char *v)
{
    struct sla s = good;
    s.avail = v;
    return s;
}

static struct sla with_retention(const char *v)
{
    struct sla s = good;
    s.retention = v;
    return s;
}

static void rto_is(const char *v, const char *status)
{
    struct sla s = with_rto(v);
    expect(&s, status);
}

static void rpo_is(const char *v, const char *status)
{
    struct sla s = with_rpo(v);
    expect(&s, status);
}

static void avail_is(const char *v, const char *status)
{
    struct sla s = with_avail(v);
    expect(&s, status);
}

static void retention_is(const char *v, const char *status)
{
    struct sla s = with_retention(v);
    expect(&s, status);
}

static void test_numbers__units_are_converted(void)
{
    expect(&good, "met");
    rto_is("720分", "met");            /* 12 h */
    rto_is("721分", "contradicted");
    rto_is("720 minutes", "met");
    rto_is("12h", "met");
    rto_is("12 hours", "met");
    rto_is("12時間", "met");
    rto_is("１２時間", "met");
    rto_is("13時間", "contradicted");
    rto_is("0.5日", "met");            /* 12 h */
    rto_is("1日", "contradicted");     /* 24 h > 12 h */
    retention_is("90日", "met");
    retention_is("90 days", "met");
    retention_is("13週", "met");       /* 91 days */
    retention_is("12 weeks", "contradicted");
    avail_is("99.9%", "met");
    avail_is("９９．９％", "met");
    avail_is("99.9 percent", "met");
    avail_is("99.8%", "contradicted");
}

/* A month is 28 to 31 days; a business day at least one calendar day,
 * with no upper end: what only the length decides goes to a person. */
static void test_numbers__months_and_business_days_are_conservative(void)
{
    retention_is("4か月", "met");        /* at least 112 days */
    retention_is("3か月", "claimed");    /* 84 to 93 days vs >= 90 */
    retention_is("3ヶ月", "claimed");
    retention_is("3カ月", "claimed");
    retention_is("3箇月", "claimed");
    retention_is("3 months", "claimed");
    retention_is("2ヶ月", "contradicted"); /* at most 62 days */
    retention_is("90営業日", "met");     /* at least 90 days */
    retention_is("90 business days", "met");
    retention_is("89営業日", "claimed");
    rpo_is("1営業日", "claimed");        /* at least 24 h, no upper end */
    rto_is("1営業日", "contradicted");   /* at least 24 h > 12 h */
}

static void test_numbers__bound_words_are_read(void)
{
    avail_is("99.9%以上", "met");
    avail_is("99.9% or more", "met");
    avail_is("at least 99.9%", "met");
    avail_is("99.8%超", "contradicted"); /* > 99.8 does not show >= 99.9 */
    avail_is("99.9%以下", "contradicted"); /* an upper bound shows no minimum */
    rto_is("12時間以内", "met");
    rto_is("12時間まで", "met");
    rto_is("within 12 hours", "met");
    rto_is("最大12時間", "met");
    rto_is("12時間未満", "met");
    rto_is("13時間未満", "contradicted");
    rto_is("12時間超", "contradicted");
    rto_is("12時間以上", "contradicted");
    /* Conflicting bound words: unreadable (an error at the value), which
     * refutes nothing; with the yes it is a claim for a person. */
    rto_is("12時間以上以内", "claimed");
}

static void test_numbers__approximations_are_not_commitments(void)
{
    rto_is("約4時間", "claimed");
    rto_is("4時間程度", "claimed");
    rto_is("目標4時間", "claimed");
    rto_is("about 4 hours", "claimed");
    avail_is("99.95%(目標)", "claimed");
    rto_is("約48時間", "contradicted"); /* even the estimate fails */
}

static void test_numbers__unknown_unit_is_located_and_unused(void)
{
    struct sla s = with_rto("12 parsecs");
    char *json = json_doc(&s), *xml = xml_doc(&s);
    cv_submission *a = t_evaluate(ctx_ja, crit_ja, "t.json", json);
    cv_submission *b = t_evaluate(ctx_ja, crit_ja, "t.xml", xml);
    T_CHECK(t_diag_at(a, CV_SEV_ERROR, "/sla/rto_hours"));
    T_CHECK(t_diag_at(b, CV_SEV_ERROR, "sla/rto-hours"));
    /* Given but unreadable: not met, and not refuted either (a unit the
     * tables do not know is never a refutation): a claim for a person. */
    T_STREQ(t_status_of(a, "CLOUD-SLA-METRICS"), "claimed");
    T_STREQ(t_status_of(b, "CLOUD-SLA-METRICS"), "claimed");
    cv_submission_free(a);
    cv_submission_free(b);
    free(json);
    free(xml);
    s = with_rto("12%"); /* a unit of another dimension */
    json = json_doc(&s);
    a = t_evaluate(ctx_ja, crit_ja, "t.json", json);
    T_CHECK(t_diag_at(a, CV_SEV_ERROR, "/sla/rto_hours"));
    T_STREQ(t_status_of(a, "CLOUD-SLA-METRICS"), "claimed");
    cv_submission_free(a);
    free(json);
}

static void test_numbers__decimals_as_written(void)
{
    static char huge[400], too_long[400];
    /* The same double as 99.9, but below it as written. */
    avail_is("99.89999999999999999", "contradicted");
    avail_is("99.90000", "met");
    avail_is("9.99e1", "met");
    avail_is("999e-1", "met");
    avail_is("0.999E+2", "met");
    avail_is("99.9000000000000000000001", "met");
    rto_is("12.000000000000000001", "contradicted");
    rto_is("1.2e1", "met");
    rto_is("-1", "claimed"); /* below the minimum: unreadable, refutes nothing */
    /* Long digit strings are compared digit by digit. */
    snprintf(huge, sizeof(huge), "99.9%0150d1", 0);
    avail_is(huge, "met");
    snprintf(huge, sizeof(huge), "99.8%0150d9", 0);
    avail_is(huge, "contradicted");
    /* Beyond what we keep: an error, not a rounded value; unreadable, so
     * a claim for a person, never met and never a refutation. */
    memcpy(too_long, "99.", 3);
    memset(too_long + 3, '9', 250);
    too_long[253] = '\0';
    avail_is(too_long, "claimed");
}

static int reason_has(cv_ctx *ctx, cv_criteria *crit, const char *doc,
                      const char *name, const char *id, const char *part)
{
    cv_submission *s = t_evaluate(ctx, crit, name, doc);
    cv_result_info r;
    int ok = t_result(s, id, &r) && strstr(r.reason, part) != NULL;
    if (!ok)
        fprintf(stderr, "  reason: %s\n  wanted: %s\n",
                s && t_result(s, id, &r) ? r.reason : "(none)", part);
    cv_submission_free(s);
    return ok;
}

static void test_numbers__reasons_name_each_check_and_missed_bonus(void)
{
    struct sla s = { "99.89999999999999999", "4", "1", "400" };
    char *json, *xml;
    s.avail = "99.95";
    json = json_doc(&s);
    xml = xml_doc(&s);
    T_CHECK(reason_has(ctx_ja, crit_ja, json, "t.json", "CLOUD-SLA-METRICS",
                       "加点なし: RTO 1 時間以内 (+0.8) — 記載は 4 時間"));
    T_CHECK(reason_has(ctx_en, crit_en, xml, "t.xml", "CLOUD-SLA-METRICS",
                       "no bonus: RTO at most 1 h (+0.8) — stated: 4 h"));
    T_CHECK(reason_has(ctx_en, crit_en, json, "t.json", "CLOUD-SLA-METRICS",
                       "✓ RTO: 4 h, which meets the requirement (at most "
                       "12 h)"));
    T_CHECK(reason_has(ctx_en, crit_en, json, "t.json", "CLOUD-SLA-METRICS",
                       "bonus: availability at least 99.95 % (+1.6)"));
    T_CHECK(reason_has(ctx_ja, crit_ja, json, "t.json", "CLOUD-SLA-METRICS",
                       "加点なし: バックアップを別拠点に保管 (+0.8) — "
                       "記載なし"));
    free(json);
    free(xml);
    /* The number as written, not the double it rounds to. */
    s.avail = "99.89999999999999999";
    json = json_doc(&s);
    T_CHECK(reason_has(ctx_en, crit_en, json, "t.json", "CLOUD-SLA-METRICS",
                       "✗ availability: 99.89999999999999999 %, which does "
                       "not meet the requirement (at least 99.9 %)"));
    free(json);
    /* What was read, and why it cannot be decided. */
    s.avail = "99.9";
    s.retention = "3か月";
    xml = xml_doc(&s);
    T_CHECK(reason_has(ctx_ja, crit_ja, xml, "t.xml", "CLOUD-SLA-METRICS",
                       "? バックアップの保存期間は「3か月」(84〜93 日) で"));
    free(xml);
    s.retention = "400";
    s.rto = "約4時間";
    json = json_doc(&s);
    T_CHECK(reason_has(ctx_en, crit_en, json, "t.json", "CLOUD-SLA-METRICS",
                       "an approximation or target ('約') is no commitment"));
    free(json);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "units_are_converted", test_numbers__units_are_converted },
        { "months_and_business_days_are_conservative",
          test_numbers__months_and_business_days_are_conservative },
        { "bound_words_are_read", test_numbers__bound_words_are_read },
        { "approximations_are_not_commitments",
          test_numbers__approximations_are_not_commitments },
        { "unknown_unit_is_located_and_unused",
          test_numbers__unknown_unit_is_located_and_unused },
        { "decimals_as_written", test_numbers__decimals_as_written },
        { "reasons_name_each_check_and_missed_bonus",
          test_numbers__reasons_name_each_check_and_missed_bonus },
    };
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: test_numbers CRITERIA_DIR\n");
        return 2;
    }
    if (t_api_open(&ctx_ja, &crit_ja, argv[1], CV_LANG_JA) != 0)
        return 1;
    /* A second context for English reasons (the library is initialised
     * once per open; the first close leaves it to the second). */
    ctx_en = t_api_ctx(CV_LANG_EN);
    if (!ctx_en || cv_criteria_load(&crit_en, ctx_en, argv[1], NULL) != CV_OK)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_criteria_free(crit_en);
    cv_ctx_free(ctx_en);
    t_api_close(ctx_ja, crit_ja);
    return rc;
}
