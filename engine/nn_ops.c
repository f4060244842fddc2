/* nn_ops.c — forward/backward pairs of every layer (see nn_ops.h for shapes and semantics). */
#include "nn_ops.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "nn_gemm.h"

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

/* ---- Conv2d ---- */

nn_conv2d_geom nn_conv2d_geom_make(int C_in, int H, int W, int C_out, int kernel, int stride,
                                   int pad)
{
  assert(kernel >= 1 && stride >= 1 && pad >= 0);
  assert(kernel <= H + 2 * pad && kernel <= W + 2 * pad);
  return (nn_conv2d_geom){
      .C_in = C_in,
      .H = H,
      .W = W,
      .C_out = C_out,
      .kernel = kernel,
      .stride = stride,
      .pad = pad,
      .H_out = (H + 2 * pad - kernel) / stride + 1,
      .W_out = (W + 2 * pad - kernel) / stride + 1,
  };
}

static bool conv_is_pointwise(const nn_conv2d_geom *g)
{
  return g->kernel == 1 && g->stride == 1 && g->pad == 0;
}

size_t nn_conv2d_work_floats(const nn_conv2d_geom *g)
{
  if (conv_is_pointwise(g))
    return 0;
  return (size_t) g->C_in * g->kernel * g->kernel * g->H_out * g->W_out;
}

/* The output columns ox whose input column ix = ox·stride − pad + kx lies inside [0, W):
 * [*lo, *hi). Outside it the window reads padding. */
static void valid_range(int kx, int stride, int pad, int W, int W_out, int *lo, int *hi)
{
  int first = pad - kx; /* ox·stride ≥ first */
  *lo = first <= 0 ? 0 : (first + stride - 1) / stride;
  int last = W - 1 + pad - kx; /* ox·stride ≤ last */
  *hi = last < 0 ? 0 : NN_MIN(W_out, last / stride + 1);
  if (*lo > *hi)
    *lo = *hi;
}

/* col (C_in·k·k, H_out·W_out): row (c, ky, kx) holds, for every output pixel, the input pixel
 * under kernel tap (ky, kx) of channel c, or 0 in the padding. in is one sample (C_in, H, W). */
static void im2col(const float *restrict in, const nn_conv2d_geom *g, float *restrict col)
{
  const int k = g->kernel, s = g->stride, HW_out = g->H_out * g->W_out;
  for (int c = 0; c < g->C_in; c++) {
    const float *in_c = in + (size_t) c * g->H * g->W;
    for (int ky = 0; ky < k; ky++) {
      for (int kx = 0; kx < k; kx++) {
        float *row = col + ((size_t) (c * k + ky) * k + kx) * HW_out;
        int lo, hi;
        valid_range(kx, s, g->pad, g->W, g->W_out, &lo, &hi);
        for (int oy = 0; oy < g->H_out; oy++) {
          float *restrict dst = row + (size_t) oy * g->W_out;
          int iy = oy * s - g->pad + ky;
          if (iy < 0 || iy >= g->H) {
            memset(dst, 0, sizeof(float) * (size_t) g->W_out);
            continue;
          }
          const float *restrict src = in_c + (size_t) iy * g->W;
          const int shift = kx - g->pad; /* ix = ox·s + shift, ≥ 0 from lo on */
          for (int ox = 0; ox < lo; ox++)
            dst[ox] = 0.0f;
          for (int ox = lo; ox < hi; ox++)
            dst[ox] = src[ox * s + shift];
          for (int ox = hi; ox < g->W_out; ox++)
            dst[ox] = 0.0f;
        }
      }
    }
  }
}

/* The adjoint of im2col: din (C_in, H, W) = Σ over taps of dcol, padding dropped. */
static void col2im(const float *restrict dcol, const nn_conv2d_geom *g, float *restrict din)
{
  const int k = g->kernel, s = g->stride, HW_out = g->H_out * g->W_out;
  memset(din, 0, sizeof(float) * (size_t) g->C_in * g->H * g->W);
  for (int c = 0; c < g->C_in; c++) {
    float *din_c = din + (size_t) c * g->H * g->W;
    for (int ky = 0; ky < k; ky++) {
      for (int kx = 0; kx < k; kx++) {
        const float *row = dcol + ((size_t) (c * k + ky) * k + kx) * HW_out;
        int lo, hi;
        valid_range(kx, s, g->pad, g->W, g->W_out, &lo, &hi);
        for (int oy = 0; oy < g->H_out; oy++) {
          int iy = oy * s - g->pad + ky;
          if (iy < 0 || iy >= g->H)
            continue;
          const float *restrict src = row + (size_t) oy * g->W_out;
          float *restrict dst = din_c + (size_t) iy * g->W;
          const int shift = kx - g->pad;
          for (int ox = lo; ox < hi; ox++)
            dst[ox * s + shift] += src[ox];
        }
      }
    }
  }
}

