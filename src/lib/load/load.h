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

struct cv_load_req {
    const char *source;       /* name for diagnostics */
    const char *buf;
    size_t len;
    const cv_limits *limits;
    struct cv_arena *arena;   /* the tree's lifetime */
    struct cv_diags *diags;
};

struct cv_sheets;
struct cv_table_req;

/* What a reader yields: a JSON-model tree, raw XML elements (which the
 * normaliser types with the schema), or sheets of cells (which a workbook
 * reader of norm/sheets.h turns into a tree). */
enum cv_reader_output { CV_READ_TREE, CV_READ_ELEMENTS, CV_READ_SHEETS,
                         /* an OSCAL system security plan (JSON tree or
                          * XML elements, by read_tree) that
                          * norm/oscal.h turns into a questionnaire */
                         CV_READ_OSCAL };

/* One row of the reader table (readers.c). */
struct cv_reader {
    const char *name;               /* "json", "xml", "xlsx", "report" */
    const char *const *extensions;  /* lower case, NULL-terminated */
    bool (*recognise)(const char *buf, size_t len); /* by content */
    enum cv_reader_output output;
    bool xml; /* CV_READ_OSCAL: the tree is XML elements */
    /* CV_READ_TREE and CV_READ_ELEMENTS */
    cv_status (*read_tree)(struct cv_node **out,
                           const struct cv_load_req *req);
    /* CV_READ_SHEETS */
    cv_status (*read_sheets)(struct cv_sheets *out,
                             const struct cv_table_req *req);
};

/* The reader for a submission: the first row whose content test accepts
 * the bytes (a zip, '{' or '[', '<', after a BOM and blanks; cloudvet's
 * own report.json is recognised before JSON and refused by its reader),
 * else the first whose extension the file name has; NULL when neither
 * tells. */
const struct cv_reader *cv_reader_find(const char *source, const char *buf,
                                       size_t len);

/* Whether the file name has an extension some reader claims (the CLI's
 * directory walk asks, through the public API). */
bool cv_reader_extension(const char *source);

/* Parse JSON (RFC 8259, strict). Errors: CV_EPARSE (syntax, invalid
 * UTF-8, duplicate key, NUL, a number out of range), CV_ELIMIT,
 * CV_ENOMEM; each with a diagnostic at its line and column. */
cv_status cv_load_json(struct cv_node **out, const struct cv_load_req *req);

/* Parse XML into ELEMENT nodes (local names; XPath + line on each).
 * Errors: CV_EPARSE, CV_ELIMIT, CV_ENOMEM; each with a diagnostic. */
cv_status cv_load_xml(struct cv_node **out, const struct cv_load_req *req);

/* Parse an OSCAL XML document whose root is <system-security-plan> in the
 * OSCAL namespace, with the same defences as cv_load_xml; attributes
 * without a namespace become children named "@name" (XPath .../@name). */
cv_status cv_load_xml_oscal(struct cv_node **out,
                            const struct cv_load_req *req);

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
