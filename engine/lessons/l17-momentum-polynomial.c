/* Lesson 17 — momentum rolls past: one parameter w descends a one-dimensional loss, as a ball
 * rolls down a curve. Two balls start together: plain gradient descent (momentum 0) and SGD
 * with the slider's momentum. On the cubic w³ the plain ball creeps towards the flat saddle
 * at 0 and never passes it; on the quartic 2w⁴ − 9w³ − 21w² + 88w + 48 it settles in the
 * local minimum near 4. The ball with momentum 0.9 keeps its speed through both: past the
 * saddle, and over the hump into the global minimum near −2.
 *
 * No data set and no network: each variant's "model" is the single float w, updated by the
 * engine's own optimiser (nn_optim, torch.optim.SGD with momentum, dampening 0) from the
 * polynomial's exact derivative (nn_synth.h), so the path is the one PyTorch takes to the
 * last bit of float32 rounding.
 *
 * Lab: w = torch.tensor(start, requires_grad=True), SGD(lr, momentum); cubic from 4 for 10
 * steps at lr 0.01, quartic from 6 for 100 steps at lr 0.001, momentum 0 and 0.9. The choice
 * of polynomial brings its lab start, steps and lr with it; the sliders are the momentum and
 * the gradient noise. The lab's "noise" added a random constant to the loss, which leaves
 * its gradient, and so the path, unchanged; here noise N(0, σ²) is added to the gradient
 * itself, one draw per step shared by both balls (so the comparison shows momentum, not
 * luck).
 *
 * An "epoch" is one step: the whole loss (there is no data to split into batches) is seen
 * once per update. Each step records, per variant, the loss f(w) where the ball now stands
 * (accuracy and validation: NaN), so the generic status line reads "Epoch 37 of 100 · loss
 * −108" and Step moves each ball once.
 *
 * Snapshot (besides the per-step history):
 *   "function"     (n)      the polynomial at n points over range [x0, x1] (the lab's view,
 *                           widened to every ball's path)
 *   "w/v"          (t + 1)  w of variant v after 0, 1, …, t steps
 *   "path_loss/v"  (t + 1)  the loss at those w
 */
#include "nn_lesson_util.h"
#include "nn_synth.h"
#include "nn_trainer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define CURVE_POINTS 401
#define N_BALLS      2
/* Beyond this |w| the ball has left every picture for good (the cubic falls to −∞). */
#define W_LIMIT 1e6f

enum { POLY_CUBIC, POLY_QUARTIC };
enum { P_POLYNOMIAL, P_MOMENTUM, P_NOISE };

static const char *const polynomial_choices[] = {"cubic", "quartic", NULL};
static const char *const polynomial_labels[] = {NN_TR("Cubic w³ (a saddle)"),
                                                NN_TR("Quartic (two valleys)"), NULL};

/* The lab's setting for each polynomial, and the part of the curve worth seeing. */
static const struct polynomial {
  float (*f)(float w);
  float (*grad)(float w);
  float start, lr;
  int steps;
  float view_lo, view_hi;
} polynomials[] = {
    [POLY_CUBIC] = {nn_poly_cubic, nn_poly_cubic_grad, 4.0f, 0.01f, 10, -4.5f, 4.5f},
    [POLY_QUARTIC] = {nn_poly_quartic, nn_poly_quartic_grad, 6.0f, 0.001f, 100, -3.3f, 6.2f},
};

static const nn_param_desc poly_params[] = {
    [P_POLYNOMIAL] = {.name = "polynomial",
                      .label = NN_TR("Loss curve"),
                      .type = NN_PARAM_CHOICE,
                      .min = 0,
                      .max = 1,
                      .quick = POLY_QUARTIC,
                      .course = POLY_QUARTIC,
                      .step = 1,
                      .choices = polynomial_choices,
                      .choice_labels = polynomial_labels},
    [P_MOMENTUM] = NN_P_MOMENTUM(0.9, 0.9),
    [P_NOISE] = {.name = "noise",
                 .label = NN_TR("Gradient noise σ"),
                 .type = NN_PARAM_FLOAT,
                 .min = 0,
                 .max = 100,
                 .quick = 0,
                 .course = 0,
                 .step = 1},
};

typedef struct ball {
  float w;
  nn_optim optim;
  bool lost;   /* ran off to infinity: stays where it was last seen */
  float *path; /* steps + 1 values of w */
} ball;

typedef struct poly_state {
  const struct polynomial *poly;
  float sigma;
  int t; /* steps taken */
  int n_balls;
  ball balls[N_BALLS];
} poly_state;

static void poly_free(nn_job *job)
{
  poly_state *st = nn_job_custom(job);
  if (!st)
    return;
  for (int i = 0; i < st->n_balls; i++) {
    nn_optim_free(&st->balls[i].optim);
    free(st->balls[i].path);
  }
  free(st);
  nn_job_set_custom(job, NULL);
}

