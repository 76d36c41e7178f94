// "Export CSV": the current slice (filters, search, sort, visible columns in their order) as a
// download request the platform hands to the browser (platform/web/download.cpp).
#pragma once
#include "ui/list_state.h"

namespace dd::ui {

// The file for the slice shown now; `today` names it ("deals-2026-11-23.csv").
DownloadRequest list_export_csv(const ListState& ls, const Store& store, Day today);

}  // namespace dd::ui