/* out (B, C_out, H_out·W_out) = weight (C_out, C_in·k·k) · col (C_in·k·k, H_out·W_out) + bias,
 * one sample at a time so work stays the size of one sample's col */
void nn_conv2d_forward(const float *in, const float *weight, const float *bias, float *out, int B,
                       const nn_conv2d_geom *g, float *work)
{
  const int K = g->C_in * g->kernel * g->kernel, HW_out = g->H_out * g->W_out;
  const size_t in_numel = (size_t) g->C_in * g->H * g->W, out_numel = (size_t) g->C_out * HW_out;
  for (int b = 0; b < B; b++) {
    const float *in_b = in + (size_t) b * in_numel;
    float *out_b = out + (size_t) b * out_numel;
    const float *col = in_b; /* a 1×1 kernel reads the image as it is */
    if (!conv_is_pointwise(g)) {
      im2col(in_b, g, work);
      col = work;
    }
    if (bias)
      for (int co = 0; co < g->C_out; co++)
        for (int i = 0; i < HW_out; i++)
          out_b[(size_t) co * HW_out + i] = bias[co];
    nn_sgemm(false, false, g->C_out, HW_out, K, 1.0f, weight, K, col, HW_out, bias ? 1.0f : 0.0f,
             out_b, HW_out);
  }
}

/* dweight (C_out, C_in·k·k) = Σ_b dout_b · col_bᵀ; dbias (C_out) = Σ_b,pixels dout;
 * din_b = col2im(weightᵀ · dout_b) */
void nn_conv2d_backward(const float *in, const float *weight, const float *dout, float *din,
                        float *dweight, float *dbias, int B, const nn_conv2d_geom *g, float *work)
{
  const int K = g->C_in * g->kernel * g->kernel, HW_out = g->H_out * g->W_out;
  const size_t in_numel = (size_t) g->C_in * g->H * g->W, out_numel = (size_t) g->C_out * HW_out;
  if (dbias) {
    memset(dbias, 0, sizeof(float) * (size_t) g->C_out);
    for (int b = 0; b < B; b++)
      for (int co = 0; co < g->C_out; co++) {
        const float *restrict d = dout + (size_t) b * out_numel + (size_t) co * HW_out;
        float sum = 0.0f;
        for (int i = 0; i < HW_out; i++)
          sum += d[i];
        dbias[co] += sum;
      }
  }
  for (int b = 0; b < B; b++) {
    const float *in_b = in + (size_t) b * in_numel, *dout_b = dout + (size_t) b * out_numel;
    bool pointwise = conv_is_pointwise(g);
    if (dweight) {
      const float *col = in_b;
      if (!pointwise) {
        im2col(in_b, g, work);
        col = work;
      }
      nn_sgemm(false, true, g->C_out, K, HW_out, 1.0f, dout_b, HW_out, col, HW_out,
               b == 0 ? 0.0f : 1.0f, dweight, K);
    }
    if (din) {
      float *din_b = din + (size_t) b * in_numel;
      /* col is no longer needed: its buffer takes dcol. */
      float *dcol = pointwise ? din_b : work;
      nn_sgemm(true, false, K, HW_out, g->C_out, 1.0f, weight, K, dout_b, HW_out, 0.0f, dcol,
               HW_out);
      if (!pointwise)
        col2im(dcol, g, din_b);
    }
  }
}

/* ---- MaxPool2d ---- */

