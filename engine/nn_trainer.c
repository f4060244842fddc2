/* The trainer: data, variants, batches, metrics, divergence, snapshots. See nn_trainer.h. */
#include "nn_trainer.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEP_LOSS_CAP 4096
/* A loss this many times its first value (or 1, whichever is larger) has blown up, though
 * still finite: cross-entropy with a learning rate of 1000 grows without ever reaching
 * infinity. Training never multiplies a sane loss by a thousand. */
#define DIVERGENCE_FACTOR 1000.0f

typedef struct variant_run {
  int index; /* the lesson's variant index */
  nn_variant_plan plan;
  nn_model *model;
  nn_optim optim;
  nn_rng dropout_rng;
  float *dout; /* capacity × out_numel */
  int out_numel;
  bool diverged;
  long diverged_step;
  float first_loss; /* the first step's, for telling a blow-up from a large loss */
  /* accumulators of the epoch under way */
  double loss_sum;
  long correct, seen;
  nn_epoch_metrics *history;
  int n_history, cap_history;
  /* loss of every step, thinned by keeping every other entry when full */
  float step_loss[STEP_LOSS_CAP], step_x[STEP_LOSS_CAP];
  int n_step;
  long step_stride;
} variant_run;

struct nn_job {
  nn_job_config config;
  const nn_lesson *lesson;
  nn_dataset train, val;
  int n_runs;
  variant_run *runs[NN_MAX_VARIANTS];
  int batch_size;
  bool shuffle;
  int32_t *order;
  int cursor;
  nn_rng shuffle_rng, lesson_rng;
  float *batch_x;
  int32_t *batch_class;
  float *batch_value;
  float *eval_out;
  int epoch, epochs;
  long step, steps_per_epoch;
  nn_job_status status;
  char message[256];
  atomic_bool cancelled;
  double seconds;
  long samples;
  void *custom;
  bool released; /* nn_job_release_memory: the models' activations are given back */
};

/* ---- small helpers ---- */

static int param_or(const nn_job *job, const char *name, int fallback)
{
  int i = nn_lesson_param_index(job->lesson, name);
  return i < 0 ? fallback : (int) job->config.params[i];
}

static bool is_supervised(const nn_lesson *l)
{
  return l->build_data != NULL;
}

static nn_target batch_target(const nn_job *job, const variant_run *run)
{
  nn_target t = {0};
  if (run->plan.loss == NN_LOSS_CROSS_ENTROPY)
    t.classes = job->batch_class;
  else
    t.values = job->batch_value;
  return t;
}

static nn_target dataset_target(const nn_dataset *ds, const variant_run *run)
{
  nn_target t = {0};
  if (run->plan.loss == NN_LOSS_CROSS_ENTROPY)
    t.classes = ds->y_class;
  else
    t.values = ds->y_value;
  return t;
}

/* How many of `count` outputs are right, by the variant's accuracy rule. */
static long count_correct(const variant_run *run, const float *out, const int32_t *classes,
                          const float *values, int count)
{
  long correct = 0;
  int C = run->out_numel;
  for (int b = 0; b < count; b++) {
    const float *o = out + (size_t) b * (size_t) C;
    int truth = classes ? classes[b] : (values && values[b] > 0.5f);
    int guess;
    switch (run->plan.accuracy) {
    case NN_ACCURACY_ARGMAX:
      guess = 0;
      for (int c = 1; c < C; c++)
        if (o[c] > o[guess])
          guess = c;
      break;
    case NN_ACCURACY_THRESHOLD:
      guess = o[0] > 0.5f;
      break;
    case NN_ACCURACY_LOGIT:
      guess = o[0] > 0.0f;
      break;
    default:
      return 0;
    }
    correct += guess == truth;
  }
  return correct;
}

static void record_step_loss(variant_run *run, long step, float loss)
{
  if (step % run->step_stride != 0)
    return;
  if (run->n_step == STEP_LOSS_CAP) {
    /* Keep every other point and double the stride: the curve keeps its noise (averaging
     * would hide exactly what the batch-size lesson shows) at a bounded size. */
    for (int i = 0; i < STEP_LOSS_CAP / 2; i++) {
      run->step_loss[i] = run->step_loss[2 * i];
      run->step_x[i] = run->step_x[2 * i];
    }
    run->n_step = STEP_LOSS_CAP / 2;
    run->step_stride *= 2;
    if (step % run->step_stride != 0)
      return;
  }
  run->step_loss[run->n_step] = loss;
  run->step_x[run->n_step] = (float) step;
  run->n_step++;
}

