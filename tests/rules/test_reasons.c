/* SPDX-License-Identifier: MIT */
/*
 * test_reasons.c: reasons in plain words (issue 15, item 4), through the
 * public API, in JSON and XML and in both languages.
 *
 * A reason is one sentence per sub-check saying what was required, what
 * the vendor stated and how it came out; fields are named by their
 * labels, never by a path, a dotted member or an enumeration token; a
 * missed bonus is named with the points it is worth and what was stated
 * instead. Where the facts are goes into `detail` (JSON Pointer, XPath),
 * bounded, and is absent when the reason cites nothing.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx_ja, *ctx_en;
static cv_criteria *crit_ja, *crit_en;

#define HEAD_JSON                                                             \
    "{\"format\":\"cloudvet-questionnaire/1\","                               \
    "\"vendor\":{\"name\":\"株式会社テスト\"},"                              \
    "\"service\":{\"name\":\"テスト申請クラウド\","                          \
    "\"underlying_cloud\":{\"name\":\"Amazon Web Services\"}},"
#define HEAD_XML                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                              \
    "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"                  \
    "<vendor><name>株式会社テスト</name></vendor>"                           \
    "<service><name>テスト申請クラウド</name><underlying-cloud><name>"       \
    "Amazon Web Services</name></underlying-cloud></service>"

/* Primary data at home, the backup in us-west-2. */
static const char backup_abroad_json[] =
    HEAD_JSON "\"data_location\":{\"storage\":["
              "{\"purpose\":\"primary\",\"region\":\"ap-northeast-1\"},"
              "{\"purpose\":\"backup\",\"region\":\"us-west-2\"}]},"
              "\"answers\":[{\"id\":\"CLOUD-REGION\",\"response\":\"no\"}]}";
static const char backup_abroad_xml[] =
    HEAD_XML "<data-location><storage><purpose>primary</purpose><region>"
             "ap-northeast-1</region></storage><storage><purpose>backup"
             "</purpose><region>us-west-2</region></storage></data-location>"
             "<answer><id>CLOUD-REGION</id><response>no</response></answer>"
             "</questionnaire>";

/* Availability earns its bonus; RTO 4 h and no offsite backup do not. */
static const char sla_json[] =
    HEAD_JSON "\"sla\":{\"availability_percent\":99.95,\"rto_hours\":4,"
              "\"rpo_hours\":1,\"backup\":{\"frequency_hours\":24,"
              "\"retention_days\":400}},"
              "\"answers\":[{\"id\":\"CLOUD-SLA-METRICS\","
              "\"response\":\"yes\"}]}";
static const char sla_xml[] =
    HEAD_XML "<sla><availability-percent>99.95</availability-percent>"
             "<rto-hours>4</rto-hours><rpo-hours>1</rpo-hours><backup>"
             "<frequency-hours>24</frequency-hours><retention-days>400"
             "</retention-days></backup></sla><answer><id>CLOUD-SLA-METRICS"
             "</id><response>yes</response></answer></questionnaire>";

/* Law, court (abbreviated), MFA for administrators only, deletion. */
static const char named_json[] =
    HEAD_JSON "\"data_location\":{\"governing_law\":\"JP\","
              "\"court\":\"東京地裁\"},"
              "\"access_control\":{\"mfa\":{\"required\":true,"
              "\"factors\":[\"password\",\"fingerprint\"],"
              "\"scope\":\"administrators\"}},"
              "\"exit\":{\"deletion\":{\"method\":\"論理削除\","
              "\"certificate\":false}},"
              "\"answers\":[{\"id\":\"CLOUD-JURISDICTION\","
              "\"response\":\"yes\"}]}";
static const char named_xml[] =
    HEAD_XML "<data-location><governing-law>JP</governing-law><court>"
             "東京地裁</court></data-location><access-control><mfa>"
             "<required>true</required><factor>password</factor><factor>"
             "fingerprint</factor><scope>administrators</scope></mfa>"
             "</access-control><exit><deletion><method>論理削除</method>"
             "<certificate>false</certificate></deletion></exit>"
             "<answer><id>CLOUD-JURISDICTION</id><response>yes</response>"
             "</answer></questionnaire>";

/* What a reason must never hold: a path, a dotted member, an index, an
 * assignment, or a raw enumeration token. */
