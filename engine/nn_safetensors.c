/* The safetensors reader: every claim of the file is checked against the bytes it really has
 * before anything is trusted or allocated for it. The writer is in nn_safetensors_write.c.
 *
 * Beyond nn_safetensors.h: the JSON header is at most NN_ST_MAX_HEADER bytes (the reference
 * implementation's limit is 100 MB; a header of 16 MiB already describes ~100,000 tensors);
 * every key of a tensor's entry must be one of "dtype", "shape", "data_offsets"; names are
 * 1..127 bytes without NUL; metadata keys and values are strings; a tensor has at most
 * NN_MAX_DIMS dimensions, each below 2³¹. Data pointers may be unaligned (the format does not
 * promise alignment): read them with memcpy. The engine assumes a little-endian host.
 */
#include "nn_safetensors.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nn_json.h"
#include "nn_safetensors_private.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors data is little-endian; this engine reads it in place"
#endif

static const char *const dtype_names[] = {[NN_F32] = "F32", [NN_I64] = "I64"};

const char *nn_st_dtype_name(nn_dtype dtype)
{
  return dtype_names[dtype];
}

size_t nn_st_dtype_size(nn_dtype dtype)
{
  return dtype == NN_I64 ? 8 : 4;
}

bool nn_st_tensor_bytes(int ndim, const int64_t *shape, nn_dtype dtype, size_t *out)
{
  size_t n = nn_st_dtype_size(dtype);
  for (int d = 0; d < ndim; d++)
    if (shape[d] < 0 || !nn_size_mul(n, (size_t) shape[d], &n))
      return false;
  *out = n;
  return true;
}

void nn_st_file_free(nn_st_file *f)
{
  for (int i = 0; i < f->n_meta; i++) {
    free(f->meta[i].key);
    free(f->meta[i].value);
  }
  free(f->meta);
  free(f->tensors);
  free(f->buffer);
  memset(f, 0, sizeof *f);
}

const nn_st_tensor *nn_st_find(const nn_st_file *f, const char *name)
{
  for (int i = 0; i < f->n_tensors; i++)
    if (strcmp(f->tensors[i].name, name) == 0)
      return &f->tensors[i];
  return NULL;
}

const char *nn_st_meta_get(const nn_st_file *f, const char *key)
{
  for (int i = 0; i < f->n_meta; i++)
    if (strcmp(f->meta[i].key, key) == 0)
      return f->meta[i].value;
  return NULL;
}

/* What the header says, before the tensors are laid out. */
typedef struct header {
  nn_json_doc doc;
  const uint8_t *data; /* the data region: after the header */
  size_t data_len;
  uint64_t (*offsets)[2]; /* per tensor, in file order */
} header;

static char *copy_string(const nn_json *v, nn_error *err)
{
  char *s = nn_alloc(v->len + 1, 1, err);
  if (s)
    memcpy(s, v->str, v->len);
  return s;
}

static bool read_metadata(const nn_json_doc *doc, const nn_json *obj, nn_st_file *out,
                          nn_error *err)
{
  if (obj->type != NN_JSON_OBJECT)
    return nn_fail(err, "\"__metadata__\" is not an object");
  out->meta = nn_alloc((size_t) obj->n_children, sizeof *out->meta, err);
  if (!out->meta)
    return false;
  for (int c = obj->first_child; c >= 0; c = doc->values[c].next) {
    const nn_json *v = &doc->values[c];
    if (v->type != NN_JSON_STRING)
      return nn_fail(err, "metadata value of '%s' is not a string", v->key);
    if (strlen(v->key) != v->key_len || strlen(v->str) != v->len)
      return nn_fail(err, "metadata entry '%s' contains a NUL character", v->key);
    nn_st_meta *m = &out->meta[out->n_meta];
    m->key = nn_alloc(v->key_len + 1, 1, err);
    if (!m->key)
      return false;
    memcpy(m->key, v->key, v->key_len);
    out->n_meta++;
    if (!(m->value = copy_string(v, err)))
      return false;
  }
  return true;
}

static bool read_uint(const nn_json *v, uint64_t *out)
{
  if (v->type != NN_JSON_NUMBER || !v->is_uint)
    return false;
  *out = v->uint_value;
  return true;
}

