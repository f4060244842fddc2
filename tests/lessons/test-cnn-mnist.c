/* Lesson 26: the course's CNN at 28×28 learns the bundled digits within an epoch; the snapshot
 * carries what the page draws (the first layer's kernels, a test image and its feature maps, an
 * inference copy of the network for the canvas, which classes the data are), and Course is the
 * course's settings on exactly the network `bench cnn28` times. */
#include "lesson-test-util.h"

#include <math.h>
#include <string.h>

#include "eiaf-data.h"
#include "nn_lesson_util.h"
#include "nn_trainer.h"

/* The whole Quick run (4 epochs of 400 steps, a few seconds here): about 97% on the held-out
 * digits (seeds 1–3: 96.95%, 97.05%, 96.6%; the last epochs move by ±0.5 points on 2,000
 * digits, so the test holds the run to 96.5%). */
static void test_quick_reaches_97(void)
{
  nn_job *job = lesson_run("cnn-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 400);
  g_assert_cmpint(nn_job_epoch(job), ==, 4);
  const nn_epoch_metrics *e = lesson_last_epoch(job, 0);
  g_test_message("quick: validation loss %.3f, accuracy %.4f", e->val_loss, e->val_accuracy);
  g_assert_cmpfloat(e->val_accuracy, >=, 0.965f);
  nn_job_free(job);
}

/* Quick shortened to its first epoch (400 steps of 20): far past guessing (10%). */
static void test_quick_learns_in_one_epoch(void)
{
  nn_job *job = lesson_run("cnn-mnist", NN_PRESET_QUICK, -1, 1, "epochs", 1.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 400);
  const nn_epoch_metrics *e = lesson_last_epoch(job, 0);
  g_test_message("after 1 epoch: loss %.3f, validation loss %.3f, accuracy %.3f", e->loss,
                 e->val_loss, e->val_accuracy);
  g_assert_cmpfloat(e->val_accuracy, >=, 0.85f);
  g_assert_cmpfloat(e->val_loss, <, 0.5f);
  nn_job_free(job);
}

/* The layers of app/cli-bench.c's CNN, in order, with the Linear's 1568 inputs. */
static void assert_course_cnn(nn_job *job)
{
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  const nn_layer_spec want[] = {
      NN_LAYER_CONV(16, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 2),
      NN_LAYER_CONV(32, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 2),
      NN_LAYER_FLATTEN,           NN_LAYER_LINEAR(10),
  };
  g_assert_cmpint(plan->n_layers, ==, G_N_ELEMENTS(want));
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    g_assert_cmpint(plan->layers[i].kind, ==, want[i].kind);
    g_assert_cmpint(plan->layers[i].out, ==, want[i].out);
    g_assert_cmpint(plan->layers[i].kernel, ==, want[i].kernel);
    g_assert_cmpint(plan->layers[i].stride, ==, want[i].stride);
    g_assert_cmpint(plan->layers[i].padding, ==, want[i].padding);
  }
  g_assert_cmpint(plan->in_ndim, ==, 3);
  g_assert_cmpint(plan->in_shape[0], ==, 1);
  g_assert_cmpint(plan->in_shape[1], ==, 28);
  g_assert_cmpint(plan->in_shape[2], ==, 28);
  g_assert_cmpint(plan->loss, ==, NN_LOSS_CROSS_ENTROPY);
  int shape[NN_MAX_DIMS];
  nn_model *m = nn_job_model(job, 0);
  g_assert_cmpint(nn_model_layer_shape(m, 6, shape), ==, 1);
  g_assert_cmpint(shape[0], ==, 1568);
  g_assert_cmpint(nn_model_layer_shape(m, 7, shape), ==, 1);
  g_assert_cmpint(shape[0], ==, 10);
}

/* Course = the course's settings for this CNN (lesson 24's lab): SGD lr 0.1 without momentum,
 * batch 100, 3 epochs. Not run: its training is lesson 24's, and the Quick test shows it
 * learns. */
