/* SPDX-License-Identifier: MIT */
/*
 * tables_deletion.c: criteria/data/deletion-methods.json, the deletion
 * methods the `deletion` check recognises in a vendor's method text
 * (5(6)①). Terms are folded (NFKC, case fold, blanks removed) once here,
 * so that the check is a substring search of the folded text.
 */
#include <string.h>

#include "../base/unicode.h"
#include "criteria.h"

static const struct {
    const char *name;
    enum cv_deletion_kind kind;
} deletion_kinds[] = {
    { "irrecoverable", CV_DELETION_IRRECOVERABLE },
    { "standard", CV_DELETION_STANDARD },
    { "logical", CV_DELETION_LOGICAL },
};

static cv_status parse_kind(enum cv_deletion_kind *out, const char *kind,
                            const struct cv_node *at, struct cv_diags *diags,
                            const char *file)
{
    size_t i;
    for (i = 0; i < sizeof(deletion_kinds) / sizeof(deletion_kinds[0]); i++)
        if (strcmp(deletion_kinds[i].name, kind) == 0) {
            *out = deletion_kinds[i].kind;
            return CV_OK;
        }
    return cv_crit_error(diags, file, at, "未知の消去方法の種類 '%s'",
                         "unknown deletion method kind '%s'", kind);
}

static cv_status fold_terms(struct cv_deletion_method *m, struct cv_arena *a,
                            const struct cv_node *terms,
                            struct cv_diags *diags, const char *file)
{
    const struct cv_node *t;
    if (!terms || terms->kind != CV_NODE_ARRAY || terms->count == 0)
        return cv_crit_error(diags, file, terms,
                             "'%s' は空でない文字列の配列でなければなりません",
                             "'%s' must be a non-empty list of strings",
                             "terms");
    m->terms = cv_arena_calloc(a, terms->count, sizeof(*m->terms));
    if (!m->terms)
        return CV_ENOMEM;
    for (t = terms->first; t; t = t->next) {
        const char *key;
        if (t->kind != CV_NODE_STRING)
            return cv_crit_error(diags, file, t,
                                 "'%s' は文字列の配列でなければなりません",
                                 "'%s' must be a list of strings", "terms");
        key = cv_fold_key(a, t->text, t->text_len);
        if (!key)
            return CV_ENOMEM;
        if (!*key)
            return cv_crit_error(diags, file, t, "空の語 '%s'",
                                 "empty term '%s'", t->text);
        m->terms[m->nterms++] = key;
    }
    return CV_OK;
}

static cv_status load_method(struct cv_deletion_method *m, struct cv_arena *a,
                             const struct cv_node *e, struct cv_diags *diags,
                             const char *file)
{
    static const char *const mem[] = { "name", "kind", "terms", "source",
                                       "note", NULL };
    const char *kind = NULL, *src = NULL;
    cv_status st = cv_crit_members(e, mem, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&m->name, e, "name", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&kind, e, "kind", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&src, e, "source", diags, file);
    if (st == CV_OK)
        st = parse_kind(&m->kind, kind, e, diags, file);
    if (st == CV_OK)
        st = fold_terms(m, a, cv_node_member(e, "terms"), diags, file);
    return st;
}

cv_status cv_tables_load_deletion(struct cv_criteria *c,
                                  struct cv_diags *diags, const char *dir,
                                  struct cv_strbuf *digest)
{
    static const char *const top[] = { "format", "source", "note", "entries",
                                       NULL };
    struct cv_tables *t = &c->tables;
    const struct cv_node *doc = NULL, *list, *e;
    const char *src = NULL;
    char *file = cv_crit_join_path(&c->arena, dir,
                                   "data/deletion-methods.json");
    cv_status st;
    if (!file)
        return CV_ENOMEM;
    st = cv_crit_read_json(&doc, &c->arena, diags, &c->limits, file, digest);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-deletion-methods/1", top, diags,
                            file);
    if (st == CV_OK)
        st = cv_crit_string(&src, doc, "source", diags, file);
    if (st != CV_OK)
        return st;
    list = cv_node_member(doc, "entries");
    if (!list || list->kind != CV_NODE_ARRAY || list->count == 0)
        return cv_crit_error(diags, file, list ? list : doc,
                             "'%s' は空でない配列でなければなりません",
                             "'%s' must be a non-empty list", "entries");
    t->deletion_methods = cv_arena_calloc(&c->arena, list->count,
                                          sizeof(*t->deletion_methods));
    if (!t->deletion_methods)
        return CV_ENOMEM;
    for (e = list->first; e && st == CV_OK; e = e->next) {
        st = load_method(&t->deletion_methods[t->ndeletion_methods],
                         &c->arena, e, diags, file);
        if (st == CV_OK)
            t->ndeletion_methods++;
    }
    return st;
}
