/* What the app remembers between runs. See eiaf-settings.h. */
#include "config.h"

#include "eiaf-settings.h"

#include <glib/gi18n.h>
#include <string.h>

GSettings *eiaf_settings_get(void)
{
  static GSettings *settings;
  static gboolean looked;
  if (looked)
    return settings;
  looked = TRUE;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default();
  g_autoptr(GSettingsSchema) schema =
      source ? g_settings_schema_source_lookup(source, APP_ID, TRUE) : NULL;
  if (!schema) {
    g_printerr(_("everything-is-a-font: the settings schema %s is not installed: nothing will "
                 "be remembered (run the app with `meson devenv`, or install it)\n"),
               APP_ID);
    return NULL;
  }
  settings = g_settings_new_full(schema, NULL, NULL);
  return settings;
}

/* Replaces (or with `entry` NULL removes) the entry for `id` in a dictionary setting. */
static void set_entry(GSettings *settings, const char *key, const char *id, GVariant *entry)
{
  g_autoptr(GVariant) old = g_settings_get_value(settings, key);
  const GVariantType *dict_type = g_variant_get_type(old);
  GVariantBuilder builder;
  g_variant_builder_init(&builder, dict_type);
  GVariantIter iter;
  g_variant_iter_init(&iter, old);
  GVariant *child;
  while ((child = g_variant_iter_next_value(&iter))) {
    const char *child_id;
    g_variant_get_child(child, 0, "&s", &child_id);
    if (!g_str_equal(child_id, id))
      g_variant_builder_add_value(&builder, child);
    g_variant_unref(child);
  }
  if (entry)
    g_variant_builder_add_value(&builder,
                                g_variant_new_dict_entry(g_variant_new_string(id), entry));
  g_settings_set_value(settings, key, g_variant_builder_end(&builder));
}

void eiaf_settings_store_page(EiafLessonPage *page)
{
  GSettings *settings = eiaf_settings_get();
  if (!settings)
    return;
  const nn_lesson *l = eiaf_lesson_page_get_lesson(page);
  const double *values = eiaf_lesson_page_get_params(page);
  GVariantBuilder params;
  g_variant_builder_init(&params, G_VARIANT_TYPE("a{sd}"));
  for (int i = 0; i < l->n_params; i++)
    g_variant_builder_add(&params, "{sd}", l->params[i].name, values[i]);
  set_entry(settings, "lesson-parameters", l->id, g_variant_builder_end(&params));
  const char *preset = eiaf_lesson_page_get_preset(page) == NN_PRESET_COURSE ? "course" : "quick";
  set_entry(settings, "lesson-presets", l->id, g_variant_new_string(preset));
}

void eiaf_settings_forget_lesson(const char *lesson_id)
{
  GSettings *settings = eiaf_settings_get();
  if (!settings)
    return;
  set_entry(settings, "lesson-parameters", lesson_id, NULL);
  set_entry(settings, "lesson-presets", lesson_id, NULL);
}

void eiaf_settings_restore_page(EiafLessonPage *page)
{
  GSettings *settings = eiaf_settings_get();
  if (!settings)
    return;
  const nn_lesson *l = eiaf_lesson_page_get_lesson(page);
  g_autoptr(GVariant) presets = g_settings_get_value(settings, "lesson-presets");
  const char *preset = NULL;
  if (g_variant_lookup(presets, l->id, "&s", &preset) && g_str_equal(preset, "course"))
    eiaf_lesson_page_set_preset(page, NN_PRESET_COURSE);

  g_autoptr(GVariant) all = g_settings_get_value(settings, "lesson-parameters");
  g_autoptr(GVariant) mine = g_variant_lookup_value(all, l->id, G_VARIANT_TYPE("a{sd}"));
  if (!mine)
    return;
  double values[NN_MAX_PARAMS];
  memcpy(values, eiaf_lesson_page_get_params(page), sizeof(double) * (size_t) l->n_params);
  for (int i = 0; i < l->n_params; i++) {
    double v;
    /* A value from an older version may no longer fit: the preset's stays. */
    if (g_variant_lookup(mine, l->params[i].name, "d", &v) && nn_lesson_check_param(l, i, v, NULL))
      values[i] = v;
  }
  eiaf_lesson_page_set_params(page, values);
}
