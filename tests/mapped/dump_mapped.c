/* SPDX-License-Identifier: MIT */
/*
 * dump_mapped.c: reads one workbook through the workbook readers
 * (norm/sheets.h) as cloudvet does, and prints what came out as JSON
 * lines, for tests/mapped/test_mapped.py.
 *
 *   cv_dump_mapped CRITERIA_DIR [--lang ja|en] [--mapping FILE]
 *                  [--vendor NAME] [--service NAME] [--results] FILE
 *
 * Output, one JSON object per line:
 *   {"value": TEXT, "path": "answers[0].response", "cell": "Sheet!C7"}
 *     every scalar of the raw tree (before normalising), in tree order;
 *   {"result": ID, "status": S, "responsibility": R|null,
 *    "customer_responsibilities": T|null}   with --results: every
 *     criterion's result of the evaluated submission (public API);
 *   {"diag": {"severity", "path", "message"}}  every diagnostic (the
 *     criteria's, the reader's; with --results the submission's);
 *   {"status": "ok" | cv_status_str(...)}  last.
 * Exit status 0 when the reader returned CV_OK, 1 when it refused the
 * workbook or the mapping, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/io.h"
#include "cloudvet.h"
#include "criteria/criteria.h"
#include "load/table.h"
#include "norm/sheets.h"

static void put_json(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void put_diag(const cv_diag *d)
{
    fputs("{\"diag\": {\"severity\": ", stdout);
    put_json(cv_severity_str(d->severity));
    fputs(", \"path\": ", stdout);
    put_json(d->path);
    fputs(", \"message\": ", stdout);
    put_json(d->message);
    fputs("}}\n", stdout);
}

/* Every scalar below `n`, with its dotted path as the tree builder takes
 * it ("answers[0].evidence[1].title"). */
static void put_tree(const struct cv_node *n, const char *path)
{
    const struct cv_node *c;
    size_t i = 0;
    char sub[512];
    if (n->kind != CV_NODE_OBJECT && n->kind != CV_NODE_ARRAY) {
        fputs("{\"value\": ", stdout);
        put_json(n->text);
        fputs(", \"path\": ", stdout);
        put_json(path);
        fputs(", \"cell\": ", stdout);
        put_json(n->path);
        fputs("}\n", stdout);
        return;
    }
    for (c = n->first; c; c = c->next, i++) {
        if (n->kind == CV_NODE_ARRAY)
            snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
        else
            snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "",
                     c->name);
        put_tree(c, sub);
    }
}

static int usage(void)
{
    fputs("usage: cv_dump_mapped CRITERIA_DIR [--lang ja|en] [--mapping FILE]"
          " [--vendor NAME] [--service NAME] [--results] FILE\n",
          stderr);
    return 2;
}

static void put_ctx_diags(const cv_ctx *ctx)
{
    size_t i;
    const cv_diag *d;
    for (i = 0; (d = cv_ctx_diag_at(ctx, i)) != NULL; i++)
        put_diag(d);
}

/* The workbook through cv_sheets_questionnaire, as read_workbook does. */
static cv_status dump_tree(cv_ctx *ctx, const cv_criteria *crit,
                           const char *file, const char *vendor,
                           const char *service, cv_lang lang)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_table_limits tlim = CV_TABLE_LIMITS_DEFAULT;
    struct cv_table_req treq;
    struct cv_sheets sheets = { NULL, 0 };
    struct cv_sheets_req sreq;
    struct cv_node *raw = NULL;
    cv_limits limits = CV_LIMITS_DEFAULT;
    char *buf = NULL;
    size_t len = 0, i;
    cv_status st;

    (void)ctx;
    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, lang, 1000);
    st = cv_io_read_file(&buf, &len, file, limits.max_input_bytes, &diags);
    if (st == CV_OK) {
        treq.source = file;
        treq.buf = buf;
        treq.len = len;
        treq.limits = &tlim;
        treq.arena = &arena;
        treq.diags = &diags;
        st = cv_load_xlsx(&sheets, &treq);
    }
    if (st == CV_OK) {
        memset(&sreq, 0, sizeof(sreq));
        sreq.source = file;
        sreq.sheets = &sheets;
        sreq.schema = crit->schema;
        sreq.words = crit->wb_words;
        sreq.mappings = crit->mappings;
        sreq.nmappings = crit->nmappings;
        sreq.forced = crit->forced_mapping;
        sreq.vendor = vendor;
        sreq.service = service;
        sreq.limits = &limits;
        sreq.arena = &arena;
        sreq.diags = &diags;
        st = cv_sheets_questionnaire(&raw, &sreq);
    }
    if (raw)
        put_tree(raw, "");
    for (i = 0; i < diags.count; i++)
        put_diag(&diags.items[i]);
    free(buf);
    cv_arena_release(&arena);
    return st;
}

