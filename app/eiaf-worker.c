/* The worker: one training thread per lesson page. See eiaf-worker.h.
 *
 * The thread and the main thread share a Control block. Its lock is held only for moments —
 * to read requests or to leave a snapshot — never across a training step, so the main thread
 * cannot stall behind training. The job itself belongs to the thread alone; the main thread
 * reaches it only to raise its cancel flag (an atomic), under the lock that keeps the job
 * from being freed meanwhile.
 *
 * The locks are pthread ones rather than GMutex: GLib's futex-based GMutex is invisible to
 * ThreadSanitizer, which checks this hand-off in CI. */
#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE /* syscall(SYS_gettid) for the training threads' priority */
#include "config.h"

#include "eiaf-worker.h"
#include "nn_pool.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdatomic.h>
#include <time.h>

#define RESTART_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)
#define PUBLISH_INTERVAL_S (1.0 / 30.0)
#define RELEASE_AFTER_S    0.5
#define TRAINING_NICENESS  5
#define DEFAULT_WATCH_SECONDS 4.0

/* Reference counts shared across threads are C11 atomics, not gatomicrefcount: the last
 * unref (acquire-release) must be seen to follow every other thread's use, and
 * ThreadSanitizer sees through C11 atomics but not through GLib's uninstrumented ones. */
typedef atomic_int RefCount;

static void ref_count_init(RefCount *refs)
{
  atomic_init(refs, 1);
}

static void ref_count_inc(RefCount *refs)
{
  atomic_fetch_add_explicit(refs, 1, memory_order_relaxed);
}

/* TRUE when this was the last reference. */
static gboolean ref_count_dec(RefCount *refs)
{
  return atomic_fetch_sub_explicit(refs, 1, memory_order_acq_rel) == 1;
}

/* Weights to start from, shared by the main thread and the thread that builds a job. */
typedef struct {
  RefCount refs;
  nn_st_file file;
} InitWeights;

static InitWeights *init_weights_ref(InitWeights *w)
{
  if (w)
    ref_count_inc(&w->refs);
  return w;
}

static void init_weights_unref(InitWeights *w)
{
  if (w && ref_count_dec(&w->refs)) {
    nn_st_file_free(&w->file);
    g_free(w);
  }
}

/* A request to save weights. The training thread fills in the outcome (plain C, under the
 * lock); the main thread turns it into the GTask's result, so no GLib object crosses threads
 * on its own. */
typedef struct {
  GTask *task;
  int variant;
  char *path;
  gboolean ok;
  GIOErrorEnum code;
  char message[NN_ERROR_SIZE];
} SaveRequest;

typedef struct {
  RefCount refs;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  /* requests, written by the main thread */
  gboolean quit, playing, restart;
  int step_requests;
  nn_job_config next;
  InitWeights *init;
  GQueue saves;
  /* the thread's side */
  GQueue saved; /* SaveRequests with their outcome, for the main thread */
  gboolean saves_scheduled;
  nn_job *job; /* set and cleared under the lock; stepped outside it */
  gboolean released; /* its memory given back while it waits (idle_wait) */
  nn_snapshot *pending;
  gboolean delivery_scheduled;
  GWeakRef worker;
} Control;

struct _EiafWorker {
  GObject parent_instance;
  const nn_lesson *lesson;
  const nn_lesson_env *env;
  Control *control;
  GThread *thread;
  double params[NN_MAX_PARAMS];
  guint64 seed;
  guint64 generation;
  InitWeights *init;
  gboolean playing;
  gint64 last_restart_us;
  guint restart_source;
  nn_snapshot *snapshot;
  EiafWorkerState state;
};

