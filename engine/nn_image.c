#include "nn_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- bilinear resize (torch 1.13, align_corners=False) ---- */

typedef struct lerp_tap {
  int i0, i1;   /* the two source indices (equal at the last one) */
  float l0, l1; /* their weights */
} lerp_tap;

/* torch's compute_source_index_and_lambda: the scale is a float, the source coordinate a
 * double (the 0.5 terms are doubles), the weight rounded to float from it. */
static lerp_tap lerp_tap_at(int out_index, int in_size, int out_size)
{
  lerp_tap t;
  if (in_size == out_size) {
    t.i0 = t.i1 = out_index;
    t.l0 = 1.0f;
    t.l1 = 0.0f;
    return t;
  }
  float scale = (float) in_size / (float) out_size;
  double src = (double) scale * ((double) out_index + 0.5) - 0.5;
  if (src < 0)
    src = 0;
  t.i0 = NN_MIN((int) src, in_size - 1);
  t.i1 = t.i0 + (t.i0 < in_size - 1 ? 1 : 0);
  t.l1 = (float) (src - t.i0);
  t.l0 = 1.0f - t.l1;
  return t;
}

void nn_resize_bilinear(const float *restrict src, int sh, int sw, float *restrict dst, int dh,
                        int dw)
{
  for (int oy = 0; oy < dh; oy++) {
    lerp_tap ty = lerp_tap_at(oy, sh, dh);
    const float *row0 = src + (size_t) ty.i0 * sw, *row1 = src + (size_t) ty.i1 * sw;
    for (int ox = 0; ox < dw; ox++) {
      lerp_tap tx = lerp_tap_at(ox, sw, dw);
      /* Weights as float products, the sum in double: torch's channels-last kernel. */
      float w00 = ty.l0 * tx.l0, w01 = ty.l0 * tx.l1, w10 = ty.l1 * tx.l0, w11 = ty.l1 * tx.l1;
      double sum = (double) row0[tx.i0] * w00;
      sum += (double) row0[tx.i1] * w01;
      sum += (double) row1[tx.i0] * w10;
      sum += (double) row1[tx.i1] * w11;
      dst[(size_t) oy * dw + ox] = (float) sum;
    }
  }
}

/* ---- digit preprocessing (see nn_image.h for the recipe) ---- */

#define INK_CONTRAST  0.1f /* the strongest ink must differ from the paper by this */
#define INK_THRESHOLD 0.2f /* of the paper→ink range: below is paper */

typedef struct ink_levels {
  bool invert;
  float paper, peak;
} ink_levels;

static float clamp01(float v)
{
  return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f; /* NaN → 0 */
}

static int compare_floats(const void *a, const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;
  return (x > y) - (x < y);
}

/* The median of the outer ring of pixels. */
static bool border_median(const float *grey, int h, int w, float *median, nn_error *err)
{
  size_t n = h == 1 ? (size_t) w : w == 1 ? (size_t) h : 2 * (size_t) w + 2 * (size_t) h - 4;
  float *ring = nn_alloc(n, sizeof *ring, err);
  if (!ring)
    return false;
  size_t k = 0;
  for (int x = 0; x < w; x++) {
    ring[k++] = clamp01(grey[x]);
    if (h > 1)
      ring[k++] = clamp01(grey[(size_t) (h - 1) * w + x]);
  }
  for (int y = 1; y < h - 1; y++) {
    ring[k++] = clamp01(grey[(size_t) y * w]);
    if (w > 1)
      ring[k++] = clamp01(grey[(size_t) y * w + w - 1]);
  }
  qsort(ring, k, sizeof *ring, compare_floats);
  *median = k % 2 ? ring[k / 2] : 0.5f * (ring[k / 2 - 1] + ring[k / 2]);
  free(ring);
  return true;
}

