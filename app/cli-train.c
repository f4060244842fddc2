/* `train`: one variant of a lesson, headless, one JSON object per epoch; its data and weights
 * to files. */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli-options.h"
#include "eiaf-data.h"
#include "nn_safetensors.h"

static void print_epoch(const nn_epoch_metrics *m, const char *status)
{
  printf("{\"epoch\":%d,\"step\":%ld,\"seconds\":", m->epoch, m->step);
  json_number(stdout, round(m->seconds * 1e4) / 1e4);
  printf(",\"loss\":");
  json_number(stdout, m->loss);
  printf(",\"accuracy\":");
  json_number(stdout, m->accuracy);
  printf(",\"val_loss\":");
  json_number(stdout, m->val_loss);
  printf(",\"val_accuracy\":");
  json_number(stdout, m->val_accuracy);
  printf(",\"status\":\"%s\"}\n", status);
}

typedef struct {
  int printed; /* epochs printed so far */
} EpochPrinter;

static void on_epoch(nn_job *job, void *user)
{
  EpochPrinter *p = user;
  int count;
  const nn_epoch_metrics *h = nn_job_history(job, 0, &count);
  for (; p->printed < count; p->printed++) {
    nn_epoch_metrics m = h[p->printed];
    bool last = p->printed == count - 1;
    /* The history's time is taken before the epoch's last step is added to the total; the
     * job's total, read right after that step, includes it. */
    if (last)
      m.seconds = nn_job_seconds(job);
    print_epoch(&m, last ? nn_job_status_name(nn_job_get_status(job)) : "running");
  }
}

/* ---- interrupting: Ctrl-C stops the run between steps, and the last line says so ---- */

static nn_job *volatile running_job;

static void on_interrupt(int sig)
{
  (void) sig;
  if (running_job)
    nn_job_cancel(running_job); /* one lock-free atomic store: safe in a handler */
}

static void catch_interrupts(nn_job *job)
{
  running_job = job;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = job ? on_interrupt : SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

/* ---- files ---- */

/* The lesson's data as "x" (the model's input shape) and "y" (int64 classes for
 * cross-entropy, else float32 targets (n, k)), and "val_x", "val_y" when it holds data out. */
static bool export_data(nn_job *job, const char *path, nn_error *err)
{
  const nn_dataset *sets[2] = {nn_job_train_data(job), nn_job_val_data(job)};
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  static const char *const names[2][2] = {{"x", "y"}, {"val_x", "val_y"}};
  nn_st_tensor t[4];
  int64_t *labels[2] = {NULL, NULL};
  int n = 0;
  bool ok = true;
  if (sets[0]->n <= 0)
    return nn_fail(err, "lesson %s has no data set to export", nn_job_lesson(job)->id);
  for (int s = 0; s < 2 && ok; s++) {
    const nn_dataset *ds = sets[s];
    if (ds->n <= 0)
      continue;
    nn_st_tensor *x = &t[n++];
    memset(x, 0, sizeof *x);
    snprintf(x->name, sizeof x->name, "%s", names[s][0]);
    x->dtype = NN_F32;
    x->ndim = 1 + plan->in_ndim;
    x->shape[0] = ds->n;
    for (int d = 0; d < plan->in_ndim; d++)
      x->shape[1 + d] = plan->in_shape[d];
    x->data = ds->x;
    x->nbytes = (size_t) ds->n * nn_dataset_sample_numel(ds) * sizeof(float);

    nn_st_tensor *y = &t[n++];
    memset(y, 0, sizeof *y);
    snprintf(y->name, sizeof y->name, "%s", names[s][1]);
    if (plan->loss == NN_LOSS_CROSS_ENTROPY) {
      labels[s] = nn_alloc((size_t) ds->n, sizeof(int64_t), err);
      ok = labels[s] != NULL;
      for (int i = 0; ok && i < ds->n; i++)
        labels[s][i] = ds->y_class[i];
      y->dtype = NN_I64;
      y->ndim = 1;
      y->shape[0] = ds->n;
      y->data = labels[s];
      y->nbytes = (size_t) ds->n * sizeof(int64_t);
    } else {
      y->dtype = NN_F32;
      y->ndim = 2;
      y->shape[0] = ds->n;
      y->shape[1] = ds->y_dim;
      y->data = ds->y_value;
      y->nbytes = (size_t) ds->n * (size_t) ds->y_dim * sizeof(float);
    }
  }
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long) nn_job_seed(job));
  nn_st_meta meta[] = {
      {"lesson", (char *) nn_job_lesson(job)->id},
      {"variant", (char *) plan->name},
      {"seed", seed},
      {"loss", (char *) nn_loss_name(plan->loss)},
  };
  if (ok)
    ok = nn_st_write_file(path, t, n, meta, (int) NN_N_ELEMENTS(meta), err);
  free(labels[0]);
  free(labels[1]);
  return ok;
}

/* ---- the run ---- */

/* The trainer's message speaks to the app's user ("... and press Reset"): keep the reason. */
static void print_divergence(const char *message)
{
  char text[256];
  snprintf(text, sizeof text, "%s", message);
  char *tail = strstr(text, ": lower the learning rate");
  if (tail)
    *tail = '\0';
  cli_run_error("%s; a lower --lr may help", text[0] ? text : "the run diverged");
}

/* Trains until the job ends; prints the epochs and, for a run that did not finish, a last line
 * with its status. Returns the exit status. */
