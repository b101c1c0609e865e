/* SPDX-License-Identifier: MIT */
/*
 * main.c: the `cloudvet` command. It parses arguments, drives the library
 * through cloudvet.h only, prints diagnostics and maps outcomes to exit
 * codes (exitcode.h). Reports are written to a temporary file in the
 * output directory and renamed into place, so no reader ever sees a
 * half-written report.
 *
 * Two tables drive the command line: the commands (their words, whether
 * they take arguments) and the options (each with the commands that take
 * it). A mistyped command or option is answered with the nearest valid
 * name (suggest.h); the help pages are help.c's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cloudvet.h"
#include "exitcode.h"
#include "help.h"
#include "inputs.h"
#include "out.h"
#include "cli.h"
#include "suggest.h"

/* The commands, as bits for the option table. */
enum cmd_id { CMD_EVALUATE, CMD_CHECK, CMD_TEMPLATE, CMD_LINT, CMD_SHOW,
              CMD_IMPORT, CMD_LIST, CMD_DIFF, CMD_VERIFY, CMD_HELP,
              CMD_COUNT };
#define C_EVALUATE (1u << CMD_EVALUATE)
#define C_CHECK (1u << CMD_CHECK)
#define C_TEMPLATE (1u << CMD_TEMPLATE)
#define C_LINT (1u << CMD_LINT)
#define C_SHOW (1u << CMD_SHOW)
#define C_DIFF (1u << CMD_DIFF)
#define C_VERIFY (1u << CMD_VERIFY)
#define C_IMPORT (1u << CMD_IMPORT)
#define C_LIST (1u << CMD_LIST)
#define C_HELP (1u << CMD_HELP)
#define C_ANY ((1u << CMD_COUNT) - 1u)

enum { OPT_PROFILE = 256, OPT_AS_OF, OPT_FORMAT, OPT_OUT, OPT_CRITERIA,
       OPT_LANG, OPT_SEEDS, OPT_HELP, OPT_VERSION, OPT_MAX_INPUT,
       OPT_MAX_DEPTH, OPT_MAX_NODES, OPT_MAX_STRING, OPT_JOBS, OPT_QUIET,
       OPT_FILES_FROM, OPT_PARSE_ONLY, OPT_MAPPING, OPT_VENDOR, OPT_SERVICE,
       OPT_ALLOW_MIXED_TENDERS, OPT_TENDER, OPT_DECISIONS, OPT_SIGN, OPT_KEY,
       OPT_RERUN, OPT_STRICT,
       OPT_REGISTRY, OPT_REGISTRY_MAX_AGE,
       OPT_NO_REGISTRY, OPT_COLUMNS, OPT_LIST_DATE, OPT_FROM, OPT_ONLINE,
       OPT_ALLOW_PRIVATE, OPT_CONNECT_TIMEOUT, OPT_TIMEOUT, OPT_MAX_PARALLEL,
       OPT_MAX_PER_HOST, OPT_MAX_LINKS, OPT_ONLINE_BUDGET,
       OPT_ONLINE_RUN_BUDGET, OPT_RESOLVE, OPT_CA_FILE };

/* Every option, with the commands that take it. Options may come before
 * or after the command; one a command does not take is an error, not
 * silently ignored. Each is on the help page of every command here
 * (help.c) and in docs/cloudvet.1 (tests/cli checks both). */
struct cli_option {
    struct option o;
    unsigned cmds;
};

