/* SPDX-License-Identifier: MIT */
/*
 * decisions.c: reading a committee's review decisions (decisions.h,
 * docs/decisions.md) from a decisions file (JSON) or from the 審査記入
 * sheet of report.xlsx. Both forms end in one record of eight located
 * values, checked by the same function, so a decision means the same
 * whichever form the committee used.
 */
#include "decisions.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../load/load.h"

const char cv_decisions_sheet_name[] = "審査記入";

#define DECISIONS_FORMAT "cloudvet-decisions/1"

/* The sheet's columns, in the order report.xlsx writes them; the reader
 * finds each by its heading (either language), so a committee that moved
 * a column still feeds it back. */
const struct cv_decisions_column cv_decisions_columns[CV_DCOL_COUNT] = {
    [CV_DCOL_FILE] = { "file", "ファイル", "File", false },
    [CV_DCOL_VENDOR] = { NULL, "事業者", "Vendor", false },
    [CV_DCOL_SUBMISSION_SHA256] = { "submission_sha256", "提出物 SHA-256",
                                    "Submission SHA-256", false },
    [CV_DCOL_CRITERION] = { "criterion", "評価項目 ID", "Criterion ID",
                            false },
    [CV_DCOL_TITLE] = { NULL, "評価項目", "Criterion", false },
    [CV_DCOL_CRITERION_SHA256] = { "criterion_sha256", "評価項目 SHA-256",
                                   "Criterion SHA-256", false },
    [CV_DCOL_TOOL_STATUS] = { NULL, "ツールの判定", "Tool's status", false },
    [CV_DCOL_TOOL_REASON] = { NULL, "ツールの理由", "Tool's reason", false },
    [CV_DCOL_DECISION] = { "decision", "審査の判定", "Decision", true },
    [CV_DCOL_BY] = { "by", "審査者", "Decided by", true },
    [CV_DCOL_ON] = { "on", "審査日", "Decided on", true },
    [CV_DCOL_REASON] = { "reason", "審査の理由", "Reason for the decision",
                         true },
};

/* The values of one decision, before they are checked. */
enum field {
    F_FILE,
    F_SUBMISSION_SHA256,
    F_CRITERION,
    F_CRITERION_SHA256,
    F_DECISION,
    F_BY,
    F_ON,
    F_REASON,
    NFIELDS
};

static const enum cv_decisions_col field_column[NFIELDS] = {
    CV_DCOL_FILE,     CV_DCOL_SUBMISSION_SHA256, CV_DCOL_CRITERION,
    CV_DCOL_CRITERION_SHA256, CV_DCOL_DECISION,  CV_DCOL_BY,
    CV_DCOL_ON,       CV_DCOL_REASON
};

struct record {
    const char *value[NFIELDS]; /* NULL: absent or empty */
    struct cv_loc loc[NFIELDS]; /* where each is, or would be */
    struct cv_loc at;           /* the decision as a whole */
    bool sheet;                 /* the status words people read count */
};

struct reader {
    struct cv_decision_set *out;
    const struct cv_criteria *crit;
    const char *path;
    struct cv_arena *a;
    struct cv_diags *diags;
    size_t cap;
};

static const char *field_name(enum field f)
{
    return cv_decisions_columns[field_column[f]].member;
}

static cv_status fail_at(struct reader *rd, const struct cv_loc *loc,
                         const char *fmt, ...) CV_PRINTF(3, 4);
static cv_status fail_at(struct reader *rd, const struct cv_loc *loc,
                         const char *fmt, ...)
{
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(rd->diags, CV_SEV_ERROR, CV_ECRITERIA, loc, fmt, ap);
    va_end(ap);
    return st == CV_OK ? CV_ECRITERIA : st;
}

/* The first failure, except that running out of memory wins. */
static cv_status worst(cv_status st, cv_status s)
{
    return st == CV_OK || s == CV_ENOMEM ? s : st;
}

#define FAIL(rd, loc, ja, en, arg)                                            \
    fail_at((rd), (loc), CV_L((rd)->diags->lang, ja, en), (arg))

/* ---- the checks both forms share ---- */

static bool is_sha256(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdefABCDEF") == 64;
}

/* The hash in lower case, as the tool writes hashes. */
static const char *lower_hex(struct cv_arena *a, const char *s)
{
    char *p = cv_arena_strdup(a, s);
    size_t i;
    for (i = 0; p && p[i]; i++)
        if (p[i] >= 'A' && p[i] <= 'F')
            p[i] = (char)(p[i] - 'A' + 'a');
    return p;
}