static bool push_history(variant_run *run, const nn_epoch_metrics *m)
{
  if (run->n_history == run->cap_history) {
    int cap = run->cap_history ? 2 * run->cap_history : 64;
    nn_epoch_metrics *h = realloc(run->history, sizeof *h * (size_t) cap);
    if (!h)
      return false;
    run->history = h;
    run->cap_history = cap;
  }
  run->history[run->n_history++] = *m;
  return true;
}

/* ---- creation ---- */

static void free_run(variant_run *run)
{
  if (!run)
    return;
  nn_model_free(run->model);
  nn_optim_free(&run->optim);
  free(run->dout);
  free(run->history);
  free(run);
}

void nn_job_free(nn_job *job)
{
  if (!job)
    return;
  if (job->lesson->custom_free)
    job->lesson->custom_free(job);
  for (int i = 0; i < job->n_runs; i++)
    free_run(job->runs[i]);
  nn_dataset_free(&job->train);
  nn_dataset_free(&job->val);
  free(job->order);
  nn_free_aligned(job->batch_x);
  free(job->batch_class);
  free(job->batch_value);
  nn_free_aligned(job->eval_out);
  free(job);
}

static bool check_params(const nn_job_config *c, nn_error *err)
{
  for (int i = 0; i < c->lesson->n_params; i++)
    if (!nn_lesson_check_param(c->lesson, i, c->params[i], err))
      return false;
  if (c->variant >= c->lesson->n_variants)
    return nn_fail(err, "lesson %s has %d variants; there is no variant %d", c->lesson->id,
                   c->lesson->n_variants, c->variant);
  return true;
}

/* Whether a plan has layers that split a batch over threads (nn_model_pass.c): a pool for an
 * MLP would only keep a helper asleep. */
static bool plan_splits(const nn_variant_plan *p)
{
  for (int i = 0; i < p->n_layers; i++)
    if (p->layers[i].kind == NN_CONV2D || p->layers[i].kind == NN_MAXPOOL2D)
      return true;
  return false;
}

/* Samples a model reserves activations for: the training batch, or more for evaluation when
 * batches are small (predict() goes in chunks of the capacity). A chunk beyond the batch only
 * saves a few calls, while every sample reserved is memory that a paused page keeps and page
 * faults that the next run pays before its first picture (a 28×28 CNN needs ~300 KB a sample;
 * 128 of them took 200 ms to fault in on a VM): the chunk stops at EVAL_CHUNK_BYTES. */
#define EVAL_CHUNK_BYTES ((size_t) 4 << 20)
#define EVAL_CHUNK_MIN   8
#define EVAL_CHUNK_MAX   128

static int reserve_capacity(const nn_job *job, nn_model *m)
{
  size_t one = nn_model_batch_bytes(m, 1), two = nn_model_batch_bytes(m, 2);
  size_t per_sample = two > one ? two - one : 1;
  int chunk = (int) NN_MIN(EVAL_CHUNK_BYTES / per_sample, (size_t) EVAL_CHUNK_MAX);
  chunk = NN_MAX(chunk, EVAL_CHUNK_MIN);
  return NN_MAX(job->batch_size, NN_MIN(job->val.n > 0 ? job->val.n : 1, chunk));
}

