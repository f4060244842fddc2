/* Shared pieces of lesson declarations. See nn_lesson_util.h. */
#include "nn_lesson_util.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const nn_optimizer_choices[] = {"sgd", "adam", NULL};
const char *const nn_activation_choices[] = {"sigmoid", "tanh", "relu", NULL};
const char *const nn_optimizer_labels[] = {NN_TR("SGD"), NN_TR("Adam"), NULL};
const char *const nn_activation_labels[] = {NN_TR("Sigmoid"), NN_TR("Tanh"), NN_TR("ReLU"), NULL};

const nn_mnist *nn_lesson_get_mnist(const nn_lesson_env *env, int side, nn_error *err)
{
  if (!env || !env->get_mnist) {
    nn_fail(err, "this lesson needs MNIST, and no data set was given to it");
    return NULL;
  }
  return env->get_mnist(env->user, side, err);
}

/* A view of the first n samples of src (all when n is 0 or more than it has), flattened or
 * not. */
static bool mnist_part(const nn_dataset *src, int n, bool flatten, nn_dataset *out,
                       nn_error *err)
{
  int count = (n <= 0 || n > src->n) ? src->n : n;
  nn_dataset part = nn_dataset_view(src, 0, count);
  if (!flatten) {
    *out = part;
    return true;
  }
  int features = (int) nn_dataset_sample_numel(src);
  return nn_dataset_reshape(&part, 1, &features, out, err);
}

bool nn_lesson_mnist(const nn_lesson_env *env, int side, bool flatten, int n_train, int n_val,
                     nn_dataset *train, nn_dataset *val, nn_error *err)
{
  const nn_mnist *m = nn_lesson_get_mnist(env, side, err);
  if (!m)
    return false;
  return mnist_part(&m->train, n_train, flatten, train, err) &&
         mnist_part(&m->test, n_val, flatten, val, err);
}

nn_optim_config nn_lesson_optim(int optimizer, double lr, double momentum)
{
  nn_optim_config c = {.lr = (float) lr};
  if (optimizer == NN_OPTIMIZER_ADAM) {
    c.kind = NN_OPTIM_ADAM;
  } else {
    c.kind = NN_OPTIM_SGD;
    c.momentum = (float) momentum;
  }
  return c;
}

nn_layer_spec nn_lesson_activation(int activation)
{
  switch (activation) {
  case NN_ACTIVATION_TANH:
    return NN_LAYER_TANH;
  case NN_ACTIVATION_RELU:
    return NN_LAYER_RELU;
  default:
    return NN_LAYER_SIGMOID;
  }
}

void nn_plan_add(nn_variant_plan *plan, nn_layer_spec layer)
{
  assert(plan->n_layers < NN_MAX_LAYERS);
  plan->layers[plan->n_layers++] = layer;
}

void nn_plan_mlp(nn_variant_plan *plan, int in, const int *hidden, int n_hidden,
                 nn_layer_spec activation, float dropout, int out)
{
  plan->in_ndim = 1;
  plan->in_shape[0] = in;
  for (int i = 0; i < n_hidden; i++) {
    nn_plan_add(plan, NN_LAYER_LINEAR(hidden[i]));
    if (dropout > 0)
      nn_plan_add(plan, NN_LAYER_DROPOUT(dropout));
    nn_plan_add(plan, activation);
  }
  nn_plan_add(plan, NN_LAYER_LINEAR(out));
}

void nn_plan_course_cnn(nn_variant_plan *plan, int side, bool batch_norm)
{
  assert(side % 4 == 0);
  plan->in_ndim = 3;
  plan->in_shape[0] = 1;
  plan->in_shape[1] = side;
  plan->in_shape[2] = side;
  static const int channels[2] = {16, 32};
  for (int block = 0; block < 2; block++) {
    nn_plan_add(plan, NN_LAYER_CONV(channels[block], 5, 1, 2)); /* padding 2 keeps the side */
    if (batch_norm)
      nn_plan_add(plan, NN_LAYER_BN2D);
    nn_plan_add(plan, NN_LAYER_RELU);
    nn_plan_add(plan, NN_LAYER_MAXPOOL(2, 2));
  }
  nn_plan_add(plan, NN_LAYER_FLATTEN);
  nn_plan_add(plan, NN_LAYER_LINEAR(10));
  if (batch_norm)
    nn_plan_add(plan, NN_LAYER_BN1D);
}

