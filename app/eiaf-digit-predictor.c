/* The digit canvas wired to a network. See eiaf-digit-predictor.h. */
#include "config.h"

#include "eiaf-digit-predictor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eiaf-probability-bars.h"
#include "nn_image.h"
#include "nn_loss.h"

#define N_CLASSES 10
#define BARS_WIDTH        260
#define BARS_HEIGHT       150
#define BARS_HEIGHT_NAMED 210

struct _EiafDigitPredictor {
  GtkWidget parent_instance;
  int side;
  nn_snapshot *snap;
  int variant;
  char **class_names;
  char *prompt; /* or NULL: "Draw a digit" */
  float *input; /* side × side */
  gboolean have_input;
  int answer_class;
  float answer_p;
  char *answer;
  double total_us;
  guint n_predictions;

  GtkWidget *box;
  EiafDigitCanvas *canvas;
  GtkLabel *answer_label;
  GtkWidget *bars;
};

G_DEFINE_FINAL_TYPE(EiafDigitPredictor, eiaf_digit_predictor, GTK_TYPE_WIDGET)

enum { SIGNAL_PREDICTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static nn_model *current_model(EiafDigitPredictor *self)
{
  if (!self->snap || self->variant < 0 || self->variant >= NN_MAX_VARIANTS)
    return NULL;
  return self->snap->models[self->variant];
}

static void set_answer(EiafDigitPredictor *self, char *text)
{
  g_free(self->answer);
  self->answer = text;
  gtk_label_set_text(self->answer_label, text);
}

static void predict(EiafDigitPredictor *self)
{
  self->answer_class = -1;
  self->answer_p = 0;
  if (eiaf_digit_canvas_is_empty(self->canvas)) {
    self->have_input = FALSE;
    eiaf_digit_canvas_set_preview(self->canvas, NULL, 0, 0);
    eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(self->bars), NULL, 0);
    set_answer(self, g_strdup(self->prompt ? self->prompt : _("Draw a digit")));
    return;
  }
  gint64 t0 = g_get_monotonic_time();
  int w, h;
  const float *ink = eiaf_digit_canvas_get_image(self->canvas, &w, &h);
  nn_error err = {{0}};
  /* The preview is the 28×28 digit even for a 16×16 network: what a person recognises. */
  float digit[NN_DIGIT_SIDE * NN_DIGIT_SIDE];
  if (!nn_digit_prepare(ink, h, w, NN_DIGIT_SIDE, digit, NULL, &err)) {
    self->have_input = FALSE;
    eiaf_digit_canvas_set_preview(self->canvas, NULL, 0, 0);
    set_answer(self, g_strdup(err.message));
    return;
  }
  eiaf_digit_canvas_set_preview(self->canvas, digit, NN_DIGIT_SIDE, NN_DIGIT_SIDE);
  if (self->side == NN_DIGIT_SIDE)
    memcpy(self->input, digit, sizeof digit);
  else
    nn_resize_bilinear(digit, NN_DIGIT_SIDE, NN_DIGIT_SIDE, self->input, self->side, self->side);
  self->have_input = TRUE;

  nn_model *m = current_model(self);
  if (!m) {
    eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(self->bars), NULL, 0);
    set_answer(self, g_strdup(_("No trained network yet")));
    return;
  }
  const float *logits = nn_model_forward(m, self->input, 1);
  float probs[N_CLASSES];
  nn_softmax(logits, 1, N_CLASSES, probs);
  int best = 0;
  for (int c = 1; c < N_CLASSES; c++)
    if (probs[c] > probs[best])
      best = c;
  self->total_us += (double) (g_get_monotonic_time() - t0);
  self->n_predictions++;

  self->answer_class = best;
  self->answer_p = probs[best];
  eiaf_probability_bars_set_values(EIAF_PROBABILITY_BARS(self->bars), probs, N_CLASSES);
  const char *name = self->class_names ? self->class_names[best] : NULL;
  g_autofree char *digit_name = g_strdup_printf("%d", best);
  set_answer(self, g_strdup_printf(_("Prediction: %s (%.0f%%)"), name ? name : digit_name,
                                   100.0 * probs[best]));
  g_signal_emit(self, signals[SIGNAL_PREDICTED], 0);
}

static void on_canvas_changed_cb(EiafDigitCanvas *canvas, EiafDigitPredictor *self)
{
  predict(self);
}

void eiaf_digit_predictor_set_snapshot(EiafDigitPredictor *self, nn_snapshot *snap, int variant)
{
  g_return_if_fail(EIAF_IS_DIGIT_PREDICTOR(self));
  if (snap)
    nn_snapshot_ref(snap);
  g_clear_pointer(&self->snap, nn_snapshot_unref);
  self->snap = snap;
  self->variant = variant;
  predict(self);
}

