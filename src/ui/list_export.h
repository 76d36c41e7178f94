// "Export CSV": the current slice (filters, search, sort, visible columns in their order) as a
// browser download (platform/web/download.cpp). The slice is captured when the export starts and
// written in parts, one per frame, each within a time budget: a million rows keep the app
// responsive (a progress bar shows how far it is) and never exist as one 200 MB string.
#pragma once
#include "ui/list_state.h"

namespace dd::ui {

// Starts exporting the slice shown now; `today` names the file ("deals-2026-11-23.csv").
void list_start_export(ListState& ls, Day today);

// Writes the next part (about `budget_ms` of work) into ls.downloads; the last part ends the job.
// app_frame calls it after every frame, whatever the view (a small slice is done in one call).
void list_export_step(ListState& ls, const Store& store, double budget_ms = 25.0);

}  // namespace dd::ui
