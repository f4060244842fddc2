/* nn_model.h — a model is an ordered list of layers: the engine's twin of torch.nn.Sequential.
 *
 * Parameters and buffers carry exactly the names and shapes of the PyTorch twin's
 * `state_dict()`: layer i's Linear/Conv2d gives "i.weight" and "i.bias"; BatchNorm adds
 * "i.running_mean", "i.running_var" and "i.num_batches_tracked" (int64). Parameter values,
 * gradients and optimiser state each live in one contiguous block (as in llm.c) so an
 * optimiser step is one loop and saving is one pass.
 *
 * Memory: nn_model_new allocates the parameters; nn_model_reserve allocates activations and
 * workspace for a batch size; nothing else allocates, so the training loop never does. The
 * model owns everything it points to; pointers it returns stay valid until the next
 * nn_model_reserve or nn_model_free. A model is used by one thread at a time.
 */
#ifndef NN_MODEL_H
#define NN_MODEL_H

#include "nn_rng.h"
#include "nn_tensor.h"

typedef enum nn_layer_kind {
  NN_LINEAR,      /* nn.Linear(in, out, bias)                       in (B, I) -> (B, O) */
  NN_CONV2D,      /* nn.Conv2d(Cin, Cout, k, stride, padding, bias)  (B,C,H,W) -> (B,Co,Ho,Wo) */
  NN_MAXPOOL2D,   /* nn.MaxPool2d(k, stride)                         (B,C,H,W) -> (B,C,Ho,Wo) */
  NN_BATCHNORM1D, /* nn.BatchNorm1d(F)                               (B, F) -> (B, F) */
  NN_BATCHNORM2D, /* nn.BatchNorm2d(C)                               (B,C,H,W) -> same */
  NN_DROPOUT,     /* nn.Dropout(p)                                   any -> same */
  NN_SIGMOID,     /* nn.Sigmoid()                                    any -> same */
  NN_TANH,        /* nn.Tanh()                                       any -> same */
  NN_RELU,        /* nn.ReLU()                                       any -> same */
  NN_FLATTEN,     /* nn.Flatten()                                    (B, ...) -> (B, prod) */
  NN_LAYER_KIND_COUNT
} nn_layer_kind;

/* How a lesson declares a layer. Input sizes are inferred from the previous layer. */
typedef struct nn_layer_spec {
  nn_layer_kind kind;
  int out;     /* Linear: out_features; Conv2d: out_channels */
  int kernel;  /* Conv2d, MaxPool2d */
  int stride;  /* Conv2d (0 means 1), MaxPool2d (0 means kernel, as PyTorch) */
  int padding; /* Conv2d */
  float p;     /* Dropout probability of zeroing */
  bool no_bias;
} nn_layer_spec;

#define NN_LAYER_LINEAR(o) ((nn_layer_spec){.kind = NN_LINEAR, .out = (o)})
#define NN_LAYER_CONV(o, k, s, pad)                                                                \
  ((nn_layer_spec){.kind = NN_CONV2D, .out = (o), .kernel = (k), .stride = (s), .padding = (pad)})
#define NN_LAYER_MAXPOOL(k, s) ((nn_layer_spec){.kind = NN_MAXPOOL2D, .kernel = (k), .stride = (s)})
#define NN_LAYER_BN1D          ((nn_layer_spec){.kind = NN_BATCHNORM1D})
#define NN_LAYER_BN2D          ((nn_layer_spec){.kind = NN_BATCHNORM2D})
#define NN_LAYER_DROPOUT(pp)   ((nn_layer_spec){.kind = NN_DROPOUT, .p = (pp)})
#define NN_LAYER_SIGMOID       ((nn_layer_spec){.kind = NN_SIGMOID})
#define NN_LAYER_TANH          ((nn_layer_spec){.kind = NN_TANH})
#define NN_LAYER_RELU          ((nn_layer_spec){.kind = NN_RELU})
#define NN_LAYER_FLATTEN       ((nn_layer_spec){.kind = NN_FLATTEN})

#define NN_MAX_LAYERS 32

/* One entry of the state dict: a parameter (float32, trainable) or a buffer (float32 running
 * statistics or the int64 num_batches_tracked). */
typedef enum nn_dtype { NN_F32, NN_I64 } nn_dtype;
typedef struct nn_state_entry {
  const char *name;
  nn_dtype dtype;
  bool trainable;
  int ndim;
  int shape[NN_MAX_DIMS];
  void *data; /* float * or int64_t *, owned by the model */
} nn_state_entry;

typedef struct nn_model nn_model;

/* Builds a model for samples of shape `in_shape` (without the batch dimension: (784) or
 * (1, 28, 28)). Fails with a message on impossible shapes (a kernel larger than its padded
 * input, Linear after a 4-D output without Flatten, ...). Parameters start at zero: call an
 * initialiser (nn_init.h). */
nn_model *nn_model_new(int in_ndim, const int *in_shape, const nn_layer_spec *layers, int n_layers,
                       nn_error *err);