/* The level of one pixel: 0 for paper, up to 1 for the strongest ink. */
static float ink_at(const ink_levels *lv, float v)
{
  v = clamp01(v);
  if (lv->invert)
    v = 1.0f - v;
  float level = (v - lv->paper) / (lv->peak - lv->paper);
  return level < INK_THRESHOLD ? 0.0f : clamp01(level);
}

static bool find_levels(const float *grey, int h, int w, ink_levels *lv, nn_error *err)
{
  float paper = 1.0f; /* no interior: assume light paper */
  if (h >= 3 && w >= 3 && !border_median(grey, h, w, &paper, err))
    return false;
  lv->invert = paper > 0.5f;
  lv->paper = lv->invert ? 1.0f - paper : paper;
  float peak = 0.0f;
  size_t n = (size_t) h * (size_t) w;
  for (size_t i = 0; i < n; i++) {
    float v = clamp01(grey[i]);
    peak = fmaxf(peak, lv->invert ? 1.0f - v : v);
  }
  lv->peak = peak;
  if (peak - lv->paper < INK_CONTRAST)
    return nn_fail(err, "nothing is drawn");
  return true;
}

static void ink_box(const float *grey, int h, int w, const ink_levels *lv, nn_digit_info *info)
{
  int x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (ink_at(lv, grey[(size_t) y * w + x]) > 0.0f) {
        x0 = NN_MIN(x0, x);
        x1 = NN_MAX(x1, x);
        y0 = NN_MIN(y0, y);
        y1 = NN_MAX(y1, y);
      }
  /* The peak pixel is ink (level 1 ≥ threshold), so the box is never empty. */
  info->box_x = x0;
  info->box_y = y0;
  info->box_w = x1 - x0 + 1;
  info->box_h = y1 - y0 + 1;
}

/* One axis of area averaging: output j covers input [j·n/m, (j+1)·n/m); `weights` gets, for
 * each output, its input span [first, last] and each input's share of the coverage. */
typedef struct area_span {
  int first, last;
} area_span;

static void area_weights(int n, int m, area_span *spans, double *share, int max_taps)
{
  double step = (double) n / m;
  for (int j = 0; j < m; j++) {
    double lo = j * step, hi = (j + 1) * step;
    int first = (int) floor(lo), last = NN_MIN((int) ceil(hi) - 1, n - 1);
    spans[j].first = first;
    spans[j].last = last;
    for (int i = first; i <= last; i++)
      share[(size_t) j * max_taps + (i - first)] = (fmin(hi, i + 1.0) - fmax(lo, i)) / step;
  }
}

/* The ink in the box (box_h, box_w) → fit (fit_h, fit_w), by area averaging: columns first
 * (box_h × fit_w doubles of scratch), then rows. */
static bool fit_box(const float *grey, int w, const ink_levels *lv, const nn_digit_info *info,
                    float *fit, nn_error *err)
{
  int bw = info->box_w, bh = info->box_h, fw = info->fit_w, fh = info->fit_h;
  int taps_x = bw / fw + 2, taps_y = bh / fh + 2;
  area_span *sx = nn_alloc((size_t) fw, sizeof *sx, err);
  area_span *sy = nn_alloc((size_t) fh, sizeof *sy, err);
  double *wx = nn_alloc((size_t) fw * taps_x, sizeof *wx, err);
  double *wy = nn_alloc((size_t) fh * taps_y, sizeof *wy, err);
  double *cols = nn_alloc((size_t) bh * fw, sizeof *cols, err);
  bool ok = sx && sy && wx && wy && cols;
  if (ok) {
    area_weights(bw, fw, sx, wx, taps_x);
    area_weights(bh, fh, sy, wy, taps_y);
    for (int y = 0; y < bh; y++) {
      const float *row = grey + (size_t) (info->box_y + y) * w + info->box_x;
      for (int j = 0; j < fw; j++) {
        double sum = 0;
        for (int i = sx[j].first; i <= sx[j].last; i++)
          sum += wx[(size_t) j * taps_x + (i - sx[j].first)] * ink_at(lv, row[i]);
        cols[(size_t) y * fw + j] = sum;
      }
    }
    for (int k = 0; k < fh; k++)
      for (int j = 0; j < fw; j++) {
        double sum = 0;
        for (int i = sy[k].first; i <= sy[k].last; i++)
          sum += wy[(size_t) k * taps_y + (i - sy[k].first)] * cols[(size_t) i * fw + j];
        fit[(size_t) k * fw + j] = (float) fmin(1.0, sum);
      }
  }
  free(sx);
  free(sy);
  free(wx);
  free(wy);
  free(cols);
  return ok;
}

