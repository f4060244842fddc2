/* A matrix as coloured cells with their numbers. Drawn directly: a few hundred cells cost less
 * than a cache would save. */
#include "config.h"

#include "eiaf-matrix-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define MARGIN        5.0  /* room for the highlight's frame outside the cells */
#define MAX_CELL      64.0 /* a 3×3 kernel in a big picture stays a small matrix */
#define MIN_FONT_PX   7.0  /* smaller numbers are left out: colours only */
#define MAX_FONT_PX   20.0
#define TITLE_GAP     6.0
#define MAX_DESCRIBED 64 /* cells the accessible description reads out one by one */

struct _EiafMatrixView {
  EiafPlot parent_instance;

  float *values;
  guint rows, cols;
  guint padding;
  EiafColormap map;
  double lo, hi; /* NaN: automatic */
  guint hl_row, hl_col, hl_rows, hl_cols;
  guint8 *marks;
  guint decimals;
  gboolean show_title;

  /* Where the last draw put the cells. */
  gboolean drawn;
  double gx, gy, cell;
  double font_px;
};

G_DEFINE_FINAL_TYPE(EiafMatrixView, eiaf_matrix_view, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_PADDING, PROP_COLORMAP, PROP_DECIMALS, PROP_SHOW_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- numbers ---- */

void eiaf_matrix_view_format_value(double value, guint decimals, char *buf, gsize size)
{
  g_return_if_fail(buf != NULL && size > 0);
  if (isnan(value)) {
    g_strlcpy(buf, "", size);
    return;
  }
  if (isinf(value)) {
    g_strlcpy(buf, value > 0 ? "∞" : "−∞", size);
    return;
  }
  char tmp[64];
  g_snprintf(tmp, sizeof tmp, "%.*f", (int) MIN(decimals, 6u), value);
  if (strchr(tmp, '.')) {
    char *end = tmp + strlen(tmp) - 1;
    while (*end == '0')
      *end-- = '\0';
    if (*end == '.')
      *end = '\0';
  }
  /* −0.001 shown with two decimals is "−0": a zero has no sign worth reading. */
  const char *digits = tmp;
  if (tmp[0] == '-' && strcmp(tmp, "-0") != 0)
    g_snprintf(buf, size, "−%s", tmp + 1);
  else
    g_strlcpy(buf, digits[0] == '-' ? digits + 1 : digits, size);
}

static gboolean is_padding(EiafMatrixView *self, guint r, guint c)
{
  guint p = self->padding;
  return r < p || c < p || r + p >= self->rows || c + p >= self->cols;
}

/* The values the colours span, after the rules of set_range and the colour map. */
static void color_range(EiafMatrixView *self, double *lo, double *hi)
{
  double a = self->lo, b = self->hi;
  if (isnan(a) || isnan(b)) {
    a = INFINITY, b = -INFINITY;
    for (gsize i = 0; i < (gsize) self->rows * self->cols; i++) {
      if (!isfinite(self->values[i]))
        continue;
      a = MIN(a, self->values[i]);
      b = MAX(b, self->values[i]);
    }
    if (a > b)
      a = b = 0;
  }
  if (self->map == EIAF_COLORMAP_DIVERGING) {
    double m = MAX(fabs(a), fabs(b));
    if (!(m > 0))
      m = 1;
    a = -m, b = m;
  } else if (!(b > a)) {
    /* A constant image: dark if it is zero or less, light if positive. */
    a = MIN(a, 0.0);
    b = a + MAX(b - a, 1.0);
  }
  *lo = a, *hi = b;
}

static double luminance(const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* ---- drawing ---- */

static void draw_cells(EiafMatrixView *self, cairo_t *cr, const EiafPlotColors *colors, double lo,
                       double hi)
{
  for (guint r = 0; r < self->rows; r++)
    for (guint c = 0; c < self->cols; c++) {
      double x = self->gx + c * self->cell, y = self->gy + r * self->cell;
      float v = self->values[(gsize) r * self->cols + c];
      if (isnan(v)) {
        /* Not computed yet: an empty cell, dashed where there is room for dashes. */
        cairo_save(cr);
        gdk_cairo_set_source_rgba(cr, self->cell >= 24 ? &colors->axis : &colors->grid);
        cairo_set_line_width(cr, 1);
        if (self->cell >= 24)
          cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
        cairo_rectangle(cr, x + 1.5, y + 1.5, self->cell - 3, self->cell - 3);
        cairo_stroke(cr);
        cairo_restore(cr);
        continue;
      }
      GdkRGBA fill;
      eiaf_colormap_rgba(self->map, (v - lo) / (hi - lo), &fill);
      gdk_cairo_set_source_rgba(cr, &fill);
      /* A one-unit gap of paper between cells draws the grid. */
      cairo_rectangle(cr, x + 0.5, y + 0.5, self->cell - 1, self->cell - 1);
      cairo_fill(cr);
    }
}

/* Padding cells are hatched, and the image inside them framed, so that the zeros added around
 * an image never pass for part of it. */
static void draw_padding(EiafMatrixView *self, cairo_t *cr, const EiafPlotColors *colors)
{
  guint p = self->padding;
  if (p == 0 || 2 * p >= self->rows || 2 * p >= self->cols)
    return;
  double x0 = self->gx, y0 = self->gy, w = self->cols * self->cell, h = self->rows * self->cell;
  double ix = x0 + p * self->cell, iy = y0 + p * self->cell;
  double iw = (self->cols - 2 * p) * self->cell, ih = (self->rows - 2 * p) * self->cell;
  cairo_save(cr);
  cairo_rectangle(cr, x0, y0, w, h);
  cairo_rectangle(cr, ix, iy, iw, ih);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip(cr);
  GdkRGBA hatch = colors->axis;
  hatch.alpha = 0.55f;
  gdk_cairo_set_source_rgba(cr, &hatch);
  cairo_set_line_width(cr, 1);
  double step = MAX(self->cell / 4, 4);
  for (double d = -h; d < w; d += step) {
    cairo_move_to(cr, x0 + d, y0 + h);
    cairo_line_to(cr, x0 + d + h, y0);
  }
  cairo_stroke(cr);
  cairo_restore(cr);

  /* The text colour on a line of paper: visible on black cells and on white ones. */
  gdk_cairo_set_source_rgba(cr, &colors->paper);
  cairo_set_line_width(cr, 3.5);
  cairo_rectangle(cr, ix, iy, iw, ih);
  cairo_stroke(cr);
  gdk_cairo_set_source_rgba(cr, &colors->fg);
  cairo_set_line_width(cr, 1.5);
  cairo_rectangle(cr, ix, iy, iw, ih);
  cairo_stroke(cr);
}

/* The largest font (in user units) at which every number fits its cell; 0 if too small. */
static double fit_font(EiafMatrixView *self, PangoLayout *layout)
{
  double widest = 0, ref_h = 0;
  char buf[64];
  for (gsize i = 0; i < (gsize) self->rows * self->cols; i++) {
    eiaf_matrix_view_format_value(self->values[i], self->decimals, buf, sizeof buf);
    if (!buf[0])
      continue;
    double w, h;
    eiaf_text_size(layout, buf, &w, &h);
    widest = MAX(widest, w);
    ref_h = MAX(ref_h, h);
  }
  if (widest <= 0)
    return MIN(self->cell * 0.4, MAX_FONT_PX);
  const PangoFontDescription *font = pango_layout_get_font_description(layout);
  double ref_px = pango_font_description_get_size(font) / (double) PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute(font))
    ref_px *= pango_cairo_context_get_resolution(pango_layout_get_context(layout)) / 72.0;
  /* Text scales with the font size: fit the widest number into 86% of a cell's width. */
  double px = MIN(ref_px * self->cell * 0.86 / widest, self->cell * 0.42);
  px = MIN(px, MAX_FONT_PX);
  return px >= MIN_FONT_PX ? px : 0;
}

static void draw_numbers(EiafMatrixView *self, cairo_t *cr, PangoLayout *plot_layout, double lo,
                         double hi)
{
  self->font_px = fit_font(self, plot_layout);
  if (self->font_px <= 0)
    return;
  g_autoptr(PangoLayout) layout = pango_layout_copy(plot_layout);
  PangoFontDescription *font =
      pango_font_description_copy(pango_layout_get_font_description(plot_layout));
  pango_font_description_set_absolute_size(font, self->font_px * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  static const GdkRGBA ink_dark = {0.11f, 0.11f, 0.11f, 1}, ink_light = {1, 1, 1, 1};
  char buf[64];
  for (guint r = 0; r < self->rows; r++)
    for (guint c = 0; c < self->cols; c++) {
      gsize i = (gsize) r * self->cols + c;
      float v = self->values[i];
      eiaf_matrix_view_format_value(v, self->decimals, buf, sizeof buf);
      if (!buf[0])
        continue;
      GdkRGBA fill;
      eiaf_colormap_rgba(self->map, (v - lo) / (hi - lo), &fill);
      GdkRGBA ink = luminance(&fill) > 0.45 ? ink_dark : ink_light;
      if (is_padding(self, r, c))
        ink = eiaf_rgba_mix(&fill, &ink, 0.6);
      double cx = self->gx + (c + 0.5) * self->cell, cy = self->gy + (r + 0.5) * self->cell;
      gdk_cairo_set_source_rgba(cr, &ink);
      eiaf_draw_text(cr, layout, buf, cx, cy, 0.5, 0.5);
      if (self->marks && self->marks[i]) {
        cairo_set_line_width(cr, 1.5);
        cairo_new_sub_path(cr);
        cairo_arc(cr, cx, cy, self->cell * 0.4, 0, 2 * G_PI);
        cairo_stroke(cr);
      }
    }
}

/* Rings without numbers (numbers left out): still show which cells are marked. */
static void draw_marks_alone(EiafMatrixView *self, cairo_t *cr, const EiafPlotColors *colors)
{
  if (!self->marks || self->font_px > 0)
    return;
  gdk_cairo_set_source_rgba(cr, &colors->fg);
  cairo_set_line_width(cr, 1.5);
  for (guint r = 0; r < self->rows; r++)
    for (guint c = 0; c < self->cols; c++)
      if (self->marks[(gsize) r * self->cols + c]) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, self->gx + (c + 0.5) * self->cell, self->gy + (r + 0.5) * self->cell,
                  self->cell * 0.35, 0, 2 * G_PI);
      }
  cairo_stroke(cr);
}

