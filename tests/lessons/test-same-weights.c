/* Lesson 15: two hidden neurons that start equal stay equal, bit for bit, at every step, so the
 * network cannot make the bump; from a random start they part and it can. */
#include "lesson-test-util.h"

#include <string.h>

#include "nn_trainer.h"

/* Neuron 0's parameters (input weight, bias, output weight) against neuron 1's, bit for bit. */
static bool neurons_equal(nn_model *m)
{
  const float *w = nn_model_weight(m, 0)->value.data, *b = nn_model_bias(m, 0)->value.data;
  const float *v = nn_model_weight(m, 2)->value.data;
  return memcmp(&w[0], &w[1], sizeof(float)) == 0 && memcmp(&b[0], &b[1], sizeof(float)) == 0 &&
         memcmp(&v[0], &v[1], sizeof(float)) == 0;
}

static bool path_rows_equal(const nn_snap_item *path, int row)
{
  const float *r = path->data + (size_t) row * 7;
  return memcmp(&r[1], &r[2], sizeof(float)) == 0 && memcmp(&r[3], &r[4], sizeof(float)) == 0 &&
         memcmp(&r[5], &r[6], sizeof(float)) == 0;
}

/* Steps the lab's run by hand, checking the models after every single step. */
static void test_same_weights_stay_equal_at_every_step(void)
{
  nn_job *job = lesson_job("same-weights", NN_PRESET_COURSE, -1, 1, NULL);
  int equal = lesson_variant(job, "equal"), random = lesson_variant(job, "random");
  g_assert_true(neurons_equal(nn_job_model(job, equal)));
  g_assert_cmpfloat(nn_model_weight(nn_job_model(job, equal), 0)->value.data[0], ==, 1.0f);
  g_assert_cmpfloat(nn_model_bias(nn_job_model(job, equal), 0)->value.data[0], ==, 0.0f);
  long parted = 0;
  while (nn_job_get_status(job) == NN_JOB_RUNNING) {
    nn_job_step(job);
    g_assert_true(neurons_equal(nn_job_model(job, equal)));
    parted += !neurons_equal(nn_job_model(job, random));
  }
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_step_count(job), ==, 40 * 1000);
  g_assert_cmpint(parted, ==, nn_job_step_count(job));

  /* The lesson's own record of the path says the same, and it moved. */
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *path = nn_snapshot_findf(s, "path/%d", equal);
  const nn_snap_item *other = nn_snapshot_findf(s, "path/%d", random);
  g_assert_nonnull(path);
  g_assert_nonnull(other);
  g_assert_cmpint(path->shape[1], ==, 7);
  g_assert_cmpint(path->shape[0], >, 1000);
  g_assert_cmpint(path->shape[0], <=, 2048);
  g_assert_cmpint(other->shape[0], ==, path->shape[0]);
  for (int r = 0; r < path->shape[0]; r++) {
    g_assert_true(path_rows_equal(path, r));
    g_assert_false(path_rows_equal(other, r));
    if (r > 0)
      g_assert_cmpfloat(path->data[r * 7], >, path->data[(r - 1) * 7]); /* steps ascend */
  }
  g_assert_cmpfloat(path->data[0], ==, 0);
  g_assert_cmpfloat(path->data[(path->shape[0] - 1) * 7], ==, 40000);
  g_assert_cmpfloat(path->data[(path->shape[0] - 1) * 7 + 1], !=, 1.0f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* Equal neurons are one neuron: a single sigmoid of x cannot rise and fall again, so the best
 * it does is to call everything class 0 (33 of 40). The random start learns the bump. */
static void test_same_weights_equal_start_cannot_fit(void)
{
  for (int preset = NN_PRESET_QUICK; preset <= NN_PRESET_COURSE; preset++) {
    nn_job *job = lesson_run("same-weights", (nn_preset) preset, -1, 1, NULL);
    const nn_epoch_metrics *eq = lesson_last_epoch(job, lesson_variant(job, "equal"));
    const nn_epoch_metrics *rnd = lesson_last_epoch(job, lesson_variant(job, "random"));
    g_test_message("%s: equal start loss %.4f accuracy %.3f; random start loss %.4f accuracy %.3f",
                   preset == NN_PRESET_QUICK ? "quick" : "course", eq->loss, eq->accuracy,
                   rnd->loss, rnd->accuracy);
    g_assert_cmpfloat(eq->accuracy, <=, 33.0f / 40.0f + 1e-6f);
    g_assert_cmpfloat(rnd->accuracy, ==, 1.0f);
    g_assert_cmpfloat(rnd->loss, <, eq->loss / 10);
    nn_job_free(job);
  }
}

static void test_same_weights_snapshot(void)
{
  nn_job *job = lesson_job("same-weights", NN_PRESET_QUICK, -1, 1, NULL);
  nn_snapshot *s = nn_job_snapshot(job);
  for (int v = 0; v < 2; v++) {
    const nn_snap_item *path = nn_snapshot_findf(s, "path/%d", v);
    g_assert_nonnull(path);
    g_assert_cmpint(path->shape[0], ==, 1); /* the start */
    const nn_snap_item *curve = nn_snapshot_findf(s, "curve/%d", v);
    g_assert_nonnull(curve);
    g_assert_cmpint(curve->shape[0], ==, 200);
    g_assert_cmpfloat(curve->range[0], ==, -20);
    for (size_t i = 0; i < nn_snap_item_numel(curve); i++)
      g_assert_true(curve->data[i] >= 0 && curve->data[i] <= 1);
  }
  g_assert_cmpint(nn_snapshot_find(s, "points")->shape[0], ==, 40);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/same-weights/stay-equal", test_same_weights_stay_equal_at_every_step);
  g_test_add_func("/same-weights/cannot-fit", test_same_weights_equal_start_cannot_fit);
  g_test_add_func("/same-weights/snapshot", test_same_weights_snapshot);
  return g_test_run();
}
