/* Lesson 15 — why a network must not start with equal weights: lesson 5's bump learnt by a 1-2-1
 * sigmoid network twice, once with every weight 1 and every bias 0, once from PyTorch's random
 * start. Two hidden neurons that start equal get equal gradients at every step, so they stay
 * equal for ever: the network has the power of one hidden neuron, and one sigmoid cannot make
 * a bump. From a random start they part and the bump is learnt.
 *
 * Data (nn_synth_bump): x = −20, −19, …, 19, class 1 for −4 < x < 4. The set is fixed (no noise),
 * so there is no held-out set to validate on: the curves are the training ones.
 *
 * Variants: "equal" (NN_INIT_CONSTANT: weights 1, biases 0, as the lab sets them) and "random"
 * (PyTorch's default init). Both Linear(1, 2), Sigmoid, Linear(2, 1), Sigmoid; BCE; SGD.
 *
 * Lab: SGD lr 0.1, one sample at a time in data order (batch 1, no shuffle), 1000 epochs, with
 * its own cross-entropy written out (the same as BCELoss). Quick is the lab's run: it takes
 * well under a second headless.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "path/v"     (n, 7)     variant v's hidden neurons over training, one row per recorded
 *                           step: step, w₁, w₂ (input weights), b₁, b₂ (biases), v₁, v₂ (their
 *                           weights in the output neuron); row 0 is the start (step 0). At most
 *                           PATH_CAP rows: the record thins itself (every other row kept, the
 *                           stride doubled) when full.
 *   "curve/v"    (200, 1)   variant v's output over x ∈ [−20, 20]
 *   "points"     (40, 3)    the samples: x, class, class
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_CAP  2048
#define PATH_COLS 7
#define X_LO      -20.0f
#define X_HI      20.0f
#define N_CURVE   200

enum { P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const nn_param_desc same_params[] = {
    [P_LR] = NN_P_LR(0.001, 10, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(0, 40, 1, 1),
    [P_EPOCHS] = NN_P_EPOCHS(1000, 1000, 5000),
    [P_SHUFFLE] = NN_P_SHUFFLE(0, 0),
};

/* The recorded paths of the job's variants. */
typedef struct {
  int n_variants;
  int n;       /* rows recorded (the same for every variant) */
  long stride; /* record every stride-th step */
  float rows[NN_MAX_VARIANTS][PATH_CAP][PATH_COLS];
} same_state;

static bool same_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                      nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed, (void) env;
  memset(val, 0, sizeof *val);
  return nn_synth_bump(train, err);
}

static bool same_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) err;
  if (variant == 0) {
    nn_plan_name(plan, "equal", "equal start");
    plan->init = NN_INIT_CONSTANT;
    plan->init_value = 1.0f;
  } else {
    nn_plan_name(plan, "random", "random start");
  }
  int hidden = 2;
  nn_plan_mlp(plan, 1, &hidden, 1, NN_LAYER_SIGMOID, 0, 1);
  nn_plan_add(plan, NN_LAYER_SIGMOID);
  plan->loss = NN_LOSS_BCE;
  plan->accuracy = NN_ACCURACY_THRESHOLD;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

/* One row: the step and the hidden neurons' parameters (Linear 0's weight and bias, Linear
 * 2's weight). */
static void read_row(nn_model *m, long step, float *row)
{
  const float *w = nn_model_weight(m, 0)->value.data, *b = nn_model_bias(m, 0)->value.data;
  const float *v = nn_model_weight(m, 2)->value.data;
  row[0] = (float) step;
  memcpy(row + 1, w, 2 * sizeof(float));
  memcpy(row + 3, b, 2 * sizeof(float));
  memcpy(row + 5, v, 2 * sizeof(float));
}

static void record(nn_job *job, same_state *st)
{
  if (st->n == PATH_CAP) {
    /* Full: keep every other row (the start stays row 0) and record half as often. */
    for (int v = 0; v < st->n_variants; v++)
      for (int r = 0; r < PATH_CAP / 2; r++)
        memcpy(st->rows[v][r], st->rows[v][2 * r], sizeof st->rows[v][r]);
    st->n = PATH_CAP / 2;
    st->stride *= 2;
  }
  for (int v = 0; v < st->n_variants; v++)
    read_row(nn_job_model(job, v), nn_job_step_count(job), st->rows[v][st->n]);
  st->n++;
}

static bool same_start(nn_job *job, nn_error *err)
{
  same_state *st = nn_alloc(1, sizeof *st, err);
  if (!st)
    return false;
  st->n_variants = nn_job_n_variants(job);
  st->stride = 1;
  nn_job_set_custom(job, st);
  record(job, st);
  return true;
}

static void same_free(nn_job *job)
{
  free(nn_job_custom(job));
}

static void same_after_step(nn_job *job)
{
  same_state *st = nn_job_custom(job);
  if (nn_job_step_count(job) % st->stride == 0)
    record(job, st);
}

static void same_fill(nn_job *job, nn_snapshot *s)
{
  same_state *st = nn_job_custom(job);
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    char name[32];
    snprintf(name, sizeof name, "path/%d", i);
    float *dst = nn_snapshot_add(s, name, 2, (int[]){st->n, PATH_COLS});
    if (dst)
      memcpy(dst, st->rows[i], sizeof(float) * PATH_COLS * (size_t) st->n);
    if (nn_job_variant_diverged(job, i))
      continue;
    snprintf(name, sizeof name, "curve/%d", i);
    nn_snap_curve_over_x(s, name, nn_job_model(job, i), nn_job_plan(job, i), -1, X_LO, X_HI,
                         N_CURVE);
  }
  nn_snap_points(s, "points", nn_job_train_data(job));
}

const nn_lesson nn_lesson_same_weights = {
    .id = "same-weights",
    .title = NN_TR("Why not start with equal weights"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(same_params),
    .params = same_params,
    .n_variants = 2,
    .build_data = same_data,
    .plan_variant = same_plan,
    .custom_start = same_start,
    .custom_free = same_free,
    .after_step = same_after_step,
    .fill_snapshot = same_fill,
    .watch_seconds = 8,
};
