/* The --benchmark-ui run's measuring and printing helpers. See eiaf-ui-bench-private.h. */
#define _GNU_SOURCE /* CLOCK_BOOTTIME */
#include "config.h"

#include "eiaf-ui-bench-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Seconds since the kernel started this process: /proc/self/stat's starttime (clock ticks
 * since boot, so 10 ms steps) against CLOCK_BOOTTIME, the clock it counts on. -1 if unknown. */
double eiaf_ui_bench_process_age_s(void)
{
  g_autofree char *stat = NULL;
  if (!g_file_get_contents("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  /* The command name may hold spaces: fields are counted after its closing parenthesis. */
  const char *p = strrchr(stat, ')');
  if (!p)
    return -1;
  unsigned long long start = 0;
  for (int field = 3; field <= 22 && *p; field++) {
    p = strchr(p + 1, ' ');
    if (!p)
      return -1;
    if (field == 22)
      start = strtoull(p + 1, NULL, 10);
  }
  struct timespec now;
  if (clock_gettime(CLOCK_BOOTTIME, &now) != 0)
    return -1;
  return (double) now.tv_sec + now.tv_nsec * 1e-9 - (double) start / sysconf(_SC_CLK_TCK);
}

/* A "VmRSS:"-style line of /proc/self/status, in MB; -1 if absent. */
double eiaf_ui_bench_status_mb(const char *key)
{
  g_autofree char *status = NULL;
  if (!g_file_get_contents("/proc/self/status", &status, NULL, NULL))
    return -1;
  g_autofree char *needle = g_strdup_printf("\n%s:", key);
  const char *line = strstr(status, needle);
  return line ? strtod(line + strlen(needle), NULL) / 1024.0 : -1;
}

static int compare_doubles(gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Nearest-rank percentile (q in (0, 1]) of a series; NAN when it is empty. */
static double percentile(GArray *series, double q)
{
  if (series->len == 0)
    return NAN;
  g_autoptr(GArray) sorted = g_array_copy(series);
  g_array_sort(sorted, compare_doubles);
  guint rank = (guint) ceil(q * sorted->len);
  return g_array_index(sorted, double, CLAMP(rank, 1, sorted->len) - 1);
}

/* ---- JSON lines ---- */

void eiaf_json_number(GString *line, const char *key, double value)
{
  if (isfinite(value))
    g_string_append_printf(line, ", \"%s\": %.3f", key, value);
  else
    g_string_append_printf(line, ", \"%s\": null", key);
}

/* Only ASCII goes through here (ids, type names, the run's own messages): g_strescape writes
 * other bytes as octal escapes, which JSON does not have. */
void eiaf_json_string(GString *line, const char *key, const char *value)
{
  g_autofree char *escaped = g_strescape(value ? value : "", NULL);
  g_string_append_printf(line, ", \"%s\": \"%s\"", key, escaped);
}

/* "key": {"p50": …, "p95": …, "max": …} */
void eiaf_json_stats(GString *line, const char *key, GArray *series)
{
  g_string_append_printf(line, ", \"%s\": {\"n\": %u", key, series->len);
  eiaf_json_number(line, "p50", percentile(series, 0.50));
  eiaf_json_number(line, "p95", percentile(series, 0.95));
  eiaf_json_number(line, "max", percentile(series, 1.0));
  g_string_append(line, "}");
}

GString *eiaf_json_begin(const char *metric)
{
  GString *line = g_string_new(NULL);
  g_string_append_printf(line, "{\"metric\": \"%s\"", metric);
  return line;
}

/* Flushed line by line: a reader sees every finished measurement even if a later one hangs. */
void eiaf_json_end(GString *line)
{
  g_string_append(line, "}\n");
  fputs(line->str, stdout);
  fflush(stdout);
  g_string_free(line, TRUE);
}

void eiaf_ui_bench_load_average(double avg[3])
{
  g_autofree char *text = NULL;
  avg[0] = avg[1] = avg[2] = NAN;
  if (g_file_get_contents("/proc/loadavg", &text, NULL, NULL))
    sscanf(text, "%lf %lf %lf", &avg[0], &avg[1], &avg[2]);
}
