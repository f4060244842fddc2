/* Shared by the lesson tests. See lesson-test-util.h. */
#include "lesson-test-util.h"

#include <stdarg.h>
#include <string.h>

#include "eiaf-data.h"

static nn_job *make_job(const char *lesson_id, nn_preset preset, int variant, uint64_t seed,
                        va_list ap)
{
  const nn_lesson *lesson = nn_lesson_find(lesson_id);
  g_assert_nonnull(lesson);
  nn_job_config config = {
    .lesson = lesson,
    .seed = seed,
    .variant = variant,
    .env = eiaf_data_env(NULL),
  };
  nn_lesson_preset(lesson, preset, config.params);
  const char *name;
  while ((name = va_arg(ap, const char *))) {
    double value = va_arg(ap, double);
    int i = nn_lesson_param_index(lesson, name);
    if (i < 0)
      g_error("lesson %s has no parameter %s", lesson_id, name);
    config.params[i] = value;
  }
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&config, &err);
  if (!job)
    g_error("lesson %s: %s", lesson_id, err.message);
  return job;
}

nn_job *lesson_job(const char *lesson_id, nn_preset preset, int variant, uint64_t seed, ...)
{
  va_list ap;
  va_start(ap, seed);
  nn_job *job = make_job(lesson_id, preset, variant, seed, ap);
  va_end(ap);
  return job;
}

nn_job *lesson_run(const char *lesson_id, nn_preset preset, int variant, uint64_t seed, ...)
{
  va_list ap;
  va_start(ap, seed);
  nn_job *job = make_job(lesson_id, preset, variant, seed, ap);
  va_end(ap);
  double t0 = nn_now();
  nn_job_status status = nn_job_run(job, NULL, NULL);
  g_test_message("%s: %s after %d epochs, %.2f s", lesson_id, nn_job_status_name(status),
                 nn_job_epoch(job), nn_now() - t0);
  return job;
}

const nn_epoch_metrics *lesson_last_epoch(nn_job *job, int i)
{
  int n;
  const nn_epoch_metrics *h = nn_job_history(job, i, &n);
  g_assert_cmpint(n, >, 0);
  return &h[n - 1];
}

int lesson_variant(nn_job *job, const char *name)
{
  for (int i = 0; i < nn_job_n_variants(job); i++)
    if (strcmp(nn_job_plan(job, i)->name, name) == 0)
      return i;
  g_error("no variant %s", name);
  return -1;
}

void lesson_assert_activation_variants(nn_job *job, int layers, int hidden)
{
  static const char *const names[] = {"sigmoid", "tanh", "relu"};
  static const nn_layer_kind activations[] = {NN_SIGMOID, NN_TANH, NN_RELU};
  g_assert_cmpint(nn_job_n_variants(job), ==, 3);
  for (int i = 0; i < 3; i++) {
    const nn_variant_plan *plan = nn_job_plan(job, i);
    g_assert_cmpstr(plan->name, ==, names[i]);
    g_assert_cmpint(plan->optim.kind, ==, NN_OPTIM_SGD);
    g_assert_cmpfloat(plan->optim.momentum, ==, 0);
    g_assert_cmpint(plan->loss, ==, NN_LOSS_CROSS_ENTROPY);
    nn_model *m = nn_job_model(job, i);
    g_assert_cmpint(nn_model_n_layers(m), ==, 2 * layers + 1);
    for (int k = 0; k < layers; k++) {
      g_assert_cmpint(nn_model_layer(m, 2 * k)->kind, ==, NN_LINEAR);
      g_assert_cmpint(nn_model_layer_numel(m, 2 * k), ==, hidden);
      g_assert_cmpint(nn_model_layer(m, 2 * k + 1)->kind, ==, activations[i]);
    }
    g_assert_cmpint(nn_model_layer(m, 2 * layers)->kind, ==, NN_LINEAR);
    g_assert_cmpint(nn_model_layer_numel(m, 2 * layers), ==, 10);
  }
}
