/* SPDX-License-Identifier: MIT */
/*
 * test_places.c: the rules of courts, regions, providers and certification
 * schemes (issue #12, rules 3, 4, 5, 6 and 8), through the public API.
 *
 * Each case is a small submission described once (struct sub) and written
 * here in both forms, JSON and XML: the same facts must give the same
 * result, and the same diagnostic, in either.
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
static cv_criteria *crit;    /* the default profile */
static cv_criteria *crit_my; /* the same, with home country MY */
static const char *criteria_dir;

#define VENDOR "株式会社テスト"
#define SERVICE "テスト申請クラウド"

struct loc {
    const char *purpose, *country, *region;
};

struct cert {
    const char *scheme, *id, *holder, *scope, *until;
};

struct sub {
    const char *cloud_name, *provider;
    struct loc storage[6];     /* up to the first with no purpose */
    bool blank_storage;        /* one storage object with nothing in it */
    bool empty_storage;        /* storage: [] */
    const char *remote;        /* one remote access country, or NULL */
    const char *backup_country;
    const char *law, *court;
    struct cert certs[3];      /* up to the first with no scheme */
    bool blank_cert;           /* one certification object, nothing in it */
    bool empty_certs;          /* certifications: [] */
    const char *answer_id, *response;
};

/* ---- writing a submission in both forms ---- */

static void json_member(struct t_buf *b, const char *name, const char *v,
                        bool *first)
{
    if (!v)
        return;
    t_put(b, "%s\"%s\":\"%s\"", *first ? "" : ",", name, v);
    *first = false;
}

static void xml_member(struct t_buf *b, const char *name, const char *v)
{
    if (v)
        t_put(b, "<%s>%s</%s>", name, v, name);
}

static void to_json(struct t_buf *b, const struct sub *s)
{
    size_t i;
    bool first;
    t_put(b, "{\"format\":\"cloudvet-questionnaire/1\",\"vendor\":{\"name\":\""
             VENDOR "\"},\"service\":{\"name\":\"" SERVICE "\"");
    if (s->cloud_name || s->provider) {
        first = true;
        t_put(b, ",\"underlying_cloud\":{");
        json_member(b, "name", s->cloud_name, &first);
        json_member(b, "provider", s->provider, &first);
        t_put(b, "}");
    }
    t_put(b, "}");
    if (s->certs[0].scheme || s->blank_cert || s->empty_certs) {
        t_put(b, ",\"certifications\":[");
        if (s->blank_cert)
            t_put(b, "{\"scheme\":null,\"id\":null,\"holder\":null}");
        for (i = 0; i < 3 && s->certs[i].scheme; i++) {
            const struct cert *c = &s->certs[i];
            first = true;
            t_put(b, "%s{", i ? "," : "");
            json_member(b, "scheme", c->scheme, &first);
            json_member(b, "id", c->id, &first);
            json_member(b, "holder", c->holder, &first);
            json_member(b, "scope", c->scope, &first);
            json_member(b, "valid_until", c->until, &first);
            t_put(b, "}");
        }
        t_put(b, "]");
    }
    t_put(b, ",\"data_location\":{\"governing_law\":%s%s%s",
          s->law ? "\"" : "", s->law ? s->law : "null", s->law ? "\"" : "");
    if (s->court)
        t_put(b, ",\"court\":\"%s\"", s->court);
    if (s->storage[0].purpose || s->blank_storage || s->empty_storage) {
        t_put(b, ",\"storage\":[");
        if (s->blank_storage)
            t_put(b, "{\"purpose\":null,\"country\":null,\"region\":null}");
        for (i = 0; i < 6 && s->storage[i].purpose; i++) {
            const struct loc *l = &s->storage[i];
            first = true;
            t_put(b, "%s{", i ? "," : "");
            json_member(b, "purpose", l->purpose, &first);
            json_member(b, "country", l->country, &first);
            json_member(b, "region", l->region, &first);
            t_put(b, "}");
        }
        t_put(b, "]");
    }
    if (s->remote)
        t_put(b, ",\"remote_access_countries\":[\"%s\"]", s->remote);
    t_put(b, "}");
    if (s->backup_country)
        t_put(b, ",\"sla\":{\"backup\":{\"country\":\"%s\"}}",
              s->backup_country);
    if (s->answer_id)
        t_put(b, ",\"answers\":[{\"id\":\"%s\",\"response\":\"%s\"}]",
              s->answer_id, s->response);
    t_put(b, "}");
}

