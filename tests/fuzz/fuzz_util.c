/* SPDX-License-Identifier: MIT */
/* fuzz_util.c: the shared checks and the buffer sink of fuzz_util.h. */
#include "fuzz_util.h"

#include <ctype.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/unicode.h"
#include "fuzz.h"
#include "load/load.h"

static size_t check_node(const struct cv_node *n, const struct cv_node *parent,
                         const cv_limits *lim, unsigned depth)
{
    const struct cv_node *c, *last = NULL;
    size_t nodes = 1, children = 0;

    FUZZ_CHECK(depth <= lim->max_depth);
    FUZZ_CHECK(n->kind >= CV_NODE_NULL && n->kind <= CV_NODE_ELEMENT);
    FUZZ_CHECK(n->path != NULL);
    if (parent) {
        size_t plen = strlen(parent->path);
        FUZZ_CHECK(strncmp(n->path, parent->path, plen) == 0);
        FUZZ_CHECK(n->path[plen] == '/');
        /* Members and elements are named, array items are not. */
        FUZZ_CHECK((parent->kind == CV_NODE_ARRAY) == (n->name == NULL));
    }
    if (n->kind == CV_NODE_ELEMENT)
        FUZZ_CHECK(n->name != NULL && n->text != NULL);
    if (n->text) {
        FUZZ_CHECK(n->text[n->text_len] == '\0');
        FUZZ_CHECK(strlen(n->text) == n->text_len);
        /* node.h: later stages rely on it and never validate again. */
        FUZZ_CHECK(cv_utf8_valid(n->text, n->text_len));
        if (n->kind == CV_NODE_STRING || n->kind == CV_NODE_ELEMENT)
            FUZZ_CHECK(n->text_len <= lim->max_string_bytes);
    } else {
        FUZZ_CHECK(n->kind == CV_NODE_OBJECT || n->kind == CV_NODE_ARRAY);
    }
    if (n->kind != CV_NODE_OBJECT && n->kind != CV_NODE_ARRAY &&
        n->kind != CV_NODE_ELEMENT)
        FUZZ_CHECK(n->first == NULL);
    for (c = n->first; c; c = c->next) {
        nodes += check_node(c, n, lim, depth + 1);
        last = c;
        children++;
    }
    FUZZ_CHECK(children == n->count);
    FUZZ_CHECK(last == n->last);
    return nodes;
}

size_t fuzz_check_tree(const struct cv_node *root, const cv_limits *lim)
{
    size_t nodes;
    FUZZ_CHECK(root != NULL);
    nodes = check_node(root, NULL, lim, 0);
    FUZZ_CHECK(nodes <= lim->max_nodes);
    /* The lookups every later stage makes. */
    (void)cv_node_lookup(root, "vendor.name");
    (void)cv_node_str(root, "format");
    return nodes;
}

void fuzz_check_diags(const struct cv_diags *d, cv_status st)
{
    struct cv_strbuf sb;
    size_t i;
    if (st != CV_OK && st != CV_ENOMEM)
        FUZZ_CHECK(d->errors > 0);
    FUZZ_CHECK(d->count <= d->max);
    cv_strbuf_init(&sb, 0);
    for (i = 0; i < d->count; i++) {
        const cv_diag *g = &d->items[i];
        FUZZ_CHECK(g->source && g->path && g->message);
        cv_strbuf_reset(&sb);
        cv_diag_format(&sb, g);
    }
    FUZZ_CHECK(cv_strbuf_status(&sb) == CV_OK);
    cv_strbuf_release(&sb);
}

static void libxml2_printed(void *ctx, const char *msg, ...)
{
    (void)ctx;
    /* libxml2 prints a message piece by piece, mostly as ("%s", text). */
    if (strcmp(msg, "%s") == 0) {
        va_list ap;
        va_start(ap, msg);
        fprintf(stderr, "libxml2 would have printed '%s'\n",
                va_arg(ap, const char *));
        va_end(ap);
    } else {
        fprintf(stderr, "libxml2 would have printed (format '%s')\n", msg);
    }
    abort();
}

void fuzz_forbid_libxml2_output(void)
{
    xmlSetGenericErrorFunc(NULL, libxml2_printed);
}

