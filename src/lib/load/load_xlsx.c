/* SPDX-License-Identifier: MIT */
/*
 * load_xlsx.c: an Office Open XML workbook -> sheets of display text
 * (table.h), through libzip and libxml2's SAX2 push parser.
 *
 * Each part is inflated in chunks straight into the parser, so memory
 * follows what we keep (cells, shared strings), never the size of a part,
 * and max_part_bytes is checked against the bytes inflation actually
 * produces, whatever the zip directory claims. Hostile-input policy as in
 * load_xml.c: XML_PARSE_NONET, never NOENT/DTDLOAD/HUGE, and a DOCTYPE
 * stops the parser before its internal subset is read, so no entity is
 * ever declared, let alone expanded. libxml2's messages are collected,
 * never printed.
 *
 * Order of work: _rels/.rels (where the workbook is), the workbook (sheet
 * names and r:ids in tab order, date system), its rels (each sheet's part,
 * the shared strings, the styles), the styles (number format per cell
 * style), the shared strings, then each sheet: its cells are collected,
 * sorted, merged ranges filled from their top-left cell, and the rows
 * built in the caller's arena.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <zip.h>

#include "../base/date.h"
#include "../base/overflow.h"
#include "../base/unicode.h"
#include "load.h"
#include "numfmt.h"
#include "table.h"

/* ==== the zip ============================================================ */

int cv_table_is_zip(const char *buf, size_t len)
{
    return len >= 4 && memcmp(buf, "PK\3\4", 4) == 0;
}

/* An OLE compound file: a password-protected workbook (Excel encrypts
 * the whole package into one) or a legacy .xls. */
static bool is_compound_file(const char *buf, size_t len)
{
    static const char magic[8] = { '\xD0', '\xCF', '\x11', '\xE0',
                                   '\xA1', '\xB1', '\x1A', '\xE1' };
    return len >= 8 && memcmp(buf, magic, 8) == 0;
}

/* ==== reading state ====================================================== */

#define NS_MAIN_T "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_MAIN_S "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_DOCREL_T                                                           \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_DOCREL_S "http://purl.oclc.org/ooxml/officeDocument/relationships"

#define MAX_ROW 1048576u /* Excel's grid: A1:XFD1048576 */
#define MAX_COL 16384u
#define CHUNK 65536      /* inflated bytes handed to the parser at a time */
#define TRACKED_DEPTH 8  /* deeper elements are never ours */

enum ns { NS_NONE, NS_MAIN, NS_PKG, NS_DOCREL };

/* Where the parser is: each element we read is reached from its parent. */
enum state {
    S_OTHER = 0, S_DOC,
    S_RELS, S_REL,
    S_WB, S_WBPR, S_SHEETS, S_SHEET,
    S_STYLES, S_NUMFMTS, S_NUMFMT, S_XFS, S_XF,
    S_SST, S_SI, S_RUN, S_T,
    S_WS, S_DATA, S_ROW, S_C, S_V, S_IS, S_MERGES, S_MERGE
};

struct step {
    enum state parent;
    enum ns ns;
    const char *name;
    enum state child;
};

/* <rPh> (phonetic runs: the furigana of Japanese text) and <f> (formulas)
 * are absent on purpose: what they hold is not what a cell shows. */
static const struct step steps[] = {
    { S_DOC, NS_PKG, "Relationships", S_RELS },
    { S_RELS, NS_PKG, "Relationship", S_REL },
    { S_DOC, NS_MAIN, "workbook", S_WB },
    { S_WB, NS_MAIN, "workbookPr", S_WBPR },
    { S_WB, NS_MAIN, "sheets", S_SHEETS },
    { S_SHEETS, NS_MAIN, "sheet", S_SHEET },
    { S_DOC, NS_MAIN, "styleSheet", S_STYLES },
    { S_STYLES, NS_MAIN, "numFmts", S_NUMFMTS },
    { S_NUMFMTS, NS_MAIN, "numFmt", S_NUMFMT },
    { S_STYLES, NS_MAIN, "cellXfs", S_XFS },
    { S_XFS, NS_MAIN, "xf", S_XF },
    { S_DOC, NS_MAIN, "sst", S_SST },
    { S_SST, NS_MAIN, "si", S_SI },
    { S_SI, NS_MAIN, "t", S_T },
    { S_SI, NS_MAIN, "r", S_RUN },
    { S_RUN, NS_MAIN, "t", S_T },
    { S_DOC, NS_MAIN, "worksheet", S_WS },
    { S_WS, NS_MAIN, "sheetData", S_DATA },
    { S_WS, NS_MAIN, "mergeCells", S_MERGES },
    { S_MERGES, NS_MAIN, "mergeCell", S_MERGE },
    { S_DATA, NS_MAIN, "row", S_ROW },
    { S_ROW, NS_MAIN, "c", S_C },
    { S_C, NS_MAIN, "v", S_V },
    { S_C, NS_MAIN, "is", S_IS },
    { S_IS, NS_MAIN, "t", S_T },
    { S_IS, NS_MAIN, "r", S_RUN },
};

enum cell_type { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE };

struct sheet_info {
    const char *name;
    const char *rid;
    const char *part; /* resolved zip member; NULL until the rels name it */
    bool worksheet;   /* a chart or dialog sheet has no cells */
    bool hidden;      /* state="hidden" or "veryHidden" */
};

struct custom_fmt {
    unsigned id;
    const char *code;
};

struct cell {
    unsigned row, col; /* 1-based */
    unsigned line;     /* in the sheet part, for diagnostics */
    size_t order;      /* values in document order, then merge fills */
    const char *text;  /* NULL: a fill from an empty top-left cell */
};

struct merge {
    unsigned r1, c1, r2, c2;
    unsigned line;
    const char *text; /* the top-left value */
};

/* One workbook being read. Arrays are malloc'ed (freed on return); the
 * texts that end in cells are in the caller's arena. */
struct xl {
    const struct cv_table_req *req;
    const struct cv_table_limits *lim;
    zip_t *za;
    size_t total_bytes;  /* inflated, all parts */
    size_t cells_read;   /* max_cells: values */
    size_t cells_filled; /* max_cells: merge fill work */
    size_t slots;        /* max_cells: row slots */
    bool date1904;

    const char *wb_part;
    const char *wb_dir; /* "xl/": where its relationships' targets start */
    const char *styles_part;
    const char *strings_part;
    bool root_rels; /* reading _rels/.rels, not the workbook's */
    struct sheet_info *sheets;
    size_t nsheets, cap_sheets;

    unsigned *xf_ids; /* cellXfs: numFmtId per cell style */
    size_t nxf, cap_xf;
    struct custom_fmt *custom;
    size_t ncustom, cap_custom;
    struct numfmt *fmts; /* compiled, per cell style */

    const char **strings; /* shared strings (NULL for "") */
    size_t nstrings, cap_strings;

    /* the sheet being read */
    const char *sheet_name;
    struct cell *cells;
    size_t ncells, cap_cells;
    struct merge *merges;
    size_t nmerges, cap_merges;
    unsigned row, col; /* where a row or cell without r goes */
    unsigned c_row, c_col, c_line, c_style;
    enum cell_type c_type;
    bool c_value;

    struct cv_strbuf buf; /* scratch: decoded text, formatted numbers */
};

struct sax;
typedef cv_status (*start_fn)(struct sax *s, enum state st,
                              const xmlChar **attrs, int nattrs);
typedef cv_status (*end_fn)(struct sax *s, enum state st);

