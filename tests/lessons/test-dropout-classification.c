/* Lesson 13: without dropout the wide net overfits the noisy training points (its validation
 * loss climbs back up, its regions stray from the true boundary); with dropout it generalises
 * better. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_trainer.h"

/* Share of the lattice nodes inside [0, 1]² (where the data lie) at which a region map's
 * class disagrees with the true boundary's side. */
static double disagreement(const nn_snapshot *s, const char *regions)
{
  const nn_snap_item *map = nn_snapshot_find(s, regions);
  const nn_snap_item *truth = nn_snapshot_find(s, "boundary");
  g_assert_nonnull(map);
  g_assert_nonnull(truth);
  int h = map->shape[0], w = map->shape[1];
  long wrong = 0, total = 0;
  for (int r = 0; r < h; r++) {
    float y = map->range[2] + (map->range[3] - map->range[2]) * (float) r / (float) (h - 1);
    for (int c = 0; c < w; c++) {
      float x = map->range[0] + (map->range[1] - map->range[0]) * (float) c / (float) (w - 1);
      if (x < 0 || x > 1 || y < 0 || y > 1)
        continue;
      bool net = map->data[(r * w + c) * 2 + 1] > 0.5f;
      bool true_side = truth->data[r * w + c] > 0;
      wrong += net != true_side;
      total++;
    }
  }
  return (double) wrong / (double) total;
}

static float min_val_loss(nn_job *job, int i)
{
  int n;
  const nn_epoch_metrics *h = nn_job_history(job, i, &n);
  float best = INFINITY;
  for (int e = 0; e < n; e++)
    best = fminf(best, h[e].val_loss);
  return best;
}

/* Both presets' common claims: dropout ends with the better validation accuracy (by `margin`)
 * and loss; the net without it fits its training points better. */
static void check_dropout_wins(nn_job *job, double margin)
{
  int plain = lesson_variant(job, "no-dropout"), drop = lesson_variant(job, "dropout");
  const nn_epoch_metrics *a = lesson_last_epoch(job, plain), *b = lesson_last_epoch(job, drop);
  g_test_message("no dropout: loss %.4f, validation loss %.4f (lowest %.4f), accuracy %.3f",
                 a->loss, a->val_loss, min_val_loss(job, plain), a->val_accuracy);
  g_test_message("dropout:    loss %.4f, validation loss %.4f (lowest %.4f), accuracy %.3f",
                 b->loss, b->val_loss, min_val_loss(job, drop), b->val_accuracy);
  g_assert_cmpfloat(b->val_accuracy, >=, a->val_accuracy + margin);
  g_assert_cmpfloat(b->val_loss, <, a->val_loss);
  g_assert_cmpfloat(a->loss, <, b->loss);
}

static void test_dropout_classification_quick(void)
{
  nn_job *job = lesson_run("dropout-classification", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  check_dropout_wins(job, 0.03);
  /* Overfitting: the validation loss without dropout climbs well above its lowest point. */
  int plain = lesson_variant(job, "no-dropout");
  g_assert_cmpfloat(lesson_last_epoch(job, plain)->val_loss, >, min_val_loss(job, plain) + 0.05);

  /* The jagged boundary: the net without dropout strays from the true one more. */
  nn_snapshot *s = nn_job_snapshot(job);
  double off_plain = disagreement(s, "regions/0"), off_drop = disagreement(s, "regions/1");
  g_test_message("share of [0,1]² on the wrong side of the true boundary: %.3f without, "
                 "%.3f with dropout",
                 off_plain, off_drop);
  g_assert_cmpfloat(off_drop, <, off_plain);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The lab's run (300 neurons, Adam lr 0.01, full batch) shortened from 500 epochs to 200 to
 * keep the test short; dropout is ahead by then already. */
static void test_dropout_classification_course(void)
{
  nn_job *job =
      lesson_run("dropout-classification", NN_PRESET_COURSE, -1, 1, "epochs", 200.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  check_dropout_wins(job, 0.01);
  nn_job_free(job);
}

static void test_dropout_classification_snapshot(void)
{
  nn_job *job = lesson_job("dropout-classification", NN_PRESET_QUICK, -1, 1, NULL);
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  for (int v = 0; v < 2; v++) {
    const nn_snap_item *regions = nn_snapshot_findf(s, "regions/%d", v);
    g_assert_nonnull(regions);
    g_assert_cmpint(regions->ndim, ==, 3);
    g_assert_cmpint(regions->shape[0], ==, 100);
    g_assert_cmpint(regions->shape[1], ==, 100);
    g_assert_cmpint(regions->shape[2], ==, 2);
    for (size_t i = 0; i < nn_snap_item_numel(regions); i++)
      g_assert_true(regions->data[i] >= 0 && regions->data[i] <= 1);
  }
  const nn_snap_item *truth = nn_snapshot_find(s, "boundary");
  g_assert_nonnull(truth);
  g_assert_cmpint(truth->shape[0], ==, 100);
  g_assert_cmpint(truth->shape[1], ==, 100);
  int signs[2] = {0, 0};
  for (size_t i = 0; i < nn_snap_item_numel(truth); i++) {
    g_assert_true(isfinite(truth->data[i]));
    signs[truth->data[i] > 0]++;
  }
  g_assert_cmpint(signs[0], >, 0); /* the true boundary crosses the picture */
  g_assert_cmpint(signs[1], >, 0);
  g_assert_cmpfloat(truth->range[0], ==, nn_snapshot_find(s, "regions/0")->range[0]);
  g_assert_cmpint(nn_snapshot_find(s, "points")->shape[0], ==, 250);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/dropout-classification/quick", test_dropout_classification_quick);
  g_test_add_func("/dropout-classification/course", test_dropout_classification_course);
  g_test_add_func("/dropout-classification/snapshot", test_dropout_classification_snapshot);
  return g_test_run();
}
