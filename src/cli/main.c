/* SPDX-License-Identifier: MIT */
/*
 * main.c: the `cloudvet` command. It parses arguments, drives the library
 * through cloudvet.h only, prints diagnostics and maps outcomes to exit
 * codes (exitcode.h). Reports are written to a temporary file in the
 * output directory and renamed into place, so no reader ever sees a
 * half-written report.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cloudvet.h"
#include "exitcode.h"
#include "inputs.h"
#include "out.h"
#include "cli.h"

#ifndef CV_CRITERIA_DIR
#define CV_CRITERIA_DIR "criteria"
#endif
#ifndef CV_SEEDS_DIR
#define CV_SEEDS_DIR "../shared/seeds"
#endif




static const char usage_text[] =
    "usage: cloudvet [--lang ja|en] <command> [options]\n"
    "\n"
    "commands:\n"
    "  evaluate [--profile ID|FILE] [--as-of YYYY-MM-DD]\n"
    "           [--format html,json,csv,md,xlsx,ndjson] [--out DIR|-]\n"
    "           [--jobs N] [--quiet] [--files-from FILE|-] INPUT...\n"
    "                                       score submissions; write "
    "DIR/report.<format>\n"
    "                                       (default: every format into "
    "reports/;\n"
    "                                       --out - prints one format, json "
    "by default;\n"
    "                                       ndjson streams a line per "
    "submission)\n"
    "  check [--profile ID|FILE] [--as-of YYYY-MM-DD] FILE...\n"
    "                                       pre-validate a submission "
    "(exit 0: would qualify,\n"
    "                                       1: would not, 2: usage or "
    "unreadable input)\n"
    "  template [--profile ID|FILE] [--format json|xml]\n"
    "                                       print a blank questionnaire\n"
    "  criteria lint [--seeds DIR]          check the criteria catalogue\n"
    "  registry import ismap FILE|--from URL [--columns field=header,...]\n"
    "           [--list-date YYYY-MM-DD]    import the ISMAP list (.xlsx or "
    ".csv) as a\n"
    "                                       dated snapshot in the registry\n"
    "  registry list                        show the snapshots (file, as-of,"
    " rows, source)\n"
    "\n"
    "registry and online checks (evaluate, check):\n"
    "  --registry DIR   snapshots (default $XDG_DATA_HOME/cloudvet/registry"
    "\n"
    "                   or ~/.local/share/cloudvet/registry)\n"
    "  --registry-max-age DAYS  flag an older snapshot as stale (default "
    "30)\n"
    "  --no-registry    do not look ISMAP numbers up (the report says so)\n"
    "  --online         request every evidence, SLA and isolation URL\n"
    "  --allow-private  let --online reach loopback/private addresses "
    "(intranet)\n"
    "  --connect-timeout S, --timeout S, --max-parallel N, --max-per-host N"
    "\n"
    "  --resolve HOST:PORT:ADDR, --ca-file FILE\n"
    "\n"
    "common options:\n"
    "  --criteria DIR   criteria directory (default: the installed one)\n"
    "  --lang ja|en     language of messages and reports (default ja)\n"
    "  --max-input-bytes N   largest submission read (default 16M)\n"
    "  --max-depth N         deepest nesting of objects/elements (default "
    "64)\n"
    "  --max-nodes N         most values in one submission (default "
    "200000)\n"
    "  --max-string-bytes N  longest string value (default 1M)\n"
    "                   (N: a number, optionally with K, M or G)\n"
    "  --help, --version\n"
    "\n"
    "exit codes: 0 ok, 1 check: would not qualify, 2 usage, 3 invalid "
    "input,\n"
    "            4 criteria error, 5 internal error\n";

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

enum { OPT_PROFILE = 256, OPT_AS_OF, OPT_FORMAT, OPT_OUT, OPT_CRITERIA,
       OPT_LANG, OPT_SEEDS, OPT_HELP, OPT_VERSION, OPT_MAX_INPUT,
       OPT_MAX_DEPTH, OPT_MAX_NODES, OPT_MAX_STRING, OPT_JOBS, OPT_QUIET,
       OPT_FILES_FROM, OPT_PARSE_ONLY, OPT_REGISTRY, OPT_REGISTRY_MAX_AGE,
       OPT_NO_REGISTRY, OPT_COLUMNS, OPT_LIST_DATE, OPT_FROM, OPT_ONLINE,
       OPT_ALLOW_PRIVATE, OPT_CONNECT_TIMEOUT, OPT_TIMEOUT, OPT_MAX_PARALLEL,
       OPT_MAX_PER_HOST, OPT_RESOLVE, OPT_CA_FILE };

static const struct option long_opts[] = {
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "as-of", required_argument, NULL, OPT_AS_OF },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "out", required_argument, NULL, OPT_OUT },
    { "criteria", required_argument, NULL, OPT_CRITERIA },
    { "lang", required_argument, NULL, OPT_LANG },
    { "seeds", required_argument, NULL, OPT_SEEDS },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { "max-input-bytes", required_argument, NULL, OPT_MAX_INPUT },
    { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
    { "max-nodes", required_argument, NULL, OPT_MAX_NODES },
    { "max-string-bytes", required_argument, NULL, OPT_MAX_STRING },
    { "jobs", required_argument, NULL, OPT_JOBS },
    { "quiet", no_argument, NULL, OPT_QUIET },
    { "files-from", required_argument, NULL, OPT_FILES_FROM },
    { "parse-only", no_argument, NULL, OPT_PARSE_ONLY },
    { "registry", required_argument, NULL, OPT_REGISTRY },
    { "registry-max-age", required_argument, NULL, OPT_REGISTRY_MAX_AGE },
    { "no-registry", no_argument, NULL, OPT_NO_REGISTRY },
    { "columns", required_argument, NULL, OPT_COLUMNS },
    { "list-date", required_argument, NULL, OPT_LIST_DATE },
    { "from", required_argument, NULL, OPT_FROM },
    { "online", no_argument, NULL, OPT_ONLINE },
    { "allow-private", no_argument, NULL, OPT_ALLOW_PRIVATE },
    { "connect-timeout", required_argument, NULL, OPT_CONNECT_TIMEOUT },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "max-parallel", required_argument, NULL, OPT_MAX_PARALLEL },
    { "max-per-host", required_argument, NULL, OPT_MAX_PER_HOST },
    { "resolve", required_argument, NULL, OPT_RESOLVE },
    { "ca-file", required_argument, NULL, OPT_CA_FILE },
    { NULL, 0, NULL, 0 }
};

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

/* Seconds (1 .. 600) as milliseconds. */
static int parse_seconds(const char *opt, const char *arg, long *ms)
{
    size_t v;
    if (parse_size(opt, arg, 600, &v) != 0)
        return -1;
    *ms = (long)v * 1000L;
    return 0;
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

/* Parses options anywhere on the line; returns -1 to exit with *code. */
static int parse(struct cli *c, int argc, char **argv, int *code,
                 const char *optstring)
{
    int o;
    optind = 0; /* glibc: 0 re-initialises the scanner */
    opterr = 0;
    while ((o = getopt_long(argc, argv, optstring, long_opts, NULL)) != -1) {
        switch (o) {
        case OPT_PROFILE:
            c->profile = optarg;
            break;
        case OPT_AS_OF:
            if (strlen(optarg) != 10) {
                cv_cli_error("--as-of: YYYY-MM-DD: '%s'", optarg);
                *code = CV_EXIT_USAGE;
                return -1;
            }
            memcpy(c->opts.as_of, optarg, 11);
            break;
        case OPT_FORMAT:
            c->format = optarg;
            break;
        case OPT_OUT:
            c->out_dir = optarg;
            break;
        case OPT_CRITERIA:
            c->criteria_dir = optarg;
            break;
        case OPT_SEEDS:
            c->seeds_dir = optarg;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "ja") == 0)
                c->opts.lang = CV_LANG_JA;
            else if (strcmp(optarg, "en") == 0)
                c->opts.lang = CV_LANG_EN;
            else {
                cv_cli_error("--lang: ja | en: '%s'", optarg);
                *code = CV_EXIT_USAGE;
                return -1;
            }
            break;
        case OPT_MAX_INPUT:
        case OPT_MAX_DEPTH:
        case OPT_MAX_NODES:
        case OPT_MAX_STRING:
            if (parse_limit(&c->opts.limits, o, optarg) != 0) {
                *code = CV_EXIT_USAGE;
                return -1;
            }
            break;
        case OPT_JOBS: {
            size_t jobs;
            if (parse_size("--jobs", optarg, 1024, &jobs) != 0) {
                *code = CV_EXIT_USAGE;
                return -1;
            }
            c->jobs = (unsigned)jobs;
            break;
        }
        case OPT_QUIET:
            c->quiet = true;
            break;
        case OPT_FILES_FROM:
            c->files_from = optarg;
            break;
        case OPT_PARSE_ONLY:
            c->parse_only = true;
            break;
        case OPT_REGISTRY:
        case OPT_REGISTRY_MAX_AGE:
        case OPT_NO_REGISTRY:
        case OPT_COLUMNS:
        case OPT_LIST_DATE:
        case OPT_FROM:
        case OPT_ONLINE:
        case OPT_ALLOW_PRIVATE:
        case OPT_CONNECT_TIMEOUT:
        case OPT_TIMEOUT:
        case OPT_MAX_PARALLEL:
        case OPT_MAX_PER_HOST:
        case OPT_RESOLVE:
        case OPT_CA_FILE:
            if (parse_check_option(c, o, optarg) != 0) {
                *code = CV_EXIT_USAGE;
                return -1;
            }
            break;
        case OPT_HELP:
            fputs(usage_text, stdout);
            *code = CV_EXIT_OK;
            return -1;
        case OPT_VERSION:
            printf("cloudvet %s\n", CV_VERSION_STRING);
            *code = CV_EXIT_OK;
            return -1;
        default:
            cv_cli_error("%s: '%s'",
                         L(c->opts.lang, "不明なオプション", "unknown option"),
                         argv[optind - 1]);
            fputs(usage_text, stderr);
            *code = CV_EXIT_USAGE;
            return -1;
        }
    }
    return optind;
}

