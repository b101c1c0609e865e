/* SPDX-License-Identifier: MIT */
/*
 * test_table.c: the registry-list readers (load/table.h) on inputs built
 * here: CSV files, number formats, and workbooks zipped in memory by
 * tests/registry/zipbuild.c, hostile ones included (not a zip, a cut zip,
 * a zip bomb honest or lying about its size, an "encrypted" member, a
 * missing part, DOCTYPE/XXE and billion laughs, too many columns, a
 * reference past XFD1048576, a merge over the whole sheet). Workbooks as
 * Excel writes them are tests/registry/test_tables.py's business.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../harness/t.h"
#include "../registry/zipbuild.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "cloudvet.h"
#include "load/table.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL                                                                \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

/* One read: its arena, diagnostics and result, released by done(). */
struct run {
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_sheets tables;
    cv_status st;
};

static struct cv_table_limits limits(void)
{
    struct cv_table_limits lim = CV_TABLE_LIMITS_DEFAULT;
    return lim;
}

static void start(struct run *r)
{
    cv_arena_init(&r->arena);
    cv_diags_init(&r->diags, &r->arena, CV_LANG_EN, 100);
    memset(&r->tables, 0, sizeof(r->tables));
}

static void done(struct run *r)
{
    cv_arena_release(&r->arena);
}

static void read_csv(struct run *r, const char *source, const char *buf,
                     size_t len, const struct cv_table_limits *lim)
{
    struct cv_table_req req = { source, buf, len, lim, &r->arena, &r->diags };
    start(r);
    r->st = cv_load_csv(&r->tables, &req);
}

static void read_csv_text(struct run *r, const char *text)
{
    struct cv_table_limits lim = limits();
    read_csv(r, "lists/ismap.csv", text, strlen(text), &lim);
}

static void read_xlsx(struct run *r, const void *buf, size_t len,
                      const struct cv_table_limits *lim)
{
    struct cv_table_req req = { "book.xlsx", buf, len, lim, &r->arena,
                                &r->diags };
    start(r);
    r->st = cv_load_xlsx(&r->tables, &req);
}

/* the first error's message contains `part` (and its path `path`) */
static int error_says(const struct run *r, const char *path,
                      const char *part)
{
    size_t i;
    for (i = 0; i < r->diags.count; i++) {
        const cv_diag *d = &r->diags.items[i];
        if (d->severity != CV_SEV_ERROR)
            continue;
        if ((path && strstr(d->path, path) == NULL) ||
            strstr(d->message, part) == NULL) {
            fprintf(stderr, "  diagnostic: %s: %s\n", d->path, d->message);
            return 0;
        }
        return 1;
    }
    fprintf(stderr, "  no error diagnostic\n");
    return 0;
}

static unsigned error_line(const struct run *r)
{
    size_t i;
    for (i = 0; i < r->diags.count; i++)
        if (r->diags.items[i].severity == CV_SEV_ERROR)
            return r->diags.items[i].line;
    return 0;
}

static const char *cell(const struct run *r, size_t sheet, size_t row,
                        size_t col)
{
    const struct cv_table *t;
    if (sheet >= r->tables.count)
        return NULL;
    t = &r->tables.sheets[sheet];
    if (row >= t->nrows || col >= t->rows[row].ncells)
        return NULL;
    return t->rows[row].cells[col];
}

/* ---- CSV --------------------------------------------------------------- */

