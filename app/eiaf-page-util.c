/* Standard pictures fed from standard snapshot items. See eiaf-page-util.h. */
#include "config.h"

#include "eiaf-page-util.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eiaf-contour-map.h"
#include "eiaf-digit-predictor.h"
#include "eiaf-histogram.h"
#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-region-map.h"
#include "nn_mnist.h"

GtkWidget *eiaf_history_plot_new(gboolean accuracy)
{
  GtkWidget *plot = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(plot), _("epoch"));
  eiaf_line_plot_set_x_whole(EIAF_LINE_PLOT(plot), TRUE);
  /* The labs log the sum or the last batch's loss; the app shows the mean over the epoch and
   * says so on the axis (DESIGN §2). */
  eiaf_plot_set_y_title(EIAF_PLOT(plot), accuracy ? _("accuracy (%)") : _("mean loss"));
  if (accuracy)
    eiaf_line_plot_set_y_range(EIAF_LINE_PLOT(plot), 0, 100);
  eiaf_plot_set_placeholder_text(EIAF_PLOT(plot), _("The curves appear after the first epoch"));
  return plot;
}

static GtkWidget *step_loss_plot_new(void)
{
  GtkWidget *plot = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(plot), _("step"));
  eiaf_line_plot_set_x_whole(EIAF_LINE_PLOT(plot), TRUE);
  eiaf_plot_set_y_title(EIAF_PLOT(plot), _("batch loss"));
  eiaf_plot_set_placeholder_text(EIAF_PLOT(plot), _("The curves appear after the first step"));
  return plot;
}

void eiaf_page_add_training_plots(EiafLessonPage *page, EiafTrainingPlots *plots,
                                  const char *accuracy_caption)
{
  plots->step_loss = eiaf_lesson_page_add_picture(page, step_loss_plot_new(),
                                                  _("Training loss of each batch"),
                                                  EIAF_PICTURE_HALF);
  plots->accuracy = eiaf_lesson_page_add_picture(
      page, eiaf_history_plot_new(TRUE),
      accuracy_caption ? accuracy_caption : _("Accuracy per epoch (dashed: validation)"),
      EIAF_PICTURE_HALF);
}

void eiaf_show_training_plots(const EiafTrainingPlots *plots, const nn_snapshot *s)
{
  eiaf_show_step_loss(plots->step_loss, s);
  eiaf_show_history(NULL, plots->accuracy, s);
}

const char *eiaf_variant_label(const nn_snapshot *s, int v)
{
  const nn_variant_state *st = &s->variants[v];
  return st->label[0] ? st->label : st->name;
}

/* Epoch numbers 1..n as x. */
static float *epoch_axis(gsize n)
{
  float *x = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++)
    x[i] = (float) (i + 1);
  return x;
}

static void history_series(GtkWidget *plot, const nn_snapshot *s, const char *train_item,
                           const char *val_item, float scale)
{
  eiaf_line_plot_clear(EIAF_LINE_PLOT(plot));
  guint series = 0;
  for (int v = 0; v < s->n_variants; v++) {
    const char *items[2] = {train_item, val_item};
    for (int k = 0; k < 2; k++) {
      const nn_snap_item *it = nn_snapshot_findf(s, "%s/%d", items[k], v);
      if (!it || it->shape[0] == 0)
        continue;
      gsize n = nn_snap_item_numel(it);
      gboolean any = FALSE;
      g_autofree float *y = g_new(float, n);
      for (gsize i = 0; i < n; i++) {
        y[i] = it->data[i] * scale;
        any = any || isfinite(y[i]);
      }
      if (!any)
        continue;
      g_autofree float *x = epoch_axis(n);
      const char *what = k == 0 ? _("training") : _("validation");
      g_autofree char *label = s->n_variants > 1
                                   ? g_strdup_printf("%s, %s", eiaf_variant_label(s, v), what)
                                   : g_strdup(what);
      eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), series, label, x, y, n);
      eiaf_line_plot_set_series_style(EIAF_LINE_PLOT(plot), series, (guint) v, k == 1);
      series++;
    }
  }
}

