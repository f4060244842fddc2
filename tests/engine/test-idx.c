/* The IDX reader and MNIST loading: the bundled subset, Fashion-MNIST, and a catalogue of
 * broken files, each refused with its own message. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "nn_idx.h"
#include "nn_mnist.h"

#define FASHION_DIR "/usr/share/datasets/fashion-mnist"

/* ---- building files ---- */

/* An IDX file of unsigned bytes: header for `ndim` sizes, then `data_len` bytes (i·7 mod 251)
 * whatever the header says, so a test can make them disagree. */
static GByteArray *idx_bytes(int ndim, const guint32 *dims, gsize data_len)
{
  GByteArray *b = g_byte_array_new();
  guint8 head[4] = {0, 0, 0x08, (guint8) ndim};
  g_byte_array_append(b, head, 4);
  for (int i = 0; i < ndim; i++) {
    guint8 be[4] = {dims[i] >> 24, dims[i] >> 16, dims[i] >> 8, dims[i]};
    g_byte_array_append(b, be, 4);
  }
  for (gsize i = 0; i < data_len; i++) {
    guint8 v = (guint8) (i * 7 % 251);
    g_byte_array_append(b, &v, 1);
  }
  return b;
}

/* A valid 3 × 2 × 2 file: 12 data bytes. */
static GByteArray *small_idx(void)
{
  const guint32 dims[3] = {3, 2, 2};
  return idx_bytes(3, dims, 12);
}

/* One gzip member of `len` bytes (level 0 makes stored blocks: sizes are predictable). */
static GByteArray *gzip_member(const guint8 *data, gsize len, int level)
{
  z_stream zs = {0};
  g_assert_cmpint(deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==,
                  Z_OK);
  gsize cap = deflateBound(&zs, len) + 64;
  GByteArray *out = g_byte_array_sized_new(cap);
  g_byte_array_set_size(out, cap);
  zs.next_in = (guint8 *) data;
  zs.avail_in = len;
  zs.next_out = out->data;
  zs.avail_out = cap;
  g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
  g_byte_array_set_size(out, zs.total_out);
  deflateEnd(&zs);
  return out;
}

static GByteArray *gzip_all(const GByteArray *plain)
{
  return gzip_member(plain->data, plain->len, 9);
}

/* Reads from memory and expects failure with `expected` in the message. */
static void assert_refused(const guint8 *data, gsize len, const char *expected)
{
  nn_idx idx;
  nn_error err = {{0}};
  gboolean ok = nn_idx_read_memory(data, len, "test.idx", &idx, &err);
  if (ok)
    g_error("accepted a broken file (expected \"%s\")", expected);
  g_assert_null(idx.data);
  g_assert_true(g_str_has_prefix(err.message, "test.idx: "));
  if (!strstr(err.message, expected))
    g_error("message \"%s\" lacks \"%s\"", err.message, expected);
}

static void assert_refused_bytes(GByteArray *b, const char *expected)
{
  assert_refused(b->data, b->len, expected);
  g_byte_array_unref(b);
}

static void assert_reads(const guint8 *data, gsize len, const GByteArray *plain)
{
  nn_idx idx;
  nn_error err = {{0}};
  if (!nn_idx_read_memory(data, len, "test.idx", &idx, &err))
    g_error("refused a valid file: %s", err.message);
  int ndim = plain->data[3];
  g_assert_cmpint(idx.ndim, ==, ndim);
  gsize header = 4 + 4 * (gsize) ndim;
  g_assert_cmpuint(idx.size, ==, plain->len - header);
  g_assert_cmpmem(idx.data, idx.size, plain->data + header, plain->len - header);
  nn_idx_free(&idx);
}

/* ---- valid files ---- */

static void test_idx_small_plain_and_gzip(void)
{
  GByteArray *plain = small_idx();
  assert_reads(plain->data, plain->len, plain);
  GByteArray *gz = gzip_all(plain);
  assert_reads(gz->data, gz->len, plain);

  nn_idx idx;
  nn_error err;
  g_assert_true(nn_idx_read_memory(gz->data, gz->len, "x", &idx, &err));
  g_assert_cmpint(idx.dims[0], ==, 3);
  g_assert_cmpint(idx.dims[1], ==, 2);
  g_assert_cmpint(idx.dims[2], ==, 2);
  nn_idx_free(&idx);
  g_byte_array_unref(gz);
  g_byte_array_unref(plain);
}

