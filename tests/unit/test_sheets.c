/* SPDX-License-Identifier: MIT */
/* test_sheets.c: the tree builder and the dispatch every workbook reader
 * shares (src/lib/norm/sheets.h): paths with item indices, typing only
 * where it is unambiguous, the cell a value came from, duplicates, who
 * answered, and the refusals when no reader fits. */
#include <stdio.h>
#include <string.h>

#include "../harness/t.h"
#include "base/arena.h"
#include "cloudvet.h"
#include "criteria/criteria.h"
#include "norm/sheets.h"

static const char *criteria_dir = "criteria";
static cv_ctx *ctx;
static cv_criteria *crit;

struct fixture {
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_sheets sheets;
    struct cv_sheets_req req;
    struct cv_sheet_tree tree;
    cv_limits limits;
};

static void setup(struct fixture *f, const char *source)
{
    static const cv_limits lim = CV_LIMITS_DEFAULT;
    memset(f, 0, sizeof(*f));
    f->limits = lim;
    cv_arena_init(&f->arena);
    cv_diags_init(&f->diags, &f->arena, CV_LANG_EN, 100);
    f->req.source = source;
    f->req.sheets = &f->sheets;
    f->req.schema = crit->schema;
    f->req.limits = &f->limits;
    f->req.arena = &f->arena;
    f->req.diags = &f->diags;
    T_CHECK(cv_sheet_tree_init(&f->tree, &f->req) == CV_OK);
}

static void teardown(struct fixture *f)
{
    cv_arena_release(&f->arena);
}

static const char *last_message(const struct fixture *f)
{
    return f->diags.count ? f->diags.items[f->diags.count - 1].message : "";
}

static void test_sheets__cell_refs_quote_like_excel(void)
{
    struct cv_arena a;
    cv_arena_init(&a);
    T_STREQ(cv_cell_ref(&a, "Answers", 12, 2), "Answers!C12");
    T_STREQ(cv_cell_ref(&a, "回答", 3, 0), "回答!A3");
    T_STREQ(cv_cell_ref(&a, "My Sheet", 1, 26), "'My Sheet'!AA1");
    T_STREQ(cv_cell_ref(&a, "It's", 1, 701), "'It''s'!ZZ1");
    T_STREQ(cv_cell_ref(&a, "2026", 5, 16383), "'2026'!XFD5");
    cv_arena_release(&a);
}

static void test_sheets__keys_fold_width_case_and_blanks(void)
{
    struct cv_arena a;
    cv_arena_init(&a);
    T_STREQ(cv_cell_key(&a, "ＲＴＯ　"), "rto");
    T_STREQ(cv_cell_key(&a, " R T O\n"), "rto");
    T_STREQ(cv_cell_key(&a, "Question ID"), "questionid");
    T_CHECK(strcmp(cv_cell_key(&a, "〇"), cv_cell_key(&a, "○")) != 0);
    T_STREQ(cv_cell_key(&a, NULL), "");
    cv_arena_release(&a);
}

static void test_sheets__values_are_typed_only_when_unambiguous(void)
{
    struct fixture f;
    const struct cv_node *n;
    setup(&f, "bid.xlsx");
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.availability_percent", "99.95",
                              "SLA!C4") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.rto_hours", "4時間以内",
                              "SLA!C5") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.published", "true", "SLA!C6") ==
            CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.service_credits", "はい",
                              "SLA!C7") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "vendor.name", "123", "Info!C2") ==
            CV_OK);
    n = cv_node_lookup(f.tree.root, "sla.availability_percent");
    T_CHECK(n && n->kind == CV_NODE_NUMBER && strcmp(n->text, "99.95") == 0);
    T_CHECK(n && strcmp(n->path, "SLA!C4") == 0);
    n = cv_node_lookup(f.tree.root, "sla.rto_hours");
    T_CHECK(n && n->kind == CV_NODE_STRING); /* units: the normaliser's */
    n = cv_node_lookup(f.tree.root, "sla.published");
    T_CHECK(n && n->kind == CV_NODE_BOOL && n->boolean);
    n = cv_node_lookup(f.tree.root, "sla.service_credits");
    T_CHECK(n && n->kind == CV_NODE_STRING); /* a reader translates words */
    n = cv_node_lookup(f.tree.root, "vendor.name");
    T_CHECK(n && n->kind == CV_NODE_STRING); /* a string field stays text */
    n = cv_node_lookup(f.tree.root, "sla");
    T_CHECK(n && n->kind == CV_NODE_OBJECT && strcmp(n->path, "SLA!C4") == 0);
    teardown(&f);
}

