/* SPDX-License-Identifier: MIT */
/*
 * award.c: the award ranking (総合評価) of a tender file's method
 * (docs/tender.md): which bids are in (qualified, priced, within the
 * 予定価格, at or above the 最低基準点), each one's 技術点, 価格点 and
 * total with the tender's rounding, the ranking with its tie-break chain,
 * and the computation written out with the actual numbers.
 *
 * Yen stay integers; points are doubles rounded on their decimal digits
 * (cv_round_apply), and every comparison is on the rounded figures the
 * committee publishes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "award.h"

const char *cv_award_state_str(enum cv_award_state s)
{
    static const char *const words[] = { "ranked", "not_qualified",
                                         "no_price", "over_ceiling",
                                         "below_minimum" };
    return (size_t)s < sizeof(words) / sizeof(words[0]) ? words[s] : "?";
}

/* ---- matching price lines to inputs ----------------------------------- */

static bool ascii_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#define IDEOGRAPHIC_SPACE "\xE3\x80\x80" /* U+3000 */

/* `s` without blanks either side (ASCII blanks and U+3000), as a span. */
static void trimmed(const char *s, const char **start, size_t *len)
{
    size_t n;
    if (!s)
        s = "";
    for (;;) {
        if (ascii_blank(*s))
            s++;
        else if (strncmp(s, IDEOGRAPHIC_SPACE, 3) == 0)
            s += 3;
        else
            break;
    }
    n = strlen(s);
    for (;;) {
        if (n >= 1 && ascii_blank(s[n - 1]))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, IDEOGRAPHIC_SPACE, 3) == 0)
            n -= 3;
        else
            break;
    }
    *start = s;
    *len = n;
}

static bool same_trimmed(const char *a, const char *b)
{
    const char *sa, *sb;
    size_t la, lb;
    trimmed(a, &sa, &la);
    trimmed(b, &sb, &lb);
    return la > 0 && la == lb && memcmp(sa, sb, la) == 0;
}

static const char *last_component(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "";
}

static bool line_names(const struct cv_tender_bid *b,
                       const struct cv_award_input *in)
{
    if (b->file)
        return in->file && (strcmp(b->file, in->file) == 0 ||
                            strcmp(b->file, last_component(in->file)) == 0);
    if (!same_trimmed(b->vendor, in->vendor))
        return false;
    return !b->service || same_trimmed(b->service, in->service);
}

static cv_status match_warn(struct cv_diags *diags, const char *file,
                            const struct cv_tender_bid *b, const char *msg,
                            const char *arg)
{
    struct cv_loc loc = { file, b->where ? b->where : "", b->line, 0 };
    return cv_diags_add(diags, CV_SEV_WARNING, CV_OK, &loc, "%s: '%s'", msg,
                        arg ? arg : "");
}

/* How many inputs line `b` names, and the first. */
static size_t inputs_named(const struct cv_tender_bid *b,
                           const struct cv_award_input *in, size_t n,
                           size_t *first)
{
    size_t i, hits = 0;
    for (i = 0; i < n; i++)
        if (line_names(b, &in[i]) && hits++ == 0)
            *first = i;
    return hits;
}

cv_status cv_award_match(const struct cv_tender_def *t,
                         const struct cv_award_input *in, size_t n,
                         const struct cv_tender_bid **lines,
                         struct cv_diags *diags)
{
    bool *twice = calloc(n ? n : 1, sizeof(*twice));
    cv_lang lang = diags ? diags->lang : CV_LANG_JA;
    size_t i, k;
    cv_status st = CV_OK;
    if (!twice)
        return CV_ENOMEM;
    for (i = 0; i < n; i++)
        lines[i] = NULL;
    for (k = 0; k < t->nbids && st == CV_OK; k++) {
        const struct cv_tender_bid *b = &t->bids[k];
        const char *name = b->file ? b->file : b->vendor;
        size_t first = 0, hits = inputs_named(b, in, n, &first);
        const char *msg = NULL;
        if (hits == 1 && !lines[first]) {
            lines[first] = b;
            continue;
        }
        if (hits == 1) {
            /* two lines name one bid: neither price can be its own */
            twice[first] = true;
            msg = CV_L(lang, "この価格の行と別の行が同じ入札を指すため、"
                             "どちらの価格も使いません",
                       "this price line and another name the same bid: "
                       "neither price is used");
        } else {
            msg = hits ? CV_L(lang, "この価格の行は複数の入札に当たるため"
                                    "使いません",
                              "this price line names more than one bid: it "
                              "is not used")
                       : CV_L(lang, "この価格の行に当たる入札がありません",
                              "this price line names no bid of the run");
        }
        if (diags)
            st = match_warn(diags, t->file, b, msg, name);
    }
    for (i = 0; i < n; i++)
        if (twice[i])
            lines[i] = NULL;
    free(twice);
    return st;
}

