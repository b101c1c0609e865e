/* SPDX-License-Identifier: MIT */
/* suggest.c: edit distance for "did you mean" (see suggest.h). */
#include "suggest.h"

#include "cloudvet.h"

#include <string.h>

static unsigned char fold(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch - 'A' + 'a') : ch;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t cv_near_distance(const char *a, const char *b)
{
    /* Three rolling rows: a transposition looks two rows back. */
    size_t rows[3][CV_NEAR_MAX_LEN + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;
    if (la > CV_NEAR_MAX_LEN || lb > CV_NEAR_MAX_LEN)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        rows[0][j] = j;
    for (i = 1; i <= la; i++) {
        size_t *cur = rows[i % 3];
        const size_t *prev = rows[(i - 1) % 3], *prev2 = rows[(i + 1) % 3];
        unsigned char ca = fold((unsigned char)a[i - 1]);
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            unsigned char cb = fold((unsigned char)b[j - 1]);
            size_t cost = ca == cb ? 0 : 1;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == cb &&
                prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
        }
    }
    return rows[la % 3][lb];
}

/* How far still reads as a typo: two edits, or a third of a long word. */
static size_t near_enough(size_t len)
{
    return len / 3 > 2 ? len / 3 : 2;
}

const char *cv_near_unique(const char *word, const void *set, size_t n,
                           cv_near_name_fn name_at)
{
    const char *best = NULL;
    size_t wlen = strlen(word), best_d = near_enough(wlen) + 1, i;
    int ties = 0;
    for (i = 0; i < n; i++) {
        const char *cand = name_at(set, i);
        size_t d;
        if (!cand || strcmp(cand, word) == 0)
            continue;
        d = cv_near_distance(word, cand);
        if (d == (size_t)-1 || d >= wlen || d >= strlen(cand))
            continue;
        if (d < best_d) {
            best = cand;
            best_d = d;
            ties = 0;
        } else if (d == best_d && best && strcmp(best, cand) != 0) {
            ties++;
        }
    }
    return ties ? NULL : best;
}

static const char *string_at(const void *set, size_t i)
{
    return ((const char *const *)set)[i];
}

const char *cv_near_unique_in(const char *word, const char *const *names,
                              size_t n)
{
    return cv_near_unique(word, names, n, string_at);
}

/* The public face of the same distance, for the CLI's option names. */
size_t cv_edit_distance(const char *a, const char *b)
{
    return cv_near_distance(a, b);
}
