/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_diff.c: what changed between two rounds (cloudvet diff).
 *
 * Two submissions are each read, normalised and evaluated with the same
 * criteria and as-of date; the two typed questionnaires are compared leaf
 * by leaf (so the same facts in JSON, XML or a workbook compare equal:
 * the normaliser has already typed them), then the results. Two
 * report.json files are compared bid by bid. The list of differences is
 * written by report/diff.c.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "base/node.h"
#include "base/strbuf.h"
#include "load/load.h"
#include "report/diff.h"
#include "report/view.h"

/* Arrays longer than this are matched by index: key matching is
 * quadratic, and no honest questionnaire lists thousands of
 * certifications. */
#define KEY_MATCH_MAX 1000

struct walk {
    struct cv_diff *d;
    struct cv_arena *a;
    const char *bid; /* reports: the bid the items concern */
};

/* ---- arrays of objects: the natural key of an item --------------------- */

/* An item is matched by these members (the first must be there; the
 * second, when given, refines it), so a reordered or inserted item is
 * not seen as every later one changing. Arrays not here match by index. */
static const struct array_key {
    const char *array;      /* the array's member name */
    const char *members[2]; /* key members; NULL when one suffices */
} array_keys[] = {
    { "answers", { "id", NULL } },
    { "certifications", { "scheme", "id" } },
    { "storage", { "purpose", "region" } },
    { "results", { "id", NULL } },
};

static const struct array_key *key_of_array(const char *name)
{
    size_t i;
    for (i = 0; name && i < sizeof(array_keys) / sizeof(array_keys[0]); i++)
        if (strcmp(array_keys[i].array, name) == 0)
            return &array_keys[i];
    return NULL;
}

/* "ISMAP C23-0187-1"; NULL when the item has no key. */
static const char *item_key(struct cv_arena *a, const struct array_key *k,
                            const struct cv_node *item)
{
    const char *k1, *k2;
    if (!k || !item || item->kind != CV_NODE_OBJECT)
        return NULL;
    k1 = cv_node_str(item, k->members[0]);
    if (!k1)
        return NULL;
    k2 = k->members[1] ? cv_node_str(item, k->members[1]) : NULL;
    if (!k2)
        return k1;
    {
        struct cv_strbuf sb;
        char *out;
        cv_strbuf_init(&sb, 0);
        cv_strbuf_printf(&sb, "%s %s", k1, k2);
        out = cv_strbuf_status(&sb) == CV_OK
                  ? cv_arena_strndup(a, sb.ptr, sb.len)
                  : NULL;
        cv_strbuf_release(&sb);
        return out;
    }
}

/* The keys of `arr`'s items, computed once, into *out; *out NULL when an
 * item has none or two share one (the array then matches by index). */
static cv_status item_keys(struct cv_arena *a, const struct array_key *k,
                           const struct cv_node *arr, const char ***out)
{
    static const char *none[1];
    const struct cv_node *n;
    const char **keys;
    size_t i = 0, j;
    *out = NULL;
    if (!arr || arr->count == 0) {
        *out = none;
        return CV_OK;
    }
    keys = cv_arena_calloc(a, arr->count, sizeof(*keys));
    if (!keys)
        return CV_ENOMEM;
    for (n = arr->first; n; n = n->next, i++) {
        keys[i] = item_key(a, k, n);
        if (!keys[i])
            return CV_OK;
        for (j = 0; j < i; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                return CV_OK;
    }
    *out = keys;
    return CV_OK;
}

/* ---- values and subjects -------------------------------------------------- */

static const char *join(struct cv_arena *a, const char *base, const char *name,
                        bool index)
{
    struct cv_strbuf sb;
    char *out;
    cv_strbuf_init(&sb, 0);
    if (index)
        cv_strbuf_printf(&sb, "%s[%s]", base, name);
    else if (*base)
        cv_strbuf_printf(&sb, "%s.%s", base, name);
    else
        cv_strbuf_puts(&sb, name);
    out = cv_strbuf_status(&sb) == CV_OK ? cv_arena_strndup(a, sb.ptr, sb.len)
                                         : NULL;
    cv_strbuf_release(&sb);
    return out;
}

static const char *index_name(struct cv_arena *a, size_t i)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%zu", i);
    return cv_arena_strdup(a, buf);
}

