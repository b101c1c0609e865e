/* SPDX-License-Identifier: MIT */
/*
 * eval_location.c: the `data_location` check (5(1)③ region, no data
 * abroad).
 *
 * Every storage location, and the backup country of the SLA, must be in
 * the home country. A region identifier is looked up per provider
 * (identifiers collide between providers: always key on provider + identifier), the provider
 * being the service's underlying cloud; zone identifiers are reduced to
 * their region by the provider's patterns. When the stated country and the
 * region's country disagree the facts contradict each other. A region the
 * table does not know is "unknown", never "abroad": the stated country
 * is used and a warning says so.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

struct region_hit {
    const char *countries[16];
    size_t ncountries;
    bool found;
    bool ambiguous; /* providers disagree and none was named */
};

static const struct cv_region_provider *
find_provider(const struct cv_check *ck)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    const char *names[2];
    size_t i, k, n;
    names[0] = cv_node_str(ck->req->doc, "service.underlying_cloud.provider");
    names[1] = cv_node_str(ck->req->doc, "service.underlying_cloud.name");
    for (n = 0; n < 2; n++) {
        char *key;
        if (!names[n])
            continue;
        key = cv_fold_key(ck->req->arena, names[n], strlen(names[n]));
        if (!key)
            continue;
        for (i = 0; i < t->nproviders; i++)
            for (k = 0; k < t->providers[i].nnames; k++)
                if (strlen(t->providers[i].name_keys[k]) >= 3 &&
                    strstr(key, t->providers[i].name_keys[k]))
                    return &t->providers[i];
    }
    return NULL;
}

static void add_country(struct region_hit *h, const char *c)
{
    size_t i;
    for (i = 0; i < h->ncountries; i++)
        if (strcmp(h->countries[i], c) == 0)
            return;
    if (h->ncountries < 16)
        h->countries[h->ncountries++] = c;
}

static void match_key(const struct cv_tables *t, const char *prov,
                      const char *key, struct region_hit *h,
                      const char **first_provider)
{
    size_t i, k, c;
    for (i = 0; i < t->nregions; i++) {
        const struct cv_region_entry *r = &t->regions[i];
        if (prov && strcmp(r->provider, prov) != 0)
            continue;
        for (k = 0; k < r->nkeys; k++) {
            if (strcmp(r->keys[k], key) != 0)
                continue;
            if (!*first_provider)
                *first_provider = r->provider;
            for (c = 0; c < r->ncountries; c++) {
                if (h->found && !prov && !h->ambiguous) {
                    bool known = false;
                    for (size_t j = 0; j < h->ncountries; j++)
                        known |= strcmp(h->countries[j], r->countries[c]) == 0;
                    if (!known)
                        h->ambiguous = true;
                }
                add_country(h, r->countries[c]);
            }
            h->found = true;
            break;
        }
    }
}

static void lookup_region(const struct cv_check *ck,
                          const struct cv_region_provider *prov,
                          const char *region, struct region_hit *h)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    uint32_t limit = ck->req->crit->limits.regex_match_limit;
    const char *first = NULL;
    char *key = cv_fold_key(ck->req->arena, region, strlen(region));
    size_t i, k;
    memset(h, 0, sizeof(*h));
    if (!key)
        return;
    match_key(t, prov ? prov->id : NULL, key, h, &first);
    if (h->found)
        return;
    /* A zone: reduce it to its region with the provider's patterns. */
    for (i = 0; i < t->nproviders && !h->found; i++) {
        const struct cv_region_provider *p = &t->providers[i];
        if (prov && p != prov)
            continue;
        for (k = 0; k < p->npatterns && !h->found; k++) {
            size_t off = 0, len = 0;
            if (cv_regex_match(p->zone_patterns[k], key, strlen(key), limit,
                               &off, &len) == 1 &&
                len) {
                char *reg = cv_arena_strndup(ck->req->arena, key + off, len);
                if (reg)
                    match_key(t, p->id, reg, h, &first);
            }
        }
    }
}

static bool all_home(const struct region_hit *h, const char *home)
{
    size_t i;
    if (h->ncountries == 0)
        return false;
    for (i = 0; i < h->ncountries; i++)
        if (strcmp(h->countries[i], home) != 0)
            return false;
    return true;
}

static bool has_country(const struct region_hit *h, const char *c)
{
    size_t i;
    for (i = 0; i < h->ncountries; i++)
        if (strcmp(h->countries[i], c) == 0)
            return true;
    return false;
}

static void join_countries(char *buf, size_t n, const struct region_hit *h)
{
    size_t i, used = 0;
    buf[0] = '\0';
    for (i = 0; i < h->ncountries && used + 4 < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? "+" : "",
                                 h->countries[i]);
}

