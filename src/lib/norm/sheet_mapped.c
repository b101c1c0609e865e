/* SPDX-License-Identifier: MIT */
/*
 * sheet_mapped.c: a check sheet read through a declared mapping
 * (sheetmap.h, docs/mappings.md): a municipality's ○/△/× sheet, METI's
 * service-level check list, a CSA CAIQ v4.0.x workbook.
 *
 * The mapping says which sheet, which columns and which words; this file
 * only applies it, and never guesses: a column it cannot find refuses the
 * sheet naming the column; an answer word it does not know, a figure that
 * commits to nothing (ベストエフォート), a row whose item feeds nothing, are
 * each said at their cell, and what depends on them is left unanswered
 * for a person. Every value set is located at the cell it came from, so
 * the normaliser's and the evaluator's diagnostics point there too.
 */
#include "sheets.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/unicode.h"
#include "sheetmap.h"

/* What the unread-items note may list before it only counts (the whole
 * message stays well under the diagnostics' 4 KiB). */
#define UNREAD_LIST_BYTES 2000

/* ---- which sheet --------------------------------------------------------- */

static int pattern_match(const struct cv_sheetmap_pattern *p, const char *s)
{
    return p->match(p->re, s, strlen(s), p->limit);
}

static bool has_marker(const struct cv_table *sh, const char *key,
                       unsigned search_rows, struct cv_arena *a)
{
    size_t r, c;
    for (r = 0; r < sh->nrows && sh->rows[r].number <= search_rows; r++)
        for (c = 0; c < sh->rows[r].ncells; c++) {
            const char *k = sh->rows[r].cells[c]
                                ? cv_cell_key(a, sh->rows[r].cells[c])
                                : NULL;
            if (k && strcmp(k, key) == 0)
                return true;
        }
    return false;
}

/* Whether `sh` is the mapping's sheet: its name, its name pattern and
 * every marker, as far as the mapping declares them. Hidden sheets are
 * never read: what the vendor does not show is not its answer. */
static bool sheet_fits(const struct cv_sheetmap *m, const struct cv_table *sh,
                       struct cv_arena *a)
{
    size_t i;
    if (sh->hidden)
        return false;
    if (m->sheet_key) {
        const char *k = cv_cell_key(a, sh->name);
        if (!k || strcmp(k, m->sheet_key) != 0)
            return false;
    }
    if (m->sheet_pattern.re && pattern_match(&m->sheet_pattern, sh->name) != 1)
        return false;
    for (i = 0; i < m->nmarkers; i++)
        if (!has_marker(sh, m->markers[i], m->search_rows, a))
            return false;
    return true;
}

static const struct cv_table *find_sheet(const struct cv_sheetmap *m,
                                         const struct cv_sheets *sheets,
                                         struct cv_arena *a)
{
    size_t i;
    for (i = 0; i < sheets->count; i++)
        if (sheet_fits(m, &sheets->sheets[i], a))
            return &sheets->sheets[i];
    return NULL;
}

bool cv_sheetmap_recognises(const struct cv_sheetmap *m,
                            const struct cv_sheets *sheets)
{
    /* Keys need memory; a scratch arena dies here, so recognising is
     * side-effect free and may be asked of every built-in mapping. */
    struct cv_arena scratch;
    bool yes;
    if (!m || !sheets)
        return false;
    cv_arena_init(&scratch);
    yes = find_sheet(m, sheets, &scratch) != NULL;
    cv_arena_release(&scratch);
    return yes;
}

const char *cv_sheetmap_id(const struct cv_sheetmap *m)
{
    return m ? m->id : "";
}

/* ---- the reading state --------------------------------------------------- */

/* One data row whose item the mapping knows. */
struct hit {
    const struct cv_sheetmap_item *item;
    const struct cv_table_row *row;
};

struct reading {
    struct cv_sheet_tree *t;
    const struct cv_sheetmap *m;
    const struct cv_table *sh;
    struct cv_arena *a;
    struct cv_diags *diags;
    const char *source;
    long col[CV_MAPCOL_NROLES]; /* column index of each role, -1: none */
    unsigned header_last;       /* the header's last row number */
    struct hit *hits;
    size_t nhits;
    struct cv_strbuf unread;    /* items that fed nothing, listed */
    size_t nunread, nlisted;
    size_t nanswers;
};

static const char *cell_at(const struct cv_table_row *row, long col)
{
    if (col < 0 || (size_t)col >= row->ncells)
        return NULL;
    return row->cells[col];
}

static const char *ref_of(struct reading *rd, const struct cv_table_row *row,
                          long col)
{
    return cv_cell_ref(rd->a, rd->sh->name, row->number,
                       col < 0 ? 0 : (size_t)col);
}