void nn_plan_name(nn_variant_plan *plan, const char *name, const char *label)
{
  snprintf(plan->name, sizeof plan->name, "%s", name);
  snprintf(plan->label, sizeof plan->label, "%s", label ? label : name);
}

void nn_plan_activation_mnist(nn_variant_plan *plan, int activation, const int *hidden,
                              int n_hidden, double lr)
{
  assert(activation >= NN_ACTIVATION_SIGMOID && activation <= NN_ACTIVATION_RELU);
  nn_plan_name(plan, nn_activation_choices[activation], nn_activation_labels[activation]);
  nn_plan_mlp(plan, 28 * 28, hidden, n_hidden, nn_lesson_activation(activation), 0, 10);
  plan->loss = NN_LOSS_CROSS_ENTROPY;
  plan->accuracy = NN_ACCURACY_ARGMAX;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, lr, 0);
}

float nn_activation_slope(int activation, float a)
{
  switch (activation) {
  case NN_ACTIVATION_TANH:
    return 1.0f - a * a;
  case NN_ACTIVATION_RELU:
    return a > 0 ? 1.0f : 0.0f;
  default:
    return a * (1.0f - a);
  }
}

int nn_lesson_probabilities(const nn_variant_plan *plan, float *out, int n, int width)
{
  switch (plan->accuracy) {
  case NN_ACCURACY_ARGMAX:
    nn_softmax(out, n, width, out);
    break;
  case NN_ACCURACY_LOGIT:
    for (int i = 0; i < n * width; i++)
      out[i] = 1.0f / (1.0f + expf(-out[i]));
    break;
  default:
    break;
  }
  return width;
}

/* Runs x (n samples) through m in evaluation mode and copies layer `layer`'s output (−1 or
 * the last layer: the model's output) into out. */
static void eval_layer(nn_model *m, const float *x, int n, int layer, float *out)
{
  bool training = nn_model_is_training(m);
  nn_model_set_training(m, false);
  int last = nn_model_n_layers(m) - 1;
  if (layer < 0)
    layer = last;
  size_t in_numel = nn_model_layer_numel(m, -1), out_numel = nn_model_layer_numel(m, layer);
  int cap = nn_model_capacity(m);
  for (int first = 0; first < n; first += cap) {
    int count = NN_MIN(cap, n - first);
    nn_model_forward(m, x + (size_t) first * in_numel, count);
    memcpy(out + (size_t) first * out_numel, nn_model_output(m, layer),
           sizeof(float) * out_numel * (size_t) count);
  }
  nn_model_set_training(m, training);
}

void nn_snap_curve_over_x(nn_snapshot *s, const char *name, nn_model *m,
                          const nn_variant_plan *plan, int layer, float x0, float x1, int n)
{
  int width = (int) nn_model_layer_numel(m, layer < 0 ? nn_model_n_layers(m) - 1 : layer);
  float *xs = malloc(sizeof(float) * (size_t) n);
  float *out = nn_snapshot_add(s, name, 2, (int[]){n, width});
  if (!xs || !out) {
    free(xs);
    return;
  }
  for (int i = 0; i < n; i++)
    xs[i] = x0 + (x1 - x0) * (float) i / (float) (n > 1 ? n - 1 : 1);
  eval_layer(m, xs, n, layer, out);
  if (layer < 0 || layer == nn_model_n_layers(m) - 1)
    nn_lesson_probabilities(plan, out, n, width);
  s->items[s->n_items - 1].range[0] = x0;
  s->items[s->n_items - 1].range[1] = x1;
  free(xs);
}

