/* SPDX-License-Identifier: MIT */
/*
 * tables.c: the reference tables of criteria/data/ (see criteria/README.md):
 * regions, CRYPTREC classifications, MFA factor kinds, court patterns and
 * eras. Lookup keys are folded (NFKC, case fold, blanks removed) once here
 * so that each check is a string comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/date.h"
#include "../base/overflow.h"
#include "../base/unicode.h"
#include "criteria.h"

static char *join_data(struct cv_arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + sizeof("/data/");
    char *p = cv_arena_alloc(a, n);
    if (p)
        snprintf(p, n, "%s/data/%s", dir, name);
    return p;
}

static cv_status read_table(const struct cv_node **out, struct cv_criteria *c,
                            struct cv_diags *diags, const char *dir,
                            const char *name, const char *format,
                            const char *const *allowed,
                            struct cv_strbuf *digest, const char **path_out)
{
    char *path = join_data(&c->arena, dir, name);
    cv_status st;
    if (!path)
        return CV_ENOMEM;
    *path_out = path;
    st = cv_crit_read_json(out, &c->arena, diags, &c->limits, path, digest);
    if (st == CV_OK)
        st = cv_crit_expect(*out, format, allowed, diags, path);
    return st;
}

static cv_status list_of(const struct cv_node **out, const struct cv_node *obj,
                         const char *name, struct cv_diags *diags,
                         const char *file)
{
    const struct cv_node *n = cv_node_member(obj, name);
    if (!n || n->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, n ? n : obj,
                             "'%s' は配列でなければなりません",
                             "'%s' must be a list", name);
    *out = n;
    return CV_OK;
}

/* Folded keys for a string member plus the strings of a list member. */
static cv_status fold_keys(const char ***out, size_t *n, struct cv_arena *a,
                           const char *first, const struct cv_node *list)
{
    size_t cap = 1 + (list ? list->count : 0), i = 0;
    const struct cv_node *e;
    const char **keys = cv_arena_calloc(a, cap, sizeof(*keys));
    if (!keys)
        return CV_ENOMEM;
    if (first && !(keys[i++] = cv_fold_key(a, first, strlen(first))))
        return CV_ENOMEM;
    for (e = list ? list->first : NULL; e; e = e->next) {
        if (e->kind != CV_NODE_STRING)
            continue;
        if (!(keys[i++] = cv_fold_key(a, e->text, e->text_len)))
            return CV_ENOMEM;
    }
    *out = keys;
    *n = i;
    return CV_OK;
}

static cv_status load_regions(struct cv_criteria *c, struct cv_diags *diags,
                              const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "providers",
                                       "entries", "note", NULL };
    static const char *const pmem[] = { "id", "names", "zone_patterns",
                                        "note", NULL };
    static const char *const emem[] = { "provider", "id", "name", "aliases",
                                        "countries", "source", "note", NULL };
    struct cv_tables *t = &c->tables;
    struct cv_arena *a = &c->arena;
    const struct cv_node *doc = NULL, *provs = NULL, *ents = NULL, *e;
    const char *file;
    size_t i;
    cv_status st = read_table(&doc, c, diags, dir, "regions.json",
                              "cloudvet-regions/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&provs, doc, "providers", diags, file);
    if (st == CV_OK)
        st = list_of(&ents, doc, "entries", diags, file);
    if (st != CV_OK)
        return st;
    t->providers = cv_arena_calloc(a, provs->count + 1, sizeof(*t->providers));
    t->regions = cv_arena_calloc(a, ents->count + 1, sizeof(*t->regions));
    if (!t->providers || !t->regions)
        return CV_ENOMEM;
    for (e = provs->first, i = 0; e && st == CV_OK; e = e->next, i++) {
        struct cv_region_provider *p = &t->providers[i];
        const struct cv_node *zp = cv_node_member(e, "zone_patterns"), *z;
        st = cv_crit_members(e, pmem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&p->id, e, "id", diags, file);
        if (st == CV_OK)
            st = fold_keys(&p->name_keys, &p->nnames, a, p->id,
                           cv_node_member(e, "names"));
        if (st == CV_OK && zp && zp->count) {
            p->zone_patterns = cv_arena_calloc(a, zp->count,
                                               sizeof(*p->zone_patterns));
            if (!p->zone_patterns)
                return CV_ENOMEM;
            for (z = zp->first; z && st == CV_OK; z = z->next) {
                struct cv_loc loc = { file, z->path, 0, 0 };
                if (z->kind != CV_NODE_STRING)
                    continue;
                st = cv_regex_compile(&p->zone_patterns[p->npatterns],
                                      &c->regexes, z->text, false, diags,
                                      &loc);
                if (st == CV_OK)
                    p->npatterns++;
            }
        }
    }
    t->nproviders = i;
    for (e = ents->first, i = 0; e && st == CV_OK; e = e->next, i++) {
        struct cv_region_entry *r = &t->regions[i];
        const struct cv_node *cs = cv_node_member(e, "countries"), *cn;
        const char *src;
        st = cv_crit_members(e, emem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&r->provider, e, "provider", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&r->id, e, "id", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st == CV_OK)
            st = fold_keys(&r->keys, &r->nkeys, a, r->id,
                           cv_node_member(e, "aliases"));
        if (st == CV_OK && (!cs || cs->kind != CV_NODE_ARRAY))
            st = cv_crit_error(diags, file, e, "countries が必要です%s",
                               "'countries' is required%s", "");
        if (st != CV_OK)
            break;
        r->name = cv_node_str(e, "name");
        r->note = cv_node_str(e, "note");
        r->countries = cv_arena_calloc(a, cs->count + 1, sizeof(*r->countries));
        if (!r->countries)
            return CV_ENOMEM;
        for (cn = cs->first; cn; cn = cn->next)
            if (cn->kind == CV_NODE_STRING)
                r->countries[r->ncountries++] = cn->text;
    }
    t->nregions = i;
    return st;
}

