/* Tiles of small images. All tiles, their captions and the colour bar are drawn once into a
 * cached surface; tile pixels are written straight into it at a whole number of device
 * pixels per image pixel where they fit, so every image pixel is equally sharp. The focus
 * ring is drawn over the cache. The enlarged tile is in eiaf-image-grid-zoom.c. */
#include "config.h"

#include "eiaf-image-grid-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_FINAL_TYPE(EiafImageGrid, eiaf_image_grid, EIAF_TYPE_PLOT)

enum { PROP_0, PROP_COLORMAP, PROP_SHARED_SCALE, PROP_COLUMNS, PROP_SHOW_COLORBAR, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { TILE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void invalidate(EiafImageGrid *self)
{
  eiaf_surface_cache_invalidate(&self->cache);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  if (self->enlarged)
    gtk_widget_queue_draw(self->enlarged);
}

/* ---- values to colours ---- */

void eiaf_image_grid_value_range(const float *v, gsize n, double *lo, double *hi)
{
  double a = INFINITY, b = -INFINITY;
  for (gsize i = 0; i < n; i++) {
    if (!isfinite(v[i]))
      continue;
    a = MIN(a, v[i]);
    b = MAX(b, v[i]);
  }
  *lo = a, *hi = b;
}

/* The range tile `index` is coloured over: symmetric around zero for the diverging map. */
void eiaf_image_grid_tile_range(EiafImageGrid *self, guint index, double *lo, double *hi)
{
  double a = self->lo, b = self->hi;
  if (!self->shared_scale) {
    gsize n = (gsize) self->h * self->w;
    eiaf_image_grid_value_range(self->data + index * n, n, &a, &b);
  }
  if (!(a <= b))
    a = b = 0;
  if (self->map == EIAF_COLORMAP_DIVERGING) {
    double m = MAX(fabs(a), fabs(b));
    a = -m, b = m;
  }
  *lo = a, *hi = b;
}

static double normalise(double v, double lo, double hi)
{
  if (isnan(v))
    return NAN;
  if (hi <= lo)
    return 0.5;
  return (v - lo) / (hi - lo);
}

/* Colours one image into a w × h ARGB32 surface (for the enlarged view). */
cairo_surface_t *eiaf_image_grid_tile_image(EiafImageGrid *self, guint index)
{
  double lo, hi;
  eiaf_image_grid_tile_range(self, index, &lo, &hi);
  cairo_surface_t *image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, self->w, self->h);
  unsigned char *data = cairo_image_surface_get_data(image);
  int stride = cairo_image_surface_get_stride(image);
  const float *src = self->data + (gsize) index * self->h * self->w;
  for (guint i = 0; i < self->h; i++) {
    guint32 *row = (guint32 *) (data + (gsize) i * stride);
    for (guint j = 0; j < self->w; j++)
      row[j] = eiaf_colormap_argb(self->map, normalise(src[i * self->w + j], lo, hi));
  }
  cairo_surface_mark_dirty(image);
  return image;
}

/* ---- layout ---- */

EiafColorbar eiaf_image_grid_colorbar(EiafImageGrid *self, const char *labels[3])
{
  EiafColorbar bar = {self->map, 0, 1, FALSE, 0, NULL};
  if (self->shared_scale) {
    eiaf_image_grid_tile_range(self, 0, &bar.lo, &bar.hi);
    if (bar.hi <= bar.lo)
      bar.lo -= 1, bar.hi += 1;
  } else {
    /* Each tile has its own scale: the bar can only say where the ends are. */
    gboolean diverging = self->map == EIAF_COLORMAP_DIVERGING;
    labels[0] = diverging ? _("−max") : _("min");
    labels[1] = diverging ? "0" : NULL;
    labels[2] = _("max");
    bar.labels = labels;
  }
  return bar;
}

/* The tile width (device pixels) that fits `avail` device pixels: a whole multiple of the
 * image width when there is room for one, so image pixels are all the same size. */
static double fit_tile(double avail_dev, guint w)
{
  if (avail_dev >= w)
    return floor(avail_dev / w) * w;
  return MAX(floor(avail_dev), 1);
}

static void compute_layout(EiafImageGrid *self, PangoLayout *layout, int width, int height,
                           int scale, Layout *L)
{
  memset(L, 0, sizeof *L);
  const char *labels[3];
  EiafColorbar bar = eiaf_image_grid_colorbar(self, labels);
  double bar_w = self->show_colorbar ? eiaf_colorbar_width(&bar, layout) + BAR_GAP : 0;
  double th = 0;
  if (self->labels && self->labels[0])
    eiaf_text_size(layout, "Ag", NULL, &th);
  L->label_h = th ? th + LABEL_GAP : 0;

  double avail_w = MAX(width - 2 * GAP - bar_w, 1), avail_h = MAX(height - 2 * GAP, 1);
  double aspect = (double) self->h / self->w, best = -1;
  guint first = self->columns ? MIN(self->columns, self->count) : 1;
  guint last = self->columns ? first : self->count;
  for (guint cols = first; cols <= last; cols++) {
    guint rows = (self->count + cols - 1) / cols;
    double tw = (avail_w - (cols - 1) * GAP) / cols;
    double tw_from_h = ((avail_h - (rows - 1) * GAP) / rows - L->label_h) / aspect;
    double t = MIN(tw, tw_from_h);
    if (t > best) {
      best = t;
      L->cols = (int) cols;
      L->rows = (int) rows;
    }
  }
  double tw_dev = fit_tile(MAX(best, 1) * scale, self->w);
  L->tile_w = tw_dev / scale;
  L->tile_h = round(tw_dev * aspect) / scale;
  L->step_x = L->tile_w + GAP;
  L->step_y = L->tile_h + L->label_h + GAP;

  double grid_w = L->cols * L->step_x - GAP, grid_h = L->rows * L->step_y - GAP;
  double total_w = grid_w + bar_w;
  L->x = round(MAX((width - total_w) / 2, GAP) * scale) / scale;
  L->y = round(MAX((height - grid_h) / 2, GAP) * scale) / scale;
  L->bar = self->show_colorbar;
  L->bar_x = L->x + grid_w + BAR_GAP;
  L->bar_h = CLAMP(grid_h - L->label_h, 40, MAX(40, height - 2 * GAP));
  L->bar_y = L->y + MAX((grid_h - L->label_h - L->bar_h) / 2, 0);
}

static void tile_origin(const Layout *L, guint index, double *x, double *y)
{
  *x = L->x + (index % L->cols) * L->step_x;
  *y = L->y + (index / L->cols) * L->step_y;
}

/* ---- drawing ---- */

/* Writes tile `index` into the cache surface's pixels, nearest image pixel per device pixel.
 * Each image pixel is coloured once; device rows that show the same image row are copies. */
static void write_tile(EiafImageGrid *self, const Layout *L, guint index, int scale,
                       guint32 *colours, const int *column_of)
{
  cairo_surface_t *surface = self->cache.surface;
  unsigned char *data = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  int sw = cairo_image_surface_get_width(surface), sh = cairo_image_surface_get_height(surface);
  double x, y, lo, hi;
  tile_origin(L, index, &x, &y);
  eiaf_image_grid_tile_range(self, index, &lo, &hi);
  int x0 = (int) lround(x * scale), y0 = (int) lround(y * scale);
  int tw = (int) lround(L->tile_w * scale), th = (int) lround(L->tile_h * scale);
  const float *src = self->data + (gsize) index * self->h * self->w;
  gsize n = (gsize) self->h * self->w;
  for (gsize i = 0; i < n; i++)
    colours[i] = eiaf_colormap_argb(self->map, normalise(src[i], lo, hi));

  int dx0 = MAX(0, -x0), dx1 = MIN(tw, sw - x0), last_row = -1;
  const guint32 *last_out = NULL;
  if (dx1 <= dx0)
    return;
  for (int dy = MAX(0, -y0); dy < th && y0 + dy < sh; dy++) {
    int row = (int) ((gint64) dy * self->h / th);
    guint32 *out = (guint32 *) (data + (gsize) (y0 + dy) * stride) + x0;
    if (row == last_row) {
      memcpy(out + dx0, last_out + dx0, (gsize) (dx1 - dx0) * sizeof(guint32));
      continue;
    }
    const guint32 *c = colours + (gsize) row * self->w;
    for (int dx = dx0; dx < dx1; dx++)
      out[dx] = c[column_of[dx]];
    last_row = row;
    last_out = out;
  }
}

static void write_tiles(EiafImageGrid *self, const Layout *L, int scale)
{
  guint32 *colours = g_new(guint32, (gsize) self->h * self->w);
  /* Which image column each device column of a tile shows: the same for every tile. */
  int tw = (int) lround(L->tile_w * scale);
  int *column_of = g_new(int, MAX(tw, 1));
  for (int dx = 0; dx < tw; dx++)
    column_of[dx] = (int) ((gint64) dx * self->w / tw);
  cairo_surface_flush(self->cache.surface);
  for (guint i = 0; i < self->count; i++)
    write_tile(self, L, i, scale, colours, column_of);
  cairo_surface_mark_dirty(self->cache.surface);
  g_free(column_of);
  g_free(colours);
}

static void draw_captions(EiafImageGrid *self, cairo_t *cr, PangoLayout *layout, const Layout *L)
{
  if (!self->labels)
    return;
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  gdk_cairo_set_source_rgba(cr, &colors->dim);
  pango_layout_set_width(layout, (int) ((L->tile_w + GAP - 2) * PANGO_SCALE));
  pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  for (guint i = 0; i < self->count && self->labels[i]; i++) {
    double x, y;
    tile_origin(L, i, &x, &y);
    pango_layout_set_text(layout, self->labels[i], -1);
    cairo_move_to(cr, x - GAP / 2 + 1, y + L->tile_h + LABEL_GAP);
    pango_cairo_show_layout(cr, layout);
  }
  pango_layout_set_width(layout, -1);
  pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE);
}

