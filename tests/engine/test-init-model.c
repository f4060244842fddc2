/* Model-level initialisation (nn_init_model.c): PyTorch's default per layer kind, its draw
 * order (layer by layer, weight then bias), BatchNorm's parameters and buffers, and the
 * re-draw of weights by nn_init_model. Needs nn_model.c. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_init.h"

static nn_model *build(const nn_layer_spec *layers, int n, int in_ndim, const int *in_shape)
{
  nn_error err = {{0}};
  nn_model *m = nn_model_new(in_ndim, in_shape, layers, n, &err);
  if (!m)
    g_error("nn_model_new: %s", err.message);
  return m;
}

static void check_within(const nn_tensor *t, double bound)
{
  size_t n = nn_tensor_numel(t);
  double max = 0;
  for (size_t i = 0; i < n; i++)
    max = fmax(max, fabs(t->data[i]));
  g_assert_cmpfloat(max, <=, bound * (1 + 1e-6));
  g_assert_cmpfloat(max, >, 0.0);
}

static void check_all(const nn_tensor *t, float value)
{
  size_t n = nn_tensor_numel(t);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpfloat(t->data[i], ==, value);
}

static nn_state_entry find_state(const nn_model *m, const char *name)
{
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    if (strcmp(e.name, name) == 0)
      return e;
  }
  g_error("no state entry %s", name);
}

static void test_default_mlp_bounds_and_order(void)
{
  const nn_layer_spec layers[] = {NN_LAYER_LINEAR(3), NN_LAYER_RELU, NN_LAYER_LINEAR(2)};
  nn_model *m = build(layers, 3, 1, (int[]){4});
  nn_rng rng;
  nn_rng_seed(&rng, 21, 0);
  nn_init_default(m, &rng);
  check_within(&nn_model_weight(m, 0)->value, 1.0 / sqrt(4.0));
  check_within(&nn_model_bias(m, 0)->value, 1.0 / sqrt(4.0));
  check_within(&nn_model_weight(m, 2)->value, 1.0 / sqrt(3.0));
  check_within(&nn_model_bias(m, 2)->value, 1.0 / sqrt(3.0));

  /* The same draws, made by hand in PyTorch's order, give the same numbers. */
  nn_rng again;
  nn_rng_seed(&again, 21, 0);
  float w0[12], b0[3], w2[6], b2[2];
  nn_tensor tw0 = nn_tensor_view(w0, 2, (int[]){3, 4}), tb0 = nn_tensor_view(b0, 1, (int[]){3});
  nn_tensor tw2 = nn_tensor_view(w2, 2, (int[]){2, 3}), tb2 = nn_tensor_view(b2, 1, (int[]){2});
  nn_init_uniform(&tw0, -0.5f, 0.5f, &again);
  nn_init_uniform(&tb0, -0.5f, 0.5f, &again);
  float bound = (float) (1.0 / sqrt(3.0));
  nn_init_uniform(&tw2, -bound, bound, &again);
  nn_init_uniform(&tb2, -bound, bound, &again);
  g_assert_cmpmem(w0, sizeof w0, nn_model_weight(m, 0)->value.data, sizeof w0);
  g_assert_cmpmem(b0, sizeof b0, nn_model_bias(m, 0)->value.data, sizeof b0);
  g_assert_cmpmem(w2, sizeof w2, nn_model_weight(m, 2)->value.data, sizeof w2);
  g_assert_cmpmem(b2, sizeof b2, nn_model_bias(m, 2)->value.data, sizeof b2);
  nn_model_free(m);
}