static enum cv_crypto_list parse_list(const char *s, bool *ok)
{
    *ok = true;
    if (strcmp(s, "recommended") == 0)
        return CV_LIST_RECOMMENDED;
    if (strcmp(s, "recommended_pqc") == 0)
        return CV_LIST_RECOMMENDED_PQC;
    if (strcmp(s, "candidate") == 0)
        return CV_LIST_CANDIDATE;
    if (strcmp(s, "monitored") == 0)
        return CV_LIST_MONITORED;
    *ok = strcmp(s, "unlisted") == 0;
    return CV_LIST_UNLISTED;
}

const struct cv_crypto_alg *cv_tables_alg(const struct cv_tables *t,
                                          const char *name)
{
    size_t i;
    for (i = 0; name && i < t->nalgs; i++)
        if (strcmp(t->algs[i].name, name) == 0)
            return &t->algs[i];
    return NULL;
}

/* "needs" (categories one of which must be stated with the technique:
 * a mode needs a block cipher, HMAC a hash) and "key_parts" (XTS: the
 * key is two keys of the cipher). */
static cv_status load_alg_combination(struct cv_crypto_alg *al,
                                      struct cv_arena *a,
                                      const struct cv_node *e,
                                      struct cv_diags *diags,
                                      const char *file)
{
    const struct cv_node *needs = cv_node_member(e, "needs"), *n;
    const struct cv_node *parts = cv_node_member(e, "key_parts");
    al->key_parts = 1;
    if (parts) {
        if (parts->kind != CV_NODE_NUMBER || parts->number < 1 ||
            parts->number > 8)
            return cv_crit_error(diags, file, parts,
                                 "key_parts は 1〜8 の数です%s",
                                 "'key_parts' must be a number from 1 to 8%s",
                                 "");
        al->key_parts = cv_double_to_int(parts->number);
    }
    if (!needs)
        return CV_OK;
    if (needs->kind != CV_NODE_ARRAY || needs->count == 0)
        return cv_crit_error(diags, file, needs,
                             "'%s' は文字列の配列でなければなりません",
                             "'%s' must be a list of strings", "needs");
    al->needs = cv_arena_calloc(a, needs->count, sizeof(*al->needs));
    if (!al->needs)
        return CV_ENOMEM;
    for (n = needs->first; n; n = n->next) {
        if (n->kind != CV_NODE_STRING)
            return cv_crit_error(diags, file, n,
                                 "'%s' は文字列の配列でなければなりません",
                                 "'%s' must be a list of strings", "needs");
        al->needs[al->nneeds++] = n->text;
    }
    return CV_OK;
}

static cv_status load_algs(struct cv_criteria *c, const struct cv_node *doc,
                           struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "name",   "category", "list",
                                       "family", "key_bits", "security_bits",
                                       "source", "note",     "parameter_sets",
                                       "aliases", "needs",   "key_parts",
                                       NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *list = NULL, *e;
    size_t i = 0;
    cv_status st = list_of(&list, doc, "algorithms", diags, file);
    if (st != CV_OK)
        return st;
    t->algs = cv_arena_calloc(&c->arena, list->count + 1, sizeof(*t->algs));
    if (!t->algs)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, i++) {
        struct cv_crypto_alg *al = &t->algs[i];
        const struct cv_node *kb = cv_node_member(e, "key_bits"), *k;
        const struct cv_node *sb = cv_node_member(e, "security_bits");
        const char *lst = NULL, *src = NULL;
        bool ok;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&al->name, e, "name", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&lst, e, "list", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st != CV_OK)
            break;
        al->list = parse_list(lst, &ok);
        if (!ok)
            st = cv_crit_error(diags, file, e, "未知のリスト区分 '%s'",
                               "unknown list '%s'", lst);
        al->category = cv_node_str(e, "category");
        al->family = cv_node_str(e, "family");
        al->note = cv_node_str(e, "note");
        if (sb && sb->kind == CV_NODE_NUMBER)
            al->security_bits = cv_double_to_int(sb->number);
        if (st == CV_OK)
            st = load_alg_combination(al, &c->arena, e, diags, file);
        if (st == CV_OK && kb && kb->kind == CV_NODE_ARRAY && kb->count) {
            int *bits = cv_arena_calloc(&c->arena, kb->count, sizeof(*bits));
            if (!bits)
                return CV_ENOMEM;
            for (k = kb->first; k; k = k->next)
                if (k->kind == CV_NODE_NUMBER)
                    bits[al->nkey_bits++] = cv_double_to_int(k->number);
            al->key_bits = bits;
        }
    }
    t->nalgs = i;
    return st;
}

