/* Options of `train` and `describe`, and the data lessons get. See cli-options.h. */
#include "config.h"

#include "cli-options.h"
#include "nn_pool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eiaf-data.h"
#include "nn_registry.h"

#define MAX_STEPS 1000000000L

const nn_lesson *cli_find_lesson(const char *id)
{
  const nn_lesson *l = nn_lesson_find(id);
  if (!l)
    cli_usage_error("unknown lesson '%s' (`" CLI_NAME " list` shows the ids)", id);
  return l;
}

void cli_param_list(const nn_lesson *l, char *buf, size_t size)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < l->n_params && used + 1 < size; i++) {
    int n = snprintf(buf + used, size - used, "%s--", i ? ", " : "");
    used += n > 0 ? (size_t) n : 0;
    for (const char *p = l->params[i].name; *p && used + 1 < size; p++)
      buf[used++] = *p == '_' ? '-' : *p;
    buf[used < size ? used : size - 1] = '\0';
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

static bool parse_steps(const char *text, long *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (end == text || *end || errno == ERANGE || v < 0 || v > MAX_STEPS) {
    cli_usage_error("--steps needs a whole number from 0 to %ld (got '%s')", MAX_STEPS, text);
    return false;
  }
  *out = v;
  return true;
}

static bool parse_seed(const char *text, uint64_t *out)
{
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (end == text || *end || errno == ERANGE || text[0] == '-' || text[0] == '+') {
    cli_usage_error("--seed needs a whole number from 0 to 18446744073709551615 (got '%s')", text);
    return false;
  }
  *out = v;
  return true;
}

/* Options that are not lesson parameters, and which command takes them. */
typedef enum {
  OPT_PRESET,
  OPT_VARIANT,
  OPT_JSON,
  OPT_SEED,
  OPT_STEPS,
  OPT_NO_SHUFFLE,
  OPT_INIT,
  OPT_SAVE,
  OPT_EXPORT,
  OPT_DATA_DIR,
  OPT_THREADS,
  OPT_NONE,
} OptId;

static const struct {
  const char *name;
  bool takes_value, describe, train;
} fixed_options[] = {
    [OPT_PRESET] = {"--preset", true, true, true},
    [OPT_VARIANT] = {"--variant", true, true, true},
    [OPT_JSON] = {"--json", false, true, false},
    [OPT_SEED] = {"--seed", true, false, true},
    [OPT_STEPS] = {"--steps", true, false, true},
    [OPT_NO_SHUFFLE] = {"--no-shuffle", false, false, true},
    [OPT_INIT] = {"--init", true, false, true},
    [OPT_SAVE] = {"--save", true, false, true},
    [OPT_EXPORT] = {"--export-data", true, false, true},
    [OPT_DATA_DIR] = {"--data-dir", true, false, true},
    [OPT_THREADS] = {"--threads", true, false, true},
};

static OptId fixed_option(const char *opt)
{
  for (int i = 0; i < OPT_NONE; i++)
    if (!strcmp(fixed_options[i].name, opt))
      return (OptId) i;
  return OPT_NONE;
}

/* What the command line said, as text, before the preset is known. */
typedef struct {
  const char *preset, *variant;
  const char *values[NN_MAX_PARAMS];
  bool no_shuffle;
} RawOptions;

static bool set_fixed(OptId id, const char *value, CliOptions *opts, RawOptions *raw)
{
  switch (id) {
  case OPT_PRESET:
    raw->preset = value;
    return true;
  case OPT_VARIANT:
    raw->variant = value;
    return true;
  case OPT_JSON:
    opts->json = true;
    return true;
  case OPT_SEED:
    return parse_seed(value, &opts->seed);
  case OPT_STEPS:
    return parse_steps(value, &opts->steps);
  case OPT_NO_SHUFFLE:
    raw->no_shuffle = true;
    return true;
  case OPT_INIT:
    opts->init_path = value;
    return true;
  case OPT_SAVE:
    opts->save_path = value;
    return true;
  case OPT_EXPORT:
    opts->export_path = value;
    return true;
  case OPT_DATA_DIR:
    opts->data_dir = value;
    return true;
  case OPT_THREADS:
    return cli_parse_count("--threads", value, 1, NN_POOL_MAX_THREADS, &opts->threads);
  case OPT_NONE:
    break;
  }
  return false;
}

static bool refuse_unknown(const nn_lesson *lesson, CliOptionsFor what, const char *opt)
{
  OptId id = fixed_option(opt);
  if (id != OPT_NONE) {
    cli_usage_error("%s does not take %s", what == CLI_FOR_TRAIN ? "train" : "describe", opt);
    return false;
  }
  char list[512];
  cli_param_list(lesson, list, sizeof list);
  cli_usage_error("lesson %s has no option %s (its parameters: %s)", lesson->id, opt, list);
  return false;
}

/* Reads argv into raw text and the options that need no lesson context. */
static bool scan_argv(const nn_lesson *lesson, CliOptionsFor what, int argc, char **argv,
                      CliOptions *opts, RawOptions *raw)
{
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
      cli_usage_error("unexpected argument '%s' (options start with --)", arg);
      return false;
    }
    const char *eq = strchr(arg, '=');
    char opt[64];
    snprintf(opt, sizeof opt, "%.*s", eq ? (int) (eq - arg) : (int) strlen(arg), arg);
    /* A lesson parameter wins over a general option of the same name (a lesson whose own
     * parameter is called "steps" means that by --steps). */
    int param = option_param(lesson, opt);
    OptId id = param < 0 ? fixed_option(opt) : OPT_NONE;
    bool allowed = id != OPT_NONE &&
                   (what == CLI_FOR_TRAIN ? fixed_options[id].train : fixed_options[id].describe);
    if (!allowed && param < 0)
      return refuse_unknown(lesson, what, opt);

    bool takes_value = param >= 0 || fixed_options[id].takes_value;
    const char *value = NULL;
    if (!takes_value) {
      if (eq) {
        cli_usage_error("%s takes no value", opt);
        return false;
      }
    } else if (eq) {
      value = eq + 1;
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      cli_usage_error("%s needs a value", opt);
      return false;
    }
    if (param >= 0)
      raw->values[param] = value;
    else if (!set_fixed(id, value, opts, raw))
      return false;
  }
  return true;
}

