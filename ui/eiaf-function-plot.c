/* Functions of x with data points, a marker and balls. Axes, legend, curves and points are
 * cached; the marker, its read-out and the balls — what moves — are drawn over the cache on
 * every frame. */
#include "eiaf-function-plot.h"

#include <math.h>

#include "eiaf-plot-series.h"

#define BALL_RADIUS  7.0
#define POINT_RADIUS 3.6

/* A set of data points: a series never stroked, drawn as dots. */
typedef struct {
  EiafSeries *series;
  gboolean hollow;
} PointSet;

typedef struct {
  guint curve;
  double x;
  guint color;
  char *label;
} Ball;

struct _EiafFunctionPlot {
  EiafPlot parent_instance;

  GPtrArray *curves; /* EiafSeries* */
  GPtrArray *points; /* PointSet* */
  GArray *balls;     /* Ball */
  double x_lo, x_hi, y_lo, y_hi;

  gboolean show_marker;
  double marker;
  double marker_step;
  double drag_start;

  EiafSurfaceCache cache;
  EiafAxes cache_axes;
  gboolean have_axes;
};

G_DEFINE_FINAL_TYPE(EiafFunctionPlot, eiaf_function_plot, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_SHOW_MARKER, PROP_MARKER_X, PROP_MARKER_STEP, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { MARKER_MOVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void invalidate(EiafFunctionPlot *self)
{
  eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

static EiafSeries *curve_at(EiafFunctionPlot *self, guint index)
{
  while (self->curves->len <= index)
    g_ptr_array_add(self->curves, eiaf_series_new(self->curves->len));
  return g_ptr_array_index(self->curves, index);
}

static void point_set_free(gpointer data)
{
  PointSet *p = data;
  eiaf_series_free(p->series);
  g_free(p);
}

static PointSet *points_at(EiafFunctionPlot *self, guint index)
{
  while (self->points->len <= index) {
    PointSet *p = g_new0(PointSet, 1);
    p->series = eiaf_series_new(self->points->len);
    g_ptr_array_add(self->points, p);
  }
  return g_ptr_array_index(self->points, index);
}

static void ball_clear(gpointer data)
{
  g_free(((Ball *) data)->label);
}

/* ---- layout ---- */

static gboolean curves_extent(EiafFunctionPlot *self, double e[4])
{
  e[0] = e[2] = INFINITY;
  e[1] = e[3] = -INFINITY;
  for (guint k = 0; k < self->curves->len; k++)
    eiaf_series_extent(g_ptr_array_index(self->curves, k), FALSE, e);
  for (guint k = 0; k < self->points->len; k++)
    eiaf_series_extent(((PointSet *) g_ptr_array_index(self->points, k))->series, FALSE, e);
  return e[0] <= e[1];
}

static gboolean eiaf_function_plot_has_data(EiafPlot *plot)
{
  double e[4];
  return curves_extent(EIAF_FUNCTION_PLOT(plot), e);
}

/* The curves' legend entries, then the labelled point sets' (as squares). */
static guint legend_items(EiafFunctionPlot *self, EiafLegendItem *items, guint max)
{
  guint n = eiaf_series_legend(self->curves, EIAF_PLOT(self), items, max);
  for (guint k = 0; k < self->points->len && n < max; k++) {
    EiafSeries *s = ((PointSet *) g_ptr_array_index(self->points, k))->series;
    if (!s->label || !*s->label)
      continue;
    items[n] = (EiafLegendItem){s->label, {0}, FALSE, TRUE};
    eiaf_plot_get_series_color(EIAF_PLOT(self), s->color, &items[n++].color);
  }
  return n;
}

static void layout_axes(EiafFunctionPlot *self, PangoLayout *layout, int width, int height,
                        EiafAxes *ax)
{
  double e[4];
  curves_extent(self, e);
  gboolean x_fixed = isfinite(self->x_lo) && isfinite(self->x_hi);
  gboolean y_fixed = isfinite(self->y_lo) && isfinite(self->y_hi);
  ax->x0 = x_fixed ? self->x_lo : e[0];
  ax->x1 = x_fixed ? self->x_hi : e[1];
  ax->y0 = y_fixed ? self->y_lo : e[2];
  ax->y1 = y_fixed ? self->y_hi : e[3];
  /* A function's domain is what it is: x stays tight, y gets room up to whole ticks. */
  ax->x_loose = FALSE;
  ax->y_loose = !y_fixed;
  eiaf_range_sanitize(&ax->x0, &ax->x1, FALSE);
  eiaf_range_sanitize(&ax->y0, &ax->y1, FALSE);
  ax->x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
  ax->y_title = eiaf_plot_get_y_title(EIAF_PLOT(self));

  EiafLegendItem items[32];
  guint n = legend_items(self, items, G_N_ELEMENTS(items));
  double legend_h = eiaf_legend_draw(NULL, layout, items, n, 6, 6, width - 12, NULL);
  double top = n ? legend_h + 8 : 0;
  eiaf_axes_layout(ax, layout, 0, top, width, height - top);
}

/* ---- drawing ---- */

static void draw_points(EiafFunctionPlot *self, cairo_t *cr, const EiafAxes *ax, const PointSet *p)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  GdkRGBA color;
  eiaf_plot_get_series_color(EIAF_PLOT(self), p->series->color, &color);
  const float *x = (const float *) p->series->x->data, *y = (const float *) p->series->y->data;
  for (guint i = 0; i < p->series->x->len; i++)
    eiaf_draw_dot(cr, eiaf_axes_map_x(ax, x[i]), eiaf_axes_map_y(ax, y[i]), POINT_RADIUS, &color,
                  &colors->paper, p->hollow);
}

static void draw_cache(EiafFunctionPlot *self, cairo_t *cr, PangoLayout *layout, const EiafAxes *ax,
                       int width, int scale)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  EiafLegendItem items[32];
  guint n = legend_items(self, items, G_N_ELEMENTS(items));
  eiaf_legend_draw(cr, layout, items, n, 6, 6, width - 12, colors);
  eiaf_axes_draw(ax, cr, layout, colors, scale);
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  /* y = 0 drawn a little stronger: where a function changes sign matters here. */
  if (ax->y0 < 0 && ax->y1 > 0) {
    double y0 = eiaf_snap(eiaf_axes_map_y(ax, 0), 1, scale);
    cairo_move_to(cr, ax->px, y0);
    cairo_line_to(cr, ax->px + ax->pw, y0);
    cairo_set_line_width(cr, 1);
    gdk_cairo_set_source_rgba(cr, &colors->axis);
    cairo_stroke(cr);
  }
  /* Samples first: a fit is read as a line through its samples. */
  for (guint k = 0; k < self->points->len; k++)
    draw_points(self, cr, ax, g_ptr_array_index(self->points, k));
  for (guint k = 0; k < self->curves->len; k++)
    eiaf_series_stroke(g_ptr_array_index(self->curves, k), EIAF_PLOT(self), cr, ax, 0, scale);
  cairo_restore(cr);
}

static void draw_readout(EiafFunctionPlot *self, cairo_t *cr, PangoLayout *layout,
                         const EiafAxes *ax, double mx)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  const double pad = 5, swatch = 16, gap = 5;
  char value[32], line[160];
  double th, w = 0, tw;
  eiaf_text_size(layout, "Ag", NULL, &th);

  /* First pass measures, second draws. */
  for (int pass = 0; pass < 2; pass++) {
    double bx = mx + 10 + w + 2 * pad > ax->px + ax->pw ? mx - 10 - w - 2 * pad : mx + 10;
    double by = ax->py + 4, y = by + pad;
    if (pass == 1) {
      guint rows = 1;
      for (guint k = 0; k < self->curves->len; k++)
        rows++;
      GdkRGBA paper = colors->paper;
      paper.alpha = 0.92f;
      cairo_rectangle(cr, round(bx) + 0.5, round(by) + 0.5, round(w + 2 * pad),
                      round(rows * th + 2 * pad));
      gdk_cairo_set_source_rgba(cr, &paper);
      cairo_fill_preserve(cr);
      cairo_set_line_width(cr, 1);
      gdk_cairo_set_source_rgba(cr, &colors->axis);
      cairo_stroke(cr);
    }
    eiaf_format_value(self->marker, 3, value, sizeof value);
    const char *x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
    g_snprintf(line, sizeof line, "%s = %s", x_title ? x_title : "x", value);
    eiaf_text_size(layout, line, &tw, NULL);
    w = pass == 0 ? MAX(w, tw) : w;
    if (pass == 1) {
      gdk_cairo_set_source_rgba(cr, &colors->fg);
      eiaf_draw_text(cr, layout, line, bx + pad, y, 0, 0);
    }
    y += th;
    for (guint k = 0; k < self->curves->len; k++, y += th) {
      EiafSeries *s = g_ptr_array_index(self->curves, k);
      eiaf_format_value(eiaf_series_value_at(s, self->marker), 3, value, sizeof value);
      g_snprintf(line, sizeof line, "%s %s", s->label ? s->label : "", value);
      eiaf_text_size(layout, line, &tw, NULL);
      if (pass == 0) {
        w = MAX(w, swatch + gap + tw);
        continue;
      }
      GdkRGBA color;
      eiaf_plot_get_series_color(EIAF_PLOT(self), s->color, &color);
      EiafLegendItem item = {NULL, color, s->dashed, FALSE};
      eiaf_legend_draw_swatch(cr, &item, bx + pad, y + th / 2, swatch);
      gdk_cairo_set_source_rgba(cr, &colors->fg);
      eiaf_draw_text(cr, layout, line, bx + pad + swatch + gap, y, 0, 0);
    }
  }
}

