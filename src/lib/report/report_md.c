/* SPDX-License-Identifier: MIT */
/*
 * report_md.c: report.md, the summary (with the method hash and, with an
 * award, the sensitivity), the award table with its arithmetic (a tender
 * file), the ranking, the audit table of review decisions, and the
 * comparison table for review threads (GitHub/GitLab-flavoured tables), then per bid its ISMAP claims
 * beside the rows of the ISMAP list and, with --online, its link checks;
 * where a provider leaves items to the customer, the residual obligations
 * of each bid (利用者側の責任) before the registry checks. The detail per criterion is in the HTML, XLSX and JSON forms.
 *
 * Every text from a submission is cleaned (view.h) and each ASCII
 * character with a meaning inside a table cell is backslash-escaped
 * (CommonMark allows it for any punctuation), so vendor text can neither
 * break a cell with `|`, nor open emphasis, code, a link, an image, raw
 * HTML, an entity or (GitLab) math. Registry rows (an imported list) and
 * checked URLs are treated the same, and in all of them the character that
 * triggers a GFM extended autolink (a scheme's ':', an e-mail's '@', the
 * '.' of "www.") is preceded by an empty HTML comment (escape.c), so
 * that no renderer turns vendor text into a link. Only the profile's own
 * sources keep their URLs as links.
 *
 * Vendor text is quoted through cv_view_quote: each field cut at
 * CV_VIEW_QUOTE_MAX_CHARS, messages at CV_VIEW_REASON_MAX_CHARS; the
 * bid's name is quoted at length once (the results table) and cut at
 * CV_VIEW_NAME_MAX_CHARS in the heading of every section; what is cut
 * says that report.json has it whole.
 */
#include <string.h>

#include "escape.h"
#include "view.h"

/* Text from outside (a submission, a registry row, a message quoting
 * them), already cleaned: escaped and never a link (escape.h). */
static void md_escape(struct cv_strbuf *out, const char *clean)
{
    cv_md_escape(out, clean, true);
}

/* Vendor text: cut at `max` characters (0: CV_VIEW_QUOTE_MAX_CHARS),
 * with the marker, then escaped and never a link. */
static void md_quote(struct cv_strbuf *out, const char *s, size_t max,
                     cv_lang lang)
{
    struct cv_strbuf cut;
    cv_strbuf_init(&cut, 0);
    cv_view_quote(&cut, s, max, false, lang);
    cv_md_escape(out, cut.ptr, true);
    cv_strbuf_fail(out, cv_strbuf_status(&cut));
    cv_strbuf_release(&cut);
}

/* Text of the profile (the criteria's own sources and notes): escaped,
 * but the URLs of the published documents it cites stay links. */
static void md_profile_text(struct cv_strbuf *out, const char *s)
{
    cv_md_text(out, s, false);
}

/* A URL shown, never linked: "https<!---->://..." renders as
 * "https://...". */
static void md_url(struct cv_strbuf *out, const char *s, cv_lang lang)
{
    md_quote(out, s, 0, lang);
}

/* Text a cv_view_ helper built (and cleaned) in `sb`: escaped, its
 * failure passed on, `sb` emptied for reuse. */
static void md_clean(struct cv_strbuf *out, struct cv_strbuf *sb)
{
    md_escape(out, sb->ptr);
    cv_strbuf_fail(out, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

/* Vendor text a cv_view_ helper built (and cleaned) in `sb`, as
 * md_clean but cut like md_quote. */
static void md_clean_quote(struct cv_strbuf *out, struct cv_strbuf *sb,
                           cv_lang lang)
{
    md_quote(out, sb->ptr, 0, lang);
    cv_strbuf_fail(out, cv_strbuf_status(sb));
    cv_strbuf_reset(sb);
}

/* A cell's value (vendor text), or "–" when there is none. */
static void md_cell(struct cv_strbuf *out, const char *s, cv_lang lang)
{
    if (s && *s)
        md_quote(out, s, 0, lang);
    else
        cv_strbuf_puts(out, "–");
}

/* The bid's name: at length (`full`, vendor and service up to
 * CV_VIEW_QUOTE_MAX_CHARS each) in the results table, the one place it is
 * quoted so; cut at CV_VIEW_NAME_MAX_CHARS in every heading. */
static void bid_name(struct cv_strbuf *out, const struct cv_view *v,
                     size_t bid, bool full)
{
    struct cv_strbuf name;
    cv_strbuf_init(&name, 0);
    if (full)
        cv_view_bid_name_quoted(&name, v, bid);
    else
        cv_view_bid_label(&name, v, bid);
    md_escape(out, name.ptr);
    cv_strbuf_fail(out, cv_strbuf_status(&name));
    cv_strbuf_release(&name);
}

/* Whether the ISMAP list was consulted (in bold words when it was not,
 * or was too old) and whether links were checked. */
static void registry_note(struct cv_strbuf *out, const struct cv_view *v)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(out, "- %s: **%s %s** — ",
                     CV_L(v->lang, "ISMAP 登録簿", "ISMAP registry"),
                     cv_view_registry_symbol(v), cv_view_registry_word(v));
    cv_view_registry_text(&sb, v);
    md_clean(out, &sb);
    if (v->registry.checked) {
        cv_view_registry_snapshot(&sb, v);
        cv_strbuf_puts(out, " (");
        md_clean(out, &sb);
        cv_strbuf_putc(out, ')');
    }
    cv_strbuf_printf(out, "\n- %s: %s\n\n",
                     cv_view_heading(CV_HEAD_LINK_CHECKS, v->lang),
                     cv_view_online_text(v));
    cv_strbuf_release(&sb);
}

/* The tender the bids answer (their tender.id and tender.title: vendor
 * text), or that none names one. */
static void tender_line(struct cv_strbuf *out, const struct cv_view *v)
{
    const char *id = cv_view_tender_id(v), *title = cv_view_tender_title(v);
    cv_strbuf_printf(out, "- %s: ", cv_view_heading(CV_HEAD_TENDER, v->lang));
    if (!id && !title) {
        cv_strbuf_printf(out, "%s\n",
                         CV_L(v->lang, "提出物に記載がありません",
                              "not named by the submissions"));
        return;
    }
    md_cell(out, id, v->lang); /* "–" when only a title is given */
    if (title) {
        cv_strbuf_puts(out, " — ");
        md_quote(out, title, 0, v->lang);
    }
    cv_strbuf_putc(out, '\n');
}

/* Bids of more than one tender ranked together (--allow-mixed-tenders):
 * said in bold, with every bid whose tender differs from the first. */
static void mixed_tenders(struct cv_strbuf *out, const struct cv_view *v)
{
    const char *first = cv_view_tender_id(v);
    size_t b;
    if (!cv_view_mixed_tenders(v))
        return;
    cv_strbuf_printf(out, "- **%s**\n",
                     CV_L(v->lang,
                          "注意: 入札案件の異なる提出物を一緒に順位付けして"
                          "います (--allow-mixed-tenders)。次の入札は最初の"
                          "案件と異なります:",
                          "Caution: bids of different tenders are ranked "
                          "together (--allow-mixed-tenders). These bids "
                          "name another tender than the first:"));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        if (!s->tender_id || strcmp(s->tender_id, first) == 0)
            continue;
        cv_strbuf_printf(out, "  - %zu. ", b + 1);
        md_quote(out, s->file, 0, v->lang);
        cv_strbuf_puts(out, ": ");
        md_quote(out, s->tender_id, 0, v->lang);
        cv_strbuf_putc(out, '\n');
    }
}

