/* Lesson 22 — several channels: a Conv2d(C_in, C_out, k) holds C_out × C_in kernels. Output
 * channel o is the sum over the input channels c of (channel c ⋆ kernel [o][c]) plus bias[o]:
 * each input channel is convolved with its own slice of the kernel, and the results add up.
 *
 * Lab (bias 0 throughout):
 *   conv1 = Conv2d(1, 3, 3), kernels Gx, Gy and ones(3, 3), over the 5×5 vertical line
 *     (channel 0: [[−4, 0, 4]] on 3 rows; 1: zeros; 2: all 3) and over the horizontal line;
 *   conv3 = Conv2d(2, 1, 3), weight[0][0] = 1 at the centre, weight[0][1] = −2 at the centre,
 *     over channel 0 = −2 on row 2 and channel 1 = 1 on row 2: [[0, 0, 0], [−4, −4, −4],
 *     [0, 0, 0]];
 *   conv4 = Conv2d(2, 3, 3), weight[0][·] = 0.5 at the centre, weight[1][0] = 1 and
 *     weight[1][1] = −1 at the centre, weight[2][0] = Gx, weight[2][1] = Gy, over channel 0 all
 *     ones and channel 1 a single 1 at (2, 2).
 * The app shows those four with one bias for every output channel (a slider; the lab's is 0).
 *
 * Snapshot (all by the engine's Conv2d, nn_conv2d_forward):
 *   "input"     (C_in, 5, 5)
 *   "weight"    (C_out, C_in, 3, 3)
 *   "bias"      (C_out)
 *   "products"  (C_out, C_in, 3, 3)  input channel c ⋆ weight[o][c] (a Conv2d(1, 1, 3), no bias)
 *   "sum"       (C_out, 3, 3)        products[o][0] + … + products[o][C_in − 1] + bias[o]
 *   "output"    (C_out, 3, 3)        Conv2d(C_in, C_out, 3) with weight and bias, in one call:
 *                                    the same numbers as "sum"
 */
#include "nn_conv_demo.h"
#include "nn_synth.h"

#include <string.h>

#define SIDE    5
#define K       3
#define OUT     (SIDE - K + 1)
#define MAX_IN  2
#define MAX_OUT 3

enum { P_EXAMPLE, P_BIAS };
enum { EX_VERTICAL, EX_HORIZONTAL, EX_TWO_TO_ONE, EX_TWO_TO_THREE };

static const char *const example_choices[] = {"one-to-three-vertical", "one-to-three-horizontal",
                                              "two-to-one", "two-to-three", NULL};
static const char *const example_labels[] = {
    NN_TR("Conv2d(1, 3, 3) on a vertical line"), NN_TR("Conv2d(1, 3, 3) on a horizontal line"),
    NN_TR("Conv2d(2, 1, 3) on two rows"), NN_TR("Conv2d(2, 3, 3) on ones and a dot"), NULL};

static const nn_param_desc channel_params[] = {
    [P_EXAMPLE] = {.name = "example",
                   .label = NN_TR("Example"),
                   .type = NN_PARAM_CHOICE,
                   .min = 0,
                   .max = 3,
                   .step = 1,
                   .choices = example_choices,
                   .choice_labels = example_labels},
    [P_BIAS] = {.name = "bias",
                .label = NN_TR("Bias of each output channel"),
                .type = NN_PARAM_FLOAT,
                .min = -2,
                .max = 2,
                .quick = 0,
                .course = 0,
                .step = 0.5},
};

typedef struct {
  int c_in, c_out;
  float input[MAX_IN * SIDE * SIDE];
  float weight[MAX_OUT * MAX_IN * K * K];
  float bias[MAX_OUT];
} example;

/* A 3×3 kernel that is `v` at its centre and 0 elsewhere. */
static void centre(float *kernel, float v)
{
  memset(kernel, 0, sizeof(float) * K * K);
  kernel[K * K / 2] = v;
}

static float *slice(example *ex, int o, int c)
{
  return ex->weight + ((size_t) o * ex->c_in + c) * K * K;
}

