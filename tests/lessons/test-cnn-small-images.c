/* Lesson 24: the course's CNN (the network `bench` times as cnn16) learns the 16×16 digits in
 * one epoch; its snapshot holds the first layer's kernels, misclassified digits and a model
 * copy from which the page draws any digit's feature maps. About 2–3 s (one epoch of 80 steps,
 * plus an evaluation of the 2,000 validation digits). */
#include "lesson-test-util.h"

#include <string.h>

#include "nn_lesson_util.h"
#include "nn_trainer.h"
#include "snap-test-util.h"

static void assert_course_cnn_layers(const nn_variant_plan *plan)
{
  /* app/cli-bench.c's ARCH_CNN, layer by layer. */
  const nn_layer_spec expected[] = {
      NN_LAYER_CONV(16, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 2),
      NN_LAYER_CONV(32, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 2),
      NN_LAYER_FLATTEN,           NN_LAYER_LINEAR(10),
  };
  g_assert_cmpint(plan->n_layers, ==, G_N_ELEMENTS(expected));
  for (int i = 0; i < plan->n_layers; i++)
    g_assert_true(memcmp(&plan->layers[i], &expected[i], sizeof expected[i]) == 0);
}

static void test_course_is_the_lab(void)
{
  nn_job *job = lesson_job("cnn-small-images", NN_PRESET_COURSE, -1, 1, NULL);
  const nn_lesson *l = nn_job_lesson(job);
  const double *p = nn_job_params(job);
  g_assert_cmpfloat(nn_param_value(l, p, "lr"), ==, 0.1);
  g_assert_cmpfloat(nn_param_value(l, p, "batch_size"), ==, 100);
  g_assert_cmpfloat(nn_param_value(l, p, "epochs"), ==, 3);
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  g_assert_cmpint(plan->optim.kind, ==, NN_OPTIM_SGD);
  g_assert_cmpfloat(plan->optim.momentum, ==, 0);
  g_assert_cmpint(plan->loss, ==, NN_LOSS_CROSS_ENTROPY);
  g_assert_cmpint(plan->in_ndim, ==, 3);
  g_assert_cmpint(plan->in_shape[1], ==, 16);
  assert_course_cnn_layers(plan);
  g_assert_cmpint(nn_dataset_sample_numel(nn_job_train_data(job)), ==, 16 * 16);
  int shape[NN_MAX_DIMS];
  nn_model *m = nn_job_model(job, 0);
  g_assert_cmpint(nn_model_layer_shape(m, 6, shape), ==, 1);
  g_assert_cmpint(shape[0], ==, 512);
  nn_job_free(job);
}

/* The helper at 28 (lesson 26's network) ends in Linear(1568, 10); with batch norm it has a
 * BatchNorm2d after each Conv2d and a BatchNorm1d on the logits. */
static void test_course_cnn_helper(void)
{
  nn_variant_plan plan = {0};
  nn_plan_course_cnn(&plan, 28, false);
  assert_course_cnn_layers(&plan);
  nn_error err;
  nn_model *m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, &err);
  g_assert_nonnull(m);
  nn_param *w = nn_model_weight(m, 7);
  g_assert_cmpint(w->value.shape[0], ==, 10);
  g_assert_cmpint(w->value.shape[1], ==, 1568);
  nn_model_free(m);

  nn_variant_plan bn = {0};
  nn_plan_course_cnn(&bn, 16, true);
  static const nn_layer_kind kinds[] = {NN_CONV2D,  NN_BATCHNORM2D, NN_RELU,       NN_MAXPOOL2D,
                                        NN_CONV2D,  NN_BATCHNORM2D, NN_RELU,       NN_MAXPOOL2D,
                                        NN_FLATTEN, NN_LINEAR,      NN_BATCHNORM1D};
  g_assert_cmpint(bn.n_layers, ==, G_N_ELEMENTS(kinds));
  for (int i = 0; i < bn.n_layers; i++)
    g_assert_cmpint(bn.layers[i].kind, ==, kinds[i]);
}

/* The whole Quick run (6 epochs of 400 steps, about five seconds here): 96% on the held-out
 * digits, the mark the course's CNN at 16 × 16 is held to. */
static void test_quick_reaches_96(void)
{
  nn_job *job = lesson_run("cnn-small-images", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_epoch(job), ==, 6);
  const nn_epoch_metrics *e = lesson_last_epoch(job, 0);
  g_test_message("quick: validation accuracy %.4f", e->val_accuracy);
  g_assert_cmpfloat(e->val_accuracy, >=, 0.96f);
  nn_job_free(job);
}

