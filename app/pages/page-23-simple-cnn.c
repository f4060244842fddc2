/* Lesson 23's page: the loss and accuracy, the four 2×2 kernels at the start and now, and what
 * every layer makes of a vertical and a horizontal bar — each map drawn where it lies in the
 * 11×11 image (a smaller map sits centred, grey around it), so the shrinking shows. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eiaf-image-grid.h"
#include "eiaf-line-plot.h"
#include "eiaf-page-spec.h"
#include "eiaf-page-util.h"

#define SIDE      11 /* the images' side */
#define N_KERNELS 4  /* 2×2 each: conv 1's two, conv 2's two */
#define N_CLASSES 2
#define N_LAYERS  6 /* the layers drawn as maps: conv, ReLU, pool, twice */

/* One tile per channel of each drawn layer, after the input: 1 + 2·3 + 1·3. */
#define TILES_PER_CLASS 10

typedef struct {
  GtkWidget *kernels, *maps;
  EiafTrainingPlots plots;
  GtkLabel *redraws, *answers;
} SimpleCnnPage;

static const char *const class_names[N_CLASSES] = {N_("vertical"), N_("horizontal")};

static GtkLabel *note_label(void)
{
  GtkWidget *label = gtk_label_new("");
  gtk_label_set_xalign(GTK_LABEL(label), 0);
  gtk_label_set_wrap(GTK_LABEL(label), TRUE);
  gtk_label_set_selectable(GTK_LABEL(label), TRUE);
  return GTK_LABEL(label);
}

static GtkWidget *image_grid(guint columns, gboolean shared_scale)
{
  GtkWidget *grid = eiaf_image_grid_new();
  eiaf_image_grid_set_columns(EIAF_IMAGE_GRID(grid), columns);
  eiaf_image_grid_set_shared_scale(EIAF_IMAGE_GRID(grid), shared_scale);
  eiaf_image_grid_set_show_colorbar(EIAF_IMAGE_GRID(grid), shared_scale);
  gtk_widget_set_vexpand(grid, TRUE);
  return grid;
}

/* A picture with a note under it (the grid keeps the card's caption as its title). */
static GtkWidget *with_note(GtkWidget *picture, const char *title, GtkLabel *note)
{
  GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 6);
  eiaf_plot_set_title(EIAF_PLOT(picture), title);
  gtk_box_append(GTK_BOX(box), picture);
  gtk_box_append(GTK_BOX(box), GTK_WIDGET(note));
  return box;
}

static gpointer simple_cnn_build(EiafLessonPage *page)
{
  SimpleCnnPage *p = g_new0(SimpleCnnPage, 1);
  const char *kernels_title =
      _("The four 2×2 kernels at the start (top) and now (bottom), on one colour scale");
  p->kernels = image_grid(N_KERNELS, TRUE);
  p->redraws = note_label();
  gtk_widget_set_size_request(p->kernels, 240, 200);
  eiaf_lesson_page_add_picture(page, with_note(p->kernels, kernels_title, p->redraws),
                               kernels_title, EIAF_PICTURE_FULL);

  const char *maps_title = _("What each layer makes of a vertical bar (top) and a horizontal "
                             "bar (bottom): each map where it lies in the image, on its own "
                             "colour scale (orange: positive, blue: negative)");
  p->maps = image_grid(TILES_PER_CLASS, FALSE);
  gtk_widget_set_size_request(p->maps, 240, 150);
  p->answers = note_label();
  eiaf_lesson_page_add_picture(page, with_note(p->maps, maps_title, p->answers), maps_title,
                               EIAF_PICTURE_FULL);

  eiaf_page_add_training_plots(page, &p->plots, NULL);
  return p;
}

/* ---- the kernels ---- */

static void show_kernels(SimpleCnnPage *p, const nn_snapshot *s)
{
  const nn_snap_item *before = nn_snapshot_find(s, "kernels/before");
  const nn_snap_item *after = nn_snapshot_find(s, "kernels/after");
  const gsize per_row = N_KERNELS * 2 * 2;
  if (!before || !after || nn_snap_item_numel(before) != per_row ||
      nn_snap_item_numel(after) != per_row)
    return;
  float data[2 * N_KERNELS * 2 * 2];
  memcpy(data, before->data, sizeof(float) * per_row);
  memcpy(data + per_row, after->data, sizeof(float) * per_row);
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->kernels), data, 2 * N_KERNELS, 2, 2);
  static const char *const kernel_names[N_KERNELS] = {N_("conv 1 → map a"), N_("conv 1 → map b"),
                                                      N_("conv 2 ← map a"), N_("conv 2 ← map b")};
  const char *labels[2 * N_KERNELS + 1] = {NULL};
  for (int i = 0; i < 2 * N_KERNELS; i++)
    labels[i] = _(kernel_names[i % N_KERNELS]);
  eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(p->kernels), labels);

  const nn_snap_item *redraws = nn_snapshot_find(s, "redraws");
  int n = redraws ? (int) redraws->data[0] : 0;
  if (n == 0) {
    gtk_label_set_text(p->redraws, "");
    gtk_widget_set_visible(GTK_WIDGET(p->redraws), FALSE);
    return;
  }
  g_autofree char *text = g_strdup_printf(
      ngettext("The first random start was dead — a ReLU gave 0 for almost every image, so no "
               "gradient could reach the kernels — and was drawn again.",
               "The first %d random starts were dead — a ReLU gave 0 for almost every image, so "
               "no gradient could reach the kernels — and were drawn again.",
               n),
      n);
  gtk_label_set_text(p->redraws, text);
  gtk_widget_set_visible(GTK_WIDGET(p->redraws), TRUE);
}

