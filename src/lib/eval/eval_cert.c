/* SPDX-License-Identifier: MIT */
/*
 * eval_cert.c: the `certification` check.
 *
 * Met when one certification of an accepted scheme (a profile parameter,
 * ISMAP or ISO/IEC 27017 by default) is valid on the evaluation date and
 * is the offered service's own: its scope names the service, or its holder
 * is the vendor. A registration held by the underlying IaaS provider, or
 * scoped to the IaaS, does not make a SaaS certified (5(1)①); neither does
 * a registration number the submission also gives for another holder's
 * service (a number belongs to one service).
 *
 * Schemes are recognised by the scheme table (data/schemes.json), whole
 * names only: ISO/IEC 27017:2015, ISMS-CLS and JIS Q 27017 (its identical
 * Japanese adoption, `equivalent_to`) are ISO/IEC 27017; ISMAP-LIU is a
 * different list and counts only where the profile accepts it. A scheme
 * the table does not know is a diagnostic and can only be confirmed by a
 * person: it is never taken as accepted, nor as refused.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

enum scheme_verdict { SCHEME_ACCEPTED, SCHEME_REFUSED, SCHEME_UNKNOWN };

/* Whether the profile accepts `s`: itself, or the scheme it adopts. The
 * profile's entries are read through the table too, so a profile may
 * write any name of a scheme. */
static bool profile_accepts(struct cv_check *ck, const struct cv_scheme *s)
{
    const struct cv_name_tables *t = &ck->req->crit->tables.names;
    const struct cv_node *acc = cv_check_param(ck, "accepted"), *e;
    for (e = acc ? acc->first : NULL; e; e = e->next) {
        const struct cv_scheme *a;
        if (e->kind != CV_NODE_STRING)
            continue;
        a = cv_names_scheme(t, ck->req->arena, e->text);
        if (a && (a == s || (s->equivalent_to &&
                             strcmp(s->equivalent_to, a->id) == 0)))
            return true;
    }
    return false;
}

static cv_status scheme_unknown(struct cv_check *ck, const struct cv_node *c,
                                const char *scheme)
{
    const struct cv_node *n = cv_node_member(c, "scheme");
    struct cv_loc loc = { ck->req->source, n && n->path ? n->path : c->path,
                          n ? n->line : c->line, n ? n->column : c->column };
    if (!scheme) {
        cv_check_say(ck, CV_L(ck->lang,
                              "? 認証の種類が記載されていない認証があります "
                              "(要確認)",
                              "? a certification names no scheme (to be "
                              "confirmed)"));
        return CV_OK;
    }
    cv_check_say(ck, CV_L(ck->lang,
                          "? 認証「%s」は認証の表にない名称で、認められる認証"
                          "か確認できません (要確認)",
                          "? the certification '%s' is not a scheme of the "
                          "scheme table: whether it is accepted is to be "
                          "confirmed"),
                 scheme);
    return cv_diags_add(ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(ck->lang,
                             "認証 '%s' は認証の表 (schemes.json) にありません",
                             "scheme '%s' is not in the scheme table "
                             "(schemes.json)"),
                        scheme);
}

/* The schemes the profile accepts, as it writes them: "ISMAP、ISO/IEC
 * 27017". */
static void put_accepted(struct cv_strbuf *sb, const struct cv_check *ck)
{
    const struct cv_node *acc = cv_check_param(ck, "accepted"), *e;
    size_t n = 0;
    for (e = acc ? acc->first : NULL; e; e = e->next)
        if (e->kind == CV_NODE_STRING)
            cv_strbuf_printf(sb, "%s%s", n++ ? CV_L(ck->lang, "、", ", ") : "",
                             e->text);
}

static cv_status judge_scheme(enum scheme_verdict *out, struct cv_check *ck,
                              const struct cv_node *c)
{
    const char *scheme = cv_node_str(c, "scheme");
    const struct cv_scheme *s =
        scheme ? cv_names_scheme(&ck->req->crit->tables.names,
                                 ck->req->arena, scheme)
               : NULL;
    struct cv_strbuf acc;
    if (!s) {
        *out = SCHEME_UNKNOWN;
        return scheme_unknown(ck, c, scheme);
    }
    *out = profile_accepts(ck, s) ? SCHEME_ACCEPTED : SCHEME_REFUSED;
    if (*out != SCHEME_REFUSED)
        return CV_OK;
    cv_strbuf_init(&acc, 0);
    put_accepted(&acc, ck);
    cv_check_say(ck,
                 CV_L(ck->lang,
                      "認証「%s」%s%s%sは、このプロファイルで認められる認証 "
                      "(%s) ではないため数えません",
                      "the certification '%s'%s%s%s is not one this profile "
                      "accepts (%s), so it does not count"),
                 scheme, strcmp(scheme, s->id) ? " (" : "",
                 strcmp(scheme, s->id) ? s->id : "",
                 strcmp(scheme, s->id) ? ")" : "", acc.ptr);
    cv_strbuf_release(&acc);
    return cv_strbuf_status(&ck->reason);
}

