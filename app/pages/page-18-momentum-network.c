/* Lesson 18's page: five networks trained with five momenta — their training loss and
 * validation accuracy on one plot each, and their decision regions as small multiples. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-region-map.h"

#define N_MAPS    5
#define MAP_COLS  3
#define TILE_SIDE 180

typedef struct {
  GtkWidget *loss, *accuracy;
  GtkWidget *maps[N_MAPS];
  GtkWidget *map_labels[N_MAPS];
} MomentumPage;

/* A plot asks for a 480 × 320 natural size; a small multiple must not. The tile is as tall as
 * the plot's minimum (a scrolled window that never scrolls does not pass the natural height
 * on) and keeps the picture square — the field is a square of the plane — whatever the
 * window's width. */
static GtkWidget *square_tile(GtkWidget *plot)
{
  GtkWidget *square = gtk_aspect_frame_new(0.5f, 0.0f, 1.0f, FALSE);
  gtk_aspect_frame_set_child(GTK_ASPECT_FRAME(square), plot);
  GtkWidget *tile = gtk_scrolled_window_new();
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(tile), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(tile), square);
  gtk_widget_set_hexpand(tile, TRUE);
  return tile;
}

static GtkWidget *small_maps(MomentumPage *p)
{
  GtkWidget *grid = gtk_grid_new();
  gtk_grid_set_column_homogeneous(GTK_GRID(grid), TRUE);
  gtk_grid_set_row_spacing(GTK_GRID(grid), 12);
  gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
  /* Rows as tall as the squares, not stretched apart by a tall window. */
  gtk_widget_set_valign(grid, GTK_ALIGN_START);
  for (int v = 0; v < N_MAPS; v++) {
    GtkWidget *cell = gtk_box_new(GTK_ORIENTATION_VERTICAL, 2);
    p->map_labels[v] = gtk_label_new(NULL);
    gtk_widget_add_css_class(p->map_labels[v], "caption-heading");
    p->maps[v] = eiaf_region_map_new();
    gtk_widget_set_size_request(p->maps[v], TILE_SIDE, TILE_SIDE);
    gtk_box_append(GTK_BOX(cell), p->map_labels[v]);
    gtk_box_append(GTK_BOX(cell), square_tile(p->maps[v]));
    gtk_grid_attach(GTK_GRID(grid), cell, v % MAP_COLS, v / MAP_COLS, 1, 1);
  }
  return grid;
}

static gpointer momentum_build(EiafLessonPage *page)
{
  MomentumPage *p = g_new0(MomentumPage, 1);
  p->loss = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(FALSE),
                                         _("Training loss per epoch"), EIAF_PICTURE_HALF);
  p->accuracy = eiaf_lesson_page_add_picture(page, eiaf_history_plot_new(TRUE),
                                             _("Validation accuracy per epoch"), EIAF_PICTURE_HALF);
  eiaf_lesson_page_add_picture(page, small_maps(p),
                               _("Decision regions of each network, over its training points"),
                               EIAF_PICTURE_FULL);
  return p;
}

/* One line per variant from the per-epoch item "name/v", labelled by the variant. */
static void show_per_variant(GtkWidget *plot, const nn_snapshot *s, const char *name, float scale)
{
  EiafLinePlot *lp = EIAF_LINE_PLOT(plot);
  eiaf_line_plot_clear(lp);
  for (int v = 0; v < s->n_variants; v++) {
    const nn_snap_item *it = nn_snapshot_findf(s, "%s/%d", name, v);
    gsize n = it ? nn_snap_item_numel(it) : 0;
    if (n == 0)
      continue;
    g_autofree float *x = g_new(float, n);
    g_autofree float *y = g_new(float, n);
    for (gsize i = 0; i < n; i++) {
      x[i] = (float) (i + 1);
      y[i] = it->data[i] * scale;
    }
    eiaf_line_plot_set_series(lp, (guint) v, eiaf_variant_label(s, v), x, y, n);
  }
}

static void momentum_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  MomentumPage *p = state;
  show_per_variant(p->loss, snap, "train_loss", 1.0f);
  show_per_variant(p->accuracy, snap, "val_acc", 100.0f);
  for (int v = 0; v < N_MAPS && v < snap->n_variants; v++) {
    char field[32];
    g_snprintf(field, sizeof field, "regions/%d", v);
    eiaf_show_region_map(p->maps[v], snap, field, "points", NULL);
    const char *label = eiaf_variant_label(snap, v);
    gtk_label_set_text(GTK_LABEL(p->map_labels[v]), label);
    g_autofree char *title = g_strdup_printf(_("Decision regions, %s"), label);
    eiaf_plot_set_title(EIAF_PLOT(p->maps[v]), title);
  }
}

const EiafPageSpec eiaf_page_momentum_network = {
    .lesson_id = "momentum-network",
    .explanation =
        N_("The same small network learns to tell three spirals apart five times over, from the "
           "same starting weights and with the same batches. Only the <b>momentum</b> differs: how "
           "much of its last step the optimiser keeps. Like pushing a swing, each small push adds "
           "to the speed it already has, so with more momentum the weights move further per step "
           "in the directions the batches agree on, while their disagreements cancel out."),
    .try_this = N_("Compare the curves: the higher the momentum, the faster the loss falls and "
                   "the accuracy rises in the same number of epochs, and the regions of momentum "
                   "0.5 follow the spirals' arms first. Lower the <b>Learning rate</b> to 0.02: "
                   "every network crawls, and momentum's lead grows. Turn <b>Shuffle "
                   "batches</b> off (the lab's way: each batch then holds a single class) and "
                   "watch the curves zig-zag."),
    .lab_note = N_("Unlike the lab, the five networks start from the same weights, and accuracy "
                   "is measured on a second, held-out draw of the spirals."),
    .build = momentum_build,
    .update = momentum_update,
    .free_state = g_free,
};
