/* Helpers of the CLI tests. See cli-test-util.h. */
#include "cli-test-util.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

/* ---- running the CLI ---- */

CliResult run_cli_argv(const char *const *args)
{
  const char *cli = g_getenv("EIAF_CLI");
  g_assert_nonnull(cli);
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer) cli);
  for (int i = 0; args[i]; i++)
    g_ptr_array_add(argv, (gpointer) args[i]);
  g_ptr_array_add(argv, NULL);

  CliResult r = {0};
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  g_assert_true(g_spawn_sync(NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out,
                             &r.err, &wait_status, &error));
  g_assert_no_error(error);
  if (!WIFEXITED(wait_status))
    g_error("the CLI did not exit normally (wait status %d); stderr: %s", wait_status, r.err);
  r.status = WEXITSTATUS(wait_status);
  return r;
}

CliResult run_cli(const char *first, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new();
  va_list ap;
  va_start(ap, first);
  for (const char *a = first; a; a = va_arg(ap, const char *))
    g_ptr_array_add(args, (gpointer) a);
  va_end(ap);
  g_ptr_array_add(args, NULL);
  return run_cli_argv((const char *const *) args->pdata);
}

void cli_result_clear(CliResult *r)
{
  g_clear_pointer(&r->out, g_free);
  g_clear_pointer(&r->err, g_free);
}

void assert_usage_error(const CliResult *r, const char *expected)
{
  if (r->status != 2 || !strstr(r->err, expected))
    g_error("expected exit status 2 and \"%s\"; got %d with stderr: %s", expected, r->status,
            r->err);
  g_assert_cmpstr(r->out, ==, "");
  g_assert_true(g_str_has_prefix(r->err, "everything-is-a-font-cli: "));
  /* One line: the only newline is the last character. */
  g_assert_true(g_str_has_suffix(r->err, "\n"));
  g_assert_true(strchr(r->err, '\n') == r->err + strlen(r->err) - 1);
}

/* ---- JSON ---- */

void json_parse(Json *j, const char *text)
{
  nn_error err = {{0}};
  j->text = g_strdup(text);
  if (!nn_json_parse(j->text, strlen(j->text), &j->doc, &err))
    g_error("not valid JSON (%s): %s", err.message, text);
}

void json_clear(Json *j)
{
  nn_json_free(&j->doc);
  g_clear_pointer(&j->text, g_free);
}

int json_member(const Json *j, int obj, const char *key)
{
  g_assert_cmpint(obj, >=, 0);
  g_assert_cmpint(j->doc.values[obj].type, ==, NN_JSON_OBJECT);
  for (int c = j->doc.values[obj].first_child; c >= 0; c = j->doc.values[c].next)
    if (!strcmp(j->doc.values[c].key, key))
      return c;
  return -1;
}

int json_element(const Json *j, int array, int i)
{
  g_assert_cmpint(array, >=, 0);
  g_assert_cmpint(j->doc.values[array].type, ==, NN_JSON_ARRAY);
  int c = j->doc.values[array].first_child;
  for (int k = 0; c >= 0 && k < i; k++)
    c = j->doc.values[c].next;
  return c;
}

double json_num(const Json *j, int at)
{
  g_assert_cmpint(at, >=, 0);
  g_assert_cmpint(j->doc.values[at].type, ==, NN_JSON_NUMBER);
  return g_ascii_strtod(j->text + j->doc.values[at].offset, NULL);
}

const char *json_str(const Json *j, int at)
{
  g_assert_cmpint(at, >=, 0);
  g_assert_cmpint(j->doc.values[at].type, ==, NN_JSON_STRING);
  return j->doc.values[at].str;
}

gboolean json_is_null(const Json *j, int at)
{
  g_assert_cmpint(at, >=, 0);
  return j->doc.values[at].type == NN_JSON_NULL;
}

double json_num_of(const Json *j, int obj, const char *key)
{
  int at = json_member(j, obj, key);
  if (at < 0)
    g_error("no \"%s\" in %s", key, j->text);
  return json_num(j, at);
}

const char *json_str_of(const Json *j, int obj, const char *key)
{
  int at = json_member(j, obj, key);
  if (at < 0)
    g_error("no \"%s\" in %s", key, j->text);
  return json_str(j, at);
}

/* ---- files ---- */

char *tmp_dir_new(void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp("test-cli-XXXXXX", &error);
  g_assert_no_error(error);
  return dir;
}

void tmp_dir_remove(char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_remove(path);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
  g_free(dir);
}

static void put_be32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) (v >> 24);
  p[1] = (uint8_t) (v >> 16);
  p[2] = (uint8_t) (v >> 8);
  p[3] = (uint8_t) v;
}

static void write_chunk(FILE *f, const char *type, const uint8_t *data, size_t len)
{
  uint8_t head[8];
  put_be32(head, (uint32_t) len);
  memcpy(head + 4, type, 4);
  uLong crc = crc32(0, (const Bytef *) type, 4);
  if (len) /* zlib's crc32 of a NULL buffer is 0, not the running value */
    crc = crc32(crc, data, (uInt) len);
  uint8_t tail[4];
  put_be32(tail, (uint32_t) crc);
  g_assert_cmpuint(fwrite(head, 1, 8, f), ==, 8);
  if (len)
    g_assert_cmpuint(fwrite(data, 1, len, f), ==, len);
  g_assert_cmpuint(fwrite(tail, 1, 4, f), ==, 4);
}

