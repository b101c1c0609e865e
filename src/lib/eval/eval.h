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
#include "../net/net.h"
#include "../registry/registry.h"

struct cv_evidence {
    const char *title;
    const char *url;
    const char *page;
    const char *section;
    const char *quote;
    /* Where the vendor gave it: a JSON Pointer, an XPath or a workbook
     * cell ("Answers!H12"), so the officer finds it in their own file. */
    const char *location;
};

struct cv_result {
    const struct cv_profile_entry *entry;
    cv_result_status status;
    double points;
    double max_points;
    const char *reason;
    /* Where the facts the reason speaks of are in the vendor's file (JSON
     * Pointers, XPaths or cells), for a smaller second line under the
     * plain-words reason; NULL when none. */
    const char *detail;
    const char *response;    /* the vendor's answer, or NULL */
    const char *explanation; /* the vendor's explanation, or NULL */
    const char *answer_location; /* where the answer is, or NULL */
    unsigned answer_line;   /* its line and column, 0 when not known */
    unsigned answer_column; /* (`check` points at it) */
    struct cv_evidence *evidence;
    size_t nevidence;
    /* The responsibility split the answer states (CAIQ v4 SSRM Control
     * Ownership: a value of answers[].responsibility), NULL when it does
     * not say; and what the provider says the customer must do. Neither
     * changes the status (eval_residual.c says why). */
    const char *responsibility;
    const char *customer_responsibilities;
    bool responsibility_unread; /* given, but the reader could not read it */
    /* A residual obligation: the customer (the municipality) carries the
     * item, as the provider marks it customer or shared_customer, or its
     * mark could not be read. */
    bool residual;
    /* A committee's review decision replaced the tool's status
     * (criteria/decisions.h, eval/decide.c): `status` and `points` are
     * the decision's; the tool's own are kept beside them. */
    bool decided;
    cv_result_status tool_status; /* what the tool said (when decided) */
    double tool_points;
    const char *decided_by;       /* who decided */
    const char *decided_on;       /* when, YYYY-MM-DD */
    const char *decision_reason;  /* why, as the committee wrote it */
};

/* What a registry lookup of one ISMAP / ISMAP-LIU certification found. */
enum cv_reg_outcome {
    CV_REGCHK_NOT_CHECKED = 0, /* no snapshot: nothing was compared */
    CV_REGCHK_REGISTERED,      /* number, service, provider, scheme, dates */
    CV_REGCHK_NO_NUMBER,       /* the certification gives no number */
    CV_REGCHK_NOT_FOUND,       /* the number is not in the list */
    CV_REGCHK_OTHER_SERVICE,   /* the number is another service's */
    CV_REGCHK_PROVIDER_MISMATCH,
    CV_REGCHK_SCHEME_MISMATCH, /* claimed ISMAP, listed ISMAP-LIU (or so) */
    CV_REGCHK_EXPIRED,
    CV_REGCHK_NOT_YET_VALID,
    CV_REGCHK_EXPIRY_UNKNOWN   /* the row's expiry is not a date */
};

/* The report's word for an outcome ("registered", "not_found", ...). */
const char *cv_reg_outcome_str(enum cv_reg_outcome o);

struct cv_regcheck {
    size_t index;           /* certifications[index] */
    const char *pointer;    /* its JSON Pointer or XPath */
    unsigned line;
    const char *scheme;
    const char *number;     /* as the vendor wrote it */
    enum cv_reg_outcome outcome;
    const struct cv_registry_row *row; /* the row compared (a copy), or NULL */
    const char *message;    /* the finding, in the run's language */
};

/* A link check and where the link came from. */
struct cv_link {
    const char *pointer;    /* JSON Pointer / XPath of the URL */
    bool checked;           /* false: not requested (over the max_links
                               limit) or not finished in time
                               (over_budget) */
    bool over_budget;       /* the link-check time budget ran out first */
    struct cv_link_check check;
    const char *message;    /* the outcome in the run's language */
};

/* Every URL of a submission worth checking, in document order without
 * repeats: evidence[].url anywhere, sla.url, isolation.url. */
