/* SPDX-License-Identifier: MIT */
/* regex.c: pcre2 compile/match with limits (see regex.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdlib.h>

struct cv_regex {
    pcre2_code *code;
};

cv_status cv_regex_compile(struct cv_regex **out, struct cv_regex_set *set,
                           const char *pattern, bool caseless,
                           struct cv_diags *diags, const struct cv_loc *loc)
{
    int err = 0;
    PCRE2_SIZE off = 0;
    struct cv_regex *re;
    uint32_t flags = PCRE2_UTF | PCRE2_UCP | (caseless ? PCRE2_CASELESS : 0);

    *out = NULL;
    if (set->count == set->cap) {
        size_t ncap = set->cap ? set->cap * 2 : 16;
        struct cv_regex **n = realloc(set->items, ncap * sizeof(*n));
        if (!n)
            return CV_ENOMEM;
        set->items = n;
        set->cap = ncap;
    }
    re = calloc(1, sizeof(*re));
    if (!re)
        return CV_ENOMEM;
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags,
                             &err, &off, NULL);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        free(re);
        pcre2_get_error_message(err, msg, sizeof(msg));
        return cv_diags_fail(diags, CV_ECRITERIA, loc,
                             CV_L(diags->lang,
                                  "正規表現 '%s' が不正です: %s (位置 %zu)",
                                  "invalid regex '%s': %s at offset %zu"),
                             pattern, (const char *)msg, (size_t)off);
    }
    /* JIT is an optimisation: where it is unavailable, interpret. */
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    set->items[set->count++] = re;
    *out = re;
    return CV_OK;
}

int cv_regex_match(const struct cv_regex *re, const char *s, size_t len,
                   uint32_t match_limit, size_t *g1_off, size_t *g1_len)
{
    pcre2_match_data *md;
    pcre2_match_context *mc;
    int rc;

    md = pcre2_match_data_create_from_pattern(re->code, NULL);
    mc = pcre2_match_context_create(NULL);
    if (!md || !mc) {
        pcre2_match_data_free(md);
        pcre2_match_context_free(mc);
        return -1;
    }
    pcre2_set_match_limit(mc, match_limit);
    pcre2_set_depth_limit(mc, match_limit);
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, md, mc);
    if (rc > 1 && g1_off && g1_len) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (ov[2] != PCRE2_UNSET) {
            *g1_off = ov[2];
            *g1_len = ov[3] - ov[2];
        } else {
            rc = 1;
            *g1_len = 0;
        }
    } else if (g1_len) {
        *g1_len = 0;
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    return -1;
}

void cv_regex_set_free(struct cv_regex_set *set)
{
    size_t i;
    for (i = 0; i < set->count; i++) {
        pcre2_code_free(set->items[i]->code);
        free(set->items[i]);
    }
    free(set->items);
    set->items = NULL;
    set->count = set->cap = 0;
}
