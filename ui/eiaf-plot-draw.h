/* Drawing helpers every plot shares: theme colours and palettes, colour maps, nice ticks,
 * axes, text, legends, polylines, iso-lines, colour bars, placeholders and surface caches.
 * Plain cairo and Pango; not a widget. All coordinates are in user units (logical pixels);
 * `scale` is the number of device pixels per unit, used to keep hairlines on the pixel grid. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Colours of one theme, read from the style context by EiafPlot. All opaque. */
typedef struct {
  GdkRGBA fg;     /* text, titles */
  GdkRGBA dim;    /* tick labels, secondary text */
  GdkRGBA axis;   /* axis lines and ticks */
  GdkRGBA grid;   /* faint grid lines */
  GdkRGBA accent; /* the one thing to look at */
  GdkRGBA paper;  /* background */
  gboolean dark;
} EiafPlotColors;

/* ---- palette and colour maps ---- */

/* Okabe & Ito's colour-blind-safe palette (without black): blue, orange, bluish green,
 * vermillion, reddish purple, sky blue, yellow, grey. Lightened a little on dark paper.
 * Index wraps around. */
#define EIAF_PALETTE_SIZE 8
void eiaf_palette_color(guint index, gboolean dark, GdkRGBA *out);

typedef enum {
  EIAF_COLORMAP_DIVERGING,  /* blue – white – orange; 0.5 is the centre (zero) */
  EIAF_COLORMAP_SEQUENTIAL, /* viridis-like: dark purple – teal – yellow */
  EIAF_COLORMAP_GREY,       /* black – white */
} EiafColormap;

#define EIAF_TYPE_COLORMAP (eiaf_colormap_get_type())
GType eiaf_colormap_get_type(void) G_GNUC_CONST;

/* Colour at t ∈ [0, 1] (clamped; NaN gives a neutral grey) as premultiplied opaque ARGB32,
 * ready for a CAIRO_FORMAT_ARGB32 image surface. */
guint32 eiaf_colormap_argb(EiafColormap map, double t);
void eiaf_colormap_rgba(EiafColormap map, double t, GdkRGBA *out);

/* (1 - t)·a + t·b, alpha included. */
GdkRGBA eiaf_rgba_mix(const GdkRGBA *a, const GdkRGBA *b, double t);
guint32 eiaf_rgba_to_argb(const GdkRGBA *c);

/* ---- ticks: Heckbert's "nice numbers" (Graphics Gems, 1990) ---- */

#define EIAF_MAX_TICKS 32

typedef struct {
  double lo, hi; /* the axis range (widened to whole ticks when loose) */
  double step;   /* linear: distance between ticks */
  gboolean log;
  int n;
  int frac_digits; /* digits after the point every label needs */
  gboolean scientific;
  double values[EIAF_MAX_TICKS];
} EiafTicks;

/* Makes lo < hi and both finite: equal ends are spread apart, non-finite ones replaced.
 * With `log`, both end up positive. */
void eiaf_range_sanitize(double *lo, double *hi, gboolean log);
/* About max_ticks ticks over [lo, hi]; `loose` widens the range to the outer ticks. */
void eiaf_ticks_linear(EiafTicks *t, double lo, double hi, int max_ticks, gboolean loose);
/* Ticks that were finer than 1 become whole numbers (for axes that count epochs or steps,
 * where 1.5 means nothing): at most one tick per integer. */
void eiaf_ticks_whole(EiafTicks *t);
/* Decades (and 2, 5 between them over short ranges) over [lo, hi], lo > 0. */
void eiaf_ticks_log(EiafTicks *t, double lo, double hi, int max_ticks, gboolean loose);
/* A tick label: "0.25", "−3", "1e6", with a real minus sign. */
void eiaf_ticks_format(const EiafTicks *t, double v, char *buf, gsize size);
/* A value with `digits` significant digits, the same way (for read-outs). */
void eiaf_format_value(double v, int digits, char *buf, gsize size);

/* ---- text ---- */

void eiaf_text_size(PangoLayout *layout, const char *text, double *width, double *height);
/* Draws text so that (x, y) is at (xalign, yalign) of its box: 0, 0 = top left. */
void eiaf_draw_text(cairo_t *cr, PangoLayout *layout, const char *text, double x, double y,
                    double xalign, double yalign);

/* ---- axes ---- */

typedef struct {
  /* in: data ranges, how to lay them out and what to call them */
  double x0, x1, y0, y1;
  gboolean x_loose, y_loose; /* widen the range to whole ticks (automatic ranges) */
  gboolean log_y;
  gboolean x_whole; /* x counts epochs or steps: ticks on whole numbers only */
  gboolean no_grid; /* for pictures that fill the plot area (fields, contours) */
  const char *x_title, *y_title;
  /* out: the plot area (user units) and the ticks; x0..y1 become the drawn ranges */
  double px, py, pw, ph;
  EiafTicks xt, yt;
  double ylabel_w, text_h; /* for placing the titles */
} EiafAxes;

/* Fits the axes with their labels into the box (bx, by, bw, bh) and computes the ticks. */
void eiaf_axes_layout(EiafAxes *ax, PangoLayout *layout, double bx, double by, double bw,
                      double bh);
/* Grid, axis lines, ticks, tick labels and titles. */
void eiaf_axes_draw(const EiafAxes *ax, cairo_t *cr, PangoLayout *layout,
                    const EiafPlotColors *colors, int scale);
double eiaf_axes_map_x(const EiafAxes *ax, double x);
double eiaf_axes_map_y(const EiafAxes *ax, double y); /* NaN where log_y and y <= 0 */
double eiaf_axes_unmap_x(const EiafAxes *ax, double px);
double eiaf_axes_unmap_y(const EiafAxes *ax, double py);
/* Same ranges and plot area: what a cache of the drawing depends on. */
gboolean eiaf_axes_same_frame(const EiafAxes *a, const EiafAxes *b);
void eiaf_axes_clip(const EiafAxes *ax, cairo_t *cr);

