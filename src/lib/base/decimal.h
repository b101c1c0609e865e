/* SPDX-License-Identifier: MIT */
/*
 * decimal.h: numbers compared as the vendor wrote them.
 *
 * A threshold is compared on the decimal value written, not on the double
 * it rounds to: `99.89999999999999999` is below 99.9, although both are
 * the same double. A cv_decimal keeps the significant digits and the
 * position of the decimal point, so comparing two of them is comparing
 * digit strings; a value converted into another unit is kept as that
 * decimal times a small rational factor (10 min = 10 × 1/60 h), and a
 * comparison multiplies out the factors instead of dividing.
 *
 * A cv_quantity is what a stated value commits to, in the unit of its
 * field: an interval whose ends are such products. `12時間以内` is
 * (−∞, 12]; `3か月` is [84, 93] days (a month is 28 to 31 days);
 * `90営業日` is [90, ∞) days. A test against a threshold holds only when
 * every value of the interval passes it.
 */
#ifndef CV_DECIMAL_H
#define CV_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Significant digits accepted in a number as written; more is refused
 * (with a diagnostic), never rounded. */
#define CV_DECIMAL_MAX_DIGITS 200
/* The decimal exponent accepted, either side. */
#define CV_DECIMAL_MAX_EXPONENT 100000L
/* Room for a product by two factors of up to CV_DECIMAL_MAX_FACTOR. */
#define CV_DECIMAL_CAPACITY (CV_DECIMAL_MAX_DIGITS + 24)
/* The largest numerator or denominator of a unit factor. */
#define CV_DECIMAL_MAX_FACTOR 100000000u

/* value = (−1)^negative × 0.d1 d2 … dn × 10^exponent; zero has no digit.
 * Digits are ASCII, without leading or trailing zeros. */
struct cv_decimal {
    bool negative;
    size_t ndigits;
    long exponent;
    char digits[CV_DECIMAL_CAPACITY];
};

enum cv_decimal_parse {
    CV_DECIMAL_OK,
    CV_DECIMAL_SYNTAX, /* not a decimal number */
    CV_DECIMAL_RANGE   /* too many digits, or an exponent beyond the limit */
};

/* [+-] digits [. digits] [e [+-] digits], or [+-] . digits; ASCII only,
 * nothing else around it (the normaliser strips units and blanks). */
enum cv_decimal_parse cv_decimal_parse(struct cv_decimal *out, const char *s,
                                       size_t len);
/* The decimal nearest to a double (17 significant digits: exact for the
 * integers and the simple values a schema's minimum and maximum are). */
void cv_decimal_from_double(struct cv_decimal *out, double v);
/* −1, 0, 1 as a < b, a = b, a > b. */
int cv_decimal_cmp(const struct cv_decimal *a, const struct cv_decimal *b);
/* out = a × k; false when the product does not fit (never for factors up
 * to CV_DECIMAL_MAX_FACTOR applied twice). `out` may be `a`. */
bool cv_decimal_mul(struct cv_decimal *out, const struct cv_decimal *a,
                    uint32_t k);
bool cv_decimal_is_integer(const struct cv_decimal *d);
bool cv_decimal_is_zero(const struct cv_decimal *d);
/* The nearest double (±HUGE_VAL beyond its range). */
double cv_decimal_to_double(const struct cv_decimal *d);
/* Plain notation ("-0.0012", "99.9", "1200"); scientific ("1.5e+300")
 * when that would be longer than 40 characters. Truncated to cap - 1
 * bytes; returns the length it needed. */
size_t cv_decimal_format(const struct cv_decimal *d, char *buf, size_t cap);

/* ---- quantities ---- */

struct cv_unit; /* norm/normtext.h: a unit of the units table */

/* One end of an interval: value × num / den in the field's unit. */
struct cv_qbound {
    bool present; /* false: unbounded on this side */
    bool strict;  /* excludes the end itself (未満, 超) */
    uint32_t num, den;
};

/* What the vendor wrote for a typed number. */
enum cv_qualifier {
    CV_QUAL_EXACT = 0, /* a value, no bound word */
    CV_QUAL_GE,        /* 以上, or more, at least */
    CV_QUAL_GT,        /* 超, more than */
    CV_QUAL_LE,        /* 以下, 以内, まで, within, at most */
    CV_QUAL_LT         /* 未満, less than */
};

struct cv_quantity {
    struct cv_decimal value;          /* the number as written */
    const struct cv_unit *unit;       /* the unit written, or NULL */
    const struct cv_unit *field_unit; /* the field's unit, or NULL */
    enum cv_qualifier qualifier;
    bool approximate;                 /* 約, 程度, 目標: no commitment */
    const char *approx_word;          /* the word that said so */
    bool inexact;                     /* the unit converts to a range */
    struct cv_qbound lo, hi;          /* in the field's unit */
};

enum cv_qtest {
    CV_QTEST_FAILS = 0, /* no value of the interval passes */
    CV_QTEST_HOLDS = 1, /* every value passes */
    CV_QTEST_OPEN,      /* some pass: the vendor's bound promises too little */
    CV_QTEST_INEXACT    /* some pass because the unit converts to a range */
};

enum cv_qop { CV_QOP_GE, CV_QOP_GT, CV_QOP_LE, CV_QOP_LT, CV_QOP_EQ };

/* Whether every value the quantity allows passes `op threshold`. The
 * approximation flag is the caller's to weigh. */
enum cv_qtest cv_quantity_test(const struct cv_quantity *q, enum cv_qop op,
                               const struct cv_decimal *threshold);
/* cmp(end, t) into *cmp (−1, 0, 1); false when the product does not fit. */
bool cv_quantity_end_cmp(const struct cv_quantity *q, const struct cv_qbound *b,
                         const struct cv_decimal *t, int *cmp);
/* An end of the interval as a decimal; false when it is not one exactly
 * (a factor with a denominator that does not divide it). */
bool cv_quantity_end(const struct cv_quantity *q, const struct cv_qbound *b,
                     struct cv_decimal *out);
/* An end for display: exact when possible, else to 4 decimals. */
size_t cv_quantity_end_text(const struct cv_quantity *q,
                            const struct cv_qbound *b, char *buf, size_t cap);

#endif
