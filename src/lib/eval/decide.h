/* SPDX-License-Identifier: MIT */
/*
 * decide.h: laying a committee's review decisions over one submission's
 * results. A decision applies when its bid file and criterion match and
 * the hashes it recorded are the submission's and the criterion's of
 * this run; otherwise it is stale and not applied (the report lists it
 * with the reason). Points follow the decision; score, verdict, the
 * conditional mark and the pending list are recomputed by the same rules
 * as the tool's own results (eval.h).
 */
#ifndef CV_EVAL_DECIDE_H
#define CV_EVAL_DECIDE_H

#include "../criteria/decisions.h"
#include "eval.h"

enum cv_decision_fate {
    CV_DECISION_APPLIED = 0,
    CV_DECISION_STALE_SUBMISSION, /* the bid's bytes changed since */
    CV_DECISION_STALE_CRITERION,  /* the criterion changed since */
    CV_DECISION_UNKNOWN_CRITERION, /* not a criterion of the profile */
    CV_DECISION_STALE_INVALID      /* the bid could not be read */
};

/* A decision that concerned this submission, and what became of it. */
struct cv_decision_note {
    const struct cv_decision *decision;
    enum cv_decision_fate fate;
    const char *message; /* in the run's language */
};

struct cv_decide_out {
    struct cv_decision_note *notes; /* every decision for the bid */
    size_t nnotes;
};

/* Applies `set` to `out` (the results of cv_eval_document for the bid
 * `file` with bytes of SHA-256 `sha256`), in the results arena. */
cv_status cv_decide_apply(struct cv_eval_out *out, struct cv_decide_out *dout,
                          const struct cv_decision_set *set,
                          const struct cv_criteria *crit, const char *file,
                          const char *sha256, cv_lang lang,
                          struct cv_arena *a);

/* The same for a bid that could not be read: every decision for it is
 * stale (CV_DECISION_STALE_INVALID), there being no result to decide. */
cv_status cv_decide_invalid(struct cv_decide_out *dout,
                            const struct cv_decision_set *set,
                            const char *file, cv_lang lang,
                            struct cv_arena *a);

/* Whether decision `d` is about the bid `file`: the same name, or the
 * same last path component (docs/decisions.md#matching). */
bool cv_decision_concerns(const struct cv_decision *d, const char *file);

/* "applied", "stale_submission", "stale_criterion", "unknown_criterion",
 * "stale_invalid": the report's words for a fate. */
const char *cv_decision_fate_str(enum cv_decision_fate f);

#endif
