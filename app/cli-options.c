/* Option parsing and JSON output shared by the CLI's commands. */
#include "config.h"

#include "cli-options.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void json_number(FILE *out, double value)
{
  if (!isfinite(value))
    fputs("null", out);
  else if (value == floor(value) && fabs(value) < 1e15)
    fprintf(out, "%.0f", value);
  else
    fprintf(out, "%.7g", value);
}

void json_string(FILE *out, const char *text)
{
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(out, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", out);
    else if (*p < 0x20)
      fprintf(out, "\\u%04x", *p);
    else
      fputc(*p, out);
  }
  fputc('"', out);
}

const nn_lesson *cli_find_lesson(const char *id)
{
  const nn_lesson *l = nn_lesson_find(id);
  if (!l)
    cli_usage_error("unknown lesson '%s' (`everything-is-a-font-cli list` shows the ids)", id);
  return l;
}

static bool parse_long(const char *opt, const char *text, long min, long max, long *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (end == text || *end || errno == ERANGE || v < min || v > max) {
    cli_usage_error("%s needs a whole number from %ld to %ld (got '%s')", opt, min, max, text);
    return false;
  }
  *out = v;
  return true;
}

static void param_list(const nn_lesson *l, char *buf, size_t size)
{
  buf[0] = '\0';
  for (int i = 0; i < l->n_params; i++) {
    char name[64];
    snprintf(name, sizeof name, "%s--", i ? ", " : "");
    strncat(buf, name, size - strlen(buf) - 1);
    for (const char *p = l->params[i].name; *p && strlen(buf) + 1 < size; p++) {
      size_t n = strlen(buf);
      buf[n] = *p == '_' ? '-' : *p;
      buf[n + 1] = '\0';
    }
  }
  if (!l->n_params)
    snprintf(buf, size, "none");
}

/* Index of the lesson parameter an option names (--batch-size → batch_size), or -1. */
static int option_param(const nn_lesson *l, const char *opt)
{
  char name[64];
  snprintf(name, sizeof name, "%s", opt + 2);
  for (char *p = name; *p; p++)
    if (*p == '-')
      *p = '_';
  return nn_lesson_param_index(l, name);
}

bool cli_parse_train_options(const nn_lesson *lesson, int argc, char **argv,
                             CliTrainOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->lesson = lesson;
  opts->seed = 1;
  opts->variant = 0;
  const char *values[NN_MAX_PARAMS] = {0};
  const char *preset = NULL;
  bool no_shuffle = false;

  for (int i = 0; i < argc; i++) {
    char opt[64];
    const char *arg = argv[i], *value = NULL;
    const char *eq = strchr(arg, '=');
    if (strncmp(arg, "--", 2) != 0) {
      cli_usage_error("unexpected argument '%s'", arg);
      return false;
    }
    snprintf(opt, sizeof opt, "%.*s", eq ? (int) (eq - arg) : (int) strlen(arg), arg);
    if (!strcmp(opt, "--no-shuffle") || !strcmp(opt, "--json")) {
      if (eq) {
        cli_usage_error("%s takes no value", opt);
        return false;
      }
      if (!strcmp(opt, "--json"))
        opts->json = true;
      else
        no_shuffle = true;
      continue;
    }
    if (eq)
      value = eq + 1;
    else if (i + 1 < argc)
      value = argv[++i];
    else {
      cli_usage_error("%s needs a value", opt);
      return false;
    }

    long n;
    int p;
    if (!strcmp(opt, "--preset"))
      preset = value;
    else if (!strcmp(opt, "--seed")) {
      char *end = NULL;
      errno = 0;
      opts->seed = strtoull(value, &end, 10);
      if (end == value || *end || errno == ERANGE || value[0] == '-') {
        cli_usage_error("--seed needs a whole number from 0 to 2^64-1 (got '%s')", value);
        return false;
      }
    } else if (!strcmp(opt, "--steps")) {
      if (!parse_long(opt, value, 1, 100000000, &n))
        return false;
      opts->steps = n;
    } else if (!strcmp(opt, "--variant"))
      opts->variant_name = value;
    else if (!strcmp(opt, "--init"))
      opts->init_path = value;
    else if (!strcmp(opt, "--save"))
      opts->save_path = value;
    else if (!strcmp(opt, "--export-data"))
      opts->export_path = value;
    else if (!strcmp(opt, "--data-dir"))
      opts->data_dir = value;
    else if ((p = option_param(lesson, opt)) >= 0)
      values[p] = value;
    else {
      char list[512];
      param_list(lesson, list, sizeof list);
      cli_usage_error("lesson %s has no option %s (its parameters: %s)", lesson->id, opt, list);
      return false;
    }
  }

  if (preset && strcmp(preset, "quick") && strcmp(preset, "course")) {
    cli_usage_error("--preset must be quick or course (got '%s')", preset);
    return false;
  }
  opts->preset = preset && !strcmp(preset, "course") ? NN_PRESET_COURSE : NN_PRESET_QUICK;
  nn_lesson_preset(lesson, opts->preset, opts->params);
  for (int p = 0; p < lesson->n_params; p++) {
    if (!values[p])
      continue;
    nn_error err = {{0}};
    if (!nn_lesson_parse_param(lesson, p, values[p], &opts->params[p], &err)) {
      cli_usage_error("%s", err.message);
      return false;
    }
    opts->param_set[p] = true;
  }
  if (no_shuffle) {
    int p = nn_lesson_param_index(lesson, "shuffle");
    if (p < 0) {
      cli_usage_error("lesson %s does not shuffle batches, so --no-shuffle does not apply",
                      lesson->id);
      return false;
    }
    opts->params[p] = 0;
    opts->param_set[p] = true;
  }
  if (opts->variant_name) {
    opts->variant = -1;
    char names[256] = "";
    for (int v = 0; v < lesson->n_variants && lesson->plan_variant; v++) {
      nn_variant_plan plan = {0};
      nn_error err = {{0}};
      if (!lesson->plan_variant(opts->params, v, &plan, &err))
        continue;
      if (!strcmp(plan.name, opts->variant_name))
        opts->variant = v;
      strncat(names, v ? ", " : "", sizeof names - strlen(names) - 1);
      strncat(names, plan.name, sizeof names - strlen(names) - 1);
    }
    if (opts->variant < 0) {
      cli_usage_error("lesson %s has no variant '%s' (its variants: %s)", lesson->id,
                      opts->variant_name, names[0] ? names : "none");
      return false;
    }
  }
  return true;
}
