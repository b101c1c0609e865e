/* SPDX-License-Identifier: MIT */
/*
 * test_lint.c: `criteria lint` (criteria/README.md, "Lint") through the
 * public API, on temporary copies of criteria/ with one thing broken.
 *
 *   cv_test_lint CRITERIA_DIR                  citations, documents, sources
 *   cv_test_lint CRITERIA_DIR --seeds SEEDS    the seed texts' SHA-256; exits
 *                                              77 (skipped) without SEEDS
 */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

#define SKIPPED 77

static const char *crit_dir;
static const char *seeds_dir;
static char tmp_root[1024];
static unsigned copies;

/* ---- files ---- */

/* A fresh copy of `from` under the temporary root, in `out`. */
static int fresh_copy(char *out, size_t cap, const char *from)
{
    snprintf(out, cap, "%s/copy%u", tmp_root, ++copies);
    return t_copy_tree(from, out);
}

/* ---- running lint ---- */

struct run {
    cv_status st;
    char *text; /* every diagnostic, "source: path: message\n" */
};

static struct run lint_with(const char *dir, const char *seeds,
                            const char *profile, cv_lang lang);

static struct run lint(const char *dir, const char *seeds, cv_lang lang)
{
    return lint_with(dir, seeds, NULL, lang);
}

static struct run lint_with(const char *dir, const char *seeds,
                            const char *profile, cv_lang lang)
{
    struct run r = { CV_ERROR, NULL };
    cv_ctx *ctx = t_api_ctx(lang);
    if (!ctx)
        return r;
    r.st = cv_criteria_lint(ctx, dir, seeds, profile);
    r.text = t_diag_text(ctx);
    cv_ctx_free(ctx);
    return r;
}

static bool has(const struct run *r, const char *needle)
{
    return r->text && strstr(r->text, needle) != NULL;
}

/* The run failed and said `needle`; else the diagnostics are shown. */
static void expect_error(const struct run *r, const char *needle)
{
    T_CHECK(r->st == CV_ECRITERIA);
    T_CHECK(has(r, needle));
    if (r->st != CV_ECRITERIA || !has(r, needle))
        fprintf(stderr, "  wanted '%s' in:\n%s", needle,
                r->text ? r->text : "(none)\n");
}

static void expect_no(const struct run *r, const char *needle)
{
    T_CHECK(!has(r, needle));
    if (has(r, needle))
        fprintf(stderr, "  did not want '%s' in:\n%s", needle, r->text);
}

/* Lint of a copy of criteria/ with `old` replaced by `new` in `file`. */
static struct run lint_edited(const char *file, const char *old,
                              const char *new_text)
{
    char dir[4096];
    struct run r = { CV_ERROR, NULL };
    if (fresh_copy(dir, sizeof(dir), crit_dir) != 0 ||
        t_edit_file(dir, file, old, new_text) != 0) {
        t_failures++;
        return r;
    }
    return lint(dir, NULL, CV_LANG_EN);
}

/* ---- without the seed texts ---- */

static void test_lint__real_criteria_pass_without_seeds(void)
{
    struct run r = lint(crit_dir, NULL, CV_LANG_EN);
    T_CHECK(r.st == CV_OK);
    if (r.st != CV_OK)
        fprintf(stderr, "%s", r.text ? r.text : "");
    free(r.text);
}

/* Whatever else is pending, every citation resolves in the outlines. */
static void test_lint__every_real_citation_resolves(void)
{
    struct run r = lint(crit_dir, NULL, CV_LANG_EN);
    expect_no(&r, "/catalogue/");
    expect_no(&r, "documents.json");
    free(r.text);
}

static void test_lint__item_that_does_not_exist(void)
{
    struct run r = lint_edited("catalogue/002-cloud.json", "\"5(1)⑬\"",
                               "\"5(1)⑭\"");
    expect_error(&r, "CLOUD-TERMS-CHANGE: document '情報セキュリティ対策特記"
                     "事項' has no clause '5(1)⑭' ('5(1)' has no '⑭')");
    free(r.text);
}

