/* A classifier's regions. The field is coloured once into a small image (one pixel per grid
 * node), scaled smoothly onto the plot and kept, with the axes and the boundary, in a cached
 * surface; the points are drawn over it on every frame, so moving points cost only points. */
#include "eiaf-region-map.h"

#include <math.h>
#include <string.h>

#define POINT_RADIUS 3.6
/* How much of the class colour shows: a little where the classifier hesitates, more where it
 * is sure. The rest is paper, so the points on top stay readable. */
#define TINT_UNSURE 0.16
#define TINT_SURE   0.62
#define TINT_LEVELS 64

typedef struct {
  float *x, *y;
  int *labels;
  gsize n;
} Points;

typedef struct {
  float *values;
  gsize count;
  guint h, w;
  double x0, x1, y0, y1;
} Grid;

struct _EiafRegionMap {
  EiafPlot parent_instance;

  Grid field; /* values: h × w × k */
  guint k;
  cairo_surface_t *field_image; /* w × h pixels, kept between frames */
  Points train, validation;
  float *curve_x, *curve_y;
  gsize curve_n;
  Grid boundary;
  char *boundary_label;
  GStrv class_names;
  double view[4];

  EiafSurfaceCache cache;
  EiafAxes cache_axes;
};

G_DEFINE_FINAL_TYPE(EiafRegionMap, eiaf_region_map, EIAF_TYPE_PLOT)

static float *copy_floats(const float *src, gsize n)
{
  return src && n ? g_memdup2(src, n * sizeof(float)) : NULL;
}

static void points_clear(Points *p)
{
  g_clear_pointer(&p->x, g_free);
  g_clear_pointer(&p->y, g_free);
  g_clear_pointer(&p->labels, g_free);
  p->n = 0;
}

static void points_set(Points *p, const float *x, const float *y, const int *labels, gsize n)
{
  points_clear(p);
  if (n == 0)
    return;
  p->x = copy_floats(x, n);
  p->y = copy_floats(y, n);
  p->labels = labels ? g_memdup2(labels, n * sizeof(int)) : g_new0(int, n);
  p->n = n;
}

static void grid_set(Grid *g, const float *values, gsize count, guint h, guint w, double x0,
                     double x1, double y0, double y1)
{
  /* A live run sends a grid of the same size every frame: reuse the buffer. */
  if (g->values && count > 0 && values && count == g->count) {
    memcpy(g->values, values, count * sizeof(float));
  } else {
    g_free(g->values);
    g->values = copy_floats(values, count);
  }
  g->count = g->values ? count : 0;
  g->h = g->values ? h : 0, g->w = g->values ? w : 0;
  g->x0 = x0, g->x1 = x1, g->y0 = y0, g->y1 = y1;
}

