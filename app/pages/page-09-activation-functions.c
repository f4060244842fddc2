/* Lesson 9's page: sigmoid, tanh and ReLU with their slopes (dashed) under a marker the user
 * drags or moves with the arrow keys; a read-out of every value and slope under the marker, in
 * words a screen reader reads too; and what is left of a gradient passed back through k
 * layers at that x. Nothing trains: the curves come in the run's one snapshot. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define N_FUNCTIONS 3
#define MAX_DEPTH   10
#define START_X     1.0
/* A slope below this passes on less than a twentieth of a gradient: "vanishing" in words. */
#define VANISHING 0.05

static const char *const item_names[N_FUNCTIONS] = {"sigmoid", "tanh", "relu"};
static const char *const function_labels[N_FUNCTIONS] = {N_("sigmoid"), N_("tanh"), N_("ReLU")};
static const char *const slope_labels[N_FUNCTIONS] = {N_("sigmoid′"), N_("tanh′"), N_("ReLU′")};

typedef struct {
  GtkWidget *functions, *depth;
  GtkLabel *readout, *verdict;
  gboolean have_curves;
} ActivationsPage;

static GtkWidget *readout_new(ActivationsPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new(_("Under the marker"));
  gtk_widget_add_css_class(heading, "heading");
  gtk_label_set_xalign(GTK_LABEL(heading), 0);
  gtk_box_append(GTK_BOX(box), heading);
  p->readout = GTK_LABEL(gtk_label_new(NULL));
  p->verdict = GTK_LABEL(gtk_label_new(NULL));
  GtkLabel *labels[] = {p->readout, p->verdict};
  for (guint i = 0; i < G_N_ELEMENTS(labels); i++) {
    gtk_label_set_xalign(labels[i], 0);
    gtk_label_set_wrap(labels[i], TRUE);
    gtk_label_set_selectable(labels[i], TRUE); /* reachable by keyboard and screen reader */
    gtk_box_append(GTK_BOX(box), GTK_WIDGET(labels[i]));
  }
  gtk_widget_add_css_class(GTK_WIDGET(p->readout), "numeric");
  gtk_accessible_update_relation(GTK_ACCESSIBLE(p->readout), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                 heading, NULL, -1);
  return box;
}

static gpointer activations_build(EiafLessonPage *page)
{
  ActivationsPage *p = g_new0(ActivationsPage, 1);
  EiafFunctionPlot *fp = EIAF_FUNCTION_PLOT(eiaf_function_plot_new());
  p->functions = GTK_WIDGET(fp);
  eiaf_plot_set_x_title(EIAF_PLOT(fp), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(fp), _("value, slope"));
  eiaf_function_plot_set_x_range(fp, -10, 10);
  /* ReLU goes on up to 10: the interesting part of the others lies between −1 and 1. */
  eiaf_function_plot_set_y_range(fp, -1.2, 2.0);
  eiaf_function_plot_set_show_marker(fp, TRUE);
  eiaf_function_plot_set_marker_step(fp, 0.1);
  eiaf_function_plot_set_marker(fp, START_X);
  gtk_widget_set_size_request(p->functions, 240, 400);
  eiaf_lesson_page_add_picture(page, p->functions,
                               _("The functions (solid) and their slopes (dashed); drag the "
                                 "marker, or focus the picture and press ← →"),
                               EIAF_PICTURE_FULL);

  p->depth = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->depth), _("layers passed back through"));
  eiaf_plot_set_y_title(EIAF_PLOT(p->depth), _("gradient left"));
  eiaf_line_plot_set_log_y(EIAF_LINE_PLOT(p->depth), TRUE);
  eiaf_line_plot_set_x_range(EIAF_LINE_PLOT(p->depth), 1, MAX_DEPTH);
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(p->depth), 1e-10, 2);
  eiaf_lesson_page_add_picture(page, p->depth,
                               _("What is left of a gradient after k layers whose neurons all sit "
                                 "at the marker's x (weights left out): slopeᵏ"),
                               EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->depth, 240, 240);
  eiaf_lesson_page_add_side_widget(page, readout_new(p));
  return p;
}

/* Value and slope of function k under the marker, from the curves as drawn. */
static void values_at(ActivationsPage *p, int k, double x, double *value, double *slope)
{
  EiafFunctionPlot *fp = EIAF_FUNCTION_PLOT(p->functions);
  *value = eiaf_function_plot_curve_value(fp, (guint) k, x);
  *slope = eiaf_function_plot_curve_value(fp, (guint) (N_FUNCTIONS + k), x);
}

/* "sigmoid", "sigmoid and tanh", "sigmoid, tanh and ReLU": the functions whose slope is
 * below VANISHING at x, or NULL when there is none. */
static char *vanishing_list(ActivationsPage *p, double x)
{
  const char *names[N_FUNCTIONS];
  int n = 0;
  for (int k = 0; k < N_FUNCTIONS; k++) {
    double value, slope;
    values_at(p, k, x, &value, &slope);
    if (slope < VANISHING)
      names[n++] = _(function_labels[k]);
  }
  if (n == 0)
    return NULL;
  if (n == 1)
    return g_strdup(names[0]);
  if (n == 2)
    return g_strdup_printf(_("%s and %s"), names[0], names[1]);
  return g_strdup_printf(_("%s, %s and %s"), names[0], names[1], names[2]);
}

