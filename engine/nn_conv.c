/* nn_conv.c — the window ops: Conv2d as gathered matrix products, and MaxPool2d.
 *
 * Conv2d never builds its im2col matrix. Samples are copied into zero-padded images; output
 * pixel (oy, ox) of sample j under kernel tap (c, ky, kx) then reads
 *   image_j[c][oy·s + ky][ox·s + kx] = images[pix_off[j, oy, ox] + tap_off[c, ky, kx]]
 * and nn_sgemm_gather multiplies that implicit matrix (pixels × taps) by the weights:
 *   forward   outᵀ (pixels × C_out)  = A · weightᵀ
 *   dweight   dWᵀ  (taps × C_out)   += Aᵀ · doutᵀ
 *   din       the transposed convolution: dout spread on a grid with stride s, padded by
 *             k − 1 − pad, correlated with the flipped kernel (C_out·k·k taps × C_in).
 * Samples go through in chunks that fill about CHUNK_FLOATS of workspace, so one product covers
 * a few thousand pixels (the weights are packed once per chunk, not per sample) while the
 * images stay in L2. The products are pixel-major; C's row offsets put each pixel of each
 * sample straight into the channel-major tensor, and doutᵀ is read in place the same way.
 */
/* GCC turns the short row copies below into memcpy calls, which cost more than the loops. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#include "nn_ops.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "nn_gemm.h"

#define CHUNK_FLOATS (64 * 1024)

nn_conv2d_geom nn_conv2d_geom_make(int C_in, int H, int W, int C_out, int kernel, int stride,
                                   int pad)
{
  assert(kernel >= 1 && stride >= 1 && pad >= 0);
  assert(kernel <= H + 2 * pad && kernel <= W + 2 * pad);
  return (nn_conv2d_geom){
      .C_in = C_in,
      .H = H,
      .W = W,
      .C_out = C_out,
      .kernel = kernel,
      .stride = stride,
      .pad = pad,
      .H_out = (H + 2 * pad - kernel) / stride + 1,
      .W_out = (W + 2 * pad - kernel) / stride + 1,
  };
}

/* ---- the gathered view of a chunk of samples ---- */

/* One pass (forward, dweight or din) over chunks of `chunk` samples: images of C × Hd × Wd
 * floats, each read at n_pix windows (H_r × W_r positions `step` apart), and the result
 * tensor, C_res channels of n_pix each per sample. Tables are int32 kept in the float workspace:
 * tap_off (C·k·k), pix_off (chunk·n_pix: window starts in the images) and res_off
 * (chunk·n_pix: where each pixel of the result tensor sits, channel 0). */
typedef struct conv_pass {
  int C, Hd, Wd, k, H_r, W_r, step, n_taps, n_pix, C_res;
  size_t image_floats, sample_floats; /* per sample: image + two table entries per pixel */
  int chunk;
  float *images;
  int32_t *tap_off, *pix_off, *res_off;
} conv_pass;

static conv_pass pass_plan(int C, int Hd, int Wd, int k, int H_r, int W_r, int step, int C_res)
{
  conv_pass p = {.C = C,
                 .Hd = Hd,
                 .Wd = Wd,
                 .k = k,
                 .H_r = H_r,
                 .W_r = W_r,
                 .step = step,
                 .n_taps = C * k * k,
                 .n_pix = H_r * W_r,
                 .C_res = C_res};
  p.image_floats = (size_t) C * Hd * Wd;
  p.sample_floats = p.image_floats + 2 * (size_t) p.n_pix;
  p.chunk = (int) NN_MAX(1, CHUNK_FLOATS / p.sample_floats);
  return p;
}

/* Floats of workspace the pass takes. */
static size_t pass_floats(const conv_pass *p)
{
  return (size_t) p->n_taps + (size_t) p->chunk * p->sample_floats;
}

/* Carves the pass's arrays from work and fills the tap table: tap (c, ky, kx) sits at
 * c·Hd·Wd + ky·Wd + kx. All the direct kernels need. */
static void pass_bind_taps(conv_pass *p, float *work)
{
  p->tap_off = (int32_t *) work;
  p->pix_off = p->tap_off + p->n_taps;
  p->res_off = p->pix_off + (size_t) p->chunk * p->n_pix;
  p->images = (float *) (p->res_off + (size_t) p->chunk * p->n_pix);
  for (int c = 0, t = 0; c < p->C; c++)
    for (int ky = 0; ky < p->k; ky++)
      for (int kx = 0; kx < p->k; kx++)
        p->tap_off[t++] = (c * p->Hd + ky) * p->Wd + kx;
}

/* pass_bind_taps, and the window tables the gathered products read: window (y, x) of sample j
 * starts at j·image + (y·Wd + x)·step; pixel (y, x) of sample j of the result is at
 * j·C_res·n_pix + y·W_r + x. */
static void pass_bind(conv_pass *p, float *work)
{
  pass_bind_taps(p, work);
  for (int j = 0, i = 0; j < p->chunk; j++)
    for (int y = 0; y < p->H_r; y++)
      for (int x = 0; x < p->W_r; x++, i++) {
        p->pix_off[i] = (int32_t) ((size_t) j * p->image_floats) + (y * p->Wd + x) * p->step;
        p->res_off[i] = (int32_t) ((size_t) j * p->C_res * p->n_pix) + y * p->W_r + x;
      }
}

/* The chunk's implicit im2col matrix: rows are output pixels, columns kernel taps. */
static nn_gemm_view pixels_by_taps(const conv_pass *p)
{
  return (nn_gemm_view){.data = p->images, .row_off = p->pix_off, .col_off = p->tap_off};
}

/* Image j of the chunk: [c][offset + y·step][offset + x·step] = src[c][y][x] (C × H × W), zero
 * elsewhere; positions outside the image are dropped (a negative offset crops). */
