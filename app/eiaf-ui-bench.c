/* The --benchmark-ui run: a small state machine driven by the window's frame clock, the
 * worker's "snapshot" signal and main-loop timeouts. See eiaf-ui-bench.h. */
#include "config.h"

#include "eiaf-ui-bench.h"
#include "eiaf-ui-bench-private.h"

#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "eiaf-param-panel.h"
#include "eiaf-settings.h"
#include "nn_registry.h"

/* Training settles (data loaded, first epochs begun) before frames count. */
#define WARMUP_US (500 * G_TIME_SPAN_MILLISECOND)
/* A lesson that is not training by then is reported, not waited for (sanitizer builds are
 * slow to load MNIST, so this is generous). */
#define START_TIMEOUT_US      (60 * G_TIME_SPAN_SECOND)
#define FIRST_FRAME_TIMEOUT_S 30
#define SLIDER_TIMEOUT_MS     10000
/* Longer than the worker's 100 ms restart interval: every change restarts at once, as one
 * deliberate move of a slider does; none is coalesced with the one before. */
#define SLIDER_GAP_MS 250
#define POLL_MS       20

static const char *const default_lessons[] = {"cnn-mnist", "spirals", "batch-norm", NULL};

typedef enum {
  PHASE_STARTUP,         /* waiting for the window's first frame */
  PHASE_WARMUP,          /* a lesson shown, waiting for it to train */
  PHASE_FRAMES,          /* counting frames */
  PHASE_SLIDER_GAP,      /* between two slider changes */
  PHASE_SLIDER_SNAPSHOT, /* slider moved: waiting for the new run's first snapshot */
  PHASE_SLIDER_PAINT,    /* that snapshot given to the page: waiting for the frame drawing it */
  PHASE_VISITS,          /* going through every lesson */
} Phase;

typedef struct {
  EiafWindow *window;
  EiafUiBenchOptions opt;
  Phase phase;
  int status;
  GdkFrameClock *clock;
  gulong before_paint_id, layout_id, after_paint_id;
  guint source;   /* the one pending timeout of the state machine */
  gulong hook_id; /* emission hook on EiafWorker::snapshot */
  /* the lesson being measured */
  int lesson;
  EiafLessonPage *page;
  gulong snapshot_id;
  gint64 phase_start_us;
  /* frames */
  guint tick_id;
  gint64 paint_start_us, layout_end_us, last_paint_start_us, last_frame_time, update_start_us;
  GArray *interval_ms, *wall_interval_ms, *work_ms, *layout_ms, *draw_ms, *update_ms;
  int snapshots, restarts;
  /* slider */
  GtkRange *range;
  const char *param;
  double home; /* the slider's position before the phase, put back after it */
  int change;
  guint64 want_generation;
  gint64 change_us, snapshot_us;
  GArray *to_snapshot_ms, *to_picture_ms;
  /* visits */
  int visit;
} UiBench;

static gint64 main_us; /* g_get_monotonic_time() at the top of main() */
static double exec_to_main_s = -1;

static void begin_lesson(UiBench *b);
static void begin_visits(UiBench *b);

/* ---- measuring ---- */

static double elapsed_ms(gint64 from_us, gint64 to_us)
{
  return (double) (to_us - from_us) / G_TIME_SPAN_MILLISECOND;
}

static void add_ms(GArray *series, double ms)
{
  g_array_append_val(series, ms);
}

static void report_error(UiBench *b, const char *message)
{
  b->status = 1;
  GString *line = eiaf_json_begin("error");
  eiaf_json_string(line, "message", message);
  if (b->lesson < (int) g_strv_length(b->opt.lessons))
    eiaf_json_string(line, "lesson", b->opt.lessons[b->lesson]);
  eiaf_json_end(line);
  g_printerr("everything-is-a-font --benchmark-ui: %s\n", message);
}

/* ---- the state machine's one pending step ---- */

static void schedule(UiBench *b, guint ms, GSourceFunc func)
{
  g_clear_handle_id(&b->source, g_source_remove);
  b->source = g_timeout_add(ms, func, b);
}

/* For a GSourceFunc that ends its own source. */
static void source_done(UiBench *b)
{
  b->source = 0;
}

/* ---- start-up ---- */

