/* everything-is-a-font: the GTK application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "eiaf-application.h"
#include "eiaf-ui-bench.h"

int main(int argc, char *argv[])
{
  /* --benchmark-ui counts start-up from here (and from the kernel's start of the process). */
  eiaf_ui_bench_mark_main();
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
