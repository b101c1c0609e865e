/* SPDX-License-Identifier: MIT */
/*
 * cloudvet_record.c: a run's record (docs/record.md) read back through
 * the public API, for `cloudvet verify`.
 *
 * The record is ours, but the directory it comes in may be anyone's, so
 * it is read like any foreign file: by the strict JSON reader of load/,
 * within bounds of its own (a record of 20 000 inputs is about 5 MB and
 * 200 000 values; far more is not ours and would only cost memory), and
 * every name it gives for a file of the set must be a plain file name.
 *
 * Only what would make the record not a record is refused (not JSON, over
 * the bounds, another format). A member of the wrong type is kept as
 * "not usable" (NULL, 0) so that verify names it as a difference, as it
 * names every other: one bad entry must not hide what else differs.
 * Everything is collected into arrays once, at open, so that verify's
 * loops over twenty thousand entries stay linear.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/io.h"
#include "internal.h"
#include "load/load.h"

#define RECORD_FORMAT "cloudvet-record/1"
#define SIGNATURE_FORMAT "cloudvet-signature/1"
#define SIGNATURE_ALGORITHM "ed25519"
#define RECORD_MAX_BYTES ((size_t)32 << 20)
#define RECORD_MAX_VALUES ((size_t)1000000)
/* 16 levels of nesting: the reader counts the root as depth 0. */
#define RECORD_MAX_DEPTH 15u

/* The pinned files other than the inputs, in the order verify checks
 * them (and docs/record.md lists them). */
static const char *const pinned_kinds[] = { "tender", "decisions", "mapping",
                                            "registry" };
#define NPINNED (sizeof(pinned_kinds) / sizeof(pinned_kinds[0]))

struct cv_record {
    struct cv_arena arena;
    char *bytes; /* the file as read (malloc'ed) */
    size_t len;
    bool has_outputs;
    cv_record_output *outputs;
    size_t noutputs;
    cv_record_input *inputs;
    size_t ninputs;
    cv_record_input pinned[NPINNED];
    size_t npinned;
    bool online;
    bool has_args;
    const char **args; /* NULL for an argument that is not a string */
    size_t nargs;
};

/* ---- reading ---------------------------------------------------------- */

/* The bounds of a record (and of its signature file), whatever the
 * ctx's input limits are: verify is not evaluate's options. */
static cv_limits record_limits(const cv_ctx *ctx)
{
    cv_limits lim = ctx->opts.limits;
    lim.max_input_bytes = RECORD_MAX_BYTES;
    lim.max_nodes = RECORD_MAX_VALUES;
    lim.max_depth = RECORD_MAX_DEPTH;
    return lim;
}

static cv_status parse_tree(struct cv_node **root, cv_ctx *ctx,
                            const char *source, const char *buf, size_t len,
                            struct cv_arena *a)
{
    cv_limits lim = record_limits(ctx);
    struct cv_load_req req;
    req.source = source;
    req.buf = buf;
    req.len = len;
    req.limits = &lim;
    req.arena = a;
    req.diags = &ctx->diags;
    return cv_load_json(root, &req);
}

/* Refuses a document whose `format` is not `want`, located at the
 * member (or at the document when there is none). */
static cv_status check_format(cv_ctx *ctx, const char *source,
                              const struct cv_node *root, const char *want,
                              const char *ja, const char *en)
{
    const struct cv_node *f =
        root->kind == CV_NODE_OBJECT ? cv_node_member(root, "format") : NULL;
    const struct cv_node *at = f ? f : root;
    struct cv_loc loc;
    if (f && f->kind == CV_NODE_STRING && strcmp(f->text, want) == 0)
        return CV_OK;
    loc.source = source;
    loc.path = at->path ? at->path : "";
    loc.line = at->line;
    loc.column = at->column;
    return cv_diags_fail(&ctx->diags, CV_EINVALID, &loc, "%s",
                         CV_L(ctx->opts.lang, ja, en));
}

/* ---- what verify reads ------------------------------------------------ */

static const char *string_member(const struct cv_node *obj, const char *name)
{
    return obj && obj->kind == CV_NODE_OBJECT ? cv_node_str(obj, name) : NULL;
}

