/* SPDX-License-Identifier: MIT */
/*
 * load_json.c: JSON bytes -> cv_node, through jansson.
 *
 * jansson validates UTF-8, refuses NUL bytes in strings and, with
 * JSON_REJECT_DUPLICATES, duplicate keys; its own nesting limit is 2048.
 * Our tighter limits (depth, node count, string size) are applied while
 * converting. jansson keeps no per-value positions, so values are located
 * by JSON Pointer; syntax errors carry jansson's line and column.
 */
#include <stdio.h>
#include <jansson.h>
#include <string.h>

#include "load.h"

struct conv {
    const struct cv_load_req *req;
    size_t nodes;
};

static cv_status limit_fail(struct conv *c, const char *path,
                            const char *what_ja, const char *what_en,
                            size_t limit)
{
    struct cv_loc loc = { c->req->source, path, 0, 0 };
    cv_lang lang = c->req->diags->lang;
    return cv_diags_fail(c->req->diags, CV_ELIMIT, &loc,
                         CV_L(lang, "上限を超えました: %s (%zu)",
                              "limit exceeded: %s (%zu)"),
                         CV_L(lang, what_ja, what_en), limit);
}

static cv_status convert(struct conv *c, const json_t *v, const char *name,
                         const char *path, unsigned depth,
                         struct cv_node **out);

static cv_status convert_children(struct conv *c, const json_t *v,
                                  struct cv_node *n, unsigned depth)
{
    struct cv_arena *a = c->req->arena;
    cv_status st = CV_OK;
    if (json_is_object(v)) {
        const char *key;
        json_t *child;
        json_object_foreach((json_t *)v, key, child)
        {
            struct cv_node *cn = NULL;
            char *p = cv_pointer_child(a, n->path, key);
            if (!p)
                return CV_ENOMEM;
            st = convert(c, child, key, p, depth + 1, &cn);
            if (st != CV_OK)
                return st;
            cv_node_append(n, cn);
        }
    } else {
        size_t i;
        json_t *child;
        json_array_foreach(v, i, child)
        {
            struct cv_node *cn = NULL;
            char *p = cv_pointer_index(a, n->path, i);
            if (!p)
                return CV_ENOMEM;
            st = convert(c, child, NULL, p, depth + 1, &cn);
            if (st != CV_OK)
                return st;
            cv_node_append(n, cn);
        }
    }
    return st;
}

static cv_status convert(struct conv *c, const json_t *v, const char *name,
                         const char *path, unsigned depth,
                         struct cv_node **out)
{
    struct cv_arena *a = c->req->arena;
    const cv_limits *lim = c->req->limits;
    struct cv_node *n;
    char num[64];

    if (depth > lim->max_depth)
        return limit_fail(c, path, "入れ子の深さ max_depth",
                          "nesting depth max_depth", lim->max_depth);
    if (++c->nodes > lim->max_nodes)
        return limit_fail(c, path, "値の数 max_nodes", "value count max_nodes",
                          lim->max_nodes);
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        n = cv_node_new(a, CV_NODE_OBJECT);
        break;
    case JSON_ARRAY:
        n = cv_node_new(a, CV_NODE_ARRAY);
        break;
    case JSON_STRING:
        n = cv_node_new(a, CV_NODE_STRING);
        break;
    case JSON_INTEGER:
    case JSON_REAL:
        n = cv_node_new(a, CV_NODE_NUMBER);
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        n = cv_node_new(a, CV_NODE_BOOL);
        break;
    default:
        n = cv_node_new(a, CV_NODE_NULL);
        break;
    }
    if (!n)
        return CV_ENOMEM;
    n->path = path;
    if (name && !(n->name = cv_arena_strdup(a, name)))
        return CV_ENOMEM;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        *out = n;
        return convert_children(c, v, n, depth);
    case JSON_STRING:
        if (json_string_length(v) > lim->max_string_bytes)
            return limit_fail(c, path, "文字列の長さ max_string_bytes",
                              "string length max_string_bytes",
                              lim->max_string_bytes);
        n->text_len = json_string_length(v);
        n->text = cv_arena_strndup(a, json_string_value(v), n->text_len);
        break;
    case JSON_INTEGER:
        n->number = (double)json_integer_value(v);
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        n->text = cv_arena_strdup(a, num);
        break;
    case JSON_REAL:
        n->number = json_real_value(v);
        snprintf(num, sizeof(num), "%.17g", n->number);
        n->text = cv_arena_strdup(a, num);
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        n->boolean = json_is_true(v);
        n->text = n->boolean ? "true" : "false";
        break;
    default:
        n->text = "null";
        break;
    }
    if (!n->text)
        return CV_ENOMEM;
    if (n->text_len == 0)
        n->text_len = strlen(n->text);
    *out = n;
    return CV_OK;
}

/* A raw NUL byte is never JSON, but jansson stops reading at one after a
 * complete value ("123\0..."); refuse it with its position instead. */
static cv_status refuse_nul(const struct cv_load_req *req)
{
    const char *nul = memchr(req->buf, '\0', req->len);
    struct cv_loc loc = { req->source, "", 1, 1 };
    const char *p;
    if (!nul)
        return CV_OK;
    for (p = req->buf; p < nul; p++) {
        if (*p == '\n') {
            loc.line++;
            loc.column = 1;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            loc.column++;
        }
    }
    return cv_diags_fail(req->diags, CV_EPARSE, &loc, "%s",
                         CV_L(req->diags->lang,
                              "JSON として読めません: NUL バイトがあります",
                              "not valid JSON: a NUL byte"));
}

cv_status cv_load_json(struct cv_node **out, const struct cv_load_req *req)
{
    json_error_t err;
    json_t *root = NULL;
    struct conv c = { req, 0 };
    struct cv_node *tree = NULL;
    cv_status st;
    cv_lang lang = req->diags->lang;

    *out = NULL;
    st = refuse_nul(req);
    if (st != CV_OK)
        return st;
    /* Any value is well-formed JSON; that a questionnaire is an object is
     * the normaliser's diagnostic, not a syntax error. */
    root = json_loadb(req->buf, req->len,
                      JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (!root) {
        struct cv_loc loc = { req->source, "",
                              err.line > 0 ? (unsigned)err.line : 0,
                              err.column > 0 ? (unsigned)err.column : 0 };
        st = cv_diags_fail(req->diags, CV_EPARSE, &loc,
                           CV_L(lang, "JSON として読めません: %s",
                                "not valid JSON: %s"),
                           err.text);
        goto out;
    }
    st = convert(&c, root, NULL, "", 0, &tree);
    if (st != CV_OK)
        goto out;
    *out = tree;
out:
    json_decref(root);
    return st;
}
