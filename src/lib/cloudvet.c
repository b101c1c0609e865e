/* SPDX-License-Identifier: MIT */
/*
 * cloudvet.c: the public API (cloudvet.h) and the one place that sequences
 * the stages: load -> normalise -> evaluate -> report.
 */
#include "cloudvet.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/date.h"
#include "base/diag.h"
#include "base/io.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/unicode.h"
#include "criteria/criteria.h"
#include "eval/check_kinds.h"
#include "eval/eval.h"
#include "internal.h"
#include "load/load.h"
#include "load/table.h"
#include "net/net.h"
#include "norm/norm.h"
#include "norm/oscal.h"
#include "norm/sheetmap.h"
#include "norm/sheets.h"
#include "report/view.h"
#include "report/writers.h"

const char *cv_status_str(cv_status st)
{
    switch (st) {
    case CV_OK:
        return "ok";
    case CV_ERROR:
        return "error";
    case CV_ENOMEM:
        return "out of memory";
    case CV_EIO:
        return "input/output error";
    case CV_EPARSE:
        return "parse error";
    case CV_EINVALID:
        return "invalid questionnaire";
    case CV_ECRITERIA:
        return "invalid criteria";
    case CV_ELIMIT:
        return "limit exceeded";
    case CV_EUSAGE:
        return "usage error";
    }
    return "unknown status";
}

const char *cv_severity_str(cv_severity sev)
{
    return sev == CV_SEV_ERROR     ? "error"
           : sev == CV_SEV_WARNING ? "warning"
                                   : "note";
}

const char *cv_verdict_str(cv_verdict v)
{
    return v == CV_VERDICT_QUALIFIED      ? "qualified"
           : v == CV_VERDICT_DISQUALIFIED ? "disqualified"
                                          : "invalid";
}

