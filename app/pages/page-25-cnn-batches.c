/* Lesson 25's page: lesson 24's CNN with and without batch norm — the loss of every batch and
 * the accuracy per epoch — and the speed: samples a second at the current batch size, beside
 * those measured at the other batch sizes tried on this page. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define MAX_SPEEDS 8 /* batch sizes remembered; the oldest makes room */
#define MIN_STEPS  5 /* steps before a run's speed counts (the first ones warm caches) */

typedef struct {
  int batch;
  double samples_per_s;
  guint64 seen; /* when last measured (update count), to find the oldest */
} Speed;

typedef struct {
  EiafTrainingPlots plots;
  GtkLabel *headline, *detail;
  GtkWidget *rows[MAX_SPEEDS], *bars[MAX_SPEEDS];
  GtkLabel *batch_labels[MAX_SPEEDS], *speed_labels[MAX_SPEEDS];
  Speed speeds[MAX_SPEEDS];
  int n_speeds;
  guint64 updates;
} BatchesPage;

/* ---- speed ---- */

static GtkLabel *plain_label(const char *css_class, float xalign)
{
  GtkLabel *label = GTK_LABEL(gtk_label_new(""));
  gtk_label_set_xalign(label, xalign);
  if (css_class)
    gtk_widget_add_css_class(GTK_WIDGET(label), css_class);
  return label;
}

/* The headline ("8400 samples a second"), a line of detail, and one row per batch size tried:
 * "batch 100  ▮▮▮▮▮▮▮▮░░  8400 samples/s". */
static GtkWidget *speed_card(BatchesPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  p->headline = plain_label("title-1", 0);
  gtk_label_set_selectable(p->headline, TRUE);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->headline));
  p->detail = plain_label("dim-label", 0);
  gtk_label_set_wrap(p->detail, TRUE);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->detail));

  GtkWidget *grid = gtk_grid_new();
  gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
  gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
  gtk_widget_set_margin_top(grid, 6);
  for (int i = 0; i < MAX_SPEEDS; i++) {
    p->batch_labels[i] = plain_label("numeric", 1);
    p->bars[i] = gtk_level_bar_new_for_interval(0, 1);
    gtk_widget_set_hexpand(p->bars[i], TRUE);
    gtk_widget_set_valign(p->bars[i], GTK_ALIGN_CENTER);
    p->speed_labels[i] = plain_label("numeric", 0);
    gtk_grid_attach(GTK_GRID(grid), GTK_WIDGET(p->batch_labels[i]), 0, i, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), p->bars[i], 1, i, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), GTK_WIDGET(p->speed_labels[i]), 2, i, 1, 1);
  }
  gtk_box_append(GTK_BOX(box), grid);
  gtk_widget_set_size_request(box, -1, 1);
  return box;
}

/* Remembers the speed of a run at `batch`: replaces that batch size's entry, or takes a free
 * one, or the oldest. */
static void remember_speed(BatchesPage *p, int batch, double samples_per_s)
{
  int slot = -1;
  for (int i = 0; i < p->n_speeds && slot < 0; i++)
    if (p->speeds[i].batch == batch)
      slot = i;
  if (slot < 0 && p->n_speeds < MAX_SPEEDS)
    slot = p->n_speeds++;
  if (slot < 0) {
    slot = 0;
    for (int i = 1; i < p->n_speeds; i++)
      if (p->speeds[i].seen < p->speeds[slot].seen)
        slot = i;
  }
  p->speeds[slot] = (Speed){.batch = batch, .samples_per_s = samples_per_s, .seen = p->updates};
}

static int compare_batch(gconstpointer a, gconstpointer b)
{
  return ((const Speed *) a)->batch - ((const Speed *) b)->batch;
}

