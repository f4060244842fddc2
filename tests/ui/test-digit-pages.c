/* The MNIST pages with a digit canvas (lessons 4 and 8) in the real window: the canvas sits
 * empty and tidy in the controls column, reads "Draw a digit"; once the page has trained a
 * little, a stroke drawn on it is answered "Prediction: 1 (…%)" by the page's own network,
 * and a ring "Prediction: 0 (…%)". Lesson 4 shows its ten weight images before and after,
 * lesson 8 one tile per hidden neuron (up to 100), following the "Hidden neurons" slider.
 *
 * The stroke goes through the canvas's eiaf_digit_canvas_draw_stroke (the same brush as the
 * pointer; test-canvas-panel.c drives the drag gesture itself). With EIAF_TEST_SHOTS=DIR set,
 * the window and each page's whole pictures area are saved as PNGs into DIR. */
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "eiaf-application.h"
#include "eiaf-digit-predictor.h"
#include "eiaf-image-grid.h"
#include "eiaf-lesson-page.h"
#include "eiaf-screenshot.h"
#include "eiaf-window.h"
#include "page-test-util.h"
#include "nn_lesson.h"

static EiafWindow *window;

/* ---- helpers ---- */

typedef gboolean (*Condition)(gpointer data);

static void wait_until(Condition done, gpointer data, double seconds, const char *what)
{
  page_test_wait(window, done, data, seconds, what);
}

/* The window, and the page's pictures area whole (it scrolls in the window). */
static void shot(EiafLessonPage *page, const char *name)
{
  if (!g_getenv("EIAF_TEST_SHOTS"))
    return;
  page_test_shot(window, name); /* waits past the sidebar's page transition */
  g_autofree char *pictures = g_strdup_printf("%s-pictures", name);
  page_test_save_png(eiaf_lesson_page_get_pictures(page), pictures);
  /* The canvas's box: heading, hint, sheet, answer and bars. */
  GtkWidget *predictor = page_test_find_one(GTK_WIDGET(page), page_test_is_type,
                                            GSIZE_TO_POINTER(EIAF_TYPE_DIGIT_PREDICTOR));
  g_autofree char *canvas = g_strdup_printf("%s-canvas", name);
  page_test_save_png(gtk_widget_get_parent(predictor), canvas);
}

/* The current run has trained at least `steps` steps and its snapshot carries the network. */
static gboolean trained_steps(gpointer data)
{
  long steps = GPOINTER_TO_SIZE(data);
  EiafLessonPage *page = eiaf_window_get_page(window);
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  return s && s->models[0] && s->step >= steps &&
         s->generation == eiaf_worker_get_generation(eiaf_lesson_page_get_worker(page));
}

/* The answer label the page shows, e.g. "Prediction: 1 (97%)". */
static const char *shown_answer(EiafLessonPage *page)
{
  GtkWidget *label =
      page_test_find_one(GTK_WIDGET(page), page_test_is_label_starting, "Prediction: ");
  g_assert_true(gtk_widget_get_visible(label));
  return gtk_label_get_text(GTK_LABEL(label));
}

static void assert_answer(EiafLessonPage *page, int digit)
{
  const char *answer = shown_answer(page);
  g_test_message("answer: %s", answer);
  g_autofree char *pattern = g_strdup_printf("^Prediction: %d \\(\\d+%%\\)$", digit);
  g_assert_true(g_regex_match_simple(pattern, answer, 0, 0));
}

static gboolean laid_out(gpointer widget)
{
  return gtk_widget_get_mapped(widget) && gtk_widget_get_width(widget) > 0;
}

/* The predictor as a person first sees it: an empty, labelled sheet as wide as the controls
 * column, asking for a digit. */
static EiafDigitPredictor *empty_predictor(EiafLessonPage *page)
{
  GtkWidget *root = GTK_WIDGET(page);
  EiafDigitPredictor *predictor = EIAF_DIGIT_PREDICTOR(
      page_test_find_one(root, page_test_is_type, GSIZE_TO_POINTER(EIAF_TYPE_DIGIT_PREDICTOR)));
  EiafDigitCanvas *canvas = eiaf_digit_predictor_get_canvas(predictor);
  eiaf_digit_canvas_clear(canvas);
  g_assert_true(eiaf_digit_canvas_is_empty(canvas));
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a digit");
  GtkWidget *paper =
      page_test_find_one(GTK_WIDGET(canvas), page_test_has_accessible_label, "Digit canvas");
  gtk_test_accessible_assert_role(GTK_ACCESSIBLE(paper), GTK_ACCESSIBLE_ROLE_IMG);
  wait_until(laid_out, paper, 10, "the canvas on the page");
  /* Under the parameters, as wide as they are: a sheet of at least 250 × 250 pixels. */
  g_assert_cmpint(gtk_widget_get_width(paper), >=, 250);
  g_assert_cmpint(gtk_widget_get_height(paper), >=, 250);
  GtkWidget *slider = page_test_find_one(root, page_test_has_accessible_label, "Learning rate");
  g_assert_cmpint(gtk_widget_get_width(paper), >=, gtk_widget_get_width(slider) - 40);
  return predictor;
}