static void test_csv__rfc4180(void)
{
    struct run r;
    read_csv_text(&r, "\xEF\xBB\xBF"
                      "登録番号,サービス名,備考\r\n"
                      "C22-0001-1,\"さくら, \"\"クラウド\"\"\",\"二行\r\n"
                      "の備考\"\r\n"
                      "\r\n"
                      "C22-0002-1,,\n"
                      ",,\n"
                      "\"a\"\"\",b");
    T_CHECK(r.st == CV_OK);
    T_CHECK(r.tables.count == 1);
    T_STREQ(r.tables.sheets[0].name, "ismap.csv");
    T_CHECK(r.tables.sheets[0].nrows == 4);
    T_STREQ(cell(&r, 0, 0, 0), "登録番号");
    T_CHECK(r.tables.sheets[0].rows[0].number == 1);
    T_STREQ(cell(&r, 0, 1, 1), "さくら, \"クラウド\"");
    T_STREQ(cell(&r, 0, 1, 2), "二行\r\nの備考");
    T_CHECK(r.tables.sheets[0].rows[1].number == 2);
    /* blank line 4 and the empty record on line 6 make no rows; a row
     * number is the line its record starts on */
    T_CHECK(r.tables.sheets[0].rows[2].number == 5);
    T_CHECK(r.tables.sheets[0].rows[2].ncells == 1); /* trailing empties */
    T_CHECK(r.tables.sheets[0].rows[3].number == 7);
    T_STREQ(cell(&r, 0, 3, 0), "a\"");
    T_STREQ(cell(&r, 0, 3, 1), "b");
    done(&r);
}

static void test_csv__delimiters_and_leniency(void)
{
    struct run r;
    read_csv_text(&r, "番号\t名前\n1\tx,y\n");
    T_CHECK(r.st == CV_OK);
    T_STREQ(cell(&r, 0, 1, 1), "x,y");
    done(&r);
    /* commas win when the first line has both */
    read_csv_text(&r, "a\tb,c\n");
    T_STREQ(cell(&r, 0, 0, 0), "a\tb");
    done(&r);
    /* a quote inside an unquoted field, text after a closing quote, a
     * control character: kept as written; lone CRs end lines */
    read_csv_text(&r, "5\"2,\"ab\"cd,x\x07y\rnext\r");
    T_CHECK(r.st == CV_OK);
    T_STREQ(cell(&r, 0, 0, 0), "5\"2");
    T_STREQ(cell(&r, 0, 0, 1), "abcd");
    T_STREQ(cell(&r, 0, 0, 2), "x\x07y");
    T_CHECK(r.tables.sheets[0].nrows == 2);
    T_CHECK(r.tables.sheets[0].rows[1].number == 2);
    done(&r);
    /* an empty file is one empty table */
    read_csv_text(&r, "");
    T_CHECK(r.st == CV_OK && r.tables.count == 1 &&
            r.tables.sheets[0].nrows == 0);
    done(&r);
}

static void test_csv__not_utf8(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    /* 登録番号 in Shift_JIS on line 3 */
    read_csv_text(&r, "a,b\nc,d\n\x93\x6f\x98\x5e\x94\xd4\x8d\x86,e\n");
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_line(&r) == 3);
    T_CHECK(error_says(&r, NULL, "line 3 is not UTF-8"));
    T_CHECK(error_says(&r, NULL, "CSV UTF-8"));
    T_CHECK(r.tables.count == 0);
    done(&r);
    read_csv(&r, "u16.csv", "\xFF\xFE" "a\0,\0", 6, &lim);
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "UTF-16"));
    done(&r);
    read_csv(&r, "nul.csv", "a,b\nc\0d\n", 8, &lim);
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "line 2 has a NUL"));
    done(&r);
    read_csv_text(&r, "ok\n\"open,\nstill open\n");
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, NULL, "starting on line 2 is never closed"));
    done(&r);
}

static void test_csv__limits(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    lim.max_columns = 3;
    read_csv(&r, "c.csv", "a,b,c\nd,e,f,g\n", 14, &lim);
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, NULL, "max_columns (3)"));
    T_CHECK(error_line(&r) == 2);
    done(&r);
    lim = limits();
    lim.max_cell_bytes = 4;
    read_csv(&r, "c.csv", "abcd,\"abcde\"\n", 13, &lim);
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, NULL, "max_cell_bytes"));
    done(&r);
    lim = limits();
    lim.max_cells = 3;
    read_csv(&r, "c.csv", "a,b\nc,d\n", 8, &lim);
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, NULL, "max_cells"));
    done(&r);
    lim = limits();
    lim.max_cells = 3;
    read_csv(&r, "c.csv", ",,,x\n", 5, &lim); /* four slots */
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, NULL, "max_cells"));
    done(&r);
    lim = limits();
    lim.max_file_bytes = 4;
    read_csv(&r, "c.csv", "a,b,c", 5, &lim);
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, NULL, "max_file_bytes"));
    done(&r);
}

