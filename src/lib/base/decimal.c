/* SPDX-License-Identifier: MIT */
/* decimal.c: exact decimals and the intervals of stated values (see
 * decimal.h). */
#include "decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void set_zero(struct cv_decimal *d)
{
    d->negative = false;
    d->ndigits = 0;
    d->exponent = 0;
}

/* Reading the mantissa: zeros are held back until a non-zero digit shows
 * they are not trailing, so a run of zeros never costs capacity. */
struct mantissa {
    struct cv_decimal *d;
    size_t pending_zeros;
    long int_digits;     /* digits before the point, leading zeros too */
    long leading_zeros;  /* zeros before the first non-zero digit */
    bool seen_nonzero;
    bool too_long;
};

static void mantissa_digit(struct mantissa *m, char c, bool integer_part)
{
    if (integer_part && m->int_digits < CV_DECIMAL_MAX_EXPONENT * 2)
        m->int_digits++;
    if (c == '0') {
        if (!m->seen_nonzero) {
            if (m->leading_zeros < CV_DECIMAL_MAX_EXPONENT * 2)
                m->leading_zeros++;
        } else {
            m->pending_zeros++;
        }
        return;
    }
    m->seen_nonzero = true;
    if (m->d->ndigits + m->pending_zeros + 1 > CV_DECIMAL_MAX_DIGITS) {
        m->too_long = true;
        return;
    }
    memset(m->d->digits + m->d->ndigits, '0', m->pending_zeros);
    m->d->ndigits += m->pending_zeros;
    m->pending_zeros = 0;
    m->d->digits[m->d->ndigits++] = c;
}

/* [e [+-] digits] at s[*i]; false on a malformed exponent. */
static bool read_exponent(const char *s, size_t len, size_t *i, long *e,
                          bool *huge)
{
    bool neg = false;
    size_t start;
    *e = 0;
    if (*i >= len || (s[*i] != 'e' && s[*i] != 'E'))
        return true;
    (*i)++;
    if (*i < len && (s[*i] == '+' || s[*i] == '-'))
        neg = s[(*i)++] == '-';
    start = *i;
    while (*i < len && is_digit(s[*i])) {
        if (*e > CV_DECIMAL_MAX_EXPONENT * 10)
            *huge = true;
        else
            *e = *e * 10 + (s[*i] - '0');
        (*i)++;
    }
    if (neg)
        *e = -*e;
    return *i > start;
}

enum cv_decimal_parse cv_decimal_parse(struct cv_decimal *out, const char *s,
                                       size_t len)
{
    struct mantissa m;
    size_t i = 0, ndig = 0;
    bool negative = false, huge = false;
    long e;

    set_zero(out);
    memset(&m, 0, sizeof(m));
    m.d = out;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    for (; i < len && is_digit(s[i]); i++, ndig++)
        mantissa_digit(&m, s[i], true);
    if (i < len && s[i] == '.') {
        for (i++; i < len && is_digit(s[i]); i++, ndig++)
            mantissa_digit(&m, s[i], false);
    }
    if (ndig == 0 || !read_exponent(s, len, &i, &e, &huge) || i != len)
        return CV_DECIMAL_SYNTAX;
    if (m.too_long || huge)
        return CV_DECIMAL_RANGE;
    if (!m.seen_nonzero) {
        set_zero(out);
        return CV_DECIMAL_OK;
    }
    out->negative = negative;
    out->exponent = m.int_digits - m.leading_zeros + e;
    if (out->exponent > CV_DECIMAL_MAX_EXPONENT ||
        out->exponent < -CV_DECIMAL_MAX_EXPONENT)
        return CV_DECIMAL_RANGE;
    return CV_DECIMAL_OK;
}

void cv_decimal_from_double(struct cv_decimal *out, double v)
{
    char buf[64];
    int prec;
    set_zero(out);
    if (!isfinite(v))
        return;
    /* The shortest of 15 to 17 digits that reads back as v. */
    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (cv_decimal_parse(out, buf, strlen(buf)) != CV_DECIMAL_OK)
        set_zero(out);
}

bool cv_decimal_is_zero(const struct cv_decimal *d)
{
    return d->ndigits == 0;
}

