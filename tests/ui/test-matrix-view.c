/* The matrix view and the kernel editor: cells coloured by their values where the values say,
 * numbers printed (and left out when they would be unreadable), the highlight and the padding
 * drawn, the numbers formatted as a student reads them; the editor's cells, its signal and its
 * accessible names. */
#include <gtk/gtk.h>
#include <math.h>

#include "eiaf-kernel-editor.h"
#include "eiaf-matrix-view.h"

static GtkWidget *window;
static GtkWidget *box;

static GtkWidget *adopt(GtkWidget *widget)
{
  gtk_box_append(GTK_BOX(box), widget);
  return widget;
}

static void drop(GtkWidget *widget)
{
  gtk_box_remove(GTK_BOX(box), widget);
}

typedef struct {
  cairo_surface_t *surface;
  int scale;
} Image;

static Image render(GtkWidget *plot, int width, int height, int scale)
{
  Image img = {eiaf_plot_render_surface(EIAF_PLOT(plot), width, height, scale), scale};
  g_assert_cmpint(cairo_surface_status(img.surface), ==, CAIRO_STATUS_SUCCESS);
  return img;
}

static GdkRGBA pixel(const Image *img, double x, double y)
{
  int dx = (int) floor(x * img->scale), dy = (int) floor(y * img->scale);
  g_assert_cmpint(dx, >=, 0);
  g_assert_cmpint(dy, >=, 0);
  g_assert_cmpint(dx, <, cairo_image_surface_get_width(img->surface));
  g_assert_cmpint(dy, <, cairo_image_surface_get_height(img->surface));
  const guint8 *row = cairo_image_surface_get_data(img->surface) +
                      (gsize) dy * cairo_image_surface_get_stride(img->surface);
  guint32 p = ((const guint32 *) row)[dx];
  return (GdkRGBA){((p >> 16) & 0xff) / 255.0f, ((p >> 8) & 0xff) / 255.0f, (p & 0xff) / 255.0f, 1};
}

static double distance(const GdkRGBA *a, const GdkRGBA *b)
{
  return 255 * sqrt((a->red - b->red) * (a->red - b->red) +
                    (a->green - b->green) * (a->green - b->green) +
                    (a->blue - b->blue) * (a->blue - b->blue));
}

/* Pixels of the part `inset` (a fraction of its side) inside a cell's edges unlike the colour
 * at its corner: its number (inset 0.2), or its number and ring (inset 0.05). */
static int ink_in(const Image *img, const graphene_rect_t *cell, double inset)
{
  GdkRGBA bg = pixel(img, cell->origin.x + 3, cell->origin.y + 3);
  int n = 0;
  for (double y = cell->origin.y + cell->size.height * inset;
       y < cell->origin.y + cell->size.height * (1 - inset); y += 1.0 / img->scale)
    for (double x = cell->origin.x + cell->size.width * inset;
         x < cell->origin.x + cell->size.width * (1 - inset); x += 1.0 / img->scale) {
      GdkRGBA c = pixel(img, x, y);
      n += distance(&c, &bg) > 60;
    }
  return n;
}

static int ink_in_cell(const Image *img, const graphene_rect_t *cell)
{
  return ink_in(img, cell, 0.2);
}

static GdkRGBA cell_corner(EiafMatrixView *view, const Image *img, guint r, guint c)
{
  graphene_rect_t rect;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, r, c, &rect));
  return pixel(img, rect.origin.x + 3, rect.origin.y + 3);
}

/* ---- matrix view ---- */

static const float sobel_output[] = {-4, 0, 4, -4, 0, 4, -4, 0, 4};

