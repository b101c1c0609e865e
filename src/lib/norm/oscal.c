/* SPDX-License-Identifier: MIT */
/*
 * oscal.c: an OSCAL system security plan -> raw questionnaire (oscal.h).
 *
 * The SSP arrives as a JSON tree or as XML elements (attributes as "@name"
 * children); the few accessors below read both alike, so the mapping is
 * written once. The questionnaire is built with the workbook readers' tree
 * builder (sheets.h), each value located at the SSP node it came from;
 * line and column are put back on the built nodes at the end.
 */
#include "oscal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/unicode.h"
#include "norm.h"
#include "sheets.h"

#define MAX_EXPLANATION 4000 /* bytes of narrative quoted per answer */
#define MAX_CRITERIA 32      /* answers one SSP can give (the table's) */
#define MAX_FACTS 64         /* scalar facts taken from narratives */
#define MAX_LIST 16          /* items of one list fact */

/* Where a built value came from: the SSP node's path (the pointer the
 * tree builder keeps), and its line and column. */
struct origin {
    const char *path;
    unsigned line, column;
};

struct scalar_fact {
    const char *path;        /* questionnaire path */
    const char *value;
    const struct cv_node *at;
    bool conflict;
};

struct list_fact {
    const char *values[MAX_LIST];
    const struct cv_node *at[MAX_LIST];
    size_t n;
};

struct answer {
    const char *criterion;
    int rank;                /* 0 yes, 1 partial, 2 no */
    const struct cv_node *at;
    struct cv_strbuf text;
};

struct ssp {
    const struct cv_oscal_req *req;
    struct cv_sheets_req sreq;
    struct cv_sheet_tree tree;
    const struct cv_node *plan, *metadata;
    struct origin *origins;
    size_t norigins, origins_cap;
    struct scalar_fact facts[MAX_FACTS];
    size_t nfacts;
    struct list_fact factors, at_rest, tls;
    struct answer answers[MAX_CRITERIA];
    size_t nanswers;
    size_t nstorage;
    /* which of the table's controls were read as implemented (by index) */
    bool *implemented;
};

/* ---- reading JSON and XML alike ---------------------------------------- */

/* A member (JSON) or an attribute or child element (XML) named `name`. */
static const struct cv_node *field(const struct ssp *s,
                                   const struct cv_node *n, const char *name)
{
    const struct cv_node *c;
    if (!n)
        return NULL;
    if (!s->req->xml)
        return cv_node_member(n, name);
    for (c = n->first; c; c = c->next)
        if (c->name && ((c->name[0] == '@' && strcmp(c->name + 1, name) == 0) ||
                        strcmp(c->name, name) == 0))
            return c;
    return NULL;
}

/* The text of a scalar, or NULL (a JSON number keeps its text). */
static const char *text_of(const struct cv_node *n)
{
    if (!n || !n->text)
        return NULL;
    if (n->kind == CV_NODE_STRING || n->kind == CV_NODE_NUMBER ||
        n->kind == CV_NODE_ELEMENT)
        return n->text;
    return NULL;
}

static const char *str(const struct ssp *s, const struct cv_node *n,
                       const char *name)
{
    const char *t = text_of(field(s, n, name));
    return t && *t ? t : NULL;
}

/* The items of a list: JSON `json_name` array, or the XML children called
 * `xml_name`. `next_item` steps through either. */
static const struct cv_node *first_item(const struct ssp *s,
                                        const struct cv_node *n,
                                        const char *json_name,
                                        const char *xml_name)
{
    const struct cv_node *c;
    if (!n)
        return NULL;
    if (!s->req->xml) {
        c = cv_node_member(n, json_name);
        return c && c->kind == CV_NODE_ARRAY ? c->first : NULL;
    }
    for (c = n->first; c; c = c->next)
        if (c->name && strcmp(c->name, xml_name) == 0)
            return c;
    return NULL;
}

static const struct cv_node *next_item(const struct ssp *s,
                                       const struct cv_node *it,
                                       const char *xml_name)
{
    const struct cv_node *c;
    if (!s->req->xml)
        return it->next;
    for (c = it->next; c; c = c->next)
        if (c->name && strcmp(c->name, xml_name) == 0)
            return c;
    return NULL;
}

#define EACH(s, it, n, jname, xname)                                          \
    for ((it) = first_item((s), (n), (jname), (xname)); (it);                 \
         (it) = next_item((s), (it), (xname)))

/* Markup (an XML description's <p> and inline elements) as plain text, in
 * `sb`: every piece of text, a blank between pieces. */
static void gather_text(struct cv_strbuf *sb, const struct cv_node *n)
{
    const struct cv_node *c;
    if (n->text && n->text_len) {
        if (sb->len)
            cv_strbuf_putc(sb, ' ');
        cv_strbuf_put(sb, n->text, n->text_len);
    }
    for (c = n->first; c; c = c->next)
        if (c->name && c->name[0] != '@')
            gather_text(sb, c);
}

