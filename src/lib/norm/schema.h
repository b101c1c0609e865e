/* SPDX-License-Identifier: MIT */
/*
 * schema.h: the questionnaire's JSON Schema, compiled for the reader.
 *
 * The reader is driven by criteria/schema/questionnaire-v1.schema.json,
 * not by C tables: types, required members, enums, minimum/maximum,
 * formats and, for the XML form, the element name of array items
 * (`x-xml-item`, required on every array; the wrapper element of a list
 * is the member's own XML name, see cv_schema_prop). Supported keywords:
 * type (one or a list), properties, required, additionalProperties
 * (false only), items, enum, format,
 * minimum, maximum, $ref (to #/$defs/...), and the annotations title,
 * description, $schema, $id, $defs. Anything else is a schema error, so a
 * keyword we would silently ignore cannot creep in.
 */
#ifndef CV_SCHEMA_H
#define CV_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../base/node.h"

enum cv_stype_bits {
    CV_ST_OBJECT = 1u << 0,
    CV_ST_ARRAY = 1u << 1,
    CV_ST_STRING = 1u << 2,
    CV_ST_NUMBER = 1u << 3,
    CV_ST_INTEGER = 1u << 4,
    CV_ST_BOOLEAN = 1u << 5
};

enum cv_sformat {
    CV_SF_NONE,
    CV_SF_DATE,
    CV_SF_COUNTRY,
    CV_SF_CORPORATE_NUMBER
};

struct cv_schema;

struct cv_schema_prop {
    const char *name;
    const char *xml_name; /* name with '_' written as '-' */
    /* An array's wrapper element, the other XML form of the list
     * (<certifications><certification>...): the member's xml_name, or NULL
     * when that is also the item's name (storage, evidence) and the list
     * can only be written as items. */
    const char *xml_wrapper;
    const struct cv_schema *schema;
};

struct cv_schema {
    unsigned types;
    enum cv_sformat format;
    struct cv_schema_prop *props;
    size_t nprops;
    const char **required;
    size_t nrequired;
    const struct cv_schema *items;
    const char *xml_item;
    const char **enums;
    size_t nenums;
    bool has_min, has_max;
    double min, max;
};

/* Compiles the schema document; errors are CV_ECRITERIA with diagnostics
 * located by JSON Pointer into the schema file. */
cv_status cv_schema_compile(const struct cv_schema **out,
                            const struct cv_node *doc, struct cv_arena *arena,
                            struct cv_diags *diags, const char *source);

const struct cv_schema_prop *cv_schema_prop(const struct cv_schema *s,
                                            const char *name);

/* The schema of a dotted path ("sla.backup.retention_days"); array steps
 * are crossed implicitly ("data_location.storage.region"). NULL when the
 * path is not a field of the schema. */
const struct cv_schema *cv_schema_at(const struct cv_schema *root,
                                     const char *dotted);

#endif
