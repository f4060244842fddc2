/* Losses: values checked by hand (and against torch 1.13), PyTorch's clamps, and every
 * backward against central finite differences of its forward. */
#include <glib.h>
#include <math.h>

#include "nn_loss.h"
#include "nn_rng.h"

#define B 3
#define C 4

/* Central differences of nn_loss_forward at every element, against nn_loss_backward. The
 * forward is float, so h is large enough for its rounding to be small beside the slope. */
static void check_gradient(nn_loss_kind kind, float *out, nn_target y, int b, int c)
{
  int n = b * c;
  float analytic[B * C], numeric[B * C];
  nn_loss_backward(kind, out, y, b, c, analytic);
  const float h = 1e-2f;
  for (int i = 0; i < n; i++) {
    float keep = out[i];
    out[i] = keep + h;
    double up = nn_loss_forward(kind, out, y, b, c);
    out[i] = keep - h;
    double down = nn_loss_forward(kind, out, y, b, c);
    out[i] = keep;
    numeric[i] = (float) ((up - down) / (2.0 * h));
  }
  for (int i = 0; i < n; i++) {
    if (fabsf(analytic[i] - numeric[i]) > 1e-3f + 2e-2f * fabsf(numeric[i]))
      g_error("%s: element %d: backward %g, finite differences %g", nn_loss_name(kind), i,
              analytic[i], numeric[i]);
  }
}

static void fill(nn_rng *rng, float *x, int n, float lo, float hi)
{
  for (int i = 0; i < n; i++)
    x[i] = nn_rng_range(rng, lo, hi);
}

static void test_loss_gradients(void)
{
  nn_rng rng;
  nn_rng_seed(&rng, 3, 0);
  float out[B * C], target[B * C];
  int32_t classes[B] = {0, 3, 2};

  for (int trial = 0; trial < 5; trial++) {
    fill(&rng, out, B * C, -2.0f, 2.0f);
    fill(&rng, target, B * C, -1.0f, 1.0f);
    check_gradient(NN_LOSS_MSE, out, (nn_target){.values = target}, B, C);
    check_gradient(NN_LOSS_CROSS_ENTROPY, out, (nn_target){.classes = classes}, B, C);
    fill(&rng, target, B * C, 0.0f, 1.0f);
    check_gradient(NN_LOSS_BCE_WITH_LOGITS, out, (nn_target){.values = target}, B, C);
    /* BCE on probabilities away from 0 and 1, where the finite differences stay on the
     * smooth part of the log. */
    fill(&rng, out, B * C, 0.1f, 0.9f);
    check_gradient(NN_LOSS_BCE, out, (nn_target){.values = target}, B, C);
  }
}

static void test_mse_by_hand(void)
{
  float x[4] = {1, 2, 3, 4}, y[4] = {0, 0, 0, 0}, dx[4];
  /* (1 + 4 + 9 + 16) / 4 */
  g_assert_cmpfloat(nn_mse_forward(x, y, 4), ==, 7.5f);
  nn_mse_backward(x, y, 4, dx);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon(dx[i], 2.0f * x[i] / 4.0f, 1e-7);
}

static void test_cross_entropy_by_hand(void)
{
  float logits[6] = {1, 2, 3, 0.5f, -1, 4};
  int32_t y[2] = {2, 0};
  /* Row 0: log(e¹ + e² + e³) − 3 = 0.4076059644; row 1: 4 + log(1 + e^−3.5 + e^−5) − 0.5 =
   * 3.5362695; the mean is 1.9719377756 (torch 1.13: F.cross_entropy gives 1.9719377756). */
  g_assert_cmpfloat_with_epsilon(nn_cross_entropy_forward(logits, y, 2, 3), 1.9719377756f, 1e-6);
  /* Adding a constant to a row changes nothing; huge logits do not overflow. */
  float big[3] = {1001, 1002, 1003};
  int32_t y2 = 2;
  g_assert_cmpfloat_with_epsilon(nn_cross_entropy_forward(big, &y2, 1, 3), 0.4076059644f, 1e-5);
  float d[3];
  nn_cross_entropy_backward(big, &y2, 1, 3, d);
  g_assert_cmpfloat(fabsf(d[0] + d[1] + d[2]), <, 1e-6);
  g_assert_cmpfloat(d[2], <, 0.0f);
}

static void test_bce_clamp(void)
{
  /* p = 0 with y = 1 and p = 1 with y = 0: log clamped at −100, so each costs 100 exactly. */
  float p[4] = {0, 1, 0, 1}, y[4] = {1, 0, 0, 1}, dp[4];
  g_assert_cmpfloat(nn_bce_forward(p, y, 2), ==, 100.0f);
  /* torch 1.13: F.binary_cross_entropy(tensor([0., 1, 0, 1]), tensor([1., 0, 0, 1])) is 50.0,
   * and the gradient is (−2.5e11, 2.5e11, 0, 0): (p − y) / max(p(1 − p), 1e-12) / 4. */
  g_assert_cmpfloat(nn_bce_forward(p, y, 4), ==, 50.0f);
  nn_bce_backward(p, y, 4, dp);
  g_assert_cmpfloat_with_epsilon(dp[0], -2.5e11f, 1e5);
  g_assert_cmpfloat_with_epsilon(dp[1], 2.5e11f, 1e5);
  g_assert_cmpfloat(dp[2], ==, 0.0f);
  g_assert_cmpfloat(dp[3], ==, 0.0f);

  /* Away from the clamp (torch 1.13: 1.1515426636). */
  float p2[4] = {0.2f, 0.9f, 0.5f, 0.999f}, y2[4] = {1, 0, 1, 1};
  g_assert_cmpfloat_with_epsilon(nn_bce_forward(p2, y2, 4), 1.1515426636f, 1e-6);
}

