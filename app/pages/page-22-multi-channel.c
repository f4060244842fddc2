/* Lesson 22's page: the input channels, then one row per output channel: its kernels, each
 * input channel convolved with its own, plus the bias, equal to the output channel. Titles use
 * PyTorch's indices (x[c], weight[o][c], out[o]), as the lab's code does. Built for the largest
 * example (2 inputs, 3 outputs); unused views are hidden. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-matrix-view.h"
#include "eiaf-page-spec.h"

#define MAX_IN  2
#define MAX_OUT 3

typedef struct {
  GtkWidget *inputs[MAX_IN];
  GtkWidget *kernels[MAX_OUT][MAX_IN];
  GtkWidget *products[MAX_OUT][MAX_IN];
  GtkWidget *plus[MAX_OUT][MAX_IN]; /* "+" after product c */
  GtkWidget *bias[MAX_OUT];         /* "+ 0.5 =" */
  GtkWidget *outputs[MAX_OUT];
} ChannelPage;

static GtkWidget *small_matrix(const char *title, int width, int height)
{
  GtkWidget *view = eiaf_matrix_view_new();
  eiaf_plot_set_title(EIAF_PLOT(view), title);
  eiaf_matrix_view_set_show_title(EIAF_MATRIX_VIEW(view), TRUE);
  gtk_widget_set_size_request(view, width, height);
  gtk_widget_set_hexpand(view, TRUE);
  return view;
}

static GtkWidget *symbol(const char *text)
{
  GtkWidget *label = gtk_label_new(text);
  gtk_widget_add_css_class(label, "title-4");
  return label;
}

static GtkWidget *inputs_card(ChannelPage *p)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  for (int c = 0; c < MAX_IN; c++) {
    g_autofree char *title = g_strdup_printf("x[%d]", c);
    p->inputs[c] = small_matrix(title, 120, 120);
    gtk_box_append(GTK_BOX(box), p->inputs[c]);
  }
  gtk_widget_set_size_request(box, -1, 1);
  return box;
}

/* One row per output channel o, its columns aligned across rows:
 *   weight[o][0]  weight[o][1]   x[0] ⋆ weight[o][0]  +  x[1] ⋆ weight[o][1]  + b =  out[o] */
static GtkWidget *channels_card(ChannelPage *p)
{
  enum { COL_KERNEL = 0, COL_GAP = MAX_IN, COL_PRODUCT = MAX_IN + 1 };
  GtkWidget *grid = gtk_grid_new();
  gtk_grid_set_column_spacing(GTK_GRID(grid), 4);
  gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
  for (int o = 0; o < MAX_OUT; o++) {
    for (int c = 0; c < MAX_IN; c++) {
      g_autofree char *kernel = g_strdup_printf("weight[%d][%d]", o, c);
      p->kernels[o][c] = small_matrix(kernel, 56, 100);
      gtk_grid_attach(GTK_GRID(grid), p->kernels[o][c], COL_KERNEL + c, o, 1, 1);
      g_autofree char *product = g_strdup_printf("x[%d] ⋆ weight[%d][%d]", c, o, c);
      p->products[o][c] = small_matrix(product, 84, 100);
      gtk_grid_attach(GTK_GRID(grid), p->products[o][c], COL_PRODUCT + 2 * c, o, 1, 1);
      p->plus[o][c] = symbol("+");
      gtk_grid_attach(GTK_GRID(grid), p->plus[o][c], COL_PRODUCT + 2 * c + 1, o, 1, 1);
    }
    GtkWidget *gap = gtk_label_new("");
    gtk_widget_set_size_request(gap, 8, -1);
    gtk_grid_attach(GTK_GRID(grid), gap, COL_GAP, o, 1, 1);
    p->bias[o] = symbol("");
    gtk_grid_attach(GTK_GRID(grid), p->bias[o], COL_PRODUCT + 2 * MAX_IN, o, 1, 1);
    g_autofree char *out = g_strdup_printf("out[%d]", o);
    p->outputs[o] = small_matrix(out, 56, 100);
    gtk_grid_attach(GTK_GRID(grid), p->outputs[o], COL_PRODUCT + 2 * MAX_IN + 1, o, 1, 1);
  }
  gtk_widget_set_size_request(grid, -1, 1);
  return grid;
}

