/* nn_gemm.h — the engine's one single-precision matrix product (every Linear and Conv2d, forward
 * and backward, goes through it).
 *
 *   C (M × N) = alpha · op(A) · op(B) + beta · C        row-major, op(X) = X or Xᵀ
 *
 * op(A) is M × K: A is stored M × K (trans_a false, lda ≥ K) or K × M (trans_a true, lda ≥ M).
 * op(B) is K × N: B is stored K × N (trans_b false, ldb ≥ N) or N × K (trans_b true, ldb ≥ K).
 * C is M × N with ldc ≥ N and must not overlap A or B.
 *
 * How: cache blocking with packed panels (the BLIS/GotoBLAS loop nest) around a register-tiled
 * micro-kernel written in plain C; the kernel is compiled for AVX-512, AVX2+FMA and plain
 * x86-64 and the best one the processor supports is picked on each call (no state kept).
 *
 * Memory: nothing is allocated. The packing buffers live on the caller's stack, about
 * NN_GEMM_STACK_BYTES of it, so calls from several threads at once are safe (the default
 * 8 MB thread stack is ample).
 *
 * Determinism: the order of every sum depends only on M, N, K and the processor's kernel, never
 * on pointer alignment or timing: the same inputs give the same bits on the same machine.
 * As in BLAS, beta = 0 means C is not read (NaN in C is overwritten), and K = 0 or alpha = 0
 * leaves beta · C.
 */
#ifndef NN_GEMM_H
#define NN_GEMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NN_GEMM_STACK_BYTES (400 * 1024)

void nn_sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float *A, int lda,
              const float *B, int ldb, float beta, float *C, int ldc);

/* The micro-kernel nn_sgemm uses on this processor: "avx512", "avx2" or "generic" (for
 * benchmarks and reports). */
const char *nn_sgemm_kernel_name(void);

/* A matrix seen through offsets: element (i, j) is data[row(i) + col(j)] with
 * row(i) = row_off ? row_off[i] : i·row_stride and col(j) = col_off ? col_off[j] : j·col_stride.
 * A row-major matrix is {data, NULL, NULL, ld, 1}, its transpose {data, NULL, NULL, 1, ld}. */
typedef struct nn_gemm_view {
  const float *data;
  const int32_t *row_off, *col_off;
  ptrdiff_t row_stride, col_stride;
} nn_gemm_view;

/* C (M × N) = A · B + beta · C where A (M × K) is gathered through both its tables,
 *
 *   A[i][p] = A.data[A.row_off[i] + A.col_off[p]],
 *
 * B (K × N) is any view and C is written at C[(c_row_off ? c_row_off[i] : i·c_row_stride) +
 * j·c_col_stride]. A convolution's im2col matrix is such an A (row_off: where each output
 * pixel's window starts in a padded image, col_off: where each kernel tap sits in it, or the
 * other way round), so convolutions multiply by it without building it, and through C's
 * offsets the pixel-major product lands in channel-major tensors of several samples. Same
 * memory, threading and determinism guarantees as nn_sgemm; every offset must address a
 * readable (for C, writable) float. Direct kernel stores need c_row_off NULL and
 * c_col_stride 1; other layouts go through a small buffer. */
void nn_sgemm_gather(int M, int N, int K, nn_gemm_view A, nn_gemm_view B, float beta, float *C,
                     const int32_t *c_row_off, ptrdiff_t c_row_stride, ptrdiff_t c_col_stride);

/* The depth of the blocks of K that nn_sgemm_gather sums separately (each block's sum is then
 * added to C): code that computes the same product another way sums in these blocks, in order,
 * to give the same bits. */
int nn_sgemm_gather_depth(int K);

/* nn_sgemm and nn_sgemm_gather with a named micro-kernel, so tests cover the ones this
 * processor would not pick. Return false, doing nothing, for an unknown name or one the
 * processor cannot run. */
bool nn_sgemm_using(const char *kernel, bool trans_a, bool trans_b, int M, int N, int K,
                    float alpha, const float *A, int lda, const float *B, int ldb, float beta,
                    float *C, int ldc);
bool nn_sgemm_gather_using(const char *kernel, int M, int N, int K, nn_gemm_view A, nn_gemm_view B,
                           float beta, float *C, const int32_t *c_row_off, ptrdiff_t c_row_stride,
                           ptrdiff_t c_col_stride);

#endif