static void draw_marker(EiafFunctionPlot *self, cairo_t *cr, PangoLayout *layout,
                        const EiafAxes *ax, int scale)
{
  if (!self->show_marker || !isfinite(self->marker))
    return;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  double mx = eiaf_snap(eiaf_axes_map_x(ax, self->marker), 2, scale);
  cairo_save(cr);
  cairo_move_to(cr, mx, ax->py);
  cairo_line_to(cr, mx, ax->py + ax->ph);
  /* In the text colour: the palette's blue is a curve's. */
  cairo_set_line_width(cr, 2);
  gdk_cairo_set_source_rgba(cr, &colors->fg);
  cairo_stroke(cr);
  eiaf_axes_clip(ax, cr);
  for (guint k = 0; k < self->curves->len; k++) {
    EiafSeries *s = g_ptr_array_index(self->curves, k);
    GdkRGBA color;
    eiaf_plot_get_series_color(EIAF_PLOT(self), s->color, &color);
    eiaf_draw_dot(cr, mx, eiaf_axes_map_y(ax, eiaf_series_value_at(s, self->marker)), 4, &color,
                  &colors->paper, FALSE);
  }
  cairo_restore(cr);
  draw_readout(self, cr, layout, ax, mx);
}

static void draw_balls(EiafFunctionPlot *self, cairo_t *cr, PangoLayout *layout, const EiafAxes *ax)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  for (guint i = 0; i < self->balls->len; i++) {
    const Ball *b = &g_array_index(self->balls, Ball, i);
    if (b->curve >= self->curves->len)
      continue;
    double y = eiaf_series_value_at(g_ptr_array_index(self->curves, b->curve), b->x);
    double px = eiaf_axes_map_x(ax, b->x), py = eiaf_axes_map_y(ax, y);
    if (!isfinite(px) || !isfinite(py))
      continue;
    /* Clamped to the frame, so a ball that runs off still shows where it went. */
    px = CLAMP(px, ax->px, ax->px + ax->pw);
    py = CLAMP(py, ax->py, ax->py + ax->ph);
    GdkRGBA color;
    eiaf_plot_get_series_color(EIAF_PLOT(self), b->color, &color);
    cairo_set_line_width(cr, 2);
    eiaf_draw_dot(cr, px, py - BALL_RADIUS, BALL_RADIUS, &color, &colors->paper, FALSE);
    if (b->label && *b->label) {
      /* Alternate above and below, so two balls at one place keep readable labels. */
      gboolean above = i % 2 == 0;
      gdk_cairo_set_source_rgba(cr, &colors->fg);
      eiaf_draw_text(cr, layout, b->label, px, above ? py - 2 * BALL_RADIUS - 3 : py + 3, 0.5,
                     above ? 1.0 : 0.0);
    }
  }
}

