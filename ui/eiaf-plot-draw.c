/* Text, axes, legends, colour bars, placeholders, markers and surface caches. Paths are in
 * eiaf-plot-paths.c, colour maps in eiaf-plot-colors.c, ticks in eiaf-plot-ticks.c. */
#include "eiaf-plot-draw.h"

#include <math.h>

#define TICK_LEN  4.0
#define LABEL_GAP 3.0
#define TITLE_GAP 5.0

/* ---- text ---- */

void eiaf_text_size(PangoLayout *layout, const char *text, double *width, double *height)
{
  PangoRectangle logical;
  pango_layout_set_text(layout, text, -1);
  pango_layout_get_pixel_extents(layout, NULL, &logical);
  if (width)
    *width = logical.width;
  if (height)
    *height = logical.height;
}

void eiaf_draw_text(cairo_t *cr, PangoLayout *layout, const char *text, double x, double y,
                    double xalign, double yalign)
{
  double w, h;
  eiaf_text_size(layout, text, &w, &h);
  /* Whole units keep glyphs on the pixel grid at scale 1. */
  cairo_move_to(cr, round(x - w * xalign), round(y - h * yalign));
  pango_cairo_show_layout(cr, layout);
}

double eiaf_snap(double v, double line_width, int scale)
{
  scale = MAX(scale, 1);
  double dev = v * scale;
  long lw = lround(line_width * scale);
  double snapped = (lw % 2) ? floor(dev) + 0.5 : round(dev);
  return snapped / scale;
}

/* ---- axes ---- */

double eiaf_axes_map_x(const EiafAxes *ax, double x)
{
  return ax->px + (x - ax->x0) / (ax->x1 - ax->x0) * ax->pw;
}

double eiaf_axes_map_y(const EiafAxes *ax, double y)
{
  double t;
  if (ax->log_y)
    t = y > 0 ? log10(y / ax->y0) / log10(ax->y1 / ax->y0) : NAN;
  else
    t = (y - ax->y0) / (ax->y1 - ax->y0);
  return ax->py + ax->ph - t * ax->ph;
}

double eiaf_axes_unmap_x(const EiafAxes *ax, double px)
{
  return ax->x0 + (px - ax->px) / ax->pw * (ax->x1 - ax->x0);
}

double eiaf_axes_unmap_y(const EiafAxes *ax, double py)
{
  double t = (ax->py + ax->ph - py) / ax->ph;
  if (ax->log_y)
    return ax->y0 * pow(ax->y1 / ax->y0, t);
  return ax->y0 + t * (ax->y1 - ax->y0);
}

gboolean eiaf_axes_same_frame(const EiafAxes *a, const EiafAxes *b)
{
  return a->x0 == b->x0 && a->x1 == b->x1 && a->y0 == b->y0 && a->y1 == b->y1 &&
         a->log_y == b->log_y && a->px == b->px && a->py == b->py && a->pw == b->pw &&
         a->ph == b->ph;
}

void eiaf_axes_clip(const EiafAxes *ax, cairo_t *cr)
{
  cairo_rectangle(cr, ax->px, ax->py, ax->pw, ax->ph);
  cairo_clip(cr);
}

static double widest_label(const EiafTicks *t, PangoLayout *layout, double *last_width)
{
  double widest = 0, w = 0;
  char buf[64];
  for (int i = 0; i < t->n; i++) {
    eiaf_ticks_format(t, t->values[i], buf, sizeof buf);
    eiaf_text_size(layout, buf, &w, NULL);
    widest = MAX(widest, w);
  }
  if (last_width)
    *last_width = w;
  return widest;
}

static void make_ticks(EiafTicks *t, double lo, double hi, gboolean log, int n, gboolean loose)
{
  if (log)
    eiaf_ticks_log(t, lo, hi, n, loose);
  else
    eiaf_ticks_linear(t, lo, hi, n, loose);
}