/* A submission with more certifications than this is not cross-checked
 * for a number given twice (every pair would be compared): its entries
 * can only be confirmed by a person. Real submissions list a handful. */
#define CV_CERT_CROSS_CHECK_MAX 1000

/* What the cross-check compares of one certification, folded once per
 * check rather than once per pair (3 000 entries with one number took a
 * minute when every pair folded its names again). */
struct cert_key {
    const char *id;                /* cv_names_key of the number, or NULL */
    const struct cv_scheme *scheme;
    bool has_holder, has_scope;
    const char *holder, *scope;    /* cv_names_fold */
};

struct cert_keys {
    struct cert_key *k;
    size_t n;
    bool over; /* more than CV_CERT_CROSS_CHECK_MAX: not cross-checked */
};

static cv_status fold_or_fail(const char **out, struct cv_arena *a,
                              const char *s)
{
    *out = s ? cv_names_fold(a, s) : NULL;
    return s && !*out ? CV_ENOMEM : CV_OK;
}

static cv_status cert_keys_build(struct cert_keys *ks, struct cv_check *ck,
                                 const struct cv_node *certs)
{
    const struct cv_name_tables *t = &ck->req->crit->tables.names;
    struct cv_arena *a = ck->req->arena;
    const struct cv_node *c;
    size_t i = 0;
    memset(ks, 0, sizeof(*ks));
    if (certs->count > CV_CERT_CROSS_CHECK_MAX) {
        ks->over = true;
        return CV_OK;
    }
    ks->k = cv_arena_calloc(a, certs->count, sizeof(*ks->k));
    if (!ks->k)
        return CV_ENOMEM;
    for (c = certs->first; c; c = c->next, i++) {
        struct cert_key *k = &ks->k[i];
        const char *id = cv_node_str(c, "id");
        const char *holder = cv_node_str(c, "holder");
        const char *scope = cv_node_str(c, "scope");
        k->id = id ? cv_names_key(a, id, strlen(id)) : NULL;
        if (id && !k->id)
            return CV_ENOMEM;
        k->scheme = cv_names_scheme(t, a, cv_node_str(c, "scheme"));
        k->has_holder = holder != NULL;
        k->has_scope = scope != NULL;
        if (fold_or_fail(&k->holder, a, holder) != CV_OK ||
            fold_or_fail(&k->scope, a, scope) != CV_OK)
            return CV_ENOMEM;
    }
    ks->n = i;
    return CV_OK;
}

static bool same_party(bool x_given, const char *x, bool y_given,
                       const char *y)
{
    return (!x_given && !y_given) || cv_names_match_folded(x, y);
}

/* Another entry of the submission with the same scheme and number as
 * entry `i` but another holder or scope: its index, or -1. */
static long number_shared(const struct cert_keys *ks, size_t i)
{
    const struct cert_key *c = &ks->k[i];
    size_t j;
    if (!c->id || !*c->id || !c->scheme)
        return -1;
    for (j = 0; j < ks->n; j++) {
        const struct cert_key *d = &ks->k[j];
        if (j == i || !d->id || strcmp(d->id, c->id) != 0 ||
            d->scheme != c->scheme)
            continue;
        if (!same_party(c->has_holder, c->holder, d->has_holder, d->holder) ||
            !same_party(c->has_scope, c->scope, d->has_scope, d->scope))
            return (long)j;
    }
    return -1;
}

/* The j-th certification node. */
static const struct cv_node *cert_at(const struct cv_node *certs, size_t j)
{
    const struct cv_node *d = certs->first;
    while (d && j--)
        d = d->next;
    return d;
}

enum cert_judgement { CERT_OK, CERT_UNSURE, CERT_BAD };

