/* SPDX-License-Identifier: MIT */
/*
 * fuzz_criteria.c: the criteria loader (criteria/profile.c, catalogue.c,
 * tables.c), above all the profile: the file a municipality copies and
 * edits, and passes with --profile.
 *
 * The input is one criteria file. It is a profile unless its first line
 * names another file:
 *
 *   @profile | @catalogue | @eras | @categories | @regions | @cryptrec |
 *   @mfa-factors | @courts
 *
 * LLVMFuzzerInitialize loads the shipped criteria (CV_FUZZ_CRITERIA_DIR)
 * once and builds a private temporary tree (under $TMPDIR) whose other
 * files are links to the shipped ones. Each input is written there and
 * read by that file's loader into a shallow copy of the loaded criteria
 * with its own arena, freed after the input; everything else stays
 * shared. Parsing the rest again for every input would cost 20 ms.
 *
 * What a file that loads is then used for:
 *  - a profile: the JSON and XML templates are written and must read
 *    back, and sample 01 is evaluated under it and reported (JSON, HTML,
 *    CSV, Markdown): parameters of the wrong type reach the checks;
 *  - a data table: a sample that consults it is evaluated and reported;
 *  - eras: era dates are read with them;
 *  - a catalogue file: loading is all (no profile names its criteria).
 *
 * Binding a profile writes the parameter values into the shared
 * catalogue's conditions (profile.c bind_cond), so profiles are bound
 * against a criteria set of their own (`crit_profiles`) that nothing else
 * evaluates with; the table inputs use `crit_tables`, whose conditions
 * only Initialize ever binds.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/diag.h"
#include "criteria/criteria.h"
#include "fuzz.h"
#include "fuzz_util.h"
#include "internal.h"
#include "norm/normtext.h"

#define CRIT CV_FUZZ_CRITERIA_DIR
#define MAX_CREATED 64

enum mode {
    M_PROFILE,
    M_CATALOGUE,
    M_ERAS,
    M_CATEGORIES,
    M_REGIONS,
    M_CRYPTREC,
    M_FACTORS,
    M_COURTS,
    M_COUNT
};

/* The data tables, in the order cv_tables_load reads them. */
static const char *const table_files[] = { "categories.json", "regions.json",
                                           "cryptrec.json", "mfa-factors.json",
                                           "courts.json" };

static const struct {
    const char *selector;
    const char *sample; /* evaluated when the file loads, or NULL */
} modes[M_COUNT] = {
    [M_PROFILE] = { "profile", "01-qualified-sakura.json" },
    [M_CATALOGUE] = { "catalogue", NULL },
    [M_ERAS] = { "eras", NULL },
    [M_CATEGORIES] = { "categories", "01-qualified-sakura.json" },
    [M_REGIONS] = { "regions", "02-backup-abroad.xml" },
    [M_CRYPTREC] = { "cryptrec", "05-weak-crypto.json" },
    [M_FACTORS] = { "mfa-factors", "06-sms-mfa.xml" },
    [M_COURTS] = { "courts", "08-contradictions.xml" },
};

/* Reading limits for the fuzzed file: smaller than the defaults so the
 * fuzzer meets them; the shipped files all fit. */
static const cv_limits file_limits = {
    (size_t)1 << 20, 32u, (size_t)50000, (size_t)16384, (size_t)32,
    (uint32_t)100000
};

static cv_ctx *ctx;
static cv_criteria *crit_profiles, *crit_tables;
static char root[4096];
static char mode_dir[M_COUNT][4096];  /* the `dir` argument of the loader */
static char mode_file[M_COUNT][4096]; /* where the input is written */
static char *created[MAX_CREATED];    /* removed at exit, in reverse */
static size_t ncreated;
static struct {
    char *buf;
    size_t len;
} samples[M_COUNT];

static void cleanup(void)
{
    while (ncreated > 0) {
        char *p = created[--ncreated];
        if (remove(p) != 0 && errno != ENOENT)
            fprintf(stderr, "fuzz_criteria: cannot remove %s\n", p);
        free(p);
    }
    for (size_t i = 0; i < M_COUNT; i++)
        free(samples[i].buf);
    cv_criteria_free(crit_tables);
    cv_criteria_free(crit_profiles);
    cv_ctx_free(ctx);
    cv_global_cleanup();
}

static void remember(const char *path)
{
    FUZZ_SETUP(ncreated < MAX_CREATED);
    created[ncreated] = strdup(path);
    FUZZ_SETUP(created[ncreated] != NULL);
    ncreated++;
}

