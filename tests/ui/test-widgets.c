/* The plot widgets, rendered offscreen with known data: pixels are checked where the data
 * says they must be (a point's colour, a bar's height, a tile's sign colours, the marker, the
 * path's start), for empty and hostile data, through the real GTK rendering path, in both
 * themes, and for their accessible role and label. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "eiaf-plot-draw.h"
#include "widget-samples.h"

static GtkWidget *window;
static GtkWidget *box;

/* ---- helpers ---- */

/* A widget in a window, so it takes its colours from the theme like on a page. */
static GtkWidget *adopt(GtkWidget *plot)
{
  gtk_box_append(GTK_BOX(box), plot);
  return plot;
}

static void drop(GtkWidget *plot)
{
  gtk_box_remove(GTK_BOX(box), plot);
}

static void settle(void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration(NULL, FALSE))
      ;
}

/* Runs the main loop until the plot's theme colours say `dark`, or 5 s pass: a theme change
 * reaches widgets on a later frame. */
static gboolean wait_for_theme(GtkWidget *plot, gboolean dark)
{
  gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time() < end) {
    while (g_main_context_iteration(NULL, FALSE))
      ;
    if (eiaf_plot_get_colors(EIAF_PLOT(plot))->dark == dark)
      return TRUE;
    g_usleep(5000);
  }
  return FALSE;
}

typedef struct {
  cairo_surface_t *surface;
  int scale;
} Image;

static Image render(GtkWidget *plot, int width, int height, int scale)
{
  Image img = {eiaf_plot_render_surface(EIAF_PLOT(plot), width, height, scale), scale};
  g_assert_cmpint(cairo_surface_status(img.surface), ==, CAIRO_STATUS_SUCCESS);
  return img;
}

static void image_free(Image *img)
{
  g_clear_pointer(&img->surface, cairo_surface_destroy);
}

static GdkRGBA device_pixel(const Image *img, int dx, int dy)
{
  int w = cairo_image_surface_get_width(img->surface);
  int h = cairo_image_surface_get_height(img->surface);
  g_assert_cmpint(dx, >=, 0);
  g_assert_cmpint(dy, >=, 0);
  g_assert_cmpint(dx, <, w);
  g_assert_cmpint(dy, <, h);
  const guint8 *row = cairo_image_surface_get_data(img->surface) +
                      (gsize) dy * cairo_image_surface_get_stride(img->surface);
  guint32 p = ((const guint32 *) row)[dx];
  /* The pictures are opaque, so premultiplication changes nothing. */
  GdkRGBA c = {((p >> 16) & 0xff) / 255.0f, ((p >> 8) & 0xff) / 255.0f, (p & 0xff) / 255.0f,
               (p >> 24) / 255.0f};
  return c;
}

/* The pixel at a point in widget (user) coordinates. */
static GdkRGBA pixel(const Image *img, double x, double y)
{
  return device_pixel(img, (int) floor(x * img->scale), (int) floor(y * img->scale));
}

static double distance(const GdkRGBA *a, const GdkRGBA *b)
{
  return 255 * sqrt((a->red - b->red) * (a->red - b->red) +
                    (a->green - b->green) * (a->green - b->green) +
                    (a->blue - b->blue) * (a->blue - b->blue));
}

/* The closest pixel to `want` in a (2r+1)² neighbourhood of (x, y): lines are antialiased. */
static double nearest_match(const Image *img, double x, double y, int r, const GdkRGBA *want)
{
  double best = INFINITY;
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++) {
      GdkRGBA c = pixel(img, x + (double) dx / img->scale, y + (double) dy / img->scale);
      best = MIN(best, distance(&c, want));
    }
  return best;
}

static gsize count_unlike(const Image *img, const GdkRGBA *background)
{
  gsize n = 0;
  int w = cairo_image_surface_get_width(img->surface);
  int h = cairo_image_surface_get_height(img->surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      GdkRGBA c = device_pixel(img, x, y);
      n += distance(&c, background) > 24;
    }
  return n;
}

/* Pixels unlike the background in the rectangle (x, y, w, h) of widget coordinates. */
static gsize count_unlike_in(const Image *img, double x, double y, int w, int h,
                             const GdkRGBA *background)
{
  gsize n = 0;
  for (int dy = 0; dy < h; dy++)
    for (int dx = 0; dx < w; dx++) {
      GdkRGBA c = pixel(img, x + dx, y + dy);
      n += distance(&c, background) > 24;
    }
  return n;
}

static GdkRGBA series_color(GtkWidget *plot, guint index)
{
  GdkRGBA c;
  eiaf_plot_get_series_color(EIAF_PLOT(plot), index, &c);
  return c;
}

/* ---- line plot ---- */

static void test_line_plot_draws_series(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  float x[11], y[11];
  for (int i = 0; i <= 10; i++)
    x[i] = (float) i, y[i] = 5;
  y[5] = NAN; /* a gap between x = 4 and x = 6 */
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 0, "flat", x, y, 11);
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(plot), 0, 10);
  Image img = render(plot, 400, 300, 1);
  GdkRGBA blue = series_color(plot, 0);
  double px, py;

  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 2, 5, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, py, 1, &blue), <, 30);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 5, 5, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, py, 2, &blue), >, 100);
  /* Nothing of the line above or below it. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 2, 7, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, py, 1, &blue), >, 100);

  guint series = 99;
  gsize index = 99;
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 3, 5, &px, &py));
  g_assert_true(eiaf_line_plot_pick(EIAF_LINE_PLOT(plot), px + 2, py - 3, 10, &series, &index));
  g_assert_cmpuint(series, ==, 0);
  g_assert_cmpuint(index, ==, 3);
  g_assert_false(eiaf_line_plot_pick(EIAF_LINE_PLOT(plot), px, py - 100, 10, NULL, NULL));
  image_free(&img);

  /* The pointer near x = 8: a read-out box appears beside the point, where there was paper. */
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(plot));
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 8, 5, &px, &py));
  img = render(plot, 400, 300, 1);
  gsize before = count_unlike_in(&img, px - 80, py - 40, 80, 40, &colors->paper);
  image_free(&img);
  sample_pointer_motion(plot, px + 3, py + 4);
  img = render(plot, 400, 300, 1);
  gsize after = count_unlike_in(&img, px - 80, py - 40, 80, 40, &colors->paper);
  g_assert_cmpuint(after, >, before + 200);
  /* The point itself is marked: a bigger dot in the series colour. */
  g_assert_cmpfloat(nearest_match(&img, px, py - 3.5, 0, &blue), <, 20);
  image_free(&img);
  drop(plot);
}