static bool read_dtype(const nn_json *v, const char *name, nn_dtype *out, nn_error *err)
{
  if (v->type != NN_JSON_STRING)
    return nn_fail(err, "tensor '%s': \"dtype\" is not a string", name);
  for (size_t d = 0; d < NN_N_ELEMENTS(dtype_names); d++) {
    if (strcmp(v->str, dtype_names[d]) == 0 && strlen(v->str) == v->len) {
      *out = (nn_dtype) d;
      return true;
    }
  }
  return nn_fail(err, "tensor '%s' has dtype %.32s; only F32 and I64 are read", name, v->str);
}

static bool read_shape(const nn_json_doc *doc, const nn_json *v, nn_st_tensor *t, nn_error *err)
{
  if (v->type != NN_JSON_ARRAY)
    return nn_fail(err, "tensor '%s': \"shape\" is not an array", t->name);
  if (v->n_children > NN_MAX_DIMS)
    return nn_fail(err, "tensor '%s' has %d dimensions; at most %d are read", t->name,
                   v->n_children, NN_MAX_DIMS);
  t->ndim = 0;
  for (int c = v->first_child; c >= 0; c = doc->values[c].next) {
    uint64_t dim;
    if (!read_uint(&doc->values[c], &dim))
      return nn_fail(err, "tensor '%s': shape entries must be non-negative integers", t->name);
    if (dim > INT32_MAX)
      return nn_fail(err, "tensor '%s': dimension %d is %llu, too large", t->name, t->ndim,
                     (unsigned long long) dim);
    t->shape[t->ndim++] = (int64_t) dim;
  }
  return true;
}

static bool read_offsets(const nn_json_doc *doc, const nn_json *v, const char *name,
                         uint64_t out[2], nn_error *err)
{
  if (v->type != NN_JSON_ARRAY || v->n_children != 2 ||
      !read_uint(&doc->values[v->first_child], &out[0]) ||
      !read_uint(&doc->values[doc->values[v->first_child].next], &out[1]))
    return nn_fail(err, "tensor '%s': \"data_offsets\" is not [begin, end]", name);
  return true;
}

/* One tensor's entry {"dtype", "shape", "data_offsets"}: each key exactly once, no other. */
static bool read_tensor(const header *h, const nn_json *entry, nn_st_tensor *t, uint64_t offsets[2],
                        nn_error *err)
{
  if (entry->key_len == 0)
    return nn_fail(err, "a tensor has an empty name");
  if (strlen(entry->key) != entry->key_len)
    return nn_fail(err, "tensor name '%s' contains a NUL character", entry->key);
  if (entry->key_len >= sizeof t->name)
    return nn_fail(err, "tensor name '%.40s…' is longer than %zu bytes", entry->key,
                   sizeof t->name - 1);
  memcpy(t->name, entry->key, entry->key_len + 1);
  if (entry->type != NN_JSON_OBJECT)
    return nn_fail(err, "tensor '%s' is not described by an object", t->name);

  const nn_json *fields[3] = {NULL, NULL, NULL};
  static const char *const field_names[3] = {"dtype", "shape", "data_offsets"};
  for (int c = entry->first_child; c >= 0; c = h->doc.values[c].next) {
    const nn_json *f = &h->doc.values[c];
    int k = 0;
    while (k < 3 && strcmp(f->key, field_names[k]) != 0)
      k++;
    if (k == 3 || strlen(f->key) != f->key_len)
      return nn_fail(err, "tensor '%s' has an unknown field '%.40s'", t->name, f->key);
    if (fields[k])
      return nn_fail(err, "tensor '%s' has two \"%s\" fields", t->name, field_names[k]);
    fields[k] = f;
  }
  for (int k = 0; k < 3; k++)
    if (!fields[k])
      return nn_fail(err, "tensor '%s' has no \"%s\"", t->name, field_names[k]);
  if (!read_dtype(fields[0], t->name, &t->dtype, err) || !read_shape(&h->doc, fields[1], t, err) ||
      !read_offsets(&h->doc, fields[2], t->name, offsets, err))
    return false;

  char shape_text[96];
  int shape_int[NN_MAX_DIMS];
  for (int d = 0; d < t->ndim; d++)
    shape_int[d] = (int) t->shape[d];
  nn_shape_format(t->ndim, shape_int, shape_text, sizeof shape_text);
  if (!nn_st_tensor_bytes(t->ndim, t->shape, t->dtype, &t->nbytes))
    return nn_fail(err, "tensor '%s': shape %s of %s overflows", t->name, shape_text,
                   dtype_names[t->dtype]);
  if (offsets[0] > offsets[1])
    return nn_fail(err, "tensor '%s': data_offsets [%llu, %llu] end before they begin", t->name,
                   (unsigned long long) offsets[0], (unsigned long long) offsets[1]);
  if (offsets[1] > h->data_len)
    return nn_fail(err, "tensor '%s': data_offsets [%llu, %llu] lie outside the %zu bytes of data",
                   t->name, (unsigned long long) offsets[0], (unsigned long long) offsets[1],
                   h->data_len);
  if (offsets[1] - offsets[0] != t->nbytes)
    return nn_fail(err, "tensor '%s': shape %s of %s is %zu bytes but data_offsets span %llu",
                   t->name, shape_text, dtype_names[t->dtype], t->nbytes,
                   (unsigned long long) (offsets[1] - offsets[0]));
  t->data = h->data + offsets[0];
  return true;
}

