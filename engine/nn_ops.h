/* nn_ops.h — the layers, each a forward/backward pair on contiguous row-major float32 arrays.
 *
 * Shapes are in the comments: B batch, I/O features in/out, C channels, H×W pixels. Semantics
 * are PyTorch 1.13's (the detail matched is noted where it is not obvious).
 *
 * Memory: the caller owns every array; nothing here allocates. A forward pass writes `out`
 * and what its backward needs (argmax, batch statistics, dropout mask). A backward pass WRITES,
 * never accumulates, each gradient it is given: din, dweight and dbias may each be NULL to skip
 * that work (the first layer needs no din). Scratch memory for Conv2d comes from the caller,
 * sized by nn_conv2d_work_floats. Flatten has no op: it is the same memory seen as (B, C·H·W).
 */
#ifndef NN_OPS_H
#define NN_OPS_H

#include "nn_base.h"
#include "nn_rng.h"

/* Σ x[i] in a fixed order (16 interleaved partial sums, then added pairwise): vectorised, and
 * the same bits on every run. */
float nn_sum(const float *restrict x, size_t n);

/* Linear: out (B, O) = in (B, I) · weight (O, I)ᵀ + bias (O); bias may be NULL */
void nn_linear_forward(const float *in, const float *weight, const float *bias, float *out, int B,
                       int I, int O);
void nn_linear_backward(const float *in, const float *weight, const float *dout, float *din,
                        float *dweight, float *dbias, int B, int I, int O);

/* The geometry of one sample through a Conv2d or MaxPool2d window. */
typedef struct nn_conv2d_geom {
  int C_in, H, W;                 /* input (C_in, H, W) */
  int C_out, kernel, stride, pad; /* MaxPool2d: C_out = C_in, pad = 0 */
  int H_out, W_out;               /* ⌊(H + 2·pad − kernel) / stride⌋ + 1 */
} nn_conv2d_geom;

/* Fills H_out and W_out. The caller has checked that kernel ≤ H + 2·pad and W + 2·pad. */
nn_conv2d_geom nn_conv2d_geom_make(int C_in, int H, int W, int C_out, int kernel, int stride,
                                   int pad);

/* Conv2d (cross-correlation, as PyTorch): out (B, C_out, H_out, W_out) = in (B, C_in, H, W) ⋆
 * weight (C_out, C_in, k, k) + bias (C_out); bias may be NULL. Chunks of samples are copied into
 * zero-padded images in work and multiplied by the weight with nn_sgemm_gather, the im2col
 * matrix read in place (see nn_conv.c); backward does the same for dweight, and computes din as
 * the transposed convolution. Any stride and padding. */
void nn_conv2d_forward(const float *in, const float *weight, const float *bias, float *out, int B,
                       const nn_conv2d_geom *g, float *work);
void nn_conv2d_backward(const float *in, const float *weight, const float *dout, float *din,
                        float *dweight, float *dbias, int B, const nn_conv2d_geom *g, float *work);
/* Floats of work either pass needs, whatever B: padded images for a chunk of samples (about
 * 64K floats, or one sample if larger), offset tables, and the weight-sized dWᵀ / flipped
 * kernel. */
size_t nn_conv2d_work_floats(const nn_conv2d_geom *g);

/* MaxPool2d: out (B, C, H_out, W_out) = max over each k×k window of in (B, C, H, W); argmax (B, C,
 * H_out, W_out) keeps the winner's index in its H×W plane. On ties the first in row-major order
 * wins, and a NaN wins over numbers, as PyTorch's CPU kernel; backward sends each gradient to its
 * window's winner (overlapping windows add up). g->C_out must equal g->C_in. */
void nn_maxpool2d_forward(const float *in, float *out, int32_t *argmax, int B,
                          const nn_conv2d_geom *g);
void nn_maxpool2d_backward(const int32_t *argmax, const float *dout, float *din, int B,
                           const nn_conv2d_geom *g);