static int run_job(nn_job *job)
{
  EpochPrinter printer = {0};
  catch_interrupts(job);
  nn_job_status final = nn_job_run(job, on_epoch, &printer);
  catch_interrupts(NULL);
  if (final == NN_JOB_FINISHED && printer.printed > 0)
    return CLI_OK;
  nn_epoch_metrics last = {.epoch = nn_job_epoch(job),
                           .step = nn_job_step_count(job),
                           .seconds = nn_job_seconds(job),
                           .loss = NAN,
                           .accuracy = NAN,
                           .val_loss = NAN,
                           .val_accuracy = NAN};
  print_epoch(&last, nn_job_status_name(final));
  switch (final) {
  case NN_JOB_FINISHED:
    return CLI_OK;
  case NN_JOB_DIVERGED:
    print_divergence(nn_job_message(job));
    return CLI_RUN_FAILED;
  case NN_JOB_CANCELLED:
    return cli_run_error("interrupted at step %ld", nn_job_step_count(job));
  default:
    return cli_run_error("%s", nn_job_message(job)[0] ? nn_job_message(job) : "the run failed");
  }
}

/* A file `opt` will write: its folder must exist and be writable, so that a long run is not
 * lost to a typo. */
static bool check_output(const char *opt, const char *path)
{
  if (!path)
    return true;
  g_autofree char *dir = g_path_get_dirname(path);
  const char *problem = NULL;
  if (!path[0] || g_file_test(path, G_FILE_TEST_IS_DIR))
    problem = "is a folder, not a file name";
  else if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
    problem = "is in a folder that does not exist";
  else if (g_access(dir, W_OK | X_OK) != 0)
    problem = "is in a folder this user cannot write in";
  if (problem)
    cli_usage_error("%s: '%s' %s", opt, path, problem);
  return problem == NULL;
}

/* Everything that can be refused before any data is built. */
static bool check_request(const CliOptions *opts)
{
  const nn_lesson *l = opts->lesson;
  if (!l->plan_variant && (opts->save_path || opts->init_path || opts->export_path)) {
    cli_usage_error("lesson %s trains no model from data, so --save, --init and --export-data "
                    "do not apply",
                    l->id);
    return false;
  }
  int momentum = nn_lesson_param_index(l, "momentum");
  nn_variant_plan plan;
  if (l->plan_variant && !cli_plan(opts, opts->variant, &plan))
    return false;
  if (l->plan_variant && momentum >= 0 && opts->param_set[momentum] &&
      plan.optim.kind != NN_OPTIM_SGD) {
    cli_usage_error("lesson %s: --momentum applies to SGD, and this run uses %s "
                    "(--optimizer sgd to use it)",
                    l->id, nn_optim_name(plan.optim.kind));
    return false;
  }
  return check_output("--save", opts->save_path) &&
         check_output("--export-data", opts->export_path) && cli_check_data_dir(opts->data_dir);
}

static nn_job *new_job(const CliOptions *opts, const CliDataEnv *env, int *status)
{
  nn_error err = {{0}};
  nn_st_file init = {0};
  *status = CLI_USAGE;
  if (opts->init_path && !nn_st_read_file(opts->init_path, &init, &err)) {
    cli_usage_error("--init: %s", err.message);
    return NULL;
  }
  nn_job_config config = {
      .lesson = opts->lesson,
      .seed = opts->seed,
      .variant = opts->variant,
      .max_steps = opts->steps > 0 ? opts->steps : 0,
      .env = &env->env,
      .init = opts->init_path ? &init : NULL,
      .threads = opts->threads,
  };
  memcpy(config.params, opts->params, sizeof config.params);
  nn_job *job = nn_job_new(&config, &err);
  nn_st_file_free(&init);
  if (!job) {
    cli_usage_error("lesson %s: %s", opts->lesson->id, err.message);
    return NULL;
  }
  if (opts->data_dir && !env->used) {
    cli_usage_error("lesson %s does not use MNIST, so --data-dir does not apply", opts->lesson->id);
    nn_job_free(job);
    return NULL;
  }
  *status = CLI_OK;
  return job;
}

static int train(const CliOptions *opts_in)
{
  CliOptions opts = *opts_in;
  CliDataEnv env;
  cli_data_env_init(&env, opts.data_dir);
  if (!check_request(&opts) || !cli_resolve_full_batch(&opts, &env.env))
    return CLI_USAGE;
  int status;
  nn_job *job = new_job(&opts, &env, &status);
  if (!job)
    return status;
  nn_error err = {{0}};
  if (opts.export_path && !export_data(job, opts.export_path, &err))
    status = cli_usage_error("--export-data: %s", err.message);
  if (status == CLI_OK && opts.steps != 0)
    status = run_job(job);
  if (status == CLI_OK && opts.save_path && !nn_job_save_weights(job, 0, opts.save_path, &err))
    status = cli_usage_error("--save: %s", err.message);
  nn_job_free(job);
  return status;
}

int cli_cmd_train(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("train needs a lesson id (`" CLI_NAME " list` shows them)");
  const nn_lesson *lesson = cli_find_lesson(argv[1]);
  if (!lesson)
    return CLI_USAGE;
  if (!lesson->build_data && !lesson->custom_step)
    return cli_usage_error("lesson %s %s", lesson->id,
                           lesson->fill_snapshot ? "trains nothing: it is a picture to explore"
                                                 : "is not available in this version yet");
  CliOptions opts;
  if (!cli_parse_options(lesson, CLI_FOR_TRAIN, argc - 2, argv + 2, &opts))
    return CLI_USAGE;
  int status = train(&opts);
  eiaf_data_cleanup();
  return status;
}
