/* EiafDigitCanvas: draw a digit; the ink is kept as a fixed-size grey image.
 *
 * Two views of the same strokes: the screen shows them as cairo paths (sharp at any size and
 * scale factor), and the ink image is rasterised from the same points with a soft round brush.
 * Both use coordinates relative to the sheet, so the widget's size never changes the image. */
#include "eiaf-digit-canvas.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Brush radius and soft edge, relative to the sheet's side. A digit drawn across most of the
 * sheet is scaled by about 20/200 when fitted into MNIST's 20×20 box, which turns this brush
 * into a stroke about 2.5 pixels wide with a soft edge: what MNIST's pen strokes look like. */
#define BRUSH_RADIUS  0.042
#define BRUSH_FEATHER 0.021

/* "changed" at most this often while drawing. */
#define CHANGED_INTERVAL_MS (1000 / 60)

#define SHEET_RADIUS 12.0
#define PREVIEW_SIZE 56 /* two screen pixels per MNIST pixel */
#define N_INK        (EIAF_DIGIT_CANVAS_SIZE * EIAF_DIGIT_CANVAS_SIZE)

struct _EiafDigitCanvas {
  GtkWidget parent_instance;

  GtkWidget *frame; /* keeps the sheet square */
  GtkWidget *overlay;
  GtkWidget *paper;   /* the drawing surface, "Digit canvas" */
  GtkWidget *hint;    /* "Draw a digit" on the empty sheet */
  GtkWidget *preview; /* what the network sees, under the sheet */
  GtkWidget *preview_caption;
  GtkWidget *clear_button;

  float *ink;           /* N_INK floats */
  GArray *points;       /* x, y pairs relative to the sheet */
  GArray *stroke_start; /* index (in points) of each stroke's first point */
  gboolean empty;
  gboolean stroking;
  double drag_x, drag_y; /* where the drag began, in paper coordinates */

  guint throttle_id;
  gboolean change_pending;

  float *preview_img;
  int preview_w, preview_h;
};

G_DEFINE_FINAL_TYPE(EiafDigitCanvas, eiaf_digit_canvas, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_EMPTY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the ink image ---- */

/* Ink at distance d (pixels) from the stroke's centre line: 1 in the core, a smooth step down
 * to 0 across the feather, centred on the radius so the half-ink contour is where the screen
 * draws the stroke's edge. */
static float brush_profile(double d, double radius, double feather)
{
  double t = (radius + feather / 2 - d) / feather;
  if (t <= 0)
    return 0.0f;
  if (t >= 1)
    return 1.0f;
  return (float) (t * t * (3 - 2 * t));
}

/* Stamps the capsule around segment a–b (relative coordinates) into the ink, keeping the
 * darker value so overlapping strokes never go above 1 and never get darker where they
 * cross. A zero-length segment stamps a round dot. */
static void stamp_segment(float *ink, int n, double ax, double ay, double bx, double by)
{
  const double radius = BRUSH_RADIUS * n, feather = BRUSH_FEATHER * n;
  const double reach = radius + feather / 2;
  ax *= n, ay *= n, bx *= n, by *= n;

  int x0 = (int) CLAMP(floor(MIN(ax, bx) - reach), 0, n - 1);
  int x1 = (int) CLAMP(ceil(MAX(ax, bx) + reach), 0, n - 1);
  int y0 = (int) CLAMP(floor(MIN(ay, by) - reach), 0, n - 1);
  int y1 = (int) CLAMP(ceil(MAX(ay, by) + reach), 0, n - 1);
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;

  for (int y = y0; y <= y1; y++) {
    for (int x = x0; x <= x1; x++) {
      double px = x + 0.5, py = y + 0.5;
      double t = len2 > 0 ? CLAMP(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0) : 0.0;
      double ex = ax + t * dx - px, ey = ay + t * dy - py;
      float v = brush_profile(sqrt(ex * ex + ey * ey), radius, feather);
      float *dst = &ink[y * n + x];
      if (v > *dst)
        *dst = v;
    }
  }
}

/* ---- state and signals ---- */

static void set_empty(EiafDigitCanvas *self, gboolean empty)
{
  if (self->empty == empty)
    return;
  self->empty = empty;
  gtk_widget_action_set_enabled(GTK_WIDGET(self), "canvas.clear", !empty);
  gtk_widget_set_visible(self->hint, empty);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_EMPTY]);
}

