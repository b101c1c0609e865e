/* SPDX-License-Identifier: MIT */
/* view.c: the shared model of the human report formats (see view.h). */
#include "view.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/unicode.h"

/* A chunk for cv_sink: big enough to keep write calls few, small enough
 * that a report of any size streams. */
#define CV_SINK_CHUNK ((size_t)64 << 10)

static cv_status group_rows(struct cv_view *v, struct cv_view_group *g)
{
    const struct cv_profile *p = &v->crit->profile;
    size_t i, n = 0;
    g->rows = cv_arena_calloc(&v->arena, p->nentries + 1, sizeof(*g->rows));
    g->points = cv_arena_calloc(&v->arena, v->nbids + 1, sizeof(double));
    g->max_points = cv_arena_calloc(&v->arena, v->nbids + 1, sizeof(double));
    if (!g->rows || !g->points || !g->max_points)
        return CV_ENOMEM;
    for (i = 0; i < p->nentries; i++)
        if (strcmp(p->entries[i].crit->category, g->cat->id) == 0)
            g->rows[n++] = i;
    g->nrows = n;
    return CV_OK;
}

static void group_sums(struct cv_view *v, struct cv_view_group *g)
{
    size_t b, k;
    for (b = 0; b < v->nbids; b++) {
        for (k = 0; k < g->nrows; k++) {
            const struct cv_result *r = cv_view_result(v, b, g->rows[k]);
            if (!r)
                continue;
            g->points[b] += r->points;
            g->max_points[b] += r->max_points;
        }
    }
}

/* The ranking group of a bid: 0 qualified, 1 on condition, 2
 * disqualified, 3 invalid. With an award: 0 ranked on the total, 1
 * qualified but left unranked by the tender (void, no price, below the
 * minimum), 2 disqualified, 3 invalid. */
static int rank_group(const struct cv_view *v, size_t bid)
{
    const cv_submission *s = v->report->subs[bid];
    const struct cv_award_bid *ab = cv_view_award_bid(v, bid);
    if (ab && s->verdict == CV_VERDICT_QUALIFIED)
        return ab->state == CV_AWARD_RANKED && ab->rank ? 0 : 1;
    switch (s->verdict) {
    case CV_VERDICT_QUALIFIED:
        return s->conditional ? 1 : 0;
    case CV_VERDICT_DISQUALIFIED:
        return 2;
    default:
        return 3;
    }
}

/* What a bid is ranked by, copied so qsort needs no context. */
struct order_key {
    int group;
    unsigned rank;
    double score;
    size_t bid;
};

static int cmp_order(const void *a, const void *b)
{
    const struct order_key *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->group <= 1 && x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->group >= 1 && x->group <= 2 && x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->bid < y->bid ? -1 : x->bid > y->bid ? 1 : 0;
}

static cv_status build_order(struct cv_view *v)
{
    struct order_key *keys;
    size_t i, n = v->nbids ? v->nbids : 1;
    v->ranked = cv_arena_calloc(&v->arena, n, sizeof(*v->ranked));
    keys = cv_arena_calloc(&v->arena, n, sizeof(*keys));
    if (!v->ranked || !keys)
        return CV_ENOMEM;
    for (i = 0; i < v->nbids; i++) {
        keys[i].group = rank_group(v, i);
        keys[i].rank = cv_report_rank_at(v->report, i);
        if (cv_view_award_bid(v, i))
            /* the award's rank; unranked bids go by score */
            keys[i].rank = cv_view_award_bid(v, i)->rank;
        keys[i].score = v->report->subs[i]->score;
        keys[i].bid = i;
    }
    qsort(keys, v->nbids, sizeof(*keys), cmp_order);
    for (i = 0; i < v->nbids; i++)
        v->ranked[i] = keys[i].bid;
    return CV_OK;
}

static void find_tender(struct cv_view *v)
{
    const struct cv_tender_def *t = cv_view_tender(v);
    size_t i;
    if (t && t->id) {
        /* The tender file names the tender; evaluate refused bids naming
         * another, so the bids' own words only supply a missing title. */
        v->tender_id = t->id;
        v->tender_title = CV_TEXT(v->lang, t->title);
        if (!v->tender_title)
            v->tender_title = t->title.ja;
    }
    for (i = 0; i < v->nbids; i++) {
        const cv_submission *s = v->report->subs[i];
        if (!s->tender_id)
            continue;
        if (!v->tender_id) {
            v->tender_id = s->tender_id;
            v->tender_title = s->tender_title;
        } else if (!v->tender_title && strcmp(v->tender_id, s->tender_id) == 0) {
            v->tender_title = s->tender_title;
        } else if (strcmp(v->tender_id, s->tender_id) != 0) {
            v->mixed_tenders = true;
        }
    }
}

size_t cv_view_ranked(const struct cv_view *v, size_t k)
{
    return v->ranked ? v->ranked[k] : k;
}

const char *cv_view_tender_id(const struct cv_view *v)
{
    return v->tender_id;
}

const char *cv_view_tender_title(const struct cv_view *v)
{
    return v->tender_title;
}

bool cv_view_mixed_tenders(const struct cv_view *v)
{
    return v->mixed_tenders;
}

const char *cv_view_tie_rule(const struct cv_view *v)
{
    if (!v->crit->profile.tie_by_mandatory)
        return CV_L(v->lang, "同点は同順位とします (プロファイルの規則)",
                    "equal scores share a rank (the profile's rule)");
    return CV_L(v->lang,
                "同点の場合は必須基準の得点が高い方を上位とし、それも同じなら"
                "同順位とします (プロファイルの規則)",
                "equal scores: the higher points on mandatory criteria rank "
                "first; equal on both share a rank (the profile's rule)");
}

cv_status cv_view_build(struct cv_view *v, const cv_report *report)
{
    const struct cv_tables *t = &report->crit->tables;
    size_t i;
    cv_status st = CV_OK;

    memset(v, 0, sizeof(*v));
    cv_arena_init(&v->arena);
    v->report = report;
    v->crit = report->crit;
    v->lang = report->ctx->opts.lang;
    v->nbids = report->count;
    cv_date_format(report->ctx->as_of, v->as_of);
    cv_ctx_registry_note(report->ctx, &v->registry);
    v->online = report->ctx->online;
    v->groups = cv_arena_calloc(&v->arena, t->ncategories + 1,
                                sizeof(*v->groups));
    if (!v->groups)
        return CV_ENOMEM;
    for (i = 0; i < t->ncategories && st == CV_OK; i++) {
        struct cv_view_group *g = &v->groups[v->ngroups];
        g->cat = &t->categories[i];
        st = group_rows(v, g);
        if (st == CV_OK && g->nrows > 0) {
            group_sums(v, g);
            v->ngroups++;
        }
    }
    if (st == CV_OK)
        st = build_order(v);
    find_tender(v);
    return st;
}

void cv_view_release(struct cv_view *v)
{
    cv_arena_release(&v->arena);
}

const cv_submission *cv_view_bid(const struct cv_view *v, size_t bid)
{
    return v->report->subs[bid];
}

unsigned cv_view_rank(const struct cv_view *v, size_t bid)
{
    return v->report->ranks[bid];
}

const struct cv_result *cv_view_result(const struct cv_view *v, size_t bid,
                                       size_t row)
{
    const cv_submission *s = v->report->subs[bid];
    return row < s->nresults ? &s->results[row] : NULL;
}

bool cv_view_disqualifies(const struct cv_result *r)
{
    return cv_result_disqualifies(r);
}

bool cv_view_conditional(const struct cv_view *v, size_t bid)
{
    return v->report->subs[bid]->conditional;
}

const struct cv_result *cv_view_pending(const struct cv_view *v, size_t bid,
                                        size_t i)
{
    const cv_submission *s = v->report->subs[bid];
    return i < s->npending ? &s->results[s->pending[i]] : NULL;
}


