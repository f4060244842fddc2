/* The keyboard shortcuts window: GtkApplication picks it up from the resource base path (GTK
 * 4.8 looks for <base>/gtk/help-overlay.ui), and it lists every shortcut of the design. */
#include <gtk/gtk.h>

#define BASE_PATH "/io/github/EverythingIsAFont"

/* Every shortcut the design names (DESIGN §5 and the page's keys), as GTK writes them. */
static const char *const design_accels[] = {
    "<Control>q", "<Control>w",        "F1",     "space", "r", "<Control>s", "<Alt>Up",
    "<Alt>Down",  "<Control>question", "Delete",
};

static void test_help_overlay_lists_design(void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource(BASE_PATH "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object(builder, "help_overlay");
  g_assert_true(GTK_IS_SHORTCUTS_WINDOW(overlay));

  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func(g_free);
  GSList *objects = gtk_builder_get_objects(builder);
  for (GSList *l = objects; l; l = l->next) {
    if (!GTK_IS_SHORTCUTS_SHORTCUT(l->data))
      continue;
    g_autofree char *title = NULL, *accel = NULL;
    g_object_get(l->data, "title", &title, "accelerator", &accel, NULL);
    g_assert_nonnull(title);
    g_assert_cmpstr(title, !=, "");
    g_assert_nonnull(accel);
    /* A shortcut may list several keys, separated by spaces; each must parse. */
    g_auto(GStrv) keys = g_strsplit(accel, " ", -1);
    for (int i = 0; keys[i]; i++) {
      guint key = 0;
      GdkModifierType mods = 0;
      g_assert_true(gtk_accelerator_parse(keys[i], &key, &mods));
      g_assert_cmpuint(key, !=, 0);
      g_ptr_array_add(accels, gtk_accelerator_name(key, mods));
    }
  }
  g_slist_free(objects);

  for (guint i = 0; i < G_N_ELEMENTS(design_accels); i++) {
    guint key = 0;
    GdkModifierType mods = 0;
    g_assert_true(gtk_accelerator_parse(design_accels[i], &key, &mods));
    g_autofree char *name = gtk_accelerator_name(key, mods);
    gboolean listed = FALSE;
    for (guint j = 0; j < accels->len; j++)
      listed |= g_str_equal(g_ptr_array_index(accels, j), name);
    if (!listed)
      g_error("the shortcuts window does not list %s", design_accels[i]);
  }
  gtk_window_destroy(GTK_WINDOW(overlay));
}

static void test_help_overlay_found_by_application(void)
{
  g_autoptr(GtkApplication) app =
      g_object_new(GTK_TYPE_APPLICATION, "application-id", "io.github.EverythingIsAFont.Test",
                   "flags", G_APPLICATION_NON_UNIQUE, "resource-base-path", BASE_PATH, NULL);
  g_assert_true(g_application_register(G_APPLICATION(app), NULL, NULL));

  g_auto(GStrv) accels = gtk_application_get_accels_for_action(app, "win.show-help-overlay");
  g_assert_true(g_strv_contains((const char *const *) accels, "<Control>question"));

  GtkWidget *window = gtk_application_window_new(app);
  GtkShortcutsWindow *overlay =
      gtk_application_window_get_help_overlay(GTK_APPLICATION_WINDOW(window));
  g_assert_nonnull(overlay);
  g_assert_true(g_action_group_has_action(G_ACTION_GROUP(window), "show-help-overlay"));
  gtk_window_destroy(GTK_WINDOW(window));
}

int main(int argc, char **argv)
{
  /* GTK's own in-process accessibility, not AT-SPI: the user's shared accessibility bus
   * (~/.cache/at-spi/bus when XDG_RUNTIME_DIR is unset) can vanish under a test that runs
   * beside another session, and GTK's failure to connect is a critical. */
  g_setenv("GTK_A11Y", "test", TRUE);
  gtk_test_init(&argc, &argv, NULL);
  g_test_add_func("/help-overlay/lists-design", test_help_overlay_lists_design);
  g_test_add_func("/help-overlay/found-by-application", test_help_overlay_found_by_application);
  return g_test_run();
}