/* One epoch so far: each series is one point, drawn as a dot (a ring when dashed) where it lies,
 * not an empty plot. */
static void test_line_plot_lone_point(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  float x = 1, y = 0.6f, y_val = 0.3f;
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 0, "training", &x, &y, 1);
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 1, "validation", &x, &y_val, 1);
  eiaf_line_plot_set_series_style(EIAF_LINE_PLOT(plot), 1, 1, TRUE);
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(plot), 0, 1);
  Image img = render(plot, 400, 300, 1);
  GdkRGBA first = series_color(plot, 0), second = series_color(plot, 1);
  double px, py;
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), x, y, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, py, 0, &first), <, 20);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), x, y_val, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, py, 5, &second), <, 20);
  image_free(&img);
  drop(plot);
}

/* Appending point by point (each frame drawing only the new piece, or everything when the
 * axes grow) ends in the same picture as setting the whole series at once. */
static void test_line_plot_append_matches_set(void)
{
  GtkWidget *live = adopt(eiaf_line_plot_new()), *once = adopt(eiaf_line_plot_new());
  enum { N = 120 };
  float x[N], y[N];
  for (int i = 0; i < N; i++) {
    x[i] = (float) i;
    y[i] = (float) (2 * exp(-i / 30.0) + 0.1 * sin(i));
  }
  for (int i = 0; i < N; i++) {
    eiaf_line_plot_append(EIAF_LINE_PLOT(live), 0, x[i], y[i]);
    eiaf_line_plot_append(EIAF_LINE_PLOT(live), 1, x[i], y[i] + 0.5f);
    Image frame = render(live, 360, 240, 1);
    image_free(&frame);
  }
  g_assert_cmpuint(eiaf_line_plot_get_series_length(EIAF_LINE_PLOT(live), 0), ==, N);
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(once), 0, NULL, x, y, N);
  for (int i = 0; i < N; i++)
    y[i] += 0.5f;
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(once), 1, NULL, x, y, N);

  Image a = render(live, 360, 240, 1), b = render(once, 360, 240, 1);
  gsize differ = 0;
  for (int py = 0; py < 240; py++)
    for (int px = 0; px < 360; px++) {
      GdkRGBA ca = device_pixel(&a, px, py), cb = device_pixel(&b, px, py);
      differ += distance(&ca, &cb) > 80;
    }
  /* Joins between appended pieces may antialias a pixel differently, nothing more. */
  g_assert_cmpuint(differ, <, 360 * 240 / 200);
  g_assert_cmpuint(count_unlike(&a, &eiaf_plot_get_colors(EIAF_PLOT(live))->paper), >, 1000);
  image_free(&a);
  image_free(&b);
  drop(live);
  drop(once);
}

/* A dense zig-zag (many points per pixel column) still covers exactly the band it swings
 * over, at both scales: drawn as column boxes rather than stroked segment by segment. */
static void test_line_plot_dense_noise(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  enum { N = 20000 };
  g_autofree float *x = g_new(float, N), *y = g_new(float, N);
  for (int i = 0; i < N; i++)
    x[i] = 10.0f * i / (N - 1), y[i] = i % 2 ? 8.0f : 2.0f;
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 0, NULL, x, y, N);
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(plot), 0, 10);
  GdkRGBA blue = series_color(plot, 0);
  for (int scale = 1; scale <= 2; scale++) {
    Image img = render(plot, 400, 300, scale);
    double px, py;
    for (double v = 2.5; v <= 7.5; v += 1) {
      g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 5, v, &px, &py));
      GdkRGBA c = pixel(&img, px, py);
      g_assert_cmpfloat(distance(&c, &blue), <, 4);
    }
    g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 5, 9, &px, &py));
    GdkRGBA above = pixel(&img, px, py);
    g_assert_cmpfloat(distance(&above, &blue), >, 100);
    image_free(&img);
  }
  drop(plot);
}

/* Grid lines land on whole device pixels at scale 1 and 2: sharp, not smeared over two. */
static void test_line_plot_sharp_at_any_scale(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  float y[] = {1, 2, 3};
  eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 0, NULL, NULL, y, 3);
  eiaf_line_plot_set_x_range(EIAF_LINE_PLOT(plot), 0, 1);
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(plot), 0, 10);
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(plot));
  for (int scale = 1; scale <= 2; scale++) {
    Image img = render(plot, 300, 200, scale);
    g_assert_cmpint(cairo_image_surface_get_width(img.surface), ==, 300 * scale);
    double px, py;
    /* The top edge (y = 10) is a grid line; x = 0.75 stays clear of the series. */
    g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 0.75, 10, &px, &py));
    /* A one-unit line covers exactly `scale` whole device rows, the rest is clean paper. */
    int first = -1, rows = 0;
    for (int dy = (int) (py * scale) - 4; dy <= (int) (py * scale) + 4; dy++) {
      GdkRGBA c = device_pixel(&img, (int) (px * scale), dy);
      if (distance(&c, &colors->grid) < 3) {
        if (first < 0)
          first = dy;
        g_assert_cmpint(dy, ==, first + rows); /* contiguous */
        rows++;
      } else {
        g_assert_cmpfloat(distance(&c, &colors->paper), <, 3);
      }
    }
    g_assert_cmpint(rows, ==, scale);
    image_free(&img);
  }
  drop(plot);
}

/* ---- region map ---- */

