#include "nn_tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t nn_shape_numel(int ndim, const int *shape)
{
  size_t n = 1;
  for (int i = 0; i < ndim; i++)
    n *= (size_t) shape[i];
  return n;
}

size_t nn_tensor_numel(const nn_tensor *t)
{
  return nn_shape_numel(t->ndim, t->shape);
}

bool nn_tensor_alloc(nn_tensor *t, int ndim, const int *shape, nn_error *err)
{
  memset(t, 0, sizeof *t);
  if (ndim < 0 || ndim > NN_MAX_DIMS)
    return nn_fail(err, "tensor: %d dimensions (at most %d)", ndim, NN_MAX_DIMS);
  size_t n = 1;
  for (int i = 0; i < ndim; i++) {
    if (shape[i] <= 0)
      return nn_fail(err, "tensor: dimension %d has size %d", i, shape[i]);
    if (!nn_size_mul(n, (size_t) shape[i], &n))
      return nn_fail(err, "tensor: size overflows");
  }
  t->data = nn_alloc_aligned(n, sizeof(float), err);
  if (!t->data)
    return false;
  t->ndim = ndim;
  memcpy(t->shape, shape, sizeof(int) * (size_t) ndim);
  t->owns_data = true;
  return true;
}

nn_tensor nn_tensor_view(float *data, int ndim, const int *shape)
{
  nn_tensor t = {.ndim = ndim, .data = data, .owns_data = false};
  memcpy(t.shape, shape, sizeof(int) * (size_t) ndim);
  return t;
}

void nn_tensor_free(nn_tensor *t)
{
  if (t->owns_data)
    nn_free_aligned(t->data);
  memset(t, 0, sizeof *t);
}

void nn_shape_format(int ndim, const int *shape, char *buf, size_t size)
{
  size_t used = 0;
  used += (size_t) snprintf(buf, size, "(");
  for (int i = 0; i < ndim && used < size; i++)
    used += (size_t) snprintf(buf + used, size - used, i ? ", %d" : "%d", shape[i]);
  if (used < size)
    snprintf(buf + used, size - used, ndim == 1 ? ",)" : ")");
}

bool nn_tensor_check_shape(const nn_tensor *t, int ndim, const int *shape, const char *what,
                           nn_error *err)
{
  bool same = t->ndim == ndim;
  for (int i = 0; same && i < ndim; i++)
    same = t->shape[i] == shape[i];
  if (same)
    return true;
  char want[96], got[96];
  nn_shape_format(ndim, shape, want, sizeof want);
  nn_shape_format(t->ndim, t->shape, got, sizeof got);
  return nn_fail(err, "%s: expected shape %s, got %s", what, want, got);
}
