/* Lesson 12 — three spirals: three interleaved arms of 500 points each, a ReLU network with a
 * chosen number of hidden layers and neurons, cross-entropy. One straight cut per neuron is
 * not much; layers of them fold the plane until each arm has a region of its own.
 *
 * Lab: for class j, r evenly over [0, 1], t evenly over [4j, 4j + 4] plus N(0, 0.2²), the
 * point (r sin t, r cos t); Linear layers [2, 50, 3] with ReLU between them, CrossEntropyLoss,
 * SGD lr 0.1, batch 20, 100 epochs, PyTorch's default initialisation; its DataLoader does not
 * shuffle, and the points are stored arm by arm, so every batch of 20 holds a single class.
 * The lab then trains [2, 10, 10, 3] at lr 0.01 for 1000 epochs: the sliders reach it (the
 * page says how). The app validates on a second, independent draw of the spirals (held out),
 * where the lab measured on its training points.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "regions/0"   (96, 96, 3)  class probabilities over [−1.1, 1.1]²
 *   "points"      (1500, 3)    training points: x₁, x₂, class
 *   "val_points"  (1500, 3)    validation points
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#define CLASSES   3
#define PER_CLASS 500
#define VIEW_LO   -1.1f
#define VIEW_HI   1.1f
#define MAP_SIDE  96

enum { P_LAYERS, P_HIDDEN, P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const nn_param_desc spirals_params[] = {
    [P_LAYERS] = NN_P_LAYERS(1, 5, 2, 1),     [P_HIDDEN] = NN_P_HIDDEN(2, 100, 50, 50),
    [P_LR] = NN_P_LR(0.001, 1, 0.1, 0.1),     [P_BATCH] = NN_P_BATCH(0, 500, 20, 20),
    [P_EPOCHS] = NN_P_EPOCHS(100, 100, 2000), [P_SHUFFLE] = NN_P_SHUFFLE(1, 0),
};

static bool spirals_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                         nn_dataset *train, nn_dataset *val, nn_error *err)
{
  nn_rng rng;
  nn_rng_seed(&rng, seed, NN_STREAM_DATA);
  if (!nn_synth_spirals(&rng, CLASSES, PER_CLASS, train, err))
    return false;
  if (!nn_synth_spirals(&rng, CLASSES, PER_CLASS, val, err)) {
    nn_dataset_free(train);
    return false;
  }
  return true;
}

static bool spirals_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  int layers = (int) params[P_LAYERS];
  int hidden[5];
  for (int i = 0; i < layers; i++)
    hidden[i] = (int) params[P_HIDDEN];
  nn_plan_name(plan, "spirals", NULL);
  nn_plan_mlp(plan, 2, hidden, layers, NN_LAYER_RELU, 0, CLASSES);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

static void spirals_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_snap_region_map(s, "regions/0", nn_job_model(job, 0), nn_job_plan(job, 0), VIEW_LO, VIEW_HI,
                     VIEW_LO, VIEW_HI, MAP_SIDE, MAP_SIDE);
  nn_snap_points(s, "points", nn_job_train_data(job));
  nn_snap_points(s, "val_points", nn_job_val_data(job));
}

const nn_lesson nn_lesson_spirals = {
    .id = "spirals",
    .title = NN_TR("Three spirals"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(spirals_params),
    .params = spirals_params,
    .n_variants = 1,
    .build_data = spirals_data,
    .plan_variant = spirals_plan,
    .fill_snapshot = spirals_fill,
    .watch_seconds = 8,
};