void eiaf_axes_layout(EiafAxes *ax, PangoLayout *layout, double bx, double by, double bw, double bh)
{
  g_return_if_fail(ax != NULL && layout != NULL);
  double th;
  eiaf_text_size(layout, "0", NULL, &th);
  double top = ceil(th / 2) + 2;
  double bottom = TICK_LEN + LABEL_GAP + th + (ax->x_title ? TITLE_GAP + th : 0) + 2;
  double ph = MAX(bh - top - bottom, 8);

  int ny = ph < th * 4 ? 2 : CLAMP((int) (ph / (th * 3.0)), 3, 10);
  make_ticks(&ax->yt, ax->y0, ax->y1, ax->log_y, ny, ax->y_loose);
  ax->y0 = ax->yt.lo;
  ax->y1 = ax->yt.hi;
  double ylw = widest_label(&ax->yt, layout, NULL);
  double left = 2 + (ax->y_title ? th + TITLE_GAP : 0) + ylw + LABEL_GAP + TICK_LEN;

  double pw = MAX(bw - left - 10, 8);
  double x0 = ax->x0, x1 = ax->x1, last_w = 0;
  /* Fewer ticks until their labels leave room between them. */
  for (int nx = CLAMP((int) (pw / 60), 3, 10);; nx--) {
    make_ticks(&ax->xt, x0, x1, FALSE, nx, ax->x_loose);
    if (ax->x_whole)
      eiaf_ticks_whole(&ax->xt);
    double xlw = widest_label(&ax->xt, layout, &last_w);
    if (nx <= 2 || ax->xt.n < 2 || (xlw + 12) * (ax->xt.n - 1) <= pw)
      break;
  }
  ax->x0 = ax->xt.lo;
  ax->x1 = ax->xt.hi;
  double right = MAX(10, ceil(last_w / 2) + 6);

  ax->px = bx + left;
  ax->py = by + top;
  ax->pw = MAX(bw - left - right, 8);
  ax->ph = ph;
  ax->ylabel_w = ylw;
  ax->text_h = th;
}

void eiaf_axes_draw(const EiafAxes *ax, cairo_t *cr, PangoLayout *layout,
                    const EiafPlotColors *colors, int scale)
{
  char buf[64];
  double left = eiaf_snap(ax->px, 1, scale), bottom = eiaf_snap(ax->py + ax->ph, 1, scale);

  cairo_save(cr);
  cairo_set_line_width(cr, 1);
  for (int i = 0; i < ax->yt.n && !ax->no_grid; i++) {
    double y = eiaf_snap(eiaf_axes_map_y(ax, ax->yt.values[i]), 1, scale);
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, ax->px + ax->pw, y);
  }
  for (int i = 0; i < ax->xt.n && !ax->no_grid; i++) {
    double x = eiaf_snap(eiaf_axes_map_x(ax, ax->xt.values[i]), 1, scale);
    cairo_move_to(cr, x, ax->py);
    cairo_line_to(cr, x, bottom);
  }
  gdk_cairo_set_source_rgba(cr, &colors->grid);
  cairo_stroke(cr);

  /* Axis lines with outward ticks. */
  cairo_move_to(cr, left, ax->py);
  cairo_line_to(cr, left, bottom);
  cairo_line_to(cr, ax->px + ax->pw, bottom);
  for (int i = 0; i < ax->yt.n; i++) {
    double y = eiaf_snap(eiaf_axes_map_y(ax, ax->yt.values[i]), 1, scale);
    cairo_move_to(cr, left - TICK_LEN, y);
    cairo_line_to(cr, left, y);
  }
  for (int i = 0; i < ax->xt.n; i++) {
    double x = eiaf_snap(eiaf_axes_map_x(ax, ax->xt.values[i]), 1, scale);
    cairo_move_to(cr, x, bottom);
    cairo_line_to(cr, x, bottom + TICK_LEN);
  }
  gdk_cairo_set_source_rgba(cr, &colors->axis);
  cairo_stroke(cr);

  gdk_cairo_set_source_rgba(cr, &colors->dim);
  for (int i = 0; i < ax->yt.n; i++) {
    eiaf_ticks_format(&ax->yt, ax->yt.values[i], buf, sizeof buf);
    eiaf_draw_text(cr, layout, buf, ax->px - TICK_LEN - LABEL_GAP,
                   eiaf_axes_map_y(ax, ax->yt.values[i]), 1.0, 0.5);
  }
  for (int i = 0; i < ax->xt.n; i++) {
    eiaf_ticks_format(&ax->xt, ax->xt.values[i], buf, sizeof buf);
    eiaf_draw_text(cr, layout, buf, eiaf_axes_map_x(ax, ax->xt.values[i]),
                   ax->py + ax->ph + TICK_LEN + LABEL_GAP, 0.5, 0.0);
  }

  gdk_cairo_set_source_rgba(cr, &colors->fg);
  if (ax->x_title)
    eiaf_draw_text(cr, layout, ax->x_title, ax->px + ax->pw / 2,
                   ax->py + ax->ph + TICK_LEN + LABEL_GAP + ax->text_h + TITLE_GAP, 0.5, 0.0);
  if (ax->y_title) {
    double x = ax->px - TICK_LEN - LABEL_GAP - ax->ylabel_w - TITLE_GAP - ax->text_h / 2;
    cairo_save(cr);
    cairo_translate(cr, round(x), round(ax->py + ax->ph / 2));
    cairo_rotate(cr, -G_PI / 2);
    pango_cairo_update_layout(cr, layout);
    eiaf_draw_text(cr, layout, ax->y_title, 0, 0, 0.5, 0.5);
    cairo_restore(cr);
    pango_cairo_update_layout(cr, layout);
  }
  cairo_restore(cr);
}

