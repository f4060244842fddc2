/* Polylines with gaps and per-column decimation, and iso-lines by marching squares (declared
 * in eiaf-plot-draw.h). */
#include "eiaf-plot-draw.h"

#include <math.h>

/* Cairo keeps coordinates in 24.8 fixed point: a value of 1e30 on screen would wrap around.
 * Points are clamped to a band this wide around the plot area; inside the area the drawing
 * is unchanged. */
#define GUARD 2e4

typedef struct {
  double x, y;
  gsize i;
} Pt;

/* One device-pixel column's worth of consecutive points. */
typedef struct {
  gboolean open; /* a group is being collected */
  long column;
  gsize count;
  Pt first, lo, hi, last;
} Group;

typedef struct {
  double x, y, w, h;
} Box;

typedef struct {
  cairo_t *cr;
  gboolean pen; /* a sub-path is open */
  double last_x, last_y;
  long last_column;
  /* Where noisy columns become boxes (NULL: everything is path). */
  GArray *boxes;
  double line_width;
  int scale;
} Pen;

static void pen_to(Pen *pen, const Pt *p)
{
  if (!pen->pen) {
    cairo_move_to(pen->cr, p->x, p->y);
    pen->pen = TRUE;
  } else if (p->x != pen->last_x || p->y != pen->last_y) {
    cairo_line_to(pen->cr, p->x, p->y);
  }
  pen->last_x = p->x;
  pen->last_y = p->y;
}

/* The whole-pixel box a line of the pen's width would paint down one device column from top to
 * bottom: what a stroke of a tall zig-zag inside that column covers anyway. */
static void add_box(Pen *pen, long column, double top, double bottom)
{
  int width = MAX(1, (int) lround(pen->line_width * pen->scale));
  double half = pen->line_width / 2, s = pen->scale;
  double y0 = floor((top - half) * s) / s, y1 = ceil((bottom + half) * s) / s;
  Box box = {(column - width / 2) / s, y0, width / s, y1 - y0};
  g_array_append_val(pen->boxes, box);
}

static gboolean flush_as_box(Group *g, Pen *pen)
{
  if (!pen->boxes || g->count < 3 || g->hi.y - g->lo.y <= 2 * pen->line_width)
    return FALSE;
  double top = g->lo.y, bottom = g->hi.y;
  if (pen->pen && pen->last_column == g->column - 1) {
    /* Reaching back to the previous column's last point joins the two without a stroke. */
    top = MIN(top, pen->last_y);
    bottom = MAX(bottom, pen->last_y);
  } else if (pen->pen) {
    pen_to(pen, &g->first);
  }
  add_box(pen, g->column, top, bottom);
  cairo_move_to(pen->cr, g->last.x, g->last.y);
  pen->pen = TRUE;
  pen->last_x = g->last.x;
  pen->last_y = g->last.y;
  return TRUE;
}

static void flush(Group *g, Pen *pen)
{
  if (!g->open)
    return;
  g->open = FALSE;
  gboolean boxed = flush_as_box(g, pen);
  pen->last_column = g->column;
  if (boxed)
    return;
  pen_to(pen, &g->first);
  /* The extremes in the order they occurred, so the stroke follows the data. */
  const Pt *a = g->lo.i < g->hi.i ? &g->lo : &g->hi;
  const Pt *b = g->lo.i < g->hi.i ? &g->hi : &g->lo;
  if (a->i != g->first.i)
    pen_to(pen, a);
  if (b->i != g->first.i && b->i != a->i)
    pen_to(pen, b);
  if (g->last.i != a->i && g->last.i != b->i && g->last.i != g->first.i)
    pen_to(pen, &g->last);
}

