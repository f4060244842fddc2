/* Lesson 24 — a CNN on small digits: the course's convolutional network learns MNIST shrunk to
 * 16×16. Its first layer's sixteen 5×5 kernels become stroke and edge detectors, and the
 * feature maps of a digit show each layer answering where its pattern occurs.
 *
 * Data: MNIST (the bundled 8,000 + 2,000 digits, or the data folder's), bilinearly resized to
 * 16×16, as (1, 16, 16) images.
 *
 * Model (nn_plan_course_cnn, the network `bench` times as cnn16): Conv2d(1, 16, 5, padding 2),
 * ReLU, MaxPool2d(2), Conv2d(16, 32, 5, padding 2), ReLU, MaxPool2d(2), Flatten,
 * Linear(512, 10); cross-entropy.
 *
 * Lab: SGD lr 0.1, batch 100, 3 epochs on MNIST's 60,000 digits. On the bundled 8,000 that is
 * 240 steps (92.35% on the held-out digits); Quick takes batches of 20 at lr 0.05 for 6 epochs
 * (2,400 steps, about five seconds here): 96.2%.
 *
 * Snapshots carry an inference copy of the model (snapshot_models): the page computes the
 * feature maps of whichever validation digit the student picks from it
 * (nn_snap_feature_maps), without restarting training.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "kernels"                (16, 5, 5)  the first convolution's kernels
 *   "examples/wrong", "examples/right"   (k, 16, 16) validation digits it gets wrong / right,
 *   "examples/…_label"       (k, 3)      with truth, guess, confidence (nn_snap_examples),
 *                                        renewed every half second of training (evaluating
 *                                        500 digits takes as long as a few training steps)
 */
#include "nn_lesson_util.h"
#include "nn_trainer.h"

#include <stdlib.h>
#include <string.h>

#define SIDE             16
#define N_EXAMPLES       6
#define EXAMPLES_EVERY_S 0.5 /* seconds of training between two searches for examples */

enum { P_OPTIMIZER, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc small_params[] = {
    [P_OPTIMIZER] = NN_P_OPTIMIZER(NN_OPTIMIZER_SGD, NN_OPTIMIZER_SGD),
    [P_LR] = NN_P_LR(0.001, 1, 0.05, 0.1),
    [P_BATCH] = NN_P_BATCH_LOG(1, 1000, 20, 100),
    [P_EPOCHS] = NN_P_EPOCHS(6, 3, 20),
};

/* The examples last found, copied into every snapshot until they are renewed. */
typedef struct {
  nn_snapshot *examples; /* NULL until the first search */
  double found_at;       /* nn_job_seconds when they were found */
} small_state;

static bool small_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                       nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, SIDE, false, 0, 0, train, val, err);
}

static bool small_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) variant, (void) err;
  nn_plan_name(plan, "cnn", "CNN");
  nn_plan_course_cnn(plan, SIDE, false);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim((int) params[P_OPTIMIZER], params[P_LR], 0);
  return true;
}

static bool small_start(nn_job *job, nn_error *err)
{
  small_state *st = nn_alloc(1, sizeof *st, err);
  if (!st)
    return false;
  nn_job_set_custom(job, st);
  return true;
}

static void small_free(nn_job *job)
{
  small_state *st = nn_job_custom(job);
  if (st && st->examples)
    nn_snapshot_unref(st->examples);
  free(st);
}

/* Searches again at the start, every EXAMPLES_EVERY_S of training, and at the end. */
static void renew_examples(nn_job *job, small_state *st)
{
  double now = nn_job_seconds(job);
  bool due = !st->examples || nn_job_get_status(job) != NN_JOB_RUNNING ||
             now - st->found_at >= EXAMPLES_EVERY_S;
  if (!due)
    return;
  nn_snapshot *found = nn_snapshot_new();
  if (!found)
    return;
  nn_snap_examples(found, "examples", nn_job_model(job, 0), nn_job_plan(job, 0),
                   nn_job_val_data(job), N_EXAMPLES, SIDE, SIDE);
  if (st->examples)
    nn_snapshot_unref(st->examples);
  st->examples = found;
  st->found_at = now;
}

static void copy_items(nn_snapshot *dst, const nn_snapshot *src)
{
  for (int i = 0; i < src->n_items; i++) {
    const nn_snap_item *it = &src->items[i];
    float *data = nn_snapshot_add(dst, it->name, it->ndim, it->shape);
    if (!data)
      return;
    memcpy(data, it->data, sizeof(float) * nn_snap_item_numel(it));
    memcpy(dst->items[dst->n_items - 1].range, it->range, sizeof it->range);
  }
}

static void small_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_model *m = nn_job_model(job, 0);
  nn_snap_weight_images(s, "kernels", m, 0, 5, 5, 16);
  small_state *st = nn_job_custom(job);
  renew_examples(job, st);
  if (st->examples)
    copy_items(s, st->examples);
}

const nn_lesson nn_lesson_cnn_small_images = {
    .id = "cnn-small-images",
    .title = NN_TR("A CNN on small digits"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(small_params),
    .params = small_params,
    .n_variants = 1,
    .build_data = small_data,
    .plan_variant = small_plan,
    .custom_start = small_start,
    .custom_free = small_free,
    .fill_snapshot = small_fill,
    .snapshot_models = true,
};
