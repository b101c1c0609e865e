/* SPDX-License-Identifier: MIT */
/*
 * t.h: the test harness. Each test file defines test functions and a
 * table; main runs them and prints "N passed, N failed" for CTest logs.
 */
#ifndef CV_T_H
#define CV_T_H

#include <stdio.h>
#include <string.h>

extern int t_failures;

#define T_CHECK(cond)                                                         \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            t_failures++;                                                     \
        }                                                                     \
    } while (0)

#define T_STREQ(a, b)                                                         \
    do {                                                                      \
        const char *t_a = (a), *t_b = (b);                                    \
        if (!t_a || !t_b || strcmp(t_a, t_b) != 0) {                          \
            fprintf(stderr, "%s:%d: '%s' != '%s'\n", __FILE__, __LINE__,      \
                    t_a ? t_a : "(null)", t_b ? t_b : "(null)");              \
            t_failures++;                                                     \
        }                                                                     \
    } while (0)

struct t_case {
    const char *name;
    void (*fn)(void);
};

int t_run(const struct t_case *cases, size_t n);

#endif
