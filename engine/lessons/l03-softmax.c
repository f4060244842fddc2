/* Lesson 3 — softmax: three classes on a line. Linear(1, 3) gives each class a straight line
 * zₖ = wₖ·x + bₖ (a score); softmax turns the three scores at each x into probabilities that
 * sum to 1, and the class with the highest line wins. Training tilts and shifts the lines
 * until class 0 is on top left of −1, class 1 in the middle and class 2 right of 1.
 *
 * Lab: x = −2, −1.9, …, 1.9 (40 points); class 0 for x ≤ −1, 1 for −1 < x < 1, 2 for x ≥ 1;
 * Linear(1, 3) (PyTorch's default init); CrossEntropyLoss; SGD lr 0.01; DataLoader batch 5
 * (not shuffled); 300 epochs. No held-out set: the 40 points are the experiment, as in the
 * lab.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "lines"   (101, 3)  wₖ·x + bₖ for k = 0, 1, 2 over x ∈ [−2.5, 2.5] (range set)
 *   "probs"   (101, 3)  softmax of those: P(class k | x), each row sums to 1 (range set)
 *   "points"  (40, 3)   x, class, class
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#define N_CLASSES 3
#define CURVE_N   101
#define X_LO      -2.5f
#define X_HI      2.5f

enum { P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const nn_param_desc softmax_params[] = {
    [P_LR] = NN_P_LR(0.001, 5, 0.1, 0.01),
    [P_BATCH] = NN_P_BATCH(0, 40, 5, 5),
    [P_EPOCHS] = NN_P_EPOCHS(100, 300, 2000),
    [P_SHUFFLE] = NN_P_SHUFFLE(0, 0),
};

static bool softmax_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                         nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed, (void) env, (void) val;
  return nn_synth_softmax_line(train, err);
}

static bool softmax_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) variant, (void) err;
  nn_plan_name(plan, "softmax", NULL);
  nn_plan_mlp(plan, 1, NULL, 0, NN_LAYER_SIGMOID, 0, N_CLASSES);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

/* The scores themselves, straight from the weights: the model's only layer is the last, so
 * nn_snap_curve_over_x would hand back probabilities. */
static void add_lines(nn_snapshot *s, nn_model *m)
{
  const float *w = nn_model_weight(m, 0)->value.data; /* (3, 1) */
  const float *b = nn_model_bias(m, 0)->value.data;   /* (3) */
  float *v = nn_snapshot_add(s, "lines", 2, (int[]){CURVE_N, N_CLASSES});
  if (!v)
    return;
  for (int i = 0; i < CURVE_N; i++) {
    float x = X_LO + (X_HI - X_LO) * (float) i / (float) (CURVE_N - 1);
    for (int k = 0; k < N_CLASSES; k++)
      v[i * N_CLASSES + k] = w[k] * x + b[k];
  }
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = X_LO;
  item->range[1] = X_HI;
}

static void softmax_fill(nn_job *job, nn_snapshot *s)
{
  nn_snap_points(s, "points", nn_job_train_data(job));
  if (nn_job_variant_diverged(job, 0))
    return;
  add_lines(s, nn_job_model(job, 0));
  nn_snap_curve_over_x(s, "probs", nn_job_model(job, 0), nn_job_plan(job, 0), -1, X_LO, X_HI,
                       CURVE_N);
}

const nn_lesson nn_lesson_softmax = {
    .id = "softmax",
    .title = NN_TR("Softmax: three classes on a line"),
    .chapter = 1,
    .n_params = NN_N_ELEMENTS(softmax_params),
    .params = softmax_params,
    .n_variants = 1,
    .build_data = softmax_data,
    .plan_variant = softmax_plan,
    .fill_snapshot = softmax_fill,
    .watch_seconds = 5,
};
