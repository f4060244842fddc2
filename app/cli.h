/* The CLI's commands and the helpers every command shares.
 *
 * Exit status, for every command: 0 success, 1 a run that failed or diverged, 2 bad usage or
 * bad input (an unknown lesson, option, variant or command, a value out of range, a missing or
 * broken file). Every failure prints one line on stderr naming what is wrong. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#define CLI_NAME "everything-is-a-font-cli"

enum { CLI_OK = 0, CLI_RUN_FAILED = 1, CLI_USAGE = 2 };

/* Prints "everything-is-a-font-cli: MESSAGE" on one line to stderr; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, for a run that failed; returns CLI_RUN_FAILED. */
int cli_run_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A whole number from min to max for `option` into *out; else prints
 * "OPTION: a number from MIN to MAX (got 'TEXT')" and returns false. */
bool cli_parse_count(const char *option, const char *text, int min, int max, int *out);

/* Each command gets argv from its own name on (argv[0] is "train", ...). */
int cli_cmd_describe(int argc, char **argv);
int cli_cmd_train(int argc, char **argv);
int cli_cmd_predict(int argc, char **argv);
int cli_cmd_bench(int argc, char **argv);

/* True when argv holds --help or -h (before a bare "--"): the command prints its usage. */
bool cli_wants_help(int argc, char **argv);
/* Prints the usage of `command` to `out`; false when there is no such command. */
bool cli_print_command_help(const char *command, FILE *out);

/* JSON output: numbers with NaN/Inf as null (floats with 7 significant digits, whole numbers
 * without a fraction), strings quoted and escaped. */
void json_number(FILE *out, double value);
void json_string(FILE *out, const char *text);
