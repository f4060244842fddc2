/* One sigmoid neuron on the threshold line: lessons 1 and 2. See nn_logistic.h. */
#include "nn_logistic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nn_synth.h"

#define PATH_CAP   2048
#define CURVE_N    121
#define CURVE_X_LO -1.2f
#define CURVE_X_HI 1.2f

/* The parameters' path: every `stride`-th step, the stride doubling whenever the buffer is
 * full, so a long run keeps its whole shape in bounded memory. */
typedef struct {
  float w[PATH_CAP], b[PATH_CAP];
  int n;
  long stride;
  long last_step; /* the step of the newest entry */
} param_path;

typedef struct {
  int n_runs;
  float *surface[NN_MAX_VARIANTS];
  param_path path[NN_MAX_VARIANTS];
} logistic_state;

bool nn_logistic_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                      nn_dataset *train, nn_dataset *val, nn_error *err)
{
  (void) params, (void) seed, (void) env, (void) val;
  return nn_synth_threshold_line(train, err);
}

static void set_bad_start(nn_model *m, const double *params)
{
  (void) params;
  nn_model_weight(m, 0)->value.data[0] = NN_LOGISTIC_BAD_W;
  nn_model_bias(m, 0)->value.data[0] = NN_LOGISTIC_BAD_B;
}

void nn_logistic_plan(nn_variant_plan *plan, nn_loss_kind loss, double lr, bool bad_start)
{
  nn_plan_mlp(plan, 1, NULL, 0, NN_LAYER_SIGMOID, 0, 1);
  nn_plan_add(plan, NN_LAYER_SIGMOID);
  plan->loss = loss;
  plan->accuracy = NN_ACCURACY_THRESHOLD;
  plan->optim = nn_lesson_optim(NN_OPTIMIZER_SGD, lr, 0);
  plan->after_init = bad_start ? set_bad_start : NULL;
}

/* ---- the loss surface ---- */

