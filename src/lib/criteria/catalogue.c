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

/* A comparison takes exactly one of a literal `value` and a `param`
 * (bound and type-checked with the profile, cv_checks_bind); ge/le/gt/lt
 * compare numbers, eq a number, string or boolean. A test of its own
 * (true, present, ...) takes neither: an operand it would ignore is an
 * error, not a silent no-op. */
static cv_status check_test_operand(const struct cv_cond *c,
                                    const struct cv_node *n, bool needs_value,
                                    const char *test, struct cv_diags *diags,
                                    const char *file)
{
    const struct cv_node *param = cv_node_member(n, "param");
    if (!needs_value && (c->value || param))
        return cv_crit_error(diags, file, c->value ? c->value : param,
                             "テスト '%s' は value も param も取りません",
                             "test '%s' takes neither a value nor a param",
                             test);
    if (needs_value && !c->value && !param)
        return cv_crit_error(diags, file, n,
                             "テスト '%s' には value か param が必要です",
                             "test '%s' needs a value or a param", test);
    if (c->value && param)
        return cv_crit_error(diags, file, n,
                             "テスト '%s' は value と param の一方だけを"
                             "取ります",
                             "test '%s' takes a value or a param, not both",
                             test);
    if (param && !c->param)
        return cv_crit_error(diags, file, param,
                             "param はパラメータ名の文字列です%s",
                             "param must be the name of a parameter%s", "");
    if (c->value && !cv_cond_operand_fits(c->test, c->value))
        return cv_crit_error(diags, file, c->value,
                             "テスト '%s' の value の型が違います (ge/le/gt/lt "
                             "は数値、eq は数値・文字列・真偽値)",
                             "the value of test '%s' has the wrong type "
                             "(ge/le/gt/lt compare numbers; eq a number, "
                             "string or boolean)",
                             test);
    return CV_OK;
}

bool cv_cond_operand_fits(enum cv_cond_test test, const struct cv_node *v)
{
    if (test == CV_TEST_EQ)
        return v->kind == CV_NODE_NUMBER || v->kind == CV_NODE_STRING ||
               v->kind == CV_NODE_BOOL;
    return v->kind == CV_NODE_NUMBER;
}

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
        return check_test_operand(c, n, tests[i].needs_value, test, diags,
                                  file);
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

/* ---- checks, by the kinds table (struct cv_check_kinds) ---- */

static const struct cv_check_member *
find_member(const struct cv_check_member *list, const char *name)
{
    for (; list && list->name; list++)
        if (strcmp(list->name, name) == 0)
            return list;
    return NULL;
}

static const struct cv_check_member *
kind_member(const struct cv_check_kinds *t, const struct cv_check_kind *k,
            const char *name)
{
    const struct cv_check_member *m = find_member(k->members, name);
    return m ? m : find_member(t->common, name);
}

const char *cv_value_type_str(enum cv_value_type t, cv_lang lang)
{
    switch (t) {
    case CV_VALUE_NUMBER:
        return CV_L(lang, "数値", "a number");
    case CV_VALUE_STRING:
        return CV_L(lang, "文字列", "a string");
    case CV_VALUE_BOOL:
        return CV_L(lang, "真偽値", "a boolean");
    case CV_VALUE_STRINGS:
        return CV_L(lang, "文字列の空でない配列", "a non-empty array of strings");
    case CV_VALUE_NONE:
        break;
    }
    return "?";
}

bool cv_value_fits(enum cv_value_type t, const struct cv_node *v)
{
    const struct cv_node *e;
    switch (t) {
    case CV_VALUE_NUMBER:
        return v->kind == CV_NODE_NUMBER;
    case CV_VALUE_STRING:
        return v->kind == CV_NODE_STRING && v->text_len > 0;
    case CV_VALUE_BOOL:
        return v->kind == CV_NODE_BOOL;
    case CV_VALUE_STRINGS:
        if (v->kind != CV_NODE_ARRAY || v->count == 0)
            return false;
        for (e = v->first; e; e = e->next)
            if (e->kind != CV_NODE_STRING || e->text_len == 0)
                return false;
        return true;
    case CV_VALUE_NONE:
        break;
    }
    return false;
}

