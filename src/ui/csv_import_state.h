// View state of the CSV import dialog (one member of ListState): the picked file's name and size,
// the mapping the user edits, and the work in progress. The file is never held whole: the
// platform (or a test) streams it in slices, each parsed as it arrives (reading a 100 MB file
// shows its progress), then the plan is built across frames; what stays in memory is what the
// plan needs (the converted rows, the command).
#pragma once
#include "core/csv_import.h"
#include "core/staged_import.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dd::ui {

struct CsvImportState {
    // Reading: the file streams in, a slice per frame, parsed as it comes (progress: bytes).
    // Planning: the command is built a batch of rows per frame (progress: rows).
    // Applying: the command runs in slices across frames (core/staged_import.h), driven by
    // csv_import_advance after each frame's drawing (progress: rows checked, then deals imported).
    enum class Step { Closed, Mapping, Reading, Planning, Preview, Applying };
    Step step = Step::Closed;
    std::string file_name;
    size_t file_bytes = 0;                  // the file's size, as the platform reported it
    std::string error;                      // the last read failed (shown in the mapping step)
    std::vector<std::string> headers;
    ImportMapping mapping;
    // The read in progress: `read_bytes` of the file parsed so far; `read_pending` while the
    // platform fetches the next slice (csv_import_wants_bytes says when to ask for one).
    size_t read_bytes = 0;
    bool read_pending = false;
    std::shared_ptr<CsvReader> reader;      // shared_ptr: UiState stays copyable
    std::shared_ptr<ImportParser> parser;
    std::shared_ptr<ImportPlanner> planner;
    std::optional<ImportPlan> plan;
    bool replan = false;                    // a name choice changed: build the plan again
    bool skip_bad_rows = false;
    // The staged run, started by csv_import_advance with the plan's command (moved into it).
    std::shared_ptr<StagedImport> run;
    bool cancel_requested = false;          // Cancel pressed while applying: roll back
    // Items applied per frame: 0 = as many as fit the frame's time budget (csv_import_apply.h);
    // a fixed count makes the frames a test sees the same on any machine.
    size_t apply_items_per_frame = 0;
    // Frames must keep coming without input (reading is paced by the slices' arrival instead).
    bool busy() const { return step == Step::Planning || step == Step::Applying; }
};

}  // namespace dd::ui
