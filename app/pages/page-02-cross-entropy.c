/* Lesson 2's page: cross-entropy and MSE from the same bad start, each on its own loss
 * surface with its path; the loss of one sample as a function of p; the curves of both. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

enum { V_CROSS_ENTROPY, V_MSE, N_VARIANTS };

typedef struct {
  GtkWidget *surface[N_VARIANTS], *per_sample, *loss, *accuracy;
  guint64 generation; /* of the surfaces shown: they change only with a new run */
  gboolean has_surfaces;
} CrossEntropyPage;

static GtkWidget *per_sample_plot_new(void)
{
  GtkWidget *plot = eiaf_function_plot_new();
  EiafFunctionPlot *fp = EIAF_FUNCTION_PLOT(plot);
  eiaf_plot_set_x_title(EIAF_PLOT(plot), _("p, probability of the true class"));
  eiaf_plot_set_y_title(EIAF_PLOT(plot), _("loss of one sample"));
  eiaf_function_plot_set_x_range(fp, 0, 1);
  eiaf_function_plot_set_y_range(fp, 0, 5);
  eiaf_function_plot_set_show_marker(fp, TRUE);
  eiaf_function_plot_set_marker_step(fp, 0.01);
  eiaf_function_plot_set_marker(fp, 0.05);
  return plot;
}

static gpointer cross_entropy_build(EiafLessonPage *page)
{
  CrossEntropyPage *p = g_new0(CrossEntropyPage, 1);
  p->surface[V_CROSS_ENTROPY] = eiaf_lesson_page_add_picture(
      page, eiaf_loss_surface_new("w", "b"),
      _("Cross-entropy over (w, b), path from w = −5, b = −10"), EIAF_PICTURE_HALF);
  p->surface[V_MSE] = eiaf_lesson_page_add_picture(
      page, eiaf_loss_surface_new("w", "b"),
      _("Mean squared error over (w, b), path from the same start"), EIAF_PICTURE_HALF);
  p->loss =
      eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                   _("Loss per epoch (each model's own loss)"), EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  p->per_sample = eiaf_lesson_page_add_picture(
      page, per_sample_plot_new(),
      _("What one class-1 sample costs: −log p against (1 − p)² (drag the marker)"),
      EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->per_sample, 240, 220);
  return p;
}

static void show_per_sample(GtkWidget *plot, const nn_snapshot *s, guint index, const char *item,
                            const char *label)
{
  const nn_snap_item *it = nn_snapshot_find(s, item);
  if (!it || it->ndim != 1)
    return;
  gsize n = (gsize) it->shape[0];
  g_autofree float *p = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    p[i] = it->range[0] + (it->range[1] - it->range[0]) * (float) i / (float) MAX(n - 1, 1);
  eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), index, label, p, it->data, n);
}

static void cross_entropy_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  CrossEntropyPage *p = state;
  gboolean new_run = !p->has_surfaces || snap->generation != p->generation;
  for (int v = 0; v < MIN(snap->n_variants, N_VARIANTS); v++) {
    g_autofree char *field = g_strdup_printf("surface/%d", v);
    g_autofree char *path = g_strdup_printf("path/%d", v);
    eiaf_show_contour_map(p->surface[v], snap, new_run ? field : NULL, path);
  }
  if (new_run && nn_snapshot_find(snap, "surface/0")) {
    p->generation = snap->generation;
    p->has_surfaces = TRUE;
    /* Colours as in the curves: cross-entropy is variant 0, MSE variant 1. */
    show_per_sample(p->per_sample, snap, 0, "per_sample/bce", _("−log p (cross-entropy)"));
    show_per_sample(p->per_sample, snap, 1, "per_sample/mse", _("(1 − p)² (squared error)"));
  }
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_cross_entropy = {
    .lesson_id = "cross-entropy",
    .explanation =
        N_("Cross-entropy scores each point by −log p, where p is the probability the model gave "
           "the right answer. A confident wrong answer (p near 0) costs a lot, and the loss gets "
           "ever steeper there, so the gradient pushes hard exactly when the model is badly wrong. "
           "The squared error (1 − p)² never costs more than 1 and flattens out near p = 0 — think "
           "of a coach who shouts \"way off, go left!\" at a big mistake, against one who only "
           "shrugs."),
    .try_this = N_(
        "Both models start at w = −5, b = −10. Watch the two paths: cross-entropy's walks off the "
        "plateau into the valley and reaches 100%, while the MSE point does not move from 65%. "
        "On the bottom plot, drag the marker towards p = 0: −log p keeps climbing, (1 − p)² "
        "stops at 1. Lower the <b>Learning rate</b> and see how far each path gets."),
    .build = cross_entropy_build,
    .update = cross_entropy_update,
    .free_state = g_free,
};