static const char *renderer_name(UiBench *b)
{
  GskRenderer *renderer = gtk_native_get_renderer(GTK_NATIVE(b->window));
  return renderer ? G_OBJECT_TYPE_NAME(renderer) : "none";
}

static void record_startup(UiBench *b, gint64 now_us)
{
  double age = eiaf_ui_bench_process_age_s();
  GString *line = eiaf_json_begin("startup");
  eiaf_json_number(line, "first_frame_from_exec_s", age);
  eiaf_json_number(line, "first_frame_from_main_s", (double) (now_us - main_us) / G_USEC_PER_SEC);
  eiaf_json_number(line, "exec_to_main_s", exec_to_main_s);
  eiaf_json_string(line, "clocks",
                   "exec: /proc/self/stat starttime against CLOCK_BOOTTIME (10 ms "
                   "steps); main: g_get_monotonic_time() at the top of main(); "
                   "frame: the first after-paint of the window's frame clock");
  eiaf_json_string(line, "lesson", eiaf_window_get_lesson(b->window));
  eiaf_json_string(line, "renderer", renderer_name(b));
  eiaf_json_number(line, "vm_rss_mb", eiaf_ui_bench_status_mb("VmRSS"));
  g_string_append_printf(line, ", \"width\": %d, \"height\": %d",
                         gtk_widget_get_width(GTK_WIDGET(b->window)),
                         gtk_widget_get_height(GTK_WIDGET(b->window)));
  eiaf_json_end(line);
  g_clear_handle_id(&b->source, g_source_remove);
  begin_lesson(b);
}

static gboolean on_first_frame_timeout_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  report_error(b, "the window drew no frame");
  b->lesson = (int) g_strv_length(b->opt.lessons);
  begin_visits(b);
  return G_SOURCE_REMOVE;
}

/* ---- frames while training ---- */

/* An animation's tick: the page is drawn again every frame, whatever training changed. */
static gboolean on_tick_cb(GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  UiBench *b = data;
  gtk_widget_queue_draw(GTK_WIDGET(b->page));
  return G_SOURCE_CONTINUE;
}

static void record_frame(UiBench *b, gint64 now_us)
{
  /* GDK's frame time is smoothed onto the refresh grid: a late frame shows as a skipped
   * step (33 ms), not as its real lateness, which the wall clock at before-paint shows. */
  gint64 frame_time = gdk_frame_clock_get_frame_time(b->clock);
  if (b->last_frame_time) {
    add_ms(b->interval_ms, elapsed_ms(b->last_frame_time, frame_time));
    add_ms(b->wall_interval_ms, elapsed_ms(b->last_paint_start_us, b->paint_start_us));
  }
  /* before-paint to after-paint: tick callbacks, layout, snapshot and rendering; split at
   * the end of the layout phase into measuring and allocating, and drawing. */
  add_ms(b->work_ms, elapsed_ms(b->paint_start_us, now_us));
  add_ms(b->layout_ms, elapsed_ms(b->paint_start_us, b->layout_end_us));
  add_ms(b->draw_ms, elapsed_ms(b->layout_end_us, now_us));
  b->last_frame_time = frame_time;
  b->last_paint_start_us = b->paint_start_us;
}

static void emit_frames(UiBench *b)
{
  double seconds = elapsed_ms(b->phase_start_us, g_get_monotonic_time()) / 1000.0;
  nn_snapshot *snap = eiaf_lesson_page_get_snapshot(b->page);
  GString *line = eiaf_json_begin("frames");
  eiaf_json_string(line, "lesson", b->opt.lessons[b->lesson]);
  eiaf_json_number(line, "seconds", seconds);
  g_string_append_printf(line, ", \"frames\": %u", b->work_ms->len);
  eiaf_json_number(line, "fps", b->work_ms->len / seconds);
  eiaf_json_stats(line, "interval_ms", b->interval_ms);
  eiaf_json_stats(line, "wall_interval_ms", b->wall_interval_ms);
  eiaf_json_stats(line, "paint_work_ms", b->work_ms);
  eiaf_json_stats(line, "layout_ms", b->layout_ms);
  eiaf_json_stats(line, "draw_ms", b->draw_ms);
  g_string_append_printf(line, ", \"snapshots\": %d, \"restarts\": %d", b->snapshots, b->restarts);
  eiaf_json_stats(line, "snapshot_update_ms", b->update_ms);
  g_string_append_printf(line, ", \"training_throughout\": %s",
                         eiaf_lesson_page_is_training(b->page) ? "true" : "false");
  eiaf_json_number(line, "samples_per_s", snap ? snap->samples_per_s : NAN);
  eiaf_json_end(line);
}