int fuzz_sink_write(const char *buf, size_t len, void *payload)
{
    struct fuzz_sink *s = payload;
    if (len >= s->cap - s->len || !s->buf) {
        size_t ncap = (s->cap ? s->cap : 4096);
        char *n;
        while (ncap - s->len <= len)
            ncap *= 2;
        n = realloc(s->buf, ncap);
        if (!n)
            return -1;
        s->buf = n;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, buf, len);
    s->len += len;
    s->buf[s->len] = '\0';
    return 0;
}

void fuzz_sink_reset(struct fuzz_sink *s)
{
    s->len = 0;
    if (s->buf)
        s->buf[0] = '\0';
}

void fuzz_sink_release(struct fuzz_sink *s)
{
    free(s->buf);
    s->buf = NULL;
    s->len = s->cap = 0;
}

void fuzz_check_reparse(const char *s, size_t len, bool xml)
{
    static const cv_limits limits = CV_LIMITS_DEFAULT;
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_load_req req;
    struct cv_node *tree = NULL;
    cv_status st;

    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, CV_LANG_EN, 10);
    req.source = xml ? "written.xml" : "written.json";
    req.buf = s;
    req.len = len;
    req.limits = &limits;
    req.arena = &arena;
    req.diags = &diags;
    st = xml ? cv_load_xml(&tree, &req) : cv_load_json(&tree, &req);
    if (st != CV_OK && diags.count)
        fprintf(stderr, "written %s does not read back: %s\n",
                xml ? "XML" : "JSON", diags.items[0].message);
    FUZZ_CHECK(st == CV_OK);
    cv_arena_release(&arena);
}

static bool starts_nocase(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (tolower((unsigned char)*s) != *word)
            return false;
    return true;
}

/* No script, and every link is in-page or http(s). */
static void check_html(const char *s)
{
    const char *p;
    for (p = s; (p = strchr(p, '<')) != NULL; p++)
        FUZZ_CHECK(!starts_nocase(p + 1, "script"));
    for (p = s; (p = strstr(p, "href=\"")) != NULL; p++) {
        const char *url = p + 6;
        FUZZ_CHECK(url[0] == '#' || strncmp(url, "https://", 8) == 0 ||
                   strncmp(url, "http://", 7) == 0);
    }
}

void fuzz_write_reports(const cv_report *report)
{
    static const cv_report_format formats[] = { CV_REPORT_JSON, CV_REPORT_HTML,
                                                CV_REPORT_CSV, CV_REPORT_MD };
    struct fuzz_sink sink = { NULL, 0, 0 };
    size_t i;
    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        cv_status st;
        fuzz_sink_reset(&sink);
        st = cv_report_write(report, formats[i], fuzz_sink_write, &sink);
        /* One hostile input must not cost the run its report. Under
         * the fuzzer an allocation never fails (ASan aborts first), so
         * CV_ENOMEM here is some other failure misreported. */
        FUZZ_CHECK(st == CV_OK);
        if (!sink.buf)
            continue;
        if (formats[i] == CV_REPORT_JSON) {
            fuzz_check_reparse(sink.buf, sink.len, false);
            continue;
        }
        FUZZ_CHECK(cv_utf8_valid(sink.buf, sink.len));
        if (formats[i] == CV_REPORT_HTML)
            check_html(sink.buf);
    }
    fuzz_sink_release(&sink);
}

void fuzz_check_loader(fuzz_loader load, const char *source,
                       const uint8_t *data, size_t size,
                       const cv_limits *lim)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_load_req req;
    struct cv_node *tree = NULL;
    cv_status st;

    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, size % 2 ? CV_LANG_EN : CV_LANG_JA,
                  lim->max_diagnostics);
    req.source = source;
    req.buf = (const char *)data;
    req.len = size;
    req.limits = lim;
    req.arena = &arena;
    req.diags = &diags;
    (void)cv_reader_find(req.source, req.buf, req.len);
    st = load(&tree, &req);
    if (st == CV_OK)
        fuzz_check_tree(tree, lim);
    else
        FUZZ_CHECK(tree == NULL);
    fuzz_check_diags(&diags, st);
    cv_arena_release(&arena);
}
