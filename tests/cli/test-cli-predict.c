/* `predict MODEL IMAGE`: PNGs written here (grey, colour, alpha, either polarity, 1×1,
 * 10,000 × 10,000, broken) read with a hand-made model that answers for real, the weights of
 * every MNIST lesson this build trains, and the refusals.
 *
 * The hand-made model is lesson 4's shape, Linear(784, 10), saved as PyTorch would save it (no
 * metadata): class 1's weights are 1 on a vertical stroke through the middle of the 28×28
 * picture (rows 4–23, columns 13–14), class 4's on a horizontal one (rows 13–14, columns
 * 4–23), every other weight and bias 0. A prepared vertical bar (20 pixels tall, centred on
 * column 14) then scores ~40 for class 1 and a few for class 4; a horizontal bar the reverse.
 * So the answer tests the whole preparation: polarity, crop, fit and centring. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "nn_registry.h"

#define SIDE 28

typedef struct {
  char *dir;
  char *model; /* the hand-made Linear(784, 10) */
} Fixture;

static void write_hand_made_model(const char *path, const char *classes)
{
  static float w[10 * SIDE * SIDE], b[10];
  memset(w, 0, sizeof w);
  for (int i = 4; i < 24; i++)
    for (int k = 13; k < 15; k++) {
      w[1 * SIDE * SIDE + i * SIDE + k] = 1; /* class 1: rows 4–23, columns 13–14 */
      w[4 * SIDE * SIDE + k * SIDE + i] = 1; /* class 4: rows 13–14, columns 4–23 */
    }
  nn_st_tensor t[2] = {
      {.name = "0.weight",
       .dtype = NN_F32,
       .ndim = 2,
       .shape = {10, SIDE * SIDE},
       .data = w,
       .nbytes = sizeof w},
      {.name = "0.bias", .dtype = NN_F32, .ndim = 1, .shape = {10}, .data = b, .nbytes = sizeof b},
  };
  nn_st_meta meta[] = {{"classes", (char *) classes}};
  nn_error err = {{0}};
  g_assert_true(nn_st_write_file(path, t, 2, meta, classes ? 1 : 0, &err));
}

static void fixture_set_up(Fixture *f, gconstpointer data)
{
  f->dir = tmp_dir_new();
  f->model = g_build_filename(f->dir, "softmax.safetensors", NULL);
  write_hand_made_model(f->model, NULL);
}

static void fixture_tear_down(Fixture *f, gconstpointer data)
{
  g_free(f->model);
  tmp_dir_remove(f->dir);
}

/* ---- pictures: a bar on paper ---- */

typedef struct {
  int w, h, color_type;
  bool vertical;
  uint8_t ink[4], paper[4]; /* in the image's channels */
} Bar;

static void bar_row(int y, uint8_t *row, void *user)
{
  const Bar *b = user;
  static const int channels[7] = {1, 0, 3, 0, 2, 0, 4};
  int c = channels[b->color_type];
  for (int x = 0; x < b->w; x++) {
    /* A bar a tenth of the picture wide and 60% of it long, in the middle. */
    double u = (x + 0.5) / b->w, v = (y + 0.5) / b->h;
    if (!b->vertical) {
      double t = u;
      u = v;
      v = t;
    }
    bool on = u > 0.45 && u < 0.55 && v > 0.2 && v < 0.8;
    memcpy(row + (size_t) x * (size_t) c, on ? b->ink : b->paper, (size_t) c);
  }
}

static char *write_bar(const Fixture *f, const char *name, Bar bar)
{
  char *path = g_build_filename(f->dir, name, NULL);
  write_png(path, bar.w, bar.h, bar.color_type, bar_row, &bar);
  return path;
}

/* Runs predict and returns the digit, checking the JSON: ten probabilities summing to 1, the
 * digit the most likely one. *p_best gets its probability. */
static int predict_ok(const char *model, const char *image, float *p_best, char **class_name)
{
  CliResult r = run_cli("predict", model, image, NULL);
  if (r.status != 0)
    g_error("predict %s: %s", image, r.err);
  g_assert_cmpstr(r.err, ==, "");
  Json j;
  json_parse(&j, r.out);
  int digit = (int) json_num_of(&j, 0, "digit");
  int probs = json_member(&j, 0, "probabilities");
  g_assert_cmpint(j.doc.values[probs].n_children, ==, 10);
  double sum = 0, best = -1;
  int arg = -1;
  for (int c = 0; c < 10; c++) {
    double p = json_num(&j, json_element(&j, probs, c));
    g_assert_cmpfloat(p, >=, 0);
    sum += p;
    if (p > best)
      best = p, arg = c;
  }
  g_assert_cmpfloat(fabs(sum - 1), <, 1e-4);
  g_assert_cmpint(arg, ==, digit);
  if (p_best)
    *p_best = (float) best;
  int cls = json_member(&j, 0, "class");
  if (class_name)
    *class_name = cls >= 0 ? g_strdup(json_str(&j, cls)) : NULL;
  else
    g_assert_cmpint(cls, ==, -1);
  json_clear(&j);
  cli_result_clear(&r);
  return digit;
}

