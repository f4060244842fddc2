/* Exporting what a page shows. See eiaf-export.h. */
#include "config.h"

#include "eiaf-export.h"

#include <glib/gi18n.h>
#include <math.h>

static void append_value(GString *out, float v)
{
  g_string_append_c(out, ',');
  if (isfinite(v)) {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    /* The C locale's decimal point, whatever the user's: a CSV is read by programs. */
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.7g", v));
  }
}

char *eiaf_curves_csv(const nn_snapshot *s)
{
  static const char *const columns[] = {"train_loss", "train_acc", "val_loss", "val_acc"};
  GString *out = g_string_new("variant,epoch,train_loss,train_accuracy,val_loss,val_accuracy\n");
  for (int v = 0; v < s->n_variants; v++) {
    const nn_snap_item *items[4];
    int n = -1;
    for (int k = 0; k < 4; k++) {
      items[k] = nn_snapshot_findf(s, "%s/%d", columns[k], v);
      int len = items[k] ? (int) nn_snap_item_numel(items[k]) : 0;
      n = n < 0 ? len : MIN(n, len);
    }
    for (int e = 0; e < n; e++) {
      /* Variant names are plain identifiers ("relu", "momentum-0.4"): no quoting needed. */
      g_string_append_printf(out, "%s,%d", s->variants[v].name, e + 1);
      for (int k = 0; k < 4; k++)
        append_value(out, items[k]->data[e]);
      g_string_append_c(out, '\n');
    }
  }
  return g_string_free(out, FALSE);
}

gboolean eiaf_export_curves_csv(const nn_snapshot *s, const char *path, GError **error)
{
  g_autofree char *csv = eiaf_curves_csv(s);
  /* g_file_set_contents writes a temporary file and renames it over path. */
  return g_file_set_contents(path, csv, -1, error);
}
