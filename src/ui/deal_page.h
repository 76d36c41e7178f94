// The deal page: everything about one deal on one page. Highlights editable in place, a stage
// bar (click a stage to move there), Won / Lost / Abandon / Reopen, notes, activities, and the
// timeline of everything that happened (newest first, filterable). Clone and delete (confirmed),
// both undoable. Other views open it with open_deal (board cards, list rows, contact pages).
#pragma once
#include "core/model.h"
#include "ui/app_state.h"
#include "ui/view_context.h"

namespace dd::ui {

// Shows the deal page for `deal`; "Back" returns to the view shown now.
void open_deal(UiState& ui, Id deal);
// Leaves the deal page for the view it was opened from.
void close_deal_page(UiState& ui);

// The View::Deal row of the views table.
void draw_deal_page(ViewContext& ctx);

}  // namespace dd::ui