static void test_matrix_view_colours_and_numbers(void)
{
  GtkWidget *w = adopt(eiaf_matrix_view_new());
  EiafMatrixView *view = EIAF_MATRIX_VIEW(w);
  eiaf_matrix_view_set_values(view, sobel_output, 3, 3);
  Image img = render(w, 300, 300, 1);
  /* Diverging around zero: −4 blue, 4 orange, 0 white. */
  GdkRGBA neg = cell_corner(view, &img, 0, 0), zero = cell_corner(view, &img, 1, 1);
  GdkRGBA pos = cell_corner(view, &img, 2, 2), centre, low, high;
  g_assert_cmpfloat(neg.blue, >, neg.red + 0.3);
  g_assert_cmpfloat(pos.red, >, pos.blue + 0.3);
  /* Exactly the map's colours: −4 and 4 are its ends (the range is ±4), 0 its centre. */
  eiaf_colormap_rgba(EIAF_COLORMAP_DIVERGING, 0.5, &centre);
  eiaf_colormap_rgba(EIAF_COLORMAP_DIVERGING, 0.0, &low);
  eiaf_colormap_rgba(EIAF_COLORMAP_DIVERGING, 1.0, &high);
  g_assert_cmpfloat(distance(&zero, &centre), <, 3);
  g_assert_cmpfloat(distance(&neg, &low), <, 3);
  g_assert_cmpfloat(distance(&pos, &high), <, 3);
  g_assert_cmpfloat(centre.red + centre.green + centre.blue, >, 2.7);
  /* Every cell has its number: ink in its middle. */
  g_assert_cmpfloat(eiaf_matrix_view_get_value_font_size(view), >=, 7);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++) {
      graphene_rect_t cell;
      g_assert_true(eiaf_matrix_view_get_cell_area(view, r, c, &cell));
      g_assert_cmpfloat(cell.size.width, >, 60);
      g_assert_cmpint(ink_in_cell(&img, &cell), >, 15);
    }
  cairo_surface_destroy(img.surface);

  /* A NaN cell (not computed yet) is empty: no colour, no number. */
  float partial[] = {-4, 0, NAN, NAN};
  eiaf_matrix_view_set_values(view, partial, 2, 2);
  img = render(w, 200, 200, 2);
  graphene_rect_t empty;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 1, 1, &empty));
  g_assert_cmpint(ink_in_cell(&img, &empty), ==, 0);
  GdkRGBA paper = eiaf_plot_get_colors(EIAF_PLOT(w))->paper;
  GdkRGBA inside =
      pixel(&img, empty.origin.x + empty.size.width / 2, empty.origin.y + empty.size.height / 2);
  g_assert_cmpfloat(distance(&inside, &paper), <, 4);
  cairo_surface_destroy(img.surface);
  drop(w);
}

static void test_matrix_view_grey_and_small(void)
{
  GtkWidget *w = adopt(eiaf_matrix_view_new());
  EiafMatrixView *view = EIAF_MATRIX_VIEW(w);
  eiaf_matrix_view_set_colormap(view, EIAF_COLORMAP_GREY);
  eiaf_matrix_view_set_range(view, 0, 1);
  float img_values[28 * 28] = {0};
  for (int i = 0; i < 28; i++)
    img_values[i * 28 + 14] = 1;
  eiaf_matrix_view_set_values(view, img_values, 28, 28);
  /* 28 × 28 in 120 pixels: cells of 4 — too small for numbers, the colours remain. */
  Image img = render(w, 120, 120, 1);
  g_assert_cmpfloat(eiaf_matrix_view_get_value_font_size(view), ==, 0);
  GdkRGBA black = {0, 0, 0, 1}, white = {1, 1, 1, 1};
  graphene_rect_t on, off;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 5, 14, &on));
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 5, 3, &off));
  GdkRGBA c_on = pixel(&img, on.origin.x + on.size.width / 2, on.origin.y + on.size.height / 2);
  GdkRGBA c_off =
      pixel(&img, off.origin.x + off.size.width / 2, off.origin.y + off.size.height / 2);
  g_assert_cmpfloat(distance(&c_on, &white), <, 12);
  g_assert_cmpfloat(distance(&c_off, &black), <, 12);
  cairo_surface_destroy(img.surface);
  /* The same matrix big enough: the numbers come back. */
  img = render(w, 900, 900, 1);
  g_assert_cmpfloat(eiaf_matrix_view_get_value_font_size(view), >=, 7);
  cairo_surface_destroy(img.surface);
  drop(w);
}

