/* Checks on snapshot items the convolution demonstrations' tests share. */
#pragma once

#include <glib.h>

#include "nn_snapshot.h"

/* The item `name` (the test fails if it is missing), with exactly this shape. */
const nn_snap_item *snap_item(const nn_snapshot *s, const char *name, int ndim, const int *shape);
/* The item has this shape and these values, exactly (NaN matches NaN). */
void snap_assert_values(const nn_snapshot *s, const char *name, int ndim, const int *shape,
                        const float *expected);
