/* SPDX-License-Identifier: MIT */
/*
 * profile.c: load a profile, resolve `extends`, bind parameters.
 *
 * A profile names criteria of the catalogue; conditions and checks name
 * profile parameters. Binding happens here, once, so that a profile that
 * forgets a parameter fails at load time with the parameter's name, not
 * half-way through an evaluation.
 */
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "criteria.h"

#define MAX_EXTENDS 8
#define MAX_WEIGHT 10000.0

static const char *const profile_members[] = {
    "format",  "id",       "version",  "title",      "extends",
    "scoring", "parameters", "criteria", "answer_ids", "description", NULL
};

/* The words of a parameter's "basis" (criteria/README.md). */
static const struct {
    const char *word;
    enum cv_param_basis basis;
} basis_words[] = {
    { "clause", CV_BASIS_CLAUSE },
    { "guideline", CV_BASIS_GUIDELINE },
    { "profile", CV_BASIS_PROFILE },
};

#define NBASIS (sizeof(basis_words) / sizeof(basis_words[0]))

const char *cv_param_basis_str(enum cv_param_basis b)
{
    size_t i;
    for (i = 0; i < NBASIS; i++)
        if (basis_words[i].basis == b)
            return basis_words[i].word;
    return "profile";
}

/* A parameter that does not say what it rests on is the profile's own
 * choice: nothing is credited to a clause unless the profile says so. */
static cv_status parse_basis(enum cv_param_basis *out,
                             const struct cv_node *e, struct cv_diags *diags,
                             const char *file)
{
    const struct cv_node *b = cv_node_member(e, "basis");
    size_t i;
    *out = CV_BASIS_PROFILE;
    if (!b)
        return CV_OK;
    for (i = 0; b->kind == CV_NODE_STRING && i < NBASIS; i++) {
        if (strcmp(b->text, basis_words[i].word) == 0) {
            *out = basis_words[i].basis;
            return CV_OK;
        }
    }
    return cv_crit_error(diags, file, b,
                         "パラメータ '%s' の basis は \"clause\"、"
                         "\"guideline\"、\"profile\" のいずれかです",
                         "basis of parameter '%s' must be \"clause\", "
                         "\"guideline\" or \"profile\"",
                         e->name);
}

static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

/* Finds the file in dir/profiles whose "id" is `id`. */
static cv_status find_profile(const char **path_out, struct cv_criteria *c,
                              struct cv_diags *diags, const char *dir,
                              const char *id)
{
    struct cv_arena *a = &c->arena;
    size_t n = strlen(dir) + sizeof("/profiles");
    char *pdir = cv_arena_alloc(a, n);
    DIR *d;
    struct dirent *e;
    const char *found = NULL;
    char **names = NULL;
    size_t count = 0;

    if (!pdir)
        return CV_ENOMEM;
    snprintf(pdir, n, "%s/profiles", dir);
    d = opendir(pdir);
    if (!d) {
        struct cv_loc loc = { pdir, "", 0, 0 };
        return cv_diags_fail(diags, CV_ECRITERIA, &loc, "%s",
                             CV_L(diags->lang, "ディレクトリを開けません",
                                  "cannot open directory"));
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char **nn;
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        nn = cv_arena_grow(a, names, count, count + 1, sizeof(*nn));
        if (!nn) {
            closedir(d);
            return CV_ENOMEM;
        }
        names = nn;
        names[count] = cv_arena_alloc(a, strlen(pdir) + len + 2);
        if (!names[count]) {
            closedir(d);
            return CV_ENOMEM;
        }
        snprintf(names[count], strlen(pdir) + len + 2, "%s/%s", pdir,
                 e->d_name);
        count++;
    }
    closedir(d);
    for (size_t i = 0; i < count && !found; i++) {
        struct cv_arena scratch;
        struct cv_diags quiet;
        const struct cv_node *doc = NULL;
        cv_arena_init(&scratch);
        cv_diags_init(&quiet, &scratch, diags->lang, 10);
        if (cv_crit_read_json(&doc, &scratch, &quiet, &c->limits, names[i],
                              NULL) == CV_OK) {
            const char *pid = cv_node_str(doc, "id");
            if (pid && strcmp(pid, id) == 0)
                found = names[i];
        }
        cv_arena_release(&scratch);
    }
    if (!found) {
        struct cv_loc loc = { pdir, "", 0, 0 };
        return cv_diags_fail(diags, CV_ECRITERIA, &loc,
                             CV_L(diags->lang, "プロファイル '%s' がありません",
                                  "no profile with id '%s'"),
                             id);
    }
    *path_out = found;
    return CV_OK;
}

