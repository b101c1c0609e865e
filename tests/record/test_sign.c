/* SPDX-License-Identifier: MIT */
/*
 * test_sign.c: cv_sign_ed25519 / cv_verify_ed25519 against the known
 * answer of RFC 8032 section 7.1, TEST 1 (the empty message), with the
 * key written as the PEM files `openssl genpkey` and `openssl pkey
 * -pubout` write; and what must be refused.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cloudvet.h"
#include "../harness/t.h"

/* RFC 8032, 7.1 TEST 1: the secret key 9d61b1...7f60 as PKCS#8, the
 * public key d75a98...511a as SubjectPublicKeyInfo. */
static const char private_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
static const char public_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";
static const char public_hex[] =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char signature_hex[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590"
    "a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
/* An RSA public key is a key, but not an Ed25519 one. */
static const char rsa_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANObHFnhA/JpbFDA/xTKbtPbr5HCIX24\n"
    "oRBeDXooEstCBp+R4pdpDnbKNTjydc8WRgx9Uv/adaJURnmYk6EICXsCAwEAAQ==\n"
    "-----END PUBLIC KEY-----\n";

static char dir[] = "/tmp/cv-test-sign-XXXXXX";
static char priv_path[64], pub_path[64], rsa_path[64], junk_path[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

static void known_answer(void)
{
    char sig[129], pub[65];
    T_CHECK(cv_sign_ed25519(priv_path, "", 0, sig, pub) == CV_OK);
    T_STREQ(sig, signature_hex);
    T_STREQ(pub, public_hex);
}

static void verifies_by_public_private_and_raw_key(void)
{
    T_CHECK(cv_verify_ed25519(pub_path, "", 0, signature_hex) == CV_OK);
    T_CHECK(cv_verify_ed25519(priv_path, "", 0, signature_hex) == CV_OK);
    T_CHECK(cv_verify_ed25519_raw(public_hex, "", 0, signature_hex) == CV_OK);
}

static void one_flipped_bit_fails(void)
{
    char sig[129];
    memcpy(sig, signature_hex, sizeof(sig));
    sig[10] = sig[10] == '0' ? '1' : '0';
    T_CHECK(cv_verify_ed25519(pub_path, "", 0, sig) == CV_EINVALID);
    T_CHECK(cv_verify_ed25519(pub_path, "x", 1, signature_hex) ==
            CV_EINVALID);
    T_CHECK(cv_verify_ed25519_raw(public_hex, "x", 1, signature_hex) ==
            CV_EINVALID);
}

static void round_trip_of_a_message(void)
{
    static const char msg[] = "{\"format\": \"cloudvet-record/1\"}\n";
    char sig[129], pub[65];
    T_CHECK(cv_sign_ed25519(priv_path, msg, sizeof(msg) - 1, sig, pub) ==
            CV_OK);
    T_CHECK(cv_verify_ed25519(pub_path, msg, sizeof(msg) - 1, sig) == CV_OK);
    T_CHECK(cv_verify_ed25519(pub_path, msg, sizeof(msg) - 2, sig) ==
            CV_EINVALID);
}

/* A public key (or R) of small order "verifies" forged signatures for a
 * share of all messages: an all-zero key and signature pass for about one
 * message in four in libcrypto's own check. Refused for every message. */
static void refuses_small_order_points(void)
{
    static const char zeros64[] =
        "0000000000000000000000000000000000000000000000000000000000000000";
    static const char identity[] =
        "0100000000000000000000000000000000000000000000000000000000000000";
    static const char order8_signed[] =
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85";
    char sig[129], msg[16];
    int i, accepted = 0;
    snprintf(sig, sizeof(sig), "%s%s", zeros64, zeros64);
    for (i = 0; i < 64; i++) {
        snprintf(msg, sizeof(msg), "m%d", i);
        accepted += cv_verify_ed25519_raw(zeros64, msg, strlen(msg), sig) ==
                    CV_OK;
        accepted += cv_verify_ed25519_raw(identity, msg, strlen(msg), sig) ==
                    CV_OK;
        accepted += cv_verify_ed25519_raw(order8_signed, msg, strlen(msg),
                                          sig) == CV_OK;
    }
    T_CHECK(accepted == 0);
    /* A real key with R of small order in the signature. */
    snprintf(sig, sizeof(sig), "%s%s", identity, zeros64);
    T_CHECK(cv_verify_ed25519_raw(public_hex, "", 0, sig) == CV_EINVALID);
}

static void refuses_what_is_not_an_ed25519_key(void)
{
    char sig[129], pub[65];
    T_CHECK(cv_sign_ed25519(pub_path, "", 0, sig, pub) == CV_EINVALID);
    T_CHECK(sig[0] == '\0' && pub[0] == '\0');
    T_CHECK(cv_sign_ed25519(rsa_path, "", 0, sig, pub) == CV_EINVALID);
    T_CHECK(cv_sign_ed25519(junk_path, "", 0, sig, pub) == CV_EINVALID);
    T_CHECK(cv_sign_ed25519("/nonexistent/key.pem", "", 0, sig, pub) ==
            CV_EIO);
    T_CHECK(cv_verify_ed25519(rsa_path, "", 0, signature_hex) == CV_EINVALID);
    T_CHECK(cv_verify_ed25519("/nonexistent/key.pem", "", 0,
                              signature_hex) == CV_EIO);
    T_CHECK(cv_verify_ed25519(pub_path, "", 0, "zz") == CV_EINVALID);
    T_CHECK(cv_verify_ed25519_raw("00", "", 0, signature_hex) == CV_EINVALID);
}

int main(void)
{
    static const struct t_case cases[] = {
        { "known_answer", known_answer },
        { "verifies_by_public_private_and_raw_key",
          verifies_by_public_private_and_raw_key },
        { "one_flipped_bit_fails", one_flipped_bit_fails },
        { "round_trip_of_a_message", round_trip_of_a_message },
        { "refuses_small_order_points", refuses_small_order_points },
        { "refuses_what_is_not_an_ed25519_key",
          refuses_what_is_not_an_ed25519_key },
    };
    int r;
    if (cv_global_init() != CV_OK || !mkdtemp(dir))
        return 1;
    snprintf(priv_path, sizeof(priv_path), "%s/k.pem", dir);
    snprintf(pub_path, sizeof(pub_path), "%s/pub.pem", dir);
    snprintf(rsa_path, sizeof(rsa_path), "%s/rsa.pem", dir);
    snprintf(junk_path, sizeof(junk_path), "%s/junk.pem", dir);
    write_file(priv_path, private_pem);
    write_file(pub_path, public_pem);
    write_file(rsa_path, rsa_pem);
    write_file(junk_path, "not a key\n");
    r = t_run(cases, sizeof(cases) / sizeof(cases[0]));
    unlink(priv_path);
    unlink(pub_path);
    unlink(rsa_path);
    unlink(junk_path);
    rmdir(dir);
    return r;
}
