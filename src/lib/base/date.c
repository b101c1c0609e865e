/* SPDX-License-Identifier: MIT */
/* date.c: day-number arithmetic (Howard Hinnant's civil-date algorithm). */
#include "date.h"


bool cv_date_valid(int y, int m, int d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int max;
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    max = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

cv_day cv_date_days(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool cv_date_parse_iso(const char *s, size_t len, cv_day *out)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !cv_date_valid(y, m, d))
        return false;
    *out = cv_date_days(y, m, d);
    return true;
}

void cv_date_format(cv_day day, char buf[11])
{
    long z = day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += (m <= 2);
    y %= 10000;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}
