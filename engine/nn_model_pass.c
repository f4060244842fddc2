/* nn_model_pass.c — the forward and backward passes: each layer's op from nn_ops.h on the
 * arena nn_model_reserve laid out, so a training step allocates nothing. */
#include "nn_model_private.h"

#include <assert.h>
#include <string.h>

static const float *param_data(const nn_model *m, int k)
{
  return k < 0 ? NULL : m->params[k].value.data;
}

static float *grad_data(nn_model *m, int k)
{
  return k < 0 ? NULL : m->params[k].grad.data;
}

/* A layer's samples lo .. lo+B−1: `in` is the whole batch's input, the output goes to the same
 * samples of L->out; work is the part's scratch. */
static void layer_forward(nn_model *m, nn_layer *L, const float *in, int lo, int B, float *work)
{
  const nn_layer_spec *s = &L->spec;
  const float *w = param_data(m, L->weight), *b = param_data(m, L->bias);
  const size_t n = (size_t) B * L->out_numel, at = (size_t) lo * L->out_numel;
  float *out = L->out + at;
  in += (size_t) lo * L->in_numel;
  switch (s->kind) {
  case NN_LINEAR:
    nn_linear_forward(in, w, b, out, B, L->in_shape[0], s->out);
    break;
  case NN_CONV2D:
    nn_conv2d_forward(in, w, b, out, B, &L->geom, work);
    break;
  case NN_MAXPOOL2D:
    nn_maxpool2d_forward(in, out, L->argmax + at, B, &L->geom);
    break;
  case NN_BATCHNORM1D:
  case NN_BATCHNORM2D:
    assert(lo == 0);
    nn_batchnorm_forward(in, w, b, out, L->save_mean, L->save_invstd, L->running_mean,
                         L->running_var, L->num_batches_tracked, m->training, B, L->in_shape[0],
                         (int) (L->in_numel / (size_t) L->in_shape[0]));
    break;
  case NN_DROPOUT:
    assert(lo == 0);
    if (m->training) {
      nn_dropout_mask(L->mask, n, s->p, m->rng);
      nn_dropout_forward(in, L->mask, out, n);
    } else {
      memcpy(out, in, sizeof(float) * n);
    }
    break;
  case NN_SIGMOID:
    nn_sigmoid_forward(in, out, n);
    break;
  case NN_TANH:
    nn_tanh_forward(in, out, n);
    break;
  case NN_RELU:
    nn_relu_forward(in, out, n);
    break;
  case NN_FLATTEN: /* L->out is in */
  case NN_LAYER_KIND_COUNT:
    break;
  }
}

/* Layers i and i + 1 (≤ last) are a ReLU and a MaxPool2d that nn_relu_maxpool2d_* run in one
 * pass. */
static bool relu_pool_at(const nn_model *m, int i, int last)
{
  return i + 1 <= last && m->layers[i].spec.kind == NN_RELU &&
         m->layers[i + 1].spec.kind == NN_MAXPOOL2D &&
         nn_relu_maxpool2d_fusable(&m->layers[i + 1].geom);
}

/* Layers first .. last forward for samples lo .. lo+B−1. */
static void layers_forward(nn_model *m, int first, int last, int lo, int B, float *work)
{
  for (int i = first; i <= last; i++) {
    const float *in = i ? m->layers[i - 1].out : m->input;
    if (relu_pool_at(m, i, last)) {
      nn_layer *R = &m->layers[i], *P = &m->layers[i + 1];
      nn_relu_maxpool2d_forward(in + (size_t) lo * R->in_numel, R->out + (size_t) lo * R->out_numel,
                                P->out + (size_t) lo * P->out_numel,
                                P->argmax + (size_t) lo * P->out_numel, B, &P->geom);
      i++;
      continue;
    }
    layer_forward(m, &m->layers[i], in, lo, B, work);
  }
}

