/* SPDX-License-Identifier: MIT */
/*
 * evaluate.c: `cloudvet evaluate`. Submissions are evaluated on worker
 * threads (batch.h) and come back in input order; each is streamed as an
 * ndjson line when asked, its errors are printed, and it is kept for the
 * report formats (which need the whole batch for the ranking) or freed at
 * once, so an ndjson-only run holds one window of results at a time.
 * With --out DIR, the whole set (ndjson included) is written into a
 * staging directory and published as one step (publish.h): DIR is
 * locked from the start, so a second run into it refuses at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "exitcode.h"
#include "out.h"
#include "publish.h"
#include "write.h"

#define MAX_TENDERS_NAMED 8

struct run {
    cv_ctx *ctx;
    const cv_criteria *crit;
    cv_report *report;        /* NULL when no report format is asked */
    struct cv_cli_publish *publish; /* NULL for --out - */
    cv_write_fn ndjson;       /* NULL when ndjson is not (or no longer) asked */
    void *ndjson_payload;
    cv_lang lang;
    size_t verdicts[3];       /* by cv_verdict, counted as results come */
    size_t conditional;       /* of the qualified, those on condition */
    /* The tenders the bids answer (tender.id), to refuse ranking bids of
     * different tenders together unless --allow-mixed-tenders. */
    struct tender_seen {
        char *id;
        char *first_file;
        size_t count;
    } tenders[MAX_TENDERS_NAMED];
    size_t ntenders;
    size_t tenders_unnamed; /* distinct ids beyond the ones kept */
    cv_tender *tender;        /* --tender, or NULL */
    cv_decisions *decisions;  /* --decisions, or NULL */
    const cv_registry *registry; /* the snapshot used, or NULL */
};

static void print_errors(const cv_submission *s)
{
    size_t k;
    for (k = 0; k < cv_submission_diag_count(s); k++) {
        const cv_diag *d = cv_submission_diag_at(s, k);
        if (d->severity == CV_SEV_ERROR)
            cv_cli_print_diag(stderr, d);
    }
}

/* Streams one ndjson line. A failed stream into the set is dropped from
 * it (publish says why) and the other formats go on; a failed stdout, or
 * a stream that was the only output, stops the batch. */
static int stream_ndjson(struct run *r, const cv_submission *sub)
{
    cv_status st;
    if (!r->ndjson)
        return 0;
    st = cv_submission_write_ndjson(r->ctx, r->crit, sub, r->ndjson,
                                    r->ndjson_payload);
    if (st == CV_OK)
        return 0;
    r->ndjson = NULL;
    if (!r->publish) {
        cv_cli_error("-: %s (%s)",
                     L(r->lang, "書き込めません", "cannot write"),
                     cv_status_str(st));
        return -1;
    }
    cv_cli_publish_stream_failed(r->publish, st);
    return r->report ? 0 : -1;
}

/* Notes the tender a bid answers; -1 when out of memory. A bid that does
 * not say which tender it answers is no evidence of a mix. */
static int note_tender(struct run *r, const cv_submission *sub)
{
    const char *id = cv_submission_tender_id(sub);
    struct tender_seen *t;
    size_t i;
    if (!id)
        return 0;
    for (i = 0; i < r->ntenders; i++)
        if (strcmp(r->tenders[i].id, id) == 0) {
            r->tenders[i].count++;
            return 0;
        }
    if (r->ntenders == MAX_TENDERS_NAMED) {
        r->tenders_unnamed++;
        return 0;
    }
    t = &r->tenders[r->ntenders];
    t->id = strdup(id);
    t->first_file = strdup(cv_submission_file(sub));
    t->count = 1;
    if (!t->id || !t->first_file) {
        free(t->id);
        free(t->first_file);
        return -1;
    }
    r->ntenders++;
    return 0;
}

static void free_tenders(struct run *r)
{
    size_t i;
    for (i = 0; i < r->ntenders; i++) {
        free(r->tenders[i].id);
        free(r->tenders[i].first_file);
    }
}