G_DEFINE_FINAL_TYPE(EiafWorker, eiaf_worker, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_SNAPSHOT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Every worker thread alive in the process, for a clean shutdown. */
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t threads_cond = PTHREAD_COND_INITIALIZER;
static int threads_alive;

static Control *control_ref(Control *c)
{
  ref_count_inc(&c->refs);
  return c;
}

static void control_unref(gpointer data)
{
  Control *c = data;
  if (!ref_count_dec(&c->refs))
    return;
  nn_snapshot_unref(c->pending);
  init_weights_unref(c->init);
  g_weak_ref_clear(&c->worker);
  pthread_mutex_destroy(&c->lock);
  pthread_cond_destroy(&c->cond);
  g_free(c);
}

/* ---- main thread: delivering snapshots ---- */

static EiafWorkerState state_from(EiafWorker *self, const nn_snapshot *s)
{
  switch (s->status) {
  case NN_JOB_RUNNING:
    return self->playing ? EIAF_WORKER_RUNNING : EIAF_WORKER_PAUSED;
  case NN_JOB_FINISHED:
    return EIAF_WORKER_FINISHED;
  case NN_JOB_DIVERGED:
    return EIAF_WORKER_DIVERGED;
  case NN_JOB_FAILED:
    return EIAF_WORKER_FAILED;
  case NN_JOB_CANCELLED:
  default:
    return EIAF_WORKER_STARTING;
  }
}

static void set_state(EiafWorker *self, EiafWorkerState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec(G_OBJECT(self), properties[PROP_STATE]);
}

static gboolean deliver_cb(gpointer data)
{
  Control *c = data;
  pthread_mutex_lock(&c->lock);
  nn_snapshot *s = g_steal_pointer(&c->pending);
  c->delivery_scheduled = FALSE;
  pthread_mutex_unlock(&c->lock);

  g_autoptr(EiafWorker) self = g_weak_ref_get(&c->worker);
  /* A snapshot of a run that newer parameters replaced is dropped: the last change wins. */
  if (!self || !s || s->generation != self->generation) {
    nn_snapshot_unref(s);
    return G_SOURCE_REMOVE;
  }
  g_clear_pointer(&self->snapshot, nn_snapshot_unref);
  self->snapshot = s;
  set_state(self, state_from(self, s));
  g_signal_emit(self, signals[SIGNAL_SNAPSHOT], 0, s);
  return G_SOURCE_REMOVE;
}

/* ---- the training thread ---- */

static void publish(Control *c, nn_snapshot *s)
{
  if (!s)
    return;
  pthread_mutex_lock(&c->lock);
  nn_snapshot_unref(c->pending);
  c->pending = s;
  if (!c->delivery_scheduled) {
    c->delivery_scheduled = TRUE;
    g_idle_add_full(G_PRIORITY_DEFAULT, deliver_cb, control_ref(c), control_unref);
  }
  pthread_mutex_unlock(&c->lock);
}

static nn_snapshot *failure_snapshot(const nn_job_config *config, const char *message)
{
  nn_snapshot *s = nn_snapshot_new();
  if (!s)
    return NULL;
  s->lesson = config->lesson;
  s->generation = config->generation;
  s->status = NN_JOB_FAILED;
  g_strlcpy(s->message, message, sizeof s->message);
  return s;
}

/* Builds the next job; called with the lock held, returns with it held. */
static void start_job(Control *c, nn_job **job)
{
  nn_job_config config = c->next;
  InitWeights *init = init_weights_ref(c->init);
  c->restart = FALSE;
  nn_job *old = c->job;
  c->job = NULL;
  c->released = FALSE;
  pthread_mutex_unlock(&c->lock);

  nn_job_free(old);
  nn_error err = {{0}};
  config.init = init ? &init->file : NULL;
  *job = nn_job_new(&config, &err);
  init_weights_unref(init);
  publish(c, *job ? nn_job_snapshot(*job) : failure_snapshot(&config, err.message));

  pthread_mutex_lock(&c->lock);
  c->job = *job;
}

static void save_request_free(SaveRequest *req)
{
  g_object_unref(req->task);
  g_free(req->path);
  g_free(req);
}

/* Main thread: completes the save requests the training thread has handled. */
static gboolean deliver_saves_cb(gpointer data)
{
  Control *c = data;
  GQueue done = G_QUEUE_INIT;
  pthread_mutex_lock(&c->lock);
  done = c->saved;
  g_queue_init(&c->saved);
  c->saves_scheduled = FALSE;
  pthread_mutex_unlock(&c->lock);
  SaveRequest *req;
  while ((req = g_queue_pop_head(&done))) {
    if (req->ok)
      g_task_return_boolean(req->task, TRUE);
    else
      g_task_return_new_error(req->task, G_IO_ERROR, req->code, "%s", req->message);
    save_request_free(req);
  }
  return G_SOURCE_REMOVE;
}

/* Saves weights between steps; called with the lock held, returns with it held. */
static void handle_save(Control *c, nn_job *job)
{
  SaveRequest *req = g_queue_pop_head(&c->saves);
  pthread_mutex_unlock(&c->lock);
  nn_error err = {{0}};
  req->code = G_IO_ERROR_FAILED;
  if (!job) {
    g_strlcpy(req->message, _("Nothing has been trained yet"), sizeof req->message);
  } else if (req->variant < 0 || req->variant >= nn_job_n_variants(job)) {
    req->code = G_IO_ERROR_INVALID_ARGUMENT;
    g_strlcpy(req->message, _("No such model"), sizeof req->message);
  } else if (!nn_job_save_weights(job, req->variant, req->path, &err)) {
    g_strlcpy(req->message, err.message, sizeof req->message);
  } else {
    req->ok = TRUE;
  }
  pthread_mutex_lock(&c->lock);
  g_queue_push_tail(&c->saved, req);
  if (!c->saves_scheduled) {
    c->saves_scheduled = TRUE;
    g_idle_add_full(G_PRIORITY_DEFAULT, deliver_saves_cb, control_ref(c), control_unref);
  }
}

/* Pacing: a small network can finish a run in milliseconds, too fast to watch. A run is
 * spread over at least the lesson's watch_seconds (4 s by default): after each step the
 * thread waits until that step is due. It waits on the condition variable, so a new request
 * (parameters, pause, quit, a save) wakes it at once. */
typedef struct {
  double rate;   /* steps a second at most; 0: unpaced */
  double origin; /* when the steps counted below started */
  long steps;
} Pace;

static void pace_start(Pace *pace, const nn_job *job)
{
  const nn_lesson *l = nn_job_lesson(job);
  double seconds = l->watch_seconds > 0 ? l->watch_seconds : DEFAULT_WATCH_SECONDS;
  long total = nn_job_steps_total(job);
  pace->rate = total > 0 ? (double) total / seconds : 0;
  pace->origin = nn_now();
  pace->steps = 0;
}

/* Called with the lock held, returns with it held. */
/* `seconds` from now on the condition variable's clock (CLOCK_REALTIME, its default). */
static struct timespec deadline_in(double seconds)
{
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  double end = (double) t.tv_sec + (double) t.tv_nsec * 1e-9 + seconds;
  t.tv_sec = (time_t) end;
  t.tv_nsec = (long) ((end - (double) t.tv_sec) * 1e9);
  return t;
}

static void pace_wait(Control *c, Pace *pace)
{
  if (pace->rate <= 0)
    return;
  pace->steps++;
  double wait = pace->origin + (double) pace->steps / pace->rate - nn_now();
  if (wait <= 0)
    return;
  struct timespec deadline = deadline_in(wait);
  while (!c->quit && !c->restart && c->playing && g_queue_is_empty(&c->saves))
    if (pthread_cond_timedwait(&c->cond, &c->lock, &deadline) != 0)
      break;
}

/* A run that waits (paused, finished, or on a page left behind) gives its models' activation
 * memory back after RELEASE_AFTER_S of rest, so that the pages a person has visited do not
 * each hold tens of megabytes; the next step takes it again (nn_job_release_memory), which
 * costs the worker a few milliseconds of page faults, never the window. Half a second: long
 * enough that pressing Step now and then does not pay it each time, short enough that the
 * page just left is not still holding its memory when the next one starts (26 lessons
 * visited: 199 MB with a second, 160 MB with half).
 * Called with the lock held; returns FALSE when it released instead of being woken. */
static gboolean idle_wait(Control *c, nn_job *job)
{
  if (!job || c->released) {
    pthread_cond_wait(&c->cond, &c->lock);
    return TRUE;
  }
  struct timespec deadline = deadline_in(RELEASE_AFTER_S);
  if (pthread_cond_timedwait(&c->cond, &c->lock, &deadline) != ETIMEDOUT)
    return TRUE;
  c->released = TRUE;
  pthread_mutex_unlock(&c->lock);
  nn_job_release_memory(job);
#ifdef __GLIBC__
  malloc_trim(0); /* glibc keeps freed blocks below its mmap threshold otherwise */
#endif
  pthread_mutex_lock(&c->lock);
  return FALSE;
}

/* Training yields to the window: the worker thread (and the pool helpers it starts, which
 * inherit the value) runs TRAINING_NICENESS below the main thread, so that when the cores are
 * busy a frame gets one first. Linux gives each thread its own nice value; elsewhere nothing
 * changes. A failure only means the same priority as the window. */
static void lower_own_priority(void)
{
#ifdef __linux__
  id_t tid = (id_t) syscall(SYS_gettid);
  errno = 0;
  int now = getpriority(PRIO_PROCESS, tid);
  if (errno == 0)
    setpriority(PRIO_PROCESS, tid, MIN(now + TRAINING_NICENESS, 19));
#endif
}

static gpointer worker_thread(gpointer data)
{
  Control *c = data;
  lower_own_priority();
  nn_job *job = NULL;
  double last_publish = 0;
  gboolean unpublished = FALSE; /* steps taken since the last snapshot */
  Pace pace = {0};

  pthread_mutex_lock(&c->lock);
  while (!c->quit) {
    if (c->restart) {
      start_job(c, &job);
      last_publish = nn_now();
      unpublished = FALSE;
      if (job)
        pace_start(&pace, job);
      continue;
    }
    if (!g_queue_is_empty(&c->saves)) {
      handle_save(c, job);
      continue;
    }
    gboolean runnable = job && nn_job_get_status(job) == NN_JOB_RUNNING;
    if (!runnable || (!c->playing && c->step_requests == 0)) {
      c->step_requests = 0;
      if (unpublished && job && !nn_job_is_cancelled(job)) {
        /* Paused between two snapshots: show exactly where it stopped. */
        unpublished = FALSE;
        pthread_mutex_unlock(&c->lock);
        publish(c, nn_job_snapshot(job));
        pthread_mutex_lock(&c->lock);
        continue;
      }
      if (!idle_wait(c, job))
        continue; /* memory given back: look again before sleeping for good */
      /* Time spent paused is not owed to the pace. */
      if (job)
        pace_start(&pace, job);
      continue;
    }
    gboolean single = !c->playing;
    if (c->step_requests > 0)
      c->step_requests--;
    c->released = FALSE;
    pthread_mutex_unlock(&c->lock);

    nn_job_step(job);
    double now = nn_now();
    gboolean ended = nn_job_get_status(job) != NN_JOB_RUNNING;
    /* Cancelled jobs publish nothing: a newer one is on its way. An epoch's end is not a
     * reason of its own: a small lesson ends hundreds of epochs a second, and a snapshot at
     * most every 1/30 s keeps every curve as current as the eye can tell. */
    if (!nn_job_is_cancelled(job) &&
        (single || ended || now - last_publish >= PUBLISH_INTERVAL_S)) {
      publish(c, nn_job_snapshot(job));
      last_publish = now;
      unpublished = FALSE;
    } else {
      unpublished = TRUE;
    }
    pthread_mutex_lock(&c->lock);
    if (!single && !ended)
      pace_wait(c, &pace);
  }
  c->job = NULL;
  while (!g_queue_is_empty(&c->saves))
    handle_save(c, NULL);
  pthread_mutex_unlock(&c->lock);

  nn_job_free(job);
  control_unref(c);
  pthread_mutex_lock(&threads_lock);
  threads_alive--;
  pthread_cond_broadcast(&threads_cond);
  pthread_mutex_unlock(&threads_lock);
  return NULL;
}

/* ---- main thread: requests ---- */

static void ensure_thread(EiafWorker *self)
{
  if (self->thread)
    return;
  pthread_mutex_lock(&threads_lock);
  threads_alive++;
  pthread_mutex_unlock(&threads_lock);
  g_autofree char *name = g_strdup_printf("train-%s", self->lesson->id);
  self->thread = g_thread_new(name, worker_thread, control_ref(self->control));
}

/* 0 until set: eiaf_worker_default_threads(). Atomic, read by the main thread only today,
 * but a plain global shared with tests that run workers from other threads would race. */
static atomic_int run_threads;

int eiaf_worker_default_threads(void)
{
  /* A second thread pays for the convolutions: lesson 26 trains 1.95× faster on two free
   * cores, to the same bits. The pool's helper sleeps between batches and a part it has not
   * taken is done by the worker itself, so when the window needs a core training only slows;
   * with other programs loading both cores (load average 5) the frames measured the same with
   * one or two (--benchmark-ui, 55–59 frames/s). More than two would starve the window. */
  return MIN(2, (int) g_get_num_processors());
}

void eiaf_worker_set_threads(int threads)
{
  atomic_store(&run_threads, CLAMP(threads, 1, NN_POOL_MAX_THREADS));
}

int eiaf_worker_get_threads(void)
{
  int t = atomic_load(&run_threads);
  return t > 0 ? t : eiaf_worker_default_threads();
}

static void do_restart(EiafWorker *self)
{
  Control *c = self->control;
  nn_job_config config = {
    .lesson = self->lesson,
    .seed = self->seed,
    .variant = -1,
    .env = self->env,
    .generation = self->generation,
    .threads = eiaf_worker_get_threads(),
  };
  memcpy(config.params, self->params, sizeof config.params);

  pthread_mutex_lock(&c->lock);
  c->next = config;
  c->restart = TRUE;
  init_weights_unref(c->init);
  c->init = init_weights_ref(self->init);
  if (c->job)
    nn_job_cancel(c->job);
  pthread_cond_signal(&c->cond);
  pthread_mutex_unlock(&c->lock);

  self->last_restart_us = g_get_monotonic_time();
  ensure_thread(self);
  set_state(self, EIAF_WORKER_STARTING);
}

static gboolean on_restart_timeout_cb(gpointer data)
{
  EiafWorker *self = data;
  self->restart_source = 0;
  do_restart(self);
  return G_SOURCE_REMOVE;
}

/* Restarts now, or — when one happened less than 100 ms ago — once that interval is over,
 * with whatever the parameters are by then. */
static void request_restart(EiafWorker *self)
{
  self->generation++;
  if (self->restart_source)
    return;
  gint64 since = g_get_monotonic_time() - self->last_restart_us;
  if (self->last_restart_us == 0 || since >= RESTART_INTERVAL_US) {
    do_restart(self);
    return;
  }
  guint wait_ms = (guint) ((RESTART_INTERVAL_US - since) / G_TIME_SPAN_MILLISECOND) + 1;
  self->restart_source = g_timeout_add(wait_ms, on_restart_timeout_cb, self);
}

static void set_playing(EiafWorker *self, gboolean playing, int steps)
{
  Control *c = self->control;
  self->playing = playing;
  pthread_mutex_lock(&c->lock);
  c->playing = playing;
  c->step_requests += steps;
  pthread_cond_signal(&c->cond);
  pthread_mutex_unlock(&c->lock);
  if (self->snapshot)
    set_state(self, state_from(self, self->snapshot));
}

void eiaf_worker_set_params(EiafWorker *self, const double *values)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  memcpy(self->params, values, sizeof(double) * (size_t) self->lesson->n_params);
  request_restart(self);
}

