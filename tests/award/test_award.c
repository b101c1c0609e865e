/* SPDX-License-Identifier: MIT */
/*
 * test_award.c: the award arithmetic (src/lib/eval/award.h) recomputed by
 * hand on the published examples of docs/tender.md: 岩手県 2:1 with the
 * from-ceiling formula, 山梨県 300 × (1 − 入札価格/予定価格), the
 * lowest-ratio formula with truncation (地籍調査), one decimal rounded
 * half up (大阪市教委 1000:1000), the 共済組合 tie-break chain, the
 * 予定価格 ceiling (鳥取県), the 最低基準点 (60 % rule) and the division
 * method; rounding on decimal digits; and the sensitivity of the ranking
 * to one weight (fragile under ±10 %, stable under ±20 %).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../harness/t.h"
#include "criteria/tender.h"
#include "eval/award.h"

static struct cv_arena arena;
static struct cv_diags diags;

static const enum cv_tie_rule chain_technical_lot[] = { CV_TIE_TECHNICAL,
                                                        CV_TIE_LOT };
static const enum cv_tie_rule chain_kyosai[] = { CV_TIE_TECHNICAL,
                                                 CV_TIE_MANDATORY,
                                                 CV_TIE_LOWER_PRICE,
                                                 CV_TIE_LOT };

static struct cv_rounding none(void)
{
    struct cv_rounding r = { CV_ROUND_NONE, 0 };
    return r;
}
static struct cv_rounding trunc_at(unsigned d)
{
    struct cv_rounding r = { CV_ROUND_TRUNCATE, d };
    return r;
}
static struct cv_rounding half_up_at(unsigned d)
{
    struct cv_rounding r = { CV_ROUND_HALF_UP, d };
    return r;
}

/* An additive tender of `technical` + `price` points. */
static struct cv_tender_def additive(double technical, double price,
                                     enum cv_price_formula f, int64_t ceiling)
{
    struct cv_tender_def t;
    memset(&t, 0, sizeof(t));
    t.file = "tender.json";
    t.id = "T-1";
    t.method = CV_TENDER_ADDITIVE;
    t.technical_points = technical;
    t.price_points = price;
    t.formula = f;
    t.ceiling = ceiling;
    t.tax.rate_percent = 10;
    t.round_technical = t.round_price = t.round_total = none();
    t.tie_break = (enum cv_tie_rule *)chain_technical_lot;
    t.ntie_break = 2;
    return t;
}

static struct cv_award_input bid(const char *file, double score, double max)
{
    struct cv_award_input in;
    memset(&in, 0, sizeof(in));
    in.file = file;
    in.verdict = CV_VERDICT_QUALIFIED;
    in.score = score;
    in.max_score = max;
    return in;
}

/* Price lines, one per file name, in the tender's arena. */
static void prices(struct cv_tender_def *t, const struct cv_award_input *in,
                   const int64_t *yen, size_t n)
{
    size_t i;
    t->bids = cv_arena_calloc(&arena, n, sizeof(*t->bids));
    for (i = 0; i < n; i++) {
        t->bids[i].file = in[i].file;
        t->bids[i].price = yen[i];
        t->bids[i].where = "/bids/0";
    }
    t->nbids = n;
}

static int compute(struct cv_award *a, const struct cv_tender_def *t,
                   const struct cv_award_input *in, size_t n, cv_lang lang)
{
    return cv_award_compute(a, t, in, n, lang, &arena, &diags) == CV_OK;
}

static bool near(double x, double y) { return fabs(x - y) < 1e-9; }

/* ---- rounding ---- */

static void test_round__decimal_exact(void)
{
    struct cv_rounding t1 = trunc_at(1), t0 = trunc_at(0), h2 = half_up_at(2),
                       h0 = half_up_at(0), n = none();
    T_CHECK(cv_round_apply(&t1, 0.1 + 0.2) == 0.3);
    /* 0.7 + 0.1 is 0.7999999999999999 in binary: truncation keeps 0.8 */
    T_CHECK(cv_round_apply(&t1, 0.7 + 0.1) == 0.8);
    /* 1.005 is 1.00499999999999989… in binary: half up gives 1.01 */
    T_CHECK(cv_round_apply(&h2, 1.005) == 1.01);
    T_CHECK(cv_round_apply(&t0, 691.875) == 691);
    T_CHECK(cv_round_apply(&h0, 82.5) == 83);
    T_CHECK(cv_round_apply(&h0, 0.4) == 0);
    T_CHECK(cv_round_apply(&t0, 0.4) == 0);
    T_CHECK(cv_round_apply(&h0, 0.5) == 1);
    T_CHECK(cv_round_apply(&n, 0.1 + 0.2) == 0.1 + 0.2);
    T_CHECK(cv_round_apply(&t1, 12345678.96) == 12345678.9);
}

