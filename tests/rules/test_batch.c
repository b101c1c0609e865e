/* SPDX-License-Identifier: MIT */
/*
 * test_batch.c: batches of any size (issue 13, item 4), through the
 * public API.
 *
 *  - report.xlsx holds any number of bids: 8,190 (past the 8,189 that two
 *    columns each leave on one sheet of 16,384) are written, where the
 *    comparison used to run out of columns and no workbook came out;
 *  - a workbook that cannot be written says so in a ctx diagnostic that
 *    names the format and the real reason, never a bare status;
 *  - ranking (now sorted, not counted pairwise): equal scores share a
 *    rank and the next rank is skipped, invalid and disqualified bids
 *    have none;
 *  - report.json (now streamed one submission at a time) has the shape
 *    of one tree dumped whole, for no submission and for several.
 *
 * The workbook's contents (every bid on the summary sheet, no sheet past
 * the column limit) are read back by tests/hostile/attacks_batch.py.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *ctx;
static cv_criteria *crit;
static const char *criteria_dir;

/* A questionnaire with no answer: read, evaluated (nothing is met), and
 * quick, so thousands of them make a batch. */
static const char minimal[] =
    "{\"format\": \"cloudvet-questionnaire/1\", \"vendor\": {\"name\": "
    "\"株式会社テスト\"}, \"service\": {\"name\": \"テストクラウド\"}}";

/* The sample `name` of the repository (criteria_dir/../samples). */
static char *sample(const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/../samples/%s", criteria_dir, name);
    return t_read_file(path);
}

static cv_report *report_of(size_t n, const char *text)
{
    cv_report *r = NULL;
    size_t i;
    if (cv_report_new(&r, ctx, crit) != CV_OK)
        return NULL;
    for (i = 0; i < n; i++) {
        cv_submission *s = t_evaluate(ctx, crit, "minimal.json", text);
        if (!s || cv_report_add(r, s) != CV_OK) {
            cv_report_free(r);
            return NULL;
        }
    }
    cv_report_finish(r);
    return r;
}

/* The message of the newest ctx diagnostic since `before`, or "". */
static const char *newest_diag(size_t before)
{
    size_t n = cv_ctx_diag_count(ctx);
    const cv_diag *d = n > before ? cv_ctx_diag_at(ctx, n - 1) : NULL;
    return d && d->message ? d->message : "";
}

/* ---- the workbook ---- */

static void test_batch__xlsx_8190_bids_written(void)
{
    char dir[512], path[600];
    cv_report *r = report_of(8190, minimal);
    size_t before = cv_ctx_diag_count(ctx);
    T_CHECK(r != NULL);
    if (!r || t_make_temp_dir(dir, sizeof(dir), "cv_batch") != 0)
        goto out;
    snprintf(path, sizeof(path), "%s/report.xlsx", dir);
    T_CHECK(cv_report_write_file(r, CV_REPORT_XLSX, path) == CV_OK);
    T_CHECK(access(path, R_OK) == 0);
    if (cv_ctx_diag_count(ctx) > before)
        fprintf(stderr, "said: %s\n", newest_diag(before));
    t_remove_tree(dir);
out:
    cv_report_free(r);
}

static void test_batch__xlsx_empty_report_written(void)
{
    char dir[512], path[600];
    cv_report *r = report_of(0, minimal);
    T_CHECK(r != NULL);
    if (!r || t_make_temp_dir(dir, sizeof(dir), "cv_batch") != 0)
        goto out;
    snprintf(path, sizeof(path), "%s/report.xlsx", dir);
    T_CHECK(cv_report_write_file(r, CV_REPORT_XLSX, path) == CV_OK);
    T_CHECK(access(path, R_OK) == 0);
    t_remove_tree(dir);
out:
    cv_report_free(r);
}

static void test_batch__xlsx_unwritable_names_format_and_reason(void)
{
    cv_report *r = report_of(1, minimal);
    size_t before = cv_ctx_diag_count(ctx);
    const char *why;
    T_CHECK(r != NULL);
    if (!r)
        return;
    T_CHECK(cv_report_write_file(r, CV_REPORT_XLSX,
                                 "/nonexistent-cloudvet-dir/report.xlsx") ==
            CV_EIO);
    why = newest_diag(before);
    T_CHECK(strstr(why, "XLSX") != NULL);
    T_CHECK(strstr(why, "No such file or directory") != NULL);
    cv_report_free(r);
}

static int discard(const char *buf, size_t len, void *payload)
{
    (void)buf;
    (void)len;
    (void)payload;
    return 0;
}

