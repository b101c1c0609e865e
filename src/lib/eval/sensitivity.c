/* SPDX-License-Identifier: MIT */
/*
 * sensitivity.c: would the final ranking change if one weight of the
 * profile (or, in the additive method, the split of technical and price
 * points) moved by −20, −10, +10 or +20 %?
 *
 * Each case recomputes every bid exactly as the award does (the same
 * gates, rounding and tie-break chain: cv_award_run), with one entry's
 * points and maximum scaled together, or the price allocation scaled.
 * That is entries × 4 runs of O(bids log bids) each.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "award.h"

static const double deltas[] = { -20, -10, 10, 20 };
static const struct cv_rounding margin_digits = { CV_ROUND_HALF_UP, 6 };
#define NDELTAS (sizeof(deltas) / sizeof(deltas[0]))

/* The technical ranking (no tender): by score, then by the points on
 * mandatory criteria when the profile says so; no rounding, no price. */
static void technical_method(struct cv_tender_def *t, enum cv_tie_rule *chain,
                             const struct cv_profile *profile)
{
    memset(t, 0, sizeof(*t));
    t->method = CV_TENDER_TECHNICAL_ONLY;
    t->technical_points = 0; /* the score itself */
    chain[0] = CV_TIE_MANDATORY;
    t->tie_break = chain;
    t->ntie_break = profile && profile->tie_by_mandatory ? 1 : 0;
}

struct scratch {
    struct cv_award_bid *bids;
    size_t *order;
    const struct cv_tender_bid **lines;
};

static void scratch_free(struct scratch *s)
{
    free(s->bids);
    free(s->order);
    free(s->lines);
}

/* Whether the ranks under the change differ from the base ranks. */
static bool ranks_differ(const struct cv_award_bid *base,
                         const struct cv_award_bid *now, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (base[i].rank != now[i].rank)
            return true;
    return false;
}

static cv_status note_depends(struct cv_sensitivity *out, const char *crit,
                              size_t cap)
{
    size_t i;
    for (i = 0; i < out->ndepends; i++)
        if (out->depends_on[i] == crit ||
            (crit && out->depends_on[i] &&
             strcmp(out->depends_on[i], crit) == 0))
            return CV_OK;
    if (out->ndepends == cap)
        return CV_ENOMEM;
    out->depends_on[out->ndepends++] = crit;
    return CV_OK;
}

/* One case: the change `c`, recorded as out->cases[out->ncases]. */
static cv_status try_case(struct cv_sensitivity *out,
                          const struct cv_tender_def *t,
                          const struct cv_award_input *in, size_t n,
                          const struct cv_award_bid *base,
                          struct scratch *s, const struct cv_award_change *c,
                          const char *crit, double delta, size_t depcap)
{
    struct cv_sens_case *k = &out->cases[out->ncases];
    size_t nranked = 0;
    cv_status st = cv_award_run(t, in, n, s->lines, c, s->bids, s->order,
                                &nranked, NULL);
    if (st != CV_OK)
        return st;
    k->criterion = crit;
    k->delta_percent = delta;
    k->order_changed = ranks_differ(base, s->bids, n);
    k->winner = nranked ? s->order[0] : SIZE_MAX;
    /* another bid sharing first place moves it too: a lot would decide */
    k->winner_changed = k->winner != out->first ||
                        (nranked > 1 && s->bids[s->order[1]].rank == 1);
    out->ncases++;
    if (!k->winner_changed)
        return CV_OK;
    if (fabs(delta) <= 10)
        out->fragile = true;
    return note_depends(out, crit, depcap);
}

cv_status cv_award_sensitivity(struct cv_sensitivity *out,
                               const struct cv_tender_def *tender,
                               const struct cv_profile *profile,
                               const struct cv_award_input *in, size_t n,
                               struct cv_arena *a)
{
    struct cv_tender_def own;
    enum cv_tie_rule chain[1];
    const struct cv_tender_def *t = tender;
    struct scratch s = { NULL, NULL, NULL };
    struct cv_award_bid *base = NULL;
    size_t nranked = 0, nentries = profile ? profile->nentries : 0;
    size_t e, d, ncases, depcap;
    bool split;
    cv_status st = CV_ENOMEM;

    memset(out, 0, sizeof(*out));
    if (!t) {
        technical_method(&own, chain, profile);
        t = &own;
    }
    split = t->method == CV_TENDER_ADDITIVE;
    ncases = (nentries + (split ? 1 : 0)) * NDELTAS;
    depcap = nentries + 1;
    s.bids = calloc(n ? n : 1, sizeof(*s.bids));
    s.order = calloc(n ? n : 1, sizeof(*s.order));
    s.lines = calloc(n ? n : 1, sizeof(*s.lines));
    base = calloc(n ? n : 1, sizeof(*base));
    out->cases = cv_arena_calloc(a, ncases ? ncases : 1, sizeof(*out->cases));
    out->depends_on = cv_arena_calloc(a, depcap, sizeof(*out->depends_on));
    if (!s.bids || !s.order || !s.lines || !base || !out->cases ||
        !out->depends_on)
        goto out;
    if (tender) {
        st = cv_award_match(tender, in, n, s.lines, NULL);
        if (st != CV_OK)
            goto out;
    }
    st = cv_award_run(t, in, n, s.lines, NULL, base, s.order, &nranked, NULL);
    if (st != CV_OK || nranked < 2)
        goto out;
    out->computed = true;
    out->first = s.order[0];
    out->second = s.order[1];
    /* at 6 decimals: 91.2 − 82.5 is 8.700000000000003 in binary */
    out->margin = cv_round_apply(&margin_digits,
                                 base[out->first].total -
                                     base[out->second].total);
    for (e = 0; e < nentries && st == CV_OK; e++)
        for (d = 0; d < NDELTAS && st == CV_OK; d++) {
            struct cv_award_change c = { e, 1 + deltas[d] / 100,
                                         profile->entries[e].mandatory, 1 };
            st = try_case(out, t, in, n, base, &s, &c,
                          profile->entries[e].crit->id, deltas[d], depcap);
        }
    for (d = 0; split && d < NDELTAS && st == CV_OK; d++) {
        struct cv_award_change c = { SIZE_MAX, 1, false,
                                     1 + deltas[d] / 100 };
        st = try_case(out, t, in, n, base, &s, &c, NULL, deltas[d], depcap);
    }
out:
    scratch_free(&s);
    free(base);
    return st;
}
