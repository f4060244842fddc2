/* Lesson 26's page: draw a digit and watch the CNN read it — how the drawing is prepared, the
 * feature maps it makes in both convolution layers, the probabilities; beside them the curves
 * and the first layer's kernels. Until something is drawn, the maps are those of a test image
 * the snapshot brings. With Fashion-MNIST the page speaks of garments and names the clothes. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "eiaf-digit-predictor.h"
#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"
#include "nn_image.h"

#define SIDE    NN_DIGIT_SIDE
#define N_STEPS 3 /* pictures of the preparation */

/* The layers whose outputs are shown: the ReLU after each convolution. */
static const int map_layers[2] = {1, 4};

/* torchvision's FashionMNIST.classes (nn_mnist_class_name), for the user's language. */
static const char *const fashion_names[] = {
    N_("T-shirt/top"), N_("Trouser"), N_("Pullover"), N_("Dress"), N_("Coat"),
    N_("Sandal"),      N_("Shirt"),   N_("Sneaker"),  N_("Bag"),   N_("Ankle boot"),
};

typedef struct {
  EiafLessonPage *page;
  EiafDigitPredictor *predictor;
  EiafDigitCanvas *canvas;
  GtkWidget *draw_caption, *prep, *maps[2], *kernels;
  EiafTrainingPlots plots;
  int fashion; /* the classes the names and words are set for: -1 not yet, 0 digits, 1 clothes */
} CnnPage;

static GtkWidget *image_grid_new(EiafColormap colormap, gboolean colorbar)
{
  GtkWidget *grid = eiaf_image_grid_new();
  eiaf_image_grid_set_colormap(EIAF_IMAGE_GRID(grid), colormap);
  eiaf_image_grid_set_show_colorbar(EIAF_IMAGE_GRID(grid), colorbar);
  return grid;
}

static const char *class_name(const CnnPage *p, int c, char buf[4])
{
  if (p->fashion == 1 && c >= 0 && c < (int) G_N_ELEMENTS(fashion_names))
    return _(fashion_names[c]);
  g_snprintf(buf, 4, "%d", c);
  return buf;
}

/* ---- the drawn digit ---- */

/* The sheet shrunk to 28×28 by averaging 10×10 blocks: the drawing where it was drawn. */
static void sheet_thumbnail(const float *ink, int w, int h, float *out)
{
  int bw = w / SIDE, bh = h / SIDE;
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++) {
      double sum = 0;
      for (int dy = 0; dy < bh; dy++)
        for (int dx = 0; dx < bw; dx++)
          sum += ink[(y * bh + dy) * w + x * bw + dx];
      out[y * SIDE + x] = (float) (sum / (bw * bh));
    }
}

/* The fitted 20×20 box (read back from where nn_digit_prepare pasted it) in the middle of the
 * frame, before it is moved to centre its mass. */
static void fitted_box(const float *prepared, const nn_digit_info *info, float *out)
{
  memset(out, 0, sizeof(float) * SIDE * SIDE);
  int x0 = (SIDE - info->fit_w) / 2, y0 = (SIDE - info->fit_h) / 2;
  for (int y = 0; y < info->fit_h; y++)
    for (int x = 0; x < info->fit_w; x++) {
      int sy = info->offset_y + y, sx = info->offset_x + x;
      if (sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE)
        out[(y0 + y) * SIDE + x0 + x] = prepared[sy * SIDE + sx];
    }
}

/* The steps of nn_digit_prepare on what is drawn: as drawn, cropped and fitted into 20×20,
 * centred by mass in 28×28 (what the network gets). */
static void show_preparation(CnnPage *p)
{
  int w, h;
  const float *ink = eiaf_digit_canvas_get_image(p->canvas, &w, &h);
  float steps[N_STEPS][SIDE * SIDE];
  nn_digit_info info;
  nn_error err = {{0}};
  if (!nn_digit_prepare(ink, h, w, SIDE, steps[2], &info, &err)) {
    eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->prep), NULL, 0, 0, 0);
    return;
  }
  sheet_thumbnail(ink, w, h, steps[0]);
  fitted_box(steps[2], &info, steps[1]);
  /* Short: the tiles are narrow; the caption says the rest. */
  const char *labels[] = {_("As drawn"), _("Cropped, fitted"), _("Centred by mass"), NULL};
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->prep), &steps[0][0], N_STEPS, SIDE, SIDE);
  eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(p->prep), labels);
}

