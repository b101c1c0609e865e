/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_decisions.c: the committee's review decisions (docs/decisions.md)
 * through the public API: read from a decisions file (JSON) or from the
 * 審査記入 sheet of a report.xlsx the committee filled in (the content
 * decides, as for submissions), then laid over each bid's results.
 *
 * A loaded set is read-only: worker threads evaluating bids at the same
 * time read it and write only into their own submission.
 */
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "base/sha256.h"
#include "internal.h"
#include "load/table.h"

/* The 審査記入 sheet of the workbook `buf`, read into `out`. */
static cv_status read_sheet(struct cv_decision_set *out, cv_ctx *ctx,
                            const cv_criteria *crit, const char *path,
                            const char *buf, size_t len, struct cv_arena *a)
{
    struct cv_arena cells;
    struct cv_table_limits tlim = CV_TABLE_LIMITS_DEFAULT;
    struct cv_table_req treq = { path, buf, len, &tlim, NULL, &ctx->diags };
    struct cv_sheets sheets = { NULL, 0 };
    const struct cv_table *sheet = NULL;
    cv_status st;
    size_t i;

    cv_arena_init(&cells);
    treq.arena = &cells;
    st = cv_load_xlsx(&sheets, &treq);
    for (i = 0; st == CV_OK && i < sheets.count && !sheet; i++)
        if (strcmp(sheets.sheets[i].name, cv_decisions_sheet_name) == 0)
            sheet = &sheets.sheets[i];
    if (st == CV_OK && !sheet) {
        struct cv_loc loc = { path, "", 0, 0 };
        st = cv_diags_fail(&ctx->diags, CV_ECRITERIA, &loc,
                           CV_L(ctx->opts.lang,
                                "シート「%s」がありません (cloudvet の "
                                "report.xlsx に審査の判定を記入して渡して"
                                "ください)",
                                "no sheet '%s' (give cloudvet's report.xlsx "
                                "with the decisions filled in)"),
                           cv_decisions_sheet_name);
    }
    if (st == CV_OK)
        st = cv_decisions_parse_sheet(out, crit, path, sheet, a, &ctx->diags);
    cv_arena_release(&cells);
    if (st == CV_EPARSE || st == CV_ELIMIT)
        st = CV_ECRITERIA;
    return st;
}

cv_status cv_decisions_load(cv_decisions **out, cv_ctx *ctx,
                            const cv_criteria *crit, const char *path)
{
    cv_decisions *d = NULL;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;

    if (out)
        *out = NULL;
    if (!out || !ctx || !crit || !path)
        return CV_EUSAGE;
    d = calloc(1, sizeof(*d));
    if (!d)
        return CV_ENOMEM;
    cv_arena_init(&d->arena);
    st = cv_io_read_file(&buf, &len, path, ctx->opts.limits.max_input_bytes,
                         &ctx->diags);
    if (st == CV_OK) {
        d->set.file = cv_arena_strdup(&d->arena, path);
        st = d->set.file ? cv_sha256_hex(d->set.sha256, buf, len) : CV_ENOMEM;
    }
    if (st == CV_OK && cv_table_is_zip(buf, len))
        st = read_sheet(&d->set, ctx, crit, d->set.file, buf, len, &d->arena);
    else if (st == CV_OK)
        st = cv_decisions_parse_json(&d->set, crit, d->set.file, buf, len,
                                     &ctx->opts.limits, &d->arena,
                                     &ctx->diags);
    free(buf);
    if (st != CV_OK) {
        cv_decisions_free(d);
        return st;
    }
    *out = d;
    return CV_OK;
}

void cv_decisions_free(cv_decisions *d)
{
    if (!d)
        return;
    cv_arena_release(&d->arena);
    free(d);
}

const char *cv_decisions_file(const cv_decisions *d)
{
    return d && d->set.file ? d->set.file : "";
}

const char *cv_decisions_sha256(const cv_decisions *d)
{
    return d ? d->set.sha256 : "";
}

cv_status cv_ctx_use_decisions(cv_ctx *ctx, const cv_decisions *d)
{
    if (!ctx)
        return CV_EUSAGE;
    ctx->decisions = d;
    return CV_OK;
}

/* eout NULL: the bid could not be read; every decision for it is stale. */
cv_status cv_submission_apply_decisions(cv_submission *sub, const cv_ctx *ctx,
                                        const cv_criteria *crit,
                                        struct cv_eval_out *eout)
{
    struct cv_decide_out dout = { NULL, 0 };
    cv_status st;
    if (!ctx->decisions)
        return CV_OK;
    st = eout ? cv_decide_apply(eout, &dout, &ctx->decisions->set, crit,
                                sub->file, sub->sha256, sub->lang,
                                &sub->arena)
              : cv_decide_invalid(&dout, &ctx->decisions->set, sub->file,
                                  sub->lang, &sub->arena);
    sub->decisions = dout.notes;
    sub->ndecisions = dout.nnotes;
    return st;
}

static size_t count_fate(const cv_submission *sub, bool applied)
{
    size_t i, n = 0;
    if (!sub)
        return 0;
    for (i = 0; i < sub->ndecisions; i++)
        n += (sub->decisions[i].fate == CV_DECISION_APPLIED) == applied;
    return n;
}

size_t cv_submission_decisions_applied(const cv_submission *sub)
{
    return count_fate(sub, true);
}

size_t cv_submission_decisions_stale(const cv_submission *sub)
{
    return count_fate(sub, false);
}

/* Whether some bid of the report took up (applied or found stale) the
 * decision `d`. */
static bool decision_taken(const cv_report *report, const struct cv_decision *d)
{
    size_t i, k;
    for (i = 0; i < report->count; i++) {
        const cv_submission *s = report->subs[i];
        for (k = 0; k < s->ndecisions; k++)
            if (s->decisions[k].decision == d)
                return true;
    }
    return false;
}

/* A decision that names no bid of the run is said, where it is written:
 * a committee that typed a file name wrong must not believe it applied. */
void cv_report_note_unmatched_decisions(cv_report *report)
{
    const cv_decisions *ds = report->ctx->decisions;
    size_t i;
    if (!ds)
        return;
    for (i = 0; i < ds->set.count; i++) {
        const struct cv_decision *d = &ds->set.items[i];
        struct cv_loc loc = { ds->set.file, d->where ? d->where : "",
                              d->line, 0 };
        if (decision_taken(report, d))
            continue;
        (void)cv_diags_add(&report->ctx->diags, CV_SEV_WARNING, CV_OK, &loc,
                           CV_L(report->ctx->opts.lang,
                                "判断は入札 '%s' (基準 %s) についてのものですが、"
                                "その入札はこの評価にありません: 適用していません",
                                "the decision concerns bid '%s' (criterion "
                                "%s), which is not among the bids evaluated: "
                                "not applied"),
                           d->file ? d->file : "", d->criterion ? d->criterion : "");
    }
}
