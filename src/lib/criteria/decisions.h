/* SPDX-License-Identifier: MIT */
/*
 * decisions.h: a committee's review decisions (docs/decisions.md), read
 * from a decisions file (JSON) or from the 審査記入 sheet of report.xlsx
 * filled in by the committee. Each decision names a bid (by its file and
 * the SHA-256 of its bytes when decided), a criterion (by its id and the
 * SHA-256 of the criterion as published, criteria/method.h), the decision
 * (met, not_met, partial), who decided, when, and why.
 */
#ifndef CV_CRITERIA_DECISIONS_H
#define CV_CRITERIA_DECISIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../load/table.h"
#include "criteria.h"

struct cv_decision {
    const char *file;             /* the bid's file name as reported */
    const char *submission_sha256;/* of the bid's bytes when decided */
    const char *criterion;        /* criterion id */
    const char *criterion_sha256; /* of the criterion when decided */
    cv_result_status status;      /* MET, NOT_MET or PARTIAL */
    const char *by;
    const char *on;               /* YYYY-MM-DD */
    const char *reason;
    const char *where;            /* JSON Pointer or cell of the decision */
    unsigned line;                /* and its line:column (0 on a sheet) */
    unsigned column;
};

struct cv_decision_set {
    const char *file;  /* as given */
    char sha256[65];   /* of the file's bytes */
    struct cv_decision *items;
    size_t count;
};

/* Reads a decisions file (JSON); problems are located diagnostics
 * (CV_ECRITERIA). */
cv_status cv_decisions_parse_json(struct cv_decision_set *out,
                                  const struct cv_criteria *crit,
                                  const char *path, const void *buf,
                                  size_t len, const cv_limits *limits,
                                  struct cv_arena *a,
                                  struct cv_diags *diags);

/* Reads the decisions sheet of a report.xlsx (its cells, load/table.h). */
cv_status cv_decisions_parse_sheet(struct cv_decision_set *out,
                                   const struct cv_criteria *crit,
                                   const char *path,
                                   const struct cv_table *sheet,
                                   struct cv_arena *a,
                                   struct cv_diags *diags);

/* The name of the sheet report.xlsx carries them in ("審査記入"). */
extern const char cv_decisions_sheet_name[];

/* The columns of that sheet, in the order report.xlsx writes them
 * (report/xlsx_decisions.c); the reader finds them by heading in either
 * language. The last four are the committee's to fill in. */
enum cv_decisions_col {
    CV_DCOL_FILE,
    CV_DCOL_VENDOR,
    CV_DCOL_SUBMISSION_SHA256,
    CV_DCOL_CRITERION,
    CV_DCOL_TITLE,
    CV_DCOL_CRITERION_SHA256,
    CV_DCOL_TOOL_STATUS,
    CV_DCOL_TOOL_REASON,
    CV_DCOL_DECISION,
    CV_DCOL_BY,
    CV_DCOL_ON,
    CV_DCOL_REASON,
    CV_DCOL_COUNT
};

struct cv_decisions_column {
    const char *member; /* the decisions file's member; NULL: shown only */
    const char *ja;     /* the heading */
    const char *en;
    bool committee;     /* filled in by the committee (not protected) */
};

extern const struct cv_decisions_column cv_decisions_columns[CV_DCOL_COUNT];

/* The last path component of a bid's file name ('/' or '\\'): a decision
 * concerns a bid when their files are equal or have the same last
 * component (docs/decisions.md#matching). */
const char *cv_decisions_base_name(const char *file);

#endif
