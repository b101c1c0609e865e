/* SPDX-License-Identifier: MIT */
/*
 * tables_names.c: the tables of names (see criteria/README.md): the courts
 * of Japan (data/courts.json), the names of cloud providers
 * (data/providers.json, extending the provider names of data/regions.json)
 * and the certification schemes (data/schemes.json).
 *
 * Why exact keys: a name matched by a part of it is a guess ("AWS" inside
 * another word, 「地方裁判所」 inside 「ニューヨーク州地方裁判所」). Every way
 * of writing a name is spelled out here, folded once at load, and a lookup
 * is a comparison of whole keys. What no key matches is unknown, and the
 * checks say so instead of guessing.
 */
#include <stdio.h>
#include <string.h>

#include "../base/unicode.h"
#include "criteria.h"

/* ---- helpers ---- */

struct names_file {
    const struct cv_node *doc;
    const char *path;
};

static cv_status read_names(struct names_file *f, struct cv_criteria *c,
                            struct cv_diags *diags, const char *dir,
                            const char *name, const char *format,
                            const char *const *allowed,
                            struct cv_strbuf *digest)
{
    char rel[64];
    cv_status st;
    snprintf(rel, sizeof(rel), "data/%s", name);
    f->path = cv_crit_join_path(&c->arena, dir, rel);
    if (!f->path)
        return CV_ENOMEM;
    st = cv_crit_read_json(&f->doc, &c->arena, diags, &c->limits, f->path,
                           digest);
    if (st == CV_OK)
        st = cv_crit_expect(f->doc, format, allowed, diags, f->path);
    return st;
}

/* The member `name` of `obj` as a list of strings or objects. */
static cv_status names_list(const struct cv_node **out,
                            const struct cv_node *obj, const char *name,
                            bool required, struct cv_diags *diags,
                            const char *file)
{
    const struct cv_node *n = cv_node_member(obj, name), *e;
    *out = NULL;
    if (!n && !required)
        return CV_OK;
    if (!n || n->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, n ? n : obj,
                             "'%s' は配列でなければなりません",
                             "'%s' must be a list", name);
    for (e = n->first; e; e = e->next)
        if (e->kind != CV_NODE_STRING && e->kind != CV_NODE_OBJECT)
            return cv_crit_error(diags, file, e,
                                 "'%s' の要素が文字列ではありません",
                                 "an item of '%s' is not a string", name);
    *out = n;
    return CV_OK;
}

static cv_status names_strings(const struct cv_node **out,
                               const struct cv_node *obj, const char *name,
                               bool required, struct cv_diags *diags,
                               const char *file)
{
    const struct cv_node *e;
    cv_status st = names_list(out, obj, name, required, diags, file);
    for (e = *out ? (*out)->first : NULL; st == CV_OK && e; e = e->next)
        if (e->kind != CV_NODE_STRING)
            st = cv_crit_error(diags, file, e,
                               "'%s' の要素が文字列ではありません",
                               "an item of '%s' is not a string", name);
    return st;
}

/* Every name must say where it comes from. */
static cv_status require_source(const struct cv_node *e,
                                struct cv_diags *diags, const char *file)
{
    const char *src = NULL;
    return cv_crit_string(&src, e, "source", diags, file);
}

char *cv_names_key(struct cv_arena *a, const char *s, size_t len)
{
    char *k = cv_fold_key(a, s, len), *r, *w;
    if (!k)
        return NULL;
    for (r = w = k; *r;) {
        if (*r == ',' || *r == '.') {
            r++;
            continue;
        }
        /* U+30FB KATAKANA MIDDLE DOT (NFKC also maps U+FF65 to it) */
        if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x83 &&
            (unsigned char)r[2] == 0xBB) {
            r += 3;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
    return k;
}

static const char *key_of(struct cv_arena *a, const char *s)
{
    return cv_names_key(a, s, strlen(s));
}

static const char *fold_of(struct cv_arena *a, const char *s)
{
    return cv_fold_key(a, s, strlen(s));
}

/* A growing array in the criteria arena (sizes overflow-checked by the
 * arena's calloc). */
struct grow {
    void *items;
    size_t n, cap, size;
};

static void *grow_next(struct cv_arena *a, struct grow *g)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        void *p;
        if (cap < g->cap)
            return NULL;
        p = cv_arena_calloc(a, cap, g->size);
        if (!p)
            return NULL;
        if (g->n)
            memcpy(p, g->items, g->n * g->size);
        g->items = p;
        g->cap = cap;
    }
    return (char *)g->items + g->n++ * g->size;
}