static cv_status load_params(struct cv_profile *p, struct cv_arena *a,
                             const struct cv_node *doc, struct cv_diags *diags,
                             const char *file)
{
    static const char *const allowed[] = { "value", "source", "basis",
                                            "note", NULL };
    const struct cv_node *params = cv_node_member(doc, "parameters");
    const struct cv_node *e;
    cv_status st = CV_OK;
    if (!params)
        return CV_OK;
    if (params->kind != CV_NODE_OBJECT)
        return cv_crit_error(diags, file, params,
                             "parameters はオブジェクトです%s",
                             "parameters must be an object%s", "");
    for (e = params->first; e && st == CV_OK; e = e->next) {
        struct cv_param *slot = NULL;
        const struct cv_node *value;
        const char *source = NULL;
        enum cv_param_basis basis = CV_BASIS_PROFILE;
        size_t i;
        st = cv_crit_members(e, allowed, diags, file);
        if (st == CV_OK)
            st = cv_crit_string(&source, e, "source", diags, file);
        if (st == CV_OK)
            st = parse_basis(&basis, e, diags, file);
        if (st == CV_OK && cv_node_member(e, "note") &&
            cv_node_member(e, "note")->kind != CV_NODE_STRING)
            st = cv_crit_error(diags, file, e,
                               "パラメータ '%s' の note は文字列です",
                               "note of parameter '%s' must be a string",
                               e->name);
        value = cv_node_member(e, "value");
        if (st == CV_OK && !value)
            st = cv_crit_error(diags, file, e, "パラメータ '%s' に value がありません",
                               "parameter '%s' has no value", e->name);
        if (st != CV_OK)
            break;
        for (i = 0; i < p->nparams && !slot; i++)
            if (strcmp(p->params[i].name, e->name) == 0)
                slot = &p->params[i]; /* override what `extends` gave */
        if (!slot) {
            struct cv_param *np = cv_arena_grow(a, p->params, p->nparams,
                                                p->nparams + 1, sizeof(*np));
            if (!np)
                return CV_ENOMEM;
            p->params = np;
            slot = &p->params[p->nparams++];
        }
        /* An override states its own source and basis: what the base
         * profile rested on may not hold for the new value. */
        slot->name = e->name;
        slot->value = value;
        slot->source = source;
        slot->file = file;
        slot->note = cv_node_str(e, "note");
        slot->basis = basis;
    }
    return st;
}

