/* nn_sgemm against a naive double-precision product: every transpose case, odd sizes, sizes
 * that cross every block boundary (MC = 96, NC = 288, KC = 256 and the 8 × 32 tile), alpha and
 * beta, leading dimensions larger than the matrix, and repeatability to the bit. */
#include <float.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_gemm.h"
#include "nn_rng.h"

typedef struct case_dims {
  int M, N, K;
} case_dims;

static const case_dims sizes[] = {
    {1, 1, 1},      {7, 13, 5},     {129, 65, 257}, {8, 32, 256},    {8, 16, 1},
    {9, 17, 3},     {97, 289, 257}, {96, 288, 256}, {200, 600, 530}, {3, 100, 784},
    {100, 10, 100}, {16, 784, 25},  {33, 15, 520},  {1, 300, 2},
};

static void fill(float *x, size_t n, nn_rng *rng)
{
  for (size_t i = 0; i < n; i++)
    x[i] = nn_rng_range(rng, -1.0f, 1.0f);
}

/* Checks C against alpha·op(A)·op(B) + beta·C0 computed in double. A float dot product of K
 * terms (with or without FMA) is within about K·ε·Σ|aᵢbᵢ| of the exact one, so that bound
 * (times |alpha|, plus the rounding of beta·c) is the tolerance: tight, and it grows only as
 * the sum does. Padding columns of C (past N) must be untouched. */
static void check_product(const char *kernel, bool ta, bool tb, int M, int N, int K, float alpha,
                          float beta, int pad, nn_rng *rng)
{
  int lda = (ta ? M : K) + pad, ldb = (tb ? K : N) + pad, ldc = N + pad;
  size_t a_rows = ta ? (size_t) K : (size_t) M, b_rows = tb ? (size_t) N : (size_t) K;
  float *A = g_new(float, a_rows *(size_t) lda);
  float *B = g_new(float, b_rows *(size_t) ldb);
  float *C = g_new(float, (size_t) M *(size_t) ldc);
  float *C0 = g_new(float, (size_t) M *(size_t) ldc);
  fill(A, a_rows * (size_t) lda, rng);
  fill(B, b_rows * (size_t) ldb, rng);
  fill(C0, (size_t) M * (size_t) ldc, rng);
  if (beta == 0.0f) /* beta = 0 must not read C: NaN there must not leak through. */
    for (size_t i = 0; i < (size_t) M * (size_t) ldc; i++)
      if (i % (size_t) ldc < (size_t) N)
        C0[i] = NAN;
  memcpy(C, C0, sizeof(float) * (size_t) M * (size_t) ldc);

  if (kernel)
    g_assert_true(nn_sgemm_using(kernel, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc));
  else
    nn_sgemm(ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);

  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N; j++) {
      double sum = 0.0, abs_sum = 0.0;
      for (int p = 0; p < K; p++) {
        double a = ta ? A[(size_t) p * lda + i] : A[(size_t) i * lda + p];
        double b = tb ? B[(size_t) j * ldb + p] : B[(size_t) p * ldb + j];
        sum += a * b;
        abs_sum += fabs(a * b);
      }
      double c0 = beta == 0.0f ? 0.0 : C0[(size_t) i * ldc + j];
      double want = alpha * sum + beta * c0;
      double tol = (K + 2) * FLT_EPSILON * (fabs(alpha) * abs_sum + fabs(beta * c0)) + 1e-30;
      double got = C[(size_t) i * ldc + j];
      if (!(fabs(got - want) <= tol))
        g_error("%s %c%c M=%d N=%d K=%d alpha=%g beta=%g pad=%d: C[%d][%d] = %.9g, want %.9g "
                "(tolerance %.3g)",
                kernel ? kernel : "default", ta ? 'T' : 'N', tb ? 'T' : 'N', M, N, K, alpha, beta,
                pad, i, j, got, want, tol);
    }
    for (int j = N; j < ldc; j++)
      g_assert_true(memcmp(&C[(size_t) i * ldc + j], &C0[(size_t) i * ldc + j], sizeof(float)) ==
                    0);
  }
  g_free(A);
  g_free(B);
  g_free(C);
  g_free(C0);
}

static void test_gemm_all_cases(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 1, 0);
  for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++)
    for (int t = 0; t < 4; t++)
      check_product(NULL, t & 1, t & 2, sizes[s].M, sizes[s].N, sizes[s].K, 1.0f, 0.0f, 0, &rng);
}

/* Every kernel this processor can run, not only the one it picks: another machine will pick
 * another. Each has its own tile (8 × 32, 6 × 16, 4 × 16), so the sizes cross its edges. */
