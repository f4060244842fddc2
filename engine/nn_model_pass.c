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

/* in (B, in_numel) → L->out (B, out_numel) */
static void layer_forward(nn_model *m, nn_layer *L, const float *in, int B)
{
  const nn_layer_spec *s = &L->spec;
  const float *w = param_data(m, L->weight), *b = param_data(m, L->bias);
  const size_t n = (size_t) B * L->out_numel;
  switch (s->kind) {
  case NN_LINEAR:
    nn_linear_forward(in, w, b, L->out, B, L->in_shape[0], s->out);
    break;
  case NN_CONV2D:
    nn_conv2d_forward(in, w, b, L->out, B, &L->geom, m->work);
    break;
  case NN_MAXPOOL2D:
    nn_maxpool2d_forward(in, L->out, L->argmax, B, &L->geom);
    break;
  case NN_BATCHNORM1D:
  case NN_BATCHNORM2D:
    nn_batchnorm_forward(in, w, b, L->out, L->save_mean, L->save_invstd, L->running_mean,
                         L->running_var, L->num_batches_tracked, m->training, B, L->in_shape[0],
                         (int) (L->in_numel / (size_t) L->in_shape[0]));
    break;
  case NN_DROPOUT:
    if (m->training) {
      nn_dropout_mask(L->mask, n, s->p, m->rng);
      nn_dropout_forward(in, L->mask, L->out, n);
    } else {
      memcpy(L->out, in, sizeof(float) * n);
    }
    break;
  case NN_SIGMOID:
    nn_sigmoid_forward(in, L->out, n);
    break;
  case NN_TANH:
    nn_tanh_forward(in, L->out, n);
    break;
  case NN_RELU:
    nn_relu_forward(in, L->out, n);
    break;
  case NN_FLATTEN: /* L->out is in */
  case NN_LAYER_KIND_COUNT:
    break;
  }
  L->ran_training = m->training;
}

/* dout (B, out_numel) → din (B, in_numel) when din is not NULL, and the layer's parameter
 * gradients (written, not accumulated). */
static void layer_backward(nn_model *m, nn_layer *L, const float *in, const float *dout, float *din,
                           int B)
{
  const nn_layer_spec *s = &L->spec;
  const float *w = param_data(m, L->weight);
  float *dw = grad_data(m, L->weight), *db = grad_data(m, L->bias);
  const size_t n = (size_t) B * L->out_numel;
  switch (s->kind) {
  case NN_LINEAR:
    nn_linear_backward(in, w, dout, din, dw, db, B, L->in_shape[0], s->out);
    return;
  case NN_CONV2D:
    nn_conv2d_backward(in, w, dout, din, dw, db, B, &L->geom, m->work);
    return;
  case NN_BATCHNORM1D:
  case NN_BATCHNORM2D:
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
    nn_maxpool2d_backward(L->argmax, dout, din, B, &L->geom);
    break;
  case NN_DROPOUT:
    if (L->ran_training)
      nn_dropout_backward(L->mask, dout, din, n);
    else
      memcpy(din, dout, sizeof(float) * n);
    break;
  case NN_SIGMOID:
    nn_sigmoid_backward(L->out, dout, din, n);
    break;
  case NN_TANH:
    nn_tanh_backward(L->out, dout, din, n);
    break;
  case NN_RELU:
    nn_relu_backward(L->out, dout, din, n);
    break;
  case NN_FLATTEN:
    memcpy(din, dout, sizeof(float) * n);
    break;
  default:
    break;
  }
}

const float *nn_model_forward(nn_model *m, const float *x, int batch)
{
  assert(batch >= 1 && batch <= m->capacity);
  /* A copy, so backward can read the first layer's input whatever the caller does with x. */
  if (x != m->input)
    memcpy(m->input, x, sizeof(float) * (size_t) batch * m->in_numel);
  const float *in = m->input;
  for (int i = 0; i < m->n_layers; i++) {
    layer_forward(m, &m->layers[i], in, batch);
    in = m->layers[i].out;
  }
  m->last_batch = batch;
  return in;
}

/* Walks the layers backwards from d(loss)/d(output). Without din it stops at the first layer
 * with parameters, which needs no gradient for its input: nothing below it has anything to
 * learn. Gradients ping-pong between two buffers; Flatten passes its buffer on untouched. */
static void model_backward(nn_model *m, const float *dout, float *din)
{
  assert(m->last_batch > 0 && "backward needs a forward pass first");
  const int B = m->last_batch, stop = din ? 0 : m->first_param_layer;
  const float *d = dout;
  for (int i = m->n_layers - 1; i >= stop; i--) {
    nn_layer *L = &m->layers[i];
    const float *in = i ? m->layers[i - 1].out : m->input;
    float *next;
    if (i == 0)
      next = din;
    else if (i == stop)
      next = NULL;
    else if (L->spec.kind == NN_FLATTEN)
      continue; /* same memory, same values: d stays as it is */
    else
      next = d == m->grad[0] ? m->grad[1] : m->grad[0];
    layer_backward(m, L, in, d, next, B);
    d = next;
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