void eiaf_worker_set_seed(EiafWorker *self, guint64 seed)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  self->seed = seed;
  request_restart(self);
}

void eiaf_worker_set_env(EiafWorker *self, const nn_lesson_env *env)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  self->env = env;
  request_restart(self);
}

guint64 eiaf_worker_get_seed(EiafWorker *self)
{
  g_return_val_if_fail(EIAF_IS_WORKER(self), 0);
  return self->seed;
}

void eiaf_worker_set_init(EiafWorker *self, nn_st_file *init)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  init_weights_unref(self->init);
  self->init = NULL;
  if (init) {
    self->init = g_new0(InitWeights, 1);
    ref_count_init(&self->init->refs);
    self->init->file = *init;
    memset(init, 0, sizeof *init); /* the worker owns it now */
  }
}

void eiaf_worker_play(EiafWorker *self)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  if (!self->thread)
    request_restart(self);
  set_playing(self, TRUE, 0);
}

void eiaf_worker_pause(EiafWorker *self)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  set_playing(self, FALSE, 0);
}

gboolean eiaf_worker_is_playing(EiafWorker *self)
{
  g_return_val_if_fail(EIAF_IS_WORKER(self), FALSE);
  return self->playing;
}

void eiaf_worker_step(EiafWorker *self)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  if (!self->thread)
    request_restart(self);
  set_playing(self, FALSE, 1);
}

