// One frame of the app: top bar + current view, then the recorded intents applied to the store.
// The platform (or the test driver) fills ImGui's io (display size, input) before, and renders
// ImGui::GetDrawData() after. ImGui::NewFrame/Render are called in here, bracketed by the item
// registry, so the registry always describes the last frame drawn.
#pragma once
#include "core/model.h"
#include "core/store_load.h"
#include "ui/app_state.h"

#include <string>
#include <vector>

namespace dd::ui {

struct FrameOutput {
    // Something will change on its own (a toast expiring): draw again in this many ms.
    // Negative: nothing pending, the platform may sleep until the next input.
    double wake_after_ms = -1.0;
    bool data_changed = false;   // the store changed this frame (persistence saves on this)
    std::vector<ChangeSet> changes;   // what each applied command/undo/redo changed (the journal)
    // A huge CSV import committed this frame, alone: the whole workspace as it stands now,
    // binary-encoded while the import finished (StagedImport::encode_snapshot_before_commit), so
    // persistence saves it without encoding a million deals in this frame. Empty otherwise.
    std::string snapshot;
};

// Creates the ImGui context state the app relies on (ini off, registry attached, theme).
// Call once after ImGui::CreateContext().
void init_app_ui(App& app);

// Loads the first-start workspace (one "Sales pipeline") into the store.
void load_starter_workspace(App& app, Millis now);

FrameOutput app_frame(App& app, Millis now);

// Replace the workspace through the validated loader path; shows a toast either way.
Status load_workspace_into(App& app, Workspace ws, Millis now, const char* what);
// The same for a workspace its loader already checked (a file): not checked a second time.
Status load_workspace_into(App& app, CheckedWorkspace ws, Millis now, const char* what);

}  // namespace dd::ui
