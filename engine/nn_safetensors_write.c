/* The safetensors writer: the header as the reference implementation writes it (compact JSON,
 * "__metadata__" first, each tensor's "dtype", "shape", "data_offsets" in that order, padded
 * with spaces to a multiple of 8 bytes), then the data, into a temporary file renamed over the
 * destination only once everything is on disk.
 */
#include "nn_safetensors.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_json.h"
#include "nn_safetensors_private.h"

/* A growing text buffer; `failed` sticks after the first allocation failure. */
typedef struct text {
  char *data;
  size_t len, cap;
  bool failed;
} text;

static void put(text *t, const char *s, size_t n)
{
  if (t->failed)
    return;
  if (t->len + n + 1 > t->cap) {
    size_t cap = NN_MAX(2 * t->cap, t->len + n + 1);
    char *bigger = realloc(t->data, NN_MAX(cap, 256));
    if (!bigger) {
      t->failed = true;
      return;
    }
    t->data = bigger;
    t->cap = NN_MAX(cap, 256);
  }
  memcpy(t->data + t->len, s, n);
  t->len += n;
  t->data[t->len] = '\0';
}

__attribute__((format(printf, 2, 3))) static void putf(text *t, const char *fmt, ...)
{
  char buf[64];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  assert(n >= 0 && (size_t) n < sizeof buf);
  put(t, buf, (size_t) n);
}

/* A JSON string as serde_json writes it: '"' and '\' escaped, control characters as \b, \f,
 * \n, \r, \t or \u00XX, everything else (UTF-8 included) as it is. */
static void put_string(text *t, const char *s)
{
  put(t, "\"", 1);
  for (const char *c = s; *c; c++) {
    unsigned char u = (unsigned char) *c;
    const char *esc = u == '"'    ? "\\\""
                      : u == '\\' ? "\\\\"
                      : u == '\b' ? "\\b"
                      : u == '\f' ? "\\f"
                      : u == '\n' ? "\\n"
                      : u == '\r' ? "\\r"
                      : u == '\t' ? "\\t"
                                  : NULL;
    if (esc)
      put(t, esc, strlen(esc));
    else if (u < 0x20)
      putf(t, "\\u%04x", u);
    else
      put(t, c, 1);
  }
  put(t, "\"", 1);
}

static bool check_text(const char *s, const char *what, nn_error *err)
{
  size_t bad;
  if (!nn_utf8_valid(s, strlen(s), &bad))
    return nn_fail(err, "%s '%s' is not valid UTF-8 (byte %zu)", what, s, bad);
  return true;
}

static bool check_tensor(const nn_st_tensor *t, nn_error *err)
{
  size_t len = strnlen(t->name, sizeof t->name);
  if (len == 0)
    return nn_fail(err, "a tensor has an empty name");
  if (len == sizeof t->name)
    return nn_fail(err, "a tensor name is longer than %zu bytes", sizeof t->name - 1);
  if (strcmp(t->name, "__metadata__") == 0)
    return nn_fail(err, "a tensor cannot be called \"__metadata__\"");
  if (!check_text(t->name, "tensor name", err))
    return false;
  if (t->dtype != NN_F32 && t->dtype != NN_I64)
    return nn_fail(err, "tensor '%s' has an unknown dtype %d", t->name, (int) t->dtype);
  if (t->ndim < 0 || t->ndim > NN_MAX_DIMS)
    return nn_fail(err, "tensor '%s' has %d dimensions; at most %d are written", t->name, t->ndim,
                   NN_MAX_DIMS);
  size_t bytes;
  for (int d = 0; d < t->ndim; d++)
    if (t->shape[d] < 0 || t->shape[d] > INT32_MAX)
      return nn_fail(err, "tensor '%s': dimension %d is %lld", t->name, d, (long long) t->shape[d]);
  if (!nn_st_tensor_bytes(t->ndim, t->shape, t->dtype, &bytes) || bytes != t->nbytes)
    return nn_fail(err, "tensor '%s': its shape and dtype need %zu bytes, not %zu", t->name, bytes,
                   t->nbytes);
  assert(t->data || t->nbytes == 0);
  return true;
}

static bool check_inputs(const nn_st_tensor *tensors, int n_tensors, const nn_st_meta *meta,
                         int n_meta, nn_error *err)
{
  for (int i = 0; i < n_tensors; i++)
    if (!check_tensor(&tensors[i], err))
      return false;
  for (int i = 0; i < n_meta; i++) {
    assert(meta[i].key && meta[i].value);
    if (!check_text(meta[i].key, "metadata key", err) ||
        !check_text(meta[i].value, "metadata value", err))
      return false;
  }
  int n = NN_MAX(n_tensors, n_meta);
  const char **names = nn_alloc((size_t) n, sizeof *names, err);
  if (!names)
    return false;
  bool failed;
  for (int i = 0; i < n_tensors; i++)
    names[i] = tensors[i].name;
  const char *twice = nn_st_duplicate(names, n_tensors, &failed, err);
  bool ok = !failed && (!twice || nn_fail(err, "tensor '%s' appears twice", twice));
  for (int i = 0; ok && i < n_meta; i++)
    names[i] = meta[i].key;
  if (ok)
    twice = nn_st_duplicate(names, n_meta, &failed, err);
  ok = ok && !failed && (!twice || nn_fail(err, "metadata key '%s' appears twice", twice));
  free(names);
  return ok;
}