static int compare_strings(const void *a, const void *b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

const char *nn_st_duplicate(const char *const *names, int n, bool *failed, nn_error *err)
{
  *failed = false;
  const char **sorted = nn_alloc((size_t) n, sizeof *sorted, err);
  if (!sorted) {
    *failed = true;
    return NULL;
  }
  memcpy(sorted, names, (size_t) n * sizeof *sorted);
  qsort(sorted, (size_t) n, sizeof *sorted, compare_strings);
  const char *twice = NULL;
  for (int i = 1; i < n && !twice; i++)
    if (strcmp(sorted[i - 1], sorted[i]) == 0)
      twice = sorted[i];
  free(sorted);
  return twice;
}

/* Each tensor name and each metadata key once. */
static bool check_unique_names(const nn_st_file *f, nn_error *err)
{
  int n = NN_MAX(f->n_tensors, f->n_meta);
  const char **names = nn_alloc((size_t) n, sizeof *names, err);
  if (!names)
    return false;
  bool failed;
  for (int i = 0; i < f->n_tensors; i++)
    names[i] = f->tensors[i].name;
  const char *twice = nn_st_duplicate(names, f->n_tensors, &failed, err);
  bool ok = !failed && (!twice || nn_fail(err, "tensor '%s' appears twice", twice));
  for (int i = 0; ok && i < f->n_meta; i++)
    names[i] = f->meta[i].key;
  if (ok)
    twice = nn_st_duplicate(names, f->n_meta, &failed, err);
  ok = ok && !failed && (!twice || nn_fail(err, "metadata key '%s' appears twice", twice));
  free(names);
  return ok;
}

typedef struct span {
  uint64_t begin, end;
  int tensor;
} span;

static int compare_spans(const void *a, const void *b)
{
  const span *x = a, *y = b;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* The tensors tile the data region exactly: sorted by offset, each begins where the previous
 * one ended, the first at 0 and the last at the end. */
static bool check_layout(const nn_st_file *f, const header *h, nn_error *err)
{
  span *spans = nn_alloc((size_t) f->n_tensors, sizeof *spans, err);
  if (!spans)
    return false;
  for (int i = 0; i < f->n_tensors; i++)
    spans[i] = (span){h->offsets[i][0], h->offsets[i][1], i};
  qsort(spans, (size_t) f->n_tensors, sizeof *spans, compare_spans);
  uint64_t covered = 0;
  int previous = -1;
  bool ok = true;
  for (int i = 0; i < f->n_tensors && ok; i++) {
    const char *name = f->tensors[spans[i].tensor].name;
    if (spans[i].begin < covered)
      ok = nn_fail(err, "tensor '%s' overlaps tensor '%s'", name, f->tensors[previous].name);
    else if (spans[i].begin > covered)
      ok = nn_fail(err, "bytes %llu to %llu of the data belong to no tensor (a hole before '%s')",
                   (unsigned long long) covered, (unsigned long long) spans[i].begin, name);
    covered = spans[i].end;
    previous = spans[i].tensor;
  }
  if (ok && covered != h->data_len)
    ok = nn_fail(err, "the last %llu bytes of data belong to no tensor",
                 (unsigned long long) (h->data_len - covered));
  free(spans);
  return ok;
}

static bool read_entries(header *h, nn_st_file *out, nn_error *err)
{
  const nn_json *root = &h->doc.values[0];
  if (root->type != NN_JSON_OBJECT)
    return nn_fail(err, "the header is not a JSON object");
  out->tensors = nn_alloc((size_t) root->n_children, sizeof *out->tensors, err);
  h->offsets = nn_alloc((size_t) root->n_children, sizeof *h->offsets, err);
  if (!out->tensors || !h->offsets)
    return false;
  bool seen_metadata = false;
  for (int c = root->first_child; c >= 0; c = h->doc.values[c].next) {
    const nn_json *entry = &h->doc.values[c];
    if (strcmp(entry->key, "__metadata__") == 0 && entry->key_len == 12) {
      if (seen_metadata)
        return nn_fail(err, "\"__metadata__\" appears twice");
      seen_metadata = true;
      if (!read_metadata(&h->doc, entry, out, err))
        return false;
      continue;
    }
    int i = out->n_tensors;
    if (!read_tensor(h, entry, &out->tensors[i], h->offsets[i], err))
      return false;
    out->n_tensors++;
  }
  return check_unique_names(out, err) && check_layout(out, h, err);
}

/* Parses `size` bytes at `buf` (owned by out on success). */
static bool parse_file(uint8_t *buf, size_t size, nn_st_file *out, nn_error *err)
{
  if (size == 0)
    return nn_fail(err, "empty file");
  if (size < 8)
    return nn_fail(err, "%zu bytes: too short for the 8-byte header length", size);
  uint64_t n = 0;
  for (int k = 7; k >= 0; k--)
    n = (n << 8) | buf[k];
  if (n > size - 8)
    return nn_fail(err, "header length %llu is past the end of the file (%zu bytes)",
                   (unsigned long long) n, size);
  if (n > NN_ST_MAX_HEADER)
    return nn_fail(err, "header length %llu exceeds the limit of %d bytes", (unsigned long long) n,
                   NN_ST_MAX_HEADER);
  if (n < 2 || buf[8] != '{')
    return nn_fail(err, "the header does not start with '{'");

  header h = {.data = buf + 8 + n, .data_len = size - 8 - (size_t) n};
  nn_error json_err;
  if (!nn_json_parse((const char *) buf + 8, (size_t) n, &h.doc, &json_err))
    return nn_fail(err, "header: %s", json_err.message);
  bool ok = read_entries(&h, out, err);
  nn_json_free(&h.doc);
  free(h.offsets);
  return ok;
}

/* Takes ownership of buf (freed on failure). */
static bool read_buffer(uint8_t *buf, size_t size, const char *name, nn_st_file *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  if (!parse_file(buf, size, out, err)) {
    nn_st_file_free(out);
    free(buf);
    return nn_fail_prefix(err, name);
  }
  out->buffer = buf;
  out->size = size;
  return true;
}

bool nn_st_read_memory(const void *buf, size_t len, const char *name, nn_st_file *out,
                       nn_error *err)
{
  memset(out, 0, sizeof *out);
  if (len > NN_ST_MAX_FILE)
    return nn_fail(err, "%s: %zu bytes; at most %zu are read", name, len, NN_ST_MAX_FILE);
  uint8_t *copy = nn_alloc(len, 1, err);
  if (!copy)
    return nn_fail_prefix(err, name);
  if (len)
    memcpy(copy, buf, len);
  return read_buffer(copy, len, name, out, err);
}

bool nn_st_read_file(const char *path, nn_st_file *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return nn_fail(err, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(fp);
    return nn_fail(err, "%s: not a regular file", path);
  }
  if ((uintmax_t) st.st_size > NN_ST_MAX_FILE) {
    fclose(fp);
    return nn_fail(err, "%s: %jd bytes; at most %zu are read", path, (intmax_t) st.st_size,
                   NN_ST_MAX_FILE);
  }
  size_t size = (size_t) st.st_size;
  uint8_t *buf = nn_alloc(size, 1, err);
  if (!buf) {
    fclose(fp);
    return nn_fail_prefix(err, path);
  }
  size_t got = size ? fread(buf, 1, size, fp) : 0;
  bool failed = ferror(fp), grew = fgetc(fp) != EOF;
  fclose(fp);
  if (got != size || failed || grew) {
    free(buf);
    return nn_fail(err, "%s: %s", path,
                   failed ? "read error" : "the file changed size while it was read");
  }
  return read_buffer(buf, size, path, out, err);
}
