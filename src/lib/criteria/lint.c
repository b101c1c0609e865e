/* SPDX-License-Identifier: MIT */
/*
 * lint.c: `cloudvet criteria lint`, the check of everything in criteria/.
 *
 * Beyond what loading already enforces (formats, unknown members, unique
 * ids, sources on table entries, profile ids and parameters), lint
 * resolves every citation (criteria/README.md, "Lint"): the document must
 * be in documents.json, and a clause of a seed document must be a path of
 * that document's outline, component by component (`5(1)③` is item ③ of
 * (1) of section 5). That needs no text. With a seeds directory, each seed
 * text must still have the SHA-256 recorded next to its outline: the
 * outline is derived from the text by tools/gen-outline.py, so an equal
 * hash proves it was derived from this very text (the script's --check
 * re-derives it). Every fact path and condition field must be a field of
 * the questionnaire schema, and no `source` anywhere in criteria/ may be
 * a path of ours instead of the published document.
 */
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "../base/io.h"
#include "../base/sha256.h"
#include "criteria.h"

struct doc_entry {
    const char *title;
    const char *seed;              /* NULL for standards */
    const char *sha256;            /* of the text the outline is from */
    const struct cv_node *outline; /* NULL for standards or when invalid */
    const struct cv_node *node;    /* the entry in documents.json */
};

struct lint {
    struct cv_diags *diags;
    const cv_limits *limits;
    const char *dir;
    const char *seeds_dir;
    const struct cv_check_kinds *kinds;
    struct cv_arena *scratch;
    const char *docs_path;
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

/* The status of two checks: out of memory wins, then the first failure. */
static cv_status worse(cv_status a, cv_status b)
{
    if (a == CV_ENOMEM || b == CV_ENOMEM)
        return CV_ENOMEM;
    return a != CV_OK ? a : b;
}

/* ---- seed texts (only with a seeds directory) ---- */

static cv_status seeds_dir_error(struct lint *l)
{
    struct cv_loc loc = { l->seeds_dir, "", 0, 0 };
    return cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                         CV_L(l->diags->lang,
                              "シード本文のフォルダを開けません%s",
                              "cannot open the seeds directory%s"),
                         "");
}

/* The file `seeds_dir/<prefix>_*.txt`, or NULL in *out when there is none. */
static cv_status find_seed_file(char **out, struct lint *l, const char *prefix)
{
    DIR *d = opendir(l->seeds_dir);
    struct dirent *e;
    size_t plen = strlen(prefix);
    cv_status st = CV_OK;
    *out = NULL;
    if (!d)
        return seeds_dir_error(l);
    while ((e = readdir(d)) != NULL && !*out) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, plen) == 0 && e->d_name[plen] == '_' &&
            n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) {
            *out = cv_crit_join_path(l->scratch, l->seeds_dir, e->d_name);
            if (!*out) {
                st = CV_ENOMEM;
                break;
            }
        }
    }
    closedir(d);
    return st;
}

/* The seed text of `d` must have the SHA-256 its outline was made from. */
static cv_status check_seed_text(struct lint *l, const struct doc_entry *d)
{
    char *file = NULL, *text = NULL;
    char hex[CV_SHA256_HEX_LEN + 1];
    size_t len = 0;
    cv_status st = find_seed_file(&file, l, d->seed);
    if (st == CV_OK && !file)
        st = cv_crit_fail_at(l->diags, l->docs_path, d->node,
                             CV_L(l->diags->lang,
                                  "シード本文 '%s/%s_*.txt' がありません",
                                  "no seed text '%s/%s_*.txt'"),
                             l->seeds_dir, d->seed);
    if (st == CV_OK)
        st = cv_io_read_file(&text, &len, file, l->limits->max_input_bytes,
                             l->diags);
    if (st == CV_OK && cv_sha256_hex(hex, text, len) != CV_OK)
        st = cv_crit_error(l->diags, file, NULL,
                           "SHA-256 を計算できません%s",
                           "cannot compute the SHA-256%s", "");
    if (st == CV_OK && strcmp(hex, d->sha256) != 0)
        st = cv_crit_fail_at(l->diags, l->docs_path,
                             cv_node_member(d->node, "sha256"),
                             CV_L(l->diags->lang,
                                  "シード本文 '%s' が変わっています "
                                  "(SHA-256 %s、記録は %s): outline を "
                                  "tools/gen-outline.py で作り直してください",
                                  "the seed text '%s' has changed (SHA-256 "
                                  "%s, recorded %s): regenerate the outline "
                                  "with tools/gen-outline.py"),
                             file, hex, d->sha256);
    free(text);
    return st;
}

