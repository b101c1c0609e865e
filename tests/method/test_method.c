/* SPDX-License-Identifier: MIT */
/*
 * test_method.c: the canonical 評価基準書 (criteria/method.h) from the
 * inside: its bytes are deterministic and language-independent, its
 * SHA-256 is the public one, each criterion's hash is of that criterion's
 * line of the document and moves with its weight or mandatory flag only,
 * a tender's method part is in it but never its prices, and numbers are
 * printed by the one fixed rule.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "base/sha256.h"
#include "criteria/method.h"
#include "internal.h"

static cv_ctx *ctx;
static cv_criteria *crit;

/* The document, malloc'ed; NULL on failure. */
static char *doc_of(const struct cv_tender_def *t)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    if (cv_method_json(&sb, crit, t) != CV_OK) {
        cv_strbuf_release(&sb);
        return NULL;
    }
    return cv_strbuf_detach(&sb, NULL);
}

static void hash_of(char hex[65], const struct cv_tender_def *t)
{
    T_CHECK(cv_method_sha256(hex, crit, t) == CV_OK);
}

static void test_deterministic_and_public_hash(void)
{
    char *a = doc_of(NULL), *b = doc_of(NULL);
    char hex[65], pub[65], direct[65];
    T_CHECK(a && b && strcmp(a, b) == 0);
    hash_of(hex, NULL);
    T_CHECK(cv_method_sha256_hex(crit, NULL, pub) == CV_OK);
    T_STREQ(hex, pub);
    if (a) {
        T_CHECK(cv_sha256_hex(direct, a, strlen(a)) == CV_OK);
        T_STREQ(direct, hex);
        T_CHECK(strncmp(a, "{\n\"format\":\"cloudvet-method/1\",\n", 31) == 0);
        T_CHECK(strstr(a, "\"tender\":null") != NULL);
    }
    free(a);
    free(b);
}

/* The line of the document that is criterion `id`'s object. */
static char *criterion_line(const char *doc, const char *id)
{
    char head[128];
    const char *at, *end;
    char *line;
    snprintf(head, sizeof(head), "\n{\"id\":\"%s\",", id);
    at = strstr(doc, head);
    if (!at)
        return NULL;
    at++;
    end = strchr(at, '\n');
    if (!end)
        return NULL;
    if (end[-1] == ',')
        end--;
    else if (end[-1] == ']')
        end--; /* the last: "…}]\n" */
    line = malloc((size_t)(end - at) + 1);
    if (line) {
        memcpy(line, at, (size_t)(end - at));
        line[end - at] = '\0';
    }
    return line;
}

static void test_criterion_hash_is_its_line(void)
{
    char *doc = doc_of(NULL);
    size_t i;
    T_CHECK(doc != NULL && crit->profile.nentries > 0);
    for (i = 0; doc && i < crit->profile.nentries; i++) {
        const struct cv_profile_entry *e = &crit->profile.entries[i];
        char *line = criterion_line(doc, e->crit->id);
        char a[65], b[65];
        T_CHECK(line != NULL);
        if (!line)
            continue;
        T_CHECK(cv_method_criterion_sha256(a, crit, e) == CV_OK);
        T_CHECK(cv_sha256_hex(b, line, strlen(line)) == CV_OK);
        T_STREQ(a, b);
        free(line);
    }
    free(doc);
}

/* Each criterion's hash, malloc'ed array of n. */
static char (*all_hashes(void))[65]
{
    size_t i, n = crit->profile.nentries;
    char (*h)[65] = calloc(n, sizeof(*h));
    for (i = 0; h && i < n; i++)
        T_CHECK(cv_method_criterion_sha256(h[i], crit,
                                           &crit->profile.entries[i]) ==
                CV_OK);
    return h;
}

/* One entry changed by `change` (undone after): the method's hash and
 * that criterion's move, no other criterion's does. */
static void only_one_moves(size_t k, void (*change)(struct cv_profile_entry *,
                                                    bool undo))
{
    struct cv_profile_entry *e = &crit->profile.entries[k];
    char before[65], after[65];
    char (*h0)[65] = all_hashes(), (*h1)[65];
    size_t i;
    hash_of(before, NULL);
    change(e, false);
    hash_of(after, NULL);
    h1 = all_hashes();
    change(e, true);
    T_CHECK(strcmp(before, after) != 0);
    for (i = 0; h0 && h1 && i < crit->profile.nentries; i++)
        T_CHECK((strcmp(h0[i], h1[i]) != 0) == (i == k));
    hash_of(after, NULL);
    T_STREQ(before, after);
    free(h0);
    free(h1);
}

static void bump_weight(struct cv_profile_entry *e, bool undo)
{
    e->weight += undo ? -1.0 : 1.0;
}

static void flip_mandatory(struct cv_profile_entry *e, bool undo)
{
    (void)undo;
    e->mandatory = !e->mandatory;
}

static void test_weight_moves_one_criterion(void)
{
    T_CHECK(crit->profile.nentries > 3);
    only_one_moves(2, bump_weight);
    only_one_moves(0, flip_mandatory);
}

static void test_language_independent(void)
{
    /* The document carries both texts; --lang changes nothing. */
    char *a = doc_of(NULL), *b;
    cv_lang was = ctx->opts.lang;
    ctx->opts.lang = CV_LANG_EN;
    b = doc_of(NULL);
    ctx->opts.lang = was;
    T_CHECK(a && b && strcmp(a, b) == 0);
    T_CHECK(a && strstr(a, "\"ja\":\"必須基準はすべて") != NULL);
    T_CHECK(a && strstr(a, "\"en\":\"Every mandatory criterion") != NULL);
    free(a);
    free(b);
}

