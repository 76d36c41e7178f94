// Drag and drop of cards: a pressed card that moves past ImGui's drag threshold starts a drag; the
// lane under the mouse is the target (drop indicator between cards, or the whole lane when it is
// sorted or collapsed); lists scroll near their edges; the release records a MoveDeal (a drop on
// Lost asks for the reason first).
#pragma once
#include "ui/board_lanes.h"
#include "ui/view_context.h"

#include <vector>

namespace dd::ui {

// Before the lanes: starts or cancels a drag, forgets last frame's target.
void begin_drag_frame(ViewContext& ctx);
// Inside a lane's list (or a collapsed lane): claims the target when the mouse is over the lane,
// draws the drop indicator, scrolls the list near its top and bottom edges. `top` is the screen
// position of the list's first card slot (scrolled).
void track_drop_target(ViewContext& ctx, const ShownLane& lane, LaneLayout& layout, ImVec2 top);
// Inside the board's horizontal scroller: scrolls it when a drag nears its left or right edge.
void autoscroll_board(ViewContext& ctx, ImVec2 view_min, ImVec2 view_max);
// After the lanes: draws the card under the mouse, and on release drops it.
void end_drag_frame(ViewContext& ctx, const std::vector<ShownLane>& lanes);

// Records what dropping `deal` at `index` of `lane` means: nothing, a move, or the lost dialog.
void drop_deal(ViewContext& ctx, Id deal, const ShownLane& lane, size_t index);

}  // namespace dd::ui
