/* nn_gemm.c — C = alpha·op(A)·op(B) + beta·C, GotoBLAS/BLIS style, in plain C.
 *
 * Loop nest (outermost first), each level chosen so its operands stay in one cache level:
 *   jc: N in blocks of NC columns
 *     pc: K in blocks of KC     → pack op(B)[pc.., jc..] into KC × NR slivers (L2/L3)
 *       ic: M in blocks of MC   → pack op(A)[ic.., pc..] into MR × KC slivers (L2)
 *         jr, ir: MR × NR tiles → micro-kernel: KC rank-1 updates held in registers
 * Packing also resolves the transposes, so one micro-kernel serves all four cases, and pads
 * ragged edges with zeros so the kernel never branches; edge tiles go through a small buffer.
 */
#include "nn_gemm.h"
#include "nn_base.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* KC·NR·4 bytes of B (32 KB for NR = 32) fit L1 next to the A sliver; MC·KC·4 = 96 KB of A sit
 * in L2. MC must be a multiple of every kernel's MR and NC of every NR. */
#define GEMM_KC     256
#define GEMM_MC     96
#define GEMM_NC     288
#define GEMM_MAX_MR 8
#define GEMM_MAX_NR 32

typedef void gemm_kernel_fn(int kc, const float *restrict a, const float *restrict b,
                            float *restrict c, int ldc, float beta);

/* A full MR × NR kernel and a half-width MR × NR/2 one for the last columns, so N = 100 or
 * 196 does not pay for 28 or 28 columns of zeros. */
typedef struct gemm_kernel {
  const char *name;
  int mr, nr;
  gemm_kernel_fn *run, *run_half;
} gemm_kernel;

/* c (MR × NR, row stride ldc) = beta·c + Σ_p a[p] ⊗ b[p], with a packed as KC × MR and b as
 * KC × NR. MR and NR are constants once inlined, so the compiler unrolls the tile, keeps acc in
 * vector registers and vectorises along NR. The sum over p runs in order: bits do not depend
 * on the vector width chosen. */
static inline __attribute__((always_inline)) void
tile_kernel(const int MR, const int NR, const bool fused, int kc, const float *restrict a,
            const float *restrict b, float *restrict c, int ldc, float beta)
{
  float acc[GEMM_MAX_MR * GEMM_MAX_NR] = {0};
  for (int p = 0; p < kc; p++) {
    const float *restrict bp = b + (size_t) p * NR;
    /* Unrolling the rows makes the compiler vectorise along j (the contiguous dimension)
     * instead of gathering across rows. */
    _Pragma("GCC unroll 16") for (int i = 0; i < MR; i++)
    {
      float ai = a[(size_t) p * MR + i];
      for (int j = 0; j < NR; j++)
        acc[i * NR + j] = fused ? fmaf(ai, bp[j], acc[i * NR + j]) : acc[i * NR + j] + ai * bp[j];
    }
  }
  for (int i = 0; i < MR; i++) {
    float *restrict ci = c + (size_t) i * ldc;
    const float *ai = acc + i * NR;
    if (beta == 0.0f)
      for (int j = 0; j < NR; j++)
        ci[j] = ai[j];
    else if (beta == 1.0f)
      for (int j = 0; j < NR; j++)
        ci[j] += ai[j];
    else
      for (int j = 0; j < NR; j++)
        ci[j] = beta * ci[j] + ai[j];
  }
}

#if defined(__x86_64__) || defined(__i386__)
#define GEMM_X86 1

/* 16 zmm accumulators: enough independent FMAs to hide their latency on two units, and
 * MR = 8 divides the channel counts (16, 32) and batch sizes convolutions and Linear see
 * (12 × 32 measured no faster on these shapes and wastes a third of a 16-row problem). */
__attribute__((target("avx512f,avx2,fma"))) static void
kernel_avx512(int kc, const float *restrict a, const float *restrict b, float *restrict c, int ldc,
              float beta)
{
  tile_kernel(8, 32, true, kc, a, b, c, ldc, beta);
}

__attribute__((target("avx512f,avx2,fma"))) static void
kernel_avx512_half(int kc, const float *restrict a, const float *restrict b, float *restrict c,
                   int ldc, float beta)
{
  tile_kernel(8, 16, true, kc, a, b, c, ldc, beta);
}

/* 12 of the 16 ymm registers hold the tile. */
__attribute__((target("avx2,fma"))) static void kernel_avx2(int kc, const float *restrict a,
                                                            const float *restrict b,
                                                            float *restrict c, int ldc, float beta)
{
  tile_kernel(6, 16, true, kc, a, b, c, ldc, beta);
}

__attribute__((target("avx2,fma"))) static void kernel_avx2_half(int kc, const float *restrict a,
                                                                 const float *restrict b,
                                                                 float *restrict c, int ldc,
                                                                 float beta)
{
  tile_kernel(6, 8, true, kc, a, b, c, ldc, beta);
}
#endif

