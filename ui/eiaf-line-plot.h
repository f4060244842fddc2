/* EiafLinePlot: curves over a common x axis (loss and accuracy per epoch, weights over time).
 * Several labelled series with a legend, nice ticks, optional log y, automatic or fixed
 * ranges, live appending, and a read-out of the point under the pointer. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_LINE_PLOT (eiaf_line_plot_get_type())
G_DECLARE_FINAL_TYPE(EiafLinePlot, eiaf_line_plot, EIAF, LINE_PLOT, EiafPlot)

GtkWidget *eiaf_line_plot_new(void);

/* Replaces series `index` (creating it, and empty ones before it, if needed) with a copy of
 * n points. x may be NULL: then x = 0, 1, …, n-1. NaN or ±Inf in y (or x) breaks the line. */
void eiaf_line_plot_set_series(EiafLinePlot *self, guint index, const char *label, const float *x,
                               const float *y, gsize n);
/* Adds one point to the end of series `index` (created if needed); only the new piece is
 * drawn unless the axes' ranges have to grow. */
void eiaf_line_plot_append(EiafLinePlot *self, guint index, float x, float y);
/* Palette colour (see eiaf_palette_color) and dashing of series `index`. By default series i
 * has colour i and a solid line. */
void eiaf_line_plot_set_series_style(EiafLinePlot *self, guint index, guint color, gboolean dashed);
guint eiaf_line_plot_get_n_series(EiafLinePlot *self);
gsize eiaf_line_plot_get_series_length(EiafLinePlot *self, guint index);
/* Removes every series. */
void eiaf_line_plot_clear(EiafLinePlot *self);

/* Fixed ranges; NaN for both ends makes that axis automatic again (the default). */
void eiaf_line_plot_set_x_range(EiafLinePlot *self, double lo, double hi);
void eiaf_line_plot_set_y_range(EiafLinePlot *self, double lo, double hi);

/* Property "log-y"; axis titles are EiafPlot's "x-title" and "y-title". */
void eiaf_line_plot_set_log_y(EiafLinePlot *self, gboolean log_y);
gboolean eiaf_line_plot_get_log_y(EiafLinePlot *self);

/* x counts whole things (epochs, steps): no tick between two integers ("1, 2, 3", never
 * "1.2, 1.4"). Off by default. */
void eiaf_line_plot_set_x_whole(EiafLinePlot *self, gboolean whole);

/* The point nearest to (x, y) in widget coordinates, as last drawn, within `radius`. */
gboolean eiaf_line_plot_pick(EiafLinePlot *self, double x, double y, double radius, guint *series,
                             gsize *index);

G_END_DECLS
