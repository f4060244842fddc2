/* Every op's backward against central finite differences of its forward, and hand-checked
 * values (the lessons' Sobel, max-pool and batch-norm examples).
 *
 * Gradient checks: the loss is L = Σ r·out for a fixed random r (so dout = r), summed in double.
 * Each input element x moves by ±h and (L(x+h) − L(x−h)) / 2h is compared with the analytic
 * gradient. With h = 1e-2:
 *   - truncation error is h²/6 · |L'''|: zero for the linear ops (Linear, Conv2d, pooling
 *     between ties, dropout), about 2e-5 · |L'''| for sigmoid, tanh and batch norm;
 *   - rounding: every float output carries a relative error of a few ε = 1.2e-7, so L carries
 *     about ε·Σ|r·out| (≤ 1e-5 here: a few hundred outputs of size ≲ 3) and dividing by 2h
 *     makes that ≲ 5e-4.
 * Hence tolerance 2e-3 · max(1, |g|): an order above both, and far below the error of a wrong
 * formula (a missing term of batch norm is O(0.1), a misplaced index O(1)). Inputs stay at
 * least 2h away from kinks: ReLU inputs avoid [−0.05, 0.05], max-pool windows have no two
 * values closer than 0.05.
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_ops.h"

#define H_STEP  1e-2f
#define REL_TOL 2e-3

/* ---- the checker ---- */

/* An op under test: forward() reads its inputs and writes out (n_out floats). */
typedef struct op_case {
  void (*forward)(struct op_case *c);
  float *out;
  size_t n_out;
  const float *r; /* dout */
  /* The op's arrays and sizes, as each case needs them. */
  float *x, *w, *b, *mask, *save_mean, *save_invstd, *running_mean, *running_var;
  int32_t *argmax;
  int64_t tracked;
  int B, I, O, C, S;
  bool training;
  nn_conv2d_geom g;
  float *work;
  void (*activation)(const float *in, float *out, size_t n);
} op_case;

static double loss_of(op_case *c)
{
  c->forward(c);
  double L = 0.0;
  for (size_t i = 0; i < c->n_out; i++)
    L += (double) c->r[i] * c->out[i];
  return L;
}

/* Compares grad (n) with finite differences of L with respect to the array x. */
static void check_grad(const char *what, op_case *c, float *x, size_t n, const float *grad)
{
  double worst = 0.0;
  for (size_t i = 0; i < n; i++) {
    float saved = x[i];
    x[i] = saved + H_STEP;
    double up = loss_of(c);
    x[i] = saved - H_STEP;
    double down = loss_of(c);
    x[i] = saved;
    double fd = (up - down) / (2.0 * (double) H_STEP);
    double err = fabs(fd - grad[i]) / fmax(1.0, fabs(grad[i]));
    worst = fmax(worst, err);
    if (err > REL_TOL)
      g_error("%s: element %zu: analytic %.6g, finite difference %.6g", what, i, grad[i], fd);
  }
  loss_of(c); /* leave the forward's side arrays as they were for the unperturbed input */
  g_test_message("%s: worst relative gradient error %.2g over %zu elements", what, worst, n);
}

static nn_rng test_rng;