static void place(const conv_pass *p, int j, const float *restrict src, int H, int W, int step,
                  int offset)
{
  float *restrict dst = p->images + (size_t) j * p->image_floats;
  memset(dst, 0, sizeof(float) * p->image_floats);
  /* Source columns x with 0 ≤ offset + x·step < Wd. */
  int x_lo = offset >= 0 ? 0 : (-offset + step - 1) / step;
  int x_hi = NN_MIN(W, (p->Wd - 1 - offset) / step + 1);
  for (int c = 0; c < p->C; c++) {
    for (int y = 0; y < H; y++) {
      int dy = offset + y * step;
      if (dy < 0 || dy >= p->Hd)
        continue;
      const float *restrict s = src + ((size_t) c * H + y) * W;
      float *restrict d = dst + ((size_t) c * p->Hd + dy) * p->Wd;
      if (step == 1)
        for (int x = x_lo; x < x_hi; x++)
          d[offset + x] = s[x];
      else
        for (int x = x_lo; x < x_hi; x++)
          d[offset + x * step] = s[x];
    }
  }
}

/* Forward and dweight read the input padded by `pad` and produce or read (B, C_out, H_out,
 * W_out); din reads dout spread on a grid of (H + k − 1) × (W + k − 1) with stride s and offset
 * k − 1 − pad, and produces (B, C_in, H, W). */
static conv_pass image_pass(const nn_conv2d_geom *g)
{
  return pass_plan(g->C_in, g->H + 2 * g->pad, g->W + 2 * g->pad, g->kernel, g->H_out, g->W_out,
                   g->stride, g->C_out);
}

static conv_pass grid_pass(const nn_conv2d_geom *g)
{
  return pass_plan(g->C_out, g->H + g->kernel - 1, g->W + g->kernel - 1, g->kernel, g->H, g->W, 1,
                   g->C_in);
}

/* Beyond a pass: din's flipped kernel, or dweight's dWᵀ accumulator. */
static size_t extra_floats(const nn_conv2d_geom *g)
{
  return (size_t) g->C_out * g->kernel * g->kernel * g->C_in;
}

/* ---- direct kernels for few taps (a first layer: C_in = 1, 25 taps) ----
 *
 * With so few taps the gathered product spends more time merging its 8 × 16 tiles into the
 * channel-major output than multiplying. These kernels work channel-major instead, along the
 * output rows: a tile is DIRECT_CO channels × 16 consecutive pixels of one row (one zmm each),
 * and for a stride-1 convolution those 16 pixels read 16 consecutive floats of the padded image
 * at every tap, so nothing is gathered or packed. Rows need W_out ≥ 16: a row's last tile is
 * shifted left to end at the row's end (the forward pass writes the overlap twice with the same
 * values; dweight masks it out). AVX-512 only; elsewhere the gathered product runs.
 * Forward sums the taps in the same order as the gathered product: the same bits. */
#define DIRECT_LANES    16
#define DIRECT_CO       16 /* forward: 16 accumulators */
#define DIRECT_DW_CO    4  /* dweight: 4 channels × 5 taps = 20 accumulators */
#define DIRECT_DW_TB    5
#define DIRECT_MAX_TAPS 64
#ifdef __clang__
#define DIRECT_UNROLL _Pragma("clang loop unroll(full)")
#else
#define DIRECT_UNROLL _Pragma("GCC unroll 16")
#endif

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define DIRECT_X86    1
#define DIRECT_TARGET __attribute__((target("avx512f,avx2,fma")))
#include <immintrin.h>
#endif

/* The shapes the direct kernels take (workspace is sized for them on any processor). */
static bool direct_shape(const nn_conv2d_geom *g)
{
  return g->stride == 1 && g->W_out >= DIRECT_LANES && g->C_out % DIRECT_CO == 0 &&
         g->C_in * g->kernel * g->kernel <= DIRECT_MAX_TAPS;
}