static cv_status check_seed_texts(struct lint *l)
{
    DIR *d = opendir(l->seeds_dir);
    size_t i;
    cv_status st = CV_OK;
    if (!d)
        return seeds_dir_error(l);
    closedir(d);
    for (i = 0; i < l->ndocs && st != CV_ENOMEM; i++)
        if (l->docs[i].outline)
            st = worse(st, check_seed_text(l, &l->docs[i]));
    return st;
}

/* ---- documents.json ---- */

static bool is_sha256_hex(const char *s)
{
    return strlen(s) == CV_SHA256_HEX_LEN &&
           strspn(s, "0123456789abcdef") == CV_SHA256_HEX_LEN;
}

/* An optional member is a non-empty string when present. */
static cv_status optional_string(struct lint *l, const struct cv_node *e,
                                 const char *name)
{
    const char *s;
    if (!cv_node_member(e, name))
        return CV_OK;
    return cv_crit_string(&s, e, name, l->diags, l->docs_path);
}

/* Every clause of an outline maps to the object of its sub-clauses. */
static cv_status check_outline(struct lint *l, const struct cv_node *n)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    for (m = n->first; m && st != CV_ENOMEM; m = m->next) {
        if (m->name[0] == '\0')
            st = worse(st, cv_crit_error(l->diags, l->docs_path, m,
                                         "outline に空の条項があります%s",
                                         "an outline clause is empty%s", ""));
        else if (m->kind != CV_NODE_OBJECT)
            st = worse(st, cv_crit_error(l->diags, l->docs_path, m,
                                         "outline の条項 '%s' の値は下位の"
                                         "条項のオブジェクトです",
                                         "outline clause '%s' must map to "
                                         "an object of its sub-clauses",
                                         m->name));
        else
            st = worse(st, check_outline(l, m));
    }
    return st;
}

static cv_status load_seed_doc(struct lint *l, struct doc_entry *d,
                               const struct cv_node *e)
{
    static const char *const mem[] = { "title",  "kind",    "issuer", "seed",
                                       "sha256", "outline", "note",   NULL };
    const struct cv_node *outline = cv_node_member(e, "outline");
    const char *issuer;
    cv_status st = cv_crit_members(e, mem, l->diags, l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&issuer, e, "issuer", l->diags, l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&d->seed, e, "seed", l->diags, l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&d->sha256, e, "sha256", l->diags, l->docs_path);
    if (st == CV_OK && !is_sha256_hex(d->sha256))
        st = cv_crit_error(l->diags, l->docs_path,
                           cv_node_member(e, "sha256"),
                           "sha256 は小文字の 16 進 64 桁です: '%s'",
                           "'sha256' must be 64 lower-case hex digits: '%s'",
                           d->sha256);
    if (st == CV_OK && (!outline || outline->kind != CV_NODE_OBJECT))
        st = cv_crit_error(l->diags, l->docs_path, outline ? outline : e,
                           "outline（条項番号の入れ子）のオブジェクトが"
                           "必要です%s",
                           "an 'outline' object (the clause numbering) is "
                           "required%s",
                           "");
    if (st == CV_OK)
        st = optional_string(l, e, "note");
    if (st == CV_OK)
        st = check_outline(l, outline);
    if (st == CV_OK)
        d->outline = outline;
    return st;
}

