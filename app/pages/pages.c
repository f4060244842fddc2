/* Every lesson's page spec: one file per lesson in this folder (page-NN-id.c); this table is
 * the only list of them. A lesson without a spec gets the generic page (its loss and accuracy
 * curves). */
#include "config.h"

#include "eiaf-page-spec.h"

/* Declarations, in course order. */
extern const EiafPageSpec eiaf_page_logistic_bad_init;
extern const EiafPageSpec eiaf_page_cross_entropy;
extern const EiafPageSpec eiaf_page_softmax;
extern const EiafPageSpec eiaf_page_softmax_mnist;
extern const EiafPageSpec eiaf_page_one_hidden_layer;
extern const EiafPageSpec eiaf_page_more_neurons;
extern const EiafPageSpec eiaf_page_xor;
extern const EiafPageSpec eiaf_page_mnist_hidden_layer;
extern const EiafPageSpec eiaf_page_activation_functions;
extern const EiafPageSpec eiaf_page_activations_mnist;
extern const EiafPageSpec eiaf_page_deep_network;
extern const EiafPageSpec eiaf_page_spirals;
extern const EiafPageSpec eiaf_page_momentum_polynomial;
extern const EiafPageSpec eiaf_page_momentum_network;
extern const EiafPageSpec eiaf_page_batch_norm;
extern const EiafPageSpec eiaf_page_convolution;
extern const EiafPageSpec eiaf_page_activation_pooling;
extern const EiafPageSpec eiaf_page_multi_channel;
extern const EiafPageSpec eiaf_page_dropout_classification;
extern const EiafPageSpec eiaf_page_dropout_regression;
extern const EiafPageSpec eiaf_page_same_weights;
extern const EiafPageSpec eiaf_page_xavier_init;
extern const EiafPageSpec eiaf_page_cnn_mnist;
extern const EiafPageSpec eiaf_page_simple_cnn;
extern const EiafPageSpec eiaf_page_cnn_small_images;
extern const EiafPageSpec eiaf_page_cnn_batches;

static const EiafPageSpec *const page_specs[] = {
    /* Looked up by id; the order does not matter. */
    &eiaf_page_logistic_bad_init,
    &eiaf_page_cross_entropy,
    &eiaf_page_softmax,
    &eiaf_page_softmax_mnist,
    &eiaf_page_one_hidden_layer,
    &eiaf_page_more_neurons,
    &eiaf_page_xor,
    &eiaf_page_mnist_hidden_layer,
    &eiaf_page_activation_functions,
    &eiaf_page_activations_mnist,
    &eiaf_page_deep_network,
    &eiaf_page_spirals,
    &eiaf_page_momentum_polynomial,
    &eiaf_page_momentum_network,
    &eiaf_page_batch_norm,
    &eiaf_page_convolution,
    &eiaf_page_activation_pooling,
    &eiaf_page_multi_channel,
    &eiaf_page_dropout_classification,
    &eiaf_page_dropout_regression,
    &eiaf_page_same_weights,
    &eiaf_page_xavier_init,
    &eiaf_page_cnn_mnist,
    &eiaf_page_simple_cnn,
    &eiaf_page_cnn_small_images,
    &eiaf_page_cnn_batches,
    NULL,
};

const EiafPageSpec *eiaf_page_spec_find(const char *lesson_id)
{
  for (int i = 0; page_specs[i]; i++)
    if (g_str_equal(page_specs[i]->lesson_id, lesson_id))
      return page_specs[i];
  return NULL;
}
