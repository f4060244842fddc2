/* Lesson 21's page: the input, after ReLU (the values pooling keeps ringed) and after max
 * pooling, in one row with the size formula under it — each stage with its numbers, on one
 * colour scale. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-matrix-view.h"
#include "eiaf-page-spec.h"

typedef struct {
  GtkWidget *input, *relu, *pooled;
  GtkLabel *formula;
} PoolPage;

static GtkWidget *stage(const char *title)
{
  GtkWidget *view = eiaf_matrix_view_new();
  eiaf_plot_set_title(EIAF_PLOT(view), title);
  eiaf_matrix_view_set_show_title(EIAF_MATRIX_VIEW(view), TRUE);
  gtk_widget_set_size_request(view, 150, 220);
  gtk_widget_set_hexpand(view, TRUE);
  return view;
}

static GtkWidget *arrow(const char *what)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign(box, GTK_ALIGN_CENTER);
  GtkWidget *label = gtk_label_new(what);
  gtk_widget_add_css_class(label, "caption");
  gtk_box_append(GTK_BOX(box), label);
  GtkWidget *head = gtk_label_new("→");
  gtk_widget_add_css_class(head, "title-2");
  gtk_box_append(GTK_BOX(box), head);
  return box;
}

/* input → ReLU → max pooling in one row, the size formula under it. */
static gpointer pool_build(EiafLessonPage *page)
{
  PoolPage *p = g_new0(PoolPage, 1);
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  p->input = stage(_("Input"));
  p->relu = stage(_("After ReLU"));
  p->pooled = stage(_("After max pooling"));
  gtk_box_append(GTK_BOX(row), p->input);
  gtk_box_append(GTK_BOX(row), arrow(_("ReLU")));
  gtk_box_append(GTK_BOX(row), p->relu);
  gtk_box_append(GTK_BOX(row), arrow(_("max pool")));
  gtk_box_append(GTK_BOX(row), p->pooled);
  gtk_box_append(GTK_BOX(box), row);
  p->formula = GTK_LABEL(gtk_label_new(""));
  gtk_label_set_xalign(p->formula, 0);
  gtk_label_set_wrap(p->formula, TRUE);
  gtk_label_set_selectable(p->formula, TRUE);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->formula));
  gtk_widget_set_size_request(box, -1, 1);
  eiaf_lesson_page_add_picture(
      page, box, _("Each stage with its numbers (ringed: what pooling keeps)"), EIAF_PICTURE_FULL);
  return p;
}

static const nn_snap_item *item(const nn_snapshot *s, const char *name, int ndim)
{
  const nn_snap_item *it = nn_snapshot_find(s, name);
  return it && it->ndim == ndim ? it : NULL;
}

static void show(GtkWidget *view, const nn_snap_item *it, double range)
{
  eiaf_matrix_view_set_range(EIAF_MATRIX_VIEW(view), -range, range);
  eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(view), it->data, (guint) it->shape[0],
                              (guint) it->shape[1]);
}

static void pool_update(EiafLessonPage *page, gpointer state, nn_snapshot *s)
{
  PoolPage *p = state;
  const nn_snap_item *input = item(s, "input", 2), *relu = item(s, "relu", 2);
  const nn_snap_item *pooled = item(s, "pooled", 2), *winners = item(s, "winners", 2);
  const nn_snap_item *geometry = item(s, "geometry", 1);
  if (!input || !relu || !pooled || !winners || !geometry) {
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(p->input));
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(p->relu));
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(p->pooled));
    gtk_label_set_text(p->formula, "");
    return;
  }
  /* One scale for the three stages: a value keeps its colour from one to the next. */
  double m = 0;
  for (size_t i = 0; i < nn_snap_item_numel(input); i++)
    m = fmax(m, fabs(input->data[i]));
  show(p->input, input, m);
  show(p->relu, relu, m);
  show(p->pooled, pooled, m);
  size_t n = nn_snap_item_numel(winners);
  g_autofree guint8 *marks = g_new(guint8, n);
  for (size_t i = 0; i < n; i++)
    marks[i] = winners->data[i] != 0;
  eiaf_matrix_view_set_marks(EIAF_MATRIX_VIEW(p->relu), marks, (guint) winners->shape[0],
                             (guint) winners->shape[1]);
  int side = (int) geometry->data[0], k = (int) geometry->data[1];
  int stride = (int) geometry->data[2], out = (int) geometry->data[3];
  g_autofree char *text = g_strdup_printf(
      _("Pooled size ⌊(M − k)/s⌋ + 1 = ⌊(%d − %d)/%d⌋ + 1 = %d"), side, k, stride, out);
  gtk_label_set_text(p->formula, text);
}

const EiafPageSpec eiaf_page_activation_pooling = {
    .lesson_id = "activation-pooling",
    .explanation =
        N_("After a convolution come two simple steps. <b>ReLU</b> keeps every positive number "
           "and turns every negative one into 0. <b>Max pooling</b> then slides a small window "
           "over the map and keeps only the largest number under it — like a class that sends "
           "only its best mark from each table to the head teacher. The map gets smaller, and "
           "the strongest answers survive."),
    .try_this = N_("Switch <b>Pool stride</b> between 1 and 2: the lab’s 3 × 3 and 2 × 2 "
                   "answers. The ringed values are the ones some window kept. Choose "
                   "<b>Edges of a digit</b> and raise the <b>Pool size</b>: the map shrinks "
                   "but the strokes of the digit remain."),
    .lab_note = N_("The lab pools its 4×4 without ReLU; the numbers are the same, since "
                   "keeping the largest value and clipping negatives can be done in either "
                   "order."),
    .build = pool_build,
    .update = pool_update,
    .free_state = g_free,
};