/* The published method's hash (always) and, once the award's
 * sensitivity is known, the margin and the fragile flag in bold. */
static void method_lines(struct cv_strbuf *out, const struct cv_view *v)
{
    struct cv_strbuf sb;
    cv_strbuf_printf(out, "- %s: `%s` — %s\n",
                     cv_view_heading(CV_HEAD_METHOD_SHA256, v->lang),
                     cv_view_method_sha256(v),
                     cv_view_method_hash_note(v->lang));
    if (!cv_view_sens_computed(v))
        return;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(out, "- %s: ", cv_view_heading(CV_HEAD_MARGIN, v->lang));
    cv_view_margin_text(&sb, v);
    md_clean(out, &sb);
    cv_strbuf_printf(out, "\n- %s: ",
                     cv_view_heading(CV_HEAD_SENSITIVITY, v->lang));
    if (v->report->sens.fragile)
        cv_strbuf_printf(out, "**%s** ", cv_view_fragile_flag(v->lang));
    cv_view_sensitivity_text(&sb, v);
    md_clean(out, &sb);
    cv_strbuf_putc(out, '\n');
    cv_strbuf_release(&sb);
}

static void summary(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_profile *p = &v->crit->profile;
    size_t b, count[3] = { 0, 0, 0 }, conditional = 0;
    for (b = 0; b < v->nbids; b++) {
        count[cv_view_bid(v, b)->verdict]++;
        conditional += cv_view_conditional(v, b);
    }
    cv_strbuf_printf(out, "# %s\n\n",
                     cv_view_heading(CV_HEAD_REPORT_TITLE, v->lang));
    tender_line(out, v);
    mixed_tenders(out, v);
    cv_strbuf_printf(out, "- %s: %s (`%s` %s)\n",
                     cv_view_heading(CV_HEAD_PROFILE, v->lang),
                     CV_TEXT(v->lang, p->title), p->id, p->version);
    cv_strbuf_printf(out, "- %s: `%s`\n",
                     cv_view_heading(CV_HEAD_CRITERIA_SHA256, v->lang),
                     v->crit->sha256);
    cv_strbuf_printf(out, "- %s: %s\n",
                     cv_view_heading(CV_HEAD_AS_OF, v->lang), v->as_of);
    cv_strbuf_printf(out, "- %s: %zu (%s %zu, %s %zu, %s %zu, %s %zu)\n",
                     cv_view_heading(CV_HEAD_BIDS, v->lang), v->nbids,
                     cv_view_verdict_word(CV_VERDICT_QUALIFIED, v->lang),
                     count[CV_VERDICT_QUALIFIED] - conditional,
                     cv_conditional_word(v->lang), conditional,
                     cv_view_verdict_word(CV_VERDICT_DISQUALIFIED, v->lang),
                     count[CV_VERDICT_DISQUALIFIED],
                     cv_view_verdict_word(CV_VERDICT_INVALID, v->lang),
                     count[CV_VERDICT_INVALID]);
    method_lines(out, v);
    registry_note(out, v);
}

/* A criterion in words with its status: "× 不適合: 国内リージョン・データ
 * の国外保存なし (CLOUD-REGION)"; the id last, for the comparison. */
static void criterion_in_words(struct cv_strbuf *out, const struct cv_view *v,
                               const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    cv_strbuf_printf(out, "%s %s: ", cv_view_status_symbol(r->status),
                     cv_view_status_word(r->status, v->lang));
    md_profile_text(out, CV_TEXT(v->lang, c->title));
    cv_strbuf_puts(out, " \\(");
    md_profile_text(out, c->id);
    cv_strbuf_puts(out, "\\)");
}

