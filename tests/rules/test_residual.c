/* SPDX-License-Identifier: MIT */
/*
 * test_residual.c: the responsibility split of an answer (CAIQ v4 SSRM
 * Control Ownership) and the residual obligations it leaves the customer.
 *
 * An answer may say who carries the item (`responsibility`) and what the
 * customer must do (`customer_responsibilities`), in JSON and in XML. A
 * result whose answer is `customer` or `shared_customer` is a residual
 * obligation of the municipality; the others are recorded only. None of
 * it changes the status: the same submission without the members gets
 * the same status and points. A value outside the enumeration is an error
 * at its location, and the item is then listed as residual for a person
 * to settle (what the provider meant is unknown).
 */
#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

/* ACCESS-ID-LIFECYCLE is met by its one fact; CLOUD-THREATS has no fact
 * (check kind `answer`), so a yes stays claimed. `%s` are the extra
 * members of each answer (",\"responsibility\":..." or ""). */
#define JSON_DOC                                                              \
    "{\"format\":\"cloudvet-questionnaire/1\","                               \
    "\"vendor\":{\"name\":\"株式会社テスト\"},"                               \
    "\"service\":{\"name\":\"テスト申請クラウド\"},"                          \
    "\"access_control\":{\"id_lifecycle\":true},"                             \
    "\"answers\":["                                                           \
    "{\"id\":\"ACCESS-ID-LIFECYCLE\",\"response\":\"yes\"%s},"                \
    "{\"id\":\"CLOUD-THREATS\",\"response\":\"yes\"%s}]}"

#define XML_DOC                                                               \
    "<?xml version=\"1.0\"?>\n"                                               \
    "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">\n"                \
    "<vendor><name>株式会社テスト</name></vendor>\n"                          \
    "<service><name>テスト申請クラウド</name></service>\n"                    \
    "<access-control><id-lifecycle>true</id-lifecycle></access-control>\n"    \
    "<answers>\n"                                                             \
    "<answer><id>ACCESS-ID-LIFECYCLE</id><response>yes</response>%s"          \
    "</answer>\n"                                                             \
    "<answer><id>CLOUD-THREATS</id><response>yes</response>%s</answer>\n"     \
    "</answers>\n"                                                            \
    "</questionnaire>\n"

#define DUTY "利用者の職員の異動に合わせて ID を登録・削除します"

static cv_submission *eval_json(const char *id_extra, const char *threats)
{
    struct t_buf b = { { 0 }, 0 };
    cv_submission *s;
    t_put(&b, JSON_DOC, id_extra, threats);
    s = t_evaluate(ctx, crit, "t.json", b.s);
    T_CHECK(s != NULL);
    return s;
}

static cv_submission *eval_xml(const char *id_extra, const char *threats)
{
    struct t_buf b = { { 0 }, 0 };
    cv_submission *s;
    t_put(&b, XML_DOC, id_extra, threats);
    s = t_evaluate(ctx, crit, "t.xml", b.s);
    T_CHECK(s != NULL);
    return s;
}

/* `id`'s status and points are the same in `a` and `b`. */
static void expect_same_result(const cv_submission *a, const cv_submission *b,
                               const char *id)
{
    cv_result_info ra, rb;
    T_CHECK(t_result(a, id, &ra) && t_result(b, id, &rb));
    if (!t_result(a, id, &ra) || !t_result(b, id, &rb))
        return;
    T_STREQ(cv_result_status_str(ra.status), cv_result_status_str(rb.status));
    T_CHECK(ra.points == rb.points);
    T_CHECK(cv_submission_verdict(a) == cv_submission_verdict(b));
}

/* `id`'s responsibility (NULL: none), customer text and residual flag. */
static void expect_split(const cv_submission *s, const char *id,
                         const char *who, const char *duty, int residual)
{
    cv_result_info r;
    T_CHECK(t_result(s, id, &r));
    if (!t_result(s, id, &r))
        return;
    if (who)
        T_STREQ(r.responsibility, who);
    else
        T_CHECK(r.responsibility == NULL);
    if (duty)
        T_STREQ(r.customer_responsibilities, duty);
    else
        T_CHECK(r.customer_responsibilities == NULL);
    if (r.residual != residual)
        fprintf(stderr, "%s: residual %d, expected %d\n", id, r.residual,
                residual);
    T_CHECK(r.residual == residual);
}