static cv_status load_standard_doc(struct lint *l, const struct cv_node *e)
{
    static const char *const mem[] = { "title",   "kind", "issuer", "source",
                                       "edition", "url",  "note",   NULL };
    const char *s;
    cv_status st = cv_crit_members(e, mem, l->diags, l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&s, e, "issuer", l->diags, l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&s, e, "source", l->diags, l->docs_path);
    if (st == CV_OK)
        st = optional_string(l, e, "edition");
    if (st == CV_OK)
        st = optional_string(l, e, "url");
    if (st == CV_OK)
        st = optional_string(l, e, "note");
    return st;
}

static const struct doc_entry *find_doc(const struct lint *l, const char *t)
{
    size_t i;
    for (i = 0; i < l->ndocs; i++)
        if (strcmp(l->docs[i].title, t) == 0)
            return &l->docs[i];
    return NULL;
}

static cv_status load_document(struct lint *l, const struct cv_node *e)
{
    struct doc_entry *d = &l->docs[l->ndocs];
    const char *kind = NULL;
    cv_status st = cv_crit_string(&d->title, e, "title", l->diags,
                                  l->docs_path);
    if (st == CV_OK)
        st = cv_crit_string(&kind, e, "kind", l->diags, l->docs_path);
    if (st != CV_OK)
        return st;
    d->node = e;
    if (find_doc(l, d->title))
        st = cv_crit_error(l->diags, l->docs_path, e,
                           "文書 '%s' が重複しています",
                           "document '%s' is listed twice", d->title);
    else if (strcmp(kind, "seed") == 0)
        st = load_seed_doc(l, d, e);
    else if (strcmp(kind, "standard") == 0)
        st = load_standard_doc(l, e);
    else
        st = cv_crit_error(l->diags, l->docs_path, e, "未知の kind '%s'",
                           "unknown kind '%s'", kind);
    l->ndocs++;
    return st;
}

static cv_status load_documents(struct lint *l)
{
    static const char *const top[] = { "format", "documents", NULL };
    const struct cv_node *doc = NULL, *list, *e;
    cv_status st = CV_OK;
    l->docs_path = cv_crit_join_path(l->scratch, l->dir, "documents.json");
    if (!l->docs_path)
        return CV_ENOMEM;
    st = cv_crit_read_json(&doc, l->scratch, l->diags, l->limits,
                           l->docs_path, NULL);
    if (st == CV_OK)
        st = cv_crit_expect(doc, "cloudvet-documents/1", top, l->diags,
                            l->docs_path);
    if (st != CV_OK)
        return st;
    list = cv_node_member(doc, "documents");
    if (!list || list->kind != CV_NODE_ARRAY)
        return cv_crit_error(l->diags, l->docs_path, doc,
                             "documents は配列です%s",
                             "'documents' must be a list%s", "");
    l->docs = cv_arena_calloc(l->scratch, list->count + 1, sizeof(*l->docs));
    if (!l->docs)
        return CV_ENOMEM;
    for (e = list->first; e && st != CV_ENOMEM; e = e->next)
        st = worse(st, load_document(l, e));
    return st;
}

/* ---- clauses ---- */

/* Length of the printed clause component at `c` ("第10", "第3条", "12",
 * "(1)", "③", "カ"); 0 when none starts there. */
static size_t component_len(const char *c)
{
    const unsigned char *u = (const unsigned char *)c;
    size_t len = 0;
    if (strncmp(c, "第", 3) == 0) {
        len = 3;
        while (c[len] >= '0' && c[len] <= '9')
            len++;
        if (len == 3)
            return 0;
        return strncmp(c + len, "条", 3) == 0 ? len + 3 : len;
    }
    if (*c >= '0' && *c <= '9') {
        while (c[len] >= '0' && c[len] <= '9')
            len++;
        return len;
    }
    if (*c == '(') {
        const char *close = strchr(c, ')');
        return close ? (size_t)(close - c) + 1 : 0;
    }
    if (u[0] == 0xE2 && u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3)
        return 3; /* circled digits ① .. ⑳ */
    if (u[0] == 0xE3 && ((u[1] == 0x82 && u[2] >= 0xA1 && u[2] <= 0xBF) ||
                         (u[1] == 0x83 && u[2] >= 0x80 && u[2] <= 0xB6)))
        return 3; /* katakana ァ .. ヶ */
    return 0;
}