static const char *const raw_tokens[] = {
    "storage[",       "certifications[", "at_rest[",   "in_transit[",
    "data_location.", "access_control.", "exit.",      "sla.",
    " = ",            "all_users",       "governing_law", "valid_until",
    "/data_location", "/questionnaire",  NULL
};

static bool has_raw_token(const char *reason)
{
    size_t i;
    for (i = 0; raw_tokens[i]; i++)
        if (strstr(reason, raw_tokens[i])) {
            fprintf(stderr, "  raw token '%s' in: %s\n", raw_tokens[i],
                    reason);
            return true;
        }
    return false;
}

/* The result `id` of `doc` evaluated as `name`; the submission is kept in
 * *keep for the caller to free (the strings live with it). */
static bool result_of(cv_ctx *ctx, cv_criteria *crit, const char *name,
                      const char *doc, const char *id, cv_result_info *r,
                      cv_submission **keep)
{
    *keep = t_evaluate(ctx, crit, name, doc);
    if (!t_result(*keep, id, r)) {
        fprintf(stderr, "  no result %s for %s\n", id, name);
        return false;
    }
    return true;
}

static bool reason_has(const cv_result_info *r, const char *words)
{
    if (r->reason && strstr(r->reason, words))
        return true;
    fprintf(stderr, "  reason: %s\n  wanted: %s\n",
            r->reason ? r->reason : "(none)", words);
    return false;
}

static bool detail_has(const cv_result_info *r, const char *path)
{
    if (r->detail && strstr(r->detail, path))
        return true;
    fprintf(stderr, "  detail: %s\n  wanted: %s\n",
            r->detail ? r->detail : "(none)", path);
    return false;
}

/* The sum of the points of every missed bonus the reason names ("加点なし:
 * … (+0.8)", "no bonus: … (+0.8)"), and how many there are. */
static double missed_points(const char *reason, const char *marker,
                            int *count)
{
    double sum = 0.0;
    const char *p = reason;
    *count = 0;
    while ((p = strstr(p, marker)) != NULL) {
        const char *plus = strstr(p, "(+");
        if (!plus)
            break;
        sum += strtod(plus + 2, NULL);
        (*count)++;
        p = plus + 2;
    }
    return sum;
}

static void test_reasons__backup_abroad_in_words(void)
{
    static const struct {
        const char *name, *doc, *path;
    } forms[] = {
        { "t.json", backup_abroad_json, "/data_location/storage/1/region" },
        { "t.xml", backup_abroad_xml,
          "/questionnaire/data-location/storage[2]/region" },
    };
    char *reasons[2][2] = { { NULL, NULL }, { NULL, NULL } };
    size_t f;
    for (f = 0; f < 2; f++) {
        cv_submission *s;
        cv_result_info r;
        T_CHECK(result_of(ctx_ja, crit_ja, forms[f].name, forms[f].doc,
                          "CLOUD-REGION", &r, &s));
        T_CHECK(s && r.status == CV_STATUS_NOT_MET);
        T_CHECK(s && reason_has(&r, "✗ バックアップの保存先は us-west-2 (米国)"
                                    " で、国内ではありません (要件: すべての"
                                    "保存先が国内)"));
        T_CHECK(s && reason_has(&r, "✓ 本番データの保存先は ap-northeast-1 "
                                    "(日本) で、国内です"));
        T_CHECK(s && !has_raw_token(r.reason));
        T_CHECK(s && detail_has(&r, forms[f].path));
        reasons[f][0] = s && r.reason ? strdup(r.reason) : NULL;
        cv_submission_free(s);

        T_CHECK(result_of(ctx_en, crit_en, forms[f].name, forms[f].doc,
                          "CLOUD-REGION", &r, &s));
        T_CHECK(s && reason_has(&r, "✗ backup stored in us-west-2 (United "
                                    "States), not in Japan (required: every "
                                    "copy in Japan)"));
        T_CHECK(s && !has_raw_token(r.reason));
        T_CHECK(s && detail_has(&r, forms[f].path));
        reasons[f][1] = s && r.reason ? strdup(r.reason) : NULL;
        cv_submission_free(s);
    }
    /* The same facts give the same words in either form. */
    for (f = 0; f < 2; f++) {
        T_CHECK(reasons[0][f] && reasons[1][f] &&
                strcmp(reasons[0][f], reasons[1][f]) == 0);
        free(reasons[0][f]);
        free(reasons[1][f]);
    }
}