static void make_example(int which, example *ex)
{
  memset(ex, 0, sizeof *ex);
  switch (which) {
  case EX_TWO_TO_ONE:
    ex->c_in = 2, ex->c_out = 1;
    nn_synth_two_channel_rows(ex->input);
    centre(slice(ex, 0, 0), 1);
    centre(slice(ex, 0, 1), -2);
    break;
  case EX_TWO_TO_THREE:
    ex->c_in = 2, ex->c_out = 3;
    nn_synth_two_channel_ones_dot(ex->input);
    centre(slice(ex, 0, 0), 0.5f);
    centre(slice(ex, 0, 1), 0.5f);
    centre(slice(ex, 1, 0), 1);
    centre(slice(ex, 1, 1), -1);
    memcpy(slice(ex, 2, 0), nn_demo_sobel_x, sizeof(float) * K * K);
    memcpy(slice(ex, 2, 1), nn_demo_sobel_y, sizeof(float) * K * K);
    break;
  default:
    ex->c_in = 1, ex->c_out = 3;
    nn_synth_line_image(ex->input, SIDE, SIDE, which == EX_VERTICAL, 2);
    memcpy(slice(ex, 0, 0), nn_demo_sobel_x, sizeof(float) * K * K);
    memcpy(slice(ex, 1, 0), nn_demo_sobel_y, sizeof(float) * K * K);
    for (int i = 0; i < K * K; i++)
      slice(ex, 2, 0)[i] = 1;
    break;
  }
}

/* The whole layer in one call, and each (output, input) channel pair as a one-channel
 * convolution of its own, summed with the bias. */
static bool compute(const example *ex, float *products, float *sum, float *output, nn_error *err)
{
  nn_conv2d_geom layer = nn_conv2d_geom_make(ex->c_in, SIDE, SIDE, ex->c_out, K, 1, 0);
  if (!nn_demo_conv2d(ex->input, ex->weight, ex->bias, output, &layer, err))
    return false;
  nn_conv2d_geom one = nn_conv2d_geom_make(1, SIDE, SIDE, 1, K, 1, 0);
  for (int o = 0; o < ex->c_out; o++) {
    float *total = sum + (size_t) o * OUT * OUT;
    for (int i = 0; i < OUT * OUT; i++)
      total[i] = 0;
    for (int c = 0; c < ex->c_in; c++) {
      float *p = products + ((size_t) o * ex->c_in + c) * OUT * OUT;
      const float *w = ex->weight + ((size_t) o * ex->c_in + c) * K * K;
      if (!nn_demo_conv2d(ex->input + (size_t) c * SIDE * SIDE, w, NULL, p, &one, err))
        return false;
      for (int i = 0; i < OUT * OUT; i++)
        total[i] += p[i];
    }
    for (int i = 0; i < OUT * OUT; i++)
      total[i] += ex->bias[o];
  }
  return true;
}

static void channel_fill(nn_job *job, nn_snapshot *s)
{
  const double *params = nn_job_params(job);
  example ex;
  make_example((int) params[P_EXAMPLE], &ex);
  for (int o = 0; o < ex.c_out; o++)
    ex.bias[o] = (float) params[P_BIAS];
  float products[MAX_OUT * MAX_IN * OUT * OUT], sum[MAX_OUT * OUT * OUT];
  float output[MAX_OUT * OUT * OUT];
  nn_error err;
  if (!compute(&ex, products, sum, output, &err))
    return;
  nn_demo_snap(s, "input", 3, (int[]){ex.c_in, SIDE, SIDE}, ex.input);
  nn_demo_snap(s, "weight", 4, (int[]){ex.c_out, ex.c_in, K, K}, ex.weight);
  nn_demo_snap(s, "bias", 1, (int[]){ex.c_out}, ex.bias);
  nn_demo_snap(s, "products", 4, (int[]){ex.c_out, ex.c_in, OUT, OUT}, products);
  nn_demo_snap(s, "sum", 3, (int[]){ex.c_out, OUT, OUT}, sum);
  nn_demo_snap(s, "output", 3, (int[]){ex.c_out, OUT, OUT}, output);
}

const nn_lesson nn_lesson_multi_channel = {
    .id = "multi-channel",
    .title = NN_TR("Several channels"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(channel_params),
    .params = channel_params,
    .n_variants = 1,
    .fill_snapshot = channel_fill,
};
