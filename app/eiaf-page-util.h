/* What lesson pages share: standard pictures fed from standard snapshot items, so two pages
 * that show the same kind of thing show it the same way. Each eiaf_show_* function reads the
 * named items of a snapshot (see engine/nn_snapshot.h and engine/lessons/nn_lesson_util.h for
 * their shapes) and hands them to a widget of ui/; a missing item leaves the widget as it
 * was. */
#pragma once

#include <gtk/gtk.h>

#include "eiaf-lesson-page.h"
#include "nn_snapshot.h"

G_BEGIN_DECLS

/* A line plot of loss (accuracy FALSE) or accuracy in % per epoch, with its axis titles. */
GtkWidget *eiaf_history_plot_new(gboolean accuracy);
/* The pair the MNIST pages open with, side by side: the loss of every training step and the
 * accuracy per epoch (eiaf_show_training_plots fills both). */
typedef struct {
  GtkWidget *step_loss, *accuracy;
} EiafTrainingPlots;
/* Adds the pair to the page; accuracy_caption NULL: "Accuracy per epoch (dashed:
 * validation)". */
void eiaf_page_add_training_plots(EiafLessonPage *page, EiafTrainingPlots *plots,
                                  const char *accuracy_caption);
void eiaf_show_training_plots(const EiafTrainingPlots *plots, const nn_snapshot *s);
/* Training (solid) and validation (dashed) curves of every variant, one colour per variant,
 * from "train_loss/v", "val_loss/v" (loss_plot) and "train_acc/v", "val_acc/v" (acc_plot).
 * Either plot may be NULL. */
void eiaf_show_history(GtkWidget *loss_plot, GtkWidget *acc_plot, const nn_snapshot *s);
/* One curve per variant from one per-epoch item ("train_loss", "val_acc", …: "item/v"), its
 * values times scale (100 for accuracy in %), labelled by the variant alone: for pages that
 * compare several variants on one measure. */
void eiaf_show_epoch_curves(GtkWidget *plot, const nn_snapshot *s, const char *item, float scale);
/* The loss of every step ("step_loss/v" over "step_x/v"), one series per variant. */
void eiaf_show_step_loss(GtkWidget *plot, const nn_snapshot *s);

/* A region map from a (h, w, K) item with its range, and points items (n, 3): x, y, class;
 * val_points may be NULL. */
void eiaf_show_region_map(GtkWidget *map, const nn_snapshot *s, const char *field,
                          const char *points, const char *val_points);
/* A region map of a classifier of one input x: the probabilities of a curve over x (n, K)
 * fill the band y ∈ [y0, y1] (the same at every y), with a points item (n, 3) on top. */
void eiaf_show_regions_over_x(GtkWidget *map, const nn_snapshot *s, const char *curve, double y0,
                              double y1, const char *points);
/* A contour map for a loss surface over two parameters (axis titles given): bands on a log
 * scale, since such surfaces span decades. */
GtkWidget *eiaf_loss_surface_new(const char *x_title, const char *y_title);
/* A contour map from a (h, w) item with its range (a loss surface over two parameters) and a
 * path item (n, 2) of (x, y) points drawn over it. field may be NULL to keep the field shown
 * (a surface that does not change during a run need not be sent again). */
void eiaf_show_contour_map(GtkWidget *map, const nn_snapshot *s, const char *field,
                           const char *path);
/* A binary classifier of one input drawn on a region map: its (n, 1) curve item over x (the
 * probability of class 1, with the item's x range) as a line, the same probability as the
 * shading behind it (what it decides at each x), and a points item (x, label, class) as the
 * data at height 0 or 1. The y axis spans [−0.15, 1.15]. */
void eiaf_show_fit_over_x(GtkWidget *map, const nn_snapshot *s, const char *curve,
                          const char *points);
/* An image grid from a (count, h, w) item (or (count, C, h, w): channels become tiles). */
void eiaf_show_images(GtkWidget *grid, const nn_snapshot *s, const char *item);
/* Misclassified (kind "wrong") or correct ("right") examples of nn_snap_examples: the images
 * "prefix/kind" captioned "7 → 9 (62%)" from "prefix/kind_label"; class names may be NULL. */
void eiaf_show_examples(GtkWidget *grid, const nn_snapshot *s, const char *prefix,
                        const char *kind, const char *const *class_names);
/* Histogram `index` of a histogram widget from a (bins) item with its range. */
void eiaf_show_histogram(GtkWidget *histogram, guint index, const char *label,
                         const nn_snapshot *s, const char *item);

/* ---- the digit canvas ---- */
/* A digit canvas wired to the page's network (EiafDigitPredictor: the canvas, the answer
 * "Prediction: 7 (98%)" and the probability bars) under a heading, at the foot of the
 * page's controls column. side: the network's input side (28, or 16). Returns the predictor.
 * The lesson must set .snapshot_models so that snapshots carry the network. */
GtkWidget *eiaf_page_add_digit_predictor(EiafLessonPage *page, int side);
/* Hands the predictor variant v's network from the snapshot, and the class names of the
 * page's data (Fashion-MNIST's clothes) whenever the page's data changed. */
void eiaf_show_digit_predictor(GtkWidget *predictor, EiafLessonPage *page, nn_snapshot *s, int v);
/* The ten class names of the page's MNIST-style data into names (NULL-terminated), when they
 * are not the digits 0–9 (Fashion-MNIST); FALSE for digits or data that cannot be loaded.
 * Call it once a run has started (its snapshot has a model): the data is then loaded, and
 * this is a look-up rather than a load on the main thread. */
gboolean eiaf_page_class_names(EiafLessonPage *page, const char *names[11]);

/* The legend text of variant v ("momentum 0.4"). */
const char *eiaf_variant_label(const nn_snapshot *s, int v);

G_END_DECLS
