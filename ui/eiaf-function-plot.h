/* EiafFunctionPlot: functions of one variable (activation functions and their derivatives, a
 * loss over one weight, a model's fit), data points (the samples a fit learnt from), an optional
 * vertical marker the user drags (or moves with Left and Right) that reads every curve's value
 * where it stands, and "balls": dots that sit on a curve at given x positions (gradient descent
 * rolling down a polynomial). */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_FUNCTION_PLOT (eiaf_function_plot_get_type())
G_DECLARE_FINAL_TYPE(EiafFunctionPlot, eiaf_function_plot, EIAF, FUNCTION_PLOT, EiafPlot)

GtkWidget *eiaf_function_plot_new(void);

/* Curve `index` (created as needed) from n samples with x ascending. Copied. NaN breaks it. */
void eiaf_function_plot_set_curve(EiafFunctionPlot *self, guint index, const char *label,
                                  const float *x, const float *y, gsize n);
/* Palette colour and dashing (derivatives are usually dashed). Default: colour = index. */
void eiaf_function_plot_set_curve_style(EiafFunctionPlot *self, guint index, guint color,
                                        gboolean dashed);
guint eiaf_function_plot_get_n_curves(EiafFunctionPlot *self);
/* Curve `index` at x, interpolated linearly; NaN outside it. */
double eiaf_function_plot_curve_value(EiafFunctionPlot *self, guint index, double x);
void eiaf_function_plot_clear(EiafFunctionPlot *self);

/* Data points `index` (created as needed): dots at (x[i], y[i]) in palette colour `color`,
 * filled, or hollow rings (held-out samples). They count in the automatic ranges, are drawn
 * under the curves and are listed in the legend as `label` (NULL: not listed). Copied; n = 0
 * removes them. Cleared by eiaf_function_plot_clear. */
void eiaf_function_plot_set_points(EiafFunctionPlot *self, guint index, const char *label,
                                   const float *x, const float *y, gsize n, guint color,
                                   gboolean hollow);

/* Fixed ranges; NaN for both ends: automatic (x: the curves' extent, y: widened to ticks). */
void eiaf_function_plot_set_x_range(EiafFunctionPlot *self, double lo, double hi);
void eiaf_function_plot_set_y_range(EiafFunctionPlot *self, double lo, double hi);

/* The marker: properties "show-marker" (default FALSE), "marker-x" and "marker-step" (how far
 * Left/Right move it; 0, the default, means 1/100 of the x range). Signal
 * "marker-moved" (double x) when the user or the program moves it. */
void eiaf_function_plot_set_show_marker(EiafFunctionPlot *self, gboolean show);
void eiaf_function_plot_set_marker(EiafFunctionPlot *self, double x);
double eiaf_function_plot_get_marker(EiafFunctionPlot *self);
void eiaf_function_plot_set_marker_step(EiafFunctionPlot *self, double step);

/* Ball `index` (created as needed) on curve `curve` at x, in palette colour `color`, with a
 * short label (may be NULL). */
void eiaf_function_plot_set_ball(EiafFunctionPlot *self, guint index, guint curve, double x,
                                 guint color, const char *label);
void eiaf_function_plot_clear_balls(EiafFunctionPlot *self);

G_END_DECLS
