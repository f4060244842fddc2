/* Lesson 1's page: the neuron's curve over the points, the loss surface over (w, b) with the
 * path the parameters take, and the curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

/* The fit's vertical extent: labels 0 and 1 with room around them. */
#define FIT_Y_LO -0.2
#define FIT_Y_HI 1.2

typedef struct {
  GtkWidget *fit, *surface, *loss, *accuracy;
  guint64 generation; /* of the surface shown: it changes only with a new run */
  gboolean has_surface;
} BadInitPage;

static GtkWidget *fit_map_new(void)
{
  GtkWidget *map = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(map), "x");
  eiaf_plot_set_y_title(EIAF_PLOT(map), _("label, p"));
  static const char *const classes[] = {N_("class 0 (x ≤ 0.2)"), N_("class 1 (x > 0.2)"), NULL};
  const char *names[] = {_(classes[0]), _(classes[1]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(map), names);
  eiaf_region_map_set_boundary_label(EIAF_REGION_MAP(map), "p = σ(wx + b)");
  return map;
}

static gpointer bad_init_build(EiafLessonPage *page)
{
  BadInitPage *p = g_new0(BadInitPage, 1);
  p->fit = eiaf_lesson_page_add_picture(
      page, fit_map_new(), _("The points and the neuron's curve (shading: the class it predicts)"),
      EIAF_PICTURE_HALF);
  p->surface = eiaf_lesson_page_add_picture(
      page, eiaf_loss_surface_new("w", "b"),
      _("The loss over (w, b): the path from the start (white) to now (orange)"),
      EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  return p;
}

/* The curve over x as a polyline on the fit map. */
static void show_curve(GtkWidget *map, const nn_snapshot *s, const char *item)
{
  const nn_snap_item *c = nn_snapshot_find(s, item);
  if (!c || c->ndim != 2 || c->shape[1] != 1)
    return;
  gsize n = (gsize) c->shape[0];
  g_autofree float *x = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = c->range[0] + (c->range[1] - c->range[0]) * (float) i / (float) MAX(n - 1, 1);
  eiaf_region_map_set_boundary_polyline(EIAF_REGION_MAP(map), x, c->data, n);
}

static void bad_init_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  BadInitPage *p = state;
  gboolean new_run = !p->has_surface || snap->generation != p->generation;
  eiaf_show_contour_map(p->surface, snap, new_run ? "surface/0" : NULL, "path/0");
  if (new_run && nn_snapshot_find(snap, "surface/0")) {
    p->generation = snap->generation;
    p->has_surface = TRUE;
  }
  eiaf_show_regions_over_x(p->fit, snap, "curve/0", FIT_Y_LO, FIT_Y_HI, "points");
  show_curve(p->fit, snap, "curve/0");
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_logistic_bad_init = {
    .lesson_id = "logistic-bad-init",
    .explanation =
        N_("One neuron draws an S-shaped curve, p = σ(w·x + b): how sure it is that a point is "
           "class 1. Training nudges w (how steep the curve is) and b (where it rises) downhill on "
           "the loss. Started at w = −5, b = −10, the curve lies flat at 0 under every point, and "
           "the loss there is a wide, flat plateau. With the mean squared error the slope on it is "
           "almost exactly zero — like a marble on a huge flat table: nothing tells it which way "
           "is down, so it hardly rolls."),
    .try_this = N_(
        "Watch the orange dot on the loss surface: from the lab's start it does not move, and the "
        "accuracy stays at 65% (every point called class 0). Set <b>Start</b> to Random: the dot "
        "starts near the middle and rolls into the valley. Or keep the bad start and set "
        "<b>Loss</b> to Cross-entropy: its slope does not vanish, and the path walks off the "
        "plateau."),
    .build = bad_init_build,
    .update = bad_init_update,
    .free_state = g_free,
};
