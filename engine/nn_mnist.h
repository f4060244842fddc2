/* nn_mnist.h — MNIST-format image sets (MNIST, Fashion-MNIST) as train and test data sets.
 *
 * The bundled default is a 10,000-digit subset (first 8,000 train, last 2,000 test) that the
 * programs carry in their GResource; the engine never sees GResource: the host hands the two
 * gzipped IDX buffers (images, labels) or a folder's path to these functions. A folder holds the
 * four standard files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
 * t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]).
 *
 * Pixels become floats in [0, 1] (byte / 255, as torchvision's ToTensor). Samples have the
 * shape (1, side, side); a lesson with a Linear input views them as (side·side) with
 * nn_dataset_reshape. side 16 is the bilinear 28 → 16 resize of lessons 24–25, exactly as
 * torch.nn.functional.interpolate(mode='bilinear', align_corners=False).
 *
 * An nn_mnist is immutable once made and may be shared by any number of threads.
 */
#ifndef NN_MNIST_H
#define NN_MNIST_H

#include "nn_dataset.h"

typedef struct nn_mnist {
  int side;         /* 28, or 16 when resized */
  nn_dataset train; /* x (1, side, side) in [0, 1]; y_class 0..9; n_classes 10 */
  nn_dataset test;
  bool fashion;     /* Fashion-MNIST: the classes are clothes (see nn_mnist_class_name) */
  char source[256]; /* in words: "bundled MNIST subset" or the folder's path */
} nn_mnist;

/* Which classes the images show. AUTO: Fashion-MNIST when the folder's path (or the memory
 * set's name) contains "fashion" in any case — Debian's dataset-fashion-mnist installs to
 * /usr/share/datasets/fashion-mnist, torchvision downloads to …/FashionMNIST/raw — and digits
 * otherwise. The IDX files themselves cannot tell: both sets are 28×28 bytes with labels 0..9. */
typedef enum nn_mnist_kind {
  NN_MNIST_AUTO,
  NN_MNIST_DIGITS,
  NN_MNIST_FASHION,
} nn_mnist_kind;

/* Loads the four standard files of `dir` (each plain or .gz; the plain one is used when both
 * exist): train from train-*, test from t10k-*. side 28, or another side (16 for lessons
 * 24–25) to resize every image bilinearly. Checks each file (see nn_idx.h), then: images 3-D
 * of N × 28 × 28, labels 1-D, equal counts, labels 0..9. On failure `m` is left empty. */
bool nn_mnist_load_dir(nn_mnist *m, const char *dir, int side, nn_mnist_kind kind, nn_error *err);

/* Loads one images file and one labels file from memory (the bundled subset the host reads
 * from its GResource: 10,000 gzipped digits), split into the first n_train samples for
 * training and the rest for testing (the app: 8,000 / 2,000). `name` starts messages and
 * becomes m->source ("bundled MNIST subset"). The buffers are not kept. */
bool nn_mnist_load_memory(nn_mnist *m, const char *name, const void *images, size_t images_size,
                          const void *labels, size_t labels_size, int n_train, int side,
                          nn_mnist_kind kind, nn_error *err);

/* A copy of `src` with every image resized bilinearly to side × side (src is usually side 28:
 * load once, derive lessons 24–25's 16×16 from it). */
bool nn_mnist_resized(const nn_mnist *src, int side, nn_mnist *out, nn_error *err);

void nn_mnist_free(nn_mnist *m);

/* "0".."9" for digits; "T-shirt/top", "Trouser", … for Fashion-MNIST (torchvision's names);
 * "?" outside 0..9. */
const char *nn_mnist_class_name(const nn_mnist *m, int c);

#endif
