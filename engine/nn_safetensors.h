/* nn_safetensors.h — the safetensors format (huggingface/safetensors), read strictly, written
 * atomically.
 *
 * Layout: 8-byte little-endian header length N, N bytes of JSON
 * {"__metadata__": {"k": "v", ...}, "name": {"dtype": "F32", "shape": [..],
 * "data_offsets": [begin, end]}, ...}, then the data. The reader checks the header length
 * against the file, the JSON, every dtype (F32 and I64 are accepted), that each tensor's byte
 * size equals its shape's, that offsets lie inside the data, and that tensors neither overlap
 * nor leave holes; every failure is a message naming the file and the tensor. Writing goes to
 * "PATH.tmp-XXXXXX" in the same folder, is flushed, then renamed over PATH: a crash or a full
 * disk never leaves a half-written file, and a failed write keeps the old one.
 */
#ifndef NN_SAFETENSORS_H
#define NN_SAFETENSORS_H

#include "nn_model.h"

typedef struct nn_st_tensor {
  char name[128];
  nn_dtype dtype;
  int ndim;
  int64_t shape[NN_MAX_DIMS];
  const void *data; /* little-endian values; inside the file's buffer */
  size_t nbytes;
} nn_st_tensor;

typedef struct nn_st_meta {
  char *key, *value;
} nn_st_meta;

typedef struct nn_st_file {
  int n_tensors;
  nn_st_tensor *tensors;
  int n_meta;
  nn_st_meta *meta;
  uint8_t *buffer; /* the whole file; tensors point into it */
  size_t size;
} nn_st_file;

/* Largest file accepted (a lesson's weights are a few MB; MNIST as data ~200 MB). */
#define NN_ST_MAX_FILE ((size_t) 1 << 30)

bool nn_st_read_file(const char *path, nn_st_file *out, nn_error *err);
/* Parses a copy of buf; `name` is used in messages. */
bool nn_st_read_memory(const void *buf, size_t len, const char *name, nn_st_file *out,
                       nn_error *err);
void nn_st_file_free(nn_st_file *f);
const nn_st_tensor *nn_st_find(const nn_st_file *f, const char *name);
const char *nn_st_meta_get(const nn_st_file *f, const char *key);

/* Writes tensors (data pointers are the caller's) with metadata pairs, atomically. */
bool nn_st_write_file(const char *path, const nn_st_tensor *tensors, int n_tensors,
                      const nn_st_meta *meta, int n_meta, nn_error *err);

/* A model's whole state dict, with metadata. */
bool nn_model_save(const nn_model *m, const char *path, const nn_st_meta *meta, int n_meta,
                   nn_error *err);
/* Loads every state_dict entry of `m` from `f`: strict, so a missing or extra tensor, a wrong
 * shape or dtype fails with a message naming the tensor, and `m` is left unchanged. */
bool nn_model_load(nn_model *m, const nn_st_file *f, nn_error *err);

#endif
