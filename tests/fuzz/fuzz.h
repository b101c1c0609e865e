/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h: the two entry points every fuzz target defines, and helpers
 * they share.
 *
 * Each fuzz_<target>.c defines both functions. With -DCV_FUZZ=ON (clang)
 * it is linked to libFuzzer; in every build it is also linked to
 * corpus_main.c, which runs it over its checked-in corpus and regression
 * inputs as an ordinary test. A target frees everything it allocates per
 * input (LeakSanitizer runs after each input that leaves memory behind);
 * what LLVMFuzzerInitialize loads lives until the process exits.
 */
#ifndef CV_FUZZ_H
#define CV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the code under test promised and broke: print it and abort,
 * so the fuzzer keeps the input as a crash. */
#define FUZZ_CHECK(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                         \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* Set-up that cannot fail in a sane environment (loading the shipped
 * criteria, creating a temporary directory): stop the whole run. */
#define FUZZ_SETUP(cond)                                                      \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: fuzz set-up failed: %s\n", __FILE__,     \
                    __LINE__, #cond);                                         \
            exit(2);                                                          \
        }                                                                     \
    } while (0)

#endif
