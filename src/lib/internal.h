/* SPDX-License-Identifier: MIT */
/*
 * internal.h: the structs behind the public handles, shared by the glue
 * (cloudvet.c) and the report writers. Not installed; the CLI never sees
 * it.
 */
#ifndef CV_INTERNAL_H
#define CV_INTERNAL_H

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "cloudvet.h"
#include "criteria/criteria.h"
#include "criteria/decisions.h"
#include "criteria/tender.h"
#include "eval/award.h"
#include "eval/decide.h"
#include "eval/eval.h"
#include "net/net.h"
#include "registry/registry.h"

struct cv_registry {
    struct cv_arena arena; /* the snapshot's lifetime */
    struct cv_registry_snapshot snap;
    char file_name[64];
    cv_day as_of;
};

struct cv_ctx {
    cv_options opts;
    cv_day as_of;
    struct cv_arena arena; /* run lifetime */
    struct cv_diags diags;
    const cv_registry *registry; /* borrowed; NULL: not checked */
    unsigned registry_max_age;   /* days */
    bool online;
    cv_online_options online_opts;
    double online_deadline_ms; /* the run's link-check budget ends (on
                                  cv_net_now_ms's clock) */
    const char *vendor;  /* cv_ctx_set_answerer: for workbooks that do */
    const char *service; /* not name them; NULL when not given */
    /* cv_ctx_use_decisions: the committee's review decisions, applied
     * to every later evaluation (borrowed; NULL: none) */
    const cv_decisions *decisions;
};

/* A tender file (cv_tender_load), its own lifetime. */
struct cv_tender {
    struct cv_arena arena;
    struct cv_tender_def def;
};

/* A decisions file (cv_decisions_load), its own lifetime. */
struct cv_decisions {
    struct cv_arena arena;
    struct cv_decision_set set;
};

struct cv_submission {
    struct cv_arena arena; /* results lifetime */
    struct cv_diags diags;
    cv_lang lang;
    const char *file;
    char sha256[65];
    const char *vendor;
    const char *service;
    const char *tender_id;    /* tender.id as the bid gives it, or NULL */
    const char *tender_title; /* tender.title, or NULL */
    cv_verdict verdict;
    bool conditional;              /* qualified on condition (pending) */
    const size_t *pending;         /* results[] a person must confirm */
    size_t npending;
    double score;
    double max_score;
    size_t needs_review;
    struct cv_result *results;
    size_t nresults;
    struct cv_regcheck *regchecks; /* ISMAP / ISMAP-LIU certifications */
    size_t nregchecks;
    bool online;                   /* links were checked */
    struct cv_link *links;
    size_t nlinks;
    /* review decisions that concerned this bid, applied or stale */
    struct cv_decision_note *decisions;
    size_t ndecisions;
};

struct cv_report {
    cv_ctx *ctx;
    const cv_criteria *crit;
    cv_submission **subs;
    unsigned *ranks;
    size_t count;
    size_t cap;
    /* cv_report_use_tender: the award by the tender's method (borrowed;
     * NULL: the technical ranking alone) */
    const cv_tender *tender;
    struct cv_arena award_arena;  /* award and sensitivity, report lifetime */
    bool awarded;                 /* award computed (tender given) */
    struct cv_award award;
    struct cv_sensitivity sens;   /* of the final ranking */
    char method_sha256[65];       /* the published method's (method.h) */
};

/* cloudvet_award.c: after the technical ranking, the award by the
 * report's tender (its ranks replace the technical ones), the
 * sensitivity of the final ranking and the method's hash. An allocation
 * failure leaves the technical ranking and a ctx diagnostic. */
void cv_report_finish_award(cv_report *report);

/* cloudvet_decisions.c: the ctx's review decisions laid over one bid's
 * results (eout), recorded in sub->decisions; eout NULL for a bid that
 * could not be read (its decisions are stale). */
cv_status cv_submission_apply_decisions(cv_submission *sub, const cv_ctx *ctx,
                                        const cv_criteria *crit,
                                        struct cv_eval_out *eout);

/* cloudvet.c: stages 1-2 alone (read by the reader the content selects,
 * typed by crit's schema): the normalised questionnaire of `buf` in the
 * caller's `arena`, the fields dropped as unreadable in `unread`.
 * Diagnostics go to sub's list; sub->file names the input. cloudvet diff
 * compares two of these trees. */
struct cv_node;
struct cv_unread;
cv_status cv_submission_read_document(struct cv_node **doc, cv_submission *sub,
                                      const cv_ctx *ctx,
                                      const cv_criteria *crit,
                                      const char *buf, size_t len,
                                      struct cv_arena *arena,
                                      struct cv_unread *unread);

/* cloudvet_decisions.c: a warning in the ctx for every decision that
 * no bid of the report took up (cv_report_finish calls it). */
void cv_report_note_unmatched_decisions(cv_report *report);

/* cloudvet_registry.c: link checks of one evaluated document (--online),
 * into the submission's arena. */
cv_status cv_submission_check_links(cv_submission *sub, const cv_ctx *ctx,
                                    const struct cv_node *doc);

/* The registry line of a report: whether the ISMAP list was consulted,
 * which snapshot, its age on the evaluation date and whether that is past
 * the limit (cloudvet_registry.c). */
struct cv_registry_note {
    bool checked;
    const struct cv_registry_snapshot *snap; /* NULL when not checked */
    const char *file_name;
    long age_days;
    unsigned max_age_days;
    bool stale;
};
void cv_ctx_registry_note(const cv_ctx *ctx, struct cv_registry_note *note);
/* The note as one sentence in the ctx's language. */
void cv_registry_note_text(const struct cv_registry_note *note, cv_lang lang,
                           struct cv_strbuf *sb);

/* report/: one writer per format */
cv_status cv_report_json(const cv_report *report, cv_write_fn write,
                         void *payload);
cv_status cv_ndjson_line(const cv_ctx *ctx, const cv_criteria *crit,
                         const cv_submission *sub, cv_write_fn write,
                         void *payload);
cv_status cv_report_html(const cv_report *report, cv_write_fn write,
                         void *payload);
cv_status cv_report_csv(const cv_report *report, cv_write_fn write,
                        void *payload);
cv_status cv_report_md(const cv_report *report, cv_write_fn write,
                       void *payload);
/* libxlsxwriter writes only named files */
cv_status cv_report_xlsx(const cv_report *report, const char *path);
cv_status cv_template_xml(const cv_criteria *crit, cv_lang lang,
                          cv_write_fn write, void *payload);
/* the workbook through a scratch file of its own, streamed to `write` */
cv_status cv_template_xlsx(const cv_criteria *crit, cv_lang lang,
                           cv_write_fn write, void *payload);
cv_status cv_template_json(const cv_criteria *crit, cv_lang lang,
                           cv_write_fn write, void *payload);

#endif