static cv_status load_tokens(struct cv_criteria *c, const struct cv_node *doc,
                             struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "match", "algorithm", "mode",
                                       "curve_bits", "ignore", "note", NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *list = NULL, *e, *m;
    size_t total = 0, i = 0;
    cv_status st = list_of(&list, doc, "tokens", diags, file);
    if (st != CV_OK)
        return st;
    for (e = list->first; e; e = e->next) {
        m = cv_node_member(e, "match");
        total += m && m->kind == CV_NODE_ARRAY ? m->count : 0;
    }
    t->tokens = cv_arena_calloc(&c->arena, total + 1, sizeof(*t->tokens));
    if (!t->tokens)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        const char *alg = cv_node_str(e, "algorithm");
        const char *mode = cv_node_str(e, "mode");
        const struct cv_node *cb = cv_node_member(e, "curve_bits");
        const struct cv_node *ig = cv_node_member(e, "ignore");
        st = cv_crit_members(e, mem, diags, file);
        m = cv_node_member(e, "match");
        if (st == CV_OK && (!m || m->kind != CV_NODE_ARRAY))
            st = cv_crit_error(diags, file, e, "match が必要です%s",
                               "'match' is required%s", "");
        if (st == CV_OK && alg && !cv_tables_alg(t, alg))
            st = cv_crit_error(diags, file, e, "未知のアルゴリズム '%s'",
                               "unknown algorithm '%s'", alg);
        if (st == CV_OK && mode && !cv_tables_alg(t, mode))
            st = cv_crit_error(diags, file, e, "未知のモード '%s'",
                               "unknown mode '%s'", mode);
        if (st != CV_OK)
            break;
        for (m = m->first; m; m = m->next) {
            struct cv_crypto_token *tk = &t->tokens[i++];
            tk->match = m->text;
            tk->alg = cv_tables_alg(t, alg);
            tk->mode = cv_tables_alg(t, mode);
            tk->curve_bits = cb && cb->kind == CV_NODE_NUMBER
                                 ? cv_double_to_int(cb->number)
                                 : 0;
            tk->ignore = ig && ig->kind == CV_NODE_BOOL && ig->boolean;
        }
    }
    t->ntokens = i;
    return st;
}

static cv_status load_strength(struct cv_criteria *c,
                               const struct cv_node *doc,
                               struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "source", "note", "families",
                                       "minimum_security_bits", NULL };
    struct cv_tables *t = &c->tables;
    struct cv_arena *a = &c->arena;
    const struct cv_node *s = cv_node_member(doc, "strength");
    const struct cv_node *fam, *mins, *f, *p;
    size_t i = 0;
    cv_status st = cv_crit_members(s, mem, diags, file);
    if (st != CV_OK)
        return st;
    fam = cv_node_member(s, "families");
    mins = cv_node_member(s, "minimum_security_bits");
    if (!fam || fam->kind != CV_NODE_OBJECT || !mins ||
        mins->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, s,
                             "families と minimum_security_bits が必要です%s",
                             "'families' and 'minimum_security_bits' are "
                             "required%s",
                             "");
    t->families = cv_arena_calloc(a, fam->count + 1, sizeof(*t->families));
    t->min_bits = cv_arena_calloc(a, mins->count + 1, sizeof(*t->min_bits));
    if (!t->families || !t->min_bits)
        return CV_ENOMEM;
    for (f = fam->first; f; f = f->next, i++) {
        struct cv_strength_family *sf = &t->families[i];
        sf->name = f->name;
        sf->pairs = cv_arena_calloc(a, f->count + 1, sizeof(*sf->pairs));
        if (!sf->pairs)
            return CV_ENOMEM;
        for (p = f->first; p; p = p->next) {
            if (p->kind != CV_NODE_ARRAY || p->count != 2 ||
                p->first->kind != CV_NODE_NUMBER ||
                p->last->kind != CV_NODE_NUMBER)
                return cv_crit_error(diags, file, p,
                                     "[鍵長, 強度] の組が必要です%s",
                                     "expected [key size, security bits]%s",
                                     "");
            sf->pairs[sf->npairs].size = cv_double_to_int(p->first->number);
            sf->pairs[sf->npairs].bits = cv_double_to_int(p->last->number);
            sf->npairs++;
        }
    }
    t->nfamilies = i;
    for (p = mins->first; p; p = p->next) {
        const char *from = cv_node_str(p, "from");
        double bits;
        cv_day day;
        if (!from || !cv_date_parse_iso(from, strlen(from), &day) ||
            !cv_node_num(p, "bits", &bits))
            return cv_crit_error(diags, file, p,
                                 "{from: 日付, bits: 数値} が必要です%s",
                                 "expected {from: date, bits: number}%s", "");
        t->min_bits[t->nmin_bits].from_day = day;
        t->min_bits[t->nmin_bits].bits = cv_double_to_int(bits);
        t->nmin_bits++;
    }
    return CV_OK;
}

