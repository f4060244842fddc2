/* Lesson 20: the engine's Conv2d on the lab's image and kernel, against values worked out by
 * hand (and checked once against torch.nn.Conv2d) for stride 1, 2 and 3 and padding 0, 1 and
 * 2; the output size ⌊(M + 2p − k)/s⌋ + 1; the window that slides one position a step, whose
 * products add up to the value it writes; the preset kernels and one's own; the digit. */
#include <math.h>

#include "lesson-test-util.h"
#include "snap-test-util.h"

#include "nn_trainer.h"

enum { IMAGE_VERTICAL, IMAGE_HORIZONTAL, IMAGE_DIGIT };
enum { KERNEL_EDGE_X, KERNEL_EDGE_Y, KERNEL_BLUR, KERNEL_SHARPEN, KERNEL_IDENTITY, KERNEL_CUSTOM };

/* The vertical line (column 2 of 5×5) under Sobel-x [[1, 0, −1], [2, 0, −2], [1, 0, −1]].
 * Each output value is (the weights 1, 2, 1 of the rows the window has on the image) × (the
 * column weight 1, 0 or −1 that lands on column 2), e.g. with padding 1 the first window row
 * hangs over the top (rows −1…1: 2 + 1 = 3). */
static const float lab_p0_s1[] = {-4, 0, 4, -4, 0, 4, -4, 0, 4};
static const float lab_p1_s1[] = {0, -3, 0, 3,  0, 0, -4, 0, 4,  0, 0, -4, 0,
                                  4, 0,  0, -4, 0, 4, 0,  0, -3, 0, 3, 0};
static const float lab_p2_s1[] = {0, 0, -1, 0,  1, 0, 0,  0, 0, -3, 0,  3, 0, 0,  0, 0, -4,
                                  0, 4, 0,  0,  0, 0, -4, 0, 4, 0,  0,  0, 0, -4, 0, 4, 0,
                                  0, 0, 0,  -3, 0, 3, 0,  0, 0, 0,  -1, 0, 1, 0,  0};
static const float lab_p0_s2[] = {-4, 4, -4, 4};
/* Stride 2 with padding 1: every window has the line under its middle column, weight 0. */
static const float lab_p1_s2[] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
static const float lab_p2_s2[] = {0, -1, 1, 0, 0, -4, 4, 0, 0, -4, 4, 0, 0, -1, 1, 0};
static const float lab_p0_s3[] = {-4};
static const float lab_p1_s3[] = {0, 3, 0, 4};

static const struct {
  int stride, padding, side;
  const float *values;
} lab_cases[] = {
    {1, 0, 3, lab_p0_s1}, {1, 1, 5, lab_p1_s1}, {1, 2, 7, lab_p2_s1}, {2, 0, 2, lab_p0_s2},
    {2, 1, 3, lab_p1_s2}, {2, 2, 4, lab_p2_s2}, {3, 0, 1, lab_p0_s3}, {3, 1, 2, lab_p1_s3},
};

/* A job of lesson 20 from the Course preset with these changes (name, value pairs), and its
 * first snapshot. */
#define SNAPSHOT_OF(job, ...)                                                                      \
  ((job) = lesson_job("convolution", NN_PRESET_COURSE, -1, 1, __VA_ARGS__, NULL),                  \
   nn_job_snapshot(job))

/* The lab's exact numbers: Sobel-x over the vertical line is [[−4, 0, 4]] on 3 rows, in
 * either preset, once every window position has been stepped through. */
static void test_convolution_lab_numbers(void)
{
  for (int preset = NN_PRESET_QUICK; preset <= NN_PRESET_COURSE; preset++) {
    nn_job *job = lesson_run("convolution", preset, -1, 1, NULL);
    g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
    g_assert_cmpint(nn_job_epoch(job), ==, 9);
    g_assert_cmpint(nn_job_epochs(job), ==, 9);
    nn_snapshot *s = nn_job_snapshot(job);
    snap_assert_values(s, "output_full", 2, (int[]){3, 3}, lab_p0_s1);
    snap_assert_values(s, "output", 2, (int[]){3, 3}, lab_p0_s1);
    static const float sobel_x[] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
    snap_assert_values(s, "kernel", 2, (int[]){3, 3}, sobel_x);
    static const float geometry[] = {5, 3, 0, 1, 3, 3};
    snap_assert_values(s, "geometry", 1, (int[]){6}, geometry);
    const nn_snap_item *input = snap_item(s, "input", 2, (int[]){5, 5});
    for (int y = 0; y < 5; y++)
      for (int x = 0; x < 5; x++)
        g_assert_cmpfloat(input->data[y * 5 + x], ==, x == 2 ? 1 : 0);
    nn_snapshot_unref(s);
    nn_job_free(job);
  }
}

