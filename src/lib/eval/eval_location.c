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

/* One reading's countries in words: "米国", "マレーシア・シンガポール". */
static void put_countries(struct cv_strbuf *sb, const struct cv_check *ck,
                          const struct cv_region_entry *e)
{
    size_t c;
    for (c = 0; c < e->ncountries; c++)
        cv_strbuf_printf(sb, "%s%s", c ? "・" : "",
                         country_word(ck, e->countries[c]));
}

static bool same_countries(const struct cv_region_entry *a,
                           const struct cv_region_entry *b)
{
    size_t c;
    if (a->ncountries != b->ncountries)
        return false;
    for (c = 0; c < a->ncountries; c++)
        if (strcmp(a->countries[c], b->countries[c]) != 0)
            return false;
    return true;
}

/* Where the readings put the region, for the reason: "米国" when every
 * provider that has the identifier agrees, else each reading with its
 * provider: "日本 (aws); シンガポール (alibaba)". */
static void describe(const struct cv_check *ck, char *buf, size_t n,
                     const struct region_hit *h)
{
    struct cv_strbuf sb;
    size_t i;
    bool agree = true;
    cv_strbuf_init(&sb, 0);
    for (i = 1; i < h->n; i++)
        agree &= same_countries(h->readings[0].entry, h->readings[i].entry);
    for (i = 0; i < (agree ? 1 : h->n) && i < h->n; i++) {
        if (i)
            cv_strbuf_puts(&sb, "; ");
        put_countries(&sb, ck, h->readings[i].entry);
        if (!agree)
            cv_strbuf_printf(&sb, " (%s)", h->readings[i].provider);
    }
    /* Whole or not at all: a cut could split a character. */
    snprintf(buf, n, "%s",
             cv_strbuf_status(&sb) == CV_OK && sb.len < n ? sb.ptr : "…");
    cv_strbuf_release(&sb);
}

/* ---- one storage location ---- */

/* How many locations name a purpose, and how many of them were judged so
 * far: the ordinal of a repeated purpose ("バックアップ (2 件目)") in one
 * pass, never by rescanning the list for every row (a file may hold tens
 * of thousands). Purposes are an enumeration of a few values. */
#define MAX_PURPOSES 8

struct purpose_count {
    const char *value;
    size_t total, seen;
};

struct storage_ctx {
    struct cv_check *ck;
    const struct provider_of *prov;
    const char *home;
    struct purpose_count purposes[MAX_PURPOSES];
    size_t npurposes;
};

/* " (要件: すべての保存先が国内)": what a failed location was held to. */
static const char *required_home(const struct storage_ctx *sc, char *buf,
                                 size_t n)
{
    snprintf(buf, n,
             CV_L(sc->ck->lang, " (要件: すべての保存先が国内)",
                  " (required: every copy in %s)"),
             country_word(sc->ck, sc->home));
    return buf;
}

/* A location stored in a country the tables placed (by its region, or
 * as stated): at home, or abroad against the requirement. `region` may
 * be NULL; `where` is its countries in words. */
