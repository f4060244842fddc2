/* The application as a person uses it, in process: parameters remembered between windows
 * (as between runs), Reset to defaults, curves exported as CSV and pictures as PNG. */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "eiaf-application.h"
#include "eiaf-export.h"
#include "eiaf-param-panel.h"
#include "eiaf-screenshot.h"
#include "eiaf-settings.h"
#include "eiaf-window-private.h"
#include "nn_safetensors.h"

static EiafApplication *app;

static GtkWidget *find_widget(GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE(root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child(root); c; c = gtk_widget_get_next_sibling(c)) {
    GtkWidget *found = find_widget(c, type);
    if (found)
      return found;
  }
  return NULL;
}

static void iterate_for(int ms)
{
  gint64 end = g_get_monotonic_time() + ms * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time() < end)
    g_main_context_iteration(NULL, FALSE);
}

static EiafWindow *open_window(const char *lesson)
{
  EiafWindow *window = eiaf_window_new(app);
  gtk_window_present(GTK_WINDOW(window));
  g_assert_true(eiaf_window_show_lesson(window, lesson));
  return window;
}

/* A user moves "Hidden neurons" on XOR to 5 and closes the window; the next window shows 5. */
static void test_app_parameters_are_remembered(void)
{
  EiafWindow *window = open_window("xor");
  EiafLessonPage *page = eiaf_window_get_page(window);
  EiafParamPanel *panel = EIAF_PARAM_PANEL(find_widget(GTK_WIDGET(page), EIAF_TYPE_PARAM_PANEL));
  g_assert_nonnull(panel);
  gtk_range_set_value(GTK_RANGE(eiaf_param_panel_get_control(panel, "hidden")), 5);
  g_assert_cmpfloat(eiaf_lesson_page_get_param(page, "hidden"), ==, 5);
  g_assert_false(eiaf_lesson_page_is_at_preset(page));
  gtk_window_close(GTK_WINDOW(window));
  iterate_for(50);

  window = open_window("xor");
  page = eiaf_window_get_page(window);
  g_assert_cmpfloat(eiaf_lesson_page_get_param(page, "hidden"), ==, 5);
  g_assert_cmpstr(g_settings_get_string(eiaf_settings_get(), "last-lesson"), ==, "xor");

  /* Reset to defaults: the preset's value, remembered too. */
  g_assert_true(gtk_widget_activate_action(GTK_WIDGET(window), "win.reset-defaults", NULL));
  g_assert_cmpfloat(eiaf_lesson_page_get_param(page, "hidden"), ==, 3);
  g_assert_true(eiaf_lesson_page_is_at_preset(page));
  gtk_window_close(GTK_WINDOW(window));
  iterate_for(50);
  window = open_window("xor");
  g_assert_cmpfloat(eiaf_lesson_page_get_param(eiaf_window_get_page(window), "hidden"), ==, 3);
  gtk_window_close(GTK_WINDOW(window));
  iterate_for(50);
}

static gboolean finished(EiafLessonPage *page)
{
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  return s && s->status == NN_JOB_FINISHED;
}

static void wait_until(gboolean (*done)(gpointer), gpointer data, int seconds)
{
  gint64 end = g_get_monotonic_time() + seconds * G_TIME_SPAN_SECOND;
  while (!done(data) && g_get_monotonic_time() < end)
    g_main_context_iteration(NULL, TRUE);
  g_assert_true(done(data));
}

static gboolean file_exists(gpointer path)
{
  return g_file_test(path, G_FILE_TEST_EXISTS);
}

static gboolean page_from_weights(gpointer page)
{
  return eiaf_lesson_page_is_from_weights(page);
}

/* The newest run (the loaded network's), paused at its start: a fresh job publishes step 0
 * at once. */
static gboolean page_at_step_zero(gpointer page)
{
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);
  EiafWorker *worker = eiaf_lesson_page_get_worker(page);
  return s && s->generation == eiaf_worker_get_generation(worker) &&
         s->status != NN_JOB_FAILED && s->step == 0 && s->n_variants > 0;
}