/* out = a/b, or the run stops (a path longer than PATH_MAX). */
static void join(char *out, size_t n, const char *a, const char *b)
{
    int k = snprintf(out, n, "%s/%s", a, b);
    FUZZ_SETUP(k > 0 && (size_t)k < n);
}

static void make_dir(char *out, size_t n, const char *parent,
                     const char *name)
{
    join(out, n, parent, name);
    FUZZ_SETUP(mkdir(out, 0700) == 0);
    remember(out);
}

/* parent/name -> target (a shipped file). */
static void link_to(const char *parent, const char *name, const char *target)
{
    char path[4096];
    join(path, sizeof(path), parent, name);
    FUZZ_SETUP(symlink(target, path) == 0);
    remember(path);
}

static void read_sample(size_t m)
{
    char path[4096];
    FILE *f;
    long n;
    if (!modes[m].sample)
        return;
    join(path, sizeof(path), CRIT "/../samples", modes[m].sample);
    f = fopen(path, "rb");
    FUZZ_SETUP(f != NULL);
    FUZZ_SETUP(fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0);
    rewind(f);
    samples[m].buf = malloc((size_t)n);
    FUZZ_SETUP(samples[m].buf != NULL);
    FUZZ_SETUP(fread(samples[m].buf, 1, (size_t)n, f) == (size_t)n);
    samples[m].len = (size_t)n;
    fclose(f);
}

/* The private tree:
 *   root/profile/profiles/{default,full}.json -> shipped; fuzz.json
 *   root/catalogue/catalogue/fuzz.json
 *   root/eras/data/eras.json
 *   root/<table>/data/<every table> -> shipped (regions: a small stub),
 *                                      but <table>.json, the input */
static void build_tree(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], target[4096];
    size_t m, t;

    FUZZ_SETUP((size_t)snprintf(root, sizeof(root), "%s/cv-fuzz-criteria.XXXXXX",
                                tmp && *tmp ? tmp : "/tmp") < sizeof(root));
    FUZZ_SETUP(mkdtemp(root) != NULL);
    remember(root);
    for (m = 0; m < M_COUNT; m++) {
        make_dir(mode_dir[m], sizeof(mode_dir[m]), root, modes[m].selector);
        make_dir(dir, sizeof(dir), mode_dir[m],
                 m == M_PROFILE     ? "profiles"
                 : m == M_CATALOGUE ? "catalogue"
                                    : "data");
        if (m == M_PROFILE) {
            link_to(dir, "default.json", CRIT "/profiles/default.json");
            link_to(dir, "full.json", CRIT "/profiles/full.json");
        }
        for (t = 0; m >= M_CATEGORIES && t < 5; t++) {
            if (t == m - M_CATEGORIES)
                continue;
            if (strcmp(table_files[t], "regions.json") == 0)
                join(target, sizeof(target), CV_FUZZ_DIR "/data",
                     "regions-stub.json");
            else
                join(target, sizeof(target), CRIT "/data", table_files[t]);
            link_to(dir, table_files[t], target);
        }
        join(mode_file[m], sizeof(mode_file[m]), dir,
             m == M_PROFILE || m == M_CATALOGUE ? "fuzz.json"
             : m == M_ERAS                      ? "eras.json"
                                                : table_files[m - M_CATEGORIES]);
        read_sample(m);
    }
    /* The input files last, so that they are removed first. */
    for (m = 0; m < M_COUNT; m++) {
        FILE *f = fopen(mode_file[m], "wb");
        FUZZ_SETUP(f && fclose(f) == 0);
        remember(mode_file[m]);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    cv_options opts = CV_OPTIONS_INIT;
    (void)argc;
    (void)argv;
    memcpy(opts.as_of, "2026-11-21", 11);
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    FUZZ_SETUP(cv_ctx_new(&ctx, &opts) == CV_OK);
    FUZZ_SETUP(cv_criteria_load(&crit_profiles, ctx, CRIT, NULL) == CV_OK);
    FUZZ_SETUP(cv_criteria_load(&crit_tables, ctx, CRIT, NULL) == CV_OK);
    atexit(cleanup);
    build_tree();
    return 0;
}

/* "@name\n" at the start picks the file; anything else is a profile. */
static enum mode pick(const uint8_t **data, size_t *size)
{
    const char *nl;
    size_t m, n;
    if (*size < 2 || (*data)[0] != '@')
        return M_PROFILE;
    nl = memchr(*data, '\n', *size < 32 ? *size : 32);
    if (!nl)
        return M_PROFILE;
    n = (size_t)(nl - (const char *)*data) - 1;
    for (m = 0; m < M_COUNT; m++) {
        if (strlen(modes[m].selector) == n &&
            memcmp(*data + 1, modes[m].selector, n) == 0) {
            *size -= n + 2;
            *data += n + 2;
            return (enum mode)m;
        }
    }
    return M_PROFILE;
}

