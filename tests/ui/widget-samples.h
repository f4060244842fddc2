/* Realistic data for every plot widget, shared by the widget tests, the gallery and the
 * benchmark: loss curves, a spiral classifier's regions, weight images, MNIST digits,
 * activation functions, a loss surface with a descent path, histograms, probabilities. */
#pragma once

#include "eiaf-contour-map.h"
#include "eiaf-function-plot.h"
#include "eiaf-histogram.h"
#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-probability-bars.h"
#include "eiaf-region-map.h"

G_BEGIN_DECLS

/* Training loss per batch and validation loss per epoch; `n` points per series (3 series
 * when `three` is TRUE, the benchmark's load). */
void sample_line_plot(EiafLinePlot *plot, gsize n, gboolean three);
/* Three spirals (lesson 12): a classifier's regions on an h × h grid, n training points and
 * n/4 validation points. */
void sample_region_map_spirals(EiafRegionMap *map, guint h, gsize n);
/* Lesson 13: an overfit classifier's regions with the true boundary as a zero contour. */
void sample_region_map_boundary(EiafRegionMap *map);
/* count weight-like 28 × 28 images (positive and negative strokes) with captions. */
void sample_image_grid_weights(EiafImageGrid *grid, guint count);
/* The first `count` digits of the bundled MNIST subset with "label → guess (p%)" captions;
 * falls back to drawn rings when the file is missing. */
void sample_image_grid_digits(EiafImageGrid *grid, guint count);
/* Sigmoid, tanh, ReLU and their derivatives (dashed) over [−10, 10], n samples each. */
void sample_function_plot_activations(EiafFunctionPlot *plot, gsize n);
/* Lesson 17's quartic with two balls. */
void sample_function_plot_quartic(EiafFunctionPlot *plot);
/* Lesson 1's MSE loss surface over (w, b) on an h × h grid with the descent path of n
 * steps from the bad start (−5, −10). */
void sample_contour_map(EiafContourMap *map, guint h, gsize n);
/* Pre-activations with and without batch norm (overlaid), or three layers' sigmoid
 * activations (small multiples). */
void sample_histogram_batch_norm(EiafHistogram *hist);
void sample_histogram_layers(EiafHistogram *hist);
/* A confident 7 among the ten digits. */
void sample_probability_bars(EiafProbabilityBars *bars);

/* Moves a virtual pointer to (x, y) over the widget, as its motion controller would see it. */
void sample_pointer_motion(GtkWidget *widget, double x, double y);

/* A deterministic uniform [0, 1) and normal draw for sample data. */
double sample_uniform(guint64 *state);
double sample_normal(guint64 *state);

G_END_DECLS
