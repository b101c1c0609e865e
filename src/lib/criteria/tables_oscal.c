/* SPDX-License-Identifier: MIT */
/*
 * tables_oscal.c: criteria/data/oscal.json, how an OSCAL system security
 * plan is read (norm/oscal.h): the versions and prop namespaces accepted,
 * the props that mark a data centre, what each implementation status
 * means, which control carries which fact. The words the narratives are
 * searched for come from the tables already loaded (MFA factors, the
 * CRYPTREC ciphers, the region identifiers), folded once here, so the SSP
 * reader knows no table of its own.
 */
#include <string.h>

#include "../base/unicode.h"
#include "../norm/oscal.h"
#include "criteria.h"

#define OSCAL_FILE "data/oscal.json"

static cv_status need_list(const struct cv_node **out, const struct cv_node *obj,
                           const char *name, struct cv_diags *diags,
                           const char *file)
{
    const struct cv_node *l = cv_node_member(obj, name);
    *out = l;
    if (!l || l->kind != CV_NODE_ARRAY || l->count == 0)
        return cv_crit_error(diags, file, l ? l : obj,
                             "'%s' は空でない配列でなければなりません",
                             "'%s' must be a non-empty list", name);
    return CV_OK;
}

/* A list of strings (name must be present unless `optional`). */
static cv_status strings(const char ***out, size_t *n, struct cv_arena *a,
                         const struct cv_node *obj, const char *name,
                         bool optional, struct cv_diags *diags,
                         const char *file)
{
    const struct cv_node *l = cv_node_member(obj, name), *e;
    *out = NULL;
    *n = 0;
    if (!l && optional)
        return CV_OK;
    if (!l || l->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, l ? l : obj,
                             "'%s' は文字列の配列でなければなりません",
                             "'%s' must be a list of strings", name);
    *out = cv_arena_calloc(a, l->count + 1, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (e = l->first; e; e = e->next) {
        if (e->kind != CV_NODE_STRING || e->text_len == 0)
            return cv_crit_error(diags, file, e,
                                 "'%s' は空でない文字列の配列でなければなりません",
                                 "'%s' must be a list of non-empty strings",
                                 name);
        (*out)[(*n)++] = e->text;
    }
    return CV_OK;
}

/* Every entry of a list names its published source. */
static cv_status sourced(const struct cv_node *e, struct cv_diags *diags,
                         const char *file)
{
    const char *src = NULL;
    return cv_crit_string(&src, e, "source", diags, file);
}

static cv_status uris(const char ***out, size_t *n, struct cv_arena *a,
                      const struct cv_node *doc, const char *name,
                      struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "uri", "source", "note", NULL };
    const struct cv_node *l, *e;
    cv_status st = need_list(&l, doc, name, diags, file);
    if (st != CV_OK)
        return st;
    *n = 0;
    *out = cv_arena_calloc(a, l->count, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (e = l->first; e && st == CV_OK; e = e->next) {
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = sourced(e, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&(*out)[*n], e, "uri", diags, file);
        if (st == CV_OK)
            (*n)++;
    }
    return st;
}

static cv_status load_versions(struct cv_oscal_map *m, struct cv_arena *a,
                               const struct cv_node *doc,
                               struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "prefixes", "source", "note", NULL };
    const struct cv_node *v = cv_node_member(doc, "versions");
    cv_status st = cv_crit_members(v, mem, diags, file);
    if (st == CV_OK)
        st = sourced(v, diags, file);
    if (st == CV_OK)
        st = strings(&m->versions, &m->nversions, a, v, "prefixes", false,
                     diags, file);
    return st;
}

static cv_status load_data_center(struct cv_oscal_map *m, struct cv_arena *a,
                                  const struct cv_node *doc,
                                  struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "prop", "value", "classes", "source",
                                       "note", NULL };
    static const char *const cmem[] = { "class", "purpose", NULL };
    const struct cv_node *dc = cv_node_member(doc, "data_center"), *l, *e;
    cv_status st = cv_crit_members(dc, mem, diags, file);
    if (st == CV_OK)
        st = sourced(dc, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&m->dc_prop, dc, "prop", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&m->dc_value, dc, "value", diags, file);
    if (st == CV_OK)
        st = need_list(&l, dc, "classes", diags, file);
    if (st != CV_OK)
        return st;
    m->dc_classes = cv_arena_calloc(a, l->count, sizeof(*m->dc_classes));
    m->dc_purposes = cv_arena_calloc(a, l->count, sizeof(*m->dc_purposes));
    if (!m->dc_classes || !m->dc_purposes)
        return CV_ENOMEM;
    for (e = l->first; e && st == CV_OK; e = e->next) {
        st = cv_crit_members(e, cmem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&m->dc_classes[m->ndc], e, "class", diags,
                                file);
        if (st == CV_OK)
            st = cv_crit_string(&m->dc_purposes[m->ndc], e, "purpose", diags,
                                file);
        if (st == CV_OK)
            m->ndc++;
    }
    return st;
}