static void eiaf_function_plot_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafFunctionPlot *self = EIAF_FUNCTION_PLOT(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  guint serial = eiaf_plot_get_style_serial(plot);
  EiafAxes ax = {0};

  layout_axes(self, layout, width, height, &ax);
  if (!eiaf_surface_cache_is_valid(&self->cache, width, height, scale, serial) ||
      !eiaf_axes_same_frame(&ax, &self->cache_axes)) {
    cairo_t *ccr = eiaf_surface_cache_begin(&self->cache, width, height, scale, serial, layout,
                                            &eiaf_plot_get_colors(plot)->paper);
    draw_cache(self, ccr, layout, &ax, width, scale);
    eiaf_surface_cache_end(&self->cache, ccr, cr, layout);
    self->cache_axes = ax;
  }
  self->have_axes = TRUE;
  eiaf_plot_remember_axes(plot, &ax);
  eiaf_surface_cache_paint(&self->cache, cr);
  draw_balls(self, cr, layout, &ax);
  draw_marker(self, cr, layout, &ax, scale);
}

/* ---- marker ---- */

static void describe_marker(EiafFunctionPlot *self)
{
  GString *text = g_string_new(NULL);
  char value[32];
  eiaf_format_value(self->marker, 3, value, sizeof value);
  g_string_append_printf(text, "x = %s", value);
  for (guint k = 0; k < self->curves->len; k++) {
    EiafSeries *s = g_ptr_array_index(self->curves, k);
    eiaf_format_value(eiaf_series_value_at(s, self->marker), 3, value, sizeof value);
    g_string_append_printf(text, "; %s %s", s->label ? s->label : "", value);
  }
  eiaf_plot_set_description(EIAF_PLOT(self), text->str);
  g_string_free(text, TRUE);
}

