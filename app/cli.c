/* everything-is-a-font-cli: every lesson without a display. See DESIGN §4 and `--help`.
 * Exit status: 0 success, 1 a run that failed or diverged, 2 bad usage or bad input. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nn_lesson.h"

static const char usage_text[] =
    "Usage: everything-is-a-font-cli COMMAND [ARGS…]\n"
    "\n"
    "Commands:\n"
    "  list                       id<TAB>title of every lesson, one a line\n"
    "  help, --help               this text\n"
    "  --version                  the version\n";

static int cmd_list(int argc, char **argv)
{
  if (argc > 1)
    return cli_usage_error("list takes no arguments (got '%s')", argv[1]);
  for (int i = 0; i < nn_lesson_count(); i++) {
    const nn_lesson *l = nn_lesson_at(i);
    printf("%s\t%s\n", l->id, l->title);
  }
  return 0;
}

int cli_usage_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("everything-is-a-font-cli: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputs("\nTry 'everything-is-a-font-cli --help'.\n", stderr);
  va_end(ap);
  return 2;
}

int main(int argc, char **argv)
{
  if (argc < 2)
    return cli_usage_error("no command given");
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (!strcmp(cmd, "--version")) {
    printf("everything-is-a-font-cli %s\n", PACKAGE_VERSION);
    return 0;
  }
  if (!strcmp(cmd, "list"))
    return cmd_list(argc - 1, argv + 1);
  if (cmd[0] == '-')
    return cli_usage_error("unknown option '%s'", cmd);
  return cli_usage_error("unknown command '%s'", cmd);
}