/* RFC 1952 allows members one after another; they read as one stream, wherever the cut. */
static void test_idx_concatenated_members(void)
{
  GByteArray *plain = small_idx();
  for (guint cut = 0; cut <= plain->len; cut++) {
    GByteArray *a = gzip_member(plain->data, cut, 6);
    GByteArray *b = gzip_member(plain->data + cut, plain->len - cut, 6);
    g_byte_array_append(a, b->data, b->len);
    assert_reads(a->data, a->len, plain);
    /* A third, empty member changes nothing. */
    GByteArray *empty = gzip_member(NULL, 0, 6);
    g_byte_array_append(a, empty->data, empty->len);
    assert_reads(a->data, a->len, plain);
    g_byte_array_unref(empty);
    g_byte_array_unref(b);
    g_byte_array_unref(a);
  }
  /* A second member holding more data is trailing data. */
  GByteArray *a = gzip_all(plain);
  GByteArray *more = gzip_member((const guint8 *) "xy", 2, 6);
  g_byte_array_append(a, more->data, more->len);
  assert_refused_bytes(a, "trailing data after the 12 bytes the header announces");
  g_byte_array_unref(more);
  g_byte_array_unref(plain);
}

static char *write_temp(const char *dir, const char *name, const guint8 *data, gsize len)
{
  char *path = g_build_filename(dir, name, NULL);
  GError *error = NULL;
  g_assert_true(g_file_set_contents(path, (const char *) data, len, &error));
  g_assert_no_error(error);
  return path;
}

/* Files are read in 64 KiB pieces: a member boundary whose magic straddles two pieces, and a
 * file bigger than one piece, read as from memory. */
static void test_idx_file_reads_match_memory(void)
{
  char *dir = g_dir_make_tmp("test-idx-XXXXXX", NULL);
  const guint32 dims[1] = {100000};
  GByteArray *plain = idx_bytes(1, dims, 100000);
  /* Stored blocks: the first member's size grows one byte per byte of input, so some cut
   * puts its end at 65535 (the next magic's 0x1f ends the first piece) and 65536. */
  int straddles = 0;
  for (guint cut = 65400; cut < 65536 && cut < plain->len; cut++) {
    GByteArray *a = gzip_member(plain->data, cut, 0);
    if (a->len != 65535 && a->len != 65536 && a->len != 65534) {
      g_byte_array_unref(a);
      continue;
    }
    GByteArray *b = gzip_member(plain->data + cut, plain->len - cut, 0);
    g_byte_array_append(a, b->data, b->len);
    char *path = write_temp(dir, "split.gz", a->data, a->len);
    nn_idx idx;
    nn_error err;
    if (!nn_idx_read_file(path, &idx, &err))
      g_error("%s", err.message);
    g_assert_cmpmem(idx.data, idx.size, plain->data + 8, plain->len - 8);
    nn_idx_free(&idx);
    g_unlink(path);
    g_free(path);
    g_byte_array_unref(b);
    g_byte_array_unref(a);
    straddles++;
  }
  g_assert_cmpint(straddles, >=, 2);

  char *path = write_temp(dir, "plain.idx", plain->data, plain->len);
  nn_idx idx;
  nn_error err;
  g_assert_true(nn_idx_read_file(path, &idx, &err));
  g_assert_cmpmem(idx.data, idx.size, plain->data + 8, plain->len - 8);
  nn_idx_free(&idx);

  /* A broken file's message starts with its path. */
  g_byte_array_append(plain, (const guint8 *) "!", 1);
  char *broken = write_temp(dir, "broken.idx", plain->data, plain->len);
  g_assert_false(nn_idx_read_file(broken, &idx, &err));
  char *expect = g_strdup_printf("%s: trailing data after", broken);
  g_assert_true(g_str_has_prefix(err.message, expect));
  g_free(expect);
  char *missing = g_build_filename(dir, "missing.idx", NULL);
  g_assert_false(nn_idx_read_file(missing, &idx, &err));
  g_assert_nonnull(strstr(err.message, "cannot open"));
  g_assert_false(nn_idx_read_file(dir, &idx, &err)); /* a folder */
  g_assert_true(g_str_has_prefix(err.message, dir));

  g_unlink(path);
  g_unlink(broken);
  g_rmdir(dir);
  g_free(missing);
  g_free(broken);
  g_free(path);
  g_free(dir);
  g_byte_array_unref(plain);
}

