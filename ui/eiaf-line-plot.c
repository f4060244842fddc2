/* Curves over x. The axes, legend and series are drawn into one cached surface; appending a
 * point strokes only the new piece onto it, and the whole is redrawn only when the axes'
 * ranges, the size or the theme change. The hover read-out is drawn over the cache. */
#include "eiaf-line-plot.h"

#include "eiaf-plot-series.h"

#include <math.h>

#define LINE_WIDTH   2.0
#define HOVER_RADIUS 24.0

struct _EiafLinePlot {
  EiafPlot parent_instance;

  GPtrArray *series;             /* EiafSeries* */
  double x_lo, x_hi, y_lo, y_hi; /* fixed ranges, NaN: automatic */
  gboolean log_y;
  gboolean x_whole;

  EiafSurfaceCache cache;
  EiafAxes axes; /* as last drawn */
  gboolean have_axes;

  gboolean hovering;
  guint hover_series;
  gsize hover_index;
};

G_DEFINE_FINAL_TYPE(EiafLinePlot, eiaf_line_plot, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_LOG_Y, N_PROPS };
static GParamSpec *properties[N_PROPS];

static EiafSeries *series_at(EiafLinePlot *self, guint index)
{
  while (self->series->len <= index)
    g_ptr_array_add(self->series, eiaf_series_new(self->series->len));
  return g_ptr_array_index(self->series, index);
}

static void invalidate(EiafLinePlot *self)
{
  eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

/* ---- ranges ---- */

/* The extent of every drawable point; FALSE when there is none. */
static gboolean data_extent(EiafLinePlot *self, double *x0, double *x1, double *y0, double *y1)
{
  double e[4] = {INFINITY, -INFINITY, INFINITY, -INFINITY};
  for (guint k = 0; k < self->series->len; k++)
    eiaf_series_extent(g_ptr_array_index(self->series, k), self->log_y, e);
  *x0 = e[0], *x1 = e[1], *y0 = e[2], *y1 = e[3];
  return e[0] <= e[1];
}

static gboolean eiaf_line_plot_has_data(EiafPlot *plot)
{
  double a, b, c, d;
  return data_extent(EIAF_LINE_PLOT(plot), &a, &b, &c, &d);
}

static void choose_ranges(EiafLinePlot *self, EiafAxes *ax)
{
  double x0, x1, y0, y1;
  data_extent(self, &x0, &x1, &y0, &y1);
  gboolean x_fixed = isfinite(self->x_lo) && isfinite(self->x_hi);
  gboolean y_fixed = isfinite(self->y_lo) && isfinite(self->y_hi);
  ax->x0 = x_fixed ? self->x_lo : x0;
  ax->x1 = x_fixed ? self->x_hi : x1;
  ax->y0 = y_fixed ? self->y_lo : y0;
  ax->y1 = y_fixed ? self->y_hi : y1;
  ax->x_loose = !x_fixed;
  ax->y_loose = !y_fixed;
  ax->log_y = self->log_y;
  ax->x_whole = self->x_whole;
  eiaf_range_sanitize(&ax->x0, &ax->x1, FALSE);
  eiaf_range_sanitize(&ax->y0, &ax->y1, self->log_y);
  ax->x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
  ax->y_title = eiaf_plot_get_y_title(EIAF_PLOT(self));
}

/* ---- drawing ---- */

static void layout_axes(EiafLinePlot *self, PangoLayout *layout, int width, int height,
                        EiafAxes *ax, double *legend_h)
{
  EiafLegendItem items[32];
  guint n = eiaf_series_legend(self->series, EIAF_PLOT(self), items, G_N_ELEMENTS(items));
  const double pad = 6;
  *legend_h = n ? eiaf_legend_draw(NULL, layout, items, n, pad, pad, width - 2 * pad, NULL) : 0;
  double top = n ? *legend_h + pad + 2 : 0;
  choose_ranges(self, ax);
  eiaf_axes_layout(ax, layout, 0, top, width, height - top);
}

static void draw_all(EiafLinePlot *self, cairo_t *cr, PangoLayout *layout, const EiafAxes *ax,
                     int width, int scale)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  EiafLegendItem items[32];
  guint n = eiaf_series_legend(self->series, EIAF_PLOT(self), items, G_N_ELEMENTS(items));
  eiaf_legend_draw(cr, layout, items, n, 6, 6, width - 12, colors);
  eiaf_axes_draw(ax, cr, layout, colors, scale);
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  for (guint k = 0; k < self->series->len; k++)
    eiaf_series_stroke(g_ptr_array_index(self->series, k), EIAF_PLOT(self), cr, ax, 0, scale);
  cairo_restore(cr);
}

static void draw_appended(EiafLinePlot *self, cairo_t *cr, const EiafAxes *ax, int scale)
{
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  for (guint k = 0; k < self->series->len; k++) {
    EiafSeries *s = g_ptr_array_index(self->series, k);
    if (s->drawn < eiaf_series_len(s))
      eiaf_series_stroke(s, EIAF_PLOT(self), cr, ax, s->drawn, scale);
  }
  cairo_restore(cr);
}

