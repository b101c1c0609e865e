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

/* The first method of `kind` whose term the folded text contains. */
static const struct cv_deletion_method *
find_kind(const struct cv_tables *t, const char *folded,
          enum cv_deletion_kind kind)
{
    size_t i, k;
    for (i = 0; i < t->ndeletion_methods; i++) {
        const struct cv_deletion_method *m = &t->deletion_methods[i];
        if (m->kind != kind)
            continue;
        for (k = 0; k < m->nterms; k++)
            if (strstr(folded, m->terms[k]))
                return m;
    }
    return NULL;
}

static cv_status unknown_method(struct cv_check *ck, const struct cv_node *n)
{
    struct cv_loc loc = { ck->req->source, n->path, n->line, n->column };
    cv_check_say(ck, CV_L(ck->lang,
                          "? exit.deletion.method '%s': 消去の方法として識別"
                          "できません (復元できない消去かどうか要確認)",
                          "? exit.deletion.method '%s': not recognised as a "
                          "deletion method (whether it is irrecoverable is "
                          "to be confirmed)"),
                 n->text);
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
    const struct cv_deletion_method *m;
    char *folded;

    if (!n || n->kind != CV_NODE_STRING || n->text_len == 0) {
        cv_check_say(ck, CV_L(lang, "? exit.deletion.method: 記載がありません",
                              "? exit.deletion.method: not stated"));
        *out = F_REVIEW;
        return CV_OK;
    }
    folded = cv_fold_key(ck->req->arena, n->text, n->text_len);
    if (!folded)
        return CV_ENOMEM;
    if ((m = find_kind(t, folded, CV_DELETION_IRRECOVERABLE)) != NULL) {
        cv_check_say(ck, CV_L(lang, "✓ exit.deletion.method = %s (%s: 復元"
                                    "できない消去)",
                              "✓ exit.deletion.method = %s (%s: erased "
                              "beyond recovery)"),
                     n->text, m->name);
        *out = F_OK;
    } else if ((m = find_kind(t, folded, CV_DELETION_LOGICAL)) != NULL) {
        cv_check_say(ck, CV_L(lang, "✗ exit.deletion.method = %s (%s: データ"
                                    "が媒体に残るため、復元できない消去では"
                                    "ありません)",
                              "✗ exit.deletion.method = %s (%s: the data "
                              "stays on the media, so it is not erased "
                              "beyond recovery)"),
                     n->text, m->name);
        *out = F_BAD;
    } else if ((m = find_kind(t, folded, CV_DELETION_STANDARD)) != NULL) {
        cv_check_say(ck, CV_L(lang, "✓ exit.deletion.method = %s (%s に従う"
                                    "消去)",
                              "✓ exit.deletion.method = %s (sanitization "
                              "per %s)"),
                     n->text, m->name);
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
    if (!cv_node_bool(del, "certificate", &issued)) {
        cv_check_say(ck, CV_L(lang, "? exit.deletion.certificate: 消去を証明"
                                    "する書類の提出が記載されていません",
                              "? exit.deletion.certificate: the document "
                              "proving the deletion is not stated"));
        return F_REVIEW;
    }
    if (!issued) {
        cv_check_say(ck, CV_L(lang, "✗ exit.deletion.certificate = false "
                                    "(消去を証明する書類が提出されません)",
                              "✗ exit.deletion.certificate = false (no "
                              "document proving the deletion)"));
        return F_BAD;
    }
    cv_check_say(ck, "✓ exit.deletion.certificate = true");
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