static cv_status load_entries(struct cv_criteria *c, const struct cv_node *doc,
                              struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = { "id", "mandatory", "weight",
                                            "partial_qualifies", NULL };
    struct cv_profile *p = &c->profile;
    const struct cv_node *list = cv_node_member(doc, "criteria");
    const struct cv_node *e;
    size_t i = 0;
    cv_status st = CV_OK;
    if (!list)
        return CV_OK; /* inherited */
    if (list->kind != CV_NODE_ARRAY || list->count == 0)
        return cv_crit_error(diags, file, list,
                             "criteria は空でない配列です%s",
                             "criteria must be a non-empty list%s", "");
    p->entries = cv_arena_calloc(&c->arena, list->count, sizeof(*p->entries));
    if (!p->entries)
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next) {
        const char *id = NULL;
        const struct cv_node *mand, *weight, *pq;
        cv_status est = cv_crit_members(e, allowed, diags, file);
        if (est == CV_OK)
            est = cv_crit_string(&id, e, "id", diags, file);
        mand = cv_node_member(e, "mandatory");
        weight = cv_node_member(e, "weight");
        pq = cv_node_member(e, "partial_qualifies");
        /* Scores are sums of weights: bounded, they stay finite (a
         * report cannot print an infinite score) and exact to 0.01. */
        if (est == CV_OK && (!weight || weight->kind != CV_NODE_NUMBER ||
                             weight->number < 0 ||
                             weight->number > MAX_WEIGHT))
            est = cv_crit_error(diags, file, e,
                                "'%s' の weight は 0〜10000 の数値です",
                                "weight of '%s' must be a number from 0 to "
                                "10000",
                                id);
        if (est == CV_OK && mand && mand->kind != CV_NODE_BOOL)
            est = cv_crit_error(diags, file, e,
                                "'%s' の mandatory は真偽値です",
                                "mandatory of '%s' must be a boolean", id);
        if (est == CV_OK && pq && pq->kind != CV_NODE_BOOL)
            est = cv_crit_error(diags, file, e,
                                "'%s' の partial_qualifies は真偽値です",
                                "partial_qualifies of '%s' must be a boolean",
                                id);
        if (est == CV_OK && !cv_catalogue_find(c, id))
            est = cv_crit_error(diags, file, e, "未知の基準 '%s'",
                                "unknown criterion '%s'", id);
        for (size_t k = 0; est == CV_OK && k < i; k++)
            if (strcmp(p->entries[k].crit->id, id) == 0)
                est = cv_crit_error(diags, file, e, "基準 '%s' が重複しています",
                                    "criterion '%s' listed twice", id);
        if (est == CV_ENOMEM)
            return est;
        if (est != CV_OK) {
            st = est;
            continue;
        }
        p->entries[i].crit = cv_catalogue_find(c, id);
        p->entries[i].mandatory = mand && mand->boolean;
        p->entries[i].weight = weight->number;
        p->entries[i].partial_qualifies = pq && pq->boolean;
        i++;
    }
    p->nentries = i;
    return st;
}

/* How equal scores are ranked: by the points on mandatory criteria, or
 * not at all (they share a rank). */
static cv_status load_tie_break(struct cv_profile *p, const struct cv_node *v,
                                struct cv_diags *diags, const char *file)
{
    if (v->kind == CV_NODE_STRING && strcmp(v->text, "mandatory_points") == 0)
        p->tie_by_mandatory = true;
    else if (v->kind == CV_NODE_STRING && strcmp(v->text, "none") == 0)
        p->tie_by_mandatory = false;
    else
        return cv_crit_error(diags, file, v,
                             "'%s' は \"mandatory_points\" か \"none\" です",
                             "'%s' must be \"mandatory_points\" or \"none\"",
                             v->name);
    return CV_OK;
}

static cv_status load_scoring(struct cv_profile *p, const struct cv_node *doc,
                              struct cv_diags *diags, const char *file)
{
    static const char *const allowed[] = { "partial", "claimed",
                                           "tie_break", NULL };
    const struct cv_node *s = cv_node_member(doc, "scoring");
    const struct cv_node *v;
    cv_status st;
    if (!s)
        return CV_OK;
    st = cv_crit_members(s, allowed, diags, file);
    if (st != CV_OK)
        return st;
    for (v = s->first; v; v = v->next) {
        if (strcmp(v->name, "tie_break") == 0) {
            st = load_tie_break(p, v, diags, file);
            if (st != CV_OK)
                return st;
            continue;
        }
        if (v->kind != CV_NODE_NUMBER || v->number < 0 || v->number > 1)
            return cv_crit_error(diags, file, v,
                                 "'%s' は 0〜1 の数値です",
                                 "'%s' must be a number from 0 to 1", v->name);
        if (strcmp(v->name, "partial") == 0)
            p->partial_fraction = v->number;
        else
            p->claimed_fraction = v->number;
    }
    return CV_OK;
}

