// Selection in the list, like a file manager: click selects one row, Ctrl/Cmd-click toggles a
// row, Shift-click selects the range from the anchor (Ctrl+Shift adds it), "select all" takes
// every filtered row. Rows are positions in ls.rows; the selection holds deal ids.
#pragma once
#include "ui/list_state.h"

namespace dd::ui {

void list_click_row(ListState& ls, size_t position, bool toggle, bool range);
void list_select_all(ListState& ls);
void list_clear_selection(ListState& ls);
// The selected deals in display order (the order bulk moves keep).
std::vector<Id> list_selected_in_order(const ListState& ls);

}  // namespace dd::ui
