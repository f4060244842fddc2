/* `predict MODEL.safetensors IMAGE.png`: the digit (or garment) a saved model reads in a PNG,
 * prepared as lesson 26 prepares its canvas. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "nn_image.h"
#include "nn_lesson_util.h"
#include "nn_mnist.h"
#include "nn_png.h"
#include "nn_trainer.h"

#define N_CLASSES 10
/* Larger images are averaged down by a whole factor before the digit is prepared, so a
 * 10,000 × 10,000 PNG needs 44 MB of floats rather than 400 MB. Step 5 of the preparation
 * averages areas anyway; only the crop and the ink threshold then see the averaged pixels. */
#define MAX_GREY_PIXELS ((size_t) 16 << 20)

/* The model a weights file holds, and what its input is. */
typedef struct {
  nn_model *model;
  nn_variant_plan plan;
  char source[96]; /* "lesson cnn-mnist, variant cnn" */
  int side;        /* the image side the model reads (28, 16, ...) */
  bool fashion;    /* "classes": "fashion" in the metadata */
} LoadedModel;

/* A state dict of exactly one nn.Linear(784, 10) as "0.weight" and "0.bias": lesson 4's model,
 * also as PyTorch saves it (no metadata needed). */
static bool is_plain_softmax(const nn_st_file *f)
{
  const nn_st_tensor *w = nn_st_find(f, "0.weight"), *b = nn_st_find(f, "0.bias");
  return f->n_tensors == 2 && w && b && w->ndim == 2 && w->shape[0] == N_CLASSES &&
         w->shape[1] == NN_DIGIT_SIDE * NN_DIGIT_SIDE && b->ndim == 1 && b->shape[0] == N_CLASSES;
}

static nn_model *load_plain_softmax(const nn_st_file *f, nn_variant_plan *plan, nn_error *err)
{
  memset(plan, 0, sizeof *plan);
  plan->in_ndim = 1;
  plan->in_shape[0] = NN_DIGIT_SIDE * NN_DIGIT_SIDE;
  plan->n_layers = 1;
  plan->layers[0] = NN_LAYER_LINEAR(N_CLASSES);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  nn_model *m = nn_model_new(1, plan->in_shape, plan->layers, 1, err);
  if (m && !nn_model_load(m, f, err)) {
    nn_model_free(m);
    return NULL;
  }
  return m;
}

/* The side of the square image a model reads: (1, s, s), or (s·s) flattened; 0 if neither. */
static int image_side(const nn_variant_plan *plan)
{
  if (plan->in_ndim == 3 && plan->in_shape[0] == 1 && plan->in_shape[1] == plan->in_shape[2])
    return plan->in_shape[1];
  if (plan->in_ndim == 1) {
    int s = (int) lround(sqrt((double) plan->in_shape[0]));
    if (s * s == plan->in_shape[0] && s >= 8)
      return s;
  }
  return 0;
}

static bool load_model(const char *path, LoadedModel *lm)
{
  nn_st_file f = {0};
  nn_error err = {{0}};
  memset(lm, 0, sizeof *lm);
  if (!nn_st_read_file(path, &f, &err)) {
    cli_usage_error("%s", err.message);
    return false;
  }
  const nn_lesson *lesson = NULL;
  int variant = 0;
  double params[NN_MAX_PARAMS];
  lm->model = nn_weights_load_model(&f, &lesson, &variant, params, &err);
  if (lm->model) {
    memset(&lm->plan, 0, sizeof lm->plan);
    lesson->plan_variant(params, variant, &lm->plan, &err);
    snprintf(lm->source, sizeof lm->source, "lesson %s, variant %s", lesson->id, lm->plan.name);
  } else if (is_plain_softmax(&f)) {
    lm->model = load_plain_softmax(&f, &lm->plan, &err);
    snprintf(lm->source, sizeof lm->source, "a Linear(784, 10)");
  }
  const char *classes = nn_st_meta_get(&f, "classes");
  lm->fashion = classes && !strcmp(classes, "fashion");
  nn_st_file_free(&f);
  if (!lm->model) {
    cli_usage_error("%s: %s", path, err.message);
    return false;
  }
  lm->side = image_side(&lm->plan);
  int outputs = (int) nn_model_layer_numel(lm->model, nn_model_n_layers(lm->model) - 1);
  if (!lm->side || lm->side > NN_DIGIT_SIDE || outputs != N_CLASSES ||
      lm->plan.accuracy != NN_ACCURACY_ARGMAX) {
    char shape[64];
    nn_shape_format(lm->plan.in_ndim, lm->plan.in_shape, shape, sizeof shape);
    cli_usage_error("%s: the model of %s reads %s and gives %d value%s: predict needs the "
                    "weights of an MNIST lesson (an image in, ten classes out)",
                    path, lm->source, shape, outputs, outputs == 1 ? "" : "s");
    nn_model_free(lm->model);
    lm->model = NULL;
    return false;
  }
  return true;
}