static void begin_slider(UiBench *b);

static gboolean on_frames_done_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  gtk_widget_remove_tick_callback(GTK_WIDGET(b->window), b->tick_id);
  b->tick_id = 0;
  emit_frames(b);
  begin_slider(b);
  return G_SOURCE_REMOVE;
}

static void begin_frames(UiBench *b)
{
  g_array_set_size(b->interval_ms, 0);
  g_array_set_size(b->wall_interval_ms, 0);
  g_array_set_size(b->work_ms, 0);
  g_array_set_size(b->layout_ms, 0);
  g_array_set_size(b->draw_ms, 0);
  g_array_set_size(b->update_ms, 0);
  b->snapshots = 0;
  b->restarts = 0;
  b->last_frame_time = 0;
  b->phase = PHASE_FRAMES;
  b->phase_start_us = g_get_monotonic_time();
  b->tick_id = gtk_widget_add_tick_callback(GTK_WIDGET(b->window), on_tick_cb, b, NULL);
  schedule(b, (guint) (b->opt.seconds * 1000), on_frames_done_cb);
}

/* ---- one lesson: shown, trained a moment, then frames and slider ---- */

static void end_lesson(UiBench *b)
{
  g_clear_signal_handler(&b->snapshot_id, eiaf_lesson_page_get_worker(b->page));
  b->page = NULL;
  b->lesson++;
  begin_lesson(b);
}

static gboolean on_warmup_poll_cb(gpointer data)
{
  UiBench *b = data;
  gint64 waited = g_get_monotonic_time() - b->phase_start_us;
  if (eiaf_lesson_page_is_training(b->page) && waited >= WARMUP_US) {
    source_done(b);
    begin_frames(b);
    return G_SOURCE_REMOVE;
  }
  if (waited < START_TIMEOUT_US)
    return G_SOURCE_CONTINUE;
  source_done(b);
  report_error(b, "the lesson did not start training");
  end_lesson(b);
  return G_SOURCE_REMOVE;
}

/* Runs before any handler of the signal (the page's among them): the start of its update. */
static gboolean on_snapshot_emission_cb(GSignalInvocationHint *hint, guint n_values,
                                        const GValue *values, gpointer data)
{
  UiBench *b = data;
  if (b->page && g_value_peek_pointer(&values[0]) == eiaf_lesson_page_get_worker(b->page))
    b->update_start_us = g_get_monotonic_time();
  return TRUE;
}

/* Connected after the page's own handler: the page has updated its widgets. */
static void on_snapshot_cb(EiafWorker *worker, nn_snapshot *snap, UiBench *b)
{
  gint64 now = g_get_monotonic_time();
  if (b->phase == PHASE_FRAMES) {
    b->snapshots++;
    if (b->update_start_us)
      add_ms(b->update_ms, elapsed_ms(b->update_start_us, now));
    /* A short run (batch-norm's Quick preset lasts half a second) ends inside the window:
     * Train again, as a person would, so the frames are those of a page that trains. */
    if (snap->status == NN_JOB_FINISHED) {
      eiaf_lesson_page_toggle_training(b->page);
      b->restarts++;
    }
  }
  b->update_start_us = 0;
  if (b->phase == PHASE_SLIDER_SNAPSHOT && snap->generation >= b->want_generation) {
    b->snapshot_us = now;
    b->phase = PHASE_SLIDER_PAINT;
    /* The page's widgets queued their own redraws; this one only makes sure a frame comes. */
    gtk_widget_queue_draw(GTK_WIDGET(b->page));
  }
}