static bool is_response(const char *r)
{
    return strcmp(r, "yes") == 0 || strcmp(r, "partial") == 0 ||
           strcmp(r, "no") == 0;
}

static cv_status bad_response(struct cv_diags *diags, const char *file,
                              const struct cv_node *at, const char *r)
{
    return cv_crit_error(diags, file, at,
                         "回答 '%s' は yes、partial、no のいずれかでなければ"
                         "なりません",
                         "response '%s' must be yes, partial or no", r);
}

static cv_status load_statuses(struct cv_oscal_map *m, struct cv_arena *a,
                               const struct cv_node *doc,
                               struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "prop", "values", "unknown_response",
                                       "source", "note", NULL };
    static const char *const vmem[] = { "value", "response", "source",
                                        "note", NULL };
    const struct cv_node *s = cv_node_member(doc, "statuses"), *l, *e;
    struct cv_oscal_status *out;
    cv_status st = cv_crit_members(s, mem, diags, file);
    if (st == CV_OK)
        st = sourced(s, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&m->status_prop, s, "prop", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&m->unknown_response, s, "unknown_response",
                            diags, file);
    if (st == CV_OK && !is_response(m->unknown_response))
        st = bad_response(diags, file, s, m->unknown_response);
    if (st == CV_OK)
        st = need_list(&l, s, "values", diags, file);
    if (st != CV_OK)
        return st;
    out = cv_arena_calloc(a, l->count, sizeof(*out));
    if (!out)
        return CV_ENOMEM;
    m->statuses = out;
    for (e = l->first; e && st == CV_OK; e = e->next) {
        struct cv_oscal_status *o = &out[m->nstatuses];
        st = cv_crit_members(e, vmem, diags, file);
        if (st == CV_OK)
            st = sourced(e, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&o->value, e, "value", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&o->response, e, "response", diags, file);
        if (st == CV_OK && !is_response(o->response))
            st = bad_response(diags, file, e, o->response);
        if (st == CV_OK)
            m->nstatuses++;
    }
    return st;
}

/* The numbers' keywords, folded (the narrative is folded the same way). */
static cv_status load_numbers(struct cv_oscal_number **out, size_t *n,
                              struct cv_arena *a, const struct cv_node *doc,
                              struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "id", "path", "keywords", "source",
                                       "note", NULL };
    const struct cv_node *l, *e;
    cv_status st = need_list(&l, doc, "numbers", diags, file);
    if (st != CV_OK)
        return st;
    *n = 0;
    *out = cv_arena_calloc(a, l->count, sizeof(**out));
    if (!*out)
        return CV_ENOMEM;
    for (e = l->first; e && st == CV_OK; e = e->next) {
        struct cv_oscal_number *num = &(*out)[*n];
        const char *id;
        size_t k;
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = sourced(e, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&id, e, "id", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&num->path, e, "path", diags, file);
        if (st == CV_OK)
            st = strings(&num->keys, &num->nkeys, a, e, "keywords", false,
                         diags, file);
        for (k = 0; st == CV_OK && k < num->nkeys; k++) {
            num->keys[k] = cv_fold_key(a, num->keys[k], strlen(num->keys[k]));
            if (!num->keys[k])
                st = CV_ENOMEM;
        }
        if (st == CV_OK)
            (*n)++;
    }
    return st;
}

static const struct {
    const char *name;
    enum cv_oscal_extract x;
} extract_names[] = {
    { "factors", CV_OSCAL_X_FACTORS },
    { "at_rest", CV_OSCAL_X_AT_REST },
    { "tls", CV_OSCAL_X_TLS },
};

static cv_status control_extract(struct cv_oscal_control *ctl,
                                 struct cv_arena *a, const struct cv_node *e,
                                 struct cv_diags *diags, const char *file)
{
    const char **names;
    size_t n, i, k;
    cv_status st = strings(&names, &n, a, e, "extract", true, diags, file);
    if (st != CV_OK || n == 0)
        return st;
    ctl->extract = cv_arena_calloc(a, n, sizeof(*ctl->extract));
    if (!ctl->extract)
        return CV_ENOMEM;
    for (i = 0; i < n; i++) {
        for (k = 0; k < sizeof(extract_names) / sizeof(extract_names[0]); k++)
            if (strcmp(extract_names[k].name, names[i]) == 0)
                break;
        if (k == sizeof(extract_names) / sizeof(extract_names[0]))
            return cv_crit_error(diags, file, cv_node_member(e, "extract"),
                                 "未知の抽出 '%s'",
                                 "unknown extraction '%s'", names[i]);
        ctl->extract[ctl->nextract++] = extract_names[k].x;
    }
    return CV_OK;
}

