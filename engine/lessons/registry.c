/* The lesson registry: every lesson in course order. Each lesson is declared in its own file
 * of this folder; this table is the only list of them. */
#include "nn_registry.h"

#include <string.h>

/* The lessons, declared one per file (lNN-id.c). */
extern const nn_lesson nn_lesson_logistic_bad_init;
extern const nn_lesson nn_lesson_cross_entropy;
extern const nn_lesson nn_lesson_softmax;
extern const nn_lesson nn_lesson_softmax_mnist;
extern const nn_lesson nn_lesson_one_hidden_layer;
extern const nn_lesson nn_lesson_more_neurons;
extern const nn_lesson nn_lesson_xor;
extern const nn_lesson nn_lesson_mnist_hidden_layer;
extern const nn_lesson nn_lesson_activation_functions;
extern const nn_lesson nn_lesson_activations_mnist;
extern const nn_lesson nn_lesson_deep_network;
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
extern const nn_lesson nn_lesson_cnn_mnist;

static const nn_lesson *const lessons[] = {
  &nn_lesson_logistic_bad_init,
  &nn_lesson_cross_entropy,
  &nn_lesson_softmax,
  &nn_lesson_softmax_mnist,
  &nn_lesson_one_hidden_layer,
  &nn_lesson_more_neurons,
  &nn_lesson_xor,
  &nn_lesson_mnist_hidden_layer,
  &nn_lesson_activation_functions,
  &nn_lesson_activations_mnist,
  &nn_lesson_deep_network,
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
  &nn_lesson_cnn_mnist,
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
