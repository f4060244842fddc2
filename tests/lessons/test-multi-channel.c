/* Lesson 22: each output channel of a Conv2d is the sum of its per-input-channel convolutions
 * plus its bias — exactly the engine's one-call Conv2d — and the lab's numbers for its four
 * examples. */
#include "lesson-test-util.h"
#include "snap-test-util.h"

#include "nn_trainer.h"

enum { EX_VERTICAL, EX_HORIZONTAL, EX_TWO_TO_ONE, EX_TWO_TO_THREE };

#define SNAPSHOT_OF(job, ...)                                                                      \
  ((job) = lesson_job("multi-channel", NN_PRESET_COURSE, -1, 1, __VA_ARGS__, NULL),                \
   nn_job_snapshot(job))

/* The lab's outputs (bias 0), worked out by hand and printed by its notebook. */
static const float vertical[] = {-4, 0, 4, -4, 0, 4, -4, 0, 4, /* Gx */
                                 0,  0, 0, 0,  0, 0, 0,  0, 0, /* Gy */
                                 3,  3, 3, 3,  3, 3, 3,  3, 3 /* ones */};
static const float horizontal[] = {0,  0,  0,  0, 0, 0, 0, 0, 0, /* Gx */
                                   -4, -4, -4, 0, 0, 0, 4, 4, 4, /* Gy */
                                   3,  3,  3,  3, 3, 3, 3, 3, 3 /* ones */};
static const float two_to_one[] = {0, 0, 0, -4, -4, -4, 0, 0, 0};
static const float two_to_three[] = {0.5f, 0.5f, 0.5f, 0.5f, 1, 0.5f, 0.5f, 0.5f, 0.5f, /* ½, ½ */
                                     1,    1,    1,    1,    0, 1,    1,    1,    1, /* 1, −1 */
                                     -1,   -2,   -1,   0,    0, 0,    1,    2,    1 /* Gx, Gy */};

static const struct {
  int example, c_in, c_out;
  const float *output;
} examples[] = {
    {EX_VERTICAL, 1, 3, vertical},
    {EX_HORIZONTAL, 1, 3, horizontal},
    {EX_TWO_TO_ONE, 2, 1, two_to_one},
    {EX_TWO_TO_THREE, 2, 3, two_to_three},
};

static void test_multi_channel_lab_numbers(void)
{
  for (guint e = 0; e < G_N_ELEMENTS(examples); e++) {
    nn_job *job;
    nn_snapshot *s = SNAPSHOT_OF(job, "example", (double) examples[e].example);
    int c_in = examples[e].c_in, c_out = examples[e].c_out;
    snap_item(s, "input", 3, (int[]){c_in, 5, 5});
    snap_item(s, "weight", 4, (int[]){c_out, c_in, 3, 3});
    snap_assert_values(s, "output", 3, (int[]){c_out, 3, 3}, examples[e].output);
    nn_snapshot_unref(s);
    nn_job_free(job);
  }
}

/* Σ_c (channel c ⋆ weight[o][c]) + bias[o] is the engine's Conv2d, to the bit, for every
 * example and several biases. */
static void test_products_sum_to_the_output(void)
{
  static const double biases[] = {0, 1.5, -2, 0.5};
  for (guint e = 0; e < G_N_ELEMENTS(examples); e++)
    for (guint b = 0; b < G_N_ELEMENTS(biases); b++) {
      nn_job *job;
      nn_snapshot *s = SNAPSHOT_OF(job, "example", (double) examples[e].example, "bias", biases[b]);
      int c_in = examples[e].c_in, c_out = examples[e].c_out;
      const nn_snap_item *products = snap_item(s, "products", 4, (int[]){c_out, c_in, 3, 3});
      const nn_snap_item *bias = snap_item(s, "bias", 1, (int[]){c_out});
      const nn_snap_item *output = snap_item(s, "output", 3, (int[]){c_out, 3, 3});
      snap_assert_values(s, "sum", 3, (int[]){c_out, 3, 3}, output->data);
      for (int o = 0; o < c_out; o++) {
        g_assert_cmpfloat(bias->data[o], ==, (float) biases[b]);
        for (int i = 0; i < 9; i++) {
          float total = 0;
          for (int c = 0; c < c_in; c++)
            total += products->data[(o * c_in + c) * 9 + i];
          g_assert_cmpfloat(total + bias->data[o], ==, output->data[o * 9 + i]);
          g_assert_cmpfloat(output->data[o * 9 + i], ==,
                            examples[e].output[o * 9 + i] + (float) biases[b]);
        }
      }
      nn_snapshot_unref(s);
      nn_job_free(job);
    }
}

/* The two-channel examples' per-channel products, by hand: in conv3 each channel's centre
 * weight picks its row 2 (−2 · 1 and 1 · −2: both −2), in conv4's first output channel ½ of
 * the ones and ½ of the dot. */
static void test_per_channel_products(void)
{
  nn_job *job;
  nn_snapshot *s = SNAPSHOT_OF(job, "example", (double) EX_TWO_TO_ONE);
  static const float rows[] = {0, 0, 0, -2, -2, -2, 0, 0, 0, 0, 0, 0, -2, -2, -2, 0, 0, 0};
  snap_assert_values(s, "products", 4, (int[]){1, 2, 3, 3}, rows);
  nn_snapshot_unref(s);
  nn_job_free(job);

  s = SNAPSHOT_OF(job, "example", (double) EX_TWO_TO_THREE);
  const nn_snap_item *p = snap_item(s, "products", 4, (int[]){3, 2, 3, 3});
  for (int i = 0; i < 9; i++) {
    g_assert_cmpfloat(p->data[i], ==, 0.5f);                  /* ones ⋆ ½ */
    g_assert_cmpfloat(p->data[9 + i], ==, i == 4 ? 0.5f : 0); /* dot ⋆ ½ */
  }
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/multi-channel/lab-numbers", test_multi_channel_lab_numbers);
  g_test_add_func("/multi-channel/products-sum-to-output", test_products_sum_to_the_output);
  g_test_add_func("/multi-channel/per-channel-products", test_per_channel_products);
  return g_test_run();
}
