// The toast's geometry, and an "Undo" action beside it while the toast announces the step that
// Undo would revert ("Moved Acme renewal to Proposal" + Undo). The toast itself is app_dialogs'
// draw_toast; the Undo pill sits right of it, in a small window of its own so it is an item.
// Both place themselves with toast_layout, so the pill always lines up with the toast.
#pragma once
#include "imgui.h"
#include "ui/view_context.h"

namespace dd::ui {

// Where the toast pill sits: centred, space::lg above the bottom of the display.
struct ToastLayout {
    const char* icon = nullptr;   // a check, or an exclamation mark for an error
    ImVec2 min{0, 0}, max{0, 0};  // the pill
    ImVec2 icon_pos{0, 0}, text_pos{0, 0};
    ImVec2 pad{0, 0};             // inside the pill, around the text
};
ToastLayout toast_layout(const ViewContext& ctx, const Toast& toast);

void draw_toast_undo(ViewContext& ctx);

}  // namespace dd::ui