/* One part being parsed. */
struct sax {
    struct xl *x;
    const char *part;
    xmlParserCtxtPtr ctxt;
    start_fn start;
    end_fn end;
    cv_status st; /* the first failure of a handler */
    bool doctype;
    enum state root;
    unsigned depth;
    enum state stack[TRACKED_DEPTH];
    bool capture;
    struct cv_strbuf text; /* <v> / <t> text of the current cell or <si> */
};

static cv_lang lang_of(const struct xl *x)
{
    return x->req->diags->lang;
}

static cv_status limit_fail(struct xl *x, const char *path, unsigned line,
                            const char *what, size_t limit)
{
    struct cv_loc loc = { x->req->source, path, line, 0 };
    return cv_diags_fail(x->req->diags, CV_ELIMIT, &loc,
                         CV_L(lang_of(x), "上限を超えました: %s (%zu)",
                              "limit exceeded: %s (%zu)"),
                         what, limit);
}


#define RESERVE(arr, n, cap)                                                  \
    cv_table_reserve((void **)&(arr), &(cap), (n), sizeof(*(arr)))

static void ref_text(char out[16], unsigned col, unsigned row)
{
    char tmp[8];
    size_t n = 0, i;
    while (col && n < sizeof(tmp)) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    snprintf(out + n, 16 - n, "%u", row);
}

/* "Sheet1!B7": where a cell problem is reported. */
static const char *cell_path(char *buf, size_t size, const char *sheet,
                             unsigned col, unsigned row)
{
    char ref[16];
    ref_text(ref, col, row);
    snprintf(buf, size, "%.200s!%s", sheet, ref);
    return buf;
}

/* ==== SAX glue =========================================================== */

static bool ns_is(const xmlChar *uri, enum ns ns)
{
    const char *u = (const char *)uri;
    switch (ns) {
    case NS_NONE:
        return u == NULL;
    case NS_MAIN:
        return u && (strcmp(u, NS_MAIN_T) == 0 || strcmp(u, NS_MAIN_S) == 0);
    case NS_PKG:
        return u && strcmp(u, NS_PKGREL) == 0;
    case NS_DOCREL:
        return u &&
               (strcmp(u, NS_DOCREL_T) == 0 || strcmp(u, NS_DOCREL_S) == 0);
    }
    return false;
}

struct attr {
    const char *p;
    size_t len;
};

/* SAX2 hands attributes as (localname, prefix, URI, value, end). */
static bool get_attr(const xmlChar **attrs, int nattrs, const char *name,
                     enum ns ns, struct attr *out)
{
    int i;
    for (i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        if (strcmp((const char *)a[0], name) == 0 && ns_is(a[2], ns)) {
            out->p = (const char *)a[3];
            out->len = (size_t)(a[4] - a[3]);
            return true;
        }
    }
    return false;
}

/* Without entity substitution libxml2 hands an '&' in an attribute value
 * to SAX as "&#38;" (its tree builder decodes it later); we decode it
 * here. No other reference can remain: predefined entities and character
 * references are already decoded, and there is no DTD to declare more. */
static char *attr_dup(struct cv_arena *a, const struct attr *v)
{
    char *out = cv_arena_strndup(a, v->p, v->len);
    char *w, *r;
    if (!out)
        return NULL;
    for (w = r = out; *r;) {
        if (strncmp(r, "&#38;", 5) == 0) {
            *w++ = '&';
            r += 5;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return out;
}

static bool attr_is(const struct attr *v, const char *s)
{
    return v->len == strlen(s) && memcmp(v->p, s, v->len) == 0;
}

/* A decimal number without sign; false when not digits or above max. */
static bool parse_uint(const char *p, size_t len, unsigned long max,
                       unsigned long *out)
{
    unsigned long v = 0;
    size_t i;
    if (len == 0)
        return false;
    for (i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9' ||
            !cv_digit_append(&v, (unsigned)(p[i] - '0'), max))
            return false;
    }
    *out = v;
    return true;
}

/* "B7" -> column 2, row 7, saturated just past the grid so the caller can
 * say "outside the sheet"; false when it is no reference at all. */
static bool parse_ref(const char *p, size_t len, unsigned *col,
                      unsigned *row)
{
    unsigned long c = 0, r = 0;
    size_t i = 0;
    for (; i < len && ((p[i] >= 'A' && p[i] <= 'Z') ||
                       (p[i] >= 'a' && p[i] <= 'z'));
         i++) {
        c = c * 26 + (unsigned long)((p[i] & ~0x20) - 'A' + 1);
        if (c > MAX_COL)
            c = MAX_COL + 1;
    }
    if (i == 0 || i == len)
        return false;
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        if (!cv_digit_append(&r, (unsigned)(p[i] - '0'), MAX_ROW))
            r = MAX_ROW + 1;
    if (i != len)
        return false;
    *col = (unsigned)c;
    *row = (unsigned)r;
    return true;
}

static bool in_grid(unsigned col, unsigned row)
{
    return col >= 1 && col <= MAX_COL && row >= 1 && row <= MAX_ROW;
}

static unsigned sax_line(struct sax *s)
{
    int l = xmlSAX2GetLineNumber(s->ctxt);
    return l > 0 ? (unsigned)l : 0;
}

static void sax_fail(struct sax *s, cv_status st)
{
    if (st == CV_OK || s->st != CV_OK)
        return;
    s->st = st;
    xmlStopParser(s->ctxt);
}

static void sax_start(void *ctx, const xmlChar *localname,
                      const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **namespaces, int nattrs, int ndefaulted,
                      const xmlChar **attrs)
{
    struct sax *s = ctx;
    enum state parent, st = S_OTHER;
    (void)prefix;
    (void)nns;
    (void)namespaces;
    (void)ndefaulted;
    if (s->st != CV_OK || s->doctype)
        return;
    parent = s->depth == 0                   ? S_DOC
             : s->depth - 1 < TRACKED_DEPTH ? s->stack[s->depth - 1]
                                             : S_OTHER;
    if (parent != S_OTHER)
        for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
            if (steps[i].parent == parent &&
                strcmp(steps[i].name, (const char *)localname) == 0 &&
                ns_is(uri, steps[i].ns)) {
                st = steps[i].child;
                break;
            }
    if (s->depth == 0)
        s->root = st;
    if (s->depth < TRACKED_DEPTH)
        s->stack[s->depth] = st;
    s->depth++;
    if (st != S_OTHER && s->start)
        sax_fail(s, s->start(s, st, attrs, nattrs));
}

static void sax_end(void *ctx, const xmlChar *localname,
                    const xmlChar *prefix, const xmlChar *uri)
{
    struct sax *s = ctx;
    enum state st;
    (void)localname;
    (void)prefix;
    (void)uri;
    if (s->st != CV_OK || s->doctype || s->depth == 0)
        return;
    s->depth--;
    st = s->depth < TRACKED_DEPTH ? s->stack[s->depth] : S_OTHER;
    if (st != S_OTHER && s->end)
        sax_fail(s, s->end(s, st));
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    struct sax *s = ctx;
    if (s->capture && s->st == CV_OK && len > 0)
        cv_strbuf_put(&s->text, (const char *)ch, (size_t)len);
}

static void sax_doctype(void *ctx, const xmlChar *name,
                        const xmlChar *external_id, const xmlChar *system_id)
{
    struct sax *s = ctx;
    (void)name;
    (void)external_id;
    (void)system_id;
    s->doctype = true;
    xmlStopParser(s->ctxt);
}

/* libxml2 records every error in the parser context, which is what we
 * report; this keeps it from also going to a global handler. */
#if LIBXML_VERSION >= 21200
static void sax_error(void *ctx, const xmlError *e)
#else
static void sax_error(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
}

/* The generic error function: see load_xml.c for why it is silenced. */
static void ignore_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static cv_status xml_error(struct xl *x, struct sax *s)
{
    const xmlError *e = xmlCtxtGetLastError(s->ctxt);
    struct cv_loc loc = { x->req->source, s->part, 0, 0 };
    if (s->doctype)
        loc.line = sax_line(s);
    return cv_load_xml_fail(x->req->diags, &loc, s->doctype,
                            e ? e->message : NULL, e ? e->line : 0,
                            e ? e->int2 : 0);
}

static zip_int64_t locate(struct xl *x, const char *part)
{
    /* Part names are case-insensitive in a package (ECMA-376 Part 2). */
    return zip_name_locate(x->za, part, ZIP_FL_NOCASE);
}

static cv_status missing_part(struct xl *x, const char *part)
{
    struct cv_loc loc = { x->req->source, part, 0, 0 };
    return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                         CV_L(lang_of(x),
                              "ブックに部品 '%s' がありません",
                              "the workbook has no part '%s'"),
                         part);
}

