/* What a lesson's page adds to the generic page: its words and its pictures.
 *
 * The generic page (EiafLessonPage) owns the worker, the parameter panel built from the
 * lesson's declarations, the preset switch, the buttons and the status line. A page spec
 * (one per lesson, in app/pages/) writes the explanation and composes pictures from ui/
 * widgets: `build` adds them once, `update` feeds them each new snapshot. */
#pragma once

#include <gtk/gtk.h>

#include "eiaf-lesson-page.h"
#include "nn_trainer.h"

G_BEGIN_DECLS

typedef struct {
  const char *lesson_id;
  /* A few plain sentences with one everyday analogy (Pango markup, translatable). */
  const char *explanation;
  /* What to look at and what to try (Pango markup, translatable). */
  const char *try_this;
  /* Where the app deliberately differs from the lab, in one line, or NULL. */
  const char *lab_note;
  /* Adds the pictures (eiaf_lesson_page_add_picture) and returns the spec's state (pointers
   * to its widgets), freed with free_state. */
  gpointer (*build)(EiafLessonPage *page);
  /* Shows a snapshot. Called on the main thread with the newest snapshot of the current run. */
  void (*update)(EiafLessonPage *page, gpointer state, nn_snapshot *snap);
  /* A parameter flagged NN_PARAM_LIVE changed (no restart): redraw what depends on it. May be
   * NULL. */
  void (*live_param)(EiafLessonPage *page, gpointer state, const char *name, double value);
  void (*free_state)(gpointer state);
} EiafPageSpec;

/* The spec of a lesson, or NULL (the page then shows its loss and accuracy curves). */
const EiafPageSpec *eiaf_page_spec_find(const char *lesson_id);

G_END_DECLS