static void build(Pen *pen, const EiafAxes *ax, const float *x, const float *y, gsize begin,
                  gsize end, int scale)
{
  Group g = {0};
  scale = MAX(scale, 1);
  double xmin = ax->px - GUARD, xmax = ax->px + ax->pw + GUARD;
  double ymin = ax->py - GUARD, ymax = ax->py + ax->ph + GUARD;

  for (gsize i = begin; i < end; i++) {
    Pt p = {eiaf_axes_map_x(ax, x[i]), eiaf_axes_map_y(ax, y[i]), i};
    if (!isfinite(p.x) || !isfinite(p.y) || !isfinite(x[i]) || !isfinite(y[i])) {
      flush(&g, pen);
      pen->pen = FALSE;
      continue;
    }
    p.x = CLAMP(p.x, xmin, xmax);
    p.y = CLAMP(p.y, ymin, ymax);
    long column = (long) floor(p.x * scale);
    if (g.open && column == g.column) {
      if (p.y < g.lo.y)
        g.lo = p;
      if (p.y > g.hi.y)
        g.hi = p;
      g.last = p;
      g.count++;
      continue;
    }
    flush(&g, pen);
    g = (Group){TRUE, column, 1, p, p, p, p};
  }
  flush(&g, pen);
}

void eiaf_path_polyline(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y,
                        gsize begin, gsize end, int scale)
{
  Pen pen = {cr, FALSE, 0, 0, 0, NULL, 0, MAX(scale, 1)};
  build(&pen, ax, x, y, begin, end, scale);
}

void eiaf_draw_polyline(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y,
                        gsize begin, gsize end, int scale, double line_width)
{
  Pen pen = {cr, FALSE, 0, 0, 0, g_array_new(FALSE, FALSE, sizeof(Box)), line_width, MAX(scale, 1)};
  cairo_new_path(cr);
  build(&pen, ax, x, y, begin, end, scale);
  cairo_set_line_width(cr, line_width);
  cairo_stroke(cr);
  for (guint i = 0; i < pen.boxes->len; i++) {
    const Box *b = &g_array_index(pen.boxes, Box, i);
    cairo_rectangle(cr, b->x, b->y, b->w, b->h);
  }
  cairo_fill(cr);
  g_array_unref(pen.boxes);
}

void eiaf_path_trail(cairo_t *cr, const EiafAxes *ax, const float *x, const float *y, gsize begin,
                     gsize end, int scale)
{
  double min_step = 1.0 / MAX(scale, 1), lx = 0, ly = 0;
  double xmin = ax->px - GUARD, xmax = ax->px + ax->pw + GUARD;
  double ymin = ax->py - GUARD, ymax = ax->py + ax->ph + GUARD;
  gboolean pen = FALSE, pending = FALSE;
  double px_pending = 0, py_pending = 0;
  for (gsize i = begin; i < end; i++) {
    double px = eiaf_axes_map_x(ax, x[i]), py = eiaf_axes_map_y(ax, y[i]);
    if (!isfinite(px) || !isfinite(py) || !isfinite(x[i]) || !isfinite(y[i])) {
      if (pending)
        cairo_line_to(cr, px_pending, py_pending);
      pen = pending = FALSE;
      continue;
    }
    px = CLAMP(px, xmin, xmax);
    py = CLAMP(py, ymin, ymax);
    if (!pen) {
      cairo_move_to(cr, px, py);
      pen = TRUE;
      lx = px, ly = py;
    } else if (fabs(px - lx) >= min_step || fabs(py - ly) >= min_step) {
      cairo_line_to(cr, px, py);
      lx = px, ly = py;
      pending = FALSE;
      continue;
    } else {
      /* Too close to keep, but the trail must still end where the data does. */
      pending = TRUE;
      px_pending = px, py_pending = py;
      continue;
    }
    pending = FALSE;
  }
  if (pending)
    cairo_line_to(cr, px_pending, py_pending);
}

/* ---- marching squares ---- */

enum { EDGE_BOTTOM, EDGE_RIGHT, EDGE_TOP, EDGE_LEFT };

/* Segments per case, corners numbered bottom-left 1, bottom-right 2, top-right 4,
 * top-left 8 (bit set: above the level). Saddles (5, 10) are resolved separately. */