/*
 * Inflates `part` chunk by chunk into a SAX2 push parser whose handlers
 * are s->start / s->end, and checks that its root element is `root`.
 */
static cv_status read_part(struct xl *x, struct sax *s, const char *part,
                           enum state root, const char *root_name)
{
    const struct cv_table_limits *lim = x->lim;
    struct cv_loc loc = { x->req->source, part, 0, 0 };
    xmlSAXHandler h;
    xmlGenericErrorFunc saved_error = xmlGenericError;
    void *saved_error_ctx = xmlGenericErrorContext;
    zip_file_t *zf = NULL;
    zip_stat_t zs;
    zip_int64_t idx;
    size_t part_bytes = 0, text_max;
    char *chunk = NULL;
    cv_status st = CV_OK;
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
               XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

    s->x = x;
    s->part = part;
    s->st = CV_OK;
    s->doctype = false;
    s->depth = 0;
    s->root = S_OTHER;
    s->capture = false;
    /* Room for a cell of max_cell_bytes written with _xHHHH_ escapes
     * (7 bytes for 1); the decoded text is checked exactly. */
    if (cv_mul_overflow(lim->max_cell_bytes, 7, &text_max) || text_max == 0)
        text_max = SIZE_MAX / 2;
    cv_strbuf_init(&s->text, text_max);
    s->ctxt = NULL;

    idx = locate(x, part);
    if (idx < 0)
        return missing_part(x, part);
    zip_stat_init(&zs);
    if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &zs) == 0 &&
        (zs.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
        zs.encryption_method != ZIP_EM_NONE)
        return cv_diags_fail(
            x->req->diags, CV_EPARSE, &loc,
            CV_L(lang_of(x),
                 "部品 '%s' は暗号化されています。パスワードなしで保存し"
                 "直してください",
                 "part '%s' is encrypted; save the workbook without a "
                 "password"),
            part);
    zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
    if (!zf)
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                             CV_L(lang_of(x),
                                  "部品 '%s' を開けません: %s",
                                  "cannot open part '%s': %s"),
                             part, zip_strerror(x->za));
    chunk = malloc(CHUNK);
    if (!chunk) {
        st = CV_ENOMEM;
        goto out;
    }
    memset(&h, 0, sizeof(h));
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = sax_start;
    h.endElementNs = sax_end;
    h.characters = sax_text;
    h.cdataBlock = sax_text;
    h.ignorableWhitespace = sax_text;
    h.internalSubset = sax_doctype;
    h.serror = sax_error;
    /* Silence for this part only: the handler is libxml2's per-thread
     * state, and the program around us may have set its own. */
    xmlSetGenericErrorFunc(NULL, ignore_error);
    s->ctxt = xmlCreatePushParserCtxt(&h, s, NULL, 0, NULL);
    if (!s->ctxt) {
        st = CV_ENOMEM;
        goto out;
    }
    xmlCtxtUseOptions(s->ctxt, opts);
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, CHUNK);
        if (n < 0) {
            st = cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                               CV_L(lang_of(x),
                                    "部品 '%s' を展開できません: %s",
                                    "cannot inflate part '%s': %s"),
                               part, zip_file_strerror(zf));
            goto out;
        }
        if ((size_t)n > lim->max_part_bytes - part_bytes) {
            st = limit_fail(x, part, 0, "max_part_bytes",
                            lim->max_part_bytes);
            goto out;
        }
        part_bytes += (size_t)n;
        if ((size_t)n > lim->max_total_bytes - x->total_bytes) {
            st = limit_fail(x, part, 0, "max_total_bytes",
                            lim->max_total_bytes);
            goto out;
        }
        x->total_bytes += (size_t)n;
        xmlParseChunk(s->ctxt, chunk, (int)n, n == 0);
        if (s->st != CV_OK) {
            st = s->st;
            goto out;
        }
        if (s->doctype || !s->ctxt->wellFormed) {
            st = xml_error(x, s);
            goto out;
        }
        if (n == 0)
            break;
    }
    if (s->root != root)
        st = cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                           CV_L(lang_of(x),
                                "部品 '%s' のルート要素が SpreadsheetML の "
                                "<%s> ではありません",
                                "the root element of part '%s' is not "
                                "SpreadsheetML's <%s>"),
                           part, root_name);
out:
    if (s->ctxt)
        xmlFreeParserCtxt(s->ctxt);
    s->ctxt = NULL;
    xmlSetGenericErrorFunc(saved_error_ctx, saved_error);
    if (zf)
        zip_fclose(zf);
    free(chunk);
    cv_strbuf_release(&s->text);
    return st;
}

/* ==== part names ========================================================= */

/* A relationship type's last segment: "/worksheet" in both the
 * transitional and the strict namespace. */
static bool ends_with(const struct attr *v, const char *suffix)
{
    size_t k = strlen(suffix);
    return v->len >= k && memcmp(v->p + v->len - k, suffix, k) == 0;
}

/*
 * A relationship's target as a zip member name: relative to `base_dir`
 * ("xl/"), or from the package root when it starts with '/'; "." and ".."
 * segments resolved. NULL (with *bad set) when it climbs above the root.
 */
static char *resolve_target(struct cv_arena *a, const char *base_dir,
                            const char *target, bool *bad)
{
    struct cv_strbuf sb;
    const char *p;
    char *out = NULL;

    *bad = false;
    cv_strbuf_init(&sb, 0);
    if (target[0] != '/')
        cv_strbuf_puts(&sb, base_dir);
    for (p = target; *p;) {
        const char *seg = p;
        size_t n;
        while (*p && *p != '/')
            p++;
        n = (size_t)(p - seg);
        if (*p == '/')
            p++;
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            size_t len = sb.len;
            if (len == 0) {
                *bad = true;
                goto out;
            }
            /* drop the last directory ("xl/" of "xl/") */
            len--;
            while (len > 0 && sb.ptr[len - 1] != '/')
                len--;
            cv_strbuf_truncate(&sb, len);
            continue;
        }
        cv_strbuf_put(&sb, seg, n);
        if (*p || p[-1] == '/')
            cv_strbuf_putc(&sb, '/');
    }
    if (sb.len && sb.ptr[sb.len - 1] == '/')
        cv_strbuf_truncate(&sb, sb.len - 1);
    if (cv_strbuf_status(&sb) == CV_OK)
        out = cv_arena_strndup(a, sb.ptr, sb.len);
out:
    cv_strbuf_release(&sb);
    return out;
}

/* "xl/workbook.xml" -> "xl/" (in the arena) */
static char *dir_of(struct cv_arena *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    return cv_arena_strndup(a, part, slash ? (size_t)(slash - part) + 1 : 0);
}

/* ==== relationships ====================================================== */

