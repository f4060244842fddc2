/* The worker hand-off: snapshots reach the main thread, the main loop never stalls behind
 * training, a burst of parameter changes ends with the last one winning, pause/step/reset
 * work, and disposing a worker mid-run stops its thread. Run under ThreadSanitizer in CI. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "eiaf-worker.h"
#include "nn_registry.h"
#include "toy-lesson.h"

typedef struct {
  int snapshots;
  nn_snapshot *last;
  gint64 last_tick, worst_gap;
} Seen;

static void on_worker_snapshot_cb(EiafWorker *worker, nn_snapshot *s, Seen *seen)
{
  g_assert_true(g_main_context_is_owner(g_main_context_default()));
  g_assert_cmpuint(s->generation, ==, eiaf_worker_get_generation(worker));
  seen->snapshots++;
  g_clear_pointer(&seen->last, nn_snapshot_unref);
  seen->last = nn_snapshot_ref(s);
}

static gboolean on_tick_cb(gpointer data)
{
  Seen *seen = data;
  gint64 now = g_get_monotonic_time();
  if (seen->last_tick)
    seen->worst_gap = MAX(seen->worst_gap, now - seen->last_tick);
  seen->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until `done` holds or `timeout_s` passes. */
static gboolean iterate_until(gboolean (*done)(EiafWorker *, Seen *), EiafWorker *w, Seen *seen,
                              double timeout_s)
{
  gint64 end = g_get_monotonic_time() + (gint64) (timeout_s * G_TIME_SPAN_SECOND);
  while (!done(w, seen)) {
    if (g_get_monotonic_time() > end)
      return FALSE;
    g_main_context_iteration(NULL, TRUE);
  }
  return TRUE;
}

static gboolean finished(EiafWorker *w, Seen *seen)
{
  return seen->last && seen->last->generation == eiaf_worker_get_generation(w) &&
         seen->last->status == NN_JOB_FINISHED;
}

static gboolean has_snapshot(EiafWorker *w, Seen *seen)
{
  return seen->last && seen->last->generation == eiaf_worker_get_generation(w);
}

static EiafWorker *toy_worker(Seen *seen, double epochs)
{
  EiafWorker *w = eiaf_worker_new(&toy_lesson, NULL);
  double params[N_P];
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, params);
  params[P_EPOCHS] = epochs;
  params[P_BATCH] = 1;
  eiaf_worker_set_params(w, params);
  g_signal_connect(w, "snapshot", G_CALLBACK(on_worker_snapshot_cb), seen);
  return w;
}

static void seen_clear(Seen *seen)
{
  g_clear_pointer(&seen->last, nn_snapshot_unref);
}

static void test_worker_trains_to_the_end_without_stalling_the_main_loop(void)
{
  Seen seen = {0};
  EiafWorker *w = toy_worker(&seen, 200); /* 10,000 steps */
  guint tick = g_timeout_add(1, on_tick_cb, &seen);
  eiaf_worker_play(w);
  g_assert_true(iterate_until(finished, w, &seen, 60));
  g_source_remove(tick);
  g_assert_cmpint(seen.last->epoch, ==, 200);
  g_assert_cmpint(eiaf_worker_get_state(w), ==, EIAF_WORKER_FINISHED);
  /* Coalesced: far fewer snapshots than steps, but more than a handful. */
  g_assert_cmpint(seen.snapshots, >, 2);
  g_assert_cmpint(seen.snapshots, <, 10000);
  /* The main loop kept turning: no gap near the length of the run. */
  g_test_message("worst main-loop gap %.1f ms, %d snapshots", seen.worst_gap / 1000.0,
                 seen.snapshots);
  g_assert_cmpint(seen.worst_gap, <, 250 * G_TIME_SPAN_MILLISECOND);
  g_object_unref(w);
  seen_clear(&seen);
}