/* ---- the published formulas ---- */

/* 岩手県 2:1 (900 + 450), 価格点 = 450 × (1 − 入札価格/予定価格), both
 * truncated (評価手順書(加算方式), 中小企業庁 2015). By hand:
 * 900 × 61.5 / 80 = 691.875 → 691; 450 × (1 − 9.8/12) = 82.5 → 82;
 * 691 + 82 = 773. */
static void test_award__iwate_2_to_1_from_ceiling(void)
{
    struct cv_tender_def t =
        additive(900, 450, CV_PRICE_FROM_CEILING, 12000000);
    struct cv_award_input in[] = { bid("a.json", 61.5, 80) };
    const int64_t yen[] = { 9800000 };
    struct cv_award a;
    t.round_technical = t.round_price = trunc_at(0);
    prices(&t, in, yen, 1);
    T_CHECK(compute(&a, &t, in, 1, CV_LANG_JA));
    T_CHECK(a.bids[0].state == CV_AWARD_RANKED);
    T_CHECK(near(a.bids[0].technical_raw, 691.875));
    T_CHECK(a.bids[0].technical == 691);
    T_CHECK(near(a.bids[0].price_raw, 82.5));
    T_CHECK(a.bids[0].price_points == 82);
    T_CHECK(a.bids[0].total == 773);
    T_CHECK(a.bids[0].rank == 1);
    T_STREQ(a.bids[0].arithmetic,
            "技術点 = 900 × 61.5 / 80 = 691.875 → 691 (小数点以下切捨て); "
            "価格点 = 450 × (1 − 9,800,000 / 12,000,000) = 82.5 → 82 "
            "(小数点以下切捨て); 総合評価点 = 691 + 82 = 773");
    T_CHECK(compute(&a, &t, in, 1, CV_LANG_EN));
    T_STREQ(a.bids[0].arithmetic,
            "technical points = 900 × 61.5 / 80 = 691.875 → 691 (fractions "
            "truncated); price points = 450 × (1 − 9,800,000 / 12,000,000) "
            "= 82.5 → 82 (fractions truncated); total = 691 + 82 = 773");
}

/* 山梨県 300 × (1 − 入札価格/予定価格) with a 600-point technical part
 * (ours). A: 600 × 70/100 = 420, 300 × (1 − 25/30) = 50, 470.
 * B: 600 × 75/100 = 450, 300 × (1 − 29.1/30) = 9, 459. A wins on the
 * price although B's technical score is higher. */
static void test_award__yamanashi_300_from_ceiling(void)
{
    struct cv_tender_def t =
        additive(600, 300, CV_PRICE_FROM_CEILING, 30000000);
    struct cv_award_input in[] = { bid("a.json", 70, 100),
                                   bid("b.json", 75, 100) };
    const int64_t yen[] = { 25000000, 29100000 };
    struct cv_award a;
    prices(&t, in, yen, 2);
    T_CHECK(compute(&a, &t, in, 2, CV_LANG_JA));
    T_CHECK(near(a.bids[0].price_points, 50));
    T_CHECK(near(a.bids[0].total, 470));
    T_CHECK(near(a.bids[1].price_points, 9));
    T_CHECK(near(a.bids[1].total, 459));
    T_CHECK(a.bids[0].rank == 1 && a.bids[1].rank == 2);
}

/* 地籍調査: 価格点 = 配点 × 最低入札価格 / 入札価格, fractions truncated.
 * 200 × 3,000,000 / 3,000,000 = 200; 200 × 3,000,000 / 3,700,000 =
 * 162.16… → 162. 技術点 800 × 90/100 = 720 and 800 × 96/100 = 768:
 * 920 against 930, the dearer bid wins. */