const char *cv_view_conditional_note(cv_lang lang)
{
    return CV_L(lang,
                CV_VIEW_CONDITIONAL_MARK " 条件付き適格: 必須基準のうち申告"
                "のみ (事実で確かめられていない) のものがあります。人が確認"
                "し、満たすと認めるまでは適格と確定しません。",
                CV_VIEW_CONDITIONAL_MARK " conditionally qualified: some "
                "mandatory criteria are only claimed (no fact confirms "
                "them). The bid qualifies only once a person has confirmed "
                "them.");
}

const char *cv_view_basis_word(enum cv_param_basis b, cv_lang lang)
{
    switch (b) {
    case CV_BASIS_CLAUSE: return CV_L(lang, "条項", "clause");
    case CV_BASIS_GUIDELINE:
        return CV_L(lang, "指針 (条項を超える値)",
                    "guideline (beyond the clause)");
    case CV_BASIS_PROFILE:
        return CV_L(lang, "本プロファイルの選択", "this profile's choice");
    }
    return "";
}

/* A number as written in the profile: no rounding (a threshold of 99.995
 * is not 100), no trailing zeros. */
static void put_number(struct cv_strbuf *out, double d)
{
    cv_strbuf_printf(out, "%.10g", d);
}

void cv_view_param_value(struct cv_strbuf *out, const struct cv_param *p)
{
    const struct cv_node *v = p->value, *e;
    switch (v->kind) {
    case CV_NODE_NUMBER: put_number(out, v->number); break;
    case CV_NODE_BOOL: cv_strbuf_puts(out, v->boolean ? "true" : "false");
        break;
    case CV_NODE_STRING: cv_view_text(out, v->text, false); break;
    case CV_NODE_ARRAY:
        for (e = v->first; e; e = e->next) {
            if (e != v->first)
                cv_strbuf_puts(out, ", ");
            if (e->kind == CV_NODE_NUMBER)
                put_number(out, e->number);
            else if (e->kind == CV_NODE_STRING)
                cv_view_text(out, e->text, false);
        }
        break;
    default: break;
    }
}

static const char *test_symbol(enum cv_cond_test t)
{
    switch (t) {
    case CV_TEST_GE: return "≥";
    case CV_TEST_LE: return "≤";
    case CV_TEST_GT: return ">";
    case CV_TEST_LT: return "<";
    case CV_TEST_EQ: return "=";
    case CV_TEST_TRUE:
    case CV_TEST_FALSE:
    case CV_TEST_PRESENT:
    case CV_TEST_NONEMPTY: break;
    }
    return ":";
}

void cv_view_entry_param(struct cv_strbuf *out,
                         const struct cv_entry_param *ep)
{
    if (ep->field)
        cv_strbuf_printf(out, "%s %s ", ep->field, test_symbol(ep->test));
    else
        cv_strbuf_printf(out, "%s = ", ep->param->name);
    cv_view_param_value(out, ep->param);
}

void cv_view_param_users(struct cv_strbuf *out, const struct cv_view *v,
                         const struct cv_param *p, const char *sep)
{
    const struct cv_profile *prof = &v->crit->profile;
    size_t i, k, n = 0;
    for (i = 0; i < prof->nentries; i++) {
        const struct cv_profile_entry *e = &prof->entries[i];
        bool used = false, required = false;
        for (k = 0; k < e->nparams; k++) {
            if (e->params[k].param != p)
                continue;
            used = true;
            required = required || e->params[k].required;
        }
        if (!used)
            continue;
        cv_strbuf_printf(out, "%s%s", n++ ? sep : "", e->crit->id);
        if (!required)
            cv_strbuf_puts(out, CV_L(v->lang, " (加点)", " (bonus)"));
        else if (e->mandatory && !e->partial_qualifies)
            cv_strbuf_puts(out, CV_L(v->lang, " (必須: 満たさなければ失格)",
                                     " (mandatory: failing it disqualifies)"));
    }
    if (n == 0)
        cv_strbuf_puts(out, "–");
}

void cv_view_entry_params(struct cv_strbuf *out,
                          const struct cv_profile_entry *e, cv_lang lang)
{
    size_t i;
    if (e->nparams == 0)
        return;
    cv_strbuf_puts(out, CV_L(lang, "判定に用いる値: ", "values applied: "));
    for (i = 0; i < e->nparams; i++) {
        const struct cv_entry_param *ep = &e->params[i];
        if (i)
            cv_strbuf_puts(out, "; ");
        cv_view_entry_param(out, ep);
        if (!ep->required)
            cv_strbuf_puts(out, CV_L(lang, " (加点)", " (bonus)"));
        cv_strbuf_printf(out, " [%s: ",
                         cv_view_basis_word(ep->param->basis, lang));
        cv_view_text(out, ep->param->source, false);
        cv_strbuf_putc(out, ']');
    }
}

size_t cv_view_failed_count(const struct cv_view *v, size_t bid)
{
    const cv_submission *s = v->report->subs[bid];
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++)
        n += cv_view_disqualifies(&s->results[i]);
    return n;
}

void cv_view_bid_name(struct cv_strbuf *out, const struct cv_view *v,
                      size_t bid)
{
    const cv_submission *s = v->report->subs[bid];
    if (!s->vendor && !s->service) {
        const char *base = strrchr(s->file, '/');
        cv_view_text(out, base ? base + 1 : s->file, false);
        return;
    }
    cv_view_text(out, s->vendor ? s->vendor : "?", false);
    if (s->service) {
        cv_strbuf_puts(out, " / ");
        cv_view_text(out, s->service, false);
    }
}

/* ---- the vocabulary: one table of words and symbols ---- */

struct vocab {
    const char *symbol;
    const char *ja;
    const char *en;
};

/* Indexed by cv_result_status. A symbol as well as a word, so a print in
 * black and white reads; each symbol means one status everywhere. */
static const struct vocab status_vocab[] = {
    [CV_STATUS_MET] = { "○", "適合", "met" },
    [CV_STATUS_CLAIMED] = { "?", "申告のみ (要確認)", "claimed (check)" },
    [CV_STATUS_PARTIAL] = { "△", "一部適合", "partial" },
    [CV_STATUS_NOT_MET] = { "×", "不適合", "not met" },
    [CV_STATUS_CONTRADICTED] = { "!", "矛盾 (要確認)",
                                 "contradicted (check)" },
    [CV_STATUS_UNANSWERED] = { "–", "未回答", "unanswered" },
    [CV_STATUS_NOT_APPLICABLE] = { "/", "対象外", "not applicable" },
};

/* Indexed by cv_verdict; a qualification on condition is verdict_conditional. */
static const struct vocab verdict_vocab[] = {
    [CV_VERDICT_QUALIFIED] = { "○", "適格", "qualified" },
    [CV_VERDICT_DISQUALIFIED] = { "×", "失格", "disqualified" },
    [CV_VERDICT_INVALID] = { "!", "無効 (読み取れません)",
                             "invalid (unreadable)" },
};
static const struct vocab verdict_conditional = {
    "○" CV_VIEW_CONDITIONAL_MARK, "条件付き適格", "conditionally qualified"
};

/* Indexed by cv_heading (cloudvet.h): the one place a heading is worded,
 * so "要確認の件数" cannot drift into "要確認件数" in another format. */