static void test_region_map_points_and_field(void)
{
  GtkWidget *map = adopt(eiaf_region_map_new());
  enum { H = 20 };
  float probs[H * H];
  for (int i = 0; i < H * H; i++)
    probs[i] = 0.02f; /* p(class 1) small everywhere: a confident class 0 */
  eiaf_region_map_set_field(EIAF_REGION_MAP(map), probs, H, H, 1, 0, 1, 0, 1);
  float x[] = {0.5f}, y[] = {0.5f};
  int labels[] = {1};
  eiaf_region_map_set_points(EIAF_REGION_MAP(map), x, y, labels, 1);
  Image img = render(map, 400, 400, 1);
  GdkRGBA orange = series_color(map, 1), blue = series_color(map, 0);
  double px, py;

  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), 0.5, 0.5, &px, &py));
  GdkRGBA centre = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&centre, &orange), <, 12);
  /* The field away from the point: class 0's colour mixed into the paper. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), 0.2, 0.8, &px, &py));
  GdkRGBA field = pixel(&img, px, py);
  const GdkRGBA *paper = &eiaf_plot_get_colors(EIAF_PLOT(map))->paper;
  g_assert_cmpfloat(distance(&field, paper), >, 20);
  g_assert_cmpfloat(distance(&field, &blue), <, distance(&field, &orange));
  image_free(&img);

  /* Moving the points moves them, over the same cached field. */
  x[0] = 0.25f;
  eiaf_region_map_set_points(EIAF_REGION_MAP(map), x, y, labels, 1);
  img = render(map, 400, 400, 1);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), 0.25, 0.5, &px, &py));
  centre = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&centre, &orange), <, 12);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), 0.5, 0.5, &px, &py));
  GdkRGBA old = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&old, &field), <, 6);
  image_free(&img);
  drop(map);
}

/* ---- image grid ---- */

static void on_tile_activated_cb(EiafImageGrid *grid, guint index, int *seen)
{
  *seen = (int) index;
}

static void test_image_grid_sign_colours(void)
{
  GtkWidget *grid = adopt(eiaf_image_grid_new());
  enum { S = 8 };
  float data[2 * S * S];
  for (int t = 0; t < 2; t++)
    for (int i = 0; i < S; i++)
      for (int j = 0; j < S; j++) /* positive on the left, negative on the right */
        data[(t * S + i) * S + j] = (j < S / 2 ? 1.0f : -1.0f) * (t + 1);
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(grid), data, 2, S, S);
  Image img = render(grid, 400, 240, 2);
  graphene_rect_t r;
  g_assert_true(eiaf_image_grid_get_tile_area(EIAF_IMAGE_GRID(grid), 1, &r));
  GdkRGBA pos = pixel(&img, r.origin.x + r.size.width * 0.25, r.origin.y + r.size.height / 2);
  GdkRGBA neg = pixel(&img, r.origin.x + r.size.width * 0.75, r.origin.y + r.size.height / 2);
  /* Positive weights orange (red over blue), negative ones blue. */
  g_assert_cmpfloat(pos.red, >, pos.blue + 0.3);
  g_assert_cmpfloat(neg.blue, >, neg.red + 0.3);
  /* Shared scale: tile 0 (values ±1) is paler than tile 1 (values ±2). */
  graphene_rect_t r0;
  eiaf_image_grid_get_tile_area(EIAF_IMAGE_GRID(grid), 0, &r0);
  GdkRGBA pale = pixel(&img, r0.origin.x + r0.size.width * 0.25, r0.origin.y + 2);
  g_assert_cmpfloat(pale.blue, >, pos.blue + 0.1);
  g_assert_cmpint(eiaf_image_grid_tile_at(EIAF_IMAGE_GRID(grid), r.origin.x + 1, r.origin.y + 1),
                  ==, 1);
  g_assert_cmpint(eiaf_image_grid_tile_at(EIAF_IMAGE_GRID(grid), 1, 1), ==, -1);
  image_free(&img);

  /* Enter on the focused tile (after a move to the right) opens tile 1. */
  int seen = -1;
  g_signal_connect(grid, "tile-activated", G_CALLBACK(on_tile_activated_cb), &seen);
  g_assert_true(gtk_widget_activate_action(grid, "grid.move-focus", "(ii)", 1, 0));
  g_assert_cmpint(eiaf_image_grid_get_focus_tile(EIAF_IMAGE_GRID(grid)), ==, 1);
  g_assert_true(gtk_widget_activate_action(grid, "grid.show-focused", NULL));
  g_assert_cmpint(seen, ==, 1);
  GtkWidget *popover = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child(grid); c; c = gtk_widget_get_next_sibling(c))
    if (GTK_IS_POPOVER(c))
      popover = c;
  g_assert_nonnull(popover);
  g_assert_true(gtk_widget_get_visible(popover));
  settle();
  gtk_popover_popdown(GTK_POPOVER(popover));
  settle();
  drop(grid);
}

/* ---- function plot ---- */

static void on_marker_moved_cb(EiafFunctionPlot *plot, double x, double *seen)
{
  *seen = x;
}

