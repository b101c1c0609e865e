/* SPDX-License-Identifier: MIT */
/*
 * test_xml.c: one model, whatever the form (issue rule 14). A list may be
 * written as its items directly in the parent, inside a wrapper element
 * named like the array, or both: every item reaches the model, in document
 * order. Whatever the reader does not attach to the model (an unknown
 * element or attribute, text where elements belong, an element where text
 * belongs) is a diagnostic at its XPath and line.
 */
#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

static cv_submission *eval(const char *name, const char *doc)
{
    cv_submission *s = t_evaluate(ctx, crit, name, doc);
    T_CHECK(s != NULL);
    return s;
}

/* A diagnostic of `sev` at `path` (and `line`, when not 0) whose message
 * contains `words`. */
static void expect_diag(const cv_submission *s, cv_severity sev,
                        const char *path, unsigned line, const char *words)
{
    size_t i;
    for (i = 0; s && i < cv_submission_diag_count(s); i++) {
        const cv_diag *d = cv_submission_diag_at(s, i);
        if (d->severity == sev && strcmp(d->path, path) == 0 &&
            (line == 0 || d->line == line) && strstr(d->message, words))
            return;
    }
    fprintf(stderr, "no %s at '%s' line %u containing '%s'; have:\n",
            cv_severity_str(sev), path, line, words);
    for (i = 0; s && i < cv_submission_diag_count(s); i++) {
        const cv_diag *d = cv_submission_diag_at(s, i);
        fprintf(stderr, "  %s %s (%u) %s\n", cv_severity_str(d->severity),
                d->path, d->line, d->message);
    }
    t_failures++;
}

#define XML_HEAD                                                              \
    "<?xml version=\"1.0\"?>\n"                                               \
    "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">\n"                \
    "<vendor><name>株式会社テスト</name></vendor>\n"                          \
    "<service><name>テスト申請クラウド</name>\n"                              \
    "<underlying-cloud><name>Amazon Web Services</name>"                      \
    "<provider>Amazon Web Services, Inc.</provider></underlying-cloud>"       \
    "</service>\n"
#define XML_TAIL "</questionnaire>\n"

/* The underlying cloud's ISMAP: it does not certify the offered service. */
#define CERT_IAAS                                                             \
    "<certification><scheme>ISMAP</scheme><id>C21-0001-1</id>"                \
    "<holder>アマゾン ウェブ サービス ジャパン</holder>"                      \
    "<scope>Amazon Web Services</scope>"                                      \
    "<valid-until>2027-03-31</valid-until></certification>\n"
/* The service's own ISO/IEC 27017. */
#define CERT_OWN                                                              \
    "<certification><scheme>ISO/IEC 27017</scheme><id>OWN-1</id>"             \
    "<holder>株式会社テスト</holder><scope>テスト申請クラウド</scope>"        \
    "<valid-until>2027-03-31</valid-until></certification>\n"
#define ANSWER_CERT_YES                                                       \
    "<answer><id>CLOUD-CERT</id><response>yes</response></answer>\n"

/* The bug of the issue: a certificate refuting the answer, written in a
 * wrapper, was dropped, so the `yes` became `claimed` and the bid could
 * qualify. Read, it contradicts the answer, exactly as in JSON. */
static void test_xml__wrapped_list_is_read(void)
{
    cv_submission *json = eval(
        "t.json",
        "{\"format\":\"cloudvet-questionnaire/1\","
        "\"vendor\":{\"name\":\"株式会社テスト\"},"
        "\"service\":{\"name\":\"テスト申請クラウド\","
        "\"underlying_cloud\":{\"name\":\"Amazon Web Services\","
        "\"provider\":\"Amazon Web Services, Inc.\"}},"
        "\"certifications\":[{\"scheme\":\"ISMAP\",\"id\":\"C21-0001-1\","
        "\"holder\":\"アマゾン ウェブ サービス ジャパン\","
        "\"scope\":\"Amazon Web Services\",\"valid_until\":\"2027-03-31\"}],"
        "\"answers\":[{\"id\":\"CLOUD-CERT\",\"response\":\"yes\"}]}");
    cv_submission *direct =
        eval("t.xml", XML_HEAD CERT_IAAS ANSWER_CERT_YES XML_TAIL);
    cv_submission *wrapped = eval(
        "t.xml", XML_HEAD "<certifications>\n" CERT_IAAS "</certifications>\n"
                 "<answers>\n" ANSWER_CERT_YES "</answers>\n" XML_TAIL);
    T_STREQ(t_status_of(json, "CLOUD-CERT"), "contradicted");
    T_STREQ(t_status_of(direct, "CLOUD-CERT"), "contradicted");
    T_STREQ(t_status_of(wrapped, "CLOUD-CERT"), "contradicted");
    T_CHECK(wrapped && cv_submission_verdict(wrapped) ==
                           CV_VERDICT_DISQUALIFIED);
    cv_submission_free(json);
    cv_submission_free(direct);
    cv_submission_free(wrapped);
}

