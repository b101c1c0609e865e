/* SPDX-License-Identifier: MIT */
/*
 * view.h: what the human formats (HTML, XLSX, CSV, Markdown) share, so
 * that all of them say the same thing in the same words:
 *
 *  - the rows of the comparison: the profile's criteria grouped by the
 *    categories of data/categories.json, in that file's order;
 *  - per bid and category, the points earned and the points possible;
 *  - the words and symbols of statuses and verdicts in the run language
 *    (a symbol as well as a colour, so a black-and-white print reads),
 *    and the headings of sections and columns: one table in view.c,
 *    which `check` reads too (cloudvet.h: cv_status_word & co.);
 *  - display text: every string from a submission or a file name passes
 *    cv_view_text first (controls, non-characters and invisible
 *    characters replaced or made visible, the same rule as the terminal's:
 *    see cv_utf8_display), and only then the format's own escaping;
 *  - the responsibility split of the answers: whether any bid leaves
 *    items to the customer (the residual sections and columns appear
 *    only then), who carries an item and the sentence that says it is
 *    the customer's, in the run language;
 *  - the registry and link checks: whether the ISMAP list was consulted
 *    (and how old it was), the word, symbol and tone of each outcome;
 *  - the award (a tender file): the tender's method, split, price formula,
 *    rounding and tie-break chain in words, award states, yen and award
 *    points, the margin and the sensitivity sentence with the fragile
 *    flag, the method hash and its sentence; the review decisions: the
 *    "decided by review" mark, the tool's status, who/when/why and what
 *    became of each decision. A decisions file and a tender file are
 *    anyone's files: their text is hostile like a bid's.
 *    Registry rows and snapshot names come from an imported file (a list
 *    downloaded from anywhere), so they are hostile text like a bid's.
 *
 * A view borrows the report and owns only its arena; it is built per
 * write and released after it.
 */
#ifndef CV_REPORT_VIEW_H
#define CV_REPORT_VIEW_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../base/strbuf.h"
#include "../internal.h"

struct cv_view_group {
    const struct cv_category *cat;
    size_t *rows; /* indexes into the profile's entries (= result index) */
    size_t nrows;
    double *points;     /* per bid */
    double *max_points; /* per bid */
};

struct cv_view {
    const cv_report *report;
    const struct cv_criteria *crit;
    cv_lang lang;
    char as_of[11];
    size_t nbids;
    struct cv_view_group *groups;
    size_t ngroups;
    struct cv_registry_note registry; /* was the ISMAP list consulted */
    bool online;                      /* were links checked (--online) */
    size_t *ranked;                   /* cv_view_ranked */
    const char *tender_id;            /* cv_view_tender_id */
    const char *tender_title;
    bool mixed_tenders;
    struct cv_arena arena;
};

/* The bids in ranking order (cv_view_build fills it): qualified bids by
 * rank, then those qualified on condition by rank, then disqualified ones
 * by score (highest first), then invalid files; input order within a tie.
 * With an award (a tender file): the bids ranked on 総合評価点 by award
 * rank, then the qualified ones left unranked (void above the 予定価格,
 * no price, below the 最低基準点) by score, then disqualified, then
 * invalid.
 * Every human format lists bids in this order where it ranks them. */
size_t cv_view_ranked(const struct cv_view *v, size_t k);

/* The order of the ranking with an award, in words. */
const char *cv_view_award_order_note(cv_lang lang);

/* The tender the report is about: the one tender id the bids give (and
 * its first title), NULL when none gives one. `mixed` is set when bids
 * name two or more different tender ids (see cv_view_tender_of). */
const char *cv_view_tender_id(const struct cv_view *v);
const char *cv_view_tender_title(const struct cv_view *v);
bool cv_view_mixed_tenders(const struct cv_view *v);

/* How equal scores are ranked, in words (the profile's rule,
 * scoring.tie_break): "equal scores: the higher points on mandatory
 * criteria rank first; equal on both share a rank". */
const char *cv_view_tie_rule(const struct cv_view *v);

cv_status cv_view_build(struct cv_view *v, const cv_report *report);
void cv_view_release(struct cv_view *v);

const cv_submission *cv_view_bid(const struct cv_view *v, size_t bid);
unsigned cv_view_rank(const struct cv_view *v, size_t bid);
/* The result of profile entry `row` for `bid`; NULL when the bid is
 * invalid (it has no results). */
const struct cv_result *cv_view_result(const struct cv_view *v, size_t bid,
                                       size_t row);