static void test_function_plot_marker_and_balls(void)
{
  GtkWidget *plot = adopt(eiaf_function_plot_new());
  enum { N = 201 };
  float x[N], y[N];
  for (int i = 0; i < N; i++)
    x[i] = (float) (-5 + 10.0 * i / (N - 1)), y[i] = x[i] * x[i];
  eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), 0, "x²", x, y, N);
  g_assert_cmpfloat_with_epsilon(eiaf_function_plot_curve_value(EIAF_FUNCTION_PLOT(plot), 0, 1.5),
                                 2.25, 0.01);
  g_assert_true(isnan(eiaf_function_plot_curve_value(EIAF_FUNCTION_PLOT(plot), 0, 7)));
  eiaf_function_plot_set_show_marker(EIAF_FUNCTION_PLOT(plot), TRUE);
  double seen = NAN;
  g_signal_connect(plot, "marker-moved", G_CALLBACK(on_marker_moved_cb), &seen);
  eiaf_function_plot_set_marker(EIAF_FUNCTION_PLOT(plot), -2.0);
  g_assert_cmpfloat(seen, ==, -2.0);
  eiaf_function_plot_set_ball(EIAF_FUNCTION_PLOT(plot), 0, 0, 3.0, 2, "ball");

  Image img = render(plot, 480, 320, 1);
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(plot));
  double px, py, top;
  /* The marker: a line in the text colour at x = −2, from the top of the plot down. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), -2, 2, &px, &py));
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), -2, 22, NULL, &top));
  g_assert_cmpfloat(nearest_match(&img, px, (py + top) / 2, 1, &colors->fg), <, 30);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), -1, 2, &px, &py));
  g_assert_cmpfloat(nearest_match(&img, px, (py + top) / 2, 1, &colors->fg), >, 60);
  /* The ball sits on the curve at x = 3 (its centre one radius above the point). */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 3, 9, &px, &py));
  GdkRGBA ball = pixel(&img, px, py - 7), green = series_color(plot, 2);
  g_assert_cmpfloat(distance(&ball, &green), <, 12);
  image_free(&img);

  /* Right arrow: one hundredth of the range to the right; Home: the left end. */
  g_assert_true(gtk_widget_activate_action(plot, "marker.step", "d", 1.0));
  g_assert_cmpfloat_with_epsilon(seen, -1.9, 1e-9);
  g_assert_true(gtk_widget_activate_action(plot, "marker.step", "d", -1e9));
  g_assert_cmpfloat(eiaf_function_plot_get_marker(EIAF_FUNCTION_PLOT(plot)), ==, -5.0);
  drop(plot);
}

/* Points widen the automatic range, and sit where their data say: filled in their colour,
 * hollow ones with paper at their centre. */
static void test_function_plot_points(void)
{
  GtkWidget *plot = adopt(eiaf_function_plot_new());
  float x[2] = {-1, 1}, y[2] = {0, 1};
  eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), 0, "fit", x, y, 2);
  float px_data[2] = {-0.5f, 0.3f}, py_data[2] = {3.0f, -1.7f};
  eiaf_function_plot_set_points(EIAF_FUNCTION_PLOT(plot), 0, "samples", px_data, py_data, 1, 1,
                                FALSE);
  eiaf_function_plot_set_points(EIAF_FUNCTION_PLOT(plot), 1, NULL, px_data + 1, py_data + 1, 1,
                                2, TRUE);
  Image img = render(plot, 480, 320, 1);
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(plot));
  double px, py;
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), -0.5, 3.0, &px, &py));
  g_assert_true(py >= 0 && py < 320); /* inside: the y range grew to 3 */
  GdkRGBA dot = pixel(&img, px, py), orange = series_color(plot, 1);
  g_assert_cmpfloat(distance(&dot, &orange), <, 12);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 0.3, -1.7, &px, &py));
  GdkRGBA centre = pixel(&img, px, py), green = series_color(plot, 2);
  g_assert_cmpfloat(distance(&centre, &colors->paper), <, 12);
  g_assert_cmpfloat(nearest_match(&img, px, py, 5, &green), <, 12);
  image_free(&img);

  /* n = 0 removes a set: the range shrinks back. */
  eiaf_function_plot_set_points(EIAF_FUNCTION_PLOT(plot), 0, NULL, NULL, NULL, 0, 1, FALSE);
  img = render(plot, 480, 320, 1);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), -0.5, 3.0, &px, &py));
  g_assert_true(py < 0);
  image_free(&img);
  drop(plot);
}

/* ---- contour map ---- */

static void test_contour_map_path(void)
{
  GtkWidget *map = adopt(eiaf_contour_map_new());
  sample_contour_map(EIAF_CONTOUR_MAP(map), 100, 1000);
  g_assert_cmpuint(eiaf_contour_map_get_path_length(EIAF_CONTOUR_MAP(map)), ==, 1000);
  float sx[] = {-6, 0, 5}, sy[] = {6, 0, -1};
  eiaf_contour_map_set_path(EIAF_CONTOUR_MAP(map), sx, sy, 3);
  eiaf_contour_map_append_path(EIAF_CONTOUR_MAP(map), 8, -1.5f);
  Image img = render(map, 500, 400, 1);
  static const GdkRGBA white = {1, 1, 1, 1};
  double px, py;
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), -6, 6, &px, &py));
  GdkRGBA start = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&start, &white), <, 10);
  /* The current point (the last appended) in orange. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), 8, -1.5, &px, &py));
  GdkRGBA now = pixel(&img, px, py), orange;
  eiaf_palette_color(1, FALSE, &orange);
  g_assert_cmpfloat(distance(&now, &orange), <, 12);
  /* Away from the path: a colour of the map, not paper. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(map), -12, -10, &px, &py));
  GdkRGBA field = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&field, &eiaf_plot_get_colors(EIAF_PLOT(map))->paper), >, 40);
  image_free(&img);
  drop(map);
}

/* ---- histogram ---- */

