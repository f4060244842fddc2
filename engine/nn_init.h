/* nn_init.h — initialisers, as torch.nn.init, all drawing from an explicit generator.
 *
 * Fans follow torch.nn.init._calculate_fan_in_and_fan_out: for a weight of shape (O, I, ...)
 * fan_in = I·receptive field, fan_out = O·receptive field.
 */
#ifndef NN_INIT_H
#define NN_INIT_H

#include "nn_model.h"

/* PyTorch's default for every Linear and Conv2d in order: weight kaiming_uniform_(a=√5), that
 * is U(±1/√fan_in), then bias U(±1/√fan_in); BatchNorm weight 1, bias 0, running stats reset. */
void nn_init_default(nn_model *m, nn_rng *rng);

/* Which initialiser a lesson wants for weights (biases keep PyTorch's default). */
typedef enum nn_init_kind {
  NN_INIT_DEFAULT,
  NN_INIT_XAVIER_UNIFORM,
  NN_INIT_XAVIER_NORMAL,
  NN_INIT_KAIMING_UNIFORM, /* He, fan_in, ReLU gain */
  NN_INIT_KAIMING_NORMAL,
  NN_INIT_UNIFORM01, /* U(0, 1) */
  NN_INIT_CONSTANT,  /* weights = value, biases = 0 */
} nn_init_kind;
/* Default init for everything, then re-draws every Linear/Conv2d weight with `kind`. For
 * NN_INIT_CONSTANT, weights become `value` and biases 0. */
void nn_init_model(nn_model *m, nn_init_kind kind, float value, nn_rng *rng);

int nn_init_fan_in(const nn_tensor *w);
int nn_init_fan_out(const nn_tensor *w);

void nn_init_uniform(nn_tensor *t, float lo, float hi, nn_rng *rng);
void nn_init_normal(nn_tensor *t, float mean, float std, nn_rng *rng);
void nn_init_constant(nn_tensor *t, float value);
void nn_init_xavier_uniform(nn_tensor *t, float gain, nn_rng *rng);
void nn_init_xavier_normal(nn_tensor *t, float gain, nn_rng *rng);
/* a: negative slope of the rectifier (PyTorch's `a`), gain √(2/(1+a²)), fan_in mode. */
void nn_init_kaiming_uniform(nn_tensor *t, float a, nn_rng *rng);
void nn_init_kaiming_normal(nn_tensor *t, float a, nn_rng *rng);

#endif