static void check_missed(cv_ctx *ctx, cv_criteria *crit, const char *name,
                         const char *doc, const char *marker,
                         const char *const *words)
{
    cv_submission *s;
    cv_result_info r;
    int n = 0;
    double missed;
    size_t i;
    T_CHECK(result_of(ctx, crit, name, doc, "CLOUD-SLA-METRICS", &r, &s));
    if (!s)
        return;
    T_CHECK(r.status == CV_STATUS_MET);
    for (i = 0; words[i]; i++)
        T_CHECK(reason_has(&r, words[i]));
    /* Every point not earned is a bonus the reason names. */
    missed = missed_points(r.reason, marker, &n);
    T_CHECK(n == 2);
    if (!(missed - (r.max_points - r.points) < 0.011 &&
          (r.max_points - r.points) - missed < 0.011))
        fprintf(stderr, "  %g points missed, the reason names %g: %s\n",
                r.max_points - r.points, missed, r.reason);
    T_CHECK(missed - (r.max_points - r.points) < 0.011 &&
            (r.max_points - r.points) - missed < 0.011);
    T_CHECK(!has_raw_token(r.reason));
    T_CHECK(detail_has(&r, name[2] == 'j' ? "/sla/rto_hours"
                                          : "/questionnaire/sla/rto-hours"));
    cv_submission_free(s);
}

static void test_reasons__missed_bonus_named_with_points(void)
{
    static const char *const ja[] = {
        "加点: 稼働率 99.95 %以上 (+1.6)",
        "加点なし: RTO 1 時間以内 (+0.8) — 記載は 4 時間",
        "加点なし: バックアップを別拠点に保管 (+0.8) — 記載なし",
        "✓ RTO は 4 時間で、要件 (12 時間以内) を満たしています", NULL
    };
    static const char *const en[] = {
        "bonus: availability at least 99.95 % (+1.6)",
        "no bonus: RTO at most 1 h (+0.8) — stated: 4 h",
        "no bonus: backups kept at another site (+0.8) — not stated",
        "✓ RTO: 4 h, which meets the requirement (at most 12 h)", NULL
    };
    check_missed(ctx_ja, crit_ja, "t.json", sla_json, "加点なし:", ja);
    check_missed(ctx_ja, crit_ja, "t.xml", sla_xml, "加点なし:", ja);
    check_missed(ctx_en, crit_en, "t.json", sla_json, "no bonus:", en);
    check_missed(ctx_en, crit_en, "t.xml", sla_xml, "no bonus:", en);
}

struct expect_words {
    const char *id;
    const char *words;
    const char *json_path, *xml_path;
};

static void check_named(cv_ctx *ctx, cv_criteria *crit,
                        const struct expect_words *e, size_t n)
{
    size_t i, f;
    for (f = 0; f < 2; f++)
        for (i = 0; i < n; i++) {
            cv_submission *s;
            cv_result_info r;
            T_CHECK(result_of(ctx, crit, f ? "t.xml" : "t.json",
                              f ? named_xml : named_json, e[i].id, &r, &s));
            if (!s)
                continue;
            T_CHECK(reason_has(&r, e[i].words));
            T_CHECK(!has_raw_token(r.reason));
            T_CHECK(detail_has(&r, f ? e[i].xml_path : e[i].json_path));
            cv_submission_free(s);
        }
}

static void test_reasons__fields_and_values_by_their_labels(void)
{
    static const struct expect_words ja[] = {
        { "CLOUD-JURISDICTION", "✓ 準拠法は日本法で、要件を満たしています",
          "/data_location/governing_law",
          "/questionnaire/data-location/governing-law" },
        { "CLOUD-JURISDICTION",
          "✓ 合意管轄裁判所は「東京地裁」(東京地方裁判所) で、日本の"
          "裁判所です",
          "/data_location/court", "/questionnaire/data-location/court" },
        { "ACCESS-MFA", "✓ 多要素認証は必須とされています",
          "/access_control/mfa/required",
          "/questionnaire/access-control/mfa/required" },
        { "ACCESS-MFA",
          "✓ 多要素認証の対象範囲は管理者で、要件 (管理者) を満たして"
          "います",
          "/access_control/mfa/scope",
          "/questionnaire/access-control/mfa/scope" },
        { "EXIT-DELETION", "「論理削除」とあるため論理削除と読めます",
          "/exit/deletion/method", "/questionnaire/exit/deletion/method" },
        { "EXIT-DELETION",
          "✗ 消去を証明する書類 (消去証明書) は提出されません (要件: 提出)",
          "/exit/deletion/certificate",
          "/questionnaire/exit/deletion/certificate" },
    };
    static const struct expect_words en[] = {
        { "CLOUD-JURISDICTION",
          "✓ the governing law is the law of Japan, as required",
          "/data_location/governing_law",
          "/questionnaire/data-location/governing-law" },
        { "ACCESS-MFA",
          "✓ the MFA scope is administrators, which covers the "
          "requirement (administrators)",
          "/access_control/mfa/scope",
          "/questionnaire/access-control/mfa/scope" },
        { "EXIT-DELETION", "read as logical deletion", "/exit/deletion/method",
          "/questionnaire/exit/deletion/method" },
    };
    check_named(ctx_ja, crit_ja, ja, sizeof(ja) / sizeof(ja[0]));
    check_named(ctx_en, crit_en, en, sizeof(en) / sizeof(en[0]));
}

