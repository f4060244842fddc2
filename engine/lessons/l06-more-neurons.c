/* Lesson 6 — more neurons: 100 points evenly over [−20, 20], class 1 on two bumps, (−10, −5)
 * and (5, 10). Each hidden sigmoid neuron draws one step; two bumps need four edges, so a
 * network with one or two hidden neurons cannot follow them, and one with enough neurons adds
 * its steps up into both bumps.
 *
 * Lab: Linear(1, n), Sigmoid, Linear(n, 1), Sigmoid with n = 9, BCELoss, Adam lr 0.1 on the
 * whole data set at once (full batch), 600 epochs, PyTorch's default initialisation. The data
 * is the whole grid, so there is no held-out set (the lab has none either).
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "fit"     (201, 1)  P(class 1) at 201 x's over [−20, 20]
 *   "hidden"  (201, n)  every hidden activation over [−20, 20]
 *   "points"  (100, 3)  the data: x, label, class
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"

#define X_LO         -20.0f
#define X_HI         20.0f
#define CURVE_POINTS 201

/* Layers of the plan: Linear(1, n), Sigmoid, Linear(n, 1), Sigmoid. */
enum { L_HIDDEN_LINEAR, L_HIDDEN };

enum { P_HIDDEN, P_OPTIMIZER, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc bumps_params[] = {
    [P_HIDDEN] = NN_P_HIDDEN(1, 20, 9, 9),
    [P_OPTIMIZER] = NN_P_OPTIMIZER(NN_OPTIMIZER_ADAM, NN_OPTIMIZER_ADAM),
    [P_LR] = NN_P_LR(0.001, 1, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(0, 100, 0, 0),
    [P_EPOCHS] = NN_P_EPOCHS(300, 600, 5000),
};

static bool bumps_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                       nn_dataset *train, nn_dataset *val, nn_error *err)
{
  return nn_synth_two_bumps(train, err);
}

static bool bumps_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  int hidden = (int) params[P_HIDDEN];
  nn_plan_name(plan, "more-neurons", NULL);
  nn_plan_mlp(plan, 1, &hidden, 1, NN_LAYER_SIGMOID, 0, 1);
  nn_plan_add(plan, NN_LAYER_SIGMOID);
  plan->loss = NN_LOSS_BCE;
  plan->accuracy = NN_ACCURACY_THRESHOLD;
  plan->optim = nn_lesson_optim((int) params[P_OPTIMIZER], params[P_LR], 0);
  return true;
}

static void bumps_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_model *m = nn_job_model(job, 0);
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  nn_snap_curve_over_x(s, "fit", m, plan, -1, X_LO, X_HI, CURVE_POINTS);
  nn_snap_curve_over_x(s, "hidden", m, plan, L_HIDDEN, X_LO, X_HI, CURVE_POINTS);
  nn_snap_points(s, "points", nn_job_train_data(job));
}

const nn_lesson nn_lesson_more_neurons = {
    .id = "more-neurons",
    .title = NN_TR("More neurons"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(bumps_params),
    .params = bumps_params,
    .n_variants = 1,
    .build_data = bumps_data,
    .plan_variant = bumps_plan,
    .fill_snapshot = bumps_fill,
    .watch_seconds = 8,
};
