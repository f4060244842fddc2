/* Lesson 5 — one hidden layer: x = −20, −19, …, 19, class 1 on the bump −4 < x < 4. One
 * sigmoid neuron draws a single step and cannot say "inside"; two hidden sigmoid neurons
 * each draw a step, and the output neuron combines them. Seen from the hidden layer, every x
 * becomes a point (a₁, a₂); training moves those points until one straight line — the output
 * neuron's — separates the two classes.
 *
 * Lab: Linear(1, 2), Sigmoid, Linear(2, 1), Sigmoid, BCELoss, SGD lr 0.1, one sample at a
 * time in data order (batch 1, no shuffle), 1000 epochs, PyTorch's default initialisation.
 * The data is the whole grid, so there is no held-out set (the lab has none either).
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "fit"            (161, 1)    P(class 1) at 161 x's over [−20, 20]
 *   "hidden"         (161, 2)    the two hidden activations a₁(x), a₂(x) over [−20, 20]
 *   "points"         (40, 3)     the data: x, label, class
 *   "hidden_points"  (40, 3)     the data in hidden space: a₁, a₂, class
 *   "hidden_regions" (64, 64, 1) the output neuron's P(class 1) over the hidden space
 *                                [−0.05, 1.05]²: its decision line is where it crosses 0.5
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#include <math.h>

#define X_LO         -20.0f
#define X_HI         20.0f
#define CURVE_POINTS 161 /* every quarter step of x */
#define HIDDEN_LO    -0.05f
#define HIDDEN_HI    1.05f
#define HIDDEN_SIDE  64

/* Layers of the plan: Linear(1, 2), Sigmoid, Linear(2, 1), Sigmoid. */
enum { L_HIDDEN_LINEAR, L_HIDDEN, L_OUTPUT_LINEAR, L_OUTPUT };

enum { P_LR, P_BATCH, P_SHUFFLE, P_EPOCHS };

static const nn_param_desc bump_params[] = {
    [P_LR] = NN_P_LR(0.001, 10, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(0, 40, 1, 1),
    [P_SHUFFLE] = NN_P_SHUFFLE(1, 0),
    [P_EPOCHS] = NN_P_EPOCHS(200, 1000, 5000),
};

static bool bump_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                      nn_dataset *train, nn_dataset *val, nn_error *err)
{
  return nn_synth_bump(train, err);
}

static bool bump_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  int hidden = 2;
  nn_plan_name(plan, "one-hidden-layer", NULL);
  nn_plan_mlp(plan, 1, &hidden, 1, NN_LAYER_SIGMOID, 0, 1);
  nn_plan_add(plan, NN_LAYER_SIGMOID);
  plan->loss = NN_LOSS_BCE;
  plan->accuracy = NN_ACCURACY_THRESHOLD;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

/* The output neuron alone, σ(w₁a₁ + w₂a₂ + b), over a lattice of the hidden space: what it
 * decides for every point the hidden layer could send it. */
static void snap_hidden_regions(nn_snapshot *s, nn_model *m)
{
  const nn_param *w = nn_model_weight(m, L_OUTPUT_LINEAR);
  const nn_param *b = nn_model_bias(m, L_OUTPUT_LINEAR);
  float *p = nn_snapshot_add(s, "hidden_regions", 3, (int[]){HIDDEN_SIDE, HIDDEN_SIDE, 1});
  if (!p)
    return;
  float step = (HIDDEN_HI - HIDDEN_LO) / (HIDDEN_SIDE - 1);
  for (int r = 0; r < HIDDEN_SIDE; r++) {
    float a2 = HIDDEN_LO + step * (float) r;
    for (int c = 0; c < HIDDEN_SIDE; c++) {
      float a1 = HIDDEN_LO + step * (float) c;
      float z = w->value.data[0] * a1 + w->value.data[1] * a2 + b->value.data[0];
      p[r * HIDDEN_SIDE + c] = 1.0f / (1.0f + expf(-z));
    }
  }
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = item->range[2] = HIDDEN_LO;
  item->range[1] = item->range[3] = HIDDEN_HI;
}

static void bump_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_model *m = nn_job_model(job, 0);
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  nn_snap_curve_over_x(s, "fit", m, plan, -1, X_LO, X_HI, CURVE_POINTS);
  nn_snap_curve_over_x(s, "hidden", m, plan, L_HIDDEN, X_LO, X_HI, CURVE_POINTS);
  nn_snap_points(s, "points", nn_job_train_data(job));
  nn_snap_layer_points(s, "hidden_points", m, nn_job_train_data(job), L_HIDDEN);
  snap_hidden_regions(s, m);
}

const nn_lesson nn_lesson_one_hidden_layer = {
    .id = "one-hidden-layer",
    .title = NN_TR("One hidden layer"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(bump_params),
    .params = bump_params,
    .n_variants = 1,
    .build_data = bump_data,
    .plan_variant = bump_plan,
    .fill_snapshot = bump_fill,
    .watch_seconds = 8,
};
