/* The window's menu actions: the data folder, exports, resetting a lesson, help. File choosers
 * are GtkFileChooserNative (GTK 4.8 has no GtkFileDialog); long work (loading a full MNIST
 * folder) runs in a thread; every failure is shown in the window with what to do. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eiaf-data.h"
#include "eiaf-export.h"
#include "eiaf-screenshot.h"
#include "eiaf-settings.h"
#include "eiaf-window-private.h"
#include "nn_trainer.h"
#include "nn_registry.h"

void eiaf_window_show_error(EiafWindow *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new(GTK_WINDOW(self), heading, body);
  adw_message_dialog_add_response(ADW_MESSAGE_DIALOG(dialog), "close", _("_Close"));
  gtk_window_present(GTK_WINDOW(dialog));
}

typedef struct {
  char *folder;
  const nn_mnist *set;
  char message[NN_ERROR_SIZE];
} DataSourceCheck;

static void data_source_check_free(gpointer data)
{
  DataSourceCheck *check = data;
  g_free(check->folder);
  g_free(check);
}

static void load_data_source_thread(GTask *task, gpointer source, gpointer data,
                                    GCancellable *cancellable)
{
  DataSourceCheck *check = data;
  nn_error err = {{0}};
  check->set = eiaf_data_get_mnist(check->folder, 28, &err);
  g_strlcpy(check->message, err.message, sizeof check->message);
  g_task_return_boolean(task, TRUE);
}

static void on_data_source_loaded_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
  EiafWindow *self = EIAF_WINDOW(source);
  DataSourceCheck *check = g_task_get_task_data(G_TASK(result));
  self->data_checks--;
  /* The folder changed again meanwhile: that newer check will report. */
  if (!g_str_equal(check->folder, self->data_folder))
    return;
  const nn_mnist *m = check->set;
  if (!m && check->folder[0]) {
    g_autofree char *body = g_strdup_printf(
        _("%s\n\nThe lessons use the bundled 10,000 digits instead. Open another data folder "
          "from the menu."),
        check->message);
    eiaf_window_show_error(self, _("The data folder cannot be read"), body);
    GSettings *settings = eiaf_settings_get();
    if (settings)
      g_settings_set_string(settings, "data-folder", "");
    eiaf_window_set_data_folder(self, "");
    return;
  }
  g_autofree char *text = NULL;
  if (m)
    /* TRANSLATORS: "Data: bundled MNIST subset · 8000 training, 2000 test images" */
    text = g_strdup_printf(_("Data: %s · %d training, %d test images"),
                           m->fashion ? _("Fashion-MNIST") : m->source, m->train.n, m->test.n);
  else
    text = g_strdup_printf(_("Data: %s"), check->message);
  gtk_label_set_text(self->data_label, text);
  gtk_widget_set_tooltip_text(GTK_WIDGET(self->data_label),
                              self->data_folder[0] ? self->data_folder : NULL);
}

/* Loads the folder's set in a thread (start-up must not wait for 70,000 images) and then
 * says in the sidebar's footer what it holds. */
void eiaf_window_show_data_source(EiafWindow *self)
{
  self->data_check_pending = FALSE;
  self->data_checks++;
  gtk_label_set_text(self->data_label, _("Data: loading…"));
  DataSourceCheck *check = g_new0(DataSourceCheck, 1);
  check->folder = g_strdup(self->data_folder);
  GTask *task = g_task_new(self, NULL, on_data_source_loaded_cb, NULL);
  g_task_set_task_data(task, check, data_source_check_free);
  g_task_run_in_thread(task, load_data_source_thread);
  g_object_unref(task);
}

/* ---- the data folder ---- */

static void check_folder_thread(GTask *task, gpointer source, gpointer data,
                                GCancellable *cancellable)
{
  GError *error = NULL;
  if (eiaf_data_check_folder(data, &error))
    g_task_return_boolean(task, TRUE);
  else
    g_task_return_error(task, error);
}