static void test_award__lowest_ratio_truncated(void)
{
    struct cv_tender_def t = additive(800, 200, CV_PRICE_LOWEST_RATIO, 0);
    struct cv_award_input in[] = { bid("cheap.json", 90, 100),
                                   bid("dear.json", 96, 100) };
    const int64_t yen[] = { 3000000, 3700000 };
    struct cv_award a;
    t.round_technical = t.round_price = trunc_at(0);
    prices(&t, in, yen, 2);
    T_CHECK(compute(&a, &t, in, 2, CV_LANG_JA));
    T_CHECK(a.lowest_price == 3000000);
    T_CHECK(a.bids[0].price_points == 200 && a.bids[0].total == 920);
    T_CHECK(a.bids[1].price_points == 162 && a.bids[1].total == 930);
    T_CHECK(a.bids[1].rank == 1 && a.bids[0].rank == 2);
    T_CHECK(strstr(a.bids[1].arithmetic,
                   "価格点 = 200 × 3,000,000 / 3,700,000 = 162.162162 → 162"));
}

/* 大阪市教委 1:1 (1000 : 1000), one decimal, the second rounded half up.
 * 1000 × 20/30 = 666.666… → 666.7; 1000 × (1 − 8,765,500/10,000,000) =
 * 123.45 → 123.5; 666.7 + 123.5 = 790.2. */
static void test_award__osaka_one_decimal_half_up(void)
{
    struct cv_tender_def t =
        additive(1000, 1000, CV_PRICE_FROM_CEILING, 10000000);
    struct cv_award_input in[] = { bid("a.json", 20, 30) };
    const int64_t yen[] = { 8765500 };
    struct cv_award a;
    t.round_technical = t.round_price = t.round_total = half_up_at(1);
    prices(&t, in, yen, 1);
    T_CHECK(compute(&a, &t, in, 1, CV_LANG_JA));
    T_CHECK(a.bids[0].technical == 666.7);
    T_CHECK(a.bids[0].price_points == 123.5);
    T_CHECK(a.bids[0].total == 790.2);
    T_CHECK(strstr(a.bids[0].arithmetic, "→ 666.7 (小数第 2 位を四捨五入)"));
}

/* 共済組合 (4:1, 600 : 150): 技術点 → 必須項目の点 → 低い入札金額 → くじ.
 * Ceiling 10,000,000, both parts truncated. By hand:
 *   X1 600 × 95% = 570, 150 × 0.3 = 45: 615
 *   X2 600 × 90% = 540, 150 × 0.5 = 75: 615  (X1 first: 技術点)
 *   Y1 540, mandatory 50, 6,000,000 → 60: 600
 *   Y2 540, mandatory 40, 6,000,000 → 60: 600
 *   Y3 540, mandatory 40, 5,990,000 → 60.15 → 60: 600 (above Y2: price)
 *   Y4 the same as Y2: a lot between them.
 * Ranks: X1 1, X2 2, Y1 3, Y3 4, Y2 and Y4 5 (lot). */
static void test_award__kyosai_tie_chain(void)
{
    struct cv_tender_def t =
        additive(600, 150, CV_PRICE_FROM_CEILING, 10000000);
    struct cv_award_input in[] = { bid("x1", 95, 100), bid("x2", 90, 100),
                                   bid("y1", 90, 100), bid("y2", 90, 100),
                                   bid("y3", 90, 100), bid("y4", 90, 100) };
    const int64_t yen[] = { 7000000, 5000000, 6000000,
                            6000000, 5990000, 6000000 };
    struct cv_award a;
    in[2].mandatory_points = 50;
    in[3].mandatory_points = in[4].mandatory_points = 40;
    in[5].mandatory_points = 40;
    t.round_technical = t.round_price = trunc_at(0);
    t.tie_break = (enum cv_tie_rule *)chain_kyosai;
    t.ntie_break = 4;
    prices(&t, in, yen, 6);
    T_CHECK(compute(&a, &t, in, 6, CV_LANG_JA));
    T_CHECK(a.bids[0].total == 615 && a.bids[1].total == 615);
    T_CHECK(a.bids[2].total == 600 && a.bids[4].total == 600);
    T_CHECK(a.bids[0].rank == 1);
    T_CHECK(a.bids[1].rank == 2);
    T_CHECK(a.bids[2].rank == 3);
    T_CHECK(a.bids[4].rank == 4);
    T_CHECK(a.bids[3].rank == 5 && a.bids[5].rank == 5);
    T_CHECK(a.bids[3].lot && a.bids[5].lot && !a.bids[4].lot);
    T_CHECK(a.bids[3].reason && strstr(a.bids[3].reason, "くじ"));
}

