#include "toy-lesson.h"

#include <stdio.h>

static const nn_param_desc toy_params[] = {
  {"epochs", "Epochs", NN_PARAM_INT, 1, 1000, 5, 5, 1, "", NULL, 0},
  {"lr", "Learning rate", NN_PARAM_FLOAT, 1e-4, 1e6, 0.1, 0.1, 0, "", NULL, NN_PARAM_LOG},
  {"batch_size", "Batch size", NN_PARAM_INT, 0, 1000, 7, 7, 1, "", NULL, 0},
  {"shuffle", "Shuffle", NN_PARAM_BOOL, 0, 1, 1, 1, 1, "", NULL, 0},
};

/* Two noisy blobs, class 0 around (−1, −1) and class 1 around (1, 1). */
bool toy_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                     nn_dataset *train, nn_dataset *val, nn_error *err)
{
  nn_rng rng;
  nn_rng_seed(&rng, seed, NN_STREAM_DATA);
  nn_dataset *sets[2] = {train, val};
  for (int s = 0; s < 2; s++) {
    if (!nn_dataset_alloc(sets[s], TOY_N, 1, (int[]){2}, true, 0, 2, err))
      return false;
    for (int i = 0; i < TOY_N; i++) {
      int c = i % 2;
      float *x = nn_dataset_sample(sets[s], i);
      x[0] = (c ? 1.0f : -1.0f) + 0.5f * nn_rng_normal(&rng);
      x[1] = (c ? 1.0f : -1.0f) + 0.5f * nn_rng_normal(&rng);
      sets[s]->y_class[i] = c;
    }
  }
  return true;
}

bool toy_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err)
{
  snprintf(plan->name, sizeof plan->name, variant ? "hidden" : "linear");
  plan->in_ndim = 1;
  plan->in_shape[0] = 2;
  if (variant == 0) {
    plan->n_layers = 1;
    plan->layers[0] = NN_LAYER_LINEAR(2);
  } else {
    plan->n_layers = 3;
    plan->layers[0] = NN_LAYER_LINEAR(4);
    plan->layers[1] = NN_LAYER_TANH;
    plan->layers[2] = NN_LAYER_LINEAR(2);
  }
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = (nn_optim_config){.kind = NN_OPTIM_SGD, .lr = (float) params[P_LR],
                                  .momentum = 0.9f};
  return true;
}

static void toy_fill(nn_job *job, nn_snapshot *snap)
{
  float *v = nn_snapshot_add(snap, "toy/steps", 1, (int[]){1});
  if (v)
    v[0] = (float) nn_job_step_count(job);
}

const nn_lesson toy_lesson = {
  .id = "toy",
  .title = "Toy",
  .chapter = 1,
  .n_params = N_P,
  .params = toy_params,
  .n_variants = 2,
  .build_data = toy_data,
  .plan_variant = toy_plan,
  .fill_snapshot = toy_fill,
  .snapshot_models = true,
  .watch_seconds = 0.5, /* the worker tests watch many runs */
};