static const struct cli_option options[] = {
    { { "profile", required_argument, NULL, OPT_PROFILE },
      C_EVALUATE | C_CHECK | C_TEMPLATE | C_LINT | C_SHOW | C_DIFF },
    { { "as-of", required_argument, NULL, OPT_AS_OF },
      C_EVALUATE | C_CHECK | C_IMPORT | C_DIFF },
    { { "format", required_argument, NULL, OPT_FORMAT },
      C_EVALUATE | C_CHECK | C_TEMPLATE | C_SHOW | C_DIFF },
    { { "strict", no_argument, NULL, OPT_STRICT }, C_CHECK },
    { { "out", required_argument, NULL, OPT_OUT }, C_EVALUATE | C_SHOW },
    { { "criteria", required_argument, NULL, OPT_CRITERIA }, C_ANY },
    { { "lang", required_argument, NULL, OPT_LANG }, C_ANY },
    { { "seeds", required_argument, NULL, OPT_SEEDS }, C_LINT },
    { { "help", no_argument, NULL, OPT_HELP }, C_ANY },
    { { "version", no_argument, NULL, OPT_VERSION }, C_ANY },
    { { "max-input-bytes", required_argument, NULL, OPT_MAX_INPUT },
      C_EVALUATE | C_CHECK },
    { { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
      C_EVALUATE | C_CHECK },
    { { "max-nodes", required_argument, NULL, OPT_MAX_NODES },
      C_EVALUATE | C_CHECK },
    { { "max-string-bytes", required_argument, NULL, OPT_MAX_STRING },
      C_EVALUATE | C_CHECK },
    { { "jobs", required_argument, NULL, OPT_JOBS }, C_EVALUATE },
    { { "quiet", no_argument, NULL, OPT_QUIET }, C_EVALUATE },
    { { "files-from", required_argument, NULL, OPT_FILES_FROM },
      C_EVALUATE | C_CHECK },
    { { "parse-only", no_argument, NULL, OPT_PARSE_ONLY }, C_EVALUATE },
    { { "allow-mixed-tenders", no_argument, NULL, OPT_ALLOW_MIXED_TENDERS },
      C_EVALUATE },
    { { "tender", required_argument, NULL, OPT_TENDER },
      C_EVALUATE | C_SHOW },
    { { "decisions", required_argument, NULL, OPT_DECISIONS }, C_EVALUATE },
    { { "sign", required_argument, NULL, OPT_SIGN }, C_EVALUATE },
    { { "key", required_argument, NULL, OPT_KEY }, C_VERIFY },
    { { "rerun", no_argument, NULL, OPT_RERUN }, C_VERIFY },
    { { "mapping", required_argument, NULL, OPT_MAPPING },
      C_EVALUATE | C_CHECK | C_DIFF },
    { { "vendor", required_argument, NULL, OPT_VENDOR },
      C_EVALUATE | C_CHECK },
    { { "service", required_argument, NULL, OPT_SERVICE },
      C_EVALUATE | C_CHECK },
    { { "registry", required_argument, NULL, OPT_REGISTRY },
      C_EVALUATE | C_CHECK | C_IMPORT | C_LIST },
    { { "registry-max-age", required_argument, NULL, OPT_REGISTRY_MAX_AGE },
      C_EVALUATE | C_CHECK },
    { { "no-registry", no_argument, NULL, OPT_NO_REGISTRY },
      C_EVALUATE | C_CHECK },
    { { "columns", required_argument, NULL, OPT_COLUMNS }, C_IMPORT },
    { { "list-date", required_argument, NULL, OPT_LIST_DATE }, C_IMPORT },
    { { "from", required_argument, NULL, OPT_FROM }, C_IMPORT },
    { { "online", no_argument, NULL, OPT_ONLINE }, C_EVALUATE | C_CHECK },
    { { "allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE },
      C_EVALUATE | C_CHECK | C_IMPORT },
    { { "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
      C_EVALUATE | C_CHECK | C_IMPORT },
    { { "timeout", required_argument, NULL, OPT_TIMEOUT },
      C_EVALUATE | C_CHECK | C_IMPORT },
    { { "max-parallel", required_argument, NULL, OPT_MAX_PARALLEL },
      C_EVALUATE | C_CHECK },
    { { "max-per-host", required_argument, NULL, OPT_MAX_PER_HOST },
      C_EVALUATE | C_CHECK },
    { { "max-links", required_argument, NULL, OPT_MAX_LINKS },
      C_EVALUATE | C_CHECK },
    { { "online-budget", required_argument, NULL, OPT_ONLINE_BUDGET },
      C_EVALUATE | C_CHECK },
    { { "online-run-budget", required_argument, NULL, OPT_ONLINE_RUN_BUDGET },
      C_EVALUATE | C_CHECK },
    { { "resolve", required_argument, NULL, OPT_RESOLVE },
      C_EVALUATE | C_CHECK | C_IMPORT },
    { { "ca-file", required_argument, NULL, OPT_CA_FILE },
      C_EVALUATE | C_CHECK | C_IMPORT },
};

#define OPTION_COUNT (sizeof(options) / sizeof(options[0]))
/* The options seen are a bit set. */
_Static_assert(sizeof(options) / sizeof(options[0]) <= 64,
               "the seen-options set is a uint64_t");

/* getopt_long wants a plain `struct option` array, NULL-ended. */
static struct option long_opts[OPTION_COUNT + 1];

static void init_long_opts(void)
{
    size_t i;
    for (i = 0; i < OPTION_COUNT; i++)
        long_opts[i] = options[i].o;
    memset(&long_opts[OPTION_COUNT], 0, sizeof(long_opts[0]));
}

/* The option table's row of getopt's value `val`; -1 when none. */
static int option_index(int val)
{
    size_t i;
    for (i = 0; i < OPTION_COUNT; i++)
        if (options[i].o.val == val)
            return (int)i;
    return -1;
}

static int cmd_template(cv_ctx *ctx, struct cli *c);
static int cmd_lint(cv_ctx *ctx, struct cli *c);
static int cmd_import(cv_ctx *ctx, struct cli *c);
static int cmd_list(cv_ctx *ctx, struct cli *c);

/* A command is one or two words ("evaluate", "criteria lint"), and for
 * `registry import` the kind of list as its first argument ("ismap").
 * `help` has no runner: it needs no context. */
struct command {
    const char *name; /* its words, as on its help page */
    const char *group;
    const char *verb; /* NULL: a one-word command */
    const char *kind; /* the word its arguments must start with, or NULL */
    bool args;        /* takes positional arguments */
    int (*run)(cv_ctx *ctx, struct cli *c);
};

static const struct command commands[CMD_COUNT] = {
    [CMD_EVALUATE] = { "evaluate", "evaluate", NULL, NULL, true,
                       cv_cli_evaluate },
    [CMD_CHECK] = { "check", "check", NULL, NULL, true, cv_cli_check },
    [CMD_TEMPLATE] = { "template", "template", NULL, NULL, false,
                       cmd_template },
    [CMD_LINT] = { "criteria lint", "criteria", "lint", NULL, false,
                   cmd_lint },
    [CMD_SHOW] = { "criteria show", "criteria", "show", NULL, false,
                   cv_cli_criteria_show },
    [CMD_IMPORT] = { "registry import", "registry", "import", "ismap", true,
                     cmd_import },
    [CMD_LIST] = { "registry list", "registry", "list", NULL, false,
                   cmd_list },
    [CMD_DIFF] = { "diff", "diff", NULL, NULL, true, cv_cli_diff },
    [CMD_VERIFY] = { "verify", "verify", NULL, NULL, true, cv_cli_verify },
    [CMD_HELP] = { "help", "help", NULL, NULL, true, NULL },
};

/* What the command line said besides struct cli. */
struct args {
    struct cli *c;
    uint64_t seen;       /* options given before the command */
    unsigned cmds;       /* commands the options must suit; 0: not known */
    const char *cmd;     /* the command's name, for messages; NULL */
    bool help;
    bool version;
};

static void today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void cv_cli_print_ctx_diags(const cv_ctx *ctx)
{
    size_t i;
    for (i = 0; i < cv_ctx_diag_count(ctx); i++)
        cv_cli_print_diag(stderr, cv_ctx_diag_at(ctx, i));
}

/* A size for a limit: digits with an optional K, M or G (binary units),
 * from 1 to `max`. */
static int parse_size(const char *opt, const char *arg, size_t max,
                      size_t *out)
{
    char *end = NULL;
    unsigned long long v;
    unsigned shift = 0;
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (end && (*end == 'K' || *end == 'k'))
        shift = 10;
    else if (end && (*end == 'M' || *end == 'm'))
        shift = 20;
    else if (end && (*end == 'G' || *end == 'g'))
        shift = 30;
    if (shift)
        end++;
    if (errno || end == arg || *end || arg[0] == '-' || v == 0 ||
        v > (unsigned long long)max >> shift) {
        cv_cli_error("%s: 1 .. %zu: '%s'", opt, max, arg);
        return -1;
    }
    *out = (size_t)(v << shift);
    return 0;
}

/* Sets one cv_limits bound from its option. */
static int parse_limit(struct cv_limits *lim, int opt, const char *arg)
{
    size_t v;
    switch (opt) {
    case OPT_MAX_INPUT:
        return parse_size("--max-input-bytes", arg, (size_t)1 << 31,
                          &lim->max_input_bytes);
    case OPT_MAX_DEPTH:
        if (parse_size("--max-depth", arg, 2048, &v) != 0)
            return -1;
        lim->max_depth = (unsigned)v;
        return 0;
    case OPT_MAX_NODES:
        return parse_size("--max-nodes", arg, (size_t)1 << 30,
                          &lim->max_nodes);
    default:
        return parse_size("--max-string-bytes", arg, (size_t)1 << 30,
                          &lim->max_string_bytes);
    }
}

/* Seconds (1 .. max) as milliseconds. */
static int parse_seconds_to(const char *opt, const char *arg, size_t max,
                            long *ms)
{
    size_t v;
    if (parse_size(opt, arg, max, &v) != 0)
        return -1;
    *ms = (long)v * 1000L;
    return 0;
}

/* Seconds (1 .. 600) as milliseconds. */
static int parse_seconds(const char *opt, const char *arg, long *ms)
{
    return parse_seconds_to(opt, arg, 600, ms);
}

/* The registry and --online options. */
static int parse_check_option(struct cli *c, int opt, const char *arg)
{
    size_t v;
    switch (opt) {
    case OPT_REGISTRY:
        c->registry_dir = arg;
        return 0;
    case OPT_REGISTRY_MAX_AGE:
        if (parse_size("--registry-max-age", arg, 36500, &v) != 0)
            return -1;
        c->registry_max_age = (unsigned)v;
        return 0;
    case OPT_NO_REGISTRY:
        c->no_registry = true;
        return 0;
    case OPT_COLUMNS:
        c->columns = arg;
        return 0;
    case OPT_LIST_DATE:
        c->list_date = arg;
        return 0;
    case OPT_FROM:
        c->from_url = arg;
        return 0;
    case OPT_ONLINE:
        c->online = true;
        return 0;
    case OPT_ALLOW_PRIVATE:
        c->online_opts.allow_private = 1;
        return 0;
    case OPT_CONNECT_TIMEOUT:
        return parse_seconds("--connect-timeout", arg,
                             &c->online_opts.connect_timeout_ms);
    case OPT_TIMEOUT:
        return parse_seconds("--timeout", arg, &c->online_opts.timeout_ms);
    case OPT_MAX_PARALLEL:
        if (parse_size("--max-parallel", arg, 64, &v) != 0)
            return -1;
        c->online_opts.max_parallel = (unsigned)v;
        return 0;
    case OPT_MAX_PER_HOST:
        if (parse_size("--max-per-host", arg, 16, &v) != 0)
            return -1;
        c->online_opts.max_per_host = (unsigned)v;
        return 0;
    case OPT_MAX_LINKS:
        return parse_size("--max-links", arg, 4096,
                          &c->online_opts.max_links);
    case OPT_ONLINE_BUDGET:
        return parse_seconds_to("--online-budget", arg, 3600,
                                &c->online_opts.budget_ms);
    case OPT_ONLINE_RUN_BUDGET:
        return parse_seconds_to("--online-run-budget", arg, 86400,
                                &c->online_opts.run_budget_ms);
    case OPT_RESOLVE:
        if (c->nresolve + 1 >= sizeof(c->resolve) / sizeof(c->resolve[0])) {
            cv_cli_error("--resolve: %s", "at most 16");
            return -1;
        }
        c->resolve[c->nresolve++] = arg;
        return 0;
    default:
        c->online_opts.ca_file = arg;
        return 0;
    }
}

/* ---- messages for a mistyped command line -------------------------------- */

/* The commands of `mask`, "criteria lint" or "evaluate, check". */
static void command_names(unsigned mask, char *buf, size_t size)
{
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; i < CMD_COUNT; i++) {
        int k;
        if (!(mask & (1u << i)))
            continue;
        k = snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
                     commands[i].name);
        if (k < 0 || (size_t)k >= size - n)
            return;
        n += (size_t)k;
    }
}

/* Where to read on: the command's page, or the list of commands. */
static void help_hint(const struct args *a)
{
    cv_lang lang = a->c->opts.lang;
    if (a->cmd)
        cv_cli_error(L(lang, "'cloudvet help %s' で使い方を表示します",
                       "'cloudvet help %s' shows how to use it"),
                     a->cmd);
    else
        cv_cli_error("%s", L(lang, "'cloudvet help' でコマンドの一覧を表示します",
                             "'cloudvet help' lists the commands"));
}

/* "--fromat=json" -> "fromat". */
static void option_word(const char *arg, char *buf, size_t size)
{
    size_t n;
    while (*arg == '-')
        arg++;
    n = strcspn(arg, "=");
    if (n >= size)
        n = size - 1;
    memcpy(buf, arg, n);
    buf[n] = '\0';
}

/* The row of the option of `mask` nearest to `word`; -1 when none is
 * near. */
static int nearest_option(const char *word, unsigned mask)
{
    const char *names[OPTION_COUNT], *near;
    size_t i;
    for (i = 0; i < OPTION_COUNT; i++)
        names[i] = (options[i].cmds & mask) ? options[i].o.name : NULL;
    near = cv_suggest_nearest(word, names, OPTION_COUNT);
    for (i = 0; near && i < OPTION_COUNT; i++)
        if (names[i] == near)
            return (int)i;
    return -1;
}

/* The options of `mask` that `word` begins (getopt found the prefix
 * ambiguous): how many, listed into `list`; the first in *first. */
static size_t prefixed(const char *word, unsigned mask, char *list,
                       size_t size, const char **first)
{
    size_t i, count = 0, n = 0, len = strlen(word);
    list[0] = '\0';
    for (i = 0; i < OPTION_COUNT; i++) {
        int k;
        if (!(options[i].cmds & mask) ||
            strncmp(options[i].o.name, word, len) != 0)
            continue;
        if (count++ == 0)
            *first = options[i].o.name;
        k = snprintf(list + n, size - n, "%s--%s", n ? ", " : "",
                     options[i].o.name);
        if (k > 0 && (size_t)k < size - n)
            n += (size_t)k;
    }
    return count;
}

/* An option nobody takes: the nearest one this command takes, else the
 * nearest of another command, saying whose. */
static void report_unknown_option(const struct args *a, const char *arg)
{
    cv_lang lang = a->c->opts.lang;
    unsigned mask = a->cmds ? a->cmds : C_ANY;
    char word[CV_SUGGEST_MAX_LEN + 1], list[512], owners[128];
    const char *near = NULL;
    size_t np;
    int other;
    option_word(arg, word, sizeof(word));
    /* A prefix only means something after "--": "-p" is a letter. */
    np = word[0] && arg[1] == '-'
             ? prefixed(word, mask, list, sizeof(list), &near)
             : 0;
    if (np > 1) {
        cv_cli_error(L(lang, "オプション '%s' は曖昧です: %s",
                       "option '%s' is ambiguous: %s"),
                     arg, list);
        return;
    }
    if (!near && (other = nearest_option(word, mask)) >= 0)
        near = options[other].o.name;
    if (near) {
        cv_cli_error(L(lang, "不明なオプション '%s' です。もしかして --%s "
                             "ですか?",
                       "unknown option '%s'; did you mean --%s?"),
                     arg, near);
        return;
    }
    other = nearest_option(word, C_ANY);
    if (other < 0) {
        cv_cli_error(L(lang, "不明なオプション '%s' です",
                       "unknown option '%s'"),
                     arg);
        return;
    }
    command_names(options[other].cmds, owners, sizeof(owners));
    cv_cli_error(L(lang, "不明なオプション '%s' です。もしかして --%s (%s "
                         "のオプション) ですか?",
                   "unknown option '%s'; did you mean --%s (an option of "
                   "%s)?"),
                 arg, options[other].o.name, owners);
}

/* A real option, but not one of this command's. */
static int check_suits(const struct args *a, size_t row)
{
    char owners[128];
    if (options[row].cmds & a->cmds)
        return 0;
    command_names(options[row].cmds, owners, sizeof(owners));
    cv_cli_error(L(a->c->opts.lang,
                   "--%s は %s のオプションではありません (%s のオプションです)",
                   "--%s is not an option of %s (it is one of %s)"),
                 options[row].o.name, a->cmd, owners);
    help_hint(a);
    return -1;
}

/* The element of an unknown short option: getopt moves on only after
 * the last letter of "-xyz", so a longer one is still argv[optind] (a
 * single-dash "-profile" is then reported whole, and suggested as
 * --profile). */
static const char *short_element(int argc, char **argv)
{
    const char *e = optind < argc ? argv[optind] : NULL;
    if (e && e[0] == '-' && e[1] != '-' && strlen(e) > 2 &&
        strchr(e, optopt))
        return e;
    return NULL;
}

/* getopt's complaint (opterr is 0), in our words and the run's
 * language: a missing argument, an argument to a flag, or an unknown or
 * ambiguous option. */
static void report_getopt_error(const struct args *a, int o, int argc,
                                char **argv)
{
    cv_lang lang = a->c->opts.lang;
    int row = optopt ? option_index(optopt) : -1;
    if (row >= 0 && o == ':')
        cv_cli_error(L(lang, "--%s には引数が必要です",
                       "option --%s requires an argument"),
                     options[row].o.name);
    else if (row >= 0)
        cv_cli_error(L(lang, "--%s は引数をとりません",
                       "option --%s takes no argument"),
                     options[row].o.name);
    else if (optopt) {
        char arg[3] = { '-', (char)optopt, '\0' };
        const char *whole = short_element(argc, argv);
        report_unknown_option(a, whole ? whole : arg);
    } else {
        report_unknown_option(a, argv[optind - 1]);
    }
    help_hint(a);
}

/* A word that is not the command (or subcommand, or list) asked for. */
static void report_unknown_word(cv_lang lang, const char *what_ja,
                                const char *what_en, const char *word,
                                const char *const *cands, size_t n)
{
    const char *near = cv_suggest_nearest(word, cands, n);
    if (near)
        cv_cli_error(L(lang, "不明な%s '%s' です。もしかして %s ですか?",
                       "unknown %s '%s'; did you mean %s?"),
                     L(lang, what_ja, what_en), word, near);
    else
        cv_cli_error(L(lang, "不明な%s '%s' です", "unknown %s '%s'"),
                     L(lang, what_ja, what_en), word);
}
/* --as-of and --lang, checked as they are read. */
static int apply_date_or_lang(struct cli *c, int o, const char *arg)
{
    if (o == OPT_AS_OF) {
        if (strlen(arg) != 10) {
            cv_cli_error("--as-of: YYYY-MM-DD: '%s'", arg);
            return CV_EXIT_USAGE;
        }
        memcpy(c->opts.as_of, arg, 11);
    } else if (strcmp(arg, "ja") == 0) {
        c->opts.lang = CV_LANG_JA;
    } else if (strcmp(arg, "en") == 0) {
        c->opts.lang = CV_LANG_EN;
    } else {
        cv_cli_error("--lang: ja | en: '%s'", arg);
        return CV_EXIT_USAGE;
    }
    return CV_EXIT_OK;
}

/* The options that only store their argument or set a flag. */
static void apply_plain(struct args *a, int o, const char *arg)
{
    struct cli *c = a->c;
    switch (o) {
    case OPT_PROFILE:
        c->profile = arg;
        break;
    case OPT_FORMAT:
        c->format = arg;
        break;
    case OPT_OUT:
        c->out_dir = arg;
        c->out_given = true;
        break;
    case OPT_CRITERIA:
        c->criteria_dir = arg;
        break;
    case OPT_SEEDS:
        c->seeds_dir = arg;
        break;
    case OPT_QUIET:
        c->quiet = true;
        break;
    case OPT_FILES_FROM:
        c->files_from = arg;
        break;
    case OPT_PARSE_ONLY:
        c->parse_only = true;
        break;
    case OPT_MAPPING:
        c->mapping = arg;
        break;
    case OPT_ALLOW_MIXED_TENDERS:
        c->allow_mixed_tenders = true;
        break;
    case OPT_TENDER:
        c->tender = arg;
        break;
    case OPT_DECISIONS:
        c->decisions = arg;
        break;
    case OPT_SIGN:
        c->sign_key = arg;
        break;
    case OPT_KEY:
        c->verify_key = arg;
        break;
    case OPT_RERUN:
        c->rerun = true;
        break;
    case OPT_STRICT:
        c->strict = true;
        break;
    case OPT_VENDOR:
        c->vendor = arg;
        break;
    case OPT_SERVICE:
        c->service = arg;
        break;
    case OPT_HELP:
        a->help = true;
        break;
    default: /* OPT_VERSION */
        a->version = true;
        break;
    }
}

/* Applies one option; returns an exit code (CV_EXIT_OK: go on). */
static int apply_option(struct args *a, int o, const char *arg)
{
    struct cli *c = a->c;
    size_t jobs;
    switch (o) {
    case OPT_AS_OF:
    case OPT_LANG:
        return apply_date_or_lang(c, o, arg);
    case OPT_MAX_INPUT:
    case OPT_MAX_DEPTH:
    case OPT_MAX_NODES:
    case OPT_MAX_STRING:
        return parse_limit(&c->opts.limits, o, arg) == 0 ? CV_EXIT_OK
                                                         : CV_EXIT_USAGE;
    case OPT_JOBS:
        if (parse_size("--jobs", arg, 1024, &jobs) != 0)
            return CV_EXIT_USAGE;
        c->jobs = (unsigned)jobs;
        return CV_EXIT_OK;
    default:
        break;
    }
    /* The registry and --online options: OPT_REGISTRY .. OPT_CA_FILE are
     * the enum's last, in a row. */
    if (o >= OPT_REGISTRY && o <= OPT_CA_FILE)
        return parse_check_option(c, o, arg) == 0 ? CV_EXIT_OK
                                                  : CV_EXIT_USAGE;
    apply_plain(a, o, arg);
    return CV_EXIT_OK;
}

/* Parses options anywhere on the line (before the command: up to it).
 * Before the command is known, the options are only noted in a->seen;
 * after, each must suit it. Returns the index of the first argument
 * left, or -1 to exit with *code. */
static int parse(struct args *a, int argc, char **argv, const char *optstring,
                 int *code)
{
    int o;
    optind = 0; /* glibc: 0 re-initialises the scanner */
    opterr = 0; /* our own messages: report_getopt_error */
    while ((o = getopt_long(argc, argv, optstring, long_opts, NULL)) != -1) {
        int row = option_index(o);
        *code = CV_EXIT_USAGE;
        if (row < 0) {
            report_getopt_error(a, o, argc, argv);
            return -1;
        }
        if (!a->cmds)
            a->seen |= (uint64_t)1 << row;
        else if (check_suits(a, (size_t)row) != 0)
            return -1;
        *code = apply_option(a, o, optarg);
        if (*code != CV_EXIT_OK)
            return -1;
    }
    *code = CV_EXIT_OK;
    return optind;
}

/* The options given before the command must suit it too. */
static int check_seen(const struct args *a)
{
    size_t i;
    for (i = 0; i < OPTION_COUNT; i++)
        if (((a->seen >> i) & 1u) && check_suits(a, i) != 0)
            return -1;
    return 0;
}

/* --lang before anything else, so that a message about an option that
 * comes before it is already in the language asked for (the parse
 * proper still checks the value). */
static cv_lang early_lang(int argc, char **argv)
{
    cv_lang lang = CV_LANG_JA;
    int i;
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        if (v && strcmp(v, "en") == 0)
            lang = CV_LANG_EN;
        else if (v && strcmp(v, "ja") == 0)
            lang = CV_LANG_JA;
    }
    return lang;
}

