/* SPDX-License-Identifier: MIT */
/* normtext.c: number, date, country and 法人番号 reading (see normtext.h). */
#include "normtext.h"

#include <stdio.h>
#include <errno.h>
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

enum cv_norm_result cv_norm_number(struct cv_arena *scratch, const char *s,
                                   size_t len, double *out)
{
    static const char *const suffixes[] = { "%", "時間", "日", "hours", "hour",
                                            "days", "day", "h", NULL };
    char *t, *w, *r, *end;
    size_t i, n;
    double v;
    bool changed;
    t = fold(scratch, s, len);
    if (!t || !*t)
        return CV_NORM_BAD;
    changed = strlen(t) != len || memcmp(t, s, len) != 0;
    n = strlen(t);
    for (i = 0; suffixes[i]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && strcmp(t + n - k, suffixes[i]) == 0) {
            t[n - k] = '\0';
            changed = true;
            break;
        }
    }
    /* Drop thousands separators and inner blanks. */
    for (r = w = t; *r; r++) {
        if (*r == ',' || *r == ' ') {
            changed = true;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
    for (r = t; *r; r++)
        if (!((*r >= '0' && *r <= '9') || *r == '.' ||
              ((*r == '-' || *r == '+') && r == t)))
            return CV_NORM_BAD;
    errno = 0;
    v = strtod(t, &end);
    if (end == t || *end || errno == ERANGE || !isfinite(v))
        return CV_NORM_BAD;
    *out = v;
    return changed ? CV_NORM_CHANGED : CV_NORM_SAME;
}

enum cv_norm_result cv_norm_country(struct cv_arena *scratch, const char *s,
                                    size_t len, char code[3])
{
    char *t;
    if (len == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z') {
        code[0] = s[0];
        code[1] = s[1];
        code[2] = '\0';
        return CV_NORM_SAME;
    }
    t = fold(scratch, s, len);
    if (!t)
        return CV_NORM_BAD;
    if (strcmp(t, "日本") == 0 || strcmp(t, "日本国") == 0 ||
        strcmp(t, "Japan") == 0 || strcmp(t, "JAPAN") == 0 ||
        strcmp(t, "JPN") == 0) {
        memcpy(code, "JP", 3);
        return CV_NORM_CHANGED;
    }
    if (strlen(t) == 2 && ((t[0] >= 'A' && t[0] <= 'Z') ||
                           (t[0] >= 'a' && t[0] <= 'z')) &&
        ((t[1] >= 'A' && t[1] <= 'Z') || (t[1] >= 'a' && t[1] <= 'z'))) {
        code[0] = (char)(t[0] & ~0x20);
        code[1] = (char)(t[1] & ~0x20);
        code[2] = '\0';
        return CV_NORM_CHANGED;
    }
    return CV_NORM_BAD;
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
