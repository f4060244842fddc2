/* A lesson's page: its explanation, live pictures and controls, composed from the lesson's
 * declaration and its page spec. See eiaf-lesson-page.h. */
#include "config.h"

#include "eiaf-lesson-page.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "eiaf-param-panel.h"
#include "eiaf-plot.h"

struct _EiafLessonPage {
  GtkWidget parent_instance;

  const nn_lesson *lesson;
  const EiafPageSpec *spec;
  gpointer spec_state;
  const nn_lesson_env *env;
  EiafWorker *worker;
  double params[NN_MAX_PARAMS];
  nn_preset preset;
  gboolean started, resume_on_show, active;
  gboolean from_weights; /* the runs start from loaded weights (until a setting changes) */
  char *status;
  int picture_row, picture_col;
  /* The default pictures of a lesson without a spec. */
  GtkWidget *default_loss, *default_accuracy;

  GtkWidget *scroller;
  GtkLabel *title_label, *explanation_label, *try_label, *lab_note_label;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkGrid *pictures;
  GtkToggleButton *quick_button, *course_button;
  GtkLabel *preset_note;
  GtkWidget *preset_box, *run_box, *panel_separator;
  GtkBox *panel_box, *side_extra;
  GtkButton *train_button;
  GtkWidget *step_button;
  GtkProgressBar *progress;
  GtkInscription *status_label, *speed_label;
  EiafParamPanel *panel;
};

G_DEFINE_FINAL_TYPE(EiafLessonPage, eiaf_lesson_page, GTK_TYPE_WIDGET)

enum { SIGNAL_PARAMS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void emit_params_changed(EiafLessonPage *self)
{
  g_signal_emit(self, signals[SIGNAL_PARAMS_CHANGED], 0);
}

static gboolean lesson_trains(const nn_lesson *l)
{
  return l->build_data != NULL || l->custom_step != NULL;
}

/* ---- the status line ---- */

/* How well a variant does, higher is better: its (validation) accuracy, or the negated
 * (validation) loss where nothing measures accuracy (regression, a ball on a curve). */
static float variant_score(const nn_variant_state *st)
{
  float acc = isfinite(st->val_accuracy) ? st->val_accuracy : st->accuracy;
  if (isfinite(acc))
    return acc;
  float loss = isfinite(st->val_loss) ? st->val_loss : st->loss;
  return isfinite(loss) ? -loss : NAN;
}

static const nn_variant_state *best_variant(const nn_snapshot *s)
{
  const nn_variant_state *best = NULL;
  float best_score = NAN;
  for (int v = 0; v < s->n_variants; v++) {
    const nn_variant_state *st = &s->variants[v];
    float score = variant_score(st);
    if (st->diverged)
      continue;
    if (!best || (isfinite(score) && !(score <= best_score))) {
      best = st;
      best_score = score;
    }
  }
  return best;
}

/* "Epoch 12 of 30 · loss 0.041 · accuracy 98.5%" (the best variant's, named when there are
 * several), or what went wrong. */
static char *format_status(const nn_lesson *lesson, const nn_snapshot *s)
{
  if (s->status == NN_JOB_FAILED)
    return g_strdup_printf(_("Could not start: %s"), s->message);
  if (!lesson_trains(lesson))
    return g_strdup(_("Nothing to train here: move the controls and watch"));
  GString *text = g_string_new(NULL);
  if (s->epochs > 0 && lesson->round_name)
    /* TRANSLATORS: a lesson's own name for its rounds, the round and their count:
     * "Window position 3 of 9". */
    g_string_append_printf(text, _("%s %d of %d"), _(lesson->round_name), s->epoch, s->epochs);
  else if (s->epochs > 0)
    g_string_append_printf(text, _("Epoch %d of %d"), s->epoch, s->epochs);
  else
    g_string_append_printf(text, _("Step %ld"), s->step);
  const nn_variant_state *st = best_variant(s);
  if (st && isfinite(st->loss)) {
    float loss = isfinite(st->val_loss) ? st->val_loss : st->loss;
    float acc = isfinite(st->val_accuracy) ? st->val_accuracy : st->accuracy;
    g_string_append_printf(text, " · %s %.3g", isfinite(st->val_loss) ? _("validation loss")
                                                                       : _("loss"), loss);
    if (isfinite(acc))
      g_string_append_printf(text, " · %s %.1f%%", _("accuracy"), 100.0 * acc);
    if (s->n_variants > 1)
      g_string_append_printf(text, " (%s)", st->label);
  }
  switch (s->status) {
  case NN_JOB_FINISHED:
    g_string_append_printf(text, " · %s", _("finished"));
    break;
  case NN_JOB_DIVERGED:
    g_string_append_printf(text, " · %s", _("diverged"));
    break;
  default:
    break;
  }
  return g_string_free(text, FALSE);
}

/* 437827 → "437 827": digits grouped by thin spaces, readable in any locale. */
static char *format_count(double value)
{
  g_autofree char *digits = g_strdup_printf("%.0f", value);
  GString *out = g_string_new(NULL);
  size_t n = strlen(digits);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      g_string_append(out, "\u2009");
    g_string_append_c(out, digits[i]);
  }
  return g_string_free(out, FALSE);
}

