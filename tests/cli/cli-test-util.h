/* What the CLI tests share: running the built binary, reading its JSON, writing the files it
 * reads (PNG images, gzipped IDX sets, safetensors weights). */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "nn_json.h"
#include "nn_safetensors.h"

typedef struct {
  int status;
  char *out, *err;
} CliResult;

/* Runs $EIAF_CLI with a NULL-terminated list of arguments (or a NULL-terminated array). */
CliResult run_cli(const char *first, ...) G_GNUC_NULL_TERMINATED;
CliResult run_cli_argv(const char *const *args);
void cli_result_clear(CliResult *r);

/* Asserts exit status 2, nothing on stdout, and exactly one line on stderr that contains
 * `expected`. */
void assert_usage_error(const CliResult *r, const char *expected);

/* ---- JSON (parsed with the engine's strict reader) ---- */
typedef struct {
  nn_json_doc doc;
  char *text;
} Json;

/* Parses `text` (asserting that it is valid JSON); free with json_clear. */
void json_parse(Json *j, const char *text);
void json_clear(Json *j);
/* Member `key` of object `obj` (an index into j->doc.values), or -1. */
int json_member(const Json *j, int obj, const char *key);
/* Element i of an array, or -1. */
int json_element(const Json *j, int array, int i);
/* The value at `at` as a double (asserting a number), a string (asserting one), a bool. */
double json_num(const Json *j, int at);
const char *json_str(const Json *j, int at);
gboolean json_is_null(const Json *j, int at);
/* Shortcuts for a member of an object that must be there. */
double json_num_of(const Json *j, int obj, const char *key);
const char *json_str_of(const Json *j, int obj, const char *key);

/* ---- files ---- */
/* A new temporary folder (removed with everything in it by tmp_dir_remove). */
char *tmp_dir_new(void);
void tmp_dir_remove(char *dir);

/* A PNG of w × h pixels, 8 bits a channel; color_type 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA.
 * Rows are asked for one at a time, so huge images need no huge buffer. */
typedef void (*PngRowFn)(int y, uint8_t *row, void *user);
void write_png(const char *path, int w, int h, int color_type, PngRowFn row_fn, void *user);

/* A gzipped IDX file of unsigned bytes with the given dimensions. */
void write_idx_gz(const char *path, int ndim, const int *dims, const uint8_t *data);
/* The four MNIST files in `dir`: n_train and n_test images (a digit-like blob), labels 0..9;
 * n_train_labels may differ from n_train to make a broken set. */
void write_mnist_dir(const char *dir, int n_train, int n_train_labels, int n_test);

/* Reads a safetensors file (asserting success); free with nn_st_file_free. */
void read_st(const char *path, nn_st_file *f);
/* Asserts that two files hold the same tensors, bit for bit (metadata may differ). */
void assert_same_tensors(const char *path_a, const char *path_b);
