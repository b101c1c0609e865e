/* SPDX-License-Identifier: MIT */
/*
 * node.h: the one document model every stage shares.
 *
 * The loaders turn JSON and XML bytes into a tree of cv_node; after that
 * no module sees a json_t or an xmlNode. A JSON document maps one to one;
 * an XML document arrives as ELEMENT nodes (name + text + children) that
 * the normaliser types with the schema. Every node keeps where it came
 * from: `path` (a JSON Pointer or an XPath) and line/column where known.
 *
 * Every text is valid UTF-8 without NUL (the loaders guarantee it, the
 * fuzz targets check it), so later stages never validate again.
 *
 * Nodes live in a document arena: there is no per-node free.
 */
#ifndef CV_NODE_H
#define CV_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct cv_quantity;

enum cv_node_kind {
    CV_NODE_NULL,
    CV_NODE_BOOL,
    CV_NODE_NUMBER,
    CV_NODE_STRING,
    CV_NODE_ARRAY,
    CV_NODE_OBJECT,
    CV_NODE_ELEMENT /* raw XML element, before normalisation */
};

struct cv_node {
    enum cv_node_kind kind;
    const char *name;  /* member or element name; NULL for array items */
    const char *text;  /* string value; number as written; element text */
    size_t text_len;
    double number;
    /* a typed number read by the normaliser: the value as written, its
     * unit and bound, converted to the field's unit (base/decimal.h);
     * NULL for raw nodes and criteria data */
    const struct cv_quantity *quantity;
    bool boolean;
    struct cv_node *first;
    struct cv_node *last;
    struct cv_node *next;
    size_t count;
    const char *path;  /* JSON Pointer or XPath */
    unsigned line;
    unsigned column;
};

/*
 * The fields whose value a submission gave but the normaliser dropped with
 * an error (a number it could not read, a date that is no date, a value
 * outside an enumeration): dotted, without item indices
 * ("sla.availability_percent", "data_location.storage.country"). The
 * evaluator treats each as unreadable, never as not given, whatever the
 * form the value came in (a JSON Pointer, an XPath or a workbook cell
 * locates its diagnostic). In the document arena.
 */
struct cv_unread {
    const char **fields;
    size_t count;
    size_t cap;
};

/* Adds `field` once; false when out of memory. */
bool cv_unread_add(struct cv_unread *u, struct cv_arena *a, const char *field,
                   size_t len);
/* The recorded field that is `fact`, lies under it or holds it ("sla"
 * dropped whole holds "sla.rto_hours"); NULL when none. */
const char *cv_unread_touching(const struct cv_unread *u, const char *fact);

struct cv_node *cv_node_new(struct cv_arena *a, enum cv_node_kind kind);
void cv_node_append(struct cv_node *parent, struct cv_node *child);

/* Member of an object (or child element) by name; NULL when absent. */
const struct cv_node *cv_node_member(const struct cv_node *obj,
                                     const char *name);
/* Dotted path lookup ("sla.backup.retention_days"); NULL when absent,
 * when a step is not an object, or when the value is null. */
const struct cv_node *cv_node_lookup(const struct cv_node *root,
                                     const char *dotted);
/* Typed helpers: NULL/false when absent or of another kind. */
const char *cv_node_str(const struct cv_node *obj, const char *name);
bool cv_node_num(const struct cv_node *obj, const char *name, double *out);
bool cv_node_bool(const struct cv_node *obj, const char *name, bool *out);

/* RFC 6901 pointer of child `name` below `parent_path` ("~"->"~0",
 * "/"->"~1"), in the arena. */
char *cv_pointer_child(struct cv_arena *a, const char *parent_path,
                       const char *name);
char *cv_pointer_index(struct cv_arena *a, const char *parent_path,
                       size_t index);

#endif
