/* Lesson 17: plain gradient descent stops where the slope vanishes — at the cubic's saddle,
 * in the quartic's local minimum — while momentum 0.9 rolls past both. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_synth.h"
#include "nn_trainer.h"

/* The last w of variant i, from the snapshot the page draws. */
static float final_w(nn_job *job, int i, nn_snapshot **snap)
{
  *snap = nn_job_snapshot(job);
  const nn_snap_item *w = nn_snapshot_findf(*snap, "w/%d", i);
  g_assert_nonnull(w);
  return w->data[w->shape[0] - 1];
}

static void test_quartic_plain_stays_local_momentum_finds_global(void)
{
  nn_job *job = lesson_run("momentum-polynomial", NN_PRESET_COURSE, -1, 1, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_epoch(job), ==, 100);
  int plain = lesson_variant(job, "plain"), momentum = lesson_variant(job, "momentum");
  g_assert_cmpstr(nn_job_plan(job, momentum)->label, ==, "momentum 0.9");
  nn_snapshot *s;
  float w_plain = final_w(job, plain, &s);
  nn_snapshot_unref(s);
  float w_momentum = final_w(job, momentum, &s);
  nn_snapshot_unref(s);
  g_test_message("quartic after 100 steps: plain w = %.4f, momentum 0.9 w = %.4f", w_plain,
                 w_momentum);
  /* The local minimum is at w = 4 exactly (f'(4) = 0), the global one near −1.99. */
  g_assert_cmpfloat(fabsf(w_plain - 4.0f), <, 0.05f);
  g_assert_cmpfloat(fabsf(w_momentum + 2.0f), <, 0.1f);
  const nn_epoch_metrics *m_plain = lesson_last_epoch(job, plain);
  const nn_epoch_metrics *m_momentum = lesson_last_epoch(job, momentum);
  g_assert_cmpfloat(m_momentum->loss, <, m_plain->loss - 100.0f);
  g_assert_cmpfloat(m_plain->loss, ==, nn_poly_quartic(w_plain));
  nn_job_free(job);
}

