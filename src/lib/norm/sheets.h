/* SPDX-License-Identifier: MIT */
/*
 * sheets.h: stage 2 for workbooks, sheets of cells -> raw questionnaire.
 *
 * A vendor answers in Excel as often as in JSON: cloudvet's own workbook
 * (`cloudvet template --format xlsx`), a municipality's check sheet read
 * through a declared mapping, the METI service-level check list, a CSA
 * CAIQ v4 workbook. Each of those readers turns the cells load/ read
 * (load/table.h: display text, merged ranges repeated) into the same raw
 * tree a JSON questionnaire gives: objects, arrays and scalars, every
 * value located at its cell ("Sheet!C12"). cv_normalise then types and
 * checks it exactly as it checks JSON, so every rule, reason and report
 * works on a workbook unchanged, and the same facts give the same
 * verdict in every form.
 *
 * Which reader: a workbook that carries cloudvet's marker sheet is read by
 * sheet_own.c; any other by the mapping given with --mapping, or else by
 * the one built-in mapping that recognises it (sheet_mapped.c). Nothing is
 * guessed: a workbook no mapping recognises is refused, naming them.
 */
#ifndef CV_SHEETS_H
#define CV_SHEETS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "../base/diag.h"
#include "../base/node.h"
#include "../load/table.h"
#include "schema.h"

struct cv_sheetmap;    /* a compiled mapping (sheetmap.h) */
struct cv_wb_words;    /* cloudvet workbook's words (sheet_own.c) */

struct cv_sheets_req {
    const char *source;                 /* the file, for diagnostics */
    const struct cv_sheets *sheets;
    const struct cv_schema *schema;     /* the questionnaire's */
    const struct cv_wb_words *words;    /* NULL: no own-workbook reader */
    const struct cv_sheetmap *const *mappings; /* the built-in ones */
    size_t nmappings;
    const struct cv_sheetmap *forced;   /* --mapping: only this one */
    const char *vendor;                 /* --vendor, or NULL */
    const char *service;                /* --service, or NULL */
    const cv_limits *limits;            /* max_nodes, max_string_bytes */
    struct cv_arena *arena;             /* the document's lifetime */
    struct cv_diags *diags;
};

/* The raw tree of one workbook. CV_OK with *raw set (diagnostics may say
 * what could not be read); CV_EINVALID when no reader takes the workbook
 * (a diagnostic says why and what would); CV_ELIMIT; CV_ENOMEM. Fills in
 * vendor.name and service.name when the sheet does not name them (from
 * --vendor/--service, else the file name) and says so in a note. */
cv_status cv_sheets_questionnaire(struct cv_node **raw,
                                  const struct cv_sheets_req *req);

/* ---- the tree builder the readers share -------------------------------- */

/*
 * A raw questionnaire under construction: JSON-model nodes (OBJECT,
 * ARRAY, STRING, NUMBER, BOOL). Paths are the schema's member names with
 * explicit item indices: "sla.rto_hours", "certifications[2].scheme",
 * "answers[0].evidence[0].title"; "[]" appends a new item
 * ("data_location.remote_access_countries[]"). An index may name the last
 * item, an earlier one, or the next one (append); a gap is a usage error.
 * Objects and arrays are created on the way, located at the first cell
 * that fed them.
 */
struct cv_sheet_tree {
    struct cv_node *root;
    const struct cv_sheets_req *req;
    size_t nodes;
};

cv_status cv_sheet_tree_init(struct cv_sheet_tree *t,
                             const struct cv_sheets_req *req);

/*
 * Sets the value at `path` to `text` read from cell `cellref` (the
 * location every diagnostic about it will carry). The text is stored
 * as the vendor wrote it, typed only where that is unambiguous:
 *   "true" / "false" in a boolean field -> BOOL (readers translate their
 *   vocabulary, はい/有/○ and the like, before they call this);
 *   a plain number ("99.95", "4") in a number field -> NUMBER;
 *   anything else -> STRING, so that the normaliser reads units
 *   ("4時間以内") or reports the value at its cell.
 * A path the schema does not know is CV_EUSAGE (a reader's bug; mappings
 * are checked against the schema when they are compiled). A second value
 * for the same scalar is a warning at the second cell; the first stays.
 */
cv_status cv_sheet_tree_set(struct cv_sheet_tree *t, const char *path,
                            const char *text, const char *cellref);

/* Whether the scalar at `path` (no indices needed: "vendor.name") was set. */
bool cv_sheet_tree_has(const struct cv_sheet_tree *t, const char *path);

/* "Sheet!C12" for 1-based `row` and 0-based `col`, quoting the sheet name
 * as Excel does when it is not a plain word ('My Sheet'!C12,
 * 'It''s'!A1); in `a`, NULL when out of memory. */
const char *cv_cell_ref(struct cv_arena *a, const char *sheet, unsigned row,
                        size_t col);

/* A diagnostic at a cell of the workbook ("Sheet!C12"; NULL or "" for
 * the whole file), the one way the workbook readers report: a warning or
 * an error carries CV_EINVALID, a note CV_OK. Returns what cv_diags_add
 * does (CV_OK, or CV_ENOMEM). */
cv_status cv_sheets_say(const struct cv_sheets_req *req, cv_severity sev,
                        const char *cellref, const char *fmt, ...)
    CV_PRINTF(4, 5);
