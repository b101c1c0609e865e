/* SPDX-License-Identifier: MIT */
/*
 * eval_location.c: the `data_location` check (5(1)③ region, no data
 * abroad).
 *
 * Every storage location, and the backup country of the SLA, must be in
 * the home country. A region identifier is looked up for the provider of
 * the underlying cloud, recognised by its whole name (data/providers.json
 * and the names of data/regions.json); zone identifiers are reduced to
 * their region by the provider's patterns. Identifiers collide between
 * providers, so without a provider an identifier decides only when every
 * provider that has it places it alike: all abroad is abroad (us-west-2),
 * all at home is at home, and a mix is for a person to confirm.
 *
 * What the tables do not know (a region, a provider name) is a diagnostic
 * at its location, and the result is not met (claimed when answered yes):
 * it is never "abroad" by default, and never "at home" on the stated
 * country alone. A stated country that disagrees with every reading of its
 * region is a contradiction between the facts.
 *
 * 5(1)③ forbids storing the data abroad; it says nothing of where the
 * operators who reach it sit. Remote access from abroad is therefore a
 * note for the committee in the reason, not a lost point.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "eval.h"

#define MAX_READINGS 16

/* One provider's reading of an identifier: its countries. */
struct reading {
    const char *provider;
    const struct cv_region_entry *entry;
};

struct region_hit {
    struct reading readings[MAX_READINGS];
    size_t n;
};

enum placement {
    PLACE_HOME,    /* every reading is inside the home country */
    PLACE_ABROAD,  /* every reading has a country outside it */
    PLACE_MIXED,   /* some readings are home, some are not */
    PLACE_UNKNOWN  /* no reading */
};

static cv_status warn_at(struct cv_check *ck, const struct cv_node *n,
                         const char *fmt, ...) CV_PRINTF(3, 4);

/* A warning located at `n` (its JSON Pointer or XPath, line, column). */
static cv_status warn_at(struct cv_check *ck, const struct cv_node *n,
                         const char *fmt, ...)
{
    struct cv_loc loc = { ck->req->source, n && n->path ? n->path : "",
                          n ? n->line : 0, n ? n->column : 0 };
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(ck->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc, fmt,
                       ap);
    va_end(ap);
    return st;
}

/* ---- the provider ---- */

struct provider_of {
    const char *id; /* the recognised provider, or NULL */
};

static cv_status find_provider(struct cv_check *ck, struct provider_of *out)
{
    static const char *const fields[] = {
        "service.underlying_cloud.provider", "service.underlying_cloud.name"
    };
    const struct cv_name_tables *t = &ck->req->crit->tables.names;
    const char *ids[2] = { NULL, NULL };
    bool given = false;
    size_t i;
    memset(out, 0, sizeof(*out));
    for (i = 0; i < 2; i++) {
        const char *name = cv_node_str(ck->req->doc, fields[i]);
        given |= name != NULL;
        ids[i] = name ? cv_names_provider(t, ck->req->arena, name) : NULL;
    }
    if (ids[0] && ids[1] && strcmp(ids[0], ids[1]) != 0)
        return warn_at(ck, cv_node_lookup(ck->req->doc, fields[0]),
                       CV_L(ck->lang,
                            "基盤クラウドの事業者名と名称が別の事業者を指して"
                            "います (%s)。リージョンは事業者を特定せずに判断"
                            "します",
                            "the underlying cloud's provider and name are "
                            "different providers (%s); regions are judged "
                            "without a provider"),
                       ids[0]);
    out->id = ids[0] ? ids[0] : ids[1];
    if (out->id || !given)
        return CV_OK;
    for (i = 0; i < 2; i++) {
        const struct cv_node *n = cv_node_lookup(ck->req->doc, fields[i]);
        cv_status st;
        if (!n || !n->text)
            continue;
        st = warn_at(ck, n,
                     CV_L(ck->lang,
                          "基盤クラウド '%s' は事業者の表にありません"
                          " (providers.json)。リージョンは事業者を特定せずに"
                          "判断します",
                          "underlying cloud '%s' is not in the provider "
                          "table (providers.json); regions are judged "
                          "without a provider"),
                     n->text);
        if (st != CV_OK)
            return st;
    }
    return CV_OK;
}

/* ---- the region ---- */

static void add_reading(struct region_hit *h, const char *provider,
                        const struct cv_region_entry *e)
{
    if (h->n < MAX_READINGS) {
        h->readings[h->n].provider = provider;
        h->readings[h->n].entry = e;
        h->n++;
    }
}