/* ---- the figures ---------------------------------------------------------- */

/* The price the formula uses: as bid (tax-exclusive), or with the tax
 * added and fractions of a yen dropped (落札価格 = 入札額 × 110/100, 1 円
 * 未満切捨て), when the tender says the formula uses tax-inclusive
 * amounts. */
static double formula_yen(const struct cv_tender_def *t, int64_t yen)
{
    if (!t->tax.formula_inclusive)
        return (double)yen;
    return (double)(yen + yen * (int64_t)t->tax.rate_percent / 100);
}

static bool priced(const struct cv_tender_def *t)
{
    return t->method != CV_TENDER_TECHNICAL_ONLY;
}

/* The technical score under the change: the entry's points and maximum
 * scale together with its weight. */
static void changed_score(const struct cv_award_input *in,
                          const struct cv_award_change *c, double *score,
                          double *max, double *mandatory)
{
    *score = in->score;
    *max = in->max_score;
    *mandatory = in->mandatory_points;
    if (c && c->entry < in->npoints && in->points && in->max_points) {
        double d = c->weight_factor - 1;
        double pts = isnan(in->points[c->entry]) ? 0 : in->points[c->entry];
        *score += d * pts;
        *max += d * in->max_points[c->entry];
        if (c->entry_mandatory)
            *mandatory += d * pts;
    }
}

static double technical_raw(const struct cv_tender_def *t, double score,
                            double max)
{
    if (t->technical_points <= 0)
        return score; /* the technical ranking: the score itself */
    return max > 0 ? t->technical_points * score / max : 0;
}

static enum cv_award_state gate(const struct cv_tender_def *t,
                                const struct cv_award_input *in,
                                const struct cv_tender_bid *line)
{
    if (in->verdict != CV_VERDICT_QUALIFIED)
        return CV_AWARD_NOT_QUALIFIED;
    if (priced(t) && !line)
        return CV_AWARD_NO_PRICE;
    if (line && t->ceiling > 0 && line->price > t->ceiling)
        return CV_AWARD_OVER_CEILING;
    return CV_AWARD_RANKED;
}

static void price_and_total(const struct cv_tender_def *t, double price_factor,
                            int64_t lowest, struct cv_award_bid *b)
{
    double bid = formula_yen(t, b->price);
    b->price_raw = b->price_points = b->total_raw = b->total = 0;
    if (b->state != CV_AWARD_RANKED)
        return; /* a figure of a bid out of the award would mislead */
    switch (t->method) {
    case CV_TENDER_ADDITIVE: {
        double alloc = t->price_points * price_factor;
        if (t->formula == CV_PRICE_FROM_CEILING) {
            double ceil = formula_yen(t, t->ceiling);
            b->price_raw = ceil > 0 ? alloc * (ceil - bid) / ceil : 0;
        } else {
            b->price_raw = bid > 0 ? alloc * formula_yen(t, lowest) / bid : 0;
        }
        b->price_points = cv_round_apply(&t->round_price, b->price_raw);
        b->total_raw = b->technical + b->price_points;
        break;
    }
    case CV_TENDER_DIVISION:
        b->total_raw = bid > 0 ? b->technical / bid * t->division_scale : 0;
        break;
    case CV_TENDER_TECHNICAL_ONLY:
    default:
        b->total_raw = b->technical;
        break;
    }
    b->total = cv_round_apply(&t->round_total, b->total_raw);
}

/* ---- the ranking ---------------------------------------------------------- */

struct key {
    const struct cv_tender_def *t;
    double total, technical, mandatory;
    int64_t price;
    size_t index;
};

/* -1 when x ranks above y, 1 below, 0 when the chain leaves them equal
 * (a lot decides, or they share the rank). */
static int key_cmp(const struct key *x, const struct key *y)
{
    size_t i;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    for (i = 0; i < x->t->ntie_break; i++) {
        switch (x->t->tie_break[i]) {
        case CV_TIE_TECHNICAL:
            if (x->technical != y->technical)
                return x->technical > y->technical ? -1 : 1;
            break;
        case CV_TIE_MANDATORY:
            if (x->mandatory != y->mandatory)
                return x->mandatory > y->mandatory ? -1 : 1;
            break;
        case CV_TIE_LOWER_PRICE:
            if (x->price != y->price)
                return x->price < y->price ? -1 : 1;
            break;
        case CV_TIE_LOT:
        default:
            return 0;
        }
    }
    return 0;
}

