/* nn_gemm.c — C = alpha·op(A)·op(B) + beta·C, GotoBLAS/BLIS style, in plain C.
 *
 * Loop nest (outermost first), each level chosen so its operands stay in one cache level:
 *   jc: N in blocks of NC columns
 *     pc: K in blocks of KC     → pack op(B)[pc.., jc..] into KC × NR slivers (L2/L3)
 *       ic: M in blocks of MC   → pack op(A)[ic.., pc..] into MR × KC slivers (L2)
 *         jr, ir: MR × NR tiles → micro-kernel: KC rank-1 updates held in registers
 * Packing also resolves the transposes, so one micro-kernel serves all four cases, and pads
 * ragged edges with zeros so the kernel never branches; edge tiles go through a small buffer.
 * The gathered variant (nn_sgemm_gather) skips packing A: its kernel reads each A element
 * through two offset tables, which is how a convolution multiplies by its im2col matrix
 * without building it.
 */
/* GCC turns short copy and zero loops (packing runs of 4 to 32 floats) into memcpy and memset
 * calls, which cost more than the loops they replace. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#include "nn_gemm.h"
#include "nn_base.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* KC·NR·4 bytes of B (32 KB for NR = 32) fit L1 next to the A sliver; MC·KC·4 = 96 KB of A sit
 * in L2. MC must be a multiple of every kernel's MR and NC of every NR. The gathered variant
 * packs only B, whose N (a layer's channels) is small: a deeper block keeps a whole
 * convolution's taps (Cin·k·k ≤ 512) in one pass over C. */
#define GEMM_KC     256
#define GEMM_MC     96
#define GEMM_NC     288
#define GATHER_KC   512
#define GATHER_NC   64
#define GEMM_MAX_MR 8
#define GEMM_MAX_NR 32

/* The tile's rows are unrolled so the compiler vectorises along j (the contiguous dimension)
 * instead of gathering across rows. GCC then keeps the tile in registers by itself; clang needs
 * both loops fully unrolled (a plain unroll count is applied before MR is known) and leave to
 * use 512-bit vectors (it prefers 256 by default). */
#ifdef __clang__
#define UNROLL_ROWS    _Pragma("clang loop unroll(full)")
#define UNROLL_COLUMNS _Pragma("clang loop unroll(full)")
#define WIDE_VECTORS   __attribute__((min_vector_width(512)))
#else
#define UNROLL_ROWS _Pragma("GCC unroll 16")
#define UNROLL_COLUMNS
#define WIDE_VECTORS
#endif

/* c (MR × NR, row stride ldc) = beta·c + Σ_p a(·, p) ⊗ b[p], b packed as kc × NR. */
typedef void gemm_kernel_fn(int kc, const float *restrict a, const float *restrict b,
                            float *restrict c, int ldc, float beta);
/* The same with a(i, p) = src[roff[i] + poff[p]]. */
typedef void gather_kernel_fn(int kc, const float *restrict src, const int32_t *restrict roff,
                              const int32_t *restrict poff, const float *restrict b,
                              float *restrict c, int ldc, float beta);

/* Full MR × NR kernels and half-width MR × NR/2 ones for the last columns, so N = 100 or 196
 * does not pay for 28 columns of zeros. */
typedef struct gemm_kernel {
  const char *name;
  int mr, nr;
  gemm_kernel_fn *run, *run_half;
  gather_kernel_fn *gather, *gather_half;
} gemm_kernel;

/* The dense micro-kernels read only the packed panels this file fills (every read of the
 * callers' matrices happens in pack_a / pack_b, which stay instrumented). Sanitizers make them
 * ~50 times slower — a lesson test then runs for minutes — and would only check this file's
 * own indexing, which test-gemm checks against a naive product at every block boundary. The
 * gathered kernels read the convolution's tensors through offset tables nn_conv builds; their
 * indexing is checked the same way (test-gemm's gathered products against naive ones, and
 * every Conv2d shape's gradients against finite differences in test-ops and test-model-grad),
 * so they run bare too: instrumented, lesson 26's CNN trained at 140 samples/s under ASan. */