static bool direct_ok(const nn_conv2d_geom *g)
{
#ifdef DIRECT_X86
  return direct_shape(g) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") &&
         __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

/* Taps rounded up to whole dweight groups. */
static int direct_taps_padded(const nn_conv2d_geom *g)
{
  int taps = g->C_in * g->kernel * g->kernel;
  return (taps + DIRECT_DW_TB - 1) / DIRECT_DW_TB * DIRECT_DW_TB;
}

/* dweight's lane accumulators: C_out × padded taps × 16. */
static size_t direct_dw_floats(const nn_conv2d_geom *g)
{
  return (size_t) g->C_out * direct_taps_padded(g) * DIRECT_LANES;
}

#ifdef DIRECT_X86
/* out[co][x] = bias[co] + Σ_t wt[t][co] · img[tap_off[t] + x] for co, x < 16 (channels `plane`
 * apart). Intrinsics: from plain C, GCC broadcast each weight with a permute of a weight vector
 * and cleared a stack copy of the tile on every call. */
DIRECT_TARGET static void direct_fwd_tile(int n_taps, const float *restrict img,
                                          const int32_t *restrict tap_off, const float *restrict wt,
                                          int ldw, const float *restrict bias, float *restrict out,
                                          size_t plane)
{
  __m512 acc[DIRECT_CO];
  DIRECT_UNROLL for (int co = 0; co < DIRECT_CO; co++) acc[co] = _mm512_setzero_ps();
  for (int t = 0; t < n_taps; t++) {
    const __m512 r = _mm512_loadu_ps(img + tap_off[t]);
    const float *restrict w = wt + (size_t) t * ldw;
    DIRECT_UNROLL for (int co = 0; co < DIRECT_CO; co++) acc[co] =
        _mm512_fmadd_ps(_mm512_set1_ps(w[co]), r, acc[co]);
  }
  DIRECT_UNROLL for (int co = 0; co < DIRECT_CO; co++)
  {
    const __m512 v = bias ? _mm512_add_ps(_mm512_set1_ps(bias[co]), acc[co]) : acc[co];
    _mm512_storeu_ps(out + (size_t) co * plane, v);
  }
}

/* acc[co][t][lane] += Σ over the rows and tiles of one sample of dout[co][y][x] · img[tap_off[t]
 * + y·Wd + x], for 4 channels and 5 taps: dout (4 planes `plane` apart, rows W_out long),
 * img the sample's padded image. */
/* GCC does not vectorise this one from plain C (the masked tail defeats it): intrinsics. */
DIRECT_TARGET static void direct_dw_block(const float *restrict dout, size_t plane, int H_out,
                                          int W_out, const float *restrict img, int Wd,
                                          const int32_t *restrict tap_off, float *restrict acc,
                                          int ld_acc)
{
  enum { CO = DIRECT_DW_CO, TB = DIRECT_DW_TB, L = DIRECT_LANES };
  /* Every loop over the tile fully unrolled, or GCC keeps `a` in memory. */
  __m512 a[CO][TB];
  DIRECT_UNROLL for (int co = 0; co < CO; co++)
    DIRECT_UNROLL for (int t = 0; t < TB; t++)
      a[co][t] = _mm512_loadu_ps(acc + (size_t) co * ld_acc + t * L);
  ptrdiff_t off[TB];
  DIRECT_UNROLL for (int t = 0; t < TB; t++)
    off[t] = tap_off[t];
  for (int y = 0; y < H_out; y++) {
    for (int x0 = 0, done = 0; done < W_out; x0 = done) {
      /* skip: lanes this tile shares with the previous one, masked out */
      int start = NN_MIN(x0, W_out - L), skip = done - start;
      const __mmask16 keep = (__mmask16) (0xffffu << skip);
      const float *d = dout + (size_t) y * W_out + start;
      const float *im = img + (size_t) y * Wd + start;
      __m512 dv[CO];
      DIRECT_UNROLL for (int co = 0; co < CO; co++)
        dv[co] = _mm512_maskz_loadu_ps(keep, d + (size_t) co * plane);
      DIRECT_UNROLL for (int t = 0; t < TB; t++) {
        __m512 r = _mm512_loadu_ps(im + off[t]);
        DIRECT_UNROLL for (int co = 0; co < CO; co++)
          a[co][t] = _mm512_fmadd_ps(dv[co], r, a[co][t]);
      }
      done = start + L;
    }
  }
  DIRECT_UNROLL for (int co = 0; co < CO; co++)
    DIRECT_UNROLL for (int t = 0; t < TB; t++)
      _mm512_storeu_ps(acc + (size_t) co * ld_acc + t * L, a[co][t]);
}
#endif

/* ---- din channel-major, for stride 1 ----
 *
 * The gathered din is pixel-major with only C_in columns (16 in the course's CNNs): the
 * half-width kernel, eight gathered loads for eight FMAs a step, and every tile merged into the
 * channel-major tensor through its offsets. With stride 1 it runs channel-major instead, along
 * rows as the direct forward does: a segment is up to 16 consecutive pixels of one row of din,
 * and at tap t its pixels read 16 consecutive floats of the spread-dout grid. A tile is DIN_CB
 * channels × up to DIN_V segments: each tap costs DIN_V loads and DIN_CB broadcasts for
 * DIN_CB·DIN_V FMAs, nothing is gathered, and the tile is stored straight into din under the
 * segments' masks. Rows of 14 fill 14 of 16 lanes, against 8 of 16 columns for the gathered
 * half-width kernel. The taps are summed in the gathered product's blocks and order, so din
 * keeps its bits. */
#define DIN_CB 4
#define DIN_V  5

/* Segments in a row of W pixels. */
static int din_row_segments(const nn_conv2d_geom *g)
{
  return (g->W + DIRECT_LANES - 1) / DIRECT_LANES;
}

/* The shapes it takes: stride 1, whole channel groups, and segments at least 3/4 full (rows of
 * 12–16 or 24–32 pixels; 8-pixel rows would waste half of each vector). */
static bool din_direct_shape(const nn_conv2d_geom *g)
{
  return g->stride == 1 && g->C_in % DIN_CB == 0 &&
         4 * g->W >= 3 * DIRECT_LANES * din_row_segments(g);
}

static bool din_direct_ok(const nn_conv2d_geom *g)
{
#ifdef DIRECT_X86
  return din_direct_shape(g) && __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

/* Flipped weights, one sample's grid, its tap table, and three tables of segments (where each
 * starts in the grid and in a din plane, and how many pixels it has). */
static size_t din_direct_floats(const nn_conv2d_geom *g)
{
  conv_pass p = grid_pass(g);
  return extra_floats(g) + p.image_floats + (size_t) p.n_taps +
         3 * (size_t) g->H * din_row_segments(g);
}

#ifdef DIRECT_X86
/* din[c][seg_out[v] + x] (+)= Σ_{t0 ≤ t < t1} wf[t][c] · grid[tap_off[t] + seg_in[v] + x] for
 * DIN_CB channels (planes `plane` apart), V segments and x < seg_len[v]: the lanes past a
 * segment's length are neither read nor written. */
static inline __attribute__((always_inline)) DIRECT_TARGET void
din_tile(const int V, int t0, int t1, const float *restrict grid, const int32_t *restrict tap_off,
         const float *restrict wf, int C_in, const int32_t *restrict seg_in,
         const int32_t *restrict seg_out, const int32_t *restrict seg_len, float *restrict din,
         size_t plane, bool add)
{
  __m512 acc[DIN_CB][DIN_V];
  __mmask16 m[DIN_V];
  ptrdiff_t in[DIN_V];
  DIRECT_UNROLL for (int v = 0; v < V; v++)
  {
    m[v] = (__mmask16) ((1u << seg_len[v]) - 1);
    in[v] = seg_in[v];
    DIRECT_UNROLL for (int i = 0; i < DIN_CB; i++) acc[i][v] = _mm512_setzero_ps();
  }
  for (int t = t0; t < t1; t++) {
    const float *restrict r = grid + tap_off[t];
    const float *restrict w = wf + (size_t) t * C_in;
    __m512 x[DIN_V];
    DIRECT_UNROLL for (int v = 0; v < V; v++) x[v] = _mm512_maskz_loadu_ps(m[v], r + in[v]);
    DIRECT_UNROLL for (int i = 0; i < DIN_CB; i++)
    {
      const __m512 wi = _mm512_set1_ps(w[i]);
      DIRECT_UNROLL for (int v = 0; v < V; v++) acc[i][v] = _mm512_fmadd_ps(x[v], wi, acc[i][v]);
    }
  }
  /* Every loop over the tile fully unrolled, or GCC keeps acc in memory. */
  DIRECT_UNROLL for (int i = 0; i < DIN_CB; i++)
  {
    DIRECT_UNROLL for (int v = 0; v < V; v++)
    {
      float *d = din + (size_t) i * plane + seg_out[v];
      __m512 sum = add ? _mm512_add_ps(_mm512_maskz_loadu_ps(m[v], d), acc[i][v]) : acc[i][v];
      _mm512_mask_storeu_ps(d, m[v], sum);
    }
  }
}

/* The last tile of a plane may have fewer segments. */
DIRECT_TARGET static void din_tile_any(int V, int t0, int t1, const float *grid,
                                       const int32_t *tap_off, const float *wf, int C_in,
                                       const int32_t *seg_in, const int32_t *seg_out,
                                       const int32_t *seg_len, float *din, size_t plane, bool add)
{
  switch (V) {
#define DIN_CASE(v)                                                                                \
  case v:                                                                                          \
    din_tile(v, t0, t1, grid, tap_off, wf, C_in, seg_in, seg_out, seg_len, din, plane, add);      \
    break;
    DIN_CASE(1)
    DIN_CASE(2)
    DIN_CASE(3)
    DIN_CASE(4)
    DIN_CASE(5)
#undef DIN_CASE
  default:
    assert(false);
  }
}
#endif

/* The direct dweight: lane accumulators, the padded tap table, then the image pass. */
static size_t direct_dw_work(const nn_conv2d_geom *g)
{
  conv_pass image = image_pass(g);
  return direct_dw_floats(g) + (size_t) direct_taps_padded(g) + pass_floats(&image);
}

size_t nn_conv2d_work_floats(const nn_conv2d_geom *g)
{
  conv_pass image = image_pass(g), grid = grid_pass(g);
  size_t gathered = extra_floats(g) + NN_MAX(pass_floats(&image), pass_floats(&grid));
  size_t direct = NN_MAX(direct_shape(g) ? direct_dw_work(g) : 0,
                         din_direct_shape(g) ? din_direct_floats(g) : 0);
  return NN_MAX(gathered, direct);
}

#ifdef DIRECT_X86
static void direct_forward(const float *in, const float *weight, const float *bias, float *out,
                           int B, const nn_conv2d_geom *g, float *work)
{
  const size_t in_numel = (size_t) g->C_in * g->H * g->W;
  conv_pass p = image_pass(g);
  float *wt = work; /* weightᵀ: taps × C_out */
  pass_bind_taps(&p, work + extra_floats(g));
  for (int co = 0; co < g->C_out; co++)
    for (int t = 0; t < p.n_taps; t++)
      wt[(size_t) t * g->C_out + co] = weight[(size_t) co * p.n_taps + t];
  for (int b0 = 0; b0 < B; b0 += p.chunk) {
    int n = NN_MIN(p.chunk, B - b0);
    for (int j = 0; j < n; j++) {
      place(&p, j, in + (size_t) (b0 + j) * in_numel, g->H, g->W, 1, g->pad);
      const float *image = p.images + (size_t) j * p.image_floats;
      float *o = out + (size_t) (b0 + j) * g->C_out * p.n_pix;
      for (int y = 0; y < g->H_out; y++)
        /* Tiles at 0, 16, …, the last one ending at the row's end. */
        for (int x0 = 0; x0 < g->W_out; x0 += DIRECT_LANES) {
          const int x = NN_MIN(x0, g->W_out - DIRECT_LANES);
          for (int co = 0; co < g->C_out; co += DIRECT_CO)
            direct_fwd_tile(p.n_taps, image + (size_t) y * p.Wd + x, p.tap_off, wt + co, g->C_out,
                            bias ? bias + co : NULL, o + (size_t) co * p.n_pix + y * g->W_out + x,
                            (size_t) p.n_pix);
        }
    }
  }
}

static void direct_dweight(const float *in, const float *dout, float *dweight, int B,
                           const nn_conv2d_geom *g, float *work)
{
  const size_t in_numel = (size_t) g->C_in * g->H * g->W;
  conv_pass p = image_pass(g);
  const int tp = direct_taps_padded(g), ld = tp * DIRECT_LANES;
  float *acc = work; /* C_out × tp × 16 */
  int32_t *toff = (int32_t *) (acc + direct_dw_floats(g));
  pass_bind_taps(&p, (float *) (toff + tp));
  /* Padding taps repeat tap 0; their sums are dropped. */
  for (int t = 0; t < tp; t++)
    toff[t] = p.tap_off[t < p.n_taps ? t : 0];
  memset(acc, 0, sizeof(float) * direct_dw_floats(g));
  for (int b0 = 0; b0 < B; b0 += p.chunk) {
    int n = NN_MIN(p.chunk, B - b0);
    for (int j = 0; j < n; j++) {
      place(&p, j, in + (size_t) (b0 + j) * in_numel, g->H, g->W, 1, g->pad);
      const float *image = p.images + (size_t) j * p.image_floats;
      const float *d = dout + (size_t) (b0 + j) * g->C_out * p.n_pix;
      for (int co = 0; co < g->C_out; co += DIRECT_DW_CO)
        for (int t = 0; t < tp; t += DIRECT_DW_TB)
          direct_dw_block(d + (size_t) co * p.n_pix, (size_t) p.n_pix, g->H_out, g->W_out, image,
                          p.Wd, toff + t, acc + (size_t) co * ld + t * DIRECT_LANES, ld);
    }
  }
  for (int co = 0; co < g->C_out; co++)
    for (int t = 0; t < p.n_taps; t++) {
      const float *a = acc + (size_t) co * ld + t * DIRECT_LANES;
      float sum = 0.0f;
      for (int x = 0; x < DIRECT_LANES; x++)
        sum += a[x];
      dweight[(size_t) co * p.n_taps + t] = sum;
    }
}
#endif

/* ---- Conv2d ---- */

/* out (B, C_out, H_out·W_out) = A (pixels × C_in·k·k) · weightᵀ + bias, chunk by chunk */
void nn_conv2d_forward(const float *in, const float *weight, const float *bias, float *out, int B,
                       const nn_conv2d_geom *g, float *work)
{
#ifdef DIRECT_X86
  if (direct_ok(g)) {
    direct_forward(in, weight, bias, out, B, g, work);
    return;
  }
#endif
  const size_t in_numel = (size_t) g->C_in * g->H * g->W;
  conv_pass p = image_pass(g);
  pass_bind(&p, work);
  /* weightᵀ (taps × C_out) */
  const nn_gemm_view wt = {.data = weight, .row_stride = 1, .col_stride = p.n_taps};
  for (int b0 = 0; b0 < B; b0 += p.chunk) {
    int n = NN_MIN(p.chunk, B - b0);
    float *out_chunk = out + (size_t) b0 * g->C_out * p.n_pix;
    for (int j = 0; j < n; j++)
      place(&p, j, in + (size_t) (b0 + j) * in_numel, g->H, g->W, 1, g->pad);
    /* The bias goes in first and the product is added to it. */
    for (int j = 0; bias && j < n; j++)
      for (int co = 0; co < g->C_out; co++)
        for (int i = 0; i < p.n_pix; i++)
          out_chunk[((size_t) j * g->C_out + co) * p.n_pix + i] = bias[co];
    nn_sgemm_gather(n * p.n_pix, g->C_out, p.n_taps, pixels_by_taps(&p), wt, bias ? 1.0f : 0.0f,
                    out_chunk, p.res_off, 0, p.n_pix);
  }
}

/* dweight (C_out, C_in·k·k) = Σ over chunks of (Aᵀ · doutᵀ)ᵀ, accumulated as dWᵀ */
static void conv_dweight(const float *in, const float *dout, float *dweight, int B,
                         const nn_conv2d_geom *g, float *work)
{
  const size_t in_numel = (size_t) g->C_in * g->H * g->W;
  conv_pass p = image_pass(g);
  float *dwt = work; /* (taps, C_out) */
  pass_bind(&p, work + extra_floats(g));
  /* Aᵀ: rows are taps, columns the chunk's pixels. */
  const nn_gemm_view taps_by_pixels = {
      .data = p.images, .row_off = p.tap_off, .col_off = p.pix_off};
  for (int b0 = 0; b0 < B; b0 += p.chunk) {
    int n = NN_MIN(p.chunk, B - b0);
    for (int j = 0; j < n; j++)
      place(&p, j, in + (size_t) (b0 + j) * in_numel, g->H, g->W, 1, g->pad);
    /* doutᵀ (chunk pixels × C_out), read in place through the result offsets. */
    const nn_gemm_view dout_t = {.data = dout + (size_t) b0 * g->C_out * p.n_pix,
                                 .row_off = p.res_off,
                                 .col_stride = p.n_pix};
    nn_sgemm_gather(p.n_taps, g->C_out, n * p.n_pix, taps_by_pixels, dout_t, b0 == 0 ? 0.0f : 1.0f,
                    dwt, NULL, g->C_out, 1);
  }
  for (int co = 0; co < g->C_out; co++)
    for (int t = 0; t < p.n_taps; t++)
      dweight[(size_t) co * p.n_taps + t] = dwt[(size_t) t * g->C_out + co];
}

/* flipped (taps (co, ky', kx') × C_in) = weight[co][c][k−1−ky'][k−1−kx'] */
static void flip_weights(const float *weight, const nn_conv2d_geom *g, float *restrict flipped)
{
  const int k = g->kernel;
  for (int co = 0; co < g->C_out; co++)
    for (int ky = 0; ky < k; ky++)
      for (int kx = 0; kx < k; kx++)
        for (int c = 0; c < g->C_in; c++)
          flipped[((size_t) (co * k + ky) * k + kx) * g->C_in + c] =
              weight[(((size_t) co * g->C_in + c) * k + (k - 1 - ky)) * k + (k - 1 - kx)];
}

/* din (B, C_in, H, W): for every input pixel, the sum over output channels and taps of the
 * gradients that reached it, as a convolution of the stride-spread dout with the flipped
 * kernel (taps (co, ky', kx') × C_in, weight[co][c][k−1−ky'][k−1−kx']). */
static void conv_dinput(const float *weight, const float *dout, float *din, int B,
                        const nn_conv2d_geom *g, float *work)
{
  const int k = g->kernel;
  const size_t out_numel = (size_t) g->C_out * g->H_out * g->W_out;
  conv_pass p = grid_pass(g);
  float *flipped = work;
  pass_bind(&p, work + extra_floats(g));
  flip_weights(weight, g, flipped);
  const nn_gemm_view wf = {.data = flipped, .row_stride = g->C_in, .col_stride = 1};
  for (int b0 = 0; b0 < B; b0 += p.chunk) {
    int n = NN_MIN(p.chunk, B - b0);
    for (int j = 0; j < n; j++)
      place(&p, j, dout + (size_t) (b0 + j) * out_numel, g->H_out, g->W_out, g->stride,
            k - 1 - g->pad);
    nn_sgemm_gather(n * p.n_pix, g->C_in, p.n_taps, pixels_by_taps(&p), wf, 0.0f,
                    din + (size_t) b0 * g->C_in * p.n_pix, p.res_off, 0, p.n_pix);
  }
}

#ifdef DIRECT_X86
/* din as conv_dinput computes it, channel-major by row segments, one sample at a time (its grid
 * stays in cache). */
static void direct_dinput(const float *weight, const float *dout, float *din, int B,
                          const nn_conv2d_geom *g, float *work)
{
  const size_t out_numel = (size_t) g->C_out * g->H_out * g->W_out;
  const size_t plane = (size_t) g->H * g->W;
  const int spr = din_row_segments(g), n_seg = g->H * spr;
  conv_pass p = grid_pass(g);
  const int depth = nn_sgemm_gather_depth(p.n_taps);
  float *flipped = work;
  p.images = work + extra_floats(g);
  p.tap_off = (int32_t *) (p.images + p.image_floats);
  int32_t *seg_in = p.tap_off + p.n_taps, *seg_out = seg_in + n_seg, *seg_len = seg_out + n_seg;
  flip_weights(weight, g, flipped);
  for (int c = 0, t = 0; c < p.C; c++)
    for (int ky = 0; ky < p.k; ky++)
      for (int kx = 0; kx < p.k; kx++)
        p.tap_off[t++] = (c * p.Hd + ky) * p.Wd + kx;
  for (int y = 0, s = 0; y < g->H; y++)
    for (int x = 0; x < g->W; x += DIRECT_LANES, s++) {
      seg_in[s] = y * p.Wd + x;
      seg_out[s] = y * g->W + x;
      seg_len[s] = NN_MIN(DIRECT_LANES, g->W - x);
    }
  for (int b = 0; b < B; b++) {
    place(&p, 0, dout + (size_t) b * out_numel, g->H_out, g->W_out, 1, g->kernel - 1 - g->pad);
    float *d = din + (size_t) b * g->C_in * plane;
    for (int t0 = 0; t0 < p.n_taps; t0 += depth)
      for (int c = 0; c < g->C_in; c += DIN_CB)
        for (int s = 0; s < n_seg; s += DIN_V)
          din_tile_any(NN_MIN(DIN_V, n_seg - s), t0, NN_MIN(t0 + depth, p.n_taps), p.images,
                       p.tap_off, flipped + c, g->C_in, seg_in + s, seg_out + s, seg_len + s,
                       d + (size_t) c * plane, plane, t0 > 0);
  }
}
#endif

void nn_conv2d_backward(const float *in, const float *weight, const float *dout, float *din,
                        float *dweight, float *dbias, int B, const nn_conv2d_geom *g, float *work)
{
  const int HW_out = g->H_out * g->W_out;
  const size_t out_numel = (size_t) g->C_out * HW_out;
  if (dbias) {
    memset(dbias, 0, sizeof(float) * (size_t) g->C_out);
    for (int b = 0; b < B; b++)
      for (int co = 0; co < g->C_out; co++)
        dbias[co] += nn_sum(dout + (size_t) b * out_numel + (size_t) co * HW_out, (size_t) HW_out);
  }
  if (dweight) {
#ifdef DIRECT_X86
    if (direct_ok(g))
      direct_dweight(in, dout, dweight, B, g, work);
    else
#endif
      conv_dweight(in, dout, dweight, B, g, work);
  }
  if (din) {
#ifdef DIRECT_X86
    if (din_direct_ok(g))
      direct_dinput(weight, dout, din, B, g, work);
    else
#endif
      conv_dinput(weight, dout, din, B, g, work);
  }
}

/* ---- MaxPool2d ---- */

/* One plane: the taps are visited in row-major order, each over a whole output row at once
 * (a loop the compiler vectorises, branch-free), which keeps PyTorch's choice of winner: a tap
 * replaces the running maximum only when strictly greater, or NaN. */
static inline __attribute__((always_inline)) void maxpool_plane(const float *restrict in,
                                                                float *restrict out,
                                                                int32_t *restrict arg,
                                                                const nn_conv2d_geom *g, int s)
{
  const int k = g->kernel, W = g->W, W_out = g->W_out;
  for (int oy = 0; oy < g->H_out; oy++) {
    float *restrict max = out + (size_t) oy * W_out;
    int32_t *restrict best = arg + (size_t) oy * W_out;
    for (int ky = 0; ky < k; ky++) {
      for (int kx = 0; kx < k; kx++) {
        const int row = (oy * s + ky) * W + kx;
        const float *restrict src = in + row;
        if (ky == 0 && kx == 0) {
          for (int ox = 0; ox < W_out; ox++) {
            max[ox] = src[ox * s];
            best[ox] = row + ox * s;
          }
          continue;
        }
        for (int ox = 0; ox < W_out; ox++) {
          float v = src[ox * s];
          bool take = v > max[ox] || isnan(v);
          max[ox] = take ? v : max[ox];
          best[ox] = take ? row + ox * s : best[ox];
        }
      }
    }
  }
}

/* The common MaxPool2d(2): the four taps of each window in one pass, same rule. */
static void maxpool_2x2(const float *restrict in, float *restrict out, int32_t *restrict arg,
                        const nn_conv2d_geom *g)
{
  const int W = g->W;
  for (int oy = 0; oy < g->H_out; oy++) {
    const float *restrict r0 = in + (size_t) 2 * oy * W, *restrict r1 = r0 + W;
    float *restrict o = out + (size_t) oy * g->W_out;
    int32_t *restrict a = arg + (size_t) oy * g->W_out;
    for (int ox = 0; ox < g->W_out; ox++) {
      const int32_t at = 2 * oy * W + 2 * ox;
      float max = r0[2 * ox], v;
      int32_t best = at;
      bool take;
      v = r0[2 * ox + 1], take = v > max || isnan(v);
      max = take ? v : max, best = take ? at + 1 : best;
      v = r1[2 * ox], take = v > max || isnan(v);
      max = take ? v : max, best = take ? at + W : best;
      v = r1[2 * ox + 1], take = v > max || isnan(v);
      max = take ? v : max, best = take ? at + W + 1 : best;
      o[ox] = max;
      a[ox] = best;
    }
  }
}

/* out (B, C, H_out, W_out) = max over k×k windows of in (B, C, H, W) */
void nn_maxpool2d_forward(const float *in, float *out, int32_t *argmax, int B,
                          const nn_conv2d_geom *g)
{
  assert(g->C_out == g->C_in && g->pad == 0);
  const int planes = B * g->C_in;
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  for (int bc = 0; bc < planes; bc++) {
    const float *in_p = in + (size_t) bc * HW;
    float *out_p = out + (size_t) bc * HW_out;
    int32_t *arg_p = argmax + (size_t) bc * HW_out;
    if (g->kernel == 2 && g->stride == 2)
      maxpool_2x2(in_p, out_p, arg_p, g);
    else if (g->stride == 2)
      maxpool_plane(in_p, out_p, arg_p, g, 2);
    else if (g->stride == 1)
      maxpool_plane(in_p, out_p, arg_p, g, 1);
    else
      maxpool_plane(in_p, out_p, arg_p, g, g->stride);
  }
}

/* din (B, C, H, W) = dout (B, C, H_out, W_out) routed to each window's argmax */
void nn_maxpool2d_backward(const int32_t *argmax, const float *dout, float *din, int B,
                           const nn_conv2d_geom *g)
{
  const int planes = B * g->C_in;
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  memset(din, 0, sizeof(float) * HW * (size_t) planes);
  for (int bc = 0; bc < planes; bc++) {
    float *din_p = din + (size_t) bc * HW;
    const float *dout_p = dout + (size_t) bc * HW_out;
    const int32_t *arg_p = argmax + (size_t) bc * HW_out;
    for (size_t i = 0; i < HW_out; i++)
      din_p[arg_p[i]] += dout_p[i];
  }
}

/* ---- ReLU then MaxPool2d(2, stride 2), fused ----
 *
 * After a convolution both run over its whole output: apart, the ReLU writes a tensor the
 * pooling reads back from far away, and backward clears the pooling's gradient, scatters into
 * it, and reads it again with the ReLU's output. Fused, they go plane by plane (3 KB for 28 × 28):
 * forward sweeps the plane's ReLU, then pools it from L1; backward writes every pixel of the
 * plane's gradient once from its window's winner, then cuts it where the ReLU's output is ≤ 0.
 * With AVX-512 a pooling step takes 16 windows: the two rows' 32 floats split into even and odd
 * columns, the four taps compared in PyTorch's order (a tap wins when strictly greater, or NaN),
 * and backward spreads each window's gradient and winner over its four pixels. Row pairs
 * straight from the cold tensors, with masked loads, measured 1.6× slower than these
 * sequential sweeps. Elsewhere the two ops run one after the other. */

bool nn_relu_maxpool2d_fusable(const nn_conv2d_geom *g)
{
  return g->kernel == 2 && g->stride == 2 && g->pad == 0 && g->C_in == g->C_out &&
         g->H % 2 == 0 && g->W % 2 == 0;
}

#ifdef DIRECT_X86
static bool fused_pool_ok(void)
{
  return __builtin_cpu_supports("avx512f");
}

/* Lanes 0..15 of 2j (even) and 2j + 1 (odd) taken from the 32 floats lo:hi. */
#define EVEN_LANES _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30)
#define ODD_LANES  _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31)

/* Masked stores of part of a vector into lines not in cache measured slow here (the fused
 * backward was twice as slow as with these copies): backward assembles a plane's gradient in a
 * buffer on the stack and copies it out with whole-vector stores. Planes up to PLANE_TMP floats
 * (64 × 64); larger ones are written in place. */
#define PLANE_TMP 4096

DIRECT_TARGET static void copy_plane(float *restrict dst, const float *restrict src, size_t n)
{
  size_t i = 0;
  for (; i + 16 <= n; i += 16)
    _mm512_storeu_ps(dst + i, _mm512_loadu_ps(src + i));
  if (i < n) {
    const __mmask16 tail = (__mmask16) ((1u << (n - i)) - 1);
    _mm512_mask_storeu_ps(dst + i, tail, _mm512_maskz_loadu_ps(tail, src + i));
  }
}

/* The running window maximum takes tap v (index at) where v > max or v is NaN. */
DIRECT_TARGET static inline void pool_take(__m512 v, __m512i at, __m512 *max, __m512i *best)
{
  __mmask16 take = _mm512_cmp_ps_mask(v, *max, _CMP_GT_OQ) | _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
  *max = _mm512_mask_mov_ps(*max, take, v);
  *best = _mm512_mask_mov_epi32(*best, take, at);
}

/* One plane: relu over the H × W input (kept), 2 × 2 maxima and their indices. */
DIRECT_TARGET static void relu_pool_plane(const float *restrict in, float *restrict relu,
                                          float *restrict out, int32_t *restrict arg, int H, int W)
{
  const int W_out = W / 2;
  const __m512 zero = _mm512_setzero_ps();
  const __m512i lane2 = _mm512_slli_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                                                            12, 13, 14, 15),
                                          1);
  /* The plane's ReLU first, in one sequential sweep; the pooling then reads it from L1.
   * max(0, x) returns its second operand when either is NaN, so NaN passes, and −0 stays −0:
   * nn_relu_forward's x < 0 ? 0 : x. */
  const size_t HW = (size_t) H * W;
  size_t i = 0;
  for (; i + 16 <= HW; i += 16)
    _mm512_storeu_ps(relu + i, _mm512_max_ps(zero, _mm512_loadu_ps(in + i)));
  if (i < HW) {
    const __mmask16 tail = (__mmask16) ((1u << (HW - i)) - 1);
    _mm512_mask_storeu_ps(relu + i, tail, _mm512_max_ps(zero, _mm512_maskz_loadu_ps(tail, in + i)));
  }
  for (int oy = 0; oy < H / 2; oy++) {
    const size_t r = (size_t) 2 * oy * W;
    for (int ox = 0; ox < W_out; ox += 16) {
      const int n = NN_MIN(16, W_out - ox); /* windows */
      const __mmask16 lo = (__mmask16) ((1u << NN_MIN(2 * n, 16)) - 1);
      const __mmask16 hi = (__mmask16) ((1u << NN_MAX(2 * n - 16, 0)) - 1);
      const __mmask16 win = (__mmask16) ((1u << n) - 1);
      __m512 left[2], right[2]; /* even and odd columns of the two rows */
      for (int row = 0; row < 2; row++) {
        const size_t at = r + (size_t) row * W + 2 * ox;
        __m512 a = _mm512_maskz_loadu_ps(lo, relu + at);
        __m512 b = _mm512_maskz_loadu_ps(hi, relu + at + 16);
        left[row] = _mm512_permutex2var_ps(a, EVEN_LANES, b);
        right[row] = _mm512_permutex2var_ps(a, ODD_LANES, b);
      }
      const __m512i at = _mm512_add_epi32(_mm512_set1_epi32((int) r + 2 * ox), lane2);
      const __m512i one = _mm512_set1_epi32(1), down = _mm512_set1_epi32(W);
      __m512 max = left[0];
      __m512i best = at;
      pool_take(right[0], _mm512_add_epi32(at, one), &max, &best);
      pool_take(left[1], _mm512_add_epi32(at, down), &max, &best);
      pool_take(right[1], _mm512_add_epi32(_mm512_add_epi32(at, down), one), &max, &best);
      _mm512_mask_storeu_ps(out + (size_t) oy * W_out + ox, win, max);
      _mm512_mask_storeu_epi32(arg + (size_t) oy * W_out + ox, win, best);
    }
  }
}

