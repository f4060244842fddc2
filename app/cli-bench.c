/* `bench`: the workloads of DESIGN §6, exactly those of ../shared/bench/torch_baseline.py, built
 * from the engine directly (no lesson), so the numbers compare the engine with PyTorch.
 *
 * Each: bundled MNIST (first 8,000 train, last 2,000 test), PyTorch's default initialisation,
 * cross-entropy, SGD lr 0.1, batch 100, a new permutation each epoch. Timed: the training loop
 * alone (shuffle, gather, forward, loss, backward, step), which allocates nothing. Then the
 * test accuracy, and one sample's evaluation forward pass: 20 warm-up runs, the mean of 200. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eiaf-data.h"
#include "nn_init.h"
#include "nn_lesson_util.h"
#include "nn_loss.h"
#include "nn_mnist.h"
#include "nn_model.h"
#include "nn_optim.h"
#include "cli-options.h"
#include "nn_pool.h"

#define BATCH    100
#define LR       0.1f
#define CLASSES  10
#define WARM_UP  20
#define PREDICTS 200

typedef enum { ARCH_SOFTMAX, ARCH_MLP, ARCH_DEEP, ARCH_CNN } Arch;

typedef struct {
  const char *name;
  int side;  /* MNIST at 28, or resized to 16 */
  bool flat; /* Linear input (side²) rather than (1, side, side) */
  int epochs;
  float momentum;
  Arch arch;
} Workload;

static const Workload workloads[] = {
    {"softmax", 28, true, 5, 0, ARCH_SOFTMAX}, {"mlp", 28, true, 5, 0, ARCH_MLP},
    {"deep", 28, true, 5, 0.9f, ARCH_DEEP},    {"cnn16", 16, false, 3, 0, ARCH_CNN},
    {"cnn28", 28, false, 2, 0, ARCH_CNN},
};

/* The torch script's models: Linear(784, 10); 784-100-10 sigmoid; 784-50-50-10 ReLU; its CNN
 * (lessons 24 and 26). Returns the number of layers. */
static int workload_layers(Arch arch, int side, nn_layer_spec *layers)
{
  int n = 0;
  switch (arch) {
  case ARCH_SOFTMAX:
    break;
  case ARCH_MLP:
    layers[n++] = NN_LAYER_LINEAR(100);
    layers[n++] = NN_LAYER_SIGMOID;
    break;
  case ARCH_DEEP:
    for (int i = 0; i < 2; i++) {
      layers[n++] = NN_LAYER_LINEAR(50);
      layers[n++] = NN_LAYER_RELU;
    }
    break;
  case ARCH_CNN: {
    /* Exactly the lessons' network (its Linear(…, 10) included). */
    nn_variant_plan plan = {0};
    nn_plan_course_cnn(&plan, side, false);
    memcpy(layers, plan.layers, sizeof(nn_layer_spec) * (size_t) plan.n_layers);
    return plan.n_layers;
  }
  }
  layers[n++] = NN_LAYER_LINEAR(CLASSES);
  return n;
}

typedef struct {
  double samples_per_s, epoch_s, test_acc, predict_us;
  int train_n, test_n, epochs;
} BenchResult;

/* What the command line may change. The defaults are DESIGN §6's workloads; the others scale
 * them up (a full MNIST or Fashion-MNIST folder, more epochs, the first N training images)
 * to show that the cost grows linearly with the data. */
typedef struct {
  int threads;
  const char *data_dir; /* NULL: the bundled subset */
  int epochs;           /* 0: the workload's own */
  int train_size;       /* 0: all of the set's training images */
} BenchOptions;

/* Everything a run needs, allocated before the clock starts. */
typedef struct {
  nn_model *model;
  nn_optim optim;
  int32_t *order, *batch_y;
  float *batch_x, *dout, *test_out;
} BenchRun;

static void bench_run_free(BenchRun *r)
{
  nn_model_free(r->model);
  nn_optim_free(&r->optim);
  free(r->order);
  free(r->batch_y);
  nn_free_aligned(r->batch_x);
  free(r->dout);
  free(r->test_out);
}