static void test_matrix_view_highlight_and_padding(void)
{
  GtkWidget *w = adopt(eiaf_matrix_view_new());
  EiafMatrixView *view = EIAF_MATRIX_VIEW(w);
  /* The lab's 5 × 5 vertical line with one ring of padding: 7 × 7. */
  float padded[49] = {0};
  for (int r = 1; r < 6; r++)
    padded[r * 7 + 3] = 1;
  eiaf_matrix_view_set_values(view, padded, 7, 7);
  eiaf_matrix_view_set_padding(view, 1);
  eiaf_matrix_view_set_highlight(view, 2, 2, 3, 3);
  guint r, c, nr, nc;
  g_assert_true(eiaf_matrix_view_get_highlight(view, &r, &c, &nr, &nc));
  g_assert_cmpuint(r, ==, 2);
  g_assert_cmpuint(nc, ==, 3);
  Image img = render(w, 350, 350, 1);
  const EiafPlotColors *colors = eiaf_plot_get_colors(EIAF_PLOT(w));

  /* The highlight's frame runs along the window's top edge in the accent colour. */
  graphene_rect_t first, last;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 2, 2, &first));
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 4, 4, &last));
  GdkRGBA edge = pixel(&img, first.origin.x + first.size.width * 1.5, first.origin.y);
  g_assert_cmpfloat(distance(&edge, &colors->accent), <, 30);
  GdkRGBA right = pixel(&img, last.origin.x + last.size.width, last.origin.y + 10);
  g_assert_cmpfloat(distance(&right, &colors->accent), <, 30);
  /* No frame around a cell outside the window. */
  graphene_rect_t outside;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 5, 5, &outside));
  GdkRGBA plain = pixel(&img, outside.origin.x + outside.size.width / 2, outside.origin.y + 1);
  g_assert_cmpfloat(distance(&plain, &colors->accent), >, 100);

  /* Padding cells are hatched (several colours along a row of the cell), image cells of the
   * same value are flat. */
  graphene_rect_t pad_cell, image_cell;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 0, 1, &pad_cell));
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 5, 1, &image_cell));
  int pad_changes = 0, image_changes = 0;
  for (int dx = 2; dx < (int) pad_cell.size.width - 2; dx++) {
    GdkRGBA a = pixel(&img, pad_cell.origin.x + dx, pad_cell.origin.y + 4);
    GdkRGBA b = pixel(&img, pad_cell.origin.x + dx + 1, pad_cell.origin.y + 4);
    pad_changes += distance(&a, &b) > 20;
    a = pixel(&img, image_cell.origin.x + dx, image_cell.origin.y + 4);
    b = pixel(&img, image_cell.origin.x + dx + 1, image_cell.origin.y + 4);
    image_changes += distance(&a, &b) > 20;
  }
  g_assert_cmpint(pad_changes, >=, 4);
  g_assert_cmpint(image_changes, ==, 0);
  cairo_surface_destroy(img.surface);

  /* Marks ring a number: more ink in a marked cell than in the same value unmarked. */
  eiaf_matrix_view_set_padding(view, 0);
  eiaf_matrix_view_set_highlight(view, 0, 0, 0, 0);
  g_assert_false(eiaf_matrix_view_get_highlight(view, NULL, NULL, NULL, NULL));
  guint8 marks[49] = {0};
  marks[1 * 7 + 3] = 1;
  eiaf_matrix_view_set_marks(view, marks, 7, 7);
  img = render(w, 350, 350, 1);
  graphene_rect_t marked, unmarked;
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 1, 3, &marked));
  g_assert_true(eiaf_matrix_view_get_cell_area(view, 2, 3, &unmarked));
  g_assert_cmpint(ink_in(&img, &marked, 0.05), >, ink_in(&img, &unmarked, 0.05) + 40);
  cairo_surface_destroy(img.surface);
  drop(w);
}