cv_status cv_eval_collect_links(struct cv_link **out, size_t *n,
                                const struct cv_node *doc,
                                struct cv_arena *a);
/* The report's word for a link outcome ("ok", "blocked", ...). */
const char *cv_link_outcome_str(enum cv_link_outcome o);
/* Fills links[i].message from links[i].check (eval_links.c). */
cv_status cv_eval_describe_links(struct cv_link *links, size_t n,
                                 cv_lang lang, struct cv_arena *a);

struct cv_eval_req {
    const struct cv_criteria *crit;
    const struct cv_node *doc;
    cv_day as_of;
    const char *source;
    struct cv_arena *arena;  /* results lifetime */
    struct cv_diags *diags;  /* the submission's diagnostics */
    /* ISMAP list snapshot, or NULL: the registry was not checked */
    const struct cv_registry_snapshot *registry;
    /* --online link checks (online false: links were not checked) */
    bool online;
    const struct cv_link *links;
    size_t nlinks;
    /* fields given but unreadable (node.h); NULL: none */
    const struct cv_unread *unread;
    /* set by cv_eval_document for the checks */
    const struct cv_regcheck *regchecks;
    size_t nregchecks;
};

struct cv_eval_out {
    struct cv_result *results;
    size_t nresults;
    double score;
    double max_score;
    size_t needs_review;
    cv_verdict verdict;
    /* Qualified only on condition that a person confirms the mandatory
     * criteria that are merely claimed: pending[] are their indexes in
     * results[], in profile order (npending 0 unless qualified). */
    bool conditional;
    size_t *pending;
    size_t npending;
    struct cv_regcheck *regchecks; /* one per ISMAP/ISMAP-LIU certification */
    size_t nregchecks;
};

/* The verdict rules, the one place they are written (the report formats
 * ask these too). A mandatory criterion holds in full or it disqualifies:
 * not_met, contradicted, unanswered and partial (unless the profile marks
 * the entry partial_qualifies). */
bool cv_result_disqualifies(const struct cv_result *r);
/* A mandatory criterion only claimed: no fact was checked, so the bid
 * qualifies only once a person has confirmed it. */
bool cv_result_pending(const struct cv_result *r);

/* Looks up every ISMAP / ISMAP-LIU certification of req->doc in
 * req->registry (eval_registry.c). */
cv_status cv_eval_registry(struct cv_regcheck **out, size_t *n,
                           const struct cv_eval_req *req);

cv_status cv_eval_document(struct cv_eval_out *out,
                           const struct cv_eval_req *req);

/* From out->results alone: score, max_score, needs_review, verdict, the
 * conditional mark and pending[] (in `a`), as cv_eval_document sets them;
 * eval/decide.c calls it again once review decisions replaced results. */
cv_status cv_eval_aggregate(struct cv_eval_out *out, struct cv_arena *a);

/* Fills r's responsibility members from the criterion's answer `ans`
 * (NULL: none) (eval_residual.c). The status is left as it is. */
cv_status cv_eval_responsibility(struct cv_result *r,
                                 const struct cv_eval_req *req,
                                 const struct cv_node *ans);

/* ---- shared by the checks (eval_*.c) ---- */

enum cv_facts {
    CV_FACTS_NONE,   /* nothing to judge: the answer decides */
    CV_FACTS_MET,
    /* given, but something in them could not be recognised or verified
     * (an unknown region, court or scheme): `yes` is claimed, else not met */
    CV_FACTS_UNVERIFIED,
    CV_FACTS_PARTIAL,
    CV_FACTS_NOT_MET,
    CV_FACTS_CONTRADICTED /* the facts disagree with each other */
};

struct cv_check {
    const struct cv_eval_req *req;
    const struct cv_criterion *crit;
    cv_lang lang;
    enum cv_facts facts;
    struct cv_strbuf reason; /* what the facts showed, in plain words */
    /* Where those facts are (JSON Pointers, XPaths, cells), joined: the
     * result's `detail`, so the reason itself never names a path. */
    struct cv_strbuf detail;
    size_t ndetail;          /* locations in `detail` */
    size_t detail_over;      /* locations beyond CV_DETAIL_MAX, counted */
    double bonus;            /* grading fraction earned beyond base */
};