static cv_status diag_at(struct reading *rd, cv_severity sev,
                         const char *cellref, const char *fmt, ...)
    CV_PRINTF(4, 5);

static cv_status diag_at(struct reading *rd, cv_severity sev,
                         const char *cellref, const char *fmt, ...)
{
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_sheets_vsay(rd->t->req, sev, cellref, fmt, ap);
    va_end(ap);
    return st;
}

#define RD_L(rd, ja, en) CV_L((rd)->diags->lang, ja, en)

/* ---- the header ---------------------------------------------------------- */

/* Whether column `c` of the header (one or two rows) is headed by one of
 * `col`'s header keys: the top cell, the cell below, or both read as one
 * ("回答" over "○×" gives "回答○×"). */
static bool column_is(struct reading *rd, const struct cv_sheetmap_column *col,
                      const struct cv_table_row *top,
                      const struct cv_table_row *below, size_t c)
{
    const char *k1 = cv_cell_key(rd->a, cell_at(top, (long)c));
    const char *k2 = below ? cv_cell_key(rd->a, cell_at(below, (long)c)) : "";
    char *both = NULL;
    size_t i;
    if (!k1 || !k2)
        return false;
    if (*k1 && *k2 && strcmp(k1, k2) != 0) {
        size_t n1 = strlen(k1), n2 = strlen(k2);
        both = cv_arena_alloc(rd->a, n1 + n2 + 1);
        if (both) {
            memcpy(both, k1, n1);
            memcpy(both + n1, k2, n2 + 1);
        }
    }
    for (i = 0; i < col->nheaders; i++)
        if ((*k1 && strcmp(k1, col->keys[i]) == 0) ||
            (*k2 && strcmp(k2, col->keys[i]) == 0) ||
            (both && strcmp(both, col->keys[i]) == 0))
            return true;
    return false;
}

static const struct cv_table_row *row_numbered(const struct cv_table *sh,
                                               size_t from, unsigned number)
{
    size_t r;
    for (r = from; r < sh->nrows && sh->rows[r].number <= number; r++)
        if (sh->rows[r].number == number)
            return &sh->rows[r];
    return NULL;
}

/* Finds every declared column in the header starting at row index `r`;
 * returns how many roles were found. */
static size_t match_header(struct reading *rd, size_t r)
{
    const struct cv_table_row *top = &rd->sh->rows[r];
    const struct cv_table_row *below =
        rd->m->header_rows == 2 ? row_numbered(rd->sh, r, top->number + 1)
                                : NULL;
    size_t width = top->ncells, found = 0, role, c;
    if (below && below->ncells > width)
        width = below->ncells;
    for (role = 0; role < CV_MAPCOL_NROLES; role++) {
        const struct cv_sheetmap_column *col = &rd->m->columns[role];
        rd->col[role] = -1;
        for (c = 0; col->declared && c < width && rd->col[role] < 0; c++) {
            size_t other;
            bool taken = false;
            for (other = 0; other < role; other++)
                taken = taken || rd->col[other] == (long)c;
            if (!taken && column_is(rd, col, top, below, c))
                rd->col[role] = (long)c;
        }
        if (rd->col[role] >= 0)
            found++;
    }
    rd->header_last = top->number + (rd->m->header_rows == 2 ? 1u : 0u);
    return found;
}

static enum cv_sheetmap_role key_role(const struct cv_sheetmap *m)
{
    return m->key == CV_MAPKEY_LABEL ? CV_MAPCOL_LABEL : CV_MAPCOL_ITEM;
}

/* "'No.' / '項番'": the headers a column is found by, for messages. */
static void put_headers(struct cv_strbuf *sb, const struct cv_sheetmap_column *c)
{
    size_t i;
    for (i = 0; i < c->nheaders && i < 8; i++)
        cv_strbuf_printf(sb, "%s'%s'", i ? " / " : "", c->headers[i]);
    if (c->nheaders > 8)
        cv_strbuf_puts(sb, " / …");
}

/* The sheet is refused: the columns the mapping needs and the sheet lacks
 * are named, with the headers they are found by. */
