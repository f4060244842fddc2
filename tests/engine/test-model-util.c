/* Helpers shared by the model tests (see test-model-util.h). */
#include "test-model-util.h"

#include <glib.h>
#include <math.h>

nn_model *test_new_model(int in_ndim, const int *in_shape, const nn_layer_spec *layers, int n)
{
  nn_error err = {{0}};
  nn_model *m = nn_model_new(in_ndim, in_shape, layers, n, &err);
  if (!m)
    g_error("nn_model_new: %s", err.message);
  return m;
}

/* A CNN with everything: batch norm of both kinds, dropout, a conv without bias, Flatten. */
nn_model *test_new_cnn(void)
{
  nn_layer_spec layers[] = {
      NN_LAYER_CONV(16, 5, 1, 2),
      NN_LAYER_BN2D,
      NN_LAYER_RELU,
      NN_LAYER_MAXPOOL(2, 0),
      NN_LAYER_DROPOUT(0.25f),
      NN_LAYER_CONV(32, 3, 1, 1),
      NN_LAYER_BN2D,
      NN_LAYER_RELU,
      NN_LAYER_MAXPOOL(2, 2),
      NN_LAYER_FLATTEN,
      NN_LAYER_LINEAR(10),
      NN_LAYER_BN1D,
  };
  layers[5].no_bias = true;
  return test_new_model(3, (int[]){1, 28, 28}, layers, G_N_ELEMENTS(layers));
}

/* Our own initialisation (nn_init.c is another module's): U(±1/√fan_in) for weights and
 * biases, BatchNorm weight around 1. */
void test_init_params(nn_model *m, nn_rng *rng)
{
  for (int i = 0; i < nn_model_n_params(m); i++) {
    nn_param *p = nn_model_param(m, i);
    size_t n = nn_tensor_numel(&p->value);
    bool bn_weight = p->value.ndim == 1 && g_str_has_suffix(p->name, ".weight");
    int fan_in = p->value.ndim > 1 ? (int) (n / (size_t) p->value.shape[0]) : 4;
    float bound = 1.0f / sqrtf((float) fan_in);
    for (size_t k = 0; k < n; k++)
      p->value.data[k] =
          bn_weight ? nn_rng_range(rng, 0.5f, 1.5f) : nn_rng_range(rng, -bound, bound);
  }
}

float *test_random_array(size_t n, float lo, float hi, nn_rng *rng)
{
  float *a = g_new(float, n);
  for (size_t i = 0; i < n; i++)
    a[i] = nn_rng_range(rng, lo, hi);
  return a;
}
