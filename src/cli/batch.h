/* SPDX-License-Identifier: MIT */
/*
 * batch.h: evaluate many submissions on worker threads and hand them back
 * in input order.
 *
 * The criteria are compiled once and shared read-only by the workers. A
 * worker takes the next input, evaluates it (read, parse, normalise,
 * evaluate; the document's memory is freed before it returns) and parks
 * the result in its slot; the calling thread takes results strictly in
 * input order and passes each to `each`. Workers never run more than a
 * small window ahead of the caller, so memory stays bounded however long
 * the batch is and whatever order the results finish in: output is the
 * same for every --jobs.
 */
#ifndef CV_CLI_BATCH_H
#define CV_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "cloudvet.h"

struct cv_batch {
    cv_ctx *ctx;
    const cv_criteria *crit;
    char *const *paths;
    size_t count;
    unsigned jobs;   /* worker threads; 0 = the number of cores */
    bool progress;   /* a progress line on stderr (a terminal) */
    cv_lang lang;
    /* Receives every submission in input order and owns it from then on;
     * returns 0 to go on, non-zero to stop the batch. */
    int (*each)(cv_submission *sub, size_t index, void *payload);
    void *payload;
};

/* Runs the batch. Returns 0, or -1 when evaluation could not go on (out
 * of memory, a thread could not start, or `each` stopped it). */
int cv_batch_run(const struct cv_batch *b);

/* The number of online cores (at least 1). */
unsigned cv_batch_cores(void);

#endif
