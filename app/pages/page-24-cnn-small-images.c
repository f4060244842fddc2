/* Lesson 24's page: loss and accuracy, the first layer's sixteen kernels, digits it gets wrong,
 * and the feature maps of a validation digit the student picks with the Sample spin button
 * beside the controls. The maps are computed here, on the main thread, from the inference copy
 * of the model each snapshot carries: picking another digit never restarts training. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "nn_lesson_util.h"

#define SIDE 16

/* The layers whose outputs are drawn (the plain course CNN's indices) and their titles. */
enum { LAYER_RELU1 = 1, LAYER_POOL1 = 2, LAYER_RELU2 = 4, LAYER_POOL2 = 5, LAYER_LOGITS = 7 };
#define N_STAGES 4
static const int stage_layers[N_STAGES] = {LAYER_RELU1, LAYER_POOL1, LAYER_RELU2, LAYER_POOL2};
static const char *const stage_titles[N_STAGES] = {
    N_("Conv 1 + ReLU: 16 maps of 16×16"),
    N_("Max pool: 16 maps of 8×8"),
    N_("Conv 2 + ReLU: 32 maps of 8×8"),
    N_("Max pool: 32 maps of 4×4 (the Linear layer's 512 inputs)"),
};

typedef struct {
  EiafLessonPage *page;
  GtkWidget *kernels, *wrong;
  EiafTrainingPlots plots;
  GtkWidget *stages[N_STAGES];
  GtkWidget *input;
  GtkSpinButton *sample;
  GtkLabel *answer;
  nn_snapshot *snap; /* the newest, for its model (a reference) */
} SmallImagesPage;

/* ---- the chosen digit ---- */

static const nn_mnist *page_mnist(SmallImagesPage *p)
{
  nn_error err;
  return nn_lesson_get_mnist(eiaf_lesson_page_get_env(p->page), SIDE, &err);
}

/* The chosen validation digit through the snapshot's model: its maps and the answer. */
static void show_feature_maps(SmallImagesPage *p)
{
  const nn_mnist *mnist = page_mnist(p);
  nn_model *model = p->snap ? p->snap->models[0] : NULL;
  if (!mnist || !model || mnist->test.n == 0)
    return;
  gtk_spin_button_set_range(p->sample, 0, mnist->test.n - 1);
  int index = MIN(gtk_spin_button_get_value_as_int(p->sample), mnist->test.n - 1);
  const float *digit = nn_dataset_sample(&mnist->test, index);
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->input), digit, 1, SIDE, SIDE);

  nn_snapshot *maps = nn_snapshot_new();
  if (!maps)
    return;
  nn_snap_feature_maps(maps, "maps", model, digit);
  for (int k = 0; k < N_STAGES; k++) {
    char item[32];
    g_snprintf(item, sizeof item, "maps/%d", stage_layers[k]);
    eiaf_show_images(p->stages[k], maps, item);
  }
  const nn_snap_item *logits = nn_snapshot_findf(maps, "maps/%d", LAYER_LOGITS);
  if (logits && nn_snap_item_numel(logits) == 10) {
    float probs[10];
    nn_softmax(logits->data, 1, 10, probs);
    int guess = 0;
    for (int c = 1; c < 10; c++)
      if (probs[c] > probs[guess])
        guess = c;
    int truth = mnist->test.y_class[index];
    /* TRANSLATORS: "Prediction: 7 (98%) · label 7" */
    g_autofree char *text =
        g_strdup_printf(_("Prediction: %s (%.0f%%) · label %s"), nn_mnist_class_name(mnist, guess),
                        100.0 * probs[guess], nn_mnist_class_name(mnist, truth));
    gtk_label_set_text(p->answer, text);
  }
  nn_snapshot_unref(maps);
}

static void on_sample_value_changed_cb(GtkSpinButton *spin, SmallImagesPage *p)
{
  show_feature_maps(p);
}

/* Beside the controls: Sample [  0 ], the digit, and what the network answers. */
static GtkWidget *sample_box(SmallImagesPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new(_("Feature maps of a validation digit"));
  gtk_label_set_xalign(GTK_LABEL(heading), 0);
  gtk_widget_add_css_class(heading, "heading");
  gtk_box_append(GTK_BOX(box), heading);

  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new(_("Sample"));
  gtk_label_set_xalign(GTK_LABEL(label), 0);
  gtk_widget_set_hexpand(label, TRUE);
  gtk_box_append(GTK_BOX(row), label);
  p->sample = GTK_SPIN_BUTTON(gtk_spin_button_new_with_range(0, 1999, 1));
  gtk_spin_button_set_numeric(p->sample, TRUE);
  gtk_accessible_update_property(GTK_ACCESSIBLE(p->sample), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 _("Sample"), -1);
  gtk_widget_set_tooltip_text(GTK_WIDGET(p->sample),
                              _("Which validation digit the feature maps show"));
  g_signal_connect(p->sample, "value-changed", G_CALLBACK(on_sample_value_changed_cb), p);
  gtk_box_append(GTK_BOX(row), GTK_WIDGET(p->sample));
  gtk_box_append(GTK_BOX(box), row);

  p->input = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(p->input), EIAF_COLORMAP_GREY);
  eiaf_image_grid_set_show_colorbar(EIAF_IMAGE_GRID(p->input), FALSE);
  eiaf_plot_set_title(EIAF_PLOT(p->input), _("The chosen digit, as the network sees it (16×16)"));
  gtk_widget_set_size_request(p->input, 160, 150);
  gtk_widget_set_vexpand(p->input, FALSE);
  gtk_box_append(GTK_BOX(box), p->input);

  p->answer = GTK_LABEL(gtk_label_new(""));
  gtk_label_set_xalign(p->answer, 0);
  gtk_label_set_wrap(p->answer, TRUE);
  gtk_label_set_selectable(p->answer, TRUE);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->answer));
  return box;
}

