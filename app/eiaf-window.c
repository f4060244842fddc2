/* The main window: a sidebar of chapters and lessons beside the page of the chosen lesson.
 * Pages are built when first shown, so start-up stays fast and memory grows only with what
 * the user visits. */
#include "config.h"

#include "eiaf-window.h"
#include "eiaf-window-private.h"

#include <glib/gi18n.h>

#include "eiaf-data.h"
#include "eiaf-lesson-page.h"
#include "eiaf-settings.h"
#include "nn_lesson.h"
#include "nn_registry.h"


G_DEFINE_FINAL_TYPE(EiafWindow, eiaf_window, ADW_TYPE_APPLICATION_WINDOW)

static const nn_lesson *row_lesson(GtkListBoxRow *row)
{
  return nn_lesson_at(gtk_list_box_row_get_index(row));
}

static GtkWidget *make_lesson_row(const nn_lesson *lesson, int number)
{
  GtkWidget *row = gtk_list_box_row_new();
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *num = g_strdup_printf("%d", number);
  GtkWidget *num_label = gtk_label_new(num);
  GtkWidget *title = gtk_label_new(_(lesson->title));

  gtk_widget_add_css_class(num_label, "dim-label");
  gtk_widget_add_css_class(num_label, "numeric");
  gtk_label_set_width_chars(GTK_LABEL(num_label), 2);
  gtk_label_set_xalign(GTK_LABEL(num_label), 1.0);
  gtk_label_set_xalign(GTK_LABEL(title), 0.0);
  gtk_label_set_ellipsize(GTK_LABEL(title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text(row, _(lesson->title));
  gtk_box_append(GTK_BOX(box), num_label);
  gtk_box_append(GTK_BOX(box), title);
  gtk_widget_set_margin_top(box, 6);
  gtk_widget_set_margin_bottom(box, 6);
  gtk_list_box_row_set_child(GTK_LIST_BOX_ROW(row), box);
  /* A screen reader (and the end-to-end tests) find the row by the lesson's title. */
  gtk_accessible_update_property(GTK_ACCESSIBLE(row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                 _(lesson->title), -1);
  gtk_widget_set_name(row, lesson->id);
  return row;
}

static void chapter_header_func(GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  int chapter = row_lesson(row)->chapter;
  if (before && row_lesson(before)->chapter == chapter) {
    gtk_list_box_row_set_header(row, NULL);
    return;
  }
  if (gtk_list_box_row_get_header(row))
    return;
  g_autofree char *text = g_strdup_printf(_("Chapter %d · %s"), chapter,
                                          _(nn_chapter_title(chapter)));
  GtkWidget *label = gtk_label_new(text);
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_widget_add_css_class(label, "heading");
  gtk_widget_add_css_class(label, "dim-label");
  gtk_widget_set_margin_start(label, 12);
  gtk_widget_set_margin_top(label, before ? 18 : 6);
  gtk_widget_set_margin_bottom(label, 6);
  gtk_list_box_row_set_header(row, label);
}

static gboolean store_page_cb(gpointer data)
{
  EiafWindow *self = data;
  self->store_source = 0;
  EiafLessonPage *page = eiaf_window_get_page(self);
  if (page)
    eiaf_settings_store_page(page);
  return G_SOURCE_REMOVE;
}

/* A slider being dragged changes parameters many times a second: they are written once it
 * rests for half a second (and when the window closes). */
static void on_page_params_changed_cb(EiafLessonPage *page, EiafWindow *self)
{
  g_clear_handle_id(&self->store_source, g_source_remove);
  self->store_source = g_timeout_add(500, store_page_cb, self);
}

static GtkWidget *ensure_page(EiafWindow *self, const nn_lesson *lesson)
{
  GtkWidget *page = gtk_stack_get_child_by_name(self->page_stack, lesson->id);
  if (!page) {
    page = GTK_WIDGET(eiaf_lesson_page_new(lesson, eiaf_data_env(self->data_folder)));
    eiaf_settings_restore_page(EIAF_LESSON_PAGE(page));
    g_signal_connect_object(page, "params-changed", G_CALLBACK(on_page_params_changed_cb), self,
                            0);
    gtk_stack_add_named(self->page_stack, page, lesson->id);
  }
  return page;
}

static EiafLessonPage *current_page(EiafWindow *self)
{
  if (!self->current)
    return NULL;
  GtkWidget *page = gtk_stack_get_child_by_name(self->page_stack, self->current->id);
  return page ? EIAF_LESSON_PAGE(page) : NULL;
}

static void show_lesson(EiafWindow *self, const nn_lesson *lesson)
{
  if (self->current == lesson)
    return;
  /* Only the page in front trains: leaving a page pauses it, coming back resumes it. */
  EiafLessonPage *old = current_page(self);
  if (old) {
    eiaf_lesson_page_set_active(old, FALSE);
    if (self->store_source) {
      g_clear_handle_id(&self->store_source, g_source_remove);
      eiaf_settings_store_page(old);
    }
  }
  self->current = lesson;
  GtkWidget *page = ensure_page(self, lesson);
  gtk_stack_set_visible_child(self->page_stack, page);
  eiaf_lesson_page_set_active(EIAF_LESSON_PAGE(page), TRUE);
  GSettings *settings = eiaf_settings_get();
  if (settings)
    g_settings_set_string(settings, "last-lesson", lesson->id);
  adw_window_title_set_title(self->lesson_title, _(lesson->title));
  g_autofree char *subtitle = g_strdup_printf(_("Chapter %d · %s"), lesson->chapter,
                                              _(nn_chapter_title(lesson->chapter)));
  adw_window_title_set_subtitle(self->lesson_title, subtitle);
}

static void on_lesson_list_row_selected_cb(GtkListBox *list, GtkListBoxRow *row,
                                           EiafWindow *self)
{
  if (!row)
    return;
  show_lesson(self, row_lesson(row));
}

static void on_lesson_list_row_activated_cb(GtkListBox *list, GtkListBoxRow *row,
                                            EiafWindow *self)
{
  adw_leaflet_set_visible_child(self->leaflet, self->content);
}

static void on_back_button_clicked_cb(GtkButton *button, EiafWindow *self)
{
  adw_leaflet_navigate(self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

gboolean eiaf_window_show_lesson(EiafWindow *self, const char *id)
{
  g_return_val_if_fail(EIAF_IS_WINDOW(self), FALSE);
  for (int i = 0; i < nn_lesson_count(); i++) {
    if (g_str_equal(nn_lesson_at(i)->id, id)) {
      gtk_list_box_select_row(self->lesson_list, gtk_list_box_get_row_at_index(self->lesson_list, i));
      return TRUE;
    }
  }
  return FALSE;
}

const char *eiaf_window_get_lesson(EiafWindow *self)
{
  g_return_val_if_fail(EIAF_IS_WINDOW(self), NULL);
  return self->current ? self->current->id : NULL;
}

static void step_lesson(EiafWindow *self, int delta)
{
  int index = 0;
  for (int i = 0; i < nn_lesson_count(); i++)
    if (nn_lesson_at(i) == self->current)
      index = i;
  index = CLAMP(index + delta, 0, nn_lesson_count() - 1);
  gtk_list_box_select_row(self->lesson_list, gtk_list_box_get_row_at_index(self->lesson_list, index));
}

static void on_previous_lesson_action(GtkWidget *widget, const char *name, GVariant *param)
{
  step_lesson(EIAF_WINDOW(widget), -1);
}

static void on_next_lesson_action(GtkWidget *widget, const char *name, GVariant *param)
{
  step_lesson(EIAF_WINDOW(widget), +1);
}

static void on_toggle_training_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafLessonPage *page = current_page(EIAF_WINDOW(widget));
  if (page)
    eiaf_lesson_page_toggle_training(page);
}

static void on_reset_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafLessonPage *page = current_page(EIAF_WINDOW(widget));
  if (page)
    eiaf_lesson_page_reset(page);
}

EiafLessonPage *eiaf_window_get_page(EiafWindow *self)
{
  g_return_val_if_fail(EIAF_IS_WINDOW(self), NULL);
  return current_page(self);
}

void eiaf_window_set_data_folder(EiafWindow *self, const char *folder)
{
  g_return_if_fail(EIAF_IS_WINDOW(self));
  g_free(self->data_folder);
  self->data_folder = g_strdup(folder ? folder : "");
  const nn_lesson_env *env = eiaf_data_env(self->data_folder);
  for (GtkWidget *child = gtk_widget_get_first_child(GTK_WIDGET(self->page_stack)); child;
       child = gtk_widget_get_next_sibling(child))
    if (EIAF_IS_LESSON_PAGE(child))
      eiaf_lesson_page_set_env(EIAF_LESSON_PAGE(child), env);
  eiaf_window_show_data_source(self);
}

gboolean eiaf_window_is_checking_data(EiafWindow *self)
{
  g_return_val_if_fail(EIAF_IS_WINDOW(self), FALSE);
  return self->data_check_pending || self->data_checks > 0;
}

const char *eiaf_window_get_data_folder(EiafWindow *self)
{
  g_return_val_if_fail(EIAF_IS_WINDOW(self), NULL);
  return self->data_folder;
}

void eiaf_window_toast(EiafWindow *self, const char *message)
{
  g_return_if_fail(EIAF_IS_WINDOW(self));
  adw_toast_overlay_add_toast(self->toast_overlay, adw_toast_new(message));
}

static gboolean eiaf_window_close_request(GtkWindow *window)
{
  EiafWindow *self = EIAF_WINDOW(window);
  GSettings *settings = eiaf_settings_get();
  if (self->store_source) {
    g_clear_handle_id(&self->store_source, g_source_remove);
    store_page_cb(self);
  }
  if (settings) {
    int width, height;
    gtk_window_get_default_size(window, &width, &height);
    g_settings_set_int(settings, "window-width", width);
    g_settings_set_int(settings, "window-height", height);
    g_settings_set_boolean(settings, "window-maximized", gtk_window_is_maximized(window));
  }
  return GTK_WINDOW_CLASS(eiaf_window_parent_class)->close_request(window);
}

static void eiaf_window_dispose(GObject *object)
{
  EiafWindow *self = EIAF_WINDOW(object);
  g_clear_handle_id(&self->store_source, g_source_remove);
  gtk_widget_dispose_template(GTK_WIDGET(self), EIAF_TYPE_WINDOW);
  G_OBJECT_CLASS(eiaf_window_parent_class)->dispose(object);
}

static void eiaf_window_finalize(GObject *object)
{
  EiafWindow *self = EIAF_WINDOW(object);
  g_free(self->data_folder);
  G_OBJECT_CLASS(eiaf_window_parent_class)->finalize(object);
}

/* The data folder is checked once the window has drawn: the check loads the set (the bundled
 * digits: a tenth of a second of gunzip) in a thread, which on two cores competes with the
 * first frame for the CPU. */
static void on_first_frame_cb(GdkFrameClock *clock, EiafWindow *self)
{
  /* By id: GTK's own handlers on the clock have the window as their data too. */
  g_clear_signal_handler(&self->first_frame_handler, clock);
  if (self->data_check_pending)
    eiaf_window_show_data_source(self);
}

static void eiaf_window_realize(GtkWidget *widget)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  GTK_WIDGET_CLASS(eiaf_window_parent_class)->realize(widget);
  if (self->data_check_pending && !self->first_frame_handler)
    self->first_frame_handler = g_signal_connect_object(
        gtk_widget_get_frame_clock(widget), "after-paint", G_CALLBACK(on_first_frame_cb), self, 0);
}

static void eiaf_window_unrealize(GtkWidget *widget)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  /* The clock goes with the surface: a new one comes with the next realize. */
  if (self->first_frame_handler)
    g_clear_signal_handler(&self->first_frame_handler, gtk_widget_get_frame_clock(widget));
  GTK_WIDGET_CLASS(eiaf_window_parent_class)->unrealize(widget);
}

static void eiaf_window_class_init(EiafWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS(klass);

  object_class->dispose = eiaf_window_dispose;
  object_class->finalize = eiaf_window_finalize;
  GTK_WINDOW_CLASS(klass)->close_request = eiaf_window_close_request;
  widget_class->realize = eiaf_window_realize;
  widget_class->unrealize = eiaf_window_unrealize;

  gtk_widget_class_set_template_from_resource(widget_class,
                                              "/io/github/EverythingIsAFont/ui/eiaf-window.ui");
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, leaflet);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, content);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, lesson_list);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, page_stack);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, lesson_title);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, back_button);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, toast_overlay);
  gtk_widget_class_bind_template_child(widget_class, EiafWindow, data_label);
  gtk_widget_class_bind_template_callback(widget_class, on_lesson_list_row_selected_cb);
  gtk_widget_class_bind_template_callback(widget_class, on_lesson_list_row_activated_cb);
  gtk_widget_class_bind_template_callback(widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action(widget_class, "win.previous-lesson", NULL,
                                  on_previous_lesson_action);
  gtk_widget_class_install_action(widget_class, "win.next-lesson", NULL, on_next_lesson_action);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                      "win.previous-lesson", NULL);
  gtk_widget_class_add_binding_action(widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                      "win.next-lesson", NULL);
  gtk_widget_class_install_action(widget_class, "win.toggle-training", NULL,
                                  on_toggle_training_action);
  gtk_widget_class_install_action(widget_class, "win.reset", NULL, on_reset_action);
  eiaf_window_install_actions(widget_class);
}