static void draw_highlight(EiafMatrixView *self, cairo_t *cr, const EiafPlotColors *colors)
{
  if (self->hl_rows == 0 || self->hl_cols == 0 || self->hl_row >= self->rows ||
      self->hl_col >= self->cols)
    return;
  guint r1 = MIN(self->hl_row + self->hl_rows, self->rows);
  guint c1 = MIN(self->hl_col + self->hl_cols, self->cols);
  double x = self->gx + self->hl_col * self->cell, y = self->gy + self->hl_row * self->cell;
  double w = (c1 - self->hl_col) * self->cell, h = (r1 - self->hl_row) * self->cell;
  /* The accent colour on a halo of paper: it stands out on black, white and the map's blues
   * and oranges alike, in either theme. */
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  gdk_cairo_set_source_rgba(cr, &colors->paper);
  cairo_set_line_width(cr, 7);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
  gdk_cairo_set_source_rgba(cr, &colors->accent);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

static void eiaf_matrix_view_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafMatrixView *self = EIAF_MATRIX_VIEW(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  const EiafPlotColors *colors = eiaf_plot_get_colors(plot);

  double top = 0;
  const char *title = eiaf_plot_get_title(plot);
  if (self->show_title && title && *title) {
    double tw, th;
    eiaf_text_size(layout, title, &tw, &th);
    gdk_cairo_set_source_rgba(cr, &colors->fg);
    eiaf_draw_text(cr, layout, title, width / 2.0, 0, 0.5, 0);
    top = th + TITLE_GAP;
  }
  double aw = width - 2 * MARGIN, ah = height - top - 2 * MARGIN;
  self->cell = floor(MIN(MIN(aw / self->cols, ah / self->rows), MAX_CELL));
  if (self->cell < 2) {
    self->drawn = FALSE;
    return;
  }
  self->gx = round((width - self->cell * self->cols) / 2);
  self->gy = round(top + MARGIN + (ah - self->cell * self->rows) / 2);
  self->drawn = TRUE;

  double lo, hi;
  color_range(self, &lo, &hi);
  draw_cells(self, cr, colors, lo, hi);
  draw_padding(self, cr, colors);
  draw_numbers(self, cr, layout, lo, hi);
  draw_marks_alone(self, cr, colors);
  draw_highlight(self, cr, colors);
}

static gboolean eiaf_matrix_view_has_data(EiafPlot *plot)
{
  EiafMatrixView *self = EIAF_MATRIX_VIEW(plot);
  return self->values != NULL && self->rows > 0 && self->cols > 0;
}

/* ---- accessibility ---- */

/* "3 × 3: −4, 0, 4; −4, 0, 4; −4, 0, 4" — or the size and range for big matrices. */
static void update_description(EiafMatrixView *self)
{
  if (!self->values) {
    eiaf_plot_set_description(EIAF_PLOT(self), "");
    return;
  }
  GString *text = g_string_new(NULL);
  g_string_append_printf(text, "%u × %u", self->rows, self->cols);
  char buf[64];
  if ((gsize) self->rows * self->cols <= MAX_DESCRIBED) {
    g_string_append(text, ": ");
    for (guint r = 0; r < self->rows; r++) {
      for (guint c = 0; c < self->cols; c++) {
        float v = self->values[(gsize) r * self->cols + c];
        eiaf_matrix_view_format_value(v, self->decimals, buf, sizeof buf);
        g_string_append(text, buf[0] ? buf : _("empty"));
        if (c + 1 < self->cols)
          g_string_append(text, ", ");
      }
      if (r + 1 < self->rows)
        g_string_append(text, "; ");
    }
  } else {
    double lo = INFINITY, hi = -INFINITY;
    for (gsize i = 0; i < (gsize) self->rows * self->cols; i++)
      if (isfinite(self->values[i]))
        lo = MIN(lo, self->values[i]), hi = MAX(hi, self->values[i]);
    if (lo <= hi) {
      char a[64], b[64];
      eiaf_matrix_view_format_value(lo, self->decimals, a, sizeof a);
      eiaf_matrix_view_format_value(hi, self->decimals, b, sizeof b);
      g_string_append_printf(text, ", ");
      g_string_append_printf(text, _("values from %s to %s"), a, b);
    }
  }
  eiaf_plot_set_description(EIAF_PLOT(self), text->str);
  g_string_free(text, TRUE);
}

/* ---- public API ---- */

GtkWidget *eiaf_matrix_view_new(void)
{
  return g_object_new(EIAF_TYPE_MATRIX_VIEW, NULL);
}

void eiaf_matrix_view_set_values(EiafMatrixView *self, const float *values, guint rows, guint cols)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  g_return_if_fail(values != NULL || rows == 0 || cols == 0);
  g_return_if_fail(rows <= 4096 && cols <= 4096);
  gsize n = (gsize) rows * cols;
  if (n == 0) {
    eiaf_matrix_view_clear(self);
    return;
  }
  if (self->values && (gsize) self->rows * self->cols == n)
    memcpy(self->values, values, n * sizeof(float));
  else {
    g_free(self->values);
    self->values = g_memdup2(values, n * sizeof(float));
  }
  if (self->rows != rows || self->cols != cols)
    g_clear_pointer(&self->marks, g_free);
  self->rows = rows, self->cols = cols;
  update_description(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

guint eiaf_matrix_view_get_rows(EiafMatrixView *self)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), 0);
  return self->rows;
}

