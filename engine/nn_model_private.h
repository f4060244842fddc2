/* nn_model_private.h — the model's insides, shared by nn_model.c (structure, parameters, state,
 * memory) and nn_model_pass.c (forward and backward). Nothing outside those two includes it. */
#ifndef NN_MODEL_PRIVATE_H
#define NN_MODEL_PRIVATE_H

#include "nn_model.h"
#include "nn_ops.h"
#include "nn_pool.h"

/* Up to five state_dict entries a layer (BatchNorm: weight, bias, running_mean, running_var,
 * num_batches_tracked). */
#define NN_MAX_STATE (5 * NN_MAX_LAYERS)

typedef struct nn_layer {
  nn_layer_spec spec;                 /* as declared, with PyTorch's default stride filled in */
  int in_ndim, in_shape[NN_MAX_DIMS]; /* one sample, no batch dimension */
  int out_ndim, out_shape[NN_MAX_DIMS];
  size_t in_numel, out_numel;
  nn_conv2d_geom geom; /* Conv2d and MaxPool2d */
  int weight, bias;    /* indices into params, −1 when absent */
  int first_state;     /* index of its first state_dict entry */

  /* BatchNorm buffers: views into the model's buffer block. */
  float *running_mean, *running_var;
  int64_t *num_batches_tracked;

  /* Views into the arena nn_model_reserve allocates (capacity samples). */
  float *out;                     /* this layer's output; Flatten: its input's memory */
  float *mask;                    /* Dropout */
  int32_t *argmax;                /* MaxPool2d */
  float *save_mean, *save_invstd; /* BatchNorm (C) */
  bool ran_training;              /* the mode of the last forward pass */
} nn_layer;

struct nn_model {
  int in_ndim, in_shape[NN_MAX_DIMS];
  size_t in_numel;
  int n_layers;
  nn_layer layers[NN_MAX_LAYERS];
  int first_param_layer; /* backward without din stops here (n_layers: no parameters) */

  /* Trainable parameters: values and gradients, each one contiguous block in state_dict order. */
  int n_params;
  nn_param params[2 * NN_MAX_LAYERS];
  size_t n_values;
  float *values, *grads;

  /* Buffers: BatchNorm running statistics (floats) and num_batches_tracked (int64). */
  size_t n_buffer_floats;
  float *buffers;
  int64_t batches_tracked[NN_MAX_LAYERS];

  /* The state_dict: parameters and buffers, names in PyTorch's order. */
  int n_state;
  nn_state_entry state[NN_MAX_STATE];
  char state_names[NN_MAX_STATE][64];

  bool training;
  nn_rng *rng; /* dropout masks; &own_rng until nn_model_set_rng */
  nn_rng own_rng;

  /* nn_model_reserve: one arena for every per-batch array. */
  int capacity;
  void *arena;
  float *input; /* copy of the last forward's x (layer −1's output) */
  /* Buffers for d(loss)/d(activation): two ping-pong; with convolutions or pooling, two more
   * for their runs in parts (nn_model_pass.c). */
  float *grad[4];
  size_t widest;      /* floats per sample in each */
  float *work;        /* scratch, the largest layer's need (Conv2d), once per part */
  size_t work_floats; /* one part's share of work */
  float *part_grads;  /* NN_MODEL_PARTS × n_values: each part's parameter gradients */

  /* Threads that run the parts of a batch (nn_model_set_threads); NULL: the caller alone. */
  nn_pool *pool;
  int last_batch; /* 0 until a forward pass */
};

#endif
