/* A model's state_dict through safetensors (nn_model_io.c): round trips of an MLP and of a CNN
 * with BatchNorm (int64 num_batches_tracked included), and strict loading that names the
 * offending tensor and leaves the model untouched. Needs nn_model.c. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nn_init.h"
#include "nn_safetensors.h"

static nn_model *build(const nn_layer_spec *layers, int n, int in_ndim, const int *in_shape,
                       uint64_t seed)
{
  nn_error err = {{0}};
  nn_model *m = nn_model_new(in_ndim, in_shape, layers, n, &err);
  if (!m)
    g_error("nn_model_new: %s", err.message);
  nn_rng rng;
  nn_rng_seed(&rng, seed, 0);
  nn_init_default(m, &rng);
  return m;
}

static size_t entry_bytes(const nn_state_entry *e)
{
  return nn_shape_numel(e->ndim, e->shape) * (e->dtype == NN_I64 ? 8 : 4);
}

/* Every state entry of a and b holds the same bytes. */
static gboolean same_state(const nn_model *a, const nn_model *b)
{
  g_assert_cmpint(nn_model_n_state(a), ==, nn_model_n_state(b));
  for (int i = 0; i < nn_model_n_state(a); i++) {
    nn_state_entry x = nn_model_state(a, i), y = nn_model_state(b, i);
    g_assert_cmpstr(x.name, ==, y.name);
    if (memcmp(x.data, y.data, entry_bytes(&x)) != 0)
      return FALSE;
  }
  return TRUE;
}

/* A copy of every state entry, to see that a failed load changed nothing. */
static GBytes *state_bytes(const nn_model *m)
{
  GByteArray *b = g_byte_array_new();
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    g_byte_array_append(b, e.data, (guint) entry_bytes(&e));
  }
  return g_byte_array_free_to_bytes(b);
}

typedef struct fixture {
  char *dir, *path;
} fixture;

static void fixture_set_up(fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp("test-model-io-XXXXXX", NULL);
  g_assert_nonnull(f->dir);
  f->path = g_build_filename(f->dir, "model.safetensors", NULL);
}

static void fixture_tear_down(fixture *f, gconstpointer data)
{
  g_unlink(f->path);
  g_rmdir(f->dir);
  g_free(f->path);
  g_free(f->dir);
}

/* Linear(4, 3), ReLU, Linear(3, 2): an array initialiser (the macros are compound literals,
 * which C11 allows in automatic arrays only). */
#define MLP_LAYERS                                                                                 \
  {                                                                                                \
    NN_LAYER_LINEAR(3), NN_LAYER_RELU, NN_LAYER_LINEAR(2)                                          \
  }

static void test_mlp_round_trip(fixture *f, gconstpointer data)
{
  const nn_layer_spec mlp[] = MLP_LAYERS;
  nn_model *a = build(mlp, 3, 1, (int[]){4}, 1), *b = build(mlp, 3, 1, (int[]){4}, 2);
  g_assert_false(same_state(a, b));
  nn_error err = {{0}};
  const nn_st_meta meta[] = {{"lesson", "l04"}, {"hidden", "3"}};
  g_assert_true(nn_model_save(a, f->path, meta, 2, &err));

  nn_st_file file;
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  g_assert_cmpint(file.n_tensors, ==, 4);
  g_assert_cmpstr(nn_st_meta_get(&file, "hidden"), ==, "3");
  const nn_st_tensor *w = nn_st_find(&file, "2.weight");
  g_assert_nonnull(w);
  g_assert_cmpint(w->shape[0], ==, 2);
  g_assert_cmpint(w->shape[1], ==, 3);
  g_assert_true(nn_model_load(b, &file, &err));
  g_assert_true(same_state(a, b));
  nn_st_file_free(&file);
  nn_model_free(a);
  nn_model_free(b);
}

static void test_cnn_batchnorm_round_trip(fixture *f, gconstpointer data)
{
  const nn_layer_spec cnn[] = {
      NN_LAYER_CONV(3, 3, 1, 1), NN_LAYER_BN2D,      NN_LAYER_RELU, NN_LAYER_MAXPOOL(2, 0),
      NN_LAYER_FLATTEN,          NN_LAYER_LINEAR(4), NN_LAYER_BN1D};
  const int in[3] = {1, 6, 6};
  nn_model *a = build(cnn, 7, 3, in, 3), *b = build(cnn, 7, 3, in, 4);
  /* Running statistics as training would leave them, and a count beyond 32 bits. */
  for (int i = 0; i < nn_model_n_state(a); i++) {
    nn_state_entry e = nn_model_state(a, i);
    if (e.dtype == NN_I64) {
      *(int64_t *) e.data = 12345678901LL;
    } else if (!e.trainable) {
      for (size_t k = 0; k < nn_shape_numel(e.ndim, e.shape); k++)
        ((float *) e.data)[k] = 0.5f + (float) k;
    }
  }
  nn_error err = {{0}};
  g_assert_true(nn_model_save(a, f->path, NULL, 0, &err));
  nn_st_file file;
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  /* conv w, b; bn w, b, mean, var, count; linear w, b; bn1d w, b, mean, var, count */
  g_assert_cmpint(file.n_tensors, ==, 14);
  const nn_st_tensor *count = nn_st_find(&file, "1.num_batches_tracked");
  g_assert_nonnull(count);
  g_assert_cmpint(count->dtype, ==, NN_I64);
  g_assert_cmpint(count->ndim, ==, 0);
  g_assert_nonnull(nn_st_find(&file, "6.running_var"));
  g_assert_true(nn_model_load(b, &file, &err));
  g_assert_true(same_state(a, b));
  nn_st_file_free(&file);
  nn_model_free(a);
  nn_model_free(b);
}