/* The inlined helpers carry the attribute too: GCC instruments a function's body where it is
 * written, so an instrumented helper inlined into a bare kernel would bring its checks along
 * (and keep the register tile on the stack). */
#define NOT_SANITIZED __attribute__((no_sanitize("address", "undefined")))

/* c = beta·c + acc, row by row (beta = 0 does not read c). */
static inline __attribute__((always_inline)) NOT_SANITIZED void store_tile(const int MR, const int NR,
                                                             const float *restrict acc,
                                                             float *restrict c, int ldc, float beta)
{
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

/* c (MR × NR) = beta·c + Σ_p a[p] ⊗ b[p], with a packed as kc × MR and b as kc × NR. MR and NR
 * are constants once inlined, so the compiler unrolls the tile, keeps acc in vector registers
 * and vectorises along NR. The sum over p runs in order: bits do not depend on the vector width
 * chosen. */
static inline __attribute__((always_inline)) NOT_SANITIZED void
tile_kernel(const int MR, const int NR, const bool fused, int kc, const float *restrict a,
            const float *restrict b, float *restrict c, int ldc, float beta)
{
  float acc[GEMM_MAX_MR * GEMM_MAX_NR] = {0};
  for (int p = 0; p < kc; p++) {
    const float *restrict bp = b + (size_t) p * NR;
    UNROLL_ROWS for (int i = 0; i < MR; i++)
    {
      float ai = a[(size_t) p * MR + i];
      UNROLL_COLUMNS for (int j = 0; j < NR; j++) acc[i * NR + j] =
          fused ? fmaf(ai, bp[j], acc[i * NR + j]) : acc[i * NR + j] + ai * bp[j];
    }
  }
  store_tile(MR, NR, acc, c, ldc, beta);
}

/* As tile_kernel with a(i, p) = src[roff[i] + poff[p]]: the MR row offsets stay in registers
 * and each step loads MR scalars where tile_kernel loads a packed column. */
static inline __attribute__((always_inline)) NOT_SANITIZED void
gather_tile_kernel(const int MR, const int NR, const bool fused, int kc, const float *restrict src,
                   const int32_t *restrict roff, const int32_t *restrict poff,
                   const float *restrict b, float *restrict c, int ldc, float beta)
{
  float acc[GEMM_MAX_MR * GEMM_MAX_NR] = {0};
  ptrdiff_t r[GEMM_MAX_MR];
  for (int i = 0; i < MR; i++)
    r[i] = roff[i];
  for (int p = 0; p < kc; p++) {
    const float *restrict x = src + poff[p];
    const float *restrict bp = b + (size_t) p * NR;
    UNROLL_ROWS for (int i = 0; i < MR; i++)
    {
      float ai = x[r[i]];
      UNROLL_COLUMNS for (int j = 0; j < NR; j++) acc[i * NR + j] =
          fused ? fmaf(ai, bp[j], acc[i * NR + j]) : acc[i * NR + j] + ai * bp[j];
    }
  }
  store_tile(MR, NR, acc, c, ldc, beta);
}

/* The four kernels of one instruction set: dense and gathered, full and half width. */
#define DEFINE_KERNELS(isa, attrs, MR, NR, FUSED)                                                  \
  attrs NOT_SANITIZED static void kernel_##isa(int kc, const float *restrict a,                    \
                                               const float *restrict b, float *restrict c,         \
                                               int ldc, float beta)                                \
  {                                                                                                \
    tile_kernel(MR, NR, FUSED, kc, a, b, c, ldc, beta);                                            \
  }                                                                                                \
  attrs NOT_SANITIZED static void kernel_##isa##_half(int kc, const float *restrict a,             \
                                                      const float *restrict b, float *restrict c,  \
                                                      int ldc, float beta)                         \
  {                                                                                                \
    tile_kernel(MR, NR / 2, FUSED, kc, a, b, c, ldc, beta);                                        \
  }                                                                                                \
  attrs NOT_SANITIZED static void gather_##isa(int kc, const float *restrict src, const int32_t *restrict roff,  \
                                 const int32_t *restrict poff, const float *restrict b,            \
                                 float *restrict c, int ldc, float beta)                           \
  {                                                                                                \
    gather_tile_kernel(MR, NR, FUSED, kc, src, roff, poff, b, c, ldc, beta);                       \
  }                                                                                                \
  attrs NOT_SANITIZED static void gather_##isa##_half(int kc, const float *restrict src,                         \
                                        const int32_t *restrict roff,                              \
                                        const int32_t *restrict poff, const float *restrict b,     \
                                        float *restrict c, int ldc, float beta)                    \
  {                                                                                                \
    gather_tile_kernel(MR, NR / 2, FUSED, kc, src, roff, poff, b, c, ldc, beta);                   \
  }

