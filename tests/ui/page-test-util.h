/* What the in-process page tests share: running the main loop until something holds, letting
 * it settle, and saving pictures of what is shown when EIAF_TEST_SHOTS names a folder. */
#pragma once

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
