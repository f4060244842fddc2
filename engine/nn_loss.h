/* nn_loss.h — losses as torch.nn.functional computes them with reduction='mean'.
 *
 * Each loss is a forward/backward pair. Forward returns the mean loss; backward writes
 * d(mean loss)/d(input) for the same arguments. Targets are class indices (int32, for
 * cross-entropy) or float values of the input's shape (MSE, BCE, BCE with logits).
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include "nn_base.h"

typedef enum nn_loss_kind {
  NN_LOSS_MSE,             /* mean((x - y)²) over all B·C elements */
  NN_LOSS_BCE,             /* on probabilities; log clamped at −100 like PyTorch */
  NN_LOSS_BCE_WITH_LOGITS, /* on logits, stable: max(x,0) − x·y + log(1 + e^−|x|) */
  NN_LOSS_CROSS_ENTROPY,   /* logits (B, C), class indices (B); log-sum-exp stable */
  NN_LOSS_KIND_COUNT
} nn_loss_kind;

/* The name used by `describe --json`: "mse", "bce", "bce_with_logits", "cross_entropy". */
const char *nn_loss_name(nn_loss_kind kind);

/* A target: exactly one of the two is set. */
typedef struct nn_target {
  const int32_t *classes; /* (B) for cross-entropy */
  const float *values;    /* (B, C) otherwise */
} nn_target;

/* Mean loss of `out` (B, C) against `y`. */
float nn_loss_forward(nn_loss_kind kind, const float *out, nn_target y, int B, int C);
/* d(mean loss)/d(out), written to dout (B, C). */
void nn_loss_backward(nn_loss_kind kind, const float *out, nn_target y, int B, int C,
                      float *dout);

float nn_mse_forward(const float *x, const float *y, int n);
void nn_mse_backward(const float *x, const float *y, int n, float *dx);
float nn_bce_forward(const float *p, const float *y, int n);
void nn_bce_backward(const float *p, const float *y, int n, float *dp);
float nn_bce_logits_forward(const float *x, const float *y, int n);
void nn_bce_logits_backward(const float *x, const float *y, int n, float *dx);
float nn_cross_entropy_forward(const float *logits, const int32_t *y, int B, int C);
void nn_cross_entropy_backward(const float *logits, const int32_t *y, int B, int C,
                               float *dlogits);

/* Softmax over the last dimension of (B, C), for display (probability bars). */
void nn_softmax(const float *logits, int B, int C, float *probs);

#endif
