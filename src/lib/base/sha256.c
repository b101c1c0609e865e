/* SPDX-License-Identifier: MIT */
/* sha256.c: SHA-256 through OpenSSL's EVP interface (see sha256.h). */
#include "sha256.h"

#include <openssl/evp.h>

cv_status cv_sha256_hex(char hex_out[CV_SHA256_HEX_LEN + 1], const void *buf,
                        size_t len)
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    unsigned int i;

    if (EVP_Digest(buf, len, md, &md_len, EVP_sha256(), NULL) != 1 ||
        md_len != 32)
        return CV_ERROR;
    for (i = 0; i < md_len; i++) {
        hex_out[2 * i] = digits[md[i] >> 4];
        hex_out[2 * i + 1] = digits[md[i] & 0xf];
    }
    hex_out[CV_SHA256_HEX_LEN] = '\0';
    return CV_OK;
}
