/* SPDX-License-Identifier: MIT */
/* suggest.c: edit distance for "did you mean" (see suggest.h). */
#include "suggest.h"

#include <string.h>

#include "cloudvet.h"

/* The library's distance (one implementation for options, members,
 * enum values and criterion ids). */
size_t cv_suggest_distance(const char *a, const char *b)
{
    return cv_edit_distance(a, b);
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
