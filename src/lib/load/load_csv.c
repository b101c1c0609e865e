/* SPDX-License-Identifier: MIT */
/*
 * load_csv.c: RFC 4180 CSV -> one table of display text (table.h).
 *
 * An officer may export the list from Excel: "CSV UTF-8" starts with a
 * byte order mark, plain "CSV" on a Japanese Windows is Shift_JIS. The
 * first is read; the second is refused with the line of the first byte
 * that is not UTF-8 and what to do about it, never guessed at: a wrong
 * guess would turn registration numbers into other text without a word.
 *
 * Leniency where Excel is lenient: a quote inside an unquoted field is a
 * character, text after a closing quote is kept, a lone CR ends a line.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/overflow.h"
#include "../base/unicode.h"
#include "table.h"

struct csv {
    const struct cv_table_req *req;
    const struct cv_table_limits *lim;
    const char *p;
    size_t n, i;
    unsigned line;        /* of p[i] */
    char delim;
    struct cv_strbuf field;
    const char **fields;  /* the record being read (NULL: empty) */
    size_t nfields, cap_fields;
    struct cv_table_row *rows;
    size_t nrows, cap_rows;
    size_t cells, slots;  /* max_cells */
};

static cv_lang lang_of(const struct csv *c)
{
    return c->req->diags->lang;
}

static cv_status limit_fail(struct csv *c, unsigned line, const char *what,
                            size_t limit)
{
    struct cv_loc loc = { c->req->source, "", line, 0 };
    return cv_diags_fail(c->req->diags, CV_ELIMIT, &loc,
                         CV_L(lang_of(c), "上限を超えました: %s (%zu)",
                              "limit exceeded: %s (%zu)"),
                         what, limit);
}

/* Makes room for one more item in a malloc'ed array (shared with
 * load_xlsx.c through table.h). */
bool cv_table_reserve(void **items, size_t *cap, size_t n, size_t size)
{
    size_t ncap, bytes;
    void *p;
    if (n < *cap)
        return true;
    ncap = *cap ? *cap : 16;
    while (ncap <= n)
        if (cv_mul_overflow(ncap, 2, &ncap))
            return false;
    if (cv_mul_overflow(ncap, size, &bytes))
        return false;
    p = realloc(*items, bytes);
    if (!p)
        return false;
    *items = p;
    *cap = ncap;
    return true;
}

/* Line of byte `at`: LF, CRLF and a lone CR each end one. */
static unsigned line_at(const char *p, size_t at)
{
    unsigned line = 1;
    size_t i;
    for (i = 0; i < at; i++)
        if (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= at || p[i + 1] != '\n')))
            line++;
    return line;
}

/* The whole file is checked first, so that a Shift_JIS file is refused
 * before any of it is read as something else. */
static cv_status check_encoding(struct csv *c)
{
    const unsigned char *p = (const unsigned char *)c->p;
    struct cv_loc loc = { c->req->source, "", 0, 0 };
    size_t i = 0;

    if (c->n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
                      (p[0] == 0xFE && p[1] == 0xFF))) {
        loc.line = 1;
        return cv_diags_fail(
            c->req->diags, CV_EPARSE, &loc, "%s",
            CV_L(lang_of(c),
                 "UTF-16 のファイルです。Excel で「CSV UTF-8 (コンマ区切り)」"
                 "として保存し直してください",
                 "the file is UTF-16; save it from Excel as \"CSV UTF-8 "
                 "(Comma delimited)\""));
    }
    while (i < c->n) {
        size_t len = p[i] >= 0x80 ? cv_utf8_sequence(p + i, c->n - i)
                     : p[i] == 0  ? 0
                                  : 1;
        if (len == 0)
            break;
        i += len;
    }
    if (i == c->n)
        return CV_OK;
    loc.line = line_at(c->p, i);
    if (p[i] == 0)
        return cv_diags_fail(
            c->req->diags, CV_EPARSE, &loc,
            CV_L(lang_of(c),
                 "%u 行目に NUL バイトがあります (UTF-16 のファイル?)。"
                 "Excel で「CSV UTF-8 (コンマ区切り)」として保存し直して"
                 "ください",
                 "line %u has a NUL byte (a UTF-16 file?); save it from "
                 "Excel as \"CSV UTF-8 (Comma delimited)\""),
            loc.line);
    return cv_diags_fail(
        c->req->diags, CV_EPARSE, &loc,
        CV_L(lang_of(c),
             "%u 行目が UTF-8 ではありません (Shift_JIS で保存されている?)。"
             "Excel で「CSV UTF-8 (コンマ区切り)」として保存し直してください",
             "line %u is not UTF-8 (saved as Shift_JIS?); save the file "
             "from Excel as \"CSV UTF-8 (Comma delimited)\""),
        loc.line);
}

