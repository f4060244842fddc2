/* Lesson 21 — activation and max pooling: what a convolution gives goes through ReLU, which
 * turns every negative value into 0, then through max pooling, which keeps the largest value
 * of each k×k window, moving the window `stride` cells at a time: ⌊(M − k)/s⌋ + 1 values a
 * side. The picture shrinks and the strong answers survive.
 *
 * Lab: Z = Conv2d with Gx (Sobel) over the 5×5 vertical line = [[−4, 0, 4]] on 3 rows, and
 * relu(Z) = [[0, 0, 4]]; then a 4×4 image with rows [1, 2, 3, −4], [0, 2, −3, 0],
 * [0, 2, 3, 1], [0, 0, 0, 0]: MaxPool2d(2, stride=1) gives [[2, 3, 3]] on 3 rows and
 * MaxPool2d(2) (stride 2) [[2, 3], [2, 3]]. The app puts every input through both stages,
 * ReLU then pooling, with pool size and stride 1–4, and adds a digit's edges (Gx over the first
 * training digit of the MNIST in use, 16×16 → 14×14). The lab pools its 4×4 without ReLU; the
 * numbers are the same, since max and ReLU commute: relu(max x) = max(relu x).
 *
 * Snapshot (the engine's Conv2d, ReLU and MaxPool2d, nn_ops.h):
 *   "input"     (M, M)          the map that goes in
 *   "relu"      (M, M)          after ReLU
 *   "pooled"    (H_out, W_out)  after max pooling
 *   "winners"   (M, M)          1 where some window took its maximum (the op's argmax), else 0
 *   "geometry"  (4)             M, pool size, stride, H_out (= W_out)
 */
#include "nn_conv_demo.h"
#include "nn_synth.h"

#include <stdlib.h>
#include <string.h>

#define LINE_SIDE  5
#define DIGIT_SIDE 16
#define MAX_SIDE   (DIGIT_SIDE - 2)

enum { P_INPUT, P_POOL, P_STRIDE };
enum { INPUT_CONVOLUTION, INPUT_LAB, INPUT_DIGIT_EDGES };

static const char *const input_choices[] = {"convolution", "lab-4x4", "digit-edges", NULL};
static const char *const input_labels[] = {NN_TR("Convolution output (3×3)"),
                                           NN_TR("The lab’s 4×4"),
                                           NN_TR("Edges of a digit (14×14)"), NULL};

static const float lab_4x4[16] = {1, 2, 3, -4, 0, 2, -3, 0, 0, 2, 3, 1, 0, 0, 0, 0};

static const nn_param_desc pool_params[] = {
    [P_INPUT] = {.name = "input",
                 .label = NN_TR("Input"),
                 .type = NN_PARAM_CHOICE,
                 .min = 0,
                 .max = 2,
                 .quick = INPUT_LAB,
                 .course = INPUT_LAB,
                 .step = 1,
                 .choices = input_choices,
                 .choice_labels = input_labels},
    [P_POOL] = {.name = "pool_size",
                .label = NN_TR("Pool size"),
                .type = NN_PARAM_INT,
                .min = 1,
                .max = 4,
                .quick = 2,
                .course = 2,
                .step = 1,
                .unit = NN_TR("pixels"),
                .unit_one = NN_TR("pixel")},
    /* The lab pools with stride 1 first (max3), then with MaxPool2d's default, the size. */
    [P_STRIDE] = {.name = "pool_stride",
                  .label = NN_TR("Pool stride"),
                  .type = NN_PARAM_INT,
                  .min = 1,
                  .max = 4,
                  .quick = 2,
                  .course = 1,
                  .step = 1,
                  .unit = NN_TR("pixels"),
                  .unit_one = NN_TR("pixel")},
};

typedef struct {
  int side;
  nn_conv2d_geom g;
  float input[MAX_SIDE * MAX_SIDE];
  float relu[MAX_SIDE * MAX_SIDE];
  float winners[MAX_SIDE * MAX_SIDE];
  float pooled[MAX_SIDE * MAX_SIDE];
} pool_state;

static void pool_free(nn_job *job)
{
  free(nn_job_custom(job));
  nn_job_set_custom(job, NULL);
}

/* Gx over an image of `side`: the lab's Z for the line, the edges of the digit. */
static bool edges(const float *image, int side, float *out, nn_error *err)
{
  nn_conv2d_geom g = nn_conv2d_geom_make(1, side, side, 1, 3, 1, 0);
  return nn_demo_conv2d(image, nn_demo_sobel_x, NULL, out, &g, err);
}

static bool make_input(nn_job *job, pool_state *st, int choice, nn_error *err)
{
  float image[DIGIT_SIDE * DIGIT_SIDE];
  switch (choice) {
  case INPUT_LAB:
    st->side = 4;
    memcpy(st->input, lab_4x4, sizeof lab_4x4);
    return true;
  case INPUT_DIGIT_EDGES:
    st->side = DIGIT_SIDE - 2;
    return nn_demo_digit(job, DIGIT_SIDE, image, err) && edges(image, DIGIT_SIDE, st->input, err);
  default:
    st->side = LINE_SIDE - 2;
    nn_synth_line_image(image, LINE_SIDE, LINE_SIDE, true, 2);
    return edges(image, LINE_SIDE, st->input, err);
  }
}

static bool pool_start(nn_job *job, nn_error *err)
{
  const double *params = nn_job_params(job);
  pool_state *st = calloc(1, sizeof *st);
  if (!st)
    return nn_fail(err, "out of memory");
  nn_job_set_custom(job, st);
  if (!make_input(job, st, (int) params[P_INPUT], err))
    return false;
  if (!nn_demo_geom("pool", 1, st->side, st->side, 1, (int) params[P_POOL], (int) params[P_STRIDE],
                    0, &st->g, err))
    return false;
  int n = st->side * st->side;
  nn_relu_forward(st->input, st->relu, (size_t) n);
  int32_t argmax[MAX_SIDE * MAX_SIDE];
  nn_maxpool2d_forward(st->relu, st->pooled, argmax, 1, &st->g);
  for (int i = 0; i < st->g.H_out * st->g.W_out; i++)
    st->winners[argmax[i]] = 1;
  return true;
}

static void pool_fill(nn_job *job, nn_snapshot *s)
{
  const pool_state *st = nn_job_custom(job);
  if (!st)
    return;
  int side = st->side, out = st->g.H_out;
  nn_demo_snap(s, "input", 2, (int[]){side, side}, st->input);
  nn_demo_snap(s, "relu", 2, (int[]){side, side}, st->relu);
  nn_demo_snap(s, "pooled", 2, (int[]){out, st->g.W_out}, st->pooled);
  nn_demo_snap(s, "winners", 2, (int[]){side, side}, st->winners);
  float geometry[4] = {(float) side, (float) st->g.kernel, (float) st->g.stride, (float) out};
  nn_demo_snap(s, "geometry", 1, (int[]){4}, geometry);
}

const nn_lesson nn_lesson_activation_pooling = {
    .id = "activation-pooling",
    .title = NN_TR("Activation and max pooling"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(pool_params),
    .params = pool_params,
    .n_variants = 1,
    .custom_start = pool_start,
    .custom_free = pool_free,
    .fill_snapshot = pool_fill,
};
