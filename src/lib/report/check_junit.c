/* SPDX-License-Identifier: MIT */
/*
 * check_junit.c: `check --format junit`. One <testsuite> per submission,
 * one <testcase> per criterion of the profile and one for the input's
 * diagnostics (docs/check.md says what fails): a mandatory criterion
 * that disqualifies is a <failure>; one only claimed is <skipped> (not
 * verified: a person must confirm it); a graded criterion never fails,
 * its lost points are in <system-out>. The input case fails on an error
 * diagnostic (with --strict, on a warning too).
 */
#include "check.h"

#include "escape.h"

#define X(out, s) cv_html_text((out), (s), CV_HTML_ONE_LINE)

static bool input_fails(const struct cv_check_run *run, const cv_submission *s)
{
    size_t i;
    if (s->verdict == CV_VERDICT_INVALID)
        return true;
    for (i = 0; i < s->diags.count; i++)
        if (s->diags.items[i].severity == CV_SEV_ERROR ||
            (run->strict && s->diags.items[i].severity == CV_SEV_WARNING))
            return true;
    return false;
}

static void input_case(struct cv_strbuf *out, const struct cv_check_run *run,
                       const struct cv_check_sub *cs)
{
    size_t k;
    cv_strbuf_puts(out, "  <testcase classname=\"");
    X(out, cs->sub->file);
    cv_strbuf_puts(out, "\" name=\"" CV_CHECK_INPUT_RULE "\">");
    if (input_fails(run, cs->sub))
        cv_strbuf_puts(out, "<failure type=\"input\" message=\"diagnostics\"/>");
    cv_strbuf_puts(out, "<system-out>");
    for (k = 0; k < cs->nitems; k++) {
        const struct cv_check_item *it = &cs->items[k];
        if (!it->diag)
            continue;
        cv_strbuf_printf(out, "%u:%u: %s: ", it->line, it->column,
                         cv_severity_str(it->sev));
        X(out, cv_check_item_message(it));
        cv_strbuf_puts(out, " (");
        X(out, it->path);
        cv_strbuf_puts(out, ")&#10;");
    }
    cv_strbuf_puts(out, "</system-out></testcase>\n");
}

static void criterion_case(struct cv_strbuf *out, const cv_submission *s,
                           const struct cv_result *r)
{
    const struct cv_criterion *c = r->entry->crit;
    cv_strbuf_puts(out, "  <testcase classname=\"");
    X(out, s->file);
    cv_strbuf_puts(out, "\" name=\"");
    X(out, c->id);
    cv_strbuf_puts(out, "\">");
    if (cv_check_result_fails(r)) {
        cv_strbuf_puts(out, "<failure type=\"");
        X(out, cv_result_status_str(r->status));
        cv_strbuf_puts(out, "\" message=\"");
        X(out, r->reason);
        cv_strbuf_puts(out, "\">");
        X(out, r->answer_location);
        cv_strbuf_puts(out, "</failure>");
    } else if (r->entry->mandatory && r->status == CV_STATUS_CLAIMED) {
        cv_strbuf_puts(out, "<skipped message=\"");
        X(out, r->reason);
        cv_strbuf_puts(out, "\"/>");
    }
    if (r->status != CV_STATUS_MET && r->reason) {
        cv_strbuf_puts(out, "<system-out>");
        X(out, cv_result_status_str(r->status));
        cv_strbuf_puts(out, ": ");
        X(out, r->reason);
        cv_strbuf_puts(out, "</system-out>");
    }
    cv_strbuf_puts(out, "</testcase>\n");
}

static void counts(const struct cv_check_run *run, const cv_submission *s,
                   size_t *fail, size_t *skip)
{
    size_t i;
    *fail = input_fails(run, s) ? 1 : 0;
    *skip = 0;
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        if (cv_check_result_fails(r))
            (*fail)++;
        else if (r->entry->mandatory && r->status == CV_STATUS_CLAIMED)
            (*skip)++;
    }
}

void cv_check_junit(struct cv_strbuf *out, const struct cv_check_run *run)
{
    size_t i, k, tests = 0, fails = 0, skips = 0;
    for (i = 0; i < run->nsubs; i++) {
        size_t f, sk;
        counts(run, run->subs[i].sub, &f, &sk);
        tests += run->subs[i].sub->nresults + 1;
        fails += f;
        skips += sk;
    }
    cv_strbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<testsuites name=\"cloudvet check\" tests=\"%zu\" "
                          "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
                     tests, fails, skips);
    for (i = 0; i < run->nsubs; i++) {
        const struct cv_check_sub *cs = &run->subs[i];
        size_t f, sk;
        counts(run, cs->sub, &f, &sk);
        cv_strbuf_puts(out, " <testsuite name=\"");
        X(out, cs->sub->file);
        cv_strbuf_printf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
                              "skipped=\"%zu\">\n",
                         cs->sub->nresults + 1, f, sk);
        input_case(out, run, cs);
        for (k = 0; k < cs->sub->nresults; k++)
            criterion_case(out, cs->sub, &cs->sub->results[k]);
        cv_strbuf_puts(out, " </testsuite>\n");
    }
    cv_strbuf_puts(out, "</testsuites>\n");
}
