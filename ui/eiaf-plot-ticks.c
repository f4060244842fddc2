/* Axis ranges, nice ticks and their labels (declared in eiaf-plot-draw.h). */
#include "eiaf-plot-draw.h"

#include <math.h>
#include <string.h>

/* Beyond this the labels switch to "1e6" style. */
#define SCI_HIGH 1e6
#define SCI_LOW  1e-4

void eiaf_range_sanitize(double *lo, double *hi, gboolean log)
{
  double a = *lo, b = *hi;
  if (log) {
    if (!(a > 0) || !isfinite(a))
      a = NAN;
    if (!(b > 0) || !isfinite(b))
      b = NAN;
  }
  if (!isfinite(a) && !isfinite(b)) {
    a = log ? 0.1 : 0.0;
    b = log ? 10.0 : 1.0;
  } else if (!isfinite(a)) {
    a = log ? b / 10.0 : b - 1.0;
  } else if (!isfinite(b)) {
    b = log ? a * 10.0 : a + 1.0;
  }
  if (a > b) {
    double t = a;
    a = b;
    b = t;
  }
  /* Keep a span that doubles can tick: at least a millionth of the values' size. */
  double size = MAX(fabs(a), fabs(b));
  if (log) {
    if (b <= a * (1 + 1e-6)) {
      a /= 2;
      b *= 2;
    }
  } else if (b - a <= size * 1e-6 || b - a < 1e-300) {
    double pad = size > 0 ? size * 0.1 : 1.0;
    a -= pad;
    b += pad;
  }
  /* Ranges near DBL_MAX would overflow the tick arithmetic. */
  *lo = CLAMP(a, -1e300, 1e300);
  *hi = CLAMP(b, -1e300, 1e300);
}

static double nice_num(double x, gboolean round_it)
{
  double e = floor(log10(x));
  double f = x / pow(10.0, e);
  double nf;
  if (round_it)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * pow(10.0, e);
}

void eiaf_ticks_linear(EiafTicks *t, double lo, double hi, int max_ticks, gboolean loose)
{
  g_return_if_fail(t != NULL);
  memset(t, 0, sizeof *t);
  eiaf_range_sanitize(&lo, &hi, FALSE);
  max_ticks = CLAMP(max_ticks, 2, 12);
  /* A fixed range can fall between two nice ticks (−15…15 with steps of 20): ask for more
   * until at least two land inside. */
  if (!loose) {
    for (int more = max_ticks; more <= 12; more++) {
      eiaf_ticks_linear(t, lo, hi, more, TRUE);
      int inside = 0;
      for (int i = 0; i < t->n; i++)
        inside += t->values[i] >= lo - t->step * 1e-9 && t->values[i] <= hi + t->step * 1e-9;
      if (inside >= 2) {
        max_ticks = more;
        break;
      }
    }
    memset(t, 0, sizeof *t);
  }

  /* Heckbert first rounds the range itself up to a nice number, which often leaves half the
   * ticks asked for; rounding only the step keeps the count close to max_ticks. */
  double d = nice_num((hi - lo) / (max_ticks - 1), TRUE);
  double first, last;
  if (loose) {
    first = floor(lo / d) * d;
    last = ceil(hi / d) * d;
  } else {
    /* The small slack keeps a tick that sits on the end despite rounding. */
    first = ceil(lo / d - 1e-9) * d;
    last = floor(hi / d + 1e-9) * d;
  }
  int n = (int) lround((last - first) / d) + 1;
  t->n = CLAMP(n, 0, EIAF_MAX_TICKS);
  for (int i = 0; i < t->n; i++) {
    double v = first + i * d;
    t->values[i] = fabs(v) < d * 1e-9 ? 0.0 : v;
  }
  t->lo = loose ? MIN(first, lo) : lo;
  t->hi = loose ? MAX(last, hi) : hi;
  t->step = d;
  double big = MAX(fabs(first), fabs(last));
  t->scientific = big >= SCI_HIGH || d < SCI_LOW;
  t->frac_digits = (int) CLAMP(-floor(log10(d) + 1e-9), 0, 10);
}

void eiaf_ticks_whole(EiafTicks *t)
{
  g_return_if_fail(t != NULL);
  if (t->log || t->step >= 1 || t->n == 0)
    return;
  /* The range stays as chosen (a loose one already ends on ticks of the finer step). */
  double first = ceil(t->lo - 1e-9), last = floor(t->hi + 1e-9);
  t->n = 0;
  for (double v = first; v <= last && t->n < EIAF_MAX_TICKS; v++)
    t->values[t->n++] = v;
  t->step = 1;
  t->frac_digits = 0;
}

