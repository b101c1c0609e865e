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

static void judge_law(struct cv_check *ck, const char *law, const char *home)
{
    cv_lang lang = ck->lang;
    if (!law) {
        cv_check_say(ck, CV_L(lang, "準拠法 (governing_law) の記載なし",
                              "governing_law not given"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return;
    }
    if (strcmp(law, home) == 0) {
        cv_check_say(ck, "✓ data_location.governing_law = %s", law);
        cv_check_worsen(ck, CV_FACTS_MET);
        return;
    }
    cv_check_say(ck, CV_L(lang, "✗ data_location.governing_law = %s (%s 法では"
                                "ありません)",
                          "✗ data_location.governing_law = %s (not the law "
                          "of %s)"),
                 law, home);
    cv_check_worsen(ck, CV_FACTS_NOT_MET);
}

static cv_status court_unknown(struct cv_check *ck, const char *court)
{
    const struct cv_node *n =
        cv_node_lookup(ck->req->doc, "data_location.court");
    struct cv_loc loc = { ck->req->source, n ? n->path : "", n ? n->line : 0,
                          n ? n->column : 0 };
    cv_lang lang = ck->lang;
    cv_check_say(ck, CV_L(lang, "? data_location.court = %s (裁判所の表にない"
                                "名称です。日本の裁判所か要確認)",
                          "? data_location.court = %s (not a name of the "
                          "court table; whether it is a court of Japan is "
                          "to be confirmed)"),
                 court);
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
    const struct cv_court_name *found;
    if (!court) {
        cv_check_say(ck, CV_L(lang, "合意管轄裁判所 (court) の記載なし",
                              "court not given"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return CV_OK;
    }
    found = strcmp(t->court_country, home) == 0
                ? cv_names_court(t, a, court)
                : NULL;
    if (found) {
        cv_check_say(ck, CV_L(lang, "✓ data_location.court = %s (%s: 日本の"
                                    "裁判所)",
                              "✓ data_location.court = %s (%s, a court of "
                              "Japan)"),
                     court, found->name);
        cv_check_worsen(ck, CV_FACTS_MET);
        return CV_OK;
    }
    if (cv_names_foreign_court(t, a, court)) {
        cv_check_say(ck, CV_L(lang, "✗ data_location.court = %s (国外の裁判所"
                                    "です)",
                              "✗ data_location.court = %s (a court outside "
                              "the home country)"),
                     court);
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
        return CV_OK;
    }
    return court_unknown(ck, court);
}

cv_status cv_check_jurisdiction(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *homep = cv_check_param(ck, "home");
    const char *law = cv_node_str(doc, "data_location.governing_law");
    const char *court = cv_node_str(doc, "data_location.court");
    const char *home = homep ? homep->text : NULL;
    cv_status st;

    if (!law && !court)
        return CV_OK;
    if (!home) { /* the catalogue names no home country: nothing to judge by */
        cv_check_say(ck, CV_L(ck->lang, "基準に home の指定がありません",
                              "the criterion names no home country"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    }
    judge_law(ck, law, home);
    st = judge_court(ck, court, home);
    return st != CV_OK ? st : cv_strbuf_status(&ck->reason);
}
