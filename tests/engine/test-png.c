/* The PNG decoder: images of every colour type and bit depth, interlaced or not, made here with
 * zlib (rows filtered with all five filters, data split over several IDAT chunks) and decoded
 * to the expected grey and alpha; then broken files, each refused with its message. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "nn_png.h"

/* ---- an encoder, independent of the decoder --------------------------------------------- */

typedef struct spec {
  int w, h, depth, color, interlace;
  int n_palette;    /* colour type 3 */
  int n_trns;       /* palette: alpha entries; grey/RGB: 1 means a colour key */
  uint16_t key[3];  /* grey/RGB colour key */
  int filter;       /* −1: row y uses filter y % 5; else that filter for every row */
  size_t idat_size; /* bytes per IDAT chunk */
} spec;

static const int channels_of[7] = {1, 0, 3, 1, 2, 0, 4};

static int n_channels(const spec *s)
{
  return channels_of[s->color];
}

static uint32_t max_of(const spec *s)
{
  return (1u << s->depth) - 1;
}

/* Sample c of pixel (x, y): a hash, so neighbours differ and every filter has work to do. */
static uint32_t sample_at(const spec *s, int x, int y, int c)
{
  uint32_t v = (uint32_t) (x * 73856093) ^ (uint32_t) (y * 19349663) ^ (uint32_t) (c * 83492791);
  v ^= v >> 13;
  v *= 0x5bd1e995u;
  v ^= v >> 15;
  if (s->color == 3)
    return v % (uint32_t) s->n_palette;
  return v & max_of(s);
}

static void palette_entry(int i, uint8_t rgb[3])
{
  rgb[0] = (uint8_t) (i * 37 + 11);
  rgb[1] = (uint8_t) (i * 91 + 3);
  rgb[2] = (uint8_t) (255 - i * 13);
}

static uint8_t palette_alpha(const spec *s, int i)
{
  return i < s->n_trns ? (uint8_t) (i * 50 + 5) : 255;
}

