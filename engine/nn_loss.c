/* Losses with reduction='mean', forward and backward side by side, as torch.nn.functional.
 *
 * Sums are accumulated in double and the mean rounded once to float: PyTorch's own float sum
 * is blocked and vectorised, so no loop order reproduces it bit for bit; a double sum is at
 * least as close to the exact mean as PyTorch's. Element-wise gradients use PyTorch's formulas
 * in float so they match its backward kernels to rounding.
 */
#include "nn_loss.h"

#include <assert.h>
#include <math.h>

const char *nn_loss_name(nn_loss_kind kind)
{
  switch (kind) {
  case NN_LOSS_MSE:
    return "mse";
  case NN_LOSS_BCE:
    return "bce";
  case NN_LOSS_BCE_WITH_LOGITS:
    return "bce_with_logits";
  case NN_LOSS_CROSS_ENTROPY:
    return "cross_entropy";
  case NN_LOSS_KIND_COUNT:
    break;
  }
  assert(!"unknown loss kind");
  return "unknown";
}

/* MSE: loss = mean((x - y)²) over n = B·C elements; dx = 2 (x - y) / n. */
float nn_mse_forward(const float *x, const float *y, int n)
{
  assert(n > 0);
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double d = (double) x[i] - (double) y[i];
    sum += d * d;
  }
  return (float) (sum / n);
}

void nn_mse_backward(const float *x, const float *y, int n, float *dx)
{
  assert(n > 0);
  /* mse_loss_backward: norm = 2 / numel (in double, then float), then norm · (x − y). */
  const float norm = (float) (2.0 / n);
  for (int i = 0; i < n; i++)
    dx[i] = norm * (x[i] - y[i]);
}

/* BCE on probabilities p (n): loss = mean(−y·max(log p, −100) − (1−y)·max(log(1−p), −100)).
 * The clamp at −100 is PyTorch's: p = 0 with y = 1 costs exactly 100, not infinity. A p outside
 * [0, 1] (PyTorch raises) gives NaN here, which the trainer reports as divergence. */
float nn_bce_forward(const float *p, const float *y, int n)
{
  assert(n > 0);
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    /* PyTorch refuses a probability outside [0, 1] (an error); a NaN here must not hide
     * behind the clamp below (fmaxf(NaN, −100) is −100): it is a diverged model. */
    if (!(p[i] >= 0.0f && p[i] <= 1.0f))
      return NAN;
    float log_p = fmaxf(logf(p[i]), -100.0f);
    float log_1mp = fmaxf(logf(1.0f - p[i]), -100.0f);
    sum += (double) ((y[i] - 1.0f) * log_1mp - y[i] * log_p);
  }
  return (float) (sum / n);
}

void nn_bce_backward(const float *p, const float *y, int n, float *dp)
{
  assert(n > 0);
  /* binary_cross_entropy_backward: (p − y) / max((1 − p)·p, 1e-12), then divided by numel.
   * The floor keeps the gradient finite (1e12·(p − y)/n) where the clamped log is flat. */
  const float eps = 1e-12f;
  for (int i = 0; i < n; i++)
    dp[i] = (p[i] - y[i]) / fmaxf((1.0f - p[i]) * p[i], eps) / (float) n;
}

/* BCE with logits x (n): loss = mean(max(x, 0) − x·y + log(1 + e^−|x|)), which never
 * overflows; dx = (σ(x) − y) / n. */
float nn_bce_logits_forward(const float *x, const float *y, int n)
{
  assert(n > 0);
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    float xi = x[i];
    sum += (double) (fmaxf(xi, 0.0f) - xi * y[i] + log1pf(expf(-fabsf(xi))));
  }
  return (float) (sum / n);
}

/* σ(x) without overflow for large |x|. */
static float stable_sigmoid(float x)
{
  if (x >= 0.0f)
    return 1.0f / (1.0f + expf(-x));
  float e = expf(x);
  return e / (1.0f + e);
}

void nn_bce_logits_backward(const float *x, const float *y, int n, float *dx)
{
  assert(n > 0);
  for (int i = 0; i < n; i++)
    dx[i] = (stable_sigmoid(x[i]) - y[i]) / (float) n;
}