/* Where resolving a clause stopped: the component `comp` is not under the
 * path `at` (the first `at_len` bytes of the clause; 0: the top level). */
struct clause_miss {
    size_t at_len;
    const char *comp;
    size_t comp_len;
};

/* Is `clause` made of printed components only (blanks between them)? */
static bool is_numbered(const char *clause)
{
    const char *p = clause;
    while (*p) {
        size_t len = *p == ' ' ? 1 : component_len(p);
        if (len == 0)
            return false;
        p += len;
    }
    return p != clause;
}

/* Is `clause` a path of `outline`? A whole top-level label (a heading as
 * printed) is; otherwise each printed component must be a sub-clause of
 * the one before ("第11 1(1)": 第11, 1, (1)). */
static bool resolve_clause(const struct cv_node *outline, const char *clause,
                           struct clause_miss *miss)
{
    const struct cv_node *n = outline;
    const char *p = clause;
    char key[64];
    miss->at_len = 0;
    miss->comp = clause;
    miss->comp_len = strlen(clause);
    if (*clause && cv_node_member(outline, clause))
        return true;
    if (!is_numbered(clause))
        return false;
    while (*p) {
        size_t len;
        if (*p == ' ') {
            p++;
            continue;
        }
        len = component_len(p);
        miss->comp = p;
        miss->comp_len = len;
        if (len >= sizeof(key))
            return false;
        memcpy(key, p, len);
        key[len] = '\0';
        n = cv_node_member(n, key);
        if (!n)
            return false;
        p += len;
        miss->at_len = (size_t)(p - clause);
    }
    return n != outline;
}

static cv_status citation_loc(struct cv_loc *loc, struct lint *l,
                              const struct cv_criterion *cr, size_t i)
{
    const char *list = cv_pointer_child(l->scratch, cr->where, "citations");
    loc->source = cr->file;
    loc->path = list ? cv_pointer_index(l->scratch, list, i) : NULL;
    loc->line = 0;
    loc->column = 0;
    return loc->path ? CV_OK : CV_ENOMEM;
}

static cv_status lint_citation(struct lint *l, const struct cv_criterion *cr,
                               size_t i)
{
    const cv_citation *ci = &cr->citations[i];
    const struct doc_entry *d = find_doc(l, ci->document);
    struct clause_miss miss;
    struct cv_loc loc;
    cv_status st = citation_loc(&loc, l, cr, i);
    if (st != CV_OK)
        return st;
    if (!d)
        return cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                             CV_L(l->diags->lang,
                                  "%s: 文書 '%s' は documents.json に"
                                  "ありません",
                                  "%s: document '%s' is not in "
                                  "documents.json"),
                             cr->id, ci->document);
    if (!d->outline || resolve_clause(d->outline, ci->clause, &miss))
        return CV_OK;
    if (miss.at_len == 0)
        return cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                             CV_L(l->diags->lang,
                                  "%s: 文書 '%s' に条項 '%s' がありません"
                                  "（最上位に '%.*s' がありません）",
                                  "%s: document '%s' has no clause '%s' "
                                  "(no '%.*s' at its top level)"),
                             cr->id, ci->document, ci->clause,
                             (int)miss.comp_len, miss.comp);
    return cv_diags_fail(l->diags, CV_ECRITERIA, &loc,
                         CV_L(l->diags->lang,
                              "%s: 文書 '%s' に条項 '%s' がありません"
                              "（'%.*s' の下に '%.*s' がありません）",
                              "%s: document '%s' has no clause '%s' "
                              "('%.*s' has no '%.*s')"),
                         cr->id, ci->document, ci->clause, (int)miss.at_len,
                         ci->clause, (int)miss.comp_len, miss.comp);
}

