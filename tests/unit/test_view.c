/* SPDX-License-Identifier: MIT */
/* test_view.c: the display cleaning and number formatting that every
 * human report format relies on (src/lib/report/view.h). */
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
    };
    int rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    size_t n;
    (void)display("", 0, false, &n); /* releases the static buffer's text */
    return rc;
}
