/* SPDX-License-Identifier: MIT */
/*
 * load_json.c: JSON bytes -> cv_node, by a strict RFC 8259 reader of our
 * own that builds the tree directly in the document arena.
 *
 * Why not a library: every diagnostic and evidence quote must point into
 * the vendor's file, so every value needs its line and column, and the
 * reader is the hot path of batch scoring. jansson keeps no positions and
 * parses at ~35 MB/s into its own tree that we then copied; jsmn keeps
 * byte offsets but accepts invalid JSON (trailing commas, bare words,
 * raw control characters), decodes nothing and validates no UTF-8; cJSON
 * and json-c keep no positions. A reader that does exactly what the
 * questionnaire needs is small, and it is held to the JSONTestSuite
 * corpus, the hostile-input tests and a fuzzer (tests/fuzz/fuzz_json.c).
 *
 * What it guarantees: the text is one JSON value (RFC 8259) surrounded by
 * white space; strings are valid UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF) with escapes decoded and no NUL; object keys
 * are unique; numbers follow the grammar and fit a double (integers also
 * a 64-bit integer); nesting, value count and string size stay within the
 * cv_limits. Every node carries its JSON Pointer and the line and column
 * (1-based, in code points) where the value starts. It never recurses
 * deeper than max_depth and works in time linear in the input, whatever
 * the input (duplicate keys are found by hashing in large objects).
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/unicode.h"
#include "load.h"

struct reader {
    const struct cv_load_req *req;
    const unsigned char *p;   /* next byte */
    const unsigned char *end;
    unsigned line;            /* of `p` */
    const unsigned char *col_at; /* column known up to here ... */
    unsigned col;                /* ... and it is this */
    size_t nodes;
};

/* ---- positions ---- */

/* The column of `at` on the current line: code points counted forward
 * from the last known point, so minified one-line JSON stays linear. */
static unsigned column_at(struct reader *r, const unsigned char *at)
{
    for (; r->col_at < at; r->col_at++)
        if ((*r->col_at & 0xC0) != 0x80)
            r->col++;
    return r->col;
}

static void new_line(struct reader *r, const unsigned char *after_nl)
{
    r->line++;
    r->col_at = after_nl;
    r->col = 1;
}

static void skip_space(struct reader *r)
{
    while (r->p < r->end) {
        unsigned char c = *r->p;
        if (c == '\n') {
            r->p++;
            new_line(r, r->p);
        } else if (c == ' ' || c == '\t' || c == '\r') {
            r->p++;
        } else {
            return;
        }
    }
}

/* ---- errors ---- */

static cv_status fail_pos(struct reader *r, unsigned line, unsigned column,
                          cv_status code, const char *path, const char *fmt,
                          ...) CV_PRINTF(6, 7);

static cv_status fail_pos(struct reader *r, unsigned line, unsigned column,
                          cv_status code, const char *path, const char *fmt,
                          ...)
{
    struct cv_loc loc = { r->req->source, path, line, column };
    cv_lang lang = r->req->diags->lang;
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (code == CV_ELIMIT)
        return cv_diags_fail(r->req->diags, code, &loc,
                             CV_L(lang, "上限を超えました: %s",
                                  "limit exceeded: %s"),
                             what);
    return cv_diags_fail(r->req->diags, code, &loc,
                         CV_L(lang, "JSON として読めません: %s",
                              "not valid JSON: %s"),
                         what);
}

/* An error at `at` on the current line; the two texts are literal
 * formats, checked by the compiler through the macro. */
#define FAIL(r, at, code, path, ja, en, ...)                                  \
    fail_pos((r), (r)->line, column_at((r), (at)), (code), (path),            \
             CV_L((r)->req->diags->lang, ja, en), __VA_ARGS__)

/* "expected X, found Y" for the byte (or the end) at r->p. */
static cv_status unexpected(struct reader *r, const char *path,
                            const char *expected_en, const char *expected_ja)
{
    char found[32];
    if (r->p >= r->end)
        snprintf(found, sizeof(found), "%s", "end of file");
    else if (*r->p >= 0x20 && *r->p < 0x7F)
        snprintf(found, sizeof(found), "'%c'", *r->p);
    else
        snprintf(found, sizeof(found), "byte 0x%02X", *r->p);
    return FAIL(r, r->p, CV_EPARSE, path, "%s が必要ですが %s がありました",
                "expected %s, found %s",
                CV_L(r->req->diags->lang, expected_ja, expected_en), found);
}

