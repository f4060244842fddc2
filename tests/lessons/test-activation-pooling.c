/* Lesson 21: ReLU zeroes the negatives and keeps the rest; max pooling keeps each window's
 * largest value — the lab's exact numbers at stride 1 and 2, the lab's relu(Z), the output
 * size ⌊(M − k)/s⌋ + 1, the winning cells, and a pool that does not fit refused in words. */
#include <math.h>
#include <string.h>

#include "lesson-test-util.h"
#include "snap-test-util.h"

#include "nn_ops.h"
#include "nn_trainer.h"

enum { INPUT_CONVOLUTION, INPUT_LAB, INPUT_DIGIT_EDGES };

#define SNAPSHOT_OF(job, preset, ...)                                                              \
  ((job) = lesson_job("activation-pooling", (preset), -1, 1, __VA_ARGS__, NULL),                   \
   nn_job_snapshot(job))

static const float lab_4x4[] = {1, 2, 3, -4, 0, 2, -3, 0, 0, 2, 3, 1, 0, 0, 0, 0};

/* The lab: MaxPool2d(2, stride=1) → [[2, 3, 3]] on 3 rows; MaxPool2d(2) → [[2, 3], [2, 3]].
 * The Course preset is the first, Quick the second. */
static void test_pooling_lab_numbers(void)
{
  nn_job *job;
  nn_snapshot *s = SNAPSHOT_OF(job, NN_PRESET_COURSE, "input", (double) INPUT_LAB);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  snap_assert_values(s, "input", 2, (int[]){4, 4}, lab_4x4);
  static const float stride1[] = {2, 3, 3, 2, 3, 3, 2, 3, 3};
  snap_assert_values(s, "pooled", 2, (int[]){3, 3}, stride1);
  static const float geometry1[] = {4, 2, 1, 3};
  snap_assert_values(s, "geometry", 1, (int[]){4}, geometry1);
  nn_snapshot_unref(s);
  nn_job_free(job);

  s = SNAPSHOT_OF(job, NN_PRESET_QUICK, "input", (double) INPUT_LAB);
  static const float stride2[] = {2, 3, 2, 3};
  snap_assert_values(s, "pooled", 2, (int[]){2, 2}, stride2);
  /* The winners: in each 2×2 block the first largest in reading order. */
  static const float winners[] = {0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
  snap_assert_values(s, "winners", 2, (int[]){4, 4}, winners);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* ReLU: max(x, 0) — the negatives become 0, the rest stay. On the lab's 4×4 and on the lab's
 * convolution output Z = [[−4, 0, 4]] (relu(Z) = [[0, 0, 4]]). */
static void test_relu_zeroes_the_negatives(void)
{
  nn_job *job;
  nn_snapshot *s = SNAPSHOT_OF(job, NN_PRESET_COURSE, "input", (double) INPUT_LAB);
  static const float relu[] = {1, 2, 3, 0, 0, 2, 0, 0, 0, 2, 3, 1, 0, 0, 0, 0};
  snap_assert_values(s, "relu", 2, (int[]){4, 4}, relu);
  nn_snapshot_unref(s);
  nn_job_free(job);

  s = SNAPSHOT_OF(job, NN_PRESET_COURSE, "input", (double) INPUT_CONVOLUTION);
  static const float z[] = {-4, 0, 4, -4, 0, 4, -4, 0, 4};
  static const float a[] = {0, 0, 4, 0, 0, 4, 0, 0, 4};
  snap_assert_values(s, "input", 2, (int[]){3, 3}, z);
  snap_assert_values(s, "relu", 2, (int[]){3, 3}, a);
  static const float pooled[] = {0, 4, 0, 4};
  snap_assert_values(s, "pooled", 2, (int[]){2, 2}, pooled);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* Every size and stride that fits the digit's 14×14 edges: the size is ⌊(14 − k)/s⌋ + 1, and
 * pooling after ReLU gives what pooling before it would (max and ReLU commute). */
static void test_pooling_sizes_and_order(void)
{
  for (int k = 1; k <= 4; k++)
    for (int stride = 1; stride <= 4; stride++) {
      nn_job *job;
      nn_snapshot *s = SNAPSHOT_OF(job, NN_PRESET_QUICK, "input", (double) INPUT_DIGIT_EDGES,
                                   "pool_size", (double) k, "pool_stride", (double) stride);
      int n = (14 - k) / stride + 1;
      const nn_snap_item *input = snap_item(s, "input", 2, (int[]){14, 14});
      const nn_snap_item *relu = snap_item(s, "relu", 2, (int[]){14, 14});
      const nn_snap_item *pooled = snap_item(s, "pooled", 2, (int[]){n, n});
      int negatives = 0;
      for (int i = 0; i < 14 * 14; i++) {
        negatives += input->data[i] < 0;
        g_assert_cmpfloat(relu->data[i], ==, input->data[i] > 0 ? input->data[i] : 0);
      }
      g_assert_cmpint(negatives, >, 0);
      /* Pool first, then ReLU: the same numbers. */
      nn_conv2d_geom g = nn_conv2d_geom_make(1, 14, 14, 1, k, stride, 0);
      float direct[14 * 14];
      int32_t argmax[14 * 14];
      nn_maxpool2d_forward(input->data, direct, argmax, 1, &g);
      for (int i = 0; i < n * n; i++)
        g_assert_cmpfloat(pooled->data[i], ==, direct[i] > 0 ? direct[i] : 0);
      nn_snapshot_unref(s);
      nn_job_free(job);
    }
}

/* A pool larger than its input is refused with a message, not a crash. */
static void test_pool_too_big(void)
{
  const nn_lesson *l = nn_lesson_find("activation-pooling");
  nn_job_config config = {.lesson = l, .seed = 1, .variant = -1};
  nn_lesson_preset(l, NN_PRESET_QUICK, config.params);
  config.params[nn_lesson_param_index(l, "input")] = INPUT_CONVOLUTION;
  config.params[nn_lesson_param_index(l, "pool_size")] = 4;
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&config, &err);
  g_assert_null(job);
  g_assert_cmpstr(err.message, ==, "the 4×4 pool does not fit in the 3×3 image");
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/activation-pooling/lab-numbers", test_pooling_lab_numbers);
  g_test_add_func("/activation-pooling/relu", test_relu_zeroes_the_negatives);
  g_test_add_func("/activation-pooling/sizes-and-order", test_pooling_sizes_and_order);
  g_test_add_func("/activation-pooling/too-big", test_pool_too_big);
  return g_test_run();
}