/* ---- courts.json ---- */

struct court_kind {
    const char *id;
    const char *suffix;
    const struct cv_node *abbrs;
    const char *en;
    const char *places_of; /* the kind whose seats this kind shares */
    bool branches_as_places; /* summary courts sit at the branch seats */
};

struct courts_build {
    struct cv_arena *a;
    struct grow keys;
    struct court_kind *kinds;
    size_t nkinds;
    const char *branch_suffix;
};

static cv_status add_court_key(struct courts_build *b, const char *written,
                               const char *name, const char *kind)
{
    struct cv_court_name *k = grow_next(b->a, &b->keys);
    if (!k || !(k->key = key_of(b->a, written)))
        return CV_ENOMEM;
    k->name = name;
    k->kind = kind;
    return CV_OK;
}

static char *concat3(struct cv_arena *a, const char *x, const char *y,
                     const char *z)
{
    size_t n = strlen(x) + strlen(y) + strlen(z) + 1;
    char *p = cv_arena_alloc(a, n);
    if (p)
        snprintf(p, n, "%s%s%s", x, y, z);
    return p;
}

/* 東京地方裁判所, 東京地裁, Tokyo District Court and, for a branch B,
 * 東京地方裁判所B支部, 東京地裁B支部. */
static cv_status add_court_forms(struct courts_build *b,
                                 const struct court_kind *k,
                                 const char *place, const char *en,
                                 const char *branch)
{
    struct cv_arena *a = b->a;
    const char *tail = branch ? concat3(a, branch, b->branch_suffix, "")
                              : "";
    const char *name = tail ? concat3(a, place, k->suffix, tail) : NULL;
    const struct cv_node *ab;
    cv_status st;
    if (!name)
        return CV_ENOMEM;
    st = add_court_key(b, name, name, k->id);
    for (ab = k->abbrs ? k->abbrs->first : NULL; st == CV_OK && ab;
         ab = ab->next) {
        const char *w = concat3(a, place, ab->text, tail);
        st = w ? add_court_key(b, w, name, k->id) : CV_ENOMEM;
    }
    if (st == CV_OK && en && !branch && k->en) {
        const char *w = concat3(a, en, " ", k->en);
        st = w ? add_court_key(b, w, name, k->id) : CV_ENOMEM;
    }
    return st;
}

static const struct court_kind *find_kind(const struct courts_build *b,
                                          const char *id)
{
    size_t i;
    for (i = 0; id && i < b->nkinds; i++)
        if (strcmp(b->kinds[i].id, id) == 0)
            return &b->kinds[i];
    return NULL;
}

static cv_status load_court_kinds(struct courts_build *b,
                                  const struct cv_node *doc,
                                  struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "id", "suffix", "abbreviations", "en",
                                       "places_of", "branches", "source",
                                       "note", NULL };
    const struct cv_node *list = NULL, *e;
    cv_status st = names_list(&list, doc, "kinds", true, diags, file);
    if (st != CV_OK)
        return st;
    b->kinds = cv_arena_calloc(b->a, list->count + 1, sizeof(*b->kinds));
    if (!b->kinds)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        struct court_kind *k = &b->kinds[b->nkinds];
        const char *branches = cv_node_str(e, "branches");
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&k->id, e, "id", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&k->suffix, e, "suffix", diags, file);
        if (st == CV_OK)
            st = require_source(e, diags, file);
        if (st == CV_OK)
            st = names_strings(&k->abbrs, e, "abbreviations", false, diags,
                               file);
        if (st == CV_OK && branches && strcmp(branches, "places") != 0 &&
            strcmp(branches, "branches") != 0)
            st = cv_crit_error(diags, file, e,
                               "branches は places か branches です: '%s'",
                               "branches is places or branches: '%s'",
                               branches);
        if (st != CV_OK)
            break;
        k->en = cv_node_str(e, "en");
        k->places_of = cv_node_str(e, "places_of");
        k->branches_as_places = branches && strcmp(branches, "places") == 0;
        b->nkinds++;
    }
    return st;
}

