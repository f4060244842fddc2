/* Tensor initialisers, as torch.nn.init, each drawing from an explicit generator in element
 * order. The draws themselves differ from PyTorch's (PCG32, not its Mersenne twister), the
 * distributions and their bounds do not. Model-level initialisation (nn_init_default,
 * nn_init_model) is in nn_init_model.c.
 */
#include "nn_init.h"

#include <assert.h>
#include <math.h>

/* Elements per output and input channel: 1 for a Linear weight (O, I), k·k for a Conv2d weight
 * (O, I, k, k). PyTorch refuses tensors of fewer than two dimensions; so does this assert. */
static int receptive_field(const nn_tensor *w)
{
  assert(w->ndim >= 2);
  int field = 1;
  for (int d = 2; d < w->ndim; d++)
    field *= w->shape[d];
  return field;
}

int nn_init_fan_in(const nn_tensor *w)
{
  return w->shape[1] * receptive_field(w);
}

int nn_init_fan_out(const nn_tensor *w)
{
  return w->shape[0] * receptive_field(w);
}

void nn_init_uniform(nn_tensor *t, float lo, float hi, nn_rng *rng)
{
  size_t n = nn_tensor_numel(t);
  for (size_t i = 0; i < n; i++)
    t->data[i] = nn_rng_range(rng, lo, hi);
}

void nn_init_normal(nn_tensor *t, float mean, float std, nn_rng *rng)
{
  size_t n = nn_tensor_numel(t);
  for (size_t i = 0; i < n; i++)
    t->data[i] = mean + std * nn_rng_normal(rng);
}

void nn_init_constant(nn_tensor *t, float value)
{
  size_t n = nn_tensor_numel(t);
  for (size_t i = 0; i < n; i++)
    t->data[i] = value;
}

/* Xavier (Glorot): std = gain·√(2 / (fan_in + fan_out)); the uniform bound is √3·std. */
static double xavier_std(const nn_tensor *t, float gain)
{
  return gain * sqrt(2.0 / (double) (nn_init_fan_in(t) + nn_init_fan_out(t)));
}

void nn_init_xavier_uniform(nn_tensor *t, float gain, nn_rng *rng)
{
  float bound = (float) (sqrt(3.0) * xavier_std(t, gain));
  nn_init_uniform(t, -bound, bound, rng);
}

void nn_init_xavier_normal(nn_tensor *t, float gain, nn_rng *rng)
{
  nn_init_normal(t, 0.0f, (float) xavier_std(t, gain), rng);
}

/* Kaiming (He), mode fan_in, leaky_relu gain √(2 / (1 + a²)): std = gain / √fan_in. With
 * a = √5 the uniform bound √3·std is 1/√fan_in, PyTorch's default for Linear and Conv2d. */
static double kaiming_std(const nn_tensor *t, float a)
{
  double gain = sqrt(2.0 / (1.0 + (double) a * (double) a));
  return gain / sqrt((double) nn_init_fan_in(t));
}

void nn_init_kaiming_uniform(nn_tensor *t, float a, nn_rng *rng)
{
  float bound = (float) (sqrt(3.0) * kaiming_std(t, a));
  nn_init_uniform(t, -bound, bound, rng);
}

void nn_init_kaiming_normal(nn_tensor *t, float a, nn_rng *rng)
{
  nn_init_normal(t, 0.0f, (float) kaiming_std(t, a), rng);
}
