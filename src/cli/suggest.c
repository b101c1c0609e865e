/* SPDX-License-Identifier: MIT */
/* suggest.c: edit distance for "did you mean" (see suggest.h). */
#include "suggest.h"

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

size_t cv_suggest_distance(const char *a, const char *b)
{
    /* Three rolling rows: the transposition looks two rows back. */
    size_t rows[3][CV_SUGGEST_MAX_LEN + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;
    if (la > CV_SUGGEST_MAX_LEN || lb > CV_SUGGEST_MAX_LEN)
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

/* How many edits still read as a typo rather than another word: "lnt" is
 * lint, but "foo" is not "from". */
static size_t threshold(size_t len)
{
    return len <= 5 ? 1 : len <= 8 ? 2 : 3;
}

const char *cv_suggest_nearest(const char *word, const char *const *cands,
                               size_t n)
{
    const char *best = NULL;
    size_t best_d = threshold(strlen(word)) + 1, i;
    for (i = 0; i < n; i++) {
        size_t d;
        if (!cands[i])
            continue;
        d = cv_suggest_distance(word, cands[i]);
        if (d < best_d && d < strlen(cands[i])) {
            best = cands[i];
            best_d = d;
        }
    }
    return best;
}