static float *random_array(size_t n, float lo, float hi)
{
  float *a = g_new(float, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    a[i] = nn_rng_range(&test_rng, lo, hi);
  return a;
}

/* ---- Linear ---- */

static void linear_fwd(op_case *c)
{
  nn_linear_forward(c->x, c->w, c->b, c->out, c->B, c->I, c->O);
}

static void check_linear(int B, int I, int O, bool bias)
{
  op_case c = {.forward = linear_fwd, .B = B, .I = I, .O = O};
  c.n_out = (size_t) B * O;
  c.x = random_array((size_t) B * I, -1, 1);
  c.w = random_array((size_t) O * I, -1, 1);
  c.b = bias ? random_array((size_t) O, -1, 1) : NULL;
  c.out = g_new(float, c.n_out);
  float *r = random_array(c.n_out, -1, 1);
  c.r = r;
  float *dx = g_new(float, (size_t) B *I), *dw = g_new(float, (size_t) O *I), *db = g_new(float, O);
  /* Garbage in the gradients: backward must write them, not add to them. */
  for (size_t i = 0; i < (size_t) O * I; i++)
    dw[i] = 1e6f;
  linear_fwd(&c);
  nn_linear_backward(c.x, c.w, r, dx, dw, bias ? db : NULL, B, I, O);
  char what[64];
  g_snprintf(what, sizeof what, "linear B=%d I=%d O=%d", B, I, O);
  check_grad(what, &c, c.x, (size_t) B * I, dx);
  check_grad(what, &c, c.w, (size_t) O * I, dw);
  if (bias)
    check_grad(what, &c, c.b, (size_t) O, db);
  g_free(c.x), g_free(c.w), g_free(c.b), g_free(c.out), g_free(r), g_free(dx), g_free(dw);
  g_free(db);
}

static void test_linear_gradients(void)
{
  check_linear(1, 1, 1, true);
  check_linear(3, 7, 5, true);
  check_linear(2, 4, 3, false);
  check_linear(4, 33, 17, true);
}

/* ---- Conv2d ---- */

static void conv_fwd(op_case *c)
{
  nn_conv2d_forward(c->x, c->w, c->b, c->out, c->B, &c->g, c->work);
}

static void check_conv(int B, int C_in, int H, int W, int C_out, int k, int stride, int pad,
                       bool bias)
{
  op_case c = {.forward = conv_fwd, .B = B};
  c.g = nn_conv2d_geom_make(C_in, H, W, C_out, k, stride, pad);
  size_t n_in = (size_t) B * C_in * H * W, n_w = (size_t) C_out * C_in * k * k;
  c.n_out = (size_t) B * C_out * c.g.H_out * c.g.W_out;
  c.x = random_array(n_in, -1, 1);
  c.w = random_array(n_w, -1, 1);
  c.b = bias ? random_array((size_t) C_out, -1, 1) : NULL;
  c.out = g_new(float, c.n_out);
  c.work = g_new(float, nn_conv2d_work_floats(&c.g) + 1);
  float *r = random_array(c.n_out, -1, 1);
  c.r = r;
  float *dx = g_new(float, n_in), *dw = g_new(float, n_w), *db = g_new(float, C_out);
  for (size_t i = 0; i < n_in; i++)
    dx[i] = 1e6f;
  conv_fwd(&c);
  nn_conv2d_backward(c.x, c.w, r, dx, dw, bias ? db : NULL, B, &c.g, c.work);
  char what[96];
  g_snprintf(what, sizeof what, "conv B=%d %d->%d %dx%d k=%d s=%d p=%d", B, C_in, C_out, H, W, k,
             stride, pad);
  check_grad(what, &c, c.x, n_in, dx);
  check_grad(what, &c, c.w, n_w, dw);
  if (bias)
    check_grad(what, &c, c.b, (size_t) C_out, db);

  /* Skipping din must not change the other gradients. */
  float *dw2 = g_new(float, n_w);
  nn_conv2d_backward(c.x, c.w, r, NULL, dw2, NULL, B, &c.g, c.work);
  g_assert_true(memcmp(dw, dw2, sizeof(float) * n_w) == 0);
  g_free(dw2);
  g_free(c.x), g_free(c.w), g_free(c.b), g_free(c.out), g_free(c.work), g_free(r);
  g_free(dx), g_free(dw), g_free(db);
}

static void test_conv_gradients(void)
{
  check_conv(1, 1, 5, 5, 1, 3, 1, 0, true);
  check_conv(2, 3, 7, 6, 4, 3, 2, 1, true); /* stride 2, padding, channels > 1 */
  check_conv(3, 2, 4, 5, 3, 1, 1, 0, true); /* 1×1: read in place */
  check_conv(2, 2, 5, 4, 2, 2, 1, 0, false);
  check_conv(2, 2, 7, 7, 2, 3, 3, 2, true); /* stride = kernel, padding 2 */
  check_conv(1, 1, 3, 3, 2, 5, 1, 1, true); /* kernel larger than the unpadded image */
  /* Few taps, 16 channels, rows ≥ 16 wide: the direct kernels where AVX-512 runs (a row of 20
   * is a tile and an overlapping one; 18 taps pad to 20 in dweight). */
  check_conv(2, 1, 18, 20, 16, 5, 1, 2, true);
  check_conv(1, 2, 6, 17, 16, 3, 1, 1, false);
  /* Stride 1, C_in a multiple of 4, rows of 12–16 or 24–32: din by row segments where AVX-512
   * runs. Rows of 28 are two segments, the second 12 wide, and 3 rows make 6 = 5 + 1 per tile;
   * 8 channels are two groups; 24·25 = 600 taps are summed in two blocks. */
  check_conv(2, 4, 3, 28, 2, 3, 1, 1, true);
  check_conv(1, 8, 4, 14, 24, 5, 1, 2, false);
}

/* Batches larger than one chunk of the workspace (samples of 3 × 64 × 64 take ~21K floats of a
 * 64K budget, so 5 samples go as 3 + 2) give what each sample gives alone: the output and din to
 * the bit (a row's sum depends on K only), dweight (summed over samples in another grouping) to
 * rounding. */
static void test_conv_chunks(void)
{
  enum { B = 5, C_in = 3, H = 64, C_out = 2, k = 3 };
  nn_conv2d_geom g = nn_conv2d_geom_make(C_in, H, H, C_out, k, 1, 1);
  size_t n_in = (size_t) C_in * H * H, n_out = (size_t) C_out * H * H, n_w = C_out * C_in * k * k;
  float *x = random_array(B * n_in, -1, 1), *w = random_array(n_w, -1, 1);
  float *bias = random_array(C_out, -1, 1), *dout = random_array(B * n_out, -1, 1);
  float *work = g_new(float, nn_conv2d_work_floats(&g));
  float *out = g_new(float, B *n_out), *one = g_new(float, n_out);
  float *din = g_new(float, B *n_in), *din1 = g_new(float, n_in);
  float *dw = g_new(float, n_w), *dw1 = g_new(float, n_w), *dw_sum = g_new0(float, n_w);
  float db[C_out];
  nn_conv2d_forward(x, w, bias, out, B, &g, work);
  nn_conv2d_backward(x, w, dout, din, dw, db, B, &g, work);
  for (int b = 0; b < B; b++) {
    nn_conv2d_forward(x + b * n_in, w, bias, one, 1, &g, work);
    g_assert_true(memcmp(one, out + b * n_out, sizeof(float) * n_out) == 0);
    nn_conv2d_backward(x + b * n_in, w, dout + b * n_out, din1, dw1, NULL, 1, &g, work);
    g_assert_true(memcmp(din1, din + b * n_in, sizeof(float) * n_in) == 0);
    for (size_t i = 0; i < n_w; i++)
      dw_sum[i] += dw1[i];
  }
  /* Sums of 5·4096 products of size ≲ 1: float rounding stays below 1e-3 of the largest. */
  for (size_t i = 0; i < n_w; i++)
    g_assert_cmpfloat_with_epsilon(dw[i], dw_sum[i], 1e-3 * fmax(1.0, fabs(dw_sum[i])));
  g_free(x), g_free(w), g_free(bias), g_free(dout), g_free(work), g_free(out), g_free(one);
  g_free(din), g_free(din1), g_free(dw), g_free(dw1), g_free(dw_sum);
}

/* Lesson 20's example: Sobel-x on a 5×5 image whose column 2 is lit. */
static void test_conv_sobel_by_hand(void)
{
  float image[25] = {0}, sobel[9] = {1, 0, -1, 2, 0, -2, 1, 0, -1}, out[25];
  for (int y = 0; y < 5; y++)
    image[y * 5 + 2] = 1.0f;
  nn_conv2d_geom g = nn_conv2d_geom_make(1, 5, 5, 1, 3, 1, 0);
  g_assert_cmpint(g.H_out, ==, 3);
  g_assert_cmpint(g.W_out, ==, 3);
  nn_conv2d_geom padded1 = nn_conv2d_geom_make(1, 5, 5, 1, 3, 1, 1);
  nn_conv2d_geom strided = nn_conv2d_geom_make(1, 5, 5, 1, 3, 2, 1);
  float *work = g_new(float, MAX(nn_conv2d_work_floats(&g), MAX(nn_conv2d_work_floats(&padded1),
                                                                nn_conv2d_work_floats(&strided))));
  nn_conv2d_forward(image, sobel, NULL, out, 1, &g, work);
  for (int y = 0; y < 3; y++) {
    g_assert_cmpfloat(out[y * 3 + 0], ==, -4.0f);
    g_assert_cmpfloat(out[y * 3 + 1], ==, 0.0f);
    g_assert_cmpfloat(out[y * 3 + 2], ==, 4.0f);
  }
  /* Padding 1 keeps 5×5; the top and bottom rows lose one kernel row: ±3 there. */
  static const float padded[25] = {0, -3, 0, 3,  0, 0, -4, 0, 4,  0, 0, -4, 0,
                                   4, 0,  0, -4, 0, 4, 0,  0, -3, 0, 3, 0};
  g = padded1;
  nn_conv2d_forward(image, sobel, NULL, out, 1, &g, work);
  for (int i = 0; i < 25; i++)
    g_assert_cmpfloat(out[i], ==, padded[i]);
  /* Stride 2 with padding 1: ⌊(5 + 2 − 3)/2⌋ + 1 = 3, every other output of the padded one. */
  g = strided;
  g_assert_cmpint(g.H_out, ==, 3);
  nn_conv2d_forward(image, sobel, (float[]){0.5f}, out, 1, &g, work);
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 3; x++)
      g_assert_cmpfloat(out[y * 3 + x], ==, padded[(2 * y) * 5 + 2 * x] + 0.5f);
  g_free(work);
}