static cv_status load_tls(struct cv_criteria *c, const struct cv_node *doc,
                          struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "version", "status", "aliases",
                                       "source", "note", NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *list = NULL, *e;
    size_t i = 0;
    cv_status st = list_of(&list, doc, "tls_versions", diags, file);
    if (st != CV_OK)
        return st;
    t->tls = cv_arena_calloc(&c->arena, list->count + 1, sizeof(*t->tls));
    if (!t->tls)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, i++) {
        struct cv_tls_version *v = &t->tls[i];
        const char *status = NULL, *src = NULL;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&v->version, e, "version", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&status, e, "status", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st != CV_OK)
            break;
        v->accepted = strcmp(status, "accepted") == 0;
        v->note = cv_node_str(e, "note");
        v->key = cv_fold_key(&c->arena, v->version, strlen(v->version));
        if (!v->key)
            return CV_ENOMEM;
        st = fold_keys(&v->aliases, &v->naliases, &c->arena, NULL,
                       cv_node_member(e, "aliases"));
    }
    t->ntls = i;
    return st;
}

/* The algorithm named by string member `name` of `obj`, which must be in
 * the algorithms table. */
static cv_status suite_alg(const struct cv_crypto_alg **out,
                           const struct cv_tables *t, const struct cv_node *obj,
                           const char *name, struct cv_diags *diags,
                           const char *file)
{
    const char *alg = NULL;
    cv_status st = cv_crit_string(&alg, obj, name, diags, file);
    if (st != CV_OK)
        return st;
    *out = cv_tables_alg(t, alg);
    if (!*out)
        return cv_crit_error(diags, file, cv_node_member(obj, name),
                             "未知のアルゴリズム '%s'", "unknown algorithm '%s'",
                             alg);
    return CV_OK;
}

static cv_status load_tls_suites(struct cv_criteria *c,
                                 const struct cv_node *doc,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "source", "note", "prefixes",
                                       "rsa_key_transport",
                                       "implicit_key_exchange", "protocols",
                                       NULL };
    struct cv_tls_suites *ts = &c->tables.tls_suites;
    const struct cv_node *s = cv_node_member(doc, "tls_suites");
    const struct cv_node *prefixes = NULL, *protocols = NULL, *p;
    const char *src = NULL;
    cv_status st = cv_crit_members(s, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, s, "source", diags, file);
    if (st == CV_OK)
        st = suite_alg(&ts->rsa_key_transport, &c->tables, s,
                       "rsa_key_transport", diags, file);
    if (st == CV_OK)
        st = suite_alg(&ts->implicit_key_exchange, &c->tables, s,
                       "implicit_key_exchange", diags, file);
    if (st == CV_OK)
        st = list_of(&prefixes, s, "prefixes", diags, file);
    if (st == CV_OK)
        st = list_of(&protocols, s, "protocols", diags, file);
    if (st != CV_OK)
        return st;
    ts->prefixes = cv_arena_calloc(&c->arena, prefixes->count + 1,
                                   sizeof(*ts->prefixes));
    if (!ts->prefixes)
        return CV_ENOMEM;
    for (p = prefixes->first; p; p = p->next)
        if (p->kind == CV_NODE_STRING)
            ts->prefixes[ts->nprefixes++] = p->text;
    return fold_keys(&ts->protocols, &ts->nprotocols, &c->arena, NULL,
                     protocols);
}

static cv_status load_cryptrec(struct cv_criteria *c, struct cv_diags *diags,
                               const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format",   "edition",  "source",
                                       "algorithms", "tokens", "strength",
                                       "tls_suites", "tls_versions", "note",
                                       NULL };
    const struct cv_node *doc = NULL;
    const char *file;
    cv_status st = read_table(&doc, c, diags, dir, "cryptrec.json",
                              "cloudvet-cryptrec/1", top, digest, &file);
    if (st == CV_OK)
        st = cv_crit_string(&c->tables.crypto_edition, doc, "edition", diags,
                            file);
    if (st == CV_OK)
        st = load_algs(c, doc, diags, file);
    if (st == CV_OK)
        st = load_tokens(c, doc, diags, file);
    if (st == CV_OK)
        st = load_strength(c, doc, diags, file);
    if (st == CV_OK)
        st = load_tls_suites(c, doc, diags, file);
    if (st == CV_OK)
        st = load_tls(c, doc, diags, file);
    return st;
}