/* The mandatory criteria that disqualified the bid, in words, "; "
 * between. */
static void failed_list(struct cv_strbuf *out, const struct cv_view *v,
                        size_t bid)
{
    const cv_submission *s = cv_view_bid(v, bid);
    size_t i, n = 0;
    for (i = 0; i < s->nresults; i++) {
        if (!cv_view_disqualifies(&s->results[i]))
            continue;
        if (n++)
            cv_strbuf_puts(out, "; ");
        criterion_in_words(out, v, &s->results[i]);
    }
}

/* The mandatory criteria only claimed, in words. */
static void pending_list(struct cv_strbuf *out, const struct cv_view *v,
                         size_t bid)
{
    const struct cv_result *r;
    size_t i;
    for (i = 0; (r = cv_view_pending(v, bid, i)) != NULL; i++) {
        if (i)
            cv_strbuf_puts(out, "; ");
        criterion_in_words(out, v, r);
    }
}

/* The ranking, in rank order (cv_view_ranked): qualified bids by rank,
 * then those qualified on condition, then the disqualified with the
 * mandatory criteria they failed, then the files that could not be read.
 * `#` is the bid's number, the column of the comparison table. */
static void ranking(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t k;
    bool any = false;
    cv_strbuf_printf(out, "## %s\n\n| %s | # | %s | %s | %s | %s | %s | %s "
                          "| %s |\n"
                          "|---:|---:|---|---|---:|---:|---|---|---|\n",
                     cv_view_heading(CV_HEAD_RANKING, v->lang),
                     cv_view_heading(CV_HEAD_RANK, v->lang),
                     cv_view_heading(CV_HEAD_BIDDER, v->lang),
                     cv_view_heading(CV_HEAD_VERDICT, v->lang),
                     cv_view_heading(CV_HEAD_SCORE, v->lang),
                     cv_view_heading(CV_HEAD_NEEDS_REVIEW, v->lang),
                     cv_view_heading(CV_HEAD_FAILED_MANDATORY, v->lang),
                     cv_view_heading(CV_HEAD_PENDING_MANDATORY, v->lang),
                     cv_view_heading(CV_HEAD_FILE, v->lang));
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k);
        const cv_submission *s = cv_view_bid(v, b);
        char score[32], max[32];
        unsigned rank = cv_view_rank(v, b);
        cv_view_points(score, s->score);
        cv_view_points(max, s->max_score);
        if (rank)
            cv_strbuf_printf(out, "| %u%s", rank,
                             s->conditional ? CV_VIEW_CONDITIONAL_MARK : "");
        else
            cv_strbuf_puts(out, "| –");
        cv_strbuf_printf(out, " | %zu | ", b + 1);
        bid_name(out, v, b, true);
        cv_strbuf_printf(out, " | %s %s | %s / %s | %zu | ",
                         cv_view_bid_verdict_symbol(s),
                         cv_view_bid_verdict_word(s, v->lang), score, max,
                         s->needs_review);
        failed_list(out, v, b);
        cv_strbuf_puts(out, " | ");
        pending_list(out, v, b);
        cv_strbuf_puts(out, " | ");
        md_quote(out, s->file, 0, v->lang);
        cv_strbuf_puts(out, " |\n");
        any = any || s->conditional;
    }
    if (cv_view_awarded(v))
        /* ranked on the award: its order, not the profile's tie rule */
        cv_strbuf_printf(out, "\n%s\n\n", cv_view_award_order_note(v->lang));
    else
        cv_strbuf_printf(out, "\n%s%s\n\n", cv_view_tie_rule(v),
                         CV_L(v->lang, "。", "."));
    if (any)
        cv_strbuf_printf(out, "%s\n\n", cv_view_conditional_note(v->lang));
}

/* ---- the award (a tender file), the committee's decisions ---- */

/* "- label: text" with the text a view helper built (cleaned). */
static void md_fact(struct cv_strbuf *out, const char *label,
                    struct cv_strbuf *sb)
{
    cv_strbuf_printf(out, "- %s: ", label);
    md_clean(out, sb);
    cv_strbuf_putc(out, '\n');
}

static void award_method(struct cv_strbuf *out, const struct cv_view *v,
                         const struct cv_tender_def *t, struct cv_strbuf *sb)
{
    cv_view_text(sb, t->id, false);
    md_fact(out, cv_view_heading(CV_HEAD_TENDER_ID, v->lang), sb);
    cv_view_text(sb, cv_view_tender_title(v), false);
    md_fact(out, cv_view_heading(CV_HEAD_TENDER_TITLE, v->lang), sb);
    cv_view_tender_method_text(sb, t, v->lang);
    md_fact(out, cv_view_heading(CV_HEAD_METHOD, v->lang), sb);
    if (t->ceiling > 0)
        cv_view_yen(sb, t->ceiling, v->lang);
    else
        cv_strbuf_puts(sb, "–");
    cv_strbuf_puts(sb, "; ");
    cv_view_tax_text(sb, t, v->lang);
    md_fact(out, cv_view_heading(CV_HEAD_CEILING, v->lang), sb);
    cv_view_rounding_text(sb, t, v->lang);
    md_fact(out, CV_L(v->lang, "端数処理", "Rounding"), sb);
    cv_view_tie_chain_text(sb, t, v->lang);
    md_fact(out, CV_L(v->lang, "同点の場合", "Ties"), sb);
    cv_view_minimum_text(sb, t, v->lang);
    md_fact(out, CV_L(v->lang, "最低基準点", "Minimum technical points"), sb);
    cv_strbuf_putc(out, '\n');
}

