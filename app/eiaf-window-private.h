/* The window's state, shared by the files that implement it (eiaf-window.c: lessons and
 * pages; eiaf-window-actions.c: the menu's actions). */
#pragma once

#include "eiaf-window.h"
#include "nn_lesson.h"

G_BEGIN_DECLS

struct _EiafWindow {
  AdwApplicationWindow parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *content;
  GtkListBox *lesson_list;
  GtkStack *page_stack;
  AdwWindowTitle *lesson_title;
  GtkButton *back_button;
  AdwToastOverlay *toast_overlay;

  const nn_lesson *current;
  char *data_folder; /* "" for the bundled subset */
  GtkLabel *data_label;
  guint store_source; /* a pending write of the current page's parameters */
  gboolean data_check_pending; /* the start-up check of the data folder waits for a frame */
  gulong first_frame_handler;  /* on the frame clock, until that frame */
  guint data_checks;           /* checks of the data folder under way */
};

/* eiaf-window-actions.c */
void eiaf_window_install_actions(GtkWidgetClass *widget_class);
/* Shows what the data folder holds in the sidebar's footer. */
void eiaf_window_show_data_source(EiafWindow *self);
/* An in-window message with what to do (an AdwMessageDialog). */
void eiaf_window_show_error(EiafWindow *self, const char *heading, const char *body);

/* Saves the current lesson's network (the best of several) as safetensors; says how it went. */
void eiaf_window_save_weights(EiafWindow *self, const char *path);
/* Reads a weights file in a thread, then starts its lesson's page from it (offering to open
 * that lesson when it is another one), or says why it cannot. */
void eiaf_window_load_weights(EiafWindow *self, const char *path);

G_END_DECLS
