/* SPDX-License-Identifier: MIT */
/*
 * load_xml.c: XML bytes -> cv_node ELEMENT tree, through libxml2's SAX2
 * interface: the tree is built directly in the document arena, and no
 * xmlDoc is ever made, so memory follows our limits, not libxml2's
 * (a libxml2 tree costs some 170 bytes per element before any of our
 * checks could run). max_depth, max_nodes and max_string_bytes are
 * applied as each start tag or piece of text arrives; the first one hit
 * stops the parser.
 *
 * Hostile-input policy: XML_PARSE_NONET, never NOENT/DTDLOAD/DTDATTR/
 * DTDVALID/XINCLUDE/HUGE. A questionnaire has no use for a DOCTYPE, so the
 * SAX internalSubset callback stops the parser the moment one is declared:
 * no entity of any kind (external, parameter, or the billion-laughs family)
 * is ever read. Parser messages are collected, never printed.
 *
 * Two passes over what we keep, one over the bytes: while parsing, the
 * elements of our namespace become nodes (name, line, own text, children)
 * and whatever needs a diagnostic (an attribute, an element of another
 * namespace) becomes a note; an XPath step carries an index only where a
 * name repeats among siblings, which is known only once the parent is
 * closed, so the paths and the notes' diagnostics are made afterwards, in
 * one walk in document order. The diagnostics come out in that order, as
 * when the reader walked a finished libxml2 tree.
 */
#include <stdint.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "../base/overflow.h"
#include "load.h"

#define QUESTIONNAIRE_NS "urn:cloudvet:questionnaire:1"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
/* OSCAL 1.0.x and 1.1.x share one namespace (NIST OSCAL XML reference). */
#define OSCAL_NS "http://csrc.nist.gov/ns/oscal/1.0"

/* What document is read: its namespace and root, and whether attributes
 * are values (OSCAL's props and ids) or foreign to the model (the
 * questionnaire has none). The parse and its defences are the same. */
struct xml_dialect {
    const char *ns;
    const char *root;
    const char *root_path;
    bool attributes; /* un-namespaced attributes become "@name" children */
    const char *model_ja, *model_en; /* what diagnostics call the model */
};

static const struct xml_dialect questionnaire_dialect = {
    QUESTIONNAIRE_NS, "questionnaire", "/questionnaire", false,
    "質問票 v1", "questionnaire v1"
};
static const struct xml_dialect oscal_ssp_dialect = {
    OSCAL_NS, "system-security-plan", "/system-security-plan", true,
    "OSCAL SSP", "an OSCAL SSP"
};

/* ---- small open-addressing tables (malloc'd, freed with the parse) ---- */

/* Element names, each kept once in the arena: thousands of siblings
 * called <item> share one copy. */
struct name_table {
    const char **slot;
    size_t cap; /* a power of two, or 0 */
    size_t used;
};

/* How many children of `parent` are called `name` (an interned
 * pointer), whatever their namespace: an XPath index counts them all. */
struct sibling_count {
    const struct cv_node *parent;
    const char *name;
    size_t total;
};

struct sibling_table {
    struct sibling_count *slot;
    size_t cap;
    size_t used;
};

/* ---- what parsing leaves for the walk ---- */

enum note_kind {
    NOTE_ATTRIBUTE, /* an attribute of the element numbered `key` */
    NOTE_FOREIGN,   /* an element of another namespace, after element
                       `key` started (it is reported after that element's
                       subtree, before the next element of ours) */
    NOTE_DROPPED    /* `count` more notes beyond the diagnostics' cap */
};

struct note {
    enum note_kind kind;
    bool after;  /* NOTE_DROPPED: stands for foreign notes, not attributes */
    bool schema_location;
    unsigned line;
    size_t key;
    size_t count;
    const struct cv_node *node; /* the attribute's element, or the parent */
    const char *prefix;         /* NULL when none */
    const char *name;
    const char *href;           /* NOTE_FOREIGN: its namespace, or "" */
};

/* An open element of our namespace, with its own character data so far. */
struct frame {
    struct cv_node *node;
    struct cv_strbuf text;
};

struct xml_build {
    const struct cv_load_req *req;
    const struct xml_dialect *dialect;
    struct {
        struct frame *items;
        size_t count;
        size_t cap;
    } frames;
    unsigned skip; /* > 0 inside an element we do not read */
    size_t nodes;  /* elements of ours started, the root being 1 */
    struct cv_node *root;
    bool doctype;
    bool root_seen;
    unsigned root_line;
    const char *bad_root; /* the root's name when it is not ours */
    const char *empty;    /* the text of every element that has none */
    struct name_table names;
    struct sibling_table siblings;
    /* each element's place among its same-named siblings (1, 2, ...),
     * by element number: known as it starts, needed once its parent has
     * ended (an index is written only where the name repeats) */
    uint32_t *ordinal; /* fits: an element takes 4 bytes, the input < 2 GiB */
    size_t ordinal_cap;
    struct note *notes;
    size_t nnotes, notes_cap;
    size_t room; /* diagnostics the list can still take */
    /* The first problem found while parsing (parsing stops there):
     * CV_ELIMIT or CV_ENOMEM. A depth or node limit is hit at an element
     * that is not built: `fail_parent` and `fail_name` say where. The
     * string limit is hit inside `fail_node`. */
    cv_status fail;
    const char *fail_limit;
    size_t fail_value;
    const struct cv_node *fail_parent;
    const char *fail_name;
    size_t fail_ordinal;
    const struct cv_node *fail_node;
    unsigned fail_line;
};