/* The entries whose id or alias is `key`, at `prov` or at every provider. */
static void match_key(const struct cv_tables *t, const char *prov,
                      const char *key, struct region_hit *h)
{
    size_t i, k;
    for (i = 0; i < t->nregions; i++) {
        const struct cv_region_entry *r = &t->regions[i];
        if (prov && strcmp(r->provider, prov) != 0)
            continue;
        for (k = 0; k < r->nkeys; k++)
            if (strcmp(r->keys[k], key) == 0) {
                add_reading(h, r->provider, r);
                break;
            }
    }
}

/* A zone: reduced to its region by the zone patterns of each provider. */
static void match_zone(const struct cv_check *ck, const char *prov,
                       const char *key, struct region_hit *h)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    uint32_t limit = ck->req->crit->limits.regex_match_limit;
    size_t i, k;
    for (i = 0; i < t->nproviders; i++) {
        const struct cv_region_provider *p = &t->providers[i];
        if (prov && strcmp(p->id, prov) != 0)
            continue;
        for (k = 0; k < p->npatterns; k++) {
            size_t off = 0, len = 0;
            char *reg;
            if (cv_regex_match(p->zone_patterns[k], key, strlen(key), limit,
                               &off, &len) != 1 ||
                !len)
                continue;
            reg = cv_arena_strndup(ck->req->arena, key + off, len);
            if (reg)
                match_key(t, p->id, reg, h);
        }
    }
}

static void lookup_region(const struct cv_check *ck, const char *prov,
                          const char *region, struct region_hit *h)
{
    const struct cv_tables *t = &ck->req->crit->tables;
    char *key = cv_fold_key(ck->req->arena, region, strlen(region));
    memset(h, 0, sizeof(*h));
    if (!key)
        return;
    match_key(t, prov, key, h);
    if (h->n == 0)
        match_zone(ck, prov, key, h);
}

static bool reading_home(const struct reading *r, const char *home)
{
    size_t c;
    if (r->entry->ncountries == 0)
        return false;
    for (c = 0; c < r->entry->ncountries; c++)
        if (strcmp(r->entry->countries[c], home) != 0)
            return false;
    return true;
}

static enum placement place(const struct region_hit *h, const char *home)
{
    size_t i, at_home = 0;
    if (h->n == 0)
        return PLACE_UNKNOWN;
    for (i = 0; i < h->n; i++)
        at_home += reading_home(&h->readings[i], home);
    return at_home == h->n ? PLACE_HOME : at_home == 0 ? PLACE_ABROAD
                                                       : PLACE_MIXED;
}

/* true when some reading holds `country` */
static bool any_reading_has(const struct region_hit *h, const char *country)
{
    size_t i, c;
    for (i = 0; i < h->n; i++)
        for (c = 0; c < h->readings[i].entry->ncountries; c++)
            if (strcmp(h->readings[i].entry->countries[c], country) == 0)
                return true;
    return false;
}

/* What reasons call a country: its name in the run's language. */
static const char *country_word(const struct cv_check *ck, const char *code)
{
    return cv_country_title(&ck->req->crit->tables.countries, code,
                            ck->lang);
}

/* "アメリカ合衆国 (aws); マレーシア・シンガポール (alibaba)" for the reason:
 * the countries in words, each reading's provider in brackets. */
static void describe(const struct cv_check *ck, char *buf, size_t n,
                     const struct region_hit *h)
{
    size_t i, c, used = 0;
    buf[0] = '\0';
    for (i = 0; i < h->n && used + 8 < n; i++) {
        const struct cv_region_entry *e = h->readings[i].entry;
        int w = snprintf(buf + used, n - used, "%s", i ? "; " : "");
        used += w > 0 ? (size_t)w : 0;
        for (c = 0; c < e->ncountries && used + 4 < n; c++) {
            w = snprintf(buf + used, n - used, "%s%s", c ? "・" : "",
                         country_word(ck, e->countries[c]));
            used += w > 0 ? (size_t)w : 0;
        }
        if (used + 4 < n) {
            w = snprintf(buf + used, n - used, " (%s)",
                         h->readings[i].provider);
            used += w > 0 ? (size_t)w : 0;
        }
    }
}

/* ---- one storage location ---- */

struct storage_ctx {
    struct cv_check *ck;
    const struct provider_of *prov;
    const char *home;
};