static void test_histogram_bars(void)
{
  GtkWidget *hist = adopt(eiaf_histogram_new());
  float counts[] = {0, 10, 40, 10, 0};
  eiaf_histogram_set_distribution(EIAF_HISTOGRAM(hist), 0, "one", counts, 5, 0, 5);
  Image img = render(hist, 400, 300, 1);
  GdkRGBA blue = series_color(hist, 0);
  double px, py;
  /* Inside the tall middle bar: the fill (the colour over paper), outside it: not. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(hist), 2.5, 20, &px, &py));
  GdkRGBA inside = pixel(&img, px, py);
  g_assert_cmpfloat(inside.blue, >, inside.red + 0.2);
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(hist), 0.5, 20, &px, &py));
  GdkRGBA outside = pixel(&img, px, py);
  g_assert_cmpfloat(distance(&outside, &blue), >, distance(&inside, &blue) + 40);
  image_free(&img);

  eiaf_histogram_set_distribution(EIAF_HISTOGRAM(hist), 1, "two", counts, 5, -5, 5);
  eiaf_histogram_set_small_multiples(EIAF_HISTOGRAM(hist), TRUE);
  img = render(hist, 500, 240, 1);
  g_assert_cmpuint(count_unlike(&img, &eiaf_plot_get_colors(EIAF_PLOT(hist))->paper), >, 2000);
  image_free(&img);
  drop(hist);
}

/* One colour for every distribution (a variant's panels in the colour of its curves). */
static void test_histogram_color(void)
{
  GtkWidget *hist = adopt(eiaf_histogram_new());
  g_assert_cmpint(eiaf_histogram_get_color(EIAF_HISTOGRAM(hist)), ==, -1);
  float counts[] = {0, 10, 40, 10, 0};
  eiaf_histogram_set_distribution(EIAF_HISTOGRAM(hist), 0, "one", counts, 5, 0, 5);
  g_object_set(hist, "color", 2, NULL);
  g_assert_cmpint(eiaf_histogram_get_color(EIAF_HISTOGRAM(hist)), ==, 2);
  Image img = render(hist, 400, 300, 1);
  double px, py;
  /* Inside the tall middle bar: the fill, green over paper, not blue. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(hist), 2.5, 20, &px, &py));
  GdkRGBA inside = pixel(&img, px, py);
  g_test_message("fill %.2f %.2f %.2f", inside.red, inside.green, inside.blue);
  g_assert_cmpfloat(inside.green, >, inside.red + 0.1);
  g_assert_cmpfloat(inside.green, >, inside.blue + 0.03);
  image_free(&img);
  drop(hist);
}

/* ---- probability bars ---- */

static void test_probability_bars_heights(void)
{
  GtkWidget *bars = adopt(eiaf_probability_bars_new());
  float probs[] = {0.1f, 0.7f, 0.2f};
  static const char *const labels[] = {"cat", "dog", "fox", NULL};
  eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(bars), probs, 3);
  eiaf_probability_bars_set_labels(EIAF_PROBABILITY_BARS(bars), labels);
  g_assert_cmpint(eiaf_probability_bars_get_winner(EIAF_PROBABILITY_BARS(bars)), ==, 1);
  /* A variable: the macro pastes its argument into a format string, where % would bite. */
  const char *expected = "Most likely: dog (70%)";
  gtk_test_accessible_assert_property(bars, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  Image img = render(bars, 360, 200, 2);
  graphene_rect_t full, bar, low;
  g_assert_true(eiaf_probability_bars_get_scale_area(EIAF_PROBABILITY_BARS(bars), &full));
  g_assert_true(eiaf_probability_bars_get_bar_area(EIAF_PROBABILITY_BARS(bars), 1, &bar));
  g_assert_cmpfloat(fabs(bar.size.height - 0.7 * full.size.height), <, 1.0);
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(bars));
  double cx = bar.origin.x + bar.size.width / 2;
  /* The painted bar really is that tall: accent just inside its top, paper just above. */
  GdkRGBA in = pixel(&img, cx, bar.origin.y + 1), above = pixel(&img, cx, bar.origin.y - 1);
  g_assert_cmpfloat(distance(&in, &colors->accent), <, 6);
  g_assert_cmpfloat(distance(&above, &colors->accent), >, 60);
  /* A loser is not in the accent colour. */
  g_assert_true(eiaf_probability_bars_get_bar_area(EIAF_PROBABILITY_BARS(bars), 2, &low));
  GdkRGBA other = pixel(&img, low.origin.x + low.size.width / 2, low.origin.y + 2);
  g_assert_cmpfloat(distance(&other, &colors->accent), >, 60);
  image_free(&img);
  drop(bars);
}

/* Names wider than a bar's slot (Fashion-MNIST's clothes) are slanted: the bars move up and
 * right to make room for them, and ink appears where the slanted names run, under the bars'
 * left end; digits stay level. */
static void test_probability_bars_long_labels(void)
{
  GtkWidget *bars = adopt(eiaf_probability_bars_new());
  float probs[10] = {0.05f, 0.05f, 0.05f, 0.55f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f};
  static const char *const clothes[] = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                        "Coat",        "Sandal",  "Shirt",    "Sneaker",
                                        "Bag",         "Ankle boot", NULL};
  eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(bars), probs, 10);
  graphene_rect_t level, slanted;
  Image img = render(bars, 280, 220, 1);
  image_free(&img);
  g_assert_true(eiaf_probability_bars_get_scale_area(EIAF_PROBABILITY_BARS(bars), &level));
  eiaf_probability_bars_set_labels(EIAF_PROBABILITY_BARS(bars), clothes);
  img = render(bars, 280, 220, 1);
  g_assert_true(eiaf_probability_bars_get_scale_area(EIAF_PROBABILITY_BARS(bars), &slanted));
  double level_base = level.origin.y + level.size.height;
  double slanted_base = slanted.origin.y + slanted.size.height;
  g_assert_cmpfloat(slanted_base, <, level_base - 20);
  g_assert_cmpfloat(slanted.origin.x, >, level.origin.x + 10);
  /* "T-shirt/top" runs down and left from under the first bar. */
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(bars));
  gsize ink = 0;
  for (int y = (int) slanted_base + 4; y < 220; y++)
    for (int x = 0; x < (int) slanted.origin.x; x++) {
      GdkRGBA c = pixel(&img, x, y);
      ink += distance(&c, &colors->paper) > 60;
    }
  g_assert_cmpuint(ink, >, 20);
  image_free(&img);
  drop(bars);
}

/* ---- every widget: empty, hostile data, accessibility ---- */

typedef GtkWidget *(*MakeFunc)(void);

static GtkWidget *make_line(void)
{
  return eiaf_line_plot_new();
}
static GtkWidget *make_region(void)
{
  return eiaf_region_map_new();
}
static GtkWidget *make_grid(void)
{
  return eiaf_image_grid_new();
}
static GtkWidget *make_function(void)
{
  return eiaf_function_plot_new();
}
static GtkWidget *make_contour(void)
{
  return eiaf_contour_map_new();
}
static GtkWidget *make_histogram(void)
{
  return eiaf_histogram_new();
}
static GtkWidget *make_bars(void)
{
  return eiaf_probability_bars_new();
}