static void say_placed(struct storage_ctx *sc, const char *purpose,
                       const char *region, const char *where, bool home)
{
    struct cv_check *ck = sc->ck;
    cv_lang lang = ck->lang;
    char req[128], at[640];
    if (region)
        snprintf(at, sizeof(at), CV_L(lang, " %s (%s) ", "%s (%s)"), region,
                 where);
    else
        snprintf(at, sizeof(at), "%s", where);
    if (home)
        cv_check_say(ck, CV_L(lang, "✓ %sの保存先は%sで、国内です",
                              "✓ %s stored in %s, as required"),
                     purpose, at);
    else if (lang == CV_LANG_EN)
        cv_check_say(ck, "✗ %s stored in %s, not in %s%s", purpose, at,
                     country_word(ck, sc->home),
                     required_home(sc, req, sizeof(req)));
    else
        cv_check_say(ck, "✗ %sの保存先は%sで、国内ではありません%s", purpose,
                     at, required_home(sc, req, sizeof(req)));
    cv_check_worsen(ck, home ? CV_FACTS_MET : CV_FACTS_NOT_MET);
}

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
        /* Abroad as stated, whatever the region is. */
        say_placed(sc, purpose, NULL, country_word(ck, country), false);
        return st;
    }
    cv_check_say(ck, CV_L(lang, "? %sの保存先「%s」は、リージョンの表で国を"
                                "確認できません (要確認)",
                          "? %s stored in %s, which the region tables cannot "
                          "place in a country (to be confirmed)"),
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
    char where[512];
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
                          "✗ %sの保存先として記載された国 (%s) と、リージョン"
                          "「%s」の国 (%s) が一致しません",
                          "✗ %s: the stated country (%s) is not the country "
                          "of region %s (%s)"),
                     purpose, country_word(ck, country), region, where);
        cv_check_worsen(ck, CV_FACTS_CONTRADICTED);
        return CV_OK;
    }
    if (pl == PLACE_ABROAD || (pl == PLACE_HOME && !foreign_id)) {
        say_placed(sc, purpose, region, where, pl == PLACE_HOME);
        return CV_OK;
    }
    /* Mixed, or in the home country only at a provider other than the one
     * named: which applies is for a person to confirm. */
    cv_check_say(ck,
                 foreign_id
                     ? CV_L(lang, "? %sの保存先「%s」は、基盤クラウドの事業者"
                                  "のリージョンとして表にありません (他の事業"
                                  "者では%s。要確認)",
                            "? %s stored in %s, which is not a region of "
                            "the underlying cloud's provider (elsewhere: %s; "
                            "to be confirmed)")
                     : CV_L(lang, "? %sの保存先「%s」の国は事業者によって異なり"
                                  " (%s)、事業者を特定できません (要確認)",
                            "? %s stored in %s, whose country depends on "
                            "the provider (%s), and no provider was "
                            "recognised (to be confirmed)"),
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

static struct purpose_count *purpose_slot(struct storage_ctx *sc,
                                          const char *value, bool add)
{
    size_t i;
    for (i = 0; i < sc->npurposes; i++)
        if (strcmp(sc->purposes[i].value, value) == 0)
            return &sc->purposes[i];
    if (!add || sc->npurposes == MAX_PURPOSES)
        return NULL;
    sc->purposes[sc->npurposes].value = value;
    return &sc->purposes[sc->npurposes++];
}

static void count_purposes(struct storage_ctx *sc,
                           const struct cv_node *storage)
{
    const struct cv_node *s;
    for (s = storage ? storage->first : NULL; s; s = s->next) {
        const char *p = cv_node_str(s, "purpose");
        struct purpose_count *c = p ? purpose_slot(sc, p, true) : NULL;
        if (c)
            c->total++;
    }
}

/* "バックアップ", or "バックアップ (2 件目)" when the submission lists
 * several locations for the same purpose (the detail line has the path).
 * Called once per location, in order. */
static void purpose_subject(struct storage_ctx *sc, const struct cv_node *s,
                            char *buf, size_t n)
{
    const struct cv_check *ck = sc->ck;
    const char *value = cv_node_str(s, "purpose");
    const char *label = value ? cv_check_value_label(
                                    ck, "data_location.storage.purpose", value)
                              : CV_L(ck->lang, "用途の記載がない保存先",
                                     "a location of no stated purpose");
    struct purpose_count *c = value ? purpose_slot(sc, value, false) : NULL;
    if (c)
        c->seen++;
    if (c && c->total > 1)
        snprintf(buf, n, CV_L(ck->lang, "%s (%zu 件目)", "%s (no. %zu)"),
                 label, c->seen);
    else
        snprintf(buf, n, "%s", label);
}

static cv_status judge_storage(struct storage_ctx *sc,
                               const struct cv_node *s)
{
    struct cv_check *ck = sc->ck;
    cv_lang lang = ck->lang;
    const char *country = cv_node_str(s, "country");
    const char *region = cv_node_str(s, "region");
    char purpose[192];

    purpose_subject(sc, s, purpose, sizeof(purpose));
    cv_check_at(ck, cv_node_member(s, "region"));
    cv_check_at(ck, cv_node_member(s, "country"));
    if (!region && !country)
        cv_check_at(ck, s);
    if (region)
        return judge_region(sc, s, purpose, region, country);
    if (!country) {
        cv_check_say(ck, CV_L(lang, "? %sの保存先の国もリージョンも記載が"
                                    "ありません (要確認)",
                              "? %s: neither the country nor the region of "
                              "its storage is stated (to be confirmed)"),
                     purpose);
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
    } else {
        say_placed(sc, purpose, NULL, country_word(ck, country),
                   strcmp(country, sc->home) == 0);
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
            cv_check_say(ck, CV_L(ck->lang,
                                  "? %sの保存場所の記載がありません (要件: "
                                  "すべての保存先を記載)",
                                  "? no storage location is stated for the "
                                  "%s (required: every copy stated)"),
                         cv_check_value_label(ck,
                                              "data_location.storage.purpose",
                                              p->text));
            cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        }
    }
}

