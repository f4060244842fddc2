#include "nn_rng.h"

#include <math.h>

void nn_rng_seed(nn_rng *rng, uint64_t seed, uint64_t stream)
{
  rng->state = 0;
  rng->inc = (stream << 1u) | 1u;
  nn_rng_u32(rng);
  rng->state += seed;
  nn_rng_u32(rng);
}

uint32_t nn_rng_u32(nn_rng *rng)
{
  uint64_t old = rng->state;
  rng->state = old * 6364136223846793005ULL + rng->inc;
  uint32_t xorshifted = (uint32_t) (((old >> 18u) ^ old) >> 27u);
  uint32_t rot = (uint32_t) (old >> 59u);
  return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

uint32_t nn_rng_below(nn_rng *rng, uint32_t bound)
{
  /* Lemire's nearly-divisionless method would do; the classic rejection is simpler and exact. */
  uint32_t threshold = (uint32_t) (-bound) % bound;
  for (;;) {
    uint32_t r = nn_rng_u32(rng);
    if (r >= threshold)
      return r % bound;
  }
}

float nn_rng_uniform(nn_rng *rng)
{
  return (float) (nn_rng_u32(rng) >> 8) * (1.0f / 16777216.0f);
}

float nn_rng_range(nn_rng *rng, float lo, float hi)
{
  return lo + (hi - lo) * nn_rng_uniform(rng);
}

float nn_rng_normal(nn_rng *rng)
{
  /* u1 in (0, 1] so that log() is finite. */
  double u1 = ((double) nn_rng_u32(rng) + 1.0) / 4294967296.0;
  double u2 = (double) nn_rng_u32(rng) / 4294967296.0;
  return (float) (sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2));
}

void nn_rng_shuffle(nn_rng *rng, int32_t *index, int n)
{
  for (int i = n - 1; i > 0; i--) {
    int j = (int) nn_rng_below(rng, (uint32_t) i + 1);
    int32_t t = index[i];
    index[i] = index[j];
    index[j] = t;
  }
}
