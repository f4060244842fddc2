/* nn_safetensors_private.h — helpers shared by the safetensors reader, writer and model I/O. */
#ifndef NN_SAFETENSORS_PRIVATE_H
#define NN_SAFETENSORS_PRIVATE_H

#include "nn_safetensors.h"

/* Largest JSON header read (the reference implementation allows 100 MB). */
#define NN_ST_MAX_HEADER (16 << 20)

/* "F32" / "I64", and their sizes in bytes. */
const char *nn_st_dtype_name(nn_dtype dtype);
size_t nn_st_dtype_size(nn_dtype dtype);
/* Bytes of a tensor of this shape and dtype; false when a dimension is negative or the product
 * overflows. */
bool nn_st_tensor_bytes(int ndim, const int64_t *shape, nn_dtype dtype, size_t *out);
/* A string that appears twice among names (n), or NULL. Sorts a copy of the pointers:
 * O(n log n). *failed is set when the copy cannot be allocated (a message is in err). */
const char *nn_st_duplicate(const char *const *names, int n, bool *failed, nn_error *err);

#endif
