/* Lesson 2 — cross-entropy against MSE. Lesson 1's neuron, data and bad start (w = −5,
 * b = −10), trained twice side by side: with binary cross-entropy, whose gradient on a
 * confidently wrong point is p − y (large), and with MSE, whose gradient carries the factor
 * σ′(z) ≈ 0 on the plateau. Cross-entropy walks off the plateau to 100%; MSE stays at 65%.
 *
 * Lab: x = −1, −0.9, …, 0.9, label x > 0.2; Linear(1, 1) + Sigmoid; w = −5, b = −10; the
 * negative log-likelihood (BCELoss); SGD lr 2; DataLoader batch 3 (not shuffled); 100 epochs
 * → 100% accuracy. The MSE twin is lesson 1's lab. No held-out set, as in the labs.
 *
 * Snapshot (besides the curves every trained lesson has; v = 0 cross-entropy, 1 MSE when
 * both run), see nn_logistic.h for the first four:
 *   "surface/v"       (60, 60)  variant v's loss over w ∈ [−15, 15] × b ∈ [−13, 13]
 *   "path/v"          (n, 2)    (w, b) from the start to now
 *   "curve/v"         (121, 1)  σ(w·x + b) over x ∈ [−1.2, 1.2]
 *   "points"          (20, 3)   x, label, class
 *   "per_sample/bce"  (200)     −log p: the loss of one class-1 sample of probability p,
 *   "per_sample/mse"  (200)     and its squared error (1 − p)², for p over [0.005, 1]
 *                               (range set); computed by the engine's own loss functions
 */
#include "nn_logistic.h"

#define PER_SAMPLE_N    200
#define PER_SAMPLE_P_LO 0.005f
#define PER_SAMPLE_P_HI 1.0f

enum { P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };
enum { V_CROSS_ENTROPY, V_MSE };

static const nn_param_desc cross_entropy_params[] = {
    [P_LR] = NN_P_LR(0.01, 10, 2, 2),
    [P_BATCH] = NN_P_BATCH(0, 20, 3, 3),
    [P_EPOCHS] = NN_P_EPOCHS(100, 100, 1000),
    [P_SHUFFLE] = NN_P_SHUFFLE(0, 0),
};

static bool cross_entropy_plan(const double *params, int variant, nn_variant_plan *plan,
                               nn_error *err)
{
  (void) err;
  bool mse = variant == V_MSE;
  nn_plan_name(plan, mse ? "mse" : "cross-entropy", mse ? "MSE" : "cross-entropy");
  nn_logistic_plan(plan, mse ? NN_LOSS_MSE : NN_LOSS_BCE, params[P_LR], true);
  return true;
}

/* One class-1 sample's loss over p, through the same functions training calls. */
static void add_per_sample(nn_snapshot *s, const char *name, nn_loss_kind loss)
{
  float *v = nn_snapshot_add(s, name, 1, (int[]){PER_SAMPLE_N});
  if (!v)
    return;
  const float one = 1.0f;
  for (int k = 0; k < PER_SAMPLE_N; k++) {
    float p = PER_SAMPLE_P_LO +
              (PER_SAMPLE_P_HI - PER_SAMPLE_P_LO) * (float) k / (float) (PER_SAMPLE_N - 1);
    v[k] = nn_loss_forward(loss, &p, (nn_target){.values = &one}, 1, 1);
  }
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = PER_SAMPLE_P_LO;
  item->range[1] = PER_SAMPLE_P_HI;
}

static void cross_entropy_fill(nn_job *job, nn_snapshot *s)
{
  nn_logistic_fill(job, s);
  add_per_sample(s, "per_sample/bce", NN_LOSS_BCE);
  add_per_sample(s, "per_sample/mse", NN_LOSS_MSE);
}

const nn_lesson nn_lesson_cross_entropy = {
    .id = "cross-entropy",
    .title = NN_TR("Cross-entropy against MSE"),
    .chapter = 1,
    .n_params = NN_N_ELEMENTS(cross_entropy_params),
    .params = cross_entropy_params,
    .n_variants = 2,
    .build_data = nn_logistic_data,
    .plan_variant = cross_entropy_plan,
    .custom_start = nn_logistic_start,
    .custom_free = nn_logistic_free,
    .after_step = nn_logistic_after_step,
    .fill_snapshot = cross_entropy_fill,
    .watch_seconds = 6,
};
