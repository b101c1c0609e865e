/* SPDX-License-Identifier: MIT */
/*
 * check_writers.c: the findings of `cloudvet check` (check.h), the table
 * of its formats, and the text format: a gcc-style line per finding
 * (file:line:col: severity: message [RULE]) with a caret excerpt of the
 * source line where the bytes are known, under the bid's verdict line.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "../base/overflow.h"
#include "view.h"

typedef void (*check_writer_fn)(struct cv_strbuf *out,
                                const struct cv_check_run *run);

/* In the enum's order (checked below). A new format is its writer and
 * one row here. */
static const struct {
    cv_check_format format;
    const char *name;
    check_writer_fn write;
} check_writers[] = {
    { CV_CHECK_TEXT, "text", cv_check_text },
    { CV_CHECK_JSON, "json", cv_check_json },
    { CV_CHECK_SARIF, "sarif", cv_check_sarif },
    { CV_CHECK_JUNIT, "junit", cv_check_junit },
};

_Static_assert(sizeof(check_writers) / sizeof(check_writers[0]) ==
                   CV_CHECK_FORMAT_COUNT,
               "one writer per cv_check_format");

const char *cv_check_format_name(cv_check_format fmt)
{
    if ((unsigned)fmt >= CV_CHECK_FORMAT_COUNT)
        return "?";
    return check_writers[fmt].name;
}

cv_status cv_check_format_parse(const char *name, cv_check_format *out)
{
    size_t i;
    for (i = 0; name && i < CV_CHECK_FORMAT_COUNT; i++)
        if (strcmp(check_writers[i].name, name) == 0) {
            *out = check_writers[i].format;
            return CV_OK;
        }
    return CV_EUSAGE;
}

const char *cv_check_outcome_str(cv_check_outcome o)
{
    switch (o) {
    case CV_CHECK_QUALIFIES: return "qualifies";
    case CV_CHECK_CONDITIONAL: return "conditional";
    case CV_CHECK_FAILS: return "fails";
    case CV_CHECK_UNREADABLE: break;
    }
    return "unreadable";
}

/* An error diagnostic fails the bid even when the verdict would let it
 * pass: a value the reader rejected is a defect the vendor must fix before
 * submitting; with `strict`, so is a warning (an ignored member, say). */
cv_check_outcome cv_check_outcome_of(const cv_submission *sub, int strict)
{
    cv_severity worst = CV_SEV_NOTE;
    size_t i;
    if (sub->verdict == CV_VERDICT_INVALID)
        return CV_CHECK_UNREADABLE;
    if (sub->verdict == CV_VERDICT_DISQUALIFIED)
        return CV_CHECK_FAILS;
    for (i = 0; i < sub->diags.count; i++)
        if (sub->diags.items[i].severity > worst)
            worst = sub->diags.items[i].severity;
    if (worst == CV_SEV_ERROR || (strict && worst == CV_SEV_WARNING))
        return CV_CHECK_FAILS;
    return sub->conditional ? CV_CHECK_CONDITIONAL : CV_CHECK_QUALIFIES;
}

bool cv_check_result_fails(const struct cv_result *r)
{
    return cv_result_disqualifies(r);
}

const char *cv_check_item_rule(const struct cv_check_item *it)
{
    return it->res ? it->res->entry->crit->id : CV_CHECK_INPUT_RULE;
}

const char *cv_check_item_message(const struct cv_check_item *it)
{
    if (it->res)
        return it->res->reason ? it->res->reason : "";
    return it->diag->message ? it->diag->message : "";
}

/* ---- the findings ----------------------------------------------------- */

/* The severity of a criterion's result as a finding, or false when it is
 * none: a criterion met or not applicable, or a graded one only claimed
 * (the points are the committee's to weigh). A mandatory criterion that
 * disqualifies is an error; one a person must confirm, a graded one that
 * lost points, a warning. */
