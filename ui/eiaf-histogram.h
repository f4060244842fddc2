/* EiafHistogram: one or several distributions (activations of each layer, pre-activations
 * with and without batch norm) as binned counts on shared axes, overlaid with transparency or
 * as small multiples side by side. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_HISTOGRAM (eiaf_histogram_get_type())
G_DECLARE_FINAL_TYPE(EiafHistogram, eiaf_histogram, EIAF, HISTOGRAM, EiafPlot)

GtkWidget *eiaf_histogram_new(void);

/* Distribution `index` (created as needed): counts of n_bins equal bins over [lo, hi]. Its
 * colour is palette colour `index`. Copied. */
void eiaf_histogram_set_distribution(EiafHistogram *self, guint index, const char *label,
                                     const float *counts, guint n_bins, double lo, double hi);
guint eiaf_histogram_get_n_distributions(EiafHistogram *self);
void eiaf_histogram_clear(EiafHistogram *self);

/* Property "small-multiples": one panel per distribution (TRUE) or all overlaid in one
 * (FALSE, the default). Panels share their x and y ranges so they compare honestly. */
void eiaf_histogram_set_small_multiples(EiafHistogram *self, gboolean small_multiples);
gboolean eiaf_histogram_get_small_multiples(EiafHistogram *self);

/* Property "color": the palette colour of every distribution (the small multiples of one
 * variant in the colour its curves have), or -1 (the default): distribution k has colour k. */
void eiaf_histogram_set_color(EiafHistogram *self, int color);
int eiaf_histogram_get_color(EiafHistogram *self);

G_END_DECLS