/* Loads criteria; prints why not. */
int cv_cli_load_criteria(cv_criteria **crit, cv_ctx *ctx, struct cli *c)
{
    cv_status st = cv_criteria_load(crit, ctx, c->criteria_dir, c->profile);
    if (st == CV_OK && c->mapping)
        st = cv_criteria_use_mapping(*crit, ctx, c->mapping);
    if (st == CV_OK)
        st = cv_ctx_set_answerer(ctx, c->vendor, c->service);
    if (st == CV_OK)
        return CV_EXIT_OK;
    if (*crit) {
        cv_criteria_free(*crit);
        *crit = NULL;
    }
    cv_cli_print_ctx_diags(ctx);
    cv_cli_error("%s: %s", L(c->opts.lang, "基準を読み込めません",
                             "cannot load the criteria"),
                 cv_status_str(st));
    return st == CV_ENOMEM ? CV_EXIT_INTERNAL : CV_EXIT_CRITERIA;
}

static int cmd_template(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_doc_format fmt = CV_DOC_JSON;
    cv_status st;
    int code;
    if (c->format && strcmp(c->format, "xml") == 0)
        fmt = CV_DOC_XML;
    else if (c->format && strcmp(c->format, "xlsx") == 0)
        fmt = CV_DOC_XLSX;
    else if (c->format && strcmp(c->format, "json") != 0) {
        cv_cli_error("--format: json | xml | xlsx: '%s'", c->format);
        return CV_EXIT_USAGE;
    }
    /* A workbook is binary: on a terminal it is only noise. */
    if (fmt == CV_DOC_XLSX && isatty(STDOUT_FILENO)) {
        cv_cli_error("%s", L(c->opts.lang,
                             "--format xlsx はワークブック (バイナリ) を標準"
                             "出力に書きます。ファイルにリダイレクトしてください"
                             " (cloudvet template --format xlsx > 回答.xlsx)",
                             "--format xlsx writes a binary workbook to "
                             "standard output; redirect it to a file "
                             "(cloudvet template --format xlsx > "
                             "answers.xlsx)"));
        return CV_EXIT_USAGE;
    }
    code = cv_cli_load_criteria(&crit, ctx, c);
    if (code != CV_EXIT_OK)
        return code;
    st = cv_template_write(ctx, crit, fmt, cv_cli_file_write, stdout);
    cv_criteria_free(crit);
    return st == CV_OK ? CV_EXIT_OK : CV_EXIT_INTERNAL;
}