static bool result_finding(const struct cv_result *r, cv_severity *sev)
{
    if (r->status == CV_STATUS_MET || r->status == CV_STATUS_NOT_APPLICABLE)
        return false;
    if (!r->entry->mandatory && r->status == CV_STATUS_CLAIMED)
        return false;
    *sev = cv_result_disqualifies(r) ? CV_SEV_ERROR : CV_SEV_WARNING;
    return true;
}

static int item_cmp(const void *pa, const void *pb)
{
    const struct cv_check_item *a = pa, *b = pb;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static cv_status collect(struct cv_check_sub *cs, const cv_submission *s,
                         bool strict)
{
    size_t i, n = 0, cap;
    if (cv_add_overflow(s->diags.count, s->nresults, &cap) ||
        cv_mul_overflow(cap ? cap : 1, sizeof(*cs->items), &i))
        return CV_ENOMEM;
    cs->items = calloc(cap ? cap : 1, sizeof(*cs->items));
    if (!cs->items)
        return CV_ENOMEM;
    for (i = 0; i < s->diags.count; i++, n++) {
        const cv_diag *d = &s->diags.items[i];
        cs->items[n].diag = d;
        cs->items[n].sev = d->severity;
        cs->items[n].path = d->path ? d->path : "";
        cs->items[n].line = d->line;
        cs->items[n].column = d->column;
        cs->items[n].order = n;
    }
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        cv_severity sev;
        if (!result_finding(r, &sev))
            continue;
        cs->items[n].res = r;
        cs->items[n].sev = sev;
        cs->items[n].path = r->answer_location ? r->answer_location : "";
        cs->items[n].line = r->answer_line;
        cs->items[n].column = r->answer_column;
        cs->items[n].order = n;
        n++;
    }
    qsort(cs->items, n, sizeof(*cs->items), item_cmp);
    cs->nitems = n;
    cs->sub = s;
    cs->outcome = cv_check_outcome_of(s, strict);
    return CV_OK;
}

static int sub_cmp(const void *pa, const void *pb)
{
    const struct cv_check_sub *a = pa, *b = pb;
    int c = strcmp(a->sub->file ? a->sub->file : "",
                   b->sub->file ? b->sub->file : "");
    if (c)
        return c;
    /* the same name twice (stdin and a file named so): input order */
    return a->input_index < b->input_index ? -1
                                           : a->input_index > b->input_index;
}

static void release(struct cv_check_run *run)
{
    size_t i;
    for (i = 0; run->subs && i < run->nsubs; i++)
        free(run->subs[i].items);
    free(run->subs);
}

static cv_status build(struct cv_check_run *run,
                       const cv_submission *const *subs, size_t n,
                       const cv_check_options *opts)
{
    size_t i;
    run->subs = calloc(n ? n : 1, sizeof(*run->subs));
    if (!run->subs)
        return CV_ENOMEM;
    run->nsubs = n;
    for (i = 0; i < n; i++) {
        cv_status st = collect(&run->subs[i], subs[i], run->strict);
        if (st != CV_OK)
            return st;
        run->subs[i].input_index = i;
        run->subs[i].src = opts && opts->sources ? &opts->sources[i] : NULL;
    }
    qsort(run->subs, n, sizeof(*run->subs), sub_cmp);
    return CV_OK;
}

