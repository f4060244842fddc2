/* Lesson 3's page: the three scores wₖx + bₖ, their softmax probabilities, the classes along
 * x, and the curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

#define N_CLASSES 3
/* The band of the class map: one row of points per class, y = class. */
#define BAND_Y_LO -0.6
#define BAND_Y_HI 2.6

typedef struct {
  GtkWidget *lines, *probs, *classes, *loss, *accuracy;
} SoftmaxPage;

static GtkWidget *curves_plot_new(const char *y_title)
{
  GtkWidget *plot = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(plot), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(plot), y_title);
  return plot;
}

static GtkWidget *classes_map_new(void)
{
  GtkWidget *map = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(map), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(map), _("true class"));
  static const char *const classes[] = {N_("class 0 (x ≤ −1)"), N_("class 1"),
                                        N_("class 2 (x ≥ 1)"), NULL};
  const char *names[] = {_(classes[0]), _(classes[1]), _(classes[2]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(map), names);
  return map;
}

static gpointer softmax_build(EiafLessonPage *page)
{
  SoftmaxPage *p = g_new0(SoftmaxPage, 1);
  p->lines = eiaf_lesson_page_add_picture(page, curves_plot_new(_("score z")),
                                          _("The three scores zₖ = wₖx + bₖ: straight lines"),
                                          EIAF_PICTURE_HALF);
  p->probs = eiaf_lesson_page_add_picture(
      page, curves_plot_new(_("probability")),
      _("Softmax of the scores: at every x the three probabilities add up to 1"),
      EIAF_PICTURE_HALF);
  EiafFunctionPlot *probs = EIAF_FUNCTION_PLOT(p->probs);
  eiaf_function_plot_set_y_range(probs, 0, 1);
  eiaf_function_plot_set_show_marker(probs, TRUE);
  eiaf_function_plot_set_marker_step(probs, 0.1);
  eiaf_function_plot_set_marker(probs, -1.0);
  p->classes = eiaf_lesson_page_add_picture(
      page, classes_map_new(),
      _("The points, one row per true class, over the class the model predicts (shading)"),
      EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->classes, 240, 170);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  return p;
}

/* Column k of a curve over x (n, 3) as curve k of a function plot. */
static void show_columns(GtkWidget *plot, const nn_snapshot *s, const char *item,
                         const char *const *labels)
{
  const nn_snap_item *it = nn_snapshot_find(s, item);
  if (!it || it->ndim != 2 || it->shape[1] != N_CLASSES)
    return;
  gsize n = (gsize) it->shape[0];
  g_autofree float *x = g_new(float, MAX(n, 1));
  g_autofree float *y = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = it->range[0] + (it->range[1] - it->range[0]) * (float) i / (float) MAX(n - 1, 1);
  for (int k = 0; k < N_CLASSES; k++) {
    for (gsize i = 0; i < n; i++)
      y[i] = it->data[i * N_CLASSES + (gsize) k];
    eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), (guint) k, labels[k], x, y, n);
  }
}

static void softmax_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SoftmaxPage *p = state;
  const char *scores[] = {"z₀ = w₀x + b₀", "z₁ = w₁x + b₁", "z₂ = w₂x + b₂"};
  const char *probs[] = {_("P(class 0)"), _("P(class 1)"), _("P(class 2)")};
  show_columns(p->lines, snap, "lines", scores);
  show_columns(p->probs, snap, "probs", probs);
  eiaf_show_regions_over_x(p->classes, snap, "probs", BAND_Y_LO, BAND_Y_HI, "points");
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_softmax = {
    .lesson_id = "softmax",
    .explanation =
        N_("With three classes the model draws three straight lines, one score per class: "
           "zₖ = wₖx + bₖ. At each x, softmax turns the three scores into three probabilities — "
           "each e<sup>zₖ</sup> divided by the sum of all three — so they are positive and add up "
           "to 1, and "
           "the highest line wins. It is like three candidates in an election: every vote goes to "
           "someone, and the shares always make 100%."),
    .try_this = N_(
        "Watch the lines turn: class 0's falls to the right, class 2's rises, class 1's stays "
        "on top in the middle. Drag the marker on the probabilities to read the three shares at "
        "any x: they always add up to 1. Switch to <b>Course</b> (the lab's learning rate 0.01): "
        "the lines move much more slowly, and after 300 epochs the accuracy is still about 97%."),
    .build = softmax_build,
    .update = softmax_update,
    .free_state = g_free,
};
