// The board view: the filter row, then one lane per stage of the shown pipeline (Won and Lost at
// the end), scrolling sideways when they do not fit. Registered in views.cpp.
//
// Clicking a card selects it (what the keyboard acts on); a double-click or Enter opens its deal
// page (deal_page.h); hovering shows its details in a tooltip.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_board(ViewContext& ctx);

}  // namespace dd::ui