static void test_gemm_every_kernel(void)
{
  static const char *const names[] = {"avx512", "avx2", "generic"};
  nn_rng rng;
  nn_rng_seed(&rng, 4, 0);
  float x = 1.0f, y = 2.0f, z = 0.0f;
  g_assert_false(
      nn_sgemm_using("no-such-kernel", false, false, 1, 1, 1, 1.0f, &x, 1, &y, 1, 0.0f, &z, 1));
  for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
    if (!nn_sgemm_using(names[k], false, false, 1, 1, 1, 1.0f, &x, 1, &y, 1, 0.0f, &z, 1)) {
      g_test_message("kernel %s: not available on this processor", names[k]);
      continue;
    }
    g_assert_cmpfloat(z, ==, 2.0f);
    for (int t = 0; t < 4; t++) {
      check_product(names[k], t & 1, t & 2, 7, 13, 5, 1.0f, 0.0f, 0, &rng);
      check_product(names[k], t & 1, t & 2, 13, 37, 300, -0.5f, 1.0f, 2, &rng);
      check_product(names[k], t & 1, t & 2, 97, 289, 257, 1.0f, 0.0f, 0, &rng);
    }
  }
}

static void test_gemm_alpha_beta_and_strides(void)
{
  static const float coef[][2] = {{1.0f, 1.0f}, {0.5f, 1.0f}, {-2.0f, 0.25f}, {1.0f, -1.0f}};
  nn_rng rng;
  nn_rng_seed(&rng, 2, 0);
  for (size_t c = 0; c < G_N_ELEMENTS(coef); c++)
    for (int t = 0; t < 4; t++) {
      check_product(NULL, t & 1, t & 2, 7, 13, 5, coef[c][0], coef[c][1], 3, &rng);
      check_product(NULL, t & 1, t & 2, 97, 289, 257, coef[c][0], coef[c][1], 1, &rng);
    }
}

/* K = 0 and alpha = 0 leave beta·C; beta = 0 then writes zeros. */
static void test_gemm_degenerate(void)
{
  float A[4] = {1, 2, 3, 4}, B[4] = {5, 6, 7, 8};
  float C[4] = {1, -2, 3, NAN};
  nn_sgemm(false, false, 2, 2, 0, 1.0f, A, 1, B, 2, 2.0f, C, 2);
  g_assert_cmpfloat(C[0], ==, 2.0f);
  g_assert_cmpfloat(C[1], ==, -4.0f);
  g_assert_true(isnan(C[3]));
  nn_sgemm(false, false, 2, 2, 2, 0.0f, A, 2, B, 2, 0.0f, C, 2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat(C[i], ==, 0.0f);
  /* [[1,2],[3,4]]·[[5,6],[7,8]] by hand. */
  nn_sgemm(false, false, 2, 2, 2, 1.0f, A, 2, B, 2, 0.0f, C, 2);
  g_assert_cmpfloat(C[0], ==, 19.0f);
  g_assert_cmpfloat(C[1], ==, 22.0f);
  g_assert_cmpfloat(C[2], ==, 43.0f);
  g_assert_cmpfloat(C[3], ==, 50.0f);
  /* Aᵀ·Bᵀ = (B·A)ᵀ = [[23,31],[34,46]]ᵀ. */
  nn_sgemm(true, true, 2, 2, 2, 1.0f, A, 2, B, 2, 0.0f, C, 2);
  g_assert_cmpfloat(C[0], ==, 23.0f);
  g_assert_cmpfloat(C[1], ==, 31.0f);
  g_assert_cmpfloat(C[2], ==, 34.0f);
  g_assert_cmpfloat(C[3], ==, 46.0f);
}

/* The same inputs give the same bits, call after call. */
static void test_gemm_deterministic(void)
{
  enum { M = 61, N = 300, K = 700 };
  nn_rng rng;
  nn_rng_seed(&rng, 3, 0);
  float *A = g_new(float, M *K), *B = g_new(float, K *N);
  float *C1 = g_new0(float, M *N), *C2 = g_new0(float, M *N); /* compared whole rows: zeroed */
  fill(A, M * K, &rng);
  fill(B, K * N, &rng);
  nn_sgemm(false, true, M, N / 3, K, 1.0f, A, K, B, K, 0.0f, C1, N);
  nn_sgemm(false, true, M, N / 3, K, 1.0f, A, K, B, K, 0.0f, C2, N);
  g_assert_true(memcmp(C1, C2, sizeof(float) * (size_t) M * (N / 3)) == 0);
  g_free(A);
  g_free(B);
  g_free(C1);
  g_free(C2);
}

/* nn_sgemm_gather: A read through offset tables, B either way, C through strides (the row-major
 * and the transposed layout) or row offsets, against the same double reference and bound.
 * Sizes cross the gathered blocks (K = 512, N = 64) and every tile edge. */
static void check_gather(const char *kernel, int M, int N, int K, bool tb, bool c_transposed,
                         float beta, nn_rng *rng)
{
  const int S = 1000;
  float *src = g_new(float, S);
  int32_t *row_off = g_new(int32_t, M), *col_off = g_new(int32_t, K);
  int ldb = tb ? K : N;
  float *B = g_new(float, (size_t) K *N), *C = g_new(float, (size_t) M *N);
  float *C0 = g_new(float, (size_t) M *N);
  fill(src, S, rng);
  fill(B, (size_t) K * N, rng);
  fill(C0, (size_t) M * N, rng);
  for (int i = 0; i < M; i++)
    row_off[i] = (int32_t) nn_rng_below(rng, S / 2);
  for (int p = 0; p < K; p++)
    col_off[p] = (int32_t) nn_rng_below(rng, S / 2);
  ptrdiff_t rs = c_transposed ? 1 : N, cs = c_transposed ? M : 1;
  nn_gemm_view A = {.data = src, .row_off = row_off, .col_off = col_off};
  nn_gemm_view Bv = {.data = B, .row_stride = tb ? 1 : ldb, .col_stride = tb ? ldb : 1};
  /* Half the cases address C's rows (and B's rows) through offset tables instead. */
  int32_t *c_off = NULL, *b_off = NULL;
  if (beta != 0.0f) {
    c_off = g_new(int32_t, M);
    for (int i = 0; i < M; i++)
      c_off[i] = (int32_t) (i * rs);
    b_off = g_new(int32_t, K);
    for (int p = 0; p < K; p++)
      b_off[p] = (int32_t) (p * Bv.row_stride);
    Bv.row_off = b_off;
  }
  memcpy(C, C0, sizeof(float) * (size_t) M * N);
  if (kernel)
    g_assert_true(nn_sgemm_gather_using(kernel, M, N, K, A, Bv, beta, C, c_off, rs, cs));
  else
    nn_sgemm_gather(M, N, K, A, Bv, beta, C, c_off, rs, cs);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      double sum = 0.0, abs_sum = 0.0;
      for (int p = 0; p < K; p++) {
        double a = src[row_off[i] + col_off[p]];
        double b = tb ? B[(size_t) j * ldb + p] : B[(size_t) p * ldb + j];
        sum += a * b;
        abs_sum += fabs(a * b);
      }
      double c0 = beta == 0.0f ? 0.0 : C0[i * rs + j * cs];
      double want = sum + beta * c0, got = C[i * rs + j * cs];
      double tol = (K + 2) * FLT_EPSILON * (abs_sum + fabs(beta * c0)) + 1e-30;
      if (!(fabs(got - want) <= tol))
        g_error("gather %s M=%d N=%d K=%d tb=%d ct=%d: C[%d][%d] = %.9g, want %.9g",
                kernel ? kernel : "default", M, N, K, tb, c_transposed, i, j, got, want);
    }
  g_free(src), g_free(row_off), g_free(col_off), g_free(B), g_free(C), g_free(C0);
  g_free(c_off), g_free(b_off);
}

