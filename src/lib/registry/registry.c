/* SPDX-License-Identifier: MIT */
/*
 * registry.c: ISMAP list -> snapshot, snapshot <-> JSON (see registry.h).
 *
 * The published list's exact headers are not confirmed by any public
 * source (criteria/data/ismap-list.json says so), so a header is recognised only when it equals a name of
 * criteria/data/ismap-list.json after folding, or what --columns says.
 * Guessing a column would let a wrong column decide a bid.
 */
#include "registry.h"

#include <stdio.h>
#include <string.h>

#include "../base/date.h"
#include "../base/unicode.h"
#include "../norm/normtext.h"

/* How far down a sheet the header row may be (title rows, notes). */
#define HEADER_SEARCH_ROWS 30

void cv_registry_snapshot_name(const struct cv_registry_snapshot *s, char *buf,
                           size_t size)
{
    snprintf(buf, size, "%s-%s.json", s->kind, s->as_of);
}

/* ---- registration numbers ---- */

/* Dash-like code points NFKC leaves alone: hyphen, non-breaking hyphen,
 * figure dash, en/em dash, horizontal bar, minus sign, katakana-hiragana
 * prolonged sound mark (typed for a dash in Japanese IMEs). */
static size_t dash_length(const char *p)
{
    static const char *const dashes[] = { "\xe2\x80\x90", "\xe2\x80\x91",
                                          "\xe2\x80\x92", "\xe2\x80\x93",
                                          "\xe2\x80\x94", "\xe2\x80\x95",
                                          "\xe2\x88\x92", "\xe3\x83\xbc",
                                          NULL };
    size_t i;
    for (i = 0; dashes[i]; i++)
        if (strncmp(p, dashes[i], 3) == 0)
            return 3;
    return 0;
}

char *cv_registry_key(struct cv_arena *a, const char *number)
{
    char *k, *w, *r;
    if (!number)
        return NULL;
    k = cv_fold_key(a, number, strlen(number));
    if (!k)
        return NULL;
    for (r = w = k; *r;) {
        size_t d = dash_length(r);
        if (d) {
            *w++ = '-';
            r += d;
            continue;
        }
        *w++ = (*r >= 'a' && *r <= 'z') ? (char)(*r - 'a' + 'A') : *r;
        r++;
    }
    *w = '\0';
    return k;
}

const struct cv_registry_row *
cv_registry_find(const struct cv_registry_snapshot *s, struct cv_arena *a,
                 const char *number)
{
    const char *key = cv_registry_key(a, number);
    size_t i;
    for (i = 0; key && *key && i < s->nrows; i++)
        if (strcmp(s->rows[i].key, key) == 0)
            return &s->rows[i];
    return NULL;
}

/* ---- import: headers ---- */

struct column_map {
    long col[CV_REG_NFIELDS];          /* column index, -1 when absent */
    const char *text[CV_REG_NFIELDS];  /* the header as written */
};

/* "有効期限（注1）" is 有効期限: a bracketed annotation may follow. */
static bool header_is(const char *folded, const char *name)
{
    size_t n = strlen(name);
    return strncmp(folded, name, n) == 0 &&
           (folded[n] == '\0' || folded[n] == '(' || folded[n] == '[');
}

/* Overrides from --columns: field -> folded header. */
struct overrides {
    const char *header[CV_REG_NFIELDS];
};

static cv_status parse_overrides(struct overrides *o, const char *spec,
                                 struct cv_arena *a, struct cv_diags *diags)
{
    struct cv_loc loc = { "--columns", "", 0, 0 };
    const char *p = spec;
    memset(o, 0, sizeof(*o));
    while (p && *p) {
        const char *comma = strchr(p, ','), *eq = strchr(p, '=');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        enum cv_reg_field f = CV_REG_NFIELDS;
        if (eq && eq < p + len) {
            char *field = cv_arena_strndup(a, p, (size_t)(eq - p));
            if (!field)
                return CV_ENOMEM;
            f = cv_tables_reg_field(field);
        }
        if (f == CV_REG_NFIELDS || eq + 1 == p + len)
            return cv_diags_fail(
                diags, CV_EUSAGE, &loc,
                CV_L(diags->lang,
                     "'%.*s' は 項目=見出し の形ではありません (項目: number, "
                     "service, provider, registered, expires, scheme)",
                     "'%.*s' is not field=header (fields: number, service, "
                     "provider, registered, expires, scheme)"),
                (int)len, p);
        o->header[f] = cv_fold_key(a, eq + 1, (size_t)(p + len - eq - 1));
        if (!o->header[f])
            return CV_ENOMEM;
        p = comma ? comma + 1 : NULL;
    }
    return CV_OK;
}