/* ---- number formats ------------------------------------------------------ */

struct fmt_case {
    double v;
    int id;
    const char *code;
    bool date1904;
    const char *want;
};

static void test_format__numbers_and_dates(void)
{
    static const struct fmt_case cases[] = {
        { 5.0999999999999996, 0, NULL, false, "5.1" },
        { 0.1 + 0.2, 0, NULL, false, "0.3" },
        { 1e21, 0, NULL, false, "1E+21" },
        { 1e15, 0, NULL, false, "1E+15" },
        { 999999999999999.0, 0, NULL, false, "999999999999999" },
        { 1e-9, 0, NULL, false, "0.000000001" },
        { 1.5e-10, 0, NULL, false, "1.5E-10" },
        { 12, 0, NULL, false, "12" },
        { -12.5, 0, NULL, false, "-12.5" },
        { 0, 0, NULL, false, "0" },
        { 5.0999999999999996, 0, "0.0", false, "5.1" },
        { 0.05, 0, "0.0", false, "0.1" },
        { -0.05, 0, "0.0", false, "-0.1" },
        { 0.04, 0, "0.0", false, "0.0" },
        { 1234, 3, NULL, false, "1,234" },
        { 123, 3, NULL, false, "123" },
        { 1234567, 3, NULL, false, "1,234,567" },
        { 999.5, 3, NULL, false, "1,000" },
        { 0.5, 9, NULL, false, "50%" },
        { 0.0125, 10, NULL, false, "1.25%" },
        { 2.675, 2, NULL, false, "2.68" },
        { 1.005, 2, NULL, false, "1.01" },
        { -3.14159, 0, "0.00_);[Red](0.00)", false, "-3.14" },
        { 1234.5, 0, "#,##0.00\"円\"", false, "1,234.50" },
        { 1.5, 0, "@", false, "1.5" },
        { 5, 0, "[Red]0.0", false, "5.0" },
        { 5, 0, "0\\d", false, "5" },
        { 5, 0, "General", false, "5" },
        { 46295, 14, NULL, false, "2026-09-30" },
        { 46295, 0, "yyyy/m/d", false, "2026-09-30" },
        { 46295, 0, "[$-411]ggge\"年\"m\"月\"d\"日\"", false, "2026-09-30" },
        { 46295, 0, "[DBNum3]yyyy\"年\"m\"月\"", false, "2026-09-30" },
        { 46295, 0, "m", false, "2026-09-30" },
        { 46295.5, 22, NULL, false, "2026-09-30 12:00:00" },
        { 46295, 22, NULL, false, "2026-09-30" },
        { 0.25, 20, NULL, false, "06:00:00" },
        { 0.5 / 24, 0, "mm:ss", false, "00:30:00" },
        { 60, 14, NULL, false, "1900-02-29" },
        { 1, 14, NULL, false, "1900-01-01" },
        { 0, 14, NULL, true, "1904-01-01" },
        { 44833, 14, NULL, true, "2026-09-30" },
        { 0, 14, NULL, false, "0" },
        { -5, 14, NULL, false, "-5" },
        { 1e10, 14, NULL, false, "10000000000" },
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cv_strbuf sb;
        cv_strbuf_init(&sb, 0);
        cv_table_format_number(&sb, cases[i].v, cases[i].id, cases[i].code,
                               cases[i].date1904);
        if (strcmp(sb.ptr, cases[i].want) != 0) {
            fprintf(stderr, "  case %zu (%.17g, %d, %s)\n", i, cases[i].v,
                    cases[i].id, cases[i].code ? cases[i].code : "-");
            T_STREQ(sb.ptr, cases[i].want);
        }
        cv_strbuf_release(&sb);
    }
}

/* ---- workbooks in memory ------------------------------------------------- */

static const char workbook_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
    "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
    "Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";

#define SHEET_OPEN "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>"
#define SHEET_CLOSE "</sheetData></worksheet>"

