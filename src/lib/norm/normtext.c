/* SPDX-License-Identifier: MIT */
/* normtext.c: number, date, country and 法人番号 reading (see normtext.h). */
#include "normtext.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/unicode.h"

/* NFKC and trim; NULL on invalid UTF-8. */
static char *fold(struct cv_arena *a, const char *s, size_t len)
{
    char *t = cv_nfkc(a, s, len);
    char *end;
    if (!t)
        return NULL;
    while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
        t++;
    end = t + strlen(t);
    while (end > t && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
                       end[-1] == '\r'))
        *--end = '\0';
    return t;
}

static bool starts(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return false;
    *p += n;
    return true;
}

static bool read_uint(const char **p, int max_digits, int *out)
{
    int v = 0, n = 0;
    while (**p >= '0' && **p <= '9' && n < max_digits) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n == 0 || (**p >= '0' && **p <= '9'))
        return false;
    *out = v;
    return true;
}

/* "M?D" after the year, with the separators of one style. */
static bool read_month_day(const char **p, const char *sep1, const char *sep2,
                           const char *tail, int *m, int *d)
{
    if (!read_uint(p, 2, m) || !starts(p, sep1) || !read_uint(p, 2, d))
        return false;
    (void)sep2;
    if (tail && !starts(p, tail))
        return false;
    return **p == '\0';
}

static bool read_ymd_tail(const char **p, int *m, int *d)
{
    const char *save = *p;
    if (starts(p, "-") && read_month_day(p, "-", NULL, NULL, m, d))
        return true;
    *p = save;
    if (starts(p, "/") && read_month_day(p, "/", NULL, NULL, m, d))
        return true;
    *p = save;
    if (starts(p, ".") && read_month_day(p, ".", NULL, NULL, m, d))
        return true;
    *p = save;
    if (starts(p, "年") && read_month_day(p, "月", NULL, "日", m, d))
        return true;
    *p = save;
    return false;
}

static const struct cv_era *find_era(const struct cv_eras *eras,
                                     const char **p)
{
    size_t i;
    for (i = 0; eras && i < eras->count; i++) {
        const char *save = *p;
        if (starts(p, eras->items[i].name))
            return &eras->items[i];
        *p = save;
        if (eras->items[i].letter && starts(p, eras->items[i].letter))
            return &eras->items[i];
        *p = save;
    }
    return NULL;
}

/* The first day of the era after `era` (eras may be listed in any order). */
static cv_day era_end(const struct cv_eras *eras, const struct cv_era *era)
{
    cv_day end = 0;
    bool found = false;
    size_t i;
    for (i = 0; i < eras->count; i++) {
        cv_day f = eras->items[i].first_day;
        if (f > era->first_day && (!found || f < end)) {
            end = f;
            found = true;
        }
    }
    return found ? end : 0;
}

static enum cv_norm_result era_date(const struct cv_eras *eras, const char *t,
                                    char iso[11])
{
    const char *p = t;
    const struct cv_era *era = find_era(eras, &p);
    int ey, m, d, y0, y;
    char first[11];
    cv_day day, end;
    if (!era)
        return CV_NORM_BAD;
    if (starts(&p, "元")) {
        ey = 1;
    } else if (!read_uint(&p, 2, &ey) || ey < 1) {
        return CV_NORM_BAD;
    }
    if (!read_ymd_tail(&p, &m, &d))
        return CV_NORM_BAD;
    cv_date_format(era->first_day, first);
    y0 = (first[0] - '0') * 1000 + (first[1] - '0') * 100 +
         (first[2] - '0') * 10 + (first[3] - '0');
    y = y0 + ey - 1;
    if (!cv_date_valid(y, m, d))
        return CV_NORM_BAD;
    day = cv_date_days(y, m, d);
    end = era_end(eras, era);
    if (day < era->first_day || (end && day >= end))
        return CV_NORM_BAD;
    cv_date_format(day, iso);
    return CV_NORM_CHANGED;
}

