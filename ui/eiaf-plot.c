/* The base of every picture: colours, text, placeholder, accessibility. The context menu and
 * the PNG export are in eiaf-plot-export.c. */
#include "config.h"

#include "eiaf-plot-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE(EiafPlot, eiaf_plot, GTK_TYPE_WIDGET)

EiafPlotPrivate *eiaf_plot_get_private(EiafPlot *self)
{
  return eiaf_plot_get_instance_private(self);
}

enum { PROP_0, PROP_TITLE, PROP_PLACEHOLDER_TEXT, PROP_X_TITLE, PROP_Y_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Plot text is a little smaller than the interface's, like a figure's caption. */
#define FONT_SCALE 0.87

/* ---- colours ---- */

static gboolean lookup_first(GtkStyleContext *ctx, const char *const *names, GdkRGBA *out)
{
  for (; *names; names++)
    if (gtk_style_context_lookup_color(ctx, *names, out))
      return TRUE;
  return FALSE;
}

static double luminance(const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* Colours with alpha are flattened onto the paper so cached pictures and exports agree. */
static GdkRGBA over_paper(const GdkRGBA *c, const GdkRGBA *paper, double alpha)
{
  GdkRGBA opaque = *c;
  opaque.alpha = 1;
  GdkRGBA out = eiaf_rgba_mix(paper, &opaque, c->alpha * alpha);
  out.alpha = 1;
  return out;
}

static void read_colors(EiafPlot *self, EiafPlotColors *out)
{
  /* GTK 4.8 has no gtk_widget_get_color; the style context is the way. libadwaita names
   * its colours view_*, plain GTK's Adwaita theme_*: try both. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *ctx = gtk_widget_get_style_context(GTK_WIDGET(self));
  static const char *const paper_names[] = {"view_bg_color", "theme_base_color", NULL};
  static const char *const fg_names[] = {"view_fg_color", "theme_text_color", "theme_fg_color",
                                         NULL};
  static const char *const accent_names[] = {"accent_color", "theme_selected_bg_color", NULL};
  GdkRGBA paper, fg, accent;

  if (!lookup_first(ctx, paper_names, &paper))
    paper = (GdkRGBA){1, 1, 1, 1};
  paper.alpha = 1;
  /* An unrooted widget has no inherited colour; the theme's named one is right there. */
  if (gtk_widget_get_root(GTK_WIDGET(self)))
    gtk_style_context_get_color(ctx, &fg);
  else if (!lookup_first(ctx, fg_names, &fg))
    fg = luminance(&paper) > 0.5 ? (GdkRGBA){0, 0, 0, 0.8f} : (GdkRGBA){1, 1, 1, 1};
  if (!lookup_first(ctx, accent_names, &accent))
    accent = (GdkRGBA){0.21f, 0.52f, 0.89f, 1};
  G_GNUC_END_IGNORE_DEPRECATIONS

  out->paper = paper;
  out->fg = over_paper(&fg, &paper, 1.0);
  out->dim = over_paper(&fg, &paper, 0.62);
  out->axis = over_paper(&fg, &paper, 0.38);
  out->grid = over_paper(&fg, &paper, 0.10);
  out->accent = over_paper(&accent, &paper, 1.0);
  out->dark = luminance(&paper) < 0.5;
  /* Plain GTK's dark theme has a deep blue accent (a selection background), too close to the
   * paper for a line or a label: lift it towards the text colour until it stands out. */
  for (int i = 0; i < 4 && fabs(luminance(&out->accent) - luminance(&paper)) < 0.3; i++)
    out->accent = eiaf_rgba_mix(&out->accent, &out->fg, 0.25);
}

static void ensure_colors(EiafPlot *self)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (priv->colors_valid)
    return;
  EiafPlotColors fresh;
  memset(&fresh, 0, sizeof fresh);
  read_colors(self, &fresh);
  PangoContext *pango = gtk_widget_get_pango_context(GTK_WIDGET(self));
  guint font_hash = pango_font_description_hash(pango_context_get_font_description(pango)) ^
                    (guint) (pango_cairo_context_get_resolution(pango) * 64);
  if (priv->style_serial == 0 || font_hash != priv->font_hash ||
      memcmp(&fresh, &priv->colors, sizeof fresh) != 0) {
    priv->colors = fresh;
    priv->font_hash = font_hash;
    priv->style_serial++;
  }
  priv->colors_valid = TRUE;
}

const EiafPlotColors *eiaf_plot_get_colors(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  ensure_colors(self);
  return &priv->colors;
}

guint eiaf_plot_get_style_serial(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), 0);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  ensure_colors(self);
  return priv->style_serial;
}