static struct cv_tender_def make_tender(enum cv_tie_rule *ties, size_t nties,
                                        struct cv_tender_bid *bids,
                                        size_t nbids)
{
    struct cv_tender_def t;
    memset(&t, 0, sizeof(t));
    t.file = "tender.json";
    t.id = "R8-DX-0217";
    t.title.ja = "オンライン申請システム";
    t.title.en = "Online application system";
    t.profile_id = "tokki5-cloud";
    t.method = CV_TENDER_ADDITIVE;
    t.technical_points = 900;
    t.price_points = 450;
    t.formula = CV_PRICE_FROM_CEILING;
    t.tax.rate_percent = 10;
    t.round_technical.mode = CV_ROUND_TRUNCATE;
    t.round_price.mode = CV_ROUND_TRUNCATE;
    t.tie_break = ties;
    t.ntie_break = nties;
    t.has_minimum = true;
    t.minimum_technical = 360;
    t.bids = bids;
    t.nbids = nbids;
    return t;
}

static void test_tender_method_without_prices(void)
{
    enum cv_tie_rule ties[] = { CV_TIE_TECHNICAL, CV_TIE_LOT };
    struct cv_tender_bid bids[] = {
        { "01.json", NULL, NULL, 49800000, "/bids/0", 1 },
        { "02.xml", NULL, NULL, 44500000, "/bids/1", 2 },
    };
    struct cv_tender_def open = make_tender(ties, 2, NULL, 0);
    struct cv_tender_def priced = make_tender(ties, 2, bids, 2);
    char a[65], b[65], c[65], none[65];
    char *doc;
    priced.ceiling = 48000000;
    priced.sha256[0] = 'x'; /* the file's own hash moves with prices */
    hash_of(a, &open);
    hash_of(b, &priced);
    T_STREQ(a, b);
    hash_of(none, NULL);
    T_CHECK(strcmp(a, none) != 0);
    open.price_points = 300; /* the split is the method's */
    hash_of(c, &open);
    T_CHECK(strcmp(a, c) != 0);
    doc = doc_of(&priced);
    T_CHECK(doc && strstr(doc, "\"tender\":{\"id\":\"R8-DX-0217\"") != NULL);
    T_CHECK(doc && strstr(doc, "48000000") == NULL &&
            strstr(doc, "49800000") == NULL && strstr(doc, "01.json") == NULL);
    T_CHECK(doc && strstr(doc, "\"tie_break\":[\"technical\",\"lot\"]"));
    T_CHECK(doc && strstr(doc, "価格点 = 450 × (1 − 入札価格 ÷ 予定価格)"));
    free(doc);
}

static void test_criteria_hash_unchanged_by_tender(void)
{
    /* A decision's criterion hash does not depend on the tender. */
    enum cv_tie_rule ties[] = { CV_TIE_TECHNICAL };
    struct cv_tender_def t = make_tender(ties, 1, NULL, 0);
    char *plain = doc_of(NULL), *with = doc_of(&t);
    char *l1 = plain ? criterion_line(plain, "CLOUD-CERT") : NULL;
    char *l2 = with ? criterion_line(with, "CLOUD-CERT") : NULL;
    T_CHECK(l1 && l2 && strcmp(l1, l2) == 0);
    free(l1);
    free(l2);
    free(plain);
    free(with);
}

static void number_is(double x, const char *want)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_method_number(&sb, x);
    T_STREQ(sb.ptr, want);
    cv_strbuf_release(&sb);
}

static void test_number_rule(void)
{
    number_is(8, "8");
    number_is(0.5, "0.5");
    number_is(99.9, "99.9");
    number_is(0.1 + 0.2, "0.30000000000000004");
    number_is(1.0 / 3.0, "0.3333333333333333");
    number_is(-0.0, "0");
    number_is(-12.25, "-12.25");
    number_is(1e-7, "1e-07");
    number_is(48000000, "48000000");
    number_is(NAN, "null");
}

static void test_strings_escaped(void)
{
    /* A municipality's profile title with quotes and controls. */
    struct cv_text2 was = crit->profile.title;
    char *doc;
    crit->profile.title.ja = "a\"b\\c\nd\x01\xe2\x80\xae";
    doc = doc_of(NULL);
    crit->profile.title = was;
    T_CHECK(doc && strstr(doc, "\"ja\":\"a\\\"b\\\\c\\nd\\u0001\xe2\x80\xae\""));
    free(doc);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "deterministic_and_public_hash", test_deterministic_and_public_hash },
        { "criterion_hash_is_its_line", test_criterion_hash_is_its_line },
        { "weight_moves_one_criterion", test_weight_moves_one_criterion },
        { "language_independent", test_language_independent },
        { "tender_method_without_prices", test_tender_method_without_prices },
        { "criteria_hash_unchanged_by_tender",
          test_criteria_hash_unchanged_by_tender },
        { "number_rule", test_number_rule },
        { "strings_escaped", test_strings_escaped },
    };
    return t_api_main(argc, argv, "test_method", CV_LANG_JA, &ctx, &crit,
                      cases, sizeof(cases) / sizeof(cases[0]));
}