/* One plane of din: each pixel gets its window's gradient if it is the window's winner and the
 * window's maximum (the winner's ReLU output) is not ≤ 0, else 0. 0 + g, as the separate ops'
 * cleared buffer gives: −0 becomes +0. Nothing of the plane's size is read. */
DIRECT_TARGET static void relu_pool_plane_backward(const float *restrict out,
                                                   const int32_t *restrict arg,
                                                   const float *restrict dout, float *restrict dst,
                                                   int H, int W)
{
  const int W_out = W / 2;
  const size_t HW = (size_t) H * W;
  float tmp[PLANE_TMP];
  float *restrict din = HW <= PLANE_TMP ? tmp : dst;
  const __m512 zero = _mm512_setzero_ps();
  /* Window j/2 for pixel j of the first 16, 8 + j/2 for the next. */
  const __m512i dup_lo = _mm512_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
  const __m512i dup_hi = _mm512_setr_epi32(8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15,
                                           15);
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  for (int oy = 0; oy < H / 2; oy++) {
    for (int ox = 0; ox < W_out; ox += 16) {
      const int n = NN_MIN(16, W_out - ox);
      const __mmask16 lo = (__mmask16) ((1u << NN_MIN(2 * n, 16)) - 1);
      const __mmask16 hi = (__mmask16) ((1u << NN_MAX(2 * n - 16, 0)) - 1);
      const __mmask16 win = (__mmask16) ((1u << n) - 1);
      const size_t w_at = (size_t) oy * W_out + ox;
      /* nn_relu_backward's test, on the winner's value: NaN passes */
      const __mmask16 pass =
          _mm512_cmp_ps_mask(_mm512_maskz_loadu_ps(win, out + w_at), zero, _CMP_NLE_UQ);
      const __m512 g =
          _mm512_maskz_mov_ps(pass, _mm512_add_ps(zero, _mm512_maskz_loadu_ps(win, dout + w_at)));
      const __m512i a = _mm512_maskz_loadu_epi32(win, arg + w_at);
      const __m512 g2[2] = {_mm512_permutexvar_ps(dup_lo, g), _mm512_permutexvar_ps(dup_hi, g)};
      const __m512i a2[2] = {_mm512_permutexvar_epi32(dup_lo, a),
                             _mm512_permutexvar_epi32(dup_hi, a)};
      const __mmask16 part[2] = {lo, hi};
      for (int row = 0; row < 2; row++)
        for (int h = 0; h < 2; h++) {
          const size_t at = (size_t) (2 * oy + row) * W + 2 * ox + 16 * h;
          const __m512i pos = _mm512_add_epi32(_mm512_set1_epi32((int) at), lane);
          __mmask16 winner = _mm512_cmpeq_epi32_mask(a2[h], pos);
          _mm512_mask_storeu_ps(din + at, part[h], _mm512_maskz_mov_ps(winner, g2[h]));
        }
    }
  }
  if (din != dst)
    copy_plane(dst, din, HW);
}
#endif