/* Reason helpers: add one sentence ("。" / "; " between sentences). Each
 * sub-check is one sentence saying what was required, what the vendor
 * gave and how it came out, in the run's language, naming fields by
 * their labels (cv_check_label), never by a path. */
void cv_check_say(struct cv_check *ck, const char *fmt, ...) CV_PRINTF(2, 3);
/* The most locations one result's detail lists; the rest are counted
 * ("… (+12)"), so a file of a thousand storage rows cannot make the
 * line, or the search for repeats in it, unbounded. */
#define CV_DETAIL_MAX 32
/* Adds where `n` is (its path) to the detail, once; NULL is a no-op. */
void cv_check_at(struct cv_check *ck, const struct cv_node *n);
/* The same for a path, or a dotted field when only that is known. */
void cv_check_at_path(struct cv_check *ck, const char *path);
/* What reasons call field `dotted` (criteria/data/units.json
 * fields[].label) in the run's language; a neutral word when the table
 * has none, never the dotted name. */
const char *cv_check_label(const struct cv_check *ck, const char *dotted);
/* What reasons call value `value` of `field` (criteria/data/labels.json),
 * or the value itself. */
const char *cv_check_value_label(const struct cv_check *ck,
                                 const char *field, const char *value);
/* In Japanese, the blank between `s` and the kana that follows it when
 * `s` ends in Latin text ("RTO" + " " + "は"); "" otherwise and in English. */
const char *cv_check_gap(const struct cv_check *ck, const char *s);
/* The home country in words ("日本", "Japan") for reasons. */
const char *cv_check_country(const struct cv_check *ck, const char *code);
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
/* Worsens ck when a link the check names ("link" member) did not resolve
 * to a document under --online. */
cv_status cv_check_links(struct cv_check *ck);
/* The link check of the URL at `field` (dotted), or NULL. */
const struct cv_link *cv_eval_link(const struct cv_eval_req *req,
                                   const char *field);

/* Evaluates a condition tree; `described` appends each test's outcome to
 * the reason. Returns 1 holds, 0 fails or cannot be decided; *seen is set
 * when any field the tree names is present. */
int cv_cond_eval(struct cv_check *ck, const struct cv_cond *c, bool describe,
                 bool *seen);

/* Three-valued (eval_conditions.c): a number the tables cannot decide (a
 * month or business-day value on the edge of a threshold) or that the
 * vendor wrote as an approximation or target is UNDECIDED, never HOLDS. */
enum cv_cond_outcome {
    CV_COND_FAILS = 0,
    CV_COND_HOLDS = 1,
    CV_COND_UNDECIDED = 2
};
enum cv_cond_outcome cv_cond_judge(struct cv_check *ck,
                                   const struct cv_cond *c, bool describe,
                                   bool *seen);
/* A grading bonus in one sentence, with the points it is worth: earned
 * ("加点: 稼働率 99.95 %以上 (+1.6)") or missed, with what the vendor
 * stated instead ("加点なし: RTO 1 時間以内 (+0.8) — 記載は 4 時間"). A
 * bonus of one numeric test is named by its condition, any other by
 * `label` (the catalogue's words for it). */
void cv_cond_say_bonus(struct cv_check *ck, const struct cv_cond *c,
                       const char *label, double points, bool earned);

/* Loose name comparison (NFKC, case fold, blanks and 株式会社 forms
 * removed): 1 when one contains the other, 0 otherwise. */
int cv_names_match(struct cv_arena *scratch, const char *a, const char *b);
/* The same in two steps, for comparing many names with each other: a
 * name folded once (NULL for NULL, or when out of memory), then a
 * comparison of folded names without allocating. */
char *cv_names_fold(struct cv_arena *scratch, const char *s);
int cv_names_match_folded(const char *fa, const char *fb);

#endif
