/* nn_conv_demo.h — what the convolution demonstrations (lessons 20–22) share: the lab's
 * kernels, one image at a time through the engine's own Conv2d (nn_ops.h) — so every number
 * a page shows is one a network computes — the digit they show, and snapshot items copied
 * from arrays. */
#ifndef NN_CONV_DEMO_H
#define NN_CONV_DEMO_H

#include "nn_lesson.h"
#include "../nn_ops.h"
#include "../nn_trainer.h"

/* The lab's edge kernels, 3×3 row-major: Gx = [[1, 0, −1], [2, 0, −2], [1, 0, −1]] (Sobel,
 * responds to vertical edges) and Gy = [[1, 2, 1], [0, 0, 0], [−1, −2, −1]] (horizontal). */
extern const float nn_demo_sobel_x[9];
extern const float nn_demo_sobel_y[9];

/* The geometry of a Conv2d (or MaxPool2d: C_out = C_in, pad 0) over one (C_in, H, W) image,
 * or a message when the window does not fit the padded image ("the 3×3 kernel does not fit
 * in the 2×2 image with padding 0"). `what` names the window: "kernel", "pool". */
bool nn_demo_geom(const char *what, int C_in, int H, int W, int C_out, int kernel, int stride,
                  int pad, nn_conv2d_geom *g, nn_error *err);

/* out (C_out, H_out, W_out) = Conv2d of one image in (C_in, H, W) with weight
 * (C_out, C_in, k, k) and bias (C_out) or NULL: nn_conv2d_forward with B = 1 and a workspace
 * of its own. false only when out of memory. */
bool nn_demo_conv2d(const float *in, const float *weight, const float *bias, float *out,
                    const nn_conv2d_geom *g, nn_error *err);

/* The first training image of the MNIST the job was given (nn_job_env), side × side (28, or
 * 16 resized), into img. The bundled set's first is a 3. */
bool nn_demo_digit(const nn_job *job, int side, float *img, nn_error *err);

/* Adds an item of this shape holding a copy of data (numel of the shape floats). */
void nn_demo_snap(nn_snapshot *s, const char *name, int ndim, const int *shape, const float *data);

#endif
