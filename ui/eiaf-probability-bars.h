/* EiafProbabilityBars: a classifier's answer as K labelled bars (the ten digits), each with
 * its probability as a percentage; the winner stands out in the accent colour and is what the
 * accessible description says. */
#pragma once

#include "eiaf-plot.h"

G_BEGIN_DECLS

#define EIAF_TYPE_PROBABILITY_BARS (eiaf_probability_bars_get_type())
G_DECLARE_FINAL_TYPE(EiafProbabilityBars, eiaf_probability_bars, EIAF, PROBABILITY_BARS, EiafPlot)

GtkWidget *eiaf_probability_bars_new(void);

/* k probabilities in [0, 1] (others are clamped; NaN counts as 0). Copied; k = 0 clears. */
void eiaf_probability_bars_set_values(EiafProbabilityBars *self, const float *probs, guint k);
/* One label per bar (NULL-terminated; NULL: "0", "1", …). Copied. */
void eiaf_probability_bars_set_labels(EiafProbabilityBars *self, const char *const *labels);
/* The index of the largest probability, or -1 without values. */
int eiaf_probability_bars_get_winner(EiafProbabilityBars *self);
/* Where bar `index` was last drawn (its filled part), in widget coordinates. */
gboolean eiaf_probability_bars_get_bar_area(EiafProbabilityBars *self, guint index,
                                            graphene_rect_t *rect);
/* Where the full height (probability 1) of every bar reaches, from the last draw. */
gboolean eiaf_probability_bars_get_scale_area(EiafProbabilityBars *self, graphene_rect_t *rect);

G_END_DECLS
