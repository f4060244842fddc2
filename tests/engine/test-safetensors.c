/* safetensors: round trips with metadata, a file written from Python, a catalogue of broken
 * files each refused with its own message, and writes that fail without harming the old file.
 */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn_safetensors.h"

/* ---- helpers ---------------------------------------------------------------------------- */

/* A file from a JSON header (not padded) and `data_len` data bytes 0, 1, 2, ... */
static GByteArray *make_file(const char *header, size_t data_len)
{
  GByteArray *b = g_byte_array_new();
  guint64 n = strlen(header);
  guint8 len[8];
  for (int k = 0; k < 8; k++)
    len[k] = (guint8) (n >> (8 * k));
  g_byte_array_append(b, len, 8);
  g_byte_array_append(b, (const guint8 *) header, (guint) n);
  for (size_t i = 0; i < data_len; i++) {
    guint8 v = (guint8) i;
    g_byte_array_append(b, &v, 1);
  }
  return b;
}

/* Asserts that reading `bytes` fails with a message containing `expected`. */
static void expect_refused(const guint8 *bytes, size_t len, const char *expected)
{
  nn_st_file f;
  nn_error err = {{0}};
  if (nn_st_read_memory(bytes, len, "broken.safetensors", &f, &err))
    g_error("accepted a broken file; expected \"%s\"", expected);
  if (!strstr(err.message, expected))
    g_error("message \"%s\" lacks \"%s\"", err.message, expected);
  g_assert_true(g_str_has_prefix(err.message, "broken.safetensors: "));
  g_assert_cmpint(f.n_tensors, ==, 0);
  g_assert_null(f.buffer);
}

static void expect_header_refused(const char *header, size_t data_len, const char *expected)
{
  GByteArray *b = make_file(header, data_len);
  expect_refused(b->data, b->len, expected);
  g_byte_array_unref(b);
}

static char *make_tmp_dir(void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp("test-safetensors-XXXXXX", &error);
  g_assert_no_error(error);
  return dir;
}

/* Number of entries in a folder (to see that no temporary file is left behind). */
static int count_entries(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  g_assert_nonnull(d);
  int n = 0;
  while (g_dir_read_name(d))
    n++;
  g_dir_close(d);
  return n;
}