/* grey (h, w) of the image composited over its background; averaged by blocks of k × k when
 * the image is larger than MAX_GREY_PIXELS. NULL when out of memory. */
static float *image_grey(const nn_image *img, int *h, int *w, nn_error *err)
{
  int k = 1;
  while ((size_t) ((img->width + k - 1) / k) * (size_t) ((img->height + k - 1) / k) >
         MAX_GREY_PIXELS)
    k++;
  *w = (img->width + k - 1) / k;
  *h = (img->height + k - 1) / k;
  float *grey = nn_alloc((size_t) *w * (size_t) *h, sizeof(float), err);
  if (!grey || k == 1) {
    if (grey)
      nn_image_to_grey(img, grey);
    return grey;
  }
  const float background = nn_image_background(img);
  for (int by = 0; by < *h; by++) {
    int y1 = NN_MIN((by + 1) * k, img->height);
    for (int bx = 0; bx < *w; bx++) {
      int x1 = NN_MIN((bx + 1) * k, img->width);
      double sum = 0;
      for (int y = by * k; y < y1; y++)
        for (int x = bx * k; x < x1; x++) {
          const uint8_t *p = img->pixels + 2 * ((size_t) y * (size_t) img->width + (size_t) x);
          float g = p[0] / 255.0f, a = p[1] / 255.0f;
          sum += g * a + background * (1.0f - a);
        }
      grey[(size_t) by * (size_t) *w + (size_t) bx] =
          (float) (sum / ((double) (y1 - by * k) * (double) (x1 - bx * k)));
    }
  }
  return grey;
}

/* The PNG as the model's input (side × side, MNIST-like); false after printing why not. */
static bool read_digit(const char *path, int side, float *input)
{
  nn_image img = {0};
  nn_error err = {{0}};
  if (!nn_png_read_file(path, &img, &err)) {
    cli_usage_error("%s", err.message);
    return false;
  }
  int h = 0, w = 0;
  float *grey = image_grey(&img, &h, &w, &err);
  nn_image_free(&img);
  bool ok = grey && nn_digit_prepare(grey, h, w, side, input, NULL, &err);
  free(grey);
  if (!ok)
    cli_usage_error("%s: %s", path, err.message);
  return ok;
}

static void print_answer(const LoadedModel *lm, const float *probs)
{
  int best = 0;
  for (int c = 1; c < N_CLASSES; c++)
    if (probs[c] > probs[best])
      best = c;
  printf("{\"digit\":%d", best);
  if (lm->fashion) {
    nn_mnist names = {.fashion = true};
    printf(",\"class\":");
    json_string(stdout, nn_mnist_class_name(&names, best));
  }
  printf(",\"probabilities\":[");
  for (int c = 0; c < N_CLASSES; c++) {
    printf(c ? "," : "");
    json_number(stdout, probs[c]);
  }
  printf("]}\n");
}

int cli_cmd_predict(int argc, char **argv)
{
  if (argc != 3)
    return cli_usage_error("predict needs two files: MODEL.safetensors IMAGE.png (got %d)",
                           argc - 1);
  LoadedModel lm;
  if (!load_model(argv[1], &lm))
    return CLI_USAGE;
  float input[NN_DIGIT_SIDE * NN_DIGIT_SIDE];
  nn_error err = {{0}};
  int status = CLI_OK;
  if (!read_digit(argv[2], lm.side, input))
    status = CLI_USAGE;
  else if (!nn_model_reserve(lm.model, 1, &err))
    status = cli_run_error("%s", err.message);
  if (status == CLI_OK) {
    nn_model_set_training(lm.model, false);
    float probs[N_CLASSES];
    memcpy(probs, nn_model_forward(lm.model, input, 1), sizeof probs);
    nn_lesson_probabilities(&lm.plan, probs, 1, N_CLASSES);
    print_answer(&lm, probs);
  }
  nn_model_free(lm.model);
  return status;
}
