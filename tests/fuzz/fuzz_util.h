/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util.h: what a loader promises about the cv_node tree it returns
 * (base/node.h), checked on every tree the JSON and XML targets get.
 */
#ifndef CV_FUZZ_UTIL_H
#define CV_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "cloudvet.h"
#include "base/diag.h"
#include "base/node.h"
#include "load/load.h"

#include <stdint.h>

/* Aborts (FUZZ_CHECK) unless: every node has a path that extends its
 * parent's, scalars and elements carry NUL-terminated text of text_len
 * bytes, `count`/`last` agree with the child list, members are named and
 * array items are not, and the tree respects `lim` (depth, node count,
 * string size). Returns the number of nodes. */
size_t fuzz_check_tree(const struct cv_node *root, const cv_limits *lim);

/* Aborts unless a failed load (`st` not CV_OK or CV_ENOMEM) left an
 * error diagnostic; formats every diagnostic as the CLI would. */
void fuzz_check_diags(const struct cv_diags *d, cv_status st);

/* One reader run, as the json and xml targets make it: `load` reads
 * data[0..size) as `source` within `lim`; a tree that loads keeps node.h's
 * promises, a failure leaves no tree and says why. */
typedef cv_status (*fuzz_loader)(struct cv_node **out,
                                 const struct cv_load_req *req);
void fuzz_check_loader(fuzz_loader load, const char *source,
                       const uint8_t *data, size_t size,
                       const cv_limits *lim);

/* Makes libxml2's generic error function abort: the library never
 * prints, so load_xml.c must silence it around every parse (libxml2
 * prints encoding and I/O errors through it, outside the parser context).
 * Call once from LLVMFuzzerInitialize. */
void fuzz_forbid_libxml2_output(void);

/* A cv_write_fn target: appends to a malloc'ed buffer, NUL-terminated. */
struct fuzz_sink {
    char *buf;
    size_t len;
    size_t cap;
};

/* cv_write_fn: `payload` is a struct fuzz_sink. */
int fuzz_sink_write(const char *buf, size_t len, void *payload);
void fuzz_sink_reset(struct fuzz_sink *s);
void fuzz_sink_release(struct fuzz_sink *s);

/* Aborts unless s[0..len) parses back with the library's own JSON (or
 * XML) reader under the default limits: what we write, we can read. */
void fuzz_check_reparse(const char *s, size_t len, bool xml);

/* Writes `report` in JSON, HTML, CSV and Markdown and aborts unless each
 * write succeeds, report.json reads back, every
 * human format is valid UTF-8, and the HTML has no script and links only
 * in-page or to http(s). */
void fuzz_write_reports(const cv_report *report);

#endif
