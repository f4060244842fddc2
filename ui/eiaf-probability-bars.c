/* Probability bars, drawn directly (ten rectangles and twenty labels). */
#include "config.h"

#include "eiaf-probability-bars.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define BAR_GAP_RATIO 0.28

struct _EiafProbabilityBars {
  EiafPlot parent_instance;
  float *probs;
  guint k;
  GStrv labels;
  int winner;

  /* As last drawn. */
  gboolean drawn;
  double base, full_h, x0, step, bar_w;
};

G_DEFINE_FINAL_TYPE(EiafProbabilityBars, eiaf_probability_bars, EIAF_TYPE_PLOT)

static double prob(const EiafProbabilityBars *self, guint i)
{
  double p = self->probs[i];
  return isnan(p) ? 0 : CLAMP(p, 0.0, 1.0);
}

static void label_of(const EiafProbabilityBars *self, guint i, char *buf, gsize size)
{
  if (self->labels && i < g_strv_length(self->labels))
    g_strlcpy(buf, self->labels[i], size);
  else
    g_snprintf(buf, size, "%u", i);
}

static void format_percent(double p, char *buf, gsize size)
{
  /* "<1%" rather than "0%": a small chance is not no chance. */
  if (p > 0 && p < 0.005)
    g_strlcpy(buf, "<1%", size);
  else
    g_snprintf(buf, size, "%.0f%%", p * 100);
}

/* The widest label. */
static double widest_label(const EiafProbabilityBars *self, PangoLayout *layout)
{
  double widest = 0;
  for (guint i = 0; i < self->k; i++) {
    char text[64];
    double w;
    label_of(self, i, text, sizeof text);
    eiaf_text_size(layout, text, &w, NULL);
    widest = MAX(widest, w);
  }
  return widest;
}

/* A label slanted at 45°, rising to the right and ending under its bar at (x, y). */
static void draw_slanted(cairo_t *cr, PangoLayout *layout, const char *text, double x, double y)
{
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, -G_PI / 4);
  eiaf_draw_text(cr, layout, text, 0, 0, 1.0, 0.5);
  cairo_restore(cr);
}

static gboolean eiaf_probability_bars_has_data(EiafPlot *plot)
{
  return EIAF_PROBABILITY_BARS(plot)->k > 0;
}