static void to_xml(struct t_buf *b, const struct sub *s)
{
    size_t i;
    t_put(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"
             "<vendor><name>" VENDOR "</name></vendor><service><name>" SERVICE
             "</name>");
    if (s->cloud_name || s->provider) {
        t_put(b, "<underlying-cloud>");
        xml_member(b, "name", s->cloud_name);
        xml_member(b, "provider", s->provider);
        t_put(b, "</underlying-cloud>");
    }
    t_put(b, "</service>\n");
    if (s->blank_cert)
        t_put(b, "<certification><scheme></scheme><id></id></certification>\n");
    for (i = 0; i < 3 && s->certs[i].scheme; i++) {
        const struct cert *c = &s->certs[i];
        t_put(b, "<certification>");
        xml_member(b, "scheme", c->scheme);
        xml_member(b, "id", c->id);
        xml_member(b, "holder", c->holder);
        xml_member(b, "scope", c->scope);
        xml_member(b, "valid-until", c->until);
        t_put(b, "</certification>\n");
    }
    t_put(b, "<data-location>");
    xml_member(b, "governing-law", s->law);
    xml_member(b, "court", s->court);
    if (s->blank_storage)
        t_put(b, "<storage><purpose></purpose><country></country></storage>");
    for (i = 0; i < 6 && s->storage[i].purpose; i++) {
        const struct loc *l = &s->storage[i];
        t_put(b, "\n<storage>");
        xml_member(b, "purpose", l->purpose);
        xml_member(b, "country", l->country);
        xml_member(b, "region", l->region);
        t_put(b, "</storage>");
    }
    xml_member(b, "remote-access-country", s->remote);
    t_put(b, "</data-location>\n");
    if (s->backup_country)
        t_put(b, "<sla><backup><country>%s</country></backup></sla>",
              s->backup_country);
    if (s->answer_id)
        t_put(b, "<answer><id>%s</id><response>%s</response></answer>",
              s->answer_id, s->response);
    t_put(b, "</questionnaire>\n");
}

/* ---- judging ---- */

struct outcome {
    char status[32];
    double points;
    char reason[4096];
    bool diag;          /* a diagnostic whose path ends with `diag_path` */
};

static void evaluate(struct outcome *o, const cv_criteria *c, bool xml,
                     const struct sub *s, const char *id,
                     const char *diag_path)
{
    struct t_buf b;
    cv_submission *sub;
    cv_result_info r;
    memset(&b, 0, sizeof(b));
    memset(o, 0, sizeof(*o));
    strcpy(o->status, "(not evaluated)");
    if (xml)
        to_xml(&b, s);
    else
        to_json(&b, s);
    sub = t_evaluate(ctx, c, xml ? "t.xml" : "t.json", b.s);
    if (!sub) {
        fprintf(stderr, "  cannot evaluate %s\n", b.s);
        return;
    }
    if (t_result(sub, id, &r)) {
        snprintf(o->status, sizeof(o->status), "%s",
                 cv_result_status_str(r.status));
        snprintf(o->reason, sizeof(o->reason), "%s", r.reason);
        o->points = r.points;
    }
    o->diag = diag_path && t_diag_at(sub, CV_SEV_NOTE, diag_path);
    if (cv_submission_verdict(sub) == CV_VERDICT_INVALID)
        fprintf(stderr, "  invalid: %s\n", b.s);
    cv_submission_free(sub);
}

/* `id` has `status` in both forms; with `json_diag`/`xml_diag`, a
 * diagnostic is located there (JSON Pointer / XPath tail); with `word`,
 * the reason says it. */
