/* SPDX-License-Identifier: MIT */
/* test_normtext.c: dates, numbers, countries, 法人番号, strbuf. */
#include <math.h>

#include "../harness/t.h"
#include "base/date.h"
#include "base/decimal.h"
#include "base/strbuf.h"
#include "norm/normtext.h"

static const struct cv_era eras_data[] = {
    { "令和", "R", 0 }, { "平成", "H", 0 }, { "昭和", "S", 0 }
};
static struct cv_era eras_items[3];
static struct cv_eras eras = { eras_items, 3 };

static void setup_eras(void)
{
    eras_items[0] = eras_data[0];
    eras_items[0].first_day = cv_date_days(2019, 5, 1);
    eras_items[1] = eras_data[1];
    eras_items[1].first_day = cv_date_days(1989, 1, 8);
    eras_items[2] = eras_data[2];
    eras_items[2].first_day = cv_date_days(1926, 12, 25);
}

static enum cv_norm_result date(const char *s, char iso[11])
{
    struct cv_arena a;
    enum cv_norm_result r;
    cv_arena_init(&a);
    r = cv_norm_date(&eras, &a, s, strlen(s), iso);
    cv_arena_release(&a);
    return r;
}

static void test_normtext__iso_dates(void)
{
    char iso[11];
    cv_day d;
    T_CHECK(date("2027-03-31", iso) == CV_NORM_SAME);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(date("2027-02-29", iso) == CV_NORM_BAD);
    T_CHECK(date("2024-02-29", iso) == CV_NORM_SAME);
    T_CHECK(date("2027/3/31", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(date("2027年3月31日", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(date("２０２７－０３－３１", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(cv_date_parse_iso("1970-01-01", 10, &d) && d == 0);
    cv_date_format(cv_date_days(2026, 11, 21), iso);
    T_STREQ(iso, "2026-11-21");
}

static void test_normtext__era_dates(void)
{
    char iso[11];
    setup_eras();
    T_CHECK(date("令和9年3月31日", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(date("R9.3.31", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2027-03-31");
    T_CHECK(date("令和元年5月1日", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2019-05-01");
    T_CHECK(date("令和８年１１月１０日", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2026-11-10");
    T_CHECK(date("H31.4.30", iso) == CV_NORM_CHANGED);
    T_STREQ(iso, "2019-04-30");
    /* Heisei ended on 2019-04-30: 平成31年5月1日 never existed. */
    T_CHECK(date("平成31年5月1日", iso) == CV_NORM_BAD);
    T_CHECK(date("令和1年4月30日", iso) == CV_NORM_BAD);
    T_CHECK(date("令和9年2月30日", iso) == CV_NORM_BAD);
    T_CHECK(date("明日", iso) == CV_NORM_BAD);
}

static void test_normtext__numbers(void)
{
    struct cv_arena a;
    double v = 0;
    cv_arena_init(&a);
    T_CHECK(cv_norm_number(&a, "99.9", 4, &v) == CV_NORM_SAME && v == 99.9);
    T_CHECK(cv_norm_number(&a, "９９．９５", strlen("９９．９５"), &v) ==
                CV_NORM_CHANGED &&
            fabs(v - 99.95) < 1e-9);
    T_CHECK(cv_norm_number(&a, "1,000", 5, &v) == CV_NORM_CHANGED && v == 1000);
    /* A plain number has no unit: units are read by cv_norm_quantity,
     * never stripped (they used to be: "4時間" read as 4 whatever the
     * field's unit). */
    T_CHECK(cv_norm_number(&a, "4時間", strlen("4時間"), &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "９９．９５％", strlen("９９．９５％"), &v) ==
            CV_NORM_BAD);
    /* A decimal comma is not a thousands separator. */
    T_CHECK(cv_norm_number(&a, "99,9", 4, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "1,0000", 6, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "abc", 3, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "1e999", 5, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "", 0, &v) == CV_NORM_BAD);
    cv_arena_release(&a);
}

static int dcmp(const char *x, const char *y)
{
    struct cv_decimal a, b;
    T_CHECK(cv_decimal_parse(&a, x, strlen(x)) == CV_DECIMAL_OK);
    T_CHECK(cv_decimal_parse(&b, y, strlen(y)) == CV_DECIMAL_OK);
    return cv_decimal_cmp(&a, &b);
}

static const char *dfmt(const char *x, char *buf, size_t cap)
{
    struct cv_decimal d;
    if (cv_decimal_parse(&d, x, strlen(x)) != CV_DECIMAL_OK)
        return "(bad)";
    cv_decimal_format(&d, buf, cap);
    return buf;
}

static void test_decimal__compare_as_written(void)
{
    char buf[64], big[260];
    struct cv_decimal d;
    /* 99.89999999999999999 and 99.9 are the same double. */
    T_CHECK(99.89999999999999999 == 99.9);
    T_CHECK(dcmp("99.89999999999999999", "99.9") < 0);
    T_CHECK(dcmp("99.9", "99.90000") == 0);  /* trailing zeros */
    T_CHECK(dcmp("099.9", "99.9") == 0);     /* leading zeros */
    T_CHECK(dcmp("9.99e1", "99.9") == 0);    /* exponents */
    T_CHECK(dcmp("999E-1", "99.9") == 0);
    T_CHECK(dcmp("0.999e+2", "99.9") == 0);
    T_CHECK(dcmp("-0", "0") == 0);
    T_CHECK(dcmp("-1", "0") < 0);
    T_CHECK(dcmp("-1.5", "-1.25") < 0);      /* negative */
    T_CHECK(dcmp("-0.001", "0.001") < 0);
    T_CHECK(dcmp("1e3", "999.999") > 0);
    T_CHECK(dcmp(".5", "0.5") == 0);
    T_CHECK(dcmp("0.000", "0e10") == 0);
    T_STREQ(dfmt("0099.900", buf, sizeof(buf)), "99.9");
    T_STREQ(dfmt("1.2e3", buf, sizeof(buf)), "1200");
    T_STREQ(dfmt("-12e-4", buf, sizeof(buf)), "-0.0012");
    T_STREQ(dfmt("1.5e300", buf, sizeof(buf)), "1.5e+300");
    T_STREQ(dfmt("-0.0", buf, sizeof(buf)), "0");
    /* Within the limit, digit by digit; beyond it, refused. */
    memset(big, '9', 200);
    big[200] = '\0';
    T_CHECK(cv_decimal_parse(&d, big, 200) == CV_DECIMAL_OK);
    memset(big, '9', 201);
    T_CHECK(cv_decimal_parse(&d, big, 201) == CV_DECIMAL_RANGE);
    /* Zeros cost nothing: 1 followed by 250 zeros is one digit. */
    big[0] = '1';
    memset(big + 1, '0', 250);
    T_CHECK(cv_decimal_parse(&d, big, 251) == CV_DECIMAL_OK &&
            d.ndigits == 1 && d.exponent == 251);
    T_CHECK(cv_decimal_parse(&d, "1e100001", 8) == CV_DECIMAL_RANGE);
    T_CHECK(cv_decimal_parse(&d, "1e", 2) == CV_DECIMAL_SYNTAX);
    T_CHECK(cv_decimal_parse(&d, "1.2.3", 5) == CV_DECIMAL_SYNTAX);
    T_CHECK(cv_decimal_parse(&d, "+", 1) == CV_DECIMAL_SYNTAX);
    T_CHECK(cv_decimal_parse(&d, "12a", 3) == CV_DECIMAL_SYNTAX);
    /* Products are exact. */
    T_CHECK(cv_decimal_parse(&d, "0.5", 3) == CV_DECIMAL_OK &&
            cv_decimal_mul(&d, &d, 24));
    T_STREQ((cv_decimal_format(&d, buf, sizeof(buf)), buf), "12");
    T_CHECK(cv_decimal_to_double(&d) == 12.0);
}

/* The unit and bound tables, as criteria/data/units.json gives them. */
static const char *w_hour[] = { "時間", "h", "hours" };
static const char *w_minute[] = { "分", "min" };
static const char *w_day[] = { "日", "days" };
static const char *w_bday[] = { "営業日" };
static const char *w_month[] = { "か月", "ヶ月" };
static const struct cv_unit units_items[] = {
    { "hour", "time", "時間", "h", w_hour, 3, 60, 1, 60, 1 },
    { "minute", "time", "分", "min", w_minute, 2, 1, 1, 1, 1 },
    { "day", "time", "日", "days", w_day, 2, 1440, 1, 1440, 1 },
    { "business_day", "time", "営業日", "business days", w_bday, 1, 1440, 1,
      0, 0 },
    { "month", "time", "か月", "months", w_month, 2, 40320, 1, 44640, 1 },
};
static const struct cv_bound_word bounds_items[] = {
    { "以上", false, CV_QUAL_GE, false }, { "以内", false, CV_QUAL_LE, false },
    { "未満", false, CV_QUAL_LT, false }, { "超", false, CV_QUAL_GT, false },
    { "約", true, CV_QUAL_EXACT, true },  { "within", true, CV_QUAL_LE, false },
};
static const struct cv_units units = { units_items, 5, bounds_items, 6,
                                       NULL, 0 };

static enum cv_qty_result qty(const char *s, const struct cv_unit *field,
                              struct cv_quantity *q)
{
    struct cv_arena a;
    const char *what;
    size_t n;
    enum cv_qty_result r;
    cv_arena_init(&a);
    r = cv_norm_quantity(&units, field, &a, s, strlen(s), q, &what, &n);
    cv_arena_release(&a);
    return r;
}

static enum cv_qtest qtest(const char *s, const struct cv_unit *field,
                           enum cv_qop op, const char *threshold)
{
    struct cv_quantity q;
    struct cv_decimal t;
    if (qty(s, field, &q) > CV_QTY_CHANGED)
        return (enum cv_qtest)-1;
    cv_decimal_parse(&t, threshold, strlen(threshold));
    return cv_quantity_test(&q, op, &t);
}

static void test_normtext__quantities(void)
{
    const struct cv_unit *hour = &units_items[0], *day = &units_items[2];
    struct cv_quantity q;
    T_CHECK(qty("12", hour, &q) == CV_QTY_SAME);
    T_CHECK(qty("１２時間", hour, &q) == CV_QTY_CHANGED && q.unit == hour);
    T_CHECK(qtest("720分", hour, CV_QOP_LE, "12") == CV_QTEST_HOLDS);
    T_CHECK(qtest("721分", hour, CV_QOP_LE, "12") == CV_QTEST_FAILS);
    T_CHECK(qtest("10分", hour, CV_QOP_LE, "0.16") == CV_QTEST_FAILS);
    T_CHECK(qtest("10分", hour, CV_QOP_LE, "0.17") == CV_QTEST_HOLDS);
    T_CHECK(qtest("0.5日", hour, CV_QOP_LE, "12") == CV_QTEST_HOLDS);
    T_CHECK(qtest("12時間以内", hour, CV_QOP_LE, "12") == CV_QTEST_HOLDS);
    T_CHECK(qtest("within 12 h", hour, CV_QOP_LE, "12") == CV_QTEST_HOLDS);
    T_CHECK(qtest("12時間未満", hour, CV_QOP_LT, "12") == CV_QTEST_HOLDS);
    T_CHECK(qtest("12時間以内", hour, CV_QOP_LT, "12") == CV_QTEST_OPEN);
    T_CHECK(qtest("12時間以上", hour, CV_QOP_LE, "12") == CV_QTEST_OPEN);
    T_CHECK(qtest("12時間超", hour, CV_QOP_LE, "12") == CV_QTEST_FAILS);
    T_CHECK(qtest("90日以上", day, CV_QOP_GE, "90") == CV_QTEST_HOLDS);
    T_CHECK(qtest("90日超", day, CV_QOP_GT, "90") == CV_QTEST_HOLDS);
    T_CHECK(qtest("90日", day, CV_QOP_GT, "90") == CV_QTEST_FAILS);
    T_CHECK(qtest("3か月", day, CV_QOP_GE, "84") == CV_QTEST_HOLDS);
    T_CHECK(qtest("3ヶ月", day, CV_QOP_GE, "90") == CV_QTEST_INEXACT);
    T_CHECK(qtest("3か月", day, CV_QOP_GE, "94") == CV_QTEST_FAILS);
    T_CHECK(qtest("3か月", day, CV_QOP_LE, "93") == CV_QTEST_HOLDS);
    T_CHECK(qtest("3か月以内", day, CV_QOP_GE, "90") == CV_QTEST_OPEN);
    T_CHECK(qtest("90営業日", day, CV_QOP_GE, "90") == CV_QTEST_HOLDS);
    T_CHECK(qtest("1営業日", hour, CV_QOP_LE, "24") == CV_QTEST_INEXACT);
    T_CHECK(qtest("1営業日", hour, CV_QOP_LE, "12") == CV_QTEST_FAILS);
    T_CHECK(qty("約4時間", hour, &q) == CV_QTY_CHANGED && q.approximate);
    T_CHECK(qty("4 parsecs", hour, &q) == CV_QTY_UNKNOWN_UNIT);
    T_CHECK(qty("4時間以上以内", hour, &q) == CV_QTY_CONFLICT);
    T_CHECK(qty("4時間", NULL, &q) == CV_QTY_WRONG_UNIT);
    T_CHECK(qty("時間", hour, &q) == CV_QTY_BAD);
}

/* A countries table as criteria/data/countries.json gives it, cut down:
 * keys folded (cv_fold_key) and sorted. */
static const struct cv_country_name country_names[] = {
    { "japan", "JP", false },   { "japanese", "JP", true },
    { "jp", "JP", false },      { "jpn", "JP", false },
    { "unitedstates", "US", false }, { "us", "US", false },
    { "usa", "US", false },     { "日本", "JP", false },
    { "日本国", "JP", false },
};
static const struct cv_law_form law_forms[] = {
    { "", "法", false }, { "", "law", true }, { "lawsof", "", false },
};
static const struct cv_countries countries = { country_names, 9, law_forms,
                                               3, NULL, 0, NULL, 0 };

static enum cv_norm_result country(struct cv_arena *a, const char *s,
                                   bool law, char code[3])
{
    memset(code, 0, 3);
    return cv_norm_country(&countries, a, s, strlen(s), law, code);
}

static void test_normtext__countries_and_corporate_numbers(void)
{
    struct cv_arena a;
    char code[3];
    cv_arena_init(&a);
    T_CHECK(country(&a, "JP", false, code) == CV_NORM_SAME);
    T_STREQ(code, "JP");
    T_CHECK(country(&a, "日本", false, code) == CV_NORM_CHANGED);
    T_STREQ(code, "JP");
    T_CHECK(country(&a, "ｊｐｎ", false, code) == CV_NORM_CHANGED);
    T_STREQ(code, "JP");
    T_CHECK(country(&a, "United  States", false, code) == CV_NORM_CHANGED);
    T_STREQ(code, "US");
    T_CHECK(country(&a, "us", false, code) == CV_NORM_CHANGED);
    T_STREQ(code, "US");
    /* Two letters are not a code unless the table holds them (the old
     * reader took any two). */
    T_CHECK(country(&a, "XZ", false, code) == CV_NORM_BAD);
    T_CHECK(country(&a, "Nowhere", false, code) == CV_NORM_BAD);
    /* Whole names only: no substring, no adjective by itself. */
    T_CHECK(country(&a, "日本のどこか", false, code) == CV_NORM_BAD);
    T_CHECK(country(&a, "Japanese", true, code) == CV_NORM_BAD);
    /* A law form only where the field takes one. */
    T_CHECK(country(&a, "日本法", false, code) == CV_NORM_BAD);
    T_CHECK(country(&a, "日本法", true, code) == CV_NORM_CHANGED);
    T_STREQ(code, "JP");
    T_CHECK(country(&a, "日本国法", true, code) == CV_NORM_CHANGED);
    T_CHECK(country(&a, "Japanese Law", true, code) == CV_NORM_CHANGED);
    T_STREQ(code, "JP");
    T_CHECK(country(&a, "laws of the USA", true, code) == CV_NORM_BAD);
    T_CHECK(country(&a, "Laws of USA", true, code) == CV_NORM_CHANGED);
    T_STREQ(code, "US");
    T_CHECK(country(&a, "Japan law", true, code) == CV_NORM_BAD);
    T_CHECK(country(&a, "法", true, code) == CV_NORM_BAD);
    T_CHECK(cv_norm_country(NULL, &a, "JP", 2, false, code) == CV_NORM_BAD);
    /* 国税庁's published example number. */
    T_CHECK(cv_corporate_number_valid(&a, "7000012050002", 13));
    T_CHECK(cv_corporate_number_valid(&a, "7-0000-1205-0002",
                                      strlen("7-0000-1205-0002")));
    T_CHECK(!cv_corporate_number_valid(&a, "8000012050002", 13));
    T_CHECK(!cv_corporate_number_valid(&a, "700001205000", 12));
    cv_arena_release(&a);
}

static void test_strbuf__cap_is_sticky(void)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 8);
    cv_strbuf_puts(&sb, "1234567");
    T_CHECK(cv_strbuf_status(&sb) == CV_OK);
    cv_strbuf_puts(&sb, "89");
    T_CHECK(cv_strbuf_status(&sb) == CV_ELIMIT);
    cv_strbuf_puts(&sb, "x");
    T_CHECK(sb.len == 7);
    T_STREQ(sb.ptr, "1234567");
    cv_strbuf_release(&sb);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "iso_dates", test_normtext__iso_dates },
        { "era_dates", test_normtext__era_dates },
        { "numbers", test_normtext__numbers },
        { "decimal_compare_as_written", test_decimal__compare_as_written },
        { "quantities", test_normtext__quantities },
        { "countries_and_corporate_numbers",
          test_normtext__countries_and_corporate_numbers },
        { "strbuf_cap_is_sticky", test_strbuf__cap_is_sticky },
    };
    return t_run(cases, sizeof(cases) / sizeof(cases[0]));
}
