/* SPDX-License-Identifier: MIT */
/*
 * eval_registry.c: every ISMAP / ISMAP-LIU certification of a submission
 * looked up in the ISMAP list snapshot (5(1)①: the tender asks the public
 * body to confirm the registration, not to take the vendor's word).
 *
 * A number proves nothing by itself: it must be in the list, and its row
 * must name the offered service and the vendor (a SaaS quoting its IaaS's
 * number is the classic mistake), be the same scheme and be valid on the
 * evaluation date. Each finding keeps a copy of the row it was compared
 * to, so the report can show it beside the vendor's claim.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

const char *cv_reg_outcome_str(enum cv_reg_outcome o)
{
    static const char *const names[] = {
        "not_checked",       "registered",     "no_number",
        "not_found",         "other_service",  "provider_mismatch",
        "scheme_mismatch",   "expired",        "not_yet_valid",
        "expiry_unknown"
    };
    return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

static bool is_ismap_scheme(struct cv_arena *a, const char *scheme)
{
    const char *k = scheme ? cv_registry_key(a, scheme) : NULL;
    return k && strncmp(k, "ISMAP", 5) == 0;
}

static bool is_liu(struct cv_arena *a, const char *scheme)
{
    const char *k = scheme ? cv_registry_key(a, scheme) : NULL;
    return k && strstr(k, "LIU") != NULL;
}

/* The claimed scheme by its id in the scheme table (data/schemes.json),
 * so that every name of ISMAP or ISMAP-LIU is looked up; as written when
 * the table does not know it. */
static const char *claimed_scheme(const struct cv_eval_req *req,
                                  const char *scheme)
{
    const struct cv_scheme *s =
        scheme ? cv_names_scheme(&req->crit->tables.names, req->arena, scheme)
               : NULL;
    return s ? s->id : scheme;
}

static const char *nz(const char *s)
{
    return s ? s : "?";
}

/* "row 5 of the ISMAP list of 2026-11-22: C23-0187-1 / service / provider
 * / ISMAP / expires 2027-09-30" */
static void describe_row(struct cv_strbuf *sb, cv_lang lang,
                         const struct cv_registry_snapshot *reg,
                         const struct cv_registry_row *r)
{
    cv_strbuf_printf(sb,
                     CV_L(lang,
                          "ISMAP クラウドサービスリスト (%s 版) %u 行目: "
                          "登録番号 %s、%s、%s、%s、登録日 %s、有効期限 %s",
                          "ISMAP list of %s, row %u: number %s, %s, %s, %s, "
                          "registered %s, expires %s"),
                     reg->as_of, r->row, nz(r->number), nz(r->service),
                     nz(r->provider), nz(r->scheme), nz(r->registered),
                     nz(r->expires));
}

struct lookup {
    const struct cv_eval_req *req;
    const struct cv_node *cert;
    struct cv_regcheck *out;
    struct cv_strbuf msg;
};

static enum cv_reg_outcome compare_dates(struct lookup *lk,
                                         const struct cv_registry_row *r)
{
    cv_lang lang = lk->req->diags->lang;
    cv_day exp, reg;
    if (!r->expires ||
        !cv_date_parse_iso(r->expires, strlen(r->expires), &exp)) {
        cv_strbuf_puts(&lk->msg, CV_L(lang, "。リストの有効期限が日付として"
                                            "読めません",
                                      "; the list's expiry is not a date"));
        return CV_REGCHK_EXPIRY_UNKNOWN;
    }
    if (exp < lk->req->as_of) {
        cv_strbuf_printf(&lk->msg,
                         CV_L(lang, "。リスト上の有効期限 %s は評価日より前です",
                              "; the listed registration expired on %s, "
                              "before the evaluation date"),
                         r->expires);
        return CV_REGCHK_EXPIRED;
    }
    if (r->registered &&
        cv_date_parse_iso(r->registered, strlen(r->registered), &reg) &&
        reg > lk->req->as_of) {
        cv_strbuf_printf(&lk->msg,
                         CV_L(lang, "。リスト上の登録日 %s は評価日より後です",
                              "; listed as registered on %s, after the "
                              "evaluation date"),
                         r->registered);
        return CV_REGCHK_NOT_YET_VALID;
    }
    cv_strbuf_puts(&lk->msg, CV_L(lang,
                                  "。番号・サービス・事業者・制度・有効期間が"
                                  "リストと一致します",
                                  "; number, service, provider, scheme and "
                                  "validity agree with the list"));
    return CV_REGCHK_REGISTERED;
}

