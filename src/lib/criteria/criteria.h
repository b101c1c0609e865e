/* SPDX-License-Identifier: MIT */
/*
 * criteria.h: the criteria data, compiled once per run.
 *
 * Loaded from criteria/ (see criteria/README.md for the file formats):
 * the questionnaire schema and the era table (handed to the reader), the
 * catalogue, the chosen profile (with `extends` resolved and parameters
 * bound), and the reference tables the checks consult. After
 * cv_criteria_load returns, everything here is read-only and may be used
 * from several threads at once.
 */
#ifndef CV_CRITERIA_H
#define CV_CRITERIA_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/node.h"
#include "../norm/normtext.h"
#include "../norm/schema.h"
#include "regex.h"

struct cv_text2 {
    const char *ja;
    const char *en;
};

#define CV_TEXT(lang, t) ((lang) == CV_LANG_EN ? (t).en : (t).ja)

/* ---- conditions over facts ---- */

enum cv_cond_kind { CV_COND_ALL, CV_COND_ANY, CV_COND_TEST };
enum cv_cond_test {
    CV_TEST_TRUE,
    CV_TEST_FALSE,
    CV_TEST_PRESENT,
    CV_TEST_NONEMPTY,
    CV_TEST_GE,
    CV_TEST_LE,
    CV_TEST_GT,
    CV_TEST_LT,
    CV_TEST_EQ
};

struct cv_cond {
    enum cv_cond_kind kind;
    struct cv_cond **subs;
    size_t nsubs;
    const char *field;
    enum cv_cond_test test;
    const char *param;                /* profile parameter name, or NULL */
    const struct cv_node *value;      /* literal, or bound parameter value */
    const char *where;                /* JSON Pointer in the catalogue */
};

/* ---- check kinds: what each kind of check reads ----
 *
 * The kinds are eval's (the one table is eval/check_kinds.c); criteria/
 * holds only the shape of a row, so that the loader parses and validates
 * every catalogue `check` object, and the profile parameters it names, by
 * the table the glue gives it (struct cv_criteria.kinds) without knowing
 * any kind itself. criteria/ never calls `run`. */

enum cv_arg_form {
    CV_ARG_CONDITION, /* a condition tree, written in the check */
    CV_ARG_FIELD,     /* a questionnaire field (dotted), written in the check */
    CV_ARG_PARAM,     /* the name of the profile parameter holding the value */
    CV_ARG_LITERAL    /* the value itself, written in the check */
};

enum cv_value_type {
    CV_VALUE_NONE,   /* CONDITION, FIELD */
    CV_VALUE_NUMBER,
    CV_VALUE_STRING,
    CV_VALUE_BOOL,
    CV_VALUE_STRINGS /* a non-empty array of strings */
};

struct cv_check_member {
    const char *name;        /* NULL ends a list */
    enum cv_arg_form form;
    enum cv_value_type type; /* of the value (PARAM, LITERAL) */
    struct cv_text2 unit;    /* of a number, or { NULL, NULL } */
    bool required;
    const char *needs;       /* a member that must come with this one */
    const char *one_of;      /* a STRING value must be an element of this
                                member's value (a STRINGS member) */
    const char *enum_of;     /* every string of the value must be a value of
                                this questionnaire field's enumeration */
};

struct cv_check; /* eval's */
struct cv_wb_words;  /* norm/sheet_own.c */
struct cv_sheetmap;  /* norm/sheetmap.h */
typedef cv_status cv_check_run_fn(struct cv_check *ck);

struct cv_check_kind {
    const char *name;
    cv_check_run_fn *run;
    const struct cv_check_member *members; /* ended by a NULL name */
};

struct cv_check_kinds {
    const struct cv_check_kind *kinds;
    size_t nkinds;
    const struct cv_check_member *common; /* members any kind takes */
};