void nn_model_free(nn_model *m);

/* A new model with the same layers and a copy of every parameter and buffer (no gradients,
 * no optimiser state). For snapshots: the UI predicts with the copy while training goes on. */
nn_model *nn_model_clone(const nn_model *m, nn_error *err);
/* Copies parameter and buffer values from `src` (same architecture) into `dst`. */
void nn_model_copy_values(nn_model *dst, const nn_model *src);

int nn_model_n_layers(const nn_model *m);
const nn_layer_spec *nn_model_layer(const nn_model *m, int i);
/* Output shape of layer i for one sample (without batch), or of the input for i = -1. */
int nn_model_layer_shape(const nn_model *m, int i, int shape[NN_MAX_DIMS]);
/* Elements per sample at the output of layer i (-1: input). */
size_t nn_model_layer_numel(const nn_model *m, int i);

/* Trainable parameters, in state_dict order. */
int nn_model_n_params(const nn_model *m);
nn_param *nn_model_param(nn_model *m, int i);
const nn_param *nn_model_param_const(const nn_model *m, int i);
/* Layer i's weight / bias, or NULL when the layer has none. */
nn_param *nn_model_weight(nn_model *m, int layer);
nn_param *nn_model_bias(nn_model *m, int layer);
/* The contiguous blocks: all parameter values / all gradients, nn_model_n_values floats each. */
size_t nn_model_n_values(const nn_model *m);
float *nn_model_values(nn_model *m);
float *nn_model_grads(nn_model *m);

/* Every state_dict entry (parameters and buffers) in PyTorch's order. */
int nn_model_n_state(const nn_model *m);
nn_state_entry nn_model_state(const nn_model *m, int i);

/* Training mode: dropout active, batch norm on batch statistics (updating running ones).
 * Evaluation mode: dropout is the identity, batch norm uses the running statistics. */
void nn_model_set_training(nn_model *m, bool training);
bool nn_model_is_training(const nn_model *m);
/* The generator dropout masks are drawn from (borrowed; must outlive the model's use). */
void nn_model_set_rng(nn_model *m, nn_rng *rng);

/* Allocates activations and workspace for batches of up to `batch` samples. Idempotent for
 * smaller sizes. Must be called before the first forward pass. */
bool nn_model_reserve(nn_model *m, int batch, nn_error *err);
int nn_model_capacity(const nn_model *m);
/* Frees the activations and workspace (the parameters stay): a model that waits gives its
 * memory back; nn_model_reserve must come again before the next pass. */
void nn_model_release(nn_model *m);
/* The bytes nn_model_reserve(m, batch) allocates (SIZE_MAX if that overflows). */
size_t nn_model_batch_bytes(nn_model *m, int batch);

/* Threads (1 to NN_POOL_MAX_THREADS, the caller included) that train and evaluate the model.
 * A batch of two or more samples goes through the convolution and pooling layers (and the
 * activations between them) as NN_MODEL_PARTS parts of consecutive samples, each part's
 * parameter gradients summed in part order afterwards: whatever the number of threads, the
 * same inputs give the same bits. Returns false (keeping the old setting) when threads cannot
 * be started. A clone starts with one thread. */
/* Four rather than two: when the system runs a helper late, the caller has taken the first
 * parts and the helper still finds some left (measured: as fast as two when both cores are
 * free, steadier when they are not). */
#define NN_MODEL_PARTS 4
bool nn_model_set_threads(nn_model *m, int threads, nn_error *err);
int nn_model_threads(const nn_model *m);

/* Forward pass on x (batch × input numel). Returns the output (batch × output numel), owned by
 * the model. batch must be 1..capacity. Every layer's output stays readable until the next
 * forward pass (nn_model_output). */
const float *nn_model_forward(nn_model *m, const float *x, int batch);
/* Backward pass for the last forward: dout is d(loss)/d(output). Writes (does not accumulate)
 * every parameter's gradient. Must follow a forward pass in the same mode. */
void nn_model_backward(nn_model *m, const float *dout);
/* As nn_model_backward, and also writes d(loss)/d(input) (batch × input numel) to din: the
 * slope an activation shows (lesson 9), saliency, gradient checks of a whole model. */
void nn_model_backward_input(nn_model *m, const float *dout, float *din);
/* Output of layer i from the last forward pass (batch × nn_model_layer_numel floats). */
const float *nn_model_output(const nn_model *m, int i);

/* Forward in evaluation-sized chunks over n samples (any n), writing n × out-numel floats to
 * out. Uses the current mode; leaves the mode unchanged. */
void nn_model_predict(nn_model *m, const float *x, int n, float *out);

/* The twin as one Python expression using `nn`, e.g.
 * "nn.Sequential(nn.Linear(784, 100), nn.Sigmoid(), nn.Linear(100, 10))". */
void nn_model_describe(const nn_model *m, char *buf, size_t size);

#endif
