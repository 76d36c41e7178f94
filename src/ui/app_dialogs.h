// Overlays drawn above every view: the "replace with sample data?" confirmation, the first-start
// "who are you?" dialog and the toast.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_dialogs(ViewContext& ctx);
void draw_toast(ViewContext& ctx);

// Nobody chose who uses this device: the workspace has a team but no current user among it, or no
// team at all (then you create yourself as its admin). Not after "Not now" this session.
bool first_start_needed(const Store& store, const UiState& ui);
// The modal listing the team to pick from, with "I'm new here" (app_dialogs_first_start.cpp).
void draw_first_start(ViewContext& ctx);

}  // namespace dd::ui