/* A region unknown to the tables (for the named provider, or at all). */
static cv_status region_unknown(struct storage_ctx *sc,
                                const struct cv_node *s,
                                const char *purpose, const char *region,
                                const char *country)
{
    struct cv_check *ck = sc->ck;
    cv_lang lang = ck->lang;
    cv_status st = warn_at(ck, cv_node_member(s, "region"),
                           sc->prov->id
                               ? CV_L(lang,
                                      "リージョン '%s' は基盤クラウドの事業者の"
                                      "リージョン表にありません",
                                      "region '%s' is not in the region table "
                                      "of the underlying cloud's provider")
                               : CV_L(lang,
                                      "リージョン '%s' はリージョン表に"
                                      "ありません",
                                      "region '%s' is not in the region "
                                      "table"),
                           region);
    if (country && strcmp(country, sc->home) != 0) {
        cv_check_say(ck, CV_L(lang, "✗ %sの保存先は国外の%sです",
                              "✗ %s is stored abroad, in %s"),
                     purpose, country_word(ck, country));
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
        return st;
    }
    cv_check_say(ck, CV_L(lang, "? %sの保存先リージョン %s は表で国を"
                                "確認できません (要確認)",
                          "? %s: the tables cannot place region %s in a "
                          "country (to be confirmed)"),
                 purpose, region);
    cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
    return st;
}

static cv_status judge_region(struct storage_ctx *sc, const struct cv_node *s,
                              const char *purpose,
                              const char *region, const char *country)
{
    struct cv_check *ck = sc->ck;
    cv_lang lang = ck->lang;
    struct region_hit h;
    bool foreign_id = false;
    char where[160];
    enum placement pl;

    lookup_region(ck, sc->prov->id, region, &h);
    if (h.n == 0 && sc->prov->id) {
        /* Not the named provider's: how every other provider reads it. */
        lookup_region(ck, NULL, region, &h);
        foreign_id = h.n > 0;
    }
    pl = place(&h, sc->home);
    if (pl == PLACE_UNKNOWN)
        return region_unknown(sc, s, purpose, region, country);
    describe(ck, where, sizeof(where), &h);
    if (country && !any_reading_has(&h, country)) {
        cv_check_say(ck,
                     CV_L(lang,
                          "✗ %s: 記載の国 %s とリージョン %s (%s) が"
                          "一致しません",
                          "✗ %s: the stated country %s disagrees with "
                          "region %s (%s)"),
                     purpose, country_word(ck, country), region, where);
        cv_check_worsen(ck, CV_FACTS_CONTRADICTED);
        return CV_OK;
    }
    if (pl == PLACE_ABROAD) {
        cv_check_say(ck, CV_L(lang, "✗ %sの保存先 %s は国外: %s",
                              "✗ %s is stored in %s, outside the home "
                              "country: %s"),
                     purpose, region, where);
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
        return CV_OK;
    }
    if (pl == PLACE_HOME && !foreign_id) {
        cv_check_say(ck, CV_L(lang, "✓ %sの保存先 %s は%s",
                              "✓ %s is stored in %s: %s"),
                     purpose, region, where);
        cv_check_worsen(ck, CV_FACTS_MET);
        return CV_OK;
    }
    /* Mixed, or in the home country only at a provider other than the one
     * named: which applies is for a person to confirm. */
    cv_check_say(ck,
                 foreign_id
                     ? CV_L(lang, "? %s: %s は基盤クラウドの"
                                  "事業者のリージョンではありません (%s。要確認)",
                            "? %s: %s is not a region of the "
                            "underlying cloud's provider (%s; to be "
                            "confirmed)")
                     : CV_L(lang, "? %s: %s の国は事業者に"
                                  "よって異なります (%s。事業者を特定できず"
                                  "要確認)",
                            "? %s: the country of %s depends "
                            "on the provider (%s; no provider recognised, "
                            "to be confirmed)"),
                 purpose, region, where);
    cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
    return warn_at(ck, cv_node_member(s, "region"),
                   foreign_id
                       ? CV_L(lang,
                              "リージョン '%s' は基盤クラウドの事業者のもの"
                              "ではありません",
                              "region '%s' is not one of the underlying "
                              "cloud provider's")
                       : CV_L(lang,
                              "リージョン '%s' は事業者によって国が異なります。"
                              "service.underlying_cloud.provider を記載して"
                              "ください",
                              "region '%s' means different countries at "
                              "different providers; name the provider in "
                              "service.underlying_cloud.provider"),
                   region);
}