void eiaf_worker_reset(EiafWorker *self)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  request_restart(self);
}

EiafWorkerState eiaf_worker_get_state(EiafWorker *self)
{
  g_return_val_if_fail(EIAF_IS_WORKER(self), EIAF_WORKER_IDLE);
  return self->state;
}

nn_snapshot *eiaf_worker_get_snapshot(EiafWorker *self)
{
  g_return_val_if_fail(EIAF_IS_WORKER(self), NULL);
  return self->snapshot;
}

guint64 eiaf_worker_get_generation(EiafWorker *self)
{
  g_return_val_if_fail(EIAF_IS_WORKER(self), 0);
  return self->generation;
}

void eiaf_worker_save_weights(EiafWorker *self, int variant, const char *path,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail(EIAF_IS_WORKER(self));
  g_return_if_fail(path != NULL);
  SaveRequest *req = g_new0(SaveRequest, 1);
  req->task = g_task_new(self, NULL, callback, user_data);
  req->variant = variant;
  req->path = g_strdup(path);
  ensure_thread(self);
  Control *c = self->control;
  pthread_mutex_lock(&c->lock);
  g_queue_push_tail(&c->saves, req);
  pthread_cond_signal(&c->cond);
  pthread_mutex_unlock(&c->lock);
}

gboolean eiaf_worker_save_weights_finish(EiafWorker *self, GAsyncResult *result,
                                         GError **error)
{
  g_return_val_if_fail(g_task_is_valid(result, self), FALSE);
  return g_task_propagate_boolean(G_TASK(result), error);
}

