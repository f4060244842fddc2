/* nn_idx.h — the IDX format of MNIST, read with every field checked.
 *
 * An IDX file is: 0x00 0x00 TYPE NDIM, then NDIM big-endian u32 sizes, then the data, row-major.
 * Only TYPE 0x08 (unsigned byte, what MNIST and Fashion-MNIST use) is accepted; the other IDX
 * types (0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double) are refused by name.
 *
 * The input may be plain or gzipped; gzip is recognised by its magic bytes (1f 8b), not by the
 * file name. A gzip file may hold several concatenated members (RFC 1952 §2.2): like gzip(1),
 * zlib's gzread and Python's gzip module, they are read as one stream. Anything else after the
 * last member (zero padding included), and any byte after the data the header announces, is
 * refused as trailing garbage. Each member's CRC-32 and length (ISIZE) are checked.
 *
 * Checked, each with its own message naming the file: the two zero bytes of the magic, the
 * type, 1 ≤ NDIM ≤ 4, every size ≥ 1, overflow of the size product, a total above
 * NN_IDX_MAX_BYTES, the sizes against the bytes really present, truncated or corrupt gzip
 * streams, CRC and length mismatches, trailing data. Memory grows only with bytes that really
 * arrive (capped by the header's product once that is checked against the limit), so a corrupt
 * header claiming 4 GiB never allocates 4 GiB, and a small gzip "bomb" never inflates past the
 * limit.
 */
#ifndef NN_IDX_H
#define NN_IDX_H

#include "nn_base.h"

/* The largest data part accepted: 1 GiB (full MNIST is 47 MB; EMNIST byclass 550 MB). */
#define NN_IDX_MAX_BYTES ((size_t) 1 << 30)
#define NN_IDX_MAX_DIMS  4

typedef struct nn_idx {
  int ndim;                  /* 1..4 */
  int dims[NN_IDX_MAX_DIMS]; /* each ≥ 1; dims[0] is the sample count */
  size_t size;               /* the product of dims: bytes in data */
  unsigned char *data;       /* owned; free with nn_idx_free */
} nn_idx;

/* Reads an IDX file (plain or gzipped). Messages start with `path`. On failure `out` is left
 * empty (nothing to free). */
bool nn_idx_read_file(const char *path, nn_idx *out, nn_error *err);

/* The same from a buffer the caller owns; `name` starts the messages (e.g. the resource's
 * file name). The buffer is not kept. */
bool nn_idx_read_memory(const void *data, size_t size, const char *name, nn_idx *out,
                        nn_error *err);

void nn_idx_free(nn_idx *idx);

#endif