guint eiaf_matrix_view_get_cols(EiafMatrixView *self)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), 0);
  return self->cols;
}

void eiaf_matrix_view_clear(EiafMatrixView *self)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  g_clear_pointer(&self->values, g_free);
  g_clear_pointer(&self->marks, g_free);
  self->rows = self->cols = 0;
  self->drawn = FALSE;
  update_description(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_matrix_view_set_padding(EiafMatrixView *self, guint padding)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  if (self->padding == padding)
    return;
  self->padding = padding;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_PADDING]);
}

guint eiaf_matrix_view_get_padding(EiafMatrixView *self)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), 0);
  return self->padding;
}

void eiaf_matrix_view_set_colormap(EiafMatrixView *self, EiafColormap map)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  if (self->map == map)
    return;
  self->map = map;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_COLORMAP]);
}

EiafColormap eiaf_matrix_view_get_colormap(EiafMatrixView *self)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), EIAF_COLORMAP_DIVERGING);
  return self->map;
}

void eiaf_matrix_view_set_range(EiafMatrixView *self, double lo, double hi)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  gboolean automatic = isnan(lo) || isnan(hi) || !isfinite(lo) || !isfinite(hi) || hi < lo;
  self->lo = automatic ? NAN : lo;
  self->hi = automatic ? NAN : hi;
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_matrix_view_set_highlight(EiafMatrixView *self, guint row, guint col, guint n_rows,
                                    guint n_cols)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  if (n_rows == 0 || n_cols == 0)
    row = col = n_rows = n_cols = 0;
  self->hl_row = row, self->hl_col = col, self->hl_rows = n_rows, self->hl_cols = n_cols;
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