static void draw_cache(EiafImageGrid *self, cairo_t *ccr, PangoLayout *layout, const Layout *L,
                       int scale)
{
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
  write_tiles(self, L, scale);

  /* A hairline frame keeps white (zero) tiles apart from white paper. */
  cairo_set_line_width(ccr, 1.0 / scale);
  gdk_cairo_set_source_rgba(ccr, &colors->axis);
  for (guint i = 0; i < self->count; i++) {
    double x, y;
    tile_origin(L, i, &x, &y);
    cairo_rectangle(ccr, x - 0.5 / scale, y - 0.5 / scale, L->tile_w + 1.0 / scale,
                    L->tile_h + 1.0 / scale);
  }
  cairo_stroke(ccr);
  draw_captions(self, ccr, layout, L);
  if (L->bar) {
    const char *labels[3];
    EiafColorbar bar = eiaf_image_grid_colorbar(self, labels);
    eiaf_colorbar_draw(&bar, ccr, layout, colors, L->bar_x, L->bar_y, L->bar_h, scale);
  }
}

static gboolean eiaf_image_grid_has_data(EiafPlot *plot)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(plot);
  return self->count > 0 && self->data != NULL;
}

/* New values in tiles of the same shape: the tiles are rewritten in place and the colour bar
 * redrawn; captions, frames and layout stay. */
