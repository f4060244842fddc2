/* The model: state_dict names, order, shapes and dtypes as PyTorch's twin; describe strings;
 * refusals with messages; training and evaluation modes; clone and copy; predict in chunks;
 * repeatable dropout; and no allocation in forward or backward. Gradients: test-model-grad.c. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_model.h"
#include "test-model-util.h"

/* ---- counting the engine's allocations ----
 * The test is linked with ld --wrap for these (tests/engine/meson.build), so every call the
 * engine library makes comes here first. GLib's own allocations do not: only objects linked
 * statically are wrapped. */
void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__real_aligned_alloc(size_t align, size_t size);
int __real_posix_memalign(void **p, size_t align, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void *__wrap_aligned_alloc(size_t align, size_t size);
int __wrap_posix_memalign(void **p, size_t align, size_t size);

static gint allocations;

void *__wrap_malloc(size_t size)
{
  g_atomic_int_inc(&allocations);
  return __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
  g_atomic_int_inc(&allocations);
  return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
  g_atomic_int_inc(&allocations);
  return __real_realloc(p, size);
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
  g_atomic_int_inc(&allocations);
  return __real_aligned_alloc(align, size);
}

int __wrap_posix_memalign(void **p, size_t align, size_t size)
{
  g_atomic_int_inc(&allocations);
  return __real_posix_memalign(p, align, size);
}

/* ---- helpers ---- */

typedef struct expected_entry {
  const char *name;
  nn_dtype dtype;
  bool trainable;
  int ndim, shape[4];
} expected_entry;

static void check_state(const nn_model *m, const expected_entry *want, int n)
{
  g_assert_cmpint(nn_model_n_state(m), ==, n);
  int params = 0;
  size_t values = 0;
  for (int i = 0; i < n; i++) {
    nn_state_entry e = nn_model_state(m, i);
    g_assert_cmpstr(e.name, ==, want[i].name);
    g_assert_cmpint(e.dtype, ==, want[i].dtype);
    g_assert_cmpint(e.trainable, ==, want[i].trainable);
    g_assert_cmpint(e.ndim, ==, want[i].ndim);
    for (int d = 0; d < e.ndim; d++)
      g_assert_cmpint(e.shape[d], ==, want[i].shape[d]);
    g_assert_nonnull(e.data);
    if (!e.trainable)
      continue;
    /* Parameters are the trainable entries, in order, packed end to end in one block. */
    const nn_param *p = nn_model_param_const(m, params++);
    g_assert_cmpstr(p->name, ==, e.name);
    g_assert_true(p->value.data == e.data);
    g_assert_true(p->value.data == nn_model_values((nn_model *) m) + values);
    g_assert_true(p->grad.data == nn_model_grads((nn_model *) m) + values);
    values += nn_tensor_numel(&p->value);
  }
  g_assert_cmpint(params, ==, nn_model_n_params(m));
  g_assert_cmpuint(values, ==, nn_model_n_values(m));
}

/* ---- state_dict and describe ---- */

static void test_mlp_state_and_describe(void)
{
  nn_layer_spec layers[] = {NN_LAYER_LINEAR(100), NN_LAYER_SIGMOID, NN_LAYER_LINEAR(10)};
  nn_model *m = test_new_model(1, (int[]){784}, layers, 3);
  static const expected_entry want[] = {
      {"0.weight", NN_F32, true, 2, {100, 784}},
      {"0.bias", NN_F32, true, 1, {100}},
      {"2.weight", NN_F32, true, 2, {10, 100}},
      {"2.bias", NN_F32, true, 1, {10}},
  };
  check_state(m, want, G_N_ELEMENTS(want));
  char twin[512];
  nn_model_describe(m, twin, sizeof twin);
  g_assert_cmpstr(twin, ==, "nn.Sequential(nn.Linear(784, 100), nn.Sigmoid(), nn.Linear(100, 10))");
  g_assert_nonnull(nn_model_weight(m, 0));
  g_assert_null(nn_model_weight(m, 1));
  g_assert_true(nn_model_bias(m, 2) == nn_model_param(m, 3));
  g_assert_cmpint(nn_model_layer_numel(m, -1), ==, 784);
  g_assert_cmpint(nn_model_layer_numel(m, 2), ==, 10);
  /* A fresh model trains, as a fresh torch.nn.Module; parameters start at zero. */
  g_assert_true(nn_model_is_training(m));
  g_assert_cmpfloat(nn_model_values(m)[0], ==, 0.0f);
  nn_model_free(m);
}

/* Names, shapes and dtypes printed by torch 1.13 for the twin's state_dict(). */
static void test_cnn_state_and_describe(void)
{
  nn_model *m = test_new_cnn();
  static const expected_entry want[] = {
      {"0.weight", NN_F32, true, 4, {16, 1, 5, 5}},
      {"0.bias", NN_F32, true, 1, {16}},
      {"1.weight", NN_F32, true, 1, {16}},
      {"1.bias", NN_F32, true, 1, {16}},
      {"1.running_mean", NN_F32, false, 1, {16}},
      {"1.running_var", NN_F32, false, 1, {16}},
      {"1.num_batches_tracked", NN_I64, false, 0, {0}},
      {"5.weight", NN_F32, true, 4, {32, 16, 3, 3}},
      {"6.weight", NN_F32, true, 1, {32}},
      {"6.bias", NN_F32, true, 1, {32}},
      {"6.running_mean", NN_F32, false, 1, {32}},
      {"6.running_var", NN_F32, false, 1, {32}},
      {"6.num_batches_tracked", NN_I64, false, 0, {0}},
      {"10.weight", NN_F32, true, 2, {10, 1568}},
      {"10.bias", NN_F32, true, 1, {10}},
      {"11.weight", NN_F32, true, 1, {10}},
      {"11.bias", NN_F32, true, 1, {10}},
      {"11.running_mean", NN_F32, false, 1, {10}},
      {"11.running_var", NN_F32, false, 1, {10}},
      {"11.num_batches_tracked", NN_I64, false, 0, {0}},
  };
  check_state(m, want, G_N_ELEMENTS(want));
  /* Buffers start as PyTorch's: running_mean 0, running_var 1, no batches. */
  nn_state_entry var = nn_model_state(m, 5), tracked = nn_model_state(m, 6);
  g_assert_cmpfloat(((float *) var.data)[15], ==, 1.0f);
  g_assert_cmpint(*(int64_t *) tracked.data, ==, 0);
  g_assert_null(nn_model_bias(m, 5));

  char twin[1024];
  nn_model_describe(m, twin, sizeof twin);
  g_assert_cmpstr(twin, ==,
                  "nn.Sequential(nn.Conv2d(1, 16, kernel_size=5, stride=1, padding=2), "
                  "nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2), "
                  "nn.Dropout(p=0.25), nn.Conv2d(16, 32, kernel_size=3, stride=1, padding=1, "
                  "bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(kernel_size=2, "
                  "stride=2), nn.Flatten(), nn.Linear(1568, 10), nn.BatchNorm1d(10))");
  int shape[NN_MAX_DIMS];
  g_assert_cmpint(nn_model_layer_shape(m, 8, shape), ==, 3);
  g_assert_cmpint(shape[0], ==, 32);
  g_assert_cmpint(shape[1], ==, 7);
  g_assert_cmpint(shape[2], ==, 7);
  g_assert_cmpint(nn_model_layer_shape(m, 9, shape), ==, 1);
  g_assert_cmpint(shape[0], ==, 1568);

  /* A short buffer is cut, still terminated. */
  nn_model_describe(m, twin, 20);
  g_assert_cmpstr(twin, ==, "nn.Sequential(nn.Co");
  nn_model_free(m);

  /* Dropout's p prints as Python would read it back. */
  nn_layer_spec drop[] = {NN_LAYER_DROPOUT(0.1f), NN_LAYER_DROPOUT(1.0f), NN_LAYER_TANH};
  m = test_new_model(1, (int[]){3}, drop, 3);
  nn_model_describe(m, twin, sizeof twin);
  g_assert_cmpstr(twin, ==, "nn.Sequential(nn.Dropout(p=0.1), nn.Dropout(p=1.0), nn.Tanh())");
  nn_model_free(m);
}

/* ---- refusals ---- */

typedef struct refusal {
  int in_ndim, in_shape[3];
  nn_layer_spec layers[3];
  int n_layers;
  const char *message;
} refusal;

static void test_refuses_impossible_models(void)
{
  const refusal cases[] = {
      {3,
       {1, 5, 5},
       {NN_LAYER_CONV(4, 7, 1, 0)},
       1,
       "layer 0 (Conv2d): kernel 7×7 is larger than the input 5×5"},
      {3, {1, 5, 5}, {NN_LAYER_CONV(4, 8, 1, 1)}, 1, "larger than the padded input 7×7"},
      {3,
       {1, 6, 6},
       {NN_LAYER_CONV(4, 3, 1, 0), NN_LAYER_LINEAR(10)},
       2,
       "layer 1 (Linear): gets a (4, 4, 4) output; add nn.Flatten() before it"},
      {1, {10}, {NN_LAYER_CONV(4, 3, 1, 0)}, 1, "layer 0 (Conv2d): needs a (C, H, W) input"},
      {3, {2, 2, 2}, {NN_LAYER_MAXPOOL(3, 1)}, 1, "kernel 3×3 is larger than the input 2×2"},
      {3, {1, 4, 4}, {NN_LAYER_CONV(2, 3, -1, 0)}, 1, "stride -1"},
      {3, {1, 4, 4}, {NN_LAYER_CONV(0, 3, 1, 0)}, 1, "out_channels 0 must be positive"},
      {3, {1, 4, 4}, {NN_LAYER_CONV(2, 0, 1, 0)}, 1, "kernel 0"},
      {1, {4}, {NN_LAYER_LINEAR(0)}, 1, "out_features 0 must be positive"},
      {1, {4}, {NN_LAYER_DROPOUT(1.5f)}, 1, "p = 1.5 is not a probability"},
      {1, {4}, {NN_LAYER_DROPOUT(-0.1f)}, 1, "is not a probability"},
      {1, {4}, {NN_LAYER_DROPOUT(NAN)}, 1, "is not a probability"},
      {3, {1, 4, 4}, {NN_LAYER_BN1D}, 1, "layer 0 (BatchNorm1d): needs a (B, F) input"},
      {1, {4}, {NN_LAYER_BN2D}, 1, "layer 0 (BatchNorm2d): needs a (C, H, W) input"},
      {3,
       {1, 4, 4},
       {{.kind = NN_MAXPOOL2D, .kernel = 2, .padding = 1}},
       1,
       "padding is not supported"},
      {1, {4}, {{.kind = NN_LAYER_KIND_COUNT}}, 1, "layer 0: unknown kind"},
      {1, {0}, {NN_LAYER_RELU}, 1, "input: dimension 0 has size 0"},
      {3, {1, -3, 4}, {NN_LAYER_RELU}, 1, "input: dimension 1 has size -3"},
      {4, {1, 1, 1}, {NN_LAYER_RELU}, 1, "input: 4 dimensions per sample"},
      {1, {4}, {NN_LAYER_RELU}, 0, "0 layers (a model has 1 to 32)"},
      {1, {1 << 20}, {NN_LAYER_LINEAR(1 << 12)}, 1, "weights are too many"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    nn_error err = {{0}};
    nn_model *m =
        nn_model_new(cases[i].in_ndim, cases[i].in_shape, cases[i].layers, cases[i].n_layers, &err);
    if (m || !strstr(err.message, cases[i].message))
      g_error("case %zu: expected a refusal containing \"%s\", got \"%s\"", i, cases[i].message,
              m ? "a model" : err.message);
  }
  nn_layer_spec many[NN_MAX_LAYERS + 1];
  for (int i = 0; i <= NN_MAX_LAYERS; i++)
    many[i] = NN_LAYER_RELU;
  nn_error err = {{0}};
  g_assert_null(nn_model_new(1, (int[]){4}, many, NN_MAX_LAYERS + 1, &err));
  g_assert_nonnull(strstr(err.message, "33 layers"));
  /* The largest model is fine, and a NULL err is allowed. */
  nn_model *m = nn_model_new(1, (int[]){4}, many, NN_MAX_LAYERS, NULL);
  g_assert_nonnull(m);
  nn_model_free(m);
}

/* ---- modes ---- */

static void test_train_and_eval_modes(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 5, 0);
  nn_layer_spec layers[] = {NN_LAYER_LINEAR(50), NN_LAYER_BN1D, NN_LAYER_DROPOUT(0.5f)};
  nn_model *m = test_new_model(1, (int[]){8}, layers, 3);
  test_init_params(m, &rng);
  g_assert_true(nn_model_reserve(m, 16, NULL));
  float *x = test_random_array(16 * 8, -1, 1, &rng);
  float *running_mean = nn_model_state(m, 4).data, *running_var = nn_model_state(m, 5).data;
  int64_t *tracked = nn_model_state(m, 6).data;
  g_assert_cmpstr(nn_model_state(m, 4).name, ==, "1.running_mean");

  /* Training: dropout zeroes about half and doubles the rest; BN updates its statistics. */
  const float *y = nn_model_forward(m, x, 16);
  const float *bn = nn_model_output(m, 1);
  int zeros = 0;
  for (int i = 0; i < 16 * 50; i++) {
    if (y[i] == 0.0f)
      zeros++;
    else
      g_assert_cmpfloat(y[i], ==, 2.0f * bn[i]);
  }
  g_assert_cmpint(zeros, >, 300);
  g_assert_cmpint(zeros, <, 500);
  g_assert_cmpint(*tracked, ==, 1);
  /* Batch statistics: each BN channel has mean ≈ bias and the running mean moved by 0.1·mean. */
  float linear_mean = 0.0f;
  for (int b = 0; b < 16; b++)
    linear_mean += nn_model_output(m, 0)[b * 50] / 16.0f;
  g_assert_cmpfloat_with_epsilon(running_mean[0], 0.1f * linear_mean, 1e-6);
  g_assert_cmpfloat(running_var[0], !=, 1.0f);

  /* Evaluation: dropout is the identity, BN uses the running statistics, nothing updates. */
  nn_model_set_training(m, false);
  g_assert_false(nn_model_is_training(m));
  float mean0 = running_mean[0];
  y = nn_model_forward(m, x, 16);
  bn = nn_model_output(m, 1);
  const float *lin = nn_model_output(m, 0);
  const float *gamma = nn_model_weight(m, 1)->value.data, *beta = nn_model_bias(m, 1)->value.data;
  for (int b = 0; b < 16; b++)
    for (int f = 0; f < 50; f++) {
      int i = b * 50 + f;
      g_assert_cmpfloat(y[i], ==, bn[i]);
      double want = (lin[i] - running_mean[f]) / sqrt(running_var[f] + 1e-5) * gamma[f] + beta[f];
      g_assert_cmpfloat_with_epsilon(bn[i], want, 1e-5);
    }
  g_assert_cmpint(*tracked, ==, 1);
  g_assert_cmpfloat(running_mean[0], ==, mean0);
  g_free(x);
  nn_model_free(m);
}

/* The same seed gives the same masks; another seed other masks. */
static void test_dropout_repeats_with_seed(void)
{
  nn_layer_spec layers[] = {NN_LAYER_DROPOUT(0.5f)};
  nn_model *a = test_new_model(1, (int[]){64}, layers, 1),
           *b = test_new_model(1, (int[]){64}, layers, 1);
  g_assert_true(nn_model_reserve(a, 4, NULL) && nn_model_reserve(b, 4, NULL));
  float x[256];
  for (int i = 0; i < 256; i++)
    x[i] = 1.0f + (float) i;
  nn_rng ra, rb;
  nn_rng_seed(&ra, 99, 3);
  nn_rng_seed(&rb, 99, 3);
  nn_model_set_rng(a, &ra);
  nn_model_set_rng(b, &rb);
  for (int step = 0; step < 3; step++) {
    const float *ya = nn_model_forward(a, x, 4), *yb = nn_model_forward(b, x, 4);
    g_assert_true(memcmp(ya, yb, sizeof(float) * 256) == 0);
  }
  nn_rng_seed(&rb, 100, 3);
  const float *ya = nn_model_forward(a, x, 4), *yb = nn_model_forward(b, x, 4);
  g_assert_false(memcmp(ya, yb, sizeof(float) * 256) == 0);
  nn_model_free(a);
  nn_model_free(b);
}

/* ---- clone, copy, predict ---- */

static void train_a_little(nn_model *m, const float *x, int B)
{
  /* One forward/backward/SGD step by hand, so BN buffers and weights move. */
  size_t out_n = (size_t) B * nn_model_layer_numel(m, nn_model_n_layers(m) - 1);
  float *dout = g_new(float, out_n);
  nn_model_forward(m, x, B);
  for (size_t i = 0; i < out_n; i++)
    dout[i] = (float) (i % 7) * 0.01f - 0.03f;
  nn_model_backward(m, dout);
  for (size_t i = 0; i < nn_model_n_values(m); i++)
    nn_model_values(m)[i] -= 0.1f * nn_model_grads(m)[i];
  g_free(dout);
}

static void test_clone_copy_and_predict(void)
{
  enum { N = 23 };
  nn_rng rng;
  nn_rng_seed(&rng, 8, 0);
  nn_model *m = test_new_cnn();
  test_init_params(m, &rng);
  g_assert_true(nn_model_reserve(m, 7, NULL));
  g_assert_cmpint(nn_model_capacity(m), ==, 7);
  g_assert_true(nn_model_reserve(m, 3, NULL)); /* smaller: nothing to do */
  g_assert_cmpint(nn_model_capacity(m), ==, 7);
  /* What a reserve would take grows with the batch, and asking does not disturb the arena in
   * use (the training below runs on it). */
  size_t one = nn_model_batch_bytes(m, 1), two = nn_model_batch_bytes(m, 2);
  g_assert_cmpuint(two, >, one);
  g_assert_cmpuint(nn_model_batch_bytes(m, 7), >=, one + 6 * (two - one) - 6 * 64 * 16);
  g_assert_cmpuint(nn_model_batch_bytes(m, 1), ==, one);
  g_assert_cmpuint(nn_model_batch_bytes(m, 1 << 30), >, (size_t) 1 << 40);
  float *x = test_random_array((size_t) N * 784, 0, 1, &rng);
  train_a_little(m, x, 7);

  nn_model *copy = nn_model_clone(m, NULL);
  g_assert_nonnull(copy);
  g_assert_cmpuint(nn_model_n_values(copy), ==, nn_model_n_values(m));
  g_assert_true(
      memcmp(nn_model_values(copy), nn_model_values(m), sizeof(float) * nn_model_n_values(m)) == 0);
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry a = nn_model_state(m, i), b = nn_model_state(copy, i);
    size_t bytes = nn_shape_numel(a.ndim, a.shape) * (a.dtype == NN_I64 ? 8 : 4);
    g_assert_true(a.data != b.data);
    g_assert_true(memcmp(a.data, b.data, bytes) == 0);
  }
  g_assert_cmpint(*(int64_t *) nn_model_state(copy, 6).data, ==, 1);

  /* Predict in chunks of 7 (4 forwards) equals one forward of all 23 on the clone, to the bit:
   * every op treats samples independently in evaluation and the GEMM's sums depend on K
   * only, not on how many rows it gets. */
  nn_model_set_training(m, false);
  nn_model_set_training(copy, false);
  g_assert_true(nn_model_reserve(copy, N, NULL));
  float *chunked = g_new(float, N * 10);
  nn_model_predict(m, x, N, chunked);
  g_assert_false(nn_model_is_training(m));
  const float *whole = nn_model_forward(copy, x, N);
  g_assert_true(memcmp(chunked, whole, sizeof(float) * N * 10) == 0);

  /* copy_values brings the clone up to date after more training. */
  nn_model_set_training(m, true);
  train_a_little(m, x, 7);
  g_assert_false(
      memcmp(nn_model_values(copy), nn_model_values(m), sizeof(float) * nn_model_n_values(m)) == 0);
  nn_model_copy_values(copy, m);
  g_assert_true(
      memcmp(nn_model_values(copy), nn_model_values(m), sizeof(float) * nn_model_n_values(m)) == 0);
  g_assert_cmpint(*(int64_t *) nn_model_state(copy, 6).data, ==, 2);
  nn_model_set_training(m, false);
  nn_model_predict(m, x, N, chunked);
  whole = nn_model_forward(copy, x, N);
  g_assert_true(memcmp(chunked, whole, sizeof(float) * N * 10) == 0);

  g_free(chunked);
  g_free(x);
  nn_model_free(copy);
  nn_model_free(m);
}

