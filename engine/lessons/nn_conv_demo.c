/* Shared pieces of the convolution demonstrations. See nn_conv_demo.h. */
#include "nn_conv_demo.h"

#include <string.h>

#include "nn_lesson_util.h"

const float nn_demo_sobel_x[9] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
const float nn_demo_sobel_y[9] = {1, 2, 1, 0, 0, 0, -1, -2, -1};

bool nn_demo_geom(const char *what, int C_in, int H, int W, int C_out, int kernel, int stride,
                  int pad, nn_conv2d_geom *g, nn_error *err)
{
  if ((kernel > H + 2 * pad || kernel > W + 2 * pad) && pad > 0)
    return nn_fail(err, "the %d×%d %s does not fit in the %d×%d image with padding %d", kernel,
                   kernel, what, H, W, pad);
  if (kernel > H || kernel > W)
    return nn_fail(err, "the %d×%d %s does not fit in the %d×%d image", kernel, kernel, what, H, W);
  *g = nn_conv2d_geom_make(C_in, H, W, C_out, kernel, stride, pad);
  return true;
}

bool nn_demo_conv2d(const float *in, const float *weight, const float *bias, float *out,
                    const nn_conv2d_geom *g, nn_error *err)
{
  float *work = nn_alloc_aligned(nn_conv2d_work_floats(g), sizeof(float), err);
  if (!work)
    return false;
  nn_conv2d_forward(in, weight, bias, out, 1, g, work);
  nn_free_aligned(work);
  return true;
}

bool nn_demo_digit(const nn_job *job, int side, float *img, nn_error *err)
{
  const nn_mnist *m = nn_lesson_get_mnist(nn_job_env(job), side, err);
  if (!m)
    return false;
  if (m->train.n < 1)
    return nn_fail(err, "the MNIST training set is empty");
  memcpy(img, nn_dataset_sample(&m->train, 0), sizeof(float) * (size_t) side * (size_t) side);
  return true;
}

void nn_demo_snap(nn_snapshot *s, const char *name, int ndim, const int *shape, const float *data)
{
  float *dst = nn_snapshot_add(s, name, ndim, shape);
  if (dst)
    memcpy(dst, data, sizeof(float) * nn_snap_item_numel(&s->items[s->n_items - 1]));
}
