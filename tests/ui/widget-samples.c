/* Realistic data for the plot widgets (see widget-samples.h). */
#include "widget-samples.h"

#include <math.h>
#include <zlib.h>

double sample_uniform(guint64 *state)
{
  /* SplitMix64: tiny, and the same numbers on every machine. */
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0);
}

double sample_normal(guint64 *state)
{
  double u = MAX(sample_uniform(state), 1e-12), v = sample_uniform(state);
  return sqrt(-2 * log(u)) * cos(2 * G_PI * v);
}

static double sigmoid(double x)
{
  return 1 / (1 + exp(-x));
}

/* ---- line plot ---- */

void sample_line_plot(EiafLinePlot *plot, gsize n, gboolean three)
{
  guint64 rng = 1;
  const double epochs = 30;
  g_autofree float *x = g_new(float, n), *train = g_new(float, n);
  for (gsize i = 0; i < n; i++) {
    x[i] = (float) (epochs * (i + 1) / n);
    double noise = 0.12 * exp(-x[i] / 15) * sample_normal(&rng);
    train[i] = (float) MAX(2.3 * exp(-x[i] / 5) + 0.06 + noise, 0.01);
  }
  eiaf_line_plot_set_series(plot, 0, "training loss", x, train, n);

  gsize nv = three ? n : (gsize) epochs;
  g_autofree float *vx = g_new(float, nv), *valid = g_new(float, nv);
  for (gsize i = 0; i < nv; i++) {
    vx[i] = (float) (epochs * (i + 1) / nv);
    valid[i] = (float) (2.3 * exp(-vx[i] / 5) + 0.14 + 0.004 * vx[i]);
  }
  eiaf_line_plot_set_series(plot, 1, "validation loss", vx, valid, nv);
  eiaf_line_plot_set_series_style(plot, 1, 1, TRUE);
  if (three) {
    for (gsize i = 0; i < n; i++)
      train[i] = (float) ((1.9 * exp(-x[i] / 3) + 0.04) * exp(0.3 * sample_normal(&rng)));
    eiaf_line_plot_set_series(plot, 2, "with momentum", x, train, n);
  }
  g_object_set(plot, "title", "Loss per batch", "x-title", "epoch", "y-title", "loss", NULL);
}

/* ---- region maps ---- */

void sample_region_map_spirals(EiafRegionMap *map, guint h, gsize n)
{
  const guint k = 3;
  const double lim = 1.1;
  g_autofree float *probs = g_new(float, (gsize) h *h *k);
  for (guint i = 0; i < h; i++) {
    for (guint j = 0; j < h; j++) {
      double x = -lim + 2 * lim * j / (h - 1), y = -lim + 2 * lim * i / (h - 1);
      double r = hypot(x, y), theta = atan2(x, y), score[3], sum = 0;
      for (guint c = 0; c < k; c++) {
        /* The arm of class c passes radius r at angle 4c + 4r. */
        double d = remainder(theta - (4.0 * c + 4.0 * r), 2 * G_PI);
        score[c] = exp(-d * d / (2 * 0.55 * 0.55) * (0.3 + 3 * r));
        sum += score[c];
      }
      for (guint c = 0; c < k; c++)
        probs[((gsize) i * h + j) * k + c] = (float) (score[c] / sum);
    }
  }
  eiaf_region_map_set_field(map, probs, h, h, k, -lim, lim, -lim, lim);

  guint64 rng = 7;
  gsize nv = n / 4;
  g_autofree float *px = g_new(float, n + nv), *py = g_new(float, n + nv);
  g_autofree int *labels = g_new(int, n + nv);
  for (gsize i = 0; i < n + nv; i++) {
    int c = (int) (i % k);
    double r = sample_uniform(&rng), t = 4.0 * c + 4.0 * r + 0.2 * sample_normal(&rng);
    px[i] = (float) (r * sin(t));
    py[i] = (float) (r * cos(t));
    labels[i] = c;
  }
  eiaf_region_map_set_points(map, px, py, labels, n);
  eiaf_region_map_set_validation_points(map, px + n, py + n, labels + n, nv);
  static const char *const names[] = {"class 0", "class 1", "class 2", NULL};
  eiaf_region_map_set_class_names(map, names);
  g_object_set(map, "title", "Decision regions", "x-title", "x₁", "y-title", "x₂", NULL);
}