static void on_folder_checked_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
  EiafWindow *self = EIAF_WINDOW(source);
  const char *folder = g_task_get_task_data(G_TASK(result));
  g_autoptr(GError) error = NULL;
  if (!g_task_propagate_boolean(G_TASK(result), &error)) {
    g_autofree char *body = g_strdup_printf(
        _("%s\n\nChoose a folder with the four files of MNIST or Fashion-MNIST "
          "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
          "t10k-labels-idx1-ubyte.gz). The lessons keep using the data they had."),
        error->message);
    eiaf_window_show_error(self, _("This folder cannot be used"), body);
    return;
  }
  eiaf_window_set_data_folder(self, folder);
  GSettings *settings = eiaf_settings_get();
  if (settings)
    g_settings_set_string(settings, "data-folder", folder);
  eiaf_window_toast(self, _("The lessons that use MNIST now train on the chosen folder"));
}

static void on_folder_chooser_response_cb(GtkNativeDialog *chooser, int response,
                                          EiafWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(chooser));
    char *path = file ? g_file_get_path(file) : NULL;
    if (path) {
      GTask *task = g_task_new(self, NULL, on_folder_checked_cb, NULL);
      g_task_set_task_data(task, path, g_free);
      g_task_run_in_thread(task, check_folder_thread);
      g_object_unref(task);
      eiaf_window_toast(self, _("Reading the data folder…"));
    }
  }
  g_object_unref(chooser);
}

static void on_open_data_folder_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new(
      _("Open a Data Folder"), GTK_WINDOW(self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
      _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(chooser), TRUE);
  g_signal_connect(chooser, "response", G_CALLBACK(on_folder_chooser_response_cb), self);
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(chooser));
}

static void on_use_bundled_data_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  eiaf_window_set_data_folder(self, "");
  GSettings *settings = eiaf_settings_get();
  if (settings)
    g_settings_set_string(settings, "data-folder", "");
  eiaf_window_toast(self, _("The lessons use the bundled 10,000 digits again"));
}

/* ---- exports ---- */

typedef void (*SaveFunc)(EiafWindow *self, const char *path);
/* ISO C keeps function and object pointers apart: the chooser carries the saver in a box. */
typedef struct {
  SaveFunc save;
} Saver;

static void on_save_chooser_response_cb(GtkNativeDialog *chooser, int response,
                                        EiafWindow *self)
{
  Saver *saver = g_object_get_data(G_OBJECT(chooser), "eiaf-saver");
  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(chooser));
    g_autofree char *path = file ? g_file_get_path(file) : NULL;
    if (path)
      saver->save(self, path);
  }
  g_object_unref(chooser);
}

static void choose_file_to_save(EiafWindow *self, const char *title, const char *suggested,
                                const char *pattern, SaveFunc save)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new(
      title, GTK_WINDOW(self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(chooser), TRUE);
  gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(chooser), suggested);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new();
  gtk_file_filter_add_pattern(filter, pattern);
  gtk_file_filter_set_name(filter, pattern);
  gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(chooser), filter);
  Saver *saver = g_new(Saver, 1);
  saver->save = save;
  g_object_set_data_full(G_OBJECT(chooser), "eiaf-saver", saver, g_free);
  g_signal_connect(chooser, "response", G_CALLBACK(on_save_chooser_response_cb), self);
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(chooser));
}

static void save_pictures_png(EiafWindow *self, const char *path)
{
  EiafLessonPage *page = eiaf_window_get_page(self);
  g_autoptr(GError) error = NULL;
  if (!page || !eiaf_widget_save_png(eiaf_lesson_page_get_pictures(page), path, &error))
    eiaf_window_show_error(self, _("The pictures could not be saved"),
                           error ? error->message : _("No lesson is shown"));
  else
    eiaf_window_toast(self, _("Pictures saved"));
}

static void save_curves_csv(EiafWindow *self, const char *path)
{
  EiafLessonPage *page = eiaf_window_get_page(self);
  nn_snapshot *snap = page ? eiaf_lesson_page_get_snapshot(page) : NULL;
  g_autoptr(GError) error = NULL;
  if (!snap)
    eiaf_window_show_error(self, _("There are no curves yet"),
                           _("Train the lesson for an epoch, then export its curves."));
  else if (!eiaf_export_curves_csv(snap, path, &error))
    eiaf_window_show_error(self, _("The curves could not be saved"), error->message);
  else
    eiaf_window_toast(self, _("Curves saved"));
}

static void on_export_png_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  g_autofree char *suggested =
      g_strdup_printf("%s.png", self->current ? self->current->id : "lesson");
  choose_file_to_save(self, _("Export the Pictures as PNG"), suggested, "*.png",
                      save_pictures_png);
}

