/* SPDX-License-Identifier: MIT */
/*
 * diff.h: what changed between two rounds (cloudvet diff), as a list of
 * differences the glue (cloudvet_diff.c) builds, and the writers of that
 * list: text, HTML and JSON ("cloudvet-diff/1", docs/diff.md).
 *
 * The writers never see a document tree: every value is already a string
 * as the vendor wrote it (or as the report said it), with where it is in
 * each file. Every such string passes the display cleaning (view.h)
 * before the format's own escaping.
 */
#ifndef CV_REPORT_DIFF_H
#define CV_REPORT_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "cloudvet.h"

/* The groups, in the order the writers show them. */
enum cv_diff_group {
    CV_DG_ANSWER = 0, /* answers[]: response, explanation, … */
    CV_DG_FACT,       /* a leaf of the normalised sections */
    CV_DG_EVIDENCE,   /* an evidence item, wherever it is */
    CV_DG_RESULT,     /* a criterion's status, points or reason */
    CV_DG_VERDICT,    /* verdict, score, conditional mark, rank */
    CV_DG_BID,        /* reports: a bid added or removed */
    CV_DG_METHOD,     /* reports: profile, criteria or method differ */
    CV_DG_COUNT
};

enum cv_diff_op { CV_DOP_ADDED = 0, CV_DOP_REMOVED, CV_DOP_CHANGED };

/* What the values are: the human formats show a status or a verdict in
 * the report's words of the run's language; JSON keeps the value. */
enum cv_diff_value { CV_DV_TEXT = 0, CV_DV_STATUS, CV_DV_VERDICT };

/* Where a value is in one file; path NULL when it is not there. */
struct cv_diff_loc {
    const char *path; /* JSON Pointer, XPath or cell */
    unsigned line;
    unsigned column;
};

struct cv_diff_item {
    enum cv_diff_group group;
    enum cv_diff_op op;
    const char *bid;     /* reports: the bid (file name) it concerns; NULL */
    const char *subject; /* "sla.rto_hours", a criterion id, "verdict" */
    const char *old_value; /* NULL when absent in the old file */
    const char *new_value; /* NULL when absent in the new file */
    enum cv_diff_value value_kind;
    struct cv_diff_loc old_loc, new_loc;
};

enum cv_diff_kind { CV_DIFF_SUBMISSIONS = 0, CV_DIFF_REPORTS };

struct cv_diff {
    struct cv_arena *arena; /* the items' lifetime */
    enum cv_diff_kind kind;
    cv_lang lang;
    const char *old_file;
    const char *new_file;
    /* warnings said before the differences (vendors differ, methods
     * differ), in the run's language */
    const char **notes;
    size_t nnotes, notes_cap;
    struct cv_diff_item *items;
    size_t count, cap;
};

void cv_diff_init(struct cv_diff *d, struct cv_arena *arena, cv_lang lang,
                  enum cv_diff_kind kind);
/* Appends a copy of `item` (its strings are borrowed: they must live as
 * long as the arena). */
cv_status cv_diff_add(struct cv_diff *d, const struct cv_diff_item *item);
cv_status cv_diff_note(struct cv_diff *d, const char *text);

/* The group's heading (回答, 事実, …) in `lang`; its JSON name. */
const char *cv_diff_group_word(enum cv_diff_group g, cv_lang lang);
const char *cv_diff_group_name(enum cv_diff_group g);
const char *cv_diff_op_name(enum cv_diff_op op);

cv_status cv_diff_write_text(const struct cv_diff *d, cv_write_fn write,
                             void *payload);
cv_status cv_diff_write_html(const struct cv_diff *d, cv_write_fn write,
                             void *payload);
cv_status cv_diff_write_json(const struct cv_diff *d, cv_write_fn write,
                             void *payload);

#endif
