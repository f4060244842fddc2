/* The command line, run as a user would: list, help, describe, bench, and exit status 2 with
 * one line naming the problem for every misuse. `train` is in test-cli-train.c, `predict` in
 * test-cli-predict.c. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "nn_registry.h"

static void test_cli_list(void)
{
  CliResult r = run_cli("list", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_cmpstr(r.err, ==, "");
  g_assert_true(g_str_has_suffix(r.out, "\n"));
  g_auto(GStrv) lines = g_strsplit(g_strchomp(r.out), "\n", -1);
  g_assert_cmpuint(g_strv_length(lines), ==, 26);
  g_assert_cmpint(nn_lesson_count(), ==, 26);
  for (int i = 0; i < 26; i++) {
    g_auto(GStrv) cols = g_strsplit(lines[i], "\t", -1);
    g_assert_cmpuint(g_strv_length(cols), ==, 2);
    g_assert_cmpstr(cols[0], ==, nn_lesson_at(i)->id);
    g_assert_cmpstr(cols[1], ==, nn_lesson_at(i)->title);
  }
  g_assert_cmpstr(nn_lesson_at(0)->id, ==, "logistic-bad-init");
  g_assert_cmpstr(nn_lesson_at(6)->id, ==, "xor");
  g_assert_cmpstr(nn_lesson_at(25)->id, ==, "cnn-mnist");
  cli_result_clear(&r);
}

static void test_cli_help(void)
{
  static const char *const ways[][3] = {
      {"--help", NULL},
      {"-h", NULL},
      {"help", NULL},
  };
  for (guint i = 0; i < G_N_ELEMENTS(ways); i++) {
    CliResult r = run_cli(ways[i][0], NULL);
    g_assert_cmpint(r.status, ==, 0);
    g_assert_true(g_str_has_prefix(r.out, "Usage: everything-is-a-font-cli COMMAND"));
    g_assert_nonnull(strstr(r.out, "  list "));
    g_assert_nonnull(strstr(r.out, "describe LESSON"));
    g_assert_nonnull(strstr(r.out, "predict MODEL.safetensors IMAGE.png"));
    g_assert_nonnull(strstr(r.out, "bench"));
    cli_result_clear(&r);
  }
  /* Each command's own usage, asked for two ways. */
  static const char *const commands[][2] = {
      {"train", "--no-shuffle"}, {"describe", "--json"}, {"predict", "IMAGE.png"},
      {"bench", "cnn28"},        {"list", "one a line"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
    g_autofree char *prefix = g_strdup_printf("Usage: everything-is-a-font-cli %s", commands[i][0]);
    CliResult a = run_cli("help", commands[i][0], NULL);
    CliResult b = run_cli(commands[i][0], "--help", NULL);
    g_assert_cmpint(a.status, ==, 0);
    g_assert_cmpint(b.status, ==, 0);
    g_assert_true(g_str_has_prefix(a.out, prefix));
    g_assert_nonnull(strstr(a.out, commands[i][1]));
    g_assert_cmpstr(a.out, ==, b.out);
    cli_result_clear(&a);
    cli_result_clear(&b);
  }
  CliResult r = run_cli("train", "xor", "--lr", "0.5", "-h", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_nonnull(strstr(r.out, "--export-data"));
  cli_result_clear(&r);

  r = run_cli("--version", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_true(g_str_has_prefix(r.out, "everything-is-a-font-cli "));
  g_assert_true(g_ascii_isdigit(r.out[strlen("everything-is-a-font-cli ")]));
  cli_result_clear(&r);
}

static void test_cli_misuse_exits_2(void)
{
  static const char *const cases[][4] = {
      /* arguments (up to 3), then what the message must name */
      {"frobnicate", NULL, NULL, "unknown command 'frobnicate'"},
      {"--frobnicate", NULL, NULL, "unknown option '--frobnicate'"},
      {"list", "extra", NULL, "list takes no arguments (got 'extra')"},
      {"help", "frobnicate", NULL, "unknown command 'frobnicate'"},
      {"describe", NULL, NULL, "describe needs a lesson id"},
      {"describe", "nope", NULL, "unknown lesson 'nope'"},
      {"describe", "xor", "--save", "describe does not take --save"},
      {"describe", "xor", "--momentum", "lesson xor has no option --momentum"},
      {"train", NULL, NULL, "train needs a lesson id"},
      {"predict", "only-one.safetensors", NULL, "predict needs two files"},
      {"bench", "frobnicate", NULL, "unknown workload 'frobnicate'"},
      {"bench", "--threads", "0", "--threads: a number from 1 to 8"},
      {"bench", "--threads", NULL, "--threads needs a value"},
      {"bench", "--fast", NULL, "bench has no option --fast"},
      {"bench", "--epochs", "0", "--epochs: a number from 1 to 1000"},
      {"bench", "--train-size=-5", NULL, "--train-size: a number from 1 to"},
      {"bench", "--data-dir", "/nonexistent", "--data-dir: /nonexistent"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *args[4] = {cases[i][0], cases[i][1], cases[i][1] ? cases[i][2] : NULL, NULL};
    CliResult r = run_cli_argv(args);
    assert_usage_error(&r, cases[i][3]);
    cli_result_clear(&r);
  }
  CliResult r = run_cli_argv((const char *const[]){NULL});
  assert_usage_error(&r, "no command given");
  cli_result_clear(&r);
}

/* ---- describe ---- */

static void test_cli_describe_text(void)
{
  CliResult r = run_cli("describe", "xor", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_true(g_str_has_prefix(r.out, "xor — XOR (chapter 2)"));
  g_assert_nonnull(strstr(r.out, "--hidden"));
  g_assert_nonnull(strstr(r.out, "--batch-size"));
  g_assert_nonnull(strstr(r.out, "model = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), "
                                 "nn.Linear(3, 1), nn.Sigmoid())"));
  g_assert_nonnull(strstr(r.out, "loss: bce"));
  g_assert_nonnull(strstr(r.out, "optimizer: sgd, lr 1, momentum 0"));
  g_assert_true(g_regex_match_simple("0\\.weight +float32 \\(3, 2\\)", r.out, 0, 0));
  g_assert_true(g_regex_match_simple("2\\.bias +float32 \\(1,\\)", r.out, 0, 0));
  cli_result_clear(&r);

  /* Options shape the model shown, as they would in train. */
  r = run_cli("describe", "xor", "--hidden", "7", "--preset", "course", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_nonnull(strstr(r.out, "nn.Linear(2, 7)"));
  g_assert_nonnull(strstr(r.out, "optimizer: sgd, lr 0.1"));
  cli_result_clear(&r);
}

static void check_tensor(const Json *j, int tensors, int i, const char *name, int rows, int cols)
{
  int t = json_element(j, tensors, i);
  g_assert_cmpint(t, >=, 0);
  g_assert_cmpstr(json_str_of(j, t, "name"), ==, name);
  g_assert_cmpstr(json_str_of(j, t, "dtype"), ==, "F32");
  int shape = json_member(j, t, "shape");
  g_assert_cmpint(json_num(j, json_element(j, shape, 0)), ==, rows);
  if (cols > 0)
    g_assert_cmpint(json_num(j, json_element(j, shape, 1)), ==, cols);
  g_assert_cmpint(json_element(j, shape, cols > 0 ? 2 : 1), ==, -1);
}

static void test_cli_describe_json(void)
{
  CliResult r = run_cli("describe", "xor", "--json", "--hidden", "5", NULL);
  g_assert_cmpint(r.status, ==, 0);
  Json j;
  json_parse(&j, r.out);
  g_assert_cmpstr(json_str_of(&j, 0, "lesson"), ==, "xor");
  g_assert_cmpstr(json_str_of(&j, 0, "title"), ==, "XOR");
  g_assert_cmpint(json_num_of(&j, 0, "chapter"), ==, 2);
  g_assert_cmpstr(json_str_of(&j, 0, "preset"), ==, "quick");

  /* The presets: xor's Quick and Course values (lab: lr 0.1, 500 epochs). */
  int presets = json_member(&j, 0, "presets");
  int quick = json_member(&j, presets, "quick"), course = json_member(&j, presets, "course");
  g_assert_cmpfloat(json_num_of(&j, course, "lr"), ==, 0.1);
  g_assert_cmpfloat(json_num_of(&j, course, "epochs"), ==, 500);
  g_assert_cmpfloat(json_num_of(&j, quick, "hidden"), ==, 3);
  g_assert_cmpint(j.doc.values[json_member(&j, quick, "shuffle")].type, ==, NN_JSON_TRUE);
  g_assert_cmpfloat(json_num_of(&j, json_member(&j, 0, "values"), "hidden"), ==, 5);

  int params = json_member(&j, 0, "params");
  int first = json_element(&j, params, 0);
  g_assert_cmpstr(json_str_of(&j, first, "name"), ==, "hidden");
  g_assert_cmpstr(json_str_of(&j, first, "type"), ==, "int");
  g_assert_cmpfloat(json_num_of(&j, first, "max"), ==, 8);
  g_assert_cmpstr(json_str_of(&j, json_element(&j, params, 3), "option"), ==, "--batch-size");

  int variants = json_member(&j, 0, "variants");
  g_assert_cmpint(j.doc.values[variants].n_children, ==, 1);
  int v = json_element(&j, variants, 0);
  g_assert_cmpstr(json_str_of(&j, v, "name"), ==, "xor");
  g_assert_cmpstr(json_str_of(&j, v, "pytorch"), ==,
                  "nn.Sequential(nn.Linear(2, 5), nn.Sigmoid(), nn.Linear(5, 1), nn.Sigmoid())");
  g_assert_cmpstr(json_str_of(&j, v, "loss"), ==, "bce");
  g_assert_cmpstr(json_str_of(&j, v, "accuracy"), ==, "threshold");
  g_assert_cmpint(json_num(&j, json_element(&j, json_member(&j, v, "input_shape"), 0)), ==, 2);
  int optim = json_member(&j, v, "optimizer");
  g_assert_cmpstr(json_str_of(&j, optim, "name"), ==, "sgd");
  g_assert_cmpfloat(json_num_of(&j, optim, "lr"), ==, 1);
  g_assert_cmpfloat(json_num_of(&j, optim, "momentum"), ==, 0);
  int tensors = json_member(&j, v, "tensors");
  g_assert_cmpint(j.doc.values[tensors].n_children, ==, 4);
  check_tensor(&j, tensors, 0, "0.weight", 5, 2);
  check_tensor(&j, tensors, 1, "0.bias", 5, 0);
  check_tensor(&j, tensors, 2, "2.weight", 1, 5);
  check_tensor(&j, tensors, 3, "2.bias", 1, 0);
  json_clear(&j);
  cli_result_clear(&r);
}

/* Every lesson, built or planned, describes itself as valid JSON with its own id. */
static void test_cli_describe_every_lesson(void)
{
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    CliResult r = run_cli("describe", l->id, "--json", NULL);
    if (r.status != 0)
      g_error("describe %s: %s", l->id, r.err);
    Json j;
    json_parse(&j, r.out);
    g_assert_cmpstr(json_str_of(&j, 0, "lesson"), ==, l->id);
    int variants = json_member(&j, 0, "variants");
    g_assert_cmpint(j.doc.values[variants].n_children, ==, l->plan_variant ? l->n_variants : 0);
    for (int k = 0; k < j.doc.values[variants].n_children; k++) {
      int v = json_element(&j, variants, k);
      g_assert_true(g_str_has_prefix(json_str_of(&j, v, "pytorch"), "nn.Sequential("));
      g_assert_cmpint(json_member(&j, v, "tensors"), >=, 0);
    }
    json_clear(&j);
    cli_result_clear(&r);

    r = run_cli("describe", l->id, NULL);
    g_assert_cmpint(r.status, ==, 0);
    g_assert_true(g_str_has_prefix(r.out, l->id));
    cli_result_clear(&r);
  }
}

/* ---- bench ---- */

static void test_cli_bench_softmax(void)
{
  CliResult r = run_cli("bench", "--threads", "1", "softmax", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_cmpstr(r.err, ==, "");
  g_auto(GStrv) lines = g_strsplit(g_strchomp(r.out), "\n", -1);
  g_assert_cmpuint(g_strv_length(lines), ==, 1);
  Json j;
  json_parse(&j, lines[0]);
  g_assert_cmpstr(json_str_of(&j, 0, "workload"), ==, "softmax");
  g_assert_cmpint(json_num_of(&j, 0, "threads"), ==, 1);
  g_assert_cmpfloat(json_num_of(&j, 0, "samples_per_s"), >, 0);
  g_assert_cmpfloat(json_num_of(&j, 0, "epoch_s"), >, 0);
  g_assert_cmpfloat(json_num_of(&j, 0, "predict_us"), >, 0);
  /* Softmax regression reaches ~89% on the bundled test digits in 5 epochs (PyTorch: 0.88). */
  g_assert_cmpfloat(json_num_of(&j, 0, "test_acc"), >, 0.85);
  g_assert_cmpfloat(json_num_of(&j, 0, "test_acc"), <=, 1);
  /* samples/s and epoch_s tell the same time: 8,000 samples an epoch. */
  double implied = 8000 / json_num_of(&j, 0, "epoch_s");
  g_assert_cmpfloat(fabs(implied / json_num_of(&j, 0, "samples_per_s") - 1), <, 0.02);
  json_clear(&j);
  cli_result_clear(&r);
}

/* --train-size and --epochs scale a workload: the JSON says what was trained, and a size
 * beyond the set's is a failed run (status 1) that names both numbers. */
static void test_cli_bench_scaled(void)
{
  CliResult r = run_cli("bench", "--train-size=500", "--epochs", "2", "softmax", NULL);
  g_assert_cmpint(r.status, ==, 0);
  Json j;
  json_parse(&j, g_strchomp(r.out));
  g_assert_cmpint(json_num_of(&j, 0, "train_n"), ==, 500);
  g_assert_cmpint(json_num_of(&j, 0, "test_n"), ==, 2000);
  g_assert_cmpint(json_num_of(&j, 0, "epochs"), ==, 2);
  g_assert_cmpfloat(json_num_of(&j, 0, "samples_per_s"), >, 0);
  /* 1,000 samples seen: better than chance, below the full set's 89%. */
  g_assert_cmpfloat(json_num_of(&j, 0, "test_acc"), >, 0.5);
  json_clear(&j);
  cli_result_clear(&r);

  r = run_cli("bench", "--train-size", "9000", "softmax", NULL);
  g_assert_cmpint(r.status, ==, 1);
  g_assert_nonnull(strstr(r.err, "--train-size 9000: the set has 8000 training images"));
  cli_result_clear(&r);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/list", test_cli_list);
  g_test_add_func("/cli/help", test_cli_help);
  g_test_add_func("/cli/misuse-exits-2", test_cli_misuse_exits_2);
  g_test_add_func("/cli/describe/text", test_cli_describe_text);
  g_test_add_func("/cli/describe/json", test_cli_describe_json);
  g_test_add_func("/cli/describe/every-lesson", test_cli_describe_every_lesson);
  g_test_add_func("/cli/bench/softmax", test_cli_bench_softmax);
  g_test_add_func("/cli/bench/scaled", test_cli_bench_scaled);
  return g_test_run();
}
