/* SPDX-License-Identifier: MIT */
/*
 * eval.h: stage 3, typed questionnaire x profile -> results.
 *
 * For every criterion of the profile a check judges the facts (met,
 * partial, not met, contradicted among themselves, or no facts at all) and
 * writes a reason that names each fact it used; the vendor's answer is
 * then laid over it: `yes` with no facts is `claimed`, `yes` that the
 * facts refute is `contradicted`, `na` counts only where the criterion
 * allows it. Findings are data: evaluation returns CV_OK even when every
 * criterion fails.
 *
 * Results own their strings through the results arena, so the document
 * (and its arena) can be freed as soon as cv_eval_document returns.
 */
#ifndef CV_EVAL_H
#define CV_EVAL_H

#include "../base/date.h"
#include "../base/diag.h"
#include "../base/node.h"
#include "../criteria/criteria.h"

struct cv_evidence {
    const char *title;
    const char *url;
    const char *page;
    const char *section;
    const char *quote;
};

struct cv_result {
    const struct cv_profile_entry *entry;
    cv_result_status status;
    double points;
    double max_points;
    const char *reason;
    const char *response;    /* the vendor's answer, or NULL */
    const char *explanation; /* the vendor's explanation, or NULL */
    struct cv_evidence *evidence;
    size_t nevidence;
};

struct cv_eval_req {
    const struct cv_criteria *crit;
    const struct cv_node *doc;
    cv_day as_of;
    const char *source;
    struct cv_arena *arena;  /* results lifetime */
    struct cv_diags *diags;  /* the submission's diagnostics */
};

struct cv_eval_out {
    struct cv_result *results;
    size_t nresults;
    double score;
    double max_score;
    size_t needs_review;
    cv_verdict verdict;
};

cv_status cv_eval_document(struct cv_eval_out *out,
                           const struct cv_eval_req *req);

/* ---- shared by the checks (eval_*.c) ---- */

enum cv_facts {
    CV_FACTS_NONE,   /* nothing to judge: the answer decides */
    CV_FACTS_MET,
    CV_FACTS_PARTIAL,
    CV_FACTS_NOT_MET,
    CV_FACTS_CONTRADICTED /* the facts disagree with each other */
};

struct cv_check {
    const struct cv_eval_req *req;
    const struct cv_criterion *crit;
    cv_lang lang;
    enum cv_facts facts;
    struct cv_strbuf reason; /* what the facts showed */
    double bonus;            /* grading fraction earned beyond base */
};

/* Reason helpers: add a sentence fragment separated by "; ". */
void cv_check_say(struct cv_check *ck, const char *fmt, ...) CV_PRINTF(2, 3);
/* The profile parameter `name` named by member `member` of the check. */
const struct cv_node *cv_check_param(const struct cv_check *ck,
                                     const char *member);
/* Worsen the verdict (NONE < MET < PARTIAL < NOT_MET < CONTRADICTED). */
void cv_check_worsen(struct cv_check *ck, enum cv_facts f);

cv_status cv_check_conditions(struct cv_check *ck);
cv_status cv_check_certification(struct cv_check *ck);
cv_status cv_check_jurisdiction(struct cv_check *ck);
cv_status cv_check_data_location(struct cv_check *ck);
cv_status cv_check_crypto(struct cv_check *ck);
cv_status cv_check_mfa(struct cv_check *ck);

/* Evaluates a condition tree; `described` appends each test's outcome to
 * the reason. Returns 1 holds, 0 fails; *seen is set when any field the
 * tree names is present. */
int cv_cond_eval(struct cv_check *ck, const struct cv_cond *c, bool describe,
                 bool *seen);

/* Loose name comparison (NFKC, case fold, blanks and 株式会社 forms
 * removed): 1 when one contains the other, 0 otherwise. */
int cv_names_match(struct cv_arena *scratch, const char *a, const char *b);

#endif
