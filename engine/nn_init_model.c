/* Model-level initialisation: what constructing the PyTorch twin does, then an optional
 * re-draw of every weight. Draw order is PyTorch's: layer by layer, the weight then the bias,
 * as each module's reset_parameters() runs when nn.Sequential(...) is built.
 */
#include "nn_init.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

static bool has_weights(nn_layer_kind kind)
{
  return kind == NN_LINEAR || kind == NN_CONV2D;
}

static bool is_batchnorm(nn_layer_kind kind)
{
  return kind == NN_BATCHNORM1D || kind == NN_BATCHNORM2D;
}

static bool ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Linear/Conv2d reset_parameters(): kaiming_uniform_(weight, a=√5), whose bound
 * √3·√(2/(1+5))/√fan_in is exactly 1/√fan_in, then bias U(±1/√fan_in) (bound 0 when fan_in is
 * 0, as PyTorch). */
static void default_linear(nn_model *m, int layer, nn_rng *rng)
{
  nn_param *w = nn_model_weight(m, layer), *b = nn_model_bias(m, layer);
  assert(w);
  int fan_in = nn_init_fan_in(&w->value);
  float bound = fan_in > 0 ? (float) (1.0 / sqrt((double) fan_in)) : 0.0f;
  nn_init_uniform(&w->value, -bound, bound, rng);
  if (b)
    nn_init_uniform(&b->value, -bound, bound, rng);
}

/* BatchNorm reset_running_stats() and reset_parameters(): mean 0, variance 1, no batches
 * seen, weight 1, bias 0. */
static void default_batchnorm(nn_model *m, int layer)
{
  nn_param *w = nn_model_weight(m, layer), *b = nn_model_bias(m, layer);
  if (w)
    nn_init_constant(&w->value, 1.0f);
  if (b)
    nn_init_constant(&b->value, 0.0f);
}

static void reset_buffers(nn_model *m)
{
  int n = nn_model_n_state(m);
  for (int i = 0; i < n; i++) {
    nn_state_entry e = nn_model_state(m, i);
    if (e.trainable)
      continue;
    size_t count = nn_shape_numel(e.ndim, e.shape);
    if (e.dtype == NN_I64) {
      assert(ends_with(e.name, ".num_batches_tracked"));
      memset(e.data, 0, count * sizeof(int64_t));
    } else if (ends_with(e.name, ".running_var")) {
      for (size_t k = 0; k < count; k++)
        ((float *) e.data)[k] = 1.0f;
    } else {
      assert(ends_with(e.name, ".running_mean"));
      memset(e.data, 0, count * sizeof(float));
    }
  }
}

void nn_init_default(nn_model *m, nn_rng *rng)
{
  int n = nn_model_n_layers(m);
  for (int i = 0; i < n; i++) {
    nn_layer_kind kind = nn_model_layer(m, i)->kind;
    if (has_weights(kind))
      default_linear(m, i, rng);
    else if (is_batchnorm(kind))
      default_batchnorm(m, i);
  }
  reset_buffers(m);
}

void nn_init_model(nn_model *m, nn_init_kind kind, float value, nn_rng *rng)
{
  nn_init_default(m, rng);
  if (kind == NN_INIT_DEFAULT)
    return;
  /* As a PyTorch script would: build the model (default init), then re-draw each weight. */
  int n = nn_model_n_layers(m);
  for (int i = 0; i < n; i++) {
    if (!has_weights(nn_model_layer(m, i)->kind))
      continue;
    nn_tensor *w = &nn_model_weight(m, i)->value;
    nn_param *b = nn_model_bias(m, i);
    switch (kind) {
    case NN_INIT_XAVIER_UNIFORM:
      nn_init_xavier_uniform(w, 1.0f, rng);
      break;
    case NN_INIT_XAVIER_NORMAL:
      nn_init_xavier_normal(w, 1.0f, rng);
      break;
    case NN_INIT_KAIMING_UNIFORM:
      nn_init_kaiming_uniform(w, 0.0f, rng);
      break;
    case NN_INIT_KAIMING_NORMAL:
      nn_init_kaiming_normal(w, 0.0f, rng);
      break;
    case NN_INIT_UNIFORM01:
      nn_init_uniform(w, 0.0f, 1.0f, rng);
      break;
    case NN_INIT_CONSTANT:
      nn_init_constant(w, value);
      if (b)
        nn_init_constant(&b->value, 0.0f);
      break;
    case NN_INIT_DEFAULT:
      break;
    }
  }
}
