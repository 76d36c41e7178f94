// Saved views of the list: a named search + filters + sort + columns, kept in the workspace (a
// SavedView record per view, changed only through its commands) so they survive a reload.
//  * a chip per view: one click restores all of it (the table is re-created from its layout);
//  * the "Views" menu: every view (choose, rename, move up, delete), "All deals", and a new view
//    saved from what is shown;
//  * once the shown filters, sort or columns differ from the chosen view, the view reads as
//    modified and offers "Update view" (the same view, now like this) and "Save as new".
#pragma once
#include "ui/view_context.h"

namespace dd::ui {

void draw_list_saved_views(ViewContext& ctx);
// What is shown now (search box, filters, sort, columns) as a view named `name` (not yet saved).
SavedView capture_saved_view(const UiState& ui, const char* name);
// Shows `view`: its search text, filters (and the filter popup's fields), sort and columns.
void apply_saved_view(UiState& ui, const SavedView& view, const Workspace& ws);
// Once the workspace is loaded after a start (ls.view_restore_pending, list_prefs.h): shows the
// view this device chose last in it, when it still exists and the current user sees it; else the
// list stays on "All deals" (deleted meanwhile in another tab, or by undo: no error).
void choose_remembered_view(UiState& ui, const Store& store);
// True when what is shown differs from `view` (widths within a pixel count as the same; a width
// of 0 in the view means "automatic" and matches any).
bool view_is_modified(const UiState& ui, const SavedView& view);

}  // namespace dd::ui