/* The decision words: in the file, the report.json tokens; on the sheet
 * also the report's words in either language (cv_status_word), which is
 * what the drop-down offers. */
static bool decision_status(const char *w, bool sheet, cv_result_status *out)
{
    static const cv_result_status allowed[] = { CV_STATUS_MET,
                                                CV_STATUS_PARTIAL,
                                                CV_STATUS_NOT_MET };
    size_t i;
    for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
        cv_result_status s = allowed[i];
        if (strcmp(w, cv_result_status_str(s)) == 0 ||
            (sheet && (strcmp(w, cv_status_word(s, CV_LANG_JA)) == 0 ||
                       strcmp(w, cv_status_word(s, CV_LANG_EN)) == 0))) {
            *out = s;
            return true;
        }
    }
    return false;
}

static const struct cv_profile_entry *profile_entry(
    const struct cv_criteria *crit, const char *id)
{
    size_t i;
    for (i = 0; i < crit->profile.nentries; i++)
        if (strcmp(crit->profile.entries[i].crit->id, id) == 0)
            return &crit->profile.entries[i];
    return NULL;
}

/* The last path component: how two runs from different directories name
 * the same bid (docs/decisions.md#matching). */
const char *cv_decisions_base_name(const char *file)
{
    const char *s = strrchr(file, '/');
    const char *b = strrchr(file, '\\');
    if (b && (!s || b > s))
        s = b;
    return s ? s + 1 : file;
}

static bool same_bid_and_criterion(const struct cv_decision *x,
                                   const struct cv_decision *y)
{
    return strcmp(x->criterion, y->criterion) == 0 &&
           strcmp(cv_decisions_base_name(x->file),
                  cv_decisions_base_name(y->file)) == 0;
}

static cv_status check_required(struct reader *rd, const struct record *r)
{
    cv_status st = CV_OK;
    size_t f;
    for (f = 0; f < NFIELDS; f++) {
        cv_status s;
        if (r->value[f])
            continue;
        s = r->sheet ? FAIL(rd, &r->loc[f], "「%s」が空です。記入してください",
                            "'%s' is empty: fill it in",
                            CV_L(rd->diags->lang,
                                 cv_decisions_columns[field_column[f]].ja,
                                 cv_decisions_columns[field_column[f]].en))
                     : FAIL(rd, &r->loc[f], "文字列の項目 '%s' が必要です",
                            "a non-empty string '%s' is required",
                            field_name((enum field)f));
        st = worst(st, s);
    }
    return st;
}

static cv_status check_values(struct reader *rd, const struct record *r,
                              struct cv_decision *d)
{
    cv_status st = CV_OK;
    cv_day day;
    if (!is_sha256(r->value[F_SUBMISSION_SHA256]))
        st = worst(st, FAIL(rd, &r->loc[F_SUBMISSION_SHA256],
                            "SHA-256 (16 進 64 桁) ではありません: '%s'",
                            "not a SHA-256 (64 hex digits): '%s'",
                            r->value[F_SUBMISSION_SHA256]));
    if (!is_sha256(r->value[F_CRITERION_SHA256]))
        st = worst(st, FAIL(rd, &r->loc[F_CRITERION_SHA256],
                            "SHA-256 (16 進 64 桁) ではありません: '%s'",
                            "not a SHA-256 (64 hex digits): '%s'",
                            r->value[F_CRITERION_SHA256]));
    if (!profile_entry(rd->crit, r->value[F_CRITERION]))
        st = worst(st, FAIL(rd, &r->loc[F_CRITERION],
                            "評価項目 '%s' はこのプロファイルにありません",
                            "criterion '%s' is not in this profile",
                            r->value[F_CRITERION]));
    if (!decision_status(r->value[F_DECISION], r->sheet, &d->status))
        st = worst(st,
                   r->sheet
                       ? FAIL(rd, &r->loc[F_DECISION],
                              "判定 '%s' は読めません (適合 / 一部適合 / "
                              "不適合)",
                              "decision '%s' is not one of met, partial, "
                              "not met",
                              r->value[F_DECISION])
                       : FAIL(rd, &r->loc[F_DECISION],
                              "判定 '%s' は met / partial / not_met の"
                              "いずれかです",
                              "decision '%s' must be met, partial or not_met",
                              r->value[F_DECISION]));
    if (!cv_date_parse_iso(r->value[F_ON], strlen(r->value[F_ON]), &day))
        st = worst(st, FAIL(rd, &r->loc[F_ON],
                            "日付 (YYYY-MM-DD) ではありません: '%s'",
                            "not a date (YYYY-MM-DD): '%s'", r->value[F_ON]));
    return st;
}

