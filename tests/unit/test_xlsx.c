/* SPDX-License-Identifier: MIT */
/*
 * test_xlsx.c: report.xlsx read back. Every sample is evaluated and the
 * workbook written through the public API, then opened with libzip and
 * its XML parsed with libxml2, the way Excel would see it: the sheets and
 * their names (the summary of one row per bid first, then the
 * comparison), frozen panes and filters, numbers stored as numbers,
 * statuses as the report's words, the unreadable sample and its errors,
 * the registry sheet (the samples checked against a test ISMAP list with
 * a row of hostile text; the English run has no list and must say so),
 * and the same bytes from run to run.
 */
#define _GNU_SOURCE /* memmem */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../harness/t.h"
#include "../harness/t_api.h"
#include "cloudvet.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_DOCREL                                                             \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"

/* The sheets' places: the summary, the evaluation basis, the
 * comparison, then one per bid. */
#define SHEET_SUMMARY 1
#define SHEET_BASIS 2
#define SHEET_COMPARISON 3
#define SHEET_FIRST_BID 4

/* The summary sheet's layout (report_xlsx.c), 1-based as in Excel. */
#define SUM_ROW_TENDER 1
#define SUM_ROW_TIE 4
#define SUM_ROW_HEAD 8
#define SUM_COL_RANK 1
#define SUM_COL_BID 2
#define SUM_COL_VENDOR 3
#define SUM_COL_VERDICT 5
#define SUM_COL_CONDITIONAL 6
#define SUM_COL_SCORE 7
#define SUM_COL_FAILED_TITLES 11
#define SUM_COL_SHA256 15 /* the last column printed */
#define SUM_COL_STATUS 16 /* "○ 適合" ... one column per status */
#define SUM_NCOLS 22

/* The comparison sheet's layout: two columns per bid, side by side. */
#define CMP_ROW_BIDS 1
#define CMP_ROW_VERDICT 2
#define CMP_ROW_SCORE 3
#define CMP_ROW_HEAD 7
#define CMP_FROZEN_COLS 2
#define CMP_FIRST_BID_COL 6 /* F: the first bid's status, G its points */
#define CMP_COL_NOTE 2       /* B: the registry and links notes */
#define CMP_PRINT_BIDS 5     /* bids on one printed page */
#define CMP_STATUS_COL(i) (CMP_FIRST_BID_COL + 2 * (unsigned)(i))
#define CMP_POINTS_COL(i) (CMP_STATUS_COL(i) + 1)

/* A bid sheet's result table. */
#define BID_ROW_HEAD 9
#define BID_COL_RESPONSE 10

/* The registry sheet's layout. */
#define REG_ROW_HEAD 4
#define REG_NCOLS 14
#define REG_COL_NUMBER 4   /* the vendor's claimed number */
#define REG_COL_OUTCOME 6
#define REG_COL_ROW 7      /* the list's row and its columns */
#define REG_COL_SERVICE 9
#define REG_COL_PROVIDER 10

static const char *criteria_dir, *samples_dir;
static char tmpdir[] = "/tmp/cv_test_xlsx.XXXXXX";

/* The Japanese run: its report stays open for the checks. */
static cv_ctx *ctx;
static cv_criteria *crit;
static cv_report *report;
static char xlsx_path[512];
static char snapshot_path[512];
static cv_registry *registry;

/*
 * The test ISMAP list: sample 01 registered, 02 expired, 04 its IaaS's
 * number (another service), 05 not in the list, 06 a row of hostile text:
 * markup, a formula, a bidi override (U+202E, as bytes) and "_x202E_",
 * which Excel would read as that very character.
 */
static const char snapshot[] =
    "{\"format\":\"cloudvet-registry/1\",\"registry\":\"ismap\","
    "\"as_of\":\"2026-11-01\",\"source\":\"test.xlsx\","
    "\"source_sha256\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\","
    "\"sheet\":\"S\",\"header_row\":1,\"columns\":{},\"rows\":["
    "{\"row\":2,\"number\":\"C23-0187-1\",\"service\":"
    "\"あおばオンライン申請クラウド\",\"provider\":\"株式会社あおば行政システムズ\","
    "\"registered\":\"2026-06-30\",\"expires\":\"2027-09-30\","
    "\"scheme\":\"ISMAP\"},"
    "{\"row\":3,\"number\":\"C21-0011-1\",\"service\":\"Microsoft Azure\","
    "\"provider\":\"日本マイクロソフト株式会社\",\"registered\":\"2025-09-30\","
    "\"expires\":\"2027-01-31\",\"scheme\":\"ISMAP\"},"
    "{\"row\":4,\"number\":\"C24-0251-1\",\"service\":"
    "\"ミライ窓口オンライン申請クラウド\",\"provider\":\"株式会社ミライ窓口テック\","
    "\"registered\":\"2024-08-01\",\"expires\":\"2026-10-31\","
    "\"scheme\":\"ISMAP\"},"
    "{\"row\":6,\"number\":\"C24-0139-1\",\"service\":"
    "\"<script>x</script>=HYPERLINK(\\\"http://evil.example/\\\",\\\"x\\\")"
    "\xE2\x80\xAEgnp.exe\",\"provider\":"
    "\"=HYPERLINK(\\\"http://evil.example/\\\")_x202E_\","
    "\"registered\":\"2024-05-01\",\"expires\":\"2027-05-31\","
    "\"scheme\":\"ISMAP\"}]}\n";

/* What each bid's registry row should say (bids without ISMAP claims
 * have none). */
static const struct {
    unsigned bid;
    const char *number, *outcome;
    unsigned list_row; /* 0: no row */
} expected_regchecks[] = {
    { 1, "C23-0187-1", "○ 登録を確認", 2 },
    { 2, "C24-0251-1", "× 期限切れ", 4 },
    { 4, "C21-0011-1", "× 別サービスの番号", 3 },
    { 5, "C25-0078-1", "× 登録なし", 0 },
    { 6, "C24-0139-1", "× 別サービスの番号", 6 },
};
#define NREGCHECKS (sizeof(expected_regchecks) / sizeof(expected_regchecks[0]))

