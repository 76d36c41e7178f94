// The board's filter row under the top bar: owner, statuses, expected-close range, a way to clear
// them, and the pipeline settings button. (The search box is the top bar's.)
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

inline constexpr float kFilterRowHeight = 40.0f;

void draw_board_filters(ViewContext& ctx, float width);

}  // namespace dd::ui
