/* What the lesson tests share: run a lesson headless from a preset with a few changes, and
 * read its results. */
#pragma once

#include <glib.h>

#include "nn_registry.h"
#include "nn_trainer.h"

/* A finished run of `lesson_id` from `preset`, with parameters overridden by name/value pairs
 * (NULL-terminated: "hidden", 1.0, "epochs", 50.0, NULL), variant -1 (all) or k, and seed.
 * Fails the test if the job cannot be made. MNIST lessons get the bundled subset. The caller
 * frees the job. */
nn_job *lesson_run(const char *lesson_id, nn_preset preset, int variant, uint64_t seed, ...)
    G_GNUC_NULL_TERMINATED;
/* The same without running it. */
nn_job *lesson_job(const char *lesson_id, nn_preset preset, int variant, uint64_t seed, ...)
    G_GNUC_NULL_TERMINATED;

/* The last epoch's metrics of variant i (the test fails if there are none). */
const nn_epoch_metrics *lesson_last_epoch(nn_job *job, int i);
/* Variant index by its --variant name (the test fails if there is none). */
int lesson_variant(nn_job *job, const char *name);

/* Lessons 10 and 11 compare sigmoid, tanh and ReLU: asserts that `job` trains exactly those
 * three variants, in that order, each with plain SGD (no momentum) on cross-entropy and the
 * model [Linear(hidden), activation] × layers, Linear(10). */
void lesson_assert_activation_variants(nn_job *job, int layers, int hidden);
