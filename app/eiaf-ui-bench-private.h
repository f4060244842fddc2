/* Helpers of the --benchmark-ui run (eiaf-ui-bench.c), in eiaf-ui-bench-report.c: what the
 * process reads about itself from /proc, and the JSON lines it prints. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds since the kernel started this process (10 ms steps), or -1 if unknown. */
double eiaf_ui_bench_process_age_s(void);
/* A "VmRSS"-style field of /proc/self/status in MB, or -1 if absent. */
double eiaf_ui_bench_status_mb(const char *key);
/* /proc/loadavg's three averages (NAN if unreadable). */
void eiaf_ui_bench_load_average(double avg[3]);

/* One JSON object a line: begin with its "metric", add fields, end prints and flushes it
 * (and frees `line`). Non-finite numbers are written as null; stats are a series of doubles
 * written as {"n", "p50", "p95", "max"}. */
GString *eiaf_json_begin(const char *metric);
void eiaf_json_number(GString *line, const char *key, double value);
void eiaf_json_string(GString *line, const char *key, const char *value);
void eiaf_json_stats(GString *line, const char *key, GArray *series);
void eiaf_json_end(GString *line);

G_END_DECLS
