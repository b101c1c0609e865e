/* SPDX-License-Identifier: MIT */
/*
 * fuzz_sheets.c: the workbook readers of norm/sheets.h, fed sheets of
 * cells directly (the zip and XML layers have fuzz_xlsx), then the
 * normaliser, with the criteria's built-in mappings and the words of
 * cloudvet's own workbook.
 *
 * Input: sheets separated by a form feed ('\f'); a sheet's first line is
 * its name, each further line a row ("\n"), cells separated by tabs; a
 * line "#hidden" right after the name hides the sheet. Invalid UTF-8 in a
 * cell is repaired first (load/ guarantees valid text), empty cells are
 * NULL and trailing ones dropped, as table.h promises. The input's length
 * picks the language, and bit 1 of it whether --vendor is given.
 *
 * Checked besides "no crash, no leak": the status is one the API
 * documents; a failure has an error diagnostic; a tree that comes back
 * has valid UTF-8 text, consistent child counts and a location on every
 * node, stays within max_nodes, and normalises without crashing.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/unicode.h"
#include "cloudvet.h"
#include "criteria/criteria.h"
#include "fuzz.h"
#include "fuzz_util.h"
#include "load/table.h"
#include "norm/norm.h"
#include "norm/sheets.h"

#define MAX_SHEETS 8
#define MAX_ROWS 512
#define MAX_COLS 32

static cv_criteria *crit;
static cv_ctx *crit_ctx;

static void cleanup(void)
{
    cv_criteria_free(crit);
    cv_ctx_free(crit_ctx);
    cv_global_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const cv_options init = CV_OPTIONS_INIT;
    cv_options opts = init;
    (void)argc;
    (void)argv;
    memcpy(opts.as_of, "2026-11-21", 11);
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    FUZZ_SETUP(cv_ctx_new(&crit_ctx, &opts) == CV_OK);
    FUZZ_SETUP(cv_criteria_load(&crit, crit_ctx, CV_FUZZ_CRITERIA_DIR, NULL) ==
               CV_OK);
    atexit(cleanup);
    return 0;
}

/* One cell's text as table.h promises it: valid UTF-8, NULL when empty. */
static const char *cell_text(struct cv_arena *a, const char *p, size_t n)
{
    if (n == 0)
        return NULL;
    return cv_utf8_repair(a, p, n);
}

static void parse_row(struct cv_arena *a, struct cv_table_row *row,
                      const char *p, size_t n, unsigned number)
{
    const char **cells = cv_arena_alloc(a, MAX_COLS * sizeof(*cells));
    size_t count = 0, last = 0;
    const char *end = p + n;
    row->number = number;
    row->cells = cells;
    row->ncells = 0;
    if (!cells)
        return;
    while (count < MAX_COLS) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab ? tab : end;
        cells[count] = cell_text(a, p, (size_t)(stop - p));
        count++;
        if (cells[count - 1])
            last = count;
        if (!tab)
            break;
        p = tab + 1;
    }
    row->ncells = last;
}

static void parse_sheet(struct cv_arena *a, struct cv_table *t, const char *p,
                        size_t n)
{
    const char *end = p + n, *nl;
    unsigned number = 0;
    nl = memchr(p, '\n', n);
    t->name = cell_text(a, p, (size_t)((nl ? nl : end) - p));
    if (!t->name)
        t->name = "Sheet1";
    t->rows = cv_arena_alloc(a, MAX_ROWS * sizeof(*t->rows));
    t->nrows = 0;
    t->hidden = false;
    if (!t->rows)
        return;
    p = nl ? nl + 1 : end;
    if (end - p >= 7 && memcmp(p, "#hidden", 7) == 0) {
        t->hidden = true;
        nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    while (p < end && t->nrows < MAX_ROWS) {
        struct cv_table_row *row = &t->rows[t->nrows];
        nl = memchr(p, '\n', (size_t)(end - p));
        number++;
        parse_row(a, row, p, (size_t)((nl ? nl : end) - p), number);
        if (row->ncells > 0)
            t->nrows++;
        p = nl ? nl + 1 : end;
    }
}

static void parse_sheets(struct cv_arena *a, struct cv_sheets *out,
                         const char *p, size_t n)
{
    const char *end = p + n;
    out->sheets = cv_arena_alloc(a, MAX_SHEETS * sizeof(*out->sheets));
    out->count = 0;
    if (!out->sheets)
        return;
    while (p <= end && out->count < MAX_SHEETS) {
        const char *ff = memchr(p, '\f', (size_t)(end - p));
        const char *stop = ff ? ff : end;
        parse_sheet(a, &out->sheets[out->count++], p, (size_t)(stop - p));
        if (!ff)
            break;
        p = ff + 1;
    }
}

static size_t check_tree(const struct cv_node *n, const cv_limits *lim,
                         unsigned depth)
{
    const struct cv_node *c, *last = NULL;
    size_t nodes = 1, children = 0;
    FUZZ_CHECK(depth <= lim->max_depth);
    FUZZ_CHECK(n->path != NULL);
    if (n->text) {
        FUZZ_CHECK(strlen(n->text) == n->text_len);
        FUZZ_CHECK(cv_utf8_valid(n->text, n->text_len));
    }
    for (c = n->first; c; c = c->next) {
        FUZZ_CHECK((n->kind == CV_NODE_ARRAY) == (c->name == NULL));
        nodes += check_tree(c, lim, depth + 1);
        last = c;
        children++;
    }
    FUZZ_CHECK(children == n->count);
    FUZZ_CHECK(last == n->last);
    return nodes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_sheets sheets;
    struct cv_sheets_req req;
    struct cv_norm_req nreq;
    struct cv_node *raw = NULL, *doc = NULL;
    cv_limits lim = CV_LIMITS_DEFAULT;
    cv_status st;

    lim.max_nodes = 20000;
    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, size % 2 ? CV_LANG_EN : CV_LANG_JA, 256);
    parse_sheets(&arena, &sheets, (const char *)data, size);
    memset(&req, 0, sizeof(req));
    req.source = "fuzz.xlsx";
    req.sheets = &sheets;
    req.schema = crit->schema;
    req.words = crit->wb_words;
    req.mappings = crit->mappings;
    req.nmappings = crit->nmappings;
    req.vendor = size & 2 ? "ベンダー" : NULL;
    req.limits = &lim;
    req.arena = &arena;
    req.diags = &diags;
    st = cv_sheets_questionnaire(&raw, &req);
    FUZZ_CHECK(st == CV_OK || st == CV_EINVALID || st == CV_ELIMIT ||
               st == CV_ENOMEM);
    if (st == CV_OK) {
        FUZZ_CHECK(raw != NULL);
        FUZZ_CHECK(check_tree(raw, &lim, 0) <= lim.max_nodes + 8);
        memset(&nreq, 0, sizeof(nreq));
        nreq.source = req.source;
        nreq.schema = crit->schema;
        nreq.eras = &crit->eras;
        nreq.units = &crit->tables.units;
        nreq.countries = &crit->tables.countries;
        nreq.arena = &arena;
        nreq.diags = &diags;
        (void)cv_normalise(&doc, &nreq, raw);
    } else {
        FUZZ_CHECK(raw == NULL);
    }
    fuzz_check_diags(&diags, st == CV_OK ? CV_OK : st);
    cv_arena_release(&arena);
    return 0;
}
