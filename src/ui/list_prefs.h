// The list's per-device preferences: its column layout (order, widths, shown or hidden). It is how
// the person at this device likes to see the list, not workspace data: it never goes through the
// store, its undo history or the workspace file. The platform keeps the text (the web:
// localStorage, platform/web/prefs_web.cpp; the native tests: a string), restores it at start and
// saves it after any frame that changed it.
#pragma once
#include "core/saved_view.h"
#include "ui/list_state.h"

#include <optional>
#include <string>
#include <string_view>

namespace dd::ui {

// {"format":"dealdeck-prefs","version":1,"list_columns":[{"column":"value","width":120,"visible":true},...]}
std::string encode_list_prefs(const TableLayout& layout);
// The layout in `text`, or nullopt when it is not a prefs record this version understands (the
// list then shows its default columns). Unknown column names are skipped.
std::optional<TableLayout> decode_list_prefs(std::string_view text);

// At start: the saved layout becomes the list's; its table is created from it on its next frame.
void restore_list_prefs(ListState& ls, std::string_view text);
// After a frame: the text to save when the layout changed since it was last saved or restored.
std::optional<std::string> take_list_prefs(ListState& ls);

// A saved layout fitted to the workspace's columns (`defaults`): columns it lacks (a custom field
// added since) are appended as the defaults have them, columns the workspace no longer has (a
// removed custom field) are dropped, and the title column is never hidden.
TableLayout fit_layout(const TableLayout& saved, const TableLayout& defaults);

}  // namespace dd::ui
