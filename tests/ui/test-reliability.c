/* Nothing crashes, nothing hangs, nothing is lost — the window under abuse, in process:
 * the largest learning rate on every lesson (diverged or not, it is shown and Reset
 * recovers), switching lessons while training, 10,000 slider events in a burst, and closing
 * the window while every visited lesson trains. */
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "eiaf-application.h"
#include "eiaf-param-panel.h"
#include "eiaf-window.h"
#include "eiaf-worker.h"
#include "toy-lesson.h"
#include "nn_registry.h"

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

static EiafParamPanel *page_panel(EiafLessonPage *page)
{
  return EIAF_PARAM_PANEL(find_widget(GTK_WIDGET(page), EIAF_TYPE_PARAM_PANEL));
}

/* Runs the main loop until the page's newest snapshot is of its current parameters and has
 * stopped running or taken `steps` steps (0: no limit), or `seconds` pass. */
static nn_snapshot *wait_for(EiafLessonPage *page, long steps, double seconds)
{
  EiafWorker *worker = eiaf_lesson_page_get_worker(page);
  gint64 end = g_get_monotonic_time() + (gint64) (seconds * G_TIME_SPAN_SECOND);
  while (g_get_monotonic_time() < end) {
    nn_snapshot *s = eiaf_worker_get_snapshot(worker);
    if (s && s->generation == eiaf_worker_get_generation(worker) &&
        (s->status != NN_JOB_RUNNING || (steps > 0 && s->step >= steps)))
      return s;
    g_main_context_iteration(NULL, TRUE);
  }
  return eiaf_worker_get_snapshot(worker);
}

static nn_snapshot *wait_for_end(EiafLessonPage *page, double seconds)
{
  return wait_for(page, 0, seconds);
}

static gboolean lesson_trains(const nn_lesson *l)
{
  return l->build_data || l->custom_step;
}

/* The largest learning rate a lesson allows: the run either diverges — and the page says so,
 * with what to do — or ends with finite numbers. Either way Reset to defaults runs again. */
static void test_reliability_largest_learning_rate_everywhere(void)
{
  EiafWindow *window = eiaf_window_new(app);
  gtk_window_present(GTK_WINDOW(window));
  int tried = 0;
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    int lr = nn_lesson_param_index(l, "lr");
    if (!lesson_trains(l) || lr < 0)
      continue;
    g_assert_true(eiaf_window_show_lesson(window, l->id));
    EiafLessonPage *page = eiaf_window_get_page(window);
    /* A blow-up shows within a few dozen steps: the run is judged there (or at its end),
     * which keeps the test short on the MNIST lessons, and under the sanitizers. */
    double values[NN_MAX_PARAMS];
    memcpy(values, eiaf_lesson_page_get_params(page), sizeof values);
    values[lr] = l->params[lr].max;
    eiaf_lesson_page_set_params(page, values);
    nn_snapshot *s = wait_for(page, 40, 300);
    g_assert_nonnull(s);
    g_assert_cmpuint(s->generation, ==, eiaf_worker_get_generation(eiaf_lesson_page_get_worker(page)));
    g_test_message("%s at lr %g: %s after %ld steps %s", l->id, l->params[lr].max,
                   nn_job_status_name(s->status), s->step, s->message);
    g_assert_cmpint(s->status, !=, NN_JOB_FAILED);
    if (s->status == NN_JOB_DIVERGED) {
      g_assert_nonnull(strstr(s->message, "diverged"));
      g_assert_nonnull(strstr(eiaf_lesson_page_get_status(page), "diverged"));
    } else {
      for (int v = 0; v < s->n_variants; v++)
        g_assert_true(s->variants[v].diverged || isfinite(s->variants[v].loss) ||
                      isnan(s->variants[v].loss));
    }
    /* Reset to the preset: a new run that is not diverged. */
    g_assert_true(gtk_widget_activate_action(GTK_WIDGET(window), "win.reset-defaults", NULL));
    g_assert_cmpfloat(eiaf_lesson_page_get_param(page, "lr"), ==, l->params[lr].quick);
    EiafWorker *worker = eiaf_lesson_page_get_worker(page);
    gint64 end = g_get_monotonic_time() + 60 * G_TIME_SPAN_SECOND;
    nn_snapshot *again = NULL;
    while (g_get_monotonic_time() < end) {
      again = eiaf_worker_get_snapshot(worker);
      if (again && again->generation == eiaf_worker_get_generation(worker) && again->step > 0)
        break;
      g_main_context_iteration(NULL, TRUE);
    }
    g_assert_nonnull(again);
    g_assert_cmpint(again->status, !=, NN_JOB_DIVERGED);
    g_assert_cmpint(again->status, !=, NN_JOB_FAILED);
    tried++;
  }
  g_assert_cmpint(tried, >, 0);
  gtk_window_destroy(GTK_WINDOW(window));
}

