/* What EiafPlot's two source files share: its private data and the export part's hooks. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

typedef struct {
  char *title;
  char *placeholder;
  char *x_title, *y_title;

  EiafPlotColors colors;
  gboolean colors_valid;
  guint font_hash; /* the widget's font and resolution: text sizes are cached too */
  guint style_serial;

  /* Valid while a draw runs. */
  PangoLayout *layout;
  int render_scale;

  EiafAxes axes;
  gboolean have_axes;

  GtkWidget *menu;
  GtkFileChooserNative *chooser;

  /* The subclass's picture cache (eiaf_plot_set_cache), dropped while unmapped. */
  EiafSurfaceCache *cache;
} EiafPlotPrivate;

EiafPlotPrivate *eiaf_plot_get_private(EiafPlot *self);

/* eiaf-plot-export.c: the context menu (right click, Shift+F10, Menu) with "Save as PNG…",
 * the "saved" signal, and its actions "plot.menu" and "plot.save-png". */
void eiaf_plot_export_class_init(GtkWidgetClass *widget_class);
void eiaf_plot_export_init(EiafPlot *self);
void eiaf_plot_export_dispose(EiafPlot *self);

G_END_DECLS
