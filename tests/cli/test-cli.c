/* The command line, run as a user would: output, and exit status 2 for every misuse. */
#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "nn_lesson.h"

typedef struct {
  int status;
  char *out, *err;
} CliResult;

static void cli_result_clear(CliResult *r)
{
  g_free(r->out);
  g_free(r->err);
}

/* Runs the CLI with a NULL-terminated argument list. */
static CliResult run_cli(const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new();
  g_ptr_array_add(argv, (gpointer) g_getenv("EIAF_CLI"));
  va_list ap;
  va_start(ap, first);
  for (const char *a = first; a; a = va_arg(ap, const char *))
    g_ptr_array_add(argv, (gpointer) a);
  va_end(ap);
  g_ptr_array_add(argv, NULL);

  CliResult r = {0};
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  g_assert_true(g_spawn_sync(NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                             &r.out, &r.err, &wait_status, &error));
  g_assert_no_error(error);
  g_assert_true(WIFEXITED(wait_status));
  r.status = WEXITSTATUS(wait_status);
  return r;
}

static void test_cli_list(void)
{
  CliResult r = run_cli("list", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_auto(GStrv) lines = g_strsplit(g_strchomp(r.out), "\n", -1);
  g_assert_cmpuint(g_strv_length(lines), ==, 26);
  g_assert_cmpint(nn_lesson_count(), ==, 26);
  for (int i = 0; i < 26; i++) {
    g_auto(GStrv) cols = g_strsplit(lines[i], "\t", -1);
    g_assert_cmpuint(g_strv_length(cols), ==, 2);
    g_assert_cmpstr(cols[0], ==, nn_lesson_at(i)->id);
    g_assert_cmpstr(cols[1], ==, nn_lesson_at(i)->title);
  }
  g_assert_cmpstr(nn_lesson_at(0)->id, ==, "logistic-bad-init");
  g_assert_cmpstr(nn_lesson_at(25)->id, ==, "cnn-mnist");
  cli_result_clear(&r);
}

static void test_cli_help(void)
{
  CliResult r = run_cli("--help", NULL);
  g_assert_cmpint(r.status, ==, 0);
  g_assert_nonnull(strstr(r.out, "Usage: everything-is-a-font-cli"));
  g_assert_nonnull(strstr(r.out, "list"));
  cli_result_clear(&r);
}

static void test_cli_misuse_exits_2(void)
{
  static const char *const cases[][3] = {
    /* argument, another, what the message must name */
    {"frobnicate", NULL, "unknown command 'frobnicate'"},
    {"--frobnicate", NULL, "unknown option '--frobnicate'"},
    {"list", "extra", "list takes no arguments (got 'extra')"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    CliResult r = run_cli(cases[i][0], cases[i][1], NULL);
    g_assert_cmpint(r.status, ==, 2);
    g_assert_nonnull(strstr(r.err, cases[i][2]));
    g_assert_cmpstr(r.out, ==, "");
    cli_result_clear(&r);
  }
  CliResult r = run_cli(NULL);
  g_assert_cmpint(r.status, ==, 2);
  g_assert_nonnull(strstr(r.err, "no command given"));
  cli_result_clear(&r);
}

int main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/cli/list", test_cli_list);
  g_test_add_func("/cli/help", test_cli_help);
  g_test_add_func("/cli/misuse-exits-2", test_cli_misuse_exits_2);
  return g_test_run();
}