/* The lines the status area keeps, whatever its text: one status fits in them, so the page
 * below does not move as epochs and numbers go by. */
#define STATUS_LINES 2

/* Only a long message (a lesson that could not start, a long round name in translation) needs
 * more lines. The area grows for it, and shrinks back after: a new size only when the number
 * of lines changes, never for new digits. */
static void fit_status_lines(EiafLessonPage *self, const char *text)
{
  GtkWidget *widget = GTK_WIDGET(self->status_label);
  int width = gtk_widget_get_width(widget);
  if (width <= 0)
    return; /* not laid out yet: the next status fits it */
  PangoLayout *layout = gtk_widget_create_pango_layout(widget, text);
  /* As the inscription lays its text out: word wrap, and the tabular digits of .lesson-status. */
  PangoAttrList *attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum"));
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_width(layout, width * PANGO_SCALE);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  guint lines = MAX(STATUS_LINES, pango_layout_get_line_count(layout));
  g_object_unref(layout);
  if (gtk_inscription_get_nat_lines(self->status_label) == lines)
    return;
  gtk_inscription_set_min_lines(self->status_label, lines);
  gtk_inscription_set_nat_lines(self->status_label, lines);
}

static void set_status_text(EiafLessonPage *self, const char *text)
{
  /* An inscription redraws for new text (and tells screen readers): no new layout. */
  gtk_inscription_set_text(self->status_label, text);
  fit_status_lines(self, text);
}

static void show_status(EiafLessonPage *self, const nn_snapshot *s)
{
  g_free(self->status);
  self->status = format_status(self->lesson, s);
  set_status_text(self, self->status);

  double done = 0;
  if (s->steps_total > 0)
    done = (double) s->step / (double) s->steps_total;
  else if (s->epochs > 0)
    done = (s->epoch + s->epoch_progress) / s->epochs;
  gtk_progress_bar_set_fraction(self->progress, CLAMP(done, 0.0, 1.0));

  if (s->samples_per_s > 0 && s->status == NN_JOB_RUNNING) {
    g_autofree char *number = format_count(s->samples_per_s);
    g_autofree char *speed = g_strdup_printf(_("%s samples a second"), number);
    gtk_inscription_set_text(self->speed_label, speed);
  } else {
    gtk_inscription_set_text(self->speed_label, "");
  }

  /* One variant of several may blow up while the others go on: say so too. */
  gboolean some_diverged = FALSE;
  for (int v = 0; v < s->n_variants; v++)
    some_diverged = some_diverged || s->variants[v].diverged;
  gboolean trouble = s->status == NN_JOB_DIVERGED || s->status == NN_JOB_FAILED ||
                     (some_diverged && s->message[0]);
  if (trouble)
    gtk_label_set_text(self->banner_label, s->message);
  gtk_revealer_set_reveal_child(self->banner, trouble);
}

static void update_train_button(EiafLessonPage *self)
{
  gboolean playing = eiaf_worker_is_playing(self->worker);
  EiafWorkerState state = eiaf_worker_get_state(self->worker);
  gboolean running = playing && state != EIAF_WORKER_FINISHED && state != EIAF_WORKER_DIVERGED &&
                     state != EIAF_WORKER_FAILED;
  /* The word is the button's accessible name too: "Train", or "Pause" while training. */
  gtk_button_set_label(self->train_button, running ? _("Pause") : _("Train"));
}