static size_t hash_bytes(const char *s, size_t len)
{
    size_t h = (size_t)14695981039346656037ull;
    size_t i;
    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ull;
    return h;
}

static size_t hash_pair(const void *a, const void *b)
{
    uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(uintptr_t)b + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    h ^= h >> 29;
    return (size_t)(h * 0xBF58476D1CE4E5B9ull);
}

/* The next capacity of a table at half load, or 0 on overflow. */
static size_t grown_cap(size_t cap, size_t entry)
{
    size_t ncap = cap ? cap * 2 : 64, bytes;
    if (ncap < cap || cv_mul_overflow(ncap, entry, &bytes))
        return 0;
    return ncap;
}

static cv_status names_grow(struct name_table *t)
{
    size_t ncap = grown_cap(t->cap, sizeof(*t->slot)), i;
    const char **nslot;
    if (!ncap)
        return CV_ENOMEM;
    nslot = calloc(ncap, sizeof(*nslot));
    if (!nslot)
        return CV_ENOMEM;
    for (i = 0; i < t->cap; i++) {
        size_t j;
        if (!t->slot[i])
            continue;
        j = hash_bytes(t->slot[i], strlen(t->slot[i])) & (ncap - 1);
        while (nslot[j])
            j = (j + 1) & (ncap - 1);
        nslot[j] = t->slot[i];
    }
    free(t->slot);
    t->slot = nslot;
    t->cap = ncap;
    return CV_OK;
}

/* The arena's one copy of `name`; NULL when out of memory. */
static const char *intern_name(struct xml_build *b, const char *name)
{
    struct name_table *t = &b->names;
    size_t len = strlen(name), j;
    char *copy;
    if ((t->used + 1) * 2 > t->cap && names_grow(t) != CV_OK)
        return NULL;
    for (j = hash_bytes(name, len) & (t->cap - 1); t->slot[j];
         j = (j + 1) & (t->cap - 1))
        if (strcmp(t->slot[j], name) == 0)
            return t->slot[j];
    copy = cv_arena_strndup(b->req->arena, name, len);
    if (copy) {
        t->slot[j] = copy;
        t->used++;
    }
    return copy;
}

static cv_status siblings_grow(struct sibling_table *t)
{
    size_t ncap = grown_cap(t->cap, sizeof(*t->slot)), i;
    struct sibling_count *nslot;
    if (!ncap)
        return CV_ENOMEM;
    nslot = calloc(ncap, sizeof(*nslot));
    if (!nslot)
        return CV_ENOMEM;
    for (i = 0; i < t->cap; i++) {
        size_t j;
        if (!t->slot[i].name)
            continue;
        j = hash_pair(t->slot[i].parent, t->slot[i].name) & (ncap - 1);
        while (nslot[j].name)
            j = (j + 1) & (ncap - 1);
        nslot[j] = t->slot[i];
    }
    free(t->slot);
    t->slot = nslot;
    t->cap = ncap;
    return CV_OK;
}

/* The count of `parent`'s children called `name`; NULL when absent. */
static struct sibling_count *siblings_find(const struct sibling_table *t,
                                           const struct cv_node *parent,
                                           const char *name)
{
    size_t j;
    if (!t->cap)
        return NULL;
    for (j = hash_pair(parent, name) & (t->cap - 1); t->slot[j].name;
         j = (j + 1) & (t->cap - 1))
        if (t->slot[j].parent == parent && t->slot[j].name == name)
            return &t->slot[j];
    return NULL;
}

/* Counts one more child `name` of `parent`; *ordinal is its place. */
static cv_status siblings_count(struct sibling_table *t,
                                const struct cv_node *parent,
                                const char *name, size_t *ordinal)
{
    struct sibling_count *c = siblings_find(t, parent, name);
    size_t j;
    if (c) {
        *ordinal = ++c->total;
        return CV_OK;
    }
    if ((t->used + 1) * 2 > t->cap && siblings_grow(t) != CV_OK)
        return CV_ENOMEM;
    for (j = hash_pair(parent, name) & (t->cap - 1); t->slot[j].name;
         j = (j + 1) & (t->cap - 1))
        ;
    t->slot[j].parent = parent;
    t->slot[j].name = name;
    t->slot[j].total = 1;
    t->used++;
    *ordinal = 1;
    return CV_OK;
}

