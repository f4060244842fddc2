/* The trainer on a small lesson declared here: batches, metrics, determinism, cancellation,
 * divergence, step limits and snapshots. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_init.h"
#include "nn_loss.h"
#include "nn_optim.h"
#include "nn_trainer.h"
#include "toy-lesson.h"

static nn_job *toy_job(uint64_t seed, int variant, double lr, double batch, double shuffle,
                       long max_steps)
{
  nn_job_config c = {.lesson = &toy_lesson, .seed = seed, .variant = variant, .max_steps = max_steps};
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, c.params);
  c.params[P_LR] = lr;
  c.params[P_BATCH] = batch;
  c.params[P_SHUFFLE] = shuffle;
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&c, &err);
  if (!job)
    g_error("nn_job_new: %s", err.message);
  return job;
}

static void test_trainer_epochs_batches_and_metrics(void)
{
  nn_job *job = toy_job(3, -1, 0.1, 7, 1, 0);
  g_assert_cmpint(nn_job_n_variants(job), ==, 2);
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 8); /* ceil(50 / 7): the last batch has 1 */
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_epoch(job), ==, 5);
  g_assert_cmpint(nn_job_step_count(job), ==, 40);
  for (int v = 0; v < 2; v++) {
    int n;
    const nn_epoch_metrics *h = nn_job_history(job, v, &n);
    g_assert_cmpint(n, ==, 5);
    for (int e = 0; e < n; e++) {
      g_assert_cmpint(h[e].epoch, ==, e + 1);
      g_assert_cmpint(h[e].step, ==, 8 * (e + 1));
      g_assert_true(isfinite(h[e].loss) && isfinite(h[e].val_loss));
      g_assert_cmpfloat(h[e].accuracy, >=, 0.0f);
      g_assert_cmpfloat(h[e].accuracy, <=, 1.0f);
    }
    /* Separable blobs: both models learn them. */
    g_assert_cmpfloat(h[n - 1].loss, <, h[0].loss);
    g_assert_cmpfloat(h[n - 1].val_accuracy, >=, 0.9f);
  }
  nn_job_free(job);
}

/* The trainer's semantics, re-derived by hand: data-order batches of a DataLoader with
 * drop_last=False, mean loss, backward, SGD step. Weights must agree to the bit. */
static void test_trainer_matches_a_hand_written_loop(void)
{
  nn_job *job = toy_job(5, 0, 0.05, 7, 0, 0);
  nn_job_run(job, NULL, NULL);

  nn_dataset train = {0}, val = {0};
  nn_error err = {{0}};
  double params[N_P];
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, params);
  params[P_LR] = 0.05;
  g_assert_true(toy_data(params, 5, NULL, &train, &val, &err));
  nn_variant_plan plan = {0};
  toy_plan(params, 0, &plan, &err);
  nn_model *m = nn_model_new(1, (int[]){2}, plan.layers, plan.n_layers, &err);
  nn_rng rng;
  nn_rng_seed(&rng, 5, NN_STREAM_INIT);
  nn_init_model(m, NN_INIT_DEFAULT, 0, &rng);
  g_assert_true(nn_model_reserve(m, 7, &err));
  nn_model_set_training(m, true);
  nn_optim opt;
  g_assert_true(nn_optim_init(&opt, &plan.optim, nn_model_n_values(m), &err));
  float dout[7 * 2];
  for (int epoch = 0; epoch < 5; epoch++) {
    for (int first = 0; first < TOY_N; first += 7) {
      int count = MIN(7, TOY_N - first);
      const float *out = nn_model_forward(m, nn_dataset_sample(&train, first), count);
      nn_target y = {.classes = train.y_class + first};
      nn_loss_backward(NN_LOSS_CROSS_ENTROPY, out, y, count, 2, dout);
      nn_model_backward(m, dout);
      nn_optim_step(&opt, nn_model_values(m), nn_model_grads(m));
    }
  }
  g_assert_cmpuint(nn_model_n_values(m), ==, nn_model_n_values(nn_job_model(job, 0)));
  g_assert_cmpmem(nn_model_values(m), nn_model_n_values(m) * sizeof(float),
                  nn_model_values(nn_job_model(job, 0)), nn_model_n_values(m) * sizeof(float));
  nn_optim_free(&opt);
  nn_model_free(m);
  nn_dataset_free(&train);
  nn_dataset_free(&val);
  nn_job_free(job);
}