static void on_export_csv_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  g_autofree char *suggested =
      g_strdup_printf("%s-curves.csv", self->current ? self->current->id : "lesson");
  choose_file_to_save(self, _("Export the Curves as CSV"), suggested, "*.csv", save_curves_csv);
}

/* ---- weights ---- */

static void on_weights_saved_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(EiafWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  if (eiaf_worker_save_weights_finish(EIAF_WORKER(source), result, &error))
    eiaf_window_toast(self, _("Weights saved"));
  else
    eiaf_window_show_error(self, _("The weights could not be saved"), error->message);
}

void eiaf_window_save_weights(EiafWindow *self, const char *path)
{
  EiafLessonPage *page = eiaf_window_get_page(self);
  const char *label = NULL;
  int variant = page ? eiaf_lesson_page_get_best_variant(page, &label) : -1;
  if (variant < 0) {
    eiaf_window_show_error(self, _("There is no network to save yet"),
                           _("Train the lesson (or press Step), then save its weights."));
    return;
  }
  /* Of several networks compared side by side, the one the status line names: the best. */
  eiaf_worker_save_weights(eiaf_lesson_page_get_worker(page), variant, path, on_weights_saved_cb,
                           g_object_ref(self));
}

static void on_save_weights_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  g_autofree char *suggested =
      g_strdup_printf("%s.safetensors", self->current ? self->current->id : "lesson");
  choose_file_to_save(self, _("Save the Weights"), suggested, "*.safetensors",
                      eiaf_window_save_weights);
}

/* A weights file read and checked off the main thread: which lesson it is for, with which
 * parameters, and that the model it describes can be built and loaded from it. */
typedef struct {
  char *path;
  nn_st_file file;
  const nn_lesson *lesson;
  double params[NN_MAX_PARAMS];
  char message[NN_ERROR_SIZE];
} WeightsCheck;

static void weights_check_free(gpointer data)
{
  WeightsCheck *check = data;
  nn_st_file_free(&check->file);
  g_free(check->path);
  g_free(check);
}

static void check_weights_thread(GTask *task, gpointer source, gpointer data,
                                 GCancellable *cancellable)
{
  WeightsCheck *check = data;
  nn_error err = {{0}};
  nn_model *m = NULL;
  if (nn_st_read_file(check->path, &check->file, &err))
    m = nn_weights_load_model(&check->file, &check->lesson, NULL, check->params, &err);
  nn_model_free(m);
  if (!m)
    g_strlcpy(check->message, err.message, sizeof check->message);
  g_task_return_boolean(task, m != NULL);
}

static void start_page_from_weights(EiafWindow *self, WeightsCheck *check)
{
  if (!eiaf_window_show_lesson(self, check->lesson->id))
    return;
  eiaf_lesson_page_start_from_weights(eiaf_window_get_page(self), &check->file, check->params);
  eiaf_window_toast(self, _("Weights loaded: press Train to go on training them"));
}

static void on_other_lesson_response_cb(AdwMessageDialog *dialog, const char *response,
                                        gpointer user_data)
{
  WeightsCheck *check = user_data;
  EiafWindow *self = EIAF_WINDOW(gtk_window_get_transient_for(GTK_WINDOW(dialog)));
  if (g_str_equal(response, "open"))
    start_page_from_weights(self, check);
  weights_check_free(check);
}

static void on_weights_checked_cb(GObject *source, GAsyncResult *result, gpointer user_data)
{
  EiafWindow *self = EIAF_WINDOW(source);
  WeightsCheck *check = g_task_get_task_data(G_TASK(result));
  if (!g_task_propagate_boolean(G_TASK(result), NULL)) {
    g_autofree char *body = g_strdup_printf(
        _("%s\n\nChoose a file saved by this app (Save Weights…) or by the command line's "
          "“train --save”."),
        check->message);
    eiaf_window_show_error(self, _("These weights cannot be loaded"), body);
    return;
  }
  if (self->current == check->lesson) {
    start_page_from_weights(self, check);
    return;
  }
  /* Weights fit only the lesson that saved them: offer to go there rather than refuse. */
  g_autofree char *body = g_strdup_printf(
      _("“%s” holds the network of the lesson “%s”, not of this one."), check->path,
      _(check->lesson->title));
  GtkWidget *dialog =
      adw_message_dialog_new(GTK_WINDOW(self), _("Weights of Another Lesson"), body);
  adw_message_dialog_add_responses(ADW_MESSAGE_DIALOG(dialog), "cancel", _("_Cancel"), "open",
                                   _("_Open That Lesson"), NULL);
  adw_message_dialog_set_default_response(ADW_MESSAGE_DIALOG(dialog), "open");
  adw_message_dialog_set_response_appearance(ADW_MESSAGE_DIALOG(dialog), "open",
                                             ADW_RESPONSE_SUGGESTED);
  /* The dialog owns the check from here: the task frees only an emptied one. */
  WeightsCheck *kept = g_memdup2(check, sizeof *check);
  memset(check, 0, sizeof *check);
  g_signal_connect(dialog, "response", G_CALLBACK(on_other_lesson_response_cb), kept);
  gtk_window_present(GTK_WINDOW(dialog));
}

