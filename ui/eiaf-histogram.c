/* Histograms, drawn directly: a few hundred bins cost less than a cache would save. */
#include "eiaf-histogram.h"

#include <math.h>

#define PANEL_GAP 12.0

typedef struct {
  char *label;
  float *counts;
  guint n_bins;
  double lo, hi;
} Distribution;

struct _EiafHistogram {
  EiafPlot parent_instance;
  GPtrArray *dists; /* Distribution* */
  gboolean small_multiples;
  int color; /* palette colour of every distribution, or -1: distribution k has colour k */
};

G_DEFINE_FINAL_TYPE(EiafHistogram, eiaf_histogram, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_SMALL_MULTIPLES, PROP_COLOR, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void distribution_free(gpointer data)
{
  Distribution *d = data;
  g_free(d->label);
  g_free(d->counts);
  g_free(d);
}

static void distribution_color(EiafHistogram *self, guint k, GdkRGBA *color)
{
  eiaf_plot_get_series_color(EIAF_PLOT(self), self->color >= 0 ? (guint) self->color : k, color);
}

/* Shared extent {x0, x1, 0, ymax} of every distribution with data; FALSE if none. */
static gboolean extent(EiafHistogram *self, double e[4])
{
  e[0] = INFINITY, e[1] = -INFINITY, e[2] = 0, e[3] = -INFINITY;
  for (guint k = 0; k < self->dists->len; k++) {
    Distribution *d = g_ptr_array_index(self->dists, k);
    if (!d->counts)
      continue;
    e[0] = MIN(e[0], d->lo);
    e[1] = MAX(e[1], d->hi);
    for (guint i = 0; i < d->n_bins; i++)
      if (isfinite(d->counts[i]))
        e[3] = MAX(e[3], d->counts[i]);
  }
  if (e[0] > e[1])
    return FALSE;
  if (!(e[3] > 0))
    e[3] = 1;
  return TRUE;
}

static gboolean eiaf_histogram_has_data(EiafPlot *plot)
{
  double e[4];
  return extent(EIAF_HISTOGRAM(plot), e);
}

/* The bars of one distribution as a step outline closed along the baseline. */
static void path_bars(cairo_t *cr, const EiafAxes *ax, const Distribution *d)
{
  double base = ax->py + ax->ph, top_limit = ax->py - 2;
  double width = (d->hi - d->lo) / d->n_bins;
  cairo_new_path(cr);
  cairo_move_to(cr, eiaf_axes_map_x(ax, d->lo), base);
  for (guint i = 0; i < d->n_bins; i++) {
    double c = d->counts[i];
    double y = isfinite(c) || c > 0 ? eiaf_axes_map_y(ax, isfinite(c) ? c : ax->y1) : base;
    y = CLAMP(y, top_limit, base);
    cairo_line_to(cr, eiaf_axes_map_x(ax, d->lo + i * width), y);
    cairo_line_to(cr, eiaf_axes_map_x(ax, d->lo + (i + 1) * width), y);
  }
  cairo_line_to(cr, eiaf_axes_map_x(ax, d->hi), base);
  cairo_close_path(cr);
}

static void draw_distribution(EiafHistogram *self, cairo_t *cr, const EiafAxes *ax, guint k,
                              double fill_alpha)
{
  Distribution *d = g_ptr_array_index(self->dists, k);
  if (!d->counts || d->n_bins == 0)
    return;
  GdkRGBA color;
  distribution_color(self, k, &color);
  cairo_save(cr);
  eiaf_axes_clip(ax, cr);
  path_bars(cr, ax, d);
  cairo_set_source_rgba(cr, color.red, color.green, color.blue, fill_alpha);
  cairo_fill_preserve(cr);
  gdk_cairo_set_source_rgba(cr, &color);
  cairo_set_line_width(cr, 1.5);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);
  cairo_restore(cr);
}

