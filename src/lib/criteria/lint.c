/* SPDX-License-Identifier: MIT */
/*
 * lint.c: `cloudvet criteria lint`, the check of everything in criteria/.
 *
 * Beyond what loading already enforces (formats, unknown members, unique
 * ids, sources on table entries, profile ids and parameters), lint
 * resolves every citation: the document must be in documents.json and a
 * seed clause must be found in the seed text (criteria/README.md, "Lint"),
 * and every fact path and condition field must be a field of the
 * questionnaire schema.
 */
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../base/io.h"
#include "criteria.h"

struct doc_entry {
    const char *title;
    const char *seed; /* NULL for standards */
    char *text;       /* seed text, malloc'ed */
    size_t len;
};

struct lint {
    struct cv_diags *diags;
    const cv_limits *limits;
    const char *dir;
    const char *seeds_dir;
    struct doc_entry *docs;
    size_t ndocs;
    cv_status st;
};

static void failed(struct lint *l, cv_status st)
{
    if (st != CV_OK && l->st == CV_OK)
        l->st = st;
    if (st == CV_ENOMEM)
        l->st = CV_ENOMEM;
}

/* ---- seed text ---- */

static char *find_seed_file(struct cv_arena *a, const char *seeds_dir,
                            const char *prefix)
{
    DIR *d = opendir(seeds_dir);
    struct dirent *e;
    char *found = NULL;
    size_t plen = strlen(prefix);
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL && !found) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, plen) == 0 && e->d_name[plen] == '_' &&
            n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) {
            size_t len = strlen(seeds_dir) + n + 2;
            found = cv_arena_alloc(a, len);
            if (found)
                snprintf(found, len, "%s/%s", seeds_dir, e->d_name);
        }
    }
    closedir(d);
    return found;
}

/* Start of the line's content: bullets, blanks and full-width blanks
 * skipped. */
static const char *content_start(const char *p, const char *end)
{
    for (;;) {
        size_t left = (size_t)(end - p);
        if (left >= 1 && (*p == ' ' || *p == '\t' || *p == '-' || *p == '*'))
            p++;
        else if (left >= 3 && (memcmp(p, "\xE3\x80\x80", 3) == 0 || /* U+3000 */
                               memcmp(p, "\xE3\x83\xBB", 3) == 0))  /* ・ */
            p += 3;
        else
            return p;
    }
}

/* Does the line content at p begin with component `tok`? Full-width
 * brackets match ASCII ones and "第 11" matches "第11". */
static bool starts_with_component(const char *p, const char *end,
                                  const char *tok)
{
    bool number = false;
    if (strncmp(tok, "第", 3) == 0) {
        if (end - p < 3 || memcmp(p, "第", 3) != 0)
            return false;
        p += 3;
        tok += 3;
        while (p < end && *p == ' ')
            p++;
    }
    while (*tok) {
        if (p >= end)
            return false;
        if (*tok == '(' || *tok == ')') {
            const char *fw = *tok == '(' ? "\xEF\xBC\x88" : "\xEF\xBC\x89";
            if (*p == *tok)
                p++;
            else if (end - p >= 3 && memcmp(p, fw, 3) == 0)
                p += 3;
            else
                return false;
            tok++;
            continue;
        }
        if (*p != *tok)
            return false;
        number = *tok >= '0' && *tok <= '9';
        p++;
        tok++;
    }
    /* A number must end here: "1" is not the start of "12". */
    return !(number && p < end && *p >= '0' && *p <= '9');
}

/* Splits a clause into printed components; false when it is not made of
 * them (a heading, "第4条"), which is then searched as written. */
static bool split_clause(const char *c, char comps[][32], size_t *n)
{
    size_t k = 0;
    *n = 0;
    while (*c) {
        size_t len = 0;
        if (*c == ' ') {
            c++;
            continue;
        }
        if (k == 8)
            return false;
        if (strncmp(c, "第", 3) == 0) {
            len = 3;
            while (c[len] >= '0' && c[len] <= '9')
                len++;
            if (len == 3 || strncmp(c + len, "条", 3) == 0)
                return false;
        } else if (*c >= '0' && *c <= '9') {
            while (c[len] >= '0' && c[len] <= '9')
                len++;
        } else if (*c == '(') {
            const char *close = strchr(c, ')');
            if (!close || close - c > 20)
                return false;
            len = (size_t)(close - c) + 1;
        } else if ((unsigned char)c[0] == 0xE2 && (unsigned char)c[1] == 0x91) {
            len = 3; /* circled digits U+2460.. */
        } else if ((unsigned char)c[0] == 0xE3 &&
                   ((unsigned char)c[1] == 0x82 ||
                    (unsigned char)c[1] == 0x83)) {
            len = 3; /* katakana */
        } else {
            return false;
        }
        if (len >= 32)
            return false;
        memcpy(comps[k], c, len);
        comps[k][len] = '\0';
        k++;
        c += len;
    }
    *n = k;
    return k > 0;
}

