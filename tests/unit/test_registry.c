/* SPDX-License-Identifier: MIT */
/* test_registry.c: the ISMAP list -> snapshot step (src/lib/registry/):
 * header recognition, --columns, number folding, rows, and the snapshot's
 * JSON round trip. Sheets are built in memory here; the workbook reader
 * has its own tests (tests/registry/). */
#include <stdlib.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "internal.h"
#include "load/load.h"
#include "registry/registry.h"

static const char *criteria_dir;

struct fixture {
    cv_ctx *ctx;
    cv_criteria *crit;
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_table_row rows[8];
    const char *cells[8][6];
    struct cv_table sheet;
    struct cv_sheets book;
};

static int open_fixture(struct fixture *f)
{
    memset(f, 0, sizeof(*f));
    if (t_api_open(&f->ctx, &f->crit, criteria_dir, CV_LANG_EN) != 0)
        return -1;
    cv_arena_init(&f->arena);
    cv_diags_init(&f->diags, &f->arena, CV_LANG_EN, 100);
    f->sheet.name = "Sheet1";
    f->sheet.rows = f->rows;
    f->book.sheets = &f->sheet;
    f->book.count = 1;
    return 0;
}

static void close_fixture(struct fixture *f)
{
    cv_arena_release(&f->arena);
    t_api_close(f->ctx, f->crit);
}

/* Appends a row (sheet row `number`) of up to 6 cells. */
static void row(struct fixture *f, unsigned number, const char *a,
                const char *b, const char *c, const char *d, const char *e,
                const char *g)
{
    size_t i = f->sheet.nrows++;
    const char *v[6] = { a, b, c, d, e, g };
    memcpy(f->cells[i], v, sizeof(v));
    f->rows[i].number = number;
    f->rows[i].ncells = 6;
    f->rows[i].cells = f->cells[i];
}

static cv_status import(struct fixture *f, struct cv_registry_snapshot *s,
                        const char *columns)
{
    memset(s, 0, sizeof(*s));
    return cv_registry_from_tables(s, &f->book, f->crit, columns, "t.xlsx",
                                   &f->arena, &f->diags);
}

static void test_registry__keys_fold_width_case_and_dashes(void)
{
    struct cv_arena a;
    cv_arena_init(&a);
    T_STREQ(cv_registry_key(&a, "C23-0187-1"), "C23-0187-1");
    T_STREQ(cv_registry_key(&a, "Ｃ２３－０１８７－１"), "C23-0187-1");
    T_STREQ(cv_registry_key(&a, " c23\xe2\x80\x90" "0187\xe2\x88\x92" "1 "),
            "C23-0187-1");
    T_STREQ(cv_registry_key(&a, "C23ー0187ー1"), "C23-0187-1");
    cv_arena_release(&a);
}

static void test_registry__title_row_and_two_row_header(void)
{
    struct fixture f;
    struct cv_registry_snapshot s;
    if (open_fixture(&f) != 0) {
        T_CHECK(0);
        return;
    }
    row(&f, 1, "ISMAPクラウドサービスリスト", NULL, NULL, NULL, NULL, NULL);
    /* a merged header repeats in the second row (load_xlsx fills merges) */
    row(&f, 2, "登録番号", "クラウドサービス名称", "クラウドサービス事業者名",
        "有効期間", "有効期間", "ISMAP / ISMAP-LIU");
    row(&f, 3, "登録番号", "クラウドサービス名称", "クラウドサービス事業者名",
        "登録日", "有効期限（注1）", "ISMAP / ISMAP-LIU");
    row(&f, 4, "C23-0187-1", "あおば", "株式会社あおば", "2026-06-30",
        "令和9年9月30日", "ISMAP-LIU");
    row(&f, 6, NULL, "※ 注記", NULL, NULL, NULL, NULL);
    row(&f, 7, "C21-0011-1", "Azure", "MS", "2025/9/30", "いつか", "ISMAP");
    T_CHECK(import(&f, &s, NULL) == CV_OK);
    T_CHECK(s.header_row == 3);
    T_CHECK(s.nrows == 2);
    if (s.nrows == 2) {
        T_CHECK(s.rows[0].row == 4);
        T_STREQ(s.rows[0].expires, "2027-09-30");
        T_STREQ(s.rows[0].scheme, "ISMAP-LIU");
        T_STREQ(s.rows[1].registered, "2025-09-30");
        T_STREQ(s.rows[1].expires, "いつか"); /* kept as written */
    }
    T_CHECK(f.diags.count == 1); /* ...and warned about, with its cell */
    if (f.diags.count == 1)
        T_STREQ(f.diags.items[0].path, "Sheet1!E7");
    T_STREQ(s.headers[CV_REG_EXPIRES], "有効期限（注1）");
    T_CHECK(cv_registry_find(&s, &f.arena, "ｃ２１－００１１－１") ==
            &s.rows[1]);
    T_CHECK(cv_registry_find(&s, &f.arena, "C21-0011-2") == NULL);
    close_fixture(&f);
}