/* The Course run shortened to its first epoch (80 steps of 100, the lab's): seeds 1–8 reach
 * 74–84% validation accuracy (measured); guessing gives 10%. */
static void test_it_learns_in_one_epoch(void)
{
  nn_job *job = lesson_run("cnn-small-images", NN_PRESET_COURSE, -1, 1, "epochs", 1.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_step_count(job), ==, 80);
  const nn_epoch_metrics *e = lesson_last_epoch(job, 0);
  g_test_message("after one epoch: loss %.3f, validation accuracy %.3f", e->loss, e->val_accuracy);
  g_assert_cmpfloat(e->val_accuracy, >=, 0.7f);
  g_assert_cmpfloat(e->val_loss, <, 1.0f);
  nn_job_free(job);
}

/* The examples' captions say what they are: truth ≠ guess for "wrong", = for "right". */
static void assert_examples(const nn_snapshot *s, const char *kind, gboolean right)
{
  char name[32];
  g_snprintf(name, sizeof name, "examples/%s", kind);
  const nn_snap_item *img = nn_snapshot_find(s, name);
  g_assert_nonnull(img);
  int k = img->shape[0];
  g_assert_cmpint(k, <=, 6);
  snap_item(s, name, 3, (const int[]){k, 16, 16});
  g_snprintf(name, sizeof name, "examples/%s_label", kind);
  const nn_snap_item *label = snap_item(s, name, 2, (const int[]){k, 3});
  for (int i = 0; i < k; i++) {
    g_assert_cmpint(label->data[3 * i] == label->data[3 * i + 1], ==, right);
    g_assert_cmpfloat(label->data[3 * i + 2], >, 0.0f);
    g_assert_cmpfloat(label->data[3 * i + 2], <=, 1.0f);
  }
}

static void test_snapshot(void)
{
  nn_job *job = lesson_job("cnn-small-images", NN_PRESET_QUICK, -1, 1, NULL);
  for (int k = 0; k < 10; k++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *kernels = snap_item(s, "kernels", 3, (const int[]){16, 5, 5});
  g_assert_true(memcmp(kernels->data, nn_model_weight(nn_job_model(job, 0), 0)->value.data,
                       sizeof(float) * 16 * 25) == 0);
  assert_examples(s, "wrong", FALSE);
  assert_examples(s, "right", TRUE);
  g_assert_cmpint(nn_snapshot_find(s, "examples/wrong")->shape[0], ==, 6); /* 10 steps: many */

  /* The page's feature maps: every layer of the model copy for one validation digit. */
  g_assert_nonnull(s->models[0]);
  nn_snapshot *maps = nn_snapshot_new();
  nn_snap_feature_maps(maps, "maps", s->models[0], nn_dataset_sample(nn_job_val_data(job), 3));
  static const int shapes[8][3] = {{16, 16, 16}, {16, 16, 16}, {16, 8, 8}, {32, 8, 8},
                                   {32, 8, 8},   {32, 4, 4},   {512},      {10}};
  for (int layer = 0; layer < 8; layer++) {
    char name[16];
    g_snprintf(name, sizeof name, "maps/%d", layer);
    snap_item(maps, name, layer < 6 ? 3 : 1, shapes[layer]);
  }
  /* The copy answers as the model it was copied from. */
  size_t count;
  float *logits =
      nn_lesson_layer_outputs(nn_job_model(job, 0), nn_job_val_data(job), 4, -1, &count);
  const nn_snap_item *copy = nn_snapshot_find(maps, "maps/7");
  for (int c = 0; c < 10; c++)
    g_assert_cmpfloat_with_epsilon(copy->data[c], logits[3 * 10 + c], 1e-5);
  g_free(logits);
  nn_snapshot_unref(maps);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cnn-small-images/course", test_course_is_the_lab);
  g_test_add_func("/cnn-small-images/course-cnn-helper", test_course_cnn_helper);
  g_test_add_func("/cnn-small-images/quick-reaches-96", test_quick_reaches_96);
  g_test_add_func("/cnn-small-images/learns", test_it_learns_in_one_epoch);
  g_test_add_func("/cnn-small-images/snapshot", test_snapshot);
  return g_test_run();
}