gboolean eiaf_worker_wait_all(guint timeout_ms)
{
  struct timespec end;
  clock_gettime(CLOCK_REALTIME, &end);
  end.tv_sec += timeout_ms / 1000;
  end.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
  if (end.tv_nsec >= 1000000000L) {
    end.tv_sec++;
    end.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&threads_lock);
  while (threads_alive > 0)
    if (pthread_cond_timedwait(&threads_cond, &threads_lock, &end) != 0)
      break;
  gboolean all = threads_alive == 0;
  pthread_mutex_unlock(&threads_lock);
  return all;
}

/* ---- GObject ---- */

static void eiaf_worker_dispose(GObject *object)
{
  EiafWorker *self = EIAF_WORKER(object);
  g_clear_handle_id(&self->restart_source, g_source_remove);
  if (self->control) {
    Control *c = self->control;
    pthread_mutex_lock(&c->lock);
    c->quit = TRUE;
    if (c->job)
      nn_job_cancel(c->job);
    pthread_cond_signal(&c->cond);
    pthread_mutex_unlock(&c->lock);
    /* Not joined: the thread finishes its step, frees its job and ends on its own. */
    g_clear_pointer(&self->thread, g_thread_unref);
    g_clear_pointer(&self->control, control_unref);
  }
  g_clear_pointer(&self->snapshot, nn_snapshot_unref);
  g_clear_pointer(&self->init, init_weights_unref);
  G_OBJECT_CLASS(eiaf_worker_parent_class)->dispose(object);
}

