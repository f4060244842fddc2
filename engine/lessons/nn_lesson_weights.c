/* A weights file back to its lesson's model: the file's metadata names the lesson (looked up
 * in the registry), the variant and the parameters that shape the model. */
#include "nn_registry.h"

#include <string.h>

nn_model *nn_weights_load_model(const nn_st_file *f, const nn_lesson **lesson_out,
                                int *variant_out, double *params_out, nn_error *err)
{
  const char *id = nn_st_meta_get(f, "lesson");
  if (!id) {
    nn_fail(err, "the file does not say which lesson it belongs to (no \"lesson\" in its "
                 "metadata)");
    return NULL;
  }
  const nn_lesson *l = nn_lesson_find(id);
  if (!l || !l->plan_variant) {
    nn_fail(err, "the file is for lesson \"%s\", which this version does not train", id);
    return NULL;
  }
  double params[NN_MAX_PARAMS];
  nn_lesson_preset(l, NN_PRESET_QUICK, params);
  for (int k = 0; k < l->n_params; k++) {
    const char *text = nn_st_meta_get(f, l->params[k].name);
    if (text && !nn_lesson_parse_param(l, k, text, &params[k], err)) {
      nn_fail_prefix(err, "metadata");
      return NULL;
    }
  }
  const char *vname = nn_st_meta_get(f, "variant");
  nn_variant_plan plan;
  int variant = -1;
  for (int v = 0; v < l->n_variants && variant < 0; v++) {
    memset(&plan, 0, sizeof plan);
    if (!l->plan_variant(params, v, &plan, err))
      return NULL;
    if (!vname || strcmp(plan.name, vname) == 0)
      variant = v;
  }
  if (variant < 0) {
    nn_fail(err, "lesson %s has no variant \"%s\"", l->id, vname);
    return NULL;
  }
  nn_model *m = nn_model_new(plan.in_ndim, plan.in_shape, plan.layers, plan.n_layers, err);
  if (!m)
    return NULL;
  if (!nn_model_load(m, f, err)) {
    nn_model_free(m);
    return NULL;
  }
  nn_model_set_training(m, false);
  if (lesson_out)
    *lesson_out = l;
  if (variant_out)
    *variant_out = variant;
  if (params_out)
    memcpy(params_out, params, sizeof params);
  return m;
}
