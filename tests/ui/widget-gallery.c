/* widget-gallery OUTDIR [SCALE]: writes every plot widget, with realistic data, as
 * OUTDIR/<name>-light.png and OUTDIR/<name>-dark.png (the pictures in docs/widgets/).
 * Needs a display (the theme comes from GTK's settings). */
#include <gtk/gtk.h>
#include <math.h>

#include "widget-samples.h"

typedef struct {
  const char *name;
  GtkWidget *(*make)(void);
  int width, height;
  /* Called once the widget has been drawn at its size: for pointer and focus states. */
  void (*after)(GtkWidget *plot);
} Entry;

static void hover_validation_point(GtkWidget *plot)
{
  double x, y;
  /* The validation curve of sample_line_plot at epoch 12. */
  if (eiaf_plot_data_to_widget(EIAF_PLOT(plot), 12, 2.3 * exp(-12 / 5.0) + 0.14 + 0.048, &x, &y))
    sample_pointer_motion(plot, x + 2, y - 2);
}

static GtkWidget *make_line(void)
{
  GtkWidget *w = eiaf_line_plot_new();
  sample_line_plot(EIAF_LINE_PLOT(w), 600, FALSE);
  return w;
}

static GtkWidget *make_line_log(void)
{
  GtkWidget *w = eiaf_line_plot_new();
  sample_line_plot(EIAF_LINE_PLOT(w), 3000, TRUE);
  eiaf_line_plot_set_log_y(EIAF_LINE_PLOT(w), TRUE);
  return w;
}

static GtkWidget *make_spirals(void)
{
  GtkWidget *w = eiaf_region_map_new();
  sample_region_map_spirals(EIAF_REGION_MAP(w), 200, 200);
  return w;
}

static GtkWidget *make_boundary(void)
{
  GtkWidget *w = eiaf_region_map_new();
  sample_region_map_boundary(EIAF_REGION_MAP(w));
  return w;
}

static GtkWidget *make_weights(void)
{
  GtkWidget *w = eiaf_image_grid_new();
  sample_image_grid_weights(EIAF_IMAGE_GRID(w), 10);
  return w;
}

static GtkWidget *make_digits(void)
{
  GtkWidget *w = eiaf_image_grid_new();
  sample_image_grid_digits(EIAF_IMAGE_GRID(w), 16);
  return w;
}

static GtkWidget *make_activations(void)
{
  GtkWidget *w = eiaf_function_plot_new();
  sample_function_plot_activations(EIAF_FUNCTION_PLOT(w), 401);
  return w;
}

static GtkWidget *make_quartic(void)
{
  GtkWidget *w = eiaf_function_plot_new();
  sample_function_plot_quartic(EIAF_FUNCTION_PLOT(w));
  return w;
}

static GtkWidget *make_contour(void)
{
  GtkWidget *w = eiaf_contour_map_new();
  sample_contour_map(EIAF_CONTOUR_MAP(w), 100, 1000);
  return w;
}

static GtkWidget *make_hist_bn(void)
{
  GtkWidget *w = eiaf_histogram_new();
  sample_histogram_batch_norm(EIAF_HISTOGRAM(w));
  return w;
}

static GtkWidget *make_hist_layers(void)
{
  GtkWidget *w = eiaf_histogram_new();
  sample_histogram_layers(EIAF_HISTOGRAM(w));
  return w;
}

static GtkWidget *make_bars(void)
{
  GtkWidget *w = eiaf_probability_bars_new();
  sample_probability_bars(EIAF_PROBABILITY_BARS(w));
  return w;
}

static GtkWidget *make_empty(void)
{
  return eiaf_line_plot_new();
}

static const Entry entries[] = {
    {"line-plot", make_line, 640, 400, NULL},
    {"line-plot-hover", make_line, 640, 400, hover_validation_point},
    {"line-plot-log", make_line_log, 640, 400},
    {"region-map-spirals", make_spirals, 560, 480},
    {"region-map-boundary", make_boundary, 560, 480},
    {"image-grid-weights", make_weights, 640, 300},
    {"image-grid-digits", make_digits, 640, 360},
    {"function-plot-activations", make_activations, 640, 420},
    {"function-plot-balls", make_quartic, 640, 420},
    {"contour-map", make_contour, 600, 460},
    {"histogram-overlaid", make_hist_bn, 640, 380},
    {"histogram-small-multiples", make_hist_layers, 720, 300},
    {"probability-bars", make_bars, 420, 220},
    {"no-data", make_empty, 480, 260},
};

static void settle(void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration(NULL, FALSE))
      ;
}

static gboolean write_theme(const char *dir, gboolean dark, int scale)
{
  g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", dark, NULL);
  GtkWidget *window = gtk_window_new();
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child(GTK_WINDOW(window), box);
  GtkWidget *plots[G_N_ELEMENTS(entries)];
  for (guint i = 0; i < G_N_ELEMENTS(entries); i++) {
    plots[i] = entries[i].make();
    gtk_box_append(GTK_BOX(box), plots[i]);
  }
  gtk_window_present(GTK_WINDOW(window));
  settle();

  gboolean ok = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS(entries); i++) {
    g_autofree char *file =
        g_strdup_printf("%s/%s-%s.png", dir, entries[i].name, dark ? "dark" : "light");
    g_autoptr(GError) error = NULL;
    if (entries[i].after) {
      cairo_surface_destroy(eiaf_plot_render_surface(EIAF_PLOT(plots[i]), entries[i].width,
                                                     entries[i].height, scale));
      entries[i].after(plots[i]);
    }
    if (!eiaf_plot_save_png(EIAF_PLOT(plots[i]), file, entries[i].width, entries[i].height, scale,
                            &error)) {
      g_printerr("%s: %s\n", file, error->message);
      ok = FALSE;
    }
  }
  gtk_window_destroy(GTK_WINDOW(window));
  settle();
  return ok;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    g_printerr("usage: %s OUTDIR [SCALE]\n", argv[0]);
    return 2;
  }
  gtk_init();
  int scale = argc > 2 ? atoi(argv[2]) : 1;
  g_mkdir_with_parents(argv[1], 0755);
  gboolean ok = write_theme(argv[1], FALSE, MAX(scale, 1));
  ok = write_theme(argv[1], TRUE, MAX(scale, 1)) && ok;
  return ok ? 0 : 1;
}
