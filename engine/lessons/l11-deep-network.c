/* Lesson 11 — deep networks: the same stack of hidden layers (784 → width → … → width → 10)
 * built three times, with sigmoid, tanh or ReLU after every hidden Linear, learns MNIST side by
 * side from the same batches. The error reaches the first layers only through every later
 * layer's slope: sigmoid's (at most 1/4) shrinks it at each layer, so the deeper the sigmoid
 * network, the slower it starts; ReLU passes it on unchanged wherever a neuron is on.
 *
 * Variants (one init stream): "sigmoid", "tanh", "relu"; cross-entropy; SGD.
 *
 * Lab: Linear(784, 50), activation, Linear(50, 50), activation, Linear(50, 10) on all 60,000
 * training digits, SGD lr 0.01, batch 2000 (shuffled), 10 epochs, each activation in turn;
 * histograms of each hidden layer's activations. On the bundled 8,000 digits a batch of 2000
 * makes four steps an epoch, 40 in all (the lab makes 300), too few at lr 0.01 for any of them
 * to get far. Quick takes batches of 100 at lr 0.1 for 8 epochs (640 steps, about 2 s on two
 * cores): tanh and ReLU pass 85% in three epochs while sigmoid stays on its plateau, and
 * with a third layer it does not leave it at all.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "act/v/k"  (HIST_BINS)  counts of variant v's k-th hidden activation (k = 0 … layers − 1)
 *                           over the first HIST_SAMPLES validation digits, evaluation mode:
 *                           HIST_SAMPLES × width values each. Range: [0, 1] for sigmoid,
 *                           [−1, 1] for tanh, [0, top] for ReLU, top shared by its layers (the
 *                           largest value, within four standard deviations of each layer's mean)
 */
#include "nn_lesson_util.h"
#include "nn_trainer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_LAYERS   5
#define HIST_SAMPLES 200
#define HIST_BINS    30

enum { P_LAYERS, P_HIDDEN, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc deep_params[] = {
    [P_LAYERS] = NN_P_LAYERS(1, MAX_LAYERS, 2, 2),
    [P_HIDDEN] = NN_P_HIDDEN(5, 200, 50, 50),
    [P_LR] = NN_P_LR(0.001, 1, 0.1, 0.01),
    [P_BATCH] = NN_P_BATCH(10, 10000, 100, 2000),
    [P_EPOCHS] = NN_P_EPOCHS(8, 10, 100),
};

static bool deep_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                      nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, 28, true, 0, 0, train, val, err);
}

/* Variant k is activation k (NN_ACTIVATION_SIGMOID, _TANH, _RELU). */
static bool deep_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) err;
  int layers = (int) params[P_LAYERS], hidden[MAX_LAYERS];
  for (int k = 0; k < layers; k++)
    hidden[k] = (int) params[P_HIDDEN];
  nn_plan_activation_mnist(plan, variant, hidden, layers, params[P_LR]);
  return true;
}

/* The right end of a ReLU network's histograms: the largest activation of any layer, but no
 * further than four standard deviations above its layer's mean (a few stray values would
 * squash the rest into the first bins). */
static float relu_top(float *const *values, int layers, size_t count)
{
  double top = 0;
  for (int k = 0; k < layers; k++) {
    double sum = 0, sum2 = 0, max = 0;
    for (size_t i = 0; i < count; i++) {
      sum += values[k][i];
      sum2 += (double) values[k][i] * values[k][i];
      max = fmax(max, values[k][i]);
    }
    double mean = count ? sum / (double) count : 0;
    double sd = count ? sqrt(fmax(sum2 / (double) count - mean * mean, 0)) : 0;
    top = fmax(top, fmin(max, mean + 4 * sd));
  }
  return top > 0 && isfinite(top) ? (float) top : 1.0f;
}

/* Variant i's histograms, one per hidden layer, on one range. */
static void fill_variant(nn_job *job, int i, nn_snapshot *s)
{
  int layers = (int) nn_job_params(job)[P_LAYERS], activation = nn_job_variant_index(job, i);
  float *values[MAX_LAYERS] = {0};
  size_t count = 0;
  for (int k = 0; k < layers; k++) {
    /* Hidden layer k's activation is layer 2k + 1 of the Sequential. */
    values[k] = nn_lesson_layer_outputs(nn_job_model(job, i), nn_job_val_data(job), HIST_SAMPLES,
                                        2 * k + 1, &count);
    if (!values[k])
      goto out;
  }
  float lo = activation == NN_ACTIVATION_TANH ? -1.0f : 0.0f;
  float hi = activation == NN_ACTIVATION_RELU ? relu_top(values, layers, count) : 1.0f;
  for (int k = 0; k < layers; k++) {
    char name[32];
    snprintf(name, sizeof name, "act/%d/%d", i, k);
    nn_snap_histogram(s, name, values[k], count, lo, hi, HIST_BINS);
  }
out:
  for (int k = 0; k < layers; k++)
    free(values[k]);
}

static void deep_fill(nn_job *job, nn_snapshot *s)
{
  for (int i = 0; i < nn_job_n_variants(job); i++)
    if (!nn_job_variant_diverged(job, i))
      fill_variant(job, i, s);
}

const nn_lesson nn_lesson_deep_network = {
    .id = "deep-network",
    .title = NN_TR("Deep networks"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(deep_params),
    .params = deep_params,
    .n_variants = 3,
    .build_data = deep_data,
    .plan_variant = deep_plan,
    .fill_snapshot = deep_fill,
};
