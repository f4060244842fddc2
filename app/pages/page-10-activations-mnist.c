/* Lesson 10's page: three networks that differ only in their hidden activation — their loss
 * and accuracy per epoch, and the slopes of their hidden neurons, which say why they learn at
 * different speeds. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-histogram.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

typedef struct {
  GtkWidget *loss, *accuracy, *slopes;
} ActivationsPage;

static gpointer activations_build(EiafLessonPage *page)
{
  ActivationsPage *p = g_new0(ActivationsPage, 1);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                         _("Training loss per epoch"), EIAF_PICTURE_HALF);
  p->accuracy = eiaf_history_plot_new(TRUE);
  /* The three end within a few points of each other: a range that fits them shows the order. */
  eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(p->accuracy), NAN, NAN);
  eiaf_lesson_page_add_picture(page, p->accuracy, _("Validation accuracy per epoch"),
                               EIAF_PICTURE_HALF);
  p->slopes = eiaf_histogram_new();
  eiaf_histogram_set_small_multiples(EIAF_HISTOGRAM(p->slopes), TRUE);
  eiaf_plot_set_x_title(EIAF_PLOT(p->slopes), _("slope of the activation"));
  eiaf_plot_set_y_title(EIAF_PLOT(p->slopes), _("count"));
  eiaf_lesson_page_add_picture(
      page, p->slopes,
      _("Slopes of each network's hidden neurons (300 validation digits): how much of the error "
        "each passes back"),
      EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->slopes, 240, 200);
  return p;
}

static void activations_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  ActivationsPage *p = state;
  eiaf_show_epoch_curves(p->loss, snap, "train_loss", 1.0f);
  eiaf_show_epoch_curves(p->accuracy, snap, "val_acc", 100.0f);
  for (int v = 0; v < snap->n_variants; v++) {
    char item[32];
    g_snprintf(item, sizeof item, "slope/%d", v);
    eiaf_show_histogram(p->slopes, (guint) v, eiaf_variant_label(snap, v), snap, item);
  }
}

const EiafPageSpec eiaf_page_activations_mnist = {
    .lesson_id = "activations-mnist",
    .explanation = N_(
        "Three networks with one hidden layer of 100 neurons learn the same digits from the same "
        "batches; only the function after the hidden layer differs: <b>sigmoid</b>, <b>tanh</b> "
        "or <b>ReLU</b>. To learn, each weight needs its share of the error, and the error "
        "reaches the first layer's weights only through the slope of the activation — like "
        "water through a tap. Sigmoid's tap is never more than a quarter open; tanh's opens "
        "fully near zero; ReLU's is either fully open or shut."),
    .try_this = N_(
        "ReLU's loss falls fastest, then tanh's, then sigmoid's, and their accuracy ends in that "
        "order. The histograms show the taps: sigmoid's slopes all lie below 0.25, tanh's reach "
        "1, ReLU's are 0 or 1. At <b>Learning rate</b> 0.05 sigmoid falls far behind. In "
        "<b>Course</b>, 120 steps on these 8,000 digits leave tanh ahead: ReLU passes it after "
        "some 700."),
    .lab_note = N_("On the bundled 8,000 digits a batch of 2000 makes only 4 steps an epoch, so "
                   "Quick takes batches of 100 at learning rate 0.5."),
    .build = activations_build,
    .update = activations_update,
    .free_state = g_free,
};
