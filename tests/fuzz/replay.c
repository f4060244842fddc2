/* Replays every file of a corpus folder through a fuzz target's LLVMFuzzerTestOneInput, so
 * the normal test suite (under ASan/UBSan in CI) keeps every input a campaign found. Prints
 * TAP-free plain lines; exits non-zero when the folder has no inputs, so a missing corpus
 * cannot pass silently. A crash is the failure the sanitizers report. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *read_all(const char *path, size_t *size)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 4096, len = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      unsigned char *bigger = realloc(buf, cap *= 2);
      if (!bigger)
        free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  *size = len;
  return buf;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  DIR *dir = opendir(argv[1]);
  if (!dir) {
    fprintf(stderr, "%s: cannot open the corpus folder\n", argv[1]);
    return 1;
  }
  int replayed = 0;
  struct dirent *e;
  while ((e = readdir(dir))) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
    size_t size = 0;
    unsigned char *data = read_all(path, &size);
    if (!data) {
      fprintf(stderr, "%s: unreadable\n", path);
      closedir(dir);
      return 1;
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    replayed++;
  }
  closedir(dir);
  printf("replayed %d inputs from %s\n", replayed, argv[1]);
  return replayed > 0 ? 0 : 1;
}
