/* SPDX-License-Identifier: MIT */
/*
 * method.c: the published scoring method (評価基準書): its canonical
 * JSON, the hashes of the whole and of each criterion, and the sentences
 * the human formats print (see method.h for the rule of the bytes).
 *
 * The document is written here, not by jansson: its bytes are what the
 * tender's committee publishes and every report repeats by hash, so they
 * must depend on nothing but the data (no library version's number
 * printing, no member order of a hash table, no --lang).
 */
#include "method.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../base/sha256.h"

/* ---- the writer's primitives ---- */

void cv_method_number(struct cv_strbuf *sb, double x)
{
    char buf[40];
    int prec;
    if (!isfinite(x)) {
        cv_strbuf_puts(sb, "null");
        return;
    }
    if (x == 0.0) { /* also -0 */
        cv_strbuf_putc(sb, '0');
        return;
    }
    if (x == floor(x) && fabs(x) < 9007199254740992.0) {
        cv_strbuf_printf(sb, "%" PRId64, (int64_t)x);
        return;
    }
    /* The shortest of %.1g .. %.17g that reads back as x: the same
     * digits on every libc that rounds correctly (glibc, musl). */
    for (prec = 1; prec <= DBL_DECIMAL_DIG; prec++) {
        (void)snprintf(buf, sizeof(buf), "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    cv_strbuf_puts(sb, buf);
}

/* `"name":` after a comma unless `first`. */
static void key(struct cv_strbuf *sb, const char *name, bool first)
{
    if (!first)
        cv_strbuf_putc(sb, ',');
    cv_strbuf_json_str(sb, name);
    cv_strbuf_putc(sb, ':');
}

static void json_bool(struct cv_strbuf *sb, bool b)
{
    cv_strbuf_puts(sb, b ? "true" : "false");
}

static void text2(struct cv_strbuf *sb, const struct cv_text2 *t)
{
    cv_strbuf_putc(sb, '{');
    key(sb, "ja", true);
    cv_strbuf_json_str(sb, t->ja);
    key(sb, "en", false);
    cv_strbuf_json_str(sb, t->en);
    cv_strbuf_putc(sb, '}');
}

/* {"ja": …, "en": …} of a sentence `say` writes in either language. */
typedef void say_fn(struct cv_strbuf *sb, const void *what, unsigned item,
                    cv_lang lang);

static void said(struct cv_strbuf *sb, say_fn *say, const void *what,
                 unsigned item)
{
    struct cv_strbuf t;
    cv_strbuf_init(&t, 0);
    cv_strbuf_putc(sb, '{');
    key(sb, "ja", true);
    say(&t, what, item, CV_LANG_JA);
    cv_strbuf_json_string(sb, t.ptr, t.len);
    cv_strbuf_reset(&t);
    key(sb, "en", false);
    say(&t, what, item, CV_LANG_EN);
    cv_strbuf_json_string(sb, t.ptr, t.len);
    cv_strbuf_putc(sb, '}');
    cv_strbuf_fail(sb, cv_strbuf_status(&t));
    cv_strbuf_release(&t);
}

/* A value of the criteria data (a parameter's), in the written order. */
static void json_node(struct cv_strbuf *sb, const struct cv_node *n)
{
    const struct cv_node *c;
    if (!n) {
        cv_strbuf_puts(sb, "null");
        return;
    }
    switch (n->kind) {
    case CV_NODE_BOOL: json_bool(sb, n->boolean); break;
    case CV_NODE_NUMBER: cv_method_number(sb, n->number); break;
    case CV_NODE_STRING: cv_strbuf_json_string(sb, n->text, n->text_len); break;
    case CV_NODE_ARRAY:
        cv_strbuf_putc(sb, '[');
        for (c = n->first; c; c = c->next) {
            if (c != n->first)
                cv_strbuf_putc(sb, ',');
            json_node(sb, c);
        }
        cv_strbuf_putc(sb, ']');
        break;
    case CV_NODE_OBJECT:
        cv_strbuf_putc(sb, '{');
        for (c = n->first; c; c = c->next) {
            key(sb, c->name ? c->name : "", c == n->first);
            json_node(sb, c);
        }
        cv_strbuf_putc(sb, '}');
        break;
    case CV_NODE_NULL:
    case CV_NODE_ELEMENT: /* never in criteria data */
        cv_strbuf_puts(sb, "null");
        break;
    }
}

void cv_method_param_value(struct cv_strbuf *sb, const struct cv_param *p)
{
    json_node(sb, p->value);
}

/* Points as eval computes them: half up at two decimals. */
static double round2(double v)
{
    return floor(v * 100.0 + 0.5) / 100.0;
}

double cv_method_points(double weight, double fraction)
{
    return round2(weight * (fraction > 1.0 ? 1.0 : fraction));
}

static const char *test_str(enum cv_cond_test t)
{
    static const char *const words[] = {
        [CV_TEST_TRUE] = "true", [CV_TEST_FALSE] = "false",
        [CV_TEST_PRESENT] = "present", [CV_TEST_NONEMPTY] = "nonempty",
        [CV_TEST_GE] = "ge", [CV_TEST_LE] = "le", [CV_TEST_GT] = "gt",
        [CV_TEST_LT] = "lt", [CV_TEST_EQ] = "eq"
    };
    return (size_t)t < sizeof(words) / sizeof(words[0]) ? words[t] : "?";
}

/* ---- the scoring rules ---- */

static const char *const rule_ids[CV_METHOD_RULE_COUNT] = {
    [CV_METHOD_RULE_VERDICT] = "verdict",
    [CV_METHOD_RULE_CONDITIONAL] = "conditional",
    [CV_METHOD_RULE_POINTS] = "points",
    [CV_METHOD_RULE_GRADING] = "grading",
    [CV_METHOD_RULE_NOT_APPLICABLE] = "not_applicable",
    [CV_METHOD_RULE_AGGREGATION] = "aggregation",
    [CV_METHOD_RULE_ROUNDING] = "rounding",
    [CV_METHOD_RULE_RANKING] = "ranking",
    [CV_METHOD_RULE_TIE_BREAK] = "tie_break",
};

const char *cv_method_rule_id(enum cv_method_rule r)
{
    return (unsigned)r < CV_METHOD_RULE_COUNT ? rule_ids[r] : "";
}

static double max_points(const struct cv_profile *p)
{
    double sum = 0.0;
    size_t i;
    for (i = 0; i < p->nentries; i++)
        sum += p->entries[i].weight;
    return round2(sum);
}

/* "50 %" of a fraction. */
static void percent(struct cv_strbuf *sb, double fraction)
{
    cv_method_number(sb, round2(fraction * 100.0));
    cv_strbuf_puts(sb, " %");
}

static void rule_points(struct cv_strbuf *sb, const struct cv_profile *p,
                        cv_lang lang)
{
    cv_strbuf_puts(sb, CV_L(lang, "適合は配点の全部 (加点のある基準は下の"
                                  "とおり)、一部適合は配点の ",
                            "A met criterion earns its full points (a "
                            "graded one as below), a partial one "));
    percent(sb, p->partial_fraction);
    cv_strbuf_puts(sb, CV_L(lang, "、申告のみ (確認できる事実のない「はい」) "
                                  "は配点の ",
                            " of them, one only claimed (a 'yes' without a "
                            "fact to check) "));
    percent(sb, p->claimed_fraction);
    cv_strbuf_puts(sb, CV_L(lang, "です。不適合、矛盾、未回答は 0 点です。",
                            " of them; not met, contradicted and "
                            "unanswered earn 0."));
}

static void rule_text(struct cv_strbuf *sb, const void *what, unsigned r,
                      cv_lang lang)
{
    const struct cv_profile *p = &((const struct cv_criteria *)what)->profile;
    switch ((enum cv_method_rule)r) {
    case CV_METHOD_RULE_VERDICT:
        cv_strbuf_puts(sb, CV_L(lang,
            "必須基準はすべて完全に満たさなければなりません。必須基準のどれか"
            "が不適合、矛盾、未回答、または一部適合 (その基準が一部適合を認め"
            "る場合を除く) の入札は失格です。",
            "Every mandatory criterion must hold in full: a bid with a "
            "mandatory criterion not met, contradicted, unanswered or "
            "partial (unless that criterion accepts a partial result) is "
            "disqualified."));
        break;
    case CV_METHOD_RULE_CONDITIONAL:
        cv_strbuf_puts(sb, CV_L(lang,
            "必須基準に申告のみのもの (確認できる事実がない) がある入札は、そ"
            "の確認を条件とする条件付き適格です。人が確認するまで適格と確定"
            "せず、落札者とはなりません。",
            "A bid with a mandatory criterion only claimed (no fact to "
            "check) qualifies only on condition of its confirmation: it is "
            "not qualified, and cannot be awarded, until a person "
            "confirms it."));
        break;
    case CV_METHOD_RULE_POINTS:
        rule_points(sb, p, lang);
        break;
    case CV_METHOD_RULE_GRADING:
        cv_strbuf_puts(sb, CV_L(lang,
            "加点のある基準は、適合のとき配点 × 基礎の割合に、成り立つ加点ご"
            "とに配点 × その割合を加えます。配点を超えることはありません。",
            "A graded criterion, when met, earns its points × its base "
            "fraction plus, for each bonus that holds, its points × the "
            "bonus fraction, never more than its points."));
        break;
    case CV_METHOD_RULE_NOT_APPLICABLE:
        cv_strbuf_puts(sb, CV_L(lang,
            "「該当なし」を認める基準が該当なしのときは、得点にも満点にも数"
            "えません。",
            "A criterion that accepts 'not applicable' and is not "
            "applicable counts neither in the score nor in the maximum."));
        break;
    case CV_METHOD_RULE_AGGREGATION:
        cv_strbuf_puts(sb, CV_L(lang,
            "得点は各基準の得点の合計、満点は各基準の配点の合計です。この基"
            "準の満点は ",
            "The score is the sum of the criteria's points, the maximum "
            "the sum of their weights: "));
        cv_method_number(sb, max_points(p));
        cv_strbuf_puts(sb, CV_L(lang, " 点です。", " points for this profile."));
        break;
    case CV_METHOD_RULE_ROUNDING:
        cv_strbuf_puts(sb, CV_L(lang,
            "各基準の得点と各加点は小数第 3 位を四捨五入して小数第 2 位まで"
            "とし、その合計も同じく小数第 2 位までとします。",
            "Each criterion's points and each bonus are rounded half up "
            "to two decimals, and so is their sum."));
        break;
    case CV_METHOD_RULE_RANKING:
        cv_strbuf_puts(sb, CV_L(lang,
            "適格の入札を得点の高い順に順位付けし、条件付き適格の入札はその"
            "後に順位付けします。入札案件ファイルがあれば、その方法の総合評"
            "価点で順位付けします。",
            "Qualified bids are ranked by score, highest first; bids "
            "qualified on condition are ranked after them. With a tender "
            "file, bids are ranked on the total of its method."));
        break;
    case CV_METHOD_RULE_TIE_BREAK:
        cv_strbuf_puts(sb, p->tie_by_mandatory
            ? CV_L(lang, "同点の場合は必須基準の得点が高い方を上位とし、それ"
                         "も同じなら同順位とします。",
                   "Equal scores: the higher points on mandatory criteria "
                   "rank first; equal on both share a rank.")
            : CV_L(lang, "同点は同順位とします。",
                   "Equal scores share a rank."));
        break;
    case CV_METHOD_RULE_COUNT:
        break;
    }
}

void cv_method_rule_text(struct cv_strbuf *sb, const struct cv_criteria *crit,
                         enum cv_method_rule r, cv_lang lang)
{
    rule_text(sb, crit, (unsigned)r, lang);
}

/* ---- the tender's method part ---- */

struct word {
    const char *id;
    const char *ja;
    const char *en;
};

/* What the tender file's words mean, in both languages (the words
 * themselves are tender.c's: cv_tender_method_str & co.); `id` names
 * the item for the human formats' anchors. */
static const struct word method_words[] = {
    [CV_TENDER_TECHNICAL_ONLY] = { "technical_only", "技術点のみで評価",
                                   "technical points alone" },
    [CV_TENDER_ADDITIVE] = { "additive", "加算方式 (技術点 + 価格点)",
                             "additive (technical + price points)" },
    [CV_TENDER_DIVISION] = { "division", "除算方式 (技術点 ÷ 入札価格)",
                             "division (technical points ÷ bid price)" },
};

static const struct word round_words[] = {
    [CV_ROUND_NONE] = { "none", "端数処理なし", "not rounded" },
    [CV_ROUND_TRUNCATE] = { "truncate", "切捨て", "truncated" },
    [CV_ROUND_HALF_UP] = { "half_up", "四捨五入", "rounded half up" },
};

static const struct word tie_words[] = {
    [CV_TIE_TECHNICAL] = { "technical", "技術点の高い者",
                           "the higher technical points" },
    [CV_TIE_MANDATORY] = { "mandatory_points", "必須基準の得点の高い者",
                           "the higher points on mandatory criteria" },
    [CV_TIE_LOWER_PRICE] = { "lower_price", "入札価格の低い者",
                             "the lower bid price" },
    [CV_TIE_LOT] = { "lot", "くじ", "a lot" },
};

static const struct word formula_words[] = {
    [CV_PRICE_FROM_CEILING] = { "from_ceiling", "予定価格との差による",
                                "from the ceiling price" },
    [CV_PRICE_LOWEST_RATIO] = { "lowest_ratio", "最低入札価格との比による",
                                "relative to the lowest bid" },
};

#define WORD_OF(table, v)                                                     \
    ((size_t)(v) < sizeof(table) / sizeof(table[0]) ? &table[v] : &unknown)

static const struct word unknown = { "unknown", "不明", "unknown" };

static const char *word_text(const struct word *w, cv_lang lang)
{
    return CV_L(lang, w->ja, w->en);
}

static const struct word tender_items[CV_METHOD_T_COUNT] = {
    [CV_METHOD_T_METHOD] = { "method", "評価方式", "Method" },
    [CV_METHOD_T_SPLIT] = { "split", "技術点と価格点の配分",
                            "Technical and price points" },
    [CV_METHOD_T_TECHNICAL] = { "technical", "技術点", "Technical points" },
    [CV_METHOD_T_PRICE] = { "price", "価格点", "Price points" },
    [CV_METHOD_T_TOTAL] = { "total", "総合評価点", "Total" },
    [CV_METHOD_T_TAX] = { "tax", "消費税の扱い", "Consumption tax" },
    [CV_METHOD_T_ROUNDING] = { "rounding", "端数処理", "Rounding" },
    [CV_METHOD_T_TIE_BREAK] = { "tie_break", "同点の場合", "Ties" },
    [CV_METHOD_T_MINIMUM] = { "minimum", "最低基準点",
                              "Minimum technical points" },
    [CV_METHOD_T_CEILING] = { "ceiling", "予定価格", "Ceiling price" },
};

const char *cv_method_tender_item_id(enum cv_method_tender_item i)
{
    return (unsigned)i < CV_METHOD_T_COUNT ? tender_items[i].id : "";
}

const char *cv_method_tender_item_title(enum cv_method_tender_item i,
                                        cv_lang lang)
{
    return (unsigned)i < CV_METHOD_T_COUNT
               ? word_text(&tender_items[i], lang) : "";
}

static void rounding_text(struct cv_strbuf *sb, const struct cv_rounding *r,
                          cv_lang lang)
{
    if (r->mode == CV_ROUND_NONE) {
        cv_strbuf_puts(sb, word_text(&round_words[CV_ROUND_NONE], lang));
        return;
    }
    /* "小数第 2 位未満切捨て" / "truncated to 2 decimals" */
    if (lang == CV_LANG_EN && r->digits == 0)
        cv_strbuf_printf(sb, "%s to an integer",
                         word_text(WORD_OF(round_words, r->mode), lang));
    else if (lang == CV_LANG_EN)
        cv_strbuf_printf(sb, "%s to %u decimals",
                         word_text(WORD_OF(round_words, r->mode), lang),
                         r->digits);
    else if (r->digits == 0)
        cv_strbuf_printf(sb, "小数点以下%s",
                         word_text(WORD_OF(round_words, r->mode), lang));
    else
        cv_strbuf_printf(sb, "小数第 %u 位未満%s", r->digits,
                         word_text(WORD_OF(round_words, r->mode), lang));
}

static void tie_chain(struct cv_strbuf *sb, const struct cv_tender_def *t,
                      cv_lang lang)
{
    size_t i, n = 0;
    bool lot = false;
    cv_strbuf_puts(sb, CV_L(lang, "総合評価点が同じときは、",
                            "Equal totals: "));
    for (i = 0; i < t->ntie_break; i++) {
        if (t->tie_break[i] == CV_TIE_LOT) {
            lot = true;
            continue;
        }
        cv_strbuf_printf(sb, "%s%s", n++ ? CV_L(lang, "、次に", ", then ") : "",
                         word_text(WORD_OF(tie_words, t->tie_break[i]), lang));
    }
    if (n > 0)
        cv_strbuf_puts(sb, CV_L(lang, "を上位とし、なお同じなら",
                                " ranks first; still equal, "));
    cv_strbuf_puts(sb, lot ? CV_L(lang, "くじで決めます。",
                                  "a lot decides.")
                           : CV_L(lang, "同順位とします。",
                                  "they share a rank."));
}

/* The price as the formulas use it. */
static const char *price_word(const struct cv_tender_def *t, cv_lang lang)
{
    return t->tax.formula_inclusive
               ? CV_L(lang, "入札価格 (税込)", "bid price (tax included)")
               : CV_L(lang, "入札価格", "bid price");
}

static void price_formula(struct cv_strbuf *sb, const struct cv_tender_def *t,
                          cv_lang lang)
{
    const char *price = price_word(t, lang);
    cv_strbuf_puts(sb, CV_L(lang, "価格点 = ", "price points = "));
    cv_method_number(sb, t->price_points);
    if (t->formula == CV_PRICE_LOWEST_RATIO)
        cv_strbuf_printf(sb, CV_L(lang, " × 最低入札価格 ÷ %s",
                                  " × lowest bid price ÷ %s"),
                         price);
    else
        cv_strbuf_printf(sb, CV_L(lang, " × (1 − %s ÷ 予定価格)",
                                  " × (1 − %s ÷ ceiling price)"),
                         price);
}

static void tender_text(struct cv_strbuf *sb, const void *what, unsigned item,
                        cv_lang lang)
{
    const struct cv_tender_def *t = what;
    switch ((enum cv_method_tender_item)item) {
    case CV_METHOD_T_METHOD:
        cv_strbuf_puts(sb, word_text(WORD_OF(method_words, t->method), lang));
        break;
    case CV_METHOD_T_SPLIT:
        cv_strbuf_puts(sb, CV_L(lang, "技術点 ", "technical "));
        cv_method_number(sb, t->technical_points);
        if (t->method == CV_TENDER_ADDITIVE) {
            cv_strbuf_puts(sb, CV_L(lang, " : 価格点 ", " : price "));
            cv_method_number(sb, t->price_points);
        }
        break;
    case CV_METHOD_T_TECHNICAL:
        cv_strbuf_puts(sb, CV_L(lang, "技術点 = 得点 ÷ 満点 × ",
                                "technical points = score ÷ maximum × "));
        cv_method_number(sb, t->technical_points);
        break;
    case CV_METHOD_T_PRICE:
        if (t->method != CV_TENDER_ADDITIVE)
            cv_strbuf_puts(sb, CV_L(lang, "価格点はありません",
                                    "no price points"));
        else {
            price_formula(sb, t, lang);
            cv_strbuf_printf(sb, " (%s)",
                             word_text(WORD_OF(formula_words, t->formula),
                                       lang));
        }
        break;
    case CV_METHOD_T_TOTAL:
        if (t->method == CV_TENDER_ADDITIVE)
            cv_strbuf_puts(sb, CV_L(lang, "総合評価点 = 技術点 + 価格点",
                                    "total = technical points + price "
                                    "points"));
        else if (t->method == CV_TENDER_DIVISION) {
            cv_strbuf_printf(sb, CV_L(lang, "評価値 = 技術点 ÷ %s × ",
                                      "score = technical points ÷ %s × "),
                             price_word(t, lang));
            cv_method_number(sb, t->division_scale);
        } else
            cv_strbuf_puts(sb, CV_L(lang, "総合評価点 = 技術点",
                                    "total = technical points"));
        break;
    case CV_METHOD_T_TAX:
        cv_strbuf_printf(sb, CV_L(lang, "入札価格と予定価格は消費税及び地方消"
                                        "費税 (%u %%) を含まない額です。",
                                  "Bid and ceiling prices exclude "
                                  "consumption tax (%u %%)."),
                         t->tax.rate_percent);
        cv_strbuf_puts(sb, t->tax.formula_inclusive
            ? CV_L(lang, "価格の計算式には税込額を用います。",
                   " The price formula uses the tax-inclusive amounts.")
            : CV_L(lang, "価格の計算式には税抜額を用います。",
                   " The price formula uses the amounts as bid, tax "
                   "excluded."));
        break;
    case CV_METHOD_T_ROUNDING:
        cv_strbuf_puts(sb, CV_L(lang, "技術点: ", "technical points: "));
        rounding_text(sb, &t->round_technical, lang);
        cv_strbuf_puts(sb, CV_L(lang, "、価格点: ", "; price points: "));
        rounding_text(sb, &t->round_price, lang);
        cv_strbuf_puts(sb, CV_L(lang, "、総合評価点: ", "; total: "));
        rounding_text(sb, &t->round_total, lang);
        break;
    case CV_METHOD_T_TIE_BREAK:
        tie_chain(sb, t, lang);
        break;
    case CV_METHOD_T_MINIMUM:
        if (!t->has_minimum)
            cv_strbuf_puts(sb, CV_L(lang, "定めません", "none"));
        else {
            cv_strbuf_puts(sb, CV_L(lang, "技術点が ", "A bid below "));
            cv_method_number(sb, t->minimum_technical);
            cv_strbuf_puts(sb, CV_L(lang, " 点に満たない入札は順位付けしませ"
                                          "ん。",
                                    " technical points is not ranked."));
        }
        break;
    case CV_METHOD_T_CEILING:
        cv_strbuf_puts(sb, CV_L(lang, "予定価格を超える入札は無効とし、評価し"
                                      "ません (額は開札まで公表しません)。",
                                "A bid above the ceiling price is void and "
                                "not evaluated (the amount is not published "
                                "before the bids are opened)."));
        break;
    case CV_METHOD_T_COUNT:
        break;
    }
}

void cv_method_tender_text(struct cv_strbuf *sb,
                           const struct cv_tender_def *t,
                           enum cv_method_tender_item i, cv_lang lang)
{
    tender_text(sb, t, (unsigned)i, lang);
}

static void rounding_json(struct cv_strbuf *sb, const struct cv_rounding *r)
{
    cv_strbuf_putc(sb, '{');
    key(sb, "mode", true);
    cv_strbuf_json_str(sb, cv_round_mode_str(r->mode));
    key(sb, "digits", false);
    cv_strbuf_printf(sb, "%u", r->digits);
    cv_strbuf_putc(sb, '}');
}

/* The tender's method part: never the 予定価格, the prices or the
 * file's own hash, which move when prices are filled in. */
static void tender_json(struct cv_strbuf *sb, const struct cv_tender_def *t)
{
    size_t i;
    cv_strbuf_putc(sb, '{');
    key(sb, "id", true);
    cv_strbuf_json_str(sb, t->id);
    key(sb, "title", false);
    text2(sb, &t->title);
    key(sb, "profile", false);
    cv_strbuf_json_str(sb, t->profile_id);
    key(sb, "profile_sha256", false);
    cv_strbuf_json_str(sb, t->profile_sha256);
    key(sb, "method", false);
    cv_strbuf_json_str(sb, cv_tender_method_str(t->method));
    key(sb, "technical_points", false);
    cv_method_number(sb, t->technical_points);
    key(sb, "price_points", false);
    if (t->method == CV_TENDER_ADDITIVE)
        cv_method_number(sb, t->price_points);
    else
        cv_strbuf_puts(sb, "null");
    key(sb, "price_formula", false);
    cv_strbuf_json_str(sb, t->method == CV_TENDER_ADDITIVE
                     ? cv_price_formula_str(t->formula) : NULL);
    key(sb, "division_scale", false);
    if (t->method == CV_TENDER_DIVISION)
        cv_method_number(sb, t->division_scale);
    else
        cv_strbuf_puts(sb, "null");
    key(sb, "tax", false);
    cv_strbuf_putc(sb, '{');
    key(sb, "rate_percent", true);
    cv_strbuf_printf(sb, "%u", t->tax.rate_percent);
    key(sb, "formula_inclusive", false);
    json_bool(sb, t->tax.formula_inclusive);
    cv_strbuf_putc(sb, '}');
    key(sb, "rounding", false);
    cv_strbuf_putc(sb, '{');
    key(sb, "technical", true);
    rounding_json(sb, &t->round_technical);
    key(sb, "price", false);
    rounding_json(sb, &t->round_price);
    key(sb, "total", false);
    rounding_json(sb, &t->round_total);
    cv_strbuf_putc(sb, '}');
    key(sb, "tie_break", false);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < t->ntie_break; i++) {
        if (i)
            cv_strbuf_putc(sb, ',');
        cv_strbuf_json_str(sb, cv_tie_rule_str(t->tie_break[i]));
    }
    cv_strbuf_putc(sb, ']');
    key(sb, "minimum_technical", false);
    if (t->has_minimum)
        cv_method_number(sb, t->minimum_technical);
    else
        cv_strbuf_puts(sb, "null");
    key(sb, "statements", false);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < CV_METHOD_T_COUNT; i++) {
        if (i)
            cv_strbuf_putc(sb, ',');
        cv_strbuf_putc(sb, '{');
        key(sb, "id", true);
        cv_strbuf_json_str(sb, tender_items[i].id);
        key(sb, "title", false);
        cv_strbuf_putc(sb, '{');
        key(sb, "ja", true);
        cv_strbuf_json_str(sb, tender_items[i].ja);
        key(sb, "en", false);
        cv_strbuf_json_str(sb, tender_items[i].en);
        cv_strbuf_putc(sb, '}');
        key(sb, "text", false);
        said(sb, tender_text, t, (unsigned)i);
        cv_strbuf_putc(sb, '}');
    }
    cv_strbuf_puts(sb, "]}");
}