static void expect_in(const cv_criteria *c, const struct sub *s,
                      const char *id, const char *status,
                      const char *json_diag, const char *xml_diag,
                      const char *word)
{
    int form;
    for (form = 0; form < 2; form++) {
        struct outcome o;
        const char *dp = form ? xml_diag : json_diag;
        evaluate(&o, c, form == 1, s, id, dp);
        if (strcmp(o.status, status) != 0)
            fprintf(stderr, "  %s form: %s\n", form ? "XML" : "JSON",
                    o.reason);
        T_STREQ(o.status, status);
        if (dp && !o.diag)
            fprintf(stderr, "  %s form: no diagnostic at %s\n",
                    form ? "XML" : "JSON", dp);
        T_CHECK(!dp || o.diag);
        if (word && !strstr(o.reason, word))
            fprintf(stderr, "  %s form: reason lacks '%s': %s\n",
                    form ? "XML" : "JSON", word, o.reason);
        T_CHECK(!word || strstr(o.reason, word) != NULL);
        if (strcmp(status, "not_met") == 0 ||
            strcmp(status, "unanswered") == 0 ||
            strcmp(status, "contradicted") == 0)
            T_CHECK(o.points == 0.0);
    }
}

static void expect(const struct sub *s, const char *id, const char *status)
{
    expect_in(crit, s, id, status, NULL, NULL, NULL);
}

/* No diagnostic at that place, in either form. */
static void expect_no_diag(const struct sub *s, const char *id,
                           const char *json_diag, const char *xml_diag)
{
    struct outcome o;
    evaluate(&o, crit, false, s, id, json_diag);
    T_CHECK(!o.diag);
    evaluate(&o, crit, true, s, id, xml_diag);
    T_CHECK(!o.diag);
}

#define AWS "Amazon Web Services"
#define ALL_JP(r1, r2)                                                        \
    { { "primary", "JP", r1 }, { "backup", "JP", r2 }, { "dr", "JP", r2 },    \
      { "logs", "JP", r1 } }

/* ---- courts (rule 6) ---- */

static void court_is(const char *court, const char *status)
{
    struct sub s = { 0 };
    s.law = "JP";
    s.court = court;
    expect(&s, "CLOUD-JURISDICTION", status);
}

static void test_places__courts_of_japan_are_met(void)
{
    court_is("東京地方裁判所", "met");
    court_is("東京地裁", "met");
    court_is("大阪高等裁判所", "met");
    court_is("大阪高裁", "met");
    court_is("知的財産高等裁判所", "met");
    court_is("知財高裁", "met");
    court_is("最高裁判所", "met");
    court_is("名古屋高等裁判所金沢支部", "met");
    court_is("横浜地方裁判所小田原支部", "met");
    court_is("東京地裁立川支部", "met");
    court_is("東京地方裁判所本庁", "met");
    court_is("東京地方裁判所本庁を第一審の専属的合意管轄裁判所とする", "met");
    court_is("東京家庭裁判所", "met");
    court_is("松江簡易裁判所", "met");
    court_is("Tokyo District Court", "met");
    court_is("ＯＳＡＫＡ　ＨＩＧＨ　ＣＯＵＲＴ", "met");
}

static void test_places__foreign_courts_are_not_met(void)
{
    struct sub s = { 0 };
    court_is("ニューヨーク州地方裁判所", "not_met");
    court_is("カリフォルニア州地方裁判所", "not_met");
    court_is("シンガポール国際商事裁判所", "not_met");
    court_is("United States District Court for the Northern District of "
             "California",
             "not_met");
    /* A foreign court refutes a yes. */
    s.law = "JP";
    s.court = "ニューヨーク州地方裁判所";
    s.answer_id = "CLOUD-JURISDICTION";
    s.response = "yes";
    expect(&s, "CLOUD-JURISDICTION", "contradicted");
    /* Foreign law, whatever the court. */
    s.law = "US";
    s.court = "東京地方裁判所";
    s.answer_id = NULL;
    expect(&s, "CLOUD-JURISDICTION", "not_met");
}

static void test_places__unknown_court_is_for_a_person(void)
{
    struct sub s = { 0 };
    s.law = "JP";
    s.court = "当社本店所在地を管轄する裁判所";
    expect_in(crit, &s, "CLOUD-JURISDICTION", "not_met",
              "/data_location/court", "/data-location/court", NULL);
    s.answer_id = "CLOUD-JURISDICTION";
    s.response = "yes";
    expect_in(crit, &s, "CLOUD-JURISDICTION", "claimed",
              "/data_location/court", "/data-location/court",
              "当社本店所在地を管轄する裁判所");
    /* A court without a law is not met in full either. */
    s.law = NULL;
    s.court = "東京地方裁判所";
    s.answer_id = NULL;
    expect(&s, "CLOUD-JURISDICTION", "not_met");
}

