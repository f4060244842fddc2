/* The lesson registry: every lesson in course order. Each lesson is declared in its own file
 * of this folder; this table is the only list of them. */
#include "nn_lesson.h"

#include <string.h>

/* Lessons not built yet: title and chapter only, so the window and `list` show the whole
 * course. Each is replaced by its declaration in this folder (lNN-id.c). */
static const nn_lesson planned_softmax_mnist = {.id = "softmax-mnist", .title = NN_TR("Softmax on handwritten digits"), .chapter = 1};
static const nn_lesson planned_mnist_hidden_layer = {.id = "mnist-hidden-layer", .title = NN_TR("A hidden layer for digits"), .chapter = 2};
static const nn_lesson planned_activations_mnist = {.id = "activations-mnist", .title = NN_TR("Activations compared on digits"), .chapter = 2};
static const nn_lesson planned_deep_network = {.id = "deep-network", .title = NN_TR("Deep networks"), .chapter = 2};
static const nn_lesson planned_cnn_mnist = {.id = "cnn-mnist", .title = NN_TR("A CNN that reads your handwriting"), .chapter = 4};

/* Declarations of the lessons built so far (one file each). */
extern const nn_lesson nn_lesson_logistic_bad_init;
extern const nn_lesson nn_lesson_cross_entropy;
extern const nn_lesson nn_lesson_softmax;
extern const nn_lesson nn_lesson_one_hidden_layer;
extern const nn_lesson nn_lesson_more_neurons;
extern const nn_lesson nn_lesson_xor;
extern const nn_lesson nn_lesson_activation_functions;
extern const nn_lesson nn_lesson_spirals;
extern const nn_lesson nn_lesson_dropout_classification;
extern const nn_lesson nn_lesson_dropout_regression;
extern const nn_lesson nn_lesson_same_weights;
extern const nn_lesson nn_lesson_xavier_init;
extern const nn_lesson nn_lesson_momentum_polynomial;
extern const nn_lesson nn_lesson_momentum_network;
extern const nn_lesson nn_lesson_batch_norm;
extern const nn_lesson nn_lesson_convolution;
extern const nn_lesson nn_lesson_activation_pooling;
extern const nn_lesson nn_lesson_multi_channel;
extern const nn_lesson nn_lesson_simple_cnn;
extern const nn_lesson nn_lesson_cnn_small_images;
extern const nn_lesson nn_lesson_cnn_batches;

static const nn_lesson *const lessons[] = {
  &nn_lesson_logistic_bad_init,
  &nn_lesson_cross_entropy,
  &nn_lesson_softmax,
  &planned_softmax_mnist,
  &nn_lesson_one_hidden_layer,
  &nn_lesson_more_neurons,
  &nn_lesson_xor,
  &planned_mnist_hidden_layer,
  &nn_lesson_activation_functions,
  &planned_activations_mnist,
  &planned_deep_network,
  &nn_lesson_spirals,
  &nn_lesson_dropout_classification,
  &nn_lesson_dropout_regression,
  &nn_lesson_same_weights,
  &nn_lesson_xavier_init,
  &nn_lesson_momentum_polynomial,
  &nn_lesson_momentum_network,
  &nn_lesson_batch_norm,
  &nn_lesson_convolution,
  &nn_lesson_activation_pooling,
  &nn_lesson_multi_channel,
  &nn_lesson_simple_cnn,
  &nn_lesson_cnn_small_images,
  &nn_lesson_cnn_batches,
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
