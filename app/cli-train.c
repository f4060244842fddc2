/* `train` and `describe`: a lesson headless, and its models as their PyTorch twins. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli-options.h"
#include "nn_safetensors.h"

/* ---- train ---- */

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
  fflush(stdout);
}

static void on_epoch(nn_job *job, void *user)
{
  int *printed = user;
  int count;
  const nn_epoch_metrics *h = nn_job_history(job, 0, &count);
  if (count == 0)
    return;
  print_epoch(&h[count - 1], nn_job_status_name(nn_job_get_status(job)));
  *printed = count;
}

/* The lesson's data as "x" (the model's input shape) and "y" (int64 classes or float32
 * targets), plus "val_x" and "val_y" when it has a validation set. */
static bool export_data(nn_job *job, const char *path, nn_error *err)
{
  const nn_dataset *sets[2] = {nn_job_train_data(job), nn_job_val_data(job)};
  const nn_variant_plan *plan = nn_job_plan(job, 0);
  static const char *const names[2][2] = {{"x", "y"}, {"val_x", "val_y"}};
  nn_st_tensor t[4];
  int64_t *labels[2] = {NULL, NULL};
  int n = 0;
  bool ok = true;
  for (int s = 0; s < 2; s++) {
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
      if (!labels[s]) {
        ok = false;
        break;
      }
      for (int i = 0; i < ds->n; i++)
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
  nn_st_meta meta[] = {{"lesson", (char *) nn_job_lesson(job)->id}};
  if (ok)
    ok = nn_st_write_file(path, t, n, meta, 1, err);
  free(labels[0]);
  free(labels[1]);
  return ok;
}

int cli_cmd_train(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("train needs a lesson id (`everything-is-a-font-cli list`)");
  const nn_lesson *lesson = cli_find_lesson(argv[1]);
  if (!lesson)
    return 2;
  if (!lesson->build_data && !lesson->custom_start)
    return cli_usage_error("lesson %s cannot be trained yet", lesson->id);
  CliTrainOptions opts;
  if (!cli_parse_train_options(lesson, argc - 2, argv + 2, &opts))
    return 2;

  nn_error err = {{0}};
  nn_st_file init = {0};
  bool have_init = false;
  if (opts.init_path) {
    if (!nn_st_read_file(opts.init_path, &init, &err))
      return cli_usage_error("%s", err.message);
    have_init = true;
  }
  nn_job_config config = {
    .lesson = lesson,
    .seed = opts.seed,
    .variant = opts.variant,
    .max_steps = opts.steps,
    .env = cli_lesson_env(opts.data_dir),
    .init = have_init ? &init : NULL,
  };
  memcpy(config.params, opts.params, sizeof config.params);
  nn_job *job = nn_job_new(&config, &err);
  if (have_init)
    nn_st_file_free(&init);
  if (!job)
    return cli_usage_error("%s", err.message);

  int status = 0;
  if (opts.export_path && !export_data(job, opts.export_path, &err)) {
    fprintf(stderr, "everything-is-a-font-cli: %s\n", err.message);
    status = 2;
    goto out;
  }
  int printed = 0;
  nn_job_status final = nn_job_run(job, on_epoch, &printed);
  int count;
  const nn_epoch_metrics *h = nn_job_history(job, 0, &count);
  if (final != NN_JOB_FINISHED) {
    /* A last line with the status, so a script sees how the run ended. */
    nn_epoch_metrics last = {.epoch = nn_job_epoch(job),
                             .step = nn_job_step_count(job),
                             .seconds = nn_job_seconds(job),
                             .loss = NAN, .accuracy = NAN, .val_loss = NAN,
                             .val_accuracy = NAN};
    if (count > 0 && printed == count)
      last = h[count - 1], last.step = nn_job_step_count(job);
    print_epoch(&last, nn_job_status_name(final));
    fprintf(stderr, "everything-is-a-font-cli: %s\n", nn_job_message(job));
    status = 1;
  }
  if (opts.save_path && final == NN_JOB_FINISHED &&
      !nn_job_save_weights(job, 0, opts.save_path, &err)) {
    fprintf(stderr, "everything-is-a-font-cli: %s\n", err.message);
    status = 2;
  }
out:
  nn_job_free(job);
  cli_data_cleanup();
  return status;
}

/* ---- describe ---- */

static void print_param_value(const nn_param_desc *d, double v)
{
  if (d->type == NN_PARAM_CHOICE)
    json_string(stdout, d->choices[(int) v]);
  else if (d->type == NN_PARAM_BOOL)
    fputs(v != 0 ? "true" : "false", stdout);
  else
    json_number(stdout, v);
}

static void print_preset_json(const nn_lesson *l, nn_preset preset)
{
  double values[NN_MAX_PARAMS];
  nn_lesson_preset(l, preset, values);
  putchar('{');
  for (int i = 0; i < l->n_params; i++) {
    printf(i ? "," : "");
    json_string(stdout, l->params[i].name);
    putchar(':');
    print_param_value(&l->params[i], values[i]);
  }
  putchar('}');
}

static void print_optim_json(const nn_optim_config *o)
{
  printf("{\"name\":\"%s\",\"lr\":", nn_optim_name(o->kind));
  json_number(stdout, o->lr);
  if (o->kind == NN_OPTIM_SGD) {
    printf(",\"momentum\":");
    json_number(stdout, o->momentum);
  } else {
    printf(",\"betas\":[");
    json_number(stdout, o->beta1 > 0 ? o->beta1 : 0.9);
    putchar(',');
    json_number(stdout, o->beta2 > 0 ? o->beta2 : 0.999);
    printf("],\"eps\":");
    json_number(stdout, o->eps > 0 ? o->eps : 1e-8);
  }
  printf(",\"weight_decay\":");
  json_number(stdout, o->weight_decay);
  putchar('}');
}

static void print_variant_json(const nn_variant_plan *plan, const nn_model *m)
{
  char twin[2048];
  nn_model_describe(m, twin, sizeof twin);
  printf("{\"name\":");
  json_string(stdout, plan->name);
  printf(",\"pytorch\":");
  json_string(stdout, twin);
  printf(",\"loss\":\"%s\",\"optimizer\":", nn_loss_name(plan->loss));
  print_optim_json(&plan->optim);
  printf(",\"tensors\":[");
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    printf("%s{\"name\":", i ? "," : "");
    json_string(stdout, e.name);
    printf(",\"dtype\":\"%s\",\"shape\":[", e.dtype == NN_I64 ? "I64" : "F32");
    for (int d = 0; d < e.ndim; d++)
      printf("%s%d", d ? "," : "", e.shape[d]);
    printf("]}");
  }
  printf("]}");
}

