/* EiafRegionMap: what a 2-D classifier says everywhere. Its class probabilities over a grid
 * are drawn as a colour field (each class's colour, stronger where the classifier is sure),
 * with the data points on top (training filled, validation hollow) and, optionally, a true
 * decision boundary. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_REGION_MAP (eiaf_region_map_get_type())
G_DECLARE_FINAL_TYPE(EiafRegionMap, eiaf_region_map, EIAF, REGION_MAP, EiafPlot)

GtkWidget *eiaf_region_map_new(void);

/* Class probabilities probs (h × w × k, row-major, class fastest) at the nodes of a lattice
 * spanning [x0, x1] × [y0, y1] ends included (like numpy's linspace): row 0 at y0, column 0
 * at x0. k = 1 means p(class 1) of a binary classifier. Copied. */
void eiaf_region_map_set_field(EiafRegionMap *self, const float *probs, guint h, guint w, guint k,
                               double x0, double x1, double y0, double y1);
void eiaf_region_map_clear_field(EiafRegionMap *self);

/* Data points with their classes (palette colour = class); training points are drawn filled,
 * validation points hollow. Copied; n = 0 removes them. */
void eiaf_region_map_set_points(EiafRegionMap *self, const float *x, const float *y,
                                const int *labels, gsize n);
void eiaf_region_map_set_validation_points(EiafRegionMap *self, const float *x, const float *y,
                                           const int *labels, gsize n);

/* An extra curve, such as the true decision boundary: a polyline (NaN breaks it) … */
void eiaf_region_map_set_boundary_polyline(EiafRegionMap *self, const float *x, const float *y,
                                           gsize n);
/* … or the zero contour of a function sampled on a lattice like the field's. */
void eiaf_region_map_set_boundary_grid(EiafRegionMap *self, const float *values, guint h, guint w,
                                       double x0, double x1, double y0, double y1);
void eiaf_region_map_clear_boundary(EiafRegionMap *self);
/* The curve's name in the legend, such as "true boundary" (NULL: not listed). */
void eiaf_region_map_set_boundary_label(EiafRegionMap *self, const char *label);

/* Names of the classes for a legend (NULL-terminated; NULL: no legend). */
void eiaf_region_map_set_class_names(EiafRegionMap *self, const char *const *names);
/* The visible rectangle; NaN everywhere (the default): the field's, or the points'. */
void eiaf_region_map_set_view(EiafRegionMap *self, double x0, double x1, double y0, double y1);

G_END_DECLS