static cv_status dump_results(cv_ctx *ctx, const cv_criteria *crit,
                              const char *file)
{
    cv_submission *sub = NULL;
    size_t i;
    cv_status st = cv_submission_evaluate_file(&sub, ctx, crit, file);
    if (st != CV_OK)
        return st;
    printf("{\"verdict\": ");
    put_json(cv_verdict_str(cv_submission_verdict(sub)));
    printf(", \"vendor\": ");
    put_json(cv_submission_vendor(sub));
    printf(", \"service\": ");
    put_json(cv_submission_service(sub));
    printf("}\n");
    for (i = 0; i < cv_submission_result_count(sub); i++) {
        cv_result_info r;
        if (cv_submission_result_at(sub, i, &r) != CV_OK)
            break;
        fputs("{\"result\": ", stdout);
        put_json(r.id);
        fputs(", \"status\": ", stdout);
        put_json(cv_result_status_str(r.status));
        fputs(", \"responsibility\": ", stdout);
        put_json(r.responsibility);
        fputs(", \"customer_responsibilities\": ", stdout);
        put_json(r.customer_responsibilities);
        printf(", \"residual\": %s", r.residual ? "true" : "false");
        fputs(", \"reason\": ", stdout);
        put_json(r.reason);
        fputs("}\n", stdout);
    }
    for (i = 0; i < cv_submission_diag_count(sub); i++)
        put_diag(cv_submission_diag_at(sub, i));
    cv_submission_free(sub);
    return CV_OK;
}

int main(int argc, char **argv)
{
    cv_options opts = CV_OPTIONS_INIT;
    cv_ctx *ctx = NULL;
    cv_criteria *crit = NULL;
    const char *mapping = NULL, *file = NULL, *vendor = NULL,
               *service = NULL;
    int results = 0, i;
    cv_status st;

    if (argc < 3)
        return usage();
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            opts.lang = strcmp(argv[++i], "en") == 0 ? CV_LANG_EN
                                                     : CV_LANG_JA;
        else if (strcmp(argv[i], "--mapping") == 0 && i + 1 < argc)
            mapping = argv[++i];
        else if (strcmp(argv[i], "--vendor") == 0 && i + 1 < argc)
            vendor = argv[++i];
        else if (strcmp(argv[i], "--service") == 0 && i + 1 < argc)
            service = argv[++i];
        else if (strcmp(argv[i], "--results") == 0)
            results = 1;
        else if (!file && argv[i][0] != '-')
            file = argv[i];
        else
            return usage();
    }
    if (!file)
        return usage();
    memcpy(opts.as_of, "2026-11-21", 11);
    st = cv_global_init();
    if (st == CV_OK)
        st = cv_ctx_new(&ctx, &opts);
    if (st == CV_OK)
        st = cv_criteria_load(&crit, ctx, argv[1], NULL);
    if (st == CV_OK && mapping)
        st = cv_criteria_use_mapping(crit, ctx, mapping);
    if (st == CV_OK && (vendor || service))
        st = cv_ctx_set_answerer(ctx, vendor, service);
    if (ctx)
        put_ctx_diags(ctx);
    if (st == CV_OK)
        st = results ? dump_results(ctx, crit, file)
                     : dump_tree(ctx, crit, file, vendor, service, opts.lang);
    printf("{\"status\": ");
    put_json(st == CV_OK ? "ok" : cv_status_str(st));
    printf("}\n");
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
    return st == CV_OK ? 0 : 1;
}