/* A reason that cites no fact has no detail; one about the answer alone
 * points at the answer. */
static void test_reasons__detail_only_where_facts_are(void)
{
    cv_submission *s;
    cv_result_info r;
    T_CHECK(result_of(ctx_ja, crit_ja, "t.json", sla_json, "CLOUD-CERT", &r,
                      &s));
    T_CHECK(s && r.status == CV_STATUS_UNANSWERED && r.detail == NULL);
    cv_submission_free(s);
    T_CHECK(result_of(ctx_ja, crit_ja, "t.json",
                      HEAD_JSON "\"answers\":[{\"id\":\"CLOUD-CERT\","
                                "\"response\":\"yes\"}]}",
                      "CLOUD-CERT", &r, &s));
    T_CHECK(s && r.status == CV_STATUS_CLAIMED && r.detail &&
            strcmp(r.detail, "/answers/0/response") == 0);
    cv_submission_free(s);
}

/* A thousand storage rows: the detail lists the first CV_DETAIL_MAX
 * locations and counts the rest, the reason names none by index. */
static void test_reasons__detail_is_bounded(void)
{
    size_t cap = 200000, i;
    char *doc = malloc(cap);
    int n;
    cv_submission *s;
    cv_result_info r;
    T_CHECK(doc != NULL);
    if (!doc)
        return;
    n = snprintf(doc, cap, "%s", HEAD_JSON "\"data_location\":{\"storage\":[");
    for (i = 0; i < 1000 && n > 0 && (size_t)n < cap - 100; i++)
        n += snprintf(doc + n, cap - (size_t)n,
                      "%s{\"purpose\":\"backup\",\"region\":\"us-west-2\"}",
                      i ? "," : "");
    snprintf(doc + n, cap - (size_t)n, "]}}");
    T_CHECK(result_of(ctx_en, crit_en, "t.json", doc, "CLOUD-REGION", &r, &s));
    if (s) {
        size_t commas = 0;
        const char *p;
        T_CHECK(r.detail && strstr(r.detail, " … (+") != NULL);
        for (p = r.detail; p && (p = strstr(p, ", ")) != NULL; p += 2)
            commas++;
        T_CHECK(commas + 1 <= 32);
        T_CHECK(!has_raw_token(r.reason));
        T_CHECK(reason_has(&r, "backup (no. 1000) stored in us-west-2"));
    }
    cv_submission_free(s);
    free(doc);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "backup_abroad_in_words", test_reasons__backup_abroad_in_words },
        { "missed_bonus_named_with_points",
          test_reasons__missed_bonus_named_with_points },
        { "fields_and_values_by_their_labels",
          test_reasons__fields_and_values_by_their_labels },
        { "detail_only_where_facts_are",
          test_reasons__detail_only_where_facts_are },
        { "detail_is_bounded", test_reasons__detail_is_bounded },
    };
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: test_reasons CRITERIA_DIR\n");
        return 2;
    }
    if (t_api_open(&ctx_ja, &crit_ja, argv[1], CV_LANG_JA) != 0)
        return 1;
    /* A second context for English reasons (the library is initialised
     * once per open). */
    ctx_en = t_api_ctx(CV_LANG_EN);
    if (!ctx_en || cv_criteria_load(&crit_en, ctx_en, argv[1], NULL) != CV_OK)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_criteria_free(crit_en);
    cv_ctx_free(ctx_en);
    t_api_close(ctx_ja, crit_ja);
    return rc;
}
