/* nn_dataset.h — a data set in memory: n samples of one shape, with class labels or targets.
 *
 * x holds n × sample-numel floats, sample after sample. Targets are either class indices
 * (y_class, for cross-entropy and accuracy) or float values (y_value, n × y_dim, for MSE/BCE);
 * binary lessons keep both (y_value = 0/1 and y_class = the same as an index) so that accuracy
 * is defined. A data set owns its arrays unless it is a view (nn_dataset_view), which borrows
 * them from another data set that must outlive it.
 */
#ifndef NN_DATASET_H
#define NN_DATASET_H

#include "nn_tensor.h"

typedef struct nn_dataset {
  int n;
  int x_ndim;             /* per-sample dimensions: 1 (features) or 3 (C, H, W) */
  int x_shape[3];
  float *x;               /* n × numel(x_shape) */
  int32_t *y_class;       /* n, or NULL */
  float *y_value;         /* n × y_dim, or NULL */
  int y_dim;
  int n_classes;          /* 0 for regression */
  const char *class_set;  /* what the classes are ("digits", "fashion"; a static string), or
                             NULL: saved weights name it so `predict` can name the classes */
  bool owns;
} nn_dataset;

/* Allocates a zeroed data set; `with_classes` / `y_dim > 0` choose which targets exist. */
bool nn_dataset_alloc(nn_dataset *ds, int n, int x_ndim, const int *x_shape, bool with_classes,
                      int y_dim, int n_classes, nn_error *err);
void nn_dataset_free(nn_dataset *ds);
size_t nn_dataset_sample_numel(const nn_dataset *ds);
float *nn_dataset_sample(const nn_dataset *ds, int i);
/* A borrowed view of samples [first, first + count) of `src`. */
nn_dataset nn_dataset_view(const nn_dataset *src, int first, int count);
/* A borrowed view of all of `src` with another per-sample shape of the same numel
 * ((784) ↔ (1, 28, 28)). Returns false if the numel differs. */
bool nn_dataset_reshape(const nn_dataset *src, int x_ndim, const int *x_shape, nn_dataset *out,
                        nn_error *err);
/* Copies the samples listed in `index` (count of them) into dst's first rows (x and
 * targets): gathers one batch. dst must have room. */
void nn_dataset_gather(const nn_dataset *src, const int32_t *index, int count, float *x_out,
                       int32_t *class_out, float *value_out);
/* Per-class counts into counts[n_classes]. */
void nn_dataset_class_counts(const nn_dataset *ds, int *counts);

#endif
