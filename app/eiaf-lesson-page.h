#pragma once

#include <gtk/gtk.h>

#include "nn_lesson.h"

G_BEGIN_DECLS

#define EIAF_TYPE_LESSON_PAGE (eiaf_lesson_page_get_type())
G_DECLARE_FINAL_TYPE(EiafLessonPage, eiaf_lesson_page, EIAF, LESSON_PAGE, GtkWidget)

EiafLessonPage *eiaf_lesson_page_new(const nn_lesson *lesson);
const nn_lesson *eiaf_lesson_page_get_lesson(EiafLessonPage *self);

G_END_DECLS