/* Names the criteria directory either way: which one was used is the
 * first question when a catalogue is found wanting. With --profile, a
 * municipality's own profile is checked against the catalogue too. */
static int cmd_lint(cv_ctx *ctx, struct cli *c)
{
    cv_status st = cv_criteria_lint(ctx, c->criteria_dir, c->seeds_dir,
                                    c->profile);
    cv_cli_print_ctx_diags(ctx);
    if (st == CV_OK) {
        printf("%s: %s\n", c->criteria_dir,
               L(c->opts.lang, "問題ありません", "no problems found"));
        return CV_EXIT_OK;
    }
    cv_cli_error("%s: %s", c->criteria_dir,
                 L(c->opts.lang, "基準に問題があります",
                   "the criteria have problems"));
    return st == CV_ENOMEM ? CV_EXIT_INTERNAL : CV_EXIT_CRITERIA;
}

static int cmd_import(cv_ctx *ctx, struct cli *c)
{
    return cv_cli_registry(ctx, c, "import");
}

static int cmd_list(cv_ctx *ctx, struct cli *c)
{
    return cv_cli_registry(ctx, c, "list");
}

/* ---- the command's words ------------------------------------------------- */

/* The commands whose first word is `group`. */
static unsigned group_mask(const char *group)
{
    unsigned mask = 0, i;
    for (i = 0; i < CMD_COUNT; i++)
        if (strcmp(commands[i].group, group) == 0)
            mask |= 1u << i;
    return mask;
}

