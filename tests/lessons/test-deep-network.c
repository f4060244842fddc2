/* Lesson 11: with two or more hidden layers the sigmoid network hardly learns at a learning
 * rate where the tanh and ReLU ones do, and its histograms show why: its neurons stay bunched
 * around 0.5, and with four layers its first layer does not move at all, while tanh's and
 * ReLU's spread out. The histograms follow the Layers slider. */
#include "lesson-test-util.h"

#include <math.h>

#include "nn_lesson_util.h"
#include "nn_trainer.h"

#define HIST_BINS    30
#define HIST_SAMPLES 200

static void test_course_is_the_lab(void)
{
  const nn_lesson *l = nn_lesson_find("deep-network");
  g_assert_nonnull(l);
  g_assert_cmpint(l->chapter, ==, 2);
  double v[NN_MAX_PARAMS];
  nn_lesson_preset(l, NN_PRESET_COURSE, v);
  g_assert_cmpfloat(nn_param_value(l, v, "layers"), ==, 2);
  g_assert_cmpfloat(nn_param_value(l, v, "hidden"), ==, 50);
  g_assert_cmpfloat(nn_param_value(l, v, "lr"), ==, 0.01);
  g_assert_cmpfloat(nn_param_value(l, v, "batch_size"), ==, 2000);
  g_assert_cmpfloat(nn_param_value(l, v, "epochs"), ==, 10);
  nn_job *job = lesson_job("deep-network", NN_PRESET_COURSE, -1, 1, NULL);
  lesson_assert_activation_variants(job, 2, 50);
  nn_job_free(job);
}

/* Mean and standard deviation of the values a histogram counts, from its bin centres. */
static void histogram_spread(const nn_snap_item *h, double *mean, double *sd)
{
  int bins = h->shape[0];
  double total = 0, sum = 0, sq = 0;
  for (int b = 0; b < bins; b++) {
    double centre = h->range[0] + (h->range[1] - h->range[0]) * (b + 0.5) / bins;
    total += h->data[b];
    sum += centre * h->data[b];
    sq += centre * centre * h->data[b];
  }
  *mean = sum / total;
  *sd = sqrt(fmax(sq / total - *mean * *mean, 0));
}

/* Quick (2 layers of 50, batches of 100 at lr 0.1) shortened to 4 of its 8 epochs: tanh and
 * ReLU pass 85% while sigmoid is still on its plateau, its last hidden layer's outputs bunched
 * around 0.5. Measured over seeds 1–8: sigmoid 9–24% (loss above 2.27), tanh and ReLU 87.5–90%;
 * sigmoid's second layer had a spread of 0.066 to 0.083 around a mean within 0.02 of 0.5,
 * tanh's 0.607 to 0.623. */