enum cv_norm_result cv_norm_date(const struct cv_eras *eras,
                                 struct cv_arena *scratch, const char *s,
                                 size_t len, char iso[11])
{
    cv_day day;
    const char *t, *p;
    int y, m, d;
    if (cv_date_parse_iso(s, len, &day)) {
        cv_date_format(day, iso);
        return CV_NORM_SAME;
    }
    t = fold(scratch, s, len);
    if (!t)
        return CV_NORM_BAD;
    p = t;
    if (*p >= '0' && *p <= '9') {
        if (!read_uint(&p, 4, &y) || !read_ymd_tail(&p, &m, &d) ||
            !cv_date_valid(y, m, d))
            return CV_NORM_BAD;
        cv_date_format(cv_date_days(y, m, d), iso);
        return CV_NORM_CHANGED;
    }
    return era_date(eras, t, iso);
}

/* Thousands commas are only a grouping: "1,000" is 1000, but "99,9"
 * (a decimal comma) is not a number we could read safely. Copies the
 * number at *p without its commas into buf; false when it is malformed. */
static bool take_number(const char **p, char *buf, size_t cap, size_t *n)
{
    const char *q = *p;
    bool digits = false, point = false;
    size_t group = 0;
    *n = 0;
#define PUT(c)                                                                \
    do {                                                                      \
        if (*n + 1 >= cap)                                                    \
            return false;                                                     \
        buf[(*n)++] = (c);                                                    \
    } while (0)
    if (*q == '+' || *q == '-')
        PUT(*q++);
    for (;; q++) {
        if (*q >= '0' && *q <= '9') {
            PUT(*q);
            digits = true;
            group++;
        } else if (*q == ',' && digits && !point && q[1] >= '0' &&
                   q[1] <= '9' && (group <= 3)) {
            size_t k = 0;
            while (q[1 + k] >= '0' && q[1 + k] <= '9')
                k++;
            if (k != 3)
                return false;
            group = 0;
        } else if (*q == '.' && !point) {
            PUT(*q);
            point = true;
        } else {
            break;
        }
    }
    if (!digits)
        return false;
    if ((*q == 'e' || *q == 'E') &&
        ((q[1] >= '0' && q[1] <= '9') ||
         ((q[1] == '+' || q[1] == '-') && q[2] >= '0' && q[2] <= '9'))) {
        PUT(*q++);
        if (*q == '+' || *q == '-')
            PUT(*q++);
        while (*q >= '0' && *q <= '9')
            PUT(*q++);
    }
#undef PUT
    buf[*n] = '\0';
    *p = q;
    return true;
}

enum cv_norm_result cv_norm_number(struct cv_arena *scratch, const char *s,
                                   size_t len, double *out)
{
    char buf[CV_DECIMAL_CAPACITY + 64];
    struct cv_decimal d;
    const char *t, *p;
    size_t n;
    t = fold(scratch, s, len);
    if (!t || !*t)
        return CV_NORM_BAD;
    p = t;
    if (!take_number(&p, buf, sizeof(buf), &n) || *p ||
        cv_decimal_parse(&d, buf, n) != CV_DECIMAL_OK)
        return CV_NORM_BAD;
    *out = cv_decimal_to_double(&d);
    if (!isfinite(*out))
        return CV_NORM_BAD;
    return strlen(t) != len || memcmp(t, s, len) != 0 || n != strlen(t)
               ? CV_NORM_CHANGED
               : CV_NORM_SAME;
}

/* ---- units and bounds ---- */

