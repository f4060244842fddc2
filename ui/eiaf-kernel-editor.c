/* A grid of compact spin buttons. See eiaf-kernel-editor.h. */
#include "config.h"

#include "eiaf-kernel-editor.h"

#include <glib/gi18n-lib.h>

#define MAX_SIDE 8

struct _EiafKernelEditor {
  GtkWidget parent_instance;
  GtkWidget *grid;
  guint rows, cols;
  GtkWidget *cells[MAX_SIDE * MAX_SIDE];
  char *label;
  gboolean setting; /* values set by the program: no "changed" */
};

G_DEFINE_FINAL_TYPE(EiafKernelEditor, eiaf_kernel_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LABEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void on_cell_value_changed_cb(GtkSpinButton *spin, EiafKernelEditor *self)
{
  if (self->setting)
    return;
  for (guint i = 0; i < self->rows * self->cols; i++)
    if (self->cells[i] == GTK_WIDGET(spin)) {
      g_signal_emit(self, signals[SIGNAL_CHANGED], 0, i / self->cols, i % self->cols,
                    gtk_spin_button_get_value(spin));
      return;
    }
}

static void update_cell_labels(EiafKernelEditor *self)
{
  const char *name = self->label ? self->label : _("Kernel");
  gtk_accessible_update_property(GTK_ACCESSIBLE(self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (guint r = 0; r < self->rows; r++)
    for (guint c = 0; c < self->cols; c++) {
      /* TRANSLATORS: a kernel editor's cell: "Kernel, row 1, column 2". */
      g_autofree char *text = g_strdup_printf(_("%s, row %u, column %u"), name, r + 1, c + 1);
      GtkWidget *cell = self->cells[r * self->cols + c];
      gtk_accessible_update_property(GTK_ACCESSIBLE(cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_set_tooltip_text(cell, text);
    }
}

/* A spin button without its + and − buttons: three of them side by side fit a 300-pixel
 * column, and the keys, the wheel and typing still change it. GTK 4.8 has no property for
 * this; the buttons are the spin button's GtkButton children. */
static GtkWidget *compact_spin_button(void)
{
  GtkWidget *spin = gtk_spin_button_new_with_range(-10, 10, 0.1);
  gtk_spin_button_set_digits(GTK_SPIN_BUTTON(spin), 2);
  gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(spin), TRUE);
  gtk_editable_set_width_chars(GTK_EDITABLE(spin), 5);
  gtk_editable_set_alignment(GTK_EDITABLE(spin), 0.5);
  for (GtkWidget *child = gtk_widget_get_first_child(spin); child;
       child = gtk_widget_get_next_sibling(child))
    if (GTK_IS_BUTTON(child))
      gtk_widget_set_visible(child, FALSE);
  gtk_widget_set_hexpand(spin, TRUE);
  return spin;
}

GtkWidget *eiaf_kernel_editor_new(guint rows, guint cols)
{
  g_return_val_if_fail(rows >= 1 && rows <= MAX_SIDE, NULL);
  g_return_val_if_fail(cols >= 1 && cols <= MAX_SIDE, NULL);
  EiafKernelEditor *self = g_object_new(EIAF_TYPE_KERNEL_EDITOR, NULL);
  self->rows = rows, self->cols = cols;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++) {
      GtkWidget *spin = compact_spin_button();
      self->cells[r * cols + c] = spin;
      gtk_grid_attach(GTK_GRID(self->grid), spin, (int) c, (int) r, 1, 1);
      g_signal_connect_object(spin, "value-changed", G_CALLBACK(on_cell_value_changed_cb), self, 0);
    }
  update_cell_labels(self);
  return GTK_WIDGET(self);
}

guint eiaf_kernel_editor_get_rows(EiafKernelEditor *self)
{
  g_return_val_if_fail(EIAF_IS_KERNEL_EDITOR(self), 0);
  return self->rows;
}

guint eiaf_kernel_editor_get_cols(EiafKernelEditor *self)
{
  g_return_val_if_fail(EIAF_IS_KERNEL_EDITOR(self), 0);
  return self->cols;
}

void eiaf_kernel_editor_set_range(EiafKernelEditor *self, double min, double max, double step,
                                  guint digits)
{
  g_return_if_fail(EIAF_IS_KERNEL_EDITOR(self));
  g_return_if_fail(min < max && step > 0);
  self->setting = TRUE;
  for (guint i = 0; i < self->rows * self->cols; i++) {
    GtkSpinButton *spin = GTK_SPIN_BUTTON(self->cells[i]);
    gtk_spin_button_set_digits(spin, MIN(digits, 6u));
    gtk_spin_button_set_increments(spin, step, step * 10);
    gtk_spin_button_set_range(spin, min, max);
  }
  self->setting = FALSE;
}

void eiaf_kernel_editor_set_values(EiafKernelEditor *self, const double *values)
{
  g_return_if_fail(EIAF_IS_KERNEL_EDITOR(self));
  g_return_if_fail(values != NULL);
  self->setting = TRUE;
  /* A cell already at its value is left alone: setting it again would rewrite the text the
   * user may be typing into it. */
  for (guint i = 0; i < self->rows * self->cols; i++)
    if (gtk_spin_button_get_value(GTK_SPIN_BUTTON(self->cells[i])) != values[i])
      gtk_spin_button_set_value(GTK_SPIN_BUTTON(self->cells[i]), values[i]);
  self->setting = FALSE;
}

void eiaf_kernel_editor_get_values(EiafKernelEditor *self, double *values)
{
  g_return_if_fail(EIAF_IS_KERNEL_EDITOR(self));
  g_return_if_fail(values != NULL);
  for (guint i = 0; i < self->rows * self->cols; i++)
    values[i] = gtk_spin_button_get_value(GTK_SPIN_BUTTON(self->cells[i]));
}

double eiaf_kernel_editor_get_value(EiafKernelEditor *self, guint row, guint col)
{
  g_return_val_if_fail(EIAF_IS_KERNEL_EDITOR(self), 0);
  g_return_val_if_fail(row < self->rows && col < self->cols, 0);
  return gtk_spin_button_get_value(GTK_SPIN_BUTTON(self->cells[row * self->cols + col]));
}

void eiaf_kernel_editor_set_label(EiafKernelEditor *self, const char *label)
{
  g_return_if_fail(EIAF_IS_KERNEL_EDITOR(self));
  if (g_strcmp0(self->label, label) == 0)
    return;
  g_free(self->label);
  self->label = g_strdup(label);
  update_cell_labels(self);
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_LABEL]);
}

const char *eiaf_kernel_editor_get_label(EiafKernelEditor *self)
{
  g_return_val_if_fail(EIAF_IS_KERNEL_EDITOR(self), NULL);
  return self->label;
}

GtkWidget *eiaf_kernel_editor_get_cell(EiafKernelEditor *self, guint row, guint col)
{
  g_return_val_if_fail(EIAF_IS_KERNEL_EDITOR(self), NULL);
  g_return_val_if_fail(row < self->rows && col < self->cols, NULL);
  return self->cells[row * self->cols + col];
}

/* ---- GObject ---- */

static void eiaf_kernel_editor_dispose(GObject *object)
{
  EiafKernelEditor *self = EIAF_KERNEL_EDITOR(object);
  g_clear_pointer(&self->grid, gtk_widget_unparent);
  G_OBJECT_CLASS(eiaf_kernel_editor_parent_class)->dispose(object);
}

static void eiaf_kernel_editor_finalize(GObject *object)
{
  EiafKernelEditor *self = EIAF_KERNEL_EDITOR(object);
  g_free(self->label);
  G_OBJECT_CLASS(eiaf_kernel_editor_parent_class)->finalize(object);
}

static void eiaf_kernel_editor_get_property(GObject *object, guint prop_id, GValue *value,
                                            GParamSpec *pspec)
{
  EiafKernelEditor *self = EIAF_KERNEL_EDITOR(object);
  switch (prop_id) {
  case PROP_LABEL:
    g_value_set_string(value, self->label);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_kernel_editor_set_property(GObject *object, guint prop_id, const GValue *value,
                                            GParamSpec *pspec)
{
  EiafKernelEditor *self = EIAF_KERNEL_EDITOR(object);
  switch (prop_id) {
  case PROP_LABEL:
    eiaf_kernel_editor_set_label(self, g_value_get_string(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_kernel_editor_class_init(EiafKernelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);
  object_class->dispose = eiaf_kernel_editor_dispose;
  object_class->finalize = eiaf_kernel_editor_finalize;
  object_class->get_property = eiaf_kernel_editor_get_property;
  object_class->set_property = eiaf_kernel_editor_set_property;

  properties[PROP_LABEL] =
      g_param_spec_string("label", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
      g_signal_new("changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                   G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_DOUBLE);

  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name(widget_class, "kerneleditor");
  gtk_widget_class_set_accessible_role(widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void eiaf_kernel_editor_init(EiafKernelEditor *self)
{
  self->grid = gtk_grid_new();
  gtk_grid_set_row_spacing(GTK_GRID(self->grid), 4);
  gtk_grid_set_column_spacing(GTK_GRID(self->grid), 4);
  gtk_grid_set_column_homogeneous(GTK_GRID(self->grid), TRUE);
  gtk_widget_set_parent(self->grid, GTK_WIDGET(self));
}
