/* What EiafImageGrid's two source files share: its data and the helpers both use. */
#pragma once

#include "eiaf-image-grid.h"

G_BEGIN_DECLS

#define GAP       6.0
#define LABEL_GAP 2.0
#define BAR_GAP   14.0

typedef struct {
  int cols, rows;
  double x, y;           /* top-left of the first tile */
  double tile_w, tile_h; /* user units, whole device pixels */
  double step_x, step_y; /* from one tile to the next */
  double label_h;
  double bar_x, bar_y, bar_h;
  gboolean bar;
} Layout;

struct _EiafImageGrid {
  EiafPlot parent_instance;

  float *data;
  guint count, h, w;
  GStrv labels;
  EiafColormap map;
  gboolean shared_scale;
  guint columns;
  gboolean show_colorbar;
  double lo, hi; /* shared value range (finite values only) */

  EiafSurfaceCache cache;
  Layout layout;
  gboolean have_layout;
  gboolean tiles_dirty; /* new values, same shape: only tiles and colour bar change */
  int focus;

  GtkWidget *popover;
  GtkWidget *enlarged;
  GtkWidget *caption;
  guint shown;
};

/* The finite range of n values (lo > hi when there is none). */
void eiaf_image_grid_value_range(const float *v, gsize n, double *lo, double *hi);
/* The range tile `index` is coloured over: symmetric around zero for the diverging map. */
void eiaf_image_grid_tile_range(EiafImageGrid *self, guint index, double *lo, double *hi);
/* Tile `index` coloured into a w × h ARGB32 image. */
cairo_surface_t *eiaf_image_grid_tile_image(EiafImageGrid *self, guint index);
/* The colour bar for the grid's scale; labels is storage for its three labels. */
EiafColorbar eiaf_image_grid_colorbar(EiafImageGrid *self, const char *labels[3]);

/* eiaf-image-grid-zoom.c: tile `index` enlarged in a popover, with its values' scale. */
void eiaf_image_grid_zoom_show(EiafImageGrid *self, guint index);
void eiaf_image_grid_zoom_dispose(EiafImageGrid *self);

G_END_DECLS