/* Loads criteria; prints why not. */
int cv_cli_load_criteria(cv_criteria **crit, cv_ctx *ctx, struct cli *c)
{
    cv_status st = cv_criteria_load(crit, ctx, c->criteria_dir, c->profile);
    if (st == CV_OK)
        return CV_EXIT_OK;
    cv_cli_print_ctx_diags(ctx);
    cv_cli_error("%s: %s", L(c->opts.lang, "基準を読み込めません",
                             "cannot load the criteria"),
                 cv_status_str(st));
    return st == CV_ENOMEM ? CV_EXIT_INTERNAL : CV_EXIT_CRITERIA;
}

static void print_check(const cv_submission *s, cv_lang lang)
{
    size_t i, k;
    cv_verdict v = cv_submission_verdict(s);
    for (i = 0; i < cv_submission_diag_count(s); i++)
        cv_cli_print_diag(stdout, cv_submission_diag_at(s, i));
    cv_cli_put_safe(stdout, cv_submission_file(s));
    printf(": %s", v == CV_VERDICT_QUALIFIED
                       ? L(lang, "参加資格を満たす見込みです",
                           "would qualify")
                   : v == CV_VERDICT_DISQUALIFIED
                       ? L(lang, "参加資格を満たしません", "would not qualify")
                       : L(lang, "質問票として読めません",
                           "cannot be read as a questionnaire"));
    if (v != CV_VERDICT_INVALID)
        printf(" (%s %.2f / %.2f, %s %zu)", L(lang, "得点", "score"),
               cv_submission_score(s), cv_submission_max_score(s),
               L(lang, "要確認", "to review"), cv_submission_needs_review(s));
    putchar('\n');
    for (i = 0; i < cv_submission_result_count(s); i++) {
        cv_result_info r;
        if (cv_submission_result_at(s, i, &r) != CV_OK)
            continue;
        if (r.status == CV_STATUS_MET || r.status == CV_STATUS_NOT_APPLICABLE)
            continue;
        if (!r.mandatory && r.status == CV_STATUS_CLAIMED)
            continue;
        printf("  %s %s [%s] %s: ", r.mandatory ? "✗" : "△", r.id,
               cv_result_status_str(r.status),
               r.mandatory ? L(lang, "必須", "mandatory")
                           : L(lang, "加点", "scored"));
        cv_cli_put_safe(stdout, r.title);
        fputs("\n      ", stdout);
        cv_cli_put_safe(stdout, r.reason);
        fputs("\n      ", stdout);
        for (k = 0; k < r.citation_count; k++) {
            printf("%s", k ? "; " : L(lang, "根拠: ", "clause: "));
            cv_cli_put_safe(stdout, r.citations[k].document);
            putchar(' ');
            cv_cli_put_safe(stdout, r.citations[k].clause);
        }
        putchar('\n');
    }
}

