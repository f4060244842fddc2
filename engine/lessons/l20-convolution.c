/* Lesson 20 — convolution: a 3×3 kernel slides over an image; at each position the nine
 * products of the kernel and the window under it add up to one value of the output map. An
 * edge kernel answers where the image changes and stays 0 where it is flat; stride skips
 * positions and padding adds a frame of zeros, and the output is ⌊(M + 2p − k)/s⌋ + 1 wide.
 *
 * Lab: image = zeros(5, 5) with column 2 set to 1; Conv2d(1, 1, 3) with weight Gx (Sobel:
 * [[1, 0, −1], [2, 0, −2], [1, 0, −1]]) and bias 0 gives [[−4, 0, 4]] on each of its 3 rows;
 * then output sizes with stride and padding. The app adds a horizontal line, a digit (the
 * first training digit of the MNIST in use, resized to 16×16: the bundled set's is a 3), five
 * preset kernels and one's own, stride 1–3 and padding 0–2. Nothing trains: every output value
 * is the engine's Conv2d (nn_conv2d_forward); the window's products are shown beside it.
 *
 * A step moves the window to the next output position, in reading order, and writes that
 * value; the run is one round per position ("Window position 3 of 9").
 *
 * Snapshot:
 *   "input"        (M, M)          the image
 *   "padded"       (M+2p, M+2p)    the image in its frame of zeros: what the kernel slides over
 *   "kernel"       (3, 3)          the kernel used (bias 0)
 *   "geometry"     (6)             M, k, p, s, H_out, W_out
 *   "output"       (H_out, W_out)  the values written so far; NaN where the window has not been
 *   "output_full"  (H_out, W_out)  the whole output map
 * and once the window is on the image (after the first step):
 *   "window"       (4)             output row, output column, top row and left column of the
 *                                  window in "padded"
 *   "products"     (3, 3)          kernel × window, element by element: they add up to the
 *                                  output value at (row, column)
 */
#include "nn_conv_demo.h"
#include "nn_synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define K          3
#define LINE_SIDE  5
#define LINE_INDEX 2
#define DIGIT_SIDE 16

enum { P_IMAGE, P_KERNEL, P_STRIDE, P_PADDING, P_CELLS };
enum { IMAGE_VERTICAL, IMAGE_HORIZONTAL, IMAGE_DIGIT };
enum { KERNEL_EDGE_X, KERNEL_EDGE_Y, KERNEL_BLUR, KERNEL_SHARPEN, KERNEL_IDENTITY, KERNEL_CUSTOM };

static const char *const image_choices[] = {"vertical-line", "horizontal-line", "digit", NULL};
static const char *const image_labels[] = {
    NN_TR("Vertical line (5×5)"), NN_TR("Horizontal line (5×5)"), NN_TR("Digit (16×16)"), NULL};
static const char *const kernel_choices[] = {"edge-x",   "edge-y", "blur", "sharpen",
                                             "identity", "custom", NULL};
static const char *const kernel_labels[] = {
    NN_TR("Edge x (Sobel)"), NN_TR("Edge y (Sobel)"), NN_TR("Blur"), NN_TR("Sharpen"),
    NN_TR("Identity"),       NN_TR("Custom"),         NULL};

static const float kernel_blur[9] = {1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9,
                                     1.0f / 9, 1.0f / 9, 1.0f / 9, 1.0f / 9};
static const float kernel_sharpen[9] = {0, -1, 0, -1, 5, -1, 0, -1, 0};
static const float kernel_identity[9] = {0, 0, 0, 0, 1, 0, 0, 0, 0};

/* The custom kernel's cells, shown by the page's kernel editor rather than the panel; they
 * start as the lab's Sobel-x. */
#define CELL(name_, label_, value_)                                                                \
  {                                                                                                \
    .name = name_, .label = label_, .type = NN_PARAM_FLOAT, .min = -10, .max = 10,                 \
    .quick = value_, .course = value_, .flags = NN_PARAM_PAGE_CONTROL                              \
  }

