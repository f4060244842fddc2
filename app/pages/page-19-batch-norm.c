/* Lesson 19's page: the same network with and without batch norm — loss per step, accuracy
 * per epoch, and what the second hidden layer's neurons receive. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-histogram.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

typedef struct {
  GtkWidget *histogram;
  EiafTrainingPlots plots;
} BatchNormPage;

static gpointer bn_build(EiafLessonPage *page)
{
  BatchNormPage *p = g_new0(BatchNormPage, 1);
  eiaf_page_add_training_plots(page, &p->plots, _("Accuracy per epoch"));
  p->histogram = eiaf_histogram_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->histogram), _("input of the second layer's sigmoids"));
  eiaf_plot_set_y_title(EIAF_PLOT(p->histogram), _("count"));
  eiaf_lesson_page_add_picture(
      page, p->histogram, _("What the second layer's sigmoids receive (500 validation digits)"),
      EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->histogram, 240, 240);
  return p;
}

static void bn_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  BatchNormPage *p = state;
  eiaf_show_training_plots(&p->plots, snap);
  for (int v = 0; v < snap->n_variants; v++) {
    char item[32];
    g_snprintf(item, sizeof item, "preact/%d", v);
    eiaf_show_histogram(p->histogram, (guint) v, eiaf_variant_label(snap, v), snap, item);
  }
}

const EiafPageSpec eiaf_page_batch_norm = {
    .lesson_id = "batch-norm",
    .explanation =
        N_("A sigmoid neuron only learns while its input stays near zero: far out, its curve is "
           "flat and the gradient vanishes. With a large learning rate the inputs of the hidden "
           "neurons drift far out and the network stalls. <b>Batch normalisation</b> rescales each "
           "neuron's input over the batch to mean 0 and spread 1, then lets the network shift and "
           "stretch it by two numbers it learns — like a sound engineer who keeps every "
           "microphone at a sensible level, so no singer is drowned out or clipped."),
    .try_this = N_("Both networks use Adam at learning rate 0.1. Watch the accuracy: with batch "
                   "norm it passes 80% in the first epoch, without it hardly learns at all. The "
                   "histogram shows why: without batch norm the neurons' inputs sit far from "
                   "zero, where the sigmoid is flat; with it they stay centred and narrow. Lower "
                   "the <b>Learning rate</b> to 0.01: now the plain network learns too, and the "
                   "two end up close."),
    .lab_note = N_("Unlike the lab's forward pass, batch norm comes before each sigmoid (as its "
                   "histograms assume), and accuracy is measured on held-out digits."),
    .build = bn_build,
    .update = bn_update,
    .free_state = g_free,
};
