/* SPDX-License-Identifier: MIT */
/*
 * decide.c: a committee's review decisions laid over one bid's results
 * (decide.h). A decision is applied only to the bytes and the criterion
 * it was made on: the hashes it recorded must be this run's, so a
 * committee never confirms, unseen, a bid that was resubmitted or a
 * criterion that was changed after the hearing.
 */
#include "decide.h"

#include <math.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../criteria/method.h"

/* The hashes in messages: enough of each to tell two apart. */
#define SHORT_HASH 12

const char *cv_decision_fate_str(enum cv_decision_fate f)
{
    static const char *const names[] = { "applied", "stale_submission",
                                         "stale_criterion",
                                         "unknown_criterion",
                                         "stale_invalid" };
    return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "?";
}

bool cv_decision_concerns(const struct cv_decision *d, const char *file)
{
    return strcmp(d->file, file) == 0 ||
           strcmp(cv_decisions_base_name(d->file),
                  cv_decisions_base_name(file)) == 0;
}

/* Points as eval.c rounds them: to the hundredth. */
static double round2(double v)
{
    return floor(v * 100.0 + 0.5) / 100.0;
}

static double decided_points(const struct cv_criteria *crit,
                             const struct cv_result *r, cv_result_status s)
{
    switch (s) {
    case CV_STATUS_MET:
        return r->max_points;
    case CV_STATUS_PARTIAL:
        return round2(r->max_points * crit->profile.partial_fraction);
    default:
        return 0.0;
    }
}

static struct cv_result *result_of(struct cv_eval_out *out, const char *id)
{
    size_t i;
    for (i = 0; i < out->nresults; i++)
        if (strcmp(out->results[i].entry->crit->id, id) == 0)
            return &out->results[i];
    return NULL;
}

static const char *finish(struct cv_strbuf *sb, struct cv_arena *a)
{
    const char *s = cv_strbuf_status(sb) == CV_OK
                        ? cv_arena_strdup(a, sb->ptr ? sb->ptr : "")
                        : NULL;
    cv_strbuf_release(sb);
    return s;
}

/* The result's reason once decided: the decision first, who and when,
 * the committee's words, then what the tool had said and why. */
static const char *decided_reason(const struct cv_result *r,
                                  const struct cv_decision *d, cv_lang lang,
                                  struct cv_arena *a)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb,
                     CV_L(lang,
                          "審査により「%s」と判定 (%s、%s): %s。"
                          "ツールの判定は「%s」: %s",
                          "decided '%s' by review (%s, %s): %s. The tool "
                          "had said '%s': %s"),
                     cv_status_word(d->status, lang), d->by, d->on, d->reason,
                     cv_status_word(r->tool_status, lang),
                     r->reason ? r->reason : "");
    return finish(&sb, a);
}

static cv_status apply_one(struct cv_result *r, const struct cv_decision *d,
                           const struct cv_criteria *crit, cv_lang lang,
                           struct cv_arena *a)
{
    r->tool_status = r->status;
    r->tool_points = r->points;
    /* A decision says the criterion applies: it counts in full. */
    if (r->status == CV_STATUS_NOT_APPLICABLE)
        r->max_points = r->entry->weight;
    r->decided = true;
    r->decided_by = cv_arena_strdup(a, d->by);
    r->decided_on = cv_arena_strdup(a, d->on);
    r->decision_reason = cv_arena_strdup(a, d->reason);
    r->reason = decided_reason(r, d, lang, a);
    r->status = d->status;
    r->points = decided_points(crit, r, d->status);
    if (!r->decided_by || !r->decided_on || !r->decision_reason || !r->reason)
        return CV_ENOMEM;
    return CV_OK;
}

static const char *stale_hash_message(const char *what_ja,
                                      const char *what_en,
                                      const char *then, const char *now,
                                      cv_lang lang, struct cv_arena *a)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb,
                     CV_L(lang,
                          "%sが判定の後に変わったため適用していません "
                          "(判定時の SHA-256 %.*s…、今回 %.*s…)",
                          "not applied: the %s changed since the decision "
                          "(SHA-256 then %.*s…, now %.*s…)"),
                     CV_L(lang, what_ja, what_en), SHORT_HASH, then,
                     SHORT_HASH, now);
    return finish(&sb, a);
}