static double sigmoid(double z)
{
  return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

/* log(1 + e^z) without overflow. */
static double softplus(double z)
{
  return fmax(z, 0.0) + log1p(exp(-fabs(z)));
}

double nn_logistic_loss_at(nn_loss_kind loss, const nn_dataset *ds, double w, double b)
{
  double sum = 0;
  for (int i = 0; i < ds->n; i++) {
    double z = w * ds->x[i] + b, y = ds->y_value[i];
    if (loss == NN_LOSS_MSE) {
      double d = sigmoid(z) - y;
      sum += d * d;
    } else {
      /* −y·log σ(z) − (1 − y)·log(1 − σ(z)) = softplus(z) − y·z */
      sum += softplus(z) - y * z;
    }
  }
  return ds->n > 0 ? sum / ds->n : NAN;
}

/* side × side values, row r at b = B_MIN + r·Δb, column c at w = W_MIN + c·Δw. */
static float *compute_surface(nn_loss_kind loss, const nn_dataset *ds, nn_error *err)
{
  const int side = NN_LOGISTIC_SURFACE_SIDE;
  float *v = nn_alloc((size_t) side * side, sizeof(float), err);
  if (!v)
    return NULL;
  for (int r = 0; r < side; r++) {
    double b = NN_LOGISTIC_B_MIN + (NN_LOGISTIC_B_MAX - NN_LOGISTIC_B_MIN) * r / (side - 1);
    for (int c = 0; c < side; c++) {
      double w = NN_LOGISTIC_W_MIN + (NN_LOGISTIC_W_MAX - NN_LOGISTIC_W_MIN) * c / (side - 1);
      v[r * side + c] = (float) nn_logistic_loss_at(loss, ds, w, b);
    }
  }
  return v;
}

/* ---- the path ---- */

static void read_wb(nn_job *job, int i, float *w, float *b)
{
  nn_model *m = nn_job_model(job, i);
  *w = nn_model_weight(m, 0)->value.data[0];
  *b = nn_model_bias(m, 0)->value.data[0];
}

static void path_record(param_path *p, long step, float w, float b)
{
  if (step % p->stride != 0)
    return;
  if (p->n == PATH_CAP) {
    /* Entries sit at multiples of the stride; keeping the even ones leaves multiples of
     * twice the stride. */
    for (int k = 0; k < PATH_CAP / 2; k++) {
      p->w[k] = p->w[2 * k];
      p->b[k] = p->b[2 * k];
    }
    p->n = PATH_CAP / 2;
    p->stride *= 2;
    if (step % p->stride != 0)
      return;
  }
  p->w[p->n] = w;
  p->b[p->n] = b;
  p->n++;
  p->last_step = step;
}

bool nn_logistic_start(nn_job *job, nn_error *err)
{
  logistic_state *st = nn_alloc(1, sizeof *st, err);
  if (!st)
    return false;
  nn_job_set_custom(job, st);
  st->n_runs = nn_job_n_variants(job);
  for (int i = 0; i < st->n_runs; i++) {
    st->surface[i] = compute_surface(nn_job_plan(job, i)->loss, nn_job_train_data(job), err);
    if (!st->surface[i])
      return false; /* custom_free runs on the failed job */
    param_path *p = &st->path[i];
    p->stride = 1;
    float w, b;
    read_wb(job, i, &w, &b);
    path_record(p, 0, w, b);
  }
  return true;
}

void nn_logistic_free(nn_job *job)
{
  logistic_state *st = nn_job_custom(job);
  if (!st)
    return;
  for (int i = 0; i < NN_MAX_VARIANTS; i++)
    free(st->surface[i]);
  free(st);
  nn_job_set_custom(job, NULL);
}

void nn_logistic_after_step(nn_job *job)
{
  logistic_state *st = nn_job_custom(job);
  long step = nn_job_step_count(job);
  for (int i = 0; i < st->n_runs; i++) {
    if (nn_job_variant_diverged(job, i))
      continue;
    float w, b;
    read_wb(job, i, &w, &b);
    path_record(&st->path[i], step, w, b);
  }
}

/* ---- the snapshot ---- */

static void add_surface(nn_snapshot *s, int i, const float *surface)
{
  char name[48];
  snprintf(name, sizeof name, "surface/%d", i);
  const int side = NN_LOGISTIC_SURFACE_SIDE;
  float *v = nn_snapshot_add(s, name, 2, (int[]){side, side});
  if (!v)
    return;
  for (int k = 0; k < side * side; k++)
    v[k] = surface[k];
  nn_snap_item *item = &s->items[s->n_items - 1];
  item->range[0] = NN_LOGISTIC_W_MIN;
  item->range[1] = NN_LOGISTIC_W_MAX;
  item->range[2] = NN_LOGISTIC_B_MIN;
  item->range[3] = NN_LOGISTIC_B_MAX;
}

/* The recorded path and, when the newest step fell between strides, where it is now. */
static void add_path(nn_snapshot *s, nn_job *job, int i, const param_path *p)
{
  float w, b;
  read_wb(job, i, &w, &b);
  bool current = p->last_step != nn_job_step_count(job) && !nn_job_variant_diverged(job, i);
  int n = p->n + (current ? 1 : 0);
  char name[48];
  snprintf(name, sizeof name, "path/%d", i);
  float *v = nn_snapshot_add(s, name, 2, (int[]){n, 2});
  if (!v)
    return;
  for (int k = 0; k < p->n; k++) {
    v[2 * k] = p->w[k];
    v[2 * k + 1] = p->b[k];
  }
  if (current) {
    v[2 * p->n] = w;
    v[2 * p->n + 1] = b;
  }
}

void nn_logistic_fill(nn_job *job, nn_snapshot *s)
{
  logistic_state *st = nn_job_custom(job);
  char name[48];
  for (int i = 0; i < st->n_runs; i++) {
    add_surface(s, i, st->surface[i]);
    add_path(s, job, i, &st->path[i]);
    if (nn_job_variant_diverged(job, i))
      continue;
    snprintf(name, sizeof name, "curve/%d", i);
    nn_snap_curve_over_x(s, name, nn_job_model(job, i), nn_job_plan(job, i), -1, CURVE_X_LO,
                         CURVE_X_HI, CURVE_N);
  }
  nn_snap_points(s, "points", nn_job_train_data(job));
}
