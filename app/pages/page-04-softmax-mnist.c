/* Lesson 4's page: the ten weight images before and after training, the curves, digits the
 * model gets wrong and right, and a canvas to draw a digit of one's own. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

typedef struct {
  GtkWidget *before, *after, *wrong, *right, *predictor;
  EiafTrainingPlots plots;
} SoftmaxMnistPage;

/* Ten 28×28 tiles, blue where ink lowers the class's score and orange where it raises it. */
static GtkWidget *weight_grid_new(void)
{
  GtkWidget *grid = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(grid), EIAF_COLORMAP_DIVERGING);
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(grid), 5);
  eiaf_plot_set_placeholder_text(EIAF_PLOT(grid), _("The weights appear when training starts"));
  gtk_widget_set_size_request(grid, 240, 240);
  return grid;
}

static GtkWidget *example_grid_new(void)
{
  GtkWidget *grid = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(grid), EIAF_COLORMAP_GREY);
  eiaf_image_grid_set_show_colorbar(EIAF_IMAGE_GRID(grid), FALSE);
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(grid), 3);
  return grid;
}

static gpointer softmax_mnist_build(EiafLessonPage *page)
{
  SoftmaxMnistPage *p = g_new0(SoftmaxMnistPage, 1);
  /* Full width, one above the other: the tiles get three screen pixels per weight. */
  p->before = eiaf_lesson_page_add_picture(
      page, weight_grid_new(), _("Each class's weights at the start"), EIAF_PICTURE_FULL);
  p->after = eiaf_lesson_page_add_picture(page, weight_grid_new(), _("Each class's weights now"),
                                          EIAF_PICTURE_FULL);
  eiaf_page_add_training_plots(page, &p->plots, NULL);
  p->wrong = eiaf_lesson_page_add_picture(
      page, example_grid_new(), _("Validation digits it gets wrong: truth → guess (probability)"),
      EIAF_PICTURE_HALF);
  p->right = eiaf_lesson_page_add_picture(
      page, example_grid_new(), _("Validation digits it gets right: truth → guess (probability)"),
      EIAF_PICTURE_HALF);
  p->predictor = eiaf_page_add_digit_predictor(page, 28);
  return p;
}

static void softmax_mnist_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SoftmaxMnistPage *p = state;
  static const char *const digits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL};
  const char *names[11];
  gboolean started = snap->models[0] != NULL;
  const char *const *classes = started && eiaf_page_class_names(page, names) ? names : NULL;
  eiaf_show_images(p->before, snap, "weights_before");
  eiaf_show_images(p->after, snap, "weights");
  for (int k = 0; k < 2; k++)
    eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(k ? p->after : p->before),
                               classes ? classes : digits);
  eiaf_show_training_plots(&p->plots, snap);
  eiaf_show_examples(p->wrong, snap, "examples", "wrong", classes);
  eiaf_show_examples(p->right, snap, "examples", "right", classes);
  eiaf_show_digit_predictor(p->predictor, page, snap, 0);
}

const EiafPageSpec eiaf_page_softmax_mnist = {
    .lesson_id = "softmax-mnist",
    .explanation =
        N_("A digit is 28 × 28 = 784 grey pixels. Lesson 3's softmax works on them unchanged: each "
           "of the ten classes gets a score, a weighted sum of all 784 pixels plus a bias, and "
           "softmax turns the ten scores into probabilities. Each class's 784 weights form a "
           "picture: <b>orange</b> where ink speaks for that digit, <b>blue</b> where it speaks "
           "against it. It works like a set of ten stencils held over the page one after another: "
           "the digit whose stencil the ink fits best wins."),
    .try_this = N_("Watch the weights turn from noise into blurred digits within the first "
                   "epoch: a 0 is an orange ring with a blue hole, a 1 an orange bar. The wrong "
                   "guesses are often digits written unusually — a stencil cannot shift or "
                   "tilt. Draw a digit on the canvas: written large and centred it is usually "
                   "read right, a slanted 7 may not be. At a <b>Learning rate</b> of 0.01 it "
                   "creeps (82% after five epochs); at 5 the validation curve jumps about."),
    .lab_note = N_("The lab trains on all 60,000 MNIST digits; the app on its bundled 8,000 "
                   "unless a data folder is chosen."),
    .build = softmax_mnist_build,
    .update = softmax_mnist_update,
    .free_state = g_free,
};