static void test_worker_last_of_a_burst_of_changes_wins(void)
{
  Seen seen = {0};
  EiafWorker *w = toy_worker(&seen, 3);
  eiaf_worker_play(w);
  double params[N_P];
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, params);
  params[P_BATCH] = 1;
  for (int i = 0; i < 1000; i++) {
    params[P_LR] = 0.001 + i * 1e-4;
    params[P_EPOCHS] = 1 + i % 4;
    eiaf_worker_set_params(w, params);
    if (i % 10 == 0)
      g_main_context_iteration(NULL, FALSE);
  }
  g_assert_true(iterate_until(finished, w, &seen, 60));
  g_assert_cmpfloat(seen.last->params[P_LR], ==, 0.001 + 999 * 1e-4);
  g_assert_cmpfloat(seen.last->params[P_EPOCHS], ==, 1 + 999 % 4);
  g_assert_cmpint(seen.last->epoch, ==, 1 + 999 % 4);
  g_object_unref(w);
  seen_clear(&seen);
}

static void test_worker_pause_step_and_reset(void)
{
  Seen seen = {0};
  EiafWorker *w = toy_worker(&seen, 50);
  eiaf_worker_step(w); /* builds the job, then one step */
  g_assert_true(iterate_until(has_snapshot, w, &seen, 10));
  while (seen.last->step < 1)
    g_main_context_iteration(NULL, TRUE);
  g_assert_cmpint(seen.last->step, ==, 1);
  g_assert_cmpint(eiaf_worker_get_state(w), ==, EIAF_WORKER_PAUSED);

  eiaf_worker_step(w);
  while (seen.last->step < 2)
    g_main_context_iteration(NULL, TRUE);
  /* Paused: nothing more happens. */
  for (int i = 0; i < 20; i++) {
    g_usleep(2000);
    g_main_context_iteration(NULL, FALSE);
  }
  g_assert_cmpint(seen.last->step, ==, 2);
  float loss_after_two = nn_snapshot_find(seen.last, "step_loss/0")->data[1];

  eiaf_worker_play(w);
  while (seen.last->step < 100)
    g_main_context_iteration(NULL, TRUE);
  eiaf_worker_pause(w);
  eiaf_worker_reset(w); /* same seed, from step 0 */
  g_assert_true(iterate_until(has_snapshot, w, &seen, 10));
  g_assert_cmpint(seen.last->step, ==, 0);
  eiaf_worker_step(w);
  eiaf_worker_step(w);
  while (seen.last->step < 2)
    g_main_context_iteration(NULL, TRUE);
  g_assert_cmpfloat(nn_snapshot_find(seen.last, "step_loss/0")->data[1], ==, loss_after_two);
  g_object_unref(w);
  seen_clear(&seen);
}

static void test_worker_dispose_while_training_stops_the_thread(void)
{
  Seen seen = {0};
  EiafWorker *w = toy_worker(&seen, 1000);
  eiaf_worker_play(w);
  g_assert_true(iterate_until(has_snapshot, w, &seen, 10));
  g_object_unref(w);
  g_assert_true(eiaf_worker_wait_all(5000));
  seen_clear(&seen);
}

typedef struct {
  gboolean done, ok;
  GError *error;
} SaveResult;

static void on_saved_cb(GObject *source, GAsyncResult *result, gpointer data)
{
  SaveResult *r = data;
  r->ok = eiaf_worker_save_weights_finish(EIAF_WORKER(source), result, &r->error);
  r->done = TRUE;
}

static void test_worker_saves_weights_between_steps(void)
{
  Seen seen = {0};
  EiafWorker *w = toy_worker(&seen, 2);
  eiaf_worker_play(w);
  g_assert_true(iterate_until(finished, w, &seen, 30));
  g_autofree char *dir = g_dir_make_tmp("eiaf-worker-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "toy.safetensors", NULL);

  SaveResult r = {0};
  eiaf_worker_save_weights(w, 1, path, on_saved_cb, &r);
  while (!r.done)
    g_main_context_iteration(NULL, TRUE);
  g_assert_no_error(r.error);
  g_assert_true(r.ok);
  g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));

  SaveResult bad = {0};
  eiaf_worker_save_weights(w, 1, "/nonexistent-dir/x.safetensors", on_saved_cb, &bad);
  while (!bad.done)
    g_main_context_iteration(NULL, TRUE);
  g_assert_false(bad.ok);
  g_assert_nonnull(bad.error);
  g_assert_nonnull(strstr(bad.error->message, "nonexistent-dir"));
  g_clear_error(&bad.error);
  g_unlink(path);
  g_rmdir(dir);
  g_object_unref(w);
  seen_clear(&seen);
}