/* ---- legend ---- */

#define SWATCH_W   18.0
#define SWATCH_GAP 5.0
#define ITEM_GAP   16.0

void eiaf_legend_draw_swatch(cairo_t *cr, const EiafLegendItem *item, double x, double cy,
                             double width)
{
  gdk_cairo_set_source_rgba(cr, &item->color);
  if (item->box) {
    cairo_rectangle(cr, x + width / 2 - 5, cy - 5, 10, 10);
    cairo_fill(cr);
    return;
  }
  cairo_save(cr);
  cairo_set_line_width(cr, 2.5);
  if (item->dashed) {
    static const double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
  }
  cairo_move_to(cr, x, cy);
  cairo_line_to(cr, x + width, cy);
  cairo_stroke(cr);
  cairo_restore(cr);
}

double eiaf_legend_draw(cairo_t *cr, PangoLayout *layout, const EiafLegendItem *items, guint n,
                        double x, double y, double width, const EiafPlotColors *colors)
{
  if (n == 0)
    return 0;
  double th;
  eiaf_text_size(layout, "Ag", NULL, &th);
  double row_h = th + 2, cx = x, cy = y;
  for (guint i = 0; i < n; i++) {
    const char *label = items[i].label ? items[i].label : "";
    double tw;
    eiaf_text_size(layout, label, &tw, NULL);
    double item_w = SWATCH_W + SWATCH_GAP + tw;
    if (cx > x && cx + item_w > x + width) {
      cx = x;
      cy += row_h;
    }
    if (cr) {
      eiaf_legend_draw_swatch(cr, &items[i], cx, cy + row_h / 2, SWATCH_W);
      gdk_cairo_set_source_rgba(cr, &colors->fg);
      eiaf_draw_text(cr, layout, label, cx + SWATCH_W + SWATCH_GAP, cy + row_h / 2, 0, 0.5);
    }
    cx += item_w + ITEM_GAP;
  }
  return cy + row_h - y;
}

/* ---- colour bar ---- */

#define BAR_W 12.0

static void colorbar_ticks(const EiafColorbar *bar, EiafTicks *t, int n)
{
  make_ticks(t, bar->lo, bar->hi, bar->log, n, FALSE);
}

static double colorbar_pos(const EiafColorbar *bar, double v)
{
  if (bar->log)
    return log(v / bar->lo) / log(bar->hi / bar->lo);
  return (v - bar->lo) / (bar->hi - bar->lo);
}

double eiaf_colorbar_width(const EiafColorbar *bar, PangoLayout *layout)
{
  double widest = 0, w;
  if (bar->labels) {
    for (int i = 0; i < 3; i++) {
      eiaf_text_size(layout, bar->labels[i] ? bar->labels[i] : "", &w, NULL);
      widest = MAX(widest, w);
    }
  } else {
    EiafTicks t;
    colorbar_ticks(bar, &t, 5);
    widest = widest_label(&t, layout, NULL);
  }
  return BAR_W + TICK_LEN + LABEL_GAP + widest;
}