/* dout (B, out_numel) → din (B, in_numel) when din is not NULL, and the layer's parameter
 * gradients into dw and db (written, not accumulated), for samples lo .. lo+B−1: in, dout and
 * din are the whole batch's. */
static void layer_backward(nn_model *m, nn_layer *L, const float *in, const float *dout, float *din,
                           int lo, int B, float *work, float *dw, float *db)
{
  const nn_layer_spec *s = &L->spec;
  const float *w = param_data(m, L->weight);
  const size_t n = (size_t) B * L->out_numel, at = (size_t) lo * L->out_numel;
  const float *out = L->out + at;
  in += (size_t) lo * L->in_numel;
  dout += at;
  if (din)
    din += (size_t) lo * L->in_numel;
  switch (s->kind) {
  case NN_LINEAR:
    nn_linear_backward(in, w, dout, din, dw, db, B, L->in_shape[0], s->out);
    return;
  case NN_CONV2D:
    nn_conv2d_backward(in, w, dout, din, dw, db, B, &L->geom, work);
    return;
  case NN_BATCHNORM1D:
  case NN_BATCHNORM2D:
    assert(lo == 0);
    nn_batchnorm_backward(in, w, L->save_mean, L->save_invstd, dout, din, dw, db, L->ran_training,
                          B, L->in_shape[0], (int) (L->in_numel / (size_t) L->in_shape[0]));
    return;
  default:
    break;
  }
  if (!din)
    return;
  switch (s->kind) {
  case NN_MAXPOOL2D:
    nn_maxpool2d_backward(L->argmax + at, dout, din, B, &L->geom);
    break;
  case NN_DROPOUT:
    assert(lo == 0);
    if (L->ran_training)
      nn_dropout_backward(L->mask, dout, din, n);
    else
      memcpy(din, dout, sizeof(float) * n);
    break;
  case NN_SIGMOID:
    nn_sigmoid_backward(out, dout, din, n);
    break;
  case NN_TANH:
    nn_tanh_backward(out, dout, din, n);
    break;
  case NN_RELU:
    nn_relu_backward(out, dout, din, n);
    break;
  case NN_FLATTEN:
    memcpy(din, dout, sizeof(float) * n);
    break;
  default:
    break;
  }
}

/* ---- runs of per-sample layers, in parts ----
 *
 * Convolutions, pooling and the activations between them treat each sample alone, so a run of
 * them goes through the batch as NN_MODEL_PARTS parts of consecutive samples, on the model's
 * threads: one job for the whole run, forward or backward. Linear, BatchNorm and Dropout stay
 * whole (Linear's gradient is one product over the batch; the others need the batch, or draw
 * masks in order). */
static bool per_sample(const nn_layer *L)
{
  switch (L->spec.kind) {
  case NN_CONV2D:
  case NN_MAXPOOL2D:
  case NN_RELU:
  case NN_SIGMOID:
  case NN_TANH:
  case NN_FLATTEN:
    return true;
  default:
    return false;
  }
}

/* Parts for a batch: the split depends on the batch size alone. */
static int batch_parts(int B)
{
  return B >= NN_MODEL_PARTS ? NN_MODEL_PARTS : 1;
}

/* The last layer of the run starting at i (forward), when it is worth splitting: per-sample
 * layers including a convolution or a pooling; otherwise −1. */
static int run_end(const nn_model *m, int i)
{
  bool heavy = false;
  int j = i;
  for (; j < m->n_layers && per_sample(&m->layers[j]); j++)
    heavy |= m->layers[j].spec.kind == NN_CONV2D || m->layers[j].spec.kind == NN_MAXPOOL2D;
  return heavy ? j - 1 : -1;
}

static void part_range(int B, int parts, int p, int *lo, int *n)
{
  *lo = (int) ((long) B * p / parts);
  *n = (int) ((long) B * (p + 1) / parts) - *lo;
}

typedef struct forward_job {
  nn_model *m;
  int first, last, B, parts;
} forward_job;

