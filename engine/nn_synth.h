/* nn_synth.h — the synthetic data of every lesson (DESIGN §2), generated from a seed.
 *
 * Each generator fills nn_dataset(s) it allocates (free them with nn_dataset_free; on failure
 * nothing is left to free). Random ones draw only from the nn_rng they are given, in a fixed
 * order, so the same generator state gives the same bytes on every machine. Where a lesson
 * compares training and validation, one call fills both from the same generator, validation
 * after training, so validation is always held-out data drawn separately.
 *
 * Shapes: one feature → x (1); two features → x (2); images → x (1, H, W).
 * Targets: binary sets fill y_value (0/1, y_dim 1) and y_class (n_classes 2); multi-class
 * sets y_class only; regression y_value only (n_classes 0).
 *
 * Grids follow the labs' torch calls bit for bit: nn_arange is torch.arange(start, end, step)
 * and nn_linspace torch.linspace(start, end, n), float32, as torch 1.13's CPU kernels compute
 * them (vectorised in blocks of 8 on AVX2: the rounding of each element depends on it).
 */
#ifndef NN_SYNTH_H
#define NN_SYNTH_H

#include "nn_dataset.h"
#include "nn_rng.h"

/* torch.arange(start, end, step): ceil((end − start)/step) values into out (room for
 * nn_arange_count). */
int nn_arange_count(double start, double end, double step);
void nn_arange(float *out, double start, double end, double step);
/* torch.linspace(start, end, n). */
void nn_linspace(float *out, float start, float end, int n);

/* Lessons 1–2: x = −1, −0.9, …, 0.9 (torch.arange(−1, 1, 0.1), 20 points); class 1 where
 * x > 0.2 (compared in float32 as torch does, so x = 0.2 itself is class 0: 7 positives). */
bool nn_synth_threshold_line(nn_dataset *train, nn_error *err);

/* Lesson 3: x = −2, −1.9, …, 1.9 (40 points); class 0 for x ≤ −1, 1 for −1 < x < 1, 2 for
 * x ≥ 1 (11, 19 and 10 points). */
bool nn_synth_softmax_line(nn_dataset *train, nn_error *err);

/* Lessons 5 and 15: x = −20, −19, …, 19 (40 points); class 1 for −4 < x < 4 (7 points). */
bool nn_synth_bump(nn_dataset *train, nn_error *err);

/* Lesson 6: 100 points torch.linspace(−20, 20, 100); class 1 on (−10, −5) and (5, 10). */
bool nn_synth_two_bumps(nn_dataset *train, nn_error *err);

/* Lesson 7: `per_corner` points at each corner of the unit square, in the order (0,0),
 * (0,1), (1,0), (1,1); class 1 where the coordinates differ; every coordinate gets the same
 * Gaussian noise N(0, sigma²) (sigma ≥ 0). The lab: 25 per corner, sigma ≈ 0.01–0.05. */
bool nn_synth_xor(nn_rng *rng, int per_corner, float sigma, nn_dataset *train, nn_error *err);

/* Lessons 12 and 18: `classes` interleaved spirals of `per_class` points (lab: 3 × 500). For
 * class j: r evenly over [0, 1], t evenly over [4j, 4j + 4] plus N(0, 0.2²), the point
 * (r sin t, r cos t) (computed in double, stored as float). */
bool nn_synth_spirals(nn_rng *rng, int classes, int per_class, nn_dataset *train, nn_error *err);

/* Lesson 13: points uniform in [0, 1]²; class 1 where
 * −1 + x₁ + 2x₂ + x₁x₂ − 3x₁² + x₂² > 0, decided before the noise; then each coordinate gets
 * N(0, σ²) noise: σ_train for training (lab ≈ 0.28: 0.2 added twice), σ_val for validation
 * (lab 0.15). The lab: 1,000 points each. */
bool nn_synth_dropout_classes(nn_rng *rng, int n_train, float sigma_train, int n_val,
                              float sigma_val, nn_dataset *train, nn_dataset *val, nn_error *err);
/* The clean decision function of lesson 13 (its zero set is the true boundary). */
float nn_synth_dropout_boundary(float x1, float x2);

/* Lesson 14: n points x = torch.linspace(−1, 1, n) (lab 40), y = x² + N(0, σ²) (lab σ = 1).
 * Validation has the same x with its own noise, as in the lab: other points than training's. */
bool nn_synth_dropout_regression(nn_rng *rng, int n, float sigma, nn_dataset *train,
                                 nn_dataset *val, nn_error *err);

/* Lesson 17: the two one-parameter losses and their derivatives.
 * cubic w³ (a saddle at 0); quartic 2w⁴ − 9w³ − 21w² + 88w + 48 (local minimum near 4,
 * global near −2). */
float nn_poly_cubic(float w);
float nn_poly_cubic_grad(float w);
float nn_poly_quartic(float w);
float nn_poly_quartic_grad(float w);

/* Lessons 20–22: small images, row-major, zeros but for a line of ones.
 * nn_synth_line_image: (h, w) with column `index` (vertical) or row `index` (horizontal) set to
 * 1; the lab's image is (5, 5), vertical, index 2. */
void nn_synth_line_image(float *img, int h, int w, bool vertical, int index);
/* Lesson 22's two-channel inputs, (2, 5, 5):
 * rows: channel 0 has row 2 = −2, channel 1 has row 2 = 1 (the Conv2d(2, 1, 3) example);
 * ones_dot: channel 0 all ones, channel 1 a single 1 at (2, 2) (the Conv2d(2, 3, 3) example). */
void nn_synth_two_channel_rows(float *img);
void nn_synth_two_channel_ones_dot(float *img);

/* Lesson 23: 11×11 images, class 0 a vertical 9×3 bar, class 1 a horizontal 3×9 bar, each bar
 * pixel on (1) with probability p_on (lab 0.9), the rest 0. Classes alternate (sample i has
 * class i % 2), so every prefix is balanced. max_shift 0 puts every bar at the centre (the
 * lab's default: vertical bar rows 1–9, columns 4–6; horizontal rows 4–6, columns 1–9);
 * max_shift k > 0 moves each bar by a uniform integer in [−k, k] along each axis, limited to
 * what keeps it inside the image. The lab: 10,000 training and 1,000 validation images. */
bool nn_synth_bars(nn_rng *rng, int n_train, int n_val, float p_on, int max_shift,
                   nn_dataset *train, nn_dataset *val, nn_error *err);

#define NN_BARS_SIDE 11

#endif
