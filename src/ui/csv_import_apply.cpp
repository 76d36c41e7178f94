#include "ui/csv_import_apply.h"

#include "core/persist_workspace.h"
#include "ui/csv_import_state.h"

#include <chrono>

namespace dd::ui {

std::optional<Result<Applied>> csv_import_advance(CsvImportState& s, Store& store, const CommandContext& ctx,
                                                  std::string* snapshot) {
    if (s.step != CsvImportState::Step::Applying) return std::nullopt;
    if (!s.run) {
        // Moved, not copied: a million-row import is a command of a million deals.
        auto started = StagedImport::begin(store, std::move(s.plan->command), ctx);
        s.plan.reset();
        if (!started) {
            s = CsvImportState{};
            return Result<Applied>(started.error());
        }
        s.run = std::move(started.value());
        // Saved as a snapshot, not a journal entry (about two records a deal: itself and its
        // Created line): encoded before the commit, a part per frame, not in the commit's frame.
        if (snapshot && s.run->items() + s.run->deals() > kSnapshotInsteadOfEntry) s.run->encode_snapshot_before_commit();
    }
    if (s.cancel_requested) s.run->cancel();
    const auto start = std::chrono::steady_clock::now();
    bool finished = false;
    if (s.apply_items_per_frame > 0) {
        finished = s.run->step(s.apply_items_per_frame);
    } else {
        for (;;) {
            finished = s.run->step(kImportApplyItemsPerCheck);
            const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
            if (finished || spent.count() >= kImportApplyBudgetMs) break;
        }
    }
    if (!finished) return std::nullopt;
    Result<Applied> outcome = s.run->take_result();
    if (snapshot && outcome.ok()) *snapshot = s.run->take_snapshot();
    s = CsvImportState{};   // closes the dialog (draw_csv_import)
    return outcome;
}

}  // namespace dd::ui
