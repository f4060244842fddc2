/* Bilinear resizing against hand-computed and torch-computed values; the digit preprocessing
 * of lesson 26 and `predict`. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_image.h"
#include "nn_mnist.h"

/* ---- resize ---- */

static void test_resize_hand_computed(void)
{
  /* 4×4 → 2×2: scale 2, source coordinates 0.5 and 2.5: each output is the mean of a 2×2
   * block. */
  float src[16], dst[4];
  for (int i = 0; i < 16; i++)
    src[i] = (float) i;
  nn_resize_bilinear(src, 4, 4, dst, 2, 2);
  const float down[4] = {2.5f, 4.5f, 10.5f, 12.5f};
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat(dst[i], ==, down[i]);

  /* 2×2 → 4×4: scale 0.5, source coordinates −0.25 (clamped to 0), 0.25, 0.75, 1.25 (past
   * the last pixel, which repeats): weights 0, 0.25, 0.75, 1 along each axis. A plane
   * 2·row + column is reproduced exactly. */
  const float corners[4] = {0, 1, 2, 3};
  float up[16];
  nn_resize_bilinear(corners, 2, 2, up, 4, 4);
  const float t[4] = {0.0f, 0.25f, 0.75f, 1.0f};
  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      g_assert_cmpfloat(up[y * 4 + x], ==, 2 * t[y] + t[x]);

  /* Same size: a copy. 1×1 → 3×2: the pixel everywhere. */
  float same[16];
  nn_resize_bilinear(src, 4, 4, same, 4, 4);
  g_assert_cmpmem(same, sizeof same, src, sizeof src);
  float one = 0.375f, six[6];
  nn_resize_bilinear(&one, 1, 1, six, 3, 2);
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat(six[i], ==, 0.375f);
}

/* The 6×5 image (i·7 mod 11)/10 through torch 1.13:
 *   F.interpolate(x[None, None], size=…, mode='bilinear', align_corners=False)
 * Compared bit for bit: the rounding of torch's single-channel kernel is reproduced. */
static const float torch_6x5_to_4x3[12] = {
    0x1.222220p-2f, 0x1.666668p-2f, 0x1.622222p-1f, 0x1.3bbbbcp-2f, 0x1.4cccccp-1f, 0x1.6eeeeep-1f,
    0x1.08888ap-1f, 0x1.599998p-1f, 0x1.222224p-2f, 0x1.a22222p-1f, 0x1.333336p-3f, 0x1.2aaaacp-1f,
};
static const float torch_6x5_to_7x9[63] = {
    0x0.0p+0f,      0x1.dddde2p-3f, 0x1.3e93eap-1f, 0x1.0b60b4p-1f, 0x1.33333ap-2f, 0x1.60b60ep-1f,
    0x1.e93e92p-1f, 0x1.777776p-1f, 0x1.333334p-1f, 0x1.41d41ep-3f, 0x1.8fd8fep-2f, 0x1.8f08f0p-1f,
    0x1.5bd5bcp-1f, 0x1.d41d40p-2f, 0x1.76a76ap-2f, 0x1.60b612p-2f, 0x1.346b4ap-1f, 0x1.83a83ap-1f,
    0x1.507508p-2f, 0x1.4e04e0p-2f, 0x1.49f49cp-2f, 0x1.d4ed4ep-2f, 0x1.41d41cp-1f, 0x1.a019fep-2f,
    0x1.39b3a4p-2f, 0x1.63f644p-1f, 0x1.db6db8p-1f, 0x1.000000p-1f, 0x1.777778p-2f, 0x1.27d27ap-3f,
    0x1.a4fa54p-2f, 0x1.999998p-1f, 0x1.27d27cp-1f, 0x1.aaaaacp-2f, 0x1.000002p-1f, 0x1.19999ap-1f,
    0x1.57c57cp-1f, 0x1.138138p-1f, 0x1.437436p-2f, 0x1.a1ba1cp-2f, 0x1.283a82p-1f, 0x1.263262p-1f,
    0x1.0dd0dap-1f, 0x1.38137cp-2f, 0x1.5f15f2p-3f, 0x1.af8afap-1f, 0x1.6b46b6p-1f, 0x1.f2ff30p-2f,
    0x1.0f70f6p-2f, 0x1.5f1624p-5f, 0x1.ba1baap-2f, 0x1.659658p-1f, 0x1.e79e76p-2f, 0x1.5f15f4p-2f,
    0x1.000000p+0f, 0x1.bbbbbap-1f, 0x1.49f49ep-1f, 0x1.b05b04p-2f, 0x1.9999a4p-3f, 0x1.2d82dap-1f,
    0x1.b60b5cp-1f, 0x1.444440p-1f, 0x1.000000p-1f,
};
/* The 28×28 image ((3x + 5y) mod 17)/16 → 16×16, row 7 and column 11. */
static const float torch_28_to_16_row7[16] = {
    0x1.288p-1f, 0x1.c5p-2f,  0x1.bp-2f,  0x1.8p-1f, 0x1.a8p-2f, 0x1.6p-2f,
    0x1.58p-1f,  0x1.2b8p-1f, 0x1.1p-2f,  0x1.3p-1f, 0x1.5dp-2f, 0x1.59p-2f,
    0x1.08p-1f,  0x1.858p-1f, 0x1.04p-1f, 0x1.cp-2f,
};
static const float torch_28_to_16_col11[16] = {
    0x1.38p-1f, 0x1.c5p-2f, 0x1.48p-1f, 0x1.19p-2f, 0x1.58p-1f,  0x1.4p-3f, 0x1.68p-1f, 0x1.59p-2f,
    0x1.78p-1f, 0x1.cp-3f,  0x1.88p-1f, 0x1.99p-2f, 0x1.188p-1f, 0x1.2p-2f, 0x1.a8p-1f, 0x1.4p-2f,
};