static const nn_param_desc conv_params[] = {
    [P_IMAGE] = {.name = "image",
                 .label = NN_TR("Image"),
                 .type = NN_PARAM_CHOICE,
                 .min = 0,
                 .max = 2,
                 .step = 1,
                 .choices = image_choices,
                 .choice_labels = image_labels},
    [P_KERNEL] = {.name = "kernel",
                  .label = NN_TR("Kernel"),
                  .type = NN_PARAM_CHOICE,
                  .min = 0,
                  .max = 5,
                  .step = 1,
                  .choices = kernel_choices,
                  .choice_labels = kernel_labels},
    [P_STRIDE] = {.name = "stride",
                  .label = NN_TR("Stride"),
                  .type = NN_PARAM_INT,
                  .min = 1,
                  .max = 3,
                  .quick = 1,
                  .course = 1,
                  .step = 1,
                  .unit = NN_TR("pixels"),
                  .unit_one = NN_TR("pixel")},
    [P_PADDING] = {.name = "padding",
                   .label = NN_TR("Padding"),
                   .type = NN_PARAM_INT,
                   .min = 0,
                   .max = 2,
                   .quick = 0,
                   .course = 0,
                   .step = 1,
                   .unit = NN_TR("pixels"),
                   .unit_one = NN_TR("pixel")},
    CELL("k00", NN_TR("Custom kernel, row 1, column 1"), 1),
    CELL("k01", NN_TR("Custom kernel, row 1, column 2"), 0),
    CELL("k02", NN_TR("Custom kernel, row 1, column 3"), -1),
    CELL("k10", NN_TR("Custom kernel, row 2, column 1"), 2),
    CELL("k11", NN_TR("Custom kernel, row 2, column 2"), 0),
    CELL("k12", NN_TR("Custom kernel, row 2, column 3"), -2),
    CELL("k20", NN_TR("Custom kernel, row 3, column 1"), 1),
    CELL("k21", NN_TR("Custom kernel, row 3, column 2"), 0),
    CELL("k22", NN_TR("Custom kernel, row 3, column 3"), -1),
};

typedef struct {
  nn_conv2d_geom g;
  int side, padded_side;
  float *image;  /* (side, side) */
  float *padded; /* (padded_side, padded_side) */
  float kernel[K * K];
  float *output; /* (H_out, W_out) */
  int positions, done;
} conv_state;

static void conv_free(nn_job *job)
{
  conv_state *st = nn_job_custom(job);
  if (!st)
    return;
  free(st->image);
  free(st->padded);
  free(st->output);
  free(st);
  nn_job_set_custom(job, NULL);
}

static void choose_kernel(const double *params, float *kernel)
{
  const float *preset = NULL;
  switch ((int) params[P_KERNEL]) {
  case KERNEL_EDGE_X:
    preset = nn_demo_sobel_x;
    break;
  case KERNEL_EDGE_Y:
    preset = nn_demo_sobel_y;
    break;
  case KERNEL_BLUR:
    preset = kernel_blur;
    break;
  case KERNEL_SHARPEN:
    preset = kernel_sharpen;
    break;
  case KERNEL_IDENTITY:
    preset = kernel_identity;
    break;
  default:
    for (int i = 0; i < K * K; i++)
      kernel[i] = (float) params[P_CELLS + i];
    return;
  }
  memcpy(kernel, preset, sizeof(float) * K * K);
}

static bool make_image(nn_job *job, conv_state *st, int choice, nn_error *err)
{
  st->side = choice == IMAGE_DIGIT ? DIGIT_SIDE : LINE_SIDE;
  st->image = malloc(sizeof(float) * (size_t) st->side * (size_t) st->side);
  if (!st->image)
    return nn_fail(err, "out of memory");
  if (choice == IMAGE_DIGIT)
    return nn_demo_digit(job, DIGIT_SIDE, st->image, err);
  nn_synth_line_image(st->image, LINE_SIDE, LINE_SIDE, choice == IMAGE_VERTICAL, LINE_INDEX);
  return true;
}

/* The image inside `pad` rows and columns of zeros on every side. */
static void pad_image(conv_state *st)
{
  int p = st->g.pad, n = st->padded_side;
  memset(st->padded, 0, sizeof(float) * (size_t) n * (size_t) n);
  for (int y = 0; y < st->side; y++)
    memcpy(st->padded + (size_t) (y + p) * n + p, st->image + (size_t) y * st->side,
           sizeof(float) * (size_t) st->side);
}