static void award_cell(struct cv_strbuf *out, const struct cv_view *v,
                       double x, bool has)
{
    char a[40];
    if (!has) {
        cv_strbuf_puts(out, " – |");
        return;
    }
    cv_view_award_points(a, v, x);
    cv_strbuf_printf(out, " %s |", a);
}

static void award_row(struct cv_strbuf *out, const struct cv_view *v,
                      size_t b, struct cv_strbuf *sb)
{
    const struct cv_award_bid *ab = cv_view_award_bid(v, b);
    bool ranked = ab->state == CV_AWARD_RANKED && ab->rank;
    bool additive = cv_view_tender(v)->method == CV_TENDER_ADDITIVE;
    if (ranked)
        cv_strbuf_printf(out, "| %u%s", ab->rank, ab->lot ? "=" : "");
    else
        cv_strbuf_puts(out, "| –");
    cv_strbuf_printf(out, " | %zu | ", b + 1);
    bid_name(out, v, b, false);
    cv_strbuf_puts(out, " | ");
    if (ab->bid)
        cv_view_yen(sb, ab->price, v->lang);
    else
        cv_strbuf_puts(sb, "–");
    md_clean(out, sb);
    cv_strbuf_puts(out, " |");
    award_cell(out, v, ab->technical, cv_view_award_has_technical(v, b));
    award_cell(out, v, ab->price_points, additive && ranked);
    award_cell(out, v, ab->total, ranked);
    cv_strbuf_putc(out, ' ');
    if (!ranked) {
        cv_view_award_unranked(sb, v, b);
        cv_strbuf_puts(out, "**");
        md_clean_quote(out, sb, v->lang);
        cv_strbuf_puts(out, "** ");
    }
    if (ab->arithmetic)
        md_quote(out, ab->arithmetic, CV_VIEW_REASON_MAX_CHARS, v->lang);
    if (ab->lot)
        cv_strbuf_printf(out, " %s", CV_L(v->lang, "\\(同点: くじで決定\\)",
                                          "\\(tied: a lot decides\\)"));
    cv_strbuf_puts(out, " |\n");
}

/* The award ranking on 総合評価点, the first ranking when a tender file
 * was given, with the method, the margin and the sensitivity. */
static void award(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_tender_def *t = cv_view_tender(v);
    struct cv_strbuf sb;
    size_t k;
    if (!t || !cv_view_awarded(v))
        return;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(out, "## %s\n\n", cv_view_heading(CV_HEAD_AWARD, v->lang));
    award_method(out, v, t, &sb);
    cv_strbuf_printf(out, "| %s | # | %s | %s | %s | %s | %s | %s |\n"
                          "|---:|---:|---|---:|---:|---:|---:|---|\n",
                     cv_view_heading(CV_HEAD_AWARD_RANK, v->lang),
                     cv_view_heading(CV_HEAD_BIDDER, v->lang),
                     cv_view_heading(CV_HEAD_PRICE, v->lang),
                     cv_view_heading(CV_HEAD_TECHNICAL_POINTS, v->lang),
                     cv_view_heading(CV_HEAD_PRICE_POINTS, v->lang),
                     cv_view_heading(CV_HEAD_TOTAL_POINTS, v->lang),
                     cv_view_heading(CV_HEAD_ARITHMETIC, v->lang));
    for (k = 0; k < v->nbids; k++)
        award_row(out, v, cv_view_ranked(v, k), &sb);
    cv_strbuf_printf(out, "\n%s\n\n### %s\n\n- %s: ",
                     cv_view_award_order_note(v->lang),
                     cv_view_heading(CV_HEAD_SENSITIVITY, v->lang),
                     cv_view_heading(CV_HEAD_MARGIN, v->lang));
    cv_view_margin_text(&sb, v);
    md_clean(out, &sb);
    cv_strbuf_puts(out, "\n- ");
    if (v->report->sens.fragile)
        cv_strbuf_printf(out, "**%s** ", cv_view_fragile_flag(v->lang));
    cv_view_sensitivity_text(&sb, v);
    md_clean(out, &sb);
    cv_strbuf_puts(out, "\n\n");
    cv_strbuf_fail(out, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
}

static void decision_row(struct cv_strbuf *out, const struct cv_view *v,
                         size_t b, const struct cv_decision_note *n)
{
    const struct cv_decision *d = n->decision;
    const struct cv_result *r = cv_view_decision_result(v, b, d);
    cv_strbuf_printf(out, "| %zu | ", b + 1);
    bid_name(out, v, b, false);
    cv_strbuf_puts(out, " | ");
    md_cell(out, d->criterion, v->lang);
    if (r)
        cv_strbuf_printf(out, " | %s %s",
                         cv_view_status_symbol(cv_view_tool_status(r)),
                         cv_view_status_word(cv_view_tool_status(r), v->lang));
    else
        cv_strbuf_puts(out, " | –");
    cv_strbuf_printf(out, " → **%s %s** | ", cv_view_status_symbol(d->status),
                     cv_view_status_word(d->status, v->lang));
    md_cell(out, d->by, v->lang);
    cv_strbuf_puts(out, " | ");
    md_cell(out, d->on, v->lang);
    cv_strbuf_puts(out, " | ");
    md_cell(out, d->reason, v->lang);
    cv_strbuf_printf(out, " | %s", cv_view_fate_word(n->fate, v->lang));
    if (n->fate != CV_DECISION_APPLIED && n->message) {
        cv_strbuf_puts(out, ": ");
        md_quote(out, n->message, CV_VIEW_REASON_MAX_CHARS, v->lang);
    }
    cv_strbuf_puts(out, " |\n");
}

static void decision_table(struct cv_strbuf *out, const struct cv_view *v,
                           bool stale_only)
{
    size_t k, i;
    cv_strbuf_printf(out, "| # | %s | %s | %s → %s | %s | %s | %s | %s |\n"
                          "|---:|---|---|---|---|---|---|---|\n",
                     cv_view_heading(CV_HEAD_BIDDER, v->lang),
                     cv_view_heading(CV_HEAD_CRITERION, v->lang),
                     cv_view_heading(CV_HEAD_TOOL_STATUS, v->lang),
                     cv_view_heading(CV_HEAD_DECISION, v->lang),
                     cv_view_heading(CV_HEAD_DECIDED_BY, v->lang),
                     cv_view_heading(CV_HEAD_DECIDED_ON, v->lang),
                     cv_view_heading(CV_HEAD_REASON, v->lang),
                     CV_L(v->lang, "適用", "Applied"));
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k);
        const cv_submission *s = cv_view_bid(v, b);
        for (i = 0; i < s->ndecisions; i++)
            if (!stale_only || s->decisions[i].fate != CV_DECISION_APPLIED)
                decision_row(out, v, b, &s->decisions[i]);
    }
    cv_strbuf_putc(out, '\n');
}