static void begin_lesson(UiBench *b)
{
  if (b->lesson >= (int) g_strv_length(b->opt.lessons)) {
    begin_visits(b);
    return;
  }
  /* As a click in the sidebar does: the row is selected, the window shows its page. */
  eiaf_window_show_lesson(b->window, b->opt.lessons[b->lesson]);
  b->page = eiaf_window_get_page(b->window);
  b->snapshot_id = g_signal_connect_after(eiaf_lesson_page_get_worker(b->page), "snapshot",
                                          G_CALLBACK(on_snapshot_cb), b);
  b->phase = PHASE_WARMUP;
  b->phase_start_us = g_get_monotonic_time();
  schedule(b, POLL_MS, on_warmup_poll_cb);
}

/* ---- a slider change to the new run's first picture ---- */

static GtkWidget *find_param_panel(GtkWidget *widget)
{
  if (EIAF_IS_PARAM_PANEL(widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child(widget); child;
       child = gtk_widget_get_next_sibling(child)) {
    GtkWidget *found = find_param_panel(child);
    if (found)
      return found;
  }
  return NULL;
}

/* The learning rate's slider, else the first slider of a parameter that restarts training. */
static const char *pick_param(UiBench *b, EiafParamPanel *panel)
{
  const nn_lesson *lesson = eiaf_lesson_page_get_lesson(b->page);
  const char *found = NULL;
  for (int i = 0; i < lesson->n_params; i++) {
    const nn_param_desc *d = &lesson->params[i];
    if (d->flags & (NN_PARAM_LIVE | NN_PARAM_PAGE_CONTROL))
      continue;
    if (!GTK_IS_RANGE(eiaf_param_panel_get_control(panel, d->name)))
      continue;
    if (g_str_equal(d->name, "lr"))
      return d->name;
    if (!found)
      found = d->name;
  }
  return found;
}

static void emit_slider(UiBench *b)
{
  GString *line = eiaf_json_begin("slider");
  eiaf_json_string(line, "lesson", b->opt.lessons[b->lesson]);
  eiaf_json_string(line, "param", b->param);
  g_string_append_printf(line, ", \"changes\": %u", b->to_picture_ms->len);
  eiaf_json_stats(line, "to_snapshot_ms", b->to_snapshot_ms);
  eiaf_json_stats(line, "to_picture_ms", b->to_picture_ms);
  eiaf_json_end(line);
}

static void end_slider(UiBench *b)
{
  b->phase = PHASE_SLIDER_GAP;
  /* Put the user's value back (one more restart, not measured). */
  if (b->range && gtk_range_get_value(b->range) != b->home)
    gtk_range_set_value(b->range, b->home);
  if (b->param)
    emit_slider(b);
  g_clear_object(&b->range);
  end_lesson(b);
}

static gboolean on_slider_timeout_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  report_error(b, "no picture of the new run within 10 s of a slider change");
  end_slider(b);
  return G_SOURCE_REMOVE;
}

/* One step of the slider away from where it was, or back: the path a drag or an arrow key
 * takes (GtkRange → its adjustment → the panel's "changed" → the page restarts the worker). */
static gboolean on_slider_change_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  if (b->change >= b->opt.repeats) {
    end_slider(b);
    return G_SOURCE_REMOVE;
  }
  GtkAdjustment *adj = gtk_range_get_adjustment(b->range);
  double step = gtk_adjustment_get_step_increment(adj);
  double away = b->home + step <= gtk_adjustment_get_upper(adj) ? b->home + step : b->home - step;
  EiafWorker *worker = eiaf_lesson_page_get_worker(b->page);
  guint64 before = eiaf_worker_get_generation(worker);
  b->change_us = g_get_monotonic_time();
  gtk_range_set_value(b->range, b->change % 2 == 0 ? away : b->home);
  b->want_generation = eiaf_worker_get_generation(worker);
  if (b->want_generation == before) {
    report_error(b, "moving the slider did not start a new run");
    end_slider(b);
    return G_SOURCE_REMOVE;
  }
  b->phase = PHASE_SLIDER_SNAPSHOT;
  schedule(b, SLIDER_TIMEOUT_MS, on_slider_timeout_cb);
  return G_SOURCE_REMOVE;
}