static void test_default_cnn_batchnorm(void)
{
  const nn_layer_spec layers[] = {NN_LAYER_CONV(4, 3, 1, 1), NN_LAYER_BN2D, NN_LAYER_RELU,
                                  NN_LAYER_FLATTEN, NN_LAYER_LINEAR(5)};
  nn_model *m = build(layers, 5, 3, (int[]){1, 6, 6});
  /* Spoil everything first, so the test sees what init writes. */
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    memset(e.data, 0x7f, nn_shape_numel(e.ndim, e.shape) * (e.dtype == NN_I64 ? 8 : 4));
  }
  nn_rng rng;
  nn_rng_seed(&rng, 22, 0);
  nn_init_default(m, &rng);
  check_within(&nn_model_weight(m, 0)->value, 1.0 / 3.0); /* fan_in 1·3·3 */
  check_within(&nn_model_bias(m, 0)->value, 1.0 / 3.0);
  check_all(&nn_model_weight(m, 1)->value, 1.0f);
  check_all(&nn_model_bias(m, 1)->value, 0.0f);
  check_within(&nn_model_weight(m, 4)->value, 1.0 / sqrt(144.0));

  nn_state_entry mean = find_state(m, "1.running_mean"), var = find_state(m, "1.running_var");
  nn_state_entry count = find_state(m, "1.num_batches_tracked");
  for (int c = 0; c < 4; c++) {
    g_assert_cmpfloat(((float *) mean.data)[c], ==, 0.0f);
    g_assert_cmpfloat(((float *) var.data)[c], ==, 1.0f);
  }
  g_assert_cmpint(count.dtype, ==, NN_I64);
  g_assert_cmpint(*(int64_t *) count.data, ==, 0);
  nn_model_free(m);
}

static void test_init_model_kinds(void)
{
  const nn_layer_spec layers[] = {NN_LAYER_LINEAR(50), NN_LAYER_TANH, NN_LAYER_LINEAR(30)};
  nn_model *m = build(layers, 3, 1, (int[]){40});
  nn_rng rng;
  nn_rng_seed(&rng, 23, 0);

  nn_init_model(m, NN_INIT_CONSTANT, 0.5f, &rng);
  check_all(&nn_model_weight(m, 0)->value, 0.5f);
  check_all(&nn_model_bias(m, 0)->value, 0.0f);
  check_all(&nn_model_weight(m, 2)->value, 0.5f);

  nn_init_model(m, NN_INIT_XAVIER_UNIFORM, 0.0f, &rng);
  check_within(&nn_model_weight(m, 0)->value, sqrt(6.0 / 90.0));
  check_within(&nn_model_bias(m, 0)->value, 1.0 / sqrt(40.0)); /* biases keep the default */

  nn_init_model(m, NN_INIT_KAIMING_UNIFORM, 0.0f, &rng);
  check_within(&nn_model_weight(m, 2)->value, sqrt(6.0 / 50.0));

  nn_init_model(m, NN_INIT_UNIFORM01, 0.0f, &rng);
  const nn_tensor *w = &nn_model_weight(m, 0)->value;
  for (size_t i = 0; i < nn_tensor_numel(w); i++)
    g_assert_true(w->data[i] >= 0.0f && w->data[i] <= 1.0f);

  /* Default first, then the re-draw: the same seed through nn_init_default and then a manual
   * Xavier draw gives the same weights as nn_init_model. */
  nn_model *twin = build(layers, 3, 1, (int[]){40});
  nn_rng a, b;
  nn_rng_seed(&a, 24, 0);
  nn_rng_seed(&b, 24, 0);
  nn_init_model(m, NN_INIT_XAVIER_NORMAL, 0.0f, &a);
  nn_init_default(twin, &b);
  nn_init_xavier_normal(&nn_model_weight(twin, 0)->value, 1.0f, &b);
  nn_init_xavier_normal(&nn_model_weight(twin, 2)->value, 1.0f, &b);
  g_assert_cmpmem(nn_model_values(m), nn_model_n_values(m) * sizeof(float), nn_model_values(twin),
                  nn_model_n_values(twin) * sizeof(float));
  nn_model_free(twin);
  nn_model_free(m);
}

static void test_no_bias_layer(void)
{
  nn_layer_spec linear = NN_LAYER_LINEAR(3);
  linear.no_bias = true;
  nn_model *m = build(&linear, 1, 1, (int[]){9});
  g_assert_null(nn_model_bias(m, 0));
  nn_rng rng;
  nn_rng_seed(&rng, 25, 0);
  nn_init_default(m, &rng);
  check_within(&nn_model_weight(m, 0)->value, 1.0 / 3.0);
  nn_init_model(m, NN_INIT_CONSTANT, 2.0f, &rng);
  check_all(&nn_model_weight(m, 0)->value, 2.0f);
  nn_model_free(m);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/init-model/default-mlp", test_default_mlp_bounds_and_order);
  g_test_add_func("/init-model/default-cnn-batchnorm", test_default_cnn_batchnorm);
  g_test_add_func("/init-model/kinds", test_init_model_kinds);
  g_test_add_func("/init-model/no-bias", test_no_bias_layer);
  return g_test_run();
}