/* A name of a file in DIR: plain, no directory, never "." or "..". */
static bool plain_name(const char *name)
{
    return name && name[0] && strchr(name, '/') == NULL &&
           strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* A size as the record writes it: digits only (no sign, fraction or
 * exponent), within 64 bits. */
static bool size_value(const struct cv_node *n, uint64_t *out)
{
    const char *s;
    uint64_t v = 0;
    if (!n || n->kind != CV_NODE_NUMBER || !n->text || !n->text[0])
        return false;
    for (s = n->text; *s; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

static void read_output(cv_record_output *o, const struct cv_node *entry)
{
    const char *name = string_member(entry, "name");
    memset(o, 0, sizeof(*o));
    o->name = plain_name(name) ? name : NULL;
    o->format = string_member(entry, "format");
    o->sha256 = string_member(entry, "sha256");
    o->has_bytes = entry && entry->kind == CV_NODE_OBJECT &&
                   size_value(cv_node_member(entry, "bytes"), &o->bytes);
    o->valid = o->name && o->sha256 && o->has_bytes;
}

static void read_input(cv_record_input *in, const char *kind,
                       const struct cv_node *entry)
{
    const char *file = string_member(entry, "file");
    in->kind = kind;
    in->file = file && file[0] ? file : NULL;
    in->sha256 = string_member(entry, "sha256");
}

/* The items of `arr` (an array node) as an array of `size`-byte slots in
 * the arena; NULL with *n 0 when empty. false when out of memory. */
static bool slots(struct cv_arena *a, const struct cv_node *arr, size_t size,
                  void **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!arr || arr->kind != CV_NODE_ARRAY || arr->count == 0)
        return true;
    *out = cv_arena_calloc(a, arr->count, size);
    if (!*out)
        return false;
    *n = arr->count;
    return true;
}

static cv_status collect_outputs(cv_record *rec, const struct cv_node *root)
{
    const struct cv_node *files = cv_node_member(root, "files"), *it;
    void *mem;
    size_t i = 0;
    rec->has_outputs = files && files->kind == CV_NODE_ARRAY;
    if (!slots(&rec->arena, files, sizeof(cv_record_output), &mem,
               &rec->noutputs))
        return CV_ENOMEM;
    rec->outputs = mem;
    for (it = rec->noutputs ? files->first : NULL; it && i < rec->noutputs;
         it = it->next)
        read_output(&rec->outputs[i++], it);
    rec->noutputs = i;
    return CV_OK;
}

static cv_status collect_inputs(cv_record *rec, const struct cv_node *root)
{
    const struct cv_node *inputs = cv_node_member(root, "inputs"), *it;
    void *mem;
    size_t i = 0, k;
    if (!slots(&rec->arena, inputs, sizeof(cv_record_input), &mem,
               &rec->ninputs))
        return CV_ENOMEM;
    rec->inputs = mem;
    for (it = rec->ninputs ? inputs->first : NULL; it && i < rec->ninputs;
         it = it->next)
        read_input(&rec->inputs[i++], "input", it);
    rec->ninputs = i;
    for (k = 0; k < NPINNED; k++) {
        const struct cv_node *e = cv_node_member(root, pinned_kinds[k]);
        if (e && e->kind == CV_NODE_OBJECT)
            read_input(&rec->pinned[rec->npinned++], pinned_kinds[k], e);
    }
    return CV_OK;
}

static cv_status collect_invocation(cv_record *rec, const struct cv_node *root)
{
    const struct cv_node *inv = cv_node_member(root, "invocation");
    const struct cv_node *args = NULL, *it;
    void *mem;
    size_t i = 0;
    bool online = false;
    if (inv && inv->kind == CV_NODE_OBJECT) {
        rec->online = cv_node_bool(inv, "online", &online) && online;
        args = cv_node_member(inv, "args");
    }
    rec->has_args = args && args->kind == CV_NODE_ARRAY;
    if (!slots(&rec->arena, args, sizeof(const char *), &mem, &rec->nargs))
        return CV_ENOMEM;
    rec->args = mem;
    for (it = rec->nargs ? args->first : NULL; it && i < rec->nargs;
         it = it->next)
        rec->args[i++] = it->kind == CV_NODE_STRING ? it->text : NULL;
    rec->nargs = i;
    return CV_OK;
}

/* ---- the API ------------------------------------------------------------ */

cv_status cv_record_open(cv_record **out, cv_ctx *ctx, const char *path)
{
    cv_record *rec = NULL;
    struct cv_node *root = NULL;
    const char *source;
    cv_status st;

    if (out)
        *out = NULL;
    if (!out || !ctx || !path)
        return CV_EUSAGE;
    rec = calloc(1, sizeof(*rec));
    if (!rec)
        return CV_ENOMEM;
    cv_arena_init(&rec->arena);
    source = cv_arena_strdup(&rec->arena, path);
    st = source ? cv_io_read_file(&rec->bytes, &rec->len, source,
                                  RECORD_MAX_BYTES, &ctx->diags)
                : CV_ENOMEM;
    if (st == CV_OK)
        st = parse_tree(&root, ctx, source, rec->bytes, rec->len,
                        &rec->arena);
    if (st == CV_OK)
        st = check_format(ctx, source, root, RECORD_FORMAT,
                          "format が \"" RECORD_FORMAT "\" ではありません",
                          "format is not \"" RECORD_FORMAT "\"");
    if (st == CV_OK)
        st = collect_outputs(rec, root);
    if (st == CV_OK)
        st = collect_inputs(rec, root);
    if (st == CV_OK)
        st = collect_invocation(rec, root);
    if (st != CV_OK)
        goto fail;
    *out = rec;
    return CV_OK;
fail:
    cv_record_free(rec);
    return st;
}

void cv_record_free(cv_record *rec)
{
    if (!rec)
        return;
    cv_arena_release(&rec->arena);
    free(rec->bytes);
    free(rec);
}

const void *cv_record_bytes(const cv_record *rec, size_t *len)
{
    if (len)
        *len = rec ? rec->len : 0;
    return rec ? rec->bytes : NULL;
}

int cv_record_has_outputs(const cv_record *rec)
{
    return rec && rec->has_outputs;
}

size_t cv_record_output_count(const cv_record *rec)
{
    return rec ? rec->noutputs : 0;
}

cv_status cv_record_output_at(const cv_record *rec, size_t i,
                              cv_record_output *out)
{
    if (!rec || !out || i >= rec->noutputs)
        return CV_EUSAGE;
    *out = rec->outputs[i];
    return CV_OK;
}

size_t cv_record_input_count(const cv_record *rec)
{
    return rec ? rec->ninputs : 0;
}

cv_status cv_record_input_at(const cv_record *rec, size_t i,
                             cv_record_input *out)
{
    if (!rec || !out || i >= rec->ninputs)
        return CV_EUSAGE;
    *out = rec->inputs[i];
    return CV_OK;
}

size_t cv_record_pinned_count(const cv_record *rec)
{
    return rec ? rec->npinned : 0;
}

cv_status cv_record_pinned_at(const cv_record *rec, size_t i,
                              cv_record_input *out)
{
    if (!rec || !out || i >= rec->npinned)
        return CV_EUSAGE;
    *out = rec->pinned[i];
    return CV_OK;
}

int cv_record_online(const cv_record *rec)
{
    return rec && rec->online;
}

int cv_record_has_args(const cv_record *rec)
{
    return rec && rec->has_args;
}

size_t cv_record_arg_count(const cv_record *rec)
{
    return rec ? rec->nargs : 0;
}

const char *cv_record_arg_at(const cv_record *rec, size_t i)
{
    return rec && i < rec->nargs ? rec->args[i] : NULL;
}

cv_status cv_record_signature_parse(cv_record *rec, cv_ctx *ctx,
                                    const char *source, const void *buf,
                                    size_t len, cv_record_signature *out)
{
    struct cv_node *root = NULL;
    const char *algorithm, *key, *sig;
    struct cv_loc loc = { source, "", 0, 0 };
    cv_status st;

    if (!rec || !ctx || !source || (!buf && len) || !out)
        return CV_EUSAGE;
    memset(out, 0, sizeof(*out));
    st = parse_tree(&root, ctx, source, buf ? buf : "", len, &rec->arena);
    if (st == CV_OK)
        st = check_format(ctx, source, root, SIGNATURE_FORMAT,
                          "format が \"" SIGNATURE_FORMAT "\" ではありません",
                          "format is not \"" SIGNATURE_FORMAT "\"");
    if (st != CV_OK)
        return st;
    algorithm = cv_node_str(root, "algorithm");
    key = cv_node_str(root, "public_key");
    sig = cv_node_str(root, "signature");
    if (!algorithm || strcmp(algorithm, SIGNATURE_ALGORITHM) != 0 || !key ||
        !sig) {
        const struct cv_node *at = cv_node_member(root, "algorithm");
        if (!at || (algorithm && strcmp(algorithm, SIGNATURE_ALGORITHM) == 0))
            at = root;
        loc.path = at->path ? at->path : "";
        loc.line = at->line;
        loc.column = at->column;
        return cv_diags_fail(
            &ctx->diags, CV_EINVALID, &loc, "%s",
            CV_L(ctx->opts.lang,
                 "algorithm \"ed25519\" と、文字列の public_key と "
                 "signature が必要です",
                 "needs algorithm \"ed25519\" and public_key and signature "
                 "as strings"));
    }
    out->public_key = key;
    out->signature = sig;
    return CV_OK;
}
