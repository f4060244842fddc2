/* Lesson 13 — dropout against overfitting: a wide two-hidden-layer ReLU network learns a curved
 * boundary from noisy points. Without dropout it bends around every noisy training point (a
 * jagged boundary, a validation loss that climbs back up); with dropout it keeps close to the
 * true boundary.
 *
 * Data (nn_synth_dropout_classes): 1,000 points uniform in [0, 1]², class 1 where
 * −1 + x₁ + 2x₂ + x₁x₂ − 3x₁² + x₂² > 0 before the noise; training points get noise σ (slider;
 * the lab adds N(0, 0.2²) twice: σ = 0.2·√2 ≈ 0.283), validation points (1,000 more) σ 0.15.
 *
 * Variants, started from the same weights (one init stream): "no-dropout" (p = 0) and
 * "dropout" (p = the slider). Both are Linear(2, n), Dropout(p), ReLU, Linear(n, n),
 * Dropout(p), ReLU, Linear(n, 2) — the lab's Net(2, 300, 2, p) as a Sequential; the p = 0 net
 * keeps its Dropout(0) layers so both have the same state-dict names. Cross-entropy, Adam.
 *
 * Lab: n = 300, Adam lr 0.01, the whole training set as one batch, 500 epochs. The lab's two
 * nets start from different random weights; here they start equal, so only dropout differs.
 * Quick is the same run with 100 neurons a layer instead of 300: nine times less work, and it
 * overfits as plainly.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "regions/v"   (100, 100, 2)  class probabilities over [−0.25, 1.25]² of the job's variant v
 *   "boundary"    (100, 100)     the clean decision function on the same lattice (its zero
 *                                contour is the true boundary)
 *   "points"      (250, 3)       the first 250 training points: x₁, x₂, class
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#include <stdio.h>

#define N_POINTS  1000
#define VAL_SIGMA 0.15f
#define VIEW_LO   -0.25f
#define VIEW_HI   1.25f
#define N_SHOWN   250 /* training points drawn over the regions: all 1,000 would hide them */
#define MAP_SIDE  100

enum { P_DROPOUT, P_NOISE, P_HIDDEN, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc dropout_params[] = {
    [P_DROPOUT] = NN_P_DROPOUT(0.5, 0.5),
    [P_NOISE] = {.name = "noise",
                 .label = NN_TR("Noise"),
                 .type = NN_PARAM_FLOAT,
                 .min = 0,
                 .max = 0.5,
                 .quick = 0.28,
                 /* The lab adds N(0, 0.2²) twice: σ = 0.2·√2. */
                 .course = 0.28284271,
                 .step = 0.01},
    [P_HIDDEN] = NN_P_HIDDEN(10, 500, 100, 300),
    [P_LR] = NN_P_LR(0.0001, 0.1, 0.01, 0.01),
    [P_BATCH] = NN_P_BATCH(0, N_POINTS, 0, 0),
    [P_EPOCHS] = NN_P_EPOCHS(500, 500, 2000),
};

static bool dropout_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                         nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) env;
  nn_rng rng;
  nn_rng_seed(&rng, seed, NN_STREAM_DATA);
  return nn_synth_dropout_classes(&rng, N_POINTS, (float) params[P_NOISE], N_POINTS, VAL_SIGMA,
                                  train, val, err);
}

static bool dropout_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
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
  plan->in_shape[0] = 2;
  for (int layer = 0; layer < 2; layer++) {
    nn_plan_add(plan, NN_LAYER_LINEAR(hidden));
    nn_plan_add(plan, NN_LAYER_DROPOUT(p));
    nn_plan_add(plan, NN_LAYER_RELU);
  }
  nn_plan_add(plan, NN_LAYER_LINEAR(2));
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_ADAM, params[P_LR], 0);
  return true;
}

/* The clean decision function at the region maps' lattice nodes. */
static void add_true_boundary(nn_snapshot *s)
{
  float *f = nn_snapshot_add(s, "boundary", 2, (int[]){MAP_SIDE, MAP_SIDE});
  if (!f)
    return;
  for (int r = 0; r < MAP_SIDE; r++) {
    float x2 = VIEW_LO + (VIEW_HI - VIEW_LO) * (float) r / (MAP_SIDE - 1);
    for (int c = 0; c < MAP_SIDE; c++) {
      float x1 = VIEW_LO + (VIEW_HI - VIEW_LO) * (float) c / (MAP_SIDE - 1);
      f[r * MAP_SIDE + c] = nn_synth_dropout_boundary(x1, x2);
    }
  }
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = item->range[2] = VIEW_LO;
  item->range[1] = item->range[3] = VIEW_HI;
}

static void dropout_fill(nn_job *job, nn_snapshot *s)
{
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    char name[32];
    snprintf(name, sizeof name, "regions/%d", i);
    nn_snap_region_map(s, name, nn_job_model(job, i), nn_job_plan(job, i), VIEW_LO, VIEW_HI,
                       VIEW_LO, VIEW_HI, MAP_SIDE, MAP_SIDE);
  }
  add_true_boundary(s);
  nn_dataset shown = nn_dataset_view(nn_job_train_data(job), 0, N_SHOWN);
  nn_snap_points(s, "points", &shown);
}

const nn_lesson nn_lesson_dropout_classification = {
    .id = "dropout-classification",
    .title = NN_TR("Dropout against overfitting"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(dropout_params),
    .params = dropout_params,
    .n_variants = 2,
    .build_data = dropout_data,
    .plan_variant = dropout_plan,
    .fill_snapshot = dropout_fill,
};
