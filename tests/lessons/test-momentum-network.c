/* Lesson 18: from the same start, with the same batches, more momentum learns the spirals
 * faster — lower loss and higher accuracy after the same number of epochs. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_trainer.h"

static const char *const names[] = {"momentum-0", "momentum-0.1", "momentum-0.2", "momentum-0.4",
                                    "momentum-0.5"};

/* Quick (shuffled batches, 30 epochs): the loss is ordered by momentum after 10 epochs and at
 * the end, and momentum 0.5 ends clearly more accurate on held-out spirals than momentum 0. */
static void test_quick_more_momentum_learns_faster(void)
{
  nn_job *job = lesson_run("momentum-network", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  const int at[] = {10, nn_job_epochs(job)};
  for (int k = 0; k < 2; k++) {
    float previous = INFINITY;
    for (int v = 0; v < 5; v++) {
      int n;
      const nn_epoch_metrics *h = nn_job_history(job, lesson_variant(job, names[v]), &n);
      g_assert_cmpint(n, ==, nn_job_epochs(job));
      const nn_epoch_metrics *m = &h[at[k] - 1];
      g_test_message("epoch %d, %s: loss %.3f, validation accuracy %.3f", at[k], names[v], m->loss,
                     m->val_accuracy);
      g_assert_cmpfloat(m->loss, <, previous);
      previous = m->loss;
    }
  }
  const nn_epoch_metrics *none = lesson_last_epoch(job, lesson_variant(job, "momentum-0"));
  const nn_epoch_metrics *most = lesson_last_epoch(job, lesson_variant(job, "momentum-0.5"));
  g_assert_cmpfloat(most->val_accuracy, >=, none->val_accuracy + 0.02f);
  g_assert_cmpfloat(most->loss, <, 0.75f * none->loss);
  nn_job_free(job);
}

/* Course (the lab's: unshuffled batches of one class each, lr 0.1, 100 epochs): the training
 * is bumpy, but after the 100 epochs momentum 0.5 tells held-out spirals apart far better
 * than momentum 0. */
static void test_course_momentum_half_ends_ahead(void)
{
  nn_job *job = lesson_run("momentum-network", NN_PRESET_COURSE, -1, 1, NULL);
  g_assert_cmpint(nn_job_epoch(job), ==, 100);
  const nn_epoch_metrics *none = lesson_last_epoch(job, lesson_variant(job, "momentum-0"));
  const nn_epoch_metrics *most = lesson_last_epoch(job, lesson_variant(job, "momentum-0.5"));
  g_test_message("course, epoch 100: momentum 0 loss %.3f validation accuracy %.3f; "
                 "momentum 0.5 loss %.3f validation accuracy %.3f",
                 none->loss, none->val_accuracy, most->loss, most->val_accuracy);
  g_assert_cmpfloat(most->val_accuracy, >=, none->val_accuracy + 0.05f);
  g_assert_cmpfloat(most->loss, <, none->loss);
  nn_job_free(job);
}

static void test_snapshot_has_five_region_maps(void)
{
  nn_job *job = lesson_job("momentum-network", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_n_variants(job), ==, 5);
  g_assert_cmpfloat(nn_job_plan(job, 3)->optim.momentum, ==, 0.4f);
  g_assert_cmpstr(nn_job_plan(job, 3)->label, ==, "momentum 0.4");
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  for (int v = 0; v < 5; v++) {
    const nn_snap_item *r = nn_snapshot_findf(s, "regions/%d", v);
    g_assert_nonnull(r);
    g_assert_cmpint(r->ndim, ==, 3);
    g_assert_cmpint(r->shape[0], ==, 64);
    g_assert_cmpint(r->shape[1], ==, 64);
    g_assert_cmpint(r->shape[2], ==, 3);
    for (int i = 0; i < 64 * 64; i++) {
      const float *p = r->data + 3 * i;
      g_assert_true(isfinite(p[0]) && isfinite(p[1]) && isfinite(p[2]));
      g_assert_cmpfloat(fabsf(p[0] + p[1] + p[2] - 1.0f), <, 1e-5f);
    }
  }
  const nn_snap_item *points = nn_snapshot_find(s, "points");
  g_assert_cmpint(points->shape[0], ==, 1500);
  g_assert_cmpint(points->shape[1], ==, 3);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/momentum-network/quick", test_quick_more_momentum_learns_faster);
  g_test_add_func("/momentum-network/course", test_course_momentum_half_ends_ahead);
  g_test_add_func("/momentum-network/snapshot", test_snapshot_has_five_region_maps);
  return g_test_run();
}
