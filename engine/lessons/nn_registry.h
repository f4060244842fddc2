/* nn_registry.h — the course: every lesson in order, found by id, and the weights files they
 * save. The declarations themselves are data (nn_lesson.h, one file per lesson here); this is
 * the only list of them. */
#ifndef NN_REGISTRY_H
#define NN_REGISTRY_H

#include "nn_lesson.h"
#include "nn_safetensors.h"

int nn_lesson_count(void);
const nn_lesson *nn_lesson_at(int index);
/* NULL when no lesson has this id. */
const nn_lesson *nn_lesson_find(const char *id);
/* "One neuron", "Hidden layers", "Training well", "Convolution" (translatable). */
const char *nn_chapter_title(int chapter);
int nn_chapter_count(void);

/* Rebuilds the model a weights file was saved from (nn_job_save_weights: its metadata names
 * the lesson, the variant and the parameters; parameters it lacks take the Quick preset) and
 * loads its weights. Any of the out-pointers may be NULL. The caller frees the model. */
nn_model *nn_weights_load_model(const nn_st_file *f, const nn_lesson **lesson, int *variant,
                                double *params, nn_error *err);

#endif