/* ---- threads ---- */

/* Training on 1, 2 or 3 threads gives the same bits: the batch's parts and the order their
 * gradients are summed in depend on the batch size alone. Odd batch (parts of 2 and 3), a
 * backward with din (the run reaches layer 0) and one without. */
static void test_threads_same_bits(void)
{
  enum { B = 9, STEPS = 3 };
  nn_rng rng;
  nn_rng_seed(&rng, 10, 0);
  float *x = test_random_array((size_t) B * 784, 0, 1, &rng);
  float *dout = test_random_array((size_t) B * 10, -1, 1, &rng);
  nn_model *ref = NULL;
  float din_ref[B * 784], din[B * 784];
  for (int threads = 1; threads <= 3; threads++) {
    nn_rng init;
    nn_rng_seed(&init, 11, 0);
    nn_model *m = test_new_cnn();
    test_init_params(m, &init);
    g_assert_true(nn_model_reserve(m, B, NULL));
    g_assert_true(nn_model_set_threads(m, threads, NULL));
    g_assert_cmpint(nn_model_threads(m), ==, threads);
    for (int step = 0; step < STEPS; step++) {
      train_a_little(m, x, B);
      nn_model_forward(m, x, B);
      nn_model_backward_input(m, dout, threads == 1 ? din_ref : din);
    }
    if (!ref) {
      ref = m;
      continue;
    }
    size_t n = nn_model_n_values(m);
    g_assert_true(memcmp(nn_model_values(m), nn_model_values(ref), sizeof(float) * n) == 0);
    g_assert_true(memcmp(nn_model_grads(m), nn_model_grads(ref), sizeof(float) * n) == 0);
    g_assert_true(memcmp(din, din_ref, sizeof din) == 0);
    nn_model_free(m);
  }
  g_assert_false(nn_model_set_threads(ref, 0, NULL));
  g_assert_cmpint(nn_model_threads(ref), ==, 1);
  nn_model_free(ref);
  g_free(x);
  g_free(dout);
}