static void on_worker_snapshot_cb(EiafWorker *worker, nn_snapshot *snap, EiafLessonPage *self)
{
  show_status(self, snap);
  update_train_button(self);
  if (self->spec && self->spec->update)
    self->spec->update(self, self->spec_state, snap);
  else
    eiaf_show_history(self->default_loss, self->default_accuracy, snap);
}

static void on_worker_state_notify_cb(EiafWorker *worker, GParamSpec *pspec,
                                      EiafLessonPage *self)
{
  update_train_button(self);
}

/* ---- parameters and presets ---- */

/* A parameter the page spec shows a control of its own for: the panel has no row for it. */
static gboolean in_panel(const nn_param_desc *d)
{
  return (d->flags & NN_PARAM_PAGE_CONTROL) == 0;
}

/* Every value is the preset's: the panel's and those the page spec shows itself. */
static gboolean at_preset(EiafLessonPage *self)
{
  double preset[NN_MAX_PARAMS];
  nn_lesson_preset(self->lesson, self->preset, preset);
  for (int i = 0; i < self->lesson->n_params; i++)
    if (!in_panel(&self->lesson->params[i]) && self->params[i] != preset[i])
      return FALSE;
  return eiaf_param_panel_is_at_reference(self->panel);
}

static void show_preset_state(EiafLessonPage *self)
{
  gboolean exact = at_preset(self);
  const char *name = self->preset == NN_PRESET_COURSE ? _("Course") : _("Quick");
  if (exact) {
    gtk_widget_set_visible(GTK_WIDGET(self->preset_note), FALSE);
    return;
  }
  /* The values no longer are the preset's: say so, so that a student comparing with the lab
   * knows the run is not the lab's. */
  g_autofree char *note = g_strdup_printf(
      _("Changed from the %s preset: the marked controls differ from it."), name);
  gtk_label_set_text(self->preset_note, note);
  gtk_widget_set_visible(GTK_WIDGET(self->preset_note), TRUE);
}

/* Loaded weights fit the settings they were saved with: a new setting or seed starts from the
 * lesson's own initialisation again (Reset keeps them: it repeats the same start). */
static void forget_loaded_weights(EiafLessonPage *self)
{
  if (!self->from_weights)
    return;
  self->from_weights = FALSE;
  eiaf_worker_set_init(self->worker, NULL);
}

static void apply_params(EiafLessonPage *self)
{
  forget_loaded_weights(self);
  eiaf_worker_set_params(self->worker, self->params);
  if (lesson_trains(self->lesson))
    eiaf_worker_play(self->worker);
  self->started = TRUE;
  update_train_button(self);
}

static void on_panel_changed_cb(EiafParamPanel *panel, const char *name, double value,
                                EiafLessonPage *self)
{
  int i = nn_lesson_param_index(self->lesson, name);
  g_return_if_fail(i >= 0);
  self->params[i] = value;
  show_preset_state(self);
  emit_params_changed(self);
  if (self->lesson->params[i].flags & NN_PARAM_LIVE) {
    if (self->spec && self->spec->live_param)
      self->spec->live_param(self, self->spec_state, name, value);
    return;
  }
  apply_params(self);
}

static void load_preset(EiafLessonPage *self, nn_preset preset)
{
  self->preset = preset;
  nn_lesson_preset(self->lesson, preset, self->params);
  eiaf_param_panel_set_reference_name(self->panel, preset == NN_PRESET_COURSE
                                                       ? _("Course preset")
                                                       : _("Quick preset"));
  for (int i = 0; i < self->lesson->n_params; i++) {
    if (!in_panel(&self->lesson->params[i]))
      continue;
    const char *name = self->lesson->params[i].name;
    eiaf_param_panel_set_value(self->panel, name, self->params[i]);
    eiaf_param_panel_set_reference(self->panel, name, self->params[i]);
  }
  show_preset_state(self);
}

static void on_preset_button_toggled_cb(GtkToggleButton *button, EiafLessonPage *self)
{
  if (!gtk_toggle_button_get_active(button))
    return;
  nn_preset preset = button == self->course_button ? NN_PRESET_COURSE : NN_PRESET_QUICK;
  load_preset(self, preset);
  emit_params_changed(self);
  if (self->started)
    apply_params(self);
}

