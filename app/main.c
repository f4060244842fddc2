/* everything-is-a-font: the GTK application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "eiaf-application.h"
#include "eiaf-ui-bench.h"

/* The cairo renderer (GSK_RENDERER=cairo: the test suite, Xvfb, remote X) draws nothing with
 * OpenGL, yet GDK 4.8 loads and probes the GL driver as it opens an X11 display: under Xvfb
 * that is Mesa's llvmpipe, ~150 ms of CPU before the first frame. With that renderer chosen
 * and no GDK_DEBUG of the user's own, GL is left unloaded. setenv is safe here: no thread
 * exists yet. */
static void skip_gl_with_cairo(void)
{
  const char *renderer = g_getenv("GSK_RENDERER");
  if (renderer && g_ascii_strcasecmp(renderer, "cairo") == 0 && !g_getenv("GDK_DEBUG"))
    g_setenv("GDK_DEBUG", "gl-disable", TRUE);
}

int main(int argc, char *argv[])
{
  /* --benchmark-ui counts start-up from here (and from the kernel's start of the process). */
  eiaf_ui_bench_mark_main();
  skip_gl_with_cairo();
  setlocale(LC_ALL, "");
  bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
  textdomain(GETTEXT_PACKAGE);

  g_autoptr(EiafApplication) app = eiaf_application_new();
  int status = g_application_run(G_APPLICATION(app), argc, argv);
  /* A --screenshot that could not be written, or a --benchmark-ui that could not measure
   * something, fails the run. */
  if (status == 0)
    status = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(app), "eiaf-exit-status"));
  return status;
}
