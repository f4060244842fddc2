/* A scalar field as contour bands. Every device pixel of the plot area samples the field
 * bilinearly and takes its band's colour, so band edges are exact at any size; iso-lines
 * come from marching squares. With log levels both work on log(value), where the bands are
 * equally wide: one multiply finds a pixel's band, and lines and bands agree. Field, lines, axes
 * and colour bar are cached; the path, which grows while training, is drawn over the cache on every
 * frame. */
#include "eiaf-contour-map.h"

#include <math.h>
#include <string.h>

#define MAX_LEVELS 64
#define PATH_PIECE 32

struct _EiafContourMap {
  EiafPlot parent_instance;

  float *values;
  float *levels_space; /* values as the bands see them: log(value) with log levels */
  guint h, w;
  double x0, x1, y0, y1;
  double lo, hi, lo_positive; /* finite extremes; smallest positive value */

  GArray *path_x, *path_y; /* float */

  guint n_levels;
  gboolean log_levels;

  EiafSurfaceCache cache;
  EiafAxes cache_axes;
};

G_DEFINE_FINAL_TYPE(EiafContourMap, eiaf_contour_map, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_N_LEVELS, PROP_LOG_LEVELS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void invalidate(EiafContourMap *self)
{
  eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

/* ---- levels ---- */

static gboolean use_log(const EiafContourMap *self)
{
  return self->log_levels && isfinite(self->lo_positive) && self->lo_positive < self->hi;
}

/* The value range the bands divide, in value space. Returns the number of bands. */
static guint band_range(const EiafContourMap *self, double *lo, double *hi)
{
  gboolean log = use_log(self);
  double a = log ? self->lo_positive : self->lo, b = self->hi;
  eiaf_range_sanitize(&a, &b, log);
  *lo = a, *hi = b;
  return CLAMP(self->n_levels, 1, MAX_LEVELS);
}

/* The same range where bands are equally wide (log space with log levels). */
static guint band_space(const EiafContourMap *self, double *t0, double *t1)
{
  double lo, hi;
  guint n = band_range(self, &lo, &hi);
  gboolean log = use_log(self);
  *t0 = log ? log10(lo) : lo;
  *t1 = log ? log10(hi) : hi;
  return n;
}

/* Recomputes levels_space from values. Non-positive values on log levels join the lowest
 * band. */
static void update_levels_space(EiafContourMap *self)
{
  gsize n = (gsize) self->h * self->w;
  g_clear_pointer(&self->levels_space, g_free);
  if (!self->values)
    return;
  self->levels_space = g_new(float, n);
  gboolean log = use_log(self);
  double floor_value = log ? log10(self->lo_positive) : 0;
  for (gsize i = 0; i < n; i++) {
    float v = self->values[i];
    self->levels_space[i] = !log || isnan(v) ? v : v > 0 ? (float) log10(v) : (float) floor_value;
  }
}

/* ---- field ---- */

typedef struct {
  int *index;  /* lattice cell (0 … n-2) of each device row or column, -1 outside */
  float *frac; /* position inside it */
} Samples;

static Samples sample_axis(int count, double start_dev, int scale, double lattice0, double lattice1,
                           guint nodes, const EiafAxes *ax, gboolean is_x)
{
  Samples s = {g_new(int, count), g_new(float, count)};
  for (int i = 0; i < count; i++) {
    double user = (start_dev + i + 0.5) / scale;
    double v = is_x ? eiaf_axes_unmap_x(ax, user) : eiaf_axes_unmap_y(ax, user);
    double g = nodes > 1 ? (v - lattice0) / (lattice1 - lattice0) * (nodes - 1) : 0;
    if (!(g >= 0 && g <= nodes - 1) || nodes < 2) {
      s.index[i] = -1;
      continue;
    }
    int cell = MIN((int) floor(g), (int) nodes - 2);
    s.index[i] = cell;
    s.frac[i] = (float) (g - cell);
  }
  return s;
}

static void write_field(EiafContourMap *self, const EiafAxes *ax, int scale)
{
  cairo_surface_t *surface = self->cache.surface;
  unsigned char *data = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  int x0 = (int) lround(ax->px * scale), y0 = (int) lround(ax->py * scale);
  int x1 = MIN((int) lround((ax->px + ax->pw) * scale), cairo_image_surface_get_width(surface));
  int y1 = MIN((int) lround((ax->py + ax->ph) * scale), cairo_image_surface_get_height(surface));
  if (x1 <= x0 || y1 <= y0 || self->w < 2 || self->h < 2 || !self->levels_space)
    return;

  double t0, t1;
  guint n = band_space(self, &t0, &t1);
  double per_band = n / (t1 - t0);
  guint32 colors[MAX_LEVELS];
  for (guint b = 0; b < n; b++)
    colors[b] = eiaf_colormap_argb(EIAF_COLORMAP_SEQUENTIAL, (b + 0.5) / n);

  Samples cols = sample_axis(x1 - x0, x0, scale, self->x0, self->x1, self->w, ax, TRUE);
  Samples rows = sample_axis(y1 - y0, y0, scale, self->y0, self->y1, self->h, ax, FALSE);
  float *row_values = g_new(float, self->w);
  cairo_surface_flush(surface);
  for (int r = 0; r < y1 - y0; r++) {
    if (rows.index[r] < 0)
      continue;
    /* The vertical half of the bilinear interpolation, once per output row. */
    const float *below = self->levels_space + (gsize) rows.index[r] * self->w;
    const float *above = below + self->w;
    float fy = rows.frac[r];
    for (guint j = 0; j < self->w; j++)
      row_values[j] = below[j] + fy * (above[j] - below[j]);
    guint32 *out = (guint32 *) (data + (gsize) (y0 + r) * stride) + x0;
    for (int c = 0; c < x1 - x0; c++) {
      int j = cols.index[c];
      if (j < 0)
        continue;
      float v = row_values[j] + cols.frac[c] * (row_values[j + 1] - row_values[j]);
      if (!isfinite(v))
        continue;
      int band = (int) ((v - t0) * per_band);
      out[c] = colors[CLAMP(band, 0, (int) n - 1)];
    }
  }
  cairo_surface_mark_dirty(surface);
  g_free(row_values);
  g_free(cols.index), g_free(cols.frac), g_free(rows.index), g_free(rows.frac);
}

static void stroke_iso_lines(EiafContourMap *self, cairo_t *cr, const EiafAxes *ax)
{
  if (!self->levels_space)
    return;
  double t0, t1;
  guint n = band_space(self, &t0, &t1);
  double l = eiaf_axes_map_x(ax, self->x0), r = eiaf_axes_map_x(ax, self->x1);
  double t = eiaf_axes_map_y(ax, self->y1), b = eiaf_axes_map_y(ax, self->y0);
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  cairo_new_path(cr);
  for (guint i = 1; i < n; i++)
    eiaf_path_iso_line(cr, self->levels_space, (int) self->h, (int) self->w, t0 + (t1 - t0) * i / n,
                       l, t, r - l, b - t);
  /* Dark and faint: visible on the light end of the map, quiet on the dark end. */
  cairo_set_source_rgba(cr, 0, 0, 0, 0.28);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
}

static EiafColorbar colorbar(const EiafContourMap *self)
{
  double lo, hi;
  guint n = band_range(self, &lo, &hi);
  return (EiafColorbar){EIAF_COLORMAP_SEQUENTIAL, lo, hi, use_log(self), (int) n, NULL};
}

/* ---- path ---- */

static void draw_path(EiafContourMap *self, cairo_t *cr, const EiafAxes *ax, int scale)
{
  gsize n = self->path_x->len;
  if (n == 0)
    return;
  const float *x = (const float *) self->path_x->data, *y = (const float *) self->path_y->data;
  static const GdkRGBA white = {1, 1, 1, 1}, black = {0, 0, 0, 1};
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  /* White on a dark halo reads over every colour of the map. The trail is stroked in short
   * pieces: a stroke costs the area of its bounding box, and one stroke of a path that crosses
   * the whole map would cost the whole map, twice. Round caps hide the seams. */
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 0)
      cairo_set_source_rgba(cr, 0, 0, 0, 0.55);
    else
      cairo_set_source_rgba(cr, 1, 1, 1, 1);
    cairo_set_line_width(cr, pass == 0 ? 4 : 2);
    for (gsize k = 0; k + 1 < n || k == 0; k += PATH_PIECE) {
      cairo_new_path(cr);
      eiaf_path_trail(cr, ax, x, y, k, MIN(k + PATH_PIECE + 1, n), scale);
      cairo_stroke(cr);
    }
  }

  cairo_set_line_width(cr, 1.5);
  eiaf_draw_dot(cr, eiaf_axes_map_x(ax, x[0]), eiaf_axes_map_y(ax, y[0]), 5, &white, &black, FALSE);
  GdkRGBA now;
  eiaf_palette_color(1, FALSE, &now); /* orange: apart from viridis' blues and greens */
  eiaf_draw_dot(cr, eiaf_axes_map_x(ax, x[n - 1]), eiaf_axes_map_y(ax, y[n - 1]), 5.5, &now, &black,
                FALSE);
  cairo_restore(cr);
}