/* PIL's convert("L"), in its fixed point. */
static uint32_t pil_luma(uint32_t r, uint32_t g, uint32_t b)
{
  return (19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16;
}

static uint8_t to8(const spec *s, uint32_t v)
{
  return (uint8_t) lround(v * 255.0 / max_of(s));
}

/* What the decoder should give for pixel (x, y). */
static void expected_pixel(const spec *s, int x, int y, uint8_t ga[2])
{
  uint32_t v[4];
  for (int c = 0; c < n_channels(s); c++)
    v[c] = sample_at(s, x, y, c);
  switch (s->color) {
  case 0:
    ga[0] = to8(s, v[0]);
    ga[1] = s->n_trns && v[0] == s->key[0] ? 0 : 255;
    break;
  case 2:
    ga[0] = to8(s, pil_luma(v[0], v[1], v[2]));
    ga[1] = s->n_trns && v[0] == s->key[0] && v[1] == s->key[1] && v[2] == s->key[2] ? 0 : 255;
    break;
  case 3: {
    uint8_t rgb[3];
    palette_entry((int) v[0], rgb);
    ga[0] = (uint8_t) pil_luma(rgb[0], rgb[1], rgb[2]);
    ga[1] = palette_alpha(s, (int) v[0]);
    break;
  }
  case 4:
    ga[0] = to8(s, v[0]);
    ga[1] = to8(s, v[1]);
    break;
  default:
    ga[0] = to8(s, pil_luma(v[0], v[1], v[2]));
    ga[1] = to8(s, v[3]);
  }
}

/* One row of the pass, packed: samples MSB first, 16-bit big-endian. */
static void pack_row(const spec *s, int y, int x0, int dx, int width, guint8 *row, size_t bytes)
{
  memset(row, 0, bytes);
  size_t bit = 0;
  for (int i = 0; i < width; i++) {
    for (int c = 0; c < n_channels(s); c++, bit += (size_t) s->depth) {
      uint32_t v = sample_at(s, x0 + i * dx, y, c);
      if (s->depth == 16) {
        row[bit / 8] = (guint8) (v >> 8);
        row[bit / 8 + 1] = (guint8) v;
      } else {
        row[bit / 8] |= (guint8) (v << (8 - s->depth - (int) (bit % 8)));
      }
    }
  }
}

static int paeth(int a, int b, int c)
{
  int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Filters `raw` (bytes) against `prev` with filter type f into out. */
static void filter_row(int f, const guint8 *raw, const guint8 *prev, size_t bytes, size_t bpp,
                       guint8 *out)
{
  for (size_t i = 0; i < bytes; i++) {
    int left = i >= bpp ? raw[i - bpp] : 0, up = prev[i], up_left = i >= bpp ? prev[i - bpp] : 0;
    int predictor = f == 1   ? left
                    : f == 2 ? up
                    : f == 3 ? (left + up) / 2
                    : f == 4 ? paeth(left, up, up_left)
                             : 0;
    out[i] = (guint8) (raw[i] - predictor);
  }
}

/* The uncompressed image data: for each (Adam7) pass, each row's filter byte and bytes. */
static GByteArray *scanlines(const spec *s)
{
  static const int adam7[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                  {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  static const int whole[1][4] = {{0, 0, 1, 1}};
  GByteArray *out = g_byte_array_new();
  size_t bits = (size_t) n_channels(s) * (size_t) s->depth, bpp = bits >= 8 ? bits / 8 : 1;
  size_t max_bytes = ((size_t) s->w * bits + 7) / 8;
  guint8 *raw = g_malloc0(max_bytes + 1), *prev = g_malloc0(max_bytes + 1);
  guint8 *filtered = g_malloc0(max_bytes + 1);
  int n_passes = s->interlace ? 7 : 1, row_number = 0;
  for (int p = 0; p < n_passes; p++) {
    const int *pass = s->interlace ? adam7[p] : whole[0];
    if (pass[0] >= s->w || pass[1] >= s->h)
      continue;
    int width = (s->w - pass[0] + pass[2] - 1) / pass[2];
    size_t bytes = ((size_t) width * bits + 7) / 8;
    memset(prev, 0, max_bytes + 1);
    for (int y = pass[1]; y < s->h; y += pass[3], row_number++) {
      pack_row(s, y, pass[0], pass[2], width, raw, bytes);
      guint8 f = (guint8) (s->filter >= 0 ? s->filter : row_number % 5);
      filter_row(f, raw, prev, bytes, bpp, filtered);
      g_byte_array_append(out, &f, 1);
      g_byte_array_append(out, filtered, (guint) bytes);
      memcpy(prev, raw, bytes);
    }
  }
  g_free(raw);
  g_free(prev);
  g_free(filtered);
  return out;
}

static void put32(guint8 *p, guint32 v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

static void add_chunk(GByteArray *png, const char *type, const void *data, size_t len)
{
  guint8 head[8];
  put32(head, (guint32) len);
  memcpy(head + 4, type, 4);
  g_byte_array_append(png, head, 8);
  if (len)
    g_byte_array_append(png, data, (guint) len);
  guint32 crc = (guint32) crc32(crc32(0, Z_NULL, 0), head + 4, 4);
  if (len)
    crc = (guint32) crc32(crc, data, (uInt) len);
  guint8 tail[4];
  put32(tail, crc);
  g_byte_array_append(png, tail, 4);
}

static GByteArray *png_start(int w, int h, int depth, int color, int interlace)
{
  static const guint8 signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  GByteArray *png = g_byte_array_new();
  g_byte_array_append(png, signature, 8);
  guint8 ihdr[13] = {0};
  put32(ihdr, (guint32) w);
  put32(ihdr + 4, (guint32) h);
  ihdr[8] = (guint8) depth;
  ihdr[9] = (guint8) color;
  ihdr[12] = (guint8) interlace;
  add_chunk(png, "IHDR", ihdr, 13);
  return png;
}

static GByteArray *compress_bytes(const guint8 *data, size_t len)
{
  uLongf size = compressBound((uLong) len);
  GByteArray *z = g_byte_array_sized_new((guint) size);
  g_byte_array_set_size(z, (guint) size);
  g_assert_cmpint(compress2(z->data, &size, data, (uLong) len, 9), ==, Z_OK);
  g_byte_array_set_size(z, (guint) size);
  return z;
}

/* The compressed data as IDAT chunks of `size` bytes (0: one chunk). */
static void add_idats(GByteArray *png, const GByteArray *z, size_t size)
{
  size_t step = size ? size : z->len;
  for (size_t at = 0; at < z->len; at += step)
    add_chunk(png, "IDAT", z->data + at, MIN(step, z->len - at));
}

/* A complete file for `s`, with the palette and tRNS it asks for. */
static GByteArray *make_png(const spec *s)
{
  GByteArray *png = png_start(s->w, s->h, s->depth, s->color, s->interlace);
  if (s->color == 3) {
    guint8 plte[768];
    for (int i = 0; i < s->n_palette; i++)
      palette_entry(i, plte + 3 * i);
    add_chunk(png, "PLTE", plte, 3 * (size_t) s->n_palette);
    guint8 trns[256];
    for (int i = 0; i < s->n_trns; i++)
      trns[i] = palette_alpha(s, i);
    if (s->n_trns)
      add_chunk(png, "tRNS", trns, (size_t) s->n_trns);
  } else if (s->n_trns) {
    guint8 trns[6];
    for (int c = 0; c < 3; c++) {
      trns[2 * c] = (guint8) (s->key[c] >> 8);
      trns[2 * c + 1] = (guint8) s->key[c];
    }
    add_chunk(png, "tRNS", trns, s->color == 0 ? 2 : 6);
  }
  add_chunk(png, "tEXt", "Comment\0made by test-png", 24); /* skipped: ancillary */
  GByteArray *raw = scanlines(s);
  GByteArray *z = compress_bytes(raw->data, raw->len);
  add_idats(png, z, s->idat_size);
  add_chunk(png, "IEND", NULL, 0);
  g_byte_array_unref(raw);
  g_byte_array_unref(z);
  return png;
}

/* ---- decoding valid images -------------------------------------------------------------- */

static void check_decodes(const spec *s)
{
  GByteArray *png = make_png(s);
  nn_image img;
  nn_error err = {{0}};
  if (!nn_png_read_memory(png->data, png->len, "test.png", &img, &err))
    g_error("colour type %d, depth %d, %d×%d%s: %s", s->color, s->depth, s->w, s->h,
            s->interlace ? " interlaced" : "", err.message);
  g_assert_cmpint(img.width, ==, s->w);
  g_assert_cmpint(img.height, ==, s->h);
  for (int y = 0; y < s->h; y++) {
    for (int x = 0; x < s->w; x++) {
      uint8_t want[2];
      expected_pixel(s, x, y, want);
      const uint8_t *got = img.pixels + 2 * ((size_t) y * s->w + x);
      if (got[0] != want[0] || got[1] != want[1])
        g_error("colour type %d, depth %d%s: pixel (%d, %d) is (%d, %d), expected (%d, %d)",
                s->color, s->depth, s->interlace ? " interlaced" : "", x, y, got[0], got[1],
                want[0], want[1]);
    }
  }
  nn_image_free(&img);
  g_byte_array_unref(png);
}

static void test_every_type_and_depth(void)
{
  static const int depths[7][5] = {{1, 2, 4, 8, 16}, {0}, {8, 16}, {1, 2, 4, 8},
                                   {8, 16},          {0}, {8, 16}};
  static const int sizes[][2] = {{13, 11}, {1, 1}, {3, 9}, {17, 2}};
  int decoded = 0;
  for (int color = 0; color <= 6; color++) {
    for (int k = 0; k < 5 && depths[color][k]; k++) {
      for (int interlace = 0; interlace <= 1; interlace++) {
        for (size_t z = 0; z < G_N_ELEMENTS(sizes); z++) {
          int depth = depths[color][k];
          spec s = {.w = sizes[z][0],
                    .h = sizes[z][1],
                    .depth = depth,
                    .color = color,
                    .interlace = interlace,
                    .filter = -1,
                    .idat_size = 7};
          if (color == 3)
            s.n_palette = MIN(1 << depth, 200);
          check_decodes(&s);
          decoded++;
        }
      }
    }
  }
  g_assert_cmpint(decoded, ==, 15 * 2 * 4);
}

static void test_each_filter_alone(void)
{
  for (int f = 0; f <= 4; f++) {
    spec rgba = {.w = 19, .h = 7, .depth = 8, .color = 6, .filter = f, .idat_size = 0};
    check_decodes(&rgba);
    spec grey2 = {.w = 19, .h = 7, .depth = 2, .color = 0, .filter = f, .interlace = 1};
    check_decodes(&grey2);
    spec rgb16 = {.w = 5, .h = 6, .depth = 16, .color = 2, .filter = f};
    check_decodes(&rgb16);
  }
}

static void test_transparency(void)
{
  /* Palette alpha for the first entries only; colour keys for grey and RGB. */
  spec pal = {.w = 16, .h = 16, .depth = 4, .color = 3, .n_palette = 16, .n_trns = 5, .filter = -1};
  check_decodes(&pal);
  spec grey = {.w = 16, .h = 16, .depth = 2, .color = 0, .n_trns = 1, .key = {2}, .filter = -1};
  check_decodes(&grey);
  spec grey16 = {.w = 4, .h = 4, .depth = 16, .color = 0, .n_trns = 1, .filter = -1};
  grey16.key[0] = (uint16_t) sample_at(&grey16, 1, 2, 0); /* one pixel matches */
  check_decodes(&grey16);
  spec rgb = {.w = 4, .h = 4, .depth = 8, .color = 2, .n_trns = 1, .filter = -1};
  for (int c = 0; c < 3; c++)
    rgb.key[c] = (uint16_t) sample_at(&rgb, 3, 0, c);
  check_decodes(&rgb);
}

/* ---- background and grey ---------------------------------------------------------------- */

static nn_image decode_ok(GByteArray *png)
{
  nn_image img;
  nn_error err = {{0}};
  if (!nn_png_read_memory(png->data, png->len, "t.png", &img, &err))
    g_error("%s", err.message);
  g_byte_array_unref(png);
  return img;
}

/* A 2×1 grey+alpha image: pixel 0 (g0, a0), pixel 1 (g1, a1); bKGD when bkgd ≥ 0. */
static GByteArray *two_pixels(int g0, int a0, int g1, int a1, int bkgd)
{
  GByteArray *png = png_start(2, 1, 8, 4, 0);
  if (bkgd >= 0) {
    guint8 b[2] = {0, (guint8) bkgd};
    add_chunk(png, "bKGD", b, 2);
  }
  guint8 raw[5] = {0, (guint8) g0, (guint8) a0, (guint8) g1, (guint8) a1};
  GByteArray *z = compress_bytes(raw, 5);
  add_idats(png, z, 0);
  add_chunk(png, "IEND", NULL, 0);
  g_byte_array_unref(z);
  return png;
}

static void test_background_and_grey(void)
{
  float grey[2];
  /* Dark ink on a transparent canvas: composited over white. */
  nn_image img = decode_ok(two_pixels(0, 255, 0, 0, -1));
  g_assert_false(img.has_background);
  g_assert_cmpfloat(nn_image_background(&img), ==, 1.0f);
  nn_image_to_grey(&img, grey);
  g_assert_cmpfloat(grey[0], ==, 0.0f);
  g_assert_cmpfloat(grey[1], ==, 1.0f);
  nn_image_free(&img);
  /* Light ink: over black, so it stays visible. Half alpha blends half-way. */
  img = decode_ok(two_pixels(255, 255, 255, 128, -1));
  g_assert_cmpfloat(nn_image_background(&img), ==, 0.0f);
  nn_image_to_grey(&img, grey);
  g_assert_cmpfloat(grey[0], ==, 1.0f);
  g_assert_cmpfloat_with_epsilon(grey[1], 128.0f / 255.0f, 1e-6);
  nn_image_free(&img);
  /* The file's bKGD wins over the guess. */
  img = decode_ok(two_pixels(0, 255, 10, 0, 51));
  g_assert_true(img.has_background);
  g_assert_cmpint(img.background, ==, 51);
  g_assert_cmpfloat_with_epsilon(nn_image_background(&img), 0.2f, 1e-6);
  nn_image_to_grey(&img, grey);
  g_assert_cmpfloat_with_epsilon(grey[1], 0.2f, 1e-6);
  nn_image_free(&img);
  /* Nothing visible at all: white. */
  img = decode_ok(two_pixels(0, 0, 0, 0, -1));
  g_assert_cmpfloat(nn_image_background(&img), ==, 1.0f);
  nn_image_free(&img);
}

/* ---- limits ----------------------------------------------------------------------------- */

/* A w×h grey image whose rows are all (filter 0, 0, 1, 2, ...), deflated row by row so that
 * 10,000 × 10,000 pixels need neither the whole raw stream nor much time. */
static GByteArray *big_grey(int w, int h)
{
  GByteArray *png = png_start(w, h, 8, 0, 0);
  z_stream z = {0};
  g_assert_cmpint(deflateInit(&z, 1), ==, Z_OK);
  guint8 *row = g_malloc((size_t) w + 1), out[65536];
  row[0] = 0;
  for (int x = 0; x < w; x++)
    row[x + 1] = (guint8) x;
  GByteArray *zdata = g_byte_array_new();
  for (int y = 0; y < h; y++) {
    z.next_in = row;
    z.avail_in = (uInt) w + 1;
    int flush = y == h - 1 ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = out;
      z.avail_out = sizeof out;
      deflate(&z, flush);
      g_byte_array_append(zdata, out, (guint) (sizeof out - z.avail_out));
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  add_idats(png, zdata, 1 << 20);
  add_chunk(png, "IEND", NULL, 0);
  g_byte_array_unref(zdata);
  g_free(row);
  return png;
}

static void expect_refused(const GByteArray *png, const char *expected)
{
  nn_image img;
  nn_error err = {{0}};
  if (nn_png_read_memory(png->data, png->len, "bad.png", &img, &err))
    g_error("accepted a broken file; expected \"%s\"", expected);
  if (!strstr(err.message, expected))
    g_error("message \"%s\" lacks \"%s\"", err.message, expected);
  g_assert_true(g_str_has_prefix(err.message, "bad.png: "));
  g_assert_null(img.pixels);
}

static void expect_refused_unref(GByteArray *png, const char *expected)
{
  expect_refused(png, expected);
  g_byte_array_unref(png);
}

static void test_size_limits(void)
{
  GByteArray *png = big_grey(10000, 10000);
  nn_image img;
  nn_error err = {{0}};
  g_assert_true(nn_png_read_memory(png->data, png->len, "big.png", &img, &err));
  g_assert_cmpint(img.width, ==, 10000);
  g_assert_cmpint(img.pixels[2 * (9999 * 10000 + 9999)], ==, 9999 % 256);
  g_assert_cmpint(img.pixels[2 * (5000 * 10000 + 300) + 1], ==, 255);
  nn_image_free(&img);
  g_byte_array_unref(png);

  /* Larger in either direction: refused from IHDR alone, before any allocation (the file
   * below has no image data to speak of). */
  expect_refused_unref(png_start(10001, 1, 8, 0, 0),
                       "image is 10001×1 pixels; at most 10000×10000 are accepted");
  expect_refused_unref(png_start(1, 10001, 8, 0, 0), "image is 1×10001 pixels");
  expect_refused_unref(png_start(-1, -1, 8, 0, 0), "image is 4294967295×4294967295 pixels");
  expect_refused_unref(png_start(0, 5, 8, 0, 0), "image is 0×5 pixels; width and height must");
  expect_refused_unref(png_start(5, 0, 8, 0, 0), "must be at least 1");
}

/* ---- broken files ----------------------------------------------------------------------- */

static GByteArray *small_valid(void)
{
  spec s = {.w = 5, .h = 4, .depth = 8, .color = 2, .filter = -1, .idat_size = 20};
  return make_png(&s);
}

/* A 5×4 8-bit grey file whose image data is `raw` (len bytes) before compression. */
static GByteArray *with_scanlines(const guint8 *raw, size_t len)
{
  GByteArray *png = png_start(5, 4, 8, 0, 0);
  GByteArray *z = compress_bytes(raw, len);
  add_idats(png, z, 0);
  add_chunk(png, "IEND", NULL, 0);
  g_byte_array_unref(z);
  return png;
}

static void test_refuses_broken_structure(void)
{
  GByteArray *png = small_valid();
  nn_image img;
  nn_error err;
  g_assert_true(nn_png_read_memory(png->data, png->len, "ok.png", &img, &err));
  nn_image_free(&img);

  expect_refused_unref(g_byte_array_new(), "not a PNG file (bad signature)");
  GByteArray *b = g_byte_array_new();
  g_byte_array_append(b, png->data, png->len);
  b->data[1] = 'J';
  expect_refused_unref(b, "bad signature");

  /* A flipped byte in the image data: the CRC catches it. */
  b = g_byte_array_new();
  g_byte_array_append(b, png->data, png->len);
  b->data[69 + 8 + 3] ^= 0x40; /* inside the first IDAT (after IHDR and tEXt, at 69) */
  expect_refused_unref(b, "CRC mismatch in chunk 'IDAT' at byte 69");

  /* Cut anywhere: refused, never a crash. */
  for (guint cut = 0; cut < png->len; cut++) {
    g_assert_false(nn_png_read_memory(png->data, cut, "cut.png", &img, &err));
    g_assert_true(g_str_has_prefix(err.message, "cut.png: "));
  }
  GByteArray *cut = g_byte_array_new();
  g_byte_array_append(cut, png->data, png->len - 12);
  expect_refused_unref(cut, "missing IEND chunk");
  cut = g_byte_array_new();
  g_byte_array_append(cut, png->data, png->len - 5);
  expect_refused_unref(cut, "truncated chunk at byte");
  cut = g_byte_array_new();
  g_byte_array_append(cut, png->data, 69 + 8 + 10);
  expect_refused_unref(cut, "chunk 'IDAT' at byte 69 claims 20 bytes; only 6 remain");

  b = g_byte_array_new();
  g_byte_array_append(b, png->data, png->len);
  g_byte_array_append(b, (const guint8 *) "garbage", 7);
  expect_refused_unref(b, "7 bytes of garbage after IEND");
  g_byte_array_unref(png);

  /* Chunk order and kinds. */
  b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  add_chunk(b, "IEND", NULL, 0);
  expect_refused_unref(b, "the first chunk is 'IEND', not IHDR");
  b = png_start(2, 2, 8, 0, 0);
  add_chunk(b, "IEND", NULL, 0);
  expect_refused_unref(b, "no image data (IDAT chunk)");
  b = png_start(2, 2, 8, 0, 0);
  add_chunk(b, "ABCD", "x", 1);
  expect_refused_unref(b, "unknown critical chunk 'ABCD'");
  b = png_start(2, 2, 8, 0, 0);
  add_chunk(b, "IDAT", "x", 1);
  add_chunk(b, "tEXt", "a\0b", 3);
  add_chunk(b, "IDAT", "x", 1);
  add_chunk(b, "IEND", NULL, 0);
  expect_refused_unref(b, "IDAT chunks are not consecutive");
  b = png_start(2, 2, 8, 2, 0);
  add_chunk(b, "IDAT", "x", 1);
  add_chunk(b, "PLTE", "abc", 3);
  expect_refused_unref(b, "PLTE chunk after the image data");
  b = png_start(2, 2, 8, 0, 0);
  add_chunk(b, "PLTE", "abc", 3);
  expect_refused_unref(b, "PLTE chunk in a grey image");
  b = png_start(2, 2, 8, 3, 0);
  add_chunk(b, "IDAT", "x", 1);
  add_chunk(b, "IEND", NULL, 0);
  expect_refused_unref(b, "palette image without a PLTE chunk");
  b = png_start(2, 2, 8, 6, 0);
  add_chunk(b, "tRNS", "ab", 2);
  expect_refused_unref(b, "tRNS chunk in an image that has an alpha channel");
  b = png_start(2, 2, 8, 3, 0);
  add_chunk(b, "PLTE", "abcdef", 6);
  add_chunk(b, "tRNS", "abc", 3);
  expect_refused_unref(b, "tRNS chunk has 3 entries for a palette of 2");
  b = png_start(2, 2, 8, 2, 0);
  add_chunk(b, "IHDR", "0123456789abc", 13);
  expect_refused_unref(b, "a second IHDR chunk");

  /* IHDR values. */
  expect_refused_unref(png_start(2, 2, 4, 2, 0), "bit depth 4 is not allowed for colour type 2");
  expect_refused_unref(png_start(2, 2, 16, 3, 0), "bit depth 16 is not allowed for colour type 3");
  expect_refused_unref(png_start(2, 2, 3, 0, 0), "bit depth 3 is not allowed");
  expect_refused_unref(png_start(2, 2, 8, 5, 0), "unknown colour type 5");
  expect_refused_unref(png_start(2, 2, 8, 0, 2), "unknown interlace method 2");
  b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  add_chunk(b, "IHDR", "\0\0\0\1\0\0\0\1\x08\0\0", 11);
  expect_refused_unref(b, "IHDR chunk has 11 bytes, not 13");
  b = g_byte_array_new();
  g_byte_array_append(b, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  add_chunk(b, "IHDR", "\0\0\0\1\0\0\0\1\x08\0\1\0\0", 13);
  expect_refused_unref(b, "unknown compression method 1");
}

static void test_refuses_broken_image_data(void)
{
  /* 5×4 grey, 8 bits: 4 rows of 1 + 5 bytes. */
  guint8 raw[4 * 6 + 6] = {0};
  GByteArray *ok = with_scanlines(raw, 24);
  nn_image img;
  nn_error err;
  g_assert_true(nn_png_read_memory(ok->data, ok->len, "ok.png", &img, &err));
  nn_image_free(&img);
  g_byte_array_unref(ok);

  raw[12] = 5; /* row 2's filter byte */
  expect_refused_unref(with_scanlines(raw, 24), "bad filter type 5 in row 2");
  raw[12] = 0;
  expect_refused_unref(with_scanlines(raw, 23), "truncated image data");
  expect_refused_unref(with_scanlines(raw, 30), "the image data is longer than the image");

  /* Valid zlib stream, then more bytes in the IDAT after its end. */
  GByteArray *png = png_start(5, 4, 8, 0, 0);
  GByteArray *z = compress_bytes(raw, 24);
  g_byte_array_append(z, (const guint8 *) "xx", 2);
  add_idats(png, z, 0);
  add_chunk(png, "IEND", NULL, 0);
  expect_refused_unref(png, "data after the end of the compressed image stream");
  g_byte_array_unref(z);

  /* Corrupt compressed data with a correct CRC: zlib's own complaint. */
  png = png_start(5, 4, 8, 0, 0);
  z = compress_bytes(raw, 24);
  z->data[z->len - 1] ^= 0xff; /* the Adler-32 */
  add_idats(png, z, 0);
  add_chunk(png, "IEND", NULL, 0);
  expect_refused_unref(png, "bad compressed image data: incorrect data check");
  g_byte_array_unref(z);
  png = png_start(5, 4, 8, 0, 0);
  add_chunk(png, "IDAT", "\x78\x9c\xff\xff\xff", 5);
  add_chunk(png, "IEND", NULL, 0);
  expect_refused_unref(png, "bad compressed image data");

  /* A palette index past the palette. */
  png = png_start(2, 1, 8, 3, 0);
  add_chunk(png, "PLTE", "abcdefghijkl", 12);
  guint8 indices[3] = {0, 1, 4};
  z = compress_bytes(indices, 3);
  add_idats(png, z, 0);
  add_chunk(png, "IEND", NULL, 0);
  expect_refused_unref(png, "palette index 4 is past the palette's 4 entries");
  g_byte_array_unref(z);
}

static void test_read_file(void)
{
  char *dir = g_dir_make_tmp("test-png-XXXXXX", NULL);
  char *path = g_build_filename(dir, "t.png", NULL);
  GByteArray *png = small_valid();
  g_assert_true(g_file_set_contents(path, (const char *) png->data, png->len, NULL));
  nn_image img;
  nn_error err;
  g_assert_true(nn_png_read_file(path, &img, &err));
  g_assert_cmpint(img.width, ==, 5);
  nn_image_free(&img);
  png->data[20] ^= 1;
  g_assert_true(g_file_set_contents(path, (const char *) png->data, png->len, NULL));
  g_assert_false(nn_png_read_file(path, &img, &err));
  g_assert_true(g_str_has_prefix(err.message, path));
  g_assert_nonnull(strstr(err.message, "CRC mismatch in chunk 'IHDR'"));
  g_assert_false(nn_png_read_file("/nonexistent.png", &img, &err));
  g_assert_cmpstr(err.message, ==, "/nonexistent.png: No such file or directory");
  g_assert_false(nn_png_read_file(dir, &img, &err));
  g_assert_nonnull(strstr(err.message, "not a regular file"));
  g_unlink(path);
  g_rmdir(dir);
  g_byte_array_unref(png);
  g_free(path);
  g_free(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/png/every-type-and-depth", test_every_type_and_depth);
  g_test_add_func("/png/each-filter", test_each_filter_alone);
  g_test_add_func("/png/transparency", test_transparency);
  g_test_add_func("/png/background-and-grey", test_background_and_grey);
  g_test_add_func("/png/size-limits", test_size_limits);
  g_test_add_func("/png/broken-structure", test_refuses_broken_structure);
  g_test_add_func("/png/broken-image-data", test_refuses_broken_image_data);
  g_test_add_func("/png/read-file", test_read_file);
  return g_test_run();
}
