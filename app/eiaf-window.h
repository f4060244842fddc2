#pragma once

#include <adwaita.h>

#include "eiaf-application.h"

G_BEGIN_DECLS

#define EIAF_TYPE_WINDOW (eiaf_window_get_type())
G_DECLARE_FINAL_TYPE(EiafWindow, eiaf_window, EIAF, WINDOW, AdwApplicationWindow)

EiafWindow *eiaf_window_new(EiafApplication *app);
/* Shows the page of lesson `id`; returns FALSE when no lesson has that id. */
gboolean eiaf_window_show_lesson(EiafWindow *self, const char *id);
/* The id of the lesson shown now. */
const char *eiaf_window_get_lesson(EiafWindow *self);

G_END_DECLS