static EiafParamInfo param_info(const nn_param_desc *d, double value)
{
  EiafParamInfo info = {
    .name = d->name,
    .label = _(d->label),
    .unit = d->unit && d->unit[0] ? _(d->unit) : NULL,
    .min = d->min,
    .max = d->max,
    .step = d->step,
    .value = value,
    .log_scale = (d->flags & NN_PARAM_LOG) != 0,
    .unit_one = d->unit_one ? _(d->unit_one) : NULL,
    .min_label = d->min_label ? _(d->min_label) : NULL,
  };
  switch (d->type) {
  case NN_PARAM_INT:
    info.kind = EIAF_PARAM_INT;
    break;
  case NN_PARAM_FLOAT:
    info.kind = EIAF_PARAM_FLOAT;
    break;
  case NN_PARAM_CHOICE:
    info.kind = EIAF_PARAM_CHOICE;
    info.choices = d->choice_labels ? d->choice_labels : d->choices;
    break;
  case NN_PARAM_BOOL:
    info.kind = EIAF_PARAM_BOOL;
    break;
  }
  return info;
}

static void build_panel(EiafLessonPage *self)
{
  self->panel = EIAF_PARAM_PANEL(eiaf_param_panel_new());
  for (int i = 0; i < self->lesson->n_params; i++) {
    if (!in_panel(&self->lesson->params[i]))
      continue;
    EiafParamInfo info = param_info(&self->lesson->params[i], self->params[i]);
    /* Choice labels are translated one by one: the panel copies them. */
    g_autofree const char **labels = NULL;
    if (info.kind == EIAF_PARAM_CHOICE) {
      guint n = g_strv_length((char **) info.choices);
      labels = g_new0(const char *, n + 1);
      for (guint c = 0; c < n; c++)
        labels[c] = _(info.choices[c]);
      info.choices = labels;
    }
    eiaf_param_panel_add(self->panel, &info);
  }
  g_signal_connect_object(self->panel, "changed", G_CALLBACK(on_panel_changed_cb), self, 0);
  gtk_box_append(self->panel_box, GTK_WIDGET(self->panel));
  gboolean any = self->lesson->n_params > 0;
  gtk_widget_set_visible(self->panel_separator, any);
  gtk_widget_set_visible(self->preset_box, any);
}

/* ---- actions ---- */

void eiaf_lesson_page_toggle_training(EiafLessonPage *self)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  if (!lesson_trains(self->lesson))
    return;
  EiafWorkerState state = eiaf_worker_get_state(self->worker);
  if (state == EIAF_WORKER_FINISHED || state == EIAF_WORKER_DIVERGED ||
      state == EIAF_WORKER_FAILED) {
    eiaf_worker_reset(self->worker);
    eiaf_worker_play(self->worker);
  } else if (eiaf_worker_is_playing(self->worker)) {
    eiaf_worker_pause(self->worker);
  } else {
    eiaf_worker_play(self->worker);
  }
  self->started = TRUE;
  update_train_button(self);
}

void eiaf_lesson_page_reset(EiafLessonPage *self)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  eiaf_worker_reset(self->worker);
  if (lesson_trains(self->lesson))
    eiaf_worker_play(self->worker);
  self->started = TRUE;
  update_train_button(self);
}

static void on_toggle_training_action(GtkWidget *widget, const char *name, GVariant *param)
{
  eiaf_lesson_page_toggle_training(EIAF_LESSON_PAGE(widget));
}

static void on_step_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafLessonPage *self = EIAF_LESSON_PAGE(widget);
  /* As Train does: a run that has ended starts again — here with a single step (lesson 20's
   * window, swept to the end, goes back to its first position). */
  EiafWorkerState state = eiaf_worker_get_state(self->worker);
  if (state == EIAF_WORKER_FINISHED || state == EIAF_WORKER_DIVERGED ||
      state == EIAF_WORKER_FAILED)
    eiaf_worker_reset(self->worker);
  eiaf_worker_step(self->worker);
  self->started = TRUE;
  update_train_button(self);
}

static void on_reset_action(GtkWidget *widget, const char *name, GVariant *param)
{
  eiaf_lesson_page_reset(EIAF_LESSON_PAGE(widget));
}