/* The row names another service: the underlying cloud's, or any other. */
static enum cv_reg_outcome other_service(struct lookup *lk,
                                         const struct cv_registry_row *r,
                                         const char *service)
{
    const struct cv_node *doc = lk->req->doc;
    struct cv_arena *a = lk->req->arena;
    cv_lang lang = lk->req->diags->lang;
    const char *iaas = cv_node_str(doc, "service.underlying_cloud.name");
    const char *iaas_prov =
        cv_node_str(doc, "service.underlying_cloud.provider");
    bool underlying = cv_names_match(a, r->service, iaas) ||
                      (cv_names_match(a, r->provider, iaas_prov) &&
                       !cv_names_match(a, r->service, service));
    cv_strbuf_printf(&lk->msg,
                     underlying
                         ? CV_L(lang,
                                "。この番号は基盤クラウド '%s' の登録であり、"
                                "提供サービス '%s' の登録ではありません",
                                "; this number is the underlying cloud "
                                "'%s''s registration, not the offered "
                                "service '%s''s")
                         : CV_L(lang,
                                "。この番号は '%s' の登録であり、提供サービス "
                                "'%s' の登録ではありません",
                                "; this number belongs to '%s', not to the "
                                "offered service '%s'"),
                     nz(r->service), nz(service));
    return CV_REGCHK_OTHER_SERVICE;
}

static enum cv_reg_outcome compare_row(struct lookup *lk,
                                       const struct cv_registry_row *r)
{
    const struct cv_node *doc = lk->req->doc;
    struct cv_arena *a = lk->req->arena;
    cv_lang lang = lk->req->diags->lang;
    const char *service = cv_node_str(doc, "service.name");
    const char *vendor = cv_node_str(doc, "vendor.name");
    const char *scheme =
        claimed_scheme(lk->req, cv_node_str(lk->cert, "scheme"));

    describe_row(&lk->msg, lang, lk->req->registry, r);
    if (!cv_names_match(a, r->service, service))
        return other_service(lk, r, service);
    if (!cv_names_match(a, r->provider, vendor)) {
        cv_strbuf_printf(&lk->msg,
                         CV_L(lang,
                              "。リストの事業者 '%s' は入札者 '%s' と一致"
                              "しません (要確認)",
                              "; the listed provider '%s' is not the vendor "
                              "'%s' (to be reviewed)"),
                         nz(r->provider), nz(vendor));
        return CV_REGCHK_PROVIDER_MISMATCH;
    }
    if (is_liu(a, scheme) != is_liu(a, r->scheme)) {
        cv_strbuf_printf(&lk->msg,
                         CV_L(lang,
                              "。申告の制度 %s に対し、リストでは %s です",
                              "; claimed as %s, listed as %s"),
                         nz(scheme), nz(r->scheme));
        return CV_REGCHK_SCHEME_MISMATCH;
    }
    return compare_dates(lk, r);
}

