/* Lesson 11's page: the same deep network with three activations — their loss and accuracy
 * per epoch, and for each the outputs of every hidden layer as small multiples, live. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-histogram.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define N_VARIANTS 3

typedef struct {
  GtkWidget *loss, *accuracy, *hist[N_VARIANTS];
} DeepPage;

static gpointer deep_build(EiafLessonPage *page)
{
  DeepPage *p = g_new0(DeepPage, 1);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                         _("Training loss per epoch"), EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Validation accuracy per epoch"), EIAF_PICTURE_HALF);
  static const char *const captions[N_VARIANTS] = {
      N_("Sigmoid network: each hidden layer's outputs (200 validation digits)"),
      N_("Tanh network: each hidden layer's outputs (200 validation digits)"),
      N_("ReLU network: each hidden layer's outputs (200 validation digits)"),
  };
  for (int v = 0; v < N_VARIANTS; v++) {
    GtkWidget *h = eiaf_histogram_new();
    eiaf_histogram_set_small_multiples(EIAF_HISTOGRAM(h), TRUE);
    /* Every layer in the colour of its network's curves. */
    eiaf_histogram_set_color(EIAF_HISTOGRAM(h), v);
    eiaf_plot_set_y_title(EIAF_PLOT(h), _("count"));
    p->hist[v] = eiaf_lesson_page_add_picture(page, h, _(captions[v]), EIAF_PICTURE_FULL);
  }
  return p;
}

/* Variant v's histograms, one panel per hidden layer of this run (fewer layers than the last
 * run: the panels of the layers gone go too). */
static void show_layers(GtkWidget *hist, const nn_snapshot *snap, int v, int layers, int width)
{
  if (eiaf_histogram_get_n_distributions(EIAF_HISTOGRAM(hist)) != (guint) layers)
    eiaf_histogram_clear(EIAF_HISTOGRAM(hist));
  for (int k = 0; k < layers; k++) {
    char item[32];
    g_snprintf(item, sizeof item, "act/%d/%d", v, k);
    g_autofree char *label = g_strdup_printf(_("layer %d (%d)"), k + 1, width);
    eiaf_show_histogram(hist, (guint) k, label, snap, item);
  }
}

static void deep_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  DeepPage *p = state;
  eiaf_show_epoch_curves(p->loss, snap, "train_loss", 1.0f);
  eiaf_show_epoch_curves(p->accuracy, snap, "val_acc", 100.0f);
  int layers = (int) nn_param_value(snap->lesson, snap->params, "layers");
  int width = (int) nn_param_value(snap->lesson, snap->params, "hidden");
  for (int v = 0; v < N_VARIANTS && v < snap->n_variants; v++)
    show_layers(p->hist[v], snap, v, layers, width);
}

const EiafPageSpec eiaf_page_deep_network = {
    .lesson_id = "deep-network",
    .explanation = N_(
        "A deep network stacks hidden layers: each takes the previous one's outputs as its "
        "inputs, so later layers can combine simple strokes into shapes. But the error that "
        "trains the first layers has to travel back through every layer after them, and at "
        "each one it is multiplied by the activation's slope — like a message passed along a "
        "chain of people who each repeat at most a quarter of it: with sigmoid (slope ≤ ¼) "
        "little is left after two or three. Tanh and ReLU pass much more of it on."),
    .try_this = N_(
        "Watch the histograms: the sigmoid network's outputs stay bunched around 0.5 while it "
        "sits on its plateau; tanh's and ReLU's spread out as they learn (ReLU's tall bar at 0 "
        "are neurons that are off for a digit). Set <b>Layers</b> to 3: sigmoid's histograms "
        "freeze and its accuracy stays at chance. Raise the <b>Learning rate</b> to 0.5 with 2 "
        "layers: it leaves the plateau in its second epoch."),
    .lab_note = N_("On the bundled 8,000 digits a batch of 2000 makes only 4 steps an epoch, so "
                   "Quick takes batches of 100 at learning rate 0.1."),
    .build = deep_build,
    .update = deep_update,
    .free_state = g_free,
};