cv_status cv_check_write(const cv_ctx *ctx, const cv_criteria *crit,
                         const cv_submission *const *subs, size_t n,
                         cv_check_format fmt, const cv_check_options *opts,
                         cv_write_fn write, void *payload)
{
    struct cv_check_run run;
    struct cv_strbuf out;
    cv_status st;
    if ((unsigned)fmt >= CV_CHECK_FORMAT_COUNT || !ctx || !crit ||
        (n && !subs) || !write)
        return CV_EUSAGE;
    memset(&run, 0, sizeof(run));
    run.ctx = ctx;
    run.crit = crit;
    run.lang = ctx->opts.lang;
    run.strict = opts && opts->strict;
    run.tool_version = opts && opts->tool_version ? opts->tool_version
                                                  : CV_VERSION_STRING;
    run.information_uri = opts ? opts->information_uri : NULL;
    run.excerpt_width = opts && opts->excerpt_width ? opts->excerpt_width
                                                    : 100;
    cv_strbuf_init(&out, 0);
    st = build(&run, subs, n, opts);
    if (st == CV_OK) {
        check_writers[fmt].write(&out, &run);
        st = cv_strbuf_status(&out);
    }
    if (st == CV_OK && out.len && write(out.ptr, out.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&out);
    release(&run);
    return st;
}

/* ---- text --------------------------------------------------------------- */

/* The byte length of the UTF-8 sequence led by `c` (1 for a stray byte:
 * the display cleaning shows it as U+FFFD). */
static size_t seq_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Where the scan of one source is: the findings come by line, so each
 * line is found from the last one, and a file is read once however many
 * findings it has. */
struct line_cursor {
    unsigned line; /* the line that starts at `at` (1-based) */
    size_t at;
};

/* Line `line` of the source, [*start, *end); false when the file has no
 * such line. */
static bool find_line(const cv_check_source *src, struct line_cursor *cur,
                      unsigned line, size_t *start, size_t *end)
{
    if (cur->line == 0 || cur->line > line) {
        cur->line = 1;
        cur->at = 0;
    }
    while (cur->line < line && cur->at < src->len) {
        const char *nl = memchr(src->bytes + cur->at, '\n',
                                src->len - cur->at);
        if (!nl)
            return false;
        cur->at = (size_t)(nl - src->bytes) + 1;
        cur->line++;
    }
    if (cur->line != line || cur->at > src->len)
        return false;
    *start = cur->at;
    *end = cur->at;
    while (*end < src->len && src->bytes[*end] != '\n' &&
           src->bytes[*end] != '\r')
        (*end)++;
    return true;
}

/* The excerpt like a compiler's: the source line, cleaned for the
 * terminal (cv_view_text) and cut to `width` characters around the
 * column, then the caret under the column (the line alone when the
 * reader knows no column). Columns count code points, as the readers do;
 * a wide (CJK) character before the column shifts the caret on a
 * terminal that shows it two cells wide. */
static void excerpt(struct cv_strbuf *out, const cv_check_source *src,
                    struct line_cursor *cur, unsigned line, unsigned column,
                    unsigned width)
{
    struct cv_strbuf slice;
    size_t start, end, i, skip, cps = 0, caret;
    if (!src || !src->bytes || line == 0 ||
        !find_line(src, cur, line, &start, &end))
        return;
    skip = column > width / 2 ? column - 1 - width / 2 : 0;
    i = start;
    while (i < end && cps < skip) { /* to the window's first character */
        i += seq_len((unsigned char)src->bytes[i]);
        cps++;
    }
    if (i > end)
        i = end;
    cv_strbuf_init(&slice, 0);
    start = i;
    for (cps = 0; i < end && cps < width; cps++)
        i += seq_len((unsigned char)src->bytes[i]);
    if (i > end)
        i = end;
    cv_strbuf_put(&slice, src->bytes + start, i - start);
    cv_strbuf_puts(out, "    ");
    if (skip)
        cv_strbuf_puts(out, "…");
    cv_view_text(out, slice.ptr, false);
    cv_strbuf_fail(out, cv_strbuf_status(&slice));
    cv_strbuf_release(&slice);
    if (column == 0) { /* the line alone: the reader knows no column */
        cv_strbuf_putc(out, '\n');
        return;
    }
    cv_strbuf_puts(out, "\n    ");
    caret = column - 1 - skip + (skip ? 1 : 0);
    for (i = 0; i < caret && i < width + 1; i++)
        cv_strbuf_putc(out, ' ');
    cv_strbuf_puts(out, "^\n");
}

/* "file:line:col: " (file: alone when the line is not known; a workbook
 * cell stands where the line would). */
static void text_location(struct cv_strbuf *out, const char *file,
                          const struct cv_check_item *it)
{
    cv_view_quote(out, file && *file ? file : "<input>",
                  CV_VIEW_QUOTE_MAX_CHARS, false, CV_LANG_EN);
    if (it->line) {
        cv_strbuf_printf(out, ":%u", it->line);
        if (it->column)
            cv_strbuf_printf(out, ":%u", it->column);
    } else if (it->path[0] && it->path[0] != '/') {
        cv_strbuf_putc(out, ':');
        cv_view_quote(out, it->path, CV_VIEW_QUOTE_MAX_CHARS, false,
                      CV_LANG_EN);
    }
    cv_strbuf_puts(out, ": ");
}

static void text_item(struct cv_strbuf *out, const struct cv_check_run *run,
                      const struct cv_check_sub *cs,
                      const struct cv_check_item *it,
                      struct line_cursor *cur)
{
    text_location(out, cs->sub->file, it);
    cv_strbuf_printf(out, "%s: ", cv_severity_str(it->sev));
    cv_view_quote(out, cv_check_item_message(it), CV_VIEW_REASON_MAX_CHARS,
                  false, run->lang);
    if (it->diag && it->path[0] == '/') { /* where in the tree */
        cv_strbuf_puts(out, " (");
        cv_view_quote(out, it->path, CV_VIEW_QUOTE_MAX_CHARS, false,
                      run->lang);
        cv_strbuf_putc(out, ')');
    }
    cv_strbuf_puts(out, " [");
    cv_view_text(out, cv_check_item_rule(it), false);
    cv_strbuf_puts(out, "]\n");
    excerpt(out, cs->src, cur, it->line, it->column, run->excerpt_width);
}

static const char *verdict_words(const cv_submission *s, cv_lang lang)
{
    switch (s->verdict) {
    case CV_VERDICT_QUALIFIED:
        return s->conditional
                   ? CV_L(lang, "条件付きで参加資格を満たす見込みです (次の必須"
                                "基準は申告のみで、確認が必要です)",
                          "would qualify on condition (these mandatory "
                          "criteria are only claimed: a person must confirm "
                          "them)")
                   : CV_L(lang, "参加資格を満たす見込みです", "would qualify");
    case CV_VERDICT_DISQUALIFIED:
        return CV_L(lang, "参加資格を満たしません", "would not qualify");
    case CV_VERDICT_INVALID:
        break;
    }
    return CV_L(lang, "質問票として読めません",
                "cannot be read as a questionnaire");
}

static void text_verdict(struct cv_strbuf *out, const struct cv_check_run *run,
                         const struct cv_check_sub *cs)
{
    const cv_submission *s = cs->sub;
    cv_lang lang = run->lang;
    size_t i;
    cv_view_quote(out, s->file, CV_VIEW_QUOTE_MAX_CHARS, false, lang);
    cv_strbuf_printf(out, ": %s %s — %s", cv_view_bid_verdict_symbol(s),
                     cv_view_bid_verdict_word(s, lang),
                     verdict_words(s, lang));
    if (s->verdict != CV_VERDICT_INVALID) {
        char score[32], max[32];
        cv_view_points(score, s->score);
        cv_view_points(max, s->max_score);
        cv_strbuf_printf(out, " (%s %s / %s, %s %zu)",
                         cv_view_heading(CV_HEAD_SCORE, lang), score, max,
                         cv_view_heading(CV_HEAD_NEEDS_REVIEW, lang),
                         s->needs_review);
    }
    if (cs->outcome == CV_CHECK_FAILS && s->verdict == CV_VERDICT_QUALIFIED)
        cv_strbuf_puts(out, CV_L(lang, " — ただし診断 (エラー、--strict では"
                                       "警告) があるため点検は不合格です",
                                 " — but it fails the check for its "
                                 "diagnostics (errors; with --strict, "
                                 "warnings)"));
    cv_strbuf_putc(out, '\n');
    for (i = 0; i < s->npending; i++) {
        const struct cv_result *r = &s->results[s->pending[i]];
        cv_strbuf_printf(out, "  %s %s: ",
                         cv_view_status_symbol(CV_STATUS_CLAIMED),
                         cv_view_heading(CV_HEAD_TO_CONFIRM, lang));
        cv_view_text(out, CV_TEXT(lang, r->entry->crit->title), false);
        cv_strbuf_puts(out, " (");
        cv_view_text(out, r->entry->crit->id, false);
        cv_strbuf_puts(out, ")\n");
    }
}

/* A criterion finding's block under its gcc-style line: the status in
 * the reports' words (view.c), what it costs, the title, where the facts
 * are and the clauses. */
static void text_result(struct cv_strbuf *out, const struct cv_check_run *run,
                        const struct cv_result *r)
{
    cv_lang lang = run->lang;
    cv_strbuf_printf(out, "  %s ", cv_view_status_symbol(r->status));
    cv_view_text(out, r->entry->crit->id, false);
    cv_strbuf_printf(out, " [%s] %s%s: ", cv_view_status_word(r->status, lang),
                     cv_view_heading(r->entry->mandatory ? CV_HEAD_MANDATORY
                                                         : CV_HEAD_BONUS,
                                     lang),
                     cv_result_disqualifies(r)
                         ? CV_L(lang, "・失格", ", disqualifies") : "");
    cv_view_text(out, CV_TEXT(lang, r->entry->crit->title), false);
    if (r->detail) {
        cv_strbuf_puts(out, CV_L(lang, "\n      場所: ", "\n      where: "));
        cv_view_quote(out, r->detail, CV_VIEW_REASON_MAX_CHARS, false, lang);
    }
    cv_strbuf_puts(out, CV_L(lang, "\n      根拠: ", "\n      clause: "));
    cv_view_citations(out, r->entry->crit, "; ");
    cv_strbuf_putc(out, '\n');
}

/* What the provider says the municipality must carry: beside the
 * verdict, whatever the status. */
static void text_residuals(struct cv_strbuf *out,
                           const struct cv_check_run *run,
                           const cv_submission *s)
{
    cv_lang lang = run->lang;
    size_t i;
    for (i = 0; i < s->nresults; i++) {
        const struct cv_result *r = &s->results[i];
        if (!r->residual)
            continue;
        cv_strbuf_printf(out, "  ! %s ",
                         CV_L(lang, "利用者側の責任", "customer's duty"));
        cv_view_text(out, r->entry->crit->id, false);
        cv_strbuf_printf(out, ": %s",
                         CV_L(lang, "この項目は利用者側の責任です",
                              "this item is the customer's responsibility"));
        if (r->customer_responsibilities && *r->customer_responsibilities) {
            cv_strbuf_puts(out, "\n      ");
            cv_view_quote(out, r->customer_responsibilities,
                          CV_VIEW_REASON_MAX_CHARS, false, lang);
        }
        cv_strbuf_putc(out, '\n');
    }
}

void cv_check_text(struct cv_strbuf *out, const struct cv_check_run *run)
{
    size_t i, k;
    for (i = 0; i < run->nsubs; i++) {
        const struct cv_check_sub *cs = &run->subs[i];
        struct line_cursor cur = { 0, 0 };
        text_verdict(out, run, cs);
        for (k = 0; k < cs->nitems; k++) {
            text_item(out, run, cs, &cs->items[k], &cur);
            if (cs->items[k].res)
                text_result(out, run, cs->items[k].res);
        }
        text_residuals(out, run, cs->sub);
    }
}
