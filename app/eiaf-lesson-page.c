/* A lesson's page: its explanation, live pictures and controls, composed from the lesson's
 * declaration. */
#include "config.h"

#include "eiaf-lesson-page.h"

#include <glib/gi18n.h>

struct _EiafLessonPage {
  GtkWidget parent_instance;
  const nn_lesson *lesson;
  GtkWidget *scroller;
};

G_DEFINE_FINAL_TYPE(EiafLessonPage, eiaf_lesson_page, GTK_TYPE_WIDGET)

static void eiaf_lesson_page_dispose(GObject *object)
{
  EiafLessonPage *self = EIAF_LESSON_PAGE(object);
  g_clear_pointer(&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS(eiaf_lesson_page_parent_class)->dispose(object);
}

static void eiaf_lesson_page_class_init(EiafLessonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->dispose = eiaf_lesson_page_dispose;
  gtk_widget_class_set_layout_manager_type(widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name(widget_class, "lessonpage");
}

static void eiaf_lesson_page_init(EiafLessonPage *self)
{
}

static void build(EiafLessonPage *self)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new(_(self->lesson->title));

  gtk_widget_add_css_class(title, "title-1");
  gtk_label_set_xalign(GTK_LABEL(title), 0.0);
  gtk_label_set_wrap(GTK_LABEL(title), TRUE);
  gtk_box_append(GTK_BOX(box), title);
  gtk_widget_set_margin_start(box, 24);
  gtk_widget_set_margin_end(box, 24);
  gtk_widget_set_margin_top(box, 18);
  gtk_widget_set_margin_bottom(box, 24);

  self->scroller = gtk_scrolled_window_new();
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(self->scroller), GTK_POLICY_NEVER,
                                 GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(self->scroller), box);
  gtk_widget_set_parent(self->scroller, GTK_WIDGET(self));
}

EiafLessonPage *eiaf_lesson_page_new(const nn_lesson *lesson)
{
  g_return_val_if_fail(lesson != NULL, NULL);
  EiafLessonPage *self = g_object_new(EIAF_TYPE_LESSON_PAGE, NULL);
  self->lesson = lesson;
  build(self);
  return self;
}

const nn_lesson *eiaf_lesson_page_get_lesson(EiafLessonPage *self)
{
  g_return_val_if_fail(EIAF_IS_LESSON_PAGE(self), NULL);
  return self->lesson;
}
