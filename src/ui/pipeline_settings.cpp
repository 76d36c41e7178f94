#include "ui/pipeline_settings.h"
namespace dd::ui {
void draw_pipeline_settings(ViewContext&) {}
}