/* --batch-size 0 where the lesson's batch size starts at 1: the full batch, resolved later. */
static bool is_full_batch_request(const nn_lesson *l, int p, const char *text)
{
  if (strcmp(l->params[p].name, "batch_size") != 0 || l->params[p].min <= 0)
    return false;
  char *end = NULL;
  double v = strtod(text, &end);
  return end != text && *end == '\0' && v == 0;
}

static bool apply_values(const nn_lesson *lesson, const RawOptions *raw, CliOptions *opts)
{
  for (int p = 0; p < lesson->n_params; p++) {
    if (!raw->values[p])
      continue;
    opts->param_set[p] = true;
    if (is_full_batch_request(lesson, p, raw->values[p])) {
      opts->full_batch = true;
      continue;
    }
    nn_error err = {{0}};
    if (!nn_lesson_parse_param(lesson, p, raw->values[p], &opts->params[p], &err)) {
      cli_usage_error("lesson %s: %s", lesson->id, err.message);
      return false;
    }
  }
  if (raw->no_shuffle) {
    int p = nn_lesson_param_index(lesson, "shuffle");
    if (p < 0) {
      cli_usage_error("lesson %s has no shuffle parameter, so --no-shuffle does not apply",
                      lesson->id);
      return false;
    }
    opts->params[p] = 0;
    opts->param_set[p] = true;
  }
  return true;
}

bool cli_plan(const CliOptions *opts, int variant, nn_variant_plan *plan)
{
  nn_error err = {{0}};
  memset(plan, 0, sizeof *plan);
  if (!opts->lesson->plan_variant(opts->params, variant, plan, &err)) {
    cli_usage_error("lesson %s: %s", opts->lesson->id, err.message);
    return false;
  }
  return true;
}

/* Variant v's name. Custom lessons (no plan_variant) name their variants only when a job
 * starts, so one is made, not run, to ask it; `job` keeps it for the next names. */
static bool variant_name(CliOptions *opts, int v, nn_job **job, char *name, size_t size)
{
  const nn_lesson *l = opts->lesson;
  if (l->plan_variant) {
    nn_variant_plan plan;
    if (!cli_plan(opts, v, &plan))
      return false;
    snprintf(name, size, "%s", plan.name);
    return true;
  }
  if (!*job) {
    nn_job_config config = {.lesson = l, .seed = opts->seed, .variant = -1};
    memcpy(config.params, opts->params, sizeof config.params);
    nn_error err = {{0}};
    if (!(*job = nn_job_new(&config, &err))) {
      cli_usage_error("lesson %s: %s", l->id, err.message);
      return false;
    }
  }
  snprintf(name, size, "%s", nn_job_plan(*job, v)->name);
  return true;
}

