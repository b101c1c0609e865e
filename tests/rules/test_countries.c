/* SPDX-License-Identifier: MIT */
/*
 * test_countries.c: reading countries (criteria/data/countries.json),
 * through the public API: ISO 3166-1 codes, alpha-3 codes, English and
 * Japanese names and cloudvet's aliases are countries; two letters or a
 * name the table does not hold are a located error and never met; a law
 * form (日本法, the laws of Japan) is read in the governing-law field only.
 * Every case is written in both forms, JSON and XML.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

#define VENDOR "株式会社テスト"
#define SERVICE "テスト申請クラウド"

/* A submission on AWS in Tokyo and Osaka: `country` is every storage
 * location's country, `backup` the backup country, `remote` one remote
 * access country, `law` and `court` the jurisdiction. */
struct sub {
    const char *country, *backup, *remote, *law, *court;
    const char *answer_id, *response;
};

static const char *const purposes[] = { "primary", "backup", "dr", "logs" };
static const char *const regions[] = { "ap-northeast-1", "ap-northeast-3",
                                       "ap-northeast-3", "ap-northeast-1" };

static void to_json(struct t_buf *b, const struct sub *s)
{
    size_t i;
    t_put(b, "{\"format\":\"cloudvet-questionnaire/1\",\"vendor\":{\"name\":\""
             VENDOR "\"},\"service\":{\"name\":\"" SERVICE "\","
             "\"underlying_cloud\":{\"provider\":\"Amazon Web Services\"}},"
             "\"data_location\":{\"storage\":[");
    for (i = 0; i < 4; i++)
        t_put(b, "%s{\"purpose\":\"%s\",\"country\":\"%s\",\"region\":\"%s\"}",
              i ? "," : "", purposes[i], s->country, regions[i]);
    t_put(b, "]");
    if (s->remote)
        t_put(b, ",\"remote_access_countries\":[\"%s\"]", s->remote);
    if (s->law)
        t_put(b, ",\"governing_law\":\"%s\"", s->law);
    if (s->court)
        t_put(b, ",\"court\":\"%s\"", s->court);
    t_put(b, "}");
    if (s->backup)
        t_put(b, ",\"sla\":{\"backup\":{\"country\":\"%s\"}}", s->backup);
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
             "</name><underlying-cloud><provider>Amazon Web Services"
             "</provider></underlying-cloud></service>\n<data-location>");
    for (i = 0; i < 4; i++)
        t_put(b, "<storage><purpose>%s</purpose><country>%s</country>"
                 "<region>%s</region></storage>\n",
              purposes[i], s->country, regions[i]);
    if (s->remote)
        t_put(b, "<remote-access-country>%s</remote-access-country>",
              s->remote);
    if (s->law)
        t_put(b, "<governing-law>%s</governing-law>", s->law);
    if (s->court)
        t_put(b, "<court>%s</court>", s->court);
    t_put(b, "</data-location>\n");
    if (s->backup)
        t_put(b, "<sla><backup><country>%s</country></backup></sla>",
              s->backup);
    if (s->answer_id)
        t_put(b, "<answer><id>%s</id><response>%s</response></answer>",
              s->answer_id, s->response);
    t_put(b, "</questionnaire>\n");
}

struct outcome {
    char status[32];
    char reason[4096];
    bool error_at;  /* an error diagnostic at the path asked for */
    bool any_error; /* any error diagnostic at all */
};

static void evaluate(struct outcome *o, bool xml, const struct sub *s,
                     const char *id, const char *path)
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
    sub = t_evaluate(ctx, crit, xml ? "t.xml" : "t.json", b.s);
    if (!sub) {
        fprintf(stderr, "  cannot evaluate %s\n", b.s);
        return;
    }
    if (t_result(sub, id, &r)) {
        snprintf(o->status, sizeof(o->status), "%s",
                 cv_result_status_str(r.status));
        snprintf(o->reason, sizeof(o->reason), "%s", r.reason);
    }
    o->any_error = t_diag_at(sub, CV_SEV_ERROR, "");
    o->error_at = path && t_diag_at(sub, CV_SEV_ERROR, path);
    cv_submission_free(sub);
}