static void invalidate(EiafRegionMap *self)
{
  eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

/* ---- extent ---- */

static void points_extent(const Points *p, double *e)
{
  for (gsize i = 0; i < p->n; i++) {
    if (!isfinite(p->x[i]) || !isfinite(p->y[i]))
      continue;
    e[0] = MIN(e[0], p->x[i]);
    e[1] = MAX(e[1], p->x[i]);
    e[2] = MIN(e[2], p->y[i]);
    e[3] = MAX(e[3], p->y[i]);
  }
}

/* The rectangle to show: the view if set, else the field's, else the points' padded. */
static gboolean choose_view(EiafRegionMap *self, double *e)
{
  if (isfinite(self->view[0]) && isfinite(self->view[1]) && isfinite(self->view[2]) &&
      isfinite(self->view[3])) {
    memcpy(e, self->view, sizeof self->view);
    return TRUE;
  }
  if (self->field.values) {
    e[0] = self->field.x0, e[1] = self->field.x1, e[2] = self->field.y0, e[3] = self->field.y1;
    return TRUE;
  }
  e[0] = e[2] = INFINITY;
  e[1] = e[3] = -INFINITY;
  points_extent(&self->train, e);
  points_extent(&self->validation, e);
  if (e[0] > e[1])
    return FALSE;
  double px = (e[1] - e[0]) * 0.05, py = (e[3] - e[2]) * 0.05;
  e[0] -= px, e[1] += px, e[2] -= py, e[3] += py;
  return TRUE;
}

static gboolean eiaf_region_map_has_data(EiafPlot *plot)
{
  double e[4];
  return choose_view(EIAF_REGION_MAP(plot), e);
}

/* ---- field ---- */

/* The winning class and how sure the classifier is of it, 0 (a coin toss) to 1. */
static int winner(const float *p, guint k, double *confidence)
{
  if (k == 1) {
    double p1 = p[0];
    if (!isfinite(p1))
      return -1;
    *confidence = CLAMP(fabs(2 * p1 - 1), 0.0, 1.0);
    return p1 >= 0.5 ? 1 : 0;
  }
  int best = -1;
  double top = -INFINITY;
  for (guint c = 0; c < k; c++) {
    if (!isfinite(p[c]))
      return -1;
    if (p[c] > top)
      top = p[c], best = (int) c;
  }
  *confidence = CLAMP((top - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0);
  return best;
}

static cairo_surface_t *colour_field(EiafRegionMap *self)
{
  const Grid *f = &self->field;
  guint classes = self->k == 1 ? 2 : self->k;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  guint32 *tint = g_new(guint32, (gsize) classes * TINT_LEVELS);
  for (guint c = 0; c < classes; c++) {
    GdkRGBA color;
    eiaf_plot_get_series_color(EIAF_PLOT(self), c, &color);
    for (int l = 0; l < TINT_LEVELS; l++) {
      double t = TINT_UNSURE + (TINT_SURE - TINT_UNSURE) * l / (TINT_LEVELS - 1.0);
      GdkRGBA mixed = eiaf_rgba_mix(&colors->paper, &color, t);
      tint[c * TINT_LEVELS + l] = eiaf_rgba_to_argb(&mixed);
    }
  }
  guint32 unknown = eiaf_rgba_to_argb(&colors->grid);

  cairo_surface_t *image = self->field_image;
  if (!image || cairo_image_surface_get_width(image) != (int) f->w ||
      cairo_image_surface_get_height(image) != (int) f->h) {
    g_clear_pointer(&self->field_image, cairo_surface_destroy);
    image = self->field_image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, f->w, f->h);
  }
  cairo_surface_flush(image);
  unsigned char *data = cairo_image_surface_get_data(image);
  int stride = cairo_image_surface_get_stride(image);
  for (guint i = 0; i < f->h; i++) {
    /* Row 0 is at y0, the bottom: it goes last in the image. */
    guint32 *row = (guint32 *) (data + (gsize) (f->h - 1 - i) * stride);
    const float *p = f->values + (gsize) i * f->w * self->k;
    for (guint j = 0; j < f->w; j++, p += self->k) {
      double conf = 0;
      int c = winner(p, self->k, &conf);
      row[j] =
          c < 0 ? unknown
                : tint[(guint) c % classes * TINT_LEVELS + (int) lround(conf * (TINT_LEVELS - 1))];
    }
  }
  cairo_surface_mark_dirty(image);
  g_free(tint);
  return image;
}

static void paint_field(EiafRegionMap *self, cairo_t *cr, const EiafAxes *ax)
{
  const Grid *f = &self->field;
  if (!f->values)
    return;
  cairo_surface_t *image = colour_field(self);
  double left = eiaf_axes_map_x(ax, f->x0), right = eiaf_axes_map_x(ax, f->x1);
  double top = eiaf_axes_map_y(ax, f->y1), bottom = eiaf_axes_map_y(ax, f->y0);
  /* Node centres sit on the lattice's points, so the field lines up with the contours. */
  double sx = f->w > 1 ? (right - left) / (f->w - 1) : right - left;
  double sy = f->h > 1 ? (bottom - top) / (f->h - 1) : bottom - top;
  double ox = f->w > 1 ? left - sx / 2 : left, oy = f->h > 1 ? top - sy / 2 : top;

  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  cairo_rectangle(cr, MIN(left, right), MIN(top, bottom), fabs(right - left), fabs(bottom - top));
  cairo_clip(cr);
  cairo_translate(cr, ox, oy);
  cairo_scale(cr, sx != 0 ? sx : 1, sy != 0 ? sy : 1);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
  cairo_paint(cr);
  cairo_restore(cr);
}

static void stroke_boundary(EiafRegionMap *self, cairo_t *cr, const EiafAxes *ax, int scale)
{
  if (!self->curve_x && !self->boundary.values)
    return;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  cairo_new_path(cr);
  if (self->curve_x)
    eiaf_path_polyline(cr, ax, self->curve_x, self->curve_y, 0, self->curve_n, scale);
  const Grid *b = &self->boundary;
  if (b->values) {
    double l = eiaf_axes_map_x(ax, b->x0), r = eiaf_axes_map_x(ax, b->x1);
    double t = eiaf_axes_map_y(ax, b->y1), bo = eiaf_axes_map_y(ax, b->y0);
    eiaf_path_iso_line(cr, b->values, (int) b->h, (int) b->w, 0.0, l, t, r - l, bo - t);
  }
  /* Marching squares give short separate segments, which a dash pattern would restart on
   * each: the curve is solid, in the text colour over a halo of paper. */
  GdkRGBA halo = colors->paper;
  halo.alpha = 0.75f;
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width(cr, 4.5);
  gdk_cairo_set_source_rgba(cr, &halo);
  cairo_stroke_preserve(cr);
  cairo_set_line_width(cr, 2);
  gdk_cairo_set_source_rgba(cr, &colors->fg);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* ---- drawing ---- */

static guint legend_items(EiafRegionMap *self, EiafLegendItem *items, guint max)
{
  guint n = 0;
  for (; self->class_names && self->class_names[n] && n + 1 < max; n++) {
    items[n] = (EiafLegendItem){self->class_names[n], {0}, FALSE, TRUE};
    eiaf_plot_get_series_color(EIAF_PLOT(self), n, &items[n].color);
  }
  if (self->boundary_label && (self->curve_x || self->boundary.values))
    items[n++] = (EiafLegendItem){self->boundary_label, eiaf_plot_get_colors(EIAF_PLOT(self))->fg,
                                  FALSE, FALSE};
  return n;
}

/* One dot, drawn once at device resolution for each class and style. */
static cairo_surface_t *dot_sprite(const GdkRGBA *fill, const GdkRGBA *outline, gboolean hollow,
                                   int scale, double *half)
{
  *half = ceil(POINT_RADIUS + 2.5);
  int side = (int) (2 * *half * scale);
  cairo_surface_t *sprite = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
  cairo_surface_set_device_scale(sprite, scale, scale);
  cairo_t *cr = cairo_create(sprite);
  eiaf_draw_dot(cr, *half, *half, POINT_RADIUS, fill, outline, hollow);
  cairo_destroy(cr);
  return sprite;
}

/* Points are stamped from sprites at whole device pixels: a few hundred separate arcs, fills
 * and strokes would cost more than the rest of the frame. */
static void draw_points(EiafRegionMap *self, cairo_t *cr, const EiafAxes *ax, const Points *p,
                        gboolean hollow, int scale)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  cairo_surface_t *sprites[EIAF_PALETTE_SIZE] = {NULL};
  double half = 0;
  for (gsize i = 0; i < p->n; i++) {
    double x = eiaf_axes_map_x(ax, p->x[i]), y = eiaf_axes_map_y(ax, p->y[i]);
    if (!isfinite(x) || !isfinite(y) || fabs(x) > 1e5 || fabs(y) > 1e5)
      continue;
    guint c = (guint) MAX(p->labels[i], 0) % EIAF_PALETTE_SIZE;
    if (!sprites[c]) {
      GdkRGBA color;
      eiaf_plot_get_series_color(EIAF_PLOT(self), c, &color);
      sprites[c] = dot_sprite(&color, &colors->paper, hollow, scale, &half);
    }
    cairo_set_source_surface(cr, sprites[c], round((x - half) * scale) / scale,
                             round((y - half) * scale) / scale);
    cairo_paint(cr);
  }
  for (guint c = 0; c < EIAF_PALETTE_SIZE; c++)
    g_clear_pointer(&sprites[c], cairo_surface_destroy);
}

static void eiaf_region_map_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafRegionMap *self = EIAF_REGION_MAP(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  guint serial = eiaf_plot_get_style_serial(plot);
  const EiafPlotColors *colors = eiaf_plot_get_colors(plot);
  double e[4];
  choose_view(self, e);

  EiafLegendItem items[16];
  guint n_items = legend_items(self, items, G_N_ELEMENTS(items));
  double legend_h = eiaf_legend_draw(NULL, layout, items, n_items, 6, 6, width - 12, NULL);
  double top = n_items ? legend_h + 8 : 0;
  EiafAxes ax = {.x0 = e[0], .x1 = e[1], .y0 = e[2], .y1 = e[3], .no_grid = TRUE};
  ax.x_title = eiaf_plot_get_x_title(plot);
  ax.y_title = eiaf_plot_get_y_title(plot);
  eiaf_range_sanitize(&ax.x0, &ax.x1, FALSE);
  eiaf_range_sanitize(&ax.y0, &ax.y1, FALSE);
  eiaf_axes_layout(&ax, layout, 0, top, width, height - top);

  if (!eiaf_surface_cache_is_valid(&self->cache, width, height, scale, serial) ||
      !eiaf_axes_same_frame(&ax, &self->cache_axes)) {
    cairo_t *ccr = eiaf_surface_cache_begin(&self->cache, width, height, scale, serial, layout,
                                            &eiaf_plot_get_colors(plot)->paper);
    eiaf_legend_draw(ccr, layout, items, n_items, 6, 6, width - 12, colors);
    paint_field(self, ccr, &ax);
    eiaf_axes_draw(&ax, ccr, layout, colors, scale);
    stroke_boundary(self, ccr, &ax, scale);
    eiaf_surface_cache_end(&self->cache, ccr, cr, layout);
    self->cache_axes = ax;
  }
  eiaf_surface_cache_paint(&self->cache, cr);

  cairo_save(cr);
  eiaf_axes_clip(&ax, cr);
  draw_points(self, cr, &ax, &self->train, FALSE, scale);
  draw_points(self, cr, &ax, &self->validation, TRUE, scale);
  cairo_restore(cr);
  eiaf_plot_remember_axes(plot, &ax);
}

/* ---- public API ---- */

GtkWidget *eiaf_region_map_new(void)
{
  return g_object_new(EIAF_TYPE_REGION_MAP, NULL);
}

void eiaf_region_map_set_field(EiafRegionMap *self, const float *probs, guint h, guint w, guint k,
                               double x0, double x1, double y0, double y1)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_return_if_fail(probs != NULL || (gsize) h * w == 0);
  g_return_if_fail(k >= 1 && k <= 64);
  if ((gsize) h * w == 0 || !isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) {
    eiaf_region_map_clear_field(self);
    return;
  }
  grid_set(&self->field, probs, (gsize) h * w * k, h, w, x0, x1, y0, y1);
  self->k = k;
  invalidate(self);
}

