/* SPDX-License-Identifier: MIT */
/*
 * registry.h: snapshots of a public registry (the ISMAP cloud service
 * list), made from the distributed workbook and kept in our own format.
 *
 * Import (table -> snapshot): the header row is found by its Japanese
 * headers (criteria/data/ismap-list.json, or --columns overrides), every
 * row below it with a registration number becomes a snapshot row that
 * remembers its sheet row, so a report can show the row it compared.
 *
 * A snapshot is a JSON file "ismap-YYYY-MM-DD.json" (format
 * "cloudvet-registry/1", docs/registry.md), named by the list's as-of date,
 * so the registry directory holds one file per list edition.
 */
#ifndef CV_REGISTRY_H
#define CV_REGISTRY_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/node.h"
#include "../base/strbuf.h"
#include "../criteria/criteria.h"
#include "../load/table.h"

#define CV_REGISTRY_FORMAT "cloudvet-registry/1"

struct cv_registry_row {
    unsigned row;           /* 1-based row of the source sheet */
    const char *number;     /* as written in the list */
    const char *key;        /* number folded for lookup (NFKC, dashes) */
    const char *service;
    const char *provider;
    const char *registered; /* YYYY-MM-DD when readable, else as written */
    const char *expires;    /* same */
    const char *scheme;     /* "ISMAP" or "ISMAP-LIU" */
};

struct cv_registry_snapshot {
    const char *kind;       /* "ismap" */
    const char *source;     /* file name or URL it was imported from */
    char source_sha256[65];
    char as_of[11];         /* the list's date, YYYY-MM-DD */
    const char *sheet;
    unsigned header_row;
    const char *headers[CV_REG_NFIELDS]; /* header text per field or NULL */
    struct cv_registry_row *rows;
    size_t nrows;
};

/* The file name of a snapshot: "<kind>-<as_of>.json". */
void cv_registry_snapshot_name(const struct cv_registry_snapshot *s,
                           char *buf, size_t size);

/* Finds the header row and reads the rows of the first sheet that has
 * one. `overrides` is --columns ("field=header,..." or NULL). Errors:
 * CV_EINVALID (no sheet has the required headers: the diagnostic lists
 * what was missing), CV_EUSAGE (bad --columns), CV_ENOMEM. */
cv_status cv_registry_from_tables(struct cv_registry_snapshot *out,
                                  const struct cv_sheets *tables,
                                  const struct cv_criteria *crit,
                                  const char *overrides, const char *source,
                                  struct cv_arena *arena,
                                  struct cv_diags *diags);

/* Reads a snapshot file's tree (load_json). CV_EINVALID on anything that
 * is not a snapshot we wrote. */
cv_status cv_registry_parse(struct cv_registry_snapshot *out,
                            const struct cv_node *doc, const char *source,
                            struct cv_arena *arena, struct cv_diags *diags);

/* Serialises a snapshot (stable member order, one row per line). */
void cv_registry_serialise(const struct cv_registry_snapshot *s,
                           struct cv_strbuf *sb);

/* The row registered under `number` (compared folded), or NULL. */
const struct cv_registry_row *
cv_registry_find(const struct cv_registry_snapshot *s, struct cv_arena *a,
                 const char *number);

/* A registration number folded for comparison: NFKC, upper case, blanks
 * dropped, every dash-like character as '-'. NULL on OOM/invalid. */
char *cv_registry_key(struct cv_arena *a, const char *number);

#endif
