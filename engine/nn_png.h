/* nn_png.h — a small, strict PNG decoder (zlib for inflate, no libpng), for
 * `everything-is-a-font-cli predict MODEL IMAGE.png`.
 *
 * Accepted: every colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA) at every bit
 * depth the specification allows (1, 2, 4, 8, 16), PLTE, tRNS (colour key or palette alpha),
 * bKGD, all five row filters, Adam7 interlacing, image data split over any number of
 * consecutive IDAT chunks. Other ancillary chunks (gAMA, tEXt, pHYs, ...) are skipped: no
 * gamma or colour-profile correction is applied. Width and height are 1..NN_PNG_MAX_SIDE.
 *
 * Refused, with a message naming the file and what is wrong: a bad signature, a chunk whose
 * length runs past the end or whose CRC is wrong, an invalid IHDR (size, depth, colour type,
 * methods), an image larger than the limit (checked before anything is allocated), a missing
 * or misplaced chunk (IHDR first, PLTE/tRNS/bKGD before IDAT, consecutive IDATs, IEND last,
 * nothing after it), an unknown critical chunk, a filter type above 4, a palette index past
 * the palette, compressed data that zlib rejects, image data shorter than the image needs
 * ("truncated image data") or longer than it (trailing data).
 *
 * Output: 8-bit grey and alpha per pixel. The engine only ever looks at grey, so colour is
 * reduced on decoding with the BT.601 luma weights of PIL's convert("L") (0.299 R + 0.587 G +
 * 0.114 B, in PIL's fixed point, so 8-bit images give PIL's values exactly), computed at the
 * file's own depth; 16-bit values are then rounded to 8 bits, 1-, 2- and 4-bit values scaled
 * to 0..255. Memory: the image (2 bytes a pixel) and two rows.
 */
#ifndef NN_PNG_H
#define NN_PNG_H

#include "nn_base.h"

#define NN_PNG_MAX_SIDE 10000
/* Largest file read (a 10000×10000 RGBA image of noise at 16 bits is ~800 MB). */
#define NN_PNG_MAX_FILE ((size_t) 1 << 30)

typedef struct nn_image {
  int width, height;
  uint8_t *pixels;     /* (height, width, 2): grey then alpha, row-major; owned */
  bool has_background; /* the file had a bKGD chunk */
  uint8_t background;  /* its grey value */
} nn_image;

bool nn_png_read_file(const char *path, nn_image *out, nn_error *err);
/* Decodes `len` bytes at `buf` (not copied; only read during the call); `name` is used in
 * messages. */
bool nn_png_read_memory(const void *buf, size_t len, const char *name, nn_image *out,
                        nn_error *err);
void nn_image_free(nn_image *img);

/* The grey, in [0, 1], that transparent parts of the image stand for: the file's bKGD colour
 * when it has one; otherwise the colour that contrasts with what is drawn — white (1) when the
 * visible pixels are dark on average (weighted by alpha), black (0) when they are light — so a
 * digit drawn on a transparent canvas stays visible whichever ink it used. */
float nn_image_background(const nn_image *img);
/* grey (height, width) in [0, 1], alpha composited over nn_image_background(img). */
void nn_image_to_grey(const nn_image *img, float *grey);

#endif
