/* SPDX-License-Identifier: MIT */
/* crit_common.c: reading criteria JSON files strictly (see criteria.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/io.h"
#include "../load/load.h"
#include "criteria.h"

char *cv_crit_join_path(struct cv_arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = cv_arena_alloc(a, n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

cv_status cv_crit_read_json(const struct cv_node **out, struct cv_arena *arena,
                            struct cv_diags *diags, const cv_limits *limits,
                            const char *path, struct cv_strbuf *digest)
{
    char *buf = NULL;
    size_t len = 0;
    struct cv_node *root = NULL;
    struct cv_load_req req;
    cv_status st;
    char *source;

    *out = NULL;
    source = cv_arena_strdup(arena, path);
    if (!source)
        return CV_ENOMEM;
    st = cv_io_read_file(&buf, &len, path, limits->max_input_bytes, diags);
    if (st != CV_OK)
        return st == CV_ENOMEM ? st : CV_ECRITERIA;
    req.source = source;
    req.buf = buf;
    req.len = len;
    req.limits = limits;
    req.arena = arena;
    req.diags = diags;
    st = cv_load_json(&root, &req);
    if (st == CV_OK && digest) {
        /* The file name is part of the digest: moving a criterion from one
         * file to another is a change of the criteria. */
        const char *base = strrchr(path, '/');
        cv_strbuf_puts(digest, base ? base + 1 : path);
        cv_strbuf_putc(digest, '\0');
        cv_strbuf_put(digest, buf, len);
        cv_strbuf_putc(digest, '\0');
    }
    free(buf);
    if (st != CV_OK)
        return st == CV_ENOMEM ? st : CV_ECRITERIA;
    *out = root;
    return CV_OK;
}

cv_status cv_crit_fail_at(struct cv_diags *diags, const char *file,
                          const struct cv_node *at, const char *fmt, ...)
{
    struct cv_loc loc = { file, at ? at->path : "", 0, 0 };
    va_list ap;
    cv_status st;
    va_start(ap, fmt);
    st = cv_diags_vadd(diags, CV_SEV_ERROR, CV_ECRITERIA, &loc, fmt, ap);
    va_end(ap);
    return st == CV_OK ? CV_ECRITERIA : st;
}

cv_status cv_crit_members(const struct cv_node *obj,
                          const char *const *allowed, struct cv_diags *diags,
                          const char *file)
{
    const struct cv_node *m;
    cv_status st = CV_OK;
    if (!obj || obj->kind != CV_NODE_OBJECT)
        return cv_crit_error(diags, file, obj, "オブジェクトが必要です%s",
                             "expected an object%s", "");
    for (m = obj->first; m; m = m->next) {
        size_t i;
        bool ok = false;
        for (i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], m->name) == 0;
        if (!ok)
            st = cv_crit_error(diags, file, m, "未知の項目 '%s'",
                               "unknown member '%s'", m->name);
    }
    return st;
}

cv_status cv_crit_expect(const struct cv_node *obj, const char *format,
                         const char *const *allowed, struct cv_diags *diags,
                         const char *file)
{
    const char *f = cv_node_str(obj, "format");
    cv_status st = cv_crit_members(obj, allowed, diags, file);
    if (st != CV_OK)
        return st;
    if (!f || strcmp(f, format) != 0)
        return cv_crit_error(diags, file, obj,
                             "\"format\" は '%s' でなければなりません",
                             "\"format\" must be '%s'", format);
    return CV_OK;
}

cv_status cv_crit_string(const char **out, const struct cv_node *obj,
                         const char *name, struct cv_diags *diags,
                         const char *file)
{
    const struct cv_node *n = cv_node_member(obj, name);
    if (!n || n->kind != CV_NODE_STRING || n->text_len == 0)
        return cv_crit_error(diags, file, n ? n : obj,
                             "文字列の項目 '%s' が必要です",
                             "a non-empty string '%s' is required", name);
    *out = n->text;
    return CV_OK;
}

cv_status cv_crit_text2(struct cv_text2 *out, const struct cv_node *obj,
                        const char *name, struct cv_diags *diags,
                        const char *file)
{
    static const char *const langs[] = { "ja", "en", NULL };
    const struct cv_node *n = cv_node_member(obj, name);
    cv_status st;
    if (!n)
        return cv_crit_error(diags, file, obj, "項目 '%s' が必要です",
                             "member '%s' is required", name);
    st = cv_crit_members(n, langs, diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&out->ja, n, "ja", diags, file);
    if (st == CV_OK)
        st = cv_crit_string(&out->en, n, "en", diags, file);
    return st;
}
