/* The digit canvas and the parameter panel, in process, under libadwaita as in the app.
 *
 * GTK 4 offers no public way to synthesise pointer events, so the canvas's drag is driven
 * through its GtkGestureDrag's own signals (drag-begin, drag-update, drag-end) with widget
 * coordinates; the end-to-end test (e2e-widgets.py) drags the real pointer with xdotool.
 *
 * With EIAF_RENDER_DIR set, the widgets are also rendered to PNG there, in the light and the
 * dark style (docs/widgets/ holds the committed renders). */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "eiaf-digit-canvas.h"
#include "eiaf-param-panel.h"

#define N EIAF_DIGIT_CANVAS_SIZE

/* ---- helpers ---- */

static void drain(void)
{
  while (g_main_context_iteration(NULL, FALSE))
    ;
}

static gboolean has_label(GtkWidget *w, const char *label)
{
  g_autofree char *err =
      gtk_test_accessible_check_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return err == NULL;
}

/* The first descendant (breadth first) with this accessible label. */
static GtkWidget *find_by_label(GtkWidget *root, const char *label)
{
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *found = NULL;
  g_queue_push_tail(&queue, root);
  while (!found && !g_queue_is_empty(&queue)) {
    GtkWidget *w = g_queue_pop_head(&queue);
    if (gtk_test_accessible_has_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
        has_label(w, label))
      found = w;
    for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c))
      g_queue_push_tail(&queue, c);
  }
  g_queue_clear(&queue);
  return found;
}

/* The first label in the control's row: its visible label. */
static GtkWidget *first_label(GtkWidget *root)
{
  if (GTK_IS_LABEL(root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child(root); c; c = gtk_widget_get_next_sibling(c)) {
    GtkWidget *found = first_label(c);
    if (found)
      return found;
  }
  return NULL;
}

static GtkWidget *find_label_for(GtkWidget *control)
{
  return first_label(gtk_widget_get_parent(control));
}

static gboolean focusable_within(GtkWidget *w)
{
  if (gtk_widget_get_focusable(w))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child(w); c; c = gtk_widget_get_next_sibling(c))
    if (focusable_within(c))
      return TRUE;
  return FALSE;
}

static GtkWidget *show_in_window(GtkWidget *child, int width, int height)
{
  GtkWidget *window = gtk_window_new();
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class(box, "background");
  gtk_widget_set_margin_top(child, 18);
  gtk_widget_set_margin_bottom(child, 18);
  gtk_widget_set_margin_start(child, 18);
  gtk_widget_set_margin_end(child, 18);
  gtk_widget_set_vexpand(child, TRUE);
  gtk_box_append(GTK_BOX(box), child);
  gtk_window_set_child(GTK_WINDOW(window), box);
  gtk_window_set_default_size(GTK_WINDOW(window), width, height);
  gtk_window_present(GTK_WINDOW(window));
  gtk_test_widget_wait_for_draw(window);
  drain();
  return window;
}

/* Connected swapped: the counter comes first. */
static void count_cb(int *counter)
{
  (*counter)++;
}

/* Ink mass and its centre, in pixels. */
static double ink_centre(const float *img, double *cx, double *cy)
{
  double mass = 0, sx = 0, sy = 0;
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++) {
      double v = img[y * N + x];
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  *cx = mass > 0 ? sx / mass : NAN;
  *cy = mass > 0 ? sy / mass : NAN;
  return mass;
}

static GtkWidget *canvas_paper(GtkWidget *canvas)
{
  GtkWidget *paper = find_by_label(canvas, "Digit canvas");
  g_assert_nonnull(paper);
  return paper;
}

static GtkGesture *paper_drag(GtkWidget *paper)
{
  GListModel *controllers = gtk_widget_observe_controllers(paper);
  GtkGesture *drag = NULL;
  for (guint i = 0; i < g_list_model_get_n_items(controllers); i++) {
    g_autoptr(GObject) c = g_list_model_get_item(controllers, i);
    if (GTK_IS_GESTURE_DRAG(c))
      drag = GTK_GESTURE(c);
  }
  g_object_unref(controllers);
  g_assert_nonnull(drag);
  return drag;
}

/* ---- canvas ---- */