static void record_picture(UiBench *b, gint64 now_us)
{
  add_ms(b->to_snapshot_ms, elapsed_ms(b->change_us, b->snapshot_us));
  add_ms(b->to_picture_ms, elapsed_ms(b->change_us, now_us));
  b->change++;
  b->phase = PHASE_SLIDER_GAP;
  schedule(b, SLIDER_GAP_MS, on_slider_change_cb);
}

static void begin_slider(UiBench *b)
{
  g_array_set_size(b->to_snapshot_ms, 0);
  g_array_set_size(b->to_picture_ms, 0);
  b->change = 0;
  b->param = NULL;
  GtkWidget *panel = find_param_panel(GTK_WIDGET(b->page));
  b->param = panel ? pick_param(b, EIAF_PARAM_PANEL(panel)) : NULL;
  if (!b->param) {
    report_error(b, "the lesson has no slider that restarts training");
    end_lesson(b);
    return;
  }
  GtkWidget *control = eiaf_param_panel_get_control(EIAF_PARAM_PANEL(panel), b->param);
  b->range = GTK_RANGE(g_object_ref(control));
  b->home = gtk_range_get_value(b->range);
  b->phase = PHASE_SLIDER_GAP;
  schedule(b, SLIDER_GAP_MS, on_slider_change_cb);
}

/* ---- every lesson in turn, then the memory ---- */

static void finish(UiBench *b);

static gboolean on_visit_cb(gpointer data);

static gboolean on_visited_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  GString *line = eiaf_json_begin("visit");
  eiaf_json_string(line, "lesson", nn_lesson_at(b->visit)->id);
  g_string_append_printf(line, ", \"index\": %d", b->visit + 1);
  eiaf_json_number(line, "vm_rss_mb", eiaf_ui_bench_status_mb("VmRSS"));
  eiaf_json_end(line);
  b->visit++;
  schedule(b, 0, on_visit_cb);
  return G_SOURCE_REMOVE;
}

static gboolean on_visit_cb(gpointer data)
{
  UiBench *b = data;
  source_done(b);
  if (b->visit >= nn_lesson_count()) {
    GString *line = eiaf_json_begin("memory");
    g_string_append_printf(line, ", \"lessons_visited\": %d", b->visit);
    eiaf_json_number(line, "vm_rss_mb", eiaf_ui_bench_status_mb("VmRSS"));
    eiaf_json_number(line, "vm_hwm_mb", eiaf_ui_bench_status_mb("VmHWM"));
#ifdef __GLIBC__
    /* After the measurement: what the allocator held free but mapped, for telling live data
     * from retained pages. */
    malloc_trim(0);
    eiaf_json_number(line, "vm_rss_after_trim_mb", eiaf_ui_bench_status_mb("VmRSS"));
#endif
    eiaf_json_end(line);
    finish(b);
    return G_SOURCE_REMOVE;
  }
  eiaf_window_show_lesson(b->window, nn_lesson_at(b->visit)->id);
  schedule(b, (guint) (b->opt.visit_seconds * 1000), on_visited_cb);
  return G_SOURCE_REMOVE;
}

static void begin_visits(UiBench *b)
{
  b->phase = PHASE_VISITS;
  b->visit = 0;
  schedule(b, 0, on_visit_cb);
}

/* ---- the frame clock ---- */

static void on_before_paint_cb(GdkFrameClock *clock, UiBench *b)
{
  b->paint_start_us = g_get_monotonic_time();
  /* The layout phase runs only in frames that asked for it: none, none measured. */
  b->layout_end_us = b->paint_start_us;
}

/* Connected after the window's surface connected its own layout handler: GTK has measured
 * and allocated every widget by now. */
static void on_layout_cb(GdkFrameClock *clock, UiBench *b)
{
  b->layout_end_us = g_get_monotonic_time();
}

static void on_after_paint_cb(GdkFrameClock *clock, UiBench *b)
{
  gint64 now = g_get_monotonic_time();
  switch (b->phase) {
  case PHASE_STARTUP:
    record_startup(b, now);
    break;
  case PHASE_FRAMES:
    record_frame(b, now);
    break;
  case PHASE_SLIDER_PAINT:
    record_picture(b, now);
    break;
  default:
    break;
  }
}

