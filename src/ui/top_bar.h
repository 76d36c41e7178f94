// The top bar: logo, pipeline picker, view switcher (Board / List / Forecast), search box,
// undo / redo (labels in tooltips), theme toggle and "Load sample data". It lays itself out to
// the window width: below ~1000 px the wordmark and button texts give way to icons.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_top_bar(ViewContext& ctx, float width);

}  // namespace dd::ui