/* customer and shared_customer leave the item to the municipality: the
 * result carries it, and its status is what it is without the members
 * (met on the fact, claimed on the bare yes). JSON. */
static void test_residual__customer_is_residual_json(void)
{
    cv_submission *plain = eval_json("", "");
    cv_submission *s = eval_json(",\"responsibility\":\"customer\","
                                 "\"customer_responsibilities\":\"" DUTY "\"",
                                 ",\"responsibility\":\"shared_customer\"");
    T_STREQ(t_status_of(s, "ACCESS-ID-LIFECYCLE"), "met");
    T_STREQ(t_status_of(s, "CLOUD-THREATS"), "claimed");
    expect_same_result(plain, s, "ACCESS-ID-LIFECYCLE");
    expect_same_result(plain, s, "CLOUD-THREATS");
    expect_split(s, "ACCESS-ID-LIFECYCLE", "customer", DUTY, 1);
    expect_split(s, "CLOUD-THREATS", "shared_customer", NULL, 1);
    expect_split(plain, "ACCESS-ID-LIFECYCLE", NULL, NULL, 0);
    T_CHECK(!t_diag_at(s, CV_SEV_ERROR, ""));
    cv_submission_free(plain);
    cv_submission_free(s);
}

/* The same facts in XML (customer-responsibilities) give the same. */
static void test_residual__customer_is_residual_xml(void)
{
    cv_submission *plain = eval_xml("", "");
    cv_submission *s = eval_xml(
        "<responsibility>customer</responsibility>"
        "<customer-responsibilities>" DUTY "</customer-responsibilities>",
        "<responsibility>shared_customer</responsibility>");
    T_STREQ(t_status_of(s, "ACCESS-ID-LIFECYCLE"), "met");
    T_STREQ(t_status_of(s, "CLOUD-THREATS"), "claimed");
    expect_same_result(plain, s, "ACCESS-ID-LIFECYCLE");
    expect_same_result(plain, s, "CLOUD-THREATS");
    expect_split(s, "ACCESS-ID-LIFECYCLE", "customer", DUTY, 1);
    expect_split(s, "CLOUD-THREATS", "shared_customer", NULL, 1);
    T_CHECK(!t_diag_at(s, CV_SEV_WARNING, ""));
    cv_submission_free(plain);
    cv_submission_free(s);
}

/* Provider-owned and outsourced items are recorded but leave nothing to
 * the customer; the status is unchanged either way. */
static void test_residual__provider_and_third_party_are_not(void)
{
    cv_submission *plain = eval_json("", "");
    cv_submission *json = eval_json(",\"responsibility\":\"provider\"",
                                    ",\"responsibility\":\"third_party\"");
    cv_submission *xml = eval_xml(
        "<responsibility>provider</responsibility>",
        "<responsibility>shared_third_party</responsibility>");
    expect_same_result(plain, json, "ACCESS-ID-LIFECYCLE");
    expect_same_result(plain, json, "CLOUD-THREATS");
    expect_same_result(plain, xml, "ACCESS-ID-LIFECYCLE");
    expect_same_result(plain, xml, "CLOUD-THREATS");
    expect_split(json, "ACCESS-ID-LIFECYCLE", "provider", NULL, 0);
    expect_split(json, "CLOUD-THREATS", "third_party", NULL, 0);
    expect_split(xml, "ACCESS-ID-LIFECYCLE", "provider", NULL, 0);
    expect_split(xml, "CLOUD-THREATS", "shared_third_party", NULL, 0);
    cv_submission_free(plain);
    cv_submission_free(json);
    cv_submission_free(xml);
}

/* A mark the provider says is the customer's is no evidence: an answer
 * that is only a claim stays claimed, a "no" stays not met. It raises
 * nothing and refutes nothing. */