static bool resolve_clause(const struct doc_entry *d, const char *clause)
{
    char comps[8][32];
    size_t n, k = 0;
    const char *p = d->text, *end = d->text + d->len;
    if (!split_clause(clause, comps, &n))
        return strstr(d->text, clause) != NULL;
    while (p < end && k < n) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        const char *start = content_start(p, line_end);
        if (starts_with_component(start, line_end, comps[k]))
            k++;
        p = eol ? eol + 1 : end;
    }
    return k == n;
}

/* ---- documents ---- */

static cv_status load_documents(struct lint *l, struct cv_arena *a)
{
    static const char *const top[] = { "format", "documents", NULL };
    static const char *const mem[] = { "title", "kind", "seed", "source",
                                       NULL };
    const struct cv_node *doc = NULL, *list, *e;
    size_t n = strlen(l->dir) + sizeof("/documents.json");
    char *path = cv_arena_alloc(a, n);
    cv_status st;
    if (!path)
        return CV_ENOMEM;
    snprintf(path, n, "%s/documents.json", l->dir);
    st = cv_crit_read_json(&doc, a, l->diags, l->limits, path, NULL);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-documents/1", top, l->diags, path);
    if (st != CV_OK)
        return st;
    list = cv_node_member(doc, "documents");
    if (!list || list->kind != CV_NODE_ARRAY)
        return cv_crit_error(l->diags, path, doc, "documents は配列です%s",
                             "'documents' must be a list%s", "");
    l->docs = cv_arena_calloc(a, list->count + 1, sizeof(*l->docs));
    if (!l->docs)
        return CV_ENOMEM;
    for (e = list->first; e; e = e->next) {
        struct doc_entry *d = &l->docs[l->ndocs];
        const char *kind = NULL;
        st = cv_crit_members(e, mem, l->diags, path);
        if (st == CV_OK)
            st = cv_crit_string(&d->title, e, "title", l->diags, path);
        if (st == CV_OK)
            st = cv_crit_string(&kind, e, "kind", l->diags, path);
        if (st != CV_OK) {
            failed(l, st);
            continue;
        }
        if (strcmp(kind, "seed") == 0) {
            st = cv_crit_string(&d->seed, e, "seed", l->diags, path);
            if (st == CV_OK && l->seeds_dir) {
                char *file = find_seed_file(a, l->seeds_dir, d->seed);
                if (!file)
                    st = cv_crit_error(l->diags, path, e,
                                       "シードファイル '%s_*.txt' がありません",
                                       "no seed file '%s_*.txt'", d->seed);
                else
                    st = cv_io_read_file(&d->text, &d->len, file,
                                         l->limits->max_input_bytes,
                                         l->diags);
            }
        } else if (strcmp(kind, "standard") == 0) {
            const char *src;
            st = cv_crit_string(&src, e, "source", l->diags, path);
        } else {
            st = cv_crit_error(l->diags, path, e, "未知の kind '%s'",
                               "unknown kind '%s'", kind);
        }
        failed(l, st);
        l->ndocs++;
    }
    return CV_OK;
}

static const struct doc_entry *find_doc(const struct lint *l, const char *t)
{
    size_t i;
    for (i = 0; i < l->ndocs; i++)
        if (strcmp(l->docs[i].title, t) == 0)
            return &l->docs[i];
    return NULL;
}

/* ---- criteria ---- */

static void check_field(struct lint *l, const struct cv_schema *schema,
                        const struct cv_criterion *cr, const char *field,
                        const char *where)
{
    if (!cv_schema_at(schema, field)) {
        struct cv_loc loc = { cr->file, where, 0, 0 };
        failed(l, cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                                CV_L(l->diags->lang,
                                     "'%s' は質問票の項目ではありません",
                                     "'%s' is not a field of the "
                                     "questionnaire"),
                                field));
    }
}

static void check_cond(struct lint *l, const struct cv_schema *schema,
                       const struct cv_criterion *cr, const struct cv_cond *c,
                       const struct cv_profile *def)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->nsubs; i++)
        check_cond(l, schema, cr, c->subs[i], def);
    if (c->kind != CV_COND_TEST)
        return;
    check_field(l, schema, cr, c->field, c->where);
    if (c->param && def && !cv_profile_param(def, c->param)) {
        struct cv_loc loc = { cr->file, c->where, 0, 0 };
        failed(l, cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                                CV_L(l->diags->lang,
                                     "既定のプロファイルにパラメータ '%s' が"
                                     "ありません",
                                     "the default profile does not set "
                                     "parameter '%s'"),
                                c->param));
    }
}

