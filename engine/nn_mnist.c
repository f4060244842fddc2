#include "nn_mnist.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "nn_idx.h"
#include "nn_image.h"

#define MNIST_SIDE    28
#define MNIST_CLASSES 10
#define MAX_SIDE      112

static const char *const digit_names[MNIST_CLASSES] = {"0", "1", "2", "3", "4",
                                                       "5", "6", "7", "8", "9"};
/* torchvision.datasets.FashionMNIST.classes */
static const char *const fashion_names[MNIST_CLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

/* The data sets carry the name of their classes (nn_dataset.class_set). */
static void set_class_set(nn_mnist *m)
{
  m->train.class_set = m->test.class_set = m->fashion ? "fashion" : "digits";
}

const char *nn_mnist_class_name(const nn_mnist *m, int c)
{
  if (c < 0 || c >= MNIST_CLASSES)
    return "?";
  return m->fashion ? fashion_names[c] : digit_names[c];
}

static bool mentions_fashion(const char *text)
{
  static const char word[] = "fashion";
  for (; *text; text++) {
    size_t i = 0;
    while (word[i] && tolower((unsigned char) text[i]) == word[i])
      i++;
    if (!word[i])
      return true;
  }
  return false;
}

static bool is_fashion(nn_mnist_kind kind, const char *where)
{
  return kind == NN_MNIST_FASHION || (kind == NN_MNIST_AUTO && mentions_fashion(where));
}

/* ---- checks ---- */

static bool check_images(const nn_idx *images, const char *name, nn_error *err)
{
  if (images->ndim != 3)
    return nn_fail(err, "%s: images need 3 dimensions (N × 28 × 28), the file has %d", name,
                   images->ndim);
  if (images->dims[1] != MNIST_SIDE || images->dims[2] != MNIST_SIDE)
    return nn_fail(err, "%s: images are %d × %d pixels, expected 28 × 28", name, images->dims[1],
                   images->dims[2]);
  return true;
}

static bool check_labels(const nn_idx *labels, const char *name, nn_error *err)
{
  if (labels->ndim != 1)
    return nn_fail(err, "%s: labels need 1 dimension, the file has %d", name, labels->ndim);
  for (size_t i = 0; i < labels->size; i++)
    if (labels->data[i] >= MNIST_CLASSES)
      return nn_fail(err, "%s: label %d at index %zu is outside 0..9", name, labels->data[i], i);
  return true;
}

static bool check_pair(const nn_idx *images, const char *images_name, const nn_idx *labels,
                       const char *labels_name, nn_error *err)
{
  if (!check_images(images, images_name, err) || !check_labels(labels, labels_name, err))
    return false;
  if (images->dims[0] != labels->dims[0])
    return nn_fail(err, "%s: images hold %d samples but labels %d (%s)", images_name,
                   images->dims[0], labels->dims[0], labels_name);
  return true;
}

/* ---- conversion ---- */

/* Samples [first, first + count) as floats byte / 255 (torchvision's ToTensor divides in
 * float32: the table holds exactly those values), resized when side ≠ 28. */
static bool fill_split(nn_dataset *ds, const nn_idx *images, const nn_idx *labels, int first,
                       int count, int side, nn_error *err)
{
  const int shape[3] = {1, side, side};
  if (!nn_dataset_alloc(ds, count, 3, shape, true, 0, MNIST_CLASSES, err))
    return false;
  float table[256];
  for (int b = 0; b < 256; b++)
    table[b] = (float) b / 255.0f;
  const size_t pixels = MNIST_SIDE * MNIST_SIDE;
  float full[MNIST_SIDE * MNIST_SIDE];
  for (int i = 0; i < count; i++) {
    const unsigned char *src = images->data + (size_t) (first + i) * pixels;
    float *dst = nn_dataset_sample(ds, i);
    float *to = side == MNIST_SIDE ? dst : full;
    for (size_t p = 0; p < pixels; p++)
      to[p] = table[src[p]];
    if (side != MNIST_SIDE)
      nn_resize_bilinear(full, MNIST_SIDE, MNIST_SIDE, dst, side, side);
    ds->y_class[i] = labels->data[first + i];
  }
  return true;
}

static bool check_side(int side, nn_error *err)
{
  if (side < 1 || side > MAX_SIDE)
    return nn_fail(err, "MNIST: image side %d is outside 1..%d", side, MAX_SIDE);
  return true;
}

/* ---- from memory ---- */

bool nn_mnist_load_memory(nn_mnist *m, const char *name, const void *images, size_t images_size,
                          const void *labels, size_t labels_size, int n_train, int side,
                          nn_mnist_kind kind, nn_error *err)
{
  memset(m, 0, sizeof *m);
  if (!check_side(side, err))
    return false;
  char images_name[300], labels_name[300];
  snprintf(images_name, sizeof images_name, "%s images", name);
  snprintf(labels_name, sizeof labels_name, "%s labels", name);
  nn_idx im = {0}, lb = {0};
  bool ok = nn_idx_read_memory(images, images_size, images_name, &im, err) &&
            nn_idx_read_memory(labels, labels_size, labels_name, &lb, err) &&
            check_pair(&im, images_name, &lb, labels_name, err);
  int n = im.dims[0];
  if (ok && (n_train < 1 || n_train >= n))
    ok = nn_fail(err, "%s: cannot split %d samples into %d for training and the rest for testing",
                 name, n, n_train);
  ok = ok && fill_split(&m->train, &im, &lb, 0, n_train, side, err) &&
       fill_split(&m->test, &im, &lb, n_train, n - n_train, side, err);
  nn_idx_free(&im);
  nn_idx_free(&lb);
  if (!ok) {
    nn_mnist_free(m);
    return false;
  }
  m->side = side;
  m->fashion = is_fashion(kind, name);
  set_class_set(m);
  snprintf(m->source, sizeof m->source, "%s", name);
  return true;
}

/* ---- from a folder ---- */

/* dir/base, or dir/base.gz when only that exists. */
static bool find_file(const char *dir, const char *base, char *path, size_t size, nn_error *err)
{
  struct stat st;
  int n = snprintf(path, size, "%s/%s", dir, base);
  if (n < 0 || (size_t) n + 3 >= size)
    return nn_fail(err, "%s: the path is too long", dir);
  if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
    return true;
  strcat(path, ".gz");
  if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
    return true;
  return nn_fail(err, "%s: neither %s nor %s.gz is there", dir, base, base);
}

/* Reads one images/labels pair of the folder (prefix "train" or "t10k") into ds. */
static bool load_split(const char *dir, const char *prefix, int side, nn_dataset *ds, nn_error *err)
{
  char images_base[64], labels_base[64], images_path[4096], labels_path[4096];
  snprintf(images_base, sizeof images_base, "%s-images-idx3-ubyte", prefix);
  snprintf(labels_base, sizeof labels_base, "%s-labels-idx1-ubyte", prefix);
  if (!find_file(dir, images_base, images_path, sizeof images_path, err) ||
      !find_file(dir, labels_base, labels_path, sizeof labels_path, err))
    return false;
  nn_idx im = {0}, lb = {0};
  bool ok = nn_idx_read_file(images_path, &im, err) && nn_idx_read_file(labels_path, &lb, err) &&
            check_pair(&im, images_path, &lb, labels_path, err) &&
            fill_split(ds, &im, &lb, 0, im.dims[0], side, err);
  nn_idx_free(&im);
  nn_idx_free(&lb);
  return ok;
}

bool nn_mnist_load_dir(nn_mnist *m, const char *dir, int side, nn_mnist_kind kind, nn_error *err)
{
  memset(m, 0, sizeof *m);
  if (!check_side(side, err))
    return false;
  if (!load_split(dir, "train", side, &m->train, err) ||
      !load_split(dir, "t10k", side, &m->test, err)) {
    nn_mnist_free(m);
    return false;
  }
  m->side = side;
  m->fashion = is_fashion(kind, dir);
  set_class_set(m);
  snprintf(m->source, sizeof m->source, "%s", dir);
  return true;
}

/* ---- resizing and freeing ---- */

static bool resize_split(const nn_dataset *src, int from, int side, nn_dataset *dst, nn_error *err)
{
  const int shape[3] = {1, side, side};
  if (!nn_dataset_alloc(dst, src->n, 3, shape, true, 0, src->n_classes, err))
    return false;
  for (int i = 0; i < src->n; i++) {
    nn_resize_bilinear(nn_dataset_sample(src, i), from, from, nn_dataset_sample(dst, i), side,
                       side);
    dst->y_class[i] = src->y_class[i];
  }
  return true;
}

bool nn_mnist_resized(const nn_mnist *src, int side, nn_mnist *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  if (!check_side(side, err))
    return false;
  if (!resize_split(&src->train, src->side, side, &out->train, err) ||
      !resize_split(&src->test, src->side, side, &out->test, err)) {
    nn_mnist_free(out);
    return false;
  }
  out->side = side;
  out->fashion = src->fashion;
  set_class_set(out);
  memcpy(out->source, src->source, sizeof out->source);
  return true;
}

void nn_mnist_free(nn_mnist *m)
{
  nn_dataset_free(&m->train);
  nn_dataset_free(&m->test);
  memset(m, 0, sizeof *m);
}