void eiaf_plot_get_series_color(EiafPlot *self, guint index, GdkRGBA *out)
{
  g_return_if_fail(EIAF_IS_PLOT(self) && out != NULL);
  eiaf_palette_color(index, eiaf_plot_get_colors(self)->dark, out);
}

int eiaf_plot_get_render_scale(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), 1);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  return MAX(priv->render_scale, 1);
}

PangoLayout *eiaf_plot_get_layout(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  g_return_val_if_fail(priv->layout != NULL, NULL);
  return priv->layout;
}

void eiaf_plot_remember_axes(EiafPlot *self, const EiafAxes *axes)
{
  g_return_if_fail(EIAF_IS_PLOT(self) && axes != NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  priv->axes = *axes;
  /* The titles belong to the subclass and may not outlive this draw. */
  priv->axes.x_title = priv->axes.y_title = NULL;
  priv->have_axes = TRUE;
}

gboolean eiaf_plot_data_to_widget(EiafPlot *self, double x, double y, double *wx, double *wy)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), FALSE);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (!priv->have_axes)
    return FALSE;
  double px = eiaf_axes_map_x(&priv->axes, x), py = eiaf_axes_map_y(&priv->axes, y);
  if (wx)
    *wx = px;
  if (wy)
    *wy = py;
  return isfinite(px) && isfinite(py);
}

gboolean eiaf_plot_widget_to_data(EiafPlot *self, double wx, double wy, double *x, double *y)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), FALSE);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (!priv->have_axes)
    return FALSE;
  if (x)
    *x = eiaf_axes_unmap_x(&priv->axes, wx);
  if (y)
    *y = eiaf_axes_unmap_y(&priv->axes, wy);
  return TRUE;
}

/* ---- rendering ---- */

static PangoLayout *make_layout(EiafPlot *self, cairo_t *cr)
{
  PangoContext *widget_ctx = gtk_widget_get_pango_context(GTK_WIDGET(self));
  PangoLayout *layout = pango_cairo_create_layout(cr);
  PangoContext *ctx = pango_layout_get_context(layout);
  double dpi = pango_cairo_context_get_resolution(widget_ctx);
  if (dpi > 0)
    pango_cairo_context_set_resolution(ctx, dpi);
  pango_context_changed(ctx);
  pango_layout_context_changed(layout);

  PangoFontDescription *font =
      pango_font_description_copy(pango_context_get_font_description(widget_ctx));
  int size = pango_font_description_get_size(font);
  if (size <= 0)
    size = 11 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute(font))
    pango_font_description_set_absolute_size(font, size * FONT_SCALE);
  else
    pango_font_description_set_size(font, (int) (size * FONT_SCALE));
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  /* Tabular figures keep columns of numbers aligned. */
  PangoAttrList *attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum"));
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
  return layout;
}

void eiaf_plot_render(EiafPlot *self, cairo_t *cr, int width, int height, int scale)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  g_return_if_fail(cr != NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  EiafPlotClass *klass = EIAF_PLOT_GET_CLASS(self);
  g_return_if_fail(priv->layout == NULL);
  if (width <= 0 || height <= 0)
    return;

  ensure_colors(self);
  priv->render_scale = MAX(scale, 1);
  priv->layout = make_layout(self, cr);

  cairo_save(cr);
  gdk_cairo_set_source_rgba(cr, &priv->colors.paper);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_fill(cr);
  gboolean has_data = klass->has_data ? klass->has_data(self) : TRUE;
  if (has_data && klass->draw)
    klass->draw(self, cr, width, height);
  else
    eiaf_draw_placeholder(cr, priv->layout, &priv->colors, width, height, priv->placeholder);
  cairo_restore(cr);

  g_clear_object(&priv->layout);
}

