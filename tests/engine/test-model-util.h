/* Helpers shared by the model tests: building models, our own initialisation (nn_init.c is
 * another module's), random arrays. */
#ifndef TEST_MODEL_UTIL_H
#define TEST_MODEL_UTIL_H

#include "nn_model.h"

/* nn_model_new, or the test fails with the message. */
nn_model *test_new_model(int in_ndim, const int *in_shape, const nn_layer_spec *layers, int n);
/* A CNN with everything: batch norm of both kinds, dropout, a conv without bias, Flatten
 * (the state_dict test lists its entries). */
nn_model *test_new_cnn(void);
/* U(±1/√fan_in) for weights and biases, BatchNorm weights in [0.5, 1.5). */
void test_init_params(nn_model *m, nn_rng *rng);
/* n floats uniform in [lo, hi), freed with g_free. */
float *test_random_array(size_t n, float lo, float hi, nn_rng *rng);

#endif