static struct zb_entry entry(const char *name, const char *data)
{
    struct zb_entry e;
    memset(&e, 0, sizeof(e));
    e.name = name;
    e.data = data;
    e.len = strlen(data);
    e.deflate = true;
    return e;
}

/* A one-sheet workbook whose sheet part is `sheet` (NULL: none). */
static void read_sheet(struct run *r, const char *sheet,
                       const struct cv_table_limits *lim)
{
    struct zb_entry e[3];
    size_t n = 0, len = 0;
    unsigned char *zip;
    e[n++] = entry("xl/workbook.xml", workbook_xml);
    e[n++] = entry("xl/_rels/workbook.xml.rels", rels_xml);
    if (sheet)
        e[n++] = entry("xl/worksheets/sheet1.xml", sheet);
    zip = zb_build(e, n, &len);
    T_CHECK(zip != NULL);
    read_xlsx(r, zip, len, lim);
    free(zip);
}

static void test_xlsx__in_memory_workbook(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    read_sheet(&r,
               SHEET_OPEN "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>"
                          "登録</t></is></c><c><v>5.0999999999999996</v></c>"
                          "</row>" SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_OK);
    T_STREQ(r.tables.sheets[0].name, "S");
    T_CHECK(r.tables.sheets[0].nrows == 1);
    T_CHECK(r.tables.sheets[0].rows[0].number == 2);
    T_CHECK(cell(&r, 0, 0, 0) == NULL);
    T_STREQ(cell(&r, 0, 0, 1), "登録");
    T_STREQ(cell(&r, 0, 0, 2), "5.1"); /* C2 by position */
    done(&r);
    T_CHECK(cv_table_is_zip("PK\3\4", 4));
    T_CHECK(!cv_table_is_zip("PK\5\6", 4));
    T_CHECK(!cv_table_is_zip("PK", 2));
}

static void test_xlsx__not_a_zip_or_cut(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    struct zb_entry e[2];
    unsigned char *zip;
    size_t len = 0;

    read_xlsx(&r, "登録番号,名前\n", strlen("登録番号,名前\n"), &lim);
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "not a zip"));
    T_CHECK(r.tables.count == 0);
    done(&r);
    e[0] = entry("xl/workbook.xml", workbook_xml);
    e[1] = entry("xl/_rels/workbook.xml.rels", rels_xml);
    zip = zb_build(e, 2, &len);
    T_CHECK(zip != NULL);
    read_xlsx(&r, zip, len / 2, &lim); /* no central directory */
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "zip"));
    done(&r);
    read_xlsx(&r, zip, 4, &lim);
    T_CHECK(r.st == CV_EPARSE);
    done(&r);
    free(zip);
}

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* A sheet part that inflates to 160 MiB from about 160 KiB. */
static void test_xlsx__zip_bomb(void)
{
    static char spaces[65536];
    struct run r;
    struct cv_table_limits lim = limits();
    struct zb_entry e[3];
    unsigned char *zip;
    size_t len = 0;
    long rss_before;
    clock_t t0;

    memset(spaces, ' ', sizeof(spaces));
    e[0] = entry("xl/workbook.xml", workbook_xml);
    e[1] = entry("xl/_rels/workbook.xml.rels", rels_xml);
    e[2] = entry("xl/worksheets/sheet1.xml", "");
    e[2].data = spaces;
    e[2].len = sizeof(spaces);
    e[2].repeat = 2560;
    zip = zb_build(e, 3, &len);
    T_CHECK(zip != NULL && len < ((size_t)1 << 20));
    rss_before = max_rss_kib();
    t0 = clock();
    read_xlsx(&r, zip, len, &lim);
    T_CHECK(r.st == CV_ELIMIT);
    T_CHECK(error_says(&r, "xl/worksheets/sheet1.xml", "max_part_bytes"));
#ifndef UNDER_ASAN
    /* inflated in chunks into the parser, never held whole */
    T_CHECK(max_rss_kib() - rss_before < 32 * 1024);
#endif
    (void)rss_before;
    fprintf(stderr, "  zip bomb refused in %.2f s\n",
            (double)(clock() - t0) / CLOCKS_PER_SEC);
    done(&r);

    /* the directory claims 100 bytes: the count is of what inflates */
    e[2].lie_size = true;
    e[2].claimed_size = 100;
    free(zip);
    zip = zb_build(e, 3, &len);
    lim.max_part_bytes = (size_t)1 << 20;
    read_xlsx(&r, zip, len, &lim);
    T_CHECK(r.st != CV_OK);
    T_CHECK(r.st == CV_ELIMIT || r.st == CV_EPARSE);
    if (r.diags.count)
        fprintf(stderr, "  lying zip bomb: %s\n", r.diags.items[0].message);
    done(&r);
    free(zip);
}

