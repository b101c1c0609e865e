/* SPDX-License-Identifier: MIT */
/* catalogue.c: criteria/catalogue/ files -> cv_criterion (see criteria.h). */
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "criteria.h"

static const struct {
    const char *name;
    enum cv_cond_test test;
    bool needs_value;
} tests[] = {
    { "true", CV_TEST_TRUE, false },   { "false", CV_TEST_FALSE, false },
    { "present", CV_TEST_PRESENT, false },
    { "nonempty", CV_TEST_NONEMPTY, false },
    { "ge", CV_TEST_GE, true },        { "le", CV_TEST_LE, true },
    { "gt", CV_TEST_GT, true },        { "lt", CV_TEST_LT, true },
    { "eq", CV_TEST_EQ, true },
};

static const struct {
    const char *name;
    enum cv_check_kind kind;
} kinds[] = {
    { "answer", CV_CHECK_ANSWER },
    { "conditions", CV_CHECK_CONDITIONS },
    { "certification", CV_CHECK_CERTIFICATION },
    { "jurisdiction", CV_CHECK_JURISDICTION },
    { "data_location", CV_CHECK_DATA_LOCATION },
    { "crypto", CV_CHECK_CRYPTO },
    { "mfa", CV_CHECK_MFA },
};

static cv_status parse_test(struct cv_cond *c, const struct cv_node *n,
                            struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = { "field", "test", "value", "param",
                                           NULL };
    const char *test;
    size_t i;
    cv_status st = cv_crit_members(n, allowed, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&c->field, n, "field", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&test, n, "test", diags, file);
    if (st != CV_OK)
        return st;
    c->kind = CV_COND_TEST;
    for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        if (strcmp(tests[i].name, test) != 0)
            continue;
        c->test = tests[i].test;
        c->value = cv_node_member(n, "value");
        c->param = cv_node_str(n, "param");
        if (tests[i].needs_value && !c->value && !c->param)
            return cv_crit_error(diags, file, n,
                                 "テスト '%s' には value か param が必要です",
                                 "test '%s' needs a value or a param", test);
        return CV_OK;
    }
    return cv_crit_error(diags, file, n, "未知のテスト '%s'",
                         "unknown test '%s'", test);
}

cv_status cv_cond_parse(struct cv_cond **out, struct cv_arena *arena,
                        const struct cv_node *n, struct cv_diags *diags,
                        const char *file)
{
    struct cv_cond *c = cv_arena_alloc(arena, sizeof(*c));
    const struct cv_node *list;
    cv_status st = CV_OK;
    if (!c)
        return CV_ENOMEM;
    *out = c;
    if (!n || n->kind != CV_NODE_OBJECT)
        return cv_crit_error(diags, file, n, "条件はオブジェクトです%s",
                             "a condition must be an object%s", "");
    c->where = n->path;
    list = cv_node_member(n, "all");
    c->kind = CV_COND_ALL;
    if (!list) {
        list = cv_node_member(n, "any");
        c->kind = CV_COND_ANY;
    }
    if (list) {
        const struct cv_node *e;
        size_t i = 0;
        if (n->count != 1 || list->kind != CV_NODE_ARRAY || list->count == 0)
            return cv_crit_error(diags, file, n,
                                 "all/any は空でない配列だけを持ちます%s",
                                 "all/any takes a non-empty list and nothing "
                                 "else%s",
                                 "");
        c->subs = cv_arena_calloc(arena, list->count, sizeof(*c->subs));
        if (!c->subs)
            return CV_ENOMEM;
        for (e = list->first; e && st == CV_OK; e = e->next)
            st = cv_cond_parse(&c->subs[i++], arena, e, diags, file);
        c->nsubs = i;
        return st;
    }
    return parse_test(c, n, diags, file);
}

static cv_status parse_citations(struct cv_criterion *cr, struct cv_arena *a,
                                 const struct cv_node *n,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = { "document", "clause", NULL };
    const struct cv_node *e;
    size_t i = 0;
    cv_status st = CV_OK;
    if (!n || n->kind != CV_NODE_ARRAY || n->count == 0)
        return cv_crit_error(diags, file, n ? n : NULL,
                             "citations は 1 件以上必要です%s",
                             "at least one citation is required%s", "");
    cr->citations = cv_arena_calloc(a, n->count, sizeof(*cr->citations));
    if (!cr->citations)
        return CV_ENOMEM;
    for (e = n->first; e && st == CV_OK; e = e->next, i++) {
        st = cv_crit_members(e, allowed, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&cr->citations[i].document, e, "document",
                                diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&cr->citations[i].clause, e, "clause", diags,
                                file);
    }
    cr->ncitations = i;
    return st;
}

static cv_status parse_facts(struct cv_criterion *cr, struct cv_arena *a,
                             const struct cv_node *n, struct cv_diags *diags,
                             const char *file)
{
    const struct cv_node *e;
    size_t i = 0;
    if (!n)
        return CV_OK;
    if (n->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, n, "facts は配列です%s",
                             "facts must be a list%s", "");
    cr->facts = cv_arena_calloc(a, n->count + 1, sizeof(*cr->facts));
    if (!cr->facts)
        return CV_ENOMEM;
    for (e = n->first; e; e = e->next) {
        if (e->kind != CV_NODE_STRING)
            return cv_crit_error(diags, file, e, "facts は文字列の配列です%s",
                                 "facts must be strings%s", "");
        cr->facts[i++] = e->text;
    }
    cr->nfacts = i;
    return CV_OK;
}