static void update_tiles(EiafImageGrid *self, PangoLayout *layout, int width, int height, int scale)
{
  const Layout *L = &self->layout;
  write_tiles(self, L, scale);
  if (L->bar) {
    const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(self));
    const char *labels[3];
    EiafColorbar bar = eiaf_image_grid_colorbar(self, labels);
    cairo_t *ccr = eiaf_surface_cache_begin_update(&self->cache);
    pango_cairo_update_layout(ccr, layout);
    cairo_rectangle(ccr, L->bar_x - 1, 0, width - L->bar_x + 1, height);
    gdk_cairo_set_source_rgba(ccr, &colors->paper);
    cairo_fill(ccr);
    eiaf_colorbar_draw(&bar, ccr, layout, colors, L->bar_x, L->bar_y, L->bar_h, scale);
    cairo_destroy(ccr);
  }
}

static void eiaf_image_grid_draw(EiafPlot *plot, cairo_t *cr, int width, int height)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(plot);
  PangoLayout *layout = eiaf_plot_get_layout(plot);
  int scale = eiaf_plot_get_render_scale(plot);
  guint serial = eiaf_plot_get_style_serial(plot);
  gboolean valid = eiaf_surface_cache_is_valid(&self->cache, width, height, scale, serial);

  if (valid && self->tiles_dirty) {
    /* Only if the new values leave the layout (the colour bar's width) as it was. */
    Layout fresh;
    compute_layout(self, layout, width, height, scale, &fresh);
    if (memcmp(&fresh, &self->layout, sizeof fresh) == 0)
      update_tiles(self, layout, width, height, scale);
    else
      valid = FALSE;
    pango_cairo_update_layout(cr, layout);
  }
  if (!valid) {
    compute_layout(self, layout, width, height, scale, &self->layout);
    cairo_t *ccr = eiaf_surface_cache_begin(&self->cache, width, height, scale, serial, layout,
                                            &eiaf_plot_get_colors(plot)->paper);
    draw_cache(self, ccr, layout, &self->layout, scale);
    eiaf_surface_cache_end(&self->cache, ccr, cr, layout);
    self->have_layout = TRUE;
  }
  self->tiles_dirty = FALSE;
  eiaf_surface_cache_paint(&self->cache, cr);

  if (self->focus >= 0 && (guint) self->focus < self->count &&
      gtk_widget_has_visible_focus(GTK_WIDGET(self))) {
    double x, y;
    tile_origin(&self->layout, (guint) self->focus, &x, &y);
    cairo_set_line_width(cr, 2);
    gdk_cairo_set_source_rgba(cr, &eiaf_plot_get_colors(plot)->accent);
    cairo_rectangle(cr, x - 2, y - 2, self->layout.tile_w + 4, self->layout.tile_h + 4);
    cairo_stroke(cr);
  }
}