void write_png(const char *path, int w, int h, int color_type, PngRowFn row_fn, void *user)
{
  static const int channels[7] = {1, 0, 3, 0, 2, 0, 4};
  size_t stride = (size_t) w * (size_t) channels[color_type];
  FILE *f = fopen(path, "wb");
  g_assert_nonnull(f);
  static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  g_assert_cmpuint(fwrite(signature, 1, 8, f), ==, 8);
  uint8_t ihdr[13] = {0};
  put_be32(ihdr, (uint32_t) w);
  put_be32(ihdr + 4, (uint32_t) h);
  ihdr[8] = 8;
  ihdr[9] = (uint8_t) color_type;
  write_chunk(f, "IHDR", ihdr, sizeof ihdr);

  /* Rows with filter 0, deflated as they come; each full output buffer is one IDAT. */
  z_stream z = {0};
  g_assert_cmpint(deflateInit(&z, 1), ==, Z_OK);
  uint8_t *row = g_malloc(stride + 1), out[1 << 16];
  for (int y = 0; y <= h; y++) {
    int flush = y == h ? Z_FINISH : Z_NO_FLUSH;
    if (y < h) {
      row[0] = 0;
      row_fn(y, row + 1, user);
      z.next_in = row;
      z.avail_in = (uInt) (stride + 1);
    }
    int ret;
    do {
      z.next_out = out;
      z.avail_out = sizeof out;
      ret = deflate(&z, flush);
      g_assert_cmpint(ret, !=, Z_STREAM_ERROR);
      size_t have = sizeof out - z.avail_out;
      if (have)
        write_chunk(f, "IDAT", out, have);
    } while (z.avail_out == 0 || (flush == Z_FINISH && ret != Z_STREAM_END));
  }
  deflateEnd(&z);
  g_free(row);
  write_chunk(f, "IEND", NULL, 0);
  g_assert_cmpint(fclose(f), ==, 0);
}

void write_idx_gz(const char *path, int ndim, const int *dims, const uint8_t *data)
{
  gzFile f = gzopen(path, "wb");
  g_assert_nonnull(f);
  uint8_t head[4] = {0, 0, 0x08, (uint8_t) ndim};
  g_assert_cmpint(gzwrite(f, head, 4), ==, 4);
  size_t n = 1;
  for (int d = 0; d < ndim; d++) {
    uint8_t be[4];
    put_be32(be, (uint32_t) dims[d]);
    g_assert_cmpint(gzwrite(f, be, 4), ==, 4);
    n *= (size_t) dims[d];
  }
  if (n)
    g_assert_cmpint(gzwrite(f, data, (unsigned) n), ==, (int) n);
  g_assert_cmpint(gzclose(f), ==, Z_OK);
}

static void write_mnist_part(const char *dir, const char *prefix, int n_images, int n_labels)
{
  uint8_t *images = g_malloc0((size_t) n_images * 784 + 1);
  uint8_t *labels = g_malloc0((size_t) n_labels + 1);
  for (int i = 0; i < n_images; i++)
    for (int y = 8; y < 20; y++)
      for (int x = 12 + i % 4; x < 16 + i % 4; x++)
        images[(size_t) i * 784 + (size_t) y * 28 + (size_t) x] = 255;
  for (int i = 0; i < n_labels; i++)
    labels[i] = (uint8_t) (i % 10);
  g_autofree char *ipath = g_strdup_printf("%s/%s-images-idx3-ubyte.gz", dir, prefix);
  g_autofree char *lpath = g_strdup_printf("%s/%s-labels-idx1-ubyte.gz", dir, prefix);
  write_idx_gz(ipath, 3, (int[]){n_images, 28, 28}, images);
  write_idx_gz(lpath, 1, (int[]){n_labels}, labels);
  g_free(images);
  g_free(labels);
}

void write_mnist_dir(const char *dir, int n_train, int n_train_labels, int n_test)
{
  write_mnist_part(dir, "train", n_train, n_train_labels);
  write_mnist_part(dir, "t10k", n_test, n_test);
}

void read_st(const char *path, nn_st_file *f)
{
  nn_error err = {{0}};
  if (!nn_st_read_file(path, f, &err))
    g_error("%s", err.message);
}

void assert_same_tensors(const char *path_a, const char *path_b)
{
  nn_st_file a, b;
  read_st(path_a, &a);
  read_st(path_b, &b);
  g_assert_cmpint(a.n_tensors, ==, b.n_tensors);
  for (int i = 0; i < a.n_tensors; i++) {
    const nn_st_tensor *ta = &a.tensors[i], *tb = nn_st_find(&b, ta->name);
    g_assert_nonnull(tb);
    g_assert_cmpint(ta->dtype, ==, tb->dtype);
    g_assert_cmpint(ta->ndim, ==, tb->ndim);
    g_assert_cmpmem(ta->shape, sizeof(int64_t) * (size_t) ta->ndim, tb->shape,
                    sizeof(int64_t) * (size_t) tb->ndim);
    g_assert_cmpmem(ta->data, ta->nbytes, tb->data, tb->nbytes);
  }
  nn_st_file_free(&a);
  nn_st_file_free(&b);
}
