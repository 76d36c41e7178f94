// Per-row actions of the list: a context menu on each row (Open, Duplicate, Log activity) and the
// two small dialogs they open (the deal's summary, the activity form). They record commands only.
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_row_context_menu(ViewContext& ctx, const Deal& deal);   // right after the row's item
void draw_row_dialogs(ViewContext& ctx);                           // once per frame, outside the table

}  // namespace dd::ui
