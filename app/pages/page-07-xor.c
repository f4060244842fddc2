/* Lesson 7's page: the decision regions of the XOR network over its points, and its curves. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

typedef struct {
  GtkWidget *regions, *loss, *accuracy;
} XorPage;

static gpointer xor_build(EiafLessonPage *page)
{
  XorPage *p = g_new0(XorPage, 1);
  p->regions = eiaf_region_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->regions), "x₁");
  eiaf_plot_set_y_title(EIAF_PLOT(p->regions), "x₂");
  static const char *const classes[] = {N_("same (0)"), N_("different (1)"), NULL};
  const char *names[] = {_(classes[0]), _(classes[1]), NULL};
  eiaf_region_map_set_class_names(EIAF_REGION_MAP(p->regions), names);
  eiaf_lesson_page_add_picture(page, p->regions,
                               _("Decision regions (dots: training, rings: validation)"),
                               EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                         _("Loss per epoch"), EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->loss, 240, 200);
  return p;
}

static void xor_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  XorPage *p = state;
  eiaf_show_region_map(p->regions, snap, "regions/0", "points", "val_points");
  eiaf_show_history(p->loss, p->accuracy, snap);
}

const EiafPageSpec eiaf_page_xor = {
  .lesson_id = "xor",
  .explanation = N_(
      "XOR asks: <i>are the two inputs different?</i> The points near (0, 1) and (1, 0) are "
      "class 1, those near (0, 0) and (1, 1) class 0. No single straight line can put the "
      "two classes on different sides — like trying to separate the black and white squares "
      "of a 2×2 chessboard with one cut. Each hidden neuron draws one line; the output neuron "
      "combines them."),
  .try_this = N_("Drag <b>Hidden neurons</b> to 1: the regions stay split by one straight "
                 "line and the accuracy cannot pass 75%. At 2 or 3, watch the boundary bend "
                 "around the corners. Raise the <b>Noise</b> and the clusters start to overlap."),
  .lab_note = N_("Unlike the lab, accuracy is also measured on a second, held-out draw of the "
                 "clusters (rings), and the noise is the same for every point."),
  .build = xor_build,
  .update = xor_update,
  .free_state = g_free,
};