/* Variant 0 is plain descent, variant 1 the slider's momentum. */
static float variant_momentum(const double *params, int variant)
{
  return variant == 0 ? 0.0f : (float) params[P_MOMENTUM];
}

static bool poly_start(nn_job *job, nn_error *err)
{
  const double *params = nn_job_params(job);
  poly_state *st = nn_alloc(1, sizeof *st, err);
  if (!st)
    return false;
  nn_job_set_custom(job, st);
  st->poly = &polynomials[(int) params[P_POLYNOMIAL]];
  st->sigma = (float) params[P_NOISE];
  st->n_balls = nn_job_n_variants(job);
  for (int i = 0; i < st->n_balls; i++) {
    ball *b = &st->balls[i];
    int variant = nn_job_variant_index(job, i);
    float mu = variant_momentum(params, variant);
    nn_optim_config c = {.kind = NN_OPTIM_SGD, .lr = st->poly->lr, .momentum = mu};
    b->w = st->poly->start;
    b->path = nn_alloc((size_t) st->poly->steps + 1, sizeof(float), err);
    if (!b->path || !nn_optim_init(&b->optim, &c, 1, err))
      return false; /* the trainer calls poly_free */
    b->path[0] = b->w;
    char label[64];
    snprintf(label, sizeof label, "momentum %g", (double) mu);
    nn_job_name_variant(job, i, variant == 0 ? "plain" : "momentum", label);
  }
  nn_job_set_epochs(job, st->poly->steps);
  return true;
}

/* One update of every ball: the gradient where it stands plus this step's noise, then the
 * optimiser's rule. */
static bool poly_step(nn_job *job)
{
  poly_state *st = nn_job_custom(job);
  if (st->t >= st->poly->steps)
    return false;
  float noise = st->sigma > 0 ? st->sigma * nn_rng_normal(nn_job_rng(job)) : 0.0f;
  for (int i = 0; i < st->n_balls; i++) {
    ball *b = &st->balls[i];
    if (!b->lost) {
      float grad = st->poly->grad(b->w) + noise;
      nn_optim_step(&b->optim, &b->w, &grad);
      if (!isfinite(b->w) || fabsf(b->w) > W_LIMIT) {
        b->lost = true;
        nn_job_mark_diverged(job, i, "w ran off to infinity");
      }
    }
    b->path[st->t + 1] = b->lost ? NAN : b->w;
    nn_job_record_epoch(job, i, b->lost ? NAN : st->poly->f(b->w), NAN, NAN, NAN);
  }
  st->t++;
  return st->t < st->poly->steps;
}

/* The lab's view of the curve, widened to wherever a ball has been. */
static void view_range(const poly_state *st, float *lo, float *hi)
{
  *lo = st->poly->view_lo;
  *hi = st->poly->view_hi;
  for (int i = 0; i < st->n_balls; i++) {
    for (int k = 0; k <= st->t; k++) {
      float w = st->balls[i].path[k];
      if (isfinite(w)) {
        *lo = fminf(*lo, w);
        *hi = fmaxf(*hi, w);
      }
    }
  }
  float margin = 0.05f * (*hi - *lo);
  if (*lo < st->poly->view_lo)
    *lo -= margin;
  if (*hi > st->poly->view_hi)
    *hi += margin;
}

static void poly_fill(nn_job *job, nn_snapshot *s)
{
  poly_state *st = nn_job_custom(job);
  float lo, hi;
  view_range(st, &lo, &hi);
  float *curve = nn_snapshot_add(s, "function", 1, (int[]){CURVE_POINTS});
  if (curve) {
    for (int k = 0; k < CURVE_POINTS; k++)
      curve[k] = st->poly->f(lo + (hi - lo) * (float) k / (CURVE_POINTS - 1));
    s->items[s->n_items - 1].range[0] = lo;
    s->items[s->n_items - 1].range[1] = hi;
  }
  for (int i = 0; i < st->n_balls; i++) {
    char name[48];
    snprintf(name, sizeof name, "w/%d", i);
    nn_snapshot_add_copy(s, name, st->balls[i].path, st->t + 1);
    snprintf(name, sizeof name, "path_loss/%d", i);
    float *loss = nn_snapshot_add(s, name, 1, (int[]){st->t + 1});
    for (int k = 0; loss && k <= st->t; k++)
      loss[k] = st->poly->f(st->balls[i].path[k]);
  }
}

const nn_lesson nn_lesson_momentum_polynomial = {
    .id = "momentum-polynomial",
    .title = NN_TR("Momentum rolls past"),
    .chapter = 3,
    .n_params = NN_N_ELEMENTS(poly_params),
    .params = poly_params,
    .n_variants = N_BALLS,
    .custom_start = poly_start,
    .custom_step = poly_step,
    .custom_free = poly_free,
    .fill_snapshot = poly_fill,
    .watch_seconds = 6,
};