/* One court of the table: a named one (最高裁判所), or a kind at a place
 * with its branches; then every kind that sits at the same seats. */
static cv_status load_court(struct courts_build *b, const struct cv_node *e,
                            struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "name", "kind", "place", "en",
                                       "aliases", "branches", "source",
                                       "note", NULL };
    const char *name = cv_node_str(e, "name"), *place = cv_node_str(e, "place");
    const char *en = cv_node_str(e, "en");
    const struct court_kind *k = find_kind(b, cv_node_str(e, "kind"));
    const struct cv_node *aliases = NULL, *branches = NULL, *x;
    size_t i;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = require_source(e, diags, file);
    if (st == CV_OK)
        st = names_strings(&aliases, e, "aliases", false, diags, file);
    if (st == CV_OK)
        st = names_strings(&branches, e, "branches", false, diags, file);
    if (st == CV_OK && cv_node_member(e, "kind") && !k)
        st = cv_crit_error(diags, file, e, "未知の種類です: '%s'",
                           "unknown kind: '%s'", cv_node_str(e, "kind"));
    if (st == CV_OK && !name && !(k && place))
        st = cv_crit_error(diags, file, e,
                           "name か、kind (既知の種類) と place が必要です%s",
                           "a court needs a name, or a known kind and a "
                           "place%s",
                           "");
    if (st != CV_OK)
        return st;
    if (name) {
        st = add_court_key(b, name, name, k ? k->id : NULL);
        for (x = aliases ? aliases->first : NULL; st == CV_OK && x;
             x = x->next)
            st = add_court_key(b, x->text, name, k ? k->id : NULL);
        return st;
    }
    st = add_court_forms(b, k, place, en, NULL);
    for (x = branches ? branches->first : NULL; st == CV_OK && x; x = x->next)
        st = add_court_forms(b, k, place, NULL, x->text);
    /* Family and summary courts at this court's seats. */
    for (i = 0; st == CV_OK && i < b->nkinds; i++) {
        const struct court_kind *o = &b->kinds[i];
        if (!o->places_of || strcmp(o->places_of, k->id) != 0)
            continue;
        st = add_court_forms(b, o, place, en, NULL);
        for (x = branches ? branches->first : NULL; st == CV_OK && x;
             x = x->next)
            st = o->branches_as_places
                     ? add_court_forms(b, o, x->text, NULL, NULL)
                     : add_court_forms(b, o, place, NULL, x->text);
    }
    return st;
}

static cv_status load_text_set(const char ***out, size_t *n,
                               struct cv_arena *a, const struct cv_node *obj,
                               const char *member, bool folded_only,
                               struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "texts", "markers", "forms", "source",
                                       "note", NULL };
    const struct cv_node *list = NULL, *e;
    const char **keys;
    cv_status st = cv_crit_members(obj, mem, diags, file);
    if (st == CV_OK)
        st = require_source(obj, diags, file);
    if (st == CV_OK)
        st = names_strings(&list, obj, member, true, diags, file);
    if (st != CV_OK)
        return st;
    keys = cv_arena_calloc(a, list->count + *n + 1, sizeof(*keys));
    if (!keys)
        return CV_ENOMEM;
    if (*n)
        memcpy(keys, *out, *n * sizeof(*keys));
    for (e = list->first; e; e = e->next)
        if (!(keys[(*n)++] = folded_only ? fold_of(a, e->text)
                                         : key_of(a, e->text)))
            return CV_ENOMEM;
    *out = keys;
    return CV_OK;
}