static void test_sheets__items_by_index_and_append(void)
{
    struct fixture f;
    const struct cv_node *certs, *c;
    setup(&f, "bid.xlsx");
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[0].scheme", "ISMAP",
                              "Certs!A3") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[0].id", "C23-0187-1",
                              "Certs!B3") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[1].scheme",
                              "ISO/IEC 27017", "Certs!A4") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[0].evidence[0].title",
                              "statement", "Certs!H3") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[3].scheme", "x",
                              "Certs!A6") == CV_EUSAGE); /* a gap */
    T_CHECK(cv_sheet_tree_set(&f.tree, "data_location.remote_access_countries[]",
                              "JP", "Loc!C9") == CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "data_location.remote_access_countries[]",
                              "日本", "Loc!C10") == CV_OK);
    certs = cv_node_lookup(f.tree.root, "certifications");
    T_CHECK(certs && certs->kind == CV_NODE_ARRAY && certs->count == 2);
    c = certs ? certs->first : NULL;
    T_CHECK(c && c->kind == CV_NODE_OBJECT && c->count == 3);
    T_CHECK(c && strcmp(cv_node_str(c, "id"), "C23-0187-1") == 0);
    T_CHECK(cv_node_lookup(f.tree.root, "data_location.remote_access_countries")
                ->count == 2);
    teardown(&f);
}

static void test_sheets__unknown_paths_are_a_readers_bug(void)
{
    struct fixture f;
    setup(&f, "bid.xlsx");
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.uptime", "99", "A!A1") ==
            CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications.scheme", "x",
                              "A!A1") == CV_EUSAGE); /* an array needs [i] */
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla[0].rto_hours", "1", "A!A1") ==
            CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla..rto_hours", "1", "A!A1") ==
            CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla", "99.9", "A!A1") == CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "vendor.name.first", "x", "A!A1") ==
            CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "certifications[0]", "x", "A!A1") ==
            CV_EUSAGE);
    T_CHECK(cv_sheet_tree_set(&f.tree, "data_location.remote_access_countries[0].x",
                              "x", "A!A1") == CV_EUSAGE);
    T_CHECK(f.tree.root->count == 0); /* nothing was made on the way */
    teardown(&f);
}

static void test_sheets__a_second_value_warns_and_the_first_stays(void)
{
    struct fixture f;
    setup(&f, "bid.xlsx");
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.rpo_hours", "1", "SLA!C8") ==
            CV_OK);
    T_CHECK(cv_sheet_tree_set(&f.tree, "sla.rpo_hours", "24", "SLA!C20") ==
            CV_OK);
    T_CHECK(strcmp(cv_node_lookup(f.tree.root, "sla.rpo_hours")->text, "1") ==
            0);
    T_CHECK(f.diags.count == 1 &&
            f.diags.items[0].severity == CV_SEV_WARNING &&
            strcmp(f.diags.items[0].path, "SLA!C20") == 0 &&
            strstr(f.diags.items[0].message, "SLA!C8") != NULL);
    teardown(&f);
}

static void test_sheets__node_limit_is_a_located_error(void)
{
    struct fixture f;
    char path[64];
    cv_status st = CV_OK;
    size_t i;
    setup(&f, "bid.xlsx");
    f.limits.max_nodes = 10;
    for (i = 0; i < 20 && st == CV_OK; i++) {
        snprintf(path, sizeof(path), "answers[%zu].id", i);
        st = cv_sheet_tree_set(&f.tree, path, "X", "Answers!A9");
    }
    T_CHECK(st == CV_ELIMIT);
    T_CHECK(strstr(last_message(&f), "max_nodes") != NULL);
    T_CHECK(f.diags.count && strcmp(f.diags.items[0].path, "Answers!A9") == 0);
    teardown(&f);
}

static void test_sheets__no_reader_refuses_naming_the_mappings(void)
{
    struct fixture f;
    struct cv_node *raw = (struct cv_node *)1;
    setup(&f, "in/vendor.xlsx");
    f.req.mappings = crit->mappings;
    f.req.nmappings = crit->nmappings;
    T_CHECK(cv_sheets_questionnaire(&raw, &f.req) == CV_EINVALID);
    T_CHECK(raw == NULL);
    T_CHECK(strstr(last_message(&f), "--mapping") != NULL);
    T_CHECK(f.diags.errors == 1);
    teardown(&f);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "cell_refs", test_sheets__cell_refs_quote_like_excel },
        { "keys", test_sheets__keys_fold_width_case_and_blanks },
        { "typing", test_sheets__values_are_typed_only_when_unambiguous },
        { "items", test_sheets__items_by_index_and_append },
        { "unknown_paths", test_sheets__unknown_paths_are_a_readers_bug },
        { "duplicates", test_sheets__a_second_value_warns_and_the_first_stays },
        { "node_limit", test_sheets__node_limit_is_a_located_error },
        { "no_reader", test_sheets__no_reader_refuses_naming_the_mappings },
    };
    static const cv_options init = CV_OPTIONS_INIT;
    cv_options opts = init;
    int rc;
    if (argc > 1)
        criteria_dir = argv[1];
    memcpy(opts.as_of, "2026-11-21", 11);
    if (cv_global_init() != CV_OK || cv_ctx_new(&ctx, &opts) != CV_OK ||
        cv_criteria_load(&crit, ctx, criteria_dir, NULL) != CV_OK) {
        fprintf(stderr, "cannot load the criteria from %s\n", criteria_dir);
        return 1;
    }
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
    return rc;
}
