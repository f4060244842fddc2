/* The lesson registry: every lesson in course order. Each lesson is declared in its own file
 * of this folder; this table is the only list of them. */
#include "nn_lesson.h"

#include <string.h>

/* Lessons not built yet: title and chapter only, so the window and `list` show the whole
 * course. Each is replaced by its declaration in this folder (lNN-id.c). */
static const nn_lesson planned_logistic_bad_init = {.id = "logistic-bad-init", .title = NN_TR("Logistic regression and a bad start"), .chapter = 1};
static const nn_lesson planned_cross_entropy = {.id = "cross-entropy", .title = NN_TR("Cross-entropy against MSE"), .chapter = 1};
static const nn_lesson planned_softmax = {.id = "softmax", .title = NN_TR("Softmax: three classes on a line"), .chapter = 1};
static const nn_lesson planned_softmax_mnist = {.id = "softmax-mnist", .title = NN_TR("Softmax on handwritten digits"), .chapter = 1};
static const nn_lesson planned_one_hidden_layer = {.id = "one-hidden-layer", .title = NN_TR("One hidden layer"), .chapter = 2};
static const nn_lesson planned_more_neurons = {.id = "more-neurons", .title = NN_TR("More neurons"), .chapter = 2};
static const nn_lesson planned_mnist_hidden_layer = {.id = "mnist-hidden-layer", .title = NN_TR("A hidden layer for digits"), .chapter = 2};
static const nn_lesson planned_activation_functions = {.id = "activation-functions", .title = NN_TR("Activation functions"), .chapter = 2};
static const nn_lesson planned_activations_mnist = {.id = "activations-mnist", .title = NN_TR("Activations compared on digits"), .chapter = 2};
static const nn_lesson planned_deep_network = {.id = "deep-network", .title = NN_TR("Deep networks"), .chapter = 2};
static const nn_lesson planned_spirals = {.id = "spirals", .title = NN_TR("Three spirals"), .chapter = 2};
static const nn_lesson planned_momentum_polynomial = {.id = "momentum-polynomial", .title = NN_TR("Momentum rolls past"), .chapter = 3};
static const nn_lesson planned_momentum_network = {.id = "momentum-network", .title = NN_TR("Momentum in a network"), .chapter = 3};
static const nn_lesson planned_batch_norm = {.id = "batch-norm", .title = NN_TR("Batch normalisation"), .chapter = 3};
static const nn_lesson planned_convolution = {.id = "convolution", .title = NN_TR("Convolution"), .chapter = 4};
static const nn_lesson planned_activation_pooling = {.id = "activation-pooling", .title = NN_TR("Activation and max pooling"), .chapter = 4};
static const nn_lesson planned_multi_channel = {.id = "multi-channel", .title = NN_TR("Several channels"), .chapter = 4};
static const nn_lesson planned_simple_cnn = {.id = "simple-cnn", .title = NN_TR("A first CNN"), .chapter = 4};
static const nn_lesson planned_cnn_small_images = {.id = "cnn-small-images", .title = NN_TR("A CNN on small digits"), .chapter = 4};
static const nn_lesson planned_cnn_batches = {.id = "cnn-batches", .title = NN_TR("Batch size and batch norm in a CNN"), .chapter = 4};
static const nn_lesson planned_cnn_mnist = {.id = "cnn-mnist", .title = NN_TR("A CNN that reads your handwriting"), .chapter = 4};

/* Declarations of the lessons built so far (one file each). */
extern const nn_lesson nn_lesson_xor;
extern const nn_lesson nn_lesson_dropout_classification;
extern const nn_lesson nn_lesson_dropout_regression;
extern const nn_lesson nn_lesson_same_weights;
extern const nn_lesson nn_lesson_xavier_init;

static const nn_lesson *const lessons[] = {
  &planned_logistic_bad_init,
  &planned_cross_entropy,
  &planned_softmax,
  &planned_softmax_mnist,
  &planned_one_hidden_layer,
  &planned_more_neurons,
  &nn_lesson_xor,
  &planned_mnist_hidden_layer,
  &planned_activation_functions,
  &planned_activations_mnist,
  &planned_deep_network,
  &planned_spirals,
  &nn_lesson_dropout_classification,
  &nn_lesson_dropout_regression,
  &nn_lesson_same_weights,
  &nn_lesson_xavier_init,
  &planned_momentum_polynomial,
  &planned_momentum_network,
  &planned_batch_norm,
  &planned_convolution,
  &planned_activation_pooling,
  &planned_multi_channel,
  &planned_simple_cnn,
  &planned_cnn_small_images,
  &planned_cnn_batches,
  &planned_cnn_mnist,
};

static const char *const chapter_titles[] = {
  NN_TR("One neuron"),
  NN_TR("Hidden layers"),
  NN_TR("Training well"),
  NN_TR("Convolution"),
};

int nn_lesson_count(void)
{
  return (int) NN_N_ELEMENTS(lessons);
}

const nn_lesson *nn_lesson_at(int index)
{
  if (index < 0 || index >= nn_lesson_count())
    return NULL;
  return lessons[index];
}

const nn_lesson *nn_lesson_find(const char *id)
{
  for (int i = 0; i < nn_lesson_count(); i++)
    if (strcmp(nn_lesson_at(i)->id, id) == 0)
      return nn_lesson_at(i);
  return NULL;
}

int nn_chapter_count(void)
{
  return (int) NN_N_ELEMENTS(chapter_titles);
}

const char *nn_chapter_title(int chapter)
{
  if (chapter < 1 || chapter > nn_chapter_count())
    return "";
  return chapter_titles[chapter - 1];
}
