/* EiafMatrixView: a small matrix drawn as square cells, each coloured by its value (a diverging
 * map around zero, or grey) with the value printed in it — an image, a kernel, a feature map
 * whose every number can be read. Optional: a highlighted rectangle of cells (the window under
 * a kernel), an outer ring of padding cells drawn hatched, marked cells (ringed values), and
 * the title drawn above the cells (for matrices laid out together without captions).
 *
 * The numbers are sized to fit the cells and left out when they would be too small to read
 * (a 28×28 image in a small picture); the colours still show the matrix then. The accessible
 * description reads the values row by row for matrices of up to 64 cells. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_MATRIX_VIEW (eiaf_matrix_view_get_type())
G_DECLARE_FINAL_TYPE(EiafMatrixView, eiaf_matrix_view, EIAF, MATRIX_VIEW, EiafPlot)

GtkWidget *eiaf_matrix_view_new(void);

/* rows × cols values, row-major. Copied. A NaN cell is drawn empty (a value not computed
 * yet). */
void eiaf_matrix_view_set_values(EiafMatrixView *self, const float *values, guint rows, guint cols);
guint eiaf_matrix_view_get_rows(EiafMatrixView *self);
guint eiaf_matrix_view_get_cols(EiafMatrixView *self);
void eiaf_matrix_view_clear(EiafMatrixView *self);

/* Property "padding": the outer `padding` rings of cells are padding (zeros added around an
 * image): hatched, with dim numbers, and a line around the image inside them. */
void eiaf_matrix_view_set_padding(EiafMatrixView *self, guint padding);
guint eiaf_matrix_view_get_padding(EiafMatrixView *self);

/* Property "colormap": EIAF_COLORMAP_DIVERGING (default: blue below zero, white at zero,
 * orange above, symmetric around zero) or EIAF_COLORMAP_GREY (black at the low end, white at
 * the high end, like an image). */
void eiaf_matrix_view_set_colormap(EiafMatrixView *self, EiafColormap map);
EiafColormap eiaf_matrix_view_get_colormap(EiafMatrixView *self);
/* The values the colours span: [lo, hi] (diverging: ±max(|lo|, |hi|)). NaN for both (the
 * default): the matrix's own range — matrices shown side by side may share one this way. */
void eiaf_matrix_view_set_range(EiafMatrixView *self, double lo, double hi);

/* Draws a thick frame (the accent colour) around rows [row, row + n_rows) × columns [col, col +
 * n_cols); n_rows or n_cols 0 removes it. Clipped to the matrix. */
void eiaf_matrix_view_set_highlight(EiafMatrixView *self, guint row, guint col, guint n_rows,
                                    guint n_cols);
/* Where the highlight is; FALSE when there is none. Any out-pointer may be NULL. */
gboolean eiaf_matrix_view_get_highlight(EiafMatrixView *self, guint *row, guint *col, guint *n_rows,
                                        guint *n_cols);

/* Rings the values of the cells whose mark is non-zero (rows × cols marks, copied; NULL
 * clears). Marks of another size than the values are ignored. */
void eiaf_matrix_view_set_marks(EiafMatrixView *self, const guint8 *marks, guint rows, guint cols);

/* Property "decimals": at most this many digits after the point (default 2); trailing zeros
 * are dropped ("0.5", "4", "−0.11"). */
void eiaf_matrix_view_set_decimals(EiafMatrixView *self, guint decimals);
/* Property "show-title": the title is drawn above the cells (default FALSE: a page's caption
 * usually says it). */
void eiaf_matrix_view_set_show_title(EiafMatrixView *self, gboolean show);

/* The text shown for a value with at most `decimals` digits after the point: trailing zeros
 * dropped, a real minus sign, no "−0". For labels that quote the matrix's numbers. */
void eiaf_matrix_view_format_value(double value, guint decimals, char *buf, gsize size);

/* For tests: where cell (row, col) was last drawn, in widget coordinates; FALSE before the
 * first draw or outside the matrix. */
gboolean eiaf_matrix_view_get_cell_area(EiafMatrixView *self, guint row, guint col,
                                        graphene_rect_t *rect);
/* The font size (user units) the numbers were last drawn at; 0 when they were left out. */
double eiaf_matrix_view_get_value_font_size(EiafMatrixView *self);

G_END_DECLS