static cv_status load_courts(struct cv_criteria *c, struct cv_diags *diags,
                             const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "country", "source", "note",
                                       "kinds",
                                       "branch_suffix", "ignored_suffixes",
                                       "courts", "foreign", NULL };
    struct cv_name_tables *t = &c->tables.names;
    struct courts_build b;
    struct names_file f;
    const struct cv_node *list = NULL, *e, *ign;
    cv_status st = read_names(&f, c, diags, dir, "courts.json",
                              "cloudvet-courts/2", top, digest);
    memset(&b, 0, sizeof(b));
    b.a = &c->arena;
    b.keys.size = sizeof(struct cv_court_name);
    if (st == CV_OK)
        st = cv_crit_string(&t->court_country, f.doc, "country", diags,
                            f.path);
    if (st == CV_OK)
        st = cv_crit_string(&b.branch_suffix, f.doc, "branch_suffix", diags,
                            f.path);
    if (st == CV_OK)
        st = load_court_kinds(&b, f.doc, diags, f.path);
    if (st == CV_OK)
        st = names_list(&list, f.doc, "courts", true, diags, f.path);
    for (e = list ? list->first : NULL; st == CV_OK && e; e = e->next)
        st = load_court(&b, e, diags, f.path);
    ign = cv_node_member(f.doc, "ignored_suffixes");
    if (st == CV_OK && ign)
        st = load_text_set(&t->court_suffixes, &t->ncourt_suffixes, b.a, ign,
                           "texts", false, diags, f.path);
    if (st == CV_OK)
        st = names_list(&list, f.doc, "foreign", true, diags, f.path);
    for (e = list ? list->first : NULL; st == CV_OK && e; e = e->next)
        st = load_text_set(&t->foreign, &t->nforeign, b.a, e, "markers", true,
                           diags, f.path);
    t->courts = b.keys.items;
    t->ncourts = b.keys.n;
    return st;
}

static bool ends_with(const char *s, size_t n, const char *tail, size_t *cut)
{
    size_t m = strlen(tail);
    if (m == 0 || m >= n || memcmp(s + n - m, tail, m) != 0)
        return false;
    *cut = n - m;
    return true;
}

const struct cv_court_name *cv_names_court(const struct cv_name_tables *t,
                                           struct cv_arena *a,
                                           const char *text)
{
    char *key = text ? cv_names_key(a, text, strlen(text)) : NULL;
    size_t i, n, cut;
    bool again = true;
    if (!key)
        return NULL;
    /* 東京地方裁判所本庁を第一審の専属的合意管轄裁判所とする: the words
     * around the name go, one suffix at a time, until none is left. */
    n = strlen(key);
    while (again) {
        again = false;
        for (i = 0; i < t->ncourt_suffixes && !again; i++)
            if (ends_with(key, n, t->court_suffixes[i], &cut)) {
                key[cut] = '\0';
                n = cut;
                again = true;
            }
    }
    for (i = 0; i < t->ncourts; i++)
        if (strcmp(t->courts[i].key, key) == 0)
            return &t->courts[i];
    return NULL;
}

bool cv_names_foreign_court(const struct cv_name_tables *t,
                            struct cv_arena *a, const char *text)
{
    char *key = text ? cv_fold_key(a, text, strlen(text)) : NULL;
    size_t i;
    for (i = 0; key && i < t->nforeign; i++)
        if (strstr(key, t->foreign[i]))
            return true;
    return false;
}

/* ---- providers.json ---- */

/* `key` with company forms (株式会社, inc, ...) removed at either end, in
 * place: 株式会社インターネットイニシアティブ and Amazon Web Services, Inc.
 * are their companies' names. */
static char *strip_legal_forms(const struct cv_name_tables *t, char *key)
{
    bool again = true;
    size_t i, cut;
    while (again) {
        size_t n = strlen(key);
        again = false;
        for (i = 0; i < t->nlegal_forms && !again; i++) {
            size_t m = strlen(t->legal_forms[i]);
            if (ends_with(key, n, t->legal_forms[i], &cut)) {
                key[cut] = '\0';
                again = true;
            } else if (m && m < n &&
                       memcmp(key, t->legal_forms[i], m) == 0) {
                memmove(key, key + m, n - m + 1);
                again = true;
            }
        }
    }
    return key;
}

