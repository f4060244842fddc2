/* EiafImageGrid: many small images side by side — weight images, kernels, feature maps,
 * (mis)classified digits — in a colour map (diverging around zero, sequential or grey) with a
 * shared or per-image scale, optional captions under the tiles and a colour bar. Clicking a
 * tile (or Enter on the focused one; arrows move the focus) shows it enlarged. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_IMAGE_GRID (eiaf_image_grid_get_type())
G_DECLARE_FINAL_TYPE(EiafImageGrid, eiaf_image_grid, EIAF, IMAGE_GRID, EiafPlot)

GtkWidget *eiaf_image_grid_new(void);

/* count images of h × w floats each, row-major, one after another (count × h × w). Copied. */
void eiaf_image_grid_set_images(EiafImageGrid *self, const float *data, guint count, guint h,
                                guint w);
guint eiaf_image_grid_get_count(EiafImageGrid *self);
/* One caption per tile, such as "7 → 9 (62%)" (NULL-terminated; may be shorter than the
 * tiles; NULL: none). Copied. */
void eiaf_image_grid_set_labels(EiafImageGrid *self, const char *const *labels);

/* Property "colormap" (EIAF_COLORMAP_DIVERGING by default: blue below zero, orange above,
 * white at zero; the others map min…max). */
void eiaf_image_grid_set_colormap(EiafImageGrid *self, EiafColormap map);
EiafColormap eiaf_image_grid_get_colormap(EiafImageGrid *self);
/* Property "shared-scale": one scale for every tile (default) or each its own. */
void eiaf_image_grid_set_shared_scale(EiafImageGrid *self, gboolean shared);
gboolean eiaf_image_grid_get_shared_scale(EiafImageGrid *self);
/* Property "columns": 0 (default) picks the count that makes the tiles biggest. */
void eiaf_image_grid_set_columns(EiafImageGrid *self, guint columns);
/* Property "show-colorbar" (default TRUE). */
void eiaf_image_grid_set_show_colorbar(EiafImageGrid *self, gboolean show);

/* Where tile `index` was last drawn, in widget coordinates. */
gboolean eiaf_image_grid_get_tile_area(EiafImageGrid *self, guint index, graphene_rect_t *rect);
/* The tile at a widget point, or -1. */
int eiaf_image_grid_tile_at(EiafImageGrid *self, double x, double y);
/* Shows tile `index` enlarged, with its values' scale, in a popover; emits "tile-activated". */
void eiaf_image_grid_show_tile(EiafImageGrid *self, guint index);
/* The tile that has the keyboard focus (arrows move it), or -1 when there are no tiles. */
int eiaf_image_grid_get_focus_tile(EiafImageGrid *self);

G_END_DECLS
