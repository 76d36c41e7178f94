// The list's rows for this frame: the DealTable (rebuilt when the data changed) queried with the
// filter bar, the top bar's search text and the sort keys (re-run only when one of them changed).
#pragma once
#include "ui/list_state.h"
#include "ui/view_context.h"

namespace dd::ui {

// The query the list shows: the filter bar plus the top bar's search text.
DealQuery list_query(const ListState& ls, const char* search);

// Brings ls.table, ls.rows and the selection's total up to date. Cheap when nothing changed.
void refresh_list_rows(ListState& ls, const Store& store, uint64_t data_version, const char* search);

// Sum of the selected deals' values in the base currency.
Money selection_total(const ListState& ls, const Store& store);

}  // namespace dd::ui