/* Items before, inside and after a wrapper make one list in document
 * order; wrapped first, the direct items after it were lost too. */
static void test_xml__direct_and_wrapped_items_are_merged(void)
{
    cv_result_info r;
    const char *iaas, *own;
    cv_submission *s = eval(
        "t.xml", XML_HEAD "<certifications>\n" CERT_IAAS "</certifications>\n"
                 CERT_OWN ANSWER_CERT_YES XML_TAIL);
    T_STREQ(t_status_of(s, "CLOUD-CERT"), "met");
    T_CHECK(t_result(s, "CLOUD-CERT", &r));
    iaas = s ? strstr(r.reason, "C21-0001-1") : NULL;
    own = s ? strstr(r.reason, "OWN-1") : NULL;
    T_CHECK(iaas && own && iaas < own);
    /* Both certifications were judged: each has its place in the detail
     * line (the reason names them in words, not by index). */
    T_CHECK(s && r.detail && strchr(r.detail, ',') != NULL);
    expect_diag(s, CV_SEV_NOTE, "/questionnaire/certification", 9,
                "both directly");
    cv_submission_free(s);

    /* The other way round, and a list inside a nested object. */
    s = eval("t.xml",
             XML_HEAD CERT_OWN "<certifications>" CERT_IAAS
                      "</certifications>\n"
                      "<encryption><hashes><hash>SHA-256</hash></hashes>\n"
                      "<hash>SHA-1</hash></encryption>\n" ANSWER_CERT_YES
                      "<answer><id>CRYPTO-CRYPTREC</id><response>yes"
                      "</response></answer>\n" XML_TAIL);
    T_STREQ(t_status_of(s, "CLOUD-CERT"), "met");
    T_CHECK(t_result(s, "CLOUD-CERT", &r));
    T_CHECK(s && r.detail && strchr(r.detail, ',') != NULL);
    /* SHA-1, written after the wrapper, is read: CRYPTREC does not list
     * it for new systems, so the `yes` is refuted. */
    T_CHECK(strcmp(t_status_of(s, "CRYPTO-CRYPTREC"), "met") != 0);
    T_CHECK(t_result(s, "CRYPTO-CRYPTREC", &r) && strstr(r.reason, "SHA-1"));
    cv_submission_free(s);
}

/* An empty wrapper is an empty list: a fact, as `[]` is in JSON. */
static void test_xml__empty_wrapper_is_an_empty_list(void)
{
    cv_submission *s = eval("t.xml", XML_HEAD "<certifications/>\n"
                                              ANSWER_CERT_YES XML_TAIL);
    cv_submission *j = eval(
        "t.json",
        "{\"format\":\"cloudvet-questionnaire/1\","
        "\"vendor\":{\"name\":\"株式会社テスト\"},"
        "\"service\":{\"name\":\"テスト申請クラウド\"},\"certifications\":[],"
        "\"answers\":[{\"id\":\"CLOUD-CERT\",\"response\":\"yes\"}]}");
    T_STREQ(t_status_of(s, "CLOUD-CERT"), t_status_of(j, "CLOUD-CERT"));
    cv_submission_free(s);
    cv_submission_free(j);
}

/* What the model has no place for is reported where it is, by XPath and
 * line, and the value it spoils is not read in part. */
