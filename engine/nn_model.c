/* nn_model.c — a model's structure: shape inference and its refusals, the parameter and buffer
 * blocks with their state_dict names, the per-batch arena, cloning and describing.
 * The passes themselves live in nn_model_pass.c. */
#include "nn_model_private.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[NN_LAYER_KIND_COUNT] = {
    [NN_LINEAR] = "Linear",
    [NN_CONV2D] = "Conv2d",
    [NN_MAXPOOL2D] = "MaxPool2d",
    [NN_BATCHNORM1D] = "BatchNorm1d",
    [NN_BATCHNORM2D] = "BatchNorm2d",
    [NN_DROPOUT] = "Dropout",
    [NN_SIGMOID] = "Sigmoid",
    [NN_TANH] = "Tanh",
    [NN_RELU] = "ReLU",
    [NN_FLATTEN] = "Flatten",
};

/* Per-sample sizes stay below this so every index and GEMM dimension fits an int. */
#define MAX_NUMEL ((size_t) 1 << 28)

/* ---- shape inference ---- */

static bool layer_fail(nn_error *err, int i, const nn_layer_spec *s, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool layer_fail(nn_error *err, int i, const nn_layer_spec *s, const char *fmt, ...)
{
  char why[NN_ERROR_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  return nn_fail(err, "layer %d (%s): %s", i, kind_names[s->kind], why);
}

static void set_out(nn_layer *L, int ndim, int d0, int d1, int d2)
{
  L->out_ndim = ndim;
  L->out_shape[0] = d0;
  L->out_shape[1] = d1;
  L->out_shape[2] = d2;
}

/* Conv2d and MaxPool2d: the window must fit the (padded) input, as PyTorch insists. */
static bool infer_window(nn_layer *L, int i, nn_error *err)
{
  const nn_layer_spec *s = &L->spec;
  char shape[64];
  nn_shape_format(L->in_ndim, L->in_shape, shape, sizeof shape);
  if (L->in_ndim != 3)
    return layer_fail(err, i, s, "needs a (C, H, W) input, got %s", shape);
  if (s->kernel < 1 || s->stride < 1 || s->padding < 0)
    return layer_fail(err, i, s,
                      "kernel %d, stride %d, padding %d: need kernel ≥ 1, stride ≥ 1, "
                      "padding ≥ 0",
                      s->kernel, s->stride, s->padding);
  int C = L->in_shape[0], H = L->in_shape[1], W = L->in_shape[2], pad = s->padding;
  if (s->kernel > H + 2 * pad || s->kernel > W + 2 * pad)
    return layer_fail(err, i, s, "kernel %d×%d is larger than the %s %d×%d", s->kernel, s->kernel,
                      pad ? "padded input" : "input", H + 2 * pad, W + 2 * pad);
  int C_out = s->kind == NN_CONV2D ? s->out : C;
  L->geom = nn_conv2d_geom_make(C, H, W, C_out, s->kernel, s->stride, pad);
  set_out(L, 3, C_out, L->geom.H_out, L->geom.W_out);
  if (nn_conv2d_work_floats(&L->geom) > MAX_NUMEL)
    return layer_fail(err, i, s, "too large");
  return true;
}

/* Fills L's output shape from its input shape, or says why PyTorch would refuse. */
static bool infer_layer(nn_layer *L, int i, nn_error *err)
{
  nn_layer_spec *s = &L->spec;
  char shape[64];
  nn_shape_format(L->in_ndim, L->in_shape, shape, sizeof shape);
  switch (s->kind) {
  case NN_LINEAR:
    if (L->in_ndim != 1)
      return layer_fail(err, i, s, "gets a %s output; add nn.Flatten() before it", shape);
    if (s->out < 1)
      return layer_fail(err, i, s, "out_features %d must be positive", s->out);
    if ((size_t) s->out * L->in_shape[0] > MAX_NUMEL)
      return layer_fail(err, i, s, "%d × %d weights are too many", s->out, L->in_shape[0]);
    set_out(L, 1, s->out, 0, 0);
    return true;
  case NN_CONV2D:
    if (s->out < 1)
      return layer_fail(err, i, s, "out_channels %d must be positive", s->out);
    if (s->stride == 0)
      s->stride = 1;
    return infer_window(L, i, err);
  case NN_MAXPOOL2D:
    if (s->padding != 0)
      return layer_fail(err, i, s, "padding is not supported");
    if (s->stride == 0)
      s->stride = s->kernel; /* PyTorch: stride defaults to kernel_size */
    return infer_window(L, i, err);
  case NN_BATCHNORM1D:
    if (L->in_ndim != 1)
      return layer_fail(err, i, s, "needs a (B, F) input, got %s per sample", shape);
    set_out(L, 1, L->in_shape[0], 0, 0);
    return true;
  case NN_BATCHNORM2D:
    if (L->in_ndim != 3)
      return layer_fail(err, i, s, "needs a (C, H, W) input, got %s", shape);
    set_out(L, 3, L->in_shape[0], L->in_shape[1], L->in_shape[2]);
    return true;
  case NN_DROPOUT:
    if (!(s->p >= 0.0f && s->p <= 1.0f))
      return layer_fail(err, i, s, "p = %g is not a probability in [0, 1]", (double) s->p);
    set_out(L, L->in_ndim, L->in_shape[0], L->in_shape[1], L->in_shape[2]);
    return true;
  case NN_SIGMOID:
  case NN_TANH:
  case NN_RELU:
    set_out(L, L->in_ndim, L->in_shape[0], L->in_shape[1], L->in_shape[2]);
    return true;
  case NN_FLATTEN:
    set_out(L, 1, (int) L->in_numel, 0, 0);
    return true;
  case NN_LAYER_KIND_COUNT:
    break;
  }
  return nn_fail(err, "layer %d: unknown kind %d", i, (int) s->kind);
}

/* ---- parameters, buffers and the state_dict ---- */

static nn_state_entry *add_state(nn_model *m, int layer, const char *field, nn_dtype dtype,
                                 bool trainable, int ndim, const int *shape)
{
  assert(m->n_state < NN_MAX_STATE);
  int k = m->n_state++;
  snprintf(m->state_names[k], sizeof m->state_names[k], "%d.%s", layer, field);
  nn_state_entry *e = &m->state[k];
  *e = (nn_state_entry){
      .name = m->state_names[k], .dtype = dtype, .trainable = trainable, .ndim = ndim};
  for (int d = 0; d < ndim; d++)
    e->shape[d] = shape[d];
  return e;
}

/* Declares a parameter: its offset in the value block is the running total (data filled later,
 * once the block exists). Returns its index. */
static int add_param(nn_model *m, int layer, const char *field, int ndim, const int *shape)
{
  add_state(m, layer, field, NN_F32, true, ndim, shape);
  int k = m->n_params++;
  nn_param *p = &m->params[k];
  snprintf(p->name, sizeof p->name, "%d.%s", layer, field);
  p->value = nn_tensor_view(NULL, ndim, shape);
  p->grad = nn_tensor_view(NULL, ndim, shape);
  m->n_values += nn_shape_numel(ndim, shape);
  return k;
}

static void declare_state(nn_model *m, int i)
{
  nn_layer *L = &m->layers[i];
  const nn_layer_spec *s = &L->spec;
  L->weight = L->bias = -1;
  L->first_state = m->n_state;
  if (s->kind == NN_LINEAR) {
    L->weight = add_param(m, i, "weight", 2, (int[]){s->out, L->in_shape[0]});
    if (!s->no_bias)
      L->bias = add_param(m, i, "bias", 1, (int[]){s->out});
  } else if (s->kind == NN_CONV2D) {
    L->weight = add_param(m, i, "weight", 4, (int[]){s->out, L->in_shape[0], s->kernel, s->kernel});
    if (!s->no_bias)
      L->bias = add_param(m, i, "bias", 1, (int[]){s->out});
  } else if (s->kind == NN_BATCHNORM1D || s->kind == NN_BATCHNORM2D) {
    int C = L->in_shape[0];
    L->weight = add_param(m, i, "weight", 1, (int[]){C});
    L->bias = add_param(m, i, "bias", 1, (int[]){C});
    add_state(m, i, "running_mean", NN_F32, false, 1, (int[]){C});
    add_state(m, i, "running_var", NN_F32, false, 1, (int[]){C});
    add_state(m, i, "num_batches_tracked", NN_I64, false, 0, NULL);
    m->n_buffer_floats += 2 * (size_t) C;
  }
}

/* Points parameters, gradients and buffers into their blocks, in state_dict order. */
static void carve_blocks(nn_model *m)
{
  size_t value_at = 0, buffer_at = 0;
  int param = 0;
  for (int k = 0; k < m->n_state; k++) {
    nn_state_entry *e = &m->state[k];
    size_t n = nn_shape_numel(e->ndim, e->shape);
    if (e->trainable) {
      nn_param *p = &m->params[param++];
      p->value.data = m->values + value_at;
      p->grad.data = m->grads + value_at;
      e->data = p->value.data;
      value_at += n;
    } else if (e->dtype == NN_F32) {
      e->data = m->buffers + buffer_at;
      buffer_at += n;
    }
  }
  for (int i = 0; i < m->n_layers; i++) {
    nn_layer *L = &m->layers[i];
    if (L->spec.kind != NN_BATCHNORM1D && L->spec.kind != NN_BATCHNORM2D)
      continue;
    /* weight, bias, running_mean, running_var, num_batches_tracked */
    int k = L->first_state;
    L->running_mean = m->state[k + 2].data;
    L->running_var = m->state[k + 3].data;
    L->num_batches_tracked = &m->batches_tracked[i];
    m->state[k + 4].data = L->num_batches_tracked;
    for (int c = 0; c < L->in_shape[0]; c++)
      L->running_var[c] = 1.0f; /* PyTorch starts running_var at 1, running_mean at 0 */
  }
}

nn_model *nn_model_new(int in_ndim, const int *in_shape, const nn_layer_spec *layers, int n_layers,
                       nn_error *err)
{
  if (in_ndim < 1 || in_ndim > 3) {
    nn_fail(err, "input: %d dimensions per sample (1 to 3)", in_ndim);
    return NULL;
  }
  if (n_layers < 1 || n_layers > NN_MAX_LAYERS) {
    nn_fail(err, "%d layers (a model has 1 to %d)", n_layers, NN_MAX_LAYERS);
    return NULL;
  }
  size_t numel = 1;
  for (int d = 0; d < in_ndim; d++) {
    if (in_shape[d] < 1) {
      nn_fail(err, "input: dimension %d has size %d", d, in_shape[d]);
      return NULL;
    }
    numel *= (size_t) in_shape[d];
    if (numel > MAX_NUMEL) {
      nn_fail(err, "input: more than %zu values per sample", MAX_NUMEL);
      return NULL;
    }
  }

  nn_model *m = nn_alloc(1, sizeof *m, err);
  if (!m)
    return NULL;
  m->in_ndim = in_ndim;
  memcpy(m->in_shape, in_shape, sizeof(int) * (size_t) in_ndim);
  m->in_numel = numel;
  m->n_layers = n_layers;
  m->first_param_layer = n_layers;
  for (int i = 0; i < n_layers; i++) {
    nn_layer *L = &m->layers[i];
    const nn_layer *prev = i ? &m->layers[i - 1] : NULL;
    L->spec = layers[i];
    L->in_ndim = prev ? prev->out_ndim : in_ndim;
    memcpy(L->in_shape, prev ? prev->out_shape : m->in_shape, sizeof L->in_shape);
    L->in_numel = prev ? prev->out_numel : numel;
    if (!infer_layer(L, i, err)) {
      free(m);
      return NULL;
    }
    L->out_numel = nn_shape_numel(L->out_ndim, L->out_shape);
    if (L->out_numel > MAX_NUMEL) {
      layer_fail(err, i, &L->spec, "output too large");
      free(m);
      return NULL;
    }
    declare_state(m, i);
    if (L->weight >= 0 && m->first_param_layer == n_layers)
      m->first_param_layer = i;
  }

  m->values = nn_alloc_aligned(m->n_values, sizeof(float), err);
  m->grads = m->values ? nn_alloc_aligned(m->n_values, sizeof(float), err) : NULL;
  m->buffers = m->grads ? nn_alloc_aligned(m->n_buffer_floats, sizeof(float), err) : NULL;
  if (!m->buffers) {
    nn_model_free(m);
    return NULL;
  }
  carve_blocks(m);
  nn_rng_seed(&m->own_rng, 0, 0);
  m->rng = &m->own_rng;
  m->training = true; /* as a fresh torch.nn.Module */
  return m;
}

void nn_model_free(nn_model *m)
{
  if (!m)
    return;
  nn_free_aligned(m->values);
  nn_free_aligned(m->grads);
  nn_free_aligned(m->buffers);
  nn_free_aligned(m->arena);
  nn_pool_free(m->pool);
  free(m);
}

bool nn_model_set_threads(nn_model *m, int threads, nn_error *err)
{
  if (threads == nn_model_threads(m))
    return true;
  nn_pool *pool = NULL;
  if (threads != 1 && !(pool = nn_pool_new(threads, err)))
    return false;
  nn_pool_free(m->pool);
  m->pool = pool;
  return true;
}

int nn_model_threads(const nn_model *m)
{
  return nn_pool_threads(m->pool);
}

nn_model *nn_model_clone(const nn_model *m, nn_error *err)
{
  nn_layer_spec specs[NN_MAX_LAYERS];
  for (int i = 0; i < m->n_layers; i++)
    specs[i] = m->layers[i].spec;
  nn_model *copy = nn_model_new(m->in_ndim, m->in_shape, specs, m->n_layers, err);
  if (!copy)
    return NULL;
  nn_model_copy_values(copy, m);
  copy->training = m->training;
  return copy;
}

void nn_model_copy_values(nn_model *dst, const nn_model *src)
{
  assert(dst->n_layers == src->n_layers && dst->n_values == src->n_values &&
         dst->n_buffer_floats == src->n_buffer_floats);
  memcpy(dst->values, src->values, sizeof(float) * src->n_values);
  memcpy(dst->buffers, src->buffers, sizeof(float) * src->n_buffer_floats);
  memcpy(dst->batches_tracked, src->batches_tracked, sizeof src->batches_tracked);
}

/* ---- queries ---- */

int nn_model_n_layers(const nn_model *m)
{
  return m->n_layers;
}

const nn_layer_spec *nn_model_layer(const nn_model *m, int i)
{
  assert(i >= 0 && i < m->n_layers);
  return &m->layers[i].spec;
}

int nn_model_layer_shape(const nn_model *m, int i, int shape[NN_MAX_DIMS])
{
  assert(i >= -1 && i < m->n_layers);
  int ndim = i < 0 ? m->in_ndim : m->layers[i].out_ndim;
  memcpy(shape, i < 0 ? m->in_shape : m->layers[i].out_shape, sizeof(int) * (size_t) ndim);
  return ndim;
}

size_t nn_model_layer_numel(const nn_model *m, int i)
{
  assert(i >= -1 && i < m->n_layers);
  return i < 0 ? m->in_numel : m->layers[i].out_numel;
}

int nn_model_n_params(const nn_model *m)
{
  return m->n_params;
}

nn_param *nn_model_param(nn_model *m, int i)
{
  assert(i >= 0 && i < m->n_params);
  return &m->params[i];
}

const nn_param *nn_model_param_const(const nn_model *m, int i)
{
  assert(i >= 0 && i < m->n_params);
  return &m->params[i];
}

nn_param *nn_model_weight(nn_model *m, int layer)
{
  assert(layer >= 0 && layer < m->n_layers);
  int k = m->layers[layer].weight;
  return k < 0 ? NULL : &m->params[k];
}

nn_param *nn_model_bias(nn_model *m, int layer)
{
  assert(layer >= 0 && layer < m->n_layers);
  int k = m->layers[layer].bias;
  return k < 0 ? NULL : &m->params[k];
}

size_t nn_model_n_values(const nn_model *m)
{
  return m->n_values;
}

float *nn_model_values(nn_model *m)
{
  return m->values;
}

float *nn_model_grads(nn_model *m)
{
  return m->grads;
}

int nn_model_n_state(const nn_model *m)
{
  return m->n_state;
}

nn_state_entry nn_model_state(const nn_model *m, int i)
{
  assert(i >= 0 && i < m->n_state);
  return m->state[i];
}

void nn_model_set_training(nn_model *m, bool training)
{
  m->training = training;
}

bool nn_model_is_training(const nn_model *m)
{
  return m->training;
}

void nn_model_set_rng(nn_model *m, nn_rng *rng)
{
  m->rng = rng ? rng : &m->own_rng;
}

/* ---- per-batch memory ---- */

/* Offsets into the arena, each rounded to 64 bytes; with base NULL only counts. */
typedef struct arena_plan {
  char *base;
  size_t used;
  bool overflow;
} arena_plan;

static void *arena_take(arena_plan *a, size_t count, size_t size)
{
  size_t bytes;
  if (!nn_size_mul(count, size, &bytes) || !nn_size_add(bytes, 63, &bytes) ||
      !nn_size_add(a->used, bytes & ~(size_t) 63, &bytes)) {
    a->overflow = true;
    return NULL;
  }
  void *p = a->base ? a->base + a->used : NULL;
  a->used = bytes;
  return p;
}

/* Lays out every per-batch array for `batch` samples (twice: once to count, once to point). */
static void plan_arena(nn_model *m, arena_plan *a, size_t batch)
{
  size_t widest = m->in_numel, work = 0;
  m->input = arena_take(a, batch * m->in_numel, sizeof(float));
  for (int i = 0; i < m->n_layers; i++) {
    nn_layer *L = &m->layers[i];
    const float *in = i ? m->layers[i - 1].out : m->input;
    widest = NN_MAX(widest, L->out_numel);
    /* Flatten is a reshape: its output is its input's memory. */
    L->out = L->spec.kind == NN_FLATTEN ? (float *) in
                                        : arena_take(a, batch * L->out_numel, sizeof(float));
    if (L->spec.kind == NN_DROPOUT)
      L->mask = arena_take(a, batch * L->out_numel, sizeof(float));
    if (L->spec.kind == NN_MAXPOOL2D)
      L->argmax = arena_take(a, batch * L->out_numel, sizeof(int32_t));
    if (L->spec.kind == NN_BATCHNORM1D || L->spec.kind == NN_BATCHNORM2D) {
      L->save_mean = arena_take(a, (size_t) L->in_shape[0], sizeof(float));
      L->save_invstd = arena_take(a, (size_t) L->in_shape[0], sizeof(float));
    }
    if (L->spec.kind == NN_CONV2D)
      work = NN_MAX(work, nn_conv2d_work_floats(&L->geom));
  }
  bool runs = false;
  for (int i = 0; i < m->n_layers; i++)
    runs |= m->layers[i].spec.kind == NN_CONV2D || m->layers[i].spec.kind == NN_MAXPOOL2D;
  m->widest = widest;
  for (int k = 0; k < (runs ? 4 : 2); k++)
    m->grad[k] = arena_take(a, batch * widest, sizeof(float));
  /* Whole cache lines per part, so two threads never write the same line. */
  m->work_floats = (work + 15) / 16 * 16;
  m->work = arena_take(a, NN_MODEL_PARTS * m->work_floats, sizeof(float));
  m->part_grads = arena_take(a, NN_MODEL_PARTS * ((m->n_values + 15) / 16 * 16), sizeof(float));
}

bool nn_model_reserve(nn_model *m, int batch, nn_error *err)
{
  assert(batch >= 1);
  if (batch <= m->capacity)
    return true;
  arena_plan count = {0};
  plan_arena(m, &count, (size_t) batch);
  if (count.overflow)
    return nn_fail(err, "a batch of %d samples needs more memory than can be addressed", batch);
  void *arena = nn_alloc_aligned(count.used, 1, err);
  if (!arena)
    return nn_fail_prefix(err, "model activations");
  nn_free_aligned(m->arena);
  m->arena = arena;
  arena_plan place = {.base = arena};
  plan_arena(m, &place, (size_t) batch);
  m->capacity = batch;
  m->last_batch = 0;
  return true;
}

void nn_model_release(nn_model *m)
{
  nn_free_aligned(m->arena);
  m->arena = NULL;
  m->capacity = 0;
  m->last_batch = 0;
  arena_plan place = {0}; /* every per-batch pointer back to NULL */
  plan_arena(m, &place, 0);
}

int nn_model_capacity(const nn_model *m)
{
  return m->capacity;
}

size_t nn_model_batch_bytes(nn_model *m, int batch)
{
  arena_plan count = {0};
  plan_arena(m, &count, (size_t) NN_MAX(batch, 1));
  /* Counting moved the layers' pointers: put them back on the arena in use. */
  arena_plan place = {.base = m->arena};
  plan_arena(m, &place, (size_t) m->capacity);
  return count.overflow ? SIZE_MAX : count.used;
}

/* ---- the twin as Python ---- */

/* The shortest decimal that reads back as the same float, so "0.1", not "0.100000001". */
static void format_float(float x, char *buf, size_t size)
{
  for (int digits = 1; digits <= 9; digits++) {
    snprintf(buf, size, "%.*g", digits, (double) x);
    if (strtof(buf, NULL) == x)
      break;
  }
  if (!strpbrk(buf, ".en")) /* "1" → "1.0": a Python float, as PyTorch prints it */
    snprintf(buf + strlen(buf), size - strlen(buf), ".0");
}

static void describe_layer(const nn_layer *L, char *buf, size_t size)
{
  const nn_layer_spec *s = &L->spec;
  const char *bias = s->no_bias ? ", bias=False" : "";
  char p[32];
  switch (s->kind) {
  case NN_LINEAR:
    snprintf(buf, size, "nn.Linear(%d, %d%s)", L->in_shape[0], s->out, bias);
    break;
  case NN_CONV2D:
    snprintf(buf, size, "nn.Conv2d(%d, %d, kernel_size=%d, stride=%d, padding=%d%s)",
             L->in_shape[0], s->out, s->kernel, s->stride, s->padding, bias);
    break;
  case NN_MAXPOOL2D:
    snprintf(buf, size, "nn.MaxPool2d(kernel_size=%d, stride=%d)", s->kernel, s->stride);
    break;
  case NN_BATCHNORM1D:
  case NN_BATCHNORM2D:
    snprintf(buf, size, "nn.%s(%d)", kind_names[s->kind], L->in_shape[0]);
    break;
  case NN_DROPOUT:
    format_float(s->p, p, sizeof p);
    snprintf(buf, size, "nn.Dropout(p=%s)", p);
    break;
  default:
    snprintf(buf, size, "nn.%s()", kind_names[s->kind]);
    break;
  }
}

void nn_model_describe(const nn_model *m, char *buf, size_t size)
{
  size_t used = 0;
  if (size == 0)
    return;
  used += (size_t) snprintf(buf, size, "nn.Sequential(");
  for (int i = 0; i < m->n_layers && used < size; i++) {
    char layer[160];
    describe_layer(&m->layers[i], layer, sizeof layer);
    used += (size_t) snprintf(buf + used, size - used, "%s%s", i ? ", " : "", layer);
  }
  if (used < size)
    snprintf(buf + used, size - used, ")");
}
