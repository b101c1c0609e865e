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
        { "points", test_view__points_have_at_most_two_decimals },
        { "cut", test_view__cut_counts_code_points },
    };
    int rc = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    size_t n;
    (void)display("", 0, false, &n); /* releases the static buffer's text */
    return rc;
}