static void remove_tree(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *path = g_build_filename(dir, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
      remove_tree(path);
    else
      g_unlink(path);
    g_free(path);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
}

/* ---- round trips ------------------------------------------------------------------------ */

static float weight[2][3] = {{1.5f, -2.0f, 0.25f}, {3.0f, 1e-7f, -0.0f}};
static int64_t count = 123456789012345;
static float conv[1][2][2][2] = {{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}};

static int sample_tensors(nn_st_tensor *t)
{
  t[0] = (nn_st_tensor){.name = "0.weight",
                        .dtype = NN_F32,
                        .ndim = 2,
                        .shape = {2, 3},
                        .data = weight,
                        .nbytes = sizeof weight};
  t[1] = (nn_st_tensor){
      .name = "1.num_batches_tracked", .dtype = NN_I64, .ndim = 0, .data = &count, .nbytes = 8};
  t[2] = (nn_st_tensor){.name = "caf\xc3\xa9 \"x\"\\",
                        .dtype = NN_F32,
                        .ndim = 4,
                        .shape = {1, 2, 2, 2},
                        .data = conv,
                        .nbytes = sizeof conv};
  t[3] = (nn_st_tensor){.name = "empty", .dtype = NN_F32, .ndim = 1, .shape = {0}};
  return 4;
}

static const nn_st_meta sample_meta[] = {
    {"lesson", "l04"},
    {"quote\"back\\slash", "line\nbreak\ttab \x01 \xe6\x95\xb0\xe5\xad\x97"},
};

static void check_sample(const nn_st_file *f)
{
  g_assert_cmpint(f->n_tensors, ==, 4);
  const nn_st_tensor *w = nn_st_find(f, "0.weight");
  g_assert_nonnull(w);
  g_assert_cmpint(w->dtype, ==, NN_F32);
  g_assert_cmpint(w->ndim, ==, 2);
  g_assert_cmpint(w->shape[0], ==, 2);
  g_assert_cmpint(w->shape[1], ==, 3);
  g_assert_cmpmem(w->data, w->nbytes, weight, sizeof weight);
  const nn_st_tensor *c = nn_st_find(f, "1.num_batches_tracked");
  g_assert_cmpint(c->dtype, ==, NN_I64);
  g_assert_cmpint(c->ndim, ==, 0);
  int64_t v;
  memcpy(&v, c->data, 8);
  g_assert_cmpint(v, ==, count);
  const nn_st_tensor *k = nn_st_find(f, "caf\xc3\xa9 \"x\"\\");
  g_assert_nonnull(k);
  g_assert_cmpint(k->ndim, ==, 4);
  g_assert_cmpmem(k->data, k->nbytes, conv, sizeof conv);
  const nn_st_tensor *e = nn_st_find(f, "empty");
  g_assert_cmpint(e->nbytes, ==, 0);
  g_assert_cmpint(e->shape[0], ==, 0);
  g_assert_null(nn_st_find(f, "missing"));
  g_assert_cmpint(f->n_meta, ==, 2);
  g_assert_cmpstr(nn_st_meta_get(f, "lesson"), ==, "l04");
  g_assert_cmpstr(nn_st_meta_get(f, "quote\"back\\slash"), ==, sample_meta[1].value);
  g_assert_null(nn_st_meta_get(f, "missing"));
}

static void test_round_trip(void)
{
  char *dir = make_tmp_dir();
  char *path = g_build_filename(dir, "w.safetensors", NULL);
  nn_st_tensor t[4];
  int n = sample_tensors(t);
  nn_error err = {{0}};
  g_assert_true(nn_st_write_file(path, t, n, sample_meta, 2, &err));
  g_assert_cmpint(count_entries(dir), ==, 1);
  struct stat st;
  g_assert_cmpint(stat(path, &st), ==, 0);
  g_assert_cmpint(st.st_mode & 0777, ==, 0644);

  nn_st_file f;
  g_assert_true(nn_st_read_file(path, &f, &err));
  check_sample(&f);
  /* The header is padded with spaces to a multiple of 8, as the Python library pads it. */
  uint64_t header_len;
  memcpy(&header_len, f.buffer, 8);
  g_assert_cmpuint(header_len % 8, ==, 0);
  g_assert_cmpuint(f.size, ==, 8 + header_len + sizeof weight + 8 + sizeof conv);
  g_assert_cmpint(f.buffer[8], ==, '{');
  g_assert_true(f.buffer[8 + header_len - 1] == '}' || f.buffer[8 + header_len - 1] == ' ');

  /* The same bytes through the memory reader. */
  nn_st_file g;
  g_assert_true(nn_st_read_memory(f.buffer, f.size, "copy", &g, &err));
  check_sample(&g);
  nn_st_file_free(&g);
  nn_st_file_free(&f);
  g_assert_null(f.buffer);

  /* Nothing at all: a valid file of one header "{}" and six spaces. */
  g_assert_true(nn_st_write_file(path, NULL, 0, NULL, 0, &err));
  g_assert_true(nn_st_read_file(path, &f, &err));
  g_assert_cmpint(f.n_tensors, ==, 0);
  g_assert_cmpint(f.n_meta, ==, 0);
  g_assert_cmpuint(f.size, ==, 16);
  nn_st_file_free(&f);
  remove_tree(dir);
  g_free(path);
  g_free(dir);
}

/* A file laid out by make-python-safetensors.py, as the Python library writes it. */
static void test_reads_python_file(void)
{
  char *path =
      g_test_build_filename(G_TEST_DIST, "engine", "data", "python-written.safetensors", NULL);
  nn_st_file f;
  nn_error err = {{0}};
  g_assert_true(nn_st_read_file(path, &f, &err));
  g_assert_cmpint(f.n_tensors, ==, 4);
  const nn_st_tensor *w = nn_st_find(&f, "0.weight");
  g_assert_cmpint(w->ndim, ==, 2);
  g_assert_cmpint(w->shape[0], ==, 3);
  g_assert_cmpint(w->shape[1], ==, 4);
  for (int i = 0; i < 12; i++) {
    float v;
    memcpy(&v, (const char *) w->data + 4 * i, 4);
    g_assert_cmpfloat(v, ==, (float) i / 8.0f); /* torch.arange(12) / 8 */
  }
  float bias[3];
  memcpy(bias, nn_st_find(&f, "0.bias")->data, sizeof bias);
  g_assert_cmpfloat(bias[0], ==, -1.5f);
  g_assert_cmpfloat(bias[2], ==, 2.25f);
  int64_t tracked;
  memcpy(&tracked, nn_st_find(&f, "1.num_batches_tracked")->data, 8);
  g_assert_cmpint(tracked, ==, 7);
  g_assert_cmpstr(nn_st_meta_get(&f, "note"), ==, "caf\xc3\xa9 \"quoted\"\n");
  g_assert_cmpstr(nn_st_meta_get(&f, "hidden"), ==, "3");
  nn_st_file_free(&f);
  g_free(path);
}

static void test_json_escapes_in_names(void)
{
  /* \u escapes, a surrogate pair (U+1F600) and escaped quotes decode in names and metadata. */
  GByteArray *b = make_file("{\"__metadata__\":{\"k\\u00e9\":\"\\ud83d\\ude00\\/\"},"
                            "\"a\\\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                            4);
  nn_st_file f;
  nn_error err = {{0}};
  g_assert_true(nn_st_read_memory(b->data, b->len, "escapes", &f, &err));
  g_assert_nonnull(nn_st_find(&f, "a\"b"));
  g_assert_cmpstr(nn_st_meta_get(&f, "k\xc3\xa9"), ==, "\xf0\x9f\x98\x80/");
  nn_st_file_free(&f);
  g_byte_array_unref(b);
}

/* ---- broken files ----------------------------------------------------------------------- */

#define T(name, dtype, shape, begin, end)                                                          \
  "\"" name "\":{\"dtype\":\"" dtype "\",\"shape\":" shape ",\"data_offsets\":[" #begin "," #end   \
  "]}"

static void test_refuses_broken_headers(void)
{
  expect_refused((const guint8 *) "", 0, "empty file");
  expect_refused((const guint8 *) "\x10\0\0\0", 4, "too short");

  guint8 past[20] = {100, 0, 0, 0, 0, 0, 0, 0, '{', '}'};
  expect_refused(past, sizeof past, "header length 100 is past the end of the file (20 bytes)");
  guint8 huge[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, '{', '}'};
  expect_refused(huge, sizeof huge, "header length 9223372036854775807 is past the end");

  expect_header_refused("[]", 0, "does not start with '{'");
  expect_header_refused("{\"a\":", 0, "bad JSON at byte");
  expect_header_refused("{\"a\":{}} x", 0, "unexpected data after the JSON value");
  expect_header_refused("{\"a\":{\"dtype\":\"F32\",}}", 0, "bad JSON");
  expect_header_refused("{\"\\ud800\":1}", 0, "high surrogate not followed by a low one");
  expect_header_refused("{\"\\udc00\":1}", 0, "lone low surrogate");
  expect_header_refused("{\"a\\q\":1}", 0, "unknown escape");
  expect_header_refused("{\"a\tb\":1}", 0, "control character");
  expect_header_refused("{\"\xc3\x28\":1}", 0, "not valid UTF-8");
  expect_header_refused("{\"a\":01}", 0, "bad JSON");
  expect_header_refused("{\"a\":-}", 0, "bad number");
  expect_header_refused("{\"a\":1.}", 0, "no digit after '.'");
  expect_header_refused("{\"a\":1e}", 0, "no digit in the exponent");
  expect_header_refused("{\"a\":tru}", 0, "unexpected character");

  /* Nesting: 40 levels of arrays inside metadata go past the parser's limit of 32. */
  GString *deep = g_string_new("{\"__metadata__\":");
  for (int i = 0; i < 40; i++)
    g_string_append_c(deep, '[');
  for (int i = 0; i < 40; i++)
    g_string_append_c(deep, ']');
  g_string_append_c(deep, '}');
  expect_header_refused(deep->str, 0, "nested deeper than 32 levels");
  g_string_free(deep, TRUE);

  expect_header_refused("{\"__metadata__\":{\"a\":1}}", 0, "metadata value of 'a' is not a string");
  expect_header_refused("{\"__metadata__\":[]}", 0, "\"__metadata__\" is not an object");
  expect_header_refused("{\"__metadata__\":{},\"__metadata__\":{}}", 0, "appears twice");
  expect_header_refused("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0,
                        "metadata key 'a' appears twice");
  expect_header_refused("{\"__metadata__\":{\"a\":\"x\\u0000y\"}}", 0, "NUL character");
}

static void test_refuses_broken_tensors(void)
{
  expect_header_refused("{" T("x", "BF16", "[2]", 0, 4) "}", 4,
                        "tensor 'x' has dtype BF16; only F32 and I64 are read");
  expect_header_refused("{" T("x", "F32", "[2,3]", 0, 20) "}", 20,
                        "tensor 'x': shape (2, 3) of F32 is 24 bytes but data_offsets span 20");
  expect_header_refused("{" T("x", "I64", "[2]", 0, 8) "}", 8,
                        "is 16 bytes but data_offsets span 8");
  expect_header_refused("{" T("x", "F32", "[6]", 0, 24) "}", 16,
                        "tensor 'x': data_offsets [0, 24] lie outside the 16 bytes of data");
  expect_header_refused("{" T("x", "F32", "[0]", 8, 4) "}", 8, "end before they begin");
  expect_header_refused("{" T("a", "F32", "[4]", 0, 16) "," T("b", "F32", "[4]", 8, 24) "}", 24,
                        "tensor 'b' overlaps tensor 'a'");
  expect_header_refused("{" T("a", "F32", "[2]", 0, 8) "," T("b", "F32", "[2]", 12, 20) "}", 20,
                        "bytes 8 to 12 of the data belong to no tensor (a hole before 'b')");
  expect_header_refused("{" T("b", "F32", "[2]", 4, 12) "}", 12, "bytes 0 to 4 of the data");
  expect_header_refused("{" T("a", "F32", "[2]", 0, 8) "}", 12,
                        "the last 4 bytes of data belong to no tensor");
  expect_header_refused("{" T("a", "F32", "[2]", 0, 8) "," T("a", "F32", "[2]", 8, 16) "}", 16,
                        "tensor 'a' appears twice");
  expect_header_refused("{" T("x", "F32", "[1,1,1,1,1]", 0, 4) "}", 4,
                        "tensor 'x' has 5 dimensions; at most 4 are read");
  expect_header_refused("{" T("x", "F32", "[-1]", 0, 4) "}", 4, "non-negative integers");
  expect_header_refused("{" T("x", "F32", "[1.0]", 0, 4) "}", 4, "non-negative integers");
  expect_header_refused("{" T("x", "F32", "[4294967296,0]", 0, 0) "}", 0, "too large");
  expect_header_refused(
      "{" T("x", "F32", "[2147483647,2147483647,2147483647,2147483647]", 0, 4) "}", 4, "overflows");
  expect_header_refused("{" T("x", "F32", "[1]", 0, 18446744073709551616) "}", 4,
                        "\"data_offsets\" is not [begin, end]");
  expect_header_refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4,
                        "\"data_offsets\" is not [begin, end]");
  expect_header_refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4,
                        "tensor 'x' has no \"data_offsets\"");
  expect_header_refused(
      "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 4,
      "tensor 'x' has an unknown field 'extra'");
  expect_header_refused(
      "{\"x\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
      "two \"dtype\" fields");
  expect_header_refused("{\"x\":[]}", 0, "tensor 'x' is not described by an object");
  expect_header_refused("{\"x\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        "\"dtype\" is not a string");
  expect_header_refused("{" T("", "F32", "[1]", 0, 4) "}", 4, "empty name");
  expect_header_refused("{" T("a\\u0000b", "F32", "[1]", 0, 4) "}", 4, "NUL character");
  char long_header[512];
  char name[200];
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  snprintf(long_header, sizeof long_header,
           "{\"%s\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", name);
  expect_header_refused(long_header, 4, "is longer than 127 bytes");
}

