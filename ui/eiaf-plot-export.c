/* Rendering to an image or a PNG file, and the context menu that saves one. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "eiaf-plot-private.h"

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

cairo_surface_t *eiaf_plot_render_surface(EiafPlot *self, int width, int height, int scale)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  g_return_val_if_fail(width > 0 && height > 0 && scale >= 1, NULL);
  cairo_surface_t *surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale(surface, scale, scale);
  cairo_t *cr = cairo_create(surface);
  eiaf_plot_render(self, cr, width, height, scale);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

static cairo_status_t append_to_array(void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean eiaf_plot_save_png(EiafPlot *self, const char *path, int width, int height, int scale,
                            GError **error)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), FALSE);
  g_return_val_if_fail(path != NULL, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  /* Cairo's image surfaces stop at 32767 pixels a side. */
  if (width <= 0 || height <= 0 || scale < 1 || (gint64) width * scale > 32767 ||
      (gint64) height * scale > 32767) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                _("Cannot make a picture of %d × %d at scale %d"), width, height, scale);
    return FALSE;
  }
  cairo_surface_t *surface = eiaf_plot_render_surface(self, width, height, scale);
  g_autoptr(GByteArray) png = g_byte_array_new();
  cairo_status_t status = cairo_surface_status(surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream(surface, append_to_array, png);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the picture: %s"),
                cairo_status_to_string(status));
    return FALSE;
  }
  return g_file_set_contents_full(path, (const char *) png->data, (gssize) png->len,
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* ---- menu and export ---- */

static char *suggested_file_name(EiafPlot *self)
{
  EiafPlotPrivate *priv = eiaf_plot_get_private(self);
  const char *title = priv->title && *priv->title ? priv->title : "plot";
  GString *name = g_string_new(NULL);
  for (const char *p = title; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isalnum(c))
      g_string_append_unichar(name, g_unichar_tolower(c));
    else if (name->len > 0 && name->str[name->len - 1] != '-')
      g_string_append_c(name, '-');
  }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate(name, name->len - 1);
  g_string_append(name, ".png");
  return g_string_free(name, FALSE);
}

static void on_chooser_response_cb(GtkNativeDialog *dialog, int response, EiafPlot *self)
{
  EiafPlotPrivate *priv = eiaf_plot_get_private(self);
  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(dialog));
    g_autofree char *path = file ? g_file_get_path(file) : NULL;
    if (path) {
      if (!g_str_has_suffix(path, ".png") && !g_str_has_suffix(path, ".PNG")) {
        char *with_suffix = g_strconcat(path, ".png", NULL);
        g_free(path);
        path = with_suffix;
      }
      GtkWidget *widget = GTK_WIDGET(self);
      int width = gtk_widget_get_width(widget), height = gtk_widget_get_height(widget);
      if (width <= 0 || height <= 0)
        width = 800, height = 600;
      /* At least twice the pixels, so an exported figure stays sharp in a document. */
      int scale = MAX(2, gtk_widget_get_scale_factor(widget));
      g_autoptr(GError) error = NULL;
      eiaf_plot_save_png(self, path, width, height, scale, &error);
      if (error && !g_signal_has_handler_pending(self, signals[SAVED], 0, FALSE))
        g_warning("Saving %s: %s", path, error->message);
      g_signal_emit(self, signals[SAVED], 0, path, error);
    }
  }
  g_clear_object(&priv->chooser);
}