static void on_new_seed_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafLessonPage *self = EIAF_LESSON_PAGE(widget);
  forget_loaded_weights(self);
  /* Seeds stay small and readable: the CLI's --seed reproduces what the page showed. */
  eiaf_worker_set_seed(self->worker, eiaf_worker_get_seed(self->worker) + 1);
  if (lesson_trains(self->lesson))
    eiaf_worker_play(self->worker);
  self->started = TRUE;
  update_train_button(self);
}

void eiaf_lesson_page_reset_defaults(EiafLessonPage *self)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  load_preset(self, self->preset);
  emit_params_changed(self);
  apply_params(self);
}

static void on_reset_defaults_action(GtkWidget *widget, const char *name, GVariant *param)
{
  eiaf_lesson_page_reset_defaults(EIAF_LESSON_PAGE(widget));
}

/* ---- public ---- */

void eiaf_lesson_page_set_active(EiafLessonPage *self, gboolean active)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  if (self->active == active)
    return;
  self->active = active;
  if (!active) {
    self->resume_on_show = eiaf_worker_is_playing(self->worker);
    eiaf_worker_pause(self->worker);
    update_train_button(self);
    return;
  }
  if (!self->started) {
    apply_params(self);
  } else if (self->resume_on_show) {
    eiaf_worker_play(self->worker);
    update_train_button(self);
  }
}

void eiaf_lesson_page_set_env(EiafLessonPage *self, const nn_lesson_env *env)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  if (self->env == env)
    return;
  self->env = env;
  eiaf_worker_set_env(self->worker, env);
}

gboolean eiaf_lesson_page_is_training(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), FALSE);
  return eiaf_worker_get_state(self->worker) == EIAF_WORKER_RUNNING;
}

const char *eiaf_lesson_page_get_problem(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  if (!gtk_revealer_get_reveal_child(self->banner))
    return NULL;
  return gtk_label_get_text(self->banner_label);
}

const char *eiaf_lesson_page_get_status(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->status ? self->status : "";
}

const double *eiaf_lesson_page_get_params(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->params;
}

void eiaf_lesson_page_set_params(EiafLessonPage *self, const double *values)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  for (int i = 0; i < self->lesson->n_params; i++) {
    const nn_param_desc *d = &self->lesson->params[i];
    if (!in_panel(d)) {
      self->params[i] = CLAMP(values[i], d->min, d->max);
      continue;
    }
    eiaf_param_panel_set_value(self->panel, d->name, values[i]);
    /* The panel clamps and snaps: what it shows is what trains. */
    self->params[i] = eiaf_param_panel_get_value(self->panel, d->name);
  }
  show_preset_state(self);
  if (self->started)
    apply_params(self);
}

void eiaf_lesson_page_start_from_weights(EiafLessonPage *self, nn_st_file *weights,
                                        const double *values)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  for (int i = 0; i < self->lesson->n_params; i++) {
    const nn_param_desc *d = &self->lesson->params[i];
    self->params[i] = CLAMP(values[i], d->min, d->max);
    if (in_panel(d))
      eiaf_param_panel_set_value(self->panel, d->name, self->params[i]);
  }
  show_preset_state(self);
  emit_params_changed(self);
  eiaf_worker_set_init(self->worker, weights);
  self->from_weights = TRUE;
  /* Paused at step 0: the loaded network is shown (and answers the digit canvas) until the
   * person presses Train to go on training it. */
  eiaf_worker_pause(self->worker);
  eiaf_worker_set_params(self->worker, self->params);
  self->started = TRUE;
  update_train_button(self);
}

gboolean eiaf_lesson_page_is_from_weights(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), FALSE);
  return self->from_weights;
}

int eiaf_lesson_page_get_best_variant(EiafLessonPage *self, const char **label)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), -1);
  nn_snapshot *s = eiaf_worker_get_snapshot(self->worker);
  const nn_variant_state *st = s ? best_variant(s) : NULL;
  if (label)
    *label = st ? st->label : NULL;
  return st ? (int) (st - s->variants) : -1;
}

nn_preset eiaf_lesson_page_get_preset(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NN_PRESET_QUICK);
  return self->preset;
}

void eiaf_lesson_page_set_preset(EiafLessonPage *self, nn_preset preset)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  GtkToggleButton *button = preset == NN_PRESET_COURSE ? self->course_button : self->quick_button;
  if (gtk_toggle_button_get_active(button))
    on_preset_button_toggled_cb(button, self); /* back to the preset's exact values */
  else
    gtk_toggle_button_set_active(button, TRUE);
}