static cv_status rel_target(struct xl *x, struct sax *s, const char **out,
                            const xmlChar **attrs, int nattrs,
                            const char *base_dir)
{
    struct cv_arena *a = x->req->arena;
    struct cv_loc loc = { x->req->source, s->part, sax_line(s), 0 };
    struct attr target, mode;
    char *t;
    bool bad;

    if (!get_attr(attrs, nattrs, "Target", NS_NONE, &target))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x),
                                  "Relationship に Target がありません",
                                  "a Relationship has no Target"));
    if (get_attr(attrs, nattrs, "TargetMode", NS_NONE, &mode) &&
        attr_is(&mode, "External"))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x),
                                  "ブックの部品がブックの外を指しています",
                                  "a part of the workbook points outside "
                                  "it (TargetMode=\"External\")"));
    t = attr_dup(a, &target);
    if (!t)
        return CV_ENOMEM;
    *out = resolve_target(a, base_dir, t, &bad);
    if (bad)
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                             CV_L(lang_of(x),
                                  "Target '%s' がパッケージの外を指しています",
                                  "Target '%s' climbs out of the package"),
                             t);
    return *out ? CV_OK : CV_ENOMEM;
}

static cv_status rels_start(struct sax *s, enum state st,
                            const xmlChar **attrs, int nattrs)
{
    struct xl *x = s->x;
    struct attr type, id;
    size_t i;
    cv_status rc;

    if (st != S_REL)
        return CV_OK;
    if (!get_attr(attrs, nattrs, "Type", NS_NONE, &type) ||
        !get_attr(attrs, nattrs, "Id", NS_NONE, &id))
        return CV_OK; /* not one we need: Excel would refuse it, we skip */
    if (x->root_rels) {
        if (x->wb_part || !ends_with(&type, "/officeDocument"))
            return CV_OK;
        return rel_target(x, s, &x->wb_part, attrs, nattrs, "");
    }
    if (ends_with(&type, "/styles") && !x->styles_part)
        return rel_target(x, s, &x->styles_part, attrs, nattrs, x->wb_dir);
    if (ends_with(&type, "/sharedStrings") && !x->strings_part)
        return rel_target(x, s, &x->strings_part, attrs, nattrs, x->wb_dir);
    for (i = 0; i < x->nsheets; i++) {
        struct sheet_info *sh = &x->sheets[i];
        if (strlen(sh->rid) != id.len || memcmp(sh->rid, id.p, id.len) != 0)
            continue;
        if (sh->part) {
            struct cv_loc loc = { x->req->source, s->part, sax_line(s), 0 };
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                                 CV_L(lang_of(x),
                                      "Relationship Id '%s' が重複しています",
                                      "Relationship Id '%s' appears twice"),
                                 sh->rid);
        }
        rc = rel_target(x, s, &sh->part, attrs, nattrs, x->wb_dir);
        if (rc != CV_OK)
            return rc;
        sh->worksheet = ends_with(&type, "/worksheet");
    }
    return CV_OK;
}

/* ==== workbook =========================================================== */

static cv_status workbook_start(struct sax *s, enum state st,
                                const xmlChar **attrs, int nattrs)
{
    struct xl *x = s->x;
    struct cv_loc loc = { x->req->source, s->part, sax_line(s), 0 };
    struct attr name, rid, v;
    struct sheet_info *sh;

    if (st == S_WBPR) {
        if (get_attr(attrs, nattrs, "date1904", NS_NONE, &v))
            x->date1904 = attr_is(&v, "1") || attr_is(&v, "true");
        return CV_OK;
    }
    if (st != S_SHEET)
        return CV_OK;
    if (!get_attr(attrs, nattrs, "name", NS_NONE, &name) ||
        !get_attr(attrs, nattrs, "id", NS_DOCREL, &rid))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x),
                                  "<sheet> に name または r:id がありません",
                                  "a <sheet> has no name or r:id"));
    if (x->nsheets >= x->lim->max_sheets)
        return limit_fail(x, s->part, loc.line, "max_sheets",
                          x->lim->max_sheets);
    if (name.len > x->lim->max_cell_bytes)
        return limit_fail(x, s->part, loc.line, "max_cell_bytes",
                          x->lim->max_cell_bytes);
    if (!RESERVE(x->sheets, x->nsheets, x->cap_sheets))
        return CV_ENOMEM;
    sh = &x->sheets[x->nsheets];
    memset(sh, 0, sizeof(*sh));
    sh->name = attr_dup(x->req->arena, &name);
    sh->rid = attr_dup(x->req->arena, &rid);
    sh->hidden = get_attr(attrs, nattrs, "state", NS_NONE, &v) &&
                 !attr_is(&v, "visible");
    if (!sh->name || !sh->rid)
        return CV_ENOMEM;
    /* libxml2 hands out UTF-8 only; checked anyway, as every text is. */
    if (!cv_utf8_valid(sh->name, strlen(sh->name)))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x),
                                  "シート名が UTF-8 ではありません",
                                  "a sheet name is not UTF-8"));
    x->nsheets++;
    return CV_OK;
}

/* ==== styles ============================================================= */

static cv_status styles_start(struct sax *s, enum state st,
                              const xmlChar **attrs, int nattrs)
{
    struct xl *x = s->x;
    struct cv_loc loc = { x->req->source, s->part, sax_line(s), 0 };
    struct attr id, code;
    unsigned long n = 0;

    if (st != S_NUMFMT && st != S_XF)
        return CV_OK;
    /* Each style is a few bytes of XML: bound their number like cells. */
    if (x->nxf + x->ncustom >= x->lim->max_cells)
        return limit_fail(x, s->part, loc.line, "max_cells",
                          x->lim->max_cells);
    if (get_attr(attrs, nattrs, "numFmtId", NS_NONE, &id) &&
        !parse_uint(id.p, id.len, UINT32_MAX, &n))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                             CV_L(lang_of(x),
                                  "numFmtId '%.*s' が数ではありません",
                                  "numFmtId '%.*s' is not a number"),
                             (int)(id.len > 40 ? 40 : id.len), id.p);
    if (st == S_XF) {
        if (!RESERVE(x->xf_ids, x->nxf, x->cap_xf))
            return CV_ENOMEM;
        x->xf_ids[x->nxf++] = (unsigned)n;
        return CV_OK;
    }
    if (!get_attr(attrs, nattrs, "formatCode", NS_NONE, &code))
        return CV_OK; /* nothing to override the builtin with */
    if (code.len > x->lim->max_cell_bytes)
        return limit_fail(x, s->part, loc.line, "max_cell_bytes",
                          x->lim->max_cell_bytes);
    if (!RESERVE(x->custom, x->ncustom, x->cap_custom))
        return CV_ENOMEM;
    x->custom[x->ncustom].id = (unsigned)n;
    x->custom[x->ncustom].code = attr_dup(x->req->arena, &code);
    if (!x->custom[x->ncustom].code)
        return CV_ENOMEM;
    x->ncustom++;
    return CV_OK;
}

static int cmp_custom(const void *a, const void *b)
{
    const struct custom_fmt *p = a, *q = b;
    return p->id < q->id ? -1 : p->id > q->id;
}

/* One compiled format per cell style; a workbook's own code for an id
 * takes precedence over the builtin meaning of that id. */
static cv_status compile_styles(struct xl *x)
{
    size_t i;
    if (x->nxf == 0)
        return CV_OK;
    x->fmts = calloc(x->nxf, sizeof(*x->fmts));
    if (!x->fmts)
        return CV_ENOMEM;
    if (x->ncustom > 1)
        qsort(x->custom, x->ncustom, sizeof(*x->custom), cmp_custom);
    for (i = 0; i < x->nxf; i++) {
        struct custom_fmt key = { x->xf_ids[i], NULL };
        const struct custom_fmt *c =
            x->ncustom ? bsearch(&key, x->custom, x->ncustom,
                                 sizeof(*x->custom), cmp_custom)
                       : NULL;
        x->fmts[i] = c ? cv_numfmt_compile(c->code)
                       : cv_numfmt_builtin((int)(x->xf_ids[i] > 1000
                                               ? 0
                                               : x->xf_ids[i]));
    }
    return CV_OK;
}