void eiaf_function_plot_set_marker(EiafFunctionPlot *self, double x)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  if (!isfinite(x))
    return;
  if (self->have_axes)
    x = CLAMP(x, self->cache_axes.x0, self->cache_axes.x1);
  if (x == self->marker)
    return;
  self->marker = x;
  if (self->show_marker)
    describe_marker(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_MARKER_X]);
  g_signal_emit(self, signals[MARKER_MOVED], 0, x);
}

double eiaf_function_plot_get_marker(EiafFunctionPlot *self)
{
  g_return_val_if_fail(EIAF_IS_FUNCTION_PLOT(self), 0);
  return self->marker;
}

void eiaf_function_plot_set_marker_step(EiafFunctionPlot *self, double step)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  step = isfinite(step) ? MAX(step, 0) : 0;
  if (step == self->marker_step)
    return;
  self->marker_step = step;
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_MARKER_STEP]);
}

void eiaf_function_plot_set_show_marker(EiafFunctionPlot *self, gboolean show)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  show = !!show;
  if (self->show_marker == show)
    return;
  self->show_marker = show;
  gtk_widget_action_set_enabled(GTK_WIDGET(self), "marker.step", show);
  gtk_widget_set_cursor_from_name(GTK_WIDGET(self), show ? "col-resize" : NULL);
  if (show)
    describe_marker(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_SHOW_MARKER]);
}

static void on_drag_begin_cb(GtkGestureDrag *drag, double x, double y, EiafFunctionPlot *self)
{
  double dx;
  if (!self->show_marker || !eiaf_plot_widget_to_data(EIAF_PLOT(self), x, y, &dx, NULL)) {
    gtk_gesture_set_state(GTK_GESTURE(drag), GTK_EVENT_SEQUENCE_DENIED);
    return;
  }
  gtk_widget_grab_focus(GTK_WIDGET(self));
  self->drag_start = x;
  eiaf_function_plot_set_marker(self, dx);
}

static void on_drag_update_cb(GtkGestureDrag *drag, double off_x, double off_y,
                              EiafFunctionPlot *self)
{
  double dx;
  if (eiaf_plot_widget_to_data(EIAF_PLOT(self), self->drag_start + off_x, 0, &dx, NULL))
    eiaf_function_plot_set_marker(self, dx);
}