/* A valid file cut short anywhere, or with its data truncated, is refused (never a crash). */
static void test_refuses_truncations(void)
{
  GByteArray *b = make_file("{\"__metadata__\":{\"k\":\"v\"}," T("a", "F32", "[2,2]", 0, 16) "," T(
                                "b", "I64", "[1]", 16, 24) "}",
                            24);
  nn_st_file f;
  nn_error err;
  g_assert_true(nn_st_read_memory(b->data, b->len, "whole", &f, &err));
  nn_st_file_free(&f);
  for (guint cut = 0; cut < b->len; cut++) {
    g_assert_false(nn_st_read_memory(b->data, cut, "cut", &f, &err));
    g_assert_true(g_str_has_prefix(err.message, "cut: "));
  }
  expect_refused(b->data, b->len - 1, "tensor 'b': data_offsets [16, 24] lie outside the 23 bytes");
  g_byte_array_unref(b);
}

/* A header longer than 16 MiB is refused even when the file really has it. */
static void test_refuses_huge_header(void)
{
  size_t n = (16u << 20) + 8;
  guint8 *bytes = g_malloc0(n + 8);
  for (int k = 0; k < 8; k++)
    bytes[k] = (guint8) ((guint64) n >> (8 * k));
  bytes[8] = '{';
  expect_refused(bytes, n + 8, "exceeds the limit of 16777216 bytes");
  g_free(bytes);
}

