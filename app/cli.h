/* Shared by the CLI's commands. */
#pragma once

#include <stdarg.h>

/* Prints "everything-is-a-font-cli: MESSAGE" and a hint to stderr; returns 2. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
