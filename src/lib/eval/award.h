/* SPDX-License-Identifier: MIT */
/*
 * award.h: from technical scores to the award ranking (総合評価) by the
 * method of a tender file (criteria/tender.h), and how sensitive that
 * ranking is to the weights and to the split of technical and price
 * points.
 *
 * Pure arithmetic over plain inputs (one struct cv_award_input per bid,
 * in input order), so each published formula can be recomputed by hand
 * in a unit test. Every figure keeps its unrounded value beside the
 * rounded one, and `arithmetic` writes the computation out in words and
 * numbers in the report's language.
 */
#ifndef CV_EVAL_AWARD_H
#define CV_EVAL_AWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../criteria/criteria.h"
#include "../criteria/tender.h"

/* One bid as the award sees it. */
struct cv_award_input {
    const char *file;
    const char *vendor;
    const char *service;
    cv_verdict verdict;
    bool conditional;
    double score;            /* technical score, profile points */
    double max_score;
    double mandatory_points; /* points on mandatory criteria (tie-break) */
    /* per profile entry, in profile order: points and maximum (for the
     * sensitivity of the weights); npoints is the profile's entry count */
    const double *points;
    const double *max_points;
    size_t npoints;
};

enum cv_award_state {
    CV_AWARD_RANKED = 0,     /* in the award ranking */
    CV_AWARD_NOT_QUALIFIED,  /* disqualified or invalid on the criteria */
    CV_AWARD_NO_PRICE,       /* the tender file gives no price for it */
    CV_AWARD_OVER_CEILING,   /* 入札価格 above the 予定価格: void */
    CV_AWARD_BELOW_MINIMUM   /* 技術点 below the 最低基準点 */
};

struct cv_award_bid {
    enum cv_award_state state;
    const struct cv_tender_bid *bid; /* its price line, or NULL */
    int64_t price;                   /* 入札価格 (0 when none) */
    double technical_raw, technical; /* 技術点, before and after rounding */
    double price_raw, price_points;  /* 価格点 (additive) */
    double total_raw, total;         /* 総合評価点 / 評価値 */
    unsigned rank;                   /* 1-based; 0 when not ranked */
    bool lot;                        /* shares its rank: a lot decides */
    const char *arithmetic;          /* the computation written out */
    const char *reason;              /* why it is not ranked, or NULL */
};

struct cv_award {
    const struct cv_tender_def *tender;
    struct cv_award_bid *bids; /* one per input, in input order */
    size_t count;
    int64_t lowest_price;      /* among the bids within the ceiling */
};

/* Computes every bid's figures and the ranking. Bids named by the tender
 * file that match no input, and inputs matched twice, are diagnostics. */
cv_status cv_award_compute(struct cv_award *out,
                           const struct cv_tender_def *tender,
                           const struct cv_award_input *in, size_t n,
                           cv_lang lang, struct cv_arena *a,
                           struct cv_diags *diags);

/* The state's word for programs ("ranked", "over_ceiling", ...). */
const char *cv_award_state_str(enum cv_award_state s);

/* ---- the steps, shared with the sensitivity (sensitivity.c) ---- */

/* The price line of each input (NULL: none) into lines[n]: a line names
 * an input by its file (as given, or the last path component) or by
 * vendor.name (and service.name) after trimming blanks. With `diags`,
 * a line that matches no input, or two, and an input two lines match
 * are warnings (such a line is used for none of them). */
cv_status cv_award_match(const struct cv_tender_def *tender,
                         const struct cv_award_input *in, size_t n,
                         const struct cv_tender_bid **lines,
                         struct cv_diags *diags);

/* One change of the method tried by the sensitivity: the weight of one
 * profile entry scaled (its points and its maximum together), and the
 * price allocation scaled. */
struct cv_award_change {
    size_t entry;          /* profile entry; SIZE_MAX: none */
    double weight_factor;  /* e.g. 0.9 */
    bool entry_mandatory;  /* its points count in mandatory_points */
    double price_factor;   /* 1: the tender's own split */
};

/* Every bid's state and figures (no text) and the ranked inputs best
 * first into order[n] (*nranked of them); bids[i].rank and .lot set
 * (CV_ENOMEM: nothing ranked).
 * `change` may be NULL. With tender->technical_points 0 the technical
 * score itself is the 技術点 (the technical ranking without a tender). */
cv_status cv_award_run(const struct cv_tender_def *tender,
                       const struct cv_award_input *in, size_t n,
                       const struct cv_tender_bid *const *lines,
                       const struct cv_award_change *change,
                       struct cv_award_bid *bids, size_t *order,
                       size_t *nranked, int64_t *lowest_price);

/* ---- sensitivity ---- */

/* One change tried: one weight (entry) or the split moved by delta. */
struct cv_sens_case {
    const char *criterion;  /* criterion id; NULL: the 技術点:価格点 split */
    double delta_percent;   /* -20, -10, +10, +20 */
    bool order_changed;     /* any rank moved */
    bool winner_changed;    /* first place went to another bid */
    size_t winner;          /* the first-placed input under the change */
};

struct cv_sensitivity {
    bool computed;            /* false: fewer than two ranked bids */
    size_t first, second;     /* inputs ranked first and second */
    double margin;            /* first − second, in the ranking's points */
    struct cv_sens_case *cases;
    size_t ncases;
    const char **depends_on;  /* criteria (NULL: the split) whose ±10 %
                                 or ±20 % change moves first place */
    size_t ndepends;
    bool fragile;             /* first place moves under a ±10 % change */
    const char *note;         /* one sentence in the run's language (the
                                 glue writes it), or NULL */
};

/* Recomputes the ranking under every single change. With tender NULL
 * the ranking is the technical one (the profile's tie-break). */
cv_status cv_award_sensitivity(struct cv_sensitivity *out,
                               const struct cv_tender_def *tender,
                               const struct cv_profile *profile,
                               const struct cv_award_input *in, size_t n,
                               struct cv_arena *a);

#endif
