/* SPDX-License-Identifier: MIT */
/*
 * test_kinds.c: every check kind declares what it reads (issue rule 12),
 * and the MFA scope follows the clause (rule 11).
 *
 * The catalogue and the profile are validated against the table of check
 * kinds (src/lib/eval/check_kinds.c) when they are loaded, by
 * `criteria lint` and by `criteria lint --profile FILE`: an unknown
 * member, a wrong type, a missing member, a parameter the profile does
 * not set, a parameter nothing uses and a threshold of the wrong type are
 * errors naming the file and the JSON Pointer. Each case breaks one thing
 * in a temporary copy of criteria/ (or in a municipality's profile written
 * here) and runs all three.
 *
 *   cv_test_rules_kinds CRITERIA_DIR
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static const char *crit_dir;
static char tmp_root[1024];
static unsigned copies;

/* ---- files ---- */

/* A copy of criteria/ with `old` replaced by `new_text` in `file`. */
static int edited_copy(char *out, size_t cap, const char *file,
                       const char *old, const char *new_text)
{
    snprintf(out, cap, "%s/copy%u", tmp_root, ++copies);
    if (t_copy_tree(crit_dir, out) != 0 ||
        t_edit_file(out, file, old, new_text) != 0) {
        t_failures++;
        return -1;
    }
    return 0;
}

/* A municipality's profile: extends the default and sets `params`. */
static const char *write_profile(const char *params)
{
    static char path[4096];
    FILE *f;
    snprintf(path, sizeof(path), "%s/city%u.json", tmp_root, ++copies);
    f = fopen(path, "wb");
    if (!f)
        return NULL;
    fprintf(f,
            "{ \"format\": \"cloudvet-profile/1\", \"id\": \"city\", "
            "\"version\": \"1\", \"extends\": \"tokki5-cloud\",\n"
            "  \"title\": { \"ja\": \"市\", \"en\": \"city\" },\n"
            "  \"parameters\": { %s } }\n",
            params);
    return fclose(f) == 0 ? path : NULL;
}

/* ---- the three ways in: load, lint, lint --profile ---- */

struct run {
    cv_status st;
    char *text; /* every diagnostic, "source: path: message\n" */
};

enum way { LOAD, LINT, LINT_PROFILE };
static const char *const way_names[] = { "load", "lint", "lint --profile" };

static struct run run(enum way way, const char *dir, const char *profile)
{
    struct run r = { CV_ERROR, NULL };
    cv_ctx *ctx = t_api_ctx(CV_LANG_EN);
    cv_criteria *crit = NULL;
    if (!ctx)
        return r;
    if (way == LOAD)
        r.st = cv_criteria_load(&crit, ctx, dir, profile);
    else
        r.st = cv_criteria_lint(ctx, dir, NULL,
                                way == LINT_PROFILE ? profile : NULL);
    r.text = t_diag_text(ctx);
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    return r;
}

/* Some line of the diagnostics has all of `file` (the end of its source),
 * `pointer` (in its path) and `words` (in its message). */
static bool has_line(const struct run *r, const char *file,
                     const char *pointer, const char *words)
{
    const char *line = r->text;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char buf[4096];
        if (n >= sizeof(buf))
            n = sizeof(buf) - 1;
        memcpy(buf, line, n);
        buf[n] = '\0';
        {
            char *sep = strstr(buf, ": ");
            if (sep) {
                *sep = '\0';
                if (strlen(buf) >= strlen(file) &&
                    strcmp(buf + strlen(buf) - strlen(file), file) == 0 &&
                    strstr(sep + 2, pointer) && strstr(sep + 2, words))
                    return true;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return false;
}

static void expect_error(enum way way, const char *dir, const char *profile,
                         const char *file, const char *pointer,
                         const char *words)
{
    struct run r = run(way, dir, profile);
    bool ok = r.st == CV_ECRITERIA && has_line(&r, file, pointer, words);
    T_CHECK(ok);
    if (!ok)
        fprintf(stderr, "  %s: wanted %s: %s: ...%s... (status %s) in:\n%s",
                way_names[way], file, pointer, words, cv_status_str(r.st),
                r.text ? r.text : "(none)\n");
    free(r.text);
}

/* The error at load, in lint and in lint --profile of the default. */
static void expect_everywhere(const char *dir, const char *file,
                              const char *pointer, const char *words)
{
    expect_error(LOAD, dir, NULL, file, pointer, words);
    expect_error(LINT, dir, NULL, file, pointer, words);
    expect_error(LINT_PROFILE, dir, "tokki5-cloud", file, pointer, words);
}

/* A municipality's profile file: at load with it and in lint --profile. */
static void expect_in_profile(const char *params, const char *pointer,
                              const char *words)
{
    const char *path = write_profile(params);
    T_CHECK(path != NULL);
    if (!path)
        return;
    expect_error(LOAD, crit_dir, path, path, pointer, words);
    expect_error(LINT_PROFILE, crit_dir, path, path, pointer, words);
}

/* ---- the table ---- */

static void test_kinds__real_criteria_pass(void)
{
    struct run r = run(LINT, crit_dir, NULL);
    T_CHECK(r.st == CV_OK);
    if (r.st != CV_OK)
        fprintf(stderr, "%s", r.text ? r.text : "");
    free(r.text);
    r = run(LINT_PROFILE, crit_dir, "full-catalogue");
    T_CHECK(r.st == CV_OK);
    if (r.st != CV_OK)
        fprintf(stderr, "%s", r.text ? r.text : "");
    free(r.text);
}

/* run_check is a lookup in the table: a kind it lacks cannot load. */
static void test_kinds__unknown_kind(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"kind\": \"mfa\"", "\"kind\": \"multi_factor\"") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/check/kind",
                          "unknown check kind 'multi_factor'");
}

