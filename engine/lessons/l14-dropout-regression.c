/* Lesson 14 — dropout in regression: 40 noisy samples of y = x². A wide network without
 * dropout threads its curve through the noise of every training sample; with dropout it stays
 * closer to the parabola, so it predicts new samples (the same x, fresh noise) better.
 *
 * Data (nn_synth_dropout_regression): x = torch.linspace(−1, 1, 40), y = x² + N(0, σ²) (slider;
 * the lab's σ is 1); validation: the same x with noise of its own.
 *
 * Variants, started from the same weights (one init stream): "no-dropout" (p = 0) and
 * "dropout" (p = the slider). Both are Linear(1, n), Dropout(p), ReLU, Linear(n, n),
 * Dropout(p), ReLU, Linear(n, 1) — the lab's Net(1, 300, 1, p) as a Sequential; the p = 0 net
 * keeps its Dropout(0) layers so both have the same state-dict names. MSE, Adam.
 *
 * Lab: n = 300, Adam lr 0.01, all 40 samples as one batch, 500 epochs. The lab's two nets start
 * from different random weights; here they start equal, so only dropout differs. Quick is the
 * lab's run (it takes a few seconds).
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "curve/v"     (200, 1)   variant v's prediction over x ∈ [−1, 1] (evaluation mode)
 *   "truth"       (200)      x² over the same x's (range [−1, 1])
 *   "points"      (40, 3)    training samples: x, y, −1
 *   "val_points"  (40, 3)    validation samples
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#include <stdio.h>

#define N_SAMPLES 40
#define X_LO      -1.0f
#define X_HI      1.0f
#define N_CURVE   200

enum { P_DROPOUT, P_NOISE, P_HIDDEN, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc regression_params[] = {
    [P_DROPOUT] = NN_P_DROPOUT(0.5, 0.5),
    [P_NOISE] = {.name = "noise",
                 .label = NN_TR("Noise"),
                 .type = NN_PARAM_FLOAT,
                 .min = 0,
                 .max = 2,
                 .quick = 1,
                 .course = 1,
                 .step = 0.05},
    [P_HIDDEN] = NN_P_HIDDEN(10, 500, 300, 300),
    [P_LR] = NN_P_LR(0.0001, 0.1, 0.01, 0.01),
    [P_BATCH] = NN_P_BATCH(0, N_SAMPLES, 0, 0),
    [P_EPOCHS] = NN_P_EPOCHS(500, 500, 3000),
};

static bool regression_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                            nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) env;
  nn_rng rng;
  nn_rng_seed(&rng, seed, NN_STREAM_DATA);
  return nn_synth_dropout_regression(&rng, N_SAMPLES, (float) params[P_NOISE], train, val, err);
}

static bool regression_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) err;
  int hidden = (int) params[P_HIDDEN];
  float p = variant == 0 ? 0.0f : (float) params[P_DROPOUT];
  if (variant == 0) {
    nn_plan_name(plan, "no-dropout", "no dropout");
  } else {
    char label[64];
    snprintf(label, sizeof label, "dropout %g", (double) p);
    nn_plan_name(plan, "dropout", label);
  }
  plan->in_ndim = 1;
  plan->in_shape[0] = 1;
  for (int layer = 0; layer < 2; layer++) {
    nn_plan_add(plan, NN_LAYER_LINEAR(hidden));
    nn_plan_add(plan, NN_LAYER_DROPOUT(p));
    nn_plan_add(plan, NN_LAYER_RELU);
  }
  nn_plan_add(plan, NN_LAYER_LINEAR(1));
  plan->loss = NN_LOSS_MSE;
  plan->accuracy = NN_ACCURACY_NONE;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_ADAM, params[P_LR], 0);
  return true;
}

static void add_truth(nn_snapshot *s)
{
  float *y = nn_snapshot_add(s, "truth", 1, (int[]){N_CURVE});
  if (!y)
    return;
  for (int i = 0; i < N_CURVE; i++) {
    float x = X_LO + (X_HI - X_LO) * (float) i / (N_CURVE - 1);
    y[i] = x * x;
  }
  s->items[s->n_items - 1].range[0] = X_LO;
  s->items[s->n_items - 1].range[1] = X_HI;
}

static void regression_fill(nn_job *job, nn_snapshot *s)
{
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    char name[32];
    snprintf(name, sizeof name, "curve/%d", i);
    nn_snap_curve_over_x(s, name, nn_job_model(job, i), nn_job_plan(job, i), -1, X_LO, X_HI,
                         N_CURVE);
  }
  add_truth(s);
  nn_snap_points(s, "points", nn_job_train_data(job));
  nn_snap_points(s, "val_points", nn_job_val_data(job));
}

const nn_lesson nn_lesson_dropout_regression = {
    .id = "dropout-regression",
    .title = NN_TR("Dropout in regression"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(regression_params),
    .params = regression_params,
    .n_variants = 2,
    .build_data = regression_data,
    .plan_variant = regression_plan,
    .fill_snapshot = regression_fill,
};