static void emit_changed_now(EiafDigitCanvas *self)
{
  g_clear_handle_id(&self->throttle_id, g_source_remove);
  self->change_pending = FALSE;
  g_signal_emit(self, signals[SIGNAL_CHANGED], 0);
}

static gboolean on_throttle_timeout_cb(gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  if (!self->change_pending) {
    self->throttle_id = 0;
    return G_SOURCE_REMOVE;
  }
  self->change_pending = FALSE;
  g_signal_emit(self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_CONTINUE;
}

/* While drawing: emit at once, then at most once per interval, so a fast pointer does not run
 * the caller's preprocessing and prediction hundreds of times a second. */
static void emit_changed_throttled(EiafDigitCanvas *self)
{
  if (self->throttle_id) {
    self->change_pending = TRUE;
    return;
  }
  g_signal_emit(self, signals[SIGNAL_CHANGED], 0);
  self->throttle_id = g_timeout_add(CHANGED_INTERVAL_MS, on_throttle_timeout_cb, self);
}

/* Adds a point to the current stroke (or starts a new one) and stamps its ink. */
static void add_point(EiafDigitCanvas *self, double x, double y, gboolean new_stroke)
{
  if (!isfinite(x) || !isfinite(y))
    return;
  /* Far outside the sheet nothing shows; clamping keeps the arithmetic tame. */
  x = CLAMP(x, -1.0, 2.0);
  y = CLAMP(y, -1.0, 2.0);

  guint n = self->points->len / 2;
  const double *pts = (const double *) (void *) self->points->data;
  double px = x, py = y;
  if (new_stroke || n == 0) {
    guint start = n;
    g_array_append_val(self->stroke_start, start);
  } else {
    px = pts[2 * (n - 1)];
    py = pts[2 * (n - 1) + 1];
    if (px == x && py == y)
      return;
  }
  double xy[2] = {x, y};
  g_array_append_vals(self->points, xy, 2);
  stamp_segment(self->ink, EIAF_DIGIT_CANVAS_SIZE, px, py, x, y);
  set_empty(self, FALSE);
  gtk_widget_queue_draw(self->paper);
}

static void end_stroke(EiafDigitCanvas *self)
{
  self->stroking = FALSE;
  emit_changed_now(self);
}

/* ---- geometry and colours ---- */

/* The sheet is the largest centred square in the paper's allocation. */
static void sheet_geometry(int width, int height, double *x0, double *y0, double *side)
{
  *side = MIN(width, height);
  *x0 = (width - *side) / 2;
  *y0 = (height - *side) / 2;
}

static void lookup_color(GtkWidget *widget, const char *name, const char *fallback_name,
                         const char *fallback, GdkRGBA *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context(widget);
  if (!gtk_style_context_lookup_color(context, name, rgba) &&
      !gtk_style_context_lookup_color(context, fallback_name, rgba))
    gdk_rgba_parse(rgba, fallback);
}

/* Paper and ink from the theme: light paper and dark ink in a light theme, the other way
 * round in a dark one. The ink is made opaque so its contrast stays high. */
static void theme_colors(GtkWidget *widget, GdkRGBA *paper, GdkRGBA *ink)
{
  lookup_color(widget, "view_bg_color", "theme_base_color", "#ffffff", paper);
  lookup_color(widget, "view_fg_color", "theme_text_color", "#000000", ink);
  paper->alpha = 1.0f;
  ink->alpha = 1.0f;
}

static void rounded_rectangle(cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN(r, MIN(w, h) / 2);
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path(cr);
}

/* ---- drawing ---- */

static void draw_strokes(EiafDigitCanvas *self, cairo_t *cr, double x0, double y0, double side)
{
  const double *pts = (const double *) (void *) self->points->data;
  guint n_points = self->points->len / 2;
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width(cr, 2 * BRUSH_RADIUS * side);
  for (guint s = 0; s < self->stroke_start->len; s++) {
    guint first = g_array_index(self->stroke_start, guint, s);
    guint end = s + 1 < self->stroke_start->len ? g_array_index(self->stroke_start, guint, s + 1)
                                                : n_points;
    cairo_move_to(cr, x0 + pts[2 * first] * side, y0 + pts[2 * first + 1] * side);
    /* A lone point is a zero-length segment, which a round cap draws as a dot. */
    for (guint i = first + (end - first > 1 ? 1 : 0); i < end; i++)
      cairo_line_to(cr, x0 + pts[2 * i] * side, y0 + pts[2 * i + 1] * side);
    cairo_stroke(cr);
  }
}

static void draw_paper(GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  GtkWidget *widget = GTK_WIDGET(area);
  GdkRGBA paper, ink, accent;
  double x0, y0, side;

  theme_colors(widget, &paper, &ink);
  sheet_geometry(width, height, &x0, &y0, &side);

  rounded_rectangle(cr, x0 + 0.5, y0 + 0.5, side - 1, side - 1, SHEET_RADIUS);
  gdk_cairo_set_source_rgba(cr, &paper);
  cairo_fill_preserve(cr);
  cairo_set_source_rgba(cr, ink.red, ink.green, ink.blue, 0.18);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);

  cairo_save(cr);
  rounded_rectangle(cr, x0 + 1, y0 + 1, side - 2, side - 2, SHEET_RADIUS - 1);
  cairo_clip(cr);
  gdk_cairo_set_source_rgba(cr, &ink);
  draw_strokes(self, cr, x0, y0, side);
  cairo_restore(cr);

  if (gtk_widget_has_visible_focus(widget)) {
    lookup_color(widget, "accent_color", "theme_selected_bg_color", "#3584e4", &accent);
    rounded_rectangle(cr, x0 + 2, y0 + 2, side - 4, side - 4, SHEET_RADIUS - 2);
    gdk_cairo_set_source_rgba(cr, &accent);
    cairo_set_line_width(cr, 2);
    cairo_stroke(cr);
  }
}