/* The first command of `group` whose verb is `verb` (NULL: the group's
 * first); -1 when none. */
static int find_command(const char *group, const char *verb)
{
    int i;
    for (i = 0; i < CMD_COUNT; i++)
        if (strcmp(commands[i].group, group) == 0 &&
            (!verb || (commands[i].verb && strcmp(commands[i].verb, verb) == 0)))
            return i;
    return -1;
}

/* Finds the command that words[0..] name. *id is the command, or -1 when
 * a group's first word came alone ("registry": its pages are its help;
 * for anything else the subcommand is missing). *used is how many words
 * it took. Returns an exit code, after saying why not. */
static int resolve(int n, char **words, cv_lang lang, int *id, int *used)
{
    const char *cands[CMD_COUNT];
    int i;
    *id = find_command(words[0], NULL);
    *used = 1;
    if (*id < 0) {
        for (i = 0; i < CMD_COUNT; i++) /* each group once */
            cands[i] = find_command(commands[i].group, NULL) == i
                           ? commands[i].group : NULL;
        report_unknown_word(lang, "コマンド", "command", words[0], cands,
                            CMD_COUNT);
        cv_cli_error("%s", L(lang, "'cloudvet help' でコマンドの一覧を表示します",
                             "'cloudvet help' lists the commands"));
        return CV_EXIT_USAGE;
    }
    if (!commands[*id].verb)
        return CV_EXIT_OK;
    if (n < 2 || words[1][0] == '-') {
        *id = -1;
        return CV_EXIT_OK;
    }
    *id = find_command(words[0], words[1]);
    *used = 2;
    if (*id >= 0)
        return CV_EXIT_OK;
    for (i = 0; i < CMD_COUNT; i++)
        cands[i] = strcmp(commands[i].group, words[0]) == 0 ? commands[i].verb
                                                            : NULL;
    report_unknown_word(lang, "サブコマンド", "subcommand", words[1], cands,
                        CMD_COUNT);
    cv_cli_error(L(lang, "'cloudvet help %s' で使い方を表示します",
                   "'cloudvet help %s' shows how to use it"),
                 words[0]);
    return CV_EXIT_USAGE;
}

