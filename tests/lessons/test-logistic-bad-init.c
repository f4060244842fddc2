/* Lesson 1: from w = −5, b = −10 an MSE-trained sigmoid neuron is stuck on the plateau (it
 * calls everything class 0: 65%), while cross-entropy from the same start, or MSE from a
 * random start, learns the threshold. Also: the loss surface is the chosen loss on the data,
 * and the path starts at the start and stays bounded. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_logistic.h"

/* Choice indices of the "loss" and "start" parameters. */
static const double MSE = 0, CROSS_ENTROPY = 1, RANDOM = 1;

static const nn_snap_item *find_item(const nn_snapshot *s, const char *name, int ndim)
{
  const nn_snap_item *it = nn_snapshot_find(s, name);
  g_assert_nonnull(it);
  g_assert_cmpint(it->ndim, ==, ndim);
  for (size_t k = 0; k < nn_snap_item_numel(it); k++)
    g_assert_true(isfinite(it->data[k]));
  return it;
}

static void test_mse_from_the_bad_start_stalls(void)
{
  for (nn_preset preset = NN_PRESET_QUICK; preset <= NN_PRESET_COURSE; preset++) {
    nn_job *job = lesson_run("logistic-bad-init", preset, 0, 1, NULL);
    g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
    const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
    nn_model *model = nn_job_model(job, 0);
    float w = nn_model_weight(model, 0)->value.data[0], b = nn_model_bias(model, 0)->value.data[0];
    g_test_message("%s, MSE from the bad start: accuracy %.3f after %d epochs, (w, b) = (%.3f, "
                   "%.3f), %.3f s",
                   preset == NN_PRESET_QUICK ? "quick" : "course", m->accuracy, m->epoch, w, b,
                   m->seconds);
    /* At least 30% still wrong: the 7 positives are all called 0. */
    g_assert_cmpfloat(m->accuracy, <=, 0.70f);
    /* It barely moved: the gradient vanishes on the plateau. */
    g_assert_cmpfloat(fabsf(w - NN_LOGISTIC_BAD_W), <, 0.5f);
    g_assert_cmpfloat(fabsf(b - NN_LOGISTIC_BAD_B), <, 0.5f);
    nn_job_free(job);
  }
}

static void test_cross_entropy_from_the_bad_start_learns(void)
{
  nn_job *job =
      lesson_run("logistic-bad-init", NN_PRESET_COURSE, 0, 1, "loss", CROSS_ENTROPY, NULL);
  const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
  g_test_message("course, cross-entropy from the bad start: accuracy %.3f, loss %.4f", m->accuracy,
                 m->loss);
  g_assert_cmpfloat(m->accuracy, ==, 1.0f);
  nn_job_free(job);
}

static void test_random_start_learns_with_mse(void)
{
  for (uint64_t seed = 1; seed <= 8; seed++) {
    nn_job *job = lesson_run("logistic-bad-init", NN_PRESET_COURSE, 0, seed, "start", RANDOM,
                             "loss", MSE, NULL);
    const nn_epoch_metrics *m = lesson_last_epoch(job, 0);
    g_test_message("course, MSE from a random start, seed %d: accuracy %.3f", (int) seed,
                   m->accuracy);
    g_assert_cmpfloat(m->accuracy, >=, 0.90f);
    nn_job_free(job);
  }
}

/* The surface is the chosen loss: its nodes agree with nn_logistic_loss_at, and that agrees
 * with the loss training computes in float32 at the start (one full-batch step). */