void eiaf_image_grid_show_tile(EiafImageGrid *self, guint index)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  if (index >= self->count)
    return;
  self->focus = (int) index;
  eiaf_image_grid_zoom_show(self, index);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_signal_emit(self, signals[TILE_ACTIVATED], 0, index);
}

/* ---- input ---- */

int eiaf_image_grid_tile_at(EiafImageGrid *self, double x, double y)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), -1);
  if (!self->have_layout || self->count == 0)
    return -1;
  const Layout *L = &self->layout;
  int col = (int) floor((x - L->x) / L->step_x), row = (int) floor((y - L->y) / L->step_y);
  if (col < 0 || col >= L->cols || row < 0 || row >= L->rows)
    return -1;
  guint index = (guint) (row * L->cols + col);
  double tx, ty;
  tile_origin(L, index, &tx, &ty);
  /* The caption belongs to its tile; the gap between tiles to none. */
  if (index >= self->count || x > tx + L->tile_w || y > ty + L->tile_h + L->label_h)
    return -1;
  return (int) index;
}

gboolean eiaf_image_grid_get_tile_area(EiafImageGrid *self, guint index, graphene_rect_t *rect)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), FALSE);
  if (!self->have_layout || index >= self->count)
    return FALSE;
  double x, y;
  tile_origin(&self->layout, index, &x, &y);
  if (rect)
    graphene_rect_init(rect, x, y, self->layout.tile_w, self->layout.tile_h);
  return TRUE;
}

int eiaf_image_grid_get_focus_tile(EiafImageGrid *self)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), -1);
  return self->count ? CLAMP(self->focus, 0, (int) self->count - 1) : -1;
}

static void on_click_released_cb(GtkGestureClick *gesture, int n_press, double x, double y,
                                 EiafImageGrid *self)
{
  int index = eiaf_image_grid_tile_at(self, x, y);
  gtk_widget_grab_focus(GTK_WIDGET(self));
  if (index >= 0)
    eiaf_image_grid_show_tile(self, (guint) index);
}

/* "grid.move-focus" (ii): moves the keyboard focus by columns and rows. */
static void move_focus_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(widget);
  if (self->count == 0)
    return;
  int dx, dy;
  g_variant_get(param, "(ii)", &dx, &dy);
  int cols = self->have_layout ? self->layout.cols : 1;
  self->focus = CLAMP(MAX(self->focus, 0) + dx + dy * cols, 0, (int) self->count - 1);
  gtk_widget_queue_draw(widget);
}

/* "grid.show-focused": the focused tile, enlarged. */
static void show_focused_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(widget);
  if (self->count > 0)
    eiaf_image_grid_show_tile(self, (guint) eiaf_image_grid_get_focus_tile(self));
}

/* ---- public API ---- */