static void test_canvas_vertical_stroke(void)
{
  GtkWidget *canvas = eiaf_digit_canvas_new();
  g_object_ref_sink(canvas);
  int changed = 0, notified = 0;
  g_signal_connect_swapped(canvas, "changed", G_CALLBACK(count_cb), &changed);
  g_signal_connect_swapped(canvas, "notify::empty", G_CALLBACK(count_cb), &notified);
  g_assert_true(eiaf_digit_canvas_is_empty(EIAF_DIGIT_CANVAS(canvas)));

  const double xy[] = {0.5, 0.25, 0.5, 0.5, 0.5, 0.75};
  eiaf_digit_canvas_draw_stroke(EIAF_DIGIT_CANVAS(canvas), xy, 3);
  g_assert_cmpint(changed, ==, 1);
  g_assert_cmpint(notified, ==, 1);
  g_assert_false(eiaf_digit_canvas_is_empty(EIAF_DIGIT_CANVAS(canvas)));

  int w = 0, h = 0;
  const float *img = eiaf_digit_canvas_get_image(EIAF_DIGIT_CANVAS(canvas), &w, &h);
  g_assert_cmpint(w, ==, N);
  g_assert_cmpint(h, ==, N);
  /* Full ink along the line and at its round ends, none away from it. */
  for (int y = N / 4; y < 3 * N / 4; y++)
    g_assert_cmpfloat(img[y * N + N / 2], ==, 1.0f);
  g_assert_cmpfloat(img[(N / 2) * N + N / 2 + 8], ==, 1.0f);
  g_assert_cmpfloat(img[(N / 2) * N + N / 4], ==, 0.0f);
  g_assert_cmpfloat(img[(N / 8) * N + N / 2], ==, 0.0f);
  g_assert_cmpfloat(img[(7 * N / 8) * N + N / 2], ==, 0.0f);
  /* Nothing further than the brush's reach (radius + half its soft edge, in pixels). */
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      if (fabs(x + 0.5 - N / 2.0) > 16 || y + 0.5 < N / 4.0 - 16 || y + 0.5 > 3 * N / 4.0 + 16)
        g_assert_cmpfloat(img[y * N + x], ==, 0.0f);
  /* A soft edge: some pixels are neither paper nor full ink. */
  gboolean soft = FALSE;
  for (int x = 0; x < N; x++)
    soft |= img[(N / 2) * N + x] > 0.05f && img[(N / 2) * N + x] < 0.95f;
  g_assert_true(soft);

  double cx, cy, mass = ink_centre(img, &cx, &cy);
  g_assert_cmpfloat_with_epsilon(cx, N / 2.0, 0.25);
  g_assert_cmpfloat_with_epsilon(cy, N / 2.0, 0.25);
  /* About a 23.5-pixel-wide band 140 pixels long plus two half discs. */
  g_assert_cmpfloat(mass, >, 23.5 * 140 * 0.95);
  g_assert_cmpfloat(mass, <, 23.5 * 140 * 1.05 + G_PI * 12 * 12);
  g_object_unref(canvas);
}