/* Cross-entropy: logits (B, C), class indices y (B) → mean over B of logsumexp(x_b) − x_b[y_b].
 * An index outside [0, C) is a programming error (the data set builds the labels), so it is an
 * assert, not a message: PyTorch raises "Target N is out of bounds" there. */
static double log_sum_exp(const float *row, int C)
{
  float max = row[0];
  for (int c = 1; c < C; c++)
    max = fmaxf(max, row[c]);
  double sum = 0.0;
  for (int c = 0; c < C; c++)
    sum += exp((double) row[c] - (double) max);
  return (double) max + log(sum);
}

float nn_cross_entropy_forward(const float *logits, const int32_t *y, int B, int C)
{
  assert(B > 0 && C > 0);
  double total = 0.0;
  for (int b = 0; b < B; b++) {
    const float *row = logits + (size_t) b * (size_t) C;
    assert(y[b] >= 0 && y[b] < C);
    total += log_sum_exp(row, C) - (double) row[y[b]];
  }
  return (float) (total / B);
}

/* dlogits (B, C) = (softmax(logits) − onehot(y)) / B. */
void nn_cross_entropy_backward(const float *logits, const int32_t *y, int B, int C, float *dlogits)
{
  assert(B > 0 && C > 0);
  nn_softmax(logits, B, C, dlogits);
  const float inv_b = 1.0f / (float) B;
  for (int b = 0; b < B; b++) {
    float *row = dlogits + (size_t) b * (size_t) C;
    assert(y[b] >= 0 && y[b] < C);
    row[y[b]] -= 1.0f;
    for (int c = 0; c < C; c++)
      row[c] *= inv_b;
  }
}

/* probs (B, C) = exp(x − max) / Σ exp(x − max): subtracting the row's maximum keeps logits
 * like 1000 finite. */
void nn_softmax(const float *logits, int B, int C, float *probs)
{
  assert(B >= 0 && C > 0);
  for (int b = 0; b < B; b++) {
    const float *row = logits + (size_t) b * (size_t) C;
    float *out = probs + (size_t) b * (size_t) C;
    float max = row[0];
    for (int c = 1; c < C; c++)
      max = fmaxf(max, row[c]);
    float sum = 0.0f;
    for (int c = 0; c < C; c++) {
      out[c] = expf(row[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < C; c++)
      out[c] /= sum;
  }
}

static int n_values(int B, int C)
{
  assert(B > 0 && C > 0 && B <= INT32_MAX / C);
  return B * C;
}

float nn_loss_forward(nn_loss_kind kind, const float *out, nn_target y, int B, int C)
{
  switch (kind) {
  case NN_LOSS_MSE:
    assert(y.values && !y.classes);
    return nn_mse_forward(out, y.values, n_values(B, C));
  case NN_LOSS_BCE:
    assert(y.values && !y.classes);
    return nn_bce_forward(out, y.values, n_values(B, C));
  case NN_LOSS_BCE_WITH_LOGITS:
    assert(y.values && !y.classes);
    return nn_bce_logits_forward(out, y.values, n_values(B, C));
  case NN_LOSS_CROSS_ENTROPY:
    assert(y.classes && !y.values);
    return nn_cross_entropy_forward(out, y.classes, B, C);
  case NN_LOSS_KIND_COUNT:
    break;
  }
  assert(!"unknown loss kind");
  return NAN;
}

void nn_loss_backward(nn_loss_kind kind, const float *out, nn_target y, int B, int C, float *dout)
{
  switch (kind) {
  case NN_LOSS_MSE:
    assert(y.values && !y.classes);
    nn_mse_backward(out, y.values, n_values(B, C), dout);
    return;
  case NN_LOSS_BCE:
    assert(y.values && !y.classes);
    nn_bce_backward(out, y.values, n_values(B, C), dout);
    return;
  case NN_LOSS_BCE_WITH_LOGITS:
    assert(y.values && !y.classes);
    nn_bce_logits_backward(out, y.values, n_values(B, C), dout);
    return;
  case NN_LOSS_CROSS_ENTROPY:
    assert(y.classes && !y.values);
    nn_cross_entropy_backward(out, y.classes, B, C, dout);
    return;
  case NN_LOSS_KIND_COUNT:
    break;
  }
  assert(!"unknown loss kind");
}
