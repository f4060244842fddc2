/* EiafDigitPredictor — the digit canvas wired to a trained network: draw a digit and see what
 * the network sees (the preprocessed image under the sheet) and what it answers (probability
 * bars and a label "Prediction: 7 (98%)"), updating as you draw.
 *
 * The network is the inference copy a snapshot carries (nn_snapshot.models): the predictor
 * keeps a reference to the newest snapshot and runs the copy on the main thread only, so
 * training never waits for it and it never reads memory training writes. Preprocessing is the
 * engine's nn_digit_prepare, the same as `everything-is-a-font-cli predict`.
 *
 * Signals:
 *   "predicted" ()  after every prediction: the model's layer outputs (nn_model_output) then
 *                   hold the drawn digit's feature maps.
 */
#pragma once

#include <gtk/gtk.h>

#include "eiaf-digit-canvas.h"
#include "nn_snapshot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_DIGIT_PREDICTOR (eiaf_digit_predictor_get_type())
G_DECLARE_FINAL_TYPE(EiafDigitPredictor, eiaf_digit_predictor, EIAF, DIGIT_PREDICTOR, GtkWidget)

/* side: the network's input side (28, or 16 for lesson 24's network). */
GtkWidget *eiaf_digit_predictor_new(int side);
/* The network of variant `variant` in `snap` (a reference is kept; NULL forgets it). Predicts
 * again at once if something is drawn. */
void eiaf_digit_predictor_set_snapshot(EiafDigitPredictor *self, nn_snapshot *snap, int variant);
/* Names of the ten classes (digits by default; clothes for Fashion-MNIST). Copied. */
void eiaf_digit_predictor_set_class_names(EiafDigitPredictor *self, const char *const *names);
/* What the answer says while nothing is drawn (NULL: "Draw a digit"; "Draw a garment" for
 * Fashion-MNIST). Copied. */
void eiaf_digit_predictor_set_prompt(EiafDigitPredictor *self, const char *prompt);
EiafDigitCanvas *eiaf_digit_predictor_get_canvas(EiafDigitPredictor *self);
/* "Prediction: 7 (98%)", or what is missing ("Draw a digit", "No trained network yet"). */
const char *eiaf_digit_predictor_get_answer(EiafDigitPredictor *self);
/* The last answer: the class (or -1) and its probability. */
int eiaf_digit_predictor_get_class(EiafDigitPredictor *self, float *probability);
/* The preprocessed input (side × side) of the last prediction, or NULL. */
const float *eiaf_digit_predictor_get_input(EiafDigitPredictor *self);
/* The network used for the last prediction (borrowed; main thread only), or NULL. */
nn_model *eiaf_digit_predictor_get_model(EiafDigitPredictor *self);
/* Mean time of the predictions so far, preprocessing included, in microseconds. */
double eiaf_digit_predictor_get_mean_us(EiafDigitPredictor *self);

G_END_DECLS