static void expect_digit(const Fixture *f, const char *name, Bar bar, int digit)
{
  g_autofree char *path = write_bar(f, name, bar);
  float p;
  g_assert_cmpint(predict_ok(f->model, path, &p, NULL), ==, digit);
  g_assert_cmpfloat(p, >, 0.99);
}

#define GREY(v)                                                                                    \
  {                                                                                                \
    v                                                                                              \
  }
#define RGB(r, g, b)                                                                               \
  {                                                                                                \
    r, g, b                                                                                        \
  }

static void test_predict_bars(Fixture *f, gconstpointer data)
{
  /* Dark ink on white paper, both orientations, and sizes with odd aspect ratios. */
  expect_digit(f, "v.png", (Bar){120, 90, 0, true, GREY(0), GREY(255)}, 1);
  expect_digit(f, "h.png", (Bar){120, 90, 0, false, GREY(0), GREY(255)}, 4);
  expect_digit(f, "tall.png", (Bar){31, 200, 0, true, GREY(10), GREY(240)}, 1);
  /* Light ink on dark paper. */
  expect_digit(f, "v-dark.png", (Bar){64, 64, 0, true, GREY(255), GREY(0)}, 1);
  expect_digit(f, "h-dark.png", (Bar){64, 64, 0, false, GREY(230), GREY(20)}, 4);
  /* Colour: navy ink on light yellow. */
  expect_digit(f, "v-rgb.png", (Bar){100, 100, 2, true, RGB(20, 30, 120), RGB(250, 240, 180)}, 1);
  /* Alpha: black strokes on a transparent canvas, white ones on another. */
  expect_digit(f, "h-ga.png", (Bar){80, 80, 4, false, {0, 255}, {255, 0}}, 4);
  expect_digit(f, "v-rgba.png", (Bar){80, 60, 6, true, {255, 255, 255, 255}, {0, 0, 0, 0}}, 1);
}

/* 10,000 × 10,000, the largest side the decoder accepts: read (averaged down first). */
static void test_predict_huge(Fixture *f, gconstpointer data)
{
  expect_digit(f, "huge.png", (Bar){10000, 10000, 0, true, GREY(0), GREY(255)}, 1);
}

/* A single pixel: dark, it is a dot filling the 20×20 box (an answer, not a crash); light, it
 * is paper. */
static void test_predict_one_pixel(Fixture *f, gconstpointer data)
{
  g_autofree char *dark = write_bar(f, "dark1.png", (Bar){1, 1, 0, true, GREY(0), GREY(0)});
  int digit = predict_ok(f->model, dark, NULL, NULL);
  g_assert_cmpint(digit, >=, 0);
  g_assert_cmpint(digit, <, 10);
  g_autofree char *light = write_bar(f, "light1.png", (Bar){1, 1, 0, true, GREY(255), GREY(255)});
  CliResult r = run_cli("predict", f->model, light, NULL);
  assert_usage_error(&r, "nothing is drawn");
  cli_result_clear(&r);
}

static void test_predict_fashion_names(Fixture *f, gconstpointer data)
{
  g_autofree char *model = g_build_filename(f->dir, "fashion.safetensors", NULL);
  write_hand_made_model(model, "fashion");
  g_autofree char *v = write_bar(f, "v.png", (Bar){50, 50, 0, true, GREY(0), GREY(255)});
  g_autofree char *h = write_bar(f, "h.png", (Bar){50, 50, 0, false, GREY(0), GREY(255)});
  char *name = NULL;
  g_assert_cmpint(predict_ok(model, v, NULL, &name), ==, 1);
  g_assert_cmpstr(name, ==, "Trouser");
  g_free(name);
  g_assert_cmpint(predict_ok(model, h, NULL, &name), ==, 4);
  g_assert_cmpstr(name, ==, "Coat");
  g_free(name);
}