/* ---- global ---- */

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

/* ---- SAX callbacks: build nodes and notes, stop at the first limit ---- */

static struct xml_build *build_of(void *ctx)
{
    return ((xmlParserCtxtPtr)ctx)->_private;
}

static unsigned current_line(void *ctx)
{
    xmlParserCtxtPtr ctxt = ctx;
    return ctxt->input && ctxt->input->line > 0 ? (unsigned)ctxt->input->line
                                                : 0;
}

static void stop(void *ctx, struct xml_build *b, cv_status st)
{
    if (b->fail == CV_OK)
        b->fail = st;
    xmlStopParser((xmlParserCtxtPtr)ctx);
}

static void out_of_memory(void *ctx, struct xml_build *b)
{
    b->fail_line = current_line(ctx);
    stop(ctx, b, CV_ENOMEM);
}

static void refuse_doctype(void *ctx, const xmlChar *name,
                           const xmlChar *external_id,
                           const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    build_of(ctx)->doctype = true;
    xmlStopParser((xmlParserCtxtPtr)ctx);
}

static bool is_our_ns(const struct xml_build *b, const xmlChar *uri)
{
    return uri && strcmp((const char *)uri, b->dialect->ns) == 0;
}

/* The name libxml2's tree would have given the element or attribute: its
 * local name, or "prefix:local" when the prefix is bound to nothing (the
 * namespace error is libxml2's; the element is then in no namespace). */
static const char *tree_name(struct xml_build *b, const xmlChar *local,
                             const xmlChar *prefix, const xmlChar *uri)
{
    struct cv_strbuf sb;
    char *out;
    if (!prefix || uri)
        return cv_arena_strdup(b->req->arena, (const char *)local);
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s:%s", (const char *)prefix, (const char *)local);
    out = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(b->req->arena, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return out;
}

/* A note in its place; past the diagnostics' cap only counted (the list
 * would drop it anyway), so a flood of foreign elements costs nothing. */
static struct note *add_note(void *ctx, struct xml_build *b,
                             enum note_kind kind)
{
    struct note *n;
    bool after = kind == NOTE_FOREIGN;
    if (b->room == 0) {
        struct note *last = b->nnotes ? &b->notes[b->nnotes - 1] : NULL;
        if (last && last->kind == NOTE_DROPPED && last->key == b->nodes &&
            last->after == after) {
            last->count++;
            return last;
        }
        kind = NOTE_DROPPED;
    } else {
        b->room--;
    }
    if (b->nnotes == b->notes_cap) {
        size_t ncap = grown_cap(b->notes_cap, sizeof(*b->notes));
        struct note *grown =
            ncap ? realloc(b->notes, ncap * sizeof(*grown)) : NULL;
        if (!grown) {
            out_of_memory(ctx, b);
            return NULL;
        }
        b->notes = grown;
        b->notes_cap = ncap;
    }
    n = &b->notes[b->nnotes++];
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    n->after = after;
    n->key = b->nodes;
    n->count = 1;
    n->line = current_line(ctx);
    return n;
}

static const char *arena_copy(struct xml_build *b, const xmlChar *s)
{
    return s ? cv_arena_strdup(b->req->arena, (const char *)s) : NULL;
}

static void note_foreign(void *ctx, struct xml_build *b, const xmlChar *local,
                         const xmlChar *prefix, const xmlChar *uri)
{
    struct note *n = add_note(ctx, b, NOTE_FOREIGN);
    if (!n || n->kind == NOTE_DROPPED)
        return;
    n->node = b->frames.items[b->frames.count - 1].node;
    n->prefix = uri ? arena_copy(b, prefix) : NULL;
    n->name = tree_name(b, local, prefix, uri);
    n->href = arena_copy(b, uri ? uri : (const xmlChar *)"");
    if (!n->name || !n->href || (uri && prefix && !n->prefix))
        out_of_memory(ctx, b);
}

/* An element of another namespace still takes its place among the
 * siblings of its (local) name, as it did in the libxml2 tree. */
static void count_foreign(void *ctx, struct xml_build *b,
                          const xmlChar *local, const xmlChar *prefix,
                          const xmlChar *uri)
{
    const char *name = tree_name(b, local, prefix, uri);
    size_t ordinal;
    name = name ? intern_name(b, name) : NULL;
    if (!name || siblings_count(&b->siblings,
                                b->frames.items[b->frames.count - 1].node,
                                name, &ordinal) != CV_OK)
        out_of_memory(ctx, b);
}

/* The two attributes that name an XSD for the vendor's validator carry
 * nothing for the model and are only noted (nothing is fetched). */
static bool is_schema_location(const xmlChar *local, const xmlChar *uri)
{
    return uri && strcmp((const char *)uri, XSI_NS) == 0 &&
           (strcmp((const char *)local, "schemaLocation") == 0 ||
            strcmp((const char *)local, "noNamespaceSchemaLocation") == 0);
}

/* libxml2 hands attributes as five pointers each: local name, prefix,
 * namespace, value, value end. */
/* An attribute that is a value of the model: a child "@name" with the
 * value as its text, at the element's line (its path is made in the walk).
 * Counted against max_nodes and max_string_bytes like an element. */
static bool attribute_child(void *ctx, struct xml_build *b,
                            struct cv_node *element, const xmlChar **attr)
{
    const char *from = (const char *)attr[3], *to = (const char *)attr[4];
    size_t len = (size_t)(to - from);
    struct cv_strbuf sb;
    struct cv_node *n;
    if (++b->nodes > b->req->limits->max_nodes ||
        len > b->req->limits->max_string_bytes) {
        b->fail_limit = len > b->req->limits->max_string_bytes
                            ? "max_string_bytes"
                            : "max_nodes";
        b->fail_value = len > b->req->limits->max_string_bytes
                            ? b->req->limits->max_string_bytes
                            : b->req->limits->max_nodes;
        b->fail_node = element;
        b->fail_line = element->line;
        stop(ctx, b, CV_ELIMIT);
        return false;
    }
    b->nodes--; /* an attribute has no element number */
    n = cv_node_new(b->req->arena, CV_NODE_ELEMENT);
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "@%s", (const char *)attr[0]);
    if (n && cv_strbuf_status(&sb) == CV_OK)
        n->name = intern_name(b, sb.ptr);
    cv_strbuf_release(&sb);
    if (!n || !n->name ||
        !(n->text = cv_arena_strndup(b->req->arena, from, len))) {
        out_of_memory(ctx, b);
        return false;
    }
    n->text_len = len;
    n->line = element->line;
    cv_node_append(element, n);
    return true;
}