/* An open in-window message (AdwMessageDialog) with this heading, or NULL. */
static AdwMessageDialog *find_message(const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels(); /* not ours */
  for (guint i = 0; i < g_list_model_get_n_items(toplevels); i++) {
    g_autoptr(GObject) w = g_list_model_get_item(toplevels, i);
    if (ADW_IS_MESSAGE_DIALOG(w) &&
        g_strcmp0(adw_message_dialog_get_heading(ADW_MESSAGE_DIALOG(w)), heading) == 0)
      return ADW_MESSAGE_DIALOG(w);
  }
  return NULL;
}

static gboolean message_shown(gpointer heading)
{
  return find_message(heading) != NULL;
}

static void assert_same_tensors(const char *path_a, const char *path_b)
{
  nn_st_file a, b;
  nn_error err = {{0}};
  g_assert_true(nn_st_read_file(path_a, &a, &err));
  g_assert_true(nn_st_read_file(path_b, &b, &err));
  g_assert_cmpint(a.n_tensors, ==, b.n_tensors);
  g_assert_cmpint(a.n_tensors, >=, 4); /* XOR: two Linear layers */
  for (int i = 0; i < a.n_tensors; i++) {
    const nn_st_tensor *tb = nn_st_find(&b, a.tensors[i].name);
    g_assert_nonnull(tb);
    g_assert_cmpmem(a.tensors[i].data, a.tensors[i].nbytes, tb->data, tb->nbytes);
  }
  nn_st_file_free(&a);
  nn_st_file_free(&b);
}

/* Save Weights writes the trained network; Load Weights starts the page again from exactly
 * those weights, with the settings they were saved with; a broken file and another lesson's
 * weights are explained in the window. */