static bool is_container(const struct cv_node *n)
{
    return n->kind == CV_NODE_OBJECT || n->kind == CV_NODE_ARRAY;
}

/* A leaf as the file wrote it. */
static const char *leaf_value(struct cv_arena *a, const struct cv_node *n)
{
    char buf[40];
    switch (n->kind) {
    case CV_NODE_BOOL:
        return n->boolean ? "true" : "false";
    case CV_NODE_NUMBER:
        if (n->text)
            return cv_arena_strndup(a, n->text, n->text_len);
        snprintf(buf, sizeof(buf), "%.17g", n->number);
        return cv_arena_strdup(a, buf);
    case CV_NODE_STRING:
    case CV_NODE_ELEMENT:
        return n->text ? cv_arena_strndup(a, n->text, n->text_len) : "";
    case CV_NODE_NULL:
    case CV_NODE_ARRAY:
    case CV_NODE_OBJECT:
        break;
    }
    return "null";
}

/* The same typed value: numbers by value (and the qualifier the
 * normaliser read: "99.9以上" is not "99.9"), never by how they were
 * written, so "99.90" in XML equals 99.9 in JSON. */
static bool leaves_equal(const struct cv_node *x, const struct cv_node *y)
{
    if (x->kind != y->kind)
        return false;
    switch (x->kind) {
    case CV_NODE_BOOL:
        return x->boolean == y->boolean;
    case CV_NODE_NUMBER:
        if (x->number != y->number)
            return false;
        if (x->quantity && y->quantity)
            return x->quantity->qualifier == y->quantity->qualifier &&
                   x->quantity->approximate == y->quantity->approximate;
        return true;
    case CV_NODE_STRING:
    case CV_NODE_ELEMENT:
        return x->text_len == y->text_len &&
               (x->text_len == 0 ||
                memcmp(x->text, y->text, x->text_len) == 0);
    case CV_NODE_NULL:
    case CV_NODE_ARRAY:
    case CV_NODE_OBJECT:
        break;
    }
    return true;
}

static struct cv_diff_loc loc_of(const struct cv_node *n)
{
    struct cv_diff_loc loc = { NULL, 0, 0 };
    if (n) {
        loc.path = n->path ? n->path : "";
        loc.line = n->line;
        loc.column = n->column;
    }
    return loc;
}

static cv_status emit(struct walk *w, enum cv_diff_group g, const char *subject,
                      const struct cv_node *x, const struct cv_node *y)
{
    struct cv_diff_item it;
    memset(&it, 0, sizeof(it));
    it.group = g;
    it.op = !x ? CV_DOP_ADDED : !y ? CV_DOP_REMOVED : CV_DOP_CHANGED;
    it.bid = w->bid;
    it.subject = subject;
    it.old_value = x ? leaf_value(w->a, x) : NULL;
    it.new_value = y ? leaf_value(w->a, y) : NULL;
    it.old_loc = loc_of(x);
    it.new_loc = loc_of(y);
    if (!subject || (x && !it.old_value) || (y && !it.new_value))
        return CV_ENOMEM;
    return cv_diff_add(w->d, &it);
}

/* The items added since `before` hold statuses or verdicts. */
static void mark_values(struct walk *w, size_t before, enum cv_diff_value kind)
{
    for (; before < w->d->count; before++)
        w->d->items[before].value_kind = kind;
}

/* ---- the tree walk -------------------------------------------------------- */

static cv_status walk_node(struct walk *w, const struct cv_node *x,
                           const struct cv_node *y, const char *name,
                           const char *subject, enum cv_diff_group g);

static enum cv_diff_group group_below(enum cv_diff_group g, const char *name)
{
    return name && strcmp(name, "evidence") == 0 ? CV_DG_EVIDENCE : g;
}

static cv_status walk_object(struct walk *w, const struct cv_node *x,
                             const struct cv_node *y, const char *subject,
                             enum cv_diff_group g)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    for (m = x ? x->first : NULL; m && st == CV_OK; m = m->next)
        st = walk_node(w, m, y ? cv_node_member(y, m->name) : NULL, m->name,
                       join(w->a, subject, m->name, false),
                       group_below(g, m->name));
    for (m = y ? y->first : NULL; m && st == CV_OK; m = m->next)
        if (!x || !cv_node_member(x, m->name))
            st = walk_node(w, NULL, m, m->name,
                           join(w->a, subject, m->name, false),
                           group_below(g, m->name));
    return st;
}

