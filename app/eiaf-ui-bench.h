/* --benchmark-ui: the window measures itself against DESIGN §6's UI targets and prints one
 * JSON object a line on stdout, then quits:
 *
 *   {"metric": "startup", ...}  process start to the window's first painted frame
 *   {"metric": "frames", ...}   per lesson: frame intervals and paint work while it trains,
 *                               with the frame clock kept running (as an animation would)
 *   {"metric": "slider", ...}   per lesson: a slider moved through its GtkRange, to the first
 *                               painted frame of the new run's first snapshot
 *   {"metric": "visit", ...}    one per lesson visited in turn (as the sidebar does) ...
 *   {"metric": "memory", ...}   ... then VmRSS and VmHWM
 *   {"metric": "done", ...}     the exit status and the load average
 *
 * Nothing here waits: each phase moves on from frame-clock signals, the worker's "snapshot"
 * signal and main-loop timeouts. Settings writes are held back (g_settings_delay), so a run
 * leaves the user's settings as they were; use GSETTINGS_BACKEND=memory for runs that do not
 * read them either. docs/performance-ui.md has the commands and the numbers. */
#pragma once

#include "eiaf-window.h"

G_BEGIN_DECLS

typedef struct {
  char **lessons;       /* lessons for the frame and slider phases; NULL: the default three */
  double seconds;       /* frames measured per lesson */
  int repeats;          /* slider changes per lesson */
  double visit_seconds; /* time on each lesson before the memory is read */
} EiafUiBenchOptions;

/* Called first thing in main(): the moment "from_main" start-up times count from. */
void eiaf_ui_bench_mark_main(void);
/* Called before the window exists: holds every settings write from then on. */
void eiaf_ui_bench_prepare(void);
/* Arms the benchmark on a window not yet shown (it waits for the window's first frame). The
 * application quits at the end; its "eiaf-exit-status" is 1 when something could not be
 * measured (an {"metric": "error"} line says what). `options` is copied. */
void eiaf_ui_bench_start(EiafWindow *window, const EiafUiBenchOptions *options);

G_END_DECLS
