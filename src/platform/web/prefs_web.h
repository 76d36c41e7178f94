// The device preferences (the list's column layout, ui/list_prefs.h) in the browser's
// localStorage: read once at start, before the first frame, and written after any frame that
// changed them. Per device and per origin, apart from the workspace in IndexedDB: clearing one
// does not touch the other. Storage that refuses (disabled, full) only means defaults next time.
#pragma once

namespace dd::web {

struct WebApp;
void prefs_load(WebApp& web);
void prefs_save_if_changed(WebApp& web);

}  // namespace dd::web