/* ---- the catalogue of broken files ---- */

static GByteArray *small_with(gsize offset, guint8 value)
{
  GByteArray *b = small_idx();
  b->data[offset] = value;
  return b;
}

static void test_idx_broken_headers(void)
{
  assert_refused((const guint8 *) "", 0, "the file is empty");
  assert_refused((const guint8 *) "\0\0\x08", 3, "too short for an IDX header: 3 bytes");
  assert_refused_bytes(small_with(0, 0x12), "not an IDX file: it starts with 0x12 0x00");
  /* Compressed, but not gzip (a zlib stream): read as plain bytes, refused by the magic. */
  GByteArray *plain = small_idx();
  guint8 zdata[128];
  uLongf zlen = sizeof zdata;
  g_assert_cmpint(compress(zdata, &zlen, plain->data, plain->len), ==, Z_OK);
  assert_refused(zdata, zlen, "not an IDX file: it starts with 0x78 0x9c");
  g_byte_array_unref(plain);
  assert_refused_bytes(small_with(1, 0x34), "not an IDX file: it starts with 0x00 0x34");
  assert_refused_bytes(small_with(2, 0x09), "IDX type 0x09 (signed byte) is not supported");
  assert_refused_bytes(small_with(2, 0x0B), "IDX type 0x0B (16-bit integer)");
  assert_refused_bytes(small_with(2, 0x0C), "IDX type 0x0C (32-bit integer)");
  assert_refused_bytes(small_with(2, 0x0D), "IDX type 0x0D (32-bit float) is not supported");
  assert_refused_bytes(small_with(2, 0x0E), "IDX type 0x0E (64-bit float)");
  assert_refused_bytes(small_with(2, 0x42), "unknown IDX type 0x42");
  assert_refused_bytes(small_with(3, 0), "IDX header has 0 dimensions");
  assert_refused_bytes(small_with(3, 5), "IDX header has 5 dimensions");
  assert_refused_bytes(small_with(3, 200), "IDX header has 200 dimensions");
  /* Each size zeroed in turn. */
  for (int d = 0; d < 3; d++) {
    GByteArray *b = small_idx();
    memset(b->data + 4 + 4 * d, 0, 4);
    char *expected = g_strdup_printf("size %d is 0", d + 1);
    assert_refused_bytes(b, expected);
    g_free(expected);
  }
  /* The sizes themselves cut short. */
  GByteArray *b = small_idx();
  assert_refused(b->data, 10, "the header is cut short: 6 of its 12 size bytes are present");
  g_byte_array_unref(b);
}

static void test_idx_sizes_against_reality(void)
{
  const guint32 mnist[3] = {60000, 28, 28};
  assert_refused_bytes(idx_bytes(3, mnist, 1200),
                       "header claims 60000 × 28 × 28 bytes but the file holds 1200");
  /* Huge claims never allocate what they claim: refused by the limit, without overflow. */
  const guint32 huge[4] = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
  assert_refused_bytes(idx_bytes(4, huge, 16), "header claims 4294967295 × 4294967295 × "
                                               "4294967295 × 4294967295 bytes, more than the "
                                               "1024 MiB limit");
  const guint32 wrap[2] = {0x10000, 0x10000}; /* 2^32: wraps a 32-bit product to 0 */
  assert_refused_bytes(idx_bytes(2, wrap, 16), "more than the 1024 MiB limit");
  const guint32 under[1] = {1u << 30}; /* exactly the limit: allowed, but the data is not there */
  assert_refused_bytes(idx_bytes(1, under, 5), "header claims 1073741824 bytes but the file "
                                               "holds 5");
  /* Too much data. */
  const guint32 two[1] = {2};
  assert_refused_bytes(idx_bytes(1, two, 3),
                       "trailing data after the 2 bytes the header announces");
}

static void test_idx_truncated_everywhere(void)
{
  GByteArray *plain = small_idx();
  for (guint len = 1; len < plain->len; len++)
    assert_refused(plain->data, len,
                   len < 4    ? "too short"
                   : len < 16 ? "the header is cut short"
                              : "holds");

  GByteArray *gz = gzip_all(plain);
  for (guint len = 2; len < gz->len; len++) {
    char *expected = g_strdup_printf("truncated gzip stream after %u bytes", len);
    assert_refused(gz->data, len, expected);
    g_free(expected);
  }
  g_byte_array_unref(gz);
  g_byte_array_unref(plain);
}

