// Hands the files the views asked for (ListState::downloads) to the browser as downloads:
// a Blob, an object URL and a click on a temporary <a download>; opens the import file picker
// and saves the list's column layout to the device prefs when asked. Called after each frame.
#pragma once

namespace dd::web {

struct WebApp;
void list_files_after_frame(WebApp& web);

}  // namespace dd::web