static void test_kinds__unknown_member(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"min_kinds\": \"mfa_min_kinds\"",
                    "\"min_kind\": \"mfa_min_kinds\"") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json",
                          "/check/min_kind",
                          "a 'mfa' check has no member 'min_kind'");
}

static void test_kinds__missing_required_member(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"min_kinds\": \"mfa_min_kinds\",", "") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/check",
                          "a 'mfa' check needs 'min_kinds'");
}

static void test_kinds__member_of_the_wrong_form(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"biometric\": \"mfa_biometric_required\"",
                    "\"biometric\": true") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/check/biometric",
                          "check member 'biometric' must name a profile "
                          "parameter");
}

static void test_kinds__parameter_the_profile_does_not_set(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"scope\": \"mfa_scope_required\"",
                    "\"scope\": \"mfa_scope\"") != 0)
        return;
    expect_everywhere(dir, "catalogue/002-cloud.json", "/check/scope",
                      "check member 'scope' names parameter 'mfa_scope', "
                      "which the profile does not set");
    /* ... and the one it meant is now set for nothing */
    expect_error(LOAD, dir, NULL, "profiles/default.json",
                 "/parameters/mfa_scope_required", "is used by no check");
}

static void test_kinds__check_parameter_of_the_wrong_type(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "profiles/default.json",
                    "\"mfa_min_kinds\": { \"value\": 2",
                    "\"mfa_min_kinds\": { \"value\": \"2\"") == 0)
        expect_everywhere(dir, "profiles/default.json",
                          "/parameters/mfa_min_kinds/value",
                          "parameter 'mfa_min_kinds' must be a number "
                          "(kinds of factor)");
    expect_in_profile("\"mfa_biometric_required\": { \"value\": \"yes\", "
                      "\"source\": \"市の方針\" }",
                      "/parameters/mfa_biometric_required/value",
                      "parameter 'mfa_biometric_required' must be a boolean");
    expect_in_profile("\"accepted_certifications\": { \"value\": \"ISMAP\", "
                      "\"source\": \"市の方針\" }",
                      "/parameters/accepted_certifications/value",
                      "must be a non-empty array of strings");
}

/* "rto_hours_max": "6" would compare nothing: a string where a number
 * belongs, in the profile or written in the catalogue. */
static void test_kinds__string_threshold(void)
{
    char dir[4096];
    expect_in_profile("\"rto_hours_max\": { \"value\": \"6\", "
                      "\"source\": \"市の方針\" }",
                      "/parameters/rto_hours_max/value",
                      "parameter 'rto_hours_max' has the wrong type for the "
                      "test");
    if (edited_copy(dir, sizeof(dir), "profiles/default.json",
                    "\"rto_hours_max\": { \"value\": 12",
                    "\"rto_hours_max\": { \"value\": \"12\"") == 0)
        expect_everywhere(dir, "profiles/default.json",
                          "/parameters/rto_hours_max/value",
                          "parameter 'rto_hours_max' has the wrong type");
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"test\": \"ge\",\n              \"value\": 180",
                    "\"test\": \"ge\",\n              \"value\": \"180\"") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/when/value",
                          "the value of test 'ge' has the wrong type");
}

static void test_kinds__unused_parameter(void)
{
    char dir[4096];
    expect_in_profile("\"availabilty_percent_min\": { \"value\": 99.99, "
                      "\"source\": \"市の方針\" }",
                      "/parameters/availabilty_percent_min",
                      "parameter 'availabilty_percent_min' is used by no "
                      "check, condition or grading");
    /* beside the parameter it misspells, in the default profile */
    if (edited_copy(dir, sizeof(dir), "profiles/default.json",
                    "\"availability_percent_min\":",
                    "\"availabilty_percent_min\": { \"value\": 99.99, "
                    "\"source\": \"x\" },\n    \"availability_percent_min\":") ==
        0)
        expect_everywhere(dir, "profiles/default.json",
                          "/parameters/availabilty_percent_min",
                          "is used by no check, condition or grading");
    /* instead of it: the parameter the conditions name is missing */
    if (edited_copy(dir, sizeof(dir), "profiles/default.json",
                    "\"availability_percent_min\":",
                    "\"availabilty_percent_min\":") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/check/require",
                          "the profile does not set parameter "
                          "'availability_percent_min'");
}