static void test_residual__status_is_not_raised(void)
{
    cv_submission *s = eval_json(
        ",\"responsibility\":\"customer\"",
        ",\"responsibility\":\"customer\","
        "\"customer_responsibilities\":\"利用者が対策します\"");
    const char *no = "{\"format\":\"cloudvet-questionnaire/1\","
                     "\"vendor\":{\"name\":\"株式会社テスト\"},"
                     "\"service\":{\"name\":\"テスト申請クラウド\"},"
                     "\"answers\":[{\"id\":\"CLOUD-THREATS\","
                     "\"response\":\"no\",\"responsibility\":\"customer\"}]}";
    cv_submission *n = t_evaluate(ctx, crit, "no.json", no);
    T_STREQ(t_status_of(s, "CLOUD-THREATS"), "claimed");
    T_STREQ(t_status_of(n, "CLOUD-THREATS"), "not_met");
    expect_split(n, "CLOUD-THREATS", "customer", NULL, 1);
    cv_submission_free(s);
    cv_submission_free(n);
}

/* A value outside the enumeration (CAIQ's own wording, a typo) is an
 * error at its location in both forms; the status is unchanged, and the
 * item is listed as residual until a person reads what was meant. */
static void test_residual__enum_violation_is_located(void)
{
    cv_submission *plain = eval_json("", "");
    cv_submission *json = eval_json(",\"responsibility\":\"CSC-owned\"",
                                    ",\"responsibility\":\"Provider\"");
    cv_submission *xml = eval_xml(
        "<responsibility>CSC-owned</responsibility>",
        "<responsibility>Provider</responsibility>");
    T_CHECK(t_diag_at(json, CV_SEV_ERROR, "/answers/0/responsibility"));
    T_CHECK(t_diag_at(json, CV_SEV_ERROR, "/answers/1/responsibility"));
    T_CHECK(t_diag_at(xml, CV_SEV_ERROR, "answer[1]/responsibility"));
    T_CHECK(t_diag_at(xml, CV_SEV_ERROR, "answer[2]/responsibility"));
    expect_same_result(plain, json, "ACCESS-ID-LIFECYCLE");
    expect_same_result(plain, xml, "CLOUD-THREATS");
    expect_split(json, "ACCESS-ID-LIFECYCLE", NULL, NULL, 1);
    expect_split(json, "CLOUD-THREATS", NULL, NULL, 1);
    expect_split(xml, "ACCESS-ID-LIFECYCLE", NULL, NULL, 1);
    expect_split(xml, "CLOUD-THREATS", NULL, NULL, 1);
    /* The customer's part given alone, or a wrong type of it: recorded
     * (or located), never an obligation by itself. */
    cv_submission_free(json);
    json = eval_json(",\"customer_responsibilities\":\"" DUTY "\"",
                     ",\"customer_responsibilities\":{\"x\":1}");
    T_CHECK(t_diag_at(json, CV_SEV_ERROR,
                      "/answers/1/customer_responsibilities"));
    expect_split(json, "ACCESS-ID-LIFECYCLE", NULL, DUTY, 0);
    expect_split(json, "CLOUD-THREATS", NULL, NULL, 0);
    expect_same_result(plain, json, "CLOUD-THREATS");
    cv_submission_free(plain);
    cv_submission_free(json);
    cv_submission_free(xml);
}

/* No answer: nothing is said about who carries the item. */
static void test_residual__no_answer_no_split(void)
{
    const char *doc = "{\"format\":\"cloudvet-questionnaire/1\","
                      "\"vendor\":{\"name\":\"株式会社テスト\"},"
                      "\"service\":{\"name\":\"テスト申請クラウド\"}}";
    cv_submission *s = t_evaluate(ctx, crit, "none.json", doc);
    expect_split(s, "CLOUD-THREATS", NULL, NULL, 0);
    cv_submission_free(s);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "customer_is_residual_json",
          test_residual__customer_is_residual_json },
        { "customer_is_residual_xml", test_residual__customer_is_residual_xml },
        { "provider_and_third_party_are_not",
          test_residual__provider_and_third_party_are_not },
        { "status_is_not_raised", test_residual__status_is_not_raised },
        { "enum_violation_is_located",
          test_residual__enum_violation_is_located },
        { "no_answer_no_split", test_residual__no_answer_no_split },
    };
    return t_api_main(argc, argv, "cv_test_rules_residual", CV_LANG_EN, &ctx,
                      &crit, cases, sizeof(cases) / sizeof(cases[0]));
}