static void show_speed_rows(BatchesPage *p, int current)
{
  Speed sorted[MAX_SPEEDS];
  memcpy(sorted, p->speeds, sizeof(Speed) * (gsize) p->n_speeds);
  qsort(sorted, (gsize) p->n_speeds, sizeof(Speed), compare_batch);
  double fastest = 0;
  for (int i = 0; i < p->n_speeds; i++)
    fastest = MAX(fastest, sorted[i].samples_per_s);
  for (int i = 0; i < MAX_SPEEDS; i++) {
    gboolean used = i < p->n_speeds;
    gtk_widget_set_visible(GTK_WIDGET(p->batch_labels[i]), used);
    gtk_widget_set_visible(p->bars[i], used);
    gtk_widget_set_visible(GTK_WIDGET(p->speed_labels[i]), used);
    if (!used)
      continue;
    g_autofree char *batch = g_strdup_printf(_("batch %d"), sorted[i].batch);
    g_autofree char *speed = g_strdup_printf(_("%.0f samples/s"), sorted[i].samples_per_s);
    gtk_label_set_text(p->batch_labels[i], batch);
    gtk_label_set_text(p->speed_labels[i], speed);
    gtk_level_bar_set_value(GTK_LEVEL_BAR(p->bars[i]),
                            fastest > 0 ? sorted[i].samples_per_s / fastest : 0);
    g_autofree char *name = g_strdup_printf(_("Speed at batch size %d"), sorted[i].batch);
    gtk_accessible_update_property(GTK_ACCESSIBLE(p->bars[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                   -1);
    /* The current batch size's row stands out. */
    if (sorted[i].batch == current) {
      gtk_widget_add_css_class(GTK_WIDGET(p->batch_labels[i]), "heading");
      gtk_widget_add_css_class(GTK_WIDGET(p->speed_labels[i]), "heading");
    } else {
      gtk_widget_remove_css_class(GTK_WIDGET(p->batch_labels[i]), "heading");
      gtk_widget_remove_css_class(GTK_WIDGET(p->speed_labels[i]), "heading");
    }
  }
}

static void show_speed(BatchesPage *p, const nn_snapshot *s)
{
  int batch = (int) s->params[nn_lesson_param_index(s->lesson, "batch_size")];
  if (s->step >= MIN_STEPS && s->samples_per_s > 0)
    remember_speed(p, batch, s->samples_per_s);
  show_speed_rows(p, batch);
  if (s->samples_per_s <= 0) {
    gtk_label_set_text(p->headline, _("Measuring…"));
    gtk_label_set_text(p->detail, "");
    return;
  }
  int networks = MAX(s->n_variants, 1);
  double steps_per_s = s->samples_per_s / networks / batch;
  g_autofree char *headline = g_strdup_printf(_("%.0f samples a second"), s->samples_per_s);
  g_autofree char *detail = g_strdup_printf(
      ngettext("Both networks together, at a batch size of %d sample: %.1f steps a second each.",
               "Both networks together, at a batch size of %d samples: %.1f steps a second each.",
               batch),
      batch, steps_per_s);
  gtk_label_set_text(p->headline, headline);
  gtk_label_set_text(p->detail, detail);
}

/* ---- the page ---- */

static gpointer batches_build(EiafLessonPage *page)
{
  BatchesPage *p = g_new0(BatchesPage, 1);
  eiaf_page_add_training_plots(page, &p->plots, NULL);
  eiaf_lesson_page_add_picture(page, speed_card(p),
                               _("Training speed, and at the other batch sizes tried here"),
                               EIAF_PICTURE_FULL);
  return p;
}

static void batches_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  BatchesPage *p = state;
  p->updates++;
  eiaf_show_training_plots(&p->plots, snap);
  show_speed(p, snap);
}

const EiafPageSpec eiaf_page_cnn_batches = {
    .lesson_id = "cnn-batches",
    .explanation =
        N_("Two copies of the CNN of the last lesson learn side by side from the same batches. "
           "The second has <b>batch norm</b> after each convolution and on its ten outputs: "
           "every channel is rescaled over the batch to mean 0 and spread 1, so the signal "
           "keeps a steady size from layer to layer and a large learning rate does no harm. "
           "The <b>batch size</b> is how many digits each step looks at. A small batch is like "
           "asking three passers-by for directions — quick, but the answers wander; a large "
           "one is like polling a whole crowd — a steadier answer, but each poll takes longer, "
           "so you take fewer steps."),
    .try_this = N_("Batch norm pulls ahead within the first epoch. Now move <b>Batch size</b>: "
                   "at 10 the loss curve becomes a noisy band, but an epoch is 800 steps and both "
                   "networks learn more in it; at 500 the curve is smooth and a few more samples "
                   "go through a second, but an epoch is only 16 steps and both learn far less "
                   "in it. At 1 the speed halves — and batch norm has nothing to average over, "
                   "so its network stops learning. The bars compare every batch size you try."),
    .lab_note = N_("The Course run (10 epochs of both networks) takes about half a minute on "
                   "the bundled digits; Quick stops after 2, when batch norm's lead already "
                   "shows."),
    .build = batches_build,
    .update = batches_update,
    .free_state = g_free,
};
