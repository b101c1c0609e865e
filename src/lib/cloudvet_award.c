/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_award.c: the glue of the award: tender files (cv_tender_load),
 * the award ranking of a report by its tender's method, the sensitivity
 * of the final ranking and the hash of the published method.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "criteria/method.h"
#include "internal.h"

/* A tender file is a page of JSON (tender.c reads it with its own, small
 * limits); this only bounds the read. */
#define TENDER_MAX_BYTES ((size_t)1 << 20)

cv_status cv_tender_load(cv_tender **out, cv_ctx *ctx, const cv_criteria *crit,
                         const char *path)
{
    cv_tender *t = NULL;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;

    *out = NULL;
    if (!ctx || !crit || !path)
        return CV_EUSAGE;
    t = calloc(1, sizeof(*t));
    if (!t)
        return CV_ENOMEM;
    cv_arena_init(&t->arena);
    st = cv_io_read_file(&buf, &len, path, TENDER_MAX_BYTES, &ctx->diags);
    if (st != CV_OK)
        goto out;
    st = cv_tender_parse(&t->def, crit, path, buf, len, &t->arena,
                         &ctx->diags);
    if (st == CV_OK)
        st = cv_sha256_hex(t->def.sha256, buf, len);
    if (st == CV_OK)
        st = cv_method_sha256(t->def.method_sha256, crit, &t->def);
out:
    free(buf);
    if (st != CV_OK) {
        cv_tender_free(t);
        /* too large is a tender file that is not one */
        return st == CV_ELIMIT ? CV_ECRITERIA : st;
    }
    *out = t;
    return CV_OK;
}

void cv_tender_free(cv_tender *t)
{
    if (!t)
        return;
    cv_arena_release(&t->arena);
    free(t);
}

const char *cv_tender_id(const cv_tender *t) { return t ? t->def.id : ""; }
const char *cv_tender_file(const cv_tender *t)
{
    return t ? t->def.file : "";
}
const char *cv_tender_sha256(const cv_tender *t)
{
    return t ? t->def.sha256 : "";
}

cv_status cv_report_use_tender(cv_report *report, const cv_tender *t)
{
    if (!report)
        return CV_EUSAGE;
    report->tender = t;
    return CV_OK;
}

/* ---- the award of a report ---------------------------------------------- */

/* The profile entry a result is of (results keep a pointer into the
 * profile's entries). */
static size_t entry_index(const struct cv_profile *p,
                          const struct cv_result *r)
{
    if (r->entry >= p->entries && r->entry < p->entries + p->nentries)
        return (size_t)(r->entry - p->entries);
    return SIZE_MAX;
}

/* One bid as the award sees it: per entry points and maximum (profile
 * order), the points on mandatory criteria (the tie-break). */
static cv_status input_of(struct cv_award_input *in, cv_report *report,
                          const cv_submission *s)
{
    const struct cv_profile *p = &report->crit->profile;
    double *pts = NULL, *max = NULL;
    double mandatory = 0;
    size_t i;

    memset(in, 0, sizeof(*in));
    in->file = s->file;
    in->vendor = s->vendor;
    in->service = s->service;
    in->verdict = s->verdict;
    in->conditional = s->conditional;
    in->score = isnan(s->score) ? -HUGE_VAL : s->score;
    in->max_score = s->max_score;
    if (p->nentries) {
        pts = cv_arena_calloc(&report->award_arena,
                              p->nentries, sizeof(*pts));
        max = cv_arena_calloc(&report->award_arena,
                              p->nentries, sizeof(*max));
        if (!pts || !max)
            return CV_ENOMEM;
    }
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        size_t e = entry_index(p, r);
        if (r->entry->mandatory)
            mandatory += r->points;
        if (e == SIZE_MAX)
            continue;
        pts[e] = r->points;
        max[e] = r->max_points;
    }
    in->mandatory_points = isnan(mandatory) ? -HUGE_VAL : mandatory;
    in->points = pts;
    in->max_points = max;
    in->npoints = p->nentries;
    return CV_OK;
}

static const char *sens_note(cv_report *report);

static void award_failed(cv_report *report, cv_status st)
{
    struct cv_loc loc = { "award", "", 0, 0 };
    report->awarded = false;
    (void)cv_diags_add(&report->ctx->diags, CV_SEV_ERROR, st, &loc, "%s",
                       CV_L(report->ctx->opts.lang,
                            "総合評価を計算できませんでした (メモリ不足)。"
                            "順位は技術点だけのものです",
                            "the award could not be computed (out of "
                            "memory): the ranking is the technical one"));
}

