/* A window with the digit canvas and a parameter panel, for the end-to-end test
 * (e2e-widgets.py), which drives it from outside through the accessibility tree and the real
 * pointer. It reports on stdout, one line per event:
 *   ready
 *   param NAME VALUE
 *   canvas empty=0|1 mass=M cx=X cy=Y   (ink mass and centre, relative to the sheet)
 * and after each canvas change shows a 28×28 block average as the preview. */
#include <adwaita.h>
#include <gtk/gtk.h>
#include <stdio.h>

#include "eiaf-digit-canvas.h"
#include "eiaf-param-panel.h"

static void on_panel_changed_cb(EiafParamPanel *panel, const char *name, double value,
                                gpointer user_data)
{
  printf("param %s %.17g\n", name, value);
  fflush(stdout);
}

/* Not the app's preprocessing (cropping, fitting, centring), only enough to show a preview. */
static void show_block_average(EiafDigitCanvas *canvas, const float *img, int n)
{
  float small[28 * 28];
  int block = n / 28;
  for (int y = 0; y < 28; y++)
    for (int x = 0; x < 28; x++) {
      float sum = 0;
      for (int dy = 0; dy < block; dy++)
        for (int dx = 0; dx < block; dx++)
          sum += img[(y * block + dy) * n + x * block + dx];
      small[y * 28 + x] = sum / (block * block);
    }
  eiaf_digit_canvas_set_preview(canvas, small, 28, 28);
}

static void on_canvas_changed_cb(EiafDigitCanvas *canvas, gpointer user_data)
{
  int w, h;
  const float *img = eiaf_digit_canvas_get_image(canvas, &w, &h);
  double mass = 0, sx = 0, sy = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      mass += img[y * w + x];
      sx += img[y * w + x] * (x + 0.5);
      sy += img[y * w + x] * (y + 0.5);
    }
  printf("canvas empty=%d mass=%.1f cx=%.3f cy=%.3f\n", eiaf_digit_canvas_is_empty(canvas), mass,
         mass > 0 ? sx / mass / w : -1, mass > 0 ? sy / mass / h : -1);
  fflush(stdout);
  if (eiaf_digit_canvas_is_empty(canvas))
    eiaf_digit_canvas_set_preview(canvas, NULL, 0, 0);
  else
    show_block_average(canvas, img, w);
}

static gboolean on_first_frame_cb(GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  printf("ready\n");
  fflush(stdout);
  return G_SOURCE_REMOVE;
}

static void on_activate_cb(GtkApplication *app, gpointer user_data)
{
  static const char *const optimisers[] = {"SGD", "Adam", NULL};
  const EiafParamInfo infos[] = {
      {.name = "hidden",
       .label = "Hidden neurons",
       .unit = "neurons",
       .unit_one = "neuron",
       .kind = EIAF_PARAM_INT,
       .min = 1,
       .max = 64,
       .step = 1,
       .value = 8},
      {.name = "lr",
       .label = "Learning rate",
       .kind = EIAF_PARAM_FLOAT,
       .min = 1e-4,
       .max = 5,
       .value = 0.1,
       .log_scale = TRUE},
      {.name = "optimiser", .label = "Optimiser", .kind = EIAF_PARAM_CHOICE, .choices = optimisers},
      {.name = "shuffle", .label = "Shuffle each epoch", .kind = EIAF_PARAM_BOOL, .value = 1},
  };
  GtkWidget *window = gtk_application_window_new(app);
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *canvas = eiaf_digit_canvas_new();
  GtkWidget *panel = eiaf_param_panel_new();

  for (guint i = 0; i < G_N_ELEMENTS(infos); i++)
    eiaf_param_panel_add(EIAF_PARAM_PANEL(panel), &infos[i]);
  eiaf_param_panel_set_reference(EIAF_PARAM_PANEL(panel), "lr", 0.1);
  g_signal_connect(panel, "changed", G_CALLBACK(on_panel_changed_cb), NULL);
  g_signal_connect(canvas, "changed", G_CALLBACK(on_canvas_changed_cb), NULL);

  gtk_widget_set_hexpand(canvas, TRUE);
  gtk_widget_set_size_request(panel, 320, -1);
  gtk_box_append(GTK_BOX(box), canvas);
  gtk_box_append(GTK_BOX(box), panel);
  gtk_widget_set_margin_top(box, 24);
  gtk_widget_set_margin_bottom(box, 24);
  gtk_widget_set_margin_start(box, 24);
  gtk_widget_set_margin_end(box, 24);
  gtk_window_set_child(GTK_WINDOW(window), box);
  gtk_window_set_title(GTK_WINDOW(window), "E2E widgets");
  gtk_window_set_default_size(GTK_WINDOW(window), 760, 460);
  gtk_widget_add_tick_callback(window, on_first_frame_cb, NULL, NULL);
  gtk_window_present(GTK_WINDOW(window));
}

int main(int argc, char **argv)
{
  g_set_prgname("eiaf-e2e-widgets");
  g_autoptr(AdwApplication) app =
      adw_application_new("io.github.EverythingIsAFont.E2EWidgets", G_APPLICATION_NON_UNIQUE);
  g_signal_connect(app, "activate", G_CALLBACK(on_activate_cb), NULL);
  return g_application_run(G_APPLICATION(app), argc, argv);
}
