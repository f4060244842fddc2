/* nn_tensor.h — float32, contiguous, row-major tensors of up to four dimensions (N, C, H, W).
 *
 * A tensor either owns its data (made by nn_tensor_alloc, freed by nn_tensor_free) or is a view
 * on memory owned by something else (a model's parameter block, a data set): views are never
 * freed through the tensor. Shapes are checked by nn_tensor_check_shape, which fails with a
 * message naming the tensor, the expected and the actual shape.
 */
#ifndef NN_TENSOR_H
#define NN_TENSOR_H

#include "nn_base.h"

#define NN_MAX_DIMS 4

typedef struct nn_tensor {
  int ndim;
  int shape[NN_MAX_DIMS];
  float *data;
  bool owns_data;
} nn_tensor;

/* Number of elements: the product of the shape (1 for a scalar, ndim 0). */
size_t nn_tensor_numel(const nn_tensor *t);
size_t nn_shape_numel(int ndim, const int *shape);

/* Allocates a zeroed tensor of the given shape. Fails on non-positive or overflowing sizes. */
bool nn_tensor_alloc(nn_tensor *t, int ndim, const int *shape, nn_error *err);
/* A non-owning view of `data` with the given shape. */
nn_tensor nn_tensor_view(float *data, int ndim, const int *shape);
void nn_tensor_free(nn_tensor *t);

/* True when `t` has exactly this shape; otherwise a message like
 * "input: expected shape (100, 784), got (100, 28, 28)". */
bool nn_tensor_check_shape(const nn_tensor *t, int ndim, const int *shape, const char *what,
                           nn_error *err);
/* Writes "(100, 1, 28, 28)" into buf. */
void nn_shape_format(int ndim, const int *shape, char *buf, size_t size);

/* A model parameter: its PyTorch state_dict name, value and gradient (same shape). Both are
 * views into the model's contiguous parameter and gradient blocks. */
typedef struct nn_param {
  char name[64];
  nn_tensor value;
  nn_tensor grad;
} nn_param;

#endif