/* ---- one criterion ---- */

static void grading_json(struct cv_strbuf *sb, const struct cv_criterion *c,
                         double weight)
{
    size_t i;
    if (!c->has_grading) {
        cv_strbuf_puts(sb, "null");
        return;
    }
    cv_strbuf_putc(sb, '{');
    key(sb, "base", true);
    cv_method_number(sb, c->grading_base);
    key(sb, "base_points", false);
    cv_method_number(sb, round2(c->grading_base * weight));
    key(sb, "bonuses", false);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < c->nbonus; i++) {
        const struct cv_bonus *b = &c->bonus[i];
        if (i)
            cv_strbuf_putc(sb, ',');
        cv_strbuf_putc(sb, '{');
        key(sb, "add", true);
        cv_method_number(sb, b->add);
        key(sb, "points", false);
        cv_method_number(sb, round2(b->add * weight));
        key(sb, "label", false);
        text2(sb, &b->label);
        cv_strbuf_putc(sb, '}');
    }
    cv_strbuf_puts(sb, "]}");
}

static void param_json(struct cv_strbuf *sb, const struct cv_entry_param *ep)
{
    const struct cv_param *p = ep->param;
    cv_strbuf_putc(sb, '{');
    key(sb, "name", true);
    cv_strbuf_json_str(sb, p->name);
    key(sb, "value", false);
    json_node(sb, p->value);
    key(sb, "field", false);
    cv_strbuf_json_str(sb, ep->field);
    key(sb, "test", false);
    cv_strbuf_json_str(sb, ep->field ? test_str(ep->test) : NULL);
    key(sb, "required", false);
    json_bool(sb, ep->required);
    key(sb, "basis", false);
    cv_strbuf_json_str(sb, cv_param_basis_str(p->basis));
    key(sb, "beyond_clause", false);
    json_bool(sb, p->basis != CV_BASIS_CLAUSE);
    key(sb, "source", false);
    cv_strbuf_json_str(sb, p->source);
    key(sb, "note", false);
    cv_strbuf_json_str(sb, p->note);
    cv_strbuf_putc(sb, '}');
}

