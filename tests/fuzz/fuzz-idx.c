/* Fuzzes the IDX reader from memory: plain and gzipped input, every header field, inflate.
 * A success must be self-consistent (sizes multiply to the data length, every byte readable);
 * a failure must say why, naming the input. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nn_idx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile unsigned sink; /* reading every byte lets ASan check the buffer's extent */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nn_idx idx;
  nn_error err = {{0}};
  if (nn_idx_read_memory(data, size, "fuzz", &idx, &err)) {
    size_t product = 1;
    for (int i = 0; i < idx.ndim; i++)
      product *= (size_t) idx.dims[i];
    if (idx.ndim < 1 || idx.ndim > NN_IDX_MAX_DIMS || product != idx.size ||
        idx.size > NN_IDX_MAX_BYTES)
      __builtin_trap();
    for (size_t i = 0; i < idx.size; i++)
      sink += idx.data[i];
    nn_idx_free(&idx);
  } else if (strncmp(err.message, "fuzz: ", 6) != 0 || err.message[6] == '\0' || idx.data != NULL) {
    __builtin_trap();
  }
  return 0;
}
