/* SPDX-License-Identifier: MIT */
/*
 * zipbuild.h: zip archives built in memory, byte by byte, for tests and
 * the xlsx fuzz target. Unlike a zip library this writes what it is told,
 * including what no honest writer would: a directory that understates a
 * member's size, the "encrypted" flag on plain data, a member compressed
 * from a far larger text than the archive (a zip bomb).
 */
#ifndef CV_ZIPBUILD_H
#define CV_ZIPBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct zb_entry {
    const char *name;
    const char *data;   /* the member's uncompressed bytes */
    size_t len;
    bool deflate;       /* else stored */
    bool encrypted;     /* set general-purpose bit 0 (data left plain) */
    bool lie_size;      /* claim `claimed_size` as the uncompressed size */
    uint32_t claimed_size;
    /* when repeat > 1 the member is `data` repeated `repeat` times,
     * deflated as a stream without ever being held whole */
    size_t repeat;
};

/* The archive as a malloc'ed buffer (*len_out bytes), or NULL on failure
 * (out of memory, or a size beyond zip32). */
unsigned char *zb_build(const struct zb_entry *entries, size_t n,
                        size_t *len_out);

#endif