static const char *prose(const struct ssp *s, const struct cv_node *n)
{
    struct cv_strbuf sb;
    const char *out = NULL;
    if (!n)
        return NULL;
    if (!s->req->xml)
        return text_of(n);
    cv_strbuf_init(&sb, s->req->limits->max_string_bytes);
    gather_text(&sb, n);
    if (cv_strbuf_status(&sb) == CV_OK && sb.len)
        out = cv_arena_strndup(s->req->arena, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return out;
}

/* ---- diagnostics and the tree ------------------------------------------ */

static cv_status say(const struct ssp *s, cv_severity sev,
                     const struct cv_node *at, const char *fmt, ...)
    CV_PRINTF(4, 5);

static cv_status say(const struct ssp *s, cv_severity sev,
                     const struct cv_node *at, const char *fmt, ...)
{
    struct cv_loc loc = { s->req->source, at && at->path ? at->path : "",
                          at ? at->line : 0, at ? at->column : 0 };
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(s->req->diags, sev,
                       sev == CV_SEV_NOTE ? CV_OK : CV_EINVALID, &loc, fmt,
                       ap);
    va_end(ap);
    return st;
}

static cv_status remember(struct ssp *s, const struct cv_node *at)
{
    if (!at || !at->path)
        return CV_OK;
    if (s->norigins == s->origins_cap) {
        size_t ncap = s->origins_cap ? s->origins_cap * 2 : 64;
        struct origin *o;
        if (ncap > SIZE_MAX / sizeof(*o))
            return CV_ENOMEM;
        o = realloc(s->origins, ncap * sizeof(*o));
        if (!o)
            return CV_ENOMEM;
        s->origins = o;
        s->origins_cap = ncap;
    }
    s->origins[s->norigins].path = at->path;
    s->origins[s->norigins].line = at->line;
    s->origins[s->norigins++].column = at->column;
    return CV_OK;
}

/* Sets `path` to `value`, located at the SSP node `at`. */
static cv_status put(struct ssp *s, const char *path, const char *value,
                     const struct cv_node *at)
{
    cv_status st = remember(s, at);
    if (st != CV_OK)
        return st;
    return cv_sheet_tree_set(&s->tree, path, value,
                             at && at->path ? at->path : "");
}

static cv_status putf(struct ssp *s, const char *value,
                      const struct cv_node *at, const char *fmt, ...)
    CV_PRINTF(4, 5);

static cv_status putf(struct ssp *s, const char *value,
                      const struct cv_node *at, const char *fmt, ...)
{
    char path[160];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(path))
        return CV_EUSAGE;
    return put(s, path, value, at);
}

static int by_path(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct origin *)a)->path;
    uintptr_t y = (uintptr_t)((const struct origin *)b)->path;
    return x < y ? -1 : x > y;
}

/* Line and column back on every built node, from the SSP node whose path
 * it carries (the builder keeps the pointer it was given). */
static void locate(struct ssp *s, struct cv_node *n)
{
    struct cv_node *c;
    struct origin key = { NULL, 0, 0 }, *o;
    key.path = n->path;
    o = n->path && s->norigins
            ? bsearch(&key, s->origins, s->norigins, sizeof(*s->origins),
                      by_path)
            : NULL;
    if (o) {
        n->line = o->line;
        n->column = o->column;
    }
    for (c = n->first; c; c = c->next)
        locate(s, c);
}

/* ---- searching narratives ---------------------------------------------- */

static bool ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Where the folded `key` occurs in the NFKC text `t` as a whole word
 * (ASCII case-insensitive; a key with non-ASCII bytes as a substring,
 * since Japanese has no blanks); NULL when it does not. */
static const char *find_word(const char *t, const char *key)
{
    size_t n = strlen(key), i;
    bool ascii = true;
    const char *p;
    for (i = 0; i < n; i++)
        if ((unsigned char)key[i] >= 0x80)
            ascii = false;
    if (!ascii)
        return n ? strstr(t, key) : NULL;
    for (p = t; *p; p++) {
        for (i = 0; i < n && p[i] && lower(p[i]) == key[i]; i++)
            ;
        if (i == n && (p == t || !ascii_alnum(p[-1])) && !ascii_alnum(p[n]))
            return p;
    }
    return NULL;
}

/* ---- facts -------------------------------------------------------------- */

static cv_status list_add(struct list_fact *l, const char *value,
                          const struct cv_node *at)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->values[i], value) == 0)
            return CV_OK;
    if (l->n < MAX_LIST) {
        l->values[l->n] = value;
        l->at[l->n++] = at;
    }
    return CV_OK;
}

/* A scalar fact from a narrative; a second, different value is an
 * inconsistency naming both places, and the fact is left unresolved. */
static cv_status scalar_add(struct ssp *s, const char *path, const char *value,
                            const struct cv_node *at)
{
    size_t i;
    for (i = 0; i < s->nfacts; i++) {
        struct scalar_fact *f = &s->facts[i];
        if (strcmp(f->path, path) != 0)
            continue;
        if (strcmp(f->value, value) == 0 || f->conflict)
            return CV_OK;
        f->conflict = true;
        return say(s, CV_SEV_WARNING, at,
                   CV_L(s->req->diags->lang,
                        "%s について SSP の記述が一致しません: '%s' (%s) と "
                        "'%s' (%s)。どちらとも決めず、この事実は確認できない"
                        "ものとして扱います",
                        "the SSP states %s inconsistently: '%s' (%s) and "
                        "'%s' (%s); neither is taken, and the fact is treated "
                        "as unreadable"),
                   path, f->value, f->at->path, value, at->path);
    }
    if (s->nfacts == MAX_FACTS)
        return CV_OK;
    s->facts[s->nfacts].path = path;
    s->facts[s->nfacts].value = value;
    s->facts[s->nfacts].at = at;
    s->facts[s->nfacts++].conflict = false;
    return CV_OK;
}

