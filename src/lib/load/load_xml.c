/* SPDX-License-Identifier: MIT */
/*
 * load_xml.c: XML bytes -> cv_node ELEMENT tree, through libxml2.
 *
 * Hostile-input policy: XML_PARSE_NONET, never NOENT/DTDLOAD/DTDATTR/
 * DTDVALID/XINCLUDE/HUGE. A questionnaire has no use for a DOCTYPE, so the
 * SAX internalSubset callback stops the parser the moment one is declared:
 * no entity of any kind (external, parameter, or the billion-laughs family)
 * is ever read. Parser messages are collected, never printed.
 */
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

#define QUESTIONNAIRE_NS "urn:cloudvet:questionnaire:1"

struct xml_conv {
    const struct cv_load_req *req;
    size_t nodes;
};

static void refuse_doctype(void *user, const xmlChar *name,
                           const xmlChar *external_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = user;
    (void)name;
    (void)external_id;
    (void)system_id;
    ctxt->_private = (void *)1; /* read after the parse */
    xmlStopParser(ctxt);
}

/* libxml2 reports a few errors outside any parser context (an encoding
 * conversion that fails, the I/O error that follows) through its generic
 * error function, which prints to stderr by default; the parser context
 * still records the parse error we report. */
static void ignore_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void cv_load_global_init(void)
{
    xmlInitParser();
}

void cv_load_global_cleanup(void)
{
    xmlCleanupParser();
}

static cv_status limit_fail(struct xml_conv *c, const char *path,
                            unsigned line, const char *what, size_t limit)
{
    struct cv_loc loc = { c->req->source, path, line, 0 };
    cv_lang lang = c->req->diags->lang;
    return cv_diags_fail(c->req->diags, CV_ELIMIT, &loc,
                         CV_L(lang, "上限を超えました: %s (%zu)",
                              "limit exceeded: %s (%zu)"),
                         what, limit);
}

static int cmp_names(const void *a, const void *b)
{
    const xmlNode *x = *(const xmlNode *const *)a;
    const xmlNode *y = *(const xmlNode *const *)b;
    int r = strcmp((const char *)x->name, (const char *)y->name);
    if (r)
        return r;
    /* Stable: keep document order among equal names. */
    return x->_private < y->_private ? -1 : x->_private > y->_private;
}

static bool in_our_ns(const xmlNode *n)
{
    return n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, QUESTIONNAIRE_NS) == 0;
}

static cv_status convert_element(struct xml_conv *c, xmlNode *x,
                                 const char *path, unsigned depth,
                                 struct cv_node **out);

/* The XPath of a child element outside our namespace, with its prefix
 * when it has one (`/questionnaire/sla/ext:tier`). */
static cv_status foreign_path(struct xml_conv *c, const xmlNode *ch,
                              const char *parent, const char **out)
{
    struct cv_strbuf sb;
    const char *prefix =
        ch->ns && ch->ns->prefix ? (const char *)ch->ns->prefix : NULL;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/%s%s%s", parent, prefix ? prefix : "",
                     prefix ? ":" : "", (const char *)ch->name);
    *out = cv_strbuf_status(&sb) == CV_OK
               ? cv_arena_strndup(c->req->arena, sb.ptr, sb.len)
               : NULL;
    cv_strbuf_release(&sb);
    return *out ? CV_OK : CV_ENOMEM;
}

/* Converts the element children of `x`, naming each by XPath step with an
 * index only where a name repeats (so the path reads like the file). */
static cv_status convert_children(struct xml_conv *c, xmlNode *x,
                                  struct cv_node *n, unsigned depth)
{
    struct cv_arena *a = c->req->arena;
    cv_lang lang = c->req->diags->lang;
    size_t count = 0, i, k;
    xmlNode *ch;
    xmlNode **sorted = NULL;
    size_t *ordinal = NULL, *total = NULL;
    cv_status st = CV_OK;