static void test_read_file_errors(void)
{
  nn_st_file f;
  nn_error err;
  g_assert_false(nn_st_read_file("/nonexistent/w.safetensors", &f, &err));
  g_assert_cmpstr(err.message, ==, "/nonexistent/w.safetensors: No such file or directory");
  char *dir = make_tmp_dir();
  g_assert_false(nn_st_read_file(dir, &f, &err));
  g_assert_nonnull(strstr(err.message, "not a regular file"));
  char *path = g_build_filename(dir, "bad.safetensors", NULL);
  g_assert_true(g_file_set_contents(path, "\x08\0\0\0\0\0\0\0{\"a\":1} ", 16, NULL));
  g_assert_false(nn_st_read_file(path, &f, &err));
  g_assert_true(g_str_has_prefix(err.message, path));
  g_assert_nonnull(strstr(err.message, "tensor 'a' is not described by an object"));
  remove_tree(dir);
  g_free(path);
  g_free(dir);
}

/* ---- failing writes --------------------------------------------------------------------- */

static void write_old_file(const char *path, gchar **contents, gsize *len)
{
  nn_st_tensor t[4];
  int n = sample_tensors(t);
  nn_error err;
  g_assert_true(nn_st_write_file(path, t, n, sample_meta, 1, &err));
  g_assert_true(g_file_get_contents(path, contents, len, NULL));
}