/* ---- strings ---- */

static int hex4(const unsigned char *s, const unsigned char *end,
                unsigned *out)
{
    unsigned v = 0;
    int i;
    if (end - s < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        unsigned char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* \uXXXX at r->p (after the backslash and 'u'), a surrogate pair taken
 * whole; the code point goes to *cp. */
static cv_status read_unicode_escape(struct reader *r, const char *path,
                                     unsigned *cp)
{
    const unsigned char *at = r->p - 2;
    unsigned lo;
    if (hex4(r->p, r->end, cp) != 0)
        return FAIL(r, at, CV_EPARSE, path, "\\u の後に 16 進 4 桁が必要です%s",
                       "\\u needs four hex digits%s", "");
    r->p += 4;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return FAIL(r, at, CV_EPARSE, path, "対のないサロゲート \\u%s",
                       "unpaired surrogate \\u%s", "");
    if (*cp >= 0xD800 && *cp <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
            hex4(r->p + 2, r->end, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
            return FAIL(r, at, CV_EPARSE, path, "対のないサロゲート \\u%s",
                           "unpaired surrogate \\u%s", "");
        r->p += 6;
        *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    if (*cp == 0)
        return FAIL(r, at, CV_EPARSE, path,
                       "文字列に \\u0000 は使えません%s",
                       "\\u0000 is not allowed in a string%s", "");
    return CV_OK;
}

static cv_status read_escape(struct reader *r, const char *path, char *o,
                             size_t *olen)
{
    unsigned char c;
    unsigned cp = 0; /* set on CV_OK only; 0 keeps gcc -O3 quiet */
    cv_status st;
    r->p++; /* the backslash */
    if (r->p >= r->end)
        return unexpected(r, path, "an escape", "エスケープ");
    c = *r->p++;
    switch (c) {
    case '"': case '\\': case '/': o[0] = (char)c; break;
    case 'b': o[0] = '\b'; break;
    case 'f': o[0] = '\f'; break;
    case 'n': o[0] = '\n'; break;
    case 'r': o[0] = '\r'; break;
    case 't': o[0] = '\t'; break;
    case 'u':
        st = read_unicode_escape(r, path, &cp);
        if (st != CV_OK)
            return st;
        *olen = put_utf8(o, cp);
        return CV_OK;
    default:
        r->p -= 2;
        return FAIL(r, r->p, CV_EPARSE, path, "不正なエスケープ '\\%s'",
                       "invalid escape '\\%s'",
                       c >= 0x20 && c < 0x7F ? (char[2]){ (char)c, 0 } : "?");
    }
    *olen = 1;
    return CV_OK;
}

/*
 * The string at r->p (on its opening quote), decoded into the arena. The
 * decoded text is never longer than the raw text, so one allocation of
 * the raw length holds it; runs of plain bytes are copied whole.
 */
static cv_status read_string(struct reader *r, const char *path,
                             const char **out, size_t *out_len)
{
    const unsigned char *start = r->p++, *run;
    const cv_limits *lim = r->req->limits;
    size_t cap, len = 0;
    char *text;
    const unsigned char *close = memchr(r->p, '"', (size_t)(r->end - r->p));
    /* Upper bound for the allocation: up to the last quote of the file
     * would be too much, so grow when an escaped quote hides the end. */
    cap = close ? (size_t)(close - r->p) + 1 : (size_t)(r->end - r->p) + 1;
    text = cv_arena_alloc(r->req->arena, cap);
    if (!text)
        return CV_ENOMEM;
    for (;;) {
        for (run = r->p; r->p < r->end; r->p++) {
            unsigned char c = *r->p;
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
        }
        if (r->p > run) {
            size_t n = (size_t)(r->p - run);
            if (len + n + 1 > cap) {
                size_t ncap = (len + n + 1) * 2;
                char *t = cv_arena_grow(r->req->arena, text, cap, ncap, 1);
                if (!t)
                    return CV_ENOMEM;
                text = t;
                cap = ncap;
            }
            memcpy(text + len, run, n);
            len += n;
        }
        if (r->p >= r->end)
            return FAIL(r, start, CV_EPARSE, path, "文字列が閉じていません%s",
                           "unterminated string%s", "");
        if (*r->p == '"') {
            r->p++;
            break;
        }
        if (len + 5 > cap) {
            size_t ncap = cap * 2 + 8;
            char *t = cv_arena_grow(r->req->arena, text, cap, ncap, 1);
            if (!t)
                return CV_ENOMEM;
            text = t;
            cap = ncap;
        }
        if (*r->p == '\\') {
            size_t n = 0;
            cv_status st = read_escape(r, path, text + len, &n);
            if (st != CV_OK)
                return st;
            len += n;
        } else if (*r->p < 0x20) {
            char code[8];
            snprintf(code, sizeof(code), "%04X", *r->p);
            if (*r->p == '\0')
                return FAIL(r, r->p, CV_EPARSE, path,
                               "NUL バイトがあります%s", "a NUL byte%s", "");
            return FAIL(r, r->p, CV_EPARSE, path,
                           "文字列に制御文字 U+%s があります (\\n などで書きます)",
                           "control character U+%s in a string (write it "
                           "as an escape)",
                           code);
        } else {
            size_t n = cv_utf8_sequence(r->p, (size_t)(r->end - r->p));
            if (n == 0) {
                char byte[8];
                snprintf(byte, sizeof(byte), "0x%02X", *r->p);
                return FAIL(r, r->p, CV_EPARSE, path,
                               "UTF-8 として読めません (unable to decode byte %s)",
                               "invalid UTF-8 (unable to decode byte %s)",
                               byte);
            }
            memcpy(text + len, r->p, n);
            len += n;
            r->p += n;
        }
        if (len > lim->max_string_bytes)
            break;
    }
    if (len > lim->max_string_bytes)
        return FAIL(r, start, CV_ELIMIT, path,
                       "文字列の長さ max_string_bytes (%zu)",
                       "string length max_string_bytes (%zu)",
                       lim->max_string_bytes);
    text[len] = '\0';
    *out = text;
    *out_len = len;
    return CV_OK;
}

/* ---- numbers and literals ---- */

static const unsigned char *digits(const unsigned char *p,
                                   const unsigned char *end)
{
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    return p;
}

/* RFC 8259 number grammar: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static const unsigned char *number_end(const unsigned char *p,
                                       const unsigned char *end, bool *real)
{
    const unsigned char *d;
    *real = false;
    if (p < end && *p == '-')
        p++;
    if (p < end && *p == '0')
        p++;
    else if (p < end && *p >= '1' && *p <= '9')
        p = digits(p, end);
    else
        return NULL;
    if (p < end && *p == '.') {
        d = digits(p + 1, end);
        if (d == p + 1)
            return NULL;
        p = d;
        *real = true;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        d = digits(p, end);
        if (d == p)
            return NULL;
        p = d;
        *real = true;
    }
    return p;
}

static cv_status read_number(struct reader *r, const char *path,
                             struct cv_node *n)
{
    const unsigned char *start = r->p;
    bool real;
    const unsigned char *e = number_end(r->p, r->end, &real);
    char *text;
    size_t len;
    if (!e)
        return FAIL(r, start, CV_EPARSE, path, "数値の書き方が不正です%s",
                       "malformed number%s", "");
    len = (size_t)(e - start);
    text = cv_arena_strndup(r->req->arena, (const char *)start, len);
    if (!text)
        return CV_ENOMEM;
    if (!real) {
        /* Integers must also fit 64 bits (what other readers keep). */
        errno = 0;
        (void)strtoll(text, NULL, 10);
        if (errno == ERANGE)
            return FAIL(r, start, CV_EPARSE, path,
                           "整数が大きすぎます (too big integer)%s",
                           "too big integer%s", "");
    }
    /* The grammar above is also strtod's in the C locale; the library
     * never changes the locale. */
    n->number = strtod(text, NULL);
    if (isinf(n->number))
        return FAIL(r, start, CV_EPARSE, path,
                       "実数があふれます (real number overflow)%s",
                       "real number overflow%s", "");
    n->text = text;
    n->text_len = len;
    r->p = e;
    return CV_OK;
}

static cv_status read_literal(struct reader *r, const char *path,
                              struct cv_node *n)
{
    static const struct {
        const char *word;
        enum cv_node_kind kind;
        bool value;
    } words[] = { { "true", CV_NODE_BOOL, true },
                  { "false", CV_NODE_BOOL, false },
                  { "null", CV_NODE_NULL, false } };
    size_t i;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t len = strlen(words[i].word);
        if ((size_t)(r->end - r->p) >= len &&
            memcmp(r->p, words[i].word, len) == 0) {
            n->kind = words[i].kind;
            n->boolean = words[i].value;
            n->text = words[i].word;
            n->text_len = len;
            r->p += len;
            return CV_OK;
        }
    }
    return unexpected(r, path, "a value", "値");
}

/* ---- objects and arrays ---- */

static cv_status read_value(struct reader *r, const char *name,
                            const char *path, unsigned depth,
                            struct cv_node **out);

/* Duplicate keys: a linear scan while the object is small, a hash set
 * of the keys once it is not (a hostile object can have 200 000). */
struct keyset {
    const struct cv_node **slots;
    size_t cap;
};

static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static bool same_key(const struct cv_node *a, const char *key, size_t len)
{
    return strlen(a->name) == len && memcmp(a->name, key, len) == 0;
}

/* Inserts every member of `obj` into a fresh hash set. */
static cv_status keyset_build(struct keyset *ks, struct cv_arena *a,
                              const struct cv_node *obj);

static bool keyset_has_or_add(struct keyset *ks, const struct cv_node *m)
{
    size_t len = strlen(m->name);
    size_t i = (size_t)key_hash(m->name, len) & (ks->cap - 1);
    while (ks->slots[i]) {
        if (same_key(ks->slots[i], m->name, len))
            return true;
        i = (i + 1) & (ks->cap - 1);
    }
    ks->slots[i] = m;
    return false;
}

static cv_status keyset_build(struct keyset *ks, struct cv_arena *a,
                              const struct cv_node *obj)
{
    const struct cv_node *m;
    size_t cap = 64;
    while (cap < obj->count * 4 && cap < ((size_t)1 << 40))
        cap *= 2;
    ks->slots = cv_arena_calloc(a, cap, sizeof(*ks->slots));
    if (!ks->slots)
        return CV_ENOMEM;
    ks->cap = cap;
    for (m = obj->first; m; m = m->next)
        (void)keyset_has_or_add(ks, m);
    return CV_OK;
}

#define KEYSET_FROM 16

static bool is_duplicate(struct keyset *ks, const struct cv_node *obj,
                         const struct cv_node *m, struct cv_arena *a,
                         cv_status *st)
{
    const struct cv_node *o;
    size_t len = strlen(m->name);
    *st = CV_OK;
    if (obj->count < KEYSET_FROM) {
        for (o = obj->first; o; o = o->next)
            if (same_key(o, m->name, len))
                return true;
        return false;
    }
    if (!ks->slots || obj->count * 2 >= ks->cap) {
        ks->slots = NULL;
        if ((*st = keyset_build(ks, a, obj)) != CV_OK)
            return false;
    }
    return keyset_has_or_add(ks, m);
}

static cv_status read_member(struct reader *r, struct cv_node *obj,
                             struct keyset *ks, unsigned depth)
{
    struct cv_arena *a = r->req->arena;
    unsigned key_line = r->line, key_col = column_at(r, r->p);
    const char *key;
    size_t key_len;
    char *path;
    struct cv_node *m = NULL;
    cv_status st;
    if (r->p >= r->end || *r->p != '"')
        return unexpected(r, obj->path, "a member name in quotes",
                          "引用符で囲んだメンバー名");
    st = read_string(r, obj->path, &key, &key_len);
    if (st != CV_OK)
        return st;
    if (strlen(key) != key_len)
        return CV_EPARSE; /* unreachable: NUL is refused while decoding */
    skip_space(r);
    if (r->p >= r->end || *r->p != ':')
        return unexpected(r, obj->path, "':'", "':'");
    r->p++;
    skip_space(r);
    path = cv_pointer_child(a, obj->path, key);
    if (!path)
        return CV_ENOMEM;
    st = read_value(r, key, path, depth + 1, &m);
    if (st != CV_OK)
        return st;
    if (is_duplicate(ks, obj, m, a, &st) || st != CV_OK)
        return st != CV_OK ? st
                           : fail_pos(r, key_line, key_col, CV_EPARSE, path,
                                      CV_L(r->req->diags->lang,
                                           "メンバー名 \"%s\" が重複しています "
                                           "(duplicate object key)",
                                           "duplicate object key \"%s\""),
                                      key);
    cv_node_append(obj, m);
    return CV_OK;
}

static cv_status read_object(struct reader *r, struct cv_node *obj,
                             unsigned depth)
{
    struct keyset ks = { NULL, 0 };
    r->p++; /* '{' */
    skip_space(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return CV_OK;
    }
    for (;;) {
        cv_status st = read_member(r, obj, &ks, depth);
        if (st != CV_OK)
            return st;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            skip_space(r);
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            return CV_OK;
        }
        return unexpected(r, obj->path, "',' or '}'", "',' か '}'");
    }
}