static void forward_part(void *ctx, int p)
{
  forward_job *job = ctx;
  nn_model *m = job->m;
  int lo, n;
  part_range(job->B, job->parts, p, &lo, &n);
  layers_forward(m, job->first, job->last, lo, n, m->work + (size_t) p * m->work_floats);
}

const float *nn_model_forward(nn_model *m, const float *x, int batch)
{
  assert(batch >= 1 && batch <= m->capacity);
  /* A copy, so backward can read the first layer's input whatever the caller does with x. */
  if (x != m->input)
    memcpy(m->input, x, sizeof(float) * (size_t) batch * m->in_numel);
  const int parts = batch_parts(batch);
  for (int i = 0; i < m->n_layers; i++) {
    int last = parts > 1 ? run_end(m, i) : -1;
    if (last >= 0) {
      forward_job job = {m, i, last, batch, parts};
      nn_pool_run(m->pool, parts, forward_part, &job);
      for (; i < last; i++)
        m->layers[i].ran_training = m->training;
    } else if (relu_pool_at(m, i, m->n_layers - 1)) {
      layers_forward(m, i, i + 1, 0, batch, m->work);
      m->layers[i++].ran_training = m->training;
    } else {
      layer_forward(m, &m->layers[i], i ? m->layers[i - 1].out : m->input, 0, batch, m->work);
    }
    m->layers[i].ran_training = m->training;
  }
  m->last_batch = batch;
  return m->layers[m->n_layers - 1].out;
}

/* Backward, layer by layer: what each reads and writes, decided before anything runs.
 *
 * Inside a run in parts, one part may still read a buffer that another part's next layer writes,
 * and layers differ in size: so there each part keeps to its own region of two buffers of their
 * own (samples lo .. lo+n−1 at lo·widest, consecutive within it), the run reads its entry from a
 * third and writes its exit, laid out for the whole batch, to a fourth. */
typedef struct backward_plan {
  const float *d[NN_MAX_LAYERS]; /* d(loss)/d(output of layer i) */
  float *next[NN_MAX_LAYERS];    /* where d(loss)/d(its input) goes (NULL: not needed) */
  bool skip[NN_MAX_LAYERS];      /* Flatten: nothing to do, d passes through */
  bool d_part[NN_MAX_LAYERS], next_part[NN_MAX_LAYERS]; /* laid out by part regions */
  int run_first[NN_MAX_LAYERS]; /* at a run's top layer: its bottom layer; else −1 */
} backward_plan;

typedef struct backward_job {
  nn_model *m;
  const backward_plan *plan;
  int first, last, B, parts; /* layers last down to first */
} backward_job;

static float *part_grad(nn_model *m, int p, int k)
{
  if (k < 0)
    return NULL;
  size_t stride = (m->n_values + 15) / 16 * 16;
  return m->part_grads + (size_t) p * stride + (size_t) (m->params[k].grad.data - m->grads);
}

/* The pointer backward_part hands a layer for samples from lo: layer_backward adds lo·numel, so a
 * part region (lo·widest) is reached by taking lo·numel off first. */
static float *at_part(const nn_model *m, float *base, bool part, int lo, size_t numel)
{
  if (!base || !part)
    return base;
  return base + (size_t) lo * m->widest - (size_t) lo * numel;
}