/* `id` is `status` in both forms; with paths, an error is located there
 * (JSON Pointer / XPath tail), without, there is no error at all. */
static void expect_at(const struct sub *s, const char *id,
                      const char *status, const char *json_path,
                      const char *xml_path)
{
    int form;
    for (form = 0; form < 2; form++) {
        struct outcome o;
        const char *path = form ? xml_path : json_path;
        evaluate(&o, form == 1, s, id, path);
        if (strcmp(o.status, status) != 0)
            fprintf(stderr, "  %s form (country %s, law %s): %s\n",
                    form ? "XML" : "JSON", s->country,
                    s->law ? s->law : "-", o.reason);
        T_STREQ(o.status, status);
        if (path && !o.error_at)
            fprintf(stderr, "  %s form: no error at %s\n",
                    form ? "XML" : "JSON", path);
        if (!path && o.any_error)
            fprintf(stderr, "  %s form (law %s): an error\n",
                    form ? "XML" : "JSON", s->law ? s->law : "-");
        T_CHECK(path ? o.error_at : !o.any_error);
    }
}

static void expect(const struct sub *s, const char *id, const char *status)
{
    expect_at(s, id, status, NULL, NULL);
}

/* An error located at the path in both forms, whatever the result: the
 * value is dropped, so what the check makes of the rest is its own rule. */
static void expect_error_at(const struct sub *s, const char *json_path,
                            const char *xml_path)
{
    struct outcome o;
    evaluate(&o, false, s, "CLOUD-REGION", json_path);
    if (!o.error_at)
        fprintf(stderr, "  JSON form: no error at %s\n", json_path);
    T_CHECK(o.error_at);
    evaluate(&o, true, s, "CLOUD-REGION", xml_path);
    if (!o.error_at)
        fprintf(stderr, "  XML form: no error at %s\n", xml_path);
    T_CHECK(o.error_at);
}

/* ---- countries by code and by name ---- */

static void test_countries__codes_and_names_are_read(void)
{
    static const char *const japan[] = {
        "JP", "jp", "ＪＰ", "JPN", "jpn", "Japan", "JAPAN", " Japan ",
        "日本", "日本国", "にっぽん", "Nippon", NULL
    };
    size_t i;
    for (i = 0; japan[i]; i++) {
        struct sub s = { .country = japan[i], .backup = japan[i],
                         .law = japan[i], .court = "東京地方裁判所" };
        expect(&s, "CLOUD-REGION", "met");
        expect(&s, "CLOUD-JURISDICTION", "met");
    }
}

static void test_countries__foreign_names_are_foreign(void)
{
    /* Read as the United States: the stated country does not agree with
     * the region, and the law is not Japan's. */
    static const char *const usa[] = {
        "US", "USA", "United States", "United States of America", "米国",
        "アメリカ", "アメリカ合衆国", "U.S.A.", NULL
    };
    size_t i;
    for (i = 0; usa[i]; i++) {
        struct sub s = { .country = "JP", .backup = usa[i], .law = usa[i],
                         .court = "東京地方裁判所" };
        expect(&s, "CLOUD-REGION", "not_met");
        expect(&s, "CLOUD-JURISDICTION", "not_met");
    }
}

static void test_countries__aliases_of_cloud_countries(void)
{
    static const struct {
        const char *name;
    } names[] = { { "英国" }, { "イギリス" }, { "UK" }, { "韓国" },
                  { "大韓民国" }, { "シンガポール" }, { "台湾" },
                  { "香港" }, { "オーストラリア" }, { "ドイツ" },
                  { "Singapore" }, { "South Korea" }, { "SGP" } };
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        struct sub s = { .country = "JP", .backup = names[i].name,
                         .law = "JP", .court = "東京地方裁判所" };
        /* Known, and abroad: no error, and the backup is not at home. */
        expect(&s, "CLOUD-REGION", "not_met");
        s.remote = names[i].name;
        s.backup = NULL;
        expect(&s, "CLOUD-REGION", "met");
    }
}

/* ---- what the table does not know ---- */

