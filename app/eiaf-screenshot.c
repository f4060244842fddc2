/* Screenshots of the real window. See eiaf-screenshot.h. */
#include "config.h"

#include "eiaf-screenshot.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

typedef struct {
  EiafWindow *window;
  EiafLessonPage *page;
  char *path;
  int epochs;
  gulong handler;
  guint timeout;
  gboolean done;
  int data_waits;
} Screenshot;

gboolean eiaf_widget_save_png(GtkWidget *widget, const char *path, GError **error)
{
  int w = gtk_widget_get_width(widget), h = gtk_widget_get_height(widget);
  GtkNative *native = gtk_widget_get_native(widget);
  GskRenderer *renderer = native ? gtk_native_get_renderer(native) : NULL;
  if (w <= 0 || h <= 0 || !renderer) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window is not shown yet"));
    return FALSE;
  }
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new(widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new();
  gdk_paintable_snapshot(paintable, snapshot, w, h);
  g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node(g_steal_pointer(&snapshot));
  if (!node) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was drawn"));
    return FALSE;
  }
  g_autoptr(GdkTexture) texture =
      gsk_renderer_render_texture(renderer, node, &GRAPHENE_RECT_INIT(0, 0, w, h));
  /* Written beside the target and renamed over it: a half-written PNG never exists. */
  g_autofree char *tmp = g_strdup_printf("%s.tmp-%d", path, (int) getpid());
  if (!gdk_texture_save_to_png(texture, tmp)) {
    g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), tmp);
    g_unlink(tmp);
    return FALSE;
  }
  if (g_rename(tmp, path) != 0) {
    int saved = errno;
    g_unlink(tmp);
    g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved), _("Could not write %s: %s"),
                path, g_strerror(saved));
    return FALSE;
  }
  return TRUE;
}

static void screenshot_free(Screenshot *shot)
{
  g_clear_signal_handler(&shot->handler, eiaf_lesson_page_get_worker(shot->page));
  g_clear_handle_id(&shot->timeout, g_source_remove);
  g_object_unref(shot->window);
  g_object_unref(shot->page);
  g_free(shot->path);
  g_free(shot);
}

/* Two frames after the last snapshot, so every picture has drawn it. */
static gboolean take_cb(gpointer data)
{
  Screenshot *shot = data;
  /* The footer names the data once its check (started after the first frame) reports. */
  if (eiaf_window_is_checking_data(shot->window) && shot->data_waits++ < 100)
    return G_SOURCE_CONTINUE;
  GApplication *app = G_APPLICATION(gtk_window_get_application(GTK_WINDOW(shot->window)));
  g_autoptr(GError) error = NULL;
  if (!eiaf_widget_save_png(GTK_WIDGET(shot->window), shot->path, &error)) {
    g_printerr("everything-is-a-font: %s\n", error->message);
    g_object_set_data(G_OBJECT(app), "eiaf-exit-status", GINT_TO_POINTER(1));
  }
  screenshot_free(shot);
  if (app)
    g_application_quit(app);
  return G_SOURCE_REMOVE;
}

static void finish(Screenshot *shot)
{
  if (shot->done)
    return;
  shot->done = TRUE;
  eiaf_worker_pause(eiaf_lesson_page_get_worker(shot->page));
  g_clear_signal_handler(&shot->handler, eiaf_lesson_page_get_worker(shot->page));
  g_clear_handle_id(&shot->timeout, g_source_remove);
  g_timeout_add(300, take_cb, shot); /* then every 0.3 s, while the data is checked */
}

static void on_snapshot_cb(EiafWorker *worker, nn_snapshot *snap, Screenshot *shot)
{
  if (snap->status != NN_JOB_RUNNING || snap->epoch >= shot->epochs)
    finish(shot);
}

static gboolean on_timeout_cb(gpointer data)
{
  Screenshot *shot = data;
  shot->timeout = 0;
  g_printerr("everything-is-a-font: %s\n", _("the run did not reach the asked epoch in time; "
                                             "the screenshot shows it as it is"));
  finish(shot);
  return G_SOURCE_REMOVE;
}

void eiaf_screenshot_after_epochs(EiafWindow *window, const char *path, int epochs,
                                  double timeout_s)
{
  g_return_if_fail(EIAF_IS_WINDOW(window));
  EiafLessonPage *page = eiaf_window_get_page(window);
  g_return_if_fail(page != NULL);
  Screenshot *shot = g_new0(Screenshot, 1);
  shot->window = g_object_ref(window);
  shot->page = g_object_ref(page);
  shot->path = g_strdup(path);
  shot->epochs = MAX(epochs, 0);
  shot->handler = g_signal_connect(eiaf_lesson_page_get_worker(page), "snapshot",
                                   G_CALLBACK(on_snapshot_cb), shot);
  shot->timeout = g_timeout_add((guint) (timeout_s * 1000), on_timeout_cb, shot);
}