/* MFA factor names and aliases the table knows. */
static cv_status find_factors(struct ssp *s, const char *t,
                              const struct cv_node *at, bool *found)
{
    const struct cv_oscal_map *m = s->req->map;
    size_t i;
    for (i = 0; i < m->nfactors; i++)
        if (find_word(t, m->factors[i].key)) {
            *found = true;
            list_add(&s->factors, m->factors[i].value, at);
        }
    return CV_OK;
}

/* A cipher of the table, with the key length and mode written beside it
 * ("AES-256-GCM"): the whole token is the algorithm as the vendor wrote
 * it, read by the CRYPTREC check. */
static cv_status find_ciphers(struct ssp *s, const char *t,
                              const struct cv_node *at, bool *found)
{
    const struct cv_oscal_map *m = s->req->map;
    size_t i;
    for (i = 0; i < m->nciphers; i++) {
        const char *p = find_word(t, m->ciphers[i].key), *e;
        char *tok;
        if (!p)
            continue;
        for (e = p; ascii_alnum(*e) || *e == '-' || *e == '_'; e++)
            ;
        while (e > p && (e[-1] == '-' || e[-1] == '_'))
            e--;
        tok = cv_arena_strndup(s->req->arena, p, (size_t)(e - p));
        if (!tok)
            return CV_ENOMEM;
        *found = true;
        list_add(&s->at_rest, tok, at);
    }
    return CV_OK;
}

/* "TLS 1.3", "TLSv1.2", "TLS 1.2 and 1.3": every version written in the
 * sentence after a TLS (an unknown one is the CRYPTREC check's warning). */
static cv_status find_tls(struct ssp *s, const char *t,
                          const struct cv_node *at, bool *found)
{
    const char *p = t;
    while ((p = find_word(p, "tls")) != NULL) {
        const char *q = p + 3;
        for (; *q && *q != '\n' && !(q[0] == '.' && q[1] == ' ') &&
               strncmp(q, "\xE3\x80\x82", 3) != 0;
             q++) {
            char *v;
            if (!(q[0] >= '0' && q[0] <= '9' && q[1] == '.' && q[2] >= '0' &&
                  q[2] <= '9') ||
                (q > t && (ascii_alnum(q[-1]) && q[-1] != 'v' &&
                           q[-1] != 'V')) ||
                ascii_alnum(q[3]))
                continue;
            v = cv_arena_strndup(s->req->arena, q, 3);
            if (!v)
                return CV_ENOMEM;
            *found = true;
            list_add(&s->tls, v, at);
            q += 2;
        }
        p = q;
        if (!*p)
            break;
    }
    return CV_OK;
}

/* After a keyword ("rpo"), the first number within a few characters and
 * the unit word after it ("1hour" -> "1 hour"): the normaliser reads the
 * unit with units.json, and reports what it cannot read. */
/* The longest "number unit" prefix of `cand` the normaliser reads as a
 * quantity with a unit for the field (units.json), or NULL. */
static const char *readable_quantity(const struct ssp *s, const char *path,
                                     const char *cand, size_t numlen)
{
    const struct cv_unit_field *uf =
        s->req->units ? cv_units_field(s->req->units, path) : NULL;
    size_t len = strlen(cand);
    if (!uf)
        return NULL;
    for (; len > numlen + 1; len--) {
        struct cv_quantity q;
        const char *what;
        size_t what_len;
        enum cv_qty_result r;
        if (((unsigned char)cand[len] & 0xC0) == 0x80)
            continue; /* not in the middle of a character */
        r = cv_norm_quantity(s->req->units, uf->unit, s->req->arena, cand, len,
                             &q, &what, &what_len);
        if (r == CV_QTY_CHANGED)
            return cv_arena_strndup(s->req->arena, cand, len);
    }
    return NULL;
}

static const char *number_after(struct cv_arena *a, const char *folded,
                                const char *key)
{
    const char *p = strstr(folded, key), *d, *u;
    struct cv_strbuf sb;
    const char *out = NULL;
    size_t i;
    if (!p)
        return NULL;
    p += strlen(key);
    for (i = 0; i < 24 && p[i] && !(p[i] >= '0' && p[i] <= '9'); i++)
        ;
    if (!(p[i] >= '0' && p[i] <= '9'))
        return NULL;
    d = p + i;
    for (u = d; (*u >= '0' && *u <= '9') || (*u == '.' && u[1] >= '0' &&
                                              u[1] <= '9');
         u++)
        ;
    cv_strbuf_init(&sb, 256);
    cv_strbuf_put(&sb, d, (size_t)(u - d));
    cv_strbuf_putc(&sb, ' ');
    for (i = 0; i < 24 && u[i] &&
                ((u[i] >= 'a' && u[i] <= 'z') || (unsigned char)u[i] >= 0x80);
         i++)
        ;
    while (i > 0 && (unsigned char)u[i] >= 0x80 &&
           ((unsigned char)u[i] & 0xC0) == 0x80)
        i--; /* not in the middle of a character */
    cv_strbuf_put(&sb, u, i);
    if (i && cv_strbuf_status(&sb) == CV_OK)
        out = cv_arena_strndup(a, sb.ptr, sb.len);
    cv_strbuf_release(&sb);
    return out;
}

static cv_status find_numbers(struct ssp *s, const struct cv_oscal_control *c,
                              const char *t, const struct cv_node *at,
                              bool *found)
{
    const char *folded = cv_fold_key(s->req->arena, t, strlen(t));
    size_t i, k;
    cv_status st = CV_OK;
    if (!folded)
        return CV_ENOMEM;
    for (i = 0; i < c->nnumbers && st == CV_OK; i++)
        for (k = 0; k < c->numbers[i]->nkeys; k++) {
            const char *v = number_after(s->req->arena, folded,
                                         c->numbers[i]->keys[k]);
            v = v ? readable_quantity(s, c->numbers[i]->path, v,
                                      strcspn(v, " "))
                  : NULL;
            if (v) {
                *found = true;
                st = scalar_add(s, c->numbers[i]->path, v, at);
                break;
            }
        }
    return st;
}

