/* Lesson 20's page: the image (in its padding) with the window under the kernel, the output
 * map filling in one value a step, the window's arithmetic, the output-size formula with its
 * numbers, and a kernel editor beside the controls. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eiaf-kernel-editor.h"
#include "eiaf-matrix-view.h"
#include "eiaf-page-spec.h"

#define K 3

enum { KERNEL_CUSTOM = 5 }; /* the "kernel" choice whose weights are the editor's */

typedef struct {
  EiafLessonPage *page;
  GtkWidget *input, *output, *window, *kernel, *products;
  GtkLabel *formula, *sum;
  EiafKernelEditor *editor;
  guint64 synced_generation; /* the run whose kernel the editor shows */
} ConvPage;

/* ---- the kernel editor ---- */

/* A weight typed in: the kernel becomes Custom, with every weight the editor shows. */
static void on_editor_changed_cb(EiafKernelEditor *editor, guint row, guint col, double value,
                                 ConvPage *p)
{
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(p->page);
  double params[NN_MAX_PARAMS];
  memcpy(params, eiaf_lesson_page_get_params(p->page), sizeof(double) * lesson->n_params);
  params[nn_lesson_param_index(lesson, "kernel")] = KERNEL_CUSTOM;
  double weights[K * K];
  eiaf_kernel_editor_get_values(editor, weights);
  int first = nn_lesson_param_index(lesson, "k00");
  for (int i = 0; i < K * K; i++)
    params[first + i] = weights[i];
  eiaf_lesson_page_set_params(p->page, params);
}

static GtkWidget *kernel_box(ConvPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new(_("Kernel weights"));
  gtk_label_set_xalign(GTK_LABEL(heading), 0);
  gtk_widget_add_css_class(heading, "heading");
  gtk_box_append(GTK_BOX(box), heading);
  p->editor = EIAF_KERNEL_EDITOR(eiaf_kernel_editor_new(K, K));
  eiaf_kernel_editor_set_label(p->editor, _("Kernel weights"));
  eiaf_kernel_editor_set_range(p->editor, -10, 10, 0.1, 2);
  g_signal_connect(p->editor, "changed", G_CALLBACK(on_editor_changed_cb), p);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->editor));
  GtkWidget *hint = gtk_label_new(_("Type a weight (or use ↑ and ↓): the kernel becomes "
                                    "Custom."));
  gtk_label_set_xalign(GTK_LABEL(hint), 0);
  gtk_label_set_wrap(GTK_LABEL(hint), TRUE);
  gtk_widget_add_css_class(hint, "dim-label");
  gtk_widget_add_css_class(hint, "caption");
  gtk_box_append(GTK_BOX(box), hint);
  return box;
}

/* ---- pictures ---- */

static GtkWidget *matrix(EiafColormap map, const char *title)
{
  GtkWidget *view = eiaf_matrix_view_new();
  eiaf_matrix_view_set_colormap(EIAF_MATRIX_VIEW(view), map);
  if (map == EIAF_COLORMAP_GREY)
    eiaf_matrix_view_set_range(EIAF_MATRIX_VIEW(view), 0, 1);
  if (title) {
    eiaf_plot_set_title(EIAF_PLOT(view), title);
    eiaf_matrix_view_set_show_title(EIAF_MATRIX_VIEW(view), TRUE);
  }
  return view;
}

static GtkLabel *note_label(void)
{
  GtkWidget *label = gtk_label_new("");
  gtk_label_set_xalign(GTK_LABEL(label), 0);
  gtk_label_set_wrap(GTK_LABEL(label), TRUE);
  gtk_label_set_selectable(GTK_LABEL(label), TRUE);
  return GTK_LABEL(label);
}

