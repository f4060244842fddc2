/* Lesson 7 — XOR: four noisy clusters at the corners of the unit square, class 1 where the
 * coordinates differ. One hidden layer of n sigmoid neurons, a sigmoid output, binary
 * cross-entropy. One neuron draws a single straight boundary and cannot pass 75%; two or
 * three bend it around the corners.
 *
 * Lab: 25 points a corner with noise σ 0.01, Linear(2, n), Sigmoid, Linear(n, 1), Sigmoid,
 * BCELoss, SGD lr 0.1 (0.001 for n = 1), batch 1, 500 epochs. The app validates on a second
 * draw of the clusters (held out), where the lab measured on its training points.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "regions/0"   (100, 100, 1)  P(class 1) over [−0.5, 1.5]², for the decision regions
 *   "points"      (n, 3)         training points: x₁, x₂, class
 *   "val_points"  (n, 3)         validation points
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#define PER_CORNER 25
#define VIEW_LO    -0.5f
#define VIEW_HI    1.5f
#define MAP_SIDE   100

enum { P_HIDDEN, P_NOISE, P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const nn_param_desc xor_params[] = {
  [P_HIDDEN] = NN_P_HIDDEN(1, 8, 3, 3),
  [P_NOISE] = {.name = "noise", .label = NN_TR("Noise"), .type = NN_PARAM_FLOAT, .min = 0,
               .max = 0.3, .quick = 0.1, .course = 0.01, .step = 0.01},
  [P_LR] = NN_P_LR(0.001, 10, 1, 0.1),
  [P_BATCH] = NN_P_BATCH(0, 100, 1, 1),
  [P_EPOCHS] = NN_P_EPOCHS(50, 500, 2000),
  [P_SHUFFLE] = NN_P_SHUFFLE(1, 1),
};

static bool xor_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                     nn_dataset *train, nn_dataset *val, nn_error *err)
{
  nn_rng rng;
  nn_rng_seed(&rng, seed, NN_STREAM_DATA);
  float sigma = (float) params[P_NOISE];
  if (!nn_synth_xor(&rng, PER_CORNER, sigma, train, err))
    return false;
  if (!nn_synth_xor(&rng, PER_CORNER, sigma, val, err)) {
    nn_dataset_free(train);
    return false;
  }
  return true;
}

static bool xor_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  int hidden = (int) params[P_HIDDEN];
  nn_plan_name(plan, "xor", NULL);
  nn_plan_mlp(plan, 2, &hidden, 1, NN_LAYER_SIGMOID, 0, 1);
  nn_plan_add(plan, NN_LAYER_SIGMOID);
  plan->loss = NN_LOSS_BCE;
  plan->accuracy = NN_ACCURACY_THRESHOLD;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

static void xor_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_snap_region_map(s, "regions/0", nn_job_model(job, 0), nn_job_plan(job, 0), VIEW_LO,
                     VIEW_HI, VIEW_LO, VIEW_HI, MAP_SIDE, MAP_SIDE);
  nn_snap_points(s, "points", nn_job_train_data(job));
  nn_snap_points(s, "val_points", nn_job_val_data(job));
}

const nn_lesson nn_lesson_xor = {
  .id = "xor",
  .title = NN_TR("XOR"),
  .chapter = 2,
  .n_params = NN_N_ELEMENTS(xor_params),
  .params = xor_params,
  .n_variants = 1,
  .build_data = xor_data,
  .plan_variant = xor_plan,
  .fill_snapshot = xor_fill,
};
