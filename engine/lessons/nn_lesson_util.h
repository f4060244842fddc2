/* nn_lesson_util.h — what lesson declarations share: standard parameter declarations, model
 * builders, and the snapshot items pages draw (curves over x, region maps, weight images,
 * histograms, feature maps). One implementation each, so two lessons that show the same kind
 * of picture compute it the same way.
 *
 * Item shapes and ranges (nn_snap_item.range = {x0, x1, y0, y1}):
 *   curve over x    (n, K)        outputs (probabilities for classifiers) at n x's in [x0, x1]
 *   region map      (h, w, K)     class probabilities (K = classes, or 1 = P(class 1)) at the
 *                                 nodes of a lattice over [x0, x1] × [y0, y1], both ends
 *                                 included, row 0 at y0
 *   points          (n, 3)        x, y (or target for 1-D data), class (−1: none)
 *   layer points    (n, 3)        a₁, a₂ (two outputs of a layer), class (−1: none)
 *   images          (count, h, w) e.g. the weights of each output unit as a picture
 *   histogram       (bins)        counts over [x0, x1]
 */
#ifndef NN_LESSON_UTIL_H
#define NN_LESSON_UTIL_H

#include "nn_registry.h"
#include "../nn_mnist.h"
#include "../nn_trainer.h"

/* ---- standard parameters: the same name, label and unit in every lesson ---- */
extern const char *const nn_optimizer_choices[];  /* "sgd", "adam" */
extern const char *const nn_activation_choices[]; /* "sigmoid", "tanh", "relu" */
extern const char *const nn_optimizer_labels[];   /* "SGD", "Adam" (translatable) */
extern const char *const nn_activation_labels[];  /* "Sigmoid", "Tanh", "ReLU" */

#define NN_P_EPOCHS(quick_, course_, hi_)                                                          \
  {.name = "epochs", .label = NN_TR("Epochs"), .type = NN_PARAM_INT, .min = 1, .max = (hi_),     \
   .quick = (quick_), .course = (course_), .step = 1}
#define NN_P_LR(lo_, hi_, quick_, course_)                                                         \
  {.name = "lr", .label = NN_TR("Learning rate"), .type = NN_PARAM_FLOAT, .min = (lo_),         \
   .max = (hi_), .quick = (quick_), .course = (course_), .flags = NN_PARAM_LOG}
#define NN_P_MOMENTUM(quick_, course_)                                                             \
  {.name = "momentum", .label = NN_TR("Momentum"), .type = NN_PARAM_FLOAT, .min = 0,             \
   .max = 0.99, .quick = (quick_), .course = (course_), .step = 0.01}
/* 0 means the full batch. */
#define NN_P_BATCH(lo_, hi_, quick_, course_)                                                      \
  {.name = "batch_size", .label = NN_TR("Batch size"), .type = NN_PARAM_INT, .min = (lo_),      \
   .max = (hi_), .quick = (quick_), .course = (course_), .step = 1, .unit = NN_TR("samples"),     \
   .unit_one = NN_TR("sample"), .min_label = (lo_) == 0 ? NN_TR("full batch") : NULL}
/* The same on a logarithmic slider (lo_ ≥ 1), for ranges over decades (1…1000): 1, 10 and
 * 100 are as far apart as 100 and 1000. */
#define NN_P_BATCH_LOG(lo_, hi_, quick_, course_)                                                  \
  {.name = "batch_size", .label = NN_TR("Batch size"), .type = NN_PARAM_INT, .min = (lo_),      \
   .max = (hi_), .quick = (quick_), .course = (course_), .step = 1, .unit = NN_TR("samples"),     \
   .unit_one = NN_TR("sample"), .flags = NN_PARAM_LOG}
#define NN_P_SHUFFLE(quick_, course_)                                                              \
  {.name = "shuffle", .label = NN_TR("Shuffle batches"), .type = NN_PARAM_BOOL, .min = 0,        \
   .max = 1, .quick = (quick_), .course = (course_), .step = 1}