static void test_lint__item_that_does_not_exist_ja(void)
{
    char dir[4096];
    struct run r = { CV_ERROR, NULL };
    if (fresh_copy(dir, sizeof(dir), crit_dir) == 0 &&
        t_edit_file(dir, "catalogue/002-cloud.json", "\"5(1)⑬\"",
                    "\"5(1)⑭\"") == 0)
        r = lint(dir, NULL, CV_LANG_JA);
    expect_error(&r, "CLOUD-TERMS-CHANGE: 文書 '情報セキュリティ対策特記事項' "
                     "に条項 '5(1)⑭' がありません（'5(1)' の下に '⑭' が"
                     "ありません）");
    free(r.text);
}

/* 2(4)①ア exists; 1(1)① has no ア. The loose text search of old found
 * the later ア and passed. */
static void test_lint__katakana_under_the_wrong_item(void)
{
    struct run r = lint_edited("catalogue/002-contractor.json", "\"1(1)①\"",
                               "\"1(1)①ア\"");
    expect_error(&r, "PHYS-TOKKI-SERVER-SITING: document '情報セキュリティ対策"
                     "特記事項' has no clause '1(1)①ア' ('1(1)①' has no "
                     "'ア')");
    free(r.text);
}

/* (ケ) is under カ of 12(1)③, not under キ. */
static void test_lint__bracketed_item_under_the_wrong_letter(void)
{
    struct run r = lint_edited("catalogue/001-osaka-kouiki.json",
                               "\"12(1)③カ(ケ)\"", "\"12(1)③キ(ケ)\"");
    expect_error(&r, "CONTRACT-OSAKA-RETURN-DISPOSAL: document '大阪広域環境施"
                     "設組合情報セキュリティ対策基準' has no clause "
                     "'12(1)③キ(ケ)' ('12(1)③キ' has no '(ケ)')");
    free(r.text);
}

/* A clause of one document cited from another. */
static void test_lint__clause_of_another_document(void)
{
    struct run r = lint_edited(
        "catalogue/004-ishikawa-police.json",
        "\"document\": \"石川県警察情報セキュリティ対策要領（外部委託業者）\",\n"
        "          \"clause\": \"第10(5)エ\"",
        "\"document\": \"情報セキュリティ対策特記事項\",\n"
        "          \"clause\": \"第10(5)エ\"");
    expect_error(&r, "DEV-ISHIKAWA-AUTH-LOG: document '情報セキュリティ対策特記"
                     "事項' has no clause '第10(5)エ' (no '第10' at its top "
                     "level)");
    expect_error(&r, "/catalogue/004-ishikawa-police.json: /criteria/");
    free(r.text);
}

static void test_lint__document_not_listed(void)
{
    struct run r = lint_edited("catalogue/002-cloud.json",
                               "\"document\": \"情報セキュリティ対策特記事項\"",
                               "\"document\": \"情報セキュリティ対策特記事項（改）\"");
    expect_error(&r, "document '情報セキュリティ対策特記事項（改）' is not in "
                     "documents.json");
    free(r.text);
}

/* A section heading that is not one of 003's procedures. */
static void test_lint__heading_that_is_not_in_the_outline(void)
{
    struct run r = lint_edited("catalogue/003-taketoyo.json",
                               "\"データのバックアップをする場合\"",
                               "\"データを復元する場合\"");
    expect_error(&r, "has no clause 'データを復元する場合' (no 'データを復元"
                     "する場合' at its top level)");
    free(r.text);
}

static void test_lint__outline_must_nest_objects(void)
{
    struct run r = lint_edited("documents.json", "\"⑬\": {}", "\"⑬\": 1");
    expect_error(&r, "outline clause '⑬' must map to an object");
    free(r.text);
}

static void test_lint__seed_document_needs_its_hash(void)
{
    struct run r = lint_edited("documents.json", "\"sha256\": \"72fd8",
                               "\"sha256\": \"XYZ");
    expect_error(&r, "documents.json: /documents/0/sha256: 'sha256' must be "
                     "64 lower-case hex digits");
    free(r.text);
}

static void test_lint__unknown_member_of_a_document(void)
{
    struct run r = lint_edited("documents.json", "\"seed\": \"001\"",
                               "\"seed\": \"001\", \"file\": \"x.txt\"");
    expect_error(&r, "documents.json: /documents/1/file: unknown member "
                     "'file'");
    free(r.text);
}

/* ---- sources ---- */

