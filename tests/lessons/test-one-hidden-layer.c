/* Lesson 5: two hidden sigmoid neurons learn the bump −4 < x < 4 — every point right — and
 * in the hidden space (a₁, a₂) the two classes end up on opposite sides of one straight line,
 * the output neuron's. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_trainer.h"

#define N_POINTS 40

/* Which points the output neuron's line w·a + b = 0 puts on their class's side, read from
 * the snapshot's hidden-space points and the model's output layer (Linear(2, 1), layer 2). */
static int points_on_their_side(nn_job *job, const nn_snapshot *s)
{
  const nn_snap_item *pts = nn_snapshot_find(s, "hidden_points");
  g_assert_nonnull(pts);
  const nn_param *w = nn_model_weight(nn_job_model(job, 0), 2);
  const nn_param *b = nn_model_bias(nn_job_model(job, 0), 2);
  g_assert_nonnull(w);
  g_assert_cmpint(nn_tensor_numel(&w->value), ==, 2);
  int right = 0;
  for (int i = 0; i < pts->shape[0]; i++) {
    const float *p = pts->data + 3 * i;
    float z = w->value.data[0] * p[0] + w->value.data[1] * p[1] + b->value.data[0];
    right += (z > 0) == (p[2] == 1.0f);
  }
  return right;
}

/* Points of the data whose x the fitted curve classifies rightly (the curve has a value at
 * every quarter of x, so each data x is one of its samples). */
static int points_fitted(const nn_snapshot *s)
{
  const nn_snap_item *fit = nn_snapshot_find(s, "fit");
  const nn_snap_item *pts = nn_snapshot_find(s, "points");
  int n = fit->shape[0], right = 0;
  for (int i = 0; i < pts->shape[0]; i++) {
    float x = pts->data[3 * i];
    int k = (int) lroundf((x - fit->range[0]) / (fit->range[1] - fit->range[0]) * (float) (n - 1));
    g_assert_cmpfloat(
        fabsf(fit->range[0] + (fit->range[1] - fit->range[0]) * (float) k / (float) (n - 1) - x), <,
        1e-4f);
    right += (fit->data[k] > 0.5f) == (pts->data[3 * i + 2] == 1.0f);
  }
  return right;
}

static void check_solved(const char *what, nn_job *job)
{
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
  nn_snapshot *s = nn_job_snapshot(job);
  int separated = points_on_their_side(job, s), fitted = points_fitted(s);
  g_test_message("%s: last epoch loss %.4f, accuracy %.3f; %d/40 points fitted, %d/40 on "
                 "their side of the output's line in hidden space",
                 what, m->loss, m->accuracy, fitted, separated);
  g_assert_cmpint(fitted, ==, N_POINTS);
  g_assert_cmpint(separated, ==, N_POINTS);
  nn_snapshot_unref(s);
}

static void test_quick_separates_the_bump(void)
{
  for (uint64_t seed = 1; seed <= 3; seed++) {
    nn_job *job = lesson_run("one-hidden-layer", NN_PRESET_QUICK, -1, seed, NULL);
    g_autofree char *what = g_strdup_printf("quick, seed %" G_GUINT64_FORMAT, seed);
    check_solved(what, job);
    nn_job_free(job);
  }
}

/* The lab's run in full (40,000 single-sample steps take milliseconds): PyTorch 1.13 ends
 * this run with a mean loss of about 0.0038 for its seeds 0–3. */
static void test_course_reproduces_the_lab(void)
{
  nn_job *job = lesson_run("one-hidden-layer", NN_PRESET_COURSE, -1, 1, NULL);
  g_assert_cmpint(nn_job_epoch(job), ==, 1000);
  check_solved("course", job);
  g_assert_cmpfloat(lesson_last_epoch(job, 0)->loss, <, 0.01f);
  nn_job_free(job);
}

/* A learning rate far too small leaves the network answering "outside" everywhere: the
 * share of class 0, 33 of 40. */
static void test_tiny_learning_rate_is_stuck_outside(void)
{
  nn_job *job = lesson_run("one-hidden-layer", NN_PRESET_QUICK, -1, 1, "lr", 0.01, NULL);
  const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
  g_test_message("lr 0.01: accuracy %.3f", m->accuracy);
  g_assert_cmpfloat(fabsf(m->accuracy - 33.0f / 40.0f), <, 1e-4f);
  nn_job_free(job);
}

static void check_item(const nn_snapshot *s, const char *name, int d0, int d1, int d2)
{
  const nn_snap_item *it = nn_snapshot_find(s, name);
  g_assert_nonnull(it);
  g_assert_cmpint(it->shape[0], ==, d0);
  g_assert_cmpint(it->shape[1], ==, d1);
  if (d2 > 0)
    g_assert_cmpint(it->shape[2], ==, d2);
  for (size_t i = 0; i < nn_snap_item_numel(it); i++)
    g_assert_true(isfinite(it->data[i]));
}

static void test_snapshot_has_what_the_page_draws(void)
{
  nn_job *job = lesson_job("one-hidden-layer", NN_PRESET_QUICK, -1, 1, NULL);
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  check_item(s, "fit", 161, 1, 0);
  check_item(s, "hidden", 161, 2, 0);
  check_item(s, "points", N_POINTS, 3, 0);
  check_item(s, "hidden_points", N_POINTS, 3, 0);
  check_item(s, "hidden_regions", 64, 64, 1);
  const nn_snap_item *hidden = nn_snapshot_find(s, "hidden");
  for (size_t i = 0; i < nn_snap_item_numel(hidden); i++)
    g_assert_true(hidden->data[i] >= 0 && hidden->data[i] <= 1);
  g_assert_cmpfloat(hidden->range[0], ==, -20.0f);
  g_assert_cmpfloat(hidden->range[1], ==, 20.0f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/one-hidden-layer/quick", test_quick_separates_the_bump);
  g_test_add_func("/one-hidden-layer/course", test_course_reproduces_the_lab);
  g_test_add_func("/one-hidden-layer/tiny-lr", test_tiny_learning_rate_is_stuck_outside);
  g_test_add_func("/one-hidden-layer/snapshot", test_snapshot_has_what_the_page_draws);
  return g_test_run();
}