GtkWidget *eiaf_image_grid_new(void)
{
  return g_object_new(EIAF_TYPE_IMAGE_GRID, NULL);
}

void eiaf_image_grid_set_images(EiafImageGrid *self, const float *data, guint count, guint h,
                                guint w)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  gsize n = (gsize) count * h * w;
  g_return_if_fail(data != NULL || n == 0);
  gboolean same_shape = self->data && count == self->count && h == self->h && w == self->w;
  if (same_shape && n > 0) {
    /* New weights every frame: the buffer stays. */
    memcpy(self->data, data, n * sizeof(float));
  } else {
    g_clear_pointer(&self->data, g_free);
    self->count = self->h = self->w = 0;
    if (n > 0)
      self->data = g_memdup2(data, n * sizeof(float));
  }
  if (n > 0) {
    self->count = count, self->h = h, self->w = w;
    eiaf_image_grid_value_range(self->data, n, &self->lo, &self->hi);
  }
  self->focus = CLAMP(self->focus, 0, MAX((int) self->count - 1, 0));
  if (self->popover && self->shown >= self->count)
    gtk_popover_popdown(GTK_POPOVER(self->popover));
  g_autofree char *description =
      g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u image of %u × %u pixels",
                                  "%u images of %u × %u pixels", self->count),
                      self->count, self->h, self->w);
  eiaf_plot_set_description(EIAF_PLOT(self), description);
  if (same_shape && n > 0) {
    self->tiles_dirty = TRUE;
    gtk_widget_queue_draw(GTK_WIDGET(self));
    if (self->enlarged)
      gtk_widget_queue_draw(self->enlarged);
  } else {
    invalidate(self);
  }
}

guint eiaf_image_grid_get_count(EiafImageGrid *self)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), 0);
  return self->count;
}

void eiaf_image_grid_set_labels(EiafImageGrid *self, const char *const *labels)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  g_strfreev(self->labels);
  self->labels = g_strdupv((char **) labels);
  invalidate(self);
}

void eiaf_image_grid_set_colormap(EiafImageGrid *self, EiafColormap map)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  if (self->map == map)
    return;
  self->map = map;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_COLORMAP]);
}

EiafColormap eiaf_image_grid_get_colormap(EiafImageGrid *self)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), EIAF_COLORMAP_DIVERGING);
  return self->map;
}

void eiaf_image_grid_set_shared_scale(EiafImageGrid *self, gboolean shared)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  shared = !!shared;
  if (self->shared_scale == shared)
    return;
  self->shared_scale = shared;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_SHARED_SCALE]);
}

gboolean eiaf_image_grid_get_shared_scale(EiafImageGrid *self)
{
  g_return_val_if_fail(EIAF_IS_IMAGE_GRID(self), TRUE);
  return self->shared_scale;
}

void eiaf_image_grid_set_columns(EiafImageGrid *self, guint columns)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  if (self->columns == columns)
    return;
  self->columns = columns;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_COLUMNS]);
}

void eiaf_image_grid_set_show_colorbar(EiafImageGrid *self, gboolean show)
{
  g_return_if_fail(EIAF_IS_IMAGE_GRID(self));
  show = !!show;
  if (self->show_colorbar == show)
    return;
  self->show_colorbar = show;
  invalidate(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_SHOW_COLORBAR]);
}

/* ---- GObject ---- */

static void eiaf_image_grid_size_allocate(GtkWidget *widget, int width, int height, int baseline)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(widget);
  GTK_WIDGET_CLASS(eiaf_image_grid_parent_class)->size_allocate(widget, width, height, baseline);
  if (self->popover)
    gtk_popover_present(GTK_POPOVER(self->popover));
}

static void eiaf_image_grid_dispose(GObject *object)
{
  eiaf_image_grid_zoom_dispose(EIAF_IMAGE_GRID(object));
  G_OBJECT_CLASS(eiaf_image_grid_parent_class)->dispose(object);
}

static void eiaf_image_grid_finalize(GObject *object)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(object);
  g_free(self->data);
  g_strfreev(self->labels);
  eiaf_surface_cache_clear(&self->cache);
  G_OBJECT_CLASS(eiaf_image_grid_parent_class)->finalize(object);
}

