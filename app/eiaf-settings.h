/* What the app remembers between runs (GSettings io.github.EverythingIsAFont): the window's
 * size, the last lesson, the data folder, and each lesson's parameters and preset.
 *
 * When the schema is not installed (a build run outside `meson devenv`), nothing is
 * remembered and the app says so once on the terminal — it never aborts, as a bare
 * g_settings_new() would. */
#pragma once

#include <gio/gio.h>

#include "eiaf-lesson-page.h"

G_BEGIN_DECLS

/* The app's settings, or NULL without the schema (borrowed; lives until exit). */
GSettings *eiaf_settings_get(void);

/* Gives a new page the parameters and preset remembered for its lesson (values out of range,
 * of unknown names, or of another type are ignored). Does not start it. */
void eiaf_settings_restore_page(EiafLessonPage *page);
/* Remembers a page's parameters and preset. */
void eiaf_settings_store_page(EiafLessonPage *page);
/* Forgets what was remembered for a lesson. */
void eiaf_settings_forget_lesson(const char *lesson_id);

G_END_DECLS
