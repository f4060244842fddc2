/* Lesson 7: one hidden neuron cannot solve XOR (a single line splits the plane: at best 3 of
 * the 4 corners, 75%), two or three can. */
#include "lesson-test-util.h"

#include "nn_trainer.h"

static void test_xor_one_neuron_fails_two_and_three_solve_it(void)
{
  for (int hidden = 1; hidden <= 3; hidden++) {
    nn_job *job = lesson_run("xor", NN_PRESET_QUICK, 0, 1, "hidden", (double) hidden, NULL);
    g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
    const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
    g_test_message("hidden %d: train accuracy %.3f, validation %.3f", hidden, m->accuracy,
                   m->val_accuracy);
    if (hidden == 1) {
      g_assert_cmpfloat(m->accuracy, <=, 0.80f);
      g_assert_cmpfloat(m->val_accuracy, <=, 0.80f);
    } else {
      g_assert_cmpfloat(m->accuracy, >=, 0.95f);
      g_assert_cmpfloat(m->val_accuracy, >=, 0.95f);
    }
    nn_job_free(job);
  }
}

static void test_xor_snapshot_has_the_regions(void)
{
  nn_job *job = lesson_job("xor", NN_PRESET_QUICK, -1, 1, NULL);
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *regions = nn_snapshot_find(s, "regions/0");
  g_assert_nonnull(regions);
  g_assert_cmpint(regions->shape[0], ==, 100);
  g_assert_cmpint(regions->shape[2], ==, 1);
  for (size_t i = 0; i < nn_snap_item_numel(regions); i++)
    g_assert_true(regions->data[i] >= 0 && regions->data[i] <= 1);
  g_assert_cmpint(nn_snapshot_find(s, "points")->shape[0], ==, 100);
  g_assert_cmpint(nn_snapshot_find(s, "val_points")->shape[0], ==, 100);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/xor/one-neuron-fails", test_xor_one_neuron_fails_two_and_three_solve_it);
  g_test_add_func("/xor/snapshot", test_xor_snapshot_has_the_regions);
  return g_test_run();
}