/* One member of a criterion's check, parsed by its table row. */
struct cv_check_arg {
    const struct cv_check_member *member;
    const struct cv_node *node;  /* as written in the catalogue */
    struct cv_cond *cond;        /* CONDITION */
    const struct cv_node *value; /* LITERAL: node; PARAM: the profile's
                                    value, once bound (cv_checks_bind) */
};

struct cv_bonus {
    struct cv_cond *when;
    double add;
    struct cv_text2 label;
};

struct cv_criterion {
    const char *id;
    struct cv_text2 title;
    struct cv_text2 requirement;
    const char *category;
    cv_citation *citations;
    size_t ncitations;
    const char **facts;
    size_t nfacts;
    bool na_allowed;
    const struct cv_check_kind *check; /* its row of the kinds table */
    struct cv_check_arg *args;         /* the check's members but "kind" */
    size_t nargs;
    /* The condition members `require` and `partial_if` (a conditions
     * check), or NULL: shortcuts into args for the binders. */
    struct cv_cond *require;
    struct cv_cond *partial_if;
    const struct cv_node *check_node; /* the raw "check" object */
    bool has_grading;
    double grading_base;
    struct cv_bonus *bonus;
    size_t nbonus;
    const char *file;
    const char *where;
};

/* ---- profile ---- */

/* What a parameter's value rests on (its "basis" member). A value the
 * clause itself does not state (a number where the clause asks only that
 * something be set out, a guideline's example value) is not the clause's:
 * the reports and the template say so. */
enum cv_param_basis {
    CV_BASIS_CLAUSE = 0, /* the cited clause states it */
    CV_BASIS_GUIDELINE,  /* a published guideline's value, beyond the clause */
    CV_BASIS_PROFILE     /* the profile's own choice (also when unstated) */
};

/* The profile's word for a basis ("clause", "guideline", "profile"). */
const char *cv_param_basis_str(enum cv_param_basis b);

struct cv_param {
    const char *name;
    const struct cv_node *value;
    const char *source;
    const char *file;          /* the profile file that set it (extends) */
    const char *note;          /* what is unconfirmed about it, or NULL */
    enum cv_param_basis basis;
};

/* A parameter a criterion's check applies, and how: a test of a fact
 * against it (`field` `test` value) or a setting of the check. */
struct cv_entry_param {
    const struct cv_param *param;
    const char *field;       /* the fact compared, or NULL (a setting) */
    enum cv_cond_test test;  /* when `field` */
    bool required;           /* in the requirement (not only a bonus) */
};

struct cv_profile_entry {
    const struct cv_criterion *crit;
    bool mandatory;
    double weight;
    /* "partial_qualifies": a partial result of this mandatory criterion
     * does not disqualify (never by default: a mandatory requirement
     * holds in full) */
    bool partial_qualifies;
    struct cv_entry_param *params; /* in the order the check names them */
    size_t nparams;
};

struct cv_answer_alias {
    const char *from;
    const char *to;
};

struct cv_profile {
    const char *id;
    const char *version;
    struct cv_text2 title;
    double partial_fraction;
    double claimed_fraction;
    /* scoring.tie_break: equal scores are ranked by the points on
     * mandatory criteria ("mandatory_points", the default), or share a
     * rank ("none"). */
    bool tie_by_mandatory;
    struct cv_param *params;
    size_t nparams;
    struct cv_profile_entry *entries;
    size_t nentries;
    struct cv_answer_alias *aliases;
    size_t naliases;
    const char *file;
};

/* ---- reference tables ---- */

struct cv_region_provider {
    const char *id;
    const char **name_keys; /* cv_fold_key of each name */
    size_t nnames;
    struct cv_regex **zone_patterns;
    size_t npatterns;
};

struct cv_region_entry {
    const char *provider;
    const char *id;
    const char *name;
    const char **keys; /* folded id and aliases */
    size_t nkeys;
    const char **countries;
    size_t ncountries;
    const char *note;
};