static void test_xml__what_is_not_read_is_located(void)
{
    cv_submission *s = eval(
        "t.xml",
        "<?xml version=\"1.0\"?>\n"
        "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\"\n"
        "  xmlns:x=\"urn:example:ext\"\n"
        "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "  xsi:schemaLocation=\"urn:cloudvet:questionnaire:1 q.xsd\">\n"
        "<vendor><name>株式会社テスト</name></vendor>\n"
        "<service><name>S</name></service>\n"
        "<sla unit=\"percent\"><availability-percent>99.9"
        "</availability-percent>\n"
        "  <colour>blue</colour><x:tier>gold</x:tier></sla>\n"
        "<isolation>yes</isolation>\n"
        "<incident><notification-hours>2<unit>h</unit>"
        "</notification-hours></incident>\n"
        "<certifications><certificate><scheme>ISMAP</scheme></certificate>"
        "</certifications>\n"
        "<encryption><hashes>SHA-1</hashes>\n"
        "  <hash>SHA-256</hash></encryption>\n"
        "<exit>notice<termination-notice-days>90</termination-notice-days>"
        "</exit>\n"
        "</questionnaire>\n");
    T_CHECK(s && cv_submission_verdict(s) != CV_VERDICT_INVALID);
    /* libxml2 gives an element the line where its start tag ends. */
    expect_diag(s, CV_SEV_NOTE, "/questionnaire/@xsi:schemaLocation", 5,
                "schema location");
    expect_diag(s, CV_SEV_WARNING, "/questionnaire/sla/@unit", 8,
                "attribute 'unit'");
    expect_diag(s, CV_SEV_WARNING, "/questionnaire/sla/colour", 9,
                "unknown member");
    expect_diag(s, CV_SEV_WARNING, "/questionnaire/sla/x:tier", 9,
                "namespace");
    expect_diag(s, CV_SEV_ERROR, "/questionnaire/isolation", 10,
                "wrong type");
    expect_diag(s, CV_SEV_ERROR,
                "/questionnaire/incident/notification-hours", 11,
                "<unit>");
    expect_diag(s, CV_SEV_ERROR,
                "/questionnaire/certifications/certificate", 12,
                "not an item");
    expect_diag(s, CV_SEV_ERROR, "/questionnaire/encryption/hashes", 13,
                "SHA-1");
    expect_diag(s, CV_SEV_WARNING, "/questionnaire/exit", 15,
                "text between elements");
    /* A list written as text is dropped as a whole, not read in part: the
     * SHA-256 beside it cannot make the hashes look clean. */
    T_CHECK(strcmp(t_status_of(s, "CRYPTO-CRYPTREC"), "met") != 0);
    /* The number with a child element is not read: no facts. */
    T_CHECK(strcmp(t_status_of(s, "CLOUD-INCIDENT"), "met") != 0);
    cv_submission_free(s);
}

/* JSON keeps its side of the bargain: an unknown member is a warning at
 * its pointer and line. */
static void test_xml__json_unknown_member_is_located(void)
{
    cv_submission *s = eval("t.json",
                            "{\"format\":\"cloudvet-questionnaire/1\",\n"
                            "\"vendor\":{\"name\":\"株式会社テスト\"},\n"
                            "\"service\":{\"name\":\"S\"},\n"
                            "\"sla\":{\"colour\":\"blue\"},\n"
                            "\"certificationz\":[]}\n");
    expect_diag(s, CV_SEV_WARNING, "/sla/colour", 4, "unknown member");
    expect_diag(s, CV_SEV_WARNING, "/certificationz", 5, "unknown member");
    cv_submission_free(s);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "wrapped_list_is_read", test_xml__wrapped_list_is_read },
        { "direct_and_wrapped_items_are_merged",
          test_xml__direct_and_wrapped_items_are_merged },
        { "empty_wrapper_is_an_empty_list",
          test_xml__empty_wrapper_is_an_empty_list },
        { "what_is_not_read_is_located",
          test_xml__what_is_not_read_is_located },
        { "json_unknown_member_is_located",
          test_xml__json_unknown_member_is_located },
    };
    int rc;
    if (argc != 2 || t_api_open(&ctx, &crit, argv[1], CV_LANG_EN) != 0)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    t_api_close(ctx, crit);
    return rc;
}