    for (ch = x->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            ch->_private = (void *)(uintptr_t)++count;
    if (count == 0)
        return CV_OK;
    sorted = malloc(count * sizeof(*sorted));
    ordinal = calloc(count + 1, sizeof(*ordinal));
    total = calloc(count + 1, sizeof(*total));
    if (!sorted || !ordinal || !total) {
        st = CV_ENOMEM;
        goto out;
    }
    for (i = 0, ch = x->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE)
            sorted[i++] = ch;
    qsort(sorted, count, sizeof(*sorted), cmp_names);
    for (i = 0; i < count; i = k) {
        for (k = i; k < count && strcmp((const char *)sorted[k]->name,
                                        (const char *)sorted[i]->name) == 0;
             k++)
            ;
        for (size_t j = i; j < k; j++) {
            size_t doc_index = (size_t)(uintptr_t)sorted[j]->_private;
            ordinal[doc_index] = j - i + 1;
            total[doc_index] = k - i;
        }
    }
    for (ch = x->children; ch; ch = ch->next) {
        struct cv_strbuf sb;
        struct cv_node *cn = NULL;
        size_t idx;
        char *p;
        if (ch->type != XML_ELEMENT_NODE)
            continue;
        idx = (size_t)(uintptr_t)ch->_private;
        if (!in_our_ns(ch)) {
            struct cv_loc loc = { c->req->source, NULL,
                                  (unsigned)xmlGetLineNo(ch), 0 };
            st = foreign_path(c, ch, n->path, &loc.path);
            if (st != CV_OK)
                goto out;
            st = cv_diags_add(c->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                              CV_L(lang,
                                   "要素 '%s' (名前空間 '%s') は質問票 v1 の"
                                   "ものではないため無視しました",
                                   "element '%s' in namespace '%s' is not "
                                   "part of questionnaire v1 and was ignored"),
                              (const char *)ch->name,
                              ch->ns && ch->ns->href
                                  ? (const char *)ch->ns->href
                                  : "");
            if (st != CV_OK)
                goto out;
            continue;
        }
        cv_strbuf_init(&sb, 0);
        cv_strbuf_printf(&sb, "%s/%s", n->path, (const char *)ch->name);
        if (total[idx] > 1)
            cv_strbuf_printf(&sb, "[%zu]", ordinal[idx]);
        p = cv_strbuf_status(&sb) == CV_OK
                ? cv_arena_strndup(a, sb.ptr, sb.len)
                : NULL;
        cv_strbuf_release(&sb);
        if (!p) {
            st = CV_ENOMEM;
            goto out;
        }
        st = convert_element(c, ch, p, depth + 1, &cn);
        if (st != CV_OK)
            goto out;
        cv_node_append(n, cn);
    }
out:
    free(sorted);
    free(ordinal);
    free(total);
    return st;
}

static cv_status collect_text(struct xml_conv *c, xmlNode *x,
                              struct cv_node *n, const char *path)
{
    struct cv_strbuf sb;
    xmlNode *ch;
    cv_status st;
    cv_strbuf_init(&sb, c->req->limits->max_string_bytes);
    for (ch = x->children; ch; ch = ch->next)
        if ((ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) &&
            ch->content)
            cv_strbuf_puts(&sb, (const char *)ch->content);
    st = cv_strbuf_status(&sb);
    if (st == CV_ELIMIT) {
        cv_strbuf_release(&sb);
        return limit_fail(c, path, (unsigned)xmlGetLineNo(x),
                          "max_string_bytes", c->req->limits->max_string_bytes);
    }
    if (st == CV_OK) {
        n->text = cv_arena_strndup(c->req->arena, sb.ptr, sb.len);
        n->text_len = sb.len;
        if (!n->text)
            st = CV_ENOMEM;
    }
    cv_strbuf_release(&sb);
    return st;
}

#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* The questionnaire has no attributes: each one is reported at its own
 * XPath (`.../sla/@unit`), never silently dropped. The two that name an
 * XSD for the vendor's validator carry nothing for the model and are
 * only noted (nothing is fetched from them). */
static bool is_schema_location(const xmlAttr *attr)
{
    return attr->ns && attr->ns->href &&
           strcmp((const char *)attr->ns->href, XSI_NS) == 0 &&
           (strcmp((const char *)attr->name, "schemaLocation") == 0 ||
            strcmp((const char *)attr->name, "noNamespaceSchemaLocation") ==
                0);
}

static cv_status warn_attribute(struct xml_conv *c, xmlNode *x,
                                const xmlAttr *attr, const char *path)
{
    cv_lang lang = c->req->diags->lang;
    struct cv_strbuf sb;
    struct cv_loc loc = { c->req->source, NULL, (unsigned)xmlGetLineNo(x),
                          0 };
    bool schema_location = is_schema_location(attr);
    const char *prefix = attr->ns && attr->ns->prefix
                             ? (const char *)attr->ns->prefix
                             : NULL;
    cv_status st;

    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/@%s%s%s", path, prefix ? prefix : "",
                     prefix ? ":" : "", (const char *)attr->name);
    loc.path = cv_strbuf_status(&sb) == CV_OK
                   ? cv_arena_strndup(c->req->arena, sb.ptr, sb.len)
                   : NULL;
    cv_strbuf_release(&sb);
    if (!loc.path)
        return CV_ENOMEM;
    if (schema_location)
        st = cv_diags_add(c->req->diags, CV_SEV_NOTE, CV_OK, &loc, "%s",
                          CV_L(lang,
                               "スキーマの所在 (xsi 属性) は読みません "
                               "(取得もしません)",
                               "the schema location (xsi attribute) is not "
                               "read, nor fetched"));
    else
        st = cv_diags_add(
            c->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
            CV_L(lang, "属性 '%s' は質問票 v1 にないため無視しました",
                 "attribute '%s' is not part of questionnaire v1 and was "
                 "ignored"),
            (const char *)attr->name);
    return st;
}

static cv_status warn_attributes(struct xml_conv *c, xmlNode *x,
                                 const char *path)
{
    const xmlAttr *attr;
    for (attr = x->properties; attr; attr = attr->next) {
        cv_status st = warn_attribute(c, x, attr, path);
        if (st != CV_OK)
            return st;
    }
    return CV_OK;
}

