/* Optimisers: SGD with momentum and Adam, step by step, against values worked out by hand and
 * against torch 1.13 bit for bit.
 *
 * The torch values were printed (%.9g, which names a float exactly) by /usr/bin/python3 with
 * torch 1.13.1 (Debian 12):
 *   p = torch.tensor([1.0, -2.0, 0.5], requires_grad=True); opt = OPTIMISER([p])
 *   for g in ([0.5, -1.0, 2.0], [1.0, 1.0, -1.0]): p.grad = torch.tensor(g); opt.step()
 * with OPTIMISER torch.optim.SGD(lr=0.1, momentum=0.9[, weight_decay=0.01]) and
 * torch.optim.Adam(lr=0.001) / Adam(lr=0.01, weight_decay=0.1).
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "nn_optim.h"

static const float p_start[3] = {1.0f, -2.0f, 0.5f};
static const float grads[2][3] = {{0.5f, -1.0f, 2.0f}, {1.0f, 1.0f, -1.0f}};

/* Runs two steps of `config` from p_start, checking after each step against `expected`. */
static void check_two_steps(const nn_optim_config *config, const float expected[2][3])
{
  nn_optim opt;
  nn_error err = {{0}};
  float p[3];
  memcpy(p, p_start, sizeof p);
  g_assert_true(nn_optim_init(&opt, config, 3, &err));
  for (int step = 0; step < 2; step++) {
    nn_optim_step(&opt, p, grads[step]);
    g_assert_cmpint(opt.steps, ==, step + 1);
    for (int i = 0; i < 3; i++)
      g_assert_cmpfloat(p[i], ==, expected[step][i]);
  }
  nn_optim_free(&opt);
}

static void test_sgd_momentum_by_hand(void)
{
  /* Step 1: v = g, p = p − 0.1·g = (0.95, −1.9, 0.3).
   * Step 2: v = 0.9·(0.5, −1, 2) + (1, 1, −1) = (1.45, 0.1, 0.8), p = (0.805, −1.91, 0.22). */
  nn_optim_config c = {.kind = NN_OPTIM_SGD, .lr = 0.1f, .momentum = 0.9f};
  nn_optim opt;
  float p[3];
  memcpy(p, p_start, sizeof p);
  g_assert_true(nn_optim_init(&opt, &c, 3, NULL));
  nn_optim_step(&opt, p, grads[0]);
  g_assert_cmpfloat_with_epsilon(p[0], 0.95, 1e-7);
  g_assert_cmpfloat_with_epsilon(p[1], -1.9, 1e-7);
  g_assert_cmpfloat_with_epsilon(p[2], 0.3, 1e-7);
  nn_optim_step(&opt, p, grads[1]);
  g_assert_cmpfloat_with_epsilon(p[0], 0.805, 1e-7);
  g_assert_cmpfloat_with_epsilon(p[1], -1.91, 1e-7);
  g_assert_cmpfloat_with_epsilon(p[2], 0.22, 1e-7);
  g_assert_cmpfloat_with_epsilon(opt.buf1[0], 1.45, 1e-7);
  nn_optim_free(&opt);

  /* The same, bit for bit as torch. */
  const float torch_values[2][3] = {{0.949999988f, -1.89999998f, 0.300000012f},
                                    {0.805000007f, -1.90999997f, 0.220000014f}};
  check_two_steps(&c, torch_values);
}

static void test_sgd_plain_and_weight_decay(void)
{
  /* No momentum: p ← p − lr·g, no state. */
  nn_optim_config plain = {.kind = NN_OPTIM_SGD, .lr = 0.5f};
  nn_optim opt;
  float p[3];
  memcpy(p, p_start, sizeof p);
  g_assert_true(nn_optim_init(&opt, &plain, 3, NULL));
  g_assert_null(opt.buf1);
  nn_optim_step(&opt, p, grads[0]);
  g_assert_cmpfloat(p[0], ==, 0.75f);
  g_assert_cmpfloat(p[1], ==, -1.5f);
  g_assert_cmpfloat(p[2], ==, -0.5f);
  nn_optim_free(&opt);

  /* Weight decay adds wd·p to the gradient: step 1 g = (0.51, −1.02, 2.005),
   * p = (0.949, −1.898, 0.2995). */
  nn_optim_config c = {.kind = NN_OPTIM_SGD, .lr = 0.1f, .momentum = 0.9f, .weight_decay = 0.01f};
  const float torch_values[2][3] = {{0.949000001f, -1.898f, 0.299499989f},
                                    {0.802151024f, -1.904302f, 0.218750477f}};
  g_assert_cmpfloat_with_epsilon(torch_values[0][0], 1.0 - 0.1 * 0.51, 1e-7);
  g_assert_cmpfloat_with_epsilon(torch_values[0][2], 0.5 - 0.1 * 2.005, 1e-7);
  check_two_steps(&c, torch_values);
}