/* Number of mandatory criteria the bid failed (the disqualifying ones). */
size_t cv_view_failed_count(const struct cv_view *v, size_t bid);
/* A mandatory criterion whose status disqualifies. */
bool cv_view_disqualifies(const struct cv_result *r);
/* Qualified on condition: some mandatory criterion only claimed
 * (report.json's `conditional`); its pending results, in profile order
 * (NULL past the last). */
bool cv_view_conditional(const struct cv_view *v, size_t bid);
const struct cv_result *cv_view_pending(const struct cv_view *v, size_t bid,
                                        size_t i);
/* The bid's verdict as people read it: like cv_view_verdict_*, with a
 * conditional qualification said distinctly ("○※ 条件付き適格"). */
#define CV_VIEW_CONDITIONAL_MARK "※"
const char *cv_view_bid_verdict_symbol(const cv_submission *s);
const char *cv_view_bid_verdict_word(const cv_submission *s, cv_lang lang);
/* The footnote the mark refers to (ranking, summary). */
const char *cv_view_conditional_note(cv_lang lang);

/* ---- the profile's parameters ---- */

/* What a parameter rests on, in words: clause, guideline (beyond the
 * clause), this profile's choice. */
const char *cv_view_basis_word(enum cv_param_basis b, cv_lang lang);
/* The value as written ("99.9", "ISMAP, ISO/IEC 27017"), cleaned. */
void cv_view_param_value(struct cv_strbuf *out, const struct cv_param *p);
/* How a criterion applies it: "sla.rto_hours ≤ 12", or
 * "home_country = JP" for a setting of the check. */
void cv_view_entry_param(struct cv_strbuf *out,
                         const struct cv_entry_param *ep);
/* The criteria of the profile that apply `p`, separated by `sep`, each
 * marked "(mandatory: failing it disqualifies)" when it is a threshold of
 * a mandatory requirement, "(bonus)" when it only earns points; "–" when
 * none does. */
void cv_view_param_users(struct cv_strbuf *out, const struct cv_view *v,
                         const struct cv_param *p, const char *sep);
/* Every parameter the entry's check applies, with its basis and source,
 * in one line ("values applied: sla.rto_hours ≤ 12 [guideline …: …]; …");
 * nothing when it applies none. For the template's questions. */
void cv_view_entry_params(struct cv_strbuf *out,
                          const struct cv_profile_entry *e, cv_lang lang);

/* The bid's display name: vendor (service), or the file when unreadable;
 * already cleaned by cv_view_text. */
void cv_view_bid_name(struct cv_strbuf *out, const struct cv_view *v,
                      size_t bid);

/* The vocabulary (one table in view.c, public as cv_status_word & co.):
 * the words and symbols of statuses and verdicts, and the headings of
 * sections and columns. Every human format and `check` take their words
 * from here. */
const char *cv_view_status_symbol(cv_result_status s);
const char *cv_view_status_word(cv_result_status s, cv_lang lang);
const char *cv_view_verdict_symbol(cv_verdict v);
const char *cv_view_verdict_word(cv_verdict v, cv_lang lang);
const char *cv_view_heading(cv_heading h, cv_lang lang);
/* "○ 適合, △ 一部適合, ? 申告のみ (要確認), …": every status with its
 * symbol, for a format's legend. */
void cv_view_status_legend(struct cv_strbuf *out, cv_lang lang);
const char *cv_view_severity_word(cv_severity s, cv_lang lang);

/* The vendor's answer (yes/no/partial/na) in the run language. */
const char *cv_view_response_word(const char *response, cv_lang lang);

/* ---- the responsibility split (residual obligations) ---- */

/* Some result of some bid is a residual obligation (the provider leaves
 * the item to the customer): the formats add their residual section or
 * columns only then, so a report without any reads as before. */
bool cv_view_any_residual(const struct cv_view *v);
/* Some result of some bid states a responsibility split at all (or the
 * customer's part): CSV and XLSX add their columns only then. */
bool cv_view_any_responsibility(const struct cv_view *v);
/* A result that states a responsibility or the customer's part. */
bool cv_view_has_responsibility(const struct cv_result *r);
/* How many of the bid's results are residual obligations. */
size_t cv_view_residual_count(const struct cv_view *v, size_t bid);
/* Who carries the item, in words ("利用者 (CSC)", "第三者 (委託先)"…);
 * "" when the answer does not say. */
