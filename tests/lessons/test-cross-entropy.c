/* Lesson 2: from w = −5, b = −10, binary cross-entropy reaches 100% while MSE from the same
 * start stays stuck on the plateau; each has its own surface and path; the per-sample curves
 * are −log p and (1 − p)². */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_logistic.h"

static void test_cross_entropy_learns_mse_does_not(void)
{
  for (nn_preset preset = NN_PRESET_QUICK; preset <= NN_PRESET_COURSE; preset++) {
    nn_job *job = lesson_run("cross-entropy", preset, -1, 1, NULL);
    g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
    int ce = lesson_variant(job, "cross-entropy"), mse = lesson_variant(job, "mse");
    const nn_epoch_metrics *m_ce = lesson_last_epoch(job, ce);
    const nn_epoch_metrics *m_mse = lesson_last_epoch(job, mse);
    g_test_message("%s after %d epochs: cross-entropy %.3f (loss %.4f), MSE %.3f (loss %.4f); "
                   "%.3f s",
                   preset == NN_PRESET_QUICK ? "quick" : "course", m_ce->epoch, m_ce->accuracy,
                   m_ce->loss, m_mse->accuracy, m_mse->loss, nn_job_seconds(job));
    g_assert_cmpfloat(m_ce->accuracy, ==, 1.0f);
    g_assert_cmpfloat(m_mse->accuracy, <=, 0.70f);
    nn_job_free(job);
  }
}

static void test_each_variant_has_its_surface_and_path(void)
{
  nn_job *job = lesson_run("cross-entropy", NN_PRESET_COURSE, -1, 1, NULL);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_dataset *data = nn_job_train_data(job);
  const int side = NN_LOGISTIC_SURFACE_SIDE;
  const nn_loss_kind kinds[2] = {NN_LOSS_BCE, NN_LOSS_MSE};
  for (int v = 0; v < 2; v++) {
    g_assert_cmpint(nn_job_plan(job, v)->loss, ==, kinds[v]);
    const nn_snap_item *surface = nn_snapshot_findf(s, "surface/%d", v);
    g_assert_nonnull(surface);
    g_assert_cmpint(surface->shape[0], ==, side);
    g_assert_cmpint(surface->shape[1], ==, side);
    for (int k = 0; k < side * side; k++)
      g_assert_true(isfinite(surface->data[k]) && surface->data[k] >= 0);
    /* The node at w = −15, b = 13: the model calls every point class 1 with confidence. */
    int node = (side - 1) * side;
    g_assert_cmpfloat_with_epsilon(surface->data[node],
                                   nn_logistic_loss_at(kinds[v], data, -15, 13), 1e-5);

    const nn_snap_item *path = nn_snapshot_findf(s, "path/%d", v);
    g_assert_nonnull(path);
    g_assert_cmpint(path->shape[1], ==, 2);
    g_assert_cmpint(path->shape[0], ==, 701); /* the start and 700 steps */
    g_assert_cmpfloat(path->data[0], ==, NN_LOGISTIC_BAD_W);
    g_assert_cmpfloat(path->data[1], ==, NN_LOGISTIC_BAD_B);
    const float *end = path->data + 2 * (path->shape[0] - 1);
    g_test_message("%s: from (%.2f, %.2f) to (%.3f, %.3f)", nn_job_plan(job, v)->name,
                   path->data[0], path->data[1], end[0], end[1]);
    g_assert_nonnull(nn_snapshot_findf(s, "curve/%d", v));
  }
  /* Cross-entropy walked far; MSE barely left its start. */
  const float *ce_end = nn_snapshot_find(s, "path/0")->data + 2 * 700;
  const float *mse_end = nn_snapshot_find(s, "path/1")->data + 2 * 700;
  g_assert_cmpfloat(ce_end[0], >, 5.0f);
  g_assert_cmpfloat(fabsf(mse_end[0] - NN_LOGISTIC_BAD_W), <, 0.5f);
  /* The two surfaces are different functions. */
  g_assert_cmpfloat(
      fabsf(nn_snapshot_find(s, "surface/0")->data[0] - nn_snapshot_find(s, "surface/1")->data[0]),
      >, 0.1f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

static void test_per_sample_losses(void)
{
  nn_job *job = lesson_job("cross-entropy", NN_PRESET_QUICK, -1, 1, NULL);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *bce = nn_snapshot_find(s, "per_sample/bce");
  const nn_snap_item *mse = nn_snapshot_find(s, "per_sample/mse");
  g_assert_nonnull(bce);
  g_assert_nonnull(mse);
  int n = bce->shape[0];
  g_assert_cmpint(mse->shape[0], ==, n);
  g_assert_cmpfloat(bce->range[1], ==, 1.0f);
  for (int i = 0; i < n; i++) {
    double p = bce->range[0] + (bce->range[1] - bce->range[0]) * i / (n - 1);
    g_assert_cmpfloat_with_epsilon(bce->data[i], -log(p), 1e-4);
    g_assert_cmpfloat_with_epsilon(mse->data[i], (1 - p) * (1 - p), 1e-5);
  }
  /* Near p = 0 cross-entropy costs far more than the squared error can. */
  g_assert_cmpfloat(bce->data[0], >, 5.0f);
  g_assert_cmpfloat(mse->data[0], <=, 1.0f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cross-entropy/learns", test_cross_entropy_learns_mse_does_not);
  g_test_add_func("/cross-entropy/surfaces", test_each_variant_has_its_surface_and_path);
  g_test_add_func("/cross-entropy/per-sample", test_per_sample_losses);
  return g_test_run();
}
