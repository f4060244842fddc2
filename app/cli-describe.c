/* `describe`: a lesson's parameters and each variant's model as its PyTorch twin. */
#include "config.h"

#include <string.h>

#include "cli-options.h"
#include "eiaf-data.h"

#define TWIN_SIZE 4096

static const char *const param_type_names[] = {
    [NN_PARAM_INT] = "int",
    [NN_PARAM_FLOAT] = "float",
    [NN_PARAM_CHOICE] = "choice",
    [NN_PARAM_BOOL] = "bool",
};

static const char *const accuracy_names[] = {
    [NN_ACCURACY_NONE] = "none",           /* regression */
    [NN_ACCURACY_ARGMAX] = "argmax",       /* logits (B, C) */
    [NN_ACCURACY_THRESHOLD] = "threshold", /* a probability > 0.5 */
    [NN_ACCURACY_LOGIT] = "logit",         /* a logit > 0 */
};

static const char *const init_names[] = {
    [NN_INIT_DEFAULT] = "default",
    [NN_INIT_XAVIER_UNIFORM] = "xavier_uniform",
    [NN_INIT_XAVIER_NORMAL] = "xavier_normal",
    [NN_INIT_KAIMING_UNIFORM] = "kaiming_uniform",
    [NN_INIT_KAIMING_NORMAL] = "kaiming_normal",
    [NN_INIT_UNIFORM01] = "uniform01",
    [NN_INIT_CONSTANT] = "constant",
};

static void print_param_value(const nn_param_desc *d, double v)
{
  if (d->type == NN_PARAM_CHOICE)
    json_string(stdout, d->choices[(int) v]);
  else if (d->type == NN_PARAM_BOOL)
    fputs(v != 0 ? "true" : "false", stdout);
  else
    json_number(stdout, v);
}

static void print_values_json(const nn_lesson *l, const double *values)
{
  putchar('{');
  for (int i = 0; i < l->n_params; i++) {
    printf(i ? "," : "");
    json_string(stdout, l->params[i].name);
    putchar(':');
    print_param_value(&l->params[i], values[i]);
  }
  putchar('}');
}

static void print_params_json(const nn_lesson *l)
{
  putchar('[');
  for (int i = 0; i < l->n_params; i++) {
    const nn_param_desc *d = &l->params[i];
    printf("%s{\"name\":", i ? "," : "");
    json_string(stdout, d->name);
    printf(",\"option\":\"--");
    for (const char *p = d->name; *p; p++)
      putchar(*p == '_' ? '-' : *p);
    printf("\",\"label\":");
    json_string(stdout, d->label);
    printf(",\"type\":\"%s\",\"min\":", param_type_names[d->type]);
    json_number(stdout, d->min);
    printf(",\"max\":");
    json_number(stdout, d->max);
    printf(",\"quick\":");
    print_param_value(d, d->quick);
    printf(",\"course\":");
    print_param_value(d, d->course);
    if (d->type == NN_PARAM_CHOICE) {
      printf(",\"choices\":[");
      for (int c = 0; d->choices[c]; c++) {
        printf(c ? "," : "");
        json_string(stdout, d->choices[c]);
      }
      putchar(']');
    }
    putchar('}');
  }
  putchar(']');
}

