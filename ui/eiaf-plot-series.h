/* A labelled series of (x, y) points, shared by the line plot and the function plot: storage,
 * extent, stroking (with dashes that continue across appended pieces), legend entries and
 * interpolation. Not a widget. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

typedef struct {
  char *label;
  GArray *x, *y; /* float */
  guint color;   /* palette index */
  gboolean dashed;
  double width;
  gsize drawn;        /* points already stroked into a cache */
  double dash_offset; /* length stroked so far, so appended dashes continue the pattern */
  /* {x0, x1, y0, y1} of the drawable points, kept up to date so a frame need not scan the
   * series: for a linear y axis, and for a log one (positive y only). */
  double extent[4], extent_log[4];
} EiafSeries;

EiafSeries *eiaf_series_new(guint color);
void eiaf_series_free(gpointer series);
/* Copies n points; x NULL means 0, 1, …, n-1. */
void eiaf_series_set(EiafSeries *s, const char *label, const float *x, const float *y, gsize n);
void eiaf_series_append(EiafSeries *s, float x, float y);
gsize eiaf_series_len(const EiafSeries *s);

/* Grows e = {x0, x1, y0, y1} by every drawable point (finite; y > 0 with log_y). */
void eiaf_series_extent(const EiafSeries *s, gboolean log_y, double e[4]);
/* Strokes points begin..end (joined to the point before begin) and marks them drawn. */
void eiaf_series_stroke(EiafSeries *s, EiafPlot *plot, cairo_t *cr, const EiafAxes *ax, gsize begin,
                        int scale);
/* Legend entries of the labelled series in `series` (EiafSeries*). */
guint eiaf_series_legend(GPtrArray *series, EiafPlot *plot, EiafLegendItem *items, guint max);
/* y at x by linear interpolation (x ascending), NaN outside the series. */
double eiaf_series_value_at(const EiafSeries *s, double x);

G_END_DECLS