/* What to do with one pair of items (either may be NULL: only one side
 * has it); `key` names it in the subject. */
typedef cv_status (*pair_fn)(struct walk *w, const struct cv_node *x,
                             const struct cv_node *y, const char *key,
                             const void *arg);

/* Pairs the items of two arrays: by natural key (k) when both sides have
 * unique keys and neither is longer than KEY_MATCH_MAX, else by index
 * (walking both lists side by side: linear however long they are). */
static cv_status pair_items(struct walk *w, const struct array_key *k,
                            const struct cv_node *x, const struct cv_node *y,
                            pair_fn fn, const void *arg)
{
    const char **kx = NULL, **ky = NULL;
    const struct cv_node *a, *b;
    bool *taken;
    size_t i, j;
    cv_status st = CV_OK;
    if (k && (!x || x->count <= KEY_MATCH_MAX) &&
        (!y || y->count <= KEY_MATCH_MAX)) {
        st = item_keys(w->a, k, x, &kx);
        if (st == CV_OK)
            st = item_keys(w->a, k, y, &ky);
        if (st != CV_OK)
            return st;
    }
    if (!kx || !ky) {
        a = x ? x->first : NULL;
        b = y ? y->first : NULL;
        for (i = 0; (a || b) && st == CV_OK; i++) {
            const char *key = index_name(w->a, i);
            st = key ? fn(w, a, b, key, arg) : CV_ENOMEM;
            a = a ? a->next : NULL;
            b = b ? b->next : NULL;
        }
        return st;
    }
    taken = y && y->count ? cv_arena_calloc(w->a, y->count, sizeof(*taken))
                          : NULL;
    if (y && y->count && !taken)
        return CV_ENOMEM;
    for (a = x ? x->first : NULL, i = 0; a && st == CV_OK; a = a->next, i++) {
        for (b = y ? y->first : NULL, j = 0; b; b = b->next, j++)
            if (!taken[j] && strcmp(kx[i], ky[j]) == 0)
                break;
        if (b)
            taken[j] = true;
        st = fn(w, a, b, kx[i], arg);
    }
    for (b = y ? y->first : NULL, j = 0; b && st == CV_OK; b = b->next, j++)
        if (!taken[j])
            st = fn(w, NULL, b, ky[j], arg);
    return st;
}

struct item_walk {
    const char *subject;
    enum cv_diff_group g;
};

static cv_status walk_item(struct walk *w, const struct cv_node *x,
                           const struct cv_node *y, const char *key,
                           const void *arg)
{
    const struct item_walk *iw = arg;
    return walk_node(w, x, y, NULL, join(w->a, iw->subject, key, true),
                     iw->g);
}

static cv_status walk_array(struct walk *w, const struct cv_node *x,
                            const struct cv_node *y, const char *name,
                            const char *subject, enum cv_diff_group g)
{
    struct item_walk iw = { subject, g };
    return pair_items(w, key_of_array(name), x, y, walk_item, &iw);
}

/* One node of each side (either may be NULL: absent). A null value is
 * absent: a JSON null and an omitted XML element say the same. */
static cv_status walk_node(struct walk *w, const struct cv_node *x,
                           const struct cv_node *y, const char *name,
                           const char *subject, enum cv_diff_group g)
{
    if (!subject)
        return CV_ENOMEM;
    if (x && x->kind == CV_NODE_NULL)
        x = NULL;
    if (y && y->kind == CV_NODE_NULL)
        y = NULL;
    if (!x && !y)
        return CV_OK;
    if (x && y && is_container(x) && x->kind == y->kind)
        return x->kind == CV_NODE_OBJECT
                   ? walk_object(w, x, y, subject, g)
                   : walk_array(w, x, y, name, subject, g);
    if (x && y && (is_container(x) || is_container(y))) {
        /* a list became a value or the other way: all of it went, all
         * of the other came */
        cv_status st = walk_node(w, x, NULL, name, subject, g);
        return st == CV_OK ? walk_node(w, NULL, y, name, subject, g) : st;
    }
    if ((x && is_container(x)) || (y && is_container(y))) {
        const struct cv_node *c = x ? x : y;
        return c->kind == CV_NODE_OBJECT
                   ? walk_object(w, x, y, subject, g)
                   : walk_array(w, x, y, name, subject, g);
    }
    if (x && y && leaves_equal(x, y))
        return CV_OK;
    return emit(w, g, subject, x, y);
}