static const struct vocab headings[] = {
    [CV_HEAD_REPORT_TITLE] = { NULL, "クラウドサービス評価報告書",
                               "Cloud service evaluation report" },
    [CV_HEAD_TENDER] = { NULL, "入札案件", "Tender" },
    [CV_HEAD_TENDER_ID] = { NULL, "案件番号", "Tender id" },
    [CV_HEAD_TENDER_TITLE] = { NULL, "件名", "Tender title" },
    [CV_HEAD_PROFILE] = { NULL, "評価基準", "Profile" },
    [CV_HEAD_CRITERIA_SHA256] = { NULL, "基準の SHA-256",
                                  "Criteria SHA-256" },
    [CV_HEAD_AS_OF] = { NULL, "評価日", "As of" },
    [CV_HEAD_BIDS] = { NULL, "入札", "Bids" },
    [CV_HEAD_RANKING] = { NULL, "判定と順位", "Verdicts and ranking" },
    [CV_HEAD_BIDDER] = { NULL, "入札者", "Bidder" },
    [CV_HEAD_VERDICT] = { NULL, "判定", "Verdict" },
    [CV_HEAD_SCORE] = { NULL, "得点", "Score" },
    [CV_HEAD_RANK] = { NULL, "順位", "Rank" },
    [CV_HEAD_NEEDS_REVIEW] = { NULL, "要確認の件数", "Needs review" },
    [CV_HEAD_FAILED_MANDATORY] = { NULL, "満たさない必須基準",
                                   "Failed mandatory criteria" },
    [CV_HEAD_PENDING_MANDATORY] = { NULL, "確認待ちの必須基準 (申告のみ)",
                                    "Mandatory criteria to confirm "
                                    "(claimed only)" },
    [CV_HEAD_FILE] = { NULL, "ファイル", "File" },
    [CV_HEAD_COMPARISON] = { NULL, "比較表", "Comparison" },
    [CV_HEAD_CRITERION] = { NULL, "基準", "Criterion" },
    [CV_HEAD_STATUS] = { NULL, "結果", "Status" },
    [CV_HEAD_POINTS] = { NULL, "得点", "Points" },
    [CV_HEAD_REASON] = { NULL, "理由", "Reason" },
    [CV_HEAD_DETAIL] = { NULL, "該当箇所", "Where in the file" },
    [CV_HEAD_CLAUSES] = { NULL, "根拠条項", "Clauses" },
    [CV_HEAD_REASONS] = { NULL, "入札ごとの評価の理由",
                          "Reasons, bid by bid" },
    [CV_HEAD_PARAMETERS] = { NULL, "評価基準のパラメータ",
                             "Profile parameters" },
    [CV_HEAD_PARAMETER] = { NULL, "パラメータ", "Parameter" },
    [CV_HEAD_VALUE] = { NULL, "値", "Value" },
    [CV_HEAD_BASIS] = { NULL, "根拠", "Basis" },
    [CV_HEAD_APPLIED_BY] = { NULL, "用いる基準", "Applied by" },
    [CV_HEAD_SOURCE] = { NULL, "出典", "Source" },
    [CV_HEAD_NOTE] = { NULL, "注", "Note" },
    [CV_HEAD_SYMBOLS] = { NULL, "記号", "Symbols" },
    [CV_HEAD_MANDATORY] = { NULL, "必須", "mandatory" },
    [CV_HEAD_BONUS] = { NULL, "加点", "scored" },
    [CV_HEAD_TO_CONFIRM] = { NULL, "確認待ち", "to confirm" },
    [CV_HEAD_REGISTRY_CHECK] = { NULL, "ISMAP 登録簿との照合",
                                 "ISMAP registry check" },
    [CV_HEAD_LINK_CHECKS] = { NULL, "リンクの確認", "Link checks" },
    [CV_HEAD_DIAGNOSTICS] = { NULL, "診断", "Diagnostics" },
    [CV_HEAD_AWARD] = { NULL, "落札者決定 (総合評価)", "Award (総合評価)" },
    [CV_HEAD_AWARD_RANK] = { NULL, "総合順位", "Award rank" },
    [CV_HEAD_PRICE] = { NULL, "入札価格 (税抜)", "Bid price (excl. tax)" },
    [CV_HEAD_CEILING] = { NULL, "予定価格 (税抜)", "Ceiling price 予定価格 (excl. tax)" },
    [CV_HEAD_TECHNICAL_POINTS] = { NULL, "技術点", "Technical points" },
    [CV_HEAD_PRICE_POINTS] = { NULL, "価格点", "Price points" },
    [CV_HEAD_TOTAL_POINTS] = { NULL, "総合評価点", "Total (総合評価点)" },
    [CV_HEAD_ARITHMETIC] = { NULL, "計算", "Arithmetic" },
    [CV_HEAD_METHOD] = { NULL, "評価方法", "Scoring method" },
    [CV_HEAD_METHOD_SHA256] = { NULL, "評価基準書の SHA-256", "Method SHA-256" },
    [CV_HEAD_SENSITIVITY] = { NULL, "順位の感度", "Ranking sensitivity" },
    [CV_HEAD_MARGIN] = { NULL, "1 位と 2 位の差", "Margin of first over second" },
    [CV_HEAD_DECISIONS] = { NULL, "審査委員会の判断", "Committee decisions" },
    [CV_HEAD_DECIDED_BY] = { NULL, "判断者", "Decided by" },
    [CV_HEAD_DECIDED_ON] = { NULL, "判断日", "Decided on" },
    [CV_HEAD_TOOL_STATUS] = { NULL, "ツールの判定", "Tool's status" },
    [CV_HEAD_DECISION] = { NULL, "判断", "Decision" },
    [CV_HEAD_STALE_DECISIONS] = { NULL, "適用しなかった判断", "Decisions not applied" },
};

_Static_assert(sizeof(status_vocab) / sizeof(status_vocab[0]) ==
                   CV_STATUS_NOT_APPLICABLE + 1,
               "a word for every status");
_Static_assert(sizeof(verdict_vocab) / sizeof(verdict_vocab[0]) ==
                   CV_VERDICT_INVALID + 1,
               "a word for every verdict");
_Static_assert(sizeof(headings) / sizeof(headings[0]) == CV_HEAD_COUNT,
               "a text for every heading");

static const struct vocab *status_row(cv_result_status s)
{
    return (unsigned)s < sizeof(status_vocab) / sizeof(status_vocab[0])
               ? &status_vocab[s]
               : NULL;
}

static const struct vocab *verdict_row(cv_verdict v)
{
    return (unsigned)v < sizeof(verdict_vocab) / sizeof(verdict_vocab[0])
               ? &verdict_vocab[v]
               : NULL;
}

static const char *word_of(const struct vocab *row, cv_lang lang)
{
    return row && row->ja ? CV_L(lang, row->ja, row->en) : "";
}

const char *cv_view_status_symbol(cv_result_status s)
{
    const struct vocab *row = status_row(s);
    return row ? row->symbol : "";
}

const char *cv_view_status_word(cv_result_status s, cv_lang lang)
{
    return word_of(status_row(s), lang);
}

const char *cv_view_verdict_symbol(cv_verdict v)
{
    const struct vocab *row = verdict_row(v);
    return row ? row->symbol : "";
}

const char *cv_view_verdict_word(cv_verdict v, cv_lang lang)
{
    return word_of(verdict_row(v), lang);
}

const char *cv_view_heading(cv_heading h, cv_lang lang)
{
    return (unsigned)h < CV_HEAD_COUNT ? word_of(&headings[h], lang) : "";
}

void cv_view_status_legend(struct cv_strbuf *out, cv_lang lang)
{
    /* The order people scan: best first, the checks a person makes after
     * the clear failures. */
    static const cv_result_status order[] = {
        CV_STATUS_MET,     CV_STATUS_PARTIAL,      CV_STATUS_CLAIMED,
        CV_STATUS_NOT_MET, CV_STATUS_CONTRADICTED, CV_STATUS_UNANSWERED,
        CV_STATUS_NOT_APPLICABLE
    };
    size_t i;
    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
        cv_strbuf_printf(out, "%s%s %s", i ? ", " : "",
                         cv_view_status_symbol(order[i]),
                         cv_view_status_word(order[i], lang));
}

const char *cv_view_bid_verdict_symbol(const cv_submission *s)
{
    if (s->verdict == CV_VERDICT_QUALIFIED && s->conditional)
        return verdict_conditional.symbol;
    return cv_view_verdict_symbol(s->verdict);
}

const char *cv_view_bid_verdict_word(const cv_submission *s, cv_lang lang)
{
    if (s->verdict == CV_VERDICT_QUALIFIED && s->conditional)
        return word_of(&verdict_conditional, lang);
    return cv_view_verdict_word(s->verdict, lang);
}

/* The public face of the table (cloudvet.h), for `check` and the
 * terminal. */
