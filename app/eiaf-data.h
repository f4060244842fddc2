/* The lessons' shared data: MNIST (or Fashion-MNIST) from the bundled GResource or from a
 * folder of the four standard IDX files.
 *
 * A set is loaded once per (folder, side), on first use, by whichever thread asks first (a
 * worker building a job, usually), and kept until eiaf_data_cleanup at exit: jobs borrow it
 * for as long as they run, and a folder the user leaves may still be in use by a job that is
 * being cancelled. Both programs use this: the GUI and the CLI (which links GIO for the
 * bundled resource, not GTK).
 */
#pragma once

#include <gio/gio.h>

#include "nn_lesson.h"
#include "nn_mnist.h"

G_BEGIN_DECLS

/* The environment lessons get their data from: `folder` NULL or "" is the bundled subset.
 * The returned struct lives until exit (one per folder, interned). */
const nn_lesson_env *eiaf_data_env(const char *folder);

/* The set of `folder` at `side` (28, or 16 resized), loading it if needed. NULL with a
 * message naming the folder and what is wrong. Thread-safe. */
const nn_mnist *eiaf_data_get_mnist(const char *folder, int side, nn_error *err);

/* Loads the folder's side-28 set now (so a bad folder is refused where the user chose it);
 * GError domain G_IO_ERROR. */
gboolean eiaf_data_check_folder(const char *folder, GError **error);

/* Frees every loaded set and environment (at exit, for leak checkers). No job may run. */
void eiaf_data_cleanup(void);

G_END_DECLS