/* The output map with the size formula under it. */
static GtkWidget *output_card(ConvPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  p->output = matrix(EIAF_COLORMAP_DIVERGING, NULL);
  eiaf_plot_set_title(EIAF_PLOT(p->output), _("Output map"));
  gtk_widget_set_vexpand(p->output, TRUE);
  gtk_widget_set_size_request(p->output, 200, 180);
  gtk_box_append(GTK_BOX(box), p->output);
  p->formula = note_label();
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->formula));
  return box;
}

static GtkWidget *symbol(const char *text)
{
  GtkWidget *label = gtk_label_new(text);
  gtk_widget_add_css_class(label, "title-2");
  return label;
}

/* window × kernel = products, and what they add up to. */
static GtkWidget *arithmetic_card(ConvPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  p->window = matrix(EIAF_COLORMAP_GREY, _("Window of the image"));
  p->kernel = matrix(EIAF_COLORMAP_DIVERGING, _("Kernel"));
  p->products = matrix(EIAF_COLORMAP_DIVERGING, _("Products"));
  GtkWidget *views[] = {p->window, p->kernel, p->products};
  const char *between[] = {"×", "="};
  for (int i = 0; i < 3; i++) {
    gtk_widget_set_hexpand(views[i], TRUE);
    gtk_widget_set_size_request(views[i], 120, 130);
    gtk_box_append(GTK_BOX(row), views[i]);
    if (i < 2)
      gtk_box_append(GTK_BOX(row), symbol(between[i]));
  }
  gtk_box_append(GTK_BOX(box), row);
  p->sum = note_label();
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(p->sum));
  gtk_widget_set_size_request(box, -1, 1);
  return box;
}

static gpointer conv_build(EiafLessonPage *page)
{
  ConvPage *p = g_new0(ConvPage, 1);
  p->page = page;
  p->input = matrix(EIAF_COLORMAP_GREY, NULL);
  gtk_widget_set_size_request(p->input, 200, 220);
  eiaf_lesson_page_add_picture(page, p->input, _("Image (hatched: the zero padding)"),
                               EIAF_PICTURE_HALF);
  GtkWidget *out = output_card(p);
  gtk_widget_set_size_request(out, -1, 1);
  eiaf_lesson_page_add_picture(page, out, _("Output map: one value per window"), EIAF_PICTURE_HALF);
  eiaf_lesson_page_add_picture(page, arithmetic_card(p),
                               _("Under the window: each pixel times its weight"),
                               EIAF_PICTURE_FULL);
  eiaf_lesson_page_add_side_widget(page, kernel_box(p));
  return p;
}

/* ---- feeding ---- */

static const nn_snap_item *item(const nn_snapshot *s, const char *name, int ndim)
{
  const nn_snap_item *it = nn_snapshot_find(s, name);
  return it && it->ndim == ndim ? it : NULL;
}

static void show_matrix(GtkWidget *view, const nn_snap_item *it)
{
  if (it)
    eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(view), it->data, (guint) it->shape[0],
                                (guint) it->shape[1]);
  else
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(view));
}

/* "⌊(M + 2p − k)/s⌋ + 1 = ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3: the output is 3 × 3." */
static void show_formula(ConvPage *p, const float *g)
{
  int m = (int) g[0], k = (int) g[1], pad = (int) g[2], s = (int) g[3], n = (int) g[4];
  g_autofree char *text = g_strdup_printf(
      _("Output size ⌊(M + 2p − k)/s⌋ + 1\n= ⌊(%d + 2·%d − %d)/%d⌋ + 1 = %d"), m, pad, k, s, n);
  gtk_label_set_text(p->formula, text);
}

