/* SPDX-License-Identifier: MIT */
/*
 * report_json.c: report.json (docs/report.md), built with
 * jansson and dumped by it, the head and then one submission at a time
 * (see cv_report_json), so every string is escaped by the library, never
 * by hand.
 *
 * Extensions (members report-v1 allows to be added, documented in
 * docs/report.md): per result `category`, `response`,
 * `explanation` and evidence `section`, and where the answer states it
 * `responsibility`, `customer_responsibilities` and `residual` (with the
 * submission's `residual_obligations`); per diagnostic `path`, `line`,
 * `column`; on the profile `title` and `parameters`.
 *
 * The award (docs/report.md, "The award"): top-level `method` always
 * (the published method's hash), `tender` and per submission `award`
 * when a tender file ranked the bids, `sensitivity` when it was
 * computed; per result `decision` when a committee's review decision
 * replaced the tool's status, per submission `decisions` when any
 * concerned the bid. Each is added only when it applies, so a report
 * without them keeps its bytes.
 */
#include <stdio.h>
#include <jansson.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/unicode.h"
#include "../internal.h"
#include "view.h"

/* jansson refuses invalid UTF-8 (json_string returns NULL), and one such
 * string, say a file name given on the command line, must not cost the
 * whole report: it is repaired (U+FFFD) instead. */
static json_t *jstr(const char *s)
{
    struct cv_arena scratch;
    json_t *v = json_string(s); /* which validates: no second pass */
    if (v)
        return v;
    cv_arena_init(&scratch);
    v = json_string(cv_utf8_repair(&scratch, s, strlen(s)));
    cv_arena_release(&scratch);
    return v;
}

/* jansson refuses NULL: absent strings become JSON null. */
static json_t *str_or_null(const char *s)
{
    return s ? jstr(s) : json_null();
}

static int set(json_t *obj, const char *key, json_t *v)
{
    return v ? json_object_set_new(obj, key, v) : -1;
}

