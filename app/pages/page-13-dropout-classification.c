/* Lesson 13's page: the decision regions of the net without and with dropout, each under the
 * true boundary, and both nets' training and validation curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

typedef struct {
  GtkWidget *regions[2], *loss, *accuracy;
} DropoutPage;

static GtkWidget *regions_new(void)
{
  GtkWidget *map = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(map), "x₁");
  eiaf_plot_set_y_title(EIAF_PLOT(map), "x₂");
  static const char *const classes[] = {N_("class 0"), N_("class 1"), NULL};
  const char *names[] = {_(classes[0]), _(classes[1]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(map), names);
  eiaf_region_map_set_boundary_label(EIAF_REGION_MAP(map), _("true boundary"));
  return map;
}

static gpointer dropout_build(EiafLessonPage *page)
{
  DropoutPage *p = g_new0(DropoutPage, 1);
  p->regions[0] =
      eiaf_lesson_page_add_picture(page, regions_new(), _("Without dropout"), EIAF_PICTURE_HALF);
  p->regions[1] =
      eiaf_lesson_page_add_picture(page, regions_new(), _("With dropout"), EIAF_PICTURE_HALF);
  p->loss =
      eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                   _("Loss per epoch (dashed: validation)"), EIAF_PICTURE_HALF);
  p->accuracy =
      eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                   _("Accuracy per epoch (dashed: validation)"), EIAF_PICTURE_HALF);
  return p;
}

static void dropout_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  DropoutPage *p = state;
  const nn_snap_item *truth = nn_snapshot_find(snap, "boundary");
  for (int v = 0; v < 2 && v < snap->n_variants; v++) {
    char field[32];
    g_snprintf(field, sizeof field, "regions/%d", v);
    eiaf_show_region_map(p->regions[v], snap, field, "points", NULL);
    if (truth && truth->ndim == 2)
      eiaf_region_map_set_boundary_grid(EIAF_REGION_MAP(p->regions[v]), truth->data,
                                        (guint) truth->shape[0], (guint) truth->shape[1],
                                        truth->range[0], truth->range[1], truth->range[2],
                                        truth->range[3]);
  }
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_dropout_classification = {
    .lesson_id = "dropout-classification",
    .explanation = N_(
        "A big network can learn its training points <i>too</i> well: it bends its boundary "
        "around every noisy point, even the ones that landed on the wrong side by chance, and "
        "then does worse on new points. <b>Dropout</b> switches off a random half of the hidden "
        "neurons at every training step, so no neuron can count on the others to fix its "
        "mistakes — like a team where anyone may be absent on any day, so everyone has to "
        "learn the whole job. The two networks here start from the same weights and see the same "
        "points; only dropout differs."),
    .try_this = N_("Compare the two maps: without dropout the boundary wanders off the true one "
                   "(the line) in islands and bays; with dropout it stays smooth. In the loss "
                   "picture, the validation loss (dashed) of the net without dropout climbs "
                   "back up while its training loss keeps falling. Set <b>Dropout</b> to 0 and "
                   "both nets behave the same; raise the <b>Noise</b> to make overfitting "
                   "worse."),
    .lab_note = N_("Unlike the lab, both networks start from the same weights, so only dropout "
                   "differs between them."),
    .build = dropout_build,
    .update = dropout_update,
    .free_state = g_free,
};