static void test_trainer_same_seed_same_bits(void)
{
  nn_job *a = toy_job(11, -1, 0.1, 5, 1, 0), *b = toy_job(11, -1, 0.1, 5, 1, 0),
         *c = toy_job(12, -1, 0.1, 5, 1, 0);
  nn_job_run(a, NULL, NULL);
  nn_job_run(b, NULL, NULL);
  nn_job_run(c, NULL, NULL);
  for (int v = 0; v < 2; v++) {
    nn_model *ma = nn_job_model(a, v), *mb = nn_job_model(b, v), *mc = nn_job_model(c, v);
    size_t bytes = nn_model_n_values(ma) * sizeof(float);
    g_assert_cmpmem(nn_model_values(ma), bytes, nn_model_values(mb), bytes);
    g_assert_true(memcmp(nn_model_values(ma), nn_model_values(mc), bytes) != 0);
  }
  nn_job_free(a);
  nn_job_free(b);
  nn_job_free(c);
}

/* A job that gives its memory back now and then (a page left paused) trains on to the same
 * bits, its snapshots still carry everything, and its models hold no activations meanwhile. */
static void test_trainer_release_memory_same_bits(void)
{
  nn_job *kept = toy_job(5, -1, 0.1, 5, 1, 0), *freed = toy_job(5, -1, 0.1, 5, 1, 0);
  for (int step = 0; step < 45; step++) { /* of its 50 */
    nn_job_step(kept);
    nn_job_step(freed);
    if (step % 7 == 3) {
      nn_job_release_memory(freed);
      g_assert_cmpint(nn_model_capacity(nn_job_model(freed, 1)), ==, 0);
      if (step % 2) { /* a snapshot first, or a step first: either takes the memory back */
        nn_snapshot *s = nn_job_snapshot(freed);
        g_assert_cmpint(s->step, ==, step + 1);
        g_assert_nonnull(nn_snapshot_find(s, "step_loss/1"));
        nn_snapshot_unref(s);
        g_assert_cmpint(nn_model_capacity(nn_job_model(freed, 1)), >, 0);
      }
    }
  }
  g_assert_cmpint(nn_job_get_status(freed), ==, nn_job_get_status(kept));
  for (int v = 0; v < 2; v++) {
    nn_model *a = nn_job_model(kept, v), *b = nn_job_model(freed, v);
    size_t bytes = nn_model_n_values(a) * sizeof(float);
    g_assert_cmpmem(nn_model_values(a), bytes, nn_model_values(b), bytes);
  }
  nn_job_free(kept);
  nn_job_free(freed);
}

static gpointer cancel_soon(gpointer data)
{
  g_usleep(20 * G_TIME_SPAN_MILLISECOND);
  nn_job_cancel(data);
  return NULL;
}

static void test_trainer_cancel_stops_within_a_step(void)
{
  nn_job_config c = {.lesson = &toy_lesson, .seed = 1, .variant = -1};
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, c.params);
  c.params[P_EPOCHS] = 1000; /* 8,000 steps: far longer than the 20 ms before cancelling */
  c.params[P_BATCH] = 1;
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&c, &err);
  g_assert_nonnull(job);
  GThread *t = g_thread_new("cancel", cancel_soon, job);
  gint64 t0 = g_get_monotonic_time();
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_CANCELLED);
  gint64 after = g_get_monotonic_time() - t0;
  g_thread_join(t);
  g_assert_cmpint(nn_job_epoch(job), <, 1000);
  g_assert_cmpint(after, <, 2 * G_TIME_SPAN_SECOND);
  /* A cancelled job takes no more steps. */
  long steps = nn_job_step_count(job);
  g_assert_false(nn_job_step(job));
  g_assert_cmpint(nn_job_step_count(job), ==, steps);
  nn_job_free(job);
}

/* At lr 1e6 the tanh network blows up, while the linear model on separable blobs just
 * separates them perfectly (its loss goes to 0: no divergence to report). */
static void test_trainer_one_variant_diverges_the_other_goes_on(void)
{
  nn_job *job = toy_job(2, -1, 1e6, 5, 1, 0);
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_FINISHED);
  g_assert_false(nn_job_variant_diverged(job, 0));
  g_assert_true(nn_job_variant_diverged(job, 1));
  g_assert_true(g_str_has_prefix(nn_job_message(job), "hidden diverged at step"));
  nn_job_free(job);
}

static void test_trainer_divergence_is_reported_not_drawn(void)
{
  nn_job *job = toy_job(2, 1, 1e6, 5, 1, 0);
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_DIVERGED);
  g_assert_nonnull(strstr(nn_job_message(job), "diverged at step"));
  g_assert_nonnull(strstr(nn_job_message(job), "lower the learning rate"));
  nn_snapshot *s = nn_job_snapshot(job);
  g_assert_cmpint(s->status, ==, NN_JOB_DIVERGED);
  for (int v = 0; v < s->n_variants; v++) {
    g_assert_true(s->variants[v].diverged);
    g_assert_cmpint(s->variants[v].diverged_step, >, 0);
    g_assert_null(s->models[v]); /* no NaN model handed to the canvas */
  }
  /* Every number a page would draw is finite. */
  for (int i = 0; i < s->n_items; i++) {
    const nn_snap_item *it = &s->items[i];
    for (size_t k = 0; k < nn_snap_item_numel(it); k++)
      if (g_str_has_prefix(it->name, "train_loss") || g_str_has_prefix(it->name, "step_loss"))
        g_assert_true(isfinite(it->data[k]));
  }
  nn_snapshot_unref(s);
  nn_job_free(job);
}

