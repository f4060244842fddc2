/* Lesson 5's page: the network's answer over x with the data, what each of the two hidden
 * neurons says, the data as the output neuron sees it (the hidden space, with its decision
 * line), and the curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-function-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

typedef struct {
  GtkWidget *fit, *hidden, *hidden_space, *loss, *accuracy;
} BumpPage;

static const char *const bump_classes[] = {N_("outside (0)"), N_("inside (1)"), NULL};

static GtkWidget *class_map_new(const char *x_title, const char *y_title)
{
  GtkWidget *map = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(map), x_title);
  eiaf_plot_set_y_title(EIAF_PLOT(map), y_title);
  const char *names[] = {_(bump_classes[0]), _(bump_classes[1]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(map), names);
  return map;
}

static gpointer bump_build(EiafLessonPage *page)
{
  BumpPage *p = g_new0(BumpPage, 1);
  p->fit = class_map_new("x", _("label, P(inside)"));
  eiaf_region_map_set_boundary_label(EIAF_REGION_MAP(p->fit), _("network output"));
  eiaf_lesson_page_add_picture(page, p->fit, _("The network's answer over x (dots: the data)"),
                               EIAF_PICTURE_HALF);

  p->hidden_space = class_map_new(_("a₁ (hidden neuron 1)"), _("a₂ (hidden neuron 2)"));
  eiaf_lesson_page_add_picture(page, p->hidden_space, _("The data as the output neuron sees it"),
                               EIAF_PICTURE_HALF);

  p->hidden = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->hidden), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(p->hidden), _("activation"));
  eiaf_function_plot_set_y_range(EIAF_FUNCTION_PLOT(p->hidden), 0, 1);
  eiaf_lesson_page_add_picture(page, p->hidden, _("What each hidden neuron says"),
                               EIAF_PICTURE_HALF);

  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->loss, 240, 200);
  return p;
}

/* The hidden activations (n, 2) as two curves over the item's x range. */
static void show_hidden(GtkWidget *plot, const nn_snapshot *snap)
{
  const nn_snap_item *h = nn_snapshot_find(snap, "hidden");
  if (!h || h->ndim != 2 || h->shape[0] < 2)
    return;
  gsize n = (gsize) h->shape[0];
  int width = h->shape[1];
  g_autofree float *x = g_new(float, n);
  g_autofree float *y = g_new(float, n);
  for (gsize i = 0; i < n; i++)
    x[i] = h->range[0] + (h->range[1] - h->range[0]) * (float) i / (float) (n - 1);
  /* Not the classes' blue and orange: a neuron is not a class. */
  static const guint colors[] = {2, 4};
  for (int k = 0; k < width && k < 2; k++) {
    for (gsize i = 0; i < n; i++)
      y[i] = h->data[i * (gsize) width + (gsize) k];
    g_autofree char *label = g_strdup_printf(_("a%s (neuron %d)"), k == 0 ? "₁" : "₂", k + 1);
    eiaf_function_plot_set_curve(EIAF_FUNCTION_PLOT(plot), (guint) k, label, x, y, n);
    eiaf_function_plot_set_curve_style(EIAF_FUNCTION_PLOT(plot), (guint) k, colors[k], FALSE);
  }
}

static void bump_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  BumpPage *p = state;
  eiaf_show_fit_over_x(p->fit, snap, "fit", "points");
  show_hidden(p->hidden, snap);
  eiaf_show_region_map(p->hidden_space, snap, "hidden_regions", "hidden_points", NULL);
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_one_hidden_layer = {
    .lesson_id = "one-hidden-layer",
    .explanation = N_(
        "The numbers between −4 and 4 are class 1, everything else class 0. One neuron can only "
        "say “bigger than something” or “smaller than something”: a single step. This network "
        "has two hidden neurons, each drawing its own step, and an output neuron that combines "
        "them — like a room lit only between two light switches. Look at the data the way the "
        "output neuron does: every x becomes a point (a₁, a₂). Training moves those points until "
        "one straight line separates the two classes."),
    .try_this = N_("Watch the right-hand picture while it trains: the orange points move into "
                   "a corner of their own and the shading settles on a straight line that cuts "
                   "them off — that line is the output neuron. Set the <b>Learning rate</b> to "
                   "0.01: after 200 epochs the network still answers “outside” everywhere "
                   "(82.5%, the share of class 0). At 1 it jumps about and often never gets "
                   "there. <b>New seed</b> starts from other weights."),
    .build = bump_build,
    .update = bump_update,
    .free_state = g_free,
};