static void show_window(ConvPage *p, const nn_snapshot *s, const nn_snap_item *padded)
{
  const nn_snap_item *window = item(s, "window", 1);
  const nn_snap_item *products = item(s, "products", 2);
  const nn_snap_item *full = item(s, "output_full", 2);
  if (!window || !products || !padded || !full) {
    eiaf_matrix_view_set_highlight(EIAF_MATRIX_VIEW(p->input), 0, 0, 0, 0);
    eiaf_matrix_view_set_highlight(EIAF_MATRIX_VIEW(p->output), 0, 0, 0, 0);
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(p->window));
    eiaf_matrix_view_clear(EIAF_MATRIX_VIEW(p->products));
    gtk_label_set_text(p->sum, _("Press Step to put the kernel on its first window, or Train "
                                 "to watch it slide."));
    return;
  }
  guint row = (guint) window->data[0], col = (guint) window->data[1];
  guint top = (guint) window->data[2], left = (guint) window->data[3];
  eiaf_matrix_view_set_highlight(EIAF_MATRIX_VIEW(p->input), top, left, K, K);
  eiaf_matrix_view_set_highlight(EIAF_MATRIX_VIEW(p->output), row, col, 1, 1);
  float under[K * K];
  int side = padded->shape[1];
  for (int a = 0; a < K; a++)
    for (int b = 0; b < K; b++)
      under[a * K + b] = padded->data[(top + a) * side + left + b];
  eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(p->window), under, K, K);
  show_matrix(p->products, products);
  char value[32];
  eiaf_matrix_view_format_value(full->data[row * full->shape[1] + col], 2, value, sizeof value);
  g_autofree char *text =
      g_strdup_printf(_("The nine products add up to %s: the output’s value at row %u, column %u."),
                      value, row + 1, col + 1);
  gtk_label_set_text(p->sum, text);
}

/* The editor shows the kernel each new run uses (a preset's, or the one typed). */
static void sync_editor(ConvPage *p, const nn_snapshot *s, const nn_snap_item *kernel)
{
  if (!kernel || s->generation == p->synced_generation)
    return;
  p->synced_generation = s->generation;
  double weights[K * K];
  for (int i = 0; i < K * K; i++)
    weights[i] = kernel->data[i];
  eiaf_kernel_editor_set_values(p->editor, weights);
}

static void conv_update(EiafLessonPage *page, gpointer state, nn_snapshot *s)
{
  ConvPage *p = state;
  const nn_snap_item *padded = item(s, "padded", 2), *geometry = item(s, "geometry", 1);
  const nn_snap_item *kernel = item(s, "kernel", 2), *full = item(s, "output_full", 2);
  if (!padded || !geometry || !kernel || !full)
    return;
  eiaf_matrix_view_set_padding(EIAF_MATRIX_VIEW(p->input), (guint) geometry->data[2]);
  show_matrix(p->input, padded);
  show_matrix(p->kernel, kernel);
  /* The colours span the whole map from the start, so that they do not shift as it fills. */
  double m = 0;
  for (size_t i = 0; i < nn_snap_item_numel(full); i++)
    m = fmax(m, fabs(full->data[i]));
  eiaf_matrix_view_set_range(EIAF_MATRIX_VIEW(p->output), -m, m);
  show_matrix(p->output, item(s, "output", 2));
  show_formula(p, geometry->data);
  show_window(p, s, padded);
  sync_editor(p, s, kernel);
}

const EiafPageSpec eiaf_page_convolution = {
    .lesson_id = "convolution",
    .explanation =
        N_("A convolution slides a small grid of weights — the <i>kernel</i> — over an image. At "
           "each stop it multiplies the nine pixels under it by the nine weights and adds the "
           "products up: that sum is one number of the output map. It is like reading a page "
           "through a 3×3 hole cut in a card and writing down one score for every place you put "
           "it. An edge kernel scores high where the image turns from dark to bright, low where "
           "it turns back, and zero where nothing changes."),
    .try_this =
        N_("Press <b>Step</b> to move the window one place and check that the products add up to "
           "the value it writes. Set <b>Padding</b> to 1: a frame of zeros (hatched) lets the "
           "kernel hang over the edge, and the output grows to 5 × 5; <b>Stride</b> 2 skips every "
           "other place. Choose <b>Edge y</b> with the horizontal line, or type your own weights "
           "into the grid."),
    .build = conv_build,
    .update = conv_update,
    .free_state = g_free,
};
