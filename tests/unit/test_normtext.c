/* SPDX-License-Identifier: MIT */
/* test_normtext.c: dates, numbers, countries, 法人番号, strbuf. */
#include <math.h>

#include "../harness/t.h"
#include "base/date.h"
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
    T_CHECK(cv_norm_number(&a, "９９．９５％", strlen("９９．９５％"), &v) ==
                CV_NORM_CHANGED &&
            fabs(v - 99.95) < 1e-9);
    T_CHECK(cv_norm_number(&a, "1,000", 5, &v) == CV_NORM_CHANGED && v == 1000);
    T_CHECK(cv_norm_number(&a, "4時間", strlen("4時間"), &v) ==
                CV_NORM_CHANGED &&
            v == 4);
    T_CHECK(cv_norm_number(&a, "abc", 3, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "1e999", 5, &v) == CV_NORM_BAD);
    T_CHECK(cv_norm_number(&a, "", 0, &v) == CV_NORM_BAD);
    cv_arena_release(&a);
}

static void test_normtext__countries_and_corporate_numbers(void)
{
    struct cv_arena a;
    char code[3];
    cv_arena_init(&a);
    T_CHECK(cv_norm_country(&a, "JP", 2, code) == CV_NORM_SAME);
    T_CHECK(cv_norm_country(&a, "日本", strlen("日本"), code) ==
            CV_NORM_CHANGED);
    T_STREQ(code, "JP");
    T_CHECK(cv_norm_country(&a, "us", 2, code) == CV_NORM_CHANGED);
    T_STREQ(code, "US");
    T_CHECK(cv_norm_country(&a, "Nowhere", 7, code) == CV_NORM_BAD);
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
        { "countries_and_corporate_numbers",
          test_normtext__countries_and_corporate_numbers },
        { "strbuf_cap_is_sticky", test_strbuf__cap_is_sticky },
    };
    return t_run(cases, sizeof(cases) / sizeof(cases[0]));
}