static void test_idx_corrupt_gzip(void)
{
  GByteArray *plain = small_idx();
  GByteArray *gz = gzip_all(plain);
  gsize n = gz->len;

  GByteArray *b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
  b->data[n - 8] ^= 0x55; /* the CRC-32 of the trailer */
  assert_refused_bytes(b, "gzip CRC-32 mismatch");

  b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
  b->data[n - 4] ^= 0x01; /* ISIZE */
  assert_refused_bytes(b, "gzip length (ISIZE) mismatch");

  b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
  b->data[10] = 0xFF; /* the first deflate block: BTYPE 11 is invalid */
  assert_refused_bytes(b, "corrupt gzip data at byte");

  b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
  b->data[2] = 7; /* compression method: only 8 (deflate) exists */
  assert_refused_bytes(b, "corrupt gzip data");

  /* Garbage after the stream, zero padding included (documented as refused). */
  const char *tails[] = {"garbage", "\n", "\0\0\0\0", "\x1f\x00"};
  const gsize tail_len[] = {7, 1, 4, 2};
  for (guint t = 0; t < G_N_ELEMENTS(tails); t++) {
    b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
    g_byte_array_append(b, (const guint8 *) tails[t], tail_len[t]);
    char *expected = g_strdup_printf("trailing garbage after the gzip stream at byte %zu", n);
    assert_refused_bytes(b, expected);
    g_free(expected);
  }
  /* A lone 0x1f may begin a member: then the member is cut short. */
  b = g_byte_array_new_take(g_memdup2(gz->data, n), n);
  g_byte_array_append(b, (const guint8 *) "\x1f", 1);
  assert_refused_bytes(b, "truncated gzip stream");

  /* A gzip of nothing; a gzip whose content is not IDX. */
  assert_refused_bytes(gzip_member(NULL, 0, 6), "the data is empty");
  assert_refused_bytes(gzip_member((const guint8 *) "PK\3\4 not idx", 13, 6), "not an IDX file");

  /* Claims checked against what really inflates: 1200 of 47 MB; and a small "bomb" whose
   * header claims 10^9 bytes but whose 10 MB of zeros stop short. */
  const guint32 mnist[3] = {60000, 28, 28};
  GByteArray *short_data = idx_bytes(3, mnist, 1200);
  assert_refused_bytes(gzip_all(short_data),
                       "header claims 60000 × 28 × 28 bytes but the decompressed data holds 1200");
  g_byte_array_unref(short_data);
  const guint32 bomb_dims[3] = {1000, 1000, 1000};
  GByteArray *bomb = idx_bytes(3, bomb_dims, 0);
  g_byte_array_set_size(bomb, 16 + 10000000);
  memset(bomb->data + 16, 0, 10000000);
  GByteArray *bomb_gz = gzip_all(bomb);
  g_assert_cmpuint(bomb_gz->len, <, 20000);
  assert_refused_bytes(bomb_gz, "header claims 1000 × 1000 × 1000 bytes but the decompressed "
                                "data holds 10000000");
  g_byte_array_unref(bomb);

  g_byte_array_unref(gz);
  g_byte_array_unref(plain);
}

/* ---- MNIST ---- */

static GBytes *dist_file(const char *name)
{
  const char *path = g_test_get_filename(G_TEST_DIST, "..", "resources", "data", name, NULL);
  GError *error = NULL;
  char *data;
  gsize len;
  if (!g_file_get_contents(path, &data, &len, &error))
    g_error("%s", error->message);
  return g_bytes_new_take(data, len);
}

static void load_bundled(nn_mnist *m, int side)
{
  GBytes *images = dist_file("mnist-10k-images-idx3-ubyte.gz");
  GBytes *labels = dist_file("mnist-10k-labels-idx1-ubyte.gz");
  gsize ni, nl;
  const void *di = g_bytes_get_data(images, &ni), *dl = g_bytes_get_data(labels, &nl);
  nn_error err;
  gint64 start = g_get_monotonic_time();
  if (!nn_mnist_load_memory(m, "bundled MNIST subset", di, ni, dl, nl, 8000, side, NN_MNIST_AUTO,
                            &err))
    g_error("%s", err.message);
  g_test_message("bundled MNIST at side %d loaded in %.1f ms", side,
                 (g_get_monotonic_time() - start) / 1000.0);
  g_bytes_unref(images);
  g_bytes_unref(labels);
}