/* ---- inputs ---- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sample files sorted by name (the run's bid order). */
static char **list_samples(size_t *count)
{
    DIR *d = opendir(samples_dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        char **grown;
        size_t len;
        if (e->d_name[0] == '.')
            continue;
        grown = realloc(names, (n + 1) * sizeof(*names));
        if (!grown)
            break;
        names = grown;
        len = strlen(samples_dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            break;
        snprintf(names[n], len, "%s/%s", samples_dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    *count = n;
    return names;
}

static void free_list(char **names, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static cv_report *evaluate_samples(cv_ctx *c, const cv_criteria *k)
{
    cv_report *r = NULL;
    size_t i, n = 0;
    char **files = list_samples(&n);
    if (!files || n == 0 || cv_report_new(&r, c, k) != CV_OK) {
        free_list(files, n);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        cv_submission *s = NULL;
        if (cv_submission_evaluate_file(&s, c, k, files[i]) != CV_OK ||
            cv_report_add(r, s) != CV_OK) {
            cv_report_free(r);
            free_list(files, n);
            return NULL;
        }
    }
    cv_report_finish(r);
    free_list(files, n);
    return r;
}

/* ---- reading the workbook ---- */

static char *zip_entry(const char *xlsx, const char *name, size_t *len)
{
    int err = 0;
    zip_t *z = zip_open(xlsx, ZIP_RDONLY, &err);
    zip_stat_t st;
    zip_file_t *f = NULL;
    char *buf = NULL;
    if (!z)
        return NULL;
    if (zip_stat(z, name, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        (f = zip_fopen(z, name, 0)) != NULL &&
        (buf = malloc(st.size + 1)) != NULL) {
        if (zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
            free(buf);
            buf = NULL;
        } else {
            buf[st.size] = '\0';
            *len = st.size;
        }
    }
    if (f)
        zip_fclose(f);
    zip_close(z);
    return buf;
}

static xmlDocPtr zip_xml(const char *xlsx, const char *name)
{
    size_t len = 0;
    char *buf = zip_entry(xlsx, name, &len);
    xmlDocPtr doc;
    if (!buf)
        return NULL;
    doc = xmlReadMemory(buf, (int)len, name, NULL, XML_PARSE_NONET);
    free(buf);
    return doc;
}

/* The nodes `expr` selects (namespaces m, r, p); NULL when none. */
static xmlXPathObjectPtr select_nodes(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr xc = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = NULL;
    if (!xc)
        return NULL;
    xmlXPathRegisterNs(xc, BAD_CAST "m", BAD_CAST NS_MAIN);
    xmlXPathRegisterNs(xc, BAD_CAST "r", BAD_CAST NS_DOCREL);
    xmlXPathRegisterNs(xc, BAD_CAST "p", BAD_CAST NS_PKGREL);
    o = xmlXPathEvalExpression(BAD_CAST expr, xc);
    xmlXPathFreeContext(xc);
    if (o && (!o->nodesetval || o->nodesetval->nodeNr == 0)) {
        xmlXPathFreeObject(o);
        o = NULL;
    }
    return o;
}

/* Attribute `attr` of the first node `expr` selects, malloc'ed. */
static char *first_attr(xmlDocPtr doc, const char *expr, const char *attr)
{
    xmlXPathObjectPtr o = select_nodes(doc, expr);
    xmlChar *v;
    char *copy = NULL;
    if (!o)
        return NULL;
    v = xmlGetProp(o->nodesetval->nodeTab[0], BAD_CAST attr);
    if (v)
        copy = strdup((const char *)v);
    xmlFree(v);
    xmlXPathFreeObject(o);
    return copy;
}

struct book {
    xmlDocPtr workbook;
    xmlDocPtr rels;
    char **strings; /* the shared strings, by index */
    size_t nstrings;
};

static void book_close(struct book *b)
{
    size_t i;
    for (i = 0; i < b->nstrings; i++)
        free(b->strings[i]);
    free(b->strings);
    xmlFreeDoc(b->workbook);
    xmlFreeDoc(b->rels);
    memset(b, 0, sizeof(*b));
}

static int book_open(struct book *b, const char *xlsx)
{
    xmlDocPtr sst;
    xmlXPathObjectPtr o;
    memset(b, 0, sizeof(*b));
    b->workbook = zip_xml(xlsx, "xl/workbook.xml");
    b->rels = zip_xml(xlsx, "xl/_rels/workbook.xml.rels");
    /* absent when every string is stored in its cell */
    sst = zip_xml(xlsx, "xl/sharedStrings.xml");
    if (!b->workbook || !b->rels) {
        xmlFreeDoc(sst);
        book_close(b);
        return -1;
    }
    o = sst ? select_nodes(sst, "/m:sst/m:si") : NULL;
    if (o) {
        int i;
        b->strings = calloc((size_t)o->nodesetval->nodeNr,
                            sizeof(*b->strings));
        for (i = 0; b->strings && i < o->nodesetval->nodeNr; i++) {
            /* the text of every run of the item, as Excel shows it */
            xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
            b->strings[i] = strdup(t ? (const char *)t : "");
            xmlFree(t);
            b->nstrings++;
        }
        xmlXPathFreeObject(o);
    }
    xmlFreeDoc(sst);
    return 0;
}

static int sheet_count(const struct book *b)
{
    xmlXPathObjectPtr o = select_nodes(b->workbook, "/m:workbook/m:sheets/"
                                                    "m:sheet");
    int n = o ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* Name of the i-th sheet (1-based), malloc'ed. */
static char *sheet_name(const struct book *b, int i)
{
    char expr[96];
    snprintf(expr, sizeof(expr), "/m:workbook/m:sheets/m:sheet[%d]", i);
    return first_attr(b->workbook, expr, "name");
}

/* The worksheet XML of the i-th sheet, found through its relationship. */
static xmlDocPtr sheet_xml(const struct book *b, const char *xlsx, int i)
{
    char expr[160];
    char *rid, *target;
    xmlDocPtr doc = NULL;
    snprintf(expr, sizeof(expr), "/m:workbook/m:sheets/m:sheet[%d]", i);
    rid = first_attr(b->workbook, expr, "id"); /* r:id */
    if (!rid)
        return NULL;
    snprintf(expr, sizeof(expr), "/p:Relationships/p:Relationship[@Id='%s']",
             rid);
    target = first_attr(b->rels, expr, "Target");
    if (target) {
        char part[256];
        snprintf(part, sizeof(part), "xl/%s", target);
        doc = zip_xml(xlsx, part);
    }
    free(rid);
    free(target);
    return doc;
}

/* "F" for 6, "AA" for 27. */
static void column_letters(char out[4], unsigned col)
{
    char rev[4];
    size_t n = 0, i;
    while (col > 0 && n < 3) {
        rev[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

struct cell {
    char type[16]; /* the t attribute: "s" or "inlineStr", "" a number */
    char value[64];
};

/* The cell at (row, col), 1-based; 0 when it exists. */
static int read_cell(xmlDocPtr sheet, unsigned row, unsigned col,
                     struct cell *out)
{
    char letters[4], expr[128];
    xmlXPathObjectPtr o;
    xmlNodePtr c, v;
    xmlChar *t;
    column_letters(letters, col);
    snprintf(expr, sizeof(expr), "//m:sheetData/m:row/m:c[@r='%s%u']",
             letters, row);
    o = select_nodes(sheet, expr);
    if (!o)
        return -1;
    c = o->nodesetval->nodeTab[0];
    memset(out, 0, sizeof(*out));
    t = xmlGetProp(c, BAD_CAST "t");
    if (t)
        snprintf(out->type, sizeof(out->type), "%s", (const char *)t);
    xmlFree(t);
    for (v = c->children; v; v = v->next) {
        if (v->type == XML_ELEMENT_NODE &&
            strcmp((const char *)v->name, "v") == 0) {
            xmlChar *text = xmlNodeGetContent(v);
            snprintf(out->value, sizeof(out->value), "%s",
                     text ? (const char *)text : "");
            xmlFree(text);
        }
    }
    xmlXPathFreeObject(o);
    return 0;
}

/* The text of a string cell, or NULL: a shared string (t="s") or one
 * stored in the cell (t="inlineStr", what constant_memory mode writes).
 * An inline text is kept in `inline_text` until the next call. */
static char inline_text[131072];

static const char *cell_string(const struct book *b, xmlDocPtr sheet,
                               unsigned row, unsigned col)
{
    struct cell c;
    unsigned long i;
    char *end;
    if (read_cell(sheet, row, col, &c) != 0)
        return NULL;
    if (strcmp(c.type, "inlineStr") == 0) {
        char letters[4], expr[128];
        xmlXPathObjectPtr o;
        xmlChar *t;
        column_letters(letters, col);
        snprintf(expr, sizeof(expr),
                 "//m:sheetData/m:row/m:c[@r='%s%u']/m:is", letters, row);
        o = select_nodes(sheet, expr);
        if (!o)
            return NULL;
        /* the text of every run, as Excel shows it */
        t = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
        snprintf(inline_text, sizeof(inline_text), "%s",
                 t ? (const char *)t : "");
        xmlFree(t);
        xmlXPathFreeObject(o);
        return inline_text;
    }
    if (strcmp(c.type, "s") != 0)
        return NULL;
    i = strtoul(c.value, &end, 10);
    return *end == '\0' && i < b->nstrings ? b->strings[i] : NULL;
}

/* The row (1-based) whose column `col` holds the shared string `text`. */
static unsigned find_row(const struct book *b, xmlDocPtr sheet, unsigned col,
                         const char *text, unsigned from, unsigned to)
{
    unsigned row;
    for (row = from; row <= to; row++) {
        const char *s = cell_string(b, sheet, row, col);
        if (s && strcmp(s, text) == 0)
            return row;
    }
    return 0;
}

/* ---- what the report should say ---- */

static void expected_status(char *out, size_t size, cv_result_status s)
{
    static const char *const words[] = {
        "○ 適合",   "? 申告のみ (要確認)", "△ 一部適合",   "× 不適合",
        "! 矛盾 (要確認)", "– 未回答",     "/ 対象外",
    };
    snprintf(out, size, "%s", words[s]);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size)) != NULL &&
        fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        *len = (size_t)size;
    fclose(f);
    return buf;
}

static int write_snapshot(const char *path)
{
    FILE *f = fopen(path, "wb");
    int ok;
    if (!f)
        return -1;
    ok = fwrite(snapshot, 1, sizeof(snapshot) - 1, f) == sizeof(snapshot) - 1;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int files_equal(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *pa = read_file(a, &la), *pb = read_file(b, &lb);
    int same = pa && pb && la == lb && memcmp(pa, pb, la) == 0;
    free(pa);
    free(pb);
    return same;
}

/* ---- tests ---- */

static void test_xlsx__written(void)
{
    T_CHECK(report != NULL);
    T_CHECK(access(xlsx_path, R_OK) == 0);
}

static void
test_xlsx__summary_comparison_one_sheet_per_bid_registry_diagnostics(void)
{
    struct book b;
    size_t i, n = cv_report_count(report);
    int count;
    char *name;
    if (book_open(&b, xlsx_path) != 0) {
        T_CHECK(!"workbook readable");
        return;
    }
    count = sheet_count(&b);
    /* + 審査記入 (the committee's decisions); no "リンク": not --online */
    T_CHECK(count == (int)n + 6);
    name = sheet_name(&b, SHEET_SUMMARY);
    T_STREQ(name, "一覧");
    free(name);
    name = sheet_name(&b, SHEET_BASIS);
    T_STREQ(name, "評価条件");
    free(name);
    name = sheet_name(&b, SHEET_COMPARISON);
    T_STREQ(name, "比較");
    free(name);
    name = sheet_name(&b, count - 1);
    T_STREQ(name, "登録簿照合");
    free(name);
    name = sheet_name(&b, count);
    T_STREQ(name, "診断");
    free(name);
    for (i = 0; i < n; i++) {
        char prefix[24];
        name = sheet_name(&b, (int)i + SHEET_FIRST_BID);
        snprintf(prefix, sizeof(prefix), "%02zu ", i + 1);
        T_CHECK(name && strncmp(name, prefix, strlen(prefix)) == 0);
        T_CHECK(name && utf8_chars(name) <= 31);
        T_CHECK(name && strpbrk(name, "[]:*?/\\") == NULL);
        free(name);
    }
    book_close(&b);
}

static xmlDocPtr comparison_sheet(const struct book *b)
{
    return sheet_xml(b, xlsx_path, SHEET_COMPARISON);
}

/* The ranking order, worked out here from the public API: qualified
 * bids by rank, then those qualified on condition by rank, then the
 * disqualified by score (highest first), then unreadable files; input
 * order within a tie. */
static int rank_group(const cv_submission *s)
{
    switch (cv_submission_verdict(s)) {
    case CV_VERDICT_QUALIFIED: return cv_submission_conditional(s) ? 1 : 0;
    case CV_VERDICT_DISQUALIFIED: return 2;
    default: return 3;
    }
}

static int ranked_before(const cv_report *r, size_t a, size_t b)
{
    const cv_submission *sa = cv_report_at(r, a), *sb = cv_report_at(r, b);
    int ga = rank_group(sa), gb = rank_group(sb);
    if (ga != gb)
        return ga < gb;
    if (ga <= 1 && cv_report_rank_at(r, a) != cv_report_rank_at(r, b))
        return cv_report_rank_at(r, a) < cv_report_rank_at(r, b);
    if (ga == 2 && cv_submission_score(sa) != cv_submission_score(sb))
        return cv_submission_score(sa) > cv_submission_score(sb);
    return a < b;
}

/* order[k]: the bid (0-based) at ranking position k. */
static void expected_order(const cv_report *r, size_t *order, size_t n)
{
    size_t i, j;
    for (i = 0; i < n; i++)
        order[i] = i;
    for (i = 1; i < n; i++) /* insertion sort: stable, n is small */
        for (j = i; j > 0 && ranked_before(r, order[j], order[j - 1]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* One row per bid, in ranking order (the samples' last file, ranked
 * second, is not last), under the header: rank, number, bidder, verdict
 * in words, conditional, score as a number, the mandatory criteria
 * failed by title, and the count of each status adding up to the
 * criteria. */
static void test_xlsx__summary_one_row_per_bid(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t k, n = cv_report_count(report), order[64];
    if (n > 64 || book_open(&b, xlsx_path) != 0 ||
        !(sheet = sheet_xml(&b, xlsx_path, SHEET_SUMMARY))) {
        T_CHECK(!"summary sheet readable");
        book_close(&b);
        return;
    }
    expected_order(report, order, n);
    T_CHECK(order[n - 1] != n - 1 || n < 2); /* not the input order */
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_RANK), "順位");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_BID), "入札");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_VERDICT), "判定");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_CONDITIONAL),
            "条件付き");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_FAILED_TITLES),
            "不適合の必須基準");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_STATUS), "○ 適合");
    T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, SUM_COL_SHA256), "SHA-256");
    for (k = 0; k < n; k++) {
        size_t i = order[k];
        const cv_submission *s = cv_report_at(report, i);
        unsigned row = SUM_ROW_HEAD + 1 + (unsigned)k, c;
        const char *verdict, *cond;
        double counted = 0;
        struct cell cl;
        T_CHECK(read_cell(sheet, row, SUM_COL_BID, &cl) == 0 &&
                cl.type[0] == '\0' && strtoul(cl.value, NULL, 10) == i + 1);
        if (cv_submission_vendor(s))
            T_STREQ(cell_string(&b, sheet, row, SUM_COL_VENDOR),
                    cv_submission_vendor(s));
        verdict = cell_string(&b, sheet, row, SUM_COL_VERDICT);
        T_CHECK(verdict != NULL);
        if (verdict && cv_submission_verdict(s) == CV_VERDICT_DISQUALIFIED)
            T_CHECK(strstr(verdict, "失格") != NULL);
        cond = cell_string(&b, sheet, row, SUM_COL_CONDITIONAL);
        if (cv_submission_verdict(s) == CV_VERDICT_QUALIFIED)
            T_STREQ(cond, cv_submission_conditional(s) ? "はい" : "いいえ");
        if (cv_submission_verdict(s) == CV_VERDICT_INVALID) {
            /* no score to sort an unreadable file by */
            T_CHECK(read_cell(sheet, row, SUM_COL_SCORE, &cl) != 0);
        } else {
            T_CHECK(read_cell(sheet, row, SUM_COL_SCORE, &cl) == 0 &&
                    cl.type[0] == '\0' &&
                    fabs(strtod(cl.value, NULL) - cv_submission_score(s)) <
                        1e-9);
        }
        if (cv_report_rank_at(report, i))
            T_CHECK(read_cell(sheet, row, SUM_COL_RANK, &cl) == 0 &&
                    strtoul(cl.value, NULL, 10) ==
                        cv_report_rank_at(report, i));
        else
            T_CHECK(read_cell(sheet, row, SUM_COL_RANK, &cl) != 0);
        if (cv_submission_verdict(s) == CV_VERDICT_DISQUALIFIED) {
            /* the failed mandatory criteria by title, never by id */
            const char *failed = cell_string(&b, sheet, row,
                                             SUM_COL_FAILED_TITLES);
            size_t r, named = 0;
            T_CHECK(failed != NULL);
            for (r = 0; failed && r < cv_submission_result_count(s); r++) {
                cv_result_info ri;
                if (cv_submission_result_at(s, r, &ri) != CV_OK ||
                    !ri.disqualifies)
                    continue;
                T_CHECK(strstr(failed, ri.title) != NULL);
                T_CHECK(strstr(failed, ri.id) == NULL);
                named++;
            }
            T_CHECK(named > 0);
        }
        for (c = 0; c < 7; c++)
            if (read_cell(sheet, row, SUM_COL_STATUS + c, &cl) == 0)
                counted += strtod(cl.value, NULL);
        T_CHECK(fabs(counted - (double)cv_submission_result_count(s)) < 1e-9);
    }
    {
        struct cell c;
        T_CHECK(read_cell(sheet, SUM_ROW_HEAD + 1 + (unsigned)n, 1, &c) != 0);
    }
    xmlFreeDoc(sheet);
    book_close(&b);
}

