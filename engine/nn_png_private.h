/* nn_png_private.h — what the PNG chunk walker (nn_png.c) hands to the pixel decoder
 * (nn_png_pixels.c). */
#ifndef NN_PNG_PRIVATE_H
#define NN_PNG_PRIVATE_H

#include "nn_png.h"

typedef struct png_info {
  uint32_t width, height;
  int depth;      /* bits per sample: 1, 2, 4, 8, 16 */
  int color_type; /* 0, 2, 3, 4, 6 */
  int interlace;  /* 0 none, 1 Adam7 */
  int channels;   /* samples per pixel: 1, 3, 1, 2, 4 */
  /* Palette images: each entry's grey and alpha (tRNS), ready to copy. */
  int n_palette;
  uint8_t palette_grey[256], palette_alpha[256];
  /* Grey and RGB images: the colour key of tRNS, at the file's depth. */
  bool has_key;
  uint16_t key[3];
  /* The consecutive IDAT chunks: offset of the first one's length field, and how many. */
  size_t first_idat;
  int n_idat;
} png_info;

/* Inflates the IDAT stream of `png` (whose chunks were all checked) into out->pixels
 * (allocated by the caller: width × height × 2 bytes). */
bool nn_png_decode_pixels(const uint8_t *png, const png_info *info, nn_image *out, nn_error *err);

/* BT.601 luma exactly as PIL's convert("L") computes it, in 16-bit fixed point (the weights
 * 0.299, 0.587, 0.114 sum to 65536/65536); at 16 bits the sum still fits in 32 bits. */
static inline uint32_t nn_png_luma(uint32_t r, uint32_t g, uint32_t b)
{
  return (19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16;
}

/* A sample of `depth` bits scaled to 8 bits: 16-bit rounded, 1/2/4-bit stretched. */
static inline uint8_t nn_png_to8(uint32_t v, int depth)
{
  if (depth == 16)
    return (uint8_t) ((v * 255 + 32767) / 65535);
  if (depth == 8)
    return (uint8_t) v;
  return (uint8_t) (v * 255 / ((1u << depth) - 1));
}

#endif
