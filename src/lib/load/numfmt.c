/* SPDX-License-Identifier: MIT */
/*
 * numfmt.c: Excel's number formats, as far as a person reading a cell
 * needs them (numfmt.h, table.h): General's 15 significant digits, the
 * decimals, thousands separators and percent of a numeric format, and
 * dates and times in the 1900 or 1904 system.
 */
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/date.h"
#include "table.h"

#define MAX_DECIMALS 30 /* Excel's own bound */

const struct numfmt cv_numfmt_general = { FMT_GENERAL, 0, 0, false, false };

static struct numfmt fmt_number(unsigned dec, bool thousands, bool percent)
{
    struct numfmt f = { FMT_NUMBER, dec, dec, thousands, percent };
    return f;
}

static struct numfmt fmt_of_kind(enum fmt_kind kind)
{
    struct numfmt f = cv_numfmt_general;
    f.kind = kind;
    return f;
}

/* The builtin formats (ECMA-376 Part 1, 18.8.30). The currency and
 * accounting ids (5-8, 37-44) show their digits; the CJK ids are read as
 * a Japanese Excel defines them: 32 and 33 are times, the rest dates. */
struct numfmt cv_numfmt_builtin(int id)
{
    switch (id) {
    case 1:
        return fmt_number(0, false, false);
    case 2:
        return fmt_number(2, false, false);
    case 3: case 5: case 6: case 37: case 38: case 41: case 42:
        return fmt_number(0, true, false);
    case 4: case 7: case 8: case 39: case 40: case 43: case 44:
        return fmt_number(2, true, false);
    case 9:
        return fmt_number(0, false, true);
    case 10:
        return fmt_number(2, false, true);
    case 18: case 19: case 20: case 21: case 32: case 33: case 45: case 46:
    case 47:
        return fmt_of_kind(FMT_TIME);
    case 22:
        return fmt_of_kind(FMT_DATETIME);
    default:
        if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) ||
            (id >= 50 && id <= 58))
            return fmt_of_kind(FMT_DATE);
        return cv_numfmt_general; /* 0, 11-13 (scientific, fractions), 48, 49 */
    }
}

/* s starts with `word` (lower case), ignoring ASCII case */
static bool starts_nocase(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (*s == '\0' || (*s >= 'A' && *s <= 'Z' ? *s + 32 : *s) != *word)
            return false;
    return true;
}

/*
 * A workbook's own format code, as far as the display needs it. Date or
 * time when a y/m/d/h/s token (or the era tokens g and e of Japanese
 * formats) stands outside "literals", [brackets] (colours, [$-411]
 * locales, [DBNum1]; but [h]/[mm]/[ss] are elapsed times) and the escapes
 * \x, _x and *x; else the decimals, thousands separator and percent of the
 * first section; General for the rest (scientific, fractions, text "@",
 * literal-only codes).
 */
struct numfmt cv_numfmt_compile(const char *code)
{
    struct numfmt f = cv_numfmt_general;
    bool date = false, month = false, time = false;
    bool digits = false, point = false, other = false;
    unsigned zeros = 0, places = 0;
    const char *p;

    for (p = code; *p && *p != ';'; p++) {
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                break;
            p = q;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1])
                p++;
        } else if (*p == '[') {
            const char *q = strchr(p + 1, ']');
            size_t n;
            if (!q)
                break;
            n = (size_t)(q - p - 1);
            if (n && strspn(p + 1, "hHmMsS") >= n)
                time = true;
            p = q;
        } else if (starts_nocase(p, "general")) {
            p += 6;
        } else if (starts_nocase(p, "am/pm")) {
            time = true;
            p += 4;
        } else if (starts_nocase(p, "a/p")) {
            time = true;
            p += 2;
        } else {
            switch (*p) {
            case 'y': case 'Y': case 'd': case 'D': case 'g': case 'G':
                date = true;
                break;
            case 'e': case 'E':
                if (p[1] == '+' || p[1] == '-')
                    other = true; /* 0.00E+00 */
                else
                    date = true; /* era year: [$-411]ge.m.d */
                break;
            case 'm': case 'M':
                month = true;
                break;
            case 'h': case 'H': case 's': case 'S':
                time = true;
                break;
            case '0': case '#': case '?':
                digits = true;
                if (point) {
                    places++;
                    zeros += *p == '0';
                }
                break;
            case '.':
                point = true;
                break;
            case ',':
                if (digits && !point &&
                    (p[1] == '0' || p[1] == '#' || p[1] == '?'))
                    f.thousands = true;
                break;
            case '%':
                f.percent = true;
                break;
            case '/': case '@':
                other = true;
                break;
            default:
                break;
            }
        }
    }
    if (date || month || time) {
        /* "m" is minutes next to h or s, months otherwise */
        bool has_date = date || (month && !time);
        return fmt_of_kind(has_date && time ? FMT_DATETIME
                           : has_date       ? FMT_DATE
                                            : FMT_TIME);
    }
    if (!digits || other)
        return cv_numfmt_general;
    if (places > MAX_DECIMALS)
        places = MAX_DECIMALS;
    f.kind = FMT_NUMBER;
    f.max_dec = places;
    f.min_dec = zeros > places ? places : zeros;
    return f;
}

