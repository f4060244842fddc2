#define _POSIX_C_SOURCE 200809L
#include "nn_base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool nn_failv(nn_error *err, const char *fmt, va_list ap)
{
  if (err)
    vsnprintf(err->message, sizeof err->message, fmt, ap);
  return false;
}

bool nn_fail(nn_error *err, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  nn_failv(err, fmt, ap);
  va_end(ap);
  return false;
}

bool nn_fail_prefix(nn_error *err, const char *prefix)
{
  if (!err)
    return false;
  /* Shift the old message right, then write the prefix in front (truncating the tail). */
  size_t plen = strlen(prefix), old = strnlen(err->message, NN_ERROR_SIZE - 1);
  if (plen + 2 >= NN_ERROR_SIZE)
    plen = NN_ERROR_SIZE - 3;
  size_t keep = NN_MIN(old, NN_ERROR_SIZE - 1 - plen - 2);
  memmove(err->message + plen + 2, err->message, keep);
  memcpy(err->message, prefix, plen);
  err->message[plen] = ':';
  err->message[plen + 1] = ' ';
  err->message[plen + 2 + keep] = '\0';
  return false;
}

bool nn_size_mul(size_t a, size_t b, size_t *out)
{
  if (a != 0 && b > SIZE_MAX / a)
    return false;
  *out = a * b;
  return true;
}

bool nn_size_add(size_t a, size_t b, size_t *out)
{
  if (b > SIZE_MAX - a)
    return false;
  *out = a + b;
  return true;
}

void *nn_alloc(size_t count, size_t size, nn_error *err)
{
  size_t total;
  if (!nn_size_mul(count, size, &total)) {
    nn_fail(err, "allocation of %zu × %zu bytes overflows", count, size);
    return NULL;
  }
  void *p = calloc(total ? total : 1, 1);
  if (!p)
    nn_fail(err, "out of memory allocating %zu bytes", total);
  return p;
}

void *nn_alloc_aligned(size_t count, size_t size, nn_error *err)
{
  size_t total;
  if (!nn_size_mul(count, size, &total) || !nn_size_add(total, 63, &total)) {
    nn_fail(err, "allocation of %zu × %zu bytes overflows", count, size);
    return NULL;
  }
  total &= ~(size_t) 63;
  void *p = aligned_alloc(64, total ? total : 64);
  if (!p) {
    nn_fail(err, "out of memory allocating %zu bytes", total);
    return NULL;
  }
  memset(p, 0, total ? total : 64);
  return p;
}

void nn_free_aligned(void *p)
{
  free(p);
}

double nn_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}