/* ---- no allocation in the training loop ---- */

static void test_passes_do_not_allocate(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 9, 0);
  /* The counter must see the engine's allocations, or it proves nothing. */
  g_atomic_int_set(&allocations, 0);
  nn_model *m = test_new_cnn();
  g_assert_cmpint(g_atomic_int_get(&allocations), >, 0);
  test_init_params(m, &rng);
  g_assert_true(nn_model_reserve(m, 10, NULL));
  g_assert_true(nn_model_set_threads(m, 2, NULL)); /* the helper starts here, not per pass */
  float *x = test_random_array(10 * 784, 0, 1, &rng),
        *dout = test_random_array(10 * 10, -1, 1, &rng);
  float *din = g_new(float, 10 * 784), *out = g_new(float, 25 * 10);
  float *more = test_random_array(25 * 784, 0, 1, &rng);

  g_atomic_int_set(&allocations, 0);
  for (int step = 0; step < 2; step++) {
    nn_model_forward(m, x, 10);
    nn_model_backward(m, dout);
    nn_model_backward_input(m, dout, din);
  }
  nn_model_set_training(m, false);
  nn_model_predict(m, more, 25, out);
  g_assert_cmpint(g_atomic_int_get(&allocations), ==, 0);

  g_free(x), g_free(dout), g_free(din), g_free(out), g_free(more);
  nn_model_free(m);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/model/mlp-state-describe", test_mlp_state_and_describe);
  g_test_add_func("/model/cnn-state-describe", test_cnn_state_and_describe);
  g_test_add_func("/model/refusals", test_refuses_impossible_models);
  g_test_add_func("/model/train-eval", test_train_and_eval_modes);
  g_test_add_func("/model/dropout-seed", test_dropout_repeats_with_seed);
  g_test_add_func("/model/clone-copy-predict", test_clone_copy_and_predict);
  g_test_add_func("/model/threads-same-bits", test_threads_same_bits);
  g_test_add_func("/model/no-allocation", test_passes_do_not_allocate);
  return g_test_run();
}