#if defined(__x86_64__) || defined(__i386__)
#define GEMM_X86 1
/* 16 zmm accumulators: enough independent FMAs to hide their latency on two units, and MR = 8
 * divides the channel counts (16, 32) and batch sizes convolutions and Linear see (12 × 32
 * measured no faster on these shapes and wastes a third of a 16-row problem). */
DEFINE_KERNELS(avx512, __attribute__((target("avx512f,avx2,fma"))) WIDE_VECTORS, 8, 32, true)
/* 12 of the 16 ymm registers hold the tile. */
DEFINE_KERNELS(avx2, __attribute__((target("avx2,fma"))), 6, 16, true)
#endif
/* SSE2 on every x86-64, or whatever the compiler targets elsewhere; no FMA assumed (fmaf would
 * be a library call). */
DEFINE_KERNELS(generic, , 4, 16, false)

typedef enum gemm_isa { ISA_AVX512, ISA_AVX2, ISA_ANY } gemm_isa;

/* Fastest first. */
static const struct {
  gemm_isa isa;
  gemm_kernel kernel;
} kernels[] = {
#ifdef GEMM_X86
    {ISA_AVX512,
     {"avx512", 8, 32, kernel_avx512, kernel_avx512_half, gather_avx512, gather_avx512_half}},
    {ISA_AVX2, {"avx2", 6, 16, kernel_avx2, kernel_avx2_half, gather_avx2, gather_avx2_half}},
#endif
    {ISA_ANY,
     {"generic", 4, 16, kernel_generic, kernel_generic_half, gather_generic, gather_generic_half}},
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

/* The named kernel (NULL: the fastest available), or NULL when unknown or not runnable here. */
static const gemm_kernel *find_kernel(const char *name)
{
  for (size_t i = 0; i < NN_N_ELEMENTS(kernels); i++)
    if ((!name || strcmp(kernels[i].kernel.name, name) == 0) && isa_available(kernels[i].isa))
      return &kernels[i].kernel;
  return NULL;
}

const char *nn_sgemm_kernel_name(void)
{
  return find_kernel(NULL)->name;
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

/* Row i of C starts at C + row_base[i]; column j is j·cs further. */

/* C := beta·C over rows × cols (beta = 0 writes zeros without reading C, as BLAS does). */
static void scale_c(int rows, int cols, float beta, float *C, const ptrdiff_t *row_base,
                    ptrdiff_t cs)
{
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++) {
      float *c = C + row_base[i] + j * cs;
      *c = beta == 0.0f ? 0.0f : beta * *c;
    }
}

/* Merges a computed rows × cols tile (row stride `width`) into C. */
static void merge_tile(const float *edge, int width, int rows, int cols, float *C,
                       const ptrdiff_t *row_base, ptrdiff_t cs, float beta)
{
  /* Column by column: when consecutive rows are adjacent in memory (a transposed C) each j
   * writes `rows` consecutive floats. */
  for (int j = 0; j < cols; j++)
    for (int i = 0; i < rows; i++) {
      float *c = C + row_base[i] + j * cs;
      float e = edge[(size_t) i * width + j];
      *c = beta == 0.0f ? e : beta * *c + e;
    }
}

/* Runs the dense kernel on one rows × cols tile of C whose B sliver is `width` wide; a ragged
 * tile is computed into `edge` and its valid part merged. */
static void run_tile(const gemm_kernel *k, int kc, const float *ap, const float *bp, float *C,
                     int ldc, int rows, int cols, int width, float beta)
{
  gemm_kernel_fn *run = width == k->nr ? k->run : k->run_half;
  if (rows == k->mr && cols == width) {
    run(kc, ap, bp, C, ldc, beta);
    return;
  }
  _Alignas(64) float edge[GEMM_MAX_MR * GEMM_MAX_NR];
  ptrdiff_t row_base[GEMM_MAX_MR];
  for (int i = 0; i < rows; i++)
    row_base[i] = (ptrdiff_t) i * ldc;
  run(kc, ap, bp, edge, width, 0.0f);
  merge_tile(edge, width, rows, cols, C, row_base, 1, beta);
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

static void gemm_blocked(const gemm_kernel *k, bool trans_a, bool trans_b, int M, int N, int K,
                         float alpha, const float *A, int lda, const float *B, int ldb, float beta,
                         float *C, int ldc)
{
  assert(M >= 0 && N >= 0 && K >= 0);
  assert(ldc >= N && lda >= (trans_a ? M : K) && ldb >= (trans_b ? K : N));
  if (M == 0 || N == 0)
    return;
  if (K == 0 || alpha == 0.0f) {
    for (int i = 0; beta != 1.0f && i < M; i++)
      scale_c(1, N, beta, C + (size_t) i * ldc, (ptrdiff_t[]){0}, 1);
    return;
  }

  const gemm_operands g = {A, B, lda, ldb, trans_a, trans_b};
  const int NC = block_size(N, GEMM_NC, k->nr), KC = block_size(K, GEMM_KC, 1),
            MC = block_size(M, GEMM_MC, k->mr);
  _Alignas(64) float ap[GEMM_MC * GEMM_KC];
  _Alignas(64) float bp[GEMM_KC * GEMM_NC];

  for (int jc = 0; jc < N; jc += NC) {
    int nc = NN_MIN(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      int kc = NN_MIN(KC, K - pc);
      /* The first K block applies beta; later ones add to what it left. */
      float block_beta = pc == 0 ? beta : 1.0f;
      pack_b(&g, pc, kc, jc, nc, k->nr, bp);
      for (int ic = 0; ic < M; ic += MC) {
        int mc = NN_MIN(MC, M - ic);
        pack_a(&g, ic, mc, pc, kc, k->mr, alpha, ap);
        for (int jr = 0; jr < nc; jr += k->nr) {
          int cols = NN_MIN(k->nr, nc - jr), width = sliver_width(jr, nc, k->nr);
          for (int ir = 0; ir < mc; ir += k->mr) {
            float *c = C + (size_t) (ic + ir) * ldc + jc + jr;
            run_tile(k, kc, ap + (size_t) ir * kc, bp + (size_t) jr * kc, c, ldc,
                     NN_MIN(k->mr, mc - ir), cols, width, block_beta);
          }
        }
      }
    }
  }
}

void nn_sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc)
{
  gemm_blocked(find_kernel(NULL), trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

bool nn_sgemm_using(const char *kernel, bool trans_a, bool trans_b, int M, int N, int K,
                    float alpha, const float *A, int lda, const float *B, int ldb, float beta,
                    float *C, int ldc)
{
  const gemm_kernel *k = find_kernel(kernel);
  if (!k)
    return false;
  gemm_blocked(k, trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  return true;
}

/* ---- gathered A, views for B and C ---- */

static ptrdiff_t view_row(const nn_gemm_view *v, int i)
{
  return v->row_off ? v->row_off[i] : i * v->row_stride;
}

static ptrdiff_t view_col(const nn_gemm_view *v, int j)
{
  return v->col_off ? v->col_off[j] : j * v->col_stride;
}

/* pack_b for a view: op(B)[p0 .. p0+kc, j0 .. j0+nc] as kc × width slivers, zero-padded. */
static void pack_b_view(const nn_gemm_view *B, int p0, int kc, int j0, int nc, int NR,
                        float *restrict bp)
{
  const bool contiguous = !B->col_off && B->col_stride == 1;
  for (int s = 0; s < nc; s += NR) {
    int cols = NN_MIN(NR, nc - s), width = sliver_width(s, nc, NR);
    float *restrict dst = bp + (size_t) s * kc;
    for (int p = 0; p < kc; p++) {
      const float *row = B->data + view_row(B, p0 + p);
      if (contiguous)
        for (int j = 0; j < cols; j++)
          dst[p * width + j] = row[j0 + s + j];
      else
        for (int j = 0; j < cols; j++)
          dst[p * width + j] = row[view_col(B, j0 + s + j)];
      for (int j = cols; j < width; j++)
        dst[p * width + j] = 0.0f;
    }
  }
}

static void gather_blocked(const gemm_kernel *k, int M, int N, int K, const nn_gemm_view *A,
                           const nn_gemm_view *B, float beta, float *C, const int32_t *c_row_off,
                           ptrdiff_t rs, ptrdiff_t cs)
{
  assert(M >= 0 && N >= 0 && K >= 0);
  assert(A->row_off && A->col_off);
  if (M == 0 || N == 0)
    return;
  const int NC = block_size(N, GATHER_NC, k->nr), KC = block_size(K, GATHER_KC, 1);
  _Alignas(64) float bp[GATHER_KC * GATHER_NC];
  _Alignas(64) float edge[GEMM_MAX_MR * GEMM_MAX_NR];
  /* Direct stores from the kernel need plain rows with adjacent columns. */
  const bool plain_c = !c_row_off && cs == 1;

  for (int ir = 0; ir < M && K == 0 && beta != 1.0f; ir++) {
    ptrdiff_t base = c_row_off ? c_row_off[ir] : ir * rs;
    scale_c(1, N, beta, C, &base, cs);
  }
  for (int jc = 0; K > 0 && jc < N; jc += NC) {
    int nc = NN_MIN(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      int kc = NN_MIN(KC, K - pc);
      float block_beta = pc == 0 ? beta : 1.0f;
      pack_b_view(B, pc, kc, jc, nc, k->nr, bp);
      for (int ir = 0; ir < M; ir += k->mr) {
        int rows = NN_MIN(k->mr, M - ir);
        /* Rows past M repeat a valid offset: computed, then dropped. */
        int32_t roff[GEMM_MAX_MR];
        ptrdiff_t row_base[GEMM_MAX_MR];
        for (int i = 0; i < k->mr; i++)
          roff[i] = A->row_off[ir + NN_MIN(i, rows - 1)];
        for (int i = 0; i < rows; i++)
          row_base[i] = (c_row_off ? c_row_off[ir + i] : (ir + i) * rs) + jc * cs;
        for (int jr = 0; jr < nc; jr += k->nr) {
          int cols = NN_MIN(k->nr, nc - jr), width = sliver_width(jr, nc, k->nr);
          gather_kernel_fn *run = width == k->nr ? k->gather : k->gather_half;
          const float *b = bp + (size_t) jr * kc;
          if (plain_c && rows == k->mr && cols == width) {
            run(kc, A->data, roff, A->col_off + pc, b, C + row_base[0] + jr, (int) rs, block_beta);
          } else {
            run(kc, A->data, roff, A->col_off + pc, b, edge, width, 0.0f);
            merge_tile(edge, width, rows, cols, C + jr * cs, row_base, cs, block_beta);
          }
        }
      }
    }
  }
}

int nn_sgemm_gather_depth(int K)
{
  return K < 1 ? 1 : block_size(K, GATHER_KC, 1);
}

void nn_sgemm_gather(int M, int N, int K, nn_gemm_view A, nn_gemm_view B, float beta, float *C,
                     const int32_t *c_row_off, ptrdiff_t c_row_stride, ptrdiff_t c_col_stride)
{
  gather_blocked(find_kernel(NULL), M, N, K, &A, &B, beta, C, c_row_off, c_row_stride,
                 c_col_stride);
}

bool nn_sgemm_gather_using(const char *kernel, int M, int N, int K, nn_gemm_view A, nn_gemm_view B,
                           float beta, float *C, const int32_t *c_row_off, ptrdiff_t c_row_stride,
                           ptrdiff_t c_col_stride)
{
  const gemm_kernel *k = find_kernel(kernel);
  if (!k)
    return false;
  gather_blocked(k, M, N, K, &A, &B, beta, C, c_row_off, c_row_stride, c_col_stride);
  return true;
}
