/* SPDX-License-Identifier: MIT */
/*
 * normtext.h: reading what people type into a number or a date.
 *
 * Vendors write ９９．９５％, 令和9年3月31日, R9.3.31, 2027/3/31. These
 * functions fold such text (NFKC first, through base/unicode) into the
 * canonical form and say whether they had to change anything, so the
 * reader can note every normalisation in the report.
 */
#ifndef CV_NORMTEXT_H
#define CV_NORMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/date.h"
#include "../base/decimal.h"
#include "../base/diag.h"
#include "../base/strbuf.h"
#include "schema.h"

struct cv_era {
    const char *name;   /* 令和 */
    const char *letter; /* R */
    cv_day first_day;
};

struct cv_eras {
    const struct cv_era *items;
    size_t count;
};

enum cv_norm_result {
    CV_NORM_SAME,    /* already canonical */
    CV_NORM_CHANGED, /* read after normalising; note it */
    CV_NORM_BAD      /* not a value of this kind */
};

/* A date: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYY.M.D, or an era date
 * (令和9年3月31日, 令和元年5月1日, R9.3.31, R9/3/31). Writes iso[11]. An era
 * date before the era's first day or on/after the next era's is BAD. */
enum cv_norm_result cv_norm_date(const struct cv_eras *eras,
                                 struct cv_arena *scratch, const char *s,
                                 size_t len, char iso[11]);

/* A plain number: optional sign, digits, optional fraction, thousands
 * commas (groups of three) allowed, after NFKC; no unit. */
enum cv_norm_result cv_norm_number(struct cv_arena *scratch, const char *s,
                                   size_t len, double *out);

/* ---- units and bounds (criteria/data/units.json) ----
 *
 * A typed number may be written with a unit and a bound word:
 * `12時間以内`, `99.9%以上`, `約4時間`, `90営業日`, `３か月`. The units
 * table says which words name which unit, how long the unit is in the
 * base unit of its dimension (a range where it has no fixed length: a
 * month is 28 to 31 days, a business day at least one day), which words
 * state a bound, and the unit of every numeric field. */

struct cv_unit {
    const char *id;        /* "hour" */
    const char *dimension; /* "time", "ratio", "information" */
    const char *name_ja;   /* how reasons write it: "時間" */
    const char *name_en;   /* "h" */
    const char **words;    /* folded: NFKC, ASCII lower case */
    size_t nwords;
    /* Its length in the dimension's base unit, shortest and longest;
     * hi_den == 0: no longest (business days). */
    uint32_t lo_num, lo_den, hi_num, hi_den;
};

struct cv_bound_word {
    const char *word;          /* folded */
    bool prefix;               /* written before the number */
    enum cv_qualifier bound;   /* CV_QUAL_EXACT for an approximation */
    bool approximate;          /* 約, 程度, 目標: not a commitment */
};

struct cv_unit_field {
    const char *field;              /* dotted: "sla.rto_hours" */
    const struct cv_schema *schema; /* its compiled schema, when loaded */
    const struct cv_unit *unit;     /* the unit its numbers are in */
    const char *label_ja;           /* what reasons call it: "RTO" */
    const char *label_en;
};

struct cv_units {
    const struct cv_unit *units;
    size_t nunits;
    const struct cv_bound_word *bounds;
    size_t nbounds;
    const struct cv_unit_field *fields;
    size_t nfields;
};

const struct cv_unit_field *cv_units_field(const struct cv_units *u,
                                           const char *dotted);
const struct cv_unit_field *
cv_units_field_of_schema(const struct cv_units *u, const struct cv_schema *s);
/* NFKC, blanks trimmed, ASCII lower case: how words are compared. */
char *cv_units_fold(struct cv_arena *a, const char *s, size_t len);