/* The model, its starting weights, its optimiser and its buffers. */
static bool build_run(nn_job *job, variant_run *run, nn_error *err)
{
  const nn_lesson *l = job->lesson;
  const nn_variant_plan *p = &run->plan;
  if (!l->plan_variant(job->config.params, run->index, &run->plan, err))
    return false;
  run->model = nn_model_new(p->in_ndim, p->in_shape, p->layers, p->n_layers, err);
  if (!run->model)
    return nn_fail_prefix(err, p->name);
  if (nn_shape_numel(p->in_ndim, p->in_shape) != nn_dataset_sample_numel(&job->train))
    return nn_fail(err, "%s: the model takes %zu values per sample, the data has %zu", p->name,
                   nn_shape_numel(p->in_ndim, p->in_shape), nn_dataset_sample_numel(&job->train));
  run->out_numel = (int) nn_model_layer_numel(run->model, nn_model_n_layers(run->model) - 1);
  if (p->loss == NN_LOSS_CROSS_ENTROPY && !job->train.y_class)
    return nn_fail(err, "%s: cross-entropy needs class labels", p->name);
  if (p->loss != NN_LOSS_CROSS_ENTROPY && (!job->train.y_value || job->train.y_dim != run->out_numel))
    return nn_fail(err, "%s: the loss needs %d target values per sample", p->name,
                   run->out_numel);

  /* One initialisation stream for every variant: variants of the same shape start from the
   * same weights, so a comparison shows the effect of what differs, not of luck. */
  nn_rng init_rng;
  nn_rng_seed(&init_rng, job->config.seed, NN_STREAM_INIT);
  nn_init_model(run->model, p->init, p->init_value, &init_rng);
  if (p->after_init)
    p->after_init(run->model, job->config.params);
  if (job->config.init && !nn_model_load(run->model, job->config.init, err))
    return nn_fail_prefix(err, "initial weights");

  nn_rng_seed(&run->dropout_rng, job->config.seed, NN_STREAM_DROPOUT + (uint64_t) run->index);
  nn_model_set_rng(run->model, &run->dropout_rng);
  nn_model_set_training(run->model, true);
  if (!nn_model_reserve(run->model, reserve_capacity(job, run->model), err))
    return false;
  if (job->config.threads > 1 && plan_splits(p) &&
      !nn_model_set_threads(run->model, job->config.threads, err))
    return false;
  if (!nn_optim_init(&run->optim, &p->optim, nn_model_n_values(run->model), err))
    return false;
  run->dout = nn_alloc((size_t) job->batch_size * (size_t) run->out_numel, sizeof(float), err);
  run->step_stride = 1;
  return run->dout != NULL;
}

static bool setup_supervised(nn_job *job, nn_error *err)
{
  const nn_lesson *l = job->lesson;
  if (!l->build_data(job->config.params, job->config.seed, job->config.env, &job->train,
                     &job->val, err))
    return false;
  if (job->train.n <= 0)
    return nn_fail(err, "the training set is empty");

  int bs = param_or(job, "batch_size", 0);
  job->batch_size = (bs <= 0 || bs > job->train.n) ? job->train.n : bs;
  job->shuffle = param_or(job, "shuffle", 1) != 0;
  job->steps_per_epoch = (job->train.n + job->batch_size - 1) / job->batch_size;

  size_t numel = nn_dataset_sample_numel(&job->train);
  job->order = nn_alloc((size_t) job->train.n, sizeof(int32_t), err);
  job->batch_x = nn_alloc_aligned((size_t) job->batch_size * numel, sizeof(float), err);
  job->batch_class = nn_alloc((size_t) job->batch_size, sizeof(int32_t), err);
  job->batch_value = nn_alloc((size_t) job->batch_size * (size_t) NN_MAX(job->train.y_dim, 1),
                              sizeof(float), err);
  if (!job->order || !job->batch_x || !job->batch_class || !job->batch_value)
    return false;
  for (int i = 0; i < job->train.n; i++)
    job->order[i] = i;

  int max_out = 1;
  for (int i = 0; i < job->n_runs; i++) {
    if (!build_run(job, job->runs[i], err))
      return false;
    max_out = NN_MAX(max_out, job->runs[i]->out_numel);
  }
  if (job->val.n > 0) {
    job->eval_out = nn_alloc_aligned((size_t) job->val.n * (size_t) max_out, sizeof(float), err);
    if (!job->eval_out)
      return false;
  }
  return true;
}

