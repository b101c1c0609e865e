/* SPDX-License-Identifier: MIT */
/*
 * load.h: stage 1, bytes -> cv_node tree.
 *
 * The only module that knows the parsers: load_json.c is our own strict
 * JSON reader and load_xml.c wraps libxml2. Both hand back a tree in the
 * caller's arena with a location on every node (JSON: line and column;
 * XML: line), and free any foreign tree before they return. Neither ever touches the network or the file system: XML is
 * parsed with no DTD loading, no entity substitution, no network, and a
 * document that declares a DOCTYPE is refused before its subset is read.
 */
#ifndef CV_LOAD_H
#define CV_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../base/node.h"

/* CV_LOAD_REPORT: JSON that cloudvet itself wrote (report.json,
 * "cloudvet-report/1", or a report.ndjson line, "cloudvet-result/1"): no
 * questionnaire, so it is refused with a diagnostic saying so instead of
 * being read as a bid. */
enum cv_load_format { CV_LOAD_AUTO, CV_LOAD_JSON, CV_LOAD_XML,
                      CV_LOAD_REPORT };

struct cv_load_req {
    const char *source;       /* name for diagnostics */
    const char *buf;
    size_t len;
    const cv_limits *limits;
    struct cv_arena *arena;   /* the tree's lifetime */
    struct cv_diags *diags;
};

/* Which parser the bytes need: by the first non-blank byte, then by the
 * file name's extension; CV_LOAD_AUTO when neither tells. A JSON object
 * whose first member is "format" with a cloudvet report or result format
 * is CV_LOAD_REPORT (the member cloudvet always writes first). */
enum cv_load_format cv_load_detect(const char *source, const char *buf,
                                   size_t len);

/* Parse JSON (RFC 8259, strict). Errors: CV_EPARSE (syntax, invalid
 * UTF-8, duplicate key, NUL, a number out of range), CV_ELIMIT,
 * CV_ENOMEM; each with a diagnostic at its line and column. */
cv_status cv_load_json(struct cv_node **out, const struct cv_load_req *req);

/* Parse XML into ELEMENT nodes (local names; XPath + line on each).
 * Errors: CV_EPARSE, CV_ELIMIT, CV_ENOMEM; each with a diagnostic. */
cv_status cv_load_xml(struct cv_node **out, const struct cv_load_req *req);

/* The diagnostic for an XML part that failed to parse (load_xml.c, shared
 * with load_xlsx.c): the DOCTYPE refusal, or libxml2's message trimmed,
 * at its line and column. Returns CV_EPARSE. */
cv_status cv_load_xml_fail(struct cv_diags *diags, struct cv_loc *loc,
                           bool doctype, const char *message, int line,
                           int column);

/* Once per process: libxml2 initialisation. */
void cv_load_global_init(void);
void cv_load_global_cleanup(void);

#endif
