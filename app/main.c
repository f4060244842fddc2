/* everything-is-a-font: the GTK application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "eiaf-application.h"

int main(int argc, char *argv[])
{
  setlocale(LC_ALL, "");
  bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
  textdomain(GETTEXT_PACKAGE);

  g_autoptr(EiafApplication) app = eiaf_application_new();
  int status = g_application_run(G_APPLICATION(app), argc, argv);
  /* A --screenshot that could not be written fails the run. */
  if (status == 0)
    status = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(app), "eiaf-exit-status"));
  return status;
}