static void note_attributes(void *ctx, struct xml_build *b,
                            struct cv_node *element, int nb_attributes,
                            const xmlChar **attributes)
{
    int i;
    for (i = 0; i < nb_attributes && b->fail == CV_OK; i++) {
        const xmlChar *local = attributes[5 * i];
        const xmlChar *prefix = attributes[5 * i + 1];
        const xmlChar *uri = attributes[5 * i + 2];
        struct note *n;
        if (b->dialect->attributes && !uri) {
            attribute_child(ctx, b, element, &attributes[5 * i]);
            continue;
        }
        n = add_note(ctx, b, NOTE_ATTRIBUTE);
        if (!n || n->kind == NOTE_DROPPED)
            continue;
        n->node = element;
        n->schema_location = is_schema_location(local, uri);
        n->prefix = uri ? arena_copy(b, prefix) : NULL;
        n->name = tree_name(b, local, prefix, uri);
        if (!n->name || (uri && prefix && !n->prefix))
            out_of_memory(ctx, b);
    }
}

static void limit_hit(void *ctx, struct xml_build *b, const char *what,
                      size_t value, const char *name)
{
    b->fail_limit = what;
    b->fail_value = value;
    b->fail_parent =
        b->frames.count ? b->frames.items[b->frames.count - 1].node : NULL;
    b->fail_name = name;
    b->fail_ordinal = 0;
    if (b->fail_parent) {
        const struct sibling_count *c =
            siblings_find(&b->siblings, b->fail_parent, name);
        b->fail_ordinal = (c ? c->total : 0) + 1;
    }
    b->fail_line = current_line(ctx);
    stop(ctx, b, CV_ELIMIT);
}

static cv_status keep_ordinal(struct xml_build *b, size_t number,
                              size_t ordinal)
{
    if (number >= b->ordinal_cap) {
        size_t ncap = grown_cap(b->ordinal_cap, sizeof(*b->ordinal));
        uint32_t *grown;
        while (ncap && ncap <= number)
            ncap = grown_cap(ncap, sizeof(*b->ordinal));
        grown = ncap ? realloc(b->ordinal, ncap * sizeof(*grown)) : NULL;
        if (!grown)
            return CV_ENOMEM;
        b->ordinal = grown;
        b->ordinal_cap = ncap;
    }
    b->ordinal[number] = (uint32_t)ordinal;
    return CV_OK;
}

static cv_status push_frame(struct xml_build *b, struct cv_node *n)
{
    struct frame *f;
    if (b->frames.count == b->frames.cap) {
        size_t ncap = grown_cap(b->frames.cap, sizeof(*f));
        struct frame *grown =
            ncap ? realloc(b->frames.items, ncap * sizeof(*grown)) : NULL;
        if (!grown)
            return CV_ENOMEM;
        b->frames.items = grown;
        b->frames.cap = ncap;
    }
    f = &b->frames.items[b->frames.count++];
    f->node = n;
    cv_strbuf_init(&f->text, b->req->limits->max_string_bytes);
    return CV_OK;
}

