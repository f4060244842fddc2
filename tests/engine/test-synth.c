/* Every synthetic set: shape, targets, class balance, ranges, the lab's grids (bit for bit
 * against torch), determinism, and validation drawn apart from training. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn_synth.h"

static gboolean same_bytes(const nn_dataset *a, const nn_dataset *b)
{
  if (a->n != b->n || nn_dataset_sample_numel(a) != nn_dataset_sample_numel(b))
    return FALSE;
  size_t n = (size_t) a->n, x = n * nn_dataset_sample_numel(a);
  if (memcmp(a->x, b->x, x * sizeof(float)) != 0)
    return FALSE;
  if ((a->y_class == NULL) != (b->y_class == NULL) || (a->y_value == NULL) != (b->y_value == NULL))
    return FALSE;
  if (a->y_class && memcmp(a->y_class, b->y_class, n * sizeof(int32_t)) != 0)
    return FALSE;
  if (a->y_value && memcmp(a->y_value, b->y_value, n * (size_t) a->y_dim * sizeof(float)) != 0)
    return FALSE;
  return TRUE;
}

static void assert_features(const nn_dataset *ds, int n, int features)
{
  g_assert_cmpint(ds->n, ==, n);
  g_assert_cmpint(ds->x_ndim, ==, 1);
  g_assert_cmpint(ds->x_shape[0], ==, features);
}

/* Binary sets: y_value 0/1 (y_dim 1) equal to y_class; returns the positives. */
static int assert_binary(const nn_dataset *ds)
{
  g_assert_nonnull(ds->y_class);
  g_assert_nonnull(ds->y_value);
  g_assert_cmpint(ds->y_dim, ==, 1);
  g_assert_cmpint(ds->n_classes, ==, 2);
  int positives = 0;
  for (int i = 0; i < ds->n; i++) {
    g_assert_true(ds->y_class[i] == 0 || ds->y_class[i] == 1);
    g_assert_cmpfloat(ds->y_value[i], ==, (float) ds->y_class[i]);
    positives += ds->y_class[i];
  }
  return positives;
}

static void test_threshold_line(void)
{
  nn_dataset ds;
  nn_error err;
  g_assert_true(nn_synth_threshold_line(&ds, &err));
  assert_features(&ds, 20, 1);
  g_assert_cmpint(assert_binary(&ds), ==, 7);
  /* torch.arange(-1, 1, 0.1): */
  g_assert_cmpfloat(ds.x[0], ==, -1.0f);
  g_assert_cmpfloat(ds.x[3], ==, -0x1.666666p-1f);
  g_assert_cmpfloat(ds.x[12], ==, 0x1.99999ap-3f); /* 0.2f itself: class 0, as in torch */
  g_assert_cmpfloat(ds.x[13], ==, 0x1.333334p-2f);
  g_assert_cmpfloat(ds.x[19], ==, 0x1.ccccccp-1f);
  g_assert_cmpint(ds.y_class[12], ==, 0);
  g_assert_cmpint(ds.y_class[13], ==, 1);
  for (int i = 1; i < ds.n; i++)
    g_assert_cmpint(ds.y_class[i], >=, ds.y_class[i - 1]);
  nn_dataset_free(&ds);
}

static void test_softmax_line(void)
{
  nn_dataset ds;
  nn_error err;
  g_assert_true(nn_synth_softmax_line(&ds, &err));
  assert_features(&ds, 40, 1);
  g_assert_null(ds.y_value);
  g_assert_cmpint(ds.n_classes, ==, 3);
  int counts[3] = {0};
  nn_dataset_class_counts(&ds, counts);
  g_assert_cmpint(counts[0], ==, 11); /* −2 … −1 */
  g_assert_cmpint(counts[1], ==, 19);
  g_assert_cmpint(counts[2], ==, 10); /* 1 … 1.9 */
  g_assert_cmpfloat(ds.x[10], ==, -1.0f);
  g_assert_cmpint(ds.y_class[10], ==, 0);
  g_assert_cmpfloat(ds.x[30], ==, 1.0f);
  g_assert_cmpint(ds.y_class[30], ==, 2);
  nn_dataset_free(&ds);
}