/* Tab-separated when the first line has tabs and no commas. */
static char pick_delimiter(const char *p, size_t n)
{
    bool tab = false;
    size_t i;
    for (i = 0; i < n && p[i] != '\n' && p[i] != '\r'; i++) {
        if (p[i] == ',')
            return ',';
        if (p[i] == '\t')
            tab = true;
    }
    return tab ? '\t' : ',';
}

/* Past the line break at c->i (CRLF, LF or a lone CR), counting it. */
static void skip_newline(struct csv *c)
{
    if (c->p[c->i++] == '\r' && c->i < c->n && c->p[c->i] == '\n')
        c->i++;
    c->line++;
}

static bool at_newline(const struct csv *c)
{
    return c->i < c->n && (c->p[c->i] == '\n' || c->p[c->i] == '\r');
}

/* One field into c->field; the record's start line is for diagnostics. */
static cv_status read_field(struct csv *c, unsigned rec_line)
{
    struct cv_loc loc = { c->req->source, "", 0, 0 };

    cv_strbuf_reset(&c->field);
    if (c->i < c->n && c->p[c->i] == '"') {
        unsigned open_line = c->line;
        c->i++;
        for (;;) {
            char ch;
            if (c->i >= c->n) {
                loc.line = open_line;
                return cv_diags_fail(
                    c->req->diags, CV_EPARSE, &loc,
                    CV_L(lang_of(c),
                         "%u 行目で始まる \"...\" が閉じていません",
                         "the quoted field starting on line %u is never "
                         "closed"),
                    open_line);
            }
            ch = c->p[c->i];
            if (ch == '"') {
                if (c->i + 1 < c->n && c->p[c->i + 1] == '"') {
                    cv_strbuf_putc(&c->field, '"');
                    c->i += 2;
                    continue;
                }
                c->i++;
                break;
            }
            if (ch == '\r' || ch == '\n') {
                /* kept as written: the line break is part of the value */
                size_t from = c->i;
                skip_newline(c);
                cv_strbuf_put(&c->field, c->p + from, c->i - from);
                continue;
            }
            cv_strbuf_putc(&c->field, ch);
            c->i++;
        }
    }
    /* unquoted, or what follows a closing quote (kept, as Excel does) */
    while (c->i < c->n && c->p[c->i] != c->delim && !at_newline(c))
        cv_strbuf_putc(&c->field, c->p[c->i++]);
    if (cv_strbuf_status(&c->field) == CV_ELIMIT)
        return limit_fail(c, rec_line, "max_cell_bytes",
                          c->lim->max_cell_bytes);
    return cv_strbuf_status(&c->field);
}

static cv_status end_record(struct csv *c, unsigned rec_line)
{
    struct cv_table_row *row;
    size_t width = c->nfields, k;

    while (width > 0 && !c->fields[width - 1])
        width--;
    if (width == 0)
        return CV_OK; /* a blank line, or only empty fields */
    if (width > c->lim->max_cells - c->slots)
        return limit_fail(c, rec_line, "max_cells", c->lim->max_cells);
    c->slots += width;
    if (!cv_table_reserve((void **)&c->rows, &c->cap_rows, c->nrows,
                          sizeof(*c->rows)))
        return CV_ENOMEM;
    row = &c->rows[c->nrows];
    row->number = rec_line;
    row->ncells = width;
    row->cells = cv_arena_calloc(c->req->arena, width, sizeof(*row->cells));
    if (!row->cells)
        return CV_ENOMEM;
    for (k = 0; k < width; k++)
        row->cells[k] = c->fields[k];
    c->nrows++;
    return CV_OK;
}

