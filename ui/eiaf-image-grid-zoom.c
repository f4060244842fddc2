/* The enlarged tile: one image at a whole number of pixels per value, with the colour bar of
 * its scale and a caption with its value range, in a popover pointing at the tile. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "eiaf-image-grid-private.h"

static void draw_enlarged_cb(GtkDrawingArea *area, cairo_t *cr, int width, int height,
                             gpointer user_data)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(user_data);
  if (self->shown >= self->count)
    return;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout(GTK_WIDGET(area), NULL);
  const char *labels[3];
  EiafColorbar bar = eiaf_image_grid_colorbar(self, labels);
  if (!self->shared_scale) {
    /* Here there is one tile: its own numbers are the scale. */
    eiaf_image_grid_tile_range(self, self->shown, &bar.lo, &bar.hi);
    if (bar.hi <= bar.lo)
      bar.lo -= 1, bar.hi += 1;
    bar.labels = NULL;
  }
  double bar_w = eiaf_colorbar_width(&bar, layout);
  double side = MIN(width - bar_w - BAR_GAP, height);
  double px = MAX(floor(side / MAX(self->w, self->h)), 1);
  double iw = px * self->w, ih = px * self->h, y = (height - ih) / 2;

  cairo_surface_t *image = eiaf_image_grid_tile_image(self, self->shown);
  cairo_save(cr);
  cairo_translate(cr, 0, y);
  cairo_scale(cr, px, px);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
  eiaf_colorbar_draw(&bar, cr, layout, colors, iw + BAR_GAP, y, ih,
                     gtk_widget_get_scale_factor(GTK_WIDGET(area)));
}

/* Focus comes back to the grid: otherwise the window keeps it inside the closed popover. */
static void on_popover_closed_cb(GtkPopover *popover, GtkWidget *self)
{
  if (gtk_widget_get_root(self))
    gtk_widget_grab_focus(self);
}

static void ensure_popover(EiafImageGrid *self)
{
  if (self->popover)
    return;
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  self->enlarged = gtk_drawing_area_new();
  gtk_drawing_area_set_content_width(GTK_DRAWING_AREA(self->enlarged), 320);
  gtk_drawing_area_set_content_height(GTK_DRAWING_AREA(self->enlarged), 240);
  gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(self->enlarged), draw_enlarged_cb, self, NULL);
  gtk_accessible_update_property(GTK_ACCESSIBLE(self->enlarged), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 _("Enlarged image"), -1);
  self->caption = gtk_label_new(NULL);
  gtk_label_set_wrap(GTK_LABEL(self->caption), TRUE);
  gtk_box_append(GTK_BOX(box), self->enlarged);
  gtk_box_append(GTK_BOX(box), self->caption);
  self->popover = gtk_popover_new();
  gtk_popover_set_child(GTK_POPOVER(self->popover), box);
  gtk_widget_set_parent(self->popover, GTK_WIDGET(self));
  g_signal_connect_object(self->popover, "closed", G_CALLBACK(on_popover_closed_cb), self, 0);
}

void eiaf_image_grid_zoom_show(EiafImageGrid *self, guint index)
{
  ensure_popover(self);
  self->shown = index;

  double lo, hi;
  eiaf_image_grid_value_range(self->data + (gsize) index * self->h * self->w,
                              (gsize) self->h * self->w, &lo, &hi);
  char a[32], b[32];
  eiaf_format_value(lo, 3, a, sizeof a);
  eiaf_format_value(hi, 3, b, sizeof b);
  const char *label =
      self->labels && index < g_strv_length(self->labels) ? self->labels[index] : NULL;
  /* Translators: an image's number, its caption and the range of its values. */
  g_autofree char *text = g_strdup_printf(_("Image %u%s%s · values %s to %s"), index + 1,
                                          label ? " · " : "", label ? label : "", a, b);
  gtk_label_set_text(GTK_LABEL(self->caption), text);

  graphene_rect_t r;
  if (eiaf_image_grid_get_tile_area(self, index, &r)) {
    GdkRectangle at = {(int) r.origin.x, (int) r.origin.y, (int) r.size.width, (int) r.size.height};
    gtk_popover_set_pointing_to(GTK_POPOVER(self->popover), &at);
  }
  gtk_widget_queue_draw(self->enlarged);
  /* GTK 4.8's popover remembers the focus to give back; without one it complains. */
  gtk_widget_grab_focus(GTK_WIDGET(self));
  gtk_popover_popup(GTK_POPOVER(self->popover));
}

void eiaf_image_grid_zoom_dispose(EiafImageGrid *self)
{
  /* Closed first: a popover unparented while shown leaves GTK 4.8 a stale surface. */
  if (self->popover)
    gtk_popover_popdown(GTK_POPOVER(self->popover));
  g_clear_pointer(&self->popover, gtk_widget_unparent);
  self->enlarged = self->caption = NULL;
}