/* Size, maximised state and data folder of the last run. The folder is checked in the
 * background after the first frame (eiaf_window_show_data_source): one that no longer loads
 * is not a reason to fail — the window says why and goes back to the bundled digits. */
static void restore_window_state(EiafWindow *self)
{
  GSettings *settings = eiaf_settings_get();
  if (settings) {
    gtk_window_set_default_size(GTK_WINDOW(self), g_settings_get_int(settings, "window-width"),
                                g_settings_get_int(settings, "window-height"));
    if (g_settings_get_boolean(settings, "window-maximized"))
      gtk_window_maximize(GTK_WINDOW(self));
    g_free(self->data_folder);
    self->data_folder = g_settings_get_string(settings, "data-folder");
  }
  gtk_label_set_text(self->data_label, _("Data: loading…"));
  self->data_check_pending = TRUE;
}

static void eiaf_window_init(EiafWindow *self)
{
  gtk_widget_init_template(GTK_WIDGET(self));
  self->data_folder = g_strdup("");
  restore_window_state(self);

  for (int i = 0; i < nn_lesson_count(); i++)
    gtk_list_box_append(self->lesson_list, make_lesson_row(nn_lesson_at(i), i + 1));
  gtk_list_box_set_header_func(self->lesson_list, chapter_header_func, NULL, NULL);
  GSettings *settings = eiaf_settings_get();
  g_autofree char *last = settings ? g_settings_get_string(settings, "last-lesson") : NULL;
  if (!last || !eiaf_window_show_lesson(self, last))
    gtk_list_box_select_row(self->lesson_list,
                            gtk_list_box_get_row_at_index(self->lesson_list, 0));
}

EiafWindow *eiaf_window_new(EiafApplication *app)
{
  return g_object_new(EIAF_TYPE_WINDOW, "application", app, NULL);
}