static bool bench_run_init(BenchRun *r, const Workload *w, const nn_dataset *train,
                           const nn_dataset *test, int threads, nn_error *err)
{
  int in_shape[3] = {1, w->side, w->side};
  int flat = w->side * w->side;
  nn_layer_spec layers[NN_MAX_LAYERS];
  int n_layers = workload_layers(w->arch, w->side, layers);
  memset(r, 0, sizeof *r);
  r->model = nn_model_new(w->flat ? 1 : 3, w->flat ? &flat : in_shape, layers, n_layers, err);
  if (!r->model || !nn_model_reserve(r->model, BATCH, err) ||
      !nn_model_set_threads(r->model, threads, err))
    return false;
  nn_rng rng;
  nn_rng_seed(&rng, 0, 0);
  nn_init_default(r->model, &rng);
  nn_optim_config oc = {.kind = NN_OPTIM_SGD, .lr = LR, .momentum = w->momentum};
  if (!nn_optim_init(&r->optim, &oc, nn_model_n_values(r->model), err))
    return false;
  size_t numel = nn_dataset_sample_numel(train);
  r->order = nn_alloc((size_t) train->n, sizeof(int32_t), err);
  r->batch_y = nn_alloc(BATCH, sizeof(int32_t), err);
  r->batch_x = nn_alloc_aligned(BATCH * numel, sizeof(float), err);
  r->dout = nn_alloc(BATCH * CLASSES, sizeof(float), err);
  r->test_out = nn_alloc((size_t) test->n * CLASSES, sizeof(float), err);
  if (!r->order || !r->batch_y || !r->batch_x || !r->dout || !r->test_out)
    return false;
  for (int i = 0; i < train->n; i++)
    r->order[i] = i;
  return true;
}

/* The timed part: epochs of shuffled batches. */
static void train_epochs(BenchRun *r, const nn_dataset *train, int epochs, nn_rng *shuffle)
{
  nn_model_set_training(r->model, true);
  for (int e = 0; e < epochs; e++) {
    nn_rng_shuffle(shuffle, r->order, train->n);
    for (int first = 0; first < train->n; first += BATCH) {
      int count = NN_MIN(BATCH, train->n - first);
      nn_dataset_gather(train, r->order + first, count, r->batch_x, r->batch_y, NULL);
      const float *out = nn_model_forward(r->model, r->batch_x, count);
      nn_target y = {.classes = r->batch_y};
      nn_loss_forward(NN_LOSS_CROSS_ENTROPY, out, y, count, CLASSES);
      nn_loss_backward(NN_LOSS_CROSS_ENTROPY, out, y, count, CLASSES, r->dout);
      nn_model_backward(r->model, r->dout);
      nn_optim_step(&r->optim, nn_model_values(r->model), nn_model_grads(r->model));
    }
  }
}

static double test_accuracy(BenchRun *r, const nn_dataset *test)
{
  nn_model_predict(r->model, test->x, test->n, r->test_out);
  int correct = 0;
  for (int i = 0; i < test->n; i++) {
    const float *o = r->test_out + (size_t) i * CLASSES;
    int guess = 0;
    for (int c = 1; c < CLASSES; c++)
      if (o[c] > o[guess])
        guess = c;
    correct += guess == test->y_class[i];
  }
  return (double) correct / test->n;
}

static double predict_us(BenchRun *r, const nn_dataset *test)
{
  const float *x1 = test->x;
  for (int i = 0; i < WARM_UP; i++)
    nn_model_forward(r->model, x1, 1);
  double t0 = nn_now();
  for (int i = 0; i < PREDICTS; i++)
    nn_model_forward(r->model, x1, 1);
  return (nn_now() - t0) / PREDICTS * 1e6;
}

static bool run_workload(const Workload *w, const BenchOptions *o, BenchResult *res, nn_error *err)
{
  const nn_mnist *m = eiaf_data_get_mnist(o->data_dir, w->side, err);
  if (!m)
    return false;
  nn_dataset train = m->train, test = m->test;
  int flat = w->side * w->side;
  if (w->flat && (!nn_dataset_reshape(&m->train, 1, &flat, &train, err) ||
                  !nn_dataset_reshape(&m->test, 1, &flat, &test, err)))
    return false;
  if (o->train_size > train.n)
    return nn_fail(err, "--train-size %d: the set has %d training images", o->train_size, train.n);
  if (o->train_size > 0) /* the first N, still the set's memory */
    train.n = o->train_size;
  int epochs = o->epochs > 0 ? o->epochs : w->epochs;
  BenchRun r;
  bool ok = bench_run_init(&r, w, &train, &test, o->threads, err);
  if (ok) {
    nn_rng shuffle;
    nn_rng_seed(&shuffle, 0, 1);
    double t0 = nn_now();
    train_epochs(&r, &train, epochs, &shuffle);
    double dt = nn_now() - t0;
    nn_model_set_training(r.model, false);
    res->train_n = train.n;
    res->test_n = test.n;
    res->epochs = epochs;
    res->samples_per_s = (double) train.n * epochs / dt;
    res->epoch_s = dt / epochs;
    res->test_acc = test_accuracy(&r, &test);
    res->predict_us = predict_us(&r, &test);
  }
  bench_run_free(&r);
  return ok;
}

