/* `train`, run as a user would, on lesson 7 (xor: 100 training and 100 validation points,
 * Quick preset batch 1, so an epoch is 100 steps): epochs as JSON lines, --steps, determinism,
 * weights and data to files and back, divergence, and every refusal. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <string.h>

#include "cli-test-util.h"
#include "nn_registry.h"

/* The lines of a run's stdout, each parsed. */
typedef struct {
  GStrv lines;
  int n;
  Json *json;
} Epochs;

static void epochs_parse(Epochs *e, const char *out)
{
  g_autofree char *copy = g_strdup(out);
  g_assert_true(g_str_has_suffix(out, "\n"));
  e->lines = g_strsplit(g_strchomp(copy), "\n", -1);
  e->n = (int) g_strv_length(e->lines);
  e->json = g_new0(Json, e->n);
  for (int i = 0; i < e->n; i++)
    json_parse(&e->json[i], e->lines[i]);
}

static void epochs_clear(Epochs *e)
{
  for (int i = 0; i < e->n; i++)
    json_clear(&e->json[i]);
  g_free(e->json);
  g_strfreev(e->lines);
}

static const char *status_of(const Epochs *e, int i)
{
  return json_str_of(&e->json[i], 0, "status");
}

static double field(const Epochs *e, int i, const char *key)
{
  return json_num_of(&e->json[i], 0, key);
}