static const MakeFunc makers[] = {make_line,    make_region,    make_grid, make_function,
                                  make_contour, make_histogram, make_bars};

static void assert_not_blank(GtkWidget *plot, int width, int height)
{
  for (int scale = 1; scale <= 2; scale++) {
    Image img = render(plot, width, height, scale);
    gsize marked = count_unlike(&img, &eiaf_plot_get_colors(EIAF_PLOT(plot))->paper);
    g_assert_cmpuint(marked, >, 60 * (gsize) scale);
    image_free(&img);
  }
}

static void test_no_data_is_not_blank(void)
{
  for (guint i = 0; i < G_N_ELEMENTS(makers); i++) {
    GtkWidget *plot = adopt(makers[i]());
    assert_not_blank(plot, 300, 200);
    /* Also tiny and degenerate sizes draw without complaint. */
    Image img = render(plot, 3, 2, 1);
    image_free(&img);
    drop(plot);
  }
}

static void fill_hostile(GtkWidget *plot, float *v, gsize n)
{
  float x[64];
  int labels[64];
  for (gsize i = 0; i < 64; i++)
    x[i] = (float) i, labels[i] = (int) i - 3;
  if (EIAF_IS_LINE_PLOT(plot)) {
    eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 0, "v", x, v, 64);
    eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), 3, NULL, v, x, 64);
    eiaf_line_plot_set_log_y(EIAF_LINE_PLOT(plot), TRUE);
    eiaf_line_plot_append(EIAF_LINE_PLOT(plot), 0, NAN, INFINITY);
  } else if (EIAF_IS_REGION_MAP(plot)) {
    eiaf_region_map_set_field(EIAF_REGION_MAP(plot), v, 8, 8, 1, 0, 1, 0, 1);
    eiaf_region_map_set_points(EIAF_REGION_MAP(plot), v, x, labels, 64);
    eiaf_region_map_set_boundary_grid(EIAF_REGION_MAP(plot), v, 8, 8, 0, 1, 0, 1);
  } else if (EIAF_IS_IMAGE_GRID(plot)) {
    eiaf_image_grid_set_images(EIAF_IMAGE_GRID(plot), v, 4, 4, 4);
    eiaf_image_grid_set_shared_scale(EIAF_IMAGE_GRID(plot), FALSE);
  } else if (EIAF_IS_FUNCTION_PLOT(plot)) {
    eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), 0, "v", x, v, 64);
    eiaf_function_plot_set_show_marker(EIAF_FUNCTION_PLOT(plot), TRUE);
    eiaf_function_plot_set_ball(EIAF_FUNCTION_PLOT(plot), 0, 0, 5, 1, "b");
    eiaf_function_plot_set_ball(EIAF_FUNCTION_PLOT(plot), 1, 7, 5, 1, "no such curve");
  } else if (EIAF_IS_CONTOUR_MAP(plot)) {
    eiaf_contour_map_set_field(EIAF_CONTOUR_MAP(plot), v, 8, 8, -1, 1, -1, 1);
    eiaf_contour_map_set_log_levels(EIAF_CONTOUR_MAP(plot), TRUE);
    eiaf_contour_map_set_path(EIAF_CONTOUR_MAP(plot), v, v + 1, 63);
  } else if (EIAF_IS_HISTOGRAM(plot)) {
    eiaf_histogram_set_distribution(EIAF_HISTOGRAM(plot), 0, "v", v, 64, -1, 1);
    eiaf_histogram_set_distribution(EIAF_HISTOGRAM(plot), 2, "w", v, 64, 0, 1e30);
  } else if (EIAF_IS_PROBABILITY_BARS(plot)) {
    eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(plot), v, 10);
  }
  (void) n;
}

/* NaN, ±Inf, huge and constant values: no crash, no empty white box. */
static void test_hostile_data(void)
{
  float nan_mix[64], huge[64], constant[64], all_nan[64];
  for (int i = 0; i < 64; i++) {
    nan_mix[i] = i % 5 == 0 ? NAN : i % 7 == 0 ? INFINITY : i % 11 == 0 ? -INFINITY : i * 0.1f;
    huge[i] = (i % 2 ? 1 : -1) * 3e38f;
    constant[i] = 0.5f;
    all_nan[i] = NAN;
  }
  float *sets[] = {nan_mix, huge, constant, all_nan};
  for (guint i = 0; i < G_N_ELEMENTS(makers); i++) {
    for (guint s = 0; s < G_N_ELEMENTS(sets); s++) {
      GtkWidget *plot = adopt(makers[i]());
      fill_hostile(plot, sets[s], 64);
      assert_not_blank(plot, 320, 220);
      drop(plot);
    }
  }
}

static void test_accessible_role_and_label(void)
{
  for (guint i = 0; i < G_N_ELEMENTS(makers); i++) {
    GtkWidget *plot = adopt(makers[i]());
    gtk_test_accessible_assert_role(plot, GTK_ACCESSIBLE_ROLE_IMG);
    eiaf_plot_set_title(EIAF_PLOT(plot), "Loss per epoch");
    gtk_test_accessible_assert_property(plot, GTK_ACCESSIBLE_PROPERTY_LABEL, "Loss per epoch");
    g_object_set(plot, "title", "Something else", NULL);
    gtk_test_accessible_assert_property(plot, GTK_ACCESSIBLE_PROPERTY_LABEL, "Something else");
    drop(plot);
  }
}

/* Every widget, filled, drawn, its menu opened and closed, is finalized when let go: no
 * reference cycles through controllers, popovers or signal handlers. */