void eiaf_colorbar_draw(const EiafColorbar *bar, cairo_t *cr, PangoLayout *layout,
                        const EiafPlotColors *colors, double x, double y, double height, int scale)
{
  cairo_save(cr);
  if (bar->n_bands > 0) {
    for (int i = 0; i < bar->n_bands; i++) {
      double y_top = y + height - (i + 1) * height / bar->n_bands;
      GdkRGBA c;
      eiaf_colormap_rgba(bar->map, (i + 0.5) / bar->n_bands, &c);
      gdk_cairo_set_source_rgba(cr, &c);
      cairo_rectangle(cr, x, y_top, BAR_W, height / bar->n_bands + 0.5);
      cairo_fill(cr);
    }
  } else {
    cairo_pattern_t *grad = cairo_pattern_create_linear(0, y + height, 0, y);
    for (int i = 0; i <= 16; i++) {
      GdkRGBA c;
      eiaf_colormap_rgba(bar->map, i / 16.0, &c);
      cairo_pattern_add_color_stop_rgb(grad, i / 16.0, c.red, c.green, c.blue);
    }
    cairo_set_source(cr, grad);
    cairo_rectangle(cr, x, y, BAR_W, height);
    cairo_fill(cr);
    cairo_pattern_destroy(grad);
  }
  cairo_set_line_width(cr, 1);
  gdk_cairo_set_source_rgba(cr, &colors->axis);
  double l = eiaf_snap(x, 1, scale), r = eiaf_snap(x + BAR_W, 1, scale);
  double t = eiaf_snap(y, 1, scale), b = eiaf_snap(y + height, 1, scale);
  cairo_rectangle(cr, l, t, r - l, b - t);
  cairo_stroke(cr);

  double label_x = x + BAR_W + TICK_LEN + LABEL_GAP;
  gdk_cairo_set_source_rgba(cr, &colors->dim);
  if (bar->labels) {
    for (int i = 0; i < 3; i++)
      if (bar->labels[i])
        eiaf_draw_text(cr, layout, bar->labels[i], label_x, y + height - i * height / 2, 0,
                       i == 0   ? 1.0
                       : i == 1 ? 0.5
                                : 0.0);
  } else {
    EiafTicks ticks;
    char buf[64];
    double th;
    eiaf_text_size(layout, "0", NULL, &th);
    colorbar_ticks(bar, &ticks, CLAMP((int) (height / (th * 2.2)), 2, 6));
    for (int i = 0; i < ticks.n; i++) {
      double ty = y + height - colorbar_pos(bar, ticks.values[i]) * height;
      eiaf_ticks_format(&ticks, ticks.values[i], buf, sizeof buf);
      eiaf_draw_text(cr, layout, buf, label_x, CLAMP(ty, y + th / 2, y + height - th / 2), 0, 0.5);
      double sy = eiaf_snap(ty, 1, scale);
      cairo_move_to(cr, x + BAR_W, sy);
      cairo_line_to(cr, x + BAR_W + TICK_LEN, sy);
    }
    gdk_cairo_set_source_rgba(cr, &colors->axis);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

/* ---- placeholder and markers ---- */

void eiaf_draw_placeholder(cairo_t *cr, PangoLayout *layout, const EiafPlotColors *colors,
                           double width, double height, const char *message)
{
  static const double dash[] = {6, 4};
  double inset = MIN(12, MIN(width, height) / 8);
  double w = width - 2 * inset, h = height - 2 * inset, r = MIN(10, MIN(w, h) / 4);

  cairo_save(cr);
  if (w > 4 && h > 4) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, inset + w - r, inset + r, r, -G_PI / 2, 0);
    cairo_arc(cr, inset + w - r, inset + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, inset + r, inset + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, inset + r, inset + r, r, G_PI, 1.5 * G_PI);
    cairo_close_path(cr);
    cairo_set_line_width(cr, 1.5);
    cairo_set_dash(cr, dash, 2, 0);
    gdk_cairo_set_source_rgba(cr, &colors->axis);
    cairo_stroke(cr);
  }
  gdk_cairo_set_source_rgba(cr, &colors->dim);
  double text_w = MAX(w - 16, 20), text_h;
  pango_layout_set_width(layout, (int) (text_w * PANGO_SCALE));
  pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  eiaf_text_size(layout, message ? message : "", NULL, &text_h);
  cairo_move_to(cr, round((width - text_w) / 2), round((height - text_h) / 2));
  pango_cairo_show_layout(cr, layout);
  pango_layout_set_width(layout, -1);
  pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
  cairo_restore(cr);
}

