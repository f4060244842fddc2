/* What the in-process page tests share: showing a lesson, finding widgets in its tree, running
 * the main loop until something holds, letting it settle, and saving pictures of what is shown
 * when EIAF_TEST_SHOTS names a folder. */
#pragma once

#include "eiaf-application.h"
#include "eiaf-lesson-page.h"
#include "eiaf-window.h"

typedef gboolean (*PageCondition)(gpointer data);

/* Runs the main loop until `done` holds; after `seconds` the test fails, naming `what` and the
 * current page's status line and step. */
void page_test_wait(EiafWindow *window, PageCondition done, gpointer data, double seconds,
                    const char *what);
/* Runs every pending main-loop event, a few rounds over. */
void page_test_settle(void);
/* Saves `widget` as EIAF_TEST_SHOTS/name.png (nothing without the variable). */
void page_test_save_png(GtkWidget *widget, const char *name);
/* The window, past the sidebar's page transition, as EIAF_TEST_SHOTS/name.png. */
void page_test_shot(EiafWindow *window, const char *name);

/* A registered, non-unique `app`'s window, presented and drawn once; width and height > 0 set
 * its default size (else the window's own). */
EiafWindow *page_test_window_new(EiafApplication *app, int width, int height);

/* Shows lesson `id` as the sidebar does and returns its page (the test fails if there is
 * none). */
EiafLessonPage *page_test_show(EiafWindow *window, const char *id);

/* Widget finders: `match` is asked about `root` and its descendants in tree order. */
typedef gboolean (*PageMatch)(GtkWidget *w, gconstpointer data);
/* The first match, depth first, or NULL. */
GtkWidget *page_test_find_first(GtkWidget *root, PageMatch match, gconstpointer data);
/* The first match; the test fails when there is none. */
GtkWidget *page_test_find_one(GtkWidget *root, PageMatch match, gconstpointer data);
/* Every match, depth first (free with g_ptr_array_unref). */
GPtrArray *page_test_find_all(GtkWidget *root, PageMatch match, gconstpointer data);

/* Matchers: an instance of the GType in GSIZE_TO_POINTER(type); an EiafPlot with this title;
 * a label whose text starts with this; a button with this label; a widget whose accessible
 * label is this. */
gboolean page_test_is_type(GtkWidget *w, gconstpointer type);
gboolean page_test_is_plot_titled(GtkWidget *w, gconstpointer title);
gboolean page_test_is_label_starting(GtkWidget *w, gconstpointer prefix);
gboolean page_test_is_button_labelled(GtkWidget *w, gconstpointer label);
gboolean page_test_has_accessible_label(GtkWidget *w, gconstpointer label);
