#include "nn_dataset.h"

#include <stdlib.h>
#include <string.h>

bool nn_dataset_alloc(nn_dataset *ds, int n, int x_ndim, const int *x_shape, bool with_classes,
                      int y_dim, int n_classes, nn_error *err)
{
  memset(ds, 0, sizeof *ds);
  if (n <= 0 || x_ndim < 1 || x_ndim > 3)
    return nn_fail(err, "data set: %d samples of %d dimensions", n, x_ndim);
  ds->n = n;
  ds->x_ndim = x_ndim;
  memcpy(ds->x_shape, x_shape, sizeof(int) * (size_t) x_ndim);
  ds->y_dim = y_dim;
  ds->n_classes = n_classes;
  ds->owns = true;
  size_t numel = nn_dataset_sample_numel(ds), total;
  if (numel == 0 || !nn_size_mul(numel, (size_t) n, &total))
    return nn_fail(err, "data set: size overflows");
  ds->x = nn_alloc_aligned(total, sizeof(float), err);
  if (!ds->x)
    goto fail;
  if (with_classes && !(ds->y_class = nn_alloc((size_t) n, sizeof(int32_t), err)))
    goto fail;
  if (y_dim > 0 && !(ds->y_value = nn_alloc((size_t) n * (size_t) y_dim, sizeof(float), err)))
    goto fail;
  return true;
fail:
  nn_dataset_free(ds);
  return false;
}

void nn_dataset_free(nn_dataset *ds)
{
  if (ds->owns) {
    nn_free_aligned(ds->x);
    free(ds->y_class);
    free(ds->y_value);
  }
  memset(ds, 0, sizeof *ds);
}

size_t nn_dataset_sample_numel(const nn_dataset *ds)
{
  return nn_shape_numel(ds->x_ndim, ds->x_shape);
}

float *nn_dataset_sample(const nn_dataset *ds, int i)
{
  return ds->x + (size_t) i * nn_dataset_sample_numel(ds);
}

nn_dataset nn_dataset_view(const nn_dataset *src, int first, int count)
{
  nn_dataset v = *src;
  v.owns = false;
  v.n = count;
  v.x = nn_dataset_sample(src, first);
  if (src->y_class)
    v.y_class = src->y_class + first;
  if (src->y_value)
    v.y_value = src->y_value + (size_t) first * (size_t) src->y_dim;
  return v;
}

bool nn_dataset_reshape(const nn_dataset *src, int x_ndim, const int *x_shape, nn_dataset *out,
                        nn_error *err)
{
  if (nn_shape_numel(x_ndim, x_shape) != nn_dataset_sample_numel(src))
    return nn_fail(err, "data set: cannot reshape samples of %zu values",
                   nn_dataset_sample_numel(src));
  *out = *src;
  out->owns = false;
  out->x_ndim = x_ndim;
  memcpy(out->x_shape, x_shape, sizeof(int) * (size_t) x_ndim);
  return true;
}

void nn_dataset_gather(const nn_dataset *src, const int32_t *index, int count, float *x_out,
                       int32_t *class_out, float *value_out)
{
  size_t numel = nn_dataset_sample_numel(src);
  for (int i = 0; i < count; i++) {
    int j = index[i];
    memcpy(x_out + (size_t) i * numel, src->x + (size_t) j * numel, numel * sizeof(float));
    if (class_out && src->y_class)
      class_out[i] = src->y_class[j];
    if (value_out && src->y_value)
      memcpy(value_out + (size_t) i * (size_t) src->y_dim,
             src->y_value + (size_t) j * (size_t) src->y_dim, (size_t) src->y_dim * sizeof(float));
  }
}

void nn_dataset_class_counts(const nn_dataset *ds, int *counts)
{
  memset(counts, 0, sizeof(int) * (size_t) ds->n_classes);
  if (!ds->y_class)
    return;
  for (int i = 0; i < ds->n; i++)
    if (ds->y_class[i] >= 0 && ds->y_class[i] < ds->n_classes)
      counts[ds->y_class[i]]++;
}