cv_status cv_sheets_vsay(const struct cv_sheets_req *req, cv_severity sev,
                         const char *cellref, const char *fmt, va_list ap)
    CV_PRINTF(4, 0);

/* The key a header or a vocabulary word is matched by: NFKC, case folded,
 * every blank removed (full-width ones included), so "ＲＴＯ ", "rto" and
 * "R T O" all give "rto"; "〇" and "○" stay distinct characters. In `a`;
 * "" for an empty cell (NULL text); NULL when out of memory. */
const char *cv_cell_key(struct cv_arena *a, const char *text);

/* ---- cloudvet's workbook words ------------------------------------------ */

/*
 * criteria/data/workbook.json (loaded by criteria/tables_workbook.c): the
 * layout of cloudvet's own workbook and every word in it, in both
 * languages. The template writer (report/template_xlsx.c) and the reader
 * (sheet_own.c) both use it, so the words cannot drift apart; the
 * workbook's own hidden sheets never say what a word means (a vendor can
 * rewrite them). docs/workbook.md describes the layout.
 */

/* A drop-down word and the schema value it stands for. */
struct cv_wb_word {
    const char *field;  /* dotted, no indices ("answers.response"); NULL:
                           every boolean field */
    const char *value;  /* an enum value of the field, or "true"/"false" */
    const char *ja, *en;
    const char **keys;  /* cv_cell_key of ja, en, the value and aliases */
    size_t nkeys;
};

/* What a column shows that is no answer: the template fills it in. */
enum cv_wb_show {
    CV_WB_SHOW_NONE = 0,  /* an answer cell (key set) */
    CV_WB_SHOW_NUMBER,    /* the row's number */
    CV_WB_SHOW_CLAUSES,   /* answers: the criterion's clauses */
    CV_WB_SHOW_REQUIREMENT, /* answers: title and requirement */
    CV_WB_SHOW_MANDATORY  /* answers: mandatory or not, and thresholds */
};

/* One column of a table sheet, or one row of the fields sheet; a repeated
 * one ("versions[]", evidence groups) is already expanded. */
struct cv_wb_column {
    const char *key;     /* a schema path, relative to the table's item or
                            from the root on the fields sheet: "scheme",
                            "evidence[1].url", "versions[]"; NULL: none */
    enum cv_wb_show show;
    const char *ja, *en; /* heading or label; NULL for none */
    const char *hint_ja, *hint_en; /* unit or how to answer; NULL: none */
    const char *list;    /* a table list id ("schemes", "countries",
                            "mfa_factors", "tls_versions") or NULL */
    unsigned width;      /* characters; 0: the default */
    bool prefilled;      /* written by the template (answers' id): alone it
                            makes no item */
};

struct cv_wb_sheet {
    const char *id;
    const char *ja, *en;   /* the tab's name */
    const char *array;     /* dotted array of objects ("data_location.
                              storage"); NULL: the fields sheet */
    const struct cv_wb_column *columns; /* the fields sheet: its rows */
    size_t ncolumns;
    unsigned blank_rows;   /* tables other than answers: rows offered */
};

struct cv_wb_text {
    const char *id;
    const char *ja, *en;
};

struct cv_wb_words {
    const char *layout;       /* "cloudvet-workbook/1": the marker's A2 */
    const char *marker_sheet; /* "_cloudvet": A1 is the questionnaire
                                 format */
    const char *lists_sheet;  /* "_lists": the drop-down lists */
    const struct cv_wb_word *words;
    size_t nwords;
    const struct cv_wb_sheet *sheets;
    size_t nsheets;
    const struct cv_wb_text *texts;
    size_t ntexts;
};

/* The key row's own markers (row 1 of every data sheet): the fields
 * sheet's path and value columns; a key starting with '#' is the layout's
 * own column, never a value. */
#define CV_WB_KEY_PATH "#path"
#define CV_WB_KEY_VALUE "#value"

/* The text `id` of workbook.json in `lang` ("" when it has none). */
const char *cv_wb_text(const struct cv_wb_words *w, const char *id,
                       cv_lang lang);
/* The sheet of workbook.json for the dotted array `array` (NULL: the
 * fields sheet), or NULL. */
const struct cv_wb_sheet *cv_wb_sheet_for(const struct cv_wb_words *w,
                                          const char *array);
/* Whether `key` is a path to a scalar of the schema `s` in the tree
 * builder's grammar ("evidence[0].title", "versions[]"); `dotted` gets
 * the path without indices ("evidence.title") when not NULL (n bytes). */
bool cv_wb_key_valid(const struct cv_schema *s, const char *key,
                     char *dotted, size_t n);

/* ---- the readers (one file each) ---------------------------------------- */

/* sheet_own.c: cloudvet's own workbook, recognised by its marker sheet. */
bool cv_sheets_is_own(const struct cv_sheets *sheets);
cv_status cv_sheets_own(struct cv_sheet_tree *t);

/* sheet_mapped.c: a check sheet read through a mapping (sheetmap.h). */
bool cv_sheetmap_recognises(const struct cv_sheetmap *m,
                            const struct cv_sheets *sheets);
const char *cv_sheetmap_id(const struct cv_sheetmap *m);
cv_status cv_sheets_mapped(struct cv_sheet_tree *t,
                           const struct cv_sheetmap *m);

#endif