static void test_lint__path_as_profile_source(void)
{
    struct run r = lint_edited(
        "profiles/default.json",
        "\"source\": \"情報セキュリティ対策特記事項 5(1)③\"",
        "\"source\": \"../shared/reference/domain-facts.md §5.1\"");
    expect_error(&r, "profiles/default.json: /parameters/home_country/source:"
                     " source must name the published document");
    free(r.text);
}

static void test_lint__path_as_document_source(void)
{
    struct run r = lint_edited("documents.json",
                               "\"source\": \"「SaaS向けSLAガイドライン」\"",
                               "\"source\": \"domain-facts.md §5.1\"");
    expect_error(&r, "documents.json: /documents/11/source: source must name "
                     "the published document, not a path of ours: "
                     "'domain-facts.md §5.1'");
    free(r.text);
}

/* A table's source may be the address of a public page ending in .md. */
static void test_lint__url_of_a_public_md_page_is_a_source(void)
{
    struct run r = lint_edited("documents.json",
                               "\"source\": \"「SaaS向けSLAガイドライン」\"",
                               "\"source\": \"https://example.org/sla.md\"");
    expect_no(&r, "/documents/11/source");
    free(r.text);
}

/* ---- checks and profiles against the table of check kinds ---- */

static void test_lint__unknown_check_member(void)
{
    struct run r = lint_edited("catalogue/002-cloud.json",
                               "\"min_kinds\": \"mfa_min_kinds\"",
                               "\"min_kind\": \"mfa_min_kinds\"");
    expect_error(&r, "/check/min_kind: a 'mfa' check has no member "
                     "'min_kind'");
    free(r.text);
}

static void test_lint__string_threshold_in_the_profile(void)
{
    struct run r = lint_edited("profiles/default.json",
                               "\"rto_hours_max\": { \"value\": 12",
                               "\"rto_hours_max\": { \"value\": \"12\"");
    expect_error(&r, "profiles/default.json: /parameters/rto_hours_max/value:"
                     " parameter 'rto_hours_max' has the wrong type");
    free(r.text);
}

/* A municipality's own profile file, outside criteria/. */
static void test_lint__profile_file_with_a_misspelt_parameter(void)
{
    char path[4096];
    struct run r = { CV_ERROR, NULL };
    FILE *f;
    snprintf(path, sizeof(path), "%s/my-city.json", tmp_root);
    f = fopen(path, "wb");
    if (f) {
        fputs("{ \"format\": \"cloudvet-profile/1\", \"id\": \"my-city\",\n"
              "  \"version\": \"1\", \"extends\": \"tokki5-cloud\",\n"
              "  \"title\": { \"ja\": \"市\", \"en\": \"city\" },\n"
              "  \"parameters\": { \"availabilty_percent_min\":\n"
              "    { \"value\": 99.99, \"source\": \"市の方針\" } } }\n",
              f);
        if (fclose(f) == 0)
            r = lint_with(crit_dir, NULL, path, CV_LANG_EN);
    }
    expect_error(&r, "my-city.json: /parameters/availabilty_percent_min: "
                     "parameter 'availabilty_percent_min' is used by no "
                     "check, condition or grading");
    free(r.text);
    /* without --profile the file is not read */
    r = lint(crit_dir, NULL, CV_LANG_EN);
    expect_no(&r, "my-city.json");
    free(r.text);
}

/* ---- with the seed texts ---- */

static void test_lint__real_texts_have_the_recorded_hashes(void)
{
    struct run r = lint(crit_dir, seeds_dir, CV_LANG_EN);
    expect_no(&r, "has changed");
    expect_no(&r, "documents.json");
    expect_no(&r, seeds_dir);
    free(r.text);
}

static void test_lint__real_criteria_pass_with_seeds(void)
{
    struct run r = lint(crit_dir, seeds_dir, CV_LANG_EN);
    T_CHECK(r.st == CV_OK);
    if (r.st != CV_OK)
        fprintf(stderr, "%s", r.text ? r.text : "");
    free(r.text);
}

/* The name of the seed text `prefix`_*.txt in `dir`, in `out`. */
static int seed_name(char *out, size_t cap, const char *dir,
                     const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = -1;
    if (!d)
        return -1;
    while (rc != 0 && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            snprintf(out, cap, "%s", e->d_name);
            rc = 0;
        }
    closedir(d);
    return rc;
}

