/* SPDX-License-Identifier: MIT */
/*
 * xlsx_decisions.h: the 審査記入 sheet of report.xlsx (docs/decisions.md),
 * where the committee records its review decisions and which
 * `cloudvet evaluate --decisions report.xlsx` reads back
 * (criteria/decisions.h has its columns).
 */
#ifndef CV_REPORT_XLSX_DECISIONS_H
#define CV_REPORT_XLSX_DECISIONS_H

#include <stddef.h>

#include "view.h"

struct lxw_workbook; /* libxlsxwriter stays in the .c files (src/README.md) */

/* Adds the sheet to `wb` (constant_memory mode: rows in order). A
 * libxlsxwriter failure is CV_EIO, memory CV_ENOMEM; `where` (of
 * `where_len` bytes) then names the sheet. */
cv_status cv_xlsx_decisions_sheet(struct lxw_workbook *wb,
                                  const struct cv_view *v, char *where,
                                  size_t where_len);

#endif