static void lint_criterion(struct lint *l, const struct cv_schema *schema,
                           const struct cv_criterion *cr,
                           const struct cv_profile *def)
{
    size_t i;
    for (i = 0; i < cr->ncitations; i++) {
        const cv_citation *ci = &cr->citations[i];
        const struct doc_entry *d = find_doc(l, ci->document);
        struct cv_loc loc = { cr->file, cr->where, 0, 0 };
        if (!d) {
            failed(l, cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                                    CV_L(l->diags->lang,
                                         "%s: 文書 '%s' は documents.json に"
                                         "ありません",
                                         "%s: document '%s' is not in "
                                         "documents.json"),
                                    cr->id, ci->document));
            continue;
        }
        if (d->seed && d->text && !resolve_clause(d, ci->clause))
            failed(l, cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                                    CV_L(l->diags->lang,
                                         "%s: '%s %s' がシード本文に見つかり"
                                         "ません",
                                         "%s: clause '%s %s' not found in "
                                         "the seed text"),
                                    cr->id, ci->document, ci->clause));
    }
    for (i = 0; i < cr->nfacts; i++)
        check_field(l, schema, cr, cr->facts[i], cr->where);
    check_cond(l, schema, cr, cr->require, def);
    check_cond(l, schema, cr, cr->partial_if, def);
    for (i = 0; i < cr->nbonus; i++)
        check_cond(l, schema, cr, cr->bonus[i].when, def);
}

/* Loads one profile file on a fresh copy of the catalogue (profiles bind
 * parameters into the criteria, so each gets its own). */
static void lint_profile(struct lint *l, const char *path)
{
    cv_criteria *c = calloc(1, sizeof(*c));
    cv_status st;
    if (!c) {
        failed(l, CV_ENOMEM);
        return;
    }
    cv_arena_init(&c->arena);
    c->limits = *l->limits;
    st = cv_tables_load(c, l->diags, l->dir, NULL);
    if (st == CV_OK)
        st = cv_catalogue_load(c, l->diags, l->dir, NULL);
    if (st == CV_OK)
        st = cv_profile_load(c, l->diags, l->dir, path, NULL);
    failed(l, st);
    cv_regex_set_free(&c->regexes);
    cv_arena_release(&c->arena);
    free(c);
}

static void lint_profiles(struct lint *l, struct cv_arena *a)
{
    size_t n = strlen(l->dir) + sizeof("/profiles");
    char *pdir = cv_arena_alloc(a, n);
    DIR *d;
    struct dirent *e;
    if (!pdir) {
        failed(l, CV_ENOMEM);
        return;
    }
    snprintf(pdir, n, "%s/profiles", l->dir);
    d = opendir(pdir);
    if (!d) {
        failed(l, cv_crit_error(l->diags, pdir, NULL, "開けません%s",
                                "cannot open directory%s", ""));
        return;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char *path;
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        path = cv_arena_alloc(a, n + len + 1);
        if (!path) {
            failed(l, CV_ENOMEM);
            break;
        }
        snprintf(path, n + len + 1, "%s/%s", pdir, e->d_name);
        lint_profile(l, path);
    }
    closedir(d);
}

cv_status cv_lint_run(struct cv_diags *diags, const cv_limits *limits,
                      const char *dir, const char *seeds_dir)
{
    struct lint l = { diags, limits, dir, seeds_dir, NULL, 0, CV_OK };
    cv_criteria *c = calloc(1, sizeof(*c));
    const struct cv_node *schema_doc = NULL;
    struct cv_arena scratch;
    size_t i, n;
    char *path;
    cv_status st;

    if (!c)
        return CV_ENOMEM;
    cv_arena_init(&scratch);
    cv_arena_init(&c->arena);
    c->limits = *limits;
    failed(&l, load_documents(&l, &scratch));
    n = strlen(dir) + sizeof("/schema/questionnaire-v1.schema.json");
    path = cv_arena_alloc(&scratch, n);
    if (!path) {
        failed(&l, CV_ENOMEM);
        goto out;
    }
    snprintf(path, n, "%s/schema/questionnaire-v1.schema.json", dir);
    st = cv_crit_read_json(&schema_doc, &c->arena, diags, limits, path, NULL);
    if (st == CV_OK)
        st = cv_schema_compile(&c->schema, schema_doc, &c->arena, diags, path);
    failed(&l, st);
    failed(&l, cv_eras_load(c, diags, dir, NULL));
    failed(&l, cv_tables_load(c, diags, dir, NULL));
    st = cv_catalogue_load(c, diags, dir, NULL);
    failed(&l, st);
    if (st == CV_OK)
        st = cv_profile_load(c, diags, dir, NULL, NULL);
    failed(&l, st);
    for (i = 0; c->schema && i < c->ncatalogue; i++)
        lint_criterion(&l, c->schema, &c->catalogue[i],
                       st == CV_OK ? &c->profile : NULL);
    lint_profiles(&l, &scratch);
out:
    for (i = 0; i < l.ndocs; i++)
        free(l.docs[i].text);
    cv_regex_set_free(&c->regexes);
    cv_arena_release(&c->arena);
    free(c);
    cv_arena_release(&scratch);
    return l.st == CV_OK && diags->errors == 0 ? CV_OK
           : l.st == CV_ENOMEM                 ? CV_ENOMEM
                                               : CV_ECRITERIA;
}