/* ---- two submissions -------------------------------------------------- */

/* The questionnaires, every member but the format line: answers[] are
 * answers, everything else is a fact, evidence wherever it is. */
static cv_status diff_documents(struct walk *w, const struct cv_node *x,
                                const struct cv_node *y)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    for (m = x->first; m && st == CV_OK; m = m->next)
        if (strcmp(m->name, "format") != 0)
            st = walk_node(w, m, cv_node_member(y, m->name), m->name,
                           m->name,
                           strcmp(m->name, "answers") == 0 ? CV_DG_ANSWER
                                                           : CV_DG_FACT);
    for (m = y->first; m && st == CV_OK; m = m->next)
        if (strcmp(m->name, "format") != 0 && !cv_node_member(x, m->name))
            st = walk_node(w, NULL, m, m->name, m->name,
                           strcmp(m->name, "answers") == 0 ? CV_DG_ANSWER
                                                           : CV_DG_FACT);
    return st;
}

/* `s` in the diff's arena (NULL stays NULL; *failed on no memory). */
static const char *keep(struct cv_arena *a, const char *s, bool *failed)
{
    char *copy;
    if (!s)
        return NULL;
    copy = cv_arena_strdup(a, s);
    if (!copy)
        *failed = true;
    return copy;
}

/* A value of the results, with where the answer is. The results die with
 * their submission before the diff is written: every string is copied. */
static cv_status emit_value(struct walk *w, enum cv_diff_group g,
                            const char *subject, const char *old_value,
                            const char *new_value, const char *old_path,
                            const char *new_path)
{
    struct cv_diff_item it;
    bool failed = false;
    memset(&it, 0, sizeof(it));
    it.group = g;
    it.op = !old_value   ? CV_DOP_ADDED
            : !new_value ? CV_DOP_REMOVED
                         : CV_DOP_CHANGED;
    it.bid = w->bid;
    it.subject = subject;
    it.old_value = keep(w->a, old_value, &failed);
    it.new_value = keep(w->a, new_value, &failed);
    it.old_loc.path =
        old_value ? keep(w->a, old_path ? old_path : "", &failed) : NULL;
    it.new_loc.path =
        new_value ? keep(w->a, new_path ? new_path : "", &failed) : NULL;
    if (!subject || failed)
        return CV_ENOMEM;
    return cv_diff_add(w->d, &it);
}