static void test_bumps(void)
{
  nn_dataset ds;
  nn_error err;
  g_assert_true(nn_synth_bump(&ds, &err));
  assert_features(&ds, 40, 1);
  g_assert_cmpint(assert_binary(&ds), ==, 7); /* −3 … 3 */
  for (int i = 0; i < 40; i++) {
    g_assert_cmpfloat(ds.x[i], ==, (float) (i - 20));
    g_assert_cmpint(ds.y_class[i], ==, abs(i - 20) < 4);
  }
  nn_dataset_free(&ds);

  g_assert_true(nn_synth_two_bumps(&ds, &err));
  assert_features(&ds, 100, 1);
  g_assert_cmpint(assert_binary(&ds), ==, 26); /* torch's count for its linspace */
  g_assert_cmpfloat(ds.x[0], ==, -20.0f);
  g_assert_cmpfloat(ds.x[99], ==, 20.0f);
  for (int i = 0; i < 100; i++) {
    float x = ds.x[i];
    gboolean in = (x > -10 && x < -5) || (x > 5 && x < 10);
    g_assert_cmpint(ds.y_class[i], ==, in);
    if (i)
      g_assert_cmpfloat(ds.x[i], >, ds.x[i - 1]);
  }
  nn_dataset_free(&ds);
}

static void test_grids_match_torch(void)
{
  /* torch.linspace(-1, 1, 40) at 0, 7, 20, 39 (20 is past halfway: counted back from 1). */
  float l[40];
  nn_linspace(l, -1.0f, 1.0f, 40);
  g_assert_cmpfloat(l[0], ==, -1.0f);
  g_assert_cmpfloat(l[7], ==, -0x1.483484p-1f);
  g_assert_cmpfloat(l[20], ==, 0x1.a41a50p-6f);
  g_assert_cmpfloat(l[39], ==, 1.0f);
  g_assert_cmpint(nn_arange_count(-1, 1, 0.1), ==, 20);
  g_assert_cmpint(nn_arange_count(-2, 2, 0.1), ==, 40);
  g_assert_cmpint(nn_arange_count(-20, 20, 1), ==, 40);
  g_assert_cmpint(nn_arange_count(1, 0, 1), ==, 0);
  float one;
  nn_linspace(&one, 3.0f, 5.0f, 1);
  g_assert_cmpfloat(one, ==, 3.0f);
}

