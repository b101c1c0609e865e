/* SPDX-License-Identifier: MIT */
/* eval_deletion.h: the `deletion` check (eval_deletion.c). */
#ifndef CV_EVAL_DELETION_H
#define CV_EVAL_DELETION_H

#include "eval.h"

/* 5(6)①: all records erased beyond recovery (a method the deletion
 * methods table recognises as irrecoverable, not a logical deletion) and
 * a document proving it (exit.deletion.certificate). */
cv_status cv_check_deletion(struct cv_check *ck);

#endif
