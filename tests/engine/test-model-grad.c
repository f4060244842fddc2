/* Whole-model gradients of nn_model_backward_input and nn_model_backward, checked along a
 * random direction per tensor (as kann's kad_check_grad), for MLPs, a CNN with both batch norms,
 * dropout with fixed masks, Flatten first, the course's CNN in parts; and a model with no
 * parameters at all. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_model.h"
#include "test-model-util.h"

/* A small model of each kind, so each tensor's check is cheap: B samples of in_shape. */
typedef struct grad_case {
  const char *name;
  int in_ndim, in_shape[3];
  nn_layer_spec layers[12];
  int n_layers;
  int batch;
} grad_case;

/* L = Σ r·out in double, with dropout masks repeated: the generator restarts from `masks`
 * before every forward pass. */
static double model_loss(nn_model *m, const float *x, int B, const float *r, const nn_rng *masks)
{
  nn_rng rng = *masks;
  nn_model_set_rng(m, &rng);
  const float *out = nn_model_forward(m, x, B);
  size_t n = (size_t) B * nn_model_layer_numel(m, nn_model_n_layers(m) - 1);
  double L = 0.0;
  for (size_t i = 0; i < n; i++)
    L += (double) r[i] * out[i];
  nn_model_set_rng(m, NULL);
  return L;
}

/* Every ReLU's on/off pattern, so a check can tell when ±h crossed a kink. */
static GString *relu_pattern(const nn_model *m, int B)
{
  GString *p = g_string_new(NULL);
  for (int i = 0; i < nn_model_n_layers(m); i++) {
    if (nn_model_layer(m, i)->kind != NN_RELU)
      continue;
    const float *out = nn_model_output(m, i);
    for (size_t k = 0; k < (size_t) B * nn_model_layer_numel(m, i); k++)
      g_string_append_c(p, out[k] > 0.0f ? '1' : '0');
  }
  return p;
}

/* Moves `t` (n floats) along a random direction v by ±h and compares the slope of L with
 * ⟨grad, v⟩. One direction per tensor (the input and each parameter) so that a wrong gradient
 * in a small tensor is not drowned by the rest. h = 1e-3: float rounding of L (|L| ≲ 10,
 * relative error ≲ 1e-6 after a few layers) gives ≲ 5e-3 absolute in the slope, and the
 * tolerance is 1e-2 relative plus that; a direction whose ±h changes a ReLU pattern is drawn
 * again (max-pool ties are left to chance: the inputs are continuous). */
static void check_direction(const char *what, nn_model *m, const float *x, int B, const float *r,
                            const nn_rng *masks, float *t, const float *grad, size_t n, nn_rng *rng)
{
  const float h = 1e-3f;
  float *saved = g_memdup2(t, sizeof(float) * n);
  model_loss(m, x, B, r, masks);
  GString *base = relu_pattern(m, B);
  for (int attempt = 0; attempt < 10; attempt++) {
    float *v = test_random_array(n, -1, 1, rng);
    double analytic = 0.0;
    for (size_t i = 0; i < n; i++)
      analytic += (double) grad[i] * v[i];
    for (size_t i = 0; i < n; i++)
      t[i] = saved[i] + h * v[i];
    double up = model_loss(m, x, B, r, masks);
    GString *up_pattern = relu_pattern(m, B);
    for (size_t i = 0; i < n; i++)
      t[i] = saved[i] - h * v[i];
    double down = model_loss(m, x, B, r, masks);
    GString *down_pattern = relu_pattern(m, B);
    memcpy(t, saved, sizeof(float) * n);
    bool smooth = g_string_equal(base, up_pattern) && g_string_equal(base, down_pattern);
    g_string_free(up_pattern, TRUE);
    g_string_free(down_pattern, TRUE);
    g_free(v);
    if (!smooth)
      continue;
    double fd = (up - down) / (2.0 * h);
    double err = fabs(fd - analytic), tol = 1e-2 * fabs(analytic) + 5e-3;
    g_test_message("%s: slope %.6g, analytic %.6g", what, fd, analytic);
    if (err > tol)
      g_error("%s: finite difference %.6g, analytic %.6g", what, fd, analytic);
    g_string_free(base, TRUE);
    g_free(saved);
    return;
  }
  g_error("%s: every direction crossed a ReLU kink", what);
}

