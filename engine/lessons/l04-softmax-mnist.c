/* Lesson 4 — softmax on handwritten digits: one Linear(784, 10) layer reads a 28×28 digit
 * as 784 numbers and gives each of the ten classes a score, a weighted sum of the pixels;
 * softmax turns the scores into probabilities. Each class's 784 weights are a picture: where
 * they are positive, ink raises that digit's score; where negative, ink lowers it. They start
 * as noise and become blurred templates of the digits.
 *
 * Lab: MNIST (60,000 training digits; validation on the test set), Linear(784, 10) with
 * PyTorch's default init, CrossEntropyLoss, SGD lr 0.1, DataLoader batch 100 (not shuffled),
 * 10 epochs; the weight images before and after training. The app: the bundled 8,000 digits
 * unless a data folder is given, validation on the 2,000 held-out ones. Quick shuffles and
 * trains 15 epochs (about 90% on the held-out digits, seeds 1–4: 90.25–90.45%; a fifth of a
 * second).
 *
 * Snapshot (besides the curves every trained lesson has, and the model for the digit canvas):
 *   "weights_before"  (10, 28, 28)  each class's weights as they were when the run started
 *   "weights"         (10, 28, 28)  the same now
 *   "examples/wrong", "examples/right"  (k, 28, 28) and "…_label" (k, 3): the first validation
 *                     digits the model gets wrong and right (k ≤ 6), with truth, guess and the
 *                     guess's probability (nn_snap_examples)
 */
#include "nn_lesson_util.h"

#include <stdlib.h>
#include <string.h>

#define SIDE       28
#define N_PIXELS   (SIDE * SIDE)
#define N_CLASSES  10
#define N_EXAMPLES 6

enum { P_LR, P_BATCH, P_EPOCHS, P_SHUFFLE };

static const nn_param_desc softmax_mnist_params[] = {
    [P_LR] = NN_P_LR(0.001, 5, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH(1, 8000, 100, 100),
    [P_EPOCHS] = NN_P_EPOCHS(15, 10, 100),
    /* The lab's DataLoader does not shuffle; MNIST's order is random already. */
    [P_SHUFFLE] = NN_P_SHUFFLE(1, 0),
};

static bool softmax_mnist_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                               nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, SIDE, true, 0, 0, train, val, err);
}

static bool softmax_mnist_plan(const double *params, int variant, nn_variant_plan *plan,
                               nn_error *err)
{
  (void) variant, (void) err;
  nn_plan_name(plan, "softmax", "softmax");
  plan->in_ndim = 1;
  plan->in_shape[0] = N_PIXELS;
  nn_plan_add(plan, NN_LAYER_LINEAR(N_CLASSES));
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

/* The weights as they start (after --init, if given): the "before" pictures of every
 * snapshot of the run. */
static bool softmax_mnist_start(nn_job *job, nn_error *err)
{
  nn_param *weight = nn_model_weight(nn_job_model(job, 0), 0);
  float *before = malloc(sizeof(float) * N_CLASSES * N_PIXELS);
  if (!before)
    return nn_fail(err, "out of memory");
  memcpy(before, weight->value.data, sizeof(float) * N_CLASSES * N_PIXELS);
  nn_job_set_custom(job, before);
  return true;
}

static void softmax_mnist_free(nn_job *job)
{
  free(nn_job_custom(job));
}

static void softmax_mnist_fill(nn_job *job, nn_snapshot *s)
{
  const float *before = nn_job_custom(job);
  float *dst = nn_snapshot_add(s, "weights_before", 3, (int[]){N_CLASSES, SIDE, SIDE});
  if (dst && before)
    memcpy(dst, before, sizeof(float) * N_CLASSES * N_PIXELS);
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_model *m = nn_job_model(job, 0);
  nn_snap_weight_images(s, "weights", m, 0, SIDE, SIDE, N_CLASSES);
  nn_snap_examples(s, "examples", m, nn_job_plan(job, 0), nn_job_val_data(job), N_EXAMPLES, SIDE,
                   SIDE);
}

const nn_lesson nn_lesson_softmax_mnist = {
    .id = "softmax-mnist",
    .title = NN_TR("Softmax on handwritten digits"),
    .chapter = 1,
    .n_params = NN_N_ELEMENTS(softmax_mnist_params),
    .params = softmax_mnist_params,
    .n_variants = 1,
    .build_data = softmax_mnist_data,
    .plan_variant = softmax_mnist_plan,
    .custom_start = softmax_mnist_start,
    .custom_free = softmax_mnist_free,
    .fill_snapshot = softmax_mnist_fill,
    .snapshot_models = true,
    .watch_seconds = 8,
};