static void test_registry__unknown_headers_need_columns(void)
{
    struct fixture f;
    struct cv_registry_snapshot s;
    if (open_fixture(&f) != 0) {
        T_CHECK(0);
        return;
    }
    row(&f, 1, "No", "登録No.", "サービス名", "事業者", "期限", NULL);
    row(&f, 2, "1", "C23-0187-1", "あおば", "あおば社", "2027-09-30", NULL);
    T_CHECK(import(&f, &s, NULL) == CV_EINVALID);
    T_CHECK(f.diags.count == 1 &&
            strstr(f.diags.items[0].message, "--columns") != NULL);
    T_CHECK(import(&f, &s,
                   "number=登録No.,service=サービス名,provider=事業者,"
                   "expires=期限") == CV_OK);
    T_CHECK(s.nrows == 1 && strcmp(s.rows[0].service, "あおば") == 0);
    T_STREQ(s.rows[0].scheme, "ISMAP"); /* no scheme column: the default */
    T_CHECK(import(&f, &s, "colour=期限") == CV_EUSAGE);
    T_CHECK(import(&f, &s, "number=") == CV_EUSAGE);
    close_fixture(&f);
}

static void test_registry__snapshot_round_trip(void)
{
    struct fixture f;
    struct cv_registry_snapshot s, back;
    struct cv_strbuf sb, again;
    struct cv_node *doc = NULL;
    struct cv_load_req req;
    cv_limits lim = CV_LIMITS_DEFAULT;
    if (open_fixture(&f) != 0) {
        T_CHECK(0);
        return;
    }
    row(&f, 1, "登録番号", "クラウドサービス名称", "クラウドサービス事業者名",
        "有効期限", NULL, NULL);
    row(&f, 2, "C1", "a \"quoted\" \\ name\n<b>", "p\x01q", "2027-01-01",
        NULL, NULL);
    T_CHECK(import(&f, &s, NULL) == CV_OK);
    s.source = "t.xlsx";
    memcpy(s.as_of, "2026-11-01", 11);
    cv_strbuf_init(&sb, 0);
    cv_strbuf_init(&again, 0);
    cv_registry_serialise(&s, &sb);
    req.source = "snap";
    req.buf = sb.ptr;
    req.len = sb.len;
    req.limits = &lim;
    req.arena = &f.arena;
    req.diags = &f.diags;
    T_CHECK(cv_load_json(&doc, &req) == CV_OK);
    T_CHECK(doc && cv_registry_parse(&back, doc, "snap", &f.arena,
                                     &f.diags) == CV_OK);
    if (doc && back.nrows == 1) {
        T_STREQ(back.rows[0].service, "a \"quoted\" \\ name\n<b>");
        T_STREQ(back.rows[0].provider, "p\x01q");
        cv_registry_serialise(&back, &again);
        T_CHECK(sb.len == again.len && memcmp(sb.ptr, again.ptr, sb.len) == 0);
    }
    cv_strbuf_release(&sb);
    cv_strbuf_release(&again);
    close_fixture(&f);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "keys", test_registry__keys_fold_width_case_and_dashes },
        { "headers", test_registry__title_row_and_two_row_header },
        { "columns", test_registry__unknown_headers_need_columns },
        { "round trip", test_registry__snapshot_round_trip },
    };
    criteria_dir = argc > 1 ? argv[1] : "criteria";
    return t_run(cases, sizeof(cases) / sizeof(cases[0]));
}