/* One member of a check, by its row: a condition tree is parsed, a field
 * or parameter name must be a string, a literal must have its type. */
static cv_status parse_arg(struct cv_check_arg *arg, struct cv_arena *a,
                           const struct cv_node *n, struct cv_diags *diags,
                           const char *file)
{
    const struct cv_check_member *m = arg->member;
    arg->node = n;
    switch (m->form) {
    case CV_ARG_CONDITION:
        return cv_cond_parse(&arg->cond, a, n, diags, file);
    case CV_ARG_FIELD:
    case CV_ARG_PARAM:
        if (n->kind == CV_NODE_STRING && n->text_len > 0)
            return CV_OK;
        return cv_crit_error(diags, file, n,
                             m->form == CV_ARG_FIELD
                                 ? "check の '%s' は質問票の項目名 (文字列) "
                                   "です"
                                 : "check の '%s' はプロファイルのパラメータ名 "
                                   "(文字列) です",
                             m->form == CV_ARG_FIELD
                                 ? "check member '%s' must name a field of "
                                   "the questionnaire (a string)"
                                 : "check member '%s' must name a profile "
                                   "parameter (a string)",
                             m->name);
    case CV_ARG_LITERAL:
        arg->value = n;
        if (cv_value_fits(m->type, n))
            return CV_OK;
        return cv_crit_fail_at(diags, file, n,
                               CV_L(diags->lang,
                                    "check の '%s' は%sです",
                                    "check member '%s' must be %s"),
                               m->name, cv_value_type_str(m->type,
                                                          diags->lang));
    }
    return CV_ECRITERIA;
}

/* Every required member is there, and each member's companion. */
static cv_status check_presence(const struct cv_criterion *cr,
                                const struct cv_check_kinds *t,
                                struct cv_diags *diags, const char *file)
{
    const struct cv_check_member *lists[2];
    size_t l, i;
    cv_status st = CV_OK;
    lists[0] = cr->check->members;
    lists[1] = t->common;
    for (l = 0; l < 2; l++)
        for (; lists[l] && lists[l]->name && st == CV_OK; lists[l]++)
            if (lists[l]->required &&
                !cv_node_member(cr->check_node, lists[l]->name))
                st = cv_crit_fail_at(diags, file, cr->check_node,
                                     CV_L(diags->lang,
                                          "check.kind '%s' には '%s' が"
                                          "必要です",
                                          "a '%s' check needs '%s'"),
                                     cr->check->name, lists[l]->name);
    for (i = 0; i < cr->nargs && st == CV_OK; i++) {
        const char *needs = cr->args[i].member->needs;
        if (needs && !cv_node_member(cr->check_node, needs))
            st = cv_crit_fail_at(diags, file, cr->args[i].node,
                                 CV_L(diags->lang,
                                      "check の '%s' には '%s' も必要です",
                                      "check member '%s' needs '%s' too"),
                                 cr->args[i].member->name, needs);
    }
    return st;
}

static cv_status parse_check(struct cv_criterion *cr, struct cv_arena *a,
                             const struct cv_check_kinds *t,
                             const struct cv_node *n, struct cv_diags *diags,
                             const char *file)
{
    const char *kind;
    const struct cv_node *m;
    size_t i;
    cv_status st = cv_crit_string(&kind, n, "kind", diags, file);
    if (st != CV_OK)
        return st;
    cr->check_node = n;
    for (i = 0; i < t->nkinds && !cr->check; i++)
        if (strcmp(t->kinds[i].name, kind) == 0)
            cr->check = &t->kinds[i];
    if (!cr->check)
        return cv_crit_error(diags, file, cv_node_member(n, "kind"),
                             "未知の check.kind '%s'",
                             "unknown check kind '%s'", kind);
    cr->args = cv_arena_calloc(a, n->count, sizeof(*cr->args));
    if (!cr->args)
        return CV_ENOMEM;
    for (m = n->first; m && st == CV_OK; m = m->next) {
        struct cv_check_arg *arg = &cr->args[cr->nargs];
        if (strcmp(m->name, "kind") == 0)
            continue;
        arg->member = kind_member(t, cr->check, m->name);
        if (!arg->member)
            return cv_crit_fail_at(diags, file, m,
                                   CV_L(diags->lang,
                                        "check.kind '%s' に未知のメンバー "
                                        "'%s'",
                                        "a '%s' check has no member '%s'"),
                                   kind, m->name);
        st = parse_arg(arg, a, m, diags, file);
        cr->nargs++;
    }
    if (st == CV_OK)
        st = check_presence(cr, t, diags, file);
    if (st == CV_OK) {
        const struct cv_check_arg *req = cv_criterion_arg(cr, "require");
        const struct cv_check_arg *pif = cv_criterion_arg(cr, "partial_if");
        cr->require = req ? req->cond : NULL;
        cr->partial_if = pif ? pif->cond : NULL;
    }
    return st;
}