static cv_status columns_missing(struct reading *rd, const char *where)
{
    struct cv_strbuf sb;
    size_t role, n = 0;
    cv_status st;
    cv_strbuf_init(&sb, 3000);
    for (role = 0; role < CV_MAPCOL_NROLES; role++) {
        const struct cv_sheetmap_column *c = &rd->m->columns[role];
        if (!c->declared || !c->required || rd->col[role] >= 0)
            continue;
        cv_strbuf_printf(&sb, "%s%s (", n++ ? "; " : "", c->member);
        put_headers(&sb, c);
        cv_strbuf_putc(&sb, ')');
    }
    st = cv_strbuf_status(&sb);
    if (st == CV_OK) {
        struct cv_loc loc = { rd->source, where, 0, 0 };
        st = cv_diags_fail(
            rd->diags, CV_EINVALID, &loc,
            RD_L(rd,
                 "対応表 '%s' が必要とする列がシート '%s' にありません: %s。"
                 "見出しを確かめるか、このシートに合う対応表を --mapping で"
                 "指定してください",
                 "the sheet '%s' lacks columns the mapping '%s' needs: %s; "
                 "check the headers, or name a mapping that fits with "
                 "--mapping"),
            RD_L(rd, rd->m->id, rd->sh->name),
            RD_L(rd, rd->sh->name, rd->m->id), sb.ptr);
    }
    cv_strbuf_release(&sb);
    return st;
}

static bool all_required(const struct reading *rd)
{
    size_t role;
    for (role = 0; role < CV_MAPCOL_NROLES; role++)
        if (rd->m->columns[role].declared && rd->m->columns[role].required &&
            rd->col[role] < 0)
            return false;
    return true;
}

/* The header row: the declared one, or the first row within search_rows
 * where the key column's header is; then every required column must be
 * in it. */
static cv_status find_header(struct reading *rd, size_t *first_data)
{
    const struct cv_sheetmap *m = rd->m;
    const char *where = cv_cell_ref(rd->a, rd->sh->name, 1, 0);
    size_t r;
    for (r = 0; r < rd->sh->nrows && rd->sh->rows[r].number <= m->search_rows;
         r++) {
        if (m->header_row && rd->sh->rows[r].number != m->header_row)
            continue;
        match_header(rd, r);
        if (rd->col[key_role(m)] < 0 && !m->header_row)
            continue;
        where = ref_of(rd, &rd->sh->rows[r], 0);
        if (!all_required(rd))
            return columns_missing(rd, where);
        for (*first_data = r + 1; *first_data < rd->sh->nrows &&
                                  rd->sh->rows[*first_data].number <=
                                      rd->header_last;
             (*first_data)++)
            ;
        return CV_OK;
    }
    for (r = 0; r < CV_MAPCOL_NROLES; r++)
        rd->col[r] = -1;
    return columns_missing(rd, where ? where : "");
}

/* ---- words --------------------------------------------------------------- */

static const char *vocab_value(const struct cv_sheetmap_vocab *v,
                               const char *key)
{
    size_t i;
    for (i = 0; key && i < v->nwords; i++)
        if (strcmp(v->words[i].key, key) == 0)
            return v->words[i].value;
    return NULL;
}

static bool is_no_value(const struct cv_sheetmap *m, const char *key)
{
    size_t i;
    for (i = 0; key && i < m->nno_value; i++)
        if (strcmp(m->no_value[i], key) == 0)
            return true;
    return false;
}

/* The word at the start of `text` when a separator follows it
 * ("有（30日前に通知）" -> "有"): vendors qualify an answer in brackets.
 * Only a whole first word counts, never a prefix ("有償" is not "有"). */
static const char *head_key(struct cv_arena *a, const char *text)
{
    static const char *const wide[] = { "、", "。", "・", "「", "『", "【" };
    const char *nf = cv_nfkc(a, text, strlen(text));
    size_t n = 0, len, k;
    if (!nf)
        return NULL;
    len = strlen(nf);
    while (n < len) {
        bool sep = strchr("([{ \t\r\n,;:/", nf[n]) != NULL;
        for (k = 0; !sep && k < sizeof(wide) / sizeof(wide[0]); k++)
            sep = strncmp(nf + n, wide[k], strlen(wide[k])) == 0;
        if (sep)
            break;
        k = (unsigned char)nf[n] < 0x80
                ? 1
                : cv_utf8_sequence((const unsigned char *)nf + n, len - n);
        n += k ? k : 1;
    }
    if (n == 0 || n >= len)
        return NULL;
    return cv_fold_key(a, nf, n);
}

/* The vocabulary value of an answer cell, or NULL; *extra says the cell
 * holds more than the word (kept in the explanation). */
static const char *answer_word(struct reading *rd, const char *text,
                               bool *extra)
{
    const char *v = vocab_value(&rd->m->answers, cv_cell_key(rd->a, text));
    *extra = false;
    if (v || !text)
        return v;
    v = vocab_value(&rd->m->answers, head_key(rd->a, text));
    *extra = v != NULL;
    return v;
}

/* ---- facts --------------------------------------------------------------- */