/* ---- MaxPool2d ---- */

static void pool_fwd(op_case *c)
{
  nn_maxpool2d_forward(c->x, c->out, c->argmax, c->B, &c->g);
}

/* Inputs are a shuffled ladder 0.05 apart: no ties, and ±h never changes a window's winner. */
static void check_pool(int B, int C, int H, int W, int k, int stride)
{
  op_case c = {.forward = pool_fwd, .B = B};
  c.g = nn_conv2d_geom_make(C, H, W, C, k, stride, 0);
  size_t n_in = (size_t) B * C * H * W;
  c.n_out = (size_t) B * C * c.g.H_out * c.g.W_out;
  int32_t *order = g_new(int32_t, n_in);
  for (size_t i = 0; i < n_in; i++)
    order[i] = (int32_t) i;
  nn_rng_shuffle(&test_rng, order, (int) n_in);
  c.x = g_new(float, n_in);
  for (size_t i = 0; i < n_in; i++)
    c.x[i] = 0.05f * (float) order[i] - 1.0f;
  c.out = g_new(float, c.n_out);
  c.argmax = g_new(int32_t, c.n_out);
  float *r = random_array(c.n_out, -1, 1), *dx = g_new(float, n_in);
  c.r = r;
  pool_fwd(&c);
  nn_maxpool2d_backward(c.argmax, r, dx, B, &c.g);
  char what[64];
  g_snprintf(what, sizeof what, "maxpool B=%d C=%d %dx%d k=%d s=%d", B, C, H, W, k, stride);
  check_grad(what, &c, c.x, n_in, dx);
  g_free(order), g_free(c.x), g_free(c.out), g_free(c.argmax), g_free(r), g_free(dx);
}