static bool find_variant(const char *name, CliOptions *opts)
{
  const nn_lesson *l = opts->lesson;
  char names[512] = "", each[sizeof((nn_variant_plan *) NULL)->name];
  nn_job *job = NULL;
  bool ok = true, found = false;
  for (int v = 0; v < l->n_variants && ok && !found; v++) {
    ok = variant_name(opts, v, &job, each, sizeof each);
    if (ok && !strcmp(each, name)) {
      opts->variant = v;
      opts->variant_given = found = true;
    }
    strncat(names, v ? ", " : "", sizeof names - strlen(names) - 1);
    strncat(names, each, sizeof names - strlen(names) - 1);
  }
  nn_job_free(job);
  if (ok && !found)
    cli_usage_error("lesson %s has no variant '%s' (its variants: %s)", l->id, name,
                    names[0] ? names : "none");
  return found;
}

bool cli_parse_options(const nn_lesson *lesson, CliOptionsFor what, int argc, char **argv,
                       CliOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->lesson = lesson;
  opts->seed = 1; /* the app's first seed, so a page's run and the CLI's agree */
  opts->steps = -1;
  opts->threads = 1;
  RawOptions raw = {0};
  if (!scan_argv(lesson, what, argc, argv, opts, &raw))
    return false;

  if (raw.preset && strcmp(raw.preset, "quick") && strcmp(raw.preset, "course")) {
    cli_usage_error("--preset must be quick or course (got '%s')", raw.preset);
    return false;
  }
  opts->preset = raw.preset && !strcmp(raw.preset, "course") ? NN_PRESET_COURSE : NN_PRESET_QUICK;
  nn_lesson_preset(lesson, opts->preset, opts->params);
  if (!apply_values(lesson, &raw, opts))
    return false;
  int epochs = nn_lesson_param_index(lesson, "epochs");
  if (opts->steps >= 0 && epochs >= 0 && opts->param_set[epochs]) {
    cli_usage_error("give --epochs or --steps, not both");
    return false;
  }
  return !raw.variant || find_variant(raw.variant, opts);
}

/* ---- data ---- */

static const nn_mnist *env_get_mnist(void *user, int side, nn_error *err)
{
  CliDataEnv *e = user;
  const nn_mnist *m = e->data->get_mnist(e->data->user, side, err);
  if (m) {
    e->used = true;
    e->fashion = m->fashion;
  }
  return m;
}

void cli_data_env_init(CliDataEnv *e, const char *data_dir)
{
  memset(e, 0, sizeof *e);
  e->data = eiaf_data_env(data_dir);
  e->env.get_mnist = env_get_mnist;
  e->env.user = e;
}

bool cli_check_data_dir(const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  if (!data_dir)
    return true;
  if (!data_dir[0]) {
    cli_usage_error("--data-dir needs a folder");
    return false;
  }
  if (!eiaf_data_check_folder(data_dir, &error)) {
    cli_usage_error("--data-dir: %s", error->message);
    return false;
  }
  return true;
}

bool cli_resolve_full_batch(CliOptions *opts, const nn_lesson_env *env)
{
  const nn_lesson *l = opts->lesson;
  if (!opts->full_batch)
    return true;
  int p = nn_lesson_param_index(l, "batch_size");
  const nn_param_desc *d = &l->params[p];
  if (!l->build_data) {
    cli_usage_error("lesson %s has no data set, so --batch-size 0 does not apply", l->id);
    return false;
  }
  nn_dataset train = {0}, val = {0};
  nn_error err = {{0}};
  if (!l->build_data(opts->params, opts->seed, env, &train, &val, &err)) {
    cli_usage_error("lesson %s: %s", l->id, err.message);
    return false;
  }
  int n = train.n;
  nn_dataset_free(&train);
  nn_dataset_free(&val);
  if (n < d->min || n > d->max) {
    cli_usage_error("lesson %s: batch_size goes from %g to %g, so its full batch (%d samples) "
                    "is not available",
                    l->id, d->min, d->max, n);
    return false;
  }
  opts->params[p] = n;
  opts->full_batch = false;
  return true;
}
