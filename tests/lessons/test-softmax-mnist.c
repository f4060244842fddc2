/* Lesson 4: one Linear(784, 10) layer learns MNIST far above chance, its ten weight images
 * turn from noise into templates of the digits (each class's mean digit scores highest for
 * that class), the snapshot keeps the starting weights beside the current ones, and the
 * Course preset is the lab's. */
#include "lesson-test-util.h"

#include <math.h>
#include <string.h>

#include "nn_lesson_util.h"
#include "nn_trainer.h"

#define N_PIXELS (28 * 28)

static double preset_value(const char *name, nn_preset preset)
{
  const nn_lesson *l = nn_lesson_find("softmax-mnist");
  double values[NN_MAX_PARAMS];
  nn_lesson_preset(l, preset, values);
  return nn_param_value(l, values, name);
}

static void test_course_is_the_lab(void)
{
  const nn_lesson *l = nn_lesson_find("softmax-mnist");
  g_assert_cmpint(l->chapter, ==, 1);
  g_assert_true(l->snapshot_models);
  g_assert_cmpfloat(preset_value("lr", NN_PRESET_COURSE), ==, 0.1);
  g_assert_cmpfloat(preset_value("batch_size", NN_PRESET_COURSE), ==, 100);
  g_assert_cmpfloat(preset_value("epochs", NN_PRESET_COURSE), ==, 10);
  g_assert_cmpfloat(preset_value("shuffle", NN_PRESET_COURSE), ==, 0);
  /* The lab's model and loss. */
  nn_job *job = lesson_job("softmax-mnist", NN_PRESET_COURSE, -1, 1, NULL);
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  g_assert_cmpint(plan->n_layers, ==, 1);
  g_assert_cmpint(plan->layers[0].kind, ==, NN_LINEAR);
  g_assert_cmpint(nn_model_layer_numel(nn_job_model(job, 0), 0), ==, 10);
  g_assert_cmpint(plan->in_shape[0], ==, N_PIXELS);
  g_assert_cmpint(plan->loss, ==, NN_LOSS_CROSS_ENTROPY);
  g_assert_cmpint(plan->optim.kind, ==, NN_OPTIM_SGD);
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 80); /* 8,000 bundled digits / 100 */
  nn_job_free(job);
}

/* The class whose score is highest for one image, in evaluation mode. */
static int classify(nn_model *m, const float *image)
{
  float logits[10];
  nn_model_predict(m, image, 1, logits);
  int best = 0;
  for (int c = 1; c < 10; c++)
    if (logits[c] > logits[best])
      best = c;
  return best;
}

/* Each weight image is a template: the mean training digit of each class is read as that
 * class. */
static void assert_mean_digits_read_right(nn_job *job)
{
  const nn_dataset *train = nn_job_train_data(job);
  static float mean[10][N_PIXELS];
  int count[10] = {0};
  memset(mean, 0, sizeof mean);
  for (int i = 0; i < train->n; i++) {
    int c = train->y_class[i];
    const float *x = nn_dataset_sample(train, i);
    for (int k = 0; k < N_PIXELS; k++)
      mean[c][k] += x[k];
    count[c]++;
  }
  for (int c = 0; c < 10; c++) {
    g_assert_cmpint(count[c], >, 0);
    for (int k = 0; k < N_PIXELS; k++)
      mean[c][k] /= (float) count[c];
    g_assert_cmpint(classify(nn_job_model(job, 0), mean[c]), ==, c);
  }
}

/* Quick (15 epochs, about 0.3 s; seeds 1–4 reach 90.25–90.45%): 90% on the held-out digits,
 * and the loss falls every epoch. */