/* With --tender, every bid that names a tender must name that one. */
static int refuse_other_tenders(const struct run *r)
{
    const char *id = cv_tender_id(r->tender);
    size_t i;
    int code = CV_EXIT_OK;
    for (i = 0; i < r->ntenders; i++) {
        if (strcmp(r->tenders[i].id, id) == 0)
            continue;
        cv_cli_error(L(r->lang,
                       "%s: 入札案件 '%s' の提出物です。--tender の案件は "
                       "'%s' です (同じ案件の提出物は %zu 件)。報告書は書いて"
                       "いません",
                       "%s: answers tender '%s', but --tender is for '%s' "
                       "(%zu bid(s) of that tender); no report was written"),
                     r->tenders[i].first_file, r->tenders[i].id, id,
                     r->tenders[i].count);
        code = CV_EXIT_USAGE;
    }
    if (r->tenders_unnamed) {
        cv_cli_error(L(r->lang, "  ほか %zu 案件", "  and %zu more tenders"),
                     r->tenders_unnamed);
        code = CV_EXIT_USAGE;
    }
    return code;
}

/* --tender and --decisions, read and checked against the criteria before
 * any bid is evaluated. */
static int load_award_files(struct run *r, const struct cli *c)
{
    if (c->tender &&
        cv_tender_load(&r->tender, r->ctx, r->crit, c->tender) != CV_OK) {
        cv_cli_print_ctx_diags(r->ctx);
        return CV_EXIT_CRITERIA;
    }
    if (c->decisions &&
        (cv_decisions_load(&r->decisions, r->ctx, r->crit, c->decisions) !=
             CV_OK ||
         cv_ctx_use_decisions(r->ctx, r->decisions) != CV_OK)) {
        cv_cli_print_ctx_diags(r->ctx);
        return CV_EXIT_CRITERIA;
    }
    return CV_EXIT_OK;
}

/* Bids of two tenders are not ranked together unseen: say which files
 * answer which tender, and how to rank them anyway. */
static int refuse_mixed_tenders(const struct run *r, const struct cli *c)
{
    size_t i;
    if (r->tender)
        return refuse_other_tenders(r);
    if (r->ntenders + r->tenders_unnamed < 2 || c->allow_mixed_tenders)
        return CV_EXIT_OK;
    cv_cli_error("%s",
                 L(r->lang,
                   "入力は複数の入札案件の提出物です。案件の違う入札を一緒に"
                   "順位付けしません (まとめて評価するには "
                   "--allow-mixed-tenders)。報告書は書いていません",
                   "the inputs answer more than one tender: bids of "
                   "different tenders are not ranked together (to do so "
                   "anyway, pass --allow-mixed-tenders); no report was "
                   "written"));
    for (i = 0; i < r->ntenders; i++) {
        char line[1024];
        snprintf(line, sizeof(line),
                 L(r->lang, "  案件 '%s': %zu 件 (最初のファイル: %s)",
                   "  tender '%s': %zu bid(s) (first file: %s)"),
                 r->tenders[i].id, r->tenders[i].count,
                 r->tenders[i].first_file);
        cv_cli_error("%s", line);
    }
    if (r->tenders_unnamed)
        cv_cli_error(L(r->lang, "  ほか %zu 案件", "  and %zu more tenders"),
                     r->tenders_unnamed);
    return CV_EXIT_USAGE;
}

/* Each submission, in input order (see struct cv_batch). */
static int each(cv_submission *sub, size_t index, void *payload)
{
    struct run *r = payload;
    (void)index;
    print_errors(sub);
    if (note_tender(r, sub) != 0) {
        cv_submission_free(sub);
        return -1;
    }
    /* Counted here, not from the report: an ndjson-only run keeps no
     * report, and this sees every submission of every run once. */
    if ((size_t)cv_submission_verdict(sub) <
        sizeof(r->verdicts) / sizeof(r->verdicts[0]))
        r->verdicts[cv_submission_verdict(sub)]++;
    r->conditional += cv_submission_conditional(sub) != 0;
    if ((r->publish &&
         cv_cli_publish_input(r->publish, cv_submission_file(sub),
                              cv_submission_sha256(sub)) != CV_EXIT_OK) ||
        stream_ndjson(r, sub) != 0) {
        cv_submission_free(sub);
        return -1;
    }
    if (r->report)
        return cv_report_add(r->report, sub) == CV_OK ? 0 : -1;
    cv_submission_free(sub);
    return 0;
}

