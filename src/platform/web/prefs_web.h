// The device preferences (the list's column layout and the view chosen last in each workspace,
// ui/list_prefs.h) in the browser's localStorage: read once at start, before the first frame, and
// written after any frame that changed them. The remembered view is shown once the workspace is
// loaded from IndexedDB (data_ready), after the frame that finds it loaded. Per device and per origin, apart from the workspace in IndexedDB: clearing one
// does not touch the other. Storage that refuses (disabled, full) only means defaults next time.
#pragma once

namespace dd::web {

struct WebApp;
void prefs_load(WebApp& web);
// After every frame: the remembered view once the workspace is loaded, then save what changed.
void prefs_after_frame(WebApp& web);

}  // namespace dd::web