static void setup_axes(EiafHistogram *self, EiafAxes *ax, const double e[4])
{
  ax->x0 = e[0], ax->x1 = e[1], ax->y0 = 0, ax->y1 = e[3];
  ax->x_loose = FALSE;
  ax->y_loose = TRUE;
  eiaf_range_sanitize(&ax->x0, &ax->x1, FALSE);
  ax->x_title = eiaf_plot_get_x_title(EIAF_PLOT(self));
  ax->y_title = eiaf_plot_get_y_title(EIAF_PLOT(self));
}

static void draw_overlaid(EiafHistogram *self, cairo_t *cr, int width, int height,
                          const double e[4])
{
  PangoLayout *layout = eiaf_plot_get_layout(EIAF_PLOT(self));
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  int scale = eiaf_plot_get_render_scale(EIAF_PLOT(self));
  EiafLegendItem items[32];
  guint n = 0;
  for (guint k = 0; k < self->dists->len && n < G_N_ELEMENTS(items); k++) {
    Distribution *d = g_ptr_array_index(self->dists, k);
    if (!d->label || !*d->label)
      continue;
    items[n] = (EiafLegendItem){d->label, {0}, FALSE, TRUE};
    distribution_color(self, k, &items[n++].color);
  }
  double legend_h = eiaf_legend_draw(cr, layout, items, n, 6, 6, width - 12, colors);
  double top = n ? legend_h + 8 : 0;

  EiafAxes ax = {0};
  setup_axes(self, &ax, e);
  eiaf_axes_layout(&ax, layout, 0, top, width, height - top);
  eiaf_axes_draw(&ax, cr, layout, colors, scale);
  /* Light fills add up where distributions overlap; outlines keep each one readable. */
  double alpha = self->dists->len > 1 ? 0.30 : 0.45;
  for (guint k = 0; k < self->dists->len; k++)
    draw_distribution(self, cr, &ax, k, alpha);
  eiaf_plot_remember_axes(EIAF_PLOT(self), &ax);
}

static void draw_small_multiples(EiafHistogram *self, cairo_t *cr, int width, int height,
                                 const double e[4])
{
  PangoLayout *layout = eiaf_plot_get_layout(EIAF_PLOT(self));
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  int scale = eiaf_plot_get_render_scale(EIAF_PLOT(self));
  guint n = self->dists->len;
  /* The arrangement whose panels are the least squeezed (a panel may be wider than tall). */
  guint cols = 1;
  double best = -1;
  for (guint c = 1; c <= n; c++) {
    guint r = (n + c - 1) / c;
    double w = (width - (c - 1) * PANEL_GAP) / c, h = (height - (r - 1) * PANEL_GAP) / r;
    if (MIN(w, h * 1.6) > best)
      best = MIN(w, h * 1.6), cols = c;
  }
  guint rows = (n + cols - 1) / cols;
  double pw = (width - (cols - 1) * PANEL_GAP) / cols;
  double ph = (height - (rows - 1) * PANEL_GAP) / rows, th;
  eiaf_text_size(layout, "Ag", NULL, &th);

  for (guint k = 0; k < n; k++) {
    Distribution *d = g_ptr_array_index(self->dists, k);
    double x = (k % cols) * (pw + PANEL_GAP), y = (k / cols) * (ph + PANEL_GAP);
    gdk_cairo_set_source_rgba(cr, &colors->fg);
    eiaf_draw_text(cr, layout, d->label ? d->label : "", x + pw / 2, y + 4, 0.5, 0);
    EiafAxes ax = {0};
    setup_axes(self, &ax, e);
    eiaf_axes_layout(&ax, layout, x, y + th + 6, pw, ph - th - 6);
    eiaf_axes_draw(&ax, cr, layout, colors, scale);
    draw_distribution(self, cr, &ax, k, 0.45);
    if (k == 0)
      eiaf_plot_remember_axes(EIAF_PLOT(self), &ax);
  }
}

static void eiaf_histogram_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafHistogram *self = EIAF_HISTOGRAM(plot);
  double e[4];
  extent(self, e);
  if (self->small_multiples && self->dists->len > 1)
    draw_small_multiples(self, cr, width, height, e);
  else
    draw_overlaid(self, cr, width, height, e);
}

/* ---- public API ---- */

GtkWidget *eiaf_histogram_new(void)
{
  return g_object_new(EIAF_TYPE_HISTOGRAM, NULL);
}