gboolean eiaf_lesson_page_is_at_preset(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), FALSE);
  return at_preset(self);
}

GtkWidget *eiaf_lesson_page_get_pictures(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return GTK_WIDGET(self->pictures);
}

GtkWidget *eiaf_lesson_page_add_picture(EiafLessonPage *self, GtkWidget *picture,
                                        const char *caption, EiafPictureWidth width)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  g_return_val_if_fail(GTK_IS_WIDGET(picture), NULL);
  GtkWidget *card = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  if (caption) {
    GtkWidget *label = gtk_label_new(caption);
    gtk_label_set_xalign(GTK_LABEL(label), 0.0);
    gtk_label_set_wrap(GTK_LABEL(label), TRUE);
    gtk_widget_add_css_class(label, "heading");
    gtk_box_append(GTK_BOX(card), label);
    /* A plot's title is its accessible label: what a screen reader says for the picture. */
    if (EIAF_IS_PLOT(picture) && !eiaf_plot_get_title(EIAF_PLOT(picture)))
      eiaf_plot_set_title(EIAF_PLOT(picture), caption);
  }
  gtk_widget_set_hexpand(picture, TRUE);
  gtk_widget_set_vexpand(picture, TRUE);
  int request_w, request_h;
  gtk_widget_get_size_request(picture, &request_w, &request_h);
  if (request_h <= 0)
    gtk_widget_set_size_request(picture, MAX(request_w, 240),
                                width == EIAF_PICTURE_FULL ? 340 : 260);
  gtk_widget_add_css_class(card, "picture-card");
  gtk_box_append(GTK_BOX(card), picture);

  /* A full-width picture starts a row of its own, even after a lone half picture. */
  if (width == EIAF_PICTURE_FULL && self->picture_col != 0) {
    self->picture_row++;
    self->picture_col = 0;
  }
  if (width == EIAF_PICTURE_FULL) {
    gtk_grid_attach(self->pictures, card, 0, self->picture_row++, 2, 1);
  } else {
    gtk_grid_attach(self->pictures, card, self->picture_col, self->picture_row, 1, 1);
    self->picture_col = self->picture_col == 0 ? 1 : 0;
    if (self->picture_col == 0)
      self->picture_row++;
  }
  return picture;
}

void eiaf_lesson_page_add_side_widget(EiafLessonPage *self, GtkWidget *widget)
{
  g_return_if_fail(EIAF_IS_LESSON_PAGE(self));
  gtk_box_append(self->side_extra, widget);
}

double eiaf_lesson_page_get_param(EiafLessonPage *self, const char *name)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NAN);
  return nn_param_value(self->lesson, self->params, name);
}

EiafWorker *eiaf_lesson_page_get_worker(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->worker;
}

nn_snapshot *eiaf_lesson_page_get_snapshot(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return eiaf_worker_get_snapshot(self->worker);
}

const nn_lesson_env *eiaf_lesson_page_get_env(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->env;
}

const nn_lesson *eiaf_lesson_page_get_lesson(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->lesson;
}

/* ---- GObject ---- */

static void eiaf_lesson_page_dispose(GObject *object)
{
  EiafLessonPage *self = EIAF_LESSON_PAGE(object);
  if (self->spec_state && self->spec && self->spec->free_state)
    self->spec->free_state(self->spec_state);
  self->spec_state = NULL;
  if (self->worker)
    g_signal_handlers_disconnect_by_data(self->worker, self);
  g_clear_object(&self->worker);
  gtk_widget_dispose_template(GTK_WIDGET(self), EIAF_TYPE_LESSON_PAGE);
  G_OBJECT_CLASS(eiaf_lesson_page_parent_class)->dispose(object);
}

static void eiaf_lesson_page_finalize(GObject *object)
{
  EiafLessonPage *self = EIAF_LESSON_PAGE(object);
  g_free(self->status);
  G_OBJECT_CLASS(eiaf_lesson_page_parent_class)->finalize(object);
}