/* "registry" alone: say which subcommands there are. */
static int missing_verb(const struct args *a, const char *group)
{
    char verbs[128];
    size_t n = 0;
    int i;
    verbs[0] = '\0';
    for (i = 0; i < CMD_COUNT; i++) {
        int k;
        if (strcmp(commands[i].group, group) != 0)
            continue;
        k = snprintf(verbs + n, sizeof(verbs) - n, "%s%s", n ? ", " : "",
                     commands[i].verb);
        if (k > 0 && (size_t)k < sizeof(verbs) - n)
            n += (size_t)k;
    }
    cv_cli_error(L(a->c->opts.lang, "%s: サブコマンドを指定してください (%s)",
                   "%s: a subcommand is needed (%s)"),
                 group, verbs);
    help_hint(a);
    return CV_EXIT_USAGE;
}

/* Prints a page to stdout; exit 0 unless stdout fails. */
static int print_page(const char *name, cv_lang lang)
{
    if (cv_cli_help_print(stdout, name, lang) != 0)
        return CV_EXIT_USAGE;
    return fflush(stdout) == 0 ? CV_EXIT_OK : CV_EXIT_INTERNAL;
}

/* `cloudvet help [WORDS...]`: the page the words name, as the command
 * line would resolve them. */
static int cmd_help(cv_lang lang, int n, char **words)
{
    int id, used, code;
    if (n == 0)
        return print_page(NULL, lang);
    code = resolve(n, words, lang, &id, &used);
    if (code != CV_EXIT_OK)
        return code;
    return print_page(id < 0 ? words[0] : commands[id].name, lang);
}