static cv_status extract(struct ssp *s, const struct cv_oscal_control *c,
                         const char *text, const struct cv_node *at,
                         bool *found)
{
    const char *t = cv_nfkc(s->req->arena, text, strlen(text));
    size_t i;
    cv_status st = CV_OK;
    if (!t)
        return CV_ENOMEM;
    for (i = 0; i < c->nextract && st == CV_OK; i++)
        switch (c->extract[i]) {
        case CV_OSCAL_X_FACTORS:
            st = find_factors(s, t, at, found);
            break;
        case CV_OSCAL_X_AT_REST:
            st = find_ciphers(s, t, at, found);
            break;
        case CV_OSCAL_X_TLS:
            st = find_tls(s, t, at, found);
            break;
        case CV_OSCAL_X_NUMBER:
            break;
        }
    if (st == CV_OK)
        st = find_numbers(s, c, t, at, found);
    return st;
}

/* ---- the controls ------------------------------------------------------- */

/* "IA-2(1)", "ia-2.1" -> "ia-2.1" (OSCAL's form), in `buf`. */
static void control_key(char *buf, size_t n, const char *id)
{
    size_t i = 0;
    for (; *id && i + 1 < n; id++) {
        if (*id == '(')
            buf[i++] = '.';
        else if (*id != ')' && *id != ' ')
            buf[i++] = lower(*id);
    }
    buf[i] = '\0';
}

static const struct cv_oscal_control *control_of(const struct ssp *s,
                                                 const char *id)
{
    char key[64];
    size_t i;
    control_key(key, sizeof(key), id);
    for (i = 0; i < s->req->map->ncontrols; i++)
        if (strcmp(s->req->map->controls[i].id, key) == 0)
            return &s->req->map->controls[i];
    return NULL;
}

static int response_rank(const char *r)
{
    return strcmp(r, "yes") == 0 ? 0 : strcmp(r, "partial") == 0 ? 1 : 2;
}

static const char *const rank_response[] = { "yes", "partial", "no" };

/* Whether a prop is in a namespace the table accepts (none: OSCAL's). */
static bool prop_ns_ok(const struct ssp *s, const struct cv_node *prop)
{
    const char *ns = str(s, prop, "ns");
    size_t i;
    if (!ns)
        return true;
    for (i = 0; i < s->req->map->nprop_namespaces; i++)
        if (strcmp(ns, s->req->map->prop_namespaces[i]) == 0)
            return true;
    return false;
}

/* One stated status: its rank, with a warning for a value the table does
 * not know (read as not implemented). */
static cv_status status_rank(struct ssp *s, const struct cv_node *at,
                             const char *value, int *rank)
{
    const struct cv_oscal_map *m = s->req->map;
    size_t i;
    for (i = 0; i < m->nstatuses; i++)
        if (strcmp(m->statuses[i].value, value) == 0) {
            int r = response_rank(m->statuses[i].response);
            if (r > *rank)
                *rank = r;
            return CV_OK;
        }
    i = (size_t)response_rank(m->unknown_response);
    if ((int)i > *rank)
        *rank = (int)i;
    return say(s, CV_SEV_WARNING, at,
               CV_L(s->req->diags->lang,
                    "実装状況 '%s' は OSCAL の値ではないため、実装済みとは"
                    "扱いません",
                    "implementation status '%s' is not one of OSCAL's, so "
                    "the control is not taken as implemented"),
               value);
}

/* Every status stated in the requirement's subtree (OSCAL 1.1's
 * implementation-status/state, 1.0's implementation-status prop); the
 * worst decides. *seen is false when none is stated. */
static cv_status statuses_in(struct ssp *s, const struct cv_node *n,
                             int *rank, bool *seen, unsigned depth)
{
    const struct cv_node *c;
    cv_status st = CV_OK;
    if (depth > 32)
        return CV_OK;
    for (c = n->first; c && st == CV_OK; c = c->next) {
        const char *cname = c->name ? c->name : "";
        if (strcmp(cname, "implementation-status") == 0) {
            const struct cv_node *v = field(s, c, "state");
            if (text_of(v)) {
                *seen = true;
                st = status_rank(s, v, text_of(v), rank);
            }
            continue;
        }
        if ((strcmp(cname, "prop") == 0 || !s->req->xml) &&
            c->kind != CV_NODE_STRING) {
            const char *pn = str(s, c, "name");
            const struct cv_node *pv = field(s, c, "value");
            if (pn && strcmp(pn, s->req->map->status_prop) == 0 &&
                text_of(pv) && prop_ns_ok(s, c) &&
                (s->req->xml || (n->name && strcmp(n->name, "props") == 0))) {
                *seen = true;
                st = status_rank(s, pv, text_of(pv), rank);
                continue;
            }
        }
        if (c->first)
            st = statuses_in(s, c, rank, seen, depth + 1);
    }
    return st;
}

/* The narratives of a requirement: descriptions and remarks anywhere in
 * it, and the values of set-parameters; `fn` gets each. */
typedef cv_status narrative_fn(struct ssp *s, const char *text,
                               const struct cv_node *at, void *arg);