void nn_snap_region_map(nn_snapshot *s, const char *name, nn_model *m,
                        const nn_variant_plan *plan, float x0, float x1, float y0, float y1,
                        int w, int h)
{
  int width = (int) nn_model_layer_numel(m, nn_model_n_layers(m) - 1);
  float *xy = malloc(sizeof(float) * 2 * (size_t) w * (size_t) h);
  float *out = nn_snapshot_add(s, name, 3, (int[]){h, w, width});
  if (!xy || !out) {
    free(xy);
    return;
  }
  for (int r = 0; r < h; r++) {
    for (int c = 0; c < w; c++) {
      /* The nodes of a lattice with both ends included (numpy's linspace), as the region
       * map widget draws it. */
      xy[2 * (r * w + c)] = x0 + (x1 - x0) * (float) c / (float) (w > 1 ? w - 1 : 1);
      xy[2 * (r * w + c) + 1] = y0 + (y1 - y0) * (float) r / (float) (h > 1 ? h - 1 : 1);
    }
  }
  eval_layer(m, xy, w * h, -1, out);
  nn_lesson_probabilities(plan, out, w * h, width);
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = x0;
  item->range[1] = x1;
  item->range[2] = y0;
  item->range[3] = y1;
  free(xy);
}

void nn_snap_points(nn_snapshot *s, const char *name, const nn_dataset *ds)
{
  int features = (int) nn_dataset_sample_numel(ds);
  float *p = nn_snapshot_add(s, name, 2, (int[]){ds->n, 3});
  if (!p)
    return;
  for (int i = 0; i < ds->n; i++) {
    const float *x = nn_dataset_sample(ds, i);
    p[3 * i] = x[0];
    if (features >= 2)
      p[3 * i + 1] = x[1];
    else
      p[3 * i + 1] = ds->y_value ? ds->y_value[(size_t) i * (size_t) ds->y_dim]
                                 : (float) (ds->y_class ? ds->y_class[i] : 0);
    p[3 * i + 2] = ds->y_class ? (float) ds->y_class[i] : -1.0f;
  }
}

void nn_snap_layer_points(nn_snapshot *s, const char *name, nn_model *m, const nn_dataset *ds,
                          int layer)
{
  size_t width = nn_model_layer_numel(m, layer);
  float *values = malloc(sizeof(float) * width * (size_t) NN_MAX(ds->n, 1));
  float *p = width >= 2 ? nn_snapshot_add(s, name, 2, (int[]){ds->n, 3}) : NULL;
  if (!values || !p) {
    free(values);
    return;
  }
  eval_layer(m, ds->x, ds->n, layer, values);
  for (int i = 0; i < ds->n; i++) {
    p[3 * i] = values[(size_t) i * width];
    p[3 * i + 1] = values[(size_t) i * width + 1];
    p[3 * i + 2] = ds->y_class ? (float) ds->y_class[i] : -1.0f;
  }
  free(values);
}

void nn_snap_weight_images(nn_snapshot *s, const char *name, nn_model *m, int layer, int h,
                           int w, int max_rows)
{
  nn_param *weight = nn_model_weight(m, layer);
  if (!weight)
    return;
  size_t numel = nn_tensor_numel(&weight->value);
  int per_image = h * w;
  int rows = (int) (numel / (size_t) per_image);
  if (rows * per_image != (int) numel)
    return;
  rows = NN_MIN(rows, max_rows);
  float *dst = nn_snapshot_add(s, name, 3, (int[]){rows, h, w});
  if (dst)
    memcpy(dst, weight->value.data, sizeof(float) * (size_t) rows * (size_t) per_image);
}

void nn_snap_histogram(nn_snapshot *s, const char *name, const float *values, size_t count,
                       float lo, float hi, int bins)
{
  float *counts = nn_snapshot_add(s, name, 1, (int[]){bins});
  if (!counts || !(hi > lo))
    return;
  for (size_t i = 0; i < count; i++) {
    float v = values[i];
    if (!isfinite(v))
      continue;
    int b = (int) floorf((v - lo) / (hi - lo) * (float) bins);
    counts[NN_MAX(0, NN_MIN(bins - 1, b))] += 1.0f;
  }
  s->items[s->n_items - 1].range[0] = lo;
  s->items[s->n_items - 1].range[1] = hi;
}

