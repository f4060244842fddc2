/* The IDX reader: a byte stream (plain or inflated, from a file or from memory) read in three
 * steps — header, data, proof that nothing follows. See nn_idx.h for what is checked. */
#include "nn_idx.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define RAW_CHUNK      65536
#define FIRST_CAPACITY ((size_t) 1 << 20)

/* The raw input (file or memory) and, for gzip, the inflater reading it. Pending raw bytes
 * always live in zs.next_in / zs.avail_in, also for plain input, so both paths share them. */
typedef struct idx_stream {
  FILE *file;
  const unsigned char *mem;
  size_t mem_size, mem_pos;
  unsigned char buf[RAW_CHUNK];
  size_t raw_fed; /* raw bytes handed to next_in so far */
  bool raw_eof;
  bool gzip, inflating, member_done;
  z_stream zs;
} idx_stream;

static size_t raw_consumed(const idx_stream *s)
{
  return s->raw_fed - s->zs.avail_in;
}

/* Tops up the pending raw input (keeping what is still pending). False on a read error. */
static bool raw_refill(idx_stream *s, nn_error *err)
{
  if (s->raw_eof)
    return true;
  if (!s->file) {
    /* zlib counts in uInt: hand the buffer over in pieces it can take. */
    if (s->zs.avail_in > 0)
      return true;
    size_t piece = NN_MIN(s->mem_size - s->mem_pos, (size_t) UINT_MAX);
    s->zs.next_in = (unsigned char *) s->mem + s->mem_pos;
    s->zs.avail_in = (uInt) piece;
    s->mem_pos += piece;
    s->raw_fed += piece;
    s->raw_eof = s->mem_pos == s->mem_size;
    return true;
  }
  size_t keep = s->zs.avail_in;
  if (keep)
    memmove(s->buf, s->zs.next_in, keep);
  size_t got = fread(s->buf + keep, 1, RAW_CHUNK - keep, s->file);
  if (got == 0 && ferror(s->file))
    return nn_fail(err, "read error: %s", strerror(errno));
  s->zs.next_in = s->buf;
  s->zs.avail_in = (uInt) (keep + got);
  s->raw_fed += got;
  s->raw_eof = got == 0 && feof(s->file);
  if (got == 0 && !s->raw_eof)
    return nn_fail(err, "read error");
  return true;
}

/* Makes at least `n` raw bytes pending if the input has them. */
static bool raw_ensure(idx_stream *s, size_t n, nn_error *err)
{
  while (s->zs.avail_in < n && !s->raw_eof) {
    size_t before = s->raw_fed;
    if (!raw_refill(s, err))
      return false;
    if (s->raw_fed == before && !s->raw_eof)
      break;
  }
  return true;
}

static bool read_plain(idx_stream *s, unsigned char *dst, size_t want, size_t *got, nn_error *err)
{
  while (*got < want) {
    if (s->zs.avail_in == 0) {
      if (!raw_refill(s, err))
        return false;
      if (s->zs.avail_in == 0)
        break; /* end of input */
    }
    size_t n = NN_MIN(want - *got, (size_t) s->zs.avail_in);
    memcpy(dst + *got, s->zs.next_in, n);
    s->zs.next_in += n;
    s->zs.avail_in -= (uInt) n;
    *got += n;
  }
  return true;
}

static bool inflate_failed(idx_stream *s, int ret, nn_error *err)
{
  size_t at = raw_consumed(s);
  const char *msg = s->zs.msg ? s->zs.msg : "";
  if (ret == Z_MEM_ERROR)
    return nn_fail(err, "out of memory while inflating");
  if (strcmp(msg, "incorrect data check") == 0)
    return nn_fail(err, "gzip CRC-32 mismatch at byte %zu: the data is corrupt", at);
  if (strcmp(msg, "incorrect length check") == 0)
    return nn_fail(err, "gzip length (ISIZE) mismatch at byte %zu: the data is corrupt", at);
  return nn_fail(err, "corrupt gzip data at byte %zu (%s)", at, *msg ? msg : "inflate failed");
}

/* After a member ends: only another member may follow (its magic 1f 8b), or nothing. */
static bool next_member(idx_stream *s, bool *more, nn_error *err)
{
  if (!raw_ensure(s, 2, err))
    return false;
  *more = s->zs.avail_in > 0;
  if (!*more)
    return true;
  const unsigned char *p = s->zs.next_in;
  if (p[0] != 0x1f || (s->zs.avail_in >= 2 && p[1] != 0x8b))
    return nn_fail(err, "trailing garbage after the gzip stream at byte %zu", raw_consumed(s));
  inflateReset(&s->zs);
  s->member_done = false;
  return true;
}

