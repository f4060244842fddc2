/* EiafWorker — runs one lesson's training job in a thread of its own and hands snapshots to
 * the main thread.
 *
 * The main thread only ever sets flags under a lock the worker holds between steps, never
 * during one: it never joins, sleeps or waits on training. A parameter change cancels the
 * running job at its next step and starts a new one at once, then at most every ~100 ms
 * while changes keep coming (the last change always wins). Snapshots are coalesced: the
 * "snapshot" signal fires on the main thread with the newest one only, at most ~30 a second.
 */
#pragma once

#include <gio/gio.h>

#include "nn_trainer.h"

G_BEGIN_DECLS

#define EIAF_TYPE_WORKER (eiaf_worker_get_type())
G_DECLARE_FINAL_TYPE(EiafWorker, eiaf_worker, EIAF, WORKER, GObject)

typedef enum {
  EIAF_WORKER_IDLE,     /* no job yet */
  EIAF_WORKER_STARTING, /* building data and models */
  EIAF_WORKER_RUNNING,
  EIAF_WORKER_PAUSED,
  EIAF_WORKER_FINISHED,
  EIAF_WORKER_DIVERGED,
  EIAF_WORKER_FAILED,
} EiafWorkerState;

/* env: where lessons get shared data (borrowed; must outlive the worker). */
EiafWorker *eiaf_worker_new(const nn_lesson *lesson, const nn_lesson_env *env);

/* Parameters and seed of the next run; restarts (see above). values: n_params doubles. */
void eiaf_worker_set_params(EiafWorker *self, const double *values);
void eiaf_worker_set_seed(EiafWorker *self, guint64 seed);
guint64 eiaf_worker_get_seed(EiafWorker *self);
/* Where the next runs get shared data (borrowed; must outlive the worker); restarts. */
void eiaf_worker_set_env(EiafWorker *self, const nn_lesson_env *env);
/* Weights to start the runs from (a safetensors file already read; the worker takes its
 * contents and clears *init), or NULL for the lesson's own initialisation. Takes effect at the
 * next restart (parameters, seed, reset), so a caller changing both restarts once. */
void eiaf_worker_set_init(EiafWorker *self, nn_st_file *init);

void eiaf_worker_play(EiafWorker *self);
void eiaf_worker_pause(EiafWorker *self);
gboolean eiaf_worker_is_playing(EiafWorker *self);
/* One step (one batch of every variant), then pause. */
void eiaf_worker_step(EiafWorker *self);
/* Restart from step 0 with the same seed and parameters. */
void eiaf_worker_reset(EiafWorker *self);

EiafWorkerState eiaf_worker_get_state(EiafWorker *self);
/* The newest snapshot delivered, or NULL (borrowed). */
nn_snapshot *eiaf_worker_get_snapshot(EiafWorker *self);
/* Which run (generation) the newest parameters belong to; snapshots carry it too. */
guint64 eiaf_worker_get_generation(EiafWorker *self);

/* Saves variant `variant`'s weights of the current run (runs on the worker thread between
 * steps; `callback` gets the result on the main thread). */
void eiaf_worker_save_weights(EiafWorker *self, int variant, const char *path,
                              GAsyncReadyCallback callback, gpointer user_data);
gboolean eiaf_worker_save_weights_finish(EiafWorker *self, GAsyncResult *result,
                                         GError **error);

/* Threads each new run may use for its convolutions and pooling (nn_job_config.threads),
 * for every worker of the process; the numbers are the same bits for any count. Default:
 * eiaf_worker_default_threads(). Takes effect at the next restart. */
void eiaf_worker_set_threads(int threads);
int eiaf_worker_get_threads(void);
/* Two on a machine with two or more processors, else one (see the definition for why). */
int eiaf_worker_default_threads(void);

/* Waits (bounded) until every worker thread of the process has exited: for application
 * shutdown, after the windows are gone. Returns FALSE if some did not stop in time. */
gboolean eiaf_worker_wait_all(guint timeout_ms);

G_END_DECLS