/* A vertical stroke, then (cleared) a ring, drawn on the page's canvas, read as 1 and 0. */
static void draw_one_and_zero(EiafLessonPage *page, EiafDigitPredictor *predictor)
{
  EiafDigitCanvas *canvas = eiaf_digit_predictor_get_canvas(predictor);
  const double stroke[] = {0.5, 0.2, 0.5, 0.5, 0.5, 0.8};
  eiaf_digit_canvas_draw_stroke(canvas, stroke, 3);
  page_test_settle();
  assert_answer(page, 1);
  float p;
  g_assert_cmpint(eiaf_digit_predictor_get_class(predictor, &p), ==, 1);
  g_assert_cmpfloat(p, >=, 0.5f);
  g_assert_nonnull(eiaf_digit_predictor_get_input(predictor));

  g_assert_true(gtk_widget_activate_action(GTK_WIDGET(canvas), "canvas.clear", NULL));
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a digit");
  double ring[2 * 33];
  for (int i = 0; i <= 32; i++) {
    double t = 2 * G_PI * i / 32;
    ring[2 * i] = 0.5 + 0.2 * sin(t);
    ring[2 * i + 1] = 0.5 - 0.3 * cos(t);
  }
  eiaf_digit_canvas_draw_stroke(canvas, ring, 33);
  page_test_settle();
  assert_answer(page, 0);
}

/* ---- lesson 4 ---- */

static void test_softmax_mnist_page(void)
{
  EiafLessonPage *page = page_test_show(window, "softmax-mnist");
  GtkWidget *root = GTK_WIDGET(page);
  EiafDigitPredictor *predictor = empty_predictor(page);
  shot(page, "04-start");
  /* An epoch (80 steps): enough for the stroke and the ring to be read right. */
  wait_until(trained_steps, GSIZE_TO_POINTER(80), 30, "an epoch of lesson 4");
  page_test_settle();
  EiafImageGrid *before = EIAF_IMAGE_GRID(
      page_test_find_one(root, page_test_is_plot_titled, "Each class's weights at the start"));
  EiafImageGrid *after = EIAF_IMAGE_GRID(
      page_test_find_one(root, page_test_is_plot_titled, "Each class's weights now"));
  g_assert_cmpuint(eiaf_image_grid_get_count(before), ==, 10);
  g_assert_cmpuint(eiaf_image_grid_get_count(after), ==, 10);
  draw_one_and_zero(page, predictor);
  shot(page, "04-drawn");
  eiaf_digit_canvas_clear(eiaf_digit_predictor_get_canvas(predictor));
}

/* ---- lesson 8 ---- */

static gboolean weight_tiles(gpointer data)
{
  guint want = GPOINTER_TO_UINT(data);
  EiafLessonPage *page = eiaf_window_get_page(window);
  GtkWidget *grid = page_test_find_one(GTK_WIDGET(page), page_test_is_type,
                                       GSIZE_TO_POINTER(EIAF_TYPE_IMAGE_GRID));
  return trained_steps(GSIZE_TO_POINTER(1)) &&
         eiaf_image_grid_get_count(EIAF_IMAGE_GRID(grid)) == want;
}

static void test_hidden_layer_page(void)
{
  EiafLessonPage *page = page_test_show(window, "mnist-hidden-layer");
  EiafDigitPredictor *predictor = empty_predictor(page);
  wait_until(trained_steps, GSIZE_TO_POINTER(80), 60, "an epoch of lesson 8");
  wait_until(weight_tiles, GUINT_TO_POINTER(100), 10, "100 weight tiles");
  draw_one_and_zero(page, predictor);
  shot(page, "08-drawn");

  /* One hidden neuron: one tile, and a new network for the canvas. */
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(page);
  double params[NN_MAX_PARAMS];
  memcpy(params, eiaf_lesson_page_get_params(page), sizeof(double) * lesson->n_params);
  params[nn_lesson_param_index(lesson, "hidden")] = 1;
  eiaf_lesson_page_set_params(page, params);
  wait_until(weight_tiles, GUINT_TO_POINTER(1), 30, "one weight tile");
  nn_model *m = eiaf_digit_predictor_get_model(predictor);
  g_assert_nonnull(m);
  g_assert_cmpint(nn_model_layer_numel(m, 0), ==, 1);
  g_assert_true(g_str_has_prefix(shown_answer(page), "Prediction: "));
  shot(page, "08-one-neuron");
  eiaf_digit_canvas_clear(eiaf_digit_predictor_get_canvas(predictor));
  eiaf_lesson_page_set_preset(page, NN_PRESET_QUICK);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();

  g_autoptr(EiafApplication) app = eiaf_application_new();
  window = page_test_window_new(app, 1280, 800);

  g_test_add_func("/digit-pages/softmax-mnist", test_softmax_mnist_page);
  g_test_add_func("/digit-pages/mnist-hidden-layer", test_hidden_layer_page);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
