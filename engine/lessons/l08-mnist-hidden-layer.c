/* Lesson 8 — a hidden layer for digits: Linear(784, n), sigmoid, Linear(n, 10). Each hidden
 * neuron looks at the whole digit through its own 784 weights — a picture of the strokes it
 * responds to — and the output layer combines the n answers. With one or two hidden neurons
 * every digit must squeeze through one or two numbers and the network cannot tell ten
 * classes apart; with a hundred it beats lesson 4's single layer.
 *
 * Lab: MNIST (60,000 training digits; validation on the test set), Linear(784, 100), Sigmoid,
 * Linear(100, 10) with PyTorch's default init, CrossEntropyLoss, SGD lr 0.01, batch 2000
 * shuffled, 30 epochs. The app: the bundled 8,000 digits unless a data folder is given,
 * validation on the 2,000 held-out ones. There a batch of 2000 makes only 4 steps an epoch,
 * and at lr 0.01 a sigmoid network barely moves in 120 steps (34% after 30 epochs), so Quick
 * takes batches of 100 at lr 2 for 30 epochs: 80 steps an epoch, about 94% at the end (seeds
 * 1–4: 93.8–94.9%) in two or three seconds. A sigmoid hidden layer with a mean-reduced
 * cross-entropy takes such a step well; at 0.5 it ends near 92%.
 *
 * Snapshot (besides the curves every trained lesson has, and the model for the digit canvas):
 *   "weights"  (min(n, 100), 28, 28)  the first layer's weights of each hidden neuron
 */
#include "nn_lesson_util.h"

#define SIDE      28
#define N_CLASSES 10
#define MAX_TILES 100

enum { P_HIDDEN, P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc hidden_layer_params[] = {
    [P_HIDDEN] = NN_P_HIDDEN(1, 300, 100, 100),
    [P_LR] = NN_P_LR(0.001, 5, 2, 0.01),
    [P_BATCH] = NN_P_BATCH(1, 8000, 100, 2000),
    [P_EPOCHS] = NN_P_EPOCHS(30, 30, 100),
};

static bool hidden_layer_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                              nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed;
  return nn_lesson_mnist(env, SIDE, true, 0, 0, train, val, err);
}

static bool hidden_layer_plan(const double *params, int variant, nn_variant_plan *plan,
                              nn_error *err)
{
  (void) variant, (void) err;
  int hidden = (int) params[P_HIDDEN];
  nn_plan_name(plan, "hidden", "one hidden layer");
  nn_plan_mlp(plan, SIDE * SIDE, &hidden, 1, NN_LAYER_SIGMOID, 0, N_CLASSES);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

static void hidden_layer_fill(nn_job *job, nn_snapshot *s)
{
  if (!nn_job_variant_diverged(job, 0))
    nn_snap_weight_images(s, "weights", nn_job_model(job, 0), 0, SIDE, SIDE, MAX_TILES);
}

const nn_lesson nn_lesson_mnist_hidden_layer = {
    .id = "mnist-hidden-layer",
    .title = NN_TR("A hidden layer for digits"),
    .chapter = 2,
    .n_params = NN_N_ELEMENTS(hidden_layer_params),
    .params = hidden_layer_params,
    .n_variants = 1,
    .build_data = hidden_layer_data,
    .plan_variant = hidden_layer_plan,
    .fill_snapshot = hidden_layer_fill,
    .snapshot_models = true,
};