/* ---- sources: the published document, never a path of ours ---- */

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* "../x", "shared/x", "x.md", "domain-facts.md §2": a file of ours, not a
 * document. URLs are published addresses and are skipped (a page of a
 * public repository may well end in .md). */
static bool path_like(const char *s)
{
    const char *p = s;
    while (*p) {
        if (strncmp(p, "http://", 7) == 0 || strncmp(p, "https://", 8) == 0) {
            while ((unsigned char)*p > ' ' && (unsigned char)*p < 0x80)
                p++;
            continue;
        }
        if (strncmp(p, "../", 3) == 0 || strncmp(p, "shared/", 7) == 0 ||
            (strncmp(p, ".md", 3) == 0 && !is_alnum(p[3])))
            return true;
        p++;
    }
    return false;
}

static cv_status check_sources(struct lint *l, const char *file,
                               const struct cv_node *n)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    for (m = n->first; m && st != CV_ENOMEM; m = m->next) {
        if (m->kind == CV_NODE_OBJECT || m->kind == CV_NODE_ARRAY) {
            st = worse(st, check_sources(l, file, m));
        } else if (m->kind == CV_NODE_STRING && m->name &&
                   strcmp(m->name, "source") == 0 && path_like(m->text)) {
            struct cv_loc loc = { file, m->path, m->line, m->column };
            st = worse(st, cv_diags_fail(
                               l->diags, CV_ECRITERIA, &loc,
                               CV_L(l->diags->lang,
                                    "source は公開された文書を挙げてください"
                                    "（手元のファイルのパスではなく）: '%s'",
                                    "source must name the published "
                                    "document, not a path of ours: '%s'"),
                               m->text));
        }
    }
    return st;
}

static cv_status lint_sources_file(struct lint *l, const char *path)
{
    struct cv_diags quiet;
    const struct cv_node *doc = NULL;
    cv_status st;
    /* A file that does not parse is reported by the check that loads it. */
    cv_diags_init(&quiet, l->scratch, l->diags->lang, 1);
    st = cv_crit_read_json(&doc, l->scratch, &quiet, l->limits, path, NULL);
    if (st != CV_OK)
        return st == CV_ENOMEM ? st : CV_OK;
    return check_sources(l, path, doc);
}

/* Every *.json of `dir`, in name order; a missing folder is reported by
 * the check that needs it. */
static cv_status lint_sources_dir(struct lint *l, const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort), i;
    cv_status st = CV_OK;
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name);
        if (st != CV_ENOMEM && len > 5 &&
            strcmp(names[i]->d_name + len - 5, ".json") == 0) {
            const char *path =
                cv_crit_join_path(l->scratch, dir, names[i]->d_name);
            st = worse(st, path ? lint_sources_file(l, path) : CV_ENOMEM);
        }
        free(names[i]);
    }
    free(names);
    return st;
}

static cv_status lint_sources(struct lint *l)
{
    static const char *const subdirs[] = { "catalogue", "data", "profiles",
                                           "schema", "mappings", NULL };
    size_t i;
    cv_status st = lint_sources_dir(l, l->dir);
    for (i = 0; subdirs[i] && st != CV_ENOMEM; i++) {
        const char *dir = cv_crit_join_path(l->scratch, l->dir, subdirs[i]);
        st = worse(st, dir ? lint_sources_dir(l, dir) : CV_ENOMEM);
    }
    return st;
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
    for (i = 0; i < cr->ncitations; i++)
        failed(l, lint_citation(l, cr, i));
    for (i = 0; i < cr->nfacts; i++)
        check_field(l, schema, cr, cr->facts[i], cr->where);
    check_cond(l, schema, cr, cr->require, def);
    check_cond(l, schema, cr, cr->partial_if, def);
    for (i = 0; i < cr->nbonus; i++)
        check_cond(l, schema, cr, cr->bonus[i].when, def);
}

/* The questionnaire schema, that fields and enumerations are checked
 * against; its own problems go to `diags`. */