/*
 * A finite double as the 15 significant decimal digits Excel keeps:
 * v = d[0].d[1]d[2]... x 10^exp, trailing zeros dropped, n == 0 for zero.
 * Every display rounds from these digits, which is why 5.0999999999999996
 * shows "5.1" and 2.675 under "0.00" shows "2.68", as in Excel.
 */
struct dec {
    char d[16];
    int n;
    int exp;
    bool neg;
};

static void dec_from(struct dec *x, double v)
{
    char buf[64];
    const char *p;
    int e = 0, sign = 1;

    memset(x, 0, sizeof(*x));
    if (v == 0 || !isfinite(v))
        return;
    x->neg = v < 0;
    /* glibc rounds %.14e correctly; the decimal point is the locale's,
     * so only the digits and the exponent are read back. */
    snprintf(buf, sizeof(buf), "%.14e", fabs(v));
    for (p = buf; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && x->n < 15)
            x->d[x->n++] = *p;
    if (*p == 'e') {
        p++;
        if (*p == '-' || *p == '+')
            sign = *p++ == '-' ? -1 : 1;
        for (; *p >= '0' && *p <= '9' && e < 10000; p++)
            e = e * 10 + (*p - '0');
    }
    x->exp = sign * e;
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
}

/* General: the shortest form of the 15 digits; scientific like Excel's
 * ("1E+21", "1.5E-10") outside 1E-9 .. 1E+15. */
static void put_general(struct cv_strbuf *out, double v)
{
    struct dec x;
    int i;

    dec_from(&x, v);
    if (x.n == 0) {
        cv_strbuf_putc(out, '0');
        return;
    }
    if (x.neg)
        cv_strbuf_putc(out, '-');
    if (x.exp >= 15 || x.exp < -9) {
        cv_strbuf_putc(out, x.d[0]);
        if (x.n > 1) {
            cv_strbuf_putc(out, '.');
            cv_strbuf_put(out, x.d + 1, (size_t)(x.n - 1));
        }
        cv_strbuf_printf(out, "E%c%02d", x.exp < 0 ? '-' : '+', abs(x.exp));
    } else if (x.exp >= 0) {
        for (i = 0; i <= x.exp; i++)
            cv_strbuf_putc(out, i < x.n ? x.d[i] : '0');
        if (x.n > x.exp + 1) {
            cv_strbuf_putc(out, '.');
            cv_strbuf_put(out, x.d + x.exp + 1, (size_t)(x.n - x.exp - 1));
        }
    } else {
        cv_strbuf_puts(out, "0.");
        for (i = 0; i < -x.exp - 1; i++)
            cv_strbuf_putc(out, '0');
        cv_strbuf_put(out, x.d, (size_t)x.n);
    }
}