static cv_status note_no_value(struct reading *rd, const char *cellref,
                               const char *text)
{
    return diag_at(rd, CV_SEV_WARNING, cellref,
                   RD_L(rd,
                        "'%s' は値を約束していないため、この項目は未回答の"
                        "申告として扱います (事実は設定しません)",
                        "'%s' commits to no value, so this item is an "
                        "unanswered claim (no fact is set)"),
                   text);
}

/* A phrase rule of the mapping, or `text` itself. */
static const char *apply_phrase(struct reading *rd, const char *text,
                                const char *cellref, cv_status *st)
{
    const char *key = cv_cell_key(rd->a, text);
    size_t i;
    *st = CV_OK;
    for (i = 0; key && i < rd->m->nphrases; i++) {
        if (strcmp(rd->m->phrases[i].key, key) != 0)
            continue;
        *st = diag_at(rd, CV_SEV_NOTE, cellref,
                      RD_L(rd, "'%s' を対応表 '%s' の規則で '%s' と読みました",
                           "read '%s' as '%s' by a rule of the mapping '%s'"),
                      text, RD_L(rd, rd->m->id, rd->m->phrases[i].value),
                      RD_L(rd, rd->m->phrases[i].value, rd->m->id));
        return rd->m->phrases[i].value;
    }
    return text;
}