/* Output size ⌊(5 + 2p − 3)/s⌋ + 1 and every value, for strides 1–3 and paddings 0–2. */
static void test_convolution_stride_and_padding(void)
{
  for (guint i = 0; i < G_N_ELEMENTS(lab_cases); i++) {
    int s = lab_cases[i].stride, p = lab_cases[i].padding, n = lab_cases[i].side;
    g_assert_cmpint(n, ==, (5 + 2 * p - 3) / s + 1);
    nn_job *job = lesson_job("convolution", NN_PRESET_COURSE, -1, 1, "stride", (double) s,
                             "padding", (double) p, NULL);
    g_assert_cmpint(nn_job_epochs(job), ==, n * n);
    nn_snapshot *snap = nn_job_snapshot(job);
    g_test_message("stride %d, padding %d: %d by %d", s, p, n, n);
    snap_assert_values(snap, "output_full", 2, (int[]){n, n}, lab_cases[i].values);
    const float geometry[] = {5, 3, (float) p, (float) s, (float) n, (float) n};
    snap_assert_values(snap, "geometry", 1, (int[]){6}, geometry);
    /* The padded image: the line shifted by p inside zeros. */
    const nn_snap_item *padded = snap_item(snap, "padded", 2, (int[]){5 + 2 * p, 5 + 2 * p});
    for (int y = 0; y < 5 + 2 * p; y++)
      for (int x = 0; x < 5 + 2 * p; x++) {
        gboolean on = x == 2 + p && y >= p && y < 5 + p;
        g_assert_cmpfloat(padded->data[y * (5 + 2 * p) + x], ==, on ? 1 : 0);
      }
    /* Before the first step nothing is written and there is no window yet. */
    const nn_snap_item *so_far = snap_item(snap, "output", 2, (int[]){n, n});
    for (int k = 0; k < n * n; k++)
      g_assert_true(isnan(so_far->data[k]));
    g_assert_null(nn_snapshot_find(snap, "window"));
    nn_snapshot_unref(snap);
    nn_job_free(job);
  }
}

/* Step k writes output value k − 1 (reading order) from the window at (row·s, col·s) of the
 * padded image; the window's nine products add up to that value. */
static void check_sliding(nn_job *job, int stride, double tolerance)
{
  long positions = nn_job_epochs(job);
  for (long k = 1; k <= positions; k++) {
    g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_RUNNING);
    nn_job_step(job);
    nn_snapshot *s = nn_job_snapshot(job);
    const nn_snap_item *full = nn_snapshot_find(s, "output_full");
    const nn_snap_item *so_far = nn_snapshot_find(s, "output");
    int w_out = full->shape[1];
    for (long i = 0; i < positions; i++) {
      if (i < k)
        g_assert_cmpfloat(so_far->data[i], ==, full->data[i]);
      else
        g_assert_true(isnan(so_far->data[i]));
    }
    const nn_snap_item *window = snap_item(s, "window", 1, (int[]){4});
    int row = (int) ((k - 1) / w_out), col = (int) ((k - 1) % w_out);
    g_assert_cmpfloat(window->data[0], ==, row);
    g_assert_cmpfloat(window->data[1], ==, col);
    g_assert_cmpfloat(window->data[2], ==, row * stride);
    g_assert_cmpfloat(window->data[3], ==, col * stride);
    const nn_snap_item *products = snap_item(s, "products", 2, (int[]){3, 3});
    double sum = 0;
    for (int t = 0; t < 9; t++)
      sum += products->data[t];
    if (tolerance == 0)
      g_assert_cmpfloat(sum, ==, full->data[k - 1]);
    else
      g_assert_cmpfloat_with_epsilon(sum, full->data[k - 1], tolerance);
    nn_snapshot_unref(s);
  }
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
}

static void test_convolution_window_slides(void)
{
  for (guint i = 0; i < G_N_ELEMENTS(lab_cases); i++) {
    nn_job *job =
        lesson_job("convolution", NN_PRESET_COURSE, -1, 1, "stride", (double) lab_cases[i].stride,
                   "padding", (double) lab_cases[i].padding, NULL);
    /* Small whole numbers: the products add up exactly. */
    check_sliding(job, lab_cases[i].stride, 0);
    nn_job_free(job);
  }
}