static cv_status narratives(struct ssp *s, const struct cv_node *n,
                            narrative_fn *fn, void *arg, unsigned depth)
{
    const struct cv_node *c;
    cv_status st = CV_OK;
    if (depth > 32)
        return CV_OK;
    for (c = n->first; c && st == CV_OK; c = c->next) {
        const char *cname = c->name ? c->name : "";
        bool param_value =
            (s->req->xml && strcmp(cname, "value") == 0 && n->name &&
             strcmp(n->name, "set-parameter") == 0) ||
            (!s->req->xml && c->kind == CV_NODE_STRING && n->name &&
             strcmp(n->name, "values") == 0);
        if (strcmp(cname, "description") == 0 ||
            strcmp(cname, "remarks") == 0 || param_value) {
            const char *t = prose(s, c);
            if (t && *t)
                st = fn(s, t, c, arg);
            continue;
        }
        if (c->first)
            st = narratives(s, c, fn, arg, depth + 1);
    }
    return st;
}

struct req_walk {
    const struct cv_oscal_control *ctl;
    struct answer *ans;
    bool implemented;
    bool found; /* a fact was recognised */
};

static cv_status quote(struct ssp *s, const char *text,
                       const struct cv_node *at, void *arg)
{
    struct req_walk *w = arg;
    struct cv_strbuf *sb = &w->ans->text;
    char id[64];
    if (sb->len >= MAX_EXPLANATION)
        return CV_OK;
    control_key(id, sizeof(id), w->ctl->id);
    cv_strbuf_printf(sb, "%s[%s] ", sb->len ? "\n" : "", id);
    if (sb->len + strlen(text) > MAX_EXPLANATION) {
        size_t n = MAX_EXPLANATION - sb->len;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        cv_strbuf_put(sb, text, n);
        cv_strbuf_puts(sb, "…");
    } else {
        cv_strbuf_puts(sb, text);
    }
    if (w->implemented)
        return extract(s, w->ctl, text, at, &w->found);
    return CV_OK;
}

static struct answer *answer_for(struct ssp *s, const char *criterion,
                                 const struct cv_node *at)
{
    size_t i;
    for (i = 0; i < s->nanswers; i++)
        if (strcmp(s->answers[i].criterion, criterion) == 0)
            return &s->answers[i];
    if (s->nanswers == MAX_CRITERIA)
        return NULL;
    s->answers[s->nanswers].criterion = criterion;
    s->answers[s->nanswers].rank = 0;
    s->answers[s->nanswers].at = at;
    cv_strbuf_init(&s->answers[s->nanswers].text, MAX_EXPLANATION + 64);
    return &s->answers[s->nanswers++];
}

static cv_status read_requirement(struct ssp *s, const struct cv_node *r)
{
    const struct cv_node *cid = field(s, r, "control-id");
    const struct cv_oscal_control *ctl;
    struct req_walk w;
    int rank = 0;
    bool seen = false;
    size_t i;
    cv_status st;

    if (!text_of(cid) || !(ctl = control_of(s, text_of(cid))))
        return CV_OK; /* a control that carries no fact of ours */
    memset(&w, 0, sizeof(w));
    w.ctl = ctl;
    w.ans = answer_for(s, ctl->criterion, cid);
    if (!w.ans)
        return CV_OK;
    st = statuses_in(s, r, &rank, &seen, 0);
    if (st == CV_OK && !seen) {
        rank = response_rank(s->req->map->unknown_response);
        st = say(s, CV_SEV_WARNING, cid,
                 CV_L(s->req->diags->lang,
                      "%s の実装状況が書かれていないため、実装済みとは"
                      "扱いません",
                      "%s states no implementation status, so it is not "
                      "taken as implemented"),
                 text_of(cid));
    }
    if (st != CV_OK)
        return st;
    if (rank > w.ans->rank)
        w.ans->rank = rank;
    w.implemented = rank == 0;
    if (w.implemented)
        s->implemented[ctl - s->req->map->controls] = true;
    st = narratives(s, r, quote, &w, 0);
    /* A setting says what the control's status means for a fact; with
     * words to search, only once the narrative named one. */
    for (i = 0; st == CV_OK && w.implemented && i < ctl->nsettings; i++)
        if (ctl->nextract == 0 || w.found)
            st = scalar_add(s, ctl->settings[i].path, ctl->settings[i].value,
                            cid);
    return st;
}

/* A control that settles a fact of the criterion (IA-2(1): MFA enforced
 * for administrators; CP-2: recovery set out) and is not implemented in
 * the plan leaves the criterion covered in part at best: the other
 * controls' yes does not answer for it. */
static cv_status cap_uncovered(struct ssp *s)
{
    const struct cv_oscal_map *m = s->req->map;
    size_t i, k;
    for (i = 0; i < s->nanswers; i++)
        for (k = 0; k < m->ncontrols; k++)
            if (m->controls[k].nsettings && !s->implemented[k] &&
                strcmp(m->controls[k].criterion, s->answers[i].criterion) ==
                    0 &&
                s->answers[i].rank < 1) {
                s->answers[i].rank = 1;
                cv_strbuf_printf(&s->answers[i].text, "%s",
                                 CV_L(s->req->diags->lang,
                                      "\n(SSP に実装済みの ",
                                      "\n(the SSP does not show "));
                cv_strbuf_puts(&s->answers[i].text, m->controls[k].id);
                cv_strbuf_puts(&s->answers[i].text,
                               CV_L(s->req->diags->lang,
                                    " がないため一部のみ)",
                                    " implemented, so this is in part)"));
            }
    return CV_OK;
}

