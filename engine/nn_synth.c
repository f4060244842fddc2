#include "nn_synth.h"

#include <math.h>
#include <string.h>

/* ---- torch's grids ---- */

/* torch 1.13 fills a float tensor in blocks of 16 (two AVX2 vectors of 8) and the tail one by
 * one; a vector's first element comes from the scalar formula, the others by adding k·step.
 * The scalar formulas are compiled with FMA contraction, hence fma(). */
#define TORCH_VEC 8

int nn_arange_count(double start, double end, double step)
{
  double n = ceil((end - start) / step);
  return n > 0 && n < INT32_MAX ? (int) n : 0;
}

void nn_arange(float *out, double start, double end, double step)
{
  int n = nn_arange_count(start, end, step);
  int vec_end = n / (2 * TORCH_VEC) * (2 * TORCH_VEC);
  int i = 0;
  for (; i < vec_end; i += TORCH_VEC) {
    float base = (float) fma(step, i, start);
    for (int k = 0; k < TORCH_VEC; k++)
      out[i + k] = (float) ((double) base + step * k);
  }
  for (; i < n; i++)
    out[i] = (float) fma(step, i, start);
}

/* torch counts the second half back from `end` so that the last value is exactly end. */
static float linspace_at(float start, float end, float step, int n, int i)
{
  return i < n / 2 ? fmaf(step, (float) i, start) : fmaf(-step, (float) (n - i - 1), end);
}

void nn_linspace(float *out, float start, float end, int n)
{
  if (n == 1) {
    out[0] = start;
    return;
  }
  float step = (end - start) / (float) (n - 1);
  int vec_end = n / (2 * TORCH_VEC) * (2 * TORCH_VEC);
  int i = 0;
  for (; i < vec_end; i += TORCH_VEC) {
    float base = linspace_at(start, end, step, n, i);
    for (int k = 0; k < TORCH_VEC; k++) {
      float offset = (float) k * step; /* two statements: no contraction into an fma */
      out[i + k] = base + offset;
    }
  }
  for (; i < n; i++)
    out[i] = linspace_at(start, end, step, n, i);
}

/* numpy.linspace in double: i·step + start, the last value exactly stop. */
static double np_linspace_at(double start, double stop, int n, int i)
{
  if (n == 1)
    return start;
  if (i == n - 1)
    return stop;
  return i * ((stop - start) / (n - 1)) + start;
}

/* ---- data set helpers ---- */

static bool alloc_features(nn_dataset *ds, int n, int features, bool with_classes, int y_dim,
                           int n_classes, nn_error *err)
{
  const int shape[1] = {features};
  return nn_dataset_alloc(ds, n, 1, shape, with_classes, y_dim, n_classes, err);
}

static bool alloc_binary(nn_dataset *ds, int n, int features, nn_error *err)
{
  return alloc_features(ds, n, features, true, 1, 2, err);
}

static void set_binary(nn_dataset *ds, int i, bool positive)
{
  ds->y_class[i] = positive;
  ds->y_value[i] = positive ? 1.0f : 0.0f;
}

static bool check_count(const char *what, int n, nn_error *err)
{
  if (n <= 0)
    return nn_fail(err, "%s: %d points", what, n);
  return true;
}

static bool check_sigma(const char *what, float sigma, nn_error *err)
{
  if (!(sigma >= 0.0f) || isinf(sigma))
    return nn_fail(err, "%s: noise σ %g must be finite and ≥ 0", what, (double) sigma);
  return true;
}

/* ---- one-feature lines (lessons 1–3, 5, 6, 15) ---- */

bool nn_synth_threshold_line(nn_dataset *train, nn_error *err)
{
  int n = nn_arange_count(-1.0, 1.0, 0.1);
  if (!alloc_binary(train, n, 1, err))
    return false;
  nn_arange(train->x, -1.0, 1.0, 0.1);
  for (int i = 0; i < n; i++)
    set_binary(train, i, train->x[i] > 0.2f);
  return true;
}

bool nn_synth_softmax_line(nn_dataset *train, nn_error *err)
{
  int n = nn_arange_count(-2.0, 2.0, 0.1);
  if (!alloc_features(train, n, 1, true, 0, 3, err))
    return false;
  nn_arange(train->x, -2.0, 2.0, 0.1);
  for (int i = 0; i < n; i++) {
    float x = train->x[i];
    train->y_class[i] = x >= 1.0f ? 2 : x > -1.0f ? 1 : 0;
  }
  return true;
}

bool nn_synth_bump(nn_dataset *train, nn_error *err)
{
  int n = nn_arange_count(-20.0, 20.0, 1.0);
  if (!alloc_binary(train, n, 1, err))
    return false;
  nn_arange(train->x, -20.0, 20.0, 1.0);
  for (int i = 0; i < n; i++)
    set_binary(train, i, train->x[i] > -4.0f && train->x[i] < 4.0f);
  return true;
}

