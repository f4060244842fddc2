/* EiafLessonPage — one lesson's page, composed from the lesson's declaration (engine/lessons)
 * and its page spec (app/pages): the words, the live pictures, and a column of controls —
 * the preset switch (Quick / Course), Train/Pause, Step, Reset, New seed, the progress, the
 * status line and a slider (or drop-down, or switch) per parameter.
 *
 * The page owns an EiafWorker that trains the lesson in a thread of its own. A parameter
 * change restarts training at once (the worker coalesces bursts); every snapshot the worker
 * delivers updates the status line and is handed to the spec's update(). The page starts
 * training the first time it is shown and pauses whenever it is hidden.
 *
 * Actions (group "page"): toggle-training, step, reset, new-seed, reset-defaults.
 * Signals: "params-changed" () — the user changed a parameter or the preset.
 */
#pragma once

#include <gtk/gtk.h>

#include "eiaf-worker.h"
#include "nn_lesson.h"

G_BEGIN_DECLS

#define EIAF_TYPE_LESSON_PAGE (eiaf_lesson_page_get_type())
G_DECLARE_FINAL_TYPE(EiafLessonPage, eiaf_lesson_page, EIAF, LESSON_PAGE, GtkWidget)

/* env: where the lesson gets MNIST (borrowed; lives until exit, see eiaf-data.h). */
EiafLessonPage *eiaf_lesson_page_new(const nn_lesson *lesson, const nn_lesson_env *env);
const nn_lesson *eiaf_lesson_page_get_lesson(EiafLessonPage *self);

/* ---- for the window ---- */

/* Shown (TRUE) or hidden (FALSE): the first showing starts training; hiding pauses it and
 * showing again resumes what was running. */
void eiaf_lesson_page_set_active(EiafLessonPage *self, gboolean active);
/* Another data folder: restarts the lessons that use MNIST. */
void eiaf_lesson_page_set_env(EiafLessonPage *self, const nn_lesson_env *env);
/* Train or pause; a finished, diverged or failed run starts again. */
void eiaf_lesson_page_toggle_training(EiafLessonPage *self);
void eiaf_lesson_page_reset(EiafLessonPage *self);
/* Back to the current preset's exact values, and a new run. */
void eiaf_lesson_page_reset_defaults(EiafLessonPage *self);
gboolean eiaf_lesson_page_is_training(EiafLessonPage *self);
/* The page's status line, as a screen reader reads it ("Epoch 12 of 30 · loss 0.041 ·
 * accuracy 98.5%"). */
const char *eiaf_lesson_page_get_status(EiafLessonPage *self);
/* The message of the banner the page shows when a run diverged or could not start, or NULL. */
const char *eiaf_lesson_page_get_problem(EiafLessonPage *self);
/* Current parameter values (n_params of the lesson) and setting them as the user would (one
 * restart). Unknown or out-of-range values are clamped by the panel. */
const double *eiaf_lesson_page_get_params(EiafLessonPage *self);
void eiaf_lesson_page_set_params(EiafLessonPage *self, const double *values);
/* Which preset the values were last set from, and whether they still are exactly it. */
/* Starts the lesson again, paused, from saved weights (the worker takes *weights' contents)
 * with the parameters they were saved with; the next change of a setting or seed goes back to
 * the lesson's own initialisation. */
void eiaf_lesson_page_start_from_weights(EiafLessonPage *self, nn_st_file *weights,
                                        const double *values);
gboolean eiaf_lesson_page_is_from_weights(EiafLessonPage *self);
/* The variant the status line reports (best validation accuracy, else lowest loss) and its
 * label (borrowed), or -1 before the first snapshot or when every variant diverged. */
int eiaf_lesson_page_get_best_variant(EiafLessonPage *self, const char **label);
nn_preset eiaf_lesson_page_get_preset(EiafLessonPage *self);
void eiaf_lesson_page_set_preset(EiafLessonPage *self, nn_preset preset);
gboolean eiaf_lesson_page_is_at_preset(EiafLessonPage *self);
/* The pictures area, for exporting (Export plot as PNG… takes the first EiafPlot in it). */
GtkWidget *eiaf_lesson_page_get_pictures(EiafLessonPage *self);

/* ---- for page specs ---- */

typedef enum {
  EIAF_PICTURE_HALF, /* beside another half picture */
  EIAF_PICTURE_FULL, /* the whole width */
} EiafPictureWidth;

/* Adds a picture (usually an EiafPlot) under a caption; half pictures pair up in rows. The
 * caption also becomes the picture's accessible label if it has none. Returns `picture`. */
GtkWidget *eiaf_lesson_page_add_picture(EiafLessonPage *self, GtkWidget *picture,
                                        const char *caption, EiafPictureWidth width);
/* Adds a widget to the controls column, under the parameters (a digit canvas). */
void eiaf_lesson_page_add_side_widget(EiafLessonPage *self, GtkWidget *widget);
/* A parameter's current value by name (asserts the lesson has it). */
double eiaf_lesson_page_get_param(EiafLessonPage *self, const char *name);
EiafWorker *eiaf_lesson_page_get_worker(EiafLessonPage *self);
/* The newest snapshot of the current run, or NULL (borrowed). */
nn_snapshot *eiaf_lesson_page_get_snapshot(EiafLessonPage *self);
const nn_lesson_env *eiaf_lesson_page_get_env(EiafLessonPage *self);

G_END_DECLS