static bool cell_names(const struct cv_reg_column *col,
                       const struct overrides *o, enum cv_reg_field f,
                       const char *folded)
{
    size_t i;
    if (o->header[f])
        return header_is(folded, o->header[f]);
    for (i = 0; i < col->nheaders; i++)
        if (header_is(folded, col->headers[i]))
            return true;
    return false;
}

/* Columns named in row `r` or, for a two-row header, in the row above. */
static cv_status map_columns(struct column_map *m, const struct cv_table *t,
                             size_t r, const struct cv_criteria *crit,
                             const struct overrides *o, struct cv_arena *a)
{
    const struct cv_table_row *rows[2] = { &t->rows[r], NULL };
    size_t k, c;
    unsigned f;
    if (r > 0 && t->rows[r - 1].number + 1 == t->rows[r].number)
        rows[1] = &t->rows[r - 1];
    for (f = 0; f < CV_REG_NFIELDS; f++) {
        m->col[f] = -1;
        m->text[f] = NULL;
    }
    for (k = 0; k < 2 && rows[k]; k++)
        for (c = 0; c < rows[k]->ncells; c++) {
            const char *cell = rows[k]->cells[c];
            char *folded;
            if (!cell)
                continue;
            folded = cv_fold_key(a, cell, strlen(cell));
            if (!folded)
                return CV_ENOMEM;
            for (f = 0; f < CV_REG_NFIELDS; f++)
                if (m->col[f] < 0 &&
                    cell_names(&crit->tables.reg_columns[f], o,
                               (enum cv_reg_field)f, folded)) {
                    m->col[f] = (long)c;
                    m->text[f] = cell;
                    break;
                }
        }
    return CV_OK;
}

static bool has_required(const struct column_map *m,
                         const struct cv_criteria *crit,
                         const struct overrides *o)
{
    unsigned f;
    for (f = 0; f < CV_REG_NFIELDS; f++)
        if ((crit->tables.reg_columns[f].required || o->header[f]) &&
            m->col[f] < 0)
            return false;
    return true;
}

/* Index of the header row of `t`, or -1. */
static cv_status find_header(long *at, struct column_map *m,
                             const struct cv_table *t,
                             const struct cv_criteria *crit,
                             const struct overrides *o, struct cv_arena *a)
{
    size_t r;
    *at = -1;
    for (r = 0; r < t->nrows && r < HEADER_SEARCH_ROWS; r++) {
        cv_status st = map_columns(m, t, r, crit, o, a);
        if (st != CV_OK)
            return st;
        if (has_required(m, crit, o)) {
            *at = (long)r;
            return CV_OK;
        }
    }
    return CV_OK;
}

/* ---- import: rows ---- */

