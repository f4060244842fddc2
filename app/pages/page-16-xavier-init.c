/* Lesson 16's page: the three starts' accuracy curves, and for each start the
 * activations of every hidden layer before training. */
#include "config.h"

#include <glib/gi18n.h>

#include "eiaf-histogram.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define N_VARIANTS 3
#define N_HIDDEN   5 /* tanh layers of 100, 10, 100, 10, 100 neurons */

typedef struct {
  GtkWidget *accuracy, *hist[N_VARIANTS];
} XavierPage;

static gpointer xavier_build(EiafLessonPage *page)
{
  XavierPage *p = g_new0(XavierPage, 1);
  p->accuracy =
      eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                   _("Accuracy per epoch (dashed: validation)"), EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->accuracy, 240, 240);
  static const char *const captions[N_VARIANTS] = {
      N_("Default start: each hidden layer's tanh outputs before training"),
      N_("Xavier start: each hidden layer's tanh outputs before training"),
      N_("Uniform (0, 1) start: each hidden layer's tanh outputs before training"),
  };
  for (int v = 0; v < N_VARIANTS; v++) {
    GtkWidget *h = eiaf_histogram_new();
    eiaf_histogram_set_small_multiples(EIAF_HISTOGRAM(h), TRUE);
    /* Every layer of a start in that start's colour, as its accuracy curve. */
    eiaf_histogram_set_color(EIAF_HISTOGRAM(h), v);
    eiaf_plot_set_y_title(EIAF_PLOT(h), _("share (%)"));
    p->hist[v] = eiaf_lesson_page_add_picture(page, h, _(captions[v]), EIAF_PICTURE_FULL);
  }
  return p;
}

static void xavier_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  XavierPage *p = state;
  eiaf_show_history(NULL, p->accuracy, snap);
  static const int widths[N_HIDDEN] = {100, 10, 100, 10, 100};
  for (int v = 0; v < N_VARIANTS && v < snap->n_variants; v++) {
    for (int k = 0; k < N_HIDDEN; k++) {
      char item[32];
      g_snprintf(item, sizeof item, "hist/%d/%d", v, k);
      g_autofree char *label = g_strdup_printf(_("layer %d (%d)"), k + 1, widths[k]);
      eiaf_show_histogram(p->hist[v], (guint) k, label, snap, item);
    }
  }
}

const EiafPageSpec eiaf_page_xavier_init = {
    .lesson_id = "xavier-init",
    .explanation = N_(
        "A deep network passes its input through layer after layer. If each layer makes the "
        "signal a little smaller, almost nothing reaches the end; if each makes it bigger, every "
        "tanh neuron is pushed to its flat end at +1 or −1, where it no longer reacts — like "
        "whispering a message down a long line of people: too quiet and it fades, too loud and "
        "everyone just shouts. <b>Xavier</b> initialisation draws each layer's first weights "
        "with a spread chosen from its number of inputs and outputs, so the signal keeps its "
        "size from layer to layer. The three networks here differ only in how their weights "
        "start."),
    .try_this = N_("Look at the histograms first: with weights drawn from 0 to 1 every layer's "
                   "outputs pile up at +1 — saturated — and that network never gets past "
                   "guessing (10%). The default start squeezes the outputs towards 0 in the "
                   "deeper layers; Xavier keeps them spread, and its accuracy climbs first. Try "
                   "a larger <b>Learning rate</b> to see whether the default start catches up."),
    .lab_note = N_("On the bundled 8,000 digits a batch of 2000 makes only 60 steps in 15 epochs, "
                   "so Quick takes batches of 100; the lab's result needs the full MNIST."),
    .build = xavier_build,
    .update = xavier_update,
    .free_state = g_free,
};