bool cv_decimal_is_integer(const struct cv_decimal *d)
{
    return d->ndigits == 0 || d->exponent >= (long)d->ndigits;
}

static int cmp_magnitude(const struct cv_decimal *a, const struct cv_decimal *b)
{
    size_t i, n = a->ndigits > b->ndigits ? a->ndigits : b->ndigits;
    if (a->exponent != b->exponent)
        return a->exponent > b->exponent ? 1 : -1;
    for (i = 0; i < n; i++) {
        char da = i < a->ndigits ? a->digits[i] : '0';
        char db = i < b->ndigits ? b->digits[i] : '0';
        if (da != db)
            return da > db ? 1 : -1;
    }
    return 0;
}

static int sign_of(const struct cv_decimal *d)
{
    return d->ndigits == 0 ? 0 : d->negative ? -1 : 1;
}

int cv_decimal_cmp(const struct cv_decimal *a, const struct cv_decimal *b)
{
    int sa = sign_of(a), sb = sign_of(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    return sa > 0 ? cmp_magnitude(a, b) : -cmp_magnitude(a, b);
}

bool cv_decimal_mul(struct cv_decimal *out, const struct cv_decimal *a,
                    uint32_t k)
{
    char tmp[CV_DECIMAL_CAPACITY + 12];
    size_t n = a->ndigits, start = sizeof(tmp), end, i;
    uint64_t carry = 0;
    bool negative = a->negative;
    long exponent = a->exponent;

    if (k == 0 || n == 0) {
        set_zero(out);
        return true;
    }
    /* Digits from the last: tmp[start..end) holds the product. */
    end = sizeof(tmp);
    for (i = n; i-- > 0;) {
        uint64_t t = (uint64_t)(a->digits[i] - '0') * k + carry;
        tmp[--start] = (char)('0' + t % 10);
        carry = t / 10;
    }
    while (carry) {
        if (start == 0)
            return false;
        tmp[--start] = (char)('0' + carry % 10);
        carry /= 10;
        exponent++;
    }
    while (end > start && tmp[end - 1] == '0')
        end--;
    if (end - start > CV_DECIMAL_CAPACITY)
        return false;
    memcpy(out->digits, tmp + start, end - start);
    out->ndigits = end - start;
    out->exponent = exponent;
    out->negative = negative;
    return true;
}

double cv_decimal_to_double(const struct cv_decimal *d)
{
    char buf[CV_DECIMAL_CAPACITY + 40];
    if (d->ndigits == 0)
        return 0.0;
    snprintf(buf, sizeof(buf), "%s0.%.*se%ld", d->negative ? "-" : "",
             (int)d->ndigits, d->digits, d->exponent);
    return strtod(buf, NULL);
}

/* A bounded writer: counts what it would need, writes what fits. */
struct out {
    char *buf;
    size_t cap, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++, o->len++)
        if (o->len + 1 < o->cap)
            o->buf[o->len] = s[i];
}

static void put_zeros(struct out *o, size_t n)
{
    while (n--)
        put(o, "0", 1);
}

size_t cv_decimal_format(const struct cv_decimal *d, char *buf, size_t cap)
{
    struct out o = { buf, cap, 0 };
    long e = d->exponent;
    size_t n = d->ndigits;
    if (n == 0) {
        put(&o, "0", 1);
    } else {
        long plain = e <= 0 ? 2 - e + (long)n
                     : e < (long)n ? (long)n + 1
                                   : e;
        if (d->negative)
            put(&o, "-", 1);
        if (plain > 40) {
            char exp[32];
            int k = snprintf(exp, sizeof(exp), "e%+ld", e - 1);
            put(&o, d->digits, 1);
            if (n > 1) {
                put(&o, ".", 1);
                put(&o, d->digits + 1, n - 1);
            }
            put(&o, exp, (size_t)k);
        } else if (e <= 0) {
            put(&o, "0.", 2);
            put_zeros(&o, (size_t)-e);
            put(&o, d->digits, n);
        } else if (e < (long)n) {
            put(&o, d->digits, (size_t)e);
            put(&o, ".", 1);
            put(&o, d->digits + e, n - (size_t)e);
        } else {
            put(&o, d->digits, n);
            put_zeros(&o, (size_t)e - n);
        }
    }
    if (cap)
        buf[o.len < cap ? o.len : cap - 1] = '\0';
    return o.len;
}