/* ---- pictures ---- */

/* The four stages' maps one under the other, each under its title: the first layer's large
 * maps two rows of 8, the smaller ones rows of 16. */
static GtkWidget *stages_card(SmallImagesPage *p)
{
  static const guint columns[N_STAGES] = {8, 16, 16, 16};
  static const int heights[N_STAGES] = {150, 60, 90, 90};
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
  for (int k = 0; k < N_STAGES; k++) {
    GtkWidget *title = gtk_label_new(_(stage_titles[k]));
    gtk_label_set_xalign(GTK_LABEL(title), 0);
    gtk_label_set_wrap(GTK_LABEL(title), TRUE);
    gtk_widget_add_css_class(title, "caption");
    gtk_box_append(GTK_BOX(box), title);
    p->stages[k] = eiaf_image_grid_new();
    eiaf_plot_set_title(EIAF_PLOT(p->stages[k]), _(stage_titles[k]));
    eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(p->stages[k]), EIAF_COLORMAP_SEQUENTIAL);
    eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(p->stages[k]), columns[k]);
    gtk_widget_set_size_request(p->stages[k], 160, heights[k]);
    gtk_box_append(GTK_BOX(box), p->stages[k]);
  }
  gtk_widget_set_size_request(box, -1, 1);
  return box;
}

static gpointer small_build(EiafLessonPage *page)
{
  SmallImagesPage *p = g_new0(SmallImagesPage, 1);
  p->page = page;
  eiaf_page_add_training_plots(page, &p->plots, NULL);

  p->kernels = eiaf_image_grid_new();
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(p->kernels), 8);
  gtk_widget_set_size_request(p->kernels, 240, 150);
  eiaf_lesson_page_add_picture(page, p->kernels, _("The first layer's sixteen 5×5 kernels"),
                               EIAF_PICTURE_FULL);
  p->wrong = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(p->wrong), EIAF_COLORMAP_GREY);
  eiaf_image_grid_set_show_colorbar(EIAF_IMAGE_GRID(p->wrong), FALSE);
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(p->wrong), 6);
  gtk_widget_set_size_request(p->wrong, 240, 120);
  eiaf_plot_set_placeholder_text(EIAF_PLOT(p->wrong), _("No mistakes among 500 digits"));
  eiaf_lesson_page_add_picture(page, p->wrong,
                               _("Validation digits it gets wrong: label → answer (confidence)"),
                               EIAF_PICTURE_FULL);

  GtkWidget *stages = stages_card(p);
  eiaf_lesson_page_add_picture(page, stages,
                               _("What each layer makes of the chosen digit (pick it with "
                                 "Sample, beside the controls)"),
                               EIAF_PICTURE_FULL);
  eiaf_lesson_page_add_side_widget(page, sample_box(p));
  return p;
}

static void small_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SmallImagesPage *p = state;
  eiaf_show_training_plots(&p->plots, snap);
  eiaf_show_images(p->kernels, snap, "kernels");
  const nn_mnist *mnist = page_mnist(p);
  g_autofree const char **names = NULL;
  if (mnist && mnist->fashion) {
    names = g_new0(const char *, 11);
    for (int c = 0; c < 10; c++)
      names[c] = nn_mnist_class_name(mnist, c);
  }
  eiaf_show_examples(p->wrong, snap, "examples", "wrong", names);
  if (!snap->models[0])
    return;
  g_clear_pointer(&p->snap, nn_snapshot_unref);
  p->snap = nn_snapshot_ref(snap);
  show_feature_maps(p);
}

static void small_free(gpointer state)
{
  SmallImagesPage *p = state;
  g_clear_pointer(&p->snap, nn_snapshot_unref);
  g_free(p);
}

const EiafPageSpec eiaf_page_cnn_small_images = {
    .lesson_id = "cnn-small-images",
    .explanation =
        N_("This is the course's CNN at work on real handwriting, shrunk to 16×16 pixels. Its "
           "first layer has sixteen 5×5 kernels, each a small pattern — a stroke, an edge, a "
           "corner — slid over the digit to make a map of where that pattern occurs. Pooling "
           "halves each map, keeping the strongest answers; a second layer of 32 kernels "
           "combines the sixteen maps into patterns of patterns; and a last Linear layer reads "
           "the 512 values that remain. It is how you read a blurred word: first the strokes, "
           "then the letters they make, then the word."),
    .try_this = N_("Watch the kernels grow from noise into strokes and edges. Pick a digit with "
                   "<b>Sample</b>: in the first maps you can still see the digit, traced by "
                   "each kernel in its own way; after the second layer the maps are small and "
                   "abstract — only the last layer knows what they mean. Look at the digits it "
                   "gets wrong: many would puzzle a person too. Try a <b>Learning rate</b> of "
                   "0.01 and see how much slower it learns."),
    .lab_note = N_("The lab trains 3 epochs of batches of 100 on all 60,000 digits; on the "
                   "bundled 8,000 that ends at 92%, so Quick takes batches of 20 at lr 0.05 for "
                   "6 epochs (96%)."),
    .build = small_build,
    .update = small_update,
    .free_state = small_free,
};