static void test_predict_refusals(Fixture *f, gconstpointer data)
{
  g_autofree char *image = write_bar(f, "v.png", (Bar){40, 40, 0, true, GREY(0), GREY(255)});
  g_autofree char *blank = write_bar(f, "blank.png", (Bar){50, 50, 0, true, GREY(255), GREY(255)});
  g_autofree char *missing = g_build_filename(f->dir, "missing.png", NULL);
  g_autofree char *not_png = g_build_filename(f->dir, "not.png", NULL);
  g_autofree char *cut_png = g_build_filename(f->dir, "cut.png", NULL);
  g_autofree char *cut_model = g_build_filename(f->dir, "cut.safetensors", NULL);
  g_autofree char * xor = g_build_filename(f->dir, "xor.safetensors", NULL);
  g_autofree char *foreign = g_build_filename(f->dir, "foreign.safetensors", NULL);
  g_assert_true(g_file_set_contents(not_png, "GIF89a, not a PNG", -1, NULL));
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true(g_file_get_contents(image, &bytes, &len, NULL));
  g_assert_true(g_file_set_contents(cut_png, bytes, (gssize) len / 2, NULL));
  g_clear_pointer(&bytes, g_free);
  g_assert_true(g_file_get_contents(f->model, &bytes, &len, NULL));
  g_assert_true(g_file_set_contents(cut_model, bytes, (gssize) len - 100, NULL));
  CliResult r = run_cli("train", "xor", "--steps", "0", "--save", xor, NULL);
  g_assert_cmpint(r.status, ==, 0);
  cli_result_clear(&r);
  /* Weights of no lesson this version knows, and not a plain Linear(784, 10) either. */
  float w[20] = {0};
  nn_st_tensor t = {.name = "0.weight",
                    .dtype = NN_F32,
                    .ndim = 2,
                    .shape = {10, 2},
                    .data = w,
                    .nbytes = sizeof w};
  nn_st_meta meta[] = {{"lesson", "no-such-lesson"}};
  nn_error err = {{0}};
  g_assert_true(nn_st_write_file(foreign, &t, 1, meta, 1, &err));

  const char *cases[][3] = {
      {f->model, blank, "nothing is drawn"},
      {f->model, missing, missing},
      {f->model, not_png, not_png},
      {f->model, cut_png, cut_png},
      {missing, image, missing},
      {cut_model, image, cut_model},
      {xor, image, "the model of lesson xor, variant xor reads (2,) and gives 1 value:"},
      {foreign, image, "no-such-lesson"},
      {image, image, image}, /* a PNG is not a weights file */
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    r = run_cli("predict", cases[i][0], cases[i][1], NULL);
    assert_usage_error(&r, cases[i][2]);
    cli_result_clear(&r);
  }
  r = run_cli("predict", xor, image, NULL);
  g_assert_nonnull(strstr(r.err, "predict needs the weights of an MNIST lesson"));
  cli_result_clear(&r);
  r = run_cli("predict", f->model, image, "extra", NULL);
  assert_usage_error(&r, "predict needs two files");
  cli_result_clear(&r);
}

/* Does variant 0 of lesson l (Quick preset) read 28×28 or 16×16 digits into ten classes? */
static bool is_image_lesson(const nn_lesson *l)
{
  if (!l->plan_variant || !l->build_data)
    return false;
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(l, NN_PRESET_QUICK, params);
  nn_variant_plan plan = {0};
  if (!l->plan_variant(params, 0, &plan, NULL))
    return false;
  size_t in = nn_shape_numel(plan.in_ndim, plan.in_shape);
  if (in != 784 && in != 256)
    return false;
  nn_model *m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, NULL);
  bool ten = m && nn_model_layer_numel(m, nn_model_n_layers(m) - 1) == 10;
  nn_model_free(m);
  return ten;
}

/* Every MNIST lesson this build trains: one step, saved, then predicted from the file alone;
 * with a Fashion-MNIST folder the answer carries class names. */
static void test_predict_lesson_weights(Fixture *f, gconstpointer data)
{
  g_autofree char *image = write_bar(f, "v.png", (Bar){40, 40, 0, true, GREY(0), GREY(255)});
  g_autofree char *fashion = g_build_filename(f->dir, "fashion-tiny", NULL);
  g_assert_cmpint(g_mkdir(fashion, 0700), ==, 0);
  write_mnist_dir(fashion, 30, 30, 10);
  int covered = 0;
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    if (!is_image_lesson(l))
      continue;
    g_autofree char *weights = g_strdup_printf("%s/%s.safetensors", f->dir, l->id);
    CliResult r = run_cli("train", l->id, "--steps", "1", "--save", weights, NULL);
    if (r.status != 0)
      g_error("train %s: %s", l->id, r.err);
    cli_result_clear(&r);
    nn_st_file st;
    read_st(weights, &st);
    g_assert_cmpstr(nn_st_meta_get(&st, "lesson"), ==, l->id);
    g_assert_cmpstr(nn_st_meta_get(&st, "classes"), ==, "digits");
    nn_st_file_free(&st);
    int digit = predict_ok(weights, image, NULL, NULL);
    g_assert_cmpint(digit, >=, 0);
    g_assert_cmpint(digit, <, 10);

    r = run_cli("train", l->id, "--steps", "1", "--data-dir", fashion, "--save", weights, NULL);
    if (r.status != 0)
      g_error("train %s on Fashion-MNIST: %s", l->id, r.err);
    cli_result_clear(&r);
    char *name = NULL;
    predict_ok(weights, image, NULL, &name);
    g_assert_nonnull(name);
    g_assert_cmpstr(name, !=, "1");
    g_free(name);
    covered++;
  }
  g_test_message("%d MNIST lessons' weights predicted", covered);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD("/cli/predict/bars", test_predict_bars);
  ADD("/cli/predict/huge", test_predict_huge);
  ADD("/cli/predict/one-pixel", test_predict_one_pixel);
  ADD("/cli/predict/fashion-names", test_predict_fashion_names);
  ADD("/cli/predict/refusals", test_predict_refusals);
  ADD("/cli/predict/lesson-weights", test_predict_lesson_weights);
#undef ADD
  return g_test_run();
}