/* The audit table of every review decision, then the stale ones again
 * under their own heading (they changed nothing). */
static void decisions(struct cv_strbuf *out, const struct cv_view *v)
{
    if (!cv_view_any_decisions(v))
        return;
    cv_strbuf_printf(out, "## %s\n\n",
                     cv_view_heading(CV_HEAD_DECISIONS, v->lang));
    decision_table(out, v, false);
    if (!cv_view_any_stale(v))
        return;
    cv_strbuf_printf(out, "### %s\n\n%s\n\n",
                     cv_view_heading(CV_HEAD_STALE_DECISIONS, v->lang),
                     CV_L(v->lang, "判断の後に入札ファイルか基準が変わったため、"
                                   "次の判断は適用していません。",
                          "The bid's file or the criterion changed after "
                          "these decisions; they were not applied."));
    decision_table(out, v, true);
}

/* Every parameter of the profile, one row each: its value, what it
 * rests on (the clause, a guideline beyond it, or the profile's own
 * choice), the criteria that apply it and its source (with the note
 * where the source is not confirmed). */
static void parameters(struct cv_strbuf *out, const struct cv_view *v)
{
    const struct cv_profile *p = &v->crit->profile;
    struct cv_strbuf sb;
    size_t i;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(out, "## %s\n\n| %s | %s | %s | %s | %s |\n"
                          "|---|---|---|---|---|\n",
                     cv_view_heading(CV_HEAD_PARAMETERS, v->lang),
                     cv_view_heading(CV_HEAD_PARAMETER, v->lang),
                     cv_view_heading(CV_HEAD_VALUE, v->lang),
                     cv_view_heading(CV_HEAD_BASIS, v->lang),
                     cv_view_heading(CV_HEAD_APPLIED_BY, v->lang),
                     cv_view_heading(CV_HEAD_SOURCE, v->lang));
    for (i = 0; i < p->nparams; i++) {
        const struct cv_param *prm = &p->params[i];
        cv_strbuf_puts(out, "| ");
        md_profile_text(out, prm->name); /* a profile's name: escaped */
        cv_strbuf_puts(out, " | ");
        cv_view_param_value(&sb, prm);
        md_clean(out, &sb);
        cv_strbuf_printf(out, " | %s | ",
                         cv_view_basis_word(prm->basis, v->lang));
        cv_view_param_users(&sb, v, prm, ", ");
        md_clean(out, &sb);
        cv_strbuf_puts(out, " | ");
        md_profile_text(out, prm->source);
        if (prm->note) {
            cv_strbuf_printf(out, " \\(%s: ",
                             cv_view_heading(CV_HEAD_NOTE, v->lang));
            md_profile_text(out, prm->note);
            cv_strbuf_puts(out, "\\)");
        }
        cv_strbuf_puts(out, " |\n");
    }
    cv_strbuf_putc(out, '\n');
    cv_strbuf_release(&sb);
}

static void comparison_head(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t b;
    cv_strbuf_printf(out, "## %s\n\n%s: ",
                     cv_view_heading(CV_HEAD_COMPARISON, v->lang),
                     cv_view_heading(CV_HEAD_SYMBOLS, v->lang));
    cv_view_status_legend(out, v->lang);
    cv_strbuf_puts(out, CV_L(v->lang,
                             "。各欄は記号と得点/配点、列は入札番号 (#)。"
                             "**必須**の × ! – △ は失格 (△ はプロファイルが"
                             "一部適合を認める基準を除く)、**必須**の ? は"
                             "条件付き適格。\n\n",
                             ". Each cell: symbol and points / max; the "
                             "columns are the bid numbers (#). × ! – △ on a "
                             "**mandatory** criterion disqualifies (△ not "
                             "where the profile accepts a partial result); "
                             "? on a **mandatory** criterion qualifies on "
                             "condition.\n\n"));
    cv_strbuf_printf(out, "| %s |",
                     cv_view_heading(CV_HEAD_CRITERION, v->lang));
    for (b = 0; b < v->nbids; b++)
        cv_strbuf_printf(out, " %zu |", b + 1);
    cv_strbuf_puts(out, "\n|---|");
    for (b = 0; b < v->nbids; b++)
        cv_strbuf_puts(out, ":---:|");
    cv_strbuf_putc(out, '\n');
}