/* ---- providers (rule 6) ---- */

static void test_places__provider_names_match_whole(void)
{
    struct sub s = { .storage = ALL_JP("ap-northeast-1a", "ap-northeast-3") };
    static const char *const exact[] = {
        "Amazon Web Services", "AWS", "アマゾン ウェブ サービス",
        "Amazon Web Services, Inc.", "アマゾン ウェブ サービス ジャパン合同会社",
        "ＡＭＡＺＯＮ　ＷＥＢ　ＳＥＲＶＩＣＥＳ", NULL
    };
    size_t i;
    for (i = 0; exact[i]; i++) {
        s.provider = exact[i];
        expect(&s, "CLOUD-REGION", "met");
        expect_no_diag(&s, "CLOUD-REGION",
                       "/service/underlying_cloud/provider",
                       "/service/underlying-cloud/provider");
    }
    /* Near misses are not AWS: a diagnostic, and the regions are judged
     * without a provider (these are Tokyo/Osaka wherever they exist). */
    s.provider = "LAWS Cloud";
    expect_in(crit, &s, "CLOUD-REGION", "met",
              "/service/underlying_cloud/provider",
              "/service/underlying-cloud/provider", NULL);
    s.provider = "AWSome Hosting";
    expect_in(crit, &s, "CLOUD-REGION", "met",
              "/service/underlying_cloud/provider",
              "/service/underlying-cloud/provider", NULL);
}

/* ---- region identifiers (rule 6, 3, 4) ---- */

static void test_places__abroad_everywhere_is_abroad(void)
{
    struct sub s = { .storage = { { "primary", NULL, "us-west-2" },
                                  { "backup", "JP", "ap-northeast-3" },
                                  { "dr", "JP", "ap-northeast-3" },
                                  { "logs", "JP", "ap-northeast-1" } } };
    expect(&s, "CLOUD-REGION", "not_met");
    s.provider = "株式会社テスト基盤"; /* unknown: same as none */
    expect(&s, "CLOUD-REGION", "not_met");
    /* An id every provider that has it places abroad (AWS: Jakarta,
     * Alibaba: Kuala Lumpur) is abroad without a provider. */
    s.provider = NULL;
    s.storage[0].region = "ap-southeast-3";
    expect(&s, "CLOUD-REGION", "not_met");
    /* Not the named provider's and abroad wherever it exists. */
    s.provider = "Microsoft Azure";
    s.storage[0].region = "us-west-2";
    s.storage[1].region = s.storage[2].region = "japanwest";
    s.storage[3].region = "japaneast";
    expect(&s, "CLOUD-REGION", "not_met");
}

static void test_places__provider_dependent_id_is_for_a_person(void)
{
    /* With home MY, ap-southeast-3 is at home at Alibaba (Kuala Lumpur)
     * and abroad at AWS (Jakarta): only the provider decides. */
    struct sub s = { .storage = { { "primary", NULL, "ap-southeast-3" },
                                  { "backup", NULL, "ap-southeast-3" },
                                  { "dr", NULL, "ap-southeast-3" },
                                  { "logs", NULL, "ap-southeast-3" } } };
    if (!crit_my) {
        T_CHECK(crit_my != NULL);
        return;
    }
    expect_in(crit_my, &s, "CLOUD-REGION", "not_met",
              "/data_location/storage/0/region",
              "/data-location/storage[1]/region", NULL);
    s.answer_id = "CLOUD-REGION";
    s.response = "yes";
    expect_in(crit_my, &s, "CLOUD-REGION", "claimed",
              "/data_location/storage/0/region",
              "/data-location/storage[1]/region", "ap-southeast-3");
    s.provider = "Alibaba Cloud";
    expect_in(crit_my, &s, "CLOUD-REGION", "met", NULL, NULL, NULL);
    s.provider = "Amazon Web Services";
    expect_in(crit_my, &s, "CLOUD-REGION", "contradicted", NULL, NULL, NULL);
}