static void test_countries__unknown_is_a_located_error(void)
{
    static const char *const unknown[] = { "XZ", "xz", "QQ", "Atlantis",
                                           "日本のどこか", "日", "JPNX",
                                           NULL };
    size_t i;
    for (i = 0; unknown[i]; i++) {
        struct sub s = { .country = "JP", .law = unknown[i],
                         .court = "東京地方裁判所" };
        expect_at(&s, "CLOUD-JURISDICTION", "not_met",
                  "/data_location/governing_law",
                  "/data-location/governing-law");
        s.answer_id = "CLOUD-JURISDICTION";
        s.response = "yes";
        expect_at(&s, "CLOUD-JURISDICTION", "claimed",
                  "/data_location/governing_law",
                  "/data-location/governing-law");
        s.answer_id = NULL;
        s.law = "JP";
        s.backup = unknown[i];
        expect_error_at(&s, "/sla/backup/country", "/sla/backup/country");
        s.backup = NULL;
        s.remote = unknown[i];
        expect_error_at(&s, "/data_location/remote_access_countries/0",
                        "remote-access-country");
        s.remote = NULL;
        s.country = unknown[i];
        expect_error_at(&s, "/data_location/storage/0/country",
                        "/data-location/storage[1]/country");
    }
}

/* ---- law forms: governing law only ---- */

static void test_countries__law_forms_for_governing_law(void)
{
    static const char *const japan[] = {
        "日本法", "日本国法", "日本の法律", "日本国の法律", "日本の法令",
        "Japanese law", "Japanese Law", "Japan law", "the laws of Japan",
        "The Laws of Japan", "laws of Japan", "the law of Japan",
        "ＪＡＰＡＮＥＳＥ　ＬＡＷ", NULL
    };
    size_t i;
    for (i = 0; japan[i]; i++) {
        struct sub s = { .country = "JP", .law = japan[i],
                         .court = "東京地方裁判所" };
        expect(&s, "CLOUD-JURISDICTION", "met");
    }
    {
        struct sub s = { .country = "JP", .law = "米国法",
                         .court = "東京地方裁判所" };
        expect(&s, "CLOUD-JURISDICTION", "not_met");
        s.law = "the laws of the United States";
        expect(&s, "CLOUD-JURISDICTION", "not_met");
        s.law = "英国法";
        expect(&s, "CLOUD-JURISDICTION", "not_met");
    }
}

static void test_countries__law_forms_nowhere_else(void)
{
    static const char *const laws[] = { "日本法", "Japanese law",
                                        "the laws of Japan", "Japanese",
                                        NULL };
    size_t i;
    for (i = 0; laws[i]; i++) {
        struct sub s = { .country = "JP", .law = "JP",
                         .court = "東京地方裁判所", .backup = laws[i] };
        expect_error_at(&s, "/sla/backup/country", "/sla/backup/country");
        s.backup = NULL;
        s.country = laws[i];
        expect_error_at(&s, "/data_location/storage/0/country",
                        "/data-location/storage[1]/country");
        s.country = "JP";
        s.remote = laws[i];
        expect_error_at(&s, "/data_location/remote_access_countries/0",
                        "remote-access-country");
    }
    /* "Japanese" alone is an adjective, not a country, even as a law. */
    {
        struct sub s = { .country = "JP", .law = "Japanese",
                         .court = "東京地方裁判所" };
        expect_at(&s, "CLOUD-JURISDICTION", "not_met",
                  "/data_location/governing_law",
                  "/data-location/governing-law");
    }
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "codes_and_names", test_countries__codes_and_names_are_read },
        { "foreign_names", test_countries__foreign_names_are_foreign },
        { "aliases", test_countries__aliases_of_cloud_countries },
        { "unknown", test_countries__unknown_is_a_located_error },
        { "law_forms", test_countries__law_forms_for_governing_law },
        { "law_forms_only_there", test_countries__law_forms_nowhere_else },
    };
    return t_api_main(argc, argv, "test_countries", CV_LANG_EN, &ctx, &crit,
                      cases, sizeof(cases) / sizeof(cases[0]));
}