/* "marker.step" (d): moves the marker by that many steps (Left/Right: ∓1, with Shift ∓10,
 * Home/End: to the ends). */
static void marker_step_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  EiafFunctionPlot *self = EIAF_FUNCTION_PLOT(widget);
  if (!self->show_marker)
    return;
  double lo = self->have_axes ? self->cache_axes.x0 : self->marker - 1;
  double hi = self->have_axes ? self->cache_axes.x1 : self->marker + 1;
  double step = self->marker_step > 0 ? self->marker_step : (hi - lo) / 100;
  double x = self->marker + g_variant_get_double(param) * step;
  eiaf_function_plot_set_marker(self, isfinite(x) ? x : self->marker);
}

/* ---- curves and balls ---- */

GtkWidget *eiaf_function_plot_new(void)
{
  return g_object_new(EIAF_TYPE_FUNCTION_PLOT, NULL);
}

void eiaf_function_plot_set_curve(EiafFunctionPlot *self, guint index, const char *label,
                                  const float *x, const float *y, gsize n)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_return_if_fail(n == 0 || y != NULL);
  g_return_if_fail(index < 256);
  eiaf_series_set(curve_at(self, index), label, x, y, n);
  if (self->show_marker)
    describe_marker(self);
  invalidate(self);
}

void eiaf_function_plot_set_curve_style(EiafFunctionPlot *self, guint index, guint color,
                                        gboolean dashed)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_return_if_fail(index < 256);
  EiafSeries *s = curve_at(self, index);
  s->color = color;
  s->dashed = dashed;
  invalidate(self);
}

guint eiaf_function_plot_get_n_curves(EiafFunctionPlot *self)
{
  g_return_val_if_fail(EIAF_IS_FUNCTION_PLOT(self), 0);
  return self->curves->len;
}

double eiaf_function_plot_curve_value(EiafFunctionPlot *self, guint index, double x)
{
  g_return_val_if_fail(EIAF_IS_FUNCTION_PLOT(self), NAN);
  if (index >= self->curves->len)
    return NAN;
  return eiaf_series_value_at(g_ptr_array_index(self->curves, index), x);
}

void eiaf_function_plot_clear(EiafFunctionPlot *self)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_ptr_array_set_size(self->curves, 0);
  g_ptr_array_set_size(self->points, 0);
  g_array_set_size(self->balls, 0);
  invalidate(self);
}

void eiaf_function_plot_set_points(EiafFunctionPlot *self, guint index, const char *label,
                                   const float *x, const float *y, gsize n, guint color,
                                   gboolean hollow)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_return_if_fail(n == 0 || (x != NULL && y != NULL));
  g_return_if_fail(index < 256);
  PointSet *p = points_at(self, index);
  eiaf_series_set(p->series, label, x, y, n);
  p->series->color = color;
  p->hollow = hollow;
  invalidate(self);
}

void eiaf_function_plot_set_x_range(EiafFunctionPlot *self, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  self->x_lo = lo, self->x_hi = hi;
  invalidate(self);
}

void eiaf_function_plot_set_y_range(EiafFunctionPlot *self, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  self->y_lo = lo, self->y_hi = hi;
  invalidate(self);
}

