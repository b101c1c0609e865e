/* SPDX-License-Identifier: MIT */
/*
 * eval_cert.c: the `certification` check.
 *
 * Met when one certification of an accepted scheme (a profile parameter,
 * ISMAP or ISO/IEC 27017 by default) is valid on the evaluation date and
 * is the offered service's own: its scope names the service, or its holder
 * is the vendor. A registration held by the underlying IaaS provider, or
 * scoped to the IaaS, does not make a SaaS certified (5(1)①); ISMAP-LIU is
 * a different list and counts only where the profile accepts it.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

/* "ISO/IEC 27017:2015" is ISO/IEC 27017; "ISMAP-LIU" is not ISMAP. */
static bool scheme_is(struct cv_arena *a, const char *scheme,
                      const char *accepted)
{
    char *s = cv_fold_key(a, scheme, strlen(scheme));
    char *w = cv_fold_key(a, accepted, strlen(accepted));
    size_t n;
    if (!s || !w)
        return false;
    n = strlen(w);
    return strncmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ':');
}

static const char *accepted_scheme(struct cv_check *ck, const char *scheme)
{
    const struct cv_node *acc = cv_check_param(ck, "accepted"), *e;
    for (e = acc ? acc->first : NULL; e && scheme; e = e->next)
        if (e->kind == CV_NODE_STRING &&
            scheme_is(ck->req->arena, scheme, e->text))
            return e->text;
    return NULL;
}

enum cert_judgement { CERT_OK, CERT_UNSURE, CERT_BAD };

static enum cert_judgement judge_facts(struct cv_check *ck,
                                       const struct cv_node *c, size_t index)
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
    bool covers, iaas_only;

    cv_check_say(ck, "certifications[%zu] %s %s", index, scheme ? scheme : "?",
                 id ? id : "");
    if (!until || !cv_date_parse_iso(until, strlen(until), &d)) {
        cv_check_say(ck, CV_L(lang, "有効期限 (valid_until) の記載がありません",
                              "no expiry date (valid_until) given"));
        return CERT_UNSURE;
    }
    if (d < as_of) {
        char day[11];
        cv_date_format(as_of, day);
        cv_check_say(ck,
                     CV_L(lang, "有効期限 %s は評価日 %s より前です (失効)",
                          "expired on %s, before the evaluation date %s"),
                     until, day);
        return CERT_BAD;
    }
    if (from && cv_date_parse_iso(from, strlen(from), &d) && d > as_of) {
        cv_check_say(ck, CV_L(lang, "有効期間の開始 %s は評価日より後です",
                              "valid only from %s, after the evaluation "
                              "date"),
                     from);
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
                          "保有者 '%s'・範囲 '%s' は基盤クラウドのものであり、"
                          "提供サービス '%s' 自体の認証ではありません",
                          "holder '%s' and scope '%s' are the underlying "
                          "cloud's, not the offered service '%s'"),
                     holder ? holder : "?", scope ? scope : "?",
                     service ? service : "?");
        return CERT_BAD;
    }
    if (!covers) {
        cv_check_say(ck,
                     CV_L(lang,
                          "範囲 '%s' (保有者 '%s') に提供サービス '%s' が"
                          "含まれるか確認できません",
                          "scope '%s' (holder '%s') does not name the "
                          "offered service '%s'"),
                     scope ? scope : "?", holder ? holder : "?",
                     service ? service : "?");
        return CERT_UNSURE;
    }
    cv_check_say(ck, CV_L(lang, "有効期限 %s まで有効で、提供サービスを対象と"
                                "しています",
                          "valid until %s and covers the offered service"),
                 until);
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
                                 size_t index)
{
    enum cert_judgement facts = judge_facts(ck, c, index);
    enum cert_judgement registry = judge_registry(ck, index);
    return facts > registry ? facts : registry;
}

cv_status cv_check_certification(struct cv_check *ck)
{
    const struct cv_node *certs = cv_node_lookup(ck->req->doc,
                                                 "certifications");
    const struct cv_node *c;
    cv_lang lang = ck->lang;
    size_t i = 0, considered = 0;
    enum cert_judgement best = CERT_BAD;

    if (!certs || certs->count == 0)
        return CV_OK; /* no facts */
    for (c = certs->first; c; c = c->next, i++) {
        const char *scheme = cv_node_str(c, "scheme");
        enum cert_judgement j;
        if (!accepted_scheme(ck, scheme)) {
            cv_check_say(ck,
                         CV_L(lang,
                              "certifications[%zu] %s はこのプロファイルで"
                              "認められる認証ではありません",
                              "certifications[%zu] %s is not a scheme this "
                              "profile accepts"),
                         i, scheme ? scheme : "?");
            continue;
        }
        considered++;
        j = judge(ck, c, i);
        if (j < best)
            best = j;
    }
    if (considered == 0)
        ck->facts = CV_FACTS_NOT_MET;
    else
        ck->facts = best == CERT_OK     ? CV_FACTS_MET
                    : best == CERT_UNSURE ? CV_FACTS_PARTIAL
                                          : CV_FACTS_NOT_MET;
    return cv_strbuf_status(&ck->reason);
}
