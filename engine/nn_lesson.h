/* nn_lesson.h — a lesson as a declaration: its parameters, its data, its model(s), and what its
 * snapshot holds. No drawing and no UI: the app composes a page from this, the CLI runs it
 * headless, the tests train it.
 *
 * Parameters are data (nn_param_desc): name (the CLI option and settings key), label, type,
 * range, the Quick default and the Course (lab) value. A lesson compares one or more
 * *variants* — models trained side by side on the same data, from the same seed — each planned
 * by plan_variant from the parameters. Lessons that do not train a network from a data set
 * (activation functions, the momentum ball, the convolution demonstrations) provide the custom
 * hooks instead and run on the same job/snapshot machinery.
 *
 * This header is the engine's side of the contract: the trainer runs any declaration it is
 * given and knows no lesson. The lessons themselves and their registry live in lessons/
 * (nn_registry.h), built on the engine, never the other way round.
 */
#ifndef NN_LESSON_H
#define NN_LESSON_H

#include "nn_dataset.h"
#include "nn_init.h"
#include "nn_loss.h"
#include "nn_model.h"
#include "nn_optim.h"
#include "nn_snapshot.h"

/* Marks a string for translation without translating it (the app calls gettext on it;
 * xgettext is told --keyword=NN_TR). */
#define NN_TR(s) s

#define NN_MAX_PARAMS 16 /* nn_snapshot.params holds as many */

typedef enum nn_param_type {
  NN_PARAM_INT,
  NN_PARAM_FLOAT,
  NN_PARAM_CHOICE, /* value is an index into choices */
  NN_PARAM_BOOL,   /* value is 0 or 1 */
} nn_param_type;

enum {
  NN_PARAM_LOG = 1 << 0,  /* a slider over this range is logarithmic (learning rates) */
  NN_PARAM_LIVE = 1 << 1, /* applies to a running job without a restart (a marker's x) */
  /* The page spec shows a control of its own for it (the cells of lesson 20's kernel editor),
   * so the parameter panel has no row for it; the CLI takes it as any other. */
  NN_PARAM_PAGE_CONTROL = 1 << 2,
};

typedef struct nn_param_desc {
  const char *name;  /* "lr": the CLI's --lr, the settings key */
  const char *label; /* "Learning rate": visible and accessible label (translatable) */
  nn_param_type type;
  double min, max; /* inclusive range; CHOICE: 0..count-1, BOOL: 0..1 */
  double quick;    /* the Quick preset (default) */
  double course;   /* the Course preset: the lab's value */
  double step;     /* slider step; 0 for a continuous FLOAT */
  const char *unit;           /* shown after the value: "", "neurons", "epochs" */
  const char *const *choices; /* CHOICE: NULL-terminated names, e.g. {"sgd", "adam", NULL} */
  unsigned flags;
  /* CHOICE: what the page shows for each choice ("SGD", "Adam"; translatable); NULL: the
   * names themselves. */
  const char *const *choice_labels;
  const char *unit_one;  /* the unit when the value is 1 ("sample"), or NULL for `unit` */
  const char *min_label; /* shown instead of the minimum ("full batch" for 0), or NULL */
} nn_param_desc;

typedef enum nn_preset { NN_PRESET_QUICK, NN_PRESET_COURSE } nn_preset;

/* How accuracy is read from a model's output. */
typedef enum nn_accuracy_kind {
  NN_ACCURACY_NONE,      /* regression */
  NN_ACCURACY_ARGMAX,    /* logits (B, C) against class indices */
  NN_ACCURACY_THRESHOLD, /* probability (B, 1) > 0.5 against 0/1 */
  NN_ACCURACY_LOGIT,     /* logit (B, 1) > 0 against 0/1 */
} nn_accuracy_kind;

