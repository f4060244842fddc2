/* Lesson 6's page: every hidden neuron's step (thin, dashed) under the network's output
 * (solid) and the labels; the fit with the data points; the curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

/* Palette colours: the hidden steps in grey, so that the output (blue) stands out; the
 * labels in class 1's orange, as the dots of the fit below. */
enum { COLOR_OUTPUT = 0, COLOR_LABELS = 1, COLOR_HIDDEN = 7 };

typedef struct {
  GtkWidget *neurons, *fit, *loss, *accuracy;
} BumpsPage;

static gpointer bumps_build(EiafLessonPage *page)
{
  BumpsPage *p = g_new0(BumpsPage, 1);
  p->neurons = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->neurons), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(p->neurons), _("activation"));
  eiaf_function_plot_set_x_range(EIAF_FUNCTION_PLOT(p->neurons), -20, 20);
  eiaf_function_plot_set_y_range(EIAF_FUNCTION_PLOT(p->neurons), 0, 1);
  eiaf_lesson_page_add_picture(page, p->neurons,
                               _("Each hidden neuron's step (dashed) and the network's output"),
                               EIAF_PICTURE_FULL);

  p->fit = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->fit), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(p->fit), _("label, P(bump)"));
  static const char *const classes[] = {N_("outside (0)"), N_("on a bump (1)"), NULL};
  const char *names[] = {_(classes[0]), _(classes[1]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(p->fit), names);
  eiaf_region_map_set_boundary_label(EIAF_REGION_MAP(p->fit), _("network output"));
  eiaf_lesson_page_add_picture(page, p->fit, _("The network's answer (dots: the data)"),
                               EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->loss, 240, 200);
  return p;
}

/* Column k of a (n, width) curve item into y. */
static void curve_column(const nn_snap_item *it, int k, float *y)
{
  int n = it->shape[0], width = it->shape[1];
  for (int i = 0; i < n; i++)
    y[i] = it->data[i * width + k];
}

static void show_neurons(GtkWidget *widget, const nn_snapshot *snap)
{
  EiafFunctionPlot *plot = EIAF_FUNCTION_PLOT(widget);
  const nn_snap_item *hidden = nn_snapshot_find(snap, "hidden");
  const nn_snap_item *fit = nn_snapshot_find(snap, "fit");
  const nn_snap_item *points = nn_snapshot_find(snap, "points");
  if (!hidden || !fit || !points || hidden->ndim != 2 || fit->shape[0] != hidden->shape[0] ||
      hidden->shape[0] < 2)
    return;
  gsize n = (gsize) hidden->shape[0];
  g_autofree float *x = g_new(float, n);
  g_autofree float *y = g_new(float, n);
  for (gsize i = 0; i < n; i++)
    x[i] = hidden->range[0] + (hidden->range[1] - hidden->range[0]) * (float) i / (float) (n - 1);

  /* Drawn in order: the labels and the steps first, the output last, on top. The number of
   * neurons changes with the slider, so the curves are set afresh. */
  eiaf_function_plot_clear(plot);
  guint index = 0;
  gsize count = (gsize) points->shape[0];
  g_autofree float *px = g_new(float, MAX(count, 1));
  g_autofree float *py = g_new(float, MAX(count, 1));
  for (gsize i = 0; i < count; i++) {
    px[i] = points->data[3 * i];
    py[i] = points->data[3 * i + 1];
  }
  eiaf_function_plot_set_curve(plot, index, _("label"), px, py, count);
  eiaf_function_plot_set_curve_style(plot, index++, COLOR_LABELS, FALSE);
  for (int k = 0; k < hidden->shape[1]; k++) {
    curve_column(hidden, k, y);
    /* One legend entry stands for them all. */
    eiaf_function_plot_set_curve(plot, index, k == 0 ? _("hidden neurons") : NULL, x, y, n);
    eiaf_function_plot_set_curve_style(plot, index++, COLOR_HIDDEN, TRUE);
  }
  curve_column(fit, 0, y);
  eiaf_function_plot_set_curve(plot, index, _("output P(bump)"), x, y, n);
  eiaf_function_plot_set_curve_style(plot, index, COLOR_OUTPUT, FALSE);
}

static void bumps_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  BumpsPage *p = state;
  show_neurons(p->neurons, snap);
  eiaf_show_fit_over_x(p->fit, snap, "fit", "points");
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_more_neurons = {
    .lesson_id = "more-neurons",
    .explanation =
        N_("Now class 1 is two separate bumps. A sigmoid neuron makes one soft step, up or down, "
           "somewhere along x. Each bump has two edges, so the network needs at least four steps "
           "— four hidden neurons — and the output neuron adds them up with its weights, like "
           "building two hills out of a stack of stairs. More neurons give it more stairs to "
           "choose from."),
    .try_this = N_("Drag <b>Hidden neurons</b> to 1: a single step cannot make a bump, and the "
                   "accuracy stops near 74%. With 2 it can make one bump, never both. At 9 "
                   "(the lab's) watch the dashed steps line up on the four edges. Sometimes a run "
                   "settles on one bump only (87%): press <b>New seed</b>, or give it more "
                   "neurons."),
    .build = bumps_build,
    .update = bumps_update,
    .free_state = g_free,
};