static void judge_backup_country(struct storage_ctx *sc, const char *backup)
{
    struct cv_check *ck = sc->ck;
    char req[128];
    bool ok = strcmp(backup, sc->home) == 0;
    cv_check_at(ck, cv_node_lookup(ck->req->doc, "sla.backup.country"));
    if (ok)
        cv_check_say(ck, CV_L(ck->lang,
                              "✓ SLA に記載のバックアップの保管国は%sで、"
                              "国内です",
                              "✓ the SLA keeps the backups in %s, as "
                              "required"),
                     country_word(ck, backup));
    else if (ck->lang == CV_LANG_EN)
        cv_check_say(ck, "✗ the SLA keeps the backups in %s, not in %s%s",
                     country_word(ck, backup), country_word(ck, sc->home),
                     required_home(sc, req, sizeof(req)));
    else
        cv_check_say(ck, "✗ SLA に記載のバックアップの保管国は%sで、国内では"
                         "ありません%s",
                     country_word(ck, backup),
                     required_home(sc, req, sizeof(req)));
    cv_check_worsen(ck, ok ? CV_FACTS_MET : CV_FACTS_NOT_MET);
}

/* Where operators sit is not where data is stored: a note, no points. */
static void note_remote_access(struct cv_check *ck,
                               const struct cv_node *remote, const char *home)
{
    const struct cv_node *s;
    for (s = remote ? remote->first : NULL; s; s = s->next)
        if (s->kind == CV_NODE_STRING && strcmp(s->text, home) != 0) {
            cv_check_at(ck, s);
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
                         country_word(ck, s->text));
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
    struct provider_of prov;
    struct storage_ctx sc;
    const struct cv_node *s;
    cv_status st;

    memset(&sc, 0, sizeof(sc));
    sc.ck = ck;
    sc.prov = &prov;
    sc.home = homep ? homep->text : NULL;
    count_purposes(&sc, storage);

    if ((!storage || storage->count == 0) && !backup)
        return CV_OK; /* no facts: the answer decides */
    if (!sc.home) { /* the catalogue names no home country */
        cv_check_say(ck, CV_L(ck->lang, "? 基準に国内とする国の指定がありません",
                              "? the criterion names no home country"));
        cv_check_worsen(ck, CV_FACTS_UNVERIFIED);
        return cv_strbuf_status(&ck->reason);
    }
    st = find_provider(ck, &prov);
    for (s = storage ? storage->first : NULL; s && st == CV_OK; s = s->next)
        st = judge_storage(&sc, s);
    if (st != CV_OK)
        return st;
    if (backup)
        judge_backup_country(&sc, backup);
    check_purposes(ck, storage);
    note_remote_access(ck, remote, sc.home);
    return cv_strbuf_status(&ck->reason);
}
