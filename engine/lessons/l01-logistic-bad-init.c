/* Lesson 1 — logistic regression and a bad start. One sigmoid neuron, p = σ(w·x + b), learns
 * to call the points x > 0.2 class 1. Started at w = −5, b = −10, it says "class 0"
 * everywhere with total confidence; there the MSE surface is a flat plateau: σ′(z) ≈ 0, so
 * the gradient vanishes and the parameters barely move (65% accuracy: the 13 negatives).
 * Cross-entropy's gradient on a wrong, confident answer stays large (it is p − y itself),
 * and a random start near the origin is off the plateau: both learn.
 *
 * Lab: x = −1, −0.9, …, 0.9, label x > 0.2; Linear(1, 1) + Sigmoid; w = −5, b = −10;
 * MSELoss; SGD lr 2; DataLoader batch 3 (not shuffled); 100 epochs → stuck at about 60%.
 * The app adds the choices the lab makes in its text: a random start (PyTorch's default
 * U(−1, 1), from the seed) and cross-entropy (BCELoss) in place of MSE. There is no held-out
 * set: the 20 points are the experiment.
 *
 * Snapshot (besides the curves every trained lesson has), see nn_logistic.h:
 *   "surface/0"  (60, 60)  the chosen loss over w ∈ [−15, 15] × b ∈ [−13, 13]
 *   "path/0"     (n, 2)    (w, b) from the start to now
 *   "curve/0"    (121, 1)  σ(w·x + b) over x ∈ [−1.2, 1.2]
 *   "points"     (20, 3)   x, label, class
 */
#include "nn_logistic.h"

enum { P_START, P_LOSS, P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };
enum { START_BAD, START_RANDOM };
enum { LOSS_MSE, LOSS_CROSS_ENTROPY };

static const char *const start_choices[] = {"bad", "random", NULL};
static const char *const start_labels[] = {NN_TR("w = −5, b = −10 (the lab's)"), NN_TR("Random"),
                                           NULL};
static const char *const loss_choices[] = {"mse", "cross-entropy", NULL};
static const char *const loss_labels[] = {NN_TR("Mean squared error"), NN_TR("Cross-entropy"),
                                          NULL};

static const nn_param_desc bad_init_params[] = {
    [P_START] = {.name = "start",
                 .label = NN_TR("Start"),
                 .type = NN_PARAM_CHOICE,
                 .min = 0,
                 .max = 1,
                 .quick = START_BAD,
                 .course = START_BAD,
                 .step = 1,
                 .choices = start_choices,
                 .choice_labels = start_labels},
    [P_LOSS] = {.name = "loss",
                .label = NN_TR("Loss"),
                .type = NN_PARAM_CHOICE,
                .min = 0,
                .max = 1,
                .quick = LOSS_MSE,
                .course = LOSS_MSE,
                .step = 1,
                .choices = loss_choices,
                .choice_labels = loss_labels},
    [P_LR] = NN_P_LR(0.01, 10, 2, 2),
    [P_BATCH] = NN_P_BATCH(0, 20, 3, 3),
    [P_EPOCHS] = NN_P_EPOCHS(100, 100, 1000),
    [P_SHUFFLE] = NN_P_SHUFFLE(0, 0),
};

static bool bad_init_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) variant, (void) err;
  bool mse = (int) params[P_LOSS] == LOSS_MSE;
  nn_plan_name(plan, mse ? "mse" : "cross-entropy", mse ? "MSE" : "cross-entropy");
  nn_logistic_plan(plan, mse ? NN_LOSS_MSE : NN_LOSS_BCE, params[P_LR],
                   (int) params[P_START] == START_BAD);
  return true;
}

const nn_lesson nn_lesson_logistic_bad_init = {
    .id = "logistic-bad-init",
    .title = NN_TR("Logistic regression and a bad start"),
    .chapter = 1,
    .n_params = NN_N_ELEMENTS(bad_init_params),
    .params = bad_init_params,
    .n_variants = 1,
    .build_data = nn_logistic_data,
    .plan_variant = bad_init_plan,
    .custom_start = nn_logistic_start,
    .custom_free = nn_logistic_free,
    .after_step = nn_logistic_after_step,
    .fill_snapshot = nn_logistic_fill,
    .watch_seconds = 6,
};
