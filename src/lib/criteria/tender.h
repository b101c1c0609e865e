/* SPDX-License-Identifier: MIT */
/*
 * tender.h: a tender file (docs/tender.md), read and checked like a
 * profile: the tender's id and title, the profile it is scored with (id
 * and SHA-256), the 予定価格 and the tax rule, the scoring method
 * (technical-only, additive, division) with its formula and the split of
 * technical and price points, the rounding of each component, the
 * tie-break chain, the 最低基準点, and each bidder's price.
 *
 * The method part (everything but the 予定価格 and the prices, which are
 * known only when bids are opened) is what the published 評価基準書
 * states (criteria/method.h); its hash does not move when prices are
 * filled in.
 */
#ifndef CV_CRITERIA_TENDER_H
#define CV_CRITERIA_TENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "criteria.h"

/* The largest yen amount a tender file may state (10 兆円): far above any
 * municipal cloud tender, and exact as a double and in a long. */
#define CV_TENDER_MAX_YEN 10000000000000LL

enum cv_tender_method {
    CV_TENDER_TECHNICAL_ONLY = 0, /* ranked on technical points alone */
    CV_TENDER_ADDITIVE,           /* 加算方式: 技術点 + 価格点 */
    CV_TENDER_DIVISION            /* 除算方式: 技術点 ÷ 入札価格 */
};

enum cv_price_formula {
    CV_PRICE_FROM_CEILING = 0, /* 価格点 = 配分 × (1 − 入札価格/予定価格) */
    CV_PRICE_LOWEST_RATIO      /* 価格点 = 配分 × 最低入札価格/入札価格 */
};

enum cv_round_mode {
    CV_ROUND_NONE = 0, /* kept as computed */
    CV_ROUND_TRUNCATE, /* 切捨て at `digits` decimals */
    CV_ROUND_HALF_UP   /* 四捨五入 at `digits` decimals */
};

struct cv_rounding {
    enum cv_round_mode mode;
    unsigned digits; /* decimals kept: 0 = an integer */
};

/* One link of the tie-break chain, applied in order to bids equal on the
 * total (総合評価点). */
enum cv_tie_rule {
    CV_TIE_TECHNICAL = 0,   /* higher 技術点 first */
    CV_TIE_MANDATORY,       /* higher points on mandatory criteria first */
    CV_TIE_LOWER_PRICE,     /* lower 入札価格 first */
    CV_TIE_LOT              /* くじ: equal bids share the rank, and the
                               report says a lot decides */
};

/* How prices relate to consumption tax (消費税及び地方消費税). */
struct cv_tax_rule {
    unsigned rate_percent;   /* e.g. 10 */
    bool formula_inclusive;  /* the price formula uses tax-inclusive
                                amounts (default: exclusive, as bid) */
};

struct cv_tender_bid {
    const char *file;    /* matched against the submission's file name
                            (as given, or its last component), or NULL */
    const char *vendor;  /* else matched against vendor.name */
    const char *service; /* and, when given, service.name */
    int64_t price;       /* 入札価格, yen, tax-exclusive */
    const char *where;   /* JSON Pointer of the entry in the tender file */
    unsigned line;
};

struct cv_tender_def {
    const char *file;        /* as given */
    char sha256[65];         /* of the file's bytes */
    char method_sha256[65];  /* of the method part (criteria/method.h) */
    const char *id;
    struct cv_text2 title;
    const char *profile_id;     /* must be the loaded profile's */
    const char *profile_sha256; /* must be cv_criteria_sha256, or NULL */
    enum cv_tender_method method;
    double technical_points; /* 技術点の配分: the technical score is
                                scaled to it (score / max × this) */
    double price_points;     /* 価格点の配分 (additive) */
    enum cv_price_formula formula;
    double division_scale;   /* division: 評価値 = 技術点 ÷ 価格 × scale */
    int64_t ceiling;         /* 予定価格, yen, tax-exclusive; 0: not set */
    struct cv_tax_rule tax;
    struct cv_rounding round_technical, round_price, round_total;
    enum cv_tie_rule *tie_break;
    size_t ntie_break;
    bool has_minimum;
    double minimum_technical; /* 最低基準点, in 技術点 units */
    struct cv_tender_bid *bids;
    size_t nbids;
};

/* Reads and checks the tender file `path` (bytes `buf`) against the
 * loaded criteria: unknown members, wrong types, a profile other than
 * the loaded one, impossible numbers and duplicate bidders are located
 * diagnostics (CV_ECRITERIA). Strings live in `a`. */
cv_status cv_tender_parse(struct cv_tender_def *out, const struct cv_criteria *crit,
                          const char *path, const void *buf, size_t len,
                          struct cv_arena *a, struct cv_diags *diags);

/* The word of each value as the tender file writes it (docs/tender.md). */
const char *cv_tender_method_str(enum cv_tender_method m);
const char *cv_price_formula_str(enum cv_price_formula f);
const char *cv_round_mode_str(enum cv_round_mode m);
const char *cv_tie_rule_str(enum cv_tie_rule r);

/* `x` rounded by `r` (exact on decimal digits: 0.1 + 0.2 truncated at one
 * digit is 0.3). */
double cv_round_apply(const struct cv_rounding *r, double x);

#endif
