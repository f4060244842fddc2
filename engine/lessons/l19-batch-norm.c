/* Lesson 19 — batch normalisation: two 784-100-100-10 sigmoid networks learn MNIST side by
 * side from the same data; the second puts a BatchNorm1d between each hidden Linear and its
 * sigmoid, so every hidden neuron's input is rescaled to mean 0 and spread 1 over the batch
 * (then shifted and stretched by two learnt numbers). At the lab's large learning rate the
 * plain network's pre-activations grow wide and its sigmoids saturate; the normalised one
 * learns faster and its pre-activations stay centred and narrow.
 *
 * Lab: Linear(784, 100), [BatchNorm1d(100)], Sigmoid, Linear(100, 100), [BatchNorm1d(100)],
 * Sigmoid, Linear(100, 10); CrossEntropyLoss; Adam lr 0.1; batch 2000, shuffled; 5 epochs on
 * MNIST's 60,000 digits (the app: the bundled 8,000 unless a data folder is given, validation
 * on the 2,000 held-out test digits); histograms of the second hidden layer's pre-activations
 * for a validation digit. The lab's forward pass put each BatchNorm after the sigmoid while
 * its histograms read them before it; the app follows the histograms' order (Linear →
 * BatchNorm1d → Sigmoid), the usual one, in both the training and the pictures.
 *
 * The histograms are taken in evaluation mode, as the lab's: batch norm then uses its running
 * mean and variance (momentum 0.1), not the statistics of the digits shown.
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "preact/v"  (60)  counts of variant v's second-layer pre-activations (the input of its
 *                     second sigmoid: output of layer 2, or 4 with batch norm) over the first
 *                     500 validation digits; both on one range covering both (each from its
 *                     smallest to its largest value, within 4 standard deviations of its
 *                     mean) and 0; values beyond it are counted in the end bins
 */
#include "nn_lesson_util.h"
#include "nn_trainer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define HIST_SAMPLES 500
#define HIST_BINS    60

enum { VARIANT_PLAIN, VARIANT_BN, N_VARIANTS };
enum { P_OPTIMIZER, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc bn_params[] = {
    [P_OPTIMIZER] = NN_P_OPTIMIZER(NN_OPTIMIZER_ADAM, NN_OPTIMIZER_ADAM),
    [P_LR] = NN_P_LR(0.0001, 1, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(10, 10000, 200, 2000),
    [P_EPOCHS] = NN_P_EPOCHS(3, 5, 30),
};

static bool bn_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                    nn_dataset *train, nn_dataset *val, nn_error *err)
{
  return nn_lesson_mnist(env, 28, true, 0, 0, train, val, err);
}

/* Linear(100), [BatchNorm1d], Sigmoid, twice, then Linear(10). */
static bool bn_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  bool bn = variant == VARIANT_BN;
  nn_plan_name(plan, bn ? "bn" : "plain", bn ? "with batch norm" : "without batch norm");
  plan->in_ndim = 1;
  plan->in_shape[0] = 28 * 28;
  for (int layer = 0; layer < 2; layer++) {
    nn_plan_add(plan, NN_LAYER_LINEAR(100));
    if (bn)
      nn_plan_add(plan, NN_LAYER_BN1D);
    nn_plan_add(plan, NN_LAYER_SIGMOID);
  }
  nn_plan_add(plan, NN_LAYER_LINEAR(10));
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim((int) params[P_OPTIMIZER], params[P_LR], 0);
  return true;
}

/* The layer whose output enters the second sigmoid: the second Linear, or its BatchNorm. */
static int preactivation_layer(int variant)
{
  return variant == VARIANT_BN ? 4 : 2;
}

/* The span of n values worth drawing: from the smallest to the largest, but no further than
 * four standard deviations from the mean (a few stray values would squash the rest). */
static void value_span(const float *v, size_t n, double *lo, double *hi)
{
  double sum = 0, sum2 = 0, min = INFINITY, max = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    sum += v[i];
    sum2 += (double) v[i] * v[i];
    min = fmin(min, v[i]);
    max = fmax(max, v[i]);
  }
  double mean = n ? sum / (double) n : 0;
  double sd = n ? sqrt(fmax(sum2 / (double) n - mean * mean, 0)) : 0;
  *lo = fmax(min, mean - 4 * sd);
  *hi = fmin(max, mean + 4 * sd);
}

/* Both histograms on one range that covers both and shows 0: the pictures compare where the
 * values lie and how widely they spread. */
static void bn_fill(nn_job *job, nn_snapshot *s)
{
  int n = nn_job_n_variants(job);
  float *values[N_VARIANTS] = {0};
  size_t count[N_VARIANTS] = {0};
  double lo = -1, hi = 1;
  for (int i = 0; i < n; i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    int layer = preactivation_layer(nn_job_variant_index(job, i));
    values[i] = nn_lesson_layer_outputs(nn_job_model(job, i), nn_job_val_data(job), HIST_SAMPLES,
                                        layer, &count[i]);
    if (!values[i])
      continue;
    double v_lo, v_hi;
    value_span(values[i], count[i], &v_lo, &v_hi);
    if (isfinite(v_lo) && isfinite(v_hi)) {
      lo = fmin(lo, v_lo);
      hi = fmax(hi, v_hi);
    }
  }
  for (int i = 0; i < n; i++) {
    if (!values[i])
      continue;
    char name[48];
    snprintf(name, sizeof name, "preact/%d", i);
    nn_snap_histogram(s, name, values[i], count[i], (float) lo, (float) hi, HIST_BINS);
    free(values[i]);
  }
}

const nn_lesson nn_lesson_batch_norm = {
    .id = "batch-norm",
    .title = NN_TR("Batch normalisation"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(bn_params),
    .params = bn_params,
    .n_variants = N_VARIANTS,
    .build_data = bn_data,
    .plan_variant = bn_plan,
    .fill_snapshot = bn_fill,
};