static bool conv_start(nn_job *job, nn_error *err)
{
  const double *params = nn_job_params(job);
  conv_state *st = calloc(1, sizeof *st);
  if (!st)
    return nn_fail(err, "out of memory");
  nn_job_set_custom(job, st);
  if (!make_image(job, st, (int) params[P_IMAGE], err))
    return false;
  if (!nn_demo_geom("kernel", 1, st->side, st->side, 1, K, (int) params[P_STRIDE],
                    (int) params[P_PADDING], &st->g, err))
    return false;
  choose_kernel(params, st->kernel);
  st->padded_side = st->side + 2 * st->g.pad;
  st->positions = st->g.H_out * st->g.W_out;
  st->padded = malloc(sizeof(float) * (size_t) st->padded_side * (size_t) st->padded_side);
  st->output = malloc(sizeof(float) * (size_t) st->positions);
  if (!st->padded || !st->output)
    return nn_fail(err, "out of memory");
  pad_image(st);
  if (!nn_demo_conv2d(st->image, st->kernel, NULL, st->output, &st->g, err))
    return false;
  nn_job_set_epochs(job, st->positions);
  return true;
}

/* The window moves on: one more output value is written. */
static bool conv_step(nn_job *job)
{
  conv_state *st = nn_job_custom(job);
  if (st->done < st->positions) {
    st->done++;
    nn_job_record_epoch(job, 0, NAN, NAN, NAN, NAN);
  }
  return st->done < st->positions;
}

/* "window" and "products" of the window that wrote output value `index`. */
static void add_window(nn_snapshot *s, const conv_state *st, int index)
{
  int row = index / st->g.W_out, col = index % st->g.W_out;
  int top = row * st->g.stride, left = col * st->g.stride;
  float window[4] = {(float) row, (float) col, (float) top, (float) left};
  nn_demo_snap(s, "window", 1, (int[]){4}, window);
  float products[K * K];
  for (int a = 0; a < K; a++)
    for (int b = 0; b < K; b++)
      products[a * K + b] =
          st->kernel[a * K + b] * st->padded[(size_t) (top + a) * st->padded_side + left + b];
  nn_demo_snap(s, "products", 2, (int[]){K, K}, products);
}

static void conv_fill(nn_job *job, nn_snapshot *s)
{
  conv_state *st = nn_job_custom(job);
  if (!st)
    return;
  const nn_conv2d_geom *g = &st->g;
  nn_demo_snap(s, "input", 2, (int[]){st->side, st->side}, st->image);
  nn_demo_snap(s, "padded", 2, (int[]){st->padded_side, st->padded_side}, st->padded);
  nn_demo_snap(s, "kernel", 2, (int[]){K, K}, st->kernel);
  float geometry[6] = {(float) st->side,  (float) K,        (float) g->pad,
                       (float) g->stride, (float) g->H_out, (float) g->W_out};
  nn_demo_snap(s, "geometry", 1, (int[]){6}, geometry);
  nn_demo_snap(s, "output_full", 2, (int[]){g->H_out, g->W_out}, st->output);
  float *so_far = nn_snapshot_add(s, "output", 2, (int[]){g->H_out, g->W_out});
  if (so_far)
    for (int i = 0; i < st->positions; i++)
      so_far[i] = i < st->done ? st->output[i] : NAN;
  if (st->done > 0)
    add_window(s, st, st->done - 1);
}

const nn_lesson nn_lesson_convolution = {
    .id = "convolution",
    .title = NN_TR("Convolution"),
    .chapter = 4,
    .n_params = NN_N_ELEMENTS(conv_params),
    .params = conv_params,
    .n_variants = 1,
    .custom_start = conv_start,
    .custom_free = conv_free,
    .custom_step = conv_step,
    .fill_snapshot = conv_fill,
    .watch_seconds = 5,
    .round_name = NN_TR("Window position"),
    .step_tooltip = NN_TR("Move the window to the next position, then pause"),
};