/* Adam in double, the textbook formula, for a check by hand of the float implementation. */
static void adam_reference(double lr, double wd, double out[2][3])
{
  double p[3], m[3] = {0}, v[3] = {0};
  for (int i = 0; i < 3; i++)
    p[i] = p_start[i];
  for (int t = 1; t <= 2; t++) {
    for (int i = 0; i < 3; i++) {
      double g = grads[t - 1][i] + wd * p[i];
      m[i] = 0.9 * m[i] + 0.1 * g;
      v[i] = 0.999 * v[i] + 0.001 * g * g;
      double mhat = m[i] / (1 - pow(0.9, t)), vhat = v[i] / (1 - pow(0.999, t));
      p[i] -= lr * mhat / (sqrt(vhat) + 1e-8);
      out[t - 1][i] = p[i];
    }
  }
}

static void test_adam(void)
{
  /* Defaults: betas (0.9, 0.999), eps 1e-8. After step 1 each p moves by lr·sign(g). */
  nn_optim_config c = {.kind = NN_OPTIM_ADAM, .lr = 0.001f};
  double ref[2][3];
  adam_reference(0.001, 0.0, ref);
  g_assert_cmpfloat_with_epsilon(ref[0][0], 0.999, 1e-9);
  g_assert_cmpfloat_with_epsilon(ref[1][0], 0.998034818, 1e-8); /* worked out on paper */
  const float torch_values[2][3] = {{0.999000013f, -1.99899995f, 0.499000013f},
                                    {0.998034835f, -1.99905264f, 0.49873367f}};
  for (int s = 0; s < 2; s++)
    for (int i = 0; i < 3; i++)
      g_assert_cmpfloat_with_epsilon(torch_values[s][i], ref[s][i], 1e-6);
  check_two_steps(&c, torch_values);

  nn_optim opt;
  g_assert_true(nn_optim_init(&opt, &c, 3, NULL));
  g_assert_cmpfloat(opt.config.beta1, ==, 0.9f);
  g_assert_cmpfloat(opt.config.beta2, ==, 0.999f);
  g_assert_cmpfloat(opt.config.eps, ==, 1e-8f);
  nn_optim_free(&opt);
}

static void test_adam_weight_decay(void)
{
  nn_optim_config c = {.kind = NN_OPTIM_ADAM, .lr = 0.01f, .weight_decay = 0.1f};
  double ref[2][3];
  adam_reference(0.01, 0.1, ref);
  const float torch_values[2][3] = {{0.99000001f, -1.99000001f, 0.49000001f},
                                    {0.980258286f, -1.98856056f, 0.487054974f}};
  for (int s = 0; s < 2; s++)
    for (int i = 0; i < 3; i++)
      g_assert_cmpfloat_with_epsilon(torch_values[s][i], ref[s][i], 1e-6);
  check_two_steps(&c, torch_values);
}

static void test_reset_forgets_state(void)
{
  for (int kind = 0; kind < 2; kind++) {
    nn_optim_config c = {.kind = kind, .lr = 0.1f, .momentum = 0.9f};
    nn_optim opt;
    float a[3], b[3];
    memcpy(a, p_start, sizeof a);
    memcpy(b, p_start, sizeof b);
    g_assert_true(nn_optim_init(&opt, &c, 3, NULL));
    nn_optim_step(&opt, a, grads[0]);
    nn_optim_step(&opt, a, grads[1]);
    nn_optim_reset(&opt);
    g_assert_cmpint(opt.steps, ==, 0);
    /* After a reset, a step from b is exactly a first step. */
    nn_optim_step(&opt, b, grads[1]);
    nn_optim fresh;
    float f[3];
    memcpy(f, p_start, sizeof f);
    g_assert_true(nn_optim_init(&fresh, &c, 3, NULL));
    nn_optim_step(&fresh, f, grads[1]);
    for (int i = 0; i < 3; i++)
      g_assert_cmpfloat(b[i], ==, f[i]);
    nn_optim_free(&opt);
    nn_optim_free(&fresh);
  }
}

static void test_names(void)
{
  nn_optim_kind k;
  g_assert_cmpstr(nn_optim_name(NN_OPTIM_SGD), ==, "sgd");
  g_assert_cmpstr(nn_optim_name(NN_OPTIM_ADAM), ==, "adam");
  g_assert_true(nn_optim_parse("adam", &k));
  g_assert_cmpint(k, ==, NN_OPTIM_ADAM);
  g_assert_true(nn_optim_parse("sgd", &k));
  g_assert_cmpint(k, ==, NN_OPTIM_SGD);
  g_assert_false(nn_optim_parse("Adam", &k));
  g_assert_false(nn_optim_parse("", &k));
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/optim/sgd-momentum", test_sgd_momentum_by_hand);
  g_test_add_func("/optim/sgd-plain-and-weight-decay", test_sgd_plain_and_weight_decay);
  g_test_add_func("/optim/adam", test_adam);
  g_test_add_func("/optim/adam-weight-decay", test_adam_weight_decay);
  g_test_add_func("/optim/reset", test_reset_forgets_state);
  g_test_add_func("/optim/names", test_names);
  return g_test_run();
}