static void print_optim_json(const nn_optim_config *o)
{
  printf("{\"name\":\"%s\",\"lr\":", nn_optim_name(o->kind));
  json_number(stdout, o->lr);
  if (o->kind == NN_OPTIM_SGD) {
    printf(",\"momentum\":");
    json_number(stdout, o->momentum);
  } else {
    /* 0 in the config means torch.optim.Adam's default. */
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

static void print_shape_json(int ndim, const int *shape)
{
  putchar('[');
  for (int d = 0; d < ndim; d++)
    printf("%s%d", d ? "," : "", shape[d]);
  putchar(']');
}

static void print_variant_json(const nn_variant_plan *plan, const nn_model *m)
{
  char twin[TWIN_SIZE];
  nn_model_describe(m, twin, sizeof twin);
  printf("{\"name\":");
  json_string(stdout, plan->name);
  printf(",\"label\":");
  json_string(stdout, plan->label[0] ? plan->label : plan->name);
  printf(",\"pytorch\":");
  json_string(stdout, twin);
  printf(",\"input_shape\":");
  print_shape_json(plan->in_ndim, plan->in_shape);
  printf(",\"loss\":\"%s\",\"accuracy\":\"%s\",\"init\":\"%s\",\"optimizer\":",
         nn_loss_name(plan->loss), accuracy_names[plan->accuracy], init_names[plan->init]);
  print_optim_json(&plan->optim);
  printf(",\"tensors\":[");
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    printf("%s{\"name\":", i ? "," : "");
    json_string(stdout, e.name);
    printf(",\"dtype\":\"%s\",\"shape\":", e.dtype == NN_I64 ? "I64" : "F32");
    print_shape_json(e.ndim, e.shape);
    printf(",\"trainable\":%s}", e.trainable ? "true" : "false");
  }
  printf("]}");
}

static void print_variant_text(const nn_variant_plan *plan, const nn_model *m)
{
  char twin[TWIN_SIZE], shape[96];
  nn_model_describe(m, twin, sizeof twin);
  nn_shape_format(plan->in_ndim, plan->in_shape, shape, sizeof shape);
  printf("\nvariant %s", plan->name);
  if (plan->label[0] && strcmp(plan->label, plan->name))
    printf(" (%s)", plan->label);
  printf("\n  model = %s\n  input: %s\n  loss: %s\n  optimizer: %s, lr %g", twin, shape,
         nn_loss_name(plan->loss), nn_optim_name(plan->optim.kind), plan->optim.lr);
  if (plan->optim.kind == NN_OPTIM_SGD)
    printf(", momentum %g", plan->optim.momentum);
  if (plan->optim.weight_decay > 0)
    printf(", weight decay %g", plan->optim.weight_decay);
  printf("\n  init: %s\n  tensors:\n", init_names[plan->init]);
  for (int i = 0; i < nn_model_n_state(m); i++) {
    nn_state_entry e = nn_model_state(m, i);
    nn_shape_format(e.ndim, e.shape, shape, sizeof shape);
    printf("    %-24s %-7s %s\n", e.name, e.dtype == NN_I64 ? "int64" : "float32", shape);
  }
}

static void print_header_text(const nn_lesson *l)
{
  printf("%s — %s (chapter %d)\n\nparameters (quick / course, range):\n", l->id, l->title,
         l->chapter);
  for (int i = 0; i < l->n_params; i++) {
    const nn_param_desc *d = &l->params[i];
    printf("  --");
    int width = 0;
    for (const char *p = d->name; *p; p++, width++)
      putchar(*p == '_' ? '-' : *p);
    printf("%*s %-20s ", width < 14 ? 14 - width : 0, "", d->label);
    print_param_value(d, d->quick);
    printf(" / ");
    print_param_value(d, d->course);
    if (d->type == NN_PARAM_INT || d->type == NN_PARAM_FLOAT)
      printf(", %g…%g", d->min, d->max);
    else if (d->type == NN_PARAM_CHOICE)
      for (int c = 0; d->choices[c]; c++)
        printf("%s%s", c ? "|" : ", ", d->choices[c]);
    putchar('\n');
  }
  if (!l->n_params)
    printf("  none\n");
}

/* The variant --variant names, or all of them: each built to read its twin and tensors.
 * With print false, only checks that every one can be built. */
static int describe_variants(const CliOptions *opts, bool print)
{
  const nn_lesson *l = opts->lesson;
  int first = opts->variant_given ? opts->variant : 0;
  int last = opts->variant_given ? opts->variant + 1 : l->n_variants;
  for (int v = first; l->plan_variant && v < last; v++) {
    nn_variant_plan plan;
    nn_error err = {{0}};
    if (!cli_plan(opts, v, &plan))
      return CLI_USAGE;
    nn_model *m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, &err);
    if (!m)
      return cli_usage_error("lesson %s, variant %s: %s", l->id, plan.name, err.message);
    if (print && opts->json) {
      if (v > first)
        putchar(',');
      print_variant_json(&plan, m);
    } else if (print) {
      print_variant_text(&plan, m);
    }
    nn_model_free(m);
  }
  return CLI_OK;
}

int cli_cmd_describe(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("describe needs a lesson id (`" CLI_NAME " list` shows them)");
  const nn_lesson *l = cli_find_lesson(argv[1]);
  if (!l)
    return CLI_USAGE;
  CliOptions opts;
  if (!cli_parse_options(l, CLI_FOR_DESCRIBE, argc - 2, argv + 2, &opts))
    return CLI_USAGE;
  if (opts.full_batch) {
    /* --batch-size 0 shows the size train would use: the bundled data's. */
    CliDataEnv env;
    cli_data_env_init(&env, NULL);
    bool ok = cli_resolve_full_batch(&opts, &env.env);
    eiaf_data_cleanup();
    if (!ok)
      return CLI_USAGE;
  }
  /* Every variant is checked before anything is printed: a failure leaves stdout empty. */
  int status = describe_variants(&opts, false);
  if (status != CLI_OK)
    return status;

  if (opts.json) {
    printf("{\"lesson\":");
    json_string(stdout, l->id);
    printf(",\"title\":");
    json_string(stdout, l->title);
    printf(",\"chapter\":%d,\"trains\":%s,\"params\":", l->chapter,
           l->build_data || l->custom_step ? "true" : "false");
    print_params_json(l);
    printf(",\"presets\":{\"quick\":");
    double values[NN_MAX_PARAMS];
    nn_lesson_preset(l, NN_PRESET_QUICK, values);
    print_values_json(l, values);
    printf(",\"course\":");
    nn_lesson_preset(l, NN_PRESET_COURSE, values);
    print_values_json(l, values);
    printf("},\"preset\":\"%s\",\"values\":", opts.preset == NN_PRESET_COURSE ? "course" : "quick");
    print_values_json(l, opts.params);
    printf(",\"variants\":[");
  } else {
    print_header_text(l);
  }
  describe_variants(&opts, true);
  if (opts.json)
    printf("]}\n");
  else if (!l->plan_variant)
    printf("\nThis lesson trains no model from data%s.\n",
           l->build_data || l->custom_step || l->fill_snapshot ? "" : " (not built yet)");
  return CLI_OK;
}
