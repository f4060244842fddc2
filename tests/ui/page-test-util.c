/* See page-test-util.h. */
#include "page-test-util.h"

#include "eiaf-lesson-page.h"
#include "eiaf-plot.h"
#include "eiaf-screenshot.h"

void page_test_wait(EiafWindow *window, PageCondition done, gpointer data, double seconds,
                    const char *what)
{
  gint64 end = g_get_monotonic_time() + (gint64) (seconds * G_USEC_PER_SEC);
  while (!done(data)) {
    if (g_get_monotonic_time() > end) {
      EiafLessonPage *page = eiaf_window_get_page(window);
      nn_snapshot *s = page ? eiaf_lesson_page_get_snapshot(page) : NULL;
      g_error("waited %.0f s for %s (status \"%s\", step %ld)", seconds, what,
              page ? eiaf_lesson_page_get_status(page) : "", s ? s->step : -1L);
    }
    g_main_context_iteration(NULL, FALSE);
    g_usleep(2000);
  }
}

void page_test_settle(void)
{
  for (int i = 0; i < 10; i++)
    while (g_main_context_iteration(NULL, FALSE))
      ;
}

void page_test_save_png(GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv("EIAF_TEST_SHOTS");
  if (!dir)
    return;
  gtk_test_widget_wait_for_draw(widget);
  g_autofree char *path = g_strdup_printf("%s/%s.png", dir, name);
  g_autoptr(GError) error = NULL;
  if (!eiaf_widget_save_png(widget, path, &error))
    g_printerr("%s\n", error->message);
}

void page_test_shot(EiafWindow *window, const char *name)
{
  if (!g_getenv("EIAF_TEST_SHOTS"))
    return;
  for (int i = 0; i < 60; i++) {
    page_test_settle();
    g_usleep(10000);
  }
  page_test_save_png(GTK_WIDGET(window), name);
}

EiafWindow *page_test_window_new(EiafApplication *app, int width, int height)
{
  g_application_set_flags(G_APPLICATION(app), G_APPLICATION_NON_UNIQUE);
  g_assert_true(g_application_register(G_APPLICATION(app), NULL, NULL));
  EiafWindow *window = eiaf_window_new(app);
  if (width > 0 && height > 0)
    gtk_window_set_default_size(GTK_WINDOW(window), width, height);
  gtk_window_present(GTK_WINDOW(window));
  gtk_test_widget_wait_for_draw(GTK_WIDGET(window));
  return window;
}

EiafLessonPage *page_test_show(EiafWindow *window, const char *id)
{
  g_assert_true(eiaf_window_show_lesson(window, id));
  EiafLessonPage *page = eiaf_window_get_page(window);
  g_assert_nonnull(page);
  return page;
}

static void find_into(GtkWidget *w, PageMatch match, gconstpointer data, GPtrArray *found,
                      gboolean first_only)
{
  if (match(w, data))
    g_ptr_array_add(found, w);
  for (GtkWidget *c = gtk_widget_get_first_child(w); c && !(first_only && found->len);
       c = gtk_widget_get_next_sibling(c))
    find_into(c, match, data, found, first_only);
}

GPtrArray *page_test_find_all(GtkWidget *root, PageMatch match, gconstpointer data)
{
  GPtrArray *found = g_ptr_array_new();
  find_into(root, match, data, found, FALSE);
  return found;
}

GtkWidget *page_test_find_first(GtkWidget *root, PageMatch match, gconstpointer data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new();
  find_into(root, match, data, found, TRUE);
  return found->len ? g_ptr_array_index(found, 0) : NULL;
}

GtkWidget *page_test_find_one(GtkWidget *root, PageMatch match, gconstpointer data)
{
  GtkWidget *found = page_test_find_first(root, match, data);
  g_assert_nonnull(found);
  return found;
}

gboolean page_test_is_type(GtkWidget *w, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE(w, GPOINTER_TO_SIZE(type));
}

gboolean page_test_is_plot_titled(GtkWidget *w, gconstpointer title)
{
  return EIAF_IS_PLOT(w) && g_strcmp0(eiaf_plot_get_title(EIAF_PLOT(w)), title) == 0;
}

gboolean page_test_is_label_starting(GtkWidget *w, gconstpointer prefix)
{
  return GTK_IS_LABEL(w) && g_str_has_prefix(gtk_label_get_text(GTK_LABEL(w)), prefix);
}

gboolean page_test_is_button_labelled(GtkWidget *w, gconstpointer label)
{
  return GTK_IS_BUTTON(w) && g_strcmp0(gtk_button_get_label(GTK_BUTTON(w)), label) == 0;
}

gboolean page_test_has_accessible_label(GtkWidget *w, gconstpointer label)
{
  if (!gtk_test_accessible_has_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  g_autofree char *err =
      gtk_test_accessible_check_property(GTK_ACCESSIBLE(w), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return err == NULL;
}