static cv_status set_boolean_fact(struct reading *rd,
                                  const struct cv_sheetmap_item *it,
                                  const char *text, const char *cellref)
{
    bool extra;
    const char *v = answer_word(rd, text, &extra);
    if (v && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
        return cv_sheet_tree_set(rd->t, it->field,
                                 v[0] == 'y' ? "true" : "false", cellref);
    return diag_at(rd, CV_SEV_WARNING, cellref,
                   RD_L(rd,
                        "'%s' からは %s の真偽を読めないため、設定しません",
                        "'%s' does not say whether %s holds, so it is not "
                        "set"),
                   text, it->field);
}

/* The fact of an item from its answer cell: passed through as written
 * (the normaliser reads the unit and bound, "4時間以内", "99.9%以上"),
 * after the mapping's phrase rules; a word that commits to nothing, or a
 * bare answer word where a figure belongs, sets nothing. */
static cv_status set_fact(struct reading *rd, const struct hit *h,
                          bool *said_no_value)
{
    const struct cv_sheetmap_item *it = h->item;
    long col = rd->col[CV_MAPCOL_ANSWER];
    const char *text = cell_at(h->row, col);
    const char *cellref = ref_of(rd, h->row, col);
    bool extra;
    cv_status st;
    *said_no_value = false;
    if (!text || !cellref)
        return cellref ? CV_OK : CV_ENOMEM;
    if (is_no_value(rd->m, cv_cell_key(rd->a, text))) {
        *said_no_value = true;
        return note_no_value(rd, cellref, text);
    }
    if (it->field_boolean)
        return set_boolean_fact(rd, it, text, cellref);
    if (answer_word(rd, text, &extra) && !extra) {
        if (it->criterion)
            return CV_OK; /* the answer says it; there is no figure */
        return diag_at(rd, CV_SEV_WARNING, cellref,
                       RD_L(rd, "'%s' は %s の値ではないため、設定しません",
                            "'%s' is not a value of %s, so it is not set"),
                       text, it->field);
    }
    text = apply_phrase(rd, text, cellref, &st);
    if (st != CV_OK)
        return st;
    return cv_sheet_tree_set(rd->t, it->field, text, cellref);
}

/* ---- answers ------------------------------------------------------------- */

/* What one row says about its criterion. */
struct said {
    const char *response;  /* a value of answers[].response, or NULL */
    int rank;              /* no 0 < not answered 1 < partial 2 < yes 3; na 4 */
    bool extra;            /* the answer cell says more than the word */
};

static int response_rank(const char *v)
{
    if (!v)
        return 1;
    if (strcmp(v, "no") == 0)
        return 0;
    if (strcmp(v, "partial") == 0)
        return 2;
    if (strcmp(v, "yes") == 0)
        return 3;
    return 4; /* na */
}

static cv_status read_answer(struct reading *rd, const struct hit *h,
                             bool said_no_value, struct said *out)
{
    long col = rd->col[CV_MAPCOL_ANSWER];
    const char *text = cell_at(h->row, col);
    memset(out, 0, sizeof(*out));
    out->rank = 1;
    if (!text)
        return CV_OK;
    out->response = answer_word(rd, text, &out->extra);
    out->rank = response_rank(out->response);
    if (out->response || said_no_value || h->item->field)
        return CV_OK; /* a figure feeds the fact; no claim either way */
    if (is_no_value(rd->m, cv_cell_key(rd->a, text)))
        return note_no_value(rd, ref_of(rd, h->row, col), text);
    return diag_at(rd, CV_SEV_WARNING, ref_of(rd, h->row, col),
                   RD_L(rd,
                        "回答 '%s' は対応表 '%s' の語ではないため読みません "
                        "(この基準は未回答です)",
                        "the answer '%s' is not a word of the mapping '%s', "
                        "so it is not read (the criterion is unanswered)"),
                   text, rd->m->id);
}

/* The rows that feed `criterion`, weakest answer decides (no < not
 * answered < partial < yes; na only when every row says na). */
struct gathered {
    const struct hit *hits[64];
    struct said said[64];
    size_t n;
    size_t decisive;       /* the row whose answer is the criterion's */
};

static void decide(struct gathered *g)
{
    size_t i;
    int best = 5;
    g->decisive = 0;
    for (i = 0; i < g->n; i++) {
        int r = g->said[i].rank;
        if (r == 4)
            continue; /* na gives way to any other answer */
        if (r < best) {
            best = r;
            g->decisive = i;
        }
    }
}

static const char *item_text(struct reading *rd, const struct hit *h)
{
    const char *s = cell_at(h->row, rd->col[key_role(rd->m)]);
    return s ? s : "";
}

static cv_status put_explanation(struct reading *rd, const struct gathered *g,
                                 const char *base)
{
    struct cv_strbuf sb;
    const char *at = NULL;
    char path[96];
    size_t i;
    cv_status st;
    cv_strbuf_init(&sb, rd->t->req->limits->max_string_bytes);
    for (i = 0; i < g->n; i++) {
        const struct hit *h = g->hits[i];
        long ac = rd->col[CV_MAPCOL_ANSWER], ec = rd->col[CV_MAPCOL_EXPLANATION];
        const char *ans = cell_at(h->row, ac);
        const char *ex = cell_at(h->row, ec);
        bool quote_answer = g->n > 1 || g->said[i].extra;
        if (!ex && !(quote_answer && ans))
            continue;
        if (sb.len)
            cv_strbuf_putc(&sb, '\n');
        if (g->n > 1)
            cv_strbuf_printf(&sb, "[%s] ", item_text(rd, h));
        if (quote_answer && ans)
            cv_strbuf_puts(&sb, ans);
        if (quote_answer && ans && ex)
            cv_strbuf_puts(&sb, g->n > 1 ? ": " : "\n");
        if (ex)
            cv_strbuf_puts(&sb, ex);
        if (!at)
            at = ref_of(rd, h->row, ex ? ec : ac);
    }
    st = cv_strbuf_status(&sb);
    snprintf(path, sizeof(path), "%s.explanation", base);
    if (st == CV_OK && sb.len && at)
        st = cv_sheet_tree_set(rd->t, path, sb.ptr, at);
    cv_strbuf_release(&sb);
    return st;
}

static bool looks_like_url(const char *s)
{
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           !strpbrk(s, " \t\r\n");
}

static cv_status put_evidence(struct reading *rd, const struct gathered *g,
                              const char *base)
{
    long col = rd->col[CV_MAPCOL_EVIDENCE];
    size_t i, k = 0;
    cv_status st = CV_OK;
    for (i = 0; i < g->n && st == CV_OK; i++) {
        const struct hit *h = g->hits[i];
        const char *text = cell_at(h->row, col);
        const char *at = ref_of(rd, h->row, col);
        char path[128];
        if (!text)
            continue;
        if (!at)
            return CV_ENOMEM;
        snprintf(path, sizeof(path), "%s.evidence[%zu].%s", base, k,
                 looks_like_url(text) ? "url" : "title");
        st = cv_sheet_tree_set(rd->t, path, text, at);
        snprintf(path, sizeof(path), "%s.evidence[%zu].section", base, k);
        if (st == CV_OK && *item_text(rd, h))
            st = cv_sheet_tree_set(rd->t, path, item_text(rd, h),
                                   ref_of(rd, h->row, rd->col[key_role(rd->m)]));
        k++;
    }
    return st;
}

/* A mark the mapping does not know: said at its cell, and the item is
 * `unclear`, which every report lists as the customer's until a person
 * reads it (an obligation the committee does not see is the worse
 * mistake; guessing one of the values would be a claim nobody made). */
static cv_status unclear_responsibility(struct reading *rd, const char *text,
                                        const char *at)
{
    return diag_at(rd, CV_SEV_WARNING, at,
                        RD_L(rd,
                             "責任区分 '%s' は対応表にない語のため読めません。"
                             "確認されるまで利用者側の責任として扱います",
                             "the responsibility '%s' is not a word the "
                             "mapping knows; the item is listed as the "
                             "customer's until a person reads it"),
                        text);
}

/* The responsibility split: the value leaving most to the customer among
 * the rows (the mapping lists values in that order); a mark the mapping
 * does not know makes it `unclear` (unclear_responsibility). */
static cv_status put_responsibility(struct reading *rd,
                                    const struct gathered *g,
                                    const char *base)
{
    const struct cv_sheetmap_vocab *v = &rd->m->responsibilities;
    long col = rd->col[CV_MAPCOL_RESPONSIBILITY];
    const char *chosen = NULL, *at = NULL;
    size_t best = (size_t)-1, i, k;
    bool unknown = false;
    char path[96];
    for (i = 0; col >= 0 && i < g->n; i++) {
        const char *text = cell_at(g->hits[i]->row, col);
        const char *value;
        if (!text)
            continue;
        value = vocab_value(v, cv_cell_key(rd->a, text));
        if (!value) {
            chosen = text;
            at = ref_of(rd, g->hits[i]->row, col);
            unknown = true;
            break;
        }
        for (k = 0; k < v->nvalues; k++)
            if (k < best && strcmp(v->values[k], value) == 0) {
                best = k;
                chosen = value;
                at = ref_of(rd, g->hits[i]->row, col);
            }
    }
    if (!chosen)
        return CV_OK;
    if (!at)
        return CV_ENOMEM;
    snprintf(path, sizeof(path), "%s.responsibility", base);
    if (unknown) {
        cv_status st = unclear_responsibility(rd, chosen, at);
        return st != CV_OK ? st : cv_sheet_tree_set(rd->t, path, "unclear", at);
    }
    return cv_sheet_tree_set(rd->t, path, chosen, at);
}

static cv_status put_customer_part(struct reading *rd,
                                   const struct gathered *g, const char *base)
{
    long col = rd->col[CV_MAPCOL_CUSTOMER];
    struct cv_strbuf sb;
    const char *at = NULL;
    char path[96];
    size_t i;
    cv_status st;
    if (col < 0)
        return CV_OK;
    cv_strbuf_init(&sb, rd->t->req->limits->max_string_bytes);
    for (i = 0; i < g->n; i++) {
        const char *text = cell_at(g->hits[i]->row, col);
        if (!text)
            continue;
        if (sb.len)
            cv_strbuf_putc(&sb, '\n');
        if (g->n > 1)
            cv_strbuf_printf(&sb, "[%s] ", item_text(rd, g->hits[i]));
        cv_strbuf_puts(&sb, text);
        if (!at)
            at = ref_of(rd, g->hits[i]->row, col);
    }
    st = cv_strbuf_status(&sb);
    snprintf(path, sizeof(path), "%s.customer_responsibilities", base);
    if (st == CV_OK && sb.len && at)
        st = cv_sheet_tree_set(rd->t, path, sb.ptr, at);
    cv_strbuf_release(&sb);
    return st;
}

/* One answers[] item for `criterion` from every row that feeds it. */
static cv_status put_answer(struct reading *rd, const char *criterion,
                            struct gathered *g)
{
    char base[48], path[96];
    const struct hit *d;
    cv_status st;
    decide(g);
    d = g->hits[g->decisive];
    snprintf(base, sizeof(base), "answers[%zu]", rd->nanswers++);
    snprintf(path, sizeof(path), "%s.id", base);
    st = cv_sheet_tree_set(rd->t, path, criterion,
                           ref_of(rd, g->hits[0]->row, rd->col[key_role(rd->m)]));
    if (st == CV_OK && g->said[g->decisive].response &&
        g->said[g->decisive].rank != 1) {
        snprintf(path, sizeof(path), "%s.response", base);
        st = cv_sheet_tree_set(rd->t, path, g->said[g->decisive].response,
                               ref_of(rd, d->row, rd->col[CV_MAPCOL_ANSWER]));
    }
    if (st == CV_OK)
        st = put_explanation(rd, g, base);
    if (st == CV_OK)
        st = put_evidence(rd, g, base);
    if (st == CV_OK)
        st = put_responsibility(rd, g, base);
    if (st == CV_OK)
        st = put_customer_part(rd, g, base);
    return st;
}

/* The criteria in the order their first row comes, each once. */
static cv_status put_answers(struct reading *rd, const bool *no_value_said)
{
    size_t i, j;
    cv_status st = CV_OK;
    for (i = 0; i < rd->nhits && st == CV_OK; i++) {
        const char *crit = rd->hits[i].item->criterion;
        struct gathered g;
        bool seen = false;
        if (!crit)
            continue;
        for (j = 0; j < i && !seen; j++)
            seen = rd->hits[j].item->criterion &&
                   strcmp(rd->hits[j].item->criterion, crit) == 0;
        if (seen)
            continue;
        memset(&g, 0, sizeof(g));
        for (j = i; j < rd->nhits && st == CV_OK; j++) {
            if (!rd->hits[j].item->criterion ||
                strcmp(rd->hits[j].item->criterion, crit) != 0)
                continue;
            if (g.n == sizeof(g.hits) / sizeof(g.hits[0])) {
                st = diag_at(rd, CV_SEV_WARNING,
                             ref_of(rd, rd->hits[j].row, 0),
                             RD_L(rd,
                                  "基準 %s に対応する行が多すぎるため、この行"
                                  "以降は読みません (上限 64 行)",
                                  "too many rows feed %s: this row and the "
                                  "later ones are not read (at most 64)"),
                             crit);
                break;
            }
            g.hits[g.n] = &rd->hits[j];
            st = read_answer(rd, &rd->hits[j], no_value_said[j], &g.said[g.n]);
            g.n++;
        }
        if (st == CV_OK)
            st = put_answer(rd, crit, &g);
    }
    return st;
}

/* ---- rows ---------------------------------------------------------------- */

static const struct cv_sheetmap_item *find_item(struct reading *rd,
                                                const char *text)
{
    const char *key = cv_cell_key(rd->a, text);
    size_t i, k;
    for (i = 0; key && i < rd->m->nitems; i++)
        for (k = 0; k < rd->m->items[i].nkeys; k++)
            if (strcmp(rd->m->items[i].keys[k], key) == 0)
                return &rd->m->items[i];
    return NULL;
}

static void list_unread(struct reading *rd, const char *text)
{
    rd->nunread++;
    if (rd->unread.len + strlen(text) + 2 > UNREAD_LIST_BYTES)
        return;
    if (rd->nlisted++)
        cv_strbuf_puts(&rd->unread, ", ");
    cv_strbuf_puts(&rd->unread, text);
}

/* Whether the row's item is one (item_pattern); a match limit hit is said
 * and read as "not an item". */
static cv_status is_item_row(struct reading *rd, const struct cv_table_row *row,
                             const char *text, bool *yes)
{
    const char *nf;
    int r;
    *yes = true;
    if (!rd->m->item_pattern.re)
        return CV_OK;
    /* matched after NFKC, so "１-４" is the item 1-4 it reads as */
    nf = cv_nfkc(rd->a, text, strlen(text));
    if (!nf)
        return CV_ENOMEM;
    r = pattern_match(&rd->m->item_pattern, nf);
    *yes = r == 1;
    if (r >= 0)
        return CV_OK;
    return diag_at(rd, CV_SEV_WARNING, ref_of(rd, row, rd->col[key_role(rd->m)]),
                   RD_L(rd,
                        "項目番号のパターンの照合が上限に達したため、この行を"
                        "項目として読みません",
                        "matching the item pattern hit its limit, so this row "
                        "is not read as an item"));
}

static cv_status read_rows(struct reading *rd, size_t first)
{
    const struct cv_sheetmap *m = rd->m;
    long kc = rd->col[key_role(m)];
    size_t r, examined = 0;
    cv_status st = CV_OK;
    rd->hits = cv_arena_calloc(rd->a, m->max_rows, sizeof(*rd->hits));
    if (!rd->hits)
        return CV_ENOMEM;
    for (r = first; r < rd->sh->nrows && st == CV_OK; r++) {
        const struct cv_table_row *row = &rd->sh->rows[r];
        const char *text = cell_at(row, kc);
        const struct cv_sheetmap_item *it;
        bool item = text != NULL;
        if (examined++ == m->max_rows)
            return diag_at(rd, CV_SEV_WARNING, ref_of(rd, row, kc),
                           RD_L(rd,
                                "対応表 '%s' が読む行数の上限 (%u 行) に達した"
                                "ため、この行以降は読みません",
                                "the mapping '%s' reads at most %u rows: this "
                                "row and the later ones are not read"),
                           m->id, m->max_rows);
        if (item)
            st = is_item_row(rd, row, text, &item);
        if (st != CV_OK)
            break;
        if (!item && m->stop_at_non_item)
            break; /* the table has ended (a footer, notes) */
        if (!item)
            continue; /* a heading row between items */
        it = find_item(rd, text);
        if (!it) {
            list_unread(rd, text);
            continue;
        }
        rd->hits[rd->nhits].item = it;
        rd->hits[rd->nhits++].row = row;
    }
    return st;
}

/* ONE note for the sheet: the items it has that fed nothing, so the
 * vendor knows which answers were not read. */
static cv_status note_unread(struct reading *rd)
{
    cv_status st = cv_strbuf_status(&rd->unread);
    size_t more = rd->nunread - rd->nlisted;
    char tail_ja[64] = "", tail_en[64] = "";
    if (st != CV_OK || rd->nunread == 0)
        return st;
    if (more) {
        snprintf(tail_ja, sizeof(tail_ja), " ほか %zu 件", more);
        snprintf(tail_en, sizeof(tail_en), " and %zu more", more);
    }
    return diag_at(rd, CV_SEV_NOTE, rd->sh->name,
                   RD_L(rd,
                        "対応表 '%s' はシートの次の %zu 項目をどの基準・事実"
                        "にも使いません (読まれていません): %s%s",
                        "the mapping '%s' feeds no criterion or fact from "
                        "these %zu items of the sheet (they were not read): "
                        "%s%s"),
                   rd->m->id, rd->nunread, rd->unread.ptr,
                   RD_L(rd, tail_ja, tail_en));
}

/* ---- who answered -------------------------------------------------------- */

static cv_status put_name(struct reading *rd, const struct cv_sheetmap_name *n,
                          const char *path)
{
    size_t r, c, k, v;
    for (r = 0; n->nlabels && r < rd->sh->nrows &&
                rd->sh->rows[r].number <= rd->m->search_rows;
         r++) {
        const struct cv_table_row *row = &rd->sh->rows[r];
        for (c = 0; c < row->ncells; c++) {
            const char *key = cv_cell_key(rd->a, row->cells[c]);
            bool label = false;
            for (k = 0; key && *key && k < n->nlabels && !label; k++)
                label = strcmp(key, n->labels[k]) == 0;
            if (!label)
                continue;
            /* merged label cells repeat the label: skip past them */
            for (v = c + 1; v < row->ncells; v++) {
                const char *vk = cv_cell_key(rd->a, row->cells[v]);
                if (vk && *vk && strcmp(vk, key) != 0)
                    return cv_sheet_tree_set(rd->t, path, row->cells[v],
                                             ref_of(rd, row, (long)v));
            }
        }
    }
    return CV_OK;
}

/* ---- the version --------------------------------------------------------- */

static cv_status check_version(struct reading *rd)
{
    const struct cv_sheetmap *m = rd->m;
    struct cv_loc loc = { rd->source, rd->sh->name, 0, 0 };
    if (!m->version.re || pattern_match(&m->version, rd->sh->name) == 1)
        return CV_OK;
    return cv_diags_fail(
        rd->diags, CV_EINVALID, &loc,
        RD_L(rd,
             "シート '%s' は対応表 '%s' が書かれた版 (%s) のものではないため"
             "読みません: %s",
             "the sheet '%s' is not of the version the mapping '%s' was "
             "written for (%s), so it is not read: %s"),
        rd->sh->name, m->id, m->written_for,
        RD_L(rd, m->reason_ja, m->reason_en));
}

/* ---- the reader ---------------------------------------------------------- */

static cv_status read_facts(struct reading *rd, bool *no_value_said)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < rd->nhits && st == CV_OK; i++)
        if (rd->hits[i].item->field)
            st = set_fact(rd, &rd->hits[i], &no_value_said[i]);
    return st;
}

