/* SPDX-License-Identifier: MIT */
/*
 * fuzz_json.c: the JSON reader (load/load_json.c, jansson underneath).
 *
 * The bytes are one submission. Whatever they are, cv_load_json returns a
 * status, says why it failed in a diagnostic, and on success hands back a
 * tree that keeps every promise of base/node.h within the limits. Limits
 * are smaller than the defaults so that the fuzzer reaches each of them
 * instead of spending its time allocating.
 *
 * The bytes are then read again with limits no input of the fuzzer's
 * size reaches and compared with jansson (still a dependency, for
 * report.json), which holds the same rules: RFC 8259, valid UTF-8, no
 * NUL, no duplicate key, integers within 64 bits, no real overflow. Both
 * must accept or both refuse, and accepted documents must be the same
 * values. Two differences are on purpose: a UTF-8 byte order mark, which
 * our reader skips, is removed before jansson sees the bytes, and a NUL
 * byte, which jansson takes for the end of the input, must be refused.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "fuzz.h"
#include "fuzz_util.h"
#include "load/load.h"

static const cv_limits limits = {
    (size_t)1 << 20, /* max_input_bytes (not the loader's business) */
    16u,             /* max_depth */
    (size_t)4096,    /* max_nodes */
    (size_t)4096,    /* max_string_bytes */
    (size_t)32,      /* max_diagnostics */
    (uint32_t)10000  /* regex_match_limit (unused here) */
};

/* Room for anything the fuzzer writes (its inputs are a few KiB). */
static const cv_limits roomy = {
    (size_t)1 << 30, 1000u, (size_t)1 << 24, (size_t)1 << 30, (size_t)32,
    (uint32_t)10000
};

/* Our node and jansson's value are the same JSON value. */
static void same_value(const struct cv_node *n, const json_t *j)
{
    const struct cv_node *c;
    size_t i = 0;
    switch (n->kind) {
    case CV_NODE_NULL:
        FUZZ_CHECK(json_is_null(j));
        break;
    case CV_NODE_BOOL:
        FUZZ_CHECK(json_is_boolean(j) && n->boolean == json_is_true(j));
        break;
    case CV_NODE_NUMBER:
        FUZZ_CHECK(json_is_number(j) && n->number == json_number_value(j));
        break;
    case CV_NODE_STRING:
        FUZZ_CHECK(json_is_string(j) &&
                   n->text_len == json_string_length(j) &&
                   memcmp(n->text, json_string_value(j), n->text_len) == 0);
        break;
    case CV_NODE_ARRAY:
        FUZZ_CHECK(json_is_array(j) && n->count == json_array_size(j));
        for (c = n->first; c; c = c->next)
            same_value(c, json_array_get(j, i++));
        break;
    case CV_NODE_OBJECT:
        FUZZ_CHECK(json_is_object(j) && n->count == json_object_size(j));
        for (c = n->first; c; c = c->next) {
            const json_t *m = json_object_get(j, c->name);
            FUZZ_CHECK(m != NULL);
            same_value(c, m);
        }
        break;
    default:
        FUZZ_CHECK(!"a JSON tree holds no XML element");
    }
}

static void compare_with_jansson(const uint8_t *data, size_t size)
{
    struct cv_arena arena;
    struct cv_diags diags;
    struct cv_load_req req;
    struct cv_node *tree = NULL;
    json_error_t err;
    json_t *root;
    cv_status st;

    cv_arena_init(&arena);
    cv_diags_init(&diags, &arena, CV_LANG_EN, 4);
    req.source = "fuzz.json";
    req.buf = (const char *)data;
    req.len = size;
    req.limits = &roomy;
    req.arena = &arena;
    req.diags = &diags;
    st = cv_load_json(&tree, &req);
    if (memchr(data, '\0', size)) {
        /* No JSON text holds a NUL byte (in a string it would be a raw
         * control character); jansson takes one for the end of input. */
        FUZZ_CHECK(st != CV_OK);
        cv_arena_release(&arena);
        return;
    }
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    root = json_loadb((const char *)data, size,
                      JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
    if (st != CV_ELIMIT && (st == CV_OK) != (root != NULL)) {
        fprintf(stderr, "cloudvet: %s; jansson: %s\n",
                diags.count ? diags.items[0].message : "accepted",
                root ? "accepted" : err.text);
        FUZZ_CHECK(!"the readers disagree");
    }
    if (st == CV_OK && root)
        same_value(tree, root);
    json_decref(root);
    cv_arena_release(&arena);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_check_loader(cv_load_json, "fuzz.json", data, size, &limits);
    compare_with_jansson(data, size);
    return 0;
}