const char *cv_view_responsibility_word(const struct cv_result *r,
                                        cv_lang lang);
/* "この項目は利用者側の責任です" / "this item is the customer's
 * responsibility". */
const char *cv_view_residual_note(cv_lang lang);
/* The heading of the list: "利用者側の責任 (残存義務)". */
const char *cv_view_residual_title(cv_lang lang);
/* The sentence under that heading: what the list is and that it changes
 * no status. */
const char *cv_view_residual_intro(cv_lang lang);

/* Points for people: at most two decimals, no trailing zeros ("7.5"). */
void cv_view_points(char out[32], double points);
/* Percentage of max (0 when max is 0), rounded to an integer. */
int cv_view_percent(double points, double max);

/* Appends `s` (NULL = "") made safe to display (see cv_utf8_display). */
void cv_view_text(struct cv_strbuf *out, const char *s, bool keep_lines);

/* Cuts the (valid UTF-8) text of `sb` to `max` code points, ending it
 * with "…" when anything was cut. */
void cv_view_cut(struct cv_strbuf *sb, size_t max);

/*
 * Quoting vendor text in the human formats (HTML, XLSX, CSV, Markdown).
 *
 * A submission may hold strings of up to max_string_bytes each, thousands
 * of them; a report that quoted each in full in every format, and some
 * twice, grew to many times its input. The human formats therefore show
 * at most CV_VIEW_QUOTE_MAX_CHARS characters of any one vendor field
 * (explanation, evidence title, quote, page, section, URL text, a value
 * a reason or a diagnostic embeds...), and a bid's name at most
 * CV_VIEW_NAME_MAX_CHARS where it is repeated (table headers, CSV rows,
 * chart labels). What is cut ends with cv_view_cut_marker: report.json
 * (the record) keeps every string in full.
 *
 * Characters are code points of the cleaned text (what a person sees):
 * a cut never falls inside a UTF-8 sequence, inside a "[U+202E]" made
 * visible by cv_view_text, or between a character and the combining
 * marks or variation selectors that follow it; the format escapes the
 * result afterwards, so never inside one of its escapes either.
 */
#define CV_VIEW_QUOTE_MAX_CHARS 500
#define CV_VIEW_NAME_MAX_CHARS 100
/* Reasons are our sentences around the facts the vendor gave (every
 * location, every grading point); they are longer than one field, and
 * cut only past this. */
#define CV_VIEW_REASON_MAX_CHARS 2000

/* "…（以下省略: 全文は report.json）" / "… (cut: the full text is in
 * report.json)". */
const char *cv_view_cut_marker(cv_lang lang);

/* Appends `s` (NULL = "") cleaned as cv_view_text, cut after `max`
 * characters (0: CV_VIEW_QUOTE_MAX_CHARS) with the marker in `lang`.
 * The result is at most `max` characters plus the marker. Returns true
 * when the text was cut. Errors are the buffer's (sticky). */
bool cv_view_quote(struct cv_strbuf *out, const char *s, size_t max,
                   bool keep_lines, cv_lang lang);

/* Of one list of a bid (the evidence of an answer) the human formats show
 * the first CV_VIEW_LIST_MAX_ITEMS; cv_view_more_items then says how many
 * more report.json has: "ほか 3 件（省略: 全件は report.json）". */
#define CV_VIEW_LIST_MAX_ITEMS 20
void cv_view_more_items(struct cv_strbuf *out, size_t more, cv_lang lang);

/* The bid's display name (cv_view_bid_name) cut at
 * CV_VIEW_NAME_MAX_CHARS with the marker: for every place a format
 * repeats it. */
void cv_view_bid_label(struct cv_strbuf *out, const struct cv_view *v,
                       size_t bid);
/* The bid's display name with vendor and service each cut at
 * CV_VIEW_QUOTE_MAX_CHARS: for the one place a format quotes it at
 * length (the bid's facts, the results table of report.md). */
void cv_view_bid_name_quoted(struct cv_strbuf *out, const struct cv_view *v,
                             size_t bid);

/* The criterion's citations, "document clause", separated by `sep` (the
 * criteria's own text: trusted, still cleaned for display). */
void cv_view_citations(struct cv_strbuf *out, const struct cv_criterion *c,
                       const char *sep);

/* Diagnostic location as the report gives it ("/path (3:7)"). */
void cv_view_location(struct cv_strbuf *out, const cv_diag *d);

/* ---- registry and link checks ---- */