/* ==== text =============================================================== */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* "_xHHHH_" at p[0..n): its UTF-16 unit, or -1 */
static long xescape(const char *p, size_t n)
{
    long v = 0;
    int i;
    if (n < 7 || p[0] != '_' || p[1] != 'x' || p[6] != '_')
        return -1;
    for (i = 2; i < 6; i++) {
        int h = hexval(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static void put_utf8(struct cv_strbuf *sb, unsigned long cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    cv_strbuf_put(sb, b, n);
}

/*
 * A string as Excel shows it, into the arena (NULL *out for ""): the
 * _xHHHH_ escapes OOXML uses for characters XML cannot hold (control
 * characters; "_x005F_" for a literal '_') are decoded; the result is
 * checked to be UTF-8 without NUL and within max_cell_bytes.
 */
static cv_status cell_string(struct xl *x, const char *path, unsigned line,
                             const char *s, size_t len, const char **out)
{
    struct cv_strbuf *b = &x->buf;
    struct cv_loc loc = { x->req->source, path, line, 0 };
    size_t i = 0;
    cv_status st;

    *out = NULL;
    cv_strbuf_reset(b);
    while (i < len) {
        long u = s[i] == '_' ? xescape(s + i, len - i) : -1;
        if (u < 0) {
            cv_strbuf_putc(b, s[i++]);
            continue;
        }
        i += 7;
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo = xescape(s + i, len - i);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                i += 7;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            } else {
                u = -1;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            u = -1;
        }
        if (u <= 0)
            return cv_diags_fail(
                x->req->diags, CV_EPARSE, &loc, "%s",
                CV_L(lang_of(x),
                     "文字列が NUL 文字か対のないサロゲートを _xHHHH_ で"
                     "含んでいます",
                     "the text encodes a NUL character or a lone "
                     "surrogate as _xHHHH_"));
        put_utf8(b, (unsigned long)u);
    }
    st = cv_strbuf_status(b);
    if (st != CV_OK)
        return st;
    if (b->len > x->lim->max_cell_bytes)
        return limit_fail(x, path, line, "max_cell_bytes",
                          x->lim->max_cell_bytes);
    if (!cv_utf8_valid(b->ptr, b->len))
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x),
                                  "文字列が UTF-8 ではありません",
                                  "the text is not valid UTF-8"));
    if (b->len == 0)
        return CV_OK;
    *out = cv_arena_strndup(x->req->arena, b->ptr, b->len);
    return *out ? CV_OK : CV_ENOMEM;
}

/* ==== shared strings ===================================================== */

static cv_status strings_start(struct sax *s, enum state st,
                               const xmlChar **attrs, int nattrs)
{
    (void)attrs;
    (void)nattrs;
    if (st == S_SI) {
        cv_strbuf_reset(&s->text);
        s->capture = false;
    } else if (st == S_T) {
        s->capture = true;
    }
    return CV_OK;
}

static cv_status strings_end(struct sax *s, enum state st)
{
    struct xl *x = s->x;
    unsigned line = sax_line(s);
    char path[96];
    const char *text;
    cv_status rc;

    if (st == S_T)
        s->capture = false;
    if (st != S_SI)
        return CV_OK;
    /* the part and the XPath step of the string: "...xml/si[3]" */
    snprintf(path, sizeof(path), "%.40s/si[%zu]", s->part, x->nstrings + 1);
    if (cv_strbuf_status(&s->text) == CV_ELIMIT)
        return limit_fail(x, path, line, "max_cell_bytes",
                          x->lim->max_cell_bytes);
    if (cv_strbuf_status(&s->text) != CV_OK)
        return cv_strbuf_status(&s->text);
    if (x->nstrings >= x->lim->max_cells)
        return limit_fail(x, s->part, line, "max_cells", x->lim->max_cells);
    rc = cell_string(x, path, line, s->text.ptr, s->text.len, &text);
    if (rc != CV_OK)
        return rc;
    if (!RESERVE(x->strings, x->nstrings, x->cap_strings))
        return CV_ENOMEM;
    x->strings[x->nstrings++] = text;
    return CV_OK;
}

/* ==== worksheet: cells =================================================== */

static cv_status bad_ref(struct xl *x, struct sax *s, const struct attr *v)
{
    char path[256];
    struct cv_loc loc = { x->req->source, path, sax_line(s), 0 };
    snprintf(path, sizeof(path), "%.200s!%.*s", x->sheet_name,
             (int)(v->len > 24 ? 24 : v->len), v->p);
    return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                         CV_L(lang_of(x),
                              "セル参照 '%.*s' がシート (A1:XFD1048576) の"
                              "範囲外か不正です",
                              "cell reference '%.*s' is not valid or lies "
                              "outside the sheet (A1:XFD1048576)"),
                         (int)(v->len > 24 ? 24 : v->len), v->p);
}

static cv_status cell_start(struct xl *x, struct sax *s,
                            const xmlChar **attrs, int nattrs)
{
    struct attr v;
    unsigned col = x->col + 1, row = x->row;
    unsigned long n;

    if (get_attr(attrs, nattrs, "r", NS_NONE, &v) &&
        (!parse_ref(v.p, v.len, &col, &row) || !in_grid(col, row)))
        return bad_ref(x, s, &v);
    if (!in_grid(col, row)) /* a cell past XFD without r, or no <row> */
        return bad_ref(x, s, &(struct attr){ "(r)", 3 });
    x->col = col;
    x->c_col = col;
    x->c_row = row;
    x->c_line = sax_line(s);
    x->c_type = T_NUMBER;
    x->c_style = 0;
    x->c_value = false;
    if (get_attr(attrs, nattrs, "t", NS_NONE, &v)) {
        static const struct {
            const char *name;
            enum cell_type type;
        } types[] = { { "n", T_NUMBER },      { "s", T_SHARED },
                      { "inlineStr", T_INLINE }, { "str", T_STR },
                      { "b", T_BOOL },        { "e", T_ERROR },
                      { "d", T_DATE } };
        size_t i;
        for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (attr_is(&v, types[i].name))
                break;
        if (i == sizeof(types) / sizeof(types[0])) {
            char path[256];
            struct cv_loc loc = { x->req->source,
                                  cell_path(path, sizeof(path), x->sheet_name,
                                            col, row),
                                  x->c_line, 0 };
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                                 CV_L(lang_of(x),
                                      "セルの型 t='%.*s' は知りません",
                                      "unknown cell type t='%.*s'"),
                                 (int)(v.len > 24 ? 24 : v.len), v.p);
        }
        x->c_type = types[i].type;
    }
    if (get_attr(attrs, nattrs, "s", NS_NONE, &v)) {
        if (!parse_uint(v.p, v.len, UINT32_MAX, &n))
            n = 0; /* a style we cannot name is General, as a bad index */
        x->c_style = (unsigned)n;
    }
    cv_strbuf_reset(&s->text);
    s->capture = false;
    return CV_OK;
}

/* A number in a <v>, as Excel writes it: [-]digits[.digits][E[+-]digits].
 * Checked before strtod so that "inf", "0x1p3" or a locale's comma never
 * get through. */