static void save_png_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  EiafPlot *self = EIAF_PLOT(widget);
  EiafPlotPrivate *priv = eiaf_plot_get_private(self);
  GtkRoot *root = gtk_widget_get_root(widget);

  if (priv->chooser)
    gtk_native_dialog_destroy(GTK_NATIVE_DIALOG(priv->chooser));
  g_clear_object(&priv->chooser);
  priv->chooser = gtk_file_chooser_native_new(
      _("Save Picture as PNG"), GTK_IS_WINDOW(root) ? GTK_WINDOW(root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(priv->chooser), TRUE);
  g_autofree char *name = suggested_file_name(self);
  gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(priv->chooser), name);
  GtkFileFilter *filter = gtk_file_filter_new();
  gtk_file_filter_set_name(filter, _("PNG images"));
  gtk_file_filter_add_mime_type(filter, "image/png");
  gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(priv->chooser), filter);
  g_object_unref(filter);
  g_signal_connect_object(priv->chooser, "response", G_CALLBACK(on_chooser_response_cb), self, 0);
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(priv->chooser));
}

/* Focus comes back to the picture: otherwise the window keeps it on the closed menu's item,
 * and with it a reference that outlives the picture. */
static void on_popover_closed_cb(GtkPopover *popover, GtkWidget *self)
{
  if (gtk_widget_get_root(self))
    gtk_widget_grab_focus(self);
}

static void popup_menu_at(EiafPlot *self, double x, double y)
{
  EiafPlotPrivate *priv = eiaf_plot_get_private(self);
  if (!priv->menu) {
    g_autoptr(GMenu) model = g_menu_new();
    g_menu_append(model, _("Save as PNG…"), "plot.save-png");
    priv->menu = gtk_popover_menu_new_from_model(G_MENU_MODEL(model));
    gtk_popover_set_has_arrow(GTK_POPOVER(priv->menu), FALSE);
    gtk_widget_set_halign(priv->menu, GTK_ALIGN_START);
    gtk_widget_set_parent(priv->menu, GTK_WIDGET(self));
    g_signal_connect_object(priv->menu, "closed", G_CALLBACK(on_popover_closed_cb), self, 0);
  }
  GdkRectangle at = {(int) x, (int) y, 1, 1};
  gtk_popover_set_pointing_to(GTK_POPOVER(priv->menu), &at);
  /* GTK 4.8's popover remembers the focus to give back; without one it complains. */
  gtk_widget_grab_focus(GTK_WIDGET(self));
  gtk_popover_popup(GTK_POPOVER(priv->menu));
}

static void menu_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  popup_menu_at(EIAF_PLOT(widget), gtk_widget_get_width(widget) / 2.0,
                gtk_widget_get_height(widget) / 2.0);
}

static void on_secondary_pressed_cb(GtkGestureClick *gesture, int n_press, double x, double y,
                                    EiafPlot *self)
{
  gtk_gesture_set_state(GTK_GESTURE(gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at(self, x, y);
}

void eiaf_plot_export_class_init(GtkWidgetClass *widget_class)
{
  /* Emitted after the menu's "Save as PNG…": the path and, if it failed, why. */
  signals[SAVED] = g_signal_new("saved", G_TYPE_FROM_CLASS(widget_class), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  gtk_widget_class_install_action(widget_class, "plot.save-png", NULL, save_png_action);
  gtk_widget_class_install_action(widget_class, "plot.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "plot.menu", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Menu, 0, "plot.menu", NULL);
}

void eiaf_plot_export_init(EiafPlot *self)
{
  GtkGesture *click = gtk_gesture_click_new();
  gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object(click, "pressed", G_CALLBACK(on_secondary_pressed_cb), self, 0);
  gtk_widget_add_controller(GTK_WIDGET(self), GTK_EVENT_CONTROLLER(click));
}

void eiaf_plot_export_dispose(EiafPlot *self)
{
  EiafPlotPrivate *priv = eiaf_plot_get_private(self);
  if (priv->chooser)
    gtk_native_dialog_destroy(GTK_NATIVE_DIALOG(priv->chooser));
  g_clear_object(&priv->chooser);
  /* Closed first: a popover unparented while shown leaves GTK 4.8 a stale surface. */
  if (priv->menu)
    gtk_popover_popdown(GTK_POPOVER(priv->menu));
  g_clear_pointer(&priv->menu, gtk_widget_unparent);
}