/* The feature maps of the last input the model ran on (the drawn digit, after "predicted"). */
static void show_model_maps(CnnPage *p, nn_model *m)
{
  for (int k = 0; k < 2; k++) {
    int shape[NN_MAX_DIMS];
    if (nn_model_layer_shape(m, map_layers[k], shape) != 3)
      continue;
    eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->maps[k]), nn_model_output(m, map_layers[k]),
                               (guint) shape[0], (guint) shape[1], (guint) shape[2]);
  }
}

/* ---- the test image shown until something is drawn ---- */

static void show_sample(CnnPage *p, const nn_snapshot *snap)
{
  const nn_snap_item *label = nn_snapshot_find(snap, "sample_label");
  const nn_snap_item *sample = nn_snapshot_find(snap, "sample");
  if (!label || !sample)
    return;
  char buf[4];
  const char *name = class_name(p, (int) label->data[0], buf);
  g_autofree char *caption = p->fashion == 1
                                 ? g_strdup_printf(_("A test image (%s), until you draw"), name)
                                 : g_strdup_printf(_("A test digit (%s), until you draw"), name);
  const char *labels[] = {caption, NULL};
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->prep), sample->data, 1, SIDE, SIDE);
  eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(p->prep), labels);
  for (int k = 0; k < 2; k++) {
    char item[16];
    g_snprintf(item, sizeof item, "maps/%d", map_layers[k]);
    eiaf_show_images(p->maps[k], snap, item);
  }
}

static void on_canvas_changed_cb(EiafDigitCanvas *canvas, CnnPage *p)
{
  if (eiaf_digit_canvas_is_empty(canvas)) {
    nn_snapshot *snap = eiaf_lesson_page_get_snapshot(p->page);
    if (snap)
      show_sample(p, snap);
  } else {
    show_preparation(p);
  }
}

static void on_predicted_cb(EiafDigitPredictor *predictor, CnnPage *p)
{
  nn_model *m = eiaf_digit_predictor_get_model(predictor);
  if (m)
    show_model_maps(p, m);
}

/* ---- digits or clothes ---- */

static void set_classes(CnnPage *p, int fashion)
{
  if (fashion == p->fashion)
    return;
  p->fashion = fashion;
  const char *names[G_N_ELEMENTS(fashion_names) + 1] = {NULL};
  for (guint c = 0; fashion && c < G_N_ELEMENTS(fashion_names); c++)
    names[c] = _(fashion_names[c]);
  gtk_label_set_text(GTK_LABEL(p->draw_caption), fashion ? _("Your garment") : _("Your digit"));
  eiaf_digit_predictor_set_prompt(p->predictor, fashion ? _("Draw a garment") : NULL);
  eiaf_digit_canvas_set_hint(p->canvas, fashion ? _("Draw a garment here") : NULL);
  eiaf_digit_predictor_set_class_names(p->predictor, fashion ? names : NULL);
}

/* ---- page ---- */

/* A picture under a caption of the page's own (the caption can change: *caption, if not NULL),
 * in a box. */
static GtkWidget *captioned(GtkWidget *picture, const char *text, GtkWidget **caption)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new(text);
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_label_set_wrap(GTK_LABEL(label), TRUE);
  gtk_widget_add_css_class(label, "heading");
  gtk_box_append(GTK_BOX(box), label);
  if (caption)
    *caption = label;
  gtk_box_append(GTK_BOX(box), picture);
  return box;
}