static void test_convolution_preset_kernels(void)
{
  nn_job *job;
  /* Identity with padding 1 gives the image back. */
  nn_snapshot *s = SNAPSHOT_OF(job, "kernel", (double) KERNEL_IDENTITY, "padding", 1.0);
  const nn_snap_item *input = snap_item(s, "input", 2, (int[]){5, 5});
  snap_assert_values(s, "output_full", 2, (int[]){5, 5}, input->data);
  nn_snapshot_unref(s);
  nn_job_free(job);

  /* Edge y over the horizontal line is the lab's answer turned on its side. */
  s = SNAPSHOT_OF(job, "image", (double) IMAGE_HORIZONTAL, "kernel", (double) KERNEL_EDGE_Y);
  static const float edge_y[] = {-4, -4, -4, 0, 0, 0, 4, 4, 4};
  snap_assert_values(s, "output_full", 2, (int[]){3, 3}, edge_y);
  nn_snapshot_unref(s);
  nn_job_free(job);

  /* Edge y finds no edge across a vertical line: all 0. Blur spreads the line: each window
   * holds 3 of its pixels at 1/9. */
  s = SNAPSHOT_OF(job, "kernel", (double) KERNEL_EDGE_Y);
  static const float zeros[9] = {0};
  snap_assert_values(s, "output_full", 2, (int[]){3, 3}, zeros);
  nn_snapshot_unref(s);
  nn_job_free(job);
  s = SNAPSHOT_OF(job, "kernel", (double) KERNEL_BLUR);
  const nn_snap_item *blur = snap_item(s, "output_full", 2, (int[]){3, 3});
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat_with_epsilon(blur->data[i], 3.0 / 9, 1e-6);
  nn_snapshot_unref(s);
  nn_job_free(job);

  /* Sharpen: 5 × centre − the four neighbours. The middle column's windows have the line
   * down their centre: 5 − 1 (above) − 1 (below) = 3; beside it, −1 from the side. */
  s = SNAPSHOT_OF(job, "kernel", (double) KERNEL_SHARPEN);
  static const float sharpen[] = {-1, 3, -1, -1, 3, -1, -1, 3, -1};
  snap_assert_values(s, "output_full", 2, (int[]){3, 3}, sharpen);
  nn_snapshot_unref(s);
  nn_job_free(job);

  /* One's own kernel: the cells as given; only the top left weight set picks out x[i][j]. */
  s = SNAPSHOT_OF(job, "kernel", (double) KERNEL_CUSTOM, "k00", 2.5, "k01", 0.0, "k02", 0.0, "k10",
                  0.0, "k11", 0.0, "k12", 0.0, "k20", 0.0, "k21", 0.0, "k22", 0.0);
  static const float top_left[] = {2.5, 0, 0, 0, 0, 0, 0, 0, 0};
  snap_assert_values(s, "kernel", 2, (int[]){3, 3}, top_left);
  static const float picked[] = {0, 0, 2.5, 0, 0, 2.5, 0, 0, 2.5};
  snap_assert_values(s, "output_full", 2, (int[]){3, 3}, picked);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The digit: the first training image of the bundled MNIST at 16×16, values in [0, 1], a
 * 14×14 output whose window products add up to it (to float rounding: the engine sums in
 * another order). */
static void test_convolution_digit(void)
{
  double t0 = nn_now();
  nn_job *job;
  nn_snapshot *s = SNAPSHOT_OF(job, "image", (double) IMAGE_DIGIT);
  const nn_snap_item *input = snap_item(s, "input", 2, (int[]){16, 16});
  double ink = 0;
  for (int i = 0; i < 256; i++) {
    g_assert_true(input->data[i] >= 0 && input->data[i] <= 1);
    ink += input->data[i];
  }
  g_assert_cmpfloat(ink, >, 10);
  const nn_snap_item *out = snap_item(s, "output_full", 2, (int[]){14, 14});
  double strongest = 0;
  for (int i = 0; i < 14 * 14; i++) {
    g_assert_true(isfinite(out->data[i]));
    strongest = fmax(strongest, fabs(out->data[i]));
  }
  g_assert_cmpfloat(strongest, >, 1);
  nn_snapshot_unref(s);
  check_sliding(job, 1, 1e-5);
  g_test_message("digit: 196 window positions stepped in %.3f s", nn_now() - t0);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/convolution/lab-numbers", test_convolution_lab_numbers);
  g_test_add_func("/convolution/stride-and-padding", test_convolution_stride_and_padding);
  g_test_add_func("/convolution/window-slides", test_convolution_window_slides);
  g_test_add_func("/convolution/preset-kernels", test_convolution_preset_kernels);
  g_test_add_func("/convolution/digit", test_convolution_digit);
  return g_test_run();
}
