// The deal table: one ImGui table over every column the list can show (reorderable, resizable,
// hideable from the header's context menu, multi-key sortable with Shift-click), rows drawn
// through ImGuiListClipper so only the visible ones cost anything, 32 px rows, right-aligned
// numbers, status pills, a sticky header. Reads its layout and sort back into ListState.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_table(ViewContext& ctx, float height);

}  // namespace dd::ui
