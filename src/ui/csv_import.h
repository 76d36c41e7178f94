// The "Import CSV" dialog of the List view: the mapping (a combo per column), then the parse with
// a progress bar, then the preview (unknown stage and owner names to map or create, the first
// rows, every bad row with its line and reason, "Skip N bad rows") and Import, which records one
// ImportDeals command: all-or-nothing, one undo step.
#pragma once
#include "ui/view_context.h"

#include <string>

namespace dd::ui {

struct CsvImportState;

// Starts the dialog on a file's text (the platform's file picker or a test calls this).
void open_csv_import(CsvImportState& s, std::string file_name, std::string text);
void draw_csv_import(ViewContext& ctx);

// Bytes parsed per frame: about 20 ms of work on a slow machine, so the progress bar moves.
constexpr size_t kImportSliceBytes = 2u << 20;

}  // namespace dd::ui
