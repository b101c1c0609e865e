/* SPDX-License-Identifier: MIT */
/*
 * test_check.c: what `cloudvet check` is made of, through the public API:
 * the "did you mean" of a misspelt member name, enumeration value and
 * answer id (in the JSON and the XML form; only when one name is clearly
 * nearest), the outcome a check's exit code maps (an error diagnostic
 * fails; with strict, a warning does), and the table of check formats.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;

/* A small submission: `sla` inside "sla", `purpose` of the one storage
 * location, `answer` the one answer's id. */
static char *json_sub(const char *sla, const char *purpose,
                      const char *answer)
{
    struct t_buf b = { "", 0 };
    t_put(&b, "{\"format\":\"cloudvet-questionnaire/1\","
              "\"vendor\":{\"name\":\"株式会社テスト\"},"
              "\"service\":{\"name\":\"テストクラウド\"},"
              "\"data_location\":{\"storage\":[{\"purpose\":\"%s\","
              "\"country\":\"JP\",\"region\":\"ap-northeast-1\"}]},"
              "\"sla\":{%s},"
              "\"answers\":[{\"id\":\"%s\",\"response\":\"yes\"}]}",
          purpose, sla, answer);
    return strdup(b.s);
}

static char *xml_sub(const char *sla, const char *purpose,
                     const char *answer)
{
    struct t_buf b = { "", 0 };
    t_put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"
              "<format>cloudvet-questionnaire/1</format>"
              "<vendor><name>株式会社テスト</name></vendor>"
              "<service><name>テストクラウド</name></service>"
              "<data-location><storage><purpose>%s</purpose>"
              "<country>JP</country><region>ap-northeast-1</region>"
              "</storage></data-location><sla>%s</sla>"
              "<answers><answer><id>%s</id><response>yes</response>"
              "</answer></answers></questionnaire>",
          purpose, sla, answer);
    return strdup(b.s);
}

/* Whether a diagnostic of `s` says `text`. */
static bool says(const cv_submission *s, const char *text)
{
    size_t i;
    for (i = 0; s && i < cv_submission_diag_count(s); i++)
        if (strstr(cv_submission_diag_at(s, i)->message, text))
            return true;
    return false;
}

static bool evaluate_says(const char *name, char *text, const char *want)
{
    cv_submission *s = t_evaluate(ctx, crit, name, text);
    bool ok = says(s, want);
    if (!ok)
        fprintf(stderr, "%s: no diagnostic says \"%s\"\n", name, want);
    cv_submission_free(s);
    free(text);
    return ok;
}

static void test_check__member_name_suggested(void)
{
    T_CHECK(evaluate_says("m.json",
                          json_sub("\"availabilty_percent\":99.9", "primary",
                                   "CLOUD-CERT"),
                          "did you mean 'availability_percent'?"));
    T_CHECK(evaluate_says("m.xml",
                          xml_sub("<availabilty-percent>99.9"
                                  "</availabilty-percent>",
                                  "primary", "CLOUD-CERT"),
                          "did you mean 'availability-percent'?"));
}

static void test_check__enum_value_suggested(void)
{
    T_CHECK(evaluate_says("e.json",
                          json_sub("\"availability_percent\":99.9", "primay",
                                   "CLOUD-CERT"),
                          "did you mean 'primary'?"));
    T_CHECK(evaluate_says("e.xml",
                          xml_sub("<availability-percent>99.9"
                                  "</availability-percent>",
                                  "primay", "CLOUD-CERT"),
                          "did you mean 'primary'?"));
}

static void test_check__criterion_id_suggested(void)
{
    T_CHECK(evaluate_says("c.json",
                          json_sub("\"availability_percent\":99.9", "primary",
                                   "CLOUD-CRET"),
                          "did you mean 'CLOUD-CERT'?"));
    T_CHECK(evaluate_says("c.xml",
                          xml_sub("<availability-percent>99.9"
                                  "</availability-percent>",
                                  "primary", "CLOUD-CRET"),
                          "did you mean 'CLOUD-CERT'?"));
}

