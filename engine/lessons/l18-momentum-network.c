/* Lesson 18 — momentum in a network: lesson 12's three spirals learnt by a [2, 50, 3] ReLU
 * network five times side by side, with SGD momentum 0, 0.1, 0.2, 0.4 and 0.5. Same data,
 * same starting weights, same batches: only the momentum differs, and the higher ones learn
 * faster in the same number of epochs.
 *
 * Lab: 3 spirals of 500 points (r evenly over [0, 1], angle evenly over [4j, 4j + 4] plus
 * N(0, 0.2²)), Linear(2, 50), ReLU, Linear(50, 3), CrossEntropyLoss, SGD lr 0.1 with momentum
 * 0, 0.1, 0.2, 0.4, 0.5, DataLoader(batch_size=20) — not shuffled, so each batch holds one
 * class — 100 epochs; accuracy on the training points. The app starts the five networks from
 * the same weights (the lab drew new ones for each) and measures accuracy on a second,
 * held-out draw of the spirals.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "regions/v"   (64, 64, 3)  class probabilities of variant v over [−1.1, 1.1]²
 *   "points"      (n, 3)       training points: x₁, x₂, class
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"
#include "nn_trainer.h"

#include <stdio.h>

#define CLASSES   3
#define PER_CLASS 500
#define VIEW      1.1f
#define MAP_SIDE  64

enum { P_HIDDEN, P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const float momenta[] = {0.0f, 0.1f, 0.2f, 0.4f, 0.5f};

static const nn_param_desc momentum_params[] = {
    [P_HIDDEN] = NN_P_HIDDEN(3, 200, 50, 50), [P_LR] = NN_P_LR(0.001, 1, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(0, 500, 20, 20),   [P_EPOCHS] = NN_P_EPOCHS(30, 100, 300),
    [P_SHUFFLE] = NN_P_SHUFFLE(1, 0),
};

static bool momentum_data(const double *params, uint64_t seed, const nn_lesson_env *env,
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

static bool momentum_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  int hidden = (int) params[P_HIDDEN];
  char name[32], label[64];
  snprintf(name, sizeof name, "momentum-%g", (double) momenta[variant]);
  snprintf(label, sizeof label, "momentum %g", (double) momenta[variant]);
  nn_plan_name(plan, name, label);
  nn_plan_mlp(plan, 2, &hidden, 1, NN_LAYER_RELU, 0, CLASSES);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], momenta[variant]);
  return true;
}

static void momentum_fill(nn_job *job, nn_snapshot *s)
{
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    char name[48];
    snprintf(name, sizeof name, "regions/%d", i);
    nn_snap_region_map(s, name, nn_job_model(job, i), nn_job_plan(job, i), -VIEW, VIEW, -VIEW, VIEW,
                       MAP_SIDE, MAP_SIDE);
  }
  nn_snap_points(s, "points", nn_job_train_data(job));
}

const nn_lesson nn_lesson_momentum_network = {
    .id = "momentum-network",
    .title = NN_TR("Momentum in a network"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(momentum_params),
    .params = momentum_params,
    .n_variants = NN_N_ELEMENTS(momenta),
    .build_data = momentum_data,
    .plan_variant = momentum_plan,
    .fill_snapshot = momentum_fill,
};