void eiaf_show_history(GtkWidget *loss_plot, GtkWidget *acc_plot, const nn_snapshot *s)
{
  if (loss_plot)
    history_series(loss_plot, s, "train_loss", "val_loss", 1.0f);
  if (acc_plot)
    history_series(acc_plot, s, "train_acc", "val_acc", 100.0f);
}

void eiaf_show_epoch_curves(GtkWidget *plot, const nn_snapshot *s, const char *item, float scale)
{
  eiaf_line_plot_clear(EIAF_LINE_PLOT(plot));
  for (int v = 0; v < s->n_variants; v++) {
    const nn_snap_item *it = nn_snapshot_findf(s, "%s/%d", item, v);
    gsize n = it ? nn_snap_item_numel(it) : 0;
    if (n == 0)
      continue;
    g_autofree float *x = epoch_axis(n);
    g_autofree float *y = g_new(float, n);
    for (gsize i = 0; i < n; i++)
      y[i] = it->data[i] * scale;
    eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), (guint) v, eiaf_variant_label(s, v), x, y, n);
  }
}

void eiaf_show_step_loss(GtkWidget *plot, const nn_snapshot *s)
{
  eiaf_line_plot_clear(EIAF_LINE_PLOT(plot));
  for (int v = 0; v < s->n_variants; v++) {
    const nn_snap_item *y = nn_snapshot_findf(s, "step_loss/%d", v);
    const nn_snap_item *x = nn_snapshot_findf(s, "step_x/%d", v);
    if (!x || !y || nn_snap_item_numel(x) != nn_snap_item_numel(y))
      continue;
    eiaf_line_plot_set_series(EIAF_LINE_PLOT(plot), (guint) v, eiaf_variant_label(s, v), x->data,
                              y->data, nn_snap_item_numel(y));
  }
}

static void split_points(const nn_snap_item *it, float **x, float **y, int **labels, gsize *n)
{
  *n = it ? (gsize) it->shape[0] : 0;
  *x = g_new(float, MAX(*n, 1));
  *y = g_new(float, MAX(*n, 1));
  *labels = g_new(int, MAX(*n, 1));
  for (gsize i = 0; i < *n; i++) {
    (*x)[i] = it->data[3 * i];
    (*y)[i] = it->data[3 * i + 1];
    (*labels)[i] = (int) it->data[3 * i + 2];
  }
}

void eiaf_show_region_map(GtkWidget *map, const nn_snapshot *s, const char *field,
                          const char *points, const char *val_points)
{
  EiafRegionMap *rm = EIAF_REGION_MAP(map);
  const nn_snap_item *f = nn_snapshot_find(s, field);
  if (f && f->ndim == 3)
    eiaf_region_map_set_field(rm, f->data, (guint) f->shape[0], (guint) f->shape[1],
                              (guint) f->shape[2], f->range[0], f->range[1], f->range[2],
                              f->range[3]);
  const char *names[2] = {points, val_points};
  for (int k = 0; k < 2; k++) {
    const nn_snap_item *p = names[k] ? nn_snapshot_find(s, names[k]) : NULL;
    if (!p || p->ndim != 2 || p->shape[1] != 3)
      continue;
    g_autofree float *x = NULL, *y = NULL;
    g_autofree int *labels = NULL;
    gsize n;
    split_points(p, &x, &y, &labels, &n);
    if (k == 0)
      eiaf_region_map_set_points(rm, x, y, labels, n);
    else
      eiaf_region_map_set_validation_points(rm, x, y, labels, n);
  }
}