static double true_boundary(double x1, double x2)
{
  return -1 + x1 + 2 * x2 + x1 * x2 - 3 * x1 * x1 + x2 * x2;
}

void sample_region_map_boundary(EiafRegionMap *map)
{
  const guint h = 120;
  g_autofree float *probs = g_new(float, h *h), *f = g_new(float, h *h);
  for (guint i = 0; i < h; i++) {
    for (guint j = 0; j < h; j++) {
      double x1 = (double) j / (h - 1), x2 = (double) i / (h - 1);
      f[i * h + j] = (float) true_boundary(x1, x2);
      /* An overfit network: the right shape, with wiggles that chase the noise. */
      double wiggle = 0.22 * sin(17 * x1) * cos(13 * x2) + 0.1 * sin(31 * x2 + 3 * x1);
      probs[i * h + j] = (float) sigmoid(9 * (f[i * h + j] + wiggle));
    }
  }
  eiaf_region_map_set_field(map, probs, h, h, 1, 0, 1, 0, 1);
  eiaf_region_map_set_boundary_grid(map, f, h, h, 0, 1, 0, 1);
  eiaf_region_map_set_boundary_label(map, "true boundary");

  guint64 rng = 13;
  const gsize n = 160, nv = 60;
  float x[160 + 60], y[160 + 60];
  int labels[160 + 60];
  for (gsize i = 0; i < n + nv; i++) {
    double x1 = sample_uniform(&rng), x2 = sample_uniform(&rng);
    labels[i] = true_boundary(x1, x2) > 0;
    double sigma = i < n ? 0.1 : 0.05;
    x[i] = (float) CLAMP(x1 + sigma * sample_normal(&rng), 0.0, 1.0);
    y[i] = (float) CLAMP(x2 + sigma * sample_normal(&rng), 0.0, 1.0);
  }
  eiaf_region_map_set_points(map, x, y, labels, n);
  eiaf_region_map_set_validation_points(map, x + n, y + n, labels + n, nv);
  static const char *const names[] = {"class 0", "class 1", NULL};
  eiaf_region_map_set_class_names(map, names);
  g_object_set(map, "title", "Dropout 0: decision regions and the true boundary", "x-title", "x₁",
               "y-title", "x₂", NULL);
}

/* ---- image grids ---- */

void sample_image_grid_weights(EiafImageGrid *grid, guint count)
{
  guint64 rng = 3;
  const guint side = 28;
  g_autofree float *data = g_new0(float, (gsize) count *side *side);
  g_auto(GStrv) labels = g_new0(char *, count + 1);
  for (guint t = 0; t < count; t++) {
    float *img = data + (gsize) t * side * side;
    for (int blob = 0; blob < 7; blob++) {
      double cx = 6 + 16 * sample_uniform(&rng), cy = 6 + 16 * sample_uniform(&rng);
      double s = 2 + 3 * sample_uniform(&rng), a = (blob % 2 ? -0.35 : 0.45);
      a *= 0.5 + sample_uniform(&rng);
      for (guint i = 0; i < side; i++)
        for (guint j = 0; j < side; j++)
          img[i * side + j] +=
              (float) (a * exp(-((j - cx) * (j - cx) + (i - cy) * (i - cy)) / (2 * s * s)));
    }
    for (guint i = 0; i < side * side; i++)
      img[i] += (float) (0.015 * sample_normal(&rng));
    labels[t] = count <= 10 ? g_strdup_printf("%u", t) : g_strdup_printf("#%u", t + 1);
  }
  eiaf_image_grid_set_images(grid, data, count, side, side);
  eiaf_image_grid_set_labels(grid, (const char *const *) labels);
  g_object_set(grid, "title", "Weights of the ten output neurons", NULL);
}

static gboolean read_gz(const char *path, guint8 *out, gsize offset, gsize size)
{
  gzFile f = gzopen(path, "rb");
  if (!f)
    return FALSE;
  gboolean ok = gzseek(f, (z_off_t) offset, SEEK_SET) == (z_off_t) offset &&
                gzread(f, out, (unsigned) size) == (int) size;
  gzclose(f);
  return ok;
}

