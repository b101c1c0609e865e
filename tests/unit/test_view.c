/* SPDX-License-Identifier: MIT */
/* test_view.c: the display cleaning and number formatting that every
 * human report format relies on (src/lib/report/view.h). */
#include <stdio.h>
#include <string.h>

#include "../harness/t.h"
#include "base/unicode.h"
#include "report/view.h"

static char *display(const char *s, size_t len, bool lines, size_t *replaced)
{
    static struct cv_strbuf sb;
    cv_strbuf_release(&sb);
    cv_strbuf_init(&sb, 0);
    *replaced = cv_utf8_display(&sb, s, len, lines);
    return sb.ptr;
}

static void test_view__controls_become_replacement_characters(void)
{
    size_t n;
    T_STREQ(display("a\x07" "b\x1b[31m", 8, false, &n),
            "a\xEF\xBF\xBD" "b\xEF\xBF\xBD[31m");
    T_CHECK(n == 2);
    /* C1 control U+0085 (NEL) too */
    T_STREQ(display("x\xC2\x85y", 4, false, &n), "x\xEF\xBF\xBDy");
}

static void test_view__bidi_overrides_are_made_visible(void)
{
    size_t n;
    T_STREQ(display("abc\xE2\x80\xAE" "gnp.exe\xE2\x81\xA6", 16, false, &n),
            "abc[U+202E]gnp.exe[U+2066]");
    T_CHECK(n == 2);
}

static void test_view__invalid_utf8_bytes_are_replaced_one_by_one(void)
{
    size_t n;
    T_STREQ(display("a\xFF\xC3(", 4, false, &n),
            "a\xEF\xBF\xBD\xEF\xBF\xBD(");
    T_CHECK(n == 2);
    T_STREQ(display("\xED\xA0\x80", 3, false, &n), /* a surrogate */
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_view__line_breaks_kept_or_flattened(void)
{
    size_t n;
    T_STREQ(display("a\r\nb\rc\nd\te", 10, true, &n), "a\nb\nc\nd\te");
    T_STREQ(display("a\r\nb\rc\nd\te", 10, false, &n), "a b c d e");
    T_CHECK(n == 0);
    T_STREQ(display("日本語テキスト", strlen("日本語テキスト"), false, &n),
            "日本語テキスト");
}

/* Nothing XML 1.0 forbids and no non-character survives: a workbook
 * holding U+FFFE does not open. Each becomes one U+FFFD. */
static void test_view__noncharacters_and_xml_forbidden_are_replaced(void)
{
    static const char *const bad[] = {
        "\xEF\xBF\xBE",     /* U+FFFE */
        "\xEF\xBF\xBF",     /* U+FFFF */
        "\xEF\xB7\x90",     /* U+FDD0 */
        "\xEF\xB7\xAF",     /* U+FDEF */
        "\xF0\x9F\xBF\xBE", /* U+1FFFE */
        "\xF4\x8F\xBF\xBF", /* U+10FFFF */
        "\x01", "\x0B", "\x0C", "\x7F",
    };
    size_t i, n;
    char in[16];
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(in, sizeof(in), "a%sb", bad[i]);
        T_STREQ(display(in, strlen(in), true, &n), "a\xEF\xBF\xBD" "b");
        T_CHECK(n == 1);
    }
    /* Their neighbours are ordinary characters and stay. */
    T_STREQ(display("\xEF\xBF\xBD\xEF\xB7\x8F\xEF\xB7\xB0", 9, false, &n),
            "\xEF\xBF\xBD\xEF\xB7\x8F\xEF\xB7\xB0"); /* FFFD FDCF FDF0 */
    T_CHECK(n == 0);
}

/* The characters that hide or reorder text are shown, not passed. */
static void test_view__invisible_characters_are_made_visible(void)
{
    static const char in[] = "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xE2\x80\x8F"
                             "d\xD8\x9C" "e\xE2\x80\x8B" "f\xEF\xBB\xBF"
                             "g\xF3\xA0\x81\x81";
    size_t n;
    T_STREQ(display(in, sizeof(in) - 1, false, &n),
            "a[U+2028]b[U+2029]c[U+200F]d[U+061C]e[U+200B]f[U+FEFF]"
            "g[U+E0041]");
    T_CHECK(n == 7);
    /* ZWJ stays: emoji sequences need it. */
    T_STREQ(display("x\xE2\x80\x8Dy", 5, false, &n), "x\xE2\x80\x8Dy");
    T_CHECK(n == 0);
}

static void test_view__points_have_at_most_two_decimals(void)
{
    char out[32];
    cv_view_points(out, 8.0);
    T_STREQ(out, "8");
    cv_view_points(out, 7.5);
    T_STREQ(out, "7.5");
    cv_view_points(out, 91.16666666);
    T_STREQ(out, "91.17");
    cv_view_points(out, 0.004);
    T_STREQ(out, "0");
    cv_view_points(out, -0.001);
    T_STREQ(out, "0");
    T_CHECK(cv_view_percent(1, 3) == 33);
    T_CHECK(cv_view_percent(5, 0) == 0);
}

static void test_view__cut_counts_code_points(void)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(&sb, "株式会社あおば");
    cv_view_cut(&sb, 4);
    T_STREQ(sb.ptr, "株式会社…");
    cv_strbuf_reset(&sb);
    cv_strbuf_puts(&sb, "abc");
    cv_view_cut(&sb, 3);
    T_STREQ(sb.ptr, "abc");
    cv_strbuf_release(&sb);
}