/* Best first; input order among equals (qsort is not stable). */
static int by_key(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    int c = key_cmp(x, y);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static bool chain_has_lot(const struct cv_tender_def *t)
{
    return t->ntie_break && t->tie_break[t->ntie_break - 1] == CV_TIE_LOT;
}

/* Competition ranks ("1, 1, 3") from keys sorted best first. */
static void assign_ranks(const struct cv_tender_def *t, const struct key *k,
                         size_t nk, struct cv_award_bid *bids, size_t *order)
{
    size_t i;
    unsigned rank = 0;
    for (i = 0; i < nk; i++) {
        bool tie_prev = i > 0 && key_cmp(&k[i], &k[i - 1]) == 0;
        bool tie_next = i + 1 < nk && key_cmp(&k[i], &k[i + 1]) == 0;
        if (!tie_prev)
            rank = (unsigned)(i + 1);
        bids[k[i].index].rank = rank;
        bids[k[i].index].lot = (tie_prev || tie_next) && chain_has_lot(t);
        order[i] = k[i].index;
    }
}

cv_status cv_award_run(const struct cv_tender_def *t,
                       const struct cv_award_input *in, size_t n,
                       const struct cv_tender_bid *const *lines,
                       const struct cv_award_change *change,
                       struct cv_award_bid *bids, size_t *order,
                       size_t *nranked, int64_t *lowest_price)
{
    struct key *keys = calloc(n ? n : 1, sizeof(*keys));
    double price_factor = change ? change->price_factor : 1;
    int64_t lowest = 0;
    size_t i, nk = 0;

    *nranked = 0;
    if (!keys)
        return CV_ENOMEM;
    for (i = 0; i < n; i++) {
        struct cv_award_bid *b = &bids[i];
        double score, max, mandatory;
        memset(b, 0, sizeof(*b));
        b->bid = lines ? lines[i] : NULL;
        b->price = b->bid ? b->bid->price : 0;
        b->state = gate(t, &in[i], b->bid);
        changed_score(&in[i], change, &score, &max, &mandatory);
        b->technical_raw = technical_raw(t, score, max);
        b->technical = t->technical_points > 0
                           ? cv_round_apply(&t->round_technical,
                                            b->technical_raw)
                           : b->technical_raw;
        if (b->state == CV_AWARD_RANKED && t->has_minimum &&
            b->technical < t->minimum_technical)
            b->state = CV_AWARD_BELOW_MINIMUM;
        if (b->state == CV_AWARD_RANKED && b->price > 0 &&
            (lowest == 0 || b->price < lowest))
            lowest = b->price;
        if (b->state != CV_AWARD_RANKED)
            continue;
        keys[nk].t = t;
        keys[nk].technical = b->technical;
        keys[nk].mandatory = isnan(mandatory) ? -HUGE_VAL : mandatory;
        keys[nk].price = b->price;
        keys[nk].index = i;
        nk++;
    }
    for (i = 0; i < n; i++)
        price_and_total(t, price_factor, lowest, &bids[i]);
    for (i = 0; i < nk; i++) {
        double total = bids[keys[i].index].total;
        keys[i].total = isnan(total) ? -HUGE_VAL : total;
    }
    qsort(keys, nk, sizeof(*keys), by_key);
    assign_ranks(t, keys, nk, bids, order);
    free(keys);
    *nranked = nk;
    if (lowest_price)
        *lowest_price = lowest;
    return CV_OK;
}

/* ---- the computation in words ------------------------------------------ */

/* Points as the committee writes them: up to 6 decimals, no trailing
 * zeros. */
static void put_pts(struct cv_strbuf *sb, double v)
{
    char buf[64];
    size_t len;
    if (!isfinite(v)) {
        cv_strbuf_puts(sb, "?");
        return;
    }
    snprintf(buf, sizeof(buf), "%.6f", v);
    len = strlen(buf);
    while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    cv_strbuf_puts(sb, buf);
}

/* Yen with thousands separators (9,800,000). */
static void put_yen(struct cv_strbuf *sb, double yen)
{
    char digits[32], out[48];
    size_t n, i, o = 0;
    snprintf(digits, sizeof(digits), "%.0f", yen);
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    cv_strbuf_puts(sb, out);
}

/* "→ 691 (小数点以下切捨て)" when the rule changes the figure. */
static void put_rounded(struct cv_strbuf *sb, const struct cv_rounding *r,
                        double raw, double rounded, cv_lang lang)
{
    if (r->mode == CV_ROUND_NONE || raw == rounded)
        return;
    cv_strbuf_puts(sb, " → ");
    put_pts(sb, rounded);
    if (r->mode == CV_ROUND_TRUNCATE && r->digits == 0)
        cv_strbuf_puts(sb, CV_L(lang, " (小数点以下切捨て)",
                                " (fractions truncated)"));
    else if (r->mode == CV_ROUND_TRUNCATE)
        cv_strbuf_printf(sb, CV_L(lang, " (小数第 %u 位未満切捨て)",
                                  " (truncated to %u decimals)"),
                         r->digits);
    else if (r->digits == 0)
        cv_strbuf_puts(sb, CV_L(lang, " (小数点以下四捨五入)",
                                " (rounded half up to an integer)"));
    else
        cv_strbuf_printf(sb, CV_L(lang, " (小数第 %u 位を四捨五入)",
                                  " (rounded half up to %u decimals)"),
                         r->digits + 1);
}

static void put_technical(struct cv_strbuf *sb, const struct cv_tender_def *t,
                          const struct cv_award_input *in,
                          const struct cv_award_bid *b, cv_lang lang)
{
    cv_strbuf_puts(sb, CV_L(lang, "技術点 = ", "technical points = "));
    if (!(in->max_score > 0)) {
        cv_strbuf_puts(sb, CV_L(lang, "0 (採点できた基準がありません)",
                                "0 (no criterion could be scored)"));
        return;
    }
    put_pts(sb, t->technical_points);
    cv_strbuf_puts(sb, " × ");
    put_pts(sb, in->score);
    cv_strbuf_puts(sb, " / ");
    put_pts(sb, in->max_score);
    cv_strbuf_puts(sb, " = ");
    put_pts(sb, b->technical_raw);
    put_rounded(sb, &t->round_technical, b->technical_raw, b->technical, lang);
}

static void put_bid_yen(struct cv_strbuf *sb, const struct cv_tender_def *t,
                        int64_t yen)
{
    put_yen(sb, formula_yen(t, yen));
}

static void put_price(struct cv_strbuf *sb, const struct cv_tender_def *t,
                      int64_t lowest, const struct cv_award_bid *b,
                      cv_lang lang)
{
    cv_strbuf_puts(sb, CV_L(lang, "; 価格点 = ", "; price points = "));
    put_pts(sb, t->price_points);
    if (t->formula == CV_PRICE_FROM_CEILING) {
        cv_strbuf_puts(sb, " × (1 − ");
        put_bid_yen(sb, t, b->price);
        cv_strbuf_puts(sb, " / ");
        put_bid_yen(sb, t, t->ceiling);
        cv_strbuf_puts(sb, ")");
    } else {
        cv_strbuf_puts(sb, " × ");
        put_bid_yen(sb, t, lowest);
        cv_strbuf_puts(sb, " / ");
        put_bid_yen(sb, t, b->price);
    }
    cv_strbuf_puts(sb, " = ");
    put_pts(sb, b->price_raw);
    put_rounded(sb, &t->round_price, b->price_raw, b->price_points, lang);
    cv_strbuf_puts(sb, CV_L(lang, "; 総合評価点 = ", "; total = "));
    put_pts(sb, b->technical);
    cv_strbuf_puts(sb, " + ");
    put_pts(sb, b->price_points);
    cv_strbuf_puts(sb, " = ");
    put_pts(sb, b->total_raw);
    put_rounded(sb, &t->round_total, b->total_raw, b->total, lang);
}

static void put_division(struct cv_strbuf *sb, const struct cv_tender_def *t,
                         const struct cv_award_bid *b, cv_lang lang)
{
    cv_strbuf_puts(sb, CV_L(lang, "; 評価値 = ", "; evaluation value = "));
    put_pts(sb, b->technical);
    cv_strbuf_puts(sb, " ÷ ");
    put_bid_yen(sb, t, b->price);
    cv_strbuf_puts(sb, " × ");
    put_yen(sb, t->division_scale);
    cv_strbuf_puts(sb, " = ");
    put_pts(sb, b->total_raw);
    put_rounded(sb, &t->round_total, b->total_raw, b->total, lang);
}

static const char *arithmetic(const struct cv_tender_def *t,
                              const struct cv_award_input *in,
                              const struct cv_award_bid *b, int64_t lowest,
                              cv_lang lang, struct cv_arena *a)
{
    struct cv_strbuf sb;
    const char *out = NULL;
    cv_strbuf_init(&sb, 4096);
    put_technical(&sb, t, in, b, lang);
    if (b->state == CV_AWARD_RANKED && t->method == CV_TENDER_ADDITIVE)
        put_price(&sb, t, lowest, b, lang);
    else if (b->state == CV_AWARD_RANKED && t->method == CV_TENDER_DIVISION)
        put_division(&sb, t, b, lang);
    if (t->tax.formula_inclusive && priced(t) && b->state == CV_AWARD_RANKED)
        cv_strbuf_printf(&sb, CV_L(lang, " (価格は税込: 税抜 × %u/100、1 円未満切捨て)",
                                   " (prices tax-inclusive: tax-exclusive × "
                                   "%u/100, fractions of a yen dropped)"),
                         100 + t->tax.rate_percent);
    if (cv_strbuf_status(&sb) == CV_OK)
        out = cv_arena_strndup(a, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return out;
}

static const char *reason(const struct cv_tender_def *t,
                          const struct cv_award_bid *b, cv_lang lang,
                          struct cv_arena *a)
{
    struct cv_strbuf sb;
    const char *out = NULL;
    cv_strbuf_init(&sb, 1024);
    switch (b->state) {
    case CV_AWARD_NOT_QUALIFIED:
        cv_strbuf_puts(&sb, CV_L(lang, "適格でないため総合評価の対象外です",
                                 "not qualified on the criteria: not part of "
                                 "the award"));
        break;
    case CV_AWARD_NO_PRICE:
        cv_strbuf_puts(&sb, CV_L(lang, "入札案件ファイルにこの入札の価格が"
                                       "ないため順位を付けません",
                                 "the tender file gives no price for this "
                                 "bid: not ranked"));
        break;
    case CV_AWARD_OVER_CEILING:
        cv_strbuf_puts(&sb, CV_L(lang, "入札価格 ", "the bid price of "));
        put_yen(&sb, (double)b->price);
        cv_strbuf_puts(&sb, CV_L(lang, " 円が予定価格 ", " yen is above the "
                                                         "ceiling price "
                                                         "(予定価格) of "));
        put_yen(&sb, (double)t->ceiling);
        cv_strbuf_puts(&sb, CV_L(lang, " 円 (税抜) を超えるため無効です",
                                 " yen (tax-exclusive): the bid is void"));
        break;
    case CV_AWARD_BELOW_MINIMUM:
        cv_strbuf_puts(&sb, CV_L(lang, "技術点 ", "technical points "));
        put_pts(&sb, b->technical);
        cv_strbuf_puts(&sb, CV_L(lang, " が最低基準点 ",
                                 " are below the minimum of "));
        put_pts(&sb, t->minimum_technical);
        cv_strbuf_puts(&sb, CV_L(lang, " に満たないため失格です",
                                 ": the bid fails"));
        break;
    case CV_AWARD_RANKED:
    default:
        if (!b->lot)
            break;
        cv_strbuf_puts(&sb, CV_L(lang, "総合評価点も同点処理の順も同じ入札が"
                                       "あり、くじで順位を決めます",
                                 "equal to another bid on the total and on "
                                 "every tie-break: a lot (くじ) decides the "
                                 "order"));
        break;
    }
    if (sb.len && cv_strbuf_status(&sb) == CV_OK)
        out = cv_arena_strndup(a, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return out;
}

cv_status cv_award_compute(struct cv_award *out,
                           const struct cv_tender_def *tender,
                           const struct cv_award_input *in, size_t n,
                           cv_lang lang, struct cv_arena *a,
                           struct cv_diags *diags)
{
    const struct cv_tender_bid **lines = NULL;
    size_t *order = NULL;
    size_t i, nranked = 0;
    cv_status st = CV_ENOMEM;

    memset(out, 0, sizeof(*out));
    out->tender = tender;
    out->count = n;
    out->bids = cv_arena_calloc(a, n ? n : 1, sizeof(*out->bids));
    lines = calloc(n ? n : 1, sizeof(*lines));
    order = calloc(n ? n : 1, sizeof(*order));
    if (!out->bids || !lines || !order)
        goto out;
    st = cv_award_match(tender, in, n, lines, diags);
    if (st != CV_OK)
        goto out;
    st = cv_award_run(tender, in, n, lines, NULL, out->bids, order, &nranked,
                      &out->lowest_price);
    if (st != CV_OK)
        goto out;
    for (i = 0; i < n; i++) {
        struct cv_award_bid *b = &out->bids[i];
        b->arithmetic = arithmetic(tender, &in[i], b, out->lowest_price,
                                   lang, a);
        b->reason = reason(tender, b, lang, a);
        if (!b->arithmetic) {
            st = CV_ENOMEM;
            goto out;
        }
    }
    st = CV_OK;
out:
    free(lines);
    free(order);
    return st;
}