static void test_xlsx__encrypted_member(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    struct zb_entry e[3];
    unsigned char *zip;
    size_t len = 0;
    e[0] = entry("xl/workbook.xml", workbook_xml);
    e[1] = entry("xl/_rels/workbook.xml.rels", rels_xml);
    e[2] = entry("xl/worksheets/sheet1.xml", SHEET_OPEN SHEET_CLOSE);
    e[2].encrypted = true;
    zip = zb_build(e, 3, &len);
    read_xlsx(&r, zip, len, &lim);
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, "xl/worksheets/sheet1.xml", "encrypted"));
    done(&r);
    free(zip);
}

static void test_xlsx__missing_parts(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    struct zb_entry e[1];
    unsigned char *zip;
    size_t len = 0;
    e[0] = entry("xl/worksheets/sheet1.xml", SHEET_OPEN SHEET_CLOSE);
    zip = zb_build(e, 1, &len);
    read_xlsx(&r, zip, len, &lim);
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, "xl/workbook.xml", "no part 'xl/workbook.xml'"));
    done(&r);
    free(zip);
    read_sheet(&r, NULL, &lim);
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, NULL, "no part 'xl/worksheets/sheet1.xml'"));
    done(&r);
}

static void test_xlsx__entities_refused(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    read_sheet(&r,
               "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe "
               "SYSTEM \"file:///etc/passwd\">]>" SHEET_OPEN
               "<row><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
               SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, "xl/worksheets/sheet1.xml", "DOCTYPE"));
    done(&r);
    read_sheet(&r,
               "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
               "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
               "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
               "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
               "]>" SHEET_OPEN
               "<row><c t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>"
               SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "DOCTYPE"));
    done(&r);
    /* and without a DOCTYPE no entity exists but XML's five */
    read_sheet(&r,
               SHEET_OPEN "<row><c t=\"inlineStr\"><is><t>&amp;&lt;&#x6F22;"
                          "</t></is></c><c t=\"inlineStr\"><is><t>&lol;</t>"
                          "</is></c></row>" SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_EPARSE && error_says(&r, NULL, "lol"));
    done(&r);
}

static void test_xlsx__grid_limits(void)
{
    struct run r;
    struct cv_table_limits lim = limits();
    clock_t t0;

    read_sheet(&r,
               SHEET_OPEN "<row r=\"1\"><c r=\"AMK1\"><v>1</v></c></row>"
                          SHEET_CLOSE,
               &lim); /* AMK: column 1025 */
    T_CHECK(r.st == CV_ELIMIT);
    T_CHECK(error_says(&r, "S!AMK1", "max_columns (1024)"));
    done(&r);
    /* an empty, styled cell far right is no value and no problem */
    read_sheet(&r,
               SHEET_OPEN "<row r=\"1\"><c r=\"XFD1\" s=\"0\"/></row>"
                          SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_OK && r.tables.sheets[0].nrows == 0);
    done(&r);
    read_sheet(&r,
               SHEET_OPEN "<row r=\"1\"><c r=\"XFD1048577\"><v>1</v></c>"
                          "</row>" SHEET_CLOSE,
               &lim);
    T_CHECK(r.st == CV_EPARSE);
    T_CHECK(error_says(&r, "S!XFD1048577", "outside the sheet"));
    done(&r);
    t0 = clock();
    read_sheet(&r,
               "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
               "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
               "</sheetData><mergeCells count=\"1\"><mergeCell "
               "ref=\"A1:XFD1048576\"/></mergeCells></worksheet>",
               &lim);
    T_CHECK(r.st == CV_ELIMIT);
    T_CHECK(error_says(&r, "S!A1:XFD1048576", "max_cells"));
    T_CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    done(&r);
    /* within max_cells, a merge past max_columns is refused too */
    read_sheet(&r,
               "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
               "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
               "</sheetData><mergeCells count=\"1\"><mergeCell "
               "ref=\"A1:AMK1\"/></mergeCells></worksheet>",
               &lim);
    T_CHECK(r.st == CV_ELIMIT && error_says(&r, "S!AMK1", "max_columns"));
    done(&r);
}

