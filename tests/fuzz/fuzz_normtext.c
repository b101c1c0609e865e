/* SPDX-License-Identifier: MIT */
/*
 * fuzz_normtext.c: reading what people type (norm/normtext.c): dates
 * (ISO, slashes, 年月日, era names and letters), numbers (full-width,
 * thousands commas, %, 時間, 日), countries and 法人番号.
 *
 * The first byte picks the function, the rest is the text, handed over
 * in a buffer of exactly its length with no NUL after it, so reading one
 * byte past `len` is an ASan error. The eras are those of the shipped
 * criteria/data/eras.json, loaded once.
 *
 * Besides "no crash", each result is checked: a date read is a real
 * YYYY-MM-DD date (and SAME only for a canonical input), a number read is
 * finite, a country is two capital letters, and the 法人番号 check digit
 * agrees with an independent implementation for ASCII input.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/date.h"
#include "criteria/criteria.h"
#include "fuzz.h"
#include "norm/normtext.h"

static cv_ctx *ctx;
static cv_criteria *crit;

static void cleanup(void)
{
    cv_criteria_free(crit);
    cv_ctx_free(ctx);
    cv_global_cleanup();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cv_options opts = CV_OPTIONS_INIT;
    (void)argc;
    (void)argv;
    memcpy(opts.as_of, "2026-11-21", 11);
    FUZZ_SETUP(cv_global_init() == CV_OK);
    FUZZ_SETUP(cv_ctx_new(&ctx, &opts) == CV_OK);
    FUZZ_SETUP(cv_criteria_load(&crit, ctx, CV_FUZZ_CRITERIA_DIR, NULL) ==
               CV_OK);
    FUZZ_SETUP(crit->eras.count > 0);
    atexit(cleanup);
    return 0;
}

static void check_date(struct cv_arena *a, const char *s, size_t len)
{
    char iso[11];
    cv_day day;
    enum cv_norm_result r = cv_norm_date(&crit->eras, a, s, len, iso);
    if (r == CV_NORM_BAD)
        return;
    FUZZ_CHECK(strlen(iso) == 10);
    FUZZ_CHECK(cv_date_parse_iso(iso, 10, &day));
    if (r == CV_NORM_SAME)
        FUZZ_CHECK(len == 10 && memcmp(s, iso, 10) == 0);
}

static void check_number(struct cv_arena *a, const char *s, size_t len)
{
    double v = 0;
    if (cv_norm_number(a, s, len, &v) != CV_NORM_BAD)
        FUZZ_CHECK(isfinite(v));
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static void check_country(struct cv_arena *a, const char *s, size_t len)
{
    char code[3];
    enum cv_norm_result r = cv_norm_country(&crit->tables.countries, a, s,
                                            len, len % 2 == 1, code);
    if (r == CV_NORM_BAD)
        return;
    FUZZ_CHECK(is_upper(code[0]) && is_upper(code[1]) && code[2] == '\0');
    if (r == CV_NORM_SAME)
        FUZZ_CHECK(len == 2 && memcmp(s, code, 2) == 0);
}

/* The 国税庁 rule again, written differently: for ASCII text, which NFKC
 * leaves alone, the answer is known without the library. Returns -1 when
 * the text is not ASCII (no opinion). */
static int reference_corporate(const char *s, size_t len)
{
    size_t b = 0, e = len, i, n = 0;
    int d[13], sum = 0;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
            return -1;
    while (b < e && strchr(" \t\r\n", s[b]))
        b++;
    while (e > b && strchr(" \t\r\n", s[e - 1]))
        e--;
    for (i = b; i < e; i++) {
        if (s[i] == '-' || s[i] == ' ')
            continue;
        if (s[i] < '0' || s[i] > '9' || n == 13)
            return 0;
        d[n++] = s[i] - '0';
    }
    if (n != 13)
        return 0;
    /* P = sum of the twelve base digits, weight 2 on every other one
     * counted from the right (the rightmost weighs 1). */
    for (i = 0; i < 12; i++)
        sum += d[12 - i] * (i % 2 == 0 ? 1 : 2);
    return d[0] == 9 - sum % 9;
}

static void check_corporate(struct cv_arena *a, const char *s, size_t len)
{
    bool ok = cv_corporate_number_valid(a, s, len);
    int ref = reference_corporate(s, len);
    if (ref >= 0)
        FUZZ_CHECK(ok == (ref == 1));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cv_arena scratch;
    size_t len;
    char *s;

    if (size == 0)
        return 0;
    len = size - 1;
    s = malloc(len ? len : 1); /* exactly the text: no NUL after it */
    if (!s)
        return 0;
    if (len)
        memcpy(s, data + 1, len);
    cv_arena_init(&scratch);
    switch (data[0] % 4) {
    case 0:
        check_date(&scratch, s, len);
        break;
    case 1:
        check_number(&scratch, s, len);
        break;
    case 2:
        check_country(&scratch, s, len);
        break;
    default:
        check_corporate(&scratch, s, len);
        break;
    }
    cv_arena_release(&scratch);
    free(s);
    return 0;
}