const char *cv_result_status_str(cv_result_status s)
{
    static const char *const names[] = { "met",          "claimed",
                                         "partial",      "not_met",
                                         "contradicted", "unanswered",
                                         "not_applicable" };
    return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

cv_status cv_global_init(void)
{
    cv_load_global_init();
    return cv_net_global_init();
}

void cv_global_cleanup(void)
{
    cv_net_global_cleanup();
    cv_load_global_cleanup();
}

/* ---- context ---- */

cv_status cv_ctx_new(cv_ctx **out, const cv_options *opts)
{
    cv_ctx *ctx;
    cv_day day;
    *out = NULL;
    if (!opts || opts->version != CV_OPTIONS_VERSION ||
        !cv_date_parse_iso(opts->as_of, strnlen(opts->as_of, 11), &day))
        return CV_EUSAGE;
    ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return CV_ENOMEM;
    ctx->opts = *opts;
    ctx->as_of = day;
    cv_arena_init(&ctx->arena);
    cv_diags_init(&ctx->diags, &ctx->arena, opts->lang,
                  opts->limits.max_diagnostics);
    *out = ctx;
    return CV_OK;
}

void cv_ctx_free(cv_ctx *ctx)
{
    if (!ctx)
        return;
    cv_arena_release(&ctx->arena);
    free(ctx);
}

size_t cv_ctx_diag_count(const cv_ctx *ctx)
{
    return ctx->diags.count;
}

const cv_diag *cv_ctx_diag_at(const cv_ctx *ctx, size_t i)
{
    return i < ctx->diags.count ? &ctx->diags.items[i] : NULL;
}

/* ---- criteria ---- */

cv_status cv_criteria_load(cv_criteria **out, cv_ctx *ctx,
                           const char *criteria_dir, const char *profile)
{
    cv_criteria *c;
    struct cv_strbuf digest;
    const struct cv_node *schema_doc = NULL;
    char *schema_path;
    size_t n;
    cv_status st;

    *out = NULL;
    c = calloc(1, sizeof(*c));
    if (!c)
        return CV_ENOMEM;
    cv_arena_init(&c->arena);
    c->kinds = &cv_check_kinds; /* eval's table: what each check reads */
    /* The run's limits bound submissions; the criteria files are the
     * installation's own data (checked by lint) and always get the
     * defaults, so a strict --max-depth cannot make them unreadable. Only
     * the regex match limit, applied to submission text, is the run's. */
    c->limits = (cv_limits)CV_LIMITS_DEFAULT;
    c->limits.regex_match_limit = ctx->opts.limits.regex_match_limit;
    cv_strbuf_init(&digest, 0);
    n = strlen(criteria_dir) + sizeof("/schema/questionnaire-v1.schema.json");
    schema_path = cv_arena_alloc(&c->arena, n);
    if (!schema_path) {
        st = CV_ENOMEM;
        goto out;
    }
    snprintf(schema_path, n, "%s/schema/questionnaire-v1.schema.json",
             criteria_dir);
    st = cv_crit_read_json(&schema_doc, &c->arena, &ctx->diags, &c->limits,
                           schema_path, &digest);
    if (st == CV_OK)
        st = cv_schema_compile(&c->schema, schema_doc, &c->arena, &ctx->diags,
                               schema_path);
    if (st == CV_OK)
        st = cv_eras_load(c, &ctx->diags, criteria_dir, &digest);
    if (st == CV_OK)
        st = cv_tables_load(c, &ctx->diags, criteria_dir, &digest);
    if (st == CV_OK)
        st = cv_catalogue_load(c, &ctx->diags, criteria_dir, &digest);
    if (st == CV_OK)
        st = cv_profile_load(c, &ctx->diags, criteria_dir, profile, &digest);
    if (st == CV_OK)
        st = cv_wb_words_load(c, &ctx->diags, criteria_dir, &digest);
    if (st == CV_OK)
        st = cv_mappings_load(c, &ctx->diags, criteria_dir, &digest);
    if (st == CV_OK)
        st = cv_checks_bind(c, &ctx->diags, false);
    if (st == CV_OK)
        st = cv_strbuf_status(&digest);
    if (st == CV_OK)
        st = cv_sha256_hex(c->sha256, digest.ptr, digest.len);
    if (st != CV_OK)
        goto out;
    *out = c;
    c = NULL;
out:
    cv_strbuf_release(&digest);
    cv_criteria_free(c);
    return st;
}

void cv_criteria_free(cv_criteria *crit)
{
    if (!crit)
        return;
    cv_regex_set_free(&crit->regexes);
    cv_arena_release(&crit->arena);
    free(crit);
}

const char *cv_criteria_profile_id(const cv_criteria *crit)
{
    return crit->profile.id;
}

const char *cv_criteria_profile_version(const cv_criteria *crit)
{
    return crit->profile.version;
}

const char *cv_criteria_sha256(const cv_criteria *crit)
{
    return crit->sha256;
}

cv_status cv_criteria_lint(cv_ctx *ctx, const char *criteria_dir,
                           const char *seeds_dir, const char *profile)
{
    static const cv_limits data_limits = CV_LIMITS_DEFAULT;
    return cv_lint_run(&ctx->diags, &data_limits, criteria_dir, seeds_dir,
                       profile, &cv_check_kinds);
}

/* ---- submissions ---- */

/* Nothing but white space (or nothing at all). */
static bool is_blank(const char *buf, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (!strchr(" \t\r\n", buf[i]) || buf[i] == '\0')
            return false;
    return true;
}

static cv_status new_submission(cv_submission **out, cv_ctx *ctx,
                                const char *name)
{
    cv_submission *sub = calloc(1, sizeof(*sub));
    *out = NULL;
    if (!sub)
        return CV_ENOMEM;
    cv_arena_init(&sub->arena);
    cv_diags_init(&sub->diags, &sub->arena, ctx->opts.lang,
                  ctx->opts.limits.max_diagnostics);
    sub->lang = ctx->opts.lang;
    sub->file = cv_arena_strdup(&sub->arena, name ? name : "<input>");
    if (!sub->file) {
        cv_submission_free(sub);
        return CV_ENOMEM;
    }
    sub->verdict = CV_VERDICT_INVALID;
    *out = sub;
    return CV_OK;
}

/* Memory ran out for this submission alone (its document arena is freed
 * by now, so a few bytes for the diagnostic are there again): it is
 * invalid and says so, and the run goes on with the others. A reader
 * that knew where it stopped has said so already. Only when even this
 * diagnostic cannot be stored is the failure the run's. */
static cv_status note_out_of_memory(cv_submission *sub)
{
    const struct cv_diags *d = &sub->diags;
    struct cv_loc loc = { sub->file, "", 0, 0 };
    if (d->count > 0 && d->items[d->count - 1].code == CV_ENOMEM)
        return CV_OK;
    sub->verdict = CV_VERDICT_INVALID;
    return cv_diags_add(&sub->diags, CV_SEV_ERROR, CV_ENOMEM, &loc, "%s",
                        CV_L(sub->lang,
                             "メモリが足りず、この提出物を評価できませんでした "
                             "(メモリの割り当てに失敗しました)",
                             "out of memory: this submission could not be "
                             "evaluated (a memory allocation failed)"));
}

/* Which tender the bid answers (tender.id, tender.title), kept with the
 * results: a report must not rank bids of two tenders together unseen. */
static cv_status copy_tender(cv_submission *sub, const struct cv_node *doc)
{
    const char *id = cv_node_str(doc, "tender.id");
    const char *title = cv_node_str(doc, "tender.title");
    sub->tender_id = id && *id ? cv_arena_strdup(&sub->arena, id) : NULL;
    sub->tender_title =
        title && *title ? cv_arena_strdup(&sub->arena, title) : NULL;
    if ((id && *id && !sub->tender_id) || (title && *title && !sub->tender_title))
        return CV_ENOMEM;
    return CV_OK;
}

/* A workbook's sheets, then its questionnaire through the workbook
 * readers (norm/sheets.h): cloudvet's own, the --mapping one, or the
 * built-in mapping that recognises it. */
static cv_status read_workbook(struct cv_node **raw, cv_submission *sub,
                               const cv_ctx *ctx, const cv_criteria *crit,
                               const struct cv_reader *reader,
                               const struct cv_load_req *lreq)
{
    struct cv_table_limits tlim = CV_TABLE_LIMITS_DEFAULT;
    struct cv_table_req treq;
    struct cv_sheets sheets = { NULL, 0 };
    struct cv_sheets_req sreq;
    cv_status st;

    if (tlim.max_file_bytes > ctx->opts.limits.max_input_bytes)
        tlim.max_file_bytes = ctx->opts.limits.max_input_bytes;
    if (tlim.max_cell_bytes > ctx->opts.limits.max_string_bytes)
        tlim.max_cell_bytes = ctx->opts.limits.max_string_bytes;
    treq.source = sub->file;
    treq.buf = lreq->buf;
    treq.len = lreq->len;
    treq.limits = &tlim;
    treq.arena = lreq->arena;
    treq.diags = &sub->diags;
    st = reader->read_sheets(&sheets, &treq);
    if (st != CV_OK)
        return st;
    memset(&sreq, 0, sizeof(sreq));
    sreq.source = sub->file;
    sreq.sheets = &sheets;
    sreq.schema = crit->schema;
    sreq.words = crit->wb_words;
    sreq.mappings = crit->mappings;
    sreq.nmappings = crit->nmappings;
    sreq.forced = crit->forced_mapping;
    sreq.vendor = ctx->vendor;
    sreq.service = ctx->service;
    sreq.limits = &ctx->opts.limits;
    sreq.arena = lreq->arena;
    sreq.diags = &sub->diags;
    return cv_sheets_questionnaire(raw, &sreq);
}

/* An OSCAL system security plan: its tree, then the questionnaire it
 * states (norm/oscal.h); facts it states inconsistently go to `unread`. */
static cv_status read_oscal(struct cv_node **raw, cv_submission *sub,
                            const cv_ctx *ctx, const cv_criteria *crit,
                            const struct cv_reader *reader,
                            const struct cv_load_req *lreq,
                            struct cv_unread *unread)
{
    struct cv_node *ssp = NULL;
    struct cv_oscal_req oreq;
    cv_status st = reader->read_tree(&ssp, lreq);
    if (st != CV_OK)
        return st;
    memset(&oreq, 0, sizeof(oreq));
    oreq.source = sub->file;
    oreq.map = crit->tables.oscal;
    oreq.schema = crit->schema;
    oreq.units = &crit->tables.units;
    oreq.xml = reader->xml;
    oreq.vendor = ctx->vendor;
    oreq.service = ctx->service;
    oreq.limits = &ctx->opts.limits;
    oreq.arena = lreq->arena;
    oreq.diags = &sub->diags;
    oreq.unread = unread;
    return cv_oscal_questionnaire(raw, &oreq, ssp);
}

static cv_status no_reader(cv_submission *sub)
{
    struct cv_loc loc = { sub->file, "", 0, 0 };
    return cv_diags_fail(
        &sub->diags, CV_EPARSE, &loc, "%s",
        CV_L(sub->lang,
             "読める形式ではありません (JSON、XML、Excel ワークブック "
             "(.xlsx) のどれでもありません)",
             "not a format cloudvet reads (neither JSON, XML nor an Excel "
             "workbook (.xlsx))"));
}

/* Stage 1 through the reader table: the raw tree, and whether it is XML
 * elements for the normaliser to type. */
static cv_status read_raw(struct cv_node **raw, bool *elements,
                          cv_submission *sub, const cv_ctx *ctx,
                          const cv_criteria *crit,
                          const struct cv_load_req *lreq,
                          struct cv_unread *unread)
{
    const struct cv_reader *reader;
    *raw = NULL;
    *elements = false;
    if (is_blank(lreq->buf, lreq->len)) {
        struct cv_loc loc = { sub->file, "", 0, 0 };
        return cv_diags_fail(&sub->diags, CV_EPARSE, &loc, "%s",
                             CV_L(sub->lang, "ファイルが空です",
                                  "the file is empty"));
    }
    reader = cv_reader_find(sub->file, lreq->buf, lreq->len);
    if (!reader)
        return no_reader(sub);
    if (reader->output == CV_READ_SHEETS)
        return read_workbook(raw, sub, ctx, crit, reader, lreq);
    if (reader->output == CV_READ_OSCAL)
        return read_oscal(raw, sub, ctx, crit, reader, lreq, unread);
    *elements = reader->output == CV_READ_ELEMENTS;
    return reader->read_tree(raw, lreq);
}

cv_status cv_submission_read_document(struct cv_node **doc, cv_submission *sub,
                                      const cv_ctx *ctx,
                                      const cv_criteria *crit,
                                      const char *buf, size_t len,
                                      struct cv_arena *arena,
                                      struct cv_unread *unread)
{
    struct cv_node *raw = NULL;
    struct cv_load_req lreq;
    struct cv_norm_req nreq;
    bool elements;
    cv_status st;

    *doc = NULL;
    lreq.source = sub->file;
    lreq.buf = buf;
    lreq.len = len;
    lreq.limits = &ctx->opts.limits;
    lreq.arena = arena;
    lreq.diags = &sub->diags;
    st = read_raw(&raw, &elements, sub, ctx, crit, &lreq, unread);
    if (st != CV_OK)
        return st;
    nreq.source = sub->file;
    nreq.schema = crit->schema;
    nreq.eras = &crit->eras;
    nreq.units = &crit->tables.units;
    nreq.countries = &crit->tables.countries;
    nreq.arena = arena;
    nreq.diags = &sub->diags;
    nreq.from_xml = elements;
    nreq.unread = unread;
    return cv_normalise(doc, &nreq, raw);
}

/* Stages 1-3 in a document arena that dies before returning. A failure to
 * read the document is not a failure of the call: the submission is
 * invalid and says why (running out of memory included). */
static cv_status evaluate_bytes(cv_submission *sub, cv_ctx *ctx,
                                const cv_criteria *crit, const char *buf,
                                size_t len)
{
    struct cv_arena doc_arena;
    struct cv_node *doc = NULL;
    struct cv_unread unread = { NULL, 0, 0 };
    struct cv_eval_req ereq;
    struct cv_eval_out eout;
    cv_status st;

    cv_arena_init(&doc_arena);
    st = cv_submission_read_document(&doc, sub, ctx, crit, buf, len,
                                     &doc_arena, &unread);
    if (st != CV_OK)
        goto out;
    st = copy_tender(sub, doc);
    if (st != CV_OK)
        goto out;
    sub->vendor = cv_arena_strdup(&sub->arena, cv_node_str(doc, "vendor.name"));
    sub->service =
        cv_arena_strdup(&sub->arena, cv_node_str(doc, "service.name"));
    if (!sub->vendor || !sub->service) {
        st = CV_ENOMEM;
        goto out;
    }
    if (ctx->online) {
        st = cv_submission_check_links(sub, ctx, doc);
        if (st != CV_OK)
            goto out;
    }
    memset(&ereq, 0, sizeof(ereq));
    ereq.crit = crit;
    ereq.doc = doc;
    ereq.as_of = ctx->as_of;
    ereq.source = sub->file;
    ereq.arena = &sub->arena;
    ereq.diags = &sub->diags;
    ereq.registry = ctx->registry ? &ctx->registry->snap : NULL;
    ereq.online = sub->online;
    ereq.links = sub->links;
    ereq.nlinks = sub->nlinks;
    ereq.unread = &unread;
    st = cv_eval_document(&eout, &ereq);
    if (st != CV_OK)
        goto out;
    if (ctx->decisions) {
        st = cv_submission_apply_decisions(sub, ctx, crit, &eout);
        if (st != CV_OK)
            goto out;
    }
    sub->regchecks = eout.regchecks;
    sub->nregchecks = eout.nregchecks;
    sub->results = eout.results;
    sub->nresults = eout.nresults;
    sub->score = eout.score;
    sub->max_score = eout.max_score;
    sub->needs_review = eout.needs_review;
    sub->verdict = eout.verdict;
    sub->conditional = eout.conditional;
    sub->pending = eout.pending;
    sub->npending = eout.npending;
out:
    cv_arena_release(&doc_arena);
    return st == CV_ENOMEM ? note_out_of_memory(sub) : CV_OK;
}

cv_status cv_submission_evaluate(cv_submission **out, cv_ctx *ctx,
                                 const cv_criteria *crit, const char *name,
                                 const void *buf, size_t len)
{
    cv_submission *sub = NULL;
    cv_status st;
    *out = NULL;
    if (!ctx || !crit || (!buf && len))
        return CV_EUSAGE;
    st = new_submission(&sub, ctx, name);
    if (st != CV_OK)
        return st;
    st = cv_sha256_hex(sub->sha256, buf ? buf : "", len);
    if (st == CV_OK && len > ctx->opts.limits.max_input_bytes) {
        struct cv_loc loc = { sub->file, "", 0, 0 };
        st = cv_diags_add(&sub->diags, CV_SEV_ERROR, CV_ELIMIT, &loc,
                          CV_L(sub->lang,
                               "入力が大きすぎます (上限 max_input_bytes = %zu)",
                               "input too large (limit max_input_bytes is "
                               "%zu)"),
                          ctx->opts.limits.max_input_bytes);
    } else if (st == CV_OK) {
        st = evaluate_bytes(sub, ctx, crit, buf ? buf : "", len);
    }
    /* Decisions on a bid that could not be read are stale (decide.h). */
    if (st == CV_OK && ctx->decisions && sub->verdict == CV_VERDICT_INVALID)
        st = cv_submission_apply_decisions(sub, ctx, crit, NULL);
    if (st != CV_OK) {
        cv_submission_free(sub);
        return st;
    }
    *out = sub;
    return CV_OK;
}

/* The reader alone, through the same table as evaluate_bytes: a tree, or
 * a workbook's sheets. The result is thrown away with the arena. */
static cv_status parse_only(const struct cv_load_req *req)
{
    const struct cv_reader *reader =
        cv_reader_find(req->source, req->buf, req->len);
    struct cv_node *tree = NULL;
    if (!reader) {
        struct cv_loc loc = { req->source, "", 0, 0 };
        return cv_diags_fail(req->diags, CV_EPARSE, &loc, "%s",
                             "not a format cloudvet reads");
    }
    if (reader->output == CV_READ_SHEETS) {
        struct cv_table_limits tlim = CV_TABLE_LIMITS_DEFAULT;
        struct cv_table_req treq = { req->source, req->buf, req->len, &tlim,
                                     req->arena, req->diags };
        struct cv_sheets sheets = { NULL, 0 };
        return reader->read_sheets(&sheets, &treq);
    }
    return reader->read_tree(&tree, req);
}

cv_status cv_parse_file(cv_ctx *ctx, const char *path, size_t *bytes)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_load_req req;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;

    *bytes = 0;
    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, ctx->opts.lang, 1);
    st = cv_io_read_file(&buf, &len, path, ctx->opts.limits.max_input_bytes,
                         &diags);
    if (st == CV_OK) {
        *bytes = len;
        req.source = path;
        req.buf = buf;
        req.len = len;
        req.limits = &ctx->opts.limits;
        req.arena = &arena;
        req.diags = &diags;
        st = parse_only(&req);
    }
    free(buf);
    cv_arena_release(&arena);
    return st;
}

