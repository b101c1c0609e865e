/* SPDX-License-Identifier: MIT */
/* sha256.h: the wall around libcrypto; hex SHA-256 of a byte string. */
#ifndef CV_SHA256_H
#define CV_SHA256_H

#include <stddef.h>

#include "cloudvet.h"

#define CV_SHA256_HEX_LEN 64

/* Writes 64 lower-case hex digits and a NUL into hex_out[65]. */
/* `n` bytes as 2n lower-case hex digits and a NUL into `out`. */
void cv_hex_encode(char *out, const unsigned char *bytes, size_t n);

cv_status cv_sha256_hex(char hex_out[CV_SHA256_HEX_LEN + 1], const void *buf,
                        size_t len);

/* The same for everything read from `fd` until its end, a chunk at a
 * time. CV_EIO when a read fails. */
cv_status cv_sha256_fd_hex(char hex_out[CV_SHA256_HEX_LEN + 1], int fd);

#endif
