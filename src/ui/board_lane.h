// One lane (column) of the board: header with the stage's figures, quick add, and the card list,
// which submits only the cards inside its scroll window (fixed card pitch, so no measuring).
#pragma once
#include "ui/board_lanes.h"
#include "ui/view_context.h"

namespace dd::ui {

inline constexpr float kLaneMinWidth = 240.0f;
inline constexpr float kLaneMaxWidth = 320.0f;
inline constexpr float kCollapsedLaneWidth = 136.0f;
inline constexpr float kLaneGap = space::sm;

// Draws the lane at the cursor, `width` x `height`, and records where it was in `layout`.
void draw_lane(ViewContext& ctx, const ShownLane& lane, float width, float height, LaneLayout& layout);

// The lane header (stage accent, name, probability, count, totals, sort and collapse buttons).
// Returns its height.
float draw_lane_header(ViewContext& ctx, const ShownLane& lane, float width, bool collapsed);

}  // namespace dd::ui