float *nn_lesson_layer_outputs(nn_model *m, const nn_dataset *ds, int n, int layer,
                               size_t *count)
{
  n = NN_MAX(0, NN_MIN(n, ds->n));
  int last = nn_model_n_layers(m) - 1;
  *count = nn_model_layer_numel(m, layer < 0 ? last : layer) * (size_t) n;
  float *values = malloc(sizeof(float) * NN_MAX(*count, 1));
  if (!values)
    return NULL;
  eval_layer(m, ds->x, n, layer, values);
  return values;
}

void nn_snap_layer_histogram(nn_snapshot *s, const char *name, nn_model *m, const nn_dataset *ds,
                             int n, int layer, float lo, float hi, int bins)
{
  size_t count = 0;
  float *values = nn_lesson_layer_outputs(m, ds, n, layer, &count);
  nn_snap_histogram(s, name, values ? values : (const float[]){0}, values ? count : 0, lo, hi,
                    bins);
  free(values);
}

void nn_snap_feature_maps(nn_snapshot *s, const char *name, nn_model *m, const float *sample)
{
  bool training = nn_model_is_training(m);
  nn_model_set_training(m, false);
  nn_model_forward(m, sample, 1);
  nn_model_set_training(m, training);
  for (int i = 0; i < nn_model_n_layers(m); i++) {
    int shape[NN_MAX_DIMS];
    int ndim = nn_model_layer_shape(m, i, shape);
    char item[48];
    snprintf(item, sizeof item, "%s/%d", name, i);
    float *dst = nn_snapshot_add(s, item, ndim, shape);
    if (dst)
      memcpy(dst, nn_model_output(m, i), sizeof(float) * nn_model_layer_numel(m, i));
  }
}

void nn_snap_examples(nn_snapshot *s, const char *name, nn_model *m, const nn_variant_plan *plan,
                      const nn_dataset *ds, int count, int h, int w)
{
  int n = NN_MIN(ds->n, 500); /* enough to find wrong ones, cheap enough for 30 Hz */
  int width = (int) nn_model_layer_numel(m, nn_model_n_layers(m) - 1);
  float *out = malloc(sizeof(float) * (size_t) n * (size_t) width);
  int *pick[2] = {malloc(sizeof(int) * (size_t) count), malloc(sizeof(int) * (size_t) count)};
  if (!out || !pick[0] || !pick[1] || !ds->y_class || n <= 0)
    goto out;
  eval_layer(m, ds->x, n, -1, out);
  nn_lesson_probabilities(plan, out, n, width);
  int found[2] = {0, 0};
  for (int i = 0; i < n && (found[0] < count || found[1] < count); i++) {
    const float *p = out + (size_t) i * (size_t) width;
    int guess = 0;
    for (int c = 1; c < width; c++)
      if (p[c] > p[guess])
        guess = c;
    int right = guess == ds->y_class[i];
    if (found[right] < count)
      pick[right][found[right]++] = i;
  }
  static const char *const kinds[2] = {"wrong", "right"};
  for (int k = 0; k < 2; k++) {
    char item[48];
    snprintf(item, sizeof item, "%s/%s", name, kinds[k]);
    float *img = nn_snapshot_add(s, item, 3, (int[]){found[k], h, w});
    snprintf(item, sizeof item, "%s/%s_label", name, kinds[k]);
    float *label = nn_snapshot_add(s, item, 2, (int[]){found[k], 3});
    if (!img || !label)
      break;
    for (int j = 0; j < found[k]; j++) {
      int i = pick[k][j];
      const float *p = out + (size_t) i * (size_t) width;
      int guess = 0;
      for (int c = 1; c < width; c++)
        if (p[c] > p[guess])
          guess = c;
      memcpy(img + (size_t) j * (size_t) (h * w), nn_dataset_sample(ds, i),
             sizeof(float) * (size_t) (h * w));
      label[3 * j] = (float) ds->y_class[i];
      label[3 * j + 1] = (float) guess;
      label[3 * j + 2] = p[guess];
    }
  }
out:
  free(out);
  free(pick[0]);
  free(pick[1]);
}
