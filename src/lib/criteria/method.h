/* SPDX-License-Identifier: MIT */
/*
 * method.h: the scoring method as published (評価基準書, `cloudvet
 * criteria show`): every criterion of the profile with its clauses, its
 * requirement in words, mandatory or graded, its points and how partial,
 * claimed and conditional results count, every parameter with its source
 * and basis, the aggregation, rounding and tie-break rules, and with a
 * tender file its method part (never its prices).
 *
 * Its canonical form is one JSON document (format cloudvet-method/1),
 * written by our own writer so its bytes depend only on the data; the
 * method's SHA-256 is the SHA-256 of those bytes: `criteria show --format
 * json | sha256sum` prints what every report of the tender shows.
 *
 * The rule of the bytes (docs/method.md): members in a fixed order (the
 * order of this file's writer, never a hash table's), no whitespace but
 * one line break after the document's opening brace, after each of its
 * top-level members and before each criterion, so every criterion is one
 * line whose bytes are those cv_method_criterion_sha256 hashes. Strings
 * are UTF-8 as loaded, only `"`, `\` and the controls escaped (\n, \t,
 * ... or \u00XX). Numbers: an integral value below 2^53 as an integer
 * ("8", never "8.0"), any other as the shortest %.{1..17}g that reads
 * back to the same double; both languages' texts are carried, so the
 * bytes do not depend on --lang.
 */
#ifndef CV_CRITERIA_METHOD_H
#define CV_CRITERIA_METHOD_H

#include "../base/strbuf.h"
#include "criteria.h"
#include "tender.h"

#define CV_METHOD_FORMAT "cloudvet-method/1"

/* The canonical JSON of the method into `sb` (tender may be NULL). */
cv_status cv_method_json(struct cv_strbuf *sb, const struct cv_criteria *crit,
                         const struct cv_tender_def *tender);

/* SHA-256 (hex) of cv_method_json's bytes. */
cv_status cv_method_sha256(char hex[65], const struct cv_criteria *crit,
                           const struct cv_tender_def *tender);

/* SHA-256 (hex) of one criterion as the method states it (its object of
 * the canonical JSON): what a review decision records, so a decision on
 * a criterion that has since changed is stale. */
cv_status cv_method_criterion_sha256(char hex[65],
                                     const struct cv_criteria *crit,
                                     const struct cv_profile_entry *entry);

/* ---- the same facts in words, for the human formats ---- */

/* A number by the document's rule ("8", "0.5", "99.9"). */
void cv_method_number(struct cv_strbuf *sb, double x);
/* The points `fraction` of `weight` earns, rounded as eval rounds them
 * (half up at two decimals). */
double cv_method_points(double weight, double fraction);

/* The scoring rules every 評価基準書 states, in this order. */
enum cv_method_rule {
    CV_METHOD_RULE_VERDICT = 0,  /* every mandatory criterion in full */
    CV_METHOD_RULE_CONDITIONAL,  /* a claimed mandatory criterion */
    CV_METHOD_RULE_POINTS,       /* met / partial / claimed / others */
    CV_METHOD_RULE_GRADING,      /* base and bonuses */
    CV_METHOD_RULE_NOT_APPLICABLE,
    CV_METHOD_RULE_AGGREGATION,  /* score = Σ points, max = Σ weights */
    CV_METHOD_RULE_ROUNDING,
    CV_METHOD_RULE_RANKING,
    CV_METHOD_RULE_TIE_BREAK,
    CV_METHOD_RULE_COUNT
};
/* Its id in the document ("verdict", ...). */
const char *cv_method_rule_id(enum cv_method_rule r);
/* Its sentence in `lang`, with the profile's numbers. */
void cv_method_rule_text(struct cv_strbuf *sb, const struct cv_criteria *crit,
                         enum cv_method_rule r, cv_lang lang);

/* What a tender's method part states, in this order (each one line of
 * the human formats; the JSON carries the same in both languages). */
enum cv_method_tender_item {
    CV_METHOD_T_METHOD = 0,    /* technical-only, additive, division */
    CV_METHOD_T_SPLIT,         /* 技術点:価格点 */
    CV_METHOD_T_TECHNICAL,     /* 技術点 = 得点 ÷ 満点 × 配分 */
    CV_METHOD_T_PRICE,         /* the price formula (additive) */
    CV_METHOD_T_TOTAL,         /* 総合評価点 / 評価値 */
    CV_METHOD_T_TAX,
    CV_METHOD_T_ROUNDING,      /* per component */
    CV_METHOD_T_TIE_BREAK,     /* the chain */
    CV_METHOD_T_MINIMUM,       /* 最低基準点 */
    CV_METHOD_T_CEILING,       /* over the 予定価格: void (no amount) */
    CV_METHOD_T_COUNT
};
const char *cv_method_tender_item_id(enum cv_method_tender_item i);
/* The item's heading and its statement in `lang`. */
const char *cv_method_tender_item_title(enum cv_method_tender_item i,
                                        cv_lang lang);
void cv_method_tender_text(struct cv_strbuf *sb,
                           const struct cv_tender_def *t,
                           enum cv_method_tender_item i, cv_lang lang);

/* How a parameter of a criterion is applied, in words, and its value
 * as the document writes it (JSON: strings quoted, arrays in [ ]). */
void cv_method_param_value(struct cv_strbuf *sb, const struct cv_param *p);

#endif