/* The criterion's object, on one line: the same bytes in the document
 * and in cv_method_criterion_sha256. */
static void criterion_json(struct cv_strbuf *sb,
                           const struct cv_profile_entry *e)
{
    const struct cv_criterion *c = e->crit;
    size_t i;
    cv_strbuf_putc(sb, '{');
    key(sb, "id", true);
    cv_strbuf_json_str(sb, c->id);
    key(sb, "title", false);
    text2(sb, &c->title);
    key(sb, "requirement", false);
    text2(sb, &c->requirement);
    key(sb, "category", false);
    cv_strbuf_json_str(sb, c->category);
    key(sb, "clauses", false);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < c->ncitations; i++) {
        if (i)
            cv_strbuf_putc(sb, ',');
        cv_strbuf_putc(sb, '{');
        key(sb, "document", true);
        cv_strbuf_json_str(sb, c->citations[i].document);
        key(sb, "clause", false);
        cv_strbuf_json_str(sb, c->citations[i].clause);
        cv_strbuf_putc(sb, '}');
    }
    cv_strbuf_putc(sb, ']');
    key(sb, "check", false);
    cv_strbuf_json_str(sb, c->check ? c->check->name : NULL);
    key(sb, "mandatory", false);
    json_bool(sb, e->mandatory);
    key(sb, "points", false);
    cv_method_number(sb, e->weight);
    key(sb, "partial_qualifies", false);
    json_bool(sb, e->partial_qualifies);
    key(sb, "na_allowed", false);
    json_bool(sb, c->na_allowed);
    key(sb, "grading", false);
    grading_json(sb, c, e->weight);
    key(sb, "parameters", false);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < e->nparams; i++) {
        if (i)
            cv_strbuf_putc(sb, ',');
        param_json(sb, &e->params[i]);
    }
    cv_strbuf_puts(sb, "]}");
}