static void test_mnist_bundled(void)
{
  nn_mnist m;
  load_bundled(&m, 28);
  g_assert_cmpint(m.side, ==, 28);
  g_assert_false(m.fashion);
  g_assert_cmpstr(m.source, ==, "bundled MNIST subset");
  g_assert_cmpint(m.train.n, ==, 8000);
  g_assert_cmpint(m.test.n, ==, 2000);
  g_assert_cmpint(m.train.x_ndim, ==, 3);
  g_assert_cmpint(m.train.x_shape[0], ==, 1);
  g_assert_cmpint(m.train.x_shape[1], ==, 28);
  g_assert_cmpint(m.train.x_shape[2], ==, 28);
  g_assert_cmpint(m.train.n_classes, ==, 10);
  g_assert_null(m.train.y_value);

  const int expected[10] = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
  int train_counts[10] = {0}, test_counts[10] = {0};
  nn_dataset_class_counts(&m.train, train_counts);
  nn_dataset_class_counts(&m.test, test_counts);
  for (int c = 0; c < 10; c++) {
    g_assert_cmpint(train_counts[c] + test_counts[c], ==, expected[c]);
    g_assert_cmpint(test_counts[c], >, 100); /* the shuffled order: every class in both */
    const char digit[2] = {(char) ('0' + c), '\0'};
    g_assert_cmpstr(nn_mnist_class_name(&m, c), ==, digit);
  }
  g_assert_cmpstr(nn_mnist_class_name(&m, 10), ==, "?");

  /* Pixels are exactly byte / 255 in float32 (ToTensor), in the file's order. */
  const char *path = g_test_get_filename(G_TEST_DIST, "..", "resources", "data",
                                         "mnist-10k-images-idx3-ubyte.gz", NULL);
  nn_idx raw;
  nn_error err;
  g_assert_true(nn_idx_read_file(path, &raw, &err));
  g_assert_cmpint(raw.dims[0], ==, 10000);
  for (gsize i = 0; i < raw.size; i += 997) {
    gsize sample = i / 784;
    const nn_dataset *ds = sample < 8000 ? &m.train : &m.test;
    float v = nn_dataset_sample(ds, (int) (sample % 8000))[i % 784];
    g_assert_true(v == (float) raw.data[i] / 255.0f);
  }
  nn_idx_free(&raw);
  nn_mnist_free(&m);
  g_assert_null(m.train.x);
}

static void test_mnist_bundled_16(void)
{
  nn_mnist m28, m16, derived;
  load_bundled(&m28, 28);
  load_bundled(&m16, 16);
  nn_error err;
  g_assert_true(nn_mnist_resized(&m28, 16, &derived, &err));
  g_assert_cmpint(m16.side, ==, 16);
  g_assert_cmpint(m16.train.x_shape[1], ==, 16);
  size_t bytes = sizeof(float) * 256 * (size_t) m16.train.n;
  g_assert_cmpmem(m16.train.x, bytes, derived.train.x, bytes);
  g_assert_cmpmem(m16.test.y_class, sizeof(int32_t) * 2000, m28.test.y_class,
                  sizeof(int32_t) * 2000);
  /* torch: F.interpolate(ToTensor(first 100 digits), size=(16, 16), mode='bilinear',
   * align_corners=False), summed in order in double. One ulp anywhere would show. */
  double sum = 0;
  for (size_t i = 0; i < 100 * 256; i++)
    sum += m16.train.x[i];
  g_assert_cmpfloat(sum, ==, 0x1.b58795d46c290p+11);
  float lo = 1, hi = 0;
  for (size_t i = 0; i < 256 * (size_t) m16.train.n; i++) {
    lo = MIN(lo, m16.train.x[i]);
    hi = MAX(hi, m16.train.x[i]);
  }
  g_assert_cmpfloat(lo, ==, 0.0f);
  g_assert_cmpfloat(hi, <=, 1.0f);
  g_assert_cmpfloat(hi, >, 0.9f);
  nn_mnist_free(&m28);
  nn_mnist_free(&m16);
  nn_mnist_free(&derived);
}