/* How an outcome reads at a glance, for a colour or a style; never shown
 * alone (the symbol and the word say the same). */
enum cv_view_tone {
    CV_TONE_GOOD,  /* confirmed */
    CV_TONE_CHECK, /* a person must look */
    CV_TONE_BAD,   /* refuted, unreachable or refused */
    CV_TONE_NONE   /* nothing was checked */
};
/* "good", "check", "bad", "none" (HTML classes). */
const char *cv_view_tone_str(enum cv_view_tone t);

/* The registry check's outcome: "○ 登録を確認", "× 登録なし", "– 未照合"... */
const char *cv_view_reg_symbol(enum cv_reg_outcome o);
const char *cv_view_reg_word(enum cv_reg_outcome o, cv_lang lang);
enum cv_view_tone cv_view_reg_tone(enum cv_reg_outcome o);

/* The link check's outcome; a link left out by the limit on URLs or the
 * time budget is "not_checked" (report.json has no outcome for it). */
const char *cv_view_link_outcome(const struct cv_link *l);
const char *cv_view_link_symbol(const struct cv_link *l);
const char *cv_view_link_word(const struct cv_link *l, cv_lang lang);
enum cv_view_tone cv_view_link_tone(const struct cv_link *l);

/* The state of the registry for the run: checked (GOOD), checked against
 * a list older than the limit (CHECK), or not checked (NONE). The word is
 * plain: "未照合" / "not checked" is never left out. */
enum cv_view_tone cv_view_registry_tone(const struct cv_view *v);
const char *cv_view_registry_symbol(const struct cv_view *v);
const char *cv_view_registry_word(const struct cv_view *v);
/* The registry's sentence (report.json's registry.message), cleaned. */
void cv_view_registry_text(struct cv_strbuf *out, const struct cv_view *v);
/* "ismap-2026-11-01.json, 20 days before the evaluation date (limit 30
 * days)", cleaned; nothing when the registry was not checked. */
void cv_view_registry_snapshot(struct cv_strbuf *out,
                               const struct cv_view *v);
/* Whether links were requested: "checked online (--online)" or "not
 * checked (evaluated offline ...)". */
const char *cv_view_online_text(const struct cv_view *v);

/* The vendor's claim, "ISMAP C23-0187-1" (number "–" when none), cleaned. */
void cv_view_reg_claim(struct cv_strbuf *out, const struct cv_regcheck *rc);
/* Where the claim is: "/certifications/0 (27)", cleaned. */
void cv_view_reg_location(struct cv_strbuf *out, const struct cv_regcheck *rc);

/* ---- the award, review decisions and sensitivity ---- */

/* The tender file the report is scored by (cv_report_use_tender), or
 * NULL: then there is no award, only the technical ranking. */
const struct cv_tender_def *cv_view_tender(const struct cv_view *v);
/* The award was computed (a tender file was given). */
bool cv_view_awarded(const struct cv_view *v);
/* The bid's award figures, or NULL when there is no award. */
const struct cv_award_bid *cv_view_award_bid(const struct cv_view *v,
                                             size_t bid);
/* "入札価格が予定価格を超えるため無効" ...: the state in words; "順位付け"
 * for a ranked bid. */
const char *cv_view_award_state_word(enum cv_award_state s, cv_lang lang);
/* "加算方式" / "除算方式" / "技術点のみ". */
const char *cv_view_tender_method_word(enum cv_tender_method m, cv_lang lang);
/* The whole scoring method in one line: method, split 技術点:価格点 and
 * the price formula in words. */
void cv_view_tender_method_text(struct cv_strbuf *out,
                                const struct cv_tender_def *t, cv_lang lang);
/* The price formula in words ("価格点 = 価格点の配分 × (1 − 入札価格 ÷
 * 予定価格)"); nothing for technical-only. */
void cv_view_price_formula_text(struct cv_strbuf *out,
                                const struct cv_tender_def *t, cv_lang lang);
/* "技術点: 小数第 2 位未満切捨て; 価格点: …; 総合評価点: …". */
void cv_view_rounding_text(struct cv_strbuf *out,
                           const struct cv_tender_def *t, cv_lang lang);
/* The tie-break chain in order, "技術点の高い方 → … → くじ". */
void cv_view_tie_chain_text(struct cv_strbuf *out,
                            const struct cv_tender_def *t, cv_lang lang);
/* "税抜価格で比較 (消費税率 10 %)". */
void cv_view_tax_text(struct cv_strbuf *out, const struct cv_tender_def *t,
                      cv_lang lang);