static void comparison_row(struct cv_strbuf *out, const struct cv_view *v,
                           size_t row)
{
    const struct cv_profile_entry *e = &v->crit->profile.entries[row];
    size_t b;
    cv_strbuf_printf(out, "| %s%s%s %s |", e->mandatory ? "**" : "",
                     e->crit->id, e->mandatory ? "**" : "",
                     CV_TEXT(v->lang, e->crit->title));
    for (b = 0; b < v->nbids; b++) {
        const struct cv_result *r = cv_view_result(v, b, row);
        char pts[32], max[32];
        if (!r) {
            cv_strbuf_puts(out, " |");
            continue;
        }
        cv_view_points(pts, r->points);
        cv_view_points(max, r->max_points);
        cv_strbuf_printf(out, " %s%s%s %s/%s |",
                         cv_view_status_symbol(r->status),
                         r->decided ? " " : "",
                         r->decided ? cv_view_decided_mark(v->lang) : "", pts,
                         max);
    }
    cv_strbuf_putc(out, '\n');
}

static void comparison(struct cv_strbuf *out, const struct cv_view *v)
{
    size_t g, k, b;
    comparison_head(out, v);
    for (g = 0; g < v->ngroups; g++) {
        const struct cv_view_group *grp = &v->groups[g];
        cv_strbuf_printf(out, "| *%s* |", CV_TEXT(v->lang, grp->cat->title));
        for (b = 0; b < v->nbids; b++) {
            char pts[32], max[32];
            if (cv_view_bid(v, b)->nresults == 0) {
                cv_strbuf_puts(out, " |");
                continue;
            }
            cv_view_points(pts, grp->points[b]);
            cv_view_points(max, grp->max_points[b]);
            cv_strbuf_printf(out, " *%s/%s* |", pts, max);
        }
        cv_strbuf_putc(out, '\n');
        for (k = 0; k < grp->nrows; k++)
            comparison_row(out, v, grp->rows[k]);
    }
    cv_strbuf_putc(out, '\n');
}

/* ---- registry and link checks per bid ---- */

/* "### 3. Vendor / Service" */
static void bid_heading(struct cv_strbuf *out, const struct cv_view *v,
                        size_t bid)
{
    cv_strbuf_printf(out, "### %zu. ", bid + 1);
    bid_name(out, v, bid, false);
    cv_strbuf_puts(out, "\n\n");
}

static void registry_row(struct cv_strbuf *out, const struct cv_regcheck *rc,
                         cv_lang lang, struct cv_strbuf *sb)
{
    const struct cv_registry_row *r = rc->row;
    cv_strbuf_puts(out, "| ");
    cv_view_reg_claim(sb, rc);
    md_clean_quote(out, sb, lang);
    cv_strbuf_puts(out, " | ");
    cv_view_reg_location(sb, rc);
    md_clean_quote(out, sb, lang);
    cv_strbuf_printf(out, " | %s %s | ", cv_view_reg_symbol(rc->outcome),
                     cv_view_reg_word(rc->outcome, lang));
    if (r) {
        cv_strbuf_printf(out, "%u | ", r->row);
        md_cell(out, r->number, lang);
        cv_strbuf_puts(out, " | ");
        md_cell(out, r->service, lang);
        cv_strbuf_puts(out, " | ");
        md_cell(out, r->provider, lang);
        cv_strbuf_puts(out, " | ");
        md_cell(out, r->scheme, lang);
        cv_strbuf_puts(out, " | ");
        md_cell(out, r->registered, lang);
        cv_strbuf_puts(out, " | ");
        md_cell(out, r->expires, lang);
    } else {
        cv_strbuf_puts(out, "— | | | | | |");
    }
    cv_strbuf_puts(out, " | ");
    md_quote(out, rc->message, CV_VIEW_REASON_MAX_CHARS, lang);
    cv_strbuf_puts(out, " |\n");
}

/* Per bid, its ISMAP / ISMAP-LIU claims beside the list's rows. */
static void registry_checks(struct cv_strbuf *out, const struct cv_view *v)
{
    struct cv_strbuf sb;
    size_t b, i;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(out, "## %s\n\n",
                     cv_view_heading(CV_HEAD_REGISTRY_CHECK, v->lang));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        bid_heading(out, v, b);
        if (s->nresults == 0) {
            cv_strbuf_printf(out, "%s\n\n",
                             CV_L(v->lang, "読み取れなかったため照合して"
                                           "いません。",
                                  "Not checked: the bid could not be read."));
            continue;
        }
        if (s->nregchecks == 0) {
            cv_strbuf_printf(out, "%s\n\n",
                             CV_L(v->lang, "ISMAP・ISMAP-LIU の登録の申告は"
                                           "ありません。",
                                  "No ISMAP or ISMAP-LIU registration is "
                                  "claimed."));
            continue;
        }
        cv_strbuf_printf(out, "| %s | %s | %s | %s | %s | %s | %s | %s | %s "
                              "| %s | %s |\n"
                              "|---|---|---|---:|---|---|---|---|---|---|---|\n",
                         CV_L(v->lang, "申告", "Claim"),
                         CV_L(v->lang, "位置", "Location"),
                         CV_L(v->lang, "照合結果", "Outcome"),
                         CV_L(v->lang, "リストの行", "List row"),
                         CV_L(v->lang, "登録番号", "Number"),
                         CV_L(v->lang, "サービス", "Service"),
                         CV_L(v->lang, "事業者", "Provider"),
                         CV_L(v->lang, "制度", "Scheme"),
                         CV_L(v->lang, "登録日", "Registered"),
                         CV_L(v->lang, "有効期限", "Expires"),
                         CV_L(v->lang, "説明", "Finding"));
        for (i = 0; i < s->nregchecks; i++)
            registry_row(out, &s->regchecks[i], v->lang, &sb);
        cv_strbuf_putc(out, '\n');
    }
    cv_strbuf_release(&sb);
}

