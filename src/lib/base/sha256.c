/* SPDX-License-Identifier: MIT */
/* sha256.c: SHA-256 through OpenSSL's EVP interface (see sha256.h). */
#include "sha256.h"

#include <errno.h>
#include <unistd.h>

#include <openssl/evp.h>

/* The bytes read at a time by cv_sha256_fd_hex: memory stays this, not
 * the file's size (a report set of 20 000 bids is hundreds of MB). */
#define CV_SHA256_CHUNK (64u * 1024u)

void cv_hex_encode(char *out, const unsigned char *bytes, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
    out[2 * n] = '\0';
}

cv_status cv_sha256_hex(char hex_out[CV_SHA256_HEX_LEN + 1], const void *buf,
                        size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;

    if (EVP_Digest(buf, len, md, &md_len, EVP_sha256(), NULL) != 1 ||
        md_len != 32)
        return CV_ERROR;
    cv_hex_encode(hex_out, md, 32);
    return CV_OK;
}

cv_status cv_sha256_fd_hex(char hex_out[CV_SHA256_HEX_LEN + 1], int fd)
{
    unsigned char buf[CV_SHA256_CHUNK];
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    cv_status st = CV_ERROR;
    EVP_MD_CTX *md_ctx = EVP_MD_CTX_new();

    if (!md_ctx)
        return CV_ENOMEM;
    if (EVP_DigestInit_ex(md_ctx, EVP_sha256(), NULL) != 1)
        goto done;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = CV_EIO;
            goto done;
        }
        if (n == 0)
            break;
        if (EVP_DigestUpdate(md_ctx, buf, (size_t)n) != 1)
            goto done;
    }
    if (EVP_DigestFinal_ex(md_ctx, md, &md_len) != 1 || md_len != 32)
        goto done;
    cv_hex_encode(hex_out, md, 32);
    st = CV_OK;
done:
    EVP_MD_CTX_free(md_ctx);
    return st;
}
