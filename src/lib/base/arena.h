/* SPDX-License-Identifier: MIT */
/*
 * arena.h: bump allocation by lifetime.
 *
 * cloudvet frees memory by lifetime, not by object: one arena for the run
 * (criteria, tables), one per document (the parsed tree, freed right after
 * evaluation) and one per submission's results. Nothing allocated from an
 * arena is freed on its own; cv_arena_release frees everything at once, so
 * a deeply nested hostile document needs no recursive free.
 *
 * Invariants: allocations are aligned to max_align_t; a failed allocation
 * returns NULL and leaves the arena usable; sizes are overflow-checked.
 * With CV_ARENA_DEBUG each allocation is its own malloc so ASan and
 * valgrind see every block.
 */
#ifndef CV_ARENA_H
#define CV_ARENA_H

#include <stddef.h>

struct cv_arena_block;

struct cv_arena {
    struct cv_arena_block *head;
    size_t used_in_head;
    size_t total; /* bytes handed out, for limits and statistics */
};

void cv_arena_init(struct cv_arena *a);
/* Frees every block; the arena is empty and reusable afterwards. */
void cv_arena_release(struct cv_arena *a);

/* Returns zeroed memory of `size` bytes, or NULL when out of memory. */
void *cv_arena_alloc(struct cv_arena *a, size_t size);
/* `n` elements of `size` bytes, zeroed; NULL on overflow or OOM. */
void *cv_arena_calloc(struct cv_arena *a, size_t n, size_t size);
/* Copy of s[0..len) plus a NUL; NULL on OOM. */
char *cv_arena_strndup(struct cv_arena *a, const char *s, size_t len);
char *cv_arena_strdup(struct cv_arena *a, const char *s);
/* Grow an array allocated from this arena (old contents copied). */
void *cv_arena_grow(struct cv_arena *a, void *old, size_t old_n,
                    size_t new_n, size_t size);

#endif