static void test_train_epochs(void)
{
  CliResult r = run_cli("train", "xor", "--epochs", "3", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_cmpstr(r.err, ==, "");
  Epochs e;
  epochs_parse(&e, r.out);
  g_assert_cmpint(e.n, ==, 3);
  static const char *const keys[] = {"epoch",    "step",     "seconds",      "loss",
                                     "accuracy", "val_loss", "val_accuracy", "status"};
  for (int i = 0; i < e.n; i++) {
    const Json *j = &e.json[i];
    g_assert_cmpint(j->doc.values[0].n_children, ==, G_N_ELEMENTS(keys));
    for (guint k = 0; k < G_N_ELEMENTS(keys); k++)
      g_assert_cmpint(json_member(j, 0, keys[k]), >=, 0);
    g_assert_cmpfloat(field(&e, i, "epoch"), ==, i + 1);
    g_assert_cmpfloat(field(&e, i, "step"), ==, 100 * (i + 1));
    g_assert_cmpfloat(field(&e, i, "seconds"), >=, 0);
    g_assert_cmpfloat(field(&e, i, "loss"), >, 0);
    g_assert_cmpfloat(field(&e, i, "val_loss"), >, 0);
    for (const char *const *acc = (const char *const[]){"accuracy", "val_accuracy", NULL}; *acc;
         acc++) {
      g_assert_cmpfloat(field(&e, i, *acc), >=, 0);
      g_assert_cmpfloat(field(&e, i, *acc), <=, 1);
    }
    g_assert_cmpstr(status_of(&e, i), ==, i < 2 ? "running" : "finished");
  }
  g_assert_cmpfloat(field(&e, 2, "seconds"), >=, field(&e, 0, "seconds"));
  epochs_clear(&e);
  cli_result_clear(&r);
}

/* The lesson's Quick preset is its default, and --preset course its lab values. */
static void test_train_presets(void)
{
  CliResult r = run_cli("train", "xor", "--preset", "course", "--steps", "1", NULL);
  g_assert_cmpint(r.status, ==, 0);
  Epochs e;
  epochs_parse(&e, r.out);
  g_assert_cmpint(e.n, ==, 1);
  g_assert_cmpfloat(field(&e, 0, "step"), ==, 1);
  epochs_clear(&e);
  cli_result_clear(&r);

  /* Quick xor: 50 epochs of 100 steps; it learns XOR (three hidden neurons, lr 1). */
  r = run_cli("train", "xor", NULL);
  g_assert_cmpint(r.status, ==, 0);
  epochs_parse(&e, r.out);
  g_assert_cmpint(e.n, ==, 50);
  g_assert_cmpfloat(field(&e, 49, "step"), ==, 5000);
  g_assert_cmpfloat(field(&e, 49, "val_accuracy"), >=, 0.95);
  epochs_clear(&e);
  cli_result_clear(&r);
}

/* --steps ends the run mid-epoch: the partial epoch is reported too. */
static void test_train_steps(void)
{
  CliResult r = run_cli("train", "xor", "--steps", "150", NULL);
  g_assert_cmpint(r.status, ==, 0);
  Epochs e;
  epochs_parse(&e, r.out);
  g_assert_cmpint(e.n, ==, 2);
  g_assert_cmpfloat(field(&e, 0, "step"), ==, 100);
  g_assert_cmpfloat(field(&e, 1, "step"), ==, 150);
  g_assert_cmpstr(status_of(&e, 0), ==, "running");
  g_assert_cmpstr(status_of(&e, 1), ==, "finished");
  epochs_clear(&e);
  cli_result_clear(&r);

  /* The full batch: one step an epoch. */
  r = run_cli("train", "xor", "--batch-size", "0", "--epochs", "4", NULL);
  g_assert_cmpint(r.status, ==, 0);
  epochs_parse(&e, r.out);
  g_assert_cmpint(e.n, ==, 4);
  g_assert_cmpfloat(field(&e, 3, "step"), ==, 4);
  epochs_clear(&e);
  cli_result_clear(&r);
}

/* stdout without the timings, which differ from run to run. */
static char *without_seconds(const char *out)
{
  g_autoptr(GRegex) seconds = g_regex_new("\"seconds\":[0-9.e+-]+", 0, 0, NULL);
  return g_regex_replace(seconds, out, -1, 0, "", 0, NULL);
}

static void test_train_determinism(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *a = g_build_filename(dir, "a.safetensors", NULL);
  g_autofree char *b = g_build_filename(dir, "b.safetensors", NULL);
  g_autofree char *c = g_build_filename(dir, "c.safetensors", NULL);
  g_autofree char *d = g_build_filename(dir, "d.safetensors", NULL);
  CliResult r1 = run_cli("train", "xor", "--epochs", "5", "--seed", "7", "--save", a, NULL);
  CliResult r2 = run_cli("train", "xor", "--epochs", "5", "--seed", "7", "--save", b, NULL);
  CliResult r3 = run_cli("train", "xor", "--epochs", "5", "--seed", "8", "--save", c, NULL);
  CliResult r4 =
      run_cli("train", "xor", "--epochs", "5", "--seed", "7", "--no-shuffle", "--save", d, NULL);
  g_assert_cmpint(r1.status + r2.status + r3.status + r4.status, ==, 0);
  /* Same seed: the same lines and the same weights, bit for bit. */
  g_autofree char *o1 = without_seconds(r1.out), *o2 = without_seconds(r2.out);
  g_autofree char *o3 = without_seconds(r3.out), *o4 = without_seconds(r4.out);
  g_assert_cmpstr(o1, ==, o2);
  assert_same_tensors(a, b);
  g_autofree char *bytes_a = NULL, *bytes_b = NULL, *bytes_c = NULL, *bytes_d = NULL;
  gsize na, nb, nc, nd;
  g_assert_true(g_file_get_contents(a, &bytes_a, &na, NULL));
  g_assert_true(g_file_get_contents(b, &bytes_b, &nb, NULL));
  g_assert_cmpmem(bytes_a, na, bytes_b, nb);
  /* Another seed, or batches in data order: another run. */
  g_assert_cmpstr(o1, !=, o3);
  g_assert_cmpstr(o1, !=, o4);
  g_assert_true(g_file_get_contents(c, &bytes_c, &nc, NULL));
  g_assert_true(g_file_get_contents(d, &bytes_d, &nd, NULL));
  g_assert_true(nc != na || memcmp(bytes_a, bytes_c, na) != 0);
  g_assert_true(nd != na || memcmp(bytes_a, bytes_d, na) != 0);
  cli_result_clear(&r1);
  cli_result_clear(&r2);
  cli_result_clear(&r3);
  cli_result_clear(&r4);
  tmp_dir_remove(dir);
}

/* --threads splits the convolutions' batches over helper threads in a fixed order: the same
 * lines and the same weights, bit for bit, as one thread. */
static void test_train_threads_same_bits(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *one = g_build_filename(dir, "one.safetensors", NULL);
  g_autofree char *two = g_build_filename(dir, "two.safetensors", NULL);
  CliResult r1 = run_cli("train", "cnn-mnist", "--steps", "3", "--save", one, NULL);
  CliResult r2 =
      run_cli("train", "cnn-mnist", "--steps", "3", "--threads", "2", "--save", two, NULL);
  g_assert_cmpint(r1.status, ==, 0);
  g_assert_cmpint(r2.status, ==, 0);
  g_autofree char *o1 = without_seconds(r1.out), *o2 = without_seconds(r2.out);
  g_assert_cmpstr(o1, !=, "");
  g_assert_cmpstr(o1, ==, o2);
  g_autofree char *bytes_1 = NULL, *bytes_2 = NULL;
  gsize n1, n2;
  g_assert_true(g_file_get_contents(one, &bytes_1, &n1, NULL));
  g_assert_true(g_file_get_contents(two, &bytes_2, &n2, NULL));
  g_assert_cmpmem(bytes_1, n1, bytes_2, n2);
  cli_result_clear(&r1);
  cli_result_clear(&r2);
  r1 = run_cli("train", "cnn-mnist", "--threads", "9", NULL);
  g_assert_cmpint(r1.status, ==, 2);
  g_assert_nonnull(strstr(r1.err, "--threads: a number from 1 to 8 (got '9')"));
  cli_result_clear(&r1);
  tmp_dir_remove(dir);
}

/* A lesson without plans (momentum-polynomial) names its variants when its job starts;
 * --variant still picks one by that name, and a wrong name lists the real ones. */
static void test_train_custom_variant(void)
{
  CliResult plain =
      run_cli("train", "momentum-polynomial", "--variant", "plain", "--steps", "3", NULL);
  CliResult momentum =
      run_cli("train", "momentum-polynomial", "--variant", "momentum", "--steps", "3", NULL);
  g_assert_cmpint(plain.status, ==, 0);
  g_assert_cmpint(momentum.status, ==, 0);
  g_autofree char *p = without_seconds(plain.out), *m = without_seconds(momentum.out);
  g_assert_cmpstr(p, !=, m); /* two balls, two paths */
  CliResult wrong = run_cli("train", "momentum-polynomial", "--variant", "nope", NULL);
  g_assert_cmpint(wrong.status, ==, 2);
  g_assert_nonnull(strstr(wrong.err, "has no variant 'nope' (its variants: plain, momentum)"));
  cli_result_clear(&plain);
  cli_result_clear(&momentum);
  cli_result_clear(&wrong);
}

/* Saved weights carry the lesson, variant, seed and parameters, and --init continues from
 * them: plain SGD keeps no state, so 1 step, saved, then 1 more from the file equals 2 steps. */
static void test_train_init_round_trip(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *two = g_build_filename(dir, "two.safetensors", NULL);
  g_autofree char *one = g_build_filename(dir, "one.safetensors", NULL);
  g_autofree char *more = g_build_filename(dir, "one-more.safetensors", NULL);
#define FULL_BATCH "--batch-size", "0", "--no-shuffle", "--hidden", "4"
  CliResult r2 = run_cli("train", "xor", FULL_BATCH, "--epochs", "2", "--save", two, NULL);
  CliResult r1 = run_cli("train", "xor", FULL_BATCH, "--epochs", "1", "--save", one, NULL);
  CliResult rm =
      run_cli("train", "xor", FULL_BATCH, "--epochs", "1", "--init", one, "--save", more, NULL);
  g_assert_cmpint(r2.status + r1.status + rm.status, ==, 0);
  assert_same_tensors(two, more);
  Epochs e2, em;
  epochs_parse(&e2, r2.out);
  epochs_parse(&em, rm.out);
  g_assert_cmpfloat(field(&e2, 1, "loss"), ==, field(&em, 0, "loss"));
  epochs_clear(&e2);
  epochs_clear(&em);

  nn_st_file f;
  read_st(two, &f);
  g_assert_cmpstr(nn_st_meta_get(&f, "lesson"), ==, "xor");
  g_assert_cmpstr(nn_st_meta_get(&f, "variant"), ==, "xor");
  g_assert_cmpstr(nn_st_meta_get(&f, "hidden"), ==, "4");
  g_assert_cmpstr(nn_st_meta_get(&f, "seed"), ==, "1");
  g_assert_null(nn_st_meta_get(&f, "classes")); /* not an image lesson */
  const nn_st_tensor *w = nn_st_find(&f, "0.weight");
  g_assert_nonnull(w);
  g_assert_cmpint(w->shape[0], ==, 4);
  g_assert_cmpint(w->shape[1], ==, 2);
  nn_st_file_free(&f);
#undef FULL_BATCH
  cli_result_clear(&r1);
  cli_result_clear(&r2);
  cli_result_clear(&rm);
  tmp_dir_remove(dir);
}

/* --steps 0 trains nothing: with --save it writes the initial weights (what PyTorch's twin
 * starts from), and --init with --steps 0 gives them back unchanged. */
static void test_train_steps_zero(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *init = g_build_filename(dir, "init.safetensors", NULL);
  g_autofree char *again = g_build_filename(dir, "again.safetensors", NULL);
  g_autofree char *trained = g_build_filename(dir, "trained.safetensors", NULL);
  CliResult r = run_cli("train", "xor", "--steps", "0", "--save", init, NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_cmpstr(r.out, ==, "");
  cli_result_clear(&r);
  r = run_cli("train", "xor", "--steps", "0", "--init", init, "--save", again, "--seed", "99",
              NULL);
  g_assert_cmpint(r.status, ==, 0);
  assert_same_tensors(init, again);
  cli_result_clear(&r);
  /* The same seed's training starts from those weights: one step moves them. */
  r = run_cli("train", "xor", "--steps", "1", "--save", trained, NULL);
  g_assert_cmpint(r.status, ==, 0);
  nn_st_file a, b;
  read_st(init, &a);
  read_st(trained, &b);
  const nn_st_tensor *wa = nn_st_find(&a, "0.weight"), *wb = nn_st_find(&b, "0.weight");
  g_assert_cmpmem(wa->shape, sizeof wa->shape, wb->shape, sizeof wb->shape);
  g_assert_true(memcmp(wa->data, wb->data, wa->nbytes) != 0);
  nn_st_file_free(&a);
  nn_st_file_free(&b);
  cli_result_clear(&r);
  tmp_dir_remove(dir);
}

static void test_train_export_data(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *path = g_build_filename(dir, "data.safetensors", NULL);
  CliResult r =
      run_cli("train", "xor", "--noise", "0.05", "--steps", "0", "--export-data", path, NULL);
  g_assert_cmpint(r.status, ==, 0);
  nn_st_file f;
  read_st(path, &f);
  g_assert_cmpint(f.n_tensors, ==, 4);
  g_assert_cmpstr(nn_st_meta_get(&f, "lesson"), ==, "xor");
  g_assert_cmpstr(nn_st_meta_get(&f, "loss"), ==, "bce");
  static const char *const names[2][2] = {{"x", "y"}, {"val_x", "val_y"}};
  for (int s = 0; s < 2; s++) {
    const nn_st_tensor *x = nn_st_find(&f, names[s][0]), *y = nn_st_find(&f, names[s][1]);
    g_assert_nonnull(x);
    g_assert_nonnull(y);
    /* x (100, 2) float32, the model's input; y (100, 1) float32, BCE's target. */
    g_assert_cmpint(x->dtype, ==, NN_F32);
    g_assert_cmpint(x->ndim, ==, 2);
    g_assert_cmpint(x->shape[0], ==, 100);
    g_assert_cmpint(x->shape[1], ==, 2);
    g_assert_cmpint(y->dtype, ==, NN_F32);
    g_assert_cmpint(y->ndim, ==, 2);
    g_assert_cmpint(y->shape[0], ==, 100);
    g_assert_cmpint(y->shape[1], ==, 1);
    const float *xv = x->data, *yv = y->data;
    int ones = 0;
    for (int i = 0; i < 100; i++) {
      /* XOR of the corner each noisy point belongs to (σ 0.05: 10σ from the middle). */
      bool label = (xv[2 * i] > 0.5f) != (xv[2 * i + 1] > 0.5f);
      g_assert_cmpfloat(yv[i], ==, label ? 1.0f : 0.0f);
      ones += label;
    }
    g_assert_cmpint(ones, ==, 50);
  }
  nn_st_file_free(&f);
  cli_result_clear(&r);
  tmp_dir_remove(dir);
}

/* The loss of variant 0 of a trainable lesson (Quick preset), or -1; *m gets its model. */
static int lesson_loss(const nn_lesson *l, nn_model **m)
{
  double params[NN_MAX_PARAMS];
  nn_variant_plan plan = {0};
  nn_lesson_preset(l, NN_PRESET_QUICK, params);
  if (!l->build_data || !l->plan_variant || !l->plan_variant(params, 0, &plan, NULL))
    return -1;
  *m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, NULL);
  return *m ? (int) plan.loss : -1;
}

/* A run whose loss becomes NaN ends with a "diverged" line, a message, and status 1: every
 * lesson trained with a loss that lets NaN through, started from NaN weights. (Binary
 * cross-entropy on probabilities cannot blow up, and the engine's clamps log(NaN) to −100, so
 * xor never diverges; it is left out.) */
static void test_train_diverged(void)
{
  char *dir = tmp_dir_new();
  int tried = 0;
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    nn_model *m = NULL;
    int loss = lesson_loss(l, &m);
    if (loss < 0 || loss == NN_LOSS_BCE) {
      nn_model_free(m);
      continue;
    }
    g_autofree char *path = g_strdup_printf("%s/%s-nan.safetensors", dir, l->id);
    float *values = nn_model_values(m);
    for (size_t k = 0; k < nn_model_n_values(m); k++)
      values[k] = NAN;
    nn_error err = {{0}};
    g_assert_true(nn_model_save(m, path, NULL, 0, &err));
    nn_model_free(m);
    CliResult r = run_cli("train", l->id, "--init", path, "--steps", "3", NULL);
    if (r.status != 1)
      g_error("train %s from NaN weights: status %d, %s", l->id, r.status, r.out);
    Epochs e;
    epochs_parse(&e, r.out);
    g_assert_cmpint(e.n, ==, 1);
    g_assert_cmpstr(status_of(&e, 0), ==, "diverged");
    g_assert_true(json_is_null(&e.json[0], json_member(&e.json[0], 0, "loss")));
    g_assert_cmpfloat(field(&e, 0, "step"), ==, 1);
    g_assert_nonnull(strstr(r.err, "diverged at step 1"));
    g_assert_nonnull(strstr(r.err, "NaN"));
    g_assert_null(strstr(r.err, "press Reset"));
    g_assert_true(strchr(r.err, '\n') == r.err + strlen(r.err) - 1);
    epochs_clear(&e);
    cli_result_clear(&r);
    tried++;
  }
  tmp_dir_remove(dir);
  g_assert_cmpint(tried, >, 0);
}

