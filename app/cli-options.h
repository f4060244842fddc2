/* The options `train` and `describe` take: the lesson's own parameters as --NAME VALUE, the
 * preset, the variant, and (train only) seed, length, files and data. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "nn_trainer.h"

typedef enum {
  CLI_FOR_DESCRIBE, /* parameters, --preset, --variant, --json */
  CLI_FOR_TRAIN,    /* all of them but --json */
} CliOptionsFor;

typedef struct {
  const nn_lesson *lesson;
  nn_preset preset;
  double params[NN_MAX_PARAMS];  /* every parameter: the preset's value or the option's */
  bool param_set[NN_MAX_PARAMS]; /* given on the command line */
  uint64_t seed;
  long steps; /* --steps N, or -1 when not given (the epochs decide) */
  int variant;
  bool variant_given; /* --variant NAME: describe shows that one only */
  const char *init_path, *save_path, *export_path, *data_dir;
  int threads; /* --threads: for the convolutions (the results are the same bits) */
  bool json;
  /* --batch-size 0 on a lesson whose batch size starts at 1: the full batch, resolved to the
   * training set's size by cli_resolve_full_batch once the data is known. */
  bool full_batch;
} CliOptions;

/* Parses argv (everything after the lesson id) into opts. Prints one line and returns false
 * on anything wrong: an option the lesson does not have (naming the ones it has), a value out
 * of range, an unknown preset or variant. */
bool cli_parse_options(const nn_lesson *lesson, CliOptionsFor what, int argc, char **argv,
                       CliOptions *opts);

/* The lesson named by `id`, or NULL after printing that there is none. */
const nn_lesson *cli_find_lesson(const char *id);

/* "--hidden, --noise, --lr, …": the options a lesson's parameters give. */
void cli_param_list(const nn_lesson *l, char *buf, size_t size);

/* The data lessons get: the bundled MNIST subset or --data-dir's folder (app/eiaf-data.h),
 * noting whether the lesson asked for it and whether it was Fashion-MNIST. */
typedef struct {
  nn_lesson_env env;         /* hand this to the job */
  const nn_lesson_env *data; /* eiaf_data_env(folder) */
  bool used;
  bool fashion;
} CliDataEnv;

void cli_data_env_init(CliDataEnv *e, const char *data_dir);
/* Loads --data-dir's MNIST now, so a bad folder is refused before anything else. */
bool cli_check_data_dir(const char *data_dir);

/* With opts->full_batch: sets batch_size to the training set's size when the lesson's range
 * allows it, else fails naming the range and the size. */
bool cli_resolve_full_batch(CliOptions *opts, const nn_lesson_env *env);

/* Plans variant `variant` with opts's values; false with a printed message on failure. */
bool cli_plan(const CliOptions *opts, int variant, nn_variant_plan *plan);
