/* Tensor initialisers: fans as torch.nn.init computes them, bounds, the mean and variance of
 * each distribution (within five standard errors), determinism from the seed. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_init.h"

typedef struct moments {
  double mean, var, min, max;
} moments;

static moments measure(const nn_tensor *t)
{
  size_t n = nn_tensor_numel(t);
  moments m = {0, 0, INFINITY, -INFINITY};
  for (size_t i = 0; i < n; i++) {
    m.mean += t->data[i];
    m.min = fmin(m.min, t->data[i]);
    m.max = fmax(m.max, t->data[i]);
  }
  m.mean /= (double) n;
  for (size_t i = 0; i < n; i++)
    m.var += (t->data[i] - m.mean) * (t->data[i] - m.mean);
  m.var /= (double) (n - 1);
  return m;
}

/* The sample mean and variance of n draws lie within five standard errors of the truth. The
 * standard error of the variance is var·√(2/(n−1)) for a normal, less for a uniform. */
static void check_moments(const nn_tensor *t, double mean, double var)
{
  double n = (double) nn_tensor_numel(t);
  moments m = measure(t);
  g_assert_cmpfloat(fabs(m.mean - mean), <, 5.0 * sqrt(var / n));
  g_assert_cmpfloat(fabs(m.var - var), <, 5.0 * var * sqrt(2.0 / (n - 1)));
}

/* Every value within [-bound, bound], and some close to each end: the bound is not smaller. */
static void check_bound(const nn_tensor *t, double bound)
{
  moments m = measure(t);
  g_assert_cmpfloat(m.min, >=, -bound);
  g_assert_cmpfloat(m.max, <=, bound);
  g_assert_cmpfloat(m.min, <, -0.999 * bound);
  g_assert_cmpfloat(m.max, >, 0.999 * bound);
}

static void test_fans(void)
{
  nn_tensor linear = nn_tensor_view(NULL, 2, (int[]){10, 20});
  g_assert_cmpint(nn_init_fan_in(&linear), ==, 20);
  g_assert_cmpint(nn_init_fan_out(&linear), ==, 10);
  nn_tensor conv = nn_tensor_view(NULL, 4, (int[]){8, 3, 5, 5});
  g_assert_cmpint(nn_init_fan_in(&conv), ==, 75);
  g_assert_cmpint(nn_init_fan_out(&conv), ==, 200);
  nn_tensor conv1 = nn_tensor_view(NULL, 4, (int[]){6, 1, 3, 2});
  g_assert_cmpint(nn_init_fan_in(&conv1), ==, 6);
  g_assert_cmpint(nn_init_fan_out(&conv1), ==, 36);
}

static void test_uniform_normal_constant(void)
{
  nn_tensor t;
  nn_rng rng;
  nn_rng_seed(&rng, 11, 0);
  g_assert_true(nn_tensor_alloc(&t, 2, (int[]){300, 400}, NULL));

  nn_init_uniform(&t, -0.5f, 1.5f, &rng);
  moments m = measure(&t);
  g_assert_cmpfloat(m.min, >=, -0.5);
  g_assert_cmpfloat(m.max, <=, 1.5);
  check_moments(&t, 0.5, 4.0 / 12.0);

  nn_init_normal(&t, 2.0f, 3.0f, &rng);
  check_moments(&t, 2.0, 9.0);

  nn_init_constant(&t, 0.25f);
  m = measure(&t);
  g_assert_cmpfloat(m.min, ==, 0.25);
  g_assert_cmpfloat(m.max, ==, 0.25);
  nn_tensor_free(&t);
}

static void test_xavier(void)
{
  nn_tensor t;
  nn_rng rng;
  nn_rng_seed(&rng, 12, 0);
  g_assert_true(nn_tensor_alloc(&t, 2, (int[]){200, 300}, NULL));
  /* bound = √(6 / (fan_in + fan_out)), variance 2 / (fan_in + fan_out); gain scales both. */
  nn_init_xavier_uniform(&t, 1.0f, &rng);
  check_bound(&t, sqrt(6.0 / 500.0) * (1 + 1e-6));
  check_moments(&t, 0.0, 2.0 / 500.0);
  nn_init_xavier_uniform(&t, 2.0f, &rng);
  check_bound(&t, 2.0 * sqrt(6.0 / 500.0) * (1 + 1e-6));
  nn_init_xavier_normal(&t, 1.0f, &rng);
  check_moments(&t, 0.0, 2.0 / 500.0);
  nn_tensor_free(&t);
}

static void test_kaiming(void)
{
  nn_tensor t;
  nn_rng rng;
  nn_rng_seed(&rng, 13, 0);
  g_assert_true(nn_tensor_alloc(&t, 4, (int[]){600, 3, 5, 5}, NULL));
  const double fan_in = 75.0;
  /* ReLU (a = 0): gain √2, bound √(6 / fan_in), variance 2 / fan_in. */
  nn_init_kaiming_uniform(&t, 0.0f, &rng);
  check_bound(&t, sqrt(6.0 / fan_in) * (1 + 1e-6));
  check_moments(&t, 0.0, 2.0 / fan_in);
  /* a = √5, PyTorch's default for Linear and Conv2d: bound 1 / √fan_in. */
  nn_init_kaiming_uniform(&t, sqrtf(5.0f), &rng);
  check_bound(&t, (1.0 / sqrt(fan_in)) * (1 + 1e-6));
  check_moments(&t, 0.0, 1.0 / (3.0 * fan_in));
  /* Leaky ReLU a = 0.2: variance 2 / ((1 + 0.04) fan_in). */
  nn_init_kaiming_normal(&t, 0.2f, &rng);
  check_moments(&t, 0.0, 2.0 / (1.04 * fan_in));
  nn_init_kaiming_normal(&t, 0.0f, &rng);
  check_moments(&t, 0.0, 2.0 / fan_in);
  nn_tensor_free(&t);
}

static void test_determinism(void)
{
  nn_tensor a, b, c;
  nn_rng ra, rb, rc;
  int shape[2] = {30, 40};
  g_assert_true(nn_tensor_alloc(&a, 2, shape, NULL));
  g_assert_true(nn_tensor_alloc(&b, 2, shape, NULL));
  g_assert_true(nn_tensor_alloc(&c, 2, shape, NULL));
  nn_rng_seed(&ra, 5, 1);
  nn_rng_seed(&rb, 5, 1);
  nn_rng_seed(&rc, 6, 1);
  nn_init_xavier_normal(&a, 1.0f, &ra);
  nn_init_xavier_normal(&b, 1.0f, &rb);
  nn_init_xavier_normal(&c, 1.0f, &rc);
  g_assert_cmpmem(a.data, 1200 * sizeof(float), b.data, 1200 * sizeof(float));
  g_assert_true(memcmp(a.data, c.data, 1200 * sizeof(float)) != 0);
  /* The generator advanced by the same amount: the next draws agree too. */
  g_assert_cmpuint(nn_rng_u32(&ra), ==, nn_rng_u32(&rb));
  nn_tensor_free(&a);
  nn_tensor_free(&b);
  nn_tensor_free(&c);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/init/fans", test_fans);
  g_test_add_func("/init/uniform-normal-constant", test_uniform_normal_constant);
  g_test_add_func("/init/xavier", test_xavier);
  g_test_add_func("/init/kaiming", test_kaiming);
  g_test_add_func("/init/determinism", test_determinism);
  return g_test_run();
}