/* The preview: the caller's image, one block per pixel (no smoothing), so the user sees the
 * very pixels the network gets. It keeps the image's aspect ratio, centred. */
static void draw_preview(GtkDrawingArea *area, cairo_t *cr, int width, int height,
                         gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  GdkRGBA paper, ink;
  int w = self->preview_w, h = self->preview_h;

  if (!self->preview_img)
    return;
  theme_colors(GTK_WIDGET(area), &paper, &ink);

  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  unsigned char *data = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  cairo_surface_flush(surface);
  for (int y = 0; y < h; y++) {
    guint32 *row = (guint32 *) (void *) (data + (gsize) y * stride);
    for (int x = 0; x < w; x++) {
      float v = CLAMP(self->preview_img[y * w + x], 0.0f, 1.0f);
      guint32 r = (guint32) lrintf(255 * (paper.red + v * (ink.red - paper.red)));
      guint32 g = (guint32) lrintf(255 * (paper.green + v * (ink.green - paper.green)));
      guint32 b = (guint32) lrintf(255 * (paper.blue + v * (ink.blue - paper.blue)));
      row[x] = (r << 16) | (g << 8) | b;
    }
  }
  cairo_surface_mark_dirty(surface);

  double scale = MIN((double) width / w, (double) height / h);
  cairo_translate(cr, floor((width - w * scale) / 2), floor((height - h * scale) / 2));
  rounded_rectangle(cr, 0.5, 0.5, w * scale - 1, h * scale - 1, 4);
  cairo_save(cr);
  cairo_clip_preserve(cr);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, surface, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_set_source_rgba(cr, ink.red, ink.green, ink.blue, 0.45);
  cairo_set_line_width(cr, 1);
  cairo_stroke(cr);
  cairo_surface_destroy(surface);
}

/* ---- pointer, touch and stylus ---- */

static void to_sheet(EiafDigitCanvas *self, double wx, double wy, double *x, double *y)
{
  double x0, y0, side;
  sheet_geometry(gtk_widget_get_width(self->paper), gtk_widget_get_height(self->paper), &x0, &y0,
                 &side);
  side = MAX(side, 1);
  *x = (wx - x0) / side;
  *y = (wy - y0) / side;
}