static cv_status read_controls(struct ssp *s)
{
    const struct cv_node *ci = field(s, s->plan, "control-implementation");
    const struct cv_node *r;
    s->implemented = cv_arena_calloc(s->req->arena,
                                     s->req->map->ncontrols + 1,
                                     sizeof(*s->implemented));
    if (!s->implemented)
        return CV_ENOMEM;
    EACH(s, r, ci, "implemented-requirements", "implemented-requirement")
    {
        cv_status st = read_requirement(s, r);
        if (st != CV_OK)
            return st;
    }
    return cap_uncovered(s);
}

/* ---- metadata: who, where, on what -------------------------------------- */

static const struct cv_node *party(const struct ssp *s, const char *uuid)
{
    const struct cv_node *p;
    EACH(s, p, s->metadata, "parties", "party")
    {
        const char *u = str(s, p, "uuid");
        if (u && uuid && strcmp(u, uuid) == 0)
            return p;
    }
    return NULL;
}

/* A region of the table named as a whole word in `t`; several that
 * disagree name none (the region check then judges by the country). */
static const char *region_in(const struct ssp *s, const char *t)
{
    const struct cv_oscal_map *m = s->req->map;
    const char *n = t ? cv_nfkc(s->req->arena, t, strlen(t)) : NULL;
    const char *found = NULL;
    size_t i, best = 0;
    if (!n)
        return NULL;
    for (i = 0; i < m->nregions; i++) {
        size_t len = strlen(m->regions[i].key);
        if (len < 4 || !find_word(n, m->regions[i].key))
            continue;
        if (found && strcmp(found, m->regions[i].id) != 0 && len == best)
            return NULL;
        if (len > best) {
            found = m->regions[i].id;
            best = len;
        }
    }
    return found;
}

/* The purpose a data-centre prop gives, or NULL when the location is no
 * data centre (a prop of an unknown namespace is said, not counted). */
static cv_status dc_purpose(struct ssp *s, const struct cv_node *loc,
                            const char **purpose, const struct cv_node **at)
{
    const struct cv_oscal_map *m = s->req->map;
    const struct cv_node *p;
    *purpose = NULL;
    EACH(s, p, loc, "props", "prop")
    {
        const char *name = str(s, p, "name"), *value = str(s, p, "value");
        const char *cls = str(s, p, "class");
        size_t i;
        if (!name || !value || strcmp(name, m->dc_prop) != 0 ||
            strcmp(value, m->dc_value) != 0)
            continue;
        if (!prop_ns_ok(s, p))
            return say(s, CV_SEV_WARNING, p,
                       CV_L(s->req->diags->lang,
                            "名前空間 '%s' のプロパティはデータセンターの"
                            "印として扱いません",
                            "a prop of namespace '%s' is not taken as "
                            "marking a data centre"),
                       str(s, p, "ns"));
        *at = p;
        for (i = 0; cls && i < m->ndc; i++)
            if (strcmp(cls, m->dc_classes[i]) == 0) {
                *purpose = m->dc_purposes[i];
                return CV_OK;
            }
        *purpose = "";
        return say(s, CV_SEV_WARNING, p,
                   CV_L(s->req->diags->lang,
                        "データセンターの区分 '%s' がわからないため、用途を"
                        "決められません",
                        "data-centre class '%s' is not known, so its "
                        "purpose is not set"),
                   cls ? cls : "-");
    }
    return CV_OK;
}

static cv_status read_location(struct ssp *s, const struct cv_node *loc)
{
    const struct cv_node *dc = NULL, *addr = field(s, loc, "address");
    const struct cv_node *country = field(s, addr, "country");
    const struct cv_node *title = field(s, loc, "title");
    const char *purpose, *region;
    size_t k = s->nstorage;
    cv_status st = dc_purpose(s, loc, &purpose, &dc);
    if (st != CV_OK || !purpose)
        return st;
    /* An unknown class leaves the purpose unset (said in dc_purpose): the
     * location still counts, for a person to place. */
    if (*purpose)
        st = putf(s, purpose, dc, "data_location.storage[%zu].purpose", k);
    if (st == CV_OK && text_of(country))
        st = putf(s, text_of(country), country,
                  "data_location.storage[%zu].country", k);
    region = region_in(s, text_of(title));
    if (!region)
        region = region_in(s, str(s, addr, "city"));
    if (st == CV_OK && region)
        st = putf(s, region, title ? title : addr,
                  "data_location.storage[%zu].region", k);
    /* The item exists once one of its values was set (the builder makes
     * it); a data centre with none is said and makes no item. */
    if (st == CV_OK && (*purpose || text_of(country) || region))
        s->nstorage++;
    if (st == CV_OK && !text_of(country) && !region)
        st = say(s, CV_SEV_WARNING, loc, "%s",
                 CV_L(s->req->diags->lang,
                      "データセンターの国も地域も書かれていません",
                      "the data centre names neither a country nor a "
                      "region"));
    return st;
}

static cv_status read_locations(struct ssp *s)
{
    const struct cv_node *loc;
    cv_status st = CV_OK;
    EACH(s, loc, s->metadata, "locations", "location")
    {
        st = read_location(s, loc);
        if (st != CV_OK)
            return st;
    }
    return st;
}

/* The underlying cloud from leveraged-authorizations: its name and
 * provider, never a certification of the offered service. */