/* 鳥取県: a bid above the 予定価格 is void and not evaluated; one at the
 * 予定価格 is in (and gets no price points). */
static void test_award__tottori_ceiling_void(void)
{
    struct cv_tender_def t =
        additive(900, 450, CV_PRICE_FROM_CEILING, 48000000);
    struct cv_award_input in[] = { bid("over.json", 99, 100),
                                   bid("at.json", 50, 100) };
    const int64_t yen[] = { 48000001, 48000000 };
    struct cv_award a;
    prices(&t, in, yen, 2);
    T_CHECK(compute(&a, &t, in, 2, CV_LANG_JA));
    T_CHECK(a.bids[0].state == CV_AWARD_OVER_CEILING);
    T_CHECK(a.bids[0].rank == 0);
    T_STREQ(a.bids[0].reason, "入札価格 48,000,001 円が予定価格 48,000,000 "
                              "円 (税抜) を超えるため無効です");
    T_CHECK(a.bids[0].price_points == 0 && a.bids[0].total == 0);
    T_CHECK(a.bids[1].state == CV_AWARD_RANKED && a.bids[1].rank == 1);
    T_CHECK(a.bids[1].price_points == 0 && a.bids[1].total == 450);
}

/* 最低基準点 at 60 % of 1000 技術点: 599 fails, 600 is in; the bid that
 * fails sets no lowest price for the others. */
static void test_award__minimum_sixty_percent(void)
{
    struct cv_tender_def t = additive(1000, 500, CV_PRICE_LOWEST_RATIO, 0);
    struct cv_award_input in[] = { bid("low.json", 59.9, 100),
                                   bid("ok.json", 60, 100) };
    const int64_t yen[] = { 1000000, 2000000 };
    struct cv_award a;
    t.round_technical = trunc_at(0);
    t.has_minimum = true;
    t.minimum_technical = 600;
    prices(&t, in, yen, 2);
    T_CHECK(compute(&a, &t, in, 2, CV_LANG_JA));
    T_CHECK(a.bids[0].technical == 599);
    T_CHECK(a.bids[0].state == CV_AWARD_BELOW_MINIMUM);
    T_STREQ(a.bids[0].reason,
            "技術点 599 が最低基準点 600 に満たないため失格です");
    T_CHECK(a.bids[1].state == CV_AWARD_RANKED && a.bids[1].rank == 1);
    T_CHECK(a.lowest_price == 2000000);
    T_CHECK(a.bids[1].price_points == 500);
}

/* 除算方式: 評価値 = 技術点 ÷ 入札価格 × scale. 130 × 80/100 = 104,
 * 104 / 52,000,000 × 10^8 = 200; 130 × 90/100 = 117, 117 / 60,000,000 ×
 * 10^8 = 195. */
static void test_award__division_with_scale(void)
{
    struct cv_tender_def t = additive(130, 0, CV_PRICE_FROM_CEILING, 0);
    struct cv_award_input in[] = { bid("a.json", 80, 100),
                                   bid("b.json", 90, 100) };
    const int64_t yen[] = { 52000000, 60000000 };
    struct cv_award a;
    t.method = CV_TENDER_DIVISION;
    t.division_scale = 1e8;
    t.round_total = half_up_at(4);
    prices(&t, in, yen, 2);
    T_CHECK(compute(&a, &t, in, 2, CV_LANG_JA));
    T_CHECK(a.bids[0].total == 200 && a.bids[1].total == 195);
    T_CHECK(a.bids[0].rank == 1 && a.bids[1].rank == 2);
    T_CHECK(strstr(a.bids[0].arithmetic,
                   "評価値 = 104 ÷ 52,000,000 × 100,000,000 = 200"));
}

/* Not qualified and unpriced bids are out; a conditional bid (qualified
 * on condition) is ranked; a price line naming no bid is a warning. */
