/* Parameter declarations: presets, range checks and parsing, shared by the CLI, the app and
 * the tests so that a value is accepted or refused the same way everywhere. */
#include "nn_lesson.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int nn_lesson_param_index(const nn_lesson *l, const char *name)
{
  for (int i = 0; i < l->n_params; i++)
    if (strcmp(l->params[i].name, name) == 0)
      return i;
  return -1;
}

void nn_lesson_preset(const nn_lesson *l, nn_preset preset, double *values)
{
  for (int i = 0; i < l->n_params; i++)
    values[i] = preset == NN_PRESET_COURSE ? l->params[i].course : l->params[i].quick;
}

double nn_param_value(const nn_lesson *l, const double *values, const char *name)
{
  int i = nn_lesson_param_index(l, name);
  assert(i >= 0);
  return values[i];
}

static int choice_count(const nn_param_desc *d)
{
  int n = 0;
  while (d->choices && d->choices[n])
    n++;
  return n;
}

bool nn_lesson_check_param(const nn_lesson *l, int index, double value, nn_error *err)
{
  const nn_param_desc *d = &l->params[index];
  if (!isfinite(value))
    return nn_fail(err, "%s must be a finite number", d->name);
  switch (d->type) {
  case NN_PARAM_BOOL:
    if (value != 0 && value != 1)
      return nn_fail(err, "%s must be true or false", d->name);
    return true;
  case NN_PARAM_CHOICE:
    if (value != floor(value) || value < 0 || value >= choice_count(d))
      return nn_fail(err, "%s must be one of its choices", d->name);
    return true;
  case NN_PARAM_INT:
    if (value != floor(value))
      return nn_fail(err, "%s must be a whole number, got %g", d->name, value);
    /* fall through */
  case NN_PARAM_FLOAT:
    if (value < d->min || value > d->max)
      return nn_fail(err, "%s must be between %g and %g, got %g", d->name, d->min, d->max,
                     value);
    return true;
  }
  return nn_fail(err, "%s: unknown parameter type", d->name);
}

bool nn_lesson_parse_param(const nn_lesson *l, int index, const char *text, double *value,
                           nn_error *err)
{
  const nn_param_desc *d = &l->params[index];
  if (d->type == NN_PARAM_CHOICE) {
    for (int i = 0; d->choices[i]; i++) {
      if (strcasecmp(d->choices[i], text) == 0) {
        *value = i;
        return true;
      }
    }
    char list[256] = "";
    for (int i = 0; d->choices[i]; i++) {
      strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
      strncat(list, d->choices[i], sizeof list - strlen(list) - 1);
    }
    return nn_fail(err, "%s must be one of: %s (got '%s')", d->name, list, text);
  }
  if (d->type == NN_PARAM_BOOL) {
    if (!strcasecmp(text, "true") || !strcmp(text, "1") || !strcasecmp(text, "yes") ||
        !strcasecmp(text, "on")) {
      *value = 1;
      return true;
    }
    if (!strcasecmp(text, "false") || !strcmp(text, "0") || !strcasecmp(text, "no") ||
        !strcasecmp(text, "off")) {
      *value = 0;
      return true;
    }
    return nn_fail(err, "%s must be true or false (got '%s')", d->name, text);
  }
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end != '\0' || errno == ERANGE)
    return nn_fail(err, "%s needs a number, got '%s'", d->name, text);
  if (!nn_lesson_check_param(l, index, v, err))
    return false;
  *value = v;
  return true;
}
