/* SPDX-License-Identifier: MIT */
/*
 * test_rules.c: the rules the facts are checked by (issue #2, item 5),
 * through the public API only, on small submissions written here.
 */
#include <stdlib.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

#define HEAD                                                                  \
    "{\"format\":\"cloudvet-questionnaire/1\","                               \
    "\"vendor\":{\"name\":\"株式会社テスト\"},"                               \
    "\"service\":{\"name\":\"テスト申請クラウド\","                           \
    "\"underlying_cloud\":{\"name\":\"Amazon Web Services\","                 \
    "\"provider\":\"Amazon Web Services, Inc.\"}}"

static cv_submission *eval_json(const char *json)
{
    return t_evaluate(ctx, crit, "test.json", json);
}

static void expect(const char *json, const char *id, const char *status)
{
    cv_submission *s = eval_json(json);
    T_CHECK(s != NULL);
    if (strcmp(t_status_of(s, id), status) != 0)
        fprintf(stderr, "  for %s\n", json);
    T_STREQ(t_status_of(s, id), status);
    cv_submission_free(s);
}

static void test_rules__certificate_expired_is_not_met(void)
{
    expect(HEAD ",\"certifications\":[{\"scheme\":\"ISO/IEC 27017\","
                "\"holder\":\"株式会社テスト\",\"scope\":\"テスト申請クラウド\","
                "\"valid_until\":\"2026-03-31\"}]}",
           "CLOUD-CERT", "not_met");
    expect(HEAD ",\"certifications\":[{\"scheme\":\"ISO/IEC 27017:2015\","
                "\"holder\":\"(株)テスト\",\"scope\":\"テスト申請クラウド\","
                "\"valid_until\":\"2027-03-31\"}]}",
           "CLOUD-CERT", "met");
}

static void test_rules__ismap_of_the_iaas_only_is_not_met(void)
{
    expect(HEAD ",\"certifications\":[{\"scheme\":\"ISMAP\",\"id\":\"C21-0001-1\","
                "\"holder\":\"アマゾン ウェブ サービス ジャパン\","
                "\"scope\":\"Amazon Web Services\","
                "\"valid_until\":\"2027-03-31\"}],"
                "\"answers\":[{\"id\":\"CLOUD-CERT\",\"response\":\"yes\"}]}",
           "CLOUD-CERT", "contradicted");
    expect(HEAD ",\"certifications\":[{\"scheme\":\"ISMAP-LIU\","
                "\"holder\":\"株式会社テスト\",\"scope\":\"テスト申請クラウド\","
                "\"valid_until\":\"2027-03-31\"}]}",
           "CLOUD-CERT", "not_met");
}

static void test_rules__storage_abroad_fails_region(void)
{
    expect(HEAD ",\"data_location\":{\"storage\":["
                "{\"purpose\":\"primary\",\"country\":\"JP\",\"region\":\"ap-northeast-1\"},"
                "{\"purpose\":\"backup\",\"country\":\"JP\",\"region\":\"ap-northeast-3\"},"
                "{\"purpose\":\"dr\",\"country\":\"JP\",\"region\":\"ap-northeast-3c\"},"
                "{\"purpose\":\"logs\",\"country\":\"JP\",\"region\":\"ap-northeast-1a\"}]}}",
           "CLOUD-REGION", "met");
    expect(HEAD ",\"data_location\":{\"storage\":["
                "{\"purpose\":\"primary\",\"country\":\"JP\",\"region\":\"ap-northeast-1\"},"
                "{\"purpose\":\"backup\",\"country\":\"US\",\"region\":\"us-west-2\"},"
                "{\"purpose\":\"dr\",\"country\":\"JP\",\"region\":\"ap-northeast-3\"},"
                "{\"purpose\":\"logs\",\"country\":\"JP\",\"region\":\"ap-northeast-1\"}]}}",
           "CLOUD-REGION", "not_met");
    /* A region that belongs to another country, stated without a country. */
    expect(HEAD ",\"data_location\":{\"storage\":["
                "{\"purpose\":\"primary\",\"region\":\"ap-northeast-1-tpe-1\"}]}}",
           "CLOUD-REGION", "not_met");
    expect(HEAD ",\"sla\":{\"backup\":{\"country\":\"SG\"}}}", "CLOUD-REGION",
           "not_met");
}