cv_status cv_submission_evaluate_file(cv_submission **out, cv_ctx *ctx,
                                      const cv_criteria *crit,
                                      const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    cv_submission *sub = NULL;
    cv_status st;

    *out = NULL;
    st = new_submission(&sub, ctx, path);
    if (st != CV_OK)
        return st;
    st = cv_io_read_file(&buf, &len, path, ctx->opts.limits.max_input_bytes,
                         &sub->diags);
    if (st == CV_ENOMEM && note_out_of_memory(sub) != CV_OK) {
        cv_submission_free(sub);
        return CV_ENOMEM;
    }
    if (st != CV_OK) {
        /* Unreadable (or no memory left to read it): an invalid
         * submission with its reason. */
        memset(sub->sha256, 0, sizeof(sub->sha256));
        if (ctx->decisions &&
            cv_submission_apply_decisions(sub, ctx, crit, NULL) != CV_OK) {
            cv_submission_free(sub);
            return CV_ENOMEM;
        }
        *out = sub;
        return CV_OK;
    }
    cv_submission_free(sub);
    st = cv_submission_evaluate(out, ctx, crit, path, buf, len);
    free(buf);
    return st;
}

void cv_submission_free(cv_submission *sub)
{
    if (!sub)
        return;
    cv_arena_release(&sub->arena);
    free(sub);
}

