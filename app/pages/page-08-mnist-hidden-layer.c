/* Lesson 8's page: the curves, what each hidden neuron looks for (its 784 weights as a
 * picture), and a canvas to draw a digit of one's own. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

typedef struct {
  GtkWidget *weights, *predictor;
  EiafTrainingPlots plots;
} HiddenLayerPage;

static gpointer hidden_layer_build(EiafLessonPage *page)
{
  HiddenLayerPage *p = g_new0(HiddenLayerPage, 1);
  eiaf_page_add_training_plots(page, &p->plots, NULL);
  GtkWidget *grid = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(grid), EIAF_COLORMAP_DIVERGING);
  /* Each neuron on its own scale: their weights grow at different rates, and a shared scale
   * would leave most of them pale. */
  eiaf_image_grid_set_shared_scale(EIAF_IMAGE_GRID(grid), FALSE);
  eiaf_plot_set_placeholder_text(EIAF_PLOT(grid), _("The weights appear when training starts"));
  gtk_widget_set_size_request(grid, 240, 340);
  p->weights = eiaf_lesson_page_add_picture(
      page, grid, _("Each hidden neuron's 784 weights (at most 100 neurons)"), EIAF_PICTURE_FULL);
  p->predictor = eiaf_page_add_digit_predictor(page, 28);
  return p;
}

static void hidden_layer_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  HiddenLayerPage *p = state;
  eiaf_show_training_plots(&p->plots, snap);
  eiaf_show_images(p->weights, snap, "weights");
  eiaf_show_digit_predictor(p->predictor, page, snap, 0);
}

const EiafPageSpec eiaf_page_mnist_hidden_layer = {
    .lesson_id = "mnist-hidden-layer",
    .explanation =
        N_("Lesson 4 gave each digit one stencil. Here a <b>hidden layer</b> of sigmoid neurons "
           "comes first: each looks at the whole digit through 784 weights of its own and answers "
           "how strongly it sees its pattern — a stroke here, a loop there. The output layer then "
           "decides from those answers, not from the pixels. It is like a panel of a hundred "
           "judges, each watching for one detail, whose votes a chairman weighs to reach the "
           "verdict."),
    .try_this = N_("Quick nears 90% on the held-out digits within three epochs and ends near 94% "
                   "(lesson 4's single layer: 90%). The pictures of "
                   "the weights show what each neuron learnt: blurred strokes and blobs, not "
                   "whole digits. Set <b>Hidden neurons</b> to 1: all ten digits must squeeze "
                   "through one number, and accuracy stays near 25%; with 2 it stays below 50%. "
                   "Then try the <b>Course</b> preset: at learning rate 0.01 and batches of 2000 "
                   "the network hardly moves on 8,000 digits."),
    .lab_note = N_("On the bundled 8,000 digits the lab's batch of 2000 makes 4 steps an epoch, "
                   "too few at lr 0.01, so Quick takes batches of 100 at lr 2."),
    .build = hidden_layer_build,
    .update = hidden_layer_update,
    .free_state = g_free,
};