static const signed char segments[16][4] = {
    {-1, -1, -1, -1},                  /* 0 */
    {EDGE_LEFT, EDGE_BOTTOM, -1, -1},  /* 1 */
    {EDGE_BOTTOM, EDGE_RIGHT, -1, -1}, /* 2 */
    {EDGE_LEFT, EDGE_RIGHT, -1, -1},   /* 3 */
    {EDGE_RIGHT, EDGE_TOP, -1, -1},    /* 4 */
    {-1, -1, -1, -1},                  /* 5: saddle */
    {EDGE_BOTTOM, EDGE_TOP, -1, -1},   /* 6 */
    {EDGE_LEFT, EDGE_TOP, -1, -1},     /* 7 */
    {EDGE_LEFT, EDGE_TOP, -1, -1},     /* 8 */
    {EDGE_BOTTOM, EDGE_TOP, -1, -1},   /* 9 */
    {-1, -1, -1, -1},                  /* 10: saddle */
    {EDGE_RIGHT, EDGE_TOP, -1, -1},    /* 11 */
    {EDGE_LEFT, EDGE_RIGHT, -1, -1},   /* 12 */
    {EDGE_BOTTOM, EDGE_RIGHT, -1, -1}, /* 13 */
    {EDGE_LEFT, EDGE_BOTTOM, -1, -1},  /* 14 */
    {-1, -1, -1, -1},                  /* 15 */
};

/* A saddle's two segments cut off either the bottom-right and top-left corners or the
 * bottom-left and top-right ones. */
static const signed char cut_br_tl[4] = {EDGE_BOTTOM, EDGE_RIGHT, EDGE_LEFT, EDGE_TOP};
static const signed char cut_bl_tr[4] = {EDGE_LEFT, EDGE_BOTTOM, EDGE_RIGHT, EDGE_TOP};

typedef struct {
  double v[4];           /* bottom-left, bottom-right, top-right, top-left */
  double x0, y0, dx, dy; /* bottom-left corner on screen; dy < 0 goes up */
} Cell;

static double cross(double a, double b, double level)
{
  double d = b - a;
  return d != 0 ? CLAMP((level - a) / d, 0.0, 1.0) : 0.5;
}

static void edge_point(const Cell *c, int edge, double level, double *x, double *y)
{
  switch (edge) {
  case EDGE_BOTTOM:
    *x = c->x0 + cross(c->v[0], c->v[1], level) * c->dx;
    *y = c->y0;
    break;
  case EDGE_RIGHT:
    *x = c->x0 + c->dx;
    *y = c->y0 + cross(c->v[1], c->v[2], level) * c->dy;
    break;
  case EDGE_TOP:
    *x = c->x0 + cross(c->v[3], c->v[2], level) * c->dx;
    *y = c->y0 + c->dy;
    break;
  default:
    *x = c->x0;
    *y = c->y0 + cross(c->v[0], c->v[3], level) * c->dy;
    break;
  }
}

static void add_segments(cairo_t *cr, const Cell *c, const signed char *seg, double level)
{
  for (int k = 0; k < 4 && seg[k] >= 0; k += 2) {
    double ax, ay, bx, by;
    edge_point(c, seg[k], level, &ax, &ay);
    edge_point(c, seg[k + 1], level, &bx, &by);
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, bx, by);
  }
}

void eiaf_path_iso_line(cairo_t *cr, const float *grid, int h, int w, double level, double rx,
                        double ry, double rw, double rh)
{
  if (!grid || h < 2 || w < 2 || !isfinite(level))
    return;
  double dx = rw / (w - 1), dy = -rh / (h - 1);
  for (int i = 0; i + 1 < h; i++) {
    const float *row = grid + (gsize) i * w, *up = row + w;
    for (int j = 0; j + 1 < w; j++) {
      Cell c = {{row[j], row[j + 1], up[j + 1], up[j]}, rx + j * dx, ry + rh + i * dy, dx, dy};
      if (!isfinite(c.v[0]) || !isfinite(c.v[1]) || !isfinite(c.v[2]) || !isfinite(c.v[3]))
        continue;
      int code =
          (c.v[0] > level) | (c.v[1] > level) << 1 | (c.v[2] > level) << 2 | (c.v[3] > level) << 3;
      if (code == 0 || code == 15)
        continue;
      if (code == 5 || code == 10) {
        /* The cell's centre decides: the corners on the other side of it are cut off. */
        gboolean centre_above = (c.v[0] + c.v[1] + c.v[2] + c.v[3]) / 4 > level;
        add_segments(cr, &c, (code == 5) == centre_above ? cut_br_tl : cut_bl_tr, level);
        continue;
      }
      add_segments(cr, &c, segments[code], level);
    }
  }
}
