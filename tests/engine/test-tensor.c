/* Tensors: allocation checks, shape checks with messages, data set views. */
#include <glib.h>
#include <string.h>

#include "nn_dataset.h"
#include "nn_tensor.h"

static void test_tensor_alloc_and_check(void)
{
  nn_tensor t;
  nn_error err = {{0}};
  g_assert_true(nn_tensor_alloc(&t, 4, (int[]){2, 1, 28, 28}, &err));
  g_assert_cmpuint(nn_tensor_numel(&t), ==, 2 * 28 * 28);
  for (size_t i = 0; i < nn_tensor_numel(&t); i++)
    g_assert_cmpfloat(t.data[i], ==, 0.0f);
  g_assert_true(nn_tensor_check_shape(&t, 4, (int[]){2, 1, 28, 28}, "input", &err));
  g_assert_false(nn_tensor_check_shape(&t, 2, (int[]){2, 784}, "input", &err));
  g_assert_cmpstr(err.message, ==, "input: expected shape (2, 784), got (2, 1, 28, 28)");
  nn_tensor_free(&t);
}

static void test_tensor_refuses_bad_shapes(void)
{
  nn_tensor t;
  nn_error err = {{0}};
  g_assert_false(nn_tensor_alloc(&t, 2, (int[]){3, 0}, &err));
  g_assert_nonnull(strstr(err.message, "dimension 1 has size 0"));
  g_assert_false(nn_tensor_alloc(&t, 5, (int[]){1, 1, 1, 1, 1}, &err));
  g_assert_nonnull(strstr(err.message, "at most 4"));
  g_assert_false(nn_tensor_alloc(&t, 4, (int[]){1 << 30, 1 << 30, 1 << 30, 1 << 30}, &err));
  g_assert_nonnull(strstr(err.message, "overflow"));
}

static void test_dataset_views(void)
{
  nn_dataset ds, view, flat;
  nn_error err = {{0}};
  g_assert_true(nn_dataset_alloc(&ds, 10, 3, (int[]){1, 2, 2}, true, 0, 3, &err));
  for (int i = 0; i < 10; i++) {
    ds.y_class[i] = i % 3;
    for (int k = 0; k < 4; k++)
      nn_dataset_sample(&ds, i)[k] = (float) (i * 10 + k);
  }
  view = nn_dataset_view(&ds, 4, 3);
  g_assert_cmpint(view.n, ==, 3);
  g_assert_cmpfloat(view.x[0], ==, 40.0f);
  g_assert_cmpint(view.y_class[0], ==, 1);
  g_assert_true(nn_dataset_reshape(&ds, 1, (int[]){4}, &flat, &err));
  g_assert_false(nn_dataset_reshape(&ds, 1, (int[]){5}, &flat, &err));

  int32_t index[2] = {9, 2};
  float x[8];
  int32_t y[2];
  nn_dataset_gather(&ds, index, 2, x, y, NULL);
  g_assert_cmpfloat(x[0], ==, 90.0f);
  g_assert_cmpfloat(x[7], ==, 23.0f);
  g_assert_cmpint(y[0], ==, 0);
  g_assert_cmpint(y[1], ==, 2);

  int counts[3];
  nn_dataset_class_counts(&ds, counts);
  g_assert_cmpint(counts[0], ==, 4);
  g_assert_cmpint(counts[1], ==, 3);
  g_assert_cmpint(counts[2], ==, 3);
  nn_dataset_free(&view); /* a view frees nothing */
  nn_dataset_free(&ds);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/tensor/alloc-and-check", test_tensor_alloc_and_check);
  g_test_add_func("/tensor/bad-shapes", test_tensor_refuses_bad_shapes);
  g_test_add_func("/dataset/views", test_dataset_views);
  return g_test_run();
}