/* The formats asked for (the library's table names them): the report
 * formats, and whether the per-submission one (ndjson) streams. */
static int parse_formats(const struct cli *c, bool to_stdout,
                         cv_cli_formats *set, bool *ndjson)
{
    const char *list = c->format ? c->format : to_stdout ? "json" : NULL;
    int code = cv_cli_parse_formats(list, set, c->opts.lang);
    *ndjson = (*set & (1u << CV_REPORT_NDJSON)) != 0;
    *set &= ~(1u << CV_REPORT_NDJSON);
    return code;
}

static int check_stdout(bool ndjson, cv_cli_formats set, cv_lang lang)
{
    if (ndjson && set == 0)
        return CV_EXIT_OK;
    if (!ndjson)
        return CV_EXIT_OK; /* cv_cli_write_stdout checks the one format */
    cv_cli_error("--out -: %s",
                 L(lang, "標準出力には形式を一つだけ指定してください",
                   "standard output takes exactly one format"));
    return CV_EXIT_USAGE;
}

static int run_batch(struct run *r, const struct cli *c)
{
    struct cv_batch b;
    memset(&b, 0, sizeof(b));
    b.ctx = r->ctx;
    b.crit = r->crit;
    b.paths = c->inputs.paths;
    b.count = c->inputs.count;
    b.jobs = c->jobs;
    b.lang = c->opts.lang;
    b.progress = !c->quiet && isatty(STDERR_FILENO);
    b.each = each;
    b.payload = r;
    if (cv_batch_run(&b) != 0)
        return CV_EXIT_INTERNAL;
    if (r->report) {
        /* Ranking may say something of the run (a price line or a
         * decision that names no bid): print what it added. */
        size_t i, before = cv_ctx_diag_count(r->ctx);
        cv_report_finish(r->report);
        for (i = before; i < cv_ctx_diag_count(r->ctx); i++)
            cv_cli_print_diag(stderr, cv_ctx_diag_at(r->ctx, i));
    }
    return CV_EXIT_OK;
}

/* What record.json names beyond the files: the options, the tender,
 * decisions and snapshot, and the key it is signed with. */
static void describe_run(struct run *r, const struct cli *c)
{
    struct cv_cli_record rec;
    memset(&rec, 0, sizeof(rec));
    rec.cli = c;
    rec.report = r->report;
    rec.tender = r->tender;
    rec.decisions = r->decisions;
    if (r->registry) {
        rec.registry_dir = cv_cli_registry_dir(c);
        rec.registry_name = cv_registry_file_name(r->registry);
    }
    rec.sign_key = c->sign_key;
    cv_cli_publish_describe(r->publish, &rec);
}

/* Writes the report formats once the batch is done: to stdout, or into
 * the staging directory, and publishes the set. */
static int write_reports(struct run *r, const struct cli *c,
                         cv_cli_formats set)
{
    int code = CV_EXIT_OK;
    if (!r->publish) {
        if (r->report)
            code = cv_cli_write_stdout(r->report, set, c->opts.lang);
        if (code != CV_EXIT_OK)
            cv_cli_print_ctx_diags(r->ctx);
        else if (r->ndjson && fflush(stdout) != 0)
            code = CV_EXIT_INTERNAL;
        return code;
    }
    if (r->report)
        cv_cli_publish_reports(r->publish, r->report, set, r->ctx);
    describe_run(r, c);
    return cv_cli_publish_commit(r->publish, r->crit, c->opts.as_of);
}

/* The output: locked and staged for --out DIR (before anything is
 * evaluated, so a second run into DIR refuses at once); ndjson streams
 * into the staging directory, or to stdout. */