static void link_row(struct cv_strbuf *out, const struct cv_link *l,
                     cv_lang lang)
{
    const struct cv_link_check *c = &l->check;
    cv_strbuf_puts(out, "| ");
    md_url(out, c->url, lang);
    cv_strbuf_printf(out, " | %s %s | ", cv_view_link_symbol(l),
                     cv_view_link_word(l, lang));
    if (l->checked && c->http_status)
        cv_strbuf_printf(out, "%ld", c->http_status);
    else
        cv_strbuf_puts(out, "–");
    cv_strbuf_puts(out, " | ");
    md_cell(out, l->checked ? c->content_type : NULL, lang);
    cv_strbuf_puts(out, " | ");
    if (l->checked && c->final_url)
        md_url(out, c->final_url, lang);
    else
        cv_strbuf_puts(out, "–");
    cv_strbuf_puts(out, " | ");
    md_cell(out, l->checked ? c->checked_at : NULL, lang);
    cv_strbuf_puts(out, " | ");
    md_quote(out, l->message, CV_VIEW_REASON_MAX_CHARS, lang);
    cv_strbuf_puts(out, " |\n");
}

/* --online: per bid, every URL and what requesting it gave. */
static void link_checks(struct cv_strbuf *out, const struct cv_view *v,
                        struct cv_sink *sink)
{
    size_t b, i;
    if (!v->online)
        return;
    cv_strbuf_printf(out, "## %s\n\n",
                     cv_view_heading(CV_HEAD_LINK_CHECKS, v->lang));
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        if (!s->online)
            continue;
        bid_heading(out, v, b);
        if (s->nlinks == 0) {
            cv_strbuf_printf(out, "%s\n\n",
                             CV_L(v->lang, "確認する URL はありません。",
                                  "No URL to check."));
            continue;
        }
        cv_strbuf_printf(out, "| URL | %s | HTTP | %s | %s | %s | %s |\n"
                              "|---|---|---:|---|---|---|---|\n",
                         CV_L(v->lang, "結果", "Outcome"),
                         CV_L(v->lang, "種類", "Content type"),
                         CV_L(v->lang, "最終 URL", "Final URL"),
                         CV_L(v->lang, "確認日時 (UTC)", "Checked at (UTC)"),
                         CV_L(v->lang, "説明", "Finding"));
        for (i = 0; i < s->nlinks; i++)
            link_row(out, &s->links[i], v->lang);
        cv_strbuf_putc(out, '\n');
        cv_sink_flush(sink, false);
    }
}

/* ---- the reasons, bid by bid ---- */

/* A result that cost points or is not met: what the reasons list (a
 * criterion met in full, or not applicable, says nothing to explain). */
static bool lost_anything(const struct cv_result *r)
{
    /* a committee's decision is shown whatever it decided */
    return r->decided || (r->status != CV_STATUS_NOT_APPLICABLE &&
                          (r->status != CV_STATUS_MET ||
                           r->points < r->max_points));
}

/* Under a decided result: the tool's own status, and who decided, when
 * and why (hard line breaks, indented into the item). */
static void decided_lines(struct cv_strbuf *out, const struct cv_result *r,
                          cv_lang lang)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(out, "\\\n  ");
    cv_view_tool_status_text(&sb, r, lang);
    md_clean(out, &sb);
    cv_strbuf_puts(out, "\\\n  ");
    cv_view_decision_text(&sb, r, lang);
    md_clean_quote(out, &sb, lang);
    cv_strbuf_release(&sb);
}

/* "- × **CLOUD-REGION** title — 不適合, 0/8 (必須・失格): reason", then,
 * on a second line, where the facts are in the vendor's file. */
static void reason_item(struct cv_strbuf *out, const struct cv_view *v,
                        const struct cv_result *r)
{
    const struct cv_profile_entry *e = r->entry;
    char pts[32], max[32];
    cv_view_points(pts, r->points);
    cv_view_points(max, r->max_points);
    cv_strbuf_printf(out, "- %s **", cv_view_status_symbol(r->status));
    md_profile_text(out, e->crit->id);
    cv_strbuf_puts(out, "** ");
    md_profile_text(out, CV_TEXT(v->lang, e->crit->title));
    cv_strbuf_printf(out, " — %s%s%s, %s/%s",
                     cv_view_status_word(r->status, v->lang),
                     r->decided ? " " : "",
                     r->decided ? cv_view_decided_mark(v->lang) : "", pts,
                     max);
    if (e->mandatory)
        cv_strbuf_printf(out, " \\(%s%s\\)",
                         cv_view_heading(CV_HEAD_MANDATORY, v->lang),
                         cv_view_disqualifies(r)
                             ? CV_L(v->lang, "・失格", ", disqualifies")
                             : "");
    cv_strbuf_puts(out, ": ");
    md_quote(out, r->reason, CV_VIEW_REASON_MAX_CHARS, v->lang);
    if (r->detail && *r->detail) {
        /* A hard line break (a backslash at the end of the line), the
         * line indented to stay in the item. */
        cv_strbuf_printf(out, "\\\n  %s: ",
                         cv_view_heading(CV_HEAD_DETAIL, v->lang));
        md_quote(out, r->detail, CV_VIEW_REASON_MAX_CHARS, v->lang);
    }
    if (r->decided)
        decided_lines(out, r, v->lang);
    cv_strbuf_putc(out, '\n');
}