enum cv_crypto_list {
    CV_LIST_RECOMMENDED,
    CV_LIST_RECOMMENDED_PQC,
    CV_LIST_CANDIDATE,
    CV_LIST_MONITORED,
    CV_LIST_UNLISTED
};

struct cv_crypto_alg {
    const char *name;
    const char *category;
    enum cv_crypto_list list;
    const char *family;
    int security_bits; /* fixed strength (e.g. 3-key Triple DES); 0 */
    const int *key_bits;
    size_t nkey_bits;
    const char **needs; /* categories one of which must come with it */
    size_t nneeds;
    int key_parts;      /* keys of the cipher in one key (XTS: 2); 1 */
    const char *note;
};

struct cv_crypto_token {
    const char *match;
    const struct cv_crypto_alg *alg;
    const struct cv_crypto_alg *mode;
    int curve_bits;
    bool ignore;
};

struct cv_strength_pair {
    int size;
    int bits;
};

struct cv_strength_family {
    const char *name;
    struct cv_strength_pair *pairs;
    size_t npairs;
};

struct cv_min_bits {
    long from_day;
    int bits;
};

struct cv_tls_version {
    const char *version;
    const char *key; /* folded */
    const char **aliases; /* folded aliases ("1.2以上") */
    size_t naliases;
    bool accepted;
    const char *note;
};

/* How TLS cipher suite names are read (cryptrec.json "tls_suites"). */
struct cv_tls_suites {
    const char **prefixes;      /* IANA name prefixes ("TLS", "SSL") */
    size_t nprefixes;
    const struct cv_crypto_alg *rsa_key_transport;
    const struct cv_crypto_alg *implicit_key_exchange;
    const char **protocols;     /* folded protocol names that are TLS */
    size_t nprotocols;
};

/* A recognised deletion method (data/deletion-methods.json). */
enum cv_deletion_kind {
    CV_DELETION_IRRECOVERABLE, /* erased beyond recovery */
    CV_DELETION_STANDARD,      /* a sanitization standard cited */
    CV_DELETION_LOGICAL        /* the data stays on the media */
};

struct cv_deletion_method {
    const char *name;
    enum cv_deletion_kind kind;
    const char **terms; /* folded (cv_fold_key) */
    size_t nterms;
};

struct cv_mfa_factor {
    const char *name;
    const char *kind;
    const char **keys;
    size_t nkeys;
};

/* A report group of criteria (data/categories.json), in report order. */
struct cv_category {
    const char *id;
    struct cv_text2 title;
};

/* Columns of a registry list (data/ismap-list.json), by field. */
enum cv_reg_field {
    CV_REG_NUMBER = 0,
    CV_REG_SERVICE,
    CV_REG_PROVIDER,
    CV_REG_REGISTERED,
    CV_REG_EXPIRES,
    CV_REG_SCHEME,
    CV_REG_NFIELDS
};

struct cv_reg_column {
    const char *field;      /* "number", "service", ... */
    bool required;
    const char **headers;   /* folded (cv_fold_key) header names */
    size_t nheaders;
};

/* ---- names (tables_names.c): courts, cloud providers, certification
 * schemes. Every lookup is an exact comparison of keys (cv_names_key):
 * a name the table does not hold is unknown, never matched by a part. */

struct cv_criteria;

struct cv_court_name {
    const char *key;  /* cv_names_key of one way of writing the court */
    const char *name; /* the court's full name: 東京地方裁判所立川支部 */
    const char *kind; /* an id of the table's kinds ("district"), or NULL */
};

struct cv_provider_name {
    const char *key;      /* cv_names_key, company forms removed */
    const char *provider; /* a provider id of data/regions.json */
};

struct cv_scheme {
    const char *id;            /* "ISO/IEC 27017" */
    const char *equivalent_to; /* the scheme it adopts identically, or NULL */
};

struct cv_scheme_name {
    const char *key;
    const struct cv_scheme *scheme;
};

