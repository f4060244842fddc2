#include "nn_snapshot.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
  [NN_JOB_RUNNING] = "running",     [NN_JOB_FINISHED] = "finished",
  [NN_JOB_DIVERGED] = "diverged",   [NN_JOB_CANCELLED] = "cancelled",
  [NN_JOB_FAILED] = "failed",
};

const char *nn_job_status_name(nn_job_status status)
{
  if ((unsigned) status >= NN_N_ELEMENTS(status_names))
    return "unknown";
  return status_names[status];
}

nn_snapshot *nn_snapshot_new(void)
{
  nn_snapshot *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  atomic_init(&s->refs, 1);
  return s;
}

nn_snapshot *nn_snapshot_ref(nn_snapshot *s)
{
  atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
  return s;
}

void nn_snapshot_unref(nn_snapshot *s)
{
  if (!s)
    return;
  /* acq_rel: the last owner must see every write the others made before freeing. */
  if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
    return;
  for (int i = 0; i < s->n_items; i++)
    free(s->items[i].data);
  free(s->items);
  for (int v = 0; v < NN_MAX_VARIANTS; v++)
    nn_model_free(s->models[v]);
  free(s);
}

size_t nn_snap_item_numel(const nn_snap_item *item)
{
  return nn_shape_numel(item->ndim, item->shape);
}

float *nn_snapshot_add(nn_snapshot *s, const char *name, int ndim, const int *shape)
{
  if (ndim < 1 || ndim > NN_MAX_DIMS)
    return NULL;
  if (s->n_items == s->cap_items) {
    int cap = s->cap_items ? 2 * s->cap_items : 16;
    nn_snap_item *items = realloc(s->items, sizeof *items * (size_t) cap);
    if (!items)
      return NULL;
    s->items = items;
    s->cap_items = cap;
  }
  nn_snap_item *item = &s->items[s->n_items];
  memset(item, 0, sizeof *item);
  snprintf(item->name, sizeof item->name, "%s", name);
  item->ndim = ndim;
  memcpy(item->shape, shape, sizeof(int) * (size_t) ndim);
  size_t n = nn_snap_item_numel(item);
  item->data = calloc(n ? n : 1, sizeof(float));
  if (!item->data)
    return NULL;
  s->n_items++;
  return item->data;
}

bool nn_snapshot_add_copy(nn_snapshot *s, const char *name, const float *data, int n)
{
  float *dst = nn_snapshot_add(s, name, 1, (int[]){n > 0 ? n : 0});
  if (!dst)
    return false;
  if (n > 0)
    memcpy(dst, data, sizeof(float) * (size_t) n);
  return true;
}

const nn_snap_item *nn_snapshot_find(const nn_snapshot *s, const char *name)
{
  for (int i = 0; i < s->n_items; i++)
    if (strcmp(s->items[i].name, name) == 0)
      return &s->items[i];
  return NULL;
}

const nn_snap_item *nn_snapshot_findf(const nn_snapshot *s, const char *fmt, ...)
{
  char name[sizeof s->items[0].name];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(name, sizeof name, fmt, ap);
  va_end(ap);
  return nn_snapshot_find(s, name);
}
