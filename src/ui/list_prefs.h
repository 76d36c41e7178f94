// The list's per-device preferences: its column layout (order, widths, shown or hidden) and the
// saved view last chosen in each workspace (shown again after a reload). It is how
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
#include <vector>

namespace dd::ui {

// {"format":"dealdeck-prefs","version":1,"list_columns":[{"column":"value","width":120,"visible":true},...],
//  "list_views":["6b1f0c2d9e8a7f31",...]}
// list_views (optional; older records have none): the view chosen last in each workspace this
// device opened, newest first. A workspace has no id of its own, but view ids are random 64-bit
// ids, so the views of one workspace are never another's: the first listed view that exists in
// the workspace being opened is its remembered one, and none means "All deals".
std::string encode_list_prefs(const TableLayout& layout, const std::vector<Id>& views = {});
// The layout in `text`, or nullopt when it is not a prefs record this version understands (the
// list then shows its default columns). Unknown column names are skipped.
std::optional<TableLayout> decode_list_prefs(std::string_view text);
// The remembered views in `text` (empty when none, or not a prefs record this version understands).
std::vector<Id> decode_remembered_views(std::string_view text);

// At most this many workspaces' chosen views are remembered (the oldest are forgotten).
constexpr size_t kRememberedViews = 16;

// At start: the saved layout becomes the list's (its table is created from it on its next frame),
// and the remembered views wait for the workspace (ls.view_restore_pending): the platform calls
// choose_remembered_view (list_saved_views.h) once it is loaded.
void restore_list_prefs(ListState& ls, std::string_view text);
// After a frame: the view shown now becomes the remembered one of workspace `ws` (its other views
// and deleted views leave the list; "All deals" leaves none of its views in it). Nothing happens
// while a restore is pending, so the start's "All deals" never overwrites what was remembered.
void remember_chosen_view(ListState& ls, const Workspace& ws);
// After a frame: the text to save when the layout or the remembered views changed since they were
// last saved or restored.
std::optional<std::string> take_list_prefs(ListState& ls);

// A saved layout fitted to the workspace's columns (`defaults`): columns it lacks (a custom field
// added since) are appended as the defaults have them, columns the workspace no longer has (a
// removed custom field) are dropped, and the title column is never hidden.
TableLayout fit_layout(const TableLayout& saved, const TableLayout& defaults);

}  // namespace dd::ui