bool nn_synth_two_bumps(nn_dataset *train, nn_error *err)
{
  const int n = 100;
  if (!alloc_binary(train, n, 1, err))
    return false;
  nn_linspace(train->x, -20.0f, 20.0f, n);
  for (int i = 0; i < n; i++) {
    float x = train->x[i];
    set_binary(train, i, (x > -10.0f && x < -5.0f) || (x > 5.0f && x < 10.0f));
  }
  return true;
}

/* ---- two-feature sets (lessons 7, 12, 13, 18) ---- */

bool nn_synth_xor(nn_rng *rng, int per_corner, float sigma, nn_dataset *train, nn_error *err)
{
  memset(train, 0, sizeof *train);
  if (!check_count("XOR", per_corner, err) || !check_sigma("XOR", sigma, err))
    return false;
  if (per_corner > INT32_MAX / 4)
    return nn_fail(err, "XOR: %d points per corner is too many", per_corner);
  if (!alloc_binary(train, 4 * per_corner, 2, err))
    return false;
  static const float corners[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  for (int c = 0; c < 4; c++)
    for (int k = 0; k < per_corner; k++) {
      int i = c * per_corner + k;
      float *x = train->x + 2 * (size_t) i;
      x[0] = corners[c][0] + sigma * nn_rng_normal(rng);
      x[1] = corners[c][1] + sigma * nn_rng_normal(rng);
      set_binary(train, i, corners[c][0] != corners[c][1]);
    }
  return true;
}

bool nn_synth_spirals(nn_rng *rng, int classes, int per_class, nn_dataset *train, nn_error *err)
{
  memset(train, 0, sizeof *train);
  if (!check_count("spirals", per_class, err))
    return false;
  if (classes < 2 || classes > 16 || per_class > INT32_MAX / classes)
    return nn_fail(err, "spirals: %d classes of %d points", classes, per_class);
  if (!alloc_features(train, classes * per_class, 2, true, 0, classes, err))
    return false;
  for (int j = 0; j < classes; j++)
    for (int k = 0; k < per_class; k++) {
      int i = j * per_class + k;
      double r = np_linspace_at(0.0, 1.0, per_class, k);
      double t = np_linspace_at(4.0 * j, 4.0 * j + 4.0, per_class, k);
      t += 0.2 * nn_rng_normal(rng);
      train->x[2 * (size_t) i] = (float) (r * sin(t));
      train->x[2 * (size_t) i + 1] = (float) (r * cos(t));
      train->y_class[i] = j;
    }
  return true;
}

float nn_synth_dropout_boundary(float x1, float x2)
{
  return -1.0f + x1 + 2.0f * x2 + x1 * x2 - 3.0f * x1 * x1 + x2 * x2;
}

static bool dropout_classes_fill(nn_rng *rng, int n, float sigma, nn_dataset *ds, nn_error *err)
{
  if (!alloc_binary(ds, n, 2, err))
    return false;
  for (int i = 0; i < n; i++) {
    float *x = ds->x + 2 * (size_t) i;
    x[0] = nn_rng_uniform(rng);
    x[1] = nn_rng_uniform(rng);
    set_binary(ds, i, nn_synth_dropout_boundary(x[0], x[1]) > 0.0f);
    x[0] += sigma * nn_rng_normal(rng);
    x[1] += sigma * nn_rng_normal(rng);
  }
  return true;
}

bool nn_synth_dropout_classes(nn_rng *rng, int n_train, float sigma_train, int n_val,
                              float sigma_val, nn_dataset *train, nn_dataset *val, nn_error *err)
{
  memset(train, 0, sizeof *train);
  memset(val, 0, sizeof *val);
  const char *what = "dropout classification";
  if (!check_count(what, n_train, err) || !check_count(what, n_val, err) ||
      !check_sigma(what, sigma_train, err) || !check_sigma(what, sigma_val, err))
    return false;
  if (!dropout_classes_fill(rng, n_train, sigma_train, train, err))
    return false;
  if (!dropout_classes_fill(rng, n_val, sigma_val, val, err)) {
    nn_dataset_free(train);
    return false;
  }
  return true;
}

/* ---- regression (lesson 14) ---- */

static bool dropout_regression_fill(nn_rng *rng, int n, float sigma, nn_dataset *ds, nn_error *err)
{
  if (!alloc_features(ds, n, 1, false, 1, 0, err))
    return false;
  nn_linspace(ds->x, -1.0f, 1.0f, n);
  for (int i = 0; i < n; i++)
    ds->y_value[i] = ds->x[i] * ds->x[i] + sigma * nn_rng_normal(rng);
  return true;
}

bool nn_synth_dropout_regression(nn_rng *rng, int n, float sigma, nn_dataset *train,
                                 nn_dataset *val, nn_error *err)
{
  memset(train, 0, sizeof *train);
  memset(val, 0, sizeof *val);
  const char *what = "dropout regression";
  if (!check_count(what, n, err) || !check_sigma(what, sigma, err))
    return false;
  if (!dropout_regression_fill(rng, n, sigma, train, err))
    return false;
  if (!dropout_regression_fill(rng, n, sigma, val, err)) {
    nn_dataset_free(train);
    return false;
  }
  return true;
}

/* ---- lesson 17's losses ---- */

float nn_poly_cubic(float w)
{
  return w * w * w;
}

float nn_poly_cubic_grad(float w)
{
  return 3.0f * w * w;
}

float nn_poly_quartic(float w)
{
  return (((2.0f * w - 9.0f) * w - 21.0f) * w + 88.0f) * w + 48.0f;
}

float nn_poly_quartic_grad(float w)
{
  return ((8.0f * w - 27.0f) * w - 42.0f) * w + 88.0f;
}

/* ---- small images (lessons 20–22) ---- */

void nn_synth_line_image(float *img, int h, int w, bool vertical, int index)
{
  memset(img, 0, sizeof(float) * (size_t) h * (size_t) w);
  if (vertical && index >= 0 && index < w)
    for (int y = 0; y < h; y++)
      img[(size_t) y * w + index] = 1.0f;
  if (!vertical && index >= 0 && index < h)
    for (int x = 0; x < w; x++)
      img[(size_t) index * w + x] = 1.0f;
}

void nn_synth_two_channel_rows(float *img)
{
  memset(img, 0, sizeof(float) * 2 * 5 * 5);
  for (int x = 0; x < 5; x++) {
    img[0 * 25 + 2 * 5 + x] = -2.0f;
    img[1 * 25 + 2 * 5 + x] = 1.0f;
  }
}

void nn_synth_two_channel_ones_dot(float *img)
{
  memset(img, 0, sizeof(float) * 2 * 5 * 5);
  for (int i = 0; i < 25; i++)
    img[i] = 1.0f;
  img[25 + 2 * 5 + 2] = 1.0f;
}

/* ---- bars (lesson 23) ---- */

/* A shift in [−k, k] with k = min(max_shift, room). */
static int bar_shift(nn_rng *rng, int max_shift, int room)
{
  int k = NN_MIN(max_shift, room);
  return k > 0 ? (int) nn_rng_below(rng, (uint32_t) (2 * k + 1)) - k : 0;
}

static void bar_image(nn_rng *rng, bool horizontal, float p_on, int max_shift, float *img)
{
  const int side = NN_BARS_SIDE, len = 9, thick = 3;
  /* Centred: the long side starts at 1, the short one at 4. */
  int long0 = (side - len) / 2, short0 = (side - thick) / 2;
  long0 += bar_shift(rng, max_shift, long0);
  short0 += bar_shift(rng, max_shift, short0);
  memset(img, 0, sizeof(float) * side * side);
  for (int a = 0; a < len; a++)
    for (int b = 0; b < thick; b++) {
      int y = horizontal ? short0 + b : long0 + a, x = horizontal ? long0 + a : short0 + b;
      img[y * side + x] = nn_rng_uniform(rng) < p_on ? 1.0f : 0.0f;
    }
}

static bool bars_fill(nn_rng *rng, int n, float p_on, int max_shift, nn_dataset *ds, nn_error *err)
{
  const int shape[3] = {1, NN_BARS_SIDE, NN_BARS_SIDE};
  if (!nn_dataset_alloc(ds, n, 3, shape, true, 1, 2, err))
    return false;
  for (int i = 0; i < n; i++) {
    bool horizontal = i % 2;
    bar_image(rng, horizontal, p_on, max_shift, nn_dataset_sample(ds, i));
    set_binary(ds, i, horizontal);
  }
  return true;
}

bool nn_synth_bars(nn_rng *rng, int n_train, int n_val, float p_on, int max_shift,
                   nn_dataset *train, nn_dataset *val, nn_error *err)
{
  memset(train, 0, sizeof *train);
  memset(val, 0, sizeof *val);
  if (!check_count("bars", n_train, err) || !check_count("bars", n_val, err))
    return false;
  if (!(p_on >= 0.0f && p_on <= 1.0f) || max_shift < 0)
    return nn_fail(err, "bars: probability %g, shift %d", (double) p_on, max_shift);
  if (!bars_fill(rng, n_train, p_on, max_shift, train, err))
    return false;
  if (!bars_fill(rng, n_val, p_on, max_shift, val, err)) {
    nn_dataset_free(train);
    return false;
  }
  return true;
}