static enum cert_judgement judge_facts(struct cv_check *ck,
                                       const struct cv_node *c,
                                       const struct cert_keys *ks, size_t index)
{
    const struct cv_node *doc = ck->req->doc;
    struct cv_arena *a = ck->req->arena;
    cv_lang lang = ck->lang;
    const char *scheme = cv_node_str(c, "scheme");
    const char *id = cv_node_str(c, "id");
    const char *holder = cv_node_str(c, "holder");
    const char *scope = cv_node_str(c, "scope");
    const char *until = cv_node_str(c, "valid_until");
    const char *from = cv_node_str(c, "valid_from");
    const char *vendor = cv_node_str(doc, "vendor.name");
    const char *service = cv_node_str(doc, "service.name");
    const char *iaas = cv_node_str(doc, "service.underlying_cloud.name");
    const char *iaas_prov =
        cv_node_str(doc, "service.underlying_cloud.provider");
    cv_day as_of = ck->req->as_of, d;
    const struct cv_node *other;
    long shared;
    bool covers, iaas_only;
    char subj[256];

    /* "ISMAP (C23-0187-1)": the certification as the vendor names it. */
    snprintf(subj, sizeof(subj), "%s%s%s%s", scheme ? scheme : "?",
             id ? " (" : "", id ? id : "", id ? ")" : "");
    if (!until || !cv_date_parse_iso(until, strlen(until), &d)) {
        cv_check_say(ck, CV_L(lang, "? %s の有効期限の記載がありません (要確認)",
                              "? %s: no expiry date is given (to be "
                              "confirmed)"),
                     subj);
        return CERT_UNSURE;
    }
    if (d < as_of) {
        char day[11];
        cv_date_format(as_of, day);
        cv_check_say(ck,
                     CV_L(lang, "✗ %s の有効期限 %s は評価日 %s より前で、"
                                "失効しています (要件: 評価日に有効)",
                          "✗ %s expired on %s, before the evaluation date %s "
                          "(required: valid on that date)"),
                     subj, until, day);
        return CERT_BAD;
    }
    if (from && cv_date_parse_iso(from, strlen(from), &d) && d > as_of) {
        cv_check_say(ck, CV_L(lang, "✗ %s の有効期間は %s からで、評価日には"
                                    "まだ有効ではありません",
                              "✗ %s is valid only from %s, after the "
                              "evaluation date"),
                     subj, from);
        return CERT_BAD;
    }
    covers = (scope && cv_names_match(a, scope, service)) ||
             (!scope && holder && cv_names_match(a, holder, vendor));
    iaas_only = !covers &&
                ((holder && iaas_prov && cv_names_match(a, holder, iaas_prov)) ||
                 (scope && iaas && cv_names_match(a, scope, iaas)) ||
                 (holder && iaas && cv_names_match(a, holder, iaas)));
    if (iaas_only) {
        cv_check_say(ck,
                     CV_L(lang,
                          "✗ %s の保有者「%s」・範囲「%s」は基盤クラウドのもの"
                          "で、提供サービス「%s」自体の認証ではありません "
                          "(要件: 提供サービス自体の認証)",
                          "✗ %s: holder '%s' and scope '%s' are the "
                          "underlying cloud's, not the offered service '%s' "
                          "(required: the service's own certification)"),
                     subj, holder ? holder : "?", scope ? scope : "?",
                     service ? service : "?");
        return CERT_BAD;
    }
    if (!covers) {
        cv_check_say(ck,
                     CV_L(lang,
                          "? %s の範囲「%s」(保有者「%s」) に提供サービス「%s」"
                          "が含まれるか確認できません (要確認)",
                          "? %s: scope '%s' (holder '%s') does not name the "
                          "offered service '%s' (to be confirmed)"),
                     subj, scope ? scope : "?", holder ? holder : "?",
                     service ? service : "?");
        return CERT_UNSURE;
    }
    if (ks->over) {
        cv_check_say(ck,
                     CV_L(lang,
                          "? %s: 認証の記載が %zu 件を超えるため、登録番号が"
                          "別の認証にも記載されていないかを確かめていません"
                          " (要確認)",
                          "? %s: with more than %zu certifications listed, "
                          "whether its number is also given for another "
                          "certification was not checked (to be confirmed)"),
                     subj, (size_t)CV_CERT_CROSS_CHECK_MAX);
        return CERT_UNSURE;
    }
    shared = number_shared(ks, index);
    other = shared >= 0 ? cert_at(cv_node_lookup(doc, "certifications"),
                                  (size_t)shared)
                        : NULL;
    if (other) {
        cv_check_at(ck, other);
        cv_check_say(ck,
                     CV_L(lang,
                          "✗ %s の登録番号は、保有者「%s」・範囲「%s」の別の"
                          "認証にも記載されています。登録番号は一つのサービス"
                          "のものであり、提供サービス自体の登録とは認められ"
                          "ません",
                          "✗ %s: the same registration number is also given "
                          "for another certification (holder '%s', scope "
                          "'%s'); a number belongs to one service, so the "
                          "offered service has no registration of its own"),
                     subj,
                     cv_node_str(other, "holder") ? cv_node_str(other, "holder")
                                                  : "?",
                     cv_node_str(other, "scope") ? cv_node_str(other, "scope")
                                                 : "?");
        return CERT_BAD;
    }
    cv_check_say(ck, CV_L(lang, "✓ %s は %s まで有効で、提供サービスを対象と"
                                "しています",
                          "✓ %s is valid until %s and covers the offered "
                          "service"),
                 subj, until);
    return CERT_OK;
}

