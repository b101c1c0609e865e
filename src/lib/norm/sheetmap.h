/* SPDX-License-Identifier: MIT */
/*
 * sheetmap.h: a compiled check-sheet mapping (docs/mappings.md).
 *
 * A mapping file of criteria/mappings/ (or the one --mapping names) says
 * how to read a check sheet someone else designed: which sheet, where its
 * header is, which columns hold the item, the answer, the explanation,
 * the evidence and the responsibility split, what the answer words mean,
 * and which item feeds which criterion or fact. criteria/mapping.c
 * compiles the file strictly (against the schema and the catalogue);
 * norm/sheet_mapped.c applies it to the cells load/ read. Nothing here is
 * guessed: a word, a header or an item the mapping does not declare is
 * not read, and the reader says so at its cell.
 *
 * Everything is read-only after compiling and shared between threads.
 * Words, headers and item keys are stored as cv_cell_key keys (NFKC, case
 * folded, blanks removed), so they are compared with strcmp.
 */
#ifndef CV_SHEETMAP_H
#define CV_SHEETMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A pattern of the mapping (a sheet name, a question id), compiled by
 * criteria/ (regex.h, with the run's match limit): norm/ only calls it.
 * `match` returns 1 on a match, 0 on none, -1 when the match limit was
 * hit (treated as no match, and said). */
typedef int cv_sheetmap_match_fn(const void *re, const char *s, size_t len,
                                 uint32_t limit);

struct cv_sheetmap_pattern {
    const char *text;            /* as written, for messages; NULL: none */
    const void *re;
    cv_sheetmap_match_fn *match;
    uint32_t limit;
};

/* The columns a mapping may name, in the order of this enum (the table of
 * their member names is in criteria/mapping.c). */
enum cv_sheetmap_role {
    CV_MAPCOL_ITEM = 0,          /* item number / question id */
    CV_MAPCOL_LABEL,             /* the item's name (サービスレベル項目例) */
    CV_MAPCOL_ANSWER,            /* the vendor's answer (○, Yes, 99.9%) */
    CV_MAPCOL_EXPLANATION,       /* the vendor's explanation */
    CV_MAPCOL_EVIDENCE,          /* the document that backs it */
    CV_MAPCOL_RESPONSIBILITY,    /* CAIQ SSRM Control Ownership */
    CV_MAPCOL_CUSTOMER,          /* CAIQ CSC Responsibilities */
    CV_MAPCOL_NROLES
};

struct cv_sheetmap_column {
    const char *member;          /* its name in the mapping ("answer") */
    bool declared;
    bool required;
    const char **keys;           /* the header texts it is found by, keyed */
    const char **headers;        /* the same, as written (messages) */
    size_t nheaders;
};

/* A word of a vocabulary and the schema value it stands for. */
struct cv_sheetmap_word {
    const char *key;
    const char *value;
};

/* A vocabulary: its words, and its values in the order the mapping lists
 * them (for responsibilities: the one leaving most to the customer first,
 * which is the one kept when several items feed one criterion). */
struct cv_sheetmap_vocab {
    struct cv_sheetmap_word *words;
    size_t nwords;
    const char **values;
    size_t nvalues;
};

/* A whole-cell phrase read as another text before a fact is set
 * ("翌営業日" -> "1営業日"), with the reasoning in the mapping file. */
struct cv_sheetmap_phrase {
    const char *key;
    const char *value;
};

/* One item of the sheet the mapping reads, by its keys (the item number
 * or the label, whichever the rows are keyed by). */
struct cv_sheetmap_item {
    const char **keys;
    size_t nkeys;
    const char *criterion;       /* an answer for this criterion, or NULL */
    const char *field;           /* a scalar fact set from the answer, or
                                    NULL; dotted, no array steps */
    bool field_boolean;          /* the fact is a boolean: the answer word
                                    gives true (yes) or false (no) */
};

/* Where the workbook names who answered: a cell whose text is one of
 * `labels`; the value is the next non-empty cell to its right. */
struct cv_sheetmap_name {
    const char **labels;         /* keys; none: not declared */
    size_t nlabels;
};

enum cv_sheetmap_key { CV_MAPKEY_ITEM = 0, CV_MAPKEY_LABEL };

struct cv_sheetmap {
    const char *id;
    const char *file;            /* the mapping file, for messages */
    const char *title_ja, *title_en;

    /* which sheet: by name (a key), by pattern, by marker cells (every
     * marker must be a cell of the sheet within search_rows); at least
     * one is declared (a mapping never captures any workbook). */
    const char *sheet_key;
    struct cv_sheetmap_pattern sheet_pattern;
    const char **markers;
    size_t nmarkers;
    /* the version the item ids were written for: the sheet's name must
     * match it, else the workbook is refused with `reason` */
    struct cv_sheetmap_pattern version;
    const char *written_for;
    const char *reason_ja, *reason_en;

    unsigned search_rows;        /* rows searched for header and markers */
    unsigned header_row;         /* 1-based; 0: searched */
    unsigned header_rows;        /* 1 or 2 (a two-row header) */
    struct cv_sheetmap_column columns[CV_MAPCOL_NROLES];

    enum cv_sheetmap_key key;    /* what items are matched by */
    struct cv_sheetmap_pattern item_pattern; /* a row's item must match */
    bool stop_at_non_item;       /* the table ends at the first row whose
                                    item does not match item_pattern */
    unsigned max_rows;           /* data rows examined at most */

    struct cv_sheetmap_vocab answers;          /* -> answers[].response */
    struct cv_sheetmap_vocab responsibilities; /* -> answers[].responsibility */
    const char **no_value;       /* keys of words that commit to nothing */
    size_t nno_value;
    struct cv_sheetmap_phrase *phrases;
    size_t nphrases;
    struct cv_sheetmap_item *items;
    size_t nitems;
    struct cv_sheetmap_name vendor, service;
};

#endif
