/* bench-widgets [N [WORD]]: the median time of one draw of every plot widget at 800 × 600, with
 * realistic loads, rendered N times (default 40) into an image surface at scale 1 and 2.
 * "redraw" repeats a frame with unchanged data (hover, marker, resize-free repaint);
 * "new data" changes what a live training run changes each frame first (a point appended,
 * a new field, new weights, a moved ball) and includes copying it in; "resize" draws at
 * alternating widths, so every cache is rebuilt every frame (the cost of a window resize or
 * a theme change).
 * WORD picks the widgets whose name contains it. Needs a display for GTK (run it under xvfb-run).
 * Not a test: numbers, not verdicts. */
#include <gtk/gtk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "widget-samples.h"

#define WIDTH  800
#define HEIGHT 600

typedef struct {
  const char *name;
  GtkWidget *(*make)(void);
  void (*change)(GtkWidget *plot, int frame);
} Bench;

/* ---- loads ---- */

static GtkWidget *make_line(void)
{
  GtkWidget *w = eiaf_line_plot_new();
  sample_line_plot(EIAF_LINE_PLOT(w), 10000, TRUE);
  return w;
}

static void change_line(GtkWidget *w, int frame)
{
  /* Each frame a training step adds a point to every curve. */
  for (guint s = 0; s < 3; s++)
    eiaf_line_plot_append(EIAF_LINE_PLOT(w), s, 30.0f + frame * 1e-3f,
                          0.1f + 0.01f * sinf((float) frame + s));
}

static GtkWidget *make_region(void)
{
  GtkWidget *w = eiaf_region_map_new();
  sample_region_map_spirals(EIAF_REGION_MAP(w), 200, 200);
  return w;
}

static float *region_fields[2];

static void change_region(GtkWidget *w, int frame)
{
  /* A new classifier output each frame (two alternating, as a run would send). */
  eiaf_region_map_set_field(EIAF_REGION_MAP(w), region_fields[frame % 2], 200, 200, 3, -1.1, 1.1,
                            -1.1, 1.1);
}

static GtkWidget *make_grid(void)
{
  GtkWidget *w = eiaf_image_grid_new();
  sample_image_grid_weights(EIAF_IMAGE_GRID(w), 100);
  return w;
}

static float *weights[2];

static void change_grid(GtkWidget *w, int frame)
{
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(w), weights[frame % 2], 100, 28, 28);
}

static GtkWidget *make_function(void)
{
  GtkWidget *w = eiaf_function_plot_new();
  sample_function_plot_activations(EIAF_FUNCTION_PLOT(w), 10000);
  eiaf_function_plot_set_ball(EIAF_FUNCTION_PLOT(w), 0, 0, 0.5, 1, "ball");
  return w;
}

static void change_function(GtkWidget *w, int frame)
{
  eiaf_function_plot_set_marker(EIAF_FUNCTION_PLOT(w), -5 + (frame % 100) * 0.1);
  eiaf_function_plot_set_ball(EIAF_FUNCTION_PLOT(w), 0, 0, 5 - (frame % 100) * 0.1, 1, "ball");
}

static GtkWidget *make_contour(void)
{
  GtkWidget *w = eiaf_contour_map_new();
  sample_contour_map(EIAF_CONTOUR_MAP(w), 100, 1000);
  return w;
}

static void change_contour(GtkWidget *w, int frame)
{
  eiaf_contour_map_append_path(EIAF_CONTOUR_MAP(w), 10.0f + frame * 0.001f, -2.0f);
}

static GtkWidget *make_histogram(void)
{
  GtkWidget *w = eiaf_histogram_new();
  sample_histogram_batch_norm(EIAF_HISTOGRAM(w));
  return w;
}

static void change_histogram(GtkWidget *w, int frame)
{
  float counts[48];
  for (int i = 0; i < 48; i++)
    counts[i] = (float) (400 * exp(-(i - 24) * (i - 24) / (50.0 + frame % 10)));
  eiaf_histogram_set_distribution(EIAF_HISTOGRAM(w), 1, "with batch norm", counts, 48, -8, 8);
}

static GtkWidget *make_bars(void)
{
  GtkWidget *w = eiaf_probability_bars_new();
  sample_probability_bars(EIAF_PROBABILITY_BARS(w));
  return w;
}