static cv_status judge_storage(struct storage_ctx *sc,
                               const struct cv_node *s, size_t i)
{
    struct cv_check *ck = sc->ck;
    cv_lang lang = ck->lang;
    const char *country = cv_node_str(s, "country");
    const char *region = cv_node_str(s, "region");
    char subject[160];
    /* "バックアップ (storage[1])": the copy in words, then where it is. */
    const char *purpose = cv_value_label(
        &ck->req->crit->tables.labels, "data_location.storage.purpose",
        cv_node_str(s, "purpose"), lang);
    snprintf(subject, sizeof(subject), "%s (storage[%zu])",
             purpose ? purpose : "?", i);
    purpose = subject;
    if (region)
        return judge_region(sc, s, purpose, region, country);
    if (!country) {
        cv_check_say(ck, CV_L(lang, "? %s: 国もリージョンも"
                                    "記載なし",
                              "? %s: neither country nor "
                              "region given"),
                     purpose);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
    } else if (strcmp(country, sc->home) == 0) {
        cv_check_say(ck, CV_L(lang, "✓ %sの保存先の国は%s",
                              "✓ %s is stored in %s"),
                     purpose, country_word(ck, country));
        cv_check_worsen(ck, CV_FACTS_MET);
    } else {
        cv_check_say(ck, CV_L(lang, "✗ %sの保存先は国外の%sです",
                              "✗ %s is stored abroad, in %s"),
                     purpose, country_word(ck, country));
        cv_check_worsen(ck, CV_FACTS_NOT_MET);
    }
    return CV_OK;
}

/* A purpose the profile requires and no location states: where that copy
 * lies is unknown, so the requirement is not shown to hold. */
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
            cv_check_say(ck, CV_L(ck->lang, "? %sの保存場所の記載がありません",
                                  "? no storage location is stated for the "
                                  "%s"),
                         cv_value_label(&ck->req->crit->tables.labels,
                                        "data_location.storage.purpose",
                                        p->text, ck->lang));
            cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        }
    }
}

static void judge_backup_country(struct cv_check *ck, const char *backup,
                                 const char *home)
{
    bool ok = strcmp(backup, home) == 0;
    cv_check_say(ck, ok ? CV_L(ck->lang, "✓ SLA のバックアップの保管国: %s",
                               "✓ the SLA keeps the backups in %s")
                        : CV_L(ck->lang, "✗ SLA のバックアップの保管国: "
                                         "国外の%s",
                               "✗ the SLA keeps the backups abroad, in %s"),
                 country_word(ck, backup));
    cv_check_worsen(ck, ok ? CV_FACTS_MET : CV_FACTS_NOT_MET);
}

/* Where operators sit is not where data is stored: a note, no points. */
static void note_remote_access(struct cv_check *ck,
                               const struct cv_node *remote, const char *home)
{
    const struct cv_node *s;
    for (s = remote ? remote->first : NULL; s; s = s->next)
        if (s->kind == CV_NODE_STRING && strcmp(s->text, home) != 0)
            cv_check_say(ck,
                         CV_L(ck->lang,
                              "注記: 国外 (%s) から運用者が利用者データに"
                              "アクセスできます。5(1)③ はデータの国外保存を"
                              "求めるもので運用拠点は判定していません "
                              "(委員会で確認)",
                              "note: operators can reach customer data from "
                              "abroad (%s); 5(1)③ concerns where data is "
                              "stored, so this is not scored (for the "
                              "committee to review)"),
                         s->text);
}

cv_status cv_check_data_location(struct cv_check *ck)
{
    const struct cv_node *doc = ck->req->doc;
    const struct cv_node *storage = cv_node_lookup(doc, "data_location.storage");
    const struct cv_node *remote =
        cv_node_lookup(doc, "data_location.remote_access_countries");
    const char *backup = cv_node_str(doc, "sla.backup.country");
    const struct cv_node *homep = cv_check_param(ck, "home");
    struct provider_of prov;
    struct storage_ctx sc = { ck, &prov, homep ? homep->text : NULL };
    const struct cv_node *s;
    size_t i = 0;
    cv_status st;

    if ((!storage || storage->count == 0) && !backup)
        return CV_OK; /* no facts: the answer decides */
    if (!sc.home) { /* the catalogue names no home country */
        cv_check_say(ck, CV_L(ck->lang, "基準に home の指定がありません",
                              "the criterion names no home country"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    }
    st = find_provider(ck, &prov);
    for (s = storage ? storage->first : NULL; s && st == CV_OK;
         s = s->next, i++)
        st = judge_storage(&sc, s, i);
    if (st != CV_OK)
        return st;
    if (backup)
        judge_backup_country(ck, backup, sc.home);
    check_purposes(ck, storage);
    note_remote_access(ck, remote, sc.home);
    return cv_strbuf_status(&ck->reason);
}