static void test_lint__one_byte_changed_in_a_text(void)
{
    char dir[4096], name[1024], path[5200];
    struct run r;
    FILE *f;
    if (fresh_copy(dir, sizeof(dir), seeds_dir) != 0 ||
        seed_name(name, sizeof(name), dir, "002_") != 0) {
        t_failures++;
        return;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "r+b");
    T_CHECK(f != NULL);
    if (f) {
        int c;
        fseek(f, 100, SEEK_SET);
        c = fgetc(f);
        fseek(f, 100, SEEK_SET);
        fputc(c ^ 1, f);
        fclose(f);
    }
    r = lint(crit_dir, dir, CV_LANG_EN);
    expect_error(&r, "documents.json: /documents/2/sha256: the seed text");
    expect_error(&r, name);
    expect_error(&r, "has changed");
    expect_error(&r, "regenerate the outline with tools/gen-outline.py");
    expect_no(&r, "/documents/1/");
    free(r.text);
}

static void test_lint__missing_text(void)
{
    char dir[4096], name[1024], path[5200];
    struct run r;
    if (fresh_copy(dir, sizeof(dir), seeds_dir) != 0 ||
        seed_name(name, sizeof(name), dir, "003_") != 0) {
        t_failures++;
        return;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    T_CHECK(unlink(path) == 0);
    r = lint(crit_dir, dir, CV_LANG_EN);
    expect_error(&r, "/documents/3: no seed text");
    expect_error(&r, "/003_*.txt");
    free(r.text);
}

static void test_lint__seeds_directory_missing(void)
{
    char dir[4096];
    struct run r;
    snprintf(dir, sizeof(dir), "%s/no-such-dir", tmp_root);
    r = lint(crit_dir, dir, CV_LANG_EN);
    expect_error(&r, "cannot open the seeds directory");
    free(r.text);
}

#define CASE(fn) { #fn, fn }

int main(int argc, char **argv)
{
    static const struct t_case plain[] = {
        CASE(test_lint__real_criteria_pass_without_seeds),
        CASE(test_lint__every_real_citation_resolves),
        CASE(test_lint__item_that_does_not_exist),
        CASE(test_lint__item_that_does_not_exist_ja),
        CASE(test_lint__katakana_under_the_wrong_item),
        CASE(test_lint__bracketed_item_under_the_wrong_letter),
        CASE(test_lint__clause_of_another_document),
        CASE(test_lint__document_not_listed),
        CASE(test_lint__heading_that_is_not_in_the_outline),
        CASE(test_lint__outline_must_nest_objects),
        CASE(test_lint__seed_document_needs_its_hash),
        CASE(test_lint__unknown_member_of_a_document),
        CASE(test_lint__path_as_profile_source),
        CASE(test_lint__path_as_document_source),
        CASE(test_lint__url_of_a_public_md_page_is_a_source),
        CASE(test_lint__unknown_check_member),
        CASE(test_lint__string_threshold_in_the_profile),
        CASE(test_lint__profile_file_with_a_misspelt_parameter),
    };
    static const struct t_case seeded[] = {
        CASE(test_lint__real_texts_have_the_recorded_hashes),
        CASE(test_lint__real_criteria_pass_with_seeds),
        CASE(test_lint__one_byte_changed_in_a_text),
        CASE(test_lint__missing_text),
        CASE(test_lint__seeds_directory_missing),
    };
    struct stat sb;
    int rc;
    if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--seeds") == 0)) {
        fprintf(stderr, "usage: cv_test_lint CRITERIA_DIR [--seeds DIR]\n");
        return 2;
    }
    crit_dir = argv[1];
    seeds_dir = argc == 4 ? argv[3] : NULL;
    if (seeds_dir && (stat(seeds_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        printf("skipped: the source documents' texts are not at %s; they are "
               "optional (configure with -DCV_SEEDS_DIR=DIR to run this "
               "test)\n", seeds_dir);
        return SKIPPED;
    }
    if (cv_global_init() != CV_OK ||
        t_make_temp_dir(tmp_root, sizeof(tmp_root), "cv-lint") != 0) {
        fprintf(stderr, "cannot set up: %s\n", strerror(errno));
        return 1;
    }
    rc = seeds_dir ? t_run(seeded, sizeof(seeded) / sizeof(seeded[0]))
                   : t_run(plain, sizeof(plain) / sizeof(plain[0]));
    t_remove_tree(tmp_root);
    cv_global_cleanup();
    return rc;
}
