/* SPDX-License-Identifier: MIT */
/*
 * oscal.h: stage 2 for OSCAL, a system security plan -> raw questionnaire.
 *
 * Providers that sell to governments describe a service in a NIST OSCAL
 * system security plan (SSP, JSON or XML, OSCAL 1.0.x and 1.1.x). This
 * reader turns what an SSP can state into the same raw tree a JSON
 * questionnaire gives, the way norm/sheets.h turns a workbook into one,
 * so every rule and report works on it unchanged. Every value keeps the
 * SSP's location (JSON Pointer or XPath, line:column).
 *
 *   metadata/locations with a data-centre prop -> data_location.storage[]
 *   leveraged-authorizations -> service.underlying_cloud (never the
 *       offered service's own certifications[]: the ISMAP-of-the-IaaS rule)
 *   implemented requirements of the controls the table lists -> answers[]
 *       (yes only when implemented), the narrative quoted as explanation;
 *       facts only where the text names an MFA factor, an algorithm, a TLS
 *       version or a number with a unit the tables know; two controls that
 *       state different values for one fact are an inconsistency, and the
 *       fact is left unresolved (recorded as unreadable)
 *
 * What OSCAL cannot express (certifications of the service itself, law,
 * court, exit terms, availability) stays unanswered, and one note names
 * the criteria. Which control carries which fact is data
 * (criteria/data/oscal.json, compiled by criteria/tables_oscal.c).
 */
#ifndef CV_OSCAL_H
#define CV_OSCAL_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../base/node.h"
#include "normtext.h"
#include "schema.h"

/* What a control's narrative is searched for. */
enum cv_oscal_extract {
    CV_OSCAL_X_FACTORS,  /* MFA factor names -> access_control.mfa.factors */
    CV_OSCAL_X_AT_REST,  /* a cipher -> encryption.at_rest[0].algorithm */
    CV_OSCAL_X_TLS,      /* TLS versions -> encryption.in_transit[0] */
    CV_OSCAL_X_NUMBER    /* a keyword, then a number and unit -> `path` */
};

struct cv_oscal_number {
    const char *path;    /* a scalar of the questionnaire ("sla.rpo_hours") */
    const char **keys;   /* folded keywords ("rpo", "目標復旧時点") */
    size_t nkeys;
};

struct cv_oscal_setting {
    const char *path;    /* a questionnaire scalar */
    const char *value;   /* as the tree builder takes it ("true") */
};

struct cv_oscal_control {
    const char *id;          /* lower case, "ia-2.1" (OSCAL's form) */
    const char *criterion;   /* the answer it gives */
    enum cv_oscal_extract *extract;
    size_t nextract;
    const struct cv_oscal_number **numbers; /* CV_OSCAL_X_NUMBER's */
    size_t nnumbers;
    const struct cv_oscal_setting *settings; /* when implemented */
    size_t nsettings;
};

struct cv_oscal_status {
    const char *value;     /* "implemented", "planned" ... */
    const char *response;  /* "yes", "partial", "no" */
};

struct cv_oscal_word {
    const char *key;       /* folded name or alias, searched for */
    const char *value;     /* the value written ("face", "AES") */
};

struct cv_oscal_region {
    const char *key;       /* folded identifier or display name */
    const char *id;        /* the region table's identifier */
};

struct cv_oscal_map {
    const char **versions;       /* oscal-version prefixes ("1.0.") */
    size_t nversions;
    const char **prop_namespaces; /* a prop's ns that counts */
    size_t nprop_namespaces;
    const char *dc_prop;         /* "type" */
    const char *dc_value;        /* "data-center" */
    const char **dc_classes;     /* "primary", "alternate" */
    const char **dc_purposes;    /* "primary", "dr" */
    size_t ndc;
    const char *status_prop;     /* "implementation-status" */
    const struct cv_oscal_status *statuses;
    size_t nstatuses;
    const char *unknown_response; /* "no" */
    const struct cv_oscal_control *controls;
    size_t ncontrols;
    const char **uncovered;      /* criteria an SSP cannot answer */
    size_t nuncovered;
    /* from the other tables, folded once */
    const struct cv_oscal_word *factors; /* mfa-factors.json */
    size_t nfactors;
    const struct cv_oscal_word *ciphers; /* cryptrec.json algorithms */
    size_t nciphers;
    const struct cv_oscal_region *regions; /* regions.json */
    size_t nregions;
};

struct cv_oscal_req {
    const char *source;
    const struct cv_oscal_map *map;
    const struct cv_schema *schema;  /* the questionnaire's */
    const struct cv_units *units;    /* how a number's unit is read */
    bool xml;                        /* the SSP tree is XML elements */
    const char *vendor;              /* --vendor, or NULL */
    const char *service;             /* --service, or NULL */
    const cv_limits *limits;
    struct cv_arena *arena;
    struct cv_diags *diags;
    struct cv_unread *unread;        /* facts left unresolved; NULL: none */
};

/* The raw questionnaire of one SSP. CV_OK with *raw set (diagnostics say
 * what could not be used); CV_EINVALID when it is no SSP of a version the
 * table accepts; CV_ELIMIT; CV_ENOMEM. */
cv_status cv_oscal_questionnaire(struct cv_node **raw,
                                 const struct cv_oscal_req *req,
                                 const struct cv_node *ssp);

#endif