static int cmd_check(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_registry *reg = NULL;
    int code, worst = CV_EXIT_OK;
    size_t i;
    if (c->inputs.count == 0) {
        cv_cli_error("%s", L(c->opts.lang, "入力がありません", "no input"));
        return CV_EXIT_USAGE;
    }
    code = cv_cli_prepare_checks(ctx, c, &reg);
    if (code == CV_EXIT_OK)
        code = cv_cli_load_criteria(&crit, ctx, c);
    if (code != CV_EXIT_OK) {
        cv_registry_free(reg);
        return code;
    }
    for (i = 0; i < c->inputs.count; i++) {
        cv_submission *s = NULL;
        if (cv_submission_evaluate_file(&s, ctx, crit, c->inputs.paths[i]) !=
            CV_OK) {
            cv_criteria_free(crit);
            cv_registry_free(reg);
            return CV_EXIT_INTERNAL;
        }
        print_check(s, c->opts.lang);
        if (cv_submission_verdict(s) == CV_VERDICT_INVALID)
            worst = CV_EXIT_USAGE;
        else if (cv_submission_verdict(s) == CV_VERDICT_DISQUALIFIED &&
                 worst == CV_EXIT_OK)
            worst = CV_EXIT_NOT_QUALIFIED;
        cv_submission_free(s);
    }
    cv_criteria_free(crit);
    cv_registry_free(reg);
    return worst;
}