static void test_rules__country_region_disagreement_is_contradicted(void)
{
    expect(HEAD ",\"data_location\":{\"storage\":["
                "{\"purpose\":\"primary\",\"country\":\"JP\",\"region\":\"ap-southeast-1\"}]}}",
           "CLOUD-REGION", "contradicted");
}

#define CRYPTO(rest, transit)                                                 \
    HEAD ",\"encryption\":{\"at_rest\":[" rest "],\"in_transit\":[" transit   \
         "]}}"
#define GOOD_REST "{\"algorithm\":\"AES\",\"key_bits\":256,\"mode\":\"GCM\"}"
#define GOOD_TLS "{\"protocol\":\"TLS\",\"versions\":[\"1.2\",\"1.3\"]}"

static void test_rules__cryptrec_classification(void)
{
    expect(CRYPTO(GOOD_REST, GOOD_TLS), "CRYPTO-CRYPTREC", "met");
    expect(CRYPTO("{\"algorithm\":\"3DES\",\"key_bits\":168,\"mode\":\"CBC\"}",
                  GOOD_TLS),
           "CRYPTO-CRYPTREC", "not_met");
    expect(CRYPTO("{\"algorithm\":\"RC4\",\"key_bits\":128}", GOOD_TLS),
           "CRYPTO-CRYPTREC", "not_met");
    expect(CRYPTO(GOOD_REST, "{\"protocol\":\"TLS\",\"versions\":[\"TLSv1.0\"]}"),
           "CRYPTO-CRYPTREC", "not_met");
    expect(CRYPTO(GOOD_REST, "{\"protocol\":\"TLS\",\"versions\":[\"1.1\",\"1.2\"]}"),
           "CRYPTO-CRYPTREC", "not_met");
    expect(HEAD ",\"encryption\":{\"at_rest\":[" GOOD_REST "],"
                "\"in_transit\":[" GOOD_TLS "],\"hashes\":[\"SHA-1\"]}}",
           "CRYPTO-CRYPTREC", "not_met");
    expect(HEAD ",\"encryption\":{\"at_rest\":[" GOOD_REST "],"
                "\"in_transit\":[" GOOD_TLS "],"
                "\"signatures\":[{\"algorithm\":\"RSA\",\"key_bits\":1024}]}}",
           "CRYPTO-CRYPTREC", "not_met");
    expect(HEAD ",\"encryption\":{\"at_rest\":[" GOOD_REST "],"
                "\"in_transit\":[" GOOD_TLS "],"
                "\"signatures\":[{\"algorithm\":\"RSA\",\"key_bits\":2048}]}}",
           "CRYPTO-CRYPTREC", "met");
    expect(CRYPTO(GOOD_REST, "{\"protocol\":\"TLS\",\"versions\":[\"1.2\"],"
                             "\"cipher_suites\":[\"TLS_RSA_WITH_AES_128_GCM_SHA256\"]}"),
           "CRYPTO-CRYPTREC", "not_met");
    /* Only at rest: the clause asks for both flows, and the unstated one
     * cannot be checked, so without a yes it is not met. */
    expect(HEAD ",\"encryption\":{\"at_rest\":[" GOOD_REST "]}}",
           "CRYPTO-CRYPTREC", "not_met");
}

#define MFA(factors, scope)                                                   \
    HEAD ",\"access_control\":{\"mfa\":{\"required\":true,\"scope\":\"" scope \
         "\",\"factors\":[" factors "]}}}"