struct cv_name_tables {
    const char *court_country; /* the country whose courts these are */
    struct cv_court_name *courts;
    size_t ncourts;
    const char **court_suffixes; /* keys dropped at the end: 本庁 */
    size_t ncourt_suffixes;
    const char **foreign; /* cv_fold_key of the foreign-court markers */
    size_t nforeign;
    struct cv_provider_name *providers;
    size_t nproviders;
    const char **legal_forms; /* keys of 株式会社, inc, ... */
    size_t nlegal_forms;
    struct cv_scheme *schemes;
    size_t nschemes;
    struct cv_scheme_name *scheme_names;
    size_t nscheme_names;
};

/* Loads data/courts.json, data/providers.json and data/schemes.json (after
 * the region table, whose provider ids and names providers.json extends). */
cv_status cv_names_load(struct cv_criteria *c, struct cv_diags *diags,
                        const char *dir, struct cv_strbuf *digest);
/* NFKC, case fold, blanks and the punctuation , . ・ removed; NULL on
 * invalid UTF-8 or out of memory. */
char *cv_names_key(struct cv_arena *a, const char *s, size_t len);
/* The court `text` names, or NULL. */
const struct cv_court_name *cv_names_court(const struct cv_name_tables *t,
                                           struct cv_arena *a,
                                           const char *text);
/* true when `text` names a place or body outside Japan (not a court of
 * Japan, whatever else it says). */
bool cv_names_foreign_court(const struct cv_name_tables *t,
                            struct cv_arena *a, const char *text);
/* The provider id `name` is a name of, or NULL. */
const char *cv_names_provider(const struct cv_name_tables *t,
                              struct cv_arena *a, const char *name);
/* The scheme `name` names, or NULL. */
const struct cv_scheme *cv_names_scheme(const struct cv_name_tables *t,
                                        struct cv_arena *a, const char *name);

/* ---- countries (tables_countries.c): data/countries.json, ISO 3166-1
 * codes and names with cloudvet's aliases and the forms a governing law
 * is named in; the normaliser reads countries through it (norm/normtext.h
 * struct cv_countries). Needs the schema compiled first (law_fields). */
cv_status cv_countries_load(struct cv_criteria *c, struct cv_diags *diags,
                            const char *dir, struct cv_strbuf *digest);
/* What reasons call the country `code` in `lang` (the code itself when
 * the table has no name for it). */
const char *cv_country_title(const struct cv_countries *t, const char *code,
                             cv_lang lang);

/* data/labels.json: what reasons call an enumeration's values. */
struct cv_value_label {
    const char *field; /* dotted: "data_location.storage.purpose" */
    const char *value;
    const char *ja;
    const char *en;
};

struct cv_labels {
    const struct cv_value_label *items;
    size_t n;
};

cv_status cv_labels_load(struct cv_criteria *c, struct cv_diags *diags,
                         const char *dir, struct cv_strbuf *digest);
/* The label of `value` of `field` in `lang`, or `value` itself. */
const char *cv_value_label(const struct cv_labels *t, const char *field,
                           const char *value, cv_lang lang);

struct cv_tables {
    struct cv_category *categories;
    size_t ncategories;
    struct cv_region_provider *providers;
    size_t nproviders;
    struct cv_region_entry *regions;
    size_t nregions;
    struct cv_crypto_alg *algs;
    size_t nalgs;
    struct cv_crypto_token *tokens;
    size_t ntokens;
    struct cv_strength_family *families;
    size_t nfamilies;
    struct cv_min_bits *min_bits;
    size_t nmin_bits;
    struct cv_tls_version *tls;
    size_t ntls;
    struct cv_tls_suites tls_suites;
    const char *crypto_edition;
    struct cv_deletion_method *deletion_methods;
    size_t ndeletion_methods;
    struct cv_mfa_factor *factors;
    size_t nfactors;
    struct cv_name_tables names; /* courts, providers, schemes */
    struct cv_reg_column reg_columns[CV_REG_NFIELDS];
    const char *reg_default_scheme;
    struct cv_units units; /* data/units.json (cv_units_load) */
    struct cv_countries countries; /* data/countries.json */
    struct cv_labels labels;       /* data/labels.json */
    const struct cv_oscal_map *oscal; /* data/oscal.json (norm/oscal.h) */
};