void cv_report_finish_award(cv_report *report)
{
    const struct cv_tender_def *t =
        report->tender ? &report->tender->def : NULL;
    struct cv_award_input *in = NULL;
    size_t i, n = report->count;
    cv_status st = CV_ENOMEM;

    report->awarded = false;
    memset(&report->award, 0, sizeof(report->award));
    memset(&report->sens, 0, sizeof(report->sens));
    if (cv_method_sha256(report->method_sha256, report->crit, t) != CV_OK)
        report->method_sha256[0] = '\0';
    in = cv_arena_calloc(&report->award_arena, n ? n : 1, sizeof(*in));
    if (!in)
        goto out;
    for (i = 0; i < n; i++) {
        st = input_of(&in[i], report, report->subs[i]);
        if (st != CV_OK)
            goto out;
    }
    if (t) {
        st = cv_award_compute(&report->award, t, in, n,
                              report->ctx->opts.lang, &report->award_arena,
                              &report->ctx->diags);
        if (st != CV_OK)
            goto out;
        for (i = 0; i < n; i++)
            report->ranks[i] = report->award.bids[i].rank;
        report->awarded = true;
    }
    st = cv_award_sensitivity(&report->sens, t, &report->crit->profile, in,
                              n, &report->award_arena);
    if (st == CV_OK && report->sens.computed) {
        report->sens.note = sens_note(report);
        if (!report->sens.note)
            st = CV_ENOMEM;
    }
out:
    if (st != CV_OK)
        award_failed(report, st);
}

cv_status cv_report_award_at(const cv_report *report, size_t i,
                             cv_award_info *out)
{
    const struct cv_award_bid *b;
    if (!report || !out || !report->awarded || i >= report->award.count)
        return CV_EUSAGE;
    b = &report->award.bids[i];
    out->state = cv_award_state_str(b->state);
    out->price = (long long)b->price;
    out->technical = b->technical;
    out->price_points = b->price_points;
    out->total = b->total;
    out->rank = b->rank;
    out->arithmetic = b->arithmetic;
    out->reason = b->reason;
    return CV_OK;
}

/* ---- the sensitivity in one sentence -------------------------------------- */

static void put_points(struct cv_strbuf *sb, double v)
{
    char buf[64];
    size_t len;
    snprintf(buf, sizeof(buf), "%.6f", v);
    len = strlen(buf);
    while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    cv_strbuf_puts(sb, buf);
}

/* The smallest change that moves first place, for the sentence. */
static const struct cv_sens_case *smallest_flip(const struct cv_sensitivity *s)
{
    const struct cv_sens_case *best = NULL;
    size_t i;
    for (i = 0; i < s->ncases; i++) {
        const struct cv_sens_case *c = &s->cases[i];
        if (c->winner_changed &&
            (!best || fabs(c->delta_percent) < fabs(best->delta_percent)))
            best = c;
    }
    return best;
}

static void put_change(struct cv_strbuf *sb, const struct cv_sens_case *c,
                       cv_lang lang)
{
    if (c->criterion)
        cv_strbuf_printf(sb, CV_L(lang, "%s の重みを %s%g %% 動かすと",
                                  "moving the weight of %s by %s%g %%"),
                         c->criterion, c->delta_percent < 0 ? "−" : "+",
                         fabs(c->delta_percent));
    else
        cv_strbuf_printf(sb, CV_L(lang, "価格点の配分を %s%g %% 動かすと",
                                  "moving the price allocation by %s%g %%"),
                         c->delta_percent < 0 ? "−" : "+",
                         fabs(c->delta_percent));
}

static const char *sens_note(cv_report *report)
{
    const struct cv_sensitivity *s = &report->sens;
    cv_lang lang = report->ctx->opts.lang;
    const struct cv_sens_case *flip;
    struct cv_strbuf sb;
    const char *out;

    cv_strbuf_init(&sb, 4096);
    cv_strbuf_puts(&sb, CV_L(lang, "1 位と 2 位の差は ",
                             "first and second place are "));
    put_points(&sb, s->margin);
    cv_strbuf_puts(&sb, CV_L(lang, " 点。", " points apart; "));
    flip = smallest_flip(s);
    if (!flip) {
        cv_strbuf_puts(&sb, CV_L(lang, "どの重みを ±20 % 動かしても 1 位は"
                                       "変わりません",
                                 "no single weight moved by ±20 % changes "
                                 "first place"));
    } else {
        put_change(&sb, flip, lang);
        cv_strbuf_puts(&sb, CV_L(lang, " 1 位が入れ替わります",
                                 " changes first place"));
        if (s->ndepends > 1)
            cv_strbuf_printf(&sb, CV_L(lang, " (1 位が左右される重み: %zu 個)",
                                       " (%zu weights decide first place)"),
                             s->ndepends);
        if (s->fragile)
            cv_strbuf_puts(&sb, CV_L(lang, " (順位は不安定)",
                                     " (the ranking is fragile)"));
    }
    out = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(&report->award_arena, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return out;
}

int cv_report_sensitivity(const cv_report *report, double *margin,
                          int *fragile, const char **note)
{
    if (note)
        *note = NULL;
    if (!report || !report->sens.computed)
        return 0;
    if (margin)
        *margin = report->sens.margin;
    if (fragile)
        *fragile = report->sens.fragile;
    if (note)
        *note = report->sens.note;
    return 1;
}

const char *cv_report_method_sha256(const cv_report *report)
{
    return report->method_sha256;
}
