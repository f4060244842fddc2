/* EiafDigitCanvas: a square sheet of paper to draw a digit on, with the mouse, a finger or a
 * stylus, with a "Clear" button under it and, beside that, an optional small picture of what
 * the network sees.
 *
 * The ink lives in a grey float image of EIAF_DIGIT_CANVAS_SIZE² pixels (ink 1, paper 0),
 * whatever the widget's size: the brush is round, soft at the edge and as wide as a fixed
 * fraction of the sheet, so a digit drawn on a small or a large canvas gives the same image.
 * The widget does no preprocessing (cropping, fitting to 20×20, centring): the caller does that
 * on the image and hands the result back with eiaf_digit_canvas_set_preview().
 *
 * Signals:
 *   "changed" ()  the ink changed. While a stroke is drawn it is emitted at most ~60 times a
 *                 second, and always once when the stroke ends (and on clear).
 * Properties:
 *   "empty" (gboolean, read-only)  no ink at all.
 * Actions:
 *   "canvas.clear"  clears the ink (the Clear button, and Delete or BackSpace when focused);
 *                   disabled while the canvas is empty.
 *
 * Accessible: the drawing surface has role img and label "Digit canvas"; the preview has role
 * img and label "What the network sees". */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Side of the internal ink image, in pixels (ten times MNIST's 28). */
#define EIAF_DIGIT_CANVAS_SIZE 280

#define EIAF_TYPE_DIGIT_CANVAS (eiaf_digit_canvas_get_type())
G_DECLARE_FINAL_TYPE(EiafDigitCanvas, eiaf_digit_canvas, EIAF, DIGIT_CANVAS, GtkWidget)

GtkWidget *eiaf_digit_canvas_new(void);

/* The ink image, row-major, *w × *h floats in [0, 1] (ink 1). Owned by the canvas and valid
 * until the next change; copy it to keep it. */
const float *eiaf_digit_canvas_get_image(EiafDigitCanvas *self, int *w, int *h);

gboolean eiaf_digit_canvas_is_empty(EiafDigitCanvas *self);

/* The words on the empty sheet (NULL: "Draw a digit here"; a garment for Fashion-MNIST). */
void eiaf_digit_canvas_set_hint(EiafDigitCanvas *self, const char *hint);

/* Removes all ink; emits "changed" if there was any. */
void eiaf_digit_canvas_clear(EiafDigitCanvas *self);

/* Draws one stroke through n_points points xy = {x0, y0, x1, y1, …} given relative to the
 * sheet (0..1, y down), with the same brush as the pointer, then emits "changed" once. For
 * tests and automation. */
void eiaf_digit_canvas_draw_stroke(EiafDigitCanvas *self, const double *xy, int n_points);

/* Shows img (w × h floats, ink 1, row-major; copied) small under the sheet, two screen pixels
 * per pixel for 28 × 28, drawn without smoothing so the user sees exactly what the network
 * gets. img NULL hides it. */
void eiaf_digit_canvas_set_preview(EiafDigitCanvas *self, const float *img, int w, int h);

G_END_DECLS
