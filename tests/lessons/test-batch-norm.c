/* Lesson 19: at Adam's learning rate 0.1 the sigmoid network with batch norm learns MNIST
 * from the first epoch while the plain one barely does, and the inputs of its second layer's
 * sigmoids stay centred and narrow while the plain network's drift far out. */
#include "lesson-test-util.h"

#include <math.h>
#include <stdlib.h>

#include "nn_lesson_util.h"
#include "nn_trainer.h"

/* Mean and standard deviation of the second layer's pre-activations (the input of its second
 * sigmoid: layer 2 without batch norm, 4 with it) over 500 validation digits, evaluation
 * mode, as the page's histogram takes them. */
static void preactivation_spread(nn_job *job, int i, double *mean, double *sd)
{
  bool bn = g_str_equal(nn_job_plan(job, i)->name, "bn");
  nn_model *m = nn_job_model(job, i);
  g_assert_cmpint(nn_model_layer(m, bn ? 4 : 2)->kind, ==, bn ? NN_BATCHNORM1D : NN_LINEAR);
  g_assert_cmpint(nn_model_layer(m, bn ? 5 : 3)->kind, ==, NN_SIGMOID);
  size_t count;
  float *v = nn_lesson_layer_outputs(m, nn_job_val_data(job), 500, bn ? 4 : 2, &count);
  g_assert_nonnull(v);
  g_assert_cmpuint(count, ==, 500 * 100);
  double sum = 0, sum2 = 0;
  for (size_t k = 0; k < count; k++) {
    sum += v[k];
    sum2 += (double) v[k] * v[k];
  }
  *mean = sum / (double) count;
  *sd = sqrt(sum2 / (double) count - *mean * *mean);
  free(v);
}

static void assert_preactivations_centred_and_narrower(nn_job *job)
{
  double plain_mean, plain_sd, bn_mean, bn_sd;
  preactivation_spread(job, lesson_variant(job, "plain"), &plain_mean, &plain_sd);
  preactivation_spread(job, lesson_variant(job, "bn"), &bn_mean, &bn_sd);
  g_test_message("second-layer pre-activations: plain mean %.2f sd %.2f; batch norm mean %.2f "
                 "sd %.2f",
                 plain_mean, plain_sd, bn_mean, bn_sd);
  g_assert_cmpfloat(fabs(bn_mean), <, 0.25 * fabs(plain_mean));
  g_assert_cmpfloat(fabs(bn_mean), <, bn_sd);
  g_assert_cmpfloat(bn_sd, <, 0.8 * plain_sd);
}

/* Quick (batch 200, 40 steps an epoch): batch norm is far ahead after the first epoch. One
 * epoch of the three is enough to show it, and keeps the test short under ASan (whose
 * instrumented matrix products run some twenty times slower). */
static void test_quick_batch_norm_learns_in_the_first_epoch(void)
{
  nn_job *job = lesson_run("batch-norm", NN_PRESET_QUICK, -1, 1, "epochs", 1.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  int n;
  const nn_epoch_metrics *plain = nn_job_history(job, lesson_variant(job, "plain"), &n);
  const nn_epoch_metrics *bn = nn_job_history(job, lesson_variant(job, "bn"), &n);
  g_assert_cmpint(n, ==, 1);
  g_test_message("epoch 1: validation accuracy plain %.3f, batch norm %.3f", plain[0].val_accuracy,
                 bn[0].val_accuracy);
  g_assert_cmpfloat(bn[0].val_accuracy, >=, 0.75f);
  g_assert_cmpfloat(bn[0].val_accuracy, >=, plain[0].val_accuracy + 0.3f);
  g_assert_cmpfloat(bn[0].loss, <, 0.75f * plain[0].loss);
  assert_preactivations_centred_and_narrower(job);
  nn_job_free(job);
}

/* Course (the lab's Adam lr 0.1 and batch 2000), shortened to 2 of its 5 epochs to stay
 * short under ASan. On the bundled 8,000 digits an epoch is only 4 steps — the lab's 60,000
 * make 30 — so the first epoch alone does not decide (over seeds 1–6 batch norm led it in
 * five); after the second it leads clearly (by 0.17 to 0.54 over the same seeds; after the
 * fifth by 0.34 to 0.65, measured with the full run). */
static void test_course_batch_norm_pulls_ahead(void)
{
  nn_job *job = lesson_run("batch-norm", NN_PRESET_COURSE, -1, 1, "epochs", 2.0, NULL);
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 4);
  int n;
  const nn_epoch_metrics *plain = nn_job_history(job, lesson_variant(job, "plain"), &n);
  const nn_epoch_metrics *bn = nn_job_history(job, lesson_variant(job, "bn"), &n);
  g_assert_cmpint(n, ==, 2);
  for (int e = 0; e < n; e++)
    g_test_message("epoch %d: validation accuracy plain %.3f, batch norm %.3f", e + 1,
                   plain[e].val_accuracy, bn[e].val_accuracy);
  g_assert_cmpfloat(bn[1].val_accuracy, >=, plain[1].val_accuracy + 0.1f);
  g_assert_cmpfloat(bn[1].loss, <, plain[1].loss);
  assert_preactivations_centred_and_narrower(job);
  nn_job_free(job);
}

static void test_snapshot_histograms(void)
{
  nn_job *job = lesson_job("batch-norm", NN_PRESET_QUICK, -1, 1, NULL);
  g_assert_cmpstr(nn_job_plan(job, 1)->label, ==, "with batch norm");
  for (int k = 0; k < 5; k++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  const nn_snap_item *h[2] = {nn_snapshot_find(s, "preact/0"), nn_snapshot_find(s, "preact/1")};
  for (int v = 0; v < 2; v++) {
    g_assert_nonnull(h[v]);
    g_assert_cmpint(h[v]->ndim, ==, 1);
    g_assert_cmpint(h[v]->shape[0], ==, 60);
    /* One shared range that shows 0. */
    g_assert_cmpfloat(h[v]->range[0], ==, h[0]->range[0]);
    g_assert_cmpfloat(h[v]->range[1], ==, h[0]->range[1]);
    g_assert_cmpfloat(h[v]->range[0], <, 0.0f);
    g_assert_cmpfloat(h[v]->range[1], >, 0.0f);
    double total = 0;
    for (int b = 0; b < 60; b++) {
      g_assert_true(isfinite(h[v]->data[b]) && h[v]->data[b] >= 0);
      total += h[v]->data[b];
    }
    g_assert_cmpfloat(total, ==, 500.0 * 100.0); /* every value counted once */
    g_assert_cmpint(nn_snapshot_findf(s, "step_loss/%d", v)->shape[0], ==, 5);
  }
  nn_snapshot_unref(s);
  nn_job_free(job);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/batch-norm/quick", test_quick_batch_norm_learns_in_the_first_epoch);
  g_test_add_func("/batch-norm/course", test_course_batch_norm_pulls_ahead);
  g_test_add_func("/batch-norm/snapshot", test_snapshot_histograms);
  return g_test_run();
}