static cv_status load_factors(struct cv_criteria *c, struct cv_diags *diags,
                              const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "entries", NULL };
    static const char *const mem[] = { "name", "kind", "aliases", "source",
                                       NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *doc = NULL, *list = NULL, *e;
    const char *file;
    size_t i = 0;
    cv_status st = read_table(&doc, c, diags, dir, "mfa-factors.json",
                              "cloudvet-mfa-factors/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&list, doc, "entries", diags, file);
    if (st != CV_OK)
        return st;
    t->factors = cv_arena_calloc(&c->arena, list->count + 1,
                                 sizeof(*t->factors));
    if (!t->factors)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, i++) {
        struct cv_mfa_factor *f = &t->factors[i];
        const char *src;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&f->name, e, "name", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&f->kind, e, "kind", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st == CV_OK)
            st = fold_keys(&f->keys, &f->nkeys, &c->arena, f->name,
                           cv_node_member(e, "aliases"));
    }
    t->nfactors = i;
    return st;
}

static cv_status load_categories(struct cv_criteria *c,
                                 struct cv_diags *diags, const char *dir,
                                 struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "entries", NULL };
    static const char *const mem[] = { "id", "title", NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *doc = NULL, *list = NULL, *e;
    const char *file;
    cv_status st = read_table(&doc, c, diags, dir, "categories.json",
                              "cloudvet-categories/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&list, doc, "entries", diags, file);
    if (st != CV_OK)
        return st;
    t->categories = cv_arena_calloc(&c->arena, list->count + 1,
                                    sizeof(*t->categories));
    if (!t->categories)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        struct cv_category *cat = &t->categories[t->ncategories];
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&cat->id, e, "id", diags, file);
        if (st == CV_OK)
            st = cv_crit_text2(&cat->title, e, "title", diags, file);
        if (st == CV_OK &&
            !cv_crit_is_token(cat->id, "abcdefghijklmnopqrstuvwxyz_-"))
            st = cv_crit_error(diags, file, e,
                               "分類 '%s' は英小文字・_・- の 1〜64 文字です",
                               "category '%s' must be 1 to 64 of a-z, _ and -",
                               cat->id);
        if (st == CV_OK && cv_tables_category(t, cat->id))
            st = cv_crit_error(diags, file, e, "分類 '%s' が重複しています",
                               "duplicate category '%s'", cat->id);
        if (st == CV_OK)
            t->ncategories++;
    }
    return st;
}

static const char *const reg_field_names[CV_REG_NFIELDS] = {
    "number", "service", "provider", "registered", "expires", "scheme"
};

enum cv_reg_field cv_tables_reg_field(const char *name)
{
    unsigned i;
    for (i = 0; name && i < CV_REG_NFIELDS; i++)
        if (strcmp(reg_field_names[i], name) == 0)
            return (enum cv_reg_field)i;
    return CV_REG_NFIELDS;
}

static cv_status load_reg_column(struct cv_criteria *c,
                                 const struct cv_node *e,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "field", "required", "headers",
                                       "source", NULL };
    const char *name = NULL, *src = NULL;
    const struct cv_node *headers = cv_node_member(e, "headers");
    enum cv_reg_field f;
    struct cv_reg_column *col;
    bool required = false;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&name, e, "field", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, e, "source", diags, file);
    if (st != CV_OK)
        return st;
    f = cv_tables_reg_field(name);
    if (f == CV_REG_NFIELDS || c->tables.reg_columns[f].field)
        return cv_crit_error(diags, file, e,
                             "列 '%s' は未知か重複しています",
                             "column field '%s' is unknown or given twice",
                             name);
    if (!headers || headers->kind != CV_NODE_ARRAY || headers->count == 0)
        return cv_crit_error(diags, file, e,
                             "列 '%s' に headers (文字列の配列) が必要です",
                             "column '%s' needs headers (a list of strings)",
                             name);
    col = &c->tables.reg_columns[f];
    col->field = reg_field_names[f];
    (void)cv_node_bool(e, "required", &required);
    col->required = required;
    return fold_keys(&col->headers, &col->nheaders, &c->arena, NULL, headers);
}

/* Not part of the profile digest: the headers only steer `registry
 * import`, never a score. */