static gpointer channel_build(EiafLessonPage *page)
{
  ChannelPage *p = g_new0(ChannelPage, 1);
  eiaf_lesson_page_add_picture(page, inputs_card(p), _("Input channels"), EIAF_PICTURE_FULL);
  eiaf_lesson_page_add_picture(
      page, channels_card(p),
      _("Each output channel: its kernels, each input channel convolved with its own, added "
        "up with the bias"),
      EIAF_PICTURE_FULL);
  return p;
}

static void show(GtkWidget *view, const float *data, int rows, int cols, double range)
{
  gtk_widget_set_visible(view, TRUE);
  eiaf_matrix_view_set_range(EIAF_MATRIX_VIEW(view), -range, range);
  eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(view), data, (guint) rows, (guint) cols);
}

static double max_abs(const nn_snap_item *it)
{
  double m = 0;
  for (size_t i = 0; i < nn_snap_item_numel(it); i++)
    m = fmax(m, fabs(it->data[i]));
  return m;
}

static void channel_update(EiafLessonPage *page, gpointer state, nn_snapshot *s)
{
  ChannelPage *p = state;
  const nn_snap_item *input = nn_snapshot_find(s, "input");
  const nn_snap_item *weight = nn_snapshot_find(s, "weight");
  const nn_snap_item *bias = nn_snapshot_find(s, "bias");
  const nn_snap_item *products = nn_snapshot_find(s, "products");
  const nn_snap_item *output = nn_snapshot_find(s, "output");
  if (!input || !weight || !bias || !products || !output || input->ndim != 3 || weight->ndim != 4 ||
      products->ndim != 4 || output->ndim != 3)
    return;
  int c_in = MIN(input->shape[0], MAX_IN), c_out = MIN(output->shape[0], MAX_OUT);
  int side = input->shape[1], k = weight->shape[2], n = output->shape[1];
  double in_range = max_abs(input), w_range = max_abs(weight);
  /* Products and outputs share a scale, so that a sum's colour compares with its terms'. */
  double out_range = fmax(max_abs(products), max_abs(output));
  for (int c = 0; c < MAX_IN; c++) {
    if (c < c_in)
      show(p->inputs[c], input->data + (size_t) c * side * side, side, side, in_range);
    else
      gtk_widget_set_visible(p->inputs[c], FALSE);
  }
  for (int o = 0; o < MAX_OUT; o++) {
    gtk_widget_set_visible(p->bias[o], o < c_out);
    for (int c = 0; c < MAX_IN; c++) {
      gboolean used = o < c_out && c < c_in;
      gtk_widget_set_visible(p->kernels[o][c], used);
      gtk_widget_set_visible(p->products[o][c], used);
      gtk_widget_set_visible(p->plus[o][c], used && c + 1 < c_in);
      if (!used)
        continue;
      size_t at = (size_t) o * weight->shape[1] + c;
      show(p->kernels[o][c], weight->data + at * k * k, k, k, w_range);
      show(p->products[o][c], products->data + at * n * n, n, n, out_range);
    }
    if (o >= c_out) {
      gtk_widget_set_visible(p->outputs[o], FALSE);
      continue;
    }
    char value[32];
    eiaf_matrix_view_format_value(bias->data[o], 2, value, sizeof value);
    g_autofree char *text = g_strdup_printf("+ %s =", value);
    gtk_label_set_text(GTK_LABEL(p->bias[o]), text);
    show(p->outputs[o], output->data + (size_t) o * n * n, n, n, out_range);
  }
}

const EiafPageSpec eiaf_page_multi_channel = {
    .lesson_id = "multi-channel",
    .explanation =
        N_("A colour photo has three channels (red, green, blue), and a convolution layer makes "
           "several of its own. Output channel <i>o</i> is every input channel convolved with its "
           "own kernel, all added up, plus one bias — like a judge who scores a dish on taste and "
           "on looks by different rules, then adds the scores."),
    .try_this = N_("Follow a row: the maps left of the bias add up to the output on the "
                   "right. Switch the <b>Example</b> between the vertical and the horizontal "
                   "line: Sobel-x answers one, Sobel-y the other. Move the <b>Bias</b>: every "
                   "output value moves with it."),
    .build = channel_build,
    .update = channel_update,
    .free_state = g_free,
};