/* Far from every name, or a guess between two: nothing is suggested. */
static void test_check__no_guess_when_far(void)
{
    char *doc = json_sub("\"qqzzxxyy\":1", "zz", "XQ-1");
    cv_submission *s = t_evaluate(ctx, crit, "f.json", doc);
    T_CHECK(s && !says(s, "did you mean"));
    T_CHECK(says(s, "qqzzxxyy") && says(s, "'zz'") && says(s, "XQ-1"));
    cv_submission_free(s);
    free(doc);
}

/* An unknown member is a warning: it passes, unless strict. An enum value
 * not allowed is an error: it fails the check even when the verdict would
 * let the bid pass. */
static void test_check__outcome(void)
{
    char *w = json_sub("\"availabilty_percent\":99.9", "primary",
                       "CLOUD-CERT");
    cv_submission *s = t_evaluate(ctx, crit, "w.json", w);
    T_CHECK(s != NULL);
    if (s && cv_submission_verdict(s) == CV_VERDICT_QUALIFIED)
        T_CHECK(cv_check_outcome_of(s, 0) != CV_CHECK_FAILS);
    T_CHECK(s && cv_check_outcome_of(s, 1) == CV_CHECK_FAILS);
    cv_submission_free(s);
    free(w);
    w = json_sub("\"availability_percent\":99.9", "primay", "CLOUD-CERT");
    s = t_evaluate(ctx, crit, "e.json", w);
    T_CHECK(s && cv_check_outcome_of(s, 0) == CV_CHECK_FAILS);
    cv_submission_free(s);
    free(w);
    s = t_evaluate(ctx, crit, "bad.json", "{");
    T_CHECK(s && cv_check_outcome_of(s, 0) == CV_CHECK_UNREADABLE);
    cv_submission_free(s);
}

static int collect(const char *buf, size_t len, void *payload)
{
    struct t_buf *b = payload;
    size_t room = sizeof(b->s) - 1 - b->n;
    if (len > room)
        len = room;
    memcpy(b->s + b->n, buf, len);
    b->n += len;
    b->s[b->n] = '\0';
    return 0;
}

static void test_check__formats(void)
{
    static const char *const names[] = { "text", "json", "sarif", "junit" };
    static const char *const marks[] = { "[cloudvet/input]",
                                         "\"cloudvet-check/1\"",
                                         "\"version\":\"2.1.0\"",
                                         "<testsuites" };
    char *w = json_sub("\"availabilty_percent\":99.9", "primary",
                       "CLOUD-CERT");
    cv_submission *s = t_evaluate(ctx, crit, "w.json", w);
    const cv_submission *subs[1] = { s };
    cv_check_format f;
    size_t i;
    for (i = 0; i < 4; i++) {
        struct t_buf b = { "", 0 };
        T_CHECK(cv_check_format_parse(names[i], &f) == CV_OK);
        T_STREQ(cv_check_format_name(f), names[i]);
        T_CHECK(cv_check_write(ctx, crit, subs, 1, f, NULL, collect, &b) ==
                CV_OK);
        T_CHECK(strstr(b.s, marks[i]) != NULL);
    }
    T_CHECK(cv_check_format_parse("pdf", &f) == CV_EUSAGE);
    T_CHECK(cv_check_write(ctx, crit, subs, 1, (cv_check_format)9, NULL,
                           collect, NULL) == CV_EUSAGE);
    cv_submission_free(s);
    free(w);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "member_name", test_check__member_name_suggested },
        { "enum_value", test_check__enum_value_suggested },
        { "criterion_id", test_check__criterion_id_suggested },
        { "no_guess", test_check__no_guess_when_far },
        { "outcome", test_check__outcome },
        { "formats", test_check__formats },
    };
    return t_api_main(argc, argv, "test_check", CV_LANG_EN, &ctx, &crit,
                      cases, sizeof(cases) / sizeof(cases[0]));
}