static cv_status load_aliases(struct cv_profile *p, struct cv_arena *a,
                              const struct cv_node *doc,
                              struct cv_diags *diags, const char *file)
{
    const struct cv_node *m = cv_node_member(doc, "answer_ids"), *e;
    size_t i = 0;
    if (!m)
        return CV_OK;
    if (m->kind != CV_NODE_OBJECT)
        return cv_crit_error(diags, file, m, "answer_ids はオブジェクトです%s",
                             "answer_ids must be an object%s", "");
    p->aliases = cv_arena_calloc(a, m->count, sizeof(*p->aliases));
    if (!p->aliases && m->count)
        return CV_ENOMEM;
    for (e = m->first; e; e = e->next) {
        if (e->kind != CV_NODE_STRING)
            return cv_crit_error(diags, file, e, "'%s' は基準 id の文字列です",
                                 "'%s' must map to a criterion id", e->name);
        p->aliases[i].from = e->name;
        p->aliases[i].to = e->text;
        i++;
    }
    p->naliases = i;
    return CV_OK;
}

/* Loads one profile file, first loading what it extends. */
static cv_status load_file(struct cv_criteria *c, struct cv_diags *diags,
                           const char *dir, const char *path, unsigned depth,
                           struct cv_strbuf *digest)
{
    struct cv_profile *p = &c->profile;
    const struct cv_node *doc = NULL;
    const char *ext;
    cv_status st;

    if (depth > MAX_EXTENDS)
        return cv_crit_error(diags, path, NULL,
                             "extends の連鎖が深すぎます%s",
                             "'extends' chain too deep%s", "");
    st = cv_crit_read_json(&doc, &c->arena, diags, &c->limits, path, digest);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-profile/1", profile_members, diags,
                            path);
    if (st != CV_OK)
        return st;
    ext = cv_node_str(doc, "extends");
    if (ext) {
        const char *base = NULL;
        st = find_profile(&base, c, diags, dir, ext);
        if (st == CV_OK)
            st = load_file(c, diags, dir, base, depth + 1, digest);
        if (st != CV_OK)
            return st;
    }
    st = cv_crit_string(&p->id, doc, "id", diags, path);
    if (st == CV_OK)
        st = cv_crit_string(&p->version, doc, "version", diags, path);
    if (st == CV_OK)
        st = cv_crit_text2(&p->title, doc, "title", diags, path);
    if (st == CV_OK)
        st = load_scoring(p, doc, diags, path);
    if (st == CV_OK)
        st = load_params(p, &c->arena, doc, diags, path);
    if (st == CV_OK)
        st = load_entries(c, doc, diags, path);
    if (st == CV_OK)
        st = load_aliases(p, &c->arena, doc, diags, path);
    p->file = path;
    return st;
}

const struct cv_param *cv_profile_param(const struct cv_profile *p,
                                        const char *name)
{
    size_t i;
    for (i = 0; i < p->nparams; i++)
        if (strcmp(p->params[i].name, name) == 0)
            return &p->params[i];
    return NULL;
}

static cv_status bind_cond(struct cv_criteria *c, struct cv_cond *cond,
                           struct cv_diags *diags, const char *file)
{
    size_t i;
    cv_status st = CV_OK;
    if (!cond)
        return CV_OK;
    for (i = 0; i < cond->nsubs && st == CV_OK; i++)
        st = bind_cond(c, cond->subs[i], diags, file);
    if (st == CV_OK && cond->param) {
        const struct cv_param *p = cv_profile_param(&c->profile, cond->param);
        struct cv_loc loc = { file, cond->where, 0, 0 };
        if (!p)
            return cv_diags_fail(diags, CV_ECRITERIA, &loc,
                                 CV_L(diags->lang,
                                      "プロファイルにパラメータ '%s' がありません",
                                      "the profile does not set parameter "
                                      "'%s'"),
                                 cond->param);
        cond->value = p->value;
    }
    return st;
}

/* Records that entry `e` applies `param` (once per parameter and fact). */
static cv_status add_entry_param(struct cv_profile_entry *e,
                                 struct cv_arena *a,
                                 const struct cv_param *param,
                                 const struct cv_cond *test, bool required)
{
    struct cv_entry_param *np;
    const char *field = test ? test->field : NULL;
    size_t i;
    for (i = 0; i < e->nparams; i++) {
        struct cv_entry_param *ep = &e->params[i];
        if (ep->param == param &&
            (ep->field == field ||
             (ep->field && field && strcmp(ep->field, field) == 0))) {
            ep->required = ep->required || required;
            return CV_OK;
        }
    }
    np = cv_arena_grow(a, e->params, e->nparams, e->nparams + 1, sizeof(*np));
    if (!np)
        return CV_ENOMEM;
    e->params = np;
    np[e->nparams].param = param;
    np[e->nparams].field = field;
    np[e->nparams].test = test ? test->test : CV_TEST_PRESENT;
    np[e->nparams].required = required;
    e->nparams++;
    return CV_OK;
}