/* An element of ours: the limits first (it is not built past them). */
static void start_ours(void *ctx, struct xml_build *b, const char *name,
                       int nb_attributes, const xmlChar **attributes)
{
    const cv_limits *lim = b->req->limits;
    struct cv_node *parent =
        b->frames.count ? b->frames.items[b->frames.count - 1].node : NULL;
    struct cv_node *n;
    size_t ordinal = 1;
    if (b->frames.count > lim->max_depth) {
        limit_hit(ctx, b, "max_depth", lim->max_depth, name);
        return;
    }
    if (++b->nodes > lim->max_nodes) {
        limit_hit(ctx, b, "max_nodes", lim->max_nodes, name);
        return;
    }
    n = cv_node_new(b->req->arena, CV_NODE_ELEMENT);
    if (!n ||
        (parent && siblings_count(&b->siblings, parent, name, &ordinal) !=
                       CV_OK) ||
        keep_ordinal(b, b->nodes, ordinal) != CV_OK ||
        push_frame(b, n) != CV_OK) {
        out_of_memory(ctx, b);
        return;
    }
    n->name = name;
    n->line = current_line(ctx);
    if (parent)
        cv_node_append(parent, n);
    else
        b->root = n;
    note_attributes(ctx, b, n, nb_attributes, attributes);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    struct xml_build *b = build_of(ctx);
    const char *name;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    if (b->fail != CV_OK || b->doctype)
        return;
    if (b->skip) {
        b->skip++;
        return;
    }
    if (!b->root_seen) {
        b->root_seen = true;
        b->root_line = current_line(ctx);
        if (!is_our_ns(b, uri) ||
            strcmp((const char *)local, b->dialect->root) != 0) {
            /* Refused once the whole document is known to be XML. */
            b->bad_root = tree_name(b, local, prefix, uri);
            b->skip = 1;
            if (!b->bad_root)
                out_of_memory(ctx, b);
            return;
        }
    } else if (b->frames.count == 0) {
        return; /* after the root: libxml2 refuses the document */
    } else if (!is_our_ns(b, uri)) {
        /* Not read, nor anything inside it: noted at its XPath. */
        note_foreign(ctx, b, local, prefix, uri);
        if (b->fail == CV_OK)
            count_foreign(ctx, b, local, prefix, uri);
        b->skip = 1;
        return;
    }
    name = intern_name(b, (const char *)local);
    if (!name) {
        out_of_memory(ctx, b);
        return;
    }
    start_ours(ctx, b, name, nb_attributes, attributes);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri)
{
    struct xml_build *b = build_of(ctx);
    struct frame *f;
    (void)local;
    (void)prefix;
    (void)uri;
    if (b->fail != CV_OK || b->doctype)
        return;
    if (b->skip) {
        b->skip--;
        return;
    }
    if (b->frames.count == 0)
        return;
    f = &b->frames.items[b->frames.count - 1];
    if (f->text.len == 0) {
        f->node->text = b->empty;
    } else {
        f->node->text = cv_arena_strndup(b->req->arena, f->text.ptr,
                                         f->text.len);
        f->node->text_len = f->text.len;
    }
    cv_strbuf_release(&f->text);
    b->frames.count--;
    if (!f->node->text)
        out_of_memory(ctx, b);
}

/* Character data, CDATA (XML_PARSE_NOCDATA makes it text) and white
 * space alike: an element's text is all of its own, in order, as the
 * text children of a libxml2 element were. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
    struct xml_build *b = build_of(ctx);
    struct frame *f;
    cv_status st;
    if (b->fail != CV_OK || b->doctype || b->skip || b->frames.count == 0 ||
        len <= 0)
        return;
    f = &b->frames.items[b->frames.count - 1];
    cv_strbuf_put(&f->text, (const char *)ch, (size_t)len);
    st = cv_strbuf_status(&f->text);
    if (st == CV_ELIMIT) {
        b->fail_limit = "max_string_bytes";
        b->fail_value = b->req->limits->max_string_bytes;
        b->fail_node = f->node;
        b->fail_line = f->node->line;
        stop(ctx, b, CV_ELIMIT);
    } else if (st != CV_OK) {
        out_of_memory(ctx, b);
    }
}

/* Only the callbacks above build anything: no xmlDoc, no comment, PI or
 * entity-reference nodes (which the questionnaire never read). */
static void install_handlers(xmlSAXHandlerPtr sax)
{
    sax->internalSubset = refuse_doctype;
    sax->externalSubset = NULL;
    sax->startDocument = NULL;
    sax->endDocument = NULL;
    sax->setDocumentLocator = NULL;
    sax->startElement = NULL;
    sax->endElement = NULL;
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_text;
    sax->cdataBlock = NULL;
    sax->comment = NULL;
    sax->processingInstruction = NULL;
    sax->reference = NULL;
    /* Declarations build a DTD (and the xmlDoc to hold it) even when the
     * document is refused: libxml2 may parse an entity declaration of a
     * malformed prolog before the DOCTYPE hook stops it. */
    sax->entityDecl = NULL;
    sax->notationDecl = NULL;
    sax->attributeDecl = NULL;
    sax->elementDecl = NULL;
    sax->unparsedEntityDecl = NULL;
}

