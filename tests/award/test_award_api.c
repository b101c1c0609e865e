/* SPDX-License-Identifier: MIT */
/*
 * test_award_api.c: the tender file through the public API (every
 * problem a located error that fails the load: unknown member, another
 * profile, a negative or fractional price, a bidder named twice, ...)
 * and the award of the ten samples with examples/award/tender.json,
 * computed by hand in docs/tender.md:
 *
 *   10-conditional-iij.json  900 × 82.5/100 = 742.5 → 742;
 *                            450 × (1 − 45,600,000/48,000,000) = 22.5 → 22;
 *                            764, rank 1 (qualified on condition: ranked)
 *   07-answers-only.json     900 × 50/100 = 450;
 *                            450 × (1 − 38,400,000/48,000,000) = 90; 540,
 *                            rank 2
 *   01-qualified-sakura.json 49,800,000 > 48,000,000: void
 *   the other seven          not qualified
 *
 * usage: cv_test_award_api CRITERIA_DIR REPO_DIR
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness/t_api.h"

static cv_ctx *ctx;
static cv_criteria *crit;
static const char *repo;
static char *example; /* examples/award/tender.json */
static char tmpdir[] = "/tmp/cv-award-XXXXXX";

/* `text` written to a file of tmpdir and loaded as a tender file in a
 * fresh context (the run's diagnostics in *out_ctx). */
static cv_status load_text(const char *text, cv_ctx **out_ctx,
                           cv_tender **out)
{
    char path[512];
    FILE *f;
    cv_status st;
    *out = NULL;
    *out_ctx = t_api_ctx(CV_LANG_EN);
    snprintf(path, sizeof(path), "%s/tender.json", tmpdir);
    f = fopen(path, "w");
    if (!f || !text || !*out_ctx) {
        if (f)
            fclose(f);
        return CV_EIO;
    }
    fputs(text, f);
    fclose(f);
    st = cv_tender_load(out, *out_ctx, crit, path);
    return st;
}

/* The example with `from` replaced by `to` fails to load, with an error
 * at `pointer` that has a line and a column. */
static void expect_error(const char *from, const char *to, const char *pointer)
{
    char *text = t_replace_first(example, from, to);
    cv_ctx *c = NULL;
    cv_tender *t = NULL;
    size_t i;
    bool found = false;
    T_CHECK(text != NULL);
    T_CHECK(load_text(text, &c, &t) == CV_ECRITERIA);
    T_CHECK(t == NULL);
    for (i = 0; c && i < cv_ctx_diag_count(c); i++) {
        const cv_diag *d = cv_ctx_diag_at(c, i);
        if (d->severity == CV_SEV_ERROR && strcmp(d->path, pointer) == 0 &&
            d->line > 0 && d->column > 0)
            found = true;
    }
    if (!found) {
        char *all = c ? t_diag_text(c) : NULL;
        fprintf(stderr, "no located error at %s; diagnostics:\n%s", pointer,
                all ? all : "");
        free(all);
    }
    T_CHECK(found);
    cv_tender_free(t);
    cv_ctx_free(c);
    free(text);
}

static void test_tender__example_loads(void)
{
    cv_ctx *c = NULL;
    cv_tender *t = NULL;
    T_CHECK(load_text(example, &c, &t) == CV_OK);
    T_STREQ(cv_tender_id(t), "R8-DX-0217");
    T_CHECK(strlen(cv_tender_sha256(t)) == 64);
    cv_tender_free(t);
    cv_ctx_free(c);
}

static void test_tender__unknown_member(void)
{
    expect_error("\"method\": \"additive\",",
                 "\"method\": \"additive\", \"colour\": \"red\",", "/colour");
    expect_error("{ \"technical\": 900, \"price\": 450 }",
                 "{ \"technical\": 900, \"price\": 450, \"bonus\": 1 }",
                 "/points/bonus");
}

static void test_tender__other_profile(void)
{
    expect_error("{ \"id\": \"tokki5-cloud\" }", "{ \"id\": \"tokki5-full\" }",
                 "/profile/id");
    expect_error("{ \"id\": \"tokki5-cloud\" }",
                 "{ \"id\": \"tokki5-cloud\", \"sha256\": "
                 "\"0000000000000000000000000000000000000000000000000000000000"
                 "000000\" }",
                 "/profile/sha256");
}

static void test_tender__impossible_prices(void)
{
    expect_error("49800000", "-49800000", "/bids/0/price");
    expect_error("49800000", "49800000.5", "/bids/0/price");
    expect_error("49800000", "4.98e7", "/bids/0/price");
    expect_error("49800000", "99999999999999999999", "/bids/0/price");
    expect_error("\"ceiling\": 48000000", "\"ceiling\": 0", "/ceiling");
    expect_error("\"ceiling\": 48000000", "\"ceiling\": \"48,000,000\"",
                 "/ceiling");
}

static void test_tender__duplicate_bidder(void)
{
    expect_error("{ \"file\": \"02-backup-abroad.xml\"",
                 "{ \"file\": \"samples/01-qualified-sakura.json\"", "/bids/1");
}