static void test_matrix_view_format(void)
{
  static const struct {
    double value;
    guint decimals;
    const char *text;
  } cases[] = {
      {-4, 2, "−4"}, {0, 2, "0"},         {0.5, 2, "0.5"},   {1.0 / 9, 2, "0.11"}, {-0.001, 2, "0"},
      {2.0, 0, "2"}, {-2.345, 1, "−2.3"}, {12.5, 2, "12.5"}, {NAN, 2, ""},         {-1e-9, 3, "0"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    char buf[32];
    eiaf_matrix_view_format_value(cases[i].value, cases[i].decimals, buf, sizeof buf);
    g_assert_cmpstr(buf, ==, cases[i].text);
  }
}

static void test_matrix_view_accessible(void)
{
  GtkWidget *w = adopt(eiaf_matrix_view_new());
  gtk_test_accessible_assert_role(w, GTK_ACCESSIBLE_ROLE_IMG);
  eiaf_plot_set_title(EIAF_PLOT(w), "Output map");
  gtk_test_accessible_assert_property(w, GTK_ACCESSIBLE_PROPERTY_LABEL, "Output map");
  eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(w), sobel_output, 3, 3);
  const char *expected = "3 × 3: −4, 0, 4; −4, 0, 4; −4, 0, 4";
  gtk_test_accessible_assert_property(w, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  /* The drawn title takes room above the cells. */
  eiaf_matrix_view_set_show_title(EIAF_MATRIX_VIEW(w), TRUE);
  Image img = render(w, 200, 240, 1);
  graphene_rect_t cell;
  g_assert_true(eiaf_matrix_view_get_cell_area(EIAF_MATRIX_VIEW(w), 0, 0, &cell));
  g_assert_cmpfloat(cell.origin.y, >, 12);
  cairo_surface_destroy(img.surface);
  drop(w);
}

/* ---- kernel editor ---- */

typedef struct {
  int count;
  guint row, col;
  double value;
} Changed;

static void on_changed_cb(EiafKernelEditor *editor, guint row, guint col, double value,
                          Changed *seen)
{
  seen->count++;
  seen->row = row, seen->col = col, seen->value = value;
}

static void test_kernel_editor(void)
{
  GtkWidget *w = adopt(eiaf_kernel_editor_new(3, 3));
  EiafKernelEditor *editor = EIAF_KERNEL_EDITOR(w);
  eiaf_kernel_editor_set_label(editor, "Kernel");
  gtk_test_accessible_assert_role(w, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property(w, GTK_ACCESSIBLE_PROPERTY_LABEL, "Kernel");
  GtkWidget *cell = eiaf_kernel_editor_get_cell(editor, 0, 1);
  gtk_test_accessible_assert_role(cell, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);
  gtk_test_accessible_assert_property(cell, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      "Kernel, row 1, column 2");

  Changed seen = {0};
  g_signal_connect(w, "changed", G_CALLBACK(on_changed_cb), &seen);
  const double sobel[9] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
  eiaf_kernel_editor_set_values(editor, sobel);
  g_assert_cmpint(seen.count, ==, 0);
  double back[9];
  eiaf_kernel_editor_get_values(editor, back);
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat(back[i], ==, sobel[i]);

  /* A change to one cell, as the keys or typing make it: one "changed" with its place. */
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(eiaf_kernel_editor_get_cell(editor, 2, 1)), 1.5);
  g_assert_cmpint(seen.count, ==, 1);
  g_assert_cmpuint(seen.row, ==, 2);
  g_assert_cmpuint(seen.col, ==, 1);
  g_assert_cmpfloat(seen.value, ==, 1.5);
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 2, 1), ==, 1.5);
  gtk_spin_button_spin(GTK_SPIN_BUTTON(cell), GTK_SPIN_STEP_FORWARD, 0);
  g_assert_cmpint(seen.count, ==, 2);
  g_assert_cmpfloat(fabs(seen.value - 0.1), <, 1e-9);

  /* Text being typed into a cell survives the same values set again (a new snapshot). */
  double now[9];
  eiaf_kernel_editor_get_values(editor, now);
  gtk_editable_set_text(GTK_EDITABLE(cell), "4.2");
  eiaf_kernel_editor_set_values(editor, now);
  g_assert_cmpstr(gtk_editable_get_text(GTK_EDITABLE(cell)), ==, "4.2");
  gtk_spin_button_update(GTK_SPIN_BUTTON(cell));
  g_assert_cmpint(seen.count, ==, 3);
  g_assert_cmpfloat(fabs(seen.value - 4.2), <, 1e-9);

  /* The range clamps; set_range itself emits nothing. */
  eiaf_kernel_editor_set_range(editor, -2, 2, 0.5, 1);
  g_assert_cmpint(seen.count, ==, 3);
  const double big[9] = {5, -5, 0, 0, 0, 0, 0, 0, 0};
  eiaf_kernel_editor_set_values(editor, big);
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 0, 0), ==, 2);
  g_assert_cmpfloat(eiaf_kernel_editor_get_value(editor, 0, 1), ==, -2);

  /* Compact: no +/− buttons shown, and three cells fit a 300-pixel column. */
  for (GtkWidget *child = gtk_widget_get_first_child(cell); child;
       child = gtk_widget_get_next_sibling(child))
    if (GTK_IS_BUTTON(child))
      g_assert_false(gtk_widget_get_visible(child));
  int min_width;
  gtk_widget_measure(w, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint(min_width, <=, 280);
  drop(w);
}

static void test_finalize(void)
{
  GtkWidget *view = g_object_ref(adopt(eiaf_matrix_view_new()));
  eiaf_matrix_view_set_values(EIAF_MATRIX_VIEW(view), sobel_output, 3, 3);
  guint8 marks[9] = {1};
  eiaf_matrix_view_set_marks(EIAF_MATRIX_VIEW(view), marks, 3, 3);
  gtk_test_widget_wait_for_draw(view);
  drop(view);
  g_assert_finalize_object(view);

  GtkWidget *editor = g_object_ref(adopt(eiaf_kernel_editor_new(2, 3)));
  gtk_test_widget_wait_for_draw(editor);
  drop(editor);
  g_assert_finalize_object(editor);
}

int main(int argc, char **argv)
{
  gtk_test_init(&argc, &argv, NULL);
  g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme", FALSE, NULL);
  window = gtk_window_new();
  box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child(GTK_WINDOW(window), box);
  gtk_window_set_default_size(GTK_WINDOW(window), 400, 300);
  gtk_window_present(GTK_WINDOW(window));

  g_test_add_func("/matrix-view/colours-and-numbers", test_matrix_view_colours_and_numbers);
  g_test_add_func("/matrix-view/grey-and-small", test_matrix_view_grey_and_small);
  g_test_add_func("/matrix-view/highlight-and-padding", test_matrix_view_highlight_and_padding);
  g_test_add_func("/matrix-view/format", test_matrix_view_format);
  g_test_add_func("/matrix-view/accessible", test_matrix_view_accessible);
  g_test_add_func("/kernel-editor/cells-and-signal", test_kernel_editor);
  g_test_add_func("/matrix-view/finalize", test_finalize);
  int status = g_test_run();
  gtk_window_destroy(GTK_WINDOW(window));
  return status;
}