struct cv_criteria {
    const struct cv_check_kinds *kinds; /* set before loading (the glue) */
    struct cv_arena arena;
    struct cv_regex_set regexes;
    const struct cv_schema *schema;
    struct cv_eras eras;
    struct cv_criterion *catalogue;
    size_t ncatalogue;
    struct cv_profile profile;
    struct cv_tables tables;
    char sha256[65];
    cv_limits limits;
    /* The workbook readers (norm/sheets.h): the words of cloudvet's own
     * workbook (data/workbook.json), the built-in mappings of mappings/,
     * and the one --mapping named (then the only one tried). */
    const struct cv_wb_words *wb_words;
    const struct cv_sheetmap **mappings;
    size_t nmappings;
    const struct cv_sheetmap *forced_mapping;
    char forced_mapping_sha256[65];
};

/* data/workbook.json: the sheet names, headings and drop-down words of
 * cloudvet's own workbook, in both languages (tables_workbook.c); its
 * bytes go into `digest` when given (its words decide how a returned
 * workbook is read). */
cv_status cv_wb_words_load(struct cv_criteria *c, struct cv_diags *diags,
                           const char *criteria_dir, struct cv_strbuf *digest);

/* Every mapping of criteria_dir/mappings/ (mapping.c), compiled against
 * the schema and the catalogue, into c->mappings; their bytes go into
 * `digest` (the criteria's SHA-256) when given: how a workbook is read is
 * part of the criteria a verdict rests on. */
cv_status cv_mappings_load(struct cv_criteria *c, struct cv_diags *diags,
                           const char *criteria_dir, struct cv_strbuf *digest);

/* One mapping file (--mapping), compiled like the built-in ones; sha256
 * receives the hash of the bytes compiled (for record.json). */
cv_status cv_mapping_load_file(struct cv_criteria *c, struct cv_diags *diags,
                               const char *path,
                               const struct cv_sheetmap **out,
                               char sha256[65]);

/* ---- loading helpers shared by the criteria files ---- */

/* Reads and parses a criteria JSON file into `arena`; appends its bytes to
 * `digest` (for the profile hash) when given. */
cv_status cv_crit_read_json(const struct cv_node **out, struct cv_arena *arena,
                            struct cv_diags *diags, const cv_limits *limits,
                            const char *path, struct cv_strbuf *digest);

/* "dir/name" in `a`; NULL when out of memory. */
char *cv_crit_join_path(struct cv_arena *a, const char *dir, const char *name);

/* Checks that `obj` is an object with a "format" equal to `format` and no
 * member outside `allowed` (NULL-terminated). */
cv_status cv_crit_expect(const struct cv_node *obj, const char *format,
                         const char *const *allowed, struct cv_diags *diags,
                         const char *file);
cv_status cv_crit_members(const struct cv_node *obj,
                          const char *const *allowed, struct cv_diags *diags,
                          const char *file);
/* An error at `at` in `file`; the two texts are literal formats with one
 * %s (checked by the compiler through the macro). */
cv_status cv_crit_fail_at(struct cv_diags *diags, const char *file,
                          const struct cv_node *at, const char *fmt, ...)
    CV_PRINTF(4, 5);
/* Identifiers end up in HTML ids, URLs fragments and file names: they are
 * 1 to 64 characters of `charset`. */
static inline bool cv_crit_is_token(const char *s, const char *charset)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 64 && strspn(s, charset) == n;
}
static inline const char *cv_crit_nz(const char *s)
{
    return s ? s : "";
}
#define cv_crit_error(diags, file, at, ja, en, arg)                           \
    cv_crit_fail_at((diags), (file), (at), CV_L((diags)->lang, ja, en),       \
                    cv_crit_nz(arg))