static void test_quick_sigmoid_stalls(void)
{
  nn_job *job = lesson_run("deep-network", NN_PRESET_QUICK, -1, 1, "epochs", 4.0, NULL);
  g_assert_cmpint(nn_job_get_status(job), ==, NN_JOB_FINISHED);
  int sig = lesson_variant(job, "sigmoid"), tanh_ = lesson_variant(job, "tanh");
  int relu = lesson_variant(job, "relu");
  const nn_epoch_metrics *m[3] = {lesson_last_epoch(job, sig), lesson_last_epoch(job, tanh_),
                                  lesson_last_epoch(job, relu)};
  g_test_message("validation accuracy sigmoid %.3f, tanh %.3f, relu %.3f; loss %.3f, %.3f, %.3f",
                 m[0]->val_accuracy, m[1]->val_accuracy, m[2]->val_accuracy, m[0]->loss,
                 m[1]->loss, m[2]->loss);
  g_assert_cmpfloat(m[0]->loss, >, 2.0f);
  g_assert_cmpfloat(m[0]->val_accuracy, <, 0.5f);
  g_assert_cmpfloat(m[1]->val_accuracy, >=, 0.85f);
  g_assert_cmpfloat(m[2]->val_accuracy, >=, 0.85f);
  nn_snapshot *s = nn_job_snapshot(job);
  double sig_mean, sig_sd, tanh_mean, tanh_sd;
  histogram_spread(nn_snapshot_findf(s, "act/%d/1", sig), &sig_mean, &sig_sd);
  histogram_spread(nn_snapshot_findf(s, "act/%d/1", tanh_), &tanh_mean, &tanh_sd);
  g_test_message("second hidden layer: sigmoid mean %.3f sd %.3f, tanh mean %.3f sd %.3f",
                 sig_mean, sig_sd, tanh_mean, tanh_sd);
  g_assert_cmpfloat(fabs(sig_mean - 0.5), <, 0.05);
  g_assert_cmpfloat(sig_sd, <, 0.12);
  g_assert_cmpfloat(tanh_sd, >, 0.4);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

/* The share of the values that moved to another bin between two histograms of as many
 * values (half the sum of the bins' differences). */
static double histogram_change(const nn_snap_item *a, const nn_snap_item *b)
{
  g_assert_cmpint(a->shape[0], ==, b->shape[0]);
  g_assert_cmpfloat(a->range[0], ==, b->range[0]);
  g_assert_cmpfloat(a->range[1], ==, b->range[1]);
  double moved = 0, total = 0;
  for (int k = 0; k < a->shape[0]; k++) {
    moved += fabs(a->data[k] - b->data[k]);
    total += a->data[k];
  }
  return moved / (2 * total);
}

/* Four layers, two Quick epochs (160 steps): the sigmoid network's first layer receives
 * almost no error (four sigmoid slopes of at most 1/4 lie between it and the loss), so its
 * histogram stays where it started, while tanh's first layer is reshaped (seeds 1–8: sigmoid
 * 0.1–0.2% of the values changed bin, tanh 42–49%). */
static void test_deep_sigmoid_first_layer_does_not_move(void)
{
  nn_job *job = lesson_job("deep-network", NN_PRESET_QUICK, -1, 1, "layers", 4.0, "epochs", 2.0,
                           NULL);
  int sig = lesson_variant(job, "sigmoid"), tanh_ = lesson_variant(job, "tanh");
  nn_snapshot *start = nn_job_snapshot(job);
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_FINISHED);
  nn_snapshot *end = nn_job_snapshot(job);
  double sig_moved = histogram_change(nn_snapshot_findf(start, "act/%d/0", sig),
                                      nn_snapshot_findf(end, "act/%d/0", sig));
  double tanh_moved = histogram_change(nn_snapshot_findf(start, "act/%d/0", tanh_),
                                       nn_snapshot_findf(end, "act/%d/0", tanh_));
  g_test_message("first hidden layer, share of values that changed bin: sigmoid %.3f, tanh %.3f",
                 sig_moved, tanh_moved);
  g_assert_cmpfloat(sig_moved, <, 0.05);
  g_assert_cmpfloat(tanh_moved, >, 0.3);
  nn_snapshot_unref(end);
  nn_snapshot_unref(start);
  nn_job_free(job);
}

/* One histogram per hidden layer and activation, as many as the Layers slider says, each
 * counting every neuron of its layer for HIST_SAMPLES digits, on the activation's range. */
static void test_histograms_follow_the_layers(void)
{
  for (int layers = 1; layers <= 5; layers += 2) {
    nn_job *job = lesson_job("deep-network", NN_PRESET_QUICK, -1, 1, "layers", (double) layers,
                             "hidden", 20.0, NULL);
    nn_job_step(job);
    nn_snapshot *s = nn_job_snapshot(job);
    for (int v = 0; v < 3; v++) {
      const char *name = nn_job_plan(job, v)->name;
      for (int k = 0; k < layers; k++) {
        const nn_snap_item *h = nn_snapshot_findf(s, "act/%d/%d", v, k);
        g_assert_nonnull(h);
        g_assert_cmpint(h->ndim, ==, 1);
        g_assert_cmpint(h->shape[0], ==, HIST_BINS);
        double total = 0;
        for (int b = 0; b < HIST_BINS; b++) {
          g_assert_true(isfinite(h->data[b]) && h->data[b] >= 0);
          total += h->data[b];
        }
        g_assert_cmpfloat(total, ==, HIST_SAMPLES * 20.0);
        g_assert_cmpfloat(h->range[0], ==, g_str_equal(name, "tanh") ? -1 : 0);
        if (g_str_equal(name, "relu"))
          g_assert_cmpfloat(h->range[1], >, 0);
        else
          g_assert_cmpfloat(h->range[1], ==, 1);
        /* Every layer of a network on the same range, so the panels compare. */
        g_assert_cmpfloat(h->range[1], ==, nn_snapshot_findf(s, "act/%d/0", v)->range[1]);
      }
      g_assert_null(nn_snapshot_findf(s, "act/%d/%d", v, layers));
    }
    nn_snapshot_unref(s);
    nn_job_free(job);
  }
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/deep-network/course-is-the-lab", test_course_is_the_lab);
  g_test_add_func("/deep-network/quick", test_quick_sigmoid_stalls);
  g_test_add_func("/deep-network/deep-sigmoid", test_deep_sigmoid_first_layer_does_not_move);
  g_test_add_func("/deep-network/histograms", test_histograms_follow_the_layers);
  return g_test_run();
}