static cv_status append(struct reader *rd, const struct cv_decision *d)
{
    if (rd->out->count == rd->cap) {
        size_t ncap = rd->cap ? rd->cap * 2 : 16;
        struct cv_decision *n;
        if (ncap < rd->cap || ncap > SIZE_MAX / sizeof(*n))
            return CV_ENOMEM;
        n = cv_arena_grow(rd->a, rd->out->items, rd->cap, ncap, sizeof(*n));
        if (!n)
            return CV_ENOMEM;
        rd->out->items = n;
        rd->cap = ncap;
    }
    rd->out->items[rd->out->count++] = *d;
    return CV_OK;
}

/* One record checked into a decision of the set. */
static cv_status take_record(struct reader *rd, const struct record *r)
{
    struct cv_decision d;
    cv_status st;
    memset(&d, 0, sizeof(d));
    st = check_required(rd, r);
    if (st == CV_OK)
        st = check_values(rd, r, &d);
    if (st != CV_OK)
        return st;
    d.file = cv_arena_strdup(rd->a, r->value[F_FILE]);
    d.submission_sha256 = lower_hex(rd->a, r->value[F_SUBMISSION_SHA256]);
    d.criterion = cv_arena_strdup(rd->a, r->value[F_CRITERION]);
    d.criterion_sha256 = lower_hex(rd->a, r->value[F_CRITERION_SHA256]);
    d.by = cv_arena_strdup(rd->a, r->value[F_BY]);
    d.on = cv_arena_strdup(rd->a, r->value[F_ON]);
    d.reason = cv_arena_strdup(rd->a, r->value[F_REASON]);
    d.where = cv_arena_strdup(rd->a, r->at.path);
    d.line = r->at.line;
    if (!d.file || !d.submission_sha256 || !d.criterion ||
        !d.criterion_sha256 || !d.by || !d.on || !d.reason || !d.where)
        return CV_ENOMEM;
    d.column = r->at.column;
    return append(rd, &d);
}

/* Orders decisions by criterion, then bid (last path component), then
 * position, so that two on the same bid and criterion are neighbours. */
static int by_criterion_and_bid(const void *pa, const void *pb)
{
    const struct cv_decision *a = *(const struct cv_decision *const *)pa;
    const struct cv_decision *b = *(const struct cv_decision *const *)pb;
    int c = strcmp(a->criterion, b->criterion);
    if (c == 0)
        c = strcmp(cv_decisions_base_name(a->file),
                   cv_decisions_base_name(b->file));
    if (c == 0)
        c = a < b ? -1 : a > b;
    return c;
}

/* The same bid and criterion decided twice is an error at the later one
 * (sorted, so ten thousand decisions cost no more than sorting them). */
static cv_status check_duplicates(struct reader *rd)
{
    const struct cv_decision **order;
    size_t i;
    cv_status st = CV_OK;
    if (rd->out->count < 2)
        return CV_OK;
    order = cv_arena_calloc(rd->a, rd->out->count, sizeof(*order));
    if (!order)
        return CV_ENOMEM;
    for (i = 0; i < rd->out->count; i++)
        order[i] = &rd->out->items[i];
    qsort(order, rd->out->count, sizeof(*order), by_criterion_and_bid);
    for (i = 1; i < rd->out->count; i++) {
        const struct cv_decision *first = order[i - 1], *again = order[i];
        struct cv_loc loc = { rd->path, again->where, again->line,
                              again->column };
        if (!same_bid_and_criterion(first, again))
            continue;
        st = worst(st, FAIL(rd, &loc,
                            "同じ提出物と評価項目の判定が二度あります "
                            "(先の判定: %s)",
                            "a second decision on the same bid and criterion "
                            "(the first: %s)",
                            first->where));
        if (st == CV_ENOMEM)
            break;
    }
    return st;
}

/* ---- the decisions file ---- */

static struct cv_loc node_loc(const struct reader *rd, const struct cv_node *n)
{
    struct cv_loc loc = { rd->path, n->path, n->line, n->column };
    return loc;
}