nn_job *nn_job_new(const nn_job_config *config, nn_error *err)
{
  if (!config->lesson || (!config->lesson->build_data && !config->lesson->custom_start &&
                          !config->lesson->fill_snapshot)) {
    nn_fail(err, "lesson %s cannot be run yet", config->lesson ? config->lesson->id : "(null)");
    return NULL;
  }
  if (!check_params(config, err))
    return NULL;
  nn_job *job = nn_alloc(1, sizeof *job, err);
  if (!job)
    return NULL;
  job->config = *config;
  job->lesson = config->lesson;
  job->status = NN_JOB_RUNNING;
  atomic_init(&job->cancelled, false);
  nn_rng_seed(&job->shuffle_rng, config->seed, NN_STREAM_SHUFFLE);
  nn_rng_seed(&job->lesson_rng, config->seed, NN_STREAM_LESSON);
  job->epochs = param_or(job, "epochs", 0);

  job->n_runs = config->variant >= 0 ? 1 : job->lesson->n_variants;
  if (job->n_runs < 1 || job->n_runs > NN_MAX_VARIANTS) {
    nn_fail(err, "lesson %s declares %d variants", job->lesson->id, job->lesson->n_variants);
    goto fail;
  }
  for (int i = 0; i < job->n_runs; i++) {
    job->runs[i] = nn_alloc(1, sizeof(variant_run), err);
    if (!job->runs[i])
      goto fail;
    job->runs[i]->index = config->variant >= 0 ? config->variant : i;
  }
  if (is_supervised(job->lesson) && !setup_supervised(job, err))
    goto fail;
  if (job->lesson->custom_start && !job->lesson->custom_start(job, err))
    goto fail;
  job->config.init = NULL; /* borrowed for building only */
  if (config->max_steps > 0 && job->steps_per_epoch > 0 && job->epochs > 0)
    job->epochs = (int) ((config->max_steps + job->steps_per_epoch - 1) / job->steps_per_epoch);
  if (job->epochs == 0 && config->max_steps == 0 && !job->lesson->custom_step)
    job->status = NN_JOB_FINISHED; /* a lesson with nothing to train: its pictures are all */
  return job;
fail:
  nn_job_free(job);
  return NULL;
}

/* ---- training ---- */

static void evaluate(nn_job *job, variant_run *run, float *val_loss, float *val_acc)
{
  *val_loss = NAN;
  *val_acc = NAN;
  if (job->val.n <= 0)
    return;
  nn_model_set_training(run->model, false);
  nn_model_predict(run->model, job->val.x, job->val.n, job->eval_out);
  nn_model_set_training(run->model, true);
  *val_loss = nn_loss_forward(run->plan.loss, job->eval_out, dataset_target(&job->val, run),
                              job->val.n, run->out_numel);
  if (run->plan.accuracy != NN_ACCURACY_NONE)
    *val_acc = (float) count_correct(run, job->eval_out, job->val.y_class, job->val.y_value,
                                     job->val.n) /
               (float) job->val.n;
}

static void finish_epoch(nn_job *job)
{
  job->epoch++;
  for (int i = 0; i < job->n_runs; i++) {
    variant_run *run = job->runs[i];
    if (run->diverged || run->seen == 0)
      continue;
    nn_epoch_metrics m = {.epoch = job->epoch, .step = job->step, .seconds = job->seconds};
    m.loss = (float) (run->loss_sum / (double) run->seen);
    m.accuracy = run->plan.accuracy == NN_ACCURACY_NONE
                     ? NAN
                     : (float) run->correct / (float) run->seen;
    evaluate(job, run, &m.val_loss, &m.val_accuracy);
    if (!push_history(run, &m)) {
      job->status = NN_JOB_FAILED;
      snprintf(job->message, sizeof job->message, "out of memory recording the history");
    }
    run->loss_sum = 0;
    run->correct = run->seen = 0;
  }
}

static bool step_supervised(nn_job *job)
{
  if (job->cursor == 0 && job->shuffle)
    nn_rng_shuffle(&job->shuffle_rng, job->order, job->train.n);
  int count = NN_MIN(job->batch_size, job->train.n - job->cursor);
  nn_dataset_gather(&job->train, job->order + job->cursor, count, job->batch_x,
                    job->train.y_class ? job->batch_class : NULL,
                    job->train.y_value ? job->batch_value : NULL);
  int active = 0;
  for (int i = 0; i < job->n_runs; i++) {
    variant_run *run = job->runs[i];
    if (run->diverged)
      continue;
    const float *out = nn_model_forward(run->model, job->batch_x, count);
    nn_target y = batch_target(job, run);
    float loss = nn_loss_forward(run->plan.loss, out, y, count, run->out_numel);
    if (job->step == 0)
      run->first_loss = loss;
    if (!isfinite(loss) || loss > DIVERGENCE_FACTOR * fmaxf(run->first_loss, 1.0f)) {
      char why[96];
      if (isfinite(loss))
        snprintf(why, sizeof why, "the loss grew from %.3g to %.3g", run->first_loss, loss);
      else
        snprintf(why, sizeof why, "the loss became %s", isnan(loss) ? "NaN" : "infinite");
      nn_job_mark_diverged(job, i, why);
      continue;
    }
    nn_loss_backward(run->plan.loss, out, y, count, run->out_numel, run->dout);
    nn_model_backward(run->model, run->dout);
    nn_optim_step(&run->optim, nn_model_values(run->model), nn_model_grads(run->model));
    run->loss_sum += (double) loss * count;
    run->correct += count_correct(run, out, job->batch_class, job->batch_value, count);
    run->seen += count;
    record_step_loss(run, job->step + 1, loss);
    active++;
  }
  job->cursor += count;
  job->step++;
  if (job->lesson->after_step)
    job->lesson->after_step(job);
  job->samples += (long) count * active;
  bool epoch_end = job->cursor >= job->train.n;
  bool steps_done = job->config.max_steps > 0 && job->step >= job->config.max_steps;
  if (epoch_end)
    job->cursor = 0;
  return epoch_end || steps_done;
}