enum cv_qty_result {
    CV_QTY_SAME,         /* a plain number, as it stands */
    CV_QTY_CHANGED,      /* read after NFKC, a unit or a bound word: note it */
    CV_QTY_BAD,          /* not a number */
    CV_QTY_TOO_LONG,     /* more digits or a larger exponent than we keep */
    CV_QTY_UNKNOWN_UNIT, /* a number followed by words that are no unit */
    CV_QTY_WRONG_UNIT,   /* a unit of another dimension than the field's */
    CV_QTY_CONFLICT      /* two bound words that contradict (以上 … 以下) */
};

/* Reads `s` for a field in `field_unit` (NULL: the field takes a plain
 * number) into *out, converted into the field's unit. On UNKNOWN_UNIT,
 * WRONG_UNIT and CONFLICT, *what / *what_len are the words at fault. */
enum cv_qty_result cv_norm_quantity(const struct cv_units *u,
                                    const struct cv_unit *field_unit,
                                    struct cv_arena *scratch, const char *s,
                                    size_t len, struct cv_quantity *out,
                                    const char **what, size_t *what_len);
/* The interval a quantity states, in its field's unit, in words:
 * "12 時間以下", "84〜93 日", "約 4 時間" / "at most 12 h". */
void cv_quantity_describe(struct cv_strbuf *out, const struct cv_quantity *q,
                          cv_lang lang);
/* "at most" in Japanese for a value in `u`: 以内 for a time, else 以下. */
const char *cv_unit_at_most_ja(const struct cv_unit *u);
/* The unit's name in `lang` ("" for NULL). */
const char *cv_unit_name(const struct cv_unit *u, cv_lang lang);
/* A number already typed (a JSON number, as written): no unit, no bound. */
enum cv_qty_result cv_quantity_plain(const struct cv_unit *field_unit,
                                     const char *s, size_t len,
                                     struct cv_quantity *out);

/* ---- countries (criteria/data/countries.json) ----
 *
 * A country is written as its ISO 3166-1 alpha-2 or alpha-3 code, or one
 * of its names (English, Japanese, or one of cloudvet's aliases: 日本国,
 * アメリカ, 韓国). Every name is compared whole, as a key (cv_fold_key:
 * NFKC, case fold, blanks removed), never by a part. In the fields of
 * `law_fields` a value may also name the country's law, in one of the
 * table's law forms (日本法, 日本の法律, Japanese law, the laws of Japan). */

struct cv_country_name {
    const char *key;  /* cv_fold_key of a code, an alpha-3 code or a name */
    const char *code; /* the alpha-2 code it names */
    bool adjective;   /* "Japanese": only inside a law form */
};

struct cv_law_form {
    const char *prefix; /* key of the text before the country: "lawsof" */
    const char *suffix; /* key of the text after it: "法", "law" */
    bool adjective;     /* the form takes the adjective ({adjective} law) */
};

/* What reasons call a country: its first English and Japanese names. */
struct cv_country_title {
    const char *code;
    const char *en;
    const char *ja;
};

struct cv_countries {
    const struct cv_country_name *names; /* sorted by key, keys unique */
    size_t nnames;
    const struct cv_law_form *law_forms;
    size_t nlaw_forms;
    const struct cv_schema **law_fields; /* fields that may name a law */
    size_t nlaw_fields;
    const struct cv_country_title *titles; /* in the table's order */
    size_t ntitles;
};

/* Whether values of the field `s` may be written as a law (日本法). */
bool cv_countries_law_field(const struct cv_countries *t,
                            const struct cv_schema *s);
/* The country `s` names (as a law too when `law`): writes its alpha-2
 * code into code[3]; SAME when `s` is that code as it stands, CHANGED
 * when it was read from another form, BAD when the table does not know
 * it (t NULL: no country is known). */
enum cv_norm_result cv_norm_country(const struct cv_countries *t,
                                    struct cv_arena *scratch, const char *s,
                                    size_t len, bool law, char code[3]);

/* 法人番号: 13 digits (NFKC, hyphens and spaces dropped) whose first digit
 * is the check digit of the other twelve (国税庁 check digit rule). */
bool cv_corporate_number_valid(struct cv_arena *scratch, const char *s,
                               size_t len);

#endif