const char *cv_submission_file(const cv_submission *s) { return s->file; }
const char *cv_submission_sha256(const cv_submission *s)
{
    return s->sha256;
}
const char *cv_submission_vendor(const cv_submission *s) { return s->vendor; }
const char *cv_submission_service(const cv_submission *s)
{
    return s->service;
}
const char *cv_submission_tender_id(const cv_submission *s)
{
    return s->tender_id;
}
const char *cv_submission_tender_title(const cv_submission *s)
{
    return s->tender_title;
}
cv_verdict cv_submission_verdict(const cv_submission *s) { return s->verdict; }
double cv_submission_score(const cv_submission *s) { return s->score; }
double cv_submission_max_score(const cv_submission *s)
{
    return s->max_score;
}
size_t cv_submission_needs_review(const cv_submission *s)
{
    return s->needs_review;
}
int cv_submission_conditional(const cv_submission *s)
{
    return s->conditional;
}
size_t cv_submission_pending_count(const cv_submission *s)
{
    return s->npending;
}
const char *cv_submission_pending_at(const cv_submission *s, size_t i)
{
    return i < s->npending ? s->results[s->pending[i]].entry->crit->id : NULL;
}
size_t cv_submission_result_count(const cv_submission *s)
{
    return s->nresults;
}
size_t cv_submission_diag_count(const cv_submission *s)
{
    return s->diags.count;
}
const cv_diag *cv_submission_diag_at(const cv_submission *s, size_t i)
{
    return i < s->diags.count ? &s->diags.items[i] : NULL;
}