/* cv_view_quote into a fresh buffer; the text and whether it was cut. */
static char *quote(const char *s, size_t max, bool lines, cv_lang lang,
                   bool *cut)
{
    static struct cv_strbuf sb;
    cv_strbuf_release(&sb);
    cv_strbuf_init(&sb, 0);
    *cut = cv_view_quote(&sb, s, max, lines, lang);
    T_CHECK(cv_strbuf_status(&sb) == CV_OK);
    return sb.ptr;
}

/* Text of n copies of `unit`. */
static char *repeat(const char *unit, size_t n)
{
    static struct cv_strbuf sb;
    size_t i;
    cv_strbuf_release(&sb);
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < n; i++)
        cv_strbuf_puts(&sb, unit);
    return sb.ptr;
}

static void test_view__quote_cuts_at_the_cap_with_the_marker(void)
{
    bool cut;
    char want[64];
    /* Up to the cap: whole, no marker. */
    T_STREQ(quote("株式会社あおば", 7, false, CV_LANG_JA, &cut),
            "株式会社あおば");
    T_CHECK(!cut);
    T_STREQ(quote("株式会社あおば", 4, false, CV_LANG_JA, &cut),
            "株式会社…（以下省略: 全文は report.json）");
    T_CHECK(cut);
    T_STREQ(quote("abcdef", 3, false, CV_LANG_EN, &cut),
            "abc… (cut: the full text is in report.json)");
    T_CHECK(cut);
    T_STREQ(cv_view_cut_marker(CV_LANG_EN),
            "… (cut: the full text is in report.json)");
    /* NULL is nothing; 0 is the default cap. */
    T_STREQ(quote(NULL, 0, false, CV_LANG_EN, &cut), "");
    T_CHECK(!cut);
    T_STREQ(quote(repeat("x", CV_VIEW_QUOTE_MAX_CHARS), 0, false,
                  CV_LANG_EN, &cut),
            repeat("x", CV_VIEW_QUOTE_MAX_CHARS));
    T_CHECK(!cut);
    snprintf(want, sizeof(want), "%s", cv_view_cut_marker(CV_LANG_EN));
    {
        const char *q = quote(repeat("x", CV_VIEW_QUOTE_MAX_CHARS + 1), 0,
                              false, CV_LANG_EN, &cut);
        T_CHECK(cut);
        T_CHECK(strlen(q) == CV_VIEW_QUOTE_MAX_CHARS + strlen(want));
        T_CHECK(strcmp(q + CV_VIEW_QUOTE_MAX_CHARS, want) == 0);
    }
}