static cv_status add_provider_name(struct cv_arena *a, struct grow *g,
                                   const struct cv_name_tables *t,
                                   const char *name, const char *provider)
{
    struct cv_provider_name *p;
    char *key = cv_names_key(a, name, strlen(name));
    if (!key)
        return CV_ENOMEM;
    strip_legal_forms(t, key);
    if (!*key)
        return CV_OK;
    p = grow_next(a, g);
    if (!p)
        return CV_ENOMEM;
    p->key = key;
    p->provider = provider;
    return CV_OK;
}

static const struct cv_region_provider *
region_provider(const struct cv_tables *t, const char *id)
{
    size_t i;
    for (i = 0; id && i < t->nproviders; i++)
        if (strcmp(t->providers[i].id, id) == 0)
            return &t->providers[i];
    return NULL;
}

static cv_status load_providers(struct cv_criteria *c, struct cv_diags *diags,
                                const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "note",
                                       "legal_forms", "entries", NULL };
    static const char *const mem[] = { "id", "names", "source", "note",
                                       NULL };
    struct cv_tables *tab = &c->tables;
    struct cv_name_tables *t = &tab->names;
    struct grow g = { NULL, 0, 0, sizeof(struct cv_provider_name) };
    struct names_file f;
    const struct cv_node *list = NULL, *forms, *e, *n;
    size_t i;
    cv_status st = read_names(&f, c, diags, dir, "providers.json",
                              "cloudvet-providers/1", top, digest);
    forms = st == CV_OK ? cv_node_member(f.doc, "legal_forms") : NULL;
    if (st == CV_OK && forms)
        st = load_text_set(&t->legal_forms, &t->nlegal_forms, &c->arena,
                           forms, "forms", false, diags, f.path);
    if (st == CV_OK)
        st = names_list(&list, f.doc, "entries", true, diags, f.path);
    for (e = list ? list->first : NULL; st == CV_OK && e; e = e->next) {
        const char *id = NULL;
        const struct cv_region_provider *rp;
        const struct cv_node *names = NULL;
        st = cv_crit_members(e, mem, diags, f.path);
        if (st == CV_OK)
            st = cv_crit_string(&id, e, "id", diags, f.path);
        if (st == CV_OK)
            st = require_source(e, diags, f.path);
        if (st == CV_OK)
            st = names_strings(&names, e, "names", true, diags, f.path);
        rp = st == CV_OK ? region_provider(tab, id) : NULL;
        if (st == CV_OK && !rp)
            st = cv_crit_error(diags, f.path, e,
                               "事業者 '%s' は regions.json にありません",
                               "provider '%s' is not in regions.json", id);
        for (n = names ? names->first : NULL; st == CV_OK && n; n = n->next)
            st = add_provider_name(&c->arena, &g, t, n->text, rp->id);
    }
    /* The region table's own provider names, recognised the same way. */
    for (i = 0; st == CV_OK && i < tab->nproviders; i++) {
        size_t k;
        const struct cv_region_provider *p = &tab->providers[i];
        for (k = 0; st == CV_OK && k < p->nnames; k++)
            st = add_provider_name(&c->arena, &g, t, p->name_keys[k], p->id);
    }
    t->providers = g.items;
    t->nproviders = g.n;
    return st;
}

const char *cv_names_provider(const struct cv_name_tables *t,
                              struct cv_arena *a, const char *name)
{
    char *key = name ? cv_names_key(a, name, strlen(name)) : NULL;
    size_t i;
    if (!key)
        return NULL;
    strip_legal_forms(t, key);
    for (i = 0; *key && i < t->nproviders; i++)
        if (strcmp(t->providers[i].key, key) == 0)
            return t->providers[i].provider;
    return NULL;
}

/* ---- schemes.json ---- */

static cv_status add_scheme_name(struct cv_arena *a, struct grow *g,
                                 const char *written,
                                 const struct cv_scheme *s)
{
    struct cv_scheme_name *n = grow_next(a, g);
    if (!n || !(n->key = key_of(a, written)))
        return CV_ENOMEM;
    n->scheme = s;
    return CV_OK;
}