static void test_tender__impossible_method(void)
{
    expect_error("\"technical\": 900", "\"technical\": 0", "/points/technical");
    expect_error("\"price\": 450 }", "\"price\": -450 }", "/points/price");
    expect_error("\"additive\"", "\"weighted\"", "/method");
    expect_error("\"from-ceiling\"", "\"from-budget\"", "/price_formula");
    expect_error("{ \"digits\": 0, \"mode\": \"truncate\" }",
                 "{ \"digits\": 7, \"mode\": \"truncate\" }",
                 "/rounding/technical/digits");
    expect_error("{ \"digits\": 0, \"mode\": \"truncate\" }",
                 "{ \"digits\": 0, \"mode\": \"floor\" }",
                 "/rounding/technical/mode");
    expect_error("\"mandatory_points\", \"lot\"", "\"mandatory_points\", \"coin\"",
                 "/tie_break/2");
    expect_error("\"technical\", \"mandatory_points\", \"lot\"",
                 "\"lot\", \"technical\"", "/tie_break/1");
    expect_error("\"minimum_technical\": 360", "\"minimum_technical\": 901",
                 "/minimum_technical");
    expect_error("\"minimum_technical\": 360,", "\"division_scale\": 100,",
                 "/division_scale");
    expect_error("\"format\": \"cloudvet-tender/1\"",
                 "\"format\": \"cloudvet-tender/2\"", "/format");
}

/* ---- the samples ---- */

static const char *const samples[] = {
    "01-qualified-sakura.json", "02-backup-abroad.xml",
    "03-expired-cert.json",     "04-ismap-iaas-only.xml",
    "05-weak-crypto.json",      "06-sms-mfa.xml",
    "07-answers-only.json",     "08-contradictions.xml",
    "09-malformed.json",        "10-conditional-iij.json"
};
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

static void test_award__samples_by_hand(void)
{
    char path[1024], tender_path[1024];
    cv_tender *t = NULL;
    cv_report *r = NULL;
    cv_award_info info;
    size_t i;
    double margin = 0;
    int fragile = 1;
    const char *note = NULL;

    snprintf(tender_path, sizeof(tender_path), "%s/examples/award/tender.json",
             repo);
    T_CHECK(cv_tender_load(&t, ctx, crit, tender_path) == CV_OK);
    T_CHECK(cv_report_new(&r, ctx, crit) == CV_OK);
    if (!t || !r)
        goto out;
    T_CHECK(cv_report_use_tender(r, t) == CV_OK);
    for (i = 0; i < NSAMPLES; i++) {
        cv_submission *s = NULL;
        snprintf(path, sizeof(path), "%s/samples/%s", repo, samples[i]);
        T_CHECK(cv_submission_evaluate_file(&s, ctx, crit, path) == CV_OK);
        T_CHECK(s && cv_report_add(r, s) == CV_OK);
    }
    cv_report_finish(r);
    T_CHECK(cv_report_award_at(r, 9, &info) == CV_OK);
    T_STREQ(info.state, "ranked");
    T_CHECK(info.rank == 1 && info.technical == 742 &&
            info.price_points == 22 && info.total == 764);
    T_CHECK(cv_report_rank_at(r, 9) == 1);
    T_STREQ(info.arithmetic,
            "技術点 = 900 × 82.5 / 100 = 742.5 → 742 (小数点以下切捨て); "
            "価格点 = 450 × (1 − 45,600,000 / 48,000,000) = 22.5 → 22 "
            "(小数点以下切捨て); 総合評価点 = 742 + 22 = 764");
    T_CHECK(cv_report_award_at(r, 6, &info) == CV_OK);
    T_CHECK(info.rank == 2 && info.technical == 450 &&
            info.price_points == 90 && info.total == 540);
    T_CHECK(cv_report_award_at(r, 0, &info) == CV_OK);
    T_STREQ(info.state, "over_ceiling");
    T_CHECK(info.rank == 0 && info.price == 49800000);
    T_CHECK(info.reason && strstr(info.reason, "49,800,000"));
    T_CHECK(cv_report_rank_at(r, 0) == 0);
    for (i = 1; i < NSAMPLES; i++) {
        if (i == 6 || i == 9)
            continue;
        T_CHECK(cv_report_award_at(r, i, &info) == CV_OK);
        T_STREQ(info.state, "not_qualified");
        T_CHECK(info.rank == 0);
    }
    T_CHECK(cv_report_award_at(r, NSAMPLES, &info) == CV_EUSAGE);
    T_CHECK(cv_report_sensitivity(r, &margin, &fragile, &note) == 1);
    T_CHECK(margin == 224 && !fragile);
    T_STREQ(note, "1 位と 2 位の差は 224 点。どの重みを ±20 % 動かしても "
                  "1 位は変わりません");
    T_CHECK(strlen(cv_report_method_sha256(r)) == 64);
out:
    cv_report_free(r);
    cv_tender_free(t);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "tender__example_loads", test_tender__example_loads },
        { "tender__unknown_member", test_tender__unknown_member },
        { "tender__other_profile", test_tender__other_profile },
        { "tender__impossible_prices", test_tender__impossible_prices },
        { "tender__duplicate_bidder", test_tender__duplicate_bidder },
        { "tender__impossible_method", test_tender__impossible_method },
        { "award__samples_by_hand", test_award__samples_by_hand },
    };
    char path[1024];
    int rc;
    if (argc != 3) {
        fprintf(stderr, "usage: %s CRITERIA_DIR REPO_DIR\n", argv[0]);
        return 2;
    }
    repo = argv[2];
    snprintf(path, sizeof(path), "%s/examples/award/tender.json", repo);
    example = t_read_file(path);
    if (!example || !mkdtemp(tmpdir) ||
        t_api_open(&ctx, &crit, argv[1], CV_LANG_JA) != 0) {
        fprintf(stderr, "cannot set up (%s)\n", path);
        return 1;
    }
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    snprintf(path, sizeof(path), "%s/tender.json", tmpdir);
    unlink(path);
    rmdir(tmpdir);
    free(example);
    t_api_close(ctx, crit);
    return rc;
}
