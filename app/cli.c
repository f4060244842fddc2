/* everything-is-a-font-cli: every lesson without a display (DESIGN §4, docs/cli.md).
 * This file: the command table, usage texts, errors and JSON output every command shares. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn_registry.h"

static const char usage_text[] =
    "Usage: " CLI_NAME " COMMAND [ARGS…]\n"
    "\n"
    "Commands:\n"
    "  list                          id<TAB>title of every lesson, one a line\n"
    "  describe LESSON [--json]      the lesson's models as PyTorch code, tensors, presets\n"
    "  train LESSON [OPTIONS…]       train headless: one JSON object per epoch on stdout\n"
    "  predict MODEL.safetensors IMAGE.png\n"
    "                                read a drawn digit with saved weights (JSON)\n"
    "  bench [WORKLOAD…]             training speed on the bundled MNIST (JSON lines)\n"
    "  help [COMMAND]                this text, or one command's options\n"
    "  --version                     the version\n"
    "\n"
    "Exit status: 0 success, 1 a run that diverged or failed, 2 bad usage or bad input.\n";

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *help;
} CliCommand;

static int cmd_list(int argc, char **argv);

static const CliCommand commands[] = {
    {"list", cmd_list,
     "Usage: " CLI_NAME " list\n"
     "\n"
     "Prints every lesson in course order, one a line: its id, a tab, its title.\n"},
    {"describe", cli_cmd_describe,
     "Usage: " CLI_NAME " describe LESSON [--json] [--preset quick|course] [--variant NAME]\n"
     "                                [--PARAMETER VALUE…]\n"
     "\n"
     "Shows the lesson's parameters (range, Quick and Course values) and, for each of its\n"
     "variants, the model as one PyTorch expression, its loss, its optimiser and its tensors\n"
     "(state_dict names, dtypes, shapes). Parameters given as options change the models shown,\n"
     "as they would in `train`. --json prints the same as one JSON object.\n"},
    {"train", cli_cmd_train,
     "Usage: " CLI_NAME " train LESSON [OPTIONS…]\n"
     "\n"
     "Trains one variant of the lesson and prints one JSON object per epoch on stdout:\n"
     "epoch, step, seconds, loss, accuracy, val_loss, val_accuracy, status (running, finished,\n"
     "diverged). Values that do not apply are null.\n"
     "\n"
     "Options (each also as --OPTION=VALUE):\n"
     "  --preset quick|course      start from the lesson's Quick (default) or Course values\n"
     "  --epochs N | --steps N     how long; --steps 0 trains nothing (with --save: the\n"
     "                             initial weights)\n"
     "  --lr X  --momentum X  --batch-size N (0: the full batch)  --optimizer sgd|adam\n"
     "  --hidden N  --layers N  --activation sigmoid|tanh|relu  --dropout P\n"
     "  --PARAMETER VALUE          any other parameter of the lesson (see describe)\n"
     "  --seed N                   data, initial weights, shuffling and dropout (default 1)\n"
     "  --no-shuffle               batches in data order\n"
     "  --variant NAME             which of the lesson's models (default: the first)\n"
     "  --init FILE.safetensors    start from these weights\n"
     "  --save FILE.safetensors    write the trained weights (PyTorch state_dict names)\n"
     "  --export-data FILE.safetensors\n"
     "                             write the data: x, y, val_x, val_y\n"
     "  --data-dir DIR             full MNIST or Fashion-MNIST instead of the bundled subset\n"
     "  --threads N                threads for convolutions and pooling (default 1; the\n"
     "                             numbers are the same bits for any count)\n"
     "\n"
     "A parameter the lesson does not have is refused, as is a value outside its range.\n"},
    {"predict", cli_cmd_predict,
     "Usage: " CLI_NAME " predict MODEL.safetensors IMAGE.png\n"
     "\n"
     "Rebuilds the model from the weights file (saved by train --save or by the app) and reads\n"
     "the digit drawn in the PNG — any size, grey or colour, dark ink on light paper or light\n"
     "on dark — prepared as MNIST's digits were: cropped, fitted into 20×20, centred by mass in\n"
     "28×28 (16×16 for lesson 24's model). Prints {\"digit\": D, \"probabilities\": [...]}, with\n"
     "\"class\" names for a Fashion-MNIST model.\n"},
    {"bench", cli_cmd_bench,
     "Usage: " CLI_NAME " bench [OPTIONS…] [softmax|mlp|deep|cnn16|cnn28…]\n"
     "\n"
     "Times the engine on the workloads of DESIGN §6 (bundled MNIST, 8,000 training and 2,000\n"
     "test digits, cross-entropy, SGD lr 0.1, batch 100, shuffled): one JSON line each with\n"
     "workload, threads, samples_per_s, epoch_s, test_acc, predict_us, train_n, test_n,\n"
     "epochs. Default: all five.\n"
     "\n"
     "Options (each also as --OPTION=VALUE):\n"
     "  --threads N        threads for the convolution and pooling layers (default 1; the\n"
     "                     results are the same bits for any number)\n"
     "  --data-dir DIR     a folder of full MNIST or Fashion-MNIST (its 60,000 training and\n"
     "                     10,000 test images) instead of the bundled subset\n"
     "  --epochs N         instead of the workload's own\n"
     "  --train-size N     train on the first N training images only (cost against size)\n"},
    {"help", NULL,
     "Usage: " CLI_NAME " help [COMMAND]\n"
     "\n"
     "Prints the list of commands, or what one command takes.\n"},
};

static const CliCommand *find_command(const char *name)
{
  for (size_t i = 0; i < NN_N_ELEMENTS(commands); i++)
    if (!strcmp(commands[i].name, name))
      return &commands[i];
  return NULL;
}

bool cli_print_command_help(const char *command, FILE *out)
{
  const CliCommand *c = find_command(command);
  if (!c)
    return false;
  fputs(c->help, out);
  return true;
}

bool cli_wants_help(int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--"))
      return false;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
      return true;
  }
  return false;
}

static int cmd_list(int argc, char **argv)
{
  if (argc > 1)
    return cli_usage_error("list takes no arguments (got '%s')", argv[1]);
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    printf("%s\t%s\n", l->id, l->title);
  }
  return CLI_OK;
}

static int cmd_help(int argc, char **argv)
{
  if (argc < 2) {
    fputs(usage_text, stdout);
    return CLI_OK;
  }
  if (argc > 2)
    return cli_usage_error("help takes one command (got '%s' too)", argv[2]);
  if (!cli_print_command_help(argv[1], stdout))
    return cli_usage_error("unknown command '%s' (see --help)", argv[1]);
  return CLI_OK;
}

static void print_error(const char *fmt, va_list ap)
{
  fputs(CLI_NAME ": ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

int cli_usage_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  print_error(fmt, ap);
  va_end(ap);
  return CLI_USAGE;
}

bool cli_parse_count(const char *option, const char *text, int min, int max, int *out)
{
  char *end;
  errno = 0;
  long n = strtol(text, &end, 10);
  if (!*text || *end || errno == ERANGE || n < min || n > max) {
    cli_usage_error("%s: a number from %d to %d (got '%s')", option, min, max, text);
    return false;
  }
  *out = (int) n;
  return true;
}

int cli_run_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  print_error(fmt, ap);
  va_end(ap);
  return CLI_RUN_FAILED;
}

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

int main(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("no command given (see --help)");
  const char *name = argv[1];
  if (!strcmp(name, "--help") || !strcmp(name, "-h"))
    return cmd_help(1, argv + 1);
  if (!strcmp(name, "--version")) {
    printf(CLI_NAME " %s\n", PACKAGE_VERSION);
    return CLI_OK;
  }
  if (!strcmp(name, "help"))
    return cmd_help(argc - 1, argv + 1);
  const CliCommand *c = find_command(name);
  if (!c) {
    if (name[0] == '-')
      return cli_usage_error("unknown option '%s' (see --help)", name);
    return cli_usage_error("unknown command '%s' (see --help)", name);
  }
  if (cli_wants_help(argc - 1, argv + 1)) {
    fputs(c->help, stdout);
    return CLI_OK;
  }
  /* Output goes to pipes more often than to terminals: a line at a time either way, so a
   * reader sees each epoch as it ends. */
  setvbuf(stdout, NULL, _IOLBF, 0);
  return c->run(argc - 1, argv + 1);
}
