// Board keys (when no text field has the keyboard): arrows move the selection between cards and
// lanes, Enter opens the selected deal's page, Shift+Right / Shift+Left move the selected deal
// to the next / previous open stage, Delete asks nothing and deletes (undoable, like every command).
#pragma once
#include "ui/board_lanes.h"
#include "ui/view_context.h"

#include <vector>

namespace dd::ui {

void handle_board_keys(ViewContext& ctx, const std::vector<ShownLane>& lanes);

}  // namespace dd::ui