#define NN_P_HIDDEN(lo_, hi_, quick_, course_)                                                     \
  {.name = "hidden", .label = NN_TR("Hidden neurons"), .type = NN_PARAM_INT, .min = (lo_),      \
   .max = (hi_), .quick = (quick_), .course = (course_), .step = 1, .unit = NN_TR("neurons"),     \
   .unit_one = NN_TR("neuron")}
#define NN_P_LAYERS(lo_, hi_, quick_, course_)                                                     \
  {.name = "layers", .label = NN_TR("Layers"), .type = NN_PARAM_INT, .min = (lo_),              \
   .max = (hi_), .quick = (quick_), .course = (course_), .step = 1,                              \
   .unit = NN_TR("hidden layers"), .unit_one = NN_TR("hidden layer")}
#define NN_P_OPTIMIZER(quick_, course_)                                                            \
  {.name = "optimizer", .label = NN_TR("Optimiser"), .type = NN_PARAM_CHOICE, .min = 0,          \
   .max = 1, .quick = (quick_), .course = (course_), .step = 1, .choices = nn_optimizer_choices,  \
   .choice_labels = nn_optimizer_labels}
#define NN_P_ACTIVATION(quick_, course_)                                                           \
  {.name = "activation", .label = NN_TR("Activation"), .type = NN_PARAM_CHOICE, .min = 0,        \
   .max = 2, .quick = (quick_), .course = (course_), .step = 1, .choices = nn_activation_choices, \
   .choice_labels = nn_activation_labels}
#define NN_P_DROPOUT(quick_, course_)                                                              \
  {.name = "dropout", .label = NN_TR("Dropout"), .type = NN_PARAM_FLOAT, .min = 0, .max = 0.9,   \
   .quick = (quick_), .course = (course_), .step = 0.05}

enum { NN_OPTIMIZER_SGD, NN_OPTIMIZER_ADAM };
enum { NN_ACTIVATION_SIGMOID, NN_ACTIVATION_TANH, NN_ACTIVATION_RELU };

/* ---- data ---- */
/* The MNIST the host provides (env->get_mnist), at `side` (28, or 16 resized), as views — no
 * copy: every job of every lesson shares the one set. Training = the first n_train samples
 * of its training part (0: all), validation = the first n_val of its test part (0: all).
 * flatten: samples of (side·side) values for a Linear input; else (1, side, side). */
bool nn_lesson_mnist(const nn_lesson_env *env, int side, bool flatten, int n_train, int n_val,
                     nn_dataset *train, nn_dataset *val, nn_error *err);
/* The set itself (for class names), or NULL with a message. */
const nn_mnist *nn_lesson_get_mnist(const nn_lesson_env *env, int side, nn_error *err);

/* ---- plans ---- */
/* SGD (with momentum) or Adam, by the optimizer choice index. */
nn_optim_config nn_lesson_optim(int optimizer, double lr, double momentum);
nn_layer_spec nn_lesson_activation(int activation);
/* Appends a layer to a plan (asserts there is room). */
void nn_plan_add(nn_variant_plan *plan, nn_layer_spec layer);
/* in → hidden[0] → … → hidden[n−1] → out with `activation` after every hidden Linear (and
 * `dropout` > 0 inserts Dropout before each activation, as the dropout lessons do). */
void nn_plan_mlp(nn_variant_plan *plan, int in, const int *hidden, int n_hidden,
                 nn_layer_spec activation, float dropout, int out);
/* The course's CNN (lessons 24–26; `bench`'s cnn16 and cnn28) for (1, side, side) digits, side
 * 16 or 28: Conv2d(1, 16, 5, padding 2), ReLU, MaxPool2d(2), Conv2d(16, 32, 5, padding 2), ReLU,
 * MaxPool2d(2), Flatten, Linear(32·(side/4)², 10) — 512 inputs at 16, 1568 at 28. Sets the
 * plan's input shape and appends the layers. batch_norm (lesson 25's second network) puts a
 * BatchNorm2d between each Conv2d and its ReLU and a BatchNorm1d(10) on the logits. */
void nn_plan_course_cnn(nn_variant_plan *plan, int side, bool batch_norm);
/* Names a plan: name as --variant takes it, label for legends. */
void nn_plan_name(nn_variant_plan *plan, const char *name, const char *label);