/* Loading `file` into m fails with `expected` in the message and changes nothing. */
static void expect_load_refused(nn_model *m, const nn_st_file *file, const char *expected)
{
  GBytes *before = state_bytes(m);
  nn_error err = {{0}};
  g_assert_false(nn_model_load(m, file, &err));
  if (!strstr(err.message, expected))
    g_error("message \"%s\" lacks \"%s\"", err.message, expected);
  GBytes *after = state_bytes(m);
  g_assert_true(g_bytes_equal(before, after));
  g_bytes_unref(before);
  g_bytes_unref(after);
}

static void test_strict_load(fixture *f, gconstpointer data)
{
  nn_error err = {{0}};
  nn_st_file file;
  const nn_layer_spec mlp[] = MLP_LAYERS;
  nn_model *m = build(mlp, 3, 1, (int[]){4}, 5);

  /* Wrong names: without the ReLU the second Linear is layer 1, not 2. */
  const nn_layer_spec no_relu[] = {NN_LAYER_LINEAR(3), NN_LAYER_LINEAR(2)};
  nn_model *other = build(no_relu, 2, 1, (int[]){4}, 6);
  g_assert_true(nn_model_save(other, f->path, NULL, 0, &err));
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  expect_load_refused(m, &file, "tensor '2.weight' is missing from the file");
  nn_st_file_free(&file);
  nn_model_free(other);

  /* Wrong shape: five hidden neurons instead of three. */
  const nn_layer_spec wider[] = {NN_LAYER_LINEAR(5), NN_LAYER_RELU, NN_LAYER_LINEAR(2)};
  other = build(wider, 3, 1, (int[]){4}, 7);
  g_assert_true(nn_model_save(other, f->path, NULL, 0, &err));
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  expect_load_refused(m, &file,
                      "tensor '0.weight' has shape (5, 4) in the file; the model "
                      "needs (3, 4)");
  nn_st_file_free(&file);
  nn_model_free(other);

  /* Wrong dtype and an extra tensor, written by hand from m's own entries. */
  nn_st_tensor t[5];
  for (int i = 0; i < 4; i++) {
    nn_state_entry e = nn_model_state(m, i);
    t[i] =
        (nn_st_tensor){.dtype = e.dtype, .ndim = e.ndim, .data = e.data, .nbytes = entry_bytes(&e)};
    g_strlcpy(t[i].name, e.name, sizeof t[i].name);
    for (int d = 0; d < e.ndim; d++)
      t[i].shape[d] = e.shape[d];
  }
  int64_t ints[3] = {1, 2, 3};
  nn_st_tensor as_i64 = {.name = "0.bias",
                         .dtype = NN_I64,
                         .ndim = 1,
                         .shape = {3},
                         .data = ints,
                         .nbytes = sizeof ints};
  nn_st_tensor wrong_dtype[4] = {t[0], as_i64, t[2], t[3]};
  g_assert_true(nn_st_write_file(f->path, wrong_dtype, 4, NULL, 0, &err));
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  expect_load_refused(m, &file, "tensor '0.bias' is I64 in the file; the model needs F32");
  nn_st_file_free(&file);

  float extra_value = 1.0f;
  t[4] = (nn_st_tensor){.name = "3.weight",
                        .dtype = NN_F32,
                        .ndim = 1,
                        .shape = {1},
                        .data = &extra_value,
                        .nbytes = 4};
  g_assert_true(nn_st_write_file(f->path, t, 5, NULL, 0, &err));
  g_assert_true(nn_st_read_file(f->path, &file, &err));
  expect_load_refused(m, &file, "tensor '3.weight' in the file is not part of the model");
  nn_st_file_free(&file);

  /* Saving into a folder that does not exist fails with the reason. */
  g_assert_false(nn_model_save(m, "/nonexistent-folder/m.safetensors", NULL, 0, &err));
  g_assert_nonnull(strstr(err.message, "No such file or directory"));
  nn_model_free(m);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add("/model-io/mlp", fixture, NULL, fixture_set_up, test_mlp_round_trip,
             fixture_tear_down);
  g_test_add("/model-io/cnn-batchnorm", fixture, NULL, fixture_set_up,
             test_cnn_batchnorm_round_trip, fixture_tear_down);
  g_test_add("/model-io/strict", fixture, NULL, fixture_set_up, test_strict_load,
             fixture_tear_down);
  return g_test_run();
}
