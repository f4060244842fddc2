/* PNG pixels: the IDAT stream inflated row by row (never the whole stream at once: a
 * 10000×10000 RGBA image at 16 bits would be 800 MB), each row unfiltered against the previous
 * one of its pass and converted to grey + alpha into its place in the image. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "nn_png_private.h"

/* Feeds the consecutive IDAT chunks to zlib one after the other. */
typedef struct idat_stream {
  z_stream z;
  const uint8_t *png;
  size_t next_chunk; /* offset of the next IDAT chunk not yet fed */
  int chunks_left;
  bool ended; /* zlib saw the end of the stream (and checked its Adler-32) */
} idat_stream;

static uint32_t be32(const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

/* Gives zlib the next IDAT chunk's data; false when there is none. The chunks were checked
 * (lengths, CRCs, consecutive) before decoding began. */
static bool feed_next_chunk(idat_stream *s)
{
  if (s->chunks_left == 0)
    return false;
  uint32_t len = be32(s->png + s->next_chunk);
  s->z.next_in = (Bytef *) (s->png + s->next_chunk + 8);
  s->z.avail_in = len;
  s->next_chunk += 12 + (size_t) len;
  s->chunks_left--;
  return true;
}

/* Exactly n inflated bytes into dst. */
static bool inflate_exactly(idat_stream *s, uint8_t *dst, size_t n, nn_error *err)
{
  s->z.next_out = dst;
  s->z.avail_out = (uInt) n;
  while (s->z.avail_out > 0) {
    if (s->ended)
      return nn_fail(err, "truncated image data");
    if (s->z.avail_in == 0 && !feed_next_chunk(s))
      return nn_fail(err, "truncated image data");
    int rc = inflate(&s->z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END)
      s->ended = true;
    else if (rc == Z_BUF_ERROR && s->z.avail_in == 0)
      continue; /* needs the next chunk */
    else if (rc != Z_OK)
      return nn_fail(err, "bad compressed image data: %s", s->z.msg ? s->z.msg : "zlib error");
  }
  return true;
}

/* After the last row: the stream must end there, with nothing after it. */
static bool check_stream_end(idat_stream *s, nn_error *err)
{
  uint8_t extra;
  while (!s->ended) {
    if (s->z.avail_in == 0 && !feed_next_chunk(s))
      return nn_fail(err, "truncated image data (the compressed stream does not end)");
    s->z.next_out = &extra;
    s->z.avail_out = 1;
    int rc = inflate(&s->z, Z_NO_FLUSH);
    if (s->z.avail_out == 0)
      return nn_fail(err, "the image data is longer than the image (trailing data)");
    if (rc == Z_STREAM_END)
      s->ended = true;
    else if (rc != Z_OK && !(rc == Z_BUF_ERROR && s->z.avail_in == 0))
      return nn_fail(err, "bad compressed image data: %s", s->z.msg ? s->z.msg : "zlib error");
  }
  while (s->z.avail_in == 0 && feed_next_chunk(s))
    ;
  if (s->z.avail_in > 0)
    return nn_fail(err, "data after the end of the compressed image stream");
  return true;
}

static uint8_t paeth(uint8_t a, uint8_t b, uint8_t c)
{
  int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
  if (pa <= pb && pa <= pc)
    return a;
  return pb <= pc ? b : c;
}

/* Undoes filter `type` on row (n bytes) given the previous row of the pass; bpp: bytes per
 * complete pixel, at least 1. */
static void unfilter(uint8_t *row, const uint8_t *prev, size_t n, size_t bpp, int type)
{
  switch (type) {
  case 1: /* Sub */
    for (size_t i = bpp; i < n; i++)
      row[i] = (uint8_t) (row[i] + row[i - bpp]);
    break;
  case 2: /* Up */
    for (size_t i = 0; i < n; i++)
      row[i] = (uint8_t) (row[i] + prev[i]);
    break;
  case 3: /* Average */
    for (size_t i = 0; i < n; i++) {
      unsigned left = i >= bpp ? row[i - bpp] : 0;
      row[i] = (uint8_t) (row[i] + ((left + prev[i]) >> 1));
    }
    break;
  case 4: /* Paeth */
    for (size_t i = 0; i < n; i++) {
      uint8_t left = i >= bpp ? row[i - bpp] : 0, up_left = i >= bpp ? prev[i - bpp] : 0;
      row[i] = (uint8_t) (row[i] + paeth(left, prev[i], up_left));
    }
    break;
  default: /* 0: None */
    break;
  }
}

/* Sample k of the row (depth bits each, packed from the high bit). */
static uint32_t sample(const uint8_t *row, size_t k, int depth)
{
  switch (depth) {
  case 16:
    return (uint32_t) row[2 * k] << 8 | row[2 * k + 1];
  case 8:
    return row[k];
  default: {
    size_t bit = k * (size_t) depth;
    return (uint32_t) (row[bit / 8] >> (8 - depth - (int) (bit % 8))) & ((1u << depth) - 1);
  }
  }
}

/* Pixel x of an unfiltered row as grey and alpha. */
static bool convert_pixel(const png_info *info, const uint8_t *row, size_t x, uint8_t *ga,
                          nn_error *err)
{
  const int d = info->depth;
  const size_t k = x * (size_t) info->channels;
  switch (info->color_type) {
  case 0: {
    uint32_t g = sample(row, k, d);
    ga[0] = nn_png_to8(g, d);
    ga[1] = info->has_key && g == info->key[0] ? 0 : 255;
    return true;
  }
  case 2: {
    uint32_t r = sample(row, k, d), g = sample(row, k + 1, d), b = sample(row, k + 2, d);
    ga[0] = nn_png_to8(nn_png_luma(r, g, b), d);
    ga[1] = info->has_key && r == info->key[0] && g == info->key[1] && b == info->key[2] ? 0 : 255;
    return true;
  }
  case 3: {
    uint32_t i = sample(row, k, d);
    if (i >= (uint32_t) info->n_palette)
      return nn_fail(err, "palette index %u is past the palette's %d entries", i, info->n_palette);
    ga[0] = info->palette_grey[i];
    ga[1] = info->palette_alpha[i];
    return true;
  }
  case 4:
    ga[0] = nn_png_to8(sample(row, k, d), d);
    ga[1] = nn_png_to8(sample(row, k + 1, d), d);
    return true;
  default: {
    uint32_t r = sample(row, k, d), g = sample(row, k + 1, d), b = sample(row, k + 2, d);
    ga[0] = nn_png_to8(nn_png_luma(r, g, b), d);
    ga[1] = nn_png_to8(sample(row, k + 3, d), d);
    return true;
  }
  }
}

/* One pass of the image: every dx-th pixel from x0 of every dy-th row from y0 (the whole
 * image when not interlaced). rows: two buffers of the widest row plus its filter byte. */
typedef struct pass {
  uint32_t x0, y0, dx, dy;
} pass;

static bool decode_pass(idat_stream *s, const png_info *info, pass p, uint8_t *rows[2],
                        nn_image *out, nn_error *err)
{
  if (p.x0 >= info->width || p.y0 >= info->height)
    return true; /* an empty pass has no rows at all, not even filter bytes */
  uint32_t width = (info->width - p.x0 + p.dx - 1) / p.dx;
  uint32_t height = (info->height - p.y0 + p.dy - 1) / p.dy;
  size_t bits = (size_t) info->channels * (size_t) info->depth;
  size_t row_bytes = ((size_t) width * bits + 7) / 8, bpp = bits >= 8 ? bits / 8 : 1;
  uint8_t *prev = rows[0], *cur = rows[1];
  memset(prev, 0, row_bytes + 1);
  for (uint32_t y = 0; y < height; y++) {
    if (!inflate_exactly(s, cur, row_bytes + 1, err))
      return false;
    uint32_t row_y = p.y0 + y * p.dy;
    if (cur[0] > 4)
      return nn_fail(err, "bad filter type %d in row %u", cur[0], row_y);
    unfilter(cur + 1, prev + 1, row_bytes, bpp, cur[0]);
    uint8_t *dst = out->pixels + 2 * ((size_t) row_y * info->width + p.x0);
    for (uint32_t x = 0; x < width; x++, dst += 2 * p.dx)
      if (!convert_pixel(info, cur + 1, x, dst, err))
        return false;
    uint8_t *t = prev;
    prev = cur;
    cur = t;
  }
  return true;
}

bool nn_png_decode_pixels(const uint8_t *png, const png_info *info, nn_image *out, nn_error *err)
{
  static const pass adam7[7] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  static const pass whole = {0, 0, 1, 1};
  size_t max_row = ((size_t) info->width * (size_t) info->channels * (size_t) info->depth + 7) / 8;
  uint8_t *buffer = nn_alloc(2, max_row + 1, err);
  if (!buffer)
    return false;
  uint8_t *rows[2] = {buffer, buffer + max_row + 1};

  idat_stream s = {.png = png, .next_chunk = info->first_idat, .chunks_left = info->n_idat};
  bool ok = inflateInit(&s.z) == Z_OK;
  if (!ok) {
    free(buffer);
    return nn_fail(err, "zlib: %s", s.z.msg ? s.z.msg : "cannot initialise");
  }
  if (info->interlace)
    for (int i = 0; i < 7 && ok; i++)
      ok = decode_pass(&s, info, adam7[i], rows, out, err);
  else
    ok = decode_pass(&s, info, whole, rows, out, err);
  ok = ok && check_stream_end(&s, err);
  inflateEnd(&s.z);
  free(buffer);
  return ok;
}