char *cv_units_fold(struct cv_arena *a, const char *s, size_t len)
{
    char *t = fold(a, s, len), *c;
    for (c = t; c && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return t;
}

const struct cv_unit_field *cv_units_field(const struct cv_units *u,
                                           const char *dotted)
{
    size_t i;
    for (i = 0; u && dotted && i < u->nfields; i++)
        if (strcmp(u->fields[i].field, dotted) == 0)
            return &u->fields[i];
    return NULL;
}

const struct cv_unit_field *
cv_units_field_of_schema(const struct cv_units *u, const struct cv_schema *s)
{
    size_t i;
    for (i = 0; u && s && i < u->nfields; i++)
        if (u->fields[i].schema == s)
            return &u->fields[i];
    return NULL;
}

static void skip_blanks(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

/* The longest word of `words` at *p; its length, 0 for none. */
static size_t word_at(const char *p, const char *word)
{
    size_t n = strlen(word);
    return n && strncmp(p, word, n) == 0 ? n : 0;
}

static const struct cv_bound_word *bound_at(const struct cv_units *u,
                                            const char **p, bool prefix)
{
    const struct cv_bound_word *best = NULL;
    size_t best_n = 0, i;
    for (i = 0; u && i < u->nbounds; i++) {
        size_t n = u->bounds[i].prefix == prefix
                       ? word_at(*p, u->bounds[i].word)
                       : 0;
        if (n > best_n) {
            best = &u->bounds[i];
            best_n = n;
        }
    }
    *p += best_n;
    return best;
}

static const struct cv_unit *unit_at(const struct cv_units *u,
                                     const char **p)
{
    const struct cv_unit *best = NULL;
    size_t best_n = 0, i, j;
    for (i = 0; u && i < u->nunits; i++)
        for (j = 0; j < u->units[i].nwords; j++) {
            size_t n = word_at(*p, u->units[i].words[j]);
            if (n > best_n) {
                best = &u->units[i];
                best_n = n;
            }
        }
    *p += best_n;
    return best;
}

/* Folds one bound word into the quantity; false when it contradicts a
 * bound already read. */
static bool apply_bound(struct cv_quantity *q, const struct cv_bound_word *b)
{
    if (b->approximate) {
        q->approximate = true;
        if (!q->approx_word)
            q->approx_word = b->word;
    }
    if (b->bound == CV_QUAL_EXACT)
        return true;
    if (q->qualifier != CV_QUAL_EXACT && q->qualifier != b->bound)
        return false;
    q->qualifier = b->bound;
    return true;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* num/den = (a_num/a_den) / (b_num/b_den), reduced; false when it does
 * not fit the factor limit. */
static bool ratio(uint32_t a_num, uint32_t a_den, uint32_t b_num,
                  uint32_t b_den, uint32_t *num, uint32_t *den)
{
    uint64_t n = (uint64_t)a_num * b_den, d = (uint64_t)a_den * b_num, g;
    if (d == 0)
        return false;
    g = gcd64(n, d);
    if (g > 1) {
        n /= g;
        d /= g;
    }
    if (n > CV_DECIMAL_MAX_FACTOR || d > CV_DECIMAL_MAX_FACTOR || n == 0)
        return false;
    *num = (uint32_t)n;
    *den = (uint32_t)d;
    return true;
}

/* Sets the interval from the value, its unit and its bound word. */
static enum cv_qty_result convert(struct cv_quantity *q,
                                  const struct cv_unit *field_unit)
{
    const struct cv_unit *u = q->unit ? q->unit : field_unit;
    struct cv_qbound lo = { true, false, 1, 1 }, hi = { true, false, 1, 1 };
    q->field_unit = field_unit;
    if (u && field_unit) {
        if (strcmp(u->dimension, field_unit->dimension) != 0)
            return CV_QTY_WRONG_UNIT;
        if (!ratio(u->lo_num, u->lo_den, field_unit->lo_num,
                   field_unit->lo_den, &lo.num, &lo.den))
            return CV_QTY_WRONG_UNIT;
        if (u->hi_den == 0)
            hi.present = false;
        else if (!ratio(u->hi_num, u->hi_den, field_unit->lo_num,
                        field_unit->lo_den, &hi.num, &hi.den))
            return CV_QTY_WRONG_UNIT;
        q->inexact = !hi.present || hi.num != lo.num || hi.den != lo.den;
    } else if (q->unit) {
        return CV_QTY_WRONG_UNIT; /* the field takes a plain number */
    }
    if (q->value.negative) { /* a negative value reverses the ends */
        struct cv_qbound t = lo;
        lo = hi;
        hi = t;
    }
    if (q->qualifier == CV_QUAL_GE || q->qualifier == CV_QUAL_GT)
        hi.present = false;
    if (q->qualifier == CV_QUAL_LE || q->qualifier == CV_QUAL_LT)
        lo.present = false;
    lo.strict = q->qualifier == CV_QUAL_GT;
    hi.strict = q->qualifier == CV_QUAL_LT;
    q->lo = lo;
    q->hi = hi;
    return CV_QTY_SAME;
}

static enum cv_qty_result parse_decimal(struct cv_quantity *q,
                                        const char *s, size_t len)
{
    switch (cv_decimal_parse(&q->value, s, len)) {
    case CV_DECIMAL_OK:
        return CV_QTY_SAME;
    case CV_DECIMAL_RANGE:
        return CV_QTY_TOO_LONG;
    default:
        return CV_QTY_BAD;
    }
}

const char *cv_unit_at_most_ja(const struct cv_unit *u)
{
    return u && strcmp(u->dimension, "time") == 0 ? "以内" : "以下";
}

const char *cv_unit_name(const struct cv_unit *u, cv_lang lang)
{
    return u ? CV_L(lang, u->name_ja, u->name_en) : "";
}

static void put_end(struct cv_strbuf *out, const struct cv_quantity *q,
                    const struct cv_qbound *b)
{
    char buf[CV_DECIMAL_CAPACITY + 48];
    cv_quantity_end_text(q, b, buf, sizeof(buf));
    cv_strbuf_puts(out, buf);
}

void cv_quantity_describe(struct cv_strbuf *out, const struct cv_quantity *q,
                          cv_lang lang)
{
    const char *unit = cv_unit_name(q->field_unit, lang);
    const char *sep = *unit ? " " : "";
    bool lo = q->lo.present, hi = q->hi.present;
    if (q->approximate)
        cv_strbuf_puts(out, CV_L(lang, "約 ", "about "));
    if (lo && hi && q->lo.num == q->hi.num && q->lo.den == q->hi.den) {
        put_end(out, q, &q->lo);
        cv_strbuf_printf(out, "%s%s", sep, unit);
    } else if (lo && hi) {
        put_end(out, q, &q->lo);
        cv_strbuf_puts(out, CV_L(lang, "〜", " to "));
        put_end(out, q, &q->hi);
        cv_strbuf_printf(out, "%s%s", sep, unit);
    } else if (lo) {
        if (lang != CV_LANG_EN) {
            put_end(out, q, &q->lo);
            cv_strbuf_printf(out, "%s%s%s", sep, unit,
                             q->lo.strict ? "超" : "以上");
        } else {
            cv_strbuf_puts(out, q->lo.strict ? "more than " : "at least ");
            put_end(out, q, &q->lo);
            cv_strbuf_printf(out, "%s%s", sep, unit);
        }
    } else if (hi) {
        if (lang != CV_LANG_EN) {
            put_end(out, q, &q->hi);
            cv_strbuf_printf(out, "%s%s%s", sep, unit,
                             q->hi.strict ? "未満" : cv_unit_at_most_ja(q->field_unit));
        } else {
            cv_strbuf_puts(out, q->hi.strict ? "less than " : "at most ");
            put_end(out, q, &q->hi);
            cv_strbuf_printf(out, "%s%s", sep, unit);
        }
    } else {
        cv_strbuf_puts(out, "?");
    }
}

enum cv_qty_result cv_quantity_plain(const struct cv_unit *field_unit,
                                     const char *s, size_t len,
                                     struct cv_quantity *out)
{
    enum cv_qty_result r;
    memset(out, 0, sizeof(*out));
    r = parse_decimal(out, s, len);
    return r == CV_QTY_SAME ? convert(out, field_unit) : r;
}

enum cv_qty_result cv_norm_quantity(const struct cv_units *u,
                                    const struct cv_unit *field_unit,
                                    struct cv_arena *scratch, const char *s,
                                    size_t len, struct cv_quantity *out,
                                    const char **what, size_t *what_len)
{
    char buf[CV_DECIMAL_CAPACITY + 64];
    const struct cv_bound_word *b;
    const char *t, *p;
    size_t n;
    bool changed;
    enum cv_qty_result r;

    memset(out, 0, sizeof(*out));
    *what = NULL;
    *what_len = 0;
    t = cv_units_fold(scratch, s, len);
    if (!t || !*t)
        return CV_QTY_BAD;
    changed = strlen(t) != len || memcmp(t, s, len) != 0;
    p = t;
    while ((b = bound_at(u, &p, true)) != NULL) {
        changed = true;
        if (!apply_bound(out, b)) {
            *what = b->word;
            *what_len = strlen(b->word);
            return CV_QTY_CONFLICT;
        }
        skip_blanks(&p);
    }
    if (!take_number(&p, buf, sizeof(buf), &n))
        return CV_QTY_BAD;
    if (n != (size_t)(p - t))
        changed = true; /* commas, or a bound word before it */
    r = parse_decimal(out, buf, n);
    if (r != CV_QTY_SAME)
        return r;
    skip_blanks(&p);
    out->unit = unit_at(u, &p);
    for (skip_blanks(&p); *p; skip_blanks(&p)) {
        const char *at = p;
        b = bound_at(u, &p, false);
        if (!b) {
            *what = at;
            *what_len = strlen(at);
            return CV_QTY_UNKNOWN_UNIT;
        }
        if (!apply_bound(out, b)) {
            *what = b->word;
            *what_len = strlen(b->word);
            return CV_QTY_CONFLICT;
        }
    }
    if (out->unit || out->qualifier != CV_QUAL_EXACT || out->approximate)
        changed = true;
    r = convert(out, field_unit);
    if (r == CV_QTY_WRONG_UNIT && out->unit) {
        *what = out->unit->id;
        *what_len = strlen(out->unit->id);
    }
    if (r != CV_QTY_SAME)
        return r;
    return changed ? CV_QTY_CHANGED : CV_QTY_SAME;
}

static int cmp_country_key(const void *k, const void *e)
{
    return strcmp((const char *)k,
                  ((const struct cv_country_name *)e)->key);
}

static const struct cv_country_name *
country_by_key(const struct cv_countries *t, const char *key)
{
    if (!t || t->nnames == 0)
        return NULL;
    return bsearch(key, t->names, t->nnames, sizeof(*t->names),
                   cmp_country_key);
}

bool cv_countries_law_field(const struct cv_countries *t,
                            const struct cv_schema *s)
{
    size_t i;
    for (i = 0; t && s && i < t->nlaw_fields; i++)
        if (t->law_fields[i] == s)
            return true;
    return false;
}

/* The country of `key` read as law form `f` (日本法 -> 日本), or NULL. */
static const char *law_form_country(const struct cv_countries *t,
                                    const struct cv_law_form *f,
                                    struct cv_arena *scratch, const char *key)
{
    size_t n = strlen(key), np = strlen(f->prefix), ns = strlen(f->suffix);
    const struct cv_country_name *c;
    char *middle;
    if (n <= np + ns || strncmp(key, f->prefix, np) != 0 ||
        strcmp(key + n - ns, f->suffix) != 0)
        return NULL;
    middle = cv_arena_strndup(scratch, key + np, n - np - ns);
    c = middle ? country_by_key(t, middle) : NULL;
    return c && c->adjective == f->adjective ? c->code : NULL;
}

/* The one country every law form that fits `key` names; NULL when none
 * fits, or two read it as different countries. */
static const char *law_country(const struct cv_countries *t,
                               struct cv_arena *scratch, const char *key)
{
    const char *found = NULL;
    size_t i;
    for (i = 0; i < t->nlaw_forms; i++) {
        const char *c = law_form_country(t, &t->law_forms[i], scratch, key);
        if (c && found && strcmp(c, found) != 0)
            return NULL;
        if (c)
            found = c;
    }
    return found;
}

enum cv_norm_result cv_norm_country(const struct cv_countries *t,
                                    struct cv_arena *scratch, const char *s,
                                    size_t len, bool law, char code[3])
{
    const struct cv_country_name *c;
    const char *found = NULL;
    char *key;
    if (!t)
        return CV_NORM_BAD;
    key = cv_fold_key(scratch, s, len);
    if (!key || !*key)
        return CV_NORM_BAD;
    c = country_by_key(t, key);
    if (c && !c->adjective)
        found = c->code;
    else if (law)
        found = law_country(t, scratch, key);
    if (!found || strlen(found) != 2)
        return CV_NORM_BAD;
    memcpy(code, found, 3);
    return len == 2 && memcmp(s, found, 2) == 0 ? CV_NORM_SAME
                                                : CV_NORM_CHANGED;
}

bool cv_corporate_number_valid(struct cv_arena *scratch, const char *s,
                               size_t len)
{
    char digits[14];
    size_t n = 0, i;
    int sum = 0;
    const char *t = fold(scratch, s, len);
    if (!t)
        return false;
    for (; *t; t++) {
        if (*t == '-' || *t == ' ')
            continue;
        if (*t < '0' || *t > '9' || n == 13)
            return false;
        digits[n++] = *t;
    }
    if (n != 13)
        return false;
    /* Base digits are digits[1..12]; position i counts from the right
     * (i = 1 is digits[12]); odd positions weigh 1, even positions 2. */
    for (i = 1; i <= 12; i++) {
        int dgt = digits[13 - i] - '0';
        sum += dgt * (i % 2 == 1 ? 1 : 2);
    }
    return digits[0] - '0' == 9 - sum % 9;
}