const char *cv_status_word(cv_result_status s, cv_lang lang)
{
    return cv_view_status_word(s, lang);
}

const char *cv_status_symbol(cv_result_status s)
{
    return cv_view_status_symbol(s);
}

const char *cv_verdict_word(cv_verdict v, cv_lang lang)
{
    return cv_view_verdict_word(v, lang);
}

const char *cv_verdict_symbol(cv_verdict v)
{
    return cv_view_verdict_symbol(v);
}

const char *cv_conditional_word(cv_lang lang)
{
    return word_of(&verdict_conditional, lang);
}

const char *cv_conditional_symbol(void)
{
    return verdict_conditional.symbol;
}

const char *cv_heading_text(cv_heading h, cv_lang lang)
{
    return cv_view_heading(h, lang);
}

const char *cv_submission_verdict_word(const cv_submission *sub,
                                       cv_lang lang)
{
    return sub ? cv_view_bid_verdict_word(sub, lang) : "";
}

const char *cv_submission_verdict_symbol(const cv_submission *sub)
{
    return sub ? cv_view_bid_verdict_symbol(sub) : "";
}

const char *cv_view_severity_word(cv_severity s, cv_lang lang)
{
    switch (s) {
    case CV_SEV_ERROR: return CV_L(lang, "エラー", "error");
    case CV_SEV_WARNING: return CV_L(lang, "警告", "warning");
    case CV_SEV_NOTE: return CV_L(lang, "注記", "note");
    }
    return "";
}

const char *cv_view_response_word(const char *response, cv_lang lang)
{
    if (!response)
        return "";
    if (strcmp(response, "yes") == 0)
        return CV_L(lang, "はい", "yes");
    if (strcmp(response, "no") == 0)
        return CV_L(lang, "いいえ", "no");
    if (strcmp(response, "partial") == 0)
        return CV_L(lang, "一部", "partly");
    if (strcmp(response, "na") == 0)
        return CV_L(lang, "該当なし", "not applicable");
    return response; /* the schema allows no other; shown as given */
}

/* ---- the responsibility split ---- */

bool cv_view_has_responsibility(const struct cv_result *r)
{
    return r->responsibility || r->customer_responsibilities || r->residual;
}

bool cv_view_any_residual(const struct cv_view *v)
{
    size_t b;
    for (b = 0; b < v->nbids; b++)
        if (cv_view_residual_count(v, b))
            return true;
    return false;
}

bool cv_view_any_responsibility(const struct cv_view *v)
{
    size_t b, i;
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = v->report->subs[b];
        for (i = 0; i < s->nresults; i++)
            if (cv_view_has_responsibility(&s->results[i]))
                return true;
    }
    return false;
}

size_t cv_view_residual_count(const struct cv_view *v, size_t bid)
{
    const cv_submission *s = v->report->subs[bid];
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++)
        n += s->results[i].residual;
    return n;
}

/* The words for the values of answers[].responsibility (CAIQ v4's SSRM
 * Control Ownership, in the order the schema lists them). */
static const struct responsibility_words {
    const char *value;
    const char *ja;
    const char *en;
} responsibility_words[] = {
    { "provider", "提供者 (CSP)", "provider (CSP-owned)" },
    { "customer", "利用者 (CSC)", "customer (CSC-owned)" },
    { "shared_customer", "提供者と利用者の共同", "shared by provider and "
                                                 "customer" },
    { "third_party", "第三者 (委託先)", "third party (outsourced)" },
    { "shared_third_party", "提供者と第三者の共同", "shared by provider and "
                                                    "third party" },
};

const char *cv_view_responsibility_word(const struct cv_result *r,
                                        cv_lang lang)
{
    size_t i;
    if (r->responsibility_unread)
        return CV_L(lang, "記載を読み取れません (要確認)",
                    "could not be read (to be confirmed)");
    if (!r->responsibility)
        return "";
    for (i = 0; i < sizeof(responsibility_words) /
                        sizeof(responsibility_words[0]);
         i++)
        if (strcmp(responsibility_words[i].value, r->responsibility) == 0)
            return CV_L(lang, responsibility_words[i].ja,
                        responsibility_words[i].en);
    return CV_L(lang, "不明な区分 (要確認)", "unknown (to be confirmed)");
}

const char *cv_view_residual_note(cv_lang lang)
{
    return CV_L(lang, "この項目は利用者側の責任です",
                "this item is the customer's responsibility");
}

const char *cv_view_residual_title(cv_lang lang)
{
    return CV_L(lang, "利用者側の責任 (残存義務)",
                "Customer responsibilities (residual obligations)");
}

const char *cv_view_residual_intro(cv_lang lang)
{
    return CV_L(lang,
                "提供者が利用者側の責任 (又は利用者との共同) とした項目です。"
                "採用すれば市が自ら担う義務になります。判定と得点はこれに"
                "よって変わりません (提供者の記載は、サービスが満たす根拠"
                "にも、満たさない根拠にもなりません)。",
                "Items the provider marks as the customer's (or shared with "
                "the customer): if the bid is awarded, the municipality "
                "carries them itself. They change no status or points (the "
                "provider saying so is evidence neither that the service "
                "meets the requirement nor that it does not).");
}

void cv_view_points(char out[32], double points)
{
    char *end;
    /* Round first so 7.499999 and 7.5 print alike on every libc. */
    double rounded = round(points * 100.0) / 100.0;
    snprintf(out, 32, "%.2f", rounded);
    end = out + strlen(out);
    while (end > out && end[-1] == '0')
        *--end = '\0';
    if (end > out && end[-1] == '.')
        *--end = '\0';
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

int cv_view_percent(double points, double max)
{
    if (!(max > 0))
        return 0;
    return (int)lround(100.0 * points / max);
}

void cv_view_text(struct cv_strbuf *out, const char *s, bool keep_lines)
{
    if (s)
        cv_utf8_display(out, s, strlen(s), keep_lines);
}

void cv_view_cut(struct cv_strbuf *sb, size_t max)
{
    size_t i, count = 0;
    for (i = 0; i < sb->len; i++) {
        /* A code point starts at every byte that is not 10xxxxxx. */
        if (((unsigned char)sb->ptr[i] & 0xC0) == 0x80)
            continue;
        if (count++ == max) {
            cv_strbuf_truncate(sb, i);
            cv_strbuf_puts(sb, "…");
            return;
        }
    }
}

/* ---- quoting vendor text ---- */

const char *cv_view_cut_marker(cv_lang lang)
{
    return CV_L(lang, "…（以下省略: 全文は report.json）",
                "… (cut: the full text is in report.json)");
}

/* The code point of the valid UTF-8 sequence at p (cleaned text is valid
 * UTF-8: cv_utf8_display replaced every invalid byte). */
static unsigned long decode_at(const unsigned char *p)
{
    if (p[0] < 0x80)
        return p[0];
    if (p[0] < 0xE0)
        return ((p[0] & 0x1FUL) << 6) | (p[1] & 0x3FUL);
    if (p[0] < 0xF0)
        return ((p[0] & 0x0FUL) << 12) | ((p[1] & 0x3FUL) << 6) |
               (p[2] & 0x3FUL);
    return ((p[0] & 0x07UL) << 18) | ((p[1] & 0x3FUL) << 12) |
           ((p[2] & 0x3FUL) << 6) | (p[3] & 0x3FUL);
}

/* Byte offset of the `max`-th code point of the valid UTF-8 s[0..len),
 * or len when it has no more than `max`. */
static size_t offset_of_char(const char *s, size_t len, size_t max)
{
    size_t i, count = 0;
    for (i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (count++ == max)
            return i;
    }
    return len;
}

/* Length of a "[U+XXXX]" (4 to 6 upper-case hex digits) at s, or 0. */
static size_t visible_escape(const char *s)
{
    size_t n = 0;
    if (s[0] != '[' || s[1] != 'U' || s[2] != '+')
        return 0;
    while (n < 6 && ((s[3 + n] >= '0' && s[3 + n] <= '9') ||
                     (s[3 + n] >= 'A' && s[3 + n] <= 'F')))
        n++;
    return n >= 4 && s[3 + n] == ']' ? 4 + n : 0;
}

/* Moves a cut at byte `at` of the cleaned s back to where a person's
 * character starts: before the base of trailing combining marks, and
 * before a "[U+XXXX]" that cv_view_text wrote and the cut would split (a
 * vendor's own "[U+0041]" is kept whole too: harmless). */
static size_t safe_cut(const char *s, size_t at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k;
    while (at > 0 && cv_unicode_joins_previous(decode_at(u + at))) {
        do
            at--;
        while (at > 0 && (u[at] & 0xC0) == 0x80);
    }
    /* An escape is at most "[U+10FFFF]": its '[' lies within 9 bytes. */
    for (k = at; k > 0 && at - k < 9; k--) {
        size_t n = visible_escape(s + k - 1);
        if (n && k - 1 + n > at)
            return k - 1;
    }
    return at;
}

/* Byte length of the longest prefix of the raw s[0..len) holding at most
 * `n` characters as cv_utf8_display counts them: a valid sequence is one,
 * an invalid byte one (it becomes one U+FFFD). */
static size_t raw_prefix(const char *s, size_t len, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len && n > 0) {
        size_t step = u[i] < 0x80 ? 1 : cv_utf8_sequence(u + i, len - i);
        i += step ? step : 1;
        n--;
    }
    return i;
}