static bool all_diverged(const nn_job *job)
{
  for (int i = 0; i < job->n_runs; i++)
    if (!job->runs[i]->diverged)
      return false;
  return true;
}

void nn_job_release_memory(nn_job *job)
{
  for (int i = 0; i < job->n_runs; i++)
    if (job->runs[i]->model)
      nn_model_release(job->runs[i]->model);
  job->released = true;
}

/* Takes back what nn_job_release_memory gave. When memory is short the job fails, saying so,
 * rather than crash in the pass that follows. */
static bool job_ensure_memory(nn_job *job)
{
  if (!job->released)
    return true;
  for (int i = 0; i < job->n_runs; i++) {
    nn_model *m = job->runs[i]->model;
    nn_error err = {{0}};
    if (m && !nn_model_reserve(m, reserve_capacity(job, m), &err)) {
      job->status = NN_JOB_FAILED;
      snprintf(job->message, sizeof job->message, "%.200s", err.message);
      return false;
    }
  }
  job->released = false;
  return true;
}

bool nn_job_step(nn_job *job)
{
  if (job->status != NN_JOB_RUNNING || !job_ensure_memory(job))
    return false;
  if (atomic_load(&job->cancelled)) {
    job->status = NN_JOB_CANCELLED;
    return false;
  }
  double t0 = nn_now();
  bool epoch_end;
  if (is_supervised(job->lesson)) {
    epoch_end = step_supervised(job);
    /* The epoch's record holds the time of its last step too; evaluating it is not training
     * and stays out of the seconds (and the samples a second). */
    job->seconds += nn_now() - t0;
    if (epoch_end)
      finish_epoch(job);
    t0 = nn_now();
  } else {
    int before = job->epoch;
    bool more = job->lesson->custom_step(job);
    job->step++;
    epoch_end = job->epoch != before;
    if (!more && job->status == NN_JOB_RUNNING)
      job->status = NN_JOB_FINISHED;
  }
  job->seconds += nn_now() - t0;

  if (job->status == NN_JOB_RUNNING && all_diverged(job))
    job->status = NN_JOB_DIVERGED;
  if (job->status == NN_JOB_RUNNING) {
    bool by_steps = job->config.max_steps > 0 && job->step >= job->config.max_steps;
    bool by_epochs = job->epochs > 0 && job->epoch >= job->epochs && job->config.max_steps == 0;
    if (by_steps || by_epochs)
      job->status = NN_JOB_FINISHED;
  }
  return epoch_end;
}

nn_job_status nn_job_run(nn_job *job, void (*on_epoch)(nn_job *job, void *user), void *user)
{
  while (job->status == NN_JOB_RUNNING) {
    if (nn_job_step(job) && on_epoch)
      on_epoch(job, user);
  }
  return job->status;
}

void nn_job_cancel(nn_job *job)
{
  atomic_store(&job->cancelled, true);
}

bool nn_job_is_cancelled(const nn_job *job)
{
  return atomic_load(&((nn_job *) job)->cancelled);
}

void nn_job_mark_diverged(nn_job *job, int i, const char *why)
{
  variant_run *run = job->runs[i];
  if (run->diverged)
    return;
  run->diverged = true;
  run->diverged_step = job->step + 1;
  /* The message names the first variant to go; later ones are in the snapshot's states. */
  if (!job->message[0])
    snprintf(job->message, sizeof job->message,
             "%s%sdiverged at step %ld (%s): lower the learning rate and press Reset",
             job->n_runs > 1 ? run->plan.name : "", job->n_runs > 1 ? " " : "",
             run->diverged_step, why ? why : "the loss is no longer a finite number");
}