static cv_status convert_element(struct xml_conv *c, xmlNode *x,
                                 const char *path, unsigned depth,
                                 struct cv_node **out)
{
    const cv_limits *lim = c->req->limits;
    struct cv_node *n;
    cv_status st;
    unsigned line = (unsigned)xmlGetLineNo(x);

    if (depth > lim->max_depth)
        return limit_fail(c, path, line, "max_depth", lim->max_depth);
    if (++c->nodes > lim->max_nodes)
        return limit_fail(c, path, line, "max_nodes", lim->max_nodes);
    n = cv_node_new(c->req->arena, CV_NODE_ELEMENT);
    if (!n)
        return CV_ENOMEM;
    n->name = cv_arena_strdup(c->req->arena, (const char *)x->name);
    if (!n->name)
        return CV_ENOMEM;
    n->path = path;
    n->line = line;
    st = warn_attributes(c, x, path);
    if (st == CV_OK)
        st = collect_text(c, x, n, path);
    if (st == CV_OK)
        st = convert_children(c, x, n, depth);
    *out = n;
    return st;
}

cv_status cv_load_xml_fail(struct cv_diags *diags, struct cv_loc *loc,
                           bool doctype, const char *message, int line,
                           int column)
{
    char msg[512] = "";
    if (doctype)
        return cv_diags_fail(
            diags, CV_EPARSE, loc,
            CV_L(diags->lang,
                 "DOCTYPE 宣言は受け付けません (外部実体・実体展開を防ぐため)",
                 "DOCTYPE declarations are refused (no external or "
                 "expanding entities are read)"));
    if (message) {
        size_t n;
        snprintf(msg, sizeof(msg), "%s", message);
        n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        loc->line = line > 0 ? (unsigned)line : 0;
        loc->column = column > 0 ? (unsigned)column : 0;
    }
    return cv_diags_fail(diags, CV_EPARSE, loc,
                         CV_L(diags->lang, "XML として読めません: %s",
                              "not well-formed XML: %s"),
                         msg[0] ? msg : "?");
}

static cv_status parse_error(const struct cv_load_req *req,
                             xmlParserCtxtPtr ctxt)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    struct cv_loc loc = { req->source, "", 0, 0 };
    if (ctxt->_private)
        loc.line = (unsigned)ctxt->input->line;
    return cv_load_xml_fail(req->diags, &loc, ctxt->_private != NULL,
                            e ? e->message : NULL, e ? e->line : 0,
                            e ? e->int2 : 0);
}

cv_status cv_load_xml(struct cv_node **out, const struct cv_load_req *req)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlNode *root;
    xmlGenericErrorFunc saved_error;
    void *saved_error_ctx;
    struct xml_conv c = { req, 0 };
    struct cv_node *tree = NULL;
    cv_status st = CV_OK;
    cv_lang lang = req->diags->lang;
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
               XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

    *out = NULL;
    if (req->len > (size_t)INT32_MAX) {
        struct cv_loc loc = { req->source, "", 0, 0 };
        return cv_diags_fail(req->diags, CV_ELIMIT, &loc, "%s",
                             CV_L(lang, "XML が大きすぎます",
                                  "XML document too large"));
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return CV_ENOMEM;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->_private = NULL;
    /* Silence for this parse only: the handler is libxml2's per-thread
     * state, and the program around us may have set its own. */
    saved_error = xmlGenericError;
    saved_error_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_error);
    doc = xmlCtxtReadMemory(ctxt, req->buf, (int)req->len, NULL, NULL, opts);
    xmlSetGenericErrorFunc(saved_error_ctx, saved_error);
    if (!doc || ctxt->_private || !ctxt->wellFormed) {
        st = parse_error(req, ctxt);
        goto out;
    }
    root = xmlDocGetRootElement(doc);
    if (!root) {
        struct cv_loc loc = { req->source, "", 0, 0 };
        st = cv_diags_fail(req->diags, CV_EPARSE, &loc, "%s",
                           CV_L(lang, "ルート要素がありません",
                                "no root element"));
        goto out;
    }
    if (strcmp((const char *)root->name, "questionnaire") != 0 ||
        !in_our_ns(root)) {
        struct cv_loc loc = { req->source, "", (unsigned)xmlGetLineNo(root),
                              0 };
        st = cv_diags_fail(
            req->diags, CV_EINVALID, &loc,
            CV_L(lang,
                 "ルート要素は名前空間 '%s' の <questionnaire> でなければなり"
                 "ません (実際: <%s>)",
                 "the root element must be <questionnaire> in namespace "
                 "'%s' (found <%s>)"),
            QUESTIONNAIRE_NS, (const char *)root->name);
        goto out;
    }
    st = convert_element(&c, root, "/questionnaire", 0, &tree);
    if (st != CV_OK)
        goto out;
    *out = tree;
out:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return st;
}