static void test_app_weights_saved_and_loaded(void)
{
  EiafWindow *window = open_window("xor");
  EiafLessonPage *page = eiaf_window_get_page(window);
  gint64 end = g_get_monotonic_time() + 30 * G_TIME_SPAN_SECOND;
  while (!finished(page) && g_get_monotonic_time() < end)
    g_main_context_iteration(NULL, TRUE);
  g_assert_true(finished(page));
  double hidden = eiaf_lesson_page_get_param(page, "hidden");

  g_autofree char *dir = g_dir_make_tmp("eiaf-weights-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename(dir, "xor.safetensors", NULL);
  g_autofree char *again = g_build_filename(dir, "again.safetensors", NULL);
  eiaf_window_save_weights(window, saved);
  wait_until(file_exists, saved, 10);

  /* Another shape of network, then the saved one back. */
  EiafParamPanel *panel = EIAF_PARAM_PANEL(find_widget(GTK_WIDGET(page), EIAF_TYPE_PARAM_PANEL));
  gtk_range_set_value(GTK_RANGE(eiaf_param_panel_get_control(panel, "hidden")), hidden + 2);
  eiaf_window_load_weights(window, saved);
  wait_until(page_from_weights, page, 10);
  g_assert_cmpfloat(eiaf_lesson_page_get_param(page, "hidden"), ==, hidden);
  wait_until(page_at_step_zero, page, 10);
  g_assert_false(eiaf_lesson_page_is_training(page));
  eiaf_window_save_weights(window, again);
  wait_until(file_exists, again, 10);
  assert_same_tensors(saved, again);

  /* A new setting starts from the lesson's own initialisation again. */
  gtk_range_set_value(GTK_RANGE(eiaf_param_panel_get_control(panel, "hidden")), hidden + 1);
  g_assert_false(eiaf_lesson_page_is_from_weights(page));

  /* A broken file: a message in the window, the page untouched. */
  g_autofree char *broken = g_build_filename(dir, "broken.safetensors", NULL);
  g_assert_true(g_file_set_contents(broken, "not weights at all", -1, NULL));
  eiaf_window_load_weights(window, broken);
  wait_until(message_shown, (gpointer) "These weights cannot be loaded", 10);
  gtk_window_destroy(GTK_WINDOW(find_message("These weights cannot be loaded")));
  g_assert_false(eiaf_lesson_page_is_from_weights(page));

  /* XOR's weights opened on another lesson: offered, and "Open That Lesson" goes there. */
  g_assert_true(eiaf_window_show_lesson(window, "spirals"));
  eiaf_window_load_weights(window, saved);
  wait_until(message_shown, (gpointer) "Weights of Another Lesson", 10);
  g_assert_cmpstr(eiaf_window_get_lesson(window), ==, "spirals");
  adw_message_dialog_response(find_message("Weights of Another Lesson"), "open");
  g_assert_cmpstr(eiaf_window_get_lesson(window), ==, "xor");
  g_assert_true(eiaf_lesson_page_is_from_weights(eiaf_window_get_page(window)));

  g_unlink(saved);
  g_unlink(again);
  g_unlink(broken);
  g_rmdir(dir);
  gtk_window_close(GTK_WINDOW(window));
  iterate_for(50);
}

/* Train XOR to the end; its curves as CSV have one row per epoch with finite values, and the
 * pictures as PNG are a real image of the page's size. */
static void test_app_exports_curves_and_pictures(void)
{
  EiafWindow *window = open_window("xor");
  EiafLessonPage *page = eiaf_window_get_page(window);
  gint64 end = g_get_monotonic_time() + 30 * G_TIME_SPAN_SECOND;
  while (!finished(page) && g_get_monotonic_time() < end)
    g_main_context_iteration(NULL, TRUE);
  g_assert_true(finished(page));
  nn_snapshot *s = eiaf_lesson_page_get_snapshot(page);

  g_autofree char *dir = g_dir_make_tmp("eiaf-app-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename(dir, "curves.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true(eiaf_export_curves_csv(s, csv_path, &error));
  g_autofree char *csv = NULL;
  g_assert_true(g_file_get_contents(csv_path, &csv, NULL, NULL));
  g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
  g_assert_cmpstr(lines[0], ==, "variant,epoch,train_loss,train_accuracy,val_loss,val_accuracy");
  g_assert_cmpint(g_strv_length(lines), ==, s->epochs + 2); /* header, rows, final "" */
  g_assert_true(g_str_has_prefix(lines[1], "xor,1,"));
  g_auto(GStrv) last = g_strsplit(lines[s->epochs], ",", -1);
  g_assert_cmpint(g_strv_length(last), ==, 6);
  g_assert_cmpfloat(g_ascii_strtod(last[3], NULL), >=, 0.95); /* trained to the end */

  /* A failing write says why and keeps the old file. */
  g_assert_false(eiaf_export_curves_csv(s, "/nonexistent-dir/curves.csv", &error));
  g_assert_nonnull(error);
  g_clear_error(&error);

  g_autofree char *png_path = g_build_filename(dir, "pictures.png", NULL);
  gtk_test_widget_wait_for_draw(GTK_WIDGET(window));
  g_assert_true(eiaf_widget_save_png(eiaf_lesson_page_get_pictures(page), png_path, &error));
  g_assert_no_error(error);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename(png_path, &error);
  g_assert_no_error(error);
  g_assert_cmpint(gdk_texture_get_width(texture), ==,
                  gtk_widget_get_width(eiaf_lesson_page_get_pictures(page)));
  g_assert_cmpint(gdk_texture_get_width(texture), >, 300);

  g_unlink(csv_path);
  g_unlink(png_path);
  g_rmdir(dir);
  gtk_window_close(GTK_WINDOW(window));
  iterate_for(50);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();
  app = eiaf_application_new();
  g_application_set_flags(G_APPLICATION(app), G_APPLICATION_NON_UNIQUE);
  g_assert_true(g_application_register(G_APPLICATION(app), NULL, NULL));
  g_assert_nonnull(eiaf_settings_get()); /* the test runs with the compiled schema */

  g_test_add_func("/app/parameters-remembered", test_app_parameters_are_remembered);
  g_test_add_func("/app/exports", test_app_exports_curves_and_pictures);
  g_test_add_func("/app/weights", test_app_weights_saved_and_loaded);
  int status = g_test_run();
  g_object_unref(app);
  return status;
}