static int open_output(struct run *r, const struct cli *c, bool to_stdout,
                       bool ndjson)
{
    int code = CV_EXIT_OK;
    if (!to_stdout)
        code = cv_cli_publish_begin(&r->publish, c->out_dir, c->opts.lang);
    if (code != CV_EXIT_OK || !ndjson)
        return code;
    if (!r->publish) {
        r->ndjson = cv_cli_file_write;
        r->ndjson_payload = stdout;
        return CV_EXIT_OK;
    }
    return cv_cli_publish_stream(r->publish, &r->ndjson, &r->ndjson_payload);
}

/* DIR/report.EXT, DIR without its trailing slashes (the file's path as
 * a person would write it), escaped like every name we print. */
static void put_file(const char *dir, const char *ext, bool *first)
{
    char path[4200];
    size_t n = strlen(dir);
    while (n > 0 && dir[n - 1] == '/')
        n--;
    if (n > 4096)
        n = 4096;
    snprintf(path, sizeof(path), "%.*s/report.%s", (int)n, dir, ext);
    fputs(*first ? "" : ", ", stderr);
    *first = false;
    cv_cli_put_safe(stderr, path);
}

/* One line on stderr once the reports are in place: how many
 * submissions, of each verdict, and where they went ("-": stdout), so a
 * log or an operator sees the outcome without opening a report. */
static void print_summary(const struct run *r, const struct cli *c,
                          cv_cli_formats set, bool ndjson, bool to_stdout)
{
    const size_t *v = r->verdicts;
    size_t total = v[0] + v[1] + v[2];
    cv_lang lang = c->opts.lang;
    bool first = true;
    unsigned i;
    /* The verdict words of every report (cloudvet.h's vocabulary). */
    if (lang == CV_LANG_EN)
        fprintf(stderr, "evaluated: %zu submission%s (", total,
                total == 1 ? "" : "s");
    else
        fprintf(stderr, "評価しました: %zu 件 (", total);
    fprintf(stderr, "%s %zu, %s %zu, %s %zu, %s %zu); %s: ",
            cv_verdict_word(CV_VERDICT_QUALIFIED, lang),
            v[CV_VERDICT_QUALIFIED] - r->conditional,
            cv_conditional_word(lang), r->conditional, cv_verdict_word(CV_VERDICT_DISQUALIFIED, lang),
            v[CV_VERDICT_DISQUALIFIED],
            cv_verdict_word(CV_VERDICT_INVALID, lang),
            v[CV_VERDICT_INVALID], L(lang, "出力", "output"));
    if (to_stdout)
        fputs("-", stderr);
    if (ndjson)
        set |= 1u << CV_REPORT_NDJSON;
    for (i = 0; !to_stdout && i < CV_REPORT_FORMAT_COUNT; i++) {
        cv_report_format_info info;
        if ((set & (1u << i)) &&
            cv_report_format_info_of((cv_report_format)i, &info) == CV_OK)
            put_file(c->out_dir, info.ext, &first);
    }
    fputc('\n', stderr);
}

/* A second line when the ranking was an award or is fragile: who is
 * first, on what, and the sensitivity sentence, so an operator sees at
 * once a ranking a small change of the weights would overturn. */
static void print_award_summary(const struct run *r)
{
    const char *note = NULL;
    double margin = 0;
    int fragile = 0;
    size_t i;
    if (!r->report || !cv_report_sensitivity(r->report, &margin, &fragile,
                                             &note))
        return;
    for (i = 0; r->tender && i < cv_report_count(r->report); i++) {
        cv_award_info a;
        const cv_submission *s = cv_report_at(r->report, i);
        if (cv_report_award_at(r->report, i, &a) != CV_OK || a.rank != 1)
            continue;
        fprintf(stderr, "%s", L(r->lang, "総合評価 1 位: ", "award first: "));
        cv_cli_put_safe(stderr, cv_submission_file(s));
        fprintf(stderr, L(r->lang, " (総合評価点 %g)\n", " (total %g)\n"),
                a.total);
    }
    if (fragile)
        fputs(L(r->lang, "! 順位は不安定: ", "! fragile ranking: "), stderr);
    if (note && (fragile || r->tender)) {
        cv_cli_put_safe(stderr, note);
        fputc('\n', stderr);
    }
}