/* out (B, C, H_out, W_out) = max over k×k windows of in (B, C, H, W) */
void nn_maxpool2d_forward(const float *in, float *out, int32_t *argmax, int B,
                          const nn_conv2d_geom *g)
{
  assert(g->C_out == g->C_in && g->pad == 0);
  const int k = g->kernel, s = g->stride, planes = B * g->C_in;
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  for (int bc = 0; bc < planes; bc++) {
    const float *restrict in_p = in + (size_t) bc * HW;
    float *restrict out_p = out + (size_t) bc * HW_out;
    int32_t *restrict arg_p = argmax + (size_t) bc * HW_out;
    for (int oy = 0; oy < g->H_out; oy++) {
      for (int ox = 0; ox < g->W_out; ox++) {
        int best = oy * s * g->W + ox * s;
        float max = in_p[best];
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            int at = (oy * s + ky) * g->W + ox * s + kx;
            float v = in_p[at];
            /* PyTorch's test: strictly greater (first max wins), and NaN always replaces. */
            if (v > max || isnan(v)) {
              max = v;
              best = at;
            }
          }
        }
        out_p[oy * g->W_out + ox] = max;
        arg_p[oy * g->W_out + ox] = best;
      }
    }
  }
}

/* din (B, C, H, W) = dout (B, C, H_out, W_out) routed to each window's argmax */
void nn_maxpool2d_backward(const int32_t *argmax, const float *dout, float *din, int B,
                           const nn_conv2d_geom *g)
{
  const int planes = B * g->C_in;
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  memset(din, 0, sizeof(float) * HW * (size_t) planes);
  for (int bc = 0; bc < planes; bc++) {
    float *din_p = din + (size_t) bc * HW;
    const float *dout_p = dout + (size_t) bc * HW_out;
    const int32_t *arg_p = argmax + (size_t) bc * HW_out;
    for (size_t i = 0; i < HW_out; i++)
      din_p[arg_p[i]] += dout_p[i];
  }
}

/* ---- BatchNorm ---- */

/* Per-channel mean and biased variance of in (B, C, S), summed in double (two passes: the
 * one-pass Σx² − (Σx)² loses everything when the mean is large against the spread). */
static void channel_stats(const float *in, int B, int C, int S, int c, double *mean, double *var)
{
  const double n = (double) B * S;
  double sum = 0.0;
  for (int b = 0; b < B; b++) {
    const float *restrict x = in + ((size_t) b * C + c) * S;
    for (int i = 0; i < S; i++)
      sum += x[i];
  }
  double m = sum / n, sq = 0.0;
  for (int b = 0; b < B; b++) {
    const float *restrict x = in + ((size_t) b * C + c) * S;
    for (int i = 0; i < S; i++)
      sq += ((double) x[i] - m) * ((double) x[i] - m);
  }
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
    double sum = 0.0, dot = 0.0; /* Σ dout and Σ dout·(in − mean) */
    for (int b = 0; b < B; b++) {
      const float *restrict x = in + ((size_t) b * C + c) * S;
      const float *restrict dy = dout + ((size_t) b * C + c) * S;
      for (int i = 0; i < S; i++) {
        sum += dy[i];
        dot += (double) dy[i] * ((double) x[i] - mean[c]);
      }
    }
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
void nn_dropout_forward(const float *in, const float *mask, float *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] * mask[i];
}

/* din (n) = dout · mask */
void nn_dropout_backward(const float *mask, const float *dout, float *din, size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * mask[i];
}

/* ---- Activations ---- */

void nn_sigmoid_forward(const float *in, float *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = 1.0f / (1.0f + expf(-in[i]));
}

/* din = dout · y·(1 − y), from the output y as PyTorch's sigmoid_backward */
void nn_sigmoid_backward(const float *out, const float *dout, float *din, size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * (1.0f - out[i]) * out[i];
}

void nn_tanh_forward(const float *in, float *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = tanhf(in[i]);
}

/* din = dout · (1 − y²) */
void nn_tanh_backward(const float *out, const float *dout, float *din, size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = dout[i] * (1.0f - out[i] * out[i]);
}

/* NaN passes through (x < 0 is false for it), as torch.relu does. */
void nn_relu_forward(const float *in, float *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] = in[i] < 0.0f ? 0.0f : in[i];
}

/* PyTorch's threshold_backward: the gradient is cut where out ≤ 0. */
void nn_relu_backward(const float *out, const float *dout, float *din, size_t n)
{
  for (size_t i = 0; i < n; i++)
    din[i] = out[i] <= 0.0f ? 0.0f : dout[i];
}