void eiaf_digit_predictor_set_class_names(EiafDigitPredictor *self, const char *const *names)
{
  g_return_if_fail(EIAF_IS_DIGIT_PREDICTOR(self));
  g_strfreev(self->class_names);
  self->class_names = g_strdupv((char **) names);
  eiaf_probability_bars_set_labels(EIAF_PROBABILITY_BARS(self->bars), names);
  /* Names longer than a digit are slanted under the bars: room for them. */
  gtk_widget_set_size_request(self->bars, BARS_WIDTH, names ? BARS_HEIGHT_NAMED : BARS_HEIGHT);
  predict(self);
}

void eiaf_digit_predictor_set_prompt(EiafDigitPredictor *self, const char *prompt)
{
  g_return_if_fail(EIAF_IS_DIGIT_PREDICTOR(self));
  g_free(self->prompt);
  self->prompt = g_strdup(prompt);
  predict(self);
}

EiafDigitCanvas *eiaf_digit_predictor_get_canvas(EiafDigitPredictor *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), NULL);
  return self->canvas;
}

const char *eiaf_digit_predictor_get_answer(EiafDigitPredictor *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), NULL);
  return self->answer;
}

int eiaf_digit_predictor_get_class(EiafDigitPredictor *self, float *probability)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), -1);
  if (probability)
    *probability = self->answer_p;
  return self->answer_class;
}

const float *eiaf_digit_predictor_get_input(EiafDigitPredictor *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), NULL);
  return self->have_input ? self->input : NULL;
}

nn_model *eiaf_digit_predictor_get_model(EiafDigitPredictor *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), NULL);
  return current_model(self);
}

double eiaf_digit_predictor_get_mean_us(EiafDigitPredictor *self)
{
  g_return_val_if_fail(EIAF_IS_DIGIT_PREDICTOR(self), 0);
  return self->n_predictions ? self->total_us / self->n_predictions : 0;
}

static void eiaf_digit_predictor_dispose(GObject *object)
{
  EiafDigitPredictor *self = EIAF_DIGIT_PREDICTOR(object);
  g_clear_pointer(&self->box, gtk_widget_unparent);
  g_clear_pointer(&self->snap, nn_snapshot_unref);
  G_OBJECT_CLASS(eiaf_digit_predictor_parent_class)->dispose(object);
}

static void eiaf_digit_predictor_finalize(GObject *object)
{
  EiafDigitPredictor *self = EIAF_DIGIT_PREDICTOR(object);
  g_strfreev(self->class_names);
  g_free(self->prompt);
  g_free(self->input);
  g_free(self->answer);
  G_OBJECT_CLASS(eiaf_digit_predictor_parent_class)->finalize(object);
}

static void eiaf_digit_predictor_class_init(EiafDigitPredictorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);
  object_class->dispose = eiaf_digit_predictor_dispose;
  object_class->finalize = eiaf_digit_predictor_finalize;
  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BIN_LAYOUT);
  signals[SIGNAL_PREDICTED] = g_signal_new("predicted", G_TYPE_FROM_CLASS(klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void eiaf_digit_predictor_init(EiafDigitPredictor *self)
{
  self->box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent(self->box, GTK_WIDGET(self));
  self->canvas = EIAF_DIGIT_CANVAS(eiaf_digit_canvas_new());
  gtk_box_append(GTK_BOX(self->box), GTK_WIDGET(self->canvas));
  self->answer_label = GTK_LABEL(gtk_label_new(NULL));
  gtk_label_set_xalign(self->answer_label, 0.0);
  gtk_widget_add_css_class(GTK_WIDGET(self->answer_label), "title-4");
  gtk_box_append(GTK_BOX(self->box), GTK_WIDGET(self->answer_label));
  self->bars = eiaf_probability_bars_new();
  eiaf_plot_set_title(EIAF_PLOT(self->bars), _("Probability of each class"));
  gtk_widget_set_size_request(self->bars, BARS_WIDTH, BARS_HEIGHT);
  gtk_box_append(GTK_BOX(self->box), self->bars);
  self->answer_class = -1;
  g_signal_connect_object(self->canvas, "changed", G_CALLBACK(on_canvas_changed_cb), self, 0);
}

GtkWidget *eiaf_digit_predictor_new(int side)
{
  g_return_val_if_fail(side >= 1 && side <= NN_DIGIT_SIDE, NULL);
  EiafDigitPredictor *self = g_object_new(EIAF_TYPE_DIGIT_PREDICTOR, NULL);
  self->side = side;
  self->input = g_new0(float, (gsize) side * (gsize) side);
  predict(self);
  return GTK_WIDGET(self);
}
