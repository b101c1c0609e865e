/* SPDX-License-Identifier: MIT */
/*
 * method.h (report/): the 評価基準書 for people, in the run's language:
 * HTML (self-contained, printable), Markdown, XLSX (a named file). Each
 * states the method's SHA-256 (criteria/method.h) and how to check it;
 * the canonical JSON is criteria/method.c's.
 *
 * A profile, a catalogue and a tender file can be a municipality's own
 * files: every string of them is cleaned (cv_view_text) and escaped for
 * the format like a vendor's.
 */
#ifndef CV_REPORT_METHOD_H
#define CV_REPORT_METHOD_H

#include "../criteria/method.h"
#include "cloudvet.h"

/* What every format is given. `hash` is the method's SHA-256 (hex). */
struct cv_method_doc {
    const struct cv_criteria *crit;
    const struct cv_tender_def *tender; /* NULL: none */
    cv_lang lang;
    const char *hash;
};

cv_status cv_method_html(const struct cv_method_doc *d, cv_write_fn write,
                         void *payload);
cv_status cv_method_md(const struct cv_method_doc *d, cv_write_fn write,
                       void *payload);
/* libxlsxwriter writes only named files. */
cv_status cv_method_xlsx(const struct cv_method_doc *d, const char *path);

/* What every part of a stream format's page works with. */
struct cv_method_out {
    struct cv_strbuf *o;  /* the page */
    struct cv_strbuf *sb; /* scratch for a built sentence; empty between
                             parts */
    const struct cv_method_doc *d;
    cv_lang lang;
};

/* One part of the page (heading, rules, criteria table …). */
typedef void (*cv_method_part)(struct cv_method_out *out);

/* The one walk of HTML and Markdown: writes `parts` in order into one
 * page, then hands it to `write` (CV_EIO when it fails). */
cv_status cv_method_write_page(const struct cv_method_doc *d,
                               const cv_method_part *parts, size_t nparts,
                               cv_write_fn write, void *payload);

/* The sentence telling how to check the hash (shared by the formats):
 * "cloudvet criteria show --format json [--profile …] [--tender …] |
 * sha256sum". */
void cv_method_check_text(struct cv_strbuf *sb, const struct cv_method_doc *d);

#endif