/* ---- accessors ---- */

nn_job_status nn_job_get_status(const nn_job *job)
{
  return job->status;
}

const char *nn_job_message(const nn_job *job)
{
  return job->message;
}

const nn_lesson *nn_job_lesson(const nn_job *job)
{
  return job->lesson;
}

const double *nn_job_params(const nn_job *job)
{
  return job->config.params;
}

uint64_t nn_job_seed(const nn_job *job)
{
  return job->config.seed;
}

int nn_job_epoch(const nn_job *job)
{
  return job->epoch;
}

int nn_job_epochs(const nn_job *job)
{
  return job->epochs;
}

void nn_job_set_epochs(nn_job *job, int epochs)
{
  job->epochs = epochs;
}

long nn_job_step_count(const nn_job *job)
{
  return job->step;
}

long nn_job_steps_per_epoch(const nn_job *job)
{
  return job->steps_per_epoch;
}

long nn_job_steps_total(const nn_job *job)
{
  if (job->config.max_steps > 0)
    return job->config.max_steps;
  /* Custom lessons count their rounds as epochs of one step. */
  return (long) job->epochs * (job->steps_per_epoch > 0 ? job->steps_per_epoch : 1);
}

double nn_job_seconds(const nn_job *job)
{
  return job->seconds;
}

double nn_job_samples_per_s(const nn_job *job)
{
  return job->seconds > 0 ? (double) job->samples / job->seconds : 0.0;
}

int nn_job_n_variants(const nn_job *job)
{
  return job->n_runs;
}

int nn_job_variant_index(const nn_job *job, int i)
{
  return job->runs[i]->index;
}

const nn_variant_plan *nn_job_plan(const nn_job *job, int i)
{
  return &job->runs[i]->plan;
}

nn_model *nn_job_model(nn_job *job, int i)
{
  return job->runs[i]->model;
}

bool nn_job_variant_diverged(const nn_job *job, int i)
{
  return job->runs[i]->diverged;
}

const nn_epoch_metrics *nn_job_history(const nn_job *job, int i, int *count)
{
  *count = job->runs[i]->n_history;
  return job->runs[i]->history;
}

const nn_dataset *nn_job_train_data(const nn_job *job)
{
  return &job->train;
}

const nn_dataset *nn_job_val_data(const nn_job *job)
{
  return &job->val;
}

const nn_lesson_env *nn_job_env(const nn_job *job)
{
  return job->config.env;
}

void *nn_job_custom(const nn_job *job)
{
  return job->custom;
}

void nn_job_set_custom(nn_job *job, void *state)
{
  job->custom = state;
}

nn_rng *nn_job_rng(nn_job *job)
{
  return &job->lesson_rng;
}

void nn_job_name_variant(nn_job *job, int i, const char *name, const char *label)
{
  nn_variant_plan *plan = &job->runs[i]->plan;
  snprintf(plan->name, sizeof plan->name, "%s", name);
  snprintf(plan->label, sizeof plan->label, "%s", label ? label : name);
}

void nn_job_record_epoch(nn_job *job, int i, float loss, float accuracy, float val_loss,
                         float val_accuracy)
{
  nn_epoch_metrics m = {.epoch = job->epoch + 1,
                        .step = job->step + 1,
                        .seconds = job->seconds,
                        .loss = loss,
                        .accuracy = accuracy,
                        .val_loss = val_loss,
                        .val_accuracy = val_accuracy};
  push_history(job->runs[i], &m);
  if (i == job->n_runs - 1)
    job->epoch++;
}

/* ---- snapshots ---- */

