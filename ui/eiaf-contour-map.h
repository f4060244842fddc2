/* EiafContourMap: a scalar field over two parameters — a loss surface over (w, b) — as filled
 * contour bands with iso-lines, a colour bar, and the path the parameters took drawn on top
 * (a marker at its start, the current point at its end). */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_CONTOUR_MAP (eiaf_contour_map_get_type())
G_DECLARE_FINAL_TYPE(EiafContourMap, eiaf_contour_map, EIAF, CONTOUR_MAP, EiafPlot)

GtkWidget *eiaf_contour_map_new(void);

/* values (h × w, row-major) at the nodes of a lattice spanning [x0, x1] × [y0, y1] ends
 * included: row 0 at y0, column 0 at x0. Copied; non-finite values are left uncoloured. */
void eiaf_contour_map_set_field(EiafContourMap *self, const float *values, guint h, guint w,
                                double x0, double x1, double y0, double y1);
void eiaf_contour_map_clear_field(EiafContourMap *self);

/* The path of (x, y) points, first point the start. Copied. */
void eiaf_contour_map_set_path(EiafContourMap *self, const float *x, const float *y, gsize n);
/* Adds a point to the path; only the path is drawn again. */
void eiaf_contour_map_append_path(EiafContourMap *self, float x, float y);
void eiaf_contour_map_clear_path(EiafContourMap *self);
gsize eiaf_contour_map_get_path_length(EiafContourMap *self);

/* Property "n-levels": how many bands (default 12). */
void eiaf_contour_map_set_n_levels(EiafContourMap *self, guint n_levels);
/* Property "log-levels": bands equally spaced in log(value) (loss surfaces span decades);
 * falls back to linear when the field has no positive values. Default FALSE. */
void eiaf_contour_map_set_log_levels(EiafContourMap *self, gboolean log_levels);
gboolean eiaf_contour_map_get_log_levels(EiafContourMap *self);

G_END_DECLS