static bool parse_number(const char *s, size_t len, double *out)
{
    size_t i = 0, mant = 0;
    char *end;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        mant++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            mant++;
    if (mant == 0)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t exp = 0;
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            exp++;
        if (exp == 0)
            return false;
    }
    if (i != len)
        return false;
    /* s is NUL-terminated at len (a strbuf); the library never changes
     * the locale, so strtod reads '.' */
    *out = strtod(s, &end);
    return end == s + len && isfinite(*out);
}

static bool is_clock(const char *s)
{
    return s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
           s[2] == ':' && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' &&
           s[4] <= '9' && s[5] == ':' && s[6] >= '0' && s[6] <= '5' &&
           s[7] >= '0' && s[7] <= '9';
}

/* A d-type cell holds ISO 8601 text ("2027-09-30T00:00:00"): shown as a
 * date serial under the same format would be. False when it is not. */
static bool put_iso_date(struct cv_strbuf *b, const char *s, size_t len,
                         const struct numfmt *f)
{
    cv_day day;
    if (len < 10 || !cv_date_parse_iso(s, 10, &day))
        return false;
    cv_strbuf_put(b, s, 10);
    if (len >= 19 && s[10] == 'T' && is_clock(s + 11) &&
        f->kind != FMT_DATE && memcmp(s + 11, "00:00:00", 8) != 0)
        cv_strbuf_printf(b, " %.8s", s + 11);
    return true;
}

static cv_status cell_end(struct xl *x, struct sax *s)
{
    const struct cv_table_limits *lim = x->lim;
    char path[256];
    struct cv_loc loc = { x->req->source,
                          cell_path(path, sizeof(path), x->sheet_name,
                                    x->c_col, x->c_row),
                          x->c_line, 0 };
    const char *v = s->text.ptr, *text = NULL;
    size_t vlen = s->text.len;
    const struct numfmt *f = x->c_style < x->nxf && x->fmts
                                 ? &x->fmts[x->c_style]
                                 : &cv_numfmt_general;
    unsigned long idx;
    double num;
    cv_status st;

    s->capture = false;
    if (!x->c_value)
        return CV_OK;
    if (cv_strbuf_status(&s->text) == CV_ELIMIT)
        return limit_fail(x, path, loc.line, "max_cell_bytes",
                          lim->max_cell_bytes);
    if (cv_strbuf_status(&s->text) != CV_OK)
        return cv_strbuf_status(&s->text);
    switch (x->c_type) {
    case T_SHARED:
        if (!parse_uint(v, vlen, ULONG_MAX, &idx) ||
            idx >= x->nstrings)
            return cv_diags_fail(
                x->req->diags, CV_EPARSE, &loc,
                CV_L(lang_of(x),
                     "共有文字列の番号 '%.*s' がありません (%zu 個)",
                     "shared string index '%.*s' does not exist (%zu "
                     "strings)"),
                (int)(vlen > 24 ? 24 : vlen), v, x->nstrings);
        text = x->strings[idx];
        break;
    case T_INLINE:
    case T_STR:
    case T_ERROR:
        st = cell_string(x, path, loc.line, v, vlen, &text);
        if (st != CV_OK)
            return st;
        break;
    case T_BOOL:
        if (vlen != 1 || (v[0] != '0' && v[0] != '1'))
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                                 CV_L(lang_of(x),
                                      "論理値 '%.*s' は 0 か 1 のはずです",
                                      "boolean '%.*s' is neither 0 nor 1"),
                                 (int)(vlen > 24 ? 24 : vlen), v);
        text = v[0] == '1' ? "TRUE" : "FALSE";
        break;
    case T_NUMBER:
    case T_DATE:
        if (vlen == 0)
            return CV_OK;
        cv_strbuf_reset(&x->buf);
        if (x->c_type == T_DATE) {
            if (!put_iso_date(&x->buf, v, vlen, f)) {
                /* not a date after all: the text as written */
                st = cell_string(x, path, loc.line, v, vlen, &text);
                if (st != CV_OK)
                    return st;
                break;
            }
        } else if (parse_number(v, vlen, &num)) {
            cv_numfmt_put(&x->buf, num, f, x->date1904);
        } else {
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                                 CV_L(lang_of(x),
                                      "数値セルの値 '%.*s' が数ではありません",
                                      "numeric cell value '%.*s' is not a "
                                      "number"),
                                 (int)(vlen > 40 ? 40 : vlen), v);
        }
        /* ASCII digits and signs: nothing to decode or validate */
        st = cv_strbuf_status(&x->buf);
        if (st != CV_OK)
            return st;
        if (x->buf.len > lim->max_cell_bytes)
            return limit_fail(x, path, loc.line, "max_cell_bytes",
                              lim->max_cell_bytes);
        text = cv_arena_strndup(x->req->arena, x->buf.ptr, x->buf.len);
        if (!text)
            return CV_ENOMEM;
        break;
    }
    if (!text)
        return CV_OK;
    if (x->c_col > lim->max_columns)
        return limit_fail(x, path, loc.line, "max_columns",
                          lim->max_columns);
    if (x->cells_read >= lim->max_cells)
        return limit_fail(x, path, loc.line, "max_cells", lim->max_cells);
    if (!RESERVE(x->cells, x->ncells, x->cap_cells))
        return CV_ENOMEM;
    x->cells_read++;
    x->cells[x->ncells].row = x->c_row;
    x->cells[x->ncells].col = x->c_col;
    x->cells[x->ncells].line = loc.line;
    x->cells[x->ncells].order = x->ncells;
    x->cells[x->ncells].text = text;
    x->ncells++;
    return CV_OK;
}

static cv_status merge_start(struct xl *x, struct sax *s,
                             const xmlChar **attrs, int nattrs)
{
    struct attr v, a, b;
    const char *colon;
    unsigned c1, r1, c2, r2, t;
    size_t area, w;
    char path[256];

    if (!get_attr(attrs, nattrs, "ref", NS_NONE, &v))
        return CV_OK;
    colon = memchr(v.p, ':', v.len);
    a.p = v.p;
    a.len = colon ? (size_t)(colon - v.p) : v.len;
    b.p = colon ? colon + 1 : v.p;
    b.len = colon ? v.len - a.len - 1 : v.len;
    if (!parse_ref(a.p, a.len, &c1, &r1) || !parse_ref(b.p, b.len, &c2, &r2) ||
        !in_grid(c1, r1) || !in_grid(c2, r2))
        return bad_ref(x, s, &v);
    if (c2 < c1) {
        t = c1;
        c1 = c2;
        c2 = t;
    }
    if (r2 < r1) {
        t = r1;
        r1 = r2;
        r2 = t;
    }
    snprintf(path, sizeof(path), "%.200s!%.*s", x->sheet_name,
             (int)(v.len > 24 ? 24 : v.len), v.p);
    /* The fill work is the area: counted before anything is done, so a
     * merge over the whole sheet costs nothing but this check. */
    w = (size_t)(c2 - c1 + 1);
    if (cv_mul_overflow(w, (size_t)(r2 - r1 + 1), &area) ||
        area > x->lim->max_cells - x->cells_filled)
        return limit_fail(x, path, sax_line(s), "max_cells",
                          x->lim->max_cells);
    x->cells_filled += area;
    if (!RESERVE(x->merges, x->nmerges, x->cap_merges))
        return CV_ENOMEM;
    x->merges[x->nmerges].r1 = r1;
    x->merges[x->nmerges].c1 = c1;
    x->merges[x->nmerges].r2 = r2;
    x->merges[x->nmerges].c2 = c2;
    x->merges[x->nmerges].line = sax_line(s);
    x->merges[x->nmerges].text = NULL;
    x->nmerges++;
    return CV_OK;
}