static bool same_text(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static const char *points_text(struct cv_arena *a, double points)
{
    char buf[32];
    cv_view_points(buf, points);
    return cv_arena_strdup(a, buf);
}

static const struct cv_result *result_of(const cv_submission *s,
                                         const char *id)
{
    size_t i;
    for (i = 0; i < s->nresults; i++)
        if (strcmp(s->results[i].entry->crit->id, id) == 0)
            return &s->results[i];
    return NULL;
}

static cv_status diff_result(struct walk *w, const char *id,
                             const struct cv_result *x,
                             const struct cv_result *y)
{
    const char *ox = x ? x->answer_location : NULL;
    const char *oy = y ? y->answer_location : NULL;
    cv_status st = CV_OK;
    if (!x || !y || x->status != y->status) {
        size_t before = w->d->count;
        st = emit_value(w, CV_DG_RESULT, join(w->a, id, "status", false),
                        x ? cv_result_status_str(x->status) : NULL,
                        y ? cv_result_status_str(y->status) : NULL, ox, oy);
        mark_values(w, before, CV_DV_STATUS);
    }
    if (st == CV_OK && (!x || !y || x->points != y->points))
        st = emit_value(w, CV_DG_RESULT, join(w->a, id, "points", false),
                        x ? points_text(w->a, x->points) : NULL,
                        y ? points_text(w->a, y->points) : NULL, ox, oy);
    if (st == CV_OK && x && y && !same_text(x->reason, y->reason))
        st = emit_value(w, CV_DG_RESULT, join(w->a, id, "reason", false),
                        x->reason ? x->reason : "",
                        y->reason ? y->reason : "", ox, oy);
    return st;
}

static cv_status diff_results(struct walk *w, const cv_submission *x,
                              const cv_submission *y)
{
    size_t i;
    cv_status st = CV_OK;
    for (i = 0; i < x->nresults && st == CV_OK; i++) {
        const char *id = x->results[i].entry->crit->id;
        st = diff_result(w, id, &x->results[i], result_of(y, id));
    }
    for (i = 0; i < y->nresults && st == CV_OK; i++) {
        const char *id = y->results[i].entry->crit->id;
        if (!result_of(x, id))
            st = diff_result(w, id, NULL, &y->results[i]);
    }
    return st;
}

static cv_status diff_verdicts(struct walk *w, const cv_submission *x,
                               const cv_submission *y)
{
    cv_status st = CV_OK;
    if (x->verdict != y->verdict) {
        st = emit_value(w, CV_DG_VERDICT, "verdict", cv_verdict_str(x->verdict),
                        cv_verdict_str(y->verdict), "", "");
        mark_values(w, w->d->count - 1, CV_DV_VERDICT);
    }
    if (st == CV_OK && x->score != y->score)
        st = emit_value(w, CV_DG_VERDICT, "score", points_text(w->a, x->score),
                        points_text(w->a, y->score), "", "");
    if (st == CV_OK && x->conditional != y->conditional)
        st = emit_value(w, CV_DG_VERDICT, "conditional",
                        x->conditional ? "true" : "false",
                        y->conditional ? "true" : "false", "", "");
    return st;
}

/* One input: evaluated, and its questionnaire in the diff's arena. An
 * unreadable one is the call's failure: its diagnostics go to the ctx. */
static cv_status read_submission(cv_submission **sub,
                                 const struct cv_node **doc, cv_ctx *ctx,
                                 const cv_criteria *crit, const char *path,
                                 const char *buf, size_t len,
                                 struct cv_arena *arena)
{
    struct cv_unread unread = { NULL, 0, 0 };
    struct cv_node *tree = NULL;
    size_t before;
    cv_status st = cv_submission_evaluate(sub, ctx, crit, path, buf, len);
    if (st != CV_OK)
        return st;
    if ((*sub)->verdict == CV_VERDICT_INVALID) {
        st = cv_diags_copy(&ctx->diags, &(*sub)->diags);
        return st == CV_OK ? CV_EPARSE : st;
    }
    /* the same document again; what the normaliser says of it was said
     * by the evaluation already */
    before = (*sub)->diags.count;
    st = cv_submission_read_document(&tree, *sub, ctx, crit, buf, len, arena,
                                     &unread);
    (*sub)->diags.count = before;
    *doc = tree;
    return st;
}

static cv_status note_vendors(struct cv_diff *d, const cv_submission *x,
                              const cv_submission *y)
{
    struct cv_strbuf sb;
    char *text;
    if (same_text(x->vendor, y->vendor))
        return CV_OK;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb,
                     CV_L(d->lang,
                          "業者名が異なります (「%s」→「%s」): 社名の変更でなけ"
                          "れば、別の業者の提出物を比べています",
                          "the vendor names differ ('%s' -> '%s'): unless the "
                          "company was renamed, these are two vendors' "
                          "submissions"),
                     x->vendor ? x->vendor : "", y->vendor ? y->vendor : "");
    text = cv_strbuf_status(&sb) == CV_OK
               ? cv_arena_strndup(d->arena, sb.ptr, sb.len)
               : NULL;
    cv_strbuf_release(&sb);
    return text ? cv_diff_note(d, text) : CV_ENOMEM;
}

static cv_status diff_submissions(struct cv_diff *d, cv_ctx *ctx,
                                  const cv_criteria *crit, const char *paths[2],
                                  char *bufs[2], const size_t lens[2])
{
    cv_submission *subs[2] = { NULL, NULL };
    const struct cv_node *docs[2] = { NULL, NULL };
    struct walk w = { d, d->arena, NULL };
    cv_status st = CV_OK;
    int i;
    for (i = 0; i < 2 && st == CV_OK; i++)
        st = read_submission(&subs[i], &docs[i], ctx, crit, paths[i], bufs[i],
                             lens[i], d->arena);
    if (st == CV_OK)
        st = note_vendors(d, subs[0], subs[1]);
    if (st == CV_OK)
        st = diff_documents(&w, docs[0], docs[1]);
    if (st == CV_OK)
        st = diff_results(&w, subs[0], subs[1]);
    if (st == CV_OK)
        st = diff_verdicts(&w, subs[0], subs[1]);
    cv_submission_free(subs[0]);
    cv_submission_free(subs[1]);
    return st;
}

