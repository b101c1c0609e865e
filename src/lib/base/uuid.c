/* SPDX-License-Identifier: MIT */
/* uuid.c: UUIDv5 through OpenSSL's SHA-1 (see uuid.h). SHA-1 is what
 * RFC 4122 prescribes for version 5; nothing here relies on it being
 * collision-resistant against an attacker: the names are our own. */
#include "uuid.h"

#include <openssl/evp.h>

const struct cv_uuid cv_uuid_ns_dns = { { 0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad,
                                          0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                          0x4f, 0xd4, 0x30, 0xc8 } };
const struct cv_uuid cv_uuid_ns_url = { { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
                                          0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                          0x4f, 0xd4, 0x30, 0xc8 } };

cv_status cv_uuid_v5(struct cv_uuid *out, const struct cv_uuid *ns,
                     const void *name, size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    cv_status st = CV_ERROR;
    EVP_MD_CTX *md_ctx = EVP_MD_CTX_new();
    size_t i;

    if (!md_ctx)
        return CV_ENOMEM;
    if (EVP_DigestInit_ex(md_ctx, EVP_sha1(), NULL) != 1 ||
        EVP_DigestUpdate(md_ctx, ns->bytes, sizeof(ns->bytes)) != 1 ||
        (len && EVP_DigestUpdate(md_ctx, name, len) != 1) ||
        EVP_DigestFinal_ex(md_ctx, md, &md_len) != 1 || md_len < 16)
        goto done;
    for (i = 0; i < 16; i++)
        out->bytes[i] = md[i];
    out->bytes[6] = (unsigned char)((out->bytes[6] & 0x0f) | 0x50); /* v5 */
    out->bytes[8] = (unsigned char)((out->bytes[8] & 0x3f) | 0x80); /* RFC */
    st = CV_OK;
done:
    EVP_MD_CTX_free(md_ctx);
    return st;
}

void cv_uuid_format(const struct cv_uuid *u, char out[CV_UUID_STR_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    size_t i, o = 0;
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = digits[u->bytes[i] >> 4];
        out[o++] = digits[u->bytes[i] & 0xf];
    }
    out[o] = '\0';
}
