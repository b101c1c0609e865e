/* SPDX-License-Identifier: MIT */
/*
 * eval_mfa.c: the `mfa` check (5(2)② MFA including biometrics).
 *
 * 5(2) is about the terminals that administer and operate the service
 * (管理運用端末): its MFA covers the accounts that administer and operate
 * it. Whose logins must use MFA is the profile's `scope` parameter, a
 * value of the check's `scope_order` (the questionnaire's scopes,
 * narrowest first): a stated scope covers the required one when it comes
 * at the same place or later, so `all_users` covers `administrators` and
 * a municipality that requires `all_users` gets only that.
 *
 * Factor names map to kinds through criteria/data/mfa-factors.json. A
 * name the table does not know is a warning where it is written and
 * counts for nothing; when such a name could make up what is missing, the
 * result is unverified (a person confirms it), never a refutation.
 * Every number and switch comes from the catalogue and the profile, bound
 * and type-checked at load (check_kinds.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

#define MAX_KINDS 8

struct factors {
    const char *kinds[MAX_KINDS]; /* distinct kinds of the known factors */
    size_t nkinds;
    size_t unknown;               /* names the table does not know */
    bool biometric;
};

static const struct cv_mfa_factor *find_factor(const struct cv_check *ck,
                                               const char *name)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    char *key = cv_fold_key(ck->req->arena, name, strlen(name));
    size_t i, k;
    for (i = 0; key && i < t->nfactors; i++)
        for (k = 0; k < t->factors[i].nkeys; k++)
            if (strcmp(t->factors[i].keys[k], key) == 0)
                return &t->factors[i];
    return NULL;
}

static cv_status warn_node(const struct cv_check *ck, const struct cv_node *n,
                           const char *fmt, ...) CV_PRINTF(3, 4);

/* A warning located at `n` of the submission. */
static cv_status warn_node(const struct cv_check *ck, const struct cv_node *n,
                           const char *fmt, ...)
{
    struct cv_loc loc = { ck->req->source, n->path, n->line, n->column };
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                       fmt, ap);
    va_end(ap);
    return st;
}

#define warn_at(ck, n, ja, en, arg)                                           \
    warn_node((ck), (n), CV_L((ck)->lang, ja, en), (arg))

static void add_kind(struct factors *f, const char *kind)
{
    size_t i;
    for (i = 0; i < f->nkinds; i++)
        if (strcmp(f->kinds[i], kind) == 0)
            return;
    if (f->nkinds < MAX_KINDS)
        f->kinds[f->nkinds++] = kind;
}

static cv_status read_factors(struct factors *out, const struct cv_check *ck,
                              const struct cv_node *list)
{
    const struct cv_node *f;
    memset(out, 0, sizeof(*out));
    for (f = list ? list->first : NULL; f; f = f->next) {
        const struct cv_mfa_factor *fac;
        if (f->kind != CV_NODE_STRING)
            continue;
        fac = find_factor(ck, f->text);
        if (!fac) {
            cv_status st = warn_at(ck, f,
                                   "未知の認証要素 '%s' (要素の種類に数えません)",
                                   "unknown MFA factor '%s' (not counted)",
                                   f->text);
            if (st != CV_OK)
                return st;
            out->unknown++;
            continue;
        }
        add_kind(out, fac->kind);
        out->biometric |= strcmp(fac->kind, "biometric") == 0;
    }
    return CV_OK;
}

/* Kinds and biometric: not met when the known factors fall short and no
 * unknown name could make up the difference; unverified when one could. */
static void judge_factors(struct cv_check *ck, const struct factors *f)
{
    double want = cv_check_param(ck, "min_kinds")->number;
    bool need_bio = cv_check_param(ck, "biometric")->boolean;
    cv_lang lang = ck->lang;
    bool kinds_ok = (double)f->nkinds >= want;
    bool bio_ok = !need_bio || f->biometric;

    cv_check_say(ck, kinds_ok
                         ? CV_L(lang, "✓ %sの種類は %zu 種類で、要件 (%g 種類"
                                      "以上) を満たしています",
                                "✓ %s of %zu kinds, which meets the "
                                "requirement (at least %g)")
                         : CV_L(lang, "✗ %sの種類は %zu 種類で、要件 (%g 種類"
                                      "以上) を満たしていません",
                                "✗ %s of %zu kinds, which does not meet the "
                                "requirement (at least %g)"),
                 cv_check_label(ck, "access_control.mfa.factors"), f->nkinds,
                 want);
    if (need_bio)
        cv_check_say(ck, f->biometric
                             ? CV_L(lang, "✓ 生体認証を含み、要件を満たして"
                                          "います",
                                    "✓ includes a biometric factor, as "
                                    "required")
                             : CV_L(lang, "✗ 生体認証を含みません (要件: "
                                          "生体認証を含むこと)",
                                    "✗ no biometric factor (required: a "
                                    "biometric factor)"));
    if (kinds_ok && bio_ok)
        return;
    if (f->unknown > 0 && (double)(f->nkinds + f->unknown) >= want) {
        cv_check_say(ck, CV_L(lang,
                              "? 表にない認証要素 %zu 件の種類を確認できません "
                              "(要確認)",
                              "? the kind of %zu factor(s) not in the table "
                              "cannot be determined (to be confirmed)"),
                     f->unknown);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return;
    }
    cv_check_worsen(ck, CV_FACTS_NOT_MET);
}