/* ---- properties ---- */

const char *eiaf_plot_get_title(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  return priv->title;
}

void eiaf_plot_set_title(EiafPlot *self, const char *title)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (g_strcmp0(priv->title, title) == 0)
    return;
  g_free(priv->title);
  priv->title = g_strdup(title);
  gtk_accessible_update_property(GTK_ACCESSIBLE(self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 title ? title : "", -1);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_TITLE]);
}

const char *eiaf_plot_get_placeholder_text(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  return priv->placeholder;
}

void eiaf_plot_set_placeholder_text(EiafPlot *self, const char *text)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (g_strcmp0(priv->placeholder, text) == 0)
    return;
  g_free(priv->placeholder);
  priv->placeholder = g_strdup(text);
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_PLACEHOLDER_TEXT]);
}

static void set_axis_title(EiafPlot *self, char **field, const char *title, guint prop)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  if (g_strcmp0(*field, title) == 0)
    return;
  g_free(*field);
  *field = g_strdup(title);
  /* Titles are baked into the subclasses' caches like colours are. */
  ensure_colors(self);
  priv->style_serial++;
  gtk_widget_queue_draw(GTK_WIDGET(self));
  g_object_notify_by_pspec(G_OBJECT(self), properties[prop]);
}

const char *eiaf_plot_get_x_title(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  return priv->x_title;
}

void eiaf_plot_set_x_title(EiafPlot *self, const char *title)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  set_axis_title(self, &priv->x_title, title, PROP_X_TITLE);
}

const char *eiaf_plot_get_y_title(EiafPlot *self)
{
  g_return_val_if_fail(EIAF_IS_PLOT(self), NULL);
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  return priv->y_title;
}

void eiaf_plot_set_y_title(EiafPlot *self, const char *title)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  set_axis_title(self, &priv->y_title, title, PROP_Y_TITLE);
}

void eiaf_plot_set_description(EiafPlot *self, const char *description)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  gtk_accessible_update_property(GTK_ACCESSIBLE(self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                 description ? description : "", -1);
}

/* ---- GtkWidget ---- */

static void eiaf_plot_snapshot(GtkWidget *widget, GtkSnapshot *snapshot)
{
  EiafPlot *self = EIAF_PLOT(widget);
  int width = gtk_widget_get_width(widget), height = gtk_widget_get_height(widget);
  if (width <= 0 || height <= 0)
    return;
  cairo_t *cr = gtk_snapshot_append_cairo(snapshot, &GRAPHENE_RECT_INIT(0, 0, width, height));
  eiaf_plot_render(self, cr, width, height, gtk_widget_get_scale_factor(widget));
  if (gtk_widget_has_visible_focus(widget)) {
    const EiafPlotColors *colors = eiaf_plot_get_colors(self);
    cairo_set_line_width(cr, 2);
    gdk_cairo_set_source_rgba(cr, &colors->accent);
    cairo_rectangle(cr, 1, 1, width - 2, height - 2);
    cairo_stroke(cr);
  }
  cairo_destroy(cr);
}

static void eiaf_plot_measure(GtkWidget *widget, GtkOrientation orientation, int for_size,
                              int *minimum, int *natural, int *minimum_baseline,
                              int *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;
  *minimum = horizontal ? 160 : 120;
  *natural = horizontal ? 480 : 320;
}

static void eiaf_plot_size_allocate(GtkWidget *widget, int width, int height, int baseline)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(EIAF_PLOT(widget));
  if (priv->menu)
    gtk_popover_present(GTK_POPOVER(priv->menu));
}

static void eiaf_plot_css_changed(GtkWidget *widget, GtkCssStyleChange *change)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(EIAF_PLOT(widget));
  GTK_WIDGET_CLASS(eiaf_plot_parent_class)->css_changed(widget, change);
  /* Read again at the next draw; the serial moves only if a colour really changed. */
  priv->colors_valid = FALSE;
  gtk_widget_queue_draw(widget);
}