static void test_xlsx__summary_frozen_and_filtered(void)
{
    struct book b;
    xmlDocPtr sheet;
    char *ysplit, *filter, want[32];
    if (book_open(&b, xlsx_path) != 0 ||
        !(sheet = sheet_xml(&b, xlsx_path, SHEET_SUMMARY))) {
        T_CHECK(!"summary sheet readable");
        book_close(&b);
        return;
    }
    ysplit = first_attr(sheet, "//m:sheetView/m:pane", "ySplit");
    filter = first_attr(sheet, "/m:worksheet/m:autoFilter", "ref");
    snprintf(want, sizeof(want), "%d", SUM_ROW_HEAD);
    T_STREQ(ysplit, want);
    snprintf(want, sizeof(want), "A%d:V%d", SUM_ROW_HEAD,
             SUM_ROW_HEAD + (int)cv_report_count(report));
    T_STREQ(filter, want);
    free(ysplit);
    free(filter);
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* constant_memory mode: strings are in their cells, and there is no
 * table of shared strings to grow with the batch. */
static void test_xlsx__no_shared_string_table(void)
{
    size_t len = 0;
    char *sst = zip_entry(xlsx_path, "xl/sharedStrings.xml", &len);
    T_CHECK(sst == NULL);
    free(sst);
}

static void test_xlsx__comparison_frozen_and_filtered(void)
{
    struct book b;
    xmlDocPtr sheet;
    char *state, *xsplit, *ysplit, *filter;
    char want[8];
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    state = first_attr(sheet, "//m:sheetView/m:pane", "state");
    xsplit = first_attr(sheet, "//m:sheetView/m:pane", "xSplit");
    ysplit = first_attr(sheet, "//m:sheetView/m:pane", "ySplit");
    filter = first_attr(sheet, "/m:worksheet/m:autoFilter", "ref");
    T_STREQ(state, "frozen");
    snprintf(want, sizeof(want), "%d", CMP_FROZEN_COLS);
    T_STREQ(xsplit, want);
    snprintf(want, sizeof(want), "%d", CMP_ROW_HEAD);
    T_STREQ(ysplit, want);
    /* the filter starts on the table header */
    T_CHECK(filter && strncmp(filter, "A7:", 3) == 0);
    free(state);
    free(xsplit);
    free(ysplit);
    free(filter);
    xmlFreeDoc(sheet);
    book_close(&b);
}

static void test_xlsx__bid_sheets_frozen_and_filtered(void)
{
    struct book b;
    size_t i, n = cv_report_count(report);
    if (book_open(&b, xlsx_path) != 0) {
        T_CHECK(!"workbook readable");
        return;
    }
    for (i = 0; i < n; i++) {
        xmlDocPtr sheet = sheet_xml(&b, xlsx_path,
                                    (int)i + SHEET_FIRST_BID);
        char *state = sheet ? first_attr(sheet, "//m:sheetView/m:pane",
                                         "state")
                            : NULL;
        char *filter = sheet ? first_attr(sheet, "/m:worksheet/m:autoFilter",
                                          "ref")
                             : NULL;
        T_STREQ(state, "frozen");
        T_CHECK(filter != NULL);
        free(state);
        free(filter);
        xmlFreeDoc(sheet);
    }
    book_close(&b);
}

static void test_xlsx__scores_are_numbers(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t i, n = cv_report_count(report);
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    for (i = 0; i < n; i++) {
        struct cell c;
        double want = cv_submission_score(cv_report_at(report, i));
        char *end = NULL;
        double got;
        if (cv_submission_verdict(cv_report_at(report, i)) ==
            CV_VERDICT_INVALID) {
            T_CHECK(read_cell(sheet, CMP_ROW_SCORE, CMP_STATUS_COL(i), &c) !=
                    0); /* an unreadable file has no score */
            continue;
        }
        T_CHECK(read_cell(sheet, CMP_ROW_SCORE, CMP_STATUS_COL(i), &c) == 0);
        T_STREQ(c.type, ""); /* a number, not a string */
        got = strtod(c.value, &end);
        T_CHECK(end && end != c.value && *end == '\0');
        T_CHECK(fabs(got - want) < 1e-9);
    }
    xmlFreeDoc(sheet);
    book_close(&b);
}

static void test_xlsx__statuses_are_words_per_criterion(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t i, k, n = cv_report_count(report), checked = 0;
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    for (i = 0; i < n; i++) {
        const cv_submission *s = cv_report_at(report, i);
        for (k = 0; k < cv_submission_result_count(s); k++) {
            cv_result_info r;
            char want[64];
            unsigned row;
            T_CHECK(cv_submission_result_at(s, k, &r) == CV_OK);
            row = find_row(&b, sheet, 1, r.id, CMP_ROW_HEAD + 1,
                           CMP_ROW_HEAD + 200);
            T_CHECK(row > CMP_ROW_HEAD);
            expected_status(want, sizeof(want), r.status);
            T_STREQ(cell_string(&b, sheet, row, CMP_STATUS_COL(i)), want);
            {
                /* the points beside the status, as a number */
                struct cell c;
                T_CHECK(read_cell(sheet, row, CMP_POINTS_COL(i), &c) == 0 &&
                        c.type[0] == '\0' &&
                        fabs(strtod(c.value, NULL) - r.points) < 1e-9);
            }
            checked++;
        }
    }
    T_CHECK(checked > 0);
    xmlFreeDoc(sheet);
    book_close(&b);
}

static void test_xlsx__disqualified_verdict_says_so(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t i, n = cv_report_count(report), seen = 0;
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *v = cell_string(&b, sheet, CMP_ROW_VERDICT,
                                    CMP_STATUS_COL(i));
        cv_verdict want = cv_submission_verdict(cv_report_at(report, i));
        T_CHECK(v != NULL);
        if (!v)
            continue;
        if (want == CV_VERDICT_DISQUALIFIED) {
            T_CHECK(strstr(v, "失格") != NULL);
            seen++;
        } else {
            T_CHECK(strstr(v, "失格") == NULL);
        }
    }
    T_CHECK(seen > 0); /* the samples include disqualified bids */
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* Sample 09 cannot be read: it still has its sheet, and its errors are
 * on the diagnostics sheet under its number. */
static void test_xlsx__invalid_bid_has_sheet_and_diagnostics(void)
{
    struct book b;
    xmlDocPtr diag = NULL;
    size_t i, n = cv_report_count(report), bid = 0;
    const cv_submission *bad = NULL;
    const cv_diag *err = NULL;
    char prefix[24], *name;

    for (i = 0; i < n && !bad; i++) {
        if (cv_submission_verdict(cv_report_at(report, i)) ==
            CV_VERDICT_INVALID) {
            bad = cv_report_at(report, i);
            bid = i + 1;
        }
    }
    T_CHECK(bad != NULL && strstr(cv_submission_file(bad), "09-") != NULL);
    if (!bad || book_open(&b, xlsx_path) != 0)
        return;
    for (i = 0; i < cv_submission_diag_count(bad) && !err; i++)
        if (cv_submission_diag_at(bad, i)->severity == CV_SEV_ERROR)
            err = cv_submission_diag_at(bad, i);
    T_CHECK(err != NULL);

    name = sheet_name(&b, (int)bid + SHEET_FIRST_BID - 1);
    snprintf(prefix, sizeof(prefix), "%02zu ", bid);
    T_CHECK(name && strncmp(name, prefix, strlen(prefix)) == 0);
    free(name);

    diag = sheet_xml(&b, xlsx_path, sheet_count(&b));
    T_CHECK(diag != NULL);
    if (diag && err) {
        unsigned row = find_row(&b, diag, 5, err->message, 2, 2000);
        T_CHECK(row > 0);
        if (row > 0) {
            struct cell c;
            T_CHECK(read_cell(diag, row, 1, &c) == 0);
            T_STREQ(c.type, "");
            T_CHECK(strtoul(c.value, NULL, 10) == bid);
            T_STREQ(cell_string(&b, diag, row, 3), "エラー");
        }
    }
    xmlFreeDoc(diag);
    book_close(&b);
}

/* The sheet `name`'s XML (NULL when there is none). */
static xmlDocPtr named_sheet(const struct book *b, const char *xlsx,
                             const char *name)
{
    int i, n = sheet_count(b);
    for (i = 1; i <= n; i++) {
        char *got = sheet_name(b, i);
        int same = got && strcmp(got, name) == 0;
        free(got);
        if (same)
            return sheet_xml(b, xlsx, i);
    }
    return NULL;
}

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One row per bid x ISMAP certification, below the list's state: the
 * claim, the outcome in words, the list's row or a dash. */
static void test_xlsx__registry_sheet_has_one_row_per_check(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t i;
    char *filter, want[16];
    if (book_open(&b, xlsx_path) != 0 ||
        !(sheet = named_sheet(&b, xlsx_path, "登録簿照合"))) {
        T_CHECK(!"registry sheet readable");
        book_close(&b);
        return;
    }
    T_STREQ(cell_string(&b, sheet, 1, 1), "ISMAP 登録簿");
    T_STREQ(cell_string(&b, sheet, 1, 2), "○ 照合済み");
    T_CHECK(starts_with(cell_string(&b, sheet, 1, 3),
                        "ISMAP クラウドサービスリスト 2026-11-01 版"));
    T_CHECK(starts_with(cell_string(&b, sheet, 2, 3),
                        "ismap-2026-11-01.json、評価日の 20 日前"));
    T_STREQ(cell_string(&b, sheet, REG_ROW_HEAD, REG_COL_OUTCOME),
            "照合結果");
    for (i = 0; i < NREGCHECKS; i++) {
        unsigned row = REG_ROW_HEAD + 1 + (unsigned)i;
        struct cell c;
        T_CHECK(read_cell(sheet, row, 1, &c) == 0 && c.type[0] == '\0' &&
                strtoul(c.value, NULL, 10) == expected_regchecks[i].bid);
        T_STREQ(cell_string(&b, sheet, row, REG_COL_NUMBER),
                expected_regchecks[i].number);
        T_STREQ(cell_string(&b, sheet, row, REG_COL_OUTCOME),
                expected_regchecks[i].outcome);
        if (expected_regchecks[i].list_row) {
            T_CHECK(read_cell(sheet, row, REG_COL_ROW, &c) == 0 &&
                    c.type[0] == '\0' &&
                    strtoul(c.value, NULL, 10) ==
                        expected_regchecks[i].list_row);
        } else {
            T_STREQ(cell_string(&b, sheet, row, REG_COL_ROW), "—");
        }
        T_CHECK(cell_string(&b, sheet, row, REG_NCOLS) != NULL); /* why */
    }
    /* nothing below the last check */
    {
        struct cell c;
        T_CHECK(read_cell(sheet, REG_ROW_HEAD + 1 + (unsigned)NREGCHECKS, 1,
                          &c) != 0);
    }
    filter = first_attr(sheet, "/m:worksheet/m:autoFilter", "ref");
    snprintf(want, sizeof(want), "A%d:N%d", REG_ROW_HEAD,
             REG_ROW_HEAD + (int)NREGCHECKS);
    T_STREQ(filter, want);
    free(filter);
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* The hostile row is text: its markup and formula as written, U+202E
 * made visible, "_x202E_" escaped so that Excel does not turn it into the
 * character; no cell of the sheet is a formula or a hyperlink. */
static void test_xlsx__registry_sheet_keeps_hostile_text_inert(void)
{
    struct book b;
    xmlDocPtr sheet;
    xmlXPathObjectPtr o;
    unsigned row = 0, i;
    if (book_open(&b, xlsx_path) != 0 ||
        !(sheet = named_sheet(&b, xlsx_path, "登録簿照合"))) {
        T_CHECK(!"registry sheet readable");
        book_close(&b);
        return;
    }
    for (i = 0; i < NREGCHECKS; i++)
        if (expected_regchecks[i].list_row == 6)
            row = REG_ROW_HEAD + 1 + i;
    T_STREQ(cell_string(&b, sheet, row, REG_COL_SERVICE),
            "<script>x</script>=HYPERLINK(\"http://evil.example/\",\"x\")"
            "[U+202E]gnp.exe");
    T_STREQ(cell_string(&b, sheet, row, REG_COL_PROVIDER),
            "=HYPERLINK(\"http://evil.example/\")_x005F_x202E_");
    o = select_nodes(sheet, "//m:c/m:f");
    T_CHECK(o == NULL);
    xmlXPathFreeObject(o);
    o = select_nodes(sheet, "//m:hyperlinks");
    T_CHECK(o == NULL);
    xmlXPathFreeObject(o);
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* Beside the comparison's summary: which list, and that links were not
 * requested. */
static void test_xlsx__comparison_notes_registry_and_links(void)
{
    struct book b;
    xmlDocPtr sheet;
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    T_CHECK(starts_with(cell_string(&b, sheet, CMP_ROW_VERDICT, CMP_COL_NOTE),
                        "ISMAP 登録簿: ○ 照合済み (2026-11-01 版)"));
    T_CHECK(starts_with(cell_string(&b, sheet, CMP_ROW_SCORE, CMP_COL_NOTE),
                        "リンクの確認: 行っていません"));
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* The style (cellXfs index) of a cell, or -1. */
static int cell_style(xmlDocPtr sheet, unsigned row, unsigned col)
{
    char letters[4], expr[128], *s;
    int n;
    column_letters(letters, col);
    snprintf(expr, sizeof(expr), "//m:sheetData/m:row/m:c[@r='%s%u']",
             letters, row);
    s = first_attr(sheet, expr, "s");
    n = s ? atoi(s) : -1;
    free(s);
    return n;
}

/* The number format code of cellXfs entry `xf` ("" for a built-in one). */
static char *style_format_code(xmlDocPtr styles, int xf)
{
    char expr[160], *id, *code = NULL;
    snprintf(expr, sizeof(expr), "/m:styleSheet/m:cellXfs/m:xf[%d]", xf + 1);
    id = first_attr(styles, expr, "numFmtId");
    if (id) {
        snprintf(expr, sizeof(expr),
                 "/m:styleSheet/m:numFmts/m:numFmt[@numFmtId='%s']", id);
        code = first_attr(styles, expr, "formatCode");
        if (!code)
            code = strdup("");
    }
    free(id);
    return code;
}

/* Scores are stored as computed (a number cell, sortable) and shown
 * rounded by a number format: no 82.40000000000001 on screen. */
static void test_xlsx__scores_shown_rounded_by_a_number_format(void)
{
    struct book b;
    xmlDocPtr sum = NULL, cmp = NULL, styles = zip_xml(xlsx_path,
                                                       "xl/styles.xml");
    char *code;
    if (!styles || book_open(&b, xlsx_path) != 0) {
        T_CHECK(!"workbook readable");
        xmlFreeDoc(styles);
        return;
    }
    sum = sheet_xml(&b, xlsx_path, SHEET_SUMMARY);
    cmp = comparison_sheet(&b);
    T_CHECK(sum && cmp);
    if (sum && cmp) {
        code = style_format_code(styles, cell_style(sum, SUM_ROW_HEAD + 1,
                                                    SUM_COL_SCORE));
        T_STREQ(code, "0.0#");
        free(code);
        code = style_format_code(styles, cell_style(cmp, CMP_ROW_SCORE,
                                                    CMP_STATUS_COL(0)));
        T_STREQ(code, "0.0#");
        free(code);
        /* ranks: whole numbers */
        code = style_format_code(styles, cell_style(sum, SUM_ROW_HEAD + 1,
                                                    SUM_COL_RANK));
        T_STREQ(code, "0");
        free(code);
    }
    xmlFreeDoc(sum);
    xmlFreeDoc(cmp);
    xmlFreeDoc(styles);
    book_close(&b);
}

/* The defined name `name` of sheet `local` (0-based), malloc'ed. */
static char *defined_name(const struct book *b, const char *name, int local)
{
    char expr[160];
    xmlXPathObjectPtr o;
    char *text = NULL;
    snprintf(expr, sizeof(expr),
             "/m:workbook/m:definedNames/m:definedName[@name='%s' and "
             "@localSheetId='%d']",
             name, local);
    o = select_nodes(b->workbook, expr);
    if (o) {
        xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
        text = strdup(t ? (const char *)t : "");
        xmlFree(t);
        xmlXPathFreeObject(o);
    }
    return text;
}

/* On paper: the summary is A4 landscape fitted to one page wide, its
 * header repeated, the status counts outside the print area; the
 * comparison is A4 landscape in pages of CMP_PRINT_BIDS bids (a manual
 * break before bid 6, which "fit to" would make Excel ignore), scaled
 * below 100 %, with the criterion columns and the summary rows repeated. */
static void test_xlsx__print_setup(void)
{
    struct book b;
    xmlDocPtr sum = NULL, cmp = NULL;
    char *v, want[32];
    if (book_open(&b, xlsx_path) != 0) {
        T_CHECK(!"workbook readable");
        return;
    }
    sum = sheet_xml(&b, xlsx_path, SHEET_SUMMARY);
    cmp = comparison_sheet(&b);
    T_CHECK(sum && cmp);
    if (sum && cmp) {
        v = first_attr(sum, "/m:worksheet/m:pageSetup", "orientation");
        T_STREQ(v, "landscape");
        free(v);
        v = first_attr(sum, "/m:worksheet/m:pageSetup", "paperSize");
        T_STREQ(v, "9");
        free(v);
        v = first_attr(sum, "/m:worksheet/m:pageSetup", "fitToWidth");
        T_CHECK(v == NULL || strcmp(v, "1") == 0); /* 1 is the default */
        free(v);
        v = first_attr(sum, "/m:worksheet/m:pageSetup", "fitToHeight");
        T_STREQ(v, "0");
        free(v);
        v = first_attr(sum, "/m:worksheet/m:sheetPr/m:pageSetUpPr",
                       "fitToPage");
        T_STREQ(v, "1");
        free(v);
        v = defined_name(&b, "_xlnm.Print_Titles", SHEET_SUMMARY - 1);
        snprintf(want, sizeof(want), "$%d:$%d", SUM_ROW_HEAD, SUM_ROW_HEAD);
        T_CHECK(v && strstr(v, want) != NULL);
        free(v);
        v = defined_name(&b, "_xlnm.Print_Area", SHEET_SUMMARY - 1);
        T_CHECK(v && strstr(v, "!$A$1:$O$") != NULL); /* through SHA-256 */
        free(v);

        v = first_attr(cmp, "/m:worksheet/m:pageSetup", "orientation");
        T_STREQ(v, "landscape");
        free(v);
        v = first_attr(cmp, "/m:worksheet/m:pageSetup", "scale");
        T_CHECK(v && atoi(v) >= 40 && atoi(v) < 100);
        free(v);
        v = first_attr(cmp, "/m:worksheet/m:sheetPr/m:pageSetUpPr",
                       "fitToPage");
        T_CHECK(v == NULL); /* manual breaks count only without "fit to" */
        free(v);
        v = first_attr(cmp, "/m:worksheet/m:colBreaks/m:brk", "id");
        snprintf(want, sizeof(want), "%u", CMP_STATUS_COL(CMP_PRINT_BIDS) - 1);
        T_STREQ(v, want); /* before the sixth bid's status */
        free(v);
        v = defined_name(&b, "_xlnm.Print_Titles", SHEET_COMPARISON - 1);
        snprintf(want, sizeof(want), "$1:$%d", CMP_ROW_HEAD);
        T_CHECK(v && strstr(v, "$A:$B") != NULL && strstr(v, want) != NULL);
        free(v);
    }
    xmlFreeDoc(sum);
    xmlFreeDoc(cmp);
    book_close(&b);
}

/* Each bid's name over its two columns (status and points side by side),
 * and "判定" / "得点" under it. */
static void test_xlsx__comparison_status_and_points_side_by_side(void)
{
    struct book b;
    xmlDocPtr sheet;
    size_t i, n = cv_report_count(report);
    if (book_open(&b, xlsx_path) != 0 || !(sheet = comparison_sheet(&b))) {
        T_CHECK(!"comparison sheet readable");
        book_close(&b);
        return;
    }
    for (i = 0; i < n; i++) {
        char letters[2][4], expr[160], prefix[32];
        xmlXPathObjectPtr o;
        column_letters(letters[0], CMP_STATUS_COL(i));
        column_letters(letters[1], CMP_POINTS_COL(i));
        snprintf(expr, sizeof(expr), "//m:mergeCells/m:mergeCell[@ref='%s1:%s1']",
                 letters[0], letters[1]);
        o = select_nodes(sheet, expr);
        T_CHECK(o != NULL);
        xmlXPathFreeObject(o);
        snprintf(prefix, sizeof(prefix), "%zu. ", i + 1);
        T_CHECK(starts_with(cell_string(&b, sheet, CMP_ROW_BIDS,
                                        CMP_STATUS_COL(i)),
                            prefix));
        T_STREQ(cell_string(&b, sheet, CMP_ROW_HEAD, CMP_STATUS_COL(i)),
                "判定");
        T_STREQ(cell_string(&b, sheet, CMP_ROW_HEAD, CMP_POINTS_COL(i)),
                "得点");
    }
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* The vendor's answer in the run's language: "はい", never "yes". */
static void test_xlsx__answers_in_japanese(void)
{
    static const char *const words[] = { "はい", "いいえ", "一部",
                                         "該当なし" };
    struct book b;
    xmlDocPtr sheet;
    unsigned row, yes = 0, other = 0;
    if (book_open(&b, xlsx_path) != 0 ||
        !(sheet = sheet_xml(&b, xlsx_path, SHEET_FIRST_BID))) {
        T_CHECK(!"bid sheet readable");
        book_close(&b);
        return;
    }
    T_STREQ(cell_string(&b, sheet, BID_ROW_HEAD, BID_COL_RESPONSE), "回答");
    for (row = BID_ROW_HEAD + 1; row < BID_ROW_HEAD + 200; row++) {
        const char *a = cell_string(&b, sheet, row, BID_COL_RESPONSE);
        size_t k, known = 0;
        if (!a)
            continue;
        for (k = 0; k < 4; k++)
            known |= strcmp(a, words[k]) == 0;
        yes += strcmp(a, "はい") == 0;
        other += !known;
    }
    T_CHECK(yes > 0);
    T_CHECK(other == 0);
    xmlFreeDoc(sheet);
    book_close(&b);
}

/* The tender the bids name, on the first sheet, the comparison and the
 * evaluation basis; the tie rule and the profile's parameters on the
 * latter. */
static void test_xlsx__tender_and_profile_named(void)
{
    struct book b;
    xmlDocPtr sum = NULL, cmp = NULL, bas = NULL;
    const char *id = cv_submission_tender_id(cv_report_at(report, 0));
    char want[256];
    T_CHECK(id != NULL);
    if (!id || book_open(&b, xlsx_path) != 0) {
        T_CHECK(!"workbook readable");
        return;
    }
    snprintf(want, sizeof(want), "入札案件: %s", id);
    sum = sheet_xml(&b, xlsx_path, SHEET_SUMMARY);
    cmp = comparison_sheet(&b);
    bas = sheet_xml(&b, xlsx_path, SHEET_BASIS);
    T_CHECK(sum && cmp && bas);
    if (sum && cmp && bas) {
        unsigned row, head, params = 0;
        T_CHECK(starts_with(cell_string(&b, sum, SUM_ROW_TENDER, 1), want));
        T_CHECK(starts_with(cell_string(&b, cmp, CMP_ROW_BIDS, CMP_COL_NOTE),
                            want));
        T_CHECK(starts_with(cell_string(&b, sum, SUM_ROW_TIE, 1),
                            "同点の扱い: "));
        head = find_row(&b, bas, 1, "パラメータ", 1, 40);
        T_CHECK(head > 0);
        T_CHECK(find_row(&b, bas, 1, "同点の扱い", 1, head) > 0);
        T_CHECK(find_row(&b, bas, 1, "一部適合の得点", 1, head) > 0);
        for (row = head + 1; head && row < head + 200; row++)
            params += cell_string(&b, bas, row, 2) != NULL; /* a value */
        T_CHECK(params > 0);
        T_CHECK(find_row(&b, bas, 1, "availability_percent_min", head,
                         head + 200) > 0);
    }
    xmlFreeDoc(sum);
    xmlFreeDoc(cmp);
    xmlFreeDoc(bas);
    book_close(&b);
}

/* Two bids naming different tenders (the run allowed it): the first
 * sheet warns in row 3, naming both files, and each bid's tender is in
 * its column. */
static void test_xlsx__mixed_tenders_warned(void)
{
    char path[600], out[600], *buf, *at;
    const char *id = cv_submission_tender_id(cv_report_at(report, 0));
    size_t len = 0;
    cv_report *r = NULL;
    cv_submission *a = NULL, *b2 = NULL;
    struct book b;
    xmlDocPtr sheet;

    snprintf(path, sizeof(path), "%s/01-qualified-sakura.json", samples_dir);
    buf = read_file(path, &len);
    T_CHECK(buf != NULL && id != NULL);
    if (!buf || !id)
        return;
    T_CHECK(cv_submission_evaluate(&a, ctx, crit, "a.json", buf, len) ==
            CV_OK);
    at = memmem(buf, len, id, strlen(id));
    T_CHECK(at != NULL && strlen(id) >= 2);
    if (at)
        at[0] = 'Z'; /* another tender's id */
    T_CHECK(cv_submission_evaluate(&b2, ctx, crit, "b.json", buf, len) ==
            CV_OK);
    free(buf);
    T_CHECK(cv_report_new(&r, ctx, crit) == CV_OK);
    if (!r || !a || !b2) {
        cv_report_free(r);
        return;
    }
    T_CHECK(cv_report_add(r, a) == CV_OK && cv_report_add(r, b2) == CV_OK);
    cv_report_finish(r);
    snprintf(out, sizeof(out), "%s/mixed.xlsx", tmpdir);
    T_CHECK(cv_report_write_file(r, CV_REPORT_XLSX, out) == CV_OK);
    if (book_open(&b, out) == 0 &&
        (sheet = sheet_xml(&b, out, SHEET_SUMMARY)) != NULL) {
        const char *warn = cell_string(&b, sheet, SUM_ROW_TENDER + 2, 1);
        T_CHECK(warn && strstr(warn, "入札案件が一致しません") &&
                strstr(warn, "a.json") && strstr(warn, "b.json"));
        T_STREQ(cell_string(&b, sheet, SUM_ROW_HEAD, 13), "入札案件");
        xmlFreeDoc(sheet);
        book_close(&b);
    } else {
        T_CHECK(!"mixed workbook readable");
    }
    remove(out);
    cv_report_free(r);
}

/* Written again a second later (a clock in the file would show), the
 * workbook is the same, byte for byte. */
static void test_xlsx__same_bytes_every_run(void)
{
    char again[600];
    snprintf(again, sizeof(again), "%s/again.xlsx", tmpdir);
    sleep(1);
    T_CHECK(cv_report_write_file(report, CV_REPORT_XLSX, again) == CV_OK);
    T_CHECK(files_equal(xlsx_path, again));
    remove(again);
}

/* The English run has no registry: its sheet says so in words, and every
 * claim is "not checked". */
static void english_registry_not_checked(const struct book *b,
                                         const char *path)
{
    xmlDocPtr reg = named_sheet(b, path, "Registry");
    size_t i;
    T_CHECK(reg != NULL);
    if (!reg)
        return;
    T_STREQ(cell_string(b, reg, 1, 2), "! not checked");
    T_CHECK(starts_with(cell_string(b, reg, 1, 3),
                        "The ISMAP list was not checked"));
    for (i = 0; i < NREGCHECKS; i++) {
        unsigned row = REG_ROW_HEAD + 1 + (unsigned)i;
        T_STREQ(cell_string(b, reg, row, REG_COL_NUMBER),
                expected_regchecks[i].number);
        T_STREQ(cell_string(b, reg, row, REG_COL_OUTCOME), "– not checked");
        T_STREQ(cell_string(b, reg, row, REG_COL_ROW), "—");
    }
    xmlFreeDoc(reg);
}

static void test_xlsx__english_run_has_english_sheets(void)
{
    cv_options opts = CV_OPTIONS_INIT;
    cv_ctx *en = NULL;
    cv_criteria *en_crit = NULL;
    cv_report *en_report = NULL;
    static const char *const verdicts[] = {
        "○ qualified", "× disqualified", "! invalid (unreadable)"
    };
    struct book b;
    char path[600], *name;

    opts.lang = CV_LANG_EN;
    memcpy(opts.as_of, "2026-11-21", 11);
    T_CHECK(cv_ctx_new(&en, &opts) == CV_OK);
    T_CHECK(cv_criteria_load(&en_crit, en, criteria_dir, NULL) == CV_OK);
    if (en_crit)
        en_report = evaluate_samples(en, en_crit);
    T_CHECK(en_report != NULL);
    snprintf(path, sizeof(path), "%s/report-en.xlsx", tmpdir);
    if (en_report) {
        T_CHECK(cv_report_write_file(en_report, CV_REPORT_XLSX, path) ==
                CV_OK);
        if (book_open(&b, path) == 0) {
            xmlDocPtr sheet = sheet_xml(&b, path, SHEET_COMPARISON);
            size_t i;
            name = sheet_name(&b, SHEET_SUMMARY);
            T_STREQ(name, "Summary");
            free(name);
            name = sheet_name(&b, SHEET_COMPARISON);
            T_STREQ(name, "Comparison");
            free(name);
            name = sheet_name(&b, sheet_count(&b));
            T_STREQ(name, "Diagnostics");
            free(name);
            T_CHECK(sheet != NULL);
            english_registry_not_checked(&b, path);
            if (sheet)
                T_CHECK(starts_with(cell_string(&b, sheet, CMP_ROW_VERDICT,
                                                CMP_COL_NOTE),
                                    "ISMAP registry: ! not checked"));
            for (i = 0; sheet && i < cv_report_count(en_report); i++)
                T_STREQ(cell_string(&b, sheet, CMP_ROW_VERDICT,
                                    CMP_STATUS_COL(i)),
                        cv_submission_conditional(cv_report_at(en_report, i))
                            ? "○※ conditionally qualified"
                            : verdicts[cv_submission_verdict(
                                  cv_report_at(en_report, i))]);
            xmlFreeDoc(sheet);
            book_close(&b);
        } else {
            T_CHECK(!"English workbook readable");
        }
    }
    remove(path);
    cv_report_free(en_report);
    cv_criteria_free(en_crit);
    cv_ctx_free(en);
}

int main(int argc, char **argv)
{
    static const struct t_case cases[] = {
        { "written", test_xlsx__written },
        { "summary_comparison_one_sheet_per_bid_registry_diagnostics",
          test_xlsx__summary_comparison_one_sheet_per_bid_registry_diagnostics },
        { "summary_one_row_per_bid", test_xlsx__summary_one_row_per_bid },
        { "summary_frozen_and_filtered",
          test_xlsx__summary_frozen_and_filtered },
        { "no_shared_string_table", test_xlsx__no_shared_string_table },
        { "comparison_frozen_and_filtered",
          test_xlsx__comparison_frozen_and_filtered },
        { "bid_sheets_frozen_and_filtered",
          test_xlsx__bid_sheets_frozen_and_filtered },
        { "scores_are_numbers", test_xlsx__scores_are_numbers },
        { "statuses_are_words_per_criterion",
          test_xlsx__statuses_are_words_per_criterion },
        { "disqualified_verdict_says_so",
          test_xlsx__disqualified_verdict_says_so },
        { "invalid_bid_has_sheet_and_diagnostics",
          test_xlsx__invalid_bid_has_sheet_and_diagnostics },
        { "registry_sheet_has_one_row_per_check",
          test_xlsx__registry_sheet_has_one_row_per_check },
        { "registry_sheet_keeps_hostile_text_inert",
          test_xlsx__registry_sheet_keeps_hostile_text_inert },
        { "comparison_notes_registry_and_links",
          test_xlsx__comparison_notes_registry_and_links },
        { "scores_shown_rounded_by_a_number_format",
          test_xlsx__scores_shown_rounded_by_a_number_format },
        { "print_setup", test_xlsx__print_setup },
        { "comparison_status_and_points_side_by_side",
          test_xlsx__comparison_status_and_points_side_by_side },
        { "answers_in_japanese", test_xlsx__answers_in_japanese },
        { "tender_and_profile_named", test_xlsx__tender_and_profile_named },
        { "mixed_tenders_warned", test_xlsx__mixed_tenders_warned },
        { "same_bytes_every_run", test_xlsx__same_bytes_every_run },
        { "english_run_has_english_sheets",
          test_xlsx__english_run_has_english_sheets },
    };
    int rc = 1;
    if (argc != 3) {
        fprintf(stderr, "usage: test_xlsx CRITERIA_DIR SAMPLES_DIR\n");
        return 2;
    }
    criteria_dir = argv[1];
    samples_dir = argv[2];
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(xlsx_path, sizeof(xlsx_path), "%s/report.xlsx", tmpdir);
    snprintf(snapshot_path, sizeof(snapshot_path),
             "%s/ismap-2026-11-01.json", tmpdir);
    if (t_api_open(&ctx, &crit, criteria_dir, CV_LANG_JA) == 0) {
        if (write_snapshot(snapshot_path) != 0 ||
            cv_registry_open(&registry, ctx, snapshot_path) != CV_OK ||
            cv_ctx_use_registry(ctx, registry, 30) != CV_OK)
            fprintf(stderr, "cannot use the test registry %s\n",
                    snapshot_path);
        report = evaluate_samples(ctx, crit);
        if (report &&
            cv_report_write_file(report, CV_REPORT_XLSX, xlsx_path) != CV_OK)
            fprintf(stderr, "cannot write %s\n", xlsx_path);
        rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    }
    cv_report_free(report);
    t_api_close(ctx, crit);
    cv_registry_free(registry);
    remove(xlsx_path);
    remove(snapshot_path);
    rmdir(tmpdir);
    return rc;
}