gboolean eiaf_matrix_view_get_highlight(EiafMatrixView *self, guint *row, guint *col, guint *n_rows,
                                        guint *n_cols)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), FALSE);
  if (row)
    *row = self->hl_row;
  if (col)
    *col = self->hl_col;
  if (n_rows)
    *n_rows = self->hl_rows;
  if (n_cols)
    *n_cols = self->hl_cols;
  return self->hl_rows > 0;
}

void eiaf_matrix_view_set_marks(EiafMatrixView *self, const guint8 *marks, guint rows, guint cols)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  g_clear_pointer(&self->marks, g_free);
  if (marks && rows == self->rows && cols == self->cols && rows * cols > 0)
    self->marks = g_memdup2(marks, (gsize) rows * cols);
  gtk_widget_queue_draw(GTK_WIDGET(self));
}

void eiaf_matrix_view_set_decimals(EiafMatrixView *self, guint decimals)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  decimals = MIN(decimals, 6u);
  if (self->decimals == decimals)
    return;
  self->decimals = decimals;
  update_description(self);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_DECIMALS]);
}

void eiaf_matrix_view_set_show_title(EiafMatrixView *self, gboolean show)
{
  g_return_if_fail(EIAF_IS_MATRIX_VIEW(self));
  show = !!show;
  if (self->show_title == show)
    return;
  self->show_title = show;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_SHOW_TITLE]);
}

