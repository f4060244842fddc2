/* Lesson 26's page in the real window: it trains when shown; a digit drawn on the canvas is
 * answered ("Prediction: 1 (97%)"), its preparation is shown in three steps, and the feature-map
 * pictures switch from the snapshot's test digit to the drawn one (and back when cleared). With
 * a Fashion-MNIST folder the page asks for a garment and names clothes.
 *
 * With EIAF_TEST_SHOTS=DIR set, the window is also saved as PNGs into DIR (for looking at;
 * nothing is compared). */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "eiaf-application.h"
#include "eiaf-digit-predictor.h"
#include "eiaf-image-grid.h"
#include "eiaf-lesson-page.h"
#include "eiaf-screenshot.h"
#include "eiaf-window.h"
#include "page-test-util.h"

/* Steps of Quick's 20 digits each: 4,000 digits, as 40 of the course's 100. */
#define TRAINED_STEPS 200

static EiafWindow *window;

/* ---- helpers ---- */

typedef gboolean (*Condition)(gpointer data);

static void wait_until(Condition done, gpointer data, double seconds, const char *what)
{
  page_test_wait(window, done, data, seconds, what);
}

static void shot(const char *name)
{
  page_test_shot(window, name);
}

/* The page scrolled down by half a window, saved too (the pictures under the first row). */
static void scrolled_shot(GtkWidget *page, const char *name)
{
  if (!g_getenv("EIAF_TEST_SHOTS"))
    return;
  GtkWidget *scroller =
      page_test_find_first(page, page_test_is_type, GSIZE_TO_POINTER(GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(scroller));
  double top = gtk_adjustment_get_value(adj);
  gtk_adjustment_set_value(adj, top + 400);
  shot(name);
  gtk_adjustment_set_value(adj, top);
}

static gboolean is_label(GtkWidget *w, gconstpointer text)
{
  return GTK_IS_LABEL(w) && g_strcmp0(gtk_label_get_text(GTK_LABEL(w)), text) == 0;
}

static GtkWidget *find_plot(GtkWidget *root, const char *title)
{
  GtkWidget *plot = page_test_find_first(root, page_test_is_plot_titled, title);
  if (!plot)
    g_error("no picture titled \"%s\"", title);
  return plot;
}

/* A plot drawn at a fixed size, as bytes: two renderings compare equal when it shows the
 * same. */
static GBytes *render(GtkWidget *plot)
{
  cairo_surface_t *surface = eiaf_plot_render_surface(EIAF_PLOT(plot), 300, 300, 1);
  cairo_surface_flush(surface);
  gsize size = (gsize) cairo_image_surface_get_stride(surface) * 300;
  GBytes *bytes = g_bytes_new(cairo_image_surface_get_data(surface), size);
  cairo_surface_destroy(surface);
  return bytes;
}

static gboolean trained_enough(gpointer data)
{
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(data);
  return s && s->step >= TRAINED_STEPS && s->models[0] && nn_snapshot_find(s, "maps/1");
}

static gboolean is_paused(gpointer data)
{
  return !eiaf_lesson_page_is_training(data);
}

typedef struct {
  EiafLessonPage *page;
  float fashion;
} ClassesWait;

static gboolean snapshot_has_classes(gpointer data)
{
  ClassesWait *w = data;
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(w->page);
  const nn_snap_item *f = s ? nn_snapshot_find(s, "fashion") : NULL;
  return f && f->data[0] == w->fashion && s->models[0];
}

static void play(EiafLessonPage *page)
{
  EiafWorker *worker = eiaf_lesson_page_get_worker(page);
  if (!eiaf_worker_is_playing(worker))
    eiaf_worker_play(worker);
}

/* Pauses, and waits until the last snapshot of the run is in: the worker may deliver one more
 * after it says it is paused. */
static void pause_training(EiafLessonPage *page)
{
  EiafWorker *worker = eiaf_lesson_page_get_worker(page);
  if (eiaf_worker_is_playing(worker))
    eiaf_worker_pause(worker);
  wait_until(is_paused, page, 30, "the pause");
  for (;;) {
    nn_snapshot *last = eiaf_lesson_page_get_snapshot(page);
    for (int i = 0; i < 50; i++) {
      page_test_settle();
      g_usleep(10000);
    }
    if (eiaf_lesson_page_get_snapshot(page) == last)
      break;
  }
}

/* A "1": one stroke down the middle of the sheet. */
static void draw_one(EiafDigitCanvas *canvas)
{
  const double xy[] = {0.52, 0.18, 0.5, 0.5, 0.48, 0.82};
  eiaf_digit_canvas_draw_stroke(canvas, xy, 3);
  page_test_settle();
}

/* ---- tests ---- */

static void test_draw_a_digit(void)
{
  g_assert_true(eiaf_window_show_lesson(window, "cnn-mnist"));
  EiafLessonPage *page = eiaf_window_get_page(window);
  GtkWidget *root = GTK_WIDGET(page);
  EiafDigitPredictor *predictor = EIAF_DIGIT_PREDICTOR(
      page_test_find_first(root, page_test_is_type, GSIZE_TO_POINTER(EIAF_TYPE_DIGIT_PREDICTOR)));
  g_assert_nonnull(predictor);
  EiafDigitCanvas *canvas = eiaf_digit_predictor_get_canvas(predictor);
  GtkWidget *prep = find_plot(root, "Your drawing prepared as MNIST’s digits: "
                                    "cropped, fitted into 20 × 20, centred by mass");
  GtkWidget *maps1 = find_plot(root, "After the first convolution and ReLU: 16 feature maps, "
                                     "28 × 28");
  GtkWidget *maps2 = find_plot(root, "After the second convolution and ReLU: 32 feature maps, "
                                     "14 × 14");
  g_assert_nonnull(find_plot(root, "The first layer’s 16 kernels (5 × 5)"));
  g_assert_nonnull(page_test_find_first(root, is_label, "Your digit"));
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a digit");

  /* Showing the page starts training; pause after some steps, so the network stays put. */
  wait_until(trained_enough, page, 300, "200 training steps");
  pause_training(page);

  /* Until something is drawn: the test digit and its maps. */
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(prep)), ==, 1);
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(maps1)), ==, 16);
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(maps2)), ==, 32);
  g_autoptr(GBytes) sample_maps1 = render(maps1);
  g_autoptr(GBytes) sample_maps2 = render(maps2);
  nn_snapshot *paused = eiaf_lesson_page_get_snapshot(page);

  draw_one(canvas);
  const char *answer = eiaf_digit_predictor_get_answer(predictor);
  g_test_message("answer: %s", answer);
  g_assert_true(g_regex_match_simple("^Prediction: [0-9] \\([0-9]{1,3}%\\)$", answer, 0, 0));
  float p = 0;
  g_assert_cmpint(eiaf_digit_predictor_get_class(predictor, &p), ==, 1);
  g_assert_cmpfloat(p, >=, 0.5f);
  g_autofree char *expected = g_strdup_printf("Prediction: 1 (%.0f%%)", 100.0 * p);
  g_assert_cmpstr(answer, ==, expected);
  g_assert_nonnull(page_test_find_first(root, is_label, answer));

  /* The preparation in three steps; the maps are the drawn digit's now. */
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(prep)), ==, 3);
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(maps1)), ==, 16);
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(maps2)), ==, 32);
  g_autoptr(GBytes) drawn_maps1 = render(maps1);
  g_autoptr(GBytes) drawn_maps2 = render(maps2);
  g_assert_false(g_bytes_equal(drawn_maps1, sample_maps1));
  g_assert_false(g_bytes_equal(drawn_maps2, sample_maps2));
  shot("26-drawn");
  scrolled_shot(root, "26-drawn-maps");

  /* Cleared: the test digit's maps again, exactly. */
  g_assert_true(eiaf_lesson_page_get_snapshot(page) == paused);
  eiaf_digit_canvas_clear(canvas);
  page_test_settle();
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a digit");
  g_assert_cmpuint(eiaf_image_grid_get_count(EIAF_IMAGE_GRID(prep)), ==, 1);
  g_autoptr(GBytes) cleared_maps1 = render(maps1);
  g_assert_true(g_bytes_equal(cleared_maps1, sample_maps1));
}

