/* SPDX-License-Identifier: MIT */
/*
 * tender.c: read and check a tender file (format "cloudvet-tender/1",
 * docs/tender.md) into struct cv_tender_def.
 *
 * A tender file decides who is awarded a contract, so it is held to the
 * strictness of a profile: every unknown member, wrong type, missing
 * required member, impossible value and duplicate bidder is a located
 * error (JSON Pointer, line and column), and one error fails the file.
 * Prices are yen integers read digit by digit from the number as written
 * (never through a double), up to CV_TENDER_MAX_YEN.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/overflow.h"
#include "../load/load.h"
#include "tender.h"

#define TENDER_FORMAT "cloudvet-tender/1"
#define MAX_BIDS 10000
#define MAX_DIGITS 6            /* rounding digits */
#define MAX_POINTS 1000000.0    /* an allocation of points */

/* A tender file is a page of JSON; anything far larger is not one. */
static const cv_limits tender_limits = {
    (size_t)1 << 20, 16u, (size_t)200000, (size_t)64 << 10, (size_t)1000,
    (uint32_t)100000
};

struct tp {
    struct cv_tender_def *t;
    const struct cv_criteria *crit;
    struct cv_arena *a;
    struct cv_diags *diags;
    const char *file;
    cv_status st; /* the first error; later checks go on to report more */
};

static void tp_error(struct tp *p, const struct cv_node *at, const char *fmt,
                     ...) CV_PRINTF(3, 4);

/* An error at `at` (pointer, line and column); checking goes on so that
 * one run names every problem of the file. */
static void tp_error(struct tp *p, const struct cv_node *at, const char *fmt,
                     ...)
{
    struct cv_loc loc = { p->file, at && at->path ? at->path : "",
                          at ? at->line : 0, at ? at->column : 0 };
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(p->diags, CV_SEV_ERROR, CV_ECRITERIA, &loc, fmt, ap);
    va_end(ap);
    if (p->st == CV_OK || st == CV_ENOMEM)
        p->st = st == CV_ENOMEM ? CV_ENOMEM : CV_ECRITERIA;
}

#define TP_L(p, ja, en) CV_L((p)->diags->lang, ja, en)

/* ---- the words of the file (one table per enumeration) ---------------- */

struct word {
    const char *word;
    int value;
};

static const struct word method_words[] = {
    { "technical-only", CV_TENDER_TECHNICAL_ONLY },
    { "additive", CV_TENDER_ADDITIVE },
    { "division", CV_TENDER_DIVISION },
    { NULL, 0 }
};
static const struct word formula_words[] = {
    { "from-ceiling", CV_PRICE_FROM_CEILING },
    { "lowest-ratio", CV_PRICE_LOWEST_RATIO },
    { NULL, 0 }
};
static const struct word round_words[] = {
    { "none", CV_ROUND_NONE },
    { "truncate", CV_ROUND_TRUNCATE },
    { "round-half-up", CV_ROUND_HALF_UP },
    { NULL, 0 }
};
static const struct word tie_words[] = {
    { "technical", CV_TIE_TECHNICAL },
    { "mandatory_points", CV_TIE_MANDATORY },
    { "lower_price", CV_TIE_LOWER_PRICE },
    { "lot", CV_TIE_LOT },
    { NULL, 0 }
};

static const char *word_of(const struct word *w, int value)
{
    for (; w->word; w++)
        if (w->value == value)
            return w->word;
    return "?";
}

const char *cv_tender_method_str(enum cv_tender_method m)
{
    return word_of(method_words, (int)m);
}
const char *cv_price_formula_str(enum cv_price_formula f)
{
    return word_of(formula_words, (int)f);
}
const char *cv_round_mode_str(enum cv_round_mode m)
{
    return word_of(round_words, (int)m);
}
const char *cv_tie_rule_str(enum cv_tie_rule r)
{
    return word_of(tie_words, (int)r);
}

/* ---- rounding, on decimal digits -------------------------------------- */

/* x is taken at 15 significant digits (all a double holds exactly), so
 * binary noise (0.1 + 0.2 = 0.30000000000000004, 0.7 + 0.1 =
 * 0.7999999999999999) never moves a digit: the digits are cut (or
 * rounded half up) as written, and the kept integer of digits divided by
 * an exact power of ten is the nearest double to the decimal result. */
