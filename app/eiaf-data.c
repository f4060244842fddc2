/* The lessons' shared data. See eiaf-data.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "eiaf-data.h"
#include "eiaf-data-resources.h"

#include <pthread.h>

#define BUNDLED_IMAGES "/io/github/EverythingIsAFont/data/data/mnist-10k-images-idx3-ubyte.gz"
#define BUNDLED_LABELS "/io/github/EverythingIsAFont/data/data/mnist-10k-labels-idx1-ubyte.gz"
#define BUNDLED_TRAIN 8000 /* DESIGN §3: the first 8,000 train, the last 2,000 test */

typedef struct {
  char *folder; /* "" for the bundled subset */
  int side;
  nn_mnist set;
} LoadedSet;

typedef struct {
  nn_lesson_env env;
  char *folder;
} FolderEnv;

/* Everything loaded so far. Two locks, so that the main thread never waits for a load it did
 * not ask for: sets_lock guards the lists and is only ever held for a look-up or an append;
 * load_lock is held while a set loads (up to a second), so two threads asking for the same set
 * at once load it once. The window builds its first page (eiaf_data_env) while the bundled
 * set loads in the background: with one lock, its first frame waited for that load.
 * pthread mutexes, not GMutex: ThreadSanitizer (CI) sees through them. */
static pthread_mutex_t sets_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static GPtrArray *loaded_sets; /* LoadedSet * */
static GPtrArray *folder_envs; /* FolderEnv * */

static const char *folder_key(const char *folder)
{
  return folder ? folder : "";
}

static const nn_mnist *env_get_mnist(void *user, int side, nn_error *err)
{
  return eiaf_data_get_mnist(user, side, err);
}

const nn_lesson_env *eiaf_data_env(const char *folder)
{
  const char *key = folder_key(folder);
  pthread_mutex_lock(&sets_lock);
  if (!folder_envs)
    folder_envs = g_ptr_array_new();
  FolderEnv *found = NULL;
  for (guint i = 0; i < folder_envs->len && !found; i++) {
    FolderEnv *fe = g_ptr_array_index(folder_envs, i);
    if (g_str_equal(fe->folder, key))
      found = fe;
  }
  if (!found) {
    found = g_new0(FolderEnv, 1);
    found->folder = g_strdup(key);
    found->env.get_mnist = env_get_mnist;
    found->env.user = found->folder;
    g_ptr_array_add(folder_envs, found);
  }
  pthread_mutex_unlock(&sets_lock);
  return &found->env;
}

/* Called with sets_lock held. */
static LoadedSet *find_set_locked(const char *key, int side)
{
  for (guint i = 0; loaded_sets && i < loaded_sets->len; i++) {
    LoadedSet *s = g_ptr_array_index(loaded_sets, i);
    if (s->side == side && g_str_equal(s->folder, key))
      return s;
  }
  return NULL;
}

static LoadedSet *find_set(const char *key, int side)
{
  pthread_mutex_lock(&sets_lock);
  LoadedSet *s = find_set_locked(key, side);
  pthread_mutex_unlock(&sets_lock);
  return s;
}

static gboolean load_bundled(nn_mnist *out, nn_error *err)
{
  g_autoptr(GError) error = NULL;
  GResource *bundle = eiaf_data_resources_get_resource();
  g_autoptr(GBytes) images =
      g_resource_lookup_data(bundle, BUNDLED_IMAGES, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(GBytes) labels =
      images ? g_resource_lookup_data(bundle, BUNDLED_LABELS, G_RESOURCE_LOOKUP_FLAGS_NONE, &error)
             : NULL;
  if (!images || !labels)
    return nn_fail(err, "the bundled MNIST subset is missing from this build (%s)",
                   error->message);
  gsize images_size, labels_size;
  const void *images_data = g_bytes_get_data(images, &images_size);
  const void *labels_data = g_bytes_get_data(labels, &labels_size);
  return nn_mnist_load_memory(out, "bundled MNIST subset", images_data, images_size,
                              labels_data, labels_size, BUNDLED_TRAIN, 28, NN_MNIST_DIGITS,
                              err);
}

/* Called with load_lock held (and not sets_lock: the load itself takes no lock). */
static LoadedSet *load_set(const char *key, int side, nn_error *err)
{
  LoadedSet *s = g_new0(LoadedSet, 1);
  gboolean ok;
  if (side != 28) {
    /* Other sides are resized from the side-28 set, exactly as the lessons' data is made. */
    LoadedSet *base = find_set(key, 28);
    if (!base && !(base = load_set(key, 28, err))) {
      g_free(s);
      return NULL;
    }
    ok = nn_mnist_resized(&base->set, side, &s->set, err);
  } else if (key[0] == '\0') {
    ok = load_bundled(&s->set, err);
  } else {
    ok = nn_mnist_load_dir(&s->set, key, 28, NN_MNIST_AUTO, err);
  }
  if (!ok) {
    g_free(s);
    return NULL;
  }
  s->folder = g_strdup(key);
  s->side = side;
  pthread_mutex_lock(&sets_lock);
  if (!loaded_sets)
    loaded_sets = g_ptr_array_new();
  g_ptr_array_add(loaded_sets, s);
  pthread_mutex_unlock(&sets_lock);
  return s;
}

const nn_mnist *eiaf_data_get_mnist(const char *folder, int side, nn_error *err)
{
  const char *key = folder_key(folder);
  if (side < 1 || side > 28) {
    nn_fail(err, "MNIST images can be resized to a side of 1 to 28 pixels, not %d", side);
    return NULL;
  }
  /* A set once loaded stays until eiaf_data_cleanup: a look-up is enough, no load to wait for. */
  LoadedSet *s = find_set(key, side);
  if (s)
    return &s->set;
  pthread_mutex_lock(&load_lock);
  s = find_set(key, side); /* loaded by another thread while this one waited */
  if (!s)
    s = load_set(key, side, err);
  pthread_mutex_unlock(&load_lock);
  return s ? &s->set : NULL;
}

gboolean eiaf_data_check_folder(const char *folder, GError **error)
{
  nn_error err = {{0}};
  if (eiaf_data_get_mnist(folder, 28, &err))
    return TRUE;
  g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, err.message);
  return FALSE;
}

void eiaf_data_cleanup(void)
{
  pthread_mutex_lock(&load_lock);
  pthread_mutex_lock(&sets_lock);
  for (guint i = 0; loaded_sets && i < loaded_sets->len; i++) {
    LoadedSet *s = g_ptr_array_index(loaded_sets, i);
    nn_mnist_free(&s->set);
    g_free(s->folder);
    g_free(s);
  }
  g_clear_pointer(&loaded_sets, g_ptr_array_unref);
  for (guint i = 0; folder_envs && i < folder_envs->len; i++) {
    FolderEnv *fe = g_ptr_array_index(folder_envs, i);
    g_free(fe->folder);
    g_free(fe);
  }
  g_clear_pointer(&folder_envs, g_ptr_array_unref);
  pthread_mutex_unlock(&sets_lock);
  pthread_mutex_unlock(&load_lock);
}