static void test_resize_matches_torch(void)
{
  float src[30];
  for (int i = 0; i < 30; i++)
    src[i] = (float) (i * 7 % 11) / 10.0f;
  float a[12], b[63];
  nn_resize_bilinear(src, 6, 5, a, 4, 3);
  nn_resize_bilinear(src, 6, 5, b, 7, 9);
  for (int i = 0; i < 12; i++)
    g_assert_cmpfloat(a[i], ==, torch_6x5_to_4x3[i]);
  for (int i = 0; i < 63; i++)
    g_assert_cmpfloat(b[i], ==, torch_6x5_to_7x9[i]);

  float big[28 * 28], small[16 * 16];
  for (int y = 0; y < 28; y++)
    for (int x = 0; x < 28; x++)
      big[y * 28 + x] = (float) ((3 * x + 5 * y) % 17) / 16.0f;
  nn_resize_bilinear(big, 28, 28, small, 16, 16);
  for (int i = 0; i < 16; i++) {
    g_assert_cmpfloat(small[7 * 16 + i], ==, torch_28_to_16_row7[i]);
    g_assert_cmpfloat(small[i * 16 + 11], ==, torch_28_to_16_col11[i]);
  }
}

/* ---- digit preprocessing ---- */

/* Ink mass, centre of mass and bounding box of a 28×28 result. */
typedef struct shape_stats {
  double mass, cx, cy;
  int x0, y0, x1, y1;
} shape_stats;

static shape_stats measure(const float *img, int side)
{
  shape_stats s = {0, 0, 0, side, side, -1, -1};
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++) {
      float v = img[y * side + x];
      g_assert_true(v >= 0.0f && v <= 1.0f);
      if (v <= 0.0f)
        continue;
      s.mass += v;
      s.cx += v * x;
      s.cy += v * y;
      s.x0 = MIN(s.x0, x);
      s.x1 = MAX(s.x1, x);
      s.y0 = MIN(s.y0, y);
      s.y1 = MAX(s.y1, y);
    }
  s.cx /= s.mass;
  s.cy /= s.mass;
  return s;
}

static void assert_centred(const float *out28)
{
  shape_stats s = measure(out28, 28);
  g_assert_cmpfloat(s.mass, >, 0);
  /* Half a pixel at most: the shift is whole pixels (a symmetric even-sized shape sits on a
   * tie, exactly 0.5 off, up to the float rounding of its pixels). */
  g_assert_cmpfloat(fabs(s.cx - 14.0), <=, 0.5 + 1e-6);
  g_assert_cmpfloat(fabs(s.cy - 14.0), <=, 0.5 + 1e-6);
  g_assert_cmpint(s.x1 - s.x0 + 1, <=, 20);
  g_assert_cmpint(s.y1 - s.y0 + 1, <=, 20);
}

/* A canvas of `paper` with `ink` where the predicate says so. */
static float *canvas(int h, int w, float paper, float ink,
                     gboolean (*inked)(int x, int y, gpointer data), gpointer data)
{
  float *img = g_new(float, (gsize) h *w);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      img[(gsize) y * w + x] = inked(x, y, data) ? ink : paper;
  return img;
}

static gboolean thick_vertical(int x, int y, gpointer data)
{
  return x >= 45 && x < 55 && y >= 10 && y < 90;
}