static cv_status read_array(struct reader *r, struct cv_node *arr,
                            unsigned depth)
{
    size_t i = 0;
    r->p++; /* '[' */
    skip_space(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return CV_OK;
    }
    for (;; i++) {
        struct cv_node *item = NULL;
        char *path = cv_pointer_index(r->req->arena, arr->path, i);
        cv_status st;
        if (!path)
            return CV_ENOMEM;
        st = read_value(r, NULL, path, depth + 1, &item);
        if (st != CV_OK)
            return st;
        cv_node_append(arr, item);
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            skip_space(r);
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return CV_OK;
        }
        return unexpected(r, arr->path, "',' or ']'", "',' か ']'");
    }
}

static cv_status read_value(struct reader *r, const char *name,
                            const char *path, unsigned depth,
                            struct cv_node **out)
{
    const cv_limits *lim = r->req->limits;
    struct cv_node *n;
    char limit[32];

    if (depth > lim->max_depth) {
        snprintf(limit, sizeof(limit), "%u", lim->max_depth);
        return FAIL(r, r->p, CV_ELIMIT, path,
                       "入れ子の深さ max_depth (%s)",
                       "nesting depth max_depth (%s)", limit);
    }
    if (++r->nodes > lim->max_nodes) {
        snprintf(limit, sizeof(limit), "%zu", lim->max_nodes);
        return FAIL(r, r->p, CV_ELIMIT, path, "値の数 max_nodes (%s)",
                       "value count max_nodes (%s)", limit);
    }
    n = cv_node_new(r->req->arena, CV_NODE_NULL);
    if (!n)
        return CV_ENOMEM;
    n->name = name;
    n->path = path;
    n->line = r->line;
    n->column = column_at(r, r->p);
    *out = n;
    if (r->p >= r->end)
        return unexpected(r, path, "a value", "値");
    switch (*r->p) {
    case '{':
        n->kind = CV_NODE_OBJECT;
        return read_object(r, n, depth);
    case '[':
        n->kind = CV_NODE_ARRAY;
        return read_array(r, n, depth);
    case '"':
        n->kind = CV_NODE_STRING;
        return read_string(r, path, &n->text, &n->text_len);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        n->kind = CV_NODE_NUMBER;
        return read_number(r, path, n);
    default:
        return read_literal(r, path, n);
    }
}

cv_status cv_load_json(struct cv_node **out, const struct cv_load_req *req)
{
    struct reader r;
    struct cv_node *root = NULL;
    cv_status st;

    *out = NULL;
    memset(&r, 0, sizeof(r));
    r.req = req;
    r.p = (const unsigned char *)req->buf;
    r.end = r.p + req->len;
    r.line = 1;
    r.col_at = r.p;
    r.col = 1;
    /* A byte order mark is not JSON (RFC 8259 8.1), but editors on
     * Windows write one; it is skipped, not an error. */
    if (req->len >= 3 && memcmp(r.p, "\xEF\xBB\xBF", 3) == 0) {
        r.p += 3;
        r.col_at = r.p;
    }
    skip_space(&r);
    st = read_value(&r, NULL, "", 0, &root);
    if (st != CV_OK)
        return st;
    skip_space(&r);
    if (r.p < r.end)
        return r.p[0] == '\0'
                   ? FAIL(&r, r.p, CV_EPARSE, "", "NUL バイトがあります%s",
                             "a NUL byte%s", "")
                   : unexpected(&r, "", "the end of the document",
                                "文書の終わり");
    *out = root;
    return CV_OK;
}