/* ReLU then MaxPool2d(2, stride 2), as two layers of a model often are, in one pass over the
 * data: relu_out = relu(in); out and argmax as nn_maxpool2d_forward(relu_out). Backward: din =
 * nn_relu_backward(relu_out, nn_maxpool2d_backward(argmax, dout)), each pixel written once,
 * from the pooling's out and argmax alone (a window's winner has the window's maximum as its
 * ReLU output; the other pixels get no gradient either way). The same bits as the two ops; g is
 * the pooling's geometry, fusable when nn_relu_maxpool2d_fusable(g) (2 × 2, stride 2, even H
 * and W). */
bool nn_relu_maxpool2d_fusable(const nn_conv2d_geom *g);
void nn_relu_maxpool2d_forward(const float *in, float *relu_out, float *out, int32_t *argmax,
                               int B, const nn_conv2d_geom *g);
void nn_relu_maxpool2d_backward(const float *out, const int32_t *argmax, const float *dout,
                                float *din, int B, const nn_conv2d_geom *g);

/* PyTorch's BatchNorm defaults (Python floats: the updates are computed in double). */
#define NN_BN_MOMENTUM 0.1
#define NN_BN_EPS      1e-5

/* BatchNorm: out (B, C, S) = (in − mean) · invstd · weight (C) + bias (C), statistics per channel
 * over the B·S values of each: BatchNorm1d on (B, F) is C = F, S = 1; BatchNorm2d on
 * (B, C, H, W) is S = H·W.
 * Training: mean and the biased variance of the batch, invstd = 1/√(var + eps); then
 * running = (1 − momentum)·running + momentum·batch, with the UNBIASED variance for running_var,
 * and num_batches_tracked + 1. Evaluation: running statistics, nothing updated. Either way
 * mean (C) and invstd (C) are written for backward. Statistics are summed in double, as PyTorch
 * does on the CPU. One value per channel in training (B·S = 1) is an error in PyTorch; here it
 * normalises to zero and running_var takes the biased variance (0) instead of dividing by 0. */
void nn_batchnorm_forward(const float *in, const float *weight, const float *bias, float *out,
                          float *mean, float *invstd, float *running_mean, float *running_var,
                          int64_t *num_batches_tracked, bool training, int B, int C, int S);
/* training must be what the forward pass used: in training the gradient also flows through the
 * batch statistics. */
void nn_batchnorm_backward(const float *in, const float *weight, const float *mean,
                           const float *invstd, const float *dout, float *din, float *dweight,
                           float *dbias, bool training, int B, int C, int S);

/* Dropout (training; evaluation is the identity): out = in · mask, mask (n) drawn by
 * nn_dropout_mask: 1/(1 − p) with probability 1 − p, else 0 (all 0 for p = 1, all 1 for p = 0,
 * drawing nothing then). As PyTorch, out = in·mask even where mask is 0 (NaN stays NaN). */
void nn_dropout_mask(float *mask, size_t n, float p, nn_rng *rng);
void nn_dropout_forward(const float *restrict in, const float *restrict mask, float *restrict out,
                        size_t n);
void nn_dropout_backward(const float *restrict mask, const float *restrict dout,
                         float *restrict din, size_t n);

/* Activations on n elements of any shape (no array may overlap another); backward reads the
 * forward's output. */
/* Sigmoid: out = 1 / (1 + e^−in) */
void nn_sigmoid_forward(const float *restrict in, float *restrict out, size_t n);
void nn_sigmoid_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                         size_t n);
/* Tanh: out = tanh(in) */
void nn_tanh_forward(const float *restrict in, float *restrict out, size_t n);
void nn_tanh_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                      size_t n);
/* ReLU: out = max(in, 0); the gradient is 0 where out ≤ 0 (so 0 at in = 0, as PyTorch) */
void nn_relu_forward(const float *restrict in, float *restrict out, size_t n);
void nn_relu_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                      size_t n);

#endif
