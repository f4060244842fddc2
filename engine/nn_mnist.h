/* nn_mnist.h — MNIST-format image sets (MNIST, Fashion-MNIST) as train and test data sets.
 *
 * The bundled default is a 10,000-digit subset (first 8,000 train, last 2,000 test) that the
 * programs carry in their GResource; the engine never sees GResource: the host hands the four
 * gzipped IDX buffers (or a folder's files) to these functions. A folder holds the four
 * standard files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
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

/* "0".."9" for digits; "T-shirt/top", "Trouser", … for Fashion-MNIST. */
const char *nn_mnist_class_name(const nn_mnist *m, int c);

#endif