/* A folder whose path says "fashion", holding the bundled digits under the four standard
 * names: the data set is then taken for Fashion-MNIST (nn_mnist_load_dir), with no download. */
static char *make_fashion_folder(void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp("eiaf-fashion-XXXXXX", &error);
  g_assert_no_error(error);
  static const char *const sources[2] = {"mnist-10k-images-idx3-ubyte.gz",
                                         "mnist-10k-labels-idx1-ubyte.gz"};
  static const char *const names[4] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                       "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  for (int i = 0; i < 4; i++) {
    g_autofree char *source =
        g_test_build_filename(G_TEST_DIST, "..", "resources", "data", sources[i % 2], NULL);
    g_autofree char *contents = NULL;
    gsize size;
    g_assert_true(g_file_get_contents(source, &contents, &size, &error));
    g_autofree char *path = g_build_filename(tmp, names[i], NULL);
    g_assert_true(g_file_set_contents(path, contents, (gssize) size, &error));
  }
  return g_steal_pointer(&tmp);
}

static void remove_folder(const char *dir)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_remove(path);
  }
  g_rmdir(dir);
}

static void test_fashion_names_clothes(void)
{
  g_autofree char *folder = make_fashion_folder();
  g_assert_true(eiaf_window_show_lesson(window, "cnn-mnist"));
  EiafLessonPage *page = eiaf_window_get_page(window);
  GtkWidget *root = GTK_WIDGET(page);
  EiafDigitPredictor *predictor = EIAF_DIGIT_PREDICTOR(
      page_test_find_first(root, page_test_is_type, GSIZE_TO_POINTER(EIAF_TYPE_DIGIT_PREDICTOR)));
  eiaf_window_set_data_folder(window, folder);
  play(page);
  ClassesWait w = {page, 1.0f};
  wait_until(snapshot_has_classes, &w, 120, "a snapshot of the Fashion-MNIST run");
  pause_training(page);
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a garment");
  g_assert_nonnull(page_test_find_first(root, is_label, "Your garment"));

  draw_one(eiaf_digit_predictor_get_canvas(predictor));
  const char *answer = eiaf_digit_predictor_get_answer(predictor);
  g_test_message("answer: %s", answer);
  static const char *const clothes[] = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                        "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                        "Bag",         "Ankle boot"};
  int c = eiaf_digit_predictor_get_class(predictor, NULL);
  g_assert_cmpint(c, >=, 0);
  g_assert_true(g_str_has_prefix(answer, "Prediction: "));
  g_assert_nonnull(strstr(answer, clothes[c]));
  g_assert_cmpstr(
      gtk_label_get_text(GTK_LABEL(page_test_find_first(root, is_label, "Draw a garment here"))),
      ==, "Draw a garment here"); /* the sheet's hint, hidden under the ink */
  shot("26-fashion");
  scrolled_shot(root, "26-fashion-scrolled");
  eiaf_digit_canvas_clear(eiaf_digit_predictor_get_canvas(predictor));

  /* Back to the bundled digits: digits again. */
  eiaf_window_set_data_folder(window, "");
  play(page);
  w.fashion = 0.0f;
  wait_until(snapshot_has_classes, &w, 120, "a snapshot of the MNIST run");
  page_test_settle();
  g_assert_cmpstr(eiaf_digit_predictor_get_answer(predictor), ==, "Draw a digit");
  g_assert_nonnull(page_test_find_first(root, is_label, "Your digit"));
  pause_training(page);
  remove_folder(folder);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();

  g_autoptr(EiafApplication) app = eiaf_application_new();
  window = page_test_window_new(app, 1280, 800);

  g_test_add_func("/cnn-page/draw-a-digit", test_draw_a_digit);
  g_test_add_func("/cnn-page/fashion", test_fashion_names_clothes);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