/* ---- drawing ---- */

static gboolean eiaf_contour_map_has_data(EiafPlot *plot)
{
  EiafContourMap *self = EIAF_CONTOUR_MAP(plot);
  return self->values != NULL;
}

static void layout_axes(EiafContourMap *self, PangoLayout *layout, int width, int height,
                        EiafAxes *ax, double *bar_w)
{
  EiafColorbar bar = colorbar(self);
  *bar_w = eiaf_colorbar_width(&bar, layout) + 14;
  ax->x0 = self->x0, ax->x1 = self->x1, ax->y0 = self->y0, ax->y1 = self->y1;
  ax->no_grid = TRUE;
  eiaf_range_sanitize(&ax->x0, &ax->x1, FALSE);
  eiaf_range_sanitize(&ax->y0, &ax->y1, FALSE);
  ax->x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
  ax->y_title = eiaf_plot_get_y_title(EIAF_PLOT(self));
  eiaf_axes_layout(ax, layout, 0, 0, width - *bar_w, height);
}

static void eiaf_contour_map_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafContourMap *self = EIAF_CONTOUR_MAP(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  guint serial = eiaf_plot_get_style_serial(plot);
  EiafAxes ax = {0};
  double bar_w;

  layout_axes(self, layout, width, height, &ax, &bar_w);
  if (!eiaf_surface_cache_is_valid(&self->cache, width, height, scale, serial) ||
      !eiaf_axes_same_frame(&ax, &self->cache_axes)) {
    cairo_t *ccr = eiaf_surface_cache_begin(&self->cache, width, height, scale, serial, layout,
                                            &eiaf_plot_get_colors(plot)->paper);
    write_field(self, &ax, scale);
    stroke_iso_lines(self, ccr, &ax);
    eiaf_axes_draw(&ax, ccr, layout, eiaf_plot_get_colors(plot), scale);
    EiafColorbar bar = colorbar(self);
    eiaf_colorbar_draw(&bar, ccr, layout, eiaf_plot_get_colors(plot), width - bar_w + 14, ax.py,
                       ax.ph, scale);
    eiaf_surface_cache_end(&self->cache, ccr, cr, layout);
    self->cache_axes = ax;
  }
  eiaf_surface_cache_paint(&self->cache, cr);
  draw_path(self, cr, &ax, scale);
  eiaf_plot_remember_axes(plot, &ax);
}