static void test_course_is_the_lab(void)
{
  nn_job *job = lesson_job("cnn-mnist", NN_PRESET_COURSE, -1, 1, NULL);
  const nn_lesson *l = nn_job_lesson(job);
  const double *params = nn_job_params(job);
  g_assert_cmpfloat(nn_param_value(l, params, "lr"), ==, 0.1);
  g_assert_cmpfloat(nn_param_value(l, params, "batch_size"), ==, 100);
  g_assert_cmpfloat(nn_param_value(l, params, "epochs"), ==, 3);
  g_assert_cmpint(nn_job_epochs(job), ==, 3);
  const nn_optim_config *optim = &nn_job_plan(job, 0)->optim;
  g_assert_cmpint(optim->kind, ==, NN_OPTIM_SGD);
  g_assert_cmpfloat(optim->lr, ==, 0.1f);
  g_assert_cmpfloat(optim->momentum, ==, 0.0f);
  g_assert_cmpint(nn_job_plan(job, 0)->init, ==, NN_INIT_DEFAULT);
  assert_course_cnn(job);
  nn_job_free(job);

  /* Quick: smaller steps, more of them. */
  job = lesson_job("cnn-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  params = nn_job_params(job);
  g_assert_cmpfloat(nn_param_value(l, params, "lr"), ==, 0.05);
  g_assert_cmpfloat(nn_param_value(l, params, "batch_size"), ==, 20);
  g_assert_cmpfloat(nn_param_value(l, params, "epochs"), ==, 4);
  nn_job_free(job);
}

static const nn_snap_item *item(const nn_snapshot *s, const char *name, int ndim, const int *shape)
{
  const nn_snap_item *it = nn_snapshot_find(s, name);
  if (!it)
    g_error("no item %s", name);
  g_assert_cmpint(it->ndim, ==, ndim);
  for (int d = 0; d < ndim; d++)
    g_assert_cmpint(it->shape[d], ==, shape[d]);
  return it;
}

static void test_snapshot(void)
{
  nn_job *job = lesson_job("cnn-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  for (int k = 0; k < 3; k++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  nn_model *m = nn_job_model(job, 0);

  /* The first convolution's weights, as they are now. */
  const nn_snap_item *kernels = item(s, "kernels", 3, (int[]){16, 5, 5});
  g_assert_cmpmem(kernels->data, sizeof(float) * 16 * 25, nn_model_weight(m, 0)->value.data,
                  sizeof(float) * 16 * 25);

  /* The first held-out image, its class, and its maps after each ReLU. */
  const nn_dataset *val = nn_job_val_data(job);
  const nn_snap_item *sample = item(s, "sample", 2, (int[]){28, 28});
  g_assert_cmpmem(sample->data, sizeof(float) * 784, nn_dataset_sample(val, 0),
                  sizeof(float) * 784);
  g_assert_cmpfloat(item(s, "sample_label", 1, (int[]){1})->data[0], ==, val->y_class[0]);
  const nn_snap_item *maps1 = item(s, "maps/1", 3, (int[]){16, 28, 28});
  const nn_snap_item *maps4 = item(s, "maps/4", 3, (int[]){32, 14, 14});
  double sum1 = 0, sum4 = 0;
  for (size_t i = 0; i < nn_snap_item_numel(maps1); i++) {
    g_assert_cmpfloat(maps1->data[i], >=, 0.0f); /* after ReLU */
    sum1 += maps1->data[i];
  }
  for (size_t i = 0; i < nn_snap_item_numel(maps4); i++) {
    g_assert_cmpfloat(maps4->data[i], >=, 0.0f);
    sum4 += maps4->data[i];
  }
  g_assert_cmpfloat(sum1, >, 0);
  g_assert_cmpfloat(sum4, >, 0);
  g_assert_cmpfloat(item(s, "fashion", 1, (int[]){1})->data[0], ==, 0.0f);

  /* The inference copy for the canvas is the network as it is now: on the test image it gives
   * the logits the snapshot's maps end with. */
  g_assert_nonnull(s->models[0]);
  const nn_snap_item *logits = item(s, "maps/7", 1, (int[]){10});
  const float *out = nn_model_forward(s->models[0], sample->data, 1);
  for (int c = 0; c < 10; c++)
    g_assert_cmpfloat(fabsf(out[c] - logits->data[c]), <=, 1e-5f * (1 + fabsf(logits->data[c])));
  g_assert_cmpint(nn_snapshot_find(s, "step_loss/0")->shape[0], ==, 3);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The bundled digits presented as Fashion-MNIST: the lesson reads which classes the data are
 * from the data set (nn_dataset.class_set), and the snapshot says so for the page. */
static nn_mnist relabelled;

static const nn_mnist *get_as_fashion(void *user, int side, nn_error *err)
{
  const nn_mnist *m = eiaf_data_get_mnist(NULL, side, err);
  if (!m)
    return NULL;
  relabelled = *m;
  relabelled.fashion = true;
  relabelled.train.class_set = relabelled.test.class_set = "fashion";
  relabelled.train.owns = relabelled.test.owns = false;
  return &relabelled;
}

static void test_snapshot_names_fashion(void)
{
  const nn_lesson *lesson = nn_lesson_find("cnn-mnist");
  nn_lesson_env env = {.get_mnist = get_as_fashion};
  nn_job_config config = {.lesson = lesson, .seed = 1, .variant = -1, .env = &env};
  nn_lesson_preset(lesson, NN_PRESET_QUICK, config.params);
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&config, &err);
  g_assert_nonnull(job);
  nn_snapshot *s = nn_job_snapshot(job);
  g_assert_cmpfloat(item(s, "fashion", 1, (int[]){1})->data[0], ==, 1.0f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cnn-mnist/quick-reaches-97", test_quick_reaches_97);
  g_test_add_func("/cnn-mnist/quick", test_quick_learns_in_one_epoch);
  g_test_add_func("/cnn-mnist/course", test_course_is_the_lab);
  g_test_add_func("/cnn-mnist/snapshot", test_snapshot);
  g_test_add_func("/cnn-mnist/fashion", test_snapshot_names_fashion);
  return g_test_run();
}
