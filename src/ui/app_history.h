// The history lines a start left in the snapshot (persist_history.h), from the app's side: read a
// batch at a time between frames by the platform, or all that is left at once when something is
// about to change the data (the store refuses changes until they are in), be exported or handed
// to another tab.
#pragma once
#include "ui/app_state.h"

namespace dd::ui {

// Reads up to `lines` more lines; true while some remain. When the last are in, the views rebuild
// what they cached (the timelines); when they cannot be read, app.history_problem says why (the
// timelines say the history is missing; the platform's notice, which lasts, says it once).
bool read_pending_history(App& app, size_t lines);
// Everything left, now. Nothing to do when no lines are pending.
void finish_pending_history(App& app);

}  // namespace dd::ui
