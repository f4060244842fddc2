/* Palette and colour maps (declared in eiaf-plot-draw.h). Every map is readable by
 * colour-blind people: no red/green distinction is ever the only one. */
#include "eiaf-plot-draw.h"

#include <math.h>

G_DEFINE_ENUM_TYPE(EiafColormap, eiaf_colormap,
                   G_DEFINE_ENUM_VALUE(EIAF_COLORMAP_DIVERGING, "diverging"),
                   G_DEFINE_ENUM_VALUE(EIAF_COLORMAP_SEQUENTIAL, "sequential"),
                   G_DEFINE_ENUM_VALUE(EIAF_COLORMAP_GREY, "grey"))

/* Okabe & Ito, "Color Universal Design" (2008), in the order that keeps the first two (the
 * usual pair: class 0/1, train/validation) as far apart as possible. */
static const guint32 okabe_ito[EIAF_PALETTE_SIZE] = {
    0x0072B2, /* blue */
    0xE69F00, /* orange */
    0x009E73, /* bluish green */
    0xD55E00, /* vermillion */
    0xCC79A7, /* reddish purple */
    0x56B4E9, /* sky blue */
    0xF0E442, /* yellow */
    0x999999, /* grey */
};

static void rgb_from_hex(guint32 hex, GdkRGBA *out)
{
  out->red = ((hex >> 16) & 0xff) / 255.0f;
  out->green = ((hex >> 8) & 0xff) / 255.0f;
  out->blue = (hex & 0xff) / 255.0f;
  out->alpha = 1.0f;
}

void eiaf_palette_color(guint index, gboolean dark, GdkRGBA *out)
{
  g_return_if_fail(out != NULL);
  rgb_from_hex(okabe_ito[index % EIAF_PALETTE_SIZE], out);
  if (dark) {
    /* The deep blue and vermillion sink into dark paper; lift every colour a little. */
    static const GdkRGBA white = {1, 1, 1, 1};
    *out = eiaf_rgba_mix(out, &white, 0.22);
  }
}

GdkRGBA eiaf_rgba_mix(const GdkRGBA *a, const GdkRGBA *b, double t)
{
  GdkRGBA c = {
      (float) (a->red + (b->red - a->red) * t),
      (float) (a->green + (b->green - a->green) * t),
      (float) (a->blue + (b->blue - a->blue) * t),
      (float) (a->alpha + (b->alpha - a->alpha) * t),
  };
  return c;
}

static guint32 pack_argb(double r, double g, double b, double a)
{
  /* Cairo's ARGB32 is premultiplied. */
  guint32 A = (guint32) lround(CLAMP(a, 0.0, 1.0) * 255.0);
  guint32 R = (guint32) lround(CLAMP(r, 0.0, 1.0) * A);
  guint32 G = (guint32) lround(CLAMP(g, 0.0, 1.0) * A);
  guint32 B = (guint32) lround(CLAMP(b, 0.0, 1.0) * A);
  return (A << 24) | (R << 16) | (G << 8) | B;
}

guint32 eiaf_rgba_to_argb(const GdkRGBA *c)
{
  return pack_argb(c->red, c->green, c->blue, c->alpha);
}

typedef struct {
  double t;
  guint32 rgb;
} Stop;

/* Blue from ColorBrewer's RdBu, orange from PuOr, meeting in a near-white zero: the two signs
 * differ in hue and both fade to the same neutral, which survives every colour-vision type. */
static const Stop diverging_stops[] = {
    {0.00, 0x053061}, {0.18, 0x2166AC}, {0.35, 0x6BAED6}, {0.50, 0xF7F7F7},
    {0.65, 0xFDB863}, {0.82, 0xE08214}, {1.00, 0x7F3B08},
};

/* Samples of matplotlib's viridis (perceptually uniform, monotonic in lightness). */
static const Stop sequential_stops[] = {
    {0.0, 0x440154}, {0.1, 0x482475}, {0.2, 0x414487}, {0.3, 0x355F8D},
    {0.4, 0x2A788E}, {0.5, 0x21918C}, {0.6, 0x22A884}, {0.7, 0x44BF70},
    {0.8, 0x7AD151}, {0.9, 0xBDDF26}, {1.0, 0xFDE725},
};

static const Stop grey_stops[] = {{0.0, 0x000000}, {1.0, 0xFFFFFF}};

#define LUT_SIZE 256
#define NAN_ARGB 0xFF9A9A9Au

static void interpolate(const Stop *stops, gsize n, double t, GdkRGBA *out)
{
  gsize i = 0;
  while (i + 2 < n && t > stops[i + 1].t)
    i++;
  GdkRGBA a, b;
  rgb_from_hex(stops[i].rgb, &a);
  rgb_from_hex(stops[i + 1].rgb, &b);
  double u = (t - stops[i].t) / (stops[i + 1].t - stops[i].t);
  *out = eiaf_rgba_mix(&a, &b, CLAMP(u, 0.0, 1.0));
}

static const Stop *map_stops(EiafColormap map, gsize *n)
{
  switch (map) {
  case EIAF_COLORMAP_DIVERGING:
    *n = G_N_ELEMENTS(diverging_stops);
    return diverging_stops;
  case EIAF_COLORMAP_SEQUENTIAL:
    *n = G_N_ELEMENTS(sequential_stops);
    return sequential_stops;
  case EIAF_COLORMAP_GREY:
  default:
    *n = G_N_ELEMENTS(grey_stops);
    return grey_stops;
  }
}

/* Tables built once: a field of 40,000 cells then costs 40,000 lookups. Read-only after. */
static const guint32 *lut_for(EiafColormap map)
{
  static guint32 tables[3][LUT_SIZE];
  static gsize ready = 0;
  if (g_once_init_enter(&ready)) {
    for (int m = 0; m < 3; m++) {
      gsize n;
      const Stop *stops = map_stops((EiafColormap) m, &n);
      for (int i = 0; i < LUT_SIZE; i++) {
        GdkRGBA c;
        interpolate(stops, n, i / (double) (LUT_SIZE - 1), &c);
        tables[m][i] = pack_argb(c.red, c.green, c.blue, 1.0);
      }
    }
    g_once_init_leave(&ready, 1);
  }
  return tables[CLAMP((int) map, 0, 2)];
}

guint32 eiaf_colormap_argb(EiafColormap map, double t)
{
  if (isnan(t))
    return NAN_ARGB;
  int i = (int) lround(CLAMP(t, 0.0, 1.0) * (LUT_SIZE - 1));
  return lut_for(map)[i];
}

void eiaf_colormap_rgba(EiafColormap map, double t, GdkRGBA *out)
{
  g_return_if_fail(out != NULL);
  if (isnan(t)) {
    rgb_from_hex(NAN_ARGB & 0xffffff, out);
    return;
  }
  gsize n;
  const Stop *stops = map_stops(map, &n);
  interpolate(stops, n, CLAMP(t, 0.0, 1.0), out);
}