/* Whatever libxml2 built on its own despite the handlers above (its
 * internal-subset code makes a document to hang a DTD on): ours to free,
 * or every refused DOCTYPE leaks it. */
static void free_own_doc(xmlParserCtxtPtr ctxt)
{
    if (ctxt->myDoc) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
}

/* ---- the walk: paths, then the notes' diagnostics, in document order ---- */

struct walk {
    size_t number; /* elements visited, the root being 1 */
    size_t next;   /* the first note not yet reported */
};

static cv_status limit_fail(const struct xml_build *b, const char *path,
                            unsigned line, const char *what, size_t limit)
{
    struct cv_loc loc = { b->req->source, path, line, 0 };
    cv_lang lang = b->req->diags->lang;
    return cv_diags_fail(b->req->diags, CV_ELIMIT, &loc,
                         CV_L(lang, "上限を超えました: %s (%zu)",
                              "limit exceeded: %s (%zu)"),
                         what, limit);
}

/* "parent/prefix:name" (or "parent/@prefix:name" for an attribute). */
static const char *step_path(const struct xml_build *b, const char *parent,
                             const char *at, const char *prefix,
                             const char *name)
{
    struct cv_strbuf sb;
    const char *out;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/%s%s%s%s", parent, at, prefix ? prefix : "",
                     prefix ? ":" : "", name);
    out = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(b->req->arena, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return out;
}

static cv_status report_foreign(const struct xml_build *b,
                                const struct note *n)
{
    cv_lang lang = b->req->diags->lang;
    struct cv_loc loc = { b->req->source, NULL, n->line, 0 };
    loc.path = step_path(b, n->node->path, "", n->prefix, n->name);
    if (!loc.path)
        return CV_ENOMEM;
    return cv_diags_add(b->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
                        CV_L(lang,
                             "要素 '%s' (名前空間 '%s') は%sの"
                             "ものではないため無視しました",
                             "element '%s' in namespace '%s' is not "
                             "part of %s and was ignored"),
                        n->name, n->href,
                        CV_L(lang, b->dialect->model_ja,
                             b->dialect->model_en));
}

/* The questionnaire has no attributes: each one is reported at its own
 * XPath (`.../sla/@unit`), never silently dropped. */
static cv_status report_attribute(const struct xml_build *b,
                                  const struct note *n)
{
    cv_lang lang = b->req->diags->lang;
    struct cv_loc loc = { b->req->source, NULL, n->node->line, 0 };
    loc.path = step_path(b, n->node->path, "@", n->prefix, n->name);
    if (!loc.path)
        return CV_ENOMEM;
    if (n->schema_location)
        return cv_diags_add(b->req->diags, CV_SEV_NOTE, CV_OK, &loc, "%s",
                            CV_L(lang,
                                 "スキーマの所在 (xsi 属性) は読みません "
                                 "(取得もしません)",
                                 "the schema location (xsi attribute) is "
                                 "not read, nor fetched"));
    return cv_diags_add(
        b->req->diags, CV_SEV_WARNING, CV_EINVALID, &loc,
        CV_L(lang, "属性 '%s' は%sにないため無視しました",
             "attribute '%s' is not part of %s and was ignored"),
        n->name, CV_L(lang, b->dialect->model_ja, b->dialect->model_en));
}

/* Notes past the cap: the list counts them as dropped. */
static cv_status report_dropped(const struct xml_build *b,
                                const struct note *n)
{
    size_t i;
    for (i = 0; i < n->count; i++) {
        cv_status st = cv_diags_add(b->req->diags, CV_SEV_WARNING,
                                    CV_EINVALID, NULL, "%s", "");
        if (st != CV_OK)
            return st;
    }
    return CV_OK;
}

/* Reports the notes that come before `rank` in document order: the
 * attributes of element k rank 2k, what follows its start tag 2k + 1. */
static cv_status report_notes_before(const struct xml_build *b,
                                     struct walk *w, size_t rank)
{
    while (w->next < b->nnotes) {
        const struct note *n = &b->notes[w->next];
        cv_status st;
        if (2 * n->key + (n->after ? 1 : 0) >= rank)
            break;
        w->next++;
        st = n->kind == NOTE_DROPPED   ? report_dropped(b, n)
             : n->kind == NOTE_FOREIGN ? report_foreign(b, n)
                                       : report_attribute(b, n);
        if (st != CV_OK)
            return st;
    }
    return CV_OK;
}

/* The XPath of the `ordinal`th child `name` of `parent`, with that index
 * only where the name repeats among the siblings read (for the element a
 * limit stopped at, the rest of the document is not read). */
