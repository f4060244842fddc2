/* nn_optim.h — torch.optim.SGD and torch.optim.Adam over one contiguous parameter block.
 *
 * SGD (PyTorch 1.13, dampening 0, no Nesterov): g ← g + wd·p; v ← μ·v + g (v = g on the first
 * step); p ← p − lr·v. Adam: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − (lr/(1−β₁ᵗ)) ·
 * m / (√v/√(1−β₂ᵗ) + ε), in that order of operations so results match PyTorch's float32 to
 * rounding. The optimiser owns its state buffers.
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include "nn_base.h"

typedef enum nn_optim_kind { NN_OPTIM_SGD, NN_OPTIM_ADAM } nn_optim_kind;

typedef struct nn_optim_config {
  nn_optim_kind kind;
  float lr;
  float momentum;     /* SGD */
  float weight_decay; /* both (Adam: L2 added to the gradient, as torch.optim.Adam) */
  float beta1, beta2; /* Adam; 0 means the default 0.9, 0.999 */
  float eps;          /* Adam; 0 means the default 1e-8 */
} nn_optim_config;

typedef struct nn_optim {
  nn_optim_config config;
  size_t n;
  int64_t steps;
  float *buf1; /* SGD momentum buffer / Adam exp_avg */
  float *buf2; /* Adam exp_avg_sq */
} nn_optim;

/* "sgd" / "adam" and back. */
const char *nn_optim_name(nn_optim_kind kind);
bool nn_optim_parse(const char *name, nn_optim_kind *out);

bool nn_optim_init(nn_optim *opt, const nn_optim_config *config, size_t n, nn_error *err);
void nn_optim_free(nn_optim *opt);
/* Forgets the state (momentum, Adam moments, step count), as a new optimiser would. */
void nn_optim_reset(nn_optim *opt);
/* One update of params (n floats) from grads. */
void nn_optim_step(nn_optim *opt, float *params, const float *grads);

#endif