static void test_widgets_finalize(void)
{
  for (guint i = 0; i < G_N_ELEMENTS(makers); i++) {
    GtkWidget *plot = g_object_ref(adopt(makers[i]()));
    float v[64];
    for (int k = 0; k < 64; k++)
      v[k] = (float) sin(k);
    fill_hostile(plot, v, 64);
    Image img = render(plot, 300, 200, 1);
    image_free(&img);
    gtk_test_widget_wait_for_draw(plot);
    g_assert_true(gtk_widget_activate_action(plot, "plot.menu", NULL));
    settle();
    for (GtkWidget *c = gtk_widget_get_first_child(plot); c; c = gtk_widget_get_next_sibling(c))
      if (GTK_IS_POPOVER(c))
        gtk_popover_popdown(GTK_POPOVER(c));
    settle();
    /* The menu gives the focus back to the picture on closing. GTK 4.8's window keeps a
     * reference to its focus widget after that is removed, so the focus goes elsewhere first,
     * as it would when the user moves on. */
    g_assert_true(gtk_widget_has_focus(plot));
    gtk_window_set_focus(GTK_WINDOW(window), NULL);
    drop(plot);
    settle();
    g_assert_finalize_object(plot);
  }
}

/* ---- themes ---- */

static void test_dark_theme_changes_colours(void)
{
  GtkWidget *plot = adopt(eiaf_probability_bars_new());
  sample_probability_bars(EIAF_PROBABILITY_BARS(plot));
  settle();
  EiafPlotColors light = *eiaf_plot_get_colors(EIAF_PLOT(plot));
  guint serial = eiaf_plot_get_style_serial(EIAF_PLOT(plot));
  Image a = render(plot, 200, 120, 1);

  g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", TRUE, NULL);
  g_assert_true(wait_for_theme(plot, TRUE));
  const EiafPlotColors *dark = eiaf_plot_get_colors(EIAF_PLOT(plot));
  g_assert_false(light.dark);
  g_assert_cmpfloat(distance(&light.fg, &dark->fg), >, 100);
  g_assert_cmpfloat(distance(&light.paper, &dark->paper), >, 100);
  g_assert_cmpuint(eiaf_plot_get_style_serial(EIAF_PLOT(plot)), !=, serial);
  Image b = render(plot, 200, 120, 1);
  GdkRGBA pa = device_pixel(&a, 2, 2), pb = device_pixel(&b, 2, 2);
  g_assert_cmpfloat(distance(&pa, &light.paper), <, 2);
  g_assert_cmpfloat(distance(&pb, &dark->paper), <, 2);
  /* Series colours are lifted on dark paper. */
  GdkRGBA blue_dark = series_color(plot, 0), blue_light;
  eiaf_palette_color(0, FALSE, &blue_light);
  g_assert_cmpfloat(distance(&blue_dark, &blue_light), >, 20);

  g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", FALSE, NULL);
  g_assert_true(wait_for_theme(plot, FALSE));
  image_free(&a);
  image_free(&b);
  drop(plot);
}

/* A bigger interface font reaches the picture (and its caches, through the serial). */
static void test_font_change_redraws(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  sample_line_plot(EIAF_LINE_PLOT(plot), 100, FALSE);
  settle();
  guint serial = eiaf_plot_get_style_serial(EIAF_PLOT(plot));
  Image before = render(plot, 400, 300, 1);
  double x0, y0, x1, y1;
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 0, 0, &x0, &y0));
  g_autofree char *old_font = NULL;
  g_object_get(gtk_settings_get_default(), "gtk-font-name", &old_font, NULL);
  g_object_set(gtk_settings_get_default(), "gtk-font-name", "Sans 20", NULL);
  gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
  while (eiaf_plot_get_style_serial(EIAF_PLOT(plot)) == serial && g_get_monotonic_time() < end) {
    while (g_main_context_iteration(NULL, FALSE))
      ;
    g_usleep(5000);
  }
  g_assert_cmpuint(eiaf_plot_get_style_serial(EIAF_PLOT(plot)), !=, serial);
  Image after = render(plot, 400, 300, 1);
  /* Bigger labels leave less room: the plot's corner moves right and up. */
  g_assert_true(eiaf_plot_data_to_widget(EIAF_PLOT(plot), 0, 0, &x1, &y1));
  g_assert_cmpfloat(x1, >, x0 + 4);
  g_assert_cmpfloat(y1, <, y0 - 4);
  g_object_set(gtk_settings_get_default(), "gtk-font-name", old_font, NULL);
  settle();
  image_free(&before);
  image_free(&after);
  drop(plot);
}

/* ---- the real GTK path, export, menu ---- */

static void test_gtk_rendering_path(void)
{
  GtkWidget *bars = adopt(eiaf_probability_bars_new());
  float probs[] = {0.05f, 0.9f, 0.05f};
  eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(bars), probs, 3);
  gtk_widget_set_size_request(bars, 300, 160);
  gtk_test_widget_wait_for_draw(bars);
  settle();
  int w = gtk_widget_get_width(bars), h = gtk_widget_get_height(bars);
  g_assert_cmpint(w, >=, 300);

  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new(bars);
  GtkSnapshot *snapshot = gtk_snapshot_new();
  gdk_paintable_snapshot(paintable, snapshot, w, h);
  g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node(snapshot);
  g_assert_nonnull(node);
  GskRenderer *renderer = gtk_native_get_renderer(gtk_widget_get_native(bars));
  g_autoptr(GdkTexture) texture =
      gsk_renderer_render_texture(renderer, node, &GRAPHENE_RECT_INIT(0, 0, w, h));
  g_assert_cmpint(gdk_texture_get_width(texture), ==, w);

  Image img = {cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h), 1};
  cairo_surface_flush(img.surface);
  gdk_texture_download(texture, cairo_image_surface_get_data(img.surface),
                       cairo_image_surface_get_stride(img.surface));
  cairo_surface_mark_dirty(img.surface);
  graphene_rect_t bar;
  g_assert_true(eiaf_probability_bars_get_bar_area(EIAF_PROBABILITY_BARS(bars), 1, &bar));
  GdkRGBA c = pixel(&img, bar.origin.x + bar.size.width / 2, bar.origin.y + bar.size.height / 2);
  g_assert_cmpfloat(distance(&c, &eiaf_plot_get_colors(EIAF_PLOT(bars))->accent), <, 6);
  g_autofree char *png = g_build_filename(g_get_tmp_dir(), "eiaf-test-gtk-path.png", NULL);
  g_assert_true(gdk_texture_save_to_png(texture, png));
  g_unlink(png);
  image_free(&img);
  drop(bars);
}

