/* nn_pool.c — helper threads for nn_pool_run: a generation counter under one mutex; each
 * helper runs its parts of the new generation, and the last to finish wakes the caller. */
#include "nn_pool.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct nn_pool {
  int threads;
  pthread_t helpers[NN_POOL_MAX_THREADS - 1];
  int started; /* helpers running */
  pthread_mutex_t lock;
  pthread_cond_t wake, done;
  /* The current job, written under lock before generation moves. */
  unsigned long generation;
  bool quit;
  nn_pool_fn *fn;
  void *ctx;
  int parts;
  int next;     /* the next part nobody has taken */
  int finished; /* parts done */
};

/* Takes and runs parts of the current job until none is left; called and returns with the lock
 * held. Whoever is free takes the next part: a helper the system has not scheduled yet costs
 * nothing, the caller does its share. Which thread runs a part never changes what it writes. */
static void work_on_job(nn_pool *pool)
{
  while (pool->next < pool->parts) {
    int p = pool->next++;
    nn_pool_fn *fn = pool->fn;
    void *ctx = pool->ctx;
    pthread_mutex_unlock(&pool->lock);
    fn(ctx, p);
    pthread_mutex_lock(&pool->lock);
    if (++pool->finished == pool->parts)
      pthread_cond_signal(&pool->done);
  }
}

static void *helper_main(void *arg)
{
  nn_pool *pool = arg;
  unsigned long seen = 0;
  pthread_mutex_lock(&pool->lock);
  for (;;) {
    while (!pool->quit && pool->generation == seen)
      pthread_cond_wait(&pool->wake, &pool->lock);
    if (pool->quit)
      break;
    seen = pool->generation;
    work_on_job(pool);
  }
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

nn_pool *nn_pool_new(int threads, nn_error *err)
{
  if (threads < 1 || threads > NN_POOL_MAX_THREADS) {
    nn_fail(err, "threads must be 1 to %d (got %d)", NN_POOL_MAX_THREADS, threads);
    return NULL;
  }
  nn_pool *pool = nn_alloc(1, sizeof *pool, err);
  if (!pool)
    return NULL;
  pool->threads = threads;
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pthread_cond_init(&pool->done, NULL);
  for (int i = 1; i < threads; i++) {
    if (pthread_create(&pool->helpers[i - 1], NULL, helper_main, pool) != 0) {
      nn_pool_free(pool);
      nn_fail(err, "cannot start a helper thread");
      return NULL;
    }
    pool->started++;
  }
  return pool;
}

void nn_pool_free(nn_pool *pool)
{
  if (!pool)
    return;
  pthread_mutex_lock(&pool->lock);
  pool->quit = true;
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);
  for (int i = 0; i < pool->started; i++)
    pthread_join(pool->helpers[i], NULL);
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->lock);
  free(pool);
}

int nn_pool_threads(const nn_pool *pool)
{
  return pool ? pool->threads : 1;
}

void nn_pool_run(nn_pool *pool, int parts, nn_pool_fn *fn, void *ctx)
{
  if (!pool || pool->threads == 1 || parts <= 1) {
    for (int p = 0; p < parts; p++)
      fn(ctx, p);
    return;
  }
  pthread_mutex_lock(&pool->lock);
  pool->fn = fn;
  pool->ctx = ctx;
  pool->parts = parts;
  pool->next = 0;
  pool->finished = 0;
  pool->generation++;
  pthread_cond_broadcast(&pool->wake);
  work_on_job(pool);
  while (pool->finished < pool->parts)
    pthread_cond_wait(&pool->done, &pool->lock);
  pthread_mutex_unlock(&pool->lock);
}
