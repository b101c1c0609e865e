/* SPDX-License-Identifier: MIT */
/*
 * test_vocab.c: the one vocabulary (issue 15, items 1 and 7) through the
 * public API: every status and verdict has a symbol and a word in both
 * languages, every heading a text; the table of report writers names
 * every format once and cv_report_format_parse / _name / _info_of are
 * read from it; report.csv and report.md of a bid say each status in
 * the table's words, never as a token ("not_met").
 *
 * usage: cv_test_vocab CRITERIA_DIR SAMPLES_DIR
 */
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

static cv_ctx *g_ctx;
static cv_criteria *g_crit;
static const char *g_samples;

#define NSTATUS (CV_STATUS_NOT_APPLICABLE + 1)
#define NVERDICT (CV_VERDICT_INVALID + 1)

static bool nonempty(const char *s)
{
    return s && *s;
}

static void test_every_status_has_words_and_a_symbol(void)
{
    int i, k;
    for (i = 0; i < NSTATUS; i++) {
        cv_result_status s = (cv_result_status)i;
        T_CHECK(nonempty(cv_status_symbol(s)));
        T_CHECK(nonempty(cv_status_word(s, CV_LANG_JA)));
        T_CHECK(nonempty(cv_status_word(s, CV_LANG_EN)));
        T_CHECK(strcmp(cv_status_word(s, CV_LANG_JA),
                       cv_status_word(s, CV_LANG_EN)) != 0);
        /* A word is not the token programs read. */
        T_CHECK(strcmp(cv_status_word(s, CV_LANG_JA),
                       cv_result_status_str(s)) != 0);
        for (k = 0; k < i; k++) {
            cv_result_status o = (cv_result_status)k;
            /* One symbol, one meaning: △ cannot be two statuses. */
            T_CHECK(strcmp(cv_status_symbol(s), cv_status_symbol(o)) != 0);
            T_CHECK(strcmp(cv_status_word(s, CV_LANG_JA),
                           cv_status_word(o, CV_LANG_JA)) != 0);
            T_CHECK(strcmp(cv_status_word(s, CV_LANG_EN),
                           cv_status_word(o, CV_LANG_EN)) != 0);
        }
    }
    T_STREQ(cv_status_symbol(CV_STATUS_PARTIAL), "△");
    T_STREQ(cv_status_word(CV_STATUS_NOT_MET, CV_LANG_JA), "不適合");
    T_STREQ(cv_status_word((cv_result_status)99, CV_LANG_JA), "");
}

static void test_every_verdict_has_words_and_a_symbol(void)
{
    int i;
    for (i = 0; i < NVERDICT; i++) {
        cv_verdict v = (cv_verdict)i;
        T_CHECK(nonempty(cv_verdict_symbol(v)));
        T_CHECK(nonempty(cv_verdict_word(v, CV_LANG_JA)));
        T_CHECK(nonempty(cv_verdict_word(v, CV_LANG_EN)));
    }
    T_STREQ(cv_conditional_word(CV_LANG_JA), "条件付き適格");
    T_STREQ(cv_conditional_symbol(), "○※");
}

static void test_every_heading_has_a_text(void)
{
    int i;
    for (i = 0; i < CV_HEAD_COUNT; i++) {
        T_CHECK(nonempty(cv_heading_text((cv_heading)i, CV_LANG_JA)));
        T_CHECK(nonempty(cv_heading_text((cv_heading)i, CV_LANG_EN)));
    }
    /* The drift of issue 15: one wording of "needs review". */
    T_STREQ(cv_heading_text(CV_HEAD_NEEDS_REVIEW, CV_LANG_JA),
            "要確認の件数");
    T_STREQ(cv_heading_text(CV_HEAD_COUNT, CV_LANG_JA), "");
}

static void test_the_writer_table_names_every_format(void)
{
    int i, k, file_only = 0, per_submission = 0;
    for (i = 0; i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info, other;
        cv_report_format back;
        T_CHECK(cv_report_format_info_of((cv_report_format)i, &info) ==
                CV_OK);
        T_CHECK(nonempty(info.name) && nonempty(info.ext));
        T_STREQ(cv_report_format_name((cv_report_format)i), info.name);
        T_CHECK(cv_report_format_parse(info.name, &back) == CV_OK &&
                back == (cv_report_format)i);
        file_only += info.file_only;
        per_submission += info.per_submission;
        for (k = 0; k < i; k++)
            T_CHECK(cv_report_format_info_of((cv_report_format)k, &other) ==
                        CV_OK &&
                    strcmp(other.name, info.name) != 0);
    }
    T_CHECK(file_only == 1 && per_submission == 1);
    {
        cv_report_format_info info;
        cv_report_format f;
        T_CHECK(cv_report_format_info_of(CV_REPORT_XLSX, &info) == CV_OK &&
                info.file_only && info.by_default);
        T_CHECK(cv_report_format_info_of(CV_REPORT_NDJSON, &info) == CV_OK &&
                info.per_submission && !info.by_default);
        T_CHECK(cv_report_format_info_of(CV_REPORT_FORMAT_COUNT, &info) ==
                CV_EUSAGE);
        T_CHECK(cv_report_format_parse("pdf", &f) == CV_EUSAGE);
        T_STREQ(cv_report_format_name(CV_REPORT_FORMAT_COUNT), "?");
    }
}

