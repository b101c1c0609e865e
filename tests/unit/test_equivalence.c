/* SPDX-License-Identifier: MIT */
/* test_equivalence.c: the JSON and XML forms of one submission give
 * identical results (verdict, score, and every status, point and reason).
 * Every XML file given is compared with the JSON one: the plain form, the
 * form with list wrappers, and lists split between both. */
#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;
static const char *json_path;
static char **xml_paths;
static int nxml;

static void agree(const char *xml_path)
{
    cv_submission *a = NULL, *b = NULL;
    size_t i;
    T_CHECK(cv_submission_evaluate_file(&a, ctx, crit, json_path) == CV_OK);
    T_CHECK(cv_submission_evaluate_file(&b, ctx, crit, xml_path) == CV_OK);
    if (!a || !b)
        return;
    T_CHECK(cv_submission_verdict(a) != CV_VERDICT_INVALID);
    T_CHECK(cv_submission_verdict(a) == cv_submission_verdict(b));
    T_CHECK(cv_submission_score(a) == cv_submission_score(b));
    T_STREQ(cv_submission_vendor(a), cv_submission_vendor(b));
    T_CHECK(cv_submission_result_count(a) == cv_submission_result_count(b));
    for (i = 0; i < cv_submission_result_count(a); i++) {
        cv_result_info ra, rb;
        T_CHECK(cv_submission_result_at(a, i, &ra) == CV_OK);
        T_CHECK(cv_submission_result_at(b, i, &rb) == CV_OK);
        T_STREQ(ra.id, rb.id);
        T_CHECK(ra.status == rb.status);
        T_CHECK(ra.points == rb.points);
        T_STREQ(ra.reason, rb.reason);
    }
    cv_submission_free(a);
    cv_submission_free(b);
}

static void test_equivalence__json_and_xml_agree(void)
{
    int i;
    for (i = 0; i < nxml; i++) {
        int before = t_failures;
        agree(xml_paths[i]);
        if (t_failures != before)
            fprintf(stderr, "  for %s\n", xml_paths[i]);
    }
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "json_and_xml_agree", test_equivalence__json_and_xml_agree },
    };
    int rc;
    if (argc < 4) {
        fprintf(stderr, "usage: test_equivalence CRITERIA_DIR JSON XML...\n");
        return 2;
    }
    json_path = argv[2];
    xml_paths = argv + 3;
    nxml = argc - 3;
    if (t_api_open(&ctx, &crit, argv[1], CV_LANG_JA) != 0)
        return 1;
    rc = t_run(cases, 1);
    t_api_close(ctx, crit);
    return rc;
}
