/* Lesson 16 — Xavier initialisation: the lab's hourglass of tanh layers,
 * 784-100-10-100-10-100-10, started three ways and trained side by side on MNIST. How the
 * first weights are drawn decides whether a signal gets through the layers at all: with
 * PyTorch's default it shrinks layer after layer, with Xavier's it keeps its spread, and with
 * weights U(0, 1) every neuron is pushed to tanh's flat end (+1), where the gradient vanishes
 * and nothing learns.
 *
 * Variants, one init stream, so the biases (PyTorch's default in all three) are the same:
 * "default" (kaiming_uniform(a=√5): U(±1/√fan_in)), "xavier" (xavier_uniform_, gain 1) and
 * "uniform" (weights U(0, 1)). Each is Linear(784, 100), Tanh, Linear(100, 10), Tanh,
 * Linear(10, 100), Tanh, Linear(100, 10), Tanh, Linear(10, 100), Tanh, Linear(100, 10);
 * cross-entropy; SGD.
 *
 * Lab: all 60,000 training digits, SGD lr 0.01, batch 2000, 15 epochs: Xavier ends best, U(0, 1)
 * does not learn. The bundled subset (8,000 digits) gives a batch of 2000 only four steps an
 * epoch — 60 in all, too few at lr 0.01 for any start to get far — so Quick takes batches of
 * 100 for 10 epochs: 800 steps, about as many as the lab's run makes on the full set (450).
 *
 * Snapshot (besides the curves every trained lesson has):
 *   "hist/v/k"   (40)   variant v's k-th hidden Tanh output (k = 0..4) at the start, before any
 *                       training, over the first HIST_SAMPLES training digits: the share (%) of
 *                       the values in each of 40 bins over [−1, 1]. Computed once, when the
 *                       job is made.
 */
#include "nn_lesson_util.h"

#include <stdio.h>
#include <string.h>

#define N_HIDDEN     5
#define HIST_SAMPLES 500
#define HIST_BINS    40

enum { P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc xavier_params[] = {
    [P_LR] = NN_P_LR(0.001, 1, 0.01, 0.01),
    [P_BATCH] = NN_P_BATCH(1, 2000, 100, 2000),
    [P_EPOCHS] = NN_P_EPOCHS(10, 15, 100),
};

static const int hourglass[N_HIDDEN] = {100, 10, 100, 10, 100};

static bool xavier_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                        nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, 28, true, 0, 0, train, val, err);
}

static bool xavier_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) err;
  static const struct {
    const char *name, *label;
    nn_init_kind init;
  } inits[] = {
      {"default", "PyTorch default", NN_INIT_DEFAULT},
      {"xavier", "Xavier uniform", NN_INIT_XAVIER_UNIFORM},
      {"uniform", "uniform (0, 1)", NN_INIT_UNIFORM01},
  };
  nn_plan_name(plan, inits[variant].name, inits[variant].label);
  plan->init = inits[variant].init;
  nn_plan_mlp(plan, 784, hourglass, N_HIDDEN, NN_LAYER_TANH, 0, 10);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

/* Counts of a histogram item turned into shares of its total, in %. */
static void to_percent(const nn_snap_item *item)
{
  double total = 0;
  size_t n = nn_snap_item_numel(item);
  for (size_t i = 0; i < n; i++)
    total += item->data[i];
  for (size_t i = 0; total > 0 && i < n; i++)
    item->data[i] = (float) (100.0 * item->data[i] / total);
}

/* The histograms of the untrained models, kept for every snapshot of the run. */
static bool xavier_start(nn_job *job, nn_error *err)
{
  nn_snapshot *hist = nn_snapshot_new();
  if (!hist)
    return nn_fail(err, "out of memory");
  for (int i = 0; i < nn_job_n_variants(job); i++) {
    for (int k = 0; k < N_HIDDEN; k++) {
      char name[32];
      snprintf(name, sizeof name, "hist/%d/%d", i, k);
      /* Hidden layer k's Tanh is layer 2k + 1 of the Sequential. */
      nn_snap_layer_histogram(hist, name, nn_job_model(job, i), nn_job_train_data(job),
                              HIST_SAMPLES, 2 * k + 1, -1.0f, 1.0f, HIST_BINS);
      const nn_snap_item *item = nn_snapshot_find(hist, name);
      if (!item)
        break;
      to_percent(item);
    }
  }
  nn_job_set_custom(job, hist);
  return true;
}

static void xavier_free(nn_job *job)
{
  nn_snapshot *hist = nn_job_custom(job);
  if (hist)
    nn_snapshot_unref(hist);
}

static void xavier_fill(nn_job *job, nn_snapshot *s)
{
  const nn_snapshot *hist = nn_job_custom(job);
  for (int i = 0; hist && i < hist->n_items; i++) {
    const nn_snap_item *src = &hist->items[i];
    float *dst = nn_snapshot_add(s, src->name, src->ndim, src->shape);
    if (!dst)
      return;
    memcpy(dst, src->data, sizeof(float) * nn_snap_item_numel(src));
    memcpy(s->items[s->n_items - 1].range, src->range, sizeof src->range);
  }
}

const nn_lesson nn_lesson_xavier_init = {
    .id = "xavier-init",
    .title = NN_TR("Xavier initialisation"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(xavier_params),
    .params = xavier_params,
    .n_variants = 3,
    .build_data = xavier_data,
    .plan_variant = xavier_plan,
    .custom_start = xavier_start,
    .custom_free = xavier_free,
    .fill_snapshot = xavier_fill,
};