/* ---- two reports ---------------------------------------------------------- */

/* What says which method scored the bids; a difference means the rounds
 * are not comparable point for point. */
static const char *const method_members[] = {
    "as_of", "profile.id", "profile.version", "profile.sha256",
    "method.sha256", "method_sha256", "tender.sha256",
};

static bool method_member_hash(const char *dotted)
{
    return strstr(dotted, "sha256") != NULL;
}

static cv_status diff_methods(struct walk *w, const struct cv_node *x,
                              const struct cv_node *y)
{
    size_t i;
    bool differ = false, unknown = false;
    cv_status st = CV_OK;
    for (i = 0; i < sizeof(method_members) / sizeof(method_members[0]) &&
                st == CV_OK;
         i++) {
        const struct cv_node *a = cv_node_lookup(x, method_members[i]);
        const struct cv_node *b = cv_node_lookup(y, method_members[i]);
        size_t before = w->d->count;
        if (a && is_container(a))
            a = NULL;
        if (b && is_container(b))
            b = NULL;
        st = walk_node(w, a, b, NULL, method_members[i], CV_DG_METHOD);
        if (w->d->count > before && method_member_hash(method_members[i])) {
            /* one report recording no hash says nothing either way */
            if (a && b)
                differ = true;
            else
                unknown = true;
        }
    }
    if (st == CV_OK && differ)
        st = cv_diff_note(
            w->d, CV_L(w->d->lang,
                       "二つの報告書は異なる評価方法 (プロファイル、基準又は"
                       "評価基準書のハッシュが違います) で採点されています: "
                       "点数の違いは提出物の違いだけによるものではありません",
                       "the two reports were scored by different methods "
                       "(the profile, criteria or method hashes differ): "
                       "the points did not move for the submissions alone"));
    else if (st == CV_OK && unknown)
        st = cv_diff_note(
            w->d, CV_L(w->d->lang,
                       "一方の報告書にしか評価方法のハッシュがありません: 同じ"
                       "評価方法で採点されたかどうかは分かりません",
                       "only one of the reports records a method hash: "
                       "whether both were scored by the same method cannot "
                       "be told"));
    return st;
}

static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path ? path : "";
}

static bool same_member(const struct cv_node *x, const struct cv_node *y,
                        const char *name)
{
    const char *a = cv_node_str(x, name), *b = cv_node_str(y, name);
    return a && b && strcmp(a, b) == 0;
}

/* The new report's bid for `x`: the same file name, else (among those
 * not taken) the same vendor and service. */
static const struct cv_node *match_bid(const struct cv_node *x,
                                       const struct cv_node *subs,
                                       const bool *taken, size_t *at)
{
    const struct cv_node *n;
    size_t i;
    for (n = subs->first, i = 0; n; n = n->next, i++)
        if (!taken[i] && strcmp(base_name(cv_node_str(x, "file")),
                                base_name(cv_node_str(n, "file"))) == 0) {
            *at = i;
            return n;
        }
    for (n = subs->first, i = 0; n; n = n->next, i++)
        if (!taken[i] && same_member(x, n, "vendor") &&
            same_member(x, n, "service")) {
            *at = i;
            return n;
        }
    return NULL;
}

/* A criterion's result in two reports: status and points only (reasons
 * are words; the submissions' diff shows them). */
static cv_status diff_bid_result(struct walk *w, const struct cv_node *x,
                                 const struct cv_node *y, const char *key,
                                 const void *arg)
{
    static const char *const members[] = { "status", "points" };
    const char *id = cv_node_str(x ? x : y, "id");
    size_t i;
    cv_status st = CV_OK;
    (void)arg;
    for (i = 0; i < 2 && st == CV_OK; i++) {
        size_t before = w->d->count;
        st = walk_node(w, x ? cv_node_member(x, members[i]) : NULL,
                       y ? cv_node_member(y, members[i]) : NULL, NULL,
                       join(w->a, id ? id : key, members[i], false),
                       CV_DG_RESULT);
        if (i == 0)
            mark_values(w, before, CV_DV_STATUS);
    }
    return st;
}