/* The positional arguments: the list kind first where there is one. */
static int take_arguments(const struct args *a, int id, int n, char **argv)
{
    const struct command *cmd = &commands[id];
    struct cli *c = a->c;
    int i = 0;
    if (cmd->kind) {
        const char *kinds[1] = { cmd->kind };
        if (n == 0)
            cv_cli_error(L(c->opts.lang, "%s: 取り込むリストを指定してください"
                                         " (%s)",
                           "%s: which list? (%s)"),
                         cmd->name, cmd->kind);
        else if (strcmp(argv[0], cmd->kind) != 0)
            report_unknown_word(c->opts.lang, "リスト", "list", argv[0],
                                kinds, 1);
        if (n == 0 || strcmp(argv[0], cmd->kind) != 0) {
            help_hint(a);
            return CV_EXIT_USAGE;
        }
        i = 1;
    }
    if (!cmd->args && n > i) {
        cv_cli_error(L(c->opts.lang, "%s は引数をとりません: '%s'",
                       "%s takes no arguments: '%s'"),
                     cmd->name, argv[i]);
        help_hint(a);
        return CV_EXIT_USAGE;
    }
    /* diff and verify take their arguments as they are: files to
     * compare, a report directory; never a walk. */
    if (id == CMD_DIFF || id == CMD_VERIFY) {
        c->args = argv + i;
        c->nargs = n - i;
        return CV_EXIT_OK;
    }
    /* evaluate never walks into its own --out (it would read its
     * reports as bids). */
    cv_inputs_setup(&c->inputs, c->opts.lang,
                    id == CMD_EVALUATE ? c->out_dir : NULL);
    for (; i < n; i++)
        if (cv_inputs_add(&c->inputs, argv[i]) != 0)
            return CV_EXIT_INTERNAL;
    return c->files_from ? cv_inputs_add_list(&c->inputs, c->files_from)
                         : CV_EXIT_OK;
}