/* The registry's word on certifications[index] (eval_registry.c). A
 * number the list does not confirm cannot make the service certified; a
 * list that was not consulted is said so, not passed over in silence. */
static enum cert_judgement judge_registry(struct cv_check *ck, size_t index)
{
    const struct cv_eval_req *req = ck->req;
    size_t i;
    for (i = 0; i < req->nregchecks; i++) {
        const struct cv_regcheck *rc = &req->regchecks[i];
        if (rc->index != index)
            continue;
        cv_check_say(ck, "%s", rc->message);
        switch (rc->outcome) {
        case CV_REGCHK_NOT_CHECKED:
        case CV_REGCHK_REGISTERED:
            return CERT_OK;
        case CV_REGCHK_NO_NUMBER:
        case CV_REGCHK_PROVIDER_MISMATCH:
        case CV_REGCHK_EXPIRY_UNKNOWN:
            return CERT_UNSURE;
        case CV_REGCHK_NOT_FOUND:
        case CV_REGCHK_OTHER_SERVICE:
        case CV_REGCHK_SCHEME_MISMATCH:
        case CV_REGCHK_EXPIRED:
        case CV_REGCHK_NOT_YET_VALID:
            return CERT_BAD;
        }
    }
    return CERT_OK;
}

static enum cert_judgement judge(struct cv_check *ck, const struct cv_node *c,
                                 const struct cert_keys *ks, size_t index)
{
    enum cert_judgement facts = judge_facts(ck, c, ks, index);
    enum cert_judgement registry = judge_registry(ck, index);
    return facts > registry ? facts : registry;
}

cv_status cv_check_certification(struct cv_check *ck)
{
    const struct cv_node *certs = cv_node_lookup(ck->req->doc,
                                                 "certifications");
    const struct cv_node *c;
    size_t i = 0, considered = 0;
    enum cert_judgement best = CERT_BAD;
    cv_status st = CV_OK;

    struct cert_keys ks;

    if (!certs || certs->count == 0)
        return CV_OK; /* no facts */
    st = cert_keys_build(&ks, ck, certs);
    for (c = certs->first; c && st == CV_OK; c = c->next, i++) {
        enum scheme_verdict v;
        enum cert_judgement j;
        cv_check_at(ck, c);
        st = judge_scheme(&v, ck, c);
        if (st != CV_OK || v == SCHEME_REFUSED)
            continue;
        considered++;
        /* An unknown scheme is for a person to confirm, whatever else the
         * entry says. */
        j = v == SCHEME_UNKNOWN ? CERT_UNSURE : judge(ck, c, &ks, i);
        if (j < best)
            best = j;
    }
    if (st != CV_OK)
        return st;
    /* Unsure is not partial: nothing shows the requirement fails, so a
     * `yes` is claimed (a person confirms), never contradicted. */
    ck->facts = considered == 0      ? CV_FACTS_NOT_MET
                : best == CERT_OK     ? CV_FACTS_MET
                : best == CERT_UNSURE ? CV_FACTS_UNVERIFIED
                                      : CV_FACTS_NOT_MET;
    return cv_strbuf_status(&ck->reason);
}
