/* SPDX-License-Identifier: MIT */
/*
 * eval_deletion.c: the `deletion` check (5(6)①).
 *
 * The clause asks for two things: every record erased so that it cannot
 * be restored, and a document that shows it was. The method is free text,
 * read by the terms of criteria/data/deletion-methods.json: a text that
 * names an irrecoverable technique (cryptographic erase, overwrite,
 * physical destruction …) passes, even after a first logical step
 * ("論理削除後の上書き消去"); one that names only a logical deletion (a
 * flag, a soft delete, an account closed) fails, whatever standard it
 * cites beside it; one that only cites a sanitization standard passes; a
 * text the table cannot place is for a person (a diagnostic, and the
 * result is claimed when answered yes, else not met). The certificate
 * must be stated true: false fails, absent is for a person.
 */
#include <string.h>

#include "../base/unicode.h"
#include "eval_deletion.h"

enum finding { F_OK = 0, F_REVIEW = 1, F_BAD = 2 };

/* The first method of `kind` whose term the folded text contains, and
 * that term (*term), which the reason quotes as the words it read. */
static const struct cv_deletion_method *
find_kind(const struct cv_tables *t, const char *folded,
          enum cv_deletion_kind kind, const char **term)
{
    size_t i, k;
    for (i = 0; i < t->ndeletion_methods; i++) {
        const struct cv_deletion_method *m = &t->deletion_methods[i];
        if (m->kind != kind)
            continue;
        for (k = 0; k < m->nterms; k++)
            if (strstr(folded, m->terms[k])) {
                *term = m->terms[k];
                return m;
            }
    }
    return NULL;
}

#define METHOD "exit.deletion.method"
#define CERTIFICATE "exit.deletion.certificate"

static cv_status unknown_method(struct cv_check *ck, const struct cv_node *n)
{
    struct cv_loc loc = { ck->req->source, n->path, n->line, n->column };
    cv_check_say(ck, CV_L(ck->lang,
                          "? %s「%s」を識別できず、復元できない消去か確認"
                          "できません (要確認)",
                          "? the %s '%s' is not recognised: whether it "
                          "erases beyond recovery is to be confirmed"),
                 cv_check_label(ck, METHOD), n->text);
    return cv_diags_add(ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(ck->lang,
                             "消去の方法 '%s' を識別できません",
                             "deletion method '%s' is not recognised"),
                        n->text);
}

static cv_status judge_method(struct cv_check *ck, const struct cv_node *n,
                              enum finding *out)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    cv_lang lang = ck->lang;
    const char *what = cv_check_label(ck, METHOD);
    const struct cv_deletion_method *m;
    const char *term = NULL;
    char *folded;

    cv_check_at(ck, n);
    if (!n || n->kind != CV_NODE_STRING || n->text_len == 0) {
        cv_check_say(ck, CV_L(lang, "? %sの記載がありません (要件: 復元できない"
                                    "消去。要確認)",
                              "? the %s is not stated (required: erasure "
                              "beyond recovery; to be confirmed)"),
                     what);
        *out = F_REVIEW;
        return CV_OK;
    }
    folded = cv_fold_key(ck->req->arena, n->text, n->text_len);
    if (!folded)
        return CV_ENOMEM;
    if ((m = find_kind(t, folded, CV_DELETION_IRRECOVERABLE, &term))) {
        cv_check_say(ck, CV_L(lang, "✓ %sは「%s」で、「%s」とあるため復元"
                                    "できない消去と読めます",
                              "✓ the %s is '%s': it says '%s', read as %s "
                              "(erased beyond recovery)"),
                     what, n->text, term, CV_L(lang, "", m->name));
        *out = F_OK;
    } else if ((m = find_kind(t, folded, CV_DELETION_LOGICAL, &term))) {
        cv_check_say(ck, CV_L(lang, "✗ %sは「%s」で、「%s」とあるため%s論理"
                                    "削除と読めます。データが媒体に残るため、"
                                    "要件 (復元できない消去) を満たしていません",
                              "✗ the %s is '%s': it says '%s', read as %s: "
                              "the data stays on the media, so it is not the "
                              "required erasure beyond recovery"),
                     what, n->text, term, CV_L(lang, "", m->name));
        *out = F_BAD;
    } else if ((m = find_kind(t, folded, CV_DELETION_STANDARD, &term))) {
        cv_check_say(ck, CV_L(lang, "✓ %sは「%s」で、%s に従う消去と読めます",
                              "✓ the %s is '%s', read as sanitization per "
                              "%s"),
                     what, n->text, m->name);
        *out = F_OK;
    } else {
        *out = F_REVIEW;
        return unknown_method(ck, n);
    }
    return CV_OK;
}

static enum finding judge_certificate(struct cv_check *ck,
                                      const struct cv_node *del)
{
    cv_lang lang = ck->lang;
    bool issued = false;
    cv_check_at(ck, cv_node_member(del, "certificate"));
    if (!cv_node_bool(del, "certificate", &issued)) {
        cv_check_say(ck, CV_L(lang, "? 消去を証明する書類 (%s) の提出が記載"
                                    "されていません (要確認)",
                              "? whether a document proving the deletion "
                              "(%s) is provided is not stated (to be "
                              "confirmed)"),
                     cv_check_label(ck, CERTIFICATE));
        return F_REVIEW;
    }
    if (!issued) {
        cv_check_say(ck, CV_L(lang, "✗ 消去を証明する書類 (%s) は提出されま"
                                    "せん (要件: 提出)",
                              "✗ no document proving the deletion (%s) is "
                              "provided (required: one)"),
                     cv_check_label(ck, CERTIFICATE));
        return F_BAD;
    }
    cv_check_say(ck, CV_L(lang, "✓ 消去を証明する書類 (%s) が提出され、要件を"
                                "満たしています",
                          "✓ a document proving the deletion (%s) is "
                          "provided, as required"),
                 cv_check_label(ck, CERTIFICATE));
    return F_OK;
}

cv_status cv_check_deletion(struct cv_check *ck)
{
    const struct cv_node *del = cv_node_lookup(ck->req->doc, "exit.deletion");
    const struct cv_node *method = cv_node_member(del, "method");
    enum finding fm = F_OK, fc;
    cv_status st;

    if (!del || (!method && !cv_node_member(del, "certificate")))
        return CV_OK; /* no facts: the answer decides */
    st = judge_method(ck, method, &fm);
    if (st != CV_OK)
        return st;
    fc = judge_certificate(ck, del);
    if (fm == F_BAD || fc == F_BAD)
        ck->facts = CV_FACTS_NOT_MET;
    else if (fm == F_REVIEW || fc == F_REVIEW)
        ck->facts = CV_FACTS_UNVERIFIED;
    else
        ck->facts = CV_FACTS_MET;
    return cv_strbuf_status(&ck->reason);
}