static void test_award__gates_and_matching(void)
{
    struct cv_tender_def t =
        additive(900, 450, CV_PRICE_FROM_CEILING, 10000000);
    struct cv_award_input in[] = { bid("dir/a.json", 80, 100),
                                   bid("b.json", 90, 100),
                                   bid("c.json", 70, 100) };
    struct cv_award a;
    size_t before;
    in[1].verdict = CV_VERDICT_DISQUALIFIED;
    in[2].conditional = true;
    in[2].vendor = " 株式会社シー\xE3\x80\x80";
    t.bids = cv_arena_calloc(&arena, 3, sizeof(*t.bids));
    t.bids[0].file = "a.json";          /* last component */
    t.bids[0].price = 9000000;
    t.bids[1].vendor = "株式会社シー";  /* trimmed vendor name */
    t.bids[1].price = 8000000;
    t.bids[2].file = "nobody.json";
    t.bids[2].price = 1;
    t.bids[2].where = "/bids/2";
    t.nbids = 3;
    before = diags.count;
    T_CHECK(compute(&a, &t, in, 3, CV_LANG_JA));
    T_CHECK(a.bids[0].state == CV_AWARD_RANKED && a.bids[0].price == 9000000);
    T_CHECK(a.bids[1].state == CV_AWARD_NOT_QUALIFIED);
    T_CHECK(a.bids[2].state == CV_AWARD_RANKED && a.bids[2].price == 8000000);
    T_CHECK(diags.count == before + 1);
    T_STREQ(diags.items[diags.count - 1].path, "/bids/2");
    t.nbids = 1; /* c.json has no line now */
    T_CHECK(compute(&a, &t, in, 3, CV_LANG_JA));
    T_CHECK(a.bids[2].state == CV_AWARD_NO_PRICE && a.bids[2].rank == 0);
}

/* ---- sensitivity ---- */

static struct cv_criterion crits[2] = { { .id = "CRIT-A" },
                                        { .id = "CRIT-B" } };
static struct cv_profile_entry entries[2] = { { .crit = &crits[0] },
                                              { .crit = &crits[1] } };

static struct cv_profile two_weights(void)
{
    struct cv_profile p;
    memset(&p, 0, sizeof(p));
    p.entries = entries;
    p.nentries = 2;
    return p;
}

static struct cv_award_input two_entry_bid(const char *file, const double *pts,
                                           const double *max)
{
    struct cv_award_input in = bid(file, pts[0] + pts[1], max[0] + max[1]);
    in.points = pts;
    in.max_points = max;
    in.npoints = 2;
    return in;
}

static const double max10[] = { 10, 10 };

/* The technical ranking (no tender: by the score). A: 10 + 0; B: 0 +
 * 9.6. With CRIT-B's weight +10 %, B has 10.56 against A's 10; with
 * CRIT-A's −10 %, A has 9: first place moves either way. */
static void test_sens__fragile_under_ten_percent(void)
{
    static const double pa[] = { 10, 0 }, pb[] = { 0, 9.6 };
    struct cv_award_input in[2];
    struct cv_profile p = two_weights();
    struct cv_sensitivity s;
    size_t i;
    bool b_plus10 = false;
    in[0] = two_entry_bid("a", pa, max10);
    in[1] = two_entry_bid("b", pb, max10);
    T_CHECK(cv_award_sensitivity(&s, NULL, &p, in, 2, &arena) == CV_OK);
    T_CHECK(s.computed && s.first == 0 && s.second == 1);
    T_CHECK(near(s.margin, 0.4));
    T_CHECK(s.fragile);
    T_CHECK(s.ncases == 8);
    for (i = 0; i < s.ncases; i++)
        if (strcmp(s.cases[i].criterion, "CRIT-B") == 0 &&
            s.cases[i].delta_percent == 10)
            b_plus10 = s.cases[i].winner_changed && s.cases[i].winner == 1;
    T_CHECK(b_plus10);
    T_CHECK(s.ndepends == 2);
}

/* A: 10 + 0; B: 0 + 8.5. CRIT-B +10 %: 9.35 < 10, A stays; +20 %: 10.2:
 * B first. CRIT-A −10 %: 9 > 8.5; −20 %: 8: B first. Both weights
 * decide first place, but only beyond ±10 %: not fragile. */
static void test_sens__twenty_percent_only(void)
{
    static const double pa[] = { 10, 0 }, pb[] = { 0, 8.5 };
    struct cv_award_input in[2];
    struct cv_profile p = two_weights();
    struct cv_sensitivity s;
    in[0] = two_entry_bid("a", pa, max10);
    in[1] = two_entry_bid("b", pb, max10);
    T_CHECK(cv_award_sensitivity(&s, NULL, &p, in, 2, &arena) == CV_OK);
    T_CHECK(s.computed && !s.fragile);
    T_CHECK(s.ndepends == 2);
    T_STREQ(s.depends_on[0], "CRIT-A");
    T_STREQ(s.depends_on[1], "CRIT-B");
}