static cv_status parse_check(struct cv_criterion *cr, struct cv_arena *a,
                             const struct cv_node *n, struct cv_diags *diags,
                             const char *file)
{
    const char *kind;
    const struct cv_node *req, *pif;
    size_t i;
    cv_status st = cv_crit_string(&kind, n, "kind", diags, file);
    if (st != CV_OK)
        return st;
    cr->check_node = n;
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(kinds[i].name, kind) == 0)
            break;
    if (i == sizeof(kinds) / sizeof(kinds[0]))
        return cv_crit_error(diags, file, n, "未知の check.kind '%s'",
                             "unknown check kind '%s'", kind);
    cr->check = kinds[i].kind;
    req = cv_node_member(n, "require");
    pif = cv_node_member(n, "partial_if");
    if (cr->check == CV_CHECK_CONDITIONS) {
        if (!req)
            return cv_crit_error(diags, file, n,
                                 "conditions には require が必要です%s",
                                 "a conditions check needs 'require'%s", "");
        st = cv_cond_parse(&cr->require, a, req, diags, file);
        if (st == CV_OK && pif)
            st = cv_cond_parse(&cr->partial_if, a, pif, diags, file);
    }
    return st;
}

static cv_status parse_grading(struct cv_criterion *cr, struct cv_arena *a,
                               const struct cv_node *n, struct cv_diags *diags,
                               const char *file)
{
    static const char *const allowed[] = { "base", "bonus", NULL };
    static const char *const ballowed[] = { "when", "add", "label", NULL };
    const struct cv_node *base, *bonus, *e;
    size_t i = 0;
    cv_status st = cv_crit_members(n, allowed, diags, file);
    if (st != CV_OK)
        return st;
    base = cv_node_member(n, "base");
    bonus = cv_node_member(n, "bonus");
    if (!base || base->kind != CV_NODE_NUMBER || base->number < 0 ||
        base->number > 1)
        return cv_crit_error(diags, file, n, "base は 0〜1 の数値です%s",
                             "base must be a number from 0 to 1%s", "");
    cr->has_grading = true;
    cr->grading_base = base->number;
    if (!bonus)
        return CV_OK;
    if (bonus->kind != CV_NODE_ARRAY)
        return cv_crit_error(diags, file, bonus, "bonus は配列です%s",
                             "bonus must be a list%s", "");
    cr->bonus = cv_arena_calloc(a, bonus->count, sizeof(*cr->bonus));
    if (!cr->bonus && bonus->count)
        return CV_ENOMEM;
    for (e = bonus->first; e && st == CV_OK; e = e->next, i++) {
        const struct cv_node *add = cv_node_member(e, "add");
        st = cv_crit_members(e, ballowed, diags, file);
        if (st == CV_OK)
            st = cv_cond_parse(&cr->bonus[i].when, a,
                               cv_node_member(e, "when"), diags, file);
        if (st == CV_OK)
            st = cv_crit_text2(&cr->bonus[i].label, e, "label", diags, file);
        if (st == CV_OK && (!add || add->kind != CV_NODE_NUMBER ||
                            add->number <= 0 || add->number > 1))
            st = cv_crit_error(diags, file, e, "add は 0〜1 の数値です%s",
                               "add must be a number above 0, at most 1%s",
                               "");
        if (st == CV_OK)
            cr->bonus[i].add = add->number;
    }
    cr->nbonus = i;
    return st;
}