/* The JSON header, padded with spaces to a multiple of 8 bytes (as the Python library pads). */
static bool build_header(text *h, const nn_st_tensor *tensors, int n_tensors,
                         const nn_st_meta *meta, int n_meta, nn_error *err)
{
  put(h, "{", 1);
  if (n_meta > 0) {
    put(h, "\"__metadata__\":{", 16);
    for (int i = 0; i < n_meta; i++) {
      if (i)
        put(h, ",", 1);
      put_string(h, meta[i].key);
      put(h, ":", 1);
      put_string(h, meta[i].value);
    }
    put(h, "}", 1);
  }
  size_t offset = 0;
  for (int i = 0; i < n_tensors; i++) {
    const nn_st_tensor *t = &tensors[i];
    if (i || n_meta > 0)
      put(h, ",", 1);
    put_string(h, t->name);
    putf(h, ":{\"dtype\":\"%s\",\"shape\":[", nn_st_dtype_name(t->dtype));
    for (int d = 0; d < t->ndim; d++)
      putf(h, d ? ",%lld" : "%lld", (long long) t->shape[d]);
    putf(h, "],\"data_offsets\":[%zu,", offset);
    offset += t->nbytes;
    putf(h, "%zu]}", offset);
  }
  put(h, "}", 1);
  while (!h->failed && h->len % 8 != 0)
    put(h, " ", 1);
  if (h->failed)
    return nn_fail(err, "out of memory building the header");
  return true;
}

static bool write_all(FILE *f, const void *data, size_t n)
{
  return n == 0 || fwrite(data, 1, n, f) == n;
}

/* Everything into the open temporary file, then flushed to the disk. */
static bool write_contents(FILE *f, const text *header, const nn_st_tensor *tensors, int n_tensors)
{
  uint8_t len[8];
  for (int k = 0; k < 8; k++)
    len[k] = (uint8_t) ((uint64_t) header->len >> (8 * k));
  if (!write_all(f, len, 8) || !write_all(f, header->data, header->len))
    return false;
  for (int i = 0; i < n_tensors; i++)
    if (!write_all(f, tensors[i].data, tensors[i].nbytes))
      return false;
  return fflush(f) == 0 && fsync(fileno(f)) == 0;
}

/* After the rename, the folder's entry must reach the disk too; failing that is not fatal:
 * the file is complete either way. */
static void sync_folder(const char *path)
{
  char *dir = strdup(path);
  if (!dir)
    return;
  char *slash = strrchr(dir, '/');
  const char *name = slash ? (slash == dir ? "/" : dir) : ".";
  if (slash && slash != dir)
    *slash = '\0';
  int fd = open(name, O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  free(dir);
}

static bool write_atomically(const char *path, const text *header, const nn_st_tensor *tensors,
                             int n_tensors, nn_error *err)
{
  size_t len = strlen(path);
  char *tmp = nn_alloc(len + sizeof ".tmp-XXXXXX", 1, err);
  if (!tmp)
    return nn_fail_prefix(err, path);
  memcpy(tmp, path, len);
  memcpy(tmp + len, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int e = errno;
    free(tmp);
    return nn_fail(err, "%s: cannot create a temporary file beside it: %s", path, strerror(e));
  }
  /* mkstemp makes the file private (0600); weights are meant to be shared like any file. */
  fchmod(fd, 0644);
  FILE *f = fdopen(fd, "wb");
  if (!f)
    close(fd);
  errno = 0;
  bool ok = f && write_contents(f, header, tensors, n_tensors);
  int e = errno;
  if (f && fclose(f) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = false;
    e = errno;
  }
  if (!ok) {
    unlink(tmp);
    nn_fail(err, "%s: cannot write: %s", path, e ? strerror(e) : "unknown error");
  } else {
    sync_folder(path);
  }
  free(tmp);
  return ok;
}

bool nn_st_write_file(const char *path, const nn_st_tensor *tensors, int n_tensors,
                      const nn_st_meta *meta, int n_meta, nn_error *err)
{
  assert(n_tensors >= 0 && n_meta >= 0);
  if (!check_inputs(tensors, n_tensors, meta, n_meta, err))
    return nn_fail_prefix(err, path);
  text header = {0};
  bool ok = build_header(&header, tensors, n_tensors, meta, n_meta, err)
                ? write_atomically(path, &header, tensors, n_tensors, err)
                : nn_fail_prefix(err, path);
  free(header.data);
  return ok;
}