/* A: 10 + 5; B: 5 + 5: no ±20 % change of one weight moves first place.
 * And a change that makes two bids equal at the top counts as moving it
 * (a lot would decide): A 10 + 0, B 0 + 9, CRIT-A −10 % gives 9 and 9. */
static void test_sens__stable_under_twenty_percent(void)
{
    static const double pa[] = { 10, 5 }, pb[] = { 5, 5 };
    struct cv_award_input in[2];
    struct cv_profile p = two_weights();
    struct cv_sensitivity s;
    size_t i;
    bool moved = false;
    in[0] = two_entry_bid("a", pa, max10);
    in[1] = two_entry_bid("b", pb, max10);
    T_CHECK(cv_award_sensitivity(&s, NULL, &p, in, 2, &arena) == CV_OK);
    T_CHECK(s.computed && !s.fragile && s.ndepends == 0);
    T_CHECK(near(s.margin, 5));
    for (i = 0; i < s.ncases; i++)
        moved = moved || s.cases[i].winner_changed;
    T_CHECK(!moved);
    {
        static const double qa[] = { 10, 0 }, qb[] = { 0, 9 };
        in[0] = two_entry_bid("a", qa, max10);
        in[1] = two_entry_bid("b", qb, max10);
        T_CHECK(cv_award_sensitivity(&s, NULL, &p, in, 2, &arena) == CV_OK);
        T_CHECK(s.fragile);
        T_STREQ(s.depends_on[0], "CRIT-A");
    }
}

/* The split: 900 + 450. A: 900 × 100 % = 900 at 47,000,000
 * (450 × 1/48 = 9.375), 909.375; B: 900 × 95 % = 855 at 42,500,000
 * (450 × 5.5/48 = 51.5625), 906.5625: A first. Price allocation +20 %
 * (540): A 900 + 11.25 = 911.25, B 855 + 61.875 = 916.875: B first. */
static void test_sens__split(void)
{
    struct cv_tender_def t =
        additive(900, 450, CV_PRICE_FROM_CEILING, 48000000);
    static const double pa[] = { 10, 10 }, pb[] = { 9, 10 };
    struct cv_award_input in[2];
    struct cv_profile p = two_weights();
    struct cv_sensitivity s;
    const int64_t yen[] = { 47000000, 42500000 };
    size_t i;
    bool split_moves = false;
    in[0] = two_entry_bid("a", pa, max10);
    in[1] = two_entry_bid("b", pb, max10);
    prices(&t, in, yen, 2);
    T_CHECK(cv_award_sensitivity(&s, &t, &p, in, 2, &arena) == CV_OK);
    T_CHECK(s.computed && s.first == 0);
    T_CHECK(s.ncases == 12);
    for (i = 0; i < s.ncases; i++)
        if (!s.cases[i].criterion && s.cases[i].delta_percent == 20)
            split_moves = s.cases[i].winner_changed;
    T_CHECK(split_moves);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "round__decimal_exact", test_round__decimal_exact },
        { "award__iwate_2_to_1_from_ceiling",
          test_award__iwate_2_to_1_from_ceiling },
        { "award__yamanashi_300_from_ceiling",
          test_award__yamanashi_300_from_ceiling },
        { "award__lowest_ratio_truncated", test_award__lowest_ratio_truncated },
        { "award__osaka_one_decimal_half_up",
          test_award__osaka_one_decimal_half_up },
        { "award__kyosai_tie_chain", test_award__kyosai_tie_chain },
        { "award__tottori_ceiling_void", test_award__tottori_ceiling_void },
        { "award__minimum_sixty_percent", test_award__minimum_sixty_percent },
        { "award__division_with_scale", test_award__division_with_scale },
        { "award__gates_and_matching", test_award__gates_and_matching },
        { "sens__fragile_under_ten_percent",
          test_sens__fragile_under_ten_percent },
        { "sens__twenty_percent_only", test_sens__twenty_percent_only },
        { "sens__stable_under_twenty_percent",
          test_sens__stable_under_twenty_percent },
        { "sens__split", test_sens__split },
    };
    int rc;
    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, CV_LANG_JA, 1000);
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_arena_release(&arena);
    return rc;
}