void eiaf_window_load_weights(EiafWindow *self, const char *path)
{
  WeightsCheck *check = g_new0(WeightsCheck, 1);
  check->path = g_strdup(path);
  GTask *task = g_task_new(self, NULL, on_weights_checked_cb, NULL);
  g_task_set_task_data(task, check, weights_check_free);
  g_task_run_in_thread(task, check_weights_thread);
  g_object_unref(task);
}

static void on_load_chooser_response_cb(GtkNativeDialog *chooser, int response, EiafWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT) {
    g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(chooser));
    g_autofree char *path = file ? g_file_get_path(file) : NULL;
    if (path)
      eiaf_window_load_weights(self, path);
  }
  g_object_unref(chooser);
}

static void on_load_weights_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new(
      _("Load Weights"), GTK_WINDOW(self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"),
      _("_Cancel"));
  gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(chooser), TRUE);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new();
  gtk_file_filter_add_pattern(filter, "*.safetensors");
  gtk_file_filter_set_name(filter, _("Weights (*.safetensors)"));
  gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(chooser), filter);
  g_signal_connect(chooser, "response", G_CALLBACK(on_load_chooser_response_cb), self);
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(chooser));
}

/* ---- lessons ---- */

static void on_reset_defaults_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  EiafLessonPage *page = eiaf_window_get_page(self);
  if (!page)
    return;
  eiaf_lesson_page_reset_defaults(page);
  eiaf_settings_store_page(page);
  eiaf_window_toast(self, _("The lesson is back to its preset’s values"));
}

static void on_help_action(GtkWidget *widget, const char *name, GVariant *param)
{
  EiafWindow *self = EIAF_WINDOW(widget);
  GtkWidget *dialog = adw_message_dialog_new(
      GTK_WINDOW(self), _("How to Use Everything Is a Font"),
      _("Pick a lesson on the left. Each one trains a real network while you watch: read the "
        "few sentences at the top, then move the sliders on the right — training starts "
        "again at once with the new values.\n\n"
        "Quick settings make the point within seconds; Course sets exactly what the course's "
        "lab used. Train/Pause (Space) stops and resumes, Step trains on one batch, Reset (R) "
        "starts again from the same random start and New seed from another one.\n\n"
        "Right-click a picture to save it as PNG. The menu opens a folder with the full MNIST "
        "or Fashion-MNIST, exports the pictures and the curves, and lists the keyboard "
        "shortcuts (Ctrl+?)."));
  adw_message_dialog_add_response(ADW_MESSAGE_DIALOG(dialog), "close", _("_Close"));
  gtk_window_present(GTK_WINDOW(dialog));
}

void eiaf_window_install_actions(GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action(widget_class, "win.open-data-folder", NULL,
                                  on_open_data_folder_action);
  gtk_widget_class_install_action(widget_class, "win.use-bundled-data", NULL,
                                  on_use_bundled_data_action);
  gtk_widget_class_install_action(widget_class, "win.export-png", NULL, on_export_png_action);
  gtk_widget_class_install_action(widget_class, "win.export-csv", NULL, on_export_csv_action);
  gtk_widget_class_install_action(widget_class, "win.save-weights", NULL, on_save_weights_action);
  gtk_widget_class_install_action(widget_class, "win.load-weights", NULL, on_load_weights_action);
  gtk_widget_class_install_action(widget_class, "win.reset-defaults", NULL,
                                  on_reset_defaults_action);
  gtk_widget_class_install_action(widget_class, "win.help", NULL, on_help_action);
}
