/* Lesson 9 — activation functions: sigmoid, tanh and ReLU with their derivatives over
 * x ∈ [−10, 10]. Nothing trains. The curves come from the engine's own layers and the
 * derivatives from their backward passes (d out/d x for d loss/d out = 1), so what the page
 * shows is exactly what the networks of the other lessons compute — ReLU's slope at 0
 * included, which is 0 as in PyTorch.
 *
 * Snapshot: "fn/NAME" and "grad/NAME" (801) for NAME in sigmoid, tanh, relu: the function and
 * its derivative at 801 evenly spaced x's over range [−10, 10] (x = 0 is one of them).
 */
#include "nn_lesson_util.h"

#include <stdio.h>
#include <stdlib.h>

#define N_POINTS 801
#define X_MIN    -10.0f
#define X_MAX    10.0f

static const char *const function_names[] = {"sigmoid", "tanh", "relu"};

static void set_x_range(nn_snapshot *s)
{
  s->items[s->n_items - 1].range[0] = X_MIN;
  s->items[s->n_items - 1].range[1] = X_MAX;
}

/* f and f' at every x, through a model made of that one activation layer: the N_POINTS x's
 * are one sample of N_POINTS features. */
static void add_function(nn_snapshot *s, int activation, const float *xs, const float *ones)
{
  nn_layer_spec layer = nn_lesson_activation(activation);
  nn_error err;
  nn_model *m = nn_model_new(1, (int[]){N_POINTS}, &layer, 1, &err);
  if (!m || !nn_model_reserve(m, 1, &err)) {
    nn_model_free(m);
    return;
  }
  char name[48];
  snprintf(name, sizeof name, "fn/%s", function_names[activation]);
  const float *f = nn_model_forward(m, xs, 1);
  if (nn_snapshot_add_copy(s, name, f, N_POINTS))
    set_x_range(s);
  snprintf(name, sizeof name, "grad/%s", function_names[activation]);
  float *grad = nn_snapshot_add(s, name, 1, (int[]){N_POINTS});
  if (grad) {
    nn_model_backward_input(m, ones, grad);
    set_x_range(s);
  }
  nn_model_free(m);
}

static void activations_fill(nn_job *job, nn_snapshot *s)
{
  float *xs = malloc(sizeof(float) * N_POINTS);
  float *ones = malloc(sizeof(float) * N_POINTS);
  if (!xs || !ones)
    goto out;
  for (int i = 0; i < N_POINTS; i++) {
    xs[i] = X_MIN + (X_MAX - X_MIN) * (float) i / (N_POINTS - 1);
    ones[i] = 1.0f;
  }
  for (int a = NN_ACTIVATION_SIGMOID; a <= NN_ACTIVATION_RELU; a++)
    add_function(s, a, xs, ones);
out:
  free(xs);
  free(ones);
}

const nn_lesson nn_lesson_activation_functions = {
    .id = "activation-functions",
    .title = NN_TR("Activation functions"),
    .chapter = 2,
    .n_variants = 1,
    .fill_snapshot = activations_fill,
};