static void test_trainer_max_steps_and_partial_epoch(void)
{
  nn_job *job = toy_job(4, 0, 0.1, 7, 1, 3);
  g_assert_cmpint(nn_job_run(job, NULL, NULL), ==, NN_JOB_FINISHED);
  g_assert_cmpint(nn_job_step_count(job), ==, 3);
  int n;
  const nn_epoch_metrics *h = nn_job_history(job, 0, &n);
  g_assert_cmpint(n, ==, 1); /* the 21 samples seen are reported as one (partial) epoch */
  g_assert_cmpint(h[0].step, ==, 3);
  nn_job_free(job);

  job = toy_job(4, 0, 0.1, 0, 1, 0); /* batch 0: the full batch */
  g_assert_cmpint(nn_job_steps_per_epoch(job), ==, 1);
  nn_job_free(job);
}

static void test_trainer_snapshot_contents(void)
{
  nn_job *job = toy_job(6, -1, 0.1, 10, 1, 0);
  for (int i = 0; i < 12; i++)
    nn_job_step(job);
  nn_snapshot *s = nn_job_snapshot(job);
  g_assert_cmpint(s->epoch, ==, 2);
  g_assert_cmpint(s->step, ==, 12);
  g_assert_cmpint(s->steps_total, ==, 25);
  g_assert_cmpfloat_with_epsilon(s->epoch_progress, 0.4, 1e-9);
  g_assert_cmpint(s->n_variants, ==, 2);
  g_assert_cmpstr(s->variants[1].name, ==, "hidden");
  const nn_snap_item *loss = nn_snapshot_find(s, "train_loss/1");
  g_assert_nonnull(loss);
  g_assert_cmpint(loss->shape[0], ==, 2);
  const nn_snap_item *steps = nn_snapshot_findf(s, "step_loss/%d", 0);
  g_assert_nonnull(steps);
  g_assert_cmpint(steps->shape[0], ==, 12);
  g_assert_cmpfloat(nn_snapshot_find(s, "toy/steps")->data[0], ==, 12.0f);
  g_assert_nonnull(s->models[0]);
  g_assert_false(nn_model_is_training(s->models[0]));

  /* The snapshot is a copy: training on does not change it. */
  float before = loss->data[1];
  nn_job_run(job, NULL, NULL);
  g_assert_cmpfloat(nn_snapshot_find(s, "train_loss/1")->data[1], ==, before);
  nn_snapshot_ref(s);
  nn_snapshot_unref(s);
  nn_snapshot_unref(s);
  nn_job_free(job);
}

static void test_trainer_refuses_bad_parameters(void)
{
  nn_job_config c = {.lesson = &toy_lesson, .seed = 1, .variant = -1};
  nn_lesson_preset(&toy_lesson, NN_PRESET_QUICK, c.params);
  c.params[P_EPOCHS] = 0;
  nn_error err = {{0}};
  g_assert_null(nn_job_new(&c, &err));
  g_assert_cmpstr(err.message, ==, "epochs must be between 1 and 1000, got 0");
  c.params[P_EPOCHS] = 2.5;
  g_assert_null(nn_job_new(&c, &err));
  g_assert_cmpstr(err.message, ==, "epochs must be a whole number, got 2.5");
  c.params[P_EPOCHS] = 2;
  c.variant = 2;
  g_assert_null(nn_job_new(&c, &err));
  g_assert_nonnull(strstr(err.message, "no variant 2"));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/trainer/epochs-batches-metrics", test_trainer_epochs_batches_and_metrics);
  g_test_add_func("/trainer/hand-written-loop", test_trainer_matches_a_hand_written_loop);
  g_test_add_func("/trainer/same-seed", test_trainer_same_seed_same_bits);
  g_test_add_func("/trainer/release-memory", test_trainer_release_memory_same_bits);
  g_test_add_func("/trainer/cancel", test_trainer_cancel_stops_within_a_step);
  g_test_add_func("/trainer/divergence", test_trainer_divergence_is_reported_not_drawn);
  g_test_add_func("/trainer/divergence-of-one", test_trainer_one_variant_diverges_the_other_goes_on);
  g_test_add_func("/trainer/max-steps", test_trainer_max_steps_and_partial_epoch);
  g_test_add_func("/trainer/snapshot", test_trainer_snapshot_contents);
  g_test_add_func("/trainer/bad-parameters", test_trainer_refuses_bad_parameters);
  return g_test_run();
}
