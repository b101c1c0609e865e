/* SPDX-License-Identifier: MIT */
/* batch.c: the worker pool of `cloudvet evaluate` (see batch.h). */
#include "batch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "out.h"

/* How far workers may run ahead of the consumer, per worker: enough to
 * keep every core busy past a slow file, few enough that results waiting
 * for their turn stay a handful. */
#define CV_BATCH_AHEAD_PER_JOB 4

struct pool {
    const struct cv_batch *b;
    cv_submission **slots; /* a ring of `window` results */
    size_t window;
    size_t next;     /* next input to take */
    size_t consumed; /* inputs handed to `each` so far */
    int stop;        /* set on a failure: workers finish and leave */
    pthread_mutex_t mu;
    pthread_cond_t ready; /* a slot was filled */
    pthread_cond_t room;  /* the consumer moved on */
};

unsigned cv_batch_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        cv_submission *sub = NULL;
        cv_status st;
        size_t i;
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->next < p->b->count &&
               p->next >= p->consumed + p->window)
            pthread_cond_wait(&p->room, &p->mu);
        if (p->stop || p->next >= p->b->count) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        i = p->next++;
        pthread_mutex_unlock(&p->mu);

        st = cv_submission_evaluate_file(&sub, p->b->ctx, p->b->crit,
                                         p->b->paths[i]);
        pthread_mutex_lock(&p->mu);
        if (st != CV_OK) {
            cv_cli_error("%s: %s", p->b->paths[i], cv_status_str(st));
            p->stop = 1;
            pthread_cond_broadcast(&p->room);
        } else {
            p->slots[i % p->window] = sub;
        }
        pthread_cond_broadcast(&p->ready);
        pthread_mutex_unlock(&p->mu);
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "  1234/10000  812 files/s  ETA 11 s" over itself, at most ten times a
 * second, once the batch has run for a second. */
static void show_progress(const struct cv_batch *b, size_t done, double start,
                          double *last, int final)
{
    double t = now_seconds(), rate;
    if (!b->progress || (!final && (t - start < 1.0 || t - *last < 0.1)))
        return;
    if (final && *last == 0)
        return; /* short batches print nothing */
    *last = t;
    rate = (double)done / (t - start > 0 ? t - start : 1e-9);
    fprintf(stderr, "\r%zu/%zu  %.0f %s", done, b->count, rate,
            b->lang == CV_LANG_EN ? "files/s" : "件/秒");
    if (!final && rate > 0)
        fprintf(stderr, "  ETA %.0f s   ",
                (double)(b->count - done) / rate);
    if (final)
        fputs("          \n", stderr);
    fflush(stderr);
}

/* Takes result `i` when it is ready; NULL when the batch stopped. */
static cv_submission *take(struct pool *p, size_t i)
{
    cv_submission *sub;
    pthread_mutex_lock(&p->mu);
    while (!p->stop && !p->slots[i % p->window])
        pthread_cond_wait(&p->ready, &p->mu);
    sub = p->slots[i % p->window];
    p->slots[i % p->window] = NULL;
    if (sub) {
        p->consumed = i + 1;
        pthread_cond_broadcast(&p->room);
    }
    pthread_mutex_unlock(&p->mu);
    return sub;
}

static void stop_all(struct pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->room);
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->mu);
}

/* The consumer loop, on the calling thread. */
static int consume(struct pool *p)
{
    const struct cv_batch *b = p->b;
    double start = now_seconds(), last = 0;
    size_t i;
    for (i = 0; i < b->count; i++) {
        cv_submission *sub = take(p, i);
        if (!sub)
            return -1;
        if (b->each(sub, i, b->payload) != 0) {
            stop_all(p);
            return -1;
        }
        show_progress(b, i + 1, start, &last, 0);
    }
    show_progress(b, b->count, start, &last, 1);
    return 0;
}

int cv_batch_run(const struct cv_batch *b)
{
    struct pool p;
    pthread_t *threads;
    unsigned jobs = b->jobs ? b->jobs : cv_batch_cores(), started = 0, t;
    size_t i;
    int rc = -1;

    if (b->count == 0)
        return 0;
    if (jobs > b->count)
        jobs = (unsigned)b->count;
    memset(&p, 0, sizeof(p));
    p.b = b;
    p.window = (size_t)jobs * CV_BATCH_AHEAD_PER_JOB;
    p.slots = calloc(p.window, sizeof(*p.slots));
    threads = calloc(jobs, sizeof(*threads));
    if (!p.slots || !threads)
        goto out;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);
    for (t = 0; t < jobs; t++, started++)
        if (pthread_create(&threads[t], NULL, worker, &p) != 0)
            break;
    if (started == 0)
        cv_cli_error("%s", "cannot start a worker thread");
    else
        rc = consume(&p);
    if (rc != 0)
        stop_all(&p);
    for (t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    /* Results that were never taken (the batch stopped). */
    for (i = 0; i < p.window; i++)
        cv_submission_free(p.slots[i]);
    pthread_cond_destroy(&p.room);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.mu);
out:
    free(threads);
    free(p.slots);
    return rc;
}