const struct cv_check_arg *cv_criterion_arg(const struct cv_criterion *cr,
                                            const char *name)
{
    size_t i;
    for (i = 0; i < cr->nargs; i++)
        if (strcmp(cr->args[i].member->name, name) == 0)
            return &cr->args[i];
    return NULL;
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
                                 const struct cv_check_kinds *kinds,
                                 const struct cv_node *n,
                                 struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = {
        "id",   "title",      "requirement", "category", "citations",
        "facts", "na_allowed", "check",      "grading",  NULL
    };
    const struct cv_node *na, *grading;
    cv_status st;
    /* The slot of a criterion that failed is reused for the next one. */
    memset(cr, 0, sizeof(*cr));
    st = cv_crit_members(n, allowed, diags, file);
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
        st = check ? parse_check(cr, a, kinds, check, diags, file)
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
    if (!c->kinds) /* the glue hands the loader eval's table */
        return cv_crit_error(diags, cdir, NULL,
                             "check の種類の表がありません%s",
                             "no table of check kinds was given%s", "");
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
            st = parse_criterion(cr, a, c->kinds, e, diags, path);
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

/* ---- checks x profile (after the profile is loaded) ---- */

static cv_status worse(cv_status a, cv_status b)
{
    if (a == CV_ENOMEM || b == CV_ENOMEM)
        return CV_ENOMEM;
    return a != CV_OK ? a : b;
}

static const char *param_file(const struct cv_criteria *c,
                              const struct cv_param *p)
{
    return p->file ? p->file : c->profile.file;
}

/* Every string of `v` is a value of `field`'s enumeration in the schema. */
static cv_status check_enum_of(const struct cv_criteria *c,
                               const struct cv_node *v, const char *field,
                               const char *file, struct cv_diags *diags)
{
    const struct cv_schema *s = c->schema ? cv_schema_at(c->schema, field)
                                          : NULL;
    const struct cv_node *e;
    size_t i;
    bool ok;
    if (!s) /* lint without the schema loaded: the main lint run checks */
        return CV_OK;
    for (e = v->kind == CV_NODE_ARRAY ? v->first : v; e;
         e = v->kind == CV_NODE_ARRAY ? e->next : NULL) {
        for (i = 0, ok = false; i < s->nenums && !ok; i++)
            ok = e->text && strcmp(s->enums[i], e->text) == 0;
        if (!ok)
            return cv_crit_fail_at(diags, file, e,
                                   CV_L(diags->lang,
                                        "'%s' は質問票の %s の値ではありません",
                                        "'%s' is not a value of the "
                                        "questionnaire's %s"),
                                   cv_crit_nz(e->text), field);
    }
    return CV_OK;
}

/* A STRING member whose value must be one of another member's list. */
static cv_status check_one_of(const struct cv_criteria *c,
                              const struct cv_criterion *cr,
                              const struct cv_check_arg *arg,
                              const struct cv_param *p,
                              struct cv_diags *diags)
{
    const struct cv_check_arg *list =
        cv_criterion_arg(cr, arg->member->one_of);
    const struct cv_node *e;
    for (e = list && list->value ? list->value->first : NULL; e; e = e->next)
        if (strcmp(e->text, arg->value->text) == 0)
            return CV_OK;
    return cv_crit_fail_at(diags, param_file(c, p), p->value,
                           CV_L(diags->lang,
                                "パラメータ '%s' の値 '%s' は %s の check の "
                                "'%s' にありません",
                                "parameter '%s' = '%s' is not listed in "
                                "the check of %s under '%s'"),
                           p->name, arg->value->text, cr->id,
                           arg->member->one_of);
}

/* A member naming a parameter: the profile sets it, with the type the
 * check needs; the argument then holds its value. */
static cv_status bind_param_arg(struct cv_criteria *c, struct cv_criterion *cr,
                                struct cv_check_arg *arg,
                                struct cv_diags *diags)
{
    const struct cv_check_member *m = arg->member;
    const struct cv_param *p = cv_profile_param(&c->profile, arg->node->text);
    const char *unit = cv_crit_nz(CV_TEXT(diags->lang, m->unit));
    if (!p)
        return cv_crit_fail_at(diags, cr->file, arg->node,
                               CV_L(diags->lang,
                                    "check の '%s' が挙げるパラメータ '%s' を"
                                    "プロファイルが設定していません",
                                    "check member '%s' names parameter '%s', "
                                    "which the profile does not set"),
                               m->name, arg->node->text);
    if (!cv_value_fits(m->type, p->value))
        return cv_crit_fail_at(diags, param_file(c, p), p->value,
                               CV_L(diags->lang,
                                    "パラメータ '%s' は%s%s%s%s です (%s の "
                                    "check の '%s' が使います)",
                                    "parameter '%s' must be %s%s%s%s (the "
                                    "check of %s uses it as '%s')"),
                               p->name, cv_value_type_str(m->type, diags->lang),
                               *unit ? " (" : "", unit, *unit ? ")" : "",
                               cr->id, m->name);
    arg->value = p->value;
    return m->enum_of ? check_enum_of(c, p->value, m->enum_of,
                                      param_file(c, p), diags)
                      : CV_OK;
}

static cv_status bind_args(struct cv_criteria *c, struct cv_criterion *cr,
                           struct cv_diags *diags)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < cr->nargs && st != CV_ENOMEM; i++) {
        struct cv_check_arg *arg = &cr->args[i];
        const struct cv_check_member *m = arg->member;
        if (m->form == CV_ARG_PARAM)
            st = worse(st, bind_param_arg(c, cr, arg, diags));
        else if (m->form == CV_ARG_LITERAL && m->enum_of)
            st = worse(st, check_enum_of(c, arg->value, m->enum_of, cr->file,
                                         diags));
        else if (m->form == CV_ARG_FIELD && c->schema &&
                 !cv_schema_at(c->schema, arg->node->text))
            st = worse(st, cv_crit_fail_at(
                               diags, cr->file, arg->node,
                               CV_L(diags->lang,
                                    "'%s' は質問票の項目ではありません",
                                    "'%s' is not a field of the "
                                    "questionnaire"),
                               arg->node->text));
    }
    /* A value that must be one of another member's list, both bound. */
    for (i = 0; i < cr->nargs && st == CV_OK; i++) {
        const struct cv_check_arg *arg = &cr->args[i];
        if (arg->member->one_of && arg->value &&
            arg->member->form == CV_ARG_PARAM)
            st = check_one_of(c, cr, arg,
                              cv_profile_param(&c->profile, arg->node->text),
                              diags);
    }
    return st;
}