static cv_status load_reg_columns(struct cv_criteria *c,
                                  struct cv_diags *diags, const char *dir)
{
    static const char *const top[] = { "format", "registry", "source", "note",
                                       "default_scheme", "columns", NULL };
    const struct cv_node *doc = NULL, *list = NULL, *e;
    const char *file;
    unsigned i;
    cv_status st = read_table(&doc, c, diags, dir, "ismap-list.json",
                              "cloudvet-registry-columns/1", top, NULL, &file);
    if (st == CV_OK)
        st = cv_crit_string(&c->tables.reg_default_scheme, doc,
                            "default_scheme", diags, file);
    if (st == CV_OK)
        st = list_of(&list, doc, "columns", diags, file);
    for (e = list ? list->first : NULL; e && st == CV_OK; e = e->next)
        st = load_reg_column(c, e, diags, file);
    for (i = 0; st == CV_OK && i < CV_REG_NFIELDS; i++)
        if (!c->tables.reg_columns[i].field)
            st = cv_crit_error(diags, file, doc, "列 '%s' の定義がありません",
                               "no definition for column '%s'",
                               reg_field_names[i]);
    return st;
}

const struct cv_category *cv_tables_category(const struct cv_tables *t,
                                             const char *id)
{
    size_t i;
    for (i = 0; id && i < t->ncategories; i++)
        if (strcmp(t->categories[i].id, id) == 0)
            return &t->categories[i];
    return NULL;
}

cv_status cv_tables_load(struct cv_criteria *c, struct cv_diags *diags,
                         const char *dir, struct cv_strbuf *digest)
{
    cv_status st = load_categories(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_regions(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_cryptrec(c, diags, dir, digest);
    if (st == CV_OK)
        st = cv_tables_load_deletion(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_factors(c, diags, dir, digest);
    if (st == CV_OK)
        st = cv_names_load(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_reg_columns(c, diags, dir);
    if (st == CV_OK)
        st = cv_units_load(c, diags, dir, digest);
    if (st == CV_OK)
        st = cv_countries_load(c, diags, dir, digest);
    if (st == CV_OK)
        st = cv_labels_load(c, diags, dir, digest);
    if (st == CV_OK)
        st = cv_tables_load_oscal(c, diags, dir, digest);
    return st;
}

cv_status cv_eras_load(struct cv_criteria *c, struct cv_diags *diags,
                       const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "entries", NULL };
    static const char *const mem[] = { "name", "letter", "first_day",
                                       "source", NULL };
    const struct cv_node *doc = NULL, *list = NULL, *e;
    struct cv_era *eras;
    const char *file;
    size_t i = 0;
    cv_status st = read_table(&doc, c, diags, dir, "eras.json",
                              "cloudvet-eras/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&list, doc, "entries", diags, file);
    if (st != CV_OK)
        return st;
    eras = cv_arena_calloc(&c->arena, list->count + 1, sizeof(*eras));
    if (!eras)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, i++) {
        const char *first = NULL, *src = NULL;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&eras[i].name, e, "name", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&eras[i].letter, e, "letter", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&first, e, "first_day", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st == CV_OK &&
            !cv_date_parse_iso(first, strlen(first), &eras[i].first_day))
            st = cv_crit_error(diags, file, e, "日付ではありません: '%s'",
                               "not a date: '%s'", first);
    }
    c->eras.items = eras;
    c->eras.count = i;
    return st;
}

/* ---- data/units.json: unit words, bound words, the unit of each
 * numeric field (see norm/normtext.h) ---- */

/* A folded copy of every string of the list member `name`. */
static cv_status unit_words(const char ***out, size_t *n, struct cv_arena *a,
                            const struct cv_node *obj, const char *name,
                            struct cv_diags *diags, const char *file)
{
    const struct cv_node *list = NULL, *w;
    size_t i = 0;
    cv_status st = list_of(&list, obj, name, diags, file);
    if (st != CV_OK)
        return st;
    *out = cv_arena_calloc(a, list->count + 1, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (w = list->first; w; w = w->next) {
        if (w->kind != CV_NODE_STRING || w->text_len == 0)
            return cv_crit_error(diags, file, w,
                                 "'%s' の要素は空でない文字列です",
                                 "the items of '%s' are non-empty strings",
                                 name);
        if (!((*out)[i++] = cv_units_fold(a, w->text, w->text_len)))
            return CV_ENOMEM;
    }
    *n = i;
    return CV_OK;
}

/* A length in base units: a positive integer up to the factor limit. */
static bool unit_length(const struct cv_node *n, uint32_t *out)
{
    if (!n || n->kind != CV_NODE_NUMBER || n->number < 1 ||
        n->number > CV_DECIMAL_MAX_FACTOR || n->number != (double)(uint32_t)n->number)
        return false;
    *out = (uint32_t)n->number;
    return true;
}

static cv_status load_unit(struct cv_unit *u, struct cv_arena *a,
                           const struct cv_node *e, struct cv_diags *diags,
                           const char *file)
{
    static const char *const mem[] = { "id", "dimension", "name", "words",
                                       "length", "source", "note", NULL };
    static const char *const len_mem[] = { "min", "max", NULL };
    const struct cv_node *len = cv_node_member(e, "length"), *max;
    struct cv_text2 name;
    const char *src;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&u->id, e, "id", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&u->dimension, e, "dimension", diags, file);
    if (st == CV_OK)
        st = cv_crit_text2(&name, e, "name", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, e, "source", diags, file);
    if (st == CV_OK)
        st = unit_words(&u->words, &u->nwords, a, e, "words", diags, file);
    if (st != CV_OK)
        return st;
    u->name_ja = name.ja;
    u->name_en = name.en;
    u->lo_den = u->hi_den = 1;
    if (len && len->kind == CV_NODE_NUMBER && unit_length(len, &u->lo_num)) {
        u->hi_num = u->lo_num;
        return CV_OK;
    }
    if (!len || len->kind != CV_NODE_OBJECT ||
        cv_crit_members(len, len_mem, diags, file) != CV_OK ||
        !unit_length(cv_node_member(len, "min"), &u->lo_num))
        return cv_crit_error(diags, file, len ? len : e,
                             "単位 '%s' の length は正の整数か "
                             "{\"min\", \"max\"} です",
                             "the length of unit '%s' is a positive integer "
                             "or {\"min\", \"max\"}",
                             u->id);
    max = cv_node_member(len, "max");
    if (max && max->kind == CV_NODE_NULL) {
        u->hi_den = 0; /* no longest */
        u->hi_num = 0;
    } else if (!unit_length(max, &u->hi_num) || u->hi_num < u->lo_num) {
        return cv_crit_error(diags, file, len,
                             "単位 '%s' の max は min 以上の整数か null です",
                             "the max of unit '%s' is an integer not below "
                             "min, or null",
                             u->id);
    }
    return CV_OK;
}

static cv_status load_bound_words(struct cv_units *t, struct cv_arena *a,
                                  const struct cv_node *list,
                                  struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "words", "position", "bound",
                                       "source", "note", NULL };
    static const struct {
        const char *name;
        enum cv_qualifier bound;
        bool approximate;
    } kinds[] = { { "ge", CV_QUAL_GE, false },    { "gt", CV_QUAL_GT, false },
                  { "le", CV_QUAL_LE, false },    { "lt", CV_QUAL_LT, false },
                  { "approximate", CV_QUAL_EXACT, true } };
    struct cv_bound_word *out;
    const struct cv_node *e;
    size_t cap = 0, n = 0;
    cv_status st = CV_OK;
    for (e = list->first; e; e = e->next) {
        const struct cv_node *w = cv_node_member(e, "words");
        cap += w && w->kind == CV_NODE_ARRAY ? w->count : 0;
    }
    out = cv_arena_calloc(a, cap + 1, sizeof(*out));
    if (!out)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        const char *pos = NULL, *bound = NULL, *src = NULL, **words = NULL;
        size_t nwords = 0, k, j;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&pos, e, "position", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&bound, e, "bound", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&src, e, "source", diags, file);
        if (st == CV_OK)
            st = unit_words(&words, &nwords, a, e, "words", diags, file);
        if (st != CV_OK)
            break;
        for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
            if (strcmp(kinds[k].name, bound) == 0)
                break;
        if (k == sizeof(kinds) / sizeof(kinds[0]) ||
            (strcmp(pos, "prefix") != 0 && strcmp(pos, "suffix") != 0))
            return cv_crit_error(diags, file, e,
                                 "bound は ge/gt/le/lt/approximate、position "
                                 "は prefix/suffix です ('%s')",
                                 "bound is ge/gt/le/lt/approximate and "
                                 "position prefix/suffix ('%s')",
                                 bound);
        for (j = 0; j < nwords && n < cap; j++, n++) {
            out[n].word = words[j];
            out[n].prefix = strcmp(pos, "prefix") == 0;
            out[n].bound = kinds[k].bound;
            out[n].approximate = kinds[k].approximate;
        }
    }
    t->bounds = out;
    t->nbounds = n;
    return st;
}