static cv_status members(struct reader *rd, const struct cv_node *obj,
                         const char *const *allowed)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    for (m = obj->first; m; m = m->next) {
        size_t i;
        bool ok = false;
        struct cv_loc loc = node_loc(rd, m);
        cv_status s;
        for (i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], m->name) == 0;
        if (ok)
            continue;
        s = FAIL(rd, &loc, "未知の項目 '%s'", "unknown member '%s'", m->name);
        st = worst(st, s);
    }
    return st;
}

static cv_status json_record(struct reader *rd, const struct cv_node *obj)
{
    static const char *const allowed[] = { "file",     "submission_sha256",
                                           "criterion", "criterion_sha256",
                                           "decision", "by",
                                           "on",       "reason",
                                           NULL };
    struct record r;
    struct cv_loc at = node_loc(rd, obj);
    cv_status st = CV_OK;
    size_t f;

    if (obj->kind != CV_NODE_OBJECT)
        return FAIL(rd, &at, "判定はオブジェクトです%s",
                    "a decision is an object%s", "");
    memset(&r, 0, sizeof(r));
    r.at = at;
    st = members(rd, obj, allowed);
    for (f = 0; f < NFIELDS; f++) {
        const struct cv_node *n = cv_node_member(obj, field_name((enum field)f));
        r.loc[f] = node_loc(rd, n ? n : obj);
        if (n && n->kind != CV_NODE_STRING) {
            cv_status s = FAIL(rd, &r.loc[f], "'%s' は文字列です",
                               "'%s' must be a string", n->name);
            st = worst(st, s);
        } else if (n && n->text_len > 0) {
            r.value[f] = n->text;
        }
    }
    if (st != CV_OK)
        return st;
    return take_record(rd, &r);
}

static cv_status json_root(struct reader *rd, const struct cv_node *root)
{
    static const char *const allowed[] = { "format", "tender", "committee",
                                           "decisions", NULL };
    struct cv_loc at = node_loc(rd, root);
    const struct cv_node *list, *it, *m;
    const char *fmt;
    cv_status st = CV_OK;

    if (root->kind != CV_NODE_OBJECT)
        return FAIL(rd, &at, "オブジェクトが必要です%s",
                    "expected an object%s", "");
    st = members(rd, root, allowed);
    if (st == CV_ENOMEM)
        return st;
    fmt = cv_node_str(root, "format");
    if (!fmt || strcmp(fmt, DECISIONS_FORMAT) != 0) {
        m = cv_node_member(root, "format");
        at = node_loc(rd, m ? m : root);
        st = worst(st, FAIL(rd, &at,
                            "\"format\" は '%s' でなければなりません",
                            "\"format\" must be '%s'", DECISIONS_FORMAT));
    }
    for (m = root->first; m; m = m->next) {
        if ((strcmp(m->name, "tender") == 0 ||
             strcmp(m->name, "committee") == 0) &&
            m->kind != CV_NODE_STRING) {
            at = node_loc(rd, m);
            st = worst(st, FAIL(rd, &at, "'%s' は文字列です",
                                "'%s' must be a string", m->name));
        }
    }
    list = cv_node_member(root, "decisions");
    if (!list || list->kind != CV_NODE_ARRAY) {
        at = node_loc(rd, list ? list : root);
        return FAIL(rd, &at, "判定の配列 '%s' が必要です",
                    "an array '%s' of decisions is required", "decisions");
    }
    for (it = list->first; it; it = it->next) {
        cv_status s = json_record(rd, it);
        if (s == CV_ENOMEM)
            return s;
        st = worst(st, s);
    }
    return worst(st, check_duplicates(rd));
}

cv_status cv_decisions_parse_json(struct cv_decision_set *out,
                                  const struct cv_criteria *crit,
                                  const char *path, const void *buf,
                                  size_t len, const cv_limits *limits,
                                  struct cv_arena *a, struct cv_diags *diags)
{
    struct reader rd = { out, crit, path, a, diags, 0 };
    struct cv_load_req req;
    struct cv_node *root = NULL;
    cv_status st;

    req.source = path;
    req.buf = buf;
    req.len = len;
    req.limits = limits;
    req.arena = a;
    req.diags = diags;
    st = cv_load_json(&root, &req);
    if (st != CV_OK)
        return st == CV_ENOMEM ? st : CV_ECRITERIA;
    return json_root(&rd, root);
}

/* ---- the 審査記入 sheet ---- */