/* Where the pointer is now, on the sheet. Asked of the gesture (the point in the paper's
 * current coordinates) rather than computed as start + offset, because the layout may move
 * the sheet during a stroke (a label beside the canvas changing width) and GtkGestureDrag's
 * offsets mix the start point in the old layout with the current point in the new one: a
 * stroke then jumps. A gesture driven through its signals alone, as the in-process tests do,
 * has no point; then the start kept from drag-begin plus the offset is all there is. */
static void pointer_on_sheet(EiafDigitCanvas *self, GtkGestureDrag *drag, double dx, double dy,
                             double *sx, double *sy)
{
  GtkGesture *gesture = GTK_GESTURE(drag);
  GdkEventSequence *sequence = gtk_gesture_single_get_current_sequence(GTK_GESTURE_SINGLE(drag));
  double x, y;
  if (!gtk_gesture_get_point(gesture, sequence, &x, &y)) {
    x = self->drag_x + dx;
    y = self->drag_y + dy;
  }
  to_sheet(self, x, y, sx, sy);
}

static void on_drag_begin_cb(GtkGestureDrag *drag, double x, double y, gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  double sx, sy;

  /* Claimed at once, so an enclosing scrolled window does not take a touch stroke as a
   * scroll. */
  gtk_gesture_set_state(GTK_GESTURE(drag), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus(self->paper);
  self->drag_x = x;
  self->drag_y = y;
  self->stroking = TRUE;
  to_sheet(self, x, y, &sx, &sy);
  add_point(self, sx, sy, TRUE);
  emit_changed_throttled(self);
}

static void on_drag_update_cb(GtkGestureDrag *drag, double dx, double dy, gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  double sx, sy;

  if (!self->stroking)
    return;
  pointer_on_sheet(self, drag, dx, dy, &sx, &sy);
  add_point(self, sx, sy, FALSE);
  emit_changed_throttled(self);
}

static void on_drag_end_cb(GtkGestureDrag *drag, double dx, double dy, gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  double sx, sy;

  if (!self->stroking)
    return;
  pointer_on_sheet(self, drag, dx, dy, &sx, &sy);
  add_point(self, sx, sy, FALSE);
  end_stroke(self);
}

static void on_drag_cancel_cb(GtkGesture *gesture, GdkEventSequence *sequence, gpointer user_data)
{
  EiafDigitCanvas *self = user_data;
  if (self->stroking)
    end_stroke(self);
}

/* ---- public API ---- */

GtkWidget *eiaf_digit_canvas_new(void)
{
  return g_object_new(EIAF_TYPE_DIGIT_CANVAS, NULL);
}

const float *eiaf_digit_canvas_get_image(EiafDigitCanvas *self, int *w, int *h)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_CANVAS(self), NULL);
  if (w)
    *w = EIAF_DIGIT_CANVAS_SIZE;
  if (h)
    *h = EIAF_DIGIT_CANVAS_SIZE;
  return self->ink;
}

gboolean eiaf_digit_canvas_is_empty(EiafDigitCanvas *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_CANVAS(self), TRUE);
  return self->empty;
}

void eiaf_digit_canvas_set_hint(EiafDigitCanvas *self, const char *hint)
{
  g_return_if_fail(EIAF_IS_DIGIT_CANVAS(self));
  gtk_label_set_text(GTK_LABEL(self->hint), hint ? hint : _("Draw a digit here"));
}

void eiaf_digit_canvas_clear(EiafDigitCanvas *self)
{
  g_return_if_fail(EIAF_IS_DIGIT_CANVAS(self));
  self->stroking = FALSE;
  if (self->empty)
    return;
  memset(self->ink, 0, N_INK * sizeof *self->ink);
  g_array_set_size(self->points, 0);
  g_array_set_size(self->stroke_start, 0);
  set_empty(self, TRUE);
  gtk_widget_queue_draw(self->paper);
  emit_changed_now(self);
}

void eiaf_digit_canvas_draw_stroke(EiafDigitCanvas *self, const double *xy, int n_points)
{
  g_return_if_fail(EIAF_IS_DIGIT_CANVAS(self));
  g_return_if_fail(xy != NULL && n_points > 0);
  for (int i = 0; i < n_points; i++)
    add_point(self, xy[2 * i], xy[2 * i + 1], i == 0);
  end_stroke(self);
}