static void check_model_gradients(const grad_case *c)
{
  nn_rng rng, masks;
  nn_rng_seed(&rng, 11, 0);
  nn_rng_seed(&masks, 12, 0);
  nn_model *m = test_new_model(c->in_ndim, c->in_shape, c->layers, c->n_layers);
  test_init_params(m, &rng);
  g_assert_true(nn_model_reserve(m, c->batch, NULL));
  size_t in_n = (size_t) c->batch * nn_model_layer_numel(m, -1);
  size_t out_n = (size_t) c->batch * nn_model_layer_numel(m, c->n_layers - 1);
  float *x = test_random_array(in_n, -1, 1, &rng), *r = test_random_array(out_n, -1, 1, &rng);
  float *dx = g_new(float, in_n);

  model_loss(m, x, c->batch, r, &masks);
  nn_model_backward_input(m, r, dx);
  size_t nv = nn_model_n_values(m);
  float *grads = g_memdup2(nn_model_grads(m), sizeof(float) * nv);

  /* backward without the input gradient gives the same parameter gradients, and writes them
   * rather than adding: garbage in the block is overwritten. */
  for (size_t i = 0; i < nv; i++)
    nn_model_grads(m)[i] = 1e6f;
  nn_model_backward(m, r);
  g_assert_true(memcmp(grads, nn_model_grads(m), sizeof(float) * nv) == 0);

  char what[128];
  g_snprintf(what, sizeof what, "%s: input", c->name);
  check_direction(what, m, x, c->batch, r, &masks, x, dx, in_n, &rng);
  for (int i = 0; i < nn_model_n_params(m); i++) {
    nn_param *p = nn_model_param(m, i);
    g_snprintf(what, sizeof what, "%s: %s", c->name, p->name);
    check_direction(what, m, x, c->batch, r, &masks, p->value.data,
                    grads + (p->grad.data - nn_model_grads(m)), nn_tensor_numel(&p->value), &rng);
  }
  g_free(x), g_free(r), g_free(dx), g_free(grads);
  nn_model_free(m);
}

static void test_model_gradients(void)
{
  const grad_case cases[] = {
      {"mlp", 1, {5}, {NN_LAYER_LINEAR(7), NN_LAYER_SIGMOID, NN_LAYER_LINEAR(3)}, 3, 4},
      {"mlp batch 1", 1, {3}, {NN_LAYER_LINEAR(4), NN_LAYER_TANH, NN_LAYER_LINEAR(2)}, 3, 1},
      {"deep relu with dropout and bn1d",
       1,
       {6},
       {NN_LAYER_LINEAR(8), NN_LAYER_BN1D, NN_LAYER_RELU, NN_LAYER_DROPOUT(0.4f),
        NN_LAYER_LINEAR(5), NN_LAYER_TANH, NN_LAYER_LINEAR(3)},
       7,
       6},
      {"cnn",
       3,
       {2, 8, 7},
       {NN_LAYER_CONV(3, 3, 1, 1), NN_LAYER_BN2D, NN_LAYER_RELU, NN_LAYER_MAXPOOL(2, 0),
        NN_LAYER_DROPOUT(0.3f), NN_LAYER_CONV(4, 2, 2, 1), NN_LAYER_SIGMOID, NN_LAYER_FLATTEN,
        NN_LAYER_LINEAR(5), NN_LAYER_BN1D, NN_LAYER_TANH, NN_LAYER_LINEAR(3)},
       12,
       3},
      {"flatten first", 3, {2, 3, 3}, {NN_LAYER_FLATTEN, NN_LAYER_LINEAR(4)}, 2, 2},
      /* Lessons 24 and 26's pattern at batch 6: the per-sample run goes in parts, and each
       * ReLU → MaxPool2d(2) pair runs fused (nn_relu_maxpool2d_*), forward and backward. */
      {"course cnn in parts",
       3,
       {1, 8, 8},
       {NN_LAYER_CONV(4, 3, 1, 1), NN_LAYER_RELU, NN_LAYER_MAXPOOL(2, 0), NN_LAYER_CONV(4, 3, 1, 1),
        NN_LAYER_RELU, NN_LAYER_MAXPOOL(2, 0), NN_LAYER_FLATTEN, NN_LAYER_LINEAR(3)},
       8,
       6},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
    check_model_gradients(&cases[i]);
}

/* Lesson 9's use: a model of one activation, no parameters; backward_input is its slope. */
static void test_activation_only_model(void)
{
  nn_layer_spec relu = NN_LAYER_RELU;
  nn_model *m = test_new_model(1, (int[]){4}, &relu, 1);
  g_assert_cmpint(nn_model_n_params(m), ==, 0);
  g_assert_cmpuint(nn_model_n_values(m), ==, 0);
  g_assert_true(nn_model_reserve(m, 1, NULL));
  float x[4] = {-1, 0, 0.5f, 2}, ones[4] = {1, 1, 1, 1}, slope[4];
  const float *y = nn_model_forward(m, x, 1);
  g_assert_cmpfloat(y[3], ==, 2.0f);
  nn_model_backward(m, ones); /* nothing to learn: nothing to do */
  nn_model_backward_input(m, ones, slope);
  g_assert_cmpfloat(slope[0], ==, 0.0f);
  g_assert_cmpfloat(slope[1], ==, 0.0f);
  g_assert_cmpfloat(slope[2], ==, 1.0f);
  g_assert_cmpfloat(slope[3], ==, 1.0f);
  nn_model_free(m);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/model/gradients", test_model_gradients);
  g_test_add_func("/model/activation-only", test_activation_only_model);
  return g_test_run();
}
