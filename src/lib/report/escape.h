/* SPDX-License-Identifier: MIT */
/*
 * escape.h: the one escaping of the human formats, for every writer of
 * HTML (report.html, the 評価基準書, the diff page) and of Markdown
 * (report.md, the 評価基準書).
 *
 * Order, as view.h prescribes: a hostile string is cleaned for display
 * first (cv_view_text: controls and bidi overrides made visible), then
 * escaped for the format. The *_text functions do both; the *_escape
 * functions take text that is already clean (a cv_view_ helper's).
 */
#ifndef CV_REPORT_ESCAPE_H
#define CV_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/strbuf.h"

/* ---- HTML ---- */

/* The five HTML specials (& < > " ') as entities: safe in element text
 * and inside a quoted attribute. The bytes are not cleaned. */
void cv_html_escape_n(struct cv_strbuf *o, const char *s, size_t n);
/* As cv_html_escape_n for a NUL-terminated `s` (NULL: nothing). */
void cv_html_escape(struct cv_strbuf *o, const char *s);

/* What cv_html_text does with the line breaks of the text. */
enum cv_html_lines {
    CV_HTML_ONE_LINE, /* made spaces (cv_view_text without keep_lines) */
    CV_HTML_BR,       /* kept, each written as <br> */
    CV_HTML_NEWLINES, /* kept as "\n" (for white-space:pre-wrap cells);
                         not for attributes */
};

/* Hostile text (a submission's, a file's, a file name): cleaned, then
 * escaped. NULL: nothing. Safe inside a quoted attribute with
 * CV_HTML_ONE_LINE. */
void cv_html_text(struct cv_strbuf *o, const char *s,
                  enum cv_html_lines lines);

/* ---- Markdown (GitHub/GitLab-flavoured, inside a table cell) ---- */

/* Text already cleaned by cv_view_text (no line breaks): every ASCII
 * character with a meaning in a cell is backslash-escaped, so the text
 * can neither end the cell with '|' nor open emphasis, code, a link, an
 * image, raw HTML, an entity or math. With `unlink`, every character a
 * GFM extended autolink starts from (a scheme's ':', an e-mail's '@',
 * the '.' of "www.") is also preceded by an empty HTML comment, so the
 * text reads the same but no renderer makes it a link. */
void cv_md_escape(struct cv_strbuf *o, const char *clean, bool unlink);
/* Hostile text: cleaned (line breaks become spaces), then as
 * cv_md_escape. NULL: nothing. */
void cv_md_text(struct cv_strbuf *o, const char *s, bool unlink);

#endif