static void test_mnist_fashion(void)
{
  if (!g_file_test(FASHION_DIR, G_FILE_TEST_IS_DIR)) {
    g_test_fail_printf("%s is missing: install Debian's dataset-fashion-mnist package "
                       "(apt-get install dataset-fashion-mnist)",
                       FASHION_DIR);
    return;
  }
  nn_mnist m;
  nn_error err;
  gint64 start = g_get_monotonic_time();
  if (!nn_mnist_load_dir(&m, FASHION_DIR, 28, NN_MNIST_AUTO, &err))
    g_error("%s", err.message);
  g_test_message("Fashion-MNIST loaded in %.1f ms", (g_get_monotonic_time() - start) / 1000.0);
  g_assert_cmpint(m.train.n, ==, 60000);
  g_assert_cmpint(m.test.n, ==, 10000);
  g_assert_true(m.fashion);
  g_assert_cmpstr(m.source, ==, FASHION_DIR);
  g_assert_cmpstr(nn_mnist_class_name(&m, 0), ==, "T-shirt/top");
  g_assert_cmpstr(nn_mnist_class_name(&m, 9), ==, "Ankle boot");
  int train_counts[10] = {0}, test_counts[10] = {0};
  nn_dataset_class_counts(&m.train, train_counts);
  nn_dataset_class_counts(&m.test, test_counts);
  for (int c = 0; c < 10; c++) {
    g_assert_cmpint(train_counts[c], ==, 6000);
    g_assert_cmpint(test_counts[c], ==, 1000);
  }
  nn_mnist_free(&m);
}

static void copy_file(const char *from, const char *to)
{
  char *data;
  gsize len;
  g_assert_true(g_file_get_contents(from, &data, &len, NULL));
  g_assert_true(g_file_set_contents(to, data, len, NULL));
  g_free(data);
}

/* A folder with the bundled files under the standard names, plain and gzipped mixed. */
static void test_mnist_folder(void)
{
  char *dir = g_dir_make_tmp("test-mnist-XXXXXX", NULL);
  const char *data_dir = g_test_get_filename(G_TEST_DIST, "..", "resources", "data", NULL);
  char *src_images = g_build_filename(data_dir, "mnist-10k-images-idx3-ubyte.gz", NULL);
  char *src_labels = g_build_filename(data_dir, "mnist-10k-labels-idx1-ubyte.gz", NULL);
  char *files[4] = {
      g_build_filename(dir, "train-images-idx3-ubyte.gz", NULL),
      g_build_filename(dir, "train-labels-idx1-ubyte.gz", NULL),
      g_build_filename(dir, "t10k-images-idx3-ubyte.gz", NULL),
      g_build_filename(dir, "t10k-labels-idx1-ubyte", NULL), /* plain */
  };
  copy_file(src_images, files[0]);
  copy_file(src_labels, files[1]);
  copy_file(src_images, files[2]);
  nn_mnist m;
  nn_error err;
  g_assert_false(nn_mnist_load_dir(&m, dir, 28, NN_MNIST_AUTO, &err));
  char *expected = g_strdup_printf("%s: neither t10k-labels-idx1-ubyte nor "
                                   "t10k-labels-idx1-ubyte.gz is there",
                                   dir);
  g_assert_cmpstr(err.message, ==, expected);
  g_free(expected);
  g_assert_null(m.train.x);

  nn_idx labels;
  g_assert_true(nn_idx_read_file(src_labels, &labels, &err));
  GByteArray *plain = g_byte_array_new();
  g_byte_array_append(plain, (const guint8 *) "\0\0\x08\x01\0\0\x27\x10", 8);
  g_byte_array_append(plain, labels.data, labels.size);
  g_assert_true(g_file_set_contents(files[3], (const char *) plain->data, plain->len, NULL));
  g_assert_true(nn_mnist_load_dir(&m, dir, 28, NN_MNIST_AUTO, &err));
  g_assert_cmpint(m.train.n, ==, 10000);
  g_assert_cmpint(m.test.n, ==, 10000);
  g_assert_false(m.fashion);
  g_assert_cmpmem(m.train.y_class, 40000, m.test.y_class, 40000);
  nn_mnist_free(&m);
  /* The caller decides when the folder's name cannot. */
  g_assert_true(nn_mnist_load_dir(&m, dir, 16, NN_MNIST_FASHION, &err));
  g_assert_true(m.fashion);
  g_assert_cmpint(m.side, ==, 16);
  g_assert_cmpstr(nn_mnist_class_name(&m, 8), ==, "Bag");
  nn_mnist_free(&m);

  /* A broken label in the plain file: its path and the index are named. */
  plain->data[8 + 4321] = 10;
  g_assert_true(g_file_set_contents(files[3], (const char *) plain->data, plain->len, NULL));
  g_assert_false(nn_mnist_load_dir(&m, dir, 28, NN_MNIST_AUTO, &err));
  expected = g_strdup_printf("%s: label 10 at index 4321 is outside 0..9", files[3]);
  g_assert_cmpstr(err.message, ==, expected);
  g_free(expected);

  for (int i = 0; i < 4; i++) {
    g_unlink(files[i]);
    g_free(files[i]);
  }
  g_rmdir(dir);
  g_byte_array_unref(plain);
  nn_idx_free(&labels);
  g_free(src_images);
  g_free(src_labels);
  g_free(dir);
}

