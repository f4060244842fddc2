/* The lesson registry: every lesson in course order. Each lesson is declared in its own file
 * of this folder; this table is the only list of them. */
#include "nn_lesson.h"

#include <string.h>

/* Lessons not yet built: title and chapter only, so the window and `list` show the whole
 * course. They are replaced one by one by the files of this folder. */

static const nn_lesson planned[] = {
  {.id = "logistic-bad-init", .title = NN_TR("Logistic regression and a bad start"), .chapter = 1},
  {.id = "cross-entropy", .title = NN_TR("Cross-entropy against MSE"), .chapter = 1},
  {.id = "softmax", .title = NN_TR("Softmax: three classes on a line"), .chapter = 1},
  {.id = "softmax-mnist", .title = NN_TR("Softmax on handwritten digits"), .chapter = 1},
  {.id = "one-hidden-layer", .title = NN_TR("One hidden layer"), .chapter = 2},
  {.id = "more-neurons", .title = NN_TR("More neurons"), .chapter = 2},
  {.id = "xor", .title = NN_TR("XOR"), .chapter = 2},
  {.id = "mnist-hidden-layer", .title = NN_TR("A hidden layer for digits"), .chapter = 2},
  {.id = "activation-functions", .title = NN_TR("Activation functions"), .chapter = 2},
  {.id = "activations-mnist", .title = NN_TR("Activations compared on digits"), .chapter = 2},
  {.id = "deep-network", .title = NN_TR("Deep networks"), .chapter = 2},
  {.id = "spirals", .title = NN_TR("Three spirals"), .chapter = 2},
  {.id = "dropout-classification", .title = NN_TR("Dropout against overfitting"), .chapter = 3},
  {.id = "dropout-regression", .title = NN_TR("Dropout in regression"), .chapter = 3},
  {.id = "same-weights", .title = NN_TR("Why not start with equal weights"), .chapter = 3},
  {.id = "xavier-init", .title = NN_TR("Xavier initialisation"), .chapter = 3},
  {.id = "momentum-polynomial", .title = NN_TR("Momentum rolls past"), .chapter = 3},
  {.id = "momentum-network", .title = NN_TR("Momentum in a network"), .chapter = 3},
  {.id = "batch-norm", .title = NN_TR("Batch normalisation"), .chapter = 3},
  {.id = "convolution", .title = NN_TR("Convolution"), .chapter = 4},
  {.id = "activation-pooling", .title = NN_TR("Activation and max pooling"), .chapter = 4},
  {.id = "multi-channel", .title = NN_TR("Several channels"), .chapter = 4},
  {.id = "simple-cnn", .title = NN_TR("A first CNN"), .chapter = 4},
  {.id = "cnn-small-images", .title = NN_TR("A CNN on small digits"), .chapter = 4},
  {.id = "cnn-batches", .title = NN_TR("Batch size and batch norm in a CNN"), .chapter = 4},
  {.id = "cnn-mnist", .title = NN_TR("A CNN that reads your handwriting"), .chapter = 4},
};

static const char *const chapter_titles[] = {
  NN_TR("One neuron"),
  NN_TR("Hidden layers"),
  NN_TR("Training well"),
  NN_TR("Convolution"),
};

int nn_lesson_count(void)
{
  return (int) NN_N_ELEMENTS(planned);
}

const nn_lesson *nn_lesson_at(int index)
{
  if (index < 0 || index >= nn_lesson_count())
    return NULL;
  return &planned[index];
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
