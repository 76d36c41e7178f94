// The List view's "Import CSV": when the view asks (ListState::pick_import_file), an
// <input type=file> is opened; the chosen file's first bytes open the import dialog
// (ui/csv_import.h) on its header; when the dialog reads the file, it is fetched slice by slice
// (File.slice, one slice per frame, each parsed as it arrives), never held whole. Called after
// each frame, from list_files_after_frame.
#pragma once

namespace dd::web {

struct WebApp;
void file_picker_after_frame(WebApp& web);

}  // namespace dd::web