void eiaf_digit_canvas_set_preview(EiafDigitCanvas *self, const float *img, int w, int h)
{
  g_return_if_fail(EIAF_IS_DIGIT_CANVAS(self));
  g_return_if_fail(img == NULL || (w > 0 && h > 0 && w <= 4096 && h <= 4096));

  g_clear_pointer(&self->preview_img, g_free);
  if (img) {
    self->preview_img = g_memdup2(img, (gsize) w * h * sizeof *img);
    self->preview_w = w;
    self->preview_h = h;
  }
  gtk_widget_set_visible(self->preview, img != NULL);
  gtk_widget_set_visible(self->preview_caption, img != NULL);
  gtk_widget_queue_draw(self->preview);
}

/* ---- GObject ---- */

static void on_clear_action(GtkWidget *widget, const char *action_name, GVariant *param)
{
  eiaf_digit_canvas_clear(EIAF_DIGIT_CANVAS(widget));
}

/* The theme changed (light to dark, say): the colours drawn by hand follow. */
static void eiaf_digit_canvas_css_changed(GtkWidget *widget, GtkCssStyleChange *change)
{
  EiafDigitCanvas *self = EIAF_DIGIT_CANVAS(widget);
  GTK_WIDGET_CLASS(eiaf_digit_canvas_parent_class)->css_changed(widget, change);
  gtk_widget_queue_draw(self->paper);
  gtk_widget_queue_draw(self->preview);
}