/* Expects nn_mnist_load_memory to refuse the pair with this message. */
static void assert_mnist_refused(GByteArray *images, GByteArray *labels, int n_train,
                                 const char *expected)
{
  nn_mnist m;
  nn_error err = {{0}};
  GByteArray *gz = gzip_all(images);
  g_assert_false(nn_mnist_load_memory(&m, "test", gz->data, gz->len, labels->data, labels->len,
                                      n_train, 28, NN_MNIST_AUTO, &err));
  if (!strstr(err.message, expected))
    g_error("message \"%s\" lacks \"%s\"", err.message, expected);
  g_assert_null(m.train.x);
  g_assert_null(m.test.x);
  g_byte_array_unref(gz);
  g_byte_array_unref(images);
  g_byte_array_unref(labels);
}

static GByteArray *labels_of(int n)
{
  const guint32 dims[1] = {(guint32) n};
  GByteArray *b = idx_bytes(1, dims, 0);
  for (int i = 0; i < n; i++) {
    guint8 v = (guint8) (i % 10);
    g_byte_array_append(b, &v, 1);
  }
  return b;
}

static void test_mnist_broken_pairs(void)
{
  const guint32 five[3] = {5, 28, 28}, flat[2] = {5, 784}, small[3] = {5, 20, 20};
  const guint32 labels2d[2] = {5, 1};
  assert_mnist_refused(idx_bytes(2, flat, 5 * 784), labels_of(5), 3,
                       "test images: images need 3 dimensions (N × 28 × 28), the file has 2");
  assert_mnist_refused(idx_bytes(3, small, 5 * 400), labels_of(5), 3,
                       "test images: images are 20 × 20 pixels, expected 28 × 28");
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), idx_bytes(2, labels2d, 5), 3,
                       "test labels: labels need 1 dimension, the file has 2");
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), labels_of(4), 3,
                       "test images: images hold 5 samples but labels 4 (test labels)");
  GByteArray *bad = labels_of(5);
  bad->data[8 + 3] = 10;
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), bad, 3,
                       "test labels: label 10 at index 3 is outside 0..9");
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), labels_of(5), 5,
                       "test: cannot split 5 samples into 5 for training");
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), labels_of(5), 0,
                       "test: cannot split 5 samples into 0 for training");
  GByteArray *cut = labels_of(5);
  g_byte_array_set_size(cut, cut->len - 1);
  assert_mnist_refused(idx_bytes(3, five, 5 * 784), cut, 3,
                       "test labels: header claims 5 bytes but the file holds 4");
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/idx/small-plain-and-gzip", test_idx_small_plain_and_gzip);
  g_test_add_func("/idx/concatenated-members", test_idx_concatenated_members);
  g_test_add_func("/idx/file-reads-match-memory", test_idx_file_reads_match_memory);
  g_test_add_func("/idx/broken-headers", test_idx_broken_headers);
  g_test_add_func("/idx/sizes-against-reality", test_idx_sizes_against_reality);
  g_test_add_func("/idx/truncated-everywhere", test_idx_truncated_everywhere);
  g_test_add_func("/idx/corrupt-gzip", test_idx_corrupt_gzip);
  g_test_add_func("/mnist/bundled", test_mnist_bundled);
  g_test_add_func("/mnist/bundled-16", test_mnist_bundled_16);
  g_test_add_func("/mnist/fashion", test_mnist_fashion);
  g_test_add_func("/mnist/folder", test_mnist_folder);
  g_test_add_func("/mnist/broken-pairs", test_mnist_broken_pairs);
  return g_test_run();
}
