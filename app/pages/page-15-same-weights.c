/* Lesson 15's page: the two hidden neurons' weights and biases over training, from the equal
 * start and from the random one; what each network learnt; their losses. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define PATH_COLS 7 /* step, w₁, w₂, b₁, b₂, v₁, v₂ (see l15-same-weights.c) */

typedef struct {
  GtkWidget *paths[2], *fits, *loss;
} SamePage;

static GtkWidget *path_plot_new(void)
{
  GtkWidget *plot = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(plot), _("epoch"));
  eiaf_line_plot_set_x_whole(EIAF_LINE_PLOT(plot), TRUE);
  eiaf_plot_set_y_title(EIAF_PLOT(plot), _("value"));
  return plot;
}

static gpointer same_build(EiafLessonPage *page)
{
  SamePage *p = g_new0(SamePage, 1);
  p->paths[0] = eiaf_lesson_page_add_picture(
      page, path_plot_new(), _("Equal start: the two hidden neurons' weights and biases"),
      EIAF_PICTURE_HALF);
  p->paths[1] = eiaf_lesson_page_add_picture(
      page, path_plot_new(), _("Random start: the two hidden neurons' weights and biases"),
      EIAF_PICTURE_HALF);
  p->fits = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->fits), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(p->fits), _("P(class 1)"));
  /* Room for the samples' dots at 0 and 1. */
  eiaf_function_plot_set_y_range(EIAF_FUNCTION_PLOT(p->fits), -0.05, 1.05);
  eiaf_lesson_page_add_picture(page, p->fits, _("What each network learnt (dots: the samples)"),
                               EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_HALF);
  return p;
}

/* One plot's four series from a "path/v" item: each neuron's weight and bias over epochs.
 * Neuron 2 is dashed, so where it runs exactly on neuron 1 both colours still show. */
static void show_path(GtkWidget *plot, const nn_snapshot *snap, int v)
{
  const nn_snap_item *path = nn_snapshot_findf(snap, "path/%d", v);
  if (!path || path->ndim != 2 || path->shape[1] != PATH_COLS || snap->steps_total <= 0)
    return;
  gsize n = (gsize) path->shape[0];
  double epochs_per_step = (double) snap->epochs / (double) snap->steps_total;
  g_autofree float *x = g_new(float, MAX(n, 1));
  g_autofree float *y = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = (float) (path->data[i * PATH_COLS] * epochs_per_step);
  static const char *const labels[4] = {N_("neuron 1 weight"), N_("neuron 2 weight"),
                                        N_("neuron 1 bias"), N_("neuron 2 bias")};
  for (guint s = 0; s < 4; s++) {
    int column = 1 + (int) s; /* w₁, w₂, b₁, b₂ */
    for (gsize i = 0; i < n; i++)
      y[i] = path->data[i * PATH_COLS + (gsize) column];
    eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), s, _(labels[s]), x, y, n);
    eiaf_line_plot_set_series_style(EIAF_LINE_PLOT(plot), s, s, s % 2 == 1);
  }
}

static void show_fits(GtkWidget *plot, const nn_snapshot *snap)
{
  for (int v = 0; v < snap->n_variants; v++) {
    const nn_snap_item *curve = nn_snapshot_findf(snap, "curve/%d", v);
    if (!curve || curve->shape[0] < 2)
      continue;
    gsize n = (gsize) curve->shape[0];
    g_autofree float *x = g_new(float, n);
    for (gsize i = 0; i < n; i++)
      x[i] = curve->range[0] + (curve->range[1] - curve->range[0]) * (float) i / (float) (n - 1);
    eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), (guint) v, eiaf_variant_label(snap, v),
                                 x, curve->data, n);
  }
  const nn_snap_item *points = nn_snapshot_find(snap, "points");
  if (!points || points->ndim != 2 || points->shape[1] != 3)
    return;
  gsize n = (gsize) points->shape[0];
  g_autofree float *x = g_new(float, MAX(n, 1));
  g_autofree float *y = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = points->data[3 * i], y[i] = points->data[3 * i + 1];
  eiaf_function_plot_set_points(EIAF_FUNCTION_PLOT(plot), 0, NULL, x, y, n, 4, FALSE);
}

static void same_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SamePage *p = state;
  for (int v = 0; v < 2 && v < snap->n_variants; v++)
    show_path(p->paths[v], snap, v);
  show_fits(p->fits, snap);
  eiaf_show_history(p->loss, NULL, snap);
}

const EiafPageSpec eiaf_page_same_weights = {
    .lesson_id = "same-weights",
    .explanation =
        N_("Why do networks start from <i>random</i> weights? Here the same small network (two "
           "hidden neurons) learns the same bump twice. Once every weight starts at 1 and every "
           "bias at 0: then the two hidden neurons compute the same thing, get the same blame for "
           "every mistake and take the same step — for ever. They are like twins who always get "
           "the same advice and so always make the same move: two of them do no more than one. One "
           "sigmoid neuron can only draw a single rise, never a bump. From a random start the two "
           "neurons differ from the first step and can share the work."),
    .try_this = N_("In the equal-start picture each dashed line lies exactly on a solid one: "
                   "neuron 2 is neuron 1, to the last bit. In the random-start picture the two "
                   "neurons part: one learns the bump's left edge, the other its right edge. "
                   "Compare the two curves over the dots: only the random start makes the bump. "
                   "Change the <b>Learning rate</b> or press <b>New seed</b>: nothing parts the "
                   "twins."),
    .build = same_build,
    .update = same_update,
    .free_state = g_free,
};
