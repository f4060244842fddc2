/* The convolution pages (lessons 20–22) in the real window: the words a student reads
 * ("Window position 3 of 9", Step's tooltip), the numbers the pictures show, the kernel editor
 * wired to the lesson's parameters (a typed weight makes the kernel Custom; a preset fills the
 * editor), no panel rows for the editor's cells, and the Train/Step buttons only where
 * something steps.
 *
 * With EIAF_TEST_SHOTS=DIR set, the window is also saved as PNGs into DIR at a few moments
 * (for looking at; nothing is compared). */
#include <gtk/gtk.h>
#include <string.h>

#include "eiaf-application.h"
#include "eiaf-kernel-editor.h"
#include "eiaf-lesson-page.h"
#include "eiaf-matrix-view.h"
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

static void shot(const char *name)
{
  page_test_shot(window, name);
}

static gboolean status_starts(gpointer data)
{
  const char **want = data;
  return g_str_has_prefix(eiaf_lesson_page_get_status(eiaf_window_get_page(window)), *want);
}

static void wait_status(const char *prefix)
{
  wait_until(status_starts, &prefix, 30, prefix);
}

static const nn_snap_item *snap_find(EiafLessonPage *page, const char *name)
{
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  g_assert_nonnull(s);
  const nn_snap_item *item = nn_snapshot_find(s, name);
  g_assert_nonnull(item);
  return item;
}

static double param(EiafLessonPage *page, const char *name)
{
  return eiaf_lesson_page_get_param(page, name);
}

/* A matrix view's numbers as a screen reader gets them ("3 × 3: −4, 0, 4; …"). */
static void assert_description(GtkWidget *view, const char *expected)
{
  gtk_test_accessible_assert_property(view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

/* ---- lesson 20 ---- */

typedef struct {
  EiafLessonPage *page;
  double kernel0;
} KernelWait;

static gboolean kernel_run_finished(gpointer data)
{
  KernelWait *w = data;
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(w->page);
  const nn_snap_item *k = s ? nn_snapshot_find(s, "kernel") : NULL;
  return s && k && s->status == NN_JOB_FINISHED && k->data[0] == (float) w->kernel0;
}

static void test_convolution_page(void)
{
  EiafLessonPage *page = page_test_show(window, "convolution");
  GtkWidget *root = GTK_WIDGET(page);
  /* The sweep plays by itself and ends with every value written. */
  wait_status("Window position 9 of 9");
  g_assert_true(g_str_has_suffix(eiaf_lesson_page_get_status(page), "finished"));
  GtkWidget *output = page_test_find_one(root, page_test_is_plot_titled, "Output map");
  assert_description(output, "3 × 3: −4, 0, 4; −4, 0, 4; −4, 0, 4");
  GtkWidget *formula = page_test_find_one(root, page_test_is_label_starting, "Output size");
  g_assert_nonnull(strstr(gtk_label_get_text(GTK_LABEL(formula)), "⌊(5 + 2·0 − 3)/1⌋ + 1 = 3"));
  GtkWidget *step = page_test_find_one(root, page_test_is_button_labelled, "Step");
  g_assert_true(gtk_widget_is_visible(step));
  g_assert_cmpstr(gtk_widget_get_tooltip_text(step), ==,
                  "Move the window to the next position, then pause");
  /* The editor's cells have no rows in the panel. */
  g_autoptr(GPtrArray) rows =
      page_test_find_all(root, page_test_is_label_starting, "Custom kernel");
  g_assert_cmpuint(rows->len, ==, 0);
  shot("20-finished");

  /* Step after the end starts the sweep again, one position. */
  g_assert_true(gtk_widget_activate_action(root, "page.step", NULL));
  wait_status("Window position 1 of 9");
  /* ... and stays there: one step, then paused (the next would be due 5/9 s later). */
  g_usleep(700000);
  page_test_settle();
  g_assert_cmpstr(eiaf_lesson_page_get_status(page), ==, "Window position 1 of 9");

  /* The editor shows the preset's kernel; a typed weight makes it Custom. */
  EiafKernelEditor *editor = EIAF_KERNEL_EDITOR(
      page_test_find_one(root, page_test_is_type, GSIZE_TO_POINTER(EIAF_TYPE_KERNEL_EDITOR)));
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 1, 0), ==, 2);
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 1, 2), ==, -2);
  g_assert_true(eiaf_lesson_page_is_at_preset(page));
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(eiaf_kernel_editor_get_cell(editor, 0, 0)), 3);
  g_assert_cmpfloat(param(page, "kernel"), ==, 5);
  g_assert_cmpfloat(param(page, "k00"), ==, 3);
  g_assert_cmpfloat(param(page, "k10"), ==, 2);
  g_assert_false(eiaf_lesson_page_is_at_preset(page));
  KernelWait w = {page, 3};
  wait_until(kernel_run_finished, &w, 30, "the custom kernel's run");
  /* Column 0 of the kernel now weighs 3, 2, 1: the right-hand values become 6. */
  assert_description(output, "3 × 3: −4, 0, 6; −4, 0, 6; −4, 0, 6");

  /* A preset chosen in the panel fills the editor with its weights. */
  double params[NN_MAX_PARAMS];
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(page);
  memcpy(params, eiaf_lesson_page_get_params(page), sizeof(double) * lesson->n_params);
  params[nn_lesson_param_index(lesson, "kernel")] = 1; /* edge y */
  params[nn_lesson_param_index(lesson, "image")] = 1;  /* horizontal line */
  eiaf_lesson_page_set_params(page, params);
  w.kernel0 = 1;
  wait_until(kernel_run_finished, &w, 30, "the edge-y run");
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 0, 1), ==, 2);
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 2, 1), ==, -2);
  assert_description(output, "3 × 3: −4, −4, −4; 0, 0, 0; 4, 4, 4");

  /* Back to the preset: the custom weights too. */
  eiaf_lesson_page_set_preset(page, NN_PRESET_QUICK);
  g_assert_true(eiaf_lesson_page_is_at_preset(page));
  g_assert_cmpfloat(param(page, "k00"), ==, 1);
}