static cv_status diff_bid(struct walk *w, const struct cv_node *x,
                          const struct cv_node *y)
{
    static const char *const bid_members[] = { "verdict", "score", "rank",
                                               "conditional" };
    const struct cv_node *rx = cv_node_member(x, "results");
    const struct cv_node *ry = cv_node_member(y, "results");
    size_t i;
    cv_status st = CV_OK;
    w->bid = base_name(cv_node_str(y, "file"));
    for (i = 0; i < 4 && st == CV_OK; i++) {
        size_t before = w->d->count;
        st = walk_node(w, cv_node_member(x, bid_members[i]),
                       cv_node_member(y, bid_members[i]), NULL,
                       bid_members[i], CV_DG_VERDICT);
        if (i == 0)
            mark_values(w, before, CV_DV_VERDICT);
    }
    if (st == CV_OK)
        st = pair_items(w, key_of_array("results"),
                        rx && rx->kind == CV_NODE_ARRAY ? rx : NULL,
                        ry && ry->kind == CV_NODE_ARRAY ? ry : NULL,
                        diff_bid_result, NULL);
    w->bid = NULL;
    return st;
}

/* A bid only one report has: "vendor (service): verdict". */
static cv_status emit_bid(struct walk *w, const struct cv_node *n, bool added)
{
    struct cv_strbuf sb;
    struct cv_diff_item it;
    const char *v = cv_node_str(n, "vendor"), *s = cv_node_str(n, "service");
    const char *verdict = cv_node_str(n, "verdict");
    char *text;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s (%s): %s", v ? v : "", s ? s : "",
                     verdict ? verdict : "");
    text = cv_strbuf_status(&sb) == CV_OK
               ? cv_arena_strndup(w->a, sb.ptr, sb.len)
               : NULL;
    cv_strbuf_release(&sb);
    if (!text)
        return CV_ENOMEM;
    memset(&it, 0, sizeof(it));
    it.group = CV_DG_BID;
    it.op = added ? CV_DOP_ADDED : CV_DOP_REMOVED;
    it.subject = base_name(cv_node_str(n, "file"));
    if (added) {
        it.new_value = text;
        it.new_loc = loc_of(n);
    } else {
        it.old_value = text;
        it.old_loc = loc_of(n);
    }
    return cv_diff_add(w->d, &it);
}

/* Reports too long to match bid by bid by name: paired by index. */
static cv_status bid_pair(struct walk *w, const struct cv_node *x,
                          const struct cv_node *y, const char *key,
                          const void *arg)
{
    (void)key;
    (void)arg;
    if (x && y)
        return diff_bid(w, x, y);
    return emit_bid(w, x ? x : y, !x);
}

static cv_status diff_reports(struct cv_diff *d, const struct cv_node *x,
                              const struct cv_node *y)
{
    const struct cv_node *sx = cv_node_member(x, "submissions");
    const struct cv_node *sy = cv_node_member(y, "submissions");
    struct walk w = { d, d->arena, NULL };
    const struct cv_node *n;
    bool *taken = NULL;
    size_t i, at;
    cv_status st = diff_methods(&w, x, y);
    if (st != CV_OK)
        return st;
    if (!sx || sx->kind != CV_NODE_ARRAY)
        sx = NULL;
    if (!sy || sy->kind != CV_NODE_ARRAY)
        sy = NULL;
    if ((sx && sx->count > KEY_MATCH_MAX) || (sy && sy->count > KEY_MATCH_MAX))
        return pair_items(&w, NULL, sx, sy, bid_pair, NULL);
    if (sy && sy->count > 0) {
        taken = cv_arena_calloc(d->arena, sy->count, sizeof(*taken));
        if (!taken)
            return CV_ENOMEM;
    }
    for (n = sx ? sx->first : NULL; n && st == CV_OK; n = n->next) {
        const struct cv_node *other = sy ? match_bid(n, sy, taken, &at) : NULL;
        if (other) {
            taken[at] = true;
            st = diff_bid(&w, n, other);
        } else {
            st = emit_bid(&w, n, false);
        }
    }
    for (n = sy ? sy->first : NULL, i = 0; n && st == CV_OK; n = n->next, i++)
        if (!taken[i])
            st = emit_bid(&w, n, true);
    return st;
}

/* ---- the inputs ----------------------------------------------------------- */

