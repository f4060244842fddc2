/* Fuzz target: the safetensors reader (nn_st_read_memory) and the JSON parser under it.
 * Whatever the input, reading must fail with a message or succeed with tensors that lie inside
 * the buffer (ASan checks every byte touched below). */
#include <assert.h>
#include <string.h>

#include "nn_json.h"
#include "nn_safetensors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_file(const nn_st_file *f)
{
  volatile uint8_t sink = 0;
  for (int i = 0; i < f->n_tensors; i++) {
    const nn_st_tensor *t = &f->tensors[i];
    assert(nn_st_find(f, t->name) == t); /* names are unique */
    const uint8_t *bytes = t->data;
    assert(bytes >= f->buffer && bytes + t->nbytes <= f->buffer + f->size);
    for (size_t k = 0; k < t->nbytes; k++)
      sink ^= bytes[k];
  }
  for (int i = 0; i < f->n_meta; i++)
    assert(nn_st_meta_get(f, f->meta[i].key) == f->meta[i].value);
  (void) sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nn_st_file f;
  nn_error err = {{0}};
  if (nn_st_read_memory(data, size, "fuzz", &f, &err)) {
    check_file(&f);
    nn_st_file_free(&f);
  } else {
    assert(strncmp(err.message, "fuzz: ", 6) == 0);
  }

  /* The same bytes as a bare JSON text. */
  nn_json_doc doc;
  if (nn_json_parse((const char *) data, size, &doc, &err)) {
    assert(doc.n_values > 0);
    for (int i = 0; i < doc.n_values; i++)
      assert(doc.values[i].next < doc.n_values && doc.values[i].first_child < doc.n_values);
    nn_json_free(&doc);
  } else {
    assert(err.message[0] != '\0');
  }
  return 0;
}