void eiaf_histogram_set_distribution(EiafHistogram *self, guint index, const char *label,
                                     const float *counts, guint n_bins, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_HISTOGRAM(self));
  g_return_if_fail(counts != NULL || n_bins == 0);
  g_return_if_fail(index < 64);
  while (self->dists->len <= index)
    g_ptr_array_add(self->dists, g_new0(Distribution, 1));
  Distribution *d = g_ptr_array_index(self->dists, index);
  g_free(d->label);
  g_clear_pointer(&d->counts, g_free);
  d->label = g_strdup(label);
  d->n_bins = 0;
  if (n_bins > 0 && isfinite(lo) && isfinite(hi) && hi > lo) {
    d->counts = g_memdup2(counts, n_bins * sizeof(float));
    d->n_bins = n_bins;
    d->lo = lo, d->hi = hi;
  }
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

guint eiaf_histogram_get_n_distributions(EiafHistogram *self)
{
  g_return_val_if_fail(EIAF_IS_HISTOGRAM(self), 0);
  return self->dists->len;
}

void eiaf_histogram_clear(EiafHistogram *self)
{
  g_return_if_fail(EIAF_IS_HISTOGRAM(self));
  g_ptr_array_set_size(self->dists, 0);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_histogram_set_small_multiples(EiafHistogram *self, gboolean small_multiples)
{
  g_return_if_fail(EIAF_IS_HISTOGRAM(self));
  small_multiples = !!small_multiples;
  if (self->small_multiples == small_multiples)
    return;
  self->small_multiples = small_multiples;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_SMALL_MULTIPLES]);
}

gboolean eiaf_histogram_get_small_multiples(EiafHistogram *self)
{
  g_return_val_if_fail(EIAF_IS_HISTOGRAM(self), FALSE);
  return self->small_multiples;
}

void eiaf_histogram_set_color(EiafHistogram *self, int color)
{
  g_return_if_fail(EIAF_IS_HISTOGRAM(self));
  color = MAX(color, -1);
  if (self->color == color)
    return;
  self->color = color;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_COLOR]);
}

int eiaf_histogram_get_color(EiafHistogram *self)
{
  g_return_val_if_fail(EIAF_IS_HISTOGRAM(self), -1);
  return self->color;
}

/* ---- GObject ---- */

static void eiaf_histogram_finalize(GObject *object)
{
  EiafHistogram *self = EIAF_HISTOGRAM(object);
  g_ptr_array_unref(self->dists);
  G_OBJECT_CLASS(eiaf_histogram_parent_class)->finalize(object);
}

static void eiaf_histogram_get_property(GObject *object, guint prop_id, GValue *value,
                                        GParamSpec *pspec)
{
  EiafHistogram *self = EIAF_HISTOGRAM(object);
  switch (prop_id) {
  case PROP_SMALL_MULTIPLES:
    g_value_set_boolean(value, self->small_multiples);
    break;
  case PROP_COLOR:
    g_value_set_int(value, self->color);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_histogram_set_property(GObject *object, guint prop_id, const GValue *value,
                                        GParamSpec *pspec)
{
  EiafHistogram *self = EIAF_HISTOGRAM(object);
  switch (prop_id) {
  case PROP_SMALL_MULTIPLES:
    eiaf_histogram_set_small_multiples(self, g_value_get_boolean(value));
    break;
  case PROP_COLOR:
    eiaf_histogram_set_color(self, g_value_get_int(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_histogram_class_init(EiafHistogramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  object_class->finalize = eiaf_histogram_finalize;
  object_class->get_property = eiaf_histogram_get_property;
  object_class->set_property = eiaf_histogram_set_property;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_histogram_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_histogram_has_data;

  properties[PROP_SMALL_MULTIPLES] =
      g_param_spec_boolean("small-multiples", NULL, NULL, FALSE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
      g_param_spec_int("color", NULL, NULL, -1, G_MAXINT, -1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);
}

static void eiaf_histogram_init(EiafHistogram *self)
{
  self->dists = g_ptr_array_new_with_free_func(distribution_free);
  self->color = -1;
}