static const char *child_path(const struct xml_build *b,
                              const struct cv_node *parent, const char *name,
                              size_t ordinal)
{
    const struct sibling_count *c =
        siblings_find(&b->siblings, parent, name);
    struct cv_strbuf sb;
    const char *out;
    size_t total = c && c->total > ordinal ? c->total : ordinal;
    size_t index = ordinal;
    cv_strbuf_init(&sb, 0);
    cv_strbuf_printf(&sb, "%s/%s", parent->path, name);
    if (total > 1)
        cv_strbuf_printf(&sb, "[%zu]", index);
    out = cv_strbuf_status(&sb) == CV_OK
              ? cv_arena_strndup(b->req->arena, sb.ptr, sb.len)
              : NULL;
    cv_strbuf_release(&sb);
    return out;
}

/* Depth is bounded by max_depth and by libxml2's own nesting limit. */
static cv_status walk_element(const struct xml_build *b, struct cv_node *n,
                              struct walk *w)
{
    size_t k = ++w->number;
    struct cv_node *ch;
    cv_status st = report_notes_before(b, w, 2 * k + 1);
    if (st != CV_OK)
        return st;
    if (n == b->fail_node)
        return limit_fail(b, n->path, b->fail_line, b->fail_limit,
                          b->fail_value);
    for (ch = n->first; ch; ch = ch->next) {
        if (ch->name[0] == '@') { /* an attribute: no element number */
            ch->path = step_path(b, n->path, "", NULL, ch->name);
            if (!ch->path)
                return CV_ENOMEM;
            continue;
        }
        ch->path = child_path(b, n, ch->name, b->ordinal[w->number + 1]);
        if (!ch->path)
            return CV_ENOMEM;
        st = walk_element(b, ch, w);
        if (st != CV_OK)
            return st;
    }
    return CV_OK;
}

/* The diagnostic of a limit hit at an element that was not built: after
 * everything before it. Its index counts the siblings read so far (the
 * rest of the document is not read). */
static cv_status report_unbuilt_limit(const struct xml_build *b,
                                      struct walk *w)
{
    const char *path = b->fail_parent
                           ? child_path(b, b->fail_parent, b->fail_name,
                                        b->fail_ordinal)
                           : b->dialect->root_path;
    cv_status st = report_notes_before(b, w, SIZE_MAX);
    if (st != CV_OK)
        return st;
    if (!path)
        return CV_ENOMEM;
    return limit_fail(b, path, b->fail_line, b->fail_limit, b->fail_value);
}

static cv_status walk_tree(struct xml_build *b)
{
    struct walk w = { 0, 0 };
    cv_status st = CV_OK;
    if (b->root) {
        b->root->path = b->dialect->root_path;
        st = walk_element(b, b->root, &w);
    }
    if (st == CV_OK && b->fail == CV_ELIMIT)
        st = report_unbuilt_limit(b, &w);
    if (st == CV_OK)
        st = report_notes_before(b, &w, SIZE_MAX);
    return st;
}

/* ---- entry ---- */

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

static cv_status parse_error(const struct xml_build *b,
                             xmlParserCtxtPtr ctxt)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    struct cv_loc loc = { b->req->source, "", 0, 0 };
    if (b->doctype)
        loc.line = (unsigned)ctxt->input->line;
    return cv_load_xml_fail(b->req->diags, &loc, b->doctype,
                            e ? e->message : NULL, e ? e->line : 0,
                            e ? e->int2 : 0);
}

/* Memory ran out (ours or libxml2's) while reading: said where, so the
 * submission is invalid with a reason instead of ending the run. */
static cv_status nomem_fail(const struct xml_build *b, unsigned line)
{
    struct cv_loc loc = { b->req->source, "", line, 0 };
    cv_lang lang = b->req->diags->lang;
    return cv_diags_fail(b->req->diags, CV_ENOMEM, &loc, "%s",
                         CV_L(lang,
                              "メモリが足りず XML を読み切れませんでした "
                              "(メモリの割り当てに失敗しました)",
                              "out of memory while reading the XML (a "
                              "memory allocation failed)"));
}

static cv_status root_fail(const struct xml_build *b)
{
    struct cv_loc loc = { b->req->source, "", b->root_line, 0 };
    cv_lang lang = b->req->diags->lang;
    if (!b->root_seen) {
        loc.line = 0;
        return cv_diags_fail(b->req->diags, CV_EPARSE, &loc, "%s",
                             CV_L(lang, "ルート要素がありません",
                                  "no root element"));
    }
    return cv_diags_fail(
        b->req->diags, CV_EINVALID, &loc,
        CV_L(lang,
             "ルート要素は名前空間 '%s' の <%s> でなければなりません "
             "(実際: <%s>)",
             "the root element must be <%s> in namespace '%s' (found "
             "<%s>)"),
        CV_L(lang, b->dialect->ns, b->dialect->root),
        CV_L(lang, b->dialect->root, b->dialect->ns), b->bad_root);
}

