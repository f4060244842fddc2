/* Lesson 10 — activations compared on digits: three 784-100-10 networks that differ only in
 * their hidden activation (sigmoid, tanh, ReLU) learn MNIST side by side from the same batches.
 * What flows back through a hidden neuron is the error times the activation's slope: sigmoid's
 * is never more than 1/4, tanh's reaches 1 near zero, ReLU's is exactly 1 wherever the neuron
 * is on. So at the same learning rate ReLU learns fastest, tanh next, sigmoid slowest.
 *
 * Variants (one init stream, so they start from the same Linear weights): "sigmoid", "tanh",
 * "relu", each Linear(784, hidden), activation, Linear(hidden, 10); cross-entropy; SGD.
 *
 * Lab: all 60,000 training digits, SGD lr 0.01, batch 2000 (shuffled), 30 epochs: ReLU ends
 * best, then tanh, then sigmoid. On the bundled 8,000 digits a batch of 2000 makes four steps
 * an epoch, 120 in all — the lab makes 900 — and that is too few for ReLU to pass tanh (at
 * lr 0.01 it does so after some 800 steps). Quick takes batches of 100 at lr 0.5 for 8
 * epochs (640 steps, about 2 s on two cores): the order shows from the third epoch on.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "slope/v"  (SLOPE_BINS)  counts of the slopes of variant v's hidden activations (σ'(z),
 *                            tanh'(z) or ReLU'(z) for every hidden neuron) over the first
 *                            SLOPE_SAMPLES validation digits, in bins over [0, 1]: how much of
 *                            the error each neuron passes back to the weights before it
 */
#include "nn_lesson_util.h"
#include "nn_trainer.h"

#include <stdio.h>
#include <stdlib.h>

/* Enough values for a smooth histogram (300 × 100), few enough to refresh at 30 Hz. */
#define SLOPE_SAMPLES 300
#define SLOPE_BINS    20

enum { P_LR, P_BATCH, P_EPOCHS, P_HIDDEN };

static const nn_param_desc activations_params[] = {
    [P_LR] = NN_P_LR(0.001, 1, 0.5, 0.01),
    [P_BATCH] = NN_P_BATCH(10, 10000, 100, 2000),
    [P_EPOCHS] = NN_P_EPOCHS(8, 30, 100),
    [P_HIDDEN] = NN_P_HIDDEN(10, 300, 100, 100),
};

static bool activations_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                             nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, 28, true, 0, 0, train, val, err);
}

/* Variant k is activation k (NN_ACTIVATION_SIGMOID, _TANH, _RELU). */
static bool activations_plan(const double *params, int variant, nn_variant_plan *plan,
                             nn_error *err)
{
  (void) err;
  int hidden = (int) params[P_HIDDEN];
  nn_plan_activation_mnist(plan, variant, &hidden, 1, params[P_LR]);
  return true;
}

static void activations_fill(nn_job *job, nn_snapshot *s)
{
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    size_t count;
    /* Layer 1 of the Sequential is the hidden activation. */
    float *a = nn_lesson_layer_outputs(nn_job_model(job, i), nn_job_val_data(job), SLOPE_SAMPLES,
                                       1, &count);
    if (!a)
      continue;
    int activation = nn_job_variant_index(job, i);
    for (size_t k = 0; k < count; k++)
      a[k] = nn_activation_slope(activation, a[k]);
    char name[32];
    snprintf(name, sizeof name, "slope/%d", i);
    nn_snap_histogram(s, name, a, count, 0.0f, 1.0f, SLOPE_BINS);
    free(a);
  }
}

const nn_lesson nn_lesson_activations_mnist = {
    .id = "activations-mnist",
    .title = NN_TR("Activations compared on digits"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(activations_params),
    .params = activations_params,
    .n_variants = 3,
    .build_data = activations_data,
    .plan_variant = activations_plan,
    .fill_snapshot = activations_fill,
};