static void eiaf_lesson_page_class_init(EiafLessonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->dispose = eiaf_lesson_page_dispose;
  object_class->finalize = eiaf_lesson_page_finalize;
  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name(widget_class, "lessonpage");

  gtk_widget_class_set_template_from_resource(
      widget_class, "/io/github/EverythingIsAFont/ui/eiaf-lesson-page.ui");
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, scroller);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, title_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, explanation_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, try_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, lab_note_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, banner);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, banner_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, pictures);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, quick_button);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, course_button);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, preset_note);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, preset_box);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, run_box);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, panel_separator);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, panel_box);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, side_extra);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, train_button);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, step_button);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, progress);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, status_label);
  gtk_widget_class_bind_template_child(widget_class, EiafLessonPage, speed_label);
  gtk_widget_class_bind_template_callback(widget_class, on_preset_button_toggled_cb);

  /* params-changed (): the user changed a parameter or the preset (to be remembered). */
  signals[SIGNAL_PARAMS_CHANGED] = g_signal_new("params-changed", G_TYPE_FROM_CLASS(klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);

  gtk_widget_class_install_action(widget_class, "page.toggle-training", NULL,
                                  on_toggle_training_action);
  gtk_widget_class_install_action(widget_class, "page.step", NULL, on_step_action);
  gtk_widget_class_install_action(widget_class, "page.reset", NULL, on_reset_action);
  gtk_widget_class_install_action(widget_class, "page.new-seed", NULL, on_new_seed_action);
  gtk_widget_class_install_action(widget_class, "page.reset-defaults", NULL,
                                  on_reset_defaults_action);
}

static void eiaf_lesson_page_init(EiafLessonPage *self)
{
  gtk_widget_init_template(GTK_WIDGET(self));
}

static void fill_words(EiafLessonPage *self)
{
  gtk_label_set_text(self->title_label, _(self->lesson->title));
  const EiafPageSpec *spec = self->spec;
  if (spec && spec->explanation)
    gtk_label_set_markup(self->explanation_label, _(spec->explanation));
  else
    gtk_widget_set_visible(GTK_WIDGET(self->explanation_label), FALSE);
  if (spec && spec->try_this) {
    g_autofree char *markup = g_strdup_printf("<b>%s</b> %s", _("Try this:"), _(spec->try_this));
    gtk_label_set_markup(self->try_label, markup);
    gtk_widget_set_visible(GTK_WIDGET(self->try_label), TRUE);
  }
  if (spec && spec->lab_note) {
    gtk_label_set_text(self->lab_note_label, _(spec->lab_note));
    gtk_widget_set_visible(GTK_WIDGET(self->lab_note_label), TRUE);
  }
}

EiafLessonPage *eiaf_lesson_page_new(const nn_lesson *lesson, const nn_lesson_env *env)
{
  g_return_val_if_fail(lesson != NULL, NULL);
  EiafLessonPage *self = g_object_new(EIAF_TYPE_LESSON_PAGE, NULL);
  self->lesson = lesson;
  self->env = env;
  self->spec = eiaf_page_spec_find(lesson->id);
  nn_lesson_preset(lesson, NN_PRESET_QUICK, self->params);
  gtk_widget_set_name(GTK_WIDGET(self), lesson->id);

  fill_words(self);
  build_panel(self);
  load_preset(self, NN_PRESET_QUICK);
  gtk_widget_set_visible(self->run_box, lesson_trains(lesson));
  if (lesson->step_tooltip)
    gtk_widget_set_tooltip_text(self->step_button, _(lesson->step_tooltip));

  self->worker = eiaf_worker_new(lesson, env);
  g_signal_connect(self->worker, "snapshot", G_CALLBACK(on_worker_snapshot_cb), self);
  g_signal_connect(self->worker, "notify::state", G_CALLBACK(on_worker_state_notify_cb), self);

  if (self->spec && self->spec->build) {
    self->spec_state = self->spec->build(self);
  } else if (lesson_trains(lesson)) {
    self->default_loss = eiaf_lesson_page_add_picture(self, eiaf_history_plot_new(FALSE),
                                                      _("Loss per epoch"), EIAF_PICTURE_HALF);
    self->default_accuracy = eiaf_lesson_page_add_picture(
        self, eiaf_history_plot_new(TRUE), _("Accuracy per epoch"), EIAF_PICTURE_HALF);
  }
  set_status_text(self, lesson_trains(lesson) ? _("Ready to train") : "");
  update_train_button(self);
  return self;
}