static void test_cubic_plain_stalls_before_the_saddle_momentum_passes(void)
{
  nn_job *job = lesson_run("momentum-polynomial", NN_PRESET_COURSE, -1, 1, "polynomial", 0.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_epoch(job), ==, 10);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *plain = nn_snapshot_findf(s, "w/%d", lesson_variant(job, "plain"));
  const nn_snap_item *momentum = nn_snapshot_findf(s, "w/%d", lesson_variant(job, "momentum"));
  g_assert_cmpint(plain->shape[0], ==, 11);
  g_assert_cmpint(momentum->shape[0], ==, 11);
  g_test_message("cubic after 10 steps: plain w = %.4f, momentum 0.9 w = %.4f", plain->data[10],
                 momentum->data[10]);
  /* Plain descent slows down as the slope 3w² flattens: every step shorter than the one
   * before, and it never reaches 0. */
  for (int k = 1; k <= 10; k++) {
    g_assert_cmpfloat(plain->data[k], >, 0.0f);
    if (k >= 2)
      g_assert_cmpfloat(plain->data[k - 1] - plain->data[k], <,
                        plain->data[k - 2] - plain->data[k - 1]);
  }
  /* Momentum carries the ball through the flat point and beyond. */
  g_assert_cmpfloat(momentum->data[10], <, -1.0f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The path is torch.optim.SGD's: w = 6, lr 0.001, momentum 0.9, the first three steps as
 * torch 1.13 prints them (w = torch.tensor([6.], requires_grad=True), SGD([w], lr=0.001,
 * momentum=0.9), loss.backward(), step()). Autograd sums the polynomial's terms in another
 * order than nn_poly_quartic_grad, so the last bits may differ. */
static void test_path_is_torch_sgd(void)
{
  static const float torch_w[] = {6.0f, 5.40799999f, 4.53867149f, 3.66713119f};
  nn_job *job = lesson_job("momentum-polynomial", NN_PRESET_COURSE, 1, 1, NULL);
  for (int k = 0; k < 3; k++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *w = nn_snapshot_find(s, "w/0");
  g_assert_cmpint(w->shape[0], ==, 4);
  for (int k = 0; k < 4; k++)
    g_assert_cmpfloat_with_epsilon(w->data[k], torch_w[k], 2e-6f);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* Noise goes into the gradient: the path changes (the lab's constant added to the loss would
 * not change it); the same seed repeats it, and a ball alone (--variant) feels the same draws
 * as beside the other, since both share one draw a step. */
static void test_gradient_noise(void)
{
  float ends[3];
  for (int k = 0; k < 3; k++) {
    nn_job *job = lesson_run("momentum-polynomial", NN_PRESET_QUICK, k == 1 ? 0 : -1,
                             k == 2 ? 2 : 1, "noise", 50.0, NULL);
    nn_snapshot *s;
    ends[k] = final_w(job, lesson_variant(job, "plain"), &s);
    nn_snapshot_unref(s);
    nn_job_free(job);
  }
  nn_job *clean = lesson_run("momentum-polynomial", NN_PRESET_QUICK, -1, 1, NULL);
  nn_snapshot *s;
  float clean_end = final_w(clean, 0, &s);
  nn_snapshot_unref(s);
  nn_job_free(clean);
  g_test_message("plain w with noise 50: %.5f (seed 1), %.5f (seed 1, alone), %.5f (seed 2); "
                 "without noise %.5f",
                 ends[0], ends[1], ends[2], clean_end);
  g_assert_cmpfloat(ends[0], ==, ends[1]);
  g_assert_cmpfloat(ends[0], !=, ends[2]);
  g_assert_cmpfloat(ends[0], !=, clean_end);
}

static void test_snapshot_shapes_and_progress(void)
{
  nn_job *job = lesson_job("momentum-polynomial", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpint(nn_job_epochs(job), ==, 100);
  g_assert_cmpint(nn_job_steps_total(job), ==, 100);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *f = nn_snapshot_find(s, "function");
  g_assert_nonnull(f);
  g_assert_cmpint(f->ndim, ==, 1);
  g_assert_cmpfloat(f->range[0], <, -2.0f);
  g_assert_cmpfloat(f->range[1], >, 6.0f);
  for (size_t i = 0; i < nn_snap_item_numel(f); i++)
    g_assert_true(isfinite(f->data[i]));
  g_assert_cmpint(nn_snapshot_find(s, "w/1")->shape[0], ==, 1);
  g_assert_cmpstr(s->variants[0].label, ==, "momentum 0");
  nn_snapshot_unref(s);

  g_assert_false(nn_job_step(job) == false); /* one step is one epoch */
  s = nn_job_snapshot(job);
  g_assert_cmpint(s->epoch, ==, 1);
  g_assert_cmpint(s->step, ==, 1);
  g_assert_cmpint(nn_snapshot_find(s, "w/0")->shape[0], ==, 2);
  g_assert_cmpint(nn_snapshot_find(s, "path_loss/1")->shape[0], ==, 2);
  g_assert_cmpint(nn_snapshot_find(s, "train_loss/0")->shape[0], ==, 1);
  g_assert_true(isfinite(s->variants[1].loss));
  g_assert_true(isnan(s->variants[1].accuracy));
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/momentum-polynomial/quartic",
                  test_quartic_plain_stays_local_momentum_finds_global);
  g_test_add_func("/momentum-polynomial/cubic",
                  test_cubic_plain_stalls_before_the_saddle_momentum_passes);
  g_test_add_func("/momentum-polynomial/torch-sgd", test_path_is_torch_sgd);
  g_test_add_func("/momentum-polynomial/noise", test_gradient_noise);
  g_test_add_func("/momentum-polynomial/snapshot", test_snapshot_shapes_and_progress);
  return g_test_run();
}