/* ---- the feature maps ---- */

/* A (c, h, w) map's channels centred in SIDE × SIDE tiles, NaN (grey) around them. */
static int place_channels(const nn_snap_item *it, float *tiles)
{
  if (!it || it->ndim != 3 || it->shape[1] > SIDE || it->shape[2] > SIDE)
    return 0;
  int c = it->shape[0], h = it->shape[1], w = it->shape[2];
  int top = (SIDE - h) / 2, left = (SIDE - w) / 2;
  for (int k = 0; k < c; k++) {
    float *tile = tiles + (gsize) k * SIDE * SIDE;
    for (int i = 0; i < SIDE * SIDE; i++)
      tile[i] = NAN;
    for (int y = 0; y < h; y++)
      memcpy(tile + (gsize) (top + y) * SIDE + left, it->data + ((gsize) k * h + y) * w,
             sizeof(float) * (gsize) w);
  }
  return c;
}

/* The input and layers 0–5 of class c's sample as TILES_PER_CLASS tiles; FALSE if missing. */
static gboolean class_tiles(const nn_snapshot *s, int c, float *tiles)
{
  const nn_snap_item *input = nn_snapshot_findf(s, "maps/%d/input", c);
  if (!input || nn_snap_item_numel(input) != SIDE * SIDE)
    return FALSE;
  memcpy(tiles, input->data, sizeof(float) * SIDE * SIDE);
  int n = 1;
  for (int layer = 0; layer < N_LAYERS; layer++)
    n += place_channels(nn_snapshot_findf(s, "maps/%d/%d", c, layer),
                        tiles + (gsize) n * SIDE * SIDE);
  return n == TILES_PER_CLASS;
}

/* "vertical bar: vertical 99%" from the logits of class c's sample. */
static char *answer_text(const nn_snapshot *s, int c)
{
  const nn_snap_item *logits = nn_snapshot_findf(s, "maps/%d/7", c);
  if (!logits || nn_snap_item_numel(logits) != N_CLASSES)
    return NULL;
  double top = fmax(logits->data[0], logits->data[1]);
  double e0 = exp(logits->data[0] - top), e1 = exp(logits->data[1] - top);
  int guess = logits->data[1] > logits->data[0];
  double p = (guess ? e1 : e0) / (e0 + e1);
  /* TRANSLATORS: "vertical bar → answer: vertical (99%)" */
  return g_strdup_printf(_("%s bar → answer: %s (%.0f%%)"), _(class_names[c]),
                         _(class_names[guess]), 100 * p);
}

static void show_maps(SimpleCnnPage *p, const nn_snapshot *s)
{
  float tiles[N_CLASSES * TILES_PER_CLASS * SIDE * SIDE];
  for (int c = 0; c < N_CLASSES; c++)
    if (!class_tiles(s, c, tiles + (gsize) c * TILES_PER_CLASS * SIDE * SIDE))
      return;
  eiaf_image_grid_set_images(EIAF_IMAGE_GRID(p->maps), tiles, N_CLASSES * TILES_PER_CLASS, SIDE,
                             SIDE);
  static const char *const stage_names[TILES_PER_CLASS] = {
      N_("input"),  N_("conv a"), N_("conv b"), N_("ReLU a"), N_("ReLU b"),
      N_("pool a"), N_("pool b"), N_("conv 2"), N_("ReLU"),   N_("pool")};
  const char *labels[N_CLASSES * TILES_PER_CLASS + 1] = {NULL};
  for (int i = 0; i < N_CLASSES * TILES_PER_CLASS; i++)
    labels[i] = _(stage_names[i % TILES_PER_CLASS]);
  eiaf_image_grid_set_labels(EIAF_IMAGE_GRID(p->maps), labels);

  g_autofree char *first = answer_text(s, 0);
  g_autofree char *second = answer_text(s, 1);
  g_autofree char *text = first && second ? g_strdup_printf("%s · %s", first, second) : NULL;
  gtk_label_set_text(p->answers, text ? text : "");
}

static void simple_cnn_update(EiafLessonPage *page, gpointer state, nn_snapshot *snap)
{
  SimpleCnnPage *p = state;
  eiaf_show_training_plots(&p->plots, snap);
  show_kernels(p, snap);
  show_maps(p, snap);
}

const EiafPageSpec eiaf_page_simple_cnn = {
    .lesson_id = "simple-cnn",
    .explanation =
        N_("A <b>convolutional network</b> learns its kernels instead of being given them. This "
           "one has only four, each 2×2, and must tell a vertical bar from a horizontal one. "
           "The first layer slides its two kernels over the image and makes two maps; ReLU "
           "keeps what is positive; max pooling keeps the strongest value of each 2×2 window; "
           "a second layer mixes the two maps into one; and a last layer weighs its 49 values "
           "into a verdict. Like a child learning to sort sticks: nobody explains “vertical”, "
           "but after enough examples the eye learns what to look for."),
    .try_this = N_("Watch the loss: within a few hundred steps it falls to almost nothing, and "
                   "the kernels have moved from their random start. Follow each bar through "
                   "the layers: every map keeps the bar's shape, smaller and smoother after "
                   "each pooling, until the last 7×7 map is a tall blob or a wide one — easy "
                   "for the last layer to tell apart. Lower <b>Bar pixels on</b> to make the "
                   "bars patchier, or raise <b>Bar shift</b> so that they no longer sit in the "
                   "middle, and see how much more training it takes."),
    .lab_note = N_("A random start that cannot see the image at all (about one in three, in "
                   "the lab too) is drawn again; switch off Redraw dead starts to meet one."),
    .build = simple_cnn_build,
    .update = simple_cnn_update,
    .free_state = g_free,
};