static void test_places__unknown_region_is_a_diagnostic(void)
{
    struct sub s = { .provider = AWS,
                     .storage = ALL_JP("ap-northeast-1", "ap-northeast-3") };
    s.storage[0].region = "tokyo-central-9";
    expect_in(crit, &s, "CLOUD-REGION", "not_met",
              "/data_location/storage/0/region",
              "/data-location/storage[1]/region", NULL);
    s.answer_id = "CLOUD-REGION";
    s.response = "yes";
    expect_in(crit, &s, "CLOUD-REGION", "claimed",
              "/data_location/storage/0/region",
              "/data-location/storage[1]/region", "tokyo-central-9");
    /* Stated abroad: the vendor's own fact refutes it. */
    s.storage[0].country = "US";
    expect(&s, "CLOUD-REGION", "contradicted");
}

static void test_places__support_abroad_is_a_note(void)
{
    struct sub s = { .provider = AWS,
                     .storage = ALL_JP("ap-northeast-1", "ap-northeast-3"),
                     .remote = "US",
                     .answer_id = "CLOUD-REGION",
                     .response = "yes" };
    expect_in(crit, &s, "CLOUD-REGION", "met", NULL, NULL, "5(1)③");
}

static void test_places__honest_variants_stay_met(void)
{
    struct sub s = { .cloud_name = AWS,
                     .storage = ALL_JP("ap-northeast-1a", "アジアパシフィック (大阪)"),
                     .backup_country = "日本" };
    s.storage[0].country = "日本国";
    expect(&s, "CLOUD-REGION", "met");
    s.storage[0].region = s.storage[3].region = "東京リージョン";
    s.storage[1].region = s.storage[2].region = "大阪リージョン";
    expect(&s, "CLOUD-REGION", "met");
    s.cloud_name = "Google Cloud";
    s.storage[0].region = s.storage[3].region = "asia-northeast1-b";
    s.storage[1].region = s.storage[2].region = "asia-northeast2";
    expect(&s, "CLOUD-REGION", "met");
    s.cloud_name = "Microsoft Azure";
    s.storage[0].region = s.storage[3].region = "Japan East";
    s.storage[1].region = s.storage[2].region = "西日本リージョン";
    expect(&s, "CLOUD-REGION", "met");
    s.cloud_name = "さくらのクラウド";
    s.provider = "さくらインターネット株式会社";
    s.storage[0].region = s.storage[3].region = "is1a";
    s.storage[1].region = s.storage[2].region = "tk1a";
    expect(&s, "CLOUD-REGION", "met");
}

/* ---- positive evidence (rule 3) ---- */

static void test_places__blank_lists_earn_nothing(void)
{
    struct sub s = { 0 };
    s.blank_storage = true;
    expect(&s, "CLOUD-REGION", "not_met");
    s.blank_storage = false;
    s.empty_storage = true;
    expect(&s, "CLOUD-REGION", "unanswered");
    s.answer_id = "CLOUD-REGION";
    s.response = "yes";
    expect(&s, "CLOUD-REGION", "claimed");
    memset(&s, 0, sizeof(s));
    s.blank_cert = true;
    expect(&s, "CLOUD-CERT", "not_met");
    s.blank_cert = false;
    s.empty_certs = true;
    expect(&s, "CLOUD-CERT", "unanswered");
    /* A required copy whose place is not stated is not shown abroad, nor
     * at home: a person confirms it. */
    memset(&s, 0, sizeof(s));
    s.storage[0] = (struct loc){ "primary", "JP", NULL };
    expect(&s, "CLOUD-REGION", "not_met");
    s.answer_id = "CLOUD-REGION";
    s.response = "yes";
    expect(&s, "CLOUD-REGION", "claimed");
}

/* ---- certification schemes (rule 8) ---- */

static void scheme_is(const char *scheme, const char *status)
{
    struct sub s = { 0 };
    s.certs[0] = (struct cert){ scheme, "X-1", VENDOR, SERVICE, "2027-03-31" };
    expect(&s, "CLOUD-CERT", status);
}

static void test_places__schemes_and_equivalents(void)
{
    scheme_is("ISO/IEC 27017", "met");
    scheme_is("ISO/IEC 27017:2015", "met");
    scheme_is("ISO 27017", "met");
    scheme_is("ISMS-CLS", "met");
    scheme_is("JIS Q 27017", "met");
    scheme_is("JIS Q 27017:2016", "met");
    scheme_is("ISMAP", "met");
    scheme_is("ISMAP-LIU", "not_met");
    scheme_is("ISO/IEC 27001", "not_met");
    scheme_is("JIS Q 27001", "not_met");
}