/* SSE2 on every x86-64, or whatever the compiler targets elsewhere; no FMA assumed (fmaf would
 * be a library call). */
static void kernel_generic(int kc, const float *restrict a, const float *restrict b,
                           float *restrict c, int ldc, float beta)
{
  tile_kernel(4, 16, false, kc, a, b, c, ldc, beta);
}

static void kernel_generic_half(int kc, const float *restrict a, const float *restrict b,
                                float *restrict c, int ldc, float beta)
{
  tile_kernel(4, 8, false, kc, a, b, c, ldc, beta);
}

typedef enum gemm_isa { ISA_AVX512, ISA_AVX2, ISA_ANY } gemm_isa;

/* Fastest first. */
static const struct {
  gemm_isa isa;
  gemm_kernel kernel;
} kernels[] = {
#ifdef GEMM_X86
    {ISA_AVX512, {"avx512", 8, 32, kernel_avx512, kernel_avx512_half}},
    {ISA_AVX2, {"avx2", 6, 16, kernel_avx2, kernel_avx2_half}},
#endif
    {ISA_ANY, {"generic", 4, 16, kernel_generic, kernel_generic_half}},
};

/* __builtin_cpu_supports reads flags the runtime filled in at start-up: cheap enough to ask on
 * every call, and no state of our own. */
static bool isa_available(gemm_isa isa)
{
#ifdef GEMM_X86
  bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (isa == ISA_AVX512)
    return avx2 && __builtin_cpu_supports("avx512f");
  if (isa == ISA_AVX2)
    return avx2;
#endif
  return isa == ISA_ANY;
}

static const gemm_kernel *pick_kernel(void)
{
  size_t i = 0;
  while (!isa_available(kernels[i].isa))
    i++;
  return &kernels[i].kernel;
}

const char *nn_sgemm_kernel_name(void)
{
  return pick_kernel()->name;
}

/* The problem with its transposes, so the packing routines read op(A) and op(B) directly. */
typedef struct gemm_operands {
  const float *A, *B;
  int lda, ldb;
  bool trans_a, trans_b;
} gemm_operands;

/* Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] as consecutive MR × kc slivers stored column by column
 * (ap[s·kc·MR + p·MR + i]), scaled by alpha; rows past mc are zero. */
static void pack_a(const gemm_operands *g, int i0, int mc, int p0, int kc, int MR, float alpha,
                   float *restrict ap)
{
  for (int s = 0; s < mc; s += MR) {
    int rows = NN_MIN(MR, mc - s);
    float *restrict dst = ap + (size_t) s * kc;
    if (g->trans_a) {
      /* op(A)(i, p) = A[p][i]: each p reads `rows` contiguous floats. */
      for (int p = 0; p < kc; p++) {
        const float *src = g->A + (size_t) (p0 + p) * g->lda + i0 + s;
        for (int i = 0; i < rows; i++)
          dst[p * MR + i] = alpha * src[i];
        for (int i = rows; i < MR; i++)
          dst[p * MR + i] = 0.0f;
      }
    } else {
      /* op(A)(i, p) = A[i][p]: each row is read contiguously, written with stride MR. */
      for (int i = 0; i < rows; i++) {
        const float *src = g->A + (size_t) (i0 + s + i) * g->lda + p0;
        for (int p = 0; p < kc; p++)
          dst[p * MR + i] = alpha * src[p];
      }
      for (int i = rows; i < MR; i++)
        for (int p = 0; p < kc; p++)
          dst[p * MR + i] = 0.0f;
    }
  }
}

/* Width of the B sliver starting at column s of an nc-wide block: a full NR, or NR/2 for a
 * last sliver that narrow (the half-width kernel then runs on it). */
static int sliver_width(int s, int nc, int NR)
{
  return nc - s <= NR / 2 ? NR / 2 : NR;
}

/* Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as consecutive kc × width slivers
 * (bp[s·kc + p·width + j]); columns past nc are zero. Only the last sliver can be narrow, so
 * sliver s always starts at s·kc. */
static void pack_b(const gemm_operands *g, int p0, int kc, int j0, int nc, int NR,
                   float *restrict bp)
{
  for (int s = 0; s < nc; s += NR) {
    int cols = NN_MIN(NR, nc - s), width = sliver_width(s, nc, NR);
    float *restrict dst = bp + (size_t) s * kc;
    if (g->trans_b) {
      /* op(B)(p, j) = B[j][p]: each column j is a contiguous row of B. */
      for (int j = 0; j < cols; j++) {
        const float *src = g->B + (size_t) (j0 + s + j) * g->ldb + p0;
        for (int p = 0; p < kc; p++)
          dst[p * width + j] = src[p];
      }
      for (int j = cols; j < width; j++)
        for (int p = 0; p < kc; p++)
          dst[p * width + j] = 0.0f;
    } else {
      for (int p = 0; p < kc; p++) {
        const float *src = g->B + (size_t) (p0 + p) * g->ldb + j0 + s;
        for (int j = 0; j < cols; j++)
          dst[p * width + j] = src[j];
        for (int j = cols; j < width; j++)
          dst[p * width + j] = 0.0f;
      }
    }
  }
}