/* A cloudvet report ("format": "cloudvet-report/…"), read into `tree`;
 * anything else (a questionnaire, XML, a workbook, broken JSON) is a
 * submission for the evaluator to read, and to say what is wrong with. */
static bool read_report(const struct cv_node **tree, const cv_ctx *ctx,
                        const char *path, const char *buf, size_t len,
                        struct cv_arena *arena)
{
    struct cv_diags quiet;
    struct cv_load_req req;
    struct cv_node *root = NULL;
    const char *format;
    size_t i = 0;
    *tree = NULL;
    while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
        i++;
    if (i == len || buf[i] != '{')
        return false;
    cv_diags_init(&quiet, arena, ctx->opts.lang, 1);
    req.source = path;
    req.buf = buf;
    req.len = len;
    req.limits = &ctx->opts.limits;
    req.arena = arena;
    req.diags = &quiet;
    if (cv_load_json(&root, &req) != CV_OK || !root)
        return false;
    format = cv_node_str(root, "format");
    if (!format || strncmp(format, "cloudvet-report/", 16) != 0)
        return false;
    *tree = root;
    return true;
}

static cv_status write_diff(const struct cv_diff *d, cv_diff_format fmt,
                            cv_write_fn write, void *payload)
{
    switch (fmt) {
    case CV_DIFF_TEXT:
        return cv_diff_write_text(d, write, payload);
    case CV_DIFF_HTML:
        return cv_diff_write_html(d, write, payload);
    case CV_DIFF_JSON:
        return cv_diff_write_json(d, write, payload);
    }
    return CV_EUSAGE;
}

static cv_status one_report(cv_ctx *ctx, const char *report_path,
                            const char *other)
{
    struct cv_loc loc = { report_path, "", 0, 0 };
    cv_status st = cv_diags_add(
        &ctx->diags, CV_SEV_ERROR, CV_EUSAGE, &loc,
        CV_L(ctx->opts.lang,
             "報告書 (report.json) と提出物 %s は比べられません: 二つの提出物"
             "か、二つの報告書を指定してください",
             "a report (report.json) cannot be compared with the submission "
             "%s: give two submissions or two reports"),
        other);
    return st == CV_OK ? CV_EUSAGE : st;
}

cv_status cv_diff_files(cv_ctx *ctx, const cv_criteria *crit,
                        const char *old_path, const char *new_path,
                        cv_diff_format fmt, cv_write_fn write, void *payload,
                        size_t *changes)
{
    struct cv_arena arena;
    struct cv_diff d;
    const char *paths[2] = { old_path, new_path };
    char *bufs[2] = { NULL, NULL };
    size_t lens[2] = { 0, 0 };
    const struct cv_node *reports[2] = { NULL, NULL };
    bool is_report[2] = { false, false };
    cv_status st = CV_OK;
    int i;

    if (changes)
        *changes = 0;
    if (!ctx || !crit || !old_path || !new_path || !write || !changes)
        return CV_EUSAGE;
    cv_arena_init(&arena);
    cv_diff_init(&d, &arena, ctx->opts.lang, CV_DIFF_SUBMISSIONS);
    d.old_file = old_path;
    d.new_file = new_path;
    for (i = 0; i < 2 && st == CV_OK; i++) {
        st = cv_io_read_file(&bufs[i], &lens[i], paths[i],
                             ctx->opts.limits.max_input_bytes, &ctx->diags);
        if (st == CV_OK)
            is_report[i] = read_report(&reports[i], ctx, paths[i], bufs[i],
                                       lens[i], &arena);
    }
    if (st != CV_OK)
        goto cleanup;
    if (is_report[0] != is_report[1]) {
        st = is_report[0] ? one_report(ctx, old_path, new_path)
                          : one_report(ctx, new_path, old_path);
        goto cleanup;
    }
    if (is_report[0]) {
        d.kind = CV_DIFF_REPORTS;
        st = diff_reports(&d, reports[0], reports[1]);
    } else {
        st = diff_submissions(&d, ctx, crit, paths, bufs, lens);
    }
    if (st == CV_OK)
        st = write_diff(&d, fmt, write, payload);
    if (st == CV_OK)
        *changes = d.count;
cleanup:
    free(bufs[0]);
    free(bufs[1]);
    cv_arena_release(&arena);
    return st;
}