/* What plan_variant fills in: the model, its loss, its optimiser, its starting point. */
typedef struct nn_variant_plan {
  char name[32];  /* --variant NAME; legend key */
  char label[64]; /* legend text ("momentum 0.4"); translatable parts are the app's */
  int in_ndim;
  int in_shape[3];
  int n_layers;
  nn_layer_spec layers[NN_MAX_LAYERS];
  nn_loss_kind loss;
  nn_accuracy_kind accuracy;
  nn_optim_config optim;
  nn_init_kind init;
  float init_value; /* NN_INIT_CONSTANT's weight value */
  /* Optional: set special starting values after initialisation (lesson 1's w = −5, b = −10). */
  void (*after_init)(nn_model *m, const double *params);
} nn_variant_plan;

/* Shared, read-only data a lesson may ask the host for (the host loads it once, lazily, and
 * keeps it alive while any job uses it). */
typedef struct nn_mnist nn_mnist;
typedef struct nn_lesson_env {
  /* MNIST (or the folder's Fashion-MNIST) at side 28, or bilinearly resized to side 16. */
  const nn_mnist *(*get_mnist)(void *user, int side, nn_error *err);
  void *user;
} nn_lesson_env;

typedef struct nn_job nn_job;

typedef struct nn_lesson {
  const char *id;    /* "xor" */
  const char *title; /* "XOR" (translatable) */
  int chapter;       /* 1..4 */
  int n_params;
  const nn_param_desc *params;
  int n_variants; /* how many models the page trains side by side */

  /* Supervised lessons: data and one plan per variant. */
  bool (*build_data)(const double *params, uint64_t seed, const nn_lesson_env *env,
                     nn_dataset *train, nn_dataset *val, nn_error *err);
  bool (*plan_variant)(const double *params, int variant, nn_variant_plan *plan,
                       nn_error *err);

  /* State of the lesson's own, in nn_job_custom(job): made by custom_start (for a supervised
   * lesson after its data and models are built, so it may read them), freed by
   * custom_free. Both optional. */
  bool (*custom_start)(nn_job *job, nn_error *err);
  void (*custom_free)(nn_job *job);
  /* Custom lessons (no data set, or a loop of their own): one step; returns false when the
   * run is complete. */
  bool (*custom_step)(nn_job *job);
  /* Supervised lessons: called after every training step (all variants stepped), e.g. to
   * record the path the parameters take. Optional. */
  void (*after_step)(nn_job *job);

  /* Adds the lesson's own items to a snapshot (history curves are added by the trainer). */
  void (*fill_snapshot)(nn_job *job, nn_snapshot *snap);
  /* Put inference copies of the models in snapshots (for the digit canvas). */
  bool snapshot_models;
  /* The app spreads a run over at least this many seconds so that it can be watched (a tiny
   * network learns XOR in milliseconds); 0 means 4 s. Headless runs are never slowed. */
  double watch_seconds;
  /* Custom lessons stepped through rather than trained, that count their rounds as epochs
   * (lesson 20's sliding window): what a round is called on the status line, which then reads
   * "Window position 3 of 9" (translatable), and what the Step button does, for its tooltip
   * ("Move the window one position, then pause"). NULL: the words of training. */
  const char *round_name;
  const char *step_tooltip;
} nn_lesson;

/* ---- parameters ---- */
/* Index of the parameter called `name`, or -1. */
int nn_lesson_param_index(const nn_lesson *l, const char *name);
/* Fills values[n_params] with a preset. */
void nn_lesson_preset(const nn_lesson *l, nn_preset preset, double *values);
/* Checks one value against its declaration: range, integer-ness, choice; message on failure
 * ("lr must be between 0.001 and 5, got 100"). */
bool nn_lesson_check_param(const nn_lesson *l, int index, double value, nn_error *err);
/* Parses a CLI/settings string for a parameter ("0.1", "adam", "true"). */
bool nn_lesson_parse_param(const nn_lesson *l, int index, const char *text, double *value,
                           nn_error *err);
/* A parameter's value, by name, from a values array (asserts that the lesson has it). */
double nn_param_value(const nn_lesson *l, const double *values, const char *name);

#endif