static void eiaf_plot_root(GtkWidget *widget)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(EIAF_PLOT(widget));
  GTK_WIDGET_CLASS(eiaf_plot_parent_class)->root(widget);
  priv->colors_valid = FALSE;
}

static void eiaf_plot_dispose(GObject *object)
{
  eiaf_plot_export_dispose(EIAF_PLOT(object));
  G_OBJECT_CLASS(eiaf_plot_parent_class)->dispose(object);
}

static void eiaf_plot_finalize(GObject *object)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(EIAF_PLOT(object));
  g_free(priv->title);
  g_free(priv->placeholder);
  g_free(priv->x_title);
  g_free(priv->y_title);
  G_OBJECT_CLASS(eiaf_plot_parent_class)->finalize(object);
}

static void eiaf_plot_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EiafPlot *self = EIAF_PLOT(object);
  switch (prop_id) {
  case PROP_TITLE:
    g_value_set_string(value, eiaf_plot_get_title(self));
    break;
  case PROP_PLACEHOLDER_TEXT:
    g_value_set_string(value, eiaf_plot_get_placeholder_text(self));
    break;
  case PROP_X_TITLE:
    g_value_set_string(value, eiaf_plot_get_x_title(self));
    break;
  case PROP_Y_TITLE:
    g_value_set_string(value, eiaf_plot_get_y_title(self));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_plot_set_property(GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  EiafPlot *self = EIAF_PLOT(object);
  switch (prop_id) {
  case PROP_TITLE:
    eiaf_plot_set_title(self, g_value_get_string(value));
    break;
  case PROP_PLACEHOLDER_TEXT:
    eiaf_plot_set_placeholder_text(self, g_value_get_string(value));
    break;
  case PROP_X_TITLE:
    eiaf_plot_set_x_title(self, g_value_get_string(value));
    break;
  case PROP_Y_TITLE:
    eiaf_plot_set_y_title(self, g_value_get_string(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

void eiaf_plot_set_cache(EiafPlot *self, EiafSurfaceCache *cache)
{
  g_return_if_fail(EIAF_IS_PLOT(self));
  eiaf_plot_get_private(self)->cache = cache;
}

static void eiaf_plot_unmap(GtkWidget *widget)
{
  EiafPlotPrivate *priv = eiaf_plot_get_private(EIAF_PLOT(widget));
  if (priv->cache)
    eiaf_surface_cache_clear(priv->cache);
  GTK_WIDGET_CLASS(eiaf_plot_parent_class)->unmap(widget);
}

static void eiaf_plot_class_init(EiafPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->dispose = eiaf_plot_dispose;
  object_class->finalize = eiaf_plot_finalize;
  object_class->get_property = eiaf_plot_get_property;
  object_class->set_property = eiaf_plot_set_property;
  widget_class->snapshot = eiaf_plot_snapshot;
  widget_class->measure = eiaf_plot_measure;
  widget_class->size_allocate = eiaf_plot_size_allocate;
  widget_class->css_changed = eiaf_plot_css_changed;
  widget_class->root = eiaf_plot_root;
  widget_class->unmap = eiaf_plot_unmap;

  properties[PROP_TITLE] =
      g_param_spec_string("title", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER_TEXT] =
      g_param_spec_string("placeholder-text", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_TITLE] =
      g_param_spec_string("x-title", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_TITLE] =
      g_param_spec_string("y-title", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  eiaf_plot_export_class_init(widget_class);

  gtk_widget_class_set_css_name(widget_class, "plot");
  gtk_widget_class_set_accessible_role(widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void eiaf_plot_init(EiafPlot *self)
{
  EiafPlotPrivate *priv = eiaf_plot_get_instance_private(self);
  priv->placeholder = g_strdup(_("No data yet"));
  priv->render_scale = 1;

  gtk_widget_set_focusable(GTK_WIDGET(self), TRUE);
  eiaf_plot_export_init(self);
}
