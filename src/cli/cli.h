/* SPDX-License-Identifier: MIT */
/* cli.h: what the command's files share (options, criteria loading). */
#ifndef CV_CLI_CLI_H
#define CV_CLI_CLI_H

#include <stdbool.h>

#include "cloudvet.h"
#include "inputs.h"

#define L(lang, ja, en) ((lang) == CV_LANG_EN ? (en) : (ja))

/* Where the criteria are when neither --criteria nor CLOUDVET_CRITERIA
 * says: <prefix>/CV_INSTALL_CRITERIA_REL when it exists, <prefix> being
 * the parent of the running executable's directory (an installed
 * bin/cloudvet finds ../share/cloudvet/criteria), else the build's
 * CV_CRITERIA_DIR (the source tree's criteria/). The build sets both;
 * these defaults keep a bare compile working. */
#ifndef CV_CRITERIA_DIR
#define CV_CRITERIA_DIR "criteria"
#endif
#ifndef CV_INSTALL_CRITERIA_REL
#define CV_INSTALL_CRITERIA_REL "share/cloudvet/criteria"
#endif

struct cli {
    cv_options opts;
    const char *criteria_dir;
    const char *criteria_given; /* --criteria as given, or NULL (the record
                                   names no path of this machine then) */
    const char *profile;
    const char *out_dir;
    bool out_given;         /* --out was given (criteria show: else stdout) */
    const char *format;
    const char *files_from; /* --files-from FILE|- */
    unsigned jobs;          /* --jobs; 0 = every core */
    bool quiet;             /* --quiet: no progress or summary line */
    bool parse_only;        /* --parse-only: the reader alone (benchmark) */
    bool allow_mixed_tenders; /* --allow-mixed-tenders: rank bids of
                                 different tenders together */
    const char *seeds_dir;  /* --seeds; NULL: the outline in documents.json */
    const char *tender;     /* --tender FILE: the award by its method */
    const char *decisions;  /* --decisions FILE: the committee's decisions */
    const char *sign_key;   /* --sign KEY: sign record.json (Ed25519) */
    const char *verify_key; /* verify --key PUB */
    bool rerun;             /* verify --rerun */
    bool strict;            /* check --strict: warnings fail */
    char **args;            /* diff, verify: the arguments as given */
    int nargs;
    const char *mapping;    /* --mapping FILE: how to read check sheets */
    const char *vendor;     /* --vendor / --service: who answered, for */
    const char *service;    /* workbooks that do not say */
    struct cv_inputs inputs;
    /* registry (registry.c) */
    const char *registry_dir;    /* --registry; NULL: the user's data dir */
    unsigned registry_max_age;   /* --registry-max-age days (30) */
    bool no_registry;            /* --no-registry */
    const char *columns;         /* --columns field=header,... */
    const char *list_date;       /* --list-date YYYY-MM-DD */
    const char *from_url;        /* --from URL */
    /* --online link checks */
    bool online;
    cv_online_options online_opts;
    const char *resolve[17];     /* --resolve host:port:addr, NULL-ended */
    unsigned nresolve;
};

/* Loads the criteria of `c`; prints why not. Returns an exit code. */
int cv_cli_load_criteria(cv_criteria **crit, cv_ctx *ctx, struct cli *c);
void cv_cli_print_ctx_diags(const cv_ctx *ctx);

/* `cloudvet evaluate` (evaluate.c). */
int cv_cli_evaluate(cv_ctx *ctx, struct cli *c);
/* `cloudvet check` (check.c). */
int cv_cli_check(cv_ctx *ctx, struct cli *c);

/* `cloudvet criteria show` (show.c), `cloudvet diff` (diff.c),
 * `cloudvet verify` (verify.c). */
int cv_cli_criteria_show(cv_ctx *ctx, struct cli *c);
int cv_cli_diff(cv_ctx *ctx, struct cli *c);
int cv_cli_verify(cv_ctx *ctx, struct cli *c);

/* `cloudvet registry import|list` (registry.c). */
int cv_cli_registry(cv_ctx *ctx, struct cli *c, const char *verb);
/* For evaluate and check: select the snapshot and turn on --online as the
 * options say; prints what it uses. `*reg` is freed by the caller. */
int cv_cli_prepare_checks(cv_ctx *ctx, struct cli *c, cv_registry **reg);
/* The registry directory of `c` (--registry, else the user's data dir). */
const char *cv_cli_registry_dir(const struct cli *c);

#endif
