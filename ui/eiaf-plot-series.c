/* Labelled series (see eiaf-plot-series.h). */
#include "eiaf-plot-series.h"

#include <math.h>

static void extent_reset(double e[4])
{
  e[0] = e[2] = INFINITY;
  e[1] = e[3] = -INFINITY;
}

static void extent_add(EiafSeries *s, float x, float y)
{
  if (!isfinite(x) || !isfinite(y))
    return;
  double *e = s->extent;
  e[0] = MIN(e[0], x), e[1] = MAX(e[1], x), e[2] = MIN(e[2], y), e[3] = MAX(e[3], y);
  if (y > 0) {
    e = s->extent_log;
    e[0] = MIN(e[0], x), e[1] = MAX(e[1], x), e[2] = MIN(e[2], y), e[3] = MAX(e[3], y);
  }
}

EiafSeries *eiaf_series_new(guint color)
{
  EiafSeries *s = g_new0(EiafSeries, 1);
  s->x = g_array_new(FALSE, FALSE, sizeof(float));
  s->y = g_array_new(FALSE, FALSE, sizeof(float));
  s->color = color;
  s->width = 2.0;
  extent_reset(s->extent);
  extent_reset(s->extent_log);
  return s;
}

void eiaf_series_free(gpointer series)
{
  EiafSeries *s = series;
  if (!s)
    return;
  g_free(s->label);
  g_array_unref(s->x);
  g_array_unref(s->y);
  g_free(s);
}

void eiaf_series_set(EiafSeries *s, const char *label, const float *x, const float *y, gsize n)
{
  g_free(s->label);
  s->label = g_strdup(label);
  g_array_set_size(s->x, 0);
  g_array_set_size(s->y, 0);
  if (x) {
    g_array_append_vals(s->x, x, (guint) n);
  } else {
    g_array_set_size(s->x, (guint) n);
    for (gsize i = 0; i < n; i++)
      g_array_index(s->x, float, i) = (float) i;
  }
  if (n)
    g_array_append_vals(s->y, y, (guint) n);
  s->drawn = 0;
  s->dash_offset = 0;
  extent_reset(s->extent);
  extent_reset(s->extent_log);
  for (gsize i = 0; i < n; i++)
    extent_add(s, g_array_index(s->x, float, i), y[i]);
}

void eiaf_series_append(EiafSeries *s, float x, float y)
{
  g_array_append_val(s->x, x);
  g_array_append_val(s->y, y);
  extent_add(s, x, y);
}

gsize eiaf_series_len(const EiafSeries *s)
{
  return s->x->len;
}

void eiaf_series_extent(const EiafSeries *s, gboolean log_y, double e[4])
{
  const double *mine = log_y ? s->extent_log : s->extent;
  e[0] = MIN(e[0], mine[0]);
  e[1] = MAX(e[1], mine[1]);
  e[2] = MIN(e[2], mine[2]);
  e[3] = MAX(e[3], mine[3]);
}

static double path_length(const EiafAxes *ax, const EiafSeries *s, gsize begin, gsize end)
{
  const float *x = (const float *) s->x->data, *y = (const float *) s->y->data;
  double length = 0, px = NAN, py = NAN;
  for (gsize i = begin; i < end; i++) {
    double qx = eiaf_axes_map_x(ax, x[i]), qy = eiaf_axes_map_y(ax, y[i]);
    if (isfinite(px) && isfinite(qx) && isfinite(py) && isfinite(qy))
      length += hypot(qx - px, qy - py);
    px = qx, py = qy;
  }
  return isfinite(length) ? length : 0;
}

void eiaf_series_stroke(EiafSeries *s, EiafPlot *plot, cairo_t *cr, const EiafAxes *ax, gsize begin,
                        int scale)
{
  gsize end = s->x->len;
  if (end == 0 || begin >= end)
    return;
  /* Start at the last point already drawn, so the new piece joins the old line. */
  gsize from = begin > 0 ? begin - 1 : 0;
  GdkRGBA color;
  eiaf_plot_get_series_color(plot, s->color, &color);
  const float *x = (const float *) s->x->data, *y = (const float *) s->y->data;
  cairo_save(cr);
  if (end == 1) {
    /* A lone point makes no line (one epoch so far): a dot, hollow for a dashed series as a
     * validation point is drawn elsewhere, so it is not an empty plot. */
    const EiafPlotColors *colors = eiaf_plot_get_colors(plot);
    eiaf_draw_dot(cr, eiaf_axes_map_x(ax, x[0]), eiaf_axes_map_y(ax, y[0]), s->width + 2.5,
                  &color, &colors->paper, s->dashed);
    cairo_restore(cr);
    s->drawn = end;
    return;
  }
  gdk_cairo_set_source_rgba(cr, &color);
  cairo_set_line_width(cr, s->width);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, s->dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  if (s->dashed) {
    static const double dash[] = {6, 4};
    double offset = begin > 0 ? s->dash_offset : 0;
    cairo_set_dash(cr, dash, 2, offset);
    s->dash_offset = offset + path_length(ax, s, from, end);
    cairo_new_path(cr);
    eiaf_path_polyline(cr, ax, x, y, from, end, scale);
    cairo_stroke(cr);
  } else {
    eiaf_draw_polyline(cr, ax, x, y, from, end, scale, s->width);
  }
  cairo_restore(cr);
  s->drawn = end;
}

guint eiaf_series_legend(GPtrArray *series, EiafPlot *plot, EiafLegendItem *items, guint max)
{
  guint n = 0;
  for (guint k = 0; k < series->len && n < max; k++) {
    EiafSeries *s = g_ptr_array_index(series, k);
    if (!s->label || !*s->label)
      continue;
    items[n].label = s->label;
    eiaf_plot_get_series_color(plot, s->color, &items[n].color);
    items[n].dashed = s->dashed;
    items[n].box = FALSE;
    n++;
  }
  return n;
}

double eiaf_series_value_at(const EiafSeries *s, double x)
{
  const float *xs = (const float *) s->x->data, *ys = (const float *) s->y->data;
  guint n = s->x->len;
  if (n == 0 || !isfinite(x) || x < xs[0] || x > xs[n - 1])
    return NAN;
  /* The last node at or left of x. */
  guint lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    guint mid = lo + (hi - lo) / 2;
    if (xs[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  if (n == 1 || xs[hi] == xs[lo])
    return ys[lo];
  if (x >= xs[hi])
    return ys[hi];
  double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}
