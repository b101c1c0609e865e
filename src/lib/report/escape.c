/* SPDX-License-Identifier: MIT */
/*
 * escape.c: HTML and Markdown escaping of the human formats (escape.h).
 * One copy, so that a fix to it reaches report.html, report.md, the
 * 評価基準書 and the diff page at once.
 */
#include "escape.h"

#include <string.h>

#include "view.h"

/* ---- HTML ---- */

void cv_html_escape_n(struct cv_strbuf *o, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': cv_strbuf_puts(o, "&amp;"); break;
        case '<': cv_strbuf_puts(o, "&lt;"); break;
        case '>': cv_strbuf_puts(o, "&gt;"); break;
        case '"': cv_strbuf_puts(o, "&quot;"); break;
        case '\'': cv_strbuf_puts(o, "&#39;"); break;
        default: cv_strbuf_putc(o, s[i]); break;
        }
    }
}

void cv_html_escape(struct cv_strbuf *o, const char *s)
{
    if (s)
        cv_html_escape_n(o, s, strlen(s));
}

/* Cleaned text with its line breaks kept: each one a <br>. */
static void escape_lines_br(struct cv_strbuf *o, const char *clean)
{
    const char *p, *nl;
    for (p = clean; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        cv_html_escape_n(o, p, (size_t)(nl - p));
        cv_strbuf_puts(o, "<br>");
    }
    cv_html_escape(o, p);
}

void cv_html_text(struct cv_strbuf *o, const char *s,
                  enum cv_html_lines lines)
{
    struct cv_strbuf clean;
    if (!s)
        return;
    cv_strbuf_init(&clean, 0);
    cv_view_text(&clean, s, lines != CV_HTML_ONE_LINE);
    if (lines == CV_HTML_BR)
        escape_lines_br(o, clean.ptr);
    else
        cv_html_escape_n(o, clean.ptr, clean.len);
    cv_strbuf_fail(o, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
}

/* ---- Markdown ---- */

static bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether `p` (inside `clean`) is a character GFM's extended autolinks
 * start from: the ':' after a scheme's letters ("http:", "ftp:",
 * "mailto:", "xmpp:"), the '@' of an e-mail address, the '.' of "www.".
 * A ':' after a space or a Japanese character starts no scheme. */
static bool autolink_trigger(const char *clean, const char *p)
{
    if (*p == '@')
        return true;
    if (*p == ':')
        return p > clean && is_ascii_letter(p[-1]);
    return *p == '.' && p - clean >= 3 &&
           (p[-3] | 0x20) == 'w' && (p[-2] | 0x20) == 'w' &&
           (p[-1] | 0x20) == 'w';
}

/* Put before an autolink trigger: an empty HTML comment renders as
 * nothing, but it splits the text in two inline nodes, and no autolink
 * pattern spans two nodes. A backslash escape is not enough: cmark-gfm
 * finds e-mail addresses after escapes are resolved ("a\@b.example" is
 * still a mailto: link). */
#define MD_NODE_BREAK "<!---->"

/* CommonMark allows a backslash before any ASCII punctuation; these are
 * the ones with a meaning in a GFM/GitLab table cell. */
static const char md_specials[] = "\\`*_[]()<>|~&!#$";

void cv_md_escape(struct cv_strbuf *o, const char *clean, bool unlink)
{
    const char *p;
    for (p = clean; *p; p++) {
        if (unlink && autolink_trigger(clean, p))
            cv_strbuf_puts(o, MD_NODE_BREAK);
        else if (strchr(md_specials, *p))
            cv_strbuf_putc(o, '\\');
        cv_strbuf_putc(o, *p);
    }
}

void cv_md_text(struct cv_strbuf *o, const char *s, bool unlink)
{
    struct cv_strbuf clean;
    if (!s)
        return;
    cv_strbuf_init(&clean, 0);
    cv_view_text(&clean, s, false);
    cv_md_escape(o, clean.ptr, unlink);
    cv_strbuf_fail(o, cv_strbuf_status(&clean));
    cv_strbuf_release(&clean);
}
