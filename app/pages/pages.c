/* Every lesson's page spec: one file per lesson in this folder (page-NN-id.c); this table is
 * the only list of them. A lesson without a spec gets the generic page (its loss and accuracy
 * curves). */
#include "config.h"

#include "eiaf-page-spec.h"

/* Declarations, in course order. */
extern const EiafPageSpec eiaf_page_xor;
extern const EiafPageSpec eiaf_page_dropout_classification;
extern const EiafPageSpec eiaf_page_dropout_regression;
extern const EiafPageSpec eiaf_page_same_weights;
extern const EiafPageSpec eiaf_page_xavier_init;

static const EiafPageSpec *const page_specs[] = {
    /* In course order. */
    &eiaf_page_xor,
    &eiaf_page_dropout_classification,
    &eiaf_page_dropout_regression,
    &eiaf_page_same_weights,
    &eiaf_page_xavier_init,
    NULL,
};

const EiafPageSpec *eiaf_page_spec_find(const char *lesson_id)
{
  for (int i = 0; page_specs[i]; i++)
    if (g_str_equal(page_specs[i]->lesson_id, lesson_id))
      return page_specs[i];
  return NULL;
}