/* ---- the document ---- */

static void profile_json(struct cv_strbuf *sb, const struct cv_criteria *crit)
{
    const struct cv_profile *p = &crit->profile;
    cv_strbuf_putc(sb, '{');
    key(sb, "id", true);
    cv_strbuf_json_str(sb, p->id);
    key(sb, "version", false);
    cv_strbuf_json_str(sb, p->version);
    key(sb, "title", false);
    text2(sb, &p->title);
    key(sb, "criteria_sha256", false);
    cv_strbuf_json_str(sb, crit->sha256);
    cv_strbuf_putc(sb, '}');
}

static void scoring_json(struct cv_strbuf *sb, const struct cv_criteria *crit)
{
    const struct cv_profile *p = &crit->profile;
    unsigned r;
    cv_strbuf_putc(sb, '{');
    key(sb, "partial", true);
    cv_method_number(sb, p->partial_fraction);
    key(sb, "claimed", false);
    cv_method_number(sb, p->claimed_fraction);
    key(sb, "points_digits", false);
    cv_strbuf_putc(sb, '2');
    key(sb, "points_rounding", false);
    cv_strbuf_json_str(sb, "half_up");
    key(sb, "max_points", false);
    cv_method_number(sb, max_points(p));
    key(sb, "tie_break", false);
    cv_strbuf_json_str(sb, p->tie_by_mandatory ? "mandatory_points" : "none");
    key(sb, "rules", false);
    cv_strbuf_putc(sb, '[');
    for (r = 0; r < CV_METHOD_RULE_COUNT; r++) {
        if (r)
            cv_strbuf_putc(sb, ',');
        cv_strbuf_putc(sb, '{');
        key(sb, "id", true);
        cv_strbuf_json_str(sb, rule_ids[r]);
        key(sb, "text", false);
        said(sb, rule_text, crit, r);
        cv_strbuf_putc(sb, '}');
    }
    cv_strbuf_puts(sb, "]}");
}

