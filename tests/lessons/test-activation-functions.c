/* Lesson 9: the curves the page draws are the engine's own activations and their backward
 * passes. They must agree with the closed forms, the slopes with finite differences of the
 * functions, and the slopes must show where gradients vanish. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_trainer.h"

#define N_POINTS 801

static double sigmoid(double x)
{
  return 1.0 / (1.0 + exp(-x));
}

static double relu(double x)
{
  return x > 0 ? x : 0;
}

typedef double (*scalar_fn)(double);

static const struct {
  const char *name;
  scalar_fn f;
} functions[] = {{"sigmoid", sigmoid}, {"tanh", tanh}, {"relu", relu}};

/* Index of the grid point nearest to x on [−10, 10]. */
static int grid_index(double x)
{
  return (int) lround((x + 10.0) / 20.0 * (N_POINTS - 1));
}

static double grid_x(int i)
{
  return -10.0 + 20.0 * i / (N_POINTS - 1);
}

static nn_snapshot *lesson_snapshot(void)
{
  nn_job *job = lesson_job("activation-functions", NN_PRESET_QUICK, -1, 1, NULL);
  /* Nothing to train: the job is complete as soon as it exists. */
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_false(nn_job_step(job));
  nn_snapshot *s = nn_job_snapshot(job);
  nn_job_free(job);
  return s;
}

static const nn_snap_item *item(const nn_snapshot *s, const char *kind, const char *name)
{
  const nn_snap_item *it = nn_snapshot_findf(s, "%s/%s", kind, name);
  g_assert_nonnull(it);
  g_assert_cmpint(it->ndim, ==, 1);
  g_assert_cmpint(it->shape[0], ==, N_POINTS);
  g_assert_cmpfloat(it->range[0], ==, -10.0f);
  g_assert_cmpfloat(it->range[1], ==, 10.0f);
  for (int i = 0; i < N_POINTS; i++)
    g_assert_true(isfinite(it->data[i]));
  return it;
}

static void test_curves_match_the_closed_forms(void)
{
  nn_snapshot *s = lesson_snapshot();
  for (guint k = 0; k < G_N_ELEMENTS(functions); k++) {
    const nn_snap_item *fn = item(s, "fn", functions[k].name);
    for (int i = 0; i < N_POINTS; i++) {
      double x = (float) grid_x(i), want = functions[k].f(x);
      g_assert_cmpfloat(fabs(fn->data[i] - want), <=, 1e-6 + 1e-6 * fabs(want));
    }
  }
  nn_snapshot_unref(s);
}

/* Central differences of the closed forms, in double, at points away from ReLU's kink. */
static void test_slopes_match_finite_differences(void)
{
  static const double xs[] = {-9.5, -6, -3.2, -1, -0.25, 0.35, 1, 2.5, 4, 7.75, 9.9};
  const double h = 1e-5;
  nn_snapshot *s = lesson_snapshot();
  for (guint k = 0; k < G_N_ELEMENTS(functions); k++) {
    const nn_snap_item *grad = item(s, "grad", functions[k].name);
    for (guint j = 0; j < G_N_ELEMENTS(xs); j++) {
      int i = grid_index(xs[j]);
      double x = (float) grid_x(i);
      double fd = (functions[k].f(x + h) - functions[k].f(x - h)) / (2 * h);
      g_assert_cmpfloat(fabs(grad->data[i] - fd), <=, 1e-5 + 1e-4 * fabs(fd));
    }
  }
  nn_snapshot_unref(s);
}

/* What the page says in words: sigmoid's slope is at most 1/4 (at 0) and tanh's 1; both
 * fall below 0.05 far out, where ReLU still has slope 1; ReLU's slope is 0 for every
 * negative x — and at 0 itself, as PyTorch's backward takes it. */
static void test_where_gradients_vanish(void)
{
  nn_snapshot *s = lesson_snapshot();
  const nn_snap_item *ds = item(s, "grad", "sigmoid");
  const nn_snap_item *dt = item(s, "grad", "tanh");
  const nn_snap_item *dr = item(s, "grad", "relu");
  int zero = grid_index(0);
  g_assert_cmpfloat(grid_x(zero), ==, 0.0);
  g_assert_cmpfloat(fabsf(ds->data[zero] - 0.25f), <, 1e-6f);
  g_assert_cmpfloat(fabsf(dt->data[zero] - 1.0f), <, 1e-6f);
  g_assert_cmpfloat(dr->data[zero], ==, 0.0f);
  for (int i = 0; i < N_POINTS; i++) {
    g_assert_cmpfloat(ds->data[i], <=, 0.25f + 1e-6f);
    g_assert_cmpfloat(dt->data[i], <=, 1.0f + 1e-6f);
    g_assert_cmpfloat(dr->data[i], ==, i > zero ? 1.0f : 0.0f);
  }
  int four = grid_index(4);
  g_assert_cmpfloat(ds->data[four], <, 0.05f);
  g_assert_cmpfloat(dt->data[four], <, 0.05f);
  g_assert_cmpfloat(fabsf(ds->data[four] - 0.0177f), <, 1e-4f); /* the page's numbers */
  g_assert_cmpfloat(fabsf(dt->data[four] - 0.00134f), <, 1e-5f);
  nn_snapshot_unref(s);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/activation-functions/closed-forms", test_curves_match_the_closed_forms);
  g_test_add_func("/activation-functions/finite-differences", test_slopes_match_finite_differences);
  g_test_add_func("/activation-functions/vanishing", test_where_gradients_vanish);
  return g_test_run();
}
