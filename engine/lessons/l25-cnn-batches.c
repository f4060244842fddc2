/* Lesson 25 — batch size and batch norm in a CNN: lesson 24's network learns the 16×16 digits
 * side by side with the same network normalised by batch norm, from the same data and the same
 * batches. Batch norm rescales each channel (and each logit) over the batch, so the signal
 * keeps a steady size through the layers and the normalised network pulls ahead. The batch
 * size shows the other side of "batch": larger batches go through more samples a second (one
 * big matrix product instead of many small ones) and give a smoother loss curve, but take
 * fewer steps an epoch.
 *
 * Data: MNIST resized to 16×16, as lesson 24.
 *
 * Variants (nn_plan_course_cnn): "plain" — Conv2d(1, 16, 5, padding 2), ReLU, MaxPool2d(2),
 * Conv2d(16, 32, 5, padding 2), ReLU, MaxPool2d(2), Flatten, Linear(512, 10); "bn" — the same
 * with BatchNorm2d after each Conv2d (before its ReLU) and BatchNorm1d(10) on the logits, as
 * the lab's CNN_batch. Cross-entropy, SGD.
 *
 * Lab: SGD lr 0.1, batch 100, 10 epochs each, on MNIST's 60,000 digits. On the bundled 8,000
 * the Course run takes about 30 s on two cores (both networks); Quick trains 2 epochs (~6 s),
 * enough for batch norm to be ahead from the first epoch.
 *
 * At batch size 1 batch norm has no batch to average over: BatchNorm1d then outputs its shift
 * alone (PyTorch refuses such a batch in training), so the normalised network cannot learn.
 *
 * The snapshot holds only the curves every trained lesson has; the page reads the speed from
 * the snapshot's samples_per_s and the per-step loss from "step_loss/v".
 */
#include "nn_lesson_util.h"

#define SIDE 16

enum { VARIANT_PLAIN, VARIANT_BN, N_VARIANTS };
enum { P_OPTIMIZER, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc batches_params[] = {
    [P_OPTIMIZER] = NN_P_OPTIMIZER(NN_OPTIMIZER_SGD, NN_OPTIMIZER_SGD),
    [P_LR] = NN_P_LR(0.001, 1, 0.1, 0.1),
    [P_BATCH] = NN_P_BATCH_LOG(1, 1000, 100, 100),
    [P_EPOCHS] = NN_P_EPOCHS(2, 10, 30),
};

static bool batches_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                         nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, SIDE, false, 0, 0, train, val, err);
}

static bool batches_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  (void) err;
  bool bn = variant == VARIANT_BN;
  nn_plan_name(plan, bn ? "bn" : "plain", bn ? "with batch norm" : "without batch norm");
  nn_plan_course_cnn(plan, SIDE, bn);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim((int) params[P_OPTIMIZER], params[P_LR], 0);
  return true;
}

const nn_lesson nn_lesson_cnn_batches = {
    .id = "cnn-batches",
    .title = NN_TR("Batch size and batch norm in a CNN"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(batches_params),
    .params = batches_params,
    .n_variants = N_VARIANTS,
    .build_data = batches_data,
    .plan_variant = batches_plan,
};
