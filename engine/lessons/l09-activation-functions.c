/* Lesson 9 — activation functions: sigmoid, tanh and ReLU with their derivatives over
 * x ∈ [−10, 10]. Nothing trains; the curves come from the engine's own layers, the
 * derivatives from their backward passes (d out/d x with d loss/d out = 1), so what the page
 * shows is exactly what the networks of the other lessons compute.
 *
 * Snapshot: "fn/NAME" and "grad/NAME" (n) for NAME in sigmoid, tanh, relu, over
 * range [−10, 10]. */
#include "nn_lesson_util.h"

#include <stdio.h>
#include <stdlib.h>

#define N_POINTS 801
#define X_MIN -10.0f
#define X_MAX 10.0f

static const char *const function_names[] = {"sigmoid", "tanh", "relu"};

/* f and f' at every x, through a one-layer model of that activation. */
static void add_function(nn_snapshot *s, int activation, const float *xs)
{
  nn_layer_spec layer = nn_lesson_activation(activation);
  nn_error err;
  nn_model *m = nn_model_new(1, (int[]){N_POINTS}, &layer, 1, &err);
  if (!m || !nn_model_reserve(m, 1, &err)) {
    nn_model_free(m);
    return;
  }
  float ones[N_POINTS];
  for (int i = 0; i < N_POINTS; i++)
    ones[i] = 1.0f;
  const float *f = nn_model_forward(m, xs, 1);
  char name[48];
  snprintf(name, sizeof name, "fn/%s", function_names[activation]);
  if (nn_snapshot_add_copy(s, name, f, N_POINTS))
    s->items[s->n_items - 1].range[0] = X_MIN, s->items[s->n_items - 1].range[1] = X_MAX;
  /* The input gradient is what backward propagates; read it from a wrapper model whose first
   * layer is the identity would hide the point, so take it from the layer pair directly. */
  float *grad = NULL;
  snprintf(name, sizeof name, "grad/%s", function_names[activation]);
  grad = nn_snapshot_add(s, name, 1, (int[]){N_POINTS});
  if (grad) {
    nn_model_backward_input(m, ones, grad);
    s->items[s->n_items - 1].range[0] = X_MIN;
    s->items[s->n_items - 1].range[1] = X_MAX;
  }
  nn_model_free(m);
}

static void fill_snapshot(nn_job *job, nn_snapshot *s)
{
  float xs[N_POINTS];
  for (int i = 0; i < N_POINTS; i++)
    xs[i] = X_MIN + (X_MAX - X_MIN) * (float) i / (N_POINTS - 1);
  for (int a = 0; a < 3; a++)
    add_function(s, a, xs);
}

const nn_lesson nn_lesson_activation_functions = {
  .id = "activation-functions",
  .title = NN_TR("Activation functions"),
  .chapter = 2,
  .n_variants = 1,
  .fill_snapshot = fill_snapshot,
};