static void test_view__quote_never_splits_a_character(void)
{
    bool cut;
    /* 4-byte (𠮷), 3-byte and 2-byte sequences: cut between them. */
    T_STREQ(quote("\xF0\xA0\xAE\xB7" "野家é", 2, false, CV_LANG_EN, &cut),
            "\xF0\xA0\xAE\xB7" "野… (cut: the full text is in report.json)");
    /* A combining voicing mark stays with its kana: "か" + U+3099 is
     * "が"; cut before the pair, not between. */
    T_STREQ(quote("あか\xE3\x82\x99い", 2, false, CV_LANG_EN, &cut),
            "あ… (cut: the full text is in report.json)");
    /* A variation selector stays with its ideograph (邉 + U+E0101). */
    T_STREQ(quote("渡邉\xF3\xA0\x84\x81様", 2, false, CV_LANG_EN, &cut),
            "渡… (cut: the full text is in report.json)");
    /* A "[U+202E]" written by the cleaning is never cut in two. */
    T_STREQ(quote("ab\xE2\x80\xAE" "cd", 5, false, CV_LANG_EN, &cut),
            "ab… (cut: the full text is in report.json)");
    T_STREQ(quote("ab\xE2\x80\xAE" "cd", 10, false, CV_LANG_EN, &cut),
            "ab[U+202E]… (cut: the full text is in report.json)");
    /* Invalid bytes: one U+FFFD each, counted as one character. */
    T_STREQ(quote("a\xFF\xFF" "b", 3, false, CV_LANG_EN, &cut),
            "a\xEF\xBF\xBD\xEF\xBF\xBD… (cut: the full text is in "
            "report.json)");
    T_CHECK(cut);
}

static void test_view__quote_cleans_and_keeps_lines(void)
{
    bool cut;
    T_STREQ(quote("a\x07" "b\r\nc", 0, true, CV_LANG_EN, &cut),
            "a\xEF\xBF\xBD" "b\nc");
    T_CHECK(!cut);
    T_STREQ(quote("a\r\nb", 0, false, CV_LANG_EN, &cut), "a b");
    /* CR LF is one character shown: a text of them is not cut early. */
    T_STREQ(quote(repeat("\r\n", 4), 4, true, CV_LANG_EN, &cut),
            "\n\n\n\n");
    T_CHECK(!cut);
}

static void test_view__quote_of_a_huge_field_is_bounded(void)
{
    /* Only a prefix is cleaned: a megabyte costs what a page does. */
    struct cv_strbuf big;
    bool cut;
    size_t i;
    const char *q;
    cv_strbuf_init(&big, 0);
    for (i = 0; i < ((size_t)1 << 20); i++)
        cv_strbuf_puts(&big, "\xE2\x80\x8B"); /* U+200B, made visible */
    q = quote(big.ptr, 0, false, CV_LANG_JA, &cut);
    T_CHECK(cut);
    T_CHECK(cv_utf8_length(q, strlen(q)) <=
            CV_VIEW_QUOTE_MAX_CHARS +
                cv_utf8_length(cv_view_cut_marker(CV_LANG_JA),
                               strlen(cv_view_cut_marker(CV_LANG_JA))));
    T_CHECK(strncmp(q, "[U+200B][U+200B]", 16) == 0);
    cv_strbuf_release(&big);
}

static void test_view__more_items(void)
{
    struct cv_strbuf sb;
    cv_strbuf_init(&sb, 0);
    cv_view_more_items(&sb, 3, CV_LANG_JA);
    T_STREQ(sb.ptr, "ほか 3 件（省略: 全件は report.json）");
    cv_strbuf_reset(&sb);
    cv_view_more_items(&sb, 12, CV_LANG_EN);
    T_STREQ(sb.ptr, "… and 12 more (cut: the full list is in report.json)");
    cv_strbuf_release(&sb);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "controls", test_view__controls_become_replacement_characters },
        { "bidi", test_view__bidi_overrides_are_made_visible },
        { "invalid_utf8", test_view__invalid_utf8_bytes_are_replaced_one_by_one },
        { "line_breaks", test_view__line_breaks_kept_or_flattened },
        { "noncharacters",
          test_view__noncharacters_and_xml_forbidden_are_replaced },
        { "invisible", test_view__invisible_characters_are_made_visible },
        { "points", test_view__points_have_at_most_two_decimals },
        { "cut", test_view__cut_counts_code_points },
        { "quote_cap", test_view__quote_cuts_at_the_cap_with_the_marker },
        { "quote_utf8", test_view__quote_never_splits_a_character },
        { "quote_clean", test_view__quote_cleans_and_keeps_lines },
        { "quote_huge", test_view__quote_of_a_huge_field_is_bounded },
        { "more_items", test_view__more_items },
    };
    int rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    size_t n;
    bool cut;
    (void)display("", 0, false, &n); /* releases the static buffer's text */
    (void)quote("", 0, false, CV_LANG_EN, &cut);
    (void)repeat("", 0);
    return rc;
}
