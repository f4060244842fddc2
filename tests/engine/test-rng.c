/* PCG32: reproducible, statistically sane, and the helpers built on it. */
#include <glib.h>
#include <math.h>

#include "nn_rng.h"

static void test_rng_reference_values(void)
{
  /* The first outputs of pcg32 for seed 42, stream 54: the values printed by the reference
   * pcg32-demo (pcg-random.org). A change here would change every "same seed" run. */
  nn_rng rng;
  nn_rng_seed(&rng, 42u, 54u);
  const uint32_t expected[] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b,
                               0xcbed606e};
  for (guint i = 0; i < G_N_ELEMENTS(expected); i++)
    g_assert_cmphex(nn_rng_u32(&rng), ==, expected[i]);
}

static void test_rng_same_seed_same_numbers(void)
{
  nn_rng a, b, c;
  nn_rng_seed(&a, 7, 1);
  nn_rng_seed(&b, 7, 1);
  nn_rng_seed(&c, 8, 1);
  int differ = 0;
  for (int i = 0; i < 1000; i++) {
    uint32_t x = nn_rng_u32(&a);
    g_assert_cmpuint(x, ==, nn_rng_u32(&b));
    differ += x != nn_rng_u32(&c);
  }
  g_assert_cmpint(differ, >, 990);
}

static void test_rng_uniform_and_normal_moments(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 1, 2);
  double sum = 0, sum2 = 0, nsum = 0, nsum2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; i++) {
    float u = nn_rng_uniform(&rng);
    g_assert_true(u >= 0.0f && u < 1.0f);
    sum += u;
    sum2 += (double) u * u;
    float z = nn_rng_normal(&rng);
    g_assert_true(isfinite(z));
    nsum += z;
    nsum2 += (double) z * z;
  }
  g_assert_cmpfloat_with_epsilon(sum / n, 0.5, 0.005);
  g_assert_cmpfloat_with_epsilon(sum2 / n - (sum / n) * (sum / n), 1.0 / 12, 0.002);
  g_assert_cmpfloat_with_epsilon(nsum / n, 0.0, 0.01);
  g_assert_cmpfloat_with_epsilon(nsum2 / n, 1.0, 0.02);
}

static void test_rng_below_and_shuffle(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 3, 4);
  int counts[7] = {0};
  for (int i = 0; i < 70000; i++) {
    uint32_t k = nn_rng_below(&rng, 7);
    g_assert_cmpuint(k, <, 7);
    counts[k]++;
  }
  for (int k = 0; k < 7; k++)
    g_assert_cmpint(abs(counts[k] - 10000), <, 500);

  int32_t index[100];
  for (int i = 0; i < 100; i++)
    index[i] = i;
  nn_rng_shuffle(&rng, index, 100);
  gboolean seen[100] = {FALSE};
  int moved = 0;
  for (int i = 0; i < 100; i++) {
    g_assert_false(seen[index[i]]);
    seen[index[i]] = TRUE;
    moved += index[i] != i;
  }
  g_assert_cmpint(moved, >, 90);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/rng/reference-values", test_rng_reference_values);
  g_test_add_func("/rng/same-seed", test_rng_same_seed_same_numbers);
  g_test_add_func("/rng/moments", test_rng_uniform_and_normal_moments);
  g_test_add_func("/rng/below-and-shuffle", test_rng_below_and_shuffle);
  return g_test_run();
}
