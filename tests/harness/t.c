/* SPDX-License-Identifier: MIT */
/* t.c: run the cases of one test file (see t.h). */
#include "t.h"

int t_failures;

int t_run(const struct t_case *cases, size_t n)
{
    size_t i, passed = 0, failed = 0;
    for (i = 0; i < n; i++) {
        int before = t_failures;
        cases[i].fn();
        if (t_failures == before) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "FAIL %s\n", cases[i].name);
        }
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