/* C := beta·C (beta = 0 writes zeros without reading C, as BLAS does). */
static void scale_c(int M, int N, float beta, float *C, int ldc)
{
  for (int i = 0; i < M; i++) {
    float *restrict ci = C + (size_t) i * ldc;
    if (beta == 0.0f)
      memset(ci, 0, sizeof(float) * (size_t) N);
    else
      for (int j = 0; j < N; j++)
        ci[j] *= beta;
  }
}

/* Runs the kernel on one rows × cols tile of C whose B sliver is `width` wide; a ragged tile is
 * computed into `edge` and its valid part merged. */
static void run_tile(const gemm_kernel *k, int kc, const float *ap, const float *bp, float *C,
                     int ldc, int rows, int cols, int width, float beta)
{
  gemm_kernel_fn *run = width == k->nr ? k->run : k->run_half;
  if (rows == k->mr && cols == width) {
    run(kc, ap, bp, C, ldc, beta);
    return;
  }
  _Alignas(64) float edge[GEMM_MAX_MR * GEMM_MAX_NR];
  run(kc, ap, bp, edge, width, 0.0f);
  for (int i = 0; i < rows; i++) {
    float *restrict ci = C + (size_t) i * ldc;
    const float *ei = edge + (size_t) i * width;
    for (int j = 0; j < cols; j++)
      ci[j] = beta == 0.0f ? ei[j] : beta * ci[j] + ei[j];
  }
}

/* Splits n into equal blocks of at most `most`, rounded up to a multiple of `unit`: K = 784
 * becomes 4 × 196 rather than 3 × 256 + 16 (a 16-deep block would run the kernel's epilogue
 * for very little work). Depends on n only, so sums keep their order from call to call. */
static int block_size(int n, int most, int unit)
{
  int blocks = (n + most - 1) / most;
  int size = (n + blocks - 1) / blocks;
  size = (size + unit - 1) / unit * unit;
  return NN_MIN(size, most);
}

static void gemm_blocked(const gemm_kernel *kp, bool trans_a, bool trans_b, int M, int N, int K,
                         float alpha, const float *A, int lda, const float *B, int ldb, float beta,
                         float *C, int ldc)
{
  assert(M >= 0 && N >= 0 && K >= 0);
  assert(ldc >= N && lda >= (trans_a ? M : K) && ldb >= (trans_b ? K : N));
  if (M == 0 || N == 0)
    return;
  if (K == 0 || alpha == 0.0f) {
    if (beta != 1.0f)
      scale_c(M, N, beta, C, ldc);
    return;
  }

  const gemm_kernel k = *kp;
  const gemm_operands g = {A, B, lda, ldb, trans_a, trans_b};
  const int NC = block_size(N, GEMM_NC, k.nr), KC = block_size(K, GEMM_KC, 1),
            MC = block_size(M, GEMM_MC, k.mr);
  _Alignas(64) float ap[GEMM_MC * GEMM_KC];
  _Alignas(64) float bp[GEMM_KC * GEMM_NC];

  for (int jc = 0; jc < N; jc += NC) {
    int nc = NN_MIN(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      int kc = NN_MIN(KC, K - pc);
      /* The first K block applies beta; later ones add to what it left. */
      float block_beta = pc == 0 ? beta : 1.0f;
      pack_b(&g, pc, kc, jc, nc, k.nr, bp);
      for (int ic = 0; ic < M; ic += MC) {
        int mc = NN_MIN(MC, M - ic);
        pack_a(&g, ic, mc, pc, kc, k.mr, alpha, ap);
        for (int jr = 0; jr < nc; jr += k.nr) {
          int cols = NN_MIN(k.nr, nc - jr), width = sliver_width(jr, nc, k.nr);
          for (int ir = 0; ir < mc; ir += k.mr) {
            float *c = C + (size_t) (ic + ir) * ldc + jc + jr;
            run_tile(&k, kc, ap + (size_t) ir * kc, bp + (size_t) jr * kc, c, ldc,
                     NN_MIN(k.mr, mc - ir), cols, width, block_beta);
          }
        }
      }
    }
  }
}

void nn_sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc)
{
  gemm_blocked(pick_kernel(), trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

bool nn_sgemm_using(const char *kernel, bool trans_a, bool trans_b, int M, int N, int K,
                    float alpha, const float *A, int lda, const float *B, int ldb, float beta,
                    float *C, int ldc)
{
  for (size_t i = 0; i < NN_N_ELEMENTS(kernels); i++) {
    if (strcmp(kernels[i].kernel.name, kernel) == 0) {
      if (!isa_available(kernels[i].isa))
        return false;
      gemm_blocked(&kernels[i].kernel, trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C,
                   ldc);
      return true;
    }
  }
  return false;
}