static cv_status read_records(struct csv *c)
{
    while (c->i < c->n) {
        unsigned rec_line = c->line;
        c->nfields = 0;
        for (;;) {
            const char *text = NULL;
            cv_status st = read_field(c, rec_line);
            if (st != CV_OK)
                return st;
            if (c->nfields >= c->lim->max_columns)
                return limit_fail(c, rec_line, "max_columns",
                                  c->lim->max_columns);
            if (c->field.len) {
                if (c->cells >= c->lim->max_cells)
                    return limit_fail(c, rec_line, "max_cells",
                                      c->lim->max_cells);
                c->cells++;
                text = cv_arena_strndup(c->req->arena, c->field.ptr,
                                        c->field.len);
                if (!text)
                    return CV_ENOMEM;
            }
            if (!cv_table_reserve((void **)&c->fields, &c->cap_fields,
                                  c->nfields, sizeof(*c->fields)))
                return CV_ENOMEM;
            c->fields[c->nfields++] = text;
            if (c->i < c->n && c->p[c->i] == c->delim) {
                c->i++;
                continue;
            }
            break;
        }
        if (at_newline(c))
            skip_newline(c);
        {
            cv_status st = end_record(c, rec_line);
            if (st != CV_OK)
                return st;
        }
    }
    return CV_OK;
}

/* "lists/ismap.csv" -> "ismap.csv" */
static const char *base_name(const char *source)
{
    const char *slash;
    if (!source || !*source)
        return "csv";
    slash = strrchr(source, '/');
    return slash && slash[1] ? slash + 1 : source;
}

cv_status cv_load_csv(struct cv_sheets *out, const struct cv_table_req *req)
{
    struct csv c;
    struct cv_table *t;
    cv_status st;

    memset(out, 0, sizeof(*out));
    memset(&c, 0, sizeof(c));
    c.req = req;
    c.lim = req->limits;
    c.p = req->buf;
    c.n = req->len;
    c.line = 1;
    cv_strbuf_init(&c.field, c.lim->max_cell_bytes);
    if (req->len > c.lim->max_file_bytes) {
        st = limit_fail(&c, 0, "max_file_bytes", c.lim->max_file_bytes);
        goto out;
    }
    if (c.n >= 3 && memcmp(c.p, "\xEF\xBB\xBF", 3) == 0) {
        c.p += 3;
        c.n -= 3;
    }
    st = check_encoding(&c);
    if (st != CV_OK)
        goto out;
    c.delim = pick_delimiter(c.p, c.n);
    st = read_records(&c);
    if (st != CV_OK)
        goto out;
    t = cv_arena_calloc(req->arena, 1, sizeof(*t));
    if (!t) {
        st = CV_ENOMEM;
        goto out;
    }
    /* a file name need not be UTF-8; the table's name must be */
    t->name = cv_utf8_repair(req->arena, base_name(req->source),
                             strlen(base_name(req->source)));
    if (c.nrows) {
        t->rows = cv_arena_calloc(req->arena, c.nrows, sizeof(*t->rows));
        if (t->rows)
            memcpy(t->rows, c.rows, c.nrows * sizeof(*t->rows));
    }
    if (!t->name || (c.nrows && !t->rows)) {
        st = CV_ENOMEM;
        goto out;
    }
    t->nrows = c.nrows;
    out->sheets = t;
    out->count = 1;
out:
    cv_strbuf_release(&c.field);
    free(c.fields);
    free(c.rows);
    return st;
}