/* A required string member, or an error. */
cv_status cv_crit_string(const char **out, const struct cv_node *obj,
                         const char *name, struct cv_diags *diags,
                         const char *file);
cv_status cv_crit_text2(struct cv_text2 *out, const struct cv_node *obj,
                        const char *name, struct cv_diags *diags,
                        const char *file);

/* catalogue.c */
cv_status cv_catalogue_load(struct cv_criteria *c, struct cv_diags *diags,
                            const char *dir, struct cv_strbuf *digest);
const struct cv_criterion *cv_catalogue_find(const struct cv_criteria *c,
                                             const char *id);
cv_status cv_cond_parse(struct cv_cond **out, struct cv_arena *arena,
                        const struct cv_node *n, struct cv_diags *diags,
                        const char *file);
/* Whether `v` can be the operand of `test` (a number for ge/le/gt/lt; a
 * number, string or boolean for eq). */
bool cv_cond_operand_fits(enum cv_cond_test test, const struct cv_node *v);
/* Whether `v` has type `t`; the type's name for messages. */
bool cv_value_fits(enum cv_value_type t, const struct cv_node *v);
const char *cv_value_type_str(enum cv_value_type t, cv_lang lang);
/* The argument of check member `name`, or NULL. */
const struct cv_check_arg *cv_criterion_arg(const struct cv_criterion *cr,
                                            const char *name);
/* After the profile is loaded, for the criteria it selects: binds every
 * check member that names a parameter, checks each parameter's type
 * against what the checks and conditions naming it need, and that every
 * parameter the profile sets is used by some check, condition or grading
 * of the catalogue. With `others`, the same for the criteria the profile
 * does not select, without the unused check (lint: every criterion must
 * find its parameters in the default profile). */
cv_status cv_checks_bind(struct cv_criteria *c, struct cv_diags *diags,
                         bool others);

/* profile.c */
cv_status cv_profile_load(struct cv_criteria *c, struct cv_diags *diags,
                          const char *dir, const char *profile,
                          struct cv_strbuf *digest);
const struct cv_param *cv_profile_param(const struct cv_profile *p,
                                        const char *name);

/* tables.c */
cv_status cv_tables_load(struct cv_criteria *c, struct cv_diags *diags,
                         const char *dir, struct cv_strbuf *digest);
const struct cv_crypto_alg *cv_tables_alg(const struct cv_tables *t,
                                          const char *name);
/* The field named `name` ("number", ...), or CV_REG_NFIELDS. */
enum cv_reg_field cv_tables_reg_field(const char *name);
/* The category `id` of data/categories.json, or NULL. */
const struct cv_category *cv_tables_category(const struct cv_tables *t,
                                             const char *id);
cv_status cv_eras_load(struct cv_criteria *c, struct cv_diags *diags,
                       const char *dir, struct cv_strbuf *digest);
/* tables_deletion.c: data/deletion-methods.json */
/* data/oscal.json (tables_oscal.c), after the factor, CRYPTREC and region
 * tables whose words it borrows. */
struct cv_oscal_map;
cv_status cv_tables_load_oscal(struct cv_criteria *c, struct cv_diags *diags,
                               const char *dir, struct cv_strbuf *digest);
cv_status cv_tables_load_deletion(struct cv_criteria *c,
                                  struct cv_diags *diags, const char *dir,
                                  struct cv_strbuf *digest);
/* data/units.json; resolves each field against c->schema when loaded. */
cv_status cv_units_load(struct cv_criteria *c, struct cv_diags *diags,
                        const char *dir, struct cv_strbuf *digest);

/* lint.c: see cv_criteria_lint in cloudvet.h */
cv_status cv_lint_run(struct cv_diags *diags, const cv_limits *limits,
                      const char *dir, const char *seeds_dir,
                      const char *profile, const struct cv_check_kinds *kinds);

#endif