static void test_save_png(void)
{
  GtkWidget *plot = adopt(eiaf_line_plot_new());
  sample_line_plot(EIAF_LINE_PLOT(plot), 200, FALSE);
  g_autofree char *dir = g_dir_make_tmp("eiaf-widgets-XXXXXX", NULL);
  g_assert_nonnull(dir);
  g_autofree char *path = g_build_filename(dir, "loss.png", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true(eiaf_plot_save_png(EIAF_PLOT(plot), path, 320, 200, 2, &error));
  g_assert_no_error(error);
  cairo_surface_t *back = cairo_image_surface_create_from_png(path);
  g_assert_cmpint(cairo_surface_status(back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint(cairo_image_surface_get_width(back), ==, 640);
  g_assert_cmpint(cairo_image_surface_get_height(back), ==, 400);
  cairo_surface_destroy(back);
  /* Written through a temporary file renamed into place: nothing else is left behind. */
  g_autoptr(GDir) listing = g_dir_open(dir, 0, NULL);
  int files = 0;
  while (g_dir_read_name(listing))
    files++;
  g_assert_cmpint(files, ==, 1);
  g_assert_false(eiaf_plot_save_png(EIAF_PLOT(plot), path, 0, 200, 1, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error(&error);
  g_autofree char *nowhere = g_build_filename(dir, "no", "such", "dir.png", NULL);
  g_assert_false(eiaf_plot_save_png(EIAF_PLOT(plot), nowhere, 100, 100, 1, &error));
  g_assert_nonnull(error);
  g_unlink(path);
  g_rmdir(dir);
  drop(plot);
}

static void test_context_menu(void)
{
  GtkWidget *plot = adopt(eiaf_histogram_new());
  g_assert_true(gtk_widget_activate_action(plot, "plot.menu", NULL));
  settle();
  GtkWidget *menu = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child(plot); c; c = gtk_widget_get_next_sibling(c))
    if (GTK_IS_POPOVER_MENU(c))
      menu = c;
  g_assert_nonnull(menu);
  g_assert_true(gtk_widget_get_visible(menu));
  gtk_popover_popdown(GTK_POPOVER(menu));
  settle();
  drop(plot);
}

/* Axes that count epochs tick on whole numbers: 1…2 epochs would otherwise read 1, 1.2, 1.4. */
static void test_ticks_whole(void)
{
  EiafTicks t;
  eiaf_ticks_linear(&t, 1, 2, 6, TRUE);
  g_assert_cmpfloat(t.step, <, 1); /* what a plain axis does */
  eiaf_ticks_whole(&t);
  g_assert_cmpint(t.n, ==, 2);
  g_assert_cmpfloat(t.values[0], ==, 1);
  g_assert_cmpfloat(t.values[1], ==, 2);
  g_assert_cmpint(t.frac_digits, ==, 0);
  char label[16];
  eiaf_ticks_format(&t, t.values[1], label, sizeof label);
  g_assert_cmpstr(label, ==, "2");
  /* Coarse ticks are left alone. */
  eiaf_ticks_linear(&t, 0, 30, 4, TRUE);
  double step = t.step;
  int n = t.n;
  eiaf_ticks_whole(&t);
  g_assert_cmpfloat(t.step, ==, step);
  g_assert_cmpint(t.n, ==, n);
  /* One epoch: the range spreads around 1, one tick on it. */
  eiaf_ticks_linear(&t, 1, 1, 6, TRUE);
  eiaf_ticks_whole(&t);
  g_assert_cmpint(t.n, ==, 1);
  g_assert_cmpfloat(t.values[0], ==, 1);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", FALSE, NULL);
  window = gtk_window_new();
  box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child(GTK_WINDOW(window), box);
  gtk_window_set_default_size(GTK_WINDOW(window), 400, 300);
  gtk_window_present(GTK_WINDOW(window));
  settle();

  g_test_add_func("/widgets/ticks/whole", test_ticks_whole);
  g_test_add_func("/widgets/line-plot/draws-series", test_line_plot_draws_series);
  g_test_add_func("/widgets/line-plot/append-matches-set", test_line_plot_append_matches_set);
  g_test_add_func("/widgets/line-plot/lone-point", test_line_plot_lone_point);
  g_test_add_func("/widgets/line-plot/sharp-at-any-scale", test_line_plot_sharp_at_any_scale);
  g_test_add_func("/widgets/line-plot/dense-noise", test_line_plot_dense_noise);
  g_test_add_func("/widgets/region-map/points-and-field", test_region_map_points_and_field);
  g_test_add_func("/widgets/image-grid/sign-colours", test_image_grid_sign_colours);
  g_test_add_func("/widgets/function-plot/marker-and-balls", test_function_plot_marker_and_balls);
  g_test_add_func("/widgets/function-plot/points", test_function_plot_points);
  g_test_add_func("/widgets/contour-map/path", test_contour_map_path);
  g_test_add_func("/widgets/histogram/bars", test_histogram_bars);
  g_test_add_func("/widgets/histogram/color", test_histogram_color);
  g_test_add_func("/widgets/probability-bars/heights", test_probability_bars_heights);
  g_test_add_func("/widgets/probability-bars/long-labels", test_probability_bars_long_labels);
  g_test_add_func("/widgets/all/no-data-is-not-blank", test_no_data_is_not_blank);
  g_test_add_func("/widgets/all/hostile-data", test_hostile_data);
  g_test_add_func("/widgets/all/accessible", test_accessible_role_and_label);
  g_test_add_func("/widgets/all/finalize", test_widgets_finalize);
  g_test_add_func("/widgets/all/dark-theme", test_dark_theme_changes_colours);
  g_test_add_func("/widgets/all/font-change", test_font_change_redraws);
  g_test_add_func("/widgets/all/gtk-rendering-path", test_gtk_rendering_path);
  g_test_add_func("/widgets/all/save-png", test_save_png);
  g_test_add_func("/widgets/all/context-menu", test_context_menu);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