static void print_variant_text(const nn_variant_plan *plan, const nn_model *m)
{
  char twin[2048];
  nn_model_describe(m, twin, sizeof twin);
  printf("\nvariant %s\n  model = %s\n  loss: %s\n  optimizer: %s, lr %g", plan->name, twin,
         nn_loss_name(plan->loss), nn_optim_name(plan->optim.kind), plan->optim.lr);
  if (plan->optim.kind == NN_OPTIM_SGD)
    printf(", momentum %g", plan->optim.momentum);
  printf("\n  tensors:\n");
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    char shape[96];
    nn_shape_format(e.ndim, e.shape, shape, sizeof shape);
    printf("    %-24s %s %s\n", e.name, e.dtype == NN_I64 ? "int64" : "float32", shape);
  }
}

int cli_cmd_describe(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("describe needs a lesson id (`everything-is-a-font-cli list`)");
  const nn_lesson *l = cli_find_lesson(argv[1]);
  if (!l)
    return 2;
  CliTrainOptions opts;
  if (!cli_parse_train_options(l, argc - 2, argv + 2, &opts))
    return 2;

  if (opts.json) {
    printf("{\"lesson\":");
    json_string(stdout, l->id);
    printf(",\"title\":");
    json_string(stdout, l->title);
    printf(",\"chapter\":%d,\"presets\":{\"quick\":", l->chapter);
    print_preset_json(l, NN_PRESET_QUICK);
    printf(",\"course\":");
    print_preset_json(l, NN_PRESET_COURSE);
    printf("},\"variants\":[");
  } else {
    printf("%s — %s (chapter %d)\n", l->id, l->title, l->chapter);
    for (int i = 0; i < l->n_params; i++) {
      const nn_param_desc *d = &l->params[i];
      printf("  --%-14s %-22s quick ", d->name, d->label);
      print_param_value(d, d->quick);
      printf("  course ");
      print_param_value(d, d->course);
      putchar('\n');
    }
  }
  int status = 0;
  for (int v = 0; l->plan_variant && v < l->n_variants; v++) {
    nn_variant_plan plan = {0};
    nn_error err = {{0}};
    nn_model *m = NULL;
    if (!l->plan_variant(opts.params, v, &plan, &err) ||
        !(m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, &err))) {
      fprintf(stderr, "everything-is-a-font-cli: %s\n", err.message);
      status = 2;
      break;
    }
    if (opts.json) {
      if (v)
        putchar(',');
      print_variant_json(&plan, m);
    } else {
      print_variant_text(&plan, m);
    }
    nn_model_free(m);
  }
  if (opts.json)
    printf("]}\n");
  return status;
}
