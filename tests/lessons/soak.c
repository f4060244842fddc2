/* Soak: every lesson trained back to back, several rounds in one process, as a person visiting
 * every page again and again would; the resident memory must stay flat once the first round
 * has loaded the shared data.
 *
 *   soak [--rounds N (≥ 3, default 4)] [--epochs N] [--max-growth-mb X]
 *
 * Each lesson runs its Quick preset (its default epochs, or --epochs N where it has an
 * epochs parameter), with a snapshot taken and dropped after every epoch as the page does.
 * Prints the resident set size after each round; fails (exit 1) when the last round ends more
 * than --max-growth-mb (default 4) above the second. The first two rounds are the warm-up:
 * the first loads the shared data; in the second, glibc's allocator still settles (freed
 * blocks are kept for reuse, and a round's peak depends on the order of its frees: measured
 * +15 MB from round 1 to 2, then flat). A leak grows every round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eiaf-data.h"
#include "nn_registry.h"
#include "nn_trainer.h"

static double resident_mb(void)
{
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
      resident = 0;
    fclose(f);
  }
  return (double) resident * (double) sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static void snapshot_and_drop(nn_job *job, void *user)
{
  nn_snapshot_unref(nn_job_snapshot(job));
}

static int run_lesson(const nn_lesson *lesson, int epochs, uint64_t seed)
{
  nn_job_config config = {
    .lesson = lesson,
    .seed = seed,
    .variant = -1,
    .env = eiaf_data_env(NULL),
  };
  nn_lesson_preset(lesson, NN_PRESET_QUICK, config.params);
  int e = nn_lesson_param_index(lesson, "epochs");
  if (epochs > 0 && e >= 0)
    config.params[e] = epochs;
  nn_error err = {{0}};
  nn_job *job = nn_job_new(&config, &err);
  if (!job) {
    fprintf(stderr, "soak: %s: %s\n", lesson->id, err.message);
    return 1;
  }
  nn_job_status status = nn_job_run(job, snapshot_and_drop, NULL);
  nn_snapshot_unref(nn_job_snapshot(job));
  nn_job_free(job);
  if (status != NN_JOB_FINISHED) {
    fprintf(stderr, "soak: %s ended %s\n", lesson->id, nn_job_status_name(status));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv)
{
  int rounds = 4, epochs = 0;
  double max_growth = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--rounds") == 0)
      rounds = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--epochs") == 0)
      epochs = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--max-growth-mb") == 0)
      max_growth = atof(argv[i + 1]);
    else {
      fprintf(stderr, "soak: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (rounds < 3) {
    fprintf(stderr, "soak: --rounds must be at least 3\n");
    return 2;
  }
  printf("start: %.1f MB resident\n", resident_mb());
  double first = 0, last = 0;
  int failures = 0;
  for (int r = 1; r <= rounds; r++) {
    double t0 = nn_now();
    int ran = 0;
    for (int l = 0; l < nn_lesson_count(); l++) {
      const nn_lesson *lesson = nn_lesson_at(l);
      if (!lesson->build_data && !lesson->custom_start && !lesson->fill_snapshot)
        continue; /* declared in the registry, not built yet */
      failures += run_lesson(lesson, epochs, (uint64_t) r);
      ran++;
    }
    last = resident_mb();
    if (r == 2)
      first = last;
    printf("round %d: %d lessons in %.1f s, %.1f MB resident\n", r, ran, nn_now() - t0, last);
    fflush(stdout);
  }
  printf("growth after the second round: %+.1f MB (allowed %.1f)\n", last - first, max_growth);
  if (failures) {
    printf("%d runs did not finish\n", failures);
    return 1;
  }
  return last - first > max_growth ? 1 : 0;
}