static json_t *citations_json(const struct cv_criterion *c)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; arr && i < c->ncitations; i++) {
        json_t *o = json_object();
        if (!o || set(o, "document", jstr(c->citations[i].document)) ||
            set(o, "clause", jstr(c->citations[i].clause)) ||
            json_array_append_new(arr, o)) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *evidence_json(const struct cv_result *r)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; arr && i < r->nevidence; i++) {
        const struct cv_evidence *e = &r->evidence[i];
        json_t *o = json_object();
        int bad = !o || set(o, "title", str_or_null(e->title)) ||
                  set(o, "url", str_or_null(e->url)) ||
                  set(o, "page", str_or_null(e->page)) ||
                  set(o, "quote", str_or_null(e->quote));
        if (!bad && e->section)
            bad = set(o, "section", jstr(e->section));
        if (!bad && e->location)
            bad = set(o, "location", jstr(e->location));
        if (bad || json_array_append_new(arr, o)) {
            json_decref(o);
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The responsibility split of the answer, only when the answer states
 * one (so a report without any is the same as before the members
 * existed): responsibility, customer_responsibilities, residual. */
static int responsibility_json(json_t *o, const struct cv_result *r)
{
    if (r->responsibility && set(o, "responsibility", jstr(r->responsibility)))
        return -1;
    if (r->customer_responsibilities &&
        set(o, "customer_responsibilities",
            jstr(r->customer_responsibilities)))
        return -1;
    if (r->responsibility || r->customer_responsibilities || r->residual)
        return set(o, "residual", json_boolean(r->residual));
    return 0;
}

/* What replaced the tool's status: the decision (the result's `status`
 * and `points` are already its), what the tool had said, who, when and
 * why. Added only to a decided result. */
static int decision_json(json_t *o, const struct cv_result *r)
{
    json_t *d;
    if (!r->decided)
        return 0;
    d = json_object();
    if (!d || set(d, "status", jstr(cv_result_status_str(r->status))) ||
        set(d, "tool_status", jstr(cv_result_status_str(r->tool_status))) ||
        set(d, "tool_points", json_real(r->tool_points)) ||
        set(d, "by", str_or_null(r->decided_by)) ||
        set(d, "on", str_or_null(r->decided_on)) ||
        set(d, "reason", str_or_null(r->decision_reason))) {
        json_decref(d);
        return -1;
    }
    return set(o, "decision", d);
}

static json_t *result_json(const struct cv_result *r, cv_lang lang)
{
    const struct cv_criterion *c = r->entry->crit;
    json_t *o = json_object();
    if (!o || set(o, "id", jstr(c->id)) ||
        set(o, "title", jstr(CV_TEXT(lang, c->title))) ||
        set(o, "category", jstr(c->category)) ||
        set(o, "mandatory", json_boolean(r->entry->mandatory)) ||
        set(o, "status", jstr(cv_result_status_str(r->status))) ||
        set(o, "points", json_real(r->points)) ||
        set(o, "max_points", json_real(r->max_points)) ||
        decision_json(o, r) ||
        set(o, "reason", jstr(r->reason)) ||
        (r->detail && set(o, "detail", jstr(r->detail))) ||
        set(o, "response", str_or_null(r->response)) ||
        set(o, "explanation", str_or_null(r->explanation)) ||
        (r->answer_location &&
         set(o, "answer_location", jstr(r->answer_location))) ||
        set(o, "evidence", evidence_json(r)) ||
        set(o, "citations", citations_json(c)) ||
        responsibility_json(o, r)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The tender the bid answers: {"id", "title"} as the bid gives them, or
 * null when it names none (report.json readers can see a mix). */
static json_t *tender_json(const cv_submission *s)
{
    json_t *o;
    if (!s->tender_id && !s->tender_title)
        return json_null();
    o = json_object();
    if (!o || set(o, "id", str_or_null(s->tender_id)) ||
        set(o, "title", str_or_null(s->tender_title))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *diag_json(const cv_diag *d)
{
    struct cv_strbuf loc;
    json_t *o = json_object();
    cv_strbuf_init(&loc, 0);
    cv_strbuf_puts(&loc, d->path && *d->path ? d->path : "/");
    if (d->line) {
        cv_strbuf_printf(&loc, " (%u", d->line);
        if (d->column)
            cv_strbuf_printf(&loc, ":%u", d->column);
        cv_strbuf_putc(&loc, ')');
    }
    if (!o || cv_strbuf_status(&loc) != CV_OK ||
        set(o, "severity", jstr(cv_severity_str(d->severity))) ||
        set(o, "location", jstr(loc.ptr)) ||
        set(o, "message", jstr(d->message)) ||
        set(o, "path", jstr(d->path ? d->path : "")) ||
        set(o, "line", d->line ? json_integer(d->line) : json_null()) ||
        set(o, "column", d->column ? json_integer(d->column) : json_null())) {
        json_decref(o);
        o = NULL;
    }
    cv_strbuf_release(&loc);
    return o;
}

static json_t *row_json(const struct cv_registry_row *r)
{
    json_t *o;
    if (!r)
        return json_null();
    o = json_object();
    if (!o || set(o, "row", json_integer(r->row)) ||
        set(o, "number", str_or_null(r->number)) ||
        set(o, "service", str_or_null(r->service)) ||
        set(o, "provider", str_or_null(r->provider)) ||
        set(o, "registered", str_or_null(r->registered)) ||
        set(o, "expires", str_or_null(r->expires)) ||
        set(o, "scheme", str_or_null(r->scheme))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *regcheck_json(const struct cv_regcheck *rc)
{
    json_t *o = json_object();
    if (!o || set(o, "certification", json_integer((json_int_t)rc->index)) ||
        set(o, "path", jstr(rc->pointer)) ||
        set(o, "line", rc->line ? json_integer(rc->line) : json_null()) ||
        set(o, "scheme", str_or_null(rc->scheme)) ||
        set(o, "number", str_or_null(rc->number)) ||
        set(o, "outcome", jstr(cv_reg_outcome_str(rc->outcome))) ||
        set(o, "registry_row", row_json(rc->row)) ||
        set(o, "message", jstr(rc->message))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *blocked_json(const struct cv_link_check *c)
{
    json_t *o;
    if (c->outcome != CV_LINK_BLOCKED)
        return json_null();
    o = json_object();
    if (!o || set(o, "url", str_or_null(c->blocked_url)) ||
        set(o, "address", str_or_null(c->blocked_addr)) ||
        set(o, "address_class",
            c->blocked_scheme ? json_null()
                              : jstr(cv_addr_class_str(c->blocked_class))) ||
        set(o, "scheme", str_or_null(c->blocked_scheme))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *link_json(const struct cv_link *l)
{
    const struct cv_link_check *c = &l->check;
    json_t *o = json_object();
    int bad = !o || set(o, "path", jstr(l->pointer)) ||
              set(o, "url", jstr(c->url)) ||
              set(o, "checked", json_boolean(l->checked));
    if (!bad && l->checked)
        bad = set(o, "outcome", jstr(cv_link_outcome_str(c->outcome))) ||
              set(o, "final_url", str_or_null(c->final_url)) ||
              set(o, "http_status",
                  c->http_status ? json_integer(c->http_status)
                                 : json_null()) ||
              set(o, "content_type", str_or_null(c->content_type)) ||
              set(o, "method", str_or_null(c->method)) ||
              set(o, "redirects", json_integer(c->redirects)) ||
              set(o, "elapsed_ms", json_integer((json_int_t)c->elapsed_ms)) ||
              set(o, "checked_at", jstr(c->checked_at)) ||
              set(o, "blocked", blocked_json(c)) ||
              set(o, "error", str_or_null(c->error));
    bad = bad || set(o, "message", str_or_null(l->message));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* registry_checks and link_checks of one submission (report extension,
 * docs/report.md). link_checks is null when --online was not
 * given: nothing was requested. */
static int checks_json(json_t *o, const cv_submission *s)
{
    json_t *reg = json_array(), *links = s->online ? json_array() : json_null();
    size_t i;
    int bad = !reg || !links;
    for (i = 0; !bad && i < s->nregchecks; i++)
        bad = json_array_append_new(reg, regcheck_json(&s->regchecks[i]));
    for (i = 0; !bad && s->online && i < s->nlinks; i++)
        bad = json_array_append_new(links, link_json(&s->links[i]));
    if (!bad)
        bad = json_object_set(o, "registry_checks", reg) ||
              json_object_set(o, "link_checks", links);
    json_decref(reg);
    json_decref(links);
    return bad;
}

/* The mandatory criteria only claimed, by id: what a person must confirm
 * before a conditionally qualified bid is qualified. */
static json_t *pending_json(const cv_submission *s)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; arr && i < s->npending; i++) {
        if (json_array_append_new(
                arr, jstr(s->results[s->pending[i]].entry->crit->id))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

/* The residual obligations of the bid (criteria the provider leaves to
 * the customer), by id in profile order; added only when there is one. */
static int residual_json(json_t *o, const cv_submission *s)
{
    json_t *arr;
    size_t i;
    int bad = 0;
    for (i = 0; i < s->nresults && !s->results[i].residual; i++)
        ;
    if (i == s->nresults)
        return 0;
    arr = json_array();
    bad = !arr;
    for (; !bad && i < s->nresults; i++)
        if (s->results[i].residual)
            bad = json_array_append_new(arr,
                                        jstr(s->results[i].entry->crit->id));
    if (bad) {
        json_decref(arr);
        return -1;
    }
    return set(o, "residual_obligations", arr);
}

/* Every review decision that concerned the bid, applied or not, with
 * what became of it (a stale one is listed, never applied); added only
 * when there is one. */
static json_t *decision_note_json(const struct cv_decision_note *n)
{
    const struct cv_decision *d = n->decision;
    json_t *o = json_object();
    if (!o || set(o, "criterion", str_or_null(d->criterion)) ||
        set(o, "decision", jstr(cv_result_status_str(d->status))) ||
        set(o, "by", str_or_null(d->by)) ||
        set(o, "on", str_or_null(d->on)) ||
        set(o, "reason", str_or_null(d->reason)) ||
        set(o, "fate", jstr(cv_decision_fate_str(n->fate))) ||
        set(o, "message", str_or_null(n->message))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int decisions_json(json_t *o, const cv_submission *s)
{
    json_t *arr;
    size_t i;
    int bad;
    if (s->ndecisions == 0)
        return 0;
    arr = json_array();
    bad = !arr;
    for (i = 0; !bad && i < s->ndecisions; i++)
        bad = json_array_append_new(arr, decision_note_json(&s->decisions[i]));
    if (bad) {
        json_decref(arr);
        return -1;
    }
    return set(o, "decisions", arr);
}

/* A figure that only some bids have (価格点 only when additive and
 * ranked): the number, or null. */
static json_t *real_if(bool has, double v)
{
    return has ? json_real(v) : json_null();
}

/* One bid's award figures by the tender's method: the rounded figure
 * beside the unrounded one, so each can be recomputed from the stated
 * rounding; 価格点 and the total only for a bid in the award ranking (a
 * void or unqualified bid has none: a 0 would read as a score), the
 * 技術点 of every bid; `arithmetic` writes the computation out. */
static json_t *award_json(const struct cv_award *aw, size_t i)
{
    const struct cv_award_bid *b = &aw->bids[i];
    bool additive = aw->tender && aw->tender->method == CV_TENDER_ADDITIVE;
    bool ranked = b->state == CV_AWARD_RANKED;
    json_t *o = json_object();
    if (!o || set(o, "state", jstr(cv_award_state_str(b->state))) ||
        set(o, "price", b->bid ? json_integer((json_int_t)b->price)
                               : json_null()) ||
        set(o, "technical", json_real(b->technical)) ||
        set(o, "technical_raw", json_real(b->technical_raw)) ||
        set(o, "price_points", real_if(additive && ranked, b->price_points)) ||
        set(o, "price_raw", real_if(additive && ranked, b->price_raw)) ||
        set(o, "total", real_if(ranked, b->total)) ||
        set(o, "total_raw", real_if(ranked, b->total_raw)) ||
        set(o, "rank", b->rank ? json_integer(b->rank) : json_null()) ||
        set(o, "lot", json_boolean(b->lot)) ||
        set(o, "arithmetic", str_or_null(b->arithmetic)) ||
        set(o, "reason", str_or_null(b->reason))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The submission's award, when the report has one for it. */
static int submission_award_json(json_t *o, const struct cv_award *aw,
                                 size_t i)
{
    if (!aw || i >= aw->count)
        return 0;
    return set(o, "award", award_json(aw, i));
}

/* `aw` is the report's award (NULL: none, and always in ndjson), `index`
 * the submission's place in the input order it follows. */
static json_t *submission_json(const cv_submission *s, unsigned rank,
                               const struct cv_award *aw, size_t index)
{
    json_t *o = json_object(), *results = json_array(), *diags = json_array();
    size_t i;
    int bad = !o || !results || !diags;
    for (i = 0; !bad && i < s->nresults; i++)
        bad = json_array_append_new(results,
                                    result_json(&s->results[i], s->lang));
    for (i = 0; !bad && i < s->diags.count; i++)
        bad = json_array_append_new(diags, diag_json(&s->diags.items[i]));
    bad = bad || set(o, "file", jstr(s->file)) ||
          set(o, "sha256", s->sha256[0] ? jstr(s->sha256)
                                        : json_null()) ||
          set(o, "vendor", str_or_null(s->vendor)) ||
          set(o, "service", str_or_null(s->service)) ||
          set(o, "tender", tender_json(s)) ||
          set(o, "verdict", jstr(cv_verdict_str(s->verdict))) ||
          set(o, "conditional", json_boolean(s->conditional)) ||
          set(o, "pending", pending_json(s)) ||
          residual_json(o, s) ||
          set(o, "score", json_real(s->score)) ||
          set(o, "max_score", json_real(s->max_score)) ||
          set(o, "rank", rank ? json_integer(rank) : json_null()) ||
          submission_award_json(o, aw, index) ||
          set(o, "needs_review", json_integer((json_int_t)s->needs_review));
    if (!bad) {
        bad = json_object_set(o, "results", results) ||
              decisions_json(o, s) || checks_json(o, s) ||
              json_object_set(o, "diagnostics", diags);
    }
    json_decref(results);
    json_decref(diags);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Whether the ISMAP list was consulted, and which edition. */
static json_t *registry_json(const cv_ctx *ctx)
{
    struct cv_registry_note note;
    struct cv_strbuf sb;
    json_t *o = json_object();
    int bad = !o;
    cv_ctx_registry_note(ctx, &note);
    cv_strbuf_init(&sb, 0);
    cv_registry_note_text(&note, ctx->opts.lang, &sb);
    bad = bad || cv_strbuf_status(&sb) != CV_OK ||
          set(o, "checked", json_boolean(note.checked));
    if (!bad && note.checked)
        bad = set(o, "registry", jstr(note.snap->kind)) ||
              set(o, "snapshot", jstr(note.file_name)) ||
              set(o, "as_of", jstr(note.snap->as_of)) ||
              set(o, "source", str_or_null(note.snap->source)) ||
              set(o, "source_sha256", jstr(note.snap->source_sha256)) ||
              set(o, "sheet", str_or_null(note.snap->sheet)) ||
              set(o, "rows", json_integer((json_int_t)note.snap->nrows)) ||
              set(o, "age_days", json_integer(note.age_days)) ||
              set(o, "max_age_days", json_integer(note.max_age_days)) ||
              set(o, "stale", json_boolean(note.stale));
    bad = bad || set(o, "message", jstr(sb.ptr ? sb.ptr : ""));
    cv_strbuf_release(&sb);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *profile_json(const cv_criteria *c, cv_lang lang)
{
    json_t *o = json_object(), *params = json_object();
    size_t i;
    int bad = !o || !params;
    for (i = 0; !bad && i < c->profile.nparams; i++) {
        const struct cv_param *p = &c->profile.params[i];
        json_t *v = NULL;
        json_t *po = json_object();
        if (p->value->kind == CV_NODE_NUMBER)
            v = json_real(p->value->number);
        else if (p->value->kind == CV_NODE_BOOL)
            v = json_boolean(p->value->boolean);
        else if (p->value->kind == CV_NODE_STRING)
            v = jstr(p->value->text);
        else if (p->value->kind == CV_NODE_ARRAY) {
            const struct cv_node *e;
            v = json_array();
            for (e = p->value->first; v && e; e = e->next)
                if (e->kind == CV_NODE_STRING)
                    json_array_append_new(v, jstr(e->text));
        }
        bad = !po || set(po, "value", v ? v : json_null()) ||
              set(po, "basis", jstr(cv_param_basis_str(p->basis))) ||
              set(po, "source", jstr(p->source)) ||
              set(po, "note", str_or_null(p->note)) ||
              set(params, p->name, po);
    }
    bad = bad || set(o, "id", jstr(c->profile.id)) ||
          set(o, "version", jstr(c->profile.version)) ||
          set(o, "sha256", jstr(c->sha256)) ||
          set(o, "title", jstr(CV_TEXT(lang, c->profile.title)));
    if (!bad)
        bad = json_object_set(o, "parameters", params);
    json_decref(params);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* jansson hands its output over a few bytes at a time; they are gathered
 * into chunks so that the caller's write runs once per 64 KiB. */
#define SINK_CHUNK ((size_t)64 << 10)

struct sink {
    cv_write_fn write;
    void *payload;
    int failed;
    struct cv_strbuf buf;
};

static int sink_flush(struct sink *s)
{
    if (!s->failed && cv_strbuf_status(&s->buf) != CV_OK)
        s->failed = -1;
    if (!s->failed && s->buf.len && s->write(s->buf.ptr, s->buf.len,
                                             s->payload) != 0)
        s->failed = 1;
    cv_strbuf_reset(&s->buf);
    return s->failed;
}

static int dump_cb(const char *buf, size_t len, void *data)
{
    struct sink *s = data;
    if (s->failed)
        return -1;
    cv_strbuf_put(&s->buf, buf, len);
    if (s->buf.len >= SINK_CHUNK && sink_flush(s))
        return -1;
    return 0;
}

static cv_status dump(json_t *root, cv_write_fn write, void *payload)
{
    struct sink s = { write, payload, 0, { NULL, 0, 0, 0, CV_OK } };
    int rc;
    cv_strbuf_init(&s.buf, 0);
    rc = json_dump_callback(root, dump_cb, &s,
                            JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(12));
    if (rc == 0)
        cv_strbuf_putc(&s.buf, '\n');
    if (sink_flush(&s) != 0)
        rc = -1;
    cv_strbuf_release(&s.buf);
    if (rc != 0)
        return s.failed > 0 ? CV_EIO : CV_ENOMEM;
    return CV_OK;
}

/* jansson's output of one submission, re-indented by four spaces after
 * every line break, as if dumped inside the "submissions" array (a line
 * break in jansson's output is always its own: strings escape theirs). */
static int nested_cb(const char *buf, size_t len, void *data)
{
    struct sink *s = data;
    size_t i, from = 0;
    if (s->failed)
        return -1;
    for (i = 0; i < len; i++) {
        if (buf[i] != '\n')
            continue;
        cv_strbuf_put(&s->buf, buf + from, i + 1 - from);
        cv_strbuf_puts(&s->buf, "    ");
        from = i + 1;
    }
    cv_strbuf_put(&s->buf, buf + from, len - from);
    if (s->buf.len >= SINK_CHUNK && sink_flush(s))
        return -1;
    return 0;
}

/* The report's head, gathered whole (it is small) to be cut before it is
 * written. */
static int collect_cb(const char *buf, size_t len, void *data)
{
    struct cv_strbuf *sb = data;
    cv_strbuf_put(sb, buf, len);
    return cv_strbuf_status(sb) == CV_OK ? 0 : -1;
}

static const size_t report_json_flags =
    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12);

/* The published method (criteria/method.h) the report was made by:
 * every report of a tender shows the hash `criteria show` printed. */
static json_t *method_json(const cv_report *report)
{
    json_t *o = json_object();
    if (!o || set(o, "sha256", report->method_sha256[0]
                                   ? jstr(report->method_sha256)
                                   : json_null())) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *rounding_json(const struct cv_rounding *r)
{
    json_t *o = json_object();
    if (!o || set(o, "mode", jstr(cv_round_mode_str(r->mode))) ||
        set(o, "digits", json_integer(r->digits))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The rounding of each component, by the name report.json gives it. */
static json_t *roundings_json(const struct cv_tender_def *t)
{
    json_t *o = json_object();
    if (!o || set(o, "technical", rounding_json(&t->round_technical)) ||
        set(o, "price", rounding_json(&t->round_price)) ||
        set(o, "total", rounding_json(&t->round_total))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *tie_break_json(const struct cv_tender_def *t)
{
    json_t *arr = json_array();
    size_t i;
    for (i = 0; arr && i < t->ntie_break; i++) {
        if (json_array_append_new(arr, jstr(cv_tie_rule_str(t->tie_break[i])))) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *tender_profile_json(const struct cv_tender_def *t)
{
    json_t *o = json_object();
    if (!o || set(o, "id", str_or_null(t->profile_id)) ||
        set(o, "sha256", str_or_null(t->profile_sha256))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *points_split_json(const struct cv_tender_def *t)
{
    json_t *o = json_object();
    if (!o || set(o, "technical", json_real(t->technical_points)) ||
        set(o, "price", t->method == CV_TENDER_ADDITIVE
                            ? json_real(t->price_points)
                            : json_null())) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *tax_json(const struct cv_tax_rule *tax)
{
    json_t *o = json_object();
    if (!o || set(o, "rate_percent", json_integer(tax->rate_percent)) ||
        set(o, "formula_inclusive", json_boolean(tax->formula_inclusive))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The tender file the award was computed by: what identifies it (its
 * bytes' and its method's hashes) and every term of the method, so a
 * reader can redo each bid's arithmetic from report.json alone. */
static json_t *tender_head_json(const struct cv_award *aw, cv_lang lang)
{
    const struct cv_tender_def *t = aw->tender;
    const char *title = NULL;
    json_t *o = json_object();
    int bad = !o || !t;
    if (!bad) /* in the report's language, else the one the file has */
        title = CV_TEXT(lang, t->title) ? CV_TEXT(lang, t->title)
                : t->title.ja           ? t->title.ja
                                        : t->title.en;
    bad = bad || set(o, "id", str_or_null(t->id)) ||
          set(o, "title", str_or_null(title)) ||
          set(o, "file", str_or_null(t->file)) ||
          set(o, "sha256", jstr(t->sha256)) ||
          set(o, "method_sha256", t->method_sha256[0]
                                      ? jstr(t->method_sha256)
                                      : json_null()) ||
          set(o, "profile", tender_profile_json(t)) ||
          set(o, "method", jstr(cv_tender_method_str(t->method))) ||
          set(o, "points", points_split_json(t)) ||
          set(o, "formula", t->method == CV_TENDER_ADDITIVE
                                ? jstr(cv_price_formula_str(t->formula))
                                : json_null()) ||
          set(o, "division_scale", t->method == CV_TENDER_DIVISION
                                       ? json_real(t->division_scale)
                                       : json_null()) ||
          set(o, "ceiling", t->ceiling ? json_integer((json_int_t)t->ceiling)
                                       : json_null()) ||
          set(o, "lowest_price",
              aw->lowest_price ? json_integer((json_int_t)aw->lowest_price)
                               : json_null()) ||
          set(o, "tax", tax_json(&t->tax)) ||
          set(o, "rounding", roundings_json(t)) ||
          set(o, "tie_break", tie_break_json(t)) ||
          set(o, "minimum", t->has_minimum ? json_real(t->minimum_technical)
                                           : json_null());
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* A bid named by its file (the sensitivity speaks of inputs). */
static json_t *bid_file_json(const cv_report *report, size_t i)
{
    return i < report->count ? jstr(report->subs[i]->file) : json_null();
}

static json_t *sens_case_json(const cv_report *report,
                              const struct cv_sens_case *c)
{
    json_t *o = json_object();
    if (!o || set(o, "criterion", str_or_null(c->criterion)) ||
        set(o, "delta_percent", json_real(c->delta_percent)) ||
        set(o, "order_changed", json_boolean(c->order_changed)) ||
        set(o, "winner_changed", json_boolean(c->winner_changed)) ||
        set(o, "winner", bid_file_json(report, c->winner))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* How the final ranking moves under each single change of a weight or
 * of the split: the margin, whether first place is fragile, the
 * criteria ("split" for the 技術点:価格点 split) it depends on, and
 * every case tried. */
static json_t *sensitivity_json(const cv_report *report)
{
    const struct cv_sensitivity *sn = &report->sens;
    json_t *o = json_object(), *deps = json_array(), *cases = json_array();
    size_t i;
    int bad = !o || !deps || !cases;
    for (i = 0; !bad && i < sn->ndepends; i++)
        bad = json_array_append_new(deps, jstr(sn->depends_on[i]
                                                   ? sn->depends_on[i]
                                                   : "split"));
    for (i = 0; !bad && i < sn->ncases; i++)
        bad = json_array_append_new(cases,
                                    sens_case_json(report, &sn->cases[i]));
    bad = bad || set(o, "margin", json_real(sn->margin)) ||
          set(o, "fragile", json_boolean(sn->fragile)) ||
          set(o, "first", bid_file_json(report, sn->first)) ||
          set(o, "second", bid_file_json(report, sn->second)) ||
          json_object_set(o, "depends_on", deps) ||
          json_object_set(o, "cases", cases);
    json_decref(deps);
    json_decref(cases);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The award's members of the head, each only when it applies. */
static int award_head_json(json_t *root, const cv_report *report)
{
    if (set(root, "method", method_json(report)))
        return -1;
    if (report->awarded && set(root, "tender", tender_head_json(&report->award,
                                         report->ctx->opts.lang)))
        return -1;
    if (report->sens.computed &&
        set(root, "sensitivity", sensitivity_json(report)))
        return -1;
    return 0;
}

/* The report's members before "submissions", with "submissions": [] last. */
static json_t *report_head(const cv_report *report)
{
    const cv_ctx *ctx = report->ctx;
    json_t *root = json_object();
    char as_of[11];
    cv_date_format(ctx->as_of, as_of);
    if (!root || set(root, "format", jstr("cloudvet-report/1")) ||
        set(root, "as_of", jstr(as_of)) ||
        set(root, "profile", profile_json(report->crit, ctx->opts.lang)) ||
        set(root, "registry", registry_json(ctx)) ||
        set(root, "online", json_boolean(ctx->online)) ||
        award_head_json(root, report) ||
        set(root, "submissions", json_array())) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/*
 * Streamed: the head is dumped with an empty "submissions" array, which
 * is then opened again, and each submission is built, dumped and freed in
 * turn, so the whole report is never one tree in memory (a jansson tree
 * of 20,000 bids took 2.4 GB). The bytes are those of dumping the whole
 * tree at once.
 */
cv_status cv_report_json(const cv_report *report, cv_write_fn write,
                         void *payload)
{
    static const char empty_tail[] = "[]\n}";
    const size_t tail_len = sizeof(empty_tail) - 1;
    struct sink s = { write, payload, 0, { NULL, 0, 0, 0, CV_OK } };
    struct cv_strbuf head;
    json_t *root = report_head(report);
    size_t i;
    int rc = root ? 0 : -1;

    cv_strbuf_init(&s.buf, 0);
    cv_strbuf_init(&head, 0);
    if (rc == 0)
        rc = json_dump_callback(root, collect_cb, &head, report_json_flags);
    json_decref(root);
    if (rc == 0 && report->count > 0) {
        /* "...\"submissions\": []\n}" becomes "...\"submissions\": [". */
        if (head.len < tail_len ||
            memcmp(head.ptr + head.len - tail_len, empty_tail, tail_len) != 0)
            rc = -1;
        else
            cv_strbuf_truncate(&head, head.len - (tail_len - 1));
    }
    if (rc == 0)
        cv_strbuf_put(&s.buf, head.ptr, head.len);
    cv_strbuf_release(&head);
    for (i = 0; rc == 0 && i < report->count; i++) {
        json_t *sub = submission_json(report->subs[i], report->ranks[i],
                                      report->awarded ? &report->award
                                                      : NULL,
                                      i);
        cv_strbuf_puts(&s.buf, i ? ",\n    " : "\n    ");
        rc = sub ? json_dump_callback(sub, nested_cb, &s, report_json_flags)
                 : -1;
        json_decref(sub);
    }
    if (rc == 0 && report->count > 0)
        cv_strbuf_puts(&s.buf, "\n  ]\n}");
    if (rc == 0)
        cv_strbuf_putc(&s.buf, '\n');
    if (sink_flush(&s) != 0)
        rc = -1;
    cv_strbuf_release(&s.buf);
    if (rc != 0)
        return s.failed > 0 ? CV_EIO : CV_ENOMEM;
    return CV_OK;
}

/* ---- ndjson: one submission per line ---- */

cv_status cv_ndjson_line(const cv_ctx *ctx, const cv_criteria *crit,
                         const cv_submission *sub, cv_write_fn write,
                         void *payload)
{
    json_t *line = json_object(), *s = submission_json(sub, 0, NULL, 0);
    json_t *profile = json_object();
    char as_of[11];
    struct sink k = { write, payload, 0, { NULL, 0, 0, 0, CV_OK } };
    int bad = !line || !s || !profile;
    const char *key;
    json_t *v;

    cv_date_format(ctx->as_of, as_of);
    bad = bad || set(line, "format", jstr("cloudvet-result/1")) ||
          set(line, "as_of", jstr(as_of)) ||
          set(profile, "id", jstr(crit->profile.id)) ||
          set(profile, "version", jstr(crit->profile.version)) ||
          set(profile, "sha256", jstr(crit->sha256)) ||
          json_object_set(line, "profile", profile) ||
          set(line, "registry", registry_json(ctx)) ||
          set(line, "online", json_boolean(ctx->online));
    /* The submission's members follow, in report.json's order. */
    json_object_foreach(s, key, v) {
        if (bad)
            break;
        bad = json_object_set(line, key, v);
    }
    cv_strbuf_init(&k.buf, 0);
    if (!bad)
        bad = json_dump_callback(line, dump_cb, &k,
                                 JSON_COMPACT | JSON_PRESERVE_ORDER |
                                     JSON_REAL_PRECISION(12)) != 0;
    if (!bad)
        cv_strbuf_putc(&k.buf, '\n');
    if (sink_flush(&k) != 0)
        bad = 1;
    cv_strbuf_release(&k.buf);
    json_decref(profile);
    json_decref(s);
    json_decref(line);
    if (bad)
        return k.failed > 0 ? CV_EIO : CV_ENOMEM;
    return CV_OK;
}

/* ---- template ---- */

static json_t *skeleton(const struct cv_schema *s, int depth)
{
    json_t *o;
    size_t i;
    if (depth > 16)
        return json_null();
    if (s->types & CV_ST_ARRAY) {
        json_t *a = json_array();
        if (a && s->items && (s->items->types & CV_ST_OBJECT))
            json_array_append_new(a, skeleton(s->items, depth + 1));
        return a;
    }
    if (!(s->types & CV_ST_OBJECT))
        return json_null();
    o = json_object();
    for (i = 0; o && i < s->nprops; i++) {
        if (strcmp(s->props[i].name, "answers") == 0 ||
            strcmp(s->props[i].name, "evidence") == 0 ||
            strcmp(s->props[i].name, "question") == 0)
            continue;
        json_object_set_new(o, s->props[i].name,
                            skeleton(s->props[i].schema, depth + 1));
    }
    return o;
}

cv_status cv_template_json(const cv_criteria *crit, cv_lang lang,
                           cv_write_fn write, void *payload)
{
    json_t *root = skeleton(crit->schema, 0);
    json_t *answers = json_array();
    size_t i, k;
    cv_status st;
    int bad = !root || !answers;
    bad = bad || set(root, "format", jstr("cloudvet-questionnaire/1"));
    for (i = 0; !bad && i < crit->profile.nentries; i++) {
        const struct cv_criterion *c = crit->profile.entries[i].crit;
        struct cv_strbuf q;
        json_t *a = json_object();
        cv_strbuf_init(&q, 0);
        cv_strbuf_printf(&q, "%s%s: %s [", crit->profile.entries[i].mandatory
                                              ? CV_L(lang, "【必須】",
                                                     "[mandatory] ")
                                              : "",
                         CV_TEXT(lang, c->title),
                         CV_TEXT(lang, c->requirement));
        for (k = 0; k < c->ncitations; k++)
            cv_strbuf_printf(&q, "%s%s %s", k ? "; " : "",
                             c->citations[k].document,
                             c->citations[k].clause);
        cv_strbuf_putc(&q, ']');
        /* The thresholds the answer is judged by, and what each rests
         * on, where the vendor reads the question. */
        if (crit->profile.entries[i].nparams) {
            cv_strbuf_putc(&q, ' ');
            cv_view_entry_params(&q, &crit->profile.entries[i], lang);
        }
        bad = !a || cv_strbuf_status(&q) != CV_OK ||
              set(a, "id", jstr(c->id)) ||
              set(a, "question", jstr(q.ptr)) ||
              set(a, "response", json_null()) ||
              set(a, "explanation", jstr("")) ||
              set(a, "evidence", json_array()) ||
              json_array_append_new(answers, a);
        cv_strbuf_release(&q);
    }
    if (!bad)
        bad = json_object_set(root, "answers", answers);
    json_decref(answers);
    st = bad ? CV_ENOMEM : dump(root, write, payload);
    json_decref(root);
    return st;
}