/* ---- quantities ---- */

/* cmp(value × num / den, t), as cmp(value × num, t × den). */
bool cv_quantity_end_cmp(const struct cv_quantity *q, const struct cv_qbound *b,
                         const struct cv_decimal *t, int *out)
{
    struct cv_decimal l, r;
    if (!cv_decimal_mul(&l, &q->value, b->num) ||
        !cv_decimal_mul(&r, t, b->den))
        return false;
    *out = cv_decimal_cmp(&l, &r);
    return true;
}

/* The end `op` needs for every value to pass it: the lower end for ≥ and
 * >, the upper end for ≤ and <. */
static bool opened_by_qualifier(const struct cv_quantity *q, enum cv_qop op)
{
    bool no_lo = q->qualifier == CV_QUAL_LE || q->qualifier == CV_QUAL_LT;
    bool no_hi = q->qualifier == CV_QUAL_GE || q->qualifier == CV_QUAL_GT;
    switch (op) {
    case CV_QOP_GE:
    case CV_QOP_GT:
        return no_lo;
    case CV_QOP_LE:
    case CV_QOP_LT:
        return no_hi;
    default:
        return no_lo || no_hi;
    }
}

enum cv_qtest cv_quantity_test(const struct cv_quantity *q, enum cv_qop op,
                               const struct cv_decimal *t)
{
    bool lo = q->lo.present, hi = q->hi.present, all = false, none = false;
    int clo = 0, chi = 0;
    if ((lo && !cv_quantity_end_cmp(q, &q->lo, t, &clo)) ||
        (hi && !cv_quantity_end_cmp(q, &q->hi, t, &chi)))
        return CV_QTEST_INEXACT;
    /* lo_above: the lower end excludes t and everything below it. */
    switch (op) {
    case CV_QOP_GE:
        all = lo && clo >= 0;
        none = hi && (chi < 0 || (chi == 0 && q->hi.strict));
        break;
    case CV_QOP_GT:
        all = lo && (clo > 0 || (clo == 0 && q->lo.strict));
        none = hi && chi <= 0;
        break;
    case CV_QOP_LE:
        all = hi && chi <= 0;
        none = lo && (clo > 0 || (clo == 0 && q->lo.strict));
        break;
    case CV_QOP_LT:
        all = hi && (chi < 0 || (chi == 0 && q->hi.strict));
        none = lo && clo >= 0;
        break;
    case CV_QOP_EQ:
        all = lo && hi && !q->lo.strict && !q->hi.strict && clo == 0 &&
              chi == 0;
        none = (lo && (clo > 0 || (clo == 0 && q->lo.strict))) ||
               (hi && (chi < 0 || (chi == 0 && q->hi.strict)));
        break;
    }
    if (all)
        return CV_QTEST_HOLDS;
    if (none)
        return CV_QTEST_FAILS;
    if (opened_by_qualifier(q, op) || !q->inexact)
        return CV_QTEST_OPEN;
    return CV_QTEST_INEXACT;
}

bool cv_quantity_end(const struct cv_quantity *q, const struct cv_qbound *b,
                     struct cv_decimal *out)
{
    /* value × num / den is a decimal when den divides a power of ten:
     * value × num × (10^k / den) × 10^-k. */
    uint64_t pow = 1;
    long k;
    for (k = 0; k <= 9; k++, pow *= 10) {
        if (b->den == 0 || pow % b->den != 0)
            continue;
        if (!cv_decimal_mul(out, &q->value, b->num) ||
            !cv_decimal_mul(out, out, (uint32_t)(pow / b->den)))
            return false;
        if (out->ndigits)
            out->exponent -= k;
        return true;
    }
    return false;
}

size_t cv_quantity_end_text(const struct cv_quantity *q,
                            const struct cv_qbound *b, char *buf, size_t cap)
{
    struct cv_decimal d;
    int n;
    if (cv_quantity_end(q, b, &d))
        return cv_decimal_format(&d, buf, cap);
    n = snprintf(buf, cap, "%.4f",
                 cv_decimal_to_double(&q->value) * b->num / b->den);
    return n < 0 ? 0 : (size_t)n;
}