/* Step by step with padding 1 and stride 2: the window moves one position a step, and the
 * formula says ⌊(5 + 2·1 − 3)/2⌋ + 1 = 3. */
static gboolean step_done(gpointer data)
{
  long *want = data;
  EiafLessonPage *page = eiaf_window_get_page(window);
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  return s && s->step == *want &&
         s->generation == eiaf_worker_get_generation(eiaf_lesson_page_get_worker(page));
}

static gboolean current_run(gpointer data)
{
  EiafLessonPage *page = eiaf_window_get_page(window);
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  return s && s->generation == eiaf_worker_get_generation(eiaf_lesson_page_get_worker(page));
}

/* New parameters, then paused: the run may have taken its first step before the pause. Returns
 * the step it stopped at. */
static long restart_paused(EiafLessonPage *page, const double *params)
{
  eiaf_lesson_page_set_params(page, params);
  /* The worker itself: the page's toggle may read the state of the run being replaced. */
  eiaf_worker_pause(eiaf_lesson_page_get_worker(page));
  wait_until(current_run, NULL, 20, "the new run");
  /* Paused, the worker publishes where it stopped: let that arrive. */
  for (int i = 0; i < 20; i++) {
    page_test_settle();
    g_usleep(10000);
  }
  return eiaf_lesson_page_get_snapshot(page)->step;
}

static void test_convolution_steps(void)
{
  EiafLessonPage *page = page_test_show(window, "convolution");
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(page);
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(lesson, NN_PRESET_COURSE, params);
  params[nn_lesson_param_index(lesson, "padding")] = 1;
  params[nn_lesson_param_index(lesson, "stride")] = 2;
  long base = restart_paused(page, params);
  g_assert_cmpint(base, <=, 1);
  GtkWidget *root = GTK_WIDGET(page);
  GtkWidget *input =
      page_test_find_one(root, page_test_is_plot_titled, "Image (hatched: the zero padding)");
  GtkWidget *formula = page_test_find_one(root, page_test_is_label_starting, "Output size");
  g_assert_nonnull(strstr(gtk_label_get_text(GTK_LABEL(formula)), "⌊(5 + 2·1 − 3)/2⌋ + 1 = 3"));
  g_assert_cmpuint(eiaf_matrix_view_get_padding(EIAF_MATRIX_VIEW(input)), ==, 1);
  for (long want = base + 1; want <= 5; want++) {
    g_assert_true(gtk_widget_activate_action(root, "page.step", NULL));
    wait_until(step_done, &want, 10, "a step");
    guint row, col, n_rows, n_cols;
    g_assert_true(
        eiaf_matrix_view_get_highlight(EIAF_MATRIX_VIEW(input), &row, &col, &n_rows, &n_cols));
    /* Position want − 1 of the 3 × 3 output, in reading order, two cells apart. */
    g_assert_cmpuint(row, ==, 2 * ((want - 1) / 3));
    g_assert_cmpuint(col, ==, 2 * ((want - 1) % 3));
    g_assert_cmpuint(n_rows, ==, 3);
    g_autofree char *status = g_strdup_printf("Window position %ld of 9", want);
    g_assert_cmpstr(eiaf_lesson_page_get_status(page), ==, status);
  }
  shot("20-padding1-stride2-step5");

  /* The digit: 14 × 14 positions. */
  params[nn_lesson_param_index(lesson, "image")] = 2;
  params[nn_lesson_param_index(lesson, "padding")] = 0;
  params[nn_lesson_param_index(lesson, "stride")] = 1;
  base = restart_paused(page, params);
  for (long want = base + 1; want <= 40; want++) {
    g_assert_true(gtk_widget_activate_action(root, "page.step", NULL));
    wait_until(step_done, &want, 10, "a step");
  }
  g_assert_cmpstr(eiaf_lesson_page_get_status(page), ==, "Window position 40 of 196");
  const nn_snap_item *full = snap_find(page, "output_full");
  g_assert_cmpint(full->shape[0], ==, 14);
  shot("20-digit-step40");
  eiaf_lesson_page_set_preset(page, NN_PRESET_QUICK);
}