static void test_xor(void)
{
  nn_rng rng;
  nn_dataset a, b, c, exact;
  nn_error err;
  nn_rng_seed(&rng, 7, 1);
  g_assert_true(nn_synth_xor(&rng, 25, 0.05f, &a, &err));
  nn_rng_seed(&rng, 7, 1);
  g_assert_true(nn_synth_xor(&rng, 25, 0.05f, &b, &err));
  nn_rng_seed(&rng, 8, 1);
  g_assert_true(nn_synth_xor(&rng, 25, 0.05f, &c, &err));
  g_assert_true(nn_synth_xor(&rng, 25, 0.0f, &exact, &err));
  assert_features(&a, 100, 2);
  g_assert_cmpint(assert_binary(&a), ==, 50);
  g_assert_true(same_bytes(&a, &b));
  g_assert_false(same_bytes(&a, &c));
  /* Corners in the lab's order; the same noise σ on every point. */
  const float corners[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  double sum2 = 0;
  for (int i = 0; i < 100; i++) {
    const float *k = corners[i / 25];
    g_assert_cmpfloat(exact.x[2 * i], ==, k[0]);
    g_assert_cmpfloat(exact.x[2 * i + 1], ==, k[1]);
    g_assert_cmpint(a.y_class[i], ==, k[0] != k[1]);
    for (int d = 0; d < 2; d++) {
      double dev = a.x[2 * i + d] - k[d];
      g_assert_cmpfloat(fabs(dev), <, 0.05 * 5);
      sum2 += dev * dev;
    }
  }
  g_assert_cmpfloat(sqrt(sum2 / 200), >, 0.04);
  g_assert_cmpfloat(sqrt(sum2 / 200), <, 0.06);
  nn_dataset_free(&a);
  nn_dataset_free(&b);
  nn_dataset_free(&c);
  nn_dataset_free(&exact);
  g_assert_false(nn_synth_xor(&rng, 0, 0.1f, &c, &err));
  g_assert_false(nn_synth_xor(&rng, 25, -1.0f, &c, &err));
  g_assert_false(nn_synth_xor(&rng, 25, NAN, &c, &err));
  g_assert_null(c.x);
}

static void test_spirals(void)
{
  nn_rng rng;
  nn_dataset a, b, c;
  nn_error err;
  nn_rng_seed(&rng, 1, 2);
  g_assert_true(nn_synth_spirals(&rng, 3, 500, &a, &err));
  nn_rng_seed(&rng, 1, 2);
  g_assert_true(nn_synth_spirals(&rng, 3, 500, &b, &err));
  nn_rng_seed(&rng, 2, 2);
  g_assert_true(nn_synth_spirals(&rng, 3, 500, &c, &err));
  assert_features(&a, 1500, 2);
  g_assert_null(a.y_value);
  g_assert_cmpint(a.n_classes, ==, 3);
  int counts[3] = {0};
  nn_dataset_class_counts(&a, counts);
  for (int j = 0; j < 3; j++)
    g_assert_cmpint(counts[j], ==, 500);
  g_assert_true(same_bytes(&a, &b));
  g_assert_false(same_bytes(&a, &c));
  /* The radius is r = k/499 exactly (the noise turns the angle only); the angle follows
   * 4j + 4k/499 within a few σ = 0.2. */
  double worst = 0;
  for (int i = 0; i < 1500; i++) {
    int j = i / 500, k = i % 500;
    double x = a.x[2 * i], y = a.x[2 * i + 1];
    g_assert_cmpint(a.y_class[i], ==, j);
    g_assert_cmpfloat(fabs(hypot(x, y) - k / 499.0), <, 1e-6);
    if (k > 20) {
      double t = atan2(x, y), expected = 4.0 * j + 4.0 * k / 499;
      double d = remainder(t - expected, 2 * G_PI);
      worst = MAX(worst, fabs(d));
    }
  }
  g_assert_cmpfloat(worst, <, 6 * 0.2);
  g_assert_cmpfloat(worst, >, 2 * 0.2);
  nn_dataset_free(&a);
  nn_dataset_free(&b);
  nn_dataset_free(&c);
}

static void test_dropout_classes(void)
{
  nn_rng rng;
  nn_dataset train, val, train2, val2, clean, clean_val;
  nn_error err;
  nn_rng_seed(&rng, 3, 3);
  g_assert_true(nn_synth_dropout_classes(&rng, 1000, 0.28f, 1000, 0.15f, &train, &val, &err));
  nn_rng_seed(&rng, 3, 3);
  g_assert_true(nn_synth_dropout_classes(&rng, 1000, 0.28f, 1000, 0.15f, &train2, &val2, &err));
  g_assert_true(same_bytes(&train, &train2));
  g_assert_true(same_bytes(&val, &val2));
  g_assert_false(same_bytes(&train, &val));
  assert_features(&train, 1000, 2);
  assert_features(&val, 1000, 2);
  int positives = assert_binary(&train);
  g_assert_cmpint(positives, >, 200);
  g_assert_cmpint(positives, <, 800);
  assert_binary(&val);

  /* With σ = 0 and the same seed the clean points appear: labels are the boundary's sign,
   * and the noisy sets differ from them by σ on average. */
  nn_rng_seed(&rng, 3, 3);
  g_assert_true(nn_synth_dropout_classes(&rng, 1000, 0.0f, 1000, 0.0f, &clean, &clean_val, &err));
  double d_train = 0, d_val = 0;
  for (int i = 0; i < 1000; i++) {
    float x1 = clean.x[2 * i], x2 = clean.x[2 * i + 1];
    g_assert_true(x1 >= 0 && x1 < 1 && x2 >= 0 && x2 < 1);
    g_assert_cmpint(clean.y_class[i], ==, nn_synth_dropout_boundary(x1, x2) > 0);
    g_assert_cmpint(train.y_class[i], ==, clean.y_class[i]);
    for (int d = 0; d < 2; d++) {
      d_train += pow(train.x[2 * i + d] - clean.x[2 * i + d], 2);
      d_val += pow(val.x[2 * i + d] - clean_val.x[2 * i + d], 2);
    }
  }
  g_assert_cmpfloat(fabs(sqrt(d_train / 2000) - 0.28), <, 0.02);
  g_assert_cmpfloat(fabs(sqrt(d_val / 2000) - 0.15), <, 0.015);
  nn_dataset *all[] = {&train, &val, &train2, &val2, &clean, &clean_val};
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    nn_dataset_free(all[i]);
  g_assert_false(nn_synth_dropout_classes(&rng, 0, 0.1f, 10, 0.1f, &clean, &clean_val, &err));
  g_assert_false(nn_synth_dropout_classes(&rng, 10, 0.1f, 10, -0.1f, &clean, &clean_val, &err));
  g_assert_null(clean.x);
}

static void test_dropout_regression(void)
{
  nn_rng rng;
  nn_dataset train, val, clean, clean_val, other, other_val;
  nn_error err;
  nn_rng_seed(&rng, 4, 4);
  g_assert_true(nn_synth_dropout_regression(&rng, 40, 1.0f, &train, &val, &err));
  nn_rng_seed(&rng, 4, 4);
  g_assert_true(nn_synth_dropout_regression(&rng, 40, 0.0f, &clean, &clean_val, &err));
  nn_rng_seed(&rng, 5, 4);
  g_assert_true(nn_synth_dropout_regression(&rng, 40, 1.0f, &other, &other_val, &err));
  assert_features(&train, 40, 1);
  g_assert_null(train.y_class);
  g_assert_cmpint(train.y_dim, ==, 1);
  g_assert_cmpint(train.n_classes, ==, 0);
  /* Same x grid (torch.linspace(-1, 1, 40)), other noise: held-out points. */
  g_assert_cmpmem(train.x, 40 * sizeof(float), val.x, 40 * sizeof(float));
  g_assert_cmpfloat(train.x[0], ==, -1.0f);
  g_assert_cmpfloat(train.x[39], ==, 1.0f);
  g_assert_false(same_bytes(&train, &val));
  g_assert_false(same_bytes(&train, &other));
  double d = 0;
  for (int i = 0; i < 40; i++) {
    g_assert_cmpfloat(clean.y_value[i], ==, clean.x[i] * clean.x[i]);
    g_assert_cmpfloat(train.y_value[i], !=, val.y_value[i]);
    d += pow(train.y_value[i] - clean.y_value[i], 2);
  }
  g_assert_cmpfloat(sqrt(d / 40), >, 0.6);
  g_assert_cmpfloat(sqrt(d / 40), <, 1.5);
  nn_dataset *all[] = {&train, &val, &clean, &clean_val, &other, &other_val};
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    nn_dataset_free(all[i]);
}

static void test_polynomials(void)
{
  g_assert_cmpfloat(nn_poly_cubic(2.0f), ==, 8.0f);
  g_assert_cmpfloat(nn_poly_cubic_grad(0.0f), ==, 0.0f); /* the saddle */
  g_assert_cmpfloat(nn_poly_quartic(0.0f), ==, 48.0f);
  g_assert_cmpfloat(nn_poly_quartic(1.0f), ==, 2 - 9 - 21 + 88 + 48);
  for (float w = -3.0f; w <= 6.0f; w += 0.25f) {
    double h = 1e-3;
    double fd = (nn_poly_quartic((float) (w + h)) - nn_poly_quartic((float) (w - h))) / (2 * h);
    g_assert_cmpfloat(fabs(fd - nn_poly_quartic_grad(w)), <, 0.05 * (1 + fabs(fd)));
    double fdc = (nn_poly_cubic((float) (w + h)) - nn_poly_cubic((float) (w - h))) / (2 * h);
    g_assert_cmpfloat(fabs(fdc - nn_poly_cubic_grad(w)), <, 0.01 * (1 + fabs(fdc)));
  }
  /* Minima where the lesson says: near 4 (local) and near −2 (global, lower). */
  g_assert_cmpfloat(nn_poly_quartic_grad(3.5f), <, 0);
  g_assert_cmpfloat(nn_poly_quartic_grad(4.5f), >, 0);
  g_assert_cmpfloat(nn_poly_quartic_grad(-2.5f), <, 0);
  g_assert_cmpfloat(nn_poly_quartic_grad(-1.5f), >, 0);
  g_assert_cmpfloat(nn_poly_quartic(-2.0f), <, nn_poly_quartic(4.0f));
}

static void test_line_images(void)
{
  float img[25];
  nn_synth_line_image(img, 5, 5, TRUE, 2);
  for (int y = 0; y < 5; y++)
    for (int x = 0; x < 5; x++)
      g_assert_cmpfloat(img[y * 5 + x], ==, x == 2 ? 1.0f : 0.0f);
  nn_synth_line_image(img, 5, 5, FALSE, 2);
  for (int y = 0; y < 5; y++)
    for (int x = 0; x < 5; x++)
      g_assert_cmpfloat(img[y * 5 + x], ==, y == 2 ? 1.0f : 0.0f);
  float wide[3 * 7];
  nn_synth_line_image(wide, 3, 7, TRUE, 6);
  g_assert_cmpfloat(wide[2 * 7 + 6], ==, 1.0f);
  g_assert_cmpfloat(wide[2 * 7 + 5], ==, 0.0f);

  float two[50];
  nn_synth_two_channel_rows(two);
  for (int i = 0; i < 25; i++) {
    g_assert_cmpfloat(two[i], ==, i / 5 == 2 ? -2.0f : 0.0f);
    g_assert_cmpfloat(two[25 + i], ==, i / 5 == 2 ? 1.0f : 0.0f);
  }
  nn_synth_two_channel_ones_dot(two);
  for (int i = 0; i < 25; i++) {
    g_assert_cmpfloat(two[i], ==, 1.0f);
    g_assert_cmpfloat(two[25 + i], ==, i == 12 ? 1.0f : 0.0f);
  }
}

/* Counts on-pixels inside and outside a rectangle of one 11×11 image. */
static void count_pixels(const float *img, int y0, int x0, int h, int w, int *in, int *out)
{
  *in = *out = 0;
  for (int y = 0; y < NN_BARS_SIDE; y++)
    for (int x = 0; x < NN_BARS_SIDE; x++) {
      float v = img[y * NN_BARS_SIDE + x];
      g_assert_true(v == 0.0f || v == 1.0f);
      gboolean inside = y >= y0 && y < y0 + h && x >= x0 && x < x0 + w;
      *(inside ? in : out) += v > 0;
    }
}

static void test_bars(void)
{
  nn_rng rng;
  nn_dataset train, val, again, again_val;
  nn_error err;
  nn_rng_seed(&rng, 9, 9);
  g_assert_true(nn_synth_bars(&rng, 10000, 1000, 0.9f, 0, &train, &val, &err));
  nn_rng_seed(&rng, 9, 9);
  g_assert_true(nn_synth_bars(&rng, 10000, 1000, 0.9f, 0, &again, &again_val, &err));
  g_assert_true(same_bytes(&train, &again));
  g_assert_true(same_bytes(&val, &again_val));
  g_assert_cmpint(train.n, ==, 10000);
  g_assert_cmpint(val.n, ==, 1000);
  g_assert_cmpint(train.x_ndim, ==, 3);
  g_assert_cmpint(train.x_shape[0], ==, 1);
  g_assert_cmpint(train.x_shape[1], ==, 11);
  g_assert_cmpint(train.x_shape[2], ==, 11);
  g_assert_cmpint(assert_binary(&train), ==, 5000);
  g_assert_cmpint(assert_binary(&val), ==, 500);
  /* Validation images are new draws, not copies of training images. */
  int copies = 0;
  for (int i = 0; i < 100; i++)
    copies +=
        memcmp(nn_dataset_sample(&val, i), nn_dataset_sample(&train, i), 121 * sizeof(float)) == 0;
  g_assert_cmpint(copies, <, 10);
  /* Centred bars: vertical rows 1–9 × columns 4–6; horizontal rows 4–6 × columns 1–9; each
   * pixel on with probability 0.9. */
  long on = 0;
  for (int i = 0; i < train.n; i++) {
    int in, out;
    gboolean horizontal = train.y_class[i];
    g_assert_cmpint(horizontal, ==, i % 2);
    count_pixels(nn_dataset_sample(&train, i), horizontal ? 4 : 1, horizontal ? 1 : 4,
                 horizontal ? 3 : 9, horizontal ? 9 : 3, &in, &out);
    g_assert_cmpint(out, ==, 0);
    on += in;
  }
  g_assert_cmpfloat(fabs(on / (27.0 * train.n) - 0.9), <, 0.01);

  /* Shifted bars stay inside the image and move. */
  nn_dataset moved, moved_val;
  g_assert_true(nn_synth_bars(&rng, 2000, 10, 1.0f, 3, &moved, &moved_val, &err));
  gboolean seen_x[NN_BARS_SIDE] = {FALSE};
  for (int i = 0; i < moved.n; i += 2) { /* vertical bars, every pixel on */
    const float *img = nn_dataset_sample(&moved, i);
    int left = NN_BARS_SIDE, count = 0;
    for (int p = 0; p < 121; p++)
      if (img[p] > 0) {
        left = MIN(left, p % NN_BARS_SIDE);
        count++;
      }
    g_assert_cmpint(count, ==, 27);
    g_assert_cmpint(left, >=, 1);
    g_assert_cmpint(left, <=, 7);
    seen_x[left] = TRUE;
  }
  for (int x = 1; x <= 7; x++)
    g_assert_true(seen_x[x]);
  nn_dataset *all[] = {&train, &val, &again, &again_val, &moved, &moved_val};
  for (guint i = 0; i < G_N_ELEMENTS(all); i++)
    nn_dataset_free(all[i]);
  g_assert_false(nn_synth_bars(&rng, 10, 10, 1.5f, 0, &again, &again_val, &err));
  g_assert_false(nn_synth_bars(&rng, 10, 10, 0.5f, -1, &again, &again_val, &err));
  g_assert_null(again.x);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/synth/threshold-line", test_threshold_line);
  g_test_add_func("/synth/softmax-line", test_softmax_line);
  g_test_add_func("/synth/bumps", test_bumps);
  g_test_add_func("/synth/grids-match-torch", test_grids_match_torch);
  g_test_add_func("/synth/xor", test_xor);
  g_test_add_func("/synth/spirals", test_spirals);
  g_test_add_func("/synth/dropout-classes", test_dropout_classes);
  g_test_add_func("/synth/dropout-regression", test_dropout_regression);
  g_test_add_func("/synth/polynomials", test_polynomials);
  g_test_add_func("/synth/line-images", test_line_images);
  g_test_add_func("/synth/bars", test_bars);
  return g_test_run();
}
