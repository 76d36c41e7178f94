// Pipeline settings, a modal opened from the board's filter row ("Pipeline settings").
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_pipeline_settings(ViewContext& ctx);

}  // namespace dd::ui