static const char *applied_message(const struct cv_result *r, cv_lang lang,
                                   struct cv_arena *a)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb,
                     CV_L(lang, "適用しました: 「%s」(%.2f 点) → 「%s」(%.2f 点)",
                          "applied: '%s' (%.2f points) -> '%s' (%.2f points)"),
                     cv_status_word(r->tool_status, lang), r->tool_points,
                     cv_status_word(r->status, lang), r->points);
    return finish(&sb, a);
}

/* What becomes of decision `d` on this bid; applies it when it holds. */
static cv_status judge_one(struct cv_decision_note *note,
                           struct cv_eval_out *out,
                           const struct cv_decision *d,
                           const struct cv_criteria *crit, const char *sha256,
                           cv_lang lang, struct cv_arena *a)
{
    struct cv_result *r = result_of(out, d->criterion);
    char now[65];
    cv_status st;

    note->decision = d;
    if (!r) {
        note->fate = CV_DECISION_UNKNOWN_CRITERION;
        note->message = cv_arena_strdup(
            a, CV_L(lang, "このプロファイルにない評価項目のため適用していません",
                    "not applied: the criterion is not in this profile"));
        return note->message ? CV_OK : CV_ENOMEM;
    }
    if (strcmp(d->submission_sha256, sha256) != 0) {
        note->fate = CV_DECISION_STALE_SUBMISSION;
        note->message = stale_hash_message("提出物", "submission",
                                           d->submission_sha256, sha256,
                                           lang, a);
        return note->message ? CV_OK : CV_ENOMEM;
    }
    st = cv_method_criterion_sha256(now, crit, r->entry);
    if (st != CV_OK)
        return st;
    if (strcmp(d->criterion_sha256, now) != 0) {
        note->fate = CV_DECISION_STALE_CRITERION;
        note->message = stale_hash_message("評価項目", "criterion",
                                           d->criterion_sha256, now, lang, a);
        return note->message ? CV_OK : CV_ENOMEM;
    }
    st = apply_one(r, d, crit, lang, a);
    if (st != CV_OK)
        return st;
    note->fate = CV_DECISION_APPLIED;
    note->message = applied_message(r, lang, a);
    return note->message ? CV_OK : CV_ENOMEM;
}

static cv_status new_notes(struct cv_decide_out *dout,
                           const struct cv_decision_set *set,
                           const char *file, struct cv_arena *a)
{
    size_t i, n = 0;
    dout->notes = NULL;
    dout->nnotes = 0;
    for (i = 0; i < set->count; i++)
        n += cv_decision_concerns(&set->items[i], file);
    if (n == 0)
        return CV_OK;
    dout->notes = cv_arena_calloc(a, n, sizeof(*dout->notes));
    return dout->notes ? CV_OK : CV_ENOMEM;
}

cv_status cv_decide_apply(struct cv_eval_out *out, struct cv_decide_out *dout,
                          const struct cv_decision_set *set,
                          const struct cv_criteria *crit, const char *file,
                          const char *sha256, cv_lang lang,
                          struct cv_arena *a)
{
    size_t i, applied = 0;
    cv_status st = new_notes(dout, set, file, a);
    for (i = 0; st == CV_OK && i < set->count; i++) {
        struct cv_decision_note *note;
        if (!cv_decision_concerns(&set->items[i], file))
            continue;
        note = &dout->notes[dout->nnotes++];
        st = judge_one(note, out, &set->items[i], crit, sha256, lang, a);
        applied += st == CV_OK && note->fate == CV_DECISION_APPLIED;
    }
    /* Score, verdict and pending follow the decided results by the same
     * rules as the tool's own (eval.c). */
    if (st == CV_OK && applied > 0)
        st = cv_eval_aggregate(out, a);
    return st;
}

cv_status cv_decide_invalid(struct cv_decide_out *dout,
                            const struct cv_decision_set *set,
                            const char *file, cv_lang lang,
                            struct cv_arena *a)
{
    size_t i;
    cv_status st = new_notes(dout, set, file, a);
    for (i = 0; st == CV_OK && i < set->count; i++) {
        struct cv_decision_note *note;
        if (!cv_decision_concerns(&set->items[i], file))
            continue;
        note = &dout->notes[dout->nnotes++];
        note->decision = &set->items[i];
        note->fate = CV_DECISION_STALE_INVALID;
        note->message = cv_arena_strdup(
            a, CV_L(lang,
                    "提出物を読み取れなかったため適用していません "
                    "(判定する結果がありません)",
                    "not applied: the submission could not be read (there "
                    "is no result to decide)"));
        if (!note->message)
            st = CV_ENOMEM;
    }
    return st;
}
