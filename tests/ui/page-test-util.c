/* See page-test-util.h. */
#include "page-test-util.h"

#include "eiaf-lesson-page.h"
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