void eiaf_function_plot_set_ball(EiafFunctionPlot *self, guint index, guint curve, double x,
                                 guint color, const char *label)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_return_if_fail(index < 256);
  if (self->balls->len <= index)
    g_array_set_size(self->balls, index + 1);
  Ball *b = &g_array_index(self->balls, Ball, index);
  b->curve = curve;
  b->x = x;
  b->color = color;
  if (g_strcmp0(b->label, label) != 0) {
    g_free(b->label);
    b->label = g_strdup(label);
  }
  /* Balls are drawn over the cache: nothing else needs drawing again. */
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_function_plot_clear_balls(EiafFunctionPlot *self)
{
  g_return_if_fail(EIAF_IS_FUNCTION_PLOT(self));
  g_array_set_size(self->balls, 0);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

/* ---- GObject ---- */

static void eiaf_function_plot_finalize(GObject *object)
{
  EiafFunctionPlot *self = EIAF_FUNCTION_PLOT(object);
  g_ptr_array_unref(self->curves);
  g_ptr_array_unref(self->points);
  g_array_unref(self->balls);
  eiaf_surface_cache_clear(&self->cache);
  G_OBJECT_CLASS(eiaf_function_plot_parent_class)->finalize(object);
}

static void eiaf_function_plot_get_property(GObject *object, guint prop_id, GValue *value,
                                            GParamSpec *pspec)
{
  EiafFunctionPlot *self = EIAF_FUNCTION_PLOT(object);
  switch (prop_id) {
  case PROP_SHOW_MARKER:
    g_value_set_boolean(value, self->show_marker);
    break;
  case PROP_MARKER_X:
    g_value_set_double(value, self->marker);
    break;
  case PROP_MARKER_STEP:
    g_value_set_double(value, self->marker_step);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_function_plot_set_property(GObject *object, guint prop_id, const GValue *value,
                                            GParamSpec *pspec)
{
  EiafFunctionPlot *self = EIAF_FUNCTION_PLOT(object);
  switch (prop_id) {
  case PROP_SHOW_MARKER:
    eiaf_function_plot_set_show_marker(self, g_value_get_boolean(value));
    break;
  case PROP_MARKER_X:
    eiaf_function_plot_set_marker(self, g_value_get_double(value));
    break;
  case PROP_MARKER_STEP:
    eiaf_function_plot_set_marker_step(self, g_value_get_double(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_function_plot_class_init(EiafFunctionPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);

  object_class->finalize = eiaf_function_plot_finalize;
  object_class->get_property = eiaf_function_plot_get_property;
  object_class->set_property = eiaf_function_plot_set_property;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_function_plot_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_function_plot_has_data;

  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  properties[PROP_SHOW_MARKER] = g_param_spec_boolean("show-marker", NULL, NULL, FALSE, flags);
  properties[PROP_MARKER_X] =
      g_param_spec_double("marker-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_MARKER_STEP] =
      g_param_spec_double("marker-step", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);
  gtk_widget_class_install_action(widget_class, "marker.step", "d", marker_step_action);
  static const struct {
    guint key;
    GdkModifierType mods;
    double steps;
  } keys[] = {
      {GDK_KEY_Left, 0, -1},
      {GDK_KEY_KP_Left, 0, -1},
      {GDK_KEY_Right, 0, 1},
      {GDK_KEY_KP_Right, 0, 1},
      {GDK_KEY_Left, GDK_SHIFT_MASK, -10},
      {GDK_KEY_Right, GDK_SHIFT_MASK, 10},
      {GDK_KEY_Home, 0, -1e9},
      {GDK_KEY_End, 0, 1e9},
  };
  for (guint i = 0; i < G_N_ELEMENTS(keys); i++)
    gtk_widget_class_add_binding_action(widget_class, keys[i].key, keys[i].mods, "marker.step", "d",
                                        keys[i].steps);

  signals[MARKER_MOVED] = g_signal_new("marker-moved", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void eiaf_function_plot_init(EiafFunctionPlot *self)
{
  eiaf_plot_set_cache(EIAF_PLOT(self), &self->cache);
  self->curves = g_ptr_array_new_with_free_func(eiaf_series_free);
  self->points = g_ptr_array_new_with_free_func(point_set_free);
  self->balls = g_array_new(FALSE, TRUE, sizeof(Ball));
  g_array_set_clear_func(self->balls, ball_clear);
  self->x_lo = self->x_hi = self->y_lo = self->y_hi = NAN;

  GtkGesture *drag = gtk_gesture_drag_new();
  gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object(drag, "drag-begin", G_CALLBACK(on_drag_begin_cb), self, 0);
  g_signal_connect_object(drag, "drag-update", G_CALLBACK(on_drag_update_cb), self, 0);
  gtk_widget_add_controller(GTK_WIDGET(self), GTK_EVENT_CONTROLLER(drag));

  gtk_widget_action_set_enabled(GTK_WIDGET(self), "marker.step", FALSE);
}