static void change_bars(GtkWidget *w, int frame)
{
  float p[10];
  for (int i = 0; i < 10; i++)
    p[i] = (i == frame % 10) ? 0.8f : 0.2f / 9;
  eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(w), p, 10);
}

static const Bench benches[] = {
    {"line plot, 3 × 10,000 points", make_line, change_line},
    {"region map, 200 × 200 × 3, 250 points", make_region, change_region},
    {"image grid, 100 tiles of 28 × 28", make_grid, change_grid},
    {"function plot, 6 × 10,000 + marker", make_function, change_function},
    {"contour map, 100 × 100, 1,000-point path", make_contour, change_contour},
    {"histogram, 2 × 48 bins", make_histogram, change_histogram},
    {"probability bars, 10", make_bars, change_bars},
};

/* ---- timing ---- */

static int compare_doubles(const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double median_ms(GtkWidget *plot, void (*change)(GtkWidget *, int), int n, int scale,
                        gboolean resize)
{
  cairo_surface_t *surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH * scale, HEIGHT * scale);
  cairo_surface_set_device_scale(surface, scale, scale);
  double *times = g_new(double, n);
  /* One frame first: caches are built, fonts are loaded. */
  cairo_t *cr = cairo_create(surface);
  eiaf_plot_render(EIAF_PLOT(plot), cr, WIDTH, HEIGHT, scale);
  cairo_destroy(cr);
  for (int i = 0; i < n; i++) {
    gint64 start = g_get_monotonic_time();
    if (change)
      change(plot, i);
    cr = cairo_create(surface);
    eiaf_plot_render(EIAF_PLOT(plot), cr, resize ? WIDTH - i % 2 : WIDTH, HEIGHT, scale);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    times[i] = (g_get_monotonic_time() - start) / 1000.0;
  }
  qsort(times, n, sizeof *times, compare_doubles);
  double median = times[n / 2];
  g_free(times);
  cairo_surface_destroy(surface);
  return median;
}

static float *random_floats(gsize n, guint64 rng)
{
  float *f = g_new(float, n);
  for (gsize i = 0; i < n; i++)
    f[i] = (float) sample_uniform(&rng);
  return f;
}

int main(int argc, char **argv)
{
  gtk_init();
  int n = argc > 1 ? MAX(atoi(argv[1]), 3) : 40;
  region_fields[0] = random_floats(200 * 200 * 3, 11);
  region_fields[1] = random_floats(200 * 200 * 3, 12);
  weights[0] = random_floats(100 * 28 * 28, 13);
  weights[1] = random_floats(100 * 28 * 28, 14);
  for (gsize i = 0; i < 100 * 28 * 28; i++)
    weights[0][i] -= 0.5f, weights[1][i] -= 0.5f;

  g_print("median ms per draw at %d × %d, %d frames\n", WIDTH, HEIGHT, n);
  g_print("%-44s %9s %9s %9s %9s %9s\n", "widget", "redraw@1", "new@1", "resize@1", "redraw@2",
          "new@2");
  for (guint b = 0; b < G_N_ELEMENTS(benches); b++) {
    if (argc > 2 && !strstr(benches[b].name, argv[2]))
      continue;
    double ms[5];
    GtkWidget *plot = g_object_ref_sink(benches[b].make());
    ms[0] = median_ms(plot, NULL, n, 1, FALSE);
    ms[1] = median_ms(plot, benches[b].change, n, 1, FALSE);
    ms[2] = median_ms(plot, NULL, n, 1, TRUE);
    g_object_unref(plot);
    plot = g_object_ref_sink(benches[b].make());
    ms[3] = median_ms(plot, NULL, n, 2, FALSE);
    ms[4] = median_ms(plot, benches[b].change, n, 2, FALSE);
    g_object_unref(plot);
    g_print("%-44s %9.2f %9.2f %9.2f %9.2f %9.2f\n", benches[b].name, ms[0], ms[1], ms[2], ms[3],
            ms[4]);
  }
  for (int i = 0; i < 2; i++) {
    g_free(region_fields[i]);
    g_free(weights[i]);
  }
  return 0;
}