static cv_status control_numbers(struct cv_oscal_control *ctl,
                                 struct cv_arena *a, const struct cv_node *e,
                                 const struct cv_node *doc,
                                 const struct cv_oscal_number *nums,
                                 size_t nnums, struct cv_diags *diags,
                                 const char *file)
{
    const char **ids;
    size_t n, i;
    cv_status st = strings(&ids, &n, a, e, "numbers", true, diags, file);
    if (st != CV_OK || n == 0)
        return st;
    ctl->numbers = cv_arena_calloc(a, n, sizeof(*ctl->numbers));
    if (!ctl->numbers)
        return CV_ENOMEM;
    for (i = 0; i < n; i++) {
        const struct cv_node *l = cv_node_member(doc, "numbers"), *x;
        size_t k = 0;
        for (x = l->first; x; x = x->next, k++)
            if (strcmp(cv_node_str(x, "id"), ids[i]) == 0)
                break;
        if (!x || k >= nnums)
            return cv_crit_error(diags, file, cv_node_member(e, "numbers"),
                                 "numbers にない数値 '%s'",
                                 "number '%s' is not in numbers", ids[i]);
        ctl->numbers[ctl->nnumbers++] = &nums[k];
    }
    return CV_OK;
}

static cv_status control_settings(struct cv_oscal_control *ctl,
                                  struct cv_arena *a, const struct cv_node *e,
                                  struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "path", "value", NULL };
    const struct cv_node *l = cv_node_member(e, "when_implemented"), *s;
    struct cv_oscal_setting *out;
    cv_status st = CV_OK;
    if (!l)
        return CV_OK;
    if (l->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, l, "'%s' は配列でなければなりません",
                             "'%s' must be a list", "when_implemented");
    out = cv_arena_calloc(a, l->count + 1, sizeof(*out));
    if (!out)
        return CV_ENOMEM;
    ctl->settings = out;
    for (s = l->first; s && st == CV_OK; s = s->next) {
        st = cv_crit_members(s, mem, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&out[ctl->nsettings].path, s, "path", diags,
                                file);
        if (st == CV_OK)
            st = cv_crit_string(&out[ctl->nsettings].value, s, "value",
                                diags, file);
        if (st == CV_OK)
            ctl->nsettings++;
    }
    return st;
}

static cv_status load_controls(struct cv_oscal_map *m, struct cv_arena *a,
                               const struct cv_node *doc,
                               const struct cv_oscal_number *nums,
                               size_t nnums, struct cv_diags *diags,
                               const char *file)
{
    static const char *const mem[] = { "control", "criterion", "extract",
                                       "numbers", "when_implemented",
                                       "source", "note", NULL };
    const struct cv_node *l, *e;
    struct cv_oscal_control *out;
    cv_status st = need_list(&l, doc, "controls", diags, file);
    if (st != CV_OK)
        return st;
    out = cv_arena_calloc(a, l->count, sizeof(*out));
    if (!out)
        return CV_ENOMEM;
    m->controls = out;
    for (e = l->first; e && st == CV_OK; e = e->next) {
        struct cv_oscal_control *ctl = &out[m->ncontrols];
        st = cv_crit_members(e, mem, diags, file);
        if (st == CV_OK)
            st = sourced(e, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&ctl->id, e, "control", diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&ctl->criterion, e, "criterion", diags, file);
        if (st == CV_OK)
            st = control_extract(ctl, a, e, diags, file);
        if (st == CV_OK)
            st = control_numbers(ctl, a, e, doc, nums, nnums, diags, file);
        if (st == CV_OK)
            st = control_settings(ctl, a, e, diags, file);
        if (st == CV_OK)
            m->ncontrols++;
    }
    return st;
}

static cv_status load_uncovered(struct cv_oscal_map *m, struct cv_arena *a,
                                const struct cv_node *doc,
                                struct cv_diags *diags, const char *file)
{
    static const char *const mem[] = { "criteria", "source", "note", NULL };
    const struct cv_node *u = cv_node_member(doc, "uncovered");
    cv_status st = cv_crit_members(u, mem, diags, file);
    if (st == CV_OK)
        st = sourced(u, diags, file);
    if (st == CV_OK)
        st = strings(&m->uncovered, &m->nuncovered, a, u, "criteria", false,
                     diags, file);
    return st;
}

/* ---- the words of the other tables ---- */