void eiaf_ticks_log(EiafTicks *t, double lo, double hi, int max_ticks, gboolean loose)
{
  g_return_if_fail(t != NULL);
  memset(t, 0, sizeof *t);
  eiaf_range_sanitize(&lo, &hi, TRUE);
  t->log = TRUE;
  double e0 = floor(log10(lo) + 1e-9), e1 = ceil(log10(hi) - 1e-9);
  if (e1 <= e0)
    e1 = e0 + 1;
  t->lo = loose ? pow(10.0, e0) : lo;
  t->hi = loose ? pow(10.0, e1) : hi;

  int decades = (int) (e1 - e0);
  int every = MAX(1, (decades + MAX(max_ticks, 2) - 2) / (MAX(max_ticks, 2) - 1));
  /* Over one or two decades a decade alone leaves the axis bare: add 2 and 5. */
  static const double mantissas_short[] = {1, 2, 5};
  static const double mantissas_long[] = {1};
  gboolean fine = decades <= 2;
  const double *ms = fine ? mantissas_short : mantissas_long;
  int n_ms = fine ? 3 : 1;
  for (double e = e0; e <= e1 && t->n < EIAF_MAX_TICKS; e += every) {
    for (int k = 0; k < n_ms && t->n < EIAF_MAX_TICKS; k++) {
      double v = ms[k] * pow(10.0, e);
      if (v >= t->lo * (1 - 1e-9) && v <= t->hi * (1 + 1e-9))
        t->values[t->n++] = v;
    }
  }
  t->frac_digits = (int) CLAMP(-e0, 0, 10);
}

/* "−" (U+2212) reads as a minus sign; "-" reads as a hyphen. */
static void use_real_minus(char *buf, gsize size)
{
  char tmp[64];
  gsize j = 0;
  for (const char *p = buf; *p && j + 4 < sizeof tmp; p++) {
    if (*p == '-') {
      memcpy(tmp + j, "\xe2\x88\x92", 3);
      j += 3;
    } else {
      tmp[j++] = *p;
    }
  }
  tmp[j] = '\0';
  g_strlcpy(buf, tmp, size);
}

static void format_scientific(double v, int digits, char *buf, gsize size)
{
  if (v == 0) {
    g_strlcpy(buf, "0", size);
    return;
  }
  int e = (int) floor(log10(fabs(v)) + 1e-12);
  double m = v / pow(10.0, e);
  if (fabs(m) >= 9.9999999)
    m /= 10, e += 1;
  char mant[32];
  g_snprintf(mant, sizeof mant, "%.*f", CLAMP(digits, 0, 6), m);
  if (strcmp(mant, "1") == 0 || strcmp(mant, "1.0") == 0)
    g_snprintf(buf, size, "1e%d", e);
  else if (strcmp(mant, "-1") == 0)
    g_snprintf(buf, size, "-1e%d", e);
  else
    g_snprintf(buf, size, "%se%d", mant, e);
}

void eiaf_ticks_format(const EiafTicks *t, double v, char *buf, gsize size)
{
  g_return_if_fail(t != NULL && buf != NULL);
  if (t->log) {
    /* Each label on its own: "0.01", "1", "1000", but "1e−6" far out. */
    if (v >= SCI_LOW && v < SCI_HIGH)
      g_snprintf(buf, size, "%.*f", (int) CLAMP(-floor(log10(v) + 1e-9), 0, 10), v);
    else
      format_scientific(v, 0, buf, size);
  } else if (t->scientific) {
    /* Enough mantissa digits to tell neighbouring ticks apart. */
    double big = MAX(fabs(t->lo), fabs(t->hi));
    int digits = (int) CLAMP(floor(log10(big)) - floor(log10(t->step)), 0, 4);
    format_scientific(v, digits, buf, size);
  } else {
    g_snprintf(buf, size, "%.*f", t->frac_digits, v);
  }
  use_real_minus(buf, size);
}

void eiaf_format_value(double v, int digits, char *buf, gsize size)
{
  g_return_if_fail(buf != NULL);
  if (isnan(v))
    g_strlcpy(buf, "NaN", size);
  else if (isinf(v))
    g_strlcpy(buf, v > 0 ? "∞" : "-∞", size);
  else if (v != 0 && (fabs(v) >= SCI_HIGH || fabs(v) < SCI_LOW))
    format_scientific(v, MAX(digits - 1, 0), buf, size);
  else
    g_snprintf(buf, size, "%.*g", CLAMP(digits, 1, 12), v);
  use_real_minus(buf, size);
}