cv_status cv_method_json(struct cv_strbuf *sb, const struct cv_criteria *crit,
                         const struct cv_tender_def *tender)
{
    const struct cv_profile *p = &crit->profile;
    size_t i;
    cv_strbuf_puts(sb, "{\n");
    key(sb, "format", true);
    cv_strbuf_json_str(sb, CV_METHOD_FORMAT);
    cv_strbuf_puts(sb, ",\n");
    key(sb, "profile", true);
    profile_json(sb, crit);
    cv_strbuf_puts(sb, ",\n");
    key(sb, "scoring", true);
    scoring_json(sb, crit);
    cv_strbuf_puts(sb, ",\n");
    key(sb, "tender", true);
    if (tender)
        tender_json(sb, tender);
    else
        cv_strbuf_puts(sb, "null");
    cv_strbuf_puts(sb, ",\n");
    key(sb, "criteria", true);
    cv_strbuf_putc(sb, '[');
    for (i = 0; i < p->nentries; i++) {
        cv_strbuf_puts(sb, i ? ",\n" : "\n");
        criterion_json(sb, &p->entries[i]);
    }
    cv_strbuf_puts(sb, "]\n}\n");
    return cv_strbuf_status(sb);
}

cv_status cv_method_sha256(char hex[65], const struct cv_criteria *crit,
                           const struct cv_tender_def *tender)
{
    struct cv_strbuf sb;
    cv_status st;
    cv_strbuf_init(&sb, CV_STRBUF_DEFAULT_MAX);
    st = cv_method_json(&sb, crit, tender);
    if (st == CV_OK)
        st = cv_sha256_hex(hex, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return st;
}

cv_status cv_method_criterion_sha256(char hex[65],
                                     const struct cv_criteria *crit,
                                     const struct cv_profile_entry *entry)
{
    struct cv_strbuf sb;
    cv_status st;
    (void)crit;
    cv_strbuf_init(&sb, CV_STRBUF_DEFAULT_MAX);
    criterion_json(&sb, entry);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK)
        st = cv_sha256_hex(hex, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return st;
}
