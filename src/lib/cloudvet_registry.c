/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_registry.c: the public API of registry snapshots and online
 * checks (cloudvet.h). Glue like cloudvet.c, kept apart because it is the
 * part that touches the file system beyond one input and the network.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/io.h"
#include "base/sha256.h"
#include "internal.h"
#include "load/load.h"
#include "load/table.h"

/* ---- import ---- */

static cv_status new_registry(cv_registry **out)
{
    cv_registry *reg = calloc(1, sizeof(*reg));
    *out = reg;
    if (!reg)
        return CV_ENOMEM;
    cv_arena_init(&reg->arena);
    return CV_OK;
}

void cv_registry_free(cv_registry *reg)
{
    if (!reg)
        return;
    cv_arena_release(&reg->arena);
    free(reg);
}

/* The old binary .xls (an OLE2 compound file) is the usual wrong file. */
static bool is_ole2(const char *buf, size_t len)
{
    return len >= 8 && memcmp(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

static cv_status read_tables(struct cv_sheets *t, cv_registry *reg,
                             cv_ctx *ctx, const char *name, const char *buf,
                             size_t len)
{
    static const struct cv_table_limits limits = CV_TABLE_LIMITS_DEFAULT;
    struct cv_table_req req = { name, buf, len, &limits, &reg->arena,
                                &ctx->diags };
    struct cv_loc loc = { name, "", 0, 0 };
    if (is_ole2(buf, len))
        return cv_diags_fail(&ctx->diags, CV_EPARSE, &loc, "%s",
                             CV_L(ctx->opts.lang,
                                  "旧形式の Excel ブック (.xls) です。Excel で "
                                  ".xlsx として保存し直してください",
                                  "an old binary Excel workbook (.xls); save "
                                  "it as .xlsx in Excel first"));
    return cv_table_is_zip(buf, len) ? cv_load_xlsx(t, &req)
                                     : cv_load_csv(t, &req);
}

static cv_status set_list_date(cv_registry *reg, cv_ctx *ctx,
                               const char *date)
{
    struct cv_loc loc = { "--list-date", "", 0, 0 };
    if (!date) {
        reg->as_of = ctx->as_of;
        cv_date_format(ctx->as_of, reg->snap.as_of);
        return CV_OK;
    }
    if (!cv_date_parse_iso(date, strnlen(date, 11), &reg->as_of))
        return cv_diags_fail(&ctx->diags, CV_EUSAGE, &loc,
                             CV_L(ctx->opts.lang,
                                  "'%s' は YYYY-MM-DD の日付ではありません",
                                  "'%s' is not a YYYY-MM-DD date"),
                             date);
    cv_date_format(reg->as_of, reg->snap.as_of);
    return CV_OK;
}

static cv_status no_rows(cv_ctx *ctx, const char *name,
                         const struct cv_registry_snapshot *s)
{
    struct cv_loc loc = { name, "", 0, 0 };
    return cv_diags_fail(&ctx->diags, CV_EINVALID, &loc,
                         CV_L(ctx->opts.lang,
                              "シート '%s' の見出し行 %u の下に登録番号のある"
                              "行がありません",
                              "sheet '%s' has no row with a registration "
                              "number below its header row %u"),
                         s->sheet ? s->sheet : "?", s->header_row);
}

cv_status cv_registry_import(cv_registry **out, cv_ctx *ctx,
                             const cv_criteria *crit, const char *name,
                             const void *buf, size_t len,
                             const cv_import_options *opts)
{
    static const cv_import_options none = { NULL, NULL, NULL };
    struct cv_sheets tables = { NULL, 0 };
    cv_registry *reg = NULL;
    cv_status st;

    *out = NULL;
    if (!ctx || !crit || !name || (!buf && len))
        return CV_EUSAGE;
    if (!opts)
        opts = &none;
    st = new_registry(&reg);
    if (st == CV_OK)
        st = set_list_date(reg, ctx, opts->list_date);
    if (st == CV_OK)
        st = cv_sha256_hex(reg->snap.source_sha256, buf ? buf : "", len);
    if (st == CV_OK)
        st = read_tables(&tables, reg, ctx, name, buf ? buf : "", len);
    if (st == CV_OK)
        st = cv_registry_from_tables(&reg->snap, &tables, crit, opts->columns,
                                     name, &reg->arena, &ctx->diags);
    if (st == CV_OK && reg->snap.nrows == 0)
        st = no_rows(ctx, name, &reg->snap);
    if (st == CV_OK) {
        reg->snap.source = cv_arena_strdup(&reg->arena,
                                           opts->source ? opts->source : name);
        if (!reg->snap.source)
            st = CV_ENOMEM;
    }
    if (st != CV_OK) {
        cv_registry_free(reg);
        return st;
    }
    cv_registry_snapshot_name(&reg->snap, reg->file_name,
                              sizeof(reg->file_name));
    *out = reg;
    return CV_OK;
}

cv_status cv_registry_import_file(cv_registry **out, cv_ctx *ctx,
                                  const cv_criteria *crit, const char *path,
                                  const cv_import_options *opts)
{
    static const struct cv_table_limits limits = CV_TABLE_LIMITS_DEFAULT;
    char *buf = NULL;
    size_t len = 0;
    cv_status st;
    *out = NULL;
    st = cv_io_read_file(&buf, &len, path, limits.max_file_bytes,
                         &ctx->diags);
    if (st == CV_OK)
        st = cv_registry_import(out, ctx, crit, path, buf, len, opts);
    free(buf);
    return st;
}

cv_status cv_registry_write(const cv_registry *reg, cv_write_fn write,
                            void *payload)
{
    struct cv_strbuf sb;
    cv_status st;
    cv_strbuf_init(&sb, 0);
    cv_registry_serialise(&reg->snap, &sb);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK && write(sb.ptr, sb.len, payload) != 0)
        st = CV_EIO;
    cv_strbuf_release(&sb);
    return st;
}

/* ---- snapshots on disk ---- */

cv_status cv_registry_open(cv_registry **out, cv_ctx *ctx, const char *path)
{
    static const struct cv_table_limits limits = CV_TABLE_LIMITS_DEFAULT;
    cv_limits lim = ctx->opts.limits;
    struct cv_load_req req;
    struct cv_node *doc = NULL;
    cv_registry *reg = NULL;
    char *buf = NULL;
    size_t len = 0;
    cv_status st = new_registry(&reg);

    *out = NULL;
    /* A snapshot of a long list is bigger than one submission. */
    lim.max_input_bytes = limits.max_file_bytes;
    lim.max_nodes = limits.max_cells;
    if (st == CV_OK)
        st = cv_io_read_file(&buf, &len, path, lim.max_input_bytes,
                             &ctx->diags);
    if (st == CV_OK) {
        req.source = cv_arena_strdup(&reg->arena, path);
        req.buf = buf;
        req.len = len;
        req.limits = &lim;
        req.arena = &reg->arena;
        req.diags = &ctx->diags;
        st = req.source ? cv_load_json(&doc, &req) : CV_ENOMEM;
    }
    if (st == CV_OK)
        st = cv_registry_parse(&reg->snap, doc, req.source, &reg->arena,
                               &ctx->diags);
    free(buf);
    if (st != CV_OK) {
        cv_registry_free(reg);
        return st;
    }
    (void)cv_date_parse_iso(reg->snap.as_of, 10, &reg->as_of);
    cv_registry_snapshot_name(&reg->snap, reg->file_name,
                              sizeof(reg->file_name));
    *out = reg;
    return CV_OK;
}

/* "ismap-2026-11-22.json" -> its day; false for any other name. */
static bool snapshot_day(const char *name, cv_day *day)
{
    size_t n = strlen(name);
    return n == sizeof("ismap-YYYY-MM-DD.json") - 1 &&
           strncmp(name, "ismap-", 6) == 0 &&
           strcmp(name + n - 5, ".json") == 0 &&
           cv_date_parse_iso(name + 6, 10, day);
}

/* Newest on or before as_of; else the oldest (a list newer than the
 * evaluation date still says more than none). */
static bool better(cv_day cand, cv_day best, bool have, cv_day as_of)
{
    if (!have)
        return true;
    if (cand <= as_of)
        return best > as_of || cand > best;
    return best > as_of && cand < best;
}

cv_status cv_registry_select(cv_registry **out, cv_ctx *ctx, const char *dir)
{
    DIR *d = opendir(dir);
    const struct dirent *e;
    char best_name[256] = ""; /* d_name is at most 255 bytes */
    cv_day best = 0, day;
    bool have = false;
    char *path;
    size_t n;
    cv_status st;

    *out = NULL;
    if (!d)
        return CV_OK;
    while ((e = readdir(d)) != NULL)
        if (snapshot_day(e->d_name, &day) &&
            better(day, best, have, ctx->as_of)) {
            best = day;
            have = true;
            snprintf(best_name, sizeof(best_name), "%s", e->d_name);
        }
    closedir(d);
    if (!have)
        return CV_OK;
    n = strlen(dir) + 1 + strlen(best_name) + 1;
    path = malloc(n);
    if (!path)
        return CV_ENOMEM;
    snprintf(path, n, "%s/%s", dir, best_name);
    st = cv_registry_open(out, ctx, path);
    free(path);
    return st;
}

const char *cv_registry_file_name(const cv_registry *reg)
{
    return reg->file_name;
}

const char *cv_registry_source(const cv_registry *reg)
{
    return reg->snap.source ? reg->snap.source : "";
}

const char *cv_registry_as_of(const cv_registry *reg)
{
    return reg->snap.as_of;
}

const char *cv_registry_sheet(const cv_registry *reg)
{
    return reg->snap.sheet ? reg->snap.sheet : "";
}

size_t cv_registry_row_count(const cv_registry *reg)
{
    return reg->snap.nrows;
}

cv_status cv_ctx_use_registry(cv_ctx *ctx, const cv_registry *reg,
                              unsigned max_age_days)
{
    if (!ctx)
        return CV_EUSAGE;
    ctx->registry = reg;
    ctx->registry_max_age = max_age_days;
    return CV_OK;
}

void cv_ctx_registry_note(const cv_ctx *ctx, struct cv_registry_note *note)
{
    memset(note, 0, sizeof(*note));
    if (!ctx->registry)
        return;
    note->checked = true;
    note->snap = &ctx->registry->snap;
    note->file_name = ctx->registry->file_name;
    note->age_days = (long)(ctx->as_of - ctx->registry->as_of);
    note->max_age_days = ctx->registry_max_age;
    note->stale = note->age_days > (long)ctx->registry_max_age;
}

void cv_registry_note_text(const struct cv_registry_note *note, cv_lang lang,
                           struct cv_strbuf *sb)
{
    if (!note->checked) {
        cv_strbuf_puts(sb, CV_L(lang,
                                "ISMAP クラウドサービスリストとの照合は行って"
                                "いません (登録簿のスナップショットがありま"
                                "せん)。ISMAP の登録は入札者の申告のままです",
                                "The ISMAP list was not checked (no registry "
                                "snapshot): ISMAP registrations are as the "
                                "vendors declared them"));
        return;
    }
    cv_strbuf_printf(sb,
                     CV_L(lang,
                          "ISMAP クラウドサービスリスト %s 版 (%zu 件、取込元 "
                          "%s) と照合しました",
                          "Checked against the ISMAP list of %s (%zu rows, "
                          "imported from %s)"),
                     note->snap->as_of, note->snap->nrows,
                     note->snap->source ? note->snap->source : "?");
    if (note->stale)
        cv_strbuf_printf(sb,
                         CV_L(lang,
                              "。注意: このリストは評価日の %ld 日前のもので、"
                              "上限の %u 日を超えています。最新のリストを取り"
                              "込んでください",
                              ". Warning: the list is %ld days older than the "
                              "evaluation date, past the limit of %u days; "
                              "import the current list"),
                         note->age_days, note->max_age_days);
}

/* ---- online ---- */

cv_status cv_ctx_go_online(cv_ctx *ctx, const cv_online_options *opts)
{
    if (!ctx || !opts || opts->max_parallel == 0 || opts->max_per_host == 0 ||
        opts->max_links == 0 || opts->budget_ms <= 0 ||
        opts->run_budget_ms <= 0)
        return CV_EUSAGE;
    ctx->online = true;
    ctx->online_opts = *opts;
    /* The run's budget starts here: the caller goes online when the run
     * starts. */
    ctx->online_deadline_ms = cv_net_now_ms() + (double)opts->run_budget_ms;
    return CV_OK;
}

static void net_options(struct cv_net_options *n, const cv_ctx *ctx)
{
    static const struct cv_net_options defaults = CV_NET_OPTIONS_DEFAULT;
    static const cv_online_options online_defaults = CV_ONLINE_OPTIONS_INIT;
    const cv_online_options *o =
        ctx->online ? &ctx->online_opts : &online_defaults;
    *n = defaults;
    n->allow = o->allow_private ? CV_ADDR_ALLOW_PRIVATE : 0u;
    n->connect_timeout_ms = o->connect_timeout_ms;
    n->timeout_ms = o->timeout_ms;
    n->max_parallel = o->max_parallel;
    n->max_per_host = o->max_per_host;
    n->resolve = o->resolve;
    n->ca_file = o->ca_file;
}

cv_status cv_download(cv_ctx *ctx, const char *url, size_t max_bytes,
                      char **buf, size_t *len)
{
    struct cv_net_options n;
    struct cv_link link;
    struct cv_loc loc = { url, "", 0, 0 };
    cv_status st;

    *buf = NULL;
    *len = 0;
    memset(&link, 0, sizeof(link));
    link.checked = true;
    link.check.url = url;
    net_options(&n, ctx);
    st = cv_net_download(url, &n, max_bytes, buf, len, &link.check,
                         &ctx->arena);
    if (st == CV_ENOMEM)
        return st;
    if (st == CV_ELIMIT)
        return cv_diags_fail(&ctx->diags, CV_ELIMIT, &loc,
                             CV_L(ctx->opts.lang,
                                  "%zu バイトを超えるため取得を中止しました",
                                  "download stopped at the limit of %zu "
                                  "bytes"),
                             max_bytes);
    if (st == CV_OK && link.check.outcome == CV_LINK_OK)
        return CV_OK;
    free(*buf);
    *buf = NULL;
    *len = 0;
    st = cv_eval_describe_links(&link, 1, ctx->opts.lang, &ctx->arena);
    if (st != CV_OK)
        return st;
    return cv_diags_fail(&ctx->diags, CV_EIO, &loc, "%s", link.message);
}

/* Each distinct URL is requested once; a repeat shares the first check.
 * By sorting, not by comparing each URL with all before it: a hostile
 * bid may hold tens of thousands. */
struct url_at {
    const char *url;
    size_t i;
};

static int by_url_then_index(const void *a, const void *b)
{
    const struct url_at *x = a, *y = b;
    int c = strcmp(x->url, y->url);
    if (c)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* first[i]: the index of the first link with links[i]'s URL. */
static cv_status first_with_url(const struct cv_link *links, size_t n,
                                size_t *first)
{
    struct url_at *v = calloc(n, sizeof(*v));
    size_t i;
    if (!v)
        return CV_ENOMEM;
    for (i = 0; i < n; i++) {
        v[i].url = links[i].check.url;
        v[i].i = i;
    }
    qsort(v, n, sizeof(*v), by_url_then_index);
    for (i = 0; i < n; i++)
        first[v[i].i] = i > 0 && strcmp(v[i - 1].url, v[i].url) == 0
                            ? first[v[i - 1].i]
                            : v[i].i;
    free(v);
    return CV_OK;
}

static cv_status copy_links(struct cv_link *links, size_t n,
                            struct cv_arena *a)
{
    size_t i;
    for (i = 0; i < n; i++) {
        links[i].pointer = cv_arena_strdup(a, links[i].pointer);
        links[i].check.url = cv_arena_strdup(a, links[i].check.url);
        if (!links[i].pointer || !links[i].check.url)
            return CV_ENOMEM;
    }
    return CV_OK;
}

static cv_status too_many_links(cv_submission *sub, size_t max,
                                size_t distinct)
{
    struct cv_loc loc = { sub->file, "", 0, 0 };
    return cv_diags_add(&sub->diags, CV_SEV_WARNING, CV_ELIMIT, &loc,
                        CV_L(sub->lang,
                             "URL が多すぎます: 異なる URL %zu 件のうち、"
                             "上限 (--max-links) の %zu 件だけを確認しました。"
                             "残りは未確認です",
                             "too many URLs: of %zu distinct URLs only the "
                             "first %zu (the limit, --max-links) were "
                             "checked; the rest are not checked"),
                        distinct, max);
}

/* When this submission's link checks end: its own budget, or the run's
 * if that ends first (*run_first). */
static double links_deadline(const cv_ctx *ctx, bool *run_first)
{
    double own = cv_net_now_ms() + (double)ctx->online_opts.budget_ms;
    *run_first = ctx->online_deadline_ms < own;
    return *run_first ? ctx->online_deadline_ms : own;
}

static cv_status out_of_time(cv_submission *sub, const cv_ctx *ctx,
                             bool run_first, size_t skipped, size_t total)
{
    struct cv_loc loc = { sub->file, "", 0, 0 };
    long secs = (run_first ? ctx->online_opts.run_budget_ms
                           : ctx->online_opts.budget_ms) / 1000L;
    if (run_first)
        return cv_diags_add(
            &sub->diags, CV_SEV_WARNING, CV_ELIMIT, &loc,
            CV_L(sub->lang,
                 "リンク確認の実行全体の時間の予算 (%ld 秒、"
                 "--online-run-budget) が尽きたため、URL %zu 件のうち %zu "
                 "件を確認していません",
                 "the link-check time budget of the run (%ld s, "
                 "--online-run-budget) was exhausted: of %zu URLs, %zu were "
                 "not checked"),
            secs, total, skipped);
    return cv_diags_add(
        &sub->diags, CV_SEV_WARNING, CV_ELIMIT, &loc,
        CV_L(sub->lang,
             "リンク確認の提出ごとの時間の予算 (%ld 秒、--online-budget) が"
             "尽きたため、URL %zu 件のうち %zu 件を確認していません",
             "the link-check time budget of a submission (%ld s, "
             "--online-budget) was exhausted: of %zu URLs, %zu were not "
             "checked"),
        secs, total, skipped);
}

/* links[i] from its check (slot SIZE_MAX: over max_links). Returns the
 * number the budget left unchecked. */
static size_t take_checks(cv_submission *sub, const size_t *slot,
                          const struct cv_link_check *unique, size_t nunique)
{
    size_t i, skipped = 0;
    for (i = 0; i < nunique; i++)
        if (unique[i].outcome == CV_LINK_NOT_CHECKED)
            skipped++;
    for (i = 0; i < sub->nlinks; i++) {
        struct cv_link *l = &sub->links[i];
        if (slot[i] == SIZE_MAX) {
            l->checked = false;
            continue;
        }
        l->check = unique[slot[i]];
        l->over_budget = l->check.outcome == CV_LINK_NOT_CHECKED;
        l->checked = !l->over_budget;
    }
    return skipped;
}

cv_status cv_submission_check_links(cv_submission *sub, const cv_ctx *ctx,
                                    const struct cv_node *doc)
{
    struct cv_net_options n;
    struct cv_link_check *unique = NULL;
    size_t *slot = NULL, *first = NULL, nunique = 0, ndistinct = 0, skipped,
           i;
    bool run_first = false;
    cv_status st = cv_eval_collect_links(&sub->links, &sub->nlinks, doc,
                                         &sub->arena);
    sub->online = true;
    if (st == CV_OK)
        st = copy_links(sub->links, sub->nlinks, &sub->arena);
    if (st != CV_OK || sub->nlinks == 0)
        return st;
    unique = calloc(sub->nlinks, sizeof(*unique));
    slot = calloc(sub->nlinks, sizeof(*slot));
    first = calloc(sub->nlinks, sizeof(*first));
    if (!unique || !slot || !first) {
        st = CV_ENOMEM;
        goto out;
    }
    st = first_with_url(sub->links, sub->nlinks, first);
    if (st != CV_OK)
        goto out;
    for (i = 0; i < sub->nlinks; i++) {
        size_t j = first[i];
        if (j < i) {
            slot[i] = slot[j];
            continue;
        }
        ndistinct++;
        if (nunique == ctx->online_opts.max_links) {
            slot[i] = SIZE_MAX;
            continue;
        }
        slot[i] = nunique;
        unique[nunique++].url = sub->links[i].check.url;
    }
    net_options(&n, ctx);
    n.deadline_ms = links_deadline(ctx, &run_first);
    st = cv_net_check_links(unique, nunique, &n, &sub->arena);
    if (st != CV_OK)
        goto out;
    skipped = take_checks(sub, slot, unique, nunique);
    if (ndistinct > nunique)
        st = too_many_links(sub, ctx->online_opts.max_links, ndistinct);
    if (st == CV_OK && skipped > 0)
        st = out_of_time(sub, ctx, run_first, skipped, ndistinct);
    if (st == CV_OK)
        st = cv_eval_describe_links(sub->links, sub->nlinks, sub->lang,
                                    &sub->arena);
out:
    free(unique);
    free(slot);
    free(first);
    return st;
}