static void assert_unchanged(const char *path, const gchar *contents, gsize len)
{
  gchar *now;
  gsize now_len;
  g_assert_true(g_file_get_contents(path, &now, &now_len, NULL));
  g_assert_cmpmem(now, now_len, contents, len);
  g_free(now);
}

static void test_failed_writes_keep_old_file(void)
{
  nn_st_tensor t[4];
  int n = sample_tensors(t);
  nn_error err;

  /* A missing folder: nothing to create the temporary file in. */
  g_assert_false(nn_st_write_file("/nonexistent-folder/w.safetensors", t, n, NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "/nonexistent-folder/w.safetensors: cannot create"));
  g_assert_nonnull(strstr(err.message, "No such file or directory"));

  char *dir = make_tmp_dir();
  char *path = g_build_filename(dir, "w.safetensors", NULL);
  gchar *old;
  gsize old_len;
  write_old_file(path, &old, &old_len);

  /* The disk fills up half-way (a file size limit makes write() fail with EFBIG): the old file
   * is intact and the temporary one is gone. */
  struct rlimit saved, small;
  g_assert_cmpint(getrlimit(RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 100;
  void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
  g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &small), ==, 0);
  bool ok = nn_st_write_file(path, t, n, sample_meta, 2, &err);
  g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &saved), ==, 0);
  signal(SIGXFSZ, previous);
  g_assert_false(ok);
  g_assert_nonnull(strstr(err.message, "cannot write: File too large"));
  assert_unchanged(path, old, old_len);
  g_assert_cmpint(count_entries(dir), ==, 1);

  /* The destination is a folder: rename() fails after the data was written. */
  char *folder = g_build_filename(dir, "folder.safetensors", NULL);
  g_assert_cmpint(g_mkdir(folder, 0755), ==, 0);
  g_assert_false(nn_st_write_file(folder, t, n, NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "cannot write: Is a directory"));
  g_assert_true(g_file_test(folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpint(count_entries(dir), ==, 2);

  /* A read-only folder refuses the temporary file (root ignores permissions, so only as
   * another user). */
  if (geteuid() != 0) {
    g_assert_cmpint(chmod(dir, 0555), ==, 0);
    g_assert_false(nn_st_write_file(path, t, n, NULL, 0, &err));
    g_assert_nonnull(strstr(err.message, "Permission denied"));
    g_assert_cmpint(chmod(dir, 0755), ==, 0);
    assert_unchanged(path, old, old_len);
    g_assert_cmpint(count_entries(dir), ==, 2);
  }

  /* Bad input is refused before the disk is touched. */
  nn_st_tensor dup[2] = {t[0], t[0]};
  g_assert_false(nn_st_write_file(path, dup, 2, NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "tensor '0.weight' appears twice"));
  nn_st_tensor wrong = t[0];
  wrong.nbytes = 20;
  g_assert_false(nn_st_write_file(path, &wrong, 1, NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "need 24 bytes, not 20"));
  nn_st_tensor reserved = t[0];
  strcpy(reserved.name, "__metadata__");
  g_assert_false(nn_st_write_file(path, &reserved, 1, NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "__metadata__"));
  nn_st_meta twice[2] = {{"a", "1"}, {"a", "2"}};
  g_assert_false(nn_st_write_file(path, t, n, twice, 2, &err));
  g_assert_nonnull(strstr(err.message, "metadata key 'a' appears twice"));
  nn_st_meta bad_utf8[1] = {{"a", "\xff"}};
  g_assert_false(nn_st_write_file(path, t, n, bad_utf8, 1, &err));
  g_assert_nonnull(strstr(err.message, "not valid UTF-8"));
  assert_unchanged(path, old, old_len);
  g_assert_cmpint(count_entries(dir), ==, 2);

  g_free(old);
  remove_tree(dir);
  g_free(folder);
  g_free(path);
  g_free(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/safetensors/round-trip", test_round_trip);
  g_test_add_func("/safetensors/python-file", test_reads_python_file);
  g_test_add_func("/safetensors/json-escapes", test_json_escapes_in_names);
  g_test_add_func("/safetensors/broken-headers", test_refuses_broken_headers);
  g_test_add_func("/safetensors/broken-tensors", test_refuses_broken_tensors);
  g_test_add_func("/safetensors/truncations", test_refuses_truncations);
  g_test_add_func("/safetensors/huge-header", test_refuses_huge_header);
  g_test_add_func("/safetensors/read-file-errors", test_read_file_errors);
  g_test_add_func("/safetensors/failed-writes", test_failed_writes_keep_old_file);
  return g_test_run();
}