/* Place of `scope` in the check's scope_order, or -1. */
static long scope_place(const struct cv_check *ck, const char *scope)
{
    const struct cv_node *e = cv_check_param(ck, "scope_order")->first;
    long i;
    for (i = 0; e && scope; e = e->next, i++)
        if (strcmp(e->text, scope) == 0)
            return i;
    return -1;
}

#define SCOPE "access_control.mfa.scope"

static cv_status judge_scope(struct cv_check *ck, const struct cv_node *mfa)
{
    const char *need = cv_check_param(ck, "scope")->text;
    const struct cv_node *stated = cv_node_member(mfa, "scope");
    const char *scope = stated && stated->kind == CV_NODE_STRING
                            ? stated->text
                            : NULL;
    long have = scope_place(ck, scope), want = scope_place(ck, need);
    cv_lang lang = ck->lang;

    const char *what = cv_check_label(ck, "access_control.mfa.scope");
    const char *need_w = cv_check_value_label(ck, SCOPE, need);
    cv_check_at(ck, stated);
    if (!scope) {
        cv_check_say(ck, CV_L(lang, "? %sの記載がなく、要件 (%s) に及ぶか確認"
                                    "できません (要確認)",
                              "? no %s is given: whether it covers the "
                              "requirement (%s) cannot be confirmed"),
                     what, need_w);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return CV_OK;
    }
    if (have < 0) {
        cv_check_say(ck, CV_L(lang, "? %s「%s」を判断できません (要確認)",
                              "? the %s '%s' cannot be placed (to be "
                              "confirmed)"),
                     what, scope);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return warn_at(ck, stated, "未知の対象範囲 '%s'",
                       "unknown MFA scope '%s'", scope);
    }
    cv_check_say(ck, have >= want
                         ? CV_L(lang, "✓ %sは%sで、要件 (%s) を満たしています",
                                "✓ the %s is %s, which covers the "
                                "requirement (%s)")
                         : CV_L(lang, "✗ %sは%sで、要件 (%s) に及びません",
                                "✗ the %s is %s, which does not cover the "
                                "requirement (%s)"),
                 what, cv_check_value_label(ck, SCOPE, scope), need_w);
    if (have < want)
        cv_check_worsen(ck, CV_FACTS_PARTIAL);
    return CV_OK;
}

cv_status cv_check_mfa(struct cv_check *ck)
{
    const struct cv_node *mfa = cv_node_lookup(ck->req->doc,
                                               "access_control.mfa");
    struct factors f;
    bool required = false, has_required;
    cv_status st;

    if (!mfa)
        return CV_OK;
    has_required = cv_node_bool(mfa, "required", &required);
    st = read_factors(&f, ck, cv_node_member(mfa, "factors"));
    if (st != CV_OK)
        return st;
    ck->facts = CV_FACTS_MET;
    cv_check_at(ck, cv_node_member(mfa, "required"));
    cv_check_at(ck, cv_node_member(mfa, "factors"));
    if (required)
        cv_check_say(ck, CV_L(ck->lang, "✓ %sは必須とされています",
                              "✓ %s is mandatory"),
                     cv_check_label(ck, "access_control.mfa"));
    else
        cv_check_say(ck, has_required
                             ? CV_L(ck->lang, "✗ %sは必須とされていません "
                                              "(要件: 必須)",
                                    "✗ %s is not mandatory (required: "
                                    "mandatory)")
                             : CV_L(ck->lang, "✗ %sを必須とするかの記載が"
                                              "ありません (要件: 必須)",
                                    "✗ whether %s is mandatory is not "
                                    "stated (required: mandatory)"),
                     cv_check_label(ck, "access_control.mfa"));
    if (!required)
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
    judge_factors(ck, &f);
    st = judge_scope(ck, mfa);
    if (st == CV_OK)
        st = cv_strbuf_status(&ck->reason);
    return st;
}