void sample_image_grid_digits(EiafImageGrid *grid, guint count)
{
  const gsize pixels = 28 * 28;
  g_autofree guint8 *bytes = g_new0(guint8, count * pixels);
  g_autofree guint8 *truth = g_new0(guint8, count);
  g_autofree float *data = g_new(float, count *pixels);
  g_auto(GStrv) labels = g_new0(char *, count + 1);
  gboolean have = read_gz(EIAF_MNIST_IMAGES, bytes, 16, count * pixels) &&
                  read_gz(EIAF_MNIST_LABELS, truth, 8, count);
  for (guint t = 0; t < count; t++) {
    for (gsize p = 0; p < pixels; p++) {
      if (have) {
        data[t * pixels + p] = bytes[t * pixels + p] / 255.0f;
      } else {
        double r = hypot((double) (p % 28) - 14, (double) (p / 28) - 14);
        data[t * pixels + p] = (float) exp(-(r - 7) * (r - 7) / 4);
      }
    }
    guint guess = (truth[t] + 1 + t % 3) % 10, percent = 40 + (t * 17) % 55;
    labels[t] = g_strdup_printf("%u → %u (%u%%)", truth[t], guess, percent);
  }
  eiaf_image_grid_set_images(grid, data, count, 28, 28);
  eiaf_image_grid_set_labels(grid, (const char *const *) labels);
  eiaf_image_grid_set_colormap(grid, EIAF_COLORMAP_GREY);
  eiaf_image_grid_set_show_colorbar(grid, FALSE);
  g_object_set(grid, "title", "Misclassified digits", NULL);
}

/* ---- function plots ---- */

void sample_function_plot_activations(EiafFunctionPlot *plot, gsize n)
{
  g_autofree float *x = g_new(float, n), *y = g_new(float, n);
  static const char *const names[] = {"sigmoid", "tanh", "ReLU", "sigmoid′", "tanh′", "ReLU′"};
  for (guint c = 0; c < 6; c++) {
    for (gsize i = 0; i < n; i++) {
      double v = -10 + 20.0 * i / (n - 1), s = sigmoid(v), t = tanh(v);
      x[i] = (float) v;
      double values[] = {s, t, MAX(v, 0), s * (1 - s), 1 - t * t, v > 0 ? 1 : 0};
      y[i] = (float) values[c];
    }
    eiaf_function_plot_set_curve(plot, c, names[c], x, y, n);
    eiaf_function_plot_set_curve_style(plot, c, c % 3, c >= 3);
  }
  eiaf_function_plot_set_y_range(plot, -1.2, 2.0);
  eiaf_function_plot_set_show_marker(plot, TRUE);
  eiaf_function_plot_set_marker(plot, 1.0);
  g_object_set(plot, "title", "Activation functions and their slopes", "x-title", "x", NULL);
}

void sample_function_plot_quartic(EiafFunctionPlot *plot)
{
  enum { N = 400 };
  float x[N], y[N];
  for (int i = 0; i < N; i++) {
    double w = -3.5 + 9.5 * i / (N - 1);
    x[i] = (float) w;
    y[i] = (float) (2 * pow(w, 4) - 9 * pow(w, 3) - 21 * w * w + 88 * w + 48);
  }
  eiaf_function_plot_set_curve(plot, 0, "2w⁴ − 9w³ − 21w² + 88w + 48", x, y, N);
  eiaf_function_plot_set_ball(plot, 0, 0, 3.96, 1, "momentum 0");
  eiaf_function_plot_set_ball(plot, 1, 0, -1.86, 2, "momentum 0.9");
  g_object_set(plot, "title", "Gradient descent on a quartic", "x-title", "w", "y-title", "loss",
               NULL);
}

/* ---- contour map ---- */

static void lesson1_loss(double w, double b, double *loss, double *dw, double *db)
{
  double l = 0, gw = 0, gb = 0;
  for (int i = 0; i < 20; i++) {
    double x = -1 + 0.1 * i, t = x > 0.2, s = sigmoid(w * x + b), e = s - t;
    l += e * e;
    gw += 2 * e * s * (1 - s) * x;
    gb += 2 * e * s * (1 - s);
  }
  *loss = l / 20, *dw = gw / 20, *db = gb / 20;
}