/* Ctrl-C stops a run between two steps; the last line says so and the status is 1. */
static void test_train_interrupted(void)
{
  const char *argv[] = {g_getenv("EIAF_CLI"), "train", "xor", "--preset", "course",
                        "--epochs",           "2000",  NULL};
  GPid pid;
  int out_fd, err_fd;
  g_autoptr(GError) error = NULL;
  g_assert_true(g_spawn_async_with_pipes(NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                         NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error));
  g_assert_no_error(error);
  FILE *out = fdopen(out_fd, "r");
  char line[512];
  g_assert_nonnull(fgets(line, sizeof line, out)); /* the first epoch is done: it runs */
  g_assert_nonnull(strstr(line, "\"status\":\"running\""));
  g_assert_cmpint(kill(pid, SIGINT), ==, 0);
  g_autoptr(GString) rest = g_string_new(line);
  while (fgets(line, sizeof line, out))
    g_string_append(rest, line);
  fclose(out);
  int wait_status;
  g_assert_cmpint(waitpid(pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid(pid);
  g_assert_true(WIFEXITED(wait_status));
  g_assert_cmpint(WEXITSTATUS(wait_status), ==, 1);
  FILE *err = fdopen(err_fd, "r");
  g_assert_nonnull(fgets(line, sizeof line, err));
  g_assert_true(g_str_has_prefix(line, "everything-is-a-font-cli: interrupted at step "));
  g_assert_null(fgets(line, sizeof line, err));
  fclose(err);
  Epochs e;
  epochs_parse(&e, rest->str);
  g_assert_cmpint(e.n, <, 2001);
  g_assert_cmpstr(status_of(&e, e.n - 1), ==, "cancelled");
  epochs_clear(&e);
}

/* ---- refusals: exit status 2, nothing on stdout, one line naming the problem ---- */

/* The first trainable-looking lesson that is not built yet, or NULL once all are. */
static const char *planned_lesson(void)
{
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    if (!l->build_data && !l->custom_step && !l->fill_snapshot)
      return l->id;
  }
  return NULL;
}

static void test_train_refusals(void)
{
  char *dir = tmp_dir_new();
  g_autofree char *missing = g_build_filename(dir, "missing.safetensors", NULL);
  g_autofree char *good = g_build_filename(dir, "good.safetensors", NULL);
  g_autofree char *truncated = g_build_filename(dir, "truncated.safetensors", NULL);
  g_autofree char *wide = g_build_filename(dir, "wide.safetensors", NULL);
  g_autofree char *no_mnist = g_build_filename(dir, "empty-folder", NULL);
  g_autofree char *bad_mnist = g_build_filename(dir, "bad-mnist", NULL);
  g_autofree char *tiny_mnist = g_build_filename(dir, "tiny-mnist", NULL);
  g_autofree char *nowhere = g_build_filename(dir, "no-such-folder", "w.safetensors", NULL);

  CliResult r = run_cli("train", "xor", "--steps", "0", "--save", good, NULL);
  g_assert_cmpint(r.status, ==, 0);
  cli_result_clear(&r);
  r = run_cli("train", "xor", "--steps", "0", "--hidden", "6", "--save", wide, NULL);
  g_assert_cmpint(r.status, ==, 0);
  cli_result_clear(&r);
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true(g_file_get_contents(good, &bytes, &len, NULL));
  g_assert_true(g_file_set_contents(truncated, bytes, (gssize) len - 5, NULL));
  g_assert_cmpint(g_mkdir(no_mnist, 0700), ==, 0);
  g_assert_cmpint(g_mkdir(bad_mnist, 0700), ==, 0);
  g_assert_cmpint(g_mkdir(tiny_mnist, 0700), ==, 0);
  write_mnist_dir(bad_mnist, 20, 19, 10); /* 20 training images, 19 labels */
  write_mnist_dir(tiny_mnist, 20, 20, 10);

  const char *cases[][8] = {
      /* arguments after "train", then (last non-NULL) what the message must name */
      {"nope", "unknown lesson 'nope'"},
      {"xor", "--momentum", "0.9",
       "lesson xor has no option --momentum (its parameters: "
       "--hidden, --noise, --lr, --batch-size, --epochs, --shuffle)"},
      {"xor", "--optimizer", "adam", "lesson xor has no option --optimizer"},
      {"xor", "--lr", "1000", "lr must be between 0.001 and 10, got 1000"},
      {"xor", "--lr", "fast", "lr needs a number, got 'fast'"},
      {"xor", "--lr", "--lr needs a value"},
      {"xor", "--lr=", "lr needs a number"},
      {"xor", "--batch-size", "-1", "batch_size must be between 0 and 100, got -1"},
      {"xor", "--hidden", "2.5", "hidden must be a whole number"},
      {"xor", "--shuffle", "maybe", "shuffle must be true or false"},
      {"xor", "--preset", "bogus", "--preset must be quick or course (got 'bogus')"},
      {"xor", "--variant", "bogus", "lesson xor has no variant 'bogus' (its variants: xor)"},
      {"xor", "--epochs", "2", "--steps", "5", "give --epochs or --steps, not both"},
      {"xor", "--steps", "-1", "--steps needs a whole number from 0"},
      {"xor", "--seed", "abc", "--seed needs a whole number"},
      {"xor", "--seed", "-3", "--seed needs a whole number"},
      {"xor", "--no-shuffle=yes", "--no-shuffle takes no value"},
      {"xor", "--json", "train does not take --json"},
      {"xor", "0.5", "unexpected argument '0.5'"},
      {"xor", "--init", missing, missing},
      {"xor", "--init", truncated, truncated},
      {"xor", "--init", wide, "initial weights"},
      {"xor", "--save", nowhere, "is in a folder that does not exist"},
      {"xor", "--save", dir, "is a folder, not a file name"},
      {"xor", "--export-data", nowhere, "--export-data:"},
      {"xor", "--data-dir", no_mnist, "neither train-images-idx3-ubyte"},
      {"xor", "--data-dir", bad_mnist, "images hold 20 samples but labels 19"},
      {"xor", "--data-dir", tiny_mnist, "lesson xor does not use MNIST"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *args[9] = {"train"};
    int n = 0;
    while (n < 7 && cases[i][n + 1])
      n++;
    for (int k = 0; k < n; k++)
      args[k + 1] = cases[i][k];
    r = run_cli_argv(args);
    assert_usage_error(&r, cases[i][n]);
    cli_result_clear(&r);
  }
  /* A wrong shape is named with the tensor. */
  r = run_cli("train", "xor", "--init", wide, NULL);
  g_assert_nonnull(strstr(r.err, "0.weight"));
  cli_result_clear(&r);

  const char *planned = planned_lesson();
  if (planned) {
    r = run_cli("train", planned, NULL);
    assert_usage_error(&r, "is not available in this version yet");
    cli_result_clear(&r);
  }
  tmp_dir_remove(dir);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/train/epochs", test_train_epochs);
  g_test_add_func("/cli/train/presets", test_train_presets);
  g_test_add_func("/cli/train/steps", test_train_steps);
  g_test_add_func("/cli/train/determinism", test_train_determinism);
  g_test_add_func("/cli/train/threads-same-bits", test_train_threads_same_bits);
  g_test_add_func("/cli/train/custom-variant", test_train_custom_variant);
  g_test_add_func("/cli/train/init-round-trip", test_train_init_round_trip);
  g_test_add_func("/cli/train/steps-zero", test_train_steps_zero);
  g_test_add_func("/cli/train/export-data", test_train_export_data);
  g_test_add_func("/cli/train/diverged", test_train_diverged);
  g_test_add_func("/cli/train/interrupted", test_train_interrupted);
  g_test_add_func("/cli/train/refusals", test_train_refusals);
  return g_test_run();
}
