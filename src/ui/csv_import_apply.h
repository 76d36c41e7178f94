// Drives the import's apply across frames: app_frame calls csv_import_advance once per frame,
// after the views drew and recorded their intents, with the store the views only read. It starts
// the staged run on the plan's command, spends at most kImportApplyBudgetMs on it, cancels it when
// the dialog asked, and hands back the outcome (Applied or refusal) once the run finished, for the
// frame to report like any command's (toast, change set for the views and persistence).
#pragma once
#include "core/result.h"
#include "core/store.h"

#include <optional>
#include <string>

namespace dd::ui {

struct CsvImportState;

// `snapshot` receives, for an import big enough to be saved as a snapshot, the workspace after
// it, encoded by the run before its commit (StagedImport::encode_snapshot_before_commit).
std::optional<Result<Applied>> csv_import_advance(CsvImportState& s, Store& store, const CommandContext& ctx,
                                                  std::string* snapshot = nullptr);

// Work per frame: the items done between two looks at the clock, and the time spent per frame
// (the frame's drawing comes on top: the whole frame stays near 50 ms on a slow machine).
constexpr size_t kImportApplyItemsPerCheck = 256;
constexpr double kImportApplyBudgetMs = 30.0;

}  // namespace dd::ui