static const struct cv_unit *unit_by_id(const struct cv_units *t,
                                        const char *id)
{
    size_t i;
    for (i = 0; i < t->nunits; i++)
        if (strcmp(t->units[i].id, id) == 0)
            return &t->units[i];
    return NULL;
}

/* A field's label, and the unit of a numeric field: it must have a fixed
 * length, since numbers are converted into it. */
static cv_status load_unit_field(struct cv_unit_field *f,
                                 const struct cv_criteria *c,
                                 const struct cv_node *e,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "field", "unit", "label", "source",
                                       NULL };
    struct cv_text2 label;
    const char *unit = cv_node_str(e, "unit"), *src;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&f->field, e, "field", diags, file);
    if (st == CV_OK)
        st = cv_crit_text2(&label, e, "label", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, e, "source", diags, file);
    if (st != CV_OK)
        return st;
    f->label_ja = label.ja;
    f->label_en = label.en;
    f->unit = unit ? unit_by_id(&c->tables.units, unit) : NULL;
    if (unit && (!f->unit || f->unit->hi_den == 0 ||
                 f->unit->hi_num != f->unit->lo_num))
        return cv_crit_error(diags, file, e,
                             "'%s' は固定長の単位ではありません",
                             "'%s' is not a unit of fixed length", unit);
    if (!c->schema)
        return CV_OK;
    f->schema = cv_schema_at(c->schema, f->field);
    if (!f->schema)
        return cv_crit_error(diags, file, e,
                             "'%s' は質問票の項目ではありません",
                             "'%s' is not a field of the questionnaire",
                             f->field);
    if (unit && !(f->schema->types & (CV_ST_NUMBER | CV_ST_INTEGER)))
        return cv_crit_error(diags, file, e,
                             "'%s' は数値の項目ではないので単位を持てません",
                             "'%s' is not numeric, so it has no unit",
                             f->field);
    return CV_OK;
}