double cv_round_apply(const struct cv_rounding *r, double x)
{
    char e[40];
    char digits[16];
    const char *exp_at;
    long long kept = 0;
    double scale = 1;
    int exp10, k, i;
    bool neg = x < 0;

    if (r->mode == CV_ROUND_NONE || !isfinite(x) || x == 0)
        return x;
    snprintf(e, sizeof(e), "%.14e", fabs(x)); /* d.dddddddddddddde+XX */
    exp_at = strchr(e, 'e');
    if (!exp_at || exp_at - e != 16)
        return x;
    digits[0] = e[0];
    memcpy(digits + 1, e + 2, 14);
    digits[15] = '\0';
    exp10 = atoi(exp_at + 1) + 1; /* value = 0.d1d2… × 10^exp10 */
    k = exp10 + (int)r->digits;   /* digits kept */
    if (k >= 15)
        return neg ? -strtod(e, NULL) : strtod(e, NULL);
    for (i = 0; i < k; i++)
        kept = kept * 10 + (digits[i] - '0');
    if (r->mode == CV_ROUND_HALF_UP && k >= 0 && digits[k] >= '5')
        kept++;
    for (i = 0; i < (int)r->digits; i++)
        scale *= 10;
    return neg ? -((double)kept / scale) : (double)kept / scale;
}

/* ---- small readers ------------------------------------------------------ */

static const struct cv_node *member(const struct cv_node *obj,
                                    const char *name)
{
    return obj && obj->kind == CV_NODE_OBJECT ? cv_node_member(obj, name)
                                              : NULL;
}

/* Every member of `obj` is one of `allowed`; false (after an error) when
 * `obj` is no object. */
static bool check_members(struct tp *p, const struct cv_node *obj,
                          const char *what, const char *const *allowed)
{
    const struct cv_node *m;
    if (!obj || obj->kind != CV_NODE_OBJECT) {
        tp_error(p, obj, TP_L(p, "'%s' はオブジェクトです",
                              "'%s' must be an object"),
                 what);
        return false;
    }
    for (m = obj->first; m; m = m->next) {
        size_t i;
        bool ok = false;
        for (i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], m->name) == 0;
        if (!ok)
            tp_error(p, m, TP_L(p, "未知の項目 '%s'", "unknown member '%s'"),
                     m->name);
    }
    return true;
}

static void missing(struct tp *p, const struct cv_node *obj, const char *name)
{
    tp_error(p, obj, TP_L(p, "項目 '%s' が必要です", "member '%s' is required"),
             name);
}

/* A non-empty string member; NULL (after an error when required). */
static const char *string_member(struct tp *p, const struct cv_node *obj,
                                 const char *name, bool required)
{
    const struct cv_node *n = member(obj, name);
    if (!n) {
        if (required)
            missing(p, obj, name);
        return NULL;
    }
    if (n->kind != CV_NODE_STRING || n->text_len == 0) {
        tp_error(p, n, TP_L(p, "'%s' は空でない文字列です",
                            "'%s' must be a non-empty string"),
                 name);
        return NULL;
    }
    return n->text;
}

/* The value of a word of `words`; -1 (after an error) when unknown. */
static int word_member(struct tp *p, const struct cv_node *obj,
                       const char *name, const struct word *words,
                       bool required)
{
    const struct cv_node *n = member(obj, name);
    if (!n) {
        if (required)
            missing(p, obj, name);
        return -1;
    }
    if (n->kind == CV_NODE_STRING)
        for (const struct word *w = words; w->word; w++)
            if (strcmp(w->word, n->text) == 0)
                return w->value;
    tp_error(p, n, TP_L(p, "'%s' の値が未知です (docs/tender.md の語を使います)",
                        "'%s' has an unknown value (see docs/tender.md)"),
             name);
    return -1;
}

/* A finite number in [lo, hi] (lo excluded when `lo_open`). */
static bool number_member(struct tp *p, const struct cv_node *obj,
                          const char *name, double lo, bool lo_open,
                          double hi, double *out)
{
    const struct cv_node *n = member(obj, name);
    if (!n)
        return false;
    if (n->kind != CV_NODE_NUMBER || !isfinite(n->number) ||
        n->number < lo || (lo_open && n->number == lo) || n->number > hi) {
        tp_error(p, n, TP_L(p, "'%s' は %g%s %g 以下の数です",
                            "'%s' must be a number from %g%s to %g"),
                 name, lo, TP_L(p, lo_open ? " を超え" : " 以上",
                                lo_open ? " (excluded)" : ""),
                 hi);
        return false;
    }
    *out = n->number;
    return true;
}