static void test_maxpool_gradients(void)
{
  check_pool(2, 2, 7, 9, 3, 2);
  check_pool(1, 1, 4, 4, 2, 1); /* overlapping windows add up */
  check_pool(1, 3, 6, 6, 3, 3);
  check_pool(3, 1, 5, 6, 2, 2); /* the last row and column are never covered */
}

/* ReLU then MaxPool2d(2) fused gives the two ops' bits: the ReLU output, maxima, winners and the
 * input gradient. The values are drawn from a few levels, so windows have ties, zeros of both
 * signs, negative-only windows (all four ReLU to 0: the first wins) and NaN; the gradient has
 * −0 (which the separate ops turn into +0). Rows of 14 (7 windows) and 40 (20: a full 16 and 4). */
static void check_relu_pool_fused(int B, int C, int H, int W)
{
  const float levels[] = {-2.0f, -1.0f, -0.0f, 0.0f, 0.5f, 1.0f, 3.0f, NAN};
  nn_conv2d_geom g = nn_conv2d_geom_make(C, H, W, C, 2, 2, 0);
  g_assert_true(nn_relu_maxpool2d_fusable(&g));
  size_t n = (size_t) B * C * H * W, n_out = (size_t) B * C * g.H_out * g.W_out;
  float *x = g_new(float, n), *relu = g_new(float, n), *relu2 = g_new(float, n);
  float *out = g_new(float, n_out), *out2 = g_new(float, n_out), *dout = g_new(float, n_out);
  float *din = g_new(float, n), *din2 = g_new(float, n);
  int32_t *arg = g_new(int32_t, n_out), *arg2 = g_new(int32_t, n_out);
  for (size_t i = 0; i < n; i++)
    x[i] = levels[nn_rng_below(&test_rng, i % 17 ? 7 : 8)]; /* NaN now and then */
  for (size_t i = 0; i < n_out; i++)
    dout[i] = i % 5 ? nn_rng_range(&test_rng, -1, 1) : -0.0f;
  nn_relu_forward(x, relu, n);
  nn_maxpool2d_forward(relu, out, arg, B, &g);
  nn_maxpool2d_backward(arg, dout, din, B, &g);
  nn_relu_backward(relu, din, din2, n);
  memcpy(din, din2, sizeof(float) * n);
  for (size_t i = 0; i < n; i++)
    din2[i] = 1e6f; /* garbage: the fused backward must write every pixel */
  nn_relu_maxpool2d_forward(x, relu2, out2, arg2, B, &g);
  nn_relu_maxpool2d_backward(out2, arg2, dout, din2, B, &g);
  g_assert_true(memcmp(relu, relu2, sizeof(float) * n) == 0);
  g_assert_true(memcmp(out, out2, sizeof(float) * n_out) == 0);
  g_assert_true(memcmp(arg, arg2, sizeof(int32_t) * n_out) == 0);
  g_assert_true(memcmp(din, din2, sizeof(float) * n) == 0);
  g_free(x), g_free(relu), g_free(relu2), g_free(out), g_free(out2), g_free(dout);
  g_free(din), g_free(din2), g_free(arg), g_free(arg2);
}