/* ---- where the criteria are ---------------------------------------------- */

/* The parent of the running executable's directory (bin/cloudvet ->
 * the prefix) into buf; -1 when it cannot be known (no /proc). */
static int exe_prefix(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    int up;
    if (n <= 0 || (size_t)n >= size - 1)
        return -1;
    buf[n] = '\0';
    for (up = 0; up < 2; up++) {
        char *slash = strrchr(buf, '/');
        if (!slash)
            return -1;
        *slash = '\0';
    }
    return 0;
}

/* <prefix>/CV_INSTALL_CRITERIA_REL into buf (an absolute DATADIR as it
 * is). Returns 0 when it is a directory, -1 otherwise: not installed. */
static int installed_criteria(char *buf, size_t size)
{
    struct stat st;
    int k;
    if (CV_INSTALL_CRITERIA_REL[0] == '/') {
        k = snprintf(buf, size, "%s", CV_INSTALL_CRITERIA_REL);
    } else {
        char prefix[4096];
        if (exe_prefix(prefix, sizeof(prefix)) != 0)
            return -1;
        k = snprintf(buf, size, "%s/%s", prefix, CV_INSTALL_CRITERIA_REL);
    }
    if (k < 0 || (size_t)k >= size)
        return -1;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* --criteria, else CLOUDVET_CRITERIA, else the installed criteria, else
 * the build's (cli.h). */
static const char *criteria_dir(const char *given)
{
    static char installed[4096];
    const char *env = getenv("CLOUDVET_CRITERIA");
    if (given)
        return given;
    if (env && env[0])
        return env;
    if (installed_criteria(installed, sizeof(installed)) == 0)
        return installed;
    return CV_CRITERIA_DIR;
}

/* ---- main ------------------------------------------------------------------ */

/* Creates the context and runs the command. */
static int run(struct cli *c, int id)
{
    cv_ctx *ctx = NULL;
    int code;
    if (cv_global_init() != CV_OK)
        return CV_EXIT_INTERNAL;
    cv_cli_set_lang(c->opts.lang);
    if (cv_ctx_new(&ctx, &c->opts) != CV_OK) {
        cv_cli_error("--as-of: %s: '%s'",
                     L(c->opts.lang, "日付が正しくありません", "invalid date"),
                     c->opts.as_of);
        code = CV_EXIT_USAGE;
    } else {
        code = commands[id].run(ctx, c);
    }
    cv_ctx_free(ctx);
    cv_global_cleanup();
    return code;
}

static void init_cli(struct cli *c, struct args *a, int argc, char **argv)
{
    cv_options defaults = CV_OPTIONS_INIT;
    cv_online_options online_defaults = CV_ONLINE_OPTIONS_INIT;
    memset(c, 0, sizeof(*c));
    memset(a, 0, sizeof(*a));
    a->c = c;
    c->opts = defaults;
    c->opts.lang = early_lang(argc, argv);
    today(c->opts.as_of);
    c->out_dir = "reports";
    c->online_opts = online_defaults;
    c->registry_max_age = 30;
    init_long_opts();
}

/* Everything after the options before the command: its words, its
 * options and arguments, then the run. */
static int command_line(struct args *a, int argc, char **argv)
{
    int id, used, first, code;
    cv_lang lang = a->c->opts.lang;
    code = resolve(argc, argv, lang, &id, &used);
    if (code != CV_EXIT_OK)
        return code;
    a->cmds = id >= 0 ? 1u << id : group_mask(argv[0]);
    a->cmd = id >= 0 ? commands[id].name : argv[0];
    if (check_seen(a) != 0)
        return CV_EXIT_USAGE;
    /* getopt skips its argv[0]: the command's last word. */
    argc -= used - 1;
    argv += used - 1;
    first = parse(a, argc, argv, ":", &code);
    if (first < 0)
        return code;
    lang = a->c->opts.lang;
    if (a->version)
        return printf("cloudvet %s\n", CV_VERSION_STRING) > 0
                   ? CV_EXIT_OK : CV_EXIT_INTERNAL;
    if (a->help)
        return print_page(id < 0 ? a->cmd : commands[id].name, lang);
    if (id < 0)
        return missing_verb(a, a->cmd);
    if (id == CMD_HELP)
        return cmd_help(lang, argc - first, argv + first);
    code = take_arguments(a, id, argc - first, argv + first);
    if (code != CV_EXIT_OK)
        return code;
    a->c->criteria_given = a->c->criteria_dir;
    a->c->criteria_dir = criteria_dir(a->c->criteria_dir);
    return run(a->c, id);
}

int main(int argc, char **argv)
{
    struct cli c;
    struct args a;
    int code, first;

    init_cli(&c, &a, argc, argv);
    first = parse(&a, argc, argv, "+:", &code);
    if (first < 0)
        return code;
    if (a.version)
        return printf("cloudvet %s\n", CV_VERSION_STRING) > 0
                   ? CV_EXIT_OK : CV_EXIT_INTERNAL;
    if (first >= argc && a.help)
        return print_page(NULL, c.opts.lang);
    if (first >= argc) {
        cv_cli_help_print(stderr, NULL, c.opts.lang);
        return CV_EXIT_USAGE;
    }
    code = command_line(&a, argc - first, argv + first);
    cv_inputs_free(&c.inputs);
    return code;
}
