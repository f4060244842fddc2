/* Lesson 26 — a CNN that reads your handwriting: the course's CNN at MNIST's full 28×28, trained
 * live; the page lets the student draw a digit and see it prepared as MNIST's digits were
 * (crop, fit into 20×20, centre by mass in 28×28: nn_digit_prepare), the feature maps it makes
 * in both convolution layers, and the ten probabilities. With a Fashion-MNIST folder the same
 * network learns ten kinds of clothes, as the course's last lab does.
 *
 * Model: Conv2d(1, 16, 5, padding 2), ReLU, MaxPool2d(2), Conv2d(16, 32, 5, padding 2), ReLU,
 * MaxPool2d(2), Flatten, Linear(1568, 10); CrossEntropyLoss — exactly the network of the
 * `bench cnn28` workload.
 *
 * Course: the course's settings for this CNN, those of lesson 24's lab — SGD lr 0.1, batch 100
 * — for 3 epochs, as that lab runs (on all 60,000 digits when the full MNIST is given; the
 * bundled set has 8,000, 80 steps an epoch: 95.1% on the held-out digits). Quick: batches of
 * 20 at lr 0.05 for 4 epochs (1,600 steps, about ten seconds here): the smaller steps make
 * more of 8,000 digits — about 97% (seeds 1–3: 96.95%, 97.05%, 96.6%) — and the canvas reads drawn
 * digits better.
 *
 * Snapshot (besides the curves every trained lesson has; the inference copy of the model rides
 * in nn_snapshot.models for the canvas):
 *   "kernels"       (16, 5, 5)  the first convolution's kernels
 *   "sample"        (28, 28)    the first held-out image, shown until the student draws
 *   "sample_label"  (1)         its class
 *   "maps/i"        layer i's output for that image, evaluation mode: "maps/1" (16, 28, 28)
 *                   after the first ReLU, "maps/4" (32, 14, 14) after the second
 *   "fashion"       (1)         1 when the data are Fashion-MNIST's clothes, 0 for digits
 */
#include "nn_lesson_util.h"

#include <string.h>

#define SIDE    28
#define CLASSES 10
#define KERNELS 16 /* of the first convolution */
#define K       5

enum { P_LR, P_BATCH, P_EPOCHS };

static const nn_param_desc cnn_params[] = {
    [P_LR] = NN_P_LR(0.001, 1, 0.05, 0.1),
    [P_BATCH] = NN_P_BATCH(1, 1000, 20, 100),
    [P_EPOCHS] = NN_P_EPOCHS(4, 3, 20),
};

static bool cnn_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                     nn_dataset *train, nn_dataset *val, nn_error *err)
{
  return nn_lesson_mnist(env, SIDE, false, 0, 0, train, val, err);
}

static bool cnn_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  nn_plan_name(plan, "cnn", "CNN");
  nn_plan_course_cnn(plan, SIDE, false);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, params[P_LR], 0);
  return true;
}

static void snap_value(nn_snapshot *s, const char *name, float value)
{
  nn_snapshot_add_copy(s, name, &value, 1);
}

static void cnn_fill(nn_job *job, nn_snapshot *s)
{
  if (nn_job_variant_diverged(job, 0))
    return;
  nn_model *m = nn_job_model(job, 0);
  nn_snap_weight_images(s, "kernels", m, 0, K, K, KERNELS);
  const nn_dataset *val = nn_job_val_data(job);
  if (val->n > 0) {
    const float *sample = nn_dataset_sample(val, 0);
    float *image = nn_snapshot_add(s, "sample", 2, (int[]){SIDE, SIDE});
    if (image)
      memcpy(image, sample, sizeof(float) * SIDE * SIDE);
    snap_value(s, "sample_label", (float) val->y_class[0]);
    nn_snap_feature_maps(s, "maps", m, sample);
  }
  const char *classes = nn_job_train_data(job)->class_set;
  snap_value(s, "fashion", classes && !strcmp(classes, "fashion") ? 1.0f : 0.0f);
}

const nn_lesson nn_lesson_cnn_mnist = {
    .id = "cnn-mnist",
    .title = NN_TR("A CNN that reads your handwriting"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(cnn_params),
    .params = cnn_params,
    .n_variants = 1,
    .build_data = cnn_data,
    .plan_variant = cnn_plan,
    .fill_snapshot = cnn_fill,
    .snapshot_models = true,
};
