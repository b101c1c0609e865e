/* SPDX-License-Identifier: MIT */
/*
 * eval_jurisdiction.c: the `jurisdiction` check (5(1)③ law and court).
 * Governing law must be the home country (a profile parameter) and the
 * agreed court must be named as one of that country's courts (patterns in
 * criteria/data/courts.json).
 */
#include <stdio.h>
#include <string.h>

#include "eval.h"

cv_status cv_check_jurisdiction(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *home = cv_check_param(ck, "home");
    const char *law = cv_node_str(doc, "data_location.governing_law");
    const char *court = cv_node_str(doc, "data_location.court");
    const struct cv_tables *t = &ck->req->crit->tables;
    uint32_t limit = ck->req->crit->limits.regex_match_limit;
    cv_lang lang = ck->lang;
    const char *want = home && home->text ? home->text : "JP";
    bool law_ok, court_ok = false;
    size_t i;

    if (!law && !court)
        return CV_OK;
    law_ok = law && strcmp(law, want) == 0;
    if (law)
        cv_check_say(ck, "%s data_location.governing_law = %s",
                     law_ok ? "✓" : "✗", law);
    else
        cv_check_say(ck, CV_L(lang, "準拠法 (governing_law) の記載なし",
                              "governing_law not given"));
    for (i = 0; court && i < t->ncourts && !court_ok; i++)
        court_ok = cv_regex_match(t->courts[i], court, strlen(court), limit,
                                  NULL, NULL) == 1;
    if (court)
        cv_check_say(ck,
                     court_ok ? CV_L(lang, "✓ data_location.court = %s "
                                           "(日本の裁判所)",
                                     "✓ data_location.court = %s (a court "
                                     "of Japan)")
                              : CV_L(lang, "✗ data_location.court = %s "
                                           "(日本の裁判所と確認できません)",
                                     "✗ data_location.court = %s (not "
                                     "recognisable as a court of Japan)"),
                     court);
    else
        cv_check_say(ck, CV_L(lang, "合意管轄裁判所 (court) の記載なし",
                              "court not given"));
    if (law_ok && court_ok)
        ck->facts = CV_FACTS_MET;
    else if ((law && !law_ok) || (court && !court_ok))
        ck->facts = CV_FACTS_NOT_MET;
    else
        ck->facts = CV_FACTS_PARTIAL;
    return cv_strbuf_status(&ck->reason);
}