cv_status cv_submission_result_at(const cv_submission *sub, size_t i,
                                  cv_result_info *out)
{
    const struct cv_result *r;
    const struct cv_criterion *c;
    if (i >= sub->nresults)
        return CV_EUSAGE;
    r = &sub->results[i];
    c = r->entry->crit;
    out->id = c->id;
    out->title = CV_TEXT(sub->lang, c->title);
    out->category = c->category;
    out->mandatory = r->entry->mandatory;
    out->status = r->status;
    out->points = r->points;
    out->max_points = r->max_points;
    out->reason = r->reason;
    out->citation_count = c->ncitations;
    out->citations = c->citations;
    out->disqualifies = cv_result_disqualifies(r);
    out->responsibility = r->responsibility;
    out->customer_responsibilities = r->customer_responsibilities;
    out->residual = r->residual;
    out->detail = r->detail;
    return CV_OK;
}

/* ---- report ---- */

cv_status cv_report_new(cv_report **out, cv_ctx *ctx, const cv_criteria *crit)
{
    cv_report *r = calloc(1, sizeof(*r));
    *out = NULL;
    if (!r)
        return CV_ENOMEM;
    r->ctx = ctx;
    r->crit = crit;
    cv_arena_init(&r->award_arena);
    *out = r;
    return CV_OK;
}