/* A parameter a test compares with must have the type of the test. */
static cv_status check_cond_params(const struct cv_criteria *c,
                                   const struct cv_criterion *cr,
                                   const struct cv_cond *cond,
                                   struct cv_diags *diags)
{
    const struct cv_param *p;
    size_t i;
    cv_status st = CV_OK;
    if (!cond)
        return CV_OK;
    for (i = 0; i < cond->nsubs && st != CV_ENOMEM; i++)
        st = worse(st, check_cond_params(c, cr, cond->subs[i], diags));
    if (cond->kind != CV_COND_TEST || !cond->param ||
        !(p = cv_profile_param(&c->profile, cond->param)) ||
        cv_cond_operand_fits(cond->test, p->value))
        return st;
    return worse(st, cv_crit_fail_at(
                         diags, param_file(c, p), p->value,
                         CV_L(diags->lang,
                              "パラメータ '%s' の型がテストに合いません "
                              "(%s の %s: ge/le/gt/lt は数値、eq は数値・"
                              "文字列・真偽値)",
                              "parameter '%s' has the wrong type for the "
                              "test that compares with it (%s at %s: "
                              "ge/le/gt/lt need a number; eq a number, "
                              "string or boolean)"),
                         p->name, cr->id, cv_crit_nz(cond->where)));
}

