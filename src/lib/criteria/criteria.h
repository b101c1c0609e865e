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

enum cv_check_kind {
    CV_CHECK_ANSWER,
    CV_CHECK_CONDITIONS,
    CV_CHECK_CERTIFICATION,
    CV_CHECK_JURISDICTION,
    CV_CHECK_DATA_LOCATION,
    CV_CHECK_CRYPTO,
    CV_CHECK_MFA
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
    enum cv_check_kind check;
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

struct cv_param {
    const char *name;
    const struct cv_node *value;
    const char *source;
};

struct cv_profile_entry {
    const struct cv_criterion *crit;
    bool mandatory;
    double weight;
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
    bool accepted;
    const char *note;
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
    const char *crypto_edition;
    struct cv_mfa_factor *factors;
    size_t nfactors;
    struct cv_regex **courts;
    size_t ncourts;
    struct cv_reg_column reg_columns[CV_REG_NFIELDS];
    const char *reg_default_scheme;
};

struct cv_criteria {
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
};

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

/* lint.c: see cv_criteria_lint in cloudvet.h */
cv_status cv_lint_run(struct cv_diags *diags, const cv_limits *limits,
                      const char *dir, const char *seeds_dir);

#endif