cv_status cv_report_add(cv_report *report, cv_submission *sub)
{
    if (report->count == report->cap) {
        size_t ncap = report->cap ? report->cap * 2 : 16;
        cv_submission **n = realloc(report->subs, ncap * sizeof(*n));
        unsigned *rk = realloc(report->ranks, ncap * sizeof(*rk));
        if (n)
            report->subs = n;
        if (rk)
            report->ranks = rk;
        if (!n || !rk) {
            cv_submission_free(sub);
            return CV_ENOMEM;
        }
        report->cap = ncap;
    }
    report->ranks[report->count] = 0;
    report->subs[report->count++] = sub;
    return CV_OK;
}

/* Competition ranking: bids equal on score and on the profile's
 * tie-break share a rank ("1, 1, 3"): a bid's rank is one more than the
 * number of qualified bids ranked above it. */

/* The points a bid earned on mandatory criteria: the profile's first
 * tie-break (scoring.tie_break), 0 when it ranks equal scores equal. */
static double tie_points(const cv_report *report, const cv_submission *s)
{
    double sum = 0;
    size_t i;
    if (!report->crit->profile.tie_by_mandatory)
        return 0;
    for (i = 0; i < s->nresults; i++)
        if (s->results[i].entry->mandatory)
            sum += s->results[i].points;
    return isnan(sum) ? -HUGE_VAL : sum;
}

struct ranked {
    double score;
    double tie;   /* tie_points */
    size_t index;
};

/* -1 when x ranks above y, 1 below, 0 when they share a rank. */
static int rank_cmp(const struct ranked *x, const struct ranked *y)
{
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->tie != y->tie)
        return x->tie > y->tie ? -1 : 1;
    return 0;
}