/* Per bid, in rank order: every criterion that cost points or is not
 * met, with the reason in the run's language. */
static void reasons(struct cv_strbuf *out, const struct cv_view *v,
                    struct cv_sink *sink)
{
    size_t k, i;
    cv_strbuf_printf(out, "## %s\n\n",
                     cv_view_heading(CV_HEAD_REASONS, v->lang));
    for (k = 0; k < v->nbids; k++) {
        size_t b = cv_view_ranked(v, k), n = 0;
        const cv_submission *s = cv_view_bid(v, b);
        bid_heading(out, v, b);
        cv_strbuf_printf(out, "%s %s\n\n", cv_view_bid_verdict_symbol(s),
                         cv_view_bid_verdict_word(s, v->lang));
        for (i = 0; i < s->nresults; i++) {
            if (!lost_anything(&s->results[i]))
                continue;
            reason_item(out, v, &s->results[i]);
            n++;
        }
        if (s->nresults == 0)
            cv_strbuf_printf(out, "%s\n",
                             CV_L(v->lang,
                                  "質問票として読めなかったため評価して"
                                  "いません (診断は report.json)。",
                                  "Not evaluated: the file could not be "
                                  "read as a questionnaire (the diagnostics "
                                  "are in report.json)."));
        else if (n == 0)
            cv_strbuf_printf(out, "%s\n",
                             CV_L(v->lang,
                                  "すべての基準で配点のとおりの得点です。",
                                  "Every criterion earned its full "
                                  "points."));
        cv_strbuf_putc(out, '\n');
        cv_sink_flush(sink, false);
    }
}

static void residual_row(struct cv_strbuf *out, const struct cv_result *r,
                         cv_lang lang, struct cv_strbuf *sb)
{
    const struct cv_criterion *c = r->entry->crit;
    cv_strbuf_printf(out, "| %s ", c->id);
    cv_view_text(sb, CV_TEXT(lang, c->title), false);
    md_clean(out, sb);
    cv_strbuf_puts(out, " | ");
    cv_view_citations(sb, c, "; ");
    md_clean(out, sb);
    cv_strbuf_puts(out, " | ");
    cv_view_text(sb, cv_view_responsibility_word(r, lang), false);
    md_clean(out, sb);
    cv_strbuf_printf(out, ": **%s** | ", cv_view_residual_note(lang));
    md_cell(out, r->customer_responsibilities, lang);
    cv_strbuf_puts(out, " |\n");
}

/* The residual obligations of every bid that has any: what the
 * municipality takes on with it. Omitted when no bid has one. */
static void residual_obligations(struct cv_strbuf *out,
                                 const struct cv_view *v,
                                 struct cv_sink *sink)
{
    struct cv_strbuf sb;
    size_t b, i;
    if (!cv_view_any_residual(v))
        return;
    cv_strbuf_printf(out, "## %s\n\n%s\n\n", cv_view_residual_title(v->lang),
                     cv_view_residual_intro(v->lang));
    cv_strbuf_init(&sb, 0);
    for (b = 0; b < v->nbids; b++) {
        const cv_submission *s = cv_view_bid(v, b);
        if (cv_view_residual_count(v, b) == 0)
            continue;
        bid_heading(out, v, b);
        cv_strbuf_printf(out, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
                         cv_view_heading(CV_HEAD_CRITERION, v->lang),
                         cv_view_heading(CV_HEAD_CLAUSES, v->lang),
                         CV_L(v->lang, "責任分担", "Responsibility"),
                         CV_L(v->lang, "利用者が行うこと (提供者の記載)",
                              "What the customer must do (the provider's "
                              "words)"));
        for (i = 0; i < s->nresults; i++)
            if (s->results[i].residual)
                residual_row(out, &s->results[i], v->lang, &sb);
        cv_strbuf_putc(out, '\n');
        cv_sink_flush(sink, false);
    }
    cv_strbuf_fail(out, cv_strbuf_status(&sb));
    cv_strbuf_release(&sb);
}

cv_status cv_report_md(const cv_report *report, cv_write_fn write,
                       void *payload)
{
    struct cv_view v;
    struct cv_sink sink;
    cv_status st = cv_view_build(&v, report);
    if (st == CV_OK) {
        cv_sink_init(&sink, write, payload);
        summary(&sink.buf, &v);
        award(&sink.buf, &v);
        ranking(&sink.buf, &v);
        decisions(&sink.buf, &v);
        parameters(&sink.buf, &v);
        comparison(&sink.buf, &v);
        cv_sink_flush(&sink, false);
        reasons(&sink.buf, &v, &sink);
        residual_obligations(&sink.buf, &v, &sink);
        registry_checks(&sink.buf, &v);
        link_checks(&sink.buf, &v, &sink);
        st = cv_sink_finish(&sink);
    }
    cv_view_release(&v);
    return st;
}
