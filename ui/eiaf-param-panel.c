/* EiafParamPanel: labelled sliders, drop-downs and switches from plain declarations.
 *
 * Each control keeps its real value apart from the widget's own: a log slider's adjustment
 * holds log10 of the value, and a value the program sets is kept exactly even when the
 * slider's grid would round it. The user's moves are snapped to the grid, and "changed" fires
 * only when the snapped value really changes. */
#include "eiaf-param-panel.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* A log slider moves a tenth of a decade per arrow key: with two significant digits this walks
 * 1, 1.3, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 7.9, 10 (the preferred-number series). */
#define LOG_STEP 0.1
#define LOG_PAGE 0.5

typedef struct {
  EiafParamPanel *panel;
  char *name, *label, *unit, *unit_one, *min_label;
  EiafParamKind kind;
  double min, max, step;
  int decimals; /* linear FLOAT: shown after the decimal point */
  gboolean log_scale;
  guint n_choices;
  char **choices;

  double value;     /* the real value */
  double reference; /* NAN: none */

  GtkWidget *row;     /* the whole row, for sensitivity */
  GtkWidget *control; /* GtkScale, GtkDropDown or GtkSwitch */
  GtkWidget *value_label;
  GtkWidget *mark; /* "back to the preset" button, shown when the value differs */
} Param;

struct _EiafParamPanel {
  GtkWidget parent_instance;
  GPtrArray *params; /* of Param */
  char *reference_name;
  gboolean at_reference;
  gboolean updating; /* the program is moving a control: no "changed" */
};

G_DEFINE_FINAL_TYPE(EiafParamPanel, eiaf_param_panel, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_AT_REFERENCE, PROP_REFERENCE_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void param_free(gpointer data)
{
  Param *p = data;
  g_free(p->name);
  g_free(p->label);
  g_free(p->unit);
  g_free(p->unit_one);
  g_free(p->min_label);
  g_strfreev(p->choices);
  g_free(p);
}

static Param *find_param(EiafParamPanel *self, const char *name)
{
  for (guint i = 0; i < self->params->len; i++) {
    Param *p = g_ptr_array_index(self->params, i);
    if (g_strcmp0(p->name, name) == 0)
      return p;
  }
  return NULL;
}

static gboolean same_value(double a, double b)
{
  return fabs(a - b) <= 1e-9 * MAX(fabs(a), fabs(b)) + 1e-12;
}

/* ---- numbers ---- */

/* x rounded to `digits` significant digits. Dividing by an exact power of ten (rather than
 * multiplying by an inexact 0.1) gives the nearest double to the decimal: 3 / 100 == 0.03. */
static double round_significant(double x, int digits)
{
  if (x == 0 || !isfinite(x))
    return x;
  int e = (int) floor(log10(fabs(x))) - digits + 1;
  if (e < 0) {
    double scale = pow(10, -e);
    return round(x * scale) / scale;
  }
  double unit = pow(10, e);
  return round(x / unit) * unit;
}

/* The fewest decimals that write x exactly (up to 8). */
static int decimals_of(double x)
{
  for (int d = 0; d < 8; d++) {
    double scaled = x * pow(10, d);
    if (fabs(scaled - round(scaled)) < 1e-6)
      return d;
  }
  return 8;
}

static double position_of(const Param *p, double value)
{
  return p->log_scale ? log10(value) : value;
}

/* The value the user chose by moving the slider to `position`: snapped to the grid (linear) or
 * to two significant digits (log), or to the reference when that is nearer than one step, so
 * a preset such as 0.0125 can always be reached again. */
static double value_at(const Param *p, double position)
{
  double raw = p->log_scale ? pow(10, position) : position;
  double v;

  if (!isnan(p->reference) &&
      fabs(position - position_of(p, p->reference)) < (p->log_scale ? 0.01 : p->step / 2))
    return p->reference;
  if (p->log_scale) {
    v = round_significant(raw, 2);
  } else {
    v = p->min + round((raw - p->min) / p->step) * p->step;
    double scale = pow(10, p->decimals);
    v = round(v * scale) / scale;
  }
  if (p->kind == EIAF_PARAM_INT)
    v = round(v);
  return CLAMP(v, p->min, p->max);
}

static char *format_number(const Param *p, double v)
{
  int decimals;
  if (p->kind == EIAF_PARAM_INT)
    decimals = 0;
  else if (p->log_scale || v == 0)
    /* Three significant digits in fixed notation: 0.0125, 0.1, 3.2, 150. */
    decimals = v == 0 ? 0 : CLAMP(2 - (int) floor(log10(fabs(v))), 0, 8);
  else
    decimals = p->decimals;

  char *text = g_strdup_printf("%.*f", decimals, v);
  /* Trailing zeros say nothing: "0.100" reads better as "0.1". */
  if (decimals > 0) {
    char *end = text + strlen(text) - 1;
    while (*end == '0')
      *end-- = '\0';
    /* The decimal separator is the locale's and may take several bytes. */
    while (end > text && !g_ascii_isdigit(*end))
      *end-- = '\0';
  }
  return text;
}

static char *format_value(const Param *p, double v)
{
  switch (p->kind) {
  case EIAF_PARAM_CHOICE: {
    guint i = (guint) CLAMP(v, 0, p->n_choices - 1);
    return g_strdup(p->choices[i]);
  }
  case EIAF_PARAM_BOOL:
    return g_strdup(v != 0 ? _("On") : _("Off"));
  case EIAF_PARAM_INT:
  case EIAF_PARAM_FLOAT:
  default:
    break;
  }
  if (p->min_label && v <= p->min)
    return g_strdup(p->min_label);
  g_autofree char *number = format_number(p, v);
  const char *unit = (v == 1 && p->unit_one) ? p->unit_one : p->unit;
  if (!unit || !*unit)
    return g_steal_pointer(&number);
  if (g_str_equal(unit, "%"))
    return g_strconcat(number, unit, NULL);
  return g_strconcat(number, " ", unit, NULL);
}

/* ---- showing a value ---- */

static void update_at_reference(EiafParamPanel *self)
{
  gboolean at = eiaf_param_panel_is_at_reference(self);
  if (at == self->at_reference)
    return;
  self->at_reference = at;
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_AT_REFERENCE]);
}