static bool write_input(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    bool ok;
    if (!f)
        return false;
    ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

/* Evaluates the mode's sample under `c` and writes every text report. */
static void evaluate_sample(struct cv_criteria *c, enum mode m)
{
    cv_submission *sub = NULL;
    cv_report *report = NULL;

    if (!modes[m].sample)
        return;
    if (cv_submission_evaluate(&sub, ctx, c, modes[m].sample, samples[m].buf,
                               samples[m].len) != CV_OK)
        return;
    if (cv_report_new(&report, ctx, c) != CV_OK) {
        cv_submission_free(sub);
        return;
    }
    if (cv_report_add(report, sub) == CV_OK) {
        cv_report_finish(report);
        fuzz_write_reports(report);
    }
    cv_report_free(report);
}

/* The templates of a loaded profile are documents we promise to read. */
static void write_templates(struct cv_criteria *c)
{
    struct fuzz_sink sink = { NULL, 0, 0 };
    if (cv_template_write(ctx, c, CV_DOC_JSON, fuzz_sink_write, &sink) ==
        CV_OK)
        fuzz_check_reparse(sink.buf, sink.len, false);
    fuzz_sink_reset(&sink);
    if (cv_template_write(ctx, c, CV_DOC_XML, fuzz_sink_write, &sink) == CV_OK)
        fuzz_check_reparse(sink.buf, sink.len, true);
    fuzz_sink_release(&sink);
}

static void read_era_dates(const struct cv_criteria *c)
{
    static const char *const dates[] = { "令和7年4月1日", "R7.4.1",
                                         "令和元年5月1日", "平成31年4月30日",
                                         "H1/1/8", "昭和64年1月7日",
                                         "S1.12.25", "R99.12.31" };
    struct cv_arena scratch;
    size_t i;
    cv_arena_init(&scratch);
    for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        char iso[11];
        cv_day day;
        if (cv_norm_date(&c->eras, &scratch, dates[i], strlen(dates[i]),
                         iso) != CV_NORM_BAD)
            FUZZ_CHECK(cv_date_parse_iso(iso, strlen(iso), &day));
    }
    cv_arena_release(&scratch);
}

/* cv_catalogue_load refuses a criterion whose category is not in
 * data/categories.json; a categories file that drops one is therefore
 * never evaluated with in a real run, and is not here either. */
static bool categories_cover(const struct cv_criteria *c)
{
    for (size_t i = 0; i < c->ncatalogue; i++)
        if (!cv_tables_category(&c->tables, c->catalogue[i].category))
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum mode m = pick(&data, &size);
    struct cv_criteria c;
    struct cv_diags diags;
    cv_status st;

    if (!write_input(mode_file[m], data, size))
        return 0;
    c = m == M_PROFILE ? *crit_profiles : *crit_tables;
    cv_arena_init(&c.arena);
    memset(&c.regexes, 0, sizeof(c.regexes));
    c.limits = file_limits;
    cv_diags_init(&diags, &c.arena, size % 2 ? CV_LANG_EN : CV_LANG_JA,
                  file_limits.max_diagnostics);
    switch (m) {
    case M_PROFILE:
        memset(&c.profile, 0, sizeof(c.profile));
        st = cv_profile_load(&c, &diags, mode_dir[m], mode_file[m], NULL);
        if (st == CV_OK) {
            FUZZ_CHECK(c.profile.id && c.profile.version &&
                       c.profile.nentries > 0);
            for (size_t i = 0; i < c.profile.nentries; i++)
                FUZZ_CHECK(c.profile.entries[i].crit != NULL);
            write_templates(&c);
            evaluate_sample(&c, m);
        }
        break;
    case M_CATALOGUE:
        c.catalogue = NULL;
        c.ncatalogue = 0;
        st = cv_catalogue_load(&c, &diags, mode_dir[m], NULL);
        break;
    case M_ERAS:
        memset(&c.eras, 0, sizeof(c.eras));
        st = cv_eras_load(&c, &diags, mode_dir[m], NULL);
        if (st == CV_OK)
            read_era_dates(&c);
        break;
    default:
        memset(&c.tables, 0, sizeof(c.tables));
        st = cv_tables_load(&c, &diags, mode_dir[m], NULL);
        if (st == CV_OK && categories_cover(&c))
            evaluate_sample(&c, m);
        break;
    }
    fuzz_check_diags(&diags, st);
    cv_regex_set_free(&c.regexes);
    cv_arena_release(&c.arena);
    return 0;
}