static cv_status read_leveraged(struct ssp *s)
{
    const struct cv_node *si = field(s, s->plan, "system-implementation");
    const struct cv_node *la;
    size_t n = 0;
    cv_status st = CV_OK;
    EACH(s, la, si, "leveraged-authorizations", "leveraged-authorization")
    {
        const struct cv_node *title = field(s, la, "title");
        const struct cv_node *pu = field(s, la, "party-uuid");
        const struct cv_node *p = party(s, text_of(pu));
        const struct cv_node *pname = field(s, p, "name");
        if (n++ > 0) {
            st = say(s, CV_SEV_WARNING, la, "%s",
                     CV_L(s->req->diags->lang,
                          "基盤クラウドは 1 つしか書けないため、2 つ目以降の"
                          "leveraged-authorization は使いません",
                          "the questionnaire has one underlying cloud, so "
                          "this further leveraged authorization is not "
                          "used"));
            if (st != CV_OK)
                return st;
            continue;
        }
        if (text_of(title))
            st = put(s, "service.underlying_cloud.name", text_of(title),
                     title);
        if (st == CV_OK && text_of(pname))
            st = put(s, "service.underlying_cloud.provider", text_of(pname),
                     pname);
        if (st == CV_OK)
            st = say(s, CV_SEV_NOTE, la,
                     CV_L(s->req->diags->lang,
                          "'%s' の認可 (%s) は基盤クラウドのもので、本サービス"
                          "自身の認証としては数えません",
                          "the authorization of '%s' (%s) is the underlying "
                          "cloud's, not a certification of the offered "
                          "service"),
                     text_of(title) ? text_of(title) : "-",
                     str(s, la, "date-authorized")
                         ? str(s, la, "date-authorized")
                         : "-");
        if (st != CV_OK)
            return st;
    }
    return st;
}

/* No party in a provider role and no --vendor: the file's name, said in a
 * note, as the workbook readers do. */
static cv_status vendor_from_file(struct ssp *s)
{
    const char *src = s->req->source, *slash = strrchr(src, '/');
    const char *base = slash ? slash + 1 : src, *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    const char *v = cv_arena_strndup(s->req->arena, base, n);
    cv_status st;
    if (!v)
        return CV_ENOMEM;
    if (!*v)
        return CV_OK;
    st = put(s, "vendor.name", v, NULL);
    if (st == CV_OK)
        st = say(s, CV_SEV_NOTE, s->metadata,
                 CV_L(s->req->diags->lang,
                      "SSP に提供者 (cloud-service-provider / provider の"
                      "役割の当事者) がないため、ファイル名から '%s' としました",
                      "the SSP names no party in the cloud-service-provider "
                      "or provider role, so vendor.name is '%s' from the file "
                      "name"),
                 v);
    return st;
}

static cv_status read_names(struct ssp *s)
{
    const struct cv_node *sc = field(s, s->plan, "system-characteristics");
    const struct cv_node *name = field(s, sc, "system-name");
    const struct cv_node *p, *rp;
    cv_status st = CV_OK;
    if (text_of(name))
        st = put(s, "service.name", text_of(name), name);
    else if (s->req->service && *s->req->service)
        st = put(s, "service.name", s->req->service, NULL);
    /* The provider: the party in the role FedRAMP and NIST's examples
     * give the service's operator. */
    EACH(s, rp, s->metadata, "responsible-parties", "responsible-party")
    {
        const char *role = str(s, rp, "role-id");
        const struct cv_node *u;
        if (!role || (strcmp(role, "cloud-service-provider") != 0 &&
                      strcmp(role, "provider") != 0))
            continue;
        u = first_item(s, rp, "party-uuids", "party-uuid");
        p = u ? party(s, text_of(u)) : NULL;
        if (p && text_of(field(s, p, "name")) && st == CV_OK)
            return put(s, "vendor.name", text_of(field(s, p, "name")),
                       field(s, p, "name"));
    }
    if (st == CV_OK && s->req->vendor && *s->req->vendor)
        return put(s, "vendor.name", s->req->vendor, NULL);
    if (st == CV_OK)
        st = vendor_from_file(s);
    return st;
}

/* ---- the result --------------------------------------------------------- */

static cv_status write_facts(struct ssp *s)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < s->nfacts && st == CV_OK; i++) {
        const struct scalar_fact *f = &s->facts[i];
        if (f->conflict) {
            if (s->req->unread &&
                !cv_unread_add(s->req->unread, s->req->arena, f->path,
                               strlen(f->path)))
                st = CV_ENOMEM;
            continue;
        }
        st = put(s, f->path, f->value, f->at);
    }
    for (i = 0; i < s->factors.n && st == CV_OK; i++)
        st = put(s, "access_control.mfa.factors[]", s->factors.values[i],
                 s->factors.at[i]);
    for (i = 0; i < s->at_rest.n && st == CV_OK; i++)
        st = putf(s, s->at_rest.values[i], s->at_rest.at[i],
                  "encryption.at_rest[%zu].algorithm", i);
    if (s->tls.n && st == CV_OK)
        st = put(s, "encryption.in_transit[0].protocol", "TLS", s->tls.at[0]);
    for (i = 0; i < s->tls.n && st == CV_OK; i++)
        st = put(s, "encryption.in_transit[0].versions[]", s->tls.values[i],
                 s->tls.at[i]);
    return st;
}

static cv_status write_answers(struct ssp *s)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < s->nanswers && st == CV_OK; i++) {
        struct answer *a = &s->answers[i];
        st = putf(s, a->criterion, a->at, "answers[%zu].id", i);
        if (st == CV_OK)
            st = putf(s, rank_response[a->rank], a->at,
                      "answers[%zu].response", i);
        if (st == CV_OK && a->text.len) {
            const char *t = cv_strbuf_status(&a->text) == CV_OK
                                ? cv_arena_strndup(s->req->arena, a->text.ptr,
                                                   a->text.len)
                                : NULL;
            st = t ? putf(s, t, a->at, "answers[%zu].explanation", i)
                   : CV_ENOMEM;
        }
    }
    return st;
}