static gboolean anything_appended(EiafLinePlot *self)
{
  for (guint k = 0; k < self->series->len; k++) {
    EiafSeries *s = g_ptr_array_index(self->series, k);
    if (s->drawn < eiaf_series_len(s))
      return TRUE;
  }
  return FALSE;
}

static void draw_hover(EiafLinePlot *self, cairo_t *cr, const EiafAxes *ax)
{
  if (!self->hovering || self->hover_series >= self->series->len)
    return;
  EiafSeries *s = g_ptr_array_index(self->series, self->hover_series);
  if (self->hover_index >= s->x->len)
    return;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  double x = g_array_index(s->x, float, self->hover_index);
  double y = g_array_index(s->y, float, self->hover_index);
  double px = eiaf_axes_map_x(ax, x), py = eiaf_axes_map_y(ax, y);
  if (!isfinite(px) || !isfinite(py))
    return;
  GdkRGBA color;
  eiaf_plot_get_series_color(EIAF_PLOT(self), s->color, &color);
  eiaf_draw_dot(cr, px, py, 4.5, &color, &colors->paper, FALSE);

  const char *x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
  const char *y_title = eiaf_plot_get_y_title(EIAF_PLOT(self));
  char xs[32], ys[32];
  eiaf_format_value(x, 4, xs, sizeof xs);
  eiaf_format_value(y, 4, ys, sizeof ys);
  g_autofree char *text = s->label && *s->label ? g_strdup_printf("%s\n%s = %s, %s = %s", s->label,
                                                                  x_title ? x_title : "x", xs,
                                                                  y_title ? y_title : "y", ys)
                                                : g_strdup_printf("%s, %s", xs, ys);
  eiaf_draw_label_box(cr, eiaf_plot_get_layout(EIAF_PLOT(self)), colors, text, px, py, ax->px,
                      ax->py, ax->pw, ax->ph);
}

static void eiaf_line_plot_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafLinePlot *self = EIAF_LINE_PLOT(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  guint serial = eiaf_plot_get_style_serial(plot);
  EiafAxes ax = {0};
  double legend_h;

  layout_axes(self, layout, width, height, &ax, &legend_h);
  gboolean reuse = eiaf_surface_cache_is_valid(&self->cache, width, height, scale, serial) &&
                   self->have_axes && eiaf_axes_same_frame(&ax, &self->axes);
  if (!reuse) {
    cairo_t *ccr = eiaf_surface_cache_begin(&self->cache, width, height, scale, serial, layout,
                                            &eiaf_plot_get_colors(plot)->paper);
    draw_all(self, ccr, layout, &ax, width, scale);
    eiaf_surface_cache_end(&self->cache, ccr, cr, layout);
  } else if (anything_appended(self)) {
    cairo_t *ccr = eiaf_surface_cache_begin_update(&self->cache);
    draw_appended(self, ccr, &ax, scale);
    eiaf_surface_cache_end(&self->cache, ccr, NULL, NULL);
  }
  self->axes = ax;
  self->have_axes = TRUE;
  eiaf_plot_remember_axes(plot, &ax);
  eiaf_surface_cache_paint(&self->cache, cr);
  draw_hover(self, cr, &ax);
}

/* ---- picking and hover ---- */

gboolean eiaf_line_plot_pick(EiafLinePlot *self, double x, double y, double radius, guint *series,
                             gsize *index)
{
  g_return_val_if_fail(EIAF_IS_LINE_PLOT(self), FALSE);
  if (!self->have_axes)
    return FALSE;
  const EiafAxes *ax = &self->axes;
  double best = radius * radius;
  gboolean found = FALSE;
  for (guint k = 0; k < self->series->len; k++) {
    EiafSeries *s = g_ptr_array_index(self->series, k);
    const float *xs = (const float *) s->x->data, *ys = (const float *) s->y->data;
    for (guint i = 0; i < s->x->len; i++) {
      double dx = eiaf_axes_map_x(ax, xs[i]) - x, dy = eiaf_axes_map_y(ax, ys[i]) - y;
      double d = dx * dx + dy * dy;
      if (d <= best) { /* NaN compares false and is skipped */
        best = d;
        found = TRUE;
        if (series)
          *series = k;
        if (index)
          *index = i;
      }
    }
  }
  return found;
}

