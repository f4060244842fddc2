/* A small lesson for tests of the trainer and the worker: two noisy blobs in the plane and
 * two variants (a linear model and a small tanh network), cross-entropy, SGD with momentum. */
#pragma once

#include "nn_trainer.h"

enum { P_EPOCHS, P_LR, P_BATCH, P_SHUFFLE, N_P };

#define TOY_N 50

extern const nn_lesson toy_lesson;

bool toy_data(const double *params, uint64_t seed, const nn_lesson_env *env, nn_dataset *train,
              nn_dataset *val, nn_error *err);
bool toy_plan(const double *params, int variant, nn_variant_plan *plan, nn_error *err);