/* The frame clock exists once the window has a surface. */
static void on_window_realize_cb(GtkWidget *window, UiBench *b)
{
  b->clock = g_object_ref(gtk_widget_get_frame_clock(window));
  b->before_paint_id =
      g_signal_connect(b->clock, "before-paint", G_CALLBACK(on_before_paint_cb), b);
  b->layout_id = g_signal_connect(b->clock, "layout", G_CALLBACK(on_layout_cb), b);
  b->after_paint_id = g_signal_connect(b->clock, "after-paint", G_CALLBACK(on_after_paint_cb), b);
}

/* ---- start and end ---- */

static void ui_bench_free(UiBench *b)
{
  g_clear_handle_id(&b->source, g_source_remove);
  if (b->clock) {
    g_clear_signal_handler(&b->before_paint_id, b->clock);
    g_clear_signal_handler(&b->layout_id, b->clock);
    g_clear_signal_handler(&b->after_paint_id, b->clock);
    g_object_unref(b->clock);
  }
  if (b->hook_id)
    g_signal_remove_emission_hook(g_signal_lookup("snapshot", EIAF_TYPE_WORKER), b->hook_id);
  g_strfreev(b->opt.lessons);
  g_array_unref(b->interval_ms);
  g_array_unref(b->wall_interval_ms);
  g_array_unref(b->work_ms);
  g_array_unref(b->layout_ms);
  g_array_unref(b->draw_ms);
  g_array_unref(b->update_ms);
  g_array_unref(b->to_snapshot_ms);
  g_array_unref(b->to_picture_ms);
  g_object_unref(b->window);
  g_free(b);
}

static void finish(UiBench *b)
{
  double avg[3];
  eiaf_ui_bench_load_average(avg);
  GString *line = eiaf_json_begin("done");
  g_string_append_printf(line, ", \"status\": %d", b->status);
  eiaf_json_number(line, "load_1min", avg[0]);
  eiaf_json_number(line, "load_5min", avg[1]);
  eiaf_json_number(line, "load_15min", avg[2]);
  eiaf_json_end(line);
  GApplication *app = G_APPLICATION(gtk_window_get_application(GTK_WINDOW(b->window)));
  if (app) {
    g_object_set_data(G_OBJECT(app), "eiaf-exit-status", GINT_TO_POINTER(b->status));
    g_application_quit(app);
  }
  ui_bench_free(b);
}

void eiaf_ui_bench_mark_main(void)
{
  main_us = g_get_monotonic_time();
  exec_to_main_s = eiaf_ui_bench_process_age_s();
}

void eiaf_ui_bench_prepare(void)
{
  GSettings *settings = eiaf_settings_get();
  /* Held until an apply that never comes: the window reads what it writes, nothing is kept. */
  if (settings)
    g_settings_delay(settings);
}

void eiaf_ui_bench_start(EiafWindow *window, const EiafUiBenchOptions *options)
{
  g_return_if_fail(EIAF_IS_WINDOW(window));
  g_return_if_fail(!gtk_widget_get_realized(GTK_WIDGET(window)));
  UiBench *b = g_new0(UiBench, 1);
  b->window = g_object_ref(window);
  b->opt = *options;
  b->opt.lessons = g_strdupv(options->lessons ? options->lessons : (char **) default_lessons);
  GArray **series[] = {&b->interval_ms,    &b->wall_interval_ms, &b->work_ms,
                       &b->layout_ms,      &b->draw_ms,          &b->update_ms,
                       &b->to_snapshot_ms, &b->to_picture_ms};
  for (guint i = 0; i < G_N_ELEMENTS(series); i++)
    *series[i] = g_array_new(FALSE, FALSE, sizeof(double));
  b->phase = PHASE_STARTUP;
  b->hook_id = g_signal_add_emission_hook(g_signal_lookup("snapshot", EIAF_TYPE_WORKER), 0,
                                          on_snapshot_emission_cb, b, NULL);
  /* The size the screenshots use, whatever the last session's was. */
  gtk_window_unmaximize(GTK_WINDOW(window));
  gtk_window_set_default_size(GTK_WINDOW(window), 1280, 800);
  g_signal_connect_after(window, "realize", G_CALLBACK(on_window_realize_cb), b);
  b->source = g_timeout_add_seconds(FIRST_FRAME_TIMEOUT_S, on_first_frame_timeout_cb, b);
}