static void eiaf_image_grid_get_property(GObject *object, guint prop_id, GValue *value,
                                         GParamSpec *pspec)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(object);
  switch (prop_id) {
  case PROP_COLORMAP:
    g_value_set_enum(value, self->map);
    break;
  case PROP_SHARED_SCALE:
    g_value_set_boolean(value, self->shared_scale);
    break;
  case PROP_COLUMNS:
    g_value_set_uint(value, self->columns);
    break;
  case PROP_SHOW_COLORBAR:
    g_value_set_boolean(value, self->show_colorbar);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_image_grid_set_property(GObject *object, guint prop_id, const GValue *value,
                                         GParamSpec *pspec)
{
  EiafImageGrid *self = EIAF_IMAGE_GRID(object);
  switch (prop_id) {
  case PROP_COLORMAP:
    eiaf_image_grid_set_colormap(self, g_value_get_enum(value));
    break;
  case PROP_SHARED_SCALE:
    eiaf_image_grid_set_shared_scale(self, g_value_get_boolean(value));
    break;
  case PROP_COLUMNS:
    eiaf_image_grid_set_columns(self, g_value_get_uint(value));
    break;
  case PROP_SHOW_COLORBAR:
    eiaf_image_grid_set_show_colorbar(self, g_value_get_boolean(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_image_grid_class_init(EiafImageGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->dispose = eiaf_image_grid_dispose;
  object_class->finalize = eiaf_image_grid_finalize;
  object_class->get_property = eiaf_image_grid_get_property;
  object_class->set_property = eiaf_image_grid_set_property;
  widget_class->size_allocate = eiaf_image_grid_size_allocate;
  EIAF_PLOT_CLASS(klass)->draw = eiaf_image_grid_draw;
  EIAF_PLOT_CLASS(klass)->has_data = eiaf_image_grid_has_data;

  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  properties[PROP_COLORMAP] =
      g_param_spec_enum("colormap", NULL, NULL, EIAF_TYPE_COLORMAP, EIAF_COLORMAP_DIVERGING, flags);
  properties[PROP_SHARED_SCALE] = g_param_spec_boolean("shared-scale", NULL, NULL, TRUE, flags);
  properties[PROP_COLUMNS] = g_param_spec_uint("columns", NULL, NULL, 0, 1000, 0, flags);
  properties[PROP_SHOW_COLORBAR] = g_param_spec_boolean("show-colorbar", NULL, NULL, TRUE, flags);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  gtk_widget_class_install_action(widget_class, "grid.move-focus", "(ii)", move_focus_action);
  gtk_widget_class_install_action(widget_class, "grid.show-focused", NULL, show_focused_action);
  static const struct {
    guint key;
    int dx, dy;
  } moves[] = {
      {GDK_KEY_Left, -1, 0},    {GDK_KEY_KP_Left, -1, 0}, {GDK_KEY_Right, 1, 0},
      {GDK_KEY_KP_Right, 1, 0}, {GDK_KEY_Up, 0, -1},      {GDK_KEY_KP_Up, 0, -1},
      {GDK_KEY_Down, 0, 1},     {GDK_KEY_KP_Down, 0, 1},
  };
  for (guint i = 0; i < G_N_ELEMENTS(moves); i++)
    gtk_widget_class_add_binding_action(widget_class, moves[i].key, 0, "grid.move-focus", "(ii)",
                                        moves[i].dx, moves[i].dy);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Return, 0, "grid.show-focused", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_KP_Enter, 0, "grid.show-focused", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_space, 0, "grid.show-focused", NULL);

  /* A tile was opened (clicked, or Enter on the focused one). */
  signals[TILE_ACTIVATED] =
      g_signal_new("tile-activated", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                   NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void eiaf_image_grid_init(EiafImageGrid *self)
{
  eiaf_plot_set_cache(EIAF_PLOT(self), &self->cache);
  self->map = EIAF_COLORMAP_DIVERGING;
  self->shared_scale = TRUE;
  self->show_colorbar = TRUE;

  GtkGesture *click = gtk_gesture_click_new();
  gtk_gesture_single_set_button(GTK_GESTURE_SINGLE(click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object(click, "released", G_CALLBACK(on_click_released_cb), self, 0);
  gtk_widget_add_controller(GTK_WIDGET(self), GTK_EVENT_CONTROLLER(click));
}
