/* Fuzz target: the PNG decoder (nn_png_read_memory), three ways per input:
 *   1. the bytes as they are;
 *   2. the same bytes with every chunk's CRC recomputed, so mutations get past the CRC check
 *      and reach the chunk and pixel code;
 *   3. a PNG built from the bytes (IHDR fields, palette, then the bytes as raw scanlines with
 *      their filter bytes, deflated and split into IDATs), so the unfiltering, unpacking and
 *      length checks see arbitrary image data.
 * Images claiming between 2²² pixels and the 10000×10000 limit are skipped: each would
 * allocate up to 200 MB only to find its data truncated, which slows the campaign to a crawl
 * without reaching new code (the limit itself is tested in test-png). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "nn_png.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t be32(const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) (v >> 24);
  p[1] = (uint8_t) (v >> 16);
  p[2] = (uint8_t) (v >> 8);
  p[3] = (uint8_t) v;
}

static void decode(const uint8_t *data, size_t size)
{
  nn_image img;
  nn_error err = {{0}};
  if (!nn_png_read_memory(data, size, "fuzz.png", &img, &err)) {
    assert(strncmp(err.message, "fuzz.png: ", 10) == 0);
    return;
  }
  assert(img.width >= 1 && img.width <= NN_PNG_MAX_SIDE);
  assert(img.height >= 1 && img.height <= NN_PNG_MAX_SIDE);
  size_t n = (size_t) img.width * (size_t) img.height;
  float *grey = malloc(n * sizeof *grey);
  if (grey) {
    nn_image_to_grey(&img, grey);
    for (size_t i = 0; i < n; i++)
      assert(grey[i] >= 0.0f && grey[i] <= 1.0f);
    free(grey);
  }
  nn_image_free(&img);
}

static bool too_big_to_bother(const uint8_t *data, size_t size)
{
  if (size < 8 + 8 + 13 || memcmp(data + 12, "IHDR", 4) != 0)
    return false;
  uint64_t w = be32(data + 16), h = be32(data + 20);
  return w <= NN_PNG_MAX_SIDE && h <= NN_PNG_MAX_SIDE && w * h > (1u << 22);
}

static void fix_crcs(uint8_t *png, size_t size)
{
  for (size_t pos = 8; pos <= size && size - pos >= 12;) {
    uint32_t len = be32(png + pos);
    if (len > size - pos - 12)
      break;
    put32(png + pos + 8 + len, (uint32_t) crc32(0, png + pos + 4, len + 4));
    pos += 12 + (size_t) len;
  }
}

/* A growing byte buffer for the built file. */
typedef struct buf {
  uint8_t *data;
  size_t len, cap;
} buf;

static void append(buf *b, const void *p, size_t n)
{
  if (n == 0)
    return;
  if (b->len + n > b->cap) {
    b->cap = (b->len + n) * 2;
    b->data = realloc(b->data, b->cap);
    assert(b->data);
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void chunk(buf *b, const char *type, const uint8_t *data, size_t len)
{
  uint8_t head[8], crc[4];
  put32(head, (uint32_t) len);
  memcpy(head + 4, type, 4);
  append(b, head, 8);
  append(b, data, len);
  uLong c = crc32(0, head + 4, 4);
  put32(crc, (uint32_t) crc32(c, data, (uInt) len));
  append(b, crc, 4);
}

static void build_and_decode(const uint8_t *data, size_t size)
{
  static const int types[5] = {0, 2, 3, 4, 6};
  static const int depths[5][5] = {{1, 2, 4, 8, 16}, {8, 16}, {1, 2, 4, 8}, {8, 16}, {8, 16}};
  static const int n_depths[5] = {5, 2, 4, 2, 2};
  if (size < 7)
    return;
  int t = data[2] % 5, color = types[t], depth = depths[t][data[3] % n_depths[t]];
  uint8_t ihdr[13] = {0};
  put32(ihdr, 1u + data[0] % 32);
  put32(ihdr + 4, 1u + data[1] % 32);
  ihdr[8] = (uint8_t) depth;
  ihdr[9] = (uint8_t) color;
  ihdr[12] = data[4] & 1;
  size_t idat_size = 1 + (size_t) data[6] * 8, pos = 7;

  buf b = {0};
  append(&b, "\x89PNG\r\n\x1a\n", 8);
  chunk(&b, "IHDR", ihdr, 13);
  if (color == 3) {
    size_t n = 1 + data[5] % 256, bytes = NN_MIN(3 * n, size - pos);
    bytes -= bytes % 3;
    if (bytes > 0)
      chunk(&b, "PLTE", data + pos, bytes);
    pos += bytes;
  }
  if (data[4] & 2) { /* tRNS of the length the colour type wants (palette: up to 8 entries) */
    size_t want = color == 0 ? 2 : color == 2 ? 6 : 1 + data[5] % 8, n = NN_MIN(want, size - pos);
    chunk(&b, "tRNS", data + pos, n);
    pos += n;
  }
  if (data[4] & 4) {
    size_t want = color == 3 ? 1 : (color == 2 || color == 6) ? 6 : 2, n = NN_MIN(want, size - pos);
    chunk(&b, "bKGD", data + pos, n);
    pos += n;
  }
  uLongf zlen = compressBound((uLong) (size - pos));
  uint8_t *z = malloc(zlen);
  assert(z);
  int rc = compress2(z, &zlen, data + pos, (uLong) (size - pos), data[4] & 8 ? 1 : 0);
  assert(rc == Z_OK);
  for (size_t at = 0; at < zlen; at += idat_size)
    chunk(&b, "IDAT", z + at, NN_MIN(idat_size, zlen - at));
  chunk(&b, "IEND", NULL, 0);
  free(z);
  decode(b.data, b.len);
  free(b.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (too_big_to_bother(data, size))
    return 0;
  decode(data, size);
  uint8_t *copy = malloc(size ? size : 1);
  assert(copy);
  memcpy(copy, data, size);
  fix_crcs(copy, size);
  decode(copy, size);
  free(copy);
  build_and_decode(data, size);
  return 0;
}