static gboolean ring(int x, int y, gpointer data)
{
  double r = hypot(x - 60.5, y - 40.5);
  return r >= 20 && r <= 28;
}

static void test_digit_thick_line(void)
{
  /* Black ink on white paper: inverted; the 10 × 80 box fits as 3 × 20 (2.5 rounds up). */
  float *img = canvas(100, 100, 1.0f, 0.0f, thick_vertical, NULL);
  float out[28 * 28];
  nn_digit_info info;
  nn_error err;
  g_assert_true(nn_digit_prepare(img, 100, 100, 28, out, &info, &err));
  g_assert_true(info.inverted);
  g_assert_cmpint(info.box_x, ==, 45);
  g_assert_cmpint(info.box_y, ==, 10);
  g_assert_cmpint(info.box_w, ==, 10);
  g_assert_cmpint(info.box_h, ==, 80);
  g_assert_cmpint(info.fit_w, ==, 3);
  g_assert_cmpint(info.fit_h, ==, 20);
  assert_centred(out);
  g_assert_cmpfloat(fabsf(info.centre_x - 14.0f), <=, 0.5f + 1e-6f);
  shape_stats s = measure(out, 28);
  g_assert_cmpint(s.y1 - s.y0 + 1, ==, 20);
  g_assert_cmpint(s.x1 - s.x0 + 1, ==, 3);
  g_free(img);
}

static void test_digit_ring_either_polarity(void)
{
  /* Light on dark (as MNIST) and dark on light give the same digit. */
  float *light = canvas(90, 120, 0.0f, 1.0f, ring, NULL);
  float *dark = canvas(90, 120, 1.0f, 0.0f, ring, NULL);
  float a[28 * 28], b[28 * 28];
  nn_digit_info ia, ib;
  nn_error err;
  g_assert_true(nn_digit_prepare(light, 90, 120, 28, a, &ia, &err));
  g_assert_true(nn_digit_prepare(dark, 90, 120, 28, b, &ib, &err));
  g_assert_false(ia.inverted);
  g_assert_true(ib.inverted);
  g_assert_cmpint(ia.box_w, ==, 56); /* |x − 60.5| ≤ 28: columns 33..88 */
  g_assert_cmpint(ia.fit_w, ==, 20);
  g_assert_cmpint(ia.fit_h, ==, 20);
  g_assert_cmpmem(a, sizeof a, b, sizeof b);
  assert_centred(a);
  /* The hole stays empty: the centre pixel is paper. */
  g_assert_cmpfloat(a[14 * 28 + 14], ==, 0.0f);

  /* Grey paper and grey ink (a photographed page): levels stretched to 0..1. */
  float *photo = canvas(90, 120, 0.8f, 0.3f, ring, NULL);
  float c[28 * 28];
  g_assert_true(nn_digit_prepare(photo, 90, 120, 28, c, NULL, &err));
  for (int i = 0; i < 28 * 28; i++)
    g_assert_cmpfloat(fabsf(c[i] - a[i]), <, 1e-5f);
  g_free(light);
  g_free(dark);
  g_free(photo);
}

static void test_digit_nothing_drawn(void)
{
  const float levels[] = {0.0f, 1.0f, 0.5f};
  float img[50 * 40], out[28 * 28];
  nn_error err;
  for (guint k = 0; k < G_N_ELEMENTS(levels); k++) {
    for (int i = 0; i < 50 * 40; i++)
      img[i] = levels[k];
    memset(&err, 0, sizeof err);
    g_assert_false(nn_digit_prepare(img, 50, 40, 28, out, NULL, &err));
    g_assert_cmpstr(err.message, ==, "nothing is drawn");
  }
  /* A faint smudge (5% of full scale) is not a drawing. */
  img[20 * 40 + 20] = 0.55f;
  g_assert_false(nn_digit_prepare(img, 50, 40, 28, out, NULL, &err));
  g_assert_cmpstr(err.message, ==, "nothing is drawn");
  g_assert_false(nn_digit_prepare(img, 0, 40, 28, out, NULL, &err));
  g_assert_false(nn_digit_prepare(img, 50, -1, 28, out, NULL, &err));
}

