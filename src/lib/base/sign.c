/* SPDX-License-Identifier: MIT */
/*
 * sign.c: Ed25519 signatures (RFC 8032) through OpenSSL's EVP interface.
 *
 * libcrypto, not libsodium: the library already links it for SHA-256,
 * and one library for hashes and signatures is one dependency to keep
 * current. Keys are the PEM files `openssl genpkey -algorithm ed25519`
 * and `openssl pkey -pubout` write; anything else (an RSA key, a
 * certificate, garbage) is refused as "not an Ed25519 key", never used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "cloudvet.h"

#include "arena.h"
#include "diag.h"
#include "io.h"
#include "sha256.h"

#define ED25519_SIG_LEN 64u
#define ED25519_KEY_LEN 32u
/* A PEM key file is a few hundred bytes; a larger "key" is not one. */
#define KEY_FILE_MAX (64u * 1024u)

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Exactly 2*n hex digits into n bytes; -1 otherwise. */
static int from_hex(unsigned char *out, size_t n, const char *hex)
{
    size_t i;
    if (!hex || strlen(hex) != 2 * n)
        return -1;
    for (i = 0; i < n; i++) {
        int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

/* The key file's bytes, read like every input (io.c): a regular file
 * only, size-capped, opened without blocking, so a FIFO, a device or a
 * huge file named as the key is refused rather than waited on or read
 * (a FIFO as --sign used to hang the run). NULL when unreadable. */
static char *read_key_file(const char *path, size_t *len)
{
    struct cv_arena a;
    struct cv_diags d;
    char *buf = NULL;
    *len = 0;
    if (!path)
        return NULL;
    cv_arena_init(&a);
    cv_diags_init(&d, &a, CV_LANG_EN, 4);
    if (cv_io_read_file(&buf, len, path, KEY_FILE_MAX, &d) != CV_OK) {
        free(buf);
        buf = NULL;
        *len = 0;
    }
    cv_arena_release(&a);
    return buf;
}

/* One PEM reading of the bytes: a public key, or a private key. */
static EVP_PKEY *read_pem(const char *buf, size_t len, int private_key)
{
    BIO *b = BIO_new_mem_buf(buf, (int)len);
    EVP_PKEY *k = NULL;
    if (!b)
        return NULL;
    /* A passphrase of "" rather than the default callback: an encrypted
     * key is refused, never prompted for on the terminal. */
    k = private_key ? PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"")
                    : PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
    BIO_free(b);
    return k;
}

/* A private key (PKCS#8 PEM) when `want_private`; else a public key
 * (SubjectPublicKeyInfo PEM) or, failing that, a private key whose public
 * half is used. NULL unless it is an Ed25519 key; *why tells the two
 * failures apart (CV_EIO: no readable file; CV_EINVALID: not such a key). */
static EVP_PKEY *load_key(const char *path, int want_private,
                          cv_status *why)
{
    size_t len;
    char *buf = read_key_file(path, &len);
    EVP_PKEY *k = NULL;
    *why = CV_EIO;
    if (!buf || len == 0) {
        free(buf);
        return NULL;
    }
    *why = CV_EINVALID;
    if (!want_private)
        k = read_pem(buf, len, 0);
    if (!k)
        k = read_pem(buf, len, 1);
    /* The private key's bytes do not stay in freed memory. */
    OPENSSL_cleanse(buf, len);
    free(buf);
    ERR_clear_error();
    if (k && EVP_PKEY_id(k) != EVP_PKEY_ED25519) {
        EVP_PKEY_free(k);
        k = NULL;
    }
    if (k)
        *why = CV_OK;
    return k;
}

cv_status cv_sign_ed25519(const char *key_path, const void *msg, size_t len,
                          char sig_hex[129], char pub_hex[65])
{
    unsigned char sig[ED25519_SIG_LEN], pub[ED25519_KEY_LEN];
    size_t sig_len = sizeof(sig), pub_len = sizeof(pub);
    cv_status st;
    EVP_PKEY *key = load_key(key_path, 1, &st);
    EVP_MD_CTX *md = NULL;

    sig_hex[0] = '\0';
    pub_hex[0] = '\0';
    if (!key)
        goto done;
    st = CV_ENOMEM;
    md = EVP_MD_CTX_new();
    if (!md)
        goto done;
    st = CV_ERROR;
    /* Ed25519 hashes internally (PureEdDSA): no digest, one shot. */
    if (EVP_DigestSignInit(md, NULL, NULL, NULL, key) != 1 ||
        EVP_DigestSign(md, sig, &sig_len, msg, len) != 1 ||
        sig_len != ED25519_SIG_LEN ||
        EVP_PKEY_get_raw_public_key(key, pub, &pub_len) != 1 ||
        pub_len != ED25519_KEY_LEN)
        goto done;
    cv_hex_encode(sig_hex, sig, sizeof(sig));
    cv_hex_encode(pub_hex, pub, sizeof(pub));
    st = CV_OK;
done:
    ERR_clear_error();
    EVP_MD_CTX_free(md);
    EVP_PKEY_free(key);
    return st;
}

/*
 * Whether a point encoding (a public key, or R, the first half of a
 * signature) is one of small order, or a non-canonical form of one. A
 * key of small order "verifies" forged signatures for a fraction of all
 * messages (an all-zero key and signature pass about one time in four),
 * and libcrypto's cofactorless check does not refuse it, so it is refused
 * here, as libsodium does: its list, compared without the sign bit.
 */
static int has_small_order(const unsigned char p[ED25519_KEY_LEN])
{
    static const unsigned char blocked[][ED25519_KEY_LEN] = {
        /* 0 (order 4) */
        { 0x00 },
        /* 1 (order 1) */
        { 0x01 },
        /* a point of order 8 */
        { 0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
          0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
          0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05 },
        /* the other point of order 8 (up to sign) */
        { 0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
          0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
          0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a },
        /* p-1 (order 2) */
        { 0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
        /* p (=0, order 4) */
        { 0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
        /* p+1 (=1, order 1) */
        { 0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
    };
    size_t i;
    for (i = 0; i < sizeof(blocked) / sizeof(blocked[0]); i++)
        if (memcmp(p, blocked[i], ED25519_KEY_LEN - 1) == 0 &&
            (p[ED25519_KEY_LEN - 1] & 0x7f) == blocked[i][ED25519_KEY_LEN - 1])
            return 1;
    return 0;
}

/* CV_OK when `sig` is `key`'s signature of msg, else CV_EINVALID. */
static cv_status verify_with(EVP_PKEY *key, const void *msg, size_t len,
                             const unsigned char sig[ED25519_SIG_LEN])
{
    unsigned char pub[ED25519_KEY_LEN];
    size_t pub_len = sizeof(pub);
    cv_status st = CV_ENOMEM;
    EVP_MD_CTX *md;
    if (EVP_PKEY_get_raw_public_key(key, pub, &pub_len) != 1 ||
        pub_len != sizeof(pub) || has_small_order(pub) ||
        has_small_order(sig))
        return CV_EINVALID;
    md = EVP_MD_CTX_new();
    if (!md)
        return st;
    st = EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) == 1 &&
                 EVP_DigestVerify(md, sig, ED25519_SIG_LEN, msg, len) == 1
             ? CV_OK
             : CV_EINVALID;
    EVP_MD_CTX_free(md);
    return st;
}

cv_status cv_verify_ed25519(const char *key_path, const void *msg, size_t len,
                            const char *sig_hex)
{
    unsigned char sig[ED25519_SIG_LEN];
    cv_status st;
    EVP_PKEY *key = load_key(key_path, 0, &st);

    if (!key)
        goto done;
    st = CV_EINVALID;
    if (from_hex(sig, sizeof(sig), sig_hex) != 0)
        goto done;
    st = verify_with(key, msg, len, sig);
done:
    ERR_clear_error();
    EVP_PKEY_free(key);
    return st;
}

cv_status cv_verify_ed25519_raw(const char *pub_hex, const void *msg,
                                size_t len, const char *sig_hex)
{
    unsigned char sig[ED25519_SIG_LEN], pub[ED25519_KEY_LEN];
    EVP_PKEY *key = NULL;
    cv_status st = CV_EINVALID;

    if (from_hex(pub, sizeof(pub), pub_hex) != 0 ||
        from_hex(sig, sizeof(sig), sig_hex) != 0)
        goto done;
    key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
                                      sizeof(pub));
    if (!key)
        goto done;
    st = verify_with(key, msg, len, sig);
done:
    ERR_clear_error();
    EVP_PKEY_free(key);
    return st;
}
