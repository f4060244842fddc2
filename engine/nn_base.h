/* nn_base.h — errors, limits and small helpers shared by every engine module.
 *
 * The engine never aborts on bad input. A function that can fail takes an `nn_error *` as its
 * last argument (it may be NULL when the caller does not want the text) and returns false,
 * NULL or a negative value; the message names what was wrong ("mnist.gz: truncated gzip
 * stream at byte 1024"). Programming errors (a NULL model, a negative batch) are caught by
 * assert() in debug builds.
 */
#ifndef NN_BASE_H
#define NN_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NN_ERROR_SIZE 512

typedef struct nn_error {
  char message[NN_ERROR_SIZE];
} nn_error;

/* Formats a message into `err` (if not NULL). Always returns false so that
 * `return nn_fail(err, "...")` reads naturally in functions returning bool. */
bool nn_fail(nn_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool nn_failv(nn_error *err, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Prepends "prefix: " to the message already in `err` (e.g. a file name). Returns false. */
bool nn_fail_prefix(nn_error *err, const char *prefix);

/* Allocation that reports failure through `err` instead of crashing. The memory is zeroed
 * (calloc semantics); `count * size` is checked for overflow. Free with free(). */
void *nn_alloc(size_t count, size_t size, nn_error *err);

/* 64-byte aligned, zeroed allocation for hot buffers (SIMD-friendly). Free with nn_free_aligned. */
void *nn_alloc_aligned(size_t count, size_t size, nn_error *err);
void nn_free_aligned(void *p);

/* Overflow-checked size arithmetic: returns false when a*b (or a+b) does not fit in size_t. */
bool nn_size_mul(size_t a, size_t b, size_t *out);
bool nn_size_add(size_t a, size_t b, size_t *out);

/* Monotonic clock in seconds (for throughput and snapshot pacing, never for results). */
double nn_now(void);

#define NN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define NN_MAX(a, b) ((a) > (b) ? (a) : (b))
#define NN_N_ELEMENTS(arr) (sizeof(arr) / sizeof((arr)[0]))

#endif