bool cv_view_quote(struct cv_strbuf *out, const char *s, size_t max,
                   bool keep_lines, cv_lang lang)
{
    struct cv_strbuf clean;
    size_t len, take, at;
    bool cut = false;

    if (!s)
        return false;
    if (max == 0)
        max = CV_VIEW_QUOTE_MAX_CHARS;
    len = strlen(s);
    /* Clean only what can be shown: every shown character comes from at
     * most two raw ones (CR LF is one line end), so 2·max + 2 raw
     * characters are enough to know whether the text is cut, and a
     * megabyte field costs no more than a short one. */
    take = raw_prefix(s, len,
                      max < (SIZE_MAX - 2) / 2 ? 2 * max + 2 : SIZE_MAX);
    cv_strbuf_init(&clean, 0);
    cv_utf8_display(&clean, s, take, keep_lines);
    at = offset_of_char(clean.ptr, clean.len, max);
    if (at < clean.len) {
        at = safe_cut(clean.ptr, at);
        cut = true;
    }
    cv_strbuf_put(out, clean.ptr, at);
    if (cut)
        cv_strbuf_puts(out, cv_view_cut_marker(lang));
    cv_strbuf_fail(out, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
    return cut;
}

void cv_view_more_items(struct cv_strbuf *out, size_t more, cv_lang lang)
{
    cv_strbuf_printf(out,
                     CV_L(lang, "ほか %zu 件（省略: 全件は report.json）",
                          "… and %zu more (cut: the full list is in "
                          "report.json)"),
                     more);
}

void cv_view_bid_name_quoted(struct cv_strbuf *out, const struct cv_view *v,
                             size_t bid)
{
    const cv_submission *s = v->report->subs[bid];
    if (!s->vendor && !s->service) {
        struct cv_strbuf name;
        cv_strbuf_init(&name, 0);
        cv_view_bid_name(&name, v, bid); /* the file's name */
        cv_view_quote(out, name.ptr, 0, false, v->lang);
        cv_strbuf_fail(out, cv_strbuf_status(&name));
        cv_strbuf_release(&name);
        return;
    }
    cv_view_quote(out, s->vendor ? s->vendor : "?", 0, false, v->lang);
    if (s->service) {
        cv_strbuf_puts(out, " / ");
        cv_view_quote(out, s->service, 0, false, v->lang);
    }
}

void cv_view_bid_label(struct cv_strbuf *out, const struct cv_view *v,
                       size_t bid)
{
    struct cv_strbuf name;
    cv_strbuf_init(&name, 0);
    cv_view_bid_name(&name, v, bid);
    /* Already cleaned: quoting it again changes nothing but the length
     * (cv_utf8_display leaves its own output as it is). */
    cv_view_quote(out, name.ptr, CV_VIEW_NAME_MAX_CHARS, false, v->lang);
    cv_strbuf_fail(out, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

void cv_view_citations(struct cv_strbuf *out, const struct cv_criterion *c,
                       const char *sep)
{
    size_t i;
    for (i = 0; i < c->ncitations; i++) {
        if (i > 0)
            cv_strbuf_puts(out, sep);
        cv_view_text(out, c->citations[i].document, false);
        cv_strbuf_putc(out, ' ');
        cv_view_text(out, c->citations[i].clause, false);
    }
}

void cv_view_location(struct cv_strbuf *out, const cv_diag *d)
{
    cv_view_text(out, d->path && *d->path ? d->path : "/", false);
    if (d->line) {
        cv_strbuf_printf(out, " (%u", d->line);
        if (d->column)
            cv_strbuf_printf(out, ":%u", d->column);
        cv_strbuf_putc(out, ')');
    }
}

/* ---- registry and link checks ---- */

const char *cv_view_tone_str(enum cv_view_tone t)
{
    switch (t) {
    case CV_TONE_GOOD: return "good";
    case CV_TONE_CHECK: return "check";
    case CV_TONE_BAD: return "bad";
    case CV_TONE_NONE: return "none";
    }
    return "";
}

const char *cv_view_reg_symbol(enum cv_reg_outcome o)
{
    switch (cv_view_reg_tone(o)) {
    case CV_TONE_GOOD: return "○";
    case CV_TONE_CHECK: return "?";
    case CV_TONE_BAD: return "×";
    case CV_TONE_NONE: return "–";
    }
    return "";
}

const char *cv_view_reg_word(enum cv_reg_outcome o, cv_lang lang)
{
    switch (o) {
    case CV_REGCHK_NOT_CHECKED: return CV_L(lang, "未照合", "not checked");
    case CV_REGCHK_REGISTERED: return CV_L(lang, "登録を確認", "registered");
    case CV_REGCHK_NO_NUMBER: return CV_L(lang, "番号なし", "no number");
    case CV_REGCHK_NOT_FOUND: return CV_L(lang, "登録なし", "not in the list");
    case CV_REGCHK_OTHER_SERVICE:
        return CV_L(lang, "別サービスの番号", "another service's number");
    case CV_REGCHK_PROVIDER_MISMATCH:
        return CV_L(lang, "事業者不一致", "provider differs");
    case CV_REGCHK_SCHEME_MISMATCH:
        return CV_L(lang, "制度不一致", "scheme differs");
    case CV_REGCHK_EXPIRED: return CV_L(lang, "期限切れ", "expired");
    case CV_REGCHK_NOT_YET_VALID:
        return CV_L(lang, "登録日前", "not yet registered");
    case CV_REGCHK_EXPIRY_UNKNOWN:
        return CV_L(lang, "期限不明", "expiry unknown");
    }
    return "";
}

enum cv_view_tone cv_view_reg_tone(enum cv_reg_outcome o)
{
    switch (o) {
    case CV_REGCHK_REGISTERED: return CV_TONE_GOOD;
    case CV_REGCHK_NO_NUMBER:
    case CV_REGCHK_PROVIDER_MISMATCH:
    case CV_REGCHK_EXPIRY_UNKNOWN: return CV_TONE_CHECK;
    case CV_REGCHK_NOT_FOUND:
    case CV_REGCHK_OTHER_SERVICE:
    case CV_REGCHK_SCHEME_MISMATCH:
    case CV_REGCHK_EXPIRED:
    case CV_REGCHK_NOT_YET_VALID: return CV_TONE_BAD;
    case CV_REGCHK_NOT_CHECKED: break;
    }
    return CV_TONE_NONE;
}

const char *cv_view_link_outcome(const struct cv_link *l)
{
    return l->checked ? cv_link_outcome_str(l->check.outcome) : "not_checked";
}

enum cv_view_tone cv_view_link_tone(const struct cv_link *l)
{
    if (!l->checked)
        return CV_TONE_NONE;
    switch (l->check.outcome) {
    case CV_LINK_OK: return CV_TONE_GOOD;
    /* DNS, a timeout, TLS: perhaps only this PC's network; to be looked
     * at, not held against the bid unseen. */
    case CV_LINK_FAILED: return CV_TONE_CHECK;
    case CV_LINK_HTTP_ERROR:
    case CV_LINK_BLOCKED:
    case CV_LINK_INVALID: return CV_TONE_BAD;
    case CV_LINK_NOT_CHECKED: break; /* shown as not checked (!checked) */
    }
    return CV_TONE_NONE;
}

const char *cv_view_link_symbol(const struct cv_link *l)
{
    if (l->checked && l->check.outcome == CV_LINK_BLOCKED)
        return "!";
    switch (cv_view_link_tone(l)) {
    case CV_TONE_GOOD: return "○";
    case CV_TONE_CHECK: return "?";
    case CV_TONE_BAD: return "×";
    case CV_TONE_NONE: return "–";
    }
    return "";
}

const char *cv_view_link_word(const struct cv_link *l, cv_lang lang)
{
    if (!l->checked && l->over_budget)
        return CV_L(lang, "未確認 (時間の予算切れ)",
                    "not checked (time budget)");
    if (!l->checked)
        return CV_L(lang, "未確認 (URL 数の上限)", "not checked (URL limit)");
    switch (l->check.outcome) {
    case CV_LINK_OK: return CV_L(lang, "取得できた", "reachable");
    case CV_LINK_HTTP_ERROR: return CV_L(lang, "HTTP エラー", "HTTP error");
    case CV_LINK_BLOCKED:
        return CV_L(lang, "遮断 (安全のため)", "blocked (for safety)");
    case CV_LINK_FAILED: return CV_L(lang, "取得できない", "failed");
    case CV_LINK_INVALID: return CV_L(lang, "URL ではない", "not a URL");
    case CV_LINK_NOT_CHECKED:
        return CV_L(lang, "未確認 (時間の予算切れ)",
                    "not checked (time budget)");
    }
    return "";
}

enum cv_view_tone cv_view_registry_tone(const struct cv_view *v)
{
    if (!v->registry.checked)
        return CV_TONE_NONE;
    return v->registry.stale ? CV_TONE_CHECK : CV_TONE_GOOD;
}

const char *cv_view_registry_symbol(const struct cv_view *v)
{
    /* Not checked is a warning, not a neutral dash: nothing the vendors
     * wrote about ISMAP was confirmed. */
    return cv_view_registry_tone(v) == CV_TONE_GOOD ? "○" : "!";
}

const char *cv_view_registry_word(const struct cv_view *v)
{
    switch (cv_view_registry_tone(v)) {
    case CV_TONE_GOOD: return CV_L(v->lang, "照合済み", "checked");
    case CV_TONE_CHECK:
        return CV_L(v->lang, "照合済み (リストが古い)",
                    "checked (against a stale list)");
    case CV_TONE_BAD:
    case CV_TONE_NONE: break;
    }
    return CV_L(v->lang, "未照合", "not checked");
}

void cv_view_registry_text(struct cv_strbuf *out, const struct cv_view *v)
{
    struct cv_strbuf note;
    cv_strbuf_init(&note, 0);
    cv_registry_note_text(&v->registry, v->lang, &note);
    cv_view_text(out, note.ptr, false);
    cv_strbuf_fail(out, cv_strbuf_status(&note));
    cv_strbuf_release(&note);
}

void cv_view_registry_snapshot(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_registry_note *n = &v->registry;
    if (!n->checked)
        return;
    cv_view_text(out, n->file_name, false);
    if (n->age_days >= 0)
        cv_strbuf_printf(out,
                         CV_L(v->lang, "、評価日の %ld 日前 (上限 %u 日)",
                              ", %ld days before the evaluation date (limit "
                              "%u days)"),
                         n->age_days, n->max_age_days);
    else
        cv_strbuf_printf(out,
                         CV_L(v->lang, "、評価日の %ld 日後の版",
                              ", dated %ld days after the evaluation date"),
                         -n->age_days);
}

const char *cv_view_online_text(const struct cv_view *v)
{
    return v->online
               ? CV_L(v->lang,
                      "オンラインで確認しました (--online)。各入札の"
                      "「リンクの確認」を参照",
                      "checked online (--online); see each bid's link "
                      "checks")
               : CV_L(v->lang,
                      "行っていません (オフラインで評価。根拠資料の URL は"
                      "開いていません)",
                      "not checked (evaluated offline: no evidence URL was "
                      "opened)");
}

void cv_view_reg_claim(struct cv_strbuf *out, const struct cv_regcheck *rc)
{
    cv_view_text(out, rc->scheme ? rc->scheme : "?", false);
    cv_strbuf_putc(out, ' ');
    cv_view_text(out, rc->number ? rc->number : "–", false);
}

void cv_view_reg_location(struct cv_strbuf *out, const struct cv_regcheck *rc)
{
    cv_view_text(out, rc->pointer && *rc->pointer ? rc->pointer : "/", false);
    if (rc->line)
        cv_strbuf_printf(out, " (%u)", rc->line);
}

/* ---- sink ---- */

void cv_sink_init(struct cv_sink *s, cv_write_fn write, void *payload)
{
    s->write = write;
    s->payload = payload;
    s->status = CV_OK;
    cv_strbuf_init(&s->buf, 0);
}

void cv_sink_flush(struct cv_sink *s, bool force)
{
    if (s->status == CV_OK)
        s->status = cv_strbuf_status(&s->buf);
    if (s->buf.len == 0 || (!force && s->buf.len < CV_SINK_CHUNK))
        return;
    if (s->status == CV_OK && s->write(s->buf.ptr, s->buf.len, s->payload))
        s->status = CV_EIO;
    cv_strbuf_reset(&s->buf);
}

cv_status cv_sink_finish(struct cv_sink *s)
{
    cv_sink_flush(s, true);
    cv_strbuf_release(&s->buf);
    return s->status;
}

/* ---- the award, review decisions and sensitivity ---- */

const struct cv_tender_def *cv_view_tender(const struct cv_view *v)
{
    if (v->report->awarded && v->report->award.tender)
        return v->report->award.tender;
    return v->report->tender ? &v->report->tender->def : NULL;
}

bool cv_view_awarded(const struct cv_view *v)
{
    /* every award view needs the tender's method: never one without */
    return v->report->awarded && v->report->award.bids &&
           cv_view_tender(v) != NULL;
}

const struct cv_award_bid *cv_view_award_bid(const struct cv_view *v,
                                             size_t bid)
{
    if (!cv_view_awarded(v) || bid >= v->report->award.count)
        return NULL;
    return &v->report->award.bids[bid];
}

const char *cv_view_award_state_word(enum cv_award_state s, cv_lang lang)
{
    switch (s) {
    case CV_AWARD_RANKED:
        return CV_L(lang, "順位付け", "ranked");
    case CV_AWARD_NOT_QUALIFIED:
        return CV_L(lang, "順位外 (不適格)", "not ranked (not qualified)");
    case CV_AWARD_NO_PRICE:
        return CV_L(lang, "順位外 (価格なし)", "not ranked (no price)");
    case CV_AWARD_OVER_CEILING:
        return CV_L(lang, "無効 (予定価格超過)", "void (above the ceiling)");
    case CV_AWARD_BELOW_MINIMUM:
        return CV_L(lang, "順位外 (最低基準点未満)",
                    "not ranked (below the minimum)");
    }
    return "";
}

const char *cv_view_tender_method_word(enum cv_tender_method m, cv_lang lang)
{
    switch (m) {
    case CV_TENDER_TECHNICAL_ONLY:
        return CV_L(lang, "技術点のみ", "technical points only");
    case CV_TENDER_ADDITIVE:
        return CV_L(lang, "加算方式", "additive (加算方式)");
    case CV_TENDER_DIVISION:
        return CV_L(lang, "除算方式", "division (除算方式)");
    }
    return "";
}

void cv_view_price_formula_text(struct cv_strbuf *out,
                                const struct cv_tender_def *t, cv_lang lang)
{
    if (t->method == CV_TENDER_DIVISION) {
        char a[32];
        cv_view_points(a, t->division_scale);
        cv_strbuf_printf(out, CV_L(lang, "評価値 = 技術点 ÷ 入札価格 × %s",
                                   "score = technical points ÷ price × %s"),
                         a);
        return;
    }
    if (t->method != CV_TENDER_ADDITIVE)
        return;
    if (t->formula == CV_PRICE_LOWEST_RATIO)
        cv_strbuf_puts(out, CV_L(lang,
                                 "価格点 = 価格点の配分 × 最低入札価格 ÷ "
                                 "入札価格",
                                 "price points = price share × lowest "
                                 "price ÷ price"));
    else
        cv_strbuf_puts(out, CV_L(lang,
                                 "価格点 = 価格点の配分 × (1 − 入札価格 ÷ "
                                 "予定価格)",
                                 "price points = price share × (1 − price "
                                 "÷ ceiling)"));
    cv_strbuf_puts(out, CV_L(lang, "; 総合評価点 = 技術点 + 価格点",
                             "; total = technical points + price points"));
}

void cv_view_tender_method_text(struct cv_strbuf *out,
                                const struct cv_tender_def *t, cv_lang lang)
{
    char a[32];
    cv_strbuf_puts(out, cv_view_tender_method_word(t->method, lang));
    cv_view_points(a, t->technical_points);
    if (t->method == CV_TENDER_ADDITIVE) {
        char b[32];
        cv_view_points(b, t->price_points);
        cv_strbuf_printf(out, CV_L(lang, " (技術点:価格点 = %s:%s)",
                                   " (technical:price = %s:%s)"),
                         a, b);
    } else {
        cv_strbuf_printf(out, CV_L(lang, " (技術点の配分 %s 点)",
                                   " (technical points out of %s)"),
                         a);
    }
    if (t->method != CV_TENDER_TECHNICAL_ONLY) {
        cv_strbuf_puts(out, CV_L(lang, "。", ". "));
        cv_view_price_formula_text(out, t, lang);
    }
}

static void rounding_one(struct cv_strbuf *out, const char *what,
                         const struct cv_rounding *r, cv_lang lang)
{
    cv_strbuf_printf(out, "%s: ", what);
    if (r->mode == CV_ROUND_NONE) {
        cv_strbuf_puts(out, CV_L(lang, "端数処理なし", "not rounded"));
        return;
    }
    if (r->digits == 0)
        cv_strbuf_puts(out, CV_L(lang, "小数点以下", "to an integer,"));
    else
        cv_strbuf_printf(out, CV_L(lang, "小数第 %u 位未満", "at %u decimals,"),
                         r->digits);
    cv_strbuf_puts(out, r->mode == CV_ROUND_TRUNCATE
                            ? CV_L(lang, "切捨て", " truncated")
                            : CV_L(lang, "四捨五入", " rounded half up"));
}

void cv_view_rounding_text(struct cv_strbuf *out,
                           const struct cv_tender_def *t, cv_lang lang)
{
    rounding_one(out, CV_L(lang, "技術点", "technical"), &t->round_technical,
                 lang);
    cv_strbuf_puts(out, "; ");
    if (t->method == CV_TENDER_ADDITIVE) {
        rounding_one(out, CV_L(lang, "価格点", "price"), &t->round_price,
                     lang);
        cv_strbuf_puts(out, "; ");
    }
    rounding_one(out, CV_L(lang, "総合評価点", "total"), &t->round_total,
                 lang);
}

static const char *tie_word(enum cv_tie_rule r, cv_lang lang)
{
    switch (r) {
    case CV_TIE_TECHNICAL:
        return CV_L(lang, "技術点の高い方", "higher technical points");
    case CV_TIE_MANDATORY:
        return CV_L(lang, "必須基準の得点の高い方",
                    "higher points on mandatory criteria");
    case CV_TIE_LOWER_PRICE:
        return CV_L(lang, "入札価格の低い方", "lower price");
    case CV_TIE_LOT:
        return CV_L(lang, "くじ (同順位とし、くじで決定)",
                    "a lot (equal bids share the rank; a lot decides)");
    }
    return "";
}

void cv_view_tie_chain_text(struct cv_strbuf *out,
                            const struct cv_tender_def *t, cv_lang lang)
{
    size_t i;
    if (!t->ntie_break) {
        cv_strbuf_puts(out, CV_L(lang, "同点は同順位", "equal totals share "
                                                     "a rank"));
        return;
    }
    for (i = 0; i < t->ntie_break; i++)
        cv_strbuf_printf(out, "%s%s", i ? " → " : "",
                         tie_word(t->tie_break[i], lang));
}

void cv_view_tax_text(struct cv_strbuf *out, const struct cv_tender_def *t,
                      cv_lang lang)
{
    if (t->tax.formula_inclusive)
        cv_strbuf_printf(out, CV_L(lang, "計算式は税込価格 (消費税率 %u %%) で計算",
                                   "the formula uses tax-inclusive amounts "
                                   "(tax %u %%)"),
                         t->tax.rate_percent);
    else
        cv_strbuf_printf(out, CV_L(lang, "税抜価格で比較 (消費税率 %u %%)",
                                   "compared excluding tax (tax %u %%)"),
                         t->tax.rate_percent);
}

void cv_view_minimum_text(struct cv_strbuf *out,
                          const struct cv_tender_def *t, cv_lang lang)
{
    char a[32];
    if (!t->has_minimum) {
        cv_strbuf_puts(out, CV_L(lang, "– (定めなし)", "– (none)"));
        return;
    }
    cv_view_points(a, t->minimum_technical);
    cv_strbuf_printf(out, CV_L(lang, "技術点 %s 点", "%s technical points"),
                     a);
}

void cv_view_yen(struct cv_strbuf *out, int64_t yen, cv_lang lang)
{
    char digits[32], grouped[48];
    size_t n, i, o = 0;
    uint64_t mag = yen < 0 ? (uint64_t)0 - (uint64_t)yen : (uint64_t)yen;
    snprintf(digits, sizeof(digits), "%llu", (unsigned long long)mag);
    n = strlen(digits);
    if (yen < 0)
        grouped[o++] = '-';
    for (i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    cv_strbuf_printf(out, CV_L(lang, "%s 円", "JPY %s"), grouped);
}

unsigned cv_view_award_digits(const struct cv_view *v)
{
    const struct cv_tender_def *t = cv_view_tender(v);
    if (t && t->round_total.mode != CV_ROUND_NONE)
        return t->round_total.digits > 6 ? 6 : t->round_total.digits;
    return 2;
}

void cv_view_award_points(char out[40], const struct cv_view *v, double x)
{
    const struct cv_tender_def *t = cv_view_tender(v);
    if (t && t->round_total.mode != CV_ROUND_NONE) {
        snprintf(out, 40, "%.*f", (int)cv_view_award_digits(v), x);
        if (strcmp(out, "-0") == 0)
            strcpy(out, "0");
        return;
    }
    cv_view_points(out, x);
}

bool cv_view_award_has_technical(const struct cv_view *v, size_t bid)
{
    return cv_view_award_bid(v, bid) &&
           v->report->subs[bid]->verdict != CV_VERDICT_INVALID;
}

void cv_view_award_unranked(struct cv_strbuf *out, const struct cv_view *v,
                            size_t bid)
{
    const struct cv_award_bid *ab = cv_view_award_bid(v, bid);
    if (!ab)
        return;
    cv_strbuf_puts(out, cv_view_award_state_word(ab->state, v->lang));
    if (ab->reason && *ab->reason) {
        cv_strbuf_puts(out, " — ");
        cv_view_text(out, ab->reason, false);
    }
}

const char *cv_view_method_hash_note(cv_lang lang)
{
    return CV_L(lang,
                "この値は、入札前に公表した評価基準書について `cloudvet "
                "criteria show` が表示した SHA-256 と一致しなければなりませ"
                "ん。",
                "This must equal the SHA-256 `cloudvet criteria show` "
                "printed for the scoring method published before the bids "
                "were opened.");
}

const char *cv_view_method_sha256(const struct cv_view *v)
{
    return v->report->method_sha256[0] ? v->report->method_sha256 : "–";
}

bool cv_view_sens_computed(const struct cv_view *v)
{
    return v->report->sens.computed;
}

const char *cv_view_fragile_flag(cv_lang lang)
{
    return CV_L(lang, "! 順位は不安定", "! fragile ranking");
}

/* The ranking's points, in the award's digits when there is one. */
static void ranking_points(char out[40], const struct cv_view *v, double x)
{
    if (cv_view_awarded(v))
        cv_view_award_points(out, v, x);
    else
        cv_view_points(out, x);
}

void cv_view_margin_text(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_sensitivity *s = &v->report->sens;
    char m[40];
    if (!s->computed || s->first >= v->nbids || s->second >= v->nbids) {
        cv_strbuf_puts(out, CV_L(v->lang, "– (順位付けされた入札が 2 件未満)",
                                 "– (fewer than two ranked bids)"));
        return;
    }
    ranking_points(m, v, s->margin);
    cv_strbuf_printf(out, CV_L(v->lang, "%s 点 (1 位 ", "%s points (first "),
                     m);
    cv_view_bid_label(out, v, s->first);
    cv_strbuf_puts(out, CV_L(v->lang, "、2 位 ", ", second "));
    cv_view_bid_label(out, v, s->second);
    cv_strbuf_puts(out, ")");
}

void cv_view_depends_text(struct cv_strbuf *out, const struct cv_view *v,
                          const char *sep)
{
    const struct cv_sensitivity *s = &v->report->sens;
    size_t i;
    if (!s->ndepends) {
        cv_strbuf_puts(out, "–");
        return;
    }
    for (i = 0; i < s->ndepends; i++) {
        if (i)
            cv_strbuf_puts(out, sep);
        if (s->depends_on[i])
            cv_view_text(out, s->depends_on[i], false);
        else
            cv_strbuf_puts(out, CV_L(v->lang, "技術点:価格点の配分",
                                     "the technical:price split"));
    }
}

void cv_view_sensitivity_text(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_sensitivity *s = &v->report->sens;
    if (!s->computed) {
        cv_strbuf_puts(out, CV_L(v->lang,
                                 "順位付けされた入札が 2 件未満のため、感度は"
                                 "計算していません。",
                                 "Not computed: fewer than two bids are "
                                 "ranked."));
        return;
    }
    if (s->fragile)
        cv_strbuf_puts(out, CV_L(v->lang,
                                 "順位は不安定です: いずれか 1 つの配点 (または"
                                 "技術点:価格点の配分) を ±10 % 変えると 1 位が"
                                 "入れ替わります。",
                                 "The ranking is fragile: moving a single "
                                 "weight (or the technical:price split) by "
                                 "±10 % changes first place."));
    else if (s->ndepends)
        cv_strbuf_puts(out, CV_L(v->lang,
                                 "1 位は ±10 % の変更では変わりませんが、"
                                 "±20 % の変更で入れ替わる配点があります。",
                                 "First place holds under every ±10 % "
                                 "change, but some ±20 % change moves it."));
    else
        cv_strbuf_puts(out, CV_L(v->lang,
                                 "いずれか 1 つの配点 (または技術点:価格点の"
                                 "配分) を ±10 %・±20 % 変えても 1 位は"
                                 "変わりません。",
                                 "First place holds when any single weight "
                                 "(or the technical:price split) moves by "
                                 "±10 % or ±20 %."));
    if (s->ndepends) {
        cv_strbuf_puts(out, CV_L(v->lang, " 1 位が依存する配点: ",
                                 " First place depends on: "));
        cv_view_depends_text(out, v, ", ");
    }
}

const char *cv_view_decided_mark(cv_lang lang)
{
    return CV_L(lang, "(審査で判断)", "(decided by review)");
}

cv_result_status cv_view_tool_status(const struct cv_result *r)
{
    return r->decided ? r->tool_status : r->status;
}

void cv_view_result_status_text(struct cv_strbuf *out,
                                const struct cv_result *r, cv_lang lang)
{
    cv_strbuf_puts(out, cv_view_status_word(r->status, lang));
    if (r->decided)
        cv_strbuf_printf(out, " %s", cv_view_decided_mark(lang));
}

void cv_view_tool_status_text(struct cv_strbuf *out,
                              const struct cv_result *r, cv_lang lang)
{
    if (!r->decided)
        return;
    cv_strbuf_printf(out, "%s: %s %s", cv_view_heading(CV_HEAD_TOOL_STATUS, lang),
                     cv_view_status_symbol(r->tool_status),
                     cv_view_status_word(r->tool_status, lang));
}

void cv_view_decision_text(struct cv_strbuf *out, const struct cv_result *r,
                           cv_lang lang)
{
    if (!r->decided)
        return;
    cv_strbuf_printf(out, "%s: ", cv_view_heading(CV_HEAD_DECIDED_BY, lang));
    cv_view_text(out, r->decided_by ? r->decided_by : "–", false);
    cv_strbuf_puts(out, " (");
    cv_view_text(out, r->decided_on ? r->decided_on : "–", false);
    cv_strbuf_puts(out, ")");
    if (r->decision_reason && *r->decision_reason) {
        cv_strbuf_printf(out, " %s: ", cv_view_heading(CV_HEAD_REASON, lang));
        cv_view_text(out, r->decision_reason, false);
    }
}

const char *cv_view_fate_word(enum cv_decision_fate f, cv_lang lang)
{
    switch (f) {
    case CV_DECISION_APPLIED:
        return CV_L(lang, "適用", "applied");
    case CV_DECISION_STALE_SUBMISSION:
        return CV_L(lang, "不適用 (提出物が変更)", "not applied (the bid changed)");
    case CV_DECISION_STALE_CRITERION:
        return CV_L(lang, "不適用 (基準が変更)",
                    "not applied (the criterion changed)");
    case CV_DECISION_UNKNOWN_CRITERION:
        return CV_L(lang, "不適用 (評価基準にない基準)",
                    "not applied (not a criterion of the profile)");
    case CV_DECISION_STALE_INVALID:
        return CV_L(lang, "不適用 (提出物を読み取れない)",
                    "not applied (the bid could not be read)");
    }
    return "";
}

bool cv_view_any_decisions(const struct cv_view *v)
{
    size_t b;
    for (b = 0; b < v->nbids; b++)
        if (v->report->subs[b]->ndecisions)
            return true;
    return false;
}

bool cv_view_any_stale(const struct cv_view *v)
{
    size_t b, i;
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = v->report->subs[b];
        for (i = 0; i < s->ndecisions; i++)
            if (s->decisions[i].fate != CV_DECISION_APPLIED)
                return true;
    }
    return false;
}

const struct cv_result *cv_view_decision_result(const struct cv_view *v,
                                                size_t bid,
                                                const struct cv_decision *d)
{
    const cv_submission *s = v->report->subs[bid];
    size_t i;
    if (!d->criterion)
        return NULL;
    for (i = 0; i < s->nresults; i++)
        if (strcmp(s->results[i].entry->crit->id, d->criterion) == 0)
            return &s->results[i];
    return NULL;
}

const char *cv_view_award_order_note(cv_lang lang)
{
    return CV_L(lang,
                "並び順: 総合評価点で順位付けした入札を総合順位順に、次に"
                "適格でも順位外の入札 (予定価格超過で無効、価格の記載なし、"
                "最低基準点未満)、失格、読み取れないファイルの順です。",
                "Order: the bids ranked on the total (総合評価点) by award "
                "rank, then qualified bids left unranked (void above the "
                "ceiling, no price, below the minimum), then disqualified "
                "ones, then files that could not be read.");
}