static gpointer cnn_build(EiafLessonPage *page)
{
  CnnPage *p = g_new0(CnnPage, 1);
  p->page = page;
  p->fashion = -1;
  GtkWidget *predictor = eiaf_digit_predictor_new(SIDE);
  p->predictor = EIAF_DIGIT_PREDICTOR(predictor);
  p->canvas = eiaf_digit_predictor_get_canvas(p->predictor);
  eiaf_lesson_page_add_picture(page, captioned(predictor, NULL, &p->draw_caption), NULL,
                               EIAF_PICTURE_HALF);

  p->prep = image_grid_new(EIAF_COLORMAP_GREY, FALSE);
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(p->prep), 1);
  eiaf_plot_set_placeholder_text(EIAF_PLOT(p->prep), _("Nothing drawn yet"));
  eiaf_lesson_page_add_picture(
      page, p->prep,
      _("Your drawing prepared as MNIST’s digits: cropped, fitted into 20 × 20, centred by mass"),
      EIAF_PICTURE_HALF);

  static const char *const map_captions[2] = {
      N_("After the first convolution and ReLU: 16 feature maps, 28 × 28"),
      N_("After the second convolution and ReLU: 32 feature maps, 14 × 14"),
  };
  for (int k = 0; k < 2; k++) {
    p->maps[k] = image_grid_new(EIAF_COLORMAP_SEQUENTIAL, FALSE);
    eiaf_plot_set_placeholder_text(EIAF_PLOT(p->maps[k]),
                                   _("The maps appear with the first trained network"));
    eiaf_lesson_page_add_picture(page, p->maps[k], _(map_captions[k]), EIAF_PICTURE_HALF);
  }

  eiaf_page_add_training_plots(page, &p->plots, _("Accuracy per epoch (dashed: held-out images)"));

  /* The kernels fit the controls column, under the sliders, where they stay in view. */
  p->kernels = image_grid_new(EIAF_COLORMAP_DIVERGING, TRUE);
  eiaf_plot_set_title(EIAF_PLOT(p->kernels), _("The first layer’s 16 kernels (5 × 5)"));
  gtk_widget_set_size_request(p->kernels, 240, 200);
  GtkWidget *kernels_box = captioned(p->kernels, eiaf_plot_get_title(EIAF_PLOT(p->kernels)), NULL);
  gtk_widget_set_margin_top(kernels_box, 12);
  /* A plot asks for 480 pixels of width by nature; the column is 300 wide. */
  GtkWidget *clamp = adw_clamp_new();
  adw_clamp_set_maximum_size(ADW_CLAMP(clamp), 300);
  adw_clamp_set_tightening_threshold(ADW_CLAMP(clamp), 300);
  adw_clamp_set_child(ADW_CLAMP(clamp), kernels_box);
  eiaf_lesson_page_add_side_widget(page, clamp);

  set_classes(p, 0);
  g_signal_connect(p->canvas, "changed", G_CALLBACK(on_canvas_changed_cb), p);
  g_signal_connect(p->predictor, "predicted", G_CALLBACK(on_predicted_cb), p);
  return p;
}

static void cnn_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  CnnPage *p = state;
  const nn_snap_item *fashion = nn_snapshot_find(snap, "fashion");
  if (fashion)
    set_classes(p, fashion->data[0] > 0.5f);
  eiaf_show_training_plots(&p->plots, snap);
  eiaf_show_images(p->kernels, snap, "kernels");
  if (eiaf_digit_canvas_is_empty(p->canvas))
    show_sample(p, snap);
  /* Predicts the drawn digit again with the newer network ("predicted" shows its maps). */
  eiaf_digit_predictor_set_snapshot(p->predictor, snap, 0);
}

static void cnn_free(gpointer state)
{
  CnnPage *p = state;
  g_signal_handlers_disconnect_by_data(p->canvas, p);
  g_signal_handlers_disconnect_by_data(p->predictor, p);
  g_free(p);
}

const EiafPageSpec eiaf_page_cnn_mnist = {
    .lesson_id = "cnn-mnist",
    .explanation = N_(
        "The course’s convolutional network, at MNIST’s full 28 × 28. Its first layer slides 16 "
        "kernels of 5 × 5 over the image, each looking for one kind of stroke; a second layer of "
        "32 kernels finds the shapes those strokes make, and a Linear layer turns the 1568 "
        "numbers left into ten scores — the way you read handwriting: strokes, then shapes, "
        "then the word."),
    .try_this = N_(
        "Draw a digit while the network trains and watch its answer firm up. It is prepared as "
        "MNIST’s digits were, so a small or off-centre digit still reads. The first layer’s maps "
        "light up along strokes, the second’s on larger parts. With a Fashion-MNIST folder "
        "(menu, <b>Open data folder…</b>) the same network learns clothes."),
    .lab_note = N_("Accuracy is measured on held-out images; Quick takes batches of 20 at "
                   "lr 0.05 for 4 epochs, which make more of the bundled 8,000 digits (97%) "
                   "than the course’s 3 epochs of 100 (95%)."),
    .build = cnn_build,
    .update = cnn_update,
    .free_state = cnn_free,
};
