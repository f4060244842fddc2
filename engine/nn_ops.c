/* nn_ops.c — forward/backward pairs of the layers (see nn_ops.h for shapes and semantics);
 * Conv2d and MaxPool2d live in nn_conv.c. */
#include "nn_ops.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "nn_gemm.h"

float nn_sum(const float *restrict x, size_t n)
{
  float lane[16] = {0};
  size_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; j++)
      lane[j] += x[i + j];
  for (int j = 0; i < n; i++, j++)
    lane[j] += x[i];
  for (int w = 8; w > 0; w /= 2)
    for (int j = 0; j < w; j++)
      lane[j] += lane[j + w];
  return lane[0];
}

/* ---- Linear ---- */

/* out (B, O) = in (B, I) · weight (O, I)ᵀ + bias (O) */
void nn_linear_forward(const float *in, const float *weight, const float *bias, float *out, int B,
                       int I, int O)
{
  /* The bias goes in first and the product is added to it: fused, no second pass. */
  if (bias)
    for (int b = 0; b < B; b++)
      memcpy(out + (size_t) b * O, bias, sizeof(float) * (size_t) O);
  nn_sgemm(false, true, B, O, I, 1.0f, in, I, weight, I, bias ? 1.0f : 0.0f, out, O);
}

/* din (B, I) = dout (B, O) · weight (O, I); dweight (O, I) = doutᵀ · in; dbias (O) = Σ_b dout */
void nn_linear_backward(const float *in, const float *weight, const float *dout, float *din,
                        float *dweight, float *dbias, int B, int I, int O)
{
  if (din)
    nn_sgemm(false, false, B, I, O, 1.0f, dout, O, weight, I, 0.0f, din, I);
  if (dweight)
    nn_sgemm(true, false, O, I, B, 1.0f, dout, O, in, I, 0.0f, dweight, I);
  if (dbias) {
    memset(dbias, 0, sizeof(float) * (size_t) O);
    for (int b = 0; b < B; b++) {
      const float *restrict dout_b = dout + (size_t) b * O;
      for (int o = 0; o < O; o++)
        dbias[o] += dout_b[o];
    }
  }
}

/* ---- BatchNorm ---- */

/* Sums of a channel's B·S values in double, in LANES interleaved partial sums added pairwise
 * at the end: the order is fixed (so are the bits), and the lanes are independent additions the
 * compiler vectorises instead of one chain of dependent ones. */
#define LANES 8

static double lanes_total(double lane[LANES])
{
  for (int w = LANES / 2; w > 0; w /= 2)
    for (int j = 0; j < w; j++)
      lane[j] += lane[j + w];
  return lane[0];
}

/* Σ (x − shift) and Σ (x − shift)² over channel c of in (B, C, S). */
static void channel_sums(const float *in, int B, int C, int S, int c, double shift, double *sum,
                         double *sq)
{
  double s1[LANES] = {0}, s2[LANES] = {0};
  for (int b = 0; b < B; b++) {
    const float *restrict x = in + ((size_t) b * C + c) * S;
    int i = 0;
    for (; i + LANES <= S; i += LANES)
      for (int j = 0; j < LANES; j++) {
        double d = (double) x[i + j] - shift;
        s1[j] += d;
        s2[j] += d * d;
      }
    for (int j = 0; i < S; i++, j++) {
      double d = (double) x[i] - shift;
      s1[j] += d;
      s2[j] += d * d;
    }
  }
  *sum = lanes_total(s1);
  *sq = lanes_total(s2);
}

/* Per-channel mean and biased variance of in (B, C, S) in double, in two passes: the one-pass
 * Σx² − (Σx)² loses everything when the mean is large against the spread. */
static void channel_stats(const float *in, int B, int C, int S, int c, double *mean, double *var)
{
  const double n = (double) B * S;
  double sum, sq, unused;
  channel_sums(in, B, C, S, c, 0.0, &sum, &unused);
  double m = sum / n;
  channel_sums(in, B, C, S, c, m, &unused, &sq);
  *mean = m;
  *var = sq / n;
}

/* out (B, C, S) = (in − mean) · invstd · weight + bias, per channel c */
void nn_batchnorm_forward(const float *in, const float *weight, const float *bias, float *out,
                          float *mean, float *invstd, float *running_mean, float *running_var,
                          int64_t *num_batches_tracked, bool training, int B, int C, int S)
{
  const size_t n = (size_t) B * S;
  for (int c = 0; c < C; c++) {
    if (training) {
      double m, var;
      channel_stats(in, B, C, S, c, &m, &var);
      mean[c] = (float) m;
      invstd[c] = (float) (1.0 / sqrt(var + NN_BN_EPS));
      double unbiased = n > 1 ? var * (double) n / (double) (n - 1) : var;
      running_mean[c] = (float) (NN_BN_MOMENTUM * m + (1.0 - NN_BN_MOMENTUM) * running_mean[c]);
      running_var[c] =
          (float) (NN_BN_MOMENTUM * unbiased + (1.0 - NN_BN_MOMENTUM) * running_var[c]);
    } else {
      mean[c] = running_mean[c];
      invstd[c] = (float) (1.0 / sqrt((double) running_var[c] + NN_BN_EPS));
    }
    /* y = x·scale + shift with scale = invstd·weight, shift = bias − mean·scale. */
    float scale = invstd[c] * weight[c], shift = bias[c] - mean[c] * scale;
    for (int b = 0; b < B; b++) {
      const float *restrict x = in + ((size_t) b * C + c) * S;
      float *restrict y = out + ((size_t) b * C + c) * S;
      for (int i = 0; i < S; i++)
        y[i] = x[i] * scale + shift;
    }
  }
  if (training)
    (*num_batches_tracked)++;
}