static void test_relu_pool_fused(void)
{
  check_relu_pool_fused(2, 3, 14, 14);
  check_relu_pool_fused(1, 2, 6, 40);
  check_relu_pool_fused(3, 1, 2, 2);
  /* Only 2 × 2 windows with stride 2 on even sizes. */
  nn_conv2d_geom odd = nn_conv2d_geom_make(1, 7, 8, 1, 2, 2, 0);
  nn_conv2d_geom k3 = nn_conv2d_geom_make(1, 8, 8, 1, 3, 2, 0);
  g_assert_false(nn_relu_maxpool2d_fusable(&odd));
  g_assert_false(nn_relu_maxpool2d_fusable(&k3));
}

/* Lesson 21's example, checked by hand (and against torch.nn.functional.max_pool2d): ties
 * go to the first maximum in row-major order. */
static void test_maxpool_by_hand(void)
{
  static const float in[16] = {1, 2, 3, -4, 0, 2, -3, 0, 0, 2, 3, 1, 0, 0, 0, 0};
  float out[9], din[16], ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  int32_t argmax[9];

  nn_conv2d_geom g = nn_conv2d_geom_make(1, 4, 4, 1, 2, 1, 0);
  nn_maxpool2d_forward(in, out, argmax, 1, &g);
  static const float out_s1[9] = {2, 3, 3, 2, 3, 3, 2, 3, 3};
  /* The 2 at (0,1) beats the tied 2 at (1,1); the 3 at (2,2) wins four windows. */
  static const float din_s1[16] = {0, 1, 2, 0, 0, 1, 0, 0, 0, 1, 4, 0, 0, 0, 0, 0};
  nn_maxpool2d_backward(argmax, ones, din, 1, &g);
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat(out[i], ==, out_s1[i]);
  for (int i = 0; i < 16; i++)
    g_assert_cmpfloat(din[i], ==, din_s1[i]);

  g = nn_conv2d_geom_make(1, 4, 4, 1, 2, 2, 0);
  nn_maxpool2d_forward(in, out, argmax, 1, &g);
  static const float out_s2[4] = {2, 3, 2, 3};
  static const float din_s2[16] = {0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
  nn_maxpool2d_backward(argmax, ones, din, 1, &g);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat(out[i], ==, out_s2[i]);
  for (int i = 0; i < 16; i++)
    g_assert_cmpfloat(din[i], ==, din_s2[i]);

  /* A NaN wins its window, as in PyTorch. */
  float with_nan[4] = {1, NAN, 5, 2}, one;
  int32_t at;
  g = nn_conv2d_geom_make(1, 2, 2, 1, 2, 2, 0);
  nn_maxpool2d_forward(with_nan, &one, &at, 1, &g);
  g_assert_true(isnan(one));
  g_assert_cmpint(at, ==, 1);
}

/* ---- BatchNorm ---- */

static void bn_fwd(op_case *c)
{
  nn_batchnorm_forward(c->x, c->w, c->b, c->out, c->save_mean, c->save_invstd, c->running_mean,
                       c->running_var, &c->tracked, c->training, c->B, c->C, c->S);
}

static void check_batchnorm(int B, int C, int S, bool training)
{
  op_case c = {.forward = bn_fwd, .B = B, .C = C, .S = S, .training = training};
  size_t n = (size_t) B * C * S;
  c.n_out = n;
  c.x = random_array(n, -2, 3);
  c.w = random_array((size_t) C, 0.5f, 1.5f);
  c.b = random_array((size_t) C, -1, 1);
  c.running_mean = random_array((size_t) C, -0.5f, 0.5f);
  c.running_var = random_array((size_t) C, 0.5f, 2.0f);
  c.save_mean = g_new(float, C);
  c.save_invstd = g_new(float, C);
  c.out = g_new(float, n);
  float *r = random_array(n, -1, 1), *dx = g_new(float, n), *dw = g_new(float, C);
  float *db = g_new(float, C);
  c.r = r;
  bn_fwd(&c);
  nn_batchnorm_backward(c.x, c.w, c.save_mean, c.save_invstd, r, dx, dw, db, training, B, C, S);
  char what[64];
  g_snprintf(what, sizeof what, "batchnorm %s B=%d C=%d S=%d", training ? "train" : "eval", B, C,
             S);
  check_grad(what, &c, c.x, n, dx);
  check_grad(what, &c, c.w, (size_t) C, dw);
  check_grad(what, &c, c.b, (size_t) C, db);
  g_free(c.x), g_free(c.w), g_free(c.b), g_free(c.running_mean), g_free(c.running_var);
  g_free(c.save_mean), g_free(c.save_invstd), g_free(c.out), g_free(r), g_free(dx), g_free(dw);
  g_free(db);
}

static void test_batchnorm_gradients(void)
{
  check_batchnorm(5, 3, 1, true); /* BatchNorm1d: the gradient runs through the batch stats */
  check_batchnorm(5, 3, 1, false);
  check_batchnorm(2, 3, 20, true); /* BatchNorm2d on (2, 3, 4, 5) */
  check_batchnorm(2, 3, 20, false);
  check_batchnorm(1, 2, 9, true); /* batch 1: statistics over the pixels only */
}

/* x = 1, 2, 3, 4 as (B = 4, F = 1): mean 2.5, biased variance 1.25, unbiased 5/3. */
static void test_batchnorm_by_hand(void)
{
  float x[4] = {1, 2, 3, 4}, w = 1, b = 0, out[4], mean, invstd, rm = 0, rv = 1;
  int64_t tracked = 0;
  nn_batchnorm_forward(x, &w, &b, out, &mean, &invstd, &rm, &rv, &tracked, true, 4, 1, 1);
  g_assert_cmpfloat_with_epsilon(mean, 2.5f, 1e-7);
  g_assert_cmpfloat_with_epsilon(invstd, 1.0 / sqrt(1.25 + 1e-5), 1e-7);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon(out[i], (x[i] - 2.5) / sqrt(1.25 + 1e-5), 1e-6);
  g_assert_cmpfloat_with_epsilon(rm, 0.25f, 1e-7);                 /* 0.9·0 + 0.1·2.5 */
  g_assert_cmpfloat_with_epsilon(rv, 0.9 + 0.1 * 5.0 / 3.0, 1e-7); /* unbiased for running */
  g_assert_cmpint(tracked, ==, 1);

  /* Evaluation: running statistics, nothing updated. */
  nn_batchnorm_forward(x, &w, &b, out, &mean, &invstd, &rm, &rv, &tracked, false, 4, 1, 1);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon(out[i], (x[i] - 0.25) / sqrt(rv + 1e-5), 1e-6);
  g_assert_cmpint(tracked, ==, 1);
  g_assert_cmpfloat_with_epsilon(rm, 0.25f, 1e-7);
}

/* Reference numbers from torch 1.13 (nn.BatchNorm1d(2), weight [1.5, 0.5], bias [0.1, −0.2],
 * training mode, y.backward(dy)), printed with torch.set_printoptions(precision=9). */
static void test_batchnorm_against_torch(void)
{
  float x[6] = {1, 2, 3, -1, 0, 4}, w[2] = {1.5f, 0.5f}, b[2] = {0.1f, -0.2f};
  float dy[6] = {0.3f, -0.1f, 0.2f, 0.4f, -0.5f, 0.25f};
  float rm[2] = {0, 0}, rv[2] = {1, 1}, out[6], mean[2], invstd[2], dx[6], dw[2], db[2];
  int64_t tracked = 0;
  static const float torch_y[6] = {-0.300890684f, -0.118889362f, 2.104452848f,
                                   -0.848884881f, -1.503562450f, 0.367774308f};
  static const float torch_dx[6] = {0.438115686f, -0.065635569f, -0.146036237f,
                                    0.026254300f, -0.292079389f, 0.039381277f};
  nn_batchnorm_forward(x, w, b, out, mean, invstd, rm, rv, &tracked, true, 3, 2, 1);
  nn_batchnorm_backward(x, w, mean, invstd, dy, dx, dw, db, true, 3, 2, 1);
  for (int i = 0; i < 6; i++) {
    g_assert_cmpfloat_with_epsilon(out[i], torch_y[i], 1e-6);
    g_assert_cmpfloat_with_epsilon(dx[i], torch_dx[i], 1e-6);
  }
  g_assert_cmpfloat_with_epsilon(dw[0], 0.721603036f, 1e-6);
  g_assert_cmpfloat_with_epsilon(dw[1], -0.251442820f, 1e-6);
  g_assert_cmpfloat_with_epsilon(db[0], 0.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon(db[1], 0.550000012f, 1e-6);
  g_assert_cmpfloat_with_epsilon(rm[0], 0.133333340f, 1e-7);
  g_assert_cmpfloat_with_epsilon(rm[1], 0.166666672f, 1e-7);
  g_assert_cmpfloat_with_epsilon(rv[0], 1.133333325f, 1e-6);
  g_assert_cmpfloat_with_epsilon(rv[1], 1.533333302f, 1e-6);
}

/* ---- Dropout ---- */

static void dropout_fwd(op_case *c)
{
  nn_dropout_forward(c->x, c->mask, c->out, c->n_out);
}

static void test_dropout(void)
{
  enum { N = 20000 };
  op_case c = {.forward = dropout_fwd, .n_out = N};
  c.x = random_array(N, -1, 1);
  c.mask = g_new(float, N);
  c.out = g_new(float, N);
  nn_rng rng;
  nn_rng_seed(&rng, 7, 1);
  nn_dropout_mask(c.mask, N, 0.3f, &rng);
  int kept = 0;
  for (int i = 0; i < N; i++) {
    g_assert_true(c.mask[i] == 0.0f || c.mask[i] == 1.0f / 0.7f);
    kept += c.mask[i] != 0.0f;
  }
  /* Binomial(20000, 0.7): mean 14000, standard deviation 65; 5σ either side. */
  g_assert_cmpint(kept, >, 14000 - 325);
  g_assert_cmpint(kept, <, 14000 + 325);

  /* Same seed, same mask. */
  float *again = g_new(float, N);
  nn_rng_seed(&rng, 7, 1);
  nn_dropout_mask(again, N, 0.3f, &rng);
  g_assert_true(memcmp(again, c.mask, sizeof(float) * N) == 0);

  /* With the mask fixed the op is linear: check its gradient on a slice. */
  float *r = random_array(N, -1, 1), *dx = g_new(float, N);
  c.r = r;
  c.n_out = 64;
  dropout_fwd(&c);
  nn_dropout_backward(c.mask, r, dx, 64);
  check_grad("dropout p=0.3", &c, c.x, 64, dx);

  /* p = 1 zeroes everything, p = 0 keeps everything; neither draws. */
  nn_rng before = rng;
  nn_dropout_mask(again, N, 1.0f, &rng);
  for (int i = 0; i < N; i++)
    g_assert_cmpfloat(again[i], ==, 0.0f);
  nn_dropout_mask(again, N, 0.0f, &rng);
  for (int i = 0; i < N; i++)
    g_assert_cmpfloat(again[i], ==, 1.0f);
  g_assert_true(memcmp(&before, &rng, sizeof rng) == 0);
  g_free(c.x), g_free(c.mask), g_free(c.out), g_free(again), g_free(r), g_free(dx);
}

/* ---- Activations ---- */

static void act_fwd(op_case *c)
{
  c->activation(c->x, c->out, c->n_out);
}

static void check_activation(const char *what, void (*fwd)(const float *, float *, size_t),
                             void (*bwd)(const float *, const float *, float *, size_t))
{
  enum { N = 37 };
  op_case c = {.forward = act_fwd, .n_out = N, .activation = fwd};
  c.x = random_array(N, -4, 4);
  for (int i = 0; i < N; i++) /* keep 2h away from ReLU's kink */
    if (fabsf(c.x[i]) < 0.05f)
      c.x[i] = c.x[i] < 0 ? -0.5f : 0.5f;
  c.out = g_new(float, N);
  float *r = random_array(N, -1, 1), *dx = g_new(float, N);
  c.r = r;
  act_fwd(&c);
  bwd(c.out, r, dx, N);
  check_grad(what, &c, c.x, N, dx);
  g_free(c.x), g_free(c.out), g_free(r), g_free(dx);
}

static void test_activations(void)
{
  check_activation("sigmoid", nn_sigmoid_forward, nn_sigmoid_backward);
  check_activation("tanh", nn_tanh_forward, nn_tanh_backward);
  check_activation("relu", nn_relu_forward, nn_relu_backward);

  /* Values: sigmoid saturates without NaN; ReLU's gradient is 0 at exactly 0 (PyTorch). */
  float x[5] = {-200, -1, 0, 1, 200}, y[5], d[5], ones[5] = {1, 1, 1, 1, 1};
  nn_sigmoid_forward(x, y, 5);
  g_assert_cmpfloat(y[0], ==, 0.0f);
  g_assert_cmpfloat(y[2], ==, 0.5f);
  g_assert_cmpfloat(y[4], ==, 1.0f);
  g_assert_cmpfloat_with_epsilon(y[3], 1.0 / (1.0 + exp(-1.0)), 1e-7);
  nn_sigmoid_backward(y, ones, d, 5);
  g_assert_cmpfloat(d[2], ==, 0.25f);
  nn_tanh_forward(x, y, 5);
  g_assert_cmpfloat(y[0], ==, -1.0f);
  nn_tanh_backward(y, ones, d, 5);
  g_assert_cmpfloat(d[2], ==, 1.0f);
  nn_relu_forward(x, y, 5);
  nn_relu_backward(y, ones, d, 5);
  static const float relu_y[5] = {0, 0, 0, 1, 200}, relu_d[5] = {0, 0, 0, 1, 1};
  for (int i = 0; i < 5; i++) {
    g_assert_cmpfloat(y[i], ==, relu_y[i]);
    g_assert_cmpfloat(d[i], ==, relu_d[i]);
  }
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  nn_rng_seed(&test_rng, 42, 0);
  g_test_add_func("/ops/linear/gradients", test_linear_gradients);
  g_test_add_func("/ops/conv2d/gradients", test_conv_gradients);
  g_test_add_func("/ops/conv2d/chunks", test_conv_chunks);
  g_test_add_func("/ops/conv2d/sobel-by-hand", test_conv_sobel_by_hand);
  g_test_add_func("/ops/maxpool2d/gradients", test_maxpool_gradients);
  g_test_add_func("/ops/maxpool2d/by-hand", test_maxpool_by_hand);
  g_test_add_func("/ops/maxpool2d/relu-fused", test_relu_pool_fused);
  g_test_add_func("/ops/batchnorm/gradients", test_batchnorm_gradients);
  g_test_add_func("/ops/batchnorm/by-hand", test_batchnorm_by_hand);
  g_test_add_func("/ops/batchnorm/against-torch", test_batchnorm_against_torch);
  g_test_add_func("/ops/dropout", test_dropout);
  g_test_add_func("/ops/activations", test_activations);
  return g_test_run();
}
