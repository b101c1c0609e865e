/* SPDX-License-Identifier: MIT */
/*
 * eval_jurisdiction.c: the `jurisdiction` check (5(1)③ law and court).
 *
 * Governing law must be the home country (a profile parameter) and the
 * agreed court one of that country's courts: a name of the court table
 * (criteria/data/courts.json: every court of Japan with its branches,
 * abbreviations and English names), matched whole after NFKC. A court
 * named with a foreign place (「ニューヨーク州地方裁判所」) is not a court
 * of Japan: not met. Any other text the table does not hold is unknown: a
 * diagnostic at the court, and a person confirms it (claimed when the
 * answer is yes, not met otherwise), never a refutation.
 */
#include <stdio.h>
#include <string.h>

#include "eval.h"

#define LAW "data_location.governing_law"
#define COURT "data_location.court"

static void judge_law(struct cv_check *ck, const char *law, const char *home)
{
    cv_lang lang = ck->lang;
    const char *what = cv_check_label(ck, LAW);
    cv_check_at(ck, cv_node_lookup(ck->req->doc, LAW));
    if (!law) {
        cv_check_say(ck, CV_L(lang, "? %sの記載がありません (要件: %s法。要確認)",
                              "? the %s is not stated (required: the law of "
                              "%s; to be confirmed)"),
                     what, cv_check_country(ck, home));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return;
    }
    if (strcmp(law, home) == 0) {
        cv_check_say(ck, CV_L(lang, "✓ %sは%s法で、要件を満たしています",
                              "✓ the %s is the law of %s, as required"),
                     what, cv_check_country(ck, law));
        cv_check_worsen(ck, CV_FACTS_MET);
        return;
    }
    cv_check_say(ck, CV_L(lang, "✗ %sは%s法で、要件 (%s法) を満たしていません",
                          "✗ the %s is the law of %s, not of %s as "
                          "required"),
                 what, cv_check_country(ck, law), cv_check_country(ck, home));
    cv_check_worsen(ck, CV_FACTS_NOT_MET);
}

static cv_status court_unknown(struct cv_check *ck, const char *court,
                               const char *home)
{
    const struct cv_node *n = cv_node_lookup(ck->req->doc, COURT);
    struct cv_loc loc = { ck->req->source, n ? n->path : "", n ? n->line : 0,
                          n ? n->column : 0 };
    cv_lang lang = ck->lang;
    cv_check_say(ck, CV_L(lang, "? %s「%s」は裁判所の表にない名称で、%sの裁判所"
                                "か確認できません (要確認)",
                          "? the %s '%s' is not a name in the court table; "
                          "whether it is a court of %s is to be confirmed"),
                 cv_check_label(ck, COURT), court, cv_check_country(ck, home));
    cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
    return cv_diags_add(ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(lang,
                             "合意管轄裁判所 '%s' は裁判所の表にありません"
                             " (正式名称・略称・支部名で記載してください)",
                             "court '%s' is not in the court table (write "
                             "the court's name, abbreviation or branch)"),
                        court);
}

static cv_status judge_court(struct cv_check *ck, const char *court,
                             const char *home)
{
    const struct cv_name_tables *t = &ck->req->crit->tables.names;
    struct cv_arena *a = ck->req->arena;
    cv_lang lang = ck->lang;
    const char *what = cv_check_label(ck, COURT);
    const char *country = cv_check_country(ck, home);
    const struct cv_court_name *found;
    cv_check_at(ck, cv_node_lookup(ck->req->doc, COURT));
    if (!court) {
        cv_check_say(ck, CV_L(lang, "? %sの記載がありません (要件: %sの裁判所。"
                                    "要確認)",
                              "? the %s is not stated (required: a court of "
                              "%s; to be confirmed)"),
                     what, country);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return CV_OK;
    }
    found = strcmp(t->court_country, home) == 0
                ? cv_names_court(t, a, court)
                : NULL;
    if (found) {
        /* The court's full name only when the vendor wrote it otherwise
         * (東京地裁 → 東京地方裁判所). */
        char full[256] = "";
        if (strcmp(court, found->name) != 0)
            snprintf(full, sizeof(full), CV_L(lang, "(%s) ", " (%s)"),
                     found->name);
        cv_check_say(ck, CV_L(lang, "✓ %sは「%s」%sで、%sの裁判所です",
                              "✓ the %s is '%s'%s, a court of %s"),
                     what, court, full, country);
        cv_check_worsen(ck, CV_FACTS_MET);
        return CV_OK;
    }
    if (cv_names_foreign_court(t, a, court)) {
        cv_check_say(ck, CV_L(lang, "✗ %sは「%s」で、%sの裁判所ではありません "
                                    "(要件: %sの裁判所)",
                              "✗ the %s is '%s', a court outside %s (required: "
                              "a court of %s)"),
                     what, court, country, country);
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
        return CV_OK;
    }
    return court_unknown(ck, court, home);
}

cv_status cv_check_jurisdiction(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *homep = cv_check_param(ck, "home");
    const char *law = cv_node_str(doc, LAW);
    const char *court = cv_node_str(doc, COURT);
    const char *home = homep ? homep->text : NULL;
    cv_status st;

    if (!law && !court)
        return CV_OK;
    if (!home) { /* the catalogue names no home country: nothing to judge by */
        cv_check_say(ck, CV_L(ck->lang, "? 基準に国内とする国の指定がありません",
                              "? the criterion names no home country"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    }
    judge_law(ck, law, home);
    st = judge_court(ck, court, home);
    return st != CV_OK ? st : cv_strbuf_status(&ck->reason);
}
