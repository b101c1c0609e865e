/* SPDX-License-Identifier: MIT */
/* arena.c: the bump allocator behind every lifetime (see arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "overflow.h"

/* Blocks grow from ARENA_BLOCK_FIRST, doubling, to ARENA_BLOCK_MIN: a
 * submission's results arena lives until the report is written, once per
 * bid of a batch, and most hold 15-25 KiB; a first block of 64 KiB kept
 * about 40 KiB idle per bid (2 GB for 50,000 bids). A large arena
 * (a parsed document) reaches full-size blocks after four. */
#define ARENA_BLOCK_FIRST ((size_t)4 * 1024)
#define ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define ARENA_ALIGN (alignof(max_align_t))

struct cv_arena_block {
    struct cv_arena_block *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

void cv_arena_init(struct cv_arena *a)
{
    a->head = NULL;
    a->used_in_head = 0;
    a->total = 0;
}

void cv_arena_release(struct cv_arena *a)
{
    struct cv_arena_block *b = a->head;
    while (b) {
        struct cv_arena_block *next = b->next;
        free(b);
        b = next;
    }
    cv_arena_init(a);
}

static size_t round_up(size_t n)
{
    return (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

static struct cv_arena_block *new_block(size_t payload)
{
    size_t bytes;
    struct cv_arena_block *b;
    if (cv_add_overflow(sizeof(*b), payload, &bytes))
        return NULL;
    b = malloc(bytes);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = payload;
    return b;
}

/* The payload of the arena's next ordinary block: twice the head's, from
 * ARENA_BLOCK_FIRST up to ARENA_BLOCK_MIN. */
static size_t next_block_size(const struct cv_arena *a)
{
    size_t n = a->head ? a->head->size : ARENA_BLOCK_FIRST / 2;
    if (n >= ARENA_BLOCK_MIN / 2)
        return ARENA_BLOCK_MIN;
    return n * 2 < ARENA_BLOCK_FIRST ? ARENA_BLOCK_FIRST : n * 2;
}

void *cv_arena_alloc(struct cv_arena *a, size_t size)
{
    void *p;
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size = round_up(size);
#ifdef CV_ARENA_DEBUG
    {
        /* One block per allocation: sanitizers see exact bounds. */
        struct cv_arena_block *b = new_block(size);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used_in_head = size;
        a->total += size;
        memset(b->data, 0, size);
        return b->data;
    }
#endif
    if (!a->head || a->head->size - a->used_in_head < size) {
        size_t payload = size > next_block_size(a) ? size
                                                   : next_block_size(a);
        struct cv_arena_block *b = new_block(payload);
        if (!b)
            return NULL;
        /* A large request gets its own block behind the current head so
         * the head's free space is not wasted. */
        if (a->head && size > ARENA_BLOCK_MIN) {
            b->next = a->head->next;
            a->head->next = b;
            a->total += size;
            memset(b->data, 0, size);
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used_in_head = 0;
    }
    p = a->head->data + a->used_in_head;
    a->used_in_head += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

void *cv_arena_calloc(struct cv_arena *a, size_t n, size_t size)
{
    size_t bytes;
    if (cv_mul_overflow(n, size, &bytes))
        return NULL;
    return cv_arena_alloc(a, bytes);
}

char *cv_arena_strndup(struct cv_arena *a, const char *s, size_t len)
{
    size_t bytes;
    char *p;
    if (cv_add_overflow(len, 1, &bytes))
        return NULL;
    p = cv_arena_alloc(a, bytes);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *cv_arena_strdup(struct cv_arena *a, const char *s)
{
    return cv_arena_strndup(a, s, strlen(s));
}

void *cv_arena_grow(struct cv_arena *a, void *old, size_t old_n, size_t new_n,
                    size_t size)
{
    void *p = cv_arena_calloc(a, new_n, size);
    if (p && old && old_n)
        memcpy(p, old, old_n * size);
    return p;
}