static void test_batch__xlsx_to_a_stream_says_why(void)
{
    cv_report *r = report_of(1, minimal);
    size_t before = cv_ctx_diag_count(ctx);
    T_CHECK(r != NULL);
    if (!r)
        return;
    T_CHECK(cv_report_write(r, CV_REPORT_XLSX, discard, NULL) == CV_EUSAGE);
    T_CHECK(cv_ctx_diag_count(ctx) > before);
    T_CHECK(strstr(newest_diag(before), "XLSX") != NULL);
    cv_report_free(r);
}

/* ---- ranking ---- */

static void test_batch__ranks_ties_share_and_skip(void)
{
    /* 01 qualifies, 10 qualifies on condition with fewer points, 03 is
     * disqualified, 09 cannot be read. */
    static const char *const names[] = {
        "01-qualified-sakura.json", "10-conditional-iij.json",
        "03-expired-cert.json",     "01-qualified-sakura.json",
        "09-malformed.json",        "10-conditional-iij.json",
        "01-qualified-sakura.json",
    };
    static const unsigned want[] = { 1, 4, 0, 1, 0, 4, 1 };
    cv_report *r = NULL;
    size_t i;
    T_CHECK(cv_report_new(&r, ctx, crit) == CV_OK);
    for (i = 0; r && i < sizeof(names) / sizeof(names[0]); i++) {
        char *text = sample(names[i]);
        cv_submission *s = t_evaluate(ctx, crit, names[i], text);
        free(text);
        T_CHECK(s != NULL && cv_report_add(r, s) == CV_OK);
    }
    if (!r)
        return;
    cv_report_finish(r);
    T_CHECK(cv_submission_score(cv_report_at(r, 1)) <
            cv_submission_score(cv_report_at(r, 0)));
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        if (cv_report_rank_at(r, i) != want[i])
            fprintf(stderr, "bid %zu: rank %u, want %u\n", i + 1,
                    cv_report_rank_at(r, i), want[i]);
        T_CHECK(cv_report_rank_at(r, i) == want[i]);
    }
    cv_report_free(r);
}

/* ---- report.json, streamed ---- */

struct text {
    char *s;
    size_t n;
};

static int gather(const char *buf, size_t len, void *payload)
{
    struct text *t = payload;
    char *grown = realloc(t->s, t->n + len + 1);
    if (!grown)
        return -1;
    memcpy(grown + t->n, buf, len);
    t->s = grown;
    t->n += len;
    t->s[t->n] = '\0';
    return 0;
}

static void test_batch__json_without_submissions(void)
{
    struct text t = { NULL, 0 };
    cv_report *r = report_of(0, minimal);
    T_CHECK(r != NULL);
    if (!r)
        return;
    T_CHECK(cv_report_write(r, CV_REPORT_JSON, gather, &t) == CV_OK);
    T_CHECK(t.s && strncmp(t.s, "{\n  \"format\": \"cloudvet-report/1\"",
                           33) == 0);
    T_CHECK(t.s && t_ends_with(t.s, ",\n  \"submissions\": []\n}\n"));
    free(t.s);
    cv_report_free(r);
}

/* Each submission indented as an item of "submissions", the array and
 * the report closed as jansson closes them. */
static void test_batch__json_submissions_nested(void)
{
    struct text t = { NULL, 0 };
    cv_report *r = report_of(3, minimal);
    const char *p;
    size_t items = 0;
    T_CHECK(r != NULL);
    if (!r)
        return;
    T_CHECK(cv_report_write(r, CV_REPORT_JSON, gather, &t) == CV_OK);
    T_CHECK(t.s && strstr(t.s, ",\n  \"submissions\": [\n    {\n      "
                               "\"file\": \"minimal.json\",") != NULL);
    for (p = t.s; p && (p = strstr(p, "\n    {\n      \"file\"")); p++)
        items++;
    T_CHECK(items == 3);
    T_CHECK(t.s && strstr(t.s, "\n    },\n    {\n") != NULL);
    T_CHECK(t.s && t_ends_with(t.s, "\n    }\n  ]\n}\n"));
    T_CHECK(t.s && strstr(t.s, "[]\n}") == NULL);
    free(t.s);
    cv_report_free(r);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "xlsx_8190_bids_written", test_batch__xlsx_8190_bids_written },
        { "xlsx_empty_report_written",
          test_batch__xlsx_empty_report_written },
        { "xlsx_unwritable_names_format_and_reason",
          test_batch__xlsx_unwritable_names_format_and_reason },
        { "xlsx_to_a_stream_says_why", test_batch__xlsx_to_a_stream_says_why },
        { "ranks_ties_share_and_skip", test_batch__ranks_ties_share_and_skip },
        { "json_without_submissions", test_batch__json_without_submissions },
        { "json_submissions_nested", test_batch__json_submissions_nested },
    };
    criteria_dir = argc > 1 ? argv[1] : ".";
    return t_api_main(argc, argv, "test_batch", CV_LANG_EN, &ctx, &crit,
                      cases, sizeof(cases) / sizeof(cases[0]));
}
