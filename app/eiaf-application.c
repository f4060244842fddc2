/* The application: command-line options, app-wide actions, one window. */
#include "config.h"

#include "eiaf-application.h"
#include "nn_pool.h"

#include <glib/gi18n.h>

#include "eiaf-data.h"
#include "eiaf-screenshot.h"
#include "eiaf-ui-bench.h"
#include "eiaf-worker.h"
#include "eiaf-window.h"
#include "nn_lesson.h"
#include "nn_registry.h"

struct _EiafApplication {
  AdwApplication parent_instance;
  char *initial_lesson;
  char *screenshot_path;
  int screenshot_epochs;
  char *data_dir;
  EiafUiBenchOptions *bench; /* --benchmark-ui, or NULL */
};

G_DEFINE_FINAL_TYPE(EiafApplication, eiaf_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  {"lesson", 'l', 0, G_OPTION_ARG_STRING, NULL,
   N_("Open on this lesson (an id of `list`); with --benchmark-ui, the lessons to measure "
      "(IDs separated by commas)"),
   N_("ID")},
  {"data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
   N_("Use the full MNIST or Fashion-MNIST in this folder instead of the bundled digits"),
   N_("DIR")},
  {"screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
   N_("Train, render the window to this PNG file and quit"), N_("FILE")},
  {"epochs", 0, 0, G_OPTION_ARG_INT, NULL,
   N_("With --screenshot: how many epochs to train first (default 1)"), N_("N")},
  {"benchmark-ui", 0, 0, G_OPTION_ARG_NONE, NULL,
   N_("Measure start-up, frame times while training, a slider change to the new picture and "
      "memory after all lessons; print JSON lines and quit"),
   NULL},
  {"benchmark-seconds", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
   N_("With --benchmark-ui: seconds of frames per lesson (default 5)"), N_("S")},
  {"benchmark-repeats", 0, 0, G_OPTION_ARG_INT, NULL,
   N_("With --benchmark-ui: slider changes per lesson (default 10)"), N_("N")},
  {"benchmark-visit", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
   N_("With --benchmark-ui: seconds on each lesson before memory is read (default 0.75)"),
   N_("S")},
  {"threads", 0, 0, G_OPTION_ARG_INT, NULL,
   N_("Threads a lesson's convolutions train on (1 to 8; default 2 on a machine with two or "
      "more cores)"),
   N_("N")},
  {"version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL},
  {NULL},
};

static gboolean check_lesson(const char *id)
{
  if (nn_lesson_find(id))
    return TRUE;
  g_printerr(_("Unknown lesson “%s”: `everything-is-a-font-cli list` shows the ids.\n"), id);
  return FALSE;
}

/* --benchmark-ui's numbers, and its lessons: --lesson may name several, separated by commas
 * (the window opens on the first). Returns -1 to go on, or an exit status. */
static int read_bench_options(EiafApplication *self, GVariantDict *options, const char *lessons)
{
  EiafUiBenchOptions bench = {.seconds = 5, .repeats = 10, .visit_seconds = 0.75};
  g_variant_dict_lookup(options, "benchmark-seconds", "d", &bench.seconds);
  g_variant_dict_lookup(options, "benchmark-repeats", "i", &bench.repeats);
  g_variant_dict_lookup(options, "benchmark-visit", "d", &bench.visit_seconds);
  /* GApplication passes on only the options that are not 0: 0 means "the default" here. */
  if (!(bench.seconds > 0 && bench.seconds <= 3600) || bench.repeats < 1 ||
      bench.repeats > 1000 || !(bench.visit_seconds > 0 && bench.visit_seconds <= 60)) {
    g_printerr(_("--benchmark-seconds must be above 0 (at most 3600), --benchmark-repeats 1 to "
                 "1000, --benchmark-visit above 0 (at most 60)\n"));
    return 2;
  }
  if (g_variant_dict_contains(options, "screenshot")) {
    g_printerr(_("--benchmark-ui and --screenshot do not go together\n"));
    return 2;
  }
  g_auto(GStrv) ids = lessons ? g_strsplit(lessons, ",", -1) : NULL;
  for (int i = 0; ids && ids[i]; i++)
    if (!check_lesson(ids[i]))
      return 2;
  if (ids && ids[0]) {
    g_free(self->initial_lesson);
    self->initial_lesson = g_strdup(ids[0]);
  }
  self->bench = g_new(EiafUiBenchOptions, 1);
  *self->bench = bench;
  self->bench->lessons = g_steal_pointer(&ids);
  return -1;
}

static int eiaf_application_handle_local_options(GApplication *app, GVariantDict *options)
{
  EiafApplication *self = EIAF_APPLICATION(app);

  if (g_variant_dict_contains(options, "version")) {
    g_print("everything-is-a-font %s\n", PACKAGE_VERSION);
    return 0;
  }
  const char *lesson = NULL;
  g_variant_dict_lookup(options, "lesson", "&s", &lesson);
  if (g_variant_dict_contains(options, "benchmark-ui")) {
    int status = read_bench_options(self, options, lesson);
    if (status >= 0)
      return status;
  } else if (lesson) {
    if (!check_lesson(lesson))
      return 2;
    g_free(self->initial_lesson);
    self->initial_lesson = g_strdup(lesson);
  }
  const char *path = NULL;
  if (g_variant_dict_lookup(options, "screenshot", "^&ay", &path)) {
    g_free(self->screenshot_path);
    self->screenshot_path = g_strdup(path);
  }
  self->screenshot_epochs = 1;
  if (g_variant_dict_lookup(options, "epochs", "i", &self->screenshot_epochs) &&
      self->screenshot_epochs < 0) {
    g_printerr(_("--epochs must be 0 or more\n"));
    return 2;
  }
  int threads = 0;
  if (g_variant_dict_lookup(options, "threads", "i", &threads)) {
    if (threads < 1 || threads > NN_POOL_MAX_THREADS) {
      g_printerr(_("--threads must be 1 to %d\n"), NN_POOL_MAX_THREADS);
      return 2;
    }
    eiaf_worker_set_threads(threads);
  }
  const char *dir = NULL;
  if (g_variant_dict_lookup(options, "data-dir", "^&ay", &dir)) {
    g_autoptr(GError) error = NULL;
    if (!eiaf_data_check_folder(dir, &error)) {
      g_printerr("everything-is-a-font: %s\n", error->message);
      return 2;
    }
    g_free(self->data_dir);
    self->data_dir = g_strdup(dir);
  }
  return -1;
}

static void eiaf_application_activate(GApplication *app)
{
  EiafApplication *self = EIAF_APPLICATION(app);
  GtkWindow *window = gtk_application_get_active_window(GTK_APPLICATION(app));

  if (!window) {
    if (self->bench)
      eiaf_ui_bench_prepare();
    window = GTK_WINDOW(eiaf_window_new(self));
    if (self->bench)
      eiaf_ui_bench_start(EIAF_WINDOW(window), self->bench);
  }
  if (self->data_dir)
    eiaf_window_set_data_folder(EIAF_WINDOW(window), self->data_dir);
  if (self->initial_lesson)
    eiaf_window_show_lesson(EIAF_WINDOW(window), self->initial_lesson);
  if (self->screenshot_path) {
    gtk_window_set_default_size(window, 1280, 800);
    eiaf_screenshot_after_epochs(EIAF_WINDOW(window), self->screenshot_path,
                                 self->screenshot_epochs, 300);
  }
  gtk_window_present(window);
}

static void on_quit_action(GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit(G_APPLICATION(user_data));
}

static void on_about_action(GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION(user_data);
  static const char *developers[] = {"The Everything Is a Font authors", NULL};

  AdwAboutWindow *about = ADW_ABOUT_WINDOW(adw_about_window_new());
  gtk_window_set_transient_for(GTK_WINDOW(about), gtk_application_get_active_window(app));
  adw_about_window_set_application_name(about, _("Everything Is a Font"));
  adw_about_window_set_application_icon(about, APP_ID);
  adw_about_window_set_version(about, PACKAGE_VERSION);
  adw_about_window_set_developers(about, developers);
  adw_about_window_set_license_type(about, GTK_LICENSE_MIT_X11);
  adw_about_window_set_comments(about, _("Watch neural networks learn, from one neuron to a "
                                         "network that reads your handwriting."));
  adw_about_window_add_legal_section(
      about, _("MNIST digits"), _("Yann LeCun, Corinna Cortes and Christopher Burges"),
      GTK_LICENSE_CUSTOM,
      _("The bundled 10,000 digits come from the “mnist” package, version 1.1.0, of the npm "
        "registry (MIT licence); their pixels are the original MNIST bytes."));
  gtk_window_present(GTK_WINDOW(about));
}

static const GActionEntry app_actions[] = {
  {.name = "quit", .activate = on_quit_action},
  {.name = "about", .activate = on_about_action},
};

static void eiaf_application_startup(GApplication *app)
{
  G_APPLICATION_CLASS(eiaf_application_parent_class)->startup(app);

  g_action_map_add_action_entries(G_ACTION_MAP(app), app_actions, G_N_ELEMENTS(app_actions), app);
  static const struct {
    const char *action;
    const char *accels[3];
  } shortcuts[] = {
    {"app.quit", {"<Control>q", NULL}},
    {"window.close", {"<Control>w", NULL}},
    {"win.toggle-training", {"space", NULL}},
    {"win.reset", {"r", NULL}},
    {"win.help", {"F1", NULL}},
    {"win.save-weights", {"<Control>s", NULL}},
    {"win.load-weights", {"<Control>o", NULL}},
  };
  for (guint i = 0; i < G_N_ELEMENTS(shortcuts); i++)
    gtk_application_set_accels_for_action(GTK_APPLICATION(app), shortcuts[i].action,
                                          shortcuts[i].accels);
}

/* Quitting while training: the windows (and with them the pages and workers) go first, which
 * cancels every job; then the threads get a moment to finish their step and free their jobs
 * before the shared data they read is freed. A thread that does not stop in time keeps its
 * data (leaked at exit rather than freed under its feet). */
static void eiaf_application_shutdown(GApplication *app)
{
  GList *windows = gtk_application_get_windows(GTK_APPLICATION(app));
  while (windows) {
    gtk_window_destroy(GTK_WINDOW(windows->data));
    windows = gtk_application_get_windows(GTK_APPLICATION(app));
  }
  if (eiaf_worker_wait_all(5000))
    eiaf_data_cleanup();
  else
    g_warning("a training thread did not stop within 5 s of quitting");
  G_APPLICATION_CLASS(eiaf_application_parent_class)->shutdown(app);
}

static void eiaf_application_finalize(GObject *object)
{
  EiafApplication *self = EIAF_APPLICATION(object);
  g_free(self->initial_lesson);
  g_free(self->screenshot_path);
  g_free(self->data_dir);
  if (self->bench)
    g_strfreev(self->bench->lessons);
  g_free(self->bench);
  G_OBJECT_CLASS(eiaf_application_parent_class)->finalize(object);
}

static void eiaf_application_class_init(EiafApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS(klass);

  object_class->finalize = eiaf_application_finalize;
  app_class->handle_local_options = eiaf_application_handle_local_options;
  app_class->activate = eiaf_application_activate;
  app_class->startup = eiaf_application_startup;
  app_class->shutdown = eiaf_application_shutdown;
}

static void eiaf_application_init(EiafApplication *self)
{
  g_application_add_main_option_entries(G_APPLICATION(self), option_entries);
  g_application_set_option_context_summary(
      G_APPLICATION(self), _("Twenty-six lessons in how neural networks learn, trained live."));
}

EiafApplication *eiaf_application_new(void)
{
  return g_object_new(EIAF_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                      G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", "/io/github/EverythingIsAFont",
                      NULL);
}
