/* Lesson 6: two bumps need four edges. One hidden neuron (one step) or two (one bump at most)
 * cannot fit them; the lab's nine do, on most starting weights. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_trainer.h"

static float accuracy_of(nn_preset preset, uint64_t seed, int hidden)
{
  nn_job *job = lesson_run("more-neurons", preset, -1, seed, "hidden", (double) hidden, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  float acc = lesson_last_epoch(job, 0)->accuracy;
  nn_job_free(job);
  return acc;
}

/* One step can only split the line in two: at best "outside" everywhere, 74 of 100. Two
 * steps make one bump at most (87 of 100 with the better one). */
static void test_few_neurons_cannot_fit_two_bumps(void)
{
  for (uint64_t seed = 1; seed <= 8; seed++) {
    float one = accuracy_of(NN_PRESET_COURSE, seed, 1);
    float two = accuracy_of(NN_PRESET_COURSE, seed, 2);
    g_test_message("seed %" G_GUINT64_FORMAT ": 1 neuron %.2f, 2 neurons %.2f", seed, one, two);
    g_assert_cmpfloat(one, <=, 0.75f);
    g_assert_cmpfloat(two, <=, 0.88f);
  }
}

/* The lab's run (600 full-batch Adam steps). From the app's first seed it fits both bumps;
 * over 20 seeds most runs do and the rest settle on one bump (87%) — PyTorch 1.13 does the
 * same from its own seeds 0–19: 17 of 20 at 100%, 3 at 87%. */
static void test_course_fits_both_bumps(void)
{
  float first = accuracy_of(NN_PRESET_COURSE, 1, 9);
  g_test_message("course, seed 1: %.2f", first);
  g_assert_cmpfloat(first, >=, 0.95f);
  int solved = 0;
  for (uint64_t seed = 0; seed < 20; seed++) {
    float acc = accuracy_of(NN_PRESET_COURSE, seed, 9);
    g_assert_true(acc >= 0.95f || fabsf(acc - 0.87f) < 0.015f); /* both bumps, or one */
    solved += acc >= 0.95f;
  }
  g_test_message("course: %d of 20 seeds fit both bumps", solved);
  g_assert_cmpint(solved, >=, 12);
}

static void test_quick_fits_both_bumps(void)
{
  for (uint64_t seed = 1; seed <= 2; seed++) {
    float acc = accuracy_of(NN_PRESET_QUICK, seed, 9);
    g_test_message("quick, seed %" G_GUINT64_FORMAT ": %.2f", seed, acc);
    g_assert_cmpfloat(acc, >=, 0.95f);
  }
}

static void test_snapshot_has_what_the_page_draws(void)
{
  nn_job *job = lesson_job("more-neurons", NN_PRESET_QUICK, -1, 1, "hidden", 12.0, NULL);
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *fit = nn_snapshot_find(s, "fit");
  const nn_snap_item *hidden = nn_snapshot_find(s, "hidden");
  const nn_snap_item *points = nn_snapshot_find(s, "points");
  g_assert_nonnull(fit);
  g_assert_nonnull(hidden);
  g_assert_nonnull(points);
  g_assert_cmpint(fit->shape[0], ==, 201);
  g_assert_cmpint(fit->shape[1], ==, 1);
  g_assert_cmpint(hidden->shape[0], ==, 201);
  g_assert_cmpint(hidden->shape[1], ==, 12); /* one curve per neuron of the slider */
  g_assert_cmpint(points->shape[0], ==, 100);
  g_assert_cmpfloat(hidden->range[0], ==, -20.0f);
  g_assert_cmpfloat(hidden->range[1], ==, 20.0f);
  for (size_t i = 0; i < nn_snap_item_numel(hidden); i++)
    g_assert_true(hidden->data[i] >= 0 && hidden->data[i] <= 1);
  for (size_t i = 0; i < nn_snap_item_numel(fit); i++)
    g_assert_true(fit->data[i] >= 0 && fit->data[i] <= 1);
  int positives = 0;
  for (int i = 0; i < 100; i++)
    positives += points->data[3 * i + 2] == 1.0f;
  g_assert_cmpint(positives, ==, 26); /* 13 grid points in each open bump */
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/more-neurons/few-neurons-fail", test_few_neurons_cannot_fit_two_bumps);
  g_test_add_func("/more-neurons/course", test_course_fits_both_bumps);
  g_test_add_func("/more-neurons/quick", test_quick_fits_both_bumps);
  g_test_add_func("/more-neurons/snapshot", test_snapshot_has_what_the_page_draws);
  return g_test_run();
}