/* A run that blows up: the page shows why and what to do, and Reset to defaults recovers.
 * (The toy lesson's tanh network diverges at lr 1e6; its linear one does not.) */
static void test_reliability_divergence_is_shown_and_recoverable(void)
{
  EiafLessonPage *page = eiaf_lesson_page_new(&toy_lesson, NULL);
  g_object_ref_sink(page);
  eiaf_lesson_page_set_active(page, TRUE);
  double values[NN_MAX_PARAMS];
  memcpy(values, eiaf_lesson_page_get_params(page), sizeof values);
  values[P_LR] = 1e6;
  eiaf_lesson_page_set_params(page, values);
  nn_snapshot *s = wait_for_end(page, 60);
  g_assert_nonnull(s);
  g_assert_true(s->variants[1].diverged);
  g_assert_nonnull(eiaf_lesson_page_get_problem(page));
  g_assert_nonnull(strstr(eiaf_lesson_page_get_problem(page), "hidden diverged at step"));
  g_assert_nonnull(strstr(eiaf_lesson_page_get_problem(page), "lower the learning rate"));

  g_assert_true(gtk_widget_activate_action(GTK_WIDGET(page), "page.reset-defaults", NULL));
  s = wait_for_end(page, 60);
  g_assert_cmpint(s->status, ==, NN_JOB_FINISHED);
  g_assert_false(s->variants[1].diverged);
  g_assert_null(eiaf_lesson_page_get_problem(page));
  eiaf_lesson_page_set_active(page, FALSE);
  g_object_unref(page);
}

/* 10,000 changes of a slider in a burst, as fast as the main loop delivers them: the last
 * value wins, the page stays responsive, and the run that ends is of that value. */
static void test_reliability_slider_burst(void)
{
  EiafWindow *window = eiaf_window_new(app);
  gtk_window_present(GTK_WINDOW(window));
  g_assert_true(eiaf_window_show_lesson(window, "xor"));
  EiafLessonPage *page = eiaf_window_get_page(window);
  GtkRange *hidden = GTK_RANGE(eiaf_param_panel_get_control(page_panel(page), "hidden"));
  gint64 worst = 0, last = g_get_monotonic_time();
  for (int i = 0; i < 10000; i++) {
    gtk_range_set_value(hidden, 1 + i % 8);
    g_main_context_iteration(NULL, FALSE);
    gint64 now = g_get_monotonic_time();
    worst = MAX(worst, now - last);
    last = now;
  }
  gtk_range_set_value(hidden, 2);
  g_test_message("longest main-loop turn during the burst: %.1f ms", worst / 1000.0);
  g_assert_cmpint(worst, <, 250 * G_TIME_SPAN_MILLISECOND);
  nn_snapshot *s = wait_for_end(page, 60);
  g_assert_nonnull(s);
  int i = nn_lesson_param_index(eiaf_lesson_page_get_lesson(page), "hidden");
  g_assert_cmpfloat(s->params[i], ==, 2);
  g_assert_cmpint(s->status, ==, NN_JOB_FINISHED);
  gtk_window_destroy(GTK_WINDOW(window));
}

/* Switching lessons while they train, then closing the window while several are mid-run:
 * every training thread stops within the shutdown bound. */
static void test_reliability_switch_and_close_while_training(void)
{
  EiafWindow *window = eiaf_window_new(app);
  gtk_window_present(GTK_WINDOW(window));
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < nn_lesson_count(); i++) {
      g_assert_true(eiaf_window_show_lesson(window, nn_lesson_at(i)->id));
      for (int k = 0; k < 5; k++)
        g_main_context_iteration(NULL, FALSE);
    }
  }
  g_assert_true(eiaf_window_show_lesson(window, "xor"));
  EiafLessonPage *page = eiaf_window_get_page(window);
  gint64 end = g_get_monotonic_time() + 10 * G_TIME_SPAN_SECOND;
  while (!eiaf_lesson_page_is_training(page) && g_get_monotonic_time() < end)
    g_main_context_iteration(NULL, TRUE);
  g_assert_true(eiaf_lesson_page_is_training(page));
  gtk_window_destroy(GTK_WINDOW(window));
  g_assert_true(eiaf_worker_wait_all(5000));
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();
  app = eiaf_application_new();
  g_application_set_flags(G_APPLICATION(app), G_APPLICATION_NON_UNIQUE);
  g_assert_true(g_application_register(G_APPLICATION(app), NULL, NULL));
  g_test_add_func("/reliability/largest-lr", test_reliability_largest_learning_rate_everywhere);
  g_test_add_func("/reliability/divergence-shown", test_reliability_divergence_is_shown_and_recoverable);
  g_test_add_func("/reliability/slider-burst", test_reliability_slider_burst);
  g_test_add_func("/reliability/switch-and-close", test_reliability_switch_and_close_while_training);
  int status = g_test_run();
  g_object_unref(app);
  return status;
}
