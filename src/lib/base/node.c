/* SPDX-License-Identifier: MIT */
/* node.c: building and reading the shared document tree (see node.h). */
#include "node.h"

#include <stdio.h>
#include <string.h>

#include "strbuf.h"

struct cv_node *cv_node_new(struct cv_arena *a, enum cv_node_kind kind)
{
    struct cv_node *n = cv_arena_alloc(a, sizeof(*n));
    if (n) {
        n->kind = kind;
        n->path = "";
    }
    return n;
}

bool cv_unread_add(struct cv_unread *u, struct cv_arena *a, const char *field,
                   size_t len)
{
    size_t i;
    char *copy;
    for (i = 0; i < u->count; i++)
        if (strlen(u->fields[i]) == len &&
            memcmp(u->fields[i], field, len) == 0)
            return true;
    if (u->count == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 8;
        const char **grown =
            cv_arena_grow(a, u->fields, u->count, cap, sizeof(*grown));
        if (!grown)
            return false;
        u->fields = grown;
        u->cap = cap;
    }
    copy = cv_arena_strndup(a, field, len);
    if (!copy)
        return false;
    u->fields[u->count++] = copy;
    return true;
}

/* Whether `inner` is `outer` or a field under it. */
static bool field_within(const char *inner, const char *outer)
{
    size_t n = strlen(outer);
    return strncmp(inner, outer, n) == 0 &&
           (inner[n] == '\0' || inner[n] == '.');
}

const char *cv_unread_touching(const struct cv_unread *u, const char *fact)
{
    size_t i;
    for (i = 0; u && i < u->count; i++)
        if (field_within(u->fields[i], fact) ||
            field_within(fact, u->fields[i]))
            return u->fields[i];
    return NULL;
}

void cv_node_append(struct cv_node *parent, struct cv_node *child)
{
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    parent->count++;
}

const struct cv_node *cv_node_member(const struct cv_node *obj,
                                     const char *name)
{
    const struct cv_node *c;
    if (!obj || (obj->kind != CV_NODE_OBJECT && obj->kind != CV_NODE_ELEMENT))
        return NULL;
    for (c = obj->first; c; c = c->next)
        if (c->name && strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

const struct cv_node *cv_node_lookup(const struct cv_node *root,
                                     const char *dotted)
{
    const struct cv_node *n = root;
    char step[128];
    const char *p = dotted;
    while (n && *p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len >= sizeof(step))
            return NULL;
        memcpy(step, p, len);
        step[len] = '\0';
        n = cv_node_member(n, step);
        p = dot ? dot + 1 : p + len;
    }
    if (n && n->kind == CV_NODE_NULL)
        return NULL;
    return n;
}

const char *cv_node_str(const struct cv_node *obj, const char *name)
{
    const struct cv_node *n = cv_node_lookup(obj, name);
    return n && n->kind == CV_NODE_STRING ? n->text : NULL;
}

bool cv_node_num(const struct cv_node *obj, const char *name, double *out)
{
    const struct cv_node *n = cv_node_lookup(obj, name);
    if (!n || n->kind != CV_NODE_NUMBER)
        return false;
    *out = n->number;
    return true;
}

bool cv_node_bool(const struct cv_node *obj, const char *name, bool *out)
{
    const struct cv_node *n = cv_node_lookup(obj, name);
    if (!n || n->kind != CV_NODE_BOOL)
        return false;
    *out = n->boolean;
    return true;
}

char *cv_pointer_child(struct cv_arena *a, const char *parent_path,
                       const char *name)
{
    struct cv_strbuf sb;
    char *res;
    const char *p;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_puts(&sb, parent_path);
    cv_strbuf_putc(&sb, '/');
    for (p = name; *p; p++) {
        if (*p == '~')
            cv_strbuf_puts(&sb, "~0");
        else if (*p == '/')
            cv_strbuf_puts(&sb, "~1");
        else
            cv_strbuf_putc(&sb, *p);
    }
    res = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(a, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return res;
}

char *cv_pointer_index(struct cv_arena *a, const char *parent_path,
                       size_t index)
{
    struct cv_strbuf sb;
    char *res;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/%zu", parent_path, index);
    res = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(a, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return res;
}