static void test_kinds__scope_must_be_one_of_the_order(void)
{
    char dir[4096];
    expect_in_profile("\"mfa_scope_required\": { \"value\": \"everyone\", "
                      "\"source\": \"市の方針\" }",
                      "/parameters/mfa_scope_required/value",
                      "parameter 'mfa_scope_required' = 'everyone' is not "
                      "listed in the check of ACCESS-MFA under "
                      "'scope_order'");
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "[\"administrators\", \"all_users\"]",
                    "[\"administrators\", \"staff\", \"all_users\"]") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json",
                          "/check/scope_order/1",
                          "'staff' is not a value of the questionnaire's "
                          "access_control.mfa.scope");
}

static void test_kinds__link_needs_its_types(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"link_types\": \"document_content_types\",", "") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/check/link",
                          "check member 'link' needs 'link_types' too");
}

static void test_kinds__test_that_takes_no_operand(void)
{
    char dir[4096];
    if (edited_copy(dir, sizeof(dir), "catalogue/002-cloud.json",
                    "\"test\": \"present\"",
                    "\"test\": \"present\", \"value\": 1") == 0)
        expect_everywhere(dir, "catalogue/002-cloud.json", "/value",
                          "test 'present' takes neither a value nor a param");
}

/* ---- MFA scope (5(2): the terminals that administer and operate) ---- */

#define HEAD                                                                  \
    "{\"format\":\"cloudvet-questionnaire/1\","                               \
    "\"vendor\":{\"name\":\"株式会社テスト\"},"                               \
    "\"service\":{\"name\":\"テスト申請クラウド\"}"

#define MFA_JSON(scope_member, answer)                                        \
    HEAD ",\"access_control\":{\"mfa\":{\"required\":true," scope_member      \
         "\"factors\":[\"password\",\"face\"]}}" answer "}"

#define XHEAD                                                                 \
    "<questionnaire xmlns=\"urn:cloudvet:questionnaire:1\">"                  \
    "<format>cloudvet-questionnaire/1</format>"                               \
    "<vendor><name>株式会社テスト</name></vendor>"                            \
    "<service><name>テスト申請クラウド</name></service>"

#define MFA_XML(scope_element, answer)                                        \
    XHEAD "<access-control><mfa><required>true</required>" scope_element      \
          "<factor>password</factor><factor>face</factor></mfa>"              \
          "</access-control>" answer "</questionnaire>"

#define YES_JSON ",\"answers\":[{\"id\":\"ACCESS-MFA\",\"response\":\"yes\"}]"
#define YES_XML                                                               \
    "<answers><answer><id>ACCESS-MFA</id><response>yes</response></answer>"   \
    "</answers>"

static const char *mfa_status(const char *profile, const char *name,
                              const char *doc)
{
    static char status[32];
    cv_ctx *ctx = t_api_ctx(CV_LANG_EN);
    cv_criteria *crit = NULL;
    cv_submission *s = NULL;
    cv_result_info r;
    snprintf(status, sizeof(status), "(error)");
    if (ctx && cv_criteria_load(&crit, ctx, crit_dir, profile) == CV_OK &&
        (s = t_evaluate(ctx, crit, name, doc)) != NULL &&
        t_result(s, "ACCESS-MFA", &r))
        snprintf(status, sizeof(status), "%s",
                 cv_result_status_str(r.status));
    cv_submission_free(s);
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    return status;
}

/* Both forms give the same status. */
static void expect_mfa(const char *profile, const char *json, const char *xml,
                       const char *status)
{
    T_STREQ(mfa_status(profile, "t.json", json), status);
    T_STREQ(mfa_status(profile, "t.xml", xml), status);
}

/* The clause asks it of the accounts that administer and operate the
 * service: MFA for administrators meets it, and so does MFA for all. */
static void test_kinds__mfa_for_administrators_meets_the_clause(void)
{
    expect_mfa(NULL, MFA_JSON("\"scope\":\"administrators\",", ""),
               MFA_XML("<scope>administrators</scope>", ""), "met");
    expect_mfa(NULL, MFA_JSON("\"scope\":\"all_users\",", ""),
               MFA_XML("<scope>all_users</scope>", ""), "met");
    expect_mfa(NULL, MFA_JSON("\"scope\":\"administrators\",", YES_JSON),
               MFA_XML("<scope>administrators</scope>", YES_XML), "met");
}