/* The fitted image pasted into 28×28 with its centre of mass moved to (14, 14). */
static void paste_centred(const float *fit, nn_digit_info *info, float *out28)
{
  int fw = info->fit_w, fh = info->fit_h;
  double mass = 0, mx = 0, my = 0;
  for (int y = 0; y < fh; y++)
    for (int x = 0; x < fw; x++) {
      double v = fit[y * fw + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  double centre = NN_DIGIT_SIDE / 2;
  info->offset_x = (int) floor(centre - mx / mass + 0.5);
  info->offset_y = (int) floor(centre - my / mass + 0.5);
  memset(out28, 0, sizeof(float) * NN_DIGIT_SIDE * NN_DIGIT_SIDE);
  for (int y = 0; y < fh; y++)
    for (int x = 0; x < fw; x++) {
      int tx = x + info->offset_x, ty = y + info->offset_y;
      if (tx >= 0 && tx < NN_DIGIT_SIDE && ty >= 0 && ty < NN_DIGIT_SIDE)
        out28[ty * NN_DIGIT_SIDE + tx] = fit[y * fw + x];
    }
  mass = mx = my = 0;
  for (int y = 0; y < NN_DIGIT_SIDE; y++)
    for (int x = 0; x < NN_DIGIT_SIDE; x++) {
      double v = out28[y * NN_DIGIT_SIDE + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  info->centre_x = mass > 0 ? (float) (mx / mass) : NAN;
  info->centre_y = mass > 0 ? (float) (my / mass) : NAN;
}

bool nn_digit_prepare(const float *grey, int h, int w, int side, float *out, nn_digit_info *info,
                      nn_error *err)
{
  nn_digit_info local;
  if (!info)
    info = &local;
  memset(info, 0, sizeof *info);
  size_t pixels;
  if (h <= 0 || w <= 0 || side <= 0 || !nn_size_mul((size_t) h, (size_t) w, &pixels))
    return nn_fail(err, "digit: image of %d × %d pixels into side %d", h, w, side);
  ink_levels lv;
  if (!find_levels(grey, h, w, &lv, err))
    return false;
  info->inverted = lv.invert;
  info->paper = lv.paper;
  info->ink = lv.peak;
  ink_box(grey, h, w, &lv, info);
  /* The longer side becomes 20; the other keeps the ratio, at least one pixel. */
  double scale = (double) NN_DIGIT_BOX / NN_MAX(info->box_w, info->box_h);
  info->fit_w = NN_MAX(1, NN_MIN(NN_DIGIT_BOX, (int) lround(info->box_w * scale)));
  info->fit_h = NN_MAX(1, NN_MIN(NN_DIGIT_BOX, (int) lround(info->box_h * scale)));
  float fit[NN_DIGIT_BOX * NN_DIGIT_BOX];
  if (!fit_box(grey, w, &lv, info, fit, err))
    return false;
  float out28[NN_DIGIT_SIDE * NN_DIGIT_SIDE];
  paste_centred(fit, info, out28);
  if (side == NN_DIGIT_SIDE)
    memcpy(out, out28, sizeof out28);
  else
    nn_resize_bilinear(out28, NN_DIGIT_SIDE, NN_DIGIT_SIDE, out, side, side);
  return true;
}