cv_status cv_units_load(struct cv_criteria *c, struct cv_diags *diags,
                        const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "note", "units",
                                       "bounds", "fields", NULL };
    struct cv_units *t = &c->tables.units;
    const struct cv_node *doc = NULL, *units = NULL, *bounds = NULL,
                         *fields = NULL, *e;
    struct cv_unit *u;
    struct cv_unit_field *f;
    const char *file;
    size_t i = 0;
    cv_status st = read_table(&doc, c, diags, dir, "units.json",
                              "cloudvet-units/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&units, doc, "units", diags, file);
    if (st == CV_OK)
        st = list_of(&bounds, doc, "bounds", diags, file);
    if (st == CV_OK)
        st = list_of(&fields, doc, "fields", diags, file);
    if (st != CV_OK)
        return st;
    u = cv_arena_calloc(&c->arena, units->count + 1, sizeof(*u));
    f = cv_arena_calloc(&c->arena, fields->count + 1, sizeof(*f));
    if (!u || !f)
        return CV_ENOMEM;
    for (e = units->first; e && st == CV_OK; e = e->next, i++)
        st = load_unit(&u[i], &c->arena, e, diags, file);
    t->units = u;
    t->nunits = i;
    if (st == CV_OK)
        st = load_bound_words(t, &c->arena, bounds, diags, file);
    for (i = 0, e = fields->first; e && st == CV_OK; e = e->next, i++)
        st = load_unit_field(&f[i], c, e, diags, file);
    t->fields = f;
    t->nfields = st == CV_OK ? i : 0;
    return st;
}

/* ---- data/labels.json: words for enumeration values in reasons ---- */

static cv_status load_label(struct cv_value_label *l,
                            const struct cv_criteria *c,
                            const struct cv_node *e, struct cv_diags *diags,
                            const char *file)
{
    static const char *const mem[] = { "field", "value", "label", NULL };
    const struct cv_schema *s;
    struct cv_text2 label;
    size_t i;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&l->field, e, "field", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&l->value, e, "value", diags, file);
    if (st == CV_OK)
        st = cv_crit_text2(&label, e, "label", diags, file);
    if (st != CV_OK)
        return st;
    l->ja = label.ja;
    l->en = label.en;
    s = c->schema ? cv_schema_at(c->schema, l->field) : NULL;
    if (c->schema && !s)
        return cv_crit_error(diags, file, e,
                             "'%s' は質問票の項目ではありません",
                             "'%s' is not a field of the questionnaire",
                             l->field);
    for (i = 0; s && i < s->nenums; i++)
        if (strcmp(s->enums[i], l->value) == 0)
            return CV_OK;
    if (!s)
        return CV_OK;
    return cv_crit_error(diags, file, e, "'%s' はこの項目の値ではありません",
                         "'%s' is not a value of this field", l->value);
}

cv_status cv_labels_load(struct cv_criteria *c, struct cv_diags *diags,
                         const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "entries", NULL };
    struct cv_labels *t = &c->tables.labels;
    const struct cv_node *doc = NULL, *list = NULL, *e;
    struct cv_value_label *items;
    const char *file;
    size_t i = 0;
    cv_status st = read_table(&doc, c, diags, dir, "labels.json",
                              "cloudvet-labels/1", top, digest, &file);
    if (st == CV_OK)
        st = list_of(&list, doc, "entries", diags, file);
    if (st != CV_OK)
        return st;
    items = cv_arena_calloc(&c->arena, list->count + 1, sizeof(*items));
    if (!items)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next, i++)
        st = load_label(&items[i], c, e, diags, file);
    t->items = items;
    t->n = st == CV_OK ? i : 0;
    return st;
}

const char *cv_value_label(const struct cv_labels *t, const char *field,
                           const char *value, cv_lang lang)
{
    size_t i;
    for (i = 0; value && i < t->n; i++)
        if (strcmp(t->items[i].field, field) == 0 &&
            strcmp(t->items[i].value, value) == 0)
            return lang == CV_LANG_EN ? t->items[i].en : t->items[i].ja;
    return value;
}