/* A yen amount: an integer as written (digits only: no sign, fraction
 * or exponent), 1 to CV_TENDER_MAX_YEN. Read digit by digit, never
 * through a double, so no amount is ever rounded. */
static bool yen_member(struct tp *p, const struct cv_node *obj,
                       const char *name, int64_t *out)
{
    const struct cv_node *n = member(obj, name);
    unsigned long v = 0;
    size_t i;
    bool ok;
    if (!n)
        return false;
    ok = n->kind == CV_NODE_NUMBER && n->text && n->text_len > 0;
    for (i = 0; ok && i < n->text_len; i++)
        ok = n->text[i] >= '0' && n->text[i] <= '9' &&
             cv_digit_append(&v, (unsigned)(n->text[i] - '0'),
                             (unsigned long)CV_TENDER_MAX_YEN);
    if (!ok || v == 0) {
        tp_error(p, n, TP_L(p, "'%s' は 1 円以上 %lld 円以下の整数 (円、税抜) です",
                            "'%s' must be an integer number of yen "
                            "(tax-exclusive) from 1 to %lld"),
                 name, (long long)CV_TENDER_MAX_YEN);
        return false;
    }
    *out = (int64_t)v;
    return true;
}

/* ---- the parts of the file ---------------------------------------------- */

static void read_title(struct tp *p, const struct cv_node *root)
{
    static const char *const langs[] = { "ja", "en", NULL };
    const struct cv_node *n = member(root, "title");
    if (!n) {
        missing(p, root, "title");
        return;
    }
    if (n->kind == CV_NODE_STRING && n->text_len) {
        p->t->title.ja = p->t->title.en = n->text;
        return;
    }
    if (n->kind != CV_NODE_OBJECT) {
        tp_error(p, n, TP_L(p, "'title' は文字列か {ja, en} です",
                            "'title' must be a string or {ja, en}"));
        return;
    }
    if (!check_members(p, n, "title", langs))
        return;
    p->t->title.ja = string_member(p, n, "ja", true);
    p->t->title.en = string_member(p, n, "en", false);
    if (!p->t->title.en)
        p->t->title.en = p->t->title.ja;
}

static void read_profile(struct tp *p, const struct cv_node *root)
{
    static const char *const allowed[] = { "id", "sha256", NULL };
    const struct cv_node *n = member(root, "profile");
    const char *id, *sha;
    if (!n) {
        missing(p, root, "profile");
        return;
    }
    if (!check_members(p, n, "profile", allowed))
        return;
    id = string_member(p, n, "id", true);
    sha = string_member(p, n, "sha256", false);
    if (id && p->crit->profile.id && strcmp(id, p->crit->profile.id) != 0)
        tp_error(p, member(n, "id"),
                 TP_L(p, "入札案件はプロファイル '%s' で評価しますが、"
                         "読み込んだプロファイルは '%s' です (--profile)",
                      "the tender is scored with profile '%s', but the "
                      "profile loaded is '%s' (--profile)"),
                 id, p->crit->profile.id);
    if (sha && strcmp(sha, p->crit->sha256) != 0)
        tp_error(p, member(n, "sha256"),
                 TP_L(p, "評価基準の SHA-256 が入札案件の記載 '%s' と違います "
                         "(読み込んだもの: %s)",
                      "the criteria's SHA-256 is not the tender's '%s' "
                      "(loaded: %s)"),
                 sha, p->crit->sha256);
    p->t->profile_id = id;
    p->t->profile_sha256 = sha;
}

static void read_points(struct tp *p, const struct cv_node *root)
{
    static const char *const allowed[] = { "technical", "price", NULL };
    const struct cv_node *n = member(root, "points");
    bool priced = p->t->method == CV_TENDER_ADDITIVE;
    if (!n) {
        missing(p, root, "points");
        return;
    }
    if (!check_members(p, n, "points", allowed))
        return;
    if (!member(n, "technical"))
        missing(p, n, "technical");
    else
        number_member(p, n, "technical", 0, true, MAX_POINTS,
                      &p->t->technical_points);
    if (priced && !member(n, "price"))
        missing(p, n, "price");
    else if (!priced && member(n, "price"))
        tp_error(p, member(n, "price"),
                 TP_L(p, "価格点の配分は加算方式 (additive) にだけあります",
                      "a price allocation belongs to the additive method "
                      "only"));
    else if (priced)
        number_member(p, n, "price", 0, true, MAX_POINTS,
                      &p->t->price_points);
}

