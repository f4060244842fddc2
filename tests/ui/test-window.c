/* The real window, in process: every lesson is listed by chapter and every page opens, with
 * no GTK critical (G_DEBUG=fatal-criticals makes one fatal). */
#include <gtk/gtk.h>

#include "eiaf-application.h"
#include "eiaf-lesson-page.h"
#include "eiaf-window.h"
#include "nn_lesson.h"
#include "nn_registry.h"

static EiafWindow *window;

static void test_window_lists_every_lesson(void)
{
  GtkWidget *list = NULL;
  /* Find the sidebar list: the GtkListBox whose rows are named by lesson ids. */
  GtkWidget *w = GTK_WIDGET(window);
  GQueue queue = G_QUEUE_INIT;
  g_queue_push_tail(&queue, w);
  while (!g_queue_is_empty(&queue)) {
    GtkWidget *cur = g_queue_pop_head(&queue);
    if (GTK_IS_LIST_BOX(cur)) {
      list = cur;
      break;
    }
    for (GtkWidget *c = gtk_widget_get_first_child(cur); c; c = gtk_widget_get_next_sibling(c))
      g_queue_push_tail(&queue, c);
  }
  g_queue_clear(&queue);
  g_assert_nonnull(list);

  int chapters_seen = 0, last_chapter = 0;
  for (int i = 0; i < nn_lesson_count(); i++) {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index(GTK_LIST_BOX(list), i);
    g_assert_nonnull(row);
    g_assert_cmpstr(gtk_widget_get_name(GTK_WIDGET(row)), ==, nn_lesson_at(i)->id);
    if (nn_lesson_at(i)->chapter != last_chapter) {
      /* The first lesson of a chapter carries the chapter's heading. */
      g_assert_nonnull(gtk_list_box_row_get_header(row));
      last_chapter = nn_lesson_at(i)->chapter;
      chapters_seen++;
    }
  }
  g_assert_null(gtk_list_box_get_row_at_index(GTK_LIST_BOX(list), nn_lesson_count()));
  g_assert_cmpint(chapters_seen, ==, 4);
}

static void test_window_opens_every_page(void)
{
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *lesson = nn_lesson_at(i);
    g_assert_true(eiaf_window_show_lesson(window, lesson->id));
    g_assert_cmpstr(eiaf_window_get_lesson(window), ==, lesson->id);
    while (g_main_context_iteration(NULL, FALSE))
      ;
  }
  g_assert_false(eiaf_window_show_lesson(window, "no-such-lesson"));
}

static void test_window_alt_down_moves_to_next_lesson(void)
{
  g_assert_true(eiaf_window_show_lesson(window, "xor"));
  g_assert_true(gtk_widget_activate_action(GTK_WIDGET(window), "win.next-lesson", NULL));
  g_assert_cmpstr(eiaf_window_get_lesson(window), ==, "mnist-hidden-layer");
  g_assert_true(gtk_widget_activate_action(GTK_WIDGET(window), "win.previous-lesson", NULL));
  g_assert_cmpstr(eiaf_window_get_lesson(window), ==, "xor");
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  adw_init();

  g_autoptr(EiafApplication) app = eiaf_application_new();
  g_application_set_flags(G_APPLICATION(app), G_APPLICATION_NON_UNIQUE);
  g_assert_true(g_application_register(G_APPLICATION(app), NULL, NULL));
  window = eiaf_window_new(app);
  gtk_window_present(GTK_WINDOW(window));
  gtk_test_widget_wait_for_draw(GTK_WIDGET(window));

  g_test_add_func("/window/lists-every-lesson", test_window_lists_every_lesson);
  g_test_add_func("/window/opens-every-page", test_window_opens_every_page);
  g_test_add_func("/window/alt-down", test_window_alt_down_moves_to_next_lesson);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
