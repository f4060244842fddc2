/* nn_json.h — a small, strict JSON parser (RFC 8259) for untrusted headers (safetensors).
 *
 * The whole text is parsed into a flat array of values: objects and arrays link to their first
 * child, children to their next sibling, so nothing is walked recursively after parsing. The
 * parser itself recurses once per nesting level, bounded by NN_JSON_MAX_DEPTH. Strings are
 * decoded (escapes, \uXXXX with surrogate pairs) into one arena and NUL-terminated; `len`
 * gives their real length, which differs from strlen() when the text held \u0000. The text
 * must be valid UTF-8. Numbers keep only what the engine needs: whether they are non-negative
 * integers that fit in 64 bits, and that value.
 *
 * Limits, so a hostile text costs little: NN_JSON_MAX_DEPTH levels, NN_JSON_MAX_VALUES values;
 * memory is at most the text's length for strings plus 72 bytes per value actually present.
 */
#ifndef NN_JSON_H
#define NN_JSON_H

#include "nn_base.h"

#define NN_JSON_MAX_DEPTH  32
#define NN_JSON_MAX_VALUES 1000000

typedef enum nn_json_type {
  NN_JSON_NULL,
  NN_JSON_FALSE,
  NN_JSON_TRUE,
  NN_JSON_NUMBER,
  NN_JSON_STRING,
  NN_JSON_ARRAY,
  NN_JSON_OBJECT,
} nn_json_type;

typedef struct nn_json {
  nn_json_type type;
  int first_child; /* arrays and objects: index of the first element or member, −1 if empty */
  int next;        /* index of the next sibling, −1 for the last */
  int n_children;
  const char *key; /* object members: the decoded key (NUL-terminated), else NULL */
  size_t key_len;
  const char *str; /* strings: the decoded text (NUL-terminated), else NULL */
  size_t len;
  bool is_uint; /* numbers: a non-negative integer without fraction or exponent that fits */
  uint64_t uint_value;
  size_t offset; /* byte offset of the value in the text, for messages */
} nn_json;

typedef struct nn_json_doc {
  nn_json *values; /* values[0] is the root */
  int n_values;
  char *strings;
} nn_json_doc;

/* Parses `len` bytes of `text` (not NUL-terminated). The whole text must be one value with
 * only whitespace around it. On failure: a message such as "bad JSON at byte 17: expected ':'
 * after an object key", and `doc` holds nothing to free. */
bool nn_json_parse(const char *text, size_t len, nn_json_doc *doc, nn_error *err);
void nn_json_free(nn_json_doc *doc);

/* True when the bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF). On false, *bad_offset is where the first bad sequence starts. */
bool nn_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