static void test_canvas_clear(void)
{
  GtkWidget *canvas = eiaf_digit_canvas_new();
  GtkWidget *window = show_in_window(canvas, 320, 380);
  int changed = 0;
  g_signal_connect_swapped(canvas, "changed", G_CALLBACK(count_cb), &changed);

  /* The Clear button is named "Clear" and is off while there is nothing to clear. */
  GtkWidget *button = find_by_label(canvas, "Clear");
  g_assert_nonnull(button);
  g_assert_true(GTK_IS_BUTTON(button));
  gtk_test_accessible_assert_role(GTK_ACCESSIBLE(button), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_cmpstr(gtk_button_get_label(GTK_BUTTON(button)), ==, "Clear");
  g_assert_true(gtk_widget_get_visible(button));
  g_assert_true(gtk_widget_get_mapped(button));
  g_assert_false(gtk_widget_is_sensitive(button));

  const double dot[] = {0.3, 0.3};
  eiaf_digit_canvas_draw_stroke(EIAF_DIGIT_CANVAS(canvas), dot, 1);
  g_assert_cmpint(changed, ==, 1);
  g_assert_true(gtk_widget_is_sensitive(button));

  g_signal_emit_by_name(button, "clicked");
  g_assert_cmpint(changed, ==, 2);
  g_assert_true(eiaf_digit_canvas_is_empty(EIAF_DIGIT_CANVAS(canvas)));
  const float *img = eiaf_digit_canvas_get_image(EIAF_DIGIT_CANVAS(canvas), NULL, NULL);
  for (int i = 0; i < N * N; i++)
    g_assert_cmpfloat(img[i], ==, 0.0f);
  /* Clearing an empty canvas changes nothing, so says nothing. */
  eiaf_digit_canvas_clear(EIAF_DIGIT_CANVAS(canvas));
  g_assert_cmpint(changed, ==, 2);

  /* The action clears too (Delete and BackSpace are bound to it). */
  eiaf_digit_canvas_draw_stroke(EIAF_DIGIT_CANVAS(canvas), dot, 1);
  g_assert_true(gtk_widget_activate_action(canvas, "canvas.clear", NULL));
  g_assert_true(eiaf_digit_canvas_is_empty(EIAF_DIGIT_CANVAS(canvas)));
  g_assert_cmpint(changed, ==, 4);
  gtk_window_destroy(GTK_WINDOW(window));
}

static void test_canvas_accessible(void)
{
  GtkWidget *canvas = eiaf_digit_canvas_new();
  g_object_ref_sink(canvas);
  GtkWidget *paper = canvas_paper(canvas);
  gtk_test_accessible_assert_role(GTK_ACCESSIBLE(paper), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true(
      gtk_test_accessible_has_property(GTK_ACCESSIBLE(paper), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_true(gtk_widget_get_focusable(paper));
  g_object_unref(canvas);
}

/* Sheet coordinates (0..1) of a point of the paper widget: the sheet is its centred square. */
static void paper_point(GtkWidget *paper, double sx, double sy, double *x, double *y)
{
  double w = gtk_widget_get_width(paper), h = gtk_widget_get_height(paper);
  double side = MIN(w, h);
  *x = (w - side) / 2 + sx * side;
  *y = (h - side) / 2 + sy * side;
}

/* Drags through points given on the sheet (n >= 2), as GtkGestureDrag reports a drag: the
 * start in widget coordinates, then offsets from it. */
static void drag_through(GtkWidget *paper, const double *sxy, int n)
{
  GtkGesture *drag = paper_drag(paper);
  double x0, y0, x, y;
  g_assert_cmpint(n, >=, 2);
  paper_point(paper, sxy[0], sxy[1], &x0, &y0);
  g_signal_emit_by_name(drag, "drag-begin", x0, y0);
  for (int i = 1; i < n; i++) {
    paper_point(paper, sxy[2 * i], sxy[2 * i + 1], &x, &y);
    g_signal_emit_by_name(drag, i < n - 1 ? "drag-update" : "drag-end", x - x0, y - y0);
  }
}

static double max_difference(const float *a, const float *b)
{
  double worst = 0;
  for (int i = 0; i < N * N; i++)
    worst = MAX(worst, fabs(a[i] - b[i]));
  return worst;
}

/* A drag gives the same ink as draw_stroke through the same points, whatever the widget's
 * size, and says "changed" once at the start and once at the end when drawn quickly. */
static void test_canvas_drag(void)
{
  const double sxy[] = {0.3, 0.2, 0.45, 0.35, 0.55, 0.5, 0.6, 0.7, 0.62, 0.8};
  const int n = G_N_ELEMENTS(sxy) / 2;
  GtkWidget *small = eiaf_digit_canvas_new(), *large = eiaf_digit_canvas_new();
  GtkWidget *reference = g_object_ref_sink(eiaf_digit_canvas_new());
  GtkWidget *win_small = show_in_window(small, 260, 320);
  GtkWidget *win_large = show_in_window(large, 560, 620);
  int changed = 0;
  g_signal_connect_swapped(small, "changed", G_CALLBACK(count_cb), &changed);

  GtkWidget *paper_small = canvas_paper(small), *paper_large = canvas_paper(large);
  g_assert_cmpint(gtk_widget_get_width(paper_large), >, gtk_widget_get_width(paper_small) + 100);
  drag_through(paper_small, sxy, n);
  g_assert_cmpint(changed, ==, 2);
  /* Focus within its window (whether the window is active is up to the window manager). */
  g_assert_true(gtk_widget_is_focus(paper_small));
  drag_through(paper_large, sxy, n);
  eiaf_digit_canvas_draw_stroke(EIAF_DIGIT_CANVAS(reference), sxy, n);

  const float *a = eiaf_digit_canvas_get_image(EIAF_DIGIT_CANVAS(small), NULL, NULL);
  const float *b = eiaf_digit_canvas_get_image(EIAF_DIGIT_CANVAS(large), NULL, NULL);
  const float *c = eiaf_digit_canvas_get_image(EIAF_DIGIT_CANVAS(reference), NULL, NULL);
  double cx, cy;
  g_assert_cmpfloat(ink_centre(a, &cx, &cy), >, 1000);
  g_assert_cmpfloat(max_difference(a, c), <, 1e-4);
  g_assert_cmpfloat(max_difference(b, c), <, 1e-4);

  gtk_window_destroy(GTK_WINDOW(win_small));
  gtk_window_destroy(GTK_WINDOW(win_large));
  g_object_unref(reference);
}

/* While a stroke goes on, "changed" comes at most about 60 times a second. */
static void test_canvas_throttle(void)
{
  GtkWidget *canvas = eiaf_digit_canvas_new();
  GtkWidget *window = show_in_window(canvas, 320, 380);
  GtkWidget *paper = canvas_paper(canvas);
  GtkGesture *drag = paper_drag(paper);
  int changed = 0;
  g_signal_connect_swapped(canvas, "changed", G_CALLBACK(count_cb), &changed);

  gint64 start = g_get_monotonic_time();
  g_signal_emit_by_name(drag, "drag-begin", 50.0, 50.0);
  for (int i = 1; i <= 60; i++) {
    g_signal_emit_by_name(drag, "drag-update", 2.0 * i, 1.0 * i);
    g_usleep(3000);
    drain();
  }
  g_signal_emit_by_name(drag, "drag-end", 120.0, 60.0);
  double elapsed_ms = (g_get_monotonic_time() - start) / 1000.0;
  g_test_message("%d \"changed\" in %.0f ms for 62 pointer events", changed, elapsed_ms);
  g_assert_cmpint(changed, >=, 3);
  g_assert_cmpfloat(changed, <=, elapsed_ms / (1000.0 / 60) + 3);
  gtk_window_destroy(GTK_WINDOW(window));
}

static void test_canvas_preview(void)
{
  GtkWidget *canvas = eiaf_digit_canvas_new();
  GtkWidget *window = show_in_window(canvas, 320, 380);
  GtkWidget *preview = find_by_label(canvas, "What the network sees");
  g_assert_nonnull(preview);
  gtk_test_accessible_assert_role(GTK_ACCESSIBLE(preview), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_false(gtk_widget_get_visible(preview));

  float img[28 * 28] = {0};
  for (int y = 6; y < 22; y++)
    img[y * 28 + 14] = 1.0f;
  eiaf_digit_canvas_set_preview(EIAF_DIGIT_CANVAS(canvas), img, 28, 28);
  gtk_test_widget_wait_for_draw(window);
  drain();
  g_assert_true(gtk_widget_get_mapped(preview));
  /* Small, under the sheet (never over the ink), with its caption. */
  GtkWidget *paper = canvas_paper(canvas);
  graphene_rect_t shown, sheet;
  g_assert_true(gtk_widget_compute_bounds(preview, canvas, &shown));
  g_assert_true(gtk_widget_compute_bounds(paper, canvas, &sheet));
  g_assert_cmpfloat(shown.size.width, ==, 56);
  g_assert_cmpfloat(shown.size.height, ==, 56);
  g_assert_cmpfloat(shown.origin.y, >=, sheet.origin.y + sheet.size.height);
  GtkWidget *caption = gtk_widget_get_next_sibling(preview);
  g_assert_true(GTK_IS_LABEL(caption));
  g_assert_cmpstr(gtk_label_get_text(GTK_LABEL(caption)), ==, "What the network sees");
  g_assert_true(gtk_widget_get_mapped(caption));

  eiaf_digit_canvas_set_preview(EIAF_DIGIT_CANVAS(canvas), NULL, 0, 0);
  g_assert_false(gtk_widget_get_visible(preview));
  g_assert_false(gtk_widget_get_visible(caption));
  gtk_window_destroy(GTK_WINDOW(window));
}

/* ---- panel ---- */

static const char *const optimisers[] = {"SGD", "SGD with momentum", "Adam", NULL};
static const EiafParamInfo infos[] = {
    {.name = "hidden",
     .label = "Hidden neurons",
     .unit = "neurons",
     .unit_one = "neuron",
     .kind = EIAF_PARAM_INT,
     .min = 1,
     .max = 64,
     .step = 1,
     .value = 8},
    {.name = "lr",
     .label = "Learning rate",
     .kind = EIAF_PARAM_FLOAT,
     .min = 1e-4,
     .max = 5,
     .value = 0.1,
     .log_scale = TRUE,
     .help = "How big a step each update takes"},
    {.name = "momentum",
     .label = "Momentum",
     .kind = EIAF_PARAM_FLOAT,
     .min = 0,
     .max = 0.99,
     .step = 0.01,
     .value = 0.9},
    {.name = "optimiser",
     .label = "Optimiser",
     .kind = EIAF_PARAM_CHOICE,
     .choices = optimisers,
     .value = 0},
    {.name = "shuffle", .label = "Shuffle each epoch", .kind = EIAF_PARAM_BOOL, .value = 1},
};

typedef struct {
  int count;
  char *name;
  double value;
} Changes;

static void on_changed_cb(EiafParamPanel *panel, const char *name, double value, Changes *c)
{
  c->count++;
  g_free(c->name);
  c->name = g_strdup(name);
  c->value = value;
}

static GtkWidget *make_panel(Changes *changes)
{
  GtkWidget *panel = eiaf_param_panel_new();
  for (guint i = 0; i < G_N_ELEMENTS(infos); i++)
    eiaf_param_panel_add(EIAF_PARAM_PANEL(panel), &infos[i]);
  if (changes)
    g_signal_connect(panel, "changed", G_CALLBACK(on_changed_cb), changes);
  return panel;
}

static GtkWidget *control(GtkWidget *panel, const char *name)
{
  return eiaf_param_panel_get_control(EIAF_PARAM_PANEL(panel), name);
}

static void test_panel_controls(void)
{
  GtkWidget *panel = make_panel(NULL);
  GtkWidget *window = show_in_window(panel, 340, 100);
  const GType types[] = {GTK_TYPE_SCALE, GTK_TYPE_SCALE, GTK_TYPE_SCALE, GTK_TYPE_DROP_DOWN,
                         GTK_TYPE_SWITCH};
  const GtkAccessibleRole roles[] = {GTK_ACCESSIBLE_ROLE_SLIDER, GTK_ACCESSIBLE_ROLE_SLIDER,
                                     GTK_ACCESSIBLE_ROLE_SLIDER, GTK_ACCESSIBLE_ROLE_COMBO_BOX,
                                     GTK_ACCESSIBLE_ROLE_SWITCH};

  for (guint i = 0; i < G_N_ELEMENTS(infos); i++) {
    GtkWidget *c = control(panel, infos[i].name);
    g_assert_true(G_TYPE_CHECK_INSTANCE_TYPE(c, types[i]));
    gtk_test_accessible_assert_role(GTK_ACCESSIBLE(c), roles[i]);
    /* The accessible label is the visible label, word for word. */
    GtkWidget *label = find_label_for(c);
    g_assert_nonnull(label);
    g_assert_cmpstr(gtk_label_get_text(GTK_LABEL(label)), ==, infos[i].label);
    g_assert_true(has_label(c, infos[i].label));
    /* Only the label: GTK 4.8 would append a labelled-by label's text to it. */
    g_assert_false(
        gtk_test_accessible_has_relation(GTK_ACCESSIBLE(c), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    /* Tab reaches it (a drop-down's focus is its inner button). */
    g_assert_true(focusable_within(c));
    g_assert_true(gtk_widget_get_mapped(c));
    g_assert_cmpfloat(eiaf_param_panel_get_value(EIAF_PARAM_PANEL(panel), infos[i].name), ==,
                      infos[i].value);
  }
  /* The slider's value and unit, for people and for screen readers. */
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(control(panel, "hidden")),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 8.0);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(control(panel, "hidden")),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "8 neurons");
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(control(panel, "lr")),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.1);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(control(panel, "lr")),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      "How big a step each update takes");
  g_assert_nonnull(find_by_label(panel, "Learning rate"));
  /* It fits the side column. */
  int min_width, nat_width;
  gtk_widget_measure(panel, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint(min_width, <=, 320 - 36);
  gtk_window_destroy(GTK_WINDOW(window));
}

/* Tab walks through every control in order; the arrow keys' binding moves a slider a step. */
static void test_panel_keyboard(void)
{
  Changes changes = {0};
  GtkWidget *panel = make_panel(&changes);
  GtkWidget *window = show_in_window(panel, 340, 100);

  gtk_widget_grab_focus(control(panel, "hidden"));
  for (guint i = 1; i < G_N_ELEMENTS(infos); i++) {
    g_assert_true(gtk_widget_child_focus(window, GTK_DIR_TAB_FORWARD));
    GtkWidget *focus = gtk_root_get_focus(GTK_ROOT(window));
    GtkWidget *expected = control(panel, infos[i].name);
    g_assert_true(focus == expected || gtk_widget_is_ancestor(focus, expected));
  }

  /* What Right does on a slider: a step. On the log slider a tenth of a decade. */
  g_signal_emit_by_name(control(panel, "hidden"), "move-slider", GTK_SCROLL_STEP_RIGHT);
  g_assert_cmpint(changes.count, ==, 1);
  g_assert_cmpfloat(changes.value, ==, 9);
  g_signal_emit_by_name(control(panel, "lr"), "move-slider", GTK_SCROLL_STEP_RIGHT);
  g_assert_cmpint(changes.count, ==, 2);
  g_assert_cmpfloat(changes.value, ==, 0.13); /* 10^-0.9 = 0.1259 */
  g_signal_emit_by_name(control(panel, "lr"), "move-slider", GTK_SCROLL_STEP_LEFT);
  g_signal_emit_by_name(control(panel, "lr"), "move-slider", GTK_SCROLL_STEP_LEFT);
  g_assert_cmpint(changes.count, ==, 4);
  g_assert_cmpfloat(changes.value, ==, 0.079); /* 10^-1.1 = 0.0794 */
  g_free(changes.name);
  gtk_window_destroy(GTK_WINDOW(window));
}

static void test_panel_set_value_is_silent(void)
{
  Changes changes = {0};
  GtkWidget *panel = g_object_ref_sink(make_panel(&changes));
  EiafParamPanel *p = EIAF_PARAM_PANEL(panel);

  eiaf_param_panel_set_value(p, "hidden", 5);
  eiaf_param_panel_set_value(p, "lr", 0.0125);
  eiaf_param_panel_set_value(p, "optimiser", 2);
  eiaf_param_panel_set_value(p, "shuffle", 0);
  g_assert_cmpint(changes.count, ==, 0);
  g_assert_cmpfloat(eiaf_param_panel_get_value(p, "hidden"), ==, 5);
  /* Kept exactly, though the log slider's grid has two significant digits. */
  g_assert_cmpfloat(eiaf_param_panel_get_value(p, "lr"), ==, 0.0125);
  g_assert_cmpfloat(gtk_range_get_value(GTK_RANGE(control(panel, "hidden"))), ==, 5);
  g_assert_cmpfloat_with_epsilon(gtk_range_get_value(GTK_RANGE(control(panel, "lr"))),
                                 log10(0.0125), 1e-12);
  g_assert_cmpuint(gtk_drop_down_get_selected(GTK_DROP_DOWN(control(panel, "optimiser"))), ==, 2);
  g_assert_false(gtk_switch_get_active(GTK_SWITCH(control(panel, "shuffle"))));
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(control(panel, "lr")),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "0.0125");
  /* Out of range is clamped. */
  eiaf_param_panel_set_value(p, "hidden", 1000);
  g_assert_cmpfloat(eiaf_param_panel_get_value(p, "hidden"), ==, 64);
  g_assert_cmpint(changes.count, ==, 0);
  g_free(changes.name);
  g_object_unref(panel);
}

static void test_panel_user_change(void)
{
  Changes changes = {0};
  int lr_changes = 0;
  GtkWidget *panel = g_object_ref_sink(make_panel(&changes));
  g_signal_connect_swapped(panel, "changed::lr", G_CALLBACK(count_cb), &lr_changes);
  GtkRange *hidden = GTK_RANGE(control(panel, "hidden"));
  GtkRange *lr = GTK_RANGE(control(panel, "lr"));

  gtk_range_set_value(hidden, 4);
  g_assert_cmpint(changes.count, ==, 1);
  g_assert_cmpstr(changes.name, ==, "hidden");
  g_assert_cmpfloat(changes.value, ==, 4);
  g_assert_cmpint(lr_changes, ==, 0);
  gtk_range_set_value(hidden, 1);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(hidden), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                      "1 neuron");

  /* A log slider moves in log space and emits the real value, rounded to two digits. */
  gtk_range_set_value(lr, -2);
  g_assert_cmpint(changes.count, ==, 3);
  g_assert_cmpstr(changes.name, ==, "lr");
  g_assert_cmpfloat(changes.value, ==, 0.01);
  gtk_range_set_value(lr, -1.4); /* 10^-1.4 = 0.0398… */
  g_assert_cmpint(changes.count, ==, 4);
  g_assert_cmpfloat(changes.value, ==, 0.04);
  g_assert_cmpfloat(eiaf_param_panel_get_value(EIAF_PARAM_PANEL(panel), "lr"), ==, 0.04);
  g_assert_cmpint(lr_changes, ==, 2);
  /* The accessible value is the real value, not the slider's logarithm. */
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(lr), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.04);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(lr), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 1e-4);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(lr), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                      "0.04");
  /* A move too small to change the rounded value says nothing. */
  gtk_range_set_value(lr, -1.401);
  g_assert_cmpint(changes.count, ==, 4);
  gtk_test_accessible_assert_property(GTK_ACCESSIBLE(lr), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.04);

  /* A linear float snaps to its step. */
  gtk_range_set_value(GTK_RANGE(control(panel, "momentum")), 0.4321);
  g_assert_cmpint(changes.count, ==, 5);
  g_assert_cmpfloat(changes.value, ==, 0.43);
  g_free(changes.name);
  g_object_unref(panel);
}

