/* See snap-test-util.h. */
#include "snap-test-util.h"

#include <math.h>

const nn_snap_item *snap_item(const nn_snapshot *s, const char *name, int ndim, const int *shape)
{
  const nn_snap_item *item = nn_snapshot_find(s, name);
  if (!item)
    g_error("the snapshot has no item %s", name);
  g_assert_cmpint(item->ndim, ==, ndim);
  for (int d = 0; d < ndim; d++)
    g_assert_cmpint(item->shape[d], ==, shape[d]);
  return item;
}

void snap_assert_values(const nn_snapshot *s, const char *name, int ndim, const int *shape,
                        const float *expected)
{
  const nn_snap_item *item = snap_item(s, name, ndim, shape);
  for (size_t i = 0; i < nn_snap_item_numel(item); i++) {
    if (isnan(expected[i]) && isnan(item->data[i]))
      continue;
    if (item->data[i] != expected[i])
      g_error("%s[%zu] is %g, expected %g", name, i, item->data[i], expected[i]);
  }
}