static void update_mark(Param *p)
{
  gboolean differs = !isnan(p->reference) && !same_value(p->value, p->reference);
  gtk_widget_set_visible(p->mark, differs);
  if (differs) {
    g_autofree char *ref = format_value(p, p->reference);
    /* TRANSLATORS: a tooltip: "Course preset: 0.1" */
    g_autofree char *tip = g_strdup_printf(_("%s: %s"), p->panel->reference_name, ref);
    /* TRANSLATORS: a button's accessible name: "Back to Course preset: 0.1" */
    g_autofree char *name = g_strdup_printf(_("Back to %s"), tip);
    gtk_widget_set_tooltip_text(p->mark, tip);
    gtk_accessible_update_property(GTK_ACCESSIBLE(p->mark), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                   -1);
  }
  update_at_reference(p->panel);
}

/* The value label and, for sliders, what assistive technologies read: the real value (a log
 * slider's adjustment holds its logarithm) and the shown text with its unit. */
static void update_value_shown(Param *p)
{
  if (p->kind == EIAF_PARAM_INT || p->kind == EIAF_PARAM_FLOAT) {
    g_autofree char *text = format_value(p, p->value);
    gtk_label_set_text(GTK_LABEL(p->value_label), text);
    gtk_accessible_update_property(GTK_ACCESSIBLE(p->control), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                   p->min, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, p->max,
                                   GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, p->value,
                                   GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  }
  update_mark(p);
}

static void user_changed(Param *p, double value)
{
  EiafParamPanel *self = p->panel;
  if (same_value(value, p->value))
    return;
  p->value = value;
  update_value_shown(p);
  g_signal_emit(self, signals[SIGNAL_CHANGED], g_quark_from_string(p->name), p->name, value);
}

/* ---- controls ---- */

static void on_adjustment_value_changed_cb(GtkAdjustment *adjustment, gpointer user_data)
{
  Param *p = user_data;
  if (p->panel->updating)
    return;
  double value = value_at(p, gtk_adjustment_get_value(adjustment));
  /* GtkRange has just written the slider's position as the accessible value: put back the
   * real one even when the snapped value did not move. */
  if (same_value(value, p->value))
    update_value_shown(p);
  user_changed(p, value);
}

static void on_drop_down_selected_cb(GObject *drop_down, GParamSpec *pspec, gpointer user_data)
{
  Param *p = user_data;
  if (!p->panel->updating)
    user_changed(p, gtk_drop_down_get_selected(GTK_DROP_DOWN(drop_down)));
}

static void on_switch_active_cb(GObject *sw, GParamSpec *pspec, gpointer user_data)
{
  Param *p = user_data;
  if (!p->panel->updating)
    user_changed(p, gtk_switch_get_active(GTK_SWITCH(sw)) ? 1 : 0);
}

static void on_mark_clicked_cb(GtkButton *button, gpointer user_data)
{
  Param *p = user_data;
  double reference = p->reference;
  eiaf_param_panel_set_value(p->panel, p->name, reference);
  g_signal_emit(p->panel, signals[SIGNAL_CHANGED], g_quark_from_string(p->name), p->name, p->value);
}

/* Moves the widget to p->value without "changed". */
static void show_value_in_control(Param *p)
{
  p->panel->updating = TRUE;
  switch (p->kind) {
  case EIAF_PARAM_INT:
  case EIAF_PARAM_FLOAT:
    gtk_range_set_value(GTK_RANGE(p->control), position_of(p, p->value));
    break;
  case EIAF_PARAM_CHOICE:
    gtk_drop_down_set_selected(GTK_DROP_DOWN(p->control), (guint) p->value);
    break;
  case EIAF_PARAM_BOOL:
    gtk_switch_set_active(GTK_SWITCH(p->control), p->value != 0);
    break;
  default:
    g_assert_not_reached();
  }
  p->panel->updating = FALSE;
  update_value_shown(p);
}

static GtkWidget *make_scale(Param *p)
{
  double lo = position_of(p, p->min), hi = position_of(p, p->max);
  double step = p->log_scale ? LOG_STEP : p->step;
  double page = p->log_scale ? LOG_PAGE : MAX(step, round((hi - lo) / 10 / step) * step);
  GtkAdjustment *adjustment = gtk_adjustment_new(position_of(p, p->value), lo, hi, step, page, 0);
  GtkWidget *scale = gtk_scale_new(GTK_ORIENTATION_HORIZONTAL, adjustment);

  gtk_scale_set_draw_value(GTK_SCALE(scale), FALSE);
  gtk_widget_set_hexpand(scale, TRUE);
  /* After GtkRange's own handler, which it connected when given the adjustment. */
  g_signal_connect(adjustment, "value-changed", G_CALLBACK(on_adjustment_value_changed_cb), p);
  return scale;
}

static GtkWidget *make_control(Param *p)
{
  GtkWidget *control = NULL;
  switch (p->kind) {
  case EIAF_PARAM_INT:
  case EIAF_PARAM_FLOAT:
    control = make_scale(p);
    break;
  case EIAF_PARAM_CHOICE:
    control = gtk_drop_down_new_from_strings((const char *const *) p->choices);
    gtk_drop_down_set_selected(GTK_DROP_DOWN(control), (guint) p->value);
    g_signal_connect(control, "notify::selected", G_CALLBACK(on_drop_down_selected_cb), p);
    break;
  case EIAF_PARAM_BOOL:
    control = gtk_switch_new();
    gtk_switch_set_active(GTK_SWITCH(control), p->value != 0);
    gtk_widget_set_valign(control, GTK_ALIGN_CENTER);
    g_signal_connect(control, "notify::active", G_CALLBACK(on_switch_active_cb), p);
    break;
  default:
    g_assert_not_reached();
  }
  gtk_accessible_update_property(GTK_ACCESSIBLE(control), GTK_ACCESSIBLE_PROPERTY_LABEL, p->label,
                                 -1);
  return control;
}

/* Label, mark and (for sliders) value on one line; the control below it, or beside it for a
 * switch. */
static GtkWidget *make_row(Param *p)
{
  GtkWidget *header = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new(p->label);
  gtk_label_set_xalign(GTK_LABEL(label), 0.0f);
  gtk_label_set_ellipsize(GTK_LABEL(label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand(label, TRUE);
  /* No mnemonic widget: GTK 4.8 would add a labelled-by relation and read the name twice
   * ("Learning rate Learning rate"); the control carries its label as a property. */
  gtk_box_append(GTK_BOX(header), label);

  p->mark = gtk_button_new_from_icon_name("edit-undo-symbolic");
  gtk_widget_add_css_class(p->mark, "flat");
  gtk_widget_add_css_class(p->mark, "circular");
  gtk_widget_add_css_class(p->mark, "preset-mark");
  gtk_widget_add_css_class(p->mark, "accent");
  gtk_widget_set_valign(p->mark, GTK_ALIGN_CENTER);
  gtk_widget_set_visible(p->mark, FALSE);
  g_signal_connect(p->mark, "clicked", G_CALLBACK(on_mark_clicked_cb), p);
  gtk_box_append(GTK_BOX(header), p->mark);

  if (p->kind == EIAF_PARAM_BOOL) {
    gtk_box_append(GTK_BOX(header), p->control);
    return header;
  }
  if (p->kind != EIAF_PARAM_CHOICE) {
    p->value_label = gtk_label_new(NULL);
    gtk_widget_add_css_class(p->value_label, "numeric");
    gtk_widget_add_css_class(p->value_label, "dim-label");
    gtk_label_set_xalign(GTK_LABEL(p->value_label), 1.0f);
    gtk_box_append(GTK_BOX(header), p->value_label);
  }
  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_VERTICAL, p->kind == EIAF_PARAM_CHOICE ? 6 : 0);
  gtk_box_append(GTK_BOX(row), header);
  gtk_box_append(GTK_BOX(row), p->control);
  return row;
}

/* The small preset button must not make its line taller than the label. */
static void ensure_css(GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display(widget);
  if (g_object_get_data(G_OBJECT(display), "eiaf-param-panel-css"))
    return;
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new();
  gtk_css_provider_load_from_data(provider,
                                  "eiafparampanel button.preset-mark {"
                                  "  min-width: 20px; min-height: 20px; padding: 0; margin: -2px 0;"
                                  "}",
                                  -1);
  gtk_style_context_add_provider_for_display(display, GTK_STYLE_PROVIDER(provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full(G_OBJECT(display), "eiaf-param-panel-css", g_steal_pointer(&provider),
                         g_object_unref);
}

/* ---- public API ---- */

GtkWidget *eiaf_param_panel_new(void)
{
  return g_object_new(EIAF_TYPE_PARAM_PANEL, NULL);
}

void eiaf_param_panel_add(EiafParamPanel *self, const EiafParamInfo *info)
{
  g_return_if_fail(EIAF_IS_PARAM_PANEL(self));
  g_return_if_fail(info != NULL && info->name != NULL && info->label != NULL);
  g_return_if_fail(find_param(self, info->name) == NULL);
  g_return_if_fail(info->kind != EIAF_PARAM_CHOICE ||
                   (info->choices != NULL && info->choices[0] != NULL));
  gboolean slider = info->kind == EIAF_PARAM_INT || info->kind == EIAF_PARAM_FLOAT;
  g_return_if_fail(!slider ||
                   (isfinite(info->min) && isfinite(info->max) && info->min < info->max));
  g_return_if_fail(!slider || !info->log_scale || info->min > 0);

  Param *p = g_new0(Param, 1);
  p->panel = self;
  p->name = g_strdup(info->name);
  p->label = g_strdup(info->label);
  p->unit = g_strdup(info->unit);
  p->unit_one = g_strdup(info->unit_one);
  p->min_label = g_strdup(info->min_label);
  p->kind = info->kind;
  p->log_scale = slider && info->log_scale;
  p->reference = NAN;
  if (slider) {
    p->min = info->min;
    p->max = info->max;
    p->step = info->step > 0 ? info->step : pow(10, floor(log10(info->max - info->min)) - 2);
    if (p->kind == EIAF_PARAM_INT)
      p->step = MAX(1, round(p->step));
    p->decimals = MAX(decimals_of(p->step), decimals_of(p->min));
  } else if (p->kind == EIAF_PARAM_CHOICE) {
    p->choices = g_strdupv((char **) info->choices);
    p->n_choices = g_strv_length(p->choices);
    p->max = p->n_choices - 1;
  } else {
    p->max = 1;
  }
  p->value = CLAMP(slider ? info->value : round(info->value), p->min, p->max);
  g_ptr_array_add(self->params, p);

  p->control = make_control(p);
  p->row = make_row(p);
  if (info->help) {
    gtk_widget_set_tooltip_text(p->control, info->help);
    gtk_accessible_update_property(GTK_ACCESSIBLE(p->control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                   info->help, -1);
  }
  gtk_widget_set_parent(p->row, GTK_WIDGET(self));
  update_value_shown(p);
}

void eiaf_param_panel_set_value(EiafParamPanel *self, const char *name, double value)
{
  g_return_if_fail(EIAF_IS_PARAM_PANEL(self));
  Param *p = find_param(self, name);
  g_return_if_fail(p != NULL);
  g_return_if_fail(isfinite(value));

  if (p->kind == EIAF_PARAM_CHOICE || p->kind == EIAF_PARAM_BOOL)
    value = round(value);
  p->value = CLAMP(value, p->min, p->max);
  show_value_in_control(p);
}

double eiaf_param_panel_get_value(EiafParamPanel *self, const char *name)
{
  g_return_val_if_fail(EIAF_IS_PARAM_PANEL(self), NAN);
  Param *p = find_param(self, name);
  g_return_val_if_fail(p != NULL, NAN);
  return p->value;
}

void eiaf_param_panel_set_sensitive(EiafParamPanel *self, const char *name, gboolean sensitive)
{
  g_return_if_fail(EIAF_IS_PARAM_PANEL(self));
  Param *p = find_param(self, name);
  g_return_if_fail(p != NULL);
  gtk_widget_set_sensitive(p->row, sensitive);
}

void eiaf_param_panel_set_reference(EiafParamPanel *self, const char *name, double value)
{
  g_return_if_fail(EIAF_IS_PARAM_PANEL(self));
  Param *p = find_param(self, name);
  g_return_if_fail(p != NULL);
  p->reference = value;
  update_mark(p);
}

gboolean eiaf_param_panel_is_at_reference(EiafParamPanel *self)
{
  g_return_val_if_fail(EIAF_IS_PARAM_PANEL(self), FALSE);
  for (guint i = 0; i < self->params->len; i++) {
    Param *p = g_ptr_array_index(self->params, i);
    if (!isnan(p->reference) && !same_value(p->value, p->reference))
      return FALSE;
  }
  return TRUE;
}

void eiaf_param_panel_set_reference_name(EiafParamPanel *self, const char *reference_name)
{
  g_return_if_fail(EIAF_IS_PARAM_PANEL(self));
  g_return_if_fail(reference_name != NULL);
  if (g_strcmp0(self->reference_name, reference_name) == 0)
    return;
  g_free(self->reference_name);
  self->reference_name = g_strdup(reference_name);
  for (guint i = 0; i < self->params->len; i++)
    update_mark(g_ptr_array_index(self->params, i));
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_REFERENCE_NAME]);
}

GtkWidget *eiaf_param_panel_get_control(EiafParamPanel *self, const char *name)
{
  g_return_val_if_fail(EIAF_IS_PARAM_PANEL(self), NULL);
  Param *p = find_param(self, name);
  g_return_val_if_fail(p != NULL, NULL);
  return p->control;
}

char *eiaf_param_panel_format_value(EiafParamPanel *self, const char *name, double value)
{
  g_return_val_if_fail(EIAF_IS_PARAM_PANEL(self), NULL);
  Param *p = find_param(self, name);
  g_return_val_if_fail(p != NULL, NULL);
  return format_value(p, value);
}

/* ---- GObject ---- */

static void eiaf_param_panel_get_property(GObject *object, guint prop_id, GValue *value,
                                          GParamSpec *pspec)
{
  EiafParamPanel *self = EIAF_PARAM_PANEL(object);
  switch (prop_id) {
  case PROP_AT_REFERENCE:
    g_value_set_boolean(value, self->at_reference);
    break;
  case PROP_REFERENCE_NAME:
    g_value_set_string(value, self->reference_name);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_param_panel_set_property(GObject *object, guint prop_id, const GValue *value,
                                          GParamSpec *pspec)
{
  EiafParamPanel *self = EIAF_PARAM_PANEL(object);
  switch (prop_id) {
  case PROP_REFERENCE_NAME:
    eiaf_param_panel_set_reference_name(self, g_value_get_string(value));
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_param_panel_dispose(GObject *object)
{
  EiafParamPanel *self = EIAF_PARAM_PANEL(object);
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child(GTK_WIDGET(self))))
    gtk_widget_unparent(child);
  G_OBJECT_CLASS(eiaf_param_panel_parent_class)->dispose(object);
}

static void eiaf_param_panel_finalize(GObject *object)
{
  EiafParamPanel *self = EIAF_PARAM_PANEL(object);
  g_ptr_array_unref(self->params);
  g_free(self->reference_name);
  G_OBJECT_CLASS(eiaf_param_panel_parent_class)->finalize(object);
}

static void eiaf_param_panel_class_init(EiafParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->get_property = eiaf_param_panel_get_property;
  object_class->set_property = eiaf_param_panel_set_property;
  object_class->dispose = eiaf_param_panel_dispose;
  object_class->finalize = eiaf_param_panel_finalize;

  properties[PROP_AT_REFERENCE] = g_param_spec_boolean("at-reference", NULL, NULL, TRUE,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE_NAME] =
      g_param_spec_string("reference-name", NULL, NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new(
      "changed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL,
      NULL, G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_DOUBLE);

  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name(widget_class, "eiafparampanel");
}

static void eiaf_param_panel_init(EiafParamPanel *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT(gtk_widget_get_layout_manager(GTK_WIDGET(self)));
  gtk_orientable_set_orientation(GTK_ORIENTABLE(layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing(layout, 14);

  self->params = g_ptr_array_new_with_free_func(param_free);
  self->reference_name = g_strdup(_("Preset"));
  self->at_reference = TRUE;
  ensure_css(GTK_WIDGET(self));
}