void nn_relu_maxpool2d_forward(const float *in, float *relu_out, float *out, int32_t *argmax,
                               int B, const nn_conv2d_geom *g)
{
  assert(nn_relu_maxpool2d_fusable(g));
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  const size_t planes = (size_t) B * g->C_in;
#ifdef DIRECT_X86
  if (fused_pool_ok()) {
    for (size_t p = 0; p < planes; p++)
      relu_pool_plane(in + p * HW, relu_out + p * HW, out + p * HW_out, argmax + p * HW_out, g->H,
                      g->W);
    return;
  }
#endif
  nn_relu_forward(in, relu_out, planes * HW);
  nn_maxpool2d_forward(relu_out, out, argmax, B, g);
}

void nn_relu_maxpool2d_backward(const float *out, const int32_t *argmax, const float *dout,
                                float *din, int B, const nn_conv2d_geom *g)
{
  assert(nn_relu_maxpool2d_fusable(g));
  const size_t HW = (size_t) g->H * g->W, HW_out = (size_t) g->H_out * g->W_out;
  const size_t planes = (size_t) B * g->C_in;
#ifdef DIRECT_X86
  if (fused_pool_ok()) {
    for (size_t p = 0; p < planes; p++)
      relu_pool_plane_backward(out + p * HW_out, argmax + p * HW_out, dout + p * HW_out,
                               din + p * HW, g->H, g->W);
    return;
  }
#endif
  /* nn_maxpool2d_backward with the ReLU's test on each window's winner (its value is out) */
  memset(din, 0, sizeof(float) * HW * planes);
  for (size_t p = 0; p < planes; p++)
    for (size_t i = 0; i < HW_out; i++)
      if (!(out[p * HW_out + i] <= 0.0f))
        din[p * HW + (size_t) argmax[p * HW_out + i]] += dout[p * HW_out + i];
}