/* "A", "B", ..., "AA" for a 0-based column. */
static void column_letters(size_t col, char out[8])
{
    char tmp[8];
    size_t n = 0, i;
    col++;
    while (col && n < sizeof(tmp) - 1) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static const char *cell_at(const struct cv_table_row *row, long col)
{
    return col >= 0 && (size_t)col < row->ncells ? row->cells[col] : NULL;
}

struct row_ctx {
    const struct cv_criteria *crit;
    const struct cv_table *t;
    const struct column_map *m;
    const char *source;
    struct cv_arena *arena;
    struct cv_diags *diags;
};

/* A date cell as YYYY-MM-DD (workbook dates already are; typed ones may
 * be 2027/9/30 or 令和9年9月30日). Unreadable text is kept as written and
 * warned about: such a row can never prove validity. */
static cv_status read_date(const char **out, const struct row_ctx *rc,
                           const struct cv_table_row *row, enum cv_reg_field f)
{
    const char *text = cell_at(row, rc->m->col[f]);
    char iso[11], ref[80], letters[8];
    struct cv_loc loc = { rc->source, ref, row->number, 0 };
    *out = NULL;
    if (!text)
        return CV_OK;
    if (cv_norm_date(&rc->crit->eras, rc->arena, text, strlen(text), iso) !=
        CV_NORM_BAD) {
        *out = cv_arena_strdup(rc->arena, iso);
        return *out ? CV_OK : CV_ENOMEM;
    }
    *out = text;
    column_letters((size_t)rc->m->col[f], letters);
    snprintf(ref, sizeof(ref), "%.60s!%s%u", rc->t->name, letters,
             row->number);
    return cv_diags_add(rc->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(rc->diags->lang,
                             "'%s' は日付として読めません",
                             "'%s' is not a date"),
                        text);
}

static const char *read_scheme(const struct row_ctx *rc,
                               const struct cv_table_row *row)
{
    const char *text = cell_at(row, rc->m->col[CV_REG_SCHEME]);
    const char *k = text ? cv_registry_key(rc->arena, text) : NULL;
    if (!text)
        return rc->crit->tables.reg_default_scheme;
    if (k && strstr(k, "LIU"))
        return "ISMAP-LIU";
    if (k && strcmp(k, "ISMAP") == 0)
        return "ISMAP";
    return text;
}

static cv_status read_row(struct cv_registry_row *out,
                          const struct row_ctx *rc,
                          const struct cv_table_row *row)
{
    cv_status st;
    out->row = row->number;
    out->number = cell_at(row, rc->m->col[CV_REG_NUMBER]);
    out->key = cv_registry_key(rc->arena, out->number);
    out->service = cell_at(row, rc->m->col[CV_REG_SERVICE]);
    out->provider = cell_at(row, rc->m->col[CV_REG_PROVIDER]);
    out->scheme = read_scheme(rc, row);
    if (!out->key)
        return CV_ENOMEM;
    st = read_date(&out->registered, rc, row, CV_REG_REGISTERED);
    if (st == CV_OK)
        st = read_date(&out->expires, rc, row, CV_REG_EXPIRES);
    return st;
}

/* A registration number (C21-0004-2) is short and has digits; a notes
 * row that happens to sit in the number column ("※ ...") is not one. */
static bool looks_like_number(struct cv_arena *a, const char *num)
{
    const char *k = cv_registry_key(a, num);
    return k && strlen(k) <= 40 && strpbrk(k, "0123456789") != NULL;
}

static cv_status skip_note(const struct row_ctx *rc,
                           const struct cv_table_row *row, const char *num)
{
    char ref[80], letters[8];
    struct cv_loc loc = { rc->source, ref, row->number, 0 };
    column_letters((size_t)rc->m->col[CV_REG_NUMBER], letters);
    snprintf(ref, sizeof(ref), "%.60s!%s%u", rc->t->name, letters,
             row->number);
    return cv_diags_add(rc->diags, CV_SEV_NOTE, CV_EINVALID, &loc,
                        CV_L(rc->diags->lang,
                             "'%.40s' は登録番号ではないため、注記として読み"
                             "飛ばしました",
                             "'%.40s' is not a registration number: skipped "
                             "as a note"),
                        num);
}

static cv_status read_rows(struct cv_registry_snapshot *out,
                           const struct row_ctx *rc, size_t header)
{
    const struct cv_table *t = rc->t;
    size_t r;
    out->rows = cv_arena_calloc(rc->arena, t->nrows - header,
                                sizeof(*out->rows));
    if (!out->rows)
        return CV_ENOMEM;
    for (r = header + 1; r < t->nrows; r++) {
        const char *num = cell_at(&t->rows[r], rc->m->col[CV_REG_NUMBER]);
        cv_status st;
        /* Notes and footers have no registration number. */
        if (!num || strspn(num, " \t") == strlen(num))
            continue;
        if (!looks_like_number(rc->arena, num)) {
            cv_status nst = skip_note(rc, &t->rows[r], num);
            if (nst != CV_OK)
                return nst;
            continue;
        }
        st = read_row(&out->rows[out->nrows], rc, &t->rows[r]);
        if (st != CV_OK)
            return st;
        out->nrows++;
    }
    return CV_OK;
}

static cv_status no_header(const struct cv_sheets *tables,
                           const struct cv_criteria *crit,
                           const struct overrides *o, const char *source,
                           struct cv_diags *diags)
{
    struct cv_loc loc = { source, "", 0, 0 };
    struct cv_strbuf want;
    unsigned f;
    cv_status st;
    cv_strbuf_init(&want, 4096);
    for (f = 0; f < CV_REG_NFIELDS; f++) {
        const struct cv_reg_column *c = &crit->tables.reg_columns[f];
        if (!c->required && !o->header[f])
            continue;
        cv_strbuf_printf(&want, "%s%s", want.len ? ", " : "", c->field);
    }
    st = cv_diags_fail(
        diags, CV_EINVALID, &loc,
        CV_L(diags->lang,
             "%zu 枚のシートのどれにも、必要な列 (%s) の見出し行が先頭 %d "
             "行以内にありません。見出しが異なる場合は --columns "
             "で対応付けてください (criteria/data/ismap-list.json)",
             "none of the %zu sheets has a header row naming the required "
             "columns (%s) within its first %d rows; map differing headers "
             "with --columns (criteria/data/ismap-list.json)"),
        tables->count, want.ptr ? want.ptr : "", HEADER_SEARCH_ROWS);
    cv_strbuf_release(&want);
    return st;
}

cv_status cv_registry_from_tables(struct cv_registry_snapshot *out,
                                  const struct cv_sheets *tables,
                                  const struct cv_criteria *crit,
                                  const char *overrides, const char *source,
                                  struct cv_arena *arena,
                                  struct cv_diags *diags)
{
    struct overrides o;
    struct column_map m;
    size_t s;
    unsigned f;
    cv_status st = parse_overrides(&o, overrides, arena, diags);
    if (st != CV_OK)
        return st;
    for (s = 0; s < tables->count; s++) {
        const struct cv_table *t = &tables->sheets[s];
        struct row_ctx rc = { crit, t, &m, source, arena, diags };
        long at;
        st = find_header(&at, &m, t, crit, &o, arena);
        if (st != CV_OK)
            return st;
        if (at < 0)
            continue;
        out->kind = "ismap";
        out->sheet = t->name;
        out->header_row = t->rows[at].number;
        for (f = 0; f < CV_REG_NFIELDS; f++)
            out->headers[f] = m.text[f];
        return read_rows(out, &rc, (size_t)at);
    }
    return no_header(tables, crit, &o, source, diags);
}

/* ---- snapshot file ---- */

static const char *const field_names[CV_REG_NFIELDS] = {
    "number", "service", "provider", "registered", "expires", "scheme"
};

void cv_registry_serialise(const struct cv_registry_snapshot *s,
                           struct cv_strbuf *sb)
{
    size_t i;
    unsigned f;
    cv_strbuf_puts(sb, "{\n  \"format\": \"" CV_REGISTRY_FORMAT "\",\n");
    cv_strbuf_puts(sb, "  \"registry\": ");
    cv_strbuf_json_str(sb, s->kind);
    cv_strbuf_puts(sb, ",\n  \"as_of\": ");
    cv_strbuf_json_str(sb, s->as_of);
    cv_strbuf_puts(sb, ",\n  \"source\": ");
    cv_strbuf_json_str(sb, s->source);
    cv_strbuf_puts(sb, ",\n  \"source_sha256\": ");
    cv_strbuf_json_str(sb, s->source_sha256);
    cv_strbuf_puts(sb, ",\n  \"sheet\": ");
    cv_strbuf_json_str(sb, s->sheet);
    cv_strbuf_printf(sb, ",\n  \"header_row\": %u,\n  \"columns\": {",
                     s->header_row);
    for (f = 0; f < CV_REG_NFIELDS; f++) {
        cv_strbuf_printf(sb, "%s\"%s\": ", f ? ", " : "", field_names[f]);
        cv_strbuf_json_str(sb, s->headers[f]);
    }
    cv_strbuf_puts(sb, "},\n  \"rows\": [");
    for (i = 0; i < s->nrows; i++) {
        const struct cv_registry_row *r = &s->rows[i];
        const char *v[CV_REG_NFIELDS] = { r->number,     r->service,
                                          r->provider,   r->registered,
                                          r->expires,    r->scheme };
        cv_strbuf_printf(sb, "%s\n    {\"row\": %u", i ? "," : "", r->row);
        for (f = 0; f < CV_REG_NFIELDS; f++) {
            cv_strbuf_printf(sb, ", \"%s\": ", field_names[f]);
            cv_strbuf_json_str(sb, v[f]);
        }
        cv_strbuf_putc(sb, '}');
    }
    cv_strbuf_puts(sb, s->nrows ? "\n  ]\n}\n" : "]\n}\n");
}

static cv_status bad_snapshot(struct cv_diags *diags, const char *source,
                              const struct cv_node *at, const char *what)
{
    struct cv_loc loc = { source, at ? at->path : "", at ? at->line : 0,
                          at ? at->column : 0 };
    return cv_diags_fail(diags, CV_EINVALID, &loc,
                         CV_L(diags->lang,
                              "登録簿スナップショットではありません: %s",
                              "not a registry snapshot: %s"),
                         what);
}

static const char *opt_str(const struct cv_node *n, const char *name)
{
    return cv_node_str(n, name);
}

static cv_status parse_rows(struct cv_registry_snapshot *out,
                            const struct cv_node *rows, const char *source,
                            struct cv_arena *arena, struct cv_diags *diags)
{
    const struct cv_node *e;
    out->rows = cv_arena_calloc(arena, rows->count + 1, sizeof(*out->rows));
    if (!out->rows)
        return CV_ENOMEM;
    for (e = rows->first; e; e = e->next) {
        struct cv_registry_row *r = &out->rows[out->nrows];
        double row = 0;
        if (e->kind != CV_NODE_OBJECT || !cv_node_str(e, "number") ||
            !cv_node_num(e, "row", &row) || row < 1 || row > 1e7)
            return bad_snapshot(diags, source, e,
                                "rows[] needs number and row");
        r->row = (unsigned)row;
        r->number = opt_str(e, "number");
        r->service = opt_str(e, "service");
        r->provider = opt_str(e, "provider");
        r->registered = opt_str(e, "registered");
        r->expires = opt_str(e, "expires");
        r->scheme = opt_str(e, "scheme");
        r->key = cv_registry_key(arena, r->number);
        if (!r->key)
            return CV_ENOMEM;
        out->nrows++;
    }
    return CV_OK;
}

cv_status cv_registry_parse(struct cv_registry_snapshot *out,
                            const struct cv_node *doc, const char *source,
                            struct cv_arena *arena, struct cv_diags *diags)
{
    const char *fmt = cv_node_str(doc, "format");
    const char *kind = cv_node_str(doc, "registry");
    const char *as_of = cv_node_str(doc, "as_of");
    const char *sha = cv_node_str(doc, "source_sha256");
    const struct cv_node *rows = cv_node_member(doc, "rows");
    const struct cv_node *cols = cv_node_member(doc, "columns");
    double header = 0;
    cv_day day;
    unsigned f;

    memset(out, 0, sizeof(*out));
    if (!fmt || strcmp(fmt, CV_REGISTRY_FORMAT) != 0)
        return bad_snapshot(diags, source, doc,
                            "format is not " CV_REGISTRY_FORMAT);
    if (!kind || strcmp(kind, "ismap") != 0)
        return bad_snapshot(diags, source, doc, "registry is not \"ismap\"");
    if (!as_of || !cv_date_parse_iso(as_of, strlen(as_of), &day))
        return bad_snapshot(diags, source, doc, "as_of is not YYYY-MM-DD");
    if (!rows || rows->kind != CV_NODE_ARRAY)
        return bad_snapshot(diags, source, doc, "rows is not a list");
    out->kind = kind;
    memcpy(out->as_of, as_of, 11);
    out->source = opt_str(doc, "source");
    if (sha && strlen(sha) == 64)
        memcpy(out->source_sha256, sha, 65);
    out->sheet = opt_str(doc, "sheet");
    if (cv_node_num(doc, "header_row", &header) && header >= 1 &&
        header <= 1e7)
        out->header_row = (unsigned)header;
    for (f = 0; cols && f < CV_REG_NFIELDS; f++)
        out->headers[f] = cv_node_str(cols, field_names[f]);
    return parse_rows(out, rows, source, arena, diags);
}