void eiaf_show_regions_over_x(GtkWidget *map, const nn_snapshot *s, const char *curve, double y0,
                              double y1, const char *points)
{
  EiafRegionMap *rm = EIAF_REGION_MAP(map);
  const nn_snap_item *c = nn_snapshot_find(s, curve);
  if (c && c->ndim == 2) {
    /* Two identical rows: the field varies along x only. */
    gsize row = nn_snap_item_numel(c);
    g_autofree float *field = g_new(float, 2 * MAX(row, 1));
    memcpy(field, c->data, row * sizeof(float));
    memcpy(field + row, c->data, row * sizeof(float));
    eiaf_region_map_set_field(rm, field, 2, (guint) c->shape[0], (guint) c->shape[1], c->range[0],
                              c->range[1], y0, y1);
  }
  const nn_snap_item *p = nn_snapshot_find(s, points);
  if (!p || p->ndim != 2 || p->shape[1] != 3)
    return;
  g_autofree float *x = NULL, *y = NULL;
  g_autofree int *labels = NULL;
  gsize n;
  split_points(p, &x, &y, &labels, &n);
  eiaf_region_map_set_points(rm, x, y, labels, n);
}

GtkWidget *eiaf_loss_surface_new(const char *x_title, const char *y_title)
{
  GtkWidget *map = eiaf_contour_map_new();
  eiaf_plot_set_x_title(EIAF_PLOT(map), x_title);
  eiaf_plot_set_y_title(EIAF_PLOT(map), y_title);
  eiaf_contour_map_set_log_levels(EIAF_CONTOUR_MAP(map), TRUE);
  eiaf_contour_map_set_n_levels(EIAF_CONTOUR_MAP(map), 14);
  return map;
}

void eiaf_show_contour_map(GtkWidget *map, const nn_snapshot *s, const char *field,
                           const char *path)
{
  EiafContourMap *cm = EIAF_CONTOUR_MAP(map);
  const nn_snap_item *f = field ? nn_snapshot_find(s, field) : NULL;
  if (f && f->ndim == 2)
    eiaf_contour_map_set_field(cm, f->data, (guint) f->shape[0], (guint) f->shape[1], f->range[0],
                               f->range[1], f->range[2], f->range[3]);
  const nn_snap_item *p = nn_snapshot_find(s, path);
  if (!p || p->ndim != 2 || p->shape[1] != 2)
    return;
  gsize n = (gsize) p->shape[0];
  g_autofree float *x = g_new(float, MAX(n, 1));
  g_autofree float *y = g_new(float, MAX(n, 1));
  for (gsize i = 0; i < n; i++) {
    x[i] = p->data[2 * i];
    y[i] = p->data[2 * i + 1];
  }
  eiaf_contour_map_set_path(cm, x, y, n);
}

void eiaf_show_fit_over_x(GtkWidget *map, const nn_snapshot *s, const char *curve,
                          const char *points)
{
  /* The shading is the regions' field over the band the labels 0 and 1 live in; the curve
   * itself is drawn over it. */
  eiaf_show_regions_over_x(map, s, curve, -0.15, 1.15, points);
  const nn_snap_item *c = nn_snapshot_find(s, curve);
  if (!c || c->ndim != 2 || c->shape[1] != 1 || c->shape[0] < 2)
    return;
  gsize n = (gsize) c->shape[0];
  g_autofree float *x = g_new(float, n);
  for (gsize i = 0; i < n; i++)
    x[i] = c->range[0] + (c->range[1] - c->range[0]) * (float) i / (float) (n - 1);
  eiaf_region_map_set_boundary_polyline(EIAF_REGION_MAP(map), x, c->data, n);
}

void eiaf_show_images(GtkWidget *grid, const nn_snapshot *s, const char *item)
{
  const nn_snap_item *it = nn_snapshot_find(s, item);
  if (!it || it->ndim < 2)
    return;
  int h = it->shape[it->ndim - 2], w = it->shape[it->ndim - 1];
  guint count = (guint) (nn_snap_item_numel(it) / (gsize) (h * w));
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(grid), it->data, count, (guint) h, (guint) w);
}

