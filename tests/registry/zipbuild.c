/* SPDX-License-Identifier: MIT */
/* zipbuild.c: zip archives written byte by byte (see zipbuild.h). */
#include "zipbuild.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct bytes {
    unsigned char *p;
    size_t len, cap;
    bool failed;
};

static void put(struct bytes *b, const void *data, size_t len)
{
    if (b->failed)
        return;
    if (len > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        unsigned char *n;
        while (cap - b->len < len) {
            if (cap > SIZE_MAX / 2) {
                b->failed = true;
                return;
            }
            cap *= 2;
        }
        n = realloc(b->p, cap);
        if (!n) {
            b->failed = true;
            return;
        }
        b->p = n;
        b->cap = cap;
    }
    if (len)
        memcpy(b->p + b->len, data, len);
    b->len += len;
}

static void put16(struct bytes *b, unsigned v)
{
    unsigned char c[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
    put(b, c, 2);
}

static void put32(struct bytes *b, uint32_t v)
{
    unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
                           (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24) };
    put(b, c, 4);
}

/* Raw deflate of data x repeat into `out`; CRC and size of the input. */
static bool deflate_member(const struct zb_entry *e, size_t repeat,
                           struct bytes *out, uLong *crc, uint64_t *size)
{
    z_stream z;
    unsigned char buf[65536];
    size_t r;
    int rc;

    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    *crc = crc32(0L, Z_NULL, 0);
    *size = 0;
    for (r = 0; r <= repeat; r++) {
        int flush = r == repeat ? Z_FINISH : Z_NO_FLUSH;
        z.next_in = (Bytef *)(r == repeat ? "" : e->data);
        z.avail_in = r == repeat ? 0 : (uInt)e->len;
        if (r < repeat) {
            *crc = crc32(*crc, (const Bytef *)e->data, (uInt)e->len);
            *size += e->len;
        }
        do {
            z.next_out = buf;
            z.avail_out = sizeof(buf);
            rc = deflate(&z, flush);
            if (rc == Z_STREAM_ERROR) {
                deflateEnd(&z);
                return false;
            }
            put(out, buf, sizeof(buf) - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    deflateEnd(&z);
    return !out->failed;
}

unsigned char *zb_build(const struct zb_entry *entries, size_t n,
                        size_t *len_out)
{
    struct bytes zip = { NULL, 0, 0, false }, cd = { NULL, 0, 0, false };
    size_t i;

    for (i = 0; i < n; i++) {
        const struct zb_entry *e = &entries[i];
        struct bytes data = { NULL, 0, 0, false };
        size_t repeat = e->repeat > 1 ? e->repeat : 1;
        size_t name_len = strlen(e->name);
        uint32_t offset = (uint32_t)zip.len;
        uLong crc;
        uint64_t size;
        uint32_t usize;
        unsigned flags = e->encrypted ? 1u : 0u;
        unsigned method = e->deflate || repeat > 1 ? 8u : 0u;
        int pass;

        if (method == 8) {
            if (!deflate_member(e, repeat, &data, &crc, &size)) {
                free(data.p);
                goto fail;
            }
        } else {
            crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)e->data,
                        (uInt)e->len);
            size = e->len;
            put(&data, e->data, e->len);
        }
        if (size > UINT32_MAX || data.len > UINT32_MAX ||
            zip.len > UINT32_MAX) {
            free(data.p);
            goto fail;
        }
        usize = e->lie_size ? e->claimed_size : (uint32_t)size;
        for (pass = 0; pass < 2; pass++) {
            struct bytes *b = pass == 0 ? &zip : &cd;
            put32(b, pass == 0 ? 0x04034b50u : 0x02014b50u);
            if (pass == 1)
                put16(b, 20); /* version made by */
            put16(b, 20);     /* version needed */
            put16(b, flags);
            put16(b, method);
            put16(b, 0);      /* time */
            put16(b, 0x21);   /* 1980-01-01 */
            put32(b, (uint32_t)crc);
            put32(b, (uint32_t)data.len);
            put32(b, usize);
            put16(b, (unsigned)name_len);
            put16(b, 0);      /* extra */
            if (pass == 1) {
                put16(b, 0);  /* comment */
                put16(b, 0);  /* disk */
                put16(b, 0);  /* internal attributes */
                put32(b, 0);  /* external attributes */
                put32(b, offset);
            }
            put(b, e->name, name_len);
            if (pass == 0)
                put(b, data.p, data.len);
        }
        free(data.p);
    }
    {
        uint32_t cd_offset = (uint32_t)zip.len;
        put(&zip, cd.p, cd.len);
        put32(&zip, 0x06054b50u);
        put16(&zip, 0);
        put16(&zip, 0);
        put16(&zip, (unsigned)n);
        put16(&zip, (unsigned)n);
        put32(&zip, (uint32_t)cd.len);
        put32(&zip, cd_offset);
        put16(&zip, 0);
    }
    if (zip.failed || cd.failed)
        goto fail;
    free(cd.p);
    *len_out = zip.len;
    return zip.p;
fail:
    free(zip.p);
    free(cd.p);
    return NULL;
}