/* A municipality may require it of every user: then administrators only
 * is not enough, compared by the order of scope_order. */
static void test_kinds__municipality_may_require_all_users(void)
{
    const char *path = write_profile(
        "\"mfa_scope_required\": { \"value\": \"all_users\", "
        "\"source\": \"市の方針: 職員を含む全利用者\" }");
    T_CHECK(path != NULL);
    if (!path)
        return;
    expect_mfa(path, MFA_JSON("\"scope\":\"administrators\",", ""),
               MFA_XML("<scope>administrators</scope>", ""), "partial");
    expect_mfa(path, MFA_JSON("\"scope\":\"administrators\",", YES_JSON),
               MFA_XML("<scope>administrators</scope>", YES_XML),
               "contradicted");
    expect_mfa(path, MFA_JSON("\"scope\":\"all_users\",", ""),
               MFA_XML("<scope>all_users</scope>", ""), "met");
}

/* Whom it covers not stated: not shown met, never refuted. */
static void test_kinds__mfa_scope_not_stated_is_for_a_person(void)
{
    expect_mfa(NULL, MFA_JSON("", YES_JSON), MFA_XML("", YES_XML),
               "claimed");
    expect_mfa(NULL, MFA_JSON("", ""), MFA_XML("", ""), "not_met");
}

/* A factor the table does not know may be the biometric one: a person
 * confirms, the facts do not refute. */
static void test_kinds__unknown_factor_is_not_a_refutation(void)
{
    const char *json =
        HEAD ",\"access_control\":{\"mfa\":{\"required\":true,"
             "\"scope\":\"administrators\","
             "\"factors\":[\"password\",\"retina-scan\"]}}" YES_JSON "}";
    const char *xml =
        XHEAD "<access-control><mfa><required>true</required>"
              "<scope>administrators</scope><factor>password</factor>"
              "<factor>retina-scan</factor></mfa></access-control>" YES_XML
              "</questionnaire>";
    expect_mfa(NULL, json, xml, "claimed");
    /* SMS and a password are known, and no biometric: refuted. */
    json = HEAD ",\"access_control\":{\"mfa\":{\"required\":true,"
                "\"scope\":\"administrators\","
                "\"factors\":[\"password\",\"sms\"]}}" YES_JSON "}";
    xml = XHEAD "<access-control><mfa><required>true</required>"
                "<scope>administrators</scope><factor>password</factor>"
                "<factor>sms</factor></mfa></access-control>" YES_XML
                "</questionnaire>";
    expect_mfa(NULL, json, xml, "contradicted");
}

/* min_kinds comes from the profile, not a constant of the code. */
static void test_kinds__min_kinds_is_the_profile_s(void)
{
    const char *path = write_profile(
        "\"mfa_min_kinds\": { \"value\": 3, \"source\": \"市の方針\" }");
    T_CHECK(path != NULL);
    if (!path)
        return;
    expect_mfa(path, MFA_JSON("\"scope\":\"administrators\",", ""),
               MFA_XML("<scope>administrators</scope>", ""), "not_met");
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "real criteria pass", test_kinds__real_criteria_pass },
        { "unknown kind", test_kinds__unknown_kind },
        { "unknown member", test_kinds__unknown_member },
        { "missing required member", test_kinds__missing_required_member },
        { "member of the wrong form", test_kinds__member_of_the_wrong_form },
        { "parameter not set",
          test_kinds__parameter_the_profile_does_not_set },
        { "check parameter type",
          test_kinds__check_parameter_of_the_wrong_type },
        { "string threshold", test_kinds__string_threshold },
        { "unused parameter", test_kinds__unused_parameter },
        { "scope one of the order",
          test_kinds__scope_must_be_one_of_the_order },
        { "link needs its types", test_kinds__link_needs_its_types },
        { "test without operand", test_kinds__test_that_takes_no_operand },
        { "mfa administrators",
          test_kinds__mfa_for_administrators_meets_the_clause },
        { "mfa all users", test_kinds__municipality_may_require_all_users },
        { "mfa scope not stated",
          test_kinds__mfa_scope_not_stated_is_for_a_person },
        { "mfa unknown factor",
          test_kinds__unknown_factor_is_not_a_refutation },
        { "mfa min kinds", test_kinds__min_kinds_is_the_profile_s },
    };
    int rc;
    if (argc < 2) {
        fprintf(stderr, "usage: %s CRITERIA_DIR\n", argv[0]);
        return 2;
    }
    crit_dir = argv[1];
    if (t_make_temp_dir(tmp_root, sizeof(tmp_root), "cv-kinds") != 0) {
        perror("mkdtemp");
        return 1;
    }
    if (cv_global_init() != CV_OK)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_global_cleanup();
    t_remove_tree(tmp_root);
    return rc;
}
