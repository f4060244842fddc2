/* nn_logistic.h — one sigmoid neuron on the threshold line, shared by lessons 1
 * (logistic-bad-init) and 2 (cross-entropy): the data, the plan, the loss surface over
 * (w, b), the path the parameters take across it, and the snapshot items their pages draw.
 *
 * The model is Linear(1, 1) followed by Sigmoid: p = σ(w·x + b). Data: x = −1, −0.9, …, 0.9,
 * label 1 where x > 0.2 (nn_synth_threshold_line). There is no held-out set: the 20 points
 * are the whole experiment, as in the labs.
 *
 * Snapshot items (v = the job's variant index):
 *   "surface/v"  (60, 60)  mean loss of variant v's loss function over the training data at
 *                          the nodes of a lattice over w ∈ [−15, 15] (columns) and
 *                          b ∈ [−13, 13] (rows, row 0 at b = −13), ends included; range set
 *   "path/v"     (n, 2)    (w, b) from the start to now, thinned to at most 2049 points
 *   "curve/v"    (121, 1)  p = σ(w·x + b) over x ∈ [−1.2, 1.2]; range set
 *   "points"     (20, 3)   x, label, class
 */
#ifndef NN_LOGISTIC_H
#define NN_LOGISTIC_H

#include "nn_lesson_util.h"

/* The labs' bad start: deep on the plateau where every point is called class 0. */
#define NN_LOGISTIC_BAD_W -5.0f
#define NN_LOGISTIC_BAD_B -10.0f

/* The surface's lattice. */
#define NN_LOGISTIC_SURFACE_SIDE 60
#define NN_LOGISTIC_W_MIN        -15.0f
#define NN_LOGISTIC_W_MAX        15.0f
#define NN_LOGISTIC_B_MIN        -13.0f
#define NN_LOGISTIC_B_MAX        13.0f

/* build_data: the threshold line; no validation set. */
bool nn_logistic_data(const double *params, uint64_t seed, const nn_lesson_env *env,
                      nn_dataset *train, nn_dataset *val, nn_error *err);
/* Linear(1, 1), Sigmoid, the given loss (NN_LOSS_MSE or NN_LOSS_BCE), SGD at lr; from the
 * labs' w = −5, b = −10 when bad_start, else PyTorch's default U(−1, 1). */
void nn_logistic_plan(nn_variant_plan *plan, nn_loss_kind loss, double lr, bool bad_start);

/* custom_start / custom_free / after_step / fill_snapshot of both lessons: compute each
 * variant's surface once, record the path after every step, publish the items above. */
bool nn_logistic_start(nn_job *job, nn_error *err);
void nn_logistic_free(nn_job *job);
void nn_logistic_after_step(nn_job *job);
void nn_logistic_fill(nn_job *job, nn_snapshot *s);

/* Mean loss of p = σ(w·x + b) against ds's 0/1 labels, in double precision with the stable
 * forms (BCE as softplus(z) − y·z): the true surface, which float32 training matches
 * wherever σ does not round to 0 or 1. */
double nn_logistic_loss_at(nn_loss_kind loss, const nn_dataset *ds, double w, double b);

#endif
