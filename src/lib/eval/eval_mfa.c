/* SPDX-License-Identifier: MIT */
/*
 * eval_mfa.c: the `mfa` check (5(2)② MFA including biometrics).
 * Factor names map to kinds through criteria/data/mfa-factors.json; an
 * unknown name is a warning and counts for nothing.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

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

cv_status cv_check_mfa(struct cv_check *ck)
{
    const struct cv_node *mfa = cv_node_lookup(ck->req->doc,
                                               "access_control.mfa");
    const struct cv_node *factors = cv_node_member(mfa, "factors"), *f;
    const struct cv_node *min_kinds = cv_check_param(ck, "min_kinds");
    const struct cv_node *need_bio = cv_check_param(ck, "biometric");
    const struct cv_node *scope_p = cv_check_param(ck, "scope");
    const char *kinds[8];
    size_t nkinds = 0, i;
    bool required = false, has_required, bio = false;
    const char *scope = cv_node_str(mfa, "scope");
    cv_lang lang = ck->lang;
    double want = min_kinds && min_kinds->kind == CV_NODE_NUMBER
                      ? min_kinds->number
                      : 2;

    if (!mfa)
        return CV_OK;
    has_required = cv_node_bool(mfa, "required", &required);
    for (f = factors ? factors->first : NULL; f; f = f->next) {
        const struct cv_mfa_factor *fac;
        bool seen = false;
        if (f->kind != CV_NODE_STRING)
            continue;
        fac = find_factor(ck, f->text);
        if (!fac) {
            struct cv_loc loc = { ck->req->source, f->path, f->line,
                                  f->column };
            cv_status st = cv_diags_add(
                ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                CV_L(lang, "未知の認証要素 '%s' (要素の種類に数えません)",
                     "unknown MFA factor '%s' (not counted)"),
                f->text);
            if (st != CV_OK)
                return st;
            continue;
        }
        for (i = 0; i < nkinds; i++)
            seen |= strcmp(kinds[i], fac->kind) == 0;
        if (!seen && nkinds < 8)
            kinds[nkinds++] = fac->kind;
        bio |= strcmp(fac->kind, "biometric") == 0;
    }
    cv_check_say(ck, "%s access_control.mfa.required = %s",
                 required ? "✓" : "✗",
                 has_required ? (required ? "true" : "false") : "?");
    cv_check_say(ck, CV_L(lang, "%s 要素の種類 %zu (必要: %g 以上)",
                          "%s %zu kinds of factor (required: at least %g)"),
                 (double)nkinds >= want ? "✓" : "✗", nkinds, want);
    if (need_bio && need_bio->kind == CV_NODE_BOOL && need_bio->boolean)
        cv_check_say(ck, bio ? CV_L(lang, "✓ 生体認証を含みます",
                                    "✓ includes a biometric factor")
                             : CV_L(lang, "✗ 生体認証を含みません",
                                    "✗ no biometric factor"));
    if (!required || (double)nkinds < want ||
        (need_bio && need_bio->boolean && !bio)) {
        ck->facts = CV_FACTS_NOT_MET;
    } else if (scope_p && scope_p->text &&
               (!scope || strcmp(scope, scope_p->text) != 0)) {
        cv_check_say(ck, CV_L(lang, "✗ 対象範囲 %s (必要: %s)",
                              "✗ scope %s (required: %s)"),
                     scope ? scope : "?", scope_p->text);
        ck->facts = CV_FACTS_PARTIAL;
    } else {
        ck->facts = CV_FACTS_MET;
    }
    return cv_strbuf_status(&ck->reason);
}