static void read_tax(struct tp *p, const struct cv_node *root)
{
    static const char *const allowed[] = { "rate_percent", "formula_uses",
                                           NULL };
    static const struct word uses[] = { { "exclusive", 0 },
                                        { "inclusive", 1 },
                                        { NULL, 0 } };
    const struct cv_node *n = member(root, "tax");
    double rate = 10;
    int inclusive;
    p->t->tax.rate_percent = 10;
    p->t->tax.formula_inclusive = false;
    if (!n)
        return;
    if (!check_members(p, n, "tax", allowed))
        return;
    if (number_member(p, n, "rate_percent", 0, false, 100, &rate)) {
        if (rate != floor(rate))
            tp_error(p, member(n, "rate_percent"),
                     TP_L(p, "'rate_percent' は整数です",
                          "'rate_percent' must be an integer"));
        p->t->tax.rate_percent = (unsigned)rate;
    }
    inclusive = word_member(p, n, "formula_uses", uses, false);
    p->t->tax.formula_inclusive = inclusive == 1;
}

static void read_one_rounding(struct tp *p, const struct cv_node *parent,
                              const char *name, struct cv_rounding *out)
{
    static const char *const allowed[] = { "digits", "mode", NULL };
    const struct cv_node *n = member(parent, name);
    double digits = 0;
    int mode;
    out->mode = CV_ROUND_NONE;
    out->digits = 0;
    if (!n)
        return;
    if (!check_members(p, n, name, allowed))
        return;
    mode = word_member(p, n, "mode", round_words, true);
    if (mode >= 0)
        out->mode = (enum cv_round_mode)mode;
    if (number_member(p, n, "digits", 0, false, MAX_DIGITS, &digits)) {
        if (digits != floor(digits))
            tp_error(p, member(n, "digits"),
                     TP_L(p, "'digits' は 0〜6 の整数です",
                          "'digits' must be an integer from 0 to 6"));
        out->digits = (unsigned)digits;
    }
}

static void read_rounding(struct tp *p, const struct cv_node *root)
{
    static const char *const allowed[] = { "technical", "price", "total",
                                           NULL };
    const struct cv_node *n = member(root, "rounding");
    if (n && !check_members(p, n, "rounding", allowed))
        n = NULL;
    read_one_rounding(p, n, "technical", &p->t->round_technical);
    read_one_rounding(p, n, "price", &p->t->round_price);
    read_one_rounding(p, n, "total", &p->t->round_total);
    if (n && member(n, "price") && p->t->method != CV_TENDER_ADDITIVE)
        tp_error(p, member(n, "price"),
                 TP_L(p, "価格点の端数処理は加算方式 (additive) にだけあります",
                      "the rounding of price points belongs to the "
                      "additive method only"));
}

/* A non-empty chain of distinct rules; `lot` (which decides everything
 * left) can only be last. */
static void read_tie_break(struct tp *p, const struct cv_node *root)
{
    const struct cv_node *n = member(root, "tie_break"), *e;
    size_t i = 0, k;
    if (!n) {
        missing(p, root, "tie_break");
        return;
    }
    if (n->kind != CV_NODE_ARRAY || n->count == 0 ||
        n->count > sizeof(tie_words) / sizeof(tie_words[0])) {
        tp_error(p, n, TP_L(p, "'tie_break' は規則の語の空でない配列です",
                            "'tie_break' must be a non-empty list of rules"));
        return;
    }
    p->t->tie_break = cv_arena_calloc(p->a, n->count, sizeof(enum cv_tie_rule));
    if (!p->t->tie_break) {
        p->st = CV_ENOMEM;
        return;
    }
    for (e = n->first; e; e = e->next) {
        const struct word *w = tie_words;
        while (w->word && !(e->kind == CV_NODE_STRING &&
                            strcmp(w->word, e->text) == 0))
            w++;
        if (!w->word) {
            tp_error(p, e, TP_L(p, "未知の同点処理の規則です "
                                   "(technical, mandatory_points, "
                                   "lower_price, lot)",
                                "unknown tie-break rule (technical, "
                                "mandatory_points, lower_price, lot)"));
            continue;
        }
        for (k = 0; k < i; k++)
            if (p->t->tie_break[k] == (enum cv_tie_rule)w->value)
                tp_error(p, e, TP_L(p, "同点処理の規則 '%s' が二度あります",
                                    "tie-break rule '%s' is given twice"),
                         w->word);
        if (i > 0 && p->t->tie_break[i - 1] == CV_TIE_LOT)
            tp_error(p, e, TP_L(p, "'lot' (くじ) の後に規則は置けません",
                                "no rule can follow 'lot'"));
        p->t->tie_break[i++] = (enum cv_tie_rule)w->value;
    }
    p->t->ntie_break = i;
}