static cv_status sheet_start(struct sax *s, enum state st,
                             const xmlChar **attrs, int nattrs)
{
    struct xl *x = s->x;
    struct attr v;
    unsigned long n;

    switch (st) {
    case S_ROW:
        if (get_attr(attrs, nattrs, "r", NS_NONE, &v)) {
            if (!parse_uint(v.p, v.len, MAX_ROW, &n) || n == 0)
                return bad_ref(x, s, &v);
            x->row = (unsigned)n;
        } else {
            x->row++;
        }
        x->col = 0;
        return CV_OK;
    case S_C:
        return cell_start(x, s, attrs, nattrs);
    case S_V:
        if (x->c_type != T_INLINE) {
            s->capture = true;
            x->c_value = true;
        }
        return CV_OK;
    case S_IS:
        if (x->c_type == T_INLINE)
            x->c_value = true;
        return CV_OK;
    case S_T:
        s->capture = x->c_type == T_INLINE;
        return CV_OK;
    case S_MERGE:
        return merge_start(x, s, attrs, nattrs);
    default:
        return CV_OK;
    }
}

static cv_status sheet_end(struct sax *s, enum state st)
{
    if (st == S_C)
        return cell_end(s->x, s);
    if (st == S_V || st == S_T)
        s->capture = false;
    return CV_OK;
}

/* ==== worksheet: rows ==================================================== */

static int cmp_cells(const void *a, const void *b)
{
    const struct cell *p = a, *q = b;
    if (p->row != q->row)
        return p->row < q->row ? -1 : 1;
    if (p->col != q->col)
        return p->col < q->col ? -1 : 1;
    return p->order < q->order ? -1 : p->order > q->order;
}

static const char *find_value(const struct cell *cells, size_t n,
                              unsigned row, unsigned col)
{
    const struct cell *c;
    /* originals are unique per (row, col): compare without order */
    for (c = NULL; n > 0;) {
        size_t mid = n / 2;
        const struct cell *m = cells + mid;
        int r = m->row != row ? (m->row < row ? -1 : 1)
                : m->col != col ? (m->col < col ? -1 : 1)
                                : 0;
        if (r == 0) {
            c = m;
            break;
        }
        if (r < 0) {
            cells = m + 1;
            n -= mid + 1;
        } else {
            n = mid;
        }
    }
    return c ? c->text : NULL;
}

/* Merged ranges: every covered cell gets the top-left value (the area was
 * counted against max_cells when the range was read). */
static cv_status fill_merges(struct xl *x)
{
    size_t norig = x->ncells, i;
    for (i = 0; i < x->nmerges; i++) {
        struct merge *m = &x->merges[i];
        unsigned r, c;
        m->text = find_value(x->cells, norig, m->r1, m->c1);
        if (m->text && m->c2 > x->lim->max_columns) {
            char path[256], ref[16];
            ref_text(ref, m->c2, m->r2);
            snprintf(path, sizeof(path), "%.200s!%s", x->sheet_name, ref);
            return limit_fail(x, path, m->line, "max_columns",
                              x->lim->max_columns);
        }
        for (r = m->r1; r <= m->r2; r++)
            for (c = m->c1; c <= m->c2; c++) {
                if (!RESERVE(x->cells, x->ncells, x->cap_cells))
                    return CV_ENOMEM;
                x->cells[x->ncells].row = r;
                x->cells[x->ncells].col = c;
                x->cells[x->ncells].line = m->line;
                x->cells[x->ncells].order = norig + i;
                x->cells[x->ncells].text = m->text;
                x->ncells++;
            }
    }
    return CV_OK;
}

/* A value under a merged range that is not its top-left cell: Excel hides
 * it. We show what Excel shows, and say so. */
static cv_status warn_hidden(struct xl *x, const struct cell *orig,
                             const struct merge *m)
{
    char path[256], r1[16], r2[16];
    struct cv_loc loc = { x->req->source,
                          cell_path(path, sizeof(path), x->sheet_name,
                                    orig->col, orig->row),
                          orig->line, 0 };
    ref_text(r1, m->c1, m->r1);
    ref_text(r2, m->c2, m->r2);
    return cv_diags_add(x->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(lang_of(x),
                             "値 '%.80s' は結合セル %s:%s に隠れているため、"
                             "Excel と同じく左上の値を使いました",
                             "value '%.80s' is hidden under merged range "
                             "%s:%s; its top-left value is used, as Excel "
                             "shows"),
                        orig->text, r1, r2);
}

static cv_status build_rows(struct xl *x, struct cv_table *t)
{
    const struct cv_table_limits *lim = x->lim;
    struct cv_arena *a = x->req->arena;
    size_t norig = x->ncells, i, j, k, nrows = 0;
    cv_status st;

    if (x->ncells > 1) /* qsort wants a base even for nothing */
        qsort(x->cells, x->ncells, sizeof(*x->cells), cmp_cells);
    for (i = 1; i < x->ncells; i++) {
        const struct cell *c = &x->cells[i];
        if (c->row == c[-1].row && c->col == c[-1].col) {
            char path[256];
            struct cv_loc loc = { x->req->source,
                                  cell_path(path, sizeof(path),
                                            x->sheet_name, c->col, c->row),
                                  c->line, 0 };
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                                 CV_L(lang_of(x),
                                      "同じセルが二度書かれています",
                                      "the cell is written twice"));
        }
    }
    st = fill_merges(x);
    if (st != CV_OK)
        return st;
    if (x->nmerges && x->ncells > 1) {
        qsort(x->cells, x->ncells, sizeof(*x->cells), cmp_cells);
        /* Per cell the last record wins: a fill over a value, and the
         * later of two (invalid) overlapping ranges. */
        for (i = 0, k = 0; i < x->ncells; i = j) {
            const struct cell *orig = NULL;
            for (j = i; j < x->ncells && x->cells[j].row == x->cells[i].row &&
                        x->cells[j].col == x->cells[i].col;
                 j++)
                if (x->cells[j].order < norig)
                    orig = &x->cells[j];
            if (orig && x->cells[j - 1].order >= norig) {
                const struct merge *m =
                    &x->merges[x->cells[j - 1].order - norig];
                const char *shown = x->cells[j - 1].text;
                if (!(orig->row == m->r1 && orig->col == m->c1) &&
                    (!shown || strcmp(shown, orig->text) != 0)) {
                    st = warn_hidden(x, orig, m);
                    if (st != CV_OK)
                        return st;
                }
            }
            if (x->cells[j - 1].text)
                x->cells[k++] = x->cells[j - 1];
        }
        x->ncells = k;
    }
    for (i = 0; i < x->ncells; i++)
        if (i == 0 || x->cells[i].row != x->cells[i - 1].row)
            nrows++;
    t->rows = nrows ? cv_arena_calloc(a, nrows, sizeof(*t->rows)) : NULL;
    if (nrows && !t->rows)
        return CV_ENOMEM;
    for (i = 0; i < x->ncells; i = j) {
        struct cv_table_row *row = &t->rows[t->nrows];
        size_t width;
        for (j = i; j < x->ncells && x->cells[j].row == x->cells[i].row; j++)
            ;
        width = x->cells[j - 1].col;
        if (width > lim->max_columns) { /* only fills reach here */
            char path[256];
            return limit_fail(x,
                              cell_path(path, sizeof(path), x->sheet_name,
                                        x->cells[j - 1].col,
                                        x->cells[j - 1].row),
                              x->cells[j - 1].line, "max_columns",
                              lim->max_columns);
        }
        if (width > lim->max_cells - x->slots) {
            char path[256];
            return limit_fail(x,
                              cell_path(path, sizeof(path), x->sheet_name,
                                        x->cells[j - 1].col,
                                        x->cells[j - 1].row),
                              x->cells[j - 1].line, "max_cells",
                              lim->max_cells);
        }
        x->slots += width;
        row->number = x->cells[i].row;
        row->ncells = width;
        row->cells = cv_arena_calloc(a, width, sizeof(*row->cells));
        if (!row->cells)
            return CV_ENOMEM;
        for (k = i; k < j; k++)
            row->cells[x->cells[k].col - 1] = x->cells[k].text;
        t->nrows++;
    }
    return CV_OK;
}

