/* --screenshot FILE --epochs N: let the shown lesson train N epochs (or until its run ends),
 * render the whole window to a PNG and quit. For the docs' pictures and the visual tests. */
#pragma once

#include "eiaf-window.h"

G_BEGIN_DECLS

/* Arms the screenshot on the window's current page. `timeout_s` bounds the wait: a run that
 * has not reached N epochs by then is pictured as it is (and a warning says so). The
 * application quits after writing the file; the exit status is 1 if writing failed. */
void eiaf_screenshot_after_epochs(EiafWindow *window, const char *path, int epochs,
                                  double timeout_s);

/* Renders a widget as it is now to a PNG, atomically. */
gboolean eiaf_widget_save_png(GtkWidget *widget, const char *path, GError **error);

G_END_DECLS