cv_status cv_sheets_mapped(struct cv_sheet_tree *t,
                           const struct cv_sheetmap *m)
{
    const struct cv_sheets_req *req = t->req;
    struct reading rd;
    bool *no_value_said = NULL;
    size_t first = 0;
    cv_status st;

    if (!m)
        return CV_EUSAGE;
    memset(&rd, 0, sizeof(rd));
    rd.t = t;
    rd.m = m;
    rd.a = req->arena;
    rd.diags = req->diags;
    rd.source = req->source;
    cv_strbuf_init(&rd.unread, UNREAD_LIST_BYTES + 64);
    rd.sh = find_sheet(m, req->sheets, rd.a);
    if (!rd.sh) {
        st = CV_EUSAGE; /* sheets.c asks cv_sheetmap_recognises first */
        goto out;
    }
    st = check_version(&rd);
    if (st == CV_OK)
        st = find_header(&rd, &first);
    if (st == CV_OK)
        st = read_rows(&rd, first);
    if (st == CV_OK) {
        no_value_said = cv_arena_calloc(rd.a, rd.nhits ? rd.nhits : 1,
                                        sizeof(*no_value_said));
        st = no_value_said ? read_facts(&rd, no_value_said) : CV_ENOMEM;
    }
    if (st == CV_OK)
        st = put_answers(&rd, no_value_said);
    if (st == CV_OK)
        st = put_name(&rd, &m->vendor, "vendor.name");
    if (st == CV_OK)
        st = put_name(&rd, &m->service, "service.name");
    if (st == CV_OK)
        st = note_unread(&rd);
out:
    cv_strbuf_release(&rd.unread);
    return st;
}