static void add_history_items(nn_snapshot *s, const variant_run *run, int i)
{
  int n = run->n_history;
  float *cols[4];
  static const char *const names[4] = {"train_loss", "train_acc", "val_loss", "val_acc"};
  char name[48];
  for (int k = 0; k < 4; k++) {
    snprintf(name, sizeof name, "%s/%d", names[k], i);
    cols[k] = nn_snapshot_add(s, name, 1, (int[]){n});
  }
  for (int e = 0; e < n && cols[0] && cols[1] && cols[2] && cols[3]; e++) {
    cols[0][e] = run->history[e].loss;
    cols[1][e] = run->history[e].accuracy;
    cols[2][e] = run->history[e].val_loss;
    cols[3][e] = run->history[e].val_accuracy;
  }
  snprintf(name, sizeof name, "step_loss/%d", i);
  nn_snapshot_add_copy(s, name, run->step_loss, run->n_step);
  snprintf(name, sizeof name, "step_x/%d", i);
  nn_snapshot_add_copy(s, name, run->step_x, run->n_step);
}

nn_snapshot *nn_job_snapshot(nn_job *job)
{
  nn_snapshot *s = nn_snapshot_new();
  if (!s)
    return NULL;
  s->lesson = job->lesson;
  s->generation = job->config.generation;
  memcpy(s->params, job->config.params, sizeof s->params);
  s->seed = job->config.seed;
  s->status = job->status;
  snprintf(s->message, sizeof s->message, "%s", job->message);
  s->epoch = job->epoch;
  s->epochs = job->epochs;
  s->step = job->step;
  s->steps_total = nn_job_steps_total(job);
  s->epoch_progress = job->train.n > 0 ? (double) job->cursor / job->train.n : 0.0;
  s->samples_per_s = nn_job_samples_per_s(job);
  s->n_variants = job->n_runs;
  for (int i = 0; i < job->n_runs; i++) {
    const variant_run *run = job->runs[i];
    nn_variant_state *st = &s->variants[i];
    snprintf(st->name, sizeof st->name, "%s", run->plan.name);
    snprintf(st->label, sizeof st->label, "%s", run->plan.label[0] ? run->plan.label : run->plan.name);
    st->diverged = run->diverged;
    st->diverged_step = run->diverged_step;
    const nn_epoch_metrics *last = run->n_history ? &run->history[run->n_history - 1] : NULL;
    st->loss = last ? last->loss : NAN;
    st->accuracy = last ? last->accuracy : NAN;
    st->val_loss = last ? last->val_loss : NAN;
    st->val_accuracy = last ? last->val_accuracy : NAN;
    add_history_items(s, run, i);
  }
  /* The lesson's pictures run the models (feature maps, predictions). */
  if (job->lesson->fill_snapshot && job_ensure_memory(job))
    job->lesson->fill_snapshot(job, s);
  if (job->lesson->snapshot_models) {
    for (int i = 0; i < job->n_runs; i++) {
      if (!job->runs[i]->model || job->runs[i]->diverged)
        continue;
      nn_model *copy = nn_model_clone(job->runs[i]->model, NULL);
      if (copy && nn_model_reserve(copy, 1, NULL)) {
        nn_model_set_training(copy, false);
        s->models[i] = copy;
      } else {
        nn_model_free(copy);
      }
    }
  }
  return s;
}

/* ---- weights files ---- */

bool nn_job_save_weights(const nn_job *job, int i, const char *path, nn_error *err)
{
  const nn_lesson *l = job->lesson;
  const variant_run *run = job->runs[i];
  if (!run->model)
    return nn_fail(err, "lesson %s has no model to save", l->id);
  nn_st_meta meta[NN_MAX_PARAMS + 5];
  char values[NN_MAX_PARAMS + 5][64];
  int n = 0;
  meta[n++] = (nn_st_meta){"format", "everything-is-a-font weights 1"};
  meta[n++] = (nn_st_meta){"lesson", (char *) l->id};
  meta[n++] = (nn_st_meta){"variant", (char *) run->plan.name};
  if (job->train.class_set)
    meta[n++] = (nn_st_meta){"classes", (char *) job->train.class_set};
  snprintf(values[n], sizeof values[n], "%llu", (unsigned long long) job->config.seed);
  meta[n] = (nn_st_meta){"seed", values[n]};
  n++;
  for (int k = 0; k < l->n_params; k++) {
    const nn_param_desc *d = &l->params[k];
    double v = job->config.params[k];
    if (d->type == NN_PARAM_CHOICE)
      snprintf(values[n], sizeof values[n], "%s", d->choices[(int) v]);
    else
      snprintf(values[n], sizeof values[n], "%.9g", v);
    meta[n] = (nn_st_meta){(char *) d->name, values[n]};
    n++;
  }
  return nn_model_save(run->model, path, meta, n, err);
}