/* "–" when the tender sets none. */
void cv_view_minimum_text(struct cv_strbuf *out,
                          const struct cv_tender_def *t, cv_lang lang);
/* Yen with thousands separators: "12,345,000 円" / "JPY 12,345,000". */
void cv_view_yen(struct cv_strbuf *out, int64_t yen, cv_lang lang);
/* Award points with the tender's decimals for the total ("87.50"): the
 * digits of its rounding of the total, at most two decimals without. */
void cv_view_award_points(char out[40], const struct cv_view *v, double x);
/* The decimals the award figures are shown with (XLSX number formats). */
unsigned cv_view_award_digits(const struct cv_view *v);
/* The bid has a 技術点 to show: every bid but a file that could not be
 * read (a disqualified bid's is shown, as report.json has it). */
bool cv_view_award_has_technical(const struct cv_view *v, size_t bid);
/* A bid's award cell in words when not ranked: the state and its reason,
 * cleaned. */
void cv_view_award_unranked(struct cv_strbuf *out, const struct cv_view *v,
                            size_t bid);

/* The sentence beside the method hash: it must equal the hash `cloudvet
 * criteria show` printed when the method was published. */
const char *cv_view_method_hash_note(cv_lang lang);
/* The report's method hash, "–" when none was computed. */
const char *cv_view_method_sha256(const struct cv_view *v);

/* The sensitivity was computed for at least two ranked bids. */
bool cv_view_sens_computed(const struct cv_view *v);
/* The flag shown in the summary when first place moves under ±10 %. */
const char *cv_view_fragile_flag(cv_lang lang);
/* The margin of first over second in words with the two bids' names,
 * cleaned. */
void cv_view_margin_text(struct cv_strbuf *out, const struct cv_view *v);
/* The sentence: whether the first place holds under every ±10 % / ±20 %
 * change of one weight or of the split, and which it depends on. */
void cv_view_sensitivity_text(struct cv_strbuf *out, const struct cv_view *v);
/* The criteria (and "the split") first place depends on, by `sep`;
 * "–" when none. */
void cv_view_depends_text(struct cv_strbuf *out, const struct cv_view *v,
                          const char *sep);

/* The mark after a status a committee decided: "(審査で判断)". */
const char *cv_view_decided_mark(cv_lang lang);
/* "適合 (審査で判断)": the decided status word with the mark, or the
 * plain word when the tool's status stands. */
void cv_view_result_status_text(struct cv_strbuf *out,
                                const struct cv_result *r, cv_lang lang);
/* "ツールの判定: 申告のみ (要確認)" for a decided result; nothing else. */
void cv_view_tool_status_text(struct cv_strbuf *out,
                              const struct cv_result *r, cv_lang lang);
/* "審査委員会 山田 (2026-11-20): 理由" for a decided result, cleaned;
 * nothing else. */
void cv_view_decision_text(struct cv_strbuf *out, const struct cv_result *r,
                           cv_lang lang);
/* "適用" / "不適用: 入札ファイルが判断後に変更" ... */
const char *cv_view_fate_word(enum cv_decision_fate f, cv_lang lang);
/* Any bid has a decision note (applied or stale), or any is stale. */
bool cv_view_any_decisions(const struct cv_view *v);
bool cv_view_any_stale(const struct cv_view *v);
/* The tool's status of the criterion a decision names for `bid`: the
 * result's own, or its tool_status when the decision replaced it; NULL
 * when the bid has no such result. */
const struct cv_result *cv_view_decision_result(const struct cv_view *v,
                                                size_t bid,
                                                const struct cv_decision *d);
cv_result_status cv_view_tool_status(const struct cv_result *r);

/*
 * Streams a writer's text to the caller's callback in chunks, so a large
 * report is never held whole: append to `buf`, call cv_sink_flush when
 * it is long, cv_sink_finish at the end.
 */
struct cv_sink {
    cv_write_fn write;
    void *payload;
    struct cv_strbuf buf;
    cv_status status;
};

void cv_sink_init(struct cv_sink *s, cv_write_fn write, void *payload);
/* Hands the buffered text on when it exceeds a chunk (or always with
 * `force`); keeps the first error. */
void cv_sink_flush(struct cv_sink *s, bool force);
/* Flushes the rest, releases the buffer and returns the first error. */
cv_status cv_sink_finish(struct cv_sink *s);

#endif