/* --parse-only: read and parse every input, nothing else, and say how
 * fast (the benchmark's baseline for the reader). */
static int parse_only(cv_ctx *ctx, const struct cli *c)
{
    struct timespec t0, t1;
    size_t i, total = 0, failed = 0;
    double s;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < c->inputs.count; i++) {
        size_t bytes = 0;
        cv_status st = cv_parse_file(ctx, c->inputs.paths[i], &bytes);
        total += bytes;
        if (st == CV_ENOMEM)
            return CV_EXIT_INTERNAL;
        failed += st != CV_OK;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "parse-only: %zu files, %zu bytes, %.3f s, %.1f MB/s, "
                    "%zu not well-formed\n",
            c->inputs.count, total, s, s > 0 ? (double)total / 1e6 / s : 0.0,
            failed);
    return failed ? CV_EXIT_INPUT : CV_EXIT_OK;
}

int cv_cli_evaluate(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_registry *reg = NULL;
    struct run r;
    cv_cli_formats set = 0;
    bool to_stdout = strcmp(c->out_dir, "-") == 0, ndjson;
    int code = parse_formats(c, to_stdout, &set, &ndjson);

    memset(&r, 0, sizeof(r));
    if (code == CV_EXIT_OK && to_stdout)
        code = check_stdout(ndjson, set, c->opts.lang);
    if (code != CV_EXIT_OK)
        return code;
    if (c->inputs.count == 0) {
        cv_cli_error("%s", L(c->opts.lang, "入力がありません", "no input"));
        return CV_EXIT_USAGE;
    }
    if (c->parse_only)
        return parse_only(ctx, c);
    if (c->sign_key &&
        cv_cli_publish_check_key(c->sign_key, to_stdout, c->opts.lang) !=
            CV_EXIT_OK)
        return CV_EXIT_USAGE;
    r.ctx = ctx;
    r.lang = c->opts.lang;
    code = open_output(&r, c, to_stdout, ndjson);
    if (code == CV_EXIT_OK)
        code = cv_cli_prepare_checks(ctx, c, &reg);
    r.registry = reg;
    if (code == CV_EXIT_OK)
        code = cv_cli_load_criteria(&crit, ctx, c);
    r.crit = crit;
    if (code == CV_EXIT_OK)
        code = load_award_files(&r, c);
    if (code == CV_EXIT_OK && set &&
        (cv_report_new(&r.report, ctx, crit) != CV_OK ||
         (r.tender && cv_report_use_tender(r.report, r.tender) != CV_OK)))
        code = CV_EXIT_INTERNAL;
    if (code == CV_EXIT_OK)
        code = run_batch(&r, c);
    if (code == CV_EXIT_OK)
        code = refuse_mixed_tenders(&r, c);
    if (code == CV_EXIT_OK)
        code = write_reports(&r, c, set);
    if (r.publish && (code == CV_EXIT_OK || code == CV_EXIT_PARTIAL))
        set = cv_cli_publish_written(r.publish, &ndjson);
    cv_cli_publish_end(r.publish);
    if ((code == CV_EXIT_OK || code == CV_EXIT_PARTIAL) && !c->quiet) {
        print_summary(&r, c, set, ndjson, to_stdout);
        print_award_summary(&r);
    }
    /* A format that failed (7) says more than an invalid input (3): the
     * record and the report both still list the invalid input. */
    if (code == CV_EXIT_OK && r.verdicts[CV_VERDICT_INVALID])
        code = CV_EXIT_INPUT;
    cv_report_free(r.report);
    cv_tender_free(r.tender);
    cv_decisions_free(r.decisions);
    cv_criteria_free(crit);
    cv_registry_free(reg);
    free_tenders(&r);
    return code;
}
