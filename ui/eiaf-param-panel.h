/* EiafParamPanel: a column of labelled controls built from plain declarations.
 *
 *   INT, FLOAT  a slider under its label, the value and unit on the right ("100 neurons");
 *               a log-scale slider moves in log10 space but shows and emits the real value,
 *               rounded to two significant digits ("0.032")
 *   CHOICE      a drop-down under its label; the value is the index of the choice
 *   BOOL        a switch beside its label; the value is 0 or 1
 *
 * Each control's accessible label is exactly its visible label, and a slider's accessible value
 * is the real value (its value text the shown "100 neurons"). A panel may carry a reference
 * value per control (a preset): a control whose value differs shows a small "back to preset"
 * button, with a tooltip such as "Course preset: 0.1".
 *
 * Signals:
 *   "changed" (const char *name, double value)  detailed by name ("changed::lr"); emitted once
 *       per change the user makes, never for eiaf_param_panel_set_value().
 * Properties:
 *   "at-reference" (gboolean, read-only)  every control with a reference is at it.
 *   "reference-name" (string)  how the tooltips name the reference ("Course preset").
 *
 * Names not in the panel are programming errors (a critical). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  EIAF_PARAM_INT,
  EIAF_PARAM_FLOAT,
  EIAF_PARAM_CHOICE,
  EIAF_PARAM_BOOL,
} EiafParamKind;

/* One control. Strings are copied; labels are shown as given (translate them first). */
typedef struct {
  const char *name;  /* key in "changed" and the setters; unique in the panel */
  const char *label; /* visible label and accessible name: "Learning rate" */
  const char *unit;  /* after the value ("neurons", "epochs", "%"); NULL or "" for none */
  EiafParamKind kind;
  double min, max; /* INT, FLOAT: inclusive range (log scale: min > 0) */
  double step;     /* INT, FLOAT: the grid values snap to and an arrow key moves by (linear
                      sliders); 0 picks about a hundredth of the range. Log sliders move by a
                      tenth of a decade whatever the step. */
  double value;    /* the initial value; CHOICE: an index; BOOL: 0 or 1 */
  const char *const *choices; /* CHOICE: visible labels, NULL-terminated */
  gboolean log_scale;         /* INT, FLOAT: the slider is logarithmic (learning rates) */
  const char *unit_one;       /* the unit when the value is exactly 1 ("neuron"); NULL: unit */
  const char *help;           /* a tooltip and accessible description, or NULL */
  const char *min_label;      /* INT, FLOAT: shown instead of the minimum ("full batch" for a
                                 batch size of 0), or NULL */
} EiafParamInfo;

#define EIAF_TYPE_PARAM_PANEL (eiaf_param_panel_get_type())
G_DECLARE_FINAL_TYPE(EiafParamPanel, eiaf_param_panel, EIAF, PARAM_PANEL, GtkWidget)

GtkWidget *eiaf_param_panel_new(void);

/* Appends a control below the others. */
void eiaf_param_panel_add(EiafParamPanel *self, const EiafParamInfo *info);

/* Sets a value as the program (clamped to the range; no "changed"). */
void eiaf_param_panel_set_value(EiafParamPanel *self, const char *name, double value);
double eiaf_param_panel_get_value(EiafParamPanel *self, const char *name);

/* Greys out a control and its label (a parameter that does not apply). */
void eiaf_param_panel_set_sensitive(EiafParamPanel *self, const char *name, gboolean sensitive);

/* The preset's value for a control; NAN removes it. */
void eiaf_param_panel_set_reference(EiafParamPanel *self, const char *name, double value);
/* TRUE when every control with a reference is at it (or none has one). */
gboolean eiaf_param_panel_is_at_reference(EiafParamPanel *self);
void eiaf_param_panel_set_reference_name(EiafParamPanel *self, const char *reference_name);

/* The control itself (GtkScale, GtkDropDown or GtkSwitch), for tests and focus handling. */
GtkWidget *eiaf_param_panel_get_control(EiafParamPanel *self, const char *name);

/* The text shown for a value of this control: "100 neurons", "0.01", "Adam", "On". Free it. */
char *eiaf_param_panel_format_value(EiafParamPanel *self, const char *name, double value);

G_END_DECLS