/* Steps a paused worker `n` times, waiting for each. */
static void step_times(EiafWorker *w, Seen *seen, int n)
{
  for (int i = 0; i < n; i++) {
    long before = seen->last ? seen->last->step : 0;
    eiaf_worker_step(w);
    while (!seen->last || seen->last->step < before + 1)
      g_main_context_iteration(NULL, TRUE);
  }
}

/* A paused run gives its memory back after half a second of rest; stepping on takes it again
 * and goes on to the very numbers of a run that never rested. */
static void test_worker_rest_releases_memory_same_numbers(void)
{
  Seen rested = {0}, kept = {0};
  EiafWorker *a = toy_worker(&rested, 50), *b = toy_worker(&kept, 50);
  step_times(a, &rested, 2);
  gint64 until = g_get_monotonic_time() + 1600 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time() < until) {
    g_main_context_iteration(NULL, FALSE);
    g_usleep(10000);
  }
  step_times(a, &rested, 3);
  step_times(b, &kept, 5);
  const nn_snap_item *x = nn_snapshot_find(rested.last, "step_loss/1");
  const nn_snap_item *y = nn_snapshot_find(kept.last, "step_loss/1");
  g_assert_cmpint(x->shape[0], ==, 5);
  g_assert_cmpmem(x->data, sizeof(float) * 5, y->data, sizeof(float) * 5);
  g_object_unref(a);
  g_object_unref(b);
  seen_clear(&rested);
  seen_clear(&kept);
}

/* The first `steps` batch losses of lesson 23's CNN trained in a worker with `threads`
 * threads (its convolutions split over the pool that the worker thread starts). */
static float *cnn_step_losses(int threads, int steps)
{
  const nn_lesson *l = nn_lesson_find("simple-cnn");
  g_assert_nonnull(l);
  eiaf_worker_set_threads(threads);
  g_assert_cmpint(eiaf_worker_get_threads(), ==, threads);
  Seen seen = {0};
  EiafWorker *w = eiaf_worker_new(l, NULL);
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(l, NN_PRESET_QUICK, params);
  eiaf_worker_set_params(w, params);
  g_signal_connect(w, "snapshot", G_CALLBACK(on_worker_snapshot_cb), &seen);
  eiaf_worker_play(w);
  while (!seen.last || seen.last->step < steps)
    g_main_context_iteration(NULL, TRUE);
  const nn_snap_item *losses = nn_snapshot_find(seen.last, "step_loss/0");
  g_assert_nonnull(losses);
  g_assert_cmpint(losses->shape[0], >=, steps);
  float *copy = g_memdup2(losses->data, sizeof(float) * (gsize) steps);
  g_object_unref(w);
  seen_clear(&seen);
  return copy;
}

/* Two threads give the very numbers one gives (the pool sums its parts in a fixed order), and
 * the pool's helper starts and stops with each run (ThreadSanitizer watches this in CI). */
static void test_worker_threads_same_numbers(void)
{
  enum { STEPS = 30 };
  int before = eiaf_worker_get_threads();
  g_autofree float *one = cnn_step_losses(1, STEPS);
  g_autofree float *two = cnn_step_losses(2, STEPS);
  g_assert_cmpmem(one, sizeof(float) * STEPS, two, sizeof(float) * STEPS);
  g_assert_cmpfloat(one[STEPS - 1], !=, one[0]); /* it trained */
  eiaf_worker_set_threads(before);
  g_assert_true(eiaf_worker_wait_all(5000));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/worker/trains-without-stalling",
                  test_worker_trains_to_the_end_without_stalling_the_main_loop);
  g_test_add_func("/worker/last-change-wins", test_worker_last_of_a_burst_of_changes_wins);
  g_test_add_func("/worker/pause-step-reset", test_worker_pause_step_and_reset);
  g_test_add_func("/worker/save-weights", test_worker_saves_weights_between_steps);
  g_test_add_func("/worker/threads-same-numbers", test_worker_threads_same_numbers);
  g_test_add_func("/worker/rest-releases-memory", test_worker_rest_releases_memory_same_numbers);
  g_test_add_func("/worker/dispose-while-training",
                  test_worker_dispose_while_training_stops_the_thread);
  int status = g_test_run();
  g_assert_true(eiaf_worker_wait_all(5000));
  return status;
}