/* Ours or libxml2's; *line is where the parser was. */
static bool ran_out_of_memory(const struct xml_build *b,
                              xmlParserCtxtPtr ctxt, unsigned *line)
{
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    *line = b->fail == CV_ENOMEM ? b->fail_line : current_line(ctxt);
    return b->fail == CV_ENOMEM || ctxt->errNo == XML_ERR_NO_MEMORY ||
           (e && e->code == XML_ERR_NO_MEMORY);
}

/* What the parse came to, in the order a reader of the whole document
 * would find it: a DOCTYPE, a well-formedness error, the root, then the
 * walk (which reports a limit at its place). */
static cv_status finish(struct xml_build *b, xmlParserCtxtPtr ctxt)
{
    if (b->doctype)
        return parse_error(b, ctxt);
    /* Stopping the parser leaves wellFormed alone: an error before the
     * element a limit stopped at still wins, as it did. */
    if (!ctxt->wellFormed)
        return parse_error(b, ctxt);
    if (!b->root_seen || b->bad_root)
        return root_fail(b);
    return walk_tree(b);
}

/* A parser over the bytes, as xmlCtxtReadMemory makes it (libxml2 keeps
 * its own copy: it may have to convert the encoding). */
static xmlParserCtxtPtr new_context(const struct cv_load_req *req)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlParserInputBufferPtr input;
    xmlParserInputPtr stream;
    if (!ctxt)
        return NULL;
    input = xmlParserInputBufferCreateMem(req->buf ? req->buf : "",
                                          (int)req->len,
                                          XML_CHAR_ENCODING_NONE);
    stream = input ? xmlNewIOInputStream(ctxt, input, XML_CHAR_ENCODING_NONE)
                   : NULL;
    if (!stream) {
        if (input)
            xmlFreeParserInputBuffer(input);
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    if (inputPush(ctxt, stream) < 0) {
        xmlFreeInputStream(stream);
        xmlFreeParserCtxt(ctxt);
        return NULL;
    }
    return ctxt;
}

static void release_build(struct xml_build *b)
{
    size_t i;
    for (i = 0; i < b->frames.count; i++)
        cv_strbuf_release(&b->frames.items[i].text);
    free(b->frames.items);
    free(b->names.slot);
    free(b->siblings.slot);
    free(b->notes);
    free(b->ordinal);
}

static cv_status load_dialect(struct cv_node **out,
                              const struct cv_load_req *req,
                              const struct xml_dialect *dialect)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlGenericErrorFunc saved_error;
    void *saved_error_ctx;
    struct xml_build b;
    unsigned line;
    cv_status st = CV_OK;
    cv_lang lang = req->diags->lang;
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR |
               XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

    *out = NULL;
    memset(&b, 0, sizeof(b));
    b.req = req;
    b.dialect = dialect;
    b.room = req->diags->max > req->diags->count
                 ? req->diags->max - req->diags->count
                 : 0;
    if (req->len > (size_t)INT32_MAX) {
        struct cv_loc loc = { req->source, "", 0, 0 };
        return cv_diags_fail(req->diags, CV_ELIMIT, &loc, "%s",
                             CV_L(lang, "XML が大きすぎます",
                                  "XML document too large"));
    }
    b.empty = cv_arena_strdup(req->arena, "");
    if (!b.empty)
        return nomem_fail(&b, 0);
    /* Silence for this parse only: the handler is libxml2's per-thread
     * state, and the program around us may have set its own. */
    saved_error = xmlGenericError;
    saved_error_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_error);
    ctxt = new_context(req);
    if (!ctxt) {
        xmlSetGenericErrorFunc(saved_error_ctx, saved_error);
        return nomem_fail(&b, 0);
    }
    xmlCtxtUseOptions(ctxt, opts);
    install_handlers(ctxt->sax);
    ctxt->_private = &b;
    xmlParseDocument(ctxt);
    free_own_doc(ctxt);
    xmlSetGenericErrorFunc(saved_error_ctx, saved_error);
    if (ran_out_of_memory(&b, ctxt, &line)) {
        /* Everything of the parse is freed first: the diagnostic needs
         * a little memory, and the caller frees the arena. */
        release_build(&b);
        xmlFreeParserCtxt(ctxt);
        return nomem_fail(&b, line);
    }
    st = finish(&b, ctxt);
    if (st == CV_OK)
        *out = b.root;
    release_build(&b);
    xmlFreeParserCtxt(ctxt);
    return st;
}

cv_status cv_load_xml(struct cv_node **out, const struct cv_load_req *req)
{
    return load_dialect(out, req, &questionnaire_dialect);
}

cv_status cv_load_xml_oscal(struct cv_node **out,
                            const struct cv_load_req *req)
{
    return load_dialect(out, req, &oscal_ssp_dialect);
}