static void on_motion_cb(GtkEventControllerMotion *motion, double x, double y, EiafLinePlot *self)
{
  guint series = 0;
  gsize index = 0;
  gboolean found = eiaf_line_plot_pick(self, x, y, HOVER_RADIUS, &series, &index);
  if (found == self->hovering && series == self->hover_series && index == self->hover_index)
    return;
  self->hovering = found;
  self->hover_series = series;
  self->hover_index = index;
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

static void on_leave_cb(GtkEventControllerMotion *motion, EiafLinePlot *self)
{
  if (!self->hovering)
    return;
  self->hovering = FALSE;
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

/* ---- public API ---- */

GtkWidget *eiaf_line_plot_new(void)
{
  return g_object_new(EIAF_TYPE_LINE_PLOT, NULL);
}

void eiaf_line_plot_set_series(EiafLinePlot *self, guint index, const char *label, const float *x,
                               const float *y, gsize n)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  g_return_if_fail(n == 0 || y != NULL);
  g_return_if_fail(index < 1024);
  eiaf_series_set(series_at(self, index), label, x, y, n);
  self->hovering = FALSE;
  invalidate(self);
}

void eiaf_line_plot_append(EiafLinePlot *self, guint index, float x, float y)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  g_return_if_fail(index < 1024);
  gboolean is_new = index >= self->series->len;
  eiaf_series_append(series_at(self, index), x, y);
  /* The cache stays: the next draw strokes the new piece or, if the ranges moved, all. */
  if (is_new)
    eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_line_plot_set_series_style(EiafLinePlot *self, guint index, guint color, gboolean dashed)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  g_return_if_fail(index < 1024);
  EiafSeries *s = series_at(self, index);
  s->color = color;
  s->dashed = dashed;
  invalidate(self);
}

guint eiaf_line_plot_get_n_series(EiafLinePlot *self)
{
  g_return_val_if_fail(EIAF_IS_LINE_PLOT(self), 0);
  return self->series->len;
}

gsize eiaf_line_plot_get_series_length(EiafLinePlot *self, guint index)
{
  g_return_val_if_fail(EIAF_IS_LINE_PLOT(self), 0);
  if (index >= self->series->len)
    return 0;
  return eiaf_series_len(g_ptr_array_index(self->series, index));
}

void eiaf_line_plot_clear(EiafLinePlot *self)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  g_ptr_array_set_size(self->series, 0);
  self->hovering = FALSE;
  invalidate(self);
}

void eiaf_line_plot_set_x_range(EiafLinePlot *self, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  self->x_lo = lo;
  self->x_hi = hi;
  invalidate(self);
}

void eiaf_line_plot_set_y_range(EiafLinePlot *self, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  self->y_lo = lo;
  self->y_hi = hi;
  invalidate(self);
}

void eiaf_line_plot_set_log_y(EiafLinePlot *self, gboolean log_y)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  log_y = !!log_y;
  if (self->log_y == log_y)
    return;
  self->log_y = log_y;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_LOG_Y]);
}

gboolean eiaf_line_plot_get_log_y(EiafLinePlot *self)
{
  g_return_val_if_fail(EIAF_IS_LINE_PLOT(self), FALSE);
  return self->log_y;
}

void eiaf_line_plot_set_x_whole(EiafLinePlot *self, gboolean whole)
{
  g_return_if_fail(EIAF_IS_LINE_PLOT(self));
  self->x_whole = !!whole;
  invalidate(self);
}

/* ---- GObject ---- */

static void eiaf_line_plot_finalize(GObject *object)
{
  EiafLinePlot *self = EIAF_LINE_PLOT(object);
  g_ptr_array_unref(self->series);
  eiaf_surface_cache_clear(&self->cache);
  G_OBJECT_CLASS(eiaf_line_plot_parent_class)->finalize(object);
}

static void eiaf_line_plot_get_property(GObject *object, guint prop_id, GValue *value,
                                        GParamSpec *pspec)
{
  EiafLinePlot *self = EIAF_LINE_PLOT(object);
  switch (prop_id) {
  case PROP_LOG_Y:
    g_value_set_boolean(value, self->log_y);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_line_plot_set_property(GObject *object, guint prop_id, const GValue *value,
                                        GParamSpec *pspec)
{
  EiafLinePlot *self = EIAF_LINE_PLOT(object);
  switch (prop_id) {
  case PROP_LOG_Y:
    eiaf_line_plot_set_log_y(self, g_value_get_boolean(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_line_plot_class_init(EiafLinePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  EiafPlotClass *plot_class = EIAF_PLOT_CLASS(klass);

  object_class->finalize = eiaf_line_plot_finalize;
  object_class->get_property = eiaf_line_plot_get_property;
  object_class->set_property = eiaf_line_plot_set_property;
  plot_class->draw = eiaf_line_plot_draw;
  plot_class->has_data = eiaf_line_plot_has_data;

  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  properties[PROP_LOG_Y] = g_param_spec_boolean("log-y", NULL, NULL, FALSE, flags);
  g_object_class_install_properties(object_class, N_PROPS, properties);
}

static void eiaf_line_plot_init(EiafLinePlot *self)
{
  eiaf_plot_set_cache(EIAF_PLOT(self), &self->cache);
  self->series = g_ptr_array_new_with_free_func(eiaf_series_free);
  self->x_lo = self->x_hi = self->y_lo = self->y_hi = NAN;

  GtkEventController *motion = gtk_event_controller_motion_new();
  g_signal_connect_object(motion, "motion", G_CALLBACK(on_motion_cb), self, 0);
  g_signal_connect_object(motion, "leave", G_CALLBACK(on_leave_cb), self, 0);
  gtk_widget_add_controller(GTK_WIDGET(self), motion);
}
