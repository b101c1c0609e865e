/* SPDX-License-Identifier: MIT */
/*
 * norm.h: stage 2, raw tree -> typed questionnaire tree.
 *
 * Takes what a loader produced (JSON values, or XML elements with text)
 * and, guided by the compiled schema, yields one model for both forms:
 * objects with named members, arrays, strings, numbers, booleans. Member
 * and element names are the JSON names (`availability_percent`), so the
 * evaluator cannot tell which form a fact came from.
 *
 * Reported here, each at its location: wrong types, values outside an
 * enum or a minimum/maximum, missing required members, unknown members
 * (warning), bad dates (error), invalid 法人番号 check digits (warning),
 * and every normalisation performed (note). A value with an error is
 * dropped, so the evaluator treats it as not given.
 */
#ifndef CV_NORM_H
#define CV_NORM_H

#include "../base/diag.h"
#include "../base/node.h"
#include "normtext.h"
#include "schema.h"

struct cv_norm_req {
    const char *source;
    const struct cv_schema *schema;
    const struct cv_eras *eras;
    const struct cv_units *units; /* unit and bound words; NULL: none */
    const struct cv_countries *countries; /* NULL: no country is known */
    struct cv_arena *arena;
    struct cv_diags *diags;
    int from_xml; /* raw tree is XML elements */
    /* Receives the fields whose value was given but dropped with an error
     * (node.h); NULL: not recorded. */
    struct cv_unread *unread;
};

/* CV_OK with *out set (the document may still carry error diagnostics);
 * CV_EINVALID when it is not a questionnaire v1 (wrong root, wrong or
 * missing format, no vendor or service name); CV_ENOMEM. */
cv_status cv_normalise(struct cv_node **out, const struct cv_norm_req *req,
                       struct cv_node *raw);

#define CV_QUESTIONNAIRE_FORMAT "cloudvet-questionnaire/1"

#endif