static cv_status note_uncovered(struct ssp *s)
{
    const struct cv_oscal_map *m = s->req->map;
    struct cv_strbuf sb;
    size_t i;
    cv_status st;
    cv_strbuf_init(&sb, 4096);
    for (i = 0; i < m->nuncovered; i++)
        cv_strbuf_printf(&sb, "%s%s", i ? ", " : "", m->uncovered[i]);
    st = cv_strbuf_status(&sb);
    if (st == CV_OK)
        st = say(s, CV_SEV_NOTE, s->plan,
                 CV_L(s->req->diags->lang,
                      "OSCAL SSP として読みました。SSP では表せない事項 "
                      "(本サービス自身の ISMAP・ISO/IEC 27017 認証、準拠法・"
                      "管轄裁判所、終了・変更の通知、稼働率など) は回答されて"
                      "いません: %s",
                      "read as an OSCAL system security plan; what an SSP "
                      "cannot state (the service's own ISMAP or ISO/IEC "
                      "27017 certification, governing law and court, exit "
                      "and change notice, availability) is not answered: %s"),
                 sb.ptr);
    cv_strbuf_release(&sb);
    return st;
}

static cv_status check_version(struct ssp *s)
{
    const struct cv_node *v = field(s, s->metadata, "oscal-version");
    const struct cv_oscal_map *m = s->req->map;
    struct cv_loc loc = { s->req->source, s->metadata ? s->metadata->path : "",
                          s->metadata ? s->metadata->line : 0,
                          s->metadata ? s->metadata->column : 0 };
    size_t i;
    for (i = 0; text_of(v) && i < m->nversions; i++)
        if (strncmp(text_of(v), m->versions[i], strlen(m->versions[i])) == 0)
            return CV_OK;
    if (v) {
        loc.path = v->path;
        loc.line = v->line;
        loc.column = v->column;
    }
    return cv_diags_fail(s->req->diags, CV_EINVALID, &loc,
                         CV_L(s->req->diags->lang,
                              "OSCAL の版 '%s' は読めません (1.0.x と 1.1.x "
                              "を読みます)",
                              "OSCAL version '%s' is not read (1.0.x and "
                              "1.1.x are)"),
                         text_of(v) ? text_of(v) : "-");
}

static cv_status build(struct ssp *s, const struct cv_node *ssp)
{
    cv_status st;
    s->plan = s->req->xml ? ssp : cv_node_member(ssp, "system-security-plan");
    s->metadata = field(s, s->plan, "metadata");
    if (!s->plan || (!s->req->xml && s->plan->kind != CV_NODE_OBJECT)) {
        struct cv_loc loc = { s->req->source, "/system-security-plan", 0, 0 };
        return cv_diags_fail(s->req->diags, CV_EINVALID, &loc, "%s",
                             CV_L(s->req->diags->lang,
                                  "system-security-plan がオブジェクトでは"
                                  "ありません",
                                  "system-security-plan is not an object"));
    }
    st = check_version(s);
    if (st == CV_OK)
        st = cv_sheet_tree_init(&s->tree, &s->sreq);
    if (st == CV_OK)
        st = put(s, "format", CV_QUESTIONNAIRE_FORMAT, NULL);
    if (st == CV_OK)
        st = read_names(s);
    if (st == CV_OK)
        st = read_leveraged(s);
    if (st == CV_OK)
        st = read_locations(s);
    if (st == CV_OK)
        st = read_controls(s);
    if (st == CV_OK)
        st = write_facts(s);
    if (st == CV_OK)
        st = write_answers(s);
    if (st == CV_OK)
        st = note_uncovered(s);
    return st;
}

cv_status cv_oscal_questionnaire(struct cv_node **raw,
                                 const struct cv_oscal_req *req,
                                 const struct cv_node *ssp)
{
    struct ssp *s;
    size_t i;
    cv_status st;

    *raw = NULL;
    if (!req->map || !ssp)
        return CV_EUSAGE;
    s = calloc(1, sizeof(*s));
    if (!s)
        return CV_ENOMEM;
    s->req = req;
    s->sreq.source = req->source;
    s->sreq.schema = req->schema;
    s->sreq.limits = req->limits;
    s->sreq.arena = req->arena;
    s->sreq.diags = req->diags;
    st = build(s, ssp);
    if (st == CV_EUSAGE) {
        /* A path the mapping built that the schema refused: our bug, but
         * the bid is then invalid, saying so, not the whole run lost. */
        struct cv_loc loc = { req->source, "", 0, 0 };
        st = cv_diags_fail(req->diags, CV_EINVALID, &loc, "%s",
                           CV_L(req->diags->lang,
                                "SSP を質問票に写せませんでした (cloudvet の"
                                "不具合です)",
                                "the SSP could not be mapped to a "
                                "questionnaire (a bug of cloudvet's)"));
    }
    if (st == CV_OK) {
        qsort(s->origins, s->norigins, sizeof(*s->origins), by_path);
        locate(s, s->tree.root);
        *raw = s->tree.root;
    }
    for (i = 0; i < s->nanswers; i++)
        cv_strbuf_release(&s->answers[i].text);
    free(s->origins);
    free(s);
    return st;
}