/* ---- public API ---- */

GtkWidget *eiaf_contour_map_new(void)
{
  return g_object_new(EIAF_TYPE_CONTOUR_MAP, NULL);
}

void eiaf_contour_map_set_field(EiafContourMap *self, const float *values, guint h, guint w,
                                double x0, double x1, double y0, double y1)
{
  g_return_if_fail(EIAF_IS_CONTOUR_MAP(self));
  gsize n = (gsize) h * w;
  g_return_if_fail(values != NULL || n == 0);
  g_clear_pointer(&self->values, g_free);
  g_clear_pointer(&self->levels_space, g_free);
  if (n == 0 || !isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) {
    invalidate(self);
    return;
  }
  self->values = g_memdup2(values, n * sizeof(float));
  self->h = h, self->w = w;
  self->x0 = x0, self->x1 = x1, self->y0 = y0, self->y1 = y1;
  self->lo = self->lo_positive = INFINITY;
  self->hi = -INFINITY;
  for (gsize i = 0; i < n; i++) {
    double v = values[i];
    if (!isfinite(v))
      continue;
    self->lo = MIN(self->lo, v);
    self->hi = MAX(self->hi, v);
    if (v > 0)
      self->lo_positive = MIN(self->lo_positive, v);
  }
  update_levels_space(self);
  invalidate(self);
}

