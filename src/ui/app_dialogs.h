// Overlays drawn above every view: the "replace with sample data?" confirmation and the toast.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_dialogs(ViewContext& ctx);
void draw_toast(ViewContext& ctx);

}  // namespace dd::ui
