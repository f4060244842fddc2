/* bench-engine — how fast the engine's core is on this machine (not a test: timings vary).
 *
 *   ./build/tests/engine/bench-engine [seconds per workload, default 0.3]
 *
 * Prints one line per workload: the GEMM shapes Linear lowers to, a 784-100-10 sigmoid MLP and
 * lessons 24 and 26's CNNs (a training step at batch 100, and one sample's forward pass as the
 * digit canvas needs), and the two convolutions of lesson 26's CNN alone.
 * Each figure is the best of several timed rounds, so a busy machine shows less. */
#include <stdio.h>
#include <stdlib.h>

#include "nn_gemm.h"
#include "nn_model.h"
#include "nn_ops.h"

typedef void (*workload_fn)(void *ctx);

/* Seconds per call: best round of ~budget/5 seconds each. */
static double time_calls(workload_fn fn, void *ctx, double budget)
{
  int reps = 1;
  double t;
  for (;;) {
    t = nn_now();
    for (int r = 0; r < reps; r++)
      fn(ctx);
    t = nn_now() - t;
    if (t > budget / 5 || reps > 1 << 20)
      break;
    reps *= 2;
  }
  double best = t / reps;
  for (int round = 0; round < 4; round++) {
    t = nn_now();
    for (int r = 0; r < reps; r++)
      fn(ctx);
    t = (nn_now() - t) / reps;
    best = t < best ? t : best;
  }
  return best;
}

static float *random_floats(size_t n, nn_rng *rng)
{
  float *a = malloc(sizeof(float) * n);
  for (size_t i = 0; i < n; i++)
    a[i] = nn_rng_range(rng, -1.0f, 1.0f);
  return a;
}

/* ---- GEMM ---- */

typedef struct gemm_ctx {
  bool ta, tb;
  int M, N, K;
  float *A, *B, *C;
} gemm_ctx;

static void run_gemm(void *p)
{
  gemm_ctx *g = p;
  nn_sgemm(g->ta, g->tb, g->M, g->N, g->K, 1.0f, g->A, g->ta ? g->M : g->K, g->B,
           g->tb ? g->K : g->N, 0.0f, g->C, g->N);
}

static void bench_gemm(const char *what, bool ta, bool tb, int M, int N, int K, double budget,
                       nn_rng *rng)
{
  gemm_ctx g = {ta,
                tb,
                M,
                N,
                K,
                random_floats((size_t) M * K, rng),
                random_floats((size_t) K * N, rng),
                random_floats((size_t) M * N, rng)};
  double t = time_calls(run_gemm, &g, budget);
  printf("sgemm %-26s %c%c M=%4d N=%4d K=%4d  %8.1f µs  %6.1f GFLOP/s\n", what, ta ? 'T' : 'N',
         tb ? 'T' : 'N', M, N, K, t * 1e6, 2.0 * M * N * K / t * 1e-9);
  free(g.A), free(g.B), free(g.C);
}

/* ---- a model: one training step's passes ---- */

typedef struct model_ctx {
  nn_model *m;
  float *x, *dout;
  int batch;
} model_ctx;

static void run_step(void *p)
{
  model_ctx *c = p;
  nn_model_forward(c->m, c->x, c->batch);
  nn_model_backward(c->m, c->dout);
}

static void run_predict_one(void *p)
{
  model_ctx *c = p;
  nn_model_forward(c->m, c->x, 1);
}

static void bench_model(const char *what, int in_ndim, const int *in_shape,
                        const nn_layer_spec *layers, int n_layers, int batch, double budget,
                        nn_rng *rng)
{
  nn_error err;
  nn_model *m = nn_model_new(in_ndim, in_shape, layers, n_layers, &err);
  if (!m || !nn_model_reserve(m, batch, &err)) {
    fprintf(stderr, "%s: %s\n", what, err.message);
    exit(1);
  }
  float *values = nn_model_values(m);
  for (size_t i = 0; i < nn_model_n_values(m); i++)
    values[i] = nn_rng_range(rng, -0.05f, 0.05f);
  size_t out = nn_model_layer_numel(m, n_layers - 1);
  model_ctx c = {m, random_floats((size_t) batch * nn_model_layer_numel(m, -1), rng),
                 random_floats((size_t) batch * out, rng), batch};
  double t = time_calls(run_step, &c, budget);
  nn_model_set_training(m, false);
  double t1 = time_calls(run_predict_one, &c, budget);
  printf("model %-26s batch %d: forward+backward %8.1f µs %7.0f samples/s; one sample, "
         "evaluation: %6.1f µs\n",
         what, batch, t * 1e6, batch / t, t1 * 1e6);
  free(c.x), free(c.dout);
  nn_model_free(m);
}