static bool cond_names(const struct cv_cond *cond, const char *name)
{
    size_t i;
    if (!cond)
        return false;
    if (cond->param && strcmp(cond->param, name) == 0)
        return true;
    for (i = 0; i < cond->nsubs; i++)
        if (cond_names(cond->subs[i], name))
            return true;
    return false;
}

/* Does any check, condition or grading of the catalogue name `name`? */
static bool param_used(const struct cv_criteria *c, const char *name)
{
    size_t i, k;
    for (i = 0; i < c->ncatalogue; i++) {
        const struct cv_criterion *cr = &c->catalogue[i];
        for (k = 0; k < cr->nargs; k++) {
            const struct cv_check_arg *arg = &cr->args[k];
            if ((arg->member->form == CV_ARG_PARAM &&
                 strcmp(arg->node->text, name) == 0) ||
                cond_names(arg->cond, name))
                return true;
        }
        for (k = 0; k < cr->nbonus; k++)
            if (cond_names(cr->bonus[k].when, name))
                return true;
    }
    return false;
}

/* A parameter nothing uses is a typo (`availabilty_percent_min`) or a
 * leftover: either way the threshold the municipality meant is not
 * applied, so it is an error, not a silent no-op. */
static cv_status check_unused(struct cv_criteria *c, struct cv_diags *diags)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < c->profile.nparams && st != CV_ENOMEM; i++) {
        const struct cv_param *p = &c->profile.params[i];
        struct cv_loc loc = { param_file(c, p), NULL, 0, 0 };
        if (param_used(c, p->name))
            continue;
        loc.path = cv_pointer_child(&c->arena, "/parameters", p->name);
        if (!loc.path)
            return CV_ENOMEM;
        st = worse(st, cv_diags_fail(diags, CV_ECRITERIA, &loc,
                                     CV_L(diags->lang,
                                          "パラメータ '%s' はカタログのどの"
                                          "基準 (check・条件・加点) も使い"
                                          "ません (綴りの誤り?)",
                                          "parameter '%s' is used by no "
                                          "check, condition or grading of "
                                          "the catalogue (a misspelling?)"),
                                     p->name));
    }
    return st;
}

static cv_status bind_criterion(struct cv_criteria *c, struct cv_criterion *cr,
                                struct cv_diags *diags)
{
    size_t k;
    cv_status st = bind_args(c, cr, diags);
    for (k = 0; k < cr->nargs && st != CV_ENOMEM; k++)
        st = worse(st, check_cond_params(c, cr, cr->args[k].cond, diags));
    for (k = 0; k < cr->nbonus && st != CV_ENOMEM; k++)
        st = worse(st, check_cond_params(c, cr, cr->bonus[k].when, diags));
    return st;
}

static bool selected(const struct cv_profile *p, const struct cv_criterion *cr)
{
    size_t i;
    for (i = 0; i < p->nentries; i++)
        if (p->entries[i].crit == cr)
            return true;
    return false;
}

cv_status cv_checks_bind(struct cv_criteria *c, struct cv_diags *diags,
                         bool others)
{
    size_t i;
    cv_status st = CV_OK;
    if (others) {
        for (i = 0; i < c->ncatalogue && st != CV_ENOMEM; i++)
            if (!selected(&c->profile, &c->catalogue[i]))
                st = worse(st, bind_criterion(c, &c->catalogue[i], diags));
        return st;
    }
    for (i = 0; i < c->profile.nentries && st != CV_ENOMEM; i++)
        st = worse(st, bind_criterion(
                           c, (struct cv_criterion *)c->profile.entries[i].crit,
                           diags));
    if (st != CV_ENOMEM)
        st = worse(st, check_unused(c, diags));
    return st;
}
