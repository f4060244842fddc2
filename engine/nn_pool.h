/* nn_pool.h — a few helper threads that run the parts of one job beside the caller.
 *
 * A model with a pool splits each batch into parts (nn_model_set_threads); the caller and the
 * helpers take the parts one by one, whoever is free, and nn_pool_run returns when all are
 * done. Parts write disjoint memory and their results are combined by the caller in part
 * order, so what a job computes depends neither on timing nor on the number of threads; a
 * helper the system schedules late only means the caller does more. Helpers sleep on a
 * condition variable between jobs (no spinning: the machine is shared with the GUI and
 * whatever else runs). One job at a time per pool: a pool belongs to one model, used from one
 * thread. */
#ifndef NN_POOL_H
#define NN_POOL_H

#include "nn_base.h"

#define NN_POOL_MAX_THREADS 8

typedef struct nn_pool nn_pool;

/* threads ≥ 1 in total, the caller included (1: no helper is started). NULL on failure. */
nn_pool *nn_pool_new(int threads, nn_error *err);
void nn_pool_free(nn_pool *pool);
int nn_pool_threads(const nn_pool *pool);

typedef void nn_pool_fn(void *ctx, int part);

/* fn(ctx, p) for p in 0 .. parts−1, on whichever threads take them; returns when every part is
 * done.
 * pool may be NULL: the parts run in order on the caller. */
void nn_pool_run(nn_pool *pool, int parts, nn_pool_fn *fn, void *ctx);

#endif