static void backward_part(void *ctx, int p)
{
  backward_job *job = ctx;
  nn_model *m = job->m;
  const backward_plan *plan = job->plan;
  int lo, n;
  part_range(job->B, job->parts, p, &lo, &n);
  for (int i = job->last; i >= job->first; i--) {
    nn_layer *L = &m->layers[i];
    if (plan->skip[i])
      continue;
    if (i - 1 >= job->first && relu_pool_at(m, i - 1, i)) {
      /* MaxPool2d's gradient goes through the ReLU below it without being stored. */
      nn_layer *R = &m->layers[i - 1];
      const float *d = at_part(m, (float *) plan->d[i], plan->d_part[i], lo, L->out_numel);
      float *next = at_part(m, plan->next[i - 1], plan->next_part[i - 1], lo, R->in_numel);
      if (next)
        nn_relu_maxpool2d_backward(L->out + (size_t) lo * L->out_numel,
                                   L->argmax + (size_t) lo * L->out_numel,
                                   d + (size_t) lo * L->out_numel, next + (size_t) lo * R->in_numel,
                                   n, &L->geom);
      i--;
      continue;
    }
    const float *d = at_part(m, (float *) plan->d[i], plan->d_part[i], lo, L->out_numel);
    float *next = at_part(m, plan->next[i], plan->next_part[i], lo, L->in_numel);
    layer_backward(m, L, i ? m->layers[i - 1].out : m->input, d, next, lo, n,
                   m->work + (size_t) p * m->work_floats, part_grad(m, p, L->weight),
                   part_grad(m, p, L->bias));
  }
}

/* grads of the layer's parameters = Σ over parts, in part order. */
static void sum_part_grads(nn_model *m, const nn_layer *L, int parts)
{
  const int ks[2] = {L->weight, L->bias};
  for (int t = 0; t < 2; t++) {
    if (ks[t] < 0)
      continue;
    nn_param *P = &m->params[ks[t]];
    size_t count = nn_tensor_numel(&P->grad);
    float *g = P->grad.data;
    memcpy(g, part_grad(m, 0, ks[t]), sizeof(float) * count);
    for (int p = 1; p < parts; p++) {
      const float *src = part_grad(m, p, ks[t]);
      for (size_t i = 0; i < count; i++)
        g[i] += src[i];
    }
  }
}

/* A grad buffer other than the ones given (NULL entries ignored). */
static float *other_buffer(nn_model *m, int n_bufs, const float *a, const float *b, const float *c)
{
  for (int k = 0; k < n_bufs; k++)
    if (m->grad[k] != a && m->grad[k] != b && m->grad[k] != c)
      return m->grad[k];
  assert(false);
  return NULL;
}

/* The bottom layer of the run of per-sample layers whose top is i, when worth splitting (a
 * convolution or pooling in it, not below stop; a Flatten never at the bottom, where its
 * pass-through would hand on a part layout); else −1. */
static int run_first(const nn_model *m, int i, int stop)
{
  int first = i;
  bool heavy = false;
  while (first >= stop && per_sample(&m->layers[first])) {
    heavy |= m->layers[first].spec.kind == NN_CONV2D || m->layers[first].spec.kind == NN_MAXPOOL2D;
    first--;
  }
  first++;
  while (first <= i && m->layers[first].spec.kind == NN_FLATTEN)
    first++;
  bool still_heavy = false;
  for (int j = first; j <= i; j++)
    still_heavy |= m->layers[j].spec.kind == NN_CONV2D || m->layers[j].spec.kind == NN_MAXPOOL2D;
  return heavy && still_heavy ? first : -1;
}

/* Walks the layers backwards from d(loss)/d(output). Without din it stops at the first layer
 * with parameters, which needs no gradient for its input: nothing below it has anything to
 * learn. Gradients ping-pong between two buffers; Flatten passes its buffer on untouched. */
