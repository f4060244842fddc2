#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EIAF_TYPE_APPLICATION (eiaf_application_get_type())
G_DECLARE_FINAL_TYPE(EiafApplication, eiaf_application, EIAF, APPLICATION, AdwApplication)

EiafApplication *eiaf_application_new(void);

G_END_DECLS
