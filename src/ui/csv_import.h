// The "Import CSV" dialog of the List view: the mapping (a combo per column), then the file read
// and parsed as it streams in (progress in bytes), the plan built across frames (progress in
// rows), then the preview (unknown stage and owner names to map or create, the first rows, every
// bad row with its line and reason, "Skip N bad rows") and Import, which applies the ImportDeals
// command in slices across frames with its progress ("Imported 340,000 of 1,000,000 deals") and
// a Cancel that rolls back (csv_import_apply.h): all-or-nothing, one undo step.
//
// The platform side (platform/web/file_picker.cpp, or a test standing in for it) opens the
// dialog with the file's first bytes, and whenever csv_import_wants_bytes() says so, reads the
// next slice (at most kImportSliceBytes from read_bytes) and hands it to csv_import_feed.
#pragma once
#include "ui/view_context.h"

#include <string>
#include <string_view>

namespace dd::ui {

struct CsvImportState;

// Starts the dialog on a picked file: its name, size and first bytes (the header is in them).
void open_csv_import(CsvImportState& s, std::string file_name, size_t file_bytes, std::string_view first_bytes);

// True when the dialog is reading and waits for the next slice (the caller then sets
// s.read_pending and fetches kImportSliceBytes, or less at the end, from s.read_bytes).
bool csv_import_wants_bytes(const CsvImportState& s);
// The slice that starts at s.read_bytes: parsed at once; the last one (or an empty one: the file
// ended early) starts the plan. Ignored unless the dialog is reading and waiting for it.
void csv_import_feed(CsvImportState& s, std::string_view bytes);
// The read failed: back to the mapping step with the reason shown.
void csv_import_read_failed(CsvImportState& s, std::string why);

void draw_csv_import(ViewContext& ctx);
// What the main area shows instead of the current view while an import is applied: the views do
// not read a half-imported workspace (their caches would follow it a frame at a time).
void draw_import_backdrop(ViewContext& ctx);

// Bytes read and parsed per slice: a slice per frame keeps the progress bar moving (about 20 ms
// of parsing on a slow machine).
constexpr size_t kImportSliceBytes = 1u << 20;
// The first bytes handed to open_csv_import: the header record is within them.
constexpr size_t kImportHeaderBytes = 64u << 10;

}  // namespace dd::ui