static bool read_gzip(idx_stream *s, unsigned char *dst, size_t want, size_t *got, nn_error *err)
{
  while (*got < want) {
    if (s->member_done) {
      bool more;
      if (!next_member(s, &more, err))
        return false;
      if (!more)
        break; /* clean end of the last member */
    }
    if (s->zs.avail_in == 0) {
      if (!raw_refill(s, err))
        return false;
      if (s->zs.avail_in == 0)
        return nn_fail(err, "truncated gzip stream after %zu bytes", raw_consumed(s));
    }
    size_t room = NN_MIN(want - *got, (size_t) UINT_MAX);
    s->zs.next_out = dst + *got;
    s->zs.avail_out = (uInt) room;
    uInt in_before = s->zs.avail_in;
    int ret = inflate(&s->zs, Z_NO_FLUSH);
    size_t produced = room - s->zs.avail_out;
    *got += produced;
    if (ret == Z_STREAM_END)
      s->member_done = true;
    else if (ret != Z_OK && ret != Z_BUF_ERROR)
      return inflate_failed(s, ret, err);
    else if (produced == 0 && s->zs.avail_in == in_before)
      return inflate_failed(s, Z_DATA_ERROR, err); /* no progress: never loop on it */
  }
  return true;
}

/* Reads up to `want` bytes; *got < want only at the clean end of the stream. */
static bool stream_read(idx_stream *s, void *dst, size_t want, size_t *got, nn_error *err)
{
  *got = 0;
  return s->gzip ? read_gzip(s, dst, want, got, err) : read_plain(s, dst, want, got, err);
}

static bool stream_open(idx_stream *s, nn_error *err)
{
  if (!raw_ensure(s, 2, err))
    return false;
  if (s->zs.avail_in == 0 && s->raw_fed == 0)
    return nn_fail(err, "the file is empty");
  s->gzip = s->zs.avail_in >= 2 && s->zs.next_in[0] == 0x1f && s->zs.next_in[1] == 0x8b;
  if (s->gzip) {
    /* 16 + MAX_WBITS: a gzip wrapper only, with its CRC-32 and ISIZE checked by zlib. */
    if (inflateInit2(&s->zs, 16 + MAX_WBITS) != Z_OK)
      return nn_fail(err, "cannot start zlib's inflater");
    s->inflating = true;
  }
  return true;
}

static void stream_close(idx_stream *s)
{
  if (s->inflating)
    inflateEnd(&s->zs);
  if (s->file)
    fclose(s->file);
}

static const char *idx_type_name(int type)
{
  switch (type) {
  case 0x09:
    return "signed byte";
  case 0x0B:
    return "16-bit integer";
  case 0x0C:
    return "32-bit integer";
  case 0x0D:
    return "32-bit float";
  case 0x0E:
    return "64-bit float";
  default:
    return NULL;
  }
}

/* "60000 × 28 × 28" */
static void format_dims(const uint32_t *dims, int ndim, char *buf, size_t size)
{
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < ndim && len < size; i++) {
    int n = snprintf(buf + len, size - len, i ? " × %u" : "%u", (unsigned) dims[i]);
    if (n < 0)
      break;
    len += (size_t) n;
  }
}