void eiaf_contour_map_clear_field(EiafContourMap *self)
{
  eiaf_contour_map_set_field(self, NULL, 0, 0, 0, 0, 0, 0);
}

void eiaf_contour_map_set_path(EiafContourMap *self, const float *x, const float *y, gsize n)
{
  g_return_if_fail(EIAF_IS_CONTOUR_MAP(self));
  g_return_if_fail(n == 0 || (x != NULL && y != NULL));
  g_array_set_size(self->path_x, 0);
  g_array_set_size(self->path_y, 0);
  if (n) {
    g_array_append_vals(self->path_x, x, (guint) n);
    g_array_append_vals(self->path_y, y, (guint) n);
  }
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_contour_map_append_path(EiafContourMap *self, float x, float y)
{
  g_return_if_fail(EIAF_IS_CONTOUR_MAP(self));
  g_array_append_val(self->path_x, x);
  g_array_append_val(self->path_y, y);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_contour_map_clear_path(EiafContourMap *self)
{
  eiaf_contour_map_set_path(self, NULL, NULL, 0);
}

gsize eiaf_contour_map_get_path_length(EiafContourMap *self)
{
  g_return_val_if_fail(EIAF_IS_CONTOUR_MAP(self), 0);
  return self->path_x->len;
}

void eiaf_contour_map_set_n_levels(EiafContourMap *self, guint n_levels)
{
  g_return_if_fail(EIAF_IS_CONTOUR_MAP(self));
  n_levels = CLAMP(n_levels, 1, MAX_LEVELS);
  if (self->n_levels == n_levels)
    return;
  self->n_levels = n_levels;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_N_LEVELS]);
}

void eiaf_contour_map_set_log_levels(EiafContourMap *self, gboolean log_levels)
{
  g_return_if_fail(EIAF_IS_CONTOUR_MAP(self));
  log_levels = !!log_levels;
  if (self->log_levels == log_levels)
    return;
  self->log_levels = log_levels;
  update_levels_space(self);
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_LOG_LEVELS]);
}

gboolean eiaf_contour_map_get_log_levels(EiafContourMap *self)
{
  g_return_val_if_fail(EIAF_IS_CONTOUR_MAP(self), FALSE);
  return self->log_levels;
}

/* ---- GObject ---- */

static void eiaf_contour_map_finalize(GObject *object)
{
  EiafContourMap *self = EIAF_CONTOUR_MAP(object);
  g_free(self->values);
  g_free(self->levels_space);
  g_array_unref(self->path_x);
  g_array_unref(self->path_y);
  eiaf_surface_cache_clear(&self->cache);
  G_OBJECT_CLASS(eiaf_contour_map_parent_class)->finalize(object);
}

static void eiaf_contour_map_get_property(GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
  EiafContourMap *self = EIAF_CONTOUR_MAP(object);
  switch (prop_id) {
  case PROP_N_LEVELS:
    g_value_set_uint(value, self->n_levels);
    break;
  case PROP_LOG_LEVELS:
    g_value_set_boolean(value, self->log_levels);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_contour_map_set_property(GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
  EiafContourMap *self = EIAF_CONTOUR_MAP(object);
  switch (prop_id) {
  case PROP_N_LEVELS:
    eiaf_contour_map_set_n_levels(self, g_value_get_uint(value));
    break;
  case PROP_LOG_LEVELS:
    eiaf_contour_map_set_log_levels(self, g_value_get_boolean(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_contour_map_class_init(EiafContourMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  object_class->finalize = eiaf_contour_map_finalize;
  object_class->get_property = eiaf_contour_map_get_property;
  object_class->set_property = eiaf_contour_map_set_property;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_contour_map_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_contour_map_has_data;

  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  properties[PROP_N_LEVELS] = g_param_spec_uint("n-levels", NULL, NULL, 1, MAX_LEVELS, 12, flags);
  properties[PROP_LOG_LEVELS] = g_param_spec_boolean("log-levels", NULL, NULL, FALSE, flags);
  g_object_class_install_properties(object_class, N_PROPS, properties);
}

static void eiaf_contour_map_init(EiafContourMap *self)
{
  eiaf_plot_set_cache(EIAF_PLOT(self), &self->cache);
  self->path_x = g_array_new(FALSE, FALSE, sizeof(float));
  self->path_y = g_array_new(FALSE, FALSE, sizeof(float));
  self->n_levels = 12;
}