static void show_readout(ActivationsPage *p, double x)
{
  GString *text = g_string_new(NULL);
  g_string_append_printf(text, _("x = %.2f"), x);
  for (int k = 0; k < N_FUNCTIONS; k++) {
    double value, slope;
    values_at(p, k, x, &value, &slope);
    g_string_append_printf(text, "\n%s %.3g, %s %.3g", _(function_labels[k]), value, _("slope"),
                           slope);
  }
  gtk_label_set_text(p->readout, text->str);
  g_autofree char *vanishing = vanishing_list(p, x);
  g_autofree char *verdict =
      vanishing ? g_strdup_printf(_("The gradient vanishes here through %s: a slope below 0.05 "
                                    "passes back less than a twentieth of it."),
                                  vanishing)
                : g_strdup(_("Every slope here is at least 0.05: gradients pass back."));
  gtk_label_set_text(p->verdict, verdict);
  g_autofree char *description = g_strdup_printf("%s. %s", text->str, verdict);
  eiaf_plot_set_description(EIAF_PLOT(p->functions), description);
  g_string_free(text, TRUE);
}

static void show_depth(ActivationsPage *p, double x)
{
  EiafLinePlot *plot = EIAF_LINE_PLOT(p->depth);
  float layers[MAX_DEPTH], left[MAX_DEPTH];
  for (int k = 0; k < N_FUNCTIONS; k++) {
    double value, slope;
    values_at(p, k, x, &value, &slope);
    for (int d = 0; d < MAX_DEPTH; d++) {
      layers[d] = (float) (d + 1);
      /* A slope of exactly 0 leaves nothing: no point on a log axis (the line stops). */
      left[d] = (float) pow(slope, d + 1);
    }
    eiaf_line_plot_set_series(plot, (guint) k, _(function_labels[k]), layers, left, MAX_DEPTH);
  }
}

static void on_marker_moved_cb(EiafFunctionPlot *plot, double x, ActivationsPage *p)
{
  if (!p->have_curves)
    return;
  show_readout(p, x);
  show_depth(p, x);
}

static void activations_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  ActivationsPage *p = state;
  EiafFunctionPlot *fp = EIAF_FUNCTION_PLOT(p->functions);
  for (int k = 0; k < N_FUNCTIONS; k++) {
    const nn_snap_item *fn = nn_snapshot_findf(snap, "fn/%s", item_names[k]);
    const nn_snap_item *grad = nn_snapshot_findf(snap, "grad/%s", item_names[k]);
    if (!fn || !grad || fn->shape[0] != grad->shape[0] || fn->shape[0] < 2)
      return;
    gsize n = (gsize) fn->shape[0];
    g_autofree float *x = g_new(float, n);
    for (gsize i = 0; i < n; i++)
      x[i] = fn->range[0] + (fn->range[1] - fn->range[0]) * (float) i / (float) (n - 1);
    eiaf_function_plot_set_curve(fp, (guint) k, _(function_labels[k]), x, fn->data, n);
    eiaf_function_plot_set_curve_style(fp, (guint) k, (guint) k, FALSE);
    eiaf_function_plot_set_curve(fp, (guint) (N_FUNCTIONS + k), _(slope_labels[k]), x, grad->data,
                                 n);
    eiaf_function_plot_set_curve_style(fp, (guint) (N_FUNCTIONS + k), (guint) k, TRUE);
  }
  if (!p->have_curves) {
    p->have_curves = TRUE;
    g_signal_connect(fp, "marker-moved", G_CALLBACK(on_marker_moved_cb), p);
  }
  on_marker_moved_cb(fp, eiaf_function_plot_get_marker(fp), p);
}

static void activations_free(gpointer state)
{
  ActivationsPage *p = state;
  g_signal_handlers_disconnect_by_data(p->functions, p);
  g_free(p);
}

const EiafPageSpec eiaf_page_activation_functions = {
    .lesson_id = "activation-functions",
    .explanation = N_(
        "Between the layers of a network sits an activation function: it bends the straight "
        "lines so that the network can draw curves. <b>Sigmoid</b> squeezes any number into 0 "
        "to 1, <b>tanh</b> into −1 to 1, and <b>ReLU</b> keeps positive numbers and turns "
        "negative ones into 0. Training passes each error back through these functions, "
        "multiplied by their slope. Where a curve is flat, its slope is nearly 0 and the error "
        "fades away — the gradient <i>vanishes</i>, like a whisper passed along a line of people "
        "who each speak more quietly."),
    .try_this = N_("Drag the marker to x = 4: sigmoid and tanh are almost flat there (slopes "
                   "0.018 and 0.0013) while ReLU still passes everything on. Even at its "
                   "steepest, x = 0, sigmoid's slope is only 0.25: the lower picture shows how "
                   "little of a gradient is left after ten such layers. Now try x = −1: ReLU's "
                   "slope is 0 for every negative number."),
    .build = activations_build,
    .update = activations_update,
    .free_state = activations_free,
};