static cv_status read_sheet(struct xl *x, const struct sheet_info *sh,
                            struct cv_table *t)
{
    struct sax s;
    cv_status st;

    t->name = sh->name;
    t->hidden = sh->hidden;
    if (!sh->worksheet)
        return CV_OK; /* a chart sheet: a tab without cells */
    x->sheet_name = sh->name;
    x->ncells = 0;
    x->nmerges = 0;
    x->row = 0;
    x->col = 0;
    memset(&s, 0, sizeof(s));
    s.start = sheet_start;
    s.end = sheet_end;
    st = read_part(x, &s, sh->part, S_WS, "worksheet");
    if (st == CV_OK)
        st = build_rows(x, t);
    return st;
}

/* ==== the workbook ======================================================= */

static cv_status read_structure(struct xl *x)
{
    struct cv_arena *a = x->req->arena;
    struct sax s;
    const char *slash, *rels;
    struct cv_strbuf sb;
    size_t i, j;
    cv_status st;

    /* Where the workbook is: the package's officeDocument relationship,
     * or where every writer puts it. */
    memset(&s, 0, sizeof(s));
    s.start = rels_start;
    x->root_rels = true;
    if (locate(x, "_rels/.rels") >= 0) {
        st = read_part(x, &s, "_rels/.rels", S_RELS, "Relationships");
        if (st != CV_OK)
            return st;
    }
    x->root_rels = false;
    if (!x->wb_part)
        x->wb_part = "xl/workbook.xml";

    x->wb_dir = dir_of(a, x->wb_part);
    if (!x->wb_dir)
        return CV_ENOMEM;
    memset(&s, 0, sizeof(s));
    s.start = workbook_start;
    st = read_part(x, &s, x->wb_part, S_WB, "workbook");
    if (st != CV_OK)
        return st;
    if (x->nsheets == 0) {
        struct cv_loc loc = { x->req->source, x->wb_part, 0, 0 };
        return cv_diags_fail(x->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang_of(x), "ブックにシートがありません",
                                  "the workbook has no sheets"));
    }

    /* xl/workbook.xml -> xl/_rels/workbook.xml.rels */
    slash = strrchr(x->wb_part, '/');
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%.*s_rels/%s.rels",
                     slash ? (int)(slash - x->wb_part) + 1 : 0, x->wb_part,
                     slash ? slash + 1 : x->wb_part);
    rels = cv_strbuf_status(&sb) == CV_OK
               ? cv_arena_strndup(a, sb.ptr, sb.len)
               : NULL;
    cv_strbuf_release(&sb);
    if (!rels)
        return CV_ENOMEM;
    memset(&s, 0, sizeof(s));
    s.start = rels_start;
    st = read_part(x, &s, rels, S_RELS, "Relationships");
    if (st != CV_OK)
        return st;
    for (i = 0; i < x->nsheets; i++) {
        struct cv_loc loc = { x->req->source, x->wb_part, 0, 0 };
        if (!x->sheets[i].part)
            return cv_diags_fail(x->req->diags, CV_EPARSE, &loc,
                                 CV_L(lang_of(x),
                                      "シート '%s' の部品 (r:id '%s') が %s "
                                      "にありません",
                                      "sheet '%s' (r:id '%s') has no part "
                                      "in %s"),
                                 x->sheets[i].name, x->sheets[i].rid, rels);
        /* One part read for two tabs would double the work for nothing
         * Excel can produce. */
        for (j = 0; j < i; j++)
            if (x->sheets[j].worksheet && x->sheets[i].worksheet &&
                strcasecmp(x->sheets[i].part, x->sheets[j].part) == 0)
                return cv_diags_fail(
                    x->req->diags, CV_EPARSE, &loc,
                    CV_L(lang_of(x),
                         "シート '%s' と '%s' が同じ部品 '%s' を指しています",
                         "sheets '%s' and '%s' point to the same part '%s'"),
                    x->sheets[j].name, x->sheets[i].name, x->sheets[i].part);
    }
    return CV_OK;
}

cv_status cv_load_xlsx(struct cv_sheets *out, const struct cv_table_req *req)
{
    struct xl x;
    struct cv_loc loc = { req->source, "", 0, 0 };
    cv_lang lang = req->diags->lang;
    zip_source_t *src = NULL;
    zip_error_t ze;
    struct cv_table *tables = NULL;
    struct sax s;
    size_t i;
    cv_status st = CV_OK;

    memset(out, 0, sizeof(*out));
    memset(&x, 0, sizeof(x));
    x.req = req;
    x.lim = req->limits;
    cv_strbuf_init(&x.buf, 0);
    zip_error_init(&ze);
    if (req->len > x.lim->max_file_bytes) {
        st = limit_fail(&x, "", 0, "max_file_bytes", x.lim->max_file_bytes);
        goto out;
    }
    if (is_compound_file(req->buf, req->len)) {
        st = cv_diags_fail(
            req->diags, CV_EPARSE, &loc, "%s",
            CV_L(lang,
                 "パスワード付きのブックか古い .xls 形式です。パスワードなしの "
                 ".xlsx として保存し直してください",
                 "a password-protected workbook or an old .xls file; save "
                 "it as .xlsx without a password"));
        goto out;
    }
    if (!cv_table_is_zip(req->buf, req->len)) {
        st = cv_diags_fail(req->diags, CV_EPARSE, &loc, "%s",
                           CV_L(lang,
                                ".xlsx ブックではありません (zip ではない)",
                                "not an .xlsx workbook (not a zip archive)"));
        goto out;
    }
    src = zip_source_buffer_create(req->buf, req->len, 0, &ze);
    if (!src) {
        st = CV_ENOMEM;
        goto out;
    }
    x.za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!x.za) {
        zip_source_free(src);
        st = cv_diags_fail(req->diags, CV_EPARSE, &loc,
                           CV_L(lang, "zip として読めません: %s",
                                "not a readable zip archive: %s"),
                           zip_error_strerror(&ze));
        goto out;
    }
    st = read_structure(&x);
    if (st != CV_OK)
        goto out;
    if (x.styles_part && locate(&x, x.styles_part) >= 0) {
        memset(&s, 0, sizeof(s));
        s.start = styles_start;
        st = read_part(&x, &s, x.styles_part, S_STYLES, "styleSheet");
        if (st == CV_OK)
            st = compile_styles(&x);
        if (st != CV_OK)
            goto out;
    }
    if (x.strings_part) {
        memset(&s, 0, sizeof(s));
        s.start = strings_start;
        s.end = strings_end;
        st = read_part(&x, &s, x.strings_part, S_SST, "sst");
        if (st != CV_OK)
            goto out;
    }
    tables = cv_arena_calloc(req->arena, x.nsheets, sizeof(*tables));
    if (!tables) {
        st = CV_ENOMEM;
        goto out;
    }
    for (i = 0; i < x.nsheets; i++) {
        st = read_sheet(&x, &x.sheets[i], &tables[i]);
        if (st != CV_OK)
            goto out;
    }
    out->sheets = tables;
    out->count = x.nsheets;
out:
    if (x.za)
        zip_discard(x.za);
    zip_error_fini(&ze);
    cv_strbuf_release(&x.buf);
    free(x.sheets);
    free(x.xf_ids);
    free(x.custom);
    free(x.fmts);
    free(x.strings);
    free(x.cells);
    free(x.merges);
    return st;
}