void eiaf_draw_dot(cairo_t *cr, double x, double y, double r, const GdkRGBA *fill,
                   const GdkRGBA *outline, gboolean hollow)
{
  if (!isfinite(x) || !isfinite(y))
    return;
  cairo_new_path(cr);
  if (hollow) {
    /* A ring in the fill colour between two thin outlines reads on any background. */
    cairo_arc(cr, x, y, r, 0, 2 * G_PI);
    cairo_set_line_width(cr, 4.2);
    gdk_cairo_set_source_rgba(cr, outline);
    cairo_stroke_preserve(cr);
    cairo_set_line_width(cr, 2.4);
    gdk_cairo_set_source_rgba(cr, fill);
    cairo_stroke(cr);
    return;
  }
  cairo_arc(cr, x, y, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba(cr, fill);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 1);
  gdk_cairo_set_source_rgba(cr, outline);
  cairo_stroke(cr);
}

void eiaf_draw_label_box(cairo_t *cr, PangoLayout *layout, const EiafPlotColors *colors,
                         const char *text, double x, double y, double bx, double by, double bw,
                         double bh)
{
  const double pad = 4, gap = 8;
  double tw, th;
  eiaf_text_size(layout, text, &tw, &th);
  double w = tw + 2 * pad, h = th + 2 * pad;
  double left = x + gap, top = y - gap - h;
  if (left + w > bx + bw)
    left = x - gap - w;
  if (top < by)
    top = y + gap;
  left = round(CLAMP(left, bx, MAX(bx, bx + bw - w)));
  top = round(CLAMP(top, by, MAX(by, by + bh - h)));

  cairo_save(cr);
  cairo_rectangle(cr, left + 0.5, top + 0.5, w - 1, h - 1);
  GdkRGBA paper = colors->paper;
  paper.alpha = 0.94f;
  gdk_cairo_set_source_rgba(cr, &paper);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 1);
  gdk_cairo_set_source_rgba(cr, &colors->axis);
  cairo_stroke(cr);
  gdk_cairo_set_source_rgba(cr, &colors->fg);
  eiaf_draw_text(cr, layout, text, left + pad, top + pad, 0, 0);
  cairo_restore(cr);
}

/* ---- surface cache ---- */

gboolean eiaf_surface_cache_is_valid(const EiafSurfaceCache *cache, int width, int height,
                                     int scale, guint serial)
{
  return cache->valid && cache->surface && cache->width == width && cache->height == height &&
         cache->scale == scale && cache->serial == serial;
}

cairo_t *eiaf_surface_cache_begin(EiafSurfaceCache *cache, int width, int height, int scale,
                                  guint serial, PangoLayout *layout, const GdkRGBA *background)
{
  scale = MAX(scale, 1);
  if (!cache->surface || cache->width != width || cache->height != height ||
      cache->scale != scale) {
    g_clear_pointer(&cache->surface, cairo_surface_destroy);
    cache->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, MAX(width, 1) * scale,
                                                MAX(height, 1) * scale);
    cairo_surface_set_device_scale(cache->surface, scale, scale);
  }
  cache->width = width;
  cache->height = height;
  cache->scale = scale;
  cache->serial = serial;
  cache->valid = TRUE;

  cache->opaque = background && background->alpha >= 1;
  cairo_t *cr = cairo_create(cache->surface);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  if (background)
    gdk_cairo_set_source_rgba(cr, background);
  else
    cairo_set_source_rgba(cr, 0, 0, 0, 0);
  cairo_paint(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  if (layout)
    pango_cairo_update_layout(cr, layout);
  return cr;
}

cairo_t *eiaf_surface_cache_begin_update(EiafSurfaceCache *cache)
{
  g_return_val_if_fail(cache->surface != NULL, NULL);
  return cairo_create(cache->surface);
}

void eiaf_surface_cache_end(EiafSurfaceCache *cache, cairo_t *cache_cr, cairo_t *cr,
                            PangoLayout *layout)
{
  cairo_destroy(cache_cr);
  cairo_surface_flush(cache->surface);
  if (layout && cr)
    pango_cairo_update_layout(cr, layout);
}

void eiaf_surface_cache_paint(const EiafSurfaceCache *cache, cairo_t *cr)
{
  if (!cache->surface)
    return;
  cairo_save(cr);
  cairo_set_source_surface(cr, cache->surface, 0, 0);
  if (cache->opaque)
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint(cr);
  cairo_restore(cr);
}

void eiaf_surface_cache_invalidate(EiafSurfaceCache *cache)
{
  cache->valid = FALSE;
}

void eiaf_surface_cache_clear(EiafSurfaceCache *cache)
{
  g_clear_pointer(&cache->surface, cairo_surface_destroy);
  cache->valid = FALSE;
}