static cv_status look_up(struct lookup *lk)
{
    const struct cv_eval_req *req = lk->req;
    const struct cv_registry_snapshot *reg = req->registry;
    cv_lang lang = req->diags->lang;
    const struct cv_registry_row *r;
    struct cv_regcheck *rc = lk->out;

    if (!reg) {
        rc->outcome = CV_REGCHK_NOT_CHECKED;
        cv_strbuf_puts(&lk->msg,
                       CV_L(lang,
                            "ISMAP クラウドサービスリストとは照合していません "
                            "(登録簿のスナップショットがありません: cloudvet "
                            "registry import ismap)",
                            "not checked against the ISMAP list (no "
                            "registry snapshot: cloudvet registry import "
                            "ismap)"));
        return CV_OK;
    }
    if (!rc->number) {
        rc->outcome = CV_REGCHK_NO_NUMBER;
        cv_strbuf_puts(&lk->msg, CV_L(lang, "登録番号の記載がないため、ISMAP "
                                            "クラウドサービスリストと照合"
                                            "できません",
                                      "no registration number is given to "
                                      "look up in the ISMAP list"));
        return CV_OK;
    }
    r = cv_registry_find(reg, req->arena, rc->number);
    if (!r) {
        rc->outcome = CV_REGCHK_NOT_FOUND;
        cv_strbuf_printf(&lk->msg,
                         CV_L(lang,
                              "登録番号 %s は ISMAP クラウドサービスリスト "
                              "(%s 版、%zu 件) にありません",
                              "number %s is not in the ISMAP list of %s (%zu "
                              "rows)"),
                         rc->number, reg->as_of, reg->nrows);
        return CV_OK;
    }
    rc->outcome = compare_row(lk, r);
    rc->row = r;
    return CV_OK;
}

/* The row outlives the snapshot: results are kept after the run's
 * registry is freed (ndjson streams, reports). */
static cv_status copy_row(struct cv_regcheck *rc, struct cv_arena *a)
{
    struct cv_registry_row *copy;
    const struct cv_registry_row *r = rc->row;
    if (!r)
        return CV_OK;
    copy = cv_arena_calloc(a, 1, sizeof(*copy));
    if (!copy)
        return CV_ENOMEM;
    copy->row = r->row;
#define CV_COPY(m)                                                            \
    if (r->m && !(copy->m = cv_arena_strdup(a, r->m)))                        \
        return CV_ENOMEM;
    CV_COPY(number)
    CV_COPY(key)
    CV_COPY(service)
    CV_COPY(provider)
    CV_COPY(registered)
    CV_COPY(expires)
    CV_COPY(scheme)
#undef CV_COPY
    rc->row = copy;
    return CV_OK;
}

static cv_status check_one(struct cv_regcheck *rc,
                           const struct cv_eval_req *req,
                           const struct cv_node *cert, size_t index)
{
    struct lookup lk = { req, cert, rc, { 0 } };
    const char *scheme = cv_node_str(cert, "scheme");
    const char *number = cv_node_str(cert, "id");
    cv_status st;

    cv_strbuf_init(&lk.msg, 0);
    rc->index = index;
    rc->pointer = cv_arena_strdup(req->arena, cert->path ? cert->path : "");
    rc->line = cert->line;
    rc->scheme = cv_arena_strdup(req->arena, scheme);
    rc->number = number ? cv_arena_strdup(req->arena, number) : NULL;
    st = (!rc->pointer || !rc->scheme || (number && !rc->number))
             ? CV_ENOMEM
             : look_up(&lk);
    if (st == CV_OK)
        st = copy_row(rc, req->arena);
    if (st == CV_OK)
        st = cv_strbuf_status(&lk.msg);
    if (st == CV_OK &&
        !(rc->message = cv_arena_strndup(req->arena, lk.msg.ptr, lk.msg.len)))
        st = CV_ENOMEM;
    cv_strbuf_release(&lk.msg);
    return st;
}

cv_status cv_eval_registry(struct cv_regcheck **out, size_t *n,
                           const struct cv_eval_req *req)
{
    const struct cv_node *certs = cv_node_lookup(req->doc, "certifications");
    const struct cv_node *c;
    size_t i = 0;
    *out = NULL;
    *n = 0;
    if (!certs || certs->count == 0)
        return CV_OK;
    *out = cv_arena_calloc(req->arena, certs->count, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (c = certs->first; c; c = c->next, i++) {
        cv_status st;
        if (!is_ismap_scheme(req->arena,
                             claimed_scheme(req, cv_node_str(c, "scheme"))))
            continue;
        st = check_one(&(*out)[*n], req, c, i);
        if (st != CV_OK)
            return st;
        (*n)++;
    }
    return CV_OK;
}
