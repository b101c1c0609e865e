/* SPDX-License-Identifier: MIT */
/*
 * workbook.h: the words of cloudvet's own workbook for the layers above
 * criteria/. data/workbook.json is a criteria file (loaded by
 * tables_workbook.c into cv_criteria.wb_words); the struct lives with its
 * reader in norm/sheets.h, which criteria/ may include and report/ may
 * not, so the template writer (report/template_xlsx.c) reaches it here.
 */
#ifndef CV_CRITERIA_WORKBOOK_H
#define CV_CRITERIA_WORKBOOK_H

#include "../norm/sheets.h"

#endif