static void test_panel_choice_and_switch(void)
{
  Changes changes = {0};
  GtkWidget *panel = g_object_ref_sink(make_panel(&changes));

  gtk_drop_down_set_selected(GTK_DROP_DOWN(control(panel, "optimiser")), 2);
  g_assert_cmpint(changes.count, ==, 1);
  g_assert_cmpstr(changes.name, ==, "optimiser");
  g_assert_cmpfloat(changes.value, ==, 2);
  gtk_switch_set_active(GTK_SWITCH(control(panel, "shuffle")), FALSE);
  g_assert_cmpint(changes.count, ==, 2);
  g_assert_cmpstr(changes.name, ==, "shuffle");
  g_assert_cmpfloat(changes.value, ==, 0);
  gtk_switch_set_active(GTK_SWITCH(control(panel, "shuffle")), TRUE);
  g_assert_cmpint(changes.count, ==, 3);
  g_assert_cmpfloat(changes.value, ==, 1);

  g_autofree char *adam = eiaf_param_panel_format_value(EIAF_PARAM_PANEL(panel), "optimiser", 2);
  g_assert_cmpstr(adam, ==, "Adam");
  g_free(changes.name);
  g_object_unref(panel);
}

static void test_panel_reference(void)
{
  Changes changes = {0};
  int at_notify = 0;
  GtkWidget *panel = make_panel(&changes);
  GtkWidget *window = show_in_window(panel, 340, 100);
  EiafParamPanel *p = EIAF_PARAM_PANEL(panel);
  g_signal_connect_swapped(panel, "notify::at-reference", G_CALLBACK(count_cb), &at_notify);
  eiaf_param_panel_set_reference_name(p, "Course preset");

  /* At the reference: no mark. */
  eiaf_param_panel_set_reference(p, "lr", 0.1);
  eiaf_param_panel_set_reference(p, "optimiser", 0);
  g_assert_true(eiaf_param_panel_is_at_reference(p));
  g_assert_null(find_by_label(panel, "Back to Course preset: 0.1"));

  /* The user moves away: a mark, with the preset in its tooltip. */
  gtk_range_set_value(GTK_RANGE(control(panel, "lr")), -1.5);
  g_assert_false(eiaf_param_panel_is_at_reference(p));
  g_assert_cmpint(at_notify, ==, 1);
  GtkWidget *mark = find_by_label(panel, "Back to Course preset: 0.1");
  g_assert_nonnull(mark);
  g_assert_true(gtk_widget_get_visible(mark));
  g_assert_cmpstr(gtk_widget_get_tooltip_text(mark), ==, "Course preset: 0.1");

  /* Moving back near the reference lands on it exactly, and the mark goes. */
  gtk_range_set_value(GTK_RANGE(control(panel, "lr")), -1.003);
  g_assert_cmpfloat(eiaf_param_panel_get_value(p, "lr"), ==, 0.1);
  g_assert_false(gtk_widget_get_visible(mark));
  g_assert_true(eiaf_param_panel_is_at_reference(p));
  g_assert_cmpint(at_notify, ==, 2);

  /* A choice away from its reference; the mark's button goes back and says so once. */
  gtk_drop_down_set_selected(GTK_DROP_DOWN(control(panel, "optimiser")), 1);
  g_assert_false(eiaf_param_panel_is_at_reference(p));
  mark = find_by_label(panel, "Back to Course preset: SGD");
  g_assert_nonnull(mark);
  int before = changes.count;
  g_signal_emit_by_name(mark, "clicked");
  g_assert_cmpint(changes.count, ==, before + 1);
  g_assert_cmpstr(changes.name, ==, "optimiser");
  g_assert_cmpfloat(changes.value, ==, 0);
  g_assert_true(eiaf_param_panel_is_at_reference(p));

  /* A new reference the current value misses; then no reference at all. */
  eiaf_param_panel_set_reference(p, "hidden", 16);
  g_assert_false(eiaf_param_panel_is_at_reference(p));
  eiaf_param_panel_set_reference(p, "hidden", NAN);
  g_assert_true(eiaf_param_panel_is_at_reference(p));
  g_free(changes.name);
  gtk_window_destroy(GTK_WINDOW(window));
}

