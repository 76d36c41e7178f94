// The board view: the filter row, then one lane per stage of the shown pipeline (Won and Lost at
// the end), scrolling sideways when they do not fit. Registered in views.cpp.
//
// Clicking a card selects it; hovering shows its details; Enter opens a details panel. (The deal
// page is a later issue: until then, the panel and the tooltip are how a deal is "opened".)
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_board(ViewContext& ctx);

}  // namespace dd::ui