static void check_surface(double loss_choice, nn_loss_kind kind)
{
  nn_job *job = lesson_job("logistic-bad-init", NN_PRESET_COURSE, 0, 1, "loss", loss_choice,
                           "batch_size", 0.0, NULL);
  nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_dataset *data = nn_job_train_data(job);

  float first = nn_snapshot_find(s, "step_loss/0")->data[0];
  double at_start = nn_logistic_loss_at(kind, data, NN_LOGISTIC_BAD_W, NN_LOGISTIC_BAD_B);
  g_test_message("loss at the start: training %.6g, surface function %.6g", first, at_start);
  g_assert_cmpfloat(fabs(first - at_start), <=, 1e-5 * fmax(1.0, at_start));

  const nn_snap_item *surface = find_item(s, "surface/0", 2);
  const int side = NN_LOGISTIC_SURFACE_SIDE;
  g_assert_cmpint(surface->shape[0], ==, side);
  g_assert_cmpint(surface->shape[1], ==, side);
  g_assert_cmpfloat(surface->range[0], ==, NN_LOGISTIC_W_MIN);
  g_assert_cmpfloat(surface->range[3], ==, NN_LOGISTIC_B_MAX);
  int nodes[][2] = {{0, 0}, {side - 1, side - 1}, {17, 42}, {side / 2, 3}};
  for (size_t k = 0; k < G_N_ELEMENTS(nodes); k++) {
    int r = nodes[k][0], c = nodes[k][1];
    double w = NN_LOGISTIC_W_MIN + (NN_LOGISTIC_W_MAX - NN_LOGISTIC_W_MIN) * c / (side - 1);
    double b = NN_LOGISTIC_B_MIN + (NN_LOGISTIC_B_MAX - NN_LOGISTIC_B_MIN) * r / (side - 1);
    g_assert_cmpfloat_with_epsilon(surface->data[r * side + c],
                                   nn_logistic_loss_at(kind, data, w, b), 1e-5);
  }
  nn_snapshot_unref(s);
  nn_job_free(job);
}

static void test_surface_is_the_chosen_loss(void)
{
  check_surface(MSE, NN_LOSS_MSE);
  check_surface(CROSS_ENTROPY, NN_LOSS_BCE);
}

static void test_snapshot_items_and_the_path(void)
{
  /* 1000 epochs of 7 steps: the path has to be thinned to stay bounded. */
  nn_job *job = lesson_run("logistic-bad-init", NN_PRESET_COURSE, 0, 1, "loss", CROSS_ENTROPY,
                           "epochs", 1000.0, NULL);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *path = find_item(s, "path/0", 2);
  g_assert_cmpint(path->shape[1], ==, 2);
  g_assert_cmpint(path->shape[0], >, 100);
  g_assert_cmpint(path->shape[0], <=, 2049);
  g_assert_cmpfloat(path->data[0], ==, NN_LOGISTIC_BAD_W);
  g_assert_cmpfloat(path->data[1], ==, NN_LOGISTIC_BAD_B);
  nn_model *m = nn_job_model(job, 0);
  int last = path->shape[0] - 1;
  g_assert_cmpfloat(path->data[2 * last], ==, nn_model_weight(m, 0)->value.data[0]);
  g_assert_cmpfloat(path->data[2 * last + 1], ==, nn_model_bias(m, 0)->value.data[0]);
  g_test_message("path: %d points over %ld steps", path->shape[0], nn_job_step_count(job));

  const nn_snap_item *curve = find_item(s, "curve/0", 2);
  g_assert_cmpint(curve->shape[0], ==, 121);
  g_assert_cmpint(curve->shape[1], ==, 1);
  for (int k = 0; k < curve->shape[0]; k++)
    g_assert_true(curve->data[k] >= 0 && curve->data[k] <= 1);
  /* Trained: below the threshold p < 0.5, above it p > 0.5 (x = −1.2 and 1.2 at the ends). */
  g_assert_cmpfloat(curve->data[0], <, 0.5f);
  g_assert_cmpfloat(curve->data[120], >, 0.5f);

  const nn_snap_item *points = find_item(s, "points", 2);
  g_assert_cmpint(points->shape[0], ==, 20);
  g_assert_cmpint(points->shape[1], ==, 3);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/logistic-bad-init/mse-stalls", test_mse_from_the_bad_start_stalls);
  g_test_add_func("/logistic-bad-init/cross-entropy-learns",
                  test_cross_entropy_from_the_bad_start_learns);
  g_test_add_func("/logistic-bad-init/random-start-learns", test_random_start_learns_with_mse);
  g_test_add_func("/logistic-bad-init/surface", test_surface_is_the_chosen_loss);
  g_test_add_func("/logistic-bad-init/snapshot", test_snapshot_items_and_the_path);
  return g_test_run();
}
