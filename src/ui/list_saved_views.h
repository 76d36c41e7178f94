// Saved views: a row of one-click chips (name = filters + search + sort + columns) and a small
// "Save view" form. Choosing one restores all of it; the table is re-created from its layout.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_saved_views(ViewContext& ctx);
// Capture what is shown now / restore a saved view into the list state (and the search box).
SavedView capture_saved_view(const UiState& ui, const char* name);
void apply_saved_view(UiState& ui, const SavedView& view);

}  // namespace dd::ui