/* Where a line of width `line_width` at v must lie to cover whole device pixels. */
double eiaf_snap(double v, double line_width, int scale);

/* ---- paths ---- */

/* Adds the polyline through points begin..end-1, starting a new sub-path after every
 * non-finite point (a gap). Runs of points that fall in one device-pixel column are reduced
 * to their first, lowest, highest and last point, so a long series costs what the plot is
 * wide, not what the series is long. */
void eiaf_path_polyline(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y,
                        gsize begin, gsize end, int scale);

/* Strokes the same polyline with the current source, line width `line_width` and the current
 * joins and caps. Where the data is so dense and noisy that one device column holds a tall
 * zig-zag, that column is filled as the box the zig-zag would paint: cairo's stroker pays
 * tens of microseconds for every segment of a self-overlapping zig-zag (40 ms for three
 * noisy 10,000-point curves), the box costs a few. */
void eiaf_draw_polyline(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y,
                        gsize begin, gsize end, int scale, double line_width);

/* Adds a path through points begin..end-1 in their order (a trail that may turn back on itself),
 * skipping points less than a device pixel from the last one kept; a non-finite point breaks
 * it. A path that converges piles up thousands of points in a few pixels: this keeps them
 * from costing a stroke join each. */
void eiaf_path_trail(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y, gsize begin,
                     gsize end, int scale);

/* Adds line segments where the bilinear interpolation of grid (h rows × w columns, values at
 * the nodes of a lattice whose row 0 lies at the bottom edge of the rectangle rx, ry, rw, rh
 * and column 0 at its left) crosses `level` (marching squares). */
void eiaf_path_iso_line(cairo_t *cr, const float *grid, int h, int w, double level, double rx,
                        double ry, double rw, double rh);

/* ---- legend ---- */

typedef struct {
  const char *label;
  GdkRGBA color;
  gboolean dashed;
  gboolean box; /* a filled square instead of a line sample */
} EiafLegendItem;

/* One item's sample (a line or a square) `width` long, centred vertically on cy. */
void eiaf_legend_draw_swatch(cairo_t *cr, const EiafLegendItem *item, double x, double cy,
                             double width);
/* Lays the items out left to right in rows no wider than `width`, starting at (x, y); draws
 * them when cr is not NULL. Returns the height used (0 for no items). */
double eiaf_legend_draw(cairo_t *cr, PangoLayout *layout, const EiafLegendItem *items, guint n,
                        double x, double y, double width, const EiafPlotColors *colors);

/* ---- colour bar ---- */

typedef struct {
  EiafColormap map;
  double lo, hi;
  gboolean log;
  int n_bands; /* 0: continuous */
  /* Three labels (bottom, middle, top) instead of numeric ticks, or NULL. */
  const char *const *labels;
} EiafColorbar;

/* Width of the bar and its labels. */
double eiaf_colorbar_width(const EiafColorbar *bar, PangoLayout *layout);
void eiaf_colorbar_draw(const EiafColorbar *bar, cairo_t *cr, PangoLayout *layout,
                        const EiafPlotColors *colors, double x, double y, double height, int scale);

/* ---- placeholder ---- */

/* The calm "nothing to show" picture: a dashed frame with the message in its middle. */
void eiaf_draw_placeholder(cairo_t *cr, PangoLayout *layout, const EiafPlotColors *colors,
                           double width, double height, const char *message);

/* ---- markers ---- */

/* A dot of radius r with a thin outline, filled or hollow. */
void eiaf_draw_dot(cairo_t *cr, double x, double y, double r, const GdkRGBA *fill,
                   const GdkRGBA *outline, gboolean hollow);

/* A small boxed label (several lines allowed) beside the point (x, y), on whichever side
 * keeps it inside the box (bx, by, bw, bh). */
void eiaf_draw_label_box(cairo_t *cr, PangoLayout *layout, const EiafPlotColors *colors,
                         const char *text, double x, double y, double bx, double by, double bw,
                         double bh);

/* ---- surface cache ---- */

/* A picture drawn once and painted many times. It depends on its size, its device scale and
 * the theme (`serial`); the owner invalidates it when what it shows changes. */
typedef struct {
  cairo_surface_t *surface;
  int width, height, scale;
  guint serial;
  gboolean valid;
  gboolean opaque; /* painted with SOURCE: a copy, not a blend */
} EiafSurfaceCache;

gboolean eiaf_surface_cache_is_valid(const EiafSurfaceCache *cache, int width, int height,
                                     int scale, guint serial);
/* A cairo context on the cache surface, in user units, filled with `background` (NULL:
 * transparent). An opaque cache covering the whole picture is then painted as a plain copy,
 * the cheapest thing a frame can do. The layout is moved to it; call eiaf_surface_cache_end
 * to move it back. */
cairo_t *eiaf_surface_cache_begin(EiafSurfaceCache *cache, int width, int height, int scale,
                                  guint serial, PangoLayout *layout, const GdkRGBA *background);
/* A cairo context on the valid cache surface as it is, to draw more onto it. */
cairo_t *eiaf_surface_cache_begin_update(EiafSurfaceCache *cache);
void eiaf_surface_cache_end(EiafSurfaceCache *cache, cairo_t *cache_cr, cairo_t *cr,
                            PangoLayout *layout);
void eiaf_surface_cache_paint(const EiafSurfaceCache *cache, cairo_t *cr);
void eiaf_surface_cache_invalidate(EiafSurfaceCache *cache);
void eiaf_surface_cache_clear(EiafSurfaceCache *cache);

G_END_DECLS
