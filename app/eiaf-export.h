/* Exporting what a page shows: the curves as CSV (one row per variant and epoch), written
 * atomically. */
#pragma once

#include <gio/gio.h>

#include "nn_snapshot.h"

G_BEGIN_DECLS

/* "variant,epoch,train_loss,train_accuracy,val_loss,val_accuracy\n" then one row per variant
 * and finished epoch; values not measured are empty fields. Free with g_free. */
char *eiaf_curves_csv(const nn_snapshot *s);
/* Writes the curves of `s` to path, atomically (the old file stays if writing fails). */
gboolean eiaf_export_curves_csv(const nn_snapshot *s, const char *path, GError **error);

G_END_DECLS