static cv_status copy_factors(struct cv_oscal_map *m, struct cv_arena *a,
                              const struct cv_tables *t)
{
    struct cv_oscal_word *w;
    size_t i, k, n = 0;
    for (i = 0; i < t->nfactors; i++)
        n += t->factors[i].nkeys;
    w = cv_arena_calloc(a, n + 1, sizeof(*w));
    if (!w)
        return CV_ENOMEM;
    for (i = 0; i < t->nfactors; i++)
        for (k = 0; k < t->factors[i].nkeys; k++) {
            w[m->nfactors].key = t->factors[i].keys[k];
            w[m->nfactors++].value = t->factors[i].name;
        }
    m->factors = w;
    return CV_OK;
}

/* The ciphers data at rest is encrypted with: the CRYPTREC list's block
 * and stream ciphers (a hash or a mode alone encrypts nothing). */
static bool is_cipher(const struct cv_crypto_alg *alg)
{
    return strncmp(alg->category, "block_cipher", 12) == 0 ||
           strcmp(alg->category, "stream_cipher") == 0;
}

static cv_status copy_ciphers(struct cv_oscal_map *m, struct cv_arena *a,
                              const struct cv_tables *t)
{
    struct cv_oscal_word *w = cv_arena_calloc(a, t->nalgs + 1, sizeof(*w));
    size_t i;
    if (!w)
        return CV_ENOMEM;
    for (i = 0; i < t->nalgs; i++) {
        if (!is_cipher(&t->algs[i]))
            continue;
        w[m->nciphers].key =
            cv_fold_key(a, t->algs[i].name, strlen(t->algs[i].name));
        if (!w[m->nciphers].key)
            return CV_ENOMEM;
        w[m->nciphers++].value = t->algs[i].name;
    }
    m->ciphers = w;
    return CV_OK;
}

static cv_status copy_regions(struct cv_oscal_map *m, struct cv_arena *a,
                              const struct cv_tables *t)
{
    struct cv_oscal_region *r;
    size_t i, k, n = 0;
    for (i = 0; i < t->nregions; i++)
        n += t->regions[i].nkeys;
    r = cv_arena_calloc(a, n + 1, sizeof(*r));
    if (!r)
        return CV_ENOMEM;
    for (i = 0; i < t->nregions; i++)
        for (k = 0; k < t->regions[i].nkeys; k++) {
            r[m->nregions].key = t->regions[i].keys[k];
            r[m->nregions++].id = t->regions[i].id;
        }
    m->regions = r;
    return CV_OK;
}

cv_status cv_tables_load_oscal(struct cv_criteria *c, struct cv_diags *diags,
                               const char *dir, struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "note",
                                       "versions", "xml_namespaces",
                                       "prop_namespaces", "data_center",
                                       "statuses", "numbers", "controls",
                                       "uncovered", NULL };
    struct cv_arena *a = &c->arena;
    const struct cv_node *doc = NULL;
    struct cv_oscal_map *m;
    struct cv_oscal_number *nums = NULL;
    const char **xml_ns = NULL;
    const char *src = NULL;
    size_t nnums = 0, nxml = 0;
    char *file = cv_crit_join_path(a, dir, OSCAL_FILE);
    cv_status st;
    if (!file)
        return CV_ENOMEM;
    m = cv_arena_calloc(a, 1, sizeof(*m));
    if (!m)
        return CV_ENOMEM;
    st = cv_crit_read_json(&doc, a, diags, &c->limits, file, digest);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-oscal/1", top, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, doc, "source", diags, file);
    if (st == CV_OK)
        st = load_versions(m, a, doc, diags, file);
    if (st == CV_OK)
        st = uris(&xml_ns, &nxml, a, doc, "xml_namespaces", diags, file);
    if (st == CV_OK)
        st = uris(&m->prop_namespaces, &m->nprop_namespaces, a, doc,
                  "prop_namespaces", diags, file);
    if (st == CV_OK)
        st = load_data_center(m, a, doc, diags, file);
    if (st == CV_OK)
        st = load_statuses(m, a, doc, diags, file);
    if (st == CV_OK)
        st = load_numbers(&nums, &nnums, a, doc, diags, file);
    if (st == CV_OK)
        st = load_controls(m, a, doc, nums, nnums, diags, file);
    if (st == CV_OK)
        st = load_uncovered(m, a, doc, diags, file);
    if (st == CV_OK)
        st = copy_factors(m, a, &c->tables);
    if (st == CV_OK)
        st = copy_ciphers(m, a, &c->tables);
    if (st == CV_OK)
        st = copy_regions(m, a, &c->tables);
    if (st == CV_OK)
        c->tables.oscal = m;
    return st;
}