void eiaf_region_map_clear_field(EiafRegionMap *self)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  grid_set(&self->field, NULL, 0, 0, 0, 0, 0, 0, 0);
  invalidate(self);
}

void eiaf_region_map_set_points(EiafRegionMap *self, const float *x, const float *y,
                                const int *labels, gsize n)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_return_if_fail(n == 0 || (x != NULL && y != NULL));
  points_set(&self->train, x, y, labels, n);
  /* Points are drawn over the cache; it stays unless the view follows the points. */
  if (!self->field.values)
    eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_region_map_set_validation_points(EiafRegionMap *self, const float *x, const float *y,
                                           const int *labels, gsize n)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_return_if_fail(n == 0 || (x != NULL && y != NULL));
  points_set(&self->validation, x, y, labels, n);
  if (!self->field.values)
    eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_region_map_set_boundary_polyline(EiafRegionMap *self, const float *x, const float *y,
                                           gsize n)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_return_if_fail(n == 0 || (x != NULL && y != NULL));
  g_free(self->curve_x);
  g_free(self->curve_y);
  self->curve_x = copy_floats(x, n);
  self->curve_y = copy_floats(y, n);
  self->curve_n = self->curve_x ? n : 0;
  invalidate(self);
}

void eiaf_region_map_set_boundary_grid(EiafRegionMap *self, const float *values, guint h, guint w,
                                       double x0, double x1, double y0, double y1)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_return_if_fail(values != NULL || (gsize) h * w == 0);
  grid_set(&self->boundary, values, (gsize) h * w, h, w, x0, x1, y0, y1);
  invalidate(self);
}