/* ---- lessons 21 and 22 ---- */

static gboolean has_snapshot(gpointer data)
{
  EiafLessonPage *page = eiaf_window_get_page(window);
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  return s && nn_snapshot_find(s, data) != NULL &&
         s->generation == eiaf_worker_get_generation(eiaf_lesson_page_get_worker(page));
}

static void test_pooling_page(void)
{
  EiafLessonPage *page = page_test_show(window, "activation-pooling");
  GtkWidget *root = GTK_WIDGET(page);
  wait_until(has_snapshot, "pooled", 10, "the pooling snapshot");
  page_test_settle();
  /* Nothing steps here: no Train or Step. */
  GtkWidget *step = page_test_find_one(root, page_test_is_button_labelled, "Step");
  g_assert_false(gtk_widget_is_visible(step));
  /* Quick: the lab's 4×4, pool 2, stride 2. */
  GtkWidget *relu = page_test_find_one(root, page_test_is_plot_titled, "After ReLU");
  GtkWidget *pooled = page_test_find_one(root, page_test_is_plot_titled, "After max pooling");
  assert_description(relu, "4 × 4: 1, 2, 3, 0; 0, 2, 0, 0; 0, 2, 3, 1; 0, 0, 0, 0");
  assert_description(pooled, "2 × 2: 2, 3; 2, 3");
  shot("21-quick");
  eiaf_lesson_page_set_preset(page, NN_PRESET_COURSE);
  wait_until(has_snapshot, "pooled", 10, "the Course snapshot");
  page_test_settle();
  assert_description(pooled, "3 × 3: 2, 3, 3; 2, 3, 3; 2, 3, 3");
  shot("21-course");

  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(page);
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(lesson, NN_PRESET_QUICK, params);
  params[nn_lesson_param_index(lesson, "input")] = 2;
  eiaf_lesson_page_set_params(page, params);
  wait_until(has_snapshot, "pooled", 20, "the digit's snapshot");
  shot("21-digit");
  eiaf_lesson_page_set_preset(page, NN_PRESET_QUICK);
}

static void test_multi_channel_page(void)
{
  EiafLessonPage *page = page_test_show(window, "multi-channel");
  GtkWidget *root = GTK_WIDGET(page);
  wait_until(has_snapshot, "output", 10, "the snapshot");
  page_test_settle();
  g_assert_false(
      gtk_widget_is_visible(page_test_find_one(root, page_test_is_button_labelled, "Step")));
  assert_description(page_test_find_one(root, page_test_is_plot_titled, "out[0]"),
                     "3 × 3: −4, 0, 4; −4, 0, 4; −4, 0, 4");
  assert_description(page_test_find_one(root, page_test_is_plot_titled, "out[2]"),
                     "3 × 3: 3, 3, 3; 3, 3, 3; 3, 3, 3");
  shot("22-quick");
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(page);
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(lesson, NN_PRESET_QUICK, params);
  params[nn_lesson_param_index(lesson, "example")] = 3;
  params[nn_lesson_param_index(lesson, "bias")] = 0.5;
  eiaf_lesson_page_set_params(page, params);
  wait_until(has_snapshot, "output", 10, "the snapshot");
  page_test_settle();
  /* Two input channels: x[1] ⋆ weight[1][1] is shown, and out[1] = 1 − dot + ½. */
  page_test_find_one(root, page_test_is_plot_titled, "x[1] ⋆ weight[1][1]");
  assert_description(page_test_find_one(root, page_test_is_plot_titled, "out[1]"),
                     "3 × 3: 1.5, 1.5, 1.5; 1.5, 0.5, 1.5; 1.5, 1.5, 1.5");
  shot("22-two-to-three");
  eiaf_lesson_page_set_preset(page, NN_PRESET_QUICK);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();

  g_autoptr(EiafApplication) app = eiaf_application_new();
  window = page_test_window_new(app, 0, 0);

  g_test_add_func("/conv-pages/convolution", test_convolution_page);
  g_test_add_func("/conv-pages/convolution-steps", test_convolution_steps);
  g_test_add_func("/conv-pages/activation-pooling", test_pooling_page);
  g_test_add_func("/conv-pages/multi-channel", test_multi_channel_page);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