/* A number format: rounded half away from zero on the 15 digits. */
static void put_fixed(struct cv_strbuf *out, double v, const struct numfmt *f)
{
    struct dec x;
    char frac[MAX_DECIMALS] = { 0 };
    int keep, i, flen = 0;

    dec_from(&x, v);
    if (f->percent && x.n > 0)
        x.exp += 2;
    keep = x.exp + 1 + (int)f->max_dec; /* digits left after rounding */
    if (x.n > 0 && keep < x.n) {
        bool up = keep >= 0 && x.d[keep] >= '5';
        x.n = keep < 0 ? 0 : keep;
        if (up) {
            for (i = x.n - 1; i >= 0 && x.d[i] == '9'; i--)
                ;
            if (i >= 0) {
                x.d[i]++;
                x.n = i + 1;
            } else { /* 9.99 -> 10.0, or 0.004 -> 0.01 */
                x.d[0] = '1';
                x.n = 1;
                x.exp++;
            }
        }
        while (x.n > 0 && x.d[x.n - 1] == '0')
            x.n--;
    }
    if (x.neg && x.n > 0)
        cv_strbuf_putc(out, '-');
    if (x.n == 0 || x.exp < 0) {
        cv_strbuf_putc(out, '0');
    } else {
        for (i = 0; i <= x.exp; i++) {
            if (f->thousands && i > 0 && (x.exp - i + 1) % 3 == 0)
                cv_strbuf_putc(out, ',');
            cv_strbuf_putc(out, i < x.n ? x.d[i] : '0');
        }
    }
    for (i = 0; i < (int)f->max_dec; i++) {
        int k = x.exp + 1 + i; /* the digit worth 10^-(i+1) */
        frac[flen++] = x.n > 0 && k >= 0 && k < x.n ? x.d[k] : '0';
    }
    while (flen > (int)f->min_dec && frac[flen - 1] == '0')
        flen--;
    if (flen > 0) {
        cv_strbuf_putc(out, '.');
        cv_strbuf_put(out, frac, (size_t)flen);
    }
    if (f->percent)
        cv_strbuf_putc(out, '%');
}

static void put_clock(struct cv_strbuf *out, long secs)
{
    cv_strbuf_printf(out, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
                     secs % 60);
}

/*
 * A date serial in ISO form; false (nothing written) for a serial Excel
 * cannot show as a date (it shows ####), which the caller shows General.
 * The 1900 system counts 1900-01-01 as 1 and keeps Lotus 1-2-3's
 * 1900-02-29 as 60, so from 61 on a serial is days since 1899-12-30; the
 * 1904 system counts from 1904-01-01 as 0. Times are rounded to the
 * second, as Excel displays them (so 45199.99999999999, an artefact of
 * arithmetic on dates, is the next day).
 */
static bool put_date(struct cv_strbuf *out, double v, enum fmt_kind kind,
                     bool date1904)
{
    cv_day last = cv_date_days(9999, 12, 31);
    cv_day base = date1904 ? cv_date_days(1904, 1, 1)
                           : cv_date_days(1899, 12, 30);
    double t;
    long days, secs;
    cv_day day;
    bool has_date;

    if (!(v >= 0) || v > (double)(last - base + 1))
        return false;
    t = floor(v * 86400.0 + 0.5);
    days = (long)(t / 86400.0);
    secs = (long)(t - (double)days * 86400.0);
    day = base + days;
    if (!date1904 && days < 61)
        day++; /* 1..59: before the invented day */
    if (day > last)
        return false;
    has_date = date1904 || days > 0; /* serial 0 is "1900-01-00" */
    if (kind == FMT_TIME || (kind == FMT_DATETIME && !has_date)) {
        if (kind != FMT_TIME && secs == 0)
            return false;
        put_clock(out, secs);
        return true;
    }
    if (!has_date)
        return false;
    if (!date1904 && days == 60) {
        cv_strbuf_puts(out, "1900-02-29");
    } else {
        char iso[11];
        cv_date_format(day, iso);
        cv_strbuf_puts(out, iso);
    }
    if (kind == FMT_DATETIME && secs) {
        cv_strbuf_putc(out, ' ');
        put_clock(out, secs);
    }
    return true;
}

void cv_numfmt_put(struct cv_strbuf *out, double v, const struct numfmt *f,
                       bool date1904)
{
    switch (f->kind) {
    case FMT_NUMBER:
        put_fixed(out, v, f);
        return;
    case FMT_DATE:
    case FMT_TIME:
    case FMT_DATETIME:
        if (put_date(out, v, f->kind, date1904))
            return;
        break;
    case FMT_GENERAL:
        break;
    }
    put_general(out, v);
}

void cv_table_format_number(struct cv_strbuf *out, double v, int numfmt_id,
                            const char *code, bool date1904)
{
    struct numfmt f = code ? cv_numfmt_compile(code) : cv_numfmt_builtin(numfmt_id);
    cv_numfmt_put(out, v, &f, date1904);
}
