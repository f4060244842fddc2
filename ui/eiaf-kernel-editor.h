/* EiafKernelEditor: a small grid of numbers to type or nudge — a convolution kernel's weights.
 *
 * Each cell is a compact GtkSpinButton (no +/− buttons: ↑ and ↓, Page Up and Page Down and the
 * scroll wheel change it; typing a number and Enter sets it). The editor's accessible label is
 * its "label" property ("Kernel"); each cell's is "Kernel, row 1, column 2", with its value as
 * the accessible value.
 *
 * Signals:
 *   "changed" (guint row, guint col, double value)  a cell the user changed; never emitted for
 *       eiaf_kernel_editor_set_values().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EIAF_TYPE_KERNEL_EDITOR (eiaf_kernel_editor_get_type())
G_DECLARE_FINAL_TYPE(EiafKernelEditor, eiaf_kernel_editor, EIAF, KERNEL_EDITOR, GtkWidget)

/* rows × cols cells (1…8 each), all 0, over [−10, 10] in steps of 0.1 with 2 decimals. */
GtkWidget *eiaf_kernel_editor_new(guint rows, guint cols);
guint eiaf_kernel_editor_get_rows(EiafKernelEditor *self);
guint eiaf_kernel_editor_get_cols(EiafKernelEditor *self);

/* The range every cell takes, the step ↑ and ↓ move by and the digits shown after the point.
 * Values outside the range are clamped. */
void eiaf_kernel_editor_set_range(EiafKernelEditor *self, double min, double max, double step,
                                  guint digits);

/* rows × cols values, row-major (no "changed"). Cells already at their value are not touched, so
 * text being typed into one survives. */
void eiaf_kernel_editor_set_values(EiafKernelEditor *self, const double *values);
void eiaf_kernel_editor_get_values(EiafKernelEditor *self, double *values);
double eiaf_kernel_editor_get_value(EiafKernelEditor *self, guint row, guint col);

/* Property "label": the accessible label of the editor and the start of its cells' labels. */
void eiaf_kernel_editor_set_label(EiafKernelEditor *self, const char *label);
const char *eiaf_kernel_editor_get_label(EiafKernelEditor *self);

/* The GtkSpinButton of a cell, for tests and focus handling. */
GtkWidget *eiaf_kernel_editor_get_cell(EiafKernelEditor *self, guint row, guint col);

G_END_DECLS
