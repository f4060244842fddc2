/* EiafPlot: the base of every picture. A subclass implements draw() with cairo; the base
 * provides theme colours (refreshed when the theme changes), a text layout, the placeholder
 * shown when there is no data, the accessible role `img` with a label (the title) and a
 * description, a context menu (right click, Shift+F10, Menu key) with "Save as PNG…", and
 * rendering into an image surface or a PNG file at any scale. */
#pragma once

#include <gtk/gtk.h>

#include "eiaf-plot-draw.h"

G_BEGIN_DECLS

#define EIAF_TYPE_PLOT (eiaf_plot_get_type())
G_DECLARE_DERIVABLE_TYPE(EiafPlot, eiaf_plot, EIAF, PLOT, GtkWidget)

struct _EiafPlotClass {
  GtkWidgetClass parent_class;

  /* Draws the picture into width × height user units (logical pixels). The paper is already
   * filled; colours, the layout and the scale come from the getters below. */
  void (*draw)(EiafPlot *self, cairo_t *cr, int width, int height);
  /* FALSE: the placeholder is drawn instead. NULL means there always is data. */
  gboolean (*has_data)(EiafPlot *self);

  gpointer padding[8];
};

/* What the picture shows; also its accessible label. */
const char *eiaf_plot_get_title(EiafPlot *self);
void eiaf_plot_set_title(EiafPlot *self, const char *title);
/* The message shown while there is no data ("No data yet" by default). */
const char *eiaf_plot_get_placeholder_text(EiafPlot *self);
void eiaf_plot_set_placeholder_text(EiafPlot *self, const char *text);
/* Titles of the x and y axes, for the plots that have axes. */
const char *eiaf_plot_get_x_title(EiafPlot *self);
void eiaf_plot_set_x_title(EiafPlot *self, const char *title);
const char *eiaf_plot_get_y_title(EiafPlot *self);
void eiaf_plot_set_y_title(EiafPlot *self, const char *title);
/* A sentence for a screen reader about what the picture currently says. */
void eiaf_plot_set_description(EiafPlot *self, const char *description);

/* The subclass's picture cache (in its instance, set once in its init): a plot that is not on
 * screen — a lesson page left behind — frees it, and the next draw builds it again. Without
 * this, every page a person has visited keeps megabytes of pixels. */
void eiaf_plot_set_cache(EiafPlot *self, EiafSurfaceCache *cache);

/* Draws the picture into cr at width × height user units; `scale` device pixels per unit
 * (what caches are made at). */
void eiaf_plot_render(EiafPlot *self, cairo_t *cr, int width, int height, int scale);
/* A new ARGB32 image of (width·scale) × (height·scale) pixels with the picture. */
cairo_surface_t *eiaf_plot_render_surface(EiafPlot *self, int width, int height, int scale);
/* Writes the picture as a PNG, atomically (a temporary file renamed over path). */
gboolean eiaf_plot_save_png(EiafPlot *self, const char *path, int width, int height, int scale,
                            GError **error);

/* For subclasses, valid while draw() runs (colors: always). */
const EiafPlotColors *eiaf_plot_get_colors(EiafPlot *self);
/* Changes whenever the colours or axis titles do: caches that bake them in compare it. */
guint eiaf_plot_get_style_serial(EiafPlot *self);
/* Colour `index` of the palette for the current theme. */
void eiaf_plot_get_series_color(EiafPlot *self, guint index, GdkRGBA *out);
int eiaf_plot_get_render_scale(EiafPlot *self);
PangoLayout *eiaf_plot_get_layout(EiafPlot *self);
/* Keeps the axes a draw used, for the two conversions below (pointer hits, tests). */
void eiaf_plot_remember_axes(EiafPlot *self, const EiafAxes *axes);

/* Where the data point (x, y) was last drawn, in widget coordinates; FALSE before the first
 * draw or when the point cannot be shown (log axis, non-finite). */
gboolean eiaf_plot_data_to_widget(EiafPlot *self, double x, double y, double *wx, double *wy);
gboolean eiaf_plot_widget_to_data(EiafPlot *self, double wx, double wy, double *x, double *y);

G_END_DECLS