/* Each name, and each name followed by ":<edition>". */
static cv_status add_scheme_names(struct cv_arena *a, struct grow *g,
                                  const struct cv_node *names,
                                  const struct cv_node *editions,
                                  const struct cv_scheme *s)
{
    const struct cv_node *n, *ed;
    cv_status st = CV_OK;
    for (n = names->first; st == CV_OK && n; n = n->next) {
        st = add_scheme_name(a, g, n->text, s);
        for (ed = editions ? editions->first : NULL; st == CV_OK && ed;
             ed = ed->next) {
            const char *w = concat3(a, n->text, ":", ed->text);
            st = w ? add_scheme_name(a, g, w, s) : CV_ENOMEM;
        }
    }
    return st;
}

static const struct cv_scheme *scheme_by_id(const struct cv_name_tables *t,
                                            const char *id)
{
    size_t i;
    for (i = 0; id && i < t->nschemes; i++)
        if (strcmp(t->schemes[i].id, id) == 0)
            return &t->schemes[i];
    return NULL;
}

static cv_status load_schemes(struct cv_criteria *c, struct cv_diags *diags,
                              const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "note", "entries",
                                       NULL };
    static const char *const mem[] = { "id", "names", "editions",
                                       "equivalent_to", "source", "note",
                                       NULL };
    struct cv_name_tables *t = &c->tables.names;
    struct grow g = { NULL, 0, 0, sizeof(struct cv_scheme_name) };
    struct names_file f;
    const struct cv_node *list = NULL, *e;
    size_t i;
    cv_status st = read_names(&f, c, diags, dir, "schemes.json",
                              "cloudvet-schemes/1", top, digest);
    if (st == CV_OK)
        st = names_list(&list, f.doc, "entries", true, diags, f.path);
    if (st != CV_OK)
        return st;
    t->schemes = cv_arena_calloc(&c->arena, list->count + 1,
                                 sizeof(*t->schemes));
    if (!t->schemes)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        struct cv_scheme *s = &t->schemes[t->nschemes];
        const struct cv_node *names = NULL, *editions = NULL;
        st = cv_crit_members(e, mem, diags, f.path);
        if (st == CV_OK)
            st = cv_crit_string(&s->id, e, "id", diags, f.path);
        if (st == CV_OK)
            st = require_source(e, diags, f.path);
        if (st == CV_OK)
            st = names_strings(&names, e, "names", true, diags, f.path);
        if (st == CV_OK)
            st = names_strings(&editions, e, "editions", false, diags,
                               f.path);
        if (st == CV_OK && scheme_by_id(t, s->id))
            st = cv_crit_error(diags, f.path, e, "認証 '%s' が重複しています",
                               "duplicate scheme '%s'", s->id);
        if (st != CV_OK)
            break;
        s->equivalent_to = cv_node_str(e, "equivalent_to");
        t->nschemes++;
        st = add_scheme_names(&c->arena, &g, names, editions, s);
    }
    for (i = 0; st == CV_OK && i < t->nschemes; i++)
        if (t->schemes[i].equivalent_to &&
            !scheme_by_id(t, t->schemes[i].equivalent_to))
            st = cv_crit_error(diags, f.path, f.doc,
                               "equivalent_to '%s' は表にない認証です",
                               "equivalent_to '%s' is not a scheme of the "
                               "table",
                               t->schemes[i].equivalent_to);
    t->scheme_names = g.items;
    t->nscheme_names = g.n;
    return st;
}

const struct cv_scheme *cv_names_scheme(const struct cv_name_tables *t,
                                        struct cv_arena *a, const char *name)
{
    const char *key = name ? key_of(a, name) : NULL;
    size_t i;
    for (i = 0; key && i < t->nscheme_names; i++)
        if (strcmp(t->scheme_names[i].key, key) == 0)
            return t->scheme_names[i].scheme;
    return NULL;
}

cv_status cv_names_load(struct cv_criteria *c, struct cv_diags *diags,
                        const char *dir, struct cv_strbuf *digest)
{
    cv_status st = load_courts(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_providers(c, diags, dir, digest);
    if (st == CV_OK)
        st = load_schemes(c, diags, dir, digest);
    return st;
}