struct buf {
    char *ptr;
    size_t len;
};

static int gather(const char *s, size_t n, void *payload)
{
    struct buf *b = payload;
    char *p = realloc(b->ptr, b->len + n + 1);
    if (!p)
        return -1;
    memcpy(p + b->len, s, n);
    b->len += n;
    p[b->len] = '\0';
    b->ptr = p;
    return 0;
}

/* The CSV has a row whose `status` is `token`: the quoted token, then
 * the points (a number). A `response` of "partial" is not one. */
static bool has_status(const char *csv, const char *token)
{
    char cell[64];
    const char *p = csv;
    size_t n = (size_t)snprintf(cell, sizeof(cell), ",\"%s\",", token);
    while ((p = strstr(p, cell)) != NULL) {
        p += n;
        if (*p >= '0' && *p <= '9')
            return true;
    }
    return false;
}

/* The report of samples/`name` in format `fmt` (malloc'ed), NULL on
 * failure. */
static char *report_of(const char *name, cv_report_format fmt)
{
    char path[4096];
    cv_submission *s = NULL;
    cv_report *r = NULL;
    struct buf out = { NULL, 0 };
    snprintf(path, sizeof(path), "%s/%s", g_samples, name);
    if (cv_submission_evaluate_file(&s, g_ctx, g_crit, path) != CV_OK ||
        cv_report_new(&r, g_ctx, g_crit) != CV_OK) {
        cv_submission_free(s);
        return NULL;
    }
    if (cv_report_add(r, s) == CV_OK) {
        cv_report_finish(r);
        if (cv_report_write(r, fmt, gather, &out) != CV_OK) {
            free(out.ptr);
            out.ptr = NULL;
        }
    }
    cv_report_free(r);
    return out.ptr;
}

/* samples/08 has met, claimed, contradicted and partial results (and
 * 02 a not_met): each is written in the table's words in CSV and
 * Markdown, and no token of report.json is left where people read. */
static void check_words(const char *name)
{
    char *csv = report_of(name, CV_REPORT_CSV);
    char *md = report_of(name, CV_REPORT_MD);
    int i;
    T_CHECK(csv && md);
    for (i = 0; csv && md && i < NSTATUS; i++) {
        cv_result_status s = (cv_result_status)i;
        char cell[128], legend[128];
        snprintf(cell, sizeof(cell), "\"%s %s\"", cv_status_symbol(s),
                 cv_status_word(s, CV_LANG_JA));
        snprintf(legend, sizeof(legend), "%s %s", cv_status_symbol(s),
                 cv_status_word(s, CV_LANG_JA));
        /* The comparison's legend lists every status. */
        T_CHECK(strstr(md, legend) != NULL);
        /* The CSV says a status in words exactly when its token is in
         * the `status` column. */
        T_CHECK(has_status(csv, cv_result_status_str(s)) ==
                (strstr(csv, cell) != NULL));
    }
    if (md) {
        T_CHECK(strstr(md, "not_met") == NULL);
        T_CHECK(strstr(md, "contradicted") == NULL);
        T_CHECK(strstr(md, cv_heading_text(CV_HEAD_NEEDS_REVIEW,
                                           CV_LANG_JA)) != NULL);
        T_CHECK(strstr(md, "要確認件数") == NULL);
    }
    free(csv);
    free(md);
}

static void test_csv_and_md_use_the_table_words(void)
{
    check_words("02-backup-abroad.xml");
    check_words("08-contradictions.xml");
    check_words("10-conditional-iij.json");
}

/* A file-only format is refused on a stream, with the table's name. */
static void test_file_only_is_refused_on_a_stream(void)
{
    cv_report *r = NULL;
    struct buf out = { NULL, 0 };
    T_CHECK(cv_report_new(&r, g_ctx, g_crit) == CV_OK);
    cv_report_finish(r);
    T_CHECK(cv_report_write(r, CV_REPORT_XLSX, gather, &out) == CV_EUSAGE);
    T_CHECK(cv_report_write(r, CV_REPORT_FORMAT_COUNT, gather, &out) ==
            CV_EUSAGE);
    T_CHECK(cv_report_write(r, CV_REPORT_NDJSON, gather, &out) == CV_OK);
    cv_report_free(r);
    free(out.ptr);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "every status has words and a symbol",
          test_every_status_has_words_and_a_symbol },
        { "every verdict has words and a symbol",
          test_every_verdict_has_words_and_a_symbol },
        { "every heading has a text", test_every_heading_has_a_text },
        { "the writer table names every format",
          test_the_writer_table_names_every_format },
        { "csv and md use the table's words",
          test_csv_and_md_use_the_table_words },
        { "a file-only format is refused on a stream",
          test_file_only_is_refused_on_a_stream },
    };
    int rc;
    if (argc != 3) {
        fprintf(stderr, "usage: %s CRITERIA_DIR SAMPLES_DIR\n", argv[0]);
        return 2;
    }
    g_samples = argv[2];
    if (t_api_open(&g_ctx, &g_crit, argv[1], CV_LANG_JA) != 0)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    t_api_close(g_ctx, g_crit);
    return rc;
}