static const char *last_component(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* A line's bidder as one comparable key: the file's last component, or
 * the vendor and service. */
struct bidder_key {
    char kind; /* 'f': file, 'v': vendor */
    const char *name;
    const char *service;
    size_t index;
};

static int key_cmp(const void *a, const void *b)
{
    const struct bidder_key *x = a, *y = b;
    int c = x->kind - y->kind;
    if (!c)
        c = strcmp(x->name, y->name);
    if (!c)
        c = strcmp(x->service, y->service);
    if (!c)
        c = x->index < y->index ? -1 : x->index > y->index;
    return c;
}

/* Two lines naming the same bidder (the same file, or the same vendor
 * and service) are an error at the later one: sorted, they are
 * neighbours (O(n log n) for the 10,000 lines a file may hold). */
static void check_duplicates(struct tp *p, const struct cv_node *const *nodes)
{
    struct cv_tender_bid *b = p->t->bids;
    struct bidder_key *keys;
    size_t i, n = 0;
    if (p->t->nbids < 2)
        return;
    keys = cv_arena_calloc(p->a, p->t->nbids, sizeof(*keys));
    if (!keys) {
        p->st = CV_ENOMEM;
        return;
    }
    for (i = 0; i < p->t->nbids; i++) {
        if (!b[i].file && !b[i].vendor)
            continue;
        keys[n].kind = b[i].file ? 'f' : 'v';
        keys[n].name = b[i].file ? last_component(b[i].file) : b[i].vendor;
        keys[n].service = b[i].service ? b[i].service : "";
        keys[n].index = i;
        n++;
    }
    qsort(keys, n, sizeof(*keys), key_cmp);
    for (i = 1; i < n; i++) {
        const struct bidder_key *a = &keys[i - 1], *k = &keys[i];
        if (a->kind != k->kind || strcmp(a->name, k->name) != 0 ||
            strcmp(a->service, k->service) != 0)
            continue;
        /* sorted by index among equals: `a` is the line written first */
        tp_error(p, nodes[k->index], TP_L(p, "入札者 '%s' が二度あります (%s)",
                            "bidder '%s' is named twice (%s)"),
                 k->name, b[a->index].where);
    }
}

static void read_bid(struct tp *p, const struct cv_node *e,
                     struct cv_tender_bid *b, bool priced)
{
    static const char *const allowed[] = { "file", "vendor", "service",
                                           "price", "note", NULL };
    b->where = e->path;
    b->line = e->line;
    if (!check_members(p, e, "bids[]", allowed))
        return;
    b->file = string_member(p, e, "file", false);
    b->vendor = string_member(p, e, "vendor", false);
    b->service = string_member(p, e, "service", false);
    string_member(p, e, "note", false);
    if (!b->file == !b->vendor)
        tp_error(p, e, TP_L(p, "入札者は 'file' か 'vendor' のどちらか一方で"
                               "示します",
                            "a bidder is named by exactly one of 'file' and "
                            "'vendor'"));
    if (b->file && b->service)
        tp_error(p, member(e, "service"),
                 TP_L(p, "'service' は 'vendor' と一緒にだけ使います",
                      "'service' goes with 'vendor' only"));
    if (member(e, "price"))
        yen_member(p, e, "price", &b->price);
    else if (priced)
        missing(p, e, "price");
}

static void read_bids(struct tp *p, const struct cv_node *root)
{
    const struct cv_node *n = member(root, "bids"), *e;
    const struct cv_node **nodes;
    bool priced = p->t->method != CV_TENDER_TECHNICAL_ONLY;
    size_t i = 0;
    if (!n) {
        missing(p, root, "bids");
        return;
    }
    if (n->kind != CV_NODE_ARRAY || n->count > MAX_BIDS) {
        tp_error(p, n, TP_L(p, "'bids' は 10000 件までの配列です",
                            "'bids' must be a list of at most 10000 bids"));
        return;
    }
    p->t->bids = cv_arena_calloc(p->a, n->count ? n->count : 1,
                                 sizeof(*p->t->bids));
    if (!p->t->bids) {
        p->st = CV_ENOMEM;
        return;
    }
    nodes = cv_arena_calloc(p->a, n->count ? n->count : 1, sizeof(*nodes));
    if (!nodes) {
        p->st = CV_ENOMEM;
        return;
    }
    for (e = n->first; e; e = e->next, i++) {
        nodes[i] = e;
        read_bid(p, e, &p->t->bids[i], priced);
    }
    p->t->nbids = i;
    check_duplicates(p, nodes);
}

/* What each method needs and what it must not have. */
static void read_method_parts(struct tp *p, const struct cv_node *root)
{
    struct cv_tender_def *t = p->t;
    int formula;
    bool additive = t->method == CV_TENDER_ADDITIVE;
    bool division = t->method == CV_TENDER_DIVISION;

    formula = word_member(p, root, "price_formula", formula_words, additive);
    if (formula >= 0 && !additive)
        tp_error(p, member(root, "price_formula"),
                 TP_L(p, "価格点の式は加算方式 (additive) にだけあります",
                      "a price formula belongs to the additive method only"));
    if (formula >= 0)
        t->formula = (enum cv_price_formula)formula;
    if (division && !member(root, "division_scale"))
        missing(p, root, "division_scale");
    else if (!division && member(root, "division_scale"))
        tp_error(p, member(root, "division_scale"),
                 TP_L(p, "'division_scale' は除算方式 (division) にだけあります",
                      "'division_scale' belongs to the division method only"));
    else if (division)
        number_member(p, root, "division_scale", 0, true, 1e15,
                      &t->division_scale);
    if (member(root, "ceiling"))
        yen_member(p, root, "ceiling", &t->ceiling);
    else if (additive && t->formula == CV_PRICE_FROM_CEILING)
        missing(p, root, "ceiling");
    if (member(root, "minimum_technical")) {
        t->has_minimum = number_member(p, root, "minimum_technical", 0, false,
                                       t->technical_points > 0
                                           ? t->technical_points
                                           : MAX_POINTS,
                                       &t->minimum_technical);
    }
}

static const char *const top_members[] = {
    "format",   "id",        "title",   "profile",          "method",
    "points",   "price_formula", "division_scale", "ceiling", "tax",
    "rounding", "tie_break", "minimum_technical", "bids",   "source",
    "note",     NULL
};

static void read_root(struct tp *p, const struct cv_node *root)
{
    const char *format;
    int method;
    if (!check_members(p, root, "/", top_members))
        return;
    format = string_member(p, root, "format", true);
    if (format && strcmp(format, TENDER_FORMAT) != 0)
        tp_error(p, member(root, "format"),
                 TP_L(p, "\"format\" は '%s' でなければなりません",
                      "\"format\" must be '%s'"),
                 TENDER_FORMAT);
    p->t->id = string_member(p, root, "id", true);
    string_member(p, root, "source", false);
    string_member(p, root, "note", false);
    read_title(p, root);
    read_profile(p, root);
    method = word_member(p, root, "method", method_words, true);
    if (method >= 0)
        p->t->method = (enum cv_tender_method)method;
    read_points(p, root);
    read_method_parts(p, root);
    read_tax(p, root);
    read_rounding(p, root);
    read_tie_break(p, root);
    read_bids(p, root);
}

cv_status cv_tender_parse(struct cv_tender_def *out, const struct cv_criteria *crit,
                          const char *path, const void *buf, size_t len,
                          struct cv_arena *a, struct cv_diags *diags)
{
    struct tp p;
    struct cv_node *root = NULL;
    struct cv_load_req req;
    cv_status st;

    memset(out, 0, sizeof(*out));
    memset(&p, 0, sizeof(p));
    p.t = out;
    p.crit = crit;
    p.a = a;
    p.diags = diags;
    p.file = cv_arena_strdup(a, path);
    if (!p.file)
        return CV_ENOMEM;
    out->file = p.file;
    req.source = p.file;
    req.buf = buf;
    req.len = len;
    req.limits = &tender_limits;
    req.arena = a;
    req.diags = diags;
    st = cv_load_json(&root, &req);
    if (st != CV_OK)
        goto out;
    read_root(&p, root);
    st = p.st;
out:
    if (st != CV_OK && st != CV_ENOMEM)
        st = CV_ECRITERIA;
    return st;
}
