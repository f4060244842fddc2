/* Lesson 12's page: the decision regions of the ReLU network over the three spirals (training
 * points filled, validation hollow), redrawn as it trains, and its curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

typedef struct {
  GtkWidget *regions, *loss, *accuracy;
} SpiralsPage;

static gpointer spirals_build(EiafLessonPage *page)
{
  SpiralsPage *p = g_new0(SpiralsPage, 1);
  p->regions = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->regions), "x₁");
  eiaf_plot_set_y_title(EIAF_PLOT(p->regions), "x₂");
  static const char *const arms[] = {N_("arm 0"), N_("arm 1"), N_("arm 2"), NULL};
  const char *names[] = {_(arms[0]), _(arms[1]), _(arms[2]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(p->regions), names);
  eiaf_lesson_page_add_picture(page, p->regions,
                               _("Decision regions (dots: training, rings: validation)"),
                               EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE), _("Loss per epoch"),
                                         EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->loss, 240, 200);
  return p;
}

static void spirals_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SpiralsPage *p = state;
  eiaf_show_region_map(p->regions, snap, "regions/0", "points", "val_points");
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_spirals = {
    .lesson_id = "spirals",
    .explanation =
        N_("Three spiral arms wind around each other. A ReLU neuron answers “how far am I on the "
           "right side of my line?” — zero on the wrong side — so each one adds a crease along a "
           "straight line. A layer of them bends the plane along many creases, and the next layer "
           "bends the bent plane again, like folding a sheet of paper several times before one "
           "cut: unfolded, the single cut has become a winding shape. That is how a few layers "
           "can follow a spiral."),
    .try_this =
        N_("Set <b>Layers</b> to 1 and <b>Hidden neurons</b> to 3: three creases cannot follow "
           "the arms (about 50%). Ten neurons in one layer get about 90%, two layers of ten about "
           "97%. Then choose <b>Course</b>: the lab's loader does not shuffle and the points are "
           "stored arm by arm, so each batch of 20 is a single arm — validation stays near 80% "
           "until you turn <b>Shuffle batches</b> on. The lab's second network: Layers 2, Hidden "
           "neurons 10, Learning rate 0.01, Epochs 1000."),
    .lab_note = N_("Unlike the lab, accuracy is also measured on a second, held-out draw of the "
                   "spirals (rings)."),
    .build = spirals_build,
    .update = spirals_update,
    .free_state = g_free,
};