static cv_status judge_storage(struct cv_check *ck,
                               const struct cv_region_provider *prov,
                               const struct cv_node *s, size_t i,
                               const char *home)
{
    cv_lang lang = ck->lang;
    const char *purpose = cv_node_str(s, "purpose");
    const char *country = cv_node_str(s, "country");
    const char *region = cv_node_str(s, "region");
    struct region_hit h;
    char where[64];
    purpose = purpose ? purpose : "?";
    if (!region && !country) {
        cv_check_say(ck, CV_L(lang, "✗ storage[%zu] (%s): 国もリージョンも"
                                    "記載なし",
                              "✗ storage[%zu] (%s): neither country nor "
                              "region given"),
                     i, purpose);
        cv_check_worsen(ck, CV_FACTS_PARTIAL);
        return CV_OK;
    }
    if (region) {
        lookup_region(ck, prov, region, &h);
        if (!h.found || h.ambiguous) {
            struct cv_loc loc = { ck->req->source, s->path, s->line,
                                  s->column };
            cv_status st = cv_diags_add(
                ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                h.ambiguous
                    ? CV_L(lang,
                           "リージョン '%s' は事業者によって国が異なります。"
                           "service.underlying_cloud.provider を記載して"
                           "ください",
                           "region '%s' means different countries at "
                           "different providers; name the provider in "
                           "service.underlying_cloud.provider")
                    : CV_L(lang,
                           "リージョン '%s' はリージョン表にありません。"
                           "記載された国で判断します",
                           "region '%s' is not in the region table; the "
                           "stated country is used"),
                region);
            if (st != CV_OK)
                return st;
            h.found = false;
        }
    } else {
        memset(&h, 0, sizeof(h));
    }
    if (h.found && country && !has_country(&h, country)) {
        join_countries(where, sizeof(where), &h);
        cv_check_say(ck,
                     CV_L(lang,
                          "✗ storage[%zu] (%s): 国 %s とリージョン %s (%s) が"
                          "一致しません",
                          "✗ storage[%zu] (%s): country %s disagrees with "
                          "region %s (%s)"),
                     i, purpose, country, region, where);
        cv_check_worsen(ck, CV_FACTS_CONTRADICTED);
        return CV_OK;
    }
    if (h.found) {
        join_countries(where, sizeof(where), &h);
        if (!all_home(&h, home)) {
            cv_check_say(ck, CV_L(lang, "✗ storage[%zu] (%s): %s = %s (国外を"
                                        "含みます)",
                                  "✗ storage[%zu] (%s): %s = %s (outside "
                                  "the home country)"),
                         i, purpose, region, where);
            cv_check_worsen(ck, CV_FACTS_NOT_MET);
        } else {
            cv_check_say(ck, "✓ storage[%zu] (%s): %s = %s", i, purpose,
                         region, where);
            cv_check_worsen(ck, CV_FACTS_MET);
        }
        return CV_OK;
    }
    if (country && strcmp(country, home) == 0) {
        cv_check_say(ck, "✓ storage[%zu] (%s): %s%s%s", i, purpose, country,
                     region ? " " : "", region ? region : "");
        cv_check_worsen(ck, CV_FACTS_MET);
    } else if (country) {
        cv_check_say(ck, CV_L(lang, "✗ storage[%zu] (%s): 国 %s (国外)",
                              "✗ storage[%zu] (%s): country %s (abroad)"),
                     i, purpose, country);
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
    } else {
        cv_check_say(ck, CV_L(lang, "storage[%zu] (%s): リージョン %s の国を"
                                    "確認できません",
                              "storage[%zu] (%s): the country of region %s "
                              "cannot be determined"),
                     i, purpose, region);
        cv_check_worsen(ck, CV_FACTS_PARTIAL);
    }
    return CV_OK;
}

static void check_purposes(struct cv_check *ck, const struct cv_node *storage)
{
    const struct cv_node *req = cv_check_param(ck, "purposes"), *p, *s;
    for (p = req ? req->first : NULL; p; p = p->next) {
        bool stated = false;
        if (p->kind != CV_NODE_STRING)
            continue;
        for (s = storage ? storage->first : NULL; s && !stated; s = s->next) {
            const char *purpose = cv_node_str(s, "purpose");
            stated = purpose && strcmp(purpose, p->text) == 0;
        }
        if (!stated) {
            cv_check_say(ck, CV_L(ck->lang, "用途 '%s' の保存場所の記載なし",
                                  "no storage location stated for '%s'"),
                         p->text);
            cv_check_worsen(ck, CV_FACTS_PARTIAL);
        }
    }
}

cv_status cv_check_data_location(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *storage = cv_node_lookup(doc, "data_location.storage");
    const struct cv_node *remote =
        cv_node_lookup(doc, "data_location.remote_access_countries");
    const char *backup = cv_node_str(doc, "sla.backup.country");
    const struct cv_node *homep = cv_check_param(ck, "home");
    const char *home = homep && homep->text ? homep->text : "JP";
    const struct cv_region_provider *prov = find_provider(ck);
    const struct cv_node *s;
    size_t i = 0;
    cv_status st = CV_OK;

    if ((!storage || storage->count == 0) && !backup)
        return CV_OK;
    for (s = storage ? storage->first : NULL; s && st == CV_OK;
         s = s->next, i++)
        st = judge_storage(ck, prov, s, i, home);
    if (st != CV_OK)
        return st;
    if (backup) {
        bool ok = strcmp(backup, home) == 0;
        cv_check_say(ck, "%s sla.backup.country = %s", ok ? "✓" : "✗",
                     backup);
        cv_check_worsen(ck, ok ? CV_FACTS_MET : CV_FACTS_NOT_MET);
    }
    for (s = remote ? remote->first : NULL; s; s = s->next) {
        if (s->kind == CV_NODE_STRING && strcmp(s->text, home) != 0) {
            cv_check_say(ck,
                         CV_L(ck->lang,
                              "国外 (%s) から運用者が利用者データにアクセス"
                              "できます",
                              "operators can reach customer data from "
                              "abroad (%s)"),
                         s->text);
            cv_check_worsen(ck, CV_FACTS_PARTIAL);
        }
    }
    check_purposes(ck, storage);
    return cv_strbuf_status(&ck->reason);
}
