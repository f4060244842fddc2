/* Lesson 14's page: the noisy samples, the parabola they come from and what each network made
 * of them; both networks' training and validation loss. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

/* Palette colours: the variants keep those of the loss curves (0, 1). */
enum { COLOR_TRUTH = 2, COLOR_SAMPLES = 4 };

typedef struct {
  GtkWidget *fits, *loss;
} RegressionPage;

static gpointer regression_build(EiafLessonPage *page)
{
  RegressionPage *p = g_new0(RegressionPage, 1);
  p->fits = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->fits), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(p->fits), "y");
  /* A little room beyond the samples at x = ±1, so their dots are not cut in half. */
  eiaf_function_plot_set_x_range(EIAF_FUNCTION_PLOT(p->fits), -1.05, 1.05);
  eiaf_lesson_page_add_picture(page, p->fits,
                               _("The samples (dots: training, rings: validation), the true "
                                 "curve and both networks' predictions"),
                               EIAF_PICTURE_FULL);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                         _("Mean squared error per epoch (dashed: validation)"),
                                         EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->loss, 240, 240);
  /* The first epochs' loss is ten times the rest: on a log axis the gap between the two
   * validation curves stays visible. */
  eiaf_line_plot_set_log_y(EIAF_LINE_PLOT(p->loss), TRUE);
  return p;
}

static void show_points(GtkWidget *plot, guint index, const char *label, const nn_snap_item *it,
                        gboolean hollow)
{
  if (!it || it->ndim != 2 || it->shape[1] != 3)
    return;
  gsize n = (gsize) it->shape[0];
  g_autofree float *x = g_new(float, MAX(n, 1));
  g_autofree float *y = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = it->data[3 * i], y[i] = it->data[3 * i + 1];
  eiaf_function_plot_set_points(EIAF_FUNCTION_PLOT(plot), index, label, x, y, n, COLOR_SAMPLES,
                                hollow);
}

/* A (n) or (n, 1) item over its range as curve `index`. */
static void show_curve(GtkWidget *plot, guint index, const char *label, const nn_snap_item *it,
                       guint color, gboolean dashed)
{
  if (!it || it->shape[0] < 2)
    return;
  gsize n = (gsize) it->shape[0];
  g_autofree float *x = g_new(float, n);
  for (gsize i = 0; i < n; i++)
    x[i] = it->range[0] + (it->range[1] - it->range[0]) * (float) i / (float) (n - 1);
  eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), index, label, x, it->data, n);
  eiaf_function_plot_set_curve_style(EIAF_FUNCTION_PLOT(plot), index, color, dashed);
}

static void regression_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  RegressionPage *p = state;
  show_curve(p->fits, 0, _("true curve y = x²"), nn_snapshot_find(snap, "truth"), COLOR_TRUTH,
             TRUE);
  for (int v = 0; v < snap->n_variants; v++)
    show_curve(p->fits, (guint) v + 1, eiaf_variant_label(snap, v),
               nn_snapshot_findf(snap, "curve/%d", v), (guint) v, FALSE);
  show_points(p->fits, 0, _("samples"), nn_snapshot_find(snap, "points"), FALSE);
  show_points(p->fits, 1, NULL, nn_snapshot_find(snap, "val_points"), TRUE);
  eiaf_show_history(p->loss, NULL, snap);
}

const EiafPageSpec eiaf_page_dropout_regression = {
    .lesson_id = "dropout-regression",
    .explanation =
        N_("The dots are 40 measurements of y = x², each spoiled by a lot of random noise. A big "
           "network can bend its curve through every dot, noise and all — like a student who "
           "learns last year's exam answers by heart instead of the method, and fails this year's "
           "exam. <b>Dropout</b> switches off a random half of the hidden neurons at every "
           "training step, so the network cannot rely on any single neuron to remember one dot: "
           "it has to learn the broad shape instead."),
    .try_this = N_("Watch the curve without dropout chase the dots, while the one with dropout "
                   "stays nearer the dashed parabola. In the loss picture its training loss is "
                   "lower but its validation loss (dashed) higher. Lower the <b>Noise</b> to see "
                   "both nets agree; raise <b>Dropout</b> to see the fit get flatter."),
    .lab_note = N_("Unlike the lab, both networks start from the same weights, so only dropout "
                   "differs between them."),
    .build = regression_build,
    .update = regression_update,
    .free_state = g_free,
};