static void eiaf_probability_bars_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafProbabilityBars *self = EIAF_PROBABILITY_BARS(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  const EiafPlotColors *colors = eiaf_plot_get_colors(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  const double pad = 8;
  double th;
  char text[64];
  eiaf_text_size(layout, "Ag", NULL, &th);

  /* Percentages above the bars, labels below the baseline: level, or slanted when one is wider
   * than a bar's slot (clothes' names), with room made for them below and on the left. */
  double widest = widest_label(self, layout);
  gboolean slanted = widest + 4 > (width - 2 * pad) / self->k;
  double slant_w = (widest + th / 2) * G_SQRT2 / 2;
  double x0 = slanted ? pad + MAX(slant_w - (width - 2 * pad) / self->k / 2, 0) : pad;
  double label_h = slanted ? slant_w + th / 2 + 4 : th + 4;
  double top = pad + th + 2, base = eiaf_snap(height - pad - label_h, 1, scale);
  double full_h = MAX(base - top, 4);
  double step = (width - x0 - pad) / self->k;
  double bar_w = MAX(floor(step * (1 - BAR_GAP_RATIO)), 2);

  GdkRGBA other = eiaf_rgba_mix(&colors->paper, &colors->fg, 0.32);
  for (guint i = 0; i < self->k; i++) {
    double p = prob(self, i), cx = x0 + (i + 0.5) * step;
    double left = round((cx - bar_w / 2) * scale) / scale;
    double bar_h = round(p * full_h * scale) / scale;
    gboolean win = (int) i == self->winner;
    gdk_cairo_set_source_rgba(cr, win ? &colors->accent : &other);
    cairo_rectangle(cr, left, base - bar_h, bar_w, bar_h);
    cairo_fill(cr);

    format_percent(p, text, sizeof text);
    double text_w;
    eiaf_text_size(layout, text, &text_w, NULL);
    /* Where the numbers would run into each other, only the winner keeps its own. */
    if (win || text_w + 4 <= step) {
      gdk_cairo_set_source_rgba(cr, win ? &colors->fg : &colors->dim);
      eiaf_draw_text(cr, layout, text, cx, base - bar_h - 2, 0.5, 1.0);
    }
    label_of(self, i, text, sizeof text);
    gdk_cairo_set_source_rgba(cr, win ? &colors->accent : &colors->fg);
    if (slanted)
      draw_slanted(cr, layout, text, cx, base + 4 + th / 2);
    else
      eiaf_draw_text(cr, layout, text, cx, base + 4, 0.5, 0.0);
  }
  cairo_set_line_width(cr, 1);
  gdk_cairo_set_source_rgba(cr, &colors->axis);
  cairo_move_to(cr, x0, base + 0.5 / scale);
  cairo_line_to(cr, width - pad, base + 0.5 / scale);
  cairo_stroke(cr);

  self->drawn = TRUE;
  self->base = base, self->full_h = full_h, self->x0 = x0, self->step = step;
  self->bar_w = bar_w;
}

/* ---- public API ---- */

GtkWidget *eiaf_probability_bars_new(void)
{
  return g_object_new(EIAF_TYPE_PROBABILITY_BARS, NULL);
}

static void describe(EiafProbabilityBars *self)
{
  if (self->winner < 0) {
    eiaf_plot_set_description(EIAF_PLOT(self), NULL);
    return;
  }
  char label[64], percent[16];
  label_of(self, (guint) self->winner, label, sizeof label);
  format_percent(prob(self, (guint) self->winner), percent, sizeof percent);
  /* Translators: the most probable class and its probability, e.g. "Most likely: 7 (98%)". */
  g_autofree char *text = g_strdup_printf(_("Most likely: %s (%s)"), label, percent);
  eiaf_plot_set_description(EIAF_PLOT(self), text);
}

void eiaf_probability_bars_set_values(EiafProbabilityBars *self, const float *probs, guint k)
{
  g_return_if_fail(EIAF_IS_PROBABILITY_BARS(self));
  g_return_if_fail(probs != NULL || k == 0);
  g_clear_pointer(&self->probs, g_free);
  self->k = k;
  self->winner = -1;
  if (k) {
    self->probs = g_memdup2(probs, k * sizeof(float));
    double best = -1;
    for (guint i = 0; i < k; i++)
      if (prob(self, i) > best)
        best = prob(self, i), self->winner = (int) i;
  }
  describe(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_probability_bars_set_labels(EiafProbabilityBars *self, const char *const *labels)
{
  g_return_if_fail(EIAF_IS_PROBABILITY_BARS(self));
  g_strfreev(self->labels);
  self->labels = g_strdupv((char **) labels);
  describe(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

int eiaf_probability_bars_get_winner(EiafProbabilityBars *self)
{
  g_return_val_if_fail(EIAF_IS_PROBABILITY_BARS(self), -1);
  return self->winner;
}

gboolean eiaf_probability_bars_get_bar_area(EiafProbabilityBars *self, guint index,
                                            graphene_rect_t *rect)
{
  g_return_val_if_fail(EIAF_IS_PROBABILITY_BARS(self), FALSE);
  if (!self->drawn || index >= self->k)
    return FALSE;
  double h = prob(self, index) * self->full_h;
  double cx = self->x0 + (index + 0.5) * self->step;
  if (rect)
    graphene_rect_init(rect, cx - self->bar_w / 2, self->base - h, self->bar_w, h);
  return TRUE;
}

gboolean eiaf_probability_bars_get_scale_area(EiafProbabilityBars *self, graphene_rect_t *rect)
{
  g_return_val_if_fail(EIAF_IS_PROBABILITY_BARS(self), FALSE);
  if (!self->drawn)
    return FALSE;
  if (rect)
    graphene_rect_init(rect, self->x0, self->base - self->full_h, self->step * self->k,
                       self->full_h);
  return TRUE;
}

/* ---- GObject ---- */

static void eiaf_probability_bars_measure(GtkWidget *widget, GtkOrientation orientation,
                                          int for_size, int *minimum, int *natural,
                                          int *minimum_baseline, int *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;
  *minimum = horizontal ? 200 : 100;
  *natural = horizontal ? 360 : 180;
}

static void eiaf_probability_bars_finalize(GObject *object)
{
  EiafProbabilityBars *self = EIAF_PROBABILITY_BARS(object);
  g_free(self->probs);
  g_strfreev(self->labels);
  G_OBJECT_CLASS(eiaf_probability_bars_parent_class)->finalize(object);
}

static void eiaf_probability_bars_class_init(EiafProbabilityBarsClass *klass)
{
  G_OBJECT_CLASS(klass)->finalize = eiaf_probability_bars_finalize;
  GTK_WIDGET_CLASS(klass)->measure = eiaf_probability_bars_measure;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_probability_bars_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_probability_bars_has_data;
}

static void eiaf_probability_bars_init(EiafProbabilityBars *self)
{
  self->winner = -1;
}