void eiaf_show_examples(GtkWidget *grid, const nn_snapshot *s, const char *prefix,
                        const char *kind, const char *const *class_names)
{
  const nn_snap_item *img = nn_snapshot_findf(s, "%s/%s", prefix, kind);
  const nn_snap_item *lab = nn_snapshot_findf(s, "%s/%s_label", prefix, kind);
  if (!img || !lab || img->ndim != 3 || lab->shape[0] != img->shape[0])
    return;
  guint count = (guint) img->shape[0];
  g_auto(GStrv) captions = g_new0(char *, count + 1);
  for (guint i = 0; i < count; i++) {
    int truth = (int) lab->data[3 * i], guess = (int) lab->data[3 * i + 1];
    float p = lab->data[3 * i + 2];
    if (class_names)
      captions[i] = g_strdup_printf("%s → %s (%.0f%%)", class_names[truth], class_names[guess],
                                    100.0 * p);
    else
      captions[i] = g_strdup_printf("%d → %d (%.0f%%)", truth, guess, 100.0 * p);
  }
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(grid), img->data, count, (guint) img->shape[1],
                             (guint) img->shape[2]);
  eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(grid), (const char *const *) captions);
}

void eiaf_show_histogram(GtkWidget *histogram, guint index, const char *label,
                         const nn_snapshot *s, const char *item)
{
  const nn_snap_item *it = nn_snapshot_find(s, item);
  if (!it || it->ndim != 1)
    return;
  eiaf_histogram_set_distribution(EIAF_HISTOGRAM(histogram), index, label, it->data,
                                  (guint) it->shape[0], it->range[0], it->range[1]);
}

GtkWidget *eiaf_page_add_digit_predictor(EiafLessonPage *page, int side)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(page), NULL);
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append(GTK_BOX(box), gtk_separator_new(GTK_ORIENTATION_HORIZONTAL));
  GtkWidget *heading = gtk_label_new(_("Your own digit"));
  gtk_widget_add_css_class(heading, "heading");
  gtk_label_set_xalign(GTK_LABEL(heading), 0);
  gtk_widget_set_margin_top(heading, 4);
  gtk_box_append(GTK_BOX(box), heading);
  GtkWidget *predictor = eiaf_digit_predictor_new(side);
  /* A sheet as wide as the column (the canvas adds the row of its preview and Clear). */
  gtk_widget_set_size_request(GTK_WIDGET(eiaf_digit_predictor_get_canvas(
                                  EIAF_DIGIT_PREDICTOR(predictor))),
                              -1, 360);
  gtk_box_append(GTK_BOX(box), predictor);
  eiaf_lesson_page_add_side_widget(page, box);
  return predictor;
}

gboolean eiaf_page_class_names(EiafLessonPage *page, const char *names[11])
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(page), FALSE);
  const nn_lesson_env *env = eiaf_lesson_page_get_env(page);
  nn_error err = {{0}};
  /* Already loaded by the run whose snapshot is shown: a look-up, not a load. */
  const nn_mnist *m = env && env->get_mnist ? env->get_mnist(env->user, 28, &err) : NULL;
  if (!m || !m->fashion)
    return FALSE;
  for (int c = 0; c < 10; c++)
    names[c] = nn_mnist_class_name(m, c);
  names[10] = NULL;
  return TRUE;
}

void eiaf_show_digit_predictor(GtkWidget *predictor, EiafLessonPage *page, nn_snapshot *s, int v)
{
  g_return_if_fail(EIAF_IS_DIGIT_PREDICTOR(predictor));
  const nn_lesson_env *env = eiaf_lesson_page_get_env(page);
  /* A snapshot with a network comes from a run that has loaded its data. */
  gboolean has_model = s && v >= 0 && v < NN_MAX_VARIANTS && s->models[v];
  if (has_model && g_object_get_data(G_OBJECT(predictor), "eiaf-env") != env) {
    g_object_set_data(G_OBJECT(predictor), "eiaf-env", (gpointer) env);
    const char *names[11];
    eiaf_digit_predictor_set_class_names(EIAF_DIGIT_PREDICTOR(predictor),
                                         eiaf_page_class_names(page, names) ? names : NULL);
  }
  eiaf_digit_predictor_set_snapshot(EIAF_DIGIT_PREDICTOR(predictor), s, v);
}