static void model_backward(nn_model *m, const float *dout, float *din)
{
  assert(m->last_batch > 0 && "backward needs a forward pass first");
  const int B = m->last_batch, stop = din ? 0 : m->first_param_layer;
  const int parts = batch_parts(B), n_bufs = m->grad[2] ? 4 : 2;
  backward_plan plan;
  const float *d = dout;
  for (int i = m->n_layers - 1; i >= stop; i--) {
    int first = parts > 1 ? run_first(m, i, stop) : -1;
    if (first >= 0) {
      /* entry d; two buffers inside; the exit to a fourth */
      float *in_a = other_buffer(m, n_bufs, d, NULL, NULL);
      float *in_b = other_buffer(m, n_bufs, d, in_a, NULL);
      float *exit = first == 0      ? din
                    : first == stop ? NULL
                                    : other_buffer(m, n_bufs, d, in_a, in_b);
      bool part = false; /* the layout d has now */
      plan.run_first[i] = first;
      for (int j = i; j >= first; j--) {
        plan.d[j] = d;
        plan.d_part[j] = part;
        plan.skip[j] = m->layers[j].spec.kind == NN_FLATTEN;
        if (plan.skip[j]) {
          plan.next[j] = (float *) d;
          plan.next_part[j] = part;
          continue;
        }
        if (j - 1 >= first && relu_pool_at(m, j - 1, j)) {
          /* The fused pair reads the pool's d and writes the ReLU's input gradient, which then
           * takes the buffer the pool's would have: not d. */
          plan.next[j] = NULL;
          plan.next_part[j] = false;
          j--;
          plan.d[j] = d;
          plan.d_part[j] = part;
          plan.skip[j] = false;
        }
        if (j == first) {
          plan.next[j] = exit;
          plan.next_part[j] = false;
        } else {
          plan.next[j] = d == in_a ? in_b : in_a;
          plan.next_part[j] = true;
        }
        d = plan.next[j];
        part = plan.next_part[j];
      }
      for (int j = first; j < i; j++)
        plan.run_first[j] = -1;
      i = first;
      continue;
    }
    nn_layer *L = &m->layers[i];
    plan.run_first[i] = -1;
    plan.d[i] = d;
    plan.d_part[i] = plan.next_part[i] = false;
    plan.skip[i] = false;
    float *next;
    if (i == 0)
      next = din;
    else if (i == stop)
      next = NULL;
    else if (L->spec.kind == NN_FLATTEN) {
      plan.skip[i] = true; /* same memory, same values: d stays as it is */
      plan.next[i] = (float *) d;
      continue;
    } else
      next = other_buffer(m, 2, d, NULL, NULL);
    plan.next[i] = next;
    d = next;
  }
  for (int i = m->n_layers - 1; i >= stop; i--) {
    if (plan.run_first[i] >= 0) {
      backward_job job = {m, &plan, plan.run_first[i], i, B, parts};
      nn_pool_run(m->pool, parts, backward_part, &job);
      for (int j = job.first; j <= i; j++)
        if (m->layers[j].spec.kind == NN_CONV2D)
          sum_part_grads(m, &m->layers[j], parts);
      i = job.first;
      continue;
    }
    nn_layer *L = &m->layers[i];
    if (plan.skip[i])
      continue;
    layer_backward(m, L, i ? m->layers[i - 1].out : m->input, plan.d[i], plan.next[i], 0, B,
                   m->work, grad_data(m, L->weight), grad_data(m, L->bias));
  }
}

void nn_model_backward(nn_model *m, const float *dout)
{
  model_backward(m, dout, NULL);
}

void nn_model_backward_input(nn_model *m, const float *dout, float *din)
{
  assert(din);
  model_backward(m, dout, din);
}

const float *nn_model_output(const nn_model *m, int i)
{
  assert(i >= -1 && i < m->n_layers && m->capacity > 0);
  return i < 0 ? m->input : m->layers[i].out;
}

void nn_model_predict(nn_model *m, const float *x, int n, float *out)
{
  assert(m->capacity > 0 && n >= 0);
  const size_t in_numel = m->in_numel, out_numel = m->layers[m->n_layers - 1].out_numel;
  for (int first = 0; first < n; first += m->capacity) {
    int count = NN_MIN(m->capacity, n - first);
    const float *y = nn_model_forward(m, x + (size_t) first * in_numel, count);
    memcpy(out + (size_t) first * out_numel, y, sizeof(float) * (size_t) count * out_numel);
  }
}