static void test_digit_tiny_and_odd_images(void)
{
  nn_error err;
  float out[28 * 28];
  /* 1×1: no border to judge by, so paper is light; a dark pixel is a dot filling the box. */
  float dot = 0.0f, white = 1.0f;
  nn_digit_info info;
  g_assert_true(nn_digit_prepare(&dot, 1, 1, 28, out, &info, &err));
  g_assert_cmpint(info.fit_w, ==, 20);
  g_assert_cmpint(info.fit_h, ==, 20);
  assert_centred(out);
  g_assert_cmpfloat(out[14 * 28 + 14], ==, 1.0f);
  g_assert_false(nn_digit_prepare(&white, 1, 1, 28, out, NULL, &err));
  g_assert_cmpstr(err.message, ==, "nothing is drawn");

  /* One row, one column, values outside [0, 1] and NaN: clamped, never a crash. */
  float row[7] = {1, 1, 0, NAN, 0, 1, 1}, col[5] = {-3, 1, 0, 5, 0};
  g_assert_true(nn_digit_prepare(row, 1, 7, 28, out, NULL, &err));
  assert_centred(out);
  g_assert_true(nn_digit_prepare(col, 5, 1, 28, out, NULL, &err));
  assert_centred(out);

  /* A one-pixel line on a large canvas survives the 100× reduction as grey. */
  int h = 2000, w = 1500;
  float *big = g_new(float, (gsize) h *w);
  for (gsize i = 0; i < (gsize) h * w; i++)
    big[i] = 0.0f;
  for (int y = 100; y < 1900; y++)
    big[(gsize) y * w + 700 + (y / 200)] = 1.0f;
  g_assert_true(nn_digit_prepare(big, h, w, 28, out, &info, &err));
  g_assert_cmpint(info.box_h, ==, 1800);
  assert_centred(out);
  g_free(big);
}

static void test_digit_16(void)
{
  float *img = canvas(90, 120, 0.0f, 1.0f, ring, NULL);
  float out28[28 * 28], out16[16 * 16], expected[16 * 16];
  nn_error err;
  g_assert_true(nn_digit_prepare(img, 90, 120, 28, out28, NULL, &err));
  g_assert_true(nn_digit_prepare(img, 90, 120, 16, out16, NULL, &err));
  nn_resize_bilinear(out28, 28, 28, expected, 16, 16);
  g_assert_cmpmem(out16, sizeof out16, expected, sizeof expected);
  g_free(img);
}

/* MNIST's digits already follow the recipe: preparing one gives it back almost unchanged. */
static void test_digit_mnist_round_trip(void)
{
  const char *dir = g_test_get_filename(G_TEST_DIST, "..", "resources", "data", NULL);
  char *images = g_build_filename(dir, "mnist-10k-images-idx3-ubyte.gz", NULL);
  char *labels = g_build_filename(dir, "mnist-10k-labels-idx1-ubyte.gz", NULL);
  char *di, *dl;
  gsize ni, nl;
  g_assert_true(g_file_get_contents(images, &di, &ni, NULL));
  g_assert_true(g_file_get_contents(labels, &dl, &nl, NULL));
  nn_mnist m;
  nn_error err;
  g_assert_true(nn_mnist_load_memory(&m, "bundled", di, ni, dl, nl, 8000, 28, NN_MNIST_AUTO, &err));
  double total = 0;
  int unchanged_place = 0;
  const int n = 500;
  for (int i = 0; i < n; i++) {
    const float *digit = nn_dataset_sample(&m.train, i);
    float out[28 * 28];
    nn_digit_info info;
    g_assert_true(nn_digit_prepare(digit, 28, 28, 28, out, &info, &err));
    g_assert_false(info.inverted);
    assert_centred(out);
    double diff = 0;
    for (int p = 0; p < 28 * 28; p++)
      diff += fabs(out[p] - digit[p]);
    total += diff / (28 * 28);
    unchanged_place += info.offset_x == info.box_x && info.offset_y == info.box_y;
  }
  g_test_message("MNIST through the recipe: mean |difference| %.4f, %d of %d in place", total / n,
                 unchanged_place, n);
  g_assert_cmpfloat(total / n, <, 0.01);
  g_assert_cmpint(unchanged_place, >, n * 8 / 10);
  nn_mnist_free(&m);
  g_free(di);
  g_free(dl);
  g_free(images);
  g_free(labels);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/resize/hand-computed", test_resize_hand_computed);
  g_test_add_func("/resize/matches-torch", test_resize_matches_torch);
  g_test_add_func("/digit/thick-line", test_digit_thick_line);
  g_test_add_func("/digit/ring-either-polarity", test_digit_ring_either_polarity);
  g_test_add_func("/digit/nothing-drawn", test_digit_nothing_drawn);
  g_test_add_func("/digit/tiny-and-odd-images", test_digit_tiny_and_odd_images);
  g_test_add_func("/digit/side-16", test_digit_16);
  g_test_add_func("/digit/mnist-round-trip", test_digit_mnist_round_trip);
  return g_test_run();
}