static void eiaf_worker_get_property(GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  EiafWorker *self = EIAF_WORKER(object);
  switch (prop_id) {
  case PROP_STATE:
    g_value_set_int(value, self->state);
    break;
  default:
    G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
  }
}

static void eiaf_worker_class_init(EiafWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS(klass);
  object_class->dispose = eiaf_worker_dispose;
  object_class->get_property = eiaf_worker_get_property;

  properties[PROP_STATE] =
      g_param_spec_int("state", NULL, NULL, EIAF_WORKER_IDLE, EIAF_WORKER_FAILED,
                       EIAF_WORKER_IDLE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties(object_class, N_PROPS, properties);

  /* snapshot(nn_snapshot *s): the newest snapshot of the current run (borrowed). */
  signals[SIGNAL_SNAPSHOT] = g_signal_new("snapshot", G_TYPE_FROM_CLASS(klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_POINTER);
}

static void eiaf_worker_init(EiafWorker *self)
{
  Control *c = g_new0(Control, 1);
  ref_count_init(&c->refs);
  pthread_mutex_init(&c->lock, NULL);
  /* CLOCK_MONOTONIC is not needed: only eiaf_worker_wait_all waits with a deadline. */
  pthread_cond_init(&c->cond, NULL);
  g_queue_init(&c->saves);
  g_queue_init(&c->saved);
  g_weak_ref_init(&c->worker, self);
  self->control = c;
  self->seed = 1;
}

EiafWorker *eiaf_worker_new(const nn_lesson *lesson, const nn_lesson_env *env)
{
  g_return_val_if_fail(lesson != NULL, NULL);
  EiafWorker *self = g_object_new(EIAF_TYPE_WORKER, NULL);
  self->lesson = lesson;
  self->env = env;
  nn_lesson_preset(lesson, NN_PRESET_QUICK, self->params);
  return self;
}