static void test_quick_learns(void)
{
  nn_job *job = lesson_run("softmax-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  int n;
  const nn_epoch_metrics *h = nn_job_history(job, 0, &n);
  g_assert_cmpint(n, ==, 15);
  for (int e = 0; e < n; e++)
    g_test_message("epoch %d: loss %.3f, validation accuracy %.3f", e + 1, h[e].loss,
                   h[e].val_accuracy);
  g_assert_cmpfloat(h[0].val_accuracy, >=, 0.78f);
  g_assert_cmpfloat(h[n - 1].val_accuracy, >=, 0.90f);
  for (int e = 1; e < n; e++)
    g_assert_cmpfloat(h[e].loss, <, h[e - 1].loss);
  assert_mean_digits_read_right(job);
  nn_job_free(job);
}

/* Before training the weights are noise: the mean digits are not all read right. */
static void test_untrained_weights_are_noise(void)
{
  nn_job *job = lesson_job("softmax-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  const nn_dataset *train = nn_job_train_data(job);
  int right = 0;
  for (int c = 0; c < 10; c++) {
    for (int i = 0; i < train->n; i++)
      if (train->y_class[i] == c) {
        right += classify(nn_job_model(job, 0), nn_dataset_sample(train, i)) == c;
        break;
      }
  }
  g_test_message("untrained: %d of 10 first digits read right", right);
  g_assert_cmpint(right, <, 6);
  nn_job_free(job);
}

static const nn_snap_item *find_images(nn_snapshot *s, const char *name, int count)
{
  const nn_snap_item *item = nn_snapshot_find(s, name);
  g_assert_nonnull(item);
  g_assert_cmpint(item->ndim, ==, 3);
  g_assert_cmpint(item->shape[0], ==, count);
  g_assert_cmpint(item->shape[1], ==, 28);
  g_assert_cmpint(item->shape[2], ==, 28);
  return item;
}

static void assert_examples(nn_snapshot *s, const char *kind, gboolean right)
{
  char name[48];
  g_snprintf(name, sizeof name, "examples/%s", kind);
  const nn_snap_item *img = nn_snapshot_find(s, name);
  g_assert_nonnull(img);
  int k = img->shape[0];
  g_assert_cmpint(k, >=, 1);
  g_assert_cmpint(k, <=, 6);
  find_images(s, name, k);
  g_snprintf(name, sizeof name, "examples/%s_label", kind);
  const nn_snap_item *label = nn_snapshot_find(s, name);
  g_assert_nonnull(label);
  g_assert_cmpint(label->shape[0], ==, k);
  g_assert_cmpint(label->shape[1], ==, 3);
  for (int j = 0; j < k; j++) {
    float truth = label->data[3 * j], guess = label->data[3 * j + 1], p = label->data[3 * j + 2];
    g_assert_true(right ? truth == guess : truth != guess);
    g_assert_cmpfloat(p, >=, 0.1f); /* the largest of ten probabilities */
    g_assert_cmpfloat(p, <=, 1.0f);
  }
}

/* The "before" images are the weights the run started from, in every snapshot; the current
 * ones move away from them; the inference copy answers as the model does. */
static void test_snapshot(void)
{
  nn_job *job = lesson_job("softmax-mnist", NN_PRESET_QUICK, -1, 1, NULL);
  nn_model *m = nn_job_model(job, 0);
  static float initial[10 * N_PIXELS];
  memcpy(initial, nn_model_weight(m, 0)->value.data, sizeof initial);

  nn_snapshot *s0 = nn_job_snapshot(job);
  const nn_snap_item *before = find_images(s0, "weights_before", 10);
  const nn_snap_item *now = find_images(s0, "weights", 10);
  g_assert_cmpmem(before->data, sizeof initial, initial, sizeof initial);
  g_assert_cmpmem(now->data, sizeof initial, initial, sizeof initial);
  nn_snapshot_unref(s0);

  for (int k = 0; k < 40; k++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  before = find_images(s, "weights_before", 10);
  now = find_images(s, "weights", 10);
  g_assert_cmpmem(before->data, sizeof initial, initial, sizeof initial);
  g_assert_cmpmem(now->data, sizeof initial, nn_model_weight(m, 0)->value.data, sizeof initial);
  double moved = 0;
  for (int i = 0; i < 10 * N_PIXELS; i++)
    moved = fmax(moved, fabs(now->data[i] - initial[i]));
  g_test_message("largest weight change after 40 steps: %.3f", moved);
  g_assert_cmpfloat(moved, >, 0.05); /* the initial weights are within ±1/28 */

  /* Half an epoch in, some of the first 500 validation digits are still read wrong. */
  assert_examples(s, "wrong", FALSE);
  assert_examples(s, "right", TRUE);
  g_assert_cmpint(nn_snapshot_find(s, "examples/right")->shape[0], ==, 6);

  /* The digit canvas's network: the copy reads a validation digit as the model does. */
  g_assert_nonnull(s->models[0]);
  const nn_dataset *val = nn_job_val_data(job);
  for (int i = 0; i < 20; i++) {
    const float *x = nn_dataset_sample(val, i);
    const float *logits = nn_model_forward(s->models[0], x, 1);
    int best = 0;
    for (int c = 1; c < 10; c++)
      if (logits[c] > logits[best])
        best = c;
    g_assert_cmpint(best, ==, classify(m, x));
  }
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The lab's run, shortened to 2 of its 10 epochs (a test stays short under ASan): not
 * shuffled, 80 steps an epoch, already near the Quick result. */
static void test_course_learns(void)
{
  nn_job *job = lesson_run("softmax-mnist", NN_PRESET_COURSE, -1, 1, "epochs", 2.0, NULL);
  g_assert_cmpint(nn_job_step_count(job), ==, 160);
  const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
  g_test_message("course, 2 epochs: validation accuracy %.3f", m->val_accuracy);
  g_assert_cmpfloat(m->val_accuracy, >=, 0.84f);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/softmax-mnist/course-is-the-lab", test_course_is_the_lab);
  g_test_add_func("/softmax-mnist/quick", test_quick_learns);
  g_test_add_func("/softmax-mnist/untrained", test_untrained_weights_are_noise);
  g_test_add_func("/softmax-mnist/snapshot", test_snapshot);
  g_test_add_func("/softmax-mnist/course", test_course_learns);
  return g_test_run();
}