static void eiaf_digit_canvas_get_property(GObject *object, guint prop_id, GValue *value,
                                           GParamSpec *pspec)
{
  EiafDigitCanvas *self = EIAF_DIGIT_CANVAS(object);
  switch (prop_id) {
  case PROP_EMPTY:
    g_value_set_boolean(value, self->empty);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_digit_canvas_dispose(GObject *object)
{
  EiafDigitCanvas *self = EIAF_DIGIT_CANVAS(object);
  GtkWidget *child;

  g_clear_handle_id(&self->throttle_id, g_source_remove);
  while ((child = gtk_widget_get_first_child(GTK_WIDGET(self))))
    gtk_widget_unparent(child);
  G_OBJECT_CLASS(eiaf_digit_canvas_parent_class)->dispose(object);
}

static void eiaf_digit_canvas_finalize(GObject *object)
{
  EiafDigitCanvas *self = EIAF_DIGIT_CANVAS(object);

  g_free(self->ink);
  g_free(self->preview_img);
  g_array_unref(self->points);
  g_array_unref(self->stroke_start);
  G_OBJECT_CLASS(eiaf_digit_canvas_parent_class)->finalize(object);
}

static void eiaf_digit_canvas_class_init(EiafDigitCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->get_property = eiaf_digit_canvas_get_property;
  object_class->dispose = eiaf_digit_canvas_dispose;
  object_class->finalize = eiaf_digit_canvas_finalize;
  widget_class->css_changed = eiaf_digit_canvas_css_changed;

  properties[PROP_EMPTY] =
      g_param_spec_boolean("empty", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new("changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action(widget_class, "canvas.clear", NULL, on_clear_action);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Delete, 0, "canvas.clear", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_KP_Delete, 0, "canvas.clear", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_BackSpace, 0, "canvas.clear", NULL);

  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name(widget_class, "eiafdigitcanvas");
}

static void build_paper(EiafDigitCanvas *self)
{
  self->paper = g_object_new(GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                             "focusable", TRUE, "content-width", 200, "content-height", 200, NULL);
  gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(self->paper), draw_paper, self, NULL);
  gtk_widget_set_cursor_from_name(self->paper, "crosshair");
  gtk_accessible_update_property(
      GTK_ACCESSIBLE(self->paper), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Digit canvas"),
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
      _("Draw a digit with the mouse, a finger or a stylus. Delete clears it."), -1);

  GtkGesture *drag = gtk_gesture_drag_new();
  g_signal_connect_object(drag, "drag-begin", G_CALLBACK(on_drag_begin_cb), self, 0);
  g_signal_connect_object(drag, "drag-update", G_CALLBACK(on_drag_update_cb), self, 0);
  g_signal_connect_object(drag, "drag-end", G_CALLBACK(on_drag_end_cb), self, 0);
  g_signal_connect_object(drag, "cancel", G_CALLBACK(on_drag_cancel_cb), self, 0);
  gtk_widget_add_controller(self->paper, GTK_EVENT_CONTROLLER(drag));
}

static void build_preview(EiafDigitCanvas *self)
{
  self->preview = g_object_new(GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                               "content-width", PREVIEW_SIZE, "content-height", PREVIEW_SIZE,
                               "visible", FALSE, "valign", GTK_ALIGN_CENTER, NULL);
  gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(self->preview), draw_preview, self, NULL);
  gtk_accessible_update_property(GTK_ACCESSIBLE(self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 _("What the network sees"), -1);
  self->preview_caption = gtk_label_new(_("What the network sees"));
  gtk_label_set_ellipsize(GTK_LABEL(self->preview_caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign(GTK_LABEL(self->preview_caption), 0.0f);
  gtk_widget_add_css_class(self->preview_caption, "dim-label");
  gtk_widget_add_css_class(self->preview_caption, "caption");
  gtk_widget_set_visible(self->preview_caption, FALSE);
  /* The caption says it in words; a screen reader has the image's own label. */
  gtk_accessible_update_state(GTK_ACCESSIBLE(self->preview_caption), GTK_ACCESSIBLE_STATE_HIDDEN,
                              TRUE, -1);
}

static void eiaf_digit_canvas_init(EiafDigitCanvas *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT(gtk_widget_get_layout_manager(GTK_WIDGET(self)));
  gtk_orientable_set_orientation(GTK_ORIENTABLE(layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing(layout, 8);

  self->ink = g_new0(float, N_INK);
  self->points = g_array_new(FALSE, FALSE, sizeof(double));
  self->stroke_start = g_array_new(FALSE, FALSE, sizeof(guint));
  self->empty = TRUE;

  build_paper(self);
  build_preview(self);
  self->hint = gtk_label_new(_("Draw a digit here"));
  gtk_widget_add_css_class(self->hint, "dim-label");
  gtk_widget_set_can_target(self->hint, FALSE);
  gtk_widget_set_halign(self->hint, GTK_ALIGN_CENTER);
  gtk_widget_set_valign(self->hint, GTK_ALIGN_CENTER);

  self->overlay = gtk_overlay_new();
  gtk_overlay_set_child(GTK_OVERLAY(self->overlay), self->paper);
  gtk_overlay_add_overlay(GTK_OVERLAY(self->overlay), self->hint);

  self->frame = gtk_aspect_frame_new(0.5f, 0.5f, 1.0f, FALSE);
  gtk_aspect_frame_set_child(GTK_ASPECT_FRAME(self->frame), self->overlay);
  gtk_widget_set_hexpand(self->frame, TRUE);
  gtk_widget_set_vexpand(self->frame, TRUE);
  gtk_widget_set_parent(self->frame, GTK_WIDGET(self));

  self->clear_button = gtk_button_new_with_label(_("Clear"));
  gtk_actionable_set_action_name(GTK_ACTIONABLE(self->clear_button), "canvas.clear");
  gtk_widget_set_halign(self->clear_button, GTK_ALIGN_END);
  gtk_widget_set_valign(self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand(self->clear_button, TRUE);
  gtk_widget_set_tooltip_text(self->clear_button, _("Clear the canvas (Delete)"));
  gtk_accessible_update_property(GTK_ACCESSIBLE(self->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 _("Clear"), -1);
  /* Under the sheet: the preview and its caption on the left, Clear on the right. The row is
   * as tall as the preview even while it is hidden, so showing it (which the caller does as
   * soon as a stroke starts) never shrinks the sheet under the pen. */
  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_size_request(row, -1, PREVIEW_SIZE);
  gtk_box_append(GTK_BOX(row), self->preview);
  gtk_box_append(GTK_BOX(row), self->preview_caption);
  gtk_box_append(GTK_BOX(row), self->clear_button);
  gtk_widget_set_parent(row, GTK_WIDGET(self));

  gtk_widget_action_set_enabled(GTK_WIDGET(self), "canvas.clear", FALSE);
}
