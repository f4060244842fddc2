/* nn_rng.h — the one source of randomness: PCG32 (O'Neill, pcg-random.org, XSH-RR variant).
 *
 * Every random choice in the engine (data, initialisation, shuffling, dropout masks, gradient
 * noise) takes an explicit `nn_rng *`. There is no global state, so the same seed gives the
 * same numbers on every run and every machine. The generator is a plain value: copy it to fork
 * a reproducible sub-stream, or seed a new one with nn_rng_seed(seed, stream).
 */
#ifndef NN_RNG_H
#define NN_RNG_H

#include <stdint.h>

typedef struct nn_rng {
  uint64_t state;
  uint64_t inc; /* stream selector, always odd */
} nn_rng;

/* Seeds a generator; different `stream` values give independent sequences for one seed. */
void nn_rng_seed(nn_rng *rng, uint64_t seed, uint64_t stream);

uint32_t nn_rng_u32(nn_rng *rng);
/* Uniform integer in [0, bound) without modulo bias. bound must be > 0. */
uint32_t nn_rng_below(nn_rng *rng, uint32_t bound);
/* Uniform float in [0, 1): 24 random bits. */
float nn_rng_uniform(nn_rng *rng);
/* Uniform float in [lo, hi). */
float nn_rng_range(nn_rng *rng, float lo, float hi);
/* Standard normal N(0, 1) (Box–Muller on doubles, one value per call: no cached state). */
float nn_rng_normal(nn_rng *rng);
/* In-place Fisher–Yates shuffle of `n` indices. */
void nn_rng_shuffle(nn_rng *rng, int32_t *index, int n);

#endif
