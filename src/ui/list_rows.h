// The list's rows for this frame: the DealTable (kept up to date with the data) queried with the
// filter bar, the top bar's search text and the sort keys (re-run only when one of them changed).
#pragma once
#include "ui/list_state.h"
#include "ui/view_context.h"

#include <utility>

namespace dd::ui {

// The query the list shows: the filter bar plus the top bar's search text.
DealQuery list_query(const ListState& ls, const char* search);

// Brings ls.table, ls.rows and the selection's total up to date. Cheap when nothing changed.
// The table takes the ChangeSets noted since it was last brought up to date; it is built anew
// only when data_version moved in a way they do not explain (a workspace loaded whole).
//
// Change sets of millions of records (a CSV import, its undo) are applied a part per call, at most
// `table_ms` of work each (the frame's budget): until the last part, list_rows_pending() is true,
// ls.rows and the table are half-way and the view shows the progress instead of rows.
void refresh_list_rows(ListState& ls, const Store& store, uint64_t data_version, const char* search,
                       double table_ms = 20.0);
bool list_rows_pending(const ListState& ls, uint64_t data_version);
// Of the change set being applied: records done and its size (for the progress shown).
std::pair<size_t, size_t> list_rows_progress(const ListState& ls);

// The store applied `changes`, taking data_version from `from` to `to` (app_frame, every frame
// that changed data). Any gap in that chain means the table is rebuilt instead.
void note_list_changes(ListState& ls, const std::vector<ChangeSet>& changes, uint64_t from, uint64_t to);

// Sum of the selected deals' values in the base currency.
Money selection_total(const ListState& ls, const Store& store);

}  // namespace dd::ui