static cv_status load_schema(cv_criteria *c, struct lint *l,
                             struct cv_diags *diags)
{
    const struct cv_node *doc = NULL;
    const char *path = cv_crit_join_path(l->scratch, l->dir,
                                         "schema/questionnaire-v1.schema.json");
    cv_status st = path ? CV_OK : CV_ENOMEM;
    if (st == CV_OK)
        st = cv_crit_read_json(&doc, &c->arena, diags, l->limits, path, NULL);
    if (st == CV_OK)
        st = cv_schema_compile(&c->schema, doc, &c->arena, diags, path);
    return st;
}

/* Loads one profile (a file, or an id of profiles/) on a fresh copy of
 * the catalogue (profiles bind parameters into the criteria, so each gets
 * its own), and checks it against the kinds table as loading does. A bad
 * schema is reported once, by the main run. */
static void lint_profile(struct lint *l, const char *path)
{
    cv_criteria *c = calloc(1, sizeof(*c));
    struct cv_diags quiet;
    cv_status st;
    if (!c) {
        failed(l, CV_ENOMEM);
        return;
    }
    cv_arena_init(&c->arena);
    c->limits = *l->limits;
    c->kinds = l->kinds;
    cv_diags_init(&quiet, &c->arena, l->diags->lang, 1);
    st = load_schema(c, l, &quiet);
    if (st != CV_OK)
        c->schema = NULL; /* fields and enumerations go unchecked here */
    if (st != CV_ENOMEM)
        st = cv_tables_load(c, l->diags, l->dir, NULL);
    if (st == CV_OK)
        st = cv_catalogue_load(c, l->diags, l->dir, NULL);
    if (st == CV_OK)
        st = cv_profile_load(c, l->diags, l->dir, path, NULL);
    if (st == CV_OK)
        st = cv_checks_bind(c, l->diags, false);
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
                      const char *dir, const char *seeds_dir,
                      const char *profile, const struct cv_check_kinds *kinds)
{
    struct cv_arena scratch;
    struct lint l = { diags, limits, dir,  seeds_dir, kinds,
                      &scratch, NULL, NULL, 0,        CV_OK };
    cv_criteria *c = calloc(1, sizeof(*c));
    size_t i;
    cv_status st;

    if (!c)
        return CV_ENOMEM;
    cv_arena_init(&scratch);
    cv_arena_init(&c->arena);
    c->limits = *limits;
    c->kinds = kinds;
    failed(&l, load_documents(&l));
    if (seeds_dir)
        failed(&l, check_seed_texts(&l));
    failed(&l, load_schema(c, &l, diags));
    failed(&l, cv_eras_load(c, diags, dir, NULL));
    failed(&l, cv_tables_load(c, diags, dir, NULL));
    failed(&l, cv_wb_words_load(c, diags, dir, NULL));
    st = cv_catalogue_load(c, diags, dir, NULL);
    failed(&l, st);
    if (st == CV_OK)
        st = cv_profile_load(c, diags, dir, NULL, NULL);
    failed(&l, st);
    /* The default profile's own criteria are checked with the profile
     * (lint_profiles); every other criterion must find its parameters,
     * of the right type, there too. */
    if (st == CV_OK)
        failed(&l, cv_checks_bind(c, diags, true));
    for (i = 0; c->schema && i < c->ncatalogue; i++)
        lint_criterion(&l, c->schema, &c->catalogue[i],
                       st == CV_OK ? &c->profile : NULL);
    /* The check-sheet mappings, compiled as loading compiles them
     * (against the schema and the catalogue). */
    if (c->schema && c->ncatalogue)
        failed(&l, cv_mappings_load(c, diags, dir, NULL));
    lint_profiles(&l, &scratch);
    if (profile)
        lint_profile(&l, profile);
    failed(&l, lint_sources(&l));
    cv_regex_set_free(&c->regexes);
    cv_arena_release(&c->arena);
    free(c);
    cv_arena_release(&scratch);
    return l.st == CV_OK && diags->errors == 0 ? CV_OK
           : l.st == CV_ENOMEM                 ? CV_ENOMEM
                                               : CV_ECRITERIA;
}
