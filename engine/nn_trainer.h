/* nn_trainer.h — runs a lesson's experiment: a *job* holds the data, one model per variant
 * with its optimiser, the batch order, the history of metrics, and the run's status.
 *
 * A job advances one *step* at a time — one batch for every variant still training — so its
 * owner decides the pace: the CLI loops, the app's worker thread checks for cancellation and
 * pauses between steps and publishes snapshots. Same configuration and seed, same numbers,
 * bit for bit.
 *
 * Semantics (PyTorch's): batches are those of a DataLoader with drop_last=False — shuffled
 * with a new permutation each epoch, or in data order when the "shuffle" parameter is 0; a
 * step is forward, mean loss, backward, optimiser step. Reported per epoch: the mean training
 * loss over the epoch's samples (from the training-mode forward passes), the training
 * accuracy of those same passes, and the loss and accuracy on the held-out validation set in
 * evaluation mode. A non-finite loss, or one a thousand times its first value (or 1, if
 * larger), stops that variant ("diverged" at that step); the job goes on with the others and
 * ends "diverged" only when none is left.
 *
 * Threads: a job is driven by one thread (which config.threads may give helpers for the
 * convolutions). nn_job_cancel may be called from any thread.
 */
#ifndef NN_TRAINER_H
#define NN_TRAINER_H

#include "nn_lesson.h"
#include "nn_safetensors.h"
#include "nn_snapshot.h"

typedef struct nn_job_config {
  const nn_lesson *lesson;
  double params[NN_MAX_PARAMS]; /* every parameter of the lesson, checked by nn_job_new */
  uint64_t seed;
  int variant;                /* -1: every variant side by side; k: variant k alone */
  long max_steps;             /* > 0: stop after this many steps, whatever the epochs */
  const nn_lesson_env *env;   /* shared data (MNIST); may be NULL for synthetic lessons */
  const nn_st_file *init;     /* starting weights for the variant(s), or NULL */
  uint64_t generation;        /* copied into snapshots */
  /* Threads a model with convolutions or pooling may use (nn_model_set_threads): 0 or 1,
   * the driving thread alone. The numbers are the same bits for any count. */
  int threads;
} nn_job_config;

/* One finished epoch of one variant. Values that do not apply are NaN. */
typedef struct nn_epoch_metrics {
  int epoch;
  long step;
  double seconds;
  float loss, accuracy, val_loss, val_accuracy;
} nn_epoch_metrics;

/* Random streams: the same seed gives independent, repeatable sequences for each use. */
enum {
  NN_STREAM_DATA = 1,
  NN_STREAM_INIT = 2,
  NN_STREAM_SHUFFLE = 3,
  NN_STREAM_DROPOUT = 16, /* + variant */
  NN_STREAM_LESSON = 32,  /* custom lessons' own draws */
};

/* Builds the data, the models, their initial weights and optimisers. On failure returns NULL
 * with a message (a parameter out of range, MNIST not loadable, --init weights that do not
 * fit the model, ...). */
nn_job *nn_job_new(const nn_job_config *config, nn_error *err);
void nn_job_free(nn_job *job);

/* One step. Returns true when it finished an epoch (its metrics are then in the history). */
bool nn_job_step(nn_job *job);
/* Steps until the job is no longer running or is cancelled; on_epoch (may be NULL) is called
 * after every finished epoch. Returns the final status. */
nn_job_status nn_job_run(nn_job *job, void (*on_epoch)(nn_job *job, void *user), void *user);
/* Gives back the models' activation memory while the job waits (paused, or finished with its
 * pictures shown); the next step or snapshot takes it again (or fails the job, saying so,
 * when memory is short). Same numbers either way. */
void nn_job_release_memory(nn_job *job);
/* Asks a running job to stop before its next step; safe from any thread. */
void nn_job_cancel(nn_job *job);
bool nn_job_is_cancelled(const nn_job *job);

nn_job_status nn_job_get_status(const nn_job *job);
/* Why the job failed or diverged, in words; "" otherwise. */
const char *nn_job_message(const nn_job *job);

const nn_lesson *nn_job_lesson(const nn_job *job);
const double *nn_job_params(const nn_job *job);
uint64_t nn_job_seed(const nn_job *job);
int nn_job_epoch(const nn_job *job);  /* finished epochs */
int nn_job_epochs(const nn_job *job); /* planned (0 when by steps alone) */
long nn_job_step_count(const nn_job *job);
long nn_job_steps_per_epoch(const nn_job *job);
/* Steps the whole run takes (0 when it has no planned end). */
long nn_job_steps_total(const nn_job *job);
double nn_job_seconds(const nn_job *job);      /* time spent inside steps */
double nn_job_samples_per_s(const nn_job *job); /* training samples a second, all variants */

/* Variants this job trains (1 when config.variant >= 0). Index i here is the lesson's
 * variant nn_job_variant_index(job, i). */
int nn_job_n_variants(const nn_job *job);
int nn_job_variant_index(const nn_job *job, int i);
const nn_variant_plan *nn_job_plan(const nn_job *job, int i);
nn_model *nn_job_model(nn_job *job, int i);
bool nn_job_variant_diverged(const nn_job *job, int i);
/* History of variant i: *count finished epochs. */
const nn_epoch_metrics *nn_job_history(const nn_job *job, int i, int *count);

const nn_dataset *nn_job_train_data(const nn_job *job);
const nn_dataset *nn_job_val_data(const nn_job *job);
/* The shared data the job was given (config.env; may be NULL): custom lessons that show a
 * digit read MNIST through it with nn_lesson_get_mnist. */
const nn_lesson_env *nn_job_env(const nn_job *job);

/* For custom lessons: their state, a generator of their own, and how they report progress. */
void *nn_job_custom(const nn_job *job);
void nn_job_set_custom(nn_job *job, void *state);
nn_rng *nn_job_rng(nn_job *job);
/* Names variant i (custom lessons, whose variants have no plan): `name` as --variant takes
 * it, `label` for legends and the status line (NULL: the name). */
void nn_job_name_variant(nn_job *job, int i, const char *name, const char *label);
/* Sets the planned number of epochs (custom lessons: steps or rounds). */
void nn_job_set_epochs(nn_job *job, int epochs);
/* Records an epoch's metrics for variant i (custom lessons; supervised ones get this done). */
void nn_job_record_epoch(nn_job *job, int i, float loss, float accuracy, float val_loss,
                         float val_accuracy);
/* Marks variant i as diverged at the current step with a reason. */
void nn_job_mark_diverged(nn_job *job, int i, const char *why);

/* A new snapshot (reference count 1) of everything a page draws right now: progress, the
 * history curves, the lesson's own items, and model copies if the lesson asks for them.
 * NULL only when out of memory. */
nn_snapshot *nn_job_snapshot(nn_job *job);

/* Saves variant i's state dict to a safetensors file whose __metadata__ names the lesson,
 * the variant, the seed and every parameter, so `predict` and the app can rebuild the model
 * from the file alone. Atomic: a failed write keeps the old file. */
bool nn_job_save_weights(const nn_job *job, int i, const char *path, nn_error *err);

#endif
