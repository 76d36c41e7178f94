// An "Undo" action next to the app's toast, while the toast announces the step that Undo would
// revert ("Moved Acme renewal to Proposal" + Undo). The toast itself is app_dialogs' draw_toast;
// this adds a clickable pill right of it, in a small window of its own so it is an item.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_toast_undo(ViewContext& ctx);

}  // namespace dd::ui