static void test_panel_sensitive(void)
{
  GtkWidget *panel = g_object_ref_sink(make_panel(NULL));
  GtkWidget *momentum = control(panel, "momentum");
  eiaf_param_panel_set_sensitive(EIAF_PARAM_PANEL(panel), "momentum", FALSE);
  g_assert_false(gtk_widget_is_sensitive(momentum));
  g_assert_false(gtk_widget_is_sensitive(find_label_for(momentum)));
  g_assert_true(gtk_widget_is_sensitive(control(panel, "lr")));
  eiaf_param_panel_set_sensitive(EIAF_PARAM_PANEL(panel), "momentum", TRUE);
  g_assert_true(gtk_widget_is_sensitive(momentum));
  g_object_unref(panel);
}

static void test_panel_format(void)
{
  GtkWidget *panel = g_object_ref_sink(make_panel(NULL));
  EiafParamPanel *p = EIAF_PARAM_PANEL(panel);
  const struct {
    const char *name;
    double value;
    const char *text;
  } cases[] = {
      {"hidden", 100, "100 neurons"}, {"hidden", 1, "1 neuron"}, {"lr", 0.01, "0.01"},
      {"lr", 0.0125, "0.0125"},       {"lr", 0.001, "0.001"},    {"lr", 3.2, "3.2"},
      {"momentum", 0.9, "0.9"},       {"momentum", 0, "0"},      {"shuffle", 1, "On"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autofree char *text = eiaf_param_panel_format_value(p, cases[i].name, cases[i].value);
    g_assert_cmpstr(text, ==, cases[i].text);
  }
  g_object_unref(panel);
}

/* ---- renders for the eye ---- */

static void save_png(GtkWidget *widget, const char *dir, const char *name)
{
  GdkPaintable *paintable = gtk_widget_paintable_new(widget);
  int w = gtk_widget_get_width(widget), h = gtk_widget_get_height(widget);
  GtkSnapshot *snapshot = gtk_snapshot_new();
  gdk_paintable_snapshot(paintable, snapshot, w, h);
  GskRenderNode *node = gtk_snapshot_free_to_node(snapshot);
  GskRenderer *renderer = gtk_native_get_renderer(gtk_widget_get_native(widget));
  GdkTexture *texture =
      gsk_renderer_render_texture(renderer, node, &GRAPHENE_RECT_INIT(0, 0, w, h));
  g_autofree char *path = g_build_filename(dir, name, NULL);
  g_assert_true(gdk_texture_save_to_png(texture, path));
  g_test_message("rendered %s (%d×%d)", path, w, h);
  g_object_unref(texture);
  gsk_render_node_unref(node);
  g_object_unref(paintable);
}

/* A "7" as a person might draw it, and a 28×28 preview of it. */
static void draw_seven(EiafDigitCanvas *canvas)
{
  const double top[] = {0.28, 0.25, 0.45, 0.24, 0.62, 0.23, 0.7, 0.24};
  const double stem[] = {0.7, 0.24, 0.62, 0.4, 0.55, 0.56, 0.5, 0.7, 0.47, 0.8};
  eiaf_digit_canvas_draw_stroke(canvas, top, 4);
  eiaf_digit_canvas_draw_stroke(canvas, stem, 5);
  int w, h;
  const float *img = eiaf_digit_canvas_get_image(canvas, &w, &h);
  float small[28 * 28];
  for (int y = 0; y < 28; y++)
    for (int x = 0; x < 28; x++) {
      float sum = 0;
      for (int dy = 0; dy < 10; dy++)
        for (int dx = 0; dx < 10; dx++)
          sum += img[(y * 10 + dy) * w + x * 10 + dx];
      small[y * 28 + x] = sum / 100;
    }
  eiaf_digit_canvas_set_preview(canvas, small, 28, 28);
}

static void render_all(const char *dir)
{
  AdwStyleManager *style = adw_style_manager_get_default();
  const struct {
    AdwColorScheme scheme;
    const char *suffix;
  } themes[] = {{ADW_COLOR_SCHEME_FORCE_LIGHT, "light"}, {ADW_COLOR_SCHEME_FORCE_DARK, "dark"}};

  g_mkdir_with_parents(dir, 0755);
  for (guint t = 0; t < G_N_ELEMENTS(themes); t++) {
    adw_style_manager_set_color_scheme(style, themes[t].scheme);
    GtkWidget *canvas = eiaf_digit_canvas_new();
    draw_seven(EIAF_DIGIT_CANVAS(canvas));
    GtkWidget *win_canvas = show_in_window(canvas, 340, 400);

    GtkWidget *panel = make_panel(NULL);
    eiaf_param_panel_set_reference_name(EIAF_PARAM_PANEL(panel), "Course preset");
    eiaf_param_panel_set_reference(EIAF_PARAM_PANEL(panel), "lr", 0.1);
    eiaf_param_panel_set_reference(EIAF_PARAM_PANEL(panel), "hidden", 8);
    gtk_range_set_value(GTK_RANGE(control(panel, "lr")), -1.5);
    eiaf_param_panel_set_sensitive(EIAF_PARAM_PANEL(panel), "momentum", FALSE);
    GtkWidget *win_panel = show_in_window(panel, 340, 100);
    gtk_test_widget_wait_for_draw(win_canvas);
    drain();

    g_autofree char *canvas_png = g_strdup_printf("digit-canvas-%s.png", themes[t].suffix);
    g_autofree char *panel_png = g_strdup_printf("param-panel-%s.png", themes[t].suffix);
    save_png(gtk_window_get_child(GTK_WINDOW(win_canvas)), dir, canvas_png);
    save_png(gtk_window_get_child(GTK_WINDOW(win_panel)), dir, panel_png);
    gtk_window_destroy(GTK_WINDOW(win_canvas));
    gtk_window_destroy(GTK_WINDOW(win_panel));
  }
  /* The empty canvas, with its hint, once. */
  adw_style_manager_set_color_scheme(style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  GtkWidget *window = show_in_window(eiaf_digit_canvas_new(), 260, 320);
  save_png(gtk_window_get_child(GTK_WINDOW(window)), dir, "digit-canvas-empty.png");
  gtk_window_destroy(GTK_WINDOW(window));
  adw_style_manager_set_color_scheme(style, ADW_COLOR_SCHEME_DEFAULT);
}

static void test_render(void)
{
  const char *dir = g_getenv("EIAF_RENDER_DIR");
  g_autofree char *tmp = NULL;
  if (!dir)
    dir = tmp = g_dir_make_tmp("eiaf-render-XXXXXX", NULL);
  g_assert_nonnull(dir);
  render_all(dir);
  /* Always rendered, so a drawing bug (a critical, a crash) fails the test; kept only when
   * asked for. */
  if (tmp) {
    const char *names[] = {"digit-canvas-light.png", "digit-canvas-dark.png",
                           "param-panel-light.png", "param-panel-dark.png",
                           "digit-canvas-empty.png"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
      g_autofree char *path = g_build_filename(tmp, names[i], NULL);
      g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
      g_remove(path);
    }
    g_rmdir(tmp);
  }
}

int main(int argc, char **argv)
{
  /* GTK's own in-process accessibility, not AT-SPI: the user's shared accessibility bus
   * (~/.cache/at-spi/bus when XDG_RUNTIME_DIR is unset) can vanish under a test that runs
   * beside another session, and GTK's failure to connect is a critical. */
  g_setenv("GTK_A11Y", "test", TRUE);
  gtk_test_init(&argc, &argv, NULL);
  adw_init();

  g_test_add_func("/canvas/vertical-stroke", test_canvas_vertical_stroke);
  g_test_add_func("/canvas/clear", test_canvas_clear);
  g_test_add_func("/canvas/accessible", test_canvas_accessible);
  g_test_add_func("/canvas/drag", test_canvas_drag);
  g_test_add_func("/canvas/throttle", test_canvas_throttle);
  g_test_add_func("/canvas/preview", test_canvas_preview);
  g_test_add_func("/panel/controls", test_panel_controls);
  g_test_add_func("/panel/keyboard", test_panel_keyboard);
  g_test_add_func("/panel/set-value-is-silent", test_panel_set_value_is_silent);
  g_test_add_func("/panel/user-change", test_panel_user_change);
  g_test_add_func("/panel/choice-and-switch", test_panel_choice_and_switch);
  g_test_add_func("/panel/reference", test_panel_reference);
  g_test_add_func("/panel/sensitive", test_panel_sensitive);
  g_test_add_func("/panel/format", test_panel_format);
  g_test_add_func("/render", test_render);
  return g_test_run();
}
