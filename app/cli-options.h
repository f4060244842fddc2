/* The CLI's shared pieces: lesson options, data, JSON output. */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
#include "nn_trainer.h"

/* Everything `train` (and `describe`) can be told. */
typedef struct {
  const nn_lesson *lesson;
  nn_preset preset;
  double params[NN_MAX_PARAMS];
  bool param_set[NN_MAX_PARAMS];
  unsigned long long seed;
  long steps;
  const char *variant_name;
  int variant;
  const char *init_path, *save_path, *export_path, *data_dir;
  bool json;
} CliTrainOptions;

/* Parses argv (after the lesson id) into opts: `--preset`, `--seed`, `--steps`,
 * `--no-shuffle`, `--variant`, `--init`, `--save`, `--export-data`, `--data-dir`, and
 * `--NAME VALUE` for each of the lesson's parameters (dashes for underscores:
 * --batch-size sets batch_size). Prints a message and returns false on anything wrong. */
bool cli_parse_train_options(const nn_lesson *lesson, int argc, char **argv,
                             CliTrainOptions *opts);

/* The lesson named by `id`, or NULL after printing which ids exist. */
const nn_lesson *cli_find_lesson(const char *id);

/* The lesson environment: MNIST from the bundled resource or from --data-dir. */
const nn_lesson_env *cli_lesson_env(const char *data_dir);
/* The MNIST set for `side` (28 or 16), loading it once; NULL with a message on failure. */
const nn_mnist *cli_get_mnist(const char *data_dir, int side, nn_error *err);
/* Frees what cli_lesson_env loaded (for leak checkers). */
void cli_data_cleanup(void);

/* JSON output: numbers with NaN/Inf as null, strings escaped. */
void json_number(FILE *out, double value);
void json_string(FILE *out, const char *text);