/* ---- three activations side by side (lessons 10 and 11) ---- */
/* Plans the variant of an MNIST lesson that compares the hidden activations: `activation`
 * (NN_ACTIVATION_*) names it "sigmoid", "tanh" or "relu" (labels "Sigmoid", "Tanh", "ReLU")
 * and goes after every hidden Linear of 784 → hidden[0] → … → hidden[n−1] → 10;
 * cross-entropy, argmax accuracy, SGD without momentum at lr. */
void nn_plan_activation_mnist(nn_variant_plan *plan, int activation, const int *hidden,
                              int n_hidden, double lr);
/* The slope of an activation (NN_ACTIVATION_*) read from its output a: σ' = a(1 − a),
 * tanh' = 1 − a², ReLU' = 1 where a > 0, else 0 (PyTorch's choice at 0). */
float nn_activation_slope(int activation, float a);

/* ---- reading a model's answers ---- */
/* Output of the plan's model turned into probabilities in place: softmax for ARGMAX,
 * sigmoid for LOGIT, unchanged for THRESHOLD; returns the number of values per sample. */
int nn_lesson_probabilities(const nn_variant_plan *plan, float *out, int n, int width);

/* ---- snapshot items ---- */
/* Outputs of a 1-input model at n points over [x0, x1] → "name" (n, K). With layer ≥ 0 the
 * output of that layer instead (e.g. the hidden activations). Evaluation mode. */
void nn_snap_curve_over_x(nn_snapshot *s, const char *name, nn_model *m,
                          const nn_variant_plan *plan, int layer, float x0, float x1, int n);
/* Class probabilities of a 2-input model over a w × h grid → "name" (h, w, K). */
void nn_snap_region_map(nn_snapshot *s, const char *name, nn_model *m,
                        const nn_variant_plan *plan, float x0, float x1, float y0, float y1,
                        int w, int h);
/* The samples of a data set with 1 or 2 features → "name" (n, 3). */
void nn_snap_points(nn_snapshot *s, const char *name, const nn_dataset *ds);
/* Where each sample of ds lands in a layer's output space: the first two outputs of layer
 * `layer` (e.g. a hidden layer of two neurons) with the sample's class → "name" (n, 3), the
 * points item's shape. Evaluation mode. */
void nn_snap_layer_points(nn_snapshot *s, const char *name, nn_model *m, const nn_dataset *ds,
                          int layer);
/* Rows of a Linear layer's weight, each reshaped to h × w → "name" (rows, h, w); at most
 * max_rows. For a Conv2d layer: its kernels (out·in, k, k). */
void nn_snap_weight_images(nn_snapshot *s, const char *name, nn_model *m, int layer, int h,
                           int w, int max_rows);
/* Histogram of layer `layer`'s outputs over the first n samples of ds → "name" (bins), range
 * [lo, hi] (values outside are counted in the end bins). */
void nn_snap_layer_histogram(nn_snapshot *s, const char *name, nn_model *m, const nn_dataset *ds,
                             int n, int layer, float lo, float hi, int bins);
/* The same from values already at hand (non-finite ones are skipped): for histograms that
 * share a range chosen from the values themselves. */
void nn_snap_histogram(nn_snapshot *s, const char *name, const float *values, size_t count,
                       float lo, float hi, int bins);
/* Layer `layer`'s outputs (−1: the model's) for the first n samples of ds, in evaluation mode:
 * a new array of *count = n × layer numel floats (free it), or NULL when out of memory. */
float *nn_lesson_layer_outputs(nn_model *m, const nn_dataset *ds, int n, int layer,
                               size_t *count);
/* Every layer's output for one input sample → "name/i" (C, H, W) or (F). */
void nn_snap_feature_maps(nn_snapshot *s, const char *name, nn_model *m, const float *sample);
/* Up to `count` validation samples the model gets wrong (and as many right) → "name/wrong"
 * and "name/right" (k, h, w) images, with "…_label" (k, 3): truth, guess, confidence. */
void nn_snap_examples(nn_snapshot *s, const char *name, nn_model *m, const nn_variant_plan *plan,
                      const nn_dataset *ds, int count, int h, int w);

#endif