/* ---- one convolution, forward and backward separately ---- */

typedef struct conv_ctx {
  nn_conv2d_geom g;
  int B;
  float *in, *w, *b, *out, *dout, *din, *dw, *db, *work;
} conv_ctx;

static void run_conv_forward(void *p)
{
  conv_ctx *c = p;
  nn_conv2d_forward(c->in, c->w, c->b, c->out, c->B, &c->g, c->work);
}

static void run_conv_backward(void *p)
{
  conv_ctx *c = p;
  nn_conv2d_backward(c->in, c->w, c->dout, c->din, c->dw, c->db, c->B, &c->g, c->work);
}

static void bench_conv(int B, int C_in, int H, int C_out, int k, int pad, double budget,
                       nn_rng *rng)
{
  conv_ctx c = {.g = nn_conv2d_geom_make(C_in, H, H, C_out, k, 1, pad), .B = B};
  size_t n_in = (size_t) B * C_in * H * H, n_w = (size_t) C_out * C_in * k * k;
  size_t n_out = (size_t) B * C_out * c.g.H_out * c.g.W_out;
  c.in = random_floats(n_in, rng), c.w = random_floats(n_w, rng);
  c.b = random_floats((size_t) C_out, rng), c.out = random_floats(n_out, rng);
  c.dout = random_floats(n_out, rng), c.din = random_floats(n_in, rng);
  c.dw = random_floats(n_w, rng), c.db = random_floats((size_t) C_out, rng);
  c.work = random_floats(nn_conv2d_work_floats(&c.g) + 1, rng);
  double flops = 2.0 * n_out * C_in * k * k;
  double tf = time_calls(run_conv_forward, &c, budget);
  double tb = time_calls(run_conv_backward, &c, budget);
  printf("conv2d %2d→%-2d %dx%d on %dx%d pad %d batch %d: forward %8.1f µs (%5.1f GFLOP/s), "
         "backward (dW, db, din) %8.1f µs (%5.1f GFLOP/s)\n",
         C_in, C_out, k, k, H, H, pad, B, tf * 1e6, flops / tf * 1e-9, tb * 1e6,
         2 * flops / tb * 1e-9);
  free(c.in), free(c.w), free(c.b), free(c.out), free(c.dout), free(c.din), free(c.dw);
  free(c.db), free(c.work);
}

int main(int argc, char **argv)
{
  double budget = argc > 1 ? atof(argv[1]) : 0.3;
  nn_rng rng;
  nn_rng_seed(&rng, 1, 0);
  printf("micro-kernel: %s\n", nn_sgemm_kernel_name());

  bench_gemm("Linear(784,100) forward", false, true, 100, 100, 784, budget, &rng);
  bench_gemm("Linear(784,100) din", false, false, 100, 784, 100, budget, &rng);
  bench_gemm("Linear(784,100) dweight", true, false, 100, 784, 100, budget, &rng);
  bench_gemm("square", false, false, 512, 512, 512, budget, &rng);

  nn_layer_spec mlp[] = {NN_LAYER_LINEAR(100), NN_LAYER_SIGMOID, NN_LAYER_LINEAR(10)};
  bench_model("784-100-10 sigmoid", 1, (int[]){784}, mlp, 3, 100, budget, &rng);
  nn_layer_spec cnn[] = {
      NN_LAYER_CONV(16, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 0),
      NN_LAYER_CONV(32, 5, 1, 2), NN_LAYER_RELU,       NN_LAYER_MAXPOOL(2, 0),
      NN_LAYER_FLATTEN,           NN_LAYER_LINEAR(10),
  };
  bench_model("lesson 26 CNN (1x28x28)", 3, (int[]){1, 28, 28}, cnn, 8, 100, budget, &rng);
  bench_model("lesson 24 CNN (1x16x16)", 3, (int[]){1, 16, 16}, cnn, 8, 100, budget, &rng);

  bench_conv(100, 1, 28, 16, 5, 2, budget, &rng);
  bench_conv(100, 16, 14, 32, 5, 2, budget, &rng);
  return 0;
}