static cv_status parse_criterion(struct cv_criterion *cr, struct cv_arena *a,
                                 const struct cv_node *n,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = {
        "id",   "title",      "requirement", "category", "citations",
        "facts", "na_allowed", "check",      "grading",  NULL
    };
    const struct cv_node *na, *grading;
    cv_status st = cv_crit_members(n, allowed, diags, file);
    cr->file = file;
    cr->where = n->path;
    if (st == CV_OK)
        st = cv_crit_string(&cr->id, n, "id", diags, file);
    if (st == CV_OK && !cv_crit_is_token(cr->id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                 "0123456789-"))
        st = cv_crit_error(diags, file, cv_node_member(n, "id"),
                           "id '%s' は英大文字・数字・- の 1〜64 文字です",
                           "id '%s' must be 1 to 64 of A-Z, 0-9 and -",
                           cr->id);
    if (st == CV_OK)
        st = cv_crit_text2(&cr->title, n, "title", diags, file);
    if (st == CV_OK)
        st = cv_crit_text2(&cr->requirement, n, "requirement", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&cr->category, n, "category", diags, file);
    if (st == CV_OK)
        st = parse_citations(cr, a, cv_node_member(n, "citations"), diags,
                             file);
    if (st == CV_OK)
        st = parse_facts(cr, a, cv_node_member(n, "facts"), diags, file);
    if (st == CV_OK) {
        const struct cv_node *check = cv_node_member(n, "check");
        st = check ? parse_check(cr, a, check, diags, file)
                   : cv_crit_error(diags, file, n, "check が必要です%s",
                                   "'check' is required%s", "");
    }
    na = cv_node_member(n, "na_allowed");
    if (st == CV_OK && na && na->kind != CV_NODE_BOOL)
        st = cv_crit_error(diags, file, na, "na_allowed は真偽値です%s",
                           "na_allowed must be a boolean%s", "");
    cr->na_allowed = na && na->boolean;
    grading = cv_node_member(n, "grading");
    if (st == CV_OK && grading)
        st = parse_grading(cr, a, grading, diags, file);
    return st;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of dir's *.json files, in the arena. */
static cv_status list_json(char ***out, size_t *n, struct cv_arena *a,
                           const char *dir, struct cv_diags *diags)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0;
    *out = NULL;
    *n = 0;
    if (!d) {
        struct cv_loc loc = { dir, "", 0, 0 };
        return cv_diags_fail(diags, CV_ECRITERIA, &loc, "%s",
                             CV_L(diags->lang, "ディレクトリを開けません",
                                  "cannot open directory"));
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
            e->d_name[0] == '.')
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nn = cv_arena_grow(a, names, count, ncap, sizeof(*nn));
            if (!nn) {
                closedir(d);
                return CV_ENOMEM;
            }
            names = nn;
            cap = ncap;
        }
        names[count] = cv_arena_strdup(a, e->d_name);
        if (!names[count++]) {
            closedir(d);
            return CV_ENOMEM;
        }
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof(*names), cmp_str);
    *out = names;
    *n = count;
    return CV_OK;
}

cv_status cv_catalogue_load(struct cv_criteria *c, struct cv_diags *diags,
                            const char *dir, struct cv_strbuf *digest)
{
    static const char *const allowed[] = { "format", "criteria", NULL };
    struct cv_arena *a = &c->arena;
    char **files;
    size_t nfiles, f, total = 0;
    const struct cv_node **docs;
    char *cdir = cv_crit_join_path(a, dir, "catalogue");
    cv_status st, first_error = CV_OK;

    if (!cdir)
        return CV_ENOMEM;
    st = list_json(&files, &nfiles, a, cdir, diags);
    if (st != CV_OK)
        return st;
    docs = cv_arena_calloc(a, nfiles + 1, sizeof(*docs));
    if (!docs)
        return CV_ENOMEM;
    for (f = 0; f < nfiles; f++) {
        const struct cv_node *list;
        char *path = cv_crit_join_path(a, cdir, files[f]);
        if (!path)
            return CV_ENOMEM;
        st = cv_crit_read_json(&docs[f], a, diags, &c->limits, path, digest);
        if (st == CV_OK)
            st = cv_crit_expect(docs[f], "cloudvet-criteria/1", allowed,
                                diags, path);
        list = docs[f] ? cv_node_member(docs[f], "criteria") : NULL;
        if (st == CV_OK && (!list || list->kind != CV_NODE_ARRAY))
            st = cv_crit_error(diags, path, docs[f],
                               "criteria は配列です%s",
                               "'criteria' must be a list%s", "");
        if (st == CV_ENOMEM)
            return st;
        if (st != CV_OK) {
            docs[f] = NULL;
            first_error = st;
            continue;
        }
        total += list->count;
    }
    c->catalogue = cv_arena_calloc(a, total + 1, sizeof(*c->catalogue));
    if (!c->catalogue)
        return CV_ENOMEM;
    for (f = 0; f < nfiles; f++) {
        const struct cv_node *e;
        const char *path;
        if (!docs[f])
            continue;
        path = cv_crit_join_path(a, cdir, files[f]);
        if (!path)
            return CV_ENOMEM;
        for (e = cv_node_member(docs[f], "criteria")->first; e; e = e->next) {
            struct cv_criterion *cr = &c->catalogue[c->ncatalogue];
            st = parse_criterion(cr, a, e, diags, path);
            if (st == CV_ENOMEM)
                return st;
            if (st != CV_OK) {
                first_error = st;
                continue;
            }
            if (!cv_tables_category(&c->tables, cr->category)) {
                first_error = cv_crit_error(
                    diags, path, cv_node_member(e, "category"),
                    "分類 '%s' は data/categories.json にありません",
                    "category '%s' is not in data/categories.json",
                    cr->category);
                continue;
            }
            if (cv_catalogue_find(c, cr->id)) {
                first_error = cv_crit_error(diags, path, e,
                                            "id '%s' が重複しています",
                                            "duplicate criterion id '%s'",
                                            cr->id);
                continue;
            }
            c->ncatalogue++;
        }
    }
    return first_error;
}

const struct cv_criterion *cv_catalogue_find(const struct cv_criteria *c,
                                             const char *id)
{
    size_t i;
    for (i = 0; i < c->ncatalogue; i++)
        if (strcmp(c->catalogue[i].id, id) == 0)
            return &c->catalogue[i];
    return NULL;
}