void sample_contour_map(EiafContourMap *map, guint h, gsize n)
{
  g_autofree float *values = g_new(float, (gsize) h *h);
  for (guint i = 0; i < h; i++) {
    for (guint j = 0; j < h; j++) {
      double loss, dw, db;
      lesson1_loss(-15 + 30.0 * j / (h - 1), -13 + 26.0 * i / (h - 1), &loss, &dw, &db);
      values[i * h + j] = (float) loss;
    }
  }
  eiaf_contour_map_set_field(map, values, h, h, -15, 15, -13, 13);

  /* A start off the plateau: descent finds the valley where w is large and b ≈ −0.2 w. */
  g_autofree float *px = g_new(float, n), *py = g_new(float, n);
  double w = -6, b = 6;
  for (gsize i = 0; i < n; i++) {
    double loss, dw, db;
    px[i] = (float) w, py[i] = (float) b;
    lesson1_loss(w, b, &loss, &dw, &db);
    w -= 8 * dw, b -= 8 * db;
  }
  eiaf_contour_map_set_path(map, px, py, n);
  eiaf_contour_map_set_log_levels(map, TRUE);
  g_object_set(map, "title", "Loss surface and the path of (w, b)", "x-title", "w", "y-title", "b",
               NULL);
}

/* ---- histograms ---- */

static void binned(guint64 *rng, double mean, double sd, gboolean squash, float *counts, guint bins,
                   double lo, double hi)
{
  for (guint i = 0; i < bins; i++)
    counts[i] = 0;
  for (int s = 0; s < 4000; s++) {
    double v = mean + sd * sample_normal(rng);
    if (squash)
      v = sigmoid(v);
    int b = (int) floor((v - lo) / (hi - lo) * bins);
    if (b >= 0 && b < (int) bins)
      counts[b] += 1;
  }
}

void sample_histogram_batch_norm(EiafHistogram *hist)
{
  guint64 rng = 5;
  float counts[48];
  binned(&rng, 1.6, 2.6, FALSE, counts, 48, -8, 8);
  eiaf_histogram_set_distribution(hist, 0, "without batch norm", counts, 48, -8, 8);
  binned(&rng, 0, 1, FALSE, counts, 48, -8, 8);
  eiaf_histogram_set_distribution(hist, 1, "with batch norm", counts, 48, -8, 8);
  g_object_set(hist, "title", "Second layer pre-activations", "x-title", "pre-activation",
               "y-title", "count", NULL);
}

void sample_histogram_layers(EiafHistogram *hist)
{
  guint64 rng = 9;
  float counts[30];
  static const double sd[] = {4, 1.4, 0.5};
  for (guint k = 0; k < 3; k++) {
    g_autofree char *label = g_strdup_printf("layer %u", k + 1);
    binned(&rng, 0.3 * k, sd[k], TRUE, counts, 30, 0, 1);
    eiaf_histogram_set_distribution(hist, k, label, counts, 30, 0, 1);
  }
  eiaf_histogram_set_small_multiples(hist, TRUE);
  g_object_set(hist, "title", "Sigmoid activations per layer", "x-title", "activation", NULL);
}

/* ---- probability bars ---- */

void sample_probability_bars(EiafProbabilityBars *bars)
{
  static const double logits[10] = {0.1, 1.9, 0.6, 1.2, -0.4, 0.2, -1.1, 5.2, 0.4, 2.3};
  float probs[10];
  double sum = 0;
  for (int i = 0; i < 10; i++)
    sum += exp(logits[i]);
  for (int i = 0; i < 10; i++)
    probs[i] = (float) (exp(logits[i]) / sum);
  eiaf_probability_bars_set_values(bars, probs, 10);
  g_object_set(bars, "title", "Probabilities of each digit", NULL);
}

void sample_pointer_motion(GtkWidget *widget, double x, double y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers(widget);
  for (guint i = 0; i < g_list_model_get_n_items(controllers); i++) {
    g_autoptr(GObject) controller = g_list_model_get_item(controllers, i);
    if (GTK_IS_EVENT_CONTROLLER_MOTION(controller))
      g_signal_emit_by_name(controller, "motion", x, y);
  }
}