static void test_rules__mfa_needs_two_kinds_and_a_biometric(void)
{
    expect(MFA("\"password\",\"face\"", "all_users"), "ACCESS-MFA", "met");
    expect(MFA("\"password\",\"sms\"", "all_users"), "ACCESS-MFA", "not_met");
    expect(MFA("\"fingerprint\",\"face\"", "all_users"), "ACCESS-MFA",
           "not_met");
    /* 5(2) covers the accounts that administer and operate the service */
    expect(MFA("\"password\",\"顔認証\"", "administrators"), "ACCESS-MFA",
           "met");
    expect(MFA("\"password\",\"retina-scan\"", "all_users"), "ACCESS-MFA",
           "not_met");
}

static void test_rules__answers_without_facts_are_claimed(void)
{
    expect(HEAD ",\"answers\":[{\"id\":\"CLOUD-REGION\",\"response\":\"yes\"}]}",
           "CLOUD-REGION", "claimed");
    expect(HEAD "}", "CLOUD-REGION", "unanswered");
    expect(HEAD ",\"answers\":[{\"id\":\"CLOUD-REMEDIES\",\"response\":\"na\"}]}",
           "CLOUD-REMEDIES", "not_met");
    expect(HEAD ",\"answers\":[{\"id\":\"ISOLATION-VM-NETWORK\",\"response\":\"na\"}]}",
           "ISOLATION-VM-NETWORK", "not_applicable");
}

static void test_rules__yes_refuted_by_facts_is_contradicted(void)
{
    expect(HEAD ",\"exit\":{\"termination_notice_days\":30,"
                "\"data_return\":{\"formats\":[\"CSV\"],\"method\":\"export\"}},"
                "\"answers\":[{\"id\":\"CLOUD-EXIT-NOTICE\",\"response\":\"yes\"}]}",
           "CLOUD-EXIT-NOTICE", "contradicted");
    expect(HEAD ",\"sla\":{\"availability_percent\":\"９９．９５％\","
                "\"rto_hours\":4,\"rpo_hours\":1,"
                "\"backup\":{\"frequency_hours\":24,\"retention_days\":90}}}",
           "CLOUD-SLA-METRICS", "met");
}

static void test_rules__unreadable_input_is_invalid(void)
{
    cv_submission *s = eval_json("{\"format\":");
    T_CHECK(s && cv_submission_verdict(s) == CV_VERDICT_INVALID);
    T_CHECK(s && cv_submission_diag_count(s) > 0 &&
            cv_submission_diag_at(s, 0)->line == 1);
    cv_submission_free(s);
    s = eval_json("{\"format\":\"cloudvet-questionnaire/1\"}");
    T_CHECK(s && cv_submission_verdict(s) == CV_VERDICT_INVALID);
    cv_submission_free(s);
    s = eval_json("<?xml version=\"1.0\"?><!DOCTYPE q [<!ENTITY x SYSTEM "
                  "\"file:///etc/passwd\">]><questionnaire "
                  "xmlns=\"urn:cloudvet:questionnaire:1\">&x;</questionnaire>");
    T_CHECK(s && cv_submission_verdict(s) == CV_VERDICT_INVALID);
    cv_submission_free(s);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "certificate_expired", test_rules__certificate_expired_is_not_met },
        { "ismap_iaas_only", test_rules__ismap_of_the_iaas_only_is_not_met },
        { "storage_abroad", test_rules__storage_abroad_fails_region },
        { "country_region_disagree",
          test_rules__country_region_disagreement_is_contradicted },
        { "cryptrec", test_rules__cryptrec_classification },
        { "mfa", test_rules__mfa_needs_two_kinds_and_a_biometric },
        { "claimed", test_rules__answers_without_facts_are_claimed },
        { "contradicted", test_rules__yes_refuted_by_facts_is_contradicted },
        { "invalid", test_rules__unreadable_input_is_invalid },
    };
    return t_api_main(argc, argv, "test_rules", CV_LANG_JA, &ctx, &crit,
                      cases, sizeof(cases) / sizeof(cases[0]));
}