void eiaf_region_map_clear_boundary(EiafRegionMap *self)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  eiaf_region_map_set_boundary_polyline(self, NULL, NULL, 0);
  eiaf_region_map_set_boundary_grid(self, NULL, 0, 0, 0, 0, 0, 0);
}

void eiaf_region_map_set_boundary_label(EiafRegionMap *self, const char *label)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_free(self->boundary_label);
  self->boundary_label = g_strdup(label);
  invalidate(self);
}

void eiaf_region_map_set_class_names(EiafRegionMap *self, const char *const *names)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  g_strfreev(self->class_names);
  self->class_names = g_strdupv((char **) names);
  invalidate(self);
}

void eiaf_region_map_set_view(EiafRegionMap *self, double x0, double x1, double y0, double y1)
{
  g_return_if_fail(EIAF_IS_REGION_MAP(self));
  self->view[0] = x0, self->view[1] = x1, self->view[2] = y0, self->view[3] = y1;
  invalidate(self);
}

/* ---- GObject ---- */

static void eiaf_region_map_finalize(GObject *object)
{
  EiafRegionMap *self = EIAF_REGION_MAP(object);
  g_free(self->field.values);
  g_free(self->boundary.values);
  g_clear_pointer(&self->field_image, cairo_surface_destroy);
  points_clear(&self->train);
  points_clear(&self->validation);
  g_free(self->curve_x);
  g_free(self->curve_y);
  g_strfreev(self->class_names);
  g_free(self->boundary_label);
  eiaf_surface_cache_clear(&self->cache);
  G_OBJECT_CLASS(eiaf_region_map_parent_class)->finalize(object);
}

static void eiaf_region_map_class_init(EiafRegionMapClass *klass)
{
  G_OBJECT_CLASS(klass)->finalize = eiaf_region_map_finalize;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_region_map_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_region_map_has_data;
}

static void eiaf_region_map_init(EiafRegionMap *self)
{
  eiaf_plot_set_cache(EIAF_PLOT(self), &self->cache);
  self->view[0] = self->view[1] = self->view[2] = self->view[3] = NAN;
}