static void test_gemm_gather(void)
{
  static const case_dims dims[] = {{1, 1, 1},     {7, 13, 5},   {97, 33, 600}, {20, 70, 50},
                                   {200, 16, 25}, {9, 32, 513}, {16, 100, 3}};
  static const char *const names[] = {NULL, "avx512", "avx2", "generic"};
  nn_rng rng;
  nn_rng_seed(&rng, 5, 0);
  for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
    float x = 1.0f, y = 2.0f, z = 0.0f;
    int32_t zero = 0;
    nn_gemm_view one = {.data = &x, .row_off = &zero, .col_off = &zero};
    nn_gemm_view two = {.data = &y, .row_stride = 1, .col_stride = 1};
    if (names[k] && !nn_sgemm_gather_using(names[k], 1, 1, 1, one, two, 0.0f, &z, NULL, 1, 1))
      continue;
    for (size_t d = 0; d < G_N_ELEMENTS(dims); d++)
      for (int t = 0; t < 4; t++)
        check_gather(names[k], dims[d].M, dims[d].N, dims[d].K, t & 1, t & 2, d % 2 ? 1.0f : 0.0f,
                     &rng);
  }
}

static void test_gemm_kernel_name(void)
{
  const char *name = nn_sgemm_kernel_name();
  g_assert_true(g_str_equal(name, "avx512") || g_str_equal(name, "avx2") ||
                g_str_equal(name, "generic"));
  g_test_message("micro-kernel: %s", name);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/gemm/all-cases", test_gemm_all_cases);
  g_test_add_func("/gemm/every-kernel", test_gemm_every_kernel);
  g_test_add_func("/gemm/alpha-beta-strides", test_gemm_alpha_beta_and_strides);
  g_test_add_func("/gemm/degenerate", test_gemm_degenerate);
  g_test_add_func("/gemm/deterministic", test_gemm_deterministic);
  g_test_add_func("/gemm/gather", test_gemm_gather);
  g_test_add_func("/gemm/kernel-name", test_gemm_kernel_name);
  return g_test_run();
}
