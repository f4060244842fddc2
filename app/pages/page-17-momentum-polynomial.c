/* Lesson 17's page: two balls rolling down a polynomial (plain descent and momentum), where
 * each is after every step, and the loss it has reached. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eiaf-function-plot.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

/* The curve is palette colour 0; the balls and their lines take the colours after it, so a
 * ball and its line match. */
#define BALL_COLOR(v) ((guint) (v) + 1)

typedef struct {
  GtkWidget *curve, *position, *loss;
} PolyPage;

static gpointer poly_build(EiafLessonPage *page)
{
  PolyPage *p = g_new0(PolyPage, 1);
  p->curve = eiaf_function_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->curve), "w");
  eiaf_plot_set_y_title(EIAF_PLOT(p->curve), _("loss"));
  eiaf_lesson_page_add_picture(page, p->curve, _("The loss over w, and where each ball is now"),
                               EIAF_PICTURE_FULL);
  gtk_widget_set_size_request(p->curve, 300, 240);

  p->position = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->position), _("step"));
  eiaf_line_plot_set_x_whole(EIAF_LINE_PLOT(p->position), TRUE);
  eiaf_plot_set_y_title(EIAF_PLOT(p->position), "w");
  eiaf_lesson_page_add_picture(page, p->position, _("w after each step"), EIAF_PICTURE_HALF);

  p->loss = eiaf_line_plot_new();
  eiaf_plot_set_x_title(EIAF_PLOT(p->loss), _("step"));
  eiaf_line_plot_set_x_whole(EIAF_LINE_PLOT(p->loss), TRUE);
  eiaf_plot_set_y_title(EIAF_PLOT(p->loss), _("loss"));
  eiaf_lesson_page_add_picture(page, p->loss, _("Loss after each step"), EIAF_PICTURE_HALF);
  return p;
}

static const char *polynomial_formula(const nn_snapshot *snap)
{
  int which = (int) nn_param_value(snap->lesson, snap->params, "polynomial");
  return which == 0 ? "w³" : "2w⁴ − 9w³ − 21w² + 88w + 48";
}

/* Series v of a line plot from item "name/v" over steps 0, 1, …; the x axis spans the whole
 * run so the lines grow from left to right. */
static void show_over_steps(GtkWidget *plot, const nn_snapshot *snap, const char *name)
{
  EiafLinePlot *lp = EIAF_LINE_PLOT(plot);
  eiaf_line_plot_clear(lp);
  eiaf_line_plot_set_x_range(lp, 0, MAX(snap->epochs, 1));
  for (int v = 0; v < snap->n_variants; v++) {
    const nn_snap_item *it = nn_snapshot_findf(snap, "%s/%d", name, v);
    if (!it)
      continue;
    eiaf_line_plot_set_series(lp, (guint) v, eiaf_variant_label(snap, v), NULL, it->data,
                              nn_snap_item_numel(it));
    eiaf_line_plot_set_series_style(lp, (guint) v, BALL_COLOR(v), FALSE);
  }
}

static void poly_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  PolyPage *p = state;
  EiafFunctionPlot *fp = EIAF_FUNCTION_PLOT(p->curve);
  const nn_snap_item *f = nn_snapshot_find(snap, "function");
  if (f && f->ndim == 1 && f->shape[0] > 1) {
    gsize n = (gsize) f->shape[0];
    g_autofree float *x = g_new(float, n);
    for (gsize i = 0; i < n; i++)
      x[i] = f->range[0] + (f->range[1] - f->range[0]) * (float) i / (float) (n - 1);
    eiaf_function_plot_set_curve(fp, 0, polynomial_formula(snap), x, f->data, n);
    /* The curve's own span, not one widened to round ticks: the valleys are what matters. */
    float lo = f->data[0], hi = f->data[0];
    for (gsize i = 1; i < n; i++)
      lo = MIN(lo, f->data[i]), hi = MAX(hi, f->data[i]);
    if (isfinite(lo) && isfinite(hi) && hi > lo)
      eiaf_function_plot_set_y_range(fp, lo - 0.08 * (hi - lo), hi + 0.04 * (hi - lo));
  }
  eiaf_function_plot_clear_balls(fp);
  for (int v = 0; v < snap->n_variants; v++) {
    const nn_snap_item *w = nn_snapshot_findf(snap, "w/%d", v);
    if (w && w->shape[0] > 0)
      eiaf_function_plot_set_ball(fp, (guint) v, 0, w->data[w->shape[0] - 1], BALL_COLOR(v),
                                  eiaf_variant_label(snap, v));
  }
  show_over_steps(p->position, snap, "w");
  show_over_steps(p->loss, snap, "path_loss");
}

const EiafPageSpec eiaf_page_momentum_polynomial = {
    .lesson_id = "momentum-polynomial",
    .explanation =
        N_("Gradient descent moves a weight w downhill, a step the size of the slope at a time. "
           "Where the curve goes flat — a saddle, or the bottom of a small dip — the slope is "
           "nearly zero and plain descent stops, even if a deeper valley lies beyond. "
           "<b>Momentum</b> remembers the last steps and keeps part of their speed, like a bike "
           "coasting down a hill that rolls on over a small bump instead of stopping in it. Two "
           "balls start at the same place: one without momentum, one with the slider's."),
    .try_this = N_("Press <b>Train</b> and watch the balls: plain descent settles in the dip near "
                   "w = 4, momentum 0.9 rolls over the hump into the deeper valley near −2. Drag "
                   "<b>Momentum</b> down to 0.5: the second ball no longer makes it. Switch the "
                   "<b>Loss curve</b> to the cubic: plain descent crawls towards the flat point "
                   "at 0 and never passes it. Add <b>Gradient noise</b>: both balls jitter, the "
                   "one with momentum more, since it keeps the random pushes too; press "
                   "<b>New seed</b> a few times to see it sometimes miss the valley."),
    .lab_note = N_("The lab's noise was a constant added to the loss, which does not change the "
                   "slope; here the noise is added to the slope itself."),
    .build = poly_build,
    .update = poly_update,
    .free_state = g_free,
};
