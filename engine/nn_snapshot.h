/* nn_snapshot.h — what a page draws, frozen: an immutable, self-contained, reference-counted
 * copy made by the training thread and read by the UI thread.
 *
 * A snapshot is a bag of named float arrays ("items") plus the run's progress. Nothing in it
 * points into live training memory, so the UI may keep it as long as it likes; the last
 * nn_snapshot_unref (from any thread) frees it. Only the thread that made it may add items, and
 * only before handing it on.
 *
 * Item names used by every trained lesson (v = variant index):
 *   "train_loss/v", "train_acc/v", "val_loss/v", "val_acc/v"   one value per finished epoch
 *   "step_loss/v"                                              loss per step (thinned past 4096)
 * Lessons add their own (see engine/lessons/): "regions/v", "weights/v", "curve/v", ...
 */
#ifndef NN_SNAPSHOT_H
#define NN_SNAPSHOT_H

#include "nn_model.h"

#define NN_MAX_VARIANTS 6

typedef enum nn_job_status {
  NN_JOB_RUNNING,   /* still has steps to take */
  NN_JOB_FINISHED,  /* every epoch (or step) done */
  NN_JOB_DIVERGED,  /* every variant's loss became NaN or infinite */
  NN_JOB_CANCELLED, /* stopped from outside */
  NN_JOB_FAILED,    /* could not start (see message) */
} nn_job_status;

/* "running", "finished", "diverged", "cancelled", "failed": the CLI's status field. */
const char *nn_job_status_name(nn_job_status status);

typedef struct nn_snap_item {
  char name[48];
  int ndim;
  int shape[NN_MAX_DIMS];
  float *data;
  /* Optional extent of the data in its own units: x from range[0] to range[1], y from range[2]
   * to range[3] (a region map's area, a curve's x span). All zero when unused. */
  float range[4];
} nn_snap_item;

typedef struct nn_variant_state {
  char name[32];       /* as --variant takes it */
  char label[64];      /* for legends ("momentum 0.4") */
  bool diverged;       /* this variant stopped on a non-finite loss ... */
  long diverged_step;  /* ... at this step */
  float loss, accuracy, val_loss, val_accuracy; /* last epoch's (NaN when not measured) */
} nn_variant_state;

typedef struct nn_snapshot {
  _Atomic int refs; /* use nn_snapshot_ref/unref */
  const struct nn_lesson *lesson;
  uint64_t generation; /* which run this came from: a page ignores older generations */
  double params[16];   /* the run's parameter values (the lesson's order) */
  uint64_t seed;
  nn_job_status status;
  char message[256]; /* why it failed or diverged, in words */
  int epoch;         /* finished epochs */
  int epochs;        /* planned epochs (0 when running by steps) */
  long step, steps_total;
  double epoch_progress; /* 0..1 within the current epoch */
  double samples_per_s;
  int n_variants;
  nn_variant_state variants[NN_MAX_VARIANTS];
  /* Inference copies of the variants' models (evaluation mode, capacity 1), when the lesson
   * asks for them (digit canvas, feature maps of a drawn digit); NULL otherwise. Not const: a
   * forward pass writes the copy's activations, so only one thread (the UI) may use them. */
  nn_model *models[NN_MAX_VARIANTS];
  int n_items, cap_items;
  nn_snap_item *items;
} nn_snapshot;

nn_snapshot *nn_snapshot_new(void);
nn_snapshot *nn_snapshot_ref(nn_snapshot *s);
void nn_snapshot_unref(nn_snapshot *s);

/* Adds an item and returns its zeroed data to fill (NULL when out of memory). */
float *nn_snapshot_add(nn_snapshot *s, const char *name, int ndim, const int *shape);
/* Adds a copy of `n` floats as a 1-D item. */
bool nn_snapshot_add_copy(nn_snapshot *s, const char *name, const float *data, int n);
const nn_snap_item *nn_snapshot_find(const nn_snapshot *s, const char *name);
/* printf-style name lookup: nn_snapshot_findf(s, "regions/%d", v). */
const nn_snap_item *nn_snapshot_findf(const nn_snapshot *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
size_t nn_snap_item_numel(const nn_snap_item *item);

#endif
