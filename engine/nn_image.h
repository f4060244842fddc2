/* nn_image.h — grey images as row-major floats: bilinear resizing, and turning a drawing into
 * an MNIST-like digit.
 *
 * nn_resize_bilinear is torch.nn.functional.interpolate(x, size=(dh, dw), mode='bilinear',
 * align_corners=False) (antialias off) for a single-channel image, bit for bit with torch 1.13:
 * the weights are floats computed from a double source coordinate, the four weighted pixels
 * are summed in double and rounded once, as torch's kernel does for C = 1 (a (N, 1, H, W)
 * tensor is also "channels last", and torch takes that kernel).
 *
 * nn_digit_prepare is the preprocessing of lesson 26's canvas and of `predict`. The recipe of
 * MNIST itself (LeCun et al.: "size normalized to fit in a 20x20 pixel box while preserving
 * their aspect ratio … centered in a 28x28 image by computing the center of mass"):
 *   1. Values are clamped to [0, 1] (NaN → 0).
 *   2. Paper or ink? The paper is the median of the border pixels (the outer ring). If it is
 *      above 0.5 the drawing is dark ink on light paper and is inverted, so ink is high, as in
 *      MNIST. An image with no interior (a side under 3) has no border to judge by: its paper
 *      is taken to be light (dark ink), the common case of scans and drawing programs.
 *   3. Levels: the paper level maps to 0, the strongest ink to 1. If the strongest ink is
 *      within 0.1 of the paper, nothing is drawn and the call fails ("nothing is drawn").
 *      Pixels below 0.2 of that range are paper (specks, scanner noise, faint antialiasing)
 *      and become 0; the others keep their level.
 *   4. Crop to the bounding box of the ink (pixels ≥ 0.2), so the crop loses no ink.
 *   5. Fit into 20×20 keeping the aspect ratio (the longer side becomes 20), by area
 *      averaging: each output pixel is the mean of the input area it covers. Averaging is what
 *      gives MNIST its grey stroke edges (its digits were bilevel scans reduced with
 *      antialiasing); bilinear sampling would read only 4 input pixels per output and lose or
 *      break thin strokes when a 300-pixel canvas shrinks to 20.
 *   6. Paste into 28×28 so that the centre of mass lands on (14, 14) in pixel-index
 *      coordinates (row and column of the mass-weighted mean index), shifting by the rounded
 *      difference: exactly where MNIST's own digits have it (their mean centre of mass in
 *      these coordinates is (14.00, 14.00), every digit within half a pixel). A shape so
 *      lopsided that the shift pushes part of it past the edge is clipped there.
 * Output side 16 is that 28×28 result resized with nn_resize_bilinear, as lessons 24–25's
 * data is made from MNIST.
 */
#ifndef NN_IMAGE_H
#define NN_IMAGE_H

#include "nn_base.h"

/* dst (dh, dw) ← src (sh, sw); all sizes ≥ 1. src and dst must not overlap. */
void nn_resize_bilinear(const float *restrict src, int sh, int sw, float *restrict dst, int dh,
                        int dw);

#define NN_DIGIT_SIDE 28
#define NN_DIGIT_BOX  20

/* What nn_digit_prepare did, for pictures of the steps (lesson 26). */
typedef struct nn_digit_info {
  bool inverted;    /* dark ink on light paper was turned around */
  float paper, ink; /* the paper level and the strongest ink (after inversion) */
  int box_x, box_y; /* the ink's bounding box in the input */
  int box_w, box_h;
  int fit_w, fit_h; /* the box scaled into 20×20 */
  int offset_x;     /* where the fitted image's top-left went in 28×28 */
  int offset_y;
  float centre_x; /* the centre of mass in the 28×28 result */
  float centre_y;
} nn_digit_info;

/* grey (h, w) in [0, 1] → out (side, side): side 28, or any other side as the 28×28 result
 * resized bilinearly (16 for lessons 24–25). `info` may be NULL. Fails with a message when
 * nothing is drawn or the sizes are not positive. */
bool nn_digit_prepare(const float *grey, int h, int w, int side, float *out, nn_digit_info *info,
                      nn_error *err);

#endif
