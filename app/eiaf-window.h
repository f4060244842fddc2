#pragma once

#include <adwaita.h>

#include "eiaf-application.h"
#include "eiaf-lesson-page.h"

G_BEGIN_DECLS

#define EIAF_TYPE_WINDOW (eiaf_window_get_type())
G_DECLARE_FINAL_TYPE(EiafWindow, eiaf_window, EIAF, WINDOW, AdwApplicationWindow)

EiafWindow *eiaf_window_new(EiafApplication *app);
/* Shows the page of lesson `id`; returns FALSE when no lesson has that id. */
gboolean eiaf_window_show_lesson(EiafWindow *self, const char *id);
/* The id of the lesson shown now. */
const char *eiaf_window_get_lesson(EiafWindow *self);
/* The page shown now, or NULL. */
EiafLessonPage *eiaf_window_get_page(EiafWindow *self);
/* MNIST from this folder ("" or NULL: the bundled subset); restarts pages that use it. */
void eiaf_window_set_data_folder(EiafWindow *self, const char *folder);
const char *eiaf_window_get_data_folder(EiafWindow *self);
/* The data folder's check (the footer's "Data: …") has not reported yet. */
gboolean eiaf_window_is_checking_data(EiafWindow *self);
/* A short message at the bottom of the window. */
void eiaf_window_toast(EiafWindow *self, const char *message);

G_END_DECLS