static int cmd_template(cv_ctx *ctx, struct cli *c)
{
    cv_criteria *crit = NULL;
    cv_doc_format fmt = CV_DOC_JSON;
    cv_status st;
    int code;
    if (c->format && strcmp(c->format, "xml") == 0)
        fmt = CV_DOC_XML;
    else if (c->format && strcmp(c->format, "json") != 0) {
        cv_cli_error("--format: json | xml: '%s'", c->format);
        return CV_EXIT_USAGE;
    }
    code = cv_cli_load_criteria(&crit, ctx, c);
    if (code != CV_EXIT_OK)
        return code;
    st = cv_template_write(ctx, crit, fmt, cv_cli_file_write, stdout);
    cv_criteria_free(crit);
    return st == CV_OK ? CV_EXIT_OK : CV_EXIT_INTERNAL;
}

static int cmd_lint(cv_ctx *ctx, struct cli *c)
{
    cv_status st = cv_criteria_lint(ctx, c->criteria_dir, c->seeds_dir);
    cv_cli_print_ctx_diags(ctx);
    if (st == CV_OK) {
        printf("%s: %s\n", c->criteria_dir,
               L(c->opts.lang, "問題ありません", "no problems found"));
        return CV_EXIT_OK;
    }
    cv_cli_error("%s", L(c->opts.lang, "基準に問題があります",
                         "the criteria have problems"));
    return st == CV_ENOMEM ? CV_EXIT_INTERNAL : CV_EXIT_CRITERIA;
}