/* A shared-string index is checked before each digit is added: 2^64 + 1
 * (and 2^64 * 10 + 1) must not wrap around to string 1. */
static void test_xlsx__shared_string_index_wraps(void)
{
    static const char rels[] =
        "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" "
        "Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" "
        "Target=\"sharedStrings.xml\"/></Relationships>";
    static const char sst[] =
        "<sst xmlns=\"" NS_MAIN "\"><si><t>zero</t></si><si><t>one</t>"
        "</si></sst>";
    static const char *const indices[] = {
        "1", "18446744073709551617", "184467440737095516161",
        "18446744073709551616", "18446744073709551615",
        "00000000000000000000000000001",
    };
    static const char *const want[] = { "one", NULL, NULL, NULL, NULL,
                                        "one" };
    size_t i;
    for (i = 0; i < sizeof(indices) / sizeof(indices[0]); i++) {
        char sheet[256];
        struct zb_entry e[4];
        size_t len = 0;
        unsigned char *zip;
        struct run r;
        struct cv_table_limits lim = limits();
        snprintf(sheet, sizeof(sheet),
                 SHEET_OPEN "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>%s</v></c>"
                            "</row>" SHEET_CLOSE,
                 indices[i]);
        e[0] = entry("xl/workbook.xml", workbook_xml);
        e[1] = entry("xl/_rels/workbook.xml.rels", rels);
        e[2] = entry("xl/sharedStrings.xml", sst);
        e[3] = entry("xl/worksheets/sheet1.xml", sheet);
        zip = zb_build(e, 4, &len);
        T_CHECK(zip != NULL);
        read_xlsx(&r, zip, len, &lim);
        free(zip);
        if (want[i]) {
            T_CHECK(r.st == CV_OK);
            T_STREQ(cell(&r, 0, 0, 0), want[i]);
        } else {
            if (r.st == CV_OK)
                fprintf(stderr, "  index %s read as '%s'\n", indices[i],
                        cell(&r, 0, 0, 0) ? cell(&r, 0, 0, 0) : "(none)");
            T_CHECK(r.st == CV_EPARSE);
            T_CHECK(error_says(&r, "S!A1", "shared string index"));
        }
        done(&r);
    }
}

int main(void)
{
    static const struct t_case cases[] = {
        { "csv_rfc4180", test_csv__rfc4180 },
        { "csv_delimiters_and_leniency", test_csv__delimiters_and_leniency },
        { "csv_not_utf8", test_csv__not_utf8 },
        { "csv_limits", test_csv__limits },
        { "format_numbers_and_dates", test_format__numbers_and_dates },
        { "xlsx_in_memory_workbook", test_xlsx__in_memory_workbook },
        { "xlsx_not_a_zip_or_cut", test_xlsx__not_a_zip_or_cut },
        { "xlsx_zip_bomb", test_xlsx__zip_bomb },
        { "xlsx_encrypted_member", test_xlsx__encrypted_member },
        { "xlsx_missing_parts", test_xlsx__missing_parts },
        { "xlsx_entities_refused", test_xlsx__entities_refused },
        { "xlsx_grid_limits", test_xlsx__grid_limits },
        { "xlsx_shared_string_index_wraps",
          test_xlsx__shared_string_index_wraps },
    };
    int rc;
    if (cv_global_init() != CV_OK)
        return 1;
    rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    cv_global_cleanup();
    return rc;
}