static const Workload *find_workload(const char *name)
{
  for (size_t i = 0; i < NN_N_ELEMENTS(workloads); i++)
    if (!strcmp(workloads[i].name, name))
      return &workloads[i];
  return NULL;
}

/* argv[*i] is `name` with its value either after '=' or as the next argument: returns the
 * value (moving *i past it), or NULL when argv[*i] is another option. *missing is set when
 * the option is there without a value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
  size_t len = strlen(name);
  const char *a = argv[*i];
  if (strncmp(a, name, len) != 0)
    return NULL;
  if (a[len] == '=')
    return a + len + 1;
  if (a[len] != '\0')
    return NULL;
  if (*i + 1 >= argc) {
    *missing = true;
    return NULL;
  }
  return argv[++*i];
}

/* The options that take a whole number, and where it goes. --threads: the convolution and
 * pooling layers split each batch over the threads; the results do not depend on their
 * number. */
static const struct {
  const char *name;
  int min, max;
  size_t field; /* offsetof(BenchOptions, …) */
} count_options[] = {
    {"--threads", 1, NN_POOL_MAX_THREADS, offsetof(BenchOptions, threads)},
    {"--epochs", 1, 1000, offsetof(BenchOptions, epochs)},
    {"--train-size", 1, 100000000, offsetof(BenchOptions, train_size)},
};

/* Reads one option at argv[*i] into o. Returns false after a usage message; *matched tells
 * whether argv[*i] was one of bench's options at all. */
static bool parse_option(int argc, char **argv, int *i, BenchOptions *o, bool *matched)
{
  bool missing = false;
  *matched = true;
  for (size_t k = 0; k < NN_N_ELEMENTS(count_options); k++) {
    const char *name = count_options[k].name;
    const char *v = option_value(argc, argv, i, name, &missing);
    if (v)
      return cli_parse_count(name, v, count_options[k].min, count_options[k].max,
                             (int *) ((char *) o + count_options[k].field));
    if (missing) {
      cli_usage_error("%s needs a value", name);
      return false;
    }
  }
  const char *dir = option_value(argc, argv, i, "--data-dir", &missing);
  if (dir) {
    o->data_dir = dir;
    return cli_check_data_dir(dir);
  }
  if (missing) {
    cli_usage_error("--data-dir needs a value");
    return false;
  }
  *matched = false;
  return true;
}

int cli_cmd_bench(int argc, char **argv)
{
  const Workload *chosen[64];
  int n = 0;
  BenchOptions opts = {.threads = 1};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    bool matched = false;
    if (!parse_option(argc, argv, &i, &opts, &matched))
      return CLI_USAGE;
    if (matched)
      continue;
    if (a[0] == '-') {
      return cli_usage_error(
          "bench has no option %s (it takes --threads, --epochs, --train-size, --data-dir)", a);
    } else if (!find_workload(a)) {
      return cli_usage_error("unknown workload '%s' (softmax, mlp, deep, cnn16, cnn28)", a);
    } else if (n == (int) NN_N_ELEMENTS(chosen)) {
      return cli_usage_error("bench takes at most %d workloads", n);
    } else {
      chosen[n++] = find_workload(a);
    }
  }
  if (n == 0) /* all, in the torch script's order */
    for (size_t i = 0; i < NN_N_ELEMENTS(workloads); i++)
      chosen[n++] = &workloads[i];

  int status = CLI_OK;
  for (int i = 0; i < n && status == CLI_OK; i++) {
    BenchResult r = {0};
    nn_error err = {{0}};
    if (!run_workload(chosen[i], &opts, &r, &err)) {
      status = cli_run_error("bench %s: %s", chosen[i]->name, err.message);
      break;
    }
    printf("{\"workload\":\"%s\",\"threads\":%d,\"samples_per_s\":%.0f,\"epoch_s\":%.4f,"
           "\"test_acc\":%.4f,\"predict_us\":%.1f,\"train_n\":%d,\"test_n\":%d,\"epochs\":%d}\n",
           chosen[i]->name, opts.threads, r.samples_per_s, r.epoch_s, r.test_acc, r.predict_us,
           r.train_n, r.test_n, r.epochs);
  }
  eiaf_data_cleanup();
  return status;
}