/* "審査記入!F12" for column `col` (0-based) of row `row`. */
static const char *cell_name(struct cv_arena *a, size_t col, unsigned row)
{
    char letters[8] = { 0 };
    char buf[96];
    size_t n = 0, i;
    size_t c = col + 1;
    while (c > 0 && n < sizeof(letters)) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (i = 0; i < n / 2; i++) {
        char t = letters[i];
        letters[i] = letters[n - 1 - i];
        letters[n - 1 - i] = t;
    }
    snprintf(buf, sizeof(buf), "%s!%.*s%u", cv_decisions_sheet_name, (int)n,
             letters, row);
    return cv_arena_strdup(a, buf);
}

static const char *cell_at(const struct cv_table_row *row, size_t col)
{
    return col < row->ncells ? row->cells[col] : NULL;
}

/* The text of a cell without the blanks around it; NULL when nothing is
 * left (a cell of spaces is an empty cell). */
static const char *trimmed(struct cv_arena *a, const char *s)
{
    size_t b = 0, e;
    if (!s)
        return NULL;
    e = strlen(s);
    while (b < e && strchr(" \t\r\n", s[b]))
        b++;
    while (e > b && strchr(" \t\r\n", s[e - 1]))
        e--;
    if (b == e)
        return NULL;
    return b == 0 && s[e] == '\0' ? s : cv_arena_strndup(a, s + b, e - b);
}

static bool is_heading(const char *cell, enum cv_decisions_col c)
{
    return cell && (strcmp(cell, cv_decisions_columns[c].ja) == 0 ||
                    strcmp(cell, cv_decisions_columns[c].en) == 0);
}

/* The header row and the column of each field in it; false when there is
 * none or a column the reader needs is missing. */
static bool find_header(const struct cv_table *sheet, size_t *head,
                        size_t col[NFIELDS])
{
    size_t i, f;
    for (i = 0; i < sheet->nrows; i++) {
        const struct cv_table_row *row = &sheet->rows[i];
        size_t found = 0, c;
        for (f = 0; f < NFIELDS; f++) {
            col[f] = SIZE_MAX;
            for (c = 0; c < row->ncells && col[f] == SIZE_MAX; c++)
                if (is_heading(row->cells[c], field_column[f]))
                    col[f] = c;
            found += col[f] != SIZE_MAX;
        }
        if (found == NFIELDS) {
            *head = i;
            return true;
        }
    }
    return false;
}

static cv_status sheet_record(struct reader *rd,
                              const struct cv_table_row *row,
                              const size_t col[NFIELDS])
{
    struct record r;
    size_t f;
    memset(&r, 0, sizeof(r));
    r.sheet = true;
    for (f = 0; f < NFIELDS; f++) {
        const char *name = cell_name(rd->a, col[f], row->number);
        if (!name)
            return CV_ENOMEM;
        r.loc[f].source = rd->path;
        r.loc[f].path = name;
        r.value[f] = trimmed(rd->a, cell_at(row, col[f]));
    }
    r.at = r.loc[F_DECISION];
    return take_record(rd, &r);
}

cv_status cv_decisions_parse_sheet(struct cv_decision_set *out,
                                   const struct cv_criteria *crit,
                                   const char *path,
                                   const struct cv_table *sheet,
                                   struct cv_arena *a,
                                   struct cv_diags *diags)
{
    struct reader rd = { out, crit, path, a, diags, 0 };
    size_t col[NFIELDS];
    size_t head = 0, i;
    cv_status st = CV_OK;

    if (!find_header(sheet, &head, col)) {
        struct cv_loc loc = { path, cv_decisions_sheet_name, 0, 0 };
        return FAIL(&rd, &loc,
                    "シート「%s」に見出しの行 (ファイル、提出物 SHA-256、"
                    "評価項目 ID、評価項目 SHA-256、審査の判定、審査者、"
                    "審査日、審査の理由) がありません",
                    "sheet '%s' has no header row (File, Submission SHA-256, "
                    "Criterion ID, Criterion SHA-256, Decision, Decided by, "
                    "Decided on, Reason for the decision)",
                    cv_decisions_sheet_name);
    }
    for (i = head + 1; i < sheet->nrows; i++) {
        const struct cv_table_row *row = &sheet->rows[i];
        cv_status s;
        /* A row the committee left undecided is no decision. */
        if (!trimmed(a, cell_at(row, col[F_DECISION])))
            continue;
        s = sheet_record(&rd, row, col);
        if (s == CV_ENOMEM)
            return s;
        st = worst(st, s);
    }
    return worst(st, check_duplicates(&rd));
}
