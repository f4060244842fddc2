/* A model's state_dict to and from safetensors: every parameter and buffer under its PyTorch
 * name, so the file loads with model.load_state_dict() and a file saved from PyTorch loads
 * here. Loading is strict (load_state_dict(strict=True)) and all-or-nothing: everything is
 * checked before the first byte is copied.
 */
#include "nn_safetensors.h"

#include <stdlib.h>
#include <string.h>

#include "nn_safetensors_private.h"

bool nn_model_save(const nn_model *m, const char *path, const nn_st_meta *meta, int n_meta,
                   nn_error *err)
{
  int n = nn_model_n_state(m);
  nn_st_tensor *tensors = nn_alloc((size_t) n, sizeof *tensors, err);
  if (!tensors)
    return nn_fail_prefix(err, path);
  bool ok = true;
  for (int i = 0; i < n && ok; i++) {
    nn_state_entry e = nn_model_state(m, i);
    nn_st_tensor *t = &tensors[i];
    if (strlen(e.name) >= sizeof t->name) {
      ok = nn_fail(err, "%s: state entry '%s' has too long a name", path, e.name);
      break;
    }
    strcpy(t->name, e.name);
    t->dtype = e.dtype;
    t->ndim = e.ndim;
    for (int d = 0; d < e.ndim; d++)
      t->shape[d] = e.shape[d];
    t->data = e.data;
    t->nbytes = nn_shape_numel(e.ndim, e.shape) * nn_st_dtype_size(e.dtype);
  }
  ok = ok && nn_st_write_file(path, tensors, n, meta, n_meta, err);
  free(tensors);
  return ok;
}

static bool same_shape(const nn_state_entry *e, const nn_st_tensor *t)
{
  if (e->ndim != t->ndim)
    return false;
  for (int d = 0; d < e->ndim; d++)
    if (t->shape[d] != e->shape[d])
      return false;
  return true;
}

static void format_shape64(const nn_st_tensor *t, char *buf, size_t size)
{
  int shape[NN_MAX_DIMS];
  for (int d = 0; d < t->ndim; d++)
    shape[d] = (int) t->shape[d]; /* the reader keeps dimensions below 2³¹ */
  nn_shape_format(t->ndim, shape, buf, size);
}

/* The model's entry `e` against the file's tensor of the same name. */
static bool check_entry(const nn_state_entry *e, const nn_st_tensor *t, nn_error *err)
{
  if (!t)
    return nn_fail(err, "tensor '%s' is missing from the file", e->name);
  if (t->dtype != e->dtype)
    return nn_fail(err, "tensor '%s' is %s in the file; the model needs %s", e->name,
                   nn_st_dtype_name(t->dtype), nn_st_dtype_name(e->dtype));
  if (!same_shape(e, t)) {
    char want[96], have[96];
    nn_shape_format(e->ndim, e->shape, want, sizeof want);
    format_shape64(t, have, sizeof have);
    return nn_fail(err, "tensor '%s' has shape %s in the file; the model needs %s", e->name, have,
                   want);
  }
  return true;
}

static bool model_has(const nn_model *m, const char *name)
{
  for (int i = 0; i < nn_model_n_state(m); i++)
    if (strcmp(nn_model_state(m, i).name, name) == 0)
      return true;
  return false;
}

bool nn_model_load(nn_model *m, const nn_st_file *f, nn_error *err)
{
  int n = nn_model_n_state(m);
  for (int i = 0; i < n; i++) {
    nn_state_entry e = nn_model_state(m, i);
    if (!check_entry(&e, nn_st_find(f, e.name), err))
      return false;
  }
  /* Every entry was found and the reader refuses duplicate names, so equal counts mean no
   * extra tensor; otherwise name one. */
  if (f->n_tensors != n) {
    for (int i = 0; i < f->n_tensors; i++)
      if (!model_has(m, f->tensors[i].name))
        return nn_fail(err, "tensor '%s' in the file is not part of the model", f->tensors[i].name);
  }
  for (int i = 0; i < n; i++) {
    nn_state_entry e = nn_model_state(m, i);
    const nn_st_tensor *t = nn_st_find(f, e.name);
    memcpy(e.data, t->data, t->nbytes); /* the file's data may be unaligned */
  }
  return true;
}