gboolean eiaf_matrix_view_get_cell_area(EiafMatrixView *self, guint row, guint col,
                                        graphene_rect_t *rect)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), FALSE);
  g_return_val_if_fail(rect != NULL, FALSE);
  if (!self->drawn || row >= self->rows || col >= self->cols)
    return FALSE;
  graphene_rect_init(rect, (float) (self->gx + col * self->cell),
                     (float) (self->gy + row * self->cell), (float) self->cell, (float) self->cell);
  return TRUE;
}

double eiaf_matrix_view_get_value_font_size(EiafMatrixView *self)
{
  g_return_val_if_fail(EIAF_IS_MATRIX_VIEW(self), 0);
  return self->drawn ? self->font_px : 0;
}

/* ---- GtkWidget ---- */

/* A 3×3 kernel reads well in 60 pixels: smaller than the plots' minimum, so that a row of
 * kernels and maps fits a column. Pages ask for more with a size request. */
static void eiaf_matrix_view_measure(GtkWidget *widget, GtkOrientation orientation, int for_size,
                                     int *minimum, int *natural, int *minimum_baseline,
                                     int *natural_baseline)
{
  *minimum = 48;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 200;
}

/* ---- GObject ---- */

static void eiaf_matrix_view_finalize(GObject *object)
{
  EiafMatrixView *self = EIAF_MATRIX_VIEW(object);
  g_free(self->values);
  g_free(self->marks);
  G_OBJECT_CLASS(eiaf_matrix_view_parent_class)->finalize(object);
}

static void eiaf_matrix_view_get_property(GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
  EiafMatrixView *self = EIAF_MATRIX_VIEW(object);
  switch (prop_id) {
  case PROP_PADDING:
    g_value_set_uint(value, self->padding);
    break;
  case PROP_COLORMAP:
    g_value_set_enum(value, self->map);
    break;
  case PROP_DECIMALS:
    g_value_set_uint(value, self->decimals);
    break;
  case PROP_SHOW_TITLE:
    g_value_set_boolean(value, self->show_title);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_matrix_view_set_property(GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
  EiafMatrixView *self = EIAF_MATRIX_VIEW(object);
  switch (prop_id) {
  case PROP_PADDING:
    eiaf_matrix_view_set_padding(self, g_value_get_uint(value));
    break;
  case PROP_COLORMAP:
    eiaf_matrix_view_set_colormap(self, g_value_get_enum(value));
    break;
  case PROP_DECIMALS:
    eiaf_matrix_view_set_decimals(self, g_value_get_uint(value));
    break;
  case PROP_SHOW_TITLE:
    eiaf_matrix_view_set_show_title(self, g_value_get_boolean(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_matrix_view_class_init(EiafMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  object_class->finalize = eiaf_matrix_view_finalize;
  object_class->get_property = eiaf_matrix_view_get_property;
  object_class->set_property = eiaf_matrix_view_set_property;
  GTK_WIDGET_CLASS(klass)->measure = eiaf_matrix_view_measure;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_matrix_view_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_matrix_view_has_data;

  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  properties[PROP_PADDING] = g_param_spec_uint("padding", NULL, NULL, 0, 64, 0, flags);
  properties[PROP_COLORMAP] =
      g_param_spec_enum("colormap", NULL, NULL, EIAF_TYPE_COLORMAP, EIAF_COLORMAP_DIVERGING, flags);
  properties[PROP_DECIMALS] = g_param_spec_uint("decimals", NULL, NULL, 0, 6, 2, flags);
  properties[PROP_SHOW_TITLE] = g_param_spec_boolean("show-title", NULL, NULL, FALSE, flags);
  g_object_class_install_properties(object_class, N_PROPS, properties);
}

static void eiaf_matrix_view_init(EiafMatrixView *self)
{
  self->map = EIAF_COLORMAP_DIVERGING;
  self->lo = self->hi = NAN;
  self->decimals = 2;
}