static cv_status collect_cond(struct cv_profile_entry *e, struct cv_criteria *c,
                              const struct cv_cond *cond, bool required)
{
    size_t i;
    cv_status st = CV_OK;
    if (!cond)
        return CV_OK;
    for (i = 0; i < cond->nsubs && st == CV_OK; i++)
        st = collect_cond(e, c, cond->subs[i], required);
    if (st == CV_OK && cond->param) {
        const struct cv_param *p = cv_profile_param(&c->profile, cond->param);
        if (p)
            st = add_entry_param(e, &c->arena, p, cond, required);
    }
    return st;
}

/* The parameters each criterion applies, with the fact each is compared
 * with: the reports list them beside the clause, and the template shows
 * the vendor the thresholds an answer is judged by. Called after binding,
 * so every name resolves. */
static cv_status collect_entry_params(struct cv_criteria *c,
                                      struct cv_profile_entry *e)
{
    const struct cv_criterion *cr = e->crit;
    size_t k;
    cv_status st = collect_cond(e, c, cr->require, true);
    if (st == CV_OK)
        st = collect_cond(e, c, cr->partial_if, true);
    for (k = 0; st == CV_OK && k < cr->nbonus; k++)
        st = collect_cond(e, c, cr->bonus[k].when, false);
    for (k = 0; st == CV_OK && k < cr->nargs; k++) {
        const struct cv_check_arg *arg = &cr->args[k];
        const struct cv_param *p;
        /* A setting of the check (accepted schemes, home country): the
         * conditions' parameters were collected above. */
        if (arg->member->form == CV_ARG_CONDITION) {
            st = collect_cond(e, c, arg->cond, true);
            continue;
        }
        if (arg->member->form != CV_ARG_PARAM ||
            arg->node->kind != CV_NODE_STRING)
            continue;
        p = cv_profile_param(&c->profile, arg->node->text);
        if (p)
            st = add_entry_param(e, &c->arena, p, NULL, true);
    }
    return st;
}

cv_status cv_profile_load(struct cv_criteria *c, struct cv_diags *diags,
                          const char *dir, const char *profile,
                          struct cv_strbuf *digest)
{
    const char *path = NULL;
    cv_status st;
    size_t i, k;

    c->profile.partial_fraction = 0.5;
    c->profile.claimed_fraction = 0.5;
    c->profile.tie_by_mandatory = true;
    if (!profile || !*profile) {
        size_t n = strlen(dir) + sizeof("/profiles/default.json");
        char *p = cv_arena_alloc(&c->arena, n);
        if (!p)
            return CV_ENOMEM;
        snprintf(p, n, "%s/profiles/default.json", dir);
        path = p;
    } else if (looks_like_path(profile)) {
        path = cv_arena_strdup(&c->arena, profile);
        if (!path)
            return CV_ENOMEM;
    } else {
        st = find_profile(&path, c, diags, dir, profile);
        if (st != CV_OK)
            return st;
    }
    st = load_file(c, diags, dir, path, 0, digest);
    if (st != CV_OK)
        return st;
    if (c->profile.nentries == 0)
        return cv_crit_error(diags, path, NULL,
                             "プロファイルに基準がありません%s",
                             "the profile selects no criteria%s", "");
    for (i = 0; i < c->profile.nentries && st == CV_OK; i++) {
        struct cv_criterion *cr =
            (struct cv_criterion *)c->profile.entries[i].crit;
        st = bind_cond(c, cr->require, diags, cr->file);
        if (st == CV_OK)
            st = bind_cond(c, cr->partial_if, diags, cr->file);
        for (k = 0; st == CV_OK && k < cr->nbonus; k++)
            st = bind_cond(c, cr->bonus[k].when, diags, cr->file);
        if (st == CV_OK)
            st = collect_entry_params(c, &c->profile.entries[i]);
    }
    return st;
}