static void test_places__unknown_scheme_is_a_diagnostic(void)
{
    struct sub s = { 0 };
    s.certs[0] = (struct cert){ "ISO/IEC 99999", "X-1", VENDOR, SERVICE,
                                "2027-03-31" };
    expect_in(crit, &s, "CLOUD-CERT", "not_met",
              "/certifications/0/scheme", "/certification/scheme", NULL);
    s.answer_id = "CLOUD-CERT";
    s.response = "yes";
    expect_in(crit, &s, "CLOUD-CERT", "claimed", "/certifications/0/scheme",
              "/certification/scheme", "ISO/IEC 99999");
    /* "ISMAPLIU-ish" is not ISMAP: no part of a name matches. */
    s.certs[0].scheme = "ISMAP Lite";
    expect_in(crit, &s, "CLOUD-CERT", "claimed", "/certifications/0/scheme",
              "/certification/scheme", NULL);
}

static void test_places__shared_registration_number(void)
{
    struct sub s = { .cloud_name = AWS, .provider = AWS };
    s.certs[0] = (struct cert){ "ISMAP", "C21-0001-1", VENDOR, SERVICE,
                                "2027-03-31" };
    s.certs[1] = (struct cert){ "ISMAP", "C21-0001-1",
                                "アマゾン ウェブ サービス ジャパン合同会社",
                                AWS, "2027-03-31" };
    expect_in(crit, &s, "CLOUD-CERT", "not_met", NULL, NULL, "C21-0001-1");
    s.answer_id = "CLOUD-CERT";
    s.response = "yes";
    expect(&s, "CLOUD-CERT", "contradicted");
    /* Its own number, and the IaaS's different one: met. */
    s.certs[1].id = "C21-0002-1";
    expect(&s, "CLOUD-CERT", "met");
}

/* A profile like the default with home country MY, in a temporary file. */
static cv_criteria *load_home_my(void)
{
    static const char body[] =
        "{\"format\":\"cloudvet-profile/1\",\"id\":\"test-home-my\","
        "\"version\":\"1\",\"extends\":\"tokki5-cloud\","
        "\"title\":{\"ja\":\"テスト\",\"en\":\"test\"},"
        "\"parameters\":{\"home_country\":{\"value\":\"MY\","
        "\"source\":\"test profile\"}}}";
    char *path = t_temp_file("cv-test-places-", body);
    cv_criteria *c = NULL;
    if (!path)
        return NULL;
    if (cv_criteria_load(&c, ctx, criteria_dir, path) != CV_OK) {
        size_t i;
        for (i = 0; i < cv_ctx_diag_count(ctx); i++)
            fprintf(stderr, "%s\n", cv_ctx_diag_at(ctx, i)->message);
        c = NULL;
    }
    unlink(path);
    free(path);
    return c;
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "courts_of_japan", test_places__courts_of_japan_are_met },
        { "foreign_courts", test_places__foreign_courts_are_not_met },
        { "unknown_court", test_places__unknown_court_is_for_a_person },
        { "provider_names", test_places__provider_names_match_whole },
        { "abroad_everywhere", test_places__abroad_everywhere_is_abroad },
        { "provider_dependent",
          test_places__provider_dependent_id_is_for_a_person },
        { "unknown_region", test_places__unknown_region_is_a_diagnostic },
        { "support_abroad", test_places__support_abroad_is_a_note },
        { "honest_variants", test_places__honest_variants_stay_met },
        { "blank_lists", test_places__blank_lists_earn_nothing },
        { "schemes", test_places__schemes_and_equivalents },
        { "unknown_scheme", test_places__unknown_scheme_is_a_diagnostic },
        { "shared_number", test_places__shared_registration_number },
    };
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: test_places CRITERIA_DIR\n");
        return 2;
    }
    criteria_dir = argv[1];
    if (t_api_open(&ctx, &crit, criteria_dir, CV_LANG_EN) != 0)
        return 1;
    crit_my = load_home_my();
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_criteria_free(crit_my);
    t_api_close(ctx, crit);
    return rc;
}