/* Best first; input order among equals (qsort is not stable). */
static int by_rank(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c = rank_cmp(x, y);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

static struct ranked ranked_of(const cv_report *report, size_t i)
{
    struct ranked r;
    const cv_submission *s = report->subs[i];
    r.score = isnan(s->score) ? -HUGE_VAL : s->score;
    r.tie = tie_points(report, s);
    r.index = i;
    return r;
}

/* Competition ranking without memory: one more than the number of
 * qualified bids ranked above. */
static void rank_by_counting(cv_report *report)
{
    size_t i, k;
    for (i = 0; i < report->count; i++) {
        unsigned rank = 1;
        struct ranked me = ranked_of(report, i);
        if (report->subs[i]->verdict != CV_VERDICT_QUALIFIED) {
            report->ranks[i] = 0;
            continue;
        }
        for (k = 0; k < report->count; k++) {
            struct ranked other = ranked_of(report, k);
            if (report->subs[k]->verdict == CV_VERDICT_QUALIFIED &&
                rank_cmp(&other, &me) < 0)
                rank++;
        }
        report->ranks[i] = rank;
    }
}

/* The same ranks in O(n log n): 50,000 bids made the count above 2.5e9
 * comparisons. A NaN score (never produced: scores are sums of finite
 * points) would sort last, where the counting gives it rank 1. */
void cv_report_finish(cv_report *report)
{
    struct ranked *order;
    size_t i, n = 0;
    unsigned rank = 0;

    order = report->count ? calloc(report->count, sizeof(*order)) : NULL;
    if (!order) {
        rank_by_counting(report); /* slow, but right without memory */
        cv_report_finish_award(report);
        cv_report_note_unmatched_decisions(report);
        return;
    }
    for (i = 0; i < report->count; i++) {
        report->ranks[i] = 0;
        if (report->subs[i]->verdict != CV_VERDICT_QUALIFIED)
            continue;
        order[n++] = ranked_of(report, i);
    }
    qsort(order, n, sizeof(*order), by_rank);
    for (i = 0; i < n; i++) {
        if (i == 0 || rank_cmp(&order[i], &order[i - 1]) != 0)
            rank = (unsigned)(i + 1);
        report->ranks[order[i].index] = rank;
    }
    free(order);
    cv_report_finish_award(report);
    cv_report_note_unmatched_decisions(report);
}

size_t cv_report_count(const cv_report *r) { return r->count; }
const cv_submission *cv_report_at(const cv_report *r, size_t i)
{
    return i < r->count ? r->subs[i] : NULL;
}
unsigned cv_report_rank_at(const cv_report *r, size_t i)
{
    return i < r->count ? r->ranks[i] : 0;
}

void cv_report_free(cv_report *report)
{
    size_t i;
    if (!report)
        return;
    for (i = 0; i < report->count; i++)
        cv_submission_free(report->subs[i]);
    free(report->subs);
    free(report->ranks);
    cv_arena_release(&report->award_arena);
    free(report);
}

/* The formats are the rows of report/writers.c's table. */
cv_status cv_report_format_info_of(cv_report_format fmt,
                                   cv_report_format_info *out)
{
    const struct cv_report_writer *w = cv_report_writer_of(fmt);
    if (!w || !out)
        return CV_EUSAGE;
    out->name = w->name;
    out->ext = w->ext;
    out->file_only = w->to_stream == NULL;
    out->by_default = w->by_default;
    out->per_submission = w->per_submission;
    return CV_OK;
}

const char *cv_report_format_name(cv_report_format fmt)
{
    const struct cv_report_writer *w = cv_report_writer_of(fmt);
    return w ? w->name : "?";
}

cv_status cv_report_format_parse(const char *name, cv_report_format *out)
{
    const struct cv_report_writer *w = cv_report_writer_named(name);
    if (!w)
        return CV_EUSAGE;
    *out = w->format;
    return CV_OK;
}

cv_status cv_report_write(const cv_report *report, cv_report_format fmt,
                          cv_write_fn write, void *payload)
{
    const struct cv_report_writer *w = cv_report_writer_of(fmt);
    if (!report || !write || !w)
        return CV_EUSAGE;
    if (!w->to_stream) {
        /* Said, not only returned: a caller shows the ctx's words. */
        char file[32];
        struct cv_loc loc = { file, "", 0, 0 };
        snprintf(file, sizeof(file), "report.%s", w->ext);
        return cv_diags_fail(&report->ctx->diags, CV_EUSAGE, &loc,
                             CV_L(report->ctx->opts.lang,
                                  "%s はファイルにしか書けません "
                                  "(cv_report_write_file を使います)",
                                  "%s is written only to a named file "
                                  "(cv_report_write_file)"),
                             w->title);
    }
    return w->to_stream(report, write, payload);
}

cv_status cv_submission_write_ndjson(const cv_ctx *ctx,
                                     const cv_criteria *crit,
                                     const cv_submission *sub,
                                     cv_write_fn write, void *payload)
{
    if (!ctx || !crit || !sub || !write)
        return CV_EUSAGE;
    return cv_ndjson_line(ctx, crit, sub, write, payload);
}

static int file_write(const char *buf, size_t len, void *payload)
{
    return fwrite(buf, 1, len, payload) == len ? 0 : -1;
}

cv_status cv_report_write_file(const cv_report *report, cv_report_format fmt,
                               const char *path)
{
    FILE *f;
    cv_status st;
    const struct cv_report_writer *w = cv_report_writer_of(fmt);
    if (!report || !path || !w)
        return CV_EUSAGE;
    if (w->to_file)
        return w->to_file(report, path);
    f = fopen(path, "wb");
    if (!f) {
        struct cv_loc loc = { path, "", 0, 0 };
        return cv_diags_fail(&report->ctx->diags, CV_EIO, &loc,
                             CV_L(report->ctx->opts.lang,
                                  "書き込めません: %s", "cannot write: %s"),
                             strerror(errno));
    }
    st = cv_report_write(report, fmt, file_write, f);
    if (fclose(f) != 0 && st == CV_OK)
        st = CV_EIO;
    return st;
}

cv_status cv_criteria_use_mapping(cv_criteria *crit, cv_ctx *ctx,
                                  const char *path)
{
    const struct cv_sheetmap *m = NULL;
    cv_status st;
    if (!crit || !ctx || !path)
        return CV_EUSAGE;
    st = cv_mapping_load_file(crit, &ctx->diags, path, &m,
                              crit->forced_mapping_sha256);
    if (st == CV_OK)
        crit->forced_mapping = m;
    return st;
}

int cv_criteria_mapping(const cv_criteria *crit, const char **id,
                        const char **file, const char **sha256)
{
    if (!crit || !crit->forced_mapping)
        return 0;
    *id = cv_sheetmap_id(crit->forced_mapping);
    *file = crit->forced_mapping->file;
    *sha256 = crit->forced_mapping_sha256;
    return 1;
}

cv_status cv_ctx_set_answerer(cv_ctx *ctx, const char *vendor,
                              const char *service)
{
    if (!ctx)
        return CV_EUSAGE;
    ctx->vendor = vendor ? cv_arena_strdup(&ctx->arena, vendor) : NULL;
    ctx->service = service ? cv_arena_strdup(&ctx->arena, service) : NULL;
    if ((vendor && !ctx->vendor) || (service && !ctx->service))
        return CV_ENOMEM;
    return CV_OK;
}

int cv_input_extension_known(const char *path)
{
    return path && cv_reader_extension(path);
}

cv_status cv_template_write(cv_ctx *ctx, const cv_criteria *crit,
                            cv_doc_format fmt, cv_write_fn write,
                            void *payload)
{
    if (!ctx || !crit || !write)
        return CV_EUSAGE;
    if (fmt == CV_DOC_XML)
        return cv_template_xml(crit, ctx->opts.lang, write, payload);
    if (fmt == CV_DOC_XLSX)
        return cv_template_xlsx(crit, ctx->opts.lang, write, payload);
    return cv_template_json(crit, ctx->opts.lang, write, payload);
}

cv_status cv_text_display(const char *s, int keep_lines, cv_write_fn write,
                          void *payload)
{
    struct cv_strbuf sb;
    cv_status st;
    if (!write)
        return CV_EUSAGE;
    cv_strbuf_init(&sb, 0);
    if (s)
        cv_utf8_display(&sb, s, strlen(s), keep_lines != 0);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK && sb.len > 0 && write(sb.ptr, sb.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    return st;
}

cv_status cv_text_quote(const char *s, size_t max_chars, int keep_lines,
                        cv_lang lang, cv_write_fn write, void *payload)
{
    struct cv_strbuf sb;
    cv_status st;
    if (!write)
        return CV_EUSAGE;
    cv_strbuf_init(&sb, 0);
    (void)cv_view_quote(&sb, s, max_chars, keep_lines != 0, lang);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK && sb.len > 0 && write(sb.ptr, sb.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    return st;
}

cv_status cv_sha256_file_hex(const char *path, char hex_out[65])
{
    struct stat st;
    cv_status status = CV_EIO;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        status = cv_sha256_fd_hex(hex_out, fd);
    if (fd >= 0)
        close(fd);
    return status;
}