int main(int argc, char **argv)
{
    struct cli c;
    cv_options defaults = CV_OPTIONS_INIT;
    cv_ctx *ctx = NULL;
    const char *cmd, *verb = NULL;
    cv_online_options online_defaults = CV_ONLINE_OPTIONS_INIT;
    int code = CV_EXIT_OK, first;

    memset(&c, 0, sizeof(c));
    c.opts = defaults;
    today(c.opts.as_of);
    c.criteria_dir = getenv("CLOUDVET_CRITERIA") ? getenv("CLOUDVET_CRITERIA")
                                                 : CV_CRITERIA_DIR;
    c.seeds_dir = CV_SEEDS_DIR;
    c.out_dir = "reports";
    c.online_opts = online_defaults;
    c.registry_max_age = 30;
    first = parse(&c, argc, argv, &code, "+");
    if (first < 0)
        return code;
    if (first >= argc) {
        fputs(usage_text, stderr);
        return CV_EXIT_USAGE;
    }
    cmd = argv[first];
    /* Options may follow the command: parse the rest again. */
    {
        int sub_argc = argc - first;
        char **sub_argv = argv + first;
        int i;
        if (strcmp(cmd, "criteria") == 0) {
            if (sub_argc < 2 || strcmp(sub_argv[1], "lint") != 0) {
                cv_cli_error("usage: cloudvet criteria lint [--seeds DIR]");
                return CV_EXIT_USAGE;
            }
            sub_argc--;
            sub_argv++;
        } else if (strcmp(cmd, "registry") == 0) {
            /* registry import ismap ... | registry list */
            if (sub_argc >= 3 && strcmp(sub_argv[1], "import") == 0 &&
                strcmp(sub_argv[2], "ismap") == 0) {
                verb = "import";
                sub_argc -= 2;
                sub_argv += 2;
            } else if (sub_argc >= 2 && strcmp(sub_argv[1], "list") == 0) {
                verb = "list";
                sub_argc--;
                sub_argv++;
            } else {
                cv_cli_error("usage: cloudvet registry import ismap "
                             "FILE|--from URL | cloudvet registry list");
                return CV_EXIT_USAGE;
            }
        }
        first = parse(&c, sub_argc, sub_argv, &code, "");
        if (first < 0)
            return code;
        for (i = first; i < sub_argc; i++)
            if (cv_inputs_add(&c.inputs, sub_argv[i]) != 0)
                return CV_EXIT_INTERNAL;
        if (c.files_from) {
            code = cv_inputs_add_list(&c.inputs, c.files_from);
            if (code != CV_EXIT_OK)
                return code;
        }
    }
    if (cv_global_init() != CV_OK)
        return CV_EXIT_INTERNAL;
    if (cv_ctx_new(&ctx, &c.opts) != CV_OK) {
        cv_cli_error("--as-of: %s: '%s'",
                     L(c.opts.lang, "日付が正しくありません", "invalid date"),
                     c.opts.as_of);
        code = CV_EXIT_USAGE;
    } else if (strcmp(cmd, "evaluate") == 0) {
        code = cv_cli_evaluate(ctx, &c);
    } else if (strcmp(cmd, "check") == 0) {
        code = cmd_check(ctx, &c);
    } else if (strcmp(cmd, "template") == 0) {
        code = cmd_template(ctx, &c);
    } else if (strcmp(cmd, "criteria") == 0) {
        code = cmd_lint(ctx, &c);
    } else if (strcmp(cmd, "registry") == 0) {
        code = cv_cli_registry(ctx, &c, verb);
    } else {
        cv_cli_error("%s: '%s'",
                     L(c.opts.lang, "不明なコマンド", "unknown command"), cmd);
        fputs(usage_text, stderr);
        code = CV_EXIT_USAGE;
    }
    cv_inputs_free(&c.inputs);
    cv_ctx_free(ctx);
    cv_global_cleanup();
    return code;
}
