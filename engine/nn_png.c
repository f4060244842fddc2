/* PNG: the file's structure — signature, chunks, their CRCs and order, IHDR, PLTE, tRNS, bKGD —
 * checked completely before a byte of image memory is allocated. The pixels themselves are
 * decoded by nn_png_pixels.c. */
#include "nn_png.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "nn_png_private.h"

static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static uint32_t be32(const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static uint16_t be16(const uint8_t *p)
{
  return (uint16_t) (p[0] << 8 | p[1]);
}

typedef struct chunk {
  size_t offset; /* of its length field */
  uint32_t len;
  char type[5];
  const uint8_t *data;
} chunk;

/* What the walk has seen so far, for the ordering rules. */
typedef struct walk {
  png_info *info;
  bool seen_ihdr, seen_plte, seen_trns, seen_bkgd, seen_iend, idat_done;
  int last_was_idat;
  nn_image *out;
} walk;

static bool read_ihdr(const chunk *c, png_info *info, nn_error *err)
{
  if (c->len != 13)
    return nn_fail(err, "IHDR chunk has %u bytes, not 13", c->len);
  const uint8_t *d = c->data;
  info->width = be32(d);
  info->height = be32(d + 4);
  info->depth = d[8];
  info->color_type = d[9];
  info->interlace = d[12];
  if (info->width == 0 || info->height == 0)
    return nn_fail(err, "image is %u×%u pixels; width and height must be at least 1", info->width,
                   info->height);
  if (info->width > NN_PNG_MAX_SIDE || info->height > NN_PNG_MAX_SIDE)
    return nn_fail(err, "image is %u×%u pixels; at most %d×%d are accepted", info->width,
                   info->height, NN_PNG_MAX_SIDE, NN_PNG_MAX_SIDE);
  static const int channels[7] = {1, 0, 3, 1, 2, 0, 4};
  /* Allowed depths per colour type, as bit masks of 1 << depth. */
  static const unsigned depths[7] = {1u << 1 | 1u << 2 | 1u << 4 | 1u << 8 | 1u << 16,
                                     0,
                                     1u << 8 | 1u << 16,
                                     1u << 1 | 1u << 2 | 1u << 4 | 1u << 8,
                                     1u << 8 | 1u << 16,
                                     0,
                                     1u << 8 | 1u << 16};
  if (info->color_type > 6 || channels[info->color_type] == 0)
    return nn_fail(err, "unknown colour type %d", info->color_type);
  if (info->depth > 16 || !(depths[info->color_type] & (1u << info->depth)))
    return nn_fail(err, "bit depth %d is not allowed for colour type %d", info->depth,
                   info->color_type);
  if (d[10] != 0)
    return nn_fail(err, "unknown compression method %d", d[10]);
  if (d[11] != 0)
    return nn_fail(err, "unknown filter method %d", d[11]);
  if (info->interlace > 1)
    return nn_fail(err, "unknown interlace method %d", info->interlace);
  info->channels = channels[info->color_type];
  return true;
}

static bool read_plte(const chunk *c, png_info *info, nn_error *err)
{
  if (info->color_type == 0 || info->color_type == 4)
    return nn_fail(err, "PLTE chunk in a grey image");
  if (c->len == 0 || c->len % 3 != 0 || c->len > 768)
    return nn_fail(err, "PLTE chunk of %u bytes (must be 3 to 768, a multiple of 3)", c->len);
  info->n_palette = (int) c->len / 3;
  for (int i = 0; i < info->n_palette; i++) {
    const uint8_t *rgb = c->data + 3 * i;
    info->palette_grey[i] = (uint8_t) nn_png_luma(rgb[0], rgb[1], rgb[2]);
    info->palette_alpha[i] = 255;
  }
  return true;
}

static bool read_trns(const chunk *c, png_info *info, nn_error *err)
{
  switch (info->color_type) {
  case 0:
  case 2: {
    uint32_t want = info->color_type == 0 ? 2 : 6;
    if (c->len != want)
      return nn_fail(err, "tRNS chunk of %u bytes; colour type %d needs %u", c->len,
                     info->color_type, want);
    for (uint32_t k = 0; k < want / 2; k++)
      info->key[k] = be16(c->data + 2 * k);
    info->has_key = true;
    return true;
  }
  case 3:
    if (info->n_palette == 0)
      return nn_fail(err, "tRNS chunk before PLTE");
    if (c->len > (uint32_t) info->n_palette)
      return nn_fail(err, "tRNS chunk has %u entries for a palette of %d", c->len, info->n_palette);
    memcpy(info->palette_alpha, c->data, c->len);
    return true;
  default:
    return nn_fail(err, "tRNS chunk in an image that has an alpha channel");
  }
}

static bool read_bkgd(const chunk *c, png_info *info, nn_image *out, nn_error *err)
{
  uint32_t want = info->color_type == 3                              ? 1
                  : (info->color_type == 2 || info->color_type == 6) ? 6
                                                                     : 2;
  if (c->len != want)
    return nn_fail(err, "bKGD chunk of %u bytes; colour type %d needs %u", c->len, info->color_type,
                   want);
  uint32_t max = (1u << info->depth) - 1;
  if (info->color_type == 3) {
    if (info->n_palette == 0 || c->data[0] >= info->n_palette)
      return nn_fail(err, "bKGD palette index %d is not in the palette", c->data[0]);
    out->background = info->palette_grey[c->data[0]];
  } else if (want == 2) {
    uint32_t g = be16(c->data);
    if (g > max)
      return nn_fail(err, "bKGD grey %u does not fit in %d bits", g, info->depth);
    out->background = nn_png_to8(g, info->depth);
  } else {
    uint32_t r = be16(c->data), g = be16(c->data + 2), b = be16(c->data + 4);
    if (r > max || g > max || b > max)
      return nn_fail(err, "bKGD colour does not fit in %d bits", info->depth);
    out->background = nn_png_to8(nn_png_luma(r, g, b), info->depth);
  }
  out->has_background = true;
  return true;
}

/* Ordering: IHDR first; PLTE, tRNS, bKGD once each and before IDAT; IDATs consecutive. */
static bool check_order(walk *w, const chunk *c, nn_error *err)
{
  bool is_idat = strcmp(c->type, "IDAT") == 0;
  if (!w->seen_ihdr && strcmp(c->type, "IHDR") != 0)
    return nn_fail(err, "the first chunk is '%s', not IHDR", c->type);
  if (w->seen_ihdr && strcmp(c->type, "IHDR") == 0)
    return nn_fail(err, "a second IHDR chunk at byte %zu", c->offset);
  if (is_idat && w->idat_done)
    return nn_fail(err, "IDAT chunks are not consecutive (another one at byte %zu)", c->offset);
  if (!is_idat && w->last_was_idat)
    w->idat_done = true;
  bool before_idat =
      strcmp(c->type, "PLTE") == 0 || strcmp(c->type, "tRNS") == 0 || strcmp(c->type, "bKGD") == 0;
  if (before_idat && w->info->n_idat > 0)
    return nn_fail(err, "%s chunk after the image data", c->type);
  bool *seen = strcmp(c->type, "PLTE") == 0   ? &w->seen_plte
               : strcmp(c->type, "tRNS") == 0 ? &w->seen_trns
               : strcmp(c->type, "bKGD") == 0 ? &w->seen_bkgd
                                              : NULL;
  if (seen && *seen)
    return nn_fail(err, "two %s chunks", c->type);
  if (seen)
    *seen = true;
  w->last_was_idat = is_idat;
  return true;
}

static bool handle_chunk(walk *w, const chunk *c, nn_error *err)
{
  png_info *info = w->info;
  if (!check_order(w, c, err))
    return false;
  if (strcmp(c->type, "IHDR") == 0) {
    w->seen_ihdr = true;
    return read_ihdr(c, info, err);
  }
  if (strcmp(c->type, "PLTE") == 0) {
    if (w->seen_trns || w->seen_bkgd)
      return nn_fail(err, "PLTE chunk after tRNS or bKGD");
    return read_plte(c, info, err);
  }
  if (strcmp(c->type, "tRNS") == 0)
    return read_trns(c, info, err);
  if (strcmp(c->type, "bKGD") == 0)
    return read_bkgd(c, info, w->out, err);
  if (strcmp(c->type, "IDAT") == 0) {
    if (info->n_idat++ == 0)
      info->first_idat = c->offset;
    return true;
  }
  if (strcmp(c->type, "IEND") == 0) {
    if (c->len != 0)
      return nn_fail(err, "IEND chunk has %u bytes of data", c->len);
    w->seen_iend = true;
    return true;
  }
  /* Bit 5 of the first letter: lower case = ancillary, safe to skip. */
  if (!(c->type[0] & 0x20))
    return nn_fail(err, "unknown critical chunk '%s'", c->type);
  return true;
}

/* The chunk at `pos`: length, type and CRC checked against the bytes available. */
static bool next_chunk(const uint8_t *png, size_t len, size_t pos, chunk *c, nn_error *err)
{
  if (len - pos < 12)
    return nn_fail(err, "truncated chunk at byte %zu (%zu bytes left)", pos, len - pos);
  c->offset = pos;
  c->len = be32(png + pos);
  memcpy(c->type, png + pos + 4, 4);
  c->type[4] = '\0';
  for (int k = 0; k < 4; k++) {
    char ch = c->type[k];
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
      return nn_fail(err, "bad chunk type at byte %zu", pos);
  }
  if (c->len > 0x7fffffffu)
    return nn_fail(err, "chunk '%s' at byte %zu claims %u bytes (at most 2³¹−1)", c->type, pos,
                   c->len);
  if (c->len > len - pos - 12)
    return nn_fail(err, "chunk '%s' at byte %zu claims %u bytes; only %zu remain", c->type, pos,
                   c->len, len - pos - 12);
  c->data = png + pos + 8;
  uLong crc = crc32(crc32(0L, Z_NULL, 0), png + pos + 4, c->len + 4);
  if ((uint32_t) crc != be32(png + pos + 8 + c->len))
    return nn_fail(err, "CRC mismatch in chunk '%s' at byte %zu", c->type, pos);
  return true;
}

static bool walk_chunks(const uint8_t *png, size_t len, png_info *info, nn_image *out,
                        nn_error *err)
{
  if (len < 8 || memcmp(png, signature, 8) != 0)
    return nn_fail(err, "not a PNG file (bad signature)");
  walk w = {.info = info, .out = out};
  size_t pos = 8;
  while (!w.seen_iend) {
    if (pos == len)
      return nn_fail(err, "missing IEND chunk");
    chunk c;
    if (!next_chunk(png, len, pos, &c, err) || !handle_chunk(&w, &c, err))
      return false;
    pos += 12 + (size_t) c.len;
  }
  if (pos != len)
    return nn_fail(err, "%zu bytes of garbage after IEND", len - pos);
  if (info->n_idat == 0)
    return nn_fail(err, "no image data (IDAT chunk)");
  if (info->color_type == 3 && info->n_palette == 0)
    return nn_fail(err, "palette image without a PLTE chunk");
  return true;
}

static bool decode(const uint8_t *png, size_t len, nn_image *out, nn_error *err)
{
  png_info info = {0};
  if (!walk_chunks(png, len, &info, out, err))
    return false;
  /* The size was checked against NN_PNG_MAX_SIDE in IHDR: this cannot overflow. */
  out->pixels = nn_alloc((size_t) info.width * info.height, 2, err);
  if (!out->pixels)
    return false;
  out->width = (int) info.width;
  out->height = (int) info.height;
  return nn_png_decode_pixels(png, &info, out, err);
}

bool nn_png_read_memory(const void *buf, size_t len, const char *name, nn_image *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  if (!decode(buf, len, out, err)) {
    nn_image_free(out);
    return nn_fail_prefix(err, name);
  }
  return true;
}

bool nn_png_read_file(const char *path, nn_image *out, nn_error *err)
{
  memset(out, 0, sizeof *out);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return nn_fail(err, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(fp);
    return nn_fail(err, "%s: not a regular file", path);
  }
  if ((uintmax_t) st.st_size > NN_PNG_MAX_FILE) {
    fclose(fp);
    return nn_fail(err, "%s: %jd bytes; at most %zu are read", path, (intmax_t) st.st_size,
                   NN_PNG_MAX_FILE);
  }
  size_t size = (size_t) st.st_size;
  uint8_t *buf = nn_alloc(size, 1, err);
  if (!buf) {
    fclose(fp);
    return nn_fail_prefix(err, path);
  }
  size_t got = size ? fread(buf, 1, size, fp) : 0;
  bool failed = ferror(fp);
  fclose(fp);
  if (got != size || failed) {
    free(buf);
    return nn_fail(err, "%s: read error", path);
  }
  bool ok = nn_png_read_memory(buf, size, path, out, err);
  free(buf);
  return ok;
}

void nn_image_free(nn_image *img)
{
  free(img->pixels);
  memset(img, 0, sizeof *img);
}

float nn_image_background(const nn_image *img)
{
  if (img->has_background)
    return (float) img->background / 255.0f;
  double ink = 0.0, alpha = 0.0;
  size_t n = (size_t) img->width * (size_t) img->height;
  for (size_t i = 0; i < n; i++) {
    ink += (double) img->pixels[2 * i] * img->pixels[2 * i + 1];
    alpha += img->pixels[2 * i + 1];
  }
  if (alpha == 0.0)
    return 1.0f;
  return ink / alpha < 127.5 ? 1.0f : 0.0f;
}

void nn_image_to_grey(const nn_image *img, float *grey)
{
  const float background = nn_image_background(img);
  size_t n = (size_t) img->width * (size_t) img->height;
  for (size_t i = 0; i < n; i++) {
    float g = img->pixels[2 * i] / 255.0f, a = img->pixels[2 * i + 1] / 255.0f;
    grey[i] = g * a + background * (1.0f - a);
  }
}