static void test_bce_with_logits_by_hand(void)
{
  /* torch 1.13: F.binary_cross_entropy_with_logits(tensor([0.3, -2, 5, 0]),
   * tensor([1., 0, 0, 1])) = 1.5952864885. */
  float x[4] = {0.3f, -2, 5, 0}, y[4] = {1, 0, 0, 1};
  g_assert_cmpfloat_with_epsilon(nn_bce_logits_forward(x, y, 4), 1.5952864885f, 1e-6);
  /* Stable at large |x|: the loss is |x| where the sign is wrong, 0 where it is right. */
  float xl[4] = {100, -100, 100, -100}, yl[4] = {0, 1, 1, 0}, dx[4];
  g_assert_cmpfloat_with_epsilon(nn_bce_logits_forward(xl, yl, 4), 50.0f, 1e-5);
  nn_bce_logits_backward(xl, yl, 4, dx);
  g_assert_cmpfloat_with_epsilon(dx[0], 0.25f, 1e-7);
  g_assert_cmpfloat_with_epsilon(dx[1], -0.25f, 1e-7);
  g_assert_cmpfloat_with_epsilon(dx[2], 0.0f, 1e-7);
  g_assert_cmpfloat_with_epsilon(dx[3], 0.0f, 1e-7);
  /* The same logits through a sigmoid and plain BCE give the same value. */
  float p[4];
  for (int i = 0; i < 4; i++)
    p[i] = 1.0f / (1.0f + expf(-x[i]));
  g_assert_cmpfloat_with_epsilon(nn_bce_forward(p, y, 4), nn_bce_logits_forward(x, y, 4), 1e-6);
}

static void test_softmax(void)
{
  float logits[9] = {1000, 1000, 1000, 1000, 0, -1000, 1, 2, 3}, probs[9];
  nn_softmax(logits, 3, 3, probs);
  for (int b = 0; b < 3; b++) {
    float sum = 0;
    for (int c = 0; c < 3; c++) {
      g_assert_true(isfinite(probs[b * 3 + c]));
      sum += probs[b * 3 + c];
    }
    g_assert_cmpfloat_with_epsilon(sum, 1.0f, 1e-6);
  }
  g_assert_cmpfloat_with_epsilon(probs[0], 1.0f / 3.0f, 1e-6);
  g_assert_cmpfloat(probs[3], ==, 1.0f);
  g_assert_cmpfloat(probs[5], ==, 0.0f);
  /* e^(1−3) / (e^−2 + e^−1 + 1) = 0.0900305732 */
  g_assert_cmpfloat_with_epsilon(probs[6], 0.0900305732f, 1e-7);
}

static void test_dispatch_and_names(void)
{
  float out[4] = {0.5f, -1, 2, 0.25f}, y[4] = {0, 1, 1, 0}, d1[4], d2[4];
  int32_t cls[2] = {1, 0};
  nn_target tv = {.values = y}, tc = {.classes = cls};
  g_assert_cmpfloat(nn_loss_forward(NN_LOSS_MSE, out, tv, 2, 2), ==, nn_mse_forward(out, y, 4));
  g_assert_cmpfloat(nn_loss_forward(NN_LOSS_BCE_WITH_LOGITS, out, tv, 2, 2), ==,
                    nn_bce_logits_forward(out, y, 4));
  g_assert_cmpfloat(nn_loss_forward(NN_LOSS_CROSS_ENTROPY, out, tc, 2, 2), ==,
                    nn_cross_entropy_forward(out, cls, 2, 2));
  nn_loss_backward(NN_LOSS_CROSS_ENTROPY, out, tc, 2, 2, d1);
  nn_cross_entropy_backward(out, cls, 2, 2, d2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat(d1[i], ==, d2[i]);
  g_assert_cmpstr(nn_loss_name(NN_LOSS_MSE), ==, "mse");
  g_assert_cmpstr(nn_loss_name(NN_LOSS_BCE), ==, "bce");
  g_assert_cmpstr(nn_loss_name(NN_LOSS_BCE_WITH_LOGITS), ==, "bce_with_logits");
  g_assert_cmpstr(nn_loss_name(NN_LOSS_CROSS_ENTROPY), ==, "cross_entropy");
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/loss/gradients", test_loss_gradients);
  g_test_add_func("/loss/mse", test_mse_by_hand);
  g_test_add_func("/loss/cross-entropy", test_cross_entropy_by_hand);
  g_test_add_func("/loss/bce-clamp", test_bce_clamp);
  g_test_add_func("/loss/bce-with-logits", test_bce_with_logits_by_hand);
  g_test_add_func("/loss/softmax", test_softmax);
  g_test_add_func("/loss/dispatch-and-names", test_dispatch_and_names);
  return g_test_run();
}