/* With x̂ = (in − mean)·invstd: dbias = Σ dout, dweight = Σ dout·x̂; in training
 * din = weight·invstd·(dout − Σdout/n − x̂·Σ(dout·x̂)/n), in evaluation din = weight·invstd·dout */
void nn_batchnorm_backward(const float *in, const float *weight, const float *mean,
                           const float *invstd, const float *dout, float *din, float *dweight,
                           float *dbias, bool training, int B, int C, int S)
{
  const double n = (double) B * S;
  for (int c = 0; c < C; c++) {
    double s1[LANES] = {0}, s2[LANES] = {0}; /* Σ dout and Σ dout·(in − mean) */
    for (int b = 0; b < B; b++) {
      const float *restrict x = in + ((size_t) b * C + c) * S;
      const float *restrict dy = dout + ((size_t) b * C + c) * S;
      int i = 0;
      for (; i + LANES <= S; i += LANES)
        for (int j = 0; j < LANES; j++) {
          s1[j] += dy[i + j];
          s2[j] += (double) dy[i + j] * ((double) x[i + j] - mean[c]);
        }
      for (int j = 0; i < S; i++, j++) {
        s1[j] += dy[i];
        s2[j] += (double) dy[i] * ((double) x[i] - mean[c]);
      }
    }
    double sum = lanes_total(s1), dot = lanes_total(s2);
    if (dweight)
      dweight[c] = (float) (dot * invstd[c]);
    if (dbias)
      dbias[c] = (float) sum;
    if (!din)
      continue;
    const float scale = invstd[c] * weight[c];
    /* Training: the batch mean and variance depend on every input, which adds a shared term
     * and one along x̂ (as PyTorch's batch_norm_backward_cpu_template). */
    const float mean_dy = training ? (float) (sum / n) : 0.0f;
    const float proj = training ? (float) (dot / n * invstd[c] * invstd[c]) : 0.0f;
    for (int b = 0; b < B; b++) {
      const float *restrict x = in + ((size_t) b * C + c) * S;
      const float *restrict dy = dout + ((size_t) b * C + c) * S;
      float *restrict dx = din + ((size_t) b * C + c) * S;
      for (int i = 0; i < S; i++)
        dx[i] = (dy[i] - mean_dy - (x[i] - mean[c]) * proj) * scale;
    }
  }
}

/* ---- Dropout ---- */

void nn_dropout_mask(float *mask, size_t n, float p, nn_rng *rng)
{
  assert(p >= 0.0f && p <= 1.0f);
  if (p == 0.0f || p == 1.0f) {
    for (size_t i = 0; i < n; i++)
      mask[i] = p == 0.0f ? 1.0f : 0.0f;
    return;
  }
  /* Keep with probability 1 − p: u ∈ [0, 1) is ≥ p that often. */
  const float scale = 1.0f / (1.0f - p);
  for (size_t i = 0; i < n; i++)
    mask[i] = nn_rng_uniform(rng) >= p ? scale : 0.0f;
}

/* out (n) = in · mask */
void nn_dropout_forward(const float *restrict in, const float *restrict mask, float *restrict out,
                        size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] * mask[i];
}

/* din (n) = dout · mask */
void nn_dropout_backward(const float *restrict mask, const float *restrict dout,
                         float *restrict din, size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * mask[i];
}

/* ---- Activations ---- */

void nn_sigmoid_forward(const float *restrict in, float *restrict out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = 1.0f / (1.0f + expf(-in[i]));
}

/* din = dout · y·(1 − y), from the output y as PyTorch's sigmoid_backward */
void nn_sigmoid_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                         size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * (1.0f - out[i]) * out[i];
}

void nn_tanh_forward(const float *restrict in, float *restrict out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = tanhf(in[i]);
}

/* din = dout · (1 − y²) */
void nn_tanh_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                      size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * (1.0f - out[i] * out[i]);
}

/* NaN passes through (x < 0 is false for it), as torch.relu does. */
void nn_relu_forward(const float *restrict in, float *restrict out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] < 0.0f ? 0.0f : in[i];
}

/* PyTorch's threshold_backward: the gradient is cut where out ≤ 0. */
void nn_relu_backward(const float *restrict out, const float *restrict dout, float *restrict din,
                      size_t n)
{
  for (size_t i = 0; i < n; i++) {
    float g = dout[i]; /* loaded whatever the test, so the loop vectorises as a select */
    din[i] = out[i] <= 0.0f ? 0.0f : g;
  }
}
