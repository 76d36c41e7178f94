// The List view's "Import CSV": when the view asks (ListState::pick_import_file), an
// <input type=file> is opened; the chosen file is read in 1 MB slices (File.slice) into the wasm
// heap and appended to a buffer, then handed to the import dialog (ui/csv_import.h), which parses
// it in slices across frames. Called after each frame, from list_files_after_frame.
#pragma once

namespace dd::web {

struct WebApp;
void open_file_picker_if_asked(WebApp& web);

}  // namespace dd::web