static bool read_header(idx_stream *s, uint32_t *dims, int *ndim, size_t *total, nn_error *err)
{
  unsigned char head[4 + 4 * NN_IDX_MAX_DIMS];
  size_t got;
  if (!stream_read(s, head, 4, &got, err))
    return false;
  if (got == 0)
    return nn_fail(err, "the data is empty");
  if (got < 4)
    return nn_fail(err, "too short for an IDX header: %zu bytes", got);
  if (head[0] != 0 || head[1] != 0)
    return nn_fail(err, "not an IDX file: it starts with 0x%02x 0x%02x, not the magic's 0x00 0x00",
                   head[0], head[1]);
  if (head[2] != 0x08) {
    const char *name = idx_type_name(head[2]);
    if (name)
      return nn_fail(err, "IDX type 0x%02X (%s) is not supported: only unsigned bytes (0x08)",
                     head[2], name);
    return nn_fail(err, "unknown IDX type 0x%02X (expected 0x08, unsigned bytes)", head[2]);
  }
  *ndim = head[3];
  if (*ndim < 1 || *ndim > NN_IDX_MAX_DIMS)
    return nn_fail(err, "IDX header has %d dimensions; 1 to %d are supported", *ndim,
                   NN_IDX_MAX_DIMS);
  size_t need = 4 * (size_t) *ndim;
  if (!stream_read(s, head + 4, need, &got, err))
    return false;
  if (got < need)
    return nn_fail(err, "the header is cut short: %zu of its %zu size bytes are present", got,
                   need);
  uint64_t product = 1;
  bool too_big = false;
  for (int i = 0; i < *ndim; i++) {
    const unsigned char *p = head + 4 + 4 * i;
    dims[i] = (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
    if (dims[i] == 0)
      return nn_fail(err, "IDX header: size %d is 0", i + 1);
    /* Both factors are < 2^32 and product ≤ 2^30 before the step: no uint64 overflow. */
    product *= dims[i];
    too_big = too_big || product > NN_IDX_MAX_BYTES;
    if (too_big)
      product = NN_IDX_MAX_BYTES + 1;
  }
  if (too_big) {
    char text[96];
    format_dims(dims, *ndim, text, sizeof text);
    return nn_fail(err, "header claims %s bytes, more than the %zu MiB limit", text,
                   NN_IDX_MAX_BYTES >> 20);
  }
  *total = (size_t) product;
  return true;
}

/* Reads exactly `total` bytes into a buffer that grows with what really arrives. */
static bool read_data(idx_stream *s, const uint32_t *dims, int ndim, size_t total,
                      unsigned char **out, nn_error *err)
{
  size_t cap = NN_MIN(total, FIRST_CAPACITY), len = 0;
  unsigned char *data = malloc(cap);
  if (!data)
    return nn_fail(err, "out of memory allocating %zu bytes", cap);
  for (;;) {
    size_t got;
    if (!stream_read(s, data + len, cap - len, &got, err))
      goto fail;
    len += got;
    if (len < cap || cap == total)
      break;
    size_t bigger = NN_MIN(total, cap * 2);
    unsigned char *grown = realloc(data, bigger);
    if (!grown) {
      nn_fail(err, "out of memory allocating %zu bytes", bigger);
      goto fail;
    }
    data = grown;
    cap = bigger;
  }
  if (len < total) {
    char text[96];
    format_dims(dims, ndim, text, sizeof text);
    nn_fail(err, "header claims %s bytes but the %s holds %zu", text,
            s->gzip ? "decompressed data" : "file", len);
    goto fail;
  }
  *out = data;
  return true;
fail:
  free(data);
  return false;
}

static bool expect_end(idx_stream *s, size_t total, nn_error *err)
{
  unsigned char extra;
  size_t got;
  /* For gzip this also drives inflate through the trailer (CRC-32, ISIZE) and any further
   * members, whose bytes would be trailing data too. */
  if (!stream_read(s, &extra, 1, &got, err))
    return false;
  if (got)
    return nn_fail(err, "trailing data after the %zu bytes the header announces", total);
  return true;
}

static bool read_stream(idx_stream *s, nn_idx *out, nn_error *err)
{
  uint32_t dims[NN_IDX_MAX_DIMS] = {0};
  int ndim = 0;
  size_t total = 0;
  unsigned char *data = NULL;
  if (!stream_open(s, err) || !read_header(s, dims, &ndim, &total, err) ||
      !read_data(s, dims, ndim, total, &data, err))
    return false;
  if (!expect_end(s, total, err)) {
    free(data);
    return false;
  }
  out->ndim = ndim;
  for (int i = 0; i < ndim; i++)
    out->dims[i] = (int) dims[i]; /* ≤ 2^30 each: fits */
  out->size = total;
  out->data = data;
  return true;
}

bool nn_idx_read_memory(const void *data, size_t size, const char *name, nn_idx *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  idx_stream *s = calloc(1, sizeof *s);
  if (!s)
    return nn_fail(err, "%s: out of memory", name);
  s->mem = data;
  s->mem_size = size;
  s->raw_eof = size == 0;
  bool ok = read_stream(s, out, err);
  stream_close(s);
  free(s);
  return ok || nn_fail_prefix(err, name);
}

bool nn_idx_read_file(const char *path, nn_idx *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  idx_stream *s = calloc(1, sizeof *s);
  if (!s)
    return nn_fail(err, "%s: out of memory", path);
  s->file = fopen(path, "rb");
  if (!s->file) {
    nn_fail(err, "%s: cannot open: %s", path, strerror(errno));
    free(s);
    return false;
  }
  bool ok = read_stream(s, out, err);
  stream_close(s);
  free(s);
  return ok || nn_fail_prefix(err, path);
}

void nn_idx_free(nn_idx *idx)
{
  free(idx->data);
  memset(idx, 0, sizeof *idx);
}
